"""The GraphQL schema: strawberry types over resolvers/. Printed to schema/schema.graphql."""

from __future__ import annotations

from typing import Any

import strawberry
from graphql import GraphQLError
from strawberry.extensions import MaxTokensLimiter, ParserCache
from strawberry.tools import merge_types
from strawberry.types import ExecutionContext

import settings
from schema.account import AccountMutation
from schema.attachments import Mutation as AttachmentMutation
from schema.attachments import Query as AttachmentQuery
from schema.batch import BatchMutation
from schema.campaigns import CampaignMutation, CampaignQuery
from schema.command import CommandMutation, CommandQuery
from schema.duplicates import DuplicatesQuery
from schema.duty import DutyQuery
from schema.duty_lists import DutyListMutation, DutyListQuery
from schema.errors import OutageHandler, WorkflowErrorHandler
from schema.execution import LeanExecutionContext, lean_resolvers
from schema.guard import ShapeErrors, guarded_validation, introspection_policy, log_errors
from schema.mutations import Mutation as PetitionMutation
from schema.notifications import Mutation as NotificationMutation
from schema.notifications import Query as NotificationQuery
from schema.petitioner_mutations import PetitionerMutation
from schema.queries import Query as PetitionQuery
from schema.referrals import ReferralMutation, ReferralQuery
from schema.reply_aids import ReplyAidsMutation, ReplyAidsQuery
from schema.returns import ReturnsQuery
from schema.stats import Query as StatsQuery
from schema.stats import RankingQuery

# Each area of the API keeps its own Query/Mutation classes in its own module; the schema is
# their union. Add an area by appending its classes here.
QUERIES: tuple[type, ...] = (
    PetitionQuery,
    ReplyAidsQuery,
    ReferralQuery,
    AttachmentQuery,
    CampaignQuery,
    ReturnsQuery,
    DutyQuery,
    DutyListQuery,
    DuplicatesQuery,
    StatsQuery,
    RankingQuery,
    CommandQuery,
    NotificationQuery,
)
MUTATIONS: tuple[type, ...] = (
    PetitionMutation,
    BatchMutation,
    ReplyAidsMutation,
    ReferralMutation,
    PetitionerMutation,
    AttachmentMutation,
    CampaignMutation,
    DutyListMutation,
    NotificationMutation,
    AccountMutation,
    CommandMutation,
)


class Schema(strawberry.Schema):
    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        log_errors(errors)


def build_schema(introspection: bool | str | None = None, lean: bool = True) -> strawberry.Schema:
    """`introspection`: True (anyone), False (no one), "staff" (signed-in staff and keys);
    None reads the setting. `lean` (the default) takes schema.execution's shortcuts; without
    them, the schema is strawberry's and graphql-core's own (the tests compare the two)."""
    policy = introspection_policy(introspection)
    # Factories, not instances: each request gets fresh extensions. The validation rules
    # inside `guarded_validation` are built here once and shared.
    extensions: list[Any] = [
        lambda: ParserCache(maxsize=256),
        guarded_validation(policy),
        lambda: MaxTokensLimiter(max_token_count=settings.GRAPHQL_MAX_TOKENS),
        lambda: ShapeErrors(policy),
    ]
    schema = Schema(
        query=merge_types("Query", QUERIES),
        mutation=merge_types("Mutation", MUTATIONS),
        extensions=extensions,
        exception_handlers=[WorkflowErrorHandler(), OutageHandler()],
        execution_context_class=LeanExecutionContext if lean else None,
    )
    if lean:
        lean_resolvers(schema)
    return schema
