from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.fields.base import OnDelete
from tortoise import fields
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('models', '0013_attachments')]

    initial = False

    operations = [
        ops.CreateModel(
            name='Campaign',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('year', fields.SmallIntField(unique=True)),
                ('title', fields.CharField(max_length=128)),
                ('summary', fields.TextField(default='', unique=False)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'campaign', 'app': 'models', 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='CampaignArea',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('campaign', fields.ForeignKeyField('models.Campaign', source_field='campaign_id', db_constraint=True, to_field='id', related_name='areas', on_delete=OnDelete.CASCADE)),
                ('name', fields.CharField(max_length=64)),
                ('topic', fields.ForeignKeyField('models.Topic', source_field='topic_id', null=True, db_constraint=True, to_field='id', related_name='campaign_areas', on_delete=OnDelete.RESTRICT)),
                ('position', fields.SmallIntField(default=0)),
            ],
            options={'table': 'campaign_area', 'app': 'models', 'unique_together': (('campaign', 'name'),), 'pk_attr': 'id', 'table_description': "One of the campaign's fields of work (领域), usually a first-level topic."},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='CampaignTask',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('campaign', fields.ForeignKeyField('models.Campaign', source_field='campaign_id', db_constraint=True, to_field='id', related_name='tasks', on_delete=OnDelete.CASCADE)),
                ('area', fields.ForeignKeyField('models.CampaignArea', source_field='area_id', db_constraint=True, to_field='id', related_name='tasks', on_delete=OnDelete.RESTRICT)),
                ('position', fields.SmallIntField(default=0)),
                ('title', fields.CharField(max_length=100)),
                ('goal', fields.TextField(default='', unique=False)),
                ('results', fields.TextField(default='', unique=False)),
                ('updated_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'campaign_task', 'app': 'models', 'unique_together': (('campaign', 'title'),), 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='CampaignMilestone',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('task', fields.ForeignKeyField('models.CampaignTask', source_field='task_id', db_constraint=True, to_field='id', related_name='milestones', on_delete=OnDelete.CASCADE)),
                ('title', fields.CharField(max_length=100)),
                ('due_on', fields.DateField()),
                ('planned_percent', fields.SmallIntField()),
                ('done_on', fields.DateField(null=True)),
            ],
            options={'table': 'campaign_milestone', 'app': 'models', 'pk_attr': 'id', 'table_description': 'A planned step: by `due_on` the task should be `planned_percent` done.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='CampaignProgress',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('task', fields.ForeignKeyField('models.CampaignTask', source_field='task_id', db_constraint=True, to_field='id', related_name='progress', on_delete=OnDelete.CASCADE)),
                ('reported_on', fields.DateField()),
                ('percent', fields.SmallIntField()),
                ('note', fields.TextField(unique=False)),
                ('recorded_by', fields.ForeignKeyField('models.User', source_field='recorded_by_id', null=True, db_constraint=True, to_field='id', related_name='campaign_progress', on_delete=OnDelete.SET_NULL)),
                ('recorded_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'campaign_progress', 'app': 'models', 'indexes': [Index(fields=['task_id', 'reported_on'])], 'pk_attr': 'id', 'table_description': 'A progress report: appended, never edited, so the published history cannot be redrawn.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='CampaignTaskTopic',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('task', fields.ForeignKeyField('models.CampaignTask', source_field='task_id', db_constraint=True, to_field='id', related_name='topics', on_delete=OnDelete.CASCADE)),
                ('topic', fields.ForeignKeyField('models.Topic', source_field='topic_id', db_constraint=True, to_field='id', related_name='campaign_tasks', on_delete=OnDelete.RESTRICT)),
            ],
            options={'table': 'campaign_task_topic', 'app': 'models', 'unique_together': (('task', 'topic'),), 'pk_attr': 'id', 'table_description': "A topic whose petitions measure the task's outcome (fewer petitions, better result)."},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='CampaignTaskUnit',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('task', fields.ForeignKeyField('models.CampaignTask', source_field='task_id', db_constraint=True, to_field='id', related_name='units', on_delete=OnDelete.CASCADE)),
                ('unit', fields.ForeignKeyField('models.Unit', source_field='unit_id', db_constraint=True, to_field='id', related_name='campaign_tasks', on_delete=OnDelete.RESTRICT)),
                ('lead', fields.BooleanField(default=False)),
            ],
            options={'table': 'campaign_task_unit', 'app': 'models', 'unique_together': (('task', 'unit'),), 'pk_attr': 'id', 'table_description': 'A unit answerable for a task (公开责任体系): one lead, any number of partners.'},
            bases=['Model'],
        ),
    ]
