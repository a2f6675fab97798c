"""What a query may cost before it runs: a validation rule, computed from the document alone.

Depth, alias and token limits do not bound work: thirty aliases of one nested list passed all
three and returned 17.5 MB. Here every field that returns an object costs 1, leaves cost
nothing, and a list multiplies the cost of what is selected inside it by how many items it
may return: its `first` argument (a variable counts as the largest page), the argument's
default, or an estimate for lists without pages. Fragments are counted where they are spread,
so aliases and fragments multiply exactly like the response they produce.

The rule depends on the document only (never on variables' values), so the validation cache
may keep its verdict.
"""

from __future__ import annotations

from typing import Any

from graphql import (
    FieldNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLNamedType,
    InlineFragmentNode,
    IntValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    ValidationContext,
    ValidationRule,
    VariableNode,
    get_named_type,
    get_nullable_type,
    is_composite_type,
    is_list_type,
)
from graphql.language import OperationType

# Reference lists without cursors: a hard cap on how many rows one call returns (`first`
# defaults to it and cannot exceed it). The query fields apply these very numbers.
LIST_CAPS: dict[str, int] = {
    "Query.units": 1000,
    "Query.topics": 200,
    "Query.dutyItems": 500,
}
# Lists whose usual length is known to be small; every connection's `edges` and `nodes` count
# 1, as their page size is counted on the connection field itself (see _factor).
LIST_ESTIMATES: dict[str, int] = {
    # A petitioner's own photos and the sent replies' documents: a handful per petition.
    "PetitionerView.attachments": 3,
}
CONNECTION_LISTS = frozenset({"edges", "nodes"})
# Any other list (a petition's replies, timeline, assignments; a user's grants).
DEFAULT_LIST_ESTIMATE = 10

TOO_COSTLY = "QUERY_TOO_COSTLY"


def _page_size(field: FieldNode, arg_default: Any, page_max: int) -> int | None:
    for arg in field.arguments or ():
        if arg.name.value != "first":
            continue
        if isinstance(arg.value, IntValueNode):
            return max(0, min(int(arg.value.value), page_max))
        if isinstance(arg.value, VariableNode):
            return page_max
    if isinstance(arg_default, int):
        return min(arg_default, page_max)
    return None


def build_cost_rule(max_cost: int, page_max: int) -> type[ValidationRule]:
    """Built once per schema: a fresh class per request would defeat the validation cache."""

    class QueryCostRule(ValidationRule):
        def __init__(self, context: ValidationContext) -> None:
            super().__init__(context)

        def enter_operation_definition(self, node: OperationDefinitionNode, *_: Any) -> None:
            schema = self.context.schema
            root = {
                OperationType.QUERY: schema.query_type,
                OperationType.MUTATION: schema.mutation_type,
                OperationType.SUBSCRIPTION: schema.subscription_type,
            }[node.operation]
            if root is None:
                return
            cost = self._cost(root, node.selection_set, set())
            if cost > max_cost:
                self.report_error(
                    GraphQLError(
                        f"查询代价 {cost} 超过上限 {max_cost}：请减少别名、嵌套或每页条数",
                        node,
                        extensions={"code": TOO_COSTLY, "cost": cost, "maxCost": max_cost},
                    )
                )

        def _cost(
            self, parent: GraphQLNamedType, selections: SelectionSetNode, seen: set[str]
        ) -> int:
            total = 0
            for sel in selections.selections:
                if isinstance(sel, FieldNode):
                    total += self._field_cost(parent, sel, seen)
                elif isinstance(sel, InlineFragmentNode):
                    cond = sel.type_condition
                    target = self.context.schema.get_type(cond.name.value) if cond else parent
                    if target is not None:
                        total += self._cost(target, sel.selection_set, seen)
                elif isinstance(sel, FragmentSpreadNode):
                    name = sel.name.value
                    fragment = self.context.get_fragment(name)
                    if fragment is None or name in seen:  # other rules report these
                        continue
                    target = self.context.schema.get_type(fragment.type_condition.name.value)
                    if target is not None:
                        total += self._cost(target, fragment.selection_set, seen | {name})
            return total

        def _field_cost(self, parent: GraphQLNamedType, node: FieldNode, seen: set[str]) -> int:
            fields = getattr(parent, "fields", None)
            definition = fields.get(node.name.value) if fields else None
            if definition is None:  # __typename, introspection, unknown fields
                return 0
            named = get_named_type(definition.type)
            if not is_composite_type(named):
                return 0
            inner = self._cost(named, node.selection_set, seen) if node.selection_set else 0
            first = definition.args.get("first")
            key = f"{parent.name}.{node.name.value}"
            cap = LIST_CAPS.get(key, page_max)
            page = _page_size(node, first.default_value if first else None, cap)
            if page is not None:
                factor = page
            elif parent.name.endswith("Connection") and node.name.value in CONNECTION_LISTS:
                factor = 1
            elif is_list_type(get_nullable_type(definition.type)):  # type: ignore[arg-type]
                factor = LIST_ESTIMATES.get(key, DEFAULT_LIST_ESTIMATE)
            else:
                factor = 1
            return factor * (1 + inner)

    return QueryCostRule
