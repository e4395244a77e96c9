import Foundation
import Testing

@testable import CSVReading

/// The fast path must return exactly what libcsv returns, on every input: records with their
/// lines, and the malformed stretches with theirs.
@Suite struct DifferentialTests {
    /// A small deterministic generator, so that a failure names the seed that reproduces it.
    typealias SplitMix = CSVReading.SplitMix

    static let pieces = [
        "a", "bc", "中文", "1,234.50", ",", ",", ",", "\"", "\"\"", "\"x\"", "\r\n", "\r\n", "\n", "\r",
        " ", "", "\t", ";", "012001", "2022-01-01", "\"a,b\"", "\"line\nbreak\"", "ＡＢ",
        "一般公共预算,项目支出,2080505 机关事业单位基本养老保险缴费支出",
    ]

    static func text(_ rng: inout SplitMix) -> [UInt8] {
        var text = ""
        for _ in 0..<Int.random(in: 0...120, using: &rng) { text += pieces.randomElement(using: &rng)! }
        return Array(text.utf8)
    }

    enum Event: Equatable {
        case record(Int, [String])
        case malformed(Int, Int, MalformedRecord.Reason)
    }

    final class Collector {
        var events: [Event] = []

        func consume(_ event: RecordEvent) {
            switch event {
            case .record(let record): events.append(.record(record.line, record.fields))
            case .malformed(let problem): events.append(.malformed(problem.line, problem.errorLine, problem.reason))
            }
        }
    }

    /// `borrowed`: the fast path's records are taken as borrowed fields, as the ledger reader takes them.
    static func parse(_ bytes: [UInt8], chunk: Int, delimiter: UInt8, libcsvOnly: Bool, borrowed: Bool = false)
        -> [Event]
    {
        let collector = Collector()
        let parser = RecordParser(delimiter: delimiter, libcsvOnly: libcsvOnly)
        func take(_ fields: RecordFields, line: Int) -> Bool {
            guard borrowed else { return false }
            collector.events.append(
                .record(line, (0..<fields.count).map { String(decoding: fields[$0], as: UTF8.self) }))
            return true
        }
        var start = 0
        while start < bytes.count {
            let end = min(bytes.count, start + chunk)
            parser.feed(bytes[start..<end], fields: take, collector.consume)
            start = end
        }
        parser.finish(collector.consume)
        return collector.events
    }

    @Test func theParserAgreesWithLibcsvOnRandomInput() {
        let seed = UInt64.random(in: 0...UInt64.max)
        var rng = SplitMix(state: seed)
        var compared = 0
        for trial in 0..<3000 {
            let bytes = Self.text(&rng)
            let chunk = [1, 2, 3, 7, 16, 64, 4096][trial % 7]
            let delimiter: UInt8 = [0x2C, 0x2C, 0x09, 0x3B][trial % 4]
            let fast = Self.parse(
                bytes, chunk: chunk, delimiter: delimiter, libcsvOnly: false, borrowed: trial % 2 == 1)
            let slow = Self.parse(bytes, chunk: chunk, delimiter: delimiter, libcsvOnly: true)
            #expect(
                fast == slow, "seed \(seed), trial \(trial): \(String(decoding: bytes, as: UTF8.self).debugDescription)"
            )
            if fast != slow { return }
            compared += fast.count
        }
        #expect(compared > 10_000, "the inputs produced records to compare")
    }

    @Test func filesAgreeWithLibcsvAcrossChunksAndBOMs() throws {
        let seed = UInt64.random(in: 0...UInt64.max)
        var rng = SplitMix(state: seed)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("huizong-diff-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for trial in 0..<300 {
            var bytes = Self.text(&rng)
            if trial % 2 == 0 { bytes = [0xEF, 0xBB, 0xBF] + bytes }
            let path = folder.appendingPathComponent("\(trial).csv").path
            try #require(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
            let file = try CSVFile(path: path)
            let chunk = [1, 5, 8, 13, 100][trial % 5]
            func read(_ libcsvOnly: Bool) throws -> [Event] {
                let collector = Collector()
                try file.readRecords(delimiter: 0x2C, chunkSize: chunk, libcsvOnly: libcsvOnly, collector.consume)
                return collector.events
            }
            let fast = try read(false)
            let slow = try read(true)
            #expect(fast == slow, "seed \(seed), trial \(trial)")
            // Same as parsing the bytes whole.
            let whole = Self.parse(
                trial % 2 == 0 ? Array(bytes.dropFirst(3)) : bytes, chunk: 1 << 20, delimiter: 0x2C, libcsvOnly: true)
            #expect(fast == whole, "seed \(seed), trial \(trial)")
        }
    }
}
