import Foundation
import Testing

/// No function or initializer in Sources is longer than 150 lines, from the line of its `func` or
/// `init` to its closing brace: a longer one is split before it grows further.
@Suite struct FunctionLengthTests {
    static let limit = 150

    /// The package's root: the folder above this file that holds Package.swift.
    static let root: URL = {
        var folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: folder.appendingPathComponent("Package.swift").path) {
            folder = folder.deletingLastPathComponent()
        }
        return folder
    }()

    /// One function's body: where its declaration starts and how many lines it spans.
    struct Body: Equatable, CustomStringConvertible {
        var name: String
        var line: Int
        var lines: Int
        var description: String { "\(name) at line \(line): \(lines) lines" }
    }

    @Test func noFunctionInSourcesIsLongerThanTheLimit() throws {
        let sources = Self.root.appendingPathComponent("Sources")
        let files = try FileManager.default.subpathsOfDirectory(atPath: sources.path)
            .filter { $0.hasSuffix(".swift") }.sorted()
        var bodies = 0
        for file in files {
            let text = try String(contentsOf: sources.appendingPathComponent(file), encoding: .utf8)
            for body in Self.bodies(in: text) {
                bodies += 1
                if body.lines > Self.limit {
                    Issue.record(
                        "Sources/\(file):\(body.line): \(body.name) is \(body.lines) lines (limit \(Self.limit))")
                }
            }
        }
        // A scan that found nothing would pass: the core has some 70 files and 600 functions.
        #expect(files.count > 50 && bodies > 500, "\(files.count) files, \(bodies) bodies")
    }

    /// The scanner on what would fool a plain brace count: braces in strings of every kind, in
    /// interpolations and comments, a protocol's requirements without bodies, nested functions,
    /// `.init(…)` calls and closures in default arguments.
    @Test func theScannerCountsOnlyCode() {
        let text = #"""
            protocol Source {
                func records() -> [Int]
                init(name: String)
            }
            struct S: Source {
                init(name: String) {
                    self.name = name + "}}}" + #"raw "}" \(not)"#
                }
                func records(
                    of kind: Int = 0, check: () -> Bool = { true }
                ) -> [Int] {
                    let text = """
                        }}} "quoted" \(kind.map { "}" + "\(1)" })
                        """
                    // } a comment
                    /* } a /* nested } */ comment */
                    func inner() -> Int { 1 }
                    return [.init(inner())] + [Int.init("{") ?? 0]
                }
                func raw() -> Bool { "a{".contains(#"{"#) }
            }
            """#
        #expect(
            Self.bodies(in: text) == [
                Body(name: "init", line: 6, lines: 3), Body(name: "records", line: 9, lines: 11),
                Body(name: "inner", line: 17, lines: 1), Body(name: "raw", line: 20, lines: 1),
            ])
    }

    // MARK: - The scanner

    static let newline = UInt8(ascii: "\n")
    static let quote = UInt8(ascii: "\"")
    static let hash = UInt8(ascii: "#")
    static let slash = UInt8(ascii: "/")
    static let star = UInt8(ascii: "*")
    static let backslash = UInt8(ascii: "\\")
    static let space = UInt8(ascii: " ")

    /// `text` with string literals and comments blanked to spaces, line breaks kept: what is left
    /// is code, whose braces can be counted.
    static func code(_ text: String) -> [UInt8] {
        var stripper = Stripper(bytes: Array(text.utf8))
        stripper.code(untilClosingParenthesis: false)
        return stripper.out
    }

    /// A lexer just good enough to find where literals and comments end.
    struct Stripper {
        let bytes: [UInt8]
        var out: [UInt8]
        var index = 0

        init(bytes: [UInt8]) {
            self.bytes = bytes
            out = bytes
        }

        func at(_ offset: Int) -> UInt8? { index + offset < bytes.count ? bytes[index + offset] : nil }

        mutating func blank(from start: Int) {
            for position in start..<min(index, bytes.count) where out[position] != FunctionLengthTests.newline {
                out[position] = FunctionLengthTests.space
            }
        }

        /// Code, up to the end or (in an interpolation) the `)` that closes it, left on that `)`.
        mutating func code(untilClosingParenthesis: Bool) {
            var depth = 0
            while index < bytes.count {
                let byte = bytes[index]
                if byte == FunctionLengthTests.slash && at(1) == FunctionLengthTests.slash {
                    let start = index
                    while index < bytes.count && bytes[index] != FunctionLengthTests.newline { index += 1 }
                    blank(from: start)
                    continue
                }
                if byte == FunctionLengthTests.slash && at(1) == FunctionLengthTests.star {
                    blockComment()
                    continue
                }
                if byte == FunctionLengthTests.hash || byte == FunctionLengthTests.quote {
                    var hashes = 0
                    while at(hashes) == FunctionLengthTests.hash { hashes += 1 }
                    if at(hashes) == FunctionLengthTests.quote {
                        string(hashes: hashes)
                        continue
                    }
                    index += max(hashes, 1)
                    continue
                }
                if untilClosingParenthesis {
                    if byte == UInt8(ascii: "(") { depth += 1 }
                    if byte == UInt8(ascii: ")") {
                        if depth == 0 { return }
                        depth -= 1
                    }
                }
                index += 1
            }
        }

        /// A `/* … */` comment, nested ones within it.
        mutating func blockComment() {
            let start = index
            var depth = 0
            while index < bytes.count {
                if bytes[index] == FunctionLengthTests.slash && at(1) == FunctionLengthTests.star {
                    depth += 1
                    index += 2
                } else if bytes[index] == FunctionLengthTests.star && at(1) == FunctionLengthTests.slash {
                    depth -= 1
                    index += 2
                    if depth == 0 { break }
                } else {
                    index += 1
                }
            }
            blank(from: start)
        }

        /// A string literal starting at `index` (its `#`s first): single-line or `"""`, raw or
        /// not, with its interpolations (which may hold strings of their own).
        mutating func string(hashes: Int) {
            let start = index
            index += hashes
            let multiline = at(1) == FunctionLengthTests.quote && at(2) == FunctionLengthTests.quote
            index += multiline ? 3 : 1
            while index < bytes.count {
                let byte = bytes[index]
                if byte == FunctionLengthTests.backslash
                    && (0..<hashes).allSatisfy({ at(1 + $0) == FunctionLengthTests.hash })
                {
                    index += 1 + hashes
                    if at(0) == UInt8(ascii: "(") {
                        index += 1
                        code(untilClosingParenthesis: true)
                    }
                    index += 1
                    continue
                }
                if byte == FunctionLengthTests.quote {
                    let quotes = multiline ? 3 : 1
                    if (0..<quotes).allSatisfy({ at($0) == FunctionLengthTests.quote })
                        && (0..<hashes).allSatisfy({ at(quotes + $0) == FunctionLengthTests.hash })
                    {
                        index += quotes + hashes
                        break
                    }
                }
                // A single-line string never spans lines: one left open ends at its line's end.
                if !multiline && byte == FunctionLengthTests.newline { break }
                index += 1
            }
            blank(from: start)
        }
    }

    /// Every `func` and `init` with a body in `text`, in order of their declarations.
    static func bodies(in text: String) -> [Body] {
        let code = code(text)
        var lineStarts = [0]
        for (offset, byte) in code.enumerated() where byte == newline { lineStarts.append(offset + 1) }
        func line(_ offset: Int) -> Int {
            var low = 0
            var high = lineStarts.count - 1
            while low < high {
                let middle = (low + high + 1) / 2
                if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
            }
            return low + 1
        }
        var found: [Body] = []
        for offset in code.indices {
            guard let (name, signature) = declaration(in: code, at: offset),
                let open = bodyStart(in: code, from: signature),
                let close = closingBrace(in: code, from: open)
            else { continue }
            found.append(Body(name: name, line: line(offset), lines: line(close) - line(offset) + 1))
        }
        return found
    }

    static func isIdentifier(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "_") || (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A)
            || byte >= 0x80
    }

    /// The word at `offset`, when one starts there.
    static func word(in code: [UInt8], at offset: Int) -> String? {
        guard isIdentifier(code[offset]), offset == 0 || !isIdentifier(code[offset - 1]) else { return nil }
        var end = offset
        while end < code.count && isIdentifier(code[end]) { end += 1 }
        return String(decoding: code[offset..<end], as: UTF8.self)
    }

    /// A `func name` or `init(` (not `.init(`, a call) at `offset`: its name and where its
    /// signature starts.
    static func declaration(in code: [UInt8], at offset: Int) -> (String, Int)? {
        guard let keyword = word(in: code, at: offset), keyword == "func" || keyword == "init" else { return nil }
        var after = offset + keyword.utf8.count
        if keyword == "init" {
            guard offset == 0 || code[offset - 1] != UInt8(ascii: ".") else { return nil }
            while after < code.count && code[after] == space { after += 1 }
            guard after < code.count, "(<?!".utf8.contains(code[after]) else { return nil }
            return ("init", after)
        }
        while after < code.count && (code[after] == space || code[after] == newline) { after += 1 }
        guard after < code.count else { return nil }
        var end = after
        // A name, or an operator's symbols (`==`, `<`).
        if isIdentifier(code[after]) {
            while end < code.count && isIdentifier(code[end]) { end += 1 }
        } else {
            while end < code.count && !"( \n".utf8.contains(code[end]) { end += 1 }
        }
        return (String(decoding: code[after..<end], as: UTF8.self), end)
    }

    /// Words that start the next declaration: a signature that meets one at its own level had no body.
    static let nextDeclaration: Set<String> = [
        "func", "init", "var", "let", "subscript", "associatedtype", "typealias", "case", "static", "class", "struct",
        "enum", "protocol", "extension", "mutating", "nonmutating", "public", "private", "fileprivate", "internal",
        "package", "open", "deinit", "override", "final",
    ]

    /// The `{` that opens the body, skipping the parameters (their default values may hold closures).
    static func bodyStart(in code: [UInt8], from start: Int) -> Int? {
        var depth = 0
        var offset = start
        while offset < code.count {
            switch code[offset] {
            case UInt8(ascii: "("), UInt8(ascii: "["): depth += 1
            case UInt8(ascii: ")"), UInt8(ascii: "]"): depth -= 1
            case UInt8(ascii: "{") where depth == 0: return offset
            case UInt8(ascii: "}") where depth == 0: return nil
            default:
                if depth == 0, let word = word(in: code, at: offset) {
                    if nextDeclaration.contains(word) { return nil }
                    offset += word.utf8.count
                    continue
                }
            }
            offset += 1
        }
        return nil
    }

    /// The `}` that closes the brace at `open`.
    static func closingBrace(in code: [UInt8], from open: Int) -> Int? {
        var depth = 0
        for offset in open..<code.count {
            if code[offset] == UInt8(ascii: "{") { depth += 1 }
            if code[offset] == UInt8(ascii: "}") {
                depth -= 1
                if depth == 0 { return offset }
            }
        }
        return nil
    }
}
