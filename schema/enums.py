"""The domain enums exposed in GraphQL, named as in DOMAIN.md §1.

The workflow enums themselves are registered, so the API and the rules share one definition.
"""

from __future__ import annotations

import strawberry

from workflow.enums import (
    Action,
    ApiClientKind,
    AssessmentResult,
    AssignmentEnd,
    AssignmentRole,
    Category,
    Channel,
    Closure,
    Complexity,
    ContactMethod,
    Decision,
    EvaluationSource,
    Kind,
    Light,
    PetitionerType,
    ReplyStatus,
    Resolution,
    ReviewStage,
    Role,
    Satisfaction,
    Scope,
    State,
    UnitKind,
)

for _enum in (
    UnitKind,
    Role,
    Scope,
    ApiClientKind,
    PetitionerType,
    Category,
    Kind,
    Complexity,
    Channel,
    State,
    Closure,
    Action,
    AssignmentRole,
    AssignmentEnd,
    ReviewStage,
    Decision,
    ReplyStatus,
    Satisfaction,
    Resolution,
    EvaluationSource,
    AssessmentResult,
    Light,
    ContactMethod,
):
    strawberry.enum(_enum)

__all__ = [
    "UnitKind",
    "Role",
    "Scope",
    "ApiClientKind",
    "PetitionerType",
    "Category",
    "Kind",
    "Complexity",
    "Channel",
    "State",
    "Closure",
    "Action",
    "AssignmentRole",
    "AssignmentEnd",
    "ReviewStage",
    "Decision",
    "ReplyStatus",
    "Satisfaction",
    "Resolution",
    "EvaluationSource",
    "AssessmentResult",
    "Light",
    "ContactMethod",
]
