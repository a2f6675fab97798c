"""The GraphQL schema: strawberry types over resolvers/. Printed to schema/schema.graphql."""

from __future__ import annotations

from typing import Any

import strawberry
from graphql import GraphQLError
from strawberry.extensions import (
    AddValidationRules,
    DisableIntrospection,
    MaskErrors,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    ParserCache,
    QueryDepthLimiter,
    ValidationCache,
)
from strawberry.tools import merge_types

import settings
from schema.batch import BatchMutation
from schema.errors import WorkflowErrorHandler
from schema.mutations import Mutation as PetitionMutation
from schema.queries import Query as PetitionQuery
from schema.referrals import ReferralMutation, ReferralQuery
from schema.reply_aids import ReplyAidsMutation, ReplyAidsQuery
from workflow.errors import WorkflowError

# Each area of the API keeps its own Query/Mutation classes in its own module; the schema is
# their union. Add an area by appending its classes here.
QUERIES: tuple[type, ...] = (PetitionQuery, ReplyAidsQuery, ReferralQuery)
MUTATIONS: tuple[type, ...] = (
    PetitionMutation,
    BatchMutation,
    ReplyAidsMutation,
    ReferralMutation,
)


def _mask(error: GraphQLError) -> bool:
    """Mask what the server did not expect; keep the client's own mistakes readable."""
    original = error.original_error
    if original is None or isinstance(original, GraphQLError):
        return False
    return not isinstance(original, WorkflowError)


def build_schema(introspection: bool | None = None) -> strawberry.Schema:
    allow = settings.GRAPHQL_INTROSPECTION if introspection is None else introspection
    # The limiters' rule classes are built once: strawberry's limiters make a new class in
    # each __init__, and a new class per request changes the ValidationCache's key, so it
    # would never hit (1.5–1.9 ms of full validation on every request).
    limits = [
        *QueryDepthLimiter(max_depth=settings.GRAPHQL_MAX_DEPTH).validation_rules,
        *MaxAliasesLimiter(max_alias_count=settings.GRAPHQL_MAX_ALIASES).validation_rules,
    ]
    # Factories, not instances: each request gets fresh extensions (the caches themselves
    # are shared module-wide by strawberry).
    extensions: list[Any] = [
        lambda: ParserCache(maxsize=256),
        lambda: ValidationCache(maxsize=256),
        lambda: AddValidationRules(limits),
        lambda: MaxTokensLimiter(max_token_count=settings.GRAPHQL_MAX_TOKENS),
        lambda: MaskErrors(should_mask_error=_mask, error_message="服务器内部错误"),
    ]
    if not allow:
        extensions.append(DisableIntrospection)
    return strawberry.Schema(
        query=merge_types("Query", QUERIES),
        mutation=merge_types("Mutation", MUTATIONS),
        extensions=extensions,
        exception_handlers=[WorkflowErrorHandler()],
    )
