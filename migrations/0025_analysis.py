"""Indexes for 数据分析: the month's topic × street pairs counted from an index alone, and a
scope's intake over a period, whatever the key, summed from an index alone."""

from tortoise import migrations
from tortoise.indexes import Index
from tortoise.migrations import operations as ops


class Migration(migrations.Migration):
    dependencies = [("models", "0024_filter_indexes")]

    initial = False

    operations = [
        ops.AddIndex(
            model_name="Petition",
            index=Index(
                fields=["created_at", "district_id", "topic_id", "street_id", "id"],
                name="petition_created_place",
            ),
        ),
        ops.AddIndex(
            model_name="StatDaily",
            index=Index(
                fields=["scope", "day", "district_id", "key", "submitted"],
                name="stat_daily_scope_day",
            ),
        ),
    ]
