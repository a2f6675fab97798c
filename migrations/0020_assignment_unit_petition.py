"""A unit's petitions (every petition it was ever assigned) from the index alone, so a
department's "all" list walks the newest petitions instead of fetching each of its thousands."""

from tortoise import migrations
from tortoise.indexes import Index
from tortoise.migrations import operations as ops


class Migration(migrations.Migration):
    dependencies = [("models", "0019_enum_descriptions")]

    initial = False

    operations = [
        ops.AddIndex(
            model_name="Assignment",
            index=Index(fields=["unit_id", "petition_id"], name="assignment_unit_petition"),
        ),
    ]
