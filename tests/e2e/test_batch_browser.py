"""Routine work in few interactions: a district dispatcher sends ten petitions to one unit from
the triage queue, and the report says what happened to each."""

from __future__ import annotations

import os

import pytest

from bench.common import DEMO_APP_KEY
from tests.e2e.conftest import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, PASSWORD

pytestmark = pytest.mark.skipif(
    not os.path.exists(CHROMIUM) and not os.environ.get("CI"),
    reason="Debian's chromium is not installed (make browser installs it)",
)


async def test_ten_petitions_are_dispatched_from_the_triage_queue_in_four_interactions(
    server: str,
) -> None:
    import httpx
    from playwright.async_api import async_playwright, expect

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    submit = """mutation($i: SubmitPetitionInput!) { submitPetition(input: $i) { __typename } }"""
    async with httpx.AsyncClient(base_url=server) as api:
        for n in range(10):
            body = {
                "title": f"企业开办咨询第{n + 1}件",
                "content": "想了解在市南区开办小微企业需要准备哪些材料，多久可以办完。",
                "category": "DEVELOPMENT",
                "petitionerType": "ENTERPRISE",
                "petitionerName": "青岛某某商贸有限公司",
                "petitionerPhone": f"1390000{n:04d}",
                "channel": "DISTRICT_APP",
                "externalId": f"batch-e2e-{n}",
            }
            resp = await api.post(
                "/graphql",
                json={"query": submit, "variables": {"i": body}},
                headers={"Authorization": f"Bearer {DEMO_APP_KEY}"},
            )
            assert resp.json()["data"]["submitPetition"]["__typename"] == "PetitionReceipt"
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = await browser.new_page(viewport={"width": 1366, "height": 900})
        await page.goto(server + "/login")
        await page.fill("#username", "sn.dispatcher")
        await page.fill("#password", PASSWORD)
        await page.click("button[type=submit]")
        await page.goto(server + "/?tab=triage")
        boxes = page.locator('#queue-rows input[name="ids"]')
        waiting = await boxes.count()
        assert waiting >= 10
        interactions = 0
        await page.check("[data-select-all]")  # 1: select every row on the page
        interactions += 1
        await expect(page.locator('#queue-rows input[name="ids"]:checked')).to_have_count(waiting)
        # While rows are ticked the 30-second refresh skips its turn (static/queue.js).
        skipped = await page.evaluate(
            """() => { const rows = document.querySelector('#queue-rows');
                 return !htmx.trigger(rows, 'htmx:beforeRequest', {elt: rows}); }"""
        )
        assert skipped
        await page.select_option("#batch-lead", label="市南区城市管理局")  # 2
        interactions += 1
        await page.screenshot(path=str(ARTIFACTS / "batch-triage.png"), full_page=True)
        await page.click('[data-testid="batch-submit"]')  # 3
        interactions += 1
        summary = page.get_by_test_id("batch-summary")
        await expect(summary).to_contain_text(f"共 {waiting} 件")
        await page.screenshot(path=str(ARTIFACTS / "batch-result.png"), full_page=True)
        await page.click("text=返回待研判派单")  # 4
        interactions += 1
        await expect(page.get_by_test_id("count-triage")).to_have_text("0")
        print(f"dispatched {waiting} petitions in {interactions} interactions")
        assert interactions == 4
        await browser.close()
