"""The `Allow` header of a 405: every method the path takes, over all its routes.

Starlette answers a method a path does not take from the first route whose path matched, so
a path served by two routes (GET and POST of /admin/login, POST and the other methods of
/payme) named only that route's methods.
"""

from __future__ import annotations

from starlette.routing import BaseRoute, Match, Route
from starlette.types import Scope


def allowed_methods(routes: list[BaseRoute], scope: Scope) -> str:
    methods: set[str] = set()
    for route in routes:
        if isinstance(route, Route) and route.methods and \
                route.matches(scope)[0] is not Match.NONE:
            methods |= route.methods
    return ", ".join(sorted(methods))
