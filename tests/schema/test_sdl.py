"""The committed SDL is what the code serves: integrators diff it between releases."""

from __future__ import annotations

from cli import SCHEMA_FILE, export_schema


def test_the_committed_schema_file_matches_the_schema_the_code_builds() -> None:
    assert SCHEMA_FILE.read_text(encoding="utf-8") == export_schema(), (
        "schema/schema.graphql drifted: run `qingsu export-schema` and review the diff"
    )
