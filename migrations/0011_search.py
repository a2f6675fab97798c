"""Full-text search: the words of each petition, and indexes for codes and phones.

PostgreSQL: a GIN index on the tsvector; prefix and tail indexes on tracking codes.
SQLite: an FTS5 table kept in step with petition_search by triggers.
"""

from tortoise import migrations
from tortoise.migrations import operations as ops
from models.search import SearchTokensField
from tortoise.fields.base import OnDelete
from tortoise import fields
from tortoise.indexes import Index

_POSTGRES = [
    # fastupdate off: a pending list would be read in full by every search until vacuumed;
    # intake writes a few rows a second at most, so each pays its own index update.
    "CREATE INDEX petition_search_tokens ON petition_search USING GIN (tokens) "
    "WITH (fastupdate = off)",
    # A partial code ("SN2023…") or its tail ("…000123"): LIKE 'x%' needs pattern ops.
    "CREATE INDEX petition_code_prefix ON petition (tracking_code varchar_pattern_ops)",
    "CREATE INDEX petition_code_tail ON petition (reverse(tracking_code) text_pattern_ops)",
]
_SQLITE = [
    "CREATE VIRTUAL TABLE petition_fts USING fts5(tokens, tokenize = 'unicode61')",
    "CREATE TRIGGER petition_fts_insert AFTER INSERT ON petition_search BEGIN "
    "INSERT INTO petition_fts (rowid, tokens) VALUES (new.petition_id, new.tokens); END",
    "CREATE TRIGGER petition_fts_update AFTER UPDATE ON petition_search BEGIN "
    "UPDATE petition_fts SET tokens = new.tokens WHERE rowid = old.petition_id; END",
    "CREATE TRIGGER petition_fts_delete AFTER DELETE ON petition_search BEGIN "
    "DELETE FROM petition_fts WHERE rowid = old.petition_id; END",
]


async def _search_indexes(apps, schema_editor) -> None:
    postgres = schema_editor.client.capabilities.dialect == "postgres"
    for sql in _POSTGRES if postgres else _SQLITE:
        await schema_editor.client.execute_script(sql)


async def _drop_search_indexes(apps, schema_editor) -> None:
    if schema_editor.client.capabilities.dialect == "postgres":
        names = ["petition_search_tokens", "petition_code_prefix", "petition_code_tail"]
        for name in names:
            await schema_editor.client.execute_script(f"DROP INDEX {name}")
    else:
        for trigger in ("insert", "update", "delete"):
            await schema_editor.client.execute_script(f"DROP TRIGGER petition_fts_{trigger}")
        await schema_editor.client.execute_script("DROP TABLE petition_fts")


class Migration(migrations.Migration):
    dependencies = [("models", "0010_indexes")]

    initial = False

    operations = [
        ops.CreateModel(
            name="PetitionSearch",
            fields=[
                (
                    "petition",
                    fields.OneToOneField(
                        "models.Petition",
                        source_field="petition_id",
                        primary_key=True,
                        db_index=True,
                        db_constraint=True,
                        to_field="id",
                        related_name="search",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                ("tokens", SearchTokensField(generated=False, null=False, unique=False)),
            ],
            options={
                "table": "petition_search",
                "app": "models",
                "pk_attr": "petition_id",
                "table_description": "One row per petition: its title, content and address segmented into words.",
            },
            bases=["Model"],
        ),
        ops.AddIndex(
            model_name="Petition",
            index=Index(fields=["petitioner_phone"], name="petition_phone"),
        ),
        ops.RunPython(_search_indexes, _drop_search_indexes),
    ]
