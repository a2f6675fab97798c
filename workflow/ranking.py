"""考核排名: a weighted score of the four rates, and ranks that share places on ties.

A unit below the minimum sample, or with a rate whose base is empty, gets no score: ranking it
on two petitions would reward luck, and the yearly evaluation must be defensible.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from workflow.errors import invalid
from workflow.measures import Measures, Rate


class RankingLevel(StrEnum):
    DISTRICT = "DISTRICT"
    UNIT = "UNIT"


RATES = ("response", "on_time", "resolution", "satisfaction")
_CENT = Decimal("0.01")


def parse_weights(text: str) -> dict[str, Decimal]:
    """'response=0.2,on_time=0.3,…' → weights; every rate named once, none negative."""
    weights: dict[str, Decimal] = {}
    for part in filter(None, (p.strip() for p in text.split(","))):
        name, _, value = part.partition("=")
        try:
            weights[name.strip()] = Decimal(value.strip())
        except ArithmeticError:
            raise invalid("weights", f"权重 {part} 不是数字") from None
    if set(weights) != set(RATES) or any(w < 0 for w in weights.values()):
        raise invalid("weights", "须为四项比率各给出一个非负权重")
    if sum(weights.values()) == 0:
        raise invalid("weights", "权重不能全为零")
    return weights


def rates_of(m: Measures) -> dict[str, Rate]:
    return {
        "response": m.response_rate,
        "on_time": m.on_time_rate,
        "resolution": m.resolution_rate,
        "satisfaction": m.satisfaction_rate,
    }


def score(m: Measures, weights: Mapping[str, Decimal], min_sample: int) -> Decimal | None:
    if m["assigned"] < min_sample:
        return None
    total = Decimal(0)
    for name, rate in rates_of(m).items():
        if rate.percent is None:
            return None
        total += weights[name] * rate.percent
    return (total / sum(weights.values())).quantize(_CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Ranked:
    id: int
    name: str
    measures: Measures
    score: Decimal | None
    rank: int | None


def rank(
    rows: Sequence[tuple[int, str, Measures]], weights: Mapping[str, Decimal], min_sample: int
) -> list[Ranked]:
    """Best score first; equal scores share a rank (1, 2, 2, 4); unranked rows last."""
    scored = [(i, n, m, score(m, weights, min_sample)) for i, n, m in rows]
    ranked = sorted((r for r in scored if r[3] is not None), key=lambda r: (-r[3], r[1]))  # type: ignore[operator]
    out: list[Ranked] = []
    for pos, (i, n, m, s) in enumerate(ranked, start=1):
        place = out[-1].rank if out and out[-1].score == s else pos
        out.append(Ranked(i, n, m, s, place))
    unranked = sorted((r for r in scored if r[3] is None), key=lambda r: r[1])
    out += [Ranked(i, n, m, None, None) for i, n, m, _ in unranked]
    return out
