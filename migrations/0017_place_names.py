from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.fields.base import OnDelete
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('models', '0016_duty_list_keeping')]

    initial = False

    operations = [
        ops.CreateModel(
            name='PlaceName',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('unit', fields.ForeignKeyField('models.Unit', source_field='unit_id', db_constraint=True, to_field='id', related_name='place_names', on_delete=OnDelete.RESTRICT)),
                ('name', fields.CharField(max_length=64)),
            ],
            options={'table': 'place_name', 'app': 'models', 'unique_together': (('unit', 'name'),), 'pk_attr': 'id'},
            bases=['Model'],
        ),
    ]
