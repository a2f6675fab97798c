"""指挥中心 walked in a browser: navbar → ten districts → a district's units → petitions, with
the charts drawn (ECharts served by the app, under the self-only CSP) on every command screen."""

from __future__ import annotations

import os
from datetime import date, timedelta

import pytest

from tests.e2e.conftest import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, PASSWORD

pytestmark = pytest.mark.skipif(
    not os.path.exists(CHROMIUM) and not os.environ.get("CI"),
    reason="Debian's chromium is not installed (make browser installs it)",
)

# An ECharts SVG with drawn shapes (bars are paths) inside the chart's box.
DRAWN = """sel => {
  const svg = document.querySelector(sel + ' svg');
  return svg ? svg.querySelectorAll('path').length : 0;
}"""

REFRESH = """() => new Promise(done => {
  const el = document.querySelector('#command-live');
  htmx.ajax('GET', el.getAttribute('hx-get'), {target: '#command-live', swap: 'outerHTML'})
    .then(done);
})"""


async def test_the_city_walks_from_the_districts_to_the_petitions(server: str) -> None:
    from playwright.async_api import async_playwright, expect

    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = await browser.new_page(viewport={"width": 1366, "height": 900})
        problems: list[str] = []
        # Script errors and refused or missing scripts (a CSP refusal, an unserved file).
        page.on("pageerror", lambda e: problems.append(str(e)))
        page.on(
            "response",
            lambda r: problems.append(f"{r.status} {r.url}") if r.status >= 400 else None,
        )
        page.on(
            "console",
            lambda m: (
                problems.append(m.text)
                if m.type == "error" and "Content Security Policy" in m.text
                else None
            ),
        )
        await page.goto(server + "/login")
        await page.fill("#username", "qd.supervisor")
        await page.fill("#password", PASSWORD)
        await page.click("button[type=submit]")
        await page.click("nav >> text=指挥中心")
        rows = page.locator("[data-testid=districts] tbody tr")
        await expect(rows).to_have_count(10)
        for chart in ("chart-live", "chart-rates"):
            await page.wait_for_function(DRAWN, arg=f"[data-testid={chart}]")
        await page.evaluate(REFRESH)  # what the 30-second poll does
        await expect(rows).to_have_count(10)
        # The refreshed fragment's charts are drawn again.
        await page.wait_for_function(DRAWN, arg="[data-testid=chart-live]")
        assert await page.evaluate(DRAWN, "[data-testid=chart-live]") > 10
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        await page.screenshot(path=str(ARTIFACTS / "command-centre.png"), full_page=True)
        await page.click("[data-testid=districts] >> text=暖南诉办")
        units = page.locator("[data-testid=units] tbody tr[data-unit]")
        assert await units.count() > 0
        for chart in ("chart-units", "chart-streets"):
            await page.wait_for_function(DRAWN, arg=f"[data-testid={chart}]")
        await page.screenshot(path=str(ARTIFACTS / "command-district.png"), full_page=True)
        district_url = page.url
        link = units.first.locator("td[data-col=open] a")
        opened = int(await link.inner_text())
        await link.click()
        listed = page.locator("#queue-rows tbody tr")
        await expect(listed).to_have_count(min(opened, 25))
        await expect(listed.first).to_contain_text("市南区")
        await page.goto(server + "/warnings")
        if await page.locator("[data-testid=warnings] tbody tr[data-kind]").count():
            await page.wait_for_function(DRAWN, arg="[data-testid=chart-warnings]")
        await page.screenshot(path=str(ARTIFACTS / "command-warnings.png"), full_page=True)
        year_ago = (date.today() - timedelta(days=365)).isoformat()
        await page.goto(server + f"/ranking?level=DISTRICT&from={year_ago}")
        await page.wait_for_function(DRAWN, arg="[data-testid=chart-ranking]")
        await page.screenshot(path=str(ARTIFACTS / "command-ranking.png"), full_page=True)
        # The export buttons hand over xlsx files.
        await page.goto(district_url)
        async with page.expect_download() as got:
            await page.click("[data-testid=export]")
        download = await got.value
        assert download.suggested_filename.endswith(".xlsx")
        assert problems == []
        await browser.close()
