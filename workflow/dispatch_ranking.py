"""Which units' duty lists fit a petition: ranked, with the evidence a dispatcher can check.

Pure: the caller hands in the duty items, units and topics (an index is built once per version
of the duty lists), the petition's text, topic, category and place, and the platform's recent
decisions per unit. Text matching is BM25 over segmented duty items (bm25s); the petition's topic
and category, its street or community, and the platform's own history adjust the text score.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field

import bm25s
import numpy as np

from workflow.enums import Category, UnitKind
from workflow.segment import Segmenter

HISTORY_DAYS = 90

# How much each kind of evidence counts next to a BM25 score (a good text match scores ~8–20).
TOPIC_EXACT_BONUS = 4.0
TOPIC_PARENT_BONUS = 1.0
CATEGORY_BONUS = 1.0
SECOND_ITEM_SHARE = 0.3
ANSWERED_WEIGHT = 1.5  # × log(1 + dispatches accepted and answered)
CITED_WEIGHT = 2.0  # × log(1 + returns by others that cited this unit's duty item)
RETURNED_WEIGHT = 2.5  # × log(1 + returns by this unit)
ELSEWHERE_FACTOR = 0.35  # a street or community other than where the petition happened

_LOCAL_KINDS = frozenset({UnitKind.STREET, UnitKind.COMMUNITY})


@dataclass(frozen=True)
class ItemDoc:
    id: int
    unit_id: int
    title: str
    description: str
    keywords: tuple[str, ...]
    topic_code: str | None
    category: Category


@dataclass(frozen=True)
class UnitDoc:
    id: int
    name: str
    kind: UnitKind
    parent_id: int | None


@dataclass(frozen=True)
class Query:
    text: str
    topic_code: str | None
    category: Category
    street_id: int | None = None
    community_id: int | None = None


@dataclass(frozen=True)
class History:
    """A unit's record on similar petitions at this platform within HISTORY_DAYS."""

    answered: int = 0  # dispatched to it, accepted and answered
    returned: int = 0  # returned by it to the platform
    cited: int = 0  # returned by another unit citing one of its duty items


@dataclass
class Evidence:
    unit_id: int
    text_score: float = 0.0
    items: list[tuple[int, float]] = field(default_factory=list)  # (item id, score)
    terms: list[str] = field(default_factory=list)
    topic_exact: bool = False
    topic_parent: bool = False
    category: bool = False


@dataclass(frozen=True)
class Suggestion:
    unit_id: int
    score: float
    item_ids: tuple[int, ...]
    terms: tuple[str, ...]
    reason: str


def parent_code(topic_code: str | None) -> str | None:
    """The first-level topic of a second-level code ("SRHJ-01" → "SRHJ")."""
    return topic_code.split("-", 1)[0] if topic_code else None


class DutyIndex:
    """BM25 over every active duty item, and the vocabulary that segments petitions."""

    def __init__(
        self,
        version: str,
        items: Iterable[ItemDoc],
        units: Iterable[UnitDoc],
        topic_names: dict[str, str],
    ) -> None:
        self.version = version
        self.items = list(items)
        self.units = {u.id: u for u in units}
        self.topic_names = topic_names
        terms: list[str] = [*topic_names.values(), *(u.name for u in self.units.values())]
        for item in self.items:
            terms.append(item.title)
            terms.extend(item.keywords)
        self.segmenter = Segmenter(terms)
        docs = [self._doc_tokens(item) for item in self.items]
        self._doc_terms = [frozenset(d) for d in docs]
        self._unit_of = np.array([i.unit_id for i in self.items], dtype=np.int64)
        self._topics = np.array([i.topic_code or "" for i in self.items], dtype=object)
        self._by_id = {i.id: i for i in self.items}
        self._vocab: dict[str, int] = {}
        self._bm25: bm25s.BM25 | None = None
        if self.items:
            self._bm25 = bm25s.BM25()
            self._bm25.index(docs, show_progress=False)
            self._vocab = dict(self._bm25.vocab_dict)

    def _doc_tokens(self, item: ItemDoc) -> list[str]:
        """Keywords and title weigh more than the description: they are what a list's
        maintainers chose to name the duty by."""
        seg = self.segmenter.tokens
        topic = self.topic_names.get(item.topic_code or "", "")
        tokens = seg(item.title) * 2 + seg(" ".join(item.keywords)) * 2
        return tokens + seg(item.description) + seg(topic)

    def evidence(self, query: Query, allowed: frozenset[int]) -> dict[int, Evidence]:
        """Per allowed unit, its matching items (best first) and the words they share."""
        found: dict[int, Evidence] = {}
        if self._bm25 is None:
            return found
        known = [t for t in self.segmenter.tokens(query.text) if t in self._vocab]
        mask = np.isin(self._unit_of, np.fromiter(allowed, dtype=np.int64, count=len(allowed)))
        scores = (
            self._bm25.get_scores(known, weight_mask=mask.astype(np.float32))
            if known
            else np.zeros(len(self.items), dtype=np.float32)
        )
        hit = scores > 0
        if query.topic_code is not None:
            hit |= self._topics == query.topic_code
        topic_parent = parent_code(query.topic_code)
        for idx in np.flatnonzero(hit & mask):
            item = self.items[idx]
            text = float(scores[idx])
            exact = query.topic_code is not None and item.topic_code == query.topic_code
            same_parent = topic_parent is not None and parent_code(item.topic_code) == topic_parent
            if text <= 0 and not exact:
                continue
            score = text
            if exact:
                score += TOPIC_EXACT_BONUS
            elif same_parent:
                score += TOPIC_PARENT_BONUS
            if item.category is query.category:
                score += CATEGORY_BONUS
            ev = found.setdefault(item.unit_id, Evidence(item.unit_id))
            ev.items.append((item.id, score))
            ev.topic_exact |= exact
            ev.topic_parent |= same_parent
            ev.category |= item.category is query.category
            if text > 0:
                for term in known:
                    if term in self._doc_terms[idx] and term not in ev.terms:
                        ev.terms.append(term)
        for ev in found.values():
            ev.items.sort(key=lambda pair: -pair[1])
            best = ev.items[0][1]
            second = ev.items[1][1] if len(ev.items) > 1 else 0.0
            ev.text_score = best + SECOND_ITEM_SHARE * second
        return found

    def best_topic(self, found: dict[int, Evidence]) -> str | None:
        """The topic of the best-matching item: what "similar petitions" means when the
        petition itself has no topic yet."""
        by_id = self._by_id
        best: tuple[float, str | None] = (0.0, None)
        for ev in found.values():
            item_id, score = ev.items[0]
            if score > best[0]:
                best = (score, by_id[item_id].topic_code)
        return best[1]

    def rank(
        self,
        query: Query,
        found: dict[int, Evidence],
        history: dict[int, History],
        allowed: frozenset[int],
        limit: int,
    ) -> list[Suggestion]:
        """Text evidence plus what the platform learned; a unit with history but no matching
        item still appears (the platform has sent it such petitions before)."""
        for unit_id, record in history.items():
            unit = self.units.get(unit_id)
            if record.answered and unit is not None and unit_id in allowed and unit_id not in found:
                found[unit_id] = Evidence(unit_id)
        ranked: list[Suggestion] = []
        for unit_id, ev in found.items():
            unit = self.units[unit_id]
            record = history.get(unit_id, History())
            learned = (
                ANSWERED_WEIGHT * math.log1p(record.answered)
                + CITED_WEIGHT * math.log1p(record.cited)
                - RETURNED_WEIGHT * math.log1p(record.returned)
            )
            score = ev.text_score + learned
            if self._elsewhere(unit, query):
                score *= ELSEWHERE_FACTOR
            if score <= 0:
                continue
            ranked.append(
                Suggestion(
                    unit_id=unit_id,
                    score=round(score, 3),
                    item_ids=tuple(i for i, _ in ev.items[:3]),
                    terms=tuple(ev.terms[:8]),
                    reason=self._reason(ev, record, query),
                )
            )
        ranked.sort(
            key=lambda s: (-s.score, self.units[s.unit_id].kind is not UnitKind.STREET, s.unit_id)
        )
        return ranked[:limit]

    def _elsewhere(self, unit: UnitDoc, query: Query) -> bool:
        """A street or community is only right for petitions that happened in its area."""
        if unit.kind not in _LOCAL_KINDS:
            return False
        if unit.kind is UnitKind.STREET:
            return query.street_id is not None and unit.id != query.street_id
        if query.community_id is not None:
            return unit.id != query.community_id
        return query.street_id is not None and unit.parent_id != query.street_id

    def _reason(self, ev: Evidence, record: History, query: Query) -> str:
        by_id = self._by_id
        parts: list[str] = []
        if ev.items:
            titles = "、".join(f"「{by_id[i].title}」" for i, _ in ev.items[:2])
            parts.append(f"职责清单匹配{titles}")
        if ev.terms:
            parts.append("命中词：" + "、".join(ev.terms[:5]))
        if ev.topic_exact:
            parts.append(f"主题一致（{self.topic_names.get(query.topic_code or '', '')}）")
        elif ev.topic_parent:
            parts.append("同一大类主题")
        if record.answered:
            parts.append(f"近{HISTORY_DAYS}天同类诉求 {record.answered} 件由本单位办结")
        if record.cited:
            parts.append(f"近{HISTORY_DAYS}天其他单位退回时 {record.cited} 次引用本单位职责")
        if record.returned:
            parts.append(f"近{HISTORY_DAYS}天本单位退回同类诉求 {record.returned} 件")
        return "；".join(parts) or "无匹配依据"


COOPERATION_SHARE = 0.5
MAX_SUGGESTED_COOPERATING = 2


def suggested_cooperating(ranked: list[Suggestion], lead_unit_id: int) -> list[int]:
    """For joint enforcement: the other units that fit nearly as well as the lead (at least
    half its score), best first — whose duties the case also touches."""
    lead = next((s for s in ranked if s.unit_id == lead_unit_id), None)
    if lead is None:
        return []
    return [
        s.unit_id
        for s in ranked
        if s.unit_id != lead_unit_id and s.score >= COOPERATION_SHARE * lead.score
    ][:MAX_SUGGESTED_COOPERATING]
