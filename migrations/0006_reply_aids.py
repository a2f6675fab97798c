from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.fields.base import OnDelete
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('models', '0005_reply_take_back_first_contact')]

    initial = False

    operations = [
        ops.CreateModel(
            name='ReplyDraft',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('petition', fields.ForeignKeyField('models.Petition', source_field='petition_id', db_constraint=True, to_field='id', related_name='reply_drafts', on_delete=OnDelete.CASCADE)),
                ('author', fields.ForeignKeyField('models.User', source_field='author_id', db_constraint=True, to_field='id', related_name='reply_drafts', on_delete=OnDelete.CASCADE)),
                ('petitioner_situation', fields.TextField(default='', unique=False)),
                ('policy_basis', fields.TextField(default='', unique=False)),
                ('handling_result', fields.TextField(default='', unique=False)),
                ('responsible_person', fields.CharField(default='', max_length=64)),
                ('contact_phone', fields.CharField(default='', max_length=32)),
                ('updated_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'reply_draft', 'app': 'models', 'unique_together': (('petition', 'author'),), 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='ReplyTemplate',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('unit', fields.ForeignKeyField('models.Unit', source_field='unit_id', db_constraint=True, to_field='id', related_name='reply_templates', on_delete=OnDelete.RESTRICT)),
                ('title', fields.CharField(max_length=64)),
                ('policy_basis', fields.TextField(default='', unique=False)),
                ('handling_result', fields.TextField(default='', unique=False)),
                ('created_by', fields.ForeignKeyField('models.User', source_field='created_by_id', null=True, db_constraint=True, to_field='id', related_name='reply_templates', on_delete=OnDelete.SET_NULL)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('retired_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'reply_template', 'app': 'models', 'pk_attr': 'id'},
            bases=['Model'],
        ),
    ]
