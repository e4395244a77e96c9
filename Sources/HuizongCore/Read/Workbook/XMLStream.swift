import CXMLStream

/// A part of a workbook, parsed as it is inflated: libxml2's push (SAX) parser (through the C
/// shim `CXMLStream`), fed chunk by chunk, calling back for each element's start and end and for
/// its text. Nothing of the document is kept; no entity is loaded from outside.
final class XMLStream {
    /// An element's local name and attributes (local name and value, in order): a list, not a
    /// dictionary, since an element has a handful and they are looked up once.
    struct Element {
        var name: String
        var attributes: [(name: String, value: String)]

        subscript(attribute: String) -> String? {
            attributes.first { $0.name == attribute }?.value
        }
    }

    var onStart: (Element) -> Void = { _ in }
    var onText: (UnsafeBufferPointer<UInt8>) -> Void = { _ in }
    var onEnd: (String) -> Void = { _ in }

    private var stream: OpaquePointer?

    /// Why a part is not XML, with libxml2's own words and the line it stopped on.
    struct Problem: Error {
        var line: Int
        var reason: String
    }

    /// - Parameter html: parse as HTML (libxml2's forgiving parser: a web system's ".xls").
    init(html: Bool = false) {
        stream = (html ? hz_html_stream_new : hz_xml_stream_new)(
            Unmanaged.passUnretained(self).toOpaque(),
            { user, name, count, names, values, lengths in
                let stream = Unmanaged<XMLStream>.fromOpaque(user!).takeUnretainedValue()
                var attributes: [(name: String, value: String)] = []
                attributes.reserveCapacity(Int(count))
                for index in 0..<Int(count) {
                    guard let name = names?[index], let value = values?[index], let length = lengths?[index] else {
                        continue
                    }
                    let text = value.withMemoryRebound(to: UInt8.self, capacity: Int(length)) {
                        String(decoding: UnsafeBufferPointer(start: $0, count: Int(length)), as: UTF8.self)
                    }
                    attributes.append((String(cString: name), text))
                }
                stream.onStart(Element(name: String(cString: name!), attributes: attributes))
            },
            { user, bytes, count in
                Unmanaged<XMLStream>.fromOpaque(user!).takeUnretainedValue()
                    .onText(UnsafeBufferPointer(start: bytes, count: Int(count)))
            },
            { user, name in
                Unmanaged<XMLStream>.fromOpaque(user!).takeUnretainedValue().onEnd(String(cString: name!))
            })
    }

    deinit { hz_xml_stream_free(stream) }

    func push(_ bytes: UnsafePointer<CChar>?, _ count: Int32, isLast: Bool) -> Int32? {
        stream.map { hz_xml_stream_feed($0, bytes, count, isLast ? 1 : 0) }
    }

    func lastError(line: inout Int32) -> String { String(cString: hz_xml_stream_error(stream, &line)) }
}

/// A part parsed as it is inflated, chunk by chunk, by one of the C shim's push parsers.
protocol PartParser: AnyObject {
    /// Hands the parser bytes (the last call: none, `isLast`); its status, 0 when all is well;
    /// nil when there is no parser (no memory to make one).
    func push(_ bytes: UnsafePointer<CChar>?, _ count: Int32, isLast: Bool) -> Int32?
    /// The parser's last error and its line.
    func lastError(line: inout Int32) -> String
}

extension PartParser {
    /// Parses the next stretch of the part's bytes.
    func feed(_ bytes: UnsafeRawBufferPointer) throws(XMLStream.Problem) {
        guard bytes.count > 0 else { return }
        try check(push(bytes.baseAddress!.assumingMemoryBound(to: CChar.self), Int32(bytes.count), isLast: false))
    }

    /// Ends the part: anything left unclosed is a problem.
    func finish() throws(XMLStream.Problem) {
        try check(push(nil, 0, isLast: true))
    }

    private func check(_ status: Int32?) throws(XMLStream.Problem) {
        guard let status else { throw XMLStream.Problem(line: 0, reason: "no memory for the XML parser") }
        guard status != 0 else { return }
        var line: Int32 = 0
        let message = lastError(line: &line)
        throw XMLStream.Problem(line: Int(line), reason: message.trimmingSpaces())
    }
}

extension XMLStream: PartParser {}

/// A worksheet part read row by row in C (`hz_sheet_stream`): each row's cells handed over at
/// once, their values as bytes, so the hot loop makes no string per XML element.
final class SheetStream: PartParser {
    /// One cell: its column, type (`n`, `s`, `b`, `e`, `S` for str, `i` for inline), style and value.
    struct Cell {
        var column: Int
        var type: UInt8
        var style: Int
        var value: UnsafeBufferPointer<UInt8>
    }

    /// A row's number, its cells (at most 16,384) and how many cells past those it held.
    var onRow: (Int, [Cell], Int) -> Void = { _, _, _ in }
    private var stream: OpaquePointer?
    private var cells: [Cell] = []

    init() {
        stream = hz_sheet_stream_new(Unmanaged.passUnretained(self).toOpaque()) {
            user, row, cells, count, values, ignored in
            let stream = Unmanaged<SheetStream>.fromOpaque(user!).takeUnretainedValue()
            stream.cells.removeAll(keepingCapacity: true)
            for index in 0..<Int(count) {
                let cell = cells![index]
                stream.cells.append(
                    Cell(
                        column: Int(cell.column), type: UInt8(bitPattern: cell.type), style: Int(cell.style),
                        value: UnsafeBufferPointer(
                            start: values.map { $0 + Int(cell.value_offset) }, count: Int(cell.value_length))))
            }
            stream.onRow(Int(row), stream.cells, Int(ignored))
        }
    }

    deinit { hz_sheet_stream_free(stream) }

    func push(_ bytes: UnsafePointer<CChar>?, _ count: Int32, isLast: Bool) -> Int32? {
        stream.map { hz_sheet_stream_feed($0, bytes, count, isLast ? 1 : 0) }
    }

    func lastError(line: inout Int32) -> String { String(cString: hz_sheet_stream_error(stream, &line)) }
}
