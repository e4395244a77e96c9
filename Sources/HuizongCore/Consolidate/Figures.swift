/// Assets by category. Net value = 原值 − 累计折旧, card by card.
public struct AssetTotals: Sendable, Hashable {
    public var cash = Money.zero
    public var fixedOriginal = Money.zero
    public var accumulatedDepreciation = Money.zero
    public var constructionInProgress = Money.zero
    public var intangible = Money.zero
    public var other = Money.zero
    public var cards = 0

    public init() {}

    public var fixedNet: Money { fixedOriginal - accumulatedDepreciation }

    /// 资产总额: every category at net value.
    public var total: Money { cash + fixedNet + constructionInProgress + intangible + other }

    mutating func add(_ card: AssetCard) {
        cards += 1
        let net = card.originalValue - card.accumulatedDepreciation
        switch card.category {
        case .cash: cash += net
        case .fixed:
            fixedOriginal += card.originalValue
            accumulatedDepreciation += card.accumulatedDepreciation
        case .constructionInProgress: constructionInProgress += net
        case .intangible: intangible += net
        case .other: other += net
        }
    }

    /// Takes a card back out (its figure is left out after all).
    mutating func remove(_ category: AssetCategory, original: Money, depreciation: Money) {
        cards -= 1
        let net = original - depreciation
        switch category {
        case .cash: cash = cash - net
        case .fixed:
            fixedOriginal = fixedOriginal - original
            accumulatedDepreciation = accumulatedDepreciation - depreciation
        case .constructionInProgress: constructionInProgress = constructionInProgress - net
        case .intangible: intangible = intangible - net
        case .other: other = other - net
        }
    }

    mutating func add(_ other: AssetTotals) {
        cash += other.cash
        fixedOriginal += other.fixedOriginal
        accumulatedDepreciation += other.accumulatedDepreciation
        constructionInProgress += other.constructionInProgress
        intangible += other.intangible
        self.other += other.other
        cards += other.cards
    }
}

/// Headcount by status.
public struct StaffTotals: Sendable, Hashable {
    public var active = 0
    public var retiredVeteran = 0
    public var retired = 0

    public init(active: Int = 0, retiredVeteran: Int = 0, retired: Int = 0) {
        self.active = active
        self.retiredVeteran = retiredVeteran
        self.retired = retired
    }

    public var total: Int { active + retiredVeteran + retired }

    mutating func add(_ status: StaffStatus) {
        switch status {
        case .active: active += 1
        case .retiredVeteran: retiredVeteran += 1
        case .retired: retired += 1
        }
    }

    mutating func remove(_ status: StaffStatus) {
        switch status {
        case .active: active -= 1
        case .retiredVeteran: retiredVeteran -= 1
        case .retired: retired -= 1
        }
    }

    mutating func add(_ other: StaffTotals) {
        active += other.active
        retiredVeteran += other.retiredVeteran
        retired += other.retired
    }
}

/// One stage of a budget: an amount for every item (zero where none was reported).
public struct BudgetStageFigures: Sendable, Hashable {
    public var amounts: [BudgetItem: Money] = [:]

    public init() {}

    public subscript(item: BudgetItem) -> Money {
        get { amounts[item] ?? .zero }
        set { amounts[item] = newValue }
    }

    /// Income from outside the department plus internal transfers received.
    public var income: Money { sum { $0.side == .income } }
    public var expenditure: Money { sum { $0.side == .expenditure } }

    /// 基本支出 + 项目支出 + 经营支出: spending, without transfers to other units.
    public var spending: Money { self[.basicExpenditure] + self[.projectExpenditure] + self[.businessExpenditure] }

    /// Income from outside the department (transfers between its units left out).
    var ownIncome: Money { sum { $0.side == .income && !$0.isInternalTransfer } }

    /// What the stage had to spend: income of every kind and the opening balance.
    var sources: Money { income + self[.openingBalance] }

    /// What it was used for: expenditure of every kind and the closing balance.
    var uses: Money { expenditure + self[.closingBalance] }

    func sum(_ include: (BudgetItem) -> Bool) -> Money {
        BudgetItem.allCases.filter(include).reduce(Money.zero) { $0 + self[$1] }
    }
}

/// All three stages.
public struct BudgetFigures: Sendable, Hashable {
    public var stages: [BudgetStage: BudgetStageFigures] = [:]

    public init() {}

    public subscript(stage: BudgetStage) -> BudgetStageFigures {
        get { stages[stage] ?? BudgetStageFigures() }
        set { stages[stage] = newValue }
    }

    mutating func add(_ line: BudgetLine) {
        self[line.stage][line.item] += line.amount
    }

    mutating func add(_ other: BudgetFigures) {
        for stage in BudgetStage.allCases {
            for item in BudgetItem.allCases {
                self[stage][item] += other[stage][item]
            }
        }
    }
}

/// The four internal transfers of one stage, as both sides report them.
public struct TransferElimination: Sendable, Hashable {
    public var stage: BudgetStage
    /// Parents' 对附属单位补助支出, and what their subordinates booked as 上级补助收入.
    public var grantsPaid = Money.zero
    public var grantsReceived = Money.zero
    /// Subordinates' 上缴上级支出, and what parents booked as 附属单位上缴收入.
    public var remittancesPaid = Money.zero
    public var remittancesReceived = Money.zero
}
