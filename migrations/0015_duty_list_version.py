from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('models', '0014_campaigns')]

    initial = False

    operations = [
        ops.CreateModel(
            name='DutyListVersion',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('version', fields.BigIntField(default=0)),
                ('stamp', fields.CharField(max_length=32)),
            ],
            options={'table': 'duty_list_version', 'app': 'models', 'pk_attr': 'id', 'table_description': 'One row whose number goes up with every change to any duty list.'},
            bases=['Model'],
        ),
    ]
