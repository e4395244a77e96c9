/// The kinds of table Huizong reads. A file's kind comes from its header row, never its name.
public enum TableKind: String, Sendable, Codable, CaseIterable {
    case registry, assets, staff
    /// Headcounts by status, as a unit reports them (基本数字表, 单位基本情况表): not a list of people.
    case staffCounts = "staff_counts"
    case budget, expenditure
    /// The books as accounting software exports them (序时账, 明细账): accounts, 借 and 贷.
    case journal
    /// A department's mapping of its accounts to 支出类型 and 资金来源 (会计科目对照表).
    case accountMap = "account_map"
    case indicators
    case reportFigures = "report_figures"

    public var chinese: String {
        switch self {
        case .registry: "单位名录"
        case .assets: "资产"
        case .staff: "人员"
        case .staffCounts: "人数"
        case .budget: "预决算收支"
        case .expenditure: "支出明细"
        case .journal: "序时账"
        case .accountMap: "科目对照表"
        case .indicators: "绩效指标"
        case .reportFigures: "报告数"
        }
    }

    /// Whether every row names a unit (the department-level sheets do not).
    public var isUnitLevel: Bool {
        switch self {
        case .assets, .staff, .staffCounts, .budget, .expenditure, .journal: true
        case .registry, .accountMap, .indicators, .reportFigures: false
        }
    }

    /// Columns of which a table needs one, each set named by its first for messages: an asset's
    /// category is stated, or comes from its national classification code.
    var oneOfColumns: [[String]] {
        switch self {
        case .assets: [["category", "classification_code"]]
        case .accountMap: [["expenditure_type", "funding_source"]]
        case .journal: [["date", "month", "account_code"]]
        default: []
        }
    }

    public var columns: [ColumnSpec] {
        switch self {
        case .registry:
            [
                .unitCode, .init("unit_name", "单位名称"), .init("alias", "简称", required: false),
                .init("parent_code", "上级单位编码", required: false),
            ]
        case .assets:
            [
                // Also as the asset system exports its cards: no 资产类别 but the national
                // classification code (GB/T 14885), 价值 for 原值, and 净值.
                .rowUnitCode, .init("asset_id", "资产编号", synonyms: ["卡片编号", "资产编码", "资产卡片编号"]),
                .init("asset_name", "资产名称"), .init("category", "资产类别", required: false),
                .init(
                    "classification_code", "固定资产分类代码", required: false,
                    synonyms: [
                        "资产分类代码", "分类代码", "国标分类代码", "固定资产分类代码(2010国标码)", "资产分类代码(2010国标码)",
                        "固定资产分类代码(2022国标码)", "资产分类代码(2022国标码)",
                    ]),
                .init("original_value", "原值", money: true, synonyms: ["价值", "账面原值", "资产原值"]),
                .init("accumulated_depreciation", "累计折旧", required: false, money: true, synonyms: ["累计折旧(摊销)"]),
                .init("net_value", "净值", required: false, money: true, synonyms: ["账面净值", "资产净值"]),
            ]
        case .staff:
            [.rowUnitCode, .init("person_id", "人员编号"), .init("status", "人员类别")]
        case .staffCounts:
            [
                .rowUnitCode, .init("unit_name", "单位名称", required: false),
                .init("authorized", "编制人数", required: false, synonyms: ["编制数", "核定编制", "核定编制数"]),
                .init("active", "在职人数", synonyms: ["在职人员", "在职", "在职人员数", "年末在职人数", "实有在职人数"]),
                .init("retired_veteran", "离休人数", required: false, synonyms: ["离休人员", "离休", "离休人员数"]),
                .init("retired", "退休人数", required: false, synonyms: ["退休人员", "退休", "退休人员数"]),
            ]
        case .budget:
            [.rowUnitCode, .init("stage", "阶段"), .init("item", "科目"), .init("amount", "金额", money: true)]
        case .expenditure:
            // Also as 国库集中支付 detail names them: 预算单位编码, 资金性质, 功能科目, 经济科目, 支付金额.
            [
                .init("unit_code", "单位编码", required: false, synonyms: ["预算单位编码", "预算单位代码"]),
                .init("date", "日期", synonyms: ["支付日期"]), .init("voucher", "凭证号", synonyms: ["支付凭证号"]),
                .init("funding_source", "资金来源", synonyms: ["资金性质"]), .init("expenditure_type", "支出类型"),
                .init("functional_class", "功能分类科目", required: false, synonyms: ["功能科目"]),
                .init("economic_class", "经济分类科目", required: false, synonyms: ["经济科目", "部门经济分类科目"]),
                .init("project", "项目", required: false), .init("memo", "摘要", required: false),
                .init("amount", "金额", money: true, synonyms: ["支付金额"]),
            ]
        case .journal:
            // As 用友, 金蝶 and 浪潮 export a 序时账: a voucher's lines, each an account with 借 or 贷.
            [
                // 日期 and 凭证号 may instead come from a voucher block's `[日期:… 凭证字号:…]` line.
                .rowUnitCode, .init("date", "日期", required: false, synonyms: ["记账日期", "凭证日期", "制单日期"]),
                .init("voucher", "凭证号", required: false, synonyms: ["凭证号数", "凭证编号", "凭证字号", "凭证字"]),
                .init("memo", "摘要", required: false),
                // A 明细账 of one account names it above the header (`科目：7101 行政支出`), and may
                // date its lines by 月 and 日 under the year (`2022年`).
                .init("month", "月", required: false), .init("day", "日", required: false),
                .init("account_code", "科目编码", required: false, synonyms: ["科目代码", "会计科目编码", "科目编号"]),
                .init("account_name", "科目名称", required: false, synonyms: ["会计科目", "科目全称"]),
                .init("debit", "借方金额", money: true, synonyms: ["借方", "借方发生额", "借方本币"]),
                .init("credit", "贷方金额", money: true, synonyms: ["贷方", "贷方发生额", "贷方本币"]),
            ]
        case .accountMap:
            [
                .init("account_code", "科目编码", synonyms: ["科目代码"]),
                .init("account_name", "科目名称", required: false),
                .init("expenditure_type", "支出类型", required: false),
                .init("funding_source", "资金来源", required: false),
            ]
        case .indicators:
            // Also as the provincial systems export the 部门整体支出绩效自评表: no 指标编码 and no
            // 方向 column (the target's operator says it), 三级指标 for the name, 分值 for the weight.
            [
                .init("goal", "分项目标", required: false, synonyms: ["分项绩效目标", "所属目标", "绩效目标"]),
                .init("id", "指标编码", required: false, synonyms: ["指标代码"]),
                .init("level1", "一级指标"), .init("level2", "二级指标", required: false),
                .init("name", "指标名称", synonyms: ["三级指标", "指标内容"]),
                .init("weight", "权重", synonyms: ["分值", "指标分值", "权重(分)"]),
                .init("direction", "方向", required: false, synonyms: ["指标性质", "指标方向"]),
                .init("target", "目标值", synonyms: ["年度指标值", "指标值", "年度目标值", "预期目标值"]),
                .init("actual", "实际值", required: false, synonyms: ["实际完成值", "全年实际值", "完成值", "实际完成情况"]),
                .init("measure", "计量单位", required: false, synonyms: ["度量单位"]),
                .init("source", "数据来源", required: false),
                .init("manual_score", "自评得分", required: false, synonyms: ["得分"]),
                .init(
                    "deviation_reason", "偏差原因", required: false,
                    synonyms: ["偏差原因分析及改进措施", "未完成原因分析", "偏差原因分析", "偏差原因及改进措施"]),
                .init("note", "备注", required: false),
            ]
        case .reportFigures:
            [
                .init("figure", "项目"), .init("value", "数值"), .init("measure", "计量单位", required: false),
                .init("note", "备注", required: false),
            ]
        }
    }
}

/// One column a table may have, with both of its names.
public struct ColumnSpec: Sendable, Hashable {
    public let key: String
    public let chinese: String
    public let required: Bool
    /// Amount columns carry their unit in the header: `原值(万元)`, `original_value_yuan`.
    public let isMoney: Bool
    /// Other headers exports use for the column.
    public let synonyms: [String]

    init(_ key: String, _ chinese: String, required: Bool = true, money: Bool = false, synonyms: [String] = []) {
        self.key = key
        self.chinese = chinese
        self.required = required
        self.isMoney = money
        self.synonyms = synonyms
    }

    static let unitCode = ColumnSpec("unit_code", "单位编码")
    /// A unit-level table may leave the unit out: a unit's own export names it in its 编制单位
    /// line, its file name or its folder (`FileUnit`).
    static let rowUnitCode = ColumnSpec("unit_code", "单位编码", required: false)

    /// Whether a normalized header cell names this column, and in which money unit.
    /// - Returns: nil when it does not match; `.some(nil)` for a match that names no unit.
    func match(_ header: String) -> MoneyUnit?? {
        match(header, lowercased: header.lowercased())
    }

    /// The same, with the header already lowercased (recognition tries every column on every cell).
    func match(_ header: String, lowercased lower: String) -> MoneyUnit?? {
        if header == chinese || lower == key || synonyms.contains(header) { return .some(nil) }
        guard isMoney else { return nil }
        for name in [chinese] + synonyms {
            if header == name + "(元)" { return .some(.yuan) }
            if header == name + "(万元)" { return .some(.wan) }
        }
        if lower == key + "_yuan" { return .some(.yuan) }
        if lower == key + "_wan" { return .some(.wan) }
        return nil
    }
}

/// The header cells that hold headcounts (编制人数, 在职人员, 年末实有人数): a table of counts per unit.
func countColumns(_ normalized: [String]) -> [String] {
    let names: Set<String> = ["在职人员", "在职", "离休人员", "离休", "退休人员", "退休", "编制数", "实有人数"]
    return normalized.filter { $0.contains("人数") || $0.hasPrefix("编制") || names.contains($0) }
}

/// Header cells that name a person: read past, never into any output.
let personalDataHeaders: Set<String> = ["姓名", "name", "人员姓名", "身份证号", "身份证号码", "id_number"]

/// How a file's header row maps onto a table kind.
public struct TableLayout: Sendable {
    public var kind: TableKind
    /// Column key → field index.
    public var index: [String: Int]
    /// Money column key → unit stated in its header (nil: none stated).
    public var headerUnits: [String: MoneyUnit?]
    /// The header's cells, as written.
    public var header: [String]

    /// Recognises the kind whose required columns all appear; the most specific wins.
    static func recognise(_ cells: [String]) -> TableLayout? {
        let normalized = cells.map(normalizeLabel)
        let lowercased = normalized.map { $0.lowercased() }
        var best: TableLayout?
        var bestRequired = 0
        for kind in TableKind.allCases {
            var index: [String: Int] = [:]
            var units: [String: MoneyUnit?] = [:]
            for column in kind.columns {
                for (position, cell) in normalized.enumerated() where index[column.key] == nil {
                    if let unit = column.match(cell, lowercased: lowercased[position]) {
                        index[column.key] = position
                        if column.isMoney { units[column.key] = unit }
                    }
                }
            }
            let required = kind.columns.filter(\.required)
            guard required.allSatisfy({ index[$0.key] != nil }) else { continue }
            // 单位编码 and 单位名称 with headcounts beside them is a 单位基本情况表, not the registry.
            if kind == .registry && !countColumns(normalized).isEmpty { continue }
            if kind.oneOfColumns.contains(where: { keys in keys.allSatisfy { index[$0] == nil } }) { continue }
            if required.count > bestRequired {
                best = TableLayout(kind: kind, index: index, headerUnits: units, header: cells)
                bestRequired = required.count
            }
        }
        return best
    }
}
