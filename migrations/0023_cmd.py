from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise import fields
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('models', '0022_find')]

    initial = False

    operations = [
        ops.AddField(
            model_name='StatDaily',
            name='first_contacts',
            field=fields.IntField(default=0, db_default=0),
        ),
        ops.AddField(
            model_name='StatDaily',
            name='first_contacts_in_time',
            field=fields.IntField(default=0, db_default=0),
        ),
        ops.AddIndex(
            model_name='Petition',
            index=Index(fields=['petitioner_phone', 'created_at'], name='petition_phone_recent'),
        ),
    ]
