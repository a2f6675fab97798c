"""graphql-core's executor with two shortcuts, for list pages.

Most fields of a page are leaves that copy an attribute of their row (id, trackingCode, state,
a unit's name). graphql-core gives each of them the full treatment: a path, a resolve-info
tuple, the argument check, the resolver call through strawberry's wrapper and the leaf
completion. `LeanExecutionContext` reads such a field straight off its source and serialises
it; anything out of the ordinary (a null where the schema forbids one, a value the scalar
refuses, an awaitable) goes through graphql-core's own `execute_field`, so that errors and
their paths are graphql-core's. `lean_resolvers` calls a resolver that takes only its object
(and info) directly, instead of through strawberry's argument conversion and extension chain.
tests/schema/test_lean_execution.py compares both with the schema left as strawberry builds it.
"""

from __future__ import annotations

import inspect
from typing import Any, cast

from graphql import (
    GraphQLEnumType,
    GraphQLField,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLScalarType,
    GraphQLUnionType,
    get_named_type,
)
from graphql.pyutils import Path, Undefined, gather_with_cancel
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext
from strawberry.schema.schema_converter import GraphQLCoreConverter

# A leaf's plan: (its basic resolver, its scalar or enum type, whether null is allowed),
# or None for a field that takes the ordinary path. Kept on the GraphQLField itself (a dict
# keyed by field would keep every schema a test process builds alive).
_Plan = tuple[Any, GraphQLScalarType | GraphQLEnumType, bool] | None
_PLAN_ATTRIBUTE = "_qingsu_leaf_plan"
_UNPLANNED = object()


def _plan(field_def: GraphQLField) -> _Plan:
    found = getattr(field_def, _PLAN_ATTRIBUTE, _UNPLANNED)
    if found is not _UNPLANNED:
        return cast(_Plan, found)
    plan: _Plan = None
    resolve = field_def.resolve
    # Strawberry marks the resolver of a field that only reads an attribute (no resolver
    # function, no field extensions, no exception handler) with `_is_default`.
    if resolve is not None and getattr(resolve, "_is_default", False) and not field_def.args:
        kind = field_def.type
        nullable = not isinstance(kind, GraphQLNonNull)
        leaf = kind.of_type if isinstance(kind, GraphQLNonNull) else kind
        if isinstance(leaf, GraphQLScalarType | GraphQLEnumType):
            plan = (resolve, leaf, nullable)
    setattr(field_def, _PLAN_ATTRIBUTE, plan)
    return plan


def _has_middleware(executor: Any) -> bool:
    # Strawberry hands every request a manager, empty unless an extension resolves fields.
    manager = executor.middleware_manager
    return manager is not None and bool(manager.middlewares)


# What `_leaf` answers when a field must take graphql-core's own path.
_ORDINARY = object()


def _leaf(plan: tuple[Any, GraphQLScalarType | GraphQLEnumType, bool], source: Any) -> Any:
    """The serialised value of a planned leaf, or _ORDINARY for anything out of the ordinary
    (graphql-core then reads it again and reports it with its path)."""
    resolve, leaf, nullable = plan
    try:
        value = resolve(source, None)
    except Exception:  # noqa: BLE001 - reported by graphql-core's path
        return _ORDINARY
    if value is None:
        return None if nullable else _ORDINARY
    try:
        serialized = leaf.coerce_output_value(value)
    except Exception:  # noqa: BLE001 - reported by graphql-core's path
        return _ORDINARY
    if serialized is Undefined or serialized is None:
        return _ORDINARY
    return serialized


class LeanExecutionContext(StrawberryGraphQLCoreExecutionContext):
    def execute_fields(
        self,
        parent_type: GraphQLObjectType,
        source_value: Any,
        path: Path | None,
        grouped_field_set: Any,
        position_context: Any,
    ) -> Any:
        """graphql-core's loop over an object's fields, with planned leaves answered inline
        (no path, no resolve info, no call through the executor)."""
        if _has_middleware(self):
            return super().execute_fields(
                parent_type, source_value, path, grouped_field_set, position_context
            )
        results: dict[str, Any] = {}
        awaiting: list[str] = []
        get_field = self.schema.get_field
        try:
            for name, details in grouped_field_set.items():
                node = details[0].node
                field_def = get_field(parent_type, node.name.value)
                if field_def is not None and not node.arguments:
                    plan = _plan(field_def)
                    if plan is not None:
                        value = _leaf(plan, source_value)
                        if value is not _ORDINARY:
                            results[name] = value
                            continue
                result = self.execute_field(
                    parent_type,
                    source_value,
                    details,
                    Path(path, name, parent_type.name),
                    position_context,
                )
                if result is not Undefined:
                    results[name] = result
                    if self.is_awaitable(result):
                        awaiting.append(name)
        except Exception:
            if awaiting:  # let the fields already under way finish (they may fail too)
                self.settle_in_background([results[name] for name in awaiting])
            raise
        if not awaiting:
            return results
        return _completed(results, awaiting)


async def _completed(results: dict[str, Any], awaiting: list[str]) -> dict[str, Any]:
    if len(awaiting) == 1:
        results[awaiting[0]] = await results[awaiting[0]]
    else:
        values = await gather_with_cancel(*(results[name] for name in awaiting))
        results.update(zip(awaiting, values, strict=True))
    return results


def _direct_resolver(field: Any, info_class: type) -> Any:
    """A resolver that calls the field's function with its object and a strawberry Info, or
    None when the field needs strawberry's full path (arguments, field extensions such as
    permissions, a root or parent parameter, a result union that exception handlers serve)."""
    resolver = field.base_resolver
    if (
        resolver is None
        or field.extensions
        or resolver.arguments
        or resolver.self_parameter is None
        or resolver.root_parameter is not None
        or resolver.parent_parameter is not None
        or inspect.isasyncgenfunction(resolver.wrapped_func)
    ):
        return None
    func = resolver.wrapped_func
    params = list(inspect.signature(func).parameters.values())
    info_param = resolver.info_parameter
    if info_param is None:
        if len(params) != 1:
            return None

        def resolve_plain(source: Any, _info: Any) -> Any:
            return func(source)

        return resolve_plain
    if len(params) != 2 or params[1].name != info_param.name:
        return None
    if params[1].kind not in (params[1].POSITIONAL_ONLY, params[1].POSITIONAL_OR_KEYWORD):
        return None

    def resolve(source: Any, info: Any) -> Any:
        return func(source, info_class(_raw_info=info, _field=field))

    return resolve


def lean_resolvers(schema: Any) -> int:
    """Give every field whose resolver takes only its object (and info) a direct call instead
    of strawberry's general wrapper (argument conversion, the extension chain, a partial per
    call); returns how many fields changed. The fields of the root types keep the wrapper."""
    core = schema._schema
    roots = {t.name for t in (core.query_type, core.mutation_type, core.subscription_type) if t}
    changed = 0
    for gql_type in core.type_map.values():
        if not isinstance(gql_type, GraphQLObjectType) or gql_type.name in roots:
            continue
        if gql_type.name.startswith("__"):
            continue
        for gql_field in gql_type.fields.values():
            if isinstance(get_named_type(gql_field.type), GraphQLUnionType):
                continue  # a result union: strawberry's exception handlers may apply
            field = gql_field.extensions.get(GraphQLCoreConverter.DEFINITION_BACKREF)
            direct = _direct_resolver(field, schema.config.info_class) if field else None
            if direct is not None:
                gql_field.resolve = direct
                changed += 1
    return changed
