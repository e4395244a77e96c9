import CXMLStream

/// The parts of a ZIP file held in memory (an .xlsx), found through its central directory once
/// and looked up by name. Nothing the directory says is taken on trust: every part must lie
/// inside the file without overlapping another, a name may appear once, and a part is inflated
/// by zlib a stretch at a time so that its reader counts the bytes actually taken and made.
final class ZIPParts {
    struct Part {
        var name: String
        /// 0 stored, 8 deflated.
        var method: Int
        var checksum: UInt32
        /// Where its data starts in the file, and how many bytes it spans there.
        var dataStart: Int
        var compressedSize: Int
        /// What the directory says it inflates to: checked against what it really does.
        var uncompressedSize: Int
    }

    enum Problem: Error {
        /// Not a ZIP file we can read, and why (in the officers' words).
        case notAZIP(String)
        /// Two entries of one name: readers disagree on which is the part (Python reads the last).
        case duplicate(String)
    }

    /// The file's bytes, shared with the caller's array, not copied (a workbook of 256 MiB, or a
    /// report.docx of 64 MiB, is held once).
    private let bytes: [UInt8]
    let parts: [String: Part]
    /// How many bytes the file holds.
    var count: Int { bytes.count }

    init(_ bytes: [UInt8]) throws(Problem) {
        self.bytes = bytes
        var directory: Result<[String: Part], Problem> = .failure(.notAZIP(""))
        bytes.withUnsafeBytes { raw in
            directory = Result { () throws(Problem) in try Self.directory(raw) }
        }
        parts = try directory.get()
    }

    /// How far each part has been inflated, and all of them together: the file's budget.
    private var reached: [String: Int] = [:]
    private var inflatedTotal = 0

    /// Streams one part through an `XMLStream` set up by `configure`.
    func parse(
        _ part: String, limit: Int, optional: Bool = false, _ configure: (XMLStream) -> Void
    ) throws(XLSXWorkbook.Problem) {
        let stream = XMLStream()
        configure(stream)
        try inflate(part, limit: limit, optional: optional, into: stream)
    }

    /// Inflates one part into `stream`, within the limits, counting the bytes really taken and made.
    /// - Parameter shouldStop: asked after each chunk; true ends the part early, without a problem.
    func inflate(
        _ name: String, limit: Int, optional: Bool = false, shouldStop: () -> Bool = { false },
        into stream: some PartParser
    ) throws(XLSXWorkbook.Problem) {
        guard let part = self[name] else {
            if optional { return }
            throw .notAWorkbook("其中没有 \(name)")
        }
        var outcome: Result<Void, XLSXWorkbook.Problem> = .success(())
        bytes.withUnsafeBytes { file in
            let input = UnsafeRawBufferPointer(rebasing: file[part.dataStart..<part.dataStart + part.compressedSize])
            outcome = Result { () throws(XLSXWorkbook.Problem) in
                try inflate(input, of: part, limit: limit, shouldStop: shouldStop, into: stream)
            }
        }
        try outcome.get()
    }

    /// The inflating itself, over the bytes the part spans in the file (deflated or stored).
    private func inflate(
        _ input: UnsafeRawBufferPointer, of part: Part, limit: Int, shouldStop: () -> Bool, into stream: some PartParser
    ) throws(XLSXWorkbook.Problem) {
        let name = part.name
        let budget = max(XLSXWorkbook.ratioFloor, count * XLSXWorkbook.maxRatio)
        var checksum: UInt32 = 0
        var taken = 0
        var made = 0
        let inflater = part.method == 8 ? hz_inflater_new() : nil
        defer { hz_inflater_free(inflater) }
        guard part.method == 0 || inflater != nil else {
            throw .notAWorkbook(part.method == 8 ? "内存不足" : "\(name) 的压缩方式（\(part.method)）无法读取")
        }
        let output = UnsafeMutableRawBufferPointer.allocate(byteCount: XLSXWorkbook.chunkBytes, alignment: 8)
        defer { output.deallocate() }
        var ended = false
        while !ended {
            var chunk: UnsafeRawBufferPointer
            if let inflater {
                var used = 0
                var produced = 0
                let status = hz_inflate(
                    inflater, input.baseAddress.map { $0.assumingMemoryBound(to: UInt8.self) + taken },
                    input.count - taken, &used, output.baseAddress!.assumingMemoryBound(to: UInt8.self),
                    output.count, &produced)
                // Bad deflate data, or data that stops short of its end: damaged in copying.
                guard status >= 0, status == 1 || used > 0 || produced > 0 else { throw .damaged(part: name) }
                ended = status == 1
                taken += used
                chunk = UnsafeRawBufferPointer(rebasing: output[0..<produced])
            } else {
                chunk = UnsafeRawBufferPointer(
                    rebasing: input[taken..<min(input.count, taken + XLSXWorkbook.chunkBytes)])
                taken += chunk.count
                ended = taken == input.count
            }
            made += chunk.count
            // The real ratio so far, the part's own limit, and the workbook's: all on bytes made.
            let allowed = min(limit, max(XLSXWorkbook.ratioFloor, taken * XLSXWorkbook.maxRatio))
            if made > allowed { throw .tooLarge(part: name, limit: allowed) }
            if made > reached[name, default: 0] {
                inflatedTotal += made - reached[name, default: 0]
                reached[name] = made
                if inflatedTotal > budget { throw .tooLarge(part: name, limit: budget) }
            }
            checksum = hz_crc32(checksum, chunk.baseAddress, chunk.count)
            do throws(XMLStream.Problem) {
                try stream.feed(chunk)
            } catch {
                throw .malformed(part: name, line: error.line, reason: error.reason)
            }
            if shouldStop() { return }
        }
        do throws(XMLStream.Problem) {
            try stream.finish()
        } catch {
            throw .malformed(part: name, line: error.line, reason: error.reason)
        }
        if checksum != part.checksum || made != part.uncompressedSize { throw .damaged(part: name) }
    }

    subscript(name: String) -> Part? { parts[name] }

    private static func u16(_ bytes: UnsafeRawBufferPointer, _ at: Int) -> Int {
        Int(bytes[at]) | Int(bytes[at + 1]) << 8
    }

    private static func u32(_ bytes: UnsafeRawBufferPointer, _ at: Int) -> Int {
        u16(bytes, at) | u16(bytes, at + 2) << 16
    }

    private static func u64(_ bytes: UnsafeRawBufferPointer, _ at: Int) -> Int {
        // Values past 2^62 are no offset or size in a file held in memory: clamped, then refused.
        let high = u32(bytes, at + 4)
        return high >= 1 << 30 ? Int.max : u32(bytes, at) | high << 32
    }

    /// The central directory: each entry's name, method, checksum and where its data lies.
    private static func directory(_ bytes: UnsafeRawBufferPointer) throws(Problem) -> [String: Part] {
        let broken = Problem.notAZIP("不是完整的 ZIP 文件")
        // The end record: the last signature within its 22 bytes and a comment of up to 64 KiB.
        guard bytes.count >= 22 else { throw broken }
        var end = bytes.count - 22
        while end >= max(0, bytes.count - 22 - 65_535), u32(bytes, end) != 0x0605_4B50 { end -= 1 }
        guard end >= 0, u32(bytes, end) == 0x0605_4B50 else { throw broken }
        var entries = u16(bytes, end + 10)
        var directorySize = u32(bytes, end + 12)
        var directoryStart = u32(bytes, end + 16)
        if entries == 0xFFFF || directorySize == 0xFFFF_FFFF || directoryStart == 0xFFFF_FFFF {
            // ZIP64: the locator just before the end record says where the ZIP64 end record is.
            let locator = end - 20
            guard locator >= 0, u32(bytes, locator) == 0x0706_4B50 else { throw broken }
            let record = u64(bytes, locator + 8)
            guard record <= bytes.count - 56, u32(bytes, record) == 0x0606_4B50 else { throw broken }
            entries = u64(bytes, record + 32)
            directorySize = u64(bytes, record + 40)
            directoryStart = u64(bytes, record + 48)
        }
        // Each entry takes at least 46 bytes: a count the directory cannot hold is a lie.
        guard directoryStart <= end, directorySize <= end - directoryStart, entries <= directorySize / 46 else {
            throw broken
        }
        var parts: [String: Part] = [:]
        var spans: [(start: Int, end: Int, name: String)] = []
        var seen: Set<String> = []
        var at = directoryStart
        for _ in 0..<entries {
            guard at <= directoryStart + directorySize - 46, u32(bytes, at) == 0x0201_4B50 else { throw broken }
            let flags = u16(bytes, at + 8)
            let nameLength = u16(bytes, at + 28)
            let extraLength = u16(bytes, at + 30)
            let next = at + 46 + nameLength + extraLength + u16(bytes, at + 32)
            guard next <= directoryStart + directorySize else { throw broken }
            let name = String(
                decoding: UnsafeRawBufferPointer(rebasing: bytes[at + 46..<at + 46 + nameLength]), as: UTF8.self)
            var part = Part(
                name: name, method: u16(bytes, at + 10), checksum: UInt32(u32(bytes, at + 16)), dataStart: 0,
                compressedSize: u32(bytes, at + 20), uncompressedSize: u32(bytes, at + 24))
            var headerStart = u32(bytes, at + 42)
            Self.zip64(
                UnsafeRawBufferPointer(rebasing: bytes[at + 46 + nameLength..<at + 46 + nameLength + extraLength]),
                part: &part, headerStart: &headerStart)
            at = next
            // Two names that differ only in case are one part to Excel (OPC names ignore case): either
            // could be the one a reader takes, so that is set aside too.
            guard seen.insert(name.lowercased()).inserted else { throw .duplicate(name) }
            guard flags & 1 == 0 else { throw .notAZIP("其中的 \(name) 已加密") }
            // The local header: its own name and extra field lengths say where the data starts.
            guard headerStart <= bytes.count - 30, u32(bytes, headerStart) == 0x0403_4B50 else { throw broken }
            part.dataStart = headerStart + 30 + u16(bytes, headerStart + 26) + u16(bytes, headerStart + 28)
            guard part.compressedSize <= directoryStart, part.dataStart <= directoryStart - part.compressedSize else {
                throw .notAZIP("\(name) 记录的大小超出了文件")
            }
            spans.append((headerStart, part.dataStart + part.compressedSize, name))
            parts[name] = part
        }
        // Parts that share bytes are how a small file inflates many times over: none may.
        spans.sort { $0.start < $1.start }
        for (one, next) in zip(spans, spans.dropFirst()) where one.end > next.start {
            throw .notAZIP("\(one.name) 与 \(next.name) 的数据相互重叠")
        }
        return parts
    }

    /// ZIP64's extended information (extra field 1): the sizes and offset too large for 32 bits,
    /// in this order, each only when its 32-bit field is all ones.
    private static func zip64(_ extra: UnsafeRawBufferPointer, part: inout Part, headerStart: inout Int) {
        var at = 0
        while at + 4 <= extra.count {
            let id = u16(extra, at)
            let size = u16(extra, at + 2)
            guard at + 4 + size <= extra.count else { return }
            if id == 1 {
                var field = at + 4
                func take(_ value: inout Int) {
                    guard value == 0xFFFF_FFFF, field + 8 <= at + 4 + size else { return }
                    value = u64(extra, field)
                    field += 8
                }
                take(&part.uncompressedSize)
                take(&part.compressedSize)
                take(&headerStart)
                return
            }
            at += 4 + size
        }
    }
}
