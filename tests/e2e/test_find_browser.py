"""Finding on the list in Chromium: filters combined from the folded panel, numbered pages and
page size, and after paging the list starts at its top (static/queue.js), at 1366 and 390 px."""

from __future__ import annotations

import os
import re

import pytest

from tests.e2e.conftest import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, PASSWORD

pytestmark = pytest.mark.skipif(
    not os.path.exists(CHROMIUM) and not os.environ.get("CI"),
    reason="Debian's chromium is not installed (make browser installs it)",
)

ROWS_TOP = "() => document.querySelector('#queue-rows').getBoundingClientRect().top"
AT_TOP = "() => Math.abs(document.querySelector('#queue-rows').getBoundingClientRect().top - 8) < 6"


async def test_filter_page_and_land_at_the_top_of_the_list(server: str) -> None:
    from playwright.async_api import async_playwright, expect

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for width, height in ((1366, 900), (390, 844)):
            page = await browser.new_page(viewport={"width": width, "height": height})
            problems: list[str] = []
            page.on("pageerror", lambda e, p=problems: p.append(str(e)))
            page.on(
                "console",
                lambda m, p=problems: (
                    p.append(m.text)
                    if m.type == "error" and "status of 404" not in m.text
                    else None
                ),
            )
            await page.goto(server + "/login")
            await page.fill("#username", "sn.dispatcher")
            await page.fill("#password", PASSWORD)
            await page.click("button[type=submit]")
            await page.goto(server + "/?tab=all&sort=new")
            count = page.locator("#queue-count")
            await expect(count).to_contain_text("第 1 页")
            total = int(re.sub(r"\D", "", (await count.inner_text()).split("件")[0]))
            assert total > 150, total  # the demo district's history: several pages

            # Combine: closed petitions of one channel, from the folded panel.
            await page.select_option("#state", "CLOSED")
            await expect(page).to_have_url(re.compile(r"state=CLOSED"))
            await page.click("summary:has-text('更多筛选')")
            await page.select_option("#channel", "HOTLINE_12345")
            await expect(page).to_have_url(re.compile(r"channel=HOTLINE_12345"))
            await expect(page).to_have_url(re.compile(r"state=CLOSED"))
            narrowed = await page.locator("#queue-rows tbody tr").all_inner_texts()
            assert narrowed and all("办结" in r for r in narrowed), narrowed
            await page.click("text=清除筛选")
            await expect(page).not_to_have_url(re.compile(r"channel="))

            # Page 2 from the bottom of the page: the list starts at the top of the screen.
            await page.select_option("#size", "50")
            await expect(page).to_have_url(re.compile(r"size=50"))
            await expect(page.locator("#queue-rows tbody tr")).to_have_count(50)
            first = await page.locator("#queue-rows tbody tr").all_inner_texts()
            await page.evaluate("() => window.scrollTo(0, document.body.scrollHeight)")
            assert await page.evaluate(ROWS_TOP) < 0  # scrolled past the list's top
            await page.click("#queue-rows .pagination >> text='2'")
            await expect(page).to_have_url(re.compile(r"page=2"))
            await expect(count).to_contain_text("第 2 页")
            second = await page.locator("#queue-rows tbody tr").all_inner_texts()
            assert second != first and len(second) == 50
            # (the scroll follows the swap's settle: wait for it, at most a few seconds)
            await page.wait_for_function(AT_TOP, timeout=5000)
            await page.screenshot(path=str(ARTIFACTS / f"find-page2-{width}.png"), full_page=False)

            # 下一页 goes on by cursor, also to the top; the page size changes the rows.
            await page.evaluate("() => window.scrollTo(0, document.body.scrollHeight)")
            await page.click("#queue-rows >> text=下一页")
            await expect(count).to_contain_text("第 3 页")
            await page.wait_for_function(AT_TOP, timeout=5000)
            await page.select_option("#size", "20")
            await expect(page.locator("#queue-rows tbody tr")).to_have_count(20)
            await expect(count).to_contain_text("第 1 页")
            await page.click("summary:has-text('更多筛选')")
            await page.screenshot(path=str(ARTIFACTS / f"find-filters-{width}.png"), full_page=True)
            assert problems == [], problems
            await page.close()
        await browser.close()
