import CSVReading
import Dispatch
import Foundation

/// One big UTF-8 file read on several cores: cut just after line feeds into parts, each part read
/// by a parser and a table builder of its own, then joined in order (`TableBuilder.join`).
///
/// A cut is only known to lie between records once the part before it has been read to it (its
/// parser then has no quoted field open). Where it does not, or a part cannot be joined, the
/// reading goes on from the part before, sequentially, as if the file had not been cut: the
/// result is always the one reading the file whole gives.
enum PartedReading {
    /// Files smaller than this are read whole: a part's fixed costs outweigh the gain.
    static let minimumBytes = 32 << 20
    /// Parts per core: the cores take parts in turn, so one that also hashes takes fewer and all
    /// finish together.
    static let partsPerCore = 8
    static let minimumPartBytes = 4 << 20
    /// Each part holds a read buffer until it is joined: a bound on memory however many cores.
    static let maximumParts = 64

    /// Where to aim each later part's start, as file offsets: parts of equal size.
    static func targets(size: Int, cores: Int) -> [Int] {
        let count = min(cores * partsPerCore, max(2, size / minimumPartBytes), maximumParts)
        guard cores > 1, count > 1 else { return [] }
        return (1..<count).map { size / count * $0 }
    }

    /// One part: its reader and its builder, used by one thread until the parts are joined.
    private final class Part<Kind: TableKindRules>: @unchecked Sendable {
        // @unchecked: each part is read by one thread; the joining thread waits for them all first.
        let reader: UTF8PartReader
        var table: TableBuilder<Kind>
        let end: Int?
        var failure: (any Error)?

        init(reader: UTF8PartReader, table: TableBuilder<Kind>, end: Int?) {
            self.reader = reader
            self.table = table
            self.end = end
        }

        /// Reads the part to its end; a later part stops as soon as it cannot be joined (`failure`
        /// is then `Stop`, and the part before reads on through it).
        func read(hasher: SHA256Hasher?) {
            var table = self.table
            do {
                try reader.read(
                    to: end, hasher: hasher, fields: { fields, line in table.offerFast(fields, line: line) },
                    { event in
                        table.take(event)
                        if table.partCannotJoin { throw Stop() }
                    })
            } catch {
                failure = error
            }
            self.table = table
        }
    }

    private struct Stop: Error {}

    /// Which later part is next.
    private final class PartBoard: @unchecked Sendable {
        // @unchecked: `next` is read and written only while `lock` is held.
        private let lock = NSLock()
        private var next = 1
        private let count: Int

        init(count: Int) {
            self.count = count
        }

        func take() -> Int? {
            lock.withLock {
                guard next < count else { return nil }
                defer { next += 1 }
                return next
            }
        }
    }

    /// Reads `source`'s records into `table` on `cores` cores, in parts starting at `starts` (from
    /// `CSVFile.partStarts`).
    static func read<Kind>(
        _ source: CSVRecordSource, starts: [Int], cores: Int, into table: inout TableBuilder<Kind>
    ) throws
        -> CSVFile.ReadSummary
    {
        let file = source.file
        let bom = file.signature == .text(.utf8WithBOM)
        let hasher = SHA256Hasher()
        if bom { hasher.update([0xEF, 0xBB, 0xBF][...]) }
        let firstStart = bom ? 3 : 0
        let parts = ([firstStart] + starts).enumerated().map { index, start in
            Part<Kind>(
                reader: UTF8PartReader(file: file, delimiter: source.delimiter, start: start),
                table: index == 0 ? table : table.laterPart(),
                end: index < starts.count ? starts[index] : nil)
        }
        // The first core reads the first part and hashes the whole file in order; every core then
        // takes the next part not yet taken.
        let board = PartBoard(count: parts.count)
        let group = DispatchGroup()
        let helpers = min(cores, parts.count) - 1
        for _ in 0..<helpers {
            DispatchQueue.global().async(group: group) {
                while let index = board.take() { parts[index].read(hasher: nil) }
            }
        }
        let first = parts[0]
        first.read(hasher: hasher)
        let byteCount = Result { try file.hashRest(from: starts[0], into: hasher) }
        while let index = board.take() { parts[index].read(hasher: nil) }
        group.wait()
        // What came before a failure in the first part counts as it does when read whole.
        table = first.table
        if let failure = first.failure { throw failure }

        // Join in order; where a part cannot be, read on through it from the part before.
        var current = first.reader
        for part in parts.dropFirst() {
            let linesBefore = current.line - 1
            if current.isBetweenRecords && part.failure == nil && table.join(part.table, linesBefore: linesBefore) {
                part.reader.renumber(linesBefore: linesBefore)
                current = part.reader
            } else {
                try current.read(
                    to: part.end, hasher: nil, fields: { fields, line in table.offerFast(fields, line: line) },
                    { event in table.take(event) })
            }
        }
        let count = try byteCount.get()
        // The parts were read after the hash: the file must still be the one hashed.
        try file.file.checkUnchanged(bytesRead: count)
        try current.finish { event in table.take(event) }
        return CSVFile.ReadSummary(sha256: hasher.finish(), byteCount: count)
    }
}
