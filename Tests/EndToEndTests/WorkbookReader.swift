import Foundation
import ZIPFoundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Reads an .xlsx back as its cells, to check what a spreadsheet will show: each sheet by name,
/// each row as the cells at their columns, each cell a string (shared or inline) or a number as
/// stored in the XML.
struct WorkbookReader {
    enum Cell: Equatable, CustomStringConvertible {
        case string(String)
        case number(String)
        case empty

        var description: String {
            switch self {
            case .string(let text): "“\(text)”"
            case .number(let text): text
            case .empty: "·"
            }
        }
    }

    var sheets: [(name: String, rows: [Int: [Cell]])] = []
    /// Each sheet's formulas by row and column (1-based rows, 0-based columns, as `rows`).
    var formulas: [String: [Int: [Int: String]]] = [:]
    /// Each sheet's XML by name, and the workbook's and the styles' parts, for what cells do not show.
    var sheetXML: [String: String] = [:]
    var workbookXML = ""
    var stylesXML = ""
    /// docProps/core.xml, for the document's title and timestamps.
    var coreProperties = ""

    init(_ data: Data) throws {
        let archive = try Archive(data: data, accessMode: .read)
        func part(_ path: String) throws -> Data {
            guard let entry = archive[path] else { throw CocoaError(.fileReadNoSuchFile) }
            var bytes = Data()
            _ = try archive.extract(entry) { bytes.append($0) }
            return bytes
        }
        let shared = try? Self.elements(in: part("xl/sharedStrings.xml"), item: "si", text: "t")
        let relationships = try Self.attributes(in: part("xl/_rels/workbook.xml.rels"), element: "Relationship")
        let targets = Dictionary(uniqueKeysWithValues: relationships.map { ($0["Id"] ?? "", $0["Target"] ?? "") })
        for sheet in try Self.attributes(in: part("xl/workbook.xml"), element: "sheet") {
            let target = targets[sheet["r:id"] ?? ""] ?? ""
            let path = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
            let read = try Self.read(part(path), shared: shared ?? [])
            sheets.append((sheet["name"] ?? "", read.rows))
            formulas[sheet["name"] ?? ""] = read.formulas
            sheetXML[sheet["name"] ?? ""] = String(decoding: try part(path), as: UTF8.self)
        }
        workbookXML = String(decoding: try part("xl/workbook.xml"), as: UTF8.self)
        stylesXML = String(decoding: (try? part("xl/styles.xml")) ?? Data(), as: UTF8.self)
        coreProperties = String(decoding: (try? part("docProps/core.xml")) ?? Data(), as: UTF8.self)
    }

    func sheet(_ name: String) -> [[Cell]] {
        guard let rows = sheets.first(where: { $0.name == name })?.rows, let last = rows.keys.max() else { return [] }
        return (1...last).map { rows[$0] ?? [] }
    }

    /// `H`, `AB`: a 0-based column's letters.
    static func columnName(_ column: Int) -> String {
        var name = ""
        var rest = column + 1
        while rest > 0 {
            name = String(UnicodeScalar(UInt8(65 + (rest - 1) % 26))) + name
            rest = (rest - 1) / 26
        }
        return name
    }

    /// The column of a reference such as `BV25`: 0-based.
    static func column(_ reference: String) -> Int {
        reference.unicodeScalars.prefix { $0.properties.isAlphabetic }.reduce(0) { $0 * 26 + Int($1.value) - 64 } - 1
    }

    static func cells(in data: Data, shared: [String]) throws -> [Int: [Cell]] {
        try read(data, shared: shared).rows
    }

    static func read(_ data: Data, shared: [String]) throws -> (rows: [Int: [Cell]], formulas: [Int: [Int: String]]) {
        final class Delegate: NSObject, XMLParserDelegate {
            let shared: [String]
            var rows: [Int: [Cell]] = [:]
            var formulas: [Int: [Int: String]] = [:]
            var row = 0, column = 0, type = "", text = "", inValue = false, inFormula = false, formula = ""
            init(shared: [String]) { self.shared = shared }
            func parser(
                _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String]
            ) {
                switch name {
                case "row": row = Int(attributes["r"] ?? "") ?? row + 1
                case "c":
                    column = WorkbookReader.column(attributes["r"] ?? "A")
                    type = attributes["t"] ?? "n"
                    text = ""
                case "v", "t": inValue = true
                case "f":
                    inFormula = true
                    formula = ""
                default: break
                }
            }
            func parser(_ parser: XMLParser, foundCharacters string: String) {
                if inValue { text += string }
                if inFormula { formula += string }
            }
            func parser(
                _ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?
            ) {
                switch name {
                case "v", "t": inValue = false
                case "f":
                    inFormula = false
                    formulas[row, default: [:]][column] = formula
                case "c":
                    var cells = rows[row] ?? []
                    while cells.count <= column { cells.append(.empty) }
                    switch type {
                    case "s": cells[column] = .string(shared[Int(text) ?? 0])
                    case "str", "inlineStr": cells[column] = .string(text)
                    default: cells[column] = text.isEmpty ? .empty : .number(text)
                    }
                    rows[row] = cells
                default: break
                }
            }
        }
        let delegate = Delegate(shared: shared)
        let parser = XMLParser(data: data)
        parser.delegate = delegate
        guard parser.parse() else { throw parser.parserError ?? CocoaError(.fileReadCorruptFile) }
        return (delegate.rows, delegate.formulas)
    }

    /// The text of each `item` element (its `text` elements joined: rich text has several).
    static func elements(in data: Data, item: String, text: String) throws -> [String] {
        final class Delegate: NSObject, XMLParserDelegate {
            let item: String, text: String
            var items: [String] = []
            var current = "", inText = false
            init(item: String, text: String) { (self.item, self.text) = (item, text) }
            func parser(
                _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String]
            ) {
                if name == item { current = "" }
                if name == text { inText = true }
            }
            func parser(_ parser: XMLParser, foundCharacters string: String) { if inText { current += string } }
            func parser(
                _ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?
            ) {
                if name == text { inText = false }
                if name == item { items.append(current) }
            }
        }
        let delegate = Delegate(item: item, text: text)
        let parser = XMLParser(data: data)
        parser.delegate = delegate
        guard parser.parse() else { throw parser.parserError ?? CocoaError(.fileReadCorruptFile) }
        return delegate.items
    }

    static func attributes(in data: Data, element: String) throws -> [[String: String]] {
        final class Delegate: NSObject, XMLParserDelegate {
            let element: String
            var found: [[String: String]] = []
            init(element: String) { self.element = element }
            func parser(
                _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String]
            ) {
                if name == element { found.append(attributes) }
            }
        }
        let delegate = Delegate(element: element)
        let parser = XMLParser(data: data)
        parser.delegate = delegate
        guard parser.parse() else { throw parser.parserError ?? CocoaError(.fileReadCorruptFile) }
        return delegate.found
    }
}
