"""Rollups kept step by step equal a rebuild from the rows, after any sequence of actions."""

from __future__ import annotations

from datetime import datetime, timedelta
from itertools import count
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from models import Petition
from resolvers import closing, handling, triage
from resolvers.intake import submit_petition
from resolvers.rollup_rebuild import rebuild_stats
from tests.factories import T0, City, build_city, draft
from tests.resolvers.helpers import REPLY
from tests.resolvers.stats_helpers import snapshot
from workflow.enums import (
    AssessmentResult,
    Channel,
    ContactMethod,
    Resolution,
    ReviewStage,
    Role,
    Satisfaction,
    State,
)
from workflow.errors import WorkflowError

OPS = st.lists(
    st.tuples(
        st.integers(0, 13),  # which action
        st.integers(0, 5),  # which of the latest petitions
        st.integers(0, 8),  # a variant: unit, marks, approve or not
        st.integers(0, 40),  # hours that pass before it
    ),
    min_size=10,
    max_size=60,
)
UNITS = {"SN": ["SN-CG", "SN-SCJG", "SN-S01", "SN-S01-C01"], "SB": ["SB-CG", "SB-S01"]}
MARKS = [
    (Satisfaction.SATISFIED, Resolution.RESOLVED),
    (Satisfaction.BASICALLY_SATISFIED, Resolution.BASICALLY_RESOLVED),
    (Satisfaction.UNSATISFIED, Resolution.RESOLVED),
    (Satisfaction.SATISFIED, Resolution.UNRESOLVED),
]


class World:
    def __init__(self, city: City) -> None:
        self.city = city
        self.users = count()
        self.now = T0
        self.petitions: list[int] = []

    def actor(self, unit_id: int, role: Role) -> Any:
        code = next(c for c, u in self.city.units.items() if u.id == unit_id)
        uid = self.city.user_ids[next(self.users) % len(self.city.user_ids)]
        return self.city.actor(code, role, user_id=uid)


# The steps worth trying in each state (op picks one), so most tries are real steps.
BY_STATE: dict[State, list[int]] = {
    State.TRIAGE: [1, 1, 1, 4, 10, 12],
    State.ASSIGNED: [2, 2, 2, 2, 3, 4, 10, 14, 15, 15],
    State.HANDLING: [7, 7, 7, 5, 6, 6, 3, 4, 10, 12, 15, 15],
    State.UNIT_REVIEW: [8, 8, 8, 12],
    State.PLATFORM_REVIEW: [8],
    State.AWAITING_EVALUATION: [9, 9, 11],
    State.PENDING_ASSESSMENT: [13],
}


async def _act(w: World, choice: int, p: Petition, variant: int, now: datetime) -> None:
    steps = BY_STATE.get(State(p.state))
    if not steps:
        await _submit(w, variant)
        return
    op = steps[choice % len(steps)]
    district = "SN" if p.district_id == w.city.id("SN") else "SB"
    platform = w.actor(p.platform_id, Role.DISPATCHER)
    handler = w.actor(p.handling_unit_id, Role.HANDLER) if p.handling_unit_id else None
    if op == 1:
        units = ["QD-CG"] if p.platform_id == w.city.id("QD") else UNITS[district]
        await triage.dispatch_petition(
            platform, p.id, now, lead_unit_id=w.city.id(units[variant % len(units)])
        )
    elif op == 2 and handler:
        await handling.accept_petition(handler, p.id, now)
    elif op == 3 and handler:
        assert w.city.duty_item is not None
        await triage.return_petition(
            handler, p.id, now, reason="非本单位职责", duty_item_id=w.city.duty_item.id
        )
    elif op == 4:
        await triage.escalate_petition(handler or platform, p.id, now, reason="需上级协调")
    elif op == 5 and handler:
        await handling.request_extension(handler, p.id, now, days=1 + variant, reason="协调中")
    elif op == 6:
        await handling.decide_extension(
            platform, p.id, now, approve=variant % 2 == 0, note="不同意"
        )
    elif op == 7 and handler:
        await handling.submit_reply(handler, p.id, now, **REPLY)
    elif op == 8 and p.review_stage:
        stage = ReviewStage(p.review_stage)
        if stage is ReviewStage.UNIT_REVIEWER and p.handling_unit_id:
            reviewer = w.actor(p.handling_unit_id, Role.REVIEWER)
        elif stage is ReviewStage.UNIT_HEAD and p.handling_unit_id:
            reviewer = w.actor(p.handling_unit_id, Role.HEAD)
        elif stage is ReviewStage.CITY_PLATFORM:
            reviewer = w.actor(w.city.id("QD"), Role.DISPATCHER)
        else:
            reviewer = w.actor(p.district_id, Role.DISPATCHER)
        await handling.review_reply(reviewer, p.id, now, approve=variant % 4 != 0, note="重写")
    elif op == 9:
        sat, res = MARKS[variant % len(MARKS)]
        await closing.evaluate_petition(
            w.actor(p.district_id, Role.DISPATCHER), p.id, now, satisfaction=sat, resolution=res
        )
    elif op == 10:
        supervisor = w.actor(w.city.id("QD"), Role.SUPERVISOR)
        await closing.urge_petition(supervisor, p.id, now, note="请加快")
    elif op == 11:
        await closing.close_unevaluated(now)
    elif op == 12:
        await closing.withdraw_petition(
            w.actor(p.district_id, Role.DISPATCHER), p.id, now, reason="诉求人来电撤回"
        )
    elif op == 14:
        await triage.recall_petition(platform, p.id, now, reason="改派")
    elif op == 15 and handler:
        # 先行联系, now or some hours back (before the assignment it is refused)
        back = None if variant % 3 == 0 else now - timedelta(hours=variant * 4)
        await handling.record_first_contact(
            handler, p.id, now, contacted_at=back, method=ContactMethod.PHONE, note="已电话联系"
        )
    elif op == 13 and p.state == State.PENDING_ASSESSMENT:
        result = AssessmentResult.FULFILLED if variant % 2 else AssessmentResult.NOT_FULFILLED
        await closing.assess_petition(platform, p.id, now, result=result, note="评估意见")


async def _submit(w: World, variant: int) -> None:
    district = "SN" if variant % 3 else "SB"
    extra: dict[str, Any] = {"channel": Channel.WECHAT if variant % 2 else Channel.WALK_IN}
    if variant % 4 == 1:
        extra["community_id"] = w.city.id("SN-S01-C01") if district == "SN" else None
    if variant == 8:
        extra["topic_code"] = None
    actor = w.actor(w.city.id(district), Role.DISPATCHER)
    done = await submit_petition(actor, draft(**extra), w.now)
    w.petitions.append(done.petition.id)


@pytest.fixture
def worlds() -> dict[str, World]:
    """One world per test call: hypothesis' examples share the database and go on from it."""
    return {}


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(ops=OPS)
async def test_rollups_kept_by_the_steps_equal_a_rebuild_after_any_actions(
    db: str, ops: list[tuple[int, int, int, int]], worlds: dict[str, World]
) -> None:
    if "w" not in worlds:
        worlds["w"] = World(await build_city())
    w = worlds["w"]
    for op, which, variant, hours in ops:
        w.now += timedelta(hours=hours)
        try:
            if op == 0 or not w.petitions:
                await _submit(w, variant)
                continue
            p = await Petition.get(id=w.petitions[-1 - which % len(w.petitions)])
            await _act(w, op, p, variant, w.now)
        except WorkflowError:
            continue  # a step the rules refuse changes nothing
    kept = await snapshot()
    await rebuild_stats()
    assert await snapshot() == kept
