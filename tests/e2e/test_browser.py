"""A petition's whole life in a real browser, each step by the demo user whose job it is.

Headless Debian Chromium driven by Playwright against a real uvicorn server on the demo
city. Screenshots of each main screen go to test-artifacts/screens/ (git-ignored).
"""

from __future__ import annotations

import os

import pytest

from tests.e2e.conftest import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, PASSWORD

pytestmark = pytest.mark.skipif(
    not os.path.exists(CHROMIUM) and not os.environ.get("CI"),
    reason="Debian's chromium is not installed (make browser installs it)",
)


async def test_a_complaint_lives_from_a_community_to_assessment_in_the_browser(
    server: str,
) -> None:
    from playwright.async_api import Page, async_playwright, expect

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(
            executable_path=CHROMIUM,
            args=CHROMIUM_ARGS,
        )

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

        async def open_petition(page: Page) -> None:
            await page.goto(petition_url)
            await expect(page.get_by_test_id("tracking-code")).to_have_text(code)

        async def expect_state(page: Page, text: str) -> None:
            await expect(page.get_by_test_id("state")).to_have_text(text)

        async def review(username: str, shot_name: str | None = None) -> None:
            page = await as_user(username)
            await open_petition(page)
            await page.check("#review-reply-decision-approve")
            if shot_name:
                await shot(page, shot_name)
            await page.click("#action-review-reply button[type=submit]")
            await expect(page.locator("#action-review-reply")).to_have_count(0)
            await page.context.close()

        async def handle_round(n: int) -> None:
            dispatcher = await as_user("sn.dispatcher")
            await open_petition(dispatcher)
            lead = await dispatcher.eval_on_selector(
                "#dispatch-lead_unit_id",
                "s => [...s.options].find(o => o.text.includes('城市管理')).value",
            )
            await dispatcher.select_option("#dispatch-lead_unit_id", lead)
            if n == 1:
                await shot(dispatcher, "04-dispatch-form")
            await dispatcher.click("#action-dispatch button[type=submit]")
            await expect_state(dispatcher, "待签收")
            await dispatcher.context.close()

            handler = await as_user("sn-cg.handler")
            if n == 1:
                await shot(handler, "05-department-queue")
            await open_petition(handler)
            await handler.click("#action-accept button[type=submit]")
            await expect_state(handler, "办理中")
            await handler.fill(
                "#submit-reply-petitioner_situation", "诉求人反映小区门口垃圾堆放多日。"
            )
            await handler.fill(
                "#submit-reply-policy_basis", "《城市市容和环境卫生管理条例》第二十八条"
            )
            await handler.fill(
                "#submit-reply-handling_result", f"第{n}次办理：已安排清运并加密巡查。"
            )
            await handler.fill("#submit-reply-responsible_person", "李明")
            await handler.fill("#submit-reply-contact_phone", "0532-88886666")
            if n == 1:
                await shot(handler, "06-reply-form")
            await handler.click("#action-submit-reply button[type=submit]")
            await expect_state(handler, "单位审核中")
            await handler.context.close()

            await review("sn-cg.reviewer", "07-unit-review" if n == 1 else None)
            await review("sn-cg.head")
            await review("sn.dispatcher", "08-platform-review" if n == 1 else None)

            callback = await as_user("sn.dispatcher")
            await open_petition(callback)
            await expect_state(callback, "待评价")
            await callback.check("#evaluate-satisfaction-UNSATISFIED")
            await callback.check("#evaluate-resolution-UNRESOLVED")
            await callback.fill("#evaluate-comment", "回访：问题仍未解决")
            await callback.click("#action-evaluate button[type=submit]")
            await expect_state(callback, "待研判" if n == 1 else "待履职评估")
            await callback.context.close()

        # 1. A grid worker takes the complaint in at their community (phone width).
        grid = await as_user("sn-s01-c01.grid", width=390)
        await shot(grid, "01-grid-queue-phone")
        await grid.goto(server + "/intake")
        await grid.fill("#title", "小区门口垃圾多日无人清运")
        await grid.fill("#content", "小区东门垃圾堆放三天无人清理，气味很大，影响居民出行。")
        await grid.click("label[for=kind-COMPLAINT]")
        await expect(grid.locator("#kind-COMPLAINT")).to_be_checked()
        await grid.fill("#petitioner_name", "赵丽")
        await grid.fill("#petitioner_phone", "13912345678")
        await shot(grid, "02-intake-phone")
        await grid.click("#intake-form button[type=submit]")
        await grid.wait_for_url(lambda u: "/petitions/" in u)
        petition_url = grid.url
        code = (await grid.get_by_test_id("tracking-code").inner_text()).strip()
        await expect_state(grid, "待签收")
        await grid.context.close()

        # 2. The community escalates to its street, the street to the district platform.
        for username, reason, state in (
            ("sn-s01-c01.handler", "涉及多个小区，需街道协调", "待签收"),
            ("sn-s01.handler", "需区直部门处理", "待研判"),
        ):
            page = await as_user(username)
            await open_petition(page)
            await page.click("#fold-escalate")  # accepting is the main step; escalating folds
            await page.fill("#escalate-reason", reason)
            await page.click("#action-escalate button[type=submit]")
            await expect_state(page, state)
            await page.context.close()

        # 3. The district queue shows it; two rounds of handling end in assessment.
        dispatcher = await as_user("sn.dispatcher")
        await expect(dispatcher.get_by_text(code)).to_be_visible()
        await shot(dispatcher, "03-district-triage-queue")
        await dispatcher.context.close()
        await handle_round(1)
        await handle_round(2)

        assessor = await as_user("sn.dispatcher")
        await open_petition(assessor)
        await assessor.check("#assess-result-NOT_FULFILLED")
        await assessor.fill("#assess-note", "两轮办理均未解决，评估为未履职")
        await assessor.click("#action-assess button[type=submit]")
        await expect_state(assessor, "已办结")
        timeline = assessor.get_by_test_id("timeline")
        await expect(timeline).to_contain_text("履职评估")
        await shot(assessor, "09-closed-with-timeline")
        await browser.close()
