"""DOMAIN §8's measures as arithmetic over counts, and which counts each event moves.

The counts live in daily rollup rows (one per day, district and scope key) kept in the same
transaction as the step that changes them; a page sums a few hundred rows instead of scanning
petitions. `event_facts` says which counters one timeline event moves and on which day; the
rebuild derives the same facts from the petitions' own rows, and a test holds the two equal.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from workflow.actors import Actor
from workflow.calendar import WorkingCalendar
from workflow.deadlines import TZ, compute_deadline
from workflow.enums import Action, Resolution, Satisfaction, State, StatScope, UnitKind
from workflow.errors import not_allowed
from workflow.privacy import Reach, visibility

# Every counter of a rollup row. Rates are ratios of two of them (see `Measures`).
COUNTERS: tuple[str, ...] = (
    "submitted",  # petitions taken in
    "closed",  # petitions closed, for any reason
    "assigned",  # lead assignments made (dispatch, intake to a community, escalation to a street)
    "accepted_in_time",  # of those, accepted in time (counted on the assignment's day)
    "returned",  # lead assignments a unit sent back to the platform
    "replies",  # replies a unit signed off to the platform
    "replies_on_time",  # of those, before the deadline
    "evaluations",  # petitioners' judgements (NOT_EVALUATED closures are not evaluations)
    "resolved",  # RESOLVED or BASICALLY_RESOLVED
    "satisfied",  # SATISFIED or BASICALLY_SATISFIED
    "first_evaluations",  # evaluations of a first round
    "second_rounds",  # first-round evaluations that sent the petition to second handling
    "extensions",  # extensions approved
    "urges",  # 督办
    # 先行联系: assignments under which the petition's first contact was recorded (counted on
    # the assignment's day, like accepted_in_time), and of those, contacts made in time.
    "first_contacts",
    "first_contacts_in_time",
)

POSITIVE_RESOLUTION = frozenset({Resolution.RESOLVED, Resolution.BASICALLY_RESOLVED})
POSITIVE_SATISFACTION = frozenset({Satisfaction.SATISFIED, Satisfaction.BASICALLY_SATISFIED})
_CENT = Decimal("0.01")


def local_day(at: datetime) -> date:
    """Measures count by the Shanghai calendar day, whatever the server's zone."""
    return at.astimezone(TZ).date()


def accepted_in_time(
    cal: WorkingCalendar, assigned_at: datetime, accepted_at: datetime, days: int
) -> bool:
    """Accepted before 24:00 of the `days`-th working day after the day of the assignment."""
    return accepted_at < compute_deadline(cal, assigned_at, days).due_at


@dataclass(frozen=True)
class Rate:
    numerator: int
    denominator: int

    @property
    def percent(self) -> Decimal | None:
        """Two decimals, rounded half up as people do by hand; None for an empty base."""
        if self.denominator == 0:
            return None
        return (Decimal(self.numerator * 100) / Decimal(self.denominator)).quantize(
            _CENT, rounding=ROUND_HALF_UP
        )

    @property
    def display(self) -> str:
        pct = self.percent
        return "—" if pct is None else f"{pct}%"


@dataclass(frozen=True)
class Measures:
    """The counts of one scope over one period, and the rates built from them."""

    counts: Mapping[str, int]

    def __getitem__(self, counter: str) -> int:
        return int(self.counts.get(counter, 0) or 0)

    @property
    def response_rate(self) -> Rate:
        return Rate(self["accepted_in_time"], self["assigned"])

    @property
    def on_time_rate(self) -> Rate:
        return Rate(self["replies_on_time"], self["replies"])

    @property
    def resolution_rate(self) -> Rate:
        return Rate(self["resolved"], self["evaluations"])

    @property
    def satisfaction_rate(self) -> Rate:
        return Rate(self["satisfied"], self["evaluations"])

    @property
    def second_handling_rate(self) -> Rate:
        return Rate(self["second_rounds"], self["first_evaluations"])

    @property
    def return_rate(self) -> Rate:
        return Rate(self["returned"], self["assigned"])

    @property
    def first_contact_rate(self) -> Rate:
        """先行联系率: assignments under which the petitioner was first contacted."""
        return Rate(self["first_contacts"], self["assigned"])

    @property
    def first_contact_in_time_rate(self) -> Rate:
        """先行联系及时率: of those first contacts, the ones made in time."""
        return Rate(self["first_contacts_in_time"], self["first_contacts"])


@dataclass(frozen=True)
class Fact:
    """One counter moved by `n` on the day of `at`, for the unit concerned (if any)."""

    at: datetime
    counter: str
    unit_id: int | None = None
    n: int = 1


def _unit(payload: Mapping[str, Any], key: str) -> int | None:
    ref = payload.get(key)
    if isinstance(ref, dict):
        value = ref.get("id")
        return int(value) if value is not None else None
    return int(ref) if ref is not None else None


def first_contact_facts(
    assigned_at: datetime, unit_id: int | None, in_time: bool, sign: int = 1
) -> list[Fact]:
    facts = [Fact(assigned_at, "first_contacts", unit_id, sign)]
    if in_time:
        facts.append(Fact(assigned_at, "first_contacts_in_time", unit_id, sign))
    return facts


def evaluation_facts(
    at: datetime,
    unit_id: int | None,
    satisfaction: Satisfaction,
    resolution: Resolution,
    round_: int,
    to_second_round: bool,
) -> list[Fact]:
    facts = [Fact(at, "evaluations", unit_id)]
    if resolution in POSITIVE_RESOLUTION:
        facts.append(Fact(at, "resolved", unit_id))
    if satisfaction in POSITIVE_SATISFACTION:
        facts.append(Fact(at, "satisfied", unit_id))
    if round_ == 1:
        facts.append(Fact(at, "first_evaluations", unit_id))
        if to_second_round:
            facts.append(Fact(at, "second_rounds", unit_id))
    return facts


def counts_evaluation(merged_into: object) -> bool:
    """Rates count one evaluation per handled petition and round. A petitioner whose petition
    was merged into another judges that petition's answer too, but their evaluation moves no
    measure: the number of people who reported one problem, or a platform's choice to merge,
    must not weigh one handling several times (see resolvers/merged.py)."""
    return merged_into is None


def event_facts(
    action: Action,
    from_state: State | None,
    to_state: State | None,
    payload: Mapping[str, Any],
    at: datetime,
) -> list[Fact]:
    """The counters one timeline event moves. The steps put what is needed in the payload."""
    facts: list[Fact] = []
    if action is Action.SUBMIT:
        facts.append(Fact(at, "submitted"))
        if to_state is State.ASSIGNED:
            facts.append(Fact(at, "assigned", _unit(payload, "toUnit")))
    elif action is Action.DISPATCH:
        facts.append(Fact(at, "assigned", _unit(payload, "leadUnit")))
    elif action is Action.ESCALATE and to_state is State.ASSIGNED:
        facts.append(Fact(at, "assigned", _unit(payload, "toUnit")))
    elif action is Action.ACCEPT and payload.get("acceptedInTime"):
        assigned_at = datetime.fromisoformat(str(payload["assignedAt"]))
        facts.append(Fact(assigned_at, "accepted_in_time", _unit(payload, "unitId")))
    elif action is Action.RECALL and payload.get("assignedAt"):
        assigned_at = datetime.fromisoformat(str(payload["assignedAt"]))
        facts.append(Fact(assigned_at, "assigned", _unit(payload, "fromUnit"), -1))
        if payload.get("firstContact"):  # the contact made under it no longer counts either
            facts += first_contact_facts(
                assigned_at,
                _unit(payload, "fromUnit"),
                bool(payload.get("firstContactInTime")),
                -1,
            )
    elif action is Action.FIRST_CONTACT and payload.get("first"):
        facts += first_contact_facts(
            datetime.fromisoformat(str(payload["assignedAt"])),
            _unit(payload, "unitId"),
            bool(payload.get("inTime")),
        )
    elif action is Action.RETURN:
        facts.append(Fact(at, "returned", _unit(payload, "fromUnit")))
    elif action is Action.REVIEW_REPLY and payload.get("toPlatform"):
        unit = _unit(payload, "unitId")
        facts.append(Fact(at, "replies", unit))
        if payload.get("onTime"):
            facts.append(Fact(at, "replies_on_time", unit))
    elif action is Action.EVALUATE and counts_evaluation(payload.get("mergedInto")):
        facts += evaluation_facts(
            at,
            _unit(payload, "unitId"),
            Satisfaction(str(payload["satisfaction"])),
            Resolution(str(payload["resolution"])),
            int(payload["round"]),
            to_state is State.TRIAGE,
        )
    elif action is Action.DECIDE_EXTENSION and payload.get("approved"):
        facts.append(Fact(at, "extensions", _unit(payload, "unitId")))
    elif action is Action.URGE:
        facts.append(Fact(at, "urges", _unit(payload, "unitId")))
    if to_state is State.CLOSED and from_state is not State.CLOSED:
        facts.append(Fact(at, "closed"))
    return facts


@dataclass(frozen=True)
class StatsReach:
    """Which rollup rows an actor may sum: all districts (None) or one."""

    district_id: int | None
    own_unit_id: int | None = None


def stats_reach(
    actor: Actor, scope: StatScope, unit_district_id: int | None = None, unit_id: int | None = None
) -> StatsReach:
    """The city platform sees every scope; a district platform its own district and the
    streets and units in it (topics and channels counted within the district); any other unit
    only its own unit's measures. `unit_district_id` is the district of the unit asked about."""
    vis = visibility(actor)
    if actor.is_machine:
        raise not_allowed("统计数据仅对工作人员开放")
    if vis.reach is Reach.ALL:
        return StatsReach(None)
    if vis.reach is Reach.DISTRICT and vis.district_id is not None:
        if scope is StatScope.CITY:
            raise not_allowed("区（市）平台只能查看本区的统计")
        if scope in (StatScope.DISTRICT, StatScope.STREET, StatScope.UNIT) and (
            unit_district_id != vis.district_id
        ):
            raise not_allowed("只能查看本区（市）的统计")
        return StatsReach(vis.district_id)
    if (
        vis.reach is Reach.UNIT
        and scope is StatScope.UNIT
        and unit_id == actor.unit.id
        and actor.unit.kind is not UnitKind.CITY_PLATFORM
    ):
        return StatsReach(None, own_unit_id=actor.unit.id)
    raise not_allowed("只能查看本单位的统计")
