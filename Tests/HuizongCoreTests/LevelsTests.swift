import Foundation
import Testing

@testable import HuizongCore

/// Levels within a department (issue 31): a subtotal for every unit with subordinates, over it and
/// every unit below it, the transfers between its members eliminated and those crossing its
/// boundary kept.
@Suite struct LevelsTests {
    /// 本级 → 二级甲 → 三级甲一, 三级甲二; 本级 → 二级乙 (no subordinates, no subtotal).
    static let registry =
        "单位编码,单位名称,上级单位编码\r\n100,某局本级,\r\n110,二级甲,100\r\n111,三级甲一,110\r\n112,三级甲二,110\r\n"
        + "120,二级乙,100\r\n"
    static let budget = "单位编码,阶段,科目,金额(万元)\r\n"
    /// 决算, 万元: 本级 grants 200 to 二级甲 and 100 to 二级乙, which remits 50; 二级甲 grants 50 and 30
    /// to its own, and 三级甲一 remits 10 to it.
    static let budgetRows = [
        "100,决算,一般公共预算,1000.00", "100,决算,对附属单位补助支出,300.00", "100,决算,附属单位上缴收入,50.00",
        "100,决算,基本支出,750.00",
        "110,决算,上级补助收入,200.00", "110,决算,对附属单位补助支出,80.00", "110,决算,附属单位上缴收入,10.00",
        "110,决算,项目支出,130.00",
        "111,决算,上级补助收入,50.00", "111,决算,事业收入,20.00", "111,决算,上缴上级支出,10.00", "111,决算,项目支出,60.00",
        "112,决算,上级补助收入,30.00", "112,决算,基本支出,30.00",
        "120,决算,上级补助收入,100.00", "120,决算,上缴上级支出,50.00", "120,决算,基本支出,50.00",
    ]
    static let assets =
        "单位编码,资产编号,资产名称,资产类别,原值(元),累计折旧(元)\r\n"
        + "111,A1,房屋,固定资产,1000.00,400.00\r\n112,B1,银行存款,货币资金,50.25,\r\n120,C1,车辆,固定资产,300.00,100.00\r\n"
    static let staff = "单位编码,人员编号,人员类别\r\n100,P1,在职\r\n111,P2,在职\r\n112,P3,退休\r\n120,P4,在职\r\n"

    static func wan(_ amount: Int) -> Money { Money(fen: Int64(amount) * 1_000_000) }

    func threeLevels(budget: [String] = budgetRows, staff: String = staff) throws -> Consolidation {
        try consolidate([
            "名录.csv": Self.registry, "预决算.csv": Self.budget + budget.joined(separator: "\r\n") + "\r\n",
            "资产.csv": Self.assets, "人员.csv": staff,
        ])
    }

    @Test func eachUnitWithSubordinatesHasASubtotalToTheFen() throws {
        let result = try threeLevels()
        let subtotals = result.levelSubtotals
        #expect(subtotals.map(\.code) == ["100", "110"], "二级乙 and the 三级 units have no subordinates")
        let top = subtotals[0]
        let middle = subtotals[1]
        #expect(top.members == ["100", "110", "111", "112", "120"] && (top.level, top.levels) == (1, 3))
        #expect(middle.members == ["110", "111", "112"] && (middle.level, middle.levels) == (2, 2))

        // 二级甲's subtree: its own 上级补助收入 from 本级 (outside it) is kept; the grants to its 三级
        // units and 三级甲一's remittance to it (inside it) are eliminated.
        let final = middle.budget[.final]
        #expect(final[.grantFromParent] == Self.wan(200), "crosses the boundary: kept")
        #expect(final[.grantToSubordinate] == .zero && final[.remittanceFromSubordinate] == .zero)
        #expect(final[.remittanceToParent] == .zero, "三级甲一's remittance to 二级甲 is inside: eliminated")
        #expect(final[.publicServiceRevenue] == Self.wan(20))
        #expect(final.income == Self.wan(220) && final.expenditure == Self.wan(220))
        #expect(final[.basicExpenditure] == Self.wan(30) && final[.projectExpenditure] == Self.wan(190))
        let inside = try #require(middle.eliminations.first { $0.stage == .final })
        #expect(inside.grantsPaid == Self.wan(80) && inside.grantsReceived == Self.wan(80))
        #expect(inside.remittancesPaid == Self.wan(10) && inside.remittancesReceived == Self.wan(10))
        #expect(middle.assets.fixedOriginal == Money(fen: 100_000) && middle.assets.cash == Money(fen: 5_025))
        #expect(middle.assets.total == Money(fen: 65_025))
        #expect(middle.staff == StaffTotals(active: 1, retired: 1))

        // 本级's: everything inside, so every transfer is eliminated, 二级甲's 200 too.
        let all = top.budget[.final]
        #expect(BudgetItem.allCases.filter(\.isInternalTransfer).allSatisfy { all[$0] == .zero })
        #expect(all.income == Self.wan(1020) && all.expenditure == Self.wan(1020))
        #expect(all[.basicExpenditure] == Self.wan(830))
        let everything = try #require(top.eliminations.first { $0.stage == .final })
        #expect(everything.grantsPaid == Self.wan(380) && everything.grantsReceived == Self.wan(380))
        #expect(everything.remittancesPaid == Self.wan(60) && everything.remittancesReceived == Self.wan(60))
        #expect(top.assets.total == Money(fen: 85_025) && top.staff.total == 4)

        // The department's totals are 本级's subtotal.
        #expect(top.budget == result.budget && top.eliminations == result.eliminations)
        #expect(top.assets == result.assets && top.staff == result.staff && top.ledger == result.ledger)
        #expect(result.findings("transfer.mismatch").isEmpty)
    }

    @Test func departmentJSONWritesSubtotalsInTheShapeOfTheTotals() throws {
        let result = try threeLevels()
        let json = try parse(result)
        let totals = try #require(json["totals"] as? [String: Any])
        let subtotals = try #require(json["subtotals"] as? [[String: Any]])
        #expect(subtotals.map { $0["code"] as? String } == ["100", "110"])
        #expect(subtotals[1]["units"] as? [String] == ["110", "111", "112"])
        #expect(subtotals[1]["level"] as? Int == 2 && subtotals[1]["levels"] as? Int == 2)
        for subtotal in subtotals {
            let shape = try #require(subtotal["totals"] as? [String: Any])
            #expect(keyPaths(shape) == keyPaths(totals), "\(subtotal["code"]!)")
        }
        #expect(NSDictionary(dictionary: subtotals[0]["totals"] as! [String: Any]).isEqual(to: totals))
        let middle = subtotals[1]["totals"] as! [String: Any]
        let final = (middle["budget"] as! [String: [String: Any]])["final"]!
        #expect(
            final["income_total"] as? String == "2200000.00" && final["expenditure_total"] as? String == "2200000.00")
        let eliminated = (middle["eliminations"] as! [String: [String: Any]])["final"]!
        #expect(eliminated["grant_to_subordinate"] as? String == "800000.00")
        #expect(eliminated["remittance_to_parent"] as? String == "100000.00")
        let kept = (subtotals[1]["transfers_kept"] as! [String: [String: Any]])["final"]!
        #expect(
            kept["grant_from_parent"] as? String == "2000000.00" && kept["remittance_to_parent"] as? String == "0.00")
    }

    @Test func aMemberFigureLeftOutLeavesTheSubtotalsFigureOut() throws {
        // 三级甲二's 基本支出 stated twice, differently; 三级甲一's 上缴上级支出 too; one of 三级甲一's people rejected.
        let result = try threeLevels(
            budget: Self.budgetRows + ["112,决算,基本支出,31.00", "111,决算,上缴上级支出,11.00"],
            staff: Self.staff + "111,P5,借调\r\n")
        let subtotals = result.levelSubtotals
        for subtotal in subtotals {
            #expect(subtotal.missing.budget(.final, .basicExpenditure), "\(subtotal.code)")
            #expect(subtotal.missing.budgetTotal(.final, side: .expenditure))
            #expect(!subtotal.missing.budgetTotal(.final, side: .income))
            #expect(subtotal.missing.staff && !subtotal.missing.assets)
            #expect(subtotal.eliminationMissing(.final, .remittanceToParent), "an eliminated side, not a figure")
        }
        let json = try parse(result)
        let subtotals0 = json["subtotals"] as! [[String: Any]]
        for subtotal in subtotals0 {
            let totals = subtotal["totals"] as! [String: Any]
            #expect(totals["staff"] is NSNull && !(totals["assets"] is NSNull))
            let final = (totals["budget"] as! [String: [String: Any]])["final"]!
            #expect(final["basic_expenditure"] is NSNull && final["expenditure_total"] is NSNull)
            #expect(final["project_expenditure"] as? String != nil && final["income_total"] as? String != nil)
            let eliminated = (totals["eliminations"] as! [String: [String: Any]])["final"]!
            #expect(eliminated["remittance_to_parent"] is NSNull && eliminated["remittance_difference"] is NSNull)
            #expect(eliminated["grant_to_subordinate"] as? String != nil)
        }
        // The department's totals sum what is known, as before, and list what is left out.
        let totals = json["totals"] as! [String: Any]
        #expect(!(totals["staff"] is NSNull))
        #expect(((totals["budget"] as! [String: [String: Any]])["final"]!["basic_expenditure"] as? String) != nil)
    }

    @Test func unitsOnACycleOfParentsHaveNoSubtotalAndNothingBreaks() throws {
        let registry =
            "单位编码,单位名称,上级单位编码\r\n100,某局本级,\r\n200,甲,300\r\n300,乙,200\r\n400,丙,300\r\n500,丁,100\r\n"
            + "510,戊,500\r\n600,己,600\r\n"
        let result = try consolidate([
            "名录.csv": registry,
            "预决算.csv": Self.budget + "200,决算,对附属单位补助支出,5.00\r\n300,决算,上级补助收入,5.00\r\n"
                + "400,决算,基本支出,1.00\r\n510,决算,基本支出,2.00\r\n",
        ])
        let cycles = result.findings("registry.parent_cycle")
        #expect(cycles.map(\.unit) == ["200", "600"])
        #expect(cycles.allSatisfy { $0.severity == .warning })
        #expect(cycles[0].message.contains("200（甲） → 300（乙） → 200（甲）"))
        #expect(result.levelSubtotals.map(\.code) == ["100", "500"], "not 200, 300 (a cycle) nor 600 (its own parent)")
        #expect(result.levelSubtotals[0].members == ["100", "500", "510"])
        #expect(result.budget[.final][.basicExpenditure] == Money(fen: 300 * 10_000), "the department counts them all")
        let json = try parse(result)
        #expect((json["subtotals"] as? [[String: Any]])?.count == 2)
        _ = try OutputFiles(result, report: DraftReport(result)).render()
    }

    /// A registry whose 上级单位编码 chain 2,000 units deep (two million unit-in-subtotal pairs, and a
    /// department.json as large): no subtotal, one `registry.too_deep`, the department's figures whole.
    @Test func aChainTooDeepGivesNoSubtotals() throws {
        var registry = "单位编码,单位名称,上级单位编码\r\n100000,某局本级,\r\n"
        for code in 100_001...102_000 { registry += "\(code),单位\(code),\(code - 1)\r\n" }
        let result = try consolidate([
            "名录.csv": registry, "预决算.csv": Self.budget + "100000,决算,基本支出,1.00\r\n102000,决算,基本支出,2.00\r\n",
        ])
        #expect(result.findings("registry.too_deep").count == 1)
        #expect(result.levelSubtotals.isEmpty)
        #expect(result.budget[.final][.basicExpenditure] == Money(fen: 300 * 10_000))
        #expect(
            try parse(result)["subtotals"] as? [Any] == nil
                || (try parse(result)["subtotals"] as? [Any])?.isEmpty == true)
    }

    /// A subordinate the registry marks 另行汇总 (consolidated as another department): no unit
    /// here, not expected to submit; the parent's grant to it beyond its own units' is an info for
    /// the rollup to check, while a parent's side short of its units' is still an error.
    @Test func aSubordinateConsolidatedElsewhereIsLeftToTheRollup() throws {
        let registry = "单位编码,单位名称,上级单位编码,另行汇总\r\n100,某局本级,,\r\n110,二级甲,100,\r\n200,执法支队本级,100,是\r\n"
        let grants = [
            "100,决算,一般公共预算,500.00", "100,决算,对附属单位补助支出,300.00", "100,决算,基本支出,200.00",
            "110,决算,上级补助收入,100.00", "110,决算,基本支出,100.00",
        ]
        let result = try consolidate([
            "名录.csv": registry, "预决算.csv": Self.budget + grants.joined(separator: "\r\n") + "\r\n",
        ])
        #expect(result.units.map(\.code) == ["100", "110"] && result.separateUnits.map(\.code) == ["200"])
        #expect(result.findings("unit.not_submitted").isEmpty && result.findings("transfer.mismatch").isEmpty)
        let outside = result.findings("transfer.outside")
        #expect(outside.count == 1 && outside[0].severity == .info)
        #expect(outside[0].message.contains("多 200.00 万元") && outside[0].message.contains("200 执法支队本级"))
        // The parent paying less than its own units booked is no grant to another department.
        let short = try consolidate([
            "名录.csv": registry,
            "预决算.csv": Self.budget
                + [
                    "100,决算,一般公共预算,500.00", "100,决算,对附属单位补助支出,50.00", "100,决算,基本支出,450.00",
                    "110,决算,上级补助收入,100.00", "110,决算,基本支出,100.00",
                ].joined(separator: "\r\n") + "\r\n",
        ])
        #expect(short.findings("transfer.mismatch").count == 1 && short.findings("transfer.outside").isEmpty)
    }

    // MARK: helpers

    func parse(_ result: Consolidation) throws -> [String: Any] {
        let text = OutputFiles(result, report: nil).departmentJSON().serialized()
        return try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    /// Every key path of an object, `budget.final.income_total`: its shape.
    func keyPaths(_ object: [String: Any], prefix: String = "") -> Set<String> {
        var paths = Set<String>()
        for (key, value) in object {
            paths.insert(prefix + key)
            if let inner = value as? [String: Any] { paths.formUnion(keyPaths(inner, prefix: prefix + key + ".")) }
        }
        return paths
    }
}
