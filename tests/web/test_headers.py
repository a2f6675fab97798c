"""Every page and API answer carries the CSP and friends; nothing personal is cached or
written to the access log."""

from __future__ import annotations

import logging
import re
from pathlib import Path

from tests.web.conftest import Web
from web.guards import RedactQueryStrings
from workflow.enums import Role

TEMPLATES = Path(__file__).resolve().parents[2] / "web" / "templates"


async def test_pages_and_api_answers_carry_the_security_headers_and_no_store(web: Web) -> None:
    b = await web.signed_in("sn.dispatcher", ("SN", Role.DISPATCHER))
    for resp in (
        await b.get("/"),
        await b.get("/login"),
        await b.client.post("/graphql", json={"query": "{ topics { name } }"}),
    ):
        csp = resp.headers["content-security-policy"]
        assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
        assert "'unsafe-inline'" not in csp and "'unsafe-eval'" not in csp
        assert resp.headers["x-frame-options"] == "DENY"
        assert resp.headers["x-content-type-options"] == "nosniff"
        assert resp.headers["referrer-policy"] == "same-origin"
        assert resp.headers["cache-control"] == "no-store"
    asset = await b.get("/static/app.js")
    assert asset.status_code == 200 and asset.headers.get("cache-control") != "no-store"


def test_templates_hold_no_inline_script_style_or_event_handler() -> None:
    """What the CSP would block: inline <script> code, style attributes, hx-on / on* handlers."""
    for path in TEMPLATES.glob("*.html"):
        text = path.read_text()
        for script in re.findall(r"<script([^>]*)>", text):
            assert "src=" in script or "application/json" in script, path.name
        assert "<style" not in text and " style=" not in text, path.name
        assert not re.search(r"\s(hx-on|on[a-z]+)[:=]", text), path.name


def test_the_access_log_keeps_paths_and_drops_query_strings() -> None:
    record = logging.LogRecord(
        "uvicorn.access",
        logging.INFO,
        __file__,
        1,
        '%s - "%s %s HTTP/%s" %d',
        ("127.0.0.1:5000", "GET", "/intake/streets?phone=13812345678", "1.1", 200),
        None,
    )
    RedactQueryStrings().filter(record)
    line = record.getMessage()
    assert "13812345678" not in line and "/intake/streets?…" in line
