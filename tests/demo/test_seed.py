"""The demo seed: idempotent, every state on show, timelines the system could have written,
and logins and keys that work as published."""

from __future__ import annotations

import asyncio
from datetime import datetime

from demo.seed import (
    APP_KEY_SECRET,
    DEMO_PASSWORD,
    HOTLINE_KEY_SECRET,
    LOGIN_TABLE_UNITS,
    demo_accounts,
    seed_demo,
)
from models import (
    ApiKey,
    Assessment,
    Assignment,
    CooperationOpinion,
    DutyItem,
    Evaluation,
    Event,
    Extension,
    Petition,
    Referral,
    ReferralEvent,
    Reply,
    Review,
    RoleGrant,
    Topic,
    TrackingSequence,
    Unit,
    Urge,
    User,
)
from resolvers.auth import actor_from_api_key, login
from workflow.deadlines import TZ
from workflow.enums import Action, Closure, Role, Scope, State, UnitKind

NOW = datetime(2023, 5, 12, 17, 30, tzinfo=TZ)
SMALL = 80
MODELS = (
    Unit,
    Topic,
    DutyItem,
    User,
    RoleGrant,
    ApiKey,
    Petition,
    Assignment,
    Event,
    Reply,
    Review,
    Extension,
    CooperationOpinion,
    Evaluation,
    Assessment,
    Referral,
    ReferralEvent,
    Urge,
    TrackingSequence,
)


async def _counts() -> dict[str, int]:
    return {m.__name__: await m.all().count() for m in MODELS}


async def test_seeding_twice_leaves_exactly_the_same_rows_in_every_table(db) -> None:
    first_report = await seed_demo(petitions=SMALL, now=NOW)
    first = await _counts()
    second_report = await seed_demo(petitions=SMALL, now=NOW)
    assert await _counts() == first
    assert first["Petition"] == SMALL and "0 failed" in first_report
    assert f"0 created now, {SMALL} already there" in second_report


async def test_a_small_seed_shows_every_state_every_closure_and_every_kind_of_route(db) -> None:
    await seed_demo(petitions=SMALL, now=NOW)
    city = await Unit.get(code="QD")
    petitions = await Petition.all()
    assert {p.state for p in petitions} == set(State)
    triage_platforms = {p.platform_id == city.id for p in petitions if p.state == State.TRIAGE}
    assert triage_platforms == {True, False}  # in the city's inbox and in a district's
    assert {p.closure for p in petitions if p.closure} == set(Closure)
    assert any(p.round == 2 for p in petitions)
    assert all(p.created_at <= NOW for p in petitions)
    assert await Referral.all().count() >= 1
    assert await Extension.filter(status="APPROVED").exists()
    assert await CooperationOpinion.all().exists()
    assert await Urge.all().exists()
    lead_kinds = set(
        await Assignment.filter(role="LEAD").values_list("unit__kind", flat=True)  # type: ignore[call-overload]
    )
    assert {UnitKind.CITY_DEPARTMENT, UnitKind.COMMUNITY, UnitKind.STREET} <= lead_kinds
    escalated_by_community = await Event.filter(
        action=Action.ESCALATE, actor_unit__kind=UnitKind.COMMUNITY
    ).exists()
    assert escalated_by_community


async def test_every_timeline_runs_from_submission_to_the_petitions_current_state(db) -> None:
    await seed_demo(petitions=SMALL, now=NOW)
    states = dict(await Petition.all().values_list("id", "state"))
    timelines: dict[int, list[Event]] = {}
    for event in await Event.all().order_by("id"):
        timelines.setdefault(event.petition_id, []).append(event)
    assert set(timelines) == set(states)
    for pid, events in timelines.items():
        first = events[0]
        assert first.action == Action.SUBMIT and first.from_state is None, pid
        state, at = first.to_state, first.at
        for event in events[1:]:
            assert event.from_state == state, (pid, event.action, event.from_state, state)
            assert at <= event.at <= NOW, (pid, event.action)
            state, at = event.to_state, event.at
        assert state == states[pid], pid
    # Merges are written onto the surviving petitions' timelines too, in time order above.
    merges = [e for e in await Event.filter(action=Action.MERGE) if "merged" in e.payload]
    assert merges, "the demo merges some duplicates"
    survivors = dict(
        await Petition.filter(duplicate_of_id__isnull=False).values_list("id", "duplicate_of_id")
    )
    assert {e.payload["merged"]["id"]: e.petition_id for e in merges} == survivors


async def test_every_demo_login_in_the_readme_table_works_with_the_demo_password(db) -> None:
    await seed_demo(petitions=0, now=NOW)
    listed = [a for a in demo_accounts() if a.unit_code in LOGIN_TABLE_UNITS]
    assert len(listed) == 20
    units = dict(await Unit.all().values_list("code", "id"))
    # Password checks run in threads: together they take a fraction of the time.
    results = await asyncio.gather(*(login(a.username, DEMO_PASSWORD, NOW) for a in listed))
    for account, result in zip(listed, results, strict=True):
        assert result.actor.unit.id == units[account.unit_code], account.username
        assert result.actor.roles == frozenset({account.role}), account.username
    # Every other demo account shares the one hash, so the same password opens it.
    everyone = [a.username for a in demo_accounts()]
    hashes = await User.filter(username__in=everyone).values_list("password_hash", flat=True)
    assert len(hashes) == len(everyone) and len(set(hashes)) == 1
    dispatchers = [a.unit_code for a in demo_accounts() if a.role is Role.DISPATCHER]
    assert len(dispatchers) == 11  # the city and all ten districts


async def test_the_published_demo_keys_authenticate_as_the_district_app_and_the_hotline(
    db,
) -> None:
    await seed_demo(petitions=0, now=NOW)
    await seed_demo(petitions=0, now=NOW)
    assert await ApiKey.all().count() == 2
    app = await actor_from_api_key(APP_KEY_SECRET)
    assert app is not None and app.unit.id == (await Unit.get(code="SN")).id
    assert app.scopes == frozenset({Scope.PETITION_SUBMIT})  # the petitioner's token does the rest
    hotline = await actor_from_api_key(HOTLINE_KEY_SECRET)
    assert hotline is not None and hotline.unit.kind is UnitKind.CITY_PLATFORM
    assert Scope.PETITION_SUBMIT in hotline.scopes


async def test_demo_referrals_come_after_the_two_assessments_they_cite_and_cite_each_once(
    db,
) -> None:
    await seed_demo(petitions=SMALL, now=NOW)
    referrals = await Referral.all()
    assert referrals, "the demo shows a referral"
    cited: list[int] = []
    for r in referrals:
        first = await Assessment.get(id=r.first_assessment_id)
        second = await Assessment.get(id=r.second_assessment_id)
        assert first.unit_id == second.unit_id == r.unit_id
        assert first.result == second.result == "NOT_FULFILLED"
        assert first.created_at <= second.created_at <= r.created_at <= NOW, r.id
        assert r.state == "OPEN"
        created = await ReferralEvent.get(referral_id=r.id)
        assert (created.step, created.at, created.to_state) == ("CREATE", r.created_at, "OPEN")
        cited += [first.id, second.id]
    assert len(cited) == len(set(cited))
    referred = await Unit.get(code="SN-CG")
    assert await Referral.filter(unit_id=referred.id).count() == 1


async def test_the_demo_names_every_platforms_area_and_both_referral_recipients(db) -> None:
    await seed_demo(petitions=0, now=NOW)
    areas = dict(
        await Unit.filter(kind__in=["CITY_PLATFORM", "DISTRICT_PLATFORM"]).values_list(
            "code", "area_name"
        )
    )
    assert areas == {
        "QD": "青岛市",
        "SN": "市南区",
        "SB": "市北区",
        "LC": "李沧区",
        "LS": "崂山区",
        "HD": "黄岛区",
        "CY": "城阳区",
        "JM": "即墨区",
        "JZ": "胶州市",
        "PD": "平度市",
        "LX": "莱西市",
    }
    sn = await Unit.get(code="SN")
    assert (sn.name, sn.platform_name) == ("暖南诉办", "暖南诉办")
    recipients = await Unit.filter(receives_referrals=True).values_list("code", "name", "kind")
    assert sorted(recipients) == [
        ("QD-JW", "市纪委监委", "CITY_DEPARTMENT"),
        ("QD-ZZB", "市委组织部", "CITY_DEPARTMENT"),
    ]
    inspectors = await RoleGrant.filter(role=Role.INSPECTOR).values_list(
        "user__username", "unit__code"
    )
    assert sorted(inspectors) == [("qd-jw.inspector", "QD-JW"), ("qd-zzb.inspector", "QD-ZZB")]


async def test_seeding_again_names_the_areas_of_a_city_seeded_before_they_had_names(db) -> None:
    await seed_demo(petitions=0, now=NOW)
    await Unit.all().update(area_name=None, receives_referrals=False)
    await seed_demo(petitions=0, now=NOW)
    assert (await Unit.get(code="LX")).area_name == "莱西市"
    assert (await Unit.get(code="QD-ZZB")).receives_referrals
