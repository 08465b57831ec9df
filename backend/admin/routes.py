"""/admin routes: each parses, calls one function of the backend, renders a template."""

from __future__ import annotations

import asyncio
import time
from urllib.parse import urlencode, urlsplit

from fastapi import APIRouter, Depends, FastAPI, HTTPException, Request
from fastapi.responses import RedirectResponse, Response
from fastapi.staticfiles import StaticFiles

from backend.admin import documents, refund_routes
from backend.admin.auth import (
    LOGIN_PATH,
    OperatorForm,
    OperatorSession,
    check_csrf,
    clear_session_cookie,
    operator_session,
    read_form,
    set_session_cookie,
)
from backend.admin.charts import HEIGHT, WIDTH, revenue_bars
from backend.admin.i18n import browser_language
from backend.admin.languages import choose_language
from backend.admin.login_pages import POOL_BUSY, WRONG_PASSWORD, LoginPages
from backend.admin.page_language import operator_language, pages
from backend.admin.rendering import SECURITY_HEADERS, Pages
from backend.alerts import open_alerts, recent_alerts
from backend.context import BackendContext
from backend.deps import Ctx
from backend.enrollment import (
    BOOTH_NAME_PATTERN,
    BOOTH_NAME_RULE,
    CODE_LIFETIME_MS,
    create_code,
    is_booth_name,
    revoke_booth,
)
from backend.fleet_api import client_address
from backend.fleet_overview import booth_report, fleet_rows
from backend.operator_sessions import (
    COOKIE_NAME,
    SessionInfo,
    end_session,
    is_login_form_cookie,
    load_session,
    login_form,
    start_session,
)
from backend.operators import LoginLocked, LoginRefused, authenticate
from backend.order_search import PAGE_ROWS, PROVIDERS, OrderFilter, orders_csv, search_orders
from backend.password_checks import PasswordChecks, PoolBusy
from backend.refunds import refunds_for
from contract.payment_status import PaymentStatus

# The login routes read no session row for a login form's cookie and render no template
# per request (login_pages): a storm of wrong logins stays cheap for the event loop.
public = APIRouter(prefix="/admin")
# Every route of this router needs an operator's session: none can forget it.
router = APIRouter(prefix="/admin",
                   dependencies=[Depends(operator_session), Depends(operator_language)])


# What /admin/orders and its CSV read from the query string (OrderFilter.parse).
ORDER_QUERY = documents.query("booth", "view", "status", "provider", "date_from", "date_to")


def password_checks(request: Request) -> PasswordChecks:
    return request.app.state.password_checks


def see_other(path: str) -> RedirectResponse:
    return RedirectResponse(path, status_code=303, headers=SECURITY_HEADERS)


# ----- logging in and out -------------------------------------------------------------------


def login_pages(request: Request) -> LoginPages:
    return request.app.state.login_pages


def browser_language_of(request: Request) -> str:
    return browser_language(request.headers.get("accept-language"))


async def login_session(ctx: BackendContext, cookie: str | None) -> SessionInfo | None:
    """The session behind the cookie: a login form's without the database, else the stored
    one (an operator already logged in)."""
    if cookie is None or is_login_form_cookie(cookie):
        return login_form(cookie) if cookie is not None else None
    if len(cookie) > 100:
        return None
    return await ctx.run(load_session, ctx.db, cookie, ctx.clock.now_ms())


def login_answer(request: Request, ctx: BackendContext, session: SessionInfo | None,
                 message: str = "", status_code: int = 200) -> Response:
    """The login form (with a message), under the visitor's form cookie or a fresh one."""
    cookie = request.cookies.get(COOKIE_NAME)
    form = session if session is not None else login_form(cookie)
    response = login_pages(request).answer(browser_language_of(request), form.csrf_token,
                                           message, status_code)
    if form.token != cookie:
        set_session_cookie(response, form.token, ctx.settings.secure_cookies)
    return response


def too_many_logins(request: Request, ctx: BackendContext) -> Response:
    """429 while the pool is full, decided before the form is read or a session looked up:
    a cookie that may be an operator's session is left as it is."""
    cookie = request.cookies.get(COOKIE_NAME)
    if cookie is None or is_login_form_cookie(cookie):
        return login_answer(request, ctx, None, POOL_BUSY, 429)
    return login_pages(request).answer(browser_language_of(request),
                                       login_form(None).csrf_token, POOL_BUSY, 429)


@public.get("/login", **documents.page())
async def get_login(request: Request, ctx: Ctx) -> Response:
    """Writes nothing: the form's CSRF token is derived from a fresh cookie (login_form)."""
    session = await login_session(ctx, request.cookies.get(COOKIE_NAME))
    if session is not None and session.operator_id is not None:
        return see_other("/admin")
    return login_answer(request, ctx, session)


async def _not_before(moment: float) -> None:
    await asyncio.sleep(max(0.0, moment - time.monotonic()))


@public.post("/login", **documents.page_form(
    {"name": documents.TEXT, "password": documents.TEXT}, html=(401, 429)))
async def post_login(request: Request, ctx: Ctx) -> Response:
    checks = password_checks(request)
    if checks.busy:
        return too_many_logins(request, ctx)
    # A refused login is answered no sooner than this (login(1)'s delay): each guess costs
    # the guesser the wait and the server nothing, as nothing runs meanwhile.
    refused_not_before = time.monotonic() + ctx.settings.wrong_login_delay_seconds
    form = await read_form(request)
    cookie = request.cookies.get(COOKIE_NAME)
    stored = await login_session(ctx, cookie)
    check_csrf(form, stored)
    session = stored if stored is not None else login_form(cookie)
    request.state.language = browser_language_of(request)
    name, password = form.get("name", "").strip(), form.get("password", "")
    if "\x00" in name + password:
        # No operator's name or password holds one (and PostgreSQL cannot compare it).
        await _not_before(refused_not_before)
        return login_answer(request, ctx, session, WRONG_PASSWORD, 401)
    try:
        operator = await checks.run(
            authenticate, ctx.db, name, password, client_address(request), ctx.clock.now_ms())
    except PoolBusy:
        return login_answer(request, ctx, session, POOL_BUSY, 429)
    except LoginLocked as exc:
        await _not_before(refused_not_before)
        minutes = max(1, -(-(exc.until_ms - ctx.clock.now_ms()) // 60_000))
        return pages(request).render(
            "login.html", 429, csrf=session.csrf_token,
            error=pages(request).words(
                "Too many wrong passwords: try again in {minutes} min.").format(minutes=minutes))
    except LoginRefused:
        await _not_before(refused_not_before)
        return login_answer(request, ctx, session, WRONG_PASSWORD, 401)
    # A new session id at login: whoever knew the anonymous one gains nothing.
    await ctx.run(end_session, ctx.db, session.token)
    fresh = await ctx.run(start_session, ctx.db, operator.id, operator.name,
                          ctx.clock.now_ms())
    response = see_other("/admin")
    set_session_cookie(response, fresh.token, ctx.settings.secure_cookies)
    return response


@router.post("/logout", **documents.redirecting_form({}))
async def post_logout(ctx: Ctx, session: OperatorSession, _form: OperatorForm) -> Response:
    await ctx.run(end_session, ctx.db, session.token)
    response = see_other(LOGIN_PATH)
    clear_session_cookie(response, ctx.settings.secure_cookies)
    return response


@router.post("/language", **documents.redirecting_form(
    {"language": documents.TEXT}, refusals=(422,)))
async def post_language(request: Request, ctx: Ctx, session: OperatorSession,
                        form: OperatorForm) -> Response:
    """The operator's language from now on, on every browser; back to the page they were on
    (only a path of the dashboard is followed)."""
    assert session.operator_id is not None
    try:
        await ctx.run(choose_language, ctx.db, session.operator_id, form.get("language", ""))
    except ValueError as exc:
        raise HTTPException(422, str(exc)) from exc
    came_from = urlsplit(request.headers.get("referer", ""))
    back = came_from.path + (f"?{came_from.query}" if came_from.query else "")
    return see_other(back if back.startswith("/admin") else "/admin")


# ----- the fleet ------------------------------------------------------------------------------


async def _fleet_values(request: Request, ctx: Ctx) -> dict[str, object]:
    now_ms = ctx.clock.now_ms()
    rows = await ctx.run(fleet_rows, ctx.db, now_ms, pages(request).zone)
    alerts = await ctx.run(open_alerts, ctx.db)
    return {"rows": rows, "alerts": alerts, "now_ms": now_ms,
            "refresh_s": ctx.settings.dashboard_refresh_seconds}


@router.get("", **documents.page())
async def get_fleet(request: Request, ctx: Ctx, session: OperatorSession) -> Response:
    values = await _fleet_values(request, ctx)
    return pages(request).render("fleet.html", session=session, **values)


@router.get("/fleet", **documents.page())
async def get_fleet_fragment(request: Request, ctx: Ctx) -> Response:
    """The part of /admin that refreshes itself (htmx polls it)."""
    return pages(request).render("_fleet.html", **await _fleet_values(request, ctx))


@router.get("/booths/{name:path}", **documents.page(refusals=(404,)))
async def get_booth(name: str, request: Request, ctx: Ctx, session: OperatorSession) -> Response:
    view = pages(request)
    report = await ctx.run(booth_report, ctx.db, name, ctx.clock.now_ms(), view.zone)
    if report is None:
        raise HTTPException(404, f"no booth {name!r}")
    alerts = await ctx.run(recent_alerts, ctx.db, name)
    return view.render("booth.html", session=session, report=report, alerts=alerts,
                       order_rows=[(order, name) for order in report.orders],
                       bars=revenue_bars(report.days, report.currency, view.words),
                       best_day=max((day.revenue_minor for day in report.days), default=0),
                       chart_width=WIDTH, chart_height=HEIGHT, now_ms=ctx.clock.now_ms())


# ----- orders ---------------------------------------------------------------------------------


@router.get("/orders", **documents.page(), openapi_extra=ORDER_QUERY)
async def get_orders(request: Request, ctx: Ctx, session: OperatorSession) -> Response:
    view = pages(request)
    wanted = OrderFilter.parse(request.query_params)
    rows = await ctx.run(search_orders, ctx.db, wanted, view.zone)
    booths = await ctx.run(fleet_rows, ctx.db, ctx.clock.now_ms(), view.zone)
    query = {key: value for key, value in request.query_params.items() if value}
    refunds = await ctx.run(refunds_for, ctx.db, [order.id for order, _ in rows])
    back = "/admin/orders" + (f"?{urlencode(query)}" if query else "")
    return view.render("orders.html", session=session, wanted=wanted, rows=rows,
                       refunds=refunds, back=back,
                       page_rows=PAGE_ROWS,
                       booth_names=[row.name for row in booths],
                       statuses=[status.value for status in PaymentStatus],
                       providers=PROVIDERS, csv_query=urlencode(query))


@router.get("/orders.csv", **documents.CSV, openapi_extra=ORDER_QUERY)
async def get_orders_csv(request: Request, ctx: Ctx) -> Response:
    view = pages(request)
    wanted = OrderFilter.parse(request.query_params)
    rows = await ctx.run(search_orders, ctx.db, wanted, view.zone, None)
    refunds = await ctx.run(refunds_for, ctx.db, [order.id for order, _ in rows])
    name = "orders-undelivered.csv" if wanted.undelivered else "orders.csv"
    return Response(orders_csv(rows, refunds), media_type="text/csv; charset=utf-8", headers={
        **SECURITY_HEADERS, "Content-Disposition": f'attachment; filename="{name}"'})


# ----- devices --------------------------------------------------------------------------------


async def _devices_page(request: Request, ctx: Ctx, session: OperatorSession, *,
                        status_code: int = 200, **extra: object) -> Response:
    view = pages(request)
    rows = await ctx.run(fleet_rows, ctx.db, ctx.clock.now_ms(), view.zone)
    values: dict[str, object] = {"code": None, "code_booth": "", "code_expires": 0,
                                 "error": "", "name_rule": BOOTH_NAME_RULE, **extra}
    return view.render("devices.html", status_code, session=session, rows=rows,
                       public_url=ctx.settings.public_url, **values)


@router.get("/devices", **documents.page())
async def get_devices(request: Request, ctx: Ctx, session: OperatorSession) -> Response:
    return await _devices_page(request, ctx, session)


@router.post("/devices/enroll", **documents.page_form(
    {"name": documents.text(BOOTH_NAME_PATTERN)}, html=(422,)))
async def post_enroll(request: Request, ctx: Ctx, session: OperatorSession,
                      form: OperatorForm) -> Response:
    name = form.get("name", "").strip()
    if not is_booth_name(name):
        return await _devices_page(request, ctx, session, status_code=422,
                                   error=pages(request).words(
                                       f"A booth name is {BOOTH_NAME_RULE}."))
    now_ms = ctx.clock.now_ms()
    code = await ctx.run(create_code, ctx.db, name, session.operator_name or "", now_ms)
    return await _devices_page(request, ctx, session, code=f"{code[:4]}-{code[4:]}",
                               code_booth=name, code_expires=now_ms + CODE_LIFETIME_MS)


@router.post("/devices/revoke", **documents.redirecting_form({"name": documents.TEXT}))
async def post_revoke(ctx: Ctx, session: OperatorSession, form: OperatorForm) -> Response:
    await ctx.run(revoke_booth, ctx.db, form.get("name", ""), session.operator_name or "",
                  ctx.clock.now_ms())
    return see_other("/admin/devices")


def install(app: FastAPI, ctx: BackendContext) -> None:
    app.state.admin_pages = Pages(ctx)
    app.state.login_pages = LoginPages(app.state.admin_pages)
    app.state.password_checks = PasswordChecks()
    app.include_router(public)
    app.include_router(router)
    app.include_router(refund_routes.router)
    app.mount("/static/admin", StaticFiles(packages=[("backend.admin", "static")]),
              name="admin-static")
