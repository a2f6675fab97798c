"""Likely duplicates (the same problem reported again, by anyone) and repeats (the same
petitioner calling again, about anything). Pure: the caller passes the candidates' tokens.

Text alone is not enough (two noise complaints read alike across the city), and place alone is
not enough (one building raises many problems): a likely duplicate shares words and topic or
place within a window. A repeat is the same phone within a longer window.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

DUPLICATE_WINDOW = timedelta(days=14)
REPEAT_WINDOW = timedelta(days=90)
MIN_TEXT_SIMILARITY = 0.3
STRONG_TEXT_SIMILARITY = 0.6
NEARBY_METRES = 300.0


@dataclass(frozen=True)
class Report:
    """What the rules need of one petition."""

    id: int
    tokens: frozenset[str]
    topic_id: int | None
    community_id: int | None
    street_id: int | None
    lat: float | None
    lng: float | None
    phone: str
    created_at: datetime


@dataclass(frozen=True)
class Related:
    id: int
    similarity: float
    reasons: tuple[str, ...]


def text_similarity(a: frozenset[str], b: frozenset[str]) -> float:
    """Share of distinct words in common (Jaccard)."""
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def distance_metres(a: Report, b: Report) -> float | None:
    if a.lat is None or a.lng is None or b.lat is None or b.lng is None:
        return None
    # Equirectangular is exact enough within a city.
    x = math.radians(b.lng - a.lng) * math.cos(math.radians((a.lat + b.lat) / 2))
    y = math.radians(b.lat - a.lat)
    return 6_371_000 * math.hypot(x, y)


def likely_duplicates(target: Report, others: list[Report]) -> list[Related]:
    found: list[Related] = []
    for other in others:
        if other.id == target.id or abs(other.created_at - target.created_at) > DUPLICATE_WINDOW:
            continue
        similarity = text_similarity(target.tokens, other.tokens)
        if similarity < MIN_TEXT_SIMILARITY:
            continue
        reasons = [f"文字相似度 {similarity:.0%}"]
        if target.topic_id is not None and other.topic_id == target.topic_id:
            reasons.append("同一主题")
        metres = distance_metres(target, other)
        if target.community_id is not None and other.community_id == target.community_id:
            reasons.append("同一社区")
        elif metres is not None and metres <= NEARBY_METRES:
            reasons.append(f"相距约 {metres:.0f} 米")
        elif target.street_id is not None and other.street_id == target.street_id:
            reasons.append("同一街道")
        if len(reasons) > 1 or similarity >= STRONG_TEXT_SIMILARITY:
            found.append(Related(other.id, round(similarity, 3), tuple(reasons)))
    found.sort(key=lambda r: (-r.similarity, r.id))
    return found


def repeats(target: Report, others: list[Report]) -> list[Related]:
    """Other petitions from the same phone within the window, newest first."""
    same = [
        o
        for o in others
        if o.id != target.id
        and o.phone == target.phone
        and abs(o.created_at - target.created_at) <= REPEAT_WINDOW
    ]
    same.sort(key=lambda o: o.created_at, reverse=True)
    return [
        Related(
            o.id,
            round(text_similarity(target.tokens, o.tokens), 3),
            ("同一来电号码",) + (("同一主题",) if o.topic_id == target.topic_id else ()),
        )
        for o in same
    ]
