/// What the lines of an account in a unit's books (序时账) count towards. The default follows the
/// 政府会计制度's budget accounts (预算会计): 7101 行政支出 and 7201 事业支出 by their names and
/// their parents' (基本支出 / 项目支出; 财政拨款支出 → 一般公共预算, or 政府性基金预算 when a name says
/// 政府性基金; 其他资金支出 → 其他收入; 非财政专项资金支出 → 项目支出), else by the code's structure
/// where the books number that way (second level 01 财政拨款支出 / 02 非财政专项资金支出 / 03 其他资金
/// 支出, third level 01 基本支出 / 02 项目支出); 7301 经营支出 (经营收入), 7401 上缴上级支出 and 7501
/// 对附属单位补助支出 (internal transfers), any other 7 account left for the department to place,
/// and every account outside class 7 (assets, 资金结存, 财务会计 expenses kept in parallel) not
/// spending. A department's 科目对照表 rules come before the default: the longest code prefix (or an
/// equal name), each part it leaves blank taken from the default. A line's own 资金性质 comes before
/// both.
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

    /// One account as the books show it.
    package struct Account: Sendable {
        package var code: AccountCode
        package var name: String
        /// The names of the accounts above it in the same books, top first (`7101 行政支出`, …).
        package var parents: [String] = []
        /// The source its lines' 资金性质 names; nil when they name none.
        package var lineSource: FundingSource?
        /// Whether the books' codes follow the 政府会计制度's numbering below the first level.
        package var numberedAsStandard = true

        package init(
            code: String, name: String, parents: [String] = [], lineSource: FundingSource? = nil,
            numberedAsStandard: Bool = true
        ) {
            self.code = AccountCode(code)
            self.name = name
            self.parents = parents
            self.lineSource = lineSource
            self.numberedAsStandard = numberedAsStandard
        }
    }

    /// Where an account's lines go, and what the account itself says of their source.
    package struct Decision: Sendable, Hashable {
        package var placement: Placement
        /// The sources the account admits by its names, the 科目对照表 or its code (财政拨款支出:
        /// 一般公共预算 or 政府性基金预算), and how it names them: what a line's 资金性质 is
        /// compared with. Empty when it says nothing of its source.
        package var admitted: Set<FundingSource> = []
        package var admittedName = ""
        /// A 非财政专项资金支出 account none of whose lines names a source: counted as 其他收入.
        package var sourceAssumed = false
    }

    /// By code and name alone (no parents, no line source): the default and the rules.
    package func place(code: String, name: String) -> Placement {
        place(Account(code: code, name: name)).placement
    }

    package func place(_ account: Account) -> Decision {
        let digits = account.code.digits
        let rule = rules.filter { rule in
            let prefix = AccountCode(rule.codePrefix).digits
            return (!prefix.isEmpty && digits.hasPrefix(prefix))
                || (prefix.isEmpty && !rule.name.isEmpty && rule.name == account.name)
        }.max { AccountCode($0.codePrefix).digits.count < AccountCode($1.codePrefix).digits.count }
        var reading = Self.standard(account)
        if let rule, !rule.type.isEmpty, let stated = Placement(typeName: rule.type) {
            switch stated {
            case .unplaced(let type, _):
                if case .notSpending = reading.kind { reading.kind = .expense }
                if case .transfer = reading.kind { reading.kind = .expense }
                reading.type = type
            case .transfer(let item): reading.kind = .transfer(item)
            case .notSpending: reading.kind = .notSpending
            case .spending: break
            }
        }
        if let rule, !rule.source.isEmpty, let source = FundingSource.match(rule.source) {
            if case .notSpending = reading.kind { reading.kind = .expense }
            reading.source = source
            reading.admitted = ([source], source.chinese)
        }
        switch reading.kind {
        case .notSpending: return Decision(placement: .notSpending)
        case .transfer(let item): return Decision(placement: .transfer(item))
        case .expense: break
        }
        var decision = Decision(
            placement: .notSpending, admitted: reading.admitted.sources, admittedName: reading.admitted.name)
        var source = account.lineSource ?? reading.source
        if source == nil && reading.sourceUnstated {
            source = .otherIncome
            decision.sourceAssumed = true
        }
        let type = reading.type ?? (reading.nonFiscal ? .project : nil)
        if let type, let source {
            decision.placement = .spending(type, source)
        } else {
            decision.placement = .unplaced(type: type, source: source)
        }
        return decision
    }

    /// What the 政府会计制度's budget accounts say of an account, before a department's rules.
    struct Reading {
        enum Kind {
            case expense
            case transfer(BudgetItem)
            case notSpending
        }
        var kind: Kind
        var type: ExpenditureType?
        var source: FundingSource?
        /// 非财政专项资金支出: 项目支出 unless a name says otherwise; its source from the line.
        var nonFiscal = false
        /// 非财政专项资金支出, 非财政拨款支出: its source the line's, else 其他收入, said.
        var sourceUnstated = false
        /// The sources its lines may name without contradicting it.
        var admitted: (sources: Set<FundingSource>, name: String) = ([], "")
    }

    /// What 财政拨款 admits, and what the funds beside it (非财政专项资金, 其他资金) do.
    static let fiscalSources: Set<FundingSource> = [.generalBudget, .governmentFund]
    static let nonFiscalSources: Set<FundingSource> = [
        .publicServiceRevenue, .businessRevenue, .otherIncome, .grantFromParent, .remittanceFromSubordinate,
    ]

    /// The second level under 7101/7201 by its name: 财政拨款支出, 非财政专项资金支出, 其他资金支出,
    /// and 非财政拨款支出 as some books name what is not 财政拨款.
    enum Funds: Equatable { case fiscal, nonFiscal, other, notFiscal }

    static func standard(_ account: Account) -> Reading {
        let digits = account.code.digits
        guard digits.hasPrefix("7") else { return Reading(kind: .notSpending) }
        if digits.hasPrefix("7401") { return Reading(kind: .transfer(.remittanceToParent)) }
        if digits.hasPrefix("7501") { return Reading(kind: .transfer(.grantToSubordinate)) }
        if digits.hasPrefix("7301") {
            return Reading(
                kind: .expense, type: .business, source: .businessRevenue, admitted: ([.businessRevenue], "经营收入"))
        }
        guard digits.hasPrefix("7101") || digits.hasPrefix("7201") else { return Reading(kind: .expense) }
        let names = (account.parents + [account.name]).flatMap(components)
        var reading = Reading(kind: .expense, type: namedType(names))
        let fund = names.contains { $0.contains("政府性基金") }
        let general = names.contains { $0.contains("一般公共预算") }
        var funds = namedFunds(names)
        if funds == nil && fund { funds = .fiscal }
        // What the names leave open, the code's place in the standard numbering tells.
        let structure = account.numberedAsStandard ? numbered(account.code) : nil
        if reading.type == nil { reading.type = structure?.type }
        switch funds ?? structure?.funds {
        case .fiscal?:
            reading.source = fund ? .governmentFund : .generalBudget
            reading.admitted =
                fund != general
                ? ([reading.source!], reading.source!.chinese) : (fiscalSources, "财政拨款")
        case .nonFiscal?:
            reading.nonFiscal = true
            reading.sourceUnstated = true
            reading.admitted = (nonFiscalSources, "非财政专项资金")
        case .notFiscal?:
            reading.sourceUnstated = true
            reading.admitted = (nonFiscalSources, "非财政拨款")
        case .other?:
            reading.source = .otherIncome
            reading.admitted = (nonFiscalSources, "其他资金")
        case nil: break
        }
        return reading
    }

    /// A name's levels, top first: `行政支出-财政拨款支出-基本支出`, `事业支出_…`, `…/…`.
    static func components(_ name: String) -> [String] {
        normalizeLabel(name).split { "-—_/\\|·>".contains($0) }.map(String.init)
    }

    /// 基本支出 or 项目支出 as the highest level that names one says; else 人员经费 or 公用经费 (under
    /// 基本支出), or a project (`…项目`); nil when the names say neither, or both (`项目人员经费`).
    static func namedType(_ names: [String]) -> ExpenditureType? {
        for name in names {
            if name.contains("基本支出") { return .basic }
            if name.contains("项目支出") { return .project }
        }
        let basic = names.contains { name in ["人员经费", "公用经费"].contains { name.contains($0) } }
        let project = names.contains { $0.contains("项目") }
        return basic == project ? nil : basic ? .basic : .project
    }

    static func namedFunds(_ names: [String]) -> Funds? {
        if names.contains(where: { $0.contains("非财政专项") }) { return .nonFiscal }
        if names.contains(where: { $0.contains("非财政") }) { return .notFiscal }
        if names.contains(where: { $0.contains("其他资金") }) { return .other }
        if names.contains(where: isFundKind) || names.contains(where: { $0.contains("财政拨款") }) { return .fiscal }
        return nil
    }

    /// A level named for a kind of 财政拨款 (`一般公共预算`, `政府性基金预算支出`): the standard
    /// numbering has no such level.
    static func isFundKind(_ name: String) -> Bool {
        var stem = Substring(name)
        // `一般公共预算财政拨款支出` → `一般公共预算`: the longer endings first, as often as they end it.
        while let suffix = ["财政拨款", "支出", "资金", "拨款"].first(where: stem.hasSuffix) {
            stem = stem.dropLast(suffix.count)
        }
        return ["一般公共预算", "政府性基金", "政府性基金预算", "公共财政预算", "公共财政"].contains(String(stem))
    }

    /// The second and third levels of a 7101/7201 code numbered as the 政府会计制度 lists them
    /// (01 财政拨款支出 / 02 非财政专项资金支出 / 03 其他资金支出; under 01 and 03, 01 基本支出 / 02
    /// 项目支出); nil when its second level is not one of those.
    static func numbered(_ code: AccountCode) -> (funds: Funds, type: ExpenditureType?)? {
        let segments = code.segments
        guard segments.count >= 2, segments.dropFirst().allSatisfy({ $0.count == 2 }) else { return nil }
        let funds: Funds
        switch segments[1] {
        case "01": funds = .fiscal
        case "02": funds = .nonFiscal
        case "03": funds = .other
        default: return nil
        }
        guard funds != .nonFiscal, segments.count >= 3 else { return (funds, nil) }
        return (funds, segments[2] == "01" ? .basic : segments[2] == "02" ? .project : nil)
    }

    /// Whether an account's names contradict what its code's place in the standard numbering says:
    /// then the books are numbered otherwise, and no code of theirs is read by that numbering.
    static func contradictsNumbering(_ account: Account) -> Bool {
        let digits = account.code.digits
        guard digits.hasPrefix("7101") || digits.hasPrefix("7201"), let structure = numbered(account.code) else {
            return false
        }
        let names = components(account.name)
        // A fund kind as a level below 财政拨款支出 (`…-财政拨款支出-一般公共预算-基本支出`).
        if account.code.segments.count >= 3 && names.contains(where: isFundKind) { return true }
        if let funds = namedFunds(names), funds != structure.funds, !(funds == .notFiscal && structure.funds == .other)
        {
            return true
        }
        if let type = namedType(names), let numberedType = structure.type, type != numberedType { return true }
        return false
    }
}

/// An account code as the books write it (`7201010101`, 金蝶's `7201.01.01.01`): its digits, the
/// same whatever the separators, and its levels (the written segments, else 4-2-2-2 as GRP-U8
/// numbers them).
package struct AccountCode: Sendable, Hashable {
    package let digits: String
    package let segments: [String]

    package init(_ written: String) {
        let parts = written.split { ".-_/ ·".contains($0) }.map(String.init)
        if parts.count > 1 {
            digits = parts.joined()
            segments = parts
        } else {
            digits = written.trimmingSpaces()
            var levels: [String] = []
            var rest = Substring(digits)
            var width = 4
            while !rest.isEmpty {
                levels.append(String(rest.prefix(width)))
                rest = rest.dropFirst(width)
                width = 2
            }
            segments = levels
        }
    }
}

extension FundingSource {
    /// The source a book line's 资金性质 names as the systems write it: `一般公共预算资金`, `111
    /// 一般公共预算资金`, `[111]一般公共预算资金`, `一般公共预算资金(111)`, or a code alone that the
    /// department's vocabulary spells; nil when it names none Huizong knows.
    static func ofLine(_ text: String, in spellings: Spellings<FundingSource>) -> FundingSource? {
        if let source = match(text, in: spellings) { return source }
        let (code, name) = splitCode(normalizeLabel(text))
        if !name.isEmpty, let source = match(name, in: spellings) { return source }
        // `一般公共预算资金（含上年结转）`: a remark after the name.
        if let open = name.firstIndex(of: "("), name.hasSuffix(")"), open > name.startIndex,
            let source = match(String(name[..<open]), in: spellings)
        {
            return source
        }
        if !code.isEmpty, let source = match(code, in: spellings) { return source }
        return nil
    }

    /// What a line may write for 财政拨款 without saying which: no source of its own, the account's.
    static func isUnstatedFiscal(_ text: String) -> Bool {
        ["财政拨款", "财政拨款资金", "财政性资金", "财政资金"].contains(splitCode(normalizeLabel(text)).name)
    }

    /// `111一般公共预算资金`, `[111]…`, `…(111)` → the code and the name.
    static func splitCode(_ text: String) -> (code: String, name: String) {
        func isCode(_ c: Character) -> Bool { c.isASCII && (c.isLetter || c.isNumber) }
        let closers: Set<Character> = [")", "]", "】", "）"]
        let separators: Set<Character> = [":", "-", "_", ".", "、", "|", "/"]
        var rest = Substring(text)
        if let first = rest.first, ["(", "[", "【", "（"].contains(first) {
            let code = rest.dropFirst().prefix(while: isCode)
            let after = rest.dropFirst(1 + code.count)
            if !code.isEmpty, let close = after.first, closers.contains(close) {
                return (String(code), String(after.dropFirst().drop { separators.contains($0) }))
            }
        }
        let code = rest.prefix(while: isCode)
        if !code.isEmpty && code.count < rest.count {
            rest = rest.dropFirst(code.count).drop { separators.contains($0) }
            return (String(code), String(rest))
        }
        if let last = rest.last, closers.contains(last), let open = rest.lastIndex(where: { "([【（".contains($0) }) {
            let inner = rest[rest.index(after: open)..<rest.index(before: rest.endIndex)]
            if !inner.isEmpty && inner.allSatisfy(isCode) { return (String(inner), String(rest[..<open])) }
        }
        return code.count == rest.count ? (String(code), "") : ("", String(rest))
    }
}
