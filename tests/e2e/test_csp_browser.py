"""The pages work under the Content-Security-Policy: no inline script or style is blocked,
htmx still swaps, and the API explorer sends its CSRF token."""

from __future__ import annotations

import os

import pytest

from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, PASSWORD

pytestmark = pytest.mark.skipif(
    not os.path.exists(CHROMIUM) and not os.environ.get("CI"),
    reason="Debian's chromium is not installed (make browser installs it)",
)


async def test_pages_run_under_the_csp_and_the_explorer_sends_its_csrf_token(server: str) -> None:
    from playwright.async_api import async_playwright, expect

    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = await (await browser.new_context(locale="zh-CN")).new_page()
        blocked: list[str] = []
        page.on(
            "console",
            lambda m: blocked.append(m.text)
            if "Content Security Policy" in m.text or "Refused to" in m.text
            else None,
        )
        await page.goto(server + "/login")
        await page.fill("#username", "sn.admin")
        await page.fill("#password", PASSWORD)
        await page.click("button[type=submit]")
        await page.wait_for_url(lambda u: "/login" not in u)
        for path in ("/", "/admin/units", "/admin/users", "/admin/keys", "/admin/audit"):
            await page.goto(server + path)
        await page.goto(server + "/explorer")
        await page.click("#explorer-run")
        await expect(page.locator("#explorer-status")).to_contain_text("HTTP 200")
        await expect(page.locator("#explorer-result")).to_contain_text('"me"')
        await browser.close()
    assert not blocked, blocked
