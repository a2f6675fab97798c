"""Work queues: each role's home page, filtered and paged in place with htmx, and the same list
as an xlsx export.

Paging: pages go on by keyset cursor (resolvers/paging.py), so page 300 of a million rows costs
what page 1 costs. Page numbers are offered for the first JUMP_PAGES pages (one index read of
at most JUMP_PAGES × size rows finds where a numbered page starts); past them the list goes on
with 下一页 and still shows which page it is on, and 第1页 leads back.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlencode

from starlette.datastructures import QueryParams
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from resolvers.calendar import load_calendar
from resolvers.details import topic_names
from resolvers.exports import EXPORT_CAP, start_export
from resolvers.queues import default_order, filter_choices, queue_counts, queue_filter
from resolvers.reads import Order, PetitionFilter, list_petitions
from resolvers.units import dispatch_targets, unit_names
from web.labels import label
from web.session import clock, render, staff
from web.xlsx import Column, Sheet, xlsx_response
from workflow.deadlines import TZ, parse_local_instant, remaining_in_words, waited_in_words
from workflow.enums import OPEN_STATES, Action, Category, Channel, Light, State
from workflow.errors import ErrorCode, FieldErrors, WorkflowError
from workflow.lights import light_of
from workflow.queues import QueueSpec, queue_by_key, queues_for

PAGE_SIZES = (20, 50, 100)
JUMP_PAGES = 10
_ORDERS = {"deadline": Order.DEADLINE, "new": Order.NEWEST, "waiting": Order.WAITING}
# The screen's names for the fields the resolvers name in their refusals.
FIELD_LABELS = {
    "round": "办理轮次",
    "overdueDays": "超期工作日",
    "createdFrom": "受理日期（起）",
    "createdTo": "受理日期（止）",
    "deadlineFrom": "办理时限（起）",
    "deadlineTo": "办理时限（止）",
    "page": "页码",
}


def _choice(enum: type, value: str | None):  # type: ignore[no-untyped-def]
    try:
        return enum(value) if value else None
    except ValueError:
        return None


def _number(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() and len(value) <= 9 else None


@dataclass
class Filters:
    """The list's controls as read from the URL: the filter for the resolvers, what the form
    shows, and the refusals to show beside it."""

    base: PetitionFilter
    state: dict[str, Any]
    errors: list[tuple[str, str]] = field(default_factory=list)

    @property
    def query(self) -> dict[str, Any]:
        return {k: v for k, v in self.state.items() if v not in ("", None)}


def _date(params: QueryParams, name: str, field_name: str, end: bool, errors: FieldErrors):
    """A date picker's day; an end day includes the whole day (up to the next midnight)."""
    value = (params.get(name) or "").strip()
    if not value:
        return None
    with errors.check():
        moment = parse_local_instant(value, field_name)
        return moment + timedelta(days=1) if moment and end and len(value) == 10 else moment
    return None


def read_filters(params: QueryParams, current: QueueSpec) -> Filters:
    errors = FieldErrors()
    text = (params.get("q") or "").strip()[:50]
    category = _choice(Category, params.get("category"))
    light = _choice(Light, params.get("light"))
    state_value = _choice(State, params.get("state"))
    channel = _choice(Channel, params.get("channel"))
    order = _ORDERS.get(params.get("sort") or "", default_order(current))
    district = _number(params.get("district"))
    unit = _number(params.get("unit"))
    street = _number(params.get("street"))
    community = _number(params.get("community")) if street else None
    topic = _number(params.get("topic"))
    overdue = True if params.get("overdue") == "1" else None
    only_open = params.get("open") == "1"
    urged = {"1": True, "0": False}.get(params.get("urged") or "")
    round_ = _number(params.get("round"))
    days_text = (params.get("overdue_days") or "").strip()
    overdue_days = None
    if days_text:
        overdue_days = _number(days_text)
        if overdue_days is None:
            errors.add("overdueDays", "请填写整数（工作日数）")
    created_from = _date(params, "created_from", "createdFrom", False, errors)
    created_to = _date(params, "created_to", "createdTo", True, errors)
    deadline_from = _date(params, "deadline_from", "deadlineFrom", False, errors)
    deadline_to = _date(params, "deadline_to", "deadlineTo", True, errors)
    size = _number(params.get("size"))
    size = size if size in PAGE_SIZES else PAGE_SIZES[0]
    page = _number(params.get("page")) or 1
    states = [state_value] if state_value else (sorted(OPEN_STATES) if only_open else None)
    base = PetitionFilter(
        states=states,
        text=text or None,
        category=category,
        light=light,
        district_id=district,
        unit_id=unit,
        topic_id=topic,
        overdue=overdue,
        street_id=street,
        community_id=community,
        channel=channel,
        urged=urged,
        round=round_,
        overdue_days=overdue_days,
        created_from=created_from,
        created_to=created_to,
        deadline_from=deadline_from,
        deadline_to=deadline_to,
    )
    shown = {
        "tab": current.key,
        "q": text,
        "category": category or "",
        "light": light or "",
        "state": state_value or "",
        "channel": channel or "",
        "sort": next(k for k, v in _ORDERS.items() if v is order),
        "district": district or "",
        "unit": unit or "",
        "street": street or "",
        "community": community or "",
        "topic": topic or "",
        "overdue": "1" if overdue else "",
        "open": "1" if only_open else "",
        "urged": params.get("urged") if urged is not None else "",
        "round": round_ or "",
        "overdue_days": days_text[:4],
        "created_from": (params.get("created_from") or "")[:10],
        "created_to": (params.get("created_to") or "")[:10],
        "deadline_from": (params.get("deadline_from") or "")[:10],
        "deadline_to": (params.get("deadline_to") or "")[:10],
        "size": size if size != PAGE_SIZES[0] else "",
    }
    filters = Filters(base, shown, list(errors.found))
    filters.state["_order"] = order
    filters.state["_size"] = size
    filters.state["_page"] = page
    return filters


def _visible_query(f: Filters, **extra: Any) -> str:
    values = {k: v for k, v in f.query.items() if not k.startswith("_")}
    values.update({k: v for k, v in extra.items() if v})
    return urlencode(values)


async def _rows(page_items: list[Any], now: datetime) -> list[dict[str, Any]]:
    unit_ids = {p.handling_unit_id for p in page_items if p.handling_unit_id} | {
        p.district_id for p in page_items
    }
    units = await unit_names(unit_ids)
    topics = await topic_names()
    cal = await load_calendar()
    rows = []
    for p in page_items:
        lit = light_of(p.state, p.deadline, p.yellow_at, now)
        rows.append(
            {
                "p": p,
                "light": lit,
                "remaining": remaining_in_words(cal, p.deadline, now) if lit and p.deadline else "",
                "waited": waited_in_words(p.inbox_since, now)
                if p.state == State.TRIAGE and p.inbox_since
                else "",
                "unit": units.get(p.handling_unit_id or 0, ""),
                "district": units.get(p.district_id, ""),
                "topic": topics.get(p.topic_id or 0, ""),
                "age_days": max(0, (now - p.created_at).days),
            }
        )
    return rows


def _pages(number: int, size: int, total: int, exact: bool, has_next: bool) -> list[int]:
    """The page numbers to link: those of the first JUMP_PAGES pages that exist."""
    last = -(-total // size) if exact else JUMP_PAGES
    if not has_next:
        last = min(last, number)
    return list(range(1, max(1, min(last, JUMP_PAGES)) + 1))


async def queue(request: Request) -> Response:
    actor = await staff(request)
    now = clock(request)
    params = request.query_params
    current = queue_by_key(actor, params.get("tab"))
    if current.href:  # not a petition queue: it has its own page
        return RedirectResponse(current.href, status_code=303)
    f = read_filters(params, current)
    order, size, number = f.state["_order"], f.state["_size"], f.state["_page"]
    after = params.get("after") or None
    if after is None and number > JUMP_PAGES:
        number = 1  # a page past the numbered ones is reached by cursor only
    page = None
    errors = list(f.errors)
    if not errors:
        try:
            page = await list_petitions(
                actor,
                queue_filter(actor, current, f.base),
                now,
                size,
                after,
                order,
                count=True,
                skip=0 if after else (number - 1) * size,
            )
        except WorkflowError as exc:
            if exc.code is not ErrorCode.INVALID_FIELD or exc.field == "after":
                return RedirectResponse(f"/?tab={current.key}", status_code=303)
            errors = exc.fields or [(exc.field or "", exc.message)]
    rows = await _rows(page.items, now) if page else []
    choices = await filter_choices(actor, f.base.street_id)
    targets = []
    if current.batch is Action.DISPATCH and rows:
        targets = await dispatch_targets(actor.unit)
    numbers: list[int] = []
    if page is not None and page.count is not None:
        numbers = _pages(number, size, page.count.value, page.count.exact, page.has_next)
    context = {
        "batch_targets": targets,
        "queues": queues_for(actor),
        "counts": await queue_counts(actor, now),
        "current": current,
        "rows": rows,
        "page": page,
        "state": f.state,
        "choices": choices,
        "channels": list(Channel),
        "states": list(State),
        "page_sizes": PAGE_SIZES,
        "errors": [(FIELD_LABELS.get(k, k), m) for k, m in errors],
        "page_number": number,
        "page_numbers": numbers,
        # The refresh re-reads exactly what is on screen: filters, order and page.
        "query": _visible_query(f, after=after or "", page=number if number > 1 else ""),
        "next_query": _visible_query(f, after=page.end_cursor if page else "", page=number + 1),
        "page_query": {n: _visible_query(f, page=n if n > 1 else "") for n in numbers or [1]},
        "export_query": _visible_query(f),
    }
    if request.headers.get("hx-request") and request.headers.get("hx-target") == "queue-rows":
        return render(request, "_queue_rows.html", {**context, "refresh_tabs": True})
    return render(request, "queue.html", context)


async def communities(request: Request) -> Response:
    """The community picker's options for the chosen street (the street picker swaps them)."""
    actor = await staff(request)
    street = _number(request.query_params.get("street"))
    choices = await filter_choices(actor, street)
    return render(request, "_queue_communities.html", {"choices": choices, "selected": ""})


async def queue_xlsx(request: Request) -> Response:
    """The list on screen (every page of it, up to EXPORT_CAP rows) as a workbook."""
    actor = await staff(request)
    now = clock(request)
    current = queue_by_key(actor, request.query_params.get("tab"))
    if current.href:
        return RedirectResponse(current.href, status_code=303)
    f = read_filters(request.query_params, current)
    if f.errors:  # the list itself shows what is wrong
        return RedirectResponse(f"/?{_visible_query(f)}", status_code=303)
    export = start_export(
        actor,
        queue_filter(actor, current, f.base),
        f.state["_order"],
        now,
        unmasked=request.query_params.get("identity") == "1",
        filters={k: str(v) for k, v in f.query.items() if not k.startswith("_")},
    )
    try:
        await export.prepare()
    except WorkflowError:  # a value the resolvers refuse: the list shows why
        return RedirectResponse(f"/?{_visible_query(f)}", status_code=303)
    topics = await topic_names()

    async def values():  # type: ignore[no-untyped-def]
        cache: dict[int, str] = {}
        async for r in export.rows():
            p = r.petition
            ids = {i for i in (p.district_id, p.street_id, p.community_id, p.handling_unit_id) if i}
            missing = ids - cache.keys()
            if missing:
                cache.update(await unit_names(missing))
            yield [
                p.tracking_code,
                p.title,
                label(p.state),
                label(p.category),
                topics.get(p.topic_id or 0, ""),
                cache.get(p.district_id, ""),
                cache.get(p.street_id or 0, ""),
                cache.get(p.community_id or 0, ""),
                cache.get(p.handling_unit_id or 0, ""),
                label(p.channel),
                r.name,
                r.phone,
                p.address,
                p.round,
                p.urge_count,
                label(light_of(p.state, p.deadline, p.yellow_at, now) or ""),
                p.created_at,
                p.deadline,
            ]

    sheet = Sheet(
        name=current.label,
        columns=EXPORT_COLUMNS,
        rows=values(),
        note=f"{current.label} · 导出于 {now.astimezone(TZ).strftime('%Y-%m-%d %H:%M')} · "
        f"最多 {EXPORT_CAP:,} 条" + ("" if export.unmasked else " · 诉求人姓名、电话已脱敏"),
    )
    day = now.astimezone(TZ).date().isoformat()
    response = await xlsx_response(f"{current.label}-{day}.xlsx", [sheet])
    await export.finish()
    return response


EXPORT_COLUMNS = [
    Column("查询码", width=20),
    Column("标题", width=30),
    Column("状态", width=10),
    Column("类别", width=8),
    Column("主题", width=12),
    Column("区（市）", width=12),
    Column("街道", width=12),
    Column("社区", width=12),
    Column("承办单位", width=16),
    Column("渠道", width=12),
    Column("诉求人", width=10),
    Column("联系电话", width=14),
    Column("地址", width=30),
    Column("轮次", "int", width=6),
    Column("督办次数", "int", width=8),
    Column("预警", width=8),
    Column("受理时间", "datetime", width=17),
    Column("办理时限", "datetime", width=17),
]

routes = [
    Route("/", queue, methods=["GET"]),
    Route("/queue.xlsx", queue_xlsx, methods=["GET"]),
    Route("/queue/communities", communities, methods=["GET"]),
]
