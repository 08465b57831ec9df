"""Tables of the photos-on-the-phone link: one link per order, one row per stored photo of
the order's shown set, and the number of that set."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Column, DateTime, Integer, String, UniqueConstraint
from sqlmodel import Field, SQLModel


class PhotoLink(SQLModel, table=True):
    """The order's page token: only its SHA-256 is looked up; `sealed` is the token masked
    with a key only the booth's device token gives, so generate-qr can answer the same URL
    again while a database dump reveals neither."""

    __tablename__ = "photo_links"

    id: int | None = Field(default=None, primary_key=True)
    order_pk: int = Field(foreign_key="orders.id", unique=True)
    token_hash: str = Field(sa_column=Column(String(64), nullable=False, unique=True))
    sealed: str = Field(sa_column=Column(String(64), nullable=False))
    created_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))
    expired_at: datetime | None = Field(
        default=None, sa_column=Column(DateTime(timezone=True), nullable=True)
    )


class PhotoFile(SQLModel, table=True):
    """A photo of the order's shown set (PhotoSet): a newer set's first photo deletes these."""

    __tablename__ = "photo_files"
    __table_args__ = (UniqueConstraint("order_pk", "name", name="uq_photo_file_name"),)

    id: int | None = Field(default=None, primary_key=True)
    order_pk: int = Field(foreign_key="orders.id", index=True)
    name: str = Field(max_length=32)
    sha256: str = Field(max_length=64)
    size: int = Field(sa_column=Column(BigInteger, nullable=False))
    stored_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))


class PhotoSet(SQLModel, table=True):
    """Which of the booth's sets of the order's photos the page shows: the newest one begun
    (a retake after payment composes a new print, the booth uploads it as the next set).
    No row: set 1, as every order had before sets."""

    __tablename__ = "photo_sets"

    id: int | None = Field(default=None, primary_key=True)
    order_pk: int = Field(foreign_key="orders.id", unique=True)
    number: int = Field(sa_column=Column(Integer, nullable=False))
    begun_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))


class PhotoCode(SQLModel, table=True):
    """The short code of an order's page (contract.photo_codes): looked up by a slow hash of
    the code (a dump cannot be searched for 2^40 codes), the token kept sealed with the code
    itself, so only someone who knows the code can be sent on to the token's page."""

    __tablename__ = "photo_codes"

    id: int | None = Field(default=None, primary_key=True)
    order_pk: int = Field(foreign_key="orders.id", unique=True)
    code_hash: str = Field(sa_column=Column(String(64), nullable=False, unique=True))
    sealed_token: str = Field(sa_column=Column(String(64), nullable=False))
    created_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))
