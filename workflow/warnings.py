"""监测预警: when a day's intake is a surge against its own baseline.

A baseline is the mean daily intake over the days before (days without petitions count as
zero), so a topic that is always busy does not alarm every day, and a quiet street with one
unusual day is caught only when the number is also large enough to matter.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class SurgeRule:
    ratio: float
    min_count: int
    baseline_days: int


def baseline(daily: Sequence[int], days: int) -> float:
    return sum(daily) / days if days > 0 else 0.0


def is_surge(today: int, mean: float, rule: SurgeRule) -> bool:
    return today >= rule.min_count and today >= rule.ratio * mean
