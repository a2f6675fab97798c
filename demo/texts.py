"""Texts for generating demo petitions, petitioners and replies. Pure data and pure helpers."""

from __future__ import annotations

import random
import string
from dataclasses import dataclass

from workflow.enums import Category, Complexity, Kind

# --------------------------------------------------------------------------------------------
# Petition templates


@dataclass(frozen=True)
class PetitionTemplate:
    """A petition's text. `content` has one placeholder, `{place}` (a road, street or community).

    `department_key` is a key of demo.city.DUTY_ITEMS ("CG", "SCJG", ..., or "STREET").
    `kind` is set for LIVELIHOOD only.
    """

    title: str
    content: str
    category: Category
    kind: Kind | None
    topic: str  # a second-level topic code of demo.city.TOPICS
    department_key: str
    complexity: Complexity

    def render(self, place: str) -> str:
        return self.content.format(place=place)


def _p(
    title: str,
    category: Category,
    kind: Kind | None,
    topic: str,
    department_key: str,
    complexity: Complexity,
    *content: str,
) -> PetitionTemplate:
    return PetitionTemplate(
        title=title,
        content="".join(content),
        category=category,
        kind=kind,
        topic=topic,
        department_key=department_key,
        complexity=complexity,
    )


_L = Category.LIVELIHOOD
_D = Category.DEVELOPMENT
_E = Category.ENFORCEMENT
_ZX = Kind.CONSULTATION
_JY = Kind.SUGGESTION
_TS = Kind.COMPLAINT
_S = Complexity.SIMPLE
_N = Complexity.NORMAL
_C = Complexity.COMPLEX

_CONSULTATIONS: tuple[PetitionTemplate, ...] = (
    _p(
        "孩子入学学区划分咨询",
        _L,
        _ZX,
        "JY-01",
        "JY",
        _S,
        "我家住在{place}附近，孩子今年九月该上小学了。",
        "想了解我们这一片划入哪所学校，报名需要准备哪些材料？",
    ),
    _p(
        "灵活就业人员社保缴纳咨询",
        _L,
        _ZX,
        "SHBZ-01",
        "RS",
        _S,
        "本人在{place}一带做个体经营，没有单位缴纳社保。",
        "请问灵活就业人员如何参保，每月缴费标准是多少？",
    ),
    _p(
        "退休人员养老金资格认证咨询",
        _L,
        _ZX,
        "SHBZ-02",
        "RS",
        _S,
        "我母亲七十多岁，住在{place}，行动不太方便。",
        "今年的养老待遇资格认证能否在手机上办，家属可以代办吗？",
    ),
    _p(
        "老楼加装电梯补贴政策咨询",
        _L,
        _ZX,
        "ZF-02",
        "ZJ",
        _S,
        "我们{place}的楼是九十年代建的六层楼，邻居们想加装电梯。",
        "请问加装电梯需要多少户同意，政府补贴标准是多少？",
    ),
    _p(
        "公租房申请条件咨询",
        _L,
        _ZX,
        "ZF-01",
        "ZJ",
        _S,
        "我和爱人在{place}租房住，两人收入都不高。",
        "想咨询申请公共租赁住房需要满足什么条件，多久能轮到？",
    ),
    _p(
        "二手房过户办证流程咨询",
        _L,
        _ZX,
        "ZF-04",
        "ZRZY",
        _S,
        "我准备购买{place}的一套二手房。",
        "想咨询办理不动产转移登记需要带哪些材料，多长时间能拿到证？",
    ),
    _p(
        "住宅维修资金如何申请使用",
        _L,
        _ZX,
        "WYGL-03",
        "ZJ",
        _S,
        "{place}我们单元的屋顶防水层老化，顶楼几户都漏雨。",
        "请问能否动用住宅专项维修资金维修，申请流程是什么？",
    ),
    _p(
        "低保申请条件咨询",
        _L,
        _ZX,
        "SHBZ-05",
        "STREET",
        _S,
        "我爱人今年生病住院，家里只靠我打零工维持。",
        "我们住在{place}，想问问符合什么条件可以申请低保，到哪里办理？",
    ),
    _p(
        "公交末班车时间咨询",
        _L,
        _ZX,
        "JTCX-02",
        "JT",
        _S,
        "我每天在{place}下夜班，经常赶不上回家的公交。",
        "请问途经这里的线路末班车是几点，有没有夜间线路？",
    ),
    _p(
        "异地就医报销政策咨询",
        _L,
        _ZX,
        "YLFW-03",
        "WJ",
        _S,
        "我父亲住在{place}，下个月要去外地做手术。",
        "请问异地就医需要提前备案吗，报销比例和本地一样吗？",
    ),
    _p(
        "生活垃圾分类投放时间咨询",
        _L,
        _ZX,
        "SRHJ-01",
        "CG",
        _S,
        "我刚搬到{place}居住，小区里的分类垃圾桶标识不清楚。",
        "请问厨余垃圾和其他垃圾分别在什么时间投放？",
    ),
    _p(
        "快递驿站能否收取保管费",
        _L,
        _ZX,
        "KDWL-03",
        "JT",
        _S,
        "{place}附近的快递驿站说包裹超过三天要收保管费。",
        "想问一下驿站这样收费有没有依据，快递不是应该送货上门吗？",
    ),
    _p(
        "开具居住证明需要什么材料",
        _L,
        _ZX,
        "QT-01",
        "STREET",
        _S,
        "我在{place}租房居住两年了，孩子上学需要居住证明。",
        "请问到社区开证明要带什么材料，能不能当天开出来？",
    ),
)

_SUGGESTIONS: tuple[PetitionTemplate, ...] = (
    _p(
        "建议增设公交站点",
        _L,
        _JY,
        "JTCX-02",
        "JT",
        _S,
        "{place}周边新建了好几个小区，住户越来越多。",
        "最近的公交站要走一公里多，建议在这里增设一个站点。",
    ),
    _p(
        "建议延长公交末班车运营时间",
        _L,
        _JY,
        "JTCX-02",
        "JT",
        _S,
        "途经{place}的公交末班车晚上九点就收车了。",
        "附近商场员工下班较晚，建议末班车延长到十点半。",
    ),
    _p(
        "建议小区增设健身器材",
        _L,
        _JY,
        "GGSS-05",
        "STREET",
        _S,
        "{place}老年人比较多，小区里只有两件旧健身器材。",
        "建议利用空地增设一些健身器材和休息座椅。",
    ),
    _p(
        "建议延长路口行人绿灯时长",
        _L,
        _JY,
        "JTCX-01",
        "GA",
        _S,
        "{place}路口行人绿灯只有二十秒，老人和孩子过不完马路。",
        "建议适当延长行人信号灯时长，保障过街安全。",
    ),
    _p(
        "建议学校门口设置临时停车区",
        _L,
        _JY,
        "JY-03",
        "JY",
        _S,
        "{place}的小学放学时家长车辆乱停，道路经常堵死。",
        "建议在学校附近设置限时接送停车区，错峰放学。",
    ),
    _p(
        "建议医院增设周末专家门诊",
        _L,
        _JY,
        "YLFW-01",
        "WJ",
        _S,
        "上班族平时很难请假看病，{place}附近医院周末专家号很少。",
        "建议增加周末和晚间专家门诊，方便群众就医。",
    ),
    _p(
        "建议增设分类垃圾桶",
        _L,
        _JY,
        "SRHJ-01",
        "CG",
        _S,
        "{place}一带只有一个垃圾投放点，居民要走很远。",
        "建议再增设一处分类垃圾桶，并定时清运。",
    ),
    _p(
        "建议修剪遮挡路灯的行道树",
        _L,
        _JY,
        "SRHJ-04",
        "CG",
        _S,
        "{place}两侧的行道树长得太茂盛，把路灯都挡住了。",
        "晚上人行道很黑，建议安排修剪枝叶。",
    ),
    _p(
        "建议规划快递车辆停放区",
        _L,
        _JY,
        "KDWL-04",
        "GA",
        _S,
        "{place}写字楼下每天都停满快递三轮车，行人只能走机动车道。",
        "建议划定快递车辆临时停放区，规范停放。",
    ),
    _p(
        "建议物业定期公示收支情况",
        _L,
        _JY,
        "WYGL-02",
        "ZJ",
        _S,
        "{place}小区的物业费和停车费收入从来没有公开过。",
        "建议督促物业公司每年向业主公示收支明细。",
    ),
    _p(
        "建议快速路旁加装隔音屏",
        _L,
        _JY,
        "ZSRM-03",
        "JT",
        _S,
        "{place}紧邻快速路，夜间大货车通行噪声很大。",
        "建议在靠近住宅的路段加装声屏障。",
    ),
    _p(
        "建议背街小巷增设果皮箱",
        _L,
        _JY,
        "SRHJ-05",
        "STREET",
        _S,
        "{place}的背街小巷人流量不小，但没有一个果皮箱。",
        "垃圾只能随手扔在墙角，建议增设几个果皮箱。",
    ),
)

_COMPLAINTS: tuple[PetitionTemplate, ...] = (
    _p(
        "小区楼下烧烤油烟扰民",
        _L,
        _TS,
        "HJBH-01",
        "CG",
        _S,
        "{place}楼下的烧烤店每天营业到凌晨，炭烤油烟直接飘进楼里。",
        "家里窗户都不敢开，希望有关部门尽快处理。",
    ),
    _p(
        "垃圾桶满溢多日无人清运",
        _L,
        _TS,
        "SRHJ-01",
        "CG",
        _S,
        "{place}路边的垃圾桶已经满了三天，垃圾散落一地。",
        "天气转暖后气味很大，请尽快安排清运。",
    ),
    _p(
        "路边流动摊贩占道经营",
        _L,
        _TS,
        "SRHJ-02",
        "CG",
        _S,
        "每天傍晚{place}人行道上都是卖水果和小吃的摊贩。",
        "行人只能绕到机动车道上走，存在安全隐患。",
    ),
    _p(
        "工地夜间施工噪声扰民",
        _L,
        _TS,
        "ZSRM-01",
        "ZJ",
        _C,
        "{place}旁边的工地连续一周在夜里十一点后还在打桩作业。",
        "周边居民无法入睡，请核实其是否办理了夜间施工手续。",
    ),
    _p(
        "广场舞音响声音过大",
        _L,
        _TS,
        "ZSRM-02",
        "GA",
        _S,
        "{place}广场每晚都有人跳广场舞，音响开得特别大。",
        "家里有高三学生需要安静复习，希望能协调降低音量。",
    ),
    _p(
        "楼上装修噪音持续到深夜",
        _L,
        _TS,
        "ZSRM-02",
        "GA",
        _S,
        "我住在{place}，楼上住户装修晚上九点以后还在用电钻。",
        "多次沟通没有效果，请帮忙处理。",
    ),
    _p(
        "快速路车辆噪声影响休息",
        _L,
        _TS,
        "ZSRM-03",
        "JT",
        _C,
        "{place}附近的快速路通车后，夜间车流噪声很大。",
        "小区离路边不到五十米，请问能否采取降噪措施？",
    ),
    _p(
        "医院挂号排队时间过长",
        _L,
        _TS,
        "YLFW-01",
        "WJ",
        _S,
        "今天上午带孩子到{place}附近的医院看病，挂号缴费排了两个小时。",
        "自助机有一半不能用，希望医院改进。",
    ),
    _p(
        "医生服务态度生硬",
        _L,
        _TS,
        "YLFW-04",
        "WJ",
        _S,
        "我在{place}的社区卫生服务中心就诊时多问了几句。",
        "接诊医生很不耐烦，态度生硬，希望加强管理。",
    ),
    _p(
        "外卖饭菜中吃出异物",
        _L,
        _TS,
        "SPAQ-01",
        "SCJG",
        _S,
        "昨晚在外卖平台点了{place}一家快餐店的盖饭，吃出了金属丝。",
        "联系商家不予理睬，请市场监管部门核查处理。",
    ),
    _p(
        "超市出售过期食品",
        _L,
        _TS,
        "SPAQ-03",
        "SCJG",
        _S,
        "我在{place}的一家超市买了两盒酸奶，回家发现已过保质期。",
        "货架上还有不少同批次商品，请相关部门检查。",
    ),
    _p(
        "物业公司保洁不到位",
        _L,
        _TS,
        "WYGL-01",
        "ZJ",
        _S,
        "{place}小区的物业已经一个多月没有打扫楼道了。",
        "物业费照常收取，服务却越来越差，请督促整改。",
    ),
    _p(
        "小区电梯频繁故障困人",
        _L,
        _TS,
        "WYGL-04",
        "SCJG",
        _C,
        "{place}小区三号楼的电梯本月已经困人两次。",
        "物业说在等配件，维保单位一直没来彻底维修，住户非常担心。",
    ),
    _p(
        "物业擅自上涨停车费",
        _L,
        _TS,
        "WYGL-02",
        "ZJ",
        _S,
        "{place}小区物业贴出通知，地面停车费从每月一百元涨到二百元。",
        "没有征求业主意见，请问这样涨价合规吗？",
    ),
    _p(
        "快递长时间未送达",
        _L,
        _TS,
        "KDWL-01",
        "JT",
        _S,
        "我的包裹十天前就显示到达{place}的网点，至今没有派送。",
        "打网点电话一直没人接，请帮忙督促。",
    ),
    _p(
        "快递员不送货上门",
        _L,
        _TS,
        "KDWL-03",
        "JT",
        _S,
        "{place}的快递员从不送货上门，也不打电话，直接放进驿站。",
        "家里老人取件很不方便，希望规范投递服务。",
    ),
    _p(
        "快递网点包裹堆放占道",
        _L,
        _TS,
        "KDWL-02",
        "JT",
        _S,
        "{place}的一个快递网点每天把包裹堆在人行道上分拣。",
        "占用通道还很杂乱，希望督促网点规范经营。",
    ),
    _p(
        "路灯损坏多日不亮",
        _L,
        _TS,
        "GGSS-01",
        "CG",
        _S,
        "{place}有三盏路灯坏了一个星期，晚上路面漆黑一片。",
        "附近老人孩子出行很不安全，请尽快维修。",
    ),
    _p(
        "人行道井盖缺失存在隐患",
        _L,
        _TS,
        "GGSS-03",
        "CG",
        _S,
        "{place}人行道上有一个井盖不见了，只用一个塑料桶挡着。",
        "晚上很容易掉下去，请尽快补装。",
    ),
    _p(
        "火车站周边出租车拒载议价",
        _L,
        _TS,
        "JTCX-03",
        "JT",
        _S,
        "昨晚在{place}打出租车，司机拒绝打表，一口价要八十元。",
        "换了几辆都是这样，希望整治出租车客运秩序。",
    ),
    _p(
        "学校门口接送时段拥堵",
        _L,
        _TS,
        "JTCX-01",
        "GA",
        _C,
        "每天早晚高峰{place}学校门口车辆乱停乱放，堵得水泄不通。",
        "公交车都过不去，希望增派警力疏导。",
    ),
    _p(
        "冬季供暖温度不达标",
        _L,
        _TS,
        "GGSS-04",
        "CG",
        _C,
        "{place}小区入冬以来室内温度只有十四五度。",
        "家里有老人和婴儿，向热力公司反映多次仍未解决。",
    ),
    _p(
        "背街小巷卫生死角无人清理",
        _L,
        _TS,
        "SRHJ-05",
        "STREET",
        _S,
        "{place}后面的小巷堆满了建筑垃圾和废旧家具。",
        "已经很长时间没有人清理，夏天蚊蝇很多。",
    ),
    _p(
        "新房交付后墙体开裂渗水",
        _L,
        _TS,
        "ZF-03",
        "ZJ",
        _C,
        "我去年在{place}买的新房，交房不到一年外墙开裂，下雨就渗水。",
        "开发商一直推诿不修，请主管部门督促。",
    ),
    _p(
        "消防通道被私家车长期占用",
        _L,
        _TS,
        "JTCX-04",
        "GA",
        _S,
        "{place}小区的消防通道每天晚上都停满私家车。",
        "万一发生火情消防车根本进不来，请交警部门处理。",
    ),
    _p(
        "医院检查项目重复收费",
        _L,
        _TS,
        "YLFW-02",
        "WJ",
        _S,
        "我上周在{place}附近的医院住院，出院清单上同一项检查收了两次费。",
        "找医院收费处没有得到答复，请帮忙核查。",
    ),
    _p(
        "楼上漏水邻居不配合维修",
        _L,
        _TS,
        "QT-03",
        "STREET",
        _S,
        "我家住在{place}，楼上卫生间漏水把我家天花板泡坏了。",
        "楼上住户不配合检修，希望社区帮忙调解。",
    ),
)

_DEVELOPMENT: tuple[PetitionTemplate, ...] = (
    _p(
        "一次性创业补贴迟迟未发放",
        _D,
        None,
        "SHBZ-04",
        "RS",
        _N,
        "我公司在{place}注册成立已满一年，三个月前提交了一次性创业补贴申请。",
        "至今没有审核结果，请帮助查询办理进度。",
    ),
    _p(
        "新办企业营业执照办理咨询",
        _D,
        None,
        "YSHJ-04",
        "SCJG",
        _N,
        "我们计划在{place}开办一家餐饮管理公司。",
        "想了解营业执照和食品经营许可能否一次申请、同时办结。",
    ),
    _p(
        "项目规划许可审批时间过长",
        _D,
        None,
        "YSHJ-01",
        "ZRZY",
        _C,
        "我公司在{place}的厂房扩建项目申请建设工程规划许可已两个多月。",
        "一直被要求补充材料，影响项目开工，请协调加快审批。",
    ),
    _p(
        "稳岗返还政策申领",
        _D,
        None,
        "YSHJ-02",
        "RS",
        _N,
        "我们是{place}的一家小型制造企业，去年没有裁员。",
        "想了解稳岗返还政策的申领条件和办理渠道。",
    ),
    _p(
        "企业反映被违规收取费用",
        _D,
        None,
        "YSHJ-03",
        "SCJG",
        _N,
        "我公司在{place}办理水电增容时，被要求缴纳一笔“配套服务费”。",
        "对方拿不出收费依据，请核实是否属于违规收费。",
    ),
    _p(
        "厂区周边道路破损影响运输",
        _D,
        None,
        "GGSS-02",
        "JT",
        _N,
        "{place}通往工业园的道路坑洼严重，货车经常颠坏货物。",
        "园区多家企业联名反映，希望尽快维修。",
    ),
    _p(
        "申请将小区纳入老旧小区改造计划",
        _D,
        None,
        "ZF-02",
        "ZJ",
        _C,
        "{place}小区建于八十年代，管网老化、没有消防通道。",
        "居民希望纳入今年老旧小区改造计划，请予以研究。",
    ),
    _p(
        "吸纳就业补贴申请",
        _D,
        None,
        "SHBZ-04",
        "RS",
        _N,
        "我公司位于{place}，今年新招用了十二名高校毕业生。",
        "请问能否申请吸纳就业补贴，需要提交哪些材料？",
    ),
    _p(
        "产业园区通勤公交线路开通",
        _D,
        None,
        "JTCX-02",
        "JT",
        _N,
        "{place}产业园区员工已超过三千人，但没有直达公交。",
        "园区企业希望开通早晚通勤线路，方便员工上下班。",
    ),
    _p(
        "企业厂房不动产权证办理",
        _D,
        None,
        "ZF-04",
        "ZRZY",
        _C,
        "我公司在{place}的厂房已竣工验收，但因历史遗留问题迟迟办不了产权证。",
        "影响企业融资贷款，请帮助协调解决。",
    ),
    _p(
        "民办培训机构办学许可申请",
        _D,
        None,
        "JY-02",
        "JY",
        _N,
        "我们计划在{place}开办一家青少年体育培训机构。",
        "想了解办学许可的审批条件和流程。",
    ),
    _p(
        "食品生产企业许可证延续",
        _D,
        None,
        "YSHJ-04",
        "SCJG",
        _N,
        "我公司位于{place}，食品生产许可证下月到期。",
        "请问延续申请能否网上办理，审批期间能否继续生产？",
    ),
)

_ENFORCEMENT: tuple[PetitionTemplate, ...] = (
    _p(
        "楼顶私建阳光房",
        _E,
        None,
        "WFJS-02",
        "CG",
        _N,
        "网格员巡查发现{place}一处住宅楼顶正在搭建钢结构阳光房。",
        "已劝阻未果，申请执法部门依法处理。",
    ),
    _p(
        "院内违章搭建彩钢房",
        _E,
        None,
        "WFJS-01",
        "CG",
        _N,
        "{place}一户居民在公共院落里搭建了彩钢板房用于出租。",
        "占用了消防通道，多名邻居反映，请依法拆除。",
    ),
    _p(
        "村民占用耕地建房",
        _E,
        None,
        "WFJS-04",
        "ZRZY",
        _C,
        "{place}村北有人在基本农田上建起了两层楼房。",
        "村委会劝阻无效，请自然资源部门查处。",
    ),
    _p(
        "工厂夜间偷排废气",
        _E,
        None,
        "HJBH-03",
        "HB",
        _C,
        "{place}附近一家化工厂每到半夜就排放刺鼻气体。",
        "周边居民出现咳嗽、头晕，请环保部门夜间突击检查。",
    ),
    _p(
        "河道排污口排放污水",
        _E,
        None,
        "HJBH-02",
        "HB",
        _N,
        "{place}段河道有一个暗管排污口，常年流出发黑发臭的污水。",
        "请查明排污单位并依法处理。",
    ),
    _p(
        "无证外卖作坊",
        _E,
        None,
        "SPAQ-01",
        "SCJG",
        _N,
        "{place}一栋居民楼里有人开了外卖厨房，没有任何证照。",
        "厨房环境脏乱，却在多个外卖平台接单，请查处。",
    ),
    _p(
        "饭店后厨卫生脏乱",
        _E,
        None,
        "SPAQ-02",
        "SCJG",
        _N,
        "我在{place}一家饭店就餐时看到后厨地面污水横流。",
        "食材直接放在地上，请市场监管部门检查。",
    ),
    _p(
        "农民工工资拖欠",
        _E,
        None,
        "SHBZ-03",
        "RS",
        _C,
        "我们二十多名工人在{place}的建筑工地干了半年活。",
        "项目完工后包工头失联，工资共计三十余万元至今未付。",
    ),
    _p(
        "无证校外培训机构",
        _E,
        None,
        "JY-02",
        "JY",
        _N,
        "{place}一处居民楼内有机构违规开展学科类培训。",
        "预收了一年学费，没有办学许可证，请查处。",
    ),
    _p(
        "黑诊所非法行医",
        _E,
        None,
        "YLFW-01",
        "WJ",
        _N,
        "{place}一家门头挂着“保健按摩”的店，实际在给人输液打针。",
        "怀疑没有执业资质，请卫生健康部门查处。",
    ),
    _p(
        "僵尸车长期占用车位",
        _E,
        None,
        "JTCX-05",
        "GA",
        _N,
        "{place}路边一辆无牌面包车停放一年多，轮胎已瘪，车身积满灰尘。",
        "占用公共车位，请依法清理。",
    ),
    _p(
        "网约车非法营运",
        _E,
        None,
        "JTCX-03",
        "JT",
        _N,
        "{place}长途汽车站门口每天有多辆私家车拉客。",
        "扰乱客运秩序，存在安全隐患，请依法整治。",
    ),
    _p(
        "私自倾倒建筑垃圾和废油",
        _E,
        None,
        "HJBH-04",
        "HB",
        _N,
        "{place}附近的荒地上经常有车辆夜间倾倒建筑垃圾和废机油。",
        "已经污染了旁边的水沟，请查处倾倒者。",
    ),
    _p(
        "违规设置户外广告牌",
        _E,
        None,
        "SRHJ-03",
        "CG",
        _N,
        "{place}沿街一家商户在楼体外墙上设置了大型广告牌。",
        "广告牌固定不牢，大风天晃动明显，请依法处理。",
    ),
    _p(
        "校园周边售卖三无食品",
        _E,
        None,
        "SPAQ-04",
        "SCJG",
        _N,
        "{place}小学门口的小卖部在卖没有生产日期的辣条和饮料。",
        "很多学生放学就去买，请相关部门检查。",
    ),
    _p(
        "歌厅夜间噪声扰民",
        _E,
        None,
        "ZSRM-04",
        "GA",
        _N,
        "{place}一家KTV每晚营业到凌晨三点，音乐声震得窗户响。",
        "多次报警仍未改善，请依法处理。",
    ),
)

PETITION_TEMPLATES: tuple[PetitionTemplate, ...] = (
    *_CONSULTATIONS,
    *_SUGGESTIONS,
    *_COMPLAINTS,
    *_DEVELOPMENT,
    *_ENFORCEMENT,
)


# --------------------------------------------------------------------------------------------
# People, companies, places

SURNAMES: tuple[str, ...] = (
    "王",
    "李",
    "张",
    "刘",
    "陈",
    "杨",
    "赵",
    "黄",
    "周",
    "吴",
    "徐",
    "孙",
    "于",
    "姜",
    "宋",
    "高",
    "郭",
    "林",
    "马",
    "董",
    "曲",
    "隋",
    "栾",
    "矫",
    "臧",
    "薛",
    "韩",
    "崔",
    "贾",
    "逄",
)

GIVEN_NAMES: tuple[str, ...] = (
    "伟",
    "芳",
    "娜",
    "敏",
    "静",
    "磊",
    "强",
    "洋",
    "艳",
    "军",
    "志强",
    "秀英",
    "建国",
    "海燕",
    "晓明",
    "丽华",
    "文博",
    "雪梅",
    "子涵",
    "浩然",
    "玉兰",
    "春生",
    "立新",
    "欣怡",
    "俊杰",
    "淑珍",
    "国庆",
    "海涛",
    "佳琪",
    "宇航",
)

ENTERPRISE_NAMES: tuple[str, ...] = (
    "青岛海润食品有限公司",
    "青岛崂峰茶业有限公司",
    "青岛蓝港物流有限公司",
    "青岛西海岸精密机械有限公司",
    "青岛城阳鑫源电子科技有限公司",
    "青岛胶东湾建筑工程有限公司",
    "青岛即墨华纺服装有限公司",
    "青岛胶州临空商贸有限公司",
    "青岛平度大泽山果品合作社",
    "青岛莱西沽河农业发展有限公司",
    "青岛海晟软件技术有限公司",
    "青岛浮山湾餐饮管理有限公司",
)

ROADS: dict[str, tuple[str, ...]] = {
    "SN": ("香港中路", "山东路", "延安三路", "南京路", "东海西路"),
    "SB": ("台东一路", "辽宁路", "延吉路", "敦化路", "威海路"),
    "LC": ("京口路", "书院路", "金水路", "九水东路", "黑龙江中路"),
    "LS": ("海尔路", "株洲路", "松岭路", "同安路", "深圳路"),
    "HD": ("长江中路", "井冈山路", "江山中路", "嘉陵江路", "香江路"),
    "CY": ("正阳路", "长城路", "春阳路", "文阳路", "重庆北路"),
    "JM": ("鹤山路", "蓝鳌路", "烟青路", "振华街", "文化路"),
    "JZ": ("扬州路", "郑州路", "兰州路", "福州路", "澳门路"),
    "PD": ("红旗路", "人民路", "杭州路", "常州路", "胶州路"),
    "LX": ("烟台路", "石岛路", "威海西路", "黄海路", "长岛路"),
}


# --------------------------------------------------------------------------------------------
# Replies

# Placeholders a reply template may use; a generator supplies all of them:
#   petitioner — how the petitioner is addressed ("王女士", "青岛海润食品有限公司")
#   date — when the petition came in ("3月24日"); place — as in the petition
#   title — the petition's title; legal_basis — a duty item's legal basis
#   unit — the handling unit's name; person — the responsible person's name
#   phone — a contact phone (see fake_office_phone / fake_phone)
REPLY_PLACEHOLDERS: frozenset[str] = frozenset(
    {"petitioner", "date", "place", "title", "legal_basis", "unit", "person", "phone"}
)


@dataclass(frozen=True)
class ReplyTemplate:
    """The five elements a reply must state (DOMAIN.md §5), as format strings."""

    petitioner_situation: str
    policy_basis: str
    handling_result: str
    responsible_person: str
    contact_phone: str


REPLY_TEMPLATES: dict[Category, tuple[ReplyTemplate, ...]] = {
    Category.LIVELIHOOD: (
        ReplyTemplate(
            "{petitioner}您好，您于{date}反映{place}“{title}”的问题，我单位已收悉。",
            "根据{legal_basis}的规定，该事项属于我单位职责范围。",
            "接件后工作人员当日到现场核实，已督促相关方整改完毕，后续将加强日常巡查，防止反弹。",
            "责任人：{unit}{person}",
            "如有疑问请联系：{phone}",
        ),
        ReplyTemplate(
            "{petitioner}：您{date}通过“青诉即办”反映的{place}“{title}”一事，我们高度重视。",
            "依据{legal_basis}，我单位依法履行相关管理职责。",
            "经实地查看并与您电话沟通，问题已基本解决，剩余事项已列入近期工作计划并明确完成时限。",
            "承办人：{person}（{unit}）",
            "联系电话：{phone}",
        ),
        ReplyTemplate(
            "尊敬的{petitioner}，关于您{date}咨询的“{title}”（{place}），现答复如下。",
            "相关政策依据为{legal_basis}。",
            "已将办理条件、所需材料和办理渠道向您详细说明，您可按说明就近办理。",
            "答复人：{unit}{person}",
            "咨询电话：{phone}（工作日）",
        ),
    ),
    Category.DEVELOPMENT: (
        ReplyTemplate(
            "{petitioner}：贵单位于{date}反映的“{title}”（{place}）事项已收悉。",
            "按照{legal_basis}及我市优化营商环境有关要求办理。",
            "我单位已安排专人对接，开通绿色通道并容缺受理，相关手续已办结，"
            "结果已通过政务服务平台推送。",
            "责任人：{unit}{person}",
            "企业服务专线：{phone}",
        ),
        ReplyTemplate(
            "{petitioner}您好，您{date}提出的“{title}”诉求涉及{place}，我们已会同相关部门研究。",
            "政策依据：{legal_basis}。",
            "经研究，该事项符合政策条件，已纳入审核流程，预计在十个工作日内完成，"
            "我们将全程跟踪并及时告知进展。",
            "项目联络人：{person}（{unit}）",
            "联系电话：{phone}",
        ),
    ),
    Category.ENFORCEMENT: (
        ReplyTemplate(
            "{petitioner}：您于{date}反映的{place}“{title}”问题，我单位已立案调查。",
            "该行为违反了{legal_basis}的规定。",
            "执法人员已到现场取证，责令当事人限期整改，并依法作出行政处罚，复查时问题已整改到位。",
            "执法责任人：{unit}{person}",
            "监督电话：{phone}",
        ),
        ReplyTemplate(
            "{petitioner}您好，关于{date}反映的“{title}”（{place}），现将办理情况答复如下。",
            "我单位依据{legal_basis}依法处置。",
            "经会同街道开展联合执法，违法行为已被制止，相关设施已拆除或查封，"
            "后续将纳入重点巡查点位。",
            "责任人：{person}（{unit}）",
            "联系电话：{phone}",
        ),
    ),
}


def placeholders(text: str) -> frozenset[str]:
    """The `{name}` placeholders of a format string."""
    return frozenset(name for _, name, _, _ in string.Formatter().parse(text) if name)


# --------------------------------------------------------------------------------------------
# Fake personal data

_MOBILE_PREFIXES: tuple[str, ...] = (
    *(f"13{d}" for d in range(10)),
    "150",
    "151",
    "152",
    "153",
    "155",
    "156",
    "157",
    "158",
    "159",
    *(f"18{d}" for d in range(10)),
)


def fake_phone(rng: random.Random) -> str:
    """An 11-digit mainland mobile number (13x / 15x / 18x)."""
    return rng.choice(_MOBILE_PREFIXES) + f"{rng.randrange(10**8):08d}"


def fake_office_phone(rng: random.Random) -> str:
    """A Qingdao landline, e.g. 0532-88881234."""
    return f"0532-8{rng.randrange(10**7):07d}"


def fake_name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + rng.choice(GIVEN_NAMES)
