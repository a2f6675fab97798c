from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('models', '0003_recall')]

    initial = False

    operations = [
        ops.AddField(
            model_name='Petition',
            name='inbox_since',
            field=fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
        ),
        # Petitions already waiting: since the event that last put them into an inbox.
        ops.RunSQL(
            "UPDATE petition SET inbox_since = (SELECT MAX(e.at) FROM event e"
            " WHERE e.petition_id = petition.id AND e.to_state = 'TRIAGE')"
            " WHERE state = 'TRIAGE'",
            reverse_sql="UPDATE petition SET inbox_since = NULL",
        ),
    ]
