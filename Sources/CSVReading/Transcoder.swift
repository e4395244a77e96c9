import CTextScan

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Turns a file's bytes, chunk by chunk, into UTF-8. Never lossy: bytes that are not valid
/// in the file's encoding stop the conversion, and the caller reports where.
struct Transcoder: ~Copyable {
    let encoding: TextEncoding
    private var utf8 = UTF8Validator()
    private var carry: [UInt8] = []  // bytes of a character split across chunks
    private var iconvHandle: iconv_t?
    private var skipBOM: Bool

    init(encoding: TextEncoding) {
        self.encoding = encoding
        skipBOM = !encoding.byteOrderMark.isEmpty
        if encoding == .gb18030 {
            // Through the converters' lock, which a fork for an .xls also takes (hz_converter_open).
            let handle = hz_converter_open("UTF-8", "GB18030")
            iconvHandle = handle == UnsafeMutableRawPointer(bitPattern: -1) ? nil : handle
        }
    }

    deinit {
        if let iconvHandle { hz_converter_close(iconvHandle) }
    }

    enum Outcome {
        case ok
        /// The input is not valid in the encoding; `output` holds what came before.
        case invalid
        /// A NUL character: valid in the encoding, never text in an export; `output` holds what came before.
        case nul
    }

    /// Appends the UTF-8 for `input` to `output`. `isLast` marks the end of the file, where a
    /// character left unfinished is invalid.
    mutating func convert(_ input: ArraySlice<UInt8>, into output: inout [UInt8], isLast: Bool) -> Outcome {
        var input = input
        if skipBOM {
            // The BOM is the first bytes of the first chunk; a chunk is never shorter than it.
            input = input.dropFirst(encoding.byteOrderMark.count)
            skipBOM = false
        }
        switch encoding {
        case .utf8, .utf8WithBOM:
            let valid = utf8.validate(input)
            output.append(contentsOf: input.prefix(valid))
            if valid < input.count { return input[input.startIndex + valid] == 0 ? .nul : .invalid }
            if isLast && !utf8.isAtBoundary { return .invalid }
            return .ok
        case .utf16LittleEndian, .utf16BigEndian:
            return convertUTF16(input, into: &output, isLast: isLast)
        case .gb18030:
            return convertWithIconv(input, into: &output, isLast: isLast)
        }
    }

    private mutating func convertUTF16(_ input: ArraySlice<UInt8>, into output: inout [UInt8], isLast: Bool) -> Outcome
    {
        var bytes = carry
        bytes.append(contentsOf: input)
        carry.removeAll()
        let littleEndian = encoding == .utf16LittleEndian
        var index = 0
        func unit(at i: Int) -> UInt16 {
            littleEndian
                ? UInt16(bytes[i]) | UInt16(bytes[i + 1]) << 8
                : UInt16(bytes[i]) << 8 | UInt16(bytes[i + 1])
        }
        while index + 1 < bytes.count {
            let first = unit(at: index)
            var scalar: UInt32
            var width = 2
            switch first {
            case 0xD800...0xDBFF:
                guard index + 3 < bytes.count else {
                    if isLast { return .invalid }
                    carry = Array(bytes[index...])
                    return .ok
                }
                let second = unit(at: index + 2)
                guard (0xDC00...0xDFFF).contains(second) else { return .invalid }
                scalar = 0x10000 + ((UInt32(first) - 0xD800) << 10) + (UInt32(second) - 0xDC00)
                width = 4
            case 0xDC00...0xDFFF:
                return .invalid
            default:
                scalar = UInt32(first)
            }
            if scalar == 0 { return .nul }  // NUL is never text in an export
            appendUTF8(scalar, to: &output)
            index += width
        }
        if index < bytes.count {
            if isLast { return .invalid }
            carry = Array(bytes[index...])
        }
        return .ok
    }

    private mutating func convertWithIconv(_ input: ArraySlice<UInt8>, into output: inout [UInt8], isLast: Bool)
        -> Outcome
    {
        guard let handle = iconvHandle else { return .invalid }
        var bytes = carry
        bytes.append(contentsOf: input)
        carry.removeAll()
        if bytes.isEmpty { return .ok }
        // GB18030 characters are at most 4 bytes, each becoming at most 4 bytes of UTF-8.
        var buffer = [UInt8](repeating: 0, count: bytes.count * 2 + 16)
        var outcome = Outcome.ok
        var consumed = 0
        var produced = 0
        bytes.withUnsafeMutableBufferPointer { inBuffer in
            buffer.withUnsafeMutableBufferPointer { outBuffer in
                var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBuffer.baseAddress!)
                    .assumingMemoryBound(to: CChar.self)
                var inLeft = inBuffer.count
                var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuffer.baseAddress!)
                    .assumingMemoryBound(to: CChar.self)
                var outLeft = outBuffer.count
                let result = iconv(handle, &inPointer, &inLeft, &outPointer, &outLeft)
                consumed = inBuffer.count - inLeft
                produced = outBuffer.count - outLeft
                if result == -1 {
                    // EINVAL: a character cut by the chunk's end; anything else is invalid input.
                    if errno == EINVAL && !isLast {
                        outcome = .ok
                    } else {
                        outcome = .invalid
                    }
                }
            }
        }
        let text = buffer[..<produced]
        // NUL is valid GB18030 but never text in an export.
        if let nul = text.firstIndex(of: 0) {
            output.append(contentsOf: text[..<nul])
            return .nul
        }
        output.append(contentsOf: text)
        if outcome == .ok && consumed < bytes.count {
            carry = Array(bytes[consumed...])
        }
        return outcome
    }
}

func appendUTF8(_ scalar: UInt32, to output: inout [UInt8]) {
    switch scalar {
    case 0..<0x80:
        output.append(UInt8(scalar))
    case 0x80..<0x800:
        output.append(UInt8(0xC0 | (scalar >> 6)))
        output.append(UInt8(0x80 | (scalar & 0x3F)))
    case 0x800..<0x10000:
        output.append(UInt8(0xE0 | (scalar >> 12)))
        output.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
        output.append(UInt8(0x80 | (scalar & 0x3F)))
    default:
        output.append(UInt8(0xF0 | (scalar >> 18)))
        output.append(UInt8(0x80 | ((scalar >> 12) & 0x3F)))
        output.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
        output.append(UInt8(0x80 | (scalar & 0x3F)))
    }
}

extension TextEncoding {
    /// The encoding of a whole text document (an HTML ".xls"): a BOM's, else UTF-8 when every
    /// byte is valid UTF-8, else GB18030; and the document's bytes in UTF-8, without the BOM.
    /// Nil when the bytes are not valid in that encoding or hold a NUL.
    public static func utf8Text(of bytes: [UInt8]) -> (encoding: TextEncoding, utf8: [UInt8])? {
        guard case .text(let encoding) = FileSignature.detect(prefix: bytes, isWholeFile: true) else {
            return bytes.isEmpty ? (.utf8, []) : nil
        }
        var transcoder = Transcoder(encoding: encoding)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        guard transcoder.convert(bytes[...], into: &output, isLast: true) == .ok else { return nil }
        return (encoding, output)
    }
}
