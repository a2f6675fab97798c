from tortoise import migrations
from tortoise.migrations import operations as ops
import functools
from json import dumps, loads
from tortoise.fields.base import OnDelete
from workflow.enums import AuditAction
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('models', '0008_petitioner')]

    initial = False

    operations = [
        ops.CreateModel(
            name='AdminAudit',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('action', fields.CharEnumField(description='UNIT_CREATED: UNIT_CREATED\nUSER_CREATED: USER_CREATED\nROLE_GRANTED: ROLE_GRANTED\nGRANT_ENDED: GRANT_ENDED\nAPI_KEY_CREATED: API_KEY_CREATED\nAPI_KEY_REVOKED: API_KEY_REVOKED\nCALENDAR_CHANGED: CALENDAR_CHANGED\nCALENDAR_OVERRIDE_DELETED: CALENDAR_OVERRIDE_DELETED', enum_type=AuditAction, max_length=32)),
                ('actor_user', fields.ForeignKeyField('models.User', source_field='actor_user_id', null=True, db_constraint=True, to_field='id', related_name='audit_entries', on_delete=OnDelete.RESTRICT)),
                ('actor_unit', fields.ForeignKeyField('models.Unit', source_field='actor_unit_id', null=True, db_constraint=True, to_field='id', related_name='audit_entries_made', on_delete=OnDelete.RESTRICT)),
                ('actor_name', fields.CharField(max_length=128)),
                ('target', fields.CharField(max_length=32)),
                ('target_id', fields.BigIntField(null=True)),
                ('district', fields.ForeignKeyField('models.Unit', source_field='district_id', null=True, db_constraint=True, to_field='id', related_name='audit_entries', on_delete=OnDelete.RESTRICT)),
                ('before', fields.JSONField(null=True, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('after', fields.JSONField(null=True, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
            ],
            options={'table': 'admin_audit', 'app': 'models', 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.AddField(
            model_name='RoleGrant',
            name='ended_at',
            field=fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
        ),
        ops.AddField(
            model_name='RoleGrant',
            name='ended_by',
            field=fields.ForeignKeyField('models.User', source_field='ended_by_id', null=True, db_constraint=True, to_field='id', related_name='grants_ended', on_delete=OnDelete.RESTRICT),
        ),
        ops.AddField(
            model_name='RoleGrant',
            name='granted_at',
            field=fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
        ),
        ops.AddField(
            model_name='RoleGrant',
            name='granted_by',
            field=fields.ForeignKeyField('models.User', source_field='granted_by_id', null=True, db_constraint=True, to_field='id', related_name='grants_given', on_delete=OnDelete.RESTRICT),
        ),
    ]
