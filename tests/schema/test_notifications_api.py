"""Notifications over GraphQL: the list, the unread count, marking read."""

from __future__ import annotations

from tests.factories import submit
from tests.resolvers.helpers import dispatched
from tests.schema.conftest import Api
from workflow.enums import Role

LIST = """query { unreadNotificationCount
  notifications(first: 10) { id kind text petitionId read } }"""
MARK = """mutation($ids: [ID!]) { markNotificationsRead(ids: $ids) {
  __typename ... on MarkNotificationsReadSuccess { marked unreadCount }
  ... on Error { code } } }"""


async def test_a_unit_sees_its_new_assignments_and_marks_them_read(api: Api) -> None:
    for _ in range(2):
        p = await submit(api.city)
        await dispatched(api.city, p.id, "SN-CG")
    token = await api.user("SN-CG", Role.HANDLER)
    got = await api.gql(LIST, token=token)
    assert got["unreadNotificationCount"] == 2
    assert [n["kind"] for n in got["notifications"]] == ["NEW_ASSIGNMENT", "NEW_ASSIGNMENT"]
    assert got["notifications"][0]["petitionId"] == str(p.id)
    first = got["notifications"][0]["id"]
    done = await api.gql(MARK, {"ids": [first]}, token)
    assert done["markNotificationsRead"] == {
        "__typename": "MarkNotificationsReadSuccess",
        "marked": 1,
        "unreadCount": 1,
    }
    rest = await api.gql(MARK, {}, token)
    assert rest["markNotificationsRead"]["unreadCount"] == 0
    other = await api.user("SN-SCJG", Role.HANDLER)
    assert (await api.gql(LIST, token=other))["unreadNotificationCount"] == 0


async def test_an_anonymous_caller_cannot_mark_anything(api: Api) -> None:
    got = await api.gql(MARK, {})
    assert got["markNotificationsRead"]["__typename"] == "Unauthenticated"
