import CSVReading
import Foundation
import HuizongFuzzing
import Testing

@testable import HuizongCore

/// A big ledger or book read in parts on several cores gives exactly what reading it whole gives:
/// the same rows, sums, line numbers, findings in the same order, and the file's hash. The cuts are
/// aimed at every quote and quoted line break near them, so a cut inside a quoted field (which the
/// part before proves, and reading then goes on through it) is tried as often as a clean one.
@Suite struct PartedReadingTests {
    /// A fixed-seed generator: the same files every run.
    typealias Seeded = SplitMix

    static let memos = [
        "购置办公用品", "\"差旅费, 含住宿\"", "\"两行\n摘要\"", "\"三行\r\n摘要\r\n结束\"", "\"引号\"\"里面\"\"\"", "\"\"",
        "\"行尾逗号,\n\"", "普通", "\"\n\"",
    ]

    /// Huizong's own ledger with every kind of row near anywhere: quoted line breaks (LF and
    /// CRLF), doubled quotes, stray quotes, blank lines, bad amounts, short rows, 合计 rows.
    static func ledger(seed: UInt64, rows: Int) -> String {
        var random = Seeded(state: seed)
        var text = "支出明细\r\n单位：元\r\n单位编码,日期,凭证号,资金来源,支出类型,功能分类科目,经济分类科目,项目,摘要,金额\r\n"
        let sources = ["一般公共预算", "政府性基金预算", "其他收入", "事业收入"]
        let types = ["基本支出", "项目支出", "经营支出"]
        for index in 0..<rows {
            let end = Int.random(in: 0..<5, using: &random) == 0 ? "\n" : "\r\n"
            switch Int.random(in: 0..<40, using: &random) {
            case 0: text += ",,,,,,,,," + end
            case 1: text += end
            case 2: text += "012001,2022-03-0\"1,记-1,一般公共预算,基本支出,,,,坏引号,1.00" + end
            case 3: text += "012001,2022-03-01,记-1,一般公共预算,基本支出,,,,坏金额,1.2.3" + end
            case 4: text += "012001,2022-03-01,记-1" + end
            case 5: text += "合计,,,,,,,,,\(Int.random(in: 0..<10_000_000, using: &random)).00" + end
            case 6: text += "012002,2021-12-31,记-9,其他收入,项目支出,,,,上年,\"1,000.50\"" + end
            default:
                let unit = ["012001", "012002", "012003"][index % 3]
                let month = Int.random(in: 1...12, using: &random)
                let memo = memos.randomElement(using: &random)!
                let amount =
                    "\(Int.random(in: -500...90_000, using: &random)).\(Int.random(in: 10...99, using: &random))"
                text +=
                    "\(unit),2022-\(month < 10 ? "0" : "")\(month)-15,记-\(index),\(sources.randomElement(using: &random)!),"
                    + "\(types.randomElement(using: &random)!),2200101 行政运行,30201 办公费,项目\(index % 7),\(memo),\(amount)"
                    + end
            }
        }
        return text
    }

    /// A 序时账 with 期初余额, 本月合计 (right, and now and then wrong), 本年累计 and a 合计 at the end.
    static func journal(seed: UInt64, rows: Int) -> String {
        var random = Seeded(state: seed)
        var text = "序时账\r\n编制单位：某局\r\n单位：元\r\n日期,凭证字号,摘要,科目编码,科目名称,借方金额,贷方金额\r\n期初余额,,,,,,\r\n"
        var month = (debit: 0, credit: 0)
        var year = (debit: 0, credit: 0)
        func money(_ fen: Int) -> String { "\(fen / 100).\(String(format: "%02d", abs(fen % 100)))" }
        for index in 0..<rows {
            if index > 0 && index % 61 == 0 {
                let wrong = Int.random(in: 0..<4, using: &random) == 0 ? 1 : 0
                text += ",,本月合计,,,\(money(month.debit + wrong)),\(money(month.credit))\r\n"
                month = (0, 0)
                if index % 183 == 0 { text += ",,本年累计,,,\(money(year.debit)),\(money(year.credit + wrong))\r\n" }
            }
            let fen = Int.random(in: 1...5_000_000, using: &random)
            let memo = memos.randomElement(using: &random)!
            let account =
                [("71010101", "行政支出-财政拨款支出-基本支出"), ("72010102", "事业支出-财政拨款支出-项目支出"), ("7601", "投资支出")][index % 3]
            text += "2022-0\(index % 9 + 1)-01,记-\(index),\(memo),\(account.0),\(account.1),\(money(fen)),\r\n"
            text += "2022-0\(index % 9 + 1)-01,记-\(index),\(memo),8001,资金结存,,\(money(fen))\r\n"
            if Int.random(in: 0..<50, using: &random) == 0 { text += "2022-01-01,记-x,坏金额,8001,资金结存,1.2.3,\r\n" }
            month = (month.debit + fen, month.credit + fen)
            year = (year.debit + fen, year.credit + fen)
        }
        return text + "合计,,,,,\(money(year.debit)),\(money(year.credit))\r\n"
    }

    /// A voucher-block export: `[日期:… 凭证字号:…]`, its lines, `[合计]` (now and then wrong).
    static func vouchers(seed: UInt64, count: Int) -> String {
        var random = Seeded(state: seed)
        var text = "凭证列表\r\n单位：元\r\n摘要,科目编码,科目名称,借方金额,贷方金额\r\n"
        for index in 0..<count {
            text += "[日期:2022-0\(index % 9 + 1)-0\(index % 9 + 1) 凭证字号:记-\(index)],,,,\r\n"
            let fen = Int.random(in: 1...900_000, using: &random)
            let memo = memos.randomElement(using: &random)!
            text += "\(memo),71010101,行政支出-财政拨款支出-基本支出,\(fen / 100).\(fen % 100 / 10)\(fen % 10),\r\n"
            text += "\(memo),8001,资金结存,,\(fen / 100).\(fen % 100 / 10)\(fen % 10)\r\n"
            let wrong = Int.random(in: 0..<5, using: &random) == 0 ? "1" : "0"
            text += "[合计],,,\(fen / 100).\(fen % 100 / 10)\(wrong),\(fen / 100).\(fen % 100 / 10)\(fen % 10)\r\n"
        }
        return text
    }

    /// Cut targets near every quote and quoted line break past the first 64 KiB (just before, on
    /// and just after each) and on some line ends: a sample of `count`.
    static func targets(in text: String, count: Int, seed: UInt64) -> [Int] {
        let bytes = Array(text.utf8)
        var near: [Int] = []
        var lines = 0
        for (offset, byte) in bytes.enumerated() where offset > CSVFile.sniffSize {
            if byte == 0x22 { near += [offset - 1, offset, offset + 1, offset + 2] }
            // And some plain line starts, past the quotes' lines.
            if byte == 0x0A {
                lines += 1
                if lines % 3 == 0 { near += [offset, offset + 1] }
            }
        }
        var random = Seeded(state: seed)
        return (0..<count).map { _ in near.randomElement(using: &random)! }
    }

    static func outcome(_ result: FileResult) -> String { FuzzHarness.outcome(result) }

    /// Reads `text` whole, then cut at each sample of targets into two and three parts, with and
    /// without the fast path; returns how many of the parted readings joined at least one part.
    static func compare(_ text: String, name: String, seed: UInt64, samples: Int = 24) -> Int {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let path = folder.write(name, bytes: Array(text.utf8))
        var joined = 0
        for fastPath in [true, false] {
            let whole = InputFileReader.read(path: path, displayPath: name, options: ReadingOptions(fastPath: fastPath))
            let expected = outcome(whole)
            #expect(whole.input.rows > 100 && whole.inspection.partsRead == 1)
            let near = targets(in: text, count: samples, seed: seed)
            for sample in 0..<samples {
                var options = ReadingOptions(fastPath: fastPath)
                options.cores = 2 + sample % 2
                options.partTargets =
                    sample % 2 == 0 ? [near[sample]] : [near[sample], near[(sample + 7) % samples]].sorted()
                let parted = InputFileReader.read(path: path, displayPath: name, options: options)
                #expect(outcome(parted) == expected, "cut near \(options.partTargets!)")
                if parted.inspection.partsRead > 1 { joined += 1 }
            }
        }
        return joined
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func aLedgerReadInPartsIsTheLedgerReadWhole(seed: UInt64) {
        let joined = Self.compare(Self.ledger(seed: seed, rows: 2_500), name: "支出明细.csv", seed: seed)
        #expect(joined >= 12, "most cuts fall between records and are joined")
    }

    @Test(arguments: [4, 5] as [UInt64])
    func aJournalReadInPartsIsTheJournalReadWhole(seed: UInt64) {
        let text = Self.journal(seed: seed, rows: 1_000)
        #expect(text.utf8.count > 2 * CSVFile.sniffSize)
        let joined = Self.compare(text, name: "012001/序时账.csv", seed: seed)
        #expect(joined >= 12)
    }

    /// A folder whose one ledger is most of its bytes: with 2 jobs the ledger is read in parts, and
    /// every file's result is the one 1 job gives.
    @Test func theReaderCutsAFileThatIsMostOfTheWork() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        folder.write("单位名录.csv", "单位编码,单位名称,上级单位编码\r\n012001,某局本级,\r\n012002,二,012001\r\n012003,三,012001\r\n")
        // Seed 10: its ledger's middle line feed lies between records (with quoted line breaks on
        // two rows in five, a cut inside a field is no rarity; the other tests try those).
        folder.write("支出明细.csv", bytes: Array(Self.ledger(seed: 10, rows: 3_000).utf8))
        let drop = try DropFolder(root: folder.path)
        var options = ReadingOptions()
        options.partsFrom = 0
        let one = ConcurrentReader.read(drop, jobs: 1, options: options)
        let two = ConcurrentReader.read(drop, jobs: 2, options: options)
        #expect(one.map(Self.outcome) == two.map(Self.outcome))
        #expect(two.map(\.inspection.partsRead) == [1, 2], "the registry whole, the ledger in its parts")
        #expect(one.map(\.inspection.partsRead) == [1, 1])
    }

    /// Cuts inside a voucher are read on from the part before; cuts between vouchers are joined.
    @Test func voucherBlocksReadInPartsAsWhole() {
        #expect(Self.compare(Self.vouchers(seed: 6, count: 1_200), name: "012001/凭证.csv", seed: 6) >= 4)
    }

    /// A memo of thousands of lines between two stretches of rows: one row under 4 MiB, one rejected
    /// row past it. A part cut inside the memo reads its lines as broken rows; past
    /// `PartState.maximumFindings` of them it stops and the part before reads on through the memo,
    /// giving what reading whole gives.
    @Test(arguments: [3_000, 50_000] as [Int])
    func aMemoOfManyLinesReadInPartsAsWhole(lines: Int) {
        let after = Self.ledger(seed: 12, rows: 1_000)
        let memo = (0..<lines).map { "说明，\(String(repeating: "长", count: 30))\($0)\n" }.joined()
        let text =
            Self.ledger(seed: 11, rows: 1_000)
            + "012001,2022-05-15,记-长,一般公共预算,基本支出,2200101 行政运行,30201 办公费,项目1,\"\(memo)\",10.00\r\n"
            + after[after.range(of: "金额\r\n")!.upperBound...]
        #expect((text.utf8.count > RecordParser.maxRecordBytes) == (lines > 10_000))
        _ = Self.compare(text, name: "长摘要.csv", seed: 11, samples: 8)
    }

    /// A later part keeps each of its 本年累计 rows whole until the join: past 4 MiB of them (here
    /// three of 1.5 MB), however long their fields, it stops and the part before reads on through it.
    @Test(arguments: [2, 3] as [Int])
    func heldRowsPastOneRecordsBytesAreReadOn(rows: Int) {
        let journal = Self.journal(seed: 13, rows: 1_000)
        let name = String(repeating: "长", count: 500_000)
        let text = journal + String(repeating: ",,本年累计,,\(name),1.00,1.00\r\n", count: rows)
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let path = folder.write("012001/序时账.csv", bytes: Array(text.utf8))
        let whole = InputFileReader.read(path: path, displayPath: "012001/序时账.csv")
        var options = ReadingOptions()
        options.cores = 2
        options.partTargets = [journal.utf8.count - 1]
        let parted = InputFileReader.read(path: path, displayPath: "012001/序时账.csv", options: options)
        #expect(Self.outcome(parted) == Self.outcome(whole))
        #expect(parted.inspection.partsRead == (rows == 2 ? 2 : 1))
    }

    /// The odd endings: no line break after the last row, a quote never closed, a byte order mark,
    /// a byte that is not UTF-8 in a later part (the line it names is the file's).
    @Test func oddEndsReadInPartsAsWhole() {
        let base = Self.ledger(seed: 9, rows: 2_000)
        let cases = [
            ("无换行.csv", base + "012001,2022-05-01,记-1,一般公共预算,基本支出,,,,末行,2.00"),
            ("未闭合.csv", base + "012001,2022-05-01,记-1,一般公共预算,基本支出,,,\"没有结束\n,2.00\n"),
            ("带BOM.csv", "\u{FEFF}" + base),
        ]
        for (name, text) in cases {
            #expect(Self.compare(text, name: name, seed: 9, samples: 6) > 0, "\(name)")
        }
        // A byte that is not UTF-8 in the second part, then in the first: the same rows set aside,
        // the same line named.
        let folder = TemporaryFolder()
        defer { folder.remove() }
        for bad in [base.utf8.count * 3 / 4, base.utf8.count / 3] {
            var bytes = Array(base.utf8)
            bytes[bad] = 0xFF
            let path = folder.write("坏字节.csv", bytes: bytes)
            let whole = InputFileReader.read(path: path, displayPath: "坏字节.csv")
            var options = ReadingOptions()
            options.cores = 2
            options.partTargets = [bytes.count / 2]
            let parted = InputFileReader.read(path: path, displayPath: "坏字节.csv", options: options)
            #expect(whole.findings.contains { $0.rule == "file.encoding" } && whole.input.rows > 100)
            #expect(Self.outcome(parted) == Self.outcome(whole))
        }
    }
}
