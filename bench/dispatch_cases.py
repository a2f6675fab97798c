"""The labelled evaluation set: every text of bench/dispatch_texts.py placed twice, in
districts whose lists have the duty (and some escalated to the city platform), each with the
unit codes that own it under the demo duty lists."""

from __future__ import annotations

from dataclasses import dataclass

from bench.dispatch_texts import ESTATES, ROADS, TEXTS, WHENS
from demo.city import COMMUNITY_KEY, DISTRICTS, DUTY_ITEMS, STREET_KEY
from workflow.enums import Category


@dataclass(frozen=True)
class Case:
    title: str
    content: str
    category: Category
    topic_code: str | None
    district: str  # district code where it happened
    street: str | None  # street code, when the address names one
    platform: str  # the platform that asks for suggestions ("QD" after escalation)
    owners: tuple[str, ...]  # acceptable unit codes
    item: str  # the duty item the text was written for


def _item(key: str, title: str) -> tuple[str, Category]:
    for spec in DUTY_ITEMS[key]:
        if spec.title == title:
            return spec.topic, spec.category
    raise KeyError((key, title))


def cases() -> list[Case]:
    out: list[Case] = []
    n = 0
    for (key, title), texts in TEXTS.items():
        topic, category = _item(key, title)
        local = key in (STREET_KEY, COMMUNITY_KEY)
        eligible = [d for d in DISTRICTS if local or any(dep.key == key for dep in d.departments)]
        for t, text in enumerate(texts):
            for copy in range(2):
                n += 1
                district = eligible[n % len(eligible)]
                street = district.streets[n % len(district.streets)]
                roads = ROADS[district.code]
                filled = text.format(
                    road=roads[n % len(roads)],
                    estate=ESTATES[n % len(ESTATES)],
                    when=WHENS[n % len(WHENS)],
                )
                head, _, body = filled.partition("｜")
                to_city = not local and copy == 1 and t == 2
                if key == STREET_KEY:
                    owners: tuple[str, ...] = (street.code,)
                elif key == COMMUNITY_KEY:
                    owners = tuple(c.code for c in street.communities)
                elif to_city:
                    owners = (f"QD-{key}",)
                else:
                    owners = (f"{district.code}-{key}",)
                out.append(
                    Case(
                        title=head,
                        content=body,
                        category=category,
                        topic_code=topic if n % 2 == 0 else None,
                        district=district.code,
                        street=street.code if local else None,
                        platform="QD" if to_city else district.code,
                        owners=owners,
                        item=f"{key}/{title}",
                    )
                )
    return out
