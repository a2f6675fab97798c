"""After an admin resets a password, the API lets the user do one thing: change it."""

from __future__ import annotations

from models import Session, User
from resolvers.staff_accounts import reset_password
from tests.factories import T0
from tests.schema.conftest import LOGIN, Api
from workflow.enums import Role

CHANGE = """
mutation($c: String!, $n: String!) {
  changePassword(input: {currentPassword: $c, newPassword: $n}) {
    __typename
    ... on ChangePasswordSuccess { me { name mustChangePassword } }
    ... on InvalidField { fields { field message } }
    ... on Error { message }
  }
}"""

PETITIONS = "{ petitions(first: 1) { totalCount } }"


async def _reset(api: Api) -> tuple[int, str]:
    await api.user("SN", Role.DISPATCHER)
    user = await User.get(username="sn.dispatcher")
    admin = api.city.actor("SN", Role.ADMIN)
    return user.id, await reset_password(admin, user.id, T0)


async def test_after_a_reset_the_api_answers_only_the_password_change(api: Api) -> None:
    old_token = await api.user("SN", Role.DISPATCHER)
    uid, temporary = await _reset(api)
    api.client.cookies.clear()
    # The session from before the reset is over.
    gone = await api.raw("{ me { name } }", token=old_token)
    assert gone["data"] is None or gone["data"]["me"] is None

    login = await api.gql(
        LOGIN.replace("me {", "me { mustChangePassword"), {"u": "sn.dispatcher", "p": temporary}
    )
    assert login["login"]["__typename"] == "LoginSuccess"
    assert login["login"]["me"]["mustChangePassword"] is True
    token = login["login"]["token"]

    refused = await api.raw(PETITIONS, token=token)
    assert refused["data"] is None
    assert refused["errors"][0]["extensions"]["code"] == "PASSWORD_CHANGE_REQUIRED"
    # Hiding the field in a fragment, or beside an allowed one, changes nothing.
    hidden = await api.raw(
        "query { me { name } ...F } fragment F on Query { petitions(first: 1) { totalCount } }",
        token=token,
    )
    assert hidden["data"] is None
    assert hidden["errors"][0]["extensions"]["code"] == "PASSWORD_CHANGE_REQUIRED"
    mutation = await api.raw(
        'mutation { urgePetition(input: {id: "1", note: "x"}) { __typename } }', token=token
    )
    assert mutation["errors"][0]["extensions"]["code"] == "PASSWORD_CHANGE_REQUIRED"
    me = await api.gql("{ me { name mustChangePassword } }", token=token)
    assert me["me"] == {"name": "sn.dispatcher", "mustChangePassword": True}

    wrong = await api.gql(CHANGE, {"c": "not-it", "n": "x"}, token=token)
    assert wrong["changePassword"]["__typename"] == "InvalidField"
    assert [f["field"] for f in wrong["changePassword"]["fields"]] == [
        "currentPassword",
        "newPassword",
    ]
    assert (await User.get(id=uid)).must_change_password

    done = await api.gql(CHANGE, {"c": temporary, "n": "my-own-pass-1"}, token=token)
    assert done["changePassword"] == {
        "__typename": "ChangePasswordSuccess",
        "me": {"name": "sn.dispatcher", "mustChangePassword": False},
    }
    assert (await api.gql(PETITIONS, token=token))["petitions"]["totalCount"] == 0
    relogin = await api.gql(LOGIN, {"u": "sn.dispatcher", "p": "my-own-pass-1"})
    assert relogin["login"]["__typename"] == "LoginSuccess"


async def test_a_login_in_the_same_document_does_not_open_the_rest(api: Api) -> None:
    _, temporary = await _reset(api)
    api.client.cookies.clear()
    body = await api.raw(
        "mutation($u: String!, $p: String!) {"
        " login(input: {username: $u, password: $p}) { __typename }"
        ' urgePetition(input: {id: "1", note: "x"}) { __typename ... on Error { code } } }',
        {"u": "sn.dispatcher", "p": temporary},
    )
    assert body["data"]["login"]["__typename"] == "LoginSuccess"
    assert body["data"]["urgePetition"] == {"__typename": "NotAllowed", "code": "NOT_ALLOWED"}


async def test_changing_the_password_ends_the_users_other_sessions(api: Api) -> None:
    await api.user("SN", Role.DISPATCHER)
    other = await api.gql(LOGIN, {"u": "sn.dispatcher", "p": "test-password-1"})
    second = await api.gql(LOGIN, {"u": "sn.dispatcher", "p": "test-password-1"})
    token = second["login"]["token"]
    done = await api.gql(CHANGE, {"c": "test-password-1", "n": "brand-new-pass"}, token=token)
    assert done["changePassword"]["__typename"] == "ChangePasswordSuccess"
    assert (await api.gql("{ me { name } }", token=token))["me"]["name"] == "sn.dispatcher"
    stale = await api.raw("{ me { name } }", token=other["login"]["token"])
    assert stale["data"] is None or stale["data"]["me"] is None
    uid = (await User.get(username="sn.dispatcher")).id
    assert await Session.filter(user_id=uid, revoked_at__isnull=True).count() == 1


async def test_a_machine_client_has_no_password_to_change(api: Api) -> None:
    key = await api.app_key("SN")
    refused = await api.gql(CHANGE, {"c": "a", "n": "longer-password"}, token=key)
    assert refused["changePassword"]["__typename"] == "Unauthenticated"
