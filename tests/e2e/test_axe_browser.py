"""Accessibility: axe-core (npm, pinned in package.json) on every kind of staff page, as each
demo role that uses it, and on the public pages. No critical or serious violation may remain.

axe is put into the page by the test through the DevTools protocol (page.evaluate of the
library's text), not by a <script> tag: the app's CSP allows only its own scripts, and the
test must not loosen what it is checking. Prints a per-page summary of violations by impact
and saves a screenshot of each page in test-artifacts/screens/axe/.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.conftest import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, PASSWORD

pytestmark = pytest.mark.skipif(
    not os.path.exists(CHROMIUM) and not os.environ.get("CI"),
    reason="Debian's chromium is not installed (make browser installs it)",
)

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING = ("critical", "serious")
SHOTS = ARTIFACTS / "axe"

# (who signs in, pages). A page is a path, "@petition" (the first petition on the user's
# queue tabs), "@picker" (a user's admin page with the unit picker's search results shown),
# or "first link matching SELECTOR on PATH" written as "PATH >> SELECTOR".
ROUNDS: list[tuple[str | None, list[str]]] = [
    (
        None,
        [
            "/login",
            "/campaigns",
            '/campaigns >> a[href^="/campaigns/20"]',
        ],
    ),
    (
        "sn.dispatcher",
        [
            "/",
            "@petition",
            "/intake",
            "/command",
            "/warnings",
            "/ranking",
            "/notifications",
        ],
    ),
    ("sn-s01.handler", ["/", "@petition", "/intake", "/password"]),
    ("sn-s01.reviewer", ["/", "@petition"]),
    ("sn-s01.head", ["/", "@petition", "/reply-templates", "/duty-lists"]),
    ("sn-s01-c01.grid", ["/", "/intake"]),
    (
        "qd.supervisor",
        [
            "/",
            "@petition",
            "/command",
            '/command >> a[href^="/command/districts/"]',
            "/analysis",
            "/ranking",
            "/warnings",
            "/campaigns/manage",
        ],
    ),
    ("qd-jw.inspector", ["/", "/referrals"]),
    (
        "qd.admin",
        [
            "/admin/units",
            "/admin/users",
            "/admin/users?q=handler&page=2",
            "@picker",
            "/admin/keys",
            "/admin/calendar",
            "/admin/audit",
            "/explorer",
            "/duty-lists",
            '/duty-lists >> a[href^="/duty-items/"]',
        ],
    ),
]


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "home"


async def _axe(page: Any) -> list[dict[str, Any]]:
    if not await page.evaluate("typeof window.axe !== 'undefined'"):
        await page.evaluate(AXE.read_text(encoding="utf-8"))
    result = await page.evaluate(
        "async () => { const r = await axe.run(document, {resultTypes: ['violations']});"
        " return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,"
        " count: v.nodes.length, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))})); }"
    )
    violations: list[dict[str, Any]] = result
    return violations


USER = 'a[href^="/admin/users/"]'


async def _first_link(page: Any, start: str, selector: str) -> str:
    await page.goto(start)
    return str(await page.locator(selector).first.get_attribute("href", timeout=10_000))


async def _a_petition(page: Any, server: str) -> str:
    """The first petition on the first queue tab of the user's home page that has one."""
    await page.goto(server + "/")
    tabs = [server + "/"] + [
        server + str(h)
        for h in await page.locator("#queue-tabs a").evaluate_all(
            "els => els.map(e => e.getAttribute('href'))"
        )
        if h and h.startswith("/?")
    ]
    for tab in tabs:
        await page.goto(tab)
        links = page.locator('a[href^="/petitions/"]')
        if await links.count():
            return str(await links.first.get_attribute("href"))
    raise AssertionError("no petition on any queue tab")


async def test_no_page_has_a_critical_or_serious_accessibility_violation(server: str) -> None:
    from playwright.async_api import async_playwright

    SHOTS.mkdir(parents=True, exist_ok=True)
    summary: dict[str, dict[str, int]] = {}
    blocking: dict[str, list[dict[str, Any]]] = {}
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for who, paths in ROUNDS:
                context = await browser.new_context(
                    locale="zh-CN", viewport={"width": 1366, "height": 900}
                )
                page = await context.new_page()
                if who is not None:
                    await page.goto(server + "/login")
                    await page.fill("#username", who)
                    await page.fill("#password", PASSWORD)
                    await page.click("button[type=submit]")
                    await page.wait_for_url(lambda u: "/login" not in u)
                for path in paths:
                    if path == "@petition":
                        url = server + await _a_petition(page, server)
                    elif path == "@picker":
                        url = server + await _first_link(page, server + "/admin/users", USER)
                    elif " >> " in path:
                        start, selector = path.split(" >> ", 1)
                        url = server + await _first_link(page, server + start, selector)
                    else:
                        url = server + path
                    response = await page.goto(url)
                    assert response is not None and response.status == 200, (who, url)
                    await page.wait_for_load_state("networkidle")
                    if path == "@picker":
                        await page.fill("#grant-unit-q", "社区")
                        await page.locator("#grant-unit-options input[type=radio]").first.wait_for()
                    # Folded forms (the petition page's other actions) are checked open too.
                    await page.evaluate(
                        "document.querySelectorAll('details').forEach(d => d.open = true)"
                    )
                    name = f"{who or 'public'} {path}"
                    violations = await _axe(page)
                    counts: dict[str, int] = {}
                    for v in violations:
                        counts[v["impact"]] = counts.get(v["impact"], 0) + v["count"]
                    summary[name] = counts
                    found = [v for v in violations if v["impact"] in BLOCKING]
                    if found:
                        blocking[name] = found
                    await page.screenshot(
                        path=str(SHOTS / f"{_slug(who or 'public')}-{_slug(path)}.png"),
                        full_page=False,
                    )
                await context.close()
        finally:
            await browser.close()
    lines = [
        f"{name}: {json.dumps(counts, ensure_ascii=False)}" for name, counts in summary.items()
    ]
    report = "axe-core violations by impact (elements):\n" + "\n".join(lines)
    print(report)
    (SHOTS / "summary.txt").write_text(report + "\n", encoding="utf-8")
    assert not blocking, json.dumps(blocking, ensure_ascii=False, indent=1)
