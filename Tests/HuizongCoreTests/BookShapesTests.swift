import Foundation
import Testing

@testable import HuizongCore

/// Books as units keep them under the 政府会计制度, with no 科目对照表: the funding source from each
/// line's 资金性质 (a column, or a part of 辅助核算), accounts by their names, their parents' and
/// their code's place in the standard numbering, printed rows that are no lines read past.
@Suite struct BookShapesTests {
    static let books = fixtures.appendingPathComponent("books")

    /// One unit per package shape (`Fixtures/books/make-books.py`): GRP-U8 序时账 .xlsx with 资金性质,
    /// a GBK HTML .xls with leaf names only, printed vouchers with footers, a 金蝶 凭证列表 with dotted
    /// codes and 核算项目. Each unit's spending by type and by source is exactly what the script
    /// computed from the same vouchers, to the 分.
    @Test func eachPackageShapeGivesSpendingByTypeAndSourceExactly() throws {
        let result = try ConsolidateJob.evaluate(
            ConcurrentReader.read(try DropFolder(root: Self.books.appendingPathComponent("drop").path), jobs: 2))
        let data = try Data(contentsOf: Self.books.appendingPathComponent("expected.json"))
        let expected = try #require(try JSONSerialization.jsonObject(with: data) as? [String: [String: Any]])
        #expect(expected.keys.sorted() == ["013002", "013003", "013004", "013005"])
        for (code, figures) in expected {
            let ledger = result.unit(code).ledger
            let byType = (figures["by_type"] as! [String: Int]).map { (ExpenditureType.match($0.key)!, $0.value) }
            let bySource = (figures["by_source"] as! [String: Int]).map { (FundingSource.match($0.key)!, $0.value) }
            #expect(
                ledger.byType == Dictionary(uniqueKeysWithValues: byType.map { ($0.0, Money(fen: Int64($0.1))) }),
                "\(code)")
            #expect(
                ledger.bySource == Dictionary(uniqueKeysWithValues: bySource.map { ($0.0, Money(fen: Int64($0.1))) }),
                "\(code)")
            #expect(ledger.rows == figures["spending_rows"] as? Int, "\(code)")
            let input = try #require(result.inputs.first { $0.unit == code && $0.kind == "journal" })
            #expect(input.rows == figures["rows"] as? Int && input.rejected == 0, "\(code) \(input.path)")
            let named = { (rule: String) in
                result.findings(rule).filter { $0.unit == code }.compactMap { finding in
                    finding.message.split(separator: "“").dropFirst().first?.split(separator: " ").first.map(
                        String.init)
                }
            }
            #expect(named("ledger.source_differs") == figures["source_disagreements"] as? [String], "\(code)")
            #expect(named("ledger.source_assumed") == figures["assumed_source_accounts"] as? [String], "\(code)")
        }
        // Nothing else to fix: the 本级 sent nothing (the only error), no unit assumed for books.
        #expect(result.findings.filter { $0.severity == .error }.map(\.rule) == ["unit.not_submitted"])
        #expect(result.findings("header.money_unit_assumed").isEmpty, "books are kept in 元")
        // The printed vouchers' footers, page numbers, 附单据, rules and repeated header: one note.
        let skipped = result.findings("row.not_data")
        #expect(skipped.count == 1 && skipped[0].file == "013004_信息中心/凭证.csv")
        #expect(!skipped[0].message.contains("张三"), "a footer's names never reach an output")
        #expect(result.findings.allSatisfy { $0.severity != .error || $0.rule == "unit.not_submitted" })
    }

    /// Codes whatever their separators: 金蝶's `7201.01.01.01` is `7201010101`, and a 科目对照表's
    /// `720102` prefix places it (written with dots or without).
    @Test func codesAreTheirDigitsAndLevels() {
        #expect(AccountCode("7201.01.01.01").digits == "7201010101")
        #expect(AccountCode("7201.01.01.01").segments == ["7201", "01", "01", "01"])
        #expect(AccountCode("7201010101").segments == ["7201", "01", "01", "01"], "GRP-U8's 4-2-2-2")
        #expect(AccountCode("7201-02").digits == "720102")
        let mapping = AccountMapping(rules: [
            AccountRule(codePrefix: "720102", name: "", type: "", source: "事业收入", line: 2),
            AccountRule(codePrefix: "7901.01", name: "", type: "基本支出", source: "其他收入", line: 3),
        ])
        #expect(
            mapping.place(code: "7201.02.05", name: "事业支出_非财政专项资金支出_调查专项") == .spending(.project, .publicServiceRevenue)
        )
        #expect(mapping.place(code: "79010101", name: "利息支出") == .spending(.basic, .otherIncome))
    }

    /// A leaf's own name (`人员经费`, a project's name) placed by its code under the standard
    /// numbering, or by its parents' names where the books show them; never by a numbering the
    /// books contradict.
    @Test func leafNamesByTheirCodeAndParents() {
        let mapping = AccountMapping()
        #expect(mapping.place(code: "7101010101", name: "人员经费") == .spending(.basic, .generalBudget))
        #expect(mapping.place(code: "7201010201", name: "国土空间规划编制") == .spending(.project, .generalBudget))
        #expect(mapping.place(code: "7201030101", name: "人员经费") == .spending(.basic, .otherIncome))
        #expect(mapping.place(code: "7201020101", name: "测绘成果转化专项") == .spending(.project, .otherIncome))
        // Numbered otherwise (the sample's 本级: the fund at the third level), a leaf is left unplaced…
        let otherwise = AccountMapping.Account(code: "7101010201", name: "人员经费", numberedAsStandard: false)
        #expect(mapping.place(otherwise).placement == .unplaced(type: .basic, source: nil))
        // …unless its parents, shown in the same books, name what it is.
        var withParents = otherwise
        withParents.parents = ["行政支出", "财政拨款支出", "政府性基金"]
        #expect(mapping.place(withParents).placement == .spending(.basic, .governmentFund))
        // Books whose names contradict the numbering are read as numbered otherwise.
        #expect(AccountMapping.contradictsNumbering(.init(code: "7101010201", name: "行政支出-财政拨款支出-政府性基金-基本支出")))
        #expect(!AccountMapping.contradictsNumbering(.init(code: "7101010201", name: "国土空间规划编制")))
        let tree = BookTree([
            AccountSummary(unit: "1", code: "7101010201", name: "行政支出-财政拨款支出-政府性基金-基本支出"),
            AccountSummary(unit: "1", code: "71010102", name: "政府性基金"),
            AccountSummary(unit: "1", code: "7101010202", name: "专项业务费"),
        ])
        let leaf = tree.account(AccountSummary(unit: "1", code: "7101010202", name: "专项业务费"))
        #expect(!leaf.numberedAsStandard && leaf.parents == ["政府性基金"])
        #expect(mapping.place(leaf).placement == .unplaced(type: nil, source: .governmentFund))
    }

    /// A line's 资金性质 as the systems write it, and inside a 辅助核算 cell.
    @Test func theLinesFundingSourceAsWritten() {
        let spellings = FundingSource.spellings
        for (text, source) in [
            ("111 一般公共预算资金", FundingSource.generalBudget), ("[121]政府性基金预算资金", .governmentFund),
            ("一般公共预算资金(111)", .generalBudget), ("01-事业收入", .publicServiceRevenue), ("其他资金", .otherIncome),
            ("专项债券资金", .governmentFund),
        ] {
            #expect(FundingSource.ofLine(text, in: spellings) == source, "\(text)")
        }
        #expect(FundingSource.ofLine("131 国有资本经营预算资金", in: spellings) == nil, "no such source in Huizong")
        #expect(FundingSource.ofLine("111", in: spellings) == nil, "a code alone only as a department spells it")
        let labels = ["资金性质", "资金来源"].map { Array($0.utf8) }
        for (cell, source) in [
            ("资金性质:111 一般公共预算资金;功能科目:2200101 行政运行", "111 一般公共预算资金"),
            ("功能科目：2200101 行政运行；资金性质：事业收入", "事业收入"),
            ("资金性质/01 一般公共预算资金|项目/规划编制", "01 一般公共预算资金"),
            ("功能科目:2200101 行政运行", ""),
        ] {
            var bytes = Array(cell.utf8)
            let found = bytes.withUnsafeMutableBufferPointer { buffer in
                String(
                    decoding: JournalKind.auxiliarySource(UnsafeBufferPointer(buffer), labels: labels), as: UTF8.self)
            }
            #expect(found == source, "\(cell)")
        }
    }

    static let registry = "单位编码,单位名称,上级单位编码\r\n012001,某局本级,\r\n012002,执法支队,012001\r\n"

    /// A line whose 资金性质 disagrees with its account counts by its own source, and the account is
    /// named once, with each source's lines; a 资金性质 Huizong does not know places nothing and
    /// leaves the unit's spending missing; books none of whose lines could be placed are said to
    /// be that, not "nothing submitted".
    @Test func theLineWinsAndWhatCannotBeToldIsMissing() throws {
        let header = "凭证日期,凭证号,摘要,科目编码,科目名称,借方金额,贷方金额,资金性质\r\n"
        let lines = [
            "2022-03-01,1,工资,7201010101,事业支出-财政拨款支出-一般公共预算-基本支出,100.00,,111 一般公共预算资金",
            "2022-03-01,1,工资,7201010101,事业支出-财政拨款支出-一般公共预算-基本支出,40.00,,121 政府性基金预算资金",
            "2022-03-02,2,工资,7201010101,事业支出-财政拨款支出-一般公共预算-基本支出,2.50,,121 政府性基金预算资金",
            "2022-03-02,2,办公,7201010101,事业支出-财政拨款支出-一般公共预算-基本支出,7.00,,事业收入",
        ]
        let result = try consolidate([
            "单位名录.csv": Self.registry, "012002_执法支队/序时账.csv": header + lines.joined(separator: "\r\n") + "\r\n",
        ])
        #expect(
            result.unit("012002").ledger.bySource == [
                .generalBudget: Money(fen: 10_000), .governmentFund: Money(fen: 4_250),
                .publicServiceRevenue: Money(fen: 700),
            ])
        let differs = result.findings("ledger.source_differs")
        #expect(differs.count == 1 && differs[0].line == 3, "the first line whose source differs")
        #expect(differs[0].message.contains("2 行的资金性质为政府性基金预算、1 行的资金性质为事业收入"), "\(differs)")

        let unknown = try consolidate([
            "单位名录.csv": Self.registry,
            "012002_执法支队/序时账.csv": header
                + "2022-03-01,1,工资,7201010101,事业支出-财政拨款支出-基本支出,100.00,,131 国有资本经营预算资金\r\n"
                + "2022-03-01,1,工资,8001,资金结存,,100.00,131 国有资本经营预算资金\r\n",
        ])
        #expect(unknown.missing(of: "012002").expenditure && unknown.unit("012002").isSubmitted)
        #expect(unknown.findings("unit.not_submitted").allSatisfy { $0.unit != "012002" })
        let unplaced = try #require(unknown.findings("ledger.account_unplaced").first)
        #expect(unplaced.severity == .error && unplaced.message.contains("“131 国有资本经营预算资金”不是汇总认识的资金来源"))
        #expect(unplaced.message.contains("（1 行，借贷差 100.00 元）") && unplaced.message.contains("缺失"))
    }

    /// Books holding only 财务会计 accounts (no 7xxx line) give no spending: said so, the unit's
    /// spending missing, and the unit not "nothing submitted"; with its 预算会计 books in another
    /// file, nothing is said.
    @Test func booksWithoutBudgetAccountsAreSaidToBe() throws {
        let header = "凭证日期,凭证号,摘要,科目编码,科目名称,借方,贷方\r\n"
        let financial =
            header + "2022-01-02,1,工资,500101,业务活动费用-工资福利费用,10.00,\r\n"
            + "2022-01-02,1,工资,1011,零余额账户用款额度,,10.00\r\n"
        let alone = try consolidate(["单位名录.csv": Self.registry, "012002_执法支队/财务序时账.csv": financial])
        let said = try #require(alone.findings("ledger.no_budget_accounts").first)
        #expect(said.severity == .error && said.unit == "012002" && said.line == 2 && said.message.contains("2 行"))
        #expect(alone.missing(of: "012002").expenditure && alone.unit("012002").isSubmitted)
        #expect(alone.findings("unit.not_submitted").allSatisfy { $0.unit != "012002" })
        let budget = header + "2022-01-02,1,工资,7201010101,人员经费,10.00,\r\n"
        let both = try consolidate([
            "单位名录.csv": Self.registry, "012002_执法支队/财务序时账.csv": financial,
            "012002_执法支队/预算序时账.csv": budget,
        ])
        #expect(both.findings("ledger.no_budget_accounts").isEmpty && !both.missing(of: "012002").expenditure)
        #expect(both.unit("012002").ledger.byType == [.basic: Money(fen: 1_000)])
    }

    /// A 资金性质 code column beside its 资金性质名称: the name is read.
    @Test func aSourceCodeBesideItsName() throws {
        let text =
            "凭证日期,凭证号,摘要,科目编码,科目名称,借方,贷方,资金性质,资金性质名称\r\n"
            + "2022-01-02,1,工资,7101010101,人员经费,10.00,,121,政府性基金预算资金\r\n"
        let result = try consolidate(["单位名录.csv": Self.registry, "012002_执法支队/序时账.csv": text])
        #expect(result.unit("012002").ledger.bySource == [.governmentFund: Money(fen: 1_000)])
    }

    /// 金蝶 writes 凭证字 and 凭证号 apart: both read, the number required, no column headed twice.
    @Test func kingdeesVoucherWordAndNumber() throws {
        let text =
            "日期,凭证字,凭证号,附件数,分录序号,摘要,科目代码,科目名称,借方金额,贷方金额\r\n"
            + "2022-05-06,记,12,2,1,购书,7201.01.01.02,事业支出_财政拨款支出_基本支出_公用经费,300.00,\r\n"
            + "2022-05-06,记,12,2,2,购书,8001,资金结存,,300.00\r\n"
            + "2022-05-07,记,,0,1,无号,7201.01.01.02,事业支出_财政拨款支出_基本支出_公用经费,1.00,\r\n"
        let lines = text.components(separatedBy: "\r\n")
        let clean = try consolidate([
            "单位名录.csv": Self.registry, "012002_执法支队/凭证列表.csv": lines.prefix(3).joined(separator: "\r\n") + "\r\n",
        ])
        #expect(clean.findings("file.unrecognised").isEmpty && clean.errorCount == 1, "the 本级's not_submitted only")
        #expect(clean.unit("012002").ledger.byType == [.basic: Money(fen: 30_000)])
        // A line with no 凭证号 is rejected, and the books are then incomplete: missing, not short.
        let result = try consolidate(["单位名录.csv": Self.registry, "012002_执法支队/凭证列表.csv": text])
        let missing = try #require(result.findings("row.missing_value").first)
        #expect(missing.line == 4 && missing.message.contains("凭证号"))
        #expect(result.missing(of: "012002").expenditure)
    }

    /// The books against the 决算: by type against the 04表's 基本/项目支出 (as any ledger), by
    /// source where a 决算 form states it — here a department's layout for its 财决07表, whose 合计
    /// is the unit's 一般公共预算财政拨款支出.
    @Test func theBooksAgainstTheFinalAccountsBySource() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        folder.write("单位名录.csv", Self.registry)
        folder.write(
            "012002_执法支队/序时账.csv",
            "凭证日期,凭证号,摘要,科目编码,科目名称,借方金额,贷方金额,资金性质\r\n"
                + "2022-03-01,1,工资,7201010101,人员经费,100000.00,,111 一般公共预算资金\r\n"
                + "2022-03-02,2,规划,7201010201,规划编制,50000.00,,121 政府性基金预算资金\r\n")
        folder.write(
            "012002_执法支队/财决07表.csv",
            "一般公共预算财政拨款支出决算表\r\n单位：元\r\n项目,合计,基本支出,项目支出\r\n合计,120000.00,120000.00,\r\n")
        folder.write(
            "layouts/07.json",
            #"{"schema": "huizong.layout/1", "name": "财决07表 一般公共预算财政拨款支出决算表（某省）", "#
                + #""sheet_names": ["财决07表"], "titles": ["一般公共预算财政拨款支出决算表"], "stage": "决算", "#
                + #""total_row": {"labels": ["合计"], "checks": {"合计": "一般公共预算财政拨款支出"}}}"#)
        let layouts = try FormLayout.load(folder: folder.path + "/layouts")
        let files = ConcurrentReader.read(
            try DropFolder(root: folder.path), jobs: 2, options: ReadingOptions(layouts: FormLayout.shipped + layouts))
        let result = try ConsolidateJob.evaluate(files)
        #expect(result.unit("012002").statedSpending[.generalBudget]?.amount == Money(fen: 12_000_000))
        let mismatch = result.findings("ledger.final_mismatch").filter { $0.message.contains("资金来源") }
        try #require(mismatch.count == 1)
        #expect(mismatch[0].file == "012002_执法支队/财决07表.csv" && mismatch[0].line == 4)
        #expect(mismatch[0].message.contains("“一般公共预算”的支出合计 100000.00 元，决算表为 120000.00 元"), "\(mismatch)")
    }

    /// What a printed page adds that is no line: page numbers, attachment counts, rules; and what
    /// only looks like one stays a row.
    @Test func printedRowsThatAreNoLines() {
        for label in ["第1页共3页", "第1页", "共12页", "Page2of3"] { #expect(RowReader.isPageNumber(label), "\(label)") }
        for label in ["第一季度", "第1季度", "Pages"] { #expect(!RowReader.isPageNumber(label), "\(label)") }
        for label in ["附单据2张", "附件:3张", "附单据数:2", "附件12"] { #expect(RowReader.isAttachmentCount(label), "\(label)") }
        for label in ["附件柜3号", "附件", "附单据张"] { #expect(!RowReader.isAttachmentCount(label), "\(label)") }
        #expect(RowReader.isSeparator("-----") && RowReader.isSeparator("===") && RowReader.isSeparator("———"))
        #expect(!RowReader.isSeparator("--") && !RowReader.isSeparator("-1.00"))
    }

    /// Every rule the catalog defines is in `Rule.all`, so `huizong rules` and docs/rules.md list it.
    @Test func everyRuleDefinedIsListed() throws {
        let source = try String(
            contentsOf: fixtures.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("Sources/HuizongCore/Findings/Rules.swift"), encoding: .utf8)
        let defined = source.components(separatedBy: "= Rule(").count - 1
        #expect(defined == Rule.all.count)
        #expect(Set(Rule.all.map(\.id)).isSuperset(of: ["ledger.no_budget_accounts", "ledger.counted_twice"]))
    }
}
