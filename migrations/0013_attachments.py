from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.fields.base import OnDelete
from workflow.enums import Action
from tortoise import fields
from tortoise.indexes import Index
from migrations._state_only import StateOnlyAlterField

class Migration(migrations.Migration):
    dependencies = [('models', '0012_catalog')]

    initial = False

    operations = [
        ops.CreateModel(
            name='Attachment',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('petition', fields.ForeignKeyField('models.Petition', source_field='petition_id', db_constraint=True, to_field='id', related_name='attachments', on_delete=OnDelete.RESTRICT)),
                ('reply', fields.ForeignKeyField('models.Reply', source_field='reply_id', null=True, db_constraint=True, to_field='id', related_name='attachments', on_delete=OnDelete.RESTRICT)),
                ('review', fields.ForeignKeyField('models.Review', source_field='review_id', null=True, db_constraint=True, to_field='id', related_name='attachments', on_delete=OnDelete.RESTRICT)),
                ('uploaded_by', fields.ForeignKeyField('models.User', source_field='uploaded_by_id', null=True, db_constraint=True, to_field='id', related_name='attachments', on_delete=OnDelete.SET_NULL)),
                ('uploaded_by_key', fields.ForeignKeyField('models.ApiKey', source_field='uploaded_by_key_id', null=True, db_constraint=True, to_field='id', related_name='attachments', on_delete=OnDelete.RESTRICT)),
                ('by_petitioner', fields.BooleanField(default=False)),
                ('uploader_name', fields.CharField(default='', max_length=64)),
                ('filename', fields.CharField(max_length=255)),
                ('content_type', fields.CharField(max_length=64)),
                ('size', fields.IntField()),
                ('sha256', fields.CharField(max_length=64)),
                ('stored_key', fields.CharField(unique=True, max_length=255)),
                ('thumbnail_key', fields.CharField(null=True, max_length=255)),
                ('is_site_location', fields.BooleanField(default=False)),
                ('lat', fields.FloatField(null=True)),
                ('lng', fields.FloatField(null=True)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'attachment', 'app': 'models', 'indexes': [Index(fields=['petition_id', 'id'])], 'pk_attr': 'id'},
            bases=['Model'],
        ),
        # Only the enum's description changes: the column stays a VARCHAR(32).
        StateOnlyAlterField(
            model_name='Event',
            name='action',
            field=fields.CharEnumField(description='SUBMIT: SUBMIT\nDISPATCH: DISPATCH\nESCALATE: ESCALATE\nSEND_BACK: SEND_BACK\nRETURN: RETURN\nREJECT: REJECT\nMERGE: MERGE\nRECALL: RECALL\nACCEPT: ACCEPT\nREQUEST_EXTENSION: REQUEST_EXTENSION\nDECIDE_EXTENSION: DECIDE_EXTENSION\nADD_COOPERATION_OPINION: ADD_COOPERATION_OPINION\nSUBMIT_REPLY: SUBMIT_REPLY\nTAKE_BACK_REPLY: TAKE_BACK_REPLY\nFIRST_CONTACT: FIRST_CONTACT\nREVIEW_REPLY: REVIEW_REPLY\nEVALUATE: EVALUATE\nCLOSE_UNEVALUATED: CLOSE_UNEVALUATED\nASSESS: ASSESS\nURGE: URGE\nWITHDRAW: WITHDRAW\nADD_MATERIAL: ADD_MATERIAL\nVIEW_PERSONAL_DATA: VIEW_PERSONAL_DATA\nATTACH: ATTACH', enum_type=Action, max_length=32),
        ),
    ]
