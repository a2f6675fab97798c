"""Qingdao's organisation tree ("10 + 1"), the topic taxonomy and the duty lists, as plain data.

No database and no I/O: the seeder turns these into rows. Unit codes are stable and unique across
the city: "QD" (city platform), "QD-CG" (city department), "SN" (district platform), "SN-CG"
(district department), "SN-S01" (street), "SN-S01-C01" (community).
"""

from __future__ import annotations

from dataclasses import dataclass

from workflow.enums import Category, UnitKind

# --------------------------------------------------------------------------------------------
# Types


@dataclass(frozen=True)
class PlatformSpec:
    """The city platform."""

    code: str
    name: str


@dataclass(frozen=True)
class DepartmentSpec:
    """A city or district department. `key` selects its duty list in DUTY_ITEMS (None: none)."""

    code: str
    name: str
    key: str | None
    kind: UnitKind


@dataclass(frozen=True)
class CommunitySpec:
    code: str
    name: str


@dataclass(frozen=True)
class StreetSpec:
    code: str
    name: str
    communities: tuple[CommunitySpec, ...]


@dataclass(frozen=True)
class DistrictSpec:
    """A district (区/县级市) and its platform; `code` is also the platform unit's code."""

    code: str
    name: str
    platform_name: str
    departments: tuple[DepartmentSpec, ...]
    streets: tuple[StreetSpec, ...]


@dataclass(frozen=True)
class SubtopicSpec:
    code: str
    name: str


@dataclass(frozen=True)
class TopicSpec:
    code: str
    name: str
    children: tuple[SubtopicSpec, ...]


@dataclass(frozen=True)
class DutyItemSpec:
    title: str
    description: str
    keywords: tuple[str, ...]
    topic: str  # a second-level topic code
    category: Category
    legal_basis: str


@dataclass(frozen=True)
class UnitRow:
    """One node of the flattened organisation tree (see `all_units`)."""

    code: str
    name: str
    kind: UnitKind
    parent_code: str | None
    district_code: str | None
    department_key: str | None


# --------------------------------------------------------------------------------------------
# Department keys


DEPARTMENT_KEYS: dict[str, str] = {
    "CG": "城市管理",
    "SCJG": "市场监管",
    "ZJ": "住房城乡建设",
    "HB": "生态环境",
    "JT": "交通运输",
    "WJ": "卫生健康",
    "JY": "教育",
    "RS": "人力资源社会保障",
    "ZRZY": "自然资源",
    "GA": "公安",
}
STREET_KEY = "STREET"
COMMUNITY_KEY = "COMMUNITY"
# The discipline-inspection unit (市纪委监委) and the organisation department (市委组织部) receive
# referrals: their INSPECTOR accounts sit there; they keep no duty list.
INSPECTION_DEPARTMENT_CODE = "QD-JW"
ORGANISATION_DEPARTMENT_CODE = "QD-ZZB"
REFERRAL_UNIT_CODES = (INSPECTION_DEPARTMENT_CODE, ORGANISATION_DEPARTMENT_CODE)
CITY_AREA_NAME = "青岛市"


# --------------------------------------------------------------------------------------------
# City level


CITY_PLATFORM = PlatformSpec(code="QD", name="青岛市“青诉即办”市级平台")


def _city_dept(key: str | None, code: str, name: str) -> DepartmentSpec:
    return DepartmentSpec(code=code, name=name, key=key, kind=UnitKind.CITY_DEPARTMENT)


CITY_DEPARTMENTS: tuple[DepartmentSpec, ...] = (
    _city_dept("CG", "QD-CG", "市城市管理局"),
    _city_dept("SCJG", "QD-SCJG", "市市场监管局"),
    _city_dept("ZJ", "QD-ZJ", "市住房城乡建设局"),
    _city_dept("JT", "QD-JT", "市交通运输局"),
    _city_dept("HB", "QD-HB", "市生态环境局"),
    _city_dept("WJ", "QD-WJ", "市卫生健康委"),
    _city_dept("JY", "QD-JY", "市教育局"),
    _city_dept("RS", "QD-RS", "市人力资源社会保障局"),
    _city_dept("ZRZY", "QD-ZRZY", "市自然资源和规划局"),
    _city_dept("GA", "QD-GA", "市公安局"),
    _city_dept(None, INSPECTION_DEPARTMENT_CODE, "市纪委监委"),
    _city_dept(None, ORGANISATION_DEPARTMENT_CODE, "市委组织部"),
)


# --------------------------------------------------------------------------------------------
# Districts


def _district_dept_name(district: str, key: str) -> str:
    short = district[:-1]  # 市南区 → 市南, 胶州市 → 胶州
    is_city = district.endswith("市")  # county-level cities (胶州市, 平度市, 莱西市)
    match key:
        case "CG":
            return f"{district}城市管理局"
        case "SCJG":
            return f"{district}市场监督管理局"
        case "ZJ":
            return f"{district}住房和城乡建设局"
        case "HB":
            return f"青岛市生态环境局{short}分局"
        case "JT":
            return f"{district}交通运输局"
        case "WJ":
            return f"{district}卫生健康局"
        case "JY":
            return f"{district}教育和体育局"
        case "RS":
            return f"{district}人力资源和社会保障局"
        case "ZRZY":
            return f"{district}自然资源局"
        case "GA":
            return f"{district}公安局" if is_city else f"青岛市公安局{short}分局"
    raise ValueError(f"unknown department key {key!r}")


def _district(
    code: str,
    name: str,
    platform_name: str,
    department_keys: tuple[str, ...],
    streets: tuple[tuple[str, tuple[str, ...]], ...],
) -> DistrictSpec:
    departments = tuple(
        DepartmentSpec(
            code=f"{code}-{key}",
            name=_district_dept_name(name, key),
            key=key,
            kind=UnitKind.DISTRICT_DEPARTMENT,
        )
        for key in department_keys
    )
    street_specs = tuple(
        StreetSpec(
            code=f"{code}-S{i:02d}",
            name=street_name,
            communities=tuple(
                CommunitySpec(code=f"{code}-S{i:02d}-C{j:02d}", name=community_name)
                for j, community_name in enumerate(communities, start=1)
            ),
        )
        for i, (street_name, communities) in enumerate(streets, start=1)
    )
    return DistrictSpec(
        code=code,
        name=name,
        platform_name=platform_name,
        departments=departments,
        streets=street_specs,
    )


DISTRICTS: tuple[DistrictSpec, ...] = (
    _district(
        "SN",
        "市南区",
        "暖南诉办",
        ("CG", "SCJG", "ZJ", "HB", "JT"),
        (
            ("八大关街道", ("湛山社区", "太平角社区", "荣成路社区")),
            ("香港中路街道", ("燕儿岛路社区", "东海中路社区", "南京路社区")),
            ("江苏路街道", ("龙山路社区", "大学路社区")),
        ),
    ),
    _district(
        "SB",
        "市北区",
        "北尚诉办",
        ("CG", "SCJG", "ZJ", "WJ", "GA"),
        (
            ("台东街道", ("延安路社区", "威海路社区", "顺兴路社区")),
            ("辽宁路街道", ("冠县路社区", "东平路社区")),
            ("合肥路街道", ("福州北路社区", "合肥路社区", "南昌路社区")),
        ),
    ),
    _district(
        "LC",
        "李沧区",
        "李即办",
        ("CG", "SCJG", "ZJ", "RS", "JT"),
        (
            ("振华路街道", ("永安路社区", "振华路社区", "四流中路社区")),
            ("虎山路街道", ("虎山路社区", "北山社区")),
            ("九水街道", ("九水东路社区", "东李社区", "大崂社区")),
        ),
    ),
    _district(
        "LS",
        "崂山区",
        "崂先办",
        ("CG", "SCJG", "HB", "ZRZY", "WJ"),
        (
            ("中韩街道", ("张村社区", "石老人社区", "午山社区")),
            ("沙子口街道", ("沙子口社区", "南姜社区")),
            ("王哥庄街道", ("仰口社区", "港东社区", "晓望社区")),
        ),
    ),
    _district(
        "HD",
        "黄岛区",
        "诉速办",
        ("CG", "SCJG", "ZJ", "JT", "ZRZY"),
        (
            ("长江路街道", ("香江路社区", "长江西路社区", "井冈山路社区")),
            ("薛家岛街道", ("鱼鸣嘴社区", "金沙滩社区")),
            ("灵山卫街道", ("灵山卫社区", "南营社区", "北屯社区")),
        ),
    ),
    _district(
        "CY",
        "城阳区",
        "城心办",
        ("CG", "SCJG", "ZJ", "HB", "RS"),
        (
            ("城阳街道", ("后田社区", "西城汇社区", "前桃林社区")),
            ("流亭街道", ("双埠社区", "仙家寨社区")),
            ("夏庄街道", ("王沙路社区", "源头社区", "夏庄社区")),
        ),
    ),
    _district(
        "JM",
        "即墨区",
        "即诉即办",
        ("CG", "SCJG", "ZRZY", "JY", "GA"),
        (
            ("通济街道", ("通济社区", "城东社区", "龙泉社区")),
            ("潮海街道", ("潮海社区", "鹤山路社区", "墨河社区")),
            ("龙山街道", ("龙山社区", "大官庄村")),
        ),
    ),
    _district(
        "JZ",
        "胶州市",
        "胶心办",
        ("CG", "SCJG", "ZJ", "JY", "WJ"),
        (
            ("三里河街道", ("三里河社区", "郑州路社区", "扬州路社区")),
            ("阜安街道", ("阜安社区", "福州路社区")),
            ("中云街道", ("中云社区", "云溪社区", "兰州路社区")),
        ),
    ),
    _district(
        "PD",
        "平度市",
        "平读心声",
        ("CG", "SCJG", "ZRZY", "HB", "RS"),
        (
            ("凤台街道", ("红旗路社区", "凤台社区", "北京路社区")),
            ("李园街道", ("李园社区", "杭州路社区")),
            ("同和街道", ("同和社区", "常州路社区", "西关社区")),
        ),
    ),
    _district(
        "LX",
        "莱西市",
        "爱莱西",
        ("CG", "SCJG", "ZJ", "JT", "JY"),
        (
            ("水集街道", ("水集社区", "石岛路社区", "烟台路社区")),
            ("望城街道", ("望城社区", "月湖社区")),
            ("沽河街道", ("沽河社区", "朱东庄村", "后庄扶村")),
        ),
    ),
)

DISTRICTS_BY_CODE: dict[str, DistrictSpec] = {d.code: d for d in DISTRICTS}


# --------------------------------------------------------------------------------------------
# Topics (two levels)


def _topic(code: str, name: str, *children: str) -> TopicSpec:
    return TopicSpec(
        code=code,
        name=name,
        children=tuple(
            SubtopicSpec(code=f"{code}-{i:02d}", name=child)
            for i, child in enumerate(children, start=1)
        ),
    )


TOPICS: tuple[TopicSpec, ...] = (
    _topic("SRHJ", "市容环境", "垃圾清运", "占道经营", "户外广告", "绿化养护", "卫生死角"),
    _topic("JTCX", "交通出行", "道路拥堵", "公交线路", "出租客运秩序", "停车管理", "废弃车辆"),
    _topic("ZSRM", "噪声扰民", "建筑施工噪声", "社会生活噪声", "快速路高速路噪声", "商业经营噪声"),
    _topic("YLFW", "医疗服务", "就医秩序", "医疗收费", "医保报销", "医德医风"),
    _topic("SPAQ", "食品安全", "外卖业户监管", "餐饮卫生", "过期变质食品", "校园周边食品"),
    _topic("WYGL", "物业管理", "物业服务质量", "物业收费", "专项维修资金", "电梯维保"),
    _topic("KDWL", "快递物流", "快递延误丢失", "网点服务秩序", "末端投递", "快递车辆管理"),
    _topic("WFJS", "违法建设", "违章搭建", "楼顶私建", "违建拆除", "农村违法占地"),
    _topic("HJBH", "环境保护", "餐饮油烟", "水体污染", "工业废气", "固体废物"),
    _topic("GGSS", "公共设施", "路灯照明", "道路破损", "井盖缺失", "供水供暖", "健身设施"),
    _topic("JY", "教育", "入学政策", "校外培训", "学校周边安全", "教育收费"),
    _topic("SHBZ", "社会保障", "社保缴纳", "养老待遇", "工资拖欠", "就业创业补贴", "社会救助"),
    _topic("ZF", "住房", "保障性住房", "老旧小区改造", "房屋质量", "不动产登记"),
    _topic("YSHJ", "营商环境", "审批服务", "惠企政策", "涉企收费", "市场准入"),
    _topic("QT", "其他", "政策咨询", "表扬感谢", "邻里纠纷", "其他事项"),
)

# The seven areas of the 2023 民生领域集中攻坚行动.
CAMPAIGN_AREAS: tuple[str, ...] = ("SRHJ", "JTCX", "ZSRM", "YLFW", "SPAQ", "WYGL", "KDWL")


def subtopic_codes() -> frozenset[str]:
    """Every second-level topic code."""
    return frozenset(child.code for topic in TOPICS for child in topic.children)


def parent_topic(code: str) -> str:
    """The first-level code of a second-level code ("SRHJ-01" → "SRHJ")."""
    return code.split("-", 1)[0]


# --------------------------------------------------------------------------------------------
# Duty lists (职责任务清单)


def _d(
    title: str,
    description: str,
    keywords: str,
    topic: str,
    category: Category,
    legal_basis: str,
) -> DutyItemSpec:
    return DutyItemSpec(
        title=title,
        description=description,
        keywords=tuple(keywords.split()),
        topic=topic,
        category=category,
        legal_basis=legal_basis,
    )


_L = Category.LIVELIHOOD
_D = Category.DEVELOPMENT
_E = Category.ENFORCEMENT

DUTY_ITEMS: dict[str, tuple[DutyItemSpec, ...]] = {
    "CG": (
        _d(
            "生活垃圾清运监管",
            "监督生活垃圾分类投放、及时清运，处理垃圾满溢和清运不及时问题。",
            "垃圾 清运 垃圾桶 满溢 分类",
            "SRHJ-01",
            _L,
            "《城市市容和环境卫生管理条例》第二十八条",
        ),
        _d(
            "占道经营查处",
            "查处擅自占用城市道路、人行道摆摊设点和店外经营行为。",
            "占道 摆摊 流动摊贩 店外经营 人行道",
            "SRHJ-02",
            _E,
            "《城市市容和环境卫生管理条例》第十四条",
        ),
        _d(
            "户外广告和招牌管理",
            "审核户外广告设置，督促拆除破损、违规设置的广告牌匾。",
            "广告牌 招牌 牌匾 条幅 户外广告",
            "SRHJ-03",
            _E,
            "《城市市容和环境卫生管理条例》第十一条",
        ),
        _d(
            "违法建设查处",
            "对城镇规划区内未取得规划许可的违法建设依法调查处理。",
            "违建 私搭乱建 违章建筑 加盖 拆除",
            "WFJS-01",
            _E,
            "《中华人民共和国城乡规划法》第六十四条",
        ),
        _d(
            "露天烧烤油烟治理",
            "查处城市人口集中区域露天烧烤和餐饮油烟直排扰民行为。",
            "烧烤 油烟 露天烧烤 排烟",
            "HJBH-01",
            _E,
            "《中华人民共和国大气污染防治法》第八十一条",
        ),
        _d(
            "城市照明设施维护",
            "负责道路路灯、景观照明设施的巡查维修和亮灯管理。",
            "路灯 不亮 照明 灯杆",
            "GGSS-01",
            _L,
            "《城市照明管理规定》第二十五条",
        ),
    ),
    "SCJG": (
        _d(
            "网络订餐外卖监管",
            "监督外卖平台和入网餐饮商户落实食品安全责任，查处无证经营。",
            "外卖 网络订餐 外卖平台 无证 餐饮",
            "SPAQ-01",
            _E,
            "《网络餐饮服务食品安全监督管理办法》第四条",
        ),
        _d(
            "餐饮服务食品安全检查",
            "对餐饮服务单位的卫生条件、从业人员健康和加工过程开展检查。",
            "餐馆 饭店 卫生 后厨 食物中毒",
            "SPAQ-02",
            _E,
            "《中华人民共和国食品安全法》第五十五条",
        ),
        _d(
            "过期变质食品查处",
            "查处销售超过保质期、腐败变质和标签不合格食品的行为。",
            "过期 变质 保质期 超市 标签",
            "SPAQ-03",
            _E,
            "《中华人民共和国食品安全法》第三十四条",
        ),
        _d(
            "电梯安全监督",
            "监督电梯使用单位和维保单位落实维护保养与定期检验。",
            "电梯 困人 维保 年检 停运",
            "WYGL-04",
            _L,
            "《中华人民共和国特种设备安全法》第四十五条",
        ),
        _d(
            "价格和涉企收费检查",
            "查处明码标价不规范、价格欺诈和违规向企业收费的行为。",
            "收费 价格 乱收费 明码标价 涉企",
            "YSHJ-03",
            _E,
            "《中华人民共和国价格法》第十四条",
        ),
        _d(
            "市场主体登记服务",
            "为企业和个体工商户办理设立、变更和注销登记。",
            "营业执照 注册 登记 个体户 注销",
            "YSHJ-04",
            _D,
            "《中华人民共和国市场主体登记管理条例》第三条",
        ),
    ),
    "ZJ": (
        _d(
            "物业服务监督",
            "指导监督物业服务企业履行合同，处理物业服务质量投诉。",
            "物业 物业公司 保洁 服务差 业委会",
            "WYGL-01",
            _L,
            "《物业管理条例》第三十五条",
        ),
        _d(
            "住宅专项维修资金管理",
            "负责维修资金的归集、使用审核与查询服务。",
            "维修资金 大修基金 屋顶漏水 外墙",
            "WYGL-03",
            _L,
            "《住宅专项维修资金管理办法》第二十二条",
        ),
        _d(
            "建筑施工噪声监管",
            "督促施工单位落实降噪措施，查处未经批准夜间施工。",
            "工地 施工 夜间施工 噪声 打桩",
            "ZSRM-01",
            _E,
            "《中华人民共和国噪声污染防治法》第四十三条",
        ),
        _d(
            "老旧小区改造",
            "统筹老旧小区综合整治，推进管网、楼道和加装电梯等改造。",
            "老旧小区 改造 加装电梯 管网 楼道",
            "ZF-02",
            _D,
            "《国务院办公厅关于全面推进城镇老旧小区改造工作的指导意见》第二条",
        ),
        _d(
            "新建商品房质量投诉",
            "督促建设单位履行保修义务，处理房屋渗漏、开裂等质量问题。",
            "房屋质量 渗漏 开裂 保修 交房",
            "ZF-03",
            _L,
            "《建设工程质量管理条例》第四十一条",
        ),
    ),
    "HB": (
        _d(
            "工业企业废气监管",
            "对工业企业废气排放和异味扰民开展执法检查。",
            "废气 异味 臭味 排放 工厂",
            "HJBH-03",
            _E,
            "《中华人民共和国大气污染防治法》第十八条",
        ),
        _d(
            "水环境污染防治",
            "查处向河道、近岸海域违法排放污水的行为。",
            "污水 排污 河道 黑臭水体 入海口",
            "HJBH-02",
            _E,
            "《中华人民共和国水污染防治法》第三十九条",
        ),
        _d(
            "固体废物和危险废物监管",
            "监督工业固废、危险废物的贮存、转移和处置。",
            "固废 危废 倾倒 废油 堆放",
            "HJBH-04",
            _E,
            "《中华人民共和国固体废物污染环境防治法》第二十条",
        ),
        _d(
            "餐饮油烟排放监管",
            "监督餐饮服务单位安装使用油烟净化设施并达标排放。",
            "油烟 净化器 餐饮 排烟管道",
            "HJBH-01",
            _E,
            "《中华人民共和国大气污染防治法》第八十一条",
        ),
        _d(
            "工业噪声监管",
            "对工业企业厂界噪声超标扰民问题开展监测和执法。",
            "工厂 机器 轰鸣 厂界噪声 设备",
            "ZSRM-04",
            _E,
            "《中华人民共和国噪声污染防治法》第三十六条",
        ),
    ),
    "JT": (
        _d(
            "公交线路和站点优化",
            "研究群众关于公交线路、站点设置和发车间隔的建议。",
            "公交 线路 站点 发车 末班车",
            "JTCX-02",
            _L,
            "《城市公共汽车和电车客运管理规定》第十四条",
        ),
        _d(
            "出租汽车客运秩序整治",
            "查处巡游出租车拒载、绕路、议价和网约车非法营运。",
            "出租车 拒载 绕路 网约车 黑车",
            "JTCX-03",
            _E,
            "《巡游出租汽车经营服务管理规定》第二十四条",
        ),
        _d(
            "快递服务监督",
            "督促快递企业规范收寄、投递，处理快件延误和丢失投诉。",
            "快递 快件 丢件 延误 驿站",
            "KDWL-01",
            _L,
            "《快递暂行条例》第二十五条",
        ),
        _d(
            "快递末端网点管理",
            "规范快递末端网点和驿站的设置、服务与收费。",
            "驿站 代收点 末端网点 收费 送货上门",
            "KDWL-03",
            _L,
            "《快递暂行条例》第二十条",
        ),
        _d(
            "公路养护管理",
            "负责辖区国省道和农村公路的日常养护与路面修复。",
            "公路 坑洼 路面 农村公路 养护",
            "GGSS-02",
            _L,
            "《中华人民共和国公路法》第三十五条",
        ),
    ),
    "WJ": (
        _d(
            "医疗机构就医秩序",
            "督促医疗机构优化挂号、候诊流程，改善群众就医体验。",
            "挂号 排队 医院 门诊 候诊",
            "YLFW-01",
            _L,
            "《医疗机构管理条例》第三十条",
        ),
        _d(
            "医疗服务收费监督",
            "会同医保部门检查医疗机构违规收费和重复收费问题。",
            "医疗收费 乱收费 检查费 药费",
            "YLFW-02",
            _L,
            "《医疗机构管理条例》第三十七条",
        ),
        _d(
            "医德医风投诉处理",
            "受理医务人员服务态度、索要红包等医德医风投诉。",
            "医生 态度 红包 医德 护士",
            "YLFW-04",
            _L,
            "《医疗纠纷预防和处理条例》第十三条",
        ),
        _d(
            "非法行医查处",
            "查处无《医疗机构执业许可证》开展诊疗活动的行为。",
            "黑诊所 非法行医 无证 诊所 医美",
            "YLFW-01",
            _E,
            "《中华人民共和国基本医疗卫生与健康促进法》第九十九条",
        ),
    ),
    "JY": (
        _d(
            "义务教育入学",
            "制定学区划分和入学政策，解答适龄儿童入学问题。",
            "入学 学区 划片 转学 小学",
            "JY-01",
            _L,
            "《中华人民共和国义务教育法》第十二条",
        ),
        _d(
            "校外培训机构监管",
            "查处无证办学、违规开展学科类培训和预收费问题。",
            "培训班 辅导班 补课 退费 预收费",
            "JY-02",
            _E,
            "《中华人民共和国民办教育促进法》第六十四条",
        ),
        _d(
            "校园周边安全",
            "会同相关部门治理学校周边交通秩序和安全隐患。",
            "学校 校门口 接送 安全 拥堵",
            "JY-03",
            _L,
            "《中小学幼儿园安全管理办法》第四条",
        ),
        _d(
            "教育收费监督",
            "检查学校违规收费、强制征订教辅材料等问题。",
            "学校收费 教辅 代收费 校服",
            "JY-04",
            _L,
            "《中华人民共和国教育法》第七十八条",
        ),
    ),
    "RS": (
        _d(
            "欠薪问题处置",
            "受理劳动者工资拖欠投诉，督促用人单位足额支付。",
            "欠薪 工资 拖欠 农民工 讨薪",
            "SHBZ-03",
            _E,
            "《保障农民工工资支付条例》第十条",
        ),
        _d(
            "社会保险缴纳",
            "督促用人单位依法为职工缴纳社会保险费。",
            "社保 缴纳 断缴 五险 补缴",
            "SHBZ-01",
            _L,
            "《中华人民共和国社会保险法》第五十八条",
        ),
        _d(
            "养老待遇核发",
            "办理养老保险待遇资格认证、核定和发放。",
            "养老金 退休 待遇 认证 领取",
            "SHBZ-02",
            _L,
            "《中华人民共和国社会保险法》第十六条",
        ),
        _d(
            "就业创业补贴",
            "审核发放一次性创业补贴、吸纳就业补贴和职业培训补贴。",
            "创业补贴 就业 培训补贴 稳岗 吸纳就业",
            "SHBZ-04",
            _D,
            "《中华人民共和国就业促进法》第十五条",
        ),
        _d(
            "劳动保障监察",
            "查处未签订劳动合同、超时加班等违反劳动保障法律的行为。",
            "劳动合同 加班 辞退 劳动监察",
            "SHBZ-03",
            _E,
            "《劳动保障监察条例》第十一条",
        ),
    ),
    "ZRZY": (
        _d(
            "不动产登记",
            "办理房屋产权首次登记、转移登记和不动产权证书核发。",
            "房产证 不动产 产权 办证 过户",
            "ZF-04",
            _L,
            "《不动产登记暂行条例》第五条",
        ),
        _d(
            "农村违法占地查处",
            "查处未经批准占用耕地建房和非法转让土地的行为。",
            "占地 耕地 农村建房 土地 宅基地",
            "WFJS-04",
            _E,
            "《中华人民共和国土地管理法》第七十七条",
        ),
        _d(
            "建设项目规划审批",
            "办理建设用地规划许可、建设工程规划许可。",
            "规划许可 用地 项目审批 规划",
            "YSHJ-01",
            _D,
            "《中华人民共和国城乡规划法》第三十七条",
        ),
        _d(
            "山林资源保护",
            "查处毁林开垦、非法采石采砂等破坏自然资源行为。",
            "山林 采石 采砂 毁林 开山",
            "HJBH-04",
            _E,
            "《中华人民共和国矿产资源法》第三十九条",
        ),
    ),
    "GA": (
        _d(
            "社会生活噪声处置",
            "处置夜间娱乐、高音喇叭和室内装修等社会生活噪声扰民。",
            "噪音 夜间 广场舞 装修 喇叭",
            "ZSRM-02",
            _E,
            "《中华人民共和国噪声污染防治法》第六十五条",
        ),
        _d(
            "道路违法停车治理",
            "查处机动车违法停放、占用消防通道和盲道等行为。",
            "违停 乱停车 堵路 消防通道 停车",
            "JTCX-04",
            _E,
            "《中华人民共和国道路交通安全法》第五十六条",
        ),
        _d(
            "废弃车辆清理",
            "会同城管、街道清理长期占用道路的废弃机动车。",
            "僵尸车 废弃车 长期停放 报废",
            "JTCX-05",
            _E,
            "《中华人民共和国道路交通安全法》第一百零五条",
        ),
        _d(
            "重点区域交通疏导",
            "对学校、医院、景区周边高峰拥堵路段加强疏导。",
            "拥堵 堵车 信号灯 交警 高峰",
            "JTCX-01",
            _L,
            "《中华人民共和国道路交通安全法》第三十九条",
        ),
        _d(
            "快递电动三轮车管理",
            "规范快递车辆通行和停放，查处闯红灯、逆行等行为。",
            "快递车 三轮车 逆行 电动车 闯红灯",
            "KDWL-04",
            _E,
            "《中华人民共和国道路交通安全法》第五十七条",
        ),
    ),
    STREET_KEY: (
        _d(
            "辖区环境卫生死角清理",
            "组织清理背街小巷、楼院和城乡结合部的卫生死角。",
            "卫生死角 垃圾堆 杂物 背街小巷 清理",
            "SRHJ-05",
            _L,
            "《城市市容和环境卫生管理条例》第三十二条",
        ),
        _d(
            "村庄环境卫生管护",
            "落实农村环卫保洁责任，推进城乡环卫一体化。",
            "农村 村庄 保洁 环卫 垃圾",
            "SRHJ-01",
            _L,
            "《农村人居环境整治提升五年行动方案（2021—2025年）》第三条",
        ),
        _d(
            "违建摸排和先行制止",
            "开展辖区违法建设巡查摸排，发现后及时制止并报告。",
            "违建 搭建 楼顶 院子 巡查",
            "WFJS-02",
            _E,
            "《山东省城乡规划条例》第六十一条",
        ),
        _d(
            "物业矛盾协调",
            "指导社区协调业主与物业企业的矛盾，推动成立业主委员会。",
            "物业 业委会 业主 纠纷 停车位",
            "WYGL-01",
            _L,
            "《物业管理条例》第十条",
        ),
        _d(
            "社会救助申请",
            "受理最低生活保障、特困供养和临时救助申请。",
            "低保 救助 困难 特困 补助",
            "SHBZ-05",
            _L,
            "《社会救助暂行办法》第十一条",
        ),
        _d(
            "矛盾纠纷调解",
            "组织人民调解委员会调处邻里、家庭和小额经济纠纷。",
            "纠纷 调解 邻居 漏水 矛盾",
            "QT-03",
            _L,
            "《中华人民共和国人民调解法》第八条",
        ),
    ),
    COMMUNITY_KEY: (
        _d(
            "楼院环境整治",
            "组织网格员巡查楼道堆物、飞线充电和楼院卫生。",
            "楼道 堆物 飞线充电 楼院 卫生",
            "SRHJ-05",
            _L,
            "《中华人民共和国城市居民委员会组织法》第三条",
        ),
        _d(
            "政策咨询解答",
            "为居民解答社保、救助、入学等常见政策问题。",
            "咨询 政策 办理 证明 流程",
            "QT-01",
            _L,
            "《中华人民共和国城市居民委员会组织法》第三条",
        ),
        _d(
            "邻里纠纷化解",
            "及时调解邻里漏水、噪音、宠物等日常矛盾。",
            "邻居 漏水 宠物 狗 纠纷",
            "QT-03",
            _L,
            "《中华人民共和国人民调解法》第八条",
        ),
        _d(
            "小区公共设施报修",
            "收集健身器材、路灯、井盖等公共设施损坏信息并报修。",
            "健身器材 井盖 损坏 报修",
            "GGSS-05",
            _L,
            "《中华人民共和国城市居民委员会组织法》第三条",
        ),
    ),
}


def duty_items_for(unit_kind: UnitKind, department_key: str | None) -> tuple[DutyItemSpec, ...]:
    """The duty list of a unit: departments by key, streets and communities by kind."""
    if unit_kind is UnitKind.STREET:
        return DUTY_ITEMS[STREET_KEY]
    if unit_kind is UnitKind.COMMUNITY:
        return DUTY_ITEMS[COMMUNITY_KEY]
    if unit_kind in (UnitKind.CITY_DEPARTMENT, UnitKind.DISTRICT_DEPARTMENT):
        return DUTY_ITEMS.get(department_key or "", ())
    return ()  # platforms triage; they keep no duty list


# --------------------------------------------------------------------------------------------
# Flattened tree


def all_units() -> list[UnitRow]:
    """Every unit, parents before children (city platform first)."""
    rows = [
        UnitRow(
            code=CITY_PLATFORM.code,
            name=CITY_PLATFORM.name,
            kind=UnitKind.CITY_PLATFORM,
            parent_code=None,
            district_code=None,
            department_key=None,
        )
    ]
    rows += [
        UnitRow(d.code, d.name, d.kind, CITY_PLATFORM.code, None, d.key) for d in CITY_DEPARTMENTS
    ]
    for district in DISTRICTS:
        dc = district.code
        platform_kind, city = UnitKind.DISTRICT_PLATFORM, CITY_PLATFORM.code
        rows.append(UnitRow(dc, district.platform_name, platform_kind, city, dc, None))
        rows += [UnitRow(d.code, d.name, d.kind, dc, dc, d.key) for d in district.departments]
        for street in district.streets:
            rows.append(UnitRow(street.code, street.name, UnitKind.STREET, dc, dc, None))
            rows += [
                UnitRow(c.code, c.name, UnitKind.COMMUNITY, street.code, dc, None)
                for c in street.communities
            ]
    return rows
