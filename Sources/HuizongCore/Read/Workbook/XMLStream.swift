import CXMLStream

/// A part of a workbook, parsed as it is inflated: libxml2's push (SAX) parser (through the C
/// shim `CXMLStream`), fed chunk by chunk, calling back for each element's start and end and for
/// its text. Nothing of the document is kept; no entity is loaded from outside.
final class XMLStream {
    /// An element's local name and attributes (local name → value).
    struct Element {
        var name: String
        var attributes: [String: String]
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

    init() {
        stream = hz_xml_stream_new(
            Unmanaged.passUnretained(self).toOpaque(),
            { user, name, count, names, values, lengths in
                let stream = Unmanaged<XMLStream>.fromOpaque(user!).takeUnretainedValue()
                var attributes: [String: String] = [:]
                for index in 0..<Int(count) {
                    guard let name = names?[index], let value = values?[index], let length = lengths?[index] else {
                        continue
                    }
                    attributes[String(cString: name)] = value.withMemoryRebound(to: UInt8.self, capacity: Int(length)) {
                        String(decoding: UnsafeBufferPointer(start: $0, count: Int(length)), as: UTF8.self)
                    }
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

    /// Parses the next stretch of the part's bytes.
    func feed(_ bytes: UnsafeRawBufferPointer) throws(Problem) {
        guard let stream else { throw Problem(line: 0, reason: "no memory for the XML parser") }
        guard bytes.count > 0 else { return }
        let status = hz_xml_stream_feed(
            stream, bytes.baseAddress!.assumingMemoryBound(to: CChar.self), Int32(bytes.count), 0)
        if status != 0 { throw problem() }
    }

    /// Ends the part: anything left unclosed is a problem.
    func finish() throws(Problem) {
        guard let stream else { throw Problem(line: 0, reason: "no memory for the XML parser") }
        if hz_xml_stream_feed(stream, nil, 0, 1) != 0 { throw problem() }
    }

    private func problem() -> Problem {
        var line: Int32 = 0
        let message = String(cString: hz_xml_stream_error(stream, &line))
        return Problem(line: Int(line), reason: message.trimmingSpaces())
    }
}
