"""A referral in a real browser: the organisation department's inspector lands on the queue,
opens the referral, acknowledges and concludes it; the discipline inspection unit sees the
result. Screenshots go to test-artifacts/screens/ (git-ignored)."""

from __future__ import annotations

import os

import pytest

from tests.e2e.conftest import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, PASSWORD

pytestmark = pytest.mark.skipif(
    not os.path.exists(CHROMIUM) and not os.environ.get("CI"),
    reason="Debian's chromium is not installed (make browser installs it)",
)


async def test_inspectors_take_a_referral_from_the_queue_to_its_conclusion(server: str) -> None:
    from playwright.async_api import Page, async_playwright, expect

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)

        async def as_user(username: str, width: int = 1366) -> Page:
            context = await browser.new_context(
                viewport={"width": width, "height": 900}, locale="zh-CN"
            )
            page = await context.new_page()
            await page.goto(server + "/login")
            await page.fill("#username", username)
            await page.fill("#password", PASSWORD)
            await page.click("button[type=submit]")
            await page.wait_for_url(lambda u: "/login" not in u)
            return page

        async def shot(page: Page, name: str) -> None:
            await page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)

        zzb = await as_user("qd-zzb.inspector")
        assert zzb.url.endswith("/referrals")  # the inspector's home page
        table = zzb.get_by_test_id("referral-table")
        await expect(table).to_contain_text("市南区城市管理局")
        await expect(table).to_contain_text("待签收")
        await shot(zzb, "20-referral-queue")
        await zzb.click("table[data-testid=referral-table] tbody a")
        await expect(zzb.get_by_test_id("referral-state")).to_have_text("待签收")
        await expect(zzb.get_by_test_id("assessment")).to_have_count(2)
        await shot(zzb, "21-referral-page")
        await zzb.fill("#referral-acknowledge", "已收到，转干部监督科核查")
        await zzb.click("#step-acknowledge button[type=submit]")
        await expect(zzb.get_by_test_id("referral-state")).to_have_text("已签收")
        await zzb.click("#step-conclude button[type=submit]")  # without the result
        await expect(zzb.locator(".field-error")).to_have_text("请填写处理结果")
        await zzb.fill("#referral-conclude", "对该局主要负责人进行约谈，责令限期整改并报送整改情况")
        await zzb.click("#step-conclude button[type=submit]")
        await expect(zzb.get_by_test_id("referral-state")).to_have_text("已办结")
        await expect(zzb.get_by_test_id("referral-history")).to_contain_text("办结")
        await shot(zzb, "22-referral-concluded")
        await zzb.context.close()

        jw = await as_user("qd-jw.inspector", width=390)
        await jw.goto(server + "/referrals?state=CONCLUDED")
        await expect(jw.get_by_test_id("referral-table")).to_contain_text("已办结")
        await shot(jw, "23-referral-queue-phone")
        await jw.click("table[data-testid=referral-table] tbody a")
        await expect(jw.get_by_test_id("referral-result")).to_contain_text("约谈")
        await shot(jw, "24-referral-page-phone")
        await browser.close()
