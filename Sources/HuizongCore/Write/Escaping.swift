/// Untrusted text (unit, indicator and file names, messages quoting cells) made safe for each
/// kind of output, in one place per kind.
///
/// Everything here works on Unicode scalars or UTF-8 bytes, never on `Character`: a grapheme
/// cluster can glue a prepend character or a combining mark to `<` or `"`, and then a
/// comparison with `"<"` or `"\""` never matches.
package enum Escape {
    /// HTML text or a quoted attribute value: `& < > " '` become entities.
    package static func html(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        // All five are ASCII, and no byte of a multi-byte UTF-8 sequence is ASCII.
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "&"): out += Array("&amp;".utf8)
            case UInt8(ascii: "<"): out += Array("&lt;".utf8)
            case UInt8(ascii: ">"): out += Array("&gt;".utf8)
            case UInt8(ascii: "\""): out += Array("&quot;".utf8)
            case UInt8(ascii: "'"): out += Array("&#39;".utf8)
            default: out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// XML text or attribute value (report.docx): as `html`, and every scalar XML 1.0 does not
    /// allow (C0 controls other than tab, LF and CR; U+FFFE, U+FFFF) becomes U+FFFD, so a hostile
    /// name cannot make the document one that Word or WPS refuses to open.
    package static func xml(_ text: String) -> String {
        let allowed = text.unicodeScalars.allSatisfy(isXMLCharacter)
        let clean =
            allowed
            ? text : String(String.UnicodeScalarView(text.unicodeScalars.map { isXMLCharacter($0) ? $0 : "\u{FFFD}" }))
        return html(clean)
    }

    static func isXMLCharacter(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value >= 0x20
            ? scalar.value != 0xFFFE && scalar.value != 0xFFFF : [0x09, 0x0A, 0x0D].contains(scalar.value)
    }

    /// CommonMark text that reads back as exactly itself, and stays readable for the officer who
    /// edits report.md: the characters that make markup anywhere in a line (emphasis, code,
    /// links, HTML, entities, table cells, headings, lists, quotes) are backslash-escaped; a
    /// leading number's `.` or `)` before a space too, so the text cannot start a numbered list; a leading space
    /// becomes `&#32;`, so it cannot start a code block; and every line break becomes one space,
    /// so a name never starts a block or breaks a table row. `.` `,` `:` `%` `(` `/` stay as they are.
    package static func markdown(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var scalars = text.unicodeScalars.makeIterator()
        var pending = scalars.next()
        var atStart = true
        var leadingDigits = 0
        while var scalar = pending {
            pending = scalars.next()
            switch scalar.value {
            case 0x0D:
                // CRLF is one line break, so one space.
                if pending == "\n" { pending = scalars.next() }
                scalar = " "
            case 0x0A, 0x85, 0x2028, 0x2029:
                scalar = " "
            default:
                break
            }
            switch scalar.value {
            case 0x20 where atStart:
                out.append(contentsOf: "&#32;".unicodeScalars)
                continue
            case 0x30...0x39 where atStart || leadingDigits > 0:
                leadingDigits += 1
                out.append(scalar)
                atStart = false
                continue
            case _
            where (scalar == "." || scalar == ")") && leadingDigits > 0
                && (pending == nil || [" ", "\t", "\r", "\n"].contains(pending!)):
                out.append("\\")
                out.append(scalar)
            case _ where markdownMarkup.contains(scalar.value):
                out.append("\\")
                out.append(scalar)
            default:
                out.append(scalar)
            }
            atStart = false
            leadingDigits = 0
        }
        return String(out)
    }

    /// ``\ ` * _ [ ] < > & | ~ # ! + - = { }``: markup in some position of a line.
    static let markdownMarkup: Set<UInt32> = Set("\\`*_[]<>&|~#!+-={}".unicodeScalars.map(\.value))

    /// One line for a terminal or a cron mail: control characters (C0 with ESC, CR, LF and
    /// TAB; DEL; C1), bidi controls and the Unicode line and paragraph separators are shown as
    /// `\u{1B}`, so a name can neither move the cursor, reorder the line nor start a new one.
    package static func terminal(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if isTerminalControl(scalar) {
                out.append(contentsOf: "\\u{\(String(scalar.value, radix: 16, uppercase: true))}".unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// What `terminal(_:)` shows escaped.
    package static func isTerminalControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F, 0x80...0x9F: true
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: true
        case 0x2028, 0x2029: true
        default: false
        }
    }

    /// A CSV field for spreadsheets: neutralised with a leading `'` if a spreadsheet would
    /// read it as a formula, then quoted if it holds a delimiter any spreadsheet may split on
    /// (`,` `;` tab), a line break or a quote, or begins or ends with a space (which importers trim).
    package static func csvField(_ text: String) -> String {
        var text = text
        if let first = text.unicodeScalars.first, csvFormulaStarters.contains(first.value) {
            // A leading apostrophe makes the cell plain text in every spreadsheet.
            text = "'" + text
        }
        let bytes = text.utf8
        let needsQuotes = bytes.contains { csvSpecialBytes.contains($0) } || bytes.first == 0x20 || bytes.last == 0x20
        return needsQuotes ? csvQuoted(text) : text
    }

    /// `= + - @`, tab, CR and the full-width `＝ ＋ － ＠`.
    static let csvFormulaStarters: Set<UInt32> = [0x3D, 0x2B, 0x2D, 0x40, 0x09, 0x0D, 0xFF1D, 0xFF0B, 0xFF0D, 0xFF20]

    /// `,` `;` tab CR LF `"`.
    static let csvSpecialBytes: Set<UInt8> = [0x2C, 0x3B, 0x09, 0x0D, 0x0A, 0x22]

    /// `text` in quotes, every `"` doubled; by byte, since `"` followed by a combining mark is
    /// one `Character` that `replacing("\"", …)` would not see.
    package static func csvQuoted(_ text: String) -> String {
        var out: [UInt8] = [0x22]
        out.reserveCapacity(text.utf8.count + 2)
        for byte in text.utf8 {
            out.append(byte)
            if byte == 0x22 { out.append(0x22) }
        }
        out.append(0x22)
        return String(decoding: out, as: UTF8.self)
    }
}
