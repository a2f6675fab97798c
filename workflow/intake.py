"""Intake rules (DOMAIN §5): which channels a submitter may claim and the default channel.
The API and the staff screens both ask here."""

from __future__ import annotations

from workflow.actors import Actor
from workflow.enums import ApiClientKind, Channel, Role
from workflow.errors import invalid

# A machine client submits only on the channels its kind stands for (DOMAIN §5).
CLIENT_CHANNELS: dict[ApiClientKind, tuple[Channel, ...]] = {
    ApiClientKind.DISTRICT_APP: (Channel.DISTRICT_APP, Channel.WECHAT),
    ApiClientKind.HOTLINE: (Channel.HOTLINE_12345,),
    ApiClientKind.DEPARTMENT_SYSTEM: (Channel.DEPARTMENT_SYSTEM,),
}

# Staff transcribe what reaches them in person, by post or online; the hotline, the apps and
# department systems come in through their own clients, recorded as those clients.
STAFF_CHANNELS: tuple[Channel, ...] = (
    Channel.WALK_IN,
    Channel.GRID,
    Channel.WECHAT,
    Channel.WEBSITE,
)


def allowed_channels(actor: Actor) -> tuple[Channel, ...]:
    if actor.is_machine:
        return CLIENT_CHANNELS.get(actor.client_kind, ()) if actor.client_kind else ()
    if actor.has(Role.GRID_WORKER):
        return STAFF_CHANNELS
    return tuple(c for c in STAFF_CHANNELS if c is not Channel.GRID)


def default_channel(actor: Actor) -> Channel | None:
    """What a submission without a channel came in on; None when the client must say."""
    if actor.is_machine:
        channels = allowed_channels(actor)
        return channels[0] if len(channels) == 1 else None
    return Channel.GRID if actor.has(Role.GRID_WORKER) else Channel.WALK_IN


def channel_for(actor: Actor, requested: Channel | None) -> Channel:
    channel = requested or default_channel(actor)
    if channel is None:
        raise invalid("channel", "请指明渠道")
    if channel not in allowed_channels(actor):
        raise invalid("channel", "该渠道不属于此客户端或岗位，不能以此渠道受理")
    return channel
