"""schema.execution's shortcuts answer exactly what strawberry and graphql-core answer without
them: the same data, the same errors at the same paths, on a small schema built to misbehave
and on the application's own schema over a real database."""

from __future__ import annotations

import json
from enum import Enum
from typing import Any

import pytest
import strawberry

from resolvers import catalog
from resolvers.triage import dispatch_petition
from schema import build_schema
from schema.context import Context
from schema.execution import LeanExecutionContext, lean_resolvers
from schema.prefetch import row_fields
from tests.factories import T0, submit
from tests.schema.conftest import Api
from workflow.enums import Role


@strawberry.enum
class Colour(Enum):
    RED = "RED"


@strawberry.type
class Item:
    name: str
    maybe: str | None
    colour: Colour
    count: int

    @strawberry.field
    def twice(self) -> int:
        return self.count * 2

    @strawberry.field
    def asker(self, info: strawberry.Info) -> str:
        return str(info.context["who"])

    @strawberry.field
    async def later(self) -> str:
        return self.name + "!"

    @strawberry.field
    def fails(self) -> str | None:
        raise ValueError("broken")

    @strawberry.field
    def repeated(self, times: int = 1) -> str:
        return self.name * times


def _item(**changes: Any) -> Item:
    values: dict[str, Any] = {"name": "a", "maybe": None, "colour": Colour.RED, "count": 2}
    return Item(**(values | changes))


@strawberry.type
class Query:
    @strawberry.field
    def items(self) -> list[Item | None]:
        return [
            _item(),
            _item(maybe="m"),
            _item(name=None),  # null where the schema says String!
            _item(colour="PURPLE"),  # not a value of the enum
            _item(count="many"),  # not an Int
        ]


SMALL = """{ items { name maybe colour count twice asker later fails repeated(times: 2)
  again: name ... on Item { colour } } }"""


def _answer(result: Any) -> tuple[Any, list[tuple[str, list[Any]]]]:
    errors = sorted((e.message, e.path) for e in result.errors or [])
    return result.data, errors


async def test_the_small_schema_answers_alike_with_and_without_the_shortcuts() -> None:
    plain = strawberry.Schema(query=Query)
    lean = strawberry.Schema(query=Query, execution_context_class=LeanExecutionContext)
    changed = lean_resolvers(lean)
    # twice, asker, later, fails (repeated takes an argument; the root keeps its wrapper)
    assert changed == 4
    context = {"who": "me"}
    expected = _answer(await plain.execute(SMALL, context_value=context))
    got = _answer(await lean.execute(SMALL, context_value=context))
    assert got == expected
    data, errors = got
    assert data["items"][0] == {
        "name": "a",
        "maybe": None,
        "colour": "RED",
        "count": 2,
        "twice": 4,
        "asker": "me",
        "later": "a!",
        "fails": None,
        "repeated": "aa",
        "again": "a",
    }
    assert data["items"][2:] == [None, None, None]
    assert {tuple(path) for _, path in errors} >= {
        ("items", 2, "name"),
        ("items", 3, "colour"),
        ("items", 4, "count"),
        ("items", 0, "fails"),
    }


async def test_plain_leaves_skip_graphql_cores_field_path(monkeypatch: pytest.MonkeyPatch) -> None:
    """Only the list itself and the two leaves that misbehave take the full path."""
    from graphql.execution.executor import Executor

    calls: list[str] = []
    full_path = Executor.execute_field

    def counted(self: Any, parent_type: Any, source: Any, details: Any, *rest: Any) -> Any:
        calls.append(details[0].node.name.value)
        return full_path(self, parent_type, source, details, *rest)

    monkeypatch.setattr(Executor, "execute_field", counted)
    lean = strawberry.Schema(query=Query, execution_context_class=LeanExecutionContext)
    result = await lean.execute("{ items { name count } }")
    assert result.data is not None and result.data["items"][0] == {"name": "a", "count": 2}
    assert sorted(calls) == ["count", "items", "name"]


EVERYTHING = """
fragment unit on Unit { id code name kind districtCode areaName parent { name } }
fragment row on Petition {
  id trackingCode version title content category kind complexity
  topic { id code name campaign parent { name } }
  channel externalId petitionerType anonymous petitionerName petitionerPhone address
  district { ...unit } street { ...unit } community { ...unit }
  lat lng state round platform { ...unit } handlingUnit { ...unit }
  reviewStage timeLimitDays deadline originalDeadline deadlineEstimated light overdue
  urgeCount closure duplicateOf { id } duplicates { id }
  evaluationDueAt firstContactedAt createdAt updatedAt closedAt
  assignments { id role round unit { ...unit } assignedByUnit { name } assignedAt deadline
    acceptedAt endedAt endReason }
  replies { id round status unit { name } submittedAt onTime sentAt }
  availableActions
}
query($id: ID!) {
  petitions(first: FIRST) { totalCount totalCountExact pageInfo { hasNextPage endCursor }
    nodes { ...row timeline { id at action actorName actorRole actorClientKind
      actorUnit { name } fromState toState note payload } }
    edges { cursor node { id state assignments { role } } } }
  one: petition(id: $id) { ...row }  # shows the identity: each read adds to its timeline
  missing: petition(id: "999999") { id }
}"""


async def _run(lean: bool, query: str, variables: dict[str, Any], actor: Any) -> str:
    schema = build_schema(introspection=False, lean=lean)
    context = Context(
        request=None, response=None, actor=actor, now=T0, catalog=await catalog.catalog()
    )
    result = await schema.execute(query, variable_values=variables, context_value=context)
    body = {"data": result.data, "errors": _answer(result)[1]}
    return json.dumps(body, ensure_ascii=False, sort_keys=True)


async def test_the_application_schema_answers_alike_with_and_without_the_shortcuts(
    api: Api,
) -> None:
    city = api.city
    dispatcher = city.actor("SN", Role.DISPATCHER)
    ids = []
    for n in range(6):
        p = await submit(city, external_id=f"lean-{n}")
        ids.append(p.id)
        if n % 2:
            await dispatch_petition(dispatcher, p.id, T0, lead_unit_id=city.id("SN-CG"))
    variables = {"id": str(ids[0])}  # not on the pages below: its timeline grows per read
    for first in ("3", "5"):
        query = EVERYTHING.replace("FIRST", first)
        plain = await _run(False, query, variables, dispatcher)
        lean = await _run(True, query, variables, dispatcher)
        assert lean == plain
        assert '"assignments": [{"role": "LEAD"}]' in lean
        # Someone signed out gets the same refusal either way.
        assert await _run(True, query, variables, None) == await _run(False, query, variables, None)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("{ petitions { nodes { id assignments { role } } } }", {"id", "assignments"}),
        ("{ petitions { edges { node { replies { status } } } } }", {"replies"}),
        (
            "fragment f on Petition { availableActions } "
            "{ petitions { nodes { ...f ... on Petition { state } } } }",
            {"availableActions", "state"},
        ),
        ("{ petitions { totalCount } }", set()),
    ],
)
async def test_a_page_reads_ahead_what_its_rows_select(
    api: Api, monkeypatch: pytest.MonkeyPatch, query: str, expected: set[str]
) -> None:
    import schema.queries

    seen: list[set[str]] = []

    async def record(info: Any, rows: Any, *paths: Any) -> None:
        seen.append(row_fields(info, *paths))

    monkeypatch.setattr(schema.queries, "prefetch_petitions", record)
    token = await api.user("SN", Role.DISPATCHER)
    await api.gql(query, token=token)
    assert seen == [expected]


async def test_rows_made_without_the_constructor_equal_those_made_with_it(api: Api) -> None:
    from models import Event as EventRow
    from models import Unit as UnitRow
    from schema.types import (
        Assignment,
        Petition,
        TimelineEvent,
        Unit,
        _basic_fields,
        from_row,
    )

    city = api.city
    dispatcher = city.actor("SN", Role.DISPATCHER)
    p = await submit(city, external_id="rows-1")
    row = await dispatch_petition(dispatcher, p.id, T0, lead_unit_id=city.id("SN-CG"))
    assignment = (await row.assignments.all())[0]
    event = await EventRow.filter(petition_id=p.id).first()
    unit = await UnitRow.get(code="SN-CG")

    def constructed(cls: Any, source: Any, **extra: Any) -> Any:
        values = {n: getattr(source, n) for n in _basic_fields(cls)}
        values["id"] = strawberry.ID(str(source.id))
        return cls(row=source, **values, **extra)

    cases = [(Petition, row), (Assignment, assignment), (TimelineEvent, event), (Unit, unit)]
    for cls, source in cases:
        made = from_row(cls, source)
        assert made == constructed(cls, source)
        assert vars(made) == vars(constructed(cls, source))
    assert from_row(Petition, row, reveal=True).reveal is True
    assert from_row(Petition, row).reveal is False
    # An argument the type does not take goes to the constructor, which refuses it.
    with pytest.raises(TypeError, match="nonsense"):
        from_row(Petition, row, nonsense=1)
