from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.fields.base import OnDelete
from workflow.enums import Action, NotificationKind, StatScope, WarningKind
from tortoise import fields
from migrations._state_only import StateOnlyAlterField
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('models', '0017_place_names')]

    initial = False

    operations = [
        ops.CreateModel(
            name='Notification',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('unit', fields.ForeignKeyField('models.Unit', source_field='unit_id', db_constraint=True, to_field='id', related_name='notifications', on_delete=OnDelete.RESTRICT)),
                ('user', fields.ForeignKeyField('models.User', source_field='user_id', null=True, db_constraint=True, to_field='id', related_name='notifications', on_delete=OnDelete.CASCADE)),
                ('kind', fields.CharEnumField(description='NEW_ASSIGNMENT: NEW_ASSIGNMENT\nYELLOW: YELLOW\nRED: RED\nDEADLINE_REMINDER: DEADLINE_REMINDER\nACCEPT_OVERDUE: ACCEPT_OVERDUE\nURGED: URGED\nREVIEW_WAITING: REVIEW_WAITING\nEXTENSION_DECIDED: EXTENSION_DECIDED\nREFERRAL: REFERRAL', enum_type=NotificationKind, max_length=24)),
                ('petition', fields.ForeignKeyField('models.Petition', source_field='petition_id', null=True, db_constraint=True, to_field='id', related_name='notifications', on_delete=OnDelete.RESTRICT)),
                ('text', fields.CharField(max_length=255)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'notification', 'app': 'models', 'indexes': [Index(fields=['unit_id', 'id'])], 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='NotificationRead',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('notification', fields.ForeignKeyField('models.Notification', source_field='notification_id', db_constraint=True, to_field='id', related_name='reads', on_delete=OnDelete.CASCADE)),
                ('user', fields.ForeignKeyField('models.User', source_field='user_id', db_constraint=True, to_field='id', related_name='notification_reads', on_delete=OnDelete.CASCADE)),
                ('read_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'notification_read', 'app': 'models', 'unique_together': (('user', 'notification'),), 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='StatDaily',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('scope', fields.CharEnumField(description='CITY: CITY\nDISTRICT: DISTRICT\nSTREET: STREET\nUNIT: UNIT\nTOPIC: TOPIC\nCHANNEL: CHANNEL', enum_type=StatScope, max_length=16)),
                ('key', fields.CharField(max_length=32)),
                ('day', fields.DateField()),
                ('district', fields.ForeignKeyField('models.Unit', source_field='district_id', db_constraint=True, to_field='id', related_name='stat_days', on_delete=OnDelete.RESTRICT)),
                ('submitted', fields.IntField(default=0, db_default=0)),
                ('closed', fields.IntField(default=0, db_default=0)),
                ('assigned', fields.IntField(default=0, db_default=0)),
                ('accepted_in_time', fields.IntField(default=0, db_default=0)),
                ('returned', fields.IntField(default=0, db_default=0)),
                ('replies', fields.IntField(default=0, db_default=0)),
                ('replies_on_time', fields.IntField(default=0, db_default=0)),
                ('evaluations', fields.IntField(default=0, db_default=0)),
                ('resolved', fields.IntField(default=0, db_default=0)),
                ('satisfied', fields.IntField(default=0, db_default=0)),
                ('first_evaluations', fields.IntField(default=0, db_default=0)),
                ('second_rounds', fields.IntField(default=0, db_default=0)),
                ('extensions', fields.IntField(default=0, db_default=0)),
                ('urges', fields.IntField(default=0, db_default=0)),
            ],
            options={'table': 'stat_daily', 'app': 'models', 'unique_together': (('scope', 'key', 'day', 'district'),), 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='WarningAck',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('kind', fields.CharEnumField(description='SURGE_TOPIC: SURGE_TOPIC\nSURGE_STREET: SURGE_STREET\nREPEAT_PETITIONER: REPEAT_PETITIONER\nREPEAT_PLACE: REPEAT_PLACE\nMOST_OVERDUE: MOST_OVERDUE\nMOST_RETURNS: MOST_RETURNS', enum_type=WarningKind, max_length=24)),
                ('key', fields.CharField(max_length=64)),
                ('day', fields.DateField()),
                ('unit', fields.ForeignKeyField('models.Unit', source_field='unit_id', db_constraint=True, to_field='id', related_name='warning_acks', on_delete=OnDelete.RESTRICT)),
                ('by', fields.ForeignKeyField('models.User', source_field='by_id', null=True, db_constraint=True, to_field='id', related_name='warning_acks', on_delete=OnDelete.SET_NULL)),
                ('at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'warning_ack', 'app': 'models', 'unique_together': (('unit', 'kind', 'key', 'day'),), 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.AddField(
            model_name='Assignment',
            name='accept_alarmed_at',
            field=fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
        ),
        StateOnlyAlterField(
            model_name='Event',
            name='action',
            field=fields.CharEnumField(description='SUBMIT: SUBMIT\nDISPATCH: DISPATCH\nESCALATE: ESCALATE\nSEND_BACK: SEND_BACK\nRETURN: RETURN\nREJECT: REJECT\nMERGE: MERGE\nRECALL: RECALL\nACCEPT: ACCEPT\nREQUEST_EXTENSION: REQUEST_EXTENSION\nDECIDE_EXTENSION: DECIDE_EXTENSION\nADD_COOPERATION_OPINION: ADD_COOPERATION_OPINION\nSUBMIT_REPLY: SUBMIT_REPLY\nTAKE_BACK_REPLY: TAKE_BACK_REPLY\nFIRST_CONTACT: FIRST_CONTACT\nREVIEW_REPLY: REVIEW_REPLY\nEVALUATE: EVALUATE\nCLOSE_UNEVALUATED: CLOSE_UNEVALUATED\nASSESS: ASSESS\nURGE: URGE\nWITHDRAW: WITHDRAW\nADD_MATERIAL: ADD_MATERIAL\nVIEW_PERSONAL_DATA: VIEW_PERSONAL_DATA\nLIGHT_YELLOW: LIGHT_YELLOW\nOVERDUE: OVERDUE\nDEADLINE_REMINDER: DEADLINE_REMINDER\nACCEPT_OVERDUE: ACCEPT_OVERDUE', enum_type=Action, max_length=32),
        ),
        ops.AddField(
            model_name='Petition',
            name='overdue_noticed_at',
            field=fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
        ),
        ops.AddField(
            model_name='Petition',
            name='reminded_at',
            field=fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
        ),
        ops.AddField(
            model_name='Petition',
            name='yellow_noticed_at',
            field=fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
        ),
    ]
