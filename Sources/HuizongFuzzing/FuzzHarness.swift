import CSVReading
import Foundation
import HuizongCore

/// Runs arbitrary bytes through everything a dropped file goes through: its name and its
/// content, listing, reading, row parsing, consolidation with a registry, checks, scoring and
/// rendering, and then reads every output back with a strict reader. For the fuzzer
/// (`Scripts/fuzz`) and for regression tests of what it found. Must never crash; traps when an
/// output lets input through as markup, a broken CSV record or JSON, or loses the file's name.
package final class FuzzHarness: @unchecked Sendable {
    // @unchecked: used from one thread at a time (libFuzzer runs one input at a time).
    private let folder: String
    private let drop: String
    private let registry: FileResult
    private var lastName: [UInt8]?

    package init() {
        // Memory-backed where there is one: the input is written anew for every run.
        let base =
            FileManager.default.fileExists(atPath: "/dev/shm")
            ? URL(fileURLWithPath: "/dev/shm") : FileManager.default.temporaryDirectory
        folder = base.appendingPathComponent("huizong-fuzz-\(getpid())-\(UUID().uuidString)").path
        drop = folder + "/drop"
        try? FileManager.default.createDirectory(atPath: drop, withIntermediateDirectories: true)
        let registryPath = folder + "/registry.csv"
        _ = FileManager.default.createFile(
            atPath: registryPath,
            contents: Data("单位编码,单位名称,上级单位编码\r\n012001,本级,\r\n012002,支队,012001\r\n".utf8))
        registry = InputFileReader.read(path: registryPath, displayPath: "registry.csv")
    }

    deinit {
        if let lastName { Self.withPath(drop, lastName) { _ = unlink($0) } }
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// The file's name is the first `bytes[0] % 64` bytes after the first ('/' and NUL made `_`;
    /// `.csv`, `.xls` or `.xlsx` added by the first byte's top two bits); its content the rest. Returns how many findings and output bytes the input
    /// produced (so the work cannot be optimised away).
    @discardableResult
    package func run(_ bytes: [UInt8]) -> Int {
        let nameLength = bytes.isEmpty ? 0 : min(Int(bytes[0]) % 64, bytes.count - 1)
        var name = bytes.dropFirst().prefix(nameLength).map { $0 == 0x2F || $0 == 0 ? 0x5F : $0 }
        if name.isEmpty || name == [0x2E] || name == [0x2E, 0x2E] { name = Array("input".utf8) }
        // The first byte's top two bits pick the extension: workbooks are read by what their
        // bytes are, and a name like a workbook's reaches those readers.
        let extensions = [".csv", ".xls", ".xlsx", ".csv"]
        name += Array(extensions[bytes.isEmpty ? 0 : Int(bytes[0] >> 6)].utf8)
        let content = Array(bytes.dropFirst(1 + nameLength))
        if let lastName { Self.withPath(drop, lastName) { _ = unlink($0) } }
        lastName = name
        let written = Self.withPath(drop, name) { path -> Bool in
            let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
            guard descriptor >= 0 else { return false }
            defer { close(descriptor) }
            return content.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) } == content.count
        }
        guard written, let listed = try? DropFolder(root: drop), listed.files.count == 1 else { return 0 }
        let input = listed.read(listed.files[0])
        checkPartedReading(content, whole: input)
        guard let consolidation = try? ConsolidateJob.evaluate([input], registryFile: registry) else {
            return input.findings.count
        }
        guard let rendered = try? OutputFiles(consolidation, report: DraftReport(consolidation)).render() else {
            fatalError("the outputs could not be rendered")
        }
        Self.checkOutputs(rendered, fileName: listed.files[0].displayPath)
        return consolidation.findings.count + rendered.reduce(0) { $0 + $1.bytes.count }
    }

    /// A ledger or book read in parts must read as it does whole. Parts start past the first
    /// 64 KiB (the sniffed head), so the input is repeated to 192 KiB and more, then cut at a
    /// third and two thirds (a quoted field running over a cut is what the cuts are for).
    func checkPartedReading(_ content: [UInt8], whole: FileResult) {
        guard let (whole, parted) = readInParts(content, whole: whole) else { return }
        if Self.outcome(parted) != Self.outcome(whole) {
            fatalError("read in parts it differs from the file read whole")
        }
    }

    /// The content repeated past the sniffed head, read whole and in three parts; nil unless the
    /// input is a ledger or book in text.
    package func readInParts(_ content: [UInt8], whole: FileResult) -> (whole: FileResult, parted: FileResult)? {
        guard !content.isEmpty, case .text? = whole.inspection.signature else { return nil }
        switch whole.contents {
        case .expenditure, .journal: break
        default: return nil
        }
        var repeated = content
        while repeated.count < 3 * CSVFile.sniffSize { repeated += content }
        let drop = folder + "/parted"
        try? FileManager.default.createDirectory(atPath: drop, withIntermediateDirectories: true)
        guard FileManager.default.createFile(atPath: drop + "/input.csv", contents: Data(repeated)),
            let listed = try? DropFolder(root: drop), listed.files.count == 1
        else { return nil }
        var options = ReadingOptions()
        options.cores = 2
        options.partTargets = [repeated.count / 3, repeated.count * 2 / 3]
        return (listed.read(listed.files[0]), listed.read(listed.files[0], options: options))
    }

    /// Everything a file's reading gave, in a form two readings can be compared by.
    package static func outcome(_ result: FileResult) -> String {
        let contents: String
        switch result.contents {
        case .expenditure(let ledgers):
            contents = ledgers.keys.sorted().map { unit in
                let ledger = ledgers[unit]!
                return
                    "\(unit) \(ledger.rows) \(ledger.firstLine) \(ledger.total) \(ledger.bySource.sorted { $0.key.rawValue < $1.key.rawValue }) "
                    + "\(ledger.byType.sorted { $0.key.rawValue < $1.key.rawValue }) \(ledger.years.sorted { $0.key < $1.key }.map { [$0.key, $0.value.rows, $0.value.firstLine] })"
            }.joined(separator: "\n")
        case .journal(let accounts):
            contents = accounts.map {
                "\($0.unit) \($0.code) \($0.name) \($0.debit) \($0.credit) \($0.rows) \($0.firstLine) \($0.years.sorted { $0.key < $1.key }) \($0.firstLineOfYear.sorted { $0.key < $1.key })"
            }.joined(separator: "\n")
        default: contents = "\(result.contents)"
        }
        let findings = result.findings.map { "\($0.rule) \($0.line ?? -1) \($0.unit) \($0.message)" }
        return [
            "\(result.input)", contents, findings.joined(separator: "\n"),
            "\(result.inspection.totalRows) \(result.inspection.blankRows) \(result.amountMagnitude)",
        ].joined(separator: "\n--\n")
    }

    static func withPath<Result>(_ folder: String, _ name: [UInt8], _ body: (UnsafePointer<CChar>) -> Result) -> Result
    {
        (Array(folder.utf8) + [0x2F] + name + [0]).withUnsafeBufferPointer { bytes in
            bytes.withMemoryRebound(to: CChar.self) { body($0.baseAddress!) }
        }
    }

    // MARK: - Strict readers of the outputs

    /// Traps unless every output reads back strictly and the file's name survives.
    static func checkOutputs(_ files: [(name: String, bytes: [UInt8])], fileName: String) {
        for file in files {
            let problem: String? =
                switch file.name {
                case let name where name.hasSuffix(".csv"): csvProblem(file.bytes)
                case let name where name.hasSuffix(".html"): htmlProblem(file.bytes)
                case let name where name.hasSuffix(".md"): markdownProblem(file.bytes)
                case "datapackage.json": dataPackageProblem(file.bytes)
                case let name where name.hasSuffix(".json"): jsonProblem(file.bytes, fileName: fileName)
                default: nil
                }
            if let problem { fatalError("\(file.name): \(problem) (file name \(fileName.debugDescription))") }
        }
        if Escape.terminal(fileName).unicodeScalars.contains(where: Escape.isTerminalControl) {
            fatalError("terminal: a control character passes in \(fileName.debugDescription)")
        }
    }

    /// libcsv in strict mode: no malformed record, every record as wide as the header.
    static func csvProblem(_ bytes: [UInt8]) -> String? {
        let parser = RecordParser(delimiter: 0x2C)
        var widths: Set<Int> = []
        var malformed: MalformedRecord?
        let collect: (RecordEvent) -> Void = { event in
            switch event {
            case .record(let record): widths.insert(record.count)
            case .malformed(let problem): malformed = problem
            }
        }
        parser.feed(bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? bytes.dropFirst(3) : bytes[...], collect)
        parser.finish(collect)
        if let malformed { return "malformed record at line \(malformed.line)" }
        return widths.count > 1 ? "records of widths \(widths.sorted())" : nil
    }

    /// The elements and attributes Huizong writes; anything else came from input.
    static let htmlTags: Set<String> = [
        "html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "h3", "h4", "h5", "p", "table",
        "caption", "thead", "tbody", "tr", "th", "td", "figure", "figcaption", "svg", "rect", "text", "ol", "li",
        "strong", "span", "mark", "div",
    ]

    /// Every `<` opens a known element, no attribute is an event handler, no `>` stands in text,
    /// and every `&` starts an entity.
    static func htmlProblem(_ bytes: [UInt8]) -> String? {
        var index = 0
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "<"):
                guard let end = bytes[index...].firstIndex(of: UInt8(ascii: ">")) else { return "an unclosed tag" }
                let tag = String(decoding: bytes[(index + 1)..<end], as: UTF8.self)
                if let problem = tagProblem(tag) { return problem }
                index = end + 1
                if tag == "style", let close = find(Array("</style>".utf8), in: bytes, from: index) { index = close }
            case UInt8(ascii: ">"):
                return "a raw > in text at byte \(index)"
            case UInt8(ascii: "&"):
                var end = index + 1
                while end < bytes.count, end - index < 12, isEntityByte(bytes[end]) { end += 1 }
                guard end < bytes.count, bytes[end] == UInt8(ascii: ";"), end > index + 1 else {
                    return "a raw & at byte \(index)"
                }
                index = end + 1
            default:
                index += 1
            }
        }
        return nil
    }

    static func isEntityByte(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || byte == 0x23
    }

    /// `tag` is what stands between `<` and `>`.
    static func tagProblem(_ tag: String) -> String? {
        if tag.hasPrefix("!DOCTYPE") { return nil }
        var rest = Substring(tag)
        if rest.hasPrefix("/") { rest = rest.dropFirst() }
        let name = rest.prefix { !$0.isWhitespace && $0 != "/" }
        guard htmlTags.contains(String(name)) else { return "element <\(name)>" }
        rest = rest.dropFirst(name.count)
        while true {
            rest = rest.drop { $0.isWhitespace || $0 == "/" }
            if rest.isEmpty { return nil }
            let attribute = rest.prefix { $0 != "=" && !$0.isWhitespace }
            if attribute.lowercased().hasPrefix("on") { return "event handler \(attribute) in <\(name)>" }
            rest = rest.dropFirst(attribute.count)
            guard rest.hasPrefix("=\"") else { return "attribute \(attribute) without a quoted value in <\(name)>" }
            rest = rest.dropFirst(2)
            guard let close = rest.firstIndex(of: "\"") else { return "an unclosed attribute in <\(name)>" }
            if rest[..<close].contains("<") { return "< in an attribute of <\(name)>" }
            rest = rest[rest.index(after: close)...]
        }
    }

    static func find(_ needle: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard needle.count <= bytes.count else { return nil }
        var index = start
        while index + needle.count <= bytes.count {
            if bytes[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }

    /// No CR, and no `<` or `&` that is not escaped (the `&#32;` Huizong writes for a leading space
    /// aside): nothing from input can become raw HTML in report.md.
    static func markdownProblem(_ bytes: [UInt8]) -> String? {
        if bytes.contains(0x0D) { return "a CR" }
        var backslashes = 0
        for (index, byte) in bytes.enumerated() {
            if (byte == UInt8(ascii: "<") || byte == UInt8(ascii: "&")) && backslashes % 2 == 0
                && !bytes[index...].starts(with: Array("&#32;".utf8))
            {
                return "an unescaped \(UnicodeScalar(byte)) at byte \(index)"
            }
            backslashes = byte == UInt8(ascii: "\\") ? backslashes + 1 : 0
        }
        return nil
    }

    /// Parses, and lists the file under its exact name.
    /// datapackage.json names the CSVs and their fields, nothing read from input.
    static func dataPackageProblem(_ bytes: [UInt8]) -> String? {
        guard let document = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any],
            let resources = document["resources"] as? [[String: Any]]
        else { return "not JSON with resources" }
        return resources.allSatisfy { ($0["schema"] as? [String: Any])?["fields"] is [[String: Any]] }
            ? nil : "a resource without fields"
    }

    static func jsonProblem(_ bytes: [UInt8], fileName: String) -> String? {
        guard let document = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any],
            let inputs = document["inputs"] as? [[String: Any]]
        else { return "not JSON with inputs" }
        // Foundation's parser drops a string's leading U+FEFF (other readers keep it): compare without it.
        func trimmed(_ text: String) -> Substring.UnicodeScalarView {
            Substring(text).unicodeScalars.drop { $0 == "\u{FEFF}" }
        }
        let name = trimmed(fileName)
        return inputs.contains { ($0["path"] as? String).map { trimmed($0).elementsEqual(name) } ?? false }
            ? nil : "the file's name is not in inputs[]"
    }
}
