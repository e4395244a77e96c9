import Foundation
import Testing

@testable import HuizongCore

@Suite struct KindCatalogTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    @Test func theShippedKindsAreTheFiles() throws {
        let folder = Self.root.appendingPathComponent("Kinds").path
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".json") }
            .sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        #expect(ShippedKinds.files.map(\.name) == names)
        for (name, json) in ShippedKinds.files {
            let file = try String(contentsOfFile: folder + "/" + name, encoding: .utf8)
            #expect(file == json + "\n", "\(name): run Scripts/embed-data.py")
        }
    }

    @Test func everyKindHasItsSpecAndEveryColumnTheCodeReadsIsInIt() {
        let catalog = KindCatalog.shipped
        for kind in TableKind.allCases {
            let spec = catalog[kind]
            #expect(spec.kind == kind)
            #expect(!spec.required.isEmpty, "\(kind): a kind with no required column is recognised by nothing")
            // The spec and the code's typed keys name the same columns, in the same order.
            #expect(spec.columns.map(\.key) == kind.rules.columnKeys, "\(kind): Kinds/ and its Column disagree")
            #expect(kind.rules.kind == kind)
        }
        #expect(catalog[.staffCounts].name == "人数")
        #expect(catalog[.journal].summaryRows["本月合计"] == .month)
        #expect(catalog[.budget].totalRows == ["合计", "总计", "总合计"])
    }

    @Test func vocabulariesMatchAsTheyDidInCode() {
        #expect(FundingSource.match("一般公共预算资金") == .generalBudget)
        #expect(FundingSource.match(" 政府性基金 ") == .governmentFund)
        #expect(FundingSource.match("GENERAL_BUDGET") == .generalBudget)
        #expect(BudgetStage.match("全年预算") == .adjusted)
        #expect(AssetCategory.match("其他资产") == .other)
        #expect(ExpenditureType.match("basic_expenditure") == .basic)
        #expect(BudgetItem.openingBalance.aliases == ["上年结转", "年初结转结余"])
        #expect(FundingSource.match("财政资金") == nil)
    }

    static func department(_ files: [String: String]) throws -> KindCatalog {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kinds-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for (name, text) in files {
            #expect(FileManager.default.createFile(atPath: folder + "/" + name, contents: Data(text.utf8)))
        }
        return try KindCatalog.load(folder: folder)
    }

    @Test func aDepartmentAddsSpellingsLabelsAndVocabularyWords() throws {
        let catalog = try Self.department([
            "a.json": """
            {"schema": "huizong.kind/1", "kind": "expenditure",
             "columns": [{"key": "amount", "spellings": ["实付金额"]}], "total_rows": ["本单位合计"]}
            """,
            "b.json": """
            {"schema": "huizong.kind/1",
             "vocabularies": {"funding_source": {"general_budget": {"spellings": ["财政资金"]}}}}
            """,
        ])
        let header = ["单位编码", "日期", "凭证号", "资金来源", "支出类型", "实付金额(万元)"]
        #expect(TableLayout.recognise(header) == nil)
        let layout = try #require(TableLayout.recognise(header, kinds: catalog))
        #expect(layout.kind == .expenditure && layout.headerUnits["amount"] == .some(.wan))
        #expect(catalog[.expenditure].totalRows.contains("本单位合计"))
        #expect(!catalog[.budget].totalRows.contains("本单位合计"), "a label is its kind's own")
        var cell = "财政资金"
        #expect(cell.withUTF8 { FundingSource.match($0, in: catalog.vocabularies.fundingSource) } == .generalBudget)
        #expect(FundingSource.match("财政资金") == nil, "the shipped spellings are not changed")
    }

    @Test func whatABadFileSaysNamesTheKey() {
        func problem(_ text: String) -> KindCatalog.Invalid? {
            do {
                _ = try Self.department(["x.json": text])
                return nil
            } catch let error as KindCatalog.Invalid {
                return error
            } catch {
                return nil
            }
        }
        let base =
            #"{"schema": "huizong.kind/1", "kind": "staff_counts", "columns": [{"key": "active", "spellings": ["现有在职"]}]}"#
        #expect(problem(base) == nil)
        #expect(problem(base.replacingOccurrences(of: "huizong.kind/1", with: "huizong.kind/2"))?.key == "schema")
        #expect(problem(base.replacingOccurrences(of: "\"现有在职\"", with: "\"  \""))?.key == "columns[0].spellings[0]")
        #expect(problem(base.replacingOccurrences(of: "[\"现有在职\"]", with: "\"现有在职\""))?.key == "columns[0].spellings")
        #expect(problem(base.replacingOccurrences(of: "\"kind\": \"staff_counts\",", with: ""))?.key == "kind")
        #expect(problem(base.replacingOccurrences(of: "}]}", with: "}], \"one_of\": [[\"active\"]]}"))?.key == "one_of")
        #expect(
            problem(base.replacingOccurrences(of: "}]}", with: "}], \"summary_rows\": {\"month\": [\"本月小计\"]}}"))?.key
                == "summary_rows")
        #expect(
            problem(
                #"{"schema": "huizong.kind/1", "vocabularies": {"funding_source": {"fiscal": {"spellings": ["财政"]}}}}"#)?
                .key == "vocabularies.funding_source.fiscal")
        #expect(
            problem(
                #"{"schema": "huizong.kind/1", "kind": "all", "money_units": [{"unit": "qian", "header_suffix": "(千元)", "key_suffix": "_qian"}]}"#
            )?
            .key == "money_units[0].unit")
    }

    /// An addition may only let Huizong read more: never a figure into another place.
    @Test func anAdditionThatWouldMoveAFigureIsRefused() {
        func key(_ text: String) -> String? {
            do {
                _ = try Self.department(["x.json": text])
                return nil
            } catch let error as KindCatalog.Invalid {
                return error.key
            } catch {
                return "?"
            }
        }
        let head = #"{"schema": "huizong.kind/1", "#
        // 政府性基金预算 is a value's own name: made a spelling of another, it would move its amounts.
        #expect(
            key(head + #""vocabularies": {"funding_source": {"general_budget": {"spellings": ["政府性基金预算"]}}}}"#)
                == "vocabularies.funding_source.general_budget.spellings[0]")
        #expect(
            key(head + #""vocabularies": {"funding_source": {"general_budget": {"spellings": ["Government_Fund"]}}}}"#)
                != nil)
        // 编制人数 is the authorized column's: as a spelling of 在职 it would read 编制 as 在职.
        #expect(
            key(head + #""kind": "staff_counts", "columns": [{"key": "active", "spellings": ["编制人数"]}]}"#)
                == "columns[0].spellings[0]")
        #expect(key(head + #""kind": "staff", "columns": [{"key": "person_id", "spellings": ["姓名"]}]}"#) != nil)
        // A label that could be a unit's code would make that unit's rows totals.
        #expect(key(head + #""kind": "all", "total_rows": ["012003"]}"#) == "total_rows[0]")
        #expect(key(head + #""kind": "budget", "total_rows": ["Total"]}"#) == "total_rows[0]")
        #expect(key(head + #""kind": "budget", "total_rows": ["Total 合计"]}"#) == nil)
        // A shipped label keeps its meaning.
        #expect(key(head + #""kind": "journal", "summary_rows": {"carried": ["本月合计"]}}"#) == "summary_rows.carried[0]")
        #expect(key(head + #""kind": "journal", "summary_rows": {"month": ["合计"]}}"#) == "summary_rows.month[0]")
        #expect(key(head + #""kind": "journal", "total_rows": ["本年累计"]}"#) == "total_rows[0]")
        #expect(key(head + #""kind": "journal", "summary_rows": {"month": ["本月小计"]}}"#) == nil)
        // A key where it means nothing is named, not ignored.
        #expect(
            key(
                head
                    + #""kind": "staff", "money_units": [{"unit": "wan", "header_suffix": "(万)", "key_suffix": "_w"}]}"#
            )
                == "money_units")
        #expect(
            key(head + #""vocabularies": {}, "columns": [{"key": "active", "spellings": ["现有在职"]}]}"#) == "columns")
    }

    @Test func aDepartmentsWordsReachEveryTableThatTakesThem() throws {
        let catalog = try Self.department([
            "a.json": """
            {"schema": "huizong.kind/1", "kind": "staff_counts", "columns": [{"key": "active", "spellings": ["在职职工"]}],
             "vocabularies": {"expenditure_type": {"basic_expenditure": {"spellings": ["人员经费"]}}}}
            """
        ])
        // A headcount column of the department's own keeps a 单位基本情况表 from passing for the registry.
        #expect(TableLayout.recognise(["单位编码", "单位名称", "在职职工"])?.kind == .registry)
        #expect(TableLayout.recognise(["单位编码", "单位名称", "在职职工"], kinds: catalog)?.kind == .staffCounts)
        // A 科目对照表 takes the department's 支出类型 spelling, and gives the mapping its name.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("map-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/科目对照表.csv"
        #expect(
            FileManager.default.createFile(atPath: path, contents: Data("科目编码,支出类型,资金来源\n720101,人员经费,一般公共预算\n".utf8)))
        var options = ReadingOptions()
        options.kinds = catalog
        let result = InputFileReader.read(path: path, displayPath: "科目对照表.csv", options: options)
        guard case .accountMap(let rules) = result.contents else {
            Issue.record("not read as an account map: \(result.findings)")
            return
        }
        #expect(rules.map(\.type) == ["基本支出"] && result.input.rejected == 0)
        #expect(AccountMapping(rules: rules).place(code: "72010101", name: "") == .spending(.basic, .generalBudget))
    }

    @Test func aDepartmentsSpellingWinsATieBetweenKinds() throws {
        // 金额 with 科目 and 阶段 is a budget table; a department that calls its ledger's type column 科目
        // and its source 阶段 would make its ledgers tie with budgets: its own spelling decides.
        let header = ["单位编码", "阶段", "科目", "金额"]
        #expect(TableLayout.recognise(header)?.kind == .budget)
        let catalog = try Self.department([
            "a.json": """
            {"schema": "huizong.kind/1", "kind": "report_figures",
             "columns": [{"key": "figure", "spellings": ["科目"]}, {"key": "value", "spellings": ["金额"]}]}
            """
        ])
        // Both kinds' required columns are all there; budget needs 3, report figures 2: budget still wins.
        #expect(TableLayout.recognise(header, kinds: catalog)?.kind == .budget)
        // 单位编码 | 单位名称 is the registry; a department that spells report figures so makes a
        // tie of two required columns each: the kind its own spelling matched wins it.
        #expect(TableLayout.recognise(["单位编码", "单位名称"])?.kind == .registry)
        let tie = try Self.department([
            "a.json": """
            {"schema": "huizong.kind/1", "kind": "report_figures",
             "columns": [{"key": "figure", "spellings": ["单位编码"]}, {"key": "value", "spellings": ["单位名称"]}]}
            """
        ])
        #expect(TableLayout.recognise(["单位编码", "单位名称"], kinds: tie)?.kind == .reportFigures)
    }
}
