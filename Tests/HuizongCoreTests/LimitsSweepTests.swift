import CSVReading
import Foundation
import Testing

@testable import HuizongCore

/// Every parser around its limits, in every input format: each boundary value in each column of
/// a real table of every kind, as CSV text, as an .xlsx text cell and as an .xlsx number or date
/// cell. None may trap (an overflow once ended the whole night's run); the row is accepted or
/// rejected with a finding naming its line, and the department is still consolidated.
@Suite struct LimitsSweepTests {
    /// Around Int64's limits in 分 and in 万元, and around every other integer a reader takes.
    static let values = [
        "92233720368547758.08", "-92233720368547758.08", "92233720368547758.07", "9223372036854775807",
        "9223372036854775808", "-9223372036854775808", "18446744073709551616", "9223372036854.775808",
        "(92233720368547758.08)", "¥92,233,720,368,547,758.08", "92,233,720,368,547,758.08",
        "９２２３３７２０３６８５４７７５８．０８", "－９２２３３７２０３６８５４７７５８．０８", "10000000000000.01",
        String(repeating: "9", count: 400), "1e9223372036854775807", "1E+308", "1e-400", "0x10", "-0", "NaN",
        "2147483648", "4294967296", "65536", "2958466", "2958465.99999999", "-1", "99999-12-31", "9999-99-99",
        "2022-02-29", "2022/13/1", "≥9223372036854775808%", "9223372036854775808%", "1.5e3",
    ]

    /// One real table of each kind the sample sends as CSV.
    static let tables = [
        "2022/012001_自然资源和规划局本级/支出明细.csv", "2022/012001_自然资源和规划局本级/资产卡片.csv",
        "2022/012001_自然资源和规划局本级/人员.csv", "2022/012001_自然资源和规划局本级/预决算收支.csv",
        "2022/绩效指标.csv", "2022/报告数.csv", "2022-exports/预算.csv", "2022-exports/科目对照表.csv",
        "2022-exports/012001_自然资源和规划局本级/固定资产卡片.csv",
        "2022-exports/012001_自然资源和规划局本级/基本数字表.csv",
        "2022-exports/012001_自然资源和规划局本级/序时账.csv",
        "2022-exports/012002_自然资源执法监察支队/支出明细.csv",
    ]

    static let sampleData = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("SampleData")

    /// Reads and consolidates one file beside a registry; returns the file's findings.
    static func consolidate(_ name: String, _ bytes: [UInt8], in folder: TemporaryFolder, render: Bool = true) throws
        -> [Finding]
    {
        let path = folder.write(name, bytes: bytes)
        defer { unlink(path) }
        let registry = InputFileReader.read(path: folder.write("名录/单位名录.csv", registryCSV), displayPath: "单位名录.csv")
        let file = InputFileReader.read(path: path, displayPath: name)
        let department = try ConsolidateJob.evaluate([file], registryFile: registry)
        // The outputs write every total: an amount that passed the readers must not trap there either.
        if render { _ = try OutputFiles(department, report: nil).render() }
        return file.findings + file.sheets.flatMap(\.findings)
    }

    @Test(arguments: tables) func everyColumnOfACSVTable(table: String) throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let source = Self.sampleData.appendingPathComponent(table).path
        let read = InputFileReader.read(path: source, displayPath: "t.csv")
        let headerLine = try #require(read.inspection.headerLine, "\(table) has a header")
        // As the file's encoding is read (GB18030 or UTF-8); written back as UTF-8.
        let bytes = try #require(TextEncoding.utf8Text(of: Array(try Data(contentsOf: URL(fileURLWithPath: source)))))
            .utf8
        // Split at LF bytes: as Characters, CR LF is one and would not split at "\n".
        var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map {
            String(decoding: $0.filter { $0 != 0x0D }, as: UTF8.self)
        }
        let row = try #require(lines.indices.first { $0 >= headerLine && lines[$0].count > 3 })
        let fields = Self.fields(lines[row])
        var runs = 0
        for column in fields.indices {
            for (number, value) in Self.values.enumerated() {
                var changed = fields
                changed[column] = value
                lines[row] = changed.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
                    .joined(separator: ",")
                let findings = try Self.consolidate(
                    "表.csv", Array(lines.joined(separator: "\r\n").utf8), in: folder, render: number < 12)
                runs += 1
                // A value the row cannot take is named on the row's own line (or the file's).
                #expect(findings.allSatisfy { $0.file != nil }, "\(table) column \(column) \(value)")
            }
        }
        #expect(runs == fields.count * Self.values.count)
    }

    /// A line's fields, quotes undone (the sample's rows hold no line break inside a field).
    static func fields(_ line: String) -> [String] {
        var fields = [""]
        var quoted = false
        let characters = Array(line)
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if quoted && character == "\"" && index + 1 < characters.count && characters[index + 1] == "\"" {
                fields[fields.count - 1].append("\"")
                index += 1
            } else if character == "\"" {
                quoted.toggle()
            } else if character == "," && !quoted {
                fields.append("")
            } else {
                fields[fields.count - 1].append(character)
            }
            index += 1
        }
        return fields
    }

    /// A ledger sheet whose amount and date cells hold each value as text, as a number and as a date.
    @Test func everyCellOfAWorkbookLedger() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        var rejected = 0
        for value in Self.values {
            let escaped = value.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            for cell in [
                "<c r=\"F2\" t=\"inlineStr\"><is><t>\(escaped)</t></is></c>", "<c r=\"F2\"><v>\(escaped)</v></c>",
                "<c r=\"F2\" s=\"2\"><v>\(escaped)</v></c>",
            ] {
                for dateCell in ["<c r=\"B2\" s=\"1\"><v>\(escaped)</v></c>", "<c r=\"B2\" s=\"1\"><v>44576</v></c>"] {
                    let sheet = """
                        <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
                        <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c>
                        <c r="D1" t="s"><v>3</v></c><c r="E1" t="s"><v>4</v></c><c r="F1" t="s"><v>5</v></c></row>
                        <row r="2"><c r="A2" t="s"><v>6</v></c>\(dateCell)<c r="C2" t="inlineStr"><is><t>记-1</t></is></c>
                        <c r="D2" t="s"><v>7</v></c><c r="E2" t="s"><v>8</v></c>\(cell)</row>
                        </sheetData></worksheet>
                        """
                    let bytes = Array(try WorkbookReadingTests.handMade(sheetXML: sheet))
                    let findings = try Self.consolidate("明细.xlsx", bytes, in: folder)
                    if findings.contains(where: { $0.rule == "row.amount" || $0.rule == "row.date" }) { rejected += 1 }
                }
            }
        }
        #expect(rejected > Self.values.count, "values past the limits are rejected as rows, not taken")
    }

    /// The limits themselves, exactly: the largest amount is taken, one 分 more is refused.
    @Test func moneyAtItsLimits() {
        #expect(Money.parse("10000000000000.00", unit: .yuan) == .success(Money.largestAmount))
        #expect(Money.parse("10000000000000.01", unit: .yuan) == .failure(.tooLarge))
        #expect(Money.parse("1000000000.000000", unit: .wan) == .success(Money.largestAmount))
        for text in [
            "92233720368547758.08", "-92233720368547758.08", "(92233720368547758.08)", "¥92,233,720,368,547,758.08",
            "９２２３３７２０３６８５４７７５８．０８", "92233720368547758.07", "9223372036854775808",
        ] {
            #expect(Money.parse(text, unit: .yuan) == .failure(.tooLarge), "\(text)")
        }
        for text in ["9223372036854.775808", "9223372036854.775807", "92233720368547.75808"] {
            #expect(Money.parse(text, unit: .wan) == .failure(.tooLarge), "\(text) 万元")
        }
        #expect(CellValue.plain("1e9223372036854775807", significantDigits: 15) == nil)
        #expect(CellValue.plain("1e-9223372036854775808", significantDigits: 15) == nil)
        #expect(CellValue.plain("1.5e3", significantDigits: 15) == "1500")
    }
}
