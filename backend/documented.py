"""A kiosk-API route's OpenAPI description, from the contract's table of answers: the
answer model of each status code and, for a body that is not JSON, its media type."""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

from contract.kiosk_api import JSON, answers_of, route
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
    declared = route(method, path)
    if method in ("PUT", "POST") and declared.content_type != JSON:
        extra["openapi_extra"] = {"requestBody": {"required": True, "content": {
            declared.content_type: {"schema": {"type": "string", "format": "binary",
                                               "maxLength": MAX_PHOTO_BYTES}}}}}
    return extra

