"""A small city for tests: the city platform, two districts, and actors at each unit."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from models import DutyItem, Topic, Unit, User
from resolvers.auth import actor_from_api_key, create_api_key
from resolvers.intake import PetitionDraft, submit_petition
from resolvers.units import unit_ref
from workflow.actors import Actor
from workflow.deadlines import TZ
from workflow.enums import (
    ApiClientKind,
    Category,
    Channel,
    Complexity,
    Kind,
    PetitionerType,
    Role,
    Scope,
    UnitKind,
)

# A Friday in a plain working week: 2023-03-24 10:00 Shanghai.
T0 = datetime(2023, 3, 24, 10, 0, tzinfo=TZ)


@dataclass
class City:
    units: dict[str, Unit] = field(default_factory=dict)
    topic: Topic | None = None
    duty_item: DutyItem | None = None
    user_ids: list[int] = field(default_factory=list)

    def actor(self, code: str, *roles: Role, user_id: int | None = None) -> Actor:
        """A staff actor at the unit `code` (user ids are synthetic: no login needed)."""
        if user_id is None:
            user_id = self.user_ids.pop()
        return Actor(
            unit=unit_ref(self.units[code]),
            roles=frozenset(roles),
            name=f"{code}-{roles[0]}",
            user_id=user_id,
        )

    def app(self, code: str, *scopes: Scope) -> Actor:
        return Actor(
            unit=unit_ref(self.units[code]),
            roles=frozenset(),
            name=f"app-{code}",
            api_key_id=None,
            scopes=frozenset(scopes),
        )

    def id(self, code: str) -> int:
        return self.units[code].id


async def _unit(
    city: City,
    code: str,
    name: str,
    kind: UnitKind,
    parent: str | None,
    district: str | None,
    district_code: str | None = None,
    area_name: str | None = None,
) -> None:
    city.units[code] = await Unit.create(
        code=code,
        name=name,
        kind=kind,
        parent=city.units[parent] if parent else None,
        district=city.units[district] if district else None,
        district_code=district_code,
        area_name=area_name,
    )
    if kind is UnitKind.DISTRICT_PLATFORM:
        city.units[code].district_id = city.units[code].id
        await city.units[code].save(update_fields=["district_id"])


async def build_city() -> City:
    city = City()
    await _unit(city, "QD", "市级平台", UnitKind.CITY_PLATFORM, None, None, area_name="青岛市")
    await _unit(city, "QD-CG", "市城市管理局", UnitKind.CITY_DEPARTMENT, "QD", None)
    await _unit(city, "QD-SCJG", "市市场监管局", UnitKind.CITY_DEPARTMENT, "QD", None)
    for d, name, area in (("SN", "暖南诉办", "市南区"), ("SB", "北尚诉办", "市北区")):
        await _unit(city, d, name, UnitKind.DISTRICT_PLATFORM, "QD", None, d, area)
        await _unit(city, f"{d}-CG", f"{d}区城市管理局", UnitKind.DISTRICT_DEPARTMENT, d, d)
        await _unit(city, f"{d}-SCJG", f"{d}区市场监管局", UnitKind.DISTRICT_DEPARTMENT, d, d)
        await _unit(city, f"{d}-S01", f"{d}一街道", UnitKind.STREET, d, d)
        await _unit(city, f"{d}-S01-C01", f"{d}一社区", UnitKind.COMMUNITY, f"{d}-S01", d)
    await User.bulk_create(
        [User(username=f"u{i}", display_name=f"用户{i}", password_hash="x") for i in range(300)]
    )
    city.user_ids = list(await User.all().order_by("-id").values_list("id", flat=True))
    parent = await Topic.create(code="SRHJ", name="市容环境", campaign=True)
    city.topic = await Topic.create(code="SRHJ-01", name="垃圾清运", parent=parent)
    city.duty_item = await DutyItem.create(
        unit=city.units["SN-SCJG"],
        title="食品经营许可",
        description="负责食品经营许可",
        keywords=["食品", "许可"],
        topic=city.topic,
        category=Category.ENFORCEMENT,
        legal_basis="《中华人民共和国食品安全法》第三十五条",
    )
    return city


def draft(**overrides: object) -> PetitionDraft:
    values: dict[str, object] = dict(
        title="小区门口垃圾无人清运",
        content="垃圾堆放三天无人清理，气味很大。",
        category=Category.LIVELIHOOD,
        kind=Kind.COMPLAINT,
        complexity=Complexity.SIMPLE,
        petitioner_type=PetitionerType.CITIZEN,
        petitioner_name="张三",
        petitioner_phone="13812345678",
        topic_code="SRHJ-01",
        channel=Channel.WALK_IN,
    )
    values.update(overrides)
    return PetitionDraft(**values)  # type: ignore[arg-type]


async def submit(city: City, district: str = "SN", now: datetime = T0, **overrides: object):
    dispatcher = city.actor(district, Role.DISPATCHER)
    done = await submit_petition(dispatcher, draft(**overrides), now)
    return done.petition


async def client(city: City, code: str, kind: ApiClientKind, name: str = "") -> Actor:
    """A real machine client (an API key row) at unit `code`, as the server would see it."""
    made = await create_api_key(None, name or f"{kind.value} {code}", city.id(code), kind, T0)
    actor = await actor_from_api_key(made.secret)
    assert actor is not None
    return actor
