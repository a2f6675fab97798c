from tortoise import migrations
from tortoise.migrations import operations as ops
from workflow.enums import AuditAction
from tortoise import fields
from migrations._state_only import StateOnlyAlterField

# Resetting a password makes the user choose a new one at next login; three new audit actions
# (an enum-only change: descriptions, no database change).
class Migration(migrations.Migration):
    dependencies = [('models', '0020_assignment_unit_petition')]

    initial = False

    operations = [
        StateOnlyAlterField(
            model_name='AdminAudit',
            name='action',
            field=fields.CharEnumField(description='UNIT_CREATED: UNIT_CREATED\nUSER_CREATED: USER_CREATED\nROLE_GRANTED: ROLE_GRANTED\nGRANT_ENDED: GRANT_ENDED\nAPI_KEY_CREATED: API_KEY_CREATED\nAPI_KEY_REVOKED: API_KEY_REVOKED\nCALENDAR_CHANGED: CALENDAR_CHANGED\nCALENDAR_OVERRIDE_DELETED: CALENDAR_OVERRIDE_DELETED\nUSER_DEACTIVATED: USER_DEACTIVATED\nUSER_REACTIVATED: USER_REACTIVATED\nPASSWORD_RESET: PASSWORD_RESET', enum_type=AuditAction, max_length=32),
        ),
        ops.AddField(
            model_name='User',
            name='must_change_password',
            field=fields.BooleanField(default=False, db_default=False),
        ),
    ]
