"""Shared steps for the resolver tests: a reply, refusals by code, event counting."""

from __future__ import annotations

from collections.abc import Awaitable
from datetime import datetime
from typing import Any

import pytest

from models import Event, Petition
from resolvers import handling, triage
from tests.factories import T0, City
from workflow.deadlines import TZ
from workflow.enums import Role
from workflow.errors import ErrorCode, WorkflowError

REPLY: dict[str, str] = dict(
    petitioner_situation="张三反映小区门口垃圾无人清运。",
    policy_basis="《城市市容和环境卫生管理条例》第二十八条",
    handling_result="已安排环卫车辆清运，并加密巡查频次。",
    responsible_person="李四",
    contact_phone="0532-88886666",
)


def at(y: int, m: int, d: int, hh: int = 0, mm: int = 0) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=TZ)


async def refused(call: Awaitable[Any], code: ErrorCode, field: str | None = None) -> WorkflowError:
    """Await `call`, expecting a WorkflowError with exactly this code (and field)."""
    with pytest.raises(WorkflowError) as err:
        await call
    assert err.value.code is code, err.value
    assert err.value.field == field, err.value
    return err.value


async def events(pid: int) -> list[Event]:
    return await Event.filter(petition_id=pid).order_by("id")


async def dispatched(
    city: City, pid: int, unit: str, now: datetime = T0, platform: str = "SN", **kw: Any
) -> Petition:
    return await triage.dispatch_petition(
        city.actor(platform, Role.DISPATCHER), pid, now, lead_unit_id=city.id(unit), **kw
    )


async def replied(city: City, pid: int, unit: str, now: datetime = T0) -> Petition:
    """Accept and submit a reply as a handler of `unit`: the petition is then in UNIT_REVIEW."""
    handler = city.actor(unit, Role.HANDLER)
    await handling.accept_petition(handler, pid, now)
    return await handling.submit_reply(handler, pid, now, **REPLY)


async def signed_off(city: City, pid: int, unit: str, now: datetime = T0) -> Petition:
    """Reviewer and head approve: the petition is then in PLATFORM_REVIEW."""
    await handling.review_reply(city.actor(unit, Role.REVIEWER), pid, now, approve=True)
    return await handling.review_reply(city.actor(unit, Role.HEAD), pid, now, approve=True)


async def sent(
    city: City, pid: int, unit: str, now: datetime = T0, via_city: bool = False
) -> Petition:
    """From ASSIGNED to AWAITING_EVALUATION through every review."""
    await replied(city, pid, unit, now)
    await signed_off(city, pid, unit, now)
    if via_city:
        await handling.review_reply(city.actor("QD", Role.DISPATCHER), pid, now, approve=True)
    return await handling.review_reply(city.actor("SN", Role.DISPATCHER), pid, now, approve=True)
