"""Grow a PostgreSQL database to N petitions in minutes: SQL over generate_series, not the API.

Ten districts and two years: ids grow with time, the last fortnight is still open (every
state), the rest closed with their children (assignment, events, reply, evaluation, some
extensions). Texts come from the demo's petition templates at the districts' own places, plus a
few rare ones, segmented once each by the same rule as intake (workflow/search_text.py).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from demo.texts import PETITION_TEMPLATES, ROADS
from workflow.search_text import document

DISTRICTS = ("SN", "SB", "LC", "LS", "HD", "CY", "JM", "JZ", "PD", "LX")
# One petition in RARE_EVERY gets one of these (so each term occurs a few times per 100k).
RARE_EVERY = 4999
RARE = (
    ("楼上高空抛物砸坏车辆", "{place}一带楼上经常有人高空抛物，昨天砸坏了停在楼下的车。"),
    ("小区充电桩长期损坏", "{place}小区的充电桩坏了两个月，物业一直不修。"),
    ("路边古树枝干断裂", "{place}路边一棵古树枝干断裂，随时可能砸到行人。"),
)
SLOTS = 100  # handling units per district, repeated to fill the slots

# The district follows g % 10, so the state and the handling unit follow g / 10 (independent).
_STATE = """CASE WHEN {age} < 15 THEN (ARRAY['TRIAGE','ASSIGNED','HANDLING','HANDLING',
  'UNIT_REVIEW','PLATFORM_REVIEW','AWAITING_EVALUATION','CLOSED'])[1 + (g / 10) % 8]
  ELSE 'CLOSED' END"""


def text_rows(topic_ids: dict[str, int], district_ids: dict[str, int]) -> list[tuple[Any, ...]]:
    """(district_id, slot, rare, title, content, address, category, kind, complexity,
    topic_id, tsvector) for every template at every place of every district."""
    rows: list[tuple[Any, ...]] = []
    for code in DISTRICTS:
        slot = 0
        for template in PETITION_TEMPLATES:
            for place in ROADS[code]:
                content = template.render(place)
                doc = document(template.title, content, place)
                rows.append(
                    (
                        district_ids[code],
                        slot,
                        False,
                        template.title,
                        content,
                        place,
                        template.category.value,
                        template.kind.value if template.kind else None,
                        template.complexity.value,
                        topic_ids.get(template.topic),
                        doc.tsvector(),
                    )
                )
                slot += 1
        for n, (title, content) in enumerate(RARE):
            place = ROADS[code][0]
            text = content.format(place=place)
            doc = document(title, text, place)
            rows.append(
                (district_ids[code], n, True, title, text, place, "LIVELIHOOD", "COMPLAINT")
                + ("SIMPLE", None, doc.tsvector())
            )
    return rows


async def fill(conn: Any, n: int, now: datetime) -> None:
    """Petitions 1..n with their children; `conn` is an asyncpg connection."""
    districts = {
        r["district_code"]: r["id"]
        for r in await conn.fetch(
            "SELECT id, district_code FROM unit WHERE kind = 'DISTRICT_PLATFORM'"
        )
    }
    topics = {r["code"]: r["id"] for r in await conn.fetch("SELECT id, code FROM topic")}
    await conn.execute(
        """CREATE TEMP TABLE scale_text (district_id int, slot int, rare bool, title text,
        content text, address text, category text, kind text, complexity text, topic_id int,
        tokens text, PRIMARY KEY (district_id, rare, slot))"""
    )
    await conn.copy_records_to_table("scale_text", records=text_rows(topics, districts))
    await conn.execute(
        """CREATE TEMP TABLE scale_unit AS
        SELECT u.district_id, (s.n - 1) AS slot, u.id AS unit_id
        FROM (SELECT id, district_id, row_number() OVER (PARTITION BY district_id ORDER BY id)
                AS k, count(*) OVER (PARTITION BY district_id) AS c
              FROM unit WHERE kind IN ('DISTRICT_DEPARTMENT', 'STREET', 'COMMUNITY')) u
        JOIN generate_series(1, $1::int) s(n) ON (s.n - 1) % u.c = u.k - 1""",
        SLOTS,
    )
    await conn.execute("ALTER TABLE scale_unit ADD PRIMARY KEY (district_id, slot)")
    common = await conn.fetchval("SELECT count(*) FROM scale_text WHERE NOT rare AND slot = 0")
    per_district = await conn.fetchval(
        "SELECT count(*) / $1::int FROM scale_text WHERE NOT rare", common
    )
    await conn.execute(
        "CREATE TEMP TABLE scale_pick AS SELECT g, "
        "($2::int[])[1 + (g::bigint * 7919) % 10] AS d, "
        "$1::timestamptz - interval '730 days' * ($3::int - g) / $3::int AS at, "
        "730.0 * ($3::int - g) / $3::int AS age, "
        "(g % $4::int = 0) AS rare, "
        "CASE WHEN g % $4::int = 0 THEN (g / $4::int) % $5::int "
        "ELSE ((g / 10) * 131) % $6::int END AS slot "
        "FROM generate_series(1, $3::int) g",
        now,
        [districts[c] for c in DISTRICTS],
        n,
        RARE_EVERY,
        len(RARE),
        per_district,
    )
    await conn.execute("ALTER TABLE scale_pick ADD PRIMARY KEY (g)")
    state = _STATE.format(age="p.age")
    await conn.execute(
        f"""INSERT INTO petition (id, tracking_code, channel, title, content, category, kind,
        complexity, topic_id, petitioner_type, petitioner_name, petitioner_phone, anonymous,
        address, district_id, state, round, platform_id, handling_unit_id, review_stage,
        time_limit_days, clock_started_at, deadline, original_deadline, yellow_at,
        deadline_estimated, evaluation_due_at, urge_count, closure, intake_unit_id, version,
        created_at, updated_at, closed_at)
        SELECT p.g, u.district_code || to_char(p.at AT TIME ZONE 'Asia/Shanghai', 'YYYYMMDD')
            || lpad((p.g % 1000000)::text, 6, '0'),
          (ARRAY['WECHAT','DISTRICT_APP','HOTLINE_12345','WALK_IN','GRID'])[1 + p.g % 5],
          t.title, t.content, t.category, t.kind, t.complexity, t.topic_id, 'CITIZEN',
          (ARRAY['张','王','李','赵','刘','陈','杨','黄'])[1 + p.g % 8]
            || (ARRAY['伟','芳','娜','敏','静','强','磊','洋','艳'])[1 + p.g % 9],
          '13' || lpad(((p.g::bigint * 7919) % 1000000000)::text, 9, '0'), p.g % 50 = 0,
          t.address, p.d, s.state, 1, p.d,
          CASE WHEN s.state IN ('ASSIGNED','HANDLING','UNIT_REVIEW','PLATFORM_REVIEW')
            THEN su.unit_id END,
          CASE s.state WHEN 'UNIT_REVIEW' THEN 'UNIT_REVIEWER'
            WHEN 'PLATFORM_REVIEW' THEN 'DISTRICT_PLATFORM' END,
          CASE WHEN s.state <> 'TRIAGE' THEN 2 END,
          CASE WHEN s.state <> 'TRIAGE' THEN p.at + interval '1 hour' END,
          CASE WHEN s.state <> 'TRIAGE' THEN p.at + interval '3 days' END,
          CASE WHEN s.state <> 'TRIAGE' THEN p.at + interval '3 days' END,
          CASE WHEN s.state <> 'TRIAGE' THEN p.at + interval '2 days' END,
          false,
          CASE WHEN s.state = 'AWAITING_EVALUATION' THEN p.at + interval '9 days' END,
          0, CASE WHEN s.state = 'CLOSED' THEN 'EVALUATED' END,
          CASE WHEN p.g % 5 = 3 THEN p.d END, 1, p.at, p.at,
          CASE WHEN s.state = 'CLOSED' THEN p.at + interval '4 days' END
        FROM scale_pick p
        JOIN unit u ON u.id = p.d
        JOIN scale_text t ON t.district_id = p.d AND t.rare = p.rare AND t.slot = p.slot
        JOIN scale_unit su ON su.district_id = p.d AND su.slot = (p.g / 10) % {SLOTS}
        CROSS JOIN LATERAL (SELECT {state} AS state) s"""
    )
    await conn.execute("SELECT setval('petition_id_seq', $1::int)", n)
    await conn.execute(
        """INSERT INTO petition_search (petition_id, tokens)
        SELECT p.g, t.tokens::tsvector FROM scale_pick p
        JOIN scale_text t ON t.district_id = p.d AND t.rare = p.rare AND t.slot = p.slot"""
    )
    await _children(conn)
    await conn.execute("VACUUM ANALYZE")


async def _children(conn: Any) -> None:
    handled = "state <> 'TRIAGE'"
    await conn.execute(
        f"""INSERT INTO assignment (petition_id, unit_id, role, round, assigned_by_unit_id,
        assigned_at, deadline, accepted_at, ended_at, end_reason)
        SELECT p.id, COALESCE(p.handling_unit_id, su.unit_id), 'LEAD', 1, p.district_id,
          p.clock_started_at, p.deadline,
          CASE WHEN p.state <> 'ASSIGNED' THEN p.clock_started_at + interval '2 hours' END,
          p.closed_at, CASE WHEN p.state = 'CLOSED' THEN 'REPLIED' END
        FROM petition p JOIN scale_unit su
          ON su.district_id = p.district_id AND su.slot = (p.id / 10) % {SLOTS}
        WHERE p.{handled}"""
    )
    await conn.execute(
        f"""INSERT INTO event (petition_id, at, action, actor_unit_id, actor_role, actor_name,
        from_state, to_state, note, payload)
        SELECT p.id, p.created_at, 'SUBMIT', p.district_id, 'DISPATCHER', '受理员', NULL,
          'TRIAGE', '', '{{}}'::jsonb FROM petition p
        UNION ALL
        SELECT p.id, p.clock_started_at, 'DISPATCH', p.district_id, 'DISPATCHER', '派单员',
          'TRIAGE', 'ASSIGNED', '', '{{}}'::jsonb FROM petition p WHERE p.{handled}
        UNION ALL
        SELECT p.id, p.closed_at, 'EVALUATE', p.district_id, 'PETITIONER', '诉求人',
          'AWAITING_EVALUATION', 'CLOSED', '', '{{}}'::jsonb FROM petition p
        WHERE p.state = 'CLOSED'"""
    )
    await conn.execute(
        """INSERT INTO reply (petition_id, unit_id, round, petitioner_situation, policy_basis,
        handling_result, responsible_person, contact_phone, status, submitted_at,
        to_platform_at, on_time, sent_at)
        SELECT a.petition_id, a.unit_id, 1, '诉求人反映的情况属实。', '相关管理规定。',
          '已安排人员现场处理完毕。', '李四', '0532-88886666',
          CASE WHEN p.state IN ('UNIT_REVIEW','PLATFORM_REVIEW') THEN 'IN_REVIEW' ELSE 'SENT' END,
          a.accepted_at + interval '1 day', a.accepted_at + interval '1 day', true,
          CASE WHEN p.state IN ('AWAITING_EVALUATION','CLOSED')
            THEN a.accepted_at + interval '2 days' END
        FROM assignment a JOIN petition p ON p.id = a.petition_id
        WHERE p.state IN ('UNIT_REVIEW','PLATFORM_REVIEW','AWAITING_EVALUATION','CLOSED')"""
    )
    await conn.execute(
        """INSERT INTO evaluation (petition_id, round, unit_id, satisfaction, resolution,
        comment, source, created_at)
        SELECT p.id, 1, a.unit_id,
          (ARRAY['SATISFIED','BASICALLY_SATISFIED','SATISFIED'])[1 + p.id % 3],
          (ARRAY['RESOLVED','BASICALLY_RESOLVED','RESOLVED'])[1 + p.id % 3], '', 'PETITIONER',
          p.closed_at
        FROM petition p JOIN assignment a ON a.petition_id = p.id WHERE p.state = 'CLOSED'"""
    )
    await conn.execute(
        """INSERT INTO extension (petition_id, unit_id, days, reason, status, requested_at,
        decided_at, decision_note, old_deadline, new_deadline)
        SELECT a.petition_id, a.unit_id, 3, '需要现场勘查',
          CASE WHEN p.state = 'HANDLING' THEN 'PENDING' ELSE 'APPROVED' END,
          a.accepted_at + interval '1 hour',
          CASE WHEN p.state <> 'HANDLING' THEN a.accepted_at + interval '2 hours' END, '',
          p.deadline, p.deadline + interval '3 days'
        FROM assignment a JOIN petition p ON p.id = a.petition_id
        WHERE a.petition_id % 30 = 0 AND p.state NOT IN ('TRIAGE', 'ASSIGNED')"""
    )
