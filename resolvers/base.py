"""The one way a step changes a petition: load, authorise, apply, write, record — atomically.

Every operation in resolvers/ goes through `run_step`, so the version check, the transition
table, the row lock and the timeline event are never forgotten or done twice.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.expressions import Q, Subquery
from tortoise.transactions import in_transaction

from models import Assessment, Assignment, Event, Extension, Petition, Referral, Reply, Unit
from resolvers.notifications import notify_step
from resolvers.rollup import Dims, count_event, move_street
from resolvers.scope_sql import handled_or_taken_in
from resolvers.views import views_for
from workflow.actors import Actor
from workflow.enums import Action, AssignmentEnd, ExtensionStatus, Role, State
from workflow.errors import ErrorCode, WorkflowError, not_allowed, not_found
from workflow.privacy import Reach, visibility
from workflow.transitions import PetitionView, authorising_role, leads_to, refusal


def visible_filter(actor: Actor) -> Q | None:
    """The SQL form of workflow.privacy.visibility(): None means everything."""
    vis = visibility(actor)
    if vis.reach is Reach.ALL or actor.has(Role.SYSTEM):
        return None
    if vis.reach is Reach.OWN:
        return Q(petitioner_phone=vis.phone) if vis.phone else Q(id=-1)
    if vis.reach is Reach.DISTRICT:
        return Q(district_id=vis.district_id)
    if vis.reach is Reach.UNIT:
        return handled_or_taken_in(vis.unit_id)
    if vis.reach is Reach.CHANNEL:
        return Q(intake_unit_id=vis.unit_id)
    if vis.reach is Reach.REFERRED:
        cited = Subquery(
            Assessment.filter(
                Q(id__in=Subquery(Referral.all().values("first_assessment_id")))
                | Q(id__in=Subquery(Referral.all().values("second_assessment_id")))
            ).values("petition_id")
        )
        return Q(id__in=cited)
    return Q(id=-1)


def scoped(actor: Actor) -> Any:
    qs = Petition.all()
    flt = visible_filter(actor)
    return qs.filter(flt) if flt is not None else qs


@dataclass
class Loaded:
    """A petition inside a step's transaction, with what the rules need to judge it."""

    petition: Petition
    view: PetitionView
    platform: Unit
    handling_unit: Unit | None
    active: list[Assignment]
    reply: Reply | None
    conn: BaseDBAsyncClient
    actor: Actor
    now: datetime

    @property
    def lead(self) -> Assignment | None:
        for a in self.active:
            if a.role == "LEAD":
                return a
        return None


@dataclass
class Step:
    """What one action changes: the new state, petition columns, and the event's content."""

    to_state: State
    changes: dict[str, Any] = field(default_factory=dict)
    note: str = ""
    payload: dict[str, Any] = field(default_factory=dict)


async def load_view(
    petition: Petition, conn: BaseDBAsyncClient, actor: Actor, now: datetime
) -> Loaded:
    view, active, reply, units = (await views_for([petition], conn))[petition.id]
    handling = units.get(petition.handling_unit_id) if petition.handling_unit_id else None
    return Loaded(
        petition, view, units[petition.platform_id], handling, active, reply, conn, actor, now
    )


def event_row(
    petition_id: int,
    actor: Actor,
    action: Action,
    at: datetime,
    from_state: State | None,
    to_state: State | None,
    note: str = "",
    payload: dict[str, Any] | None = None,
    role: Role | None = None,
) -> Event:
    """One timeline event, not yet written. `role` is the role that authorised the step;
    machine clients are recorded as clients (key name and kind), never as a person's role."""
    return Event(
        petition_id=petition_id,
        at=at,
        action=action,
        actor_user_id=actor.user_id,
        actor_api_key_id=actor.api_key_id,
        actor_unit_id=actor.unit.id if actor.unit.id else None,
        actor_role=role if role is not None and not actor.is_machine else actor.recorded_role,
        actor_client_kind=actor.client_kind,
        actor_name=actor.name[:64],
        from_state=from_state,
        to_state=to_state,
        note=note,
        payload=payload or {},
    )


async def record_event(
    conn: BaseDBAsyncClient,
    petition_id: int,
    actor: Actor,
    action: Action,
    at: datetime,
    from_state: State | None,
    to_state: State | None,
    note: str = "",
    payload: dict[str, Any] | None = None,
    role: Role | None = None,
    petition: Petition | None = None,
) -> Event:
    """Append one timeline event (see `event_row`).

    The daily rollups (resolvers/rollup.py) move here, in the same transaction, so every
    step that changes a measure counts it exactly once. `petition` (as the step found it)
    saves reading it again."""
    event = event_row(petition_id, actor, action, at, from_state, to_state, note, payload, role)
    await event.save(using_db=conn)
    await count_event(
        conn, petition or petition_id, action, at, from_state, to_state, payload or {}
    )
    return event


Apply = Callable[[Loaded], Awaitable[Step]]


def _is_postgres(conn: BaseDBAsyncClient) -> bool:
    return "postgres" in type(conn).__module__ or "asyncpg" in type(conn).__module__


async def run_step(
    petition_id: int,
    actor: Actor,
    action: Action,
    now: datetime,
    apply: Apply,
    expected_version: int | None = None,
) -> Petition:
    async with in_transaction() as conn:
        qs = scoped(actor).filter(id=petition_id).using_db(conn)
        if _is_postgres(conn):
            qs = qs.select_for_update(of=("petition",))
        petition = await qs.first()
        if petition is None:
            raise not_found()
        if expected_version is not None and expected_version != petition.version:
            raise WorkflowError(
                ErrorCode.STALE_VERSION,
                f"诉求已被他人更新（当前版本 {petition.version}），请刷新后重试",
                "expectedVersion",
            )
        loaded = await load_view(petition, conn, actor, now)
        refused = refusal(action, loaded.view, actor)
        if refused is not None:
            if refused.wrong_state:
                raise WorkflowError(ErrorCode.WRONG_STATE, refused.message)
            raise not_allowed(refused.message)
        role = authorising_role(action, loaded.view, actor)
        step = await apply(loaded)
        from_state = State(petition.state)
        if not leads_to(from_state, action, step.to_state):
            raise RuntimeError(f"{action} may not lead from {from_state} to {step.to_state}")
        changes = dict(step.changes)
        if step.to_state is State.TRIAGE:
            moved = changes.get("platform_id", petition.platform_id) != petition.platform_id
            if from_state is not State.TRIAGE or moved:
                changes["inbox_since"] = now  # a new wait in an inbox starts
        else:
            changes["inbox_since"] = None
        updated = (
            await Petition.filter(id=petition.id, version=petition.version)
            .using_db(conn)
            .update(state=step.to_state, version=petition.version + 1, updated_at=now, **changes)
        )
        if updated != 1:
            raise WorkflowError(
                ErrorCode.STALE_VERSION, "诉求已被他人同时处理，请刷新后重试", "expectedVersion"
            )
        await record_event(
            conn,
            petition.id,
            actor,
            action,
            now,
            from_state,
            step.to_state,
            step.note,
            step.payload,
            role=role,
            petition=petition,
        )
        street = step.changes.get("street_id", petition.street_id)
        if street != petition.street_id:
            old = Dims.of(petition)
            await move_street(conn, petition.id, old, replace(old, street_id=street))
        after = await Petition.get(id=petition.id, using_db=conn)
        await notify_step(conn, after, action, step.to_state, step.payload, now)
        return after


async def end_assignments(
    loaded: Loaded, reason: AssignmentEnd, only_ids: list[int] | None = None
) -> None:
    """End the unit's responsibility; a request for more time it left undecided lapses."""
    ids = only_ids if only_ids is not None else [a.id for a in loaded.active]
    if ids:
        await (
            Assignment.filter(id__in=ids)
            .using_db(loaded.conn)
            .update(ended_at=loaded.now, end_reason=reason)
        )
        units = [a.unit_id for a in loaded.active if a.id in ids]
        await (
            Extension.filter(
                petition_id=loaded.petition.id, unit_id__in=units, status=ExtensionStatus.PENDING
            )
            .using_db(loaded.conn)
            .update(status=ExtensionStatus.LAPSED, decided_at=loaded.now)
        )
