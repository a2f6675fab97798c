"""A grid worker at 390 px takes a petition in with a camera photo and the phone's location.

Screenshots go to test-artifacts/screens/ (git-ignored)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.conftest import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, PASSWORD
from tests.images import jpeg

pytestmark = pytest.mark.skipif(
    not os.path.exists(CHROMIUM) and not os.environ.get("CI"),
    reason="Debian's chromium is not installed (make browser installs it)",
)


def _files(root: Path) -> list[Path]:
    return [f for f in root.rglob("*") if f.is_file()]


@pytest.fixture
def attachments_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The server process stores its files in this test's directory (set before it starts)."""
    root = tmp_path / "server-attachments"
    monkeypatch.setenv("ATTACHMENTS_DIR", str(root))
    yield root


async def test_a_grid_worker_takes_a_petition_in_with_a_photo_at_390_px(
    attachments_dir: Path, server: str
) -> None:
    from playwright.async_api import async_playwright, expect

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = await browser.new_context(
            viewport={"width": 390, "height": 844},
            locale="zh-CN",
            permissions=["geolocation"],
            geolocation={"latitude": 36.0671, "longitude": 120.3826, "accuracy": 12},
        )
        page = await context.new_page()
        await page.goto(server + "/login")
        await page.fill("#username", "sn-s01-c01.grid")
        await page.fill("#password", PASSWORD)
        await page.click("button[type=submit]")
        await page.wait_for_url(lambda u: "/login" not in u)

        await page.goto(server + "/intake")
        photos = page.locator("#photos")
        await expect(photos).to_have_attribute("capture", "environment")
        await page.fill("#title", "路灯不亮，夜间行人看不清路")
        await page.fill("#content", "湛山路口两盏路灯连续三晚不亮，老人晚上出门很危险。")
        await page.click("label[for=kind-COMPLAINT]")
        await page.fill("#petitioner_name", "王五")
        await page.fill("#petitioner_phone", "13912345678")
        await photos.set_input_files(
            [{"name": "IMG_2041.jpg", "mimeType": "image/jpeg", "buffer": jpeg()}]
        )
        await page.click("[data-geolocate]")
        await expect(page.locator("#lat")).to_have_value("36.067100")
        await expect(page.locator("#lng")).to_have_value("120.382600")
        await expect(page.locator("[data-geolocation-status]")).to_contain_text("已填入当前位置")
        await page.locator("#photos").scroll_into_view_if_needed()
        await page.screenshot(path=str(ARTIFACTS / "attach-01-intake-390.png"), full_page=True)

        await page.click("#intake-form button[type=submit]")
        await page.wait_for_url(lambda u: "/petitions/" in u)
        thumb = page.locator("#attachments img.attachment-thumb")
        await expect(thumb).to_have_count(1)
        await thumb.scroll_into_view_if_needed()
        loaded = await thumb.evaluate("img => img.complete && img.naturalWidth > 0")
        assert loaded
        await expect(page.get_by_test_id("timeline")).to_contain_text("上传附件")
        await page.screenshot(path=str(ARTIFACTS / "attach-02-petition-390.png"), full_page=True)
        assert len(_files(attachments_dir)) == 2  # the photo and its thumbnail
        await browser.close()
