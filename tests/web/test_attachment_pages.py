"""Photos and files on the staff screens: intake with photos, the petition's files, downloads."""

from __future__ import annotations

import httpx
import pytest

import settings
from models import Attachment, Petition, Reply, User
from resolvers import handling, triage
from server import create_app
from tests.factories import submit
from tests.images import FAKE_JPEG, SITE_LAT, exif_of, jpeg, pdf
from tests.resolvers.helpers import REPLY
from tests.web.conftest import Browser, Web
from tests.web.test_intake import FORM
from workflow.enums import Role


async def _intake(
    b: Browser, files: list[tuple[str, bytes]], htmx: bool = False, **extra: str
) -> object:
    await b.get("/intake")
    data = {**FORM, **extra}
    headers = {"HX-Request": "true", "X-CSRF-Token": b.csrf} if htmx else {}
    if not htmx:
        data["csrf_token"] = b.csrf
    parts = [("photos", (name, body, "image/jpeg")) for name, body in files]
    return await b.client.post("/intake", data=data, files=parts, headers=headers)


async def test_a_grid_worker_takes_a_petition_in_with_photos_and_the_site_position(
    web: Web,
) -> None:
    b = await web.signed_in("grid", ("SN-S01-C01", Role.GRID_WORKER))
    resp = await _intake(
        b, [("IMG_0001.jpg", jpeg()), ("IMG_0002.jpg", jpeg(gps=False))], site_location="on"
    )
    assert resp.status_code == 303, resp.text  # type: ignore[attr-defined]
    petition = await Petition.get(title=FORM["title"])
    assert petition.community_id == web.city.id("SN-S01-C01")
    assert petition.lat == pytest.approx(SITE_LAT, abs=1e-3)
    rows = await Attachment.filter(petition_id=petition.id).order_by("id")
    assert [r.filename for r in rows] == ["IMG_0001.jpg", "IMG_0002.jpg"]
    page = await b.get(f"/petitions/{petition.id}")
    assert f'src="/attachments/{rows[0].id}/thumbnail"' in page.text
    assert "现场位置" in page.text and "上传附件" in page.text  # badge and timeline


async def test_the_browsers_location_goes_on_the_petition(web: Web) -> None:
    b = await web.signed_in("grid", ("SN-S01-C01", Role.GRID_WORKER))
    resp = await _intake(b, [], htmx=True, lat="36.066", lng="120.383")
    assert resp.status_code == 204, resp.text  # type: ignore[attr-defined]
    petition = await Petition.get(title=FORM["title"])
    assert (petition.lat, petition.lng) == (36.066, 120.383)
    page = await b.get("/intake")
    assert 'capture="environment"' in page.text and 'accept="image/*"' in page.text
    assert "/static/geolocation.js" in page.text and "data-geolocate" in page.text


async def test_a_fake_photo_is_refused_beside_the_photo_field_and_nothing_is_taken_in(
    web: Web,
) -> None:
    b = await web.signed_in("grid", ("SN-S01-C01", Role.GRID_WORKER))
    resp = await _intake(b, [("photo.jpg", FAKE_JPEG)], htmx=True)
    assert resp.status_code == 422  # type: ignore[attr-defined]
    html = resp.text  # type: ignore[attr-defined]
    assert 'id="err-photos"' in html and "只能上传照片" in html
    assert f'value="{FORM["title"]}"' in html  # the rest of the form is kept
    assert await Petition.all().count() == 0


async def test_an_oversize_photo_is_refused_with_the_limit(
    web: Web, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(settings, "ATTACHMENT_MAX_IMAGE_BYTES", 2000)
    b = await web.signed_in("grid", ("SN-S01-C01", Role.GRID_WORKER))
    resp = await _intake(b, [("big.jpg", jpeg())], htmx=True)
    assert resp.status_code == 422  # type: ignore[attr-defined]
    assert 'id="err-photos"' in resp.text and "不能超过" in resp.text  # type: ignore[attr-defined]


async def test_a_whole_request_over_the_limit_is_refused_before_it_is_read(
    db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(settings, "ATTACHMENT_MAX_REQUEST_BYTES", 5000)
    app = create_app(db_url=db_url, sweep_every=0)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        small = await client.post("/intake", files=[("photos", ("a.jpg", b"x" * 100))])
        assert small.status_code != 413
        big = await client.post("/intake", files=[("photos", ("big.jpg", jpeg()))])
        assert big.status_code == 413  # before the session, the CSRF check or the route


async def test_a_multipart_form_without_the_csrf_token_is_refused(web: Web) -> None:
    b = await web.signed_in("grid", ("SN-S01-C01", Role.GRID_WORKER))
    await b.get("/intake")
    resp = await b.client.post(
        "/intake", data=FORM, files=[("photos", ("a.jpg", jpeg(), "image/jpeg"))]
    )
    assert resp.status_code == 403
    assert await Petition.all().count() == 0


async def _petition_with_photo(web: Web) -> tuple[Browser, int, int]:
    b = await web.signed_in("sn.dispatcher", ("SN", Role.DISPATCHER))
    resp = await _intake(b, [("现场.jpg", jpeg())])
    assert resp.status_code == 303, resp.text  # type: ignore[attr-defined]
    petition = await Petition.get(title=FORM["title"])
    row = await Attachment.get(petition_id=petition.id)
    return b, petition.id, row.id


async def test_a_file_is_served_privately_and_never_sniffed(web: Web) -> None:
    b, _, aid = await _petition_with_photo(web)
    resp = await b.get(f"/attachments/{aid}")
    assert resp.status_code == 200 and resp.headers["content-type"] == "image/jpeg"
    assert resp.headers["cache-control"] == "private, no-store"
    assert resp.headers["x-content-type-options"] == "nosniff"
    assert resp.headers["content-disposition"].startswith("inline;")
    assert "filename*=UTF-8''%E7%8E%B0%E5%9C%BA.jpg" in resp.headers["content-disposition"]
    assert dict(exif_of(resp.content)) == {}
    thumb = await b.get(f"/attachments/{aid}/thumbnail")
    assert thumb.status_code == 200 and thumb.headers["cache-control"] == "private, no-store"


async def test_another_districts_staff_get_404_for_the_file(web: Web) -> None:
    _, _, aid = await _petition_with_photo(web)
    other = await web.signed_in("sb.dispatcher", ("SB", Role.DISPATCHER))
    for url in (f"/attachments/{aid}", f"/attachments/{aid}/thumbnail", "/attachments/999"):
        resp = await other.get(url)
        assert resp.status_code == 404, url
        assert resp.headers["cache-control"] == "no-store"
    anonymous = web.browser()
    assert (await anonymous.get(f"/attachments/{aid}")).status_code == 303  # to the login


async def test_the_petition_page_takes_more_files_and_reports_a_bad_one(web: Web) -> None:
    b, pid, _ = await _petition_with_photo(web)
    page = await b.get(f"/petitions/{pid}")
    assert f'action="/petitions/{pid}/attachments"' in page.text
    bad = await b.client.post(
        f"/petitions/{pid}/attachments",
        files=[("files", ("x.jpg", FAKE_JPEG, "image/jpeg"))],
        headers={"HX-Request": "true", "X-CSRF-Token": b.csrf},
    )
    assert bad.status_code == 422 and 'id="err-attach-files"' in bad.text
    assert "<html" not in bad.text  # htmx gets the section alone
    plain = await b.client.post(
        f"/petitions/{pid}/attachments",
        data={"csrf_token": b.csrf},
        files=[("files", ("x.jpg", FAKE_JPEG, "image/jpeg"))],
    )
    assert plain.status_code == 422 and "<html" in plain.text
    assert 'id="err-attach-files"' in plain.text and f'href="/petitions/{pid}"' in plain.text
    good = await b.client.post(
        f"/petitions/{pid}/attachments",
        data={"csrf_token": b.csrf},
        files=[("files", ("y.png", jpeg(), "image/png"))],
    )
    assert good.status_code == 303
    names = [a.filename async for a in Attachment.filter(petition_id=pid).order_by("id")]
    assert names == ["现场.jpg", "y.jpg"]  # named after what the file really is


async def test_the_handler_adds_a_pdf_to_the_reply_in_review_from_the_petition_page(
    web: Web,
) -> None:
    p = await submit(web.city)
    await triage.dispatch_petition(
        web.city.actor("SN", Role.DISPATCHER), p.id, web.clock.now,
        lead_unit_id=web.city.id("SN-CG"),
    )
    b = await web.signed_in("cg.handler", ("SN-CG", Role.HANDLER))
    handler = (await User.get(username="cg.handler")).id
    actor = web.city.actor("SN-CG", Role.HANDLER, user_id=handler)
    await handling.accept_petition(actor, p.id, web.clock.now)
    await handling.submit_reply(actor, p.id, web.clock.now, **REPLY)
    reply = await Reply.get(petition_id=p.id)
    page = await b.get(f"/petitions/{p.id}")
    assert f'<option value="REPLY:{reply.id}">答复附件</option>' in page.text
    resp = await b.client.post(
        f"/petitions/{p.id}/attachments",
        data={"csrf_token": b.csrf, "target": f"REPLY:{reply.id}"},
        files=[("files", ("答复附件.pdf", pdf(), "application/pdf"))],
    )
    assert resp.status_code == 303, resp.text
    doc = await Attachment.get(petition_id=p.id)
    assert doc.reply_id == reply.id and doc.content_type == "application/pdf"
    file = await b.get(f"/attachments/{doc.id}")
    assert file.headers["content-disposition"].startswith("attachment;")
    assert file.headers["content-type"] == "application/pdf"
