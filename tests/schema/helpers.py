"""GraphQL documents and a tiny driver shared by the API tests."""

from __future__ import annotations

from typing import Any

from tests.schema.conftest import Api

PETITION_FIELDS = """
  id trackingCode version state round reviewStage closure light overdue deadline
  timeLimitDays deadlineEstimated urgeCount petitionerName petitionerPhone
  handlingUnit { code } platform { code } availableActions
"""

RESULT = (
    """
  __typename
  ... on PetitionSuccess { petition { %s } }
  ... on InvalidField { field message }
  ... on Error { code message }
"""
    % PETITION_FIELDS
)

INPUT_TYPES = {
    "dispatchPetition": "DispatchPetitionInput",
    "escalatePetition": "EscalatePetitionInput",
    "sendBackPetition": "ReasonInput",
    "returnPetition": "ReturnPetitionInput",
    "rejectPetition": "ReasonInput",
    "mergePetition": "MergePetitionInput",
    "acceptPetition": "PetitionRefInput",
    "requestExtension": "RequestExtensionInput",
    "decideExtension": "DecisionInput",
    "addCooperationOpinion": "CooperationOpinionInput",
    "submitReply": "SubmitReplyInput",
    "reviewReply": "DecisionInput",
    "evaluatePetition": "EvaluatePetitionInput",
    "assessPetition": "AssessPetitionInput",
    "urgePetition": "NoteInput",
    "withdrawPetition": "WithdrawPetitionInput",
}

SUBMIT = (
    """
mutation($input: SubmitPetitionInput!) {
  submitPetition(input: $input) {
    __typename
    ... on SubmitPetitionSuccess { created petition { %s } }
    ... on InvalidField { field message }
    ... on Error { code message }
  }
}"""
    % PETITION_FIELDS
)

REPLY = {
    "petitionerSituation": "诉求人反映小区门口垃圾无人清运。",
    "policyBasis": "《城市市容和环境卫生管理条例》第二十八条",
    "handlingResult": "已安排清运并加密巡查。",
    "responsiblePerson": "李四",
    "contactPhone": "0532-88886666",
}


async def act(api: Api, mutation: str, input: dict[str, Any], token: str) -> dict[str, Any]:
    doc = "mutation($input: %s!) { %s(input: $input) { %s } }" % (
        INPUT_TYPES[mutation],
        mutation,
        RESULT,
    )
    data = await api.gql(doc, {"input": input}, token)
    result: dict[str, Any] = data[mutation]
    return result


async def ok(api: Api, mutation: str, input: dict[str, Any], token: str) -> dict[str, Any]:
    """Run a step that must succeed; return the petition."""
    result = await act(api, mutation, input, token)
    assert result["__typename"] == "PetitionSuccess", result
    petition: dict[str, Any] = result["petition"]
    return petition


async def submit(api: Api, token: str, **fields: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "title": "小区门口垃圾无人清运",
        "content": "垃圾堆放三天无人清理，气味很大。",
        "category": "LIVELIHOOD",
        "kind": "COMPLAINT",
        "petitionerType": "CITIZEN",
        "petitionerName": "张三",
        "petitionerPhone": "13812345678",
        "topicCode": "SRHJ-01",
    }
    base.update(fields)
    data = await api.gql(SUBMIT, {"input": base}, token)
    result: dict[str, Any] = data["submitPetition"]
    return result
