import Foundation
import Testing

@testable import HuizongCore

/// 决算 workbooks as they arrive (issue 29): sheets that hold no data table read past, forms
/// recognised by their number before their title, the 01表's header variants, and a department's
/// own layout winning a tie with a shipped one.
@Suite struct FinalAccountsWorkbookTests {
    static let workbook = fixtures.appendingPathComponent("forms/决算工作簿-封面与附表.xlsx")
    static let registry = "单位编码,单位名称,上级单位编码\r\n012017,石家庄市规划馆,\r\n"

    /// 封面, 填报说明, a 31-character `Z08_1 …(财决08-` whose title holds the 05-1表's name, and a
    /// 附表: read past with one note; the 01表 headed `项目(按功能分类)` read; the 05表's 合计 (基本 +
    /// 项目) not compared with the 01表's 本年支出合计 (transfers included). No error.
    @Test func aWorkbookWithCoverInstructionsAndAnnexes() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        folder.write("单位名录.csv", Self.registry)
        folder.write("012017_规划馆/石家庄市规划馆.xlsx", bytes: [UInt8](try Data(contentsOf: Self.workbook)))
        let result = try consolidate(folder)
        #expect(result.errorCount == 0, "\(result.findings.map(\.message))")
        let final = try #require(result.unit("012017").budget.stages[.final])
        let yuan = { (text: String) in Money(fen: Int64(text)! * 100) }
        #expect(final[.generalBudget] == yuan("1200000") && final[.governmentFund] == yuan("500000"))
        #expect(final[.publicServiceRevenue] == yuan("100000") && final[.openingBalance] == yuan("100000"))
        #expect(final[.closingBalance] == yuan("80000") && final[.basicExpenditure] == yuan("900000"))
        #expect(final[.projectExpenditure] == yuan("800000") && final[.remittanceToParent] == yuan("120000"))
        let skipped = result.findings("sheet.not_a_table")
        #expect(skipped.count == 1 && skipped[0].severity == .info)
        for sheet in ["封面", "填报说明", "Z08_1", "F01"] { #expect(skipped[0].message.contains(sheet)) }
        let kinds = result.inputs.filter { $0.path.hasPrefix("012017_规划馆/") }.map(\.kind)
        #expect(kinds.filter { $0 == "not_a_table" }.count == 4 && kinds.filter { $0 == "budget" }.count == 3)
    }

    /// The form number a sheet's name or title states, as the 决算 software and Excel write it.
    @Test func formNumbers() {
        for (text, number) in [
            ("Z08_1 一般公共预算财政拨款基本支出决算明细表(财决08-", "08-1"), ("财决05-1表", "05-1"), ("Z01 收入支出决算总表", "01"),
            ("F01 预算支出相关信息表(财决附01表)", "附01"), ("（财决08-1表）", "08-1"), ("财决01表", "01"),
        ] {
            #expect(FormLayout.formNumber(text) == number, "\(text)")
        }
        for text in ["资产负债简表", "CS08 资产负债简表", "Zhang", "支出明细"] {
            #expect(FormLayout.formNumber(text) == nil, "\(text)")
        }
    }

    /// The 01表's sides headed `收入` and `支出（按功能分类）`, amounts under `本年决算数`.
    @Test func the01HeadersAsOtherYearsPrintThem() throws {
        let text =
            [
                "收入支出决算总表", "编制单位：石家庄市规划馆,,,单位：元", "收入,本年决算数,支出（按功能分类）,本年决算数",
                "一般公共预算财政拨款收入,\"1,000.00\",一般公共服务支出,\"900.00\"", "本年收入合计,\"1,000.00\",本年支出合计,\"900.00\"",
                "年初结转和结余,0.00,年末结转和结余,100.00", "总计,\"1,000.00\",总计,\"1,000.00\"",
            ].joined(separator: "\r\n") + "\r\n"
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let form = InputFileReader.read(path: folder.write("01表.csv", text), displayPath: "01表.csv")
        #expect(form.input.kind == "budget" && form.findings.isEmpty, "\(form.findings.map(\.message))")
        guard case .budget(let lines) = form.contents else { return }
        #expect(lines.first { $0.item == .generalBudget }?.amount == Money(fen: 100_000))
        #expect(lines.first { $0.item == .closingBalance }?.amount == Money(fen: 10_000))
    }

    /// A department's layout that recognises a sheet as well as a shipped one does is the one used,
    /// and `inspect` says which read it, why, and which other it considered.
    @Test func aDepartmentsLayoutWinsATie() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        folder.write(
            "layouts/04.json",
            #"{"schema": "huizong.layout/1", "name": "某省 财决04表", "titles": ["支出决算表"], "stage": "决算", "#
                + #""total_row": {"labels": ["合计"], "columns": {"基本支出": "基本支出", "项目支出": "项目支出", "#
                + #""上缴上级支出": "上缴上级支出"}}}"#)
        let own = try FormLayout.load(folder: folder.path + "/layouts")
        let read = InputFileReader.read(
            path: Self.workbook.path, displayPath: "决算.xlsx", options: ReadingOptions(layouts: FormLayout.shipped + own)
        )
        let sheet = try #require(read.sheets.first { $0.input.path.contains("Z04") })
        #expect(sheet.input.layout == "某省 财决04表")
        let explained = sheet.inspection.formChoice.joined(separator: "\n")
        #expect(explained.contains("某省 财决04表：前几行有标题“支出决算表”，本部门版式"), "\(explained)")
        #expect(explained.contains("也识别了：部门决算 财决04表 支出决算表（2022 年表样）"), "\(explained)")
        #expect(InspectionReport(sheet).text.contains("版式 layout"))
        // The same sheet name as a shipped layout's (`财决04表`): a tie the department's wins too.
        folder.write(
            "named/04.json",
            #"{"schema": "huizong.layout/1", "name": "某省 财决04表（按表名）", "sheet_names": ["财决04表"], "stage": "决算", "#
                + #""total_row": {"labels": ["合计"], "columns": {"基本支出": "基本支出"}}}"#)
        let named = try FormLayout.load(folder: folder.path + "/named")
        let recognition = FormReader.recognise(leading: [], sheetName: "财决04表", layouts: FormLayout.shipped + named)
        #expect(recognition.chosen.map(\.name) == ["某省 财决04表（按表名）"])
        #expect(recognition.considered.count == 2, "the shipped 04表 recognised it as well, and is named by inspect")
        // A sheet stating its number under a title no layout knows is still that form.
        let byNumber = FormReader.recognise(leading: [], sheetName: "Z04 本单位支出情况", layouts: FormLayout.shipped)
        #expect(byNumber.chosen.map(\.name) == ["部门决算 财决04表 支出决算表（2022 年表样）"] && !byNumber.isUnreadForm)
    }

    /// A unit that sends only its 财决02表 (one label column, 年初预算数 beside 决算数) is read, and
    /// counts as having sent its 决算; beside its 01表 and 04表 stating the same figures, they are
    /// one figure each, not repeats.
    @Test func aUnitThatSendsOnlyIts02Table() throws {
        let form = try String(contentsOf: fixtures.appendingPathComponent("forms/决算02表-2022.csv"), encoding: .utf8)
        let alone = try consolidate(["单位名录.csv": Self.registry, "012017_规划馆/决算02表.csv": form])
        #expect(alone.errorCount == 0, "\(alone.findings.map(\.message))")
        let final = try #require(alone.unit("012017").budget.stages[.final])
        #expect(final[.generalBudget] == Money(fen: 120_000_000) && final[.basicExpenditure] == Money(fen: 90_000_000))
        #expect(final[.remittanceToParent] == Money(fen: 12_000_000) && final[.closingBalance] == Money(fen: 8_000_000))
        #expect(alone.inputs.first { $0.path.hasSuffix("决算02表.csv") }?.layout.contains("财决02表") == true)
        let folder = TemporaryFolder()
        defer { folder.remove() }
        folder.write("单位名录.csv", Self.registry)
        folder.write("012017_规划馆/决算02表.csv", form)
        folder.write("012017_规划馆/石家庄市规划馆.xlsx", bytes: [UInt8](try Data(contentsOf: Self.workbook)))
        let both = try consolidate(folder)
        #expect(both.errorCount == 0 && both.findings("row.duplicate_same").isEmpty, "\(both.findings.map(\.message))")
        #expect(both.unit("012017").budget.stages[.final] == final)
    }
}
