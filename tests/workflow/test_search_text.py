"""The segmentation rule shared by indexing and querying."""

from __future__ import annotations

from workflow.search_text import QueryKind, document, learn, parse_query


def test_a_document_is_cut_into_words_with_the_parts_of_long_words() -> None:
    doc = document("楼下停车难", "夜间噪音很大！", "")
    assert {"停车", "停车难", "噪音"} <= set(doc.words)
    assert "！" not in doc.words and "" not in doc.words
    assert doc.tsvector().startswith("'楼下':1A")


def test_queries_are_words_codes_tails_or_phones() -> None:
    assert parse_query("噪音").tsquery() == "'噪音'"  # type: ignore[union-attr]
    assert parse_query("ＳＮ２０２３").value == "SN2023"  # type: ignore[union-attr]
    assert parse_query("sn2023").kind is QueryKind.CODE_PREFIX  # type: ignore[union-attr]
    tail = parse_query("000123")
    assert tail is not None and tail.kind is QueryKind.DIGITS and not tail.is_phone
    assert parse_query("138-1234-5678").is_phone  # type: ignore[union-attr]
    assert parse_query("！？ ") is None


def test_a_learned_word_still_matches_petitions_indexed_before_it_was_learned() -> None:
    learn(["青诉测试社区"])
    query = parse_query("青诉测试社区")
    assert query is not None
    ((word, parts),) = query.groups
    assert word == "青诉测试社区" and parts and "".join(parts) == word
    assert query.tsquery().startswith("('青诉测试社区' | (")
    assert "青诉测试社区" in document("青诉测试社区门口积水", "").words
