"""Building the rules' PetitionView for one petition or a whole page, in a fixed number of
queries, so `availableActions` on a 50-row list does not cost 50 round trips."""

from __future__ import annotations

from collections import defaultdict

from tortoise.backends.base.client import BaseDBAsyncClient

from models import Assignment, CooperationOpinion, Extension, Petition, Reply, Review, Unit
from resolvers.catalog import units_by_id
from resolvers.units import unit_ref
from workflow.enums import AssignmentRole, ExtensionStatus, ReplyStatus, ReviewStage, State
from workflow.transitions import PetitionView


async def views_for(
    petitions: list[Petition],
    conn: BaseDBAsyncClient | None = None,
    assignments: list[list[Assignment]] | None = None,
    all_replies: list[list[Reply]] | None = None,
) -> dict[int, tuple[PetitionView, list[Assignment], Reply | None, dict[int, Unit]]]:
    """The rules' view of each petition. A page that already loaded every assignment and reply
    of its petitions (the API's DataLoaders) passes them in, so they are not read twice."""
    if not petitions:
        return {}
    ids = [p.id for p in petitions]
    unit_ids = {p.platform_id for p in petitions} | {
        p.handling_unit_id for p in petitions if p.handling_unit_id
    }
    units = {u.id: u for u in await units_by_id(list(unit_ids)) if u is not None}
    active: dict[int, list[Assignment]] = defaultdict(list)
    if assignments is not None:
        current = [a for rows in assignments for a in rows if a.ended_at is None]
    else:
        current = await Assignment.filter(petition_id__in=ids, ended_at__isnull=True).using_db(conn)
    for a in current:
        active[a.petition_id].append(a)
    rounds = {p.id: p.round for p in petitions}
    opined: dict[int, set[int]] = defaultdict(set)
    if any(a.role == AssignmentRole.COOPERATING for lst in active.values() for a in lst):
        for pid, uid, rnd in (
            await CooperationOpinion.filter(petition_id__in=ids)
            .using_db(conn)
            .values_list("petition_id", "unit_id", "round")
        ):
            if rounds[pid] == rnd:
                opined[pid].add(uid)
    replies: dict[int, Reply] = {}
    if all_replies is not None:
        in_review = sorted(
            (r for rows in all_replies for r in rows if r.status == ReplyStatus.IN_REVIEW),
            key=lambda r: r.id,
        )
    else:
        in_review = (
            await Reply.filter(petition_id__in=ids, status=ReplyStatus.IN_REVIEW)
            .using_db(conn)
            .order_by("id")
        )
    for r in in_review:
        replies[r.petition_id] = r
    # The head's stage needs someone other than who signed the reviewer's stage off.
    signed: dict[int, set[int]] = defaultdict(set)
    at_head = [
        replies[p.id].id
        for p in petitions
        if p.review_stage == ReviewStage.UNIT_HEAD and p.id in replies
    ]
    if at_head:
        for reply_id, reviewer_id in (
            await Review.filter(reply_id__in=at_head, stage=ReviewStage.UNIT_REVIEWER)
            .using_db(conn)
            .values_list("reply_id", "reviewer_id")
        ):
            if reviewer_id is not None:
                signed[reply_id].add(reviewer_id)
    handling_ids = [p.id for p in petitions if p.state == State.HANDLING]
    pending: set[int] = set()
    if handling_ids:
        pending = set(
            await Extension.filter(petition_id__in=handling_ids, status=ExtensionStatus.PENDING)
            .using_db(conn)
            .values_list("petition_id", flat=True)  # type: ignore[arg-type]
        )
    out = {}
    for p in petitions:
        mine = active[p.id]
        coop = frozenset(a.unit_id for a in mine if a.role == AssignmentRole.COOPERATING)
        handling = units.get(p.handling_unit_id) if p.handling_unit_id else None
        reply = replies.get(p.id)
        view = PetitionView(
            state=State(p.state),
            round=p.round,
            district_id=p.district_id,
            platform=unit_ref(units[p.platform_id]),
            handling_unit=unit_ref(handling) if handling else None,
            cooperating_unit_ids=coop,
            awaiting_opinion_unit_ids=frozenset(coop - opined[p.id]),
            review_stage=ReviewStage(p.review_stage) if p.review_stage else None,
            reply_author_id=reply.author_id if reply else None,
            unit_reviewer_ids=frozenset(signed[reply.id]) if reply else frozenset(),
            pending_extension=p.id in pending,
            dispatched_by_platform=any(
                a.role == AssignmentRole.LEAD and a.assigned_by_unit_id == p.platform_id
                for a in mine
            ),
        )
        out[p.id] = (view, mine, reply, units)
    return out
