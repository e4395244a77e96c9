/// A closed list of values a column may hold, each with its Chinese and English name.
public protocol Vocabulary: CaseIterable, Hashable, Sendable, Comparable {
    /// Its name in `Kinds/vocabularies.json` and in a column's `vocabulary`.
    static var vocabularyName: String { get }
    /// Where the catalog keeps its spellings.
    static var table: KeyPath<VocabularyTables, Spellings<Self>> { get }
    /// The English snake_case name: JSON keys and `--headers en`.
    var key: String { get }
    /// The Chinese name officers write and read.
    var chinese: String { get }
}

extension Vocabulary {
    /// The shipped spellings (`Kinds/vocabularies.json`), for text that is not a table's cell.
    static var spellings: Spellings<Self> { KindCatalog.shipped.vocabularies[keyPath: table] }

    /// Other spellings seen in real exports, as shipped.
    public var aliases: [String] { KindCatalog.shipped.vocabularies.extra[Self.vocabularyName]?[key] ?? [] }

    /// Matches a cell against the Chinese name, the English key (any case) or an alias.
    public static func match(_ cell: String) -> Self? {
        match(cell, in: spellings)
    }

    /// The same, by a catalog's spellings (a department's own included).
    static func match(_ cell: String, in spellings: Spellings<Self>) -> Self? {
        var text = cell
        return text.withUTF8 { match($0, in: spellings) }
    }

    /// The one spelling rule, over a cell's bytes: a spelling as written is found in a small
    /// table; anything else is looked up again after folding spaces, full-width letters and case.
    static func match(_ cell: UnsafeBufferPointer<UInt8>, in spellings: Spellings<Self> = spellings) -> Self? {
        if let value = spellings.value(of: cell) { return value }
        var text = normalizeLabel(String(decoding: cell, as: UTF8.self))
        if let value = text.withUTF8({ spellings.value(of: $0) }) { return value }
        var lower = text.lowercased()
        return lower.withUTF8 { spellings.value(of: $0) }
    }
}

extension Vocabulary where Self: RawRepresentable, RawValue == Int {
    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}

/// 资产类别.
public enum AssetCategory: Int, Vocabulary {
    public static let vocabularyName = "asset_category"
    public static var table: KeyPath<VocabularyTables, Spellings<AssetCategory>> { \.assetCategory }

    case cash, fixed, constructionInProgress, intangible, other

    public var key: String {
        switch self {
        case .cash: "cash"
        case .fixed: "fixed"
        case .constructionInProgress: "construction_in_progress"
        case .intangible: "intangible"
        case .other: "other"
        }
    }

    public var chinese: String {
        switch self {
        case .cash: "货币资金"
        case .fixed: "固定资产"
        case .constructionInProgress: "在建工程"
        case .intangible: "无形资产"
        case .other: "其他"
        }
    }

}

/// 人员类别.
public enum StaffStatus: Int, Vocabulary {
    public static let vocabularyName = "staff_status"
    public static var table: KeyPath<VocabularyTables, Spellings<StaffStatus>> { \.staffStatus }

    case active, retiredVeteran, retired

    public var key: String {
        switch self {
        case .active: "active"
        case .retiredVeteran: "retired_veteran"
        case .retired: "retired"
        }
    }

    public var chinese: String {
        switch self {
        case .active: "在职"
        case .retiredVeteran: "离休"
        case .retired: "退休"
        }
    }

}

/// 阶段: the three budget stages of a fiscal year.
public enum BudgetStage: Int, Vocabulary {
    public static let vocabularyName = "budget_stage"
    public static var table: KeyPath<VocabularyTables, Spellings<BudgetStage>> { \.budgetStage }

    case initial, adjusted, final

    public var key: String {
        switch self {
        case .initial: "initial"
        case .adjusted: "adjusted"
        case .final: "final"
        }
    }

    public var chinese: String {
        switch self {
        case .initial: "年初预算"
        case .adjusted: "调整预算"
        case .final: "决算"
        }
    }

}

/// Which side of a unit's budget an item stands on.
package enum BudgetSide: Sendable {
    case income, expenditure, openingBalance, closingBalance
}

/// 科目: the items of the budget and final-accounts tables.
public enum BudgetItem: Int, Vocabulary {
    public static let vocabularyName = "budget_item"
    public static var table: KeyPath<VocabularyTables, Spellings<BudgetItem>> { \.budgetItem }

    case generalBudget, governmentFund, publicServiceRevenue, businessRevenue, otherIncome
    case openingBalance
    case basicExpenditure, projectExpenditure, businessExpenditure
    case closingBalance
    case grantFromParent, remittanceFromSubordinate, grantToSubordinate, remittanceToParent

    public var key: String {
        switch self {
        case .generalBudget: "general_budget"
        case .governmentFund: "government_fund"
        case .publicServiceRevenue: "public_service_revenue"
        case .businessRevenue: "business_revenue"
        case .otherIncome: "other_income"
        case .openingBalance: "opening_balance"
        case .basicExpenditure: "basic_expenditure"
        case .projectExpenditure: "project_expenditure"
        case .businessExpenditure: "business_expenditure"
        case .closingBalance: "closing_balance"
        case .grantFromParent: "grant_from_parent"
        case .remittanceFromSubordinate: "remittance_from_subordinate"
        case .grantToSubordinate: "grant_to_subordinate"
        case .remittanceToParent: "remittance_to_parent"
        }
    }

    public var chinese: String {
        switch self {
        case .generalBudget: "一般公共预算"
        case .governmentFund: "政府性基金预算"
        case .publicServiceRevenue: "事业收入"
        case .businessRevenue: "经营收入"
        case .otherIncome: "其他收入"
        case .openingBalance: "年初结转和结余"
        case .basicExpenditure: "基本支出"
        case .projectExpenditure: "项目支出"
        case .businessExpenditure: "经营支出"
        case .closingBalance: "年末结转和结余"
        case .grantFromParent: "上级补助收入"
        case .remittanceFromSubordinate: "附属单位上缴收入"
        case .grantToSubordinate: "对附属单位补助支出"
        case .remittanceToParent: "上缴上级支出"
        }
    }

    package var side: BudgetSide {
        switch self {
        case .generalBudget, .governmentFund, .publicServiceRevenue, .businessRevenue, .otherIncome,
            .grantFromParent, .remittanceFromSubordinate:
            .income
        case .openingBalance: .openingBalance
        case .basicExpenditure, .projectExpenditure, .businessExpenditure,
            .grantToSubordinate, .remittanceToParent:
            .expenditure
        case .closingBalance: .closingBalance
        }
    }

    /// Transfers between units of the department, eliminated in its total (合并抵销).
    public var isInternalTransfer: Bool {
        switch self {
        case .grantFromParent, .remittanceFromSubordinate, .grantToSubordinate, .remittanceToParent: true
        default: false
        }
    }

    /// The spending item a ledger's expenditure type books into.
    public static func spending(_ type: ExpenditureType) -> BudgetItem {
        switch type {
        case .basic: .basicExpenditure
        case .project: .projectExpenditure
        case .business: .businessExpenditure
        }
    }
}

/// 支出类型 of a ledger line.
public enum ExpenditureType: Int, Vocabulary {
    public static let vocabularyName = "expenditure_type"
    public static var table: KeyPath<VocabularyTables, Spellings<ExpenditureType>> { \.expenditureType }

    case basic, project, business

    public var key: String { BudgetItem.spending(self).key }
    public var chinese: String { BudgetItem.spending(self).chinese }
}

/// 资金来源 of a ledger line: the income side of the budget vocabulary.
public enum FundingSource: Int, Vocabulary {
    public static let vocabularyName = "funding_source"
    public static var table: KeyPath<VocabularyTables, Spellings<FundingSource>> { \.fundingSource }

    case generalBudget, governmentFund, publicServiceRevenue, businessRevenue, otherIncome
    case openingBalance, grantFromParent, remittanceFromSubordinate

    public var item: BudgetItem {
        switch self {
        case .generalBudget: .generalBudget
        case .governmentFund: .governmentFund
        case .publicServiceRevenue: .publicServiceRevenue
        case .businessRevenue: .businessRevenue
        case .otherIncome: .otherIncome
        case .openingBalance: .openingBalance
        case .grantFromParent: .grantFromParent
        case .remittanceFromSubordinate: .remittanceFromSubordinate
        }
    }

    public var key: String { item.key }
    public var chinese: String { item.chinese }
}

/// Folds what spreadsheets and typists vary: surrounding and inner spaces (ASCII and
/// full-width), full-width brackets, colons and letters.
package func normalizeLabel(_ text: String) -> String {
    // Most labels are already plain: nothing to fold, nothing to drop.
    if !text.unicodeScalars.contains(where: { scalar in
        scalar == " " || scalar == "\t" || scalar.value == 0xA0 || scalar.value == 0x3000
            || (0xFF01...0xFF5E).contains(scalar.value)
    }) {
        return text
    }
    var scalars = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
        switch scalar.value {
        case 0x20, 0x09, 0xA0, 0x3000: continue
        case 0xFF01...0xFF5E: scalars.append(Unicode.Scalar(scalar.value - 0xFEE0)!)
        default: scalars.append(scalar)
        }
    }
    return String(scalars)
}

/// Byte-for-byte equality: labels are compared as written (after `normalizeLabel`), which
/// spares the canonical-equivalence work of `==` on non-ASCII text.
@inline(__always)
func sameBytes(_ a: String, _ b: String) -> Bool {
    a.utf8.count == b.utf8.count && a.utf8.elementsEqual(b.utf8)
}
