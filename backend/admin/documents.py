"""What the operator's pages and forms take and answer, for the OpenAPI document.

Pages are HTML; a route needing an operator's session answers anyone else 303 to the login
page; a form whose CSRF token is not the session's is refused 403, one over the form cap
413 (both `{"detail": …}`); a form that did its work answers 303 to the next page.
"""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

from fastapi.responses import HTMLResponse, Response

from backend.admin.auth import CSRF_FIELD
from backend.documented import html_answers
from contract.kiosk_api import Problem

FORM = "application/x-www-form-urlencoded"


def see_other() -> dict[int | str, dict[str, Any]]:
    """A redirect: its Location is the page to go to (its body is not part of the answer)."""
    return {303: {"description": "See Other", "headers": {"Location": {
        "required": True, "schema": {"type": "string"}}}}}


def refused(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """Refusals as JSON `{"detail": …}` (spelled out: a page's route would describe its
    models as HTML)."""
    return {status: {"description": HTTPStatus(status).phrase, "content": {
        "application/json": {"schema": Problem.model_json_schema()}}} for status in statuses}


def page(*html: int, refusals: tuple[int, ...] = ()) -> dict[str, Any]:
    """An operator's page (HTML; other answers HTML or refusals)."""
    return {"response_class": HTMLResponse,
            "responses": {**see_other(), **html_answers(*html), **refused(*refusals)}}


TEXT: dict[str, Any] = {"type": "string"}


def text(pattern: str) -> dict[str, Any]:
    """A field whose whole value follows `pattern` (a Python full-match expression)."""
    return {"type": "string", "pattern": f"^(?:{pattern.strip('^$')})$"}


def _form_body(fields: dict[str, dict[str, Any]]) -> dict[str, Any]:
    properties = {CSRF_FIELD: TEXT, **fields}
    return {"requestBody": {"required": True, "content": {FORM: {"schema": {
        "type": "object", "properties": properties, "required": [CSRF_FIELD]}}}}}


def redirecting_form(fields: dict[str, dict[str, Any]], *, refusals: tuple[int, ...] = (),
                     html: tuple[int, ...] = ()) -> dict[str, Any]:
    """A form that answers 303 to the next page once done (`html`: the statuses of the
    pages it answers instead, saying why not)."""
    return {"status_code": 303, "response_class": Response,
            "responses": {**see_other(), **html_answers(*html), **refused(403, 413, *refusals)},
            "openapi_extra": _form_body(fields)}


def page_form(fields: dict[str, dict[str, Any]], *, html: tuple[int, ...] = ()) -> dict[str, Any]:
    """A form that answers with a page (its own status codes in `html`)."""
    return {"response_class": HTMLResponse,
            "responses": {**see_other(), **html_answers(*html), **refused(403, 413)},
            "openapi_extra": _form_body(fields)}


def query(*names: str) -> dict[str, Any]:
    """Query parameters a handler reads itself (from request.query_params)."""
    return {"parameters": [{"name": name, "in": "query", "required": False,
                            "schema": {"type": "string"}} for name in names]}


CSV = {"response_class": Response,
       "responses": {200: {"description": "OK", "content": {"text/csv": {"schema": {
           "type": "string"}}}}, **see_other()}}
