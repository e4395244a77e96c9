import CSVReading
import Foundation
import Testing

@testable import HuizongCore

/// Every kind of table reads the same whichever way it is read: whole or in parts, on the fast
/// path or the ordinary one. Each kind has a fixture in `Fixtures/kinds/` as a unit's export
/// would look (a title, a blank row, rejected rows, a 合计 row where it has money columns); the
/// two long ones are written by `Fixtures/kinds/make-ledgers.py`.
@Suite struct KindConformanceTests {
    static let folder = fixtures.appendingPathComponent("kinds")

    /// A kind's fixture is named by its key, so a new kind without one is noticed.
    static func fixture(_ kind: TableKind) -> URL { folder.appendingPathComponent("\(kind.rawValue).csv") }

    /// What a reading gives, in a form two readings can be compared by.
    struct Outcome: Equatable {
        var kind: String
        var sha256: String
        var rows: Int
        var rejected: Int
        var blankRows: Int
        var totalRows: [Int]
        var contents: String
        var findings: [String]
    }

    static func outcome(_ result: FileResult) -> Outcome {
        Outcome(
            kind: result.input.kind, sha256: result.input.sha256, rows: result.input.rows,
            rejected: result.input.rejected, blankRows: result.inspection.blankRows,
            totalRows: result.inspection.totalRows, contents: describe(result.contents),
            findings: result.findings.map {
                "\($0.rule) \($0.severity) line \($0.line.map(String.init) ?? "-") unit \($0.unit) \($0.message)"
            })
    }

    /// Typed contents as text; dictionaries (and the year lists built in reading order) sorted first.
    static func describe(_ contents: TableContents) -> String {
        switch contents {
        case .expenditure(let ledgers):
            return ledgers.keys.sorted().map { unit in
                let ledger = ledgers[unit]!
                let sources = ledger.bySource.sorted { $0.key < $1.key }.map { "\($0.key.key)=\($0.value)" }
                let types = ledger.byType.sorted { $0.key < $1.key }.map { "\($0.key.key)=\($0.value)" }
                let years = ledger.years.sorted { $0.key < $1.key }.map {
                    "\($0.key):\($0.value.rows)@\($0.value.firstLine)"
                }
                return
                    "\(unit) rows \(ledger.rows) first \(ledger.firstLine) total \(ledger.total) \(sources) \(types) \(years)"
            }.joined(separator: "\n")
        case .journal(let accounts):
            return accounts.map { account in
                let years = account.years.keys.sorted().map {
                    "\($0):\(account.years[$0]!)@\(account.firstLineOfYear[$0]!)"
                }
                return "\(account.unit) \(account.code) \(account.name) 借 \(account.debit) 贷 \(account.credit) "
                    + "rows \(account.rows) first \(account.firstLine) \(years)"
            }.joined(separator: "\n")
        case .narrative(let narrative):
            return narrative.sections.keys.sorted().map { "\($0): \(narrative.sections[$0]!)" }.joined(separator: "\n")
        default:
            return "\(contents)"
        }
    }

    /// The four readings: whole and in parts, each on the fast path and the ordinary one. No part
    /// starts in the first 64 KiB (what a file is sniffed by), so only a longer file is cut; a kind
    /// not read in parts is read whole whatever the cores. One cut is aimed inside a quoted memo
    /// (`"测绘服务费␍␊（第二期）"`): the part after it cannot start there, and the one before reads on.
    static func readings(_ bytes: [UInt8]) -> [(name: String, options: ReadingOptions)] {
        let size = bytes.count
        var targets = [CSVFile.sniffSize + 1, size * 3 / 4]
        let memo = Array("（第二期）".utf8)
        if let inside = (size / 2..<max(size / 2, size - memo.count)).first(where: {
            bytes[$0] == 0x0A && Array(bytes[($0 + 1)..<($0 + 1 + memo.count)]) == memo
        }) {
            targets.append(inside)
        }
        var parts = ReadingOptions()
        parts.cores = 3
        parts.partTargets = targets.filter { $0 > CSVFile.sniffSize }.sorted()
        var partsOrdinary = parts
        partsOrdinary.fastPath = false
        return [
            ("whole", ReadingOptions()), ("whole, ordinary path", ReadingOptions(fastPath: false)),
            ("in parts", parts), ("in parts, ordinary path", partsOrdinary),
        ]
    }

    /// Reads `url` the four ways and expects each to give what the first gives; returns them.
    static func readFourWays(_ url: URL, as displayPath: String) throws -> [(name: String, result: FileResult)] {
        let bytes = [UInt8](try Data(contentsOf: url))
        let results = readings(bytes).map { reading in
            (reading.name, InputFileReader.read(path: url.path, displayPath: displayPath, options: reading.options))
        }
        let expected = outcome(results[0].1)
        for (name, result) in results.dropFirst() {
            let got = outcome(result)
            #expect(got.kind == expected.kind && got.sha256 == expected.sha256, "\(displayPath) \(name)")
            #expect(got.rows == expected.rows && got.rejected == expected.rejected, "\(displayPath) \(name)")
            #expect(
                got.blankRows == expected.blankRows && got.totalRows == expected.totalRows, "\(displayPath) \(name)")
            #expect(got.findings == expected.findings, "\(displayPath) \(name)")
            #expect(got.contents == expected.contents, "\(displayPath) \(name)")
        }
        return results
    }

    /// What each fixture holds, counted from the file, not from a reading: its data rows, the
    /// rejected ones, every finding in order as `line:rule`, blank rows and 合计 rows.
    struct Expected: Sendable {
        var rows: Int
        var rejected: Int
        var findings: [String]
        var blankRows: Int
        var totalRows: [Int]
        /// Parts the in-parts readings join (1: the kind, or the file, is read whole).
        var parts = 1
    }

    /// Journal lines 4 (期初余额), 本月合计 and 本年累计 each month, and the 合计 at the end.
    static let journalSummaries = [
        4, 133, 134, 265, 266, 396, 397, 527, 528, 657, 658, 789, 790, 919, 920, 1049, 1050, 1182, 1183, 1313, 1314,
        1443, 1444, 1573, 1574, 1575,
    ]

    static let expected: [TableKind: Expected] = [
        .registry: Expected(
            rows: 7, rejected: 2, findings: ["8:row.unit_code", "10:row.missing_value"], blankRows: 1, totalRows: []),
        .assets: Expected(
            rows: 10, rejected: 2, findings: ["14:row.amount", "15:row.vocabulary"], blankRows: 1, totalRows: [16]),
        .staff: Expected(
            rows: 17, rejected: 2, findings: ["20:row.vocabulary", "21:row.missing_value"], blankRows: 1, totalRows: []),
        .staffCounts: Expected(rows: 4, rejected: 1, findings: ["7:row.headcount"], blankRows: 1, totalRows: [9]),
        .budget: Expected(rows: 9, rejected: 1, findings: ["13:row.vocabulary"], blankRows: 1, totalRows: [15]),
        .expenditure: Expected(
            rows: 1_200, rejected: 8,
            findings: [
                "200:row.amount", "436:row.date", "588:row.amount", "913:row.vocabulary", "978:row.amount",
                "1173:row.field_count", "1345:row.date", "1367:row.amount",
            ], blankRows: 12, totalRows: [782, 1561], parts: 3),
        .journal: Expected(
            rows: 1_202, rejected: 2, findings: ["478:row.amount", "1212:row.date", "1313:ledger.summary_mismatch"],
            blankRows: 2, totalRows: journalSummaries, parts: 3),
        .accountMap: Expected(
            rows: 7, rejected: 2, findings: ["9:row.missing_value", "10:row.vocabulary"], blankRows: 1, totalRows: []),
        .indicators: Expected(rows: 7, rejected: 1, findings: ["9:row.missing_value"], blankRows: 1, totalRows: []),
        .reportFigures: Expected(rows: 6, rejected: 1, findings: ["8:row.missing_value"], blankRows: 1, totalRows: []),
    ]

    @Test(arguments: TableKind.allCases)
    func eachKindReadsTheSameFourWays(kind: TableKind) throws {
        let results = try Self.readFourWays(Self.fixture(kind), as: "012001_某局本级/\(kind.rawValue).csv")
        let expected = try #require(Self.expected[kind])
        let whole = results[0].result
        #expect(whole.input.kind == kind.rawValue)
        #expect(whole.input.rows == expected.rows && whole.input.rejected == expected.rejected)
        #expect(whole.findings.map { "\($0.line ?? 0):\($0.rule)" } == expected.findings)
        #expect(whole.inspection.blankRows == expected.blankRows && whole.inspection.totalRows == expected.totalRows)
        #expect(results.map(\.result.inspection.partsRead) == [1, 1, expected.parts, expected.parts])
        Self.checkContents(kind, whole.contents)
    }

    /// Something each fixture's rows say, so that four empty readings could not agree.
    static func checkContents(_ kind: TableKind, _ contents: TableContents) {
        switch contents {
        case .registry(let entries):
            #expect(entries.map(\.code) == ["012001", "012002", "012003", "012004", "012006"])
            #expect(entries.last?.name == "某市勘察测绘设计研究院（含\"测绘\"二队）", "a doubled quote is one quote")
        case .assets(let cards):
            #expect(cards.count == 8 && cards.reduce(Money.zero) { $0 + $1.originalValue } == Money(fen: 5_046_508_811))
            #expect(cards.filter { $0.category == .fixed }.count == 4)
        case .staff(let people):
            #expect(
                people.filter { $0.status == .active }.count == 12 && people.filter { $0.status == .retired }.count == 2
            )
        case .staffCounts(let counts):
            #expect(counts.map(\.unit) == ["012001", "012002", "012004"])
            #expect(counts[1].counts.active == 1_058, "a count with a thousands comma")
        case .budget(let lines):
            #expect(lines.count == 8 && lines.filter { $0.stage == .final }.count == 3)
            #expect(lines.first?.amount == Money(fen: 16_240_460_000), "16240.46 万元")
        case .expenditure(let ledgers):
            #expect(ledgers.keys.sorted() == ["012001", "012002", "012003"])
            #expect(ledgers.values.reduce(0) { $0 + $1.rows } == 1_192)
            #expect(ledgers.values.reduce(0) { $0 + ($1.years[2021]?.rows ?? 0) } == 6, "the six rows of 2021-12-31")
        case .journal(let accounts):
            #expect(accounts.map(\.code).sorted() == ["71010101", "71010202", "7201", "7301", "8001"])
            let debit = accounts.reduce(Money.zero) { $0 + $1.debit }
            let credit = accounts.reduce(Money.zero) { $0 + $1.credit }
            #expect(debit == Money(fen: 1_468_105_500) && credit == debit, "the 合计 row's 14,681,055.00 both sides")
        case .accountMap(let rules):
            #expect(rules.map(\.codePrefix) == ["71010101", "71010102", "71010201", "7201", "7301"])
        case .indicators(let indicators, let funds, let weights):
            #expect(
                indicators.map(\.id) == ["Z01", "C01", "C02", "C03", "C04", "C05"] && funds == nil && weights.isEmpty)
            #expect(indicators[4].deviationReason == "天气原因, 少测2平方公里")
        case .reportFigures(let figures):
            #expect(figures.map(\.figure) == ["资产总额", "货币资金", "固定资产原值", "在职人数", "预算执行率"])
        default:
            Issue.record("\(kind): no contents of its kind")
        }
    }

    /// A new kind without a fixture, or without what its fixture should give, fails here.
    @Test func everyKindHasAFixture() {
        for kind in TableKind.allCases {
            let path = Self.fixture(kind).path
            #expect(FileManager.default.fileExists(atPath: path), "no fixture for \(kind.rawValue): \(path)")
            #expect(Self.expected[kind] != nil, "nothing expected of \(kind.rawValue).csv")
            let read = InputFileReader.read(path: path, displayPath: "\(kind.rawValue).csv")
            #expect(read.input.kind == kind.rawValue, "\(kind.rawValue).csv reads as \(read.input.kind)")
        }
    }

    /// The department's words (narrative.md) and a 决算 form (read by its layout) come through the
    /// same entry point; neither is read in parts nor on the fast path, so the four readings are
    /// one, kept here so that changes if either ever is.
    @Test func wordsAndFormsReadTheSameFourWays() throws {
        let words = try Self.readFourWays(Self.folder.appendingPathComponent("narrative.md"), as: "narrative.md")
        let narrative = words[0].result
        #expect(narrative.input.kind == "narrative" && narrative.input.rows == 5 && narrative.input.rejected == 1)
        #expect(narrative.findings.map { "\($0.line ?? 0):\($0.rule)" } == ["19:narrative.unknown_section"])
        guard case .narrative(let sections) = narrative.contents else {
            Issue.record("narrative.md: \(narrative.contents)")
            return
        }
        #expect(sections.sections["单位性质和经费形式"] == ["我单位系财政全额拨款单位，单位性质为行政单位。"], "its numbering dropped")
        #expect(sections.sections["分项目标：完善国土空间总体规划编制成果"] == ["按时完成国土空间总体规划编制报批工作。"], "the prompt left out")

        let form = try Self.readFourWays(fixtures.appendingPathComponent("forms/决算01表-多一行.csv"), as: "决算01表.csv")
        let table = form[0].result
        #expect(table.input.kind == "budget" && table.input.layout.contains("财决01表"))
        #expect(table.input.rows == 7 && table.input.rejected == 1)
        #expect(table.findings.map { "\($0.line ?? 0):\($0.rule)" } == ["15:form.unknown_label"])
    }
}
