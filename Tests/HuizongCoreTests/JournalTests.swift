import Foundation
import Testing

@testable import HuizongCore

/// The books as 用友, 金蝶 and 浪潮 export them (序时账): accounts, 借 and 贷, summary rows among
/// the lines, no unit, no 资金来源, no 支出类型. The accounts say what the lines count towards.
@Suite struct JournalTests {
    static let registry = "单位编码,单位名称,上级单位编码\r\n012001,某局本级,\r\n012002,执法支队,012001\r\n"
    static let header = "日期,凭证字号,摘要,科目编码,科目名称,借方金额,贷方金额\r\n"

    @Test func theDefaultMappingFollowsTheBudgetAccounts() {
        let mapping = AccountMapping()
        #expect(mapping.place(code: "7101010101", name: "行政支出-财政拨款支出-基本支出") == .spending(.basic, .generalBudget))
        #expect(mapping.place(code: "72010102", name: "事业支出/财政拨款支出/政府性基金/项目支出") == .spending(.project, .governmentFund))
        #expect(mapping.place(code: "710103", name: "行政支出-其他资金支出-项目支出") == .spending(.project, .otherIncome))
        #expect(mapping.place(code: "730101", name: "经营支出") == .spending(.business, .businessRevenue))
        #expect(mapping.place(code: "7501", name: "对附属单位补助支出") == .transfer(.grantToSubordinate))
        #expect(mapping.place(code: "7401", name: "上缴上级支出") == .transfer(.remittanceToParent))
        #expect(mapping.place(code: "8001", name: "资金结存") == .notSpending)
        #expect(mapping.place(code: "50010101", name: "业务活动费用-基本支出") == .notSpending, "财务会计: kept in parallel")
        // 非财政专项资金支出: its name's 基本支出 kept, its source the line's, else 其他收入 (said).
        let special = mapping.place(.init(code: "71010201", name: "行政支出-非财政专项资金支出-基本支出"))
        #expect(special.placement == .spending(.basic, .otherIncome) && special.sourceAssumed)
        let stated = mapping.place(.init(code: "710102", name: "非财政专项资金支出", lineSource: .publicServiceRevenue))
        #expect(stated.placement == .spending(.project, .publicServiceRevenue) && !stated.sourceAssumed)
        #expect(mapping.place(code: "7901", name: "其他支出") == .unplaced(type: nil, source: nil))
        // A department's rules: the longest prefix, each blank part left to the default.
        let department = AccountMapping(rules: [
            AccountRule(codePrefix: "710102", name: "", type: "", source: "事业收入", line: 2),
            AccountRule(codePrefix: "7901", name: "", type: "项目支出", source: "其他收入", line: 3),
            AccountRule(codePrefix: "50010101", name: "", type: "基本支出", source: "一般公共预算", line: 4),
            AccountRule(codePrefix: "7101010101", name: "", type: "不计支出", source: "", line: 5),
        ])
        #expect(
            department.place(code: "71010201", name: "行政支出-非财政专项资金支出-基本支出") == .spending(.basic, .publicServiceRevenue))
        #expect(department.place(code: "790101", name: "其他支出") == .spending(.project, .otherIncome))
        #expect(department.place(code: "50010101", name: "业务活动费用") == .spending(.basic, .generalBudget))
        #expect(department.place(code: "7101010101", name: "行政支出-财政拨款支出-基本支出") == .notSpending)
    }

    /// A unit's 序时账 in its folder: 借 − 贷 by account lands in 基本/项目 and funding sources; a
    /// 红字 reversal counts negative; 本月合计 and 本年累计 are checked, not counted; an account
    /// that cannot be placed is one error with its rows and amount, and leaves the unit's spending
    /// out until a 科目对照表 places it; the 资金结存 side is one info.
    @Test func aUnitsBooks() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        folder.write("单位名录.csv", Self.registry)
        let lines = [
            "期初余额,,,,,,",
            "2022-01-05,记-1,工资,71010101,行政支出-财政拨款支出-基本支出,\"1,000.00\",",
            "2022-01-05,记-1,工资,8001,资金结存,,\"1,000.00\"",
            "2022-01-20,记-2,测绘费,71010102,行政支出-财政拨款支出-项目支出,500.00,",
            "2022-01-20,记-2,测绘费,8001,资金结存,,500.00",
            ",,本月合计,,,\"1,500.00\",\"1,500.00\"",
            "2022-02-03,记-3,冲销,71010102,行政支出-财政拨款支出-项目支出,-100.00,",
            "2022-02-03,记-3,冲销,8001,资金结存,,-100.00",
            "2022-02-10,记-4,投资,7601,投资支出,300.00,",
            "2022-02-10,记-4,投资,8001,资金结存,,300.00",
            ",,本月合计,,,200.00,200.00",
            ",,本年累计,,,\"1,700.00\",\"1,799.00\"",
        ]
        folder.write(
            "012002_执法支队/序时账.csv",
            "序时账\r\n单位：元\r\n" + Self.header + lines.joined(separator: "\r\n") + "\r\n")
        let result = try consolidate(folder)
        // 7601 cannot be placed: the unit's spending is missing, not short, and it did send books.
        #expect(result.missing(of: "012002").expenditure && result.unit("012002").ledger.rows == 0)
        #expect(
            result.unit("012002").isSubmitted
                && result.findings("unit.not_submitted").allSatisfy { $0.unit != "012002" })
        // The officer's 科目对照表 row places it: the rest is the unit's spending.
        folder.write("科目对照表.csv", "科目编码,科目名称,支出类型,资金来源\r\n7601,投资支出,不计支出,\r\n")
        let placed = try consolidate(folder)
        #expect(!placed.missing(of: "012002").expenditure && placed.findings("ledger.account_unplaced").isEmpty)
        let ledger = placed.unit("012002").ledger
        #expect(ledger.byType == [.basic: Money(fen: 100_000), .project: Money(fen: 40_000)])
        #expect(ledger.bySource == [.generalBudget: Money(fen: 140_000)])
        #expect(ledger.rows == 3, "the three expense lines")
        let summary = try #require(result.findings("ledger.summary_mismatch").first)
        #expect(summary.line == 15 && summary.message.contains("本年累计行的“贷方金额”1799.00 元，与其上各行之和 1700.00 元不等"))
        let unplaced = try #require(result.findings("ledger.account_unplaced").first)
        #expect(unplaced.unit == "012002" && unplaced.line == 12 && unplaced.severity == .error)
        #expect(
            unplaced.message.contains("“7601 投资支出”（1 行，借贷差 300.00 元）")
                && unplaced.message.contains("支出类型（基本/项目/经营）和资金来源"))
        let other = try #require(result.findings("ledger.not_spending").first)
        #expect(other.severity == .info && other.message.contains("4 行记在 1 个非支出科目上（8001 资金结存）"))
        let input = try #require(result.inputs.first { $0.path == "012002_执法支队/序时账.csv" })
        #expect(input.kind == "journal" && input.unitSource == "folder" && input.rows == 8 && input.rejected == 0)
    }

    /// The department's 科目对照表 in the folder places what the default cannot; a transfer the
    /// books show that the 决算 does not is named.
    @Test func theDepartmentsMappingAndTransfers() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        folder.write("单位名录.csv", Self.registry)
        folder.write("科目对照表.csv", "科目编码,科目名称,支出类型,资金来源\r\n710102,非财政专项资金支出,,事业收入\r\n")
        folder.write(
            "某局本级.csv",
            Self.header + "2022-03-01,记-9,专项,7101020101,行政支出-非财政专项资金支出-基本支出,80.00,\r\n"
                + "2022-03-02,记-10,补助,7501,对附属单位补助支出,5000.00,\r\n")
        folder.write("预决算.csv", "单位编码,阶段,科目,金额(元)\r\n012001,决算,对附属单位补助支出,4000.00\r\n")
        let result = try consolidate(folder)
        #expect(result.unit("012001").ledger.bySource == [.publicServiceRevenue: Money(fen: 8_000)])
        let transfer = try #require(result.findings("ledger.transfer_differs").first)
        #expect(transfer.unit == "012001" && transfer.message.contains("账簿中的“对附属单位补助支出”为 5000.00 元，决算为 4000.00 元"))
        #expect(result.inputs.first { $0.path == "某局本级.csv" }?.unitSource == "file_name")
    }

    /// Lines read where they lie and lines read the ordinary way give the same accounts, rows and
    /// findings: the exports sample's 本级 序时账, and one with every kind of row in it.
    @Test func bothPathsAgree() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let lines = [
            "期初余额,,,,,,", "2022-01-05,记-1,工资,71010101,行政支出-财政拨款支出-基本支出,\"1,000.00\",",
            "2022-01-05,记-1,本月工资,8001,资金结存,,\"1,000.00\"", "2022-01-06,,无凭证号,8001,资金结存,1.00,",
            "2022-01-07,记-2,坏金额,8001,资金结存,1.2.3,", ",,本月合计,,,\"1,001.00\",\"1,000.00\"",
            "2022-13-01,记-3,坏日期,8001,资金结存,1.00,", "合计,,,,,2.00,",
        ]
        let path = folder.write("序时账.csv", Self.header + lines.joined(separator: "\r\n") + "\r\n")
        let sample = fixtures.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("SampleData/2022-exports/012001_自然资源和规划局本级/序时账.csv").path
        for (file, name) in [(path, "序时账.csv"), (sample, "本级序时账.csv")] {
            let fast = InputFileReader.read(path: file, displayPath: name, options: ReadingOptions(fastPath: true))
            let slow = InputFileReader.read(path: file, displayPath: name, options: ReadingOptions(fastPath: false))
            #expect(fast.input.kind == "journal")
            #expect(String(describing: fast.contents) == String(describing: slow.contents))
            #expect(fast.findings.map(\.message) == slow.findings.map(\.message))
            #expect(fast.input.rows == slow.input.rows && fast.input.rejected == slow.input.rejected)
        }
    }

    /// A voucher-block export: `[日期:… 凭证字号:…]` opens a voucher whose lines carry neither,
    /// `[合计]` closes it and is checked.
    @Test func voucherBlocks() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        folder.write("单位名录.csv", Self.registry)
        let lines = [
            "[日期:2022-03-01 凭证字号:记-0001],,,,", "工资,71010101,行政支出-财政拨款支出-基本支出,1000.00,",
            "工资,8001,资金结存,,1000.00", "[合计],,,1000.00,1000.00", "[日期:2022-03-02 凭证字号:记-0002],,,,",
            "办公,71010102,行政支出-财政拨款支出-项目支出,200.00,", "办公,8001,资金结存,,200.00", "[合计],,,200.00,210.00",
            "[日期:2022-02-30 凭证字号:记-0003],,,,",
        ]
        folder.write(
            "012002/凭证.csv",
            "凭证列表\r\n单位：元\r\n摘要,科目编码,科目名称,借方金额,贷方金额\r\n" + lines.joined(separator: "\r\n") + "\r\n")
        let result = try consolidate(folder)
        // The voucher whose date cannot be read leaves the books incomplete: missing, not short.
        #expect(result.missing(of: "012002").expenditure)
        folder.write(
            "012002/凭证.csv",
            "凭证列表\r\n单位：元\r\n摘要,科目编码,科目名称,借方金额,贷方金额\r\n" + lines.dropLast().joined(separator: "\r\n") + "\r\n")
        #expect(
            try consolidate(folder).unit("012002").ledger.byType == [
                .basic: Money(fen: 100_000), .project: Money(fen: 20_000),
            ])
        let mismatch = try #require(result.findings("ledger.summary_mismatch").first)
        #expect(mismatch.line == 11 && mismatch.message.contains("凭证合计行的“贷方金额”210.00 元，与其上各行之和 200.00 元不等"))
        let date = try #require(result.findings("row.date").first)
        #expect(date.line == 12 && date.message.contains("2022-02-30"))
        #expect(result.inputs.first { $0.path == "012002/凭证.csv" }?.kind == "journal")
    }

    /// 国库集中支付 detail as the treasury system exports it is a ledger: 预算单位编码, 资金性质
    /// (…资金), 功能科目, 经济科目, 支付金额.
    @Test func treasuryPaymentDetailIsALedger() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        folder.write("单位名录.csv", Self.registry)
        folder.write(
            "国库集中支付明细.csv",
            "预算单位编码,预算单位名称,支付日期,支付凭证号,资金性质,支出类型,功能科目,经济科目,收款人,支付金额(元)\r\n"
                + "012002,执法支队,2022-03-01,ZF001,一般公共预算资金,基本支出,2200101 行政运行,30201 办公费,某公司,\"1,200.00\"\r\n"
                + "012002,执法支队,2022-03-02,ZF002,政府性基金预算资金,项目支出,2120801 征地和拆迁补偿支出,31099 其他,某村,300.50\r\n")
        let result = try consolidate(folder)
        #expect(result.inputs.first { $0.path == "国库集中支付明细.csv" }?.kind == "expenditure")
        let ledger = result.unit("012002").ledger
        #expect(ledger.bySource == [.generalBudget: Money(fen: 120_000), .governmentFund: Money(fen: 30_050)])
        #expect(ledger.byType == [.basic: Money(fen: 120_000), .project: Money(fen: 30_050)])
        #expect(result.findings.filter { $0.file == "国库集中支付明细.csv" }.isEmpty)
    }

    /// The fixtures (also the fuzzer's seeds) are read as what they are.
    @Test(arguments: [("用友序时账.csv", "journal"), ("凭证块.csv", "journal"), ("科目对照表.csv", "account_map")])
    func theFixturesAreRead(file: String, kind: String) {
        let result = InputFileReader.read(
            path: fixtures.appendingPathComponent("ledgers/" + file).path, displayPath: file)
        #expect(result.input.kind == kind && result.input.rejected == 0 && result.input.rows > 0)
        #expect(result.findings.isEmpty, "\(result.findings.map(\.message))")
    }

    /// A 明细账 of one account, as 用友 prints it: the account and the year above the header,
    /// lines dated by 月 and 日, 方向 and 余额 beside them.
    @Test func aSingleAccountsLedger() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        folder.write("单位名录.csv", Self.registry)
        let lines = [
            "行政支出明细账,,,,,,,", "科目：71010101 行政支出-财政拨款支出-基本支出,,,,,,,", "单位：元,,,,,,,",
            "2022年,,,,,,,", "月,日,凭证号数,摘要,借方,贷方,方向,余额", "1,1,,上年结转,,,借,0.00",
            "1,5,记-1,工资,1000.00,,借,1000.00", "1,20,记-5,冲销,-100.00,,借,900.00", "1,31,,本月合计,900.00,,借,900.00",
            "2,30,记-9,坏日期,5.00,,借,905.00",
        ]
        folder.write("012002_执法支队/明细账.csv", lines.joined(separator: "\r\n") + "\r\n")
        let result = try consolidate(folder)
        #expect(result.missing(of: "012002").expenditure, "a line whose date cannot be read: the books are short")
        folder.write("012002_执法支队/明细账.csv", lines.dropLast().joined(separator: "\r\n") + "\r\n")
        let read = try consolidate(folder)
        #expect(read.unit("012002").ledger.byType == [.basic: Money(fen: 90_000)])
        #expect(read.unit("012002").ledger.bySource == [.generalBudget: Money(fen: 90_000)])
        #expect(result.findings("ledger.summary_mismatch").isEmpty)
        let date = try #require(result.findings("row.date").first)
        #expect(date.line == 10 && date.message.contains("2022年2月30日"))
        #expect(result.inputs.first { $0.path == "012002_执法支队/明细账.csv" }?.kind == "journal")
        #expect(TableHeader.statedYear(in: "2022年度") == 2022 && TableHeader.statedYear(in: "12022年") == nil)
        #expect(TableHeader.statedAccount(in: "科目：7101 行政支出")! == ("7101", "行政支出"))
    }
}
