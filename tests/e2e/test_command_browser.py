"""指挥中心 walked in a browser: navbar → ten districts → a district's units → petitions."""

from __future__ import annotations

import os

import pytest

from tests.e2e.conftest import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, PASSWORD

pytestmark = pytest.mark.skipif(
    not os.path.exists(CHROMIUM) and not os.environ.get("CI"),
    reason="Debian's chromium is not installed (make browser installs it)",
)

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
        await page.goto(server + "/login")
        await page.fill("#username", "qd.supervisor")
        await page.fill("#password", PASSWORD)
        await page.click("button[type=submit]")
        await page.click("nav >> text=指挥中心")
        rows = page.locator("[data-testid=districts] tbody tr")
        await expect(rows).to_have_count(10)
        await page.evaluate(REFRESH)  # what the 30-second poll does
        await expect(rows).to_have_count(10)
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        await page.screenshot(path=str(ARTIFACTS / "command-centre.png"), full_page=True)
        await page.click("[data-testid=districts] >> text=暖南诉办")
        units = page.locator("[data-testid=units] tbody tr[data-unit]")
        assert await units.count() > 0
        link = units.first.locator("td[data-col=open] a")
        opened = int(await link.inner_text())
        await link.click()
        listed = page.locator("#queue-rows tbody tr")
        await expect(listed).to_have_count(min(opened, 25))
        await expect(listed.first).to_contain_text("市南区")
        await browser.close()
