from tortoise import migrations
from tortoise.migrations import operations as ops
from workflow.enums import Action
from tortoise import fields
from migrations._state_only import StateOnlyAlterField

# Enum members added on parallel branches meet here: the descriptions only, no database change.
class Migration(migrations.Migration):
    dependencies = [('models', '0018_measures_watch_warnings')]

    initial = False

    operations = [
        StateOnlyAlterField(
            model_name='Event',
            name='action',
            field=fields.CharEnumField(description='SUBMIT: SUBMIT\nDISPATCH: DISPATCH\nESCALATE: ESCALATE\nSEND_BACK: SEND_BACK\nRETURN: RETURN\nREJECT: REJECT\nMERGE: MERGE\nRECALL: RECALL\nACCEPT: ACCEPT\nREQUEST_EXTENSION: REQUEST_EXTENSION\nDECIDE_EXTENSION: DECIDE_EXTENSION\nADD_COOPERATION_OPINION: ADD_COOPERATION_OPINION\nSUBMIT_REPLY: SUBMIT_REPLY\nTAKE_BACK_REPLY: TAKE_BACK_REPLY\nFIRST_CONTACT: FIRST_CONTACT\nREVIEW_REPLY: REVIEW_REPLY\nEVALUATE: EVALUATE\nCLOSE_UNEVALUATED: CLOSE_UNEVALUATED\nASSESS: ASSESS\nURGE: URGE\nWITHDRAW: WITHDRAW\nADD_MATERIAL: ADD_MATERIAL\nVIEW_PERSONAL_DATA: VIEW_PERSONAL_DATA\nATTACH: ATTACH\nLIGHT_YELLOW: LIGHT_YELLOW\nOVERDUE: OVERDUE\nDEADLINE_REMINDER: DEADLINE_REMINDER\nACCEPT_OVERDUE: ACCEPT_OVERDUE', enum_type=Action, max_length=32),
        ),
    ]
