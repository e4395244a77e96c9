/// The text encodings Huizong reads. Everything is turned into UTF-8 before parsing.
public enum TextEncoding: String, Sendable, Codable, CaseIterable {
    case utf8 = "utf-8"
    case utf8WithBOM = "utf-8-bom"
    case utf16LittleEndian = "utf-16le"
    case utf16BigEndian = "utf-16be"
    case gb18030 = "gb18030"

    /// The byte-order mark that introduces the encoding, if it has one.
    var byteOrderMark: [UInt8] {
        switch self {
        case .utf8: []
        case .utf8WithBOM: [0xEF, 0xBB, 0xBF]
        case .utf16LittleEndian: [0xFF, 0xFE]
        case .utf16BigEndian: [0xFE, 0xFF]
        case .gb18030: []
        }
    }

    /// Words an officer understands, for messages and `inspect`.
    public var displayName: String {
        switch self {
        case .utf8: "UTF-8"
        case .utf8WithBOM: "UTF-8 (with BOM)"
        case .utf16LittleEndian: "UTF-16 LE"
        case .utf16BigEndian: "UTF-16 BE"
        case .gb18030: "GB18030/GBK"
        }
    }
}

/// What the first bytes of a file say it is, before any CSV parsing.
public enum FileSignature: Equatable, Sendable {
    case empty
    case text(TextEncoding)
    /// A ZIP container: an .xlsx or .docx saved under a .csv name.
    case zipArchive
    /// An OLE2 compound file: an old .xls workbook.
    case legacyOfficeDocument
    /// NUL bytes in text that has no UTF-16 BOM: not a text export at all.
    case binary

    /// Decides from up to the first 64 KiB of a file.
    /// - Parameter isWholeFile: true when `prefix` is the entire file, so a truncated UTF-8
    ///   sequence at its end is an error rather than the cut of the window.
    public static func detect(prefix: [UInt8], isWholeFile: Bool) -> FileSignature {
        if prefix.isEmpty { return .empty }
        if prefix.starts(with: [0x50, 0x4B, 0x03, 0x04]) { return .zipArchive }
        if prefix.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) { return .legacyOfficeDocument }
        for encoding in [TextEncoding.utf8WithBOM, .utf16LittleEndian, .utf16BigEndian]
        where prefix.starts(with: encoding.byteOrderMark) {
            return .text(encoding)
        }
        if prefix.contains(0) { return .binary }
        // Strict UTF-8 first: GB18030 only when the bytes are not valid UTF-8.
        var validator = UTF8Validator()
        let validLength = validator.validate(prefix[...])
        if validLength == prefix.count && (!isWholeFile || validator.isAtBoundary) {
            return .text(.utf8)
        }
        return .text(.gb18030)
    }
}

/// Checks UTF-8 incrementally, carrying an unfinished sequence from one chunk to the next.
struct UTF8Validator {
    private var pending = 0  // continuation bytes still owed
    private var lowerBound: UInt8 = 0x80  // the allowed range of the next continuation byte
    private var upperBound: UInt8 = 0xBF

    /// True when no multi-byte sequence is open.
    var isAtBoundary: Bool { pending == 0 }

    /// Returns how many bytes from the start of `bytes` are valid; `bytes.count` when all are.
    /// A sequence left open at the end counts as valid until the next chunk says otherwise.
    mutating func validate(_ bytes: ArraySlice<UInt8>) -> Int {
        var index = bytes.startIndex
        var lastBoundary = index
        while index < bytes.endIndex {
            let byte = bytes[index]
            if pending > 0 {
                guard byte >= lowerBound && byte <= upperBound else {
                    // The bad sequence began before this chunk when no boundary was seen in it.
                    return lastBoundary - bytes.startIndex
                }
                lowerBound = 0x80
                upperBound = 0xBF
                pending -= 1
                index += 1
                if pending == 0 { lastBoundary = index }
                continue
            }
            switch byte {
            case 0x01...0x7F: pending = 0  // NUL is never text in an export
            case 0xC2...0xDF: pending = 1
            case 0xE0:
                pending = 2
                lowerBound = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: pending = 2
            case 0xED:
                pending = 2
                upperBound = 0x9F
            case 0xF0:
                pending = 3
                lowerBound = 0x90
            case 0xF1...0xF3: pending = 3
            case 0xF4:
                pending = 3
                upperBound = 0x8F
            default: return index - bytes.startIndex
            }
            index += 1
            if pending == 0 { lastBoundary = index }
        }
        return bytes.count
    }
}
