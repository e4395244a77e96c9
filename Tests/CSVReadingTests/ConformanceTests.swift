import Foundation
import Testing

@testable import CSVReading

/// The csv-spectrum edge cases: each file must give exactly the records its JSON lists.
@Suite struct ConformanceTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/csv-spectrum")

    static let wellFormed = [
        "comma_in_quotes", "empty", "empty_crlf", "escaped_quotes", "json",
        "newlines", "newlines_crlf", "quotes_and_newlines", "simple",
        "simple_crlf", "utf8",
    ]

    @Test(arguments: wellFormed)
    func returnsTheExpectedRecords(name: String) throws {
        let (records, problems) = try readAll(Self.folder.appendingPathComponent("csvs/\(name).csv").path)
        #expect(problems.isEmpty)
        let header = try #require(records.first).fields
        let rows = records.dropFirst().map { record in
            Dictionary(uniqueKeysWithValues: zip(header, record.fields))
        }
        let data = try Data(contentsOf: Self.folder.appendingPathComponent("json/\(name).json"))
        let expected = try JSONDecoder().decode([[String: String]].self, from: data)
        #expect(rows == expected)
    }

    @Test func rejectsTheBrokenCaseWithALineNumber() throws {
        let (records, problems) = try readAll(Self.folder.appendingPathComponent("csvs/location_coordinates.csv").path)
        #expect(records.count == 1, "only the header survives")
        let problem = try #require(problems.first)
        #expect(problem.line == 2)
        #expect(problem.reason == .strayQuote)
        #expect(problem.errorLine == 2)
    }
}

/// Reads a whole file with the production reader, comma-delimited.
func readAll(_ path: String, delimiter: UInt8 = 0x2C) throws -> ([Record], [MalformedRecord]) {
    var records: [Record] = []
    var problems: [MalformedRecord] = []
    try CSVFile(path: path).readRecords(delimiter: delimiter) { event in
        switch event {
        case .record(let record): records.append(record)
        case .malformed(let problem): problems.append(problem)
        }
    }
    return (records, problems)
}
