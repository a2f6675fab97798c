from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('models', '0019_enum_descriptions')]

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
    ]
