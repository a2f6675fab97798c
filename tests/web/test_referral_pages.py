"""Referrals on the staff screens: the inspectors' home queue, a page per referral with its
two steps, the refusals beside the field, and nothing for anyone else."""

from __future__ import annotations

from datetime import timedelta

from models import Petition, Referral
from tests.factories import T0
from tests.referral_helpers import NF, add_referral_units, assessed
from tests.web.conftest import Web
from workflow.enums import Role


async def _referred(web: Web) -> tuple[Referral, list[Petition]]:
    await add_referral_units(web.city)
    pids = await assessed(web.city, NF, NF)
    web.clock.now = T0 + timedelta(days=10)
    petitions = [await Petition.get(id=pid) for pid in pids]
    return await Referral.get(), petitions


async def test_an_inspector_lands_on_the_referral_queue_and_acts_on_the_referral_page(
    web: Web,
) -> None:
    referral, petitions = await _referred(web)
    b = await web.signed_in("jw.inspector", ("QD-JW", Role.INSPECTOR))
    home = await b.get("/")
    assert (home.status_code, home.headers["location"]) == (303, "/referrals")
    queue = await b.get("/referrals")
    assert queue.status_code == 200 and "问责移交" in queue.text
    assert f'href="/referrals/{referral.id}"' in queue.text and "待签收" in queue.text
    assert all(p.tracking_code in queue.text for p in petitions)
    assert "SN区城市管理局" in queue.text
    assert 'data-testid="count-referrals">1<' in queue.text  # one waiting to be acknowledged
    assert f"/referrals/{referral.id}" not in (await b.get("/referrals?state=CONCLUDED")).text

    page = await b.get(f"/referrals/{referral.id}")
    assert page.status_code == 200
    assert all(f'href="/petitions/{p.id}"' in page.text for p in petitions)
    assert "评估：NOT_FULFILLED" in page.text and "未履职" in page.text
    assert 'action="/referrals/%d/acknowledge"' % referral.id in page.text
    assert "/conclude" not in page.text
    # The petitions behind the referral open for the inspector.
    assert (await b.get(f"/petitions/{petitions[0].id}")).status_code == 200

    done = await b.post(
        f"/referrals/{referral.id}/acknowledge", {"text": "已收到", "expected_version": "1"}
    )
    assert (done.status_code, done.headers["location"]) == (303, f"/referrals/{referral.id}")
    assert 'data-testid="count-referrals">0<' in (await b.get("/referrals")).text
    page = await b.get(f"/referrals/{referral.id}")
    assert "已签收" in page.text and 'action="/referrals/%d/conclude"' % referral.id in page.text
    blank = await b.post(f"/referrals/{referral.id}/conclude", {"text": "  "})
    assert blank.status_code == 422 and "请填写处理结果" in blank.text
    assert 'aria-invalid="true"' in blank.text
    stale = await b.post(
        f"/referrals/{referral.id}/conclude", {"text": "约谈", "expected_version": "1"}
    )
    assert stale.status_code == 409 and "已被他人处理" in stale.text
    done = await b.post(f"/referrals/{referral.id}/conclude", {"text": "约谈负责人，限期整改"})
    assert done.status_code == 303
    page = await b.get(f"/referrals/{referral.id}")
    assert "已办结" in page.text and "约谈负责人，限期整改" in page.text
    assert 'action="/referrals/' not in page.text
    history = page.text[page.text.index('data-testid="referral-history"') :]
    assert history.index("移交") < history.index("签收") < history.index("办结")
    assert "市纪委监委" in history


async def test_the_organisation_department_sees_the_queue_and_a_supervisor_only_reads(
    web: Web,
) -> None:
    referral, _ = await _referred(web)
    zzb = await web.signed_in("zzb.inspector", ("QD-ZZB", Role.INSPECTOR))
    assert f"/referrals/{referral.id}" in (await zzb.get("/referrals")).text
    supervisor = await web.signed_in("qd.sup", ("QD", Role.SUPERVISOR))
    home = await supervisor.get("/")
    assert home.status_code == 200 and 'href="/referrals"' in home.text  # a tab of its own
    assert 'data-testid="count-referrals">1<' in home.text
    assert 'data-testid="count-overdue">' in home.text
    page = await supervisor.get(f"/referrals/{referral.id}")
    assert page.status_code == 200 and '<form method="post" action="/referrals' not in page.text
    refused = await supervisor.post(f"/referrals/{referral.id}/acknowledge", {"text": ""})
    assert refused.status_code == 403
    assert (await Referral.get()).state == "OPEN"


async def test_nobody_else_sees_a_referral_or_its_tab(web: Web) -> None:
    referral, _ = await _referred(web)
    for username, grant in (
        ("sn.disp", ("SN", Role.DISPATCHER)),
        ("qd.disp", ("QD", Role.DISPATCHER)),
        ("cg.head", ("SN-CG", Role.HEAD)),
        ("qdcg.insp", ("QD-CG", Role.INSPECTOR)),
    ):
        b = await web.signed_in(username, grant)
        home = await b.get("/")
        assert home.status_code == 200 and 'href="/referrals"' not in home.text, username
        assert f"/referrals/{referral.id}" not in (await b.get("/referrals")).text, username
        assert (await b.get(f"/referrals/{referral.id}")).status_code == 404, username
        post = await b.post(f"/referrals/{referral.id}/acknowledge", {"text": ""})
        assert post.status_code == 404, username
    assert (await Referral.get()).state == "OPEN"
