"""Each operator's dashboard language, kept in the database (any browser, any backend
process); before an operator picks one, the browser's Accept-Language decides."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
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
    insert = sqlite_insert(OperatorLanguage) if db.is_sqlite else pg_insert(OperatorLanguage)
    with db.write() as session:  # two choices at once: the later one stays, neither fails
        session.execute(insert.values(operator_id=operator_id, language=language)
                        .on_conflict_do_update(index_elements=["operator_id"],
                                               set_={"language": language}))
