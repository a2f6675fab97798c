"""`qingsu rebuild-stats`: the rollup rows recomputed from the petitions' own rows.

This derivation reads assignments, replies, evaluations, extensions and urge events, not the
event payloads the incremental path reads, so a test comparing the two checks both.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.transactions import in_transaction

import settings
from models import Assignment, Evaluation, Event, Extension, Petition, Reply, StatDaily
from resolvers.calendar import load_calendar
from resolvers.rollup import Deltas, Dims, add_to, apply_deltas
from workflow.calendar import WorkingCalendar
from workflow.enums import (
    Action,
    AssignmentEnd,
    AssignmentRole,
    ExtensionStatus,
    Resolution,
    Satisfaction,
    State,
)
from workflow.lifecycle import after_evaluation
from workflow.measures import (
    Fact,
    accepted_in_time,
    counts_evaluation,
    evaluation_facts,
    first_contact_facts,
)

BATCH = 2000


async def facts_of_petitions(
    conn: BaseDBAsyncClient, ids: list[int], cal: WorkingCalendar | None = None
) -> dict[int, list[Fact]]:
    """Every counter each petition moved, from its rows."""
    cal = cal or await load_calendar(conn)
    facts: dict[int, list[Fact]] = defaultdict(list)
    petitions = (
        await Petition.filter(id__in=ids)
        .using_db(conn)
        .values("id", "created_at", "closed_at", "state", "duplicate_of_id")
    )
    merged = {p["id"]: p["duplicate_of_id"] for p in petitions}
    for p in petitions:
        facts[p["id"]].append(Fact(p["created_at"], "submitted"))
        if p["state"] == State.CLOSED and p["closed_at"] is not None:
            facts[p["id"]].append(Fact(p["closed_at"], "closed"))
    leads: dict[int, dict[str, Any]] = {}
    for a in (
        await Assignment.filter(petition_id__in=ids, role=AssignmentRole.LEAD)
        .using_db(conn)
        .values(
            "id", "petition_id", "unit_id", "assigned_at", "accepted_at", "ended_at", "end_reason"
        )
    ):
        leads[a["id"]] = a
        if a["end_reason"] == AssignmentEnd.RECALLED:
            continue  # the platform took it back before the unit accepted: not the unit's
        out = facts[a["petition_id"]]
        out.append(Fact(a["assigned_at"], "assigned", a["unit_id"]))
        if a["accepted_at"] is not None and accepted_in_time(
            cal, a["assigned_at"], a["accepted_at"], settings.ACCEPT_WITHIN_WORKING_DAYS
        ):
            out.append(Fact(a["assigned_at"], "accepted_in_time", a["unit_id"]))
        if a["end_reason"] == AssignmentEnd.RETURNED:
            out.append(Fact(a["ended_at"], "returned", a["unit_id"]))
    for r in (
        await Reply.filter(petition_id__in=ids, to_platform_at__isnull=False)
        .using_db(conn)
        .values("petition_id", "unit_id", "to_platform_at", "on_time")
    ):
        facts[r["petition_id"]].append(Fact(r["to_platform_at"], "replies", r["unit_id"]))
        if r["on_time"]:
            facts[r["petition_id"]].append(
                Fact(r["to_platform_at"], "replies_on_time", r["unit_id"])
            )
    for e in (
        await Evaluation.filter(petition_id__in=ids)
        .using_db(conn)
        .values("petition_id", "unit_id", "created_at", "satisfaction", "resolution", "round")
    ):
        if not counts_evaluation(merged.get(e["petition_id"])):
            continue
        sat, res = Satisfaction(e["satisfaction"]), Resolution(e["resolution"])
        second = after_evaluation(e["round"], sat, res)[0] is State.TRIAGE
        facts[e["petition_id"]] += evaluation_facts(
            e["created_at"], e["unit_id"], sat, res, e["round"], second
        )
    for x in (
        await Extension.filter(petition_id__in=ids, status=ExtensionStatus.APPROVED)
        .using_db(conn)
        .values("petition_id", "unit_id", "decided_at")
    ):
        facts[x["petition_id"]].append(Fact(x["decided_at"], "extensions", x["unit_id"]))
    for u in (
        await Event.filter(petition_id__in=ids, action=Action.URGE)
        .using_db(conn)
        .values("petition_id", "at", "payload")
    ):
        unit: Any = (u["payload"] or {}).get("unitId")
        facts[u["petition_id"]].append(
            Fact(u["at"], "urges", int(unit) if unit is not None else None)
        )
    for c in (
        await Event.filter(petition_id__in=ids, action=Action.FIRST_CONTACT)
        .using_db(conn)
        .values("petition_id", "at", "payload")
    ):
        payload = c["payload"] or {}
        if not payload.get("first"):
            continue
        lead = leads.get(int(payload.get("assignmentId") or 0))
        if lead is None or lead["end_reason"] == AssignmentEnd.RECALLED:
            continue
        contacted = datetime.fromisoformat(str(payload["contactedAt"]))
        facts[c["petition_id"]] += first_contact_facts(
            lead["assigned_at"],
            lead["unit_id"],
            accepted_in_time(
                cal, lead["assigned_at"], contacted, settings.FIRST_CONTACT_WITHIN_WORKING_DAYS
            ),
        )
    return facts


async def rebuild_stats() -> int:
    """Replace every rollup row; returns the number of petitions read. Runs in one
    transaction, so readers see the old rows until the new ones are complete."""
    async with in_transaction() as conn:
        cal = await load_calendar(conn)
        await StatDaily.all().using_db(conn).delete()
        deltas: Deltas = {}
        last_id, read = 0, 0
        while True:
            rows = await (
                Petition.filter(id__gt=last_id)
                .using_db(conn)
                .order_by("id")
                .limit(BATCH)
                .values("id", "district_id", "street_id", "topic_id", "channel")
            )
            if not rows:
                break
            facts = await facts_of_petitions(conn, [r["id"] for r in rows], cal)
            for r in rows:
                dims = Dims(r["district_id"], r["street_id"], r["topic_id"], str(r["channel"]))
                add_to(deltas, dims, facts.get(r["id"], []))
            last_id, read = rows[-1]["id"], read + len(rows)
        await apply_deltas(conn, deltas)
    return read
