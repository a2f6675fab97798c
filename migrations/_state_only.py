"""Operations that change the migration state but not the database.

Tortoise writes an enum's members into the column's description, so adding a member to an
enum yields an AlterField whose only database effect would be a table rebuild on SQLite (which
also drops indexes). The column itself (a VARCHAR) does not change, so these skip the database.
"""

from tortoise.migrations import operations as ops


class StateOnlyAlterField(ops.AlterField):
    async def database_forward(self, *args, **kwargs):
        return None

    async def database_backward(self, *args, **kwargs):
        return None


class ForgetConstraint(ops.RemoveConstraint):
    """A constraint left in the database because a stricter one now implies it."""

    async def database_forward(self, *args, **kwargs):
        return None

    async def database_backward(self, *args, **kwargs):
        return None
