import Foundation

/// A report.docx the officer edited in WPS or Word and dropped back into the folder: the
/// department's words are read back from it by their headings (`Narrative.fromReport`).
enum ReportDocxReader {
    /// One paragraph of the document's body (not in a table): its heading level (0: not a
    /// heading), its style's name and its text.
    struct Paragraph {
        var level: Int
        var style: String
        var text: String
        /// The text's length in bytes as written, counted on past `maxParagraphBytes`.
        var bytes = 0
        /// The hash of the text Huizong wrote here (its hidden `_hz` bookmark), if it wrote this paragraph.
        var mark: String?

        /// Written by Huizong and left as it was.
        var isAsWritten: Bool { mark != nil && mark == ReportDocxReader.hash(text) }

        /// Longer than the department's words may be: its text is only its opening.
        var isTooLong: Bool { bytes > ReportDocxReader.maxParagraphBytes }

        /// Adds text as it is read; past the limit only the length is kept, and the opening to name it by.
        mutating func add(_ piece: UnsafeBufferPointer<UInt8>) {
            let wasTooLong = isTooLong
            bytes += piece.count
            if !isTooLong {
                text += String(decoding: piece, as: UTF8.self)
            } else if !wasTooLong {
                // By scalars: one character of a thousand combining marks would be no short opening.
                text = String(String.UnicodeScalarView(text.unicodeScalars.prefix(ReportDocxReader.openingCharacters)))
            }
        }
    }

    /// The start of the hidden bookmark Huizong puts in each paragraph it writes: `_hz<n>_<hash>`.
    static let markPrefix = "_hz"

    /// A paragraph's text hashed (64-bit FNV-1a, 16 hex digits): enough to tell an edit.
    static func hash(_ text: String) -> String {
        var value: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            value ^= UInt64(byte)
            value = value &* 0x100_0000_01b3
        }
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    /// A Word file larger than this is not read (a report of words and tables is a few hundred KiB).
    static let maxFileBytes = 64 << 20
    static let maxPartBytes = 64 << 20
    /// One paragraph of the department's words: no more than its narrative file may hold in all.
    static let maxParagraphBytes = Narrative.maxFileBytes
    /// How much of a paragraph too long to read names it in the finding.
    static let openingCharacters = 20

    /// Why a Word file gives no paragraphs.
    enum Unread: Error {
        /// Not the report.docx Huizong wrote (or not a Word file at all).
        case notReport
        /// Its document inflates past the limits: too large to read.
        case tooLarge
    }

    /// The body's paragraphs (those with text, and every heading).
    static func paragraphs(_ bytes: [UInt8]) throws(Unread) -> [Paragraph] {
        guard let zip = try? ZIPParts(bytes), zip["word/document.xml"] != nil else {
            throw .notReport
        }
        // Style ids differ between editors (Heading1, 1, 标题1): the name or outline level says.
        var styles: [String: (name: String, level: Int)] = [:]
        var styleID: String?
        try? zip.parse("word/styles.xml", limit: maxPartBytes, optional: true) { stream in
            stream.onStart = { element in
                switch element.name {
                case "style": styleID = element["styleId"]
                case "name":
                    guard let id = styleID else { return }
                    let name = element["val"] ?? ""
                    let lower = name.lowercased()
                    let level = lower.hasPrefix("heading ") ? Int(lower.dropFirst(8)) ?? 0 : 0
                    styles[id] = (name, max(styles[id]?.level ?? 0, level))
                case "outlineLvl":
                    guard let id = styleID, let level = Int(element["val"] ?? ""), level < 9 else { return }
                    styles[id] = (styles[id]?.name ?? id, level + 1)
                default: break
                }
            }
            stream.onEnd = { name in if name == "style" { styleID = nil } }
        }
        // Only Huizong's report (its own style for sentences made from data, kept by WPS and Word):
        // any other Word file in the folder is not someone's words for the report.
        guard styles.values.contains(where: { $0.name == "Data Text" }) else { throw .notReport }
        var found: [Paragraph] = []
        var tables = 0
        var current: Paragraph?
        var pendingMark: String?
        var inText = false
        func add(_ character: StaticString) {
            current?.add(UnsafeBufferPointer(start: character.utf8Start, count: character.utf8CodeUnitCount))
        }
        do {
            try zip.parse("word/document.xml", limit: maxPartBytes) { stream in
                stream.onStart = { element in
                    switch element.name {
                    case "tbl": tables += 1
                    case "p" where tables == 0:
                        current = Paragraph(level: 0, style: "", text: "", mark: pendingMark)
                        pendingMark = nil
                    case "bookmarkStart" where tables == 0:
                        // An editor may move the bookmark just before its paragraph.
                        guard let name = element["name"], name.hasPrefix(markPrefix),
                            let hash = name.split(separator: "_").last.map(String.init), hash.count == 16
                        else { return }
                        if current == nil {
                            pendingMark = hash
                        } else if current?.mark == nil {
                            current?.mark = hash
                        }
                    case "pStyle":
                        let id = element["val"] ?? ""
                        current?.style = styles[id]?.name ?? id
                        let level = max(current?.level ?? 0, styles[id]?.level ?? 0)
                        current?.level = level
                    case "outlineLvl":
                        if let level = Int(element["val"] ?? ""), level < 9 { current?.level = level + 1 }
                    case "t": inText = true
                    case "tab": add("\t")
                    case "br", "cr": add("\n")
                    default: break
                    }
                }
                stream.onText = { bytes in if inText { current?.add(bytes) } }
                stream.onEnd = { name in
                    switch name {
                    case "tbl": tables -= 1
                    case "t": inText = false
                    case "p":
                        // An empty body paragraph says nothing: not kept, however many there are.
                        if let paragraph = current, paragraph.level > 0 || paragraph.bytes > 0 {
                            found.append(paragraph)
                        }
                        current = nil
                    default: break
                    }
                }
            }
        } catch .tooLarge {
            throw .tooLarge
        } catch {
            throw .notReport
        }
        return found
    }
}
