"""The work queue keeps the worker's place: after filtering or paging, the 30-second refresh
re-reads exactly what is on screen (the URL, the controls and the rows agree)."""

from __future__ import annotations

import os
import re

import pytest

from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, PASSWORD

pytestmark = pytest.mark.skipif(
    not os.path.exists(CHROMIUM) and not os.environ.get("CI"),
    reason="Debian's chromium is not installed (make browser installs it)",
)

# What the polling element does every 30 s, done now.
REFRESH = """() => new Promise(done => {
  const el = document.querySelector('#queue-rows');
  htmx.ajax('GET', el.getAttribute('hx-get'), {target: '#queue-rows', swap: 'outerHTML'})
    .then(done);
})"""


async def test_the_refresh_keeps_the_filters_and_the_page(server: str) -> None:
    from playwright.async_api import async_playwright, expect

    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = await browser.new_page(viewport={"width": 1366, "height": 900})
        problems: list[str] = []
        page.on("pageerror", lambda e: problems.append(str(e)))
        page.on(
            "response",
            lambda r: problems.append(f"{r.status} {r.url}")
            if r.status >= 400 and not r.url.endswith("/favicon.ico")
            else None,
        )
        page.on(
            "console",
            lambda m: problems.append(m.text)
            if m.type == "error" and "status of 404" not in m.text
            else None,
        )
        await page.goto(server + "/login")
        await page.fill("#username", "qd.supervisor")
        await page.fill("#password", PASSWORD)
        await page.click("button[type=submit]")
        await page.goto(server + "/?tab=all")
        total = await page.locator("#queue-rows tbody tr").count()
        await page.select_option("#light", "RED")
        await expect(page).to_have_url(re.compile(r"light=RED"))
        rows = page.locator("#queue-rows")
        await expect(rows).to_have_count(1)  # swapped, not nested inside the old one
        assert "light=RED" in (await rows.get_attribute("hx-get") or "")
        red = await page.locator("#queue-rows tbody tr").all_inner_texts()
        await page.evaluate(REFRESH)
        assert await page.locator("#queue-rows tbody tr").all_inner_texts() == red
        await expect(page.locator("#light")).to_have_value("RED")

        await page.select_option("#light", "")
        await expect(page.locator("#queue-rows tbody tr")).to_have_count(total)
        await page.click("text=下一页")
        await expect(page).to_have_url(re.compile(r"after="))
        second = await page.locator("#queue-rows tbody tr").all_inner_texts()
        assert "after=" in (await page.locator("#queue-rows").get_attribute("hx-get") or "")
        await page.evaluate(REFRESH)
        assert await page.locator("#queue-rows tbody tr").all_inner_texts() == second
        assert problems == [], problems  # no script refused by the page's CSP, no error
        await browser.close()
