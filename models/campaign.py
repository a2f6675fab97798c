"""The yearly campaign (攻坚行动): its areas, tasks, who answers for each task, the plan and
the reported progress. Published to the public, so nothing here holds personal data except
who recorded a progress report (never shown publicly)."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model

from models.org import Topic, Unit, User


class Campaign(Model):
    id = fields.IntField(primary_key=True)
    year = fields.SmallIntField(unique=True)
    title = fields.CharField(max_length=128)
    summary = fields.TextField(default="")
    created_at = fields.DatetimeField()

    class Meta:
        table = "campaign"


class CampaignArea(Model):
    """One of the campaign's fields of work (领域), usually a first-level topic."""

    id = fields.IntField(primary_key=True)
    campaign: fields.ForeignKeyRelation[Campaign] = fields.ForeignKeyField(
        "models.Campaign", related_name="areas", on_delete=fields.CASCADE
    )
    name = fields.CharField(max_length=64)
    topic: fields.ForeignKeyNullableRelation[Topic] = fields.ForeignKeyField(
        "models.Topic", related_name="campaign_areas", null=True, on_delete=fields.RESTRICT
    )
    position = fields.SmallIntField(default=0)

    campaign_id: int
    topic_id: int | None

    class Meta:
        table = "campaign_area"
        unique_together = (("campaign", "name"),)


class CampaignTask(Model):
    id = fields.IntField(primary_key=True)
    campaign: fields.ForeignKeyRelation[Campaign] = fields.ForeignKeyField(
        "models.Campaign", related_name="tasks", on_delete=fields.CASCADE
    )
    area: fields.ForeignKeyRelation[CampaignArea] = fields.ForeignKeyField(
        "models.CampaignArea", related_name="tasks", on_delete=fields.RESTRICT
    )
    position = fields.SmallIntField(default=0)
    title = fields.CharField(max_length=100)
    goal = fields.TextField(default="")
    # The stage results published so far (公开阶段成果), written by the campaign's staff.
    results = fields.TextField(default="")
    updated_at = fields.DatetimeField()

    campaign_id: int
    area_id: int

    class Meta:
        table = "campaign_task"
        unique_together = (("campaign", "title"),)


class CampaignTaskUnit(Model):
    """A unit answerable for a task (公开责任体系): one lead, any number of partners."""

    id = fields.IntField(primary_key=True)
    task: fields.ForeignKeyRelation[CampaignTask] = fields.ForeignKeyField(
        "models.CampaignTask", related_name="units", on_delete=fields.CASCADE
    )
    unit: fields.ForeignKeyRelation[Unit] = fields.ForeignKeyField(
        "models.Unit", related_name="campaign_tasks", on_delete=fields.RESTRICT
    )
    lead = fields.BooleanField(default=False)

    task_id: int
    unit_id: int

    class Meta:
        table = "campaign_task_unit"
        unique_together = (("task", "unit"),)


class CampaignTaskTopic(Model):
    """A topic whose petitions measure the task's outcome (fewer petitions, better result)."""

    id = fields.IntField(primary_key=True)
    task: fields.ForeignKeyRelation[CampaignTask] = fields.ForeignKeyField(
        "models.CampaignTask", related_name="topics", on_delete=fields.CASCADE
    )
    topic: fields.ForeignKeyRelation[Topic] = fields.ForeignKeyField(
        "models.Topic", related_name="campaign_tasks", on_delete=fields.RESTRICT
    )

    task_id: int
    topic_id: int

    class Meta:
        table = "campaign_task_topic"
        unique_together = (("task", "topic"),)


class CampaignMilestone(Model):
    """A planned step: by `due_on` the task should be `planned_percent` done."""

    id = fields.IntField(primary_key=True)
    task: fields.ForeignKeyRelation[CampaignTask] = fields.ForeignKeyField(
        "models.CampaignTask", related_name="milestones", on_delete=fields.CASCADE
    )
    title = fields.CharField(max_length=100)
    due_on = fields.DateField()
    planned_percent = fields.SmallIntField()
    done_on = fields.DateField(null=True)

    task_id: int

    class Meta:
        table = "campaign_milestone"


class CampaignProgress(Model):
    """A progress report: appended, never edited, so the published history cannot be redrawn."""

    id = fields.IntField(primary_key=True)
    task: fields.ForeignKeyRelation[CampaignTask] = fields.ForeignKeyField(
        "models.CampaignTask", related_name="progress", on_delete=fields.CASCADE
    )
    reported_on = fields.DateField()
    percent = fields.SmallIntField()
    note = fields.TextField()
    recorded_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="campaign_progress", null=True, on_delete=fields.SET_NULL
    )
    recorded_at = fields.DatetimeField()

    task_id: int

    class Meta:
        table = "campaign_progress"
        indexes = (("task_id", "reported_on"),)
