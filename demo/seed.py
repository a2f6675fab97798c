"""`qingsu seed --demo`: the demo city — organisation, accounts, API keys and petitions.

Everything is idempotent (units and topics by code, users by username, duty items by
(unit, title), API keys by name, petitions by external id), so `make run` can seed on every
start. The petitions are not inserted as finished rows: demo/stories.py drives each one
through the resolvers, so every timeline is one the real system could have written.
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime

from tortoise.transactions import in_transaction

from demo.campaigns import seed_campaigns
from demo.city import (
    CAMPAIGN_AREAS,
    CITY_AREA_NAME,
    CITY_DEPARTMENTS,
    CITY_PLATFORM,
    DISTRICTS,
    DISTRICTS_BY_CODE,
    INSPECTION_DEPARTMENT_CODE,
    ORGANISATION_DEPARTMENT_CODE,
    REFERRAL_UNIT_CODES,
    TOPICS,
    all_units,
    duty_items_for,
)
from demo.history import PREFIX as HISTORY_PREFIX
from demo.history import load_history
from demo.places import place_names
from demo.stories import Outcomes, Staff, World, seed_petitions
from models import (
    ApiKey,
    DutyItem,
    Evaluation,
    Extension,
    Petition,
    PlaceName,
    Referral,
    RoleGrant,
    Topic,
    Unit,
    Urge,
    User,
)
from resolvers.auth import actor_from_api_key, create_api_key, hash_password
from resolvers.catalog import bump
from resolvers.dispatch_suggestions import duty_lists_changed
from resolvers.rollup_rebuild import rebuild_stats
from workflow.actors import Actor
from workflow.deadlines import TZ
from workflow.enums import ApiClientKind, Closure, Role, State, UnitKind
from workflow.lights import light_of

log = logging.getLogger("qingsu.seed")

DEMO_PASSWORD = "qingsu-demo-2023"
APP_KEY_NAME = "暖南诉办 App（演示）"
APP_KEY_SECRET = "qsk_demo0sn0_qingsu-demo-district-app-key"
HOTLINE_KEY_NAME = "12345热线（演示）"
HOTLINE_KEY_SECRET = "qsk_demo12345_qingsu-demo-hotline-key"
SEED = 20230324

ROLE_LABELS: dict[Role, str] = {
    Role.HANDLER: "经办人",
    Role.REVIEWER: "审核人",
    Role.HEAD: "负责人",
    Role.DISPATCHER: "派单员",
    Role.SUPERVISOR: "督办员",
    Role.INSPECTOR: "纪检监察员",
    Role.GRID_WORKER: "网格员",
    Role.ADMIN: "管理员",
}
HANDLING_ROLES = (Role.HANDLER, Role.REVIEWER, Role.HEAD)


async def seed_demo(petitions: int = 1000, now: datetime | None = None, history: int = 0) -> str:
    """Load the demo city and return a report of what is in the database afterwards.
    `history`: about that many older, closed petitions over the two years before the
    stories' window, written in bulk by demo/history.py (`qingsu seed --demo` asks for them)."""
    now = now or datetime.now(UTC)
    started = time.monotonic()
    units = await seed_org()
    staff = await seed_accounts(units)
    await seed_keys(units, now)
    await seed_campaigns(now.astimezone(TZ).date())
    world = World(
        units=units,
        staff=staff,
        app=await _key_actor(APP_KEY_SECRET),
        hotline=await _key_actor(HOTLINE_KEY_SECRET),
        now=now,
    )
    outcomes = await seed_petitions(world, petitions, SEED)
    loaded = await load_history(units, staff, HOTLINE_KEY_NAME, history, now)
    if loaded:
        # The bulk loader writes the petitions' rows, not the daily rollups the steps keep:
        # count them as `qingsu rebuild-stats` would, or the measures miss two years.
        await rebuild_stats()
    text = await report(outcomes, now, time.monotonic() - started)
    older = await Petition.filter(external_id__startswith=HISTORY_PREFIX).count()
    return text + f"\nhistory: {older} closed petitions over two years ({loaded} written now)"


# --------------------------------------------------------------------------------------------
# Organisation


async def seed_org() -> dict[str, Unit]:
    """Units, topics and duty lists; returns every unit by code."""
    async with in_transaction():
        units = await _seed_units()
        topics = await _seed_topics()
        await _seed_duty_items(units, topics)
        await bump()  # every process reloads its copy of units and topics
        await _seed_places(units)
    return units


async def _seed_places(units: dict[str, Unit]) -> None:
    """Roads and areas of each street and community, for finding a community by address."""
    await PlaceName.bulk_create(
        [PlaceName(unit_id=units[code].id, name=name) for code, name in place_names()],
        batch_size=500,
        ignore_conflicts=True,
    )


async def _seed_units() -> dict[str, Unit]:
    units = {u.code: u for u in await Unit.all()}
    for row in all_units():
        if row.code in units:
            continue
        is_platform = row.kind is UnitKind.DISTRICT_PLATFORM
        in_district = row.district_code is not None and not is_platform
        unit = await Unit.create(
            code=row.code,
            name=row.name,
            kind=row.kind,
            parent_id=units[row.parent_code].id if row.parent_code else None,
            district_id=units[row.district_code].id if in_district and row.district_code else None,
            district_code=row.district_code if is_platform else None,
            platform_name=_platform_name(row.code, row.kind),
            area_name=_area_name(row.code, row.kind),
            receives_referrals=row.code in REFERRAL_UNIT_CODES,
        )
        if is_platform:  # a district platform's district is itself
            unit.district_id = unit.id
            await unit.save(update_fields=["district_id"])
        units[row.code] = unit
    await _complete_units(units)
    return units


async def _complete_units(units: dict[str, Unit]) -> None:
    """Units seeded before areas had names and referrals had recipients get them now."""
    for code, unit in units.items():
        area = unit.area_name or _area_name(code, UnitKind(unit.kind))
        receives = unit.receives_referrals or code in REFERRAL_UNIT_CODES
        if (area, receives) != (unit.area_name, unit.receives_referrals):
            unit.area_name, unit.receives_referrals = area, receives
            await unit.save(update_fields=["area_name", "receives_referrals"])


def _platform_name(code: str, kind: UnitKind) -> str | None:
    if kind is UnitKind.CITY_PLATFORM:
        return "青诉即办"
    if kind is UnitKind.DISTRICT_PLATFORM:
        return DISTRICTS_BY_CODE[code].platform_name
    return None


def _area_name(code: str, kind: UnitKind) -> str | None:
    """The place a platform serves (市南区 beside the brand 暖南诉办)."""
    if kind is UnitKind.CITY_PLATFORM:
        return CITY_AREA_NAME
    if kind is UnitKind.DISTRICT_PLATFORM:
        return DISTRICTS_BY_CODE[code].name
    return None


async def _seed_topics() -> dict[str, Topic]:
    topics = {t.code: t for t in await Topic.all()}
    for spec in TOPICS:
        if spec.code not in topics:
            topics[spec.code] = await Topic.create(
                code=spec.code, name=spec.name, campaign=spec.code in CAMPAIGN_AREAS
            )
        missing = [c for c in spec.children if c.code not in topics]
        if missing:
            parent = topics[spec.code]
            await Topic.bulk_create(
                [Topic(code=c.code, name=c.name, parent_id=parent.id) for c in missing]
            )
    return {t.code: t for t in await Topic.all()}


async def _seed_duty_items(units: dict[str, Unit], topics: dict[str, Topic]) -> None:
    have = set(await DutyItem.all().values_list("unit_id", "title"))
    new: list[DutyItem] = []
    for row in all_units():
        unit = units[row.code]
        for spec in duty_items_for(row.kind, row.department_key):
            if (unit.id, spec.title) in have:
                continue
            new.append(
                DutyItem(
                    unit_id=unit.id,
                    title=spec.title,
                    description=spec.description,
                    keywords=list(spec.keywords),
                    topic_id=topics[spec.topic].id,
                    category=spec.category,
                    legal_basis=spec.legal_basis,
                )
            )
    if new:
        await DutyItem.bulk_create(new, batch_size=200)
        await duty_lists_changed()


# --------------------------------------------------------------------------------------------
# Accounts


@dataclass(frozen=True)
class Account:
    username: str
    unit_code: str
    role: Role
    display_name: str


def demo_accounts() -> list[Account]:
    """One account per role and unit, named `<lower-case unit code>.<role>`: every unit that
    acts in the demo stories has real people, and anyone can guess a login from a unit code."""
    out: list[Account] = []

    def add(code: str, role: Role, label: str) -> None:
        name = f"{code.lower()}.{'grid' if role is Role.GRID_WORKER else role.value.lower()}"
        out.append(Account(name, code, role, f"{label}{ROLE_LABELS[role]}"))

    city = CITY_PLATFORM.code
    for role in (Role.DISPATCHER, Role.SUPERVISOR, Role.ADMIN):
        add(city, role, "市级平台")
    add(INSPECTION_DEPARTMENT_CODE, Role.INSPECTOR, "市纪委监委")
    add(ORGANISATION_DEPARTMENT_CODE, Role.INSPECTOR, "市委组织部")
    for dept in CITY_DEPARTMENTS:
        if dept.key is not None:
            for role in HANDLING_ROLES:
                add(dept.code, role, dept.name)
    for district in DISTRICTS:
        add(district.code, Role.DISPATCHER, district.name)
        if district.code == "SN":
            add(district.code, Role.ADMIN, district.name)
        for dept in district.departments:
            for role in HANDLING_ROLES:
                add(dept.code, role, dept.name)
        for street in district.streets:
            for role in HANDLING_ROLES:
                add(street.code, role, street.name)
            for community in street.communities:
                for role in (*HANDLING_ROLES, Role.GRID_WORKER):
                    add(community.code, role, community.name)
    return out


async def seed_accounts(units: dict[str, Unit]) -> Staff:
    """Creates missing demo users (one password hash shared by all, so seeding stays fast)
    and their grants; returns who acts for each (unit code, role)."""
    accounts = demo_accounts()
    names = [a.username for a in accounts]
    existing = set(await User.filter(username__in=names).values_list("username", flat=True))
    missing = [a for a in accounts if a.username not in existing]
    if missing:
        password_hash = await hash_password(DEMO_PASSWORD)
        await User.bulk_create(
            [
                User(username=a.username, display_name=a.display_name, password_hash=password_hash)
                for a in missing
            ],
            batch_size=200,
        )
    ids: dict[str, int] = dict(
        await User.filter(username__in=names).values_list("username", "id")  # type: ignore[arg-type]
    )
    granted = set(
        await RoleGrant.filter(user_id__in=list(ids.values())).values_list(
            "user_id", "unit_id", "role"
        )
    )
    new_grants = [
        RoleGrant(user_id=ids[a.username], unit_id=units[a.unit_code].id, role=a.role)
        for a in accounts
        if (ids[a.username], units[a.unit_code].id, a.role) not in granted
    ]
    if new_grants:
        await RoleGrant.bulk_create(new_grants, batch_size=200)
    return {(a.unit_code, a.role): (ids[a.username], a.display_name) for a in accounts}


# --------------------------------------------------------------------------------------------
# Machine clients


async def seed_keys(units: dict[str, Unit], now: datetime) -> None:
    """Fixed, published secrets: a demo must work without fishing a key out of a log."""
    for name, code, kind, secret in (
        (APP_KEY_NAME, "SN", ApiClientKind.DISTRICT_APP, APP_KEY_SECRET),
        (HOTLINE_KEY_NAME, CITY_PLATFORM.code, ApiClientKind.HOTLINE, HOTLINE_KEY_SECRET),
    ):
        if not await ApiKey.exists(name=name):
            await create_api_key(None, name, units[code].id, kind, now, secret=secret)


async def _key_actor(secret: str) -> Actor:
    actor = await actor_from_api_key(secret)
    if actor is None:
        raise RuntimeError("a demo API key exists under another secret (was SECRET_KEY changed?)")
    return actor


# --------------------------------------------------------------------------------------------
# Report


LOGIN_TABLE_UNITS = (
    "QD",
    "QD-CG",
    "QD-JW",
    "QD-ZZB",
    "SN",
    "SN-CG",
    "SN-S01",
    "SN-S01-C01",
)


def logins_table() -> str:
    """The README's table of demo logins (the main ones; every unit has the same pattern)."""
    by_unit: dict[str, list[Account]] = {}
    for a in demo_accounts():
        by_unit.setdefault(a.unit_code, []).append(a)
    unit_names = {u.code: u.name for u in all_units()}
    lines = ["| username | unit | role |", "|---|---|---|"]
    for code in LOGIN_TABLE_UNITS:
        for a in by_unit[code]:
            lines.append(f"| `{a.username}` | {unit_names[code]} ({code}) | {a.role.value} |")
    others = ", ".join(f"`{d.code.lower()}.dispatcher`" for d in DISTRICTS if d.code != "SN")
    lines.append(f"| {others} | the other district platforms | DISPATCHER |")
    lines.append(
        "| `<unit code>.handler` / `.reviewer` / `.head` (`.grid` at communities) "
        "| every department, street and community | HANDLER / REVIEWER / HEAD / GRID_WORKER |"
    )
    return "\n".join(lines)


async def report(outcomes: Outcomes, now: datetime, seconds: float) -> str:
    rows = await Petition.filter(external_id__startswith="demo-").values(
        "state", "closure", "round", "platform_id", "deadline", "yellow_at", "urge_count"
    )
    city_id = (await Unit.get(code=CITY_PLATFORM.code)).id
    states: Counter[str] = Counter()
    closures: Counter[str] = Counter()
    lights: Counter[str] = Counter()
    for r in rows:
        state = State(r["state"])
        label = state.value
        if state is State.TRIAGE:
            label += " (city)" if r["platform_id"] == city_id else " (district)"
        states[label] += 1
        if r["closure"]:
            closures[Closure(r["closure"]).value] += 1
        light = light_of(state, r["deadline"], r["yellow_at"], now)
        if light is not None:
            lights[light.value] += 1
    lines = [
        f"demo city: {await Unit.all().count()} units, {await Topic.all().count()} topics, "
        f"{await DutyItem.all().count()} duty items, {await User.all().count()} users",
        f"petitions: {len(rows)} ({outcomes.created} created now, {outcomes.skipped} already "
        f"there, {len(outcomes.failed)} failed) in {seconds:.1f} s",
        "by state: " + ", ".join(f"{k} {v}" for k, v in sorted(states.items())),
        "closed as: " + ", ".join(f"{k} {v}" for k, v in sorted(closures.items())),
        "lights of open petitions: " + ", ".join(f"{k} {v}" for k, v in sorted(lights.items())),
        f"second round: {sum(1 for r in rows if r['round'] == 2)}, "
        f"urged: {sum(1 for r in rows if r['urge_count'])} ({await Urge.all().count()} urges), "
        f"approved extensions: {await Extension.filter(status='APPROVED').count()}, "
        f"evaluations: {await Evaluation.all().count()}, "
        f"referrals: {await Referral.all().count()}",
        "",
        f'demo logins (password "{DEMO_PASSWORD}"):',
        logins_table(),
        "",
        f"API keys: {APP_KEY_NAME} (SN, DISTRICT_APP) {APP_KEY_SECRET}",
        f"          {HOTLINE_KEY_NAME} (QD, HOTLINE) {HOTLINE_KEY_SECRET}",
    ]
    for number, error in outcomes.failed[:5]:
        lines.append(f"FAILED demo-{number:06d}: {error}")
    return "\n".join(lines)
