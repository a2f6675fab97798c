"""The petitioner's side: their petitions as the petitioner's view, and the material they add.

Every read here ends in `workflow.petitioner.petitioner_view`; the rows it is given are copied
into the rule's facts field by field, so a column added to a model later reaches a petitioner
only if someone adds it here on purpose.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from tortoise.expressions import Q

import settings
from models import Assignment, Attachment, Evaluation, Material, Petition, Reply, Unit
from resolvers.attachments import owner_of
from resolvers.base import Loaded, Step, run_step, scoped
from resolvers.paging import decode_cursor, encode_cursor
from resolvers.reads import require_actor
from resolvers.text import required_text
from workflow.actors import Actor
from workflow.attachments import AttachmentOwner
from workflow.enums import (
    Action,
    AssignmentRole,
    Closure,
    EvaluationSource,
    ReplyStatus,
    Resolution,
    Role,
    Satisfaction,
    State,
)
from workflow.errors import invalid, not_allowed, not_found
from workflow.petitioner import (
    AssignmentFacts,
    AttachmentFacts,
    EvaluationFacts,
    MaterialFacts,
    PetitionerView,
    PetitionFacts,
    ReplyFacts,
    merged_reply_due,
    petitioner_actions,
    petitioner_view,
)
from workflow.privacy import Reach, petitioner_view_only, visibility


@dataclass(frozen=True)
class PetitionerRead:
    view: PetitionerView
    actions: list[Action]  # what the asking petitioner may do now (none for a channel)


@dataclass(frozen=True)
class PetitionerPage:
    items: list[PetitionerRead]
    has_next: bool
    end_cursor: str | None


def _reader(actor: Actor | None) -> Actor:
    """A verified petitioner, or the hotline reading what it submitted. A district app's key
    alone reads nothing; staff read the staff record instead."""
    who = require_actor(actor)
    if not petitioner_view_only(who) or visibility(who).reach is Reach.NONE:
        raise not_allowed("请先用手机验证码验证身份（诉求人），或使用12345热线的密钥")
    return who


async def read_views(
    actor: Actor, petitions: list[Petition], now: datetime | None = None
) -> list[PetitionerRead]:
    """The petitioner's view of each petition, in a fixed number of queries per page (one
    more when the page holds merged petitions: the petitions they were merged into)."""
    if not petitions:
        return []
    merged_into = {p.id: p.duplicate_of_id for p in petitions if p.duplicate_of_id}
    survivors = (
        {s.id: s for s in await Petition.filter(id__in=list(set(merged_into.values())))}
        if merged_into
        else {}
    )
    ids = [p.id for p in petitions]
    handled = ids + [i for i in survivors if i not in ids]
    replies: dict[int, list[Reply]] = defaultdict(list)
    for r in await Reply.filter(petition_id__in=handled, status=ReplyStatus.SENT).order_by("id"):
        replies[r.petition_id].append(r)
    leads: dict[int, list[Assignment]] = defaultdict(list)
    for a in await Assignment.filter(petition_id__in=handled, role=AssignmentRole.LEAD).order_by(
        "id"
    ):
        leads[a.petition_id].append(a)
    evaluations: dict[int, list[Evaluation]] = defaultdict(list)
    for e in await Evaluation.filter(petition_id__in=ids).order_by("id"):
        evaluations[e.petition_id].append(e)  # type: ignore[attr-defined]
    materials: dict[int, list[Material]] = defaultdict(list)
    for m in await Material.filter(petition_id__in=ids).order_by("id"):
        materials[m.petition_id].append(m)
    unit_ids = {p.handling_unit_id for p in [*petitions, *survivors.values()] if p.handling_unit_id}
    unit_ids |= {r.unit_id for rs in replies.values() for r in rs}
    unit_ids |= {a.unit_id for as_ in leads.values() for a in as_}
    names = {u.id: u.name for u in await Unit.filter(id__in=list(unit_ids))}
    files = await _files(ids, [r for rs in replies.values() for r in rs])
    window = timedelta(days=settings.EVALUATION_WINDOW_DAYS)
    out = []
    for p in petitions:
        survivor = survivors.get(merged_into.get(p.id, 0))
        # A merged petition follows the handling of the one it was merged into.
        handled_by = survivor.id if survivor is not None else p.id
        sent = [reply_facts(r) for r in replies[handled_by]]
        attached = list(files[p.id])
        if survivor is not None:
            attached += [replace(f, own_petition=False) for f in files[survivor.id]]
        own = [evaluation_facts(e) for e in evaluations[p.id]]
        view = petitioner_view(
            _petition_facts(p),
            sent,
            [_assignment_facts(a) for a in leads[handled_by]],
            own,
            [material_facts(m) for m in materials[p.id]],
            names,
            _petition_facts(survivor) if survivor is not None else None,
            window,
            attached,
        )
        due = merged_reply_due(sent, own, window) if survivor is not None else None
        actions = petitioner_actions(
            State(p.state),
            actor,
            merged_due=due[1] if due else None,
            now=now,
            merged=survivor is not None,
        )
        out.append(PetitionerRead(view, actions))
    return out


async def _files(ids: list[int], sent: list[Reply]) -> dict[int, list[AttachmentFacts]]:
    """In one query, the files that may reach the petitioners of a page: those the petitioners
    (or their channel) added to their petitions, and those of the sent replies (the page's
    own and the survivors'). The rule in `petitioner_view` decides what each one sees."""
    rounds = {r.id: r.round for r in sent}
    found: dict[int, list[AttachmentFacts]] = defaultdict(list)
    wanted = Q(petition_id__in=ids, by_petitioner=True)
    if rounds:
        wanted = wanted | Q(reply_id__in=list(rounds), review_id__isnull=True)
    for row in await Attachment.filter(wanted).order_by("id"):
        found[row.petition_id].append(attachment_facts(row, rounds))
    return found


def attachment_facts(row: Attachment, sent_rounds: dict[int, int]) -> AttachmentFacts:
    """`sent_rounds`: the rounds of the sent replies by id; any other reply is not sent."""
    owner = owner_of(row)
    sent = owner is AttachmentOwner.REPLY and row.reply_id in sent_rounds
    return AttachmentFacts(
        id=row.id,
        owner=owner,
        by_petitioner=row.by_petitioner,
        own_petition=True,
        reply_status=ReplyStatus.SENT if sent else None,
        reply_round=sent_rounds[row.reply_id] if sent and row.reply_id else None,
        filename=row.filename,
        content_type=row.content_type,
        size=row.size,
        has_thumbnail=row.thumbnail_key is not None,
        created_at=row.created_at,
    )


def _petition_facts(p: Petition) -> PetitionFacts:
    return PetitionFacts(
        tracking_code=p.tracking_code,
        title=p.title,
        content=p.content,
        state=State(p.state),
        closure=Closure(p.closure) if p.closure else None,
        created_at=p.created_at,
        closed_at=p.closed_at,
        deadline=p.deadline,
        evaluation_due_at=p.evaluation_due_at,
        handling_unit_id=p.handling_unit_id,
    )


def _assignment_facts(a: Assignment) -> AssignmentFacts:
    return AssignmentFacts(a.unit_id, AssignmentRole(a.role), a.assigned_at)


def reply_facts(r: Reply) -> ReplyFacts:
    return ReplyFacts(
        round=r.round,
        status=ReplyStatus(r.status),
        unit_id=r.unit_id,
        sent_at=r.sent_at,
        petitioner_situation=r.petitioner_situation,
        policy_basis=r.policy_basis,
        handling_result=r.handling_result,
        responsible_person=r.responsible_person,
        contact_phone=r.contact_phone,
    )


def evaluation_facts(e: Evaluation) -> EvaluationFacts:
    return EvaluationFacts(
        round=e.round,
        satisfaction=Satisfaction(e.satisfaction),
        resolution=Resolution(e.resolution),
        comment=e.comment,
        source=EvaluationSource(e.source),
        created_at=e.created_at,
    )


def material_facts(m: Material) -> MaterialFacts:
    return MaterialFacts(m.id, m.text, m.created_at, m.by_petitioner)


async def petitioner_petition(
    actor: Actor | None, tracking_code: str, now: datetime | None = None
) -> PetitionerRead | None:
    """One petition by tracking code, if it is the asker's: a wrong phone and an unknown code
    answer the same (None)."""
    who = _reader(actor)
    code = (tracking_code or "").strip().upper()
    if not code or len(code) > 24:
        return None
    row = await scoped(who).filter(tracking_code=code).first()
    return (await read_views(who, [row], now))[0] if row else None


async def petitioner_petitions(
    actor: Actor | None, first: int = 20, after: str | None = None, now: datetime | None = None
) -> PetitionerPage:
    """The asker's petitions, newest first."""
    who = _reader(actor)
    if not 1 <= first <= settings.PAGE_SIZE_MAX:
        raise invalid("first", f"每页条数须在1至{settings.PAGE_SIZE_MAX}之间")
    qs = scoped(who)
    if after:
        qs = qs.filter(id__lt=decode_cursor(after))
    rows = await qs.order_by("-id").limit(first + 1)
    items = rows[:first]
    return PetitionerPage(
        await read_views(who, items, now),
        len(rows) > first,
        encode_cursor(items[-1].id) if items else None,
    )


async def receipt_view(
    actor: Actor, petition: Petition, now: datetime | None = None
) -> PetitionerRead | None:
    """What a channel learns of a petition it just handed in (or resent): the hotline reads
    what it submitted; a district app's public key on its own reads nothing."""
    if visibility(actor).reach is Reach.NONE:
        return None
    if not await scoped(actor).filter(id=petition.id).exists():
        return None
    return (await read_views(actor, [petition], now))[0]


async def petition_ref(actor: Actor, petition_id: int | None, tracking_code: str | None) -> int:
    """The petition a step names: staff by id; a petitioner by tracking code (or id), always
    within what the actor may touch, so another phone's petition is simply not found."""
    if tracking_code:
        code = tracking_code.strip().upper()
        found = await scoped(actor).filter(tracking_code=code).first() if len(code) <= 24 else None
        if found is None:
            raise not_found()
        return int(found.id)
    if petition_id is None:
        raise invalid("id", "请提供诉求编号或查询码")
    return petition_id


async def add_material(
    actor: Actor,
    petition_id: int,
    now: datetime,
    *,
    text: str,
    expected_version: int | None = None,
) -> Petition:
    """新增材料: the petitioner with their token, or the district platform from a call."""

    async def apply(ld: Loaded) -> Step:
        clean = required_text(text, "text", "补充材料", 2000)
        material = await Material.create(
            petition_id=ld.petition.id,
            text=clean,
            by_petitioner=actor.has(Role.PETITIONER),
            recorded_by_id=actor.user_id,
            created_at=now,
            using_db=ld.conn,
        )
        return Step(ld.view.state, {}, clean, {"materialId": material.id})

    return await run_step(petition_id, actor, Action.ADD_MATERIAL, now, apply, expected_version)


async def materials_by_petition(ids: list[int]) -> list[list[Material]]:
    """For the staff record (API loaders and the petition page)."""
    groups: dict[int, list[Material]] = defaultdict(list)
    for m in await Material.filter(petition_id__in=ids).order_by("id"):
        groups[m.petition_id].append(m)
    return [groups[i] for i in ids]
