"""Place names of the demo city: the roads, estates and areas of its streets and communities.

Every street and community is also known by its own name without 街道/社区/村 (湛山 for
湛山社区); these are the extra names a resident would put in an address. Names shared by
several communities belong to their street.
"""

from __future__ import annotations

from demo.city import DISTRICTS

STREET_PLACES: dict[str, tuple[str, ...]] = {
    "SN-S01": ("汇泉湾", "八大关风景区"),
    "SN-S02": ("五四广场", "东海西路"),
    "SN-S03": ("江苏路",),
    "SB-S01": ("台东一路", "台东三路", "台东步行街"),
    "SB-S02": ("辽宁路",),
    "LC-S01": ("振华路",),
    "HD-S01": ("长江中路",),
    "CY-S01": ("正阳路",),
    "JZ-S01": ("三里河公园",),
    "LX-S01": ("水集",),
}

COMMUNITY_PLACES: dict[str, tuple[str, ...]] = {
    "SN-S01-C01": ("湛山一路", "湛山二路", "湛山寺", "东海一路"),
    "SN-S01-C02": ("太平角一路", "太平角二路", "正阳关路"),
    "SN-S01-C03": ("武胜关路", "居庸关路", "嘉峪关路"),
    "SN-S02-C01": ("燕儿岛路", "海信花园"),
    "SN-S02-C02": ("澳门路", "东海中路"),
    "SN-S02-C03": ("南京路", "彰化路"),
    "SN-S03-C01": ("观象一路", "龙江路"),
    "SN-S03-C02": ("大学路", "黄县路", "鱼山路"),
    "SB-S01-C01": ("延安一路", "延安二路"),
    "SB-S01-C02": ("威海路", "华阳路"),
    "SB-S01-C03": ("顺兴路", "长兴路"),
    "SB-S02-C01": ("冠县路", "聊城路"),
    "SB-S02-C02": ("东平路", "商河路"),
    "SB-S03-C01": ("福州北路",),
    "SB-S03-C02": ("合肥路", "幸福家园"),
    "SB-S03-C03": ("南昌路", "阳光丽景"),
}


def _stem(name: str) -> str:
    for suffix in ("街道", "社区", "村"):
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name


def place_names() -> list[tuple[str, str]]:
    """(unit code, place name) for every street and community of the demo city."""
    out: list[tuple[str, str]] = []
    for district in DISTRICTS:
        for street in district.streets:
            for name in (street.name, _stem(street.name), *STREET_PLACES.get(street.code, ())):
                out.append((street.code, name))
            for community in street.communities:
                own = (community.name, _stem(community.name))
                for name in (*own, *COMMUNITY_PLACES.get(community.code, ())):
                    out.append((community.code, name))
    return list(dict.fromkeys(out))
