"""Who is told what after a step (通知), and when the deadline watch speaks up.

Pure rules: resolvers/notifications.py writes the rows, resolvers/watch.py runs the watch.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from workflow.calendar import WorkingCalendar
from workflow.deadlines import compute_deadline
from workflow.enums import Action, NotificationKind, ReviewStage, State

K = NotificationKind

TEXTS: dict[NotificationKind, str] = {
    K.NEW_ASSIGNMENT: "新派单，请签收",
    K.YELLOW: "办理时限已过三分之二，亮黄灯",
    K.RED: "已超过办理时限，亮红灯",
    K.DEADLINE_REMINDER: "即将到期，请抓紧办理",
    K.ACCEPT_OVERDUE: "派单超时未签收",
    K.URGED: "诉求被督办",
    K.REVIEW_WAITING: "答复待审核",
    K.EXTENSION_DECIDED: "延期申请已审批",
    K.REFERRAL: "新的问责移交",
}


@dataclass(frozen=True)
class Notice:
    """`unit_id` None with kind REFERRAL means every unit that holds the INSPECTOR role."""

    kind: NotificationKind
    unit_id: int | None
    user_id: int | None = None


@dataclass(frozen=True)
class After:
    """The petition as a step left it."""

    district_id: int
    platform_id: int
    handling_unit_id: int | None
    review_stage: ReviewStage | None


def _id(ref: Any) -> int | None:
    if isinstance(ref, dict):
        ref = ref.get("id")
    return int(ref) if ref is not None else None


def _reviewing_unit(after: After) -> int | None:
    if after.review_stage in (ReviewStage.UNIT_REVIEWER, ReviewStage.UNIT_HEAD):
        return after.handling_unit_id
    if after.review_stage is ReviewStage.CITY_PLATFORM:
        return after.platform_id
    if after.review_stage is ReviewStage.DISTRICT_PLATFORM:
        return after.district_id
    return None


def step_notices(
    action: Action, to_state: State | None, payload: Mapping[str, Any], after: After
) -> list[Notice]:
    notices: list[Notice] = []
    if action is Action.DISPATCH:
        notices.append(Notice(K.NEW_ASSIGNMENT, _id(payload.get("leadUnit"))))
        notices += [Notice(K.NEW_ASSIGNMENT, _id(u)) for u in payload.get("cooperatingUnits") or []]
    elif action in (Action.SUBMIT, Action.ESCALATE) and to_state is State.ASSIGNED:
        notices.append(Notice(K.NEW_ASSIGNMENT, _id(payload.get("toUnit"))))
    elif action is Action.URGE:
        notices.append(Notice(K.URGED, after.handling_unit_id or after.platform_id))
    elif action is Action.DECIDE_EXTENSION:
        notices.append(Notice(K.EXTENSION_DECIDED, _id(payload.get("unitId"))))
    elif action is Action.ASSESS and payload.get("referralId"):
        notices.append(Notice(K.REFERRAL, None))
    if action in (Action.SUBMIT_REPLY, Action.REVIEW_REPLY) and to_state in (
        State.UNIT_REVIEW,
        State.PLATFORM_REVIEW,
    ):
        notices.append(Notice(K.REVIEW_WAITING, _reviewing_unit(after)))
    return [n for n in notices if n.unit_id is not None or n.kind is K.REFERRAL]


def accept_due_at(cal: WorkingCalendar, assigned_at: datetime, days: int) -> datetime:
    """超时未签收: an assignment not accepted by 24:00 of the `days`-th working day after
    the day it was made (the same window the response rate counts)."""
    return compute_deadline(cal, assigned_at, days).due_at


def reminder_at(deadline: datetime, hours: float) -> datetime:
    return deadline - timedelta(hours=hours)
