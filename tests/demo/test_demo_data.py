"""Consistency of the demo data: codes, keys and topics refer to things that exist."""

from __future__ import annotations

import random
from collections import Counter

from demo.city import (
    CAMPAIGN_AREAS,
    CITY_DEPARTMENTS,
    CITY_PLATFORM,
    DISTRICTS,
    DUTY_ITEMS,
    STREET_KEY,
    TOPICS,
    all_units,
    duty_items_for,
    subtopic_codes,
)
from demo.texts import (
    PETITION_TEMPLATES,
    REPLY_PLACEHOLDERS,
    REPLY_TEMPLATES,
    ROADS,
    fake_name,
    fake_phone,
    placeholders,
)
from workflow.enums import Category, Complexity, Kind, UnitKind

EXPECTED_PLATFORMS = {
    "SN": ("市南区", "暖南诉办"),
    "SB": ("市北区", "北尚诉办"),
    "LC": ("李沧区", "李即办"),
    "LS": ("崂山区", "崂先办"),
    "HD": ("黄岛区", "诉速办"),
    "CY": ("城阳区", "城心办"),
    "JM": ("即墨区", "即诉即办"),
    "JZ": ("胶州市", "胶心办"),
    "PD": ("平度市", "平读心声"),
    "LX": ("莱西市", "爱莱西"),
}


def test_there_are_ten_districts_with_the_exact_codes_names_and_platform_names() -> None:
    got = {d.code: (d.name, d.platform_name) for d in DISTRICTS}
    assert got == EXPECTED_PLATFORMS
    assert [d.code for d in DISTRICTS] == list(EXPECTED_PLATFORMS)


def test_every_district_has_five_departments_and_three_streets() -> None:
    for district in DISTRICTS:
        assert len(district.departments) == 5, district.code
        assert len(district.streets) == 3, district.code
        assert all(d.kind is UnitKind.DISTRICT_DEPARTMENT for d in district.departments)


def test_every_street_has_two_or_three_communities() -> None:
    for district in DISTRICTS:
        for street in district.streets:
            assert 2 <= len(street.communities) <= 3, street.code


def test_unit_codes_are_unique_across_the_city() -> None:
    codes = [u.code for u in all_units()]
    duplicates = [code for code, n in Counter(codes).items() if n > 1]
    assert duplicates == []


def test_unit_codes_follow_the_documented_shapes() -> None:
    assert CITY_PLATFORM.code == "QD"
    assert all(d.code.startswith("QD-") for d in CITY_DEPARTMENTS)
    for district in DISTRICTS:
        for dept in district.departments:
            assert dept.code == f"{district.code}-{dept.key}"
        for i, street in enumerate(district.streets, start=1):
            assert street.code == f"{district.code}-S{i:02d}"
            for j, community in enumerate(street.communities, start=1):
                assert community.code == f"{street.code}-C{j:02d}"


def test_every_unit_parent_exists_and_comes_first() -> None:
    seen: set[str] = set()
    for unit in all_units():
        assert unit.parent_code is None or unit.parent_code in seen, unit.code
        seen.add(unit.code)


def test_city_has_a_discipline_inspection_unit_without_a_duty_list() -> None:
    inspection = [d for d in CITY_DEPARTMENTS if d.code == "QD-JW"]
    assert [d.name for d in inspection] == ["市纪委监委"]
    assert duty_items_for(UnitKind.CITY_DEPARTMENT, inspection[0].key) == ()


def test_every_department_key_has_a_duty_list() -> None:
    departments = [*CITY_DEPARTMENTS, *(d for district in DISTRICTS for d in district.departments)]
    for dept in departments:
        if dept.key is not None:
            assert dept.key in DUTY_ITEMS, dept.code
            assert duty_items_for(dept.kind, dept.key), dept.code


def test_duty_lists_have_four_to_six_items_and_streets_five_to_six() -> None:
    for key, items in DUTY_ITEMS.items():
        assert 4 <= len(items) <= 6, key
    assert 5 <= len(DUTY_ITEMS[STREET_KEY]) <= 6
    assert duty_items_for(UnitKind.STREET, None) == DUTY_ITEMS[STREET_KEY]


def test_duty_items_refer_to_existing_second_level_topics() -> None:
    subtopics = subtopic_codes()
    for key, items in DUTY_ITEMS.items():
        for item in items:
            assert item.topic in subtopics, (key, item.title)
            assert 3 <= len(item.keywords) <= 6, (key, item.title)
            assert item.legal_basis.startswith("《"), (key, item.title)


def test_the_seven_campaign_areas_are_first_level_topics() -> None:
    names = {t.code: t.name for t in TOPICS}
    assert [names[c] for c in CAMPAIGN_AREAS] == [
        "市容环境",
        "交通出行",
        "噪声扰民",
        "医疗服务",
        "食品安全",
        "物业管理",
        "快递物流",
    ]


def test_topic_codes_are_unique_and_each_topic_has_three_to_five_children() -> None:
    codes = [t.code for t in TOPICS] + [c.code for t in TOPICS for c in t.children]
    assert len(codes) == len(set(codes))
    for topic in TOPICS:
        assert 3 <= len(topic.children) <= 5, topic.code
        assert all(c.code.startswith(f"{topic.code}-") for c in topic.children)


def test_petition_templates_refer_to_existing_topics_and_department_keys() -> None:
    subtopics = subtopic_codes()
    for t in PETITION_TEMPLATES:
        assert t.topic in subtopics, t.title
        assert t.department_key in DUTY_ITEMS, t.title


def test_petition_templates_have_consistent_category_kind_and_complexity() -> None:
    assert len(PETITION_TEMPLATES) >= 60
    for t in PETITION_TEMPLATES:
        assert len(t.title) <= 30, t.title
        assert placeholders(t.content) == {"place"}, t.title
        if t.category is Category.LIVELIHOOD:
            assert t.kind is not None, t.title
            assert t.complexity is not Complexity.NORMAL, t.title
        else:
            assert t.kind is None, t.title
            assert t.complexity is not Complexity.SIMPLE, t.title


def test_petition_templates_cover_every_category_and_kind() -> None:
    combos = {(t.category, t.kind) for t in PETITION_TEMPLATES}
    assert combos == {
        (Category.LIVELIHOOD, Kind.CONSULTATION),
        (Category.LIVELIHOOD, Kind.SUGGESTION),
        (Category.LIVELIHOOD, Kind.COMPLAINT),
        (Category.DEVELOPMENT, None),
        (Category.ENFORCEMENT, None),
    }


def test_reply_templates_cover_every_category_and_use_known_placeholders() -> None:
    assert set(REPLY_TEMPLATES) == set(Category)
    for variants in REPLY_TEMPLATES.values():
        assert variants
        for r in variants:
            for text in (
                r.petitioner_situation,
                r.policy_basis,
                r.handling_result,
                r.responsible_person,
                r.contact_phone,
            ):
                assert placeholders(text) <= REPLY_PLACEHOLDERS, text


def test_roads_exist_for_every_district() -> None:
    assert set(ROADS) == {d.code for d in DISTRICTS}
    assert all(3 <= len(roads) <= 5 for roads in ROADS.values())


def test_fake_phone_and_name_are_plausible_and_deterministic() -> None:
    rng = random.Random(7)
    for _ in range(200):
        phone = fake_phone(rng)
        assert len(phone) == 11 and phone.isdigit() and phone[:2] in {"13", "15", "18"}
        assert 2 <= len(fake_name(rng)) <= 3
    assert fake_phone(random.Random(1)) == fake_phone(random.Random(1))
