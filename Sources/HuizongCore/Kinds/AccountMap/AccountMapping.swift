/// What the lines of an account in a unit's books (序时账) count towards. The default follows the
/// 政府会计制度's budget accounts (预算会计): 7101 行政支出 and 7201 事业支出 by their detail names
/// (基本支出 / 项目支出; 财政拨款支出 → 一般公共预算, or 政府性基金预算 when the name says 政府性基金;
/// 其他资金支出 → 其他收入), 7301 经营支出 (经营收入), 7401 上缴上级支出 and 7501 对附属单位补助支出
/// (internal transfers), any other 7 account left for the department to place, and every account
/// outside class 7 (assets, 资金结存, 财务会计 expenses kept in parallel) not spending. A
/// department's 科目对照表 rules come first: the longest code prefix (or an equal name), each
/// part it leaves blank taken from the default.
package struct AccountMapping: Sendable {
    package var rules: [AccountRule]

    package init(rules: [AccountRule] = []) {
        self.rules = rules
    }

    package enum Placement: Sendable, Hashable {
        /// Spending of a type from a funding source: 借 − 贷 counts in the unit's ledger.
        case spending(ExpenditureType, FundingSource)
        /// An internal transfer (上缴上级支出, 对附属单位补助支出): compared with the 决算's.
        case transfer(BudgetItem)
        /// Not an expense account: its lines count towards nothing.
        case notSpending
        /// An expense account that cannot be told: what is known of it.
        case unplaced(type: ExpenditureType?, source: FundingSource?)

        /// How a 科目对照表 names what an account is: 基本支出, 项目支出, 经营支出, 上缴上级支出,
        /// 对附属单位补助支出 or 不计支出.
        init?(typeName: String) {
            let name = normalizeLabel(typeName)
            if let type = ExpenditureType.match(name) {
                self = .unplaced(type: type, source: nil)
            } else if name == "上缴上级支出" {
                self = .transfer(.remittanceToParent)
            } else if name == "对附属单位补助支出" {
                self = .transfer(.grantToSubordinate)
            } else if name == "不计支出" || name == "非支出" {
                self = .notSpending
            } else {
                return nil
            }
        }
    }

    static let typeNames = ExpenditureType.allCases.map(\.chinese) + ["上缴上级支出", "对附属单位补助支出", "不计支出"]

    package func place(code: String, name: String) -> Placement {
        let rule = rules.filter { rule in
            (!rule.codePrefix.isEmpty && code.hasPrefix(rule.codePrefix))
                || (rule.codePrefix.isEmpty && !rule.name.isEmpty && rule.name == name)
        }.max { $0.codePrefix.count < $1.codePrefix.count }
        var placement = Self.standard(code: code, name: name)
        guard let rule else { return placement }
        if !rule.type.isEmpty, let stated = Placement(typeName: rule.type) {
            switch stated {
            case .unplaced(let type, _):
                if case .unplaced(_, let source) = placement { placement = .unplaced(type: type, source: source) }
                if case .spending(_, let source) = placement { placement = .unplaced(type: type, source: source) }
                if case .notSpending = placement { placement = .unplaced(type: type, source: nil) }
            default: placement = stated
            }
        }
        if !rule.source.isEmpty, let source = FundingSource.match(rule.source) {
            switch placement {
            case .unplaced(let type, _): placement = .unplaced(type: type, source: source)
            case .spending(let type, _): placement = .spending(type, source)
            case .notSpending: placement = .unplaced(type: nil, source: source)
            case .transfer: break
            }
        }
        if case .unplaced(let type?, let source?) = placement { return .spending(type, source) }
        return placement
    }

    /// The 政府会计制度's budget accounts, as the type comment says.
    static func standard(code: String, name: String) -> Placement {
        guard code.hasPrefix("7") else { return .notSpending }
        let name = normalizeLabel(name)
        if code.hasPrefix("7401") { return .transfer(.remittanceToParent) }
        if code.hasPrefix("7501") { return .transfer(.grantToSubordinate) }
        if code.hasPrefix("7301") { return .spending(.business, .businessRevenue) }
        guard code.hasPrefix("7101") || code.hasPrefix("7201") else { return .unplaced(type: nil, source: nil) }
        let type: ExpenditureType? =
            name.contains("基本支出") ? .basic : name.contains("项目支出") ? .project : nil
        let source: FundingSource? =
            name.contains("政府性基金")
            ? .governmentFund
            : name.contains("非财政")
                ? nil
                : name.contains("财政拨款") ? .generalBudget : name.contains("其他资金") ? .otherIncome : nil
        if let type, let source { return .spending(type, source) }
        return .unplaced(type: type, source: source)
    }
}
