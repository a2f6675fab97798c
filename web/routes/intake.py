"""Intake (受理登记): staff enter a petition on someone's behalf, at a desk or on a phone."""

from __future__ import annotations

import dataclasses
import re
from typing import Any

from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from models import Topic
from resolvers.attachments import submit_with_photos
from resolvers.intake import PetitionDraft
from resolvers.reads import list_topics, list_units
from resolvers.text import is_row_id
from resolvers.units import find_unit
from web.routes.attachments import uploads_of
from web.session import clock, render, staff
from web.templating import place
from workflow.actors import Actor
from workflow.enums import Category, Channel, Kind, PetitionerType, UnitKind
from workflow.errors import ErrorCode, WorkflowError
from workflow.intake import allowed_channels, default_channel
from workflow.transitions import may_submit


def _form_name(api_name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", api_name).lower()


def _api_name(form_name: str) -> str:
    head, *rest = form_name.split("_")
    return head + "".join(w.title() for w in rest)


# The API names a refusal's field by its GraphQL name; the form uses the draft's names.
FIELDS: dict[str, str] = {_api_name(f.name): f.name for f in dataclasses.fields(PetitionDraft)}


def _topic_groups(topics: list[Topic]) -> tuple[list[tuple[Topic, list[Topic]]], list[Topic]]:
    """Second-level topics grouped under their first level; first levels without children
    stand alone."""
    children: dict[int, list[Topic]] = {}
    for t in topics:
        if t.parent_id is not None:
            children.setdefault(t.parent_id, []).append(t)
    roots = [t for t in topics if t.parent_id is None]
    return [(r, children[r.id]) for r in roots if r.id in children], [
        r for r in roots if r.id not in children
    ]


def _int_or_none(value: str) -> int | None:
    value = value.strip()
    if not (value.isascii() and value.isdigit() and len(value) <= 10):
        return None
    number = int(value)
    return number if is_row_id(number) else None


async def _context(actor: Actor, values: dict[str, str]) -> dict[str, Any]:
    """Only district-level staff take petitions in, always for their own district."""
    own_community = actor.unit.kind is UnitKind.COMMUNITY
    groups, loose = _topic_groups(await list_topics())
    district_id: int | None = actor.unit.district_id
    streets = await list_units(UnitKind.STREET, district_id) if district_id else []
    street_id = _int_or_none(values["street_id"])
    communities = await list_units(UnitKind.COMMUNITY, street_id) if street_id else []
    own_street = None
    if own_community and actor.unit.parent_id:
        own_street = await find_unit(actor.unit.parent_id)
    district_name = ""
    if district_id:
        district = await find_unit(district_id)
        district_name = place(district) if district else ""
    return {
        "v": values,
        "topic_groups": groups,
        "loose_topics": loose,
        "district_name": district_name,
        "streets": streets,
        "communities": communities,
        "own_community": own_community,
        "own_street": own_street,
        "channels": allowed_channels(actor),
        "categories": list(Category),
        "kinds": list(Kind),
        "petitioner_types": list(PetitionerType),
    }


def _blank(actor: Actor) -> dict[str, str]:
    values = {name: "" for name in FIELDS.values()}
    values.update(site_location="", photos="")
    values.update(
        category=Category.LIVELIHOOD.value,
        petitioner_type=PetitionerType.CITIZEN.value,
        channel=(default_channel(actor) or Channel.WALK_IN).value,
    )
    if actor.unit.kind is UnitKind.STREET:
        values["street_id"] = str(actor.unit.id)
    return values


def _values(form: FormData, actor: Actor) -> dict[str, str]:
    values = {name: str(form.get(name, "")).strip() for name in FIELDS.values()}
    values["content"] = str(form.get("content", ""))  # keep the caller's line breaks
    values["anonymous"] = "on" if form.get("anonymous") else ""
    values["site_location"] = "on" if form.get("site_location") else ""
    values["photos"] = ""  # files are never sent back; the key lets an error sit beside them
    if not values["channel"]:
        values["channel"] = (default_channel(actor) or Channel.WALK_IN).value
    return values


def _draft(values: dict[str, str]) -> PetitionDraft:
    def enum(kind: type, name: str, required: bool = True) -> Any:
        raw = values[name]
        if not raw and not required:
            return None
        try:
            return kind(raw)
        except ValueError:
            raise WorkflowError(ErrorCode.INVALID_FIELD, "请选择", name) from None

    def number(name: str) -> float | None:
        raw = values[name]
        if not raw:
            return None
        try:
            return float(raw)
        except ValueError:
            raise WorkflowError(ErrorCode.INVALID_FIELD, "坐标格式不正确", name) from None

    def ident(name: str) -> int | None:
        raw = values[name]
        if not raw:
            return None
        if not raw.isdigit():
            raise WorkflowError(ErrorCode.INVALID_FIELD, "请重新选择", name)
        return int(raw)

    category = enum(Category, "category")
    kind = enum(Kind, "kind", required=False) if category is Category.LIVELIHOOD else None
    return PetitionDraft(
        title=values["title"],
        content=values["content"],
        category=category,
        kind=kind,
        topic_code=values["topic_code"] or None,
        petitioner_type=enum(PetitionerType, "petitioner_type"),
        petitioner_name=values["petitioner_name"],
        petitioner_phone=values["petitioner_phone"],
        anonymous=values["anonymous"] == "on",
        district_code=values["district_code"] or None,
        street_id=ident("street_id"),
        community_id=ident("community_id"),
        address=values["address"],
        channel=enum(Channel, "channel", required=False),
        external_id=values["external_id"] or None,
        lat=number("lat"),
        lng=number("lng"),
    )


def _forbidden(request: Request) -> Response:
    return render(request, "intake.html", {"mode": "forbidden"}, 403)


async def intake_page(request: Request) -> Response:
    actor = await staff(request)
    if not may_submit(actor):
        return _forbidden(request)
    ctx = await _context(actor, _blank(actor))
    return render(request, "intake.html", {"mode": "page", "errors": {}, **ctx})


async def intake_submit(request: Request) -> Response:
    actor = await staff(request)
    if not may_submit(actor):
        return _forbidden(request)
    async with request.form() as form:
        values = _values(form, actor)
        photos = await uploads_of(form, "photos")
    try:
        done = await submit_with_photos(
            actor,
            _draft(values),
            photos,
            clock(request),
            field="photos",
            site_location=values["site_location"] == "on",
        )
    except WorkflowError as exc:
        if exc.code is ErrorCode.NOT_ALLOWED:
            return _forbidden(request)
        if exc.code is not ErrorCode.INVALID_FIELD:
            raise
        errors: dict[str, str] = {}
        for api_field, message in exc.fields or [(exc.field or "", exc.message)]:
            field = FIELDS.get(api_field, api_field)
            errors.setdefault(field if field in values else "_form", message)
        fragment = bool(request.headers.get("hx-request"))
        ctx = await _context(actor, values)
        mode = "form" if fragment else "page"
        return render(request, "intake.html", {"mode": mode, "errors": errors, **ctx}, 422)
    target = f"/petitions/{done.petition.id}"
    if request.headers.get("hx-request"):
        # htmx follows a 303 inside the XHR; ask it to navigate the whole page instead.
        return Response(status_code=204, headers={"HX-Redirect": target})
    return RedirectResponse(target, status_code=303)


async def communities_fragment(request: Request) -> Response:
    """<option>s of one street's communities (the street picker loads them with htmx)."""
    await staff(request)
    params = request.query_params
    street_id = _int_or_none(params.get("street_id") or "")
    communities = await list_units(UnitKind.COMMUNITY, street_id) if street_id else []
    return render(
        request, "intake.html", {"mode": "communities", "communities": communities, "v": {}}
    )


routes = [
    Route("/intake", intake_page, methods=["GET"]),
    Route("/intake", intake_submit, methods=["POST"]),
    Route("/intake/communities", communities_fragment, methods=["GET"]),
]
