"""Indexes for the list's street, community, channel and urged filters (issue 11's combined
filters), so that a filter matching few petitions never walks a whole scope at a million rows.
The urged one is partial: few petitions are ever urged."""

from tortoise import migrations
from tortoise.indexes import Index
from tortoise.migrations import operations as ops


class Migration(migrations.Migration):
    dependencies = [("models", "0023_cmd")]

    initial = False

    operations = [
        ops.AddIndex(
            model_name="Petition",
            index=Index(fields=["street_id", "id"], name="petition_street_newest"),
        ),
        ops.AddIndex(
            model_name="Petition",
            index=Index(fields=["community_id", "id"], name="petition_community_newest"),
        ),
        ops.AddIndex(
            model_name="Petition",
            index=Index(fields=["channel", "id"], name="petition_channel_newest"),
        ),
        ops.AddIndex(
            model_name="Petition",
            index=Index(
                fields=["district_id", "channel", "id"], name="petition_district_channel"
            ),
        ),
        ops.RunSQL(
            ["CREATE INDEX petition_urged ON petition (id) WHERE urge_count > 0"],
            reverse_sql=["DROP INDEX petition_urged"],
        ),
    ]
