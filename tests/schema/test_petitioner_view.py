"""One door out (一个门出): whatever state a petition is in, every path that serves a
petitioner — their token by tracking code, their token's list, the hotline's key, the
hotline's receipt — answers the petitioner's view, and nothing of the staff record leaks into
it: of the files, only the petitioner's own and those of the replies the platform sent, and
the download answers 404 for every other file to the petitioner's token and the hotline."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from typing import Any

import pytest

from models import Attachment, Petition, Referral, Reply, Review
from resolvers import closing, handling, triage
from resolvers.attachments import Upload, add_attachments
from tests.factories import T0, submit
from tests.images import jpeg, pdf
from tests.schema.conftest import Api
from tests.schema.helpers import sign_in
from workflow.actors import Actor, petitioner
from workflow.enums import (
    ApiClientKind,
    AssessmentResult,
    ReplyStatus,
    Resolution,
    Role,
    Satisfaction,
)

PHONE = "13812345678"
VIEW = """trackingCode title content submittedAt status statusText closureText closedAt
  handlingUnitName deadline evaluationDueAt
  replies { round unitName sentAt petitionerSituation policyBasis handlingResult
    responsiblePerson contactPhone }
  milestones { kind at text unitName }
  evaluations { round satisfaction resolution comment source createdAt }
  materials { id text createdAt byPetitioner }
  attachments { id filename contentType size fromReply replyRound createdAt url thumbnailUrl }
  availableActions"""
BY_CODE = "query($c: String!) { petitionByTrackingCode(code: $c) { %s } }" % VIEW
MINE = "{ myPetitions(first: 50) { nodes { %s } pageInfo { hasNextPage } } }" % VIEW
SUBMIT_BY_HOTLINE = """mutation($i: SubmitPetitionInput!) { submitPetition(input: $i) {
  __typename ... on PetitionReceipt { trackingCode } ... on Error { message } } }"""


def hotline_input(external_id: str, title: str = "小区门口垃圾无人清运") -> dict[str, Any]:
    """What the 12345 hotline sends for the demo petitioner (PHONE) in 市南区."""
    return {
        "title": title,
        "content": "垃圾堆放三天无人清理。",
        "category": "LIVELIHOOD",
        "kind": "COMPLAINT",
        "petitionerType": "CITIZEN",
        "petitionerName": "张三",
        "petitionerPhone": PHONE,
        "channel": "HOTLINE_12345",
        "externalId": external_id,
        "districtCode": "SN",
    }


async def submit_by_hotline(api: Api, hotline: str, given: dict[str, Any]) -> str:
    """Sends `given` with the hotline's key; the receipt's tracking code."""
    sent = await api.gql(SUBMIT_BY_HOTLINE, {"i": given}, hotline)
    code: str = sent["submitPetition"]["trackingCode"]
    return code
# The hotline sends the same call again: its receipt carries the petitioner's view.
RESEND_BY_HOTLINE = (
    """mutation($i: SubmitPetitionInput!) { submitPetition(input: $i) {
  __typename ... on PetitionReceipt { created view { %s } } ... on Error { message } } }"""
    % VIEW
)

# Everything here exists in the staff record of the petitions below; none of it may reach a
# petitioner: review notes, assessments, referrals, urges, internal notes, a reply under
# review or rejected, staff names, another petitioner's data — or the petitioner's own name
# and phone, which the view never carries.
FORBIDDEN = [
    "答复过于简单",
    "未履职",
    "内部督办",
    "内部备注",
    "内部延期理由",
    "审核中的答复稿",
    "内部无效理由",
    "王二麻",
    "13900000000",
    "隔壁的私事",
    "用户",
    "-HANDLER",
    "-REVIEWER",
    "-HEAD",
    "-DISPATCHER",
    "-SUPERVISOR",
    "张三",
    PHONE,
    # Files: a staff photo, a reply taken back, a reply in review, review notes.
    "内部现场照",
    "撤回的答复稿",
    "内部审核意见",
]
OWN_PHOTO = "现场照片.jpg"
SENT_DOC = "答复函.pdf"
FORBIDDEN_WORDS = ["referral", "assess", "urge", "review", "note", "timeline", "actor"]

FINAL = dict(
    petitioner_situation="来电反映小区门口垃圾无人清运。",
    policy_basis="《城市市容和环境卫生管理条例》第二十八条",
    handling_result="第二稿：已安排环卫车辆清运。",
    responsible_person="李四",
    contact_phone="0532-88886666",
)
DRAFT = {**FINAL, "handling_result": "审核中的答复稿"}

Step = Callable[[Api, int], Awaitable[Any]]


def _a(api: Api, code: str, role: Role) -> Any:
    return api.city.actor(code, role)


async def _urge(api: Api, pid: int) -> None:
    await closing.urge_petition(_a(api, "QD", Role.SUPERVISOR), pid, T0, note="内部督办：请加快")


async def _dispatch(api: Api, pid: int) -> None:
    await triage.dispatch_petition(
        _a(api, "SN", Role.DISPATCHER),
        pid,
        T0,
        lead_unit_id=api.city.id("SN-CG"),
        note="内部备注：重点关注",
    )


async def _accept(api: Api, pid: int) -> None:
    await handling.accept_petition(_a(api, "SN-CG", Role.HANDLER), pid, T0)
    await handling.request_extension(
        _a(api, "SN-CG", Role.HANDLER), pid, T0, days=2, reason="内部延期理由"
    )


async def attach(actor: Actor, pid: int, name: str, **target: int) -> int:
    data = pdf() if name.endswith(".pdf") else jpeg()
    [row] = await add_attachments(actor, pid, [Upload(name, data)], T0, **target)
    return int(row.id)


async def _in_review(pid: int) -> int:
    return int((await Reply.get(petition_id=pid, status=ReplyStatus.IN_REVIEW)).id)


async def _reviewed(pid: int, reviewer: Actor) -> int:
    return int((await Review.get(reply__petition_id=pid, reviewer_id=reviewer.user_id)).id)


async def _draft(api: Api, pid: int) -> None:
    """A reply with a document, taken back by its author; then another, left in review."""
    handler = _a(api, "SN-CG", Role.HANDLER)
    await handling.submit_reply(handler, pid, T0, **DRAFT)
    await attach(handler, pid, "撤回的答复稿.pdf", reply_id=await _in_review(pid))
    await handling.take_back_reply(handler, pid, T0, reason="重写")
    await handling.submit_reply(handler, pid, T0, **DRAFT)
    await attach(handler, pid, "审核中的答复稿.pdf", reply_id=await _in_review(pid))


async def _reject(api: Api, pid: int) -> None:
    reviewer = _a(api, "SN-CG", Role.REVIEWER)
    await handling.review_reply(reviewer, pid, T0, approve=False, note="答复过于简单")
    await attach(reviewer, pid, "答复过于简单.pdf", review_id=await _reviewed(pid, reviewer))


async def _sign_off(api: Api, pid: int) -> None:
    """The final reply, with its document; the reviewer files a note on it."""
    handler = _a(api, "SN-CG", Role.HANDLER)
    await handling.submit_reply(handler, pid, T0, **FINAL)
    await attach(handler, pid, SENT_DOC, reply_id=await _in_review(pid))
    reviewer = _a(api, "SN-CG", Role.REVIEWER)
    await handling.review_reply(reviewer, pid, T0, approve=True)
    await attach(reviewer, pid, "内部审核意见.pdf", review_id=await _reviewed(pid, reviewer))
    await handling.review_reply(_a(api, "SN-CG", Role.HEAD), pid, T0, approve=True)


async def _send(api: Api, pid: int) -> None:
    await handling.review_reply(_a(api, "SN", Role.DISPATCHER), pid, T0, approve=True)


async def _unhappy(api: Api, pid: int) -> None:
    row = await Petition.get(id=pid)
    await closing.evaluate_petition(
        petitioner(row.petitioner_phone),
        pid,
        T0,
        satisfaction=Satisfaction.UNSATISFIED,
        resolution=Resolution.UNRESOLVED,
        comment="还是没人清运",
    )


async def _second_round(api: Api, pid: int) -> None:
    for step in (_dispatch, _accept, _sign_off, _send, _unhappy):
        await step(api, pid)


async def _assess(api: Api, pid: int) -> None:
    await closing.assess_petition(
        _a(api, "SN", Role.DISPATCHER),
        pid,
        T0,
        result=AssessmentResult.NOT_FULFILLED,
        note="未履职",
    )


async def _referred(api: Api, pid: int) -> None:
    """Another petitioner's petition failed at the same unit first: this assessment makes a
    referral (问责移交)."""
    other = await submit(api.city, petitioner_name="王二麻", petitioner_phone="13900000000")
    await Petition.filter(id=other.id).update(content="隔壁的私事")
    for step in (_dispatch, _accept, _sign_off, _send, _unhappy, _second_round, _assess):
        await step(api, other.id)
    await _assess(api, pid)
    assert await Referral.all().count() == 1


async def _happy(api: Api, pid: int) -> None:
    await closing.evaluate_petition(
        petitioner(PHONE),
        pid,
        T0,
        satisfaction=Satisfaction.SATISFIED,
        resolution=Resolution.RESOLVED,
    )


async def _withdraw(api: Api, pid: int) -> None:
    await closing.withdraw_petition(petitioner(PHONE), pid, T0, reason="已自行解决")


async def _invalid(api: Api, pid: int) -> None:
    await triage.reject_petition(_a(api, "SN", Role.DISPATCHER), pid, T0, reason="内部无效理由")


PATH = [_urge, _dispatch, _accept, _draft, _reject, _sign_off, _send, _unhappy, _second_round]
# name: (steps, state, plain words, replies sent)
CASES: dict[str, tuple[list[Step], str, str, int]] = {
    "triage-urged": (PATH[:1], "TRIAGE", "已受理", 0),
    "assigned": (PATH[:2], "ASSIGNED", "办理中", 0),
    "handling-extension-asked": (PATH[:3], "HANDLING", "办理中", 0),
    "reply-in-unit-review": (PATH[:4], "UNIT_REVIEW", "办理中", 0),
    "reply-rejected-review-note": (PATH[:5], "HANDLING", "办理中", 0),
    "platform-review": (PATH[:6], "PLATFORM_REVIEW", "办理中", 0),
    "awaiting-evaluation": (PATH[:7], "AWAITING_EVALUATION", "已答复", 1),
    "second-round-triage": (PATH[:8], "TRIAGE", "已受理", 1),
    "pending-assessment": (PATH, "PENDING_ASSESSMENT", "已答复", 2),
    "assessed-not-fulfilled-referred": ([*PATH, _referred], "CLOSED", "已办结", 2),
    "closed-evaluated": ([*PATH[:7], _happy], "CLOSED", "已办结", 1),
    "closed-withdrawn": ([*PATH[:3], _withdraw], "CLOSED", "已办结", 0),
    "closed-invalid": ([_urge, _invalid], "CLOSED", "已办结", 0),
}


def _clean(body: Any) -> str:
    text = json.dumps(body, ensure_ascii=False)
    for bad in FORBIDDEN:
        assert bad not in text, (bad, text)
    for word in FORBIDDEN_WORDS:
        assert word not in text.lower(), (word, text)
    return text


@pytest.mark.parametrize("case", list(CASES))
async def test_every_petitioner_path_answers_the_petitioners_view_and_nothing_more(
    api: Api, caplog: pytest.LogCaptureFixture, case: str
) -> None:
    steps, state, words, sent = CASES[case]
    hotline = await api.app_key("QD", ApiClientKind.HOTLINE)
    given = hotline_input(f"12345-{case}")
    code = await submit_by_hotline(api, hotline, given)
    pid = (await Petition.get(tracking_code=code)).id
    await attach(petitioner(PHONE), pid, OWN_PHOTO)
    await attach(_a(api, "SN", Role.DISPATCHER), pid, "内部现场照.jpg")
    for step in steps:
        await step(api, pid)
    assert (await Petition.get(id=pid)).state == state

    token = await sign_in(api, await api.app_key("SN"), PHONE, caplog)
    views = await _views(api, code, token, hotline, given)
    for path, view in views.items():
        assert view["trackingCode"] == code, path
        assert view["statusText"] == words, path
        assert len(view["replies"]) == sent, path
        if sent:
            assert {r["handlingResult"] for r in view["replies"]} == {FINAL["handling_result"]}
        assert view["milestones"][0]["text"] == "已受理"
        if _dispatch in steps:
            assert any(m["text"] == "已派单至SN区城市管理局" for m in view["milestones"]), path
        # Only the petitioner themself may act; the hotline reads.
        acts = view["availableActions"]
        if path.startswith("hotline") or state == "CLOSED":
            assert acts == [], path
        else:
            assert "ADD_MATERIAL" in acts, path
        # Their photo, and the document of each reply the platform sent; nothing else.
        files = view["attachments"]
        assert [(f["filename"], f["fromReply"], f["replyRound"]) for f in files] == [
            (OWN_PHOTO, False, None),
            *[(SENT_DOC, True, n) for n in range(1, sent + 1)],
        ], path
        assert files[0]["contentType"] == "image/jpeg" and files[0]["thumbnailUrl"], path
        assert all(f["contentType"] == "application/pdf" for f in files[1:]), path
    shown = {int(f["id"]) for f in views["token-by-code"]["attachments"]}
    assert await _downloads(api, pid, shown, token, hotline) >= 1  # the staff photo at least
    # A district app's public key alone reads nothing, not even the petitioner's own photo.
    app = {"Authorization": f"Bearer {await api.app_key('SN')}"}
    for file_id in shown:
        assert (await api.client.get(f"/attachments/{file_id}", headers=app)).status_code == 404


async def _views(
    api: Api, code: str, token: str, hotline: str, given: dict[str, Any]
) -> dict[str, dict[str, Any]]:
    """The petition's view on every petitioner path, each checked against forbidden data."""
    bodies = {
        "token-by-code": await api.raw(BY_CODE, {"c": code}, token),
        "token-mine": await api.raw(MINE, None, token),
        "hotline-by-code": await api.raw(BY_CODE, {"c": code}, hotline),
        "hotline-mine": await api.raw(MINE, None, hotline),
        "hotline-receipt": await api.raw(RESEND_BY_HOTLINE, {"i": given}, hotline),
    }
    out = {}
    for path, body in bodies.items():
        assert "errors" not in body, (path, body)
        _clean(body)
        data = body["data"]
        if "submitPetition" in data:
            assert data["submitPetition"]["created"] is False, path
            out[path] = data["submitPetition"]["view"]
        else:
            out[path] = data.get("petitionByTrackingCode") or next(
                n for n in data["myPetitions"]["nodes"] if n["trackingCode"] == code
            )
    return out


async def _downloads(api: Api, pid: int, shown: set[int], token: str, hotline: str) -> int:
    """Every file of the petition, by the petitioner's token and the hotline's key: what the
    view shows downloads (its thumbnail too); everything else is not found. Returns how many
    files were refused."""
    rows = await Attachment.filter(petition_id=pid).order_by("id")
    assert shown <= {r.id for r in rows}
    for row in rows:
        for credential in (token, hotline):
            auth = {"Authorization": f"Bearer {credential}"}
            got = await api.client.get(f"/attachments/{row.id}", headers=auth)
            assert got.status_code == (200 if row.id in shown else 404), (row.filename, got.text)
            if row.id in shown:
                assert got.headers["content-type"] == row.content_type
                magic = b"%PDF-" if row.content_type == "application/pdf" else b"\xff\xd8\xff"
                assert got.content.startswith(magic), row.filename
            if row.thumbnail_key:
                thumb = await api.client.get(f"/attachments/{row.id}/thumbnail", headers=auth)
                assert thumb.status_code == (200 if row.id in shown else 404), row.filename
    return len(rows) - len(shown)


SURVIVOR_PHONE = "13900000000"  # in the forbidden list: the surviving petition's petitioner


async def test_a_merged_petitioner_gets_the_surviving_replys_files_and_never_its_photos(
    api: Api, caplog: pytest.LogCaptureFixture
) -> None:
    city = api.city
    survivor = await submit(
        city, petitioner_name="王二麻", petitioner_phone=SURVIVOR_PHONE, content="隔壁的私事"
    )
    # The survivor's own petitioner's photo: theirs alone.
    theirs = await attach(petitioner(SURVIVOR_PHONE), survivor.id, "隔壁的私事.jpg")
    hotline = await api.app_key("QD", ApiClientKind.HOTLINE)
    given = hotline_input("12345-merged-files", title="门口垃圾堆了三天")
    code = await submit_by_hotline(api, hotline, given)
    merged = await Petition.get(tracking_code=code)
    mine = await attach(petitioner(PHONE), merged.id, OWN_PHOTO)
    await triage.merge_petition(
        _a(api, "SN", Role.DISPATCHER), merged.id, T0, duplicate_of_id=survivor.id
    )
    token = await sign_in(api, await api.app_key("SN"), PHONE, caplog)

    # Handled up to the platform's review: the merged petitioner has only their own photo.
    for step in (_dispatch, _accept, _draft, _reject, _sign_off):
        await step(api, survivor.id)
    for path, view in (await _views(api, code, token, hotline, given)).items():
        assert [f["id"] for f in view["attachments"]] == [str(mine)], path
    assert await _downloads(api, merged.id, {mine}, token, hotline) == 0
    # Their photo, the reply taken back, the rejected one, its review note, the reply in review
    # and its review note.
    assert await _downloads(api, survivor.id, set(), token, hotline) == 6

    # Sent: the reply's document joins their photo on every path; the survivor's petitioner's
    # photo, the drafts and the review notes stay out of reach.
    await _send(api, survivor.id)
    doc = await Attachment.get(petition_id=survivor.id, filename=SENT_DOC)
    for path, view in (await _views(api, code, token, hotline, given)).items():
        files = view["attachments"]
        assert [(f["id"], f["fromReply"]) for f in files] == [
            (str(mine), False),
            (str(doc.id), True),
        ], path
        assert files[1]["url"] == f"/attachments/{doc.id}", path
    assert await _downloads(api, merged.id, {mine}, token, hotline) == 0
    assert await _downloads(api, survivor.id, {doc.id}, token, hotline) == 5
    # The survivor's petitioner still has their own photo; the merged one's is not theirs.
    other = await sign_in(api, await api.app_key("SN"), SURVIVOR_PHONE, caplog)
    auth = {"Authorization": f"Bearer {other}"}
    assert (await api.client.get(f"/attachments/{theirs}", headers=auth)).status_code == 200
    assert (await api.client.get(f"/attachments/{mine}", headers=auth)).status_code == 404
