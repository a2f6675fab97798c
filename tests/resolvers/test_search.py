"""Search: Chinese words through the full-text index, codes and phones through their own."""

from __future__ import annotations

from resolvers.reads import PetitionFilter, list_petitions
from tests.factories import T0, build_city, submit
from workflow.enums import Role


async def _found(actor, text: str, **flt) -> list[str]:
    page = await list_petitions(actor, PetitionFilter(text=text, **flt), T0, 50)
    return [p.title for p in page.items]


async def test_a_common_two_character_word_is_found_and_ranked_by_relevance(db) -> None:
    city = await build_city()
    await submit(city, external_id="a", title="夜间施工噪音扰民", content="夜里施工噪音大。")
    await submit(city, external_id="b", title="小区垃圾无人清运", content="垃圾车噪音也大。")
    await submit(city, external_id="c", title="路灯不亮", content="小区门口路灯坏了一个月。")
    sn = city.actor("SN", Role.DISPATCHER)
    # Text alone: the title match first, though the other is newer.
    assert await _found(sn, "噪音") == ["夜间施工噪音扰民", "小区垃圾无人清运"]
    assert await _found(sn, "噪音 垃圾") == ["小区垃圾无人清运"]
    assert await _found(sn, "路灯") == ["路灯不亮"]
    assert await _found(sn, "火箭") == []
    assert await _found(sn, "！？") == []
    # With another criterion the order is the list's own (newest first).
    assert await _found(sn, "噪音", district_id=city.id("SN")) == [
        "小区垃圾无人清运",
        "夜间施工噪音扰民",
    ]
    # Another district's staff do not find them.
    assert await _found(city.actor("SB", Role.DISPATCHER), "噪音") == []


async def test_codes_are_found_by_their_start_or_tail_and_petitions_by_phone(db) -> None:
    city = await build_city()
    first = await submit(city, external_id="a", petitioner_phone="13900001111")
    second = await submit(city, external_id="b")
    other = await submit(city, district="SB", external_id="c")
    qd = city.actor("QD", Role.SUPERVISOR)

    async def codes(text: str) -> set[str]:
        page = await list_petitions(qd, PetitionFilter(text=text), T0, 50)
        return {p.tracking_code for p in page.items}

    assert await codes("SN2023") == {first.tracking_code, second.tracking_code}
    assert await codes("sn20230324") == {first.tracking_code, second.tracking_code}
    assert await codes(second.tracking_code) == {second.tracking_code}
    assert await codes("000002") == {second.tracking_code}
    assert await codes("000001") == {first.tracking_code, other.tracking_code}
    assert await codes("139 0000 1111") == {first.tracking_code}
    assert await codes("13700001111") == set()


async def test_petitions_taken_in_before_the_search_existed_are_indexed_on_demand(db) -> None:
    from models import PetitionSearch
    from resolvers.search import index_missing

    city = await build_city()
    await submit(city, external_id="a", title="楼道堆放杂物", content="消防通道被堵。")
    await PetitionSearch.all().delete()
    sn = city.actor("SN", Role.DISPATCHER)
    assert await _found(sn, "杂物") == []
    assert await index_missing() == 1 and await index_missing() == 0
    assert await _found(sn, "杂物") == ["楼道堆放杂物"]
