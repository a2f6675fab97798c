"""Duty lists through GraphQL: edits with history, and an import refused row by row."""

from __future__ import annotations

import base64

from tests.schema.conftest import Api
from workflow.enums import Role

CREATE = """mutation($input: CreateDutyItemInput!) { createDutyItem(input: $input) {
  __typename ... on DutyItemSuccess { item { id title active } }
  ... on InvalidField { field } ... on Error { code } } }"""
HISTORY = """query($id: ID!) { dutyItemHistory(itemId: $id) { kind byName before after } }"""
IMPORT = """mutation($input: ImportDutyListInput!) { importDutyList(input: $input) {
  __typename ... on DutyImportReport { applied badRowCount
    rows { row unitCode change errors { field message } } }
  ... on Error { code } } }"""
FIELDS = {
    "title": "生活垃圾清运监管",
    "description": "监督垃圾及时清运。",
    "legalBasis": "《城市市容和环境卫生管理条例》第二十八条",
    "keywords": ["垃圾", "清运"],
    "topicCode": "SRHJ-01",
    "category": "LIVELIHOOD",
}


async def test_an_admin_creates_an_item_and_its_history_says_who_and_what(api: Api) -> None:
    token = await api.user("SN", Role.ADMIN)
    unit = str(api.city.id("SN-CG"))
    data = await api.gql(CREATE, {"input": {"unitId": unit, "fields": FIELDS}}, token)
    made = data["createDutyItem"]
    assert made["__typename"] == "DutyItemSuccess" and made["item"]["active"] is True
    [change] = (await api.gql(HISTORY, {"id": made["item"]["id"]}, token))["dutyItemHistory"]
    assert change["kind"] == "CREATE" and change["before"] == {}
    assert change["after"]["keywords"] == ["垃圾", "清运"] and change["byName"]
    bad = {**FIELDS, "topicCode": "NOPE-01"}
    data = await api.gql(CREATE, {"input": {"unitId": unit, "fields": bad}}, token)
    assert data["createDutyItem"]["field"] == "topicCode"
    head = await api.user("SN-CG", Role.HEAD)
    data = await api.gql(CREATE, {"input": {"unitId": unit, "fields": FIELDS}}, head)
    assert data["createDutyItem"] == {"__typename": "NotAllowed", "code": "NOT_ALLOWED"}


async def test_an_import_with_a_bad_row_reports_it_and_applies_nothing(api: Api) -> None:
    token = await api.user("SN", Role.ADMIN)
    csv = (
        "unit_code,title,description,legal_basis,keywords,topic_code,category\n"
        "SN-CG,生活垃圾清运监管,监督清运,《条例》,垃圾 清运,SRHJ-01,LIVELIHOOD\n"
        "SN-CG,占道经营查处,查处占道,,占道,SRHJ-01,ENFORCEMENT\n"
    )
    content = base64.b64encode(csv.encode()).decode()
    variables = {
        "input": {
            "unitId": str(api.city.id("SN")),
            "format": "CSV",
            "content": content,
            "dryRun": False,
        }
    }
    report = (await api.gql(IMPORT, variables, token))["importDutyList"]
    assert report["applied"] is False and report["badRowCount"] == 1
    assert report["rows"][0]["change"] == "CREATE"
    assert report["rows"][1]["errors"] == [{"field": "legalBasis", "message": "请填写法律依据"}]
    items = await api.gql('{ searchDutyItems(text: "垃圾") { id } }', None, token)
    assert items["searchDutyItems"] == []
