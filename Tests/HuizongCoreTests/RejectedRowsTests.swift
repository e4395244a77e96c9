import Foundation
import Testing

@testable import HuizongCore

/// Every row that cannot be read is rejected with its line, never rounded or guessed, and
/// counted: rows = accepted + rejected.
@Suite struct RejectedRowsTests {
    static let header = "单位编码,日期,凭证号,资金来源,支出类型,摘要,金额(元)\r\n"

    func read(_ body: String, header: String = header) -> FileResult {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        return InputFileReader.read(path: folder.write("ledger.csv", header + body), displayPath: "ledger.csv")
    }

    @Test func eachBadRowIsNamedWithItsLineAndReason() {
        let result = read(
            """
            012001,2022-01-01,1,一般公共预算,基本支出,ok,10.00\r
            012001,2022-01-02,2,一般公共预算,基本支出,three decimals,10.005\r
            012001,2022-01-03,3,一般公共预算,基本支出,unquoted separator,1,234.50\r
            012001,2022-01-04,4,一般公共预算,基本支出,short\r
            012001,2022-01-05,5,一般公共预算,日常支出,vocabulary,1.00\r
            012001,2022-02-30,6,一般公共预算,基本支出,no such day,1.00\r
            012001,2022-01-07,7,一般公共预算,基本支出,stray "quote,1.00\r
            ,2022-01-08,8,一般公共预算,基本支出,no unit,1.00\r
            012001,2022-01-09,9,一般公共预算,基本支出,sci,1.2E+03\r
            012001,2022-01-10,10,一般公共预算,基本支出,ok,-2.50\r

            """)
        let rules = result.findings.map { "\($0.line!):\($0.rule)" }
        #expect(
            rules == [
                "3:row.amount", "4:row.field_count", "5:row.field_count", "6:row.vocabulary",
                "7:row.date", "8:row.malformed", "9:row.missing_value", "10:row.amount",
            ])
        #expect(result.input.rows == 10 && result.input.accepted == 2 && result.input.rejected == 8)
        guard case .expenditure(let ledgers) = result.contents else {
            Issue.record()
            return
        }
        #expect(ledgers["012001"]?.total == Money(fen: 750))
        #expect(result.findings[0].message.contains("10.005"))
        #expect(result.findings.allSatisfy { $0.severity == .error && $0.file == "ledger.csv" })
    }

    @Test func anUnclosedQuoteRejectsFromWhereItOpened() {
        let result = read(
            "012001,2022-01-01,1,一般公共预算,基本支出,ok,10.00\r\n012001,2022-01-02,2,一般公共预算,基本支出,\"never closed,1.00\r\n")
        #expect(result.findings.map(\.rule) == ["row.malformed"])
        #expect(result.findings.first?.line == 3)
        #expect(result.input.accepted == 1 && result.input.rejected == 1)
    }

    @Test func blankRowsAreNotRows() {
        let result = read("\r\n,,,,,,\r\n012001,2022-01-01,1,一般公共预算,基本支出,ok,10.00\r\n\r\n")
        #expect(result.findings.isEmpty)
        #expect(result.input.rows == 1)
        #expect(result.inspection.blankRows == 1)
    }

    @Test func aWrongTotalRowIsAnErrorAndNotData() {
        let result = read(
            "012001,2022-01-01,1,一般公共预算,基本支出,a,10.00\r\n012001,2022-01-01,2,一般公共预算,基本支出,b,5.00\r\n合计,,,,,,16.00\r\n")
        #expect(result.findings.map(\.rule) == ["total_row.mismatch"])
        #expect(result.findings[0].line == 4)
        #expect(result.findings[0].message.contains("相差 1.00 元"))
        #expect(result.input.rows == 2)
        let right = read("012001,2022-01-01,1,一般公共预算,基本支出,a,10.00\r\n总计,,,,,,10.00\r\n")
        #expect(right.findings.isEmpty)
    }

    @Test func aMoneyColumnWithoutAUnitIsReadAsYuanWithAWarning() {
        let result = read(
            "012001,2022-01-01,1,一般公共预算,基本支出,a,10.00\r\n",
            header: "单位编码,日期,凭证号,资金来源,支出类型,摘要,金额\r\n")
        #expect(result.findings.map(\.rule) == ["header.money_unit_assumed"])
        #expect(result.inspection.moneyUnits["amount"] == .yuan)
    }

    @Test func aPreambleUnitLineSetsWan() {
        let result = read(
            "012001,2022-01-01,1,一般公共预算,基本支出,a,1.5\r\n",
            header: "支出明细\r\n编制单位：某局,单位：万元\r\n单位编码,日期,凭证号,资金来源,支出类型,摘要,金额\r\n")
        #expect(result.findings.isEmpty)
        guard case .expenditure(let ledgers) = result.contents else {
            Issue.record()
            return
        }
        #expect(ledgers["012001"]?.total == Money(fen: 1_500_000))
    }

    @Test func anEncodingThatChangesMidFileRejectsTheFileAtThatLine() {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        var bytes = Array(Self.header.utf8)
        for n in 1...3000 { bytes += Array("012001,2022-01-01,\(n),一般公共预算,基本支出,memo,1.00\r\n".utf8) }
        bytes += [0xD6, 0xD0, 0xCE, 0xC4, 0x0D, 0x0A]  // "中文" in GBK, after 64 KiB of UTF-8
        let result = InputFileReader.read(path: folder.write("mixed.csv", bytes: bytes), displayPath: "mixed.csv")
        #expect(result.findings.map(\.rule) == ["file.encoding"])
        #expect(result.findings.first?.line == 3002)
        #expect(result.input.accepted == 0 && result.input.rejected == 3000)
        guard case .none = result.contents else {
            Issue.record("a rejected file contributes nothing")
            return
        }
    }

    @Test func workbooksAndJunkAreNamedWithAdvice() {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let xlsx = InputFileReader.read(
            path: folder.write("资产.csv", bytes: [0x50, 0x4B, 0x03, 0x04, 1, 2, 3]), displayPath: "资产.csv")
        #expect(xlsx.findings.map(\.rule) == ["file.workbook_unreadable"], "read as the workbook it claims to be")
        #expect(xlsx.findings[0].message.contains("重新保存"))
        let binary = InputFileReader.read(path: folder.write("x.csv", bytes: [0x41, 0, 0x42]), displayPath: "x.csv")
        #expect(binary.findings.map(\.rule) == ["file.binary"])
        let empty = InputFileReader.read(path: folder.write("e.csv", bytes: []), displayPath: "e.csv")
        #expect(empty.findings.map(\.rule) == ["file.empty"])
        let workbook = InputFileReader.read(path: folder.write("预算.xlsx", bytes: [1, 2]), displayPath: "预算.xlsx")
        #expect(workbook.findings.map(\.rule) == ["file.workbook_unreadable"])
        #expect(workbook.findings[0].severity == .error)
        let document = InputFileReader.read(
            path: folder.write("说明.docx", bytes: [0x50, 0x4B, 0x03, 0x04]), displayPath: "说明.docx")
        #expect(document.findings.map(\.rule) == ["file.not_csv"] && document.findings[0].severity == .warning)
        let unknown = InputFileReader.read(path: folder.write("u.csv", "名称,数量\r\n a,1\r\n"), displayPath: "u.csv")
        #expect(unknown.findings.map(\.rule) == ["file.unrecognised"])
        let near = InputFileReader.read(path: folder.write("n.csv", "单位编码,资产编号,资产名称\r\n"), displayPath: "n.csv")
        #expect(near.findings.first?.message.contains("最像“资产”表，但缺少列：资产类别、原值") == true)
    }
}

/// No input can overflow a total: the magnitudes of accepted amounts are capped.
@Suite struct HugeAmountsTests {
    @Test func aFileThatWouldOverflowRejectsTheRowsPastTheCap() {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let body = (0..<2400).map { _ in "012001,2022-01-01,1,一般公共预算,基本支出,10000000000000.00\r\n" }.joined()
        let path = folder.write("l.csv", "单位编码,日期,凭证号,资金来源,支出类型,金额(元)\r\n" + body)
        let result = InputFileReader.read(path: path, displayPath: "l.csv")
        // 2^61 分 holds 2305 amounts of 10^15 分.
        #expect(result.input.accepted == 2305 && result.input.rejected == 95)
        #expect(result.findings.first?.line == 2307 && result.findings.first?.rule == "row.amount")
        #expect(result.amountMagnitude <= Money.largestSum)
    }

    @Test func filesThatTogetherWouldOverflowAreSetAside() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        folder.write("名录.csv", registryCSV)
        let body = { (file: String) in
            (0..<1200).map { "012001,2022-01-01,\(file)-\($0),一般公共预算,基本支出,10000000000000.00\r\n" }.joined()
        }
        let header = "单位编码,日期,凭证号,资金来源,支出类型,金额(元)\r\n"
        folder.write("a.csv", header + body("a"))
        folder.write("b.csv", header + body("b"))
        let result = try consolidate(folder)
        #expect(result.findings("file.amounts_too_large").map(\.file) == ["b.csv"])
        #expect(result.ledger.rows == 1200)
        #expect(result.inputs.first { $0.path == "b.csv" }.map { [$0.accepted, $0.rejected] } == [0, 1200])
    }
}

/// Inputs that must not crash the reader, whatever they hold.
@Suite struct HostileInputTests {
    static let header = "单位编码,日期,凭证号,资金来源,支出类型,摘要,金额(元)\r\n"

    func read(_ bytes: [UInt8]) -> FileResult {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        return InputFileReader.read(path: folder.write("x.csv", bytes: bytes), displayPath: "x.csv")
    }

    @Test func aNulByteAfterTheSniffWindowRejectsTheFileAtItsLine() {
        var bytes = Array(Self.header.utf8)
        for n in 1...2000 { bytes += Array("012001,2022-01-01,\(n),一般公共预算,基本支出,memo memo memo,1.00\r\n".utf8) }
        bytes += Array("012001,2022-01-01,x,一般公共预算,基本支出,a\u{0}b,1.00\r\n".utf8)
        let result = read(bytes)
        #expect(result.findings.map(\.rule) == ["file.nul"])
        #expect(result.findings.first?.line == 2002)
        #expect(result.findings.first?.message.contains("空字符（NUL）") == true)
    }

    @Test func aTwoMebibyteFieldIsJustAField() throws {
        let memo = String(repeating: "很长的摘要", count: 2 * 1024 * 1024 / 15)
        let result = read(
            Array(
                (Self.header
                    + "012001,2022-01-01,1,一般公共预算,基本支出,\"\(memo)\",1.00\r\n012001,2022-01-02,2,一般公共预算,基本支出,m,2.00\r\n")
                    .utf8))
        #expect(result.findings.isEmpty)
        #expect(result.input.accepted == 2)
    }

    @Test func aVeryLongLineIsOneRejectedRow() {
        let line = String(repeating: "1,", count: 3 * 1024 * 1024)
        let result = read(Array((Self.header + line + "\r\n012001,2022-01-02,2,一般公共预算,基本支出,m,2.00\r\n").utf8))
        #expect(result.findings.map(\.rule) == ["row.malformed"])
        #expect(result.findings.first?.message.contains("超过 4 MiB") == true)
        #expect(result.input.accepted == 1 && result.input.rejected == 1)
    }

    @Test func randomBytesNeverCrash() {
        var generator = SystemRandomNumberGenerator()
        for round in 0..<50 {
            let count = Int.random(in: 0...5000, using: &generator)
            var bytes = (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
            if round % 2 == 0 { bytes = Array(Self.header.utf8) + bytes }  // past the header, into the rows
            let result = read(bytes)
            #expect(result.input.rows == result.input.accepted + result.input.rejected)
        }
    }
}

/// The ledger's fast path decides every row exactly as the ordinary path does.
@Suite struct FastPathAgreementTests {
    @Test func fastAndOrdinaryReadingsAgree() throws {
        let header = "单位编码,日期,凭证号,资金来源,支出类型,摘要,金额(万元)\r\n"
        let variants = [
            "012001,2022-01-01,1,一般公共预算,基本支出,a,1.5",
            "012001,2022/1/1,2,general_budget,basic_expenditure,b,-0.000001",
            "012001,2022-02-29,3,一般公共预算,基本支出,c,1",  // no such day
            " 012001,2022-01-01,4,一般公共预算,基本支出,d,1",  // a space to trim
            "012001,2022-01-01, ,一般公共预算,基本支出,e,1",  // a blank voucher
            "012001,2022-01-01,6,一般公共预算 ,基本支出,f,1",  // vocabulary with a space
            "012001,2022-01-01,7,ＧＥＮＥＲＡＬ_ＢＵＤＧＥＴ,基本支出,g,1",  // full-width
            "012001,2022-01-01,8,一般公共预算,基本支出,h,99999999999999999",  // overflows when scaled
            "012001,2022-01-01,9,一般公共预算,基本支出,i,1.2345678",  // too many decimals
            "012001,2022-01-01,10,一般公共预算,基本支出,j,1.2300000",  // exact trailing zeros
            "012001,2022-01-01,11,一般公共预算,基本支出,\"k, quoted\",2",
            "012001,2022-01-01,12,一般公共预算,基本支出,l,1,extra",
            "合计,,,,,,100",
            "012001,2022-13-01,14,一般公共预算,基本支出,n,1",
            "12x!,2022-01-01,15,一般公共预算,基本支出,o,1",
            ",,,,,,",
        ]
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let path = folder.write("l.csv", header + variants.joined(separator: "\r\n") + "\r\n")
        let fast = InputFileReader.read(path: path, displayPath: "l.csv")
        let ordinary = InputFileReader.read(path: path, displayPath: "l.csv", options: ReadingOptions(fastPath: false))
        #expect(fast.findings == ordinary.findings)
        #expect(fast.input == ordinary.input)
        guard case .expenditure(let a) = fast.contents, case .expenditure(let b) = ordinary.contents else {
            Issue.record()
            return
        }
        #expect(a == b)
        #expect(
            fast.input.accepted == 7 && fast.findings.count == 8,
            "rows 1, 2, 4, 6, 7, 10, 11 count; the 合计 row differs; the blank row is none")

        // Keeping the rows for `inspect --rows` leaves the fast path on, and keeps the same rows.
        let kept = InputFileReader.read(path: path, displayPath: "l.csv", options: ReadingOptions(keepRows: true))
        let keptSlowly = InputFileReader.read(
            path: path, displayPath: "l.csv", options: ReadingOptions(keepRows: true, fastPath: false))
        #expect(kept.findings == fast.findings && kept.input == fast.input)
        let pairs = { (result: FileResult) in (result.rowsForInspection ?? []).map { $0.map { "\($0.0)=\($0.1)" } } }
        #expect(pairs(kept).count == 7 && pairs(kept) == pairs(keptSlowly))
        #expect(pairs(kept).first?.last == "金额(万元)=1.5")
    }

    /// Rows put together from near-misses of every cell the fast path reads, in 元 and in 万元.
    @Test(arguments: ["元", "万元"])
    func randomRowsAreDecidedAlikeByBothPaths(unit: String) throws {
        var generator = SystemRandomNumberGenerator()
        let codes = ["012001", "012002", "A-1_b.c", "01 2", "０１２", "", "12x!", "中文", "~1", "z", "Z9"]
        let dates = [
            "2022-01-01", "2022-1-1", "2022/01/31", "2022-02-29", "2024-02-29", "2022-13-01", "2022-00-10",
            "2022-01-32", "20a2-01-01", "2022-01-0:", "2022:01-01", "22-01-01", "2022-01-01 ", "", "2022-12-31",
            "2022-04-31", "2022/1/01", "2022-001-01", "2022--01",
        ]
        let vouchers = ["1", " 1", "1 ", "", "记-001", "\u{3000}x", "x\u{3000}", "\u{00A0}y"]
        let sources = [
            "一般公共预算", "general_budget", "政府性基金预算", "事业收入", "其他收入", "上级补助收入",
            "一般公共预算 ", "其他", "ＧＥＮ", "general_budgeT", "一般公共预", "一般公共预算收入",
        ]
        let types = ["基本支出", "项目支出", "经营支出", "basic_expenditure", "基本", "基本支出x", " 项目支出"]
        func amount() -> String {
            switch Int.random(in: 0..<10, using: &generator) {
            case 0:
                return ["", "-", "+", ".", "+.5", "-.", "1.", "0012.30", "1,234.50", "1e5", "１２", "1.2.3", " 1"]
                    .randomElement(using: &generator)!
            default:
                let sign = ["", "", "-", "+"].randomElement(using: &generator)!
                let whole = String(
                    (0..<Int.random(in: 0...19, using: &generator)).map { _ in
                        "0123456789".randomElement(using: &generator)!
                    })
                let point = Bool.random(using: &generator) ? "." : ""
                let fraction = String(
                    (0..<Int.random(in: 0...8, using: &generator)).map { _ in
                        "0123456789".randomElement(using: &generator)!
                    })
                return sign + whole + point + (point.isEmpty ? "" : fraction)
            }
        }
        var rows: [String] = []
        for _ in 0..<3000 {
            rows.append(
                [
                    codes.randomElement(using: &generator)!, dates.randomElement(using: &generator)!,
                    vouchers.randomElement(using: &generator)!, sources.randomElement(using: &generator)!,
                    types.randomElement(using: &generator)!, "memo", amount(),
                ].joined(separator: ","))
        }
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let text = "单位编码,日期,凭证号,资金来源,支出类型,摘要,金额(\(unit))\r\n" + rows.joined(separator: "\r\n") + "\r\n"
        let path = folder.write("l.csv", text)
        let fast = InputFileReader.read(path: path, displayPath: "l.csv")
        let ordinary = InputFileReader.read(path: path, displayPath: "l.csv", options: ReadingOptions(fastPath: false))
        let differing = zip(fast.findings, ordinary.findings).first { $0.0 != $0.1 }
        #expect(fast.findings == ordinary.findings, "first difference: \(String(describing: differing))")
        #expect(fast.input == ordinary.input)
        guard case .expenditure(let a) = fast.contents, case .expenditure(let b) = ordinary.contents else {
            Issue.record()
            return
        }
        #expect(a == b)
        #expect(fast.input.accepted > 50 && fast.input.rejected > 1000, "the rows mixed accepted and rejected ones")
    }
}
