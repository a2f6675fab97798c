"""Simplified-Chinese names of the domain's words, for the staff screens."""

from __future__ import annotations

from enum import StrEnum

from workflow.attachments import AttachmentOwner
from workflow.enums import (
    Action,
    ApiClientKind,
    AssessmentResult,
    AssignmentEnd,
    AssignmentRole,
    AuditAction,
    Category,
    Channel,
    Closure,
    Complexity,
    ContactMethod,
    Kind,
    Light,
    NotificationKind,
    PetitionerType,
    ReferralState,
    ReferralStep,
    Resolution,
    ReviewStage,
    Role,
    Satisfaction,
    State,
    UnitKind,
)

# Keyed by enum class first: several enums share string values (CLOSED, CITY_PLATFORM …).
BY_ENUM: dict[type[StrEnum], dict[str, str]] = {
    State: {
        State.TRIAGE: "待研判",
        State.ASSIGNED: "待签收",
        State.HANDLING: "办理中",
        State.UNIT_REVIEW: "单位审核中",
        State.PLATFORM_REVIEW: "平台审核中",
        State.AWAITING_EVALUATION: "待评价",
        State.PENDING_ASSESSMENT: "待履职评估",
        State.CLOSED: "已办结",
    },
    Category: {
        Category.LIVELIHOOD: "民生",
        Category.DEVELOPMENT: "发展",
        Category.ENFORCEMENT: "执法",
    },
    Kind: {
        Kind.CONSULTATION: "咨询",
        Kind.SUGGESTION: "建议",
        Kind.COMPLAINT: "投诉",
    },
    Complexity: {
        Complexity.SIMPLE: "简单",
        Complexity.NORMAL: "一般",
        Complexity.COMPLEX: "复杂",
    },
    Light: {
        Light.BLUE: "蓝灯",
        Light.YELLOW: "黄灯",
        Light.RED: "红灯",
    },
    Closure: {
        Closure.EVALUATED: "评价办结",
        Closure.NOT_EVALUATED: "未评价办结",
        Closure.INVALID: "无效",
        Closure.DUPLICATE: "重复合并",
        Closure.WITHDRAWN: "诉求人撤回",
        Closure.ASSESSED: "评估办结",
    },
    PetitionerType: {
        PetitionerType.CITIZEN: "群众",
        PetitionerType.ENTERPRISE: "企业",
        PetitionerType.UNIT: "基层单位",
    },
    Channel: {
        Channel.WECHAT: "微信公众号",
        Channel.DISTRICT_APP: "区级App",
        Channel.HOTLINE_12345: "12345热线",
        Channel.WEBSITE: "网站",
        Channel.GRID: "网格员上报",
        Channel.WALK_IN: "窗口受理",
        Channel.DEPARTMENT_SYSTEM: "部门系统",
    },
    Role: {
        Role.HANDLER: "经办人",
        Role.REVIEWER: "审核人",
        Role.HEAD: "负责人",
        Role.DISPATCHER: "派单员",
        Role.SUPERVISOR: "督办员",
        Role.INSPECTOR: "纪检监察",
        Role.GRID_WORKER: "网格员",
        Role.ADMIN: "管理员",
        Role.PETITIONER: "诉求人",
        Role.SYSTEM: "系统",
        Role.API_CLIENT: "接口客户端",
    },
    ApiClientKind: {
        ApiClientKind.HOTLINE: "12345热线系统",
        ApiClientKind.DISTRICT_APP: "区级App",
        ApiClientKind.DEPARTMENT_SYSTEM: "部门业务系统",
    },
    ContactMethod: {
        ContactMethod.PHONE: "电话",
        ContactMethod.VISIT: "上门走访",
        ContactMethod.SMS: "短信",
        ContactMethod.OTHER: "其他",
    },
    UnitKind: {
        UnitKind.CITY_PLATFORM: "市级平台",
        UnitKind.CITY_DEPARTMENT: "市直部门",
        UnitKind.DISTRICT_PLATFORM: "区级平台",
        UnitKind.DISTRICT_DEPARTMENT: "区直部门",
        UnitKind.STREET: "镇街",
        UnitKind.COMMUNITY: "村（社区）",
    },
    Action: {
        Action.SUBMIT: "受理",
        Action.DISPATCH: "派单",
        Action.ESCALATE: "上报",
        Action.SEND_BACK: "发回区级平台",
        Action.RECALL: "收回/改派",
        Action.TAKE_BACK_REPLY: "收回答复",
        Action.FIRST_CONTACT: "先行联系",
        Action.RETURN: "退回",
        Action.REJECT: "作无效处理",
        Action.MERGE: "合并重复",
        Action.ACCEPT: "签收",
        Action.REQUEST_EXTENSION: "申请延期",
        Action.DECIDE_EXTENSION: "审批延期",
        Action.ADD_COOPERATION_OPINION: "提出协办意见",
        Action.SUBMIT_REPLY: "提交答复",
        Action.REVIEW_REPLY: "审核答复",
        Action.EVALUATE: "评价",
        Action.CLOSE_UNEVALUATED: "逾期未评价办结",
        Action.ASSESS: "履职评估",
        Action.URGE: "督办",
        Action.WITHDRAW: "撤回",
        Action.ADD_MATERIAL: "补充材料",
        Action.VIEW_PERSONAL_DATA: "查看个人信息",
        Action.ATTACH: "上传附件",
        Action.LIGHT_YELLOW: "亮黄灯",
        Action.OVERDUE: "超期亮红灯",
        Action.DEADLINE_REMINDER: "到期提醒",
        Action.ACCEPT_OVERDUE: "超时未签收",
    },
    NotificationKind: {
        NotificationKind.NEW_ASSIGNMENT: "新派单",
        NotificationKind.YELLOW: "黄灯预警",
        NotificationKind.RED: "红灯超期",
        NotificationKind.DEADLINE_REMINDER: "到期提醒",
        NotificationKind.ACCEPT_OVERDUE: "超时未签收",
        NotificationKind.URGED: "督办",
        NotificationKind.REVIEW_WAITING: "待审核",
        NotificationKind.EXTENSION_DECIDED: "延期审批结果",
        NotificationKind.REFERRAL: "问责移交",
    },
    AssignmentRole: {
        AssignmentRole.LEAD: "主办",
        AssignmentRole.COOPERATING: "协办",
    },
    AssignmentEnd: {
        AssignmentEnd.REPLIED: "已答复",
        AssignmentEnd.ESCALATED: "已上报",
        AssignmentEnd.RECALLED: "已收回",
        AssignmentEnd.RETURNED: "已退回",
        AssignmentEnd.CLOSED: "已结束",
    },
    ReviewStage: {
        ReviewStage.UNIT_REVIEWER: "科室审核",
        ReviewStage.UNIT_HEAD: "负责人签发",
        ReviewStage.CITY_PLATFORM: "市级平台审核",
        ReviewStage.DISTRICT_PLATFORM: "区级平台审核",
    },
    Satisfaction: {
        Satisfaction.SATISFIED: "满意",
        Satisfaction.BASICALLY_SATISFIED: "基本满意",
        Satisfaction.UNSATISFIED: "不满意",
    },
    Resolution: {
        Resolution.RESOLVED: "已解决",
        Resolution.BASICALLY_RESOLVED: "基本解决",
        Resolution.UNRESOLVED: "未解决",
    },
    AssessmentResult: {
        AssessmentResult.FULFILLED: "已履职",
        AssessmentResult.NOT_FULFILLED: "未履职",
    },
    ReferralState: {
        ReferralState.OPEN: "待签收",
        ReferralState.ACKNOWLEDGED: "已签收",
        ReferralState.CONCLUDED: "已办结",
    },
    ReferralStep: {
        ReferralStep.CREATE: "移交",
        ReferralStep.ACKNOWLEDGE: "签收",
        ReferralStep.CONCLUDE: "办结",
    },
    AuditAction: {
        AuditAction.UNIT_CREATED: "新增单位",
        AuditAction.USER_CREATED: "新增人员",
        AuditAction.ROLE_GRANTED: "授予岗位",
        AuditAction.GRANT_ENDED: "撤销岗位",
        AuditAction.API_KEY_CREATED: "创建密钥",
        AuditAction.API_KEY_REVOKED: "吊销密钥",
        AuditAction.CALENDAR_CHANGED: "调整工作日历",
        AuditAction.CALENDAR_OVERRIDE_DELETED: "删除日历调整",
        AuditAction.USER_DEACTIVATED: "停用账号",
        AuditAction.USER_REACTIVATED: "启用账号",
        AuditAction.PASSWORD_RESET: "重置密码",
        AuditAction.PERSONAL_DATA_SEARCHED: "按诉求人电话/姓名检索",
        AuditAction.PERSONAL_DATA_EXPORTED: "导出含个人信息的清单",
    },
    AttachmentOwner: {
        AttachmentOwner.PETITION: "诉求附件",
        AttachmentOwner.REPLY: "答复附件",
        AttachmentOwner.REVIEW: "审核附件",
    },
}


def label(value: object) -> str:
    """The Chinese name of an enum member; a bare string is looked up in the enums in the
    order above (states before assignment ends, unit kinds before review stages)."""
    if value is None:
        return ""
    if isinstance(value, StrEnum):
        names = BY_ENUM.get(type(value))
        if names is not None:
            return names.get(value, str(value))
    text = str(value)
    for names in BY_ENUM.values():
        if text in names:
            return names[text]
    return text


# For templates that index by value; first enum wins, as in label().
LABELS: dict[str, str] = {}
for _names in reversed(list(BY_ENUM.values())):
    LABELS.update({str(k): v for k, v in _names.items()})
