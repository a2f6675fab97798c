"""The public campaign page and the analysis screen in a real browser: the charts draw (SVG
from ECharts served by the app), the tables are there, and screenshots are kept to look at."""

from __future__ import annotations

import os

import pytest

from tests.e2e.conftest import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, PASSWORD

pytestmark = pytest.mark.skipif(
    not os.path.exists(CHROMIUM) and not os.environ.get("CI"),
    reason="Debian's chromium is not installed (make browser installs it)",
)


async def test_the_public_campaign_page_and_the_analysis_screen_draw_their_charts(
    server: str,
) -> None:
    from playwright.async_api import async_playwright, expect

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = await browser.new_page(viewport={"width": 1366, "height": 900})
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        # Nothing inline may be blocked by the Content-Security-Policy.
        page.on(
            "console",
            lambda m: errors.append(m.text) if "Content Security Policy" in m.text else None,
        )
        page.on(
            "response",
            lambda r: (
                errors.append(f"{r.status} {r.url}")
                if r.status >= 400 and not r.url.endswith("/favicon.ico")
                else None
            ),
        )

        # Nobody signed in.
        await page.goto(server + "/campaigns/2023")
        await expect(page.locator("h1")).to_have_text("2023年民生领域集中攻坚行动")
        await expect(page.locator(".campaign-overview tbody tr")).to_have_count(11)
        await expect(page.locator(".campaign-task .echart svg")).to_have_count(11)
        assert "登录" not in await page.locator("header").inner_text()
        await page.screenshot(path=str(ARTIFACTS / "campaign-2023.png"), full_page=True)
        await page.screenshot(path=str(ARTIFACTS / "campaign-2023-top.png"))
        task = page.locator(".campaign-task").nth(3)
        await task.screenshot(path=str(ARTIFACTS / "campaign-2023-task.png"))

        # The demo's campaign of this year: its trends cover the demo's history.
        await page.goto(server + "/campaigns")
        await page.locator(".campaign-list tbody a").first.click()
        await expect(page.locator(".campaign-task .echart svg")).to_have_count(5)
        await (
            page.locator(".campaign-task")
            .nth(2)
            .screenshot(path=str(ARTIFACTS / "campaign-current-task.png"))
        )

        await page.goto(server + "/login")
        await page.fill("#username", "qd.supervisor")
        await page.fill("#password", PASSWORD)
        await page.click("button[type=submit]")
        await page.click("text=数据分析")
        await expect(page.locator("h1")).to_contain_text("数据分析 · 全市")
        await expect(page.locator(".echart svg")).to_have_count(4)
        await expect(page.locator(".heat-grid tbody tr").first).to_be_visible()
        await page.select_option("#by", "WEEK")
        await page.click("text=查看")
        await expect(page.locator(".echart svg")).to_have_count(4)
        await page.screenshot(path=str(ARTIFACTS / "analysis-city.png"), full_page=True)
        await page.screenshot(path=str(ARTIFACTS / "analysis-city-top.png"))
        assert errors == []
        await browser.close()
