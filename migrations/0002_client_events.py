from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.fields.base import OnDelete
from workflow.enums import ApiClientKind, ExtensionStatus, Role
from tortoise import fields
from tortoise.migrations.constraints import UniqueConstraint
from migrations._state_only import ForgetConstraint, StateOnlyAlterField

class Migration(migrations.Migration):
    dependencies = [('models', '0001_initial')]

    initial = False

    operations = [
        StateOnlyAlterField(
            model_name='Event',
            name='actor_role',
            field=fields.CharEnumField(description='HANDLER: HANDLER\nREVIEWER: REVIEWER\nHEAD: HEAD\nDISPATCHER: DISPATCHER\nSUPERVISOR: SUPERVISOR\nINSPECTOR: INSPECTOR\nGRID_WORKER: GRID_WORKER\nADMIN: ADMIN\nPETITIONER: PETITIONER\nSYSTEM: SYSTEM\nAPI_CLIENT: API_CLIENT', enum_type=Role, max_length=16),
        ),
        ops.AddField(
            model_name='Event',
            name='actor_client_kind',
            field=fields.CharEnumField(null=True, description='DISTRICT_APP: DISTRICT_APP\nDEPARTMENT_SYSTEM: DEPARTMENT_SYSTEM\nHOTLINE: HOTLINE', enum_type=ApiClientKind, max_length=32),
        ),
        StateOnlyAlterField(
            model_name='Extension',
            name='status',
            field=fields.CharEnumField(description='PENDING: PENDING\nAPPROVED: APPROVED\nREJECTED: REJECTED\nLAPSED: LAPSED\nWITHDRAWN: WITHDRAWN', enum_type=ExtensionStatus, max_length=16),
        ),
        ForgetConstraint(
            model_name='Petition',
            name=None,
            fields=['intake_unit', 'channel', 'external_id'],
        ),
        ops.AddField(
            model_name='Petition',
            name='submitted_by_key',
            field=fields.ForeignKeyField('models.ApiKey', source_field='submitted_by_key_id', null=True, db_constraint=True, to_field='id', related_name='submitted_petitions', on_delete=OnDelete.RESTRICT),
        ),
        ops.AddConstraint(
            model_name='Petition',
            constraint=UniqueConstraint(fields=('channel', 'external_id'), name=None),
        ),
        StateOnlyAlterField(
            model_name='RoleGrant',
            name='role',
            field=fields.CharEnumField(description='HANDLER: HANDLER\nREVIEWER: REVIEWER\nHEAD: HEAD\nDISPATCHER: DISPATCHER\nSUPERVISOR: SUPERVISOR\nINSPECTOR: INSPECTOR\nGRID_WORKER: GRID_WORKER\nADMIN: ADMIN\nPETITIONER: PETITIONER\nSYSTEM: SYSTEM\nAPI_CLIENT: API_CLIENT', enum_type=Role, max_length=16),
        ),
    ]
