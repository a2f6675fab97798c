"""Likely duplicates and repeats of a petition, among those the asker may see.

Text is segmented with the duty lists' vocabulary (the same segmenter as dispatch suggestions),
so 占道经营 or 油烟 count as one word each. Repeats link petitions by the petitioner's phone:
only those who may see the petitioner's identity see them.
"""

from __future__ import annotations

from dataclasses import dataclass

from models import Petition
from resolvers.base import scoped
from resolvers.dispatch_suggestions import current_index
from resolvers.reads import get_petition, identity_visible
from workflow.actors import Actor
from workflow.duplicates import (
    DUPLICATE_WINDOW,
    REPEAT_WINDOW,
    Related,
    Report,
    likely_duplicates,
    repeats,
)
from workflow.segment import Segmenter

CANDIDATES_MAX = 2000


@dataclass(frozen=True)
class RelatedPetitions:
    petition: Petition
    duplicates: list[tuple[Petition, Related]]
    repeats: list[tuple[Petition, Related]]
    # All petitions from this phone within the repeat window, this one included (0: not shown).
    repeat_count: int


def _report(p: Petition, segmenter: Segmenter) -> Report:
    return Report(
        id=p.id,
        tokens=frozenset(segmenter.tokens(f"{p.title} {p.content}")),
        topic_id=p.topic_id,
        community_id=p.community_id,
        street_id=p.street_id,
        lat=p.lat,
        lng=p.lng,
        phone=p.petitioner_phone,
        created_at=p.created_at,
    )


async def _likely(
    actor: Actor, petition: Petition, target: Report, segmenter: Segmenter
) -> list[tuple[Petition, Related]]:
    near = (
        await scoped(actor)
        .filter(
            district_id=petition.district_id,
            created_at__gte=petition.created_at - DUPLICATE_WINDOW,
            created_at__lte=petition.created_at + DUPLICATE_WINDOW,
        )
        .exclude(id=petition.id)
        .order_by("-id")
        .limit(CANDIDATES_MAX)
    )
    by_id = {p.id: p for p in near}
    return [
        (by_id[r.id], r) for r in likely_duplicates(target, [_report(p, segmenter) for p in near])
    ]


async def likely_duplicates_of(actor: Actor, petition: Petition) -> list[Petition]:
    """For the triage page: likely duplicates only, best first."""
    segmenter = (await current_index()).segmenter
    found = await _likely(actor, petition, _report(petition, segmenter), segmenter)
    return [p for p, _ in found]


async def related_petitions(actor: Actor, petition_id: int) -> RelatedPetitions:
    petition = await get_petition(actor, petition_id)
    segmenter = (await current_index()).segmenter
    target = _report(petition, segmenter)
    dups = await _likely(actor, petition, target, segmenter)
    found_repeats: list[tuple[Petition, Related]] = []
    count = 0
    if identity_visible(actor, petition):
        same_phone = (
            await scoped(actor)
            .filter(
                petitioner_phone=petition.petitioner_phone,
                created_at__gte=petition.created_at - REPEAT_WINDOW,
                created_at__lte=petition.created_at + REPEAT_WINDOW,
            )
            .exclude(id=petition.id)
            .order_by("-id")
            .limit(CANDIDATES_MAX)
        )
        by_id = {p.id: p for p in same_phone}
        found = repeats(target, [_report(p, segmenter) for p in same_phone])
        found_repeats = [(by_id[r.id], r) for r in found]
        count = len(found) + 1
    return RelatedPetitions(
        petition=petition, duplicates=dups, repeats=found_repeats, repeat_count=count
    )


async def merged_into(actor: Actor, ids: list[int]) -> list[list[Petition]]:
    """Per petition, the petitions merged into it (Petition.duplicates), oldest first, among
    those the asker may see: one query for any number of petitions."""
    groups: dict[int, list[Petition]] = {i: [] for i in ids}
    for p in await scoped(actor).filter(duplicate_of_id__in=ids).order_by("id"):
        groups[p.duplicate_of_id].append(p)
    return [groups[i] for i in ids]
