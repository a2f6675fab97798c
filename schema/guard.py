"""The endpoint's guard rails, as schema extensions: what a document may ask, who may see the
schema, and what the client learns when something fails.

Validation rules (depth, aliases, cost) are built once per schema and shared by every request:
a rule class built per request would change the validation cache's key and the cache would
never hit. Introspection is refused to anonymous callers unless the deployment allows it, and
for them error messages carry no "Did you mean …" hints, which would spell the schema out
field by field.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterator
from enum import StrEnum
from functools import lru_cache
from typing import Any

from graphql import ExecutionResult as GraphQLExecutionResult
from graphql import GraphQLError, GraphQLSchema, validate
from graphql.language import (
    DocumentNode,
    FieldNode,
    FragmentSpreadNode,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
)
from graphql.validation import (
    ASTValidationRule,
    NoSchemaIntrospectionCustomRule,
    ValidationContext,
    ValidationRule,
)
from strawberry.extensions import MaxAliasesLimiter, QueryDepthLimiter, SchemaExtension
from strawberry.schema.validation_rules.maybe_null import MaybeNullValidationRule
from strawberry.schema.validation_rules.one_of import OneOfInputValidationRule
from strawberry.types.execution import ExecutionResult as StrawberryExecutionResult

import settings
from resolvers.health import RETRY_AFTER_SECONDS, is_outage, note_outage
from schema.cost import build_cost_rule
from workflow.errors import PASSWORD_CHANGE_MESSAGE, WorkflowError

log = logging.getLogger("qingsu.graphql")

MASKED = "服务器内部错误"
UNAVAILABLE_MESSAGE = "数据库暂时不可用，请稍后重试"
_SUGGESTION = re.compile(r"\s*Did you mean [^?]*\?")


class Introspection(StrEnum):
    ALL = "all"  # anyone, signed in or not
    STAFF = "staff"  # signed-in staff and API keys (the default)
    NONE = "none"


def introspection_policy(value: bool | str | None) -> Introspection:
    if value is None:
        value = settings.GRAPHQL_INTROSPECTION
    if isinstance(value, bool):
        return Introspection.ALL if value else Introspection.NONE
    text = value.strip().lower()
    if text in ("true", "1", "on", "yes"):  # the setting used to be a boolean
        return Introspection.ALL
    if text in ("false", "0", "off", "no"):
        return Introspection.NONE
    return Introspection(text)


@lru_cache(maxsize=512)
def _validate(
    schema: GraphQLSchema,
    document: DocumentNode,
    rules: tuple[type[ASTValidationRule], ...],
    hide_suggestions: bool,
) -> list[GraphQLError]:
    """Shared by all requests; keyed by the parsed document, which the parser cache reuses."""
    return validate(
        schema,
        document,
        (*rules, MaybeNullValidationRule, OneOfInputValidationRule),
        hide_suggestions=hide_suggestions,
    )


def guarded_validation(introspection: Introspection) -> Callable[[], SchemaExtension]:
    """A factory of the per-request extension, its rules built now, once."""
    limits: tuple[type[ASTValidationRule], ...] = (
        *QueryDepthLimiter(max_depth=settings.GRAPHQL_MAX_DEPTH).validation_rules,
        *MaxAliasesLimiter(max_alias_count=settings.GRAPHQL_MAX_ALIASES).validation_rules,
        build_cost_rule(settings.GRAPHQL_MAX_COST, settings.PAGE_SIZE_MAX),
    )

    class GuardedValidation(SchemaExtension):
        def on_validate(self) -> Iterator[None]:
            ctx = self.execution_context
            shown = schema_shown(ctx.context, introspection)
            rules = (*ctx.validation_rules, *limits)
            if not shown:
                rules = (*rules, NoSchemaIntrospectionCustomRule)
            if password_change_pending(ctx.context):
                rules = (*rules, PasswordChangeOnly)
            assert ctx.graphql_document is not None
            ctx.pre_execution_errors = _validate(
                ctx.schema._schema, ctx.graphql_document, rules, not shown
            )
            yield

    return GuardedValidation


# What a session whose password an admin reset may still ask for.
OPEN_WHILE_PASSWORD_CHANGE = frozenset({"changePassword", "logout", "me", "__typename"})


def password_change_pending(context: Any) -> bool:
    actor = getattr(context, "actor", None)
    return bool(getattr(actor, "must_change_password", False))


def _root_fields(
    selections: SelectionSetNode, context: ValidationContext, seen: set[str]
) -> Iterator[FieldNode]:
    for node in selections.selections:
        if isinstance(node, FieldNode):
            yield node
        elif isinstance(node, InlineFragmentNode):
            yield from _root_fields(node.selection_set, context, seen)
        elif isinstance(node, FragmentSpreadNode) and node.name.value not in seen:
            seen.add(node.name.value)
            fragment = context.get_fragment(node.name.value)
            if fragment is not None:
                yield from _root_fields(fragment.selection_set, context, seen)


class PasswordChangeOnly(ValidationRule):
    """A user whose password an admin reset: the whole document is refused, before anything
    runs, unless it only changes the password, signs out or asks `me`."""

    def enter_operation_definition(self, node: OperationDefinitionNode, *_: Any) -> None:
        for field in _root_fields(node.selection_set, self.context, set()):
            if field.name.value not in OPEN_WHILE_PASSWORD_CHANGE:
                self.report_error(
                    GraphQLError(
                        PASSWORD_CHANGE_MESSAGE,
                        field,
                        extensions={"code": "PASSWORD_CHANGE_REQUIRED"},
                    )
                )
                return


def schema_shown(context: Any, introspection: Introspection) -> bool:
    if introspection is Introspection.ALL:
        return True
    if introspection is Introspection.NONE:
        return False
    return getattr(context, "actor", None) is not None


def _unavailable(error: GraphQLError) -> GraphQLError:
    return GraphQLError(
        UNAVAILABLE_MESSAGE,
        nodes=error.nodes,
        path=error.path,
        extensions={"code": "UNAVAILABLE", "retryAfterSeconds": RETRY_AFTER_SECONDS},
    )


def _masked(error: GraphQLError) -> GraphQLError:
    return GraphQLError(
        MASKED, nodes=error.nodes, path=error.path, extensions={"code": "INTERNAL_ERROR"}
    )


def is_client_error(error: GraphQLError) -> bool:
    original = error.original_error
    return original is None or isinstance(original, GraphQLError | WorkflowError)


class ShapeErrors(SchemaExtension):
    """Unexpected failures are masked; an outage becomes `UNAVAILABLE` with HTTP 503 and
    `Retry-After`; schema hints are dropped where the caller may not see the schema."""

    def __init__(self, introspection: Introspection) -> None:
        self.introspection = introspection

    def on_operation(self) -> Iterator[None]:
        yield
        result = self.execution_context.result
        if not isinstance(result, GraphQLExecutionResult | StrawberryExecutionResult):
            return
        if not result.errors:
            return
        shown = schema_shown(self.execution_context.context, self.introspection)
        shaped: list[GraphQLError] = []
        for error in result.errors:
            if is_outage(error.original_error):
                shaped.append(_unavailable(error))
                mark_unavailable(self.execution_context.context)
            elif not is_client_error(error):
                shaped.append(_masked(error))
            elif not shown and "Did you mean" in error.message:
                shaped.append(
                    GraphQLError(
                        _SUGGESTION.sub("", error.message),
                        nodes=error.nodes,
                        path=error.path,
                        extensions=error.extensions,
                    )
                )
            elif isinstance(error.original_error, WorkflowError):
                shaped.append(_refusal(error, error.original_error))
            else:
                shaped.append(error)
        result.errors = shaped


def _refusal(error: GraphQLError, exc: WorkflowError) -> GraphQLError:
    """A refusal met by a query (which has no result union): the same facts as a mutation's
    typed error, in the error's extensions — `code`, and for bad input `field` (the first bad
    field, as InvalidField names it) and `fields` (all of them)."""
    extensions: dict[str, Any] = {**(error.extensions or {}), "code": exc.code.value}
    if exc.field:
        extensions["field"] = exc.field
        extensions["fields"] = [{"field": f, "message": m} for f, m in exc.fields]
    return GraphQLError(error.message, nodes=error.nodes, path=error.path, extensions=extensions)


def mark_unavailable(context: Any) -> None:
    """Answer this request with 503 and `Retry-After`, whatever its body says."""
    response = getattr(context, "response", None)
    if response is not None:
        response.status_code = 503
        response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)


def log_errors(errors: list[GraphQLError]) -> None:
    """A client's mistake is one line at INFO; an outage is logged once by resolvers.health;
    only what nobody expected gets a traceback."""
    for error in errors:
        original = error.original_error
        if is_outage(original):
            assert original is not None
            note_outage(original)
        elif is_client_error(error):
            log.info("client error: %s", error.message.replace("\n", " ")[:300])
        else:
            log.error("unexpected error: %s", error.message, exc_info=original)
