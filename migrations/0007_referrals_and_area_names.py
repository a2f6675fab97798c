from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.fields.base import OnDelete
from workflow.enums import ReferralState, ReferralStep, Role
from tortoise import fields
from tortoise.indexes import Index

from migrations._state_only import StateOnlyAlterField

# The administrative names of the areas the platforms serve (DOMAIN §2), by district code.
AREA_NAMES = {
    'SN': '市南区', 'SB': '市北区', 'LC': '李沧区', 'LS': '崂山区', 'HD': '黄岛区',
    'CY': '城阳区', 'JM': '即墨区', 'JZ': '胶州市', 'PD': '平度市', 'LX': '莱西市',
}
FILL_AREA_NAMES = [
    f"UPDATE unit SET area_name = '{name}' "
    f"WHERE kind = 'DISTRICT_PLATFORM' AND district_code = '{code}' AND area_name IS NULL"
    for code, name in AREA_NAMES.items()
] + ["UPDATE unit SET area_name = '青岛市' WHERE kind = 'CITY_PLATFORM' AND area_name IS NULL"]
# Referrals made before they had a history get its first line, as made by the system.
FIRST_HISTORY = [
    "INSERT INTO referral_event (referral_id, step, at, actor_role, actor_name, to_state, note) "
    "SELECT id, 'CREATE', created_at, 'SYSTEM', '系统', 'OPEN', '' FROM referral"
]
# The city's discipline inspection unit (and the organisation department, where it exists
# already) receive referrals.
MARK_REFERRAL_UNITS = ["UPDATE unit SET receives_referrals = TRUE WHERE code IN ('QD-JW', 'QD-ZZB')"]
# An assessment is cited by at most one referral as its first and at most one as its second.
CITE_ONCE = [
    'CREATE UNIQUE INDEX "uid_referral_first_assessment" ON "referral" ("first_assessment_id")',
    'CREATE UNIQUE INDEX "uid_referral_second_assessment" ON "referral" ("second_assessment_id")',
]


class Migration(migrations.Migration):
    dependencies = [('models', '0006_reply_aids')]

    initial = False

    operations = [
        ops.CreateModel(
            name='ReferralEvent',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('referral', fields.ForeignKeyField('models.Referral', source_field='referral_id', db_constraint=True, to_field='id', related_name='events', on_delete=OnDelete.RESTRICT)),
                ('step', fields.CharEnumField(description='CREATE: CREATE\nACKNOWLEDGE: ACKNOWLEDGE\nCONCLUDE: CONCLUDE', enum_type=ReferralStep, max_length=16)),
                ('at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('actor_user', fields.ForeignKeyField('models.User', source_field='actor_user_id', null=True, db_constraint=True, to_field='id', related_name='referral_events', on_delete=OnDelete.RESTRICT)),
                ('actor_unit', fields.ForeignKeyField('models.Unit', source_field='actor_unit_id', null=True, db_constraint=True, to_field='id', related_name='referral_events', on_delete=OnDelete.RESTRICT)),
                ('actor_role', fields.CharEnumField(description='HANDLER: HANDLER\nREVIEWER: REVIEWER\nHEAD: HEAD\nDISPATCHER: DISPATCHER\nSUPERVISOR: SUPERVISOR\nINSPECTOR: INSPECTOR\nGRID_WORKER: GRID_WORKER\nADMIN: ADMIN\nPETITIONER: PETITIONER\nSYSTEM: SYSTEM\nAPI_CLIENT: API_CLIENT', enum_type=Role, max_length=16)),
                ('actor_name', fields.CharField(default='', max_length=64)),
                ('from_state', fields.CharEnumField(null=True, description='OPEN: OPEN\nACKNOWLEDGED: ACKNOWLEDGED\nCONCLUDED: CONCLUDED', enum_type=ReferralState, max_length=16)),
                ('to_state', fields.CharEnumField(description='OPEN: OPEN\nACKNOWLEDGED: ACKNOWLEDGED\nCONCLUDED: CONCLUDED', enum_type=ReferralState, max_length=16)),
                ('note', fields.TextField(default='', unique=False)),
            ],
            options={'table': 'referral_event', 'app': 'models', 'indexes': [Index(fields=['referral_id', 'id'])], 'pk_attr': 'id', 'table_description': "A referral's own history (who, as which unit and role, when, what): append-only."},
            bases=['Model'],
        ),
        ops.AlterModelOptions(
            name='Referral',
            options={'table': 'referral', 'app': 'models', 'pk_attr': 'id', 'table_description': 'Hand-over of a unit to accountability (问责移交) after two failed assessments in a row.'},
        ),
        # Only uniqueness changed: the unique indexes below give it on both databases (SQLite's
        # table rebuild for an altered column would leave it out), without a rebuild.
        StateOnlyAlterField(
            model_name='Referral',
            name='first_assessment',
            field=fields.ForeignKeyField('models.Assessment', source_field='first_assessment_id', unique=True, db_constraint=True, to_field='id', related_name='referrals_first', on_delete=OnDelete.RESTRICT),
        ),
        StateOnlyAlterField(
            model_name='Referral',
            name='second_assessment',
            field=fields.ForeignKeyField('models.Assessment', source_field='second_assessment_id', unique=True, db_constraint=True, to_field='id', related_name='referrals_second', on_delete=OnDelete.RESTRICT),
        ),
        ops.AddField(
            model_name='Referral',
            name='acknowledged_at',
            field=fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
        ),
        ops.AddField(
            model_name='Referral',
            name='concluded_at',
            field=fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
        ),
        ops.AddField(
            model_name='Referral',
            name='result',
            field=fields.TextField(default='', db_default='', unique=False),
        ),
        ops.AddField(
            model_name='Referral',
            name='state',
            field=fields.CharEnumField(default=ReferralState.OPEN, description='OPEN: OPEN\nACKNOWLEDGED: ACKNOWLEDGED\nCONCLUDED: CONCLUDED', db_default='OPEN', enum_type=ReferralState, max_length=16),
        ),
        ops.AddField(
            model_name='Referral',
            name='version',
            field=fields.IntField(default=1, db_default=1),
        ),
        ops.AddField(
            model_name='Unit',
            name='area_name',
            field=fields.CharField(null=True, max_length=32),
        ),
        ops.AddField(
            model_name='Unit',
            name='receives_referrals',
            field=fields.BooleanField(default=False, db_default=False),
        ),
        ops.RunSQL(CITE_ONCE, reverse_sql=[
            'DROP INDEX "uid_referral_first_assessment"',
            'DROP INDEX "uid_referral_second_assessment"',
        ]),
        ops.RunSQL(FIRST_HISTORY, reverse_sql=["DELETE FROM referral_event"]),
        ops.RunSQL(FILL_AREA_NAMES, reverse_sql=["UPDATE unit SET area_name = NULL"]),
        ops.RunSQL(MARK_REFERRAL_UNITS, reverse_sql=["UPDATE unit SET receives_referrals = FALSE"]),
    ]
