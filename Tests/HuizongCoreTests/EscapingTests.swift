import CSVReading
import Foundation
import Testing

@testable import HuizongCore
@testable import HuizongFuzzing

/// Every output kind, with every kind of scalar that can glue itself to a special character
/// into one grapheme cluster, on either side of it.
@Suite struct EscapingTests {
    static let neighbours: [String] = [
        // Prepend characters: they join the *next* scalar into their cluster.
        "\u{600}", "\u{601}", "\u{602}", "\u{603}", "\u{604}", "\u{605}", "\u{6DD}", "\u{70F}", "\u{890}", "\u{891}",
        "\u{8E2}", "\u{110BD}", "\u{110CD}", "\u{D4E}", "\u{111C2}", "\u{111C3}",
        // Combining marks, a variation selector, joiners: they join the *previous* one.
        "\u{301}", "\u{20DD}", "\u{FE0F}", "\u{200D}", "\u{200C}",
        // Bidi controls.
        "\u{202E}", "\u{2066}", "\u{2067}", "\u{2068}", "\u{2069}", "\u{61C}",
        // Emoji ZWJ sequence, regional indicators, Hangul jamo L+V+T, CRLF, CJK, full-width.
        "👨‍👩‍👧", "🇨🇳", "\u{1100}\u{1161}\u{11A8}", "\r\n", "汇总", "ＡＢ",
    ]

    static let specials: [String] = [
        "<", ">", "&", "\"", "'", "|", "\r", "\n", ",", ";", "\t", "=", "+", "-", "@", "＝", "＋", "－", "＠",
        "\\", "`", "*", "_", "[", "]", "#",
    ]

    /// Each neighbour before and after each special character, alone and inside other text.
    static let samples: [String] = {
        var samples = ["\u{600}<img src=x onerror=alert(1)>", "x\"\u{301},=2+3,y", "a\r\nb\rc\nd"]
        for near in neighbours {
            for special in specials {
                let around: [String] = [near + special, special + near, near + special + near]
                let inside: [String] = [
                    "x" + near + special + "y", special + near + "x", "名" + special + near + special + "称",
                ]
                samples += around + inside
            }
        }
        return samples
    }()

    // MARK: HTML

    /// Only the five entities `Escape.html` writes; anything else after `&` is a failure. By
    /// scalar: `String.hasPrefix` would miss `&amp;` when a combining mark follows the `;`.
    static func strictHTMLDecode(_ text: String) -> String? {
        let entities: [(String, String)] = [
            ("&amp;", "&"), ("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"),
        ]
        var out = String.UnicodeScalarView()
        var rest = Substring(text).unicodeScalars[...]
        while let scalar = rest.first {
            if scalar == "&" {
                guard let (entity, value) = entities.first(where: { rest.starts(with: $0.0.unicodeScalars) }) else {
                    return nil
                }
                out.append(contentsOf: value.unicodeScalars)
                rest = rest.dropFirst(entity.unicodeScalars.count)
            } else {
                out.append(scalar)
                rest = rest.dropFirst()
            }
        }
        return String(out)
    }

    @Test func htmlHasNoRawMarkupAndDecodesToTheInput() {
        for sample in Self.samples {
            let escaped = Escape.html(sample)
            #expect(
                !escaped.unicodeScalars.contains { "<>\"'".unicodeScalars.contains($0) },
                "\(sample.debugDescription) → \(escaped.debugDescription)")
            #expect(Self.strictHTMLDecode(escaped) == sample, "\(sample.debugDescription)")
        }
        #expect(Escape.html("\u{600}<img src=x onerror=alert(1)>") == "\u{600}&lt;img src=x onerror=alert(1)&gt;")
    }

    // MARK: CSV

    /// The field as the project's strict parser (libcsv in strict mode) reads it back, with
    /// `delimiter` between it and a second field.
    static func parseField(_ field: String, delimiter: UInt8) -> [String]? {
        let bytes = Array(field.utf8) + [delimiter] + Array("end\r\n".utf8)
        var records: [[String]] = []
        var malformed = false
        let parser = RecordParser(delimiter: delimiter)
        func consume(_ event: RecordEvent) {
            switch event {
            case .record(let record): records.append(record.fields)
            case .malformed: malformed = true
            }
        }
        parser.feed(bytes[...], consume)
        parser.finish(consume)
        return malformed || records.count != 1 ? nil : records[0]
    }

    @Test func csvFieldsReadBackExactlyWithFormulasNeutralised() {
        let starters: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠"]
        for sample in Self.samples {
            let field = Escape.csvField(sample)
            let expected = starters.contains(sample.unicodeScalars.first!) ? "'" + sample : sample
            // Comma for Excel, semicolon for LibreOffice's default import, tab for pasting.
            for delimiter: UInt8 in [0x2C, 0x3B, 0x09] {
                let fields = Self.parseField(field, delimiter: delimiter)
                #expect(
                    fields?.count == 2 && fields?[0].unicodeScalars.elementsEqual(expected.unicodeScalars) == true,
                    "\(sample.debugDescription) → \(field.debugDescription), delimiter \(delimiter): \(String(describing: fields))"
                )
            }
        }
        #expect(Escape.csvField("x\"\u{301},=2+3,y") == "\"x\"\"\u{301},=2+3,y\"")
        #expect(Escape.csvField("＝1+1") == "'＝1+1")
        #expect(Escape.csvField("a;b") == "\"a;b\"")
    }

    @Test func csvWriterKeepsNumbersAndCodesBare() {
        #expect(CSVWriter.encode(.number("-12.50")) == "-12.50")
        #expect(CSVWriter.encode(.code("012001")) == "012001")
        #expect(CSVWriter.encode(.code("=A1")) == "'=A1")
        #expect(CSVWriter.encode(.text("\u{600}\"")) == "\"\u{600}\"\"\"")
    }

    // MARK: Markdown

    /// The characters CommonMark lets a backslash escape.
    static let asciiPunctuation = Set("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~".unicodeScalars)

    /// What a CommonMark reader takes from `Escape.markdown`'s output (cmark itself reads
    /// report.md in the end-to-end tests); nil when a markup character is left unescaped, or a
    /// leading number could start a list.
    static func markdownText(_ escaped: String) -> String? {
        // By scalar: "&#32;" followed by a combining mark is still the entity to a CommonMark reader.
        var text = Substring(escaped).unicodeScalars
        var out = String.UnicodeScalarView()
        while text.starts(with: "&#32;".unicodeScalars) {
            out.append(" ")
            text = text.dropFirst(5)
        }
        if let first = text.first, first == " " { return nil }
        let digits = text.prefix { (0x30...0x39).contains($0.value) }
        let afterDigits = text.dropFirst(digits.count)
        if !digits.isEmpty, let mark = afterDigits.first, mark == "." || mark == ")",
            afterDigits.dropFirst().first.map({ $0 == " " || $0 == "\t" }) ?? true
        {
            return nil  // a list marker
        }
        var scalars = text.makeIterator()
        while let scalar = scalars.next() {
            if scalar == "\\" {
                guard let next = scalars.next(), asciiPunctuation.contains(next) else { return nil }
                out.append(next)
            } else if Escape.markdownMarkup.contains(scalar.value) {
                return nil
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    @Test func markdownEscapesMarkupAndFoldsLineBreaks() {
        for sample in Self.samples + ["a\u{85}b\u{2028}c\u{2029}d", "1. x", "  2) y", "    code", "#x"] {
            let escaped = Escape.markdown(sample)
            #expect(
                !escaped.unicodeScalars.contains { ["\r", "\n", "\u{85}", "\u{2028}", "\u{2029}"].contains($0) },
                "\(sample.debugDescription)")
            let folded = sample.replacing("\r\n", with: " ").unicodeScalars.map {
                ["\r", "\n", "\u{85}", "\u{2028}", "\u{2029}"].contains($0) ? " " : String($0)
            }.joined()
            #expect(
                Self.markdownText(escaped)?.unicodeScalars.elementsEqual(folded.unicodeScalars) == true,
                "\(sample.debugDescription) → \(escaped.debugDescription)")
        }
        #expect(Escape.markdown("a\r\nb") == "a b", "CRLF is one space")
        #expect(Escape.markdown("<b>|**x**") == "\\<b\\>\\|\\*\\*x\\*\\*")
        #expect(
            Escape.markdown("176432.02 万元，见 department.json") == "176432.02 万元，见 department.json",
            "plain text stays readable")
        #expect(Escape.markdown("12. 项") == "12\\. 项")
    }

    // MARK: Terminal

    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0...0x1F, 0x7F...0x9F, 0x61C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0x2028, 0x2029: true
        default: false
        }
    }

    @Test func terminalLinesHoldNoControlAndNoLineBreak() {
        for sample in Self.samples + ["\u{1B}[2J\u{7F}\u{85}\u{9B}\u{200E}\u{200F}\u{202A}\u{2028}\u{0}"] {
            let line = Escape.terminal(sample)
            #expect(
                !line.unicodeScalars.contains(where: Self.isControl),
                "\(sample.debugDescription) → \(line.debugDescription)")
            #expect(line.split(whereSeparator: \.isNewline).count <= 1, "\(sample.debugDescription)")
        }
        #expect(Escape.terminal("伪造\n汇总完成\u{1B}[2J\u{202E}") == "伪造\\u{A}汇总完成\\u{1B}[2J\\u{202E}")
        #expect(Escape.terminal("\r\n\t\u{0}") == "\\u{D}\\u{A}\\u{9}\\u{0}")
    }
}

/// The fuzz harness's strict readers, over hostile file names and contents (Scripts/fuzz runs it for longer).
@Suite struct FuzzHarnessTests {
    static let names: [String] = [
        "\u{600}<img src=x onerror=alert(1)>", "x\"\u{301},=2+3,y", "伪造\n汇总完成：自评 100.00 分\u{1B}[2J",
        "a|b\r\nc", "\u{202E}gpj.csv", "&amp;<!--", "=HYPERLINK(\"x\")", "＝＋－＠", "  1. 列表", "#标题", "`code`*b*",
    ]

    @Test func hostileNamesAndContentsReadBackStrictly() {
        let harness = FuzzHarness()
        let contents = [
            "单位编码,资产编号,资产名称,资产类别,原值(元)\r\n012001,A1,<b>房</b>,固定资产,(-5)\r\n",
            "单位编码,日期,凭证号,资金来源,支出类型,金额(元)\r\n012001,2022-01-01,\"<script>\",一般公共预算,基本支出,1.00\r\n",
            "名称\r\n\u{600}<x>\r\n",
        ]
        var produced = 0
        for name in Self.names {
            for content in contents {
                let nameBytes = Array(name.utf8.prefix(63))
                let run = harness.run([UInt8(nameBytes.count)] + nameBytes + Array(content.utf8))
                #expect(run > 0, "\(name.debugDescription) was read and checked")
                produced += run
            }
        }
        // Names that are not UTF-8, and random bytes throughout.
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<300 {
            let count = Int.random(in: 0...400, using: &generator)
            produced += harness.run((0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) })
        }
        #expect(produced > 0)
    }

    /// What Scripts/fuzz found, replayed (a file named with a leading BOM, first).
    @Test func earlierFuzzFindingsStayFixed() throws {
        let harness = FuzzHarness()
        let folder = fixtures.appendingPathComponent("fuzz").path
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        #expect(names.contains("bom-file-name"))
        for name in names {
            #expect(harness.run(Array(FileManager.default.contents(atPath: folder + "/" + name)!)) > 0, "\(name)")
        }
    }

    /// The harness reads a ledger again in parts, and the parts are really read as parts.
    @Test func theHarnessReadsALedgerInParts() throws {
        // Plain rows, so that every cut lies between records and each part is joined.
        let text =
            "单位编码,日期,凭证号,资金来源,支出类型,金额(元)\r\n"
            + (1...300).map { "012001,2022-03-01,记-\($0),一般公共预算,基本支出,\($0).00\r\n" }.joined()
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let listed = try DropFolder(
            root: (folder.write("支出明细.csv", bytes: Array(text.utf8)) as NSString).deletingLastPathComponent)
        let read = try #require(FuzzHarness().readInParts(Array(text.utf8), whole: listed.read(listed.files[0])))
        #expect(read.parted.inspection.partsRead == 3)
        #expect(FuzzHarness.outcome(read.parted) == FuzzHarness.outcome(read.whole))
        #expect(read.whole.input.rows > 1_000, "the input repeated past the sniffed head")
    }

    @Test func theStrictReadersRejectWhatTheyExistToCatch() {
        #expect(FuzzHarness.htmlProblem(Array("<p>a<img src=x onerror=y></p>".utf8)) != nil)
        #expect(FuzzHarness.htmlProblem(Array("<p onclick=\"x\">a</p>".utf8)) != nil)
        #expect(FuzzHarness.htmlProblem(Array("<p>a > b & c</p>".utf8)) != nil)
        #expect(FuzzHarness.htmlProblem(Array("<p class=\"n\">a &gt; b &amp; c</p>".utf8)) == nil)
        #expect(FuzzHarness.markdownProblem(Array("a <b>".utf8)) != nil)
        #expect(FuzzHarness.markdownProblem(Array("a \\<b\\> &#32;".utf8)) == nil)
        #expect(FuzzHarness.csvProblem(Array("a,b\r\n\"x\"y,z\r\n".utf8)) != nil)
        #expect(FuzzHarness.csvProblem(Array("a,b\r\nx,y,z\r\n".utf8)) != nil)
        #expect(FuzzHarness.csvProblem(Array("a,b\r\n\"x\"\"\u{301}\",y\r\n".utf8)) == nil)
    }
}
