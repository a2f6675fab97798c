"""The lives of the demo petitions, driven through the resolvers.

Each petition is planned first — a route through the organisation and the state it must end
in — from one seeded random generator, so the plan is the same on every run and for every
database. Then a `Story` takes it step by step through the same resolvers the API calls, as
the people who would really act (real demo accounts, the district app's key, petitioners
signed in with a one-time code, the hotline's key), at simulated times that only move
forward and never pass the seed's `now`. The result is data whose every timeline, deadline,
light, rate and referral is one the system itself could have produced."""

from __future__ import annotations

import logging
import random
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from enum import StrEnum

from tortoise.transactions import in_transaction

from demo.city import DISTRICTS, DISTRICTS_BY_CODE, CommunitySpec, DistrictSpec, StreetSpec
from demo.texts import (
    ENTERPRISE_NAMES,
    PETITION_TEMPLATES,
    REPLY_TEMPLATES,
    ROADS,
    PetitionTemplate,
    fake_name,
    fake_office_phone,
    fake_phone,
)
from models import DutyItem, Event, Petition, Topic, Unit
from resolvers import closing, handling, triage
from resolvers.intake import PetitionDraft, submit_petition
from resolvers.units import unit_ref
from workflow.actors import Actor, petitioner
from workflow.deadlines import TZ
from workflow.enums import (
    AssessmentResult,
    Category,
    Channel,
    Complexity,
    ContactMethod,
    Kind,
    PetitionerType,
    Resolution,
    ReviewStage,
    Role,
    Satisfaction,
    State,
)
from workflow.petitioner import UNANSWERED_CLOSURES

log = logging.getLogger("qingsu.seed")

# Who acts for each (unit code, role): (user id, display name).
Staff = dict[tuple[str, Role], tuple[int, str]]

WINDOW_DAYS = 60
# The referred unit fails its first assessment before this many days ago, its second after.
REFERRAL_GAP_DAYS = 25
BATCH = 50  # petitions per database transaction (each story is a savepoint inside it)


class Route(StrEnum):
    """How a petition travels to the unit that finally handles it."""

    DISTRICT = "DISTRICT"  # the district platform dispatches to a department or street
    JOINT = "JOINT"  # enforcement: a lead department plus cooperating units
    CITY = "CITY"  # escalated to the city platform, handled by a city department
    SENT_BACK = "SENT_BACK"  # escalated, sent back by the city, dispatched in the district
    RETURNED = "RETURNED"  # mis-dispatched, returned by the department, dispatched again
    STREET_UP = "STREET_UP"  # the street escalates it back to the district platform
    COMMUNITY = "COMMUNITY"  # livelihood with a known community: routed there at intake
    COMMUNITY_UP = "COMMUNITY_UP"  # ... and escalated by the community to its street


class End(StrEnum):
    """Where the story stops. Open ends are states; closed ends name the closure."""

    TRIAGE = "TRIAGE"
    TRIAGE_CITY = "TRIAGE_CITY"
    TRIAGE_ROUND2 = "TRIAGE_ROUND2"
    ASSIGNED = "ASSIGNED"
    HANDLING = "HANDLING"
    UNIT_REVIEW = "UNIT_REVIEW"
    PLATFORM_REVIEW = "PLATFORM_REVIEW"
    AWAITING_EVALUATION = "AWAITING_EVALUATION"
    PENDING_ASSESSMENT = "PENDING_ASSESSMENT"
    EVALUATED = "EVALUATED"
    NOT_EVALUATED = "NOT_EVALUATED"
    INVALID = "INVALID"
    DUPLICATE = "DUPLICATE"
    WITHDRAWN = "WITHDRAWN"
    FULFILLED = "FULFILLED"
    NOT_FULFILLED = "NOT_FULFILLED"


# How a story's round-1 extension goes: (outcome, cumulative probability).
EXTENSION_ODDS = (("APPROVED", 0.10), ("REJECTED", 0.13), ("PENDING", 0.2))
ASSESSED = (End.FULFILLED, End.NOT_FULFILLED)
CLOCK_ENDS = (End.ASSIGNED, End.HANDLING, End.UNIT_REVIEW)


@dataclass(frozen=True)
class Outcome:
    route: Route
    end: End
    weight: int  # per 1000 petitions
    rounds: int = 1


R, E = Route, End
# About 60 % closed. The order is also the round-robin order of the first petitions, so that
# even a small seed shows every state and closure (NOT_FULFILLED twice: that makes a referral).
OUTCOMES: tuple[Outcome, ...] = (
    Outcome(R.DISTRICT, E.EVALUATED, 170),
    Outcome(R.DISTRICT, E.TRIAGE, 40),
    Outcome(R.COMMUNITY, E.EVALUATED, 70),
    Outcome(R.CITY, E.TRIAGE_CITY, 20),
    Outcome(R.DISTRICT, E.ASSIGNED, 40),
    Outcome(R.COMMUNITY_UP, E.EVALUATED, 30),
    Outcome(R.DISTRICT, E.HANDLING, 45),
    Outcome(R.CITY, E.EVALUATED, 40),
    Outcome(R.DISTRICT, E.UNIT_REVIEW, 40),
    Outcome(R.JOINT, E.EVALUATED, 40),
    Outcome(R.DISTRICT, E.PLATFORM_REVIEW, 35),
    Outcome(R.DISTRICT, E.EVALUATED, 35, rounds=2),
    Outcome(R.DISTRICT, E.AWAITING_EVALUATION, 60),
    Outcome(R.RETURNED, E.EVALUATED, 25),
    Outcome(R.DISTRICT, E.NOT_EVALUATED, 45),
    Outcome(R.DISTRICT, E.INVALID, 25),
    Outcome(R.DISTRICT, E.DUPLICATE, 25),
    Outcome(R.DISTRICT, E.WITHDRAWN, 20),
    Outcome(R.DISTRICT, E.PENDING_ASSESSMENT, 20, rounds=2),
    Outcome(R.DISTRICT, E.FULFILLED, 15, rounds=2),
    Outcome(R.DISTRICT, E.NOT_FULFILLED, 20, rounds=2),
    Outcome(R.DISTRICT, E.TRIAGE_ROUND2, 15, rounds=2),
    Outcome(R.COMMUNITY, E.ASSIGNED, 25),
    Outcome(R.COMMUNITY_UP, E.ASSIGNED, 15),
    Outcome(R.JOINT, E.HANDLING, 15),
    Outcome(R.CITY, E.HANDLING, 15),
    Outcome(R.CITY, E.PLATFORM_REVIEW, 15),
    Outcome(R.STREET_UP, E.EVALUATED, 15),
    Outcome(R.SENT_BACK, E.EVALUATED, 10),
)
FIRST_PASS: tuple[Outcome, ...] = (*OUTCOMES[:21], OUTCOMES[20], *OUTCOMES[21:])

# The unit that fails two assessments in a row and is referred (DOMAIN §5).
REFERRED_DISTRICT, REFERRED_KEY = "SN", "CG"
DISTRICT_WEIGHTS = (16, 12, 10, 10, 14, 10, 9, 7, 6, 6)  # SN first: the demo's home district


@dataclass(frozen=True)
class Plan:
    number: int
    outcome: Outcome
    district: DistrictSpec
    template: PetitionTemplate
    street: StreetSpec
    community: CommunitySpec
    seed: int
    # 1 or 2 for the two failures of the referred unit, in the order they happen; else 0.
    referred: int = 0

    @property
    def external_id(self) -> str:
        return external_id(self.number)


def external_id(number: int) -> str:
    return f"demo-{number:06d}"


def _templates(outcome: Outcome, referred: bool) -> list[PetitionTemplate]:
    if referred:
        return [t for t in PETITION_TEMPLATES if t.department_key == REFERRED_KEY]
    if outcome.route in (Route.COMMUNITY, Route.COMMUNITY_UP):
        return [t for t in PETITION_TEMPLATES if t.category is Category.LIVELIHOOD]
    if outcome.route is Route.JOINT:
        return [t for t in PETITION_TEMPLATES if t.category is Category.ENFORCEMENT]
    if outcome.route in (Route.CITY, Route.SENT_BACK, Route.RETURNED, Route.STREET_UP):
        return [t for t in PETITION_TEMPLATES if t.department_key != "STREET"]
    return list(PETITION_TEMPLATES)


def make_plans(count: int, seed: int) -> list[Plan]:
    """The same plans for the same (count, seed), whatever is already in the database."""
    rng = random.Random(seed)
    weights = [o.weight for o in OUTCOMES]
    plans: list[Plan] = []
    referred_left = 2
    for number in range(1, count + 1):
        if number <= len(FIRST_PASS):
            outcome = FIRST_PASS[number - 1]
        else:
            outcome = rng.choices(OUTCOMES, weights)[0]
        district = rng.choices(DISTRICTS, DISTRICT_WEIGHTS)[0]
        referred = outcome.end is End.NOT_FULFILLED and referred_left > 0
        turn = 0
        if referred:
            turn = 3 - referred_left
            referred_left -= 1
            district = DISTRICTS_BY_CODE[REFERRED_DISTRICT]
        elif outcome.end in ASSESSED and district.code == REFERRED_DISTRICT:
            # Keep other assessments away from the referred unit, so its two failures are
            # its two latest assessments whatever the simulated times.
            district = rng.choice(DISTRICTS[1:])
        elif outcome.end is End.WITHDRAWN:
            district = DISTRICTS_BY_CODE["SN"]  # withdrawn in the SN district app
        template = rng.choice(_templates(outcome, referred))
        street = rng.choice(district.streets)
        community = rng.choice(street.communities)
        plans.append(
            Plan(number, outcome, district, template, street, community, rng.getrandbits(64), turn)
        )
    return plans


@dataclass
class World:
    """Everything the stories share: units, the people and clients who act, and `now`."""

    units: dict[str, Unit]
    staff: Staff
    app: Actor  # the SN district app (DISTRICT_APP key)
    hotline: Actor  # the 12345 hotline (HOTLINE key)
    now: datetime
    by_id: dict[int, Unit] = field(default_factory=dict)
    topic_codes: dict[int, str] = field(default_factory=dict)
    duty: dict[int, list[DutyItem]] = field(default_factory=dict)
    _actors: dict[tuple[str, Role], Actor] = field(default_factory=dict)

    async def load(self) -> None:
        self.by_id = {u.id: u for u in self.units.values()}
        self.topic_codes = dict(await Topic.all().values_list("id", "code"))  # type: ignore[arg-type]
        for item in await DutyItem.all().order_by("id"):
            self.duty.setdefault(item.unit_id, []).append(item)

    def actor(self, code: str, role: Role) -> Actor:
        key = (code, role)
        if key not in self._actors:
            user_id, name = self.staff[key]
            self._actors[key] = Actor(
                unit=unit_ref(self.units[code]), roles=frozenset({role}), name=name, user_id=user_id
            )
        return self._actors[key]

    def duty_item(self, code: str, topic: str | None) -> DutyItem | None:
        """The unit's duty item for the topic (its first one otherwise): what a return cites
        and where a reply's legal basis comes from."""
        items = self.duty.get(self.units[code].id, [])
        for item in items:
            if topic and item.topic_id is not None and self.topic_codes[item.topic_id] == topic:
                return item
        return items[0] if items else None


@dataclass
class Outcomes:
    created: int = 0
    skipped: int = 0
    failed: list[tuple[int, str]] = field(default_factory=list)


async def seed_petitions(world: World, count: int, seed: int) -> Outcomes:
    """Runs the stories of the petitions not yet in the database. A story that fails is
    rolled back alone (it is a savepoint) and reported; the others are kept."""
    await world.load()
    plans = make_plans(count, seed)
    have = set(
        await Petition.filter(external_id__startswith="demo-").values_list("external_id", flat=True)
    )
    todo = [p for p in plans if p.external_id not in have]
    out = Outcomes(skipped=len(plans) - len(todo))
    for start in range(0, len(todo), BATCH):
        async with in_transaction():
            for plan in todo[start : start + BATCH]:
                try:
                    async with in_transaction():
                        await Story(world, plan).run()
                    out.created += 1
                except Exception as exc:  # one broken story must not stop the demo
                    log.exception("demo petition %s failed", plan.external_id)
                    out.failed.append((plan.number, f"{type(exc).__name__}: {exc}"))
    return out


# --------------------------------------------------------------------------------------------
# One petition's life


POSITIVE_COMMENTS = ("处理及时，非常满意", "工作人员态度很好", "问题已解决，谢谢", "")
NEGATIVE_COMMENTS = ("问题没有解决，仍然存在", "答复敷衍，没人到现场", "只是电话回复，没有实际处理")


class Story:
    def __init__(self, world: World, plan: Plan) -> None:
        self.w = world
        self.plan = plan
        self.o = plan.outcome
        self.district = plan.district
        self.street = plan.street
        self.community = plan.community
        self.rng = random.Random(plan.seed)
        rng = self.rng
        now = world.now
        # An unevaluated reply closes 7 days after it is sent: leave room for the sweep.
        margin = timedelta(days=7, hours=3) if self.o.end is End.NOT_EVALUATED else timedelta()
        if plan.referred == 1:
            # The referred unit's first failure is over before its second begins, so the
            # referral the second makes comes after both assessments it cites.
            margin = timedelta(days=REFERRAL_GAP_DAYS)
        self.limit = now - margin
        self.t = self._start(*self._window())
        self.p: Petition
        self.lead = ""
        self.coops: list[str] = []
        self.round = 1
        self.withdraw_in = rng.choice((State.TRIAGE, State.ASSIGNED, State.HANDLING))
        roll = rng.random()
        self.extension = next((x for x, p in EXTENSION_ODDS if roll < p), "")
        if self.extension == "PENDING" and self.o.end is not End.HANDLING:
            self.extension = ""
        self.reject_at: ReviewStage | None = None
        if rng.random() < 0.1:
            self.reject_at = rng.choice(
                (ReviewStage.UNIT_REVIEWER, ReviewStage.UNIT_HEAD, ReviewStage.DISTRICT_PLATFORM)
            )
        open_end = self.o.end in (*CLOCK_ENDS, End.TRIAGE, End.TRIAGE_CITY, End.PLATFORM_REVIEW)
        self.urge = rng.random() < (0.15 if open_end else 0.03)
        # 先行联系: most lead units call the petitioner when they accept, some only when they
        # reply (often too late), a few never. Drawn apart from the story's own dice, so the
        # rest of the story (and every other measure) stays what it was.
        contact_roll = random.Random(plan.seed * 31 + 7).random()
        slack = 0.04 * (DISTRICTS.index(self.district) % 3) if self.district in DISTRICTS else 0
        self.contact = (
            "ON_ACCEPT"
            if contact_roll < 0.78 - slack
            else "ON_REPLY"
            if contact_roll < 0.93 - slack / 2
            else ""
        )

    # ---- time

    def _window(self) -> tuple[float, float]:
        """Days before `now` in which the petition comes in, so it can end where planned."""
        end = self.o.end
        if self.plan.referred == 1:
            return REFERRAL_GAP_DAYS + 12, WINDOW_DAYS - 2
        if self.plan.referred == 2:
            return 3, REFERRAL_GAP_DAYS - 2
        if end is End.TRIAGE:
            return 0.05, 2
        if end is End.TRIAGE_CITY:
            return 0.2, 3
        if end in CLOCK_ENDS:  # recent ones BLUE, then YELLOW for the longer limits, then RED
            return self.rng.choice(((0.1, 1.5), (1.5, 10), (10, 25)))
        if end is End.PLATFORM_REVIEW:
            return 0.5, 6
        if end is End.AWAITING_EVALUATION:  # sent within the evaluation window
            return 0.3, 5.5
        if end is End.TRIAGE_ROUND2:
            return 3, 14
        if end is End.NOT_EVALUATED:
            return 10, WINDOW_DAYS
        return 2, WINDOW_DAYS

    def _start(self, lo: float, hi: float) -> datetime:
        rng, now = self.rng, self.w.now
        local = (now - timedelta(days=rng.uniform(lo, hi))).astimezone(TZ)
        t = datetime.combine(
            local.date(), time(rng.randint(8, 18), rng.randint(0, 59), rng.randint(0, 59)), TZ
        )
        if t > self.limit - timedelta(minutes=10):
            t -= timedelta(days=1)
        if t < now - timedelta(days=WINDOW_DAYS):
            t += timedelta(days=1)
        return t

    def tick(self, lo_hours: float = 0.5, hi_hours: float = 24) -> datetime:
        """The next step's time: a few hours to a day or two later, in office hours when
        that fits, and always before the limit (the gaps shrink as it comes near)."""
        rng = self.rng
        room = (self.limit - self.t).total_seconds()
        gap = rng.uniform(lo_hours, hi_hours) * 3600
        if gap > room / 2:
            gap = room * rng.uniform(0.02, 0.2)
        t = self.t + timedelta(seconds=max(gap, 0.001))
        local = t.astimezone(TZ)
        if local.hour < 8 or local.hour >= 20:
            day = local.date() + timedelta(days=0 if local.hour < 8 else 1)
            snapped = datetime.combine(day, time(8, rng.randint(0, 59)), TZ)
            if self.t < snapped < self.limit:
                t = snapped
        self.t = t
        return t

    # ---- who

    def dispatcher(self, code: str | None = None) -> Actor:
        return self.w.actor(code or self.district.code, Role.DISPATCHER)

    def platform_dispatcher(self) -> Actor:
        return self.dispatcher(self.w.by_id[self.p.platform_id].code)

    def handler(self, code: str) -> Actor:
        return self.w.actor(code, Role.HANDLER)

    @property
    def pid(self) -> int:
        return self.p.id

    def _lead(self) -> str:
        """The district unit whose duty list covers the template; a district without that
        department falls back on the street (livelihood) or its urban-management bureau."""
        key, dc = self.plan.template.department_key, self.district.code
        if key == "STREET":
            return self.street.code
        if f"{dc}-{key}" in self.w.units:
            return f"{dc}-{key}"
        if self.plan.template.category is Category.LIVELIHOOD:
            return self.street.code
        return f"{dc}-CG"

    # ---- the life

    async def run(self) -> None:
        o = self.o
        if o.end is End.DUPLICATE:
            await self._duplicate()
            return
        await self._intake()
        if o.end is End.INVALID:
            self.tick(0.2, 6)
            self.p = await triage.reject_petition(
                self.dispatcher(), self.pid, self.t, reason="诉求内容不明确，经电话联系无法核实"
            )
            return
        if await self._withdraw_in(State.TRIAGE) or await self._stop_at(End.TRIAGE):
            return
        for round_ in (1, 2):
            self.round = round_
            if not await self._route() or not await self._handle():
                return
            if o.end is End.AWAITING_EVALUATION:
                return
            if o.end is End.NOT_EVALUATED:
                await self._sweep()
                return
            negative = (round_ == 1 and o.rounds == 2) or (round_ == 2 and o.end in ASSESSED)
            negative = negative or (round_ == 2 and o.end is End.PENDING_ASSESSMENT)
            self.tick(2, 96)
            await self._evaluate(negative)
            if not negative or o.end is End.TRIAGE_ROUND2:
                return
            if round_ == 2:
                break
        if o.end in ASSESSED:
            self.tick(4, 72)
            fulfilled = o.end is End.FULFILLED
            self.p = await closing.assess_petition(
                self.platform_dispatcher(),
                self.pid,
                self.t,
                result=AssessmentResult.FULFILLED if fulfilled else AssessmentResult.NOT_FULFILLED,
                note="两轮办理均已到场处置，属客观原因未能解决"
                if fulfilled
                else "两轮办理均未实质解决问题，履职不到位",
            )

    async def _stop_at(self, end: End) -> bool:
        """True when the story ends here; open petitions are sometimes urged by the city."""
        if self.o.end is not end:
            return False
        await self._maybe_urge()
        return True

    async def _maybe_urge(self) -> None:
        if self.urge:
            self.urge = False
            self.tick(1, 24)
            self.p = await closing.urge_petition(
                self.w.actor("QD", Role.SUPERVISOR), self.pid, self.t, note="请加快办理，按时办结"
            )

    async def _withdraw_in(self, state: State) -> bool:
        if self.o.end is not End.WITHDRAWN or self.withdraw_in is not state:
            return False
        self.tick(1, 30)
        self.p = await closing.withdraw_petition(
            petitioner(self.p.petitioner_phone), self.pid, self.t, reason="问题已自行解决"
        )
        return True

    # ---- intake

    async def _intake(self, copy_of: Petition | None = None) -> None:
        rng, plan, dc = self.rng, self.plan, self.district.code
        tpl = plan.template
        at_community = self.o.route in (Route.COMMUNITY, Route.COMMUNITY_UP)
        # Only a petition meant for its community gives an address that names one: intake
        # routes an app's or the hotline's livelihood petition by its address.
        area = f"{self.district.name}{self.street.name}"
        if at_community or rng.random() < 0.4:
            place = self.community.name
            address = f"{area}{self.community.name}" if at_community else area
        else:
            place = rng.choice(ROADS[dc])
            address = f"{area}{rng.randint(1, 300)}号"
        kind, name, phone, anonymous = self._petitioner(tpl.category)
        actor, channel = self._channel(at_community)
        if copy_of is not None:
            title, content = copy_of.title, copy_of.content
            category = Category(copy_of.category)
            kind_ = Kind(copy_of.kind) if copy_of.kind else None
            topic = self.w.topic_codes.get(copy_of.topic_id or 0)
            complexity = Complexity(copy_of.complexity)
        else:
            title, content, category = tpl.title, tpl.render(place), tpl.category
            kind_, topic, complexity = tpl.kind, tpl.topic, tpl.complexity
        located = at_community or rng.random() < 0.7
        draft = PetitionDraft(
            title=title,
            content=content,
            category=category,
            kind=kind_,
            complexity=complexity,
            topic_code=topic,
            petitioner_type=kind,
            petitioner_name=name,
            petitioner_phone=phone,
            anonymous=anonymous,
            channel=channel,
            external_id=plan.external_id,
            district_code=dc,
            street_id=self.w.units[self.street.code].id if located else None,
            community_id=(
                self.w.units[self.community.code].id
                if at_community and channel is not Channel.GRID
                else None
            ),
            address=address,
        )
        self.p = (await submit_petition(actor, draft, self.t)).petition
        if at_community:
            self.lead = self.community.code

    def _petitioner(self, category: Category) -> tuple[PetitionerType, str, str, bool]:
        rng = self.rng
        roll = rng.random()
        if category is Category.DEVELOPMENT:
            kind = (
                PetitionerType.ENTERPRISE
                if roll < 0.75
                else PetitionerType.UNIT
                if roll < 0.85
                else PetitionerType.CITIZEN
            )
        else:
            kind = (
                PetitionerType.CITIZEN
                if roll < 0.85
                else PetitionerType.ENTERPRISE
                if roll < 0.93
                else PetitionerType.UNIT
            )
        if kind is PetitionerType.ENTERPRISE:
            return kind, rng.choice(ENTERPRISE_NAMES), fake_phone(rng), False
        if kind is PetitionerType.UNIT:
            street = rng.choice(self.district.streets)
            return kind, f"{self.district.name}{street.name}办事处", fake_office_phone(rng), False
        return kind, fake_name(rng), fake_phone(rng), rng.random() < 0.12

    def _channel(self, at_community: bool) -> tuple[Actor, Channel]:
        rng, sn = self.rng, self.district.code == "SN"
        roll = rng.random()
        if at_community:
            if roll < 0.4:
                return self.w.actor(self.community.code, Role.GRID_WORKER), Channel.GRID
            if sn and roll < 0.7:
                return self.w.app, Channel.DISTRICT_APP
            return self.dispatcher(), Channel.WECHAT
        if roll < 0.35:
            return self.w.hotline, Channel.HOTLINE_12345
        if sn and roll < 0.55:
            return self.w.app, Channel.DISTRICT_APP
        if roll < 0.7:
            return self.dispatcher(), Channel.WECHAT
        if roll < 0.85:
            return self.dispatcher(), Channel.WEBSITE
        return self.dispatcher(), Channel.WALK_IN

    async def _duplicate(self) -> None:
        """The same problem reported again: merged into the earlier petition."""
        base = Petition.filter(external_id__startswith="demo-", duplicate_of_id=None).exclude(
            closure__in=list(UNANSWERED_CLOSURES)
        )
        district_id = self.w.units[self.district.code].id
        target = (
            await base.filter(district_id=district_id, created_at__lt=self.t)
            .order_by("-created_at")
            .first()
            or await base.filter(created_at__lt=self.t).order_by("-created_at").first()
            or await base.order_by("created_at").first()
        )
        if target is None:  # the very first petition: nothing to duplicate
            await self._intake()
            self.tick(0.2, 6)
            self.p = await triage.reject_petition(
                self.dispatcher(), self.pid, self.t, reason="重复提交的测试诉求"
            )
            return
        self.district = DISTRICTS_BY_CODE[self.w.by_id[target.district_id].code]
        if target.street_id is not None:
            code = self.w.by_id[target.street_id].code
            self.street = next(s for s in self.district.streets if s.code == code)
        elif self.street not in self.district.streets:
            self.street = self.rng.choice(self.district.streets)
        self.community = self.rng.choice(self.street.communities)
        # Each story runs on its own clock and the target's has already run to its end: the
        # copy comes in after the target's last event, so the merge event it writes onto the
        # target's timeline is also its last, and every timeline stays in time order.
        last = await Event.filter(petition_id=target.id).order_by("-at").first()
        latest = max(target.created_at, last.at if last else target.created_at)
        if latest >= self.t:
            self.t = latest
            self.tick(1, 12)
        await self._intake(copy_of=target)
        self.tick(0.2, 8)
        self.p = await triage.merge_petition(
            self.dispatcher(),
            self.pid,
            self.t,
            duplicate_of_id=target.id,
            note=f"与 {target.tracking_code} 反映同一问题，合并办理",
        )

    # ---- to a handling unit

    async def _dispatch(self, platform: str, lead: str, coops: tuple[str, ...] = ()) -> None:
        self.tick(0.3, 8)
        p = self.p
        days = None
        if p.complexity == Complexity.COMPLEX and p.category != Category.LIVELIHOOD:
            days = self.rng.randint(10, 20)
        self.p = await triage.dispatch_petition(
            self.dispatcher(platform),
            self.pid,
            self.t,
            lead_unit_id=self.w.units[lead].id,
            cooperating_unit_ids=[self.w.units[c].id for c in coops],
            time_limit_days=days,
            note="请按职责办理" if not coops else "请牵头开展联合执法，协办单位配合",
        )
        self.lead, self.coops = lead, list(coops)

    async def _escalate(self, actor: Actor, reason: str, suggested: str | None = None) -> None:
        self.tick(0.5, 20)
        self.p = await triage.escalate_petition(
            actor,
            self.pid,
            self.t,
            reason=reason,
            suggested_unit_id=self.w.units[suggested].id if suggested else None,
        )

    async def _route(self) -> bool:
        """Gets the petition ASSIGNED to its handling unit; False when the story ends on the
        way (in the city's inbox, or waiting to be accepted)."""
        dc, route = self.district.code, self.o.route
        if self.round == 2 and route not in (Route.DISTRICT, Route.JOINT, Route.CITY):
            route = Route.DISTRICT
        lead = self._lead()
        street = self.street.code
        if route is Route.COMMUNITY:
            pass  # intake put it at the community
        elif route is Route.COMMUNITY_UP:
            community = self.handler(self.community.code)
            if self.rng.random() < 0.5:
                self.tick(0.5, 6)
                self.p = await handling.accept_petition(community, self.pid, self.t)
            await self._escalate(community, "涉及多个小区，需街道统筹协调")
            self.lead = street
        elif route in (Route.CITY, Route.SENT_BACK):
            await self._escalate(
                self.dispatcher(),
                "涉及全市统筹，需市级部门办理",
                f"QD-{self.plan.template.department_key}",
            )
            if await self._stop_at(End.TRIAGE_CITY):
                return False
            if route is Route.CITY:
                await self._dispatch("QD", f"QD-{self.plan.template.department_key}")
            else:
                self.tick(0.5, 12)
                self.p = await triage.send_back_petition(
                    self.dispatcher("QD"), self.pid, self.t, reason="属区级事权，请区级平台派办"
                )
                await self._dispatch(dc, lead)
        elif route is Route.RETURNED:
            wrong = self.rng.choice([d.code for d in self.district.departments if d.code != lead])
            await self._dispatch(dc, wrong)
            if self.rng.random() < 0.5:
                self.tick(0.5, 6)
                self.p = await handling.accept_petition(self.handler(wrong), self.pid, self.t)
            item = self.w.duty_item(lead, self.plan.template.topic)
            assert item is not None
            self.tick(0.5, 12)
            self.p = await triage.return_petition(
                self.handler(wrong),
                self.pid,
                self.t,
                reason=f"该事项属于{self.w.units[lead].name}的职责（{item.title}），非我单位职责",
                duty_item_id=item.id,
            )
            await self._dispatch(dc, lead)
        elif route is Route.STREET_UP:
            await self._dispatch(dc, street)
            if self.rng.random() < 0.5:
                self.tick(0.5, 6)
                self.p = await handling.accept_petition(self.handler(street), self.pid, self.t)
            await self._escalate(self.handler(street), "需区级部门依法处置，超出街道职权")
            await self._dispatch(dc, lead if lead != street else f"{dc}-CG")
        elif route is Route.JOINT:
            coops = [street]
            others = [d.code for d in self.district.departments if d.code != lead]
            if self.rng.random() < 0.4:
                coops.append(self.rng.choice(others))
            await self._dispatch(dc, lead, tuple(coops))
        else:
            await self._dispatch(dc, lead)
        if await self._withdraw_in(State.ASSIGNED):
            return False
        return not await self._stop_at(End.ASSIGNED)

    # ---- handling and the reply

    async def _handle(self) -> bool:
        """Accept, perhaps extend, gather opinions, reply and pass every review; True when
        the reply has been sent to the petitioner."""
        lead, rng = self.lead, self.rng
        self.tick(0.2, 20)
        self.p = await handling.accept_petition(self.handler(lead), self.pid, self.t)
        if self.contact == "ON_ACCEPT":
            await self._first_contact()
        if await self._withdraw_in(State.HANDLING):
            return False
        if self.urge and self.o.end not in (*CLOCK_ENDS, End.PLATFORM_REVIEW):
            await self._maybe_urge()
        if self.extension and self.round == 1:
            self.tick(2, 30)
            self.p = await handling.request_extension(
                self.handler(lead),
                self.pid,
                self.t,
                days=rng.randint(2, 5),
                reason="需协调产权单位和施工方现场核查，申请延期",
            )
            if self.extension != "PENDING":
                approve = self.extension == "APPROVED"
                self.tick(1, 12)
                self.p = await handling.decide_extension(
                    self.platform_dispatcher(),
                    self.pid,
                    self.t,
                    approve=approve,
                    note="同意延期，请在新时限内办结" if approve else "事项简单，不同意延期",
                )
        if self.o.end is End.HANDLING:
            for coop in self.coops:
                if rng.random() < 0.5:
                    await self._opinion(coop)
            await self._maybe_urge()
            return False
        for coop in self.coops:
            await self._opinion(coop)
        return await self._reply()

    async def _first_contact(self) -> None:
        """The lead unit records its first contact with the petitioner, at the story's
        present moment (the clock does not move). A second round's unit makes its own."""
        if self.p.first_contacted_at is not None:
            return
        self.p = await handling.record_first_contact(
            self.handler(self.lead),
            self.pid,
            self.t,
            contacted_at=self.t,
            method=ContactMethod.PHONE if self.pid % 5 else ContactMethod.VISIT,
            note="已电话联系诉求人，了解具体情况并约定处理时间",
        )

    async def _opinion(self, coop: str) -> None:
        self.tick(1, 30)
        unit = self.w.units[coop].name
        self.p = await handling.add_cooperation_opinion(
            self.handler(coop),
            self.pid,
            self.t,
            text=f"{unit}已派员参加联合执法，现场情况已记录，同意牵头单位处理意见。",
        )

    async def _reply(self) -> bool:
        lead, at_city = self.lead, self.lead.startswith("QD-")
        while True:
            self.tick(2, 40)
            if self.contact == "ON_REPLY":
                await self._first_contact()
            reply = self._reply_elements()
            self.p = await handling.submit_reply(
                self.handler(lead),
                self.pid,
                self.t,
                petitioner_situation=reply["petitioner_situation"],
                policy_basis=reply["policy_basis"],
                handling_result=reply["handling_result"],
                responsible_person=reply["responsible_person"],
                contact_phone=reply["contact_phone"],
            )
            if await self._withdraw_in(State.UNIT_REVIEW):
                return False
            if self.o.end is End.UNIT_REVIEW and self.rng.random() < 0.5:
                return not await self._stop_at(End.UNIT_REVIEW)
            if self.p.review_stage == ReviewStage.UNIT_REVIEWER:
                if not await self._review(self.w.actor(lead, Role.REVIEWER)):
                    continue
            if await self._stop_at(End.UNIT_REVIEW):
                return False
            if not await self._review(self.w.actor(lead, Role.HEAD)):
                continue
            if self.o.end is End.PLATFORM_REVIEW and (not at_city or self.rng.random() < 0.5):
                return not await self._stop_at(End.PLATFORM_REVIEW)
            if at_city:
                if not await self._review(self.dispatcher("QD")):
                    continue
                if await self._stop_at(End.PLATFORM_REVIEW):
                    return False
            if await self._review(self.dispatcher()):
                return True

    async def _review(self, actor: Actor) -> bool:
        """One review; the planned rejection (once per story) sends it back to handling."""
        self.tick(0.5, 12)
        reject = self.reject_at is not None and self.p.review_stage == self.reject_at
        if reject:
            self.reject_at = None
        self.p = await handling.review_reply(
            actor,
            self.pid,
            self.t,
            approve=not reject,
            note="办理结果表述不具体，请补充现场处置情况" if reject else "",
        )
        return not reject

    def _reply_elements(self) -> dict[str, str]:
        rng, p = self.rng, self.p
        category = Category(p.category)
        template = rng.choice(REPLY_TEMPLATES[category])
        if p.anonymous:
            petitioner = "诉求人"
        elif p.petitioner_type == PetitionerType.CITIZEN:
            petitioner = p.petitioner_name[0] + rng.choice(("先生", "女士"))
        else:
            petitioner = p.petitioner_name
        item = self.w.duty_item(self.lead, self.w.topic_codes.get(p.topic_id or 0))
        local = p.created_at.astimezone(TZ)
        values = {
            "petitioner": petitioner,
            "date": f"{local.month}月{local.day}日",
            "place": p.address or self.district.name,
            "title": p.title,
            "legal_basis": item.legal_basis if item else "《青岛市12345政务服务便民热线管理办法》",
            "unit": self.w.units[self.lead].name,
            "person": fake_name(rng),
            "phone": fake_office_phone(rng),
        }
        return {
            "petitioner_situation": template.petitioner_situation.format_map(values),
            "policy_basis": template.policy_basis.format_map(values),
            "handling_result": template.handling_result.format_map(values),
            "responsible_person": template.responsible_person.format_map(values),
            # The resolver wants the number itself; the template's wording goes unused.
            "contact_phone": values["phone"],
        }

    # ---- the petitioner's judgement

    async def _evaluate(self, negative: bool) -> None:
        rng = self.rng
        if negative:
            marks = rng.choice(
                (
                    (Satisfaction.UNSATISFIED, Resolution.UNRESOLVED),
                    (Satisfaction.UNSATISFIED, Resolution.BASICALLY_RESOLVED),
                    (Satisfaction.BASICALLY_SATISFIED, Resolution.UNRESOLVED),
                )
            )
            comment = rng.choice(NEGATIVE_COMMENTS)
        else:
            marks = (
                rng.choices((Satisfaction.SATISFIED, Satisfaction.BASICALLY_SATISFIED), (7, 3))[0],
                rng.choices((Resolution.RESOLVED, Resolution.BASICALLY_RESOLVED), (7, 3))[0],
            )
            comment = rng.choice(POSITIVE_COMMENTS)
        if self.district.code == "SN" and rng.random() < 0.6:
            # The petitioner, signed in to the district app with a one-time code.
            actor = petitioner(self.p.petitioner_phone)
        else:
            actor = self.dispatcher()  # staff recording a callback
        self.p = await closing.evaluate_petition(
            actor, self.pid, self.t, satisfaction=marks[0], resolution=marks[1], comment=comment
        )

    async def _sweep(self) -> None:
        """Nobody evaluated: the system's sweep closes it once the window is over."""
        due = self.p.evaluation_due_at
        assert due is not None
        at = min(due + timedelta(hours=self.rng.uniform(0.1, 3)), self.w.now)
        closed = await closing.close_unevaluated(at)
        if closed < 1:
            raise RuntimeError(f"the sweep at {at} closed nothing")
        self.p = await Petition.get(id=self.pid)
