"""A kiosk-API route's OpenAPI description, from the contract's table of answers: the
answer model of each status code and, for a body that is not JSON, its media type."""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

from fastapi import FastAPI

from contract.kiosk_api import JSON, ROUTES, answers_of, route
from contract.photo_names import MAX_PHOTO_BYTES


def documented(method: str, path: str) -> dict[str, Any]:
    """Keyword arguments for the router's decorator: response_model, responses, and the
    request body when it is raw bytes (the handler reads the stream itself)."""
    answers = answers_of(method, path)
    success = min(answers)
    extra: dict[str, Any] = {
        "response_model": answers[success],
        "status_code": success,
        "responses": {
            status: {"model": model, "description": HTTPStatus(status).phrase}
            for status, model in answers.items() if status != success
        },
    }
    if "order_id" in answers[success].model_fields:
        extra["responses"][success] = {"links": order_links(path)}
    declared = route(method, path)
    if method in ("PUT", "POST") and declared.content_type != JSON:
        extra["openapi_extra"] = {"requestBody": {"required": True, "content": {
            declared.content_type: {"schema": {"type": "string", "format": "binary",
                                               "maxLength": MAX_PHOTO_BYTES}}}}}
    return extra



def order_links(source: str) -> dict[str, Any]:
    """OpenAPI links from an answer naming an order to every other route of that order:
    how a client (and the fuzzer's stateful phase) goes from a QR to its status, cancel
    and photos."""
    return {
        f"{other.method.lower()}{other.path}".replace("/", "_").replace("{", "").replace("}", ""): {
            "operationRef": "#/paths/" + other.path.replace("~", "~0").replace("/", "~1")
                            + "/" + other.method.lower(),
            "parameters": {"order_id": "$response.body#/order_id"},
        }
        for other in ROUTES if "{order_id}" in other.path and other.path != source
    }


def html_answers(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """`responses=` for a page's other answers: each an HTML page of its own."""
    return {status: {"description": HTTPStatus(status).phrase,
                     "content": {"text/html": {"schema": {"type": "string"}}}}
            for status in statuses}


def empty_answers(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """`responses=` for answers with no body."""
    return {status: {"description": HTTPStatus(status).phrase} for status in statuses}


def refusals_as_answered(app: FastAPI) -> None:
    """Every route's 422 in the document as the app answers it: `{"detail": "<field>: <why>"}`
    (backend.app's handler), not FastAPI's default list of error objects."""
    build = app.openapi

    def document() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = build()
            schemas = schema.get("components", {}).get("schemas", {})
            if "HTTPValidationError" in schemas:
                schemas["HTTPValidationError"] = {
                    "title": "HTTPValidationError", "type": "object", "required": ["detail"],
                    "properties": {"detail": {"title": "Detail", "type": "string"}}}
                schemas.pop("ValidationError", None)
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = document  # type: ignore[method-assign]
