from tortoise import migrations
from tortoise.migrations import operations as ops
import functools
from json import dumps, loads
from tortoise.fields.base import OnDelete
from workflow.duty_lists import DutyChangeKind, ProposalStatus
from tortoise import fields
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('models', '0015_duty_list_version')]

    initial = False

    operations = [
        ops.CreateModel(
            name='DutyItemProposal',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('unit', fields.ForeignKeyField('models.Unit', source_field='unit_id', db_constraint=True, to_field='id', related_name='duty_proposals', on_delete=OnDelete.RESTRICT)),
                ('item', fields.ForeignKeyField('models.DutyItem', source_field='item_id', null=True, db_constraint=True, to_field='id', related_name='proposals', on_delete=OnDelete.RESTRICT)),
                ('kind', fields.CharEnumField(description='CREATE: CREATE\nUPDATE: UPDATE\nRETIRE: RETIRE', enum_type=DutyChangeKind, max_length=16)),
                ('proposed', fields.JSONField(default=dict, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('reason', fields.TextField(default='', unique=False)),
                ('proposed_by', fields.ForeignKeyField('models.User', source_field='proposed_by_id', null=True, db_constraint=True, to_field='id', related_name='duty_proposals', on_delete=OnDelete.SET_NULL)),
                ('proposed_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('status', fields.CharEnumField(default=ProposalStatus.PENDING, description='PENDING: PENDING\nAPPROVED: APPROVED\nREJECTED: REJECTED', enum_type=ProposalStatus, max_length=16)),
                ('decided_by', fields.ForeignKeyField('models.User', source_field='decided_by_id', null=True, db_constraint=True, to_field='id', related_name='duty_decisions', on_delete=OnDelete.SET_NULL)),
                ('decided_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('decision_note', fields.TextField(default='', unique=False)),
            ],
            options={'table': 'duty_item_proposal', 'app': 'models', 'pk_attr': 'id', 'table_description': "A unit head's proposed change to their unit's list, decided by the keeping platform."},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='DutyItemChange',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('item', fields.ForeignKeyField('models.DutyItem', source_field='item_id', db_constraint=True, to_field='id', related_name='changes', on_delete=OnDelete.RESTRICT)),
                ('kind', fields.CharEnumField(description='CREATE: CREATE\nUPDATE: UPDATE\nRETIRE: RETIRE', enum_type=DutyChangeKind, max_length=16)),
                ('by_user', fields.ForeignKeyField('models.User', source_field='by_user_id', null=True, db_constraint=True, to_field='id', related_name='duty_changes', on_delete=OnDelete.SET_NULL)),
                ('by_unit', fields.ForeignKeyField('models.Unit', source_field='by_unit_id', null=True, db_constraint=True, to_field='id', related_name='duty_changes', on_delete=OnDelete.RESTRICT)),
                ('by_name', fields.CharField(default='', max_length=64)),
                ('at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('before', fields.JSONField(default=dict, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('after', fields.JSONField(default=dict, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('proposal', fields.ForeignKeyField('models.DutyItemProposal', source_field='proposal_id', null=True, db_constraint=True, to_field='id', related_name='changes', on_delete=OnDelete.RESTRICT)),
            ],
            options={'table': 'duty_item_change', 'app': 'models', 'indexes': [Index(fields=['item_id', 'id'])], 'pk_attr': 'id', 'table_description': 'One change of one duty item: who, as which unit, when, and the fields before and after'},
            bases=['Model'],
        ),
        ops.AddField(
            model_name='DutyItem',
            name='active',
            field=fields.BooleanField(default=True, db_default=True),
        ),
        ops.AddField(
            model_name='DutyItem',
            name='retired_at',
            field=fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
        ),
    ]
