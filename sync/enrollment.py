"""Exchanging an enrollment code for this booth's device token (`kiosk enroll`)."""

from __future__ import annotations

from dataclasses import dataclass

import requests

TIMEOUT = (5.0, 20.0)


class EnrollmentFailed(Exception):
    """The backend refused the code or could not be reached; the message says which."""


@dataclass(frozen=True)
class Enrollment:
    name: str  # the booth's name on the dashboard
    device_token: str


def enroll(backend_url: str, code: str) -> Enrollment:
    url = f"{backend_url.rstrip('/')}/api/devices/enroll"
    try:
        response = requests.post(url, json={"code": code}, timeout=TIMEOUT)
    except requests.RequestException as exc:
        raise EnrollmentFailed(f"cannot reach {backend_url}: {type(exc).__name__}") from None
    if response.status_code != 200:
        try:
            detail = response.json().get("detail", response.text)
        except ValueError:
            detail = response.text[:200]
        raise EnrollmentFailed(f"the backend refused the code ({response.status_code}): {detail}")
    try:
        body = response.json()
        return Enrollment(str(body["name"]), str(body["device_token"]))
    except (ValueError, KeyError, TypeError) as exc:
        raise EnrollmentFailed(f"unexpected answer from {backend_url}: {exc!r}") from None
