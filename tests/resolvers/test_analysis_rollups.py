"""The analysis reads intake from the daily rollups: every figure they give must equal a
direct count over the petitions, for a scattered history (seeded, so a failure repeats)."""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Callable
from datetime import date, datetime, timedelta

from models import Petition, Topic, Unit
from resolvers.analysis import NO_TOPIC, analyse
from resolvers.intake import submit_petition
from tests.factories import City, build_city, client, draft, submit
from workflow.analysis import TrendBy
from workflow.deadlines import TZ
from workflow.enums import ApiClientKind, Channel, Role

MONTH = date(2023, 3, 1)
CHANNELS = (Channel.WALK_IN, Channel.WECHAT, Channel.WEBSITE, Channel.HOTLINE_12345)


async def scattered_history(city: City, n: int = 48) -> None:
    """Petitions over the 13 months up to April 2023 in both districts, with and without a
    topic or a street, from the hotline and the platforms' own channels; some land within
    minutes of a Shanghai midnight, at the edges of days, weeks and months."""
    assert city.topic is not None
    stall = await Topic.create(code="SRHJ-02", name="占道经营", parent_id=city.topic.parent_id)
    traffic = await Topic.create(code="JTCX", name="交通出行")
    jam = await Topic.create(code="JTCX-01", name="道路拥堵", parent_id=traffic.id)
    topic_codes = (city.topic.code, stall.code, jam.code, traffic.code, None)
    hotline = await client(city, "QD", ApiClientKind.HOTLINE)
    rng = random.Random(20230301)
    edges = (
        datetime(2023, 3, 1, 0, 5),
        datetime(2023, 2, 28, 23, 55),
        datetime(2023, 3, 31, 23, 59),
        datetime(2023, 4, 1, 0, 10),  # the day after the analysed month: counted nowhere
    )
    for i in range(n):
        if i < len(edges):
            when = edges[i].replace(tzinfo=TZ)
        elif i % 3 == 0:  # dense in the analysed month and the one before
            when = datetime(2023, 2, 1, tzinfo=TZ) + timedelta(minutes=rng.randrange(59 * 24 * 60))
        else:
            when = datetime(2022, 3, 20, tzinfo=TZ) + timedelta(
                minutes=rng.randrange(400 * 24 * 60)
            )
        district = rng.choice(("SN", "SB"))
        street = city.id(f"{district}-S01") if rng.random() < 0.7 else None
        topic = rng.choice(topic_codes)
        channel = rng.choice(CHANNELS) if i != len(edges) - 1 else Channel.HOTLINE_12345
        if channel is Channel.HOTLINE_12345:
            await submit_petition(
                hotline,
                draft(
                    channel=channel,
                    district_code=district,
                    street_id=street,
                    topic_code=topic,
                    external_id=f"h{i}",
                ),
                when,
            )
        else:
            await submit(city, district, when, street_id=street, topic_code=topic, channel=channel)


def local(at: datetime) -> date:
    return at.astimezone(TZ).date()


async def direct(district_id: int | None) -> list[tuple[date, int, int | None, str]]:
    """(local day, district, topic, channel) of every petition in scope, straight from the table."""
    qs = Petition.all() if district_id is None else Petition.filter(district_id=district_id)
    rows = await qs.values("created_at", "district_id", "topic_id", "channel")
    return [
        (local(r["created_at"]), r["district_id"], r["topic_id"], str(r["channel"])) for r in rows
    ]


def count(
    rows: list[tuple[date, int, int | None, str]], start: date, end: date, key: Callable
) -> dict:
    out: dict = defaultdict(int)
    for row in rows:
        if start <= row[0] < end:
            out[key(row)] += 1
    return dict(out)


async def test_rollup_figures_equal_a_count_over_petitions(db: str) -> None:
    city = await build_city()
    await scattered_history(city)
    topics = {t.id: t for t in await Topic.all()}
    platforms = {u.id: u.name for u in await Unit.filter(district_code__isnull=False)}

    def area(topic_id: int | None) -> str:
        t = topics.get(topic_id or 0)
        return NO_TOPIC if t is None else (topics[t.parent_id] if t.parent_id else t).name

    def sub(topic_id: int | None) -> str:
        t = topics.get(topic_id or 0)
        return NO_TOPIC if t is None else t.name

    supervisor = city.actor("QD", Role.SUPERVISOR)
    march, feb, april = MONTH, date(2023, 2, 1), date(2023, 4, 1)
    checked = 0
    for district_id in (None, city.id("SN"), city.id("SB")):
        rows = await direct(district_id)
        for by in TrendBy:
            a = await analyse(supervisor, MONTH, by, district_id)
            per_bucket = {p.bucket: p.petitions for p in a.trend}
            first = min(per_bucket)
            for bucket, n in per_bucket.items():
                following = [b for b in per_bucket if b > bucket]
                upto = min(following) if following else april
                assert n == len([r for r in rows if bucket <= r[0] < upto]), (by, bucket)
            assert sum(per_bucket.values()) == len([r for r in rows if first <= r[0] < april])
            assert (a.total, a.total_before) == (
                len([r for r in rows if march <= r[0] < april]),
                len([r for r in rows if feb <= r[0] < march]),
            )
            for shares, key in ((a.areas, area), (a.subtopics, sub)):
                now = count(rows, march, april, lambda r, k=key: k(r[2]))
                old = count(rows, feb, march, lambda r, k=key: k(r[2]))
                assert {s.name: (s.current, s.before) for s in shares} == {
                    k: (now.get(k, 0), old.get(k, 0)) for k in set(now) | set(old)
                }
            now = count(rows, march, april, lambda r: r[3])
            old = count(rows, feb, march, lambda r: r[3])
            assert [(s.key, s.current, s.before) for s in a.channels] == sorted(
                ((k, now.get(k, 0), old.get(k, 0)) for k in set(now) | set(old)),
                key=lambda t: (-t[1], t[0]),
            )
            assert len(a.channel_months) == 12
            for m in a.channel_months:
                nxt = (m.month.replace(day=28) + timedelta(days=4)).replace(day=1)
                hot = count(rows, m.month, nxt, lambda r: r[3] == Channel.HOTLINE_12345.value)
                assert (m.hotline, m.district) == (hot.get(True, 0), hot.get(False, 0)), m.month
            if district_id is None:
                now = count(rows, march, april, lambda r: platforms[r[1]])
                old = count(rows, feb, march, lambda r: platforms[r[1]])
                assert {s.name: (s.current, s.before) for s in a.districts} == {
                    k: (now.get(k, 0), old.get(k, 0)) for k in set(now) | set(old)
                }
            else:
                assert a.districts == []
            checked += a.total
    # The fixture is not empty where it matters: the month itself, both districts, no topic.
    city_rows = await direct(None)
    assert checked >= 3 * 5
    assert any(r[2] is None and march <= r[0] < april for r in city_rows)
    assert len({r[3] for r in city_rows if march <= r[0] < april}) >= 3
