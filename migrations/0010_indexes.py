"""Indexes for every foreign key read by petition, the tenant scopes and the queue orders.

The partial indexes (open petitions only) are plain SQL that SQLite and PostgreSQL both
accept; Tortoise's PartialIndex can only say `column = value`.
"""

from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.indexes import Index


class Migration(migrations.Migration):
    dependencies = [("models", "0009_admin_audit")]

    initial = False

    operations = [
        ops.AddIndex(
            model_name="Assessment",
            index=Index(fields=["petition_id"], name="assessment_petition"),
        ),
        ops.AddIndex(
            model_name="Assessment",
            index=Index(fields=["unit_id", "created_at", "id"], name="assessment_unit"),
        ),
        ops.AddIndex(
            model_name="Assignment",
            index=Index(fields=["petition_id", "ended_at"], name="assignment_petition"),
        ),
        ops.AddIndex(
            model_name="CooperationOpinion",
            index=Index(fields=["petition_id"], name="opinion_petition"),
        ),
        ops.AddIndex(
            model_name="Extension",
            index=Index(fields=["petition_id", "status"], name="extension_petition"),
        ),
        ops.AddIndex(
            model_name="Extension",
            index=Index(fields=["status", "petition_id"], name="extension_status"),
        ),
        ops.AddIndex(
            model_name="Petition",
            index=Index(fields=["district_id", "id"], name="petition_district_newest"),
        ),
        ops.AddIndex(
            model_name="Petition",
            index=Index(fields=["platform_id", "state", "id"], name="petition_platform_state"),
        ),
        ops.AddIndex(
            model_name="Petition",
            index=Index(
                fields=["platform_id", "state", "deadline", "id"], name="petition_platform_due"
            ),
        ),
        ops.AddIndex(
            model_name="Petition",
            index=Index(
                fields=["handling_unit_id", "state", "deadline", "id"], name="petition_unit_due"
            ),
        ),
        ops.AddIndex(
            model_name="Petition",
            index=Index(
                fields=["district_id", "state", "deadline", "id"], name="petition_district_due"
            ),
        ),
        ops.AddIndex(
            model_name="Petition",
            index=Index(fields=["topic_id", "id"], name="petition_topic"),
        ),
        ops.AddIndex(
            model_name="Petition",
            index=Index(fields=["intake_unit_id"], name="petition_intake_unit"),
        ),
        ops.AddIndex(
            model_name="Referral",
            index=Index(fields=["unit_id"], name="referral_unit"),
        ),
        ops.AddIndex(
            model_name="Reply",
            index=Index(fields=["petition_id", "status"], name="reply_petition"),
        ),
        ops.AddIndex(
            model_name="Review",
            index=Index(fields=["reply_id"], name="review_reply"),
        ),
        ops.AddIndex(
            model_name="Urge",
            index=Index(fields=["petition_id"], name="urge_petition"),
        ),
        ops.RunSQL(
            [
                # The running clocks, soonest first: overdue lists, lights, deadline order.
                "CREATE INDEX petition_clock_due ON petition (deadline, id) "
                "WHERE state IN ('ASSIGNED', 'HANDLING', 'UNIT_REVIEW') AND deadline IS NOT NULL",
                # Every open petition, soonest first (the deadline order of `everything`).
                "CREATE INDEX petition_open_due ON petition (deadline, id) "
                "WHERE state <> 'CLOSED' AND deadline IS NOT NULL",
                # The sweep of replies nobody evaluated.
                "CREATE INDEX petition_evaluation_due ON petition (evaluation_due_at) "
                "WHERE state = 'AWAITING_EVALUATION'",
            ],
            reverse_sql=[
                "DROP INDEX petition_clock_due",
                "DROP INDEX petition_open_due",
                "DROP INDEX petition_evaluation_due",
            ],
        ),
    ]
