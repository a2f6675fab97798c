from tortoise import migrations
from tortoise.migrations import operations as ops
from workflow.enums import Action, AssignmentEnd
from tortoise import fields
from migrations._state_only import StateOnlyAlterField

class Migration(migrations.Migration):
    dependencies = [('models', '0002_client_events')]

    initial = False

    operations = [
        StateOnlyAlterField(
            model_name='Assignment',
            name='end_reason',
            field=fields.CharEnumField(null=True, description='REPLIED: REPLIED\nESCALATED: ESCALATED\nRETURNED: RETURNED\nCLOSED: CLOSED\nRECALLED: RECALLED', enum_type=AssignmentEnd, max_length=16),
        ),
        StateOnlyAlterField(
            model_name='Event',
            name='action',
            field=fields.CharEnumField(description='SUBMIT: SUBMIT\nDISPATCH: DISPATCH\nESCALATE: ESCALATE\nSEND_BACK: SEND_BACK\nRETURN: RETURN\nREJECT: REJECT\nMERGE: MERGE\nRECALL: RECALL\nACCEPT: ACCEPT\nREQUEST_EXTENSION: REQUEST_EXTENSION\nDECIDE_EXTENSION: DECIDE_EXTENSION\nADD_COOPERATION_OPINION: ADD_COOPERATION_OPINION\nSUBMIT_REPLY: SUBMIT_REPLY\nREVIEW_REPLY: REVIEW_REPLY\nEVALUATE: EVALUATE\nCLOSE_UNEVALUATED: CLOSE_UNEVALUATED\nASSESS: ASSESS\nURGE: URGE\nWITHDRAW: WITHDRAW\nVIEW_PERSONAL_DATA: VIEW_PERSONAL_DATA', enum_type=Action, max_length=32),
        ),
    ]
