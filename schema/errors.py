"""Expected failures as typed results; each mutation's union lists them with its success.

Resolvers raise `WorkflowError`; one exception handler registered on the schema turns it into
the matching type of the field's union, so no mutation catches anything itself. Every refusal
carries `code` (an enum apps can branch on) beside the human message.
"""

from __future__ import annotations

from typing import Annotated, Any, Union

import strawberry
from strawberry.types.field import StrawberryField

from resolvers.health import RETRY_AFTER_SECONDS, is_outage, note_outage
from schema.guard import UNAVAILABLE_MESSAGE, mark_unavailable
from workflow.errors import ErrorCode, WorkflowError

strawberry.enum(ErrorCode, description="Machine-readable reason of a refusal.")


@strawberry.interface(description="A refusal the client is expected to handle.")
class Error:
    message: str
    code: ErrorCode


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


@strawberry.type(
    description="Too many attempts (logins, codes) from this account, phone, address or "
    "client; wait `retryAfterSeconds` and retry."
)
class TooManyAttempts(Error):
    retry_after_seconds: int


@strawberry.type
class FieldError:
    field: str
    message: str


@strawberry.type(
    description="The input is invalid; `field` names the first bad field, `fields` all of them."
)
class InvalidField(Error):
    field: str
    fields: list[FieldError]


@strawberry.type(
    description="The service cannot answer right now (its database is away): resend after "
    "`retryAfterSeconds`; nothing was written."
)
class Unavailable(Error):
    retry_after_seconds: int


ERROR_TYPES: tuple[type, ...] = (
    Unauthenticated,
    NotAllowed,
    NotFound,
    WrongState,
    StaleVersion,
    InvalidField,
    TooManyAttempts,
    Unavailable,
)

_BY_CODE: dict[ErrorCode, type] = {
    ErrorCode.UNAUTHENTICATED: Unauthenticated,
    ErrorCode.NOT_ALLOWED: NotAllowed,
    ErrorCode.NOT_FOUND: NotFound,
    ErrorCode.WRONG_STATE: WrongState,
    ErrorCode.STALE_VERSION: StaleVersion,
}


def to_error(exc: WorkflowError) -> Error:
    cls = _BY_CODE.get(exc.code)
    if exc.code is ErrorCode.TOO_MANY_ATTEMPTS:
        return TooManyAttempts(
            message=exc.message, code=exc.code, retry_after_seconds=exc.retry_after or 1
        )
    if cls is None:  # INVALID_FIELD and CALENDAR_UNKNOWN: bad input, with its field
        field = exc.field or "input"
        every = exc.fields or [(field, exc.message)]
        return InvalidField(
            message=exc.message,
            code=exc.code,
            field=field,
            fields=[FieldError(field=f, message=m) for f, m in every],
        )
    error: Error = cls(message=exc.message, code=exc.code)
    return error


class WorkflowErrorHandler(strawberry.ExceptionHandler[WorkflowError, NotAllowed]):
    """Applies to every field whose result union has the refusal types (all mutations)."""

    def handle(
        self, exception: WorkflowError, *, field: StrawberryField, info: strawberry.Info
    ) -> Any:
        return to_error(exception)


class OutageHandler(strawberry.ExceptionHandler[Exception, Unavailable]):
    """A database outage met by a mutation: a typed `Unavailable` (and HTTP 503 with
    `Retry-After`), so that clients resend later. Any other exception is declined and stays
    an (masked) error."""

    def handle(
        self, exception: Exception, *, field: StrawberryField, info: strawberry.Info
    ) -> Any:
        if not is_outage(exception):
            return None
        note_outage(exception)
        mark_unavailable(info.context)
        return Unavailable(
            message=UNAVAILABLE_MESSAGE,
            code=ErrorCode.UNAVAILABLE,
            retry_after_seconds=RETRY_AFTER_SECONDS,
        )


def result(name: str, *successes: type) -> Any:
    """The union `name` of a mutation: its success type(s) and every expected refusal."""
    members = (*successes, *ERROR_TYPES)
    return Annotated[Union[members], strawberry.union(name)]  # noqa: UP007
