"""GraphQL documents and a tiny driver shared by the API tests."""

from __future__ import annotations

import logging
import re
from typing import Any

import pytest

from bench.common import SUBMISSION as BENCH_SUBMISSION
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
# The steps a petitioner may take answer them with their view.
PETITIONER_RESULT = """
  ... on PetitionerViewSuccess { view { trackingCode status statusText availableActions
    materials { text byPetitioner } evaluations { satisfaction resolution } } }
"""
PETITIONER_STEPS = ("evaluatePetition", "withdrawPetition", "addPetitionerMaterial")

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
    "addPetitionerMaterial": "AddPetitionerMaterialInput",
}

SUBMIT = (
    """
mutation($input: SubmitPetitionInput!) {
  submitPetition(input: $input) {
    __typename
    ... on SubmitPetitionSuccess { created petition { %s } }
    ... on PetitionReceipt { created trackingCode view { trackingCode statusText } }
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
        RESULT + (PETITIONER_RESULT if mutation in PETITIONER_STEPS else ""),
    )
    data = await api.gql(doc, {"input": input}, token)
    result: dict[str, Any] = data[mutation]
    return result


async def ok(
    api: Api, mutation: str, input: dict[str, Any], token: str, success: str = "PetitionSuccess"
) -> dict[str, Any]:
    """Run a step that must succeed; return the petition (a petitioner: their view)."""
    result = await act(api, mutation, input, token)
    assert result["__typename"] == success, result
    petition: dict[str, Any] = result["petition" if success == "PetitionSuccess" else "view"]
    return petition


# The benches' sample complaint, under a topic.
SUBMISSION: dict[str, Any] = {**BENCH_SUBMISSION, "topicCode": "SRHJ-01"}


async def submit(api: Api, token: str, **fields: Any) -> dict[str, Any]:
    base = {**SUBMISSION, **fields}
    data = await api.gql(SUBMIT, {"input": base}, token)
    result: dict[str, Any] = data["submitPetition"]
    return result


REQUEST_CODE = """
mutation($p: String!) { requestPetitionerCode(input: {phone: $p}) {
  __typename
  ... on PetitionerCodeSent { sent expiresAt retryAfterSeconds }
  ... on TooManyAttempts { retryAfterSeconds }
  ... on InvalidField { field }
  ... on Error { code message }
} }"""

VERIFY_CODE = """
mutation($p: String!, $c: String!) { verifyPetitionerCode(input: {phone: $p, code: $c}) {
  __typename
  ... on PetitionerSession { token expiresAt }
  ... on TooManyAttempts { retryAfterSeconds }
  ... on InvalidField { field }
  ... on Error { code message }
} }"""


def sms_code(caplog: pytest.LogCaptureFixture, phone: str) -> str:
    """The one-time code in the last `SMS to <phone>: …` line of the server's log."""
    lines = [m for m in caplog.messages if m.startswith(f"SMS to {phone}: ")]
    assert lines, caplog.messages
    found = re.search(r"(\d{6})", lines[-1].split(": ", 1)[1])
    assert found, lines[-1]
    return found.group(1)


async def sign_in(api: Api, app_key: str, phone: str, caplog: pytest.LogCaptureFixture) -> str:
    """A petitioner proves their phone through a district app: code by SMS, then the token."""
    caplog.set_level(logging.INFO, logger="qingsu.sms")
    sent = (await api.gql(REQUEST_CODE, {"p": phone}, app_key))["requestPetitionerCode"]
    assert sent["__typename"] == "PetitionerCodeSent", sent
    session = await api.gql(VERIFY_CODE, {"p": phone, "c": sms_code(caplog, phone)}, app_key)
    result = session["verifyPetitionerCode"]
    assert result["__typename"] == "PetitionerSession", result
    token: str = result["token"]
    assert token.startswith("qsp_")
    return token
