"""Parsing the petition page's action forms into resolver calls.

Shapes only (numbers, enum choices); the resolvers judge the values. Field names of the
API's errors map back to the form inputs here.
"""

import re
from collections.abc import Awaitable, Callable
from datetime import datetime
from enum import StrEnum
from typing import TypeVar

from starlette.datastructures import FormData

from models import (
    Petition,
)
from resolvers import closing, handling, triage
from resolvers.reads import find_by_tracking_code
from workflow.actors import Actor
from workflow.deadlines import parse_local_instant as parse_instant
from workflow.enums import (
    Action,
    AssessmentResult,
    Complexity,
    ContactMethod,
    Resolution,
    Satisfaction,
)
from workflow.errors import invalid

E = TypeVar("E", bound=StrEnum)
Handler = Callable[[Actor, int, datetime, FormData, int | None], Awaitable[Petition]]

# ---- parsing form fields: shapes only; the resolvers judge the values -------------------


def _text(form: FormData, name: str) -> str:
    return str(form.get(name) or "")


def _int(form: FormData, name: str) -> int:
    """A missing or malformed id becomes 0, which no row has, so the resolver refuses it
    with its own message for that field."""
    try:
        return int(str(form.get(name) or "").strip())
    except ValueError:
        return 0


def opt_int(form: FormData, name: str) -> int | None:
    raw = str(form.get(name) or "").strip()
    if not raw:
        return None
    try:
        return int(raw)
    except ValueError:
        return -1  # out of every range: refused by the rules, not silently defaulted


def _choice(enum: type[E], form: FormData, name: str, message: str) -> E:
    try:
        return enum(str(form.get(name) or ""))
    except ValueError:
        raise invalid(name, message) from None


def _decision(form: FormData) -> bool:
    value = form.get("decision")
    if value not in ("approve", "reject"):
        raise invalid("decision", "请选择审核结果")
    return value == "approve"


async def _duplicate_target(actor: Actor, form: FormData) -> int:
    """The duplicate is named by its tracking code (or id), among the petitions the
    dispatcher can see."""
    raw = _text(form, "duplicate_of").strip()
    if raw.isdigit():
        return int(raw)
    target = await find_by_tracking_code(actor, raw)
    return target.id if target else 0


def _handlers() -> dict[Action, Handler]:
    A = Action

    async def dispatch(a: Actor, pid: int, now: datetime, f: FormData, v: int | None) -> Petition:
        raw = _text(f, "complexity")
        return await triage.dispatch_petition(
            a,
            pid,
            now,
            lead_unit_id=_int(f, "lead_unit_id"),
            cooperating_unit_ids=[
                int(x) for x in map(str, f.getlist("cooperating_unit_ids")) if x.isdigit()
            ],
            complexity=Complexity(raw) if raw in Complexity.__members__ else None,
            time_limit_days=opt_int(f, "time_limit_days"),
            note=_text(f, "note"),
            expected_version=v,
        )

    def reasoned(fn: Callable[..., Awaitable[Petition]]) -> Handler:
        async def run(a: Actor, pid: int, now: datetime, f: FormData, v: int | None) -> Petition:
            return await fn(a, pid, now, reason=_text(f, "reason"), expected_version=v)

        return run

    async def return_(a: Actor, pid: int, now: datetime, f: FormData, v: int | None) -> Petition:
        return await triage.return_petition(
            a,
            pid,
            now,
            reason=_text(f, "reason"),
            duty_item_id=_int(f, "duty_item_id"),
            expected_version=v,
        )

    async def escalate(a: Actor, pid: int, now: datetime, f: FormData, v: int | None) -> Petition:
        return await triage.escalate_petition(
            a,
            pid,
            now,
            reason=_text(f, "reason"),
            suggested_unit_id=opt_int(f, "suggested_unit_id"),
            expected_version=v,
        )

    async def merge(a: Actor, pid: int, now: datetime, f: FormData, v: int | None) -> Petition:
        target = await _duplicate_target(a, f)
        return await triage.merge_petition(
            a, pid, now, duplicate_of_id=target, note=_text(f, "note"), expected_version=v
        )

    async def accept(a: Actor, pid: int, now: datetime, f: FormData, v: int | None) -> Petition:
        return await handling.accept_petition(a, pid, now, expected_version=v)

    async def extend(a: Actor, pid: int, now: datetime, f: FormData, v: int | None) -> Petition:
        return await handling.request_extension(
            a, pid, now, days=_int(f, "days"), reason=_text(f, "reason"), expected_version=v
        )

    async def decide(a: Actor, pid: int, now: datetime, f: FormData, v: int | None) -> Petition:
        return await handling.decide_extension(
            a, pid, now, approve=_decision(f), note=_text(f, "note"), expected_version=v
        )

    async def opinion(a: Actor, pid: int, now: datetime, f: FormData, v: int | None) -> Petition:
        return await handling.add_cooperation_opinion(
            a, pid, now, text=_text(f, "text"), expected_version=v
        )

    async def reply(a: Actor, pid: int, now: datetime, f: FormData, v: int | None) -> Petition:
        return await handling.submit_reply(
            a,
            pid,
            now,
            petitioner_situation=_text(f, "petitioner_situation"),
            policy_basis=_text(f, "policy_basis"),
            handling_result=_text(f, "handling_result"),
            responsible_person=_text(f, "responsible_person"),
            contact_phone=_text(f, "contact_phone"),
            expected_version=v,
        )

    async def take_back(
        a: Actor, pid: int, now: datetime, f: FormData, v: int | None
    ) -> Petition:
        return await handling.take_back_reply(
            a, pid, now, reason=_text(f, "reason"), expected_version=v
        )

    async def contact(a: Actor, pid: int, now: datetime, f: FormData, v: int | None) -> Petition:
        return await handling.record_first_contact(
            a,
            pid,
            now,
            contacted_at=parse_instant(_text(f, "contacted_at") or None, "contactedAt"),
            method=_choice(ContactMethod, f, "method", "请选择联系方式"),
            note=_text(f, "note"),
            expected_version=v,
        )

    async def review(a: Actor, pid: int, now: datetime, f: FormData, v: int | None) -> Petition:
        return await handling.review_reply(
            a, pid, now, approve=_decision(f), note=_text(f, "note"), expected_version=v
        )

    async def evaluate(a: Actor, pid: int, now: datetime, f: FormData, v: int | None) -> Petition:
        return await closing.evaluate_petition(
            a,
            pid,
            now,
            satisfaction=_choice(Satisfaction, f, "satisfaction", "请选择满意程度"),
            resolution=_choice(Resolution, f, "resolution", "请选择解决情况"),
            comment=_text(f, "comment"),
            expected_version=v,
        )

    async def assess(a: Actor, pid: int, now: datetime, f: FormData, v: int | None) -> Petition:
        return await closing.assess_petition(
            a,
            pid,
            now,
            result=_choice(AssessmentResult, f, "result", "请选择评估结论"),
            note=_text(f, "note"),
            expected_version=v,
        )

    async def urge(a: Actor, pid: int, now: datetime, f: FormData, v: int | None) -> Petition:
        return await closing.urge_petition(a, pid, now, note=_text(f, "note"), expected_version=v)

    async def withdraw(a: Actor, pid: int, now: datetime, f: FormData, v: int | None) -> Petition:
        return await closing.withdraw_petition(
            a, pid, now, reason=_text(f, "reason"), expected_version=v
        )

    return {
        A.DISPATCH: dispatch,
        A.ESCALATE: escalate,
        A.SEND_BACK: reasoned(triage.send_back_petition),
        A.RETURN: return_,
        A.REJECT: reasoned(triage.reject_petition),
        A.RECALL: reasoned(triage.recall_petition),
        A.MERGE: merge,
        A.ACCEPT: accept,
        A.REQUEST_EXTENSION: extend,
        A.DECIDE_EXTENSION: decide,
        A.ADD_COOPERATION_OPINION: opinion,
        A.SUBMIT_REPLY: reply,
        A.REVIEW_REPLY: review,
        A.TAKE_BACK_REPLY: take_back,
        A.FIRST_CONTACT: contact,
        A.EVALUATE: evaluate,
        A.ASSESS: assess,
        A.URGE: urge,
        A.WITHDRAW: withdraw,
    }


HANDLERS = _handlers()

# API field names the resolvers report → this page's input names, where they differ.
_FIELD_INPUTS = {"duplicateOfId": "duplicate_of"}
# The inputs each form has; an error on any other field is shown at the top of the form.
FORM_INPUTS: dict[Action, tuple[str, ...]] = {
    Action.DISPATCH: (
        "lead_unit_id",
        "cooperating_unit_ids",
        "complexity",
        "time_limit_days",
        "note",
    ),
    Action.ESCALATE: ("reason", "suggested_unit_id"),
    Action.SEND_BACK: ("reason",),
    Action.RETURN: ("reason", "duty_item_id"),
    Action.REJECT: ("reason",),
    Action.RECALL: ("reason",),
    Action.MERGE: ("duplicate_of", "note"),
    Action.REQUEST_EXTENSION: ("days", "reason"),
    Action.DECIDE_EXTENSION: ("decision", "note"),
    Action.ADD_COOPERATION_OPINION: ("text",),
    Action.SUBMIT_REPLY: (
        "petitioner_situation",
        "policy_basis",
        "handling_result",
        "responsible_person",
        "contact_phone",
    ),
    Action.REVIEW_REPLY: ("decision", "note"),
    Action.TAKE_BACK_REPLY: ("reason",),
    Action.FIRST_CONTACT: ("contacted_at", "method", "note"),
    Action.EVALUATE: ("satisfaction", "resolution", "comment"),
    Action.ASSESS: ("result", "note"),
    Action.URGE: ("note",),
    Action.WITHDRAW: ("reason",),
}


def input_name(field: str | None) -> str:
    if not field:
        return ""
    return _FIELD_INPUTS.get(field) or re.sub(r"(?<!^)(?=[A-Z])", "_", field).lower()
