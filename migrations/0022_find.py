from tortoise import migrations
from tortoise.migrations import operations as ops
from workflow.enums import AuditAction
from tortoise import fields
from tortoise.indexes import Index
from migrations._state_only import StateOnlyAlterField

# Personal-data searches and exports in the audit record (enum description only), and an index
# for the exact-name search.
class Migration(migrations.Migration):
    dependencies = [('models', '0021_admin')]

    initial = False

    operations = [
        StateOnlyAlterField(
            model_name='AdminAudit',
            name='action',
            field=fields.CharEnumField(description='UNIT_CREATED: UNIT_CREATED\nUSER_CREATED: USER_CREATED\nROLE_GRANTED: ROLE_GRANTED\nGRANT_ENDED: GRANT_ENDED\nAPI_KEY_CREATED: API_KEY_CREATED\nAPI_KEY_REVOKED: API_KEY_REVOKED\nCALENDAR_CHANGED: CALENDAR_CHANGED\nCALENDAR_OVERRIDE_DELETED: CALENDAR_OVERRIDE_DELETED\nUSER_DEACTIVATED: USER_DEACTIVATED\nUSER_REACTIVATED: USER_REACTIVATED\nPASSWORD_RESET: PASSWORD_RESET\nPERSONAL_DATA_SEARCHED: PERSONAL_DATA_SEARCHED\nPERSONAL_DATA_EXPORTED: PERSONAL_DATA_EXPORTED', enum_type=AuditAction, max_length=32),
        ),
        ops.AddIndex(
            model_name='Petition',
            index=Index(fields=['petitioner_name'], name='petition_name'),
        ),
    ]
