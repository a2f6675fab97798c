from tortoise import migrations
from tortoise.migrations import operations as ops
from workflow.enums import Action, ReplyStatus
from tortoise import fields
from migrations._state_only import StateOnlyAlterField

class Migration(migrations.Migration):
    dependencies = [('models', '0004_inbox_since')]

    initial = False

    operations = [
        StateOnlyAlterField(
            model_name='Event',
            name='action',
            field=fields.CharEnumField(description='SUBMIT: SUBMIT\nDISPATCH: DISPATCH\nESCALATE: ESCALATE\nSEND_BACK: SEND_BACK\nRETURN: RETURN\nREJECT: REJECT\nMERGE: MERGE\nRECALL: RECALL\nACCEPT: ACCEPT\nREQUEST_EXTENSION: REQUEST_EXTENSION\nDECIDE_EXTENSION: DECIDE_EXTENSION\nADD_COOPERATION_OPINION: ADD_COOPERATION_OPINION\nSUBMIT_REPLY: SUBMIT_REPLY\nTAKE_BACK_REPLY: TAKE_BACK_REPLY\nFIRST_CONTACT: FIRST_CONTACT\nREVIEW_REPLY: REVIEW_REPLY\nEVALUATE: EVALUATE\nCLOSE_UNEVALUATED: CLOSE_UNEVALUATED\nASSESS: ASSESS\nURGE: URGE\nWITHDRAW: WITHDRAW\nVIEW_PERSONAL_DATA: VIEW_PERSONAL_DATA', enum_type=Action, max_length=32),
        ),
        ops.AddField(
            model_name='Petition',
            name='first_contacted_at',
            field=fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
        ),
        StateOnlyAlterField(
            model_name='Reply',
            name='status',
            field=fields.CharEnumField(description='IN_REVIEW: IN_REVIEW\nSENT: SENT\nREJECTED: REJECTED\nTAKEN_BACK: TAKEN_BACK', enum_type=ReplyStatus, max_length=16),
        ),
    ]
