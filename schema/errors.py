"""Expected failures as typed results; each mutation's union lists them with its success."""

from __future__ import annotations

from collections.abc import Awaitable
from typing import Annotated, Any, TypeVar, Union

import strawberry

from workflow.errors import ErrorCode, WorkflowError


@strawberry.interface(description="A refusal the client is expected to handle.")
class Error:
    message: str


@strawberry.type(description="No valid session or API key was presented.")
class Unauthenticated(Error):
    pass


@strawberry.type(description="The actor's role or unit may not take this step.")
class NotAllowed(Error):
    pass


@strawberry.type(description="The petition or referenced record does not exist or is not visible.")
class NotFound(Error):
    pass


@strawberry.type(description="The petition is not in a state that allows this step.")
class WrongState(Error):
    pass


@strawberry.type(description="Someone changed the petition first; reload and retry.")
class StaleVersion(Error):
    pass


@strawberry.type(description="A field of the input is invalid; `field` names it.")
class InvalidField(Error):
    field: str


ERROR_TYPES: tuple[type, ...] = (
    Unauthenticated,
    NotAllowed,
    NotFound,
    WrongState,
    StaleVersion,
    InvalidField,
)


def to_error(exc: WorkflowError) -> Error:
    if exc.code is ErrorCode.INVALID_FIELD or exc.code is ErrorCode.CALENDAR_UNKNOWN:
        return InvalidField(message=exc.message, field=exc.field or "input")
    if exc.code is ErrorCode.STALE_VERSION:
        return StaleVersion(message=exc.message)
    cls = {
        ErrorCode.UNAUTHENTICATED: Unauthenticated,
        ErrorCode.NOT_ALLOWED: NotAllowed,
        ErrorCode.NOT_FOUND: NotFound,
        ErrorCode.WRONG_STATE: WrongState,
    }[exc.code]
    return cls(message=exc.message)


T = TypeVar("T")


async def guard(call: Awaitable[T]) -> T | Error:
    try:
        return await call
    except WorkflowError as exc:
        return to_error(exc)


def result(name: str, success: type) -> Any:
    """The union `name` of a mutation: its success type and every expected refusal."""
    members = (success, *ERROR_TYPES)
    return Annotated[Union[members], strawberry.union(name)]  # noqa: UP007
