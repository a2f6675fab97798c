"""Intake (受理): creating a petition from a channel, idempotent per (channel, external id)."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import datetime

from tortoise import Tortoise
from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from models import Assignment, Petition, Topic, Unit
from resolvers import catalog
from resolvers.base import record_event
from resolvers.clock import start_clock
from resolvers.notifications import notify_step
from resolvers.places import locate, routing_record
from resolvers.text import code_field, normalise_phone, optional_text, required_text
from workflow.actors import Actor
from workflow.address import by_address
from workflow.deadlines import TZ, time_limit
from workflow.enums import (
    Action,
    AssignmentRole,
    Category,
    Channel,
    Complexity,
    Kind,
    PetitionerType,
    State,
    UnitKind,
)
from workflow.errors import FieldErrors, invalid, not_allowed
from workflow.intake import channel_for
from workflow.lifecycle import intake_state
from workflow.routing import normalise_complexity
from workflow.transitions import may_submit, submitting_role

PHONE = re.compile(r"^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$")


@dataclass(frozen=True)
class PetitionDraft:
    """What a channel hands in. Field names are the API's, so errors can name them."""

    title: str
    content: str
    category: Category
    petitioner_type: PetitionerType
    petitioner_name: str
    petitioner_phone: str
    kind: Kind | None = None
    complexity: Complexity = Complexity.SIMPLE
    topic_code: str | None = None
    channel: Channel | None = None
    external_id: str | None = None
    anonymous: bool = False
    district_code: str | None = None
    street_id: int | None = None
    community_id: int | None = None
    address: str = ""
    lat: float | None = None
    lng: float | None = None


@dataclass(frozen=True)
class Submitted:
    petition: Petition
    created: bool  # False when an earlier identical submission was found


async def _district_for(actor: Actor, draft: PetitionDraft) -> Unit:
    """App keys and district staff submit into their own district; the hotline and the city
    name the district. Units come from the process's copy (resolvers.catalog)."""
    own = actor.unit.district_id
    if own is not None:
        district = await catalog.unit_by_id(own)
        assert district is not None, own  # the actor's own district
        if draft.district_code and draft.district_code != district.district_code:
            raise invalid("districtCode", "只能受理本区的诉求")
        return district
    if not draft.district_code:
        raise invalid("districtCode", "请指明诉求所在的区（市）")
    found = await catalog.district_by_code(draft.district_code)
    if found is None:
        raise invalid("districtCode", f"没有代码为 {draft.district_code} 的区（市）")
    return found


async def _location(
    draft: PetitionDraft, actor: Actor, district: Unit
) -> tuple[Unit | None, Unit | None]:
    community_id = draft.community_id
    if community_id is None and actor.unit.kind is UnitKind.COMMUNITY and not actor.is_machine:
        community_id = actor.unit.id  # a grid worker reports from their own community
    community = street = None
    if community_id is not None:
        community = await catalog.unit_by_id(community_id)
        if (
            community is None
            or community.kind != UnitKind.COMMUNITY
            or community.district_id != district.id
            or community.parent_id is None
        ):
            raise invalid("communityId", "社区不存在或不属于该区（市）")
        street = await catalog.unit_by_id(community.parent_id)
        if street is None or (draft.street_id is not None and draft.street_id != street.id):
            raise invalid("streetId", "社区不属于该街道")
    elif draft.street_id is not None:
        street = await catalog.unit_by_id(draft.street_id)
        if street is None or street.kind != UnitKind.STREET or street.district_id != district.id:
            raise invalid("streetId", "街道不存在或不属于该区（市）")
    return street, community


def _validate(draft: PetitionDraft) -> dict[str, object]:
    """Every field is checked, and every bad one reported at once (a form shows them all)."""
    errors = FieldErrors()
    clean: dict[str, object] = {}
    for key, value, field, label, limit, required in (
        ("title", draft.title, "title", "标题", 100, True),
        ("content", draft.content, "content", "诉求内容", 5000, True),
        ("petitioner_name", draft.petitioner_name, "petitionerName", "诉求人姓名", 64, True),
        ("address", draft.address, "address", "地址", 255, False),
    ):
        with errors.check():
            check = required_text if required else optional_text
            clean[key] = check(value, field, label, limit)
    phone = normalise_phone(draft.petitioner_phone)
    if not PHONE.fullmatch(phone) or not phone.isascii():
        errors.add("petitionerPhone", "请填写正确的手机号或固定电话")
    clean["petitioner_phone"] = phone
    if draft.category is Category.LIVELIHOOD and draft.kind is None:
        errors.add("kind", "民生类诉求须选择咨询、建议或投诉")
    if draft.category is not Category.LIVELIHOOD and draft.kind is not None:
        errors.add("kind", "只有民生类诉求有咨询、建议、投诉之分")
    for name, coord, low, high in (("lat", draft.lat, -90, 90), ("lng", draft.lng, -180, 180)):
        if coord is not None and not low <= coord <= high:
            errors.add(name, "坐标超出范围")
    errors.raise_if_any()
    return clean


# One statement: the counter row is locked only while it runs, never for a whole intake.
_NEXT_NUMBER = (
    "INSERT INTO tracking_sequence (district_code, day, last_number) VALUES ({code}, {day}, 1) "
    "ON CONFLICT (district_code, day) DO UPDATE "
    "SET last_number = tracking_sequence.last_number + 1 RETURNING last_number"
)


async def _next_tracking_code(district: Unit, now: datetime) -> str:
    """The next code of the district's day, taken in its own statement before the intake's
    transaction starts, so concurrent intakes never wait for each other's transactions.

    A number taken by an intake that is then refused (or fails) is not given out again: a
    day's sequence may have gaps, and a code is never repeated (DOMAIN §5)."""
    day = now.astimezone(TZ).date()
    code = district.district_code or "QD"
    conn = Tortoise.get_connection("default")
    if conn.capabilities.dialect == "postgres":
        sql, values = _NEXT_NUMBER.format(code="$1", day="$2"), [code, day]
    else:
        sql, values = _NEXT_NUMBER.format(code="?", day="?"), [code, day.isoformat()]
    rows = await conn.execute_query_dict(sql, values)
    return f"{code}{day:%Y%m%d}{int(rows[0]['last_number']):06d}"


def _same_client(actor: Actor, petition: Petition) -> bool:
    if actor.is_machine:
        return petition.submitted_by_key_id == actor.api_key_id
    return petition.submitted_by_key_id is None and petition.intake_unit_id == actor.unit.id


async def _existing(actor: Actor, channel: Channel, external_id: str | None) -> Petition | None:
    """A resend: the same (channel, external id) is one petition (DOMAIN §5). Another client
    naming an id that is already taken is refused rather than shown someone else's petition."""
    if not external_id:
        return None
    found = await Petition.get_or_none(channel=channel, external_id=external_id)
    if found is not None and not _same_client(actor, found):
        raise invalid("externalId", "该渠道的外部编号已被其他客户端使用，请勿重复使用")
    return found


def _checked_codes(draft: PetitionDraft) -> PetitionDraft:
    """Codes are looked up before anything else: bound them by their columns first."""
    if draft.external_id is not None and not draft.external_id.strip():
        raise invalid("externalId", "外部编号长度须在1至64之间")
    return replace(
        draft,
        external_id=code_field(
            draft.external_id, "externalId", "外部编号", Petition, "external_id"
        ),
        topic_code=code_field(draft.topic_code, "topicCode", "主题代码", Topic, "code"),
        district_code=code_field(
            draft.district_code, "districtCode", "区（市）代码", Unit, "district_code"
        ),
    )


async def submit_petition(actor: Actor, draft: PetitionDraft, now: datetime) -> Submitted:
    if not may_submit(actor):
        raise not_allowed("你的岗位不能受理诉求（市级平台不直接受理群众诉求）")
    channel = channel_for(actor, draft.channel)
    draft = _checked_codes(draft)
    external_id = draft.external_id
    clean = _validate(draft)
    # A resend is found by the unique (channel, external id) pair refusing the new row, not
    # by a look before every intake: resends are rare, and each costs only a number (gaps in
    # a day's numbers are allowed; see _next_tracking_code).
    tracking_code = await _next_tracking_code(await _district_for(actor, draft), now)
    try:
        async with in_transaction() as conn:
            petition = await _create(
                actor, draft, clean, channel, external_id, now, conn, tracking_code
            )
    except IntegrityError:
        found = await _existing(actor, channel, external_id)
        if found is None:
            raise
        return Submitted(found, created=False)
    return Submitted(petition, created=True)


async def _create(
    actor: Actor,
    draft: PetitionDraft,
    clean: dict[str, object],
    channel: Channel,
    external_id: str | None,
    now: datetime,
    conn: BaseDBAsyncClient,
    tracking_code: str,
) -> Petition:
    district = await _district_for(actor, draft)
    street, community = await _location(draft, actor, district)
    routing: dict[str, object] | None = None
    note = ""
    if community is None and by_address(actor, draft.category, str(clean["address"])):
        match, found_street, community = await locate(district.id, str(clean["address"]), conn)
        street = found_street if community is None and street is None else street
        if community is not None:
            street = await Unit.get(id=community.parent_id, using_db=conn)
            note = f"按地址匹配到{community.name}，直接交社区办理"
        else:
            note = f"按地址未能确定社区（{match.reason}），转区平台研判"
        routing = routing_record(match, str(clean["address"]), community)
    topic = None
    if draft.topic_code:
        topic = await catalog.topic_by_code(draft.topic_code)
        if topic is None:
            raise invalid("topicCode", f"没有代码为 {draft.topic_code} 的主题")
    state = intake_state(draft.category, community is not None)
    complexity = normalise_complexity(draft.category, draft.kind, draft.complexity)
    petition = await Petition.create(
        tracking_code=tracking_code,
        channel=channel,
        external_id=external_id,
        category=draft.category,
        kind=draft.kind,
        complexity=complexity,
        topic=topic,
        petitioner_type=draft.petitioner_type,
        anonymous=draft.anonymous,
        district=district,
        street=street,
        community=community,
        lat=draft.lat,
        lng=draft.lng,
        state=state,
        inbox_since=now if state is State.TRIAGE else None,
        round=1,
        platform=district,
        submitted_by_id=actor.user_id,
        submitted_by_key_id=actor.api_key_id,
        intake_unit_id=actor.unit.id or None,
        created_at=now,
        updated_at=now,
        using_db=conn,
        **clean,
    )
    payload: dict[str, object] = {"channel": channel.value, "trackingCode": petition.tracking_code}
    if routing is not None:
        payload["addressRouting"] = routing
    if state is State.ASSIGNED and community is not None:
        days = time_limit(draft.category, draft.kind, complexity)
        clock = await start_clock(conn, now, days)
        await (
            Petition.filter(id=petition.id)
            .using_db(conn)
            .update(handling_unit_id=community.id, **clock)
        )
        await Assignment.create(
            petition_id=petition.id,
            unit_id=community.id,
            role=AssignmentRole.LEAD,
            round=1,
            assigned_by_unit_id=district.id,
            assigned_by_id=actor.user_id,
            assigned_at=now,
            deadline=clock["deadline"],
            using_db=conn,
        )
        payload["toUnit"] = {"id": community.id, "name": community.name}
        payload["deadline"] = clock["deadline"].isoformat()
        petition = await Petition.get(id=petition.id, using_db=conn)
    await record_event(
        conn,
        petition.id,
        actor,
        Action.SUBMIT,
        now,
        None,
        state,
        note,
        payload,
        role=submitting_role(actor),
        petition=petition,
    )
    await notify_step(conn, petition, Action.SUBMIT, state, payload, now)
    return petition
