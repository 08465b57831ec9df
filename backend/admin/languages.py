"""Each operator's dashboard language, kept in the database (any browser, any backend
process); before an operator picks one, the browser's Accept-Language decides."""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlmodel import Field, SQLModel

from backend.admin.i18n import LANGUAGES, browser_language
from backend.database import Database


class OperatorLanguage(SQLModel, table=True):
    __tablename__ = "operator_languages"

    operator_id: int = Field(primary_key=True, foreign_key="operators.id")
    language: str = Field(max_length=8)


def language_of(db: Database, operator_id: int | None, accept_language: str | None) -> str:
    if operator_id is not None:
        with db.read() as session:
            chosen = session.scalars(select(OperatorLanguage.language).where(
                OperatorLanguage.operator_id == operator_id)).first()
        if chosen in LANGUAGES:
            return chosen
    return browser_language(accept_language)


def choose_language(db: Database, operator_id: int, language: str) -> None:
    if language not in LANGUAGES:
        raise ValueError(f"language {language!r} is not one of {', '.join(LANGUAGES)}")
    with db.write() as session:
        session.execute(delete(OperatorLanguage).where(
            OperatorLanguage.operator_id == operator_id))
        session.add(OperatorLanguage(operator_id=operator_id, language=language))
