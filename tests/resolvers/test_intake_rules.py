"""Intake keeps DOMAIN's promises: the city never takes petitions in, clients use only their own
channels, (channel, external id) is one petition, and the timeline names who did it honestly."""

from __future__ import annotations

import pytest

from models import Event, Petition
from resolvers.intake import submit_petition
from tests.factories import T0, build_city, client, draft
from tests.resolvers.helpers import refused
from workflow.enums import Action, ApiClientKind, Channel, Role
from workflow.errors import ErrorCode as E


@pytest.mark.parametrize(
    ("code", "role"),
    [
        ("QD", Role.DISPATCHER),
        ("QD", Role.SUPERVISOR),
        ("QD", Role.ADMIN),
        ("QD-CG", Role.HANDLER),
        ("QD-CG", Role.HEAD),
    ],
)
async def test_city_level_staff_never_take_petitions_in(db, code: str, role: Role) -> None:
    city = await build_city()
    staff = city.actor(code, role)
    await refused(submit_petition(staff, draft(district_code="SN"), T0), E.NOT_ALLOWED)
    assert await Petition.all().count() == 0 and await Event.all().count() == 0


async def test_the_hotline_hands_a_petition_to_its_district_recorded_as_the_hotline(db) -> None:
    city = await build_city()
    line = await client(city, "QD", ApiClientKind.HOTLINE, name="12345热线")
    done = await submit_petition(
        line, draft(channel=Channel.HOTLINE_12345, external_id="H-1", district_code="SB"), T0
    )
    p = done.petition
    assert p.district_id == city.id("SB") and p.platform_id == city.id("SB")
    assert p.submitted_by_id is None and p.submitted_by_key_id == line.api_key_id
    (event,) = await Event.filter(petition_id=p.id)
    assert event.action is Action.SUBMIT
    assert event.actor_role is Role.API_CLIENT
    assert event.actor_client_kind is ApiClientKind.HOTLINE
    assert event.actor_api_key_id == line.api_key_id and event.actor_user_id is None
    assert event.actor_name == "12345热线"


async def test_the_hotline_needs_no_channel_and_may_claim_no_other(db) -> None:
    city = await build_city()
    line = await client(city, "QD", ApiClientKind.HOTLINE)
    done = await submit_petition(line, draft(channel=None, district_code="SN"), T0)
    assert done.petition.channel is Channel.HOTLINE_12345
    for channel in (Channel.DISTRICT_APP, Channel.WECHAT, Channel.WALK_IN):
        await refused(
            submit_petition(line, draft(channel=channel, district_code="SN"), T0),
            E.INVALID_FIELD,
            "channel",
        )


async def test_a_district_app_may_not_claim_the_hotline_channel(db) -> None:
    city = await build_city()
    app = await client(city, "SN", ApiClientKind.DISTRICT_APP)
    await refused(
        submit_petition(app, draft(channel=Channel.HOTLINE_12345), T0), E.INVALID_FIELD, "channel"
    )
    await refused(submit_petition(app, draft(channel=None), T0), E.INVALID_FIELD, "channel")
    for channel in (Channel.DISTRICT_APP, Channel.WECHAT):
        done = await submit_petition(app, draft(channel=channel), T0)
        assert done.petition.channel is channel and done.petition.district_id == city.id("SN")


async def test_staff_transcribe_only_staff_channels(db) -> None:
    city = await build_city()
    dispatcher = city.actor("SN", Role.DISPATCHER)
    for channel in (Channel.HOTLINE_12345, Channel.DISTRICT_APP, Channel.GRID):
        await refused(
            submit_petition(dispatcher, draft(channel=channel), T0), E.INVALID_FIELD, "channel"
        )
    grid = city.actor("SN-S01-C01", Role.GRID_WORKER)
    done = await submit_petition(grid, draft(channel=None), T0)
    assert done.petition.channel is Channel.GRID


async def test_a_resend_by_the_same_client_on_the_same_channel_is_the_same_petition(db) -> None:
    city = await build_city()
    app = await client(city, "SN", ApiClientKind.DISTRICT_APP)
    sent = draft(channel=Channel.WECHAT, external_id="wx-42")
    first = await submit_petition(app, sent, T0)
    again = await submit_petition(app, sent, T0)
    assert (first.created, again.created) == (True, False)
    assert again.petition.id == first.petition.id
    staff = city.actor("SN", Role.DISPATCHER)
    await refused(submit_petition(staff, sent, T0), E.INVALID_FIELD, "externalId")
    assert await Petition.all().count() == 1


async def test_a_user_holding_several_roles_is_recorded_with_the_role_that_submitted(db) -> None:
    city = await build_city()
    head_and_handler = city.actor("SN-CG", Role.HEAD, Role.HANDLER)
    done = await submit_petition(head_and_handler, draft(), T0)
    (event,) = await Event.filter(petition_id=done.petition.id)
    assert event.actor_role is Role.HANDLER and event.actor_client_kind is None
