"""Batch reads by id for the API's per-request DataLoaders: one query per kind of row."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from models import Assessment, ReferralEvent
from resolvers.catalog import topics_by_id, units_by_id

__all__ = [
    "assessments_by_id",
    "referral_events_by_referral",
    "rows_by_petition",
    "topics_by_id",
    "units_by_id",
]


async def rows_by_petition(model: Any, ids: list[int]) -> list[list[Any]]:
    """Each petition's rows of `model` (assignments, replies, events …), oldest first."""
    groups: dict[int, list[Any]] = defaultdict(list)
    for row in await model.filter(petition_id__in=ids).order_by("id"):
        groups[row.petition_id].append(row)
    return [groups[i] for i in ids]


async def assessments_by_id(ids: list[int]) -> list[Assessment | None]:
    rows = {a.id: a for a in await Assessment.filter(id__in=ids)}
    return [rows.get(i) for i in ids]


async def referral_events_by_referral(ids: list[int]) -> list[list[ReferralEvent]]:
    groups: dict[int, list[ReferralEvent]] = defaultdict(list)
    for row in await ReferralEvent.filter(referral_id__in=ids).order_by("id"):
        groups[row.referral_id].append(row)
    return [groups[i] for i in ids]
