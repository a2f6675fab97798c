"""The shape of the demo city's two-year history, as plain data and pure functions: how many
petitions each day brings, where, about what, through which channel, and how well each
district handles them. demo/history.py turns these plans into the rows the operations write.

The patterns are there to be found by the analysis screens: seasonal topics (heating in winter,
noise and cooking fumes in summer, school places before September), slow growth with the
12345 hotline taking a larger share, one planted surge (expressway noise at one street of
黄岛区 for ten days), one petitioner who keeps coming back, and districts that answer at
visibly different speeds and satisfy at different rates.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from demo.city import DISTRICTS, DistrictSpec, StreetSpec
from demo.texts import PETITION_TEMPLATES, PetitionTemplate
from workflow.deadlines import TZ
from workflow.enums import Channel

HISTORY_DAYS = 730

# Relative daily volume of each district.
DISTRICT_WEIGHT: dict[str, float] = {
    "SN": 0.9, "SB": 1.0, "LC": 0.9, "LS": 0.6, "HD": 1.6,
    "CY": 1.2, "JM": 1.2, "JZ": 0.8, "PD": 0.8, "LX": 0.6,
}  # fmt: skip


@dataclass(frozen=True)
class Quality:
    """How a district's units work: shares of late acceptances (beyond one working day), late
    replies (after the deadline), negative first evaluations and unevaluated replies."""

    late_accept: float
    late_reply: float
    negative: float
    unevaluated: float


QUALITY: dict[str, Quality] = {
    "SN": Quality(0.04, 0.03, 0.03, 0.06),
    "SB": Quality(0.08, 0.06, 0.05, 0.08),
    "LC": Quality(0.10, 0.08, 0.07, 0.09),
    "LS": Quality(0.05, 0.04, 0.04, 0.07),
    "HD": Quality(0.12, 0.10, 0.08, 0.10),
    "CY": Quality(0.09, 0.07, 0.06, 0.08),
    "JM": Quality(0.14, 0.12, 0.09, 0.11),
    "JZ": Quality(0.11, 0.09, 0.07, 0.10),
    "PD": Quality(0.22, 0.18, 0.13, 0.14),
    "LX": Quality(0.17, 0.14, 0.11, 0.12),
}

# Month multipliers per second-level topic (missing months: 1).
SEASONS: dict[str, dict[int, float]] = {
    "GGSS-04": {11: 4.0, 12: 5.0, 1: 5.0, 2: 3.0, 3: 1.5},  # heating and water in winter
    "ZSRM-01": {5: 1.6, 6: 1.9, 7: 2.2, 8: 2.2, 9: 1.6},  # building sites work through summer
    "ZSRM-02": {6: 1.8, 7: 2.3, 8: 2.3},  # open windows, square dancing
    "ZSRM-04": {6: 1.6, 7: 2.0, 8: 2.0},
    "HJBH-01": {6: 2.0, 7: 2.6, 8: 2.6, 9: 1.6},  # cooking fumes, barbecue season
    "JY-01": {5: 2.0, 6: 3.5, 7: 4.0, 8: 3.5},  # school places before September
    "SRHJ-01": {7: 1.6, 8: 1.7},  # rubbish in the heat
    "JTCX-01": {9: 1.8, 10: 1.5, 2: 0.6},  # back to school; the Spring Festival is quiet
    "KDWL-01": {11: 2.4, 12: 1.6, 6: 1.5},  # shopping festivals
    "KDWL-03": {11: 2.0, 12: 1.5},
    "SHBZ-03": {12: 2.5, 1: 3.5},  # unpaid wages before the Spring Festival
}


@dataclass(frozen=True)
class Surge:
    district: str
    street_index: int
    topic: str
    days_ago: int  # first day, counted back from the history's last day
    length: int
    per_day: int


SURGE = Surge(district="HD", street_index=0, topic="ZSRM-03", days_ago=45, length=10, per_day=9)


@dataclass(frozen=True)
class RepeatPetitioner:
    name: str
    phone: str
    district: str
    street_index: int
    topic: str
    times: int


REPEAT = RepeatPetitioner("周建国", "13905321847", "SN", 0, "ZSRM-02", 28)


@dataclass(frozen=True)
class PlannedPetition:
    at: datetime
    district: DistrictSpec
    street: StreetSpec
    template: PetitionTemplate
    channel: Channel
    repeat: bool = False


def _templates_for(topic: str) -> list[PetitionTemplate]:
    found = [t for t in PETITION_TEMPLATES if t.topic == topic]
    if not found:
        raise ValueError(f"no demo petition template for topic {topic}")
    return found


def _season(template: PetitionTemplate, month: int) -> float:
    return SEASONS.get(template.topic, {}).get(month, 1.0)


def _moment(rng: random.Random, day: date) -> datetime:
    """Office hours mostly, some evenings, few at night."""
    hour = rng.choices((rng.uniform(8, 18), rng.uniform(18, 23), rng.uniform(0, 8)), (80, 16, 4))[0]
    return datetime.combine(day, time(0), tzinfo=TZ) + timedelta(hours=hour)


def _channel(rng: random.Random, progress: float) -> Channel:
    """The hotline's share grows from about a quarter to nearly half over the two years."""
    hotline = 0.25 + 0.2 * progress
    if rng.random() < hotline:
        return Channel.HOTLINE_12345
    return rng.choices((Channel.WECHAT, Channel.WALK_IN, Channel.WEBSITE), (60, 25, 15))[0]


def plan_history(total: int, last_day: date, seed: int) -> list[PlannedPetition]:
    """About `total` petitions over the HISTORY_DAYS days ending with `last_day`, plus the surge
    and the repeat petitioner; in time order, identical for the same arguments."""
    rng = random.Random(seed)
    first = last_day - timedelta(days=HISTORY_DAYS - 1)
    days = [first + timedelta(days=i) for i in range(HISTORY_DAYS)]
    # Weekends are quieter; volume grows by about 30 % over the two years.
    weights = [(0.6 if d.weekday() >= 5 else 1.0) * (1 + 0.3 * i / HISTORY_DAYS) for i, d in
               enumerate(days)]  # fmt: skip
    scale = total / sum(weights)
    districts = list(DISTRICTS)
    d_weights = [DISTRICT_WEIGHT[d.code] for d in districts]
    plans: list[PlannedPetition] = []
    for i, (day, weight) in enumerate(zip(days, weights, strict=True)):
        expected = weight * scale
        count = int(expected) + (1 if rng.random() < expected - int(expected) else 0)
        t_weights = [_season(t, day.month) for t in PETITION_TEMPLATES]
        for _ in range(count):
            district = rng.choices(districts, d_weights)[0]
            template = rng.choices(PETITION_TEMPLATES, t_weights)[0]
            plans.append(
                PlannedPetition(
                    at=_moment(rng, day),
                    district=district,
                    street=rng.choice(district.streets),
                    template=template,
                    channel=_channel(rng, i / HISTORY_DAYS),
                )
            )
    surge_district = next(d for d in districts if d.code == SURGE.district)
    surge_templates = _templates_for(SURGE.topic)
    for k in range(SURGE.length):
        day = last_day - timedelta(days=SURGE.days_ago - k)
        for _ in range(SURGE.per_day + rng.randint(-2, 2)):
            plans.append(
                PlannedPetition(
                    at=_moment(rng, day),
                    district=surge_district,
                    street=surge_district.streets[SURGE.street_index],
                    template=rng.choice(surge_templates),
                    channel=_channel(rng, 1.0),
                )
            )
    repeat_district = next(d for d in districts if d.code == REPEAT.district)
    repeat_template = _templates_for(REPEAT.topic)[0]
    step = HISTORY_DAYS // REPEAT.times
    for k in range(REPEAT.times):
        day = first + timedelta(days=k * step + rng.randint(0, step // 2))
        plans.append(
            PlannedPetition(
                at=_moment(rng, day),
                district=repeat_district,
                street=repeat_district.streets[REPEAT.street_index],
                template=repeat_template,
                channel=rng.choice((Channel.HOTLINE_12345, Channel.WECHAT)),
                repeat=True,
            )
        )
    plans.sort(key=lambda p: p.at)
    return plans
