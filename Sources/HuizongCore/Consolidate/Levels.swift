/// A unit with subordinates and every unit below it in the registry's tree (上级单位编码): their
/// figures added up as the department's are, the internal transfers between its members
/// eliminated, and its own transfers with a parent outside it kept.
public struct LevelSubtotal: Sendable, Hashable {
    public var code: String
    public var name: String
    /// Its level in the department: 1 for 本级, 2 for the units directly under it, …
    public var level: Int
    /// How many levels its members span: 2 when they are the unit and its direct subordinates.
    public var levels: Int
    /// The unit, then the units below it, depth first, each unit's subordinates by code.
    public var members: [String]
    public var assets = AssetTotals()
    public var staff = StaffTotals()
    /// The members' budgets added up, the transfers between members at zero: only the unit's own
    /// 上级补助收入 and 上缴上级支出 remain, when its parent is a unit of the department outside it.
    public var budget = BudgetFigures()
    /// Per stage, the transfers between members, as each side reports them.
    public var eliminations: [TransferElimination] = []
    public var ledger = LedgerSummary()
    /// What some member's share of is left out: the subtotal's figure is missing (null), never a
    /// part presented as the whole. Its budget cells are those the subtotal counts (the kept
    /// transfers among them, the eliminated ones not).
    package var missing = MissingFigures()
    /// Eliminated transfers some member's side of is left out: that side of the elimination is unknown.
    package var eliminationsMissing: Set<MissingFigures.BudgetCell> = []

    /// Whether the unit's transfers with its parent cross the subtotal's boundary and are kept: it
    /// has a parent in the department (a level above 1). 本级 has none: its own are eliminated, as in
    /// the department total, so 本级's subtotal is the department's.
    public var keepsParentTransfers: Bool
}

/// The registry's tree, as `resolveParents` left it: every unit's parent, 本级 at the root.
struct UnitTree {
    /// Each unit's subordinates, by code.
    var children: [String: [String]] = [:]
    /// The units with no parent (本级): where levels are counted from.
    var roots: [String] = []
    /// Units whose chain of parents comes back to them.
    var cycles: [[String]] = []
    /// Units below a cycle: on no chain that reaches 本级.
    var underCycles: Set<String> = []
    /// How many (subtotal, member) pairs the subtotals would hold: each unit is a member of one
    /// subtotal per level above it. A chain of thousands of units would make that the square of
    /// their number, in time and in department.json.
    var memberships = 0
    /// More pairs than this and no subtotal is written (`registry.too_deep`): a real department's
    /// tree of a few levels holds a few times its units.
    static let maxMemberships = 1_000_000

    init(_ units: [UnitResult]) {
        let known = Set(units.map(\.code))
        var parent: [String: String] = [:]
        for unit in units {
            if unit.parentCode.isEmpty || !known.contains(unit.parentCode) {
                roots.append(unit.code)
            } else {
                parent[unit.code] = unit.parentCode
                children[unit.parentCode, default: []].append(unit.code)
            }
        }
        for code in children.keys { children[code]!.sort(by: bytewise) }
        roots.sort(by: bytewise)
        // Whatever no walk down from a root reaches lies on a cycle or below one.
        var reached = Set<String>()
        var stack = roots.map { ($0, 1) }
        while let (code, depth) = stack.popLast() {
            guard reached.insert(code).inserted else { continue }
            memberships += depth
            stack += (children[code] ?? []).map { ($0, depth + 1) }
        }
        let unreached = units.map(\.code).filter { !reached.contains($0) }
        var onCycle = Set<String>()
        var done = Set<String>()
        for start in unreached where !done.contains(start) {
            // Up the chain of parents until a unit seen before: on this walk, the cycle starts there.
            var path: [String] = []
            var position: [String: Int] = [:]
            var code = start
            while !done.contains(code), position[code] == nil, let up = parent[code] {
                position[code] = path.count
                path.append(code)
                code = up
            }
            if let first = position[code] {
                let cycle = Array(path[first...])
                onCycle.formUnion(cycle)
                // Named from its smallest code, the order its parents go.
                let start = cycle.indices.min { bytewise(cycle[$0], cycle[$1]) }!
                cycles.append(Array(cycle[start...] + cycle[..<start]))
            }
            done.formUnion(path)
        }
        cycles.sort { bytewise($0[0], $1[0]) }
        underCycles = Set(unreached).subtracting(onCycle)
    }

    /// The units below `code`, depth first, each one's subordinates by code.
    func descendants(of code: String) -> [String] {
        var result: [String] = []
        var stack = (children[code] ?? []).reversed() as [String]
        while let next = stack.popLast() {
            result.append(next)
            stack += (children[next] ?? []).reversed()
        }
        return result
    }
}

extension Consolidation {
    /// A subtotal for every unit with subordinates in the tree that grows from 本级, by code. A
    /// unit on a cycle of parents, or below one, has none (`registry.parent_cycle` names them).
    public var levelSubtotals: [LevelSubtotal] {
        let tree = UnitTree(units)
        guard tree.memberships <= UnitTree.maxMemberships else { return [] }
        var index: [String: Int] = [:]
        for (position, unit) in units.enumerated() where index[unit.code] == nil { index[unit.code] = position }
        var levels: [String: Int] = [:]
        var order: [String] = []
        var stack = tree.roots.reversed().map { ($0, 1) }
        while let (code, level) = stack.popLast() {
            levels[code] = level
            order.append(code)
            stack += (tree.children[code] ?? []).reversed().map { ($0, level + 1) }
        }
        // Each unit's figures left out, looked up once: a unit is a member of every subtotal above it.
        let withheldUnits = Set(withheld.map(\.unit))
        let missing = Dictionary(uniqueKeysWithValues: withheldUnits.map { ($0, self.missing(of: $0)) })
        return order.filter { tree.children[$0]?.isEmpty == false }.sorted(by: bytewise).map { code in
            let members = [code] + tree.descendants(of: code)
            let depth = members.map { levels[$0]! }.max()! - levels[code]! + 1
            return subtotal(
                of: members.map { units[index[$0]!] }, level: levels[code]!, levels: depth,
                missing: { missing[$0] ?? MissingFigures() })
        }
    }

    /// The members' figures added up, the first member the subtotal's unit.
    func subtotal(
        of members: [UnitResult], level: Int, levels: Int, missing figuresMissing: (String) -> MissingFigures
    ) -> LevelSubtotal {
        let head = members[0]
        var subtotal = LevelSubtotal(
            code: head.code, name: head.entry.name, level: level, levels: levels, members: members.map(\.code),
            keepsParentTransfers: level > 1)
        for member in members {
            subtotal.assets.add(member.assets)
            subtotal.staff.add(member.staff)
            subtotal.budget.add(member.budget)
            subtotal.ledger.merge(member.ledger)
            // A transfer the subtotal keeps counts as any figure; one eliminated only in its elimination.
            let missing = figuresMissing(member.code)
            subtotal.missing.staff = subtotal.missing.staff || missing.staff
            subtotal.missing.assets = subtotal.missing.assets || missing.assets
            subtotal.missing.expenditure = subtotal.missing.expenditure || missing.expenditure
            for cell in missing.budget {
                if !cell.item.isInternalTransfer || (member.code == head.code && subtotal.keeps(cell.item)) {
                    subtotal.missing.budget.insert(cell)
                } else {
                    subtotal.eliminationsMissing.insert(cell)
                }
            }
        }
        for stage in BudgetStage.allCases {
            var elimination = TransferElimination(stage: stage)
            for member in members {
                let figures = member.budget[stage]
                let own = member.code == head.code
                elimination.grantsPaid += figures[.grantToSubordinate]
                elimination.remittancesReceived += figures[.remittanceFromSubordinate]
                if !(own && subtotal.keeps(.grantFromParent)) {
                    elimination.grantsReceived += figures[.grantFromParent]
                }
                if !(own && subtotal.keeps(.remittanceToParent)) {
                    elimination.remittancesPaid += figures[.remittanceToParent]
                }
            }
            for item in BudgetItem.allCases where item.isInternalTransfer {
                subtotal.budget[stage][item] = subtotal.keeps(item) ? head.budget[stage][item] : .zero
            }
            subtotal.eliminations.append(elimination)
        }
        return subtotal
    }
}

extension LevelSubtotal {
    /// Whether the subtotal keeps `item`: the unit's own transfer with a parent outside it.
    func keeps(_ item: BudgetItem) -> Bool {
        keepsParentTransfers && (item == .grantFromParent || item == .remittanceToParent)
    }

    /// Whether the elimination's `item` side of `stage` is unknown, a member's figure of it left out.
    package func eliminationMissing(_ stage: BudgetStage, _ item: BudgetItem) -> Bool {
        eliminationsMissing.contains(MissingFigures.BudgetCell(stage: stage, item: item))
    }
}
