"""Returns (退回) seen from the platform: how often a unit sends petitions back, and which of
those returns the platform disputed.

A dispute is a return the platform rejected because the duty item the unit cited does not
fit: the platform's next dispatch of the petition sends it back to the very unit that
returned it (the dispatch's note is the platform's reason). Derived from the timeline, so it
holds for every return ever made, not only those after this rule was written.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from workflow.actors import Actor, UnitRef
from workflow.duty_lists import keeping_platform
from workflow.enums import Action, Role, UnitKind

# City-level roles that read every unit's record; a district platform reads the units whose
# lists it keeps.
_CITY_READERS = frozenset({Role.DISPATCHER, Role.SUPERVISOR, Role.ADMIN})
_PLATFORM_READERS = frozenset({Role.DISPATCHER, Role.ADMIN})


def may_see_returns(actor: Actor, unit: UnitRef) -> bool:
    """The platform that dispatches to the unit (and keeps its duty list) sees its returns;
    the city platform sees every unit's."""
    platform = keeping_platform(unit)
    if platform is None or actor.is_machine:
        return False
    if actor.unit.kind is UnitKind.CITY_PLATFORM and actor.roles & _CITY_READERS:
        return True
    return actor.unit.id == platform and bool(actor.roles & _PLATFORM_READERS)


@dataclass(frozen=True)
class StepFact:
    """One RETURN or DISPATCH event of a petition, as the rule needs it."""

    id: int
    petition_id: int
    action: Action
    at: datetime
    note: str
    # RETURN: the unit that returned and the duty item it cited; DISPATCH: the lead unit.
    unit_id: int | None
    item_id: int | None = None
    item_title: str = ""
    item_unit_id: int | None = None


def _dict(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _id(value: Any) -> int | None:
    return value if isinstance(value, int) else None


def step_fact(
    event_id: int,
    petition_id: int,
    action: Action,
    at: datetime,
    note: str,
    actor_unit_id: int | None,
    payload: Any,
) -> StepFact:
    """A RETURN or DISPATCH timeline event as the rule reads it (the payloads the steps in
    resolvers/triage.py write)."""
    data = _dict(payload)
    if action is Action.RETURN:
        item = _dict(data.get("dutyItem"))
        return StepFact(
            event_id,
            petition_id,
            action,
            at,
            note,
            actor_unit_id,
            _id(item.get("id")),
            str(item.get("title") or ""),
            _id(item.get("unitId")),
        )
    lead = _dict(data.get("leadUnit"))
    return StepFact(event_id, petition_id, action, at, note, _id(lead.get("id")))


@dataclass(frozen=True)
class ReturnFact:
    unit_id: int  # the unit that returned the petition
    petition_id: int
    returned_at: datetime
    reason: str
    item_id: int | None
    item_title: str
    item_unit_id: int | None
    disputed_at: datetime | None  # when the platform sent it back to the returning unit
    dispute_note: str

    @property
    def disputed(self) -> bool:
        return self.disputed_at is not None


def returns_of(unit_id: int | None, steps: Sequence[StepFact]) -> list[ReturnFact]:
    """The unit's returns (every unit's for None) among `steps` (any petitions, any order),
    each with the dispute that followed it if any; newest first."""
    by_petition: dict[int, list[StepFact]] = {}
    for s in sorted(steps, key=lambda s: s.id):
        by_petition.setdefault(s.petition_id, []).append(s)
    out: list[ReturnFact] = []
    for timeline in by_petition.values():
        for i, s in enumerate(timeline):
            if s.action is not Action.RETURN or s.unit_id is None:
                continue
            if unit_id is not None and s.unit_id != unit_id:
                continue
            after = next((n for n in timeline[i + 1 :] if n.action is Action.DISPATCH), None)
            disputed = after is not None and after.unit_id == s.unit_id
            out.append(
                ReturnFact(
                    unit_id=s.unit_id,
                    petition_id=s.petition_id,
                    returned_at=s.at,
                    reason=s.note,
                    item_id=s.item_id,
                    item_title=s.item_title,
                    item_unit_id=s.item_unit_id,
                    disputed_at=after.at if disputed and after else None,
                    dispute_note=after.note if disputed and after else "",
                )
            )
    out.sort(key=lambda r: r.returned_at, reverse=True)
    return out
