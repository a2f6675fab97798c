"""GraphQL `login` is throttled with the login form's throttle."""

from __future__ import annotations

from tests.schema.conftest import LOGIN, PASSWORD, Api
from workflow.enums import Role


async def test_thirty_aliased_logins_in_one_post_are_not_thirty_guesses(api: Api) -> None:
    await api.user("SN", Role.DISPATCHER)
    api.client.cookies.clear()
    guesses = " ".join(
        f'g{n}: login(input: {{username: "sn.dispatcher", password: "guess-{n}"}}) '
        "{ __typename ... on TooManyAttempts { retryAfterSeconds code } }"
        for n in range(30)
    )
    data = await api.gql("mutation { %s }" % guesses)
    kinds = [data[f"g{n}"]["__typename"] for n in range(30)]
    assert kinds == ["Unauthenticated"] * 5 + ["TooManyAttempts"] * 25
    assert data["g29"]["code"] == "TOO_MANY_ATTEMPTS" and data["g29"]["retryAfterSeconds"] > 0
    # Ten wrong passwords then the right one: still refused from this address.
    right = await api.gql(LOGIN, {"u": "sn.dispatcher", "p": PASSWORD})
    assert right["login"]["__typename"] == "TooManyAttempts"


async def test_the_login_form_and_graphql_share_one_count(api: Api) -> None:
    await api.user("SN", Role.DISPATCHER)
    api.client.cookies.clear()
    page = await api.client.get("/login")
    csrf = page.cookies["qingsu_csrf"]
    for n in range(3):
        form = {"username": "sn.dispatcher", "password": f"guess-{n}", "csrf_token": csrf}
        assert (await api.client.post("/login", data=form)).status_code == 401
    for n in range(2):
        bad = await api.gql(LOGIN, {"u": "sn.dispatcher", "p": f"again-{n}"})
        assert bad["login"]["__typename"] == "Unauthenticated"
    form = {"username": "sn.dispatcher", "password": PASSWORD, "csrf_token": csrf}
    refused = await api.client.post("/login", data=form)
    assert refused.status_code == 429 and int(refused.headers["retry-after"]) > 0
