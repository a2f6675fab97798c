from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.fields.base import OnDelete
from workflow.enums import Action
from tortoise import fields
from tortoise.indexes import Index
from migrations._state_only import StateOnlyAlterField

class Migration(migrations.Migration):
    dependencies = [('models', '0007_referrals_and_area_names')]

    initial = False

    operations = [
        ops.CreateModel(
            name='Attempt',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('kind', fields.CharField(max_length=16)),
                ('key', fields.CharField(max_length=64)),
                ('at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'attempt', 'app': 'models', 'indexes': [Index(fields=['kind', 'key', 'at'])], 'pk_attr': 'id', 'table_description': 'One counted attempt (a code requested, a wrong code) under a key such as an address.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Material',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('petition', fields.ForeignKeyField('models.Petition', source_field='petition_id', db_constraint=True, to_field='id', related_name='materials', on_delete=OnDelete.RESTRICT)),
                ('text', fields.TextField(unique=False)),
                ('by_petitioner', fields.BooleanField()),
                ('recorded_by', fields.ForeignKeyField('models.User', source_field='recorded_by_id', null=True, db_constraint=True, to_field='id', related_name='materials_recorded', on_delete=OnDelete.SET_NULL)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'material', 'app': 'models', 'indexes': [Index(fields=['petition_id', 'id'])], 'pk_attr': 'id', 'table_description': 'A text note added to a petition for its petitioner (新增材料).'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='PetitionerCode',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('phone', fields.CharField(max_length=20)),
                ('code_hash', fields.CharField(max_length=64)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('expires_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('attempts', fields.SmallIntField(default=0)),
                ('used_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('requested_by_key', fields.ForeignKeyField('models.ApiKey', source_field='requested_by_key_id', null=True, db_constraint=True, to_field='id', related_name='petitioner_codes', on_delete=OnDelete.RESTRICT)),
            ],
            options={'table': 'petitioner_code', 'app': 'models', 'indexes': [Index(fields=['phone', 'created_at'])], 'pk_attr': 'id', 'table_description': 'A one-time code sent to a phone, of which only an HMAC of (phone, code) is kept.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='PetitionerSession',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('token_hash', fields.CharField(unique=True, max_length=64)),
                ('phone', fields.CharField(max_length=20)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('expires_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('revoked_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'petitioner_session', 'app': 'models', 'pk_attr': 'id', 'table_description': 'A short-lived petitioner token, scoped to the phone they proved (only its hash is kept).'},
            bases=['Model'],
        ),
        StateOnlyAlterField(
            model_name='Event',
            name='action',
            field=fields.CharEnumField(description='SUBMIT: SUBMIT\nDISPATCH: DISPATCH\nESCALATE: ESCALATE\nSEND_BACK: SEND_BACK\nRETURN: RETURN\nREJECT: REJECT\nMERGE: MERGE\nRECALL: RECALL\nACCEPT: ACCEPT\nREQUEST_EXTENSION: REQUEST_EXTENSION\nDECIDE_EXTENSION: DECIDE_EXTENSION\nADD_COOPERATION_OPINION: ADD_COOPERATION_OPINION\nSUBMIT_REPLY: SUBMIT_REPLY\nREVIEW_REPLY: REVIEW_REPLY\nEVALUATE: EVALUATE\nCLOSE_UNEVALUATED: CLOSE_UNEVALUATED\nASSESS: ASSESS\nURGE: URGE\nWITHDRAW: WITHDRAW\nADD_MATERIAL: ADD_MATERIAL\nVIEW_PERSONAL_DATA: VIEW_PERSONAL_DATA', enum_type=Action, max_length=32),
        ),
    ]
