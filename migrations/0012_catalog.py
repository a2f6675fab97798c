from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise import fields


class Migration(migrations.Migration):
    dependencies = [("models", "0011_search")]

    initial = False

    operations = [
        ops.CreateModel(
            name="CatalogVersion",
            fields=[
                (
                    "id",
                    fields.IntField(generated=True, primary_key=True, unique=True, db_index=True),
                ),
                ("version", fields.IntField(default=0)),
            ],
            options={
                "table": "catalog_version",
                "app": "models",
                "pk_attr": "id",
                "table_description": "One row, bumped by every admin change to units or topics.",
            },
            bases=["Model"],
        ),
        ops.AlterModelOptions(
            name="PetitionSearch",
            options={
                "table": "petition_search",
                "app": "models",
                "pk_attr": "petition_id",
                "table_description": "One row per petition: its title, content and address segmented into words.",
            },
        ),
    ]
