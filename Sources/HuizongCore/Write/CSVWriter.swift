/// A cell of a spreadsheet-bound CSV: how it is written depends on what it is.
package enum CSVCell: Sendable, Equatable {
    /// Free text: quoted as RFC 4180 needs, neutralised if a spreadsheet would run it as a formula.
    case text(String)
    /// A plain decimal (`-1234.50`, `17`): written bare so it opens as a number.
    case number(String)
    /// An identifier (unit code): written as it is, leading zeros and all. Programs read it as
    /// such; people open the workbook, where it is a text cell.
    case code(String)
    case empty
}

/// Writes CSV for Excel, WPS and LibreOffice: UTF-8 with BOM, CRLF, RFC 4180 quoting (`Escape.csvField`).
package struct CSVWriter {
    package private(set) var bytes: [UInt8] = [0xEF, 0xBB, 0xBF]

    package init() {}

    package mutating func writeRow(_ cells: [CSVCell]) {
        for (index, cell) in cells.enumerated() {
            if index > 0 { bytes.append(0x2C) }
            bytes.append(contentsOf: Self.encode(cell).utf8)
        }
        bytes.append(contentsOf: [0x0D, 0x0A])
    }

    static func encode(_ cell: CSVCell) -> String {
        switch cell {
        case .empty: return ""
        case .number(let text): return text
        case .code(let code):
            return Escape.csvField(code)
        case .text(let text):
            return Escape.csvField(text)
        }
    }
}
