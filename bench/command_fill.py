"""A large history for the command-centre benchmark, written with SQL over generate_series.

Ten districts over two years; the last OPEN_DAYS days are still open (spread over the open
states, their clocks running, many of them yellow or overdue), the rest closed with a lead
assignment, a reply and an evaluation. Timeline events are not written (no screen measured
here reads them); the daily rollups are aggregated from the same rows with the rules of
resolvers/rollup_rebuild.py (acceptance in time approximated as within 24 hours).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

DISTRICTS = ("SN", "SB", "LC", "LS", "HD", "CY", "JM", "JZ", "PD", "LX")
DAYS = 730
SLOTS = 64

_OPEN = "(ARRAY['TRIAGE','ASSIGNED','HANDLING','HANDLING','UNIT_REVIEW','PLATFORM_REVIEW'])"


async def fill(conn: Any, n: int, open_share: float, now: datetime) -> None:
    """Petitions 1..n; the newest `open_share` of them open. `conn` is asyncpg."""
    districts = [
        r["id"]
        for r in await conn.fetch(
            "SELECT id FROM unit WHERE kind = 'DISTRICT_PLATFORM' ORDER BY district_code"
        )
    ]
    await conn.execute(
        """CREATE TEMP TABLE bench_unit AS
        SELECT u.district_id, (s.n - 1) AS slot, u.id AS unit_id,
          CASE WHEN u.kind = 'STREET' THEN u.id WHEN u.kind = 'COMMUNITY' THEN u.parent_id END
            AS street_id
        FROM (SELECT id, district_id, kind, parent_id,
                row_number() OVER (PARTITION BY district_id ORDER BY id) AS k,
                count(*) OVER (PARTITION BY district_id) AS c
              FROM unit WHERE kind IN ('DISTRICT_DEPARTMENT', 'STREET', 'COMMUNITY')) u
        JOIN generate_series(1, $1::int) s(n) ON (s.n - 1) % u.c = u.k - 1""",
        SLOTS,
    )
    await conn.execute("ALTER TABLE bench_unit ADD PRIMARY KEY (district_id, slot)")
    topics = [r["id"] for r in await conn.fetch("SELECT id FROM topic WHERE parent_id IS NOT NULL")]
    open_from = int(n * (1 - open_share))
    await conn.execute(
        f"""INSERT INTO petition (id, tracking_code, channel, title, content, category, kind,
        complexity, topic_id, petitioner_type, petitioner_name, petitioner_phone, anonymous,
        address, district_id, street_id, state, round, platform_id, handling_unit_id,
        review_stage, time_limit_days, clock_started_at, deadline, original_deadline,
        yellow_at, deadline_estimated, evaluation_due_at, urge_count, closure, version,
        created_at, updated_at, closed_at)
        SELECT g, 'B' || lpad(g::text, 12, '0'),
          (ARRAY['WECHAT','DISTRICT_APP','HOTLINE_12345','WALK_IN','GRID'])[1 + g % 5],
          '小区门口垃圾无人清运', '垃圾堆放多日无人清理。', 'LIVELIHOOD', 'COMPLAINT', 'SIMPLE',
          ($2::int[])[1 + g % array_length($2::int[], 1)], 'CITIZEN', '张三', '13800000000',
          false, '', d, bu.street_id, st, 1, d,
          CASE WHEN st NOT IN ('TRIAGE', 'CLOSED') THEN bu.unit_id END,
          CASE st WHEN 'UNIT_REVIEW' THEN 'UNIT_REVIEWER'
            WHEN 'PLATFORM_REVIEW' THEN 'DISTRICT_PLATFORM' END,
          CASE WHEN st <> 'TRIAGE' THEN 2 END,
          CASE WHEN st <> 'TRIAGE' THEN at + interval '1 hour' END,
          CASE WHEN st <> 'TRIAGE' THEN at + interval '3 days' END,
          CASE WHEN st <> 'TRIAGE' THEN at + interval '3 days' END,
          CASE WHEN st <> 'TRIAGE' THEN at + interval '2 days' END,
          false, NULL, 0, CASE WHEN st = 'CLOSED' THEN 'EVALUATED' END, 1, at, at,
          CASE WHEN st = 'CLOSED' THEN at + interval '4 days' END
        FROM (SELECT g, ($1::int[])[1 + ((g::bigint * 7919) % 10)::int] AS d,
                $3::timestamptz - interval '{DAYS} days' * ($4::int - g) / $4::int AS at,
                CASE WHEN g > $5::int THEN {_OPEN}[1 + g % 6] ELSE 'CLOSED' END AS st
              FROM generate_series(1, $4::int) g) p
        JOIN bench_unit bu ON bu.district_id = p.d AND bu.slot = p.g % {SLOTS}""",
        districts,
        topics,
        now,
        n,
        open_from,
    )
    await conn.execute("SELECT setval('petition_id_seq', $1::int)", n)
    await _children(conn)
    await _rollups(conn)
    await conn.execute("ANALYZE")


async def _children(conn: Any) -> None:
    await conn.execute(
        """INSERT INTO assignment (petition_id, unit_id, role, round, assigned_by_unit_id,
        assigned_at, deadline, accepted_at, ended_at, end_reason)
        SELECT id, COALESCE(handling_unit_id, district_id), 'LEAD', 1, district_id,
          clock_started_at, deadline,
          CASE WHEN state <> 'ASSIGNED'
            THEN clock_started_at + CASE WHEN id % 7 = 0 THEN interval '30 hours'
              ELSE interval '2 hours' END END,
          closed_at, CASE WHEN state = 'CLOSED' THEN 'REPLIED' END
        FROM petition WHERE state <> 'TRIAGE'"""
    )
    await conn.execute(
        """INSERT INTO reply (petition_id, unit_id, round, petitioner_situation, policy_basis,
        handling_result, responsible_person, contact_phone, status, submitted_at,
        to_platform_at, on_time, sent_at)
        SELECT a.petition_id, a.unit_id, 1, '情况属实。', '相关规定。', '已处理。', '李四',
          '0532-88886666', CASE WHEN p.state = 'CLOSED' THEN 'SENT' ELSE 'IN_REVIEW' END,
          a.accepted_at + interval '1 day', a.accepted_at + interval '1 day', p.id % 10 <> 0,
          CASE WHEN p.state = 'CLOSED' THEN a.accepted_at + interval '2 days' END
        FROM assignment a JOIN petition p ON p.id = a.petition_id
        WHERE p.state IN ('PLATFORM_REVIEW', 'CLOSED')"""
    )
    await conn.execute(
        """INSERT INTO evaluation (petition_id, round, unit_id, satisfaction, resolution,
        comment, source, created_at)
        SELECT p.id, 1, a.unit_id,
          (ARRAY['SATISFIED','BASICALLY_SATISFIED','SATISFIED','SATISFIED'])[1 + p.id % 4],
          (ARRAY['RESOLVED','BASICALLY_RESOLVED','RESOLVED'])[1 + p.id % 3], '', 'PETITIONER',
          p.closed_at
        FROM petition p JOIN assignment a ON a.petition_id = p.id WHERE p.state = 'CLOSED'"""
    )


_DAY = "(({t}) AT TIME ZONE 'Asia/Shanghai')::date"
_COUNTERS = (
    "submitted",
    "closed",
    "assigned",
    "accepted_in_time",
    "replies",
    "replies_on_time",
    "evaluations",
    "resolved",
    "satisfied",
    "first_evaluations",
)


async def _rollups(conn: Any) -> None:
    zero = {c: "0" for c in _COUNTERS}

    def fact(day: str, unit: str, source: str, where: str = "", **counts: str) -> str:
        cols = ", ".join(f"{v} AS {c}" for c, v in {**zero, **counts}.items())
        return (
            f"SELECT {_DAY.format(t=day)} AS day, p.district_id, p.street_id, p.topic_id, "
            f"p.channel, {unit} AS unit_id, {cols} FROM {source} {where}"
        )

    parts = [
        fact("p.created_at", "NULL::int", "petition p", submitted="1"),
        fact("p.closed_at", "NULL::int", "petition p", "WHERE p.state = 'CLOSED'", closed="1"),
        fact(
            "a.assigned_at",
            "a.unit_id",
            "assignment a JOIN petition p ON p.id = a.petition_id",
            assigned="1",
            accepted_in_time="COALESCE((a.accepted_at < a.assigned_at + interval '1 day')::int, 0)",
        ),
        fact(
            "r.to_platform_at",
            "r.unit_id",
            "reply r JOIN petition p ON p.id = r.petition_id",
            replies="1",
            replies_on_time="r.on_time::int",
        ),
        fact(
            "e.created_at",
            "e.unit_id",
            "evaluation e JOIN petition p ON p.id = e.petition_id",
            evaluations="1",
            resolved="(e.resolution <> 'UNRESOLVED')::int",
            satisfied="(e.satisfaction <> 'UNSATISFIED')::int",
            first_evaluations="1",
        ),
    ]
    await conn.execute("CREATE TEMP TABLE bench_fact AS " + " UNION ALL ".join(parts))
    sums = ", ".join(f"sum({c})" for c in _COUNTERS)
    cols = ", ".join(_COUNTERS)
    for scope, key, where in (
        ("DISTRICT", "''", ""),
        ("STREET", "street_id::text", "WHERE street_id IS NOT NULL"),
        ("UNIT", "unit_id::text", "WHERE unit_id IS NOT NULL"),
        ("TOPIC", "topic_id::text", "WHERE topic_id IS NOT NULL"),
        ("CHANNEL", "channel", ""),
    ):
        await conn.execute(
            f"""INSERT INTO stat_daily (scope, key, day, district_id, {cols})
            SELECT '{scope}', {key}, day, district_id, {sums} FROM bench_fact {where}
            GROUP BY 2, day, district_id"""
        )
