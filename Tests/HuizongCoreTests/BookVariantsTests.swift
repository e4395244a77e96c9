import Foundation
import Testing

@testable import HuizongCore

/// Books as an adversary and a finance officer with real exports wrote them (issue 28's review):
/// each either gives the unit's spending exactly, or leaves it missing with the finding that says
/// why — never a figure that looks right and is not.
@Suite struct BookVariantsTests {
    static let registry = "单位编码,单位名称,上级单位编码\r\n013001,某局本级,\r\n013002,某规划院,013001\r\n"
    static let header = "日期,凭证号,摘要,科目编码,科目名称,借方金额,贷方金额,资金性质"

    /// What a book must come to: spending by type and by source in 分, or missing; and the rules
    /// (besides the infos and the 本级's and the unit's completeness) it gives.
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var text: String
        var byType: [ExpenditureType: Int64]? = nil
        var bySource: [FundingSource: Int64] = [:]
        var rules: [String] = []
        var testDescription: String { name }
    }

    static func book(_ lines: String..., header: String = header) -> String {
        ([header] + lines).joined(separator: "\r\n") + "\r\n"
    }

    static let cases: [Case] = [
        Case(
            name: "非财政拨款支出 is not 财政拨款: 其他收入, said",
            text: book("2022-03-01,记-2,办公费,7201030101,事业支出-非财政拨款支出-基本支出,200.00,,"),
            byType: [.basic: 20_000], bySource: [.otherIncome: 20_000], rules: ["ledger.source_assumed"]),
        Case(
            name: "a fund kind as the third level: no 基本/项目 to read, missing",
            text: book(
                "2022-03-01,记-1,工资,71010101,行政支出-财政拨款支出-一般公共预算,1000.00,,",
                "2022-03-02,记-2,规划,71010102,行政支出-财政拨款支出-政府性基金,3000.00,,"),
            rules: ["ledger.account_unplaced"]),
        Case(
            name: "项目人员经费 is no 基本支出: the code's 02 says 项目",
            text: book("2022-03-01,记-1,项目工资,720101020103,项目人员经费,100.00,,一般公共预算资金"),
            byType: [.project: 10_000], bySource: [.generalBudget: 10_000]),
        Case(
            name: "a 凭证类别 column's 付款凭证 begins a line, not a title",
            text: book(
                "付款凭证,0001,2022-03-01,付电费,7201010101,基本支出,100.00,,一般公共预算资金",
                "记账凭证,0003,2022-03-03,邮费,7201010101,基本支出,5.00,,一般公共预算资金",
                header: "凭证类别,凭证号,日期,摘要,科目编码,科目名称,借方金额,贷方金额,资金性质"),
            byType: [.basic: 10_500], bySource: [.generalBudget: 10_500]),
        Case(
            name: "a voucher's later lines without a date take its date",
            text: book(
                "2022-03-01,记-1,发放工资,7201010101,基本支出,100.00,,一般公共预算资金",
                ",,发放工资,7201010101,基本支出,50.00,,一般公共预算资金", ",,发放工资,8001,资金结存,,150.00,"),
            byType: [.basic: 15_000], bySource: [.generalBudget: 15_000]),
        Case(
            name: "footers however printed, page numbers, 合计 under 摘要",
            text: book(
                "2022-03-01,记-1,付电费,7201010101,基本支出,100.00,,一般公共预算资金",
                ",,合计,,,100.00,,", "主管会计：张大伟,,记账：李小红,,出纳：王美丽,,制单：赵建国,",
                "核准：张大伟,,,,,,,", "财务负责人(签章)：,,,,,,,", "记账 张大伟   审核 李小红,,,,,,,", "- 1 -,,,,,,,",
                "经手人：王美丽,,,,,,,", "2022.03.05,记-2,邮费,7201010101,基本支出,5.00,,公共财政预算"),
            byType: [.basic: 10_500], bySource: [.generalBudget: 10_500]),
        Case(
            name: "辅助核算 as the systems print it",
            text: book(
                "2022-03-01,记-1,a,7201010101,基本支出,1.00,,【资金性质】一般公共预算资金【功能科目】2200101 行政运行",
                "2022-03-01,记-2,b,7201010101,基本支出,2.00,,[资金性质]121 政府性基金预算资金 [功能科目]2200101",
                "2022-03-01,记-3,c,7201010101,基本支出,4.00,,资金性质:纳入专户管理的非税收入/功能科目:2200101",
                "2022-03-01,记-4,d,7201010101,基本支出,8.00,,资金性质:一般公共预算资金（含上年结转） 功能科目:2200101",
                "2022-03-01,记-5,e,7201010101,基本支出,16.00,,资金性质-政府性基金预算拨款",
                header: "日期,凭证号,摘要,科目编码,科目名称,借方金额,贷方金额,辅助核算"),
            // 事业收入 under a leaf the code puts under 01 财政拨款支出: the code's second level is not
            // read as standard then; each line counts by its own source.
            byType: [.basic: 3_100],
            bySource: [.generalBudget: 900, .governmentFund: 1_800, .publicServiceRevenue: 400]),
        Case(
            name: "财政拨款 on a line says no more than its account",
            text: book("2022-03-01,记-1,a,72010102,事业支出-财政拨款支出-政府性基金-项目支出,10.00,,财政拨款"),
            byType: [.project: 1_000], bySource: [.governmentFund: 1_000]),
        Case(
            name: "one 科目 column holding code and name",
            text: book(
                "2022-03-01,记-1,付电费,7201010101 事业支出/财政拨款支出/基本支出,100.00,,一般公共预算资金",
                "2022-03-01,记-1,付电费,8001 资金结存,,100.00,一般公共预算资金",
                header: "日期,凭证号,摘要,科目,借方金额,贷方金额,资金性质"),
            byType: [.basic: 10_000], bySource: [.generalBudget: 10_000]),
        Case(
            name: "a 摘要 that begins like a footer is a line when it has an amount; 记账员：… is a footer",
            text: book(
                "2022-03-01,记-1,报销差旅费,7201010102,事业支出-财政拨款支出-基本支出,500.00,,一般公共预算资金",
                ",,经办人：王五 报销差旅费,7201010102,事业支出-财政拨款支出-基本支出,300.00,,一般公共预算资金",
                ",,合计：捌佰元整,,,800.00,,", "记账员：王五,,审核员：赵六,,,,,"),
            byType: [.basic: 80_000], bySource: [.generalBudget: 80_000]),
        Case(
            name: "a level named 一般公共预算财政拨款 is a fund kind: the numbering is not standard",
            text: book(
                "2022-03-01,记-1,a,72010101,事业支出-财政拨款支出-一般公共预算财政拨款,100.00,,",
                "2022-03-01,记-2,b,7201010201,人员经费,5.00,,"),
            rules: ["ledger.account_unplaced"]),
        Case(
            name: "the year-end 结转 crediting the budget accounts is no spending of its own",
            text: book(
                "2022-03-01,记-1,工资,7201010101,事业支出-财政拨款支出-基本支出,1000.00,,一般公共预算资金",
                "2022-12-31,记-99,结转本年财政拨款支出,8101,财政拨款结转,1000.00,,",
                "2022-12-31,记-99,结转本年财政拨款支出,7201010101,事业支出-财政拨款支出-基本支出,,1000.00,一般公共预算资金"),
            byType: [.basic: 100_000], bySource: [.generalBudget: 100_000]),
        Case(
            name: "credits that take all of an account's debits away, unexplained: missing",
            text: book(
                "2022-03-01,记-1,工资,7201010101,事业支出-财政拨款支出-基本支出,1000.00,,一般公共预算资金",
                "2022-12-31,记-99,年末,7201010101,事业支出-财政拨款支出-基本支出,,1000.00,一般公共预算资金"),
            rules: ["ledger.account_closed_out"]),
        Case(
            name: "an amount that cannot be read leaves the books short: missing",
            text: book(
                "2022-03-01,记-1,a,7201010101,基本支出,100.00,,一般公共预算资金",
                "2022-03-02,记-2,b,7201010101,基本支出,\"1,000.00-\",,一般公共预算资金"),
            rules: ["row.amount"]),
    ]

    @Test(arguments: cases) func aVariant(_ variant: Case) throws {
        let result = try consolidate(["单位名录.csv": Self.registry, "013002_某规划院/序时账.csv": variant.text])
        let unit = result.unit("013002")
        if let byType = variant.byType {
            #expect(!result.missing(of: "013002").expenditure)
            #expect(unit.ledger.byType == byType.mapValues { Money(fen: $0) })
            #expect(unit.ledger.bySource == variant.bySource.mapValues { Money(fen: $0) })
        } else {
            #expect(result.missing(of: "013002").expenditure && unit.ledger.rows == 0)
        }
        let ignored: Set = ["unit.not_submitted", "unit.incomplete", "ledger.no_final_accounts"]
        let rules = result.findings.filter { $0.severity != .info && !ignored.contains($0.rule) }.map(\.rule)
        #expect(Set(rules) == Set(variant.rules), "\(result.findings.map(\.message))")
        #expect(unit.isSubmitted)
        // A footer's names never reach a finding.
        #expect(!result.findings.contains { $0.message.contains("张大伟") || $0.message.contains("李小红") })
    }

    /// Printed vouchers whose first `[日期:… 凭证字号:…]` stands above the header, each voucher
    /// printing the header again.
    @Test func vouchersPrintedEachWithItsHeader() throws {
        let text =
            [
                "[日期:2022-03-01 凭证字号:记-0001],,,,,", "摘要,科目编码,科目名称,借方金额,贷方金额,资金性质",
                "付电费,7201010101,事业支出-财政拨款支出-基本支出,\"1,100.00\",,一般公共预算资金", "付电费,8001,资金结存,,\"1,100.00\",",
                "[合计],,,\"1,100.00\",\"1,100.00\",", "[日期:2022-03-05 凭证字号:记-0002],,,,,",
                "摘要,科目编码,科目名称,借方金额,贷方金额,资金性质", "规划,7201010102,事业支出-财政拨款支出-项目支出,500.00,,政府性基金预算资金",
                "规划,8001,资金结存,,500.00,", "[合计],,,500.00,500.00,",
            ].joined(separator: "\r\n") + "\r\n"
        let result = try consolidate(["单位名录.csv": Self.registry, "013002_某规划院/凭证.csv": text])
        #expect(
            result.unit("013002").ledger.bySource == [
                .generalBudget: Money(fen: 110_000), .governmentFund: Money(fen: 50_000),
            ])
        #expect(result.errorCount == 1, "\(result.findings.map(\.message))")
    }

    /// The same lines in two files of a unit's books (a copy re-saved, overlapping periods), or
    /// books beside a 支出明细: counted twice would be wrong; the spending is missing, said once.
    @Test func theSameLinesTwiceAreNotCountedTwice() throws {
        let first = Self.book(
            "2022-01-05,记-1,a,7201010101,基本支出,100.00,,一般公共预算资金",
            "2022-06-01,记-2,b,7201010101,基本支出,200.00,,一般公共预算资金")
        let second = Self.book(
            "2022-06-01,记-2,b,7201010101,基本支出,200.00,,一般公共预算资金",
            "2022-09-01,记-3,c,7201010101,基本支出,300.00,,一般公共预算资金")
        let overlap = try consolidate([
            "单位名录.csv": Self.registry, "013002_某规划院/序时账1-6月.csv": first, "013002_某规划院/序时账6-12月.csv": second,
        ])
        let twice = try #require(overlap.findings("ledger.counted_twice").first)
        #expect(twice.severity == .error && overlap.missing(of: "013002").expenditure)
        #expect(twice.message.contains("2022-06-01 那天") && twice.message.contains("序时账1-6月.csv"))
        // Periods that meet without overlapping are one year's books.
        let halves = try consolidate([
            "单位名录.csv": Self.registry, "013002_某规划院/序时账1-6月.csv": first,
            "013002_某规划院/序时账7-12月.csv": Self.book("2022-09-01,记-3,c,7201010101,基本支出,300.00,,一般公共预算资金"),
        ])
        #expect(halves.findings("ledger.counted_twice").isEmpty)
        #expect(halves.unit("013002").ledger.byType == [.basic: Money(fen: 60_000)])
        // Books split by 凭证类别 (收/付/转) share days of an account, not the lines.
        let byKind = try consolidate([
            "单位名录.csv": Self.registry, "013002_某规划院/付款凭证.csv": first,
            "013002_某规划院/转账凭证.csv": Self.book("2022-06-01,转-1,d,7201010101,基本支出,50.00,,一般公共预算资金"),
        ])
        #expect(byKind.findings("ledger.counted_twice").isEmpty)
        #expect(byKind.unit("013002").ledger.byType == [.basic: Money(fen: 35_000)])
        let beside = try consolidate([
            "单位名录.csv": Self.registry, "013002_某规划院/序时账.csv": first,
            "013002_某规划院/支出明细.csv": "单位编码,日期,凭证号,资金来源,支出类型,金额(元)\r\n013002,2022-01-05,记-1,一般公共预算,基本支出,100.00\r\n",
        ])
        #expect(beside.findings("ledger.counted_twice").count == 1 && beside.missing(of: "013002").expenditure)
    }
}
