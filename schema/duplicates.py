"""Likely duplicates and repeats of a petition in the API."""

from __future__ import annotations

import strawberry

from resolvers.duplicates import related_petitions
from resolvers.reads import require_actor
from schema.ids import row_id
from schema.types import Ctx, Petition, wrap_petition


@strawberry.type(description="Another petition related to this one, and why.")
class PetitionMatch:
    petition: Petition
    similarity: float = strawberry.field(description="Share of words in common, 0–1.")
    reasons: list[str]


@strawberry.type
class RelatedPetitions:
    likely_duplicates: list[PetitionMatch] = strawberry.field(
        description="The same problem reported again: similar words, and the same topic or place, "
        "within 14 days."
    )
    repeats: list[PetitionMatch] = strawberry.field(
        description="Other petitions from the same phone within 90 days (only for those who may "
        "see the petitioner)."
    )
    repeat_count: int = strawberry.field(
        description="Petitions from this phone within 90 days, this one included; 0 when hidden."
    )


@strawberry.type
class DuplicatesQuery:
    @strawberry.field(description="Likely duplicates and repeats among petitions the asker sees.")
    async def related_petitions(self, info: Ctx, petition_id: strawberry.ID) -> RelatedPetitions:
        found = await related_petitions(
            require_actor(info.context.actor), row_id(petition_id, "petitionId")
        )
        return RelatedPetitions(
            likely_duplicates=[
                PetitionMatch(
                    petition=wrap_petition(p), similarity=r.similarity, reasons=list(r.reasons)
                )
                for p, r in found.duplicates
            ],
            repeats=[
                PetitionMatch(
                    petition=wrap_petition(p), similarity=r.similarity, reasons=list(r.reasons)
                )
                for p, r in found.repeats
            ],
            repeat_count=found.repeat_count,
        )
