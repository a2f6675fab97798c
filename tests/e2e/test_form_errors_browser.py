"""A form answers every bad field at once and takes the worker to the first, at phone width."""

from __future__ import annotations

import os

import pytest

from tests.e2e.conftest import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, PASSWORD

pytestmark = pytest.mark.skipif(
    not os.path.exists(CHROMIUM) and not os.environ.get("CI"),
    reason="Debian's chromium is not installed (make browser installs it)",
)


async def test_the_intake_form_reports_every_error_and_focuses_the_first_at_390_px(
    server: str,
) -> None:
    from playwright.async_api import async_playwright, expect

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = await browser.new_page(viewport={"width": 390, "height": 844})
        await page.goto(server + "/login")
        await page.fill("#username", "sn-s01-c01.grid")
        await page.fill("#password", PASSWORD)
        await page.click("button[type=submit]")
        await page.goto(server + "/intake")
        # Leave the required fields empty (switch off the browser's own checks) and a bad phone.
        await page.evaluate("document.querySelector('#intake-form').noValidate = true")
        await page.fill("#petitioner_phone", "12345")
        await page.click("#intake-form button[type=submit]")
        for field in ("title", "content", "petitioner_name", "petitioner_phone"):
            await expect(page.locator(f"#err-{field}")).to_be_visible()
        await expect(page.locator("#title")).to_be_focused()
        await expect(page.locator("#title")).to_be_in_viewport()
        await page.screenshot(path=str(ARTIFACTS / "intake-errors-390.png"), full_page=False)
        await browser.close()
