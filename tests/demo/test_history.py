"""The fast history loader writes what the operations would: consistent states, timelines,
deadlines and replies, the planted patterns, once."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import datetime, timedelta

from demo.history import GAP_DAYS, PREFIX, load_history
from demo.history_plan import REPEAT, SURGE
from demo.seed import HOTLINE_KEY_NAME, seed_accounts, seed_keys, seed_org
from models import (
    Assessment,
    Assignment,
    Evaluation,
    Event,
    Petition,
    Reply,
    Review,
    Topic,
    TrackingSequence,
    Unit,
)
from resolvers.calendar import load_calendar
from resolvers.intake import submit_petition
from resolvers.units import unit_ref
from tests.factories import draft
from workflow.actors import Actor
from workflow.deadlines import TZ, compute_deadline
from workflow.enums import Action, Closure, Role, State
from workflow.lifecycle import after_evaluation

NOW = datetime(2026, 11, 20, 10, 0, tzinfo=TZ)
TOTAL = 1500


async def _load() -> int:
    units = await seed_org()
    staff = await seed_accounts(units)
    await seed_keys(units, NOW)
    return await load_history(units, staff, HOTLINE_KEY_NAME, TOTAL, NOW)


async def test_every_history_petition_has_a_timeline_the_operations_could_have_written(
    db: str,
) -> None:
    written = await _load()
    assert written > TOTAL  # the surge and the repeat petitioner come on top
    assert await _load() == 0  # idempotent
    petitions = {p.id: p for p in await Petition.filter(external_id__startswith=PREFIX)}
    assert len(petitions) == written
    events: dict[int, list[Event]] = defaultdict(list)
    for e in await Event.filter(petition_id__in=list(petitions)).order_by("id"):
        events[e.petition_id].append(e)
    cal = await load_calendar()
    assignments = {a.petition_id: a for a in await Assignment.all().order_by("round")}
    replies = defaultdict(list)
    for r in await Reply.all().order_by("id"):
        replies[r.petition_id].append(r)
    reviews = defaultdict(list)
    for v in await Review.all().order_by("id"):
        reviews[v.reply_id].append(v)
    evaluations = {(e.petition_id, e.round): e for e in await Evaluation.all()}
    last_day = NOW - timedelta(days=GAP_DAYS - 1)
    for pid, p in petitions.items():
        timeline = events[pid]
        assert timeline[0].action is Action.SUBMIT and timeline[0].from_state is None
        assert p.state is State.CLOSED and p.closure is not None
        assert p.version == len(timeline)
        assert p.closed_at == timeline[-1].at == p.updated_at
        assert p.created_at == timeline[0].at < last_day
        assert p.closed_at <= NOW
        state = None
        for before, e in zip([None, *timeline], timeline, strict=False):
            assert e.from_state == state, (pid, e.action)
            assert before is None or before.at <= e.at, (pid, e.action)
            state = e.to_state
        assert state is State.CLOSED
        assert p.tracking_code.startswith(p.created_at.astimezone(TZ).strftime("%Y%m%d"), 2)
        if p.closure is Closure.INVALID:
            assert [e.action for e in timeline] == [Action.SUBMIT, Action.REJECT]
            continue
        a = assignments[pid]  # the last round's
        assert a.round == p.round and a.unit_id == p.handling_unit_id
        assert a.assigned_at <= a.accepted_at <= a.ended_at  # type: ignore[operator]
        due = compute_deadline(cal, a.assigned_at, p.time_limit_days or 0)
        assert a.deadline == p.deadline == due.due_at
        for r in replies[pid]:
            stages = [v.stage for v in reviews[r.id]]
            assert stages == ["UNIT_REVIEWER", "UNIT_HEAD", "DISTRICT_PLATFORM"]
            assert r.to_platform_at == reviews[r.id][1].created_at
            assert r.sent_at == reviews[r.id][2].created_at
        reply = replies[pid][-1]
        assert reply.on_time == (reply.to_platform_at <= a.deadline)  # type: ignore[operator]
        ev = evaluations.get((pid, p.round))
        if p.closure is Closure.NOT_EVALUATED:
            assert ev is None and timeline[-1].action is Action.CLOSE_UNEVALUATED
        else:
            assert ev is not None
            to, closure = after_evaluation(p.round, ev.satisfaction, ev.resolution)
            assert (to, closure) in ((State.CLOSED, p.closure), (State.PENDING_ASSESSMENT, None))
    codes = [p.tracking_code for p in petitions.values()]
    assert len(set(codes)) == len(codes)
    seq = {(s.district_code, s.day): s.last_number for s in await TrackingSequence.all()}
    for code in codes:
        assert int(code[-6:]) <= seq[(code[:2], datetime.strptime(code[2:10], "%Y%m%d").date())]
    assert await Assessment.filter(result="NOT_FULFILLED").count() == 0


async def test_the_history_holds_the_planted_patterns(db: str) -> None:
    await _load()
    rows = await Petition.filter(external_id__startswith=PREFIX).values(
        "created_at", "topic_id", "street_id", "district_id", "petitioner_phone"
    )
    topics = {t.code: t.id for t in await Topic.all()}
    street = await Unit.get(code=f"{SURGE.district}-S01")
    days = Counter(
        r["created_at"].astimezone(TZ).date()
        for r in rows
        if r["topic_id"] == topics[SURGE.topic] and r["street_id"] == street.id
    )
    last = (NOW - timedelta(days=GAP_DAYS)).date()
    surge = [last - timedelta(days=SURGE.days_ago - k) for k in range(SURGE.length)]
    assert min(days[d] for d in surge) >= SURGE.per_day - 2
    assert sum(n for d, n in days.items() if d not in surge) < SURGE.length
    assert sum(r["petitioner_phone"] == REPEAT.phone for r in rows) == REPEAT.times
    heating = Counter(
        r["created_at"].astimezone(TZ).month for r in rows if r["topic_id"] == topics["GGSS-04"]
    )
    assert heating[1] + heating[12] > 3 * (heating[7] + heating[8])


async def test_new_petitions_after_the_history_get_fresh_ids(db: str) -> None:
    await _load()
    top = await Petition.all().order_by("-id").first()
    sn = await Unit.get(code="SN")
    topic = await Topic.get(code="SRHJ-01")
    dispatcher = Actor(unit=unit_ref(sn), roles=frozenset({Role.DISPATCHER}), user_id=None)
    done = await submit_petition(dispatcher, draft(topic_code=topic.code), NOW)
    assert top is not None and done.petition.id > top.id
