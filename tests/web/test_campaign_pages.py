"""The public campaign pages: open to anyone, free of personal data; upkeep stays with staff."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from models import User
from resolvers.campaign_edits import add_campaign_task, add_milestone, create_campaign
from resolvers.campaign_edits import record_progress as record
from tests.factories import T0, submit
from tests.web.conftest import Web
from workflow.enums import Role

YEAR = T0.year


async def _seed(web: Web) -> int:
    city = web.city
    admin = city.actor(
        "QD",
        Role.ADMIN,
        user_id=(
            await User.create(username="recorder", display_name="王录入员", password_hash="x")
        ).id,
    )
    await create_campaign(admin, YEAR, f"{YEAR}年民生领域集中攻坚行动", "七个领域", T0)
    assert city.topic is not None
    task = await add_campaign_task(
        admin,
        YEAR,
        "市容环境",
        "农村环卫",
        "垃圾日产日清",
        city.id("QD-CG"),
        [city.id("QD-SCJG")],
        [city.topic.id],
        T0,
    )
    await add_milestone(admin, task.id, "摸底排查", date(YEAR, 3, 1), 20)
    await record(admin, task.id, 15, "完成摸底", date(YEAR, 3, 10), T0)
    for i in range(3):
        await submit(
            city,
            now=T0 - timedelta(days=40 * i),
            petitioner_name=f"李秘密{i}",
            petitioner_phone=f"1390000000{i}",
            address="秘密路 8 号",
        )
    return task.id


async def test_the_campaign_pages_are_readable_without_signing_in(web: Web) -> None:
    await _seed(web)
    anonymous = web.browser()
    listing = await anonymous.client.get("/campaigns")
    assert listing.status_code == 200
    assert f'href="/campaigns/{YEAR}"' in listing.text
    page = await anonymous.client.get(f"/campaigns/{YEAR}")
    assert page.status_code == 200
    html = page.text
    for shown in (
        "农村环卫",
        "垃圾日产日清",
        "市城市管理局（牵头）",
        "市市场监管局",
        "计划 20%",
        "实际 15%",
        "滞后于计划",
        "完成摸底",
        "摸底排查",
    ):
        assert shown in html, shown
    # The trend table: the three petitions fell in three different months.
    assert html.count('<td class="text-end">1</td>') == 3
    assert "qingsu_csrf" not in page.headers.get("set-cookie", "")
    assert (await anonymous.client.get("/campaigns/1999")).status_code == 404


async def test_the_public_pages_show_no_personal_data(web: Web) -> None:
    await _seed(web)
    html = (await web.browser().client.get(f"/campaigns/{YEAR}")).text
    graphql = (await web.browser().client.post("/graphql", json={"query": CAMPAIGN})).text
    for secret in ("李秘密", "1390000000", "秘密路", "王录入员", "recorder", "SN2023"):
        assert secret not in html, secret
        assert secret not in graphql, secret


@pytest.mark.parametrize(
    "url",
    ["/", "/campaigns/manage", "/campaigns/candidates", f"/campaigns/{YEAR}/manage", "/admin"],
)
async def test_every_other_page_still_needs_a_login(web: Web, url: str) -> None:
    await _seed(web)
    resp = await web.browser().client.get(url)
    assert resp.status_code == 303 and resp.headers["location"].startswith("/login")


async def test_a_form_post_to_the_campaign_still_needs_the_csrf_token(web: Web) -> None:
    task_id = await _seed(web)
    b = await web.signed_in("qd.sup", ("QD", Role.SUPERVISOR))
    form = {"form": "progress", "percent": "30", "note": "x", "reported_on": T0.date().isoformat()}
    resp = await b.post(f"/campaigns/{YEAR}/tasks/{task_id}", form, csrf=False)
    assert resp.status_code == 403


async def test_a_city_supervisor_reports_progress_and_the_public_sees_it(web: Web) -> None:
    task_id = await _seed(web)
    b = await web.signed_in("qd.sup", ("QD", Role.SUPERVISOR))
    assert "攻坚行动" in (await b.get("/")).text
    page = await b.get(f"/campaigns/{YEAR}/manage")
    assert page.status_code == 200 and "填报进展" in page.text
    url = f"/campaigns/{YEAR}/tasks/{task_id}"
    bad = await b.post(url, {"form": "progress", "percent": "130", "note": "超额"})
    assert bad.status_code == 422 and "进度应在 0 到 100 之间" in bad.text
    ok = await b.post(
        url,
        {
            "form": "progress",
            "percent": "35",
            "note": "集中整治开始",
            "reported_on": T0.date().isoformat(),
        },
    )
    assert ok.status_code == 303
    done = await b.post(url, {"form": "results", "results": "清理垃圾 300 吨"})
    assert done.status_code == 303
    public = (await web.browser().client.get(f"/campaigns/{YEAR}")).text
    assert "实际 35%" in public and "集中整治开始" in public and "清理垃圾 300 吨" in public


async def test_a_district_admin_may_not_change_the_campaign(web: Web) -> None:
    task_id = await _seed(web)
    b = await web.signed_in("sn.admin", ("SN", Role.ADMIN))
    assert "攻坚行动" not in (await b.get("/")).text
    resp = await b.post(f"/campaigns/{YEAR}/tasks/{task_id}", {"form": "results", "results": "x"})
    assert resp.status_code == 403
    assert (await b.get("/campaigns/candidates")).status_code == 403


async def test_city_staff_see_the_candidate_list(web: Web) -> None:
    await _seed(web)
    b = await web.signed_in("qd.sup", ("QD", Role.SUPERVISOR))
    page = await b.get("/campaigns/candidates")
    assert page.status_code == 200 and "垃圾清运" in page.text


CAMPAIGN = (
    """{ campaigns { year title tasks }
  campaign(year: %d) { title areas { name tasks { title goal results plannedPercent actualPercent
    status responsibleUnits { name lead } topics milestones { title dueOn plannedPercent doneOn }
    progress { reportedOn percent note } trend { month petitions } } } } }"""
    % YEAR
)


async def test_graphql_serves_the_campaign_to_anyone_and_refuses_changes_without_login(
    web: Web,
) -> None:
    task_id = await _seed(web)
    client = web.browser().client
    body = (await client.post("/graphql", json={"query": CAMPAIGN})).json()
    assert "errors" not in body, body
    (task,) = body["data"]["campaign"]["areas"][0]["tasks"]
    assert (task["plannedPercent"], task["actualPercent"], task["status"]) == (20, 15, "BEHIND")
    assert sum(v["petitions"] for v in task["trend"]) == 3
    mutation = """mutation($id: ID!) { recordCampaignProgress(input: {taskId: $id, percent: 50,
      note: "x"}) { __typename ... on Error { code } } }"""
    body = await client.post("/graphql", json={"query": mutation, "variables": {"id": task_id}})
    assert body.json()["data"]["recordCampaignProgress"]["__typename"] == "Unauthenticated"
    candidates = await client.post("/graphql", json={"query": "{ campaignCandidates { topic } }"})
    assert candidates.json()["errors"][0]["message"].startswith("请先登录")


async def test_city_staff_maintain_the_campaign_through_graphql(web: Web) -> None:
    task_id = await _seed(web)
    b = await web.signed_in("qd.admin", ("QD", Role.ADMIN))
    mutation = (
        """mutation($id: ID!) {
      p: recordCampaignProgress(input: {taskId: $id, percent: 120, note: "x"}) {
        __typename ... on InvalidField { field } }
      q: recordCampaignProgress(input: {taskId: $id, percent: 40, note: "推进中"}) {
        __typename ... on CampaignTaskSuccess { taskId } }
      r: addCampaignMilestone(input: {taskId: $id, title: "集中整治", dueOn: "%d-06-30",
        plannedPercent: 60}) { __typename }
      s: updateCampaignTask(input: {id: $id, results: "阶段成果"}) { __typename } }"""
        % YEAR
    )
    # A browser session on GraphQL sends the CSRF token like the pages do.
    resp = await b.client.post(
        "/graphql",
        json={"query": mutation, "variables": {"id": task_id}},
        headers={"X-CSRF-Token": b.csrf},
    )
    data = resp.json()["data"]
    assert data["p"] == {"__typename": "InvalidField", "field": "percent"}
    assert data["q"] == {"__typename": "CampaignTaskSuccess", "taskId": str(task_id)}
    assert data["r"]["__typename"] == data["s"]["__typename"] == "CampaignTaskSuccess"
    sn = await web.signed_in("sn.admin", ("SN", Role.ADMIN))
    resp = await sn.client.post(
        "/graphql",
        json={"query": mutation, "variables": {"id": task_id}},
        headers={"X-CSRF-Token": sn.csrf},
    )
    assert resp.json()["data"]["q"]["__typename"] == "NotAllowed"


def _echarts_versions() -> tuple[str, str]:
    import json
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    pinned = json.loads((root / "package.json").read_text())["dependencies"]["echarts"]
    lock = json.loads((root / "package-lock.json").read_text())
    return pinned, lock["packages"]["node_modules/echarts"]["version"]


async def test_echarts_is_served_by_the_app_at_the_pinned_version(web: Web) -> None:
    resp = await web.browser().client.get("/static/vendor/echarts.min.js")
    assert resp.status_code == 200 and "echarts" in resp.text[:5000]
    assert _echarts_versions() == ("6.1.0", "6.1.0")
    assert (await web.browser().client.get("/static/charts.js")).status_code == 200
