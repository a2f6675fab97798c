"""A small GraphQL explorer for the admins who set up integrations: works offline (no CDN, no
libraries). Other staff get a 403 page (workflow.reach.may_use_explorer).

`/explorer` shows it; `/graphql` shows it to a browser (Accept: text/html, no `query`
parameter) once server.py routes through `graphql_or_explorer`.
"""

from __future__ import annotations

import json
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send

from web.session import render, staff
from workflow.actors import Actor
from workflow.enums import Role
from workflow.reach import may_use_explorer
from workflow.transitions import may_submit

ME = """query Me {
  me {
    name
    roles
    unit { id name kind }
    grants { unit { id name } roles }
  }
}"""

PETITIONS = """query Petitions($filter: PetitionFilterInput, $first: Int) {
  petitions(filter: $filter, first: $first) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes {
      id
      trackingCode
      title
      state
      category
      kind
      light
      deadline
      handlingUnit { name }
    }
  }
}"""

SUBMIT = """mutation Submit($input: SubmitPetitionInput!) {
  submitPetition(input: $input) {
    __typename
    ... on SubmitPetitionSuccess { petition { id trackingCode state } }
    ... on Error { message }
    ... on InvalidField { field }
  }
}"""

ACCEPT = """mutation Accept($id: ID!) {
  acceptPetition(input: {id: $id}) {
    __typename
    ... on PetitionSuccess { petition { id state deadline } }
    ... on Error { message }
  }
}"""

URGE = """mutation Urge($id: ID!, $note: String!) {
  urgePetition(input: {id: $id, note: $note}) {
    __typename
    ... on PetitionSuccess { petition { id urgeCount } }
    ... on Error { message }
  }
}"""


def _pretty(value: dict[str, Any]) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2)


def examples_for(actor: Actor) -> list[dict[str, str]]:
    """Example operations that make sense for the actor's roles (the server still decides)."""
    if actor.has(Role.DISPATCHER):
        states, filter_label = ["TRIAGE"], "待研判的诉求"
    elif actor.has(Role.SUPERVISOR):
        states, filter_label = None, "超期未办结的诉求"
    else:
        states, filter_label = ["ASSIGNED", "HANDLING"], "本单位待签收、办理中的诉求"
    flt: dict[str, Any] = {"states": states} if states else {"overdue": True}
    out = [
        {"label": "我是谁（me）", "query": ME, "variables": ""},
        {
            "label": f"诉求列表：{filter_label}",
            "query": PETITIONS,
            "variables": _pretty({"filter": flt, "first": 10}),
        },
        {
            "label": "诉求列表：按关键词和类别",
            "query": PETITIONS,
            "variables": _pretty(
                {"filter": {"text": "垃圾", "category": "LIVELIHOOD"}, "first": 5}
            ),
        },
    ]
    if may_submit(actor):
        draft = {
            "title": "小区门口垃圾无人清运",
            "content": "垃圾堆放三天无人清理。",
            "category": "LIVELIHOOD",
            "kind": "COMPLAINT",
            "petitionerType": "CITIZEN",
            "petitionerName": "张三",
            "petitionerPhone": "13812345678",
        }
        if actor.unit.district_id is None:
            draft["districtCode"] = "SN"
        out.append(
            {
                "label": "变更：登记诉求（submitPetition）",
                "query": SUBMIT,
                "variables": _pretty({"input": draft}),
            }
        )
    if actor.has(Role.HANDLER):
        out.append(
            {
                "label": "变更：签收诉求（acceptPetition）",
                "query": ACCEPT,
                "variables": _pretty({"id": "1"}),
            }
        )
    if actor.has(Role.SUPERVISOR):
        out.append(
            {
                "label": "变更：督办（urgePetition）",
                "query": URGE,
                "variables": _pretty({"id": "1", "note": "请加快办理"}),
            }
        )
    return out


async def explorer(request: Request) -> Response:
    actor = await staff(request)
    if not may_use_explorer(actor):
        return render(request, "explorer_forbidden.html", {}, 403)
    examples = examples_for(actor)
    response = render(request, "explorer.html", {"examples": examples})
    if request.url.path == "/graphql":
        response.headers["Vary"] += ", Accept"
    return response


def wants_explorer(request: Request) -> bool:
    """A browser opening /graphql: a GET that prefers HTML and carries no operation."""
    if request.method != "GET" or "query" in request.query_params:
        return False
    return "text/html" in request.headers.get("accept", "")


class graphql_or_explorer:  # noqa: N801 - used like a function: graphql_or_explorer(app)
    """Wrap the GraphQL ASGI app so that browsers get the explorer page at the same URL.

    A class, not a closure: Starlette's Route treats a plain function as a request endpoint
    and an object as an ASGI app."""

    def __init__(self, graphql: ASGIApp) -> None:
        self.graphql = graphql

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        request = Request(scope, receive)
        if scope["type"] == "http" and wants_explorer(request):
            response = await explorer(request)
            await response(scope, receive, send)
            return
        await self.graphql(scope, receive, send)


routes = [Route("/explorer", explorer, methods=["GET"])]
