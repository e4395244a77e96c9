import Testing

@testable import HuizongCore

@Suite struct OutputTests {
    /// CSV is plain data for programs: codes as they are, free text quoted and neutralised.
    @Test func csvIsPlainDataThatSpreadsheetsStillOpenSafely() {
        var writer = CSVWriter()
        writer.writeRow([.text("说明"), .number("-12.50"), .code("012001"), .code("AB-1"), .empty])
        writer.writeRow([.text("=SUM(A1)"), .text("+1"), .text("-x"), .text("@me"), .text("\tx")])
        writer.writeRow([.text("a,b"), .text("say \"hi\""), .text("two\nlines"), .text(" padded")])
        let text = String(decoding: writer.bytes.dropFirst(3), as: UTF8.self)
        #expect(Array(writer.bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        #expect(
            text == "说明,-12.50,012001,AB-1,\r\n"
                + "'=SUM(A1),'+1,'-x,'@me,\"'\tx\"\r\n"
                + "\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\" padded\"\r\n")
    }

    @Test func jsonEscapesAndKeepsOrder() {
        let value = JSONValue.object([
            ("z", .string("中文 \"q\" \\ \n\u{1}")), ("a", .array([.int(1), .null, .bool(true)])), ("e", .object([])),
        ])
        #expect(
            value.serialized() == """
                {
                  "z": "中文 \\"q\\" \\\\ \\n\\u0001",
                  "a": [
                    1,
                    null,
                    true
                  ],
                  "e": {}
                }

                """)
    }

    @Test func findingsAlwaysCarryAllSixKeys() {
        var consolidation = Consolidation()
        consolidation.findings = [Finding(.unitNotSubmitted(name: "x", code: "012002"), unit: "012002")]
        let json = OutputFiles(consolidation, report: nil).departmentJSON().serialized()
        #expect(json.contains("\"file\": \"\",\n      \"line\": null,"))
    }

    @Test func findingsSortBySeverityUnitFileLine() {
        let findings = Finding.sorted([
            Finding(.fileEmpty, unit: "1", file: "a", line: 1),
            Finding(.fileBinary, unit: "2", file: "a", line: 9),
            Finding(.fileBinary, unit: "2", file: "a", line: 10),
            Finding(.fileBinary, unit: "1", file: "b", line: 1),
            Finding(.fileSystem),
        ])
        #expect(
            findings.map { "\($0.severity.rawValue)\($0.unit)\($0.line ?? 0)" } == [
                "error11", "error29", "error210", "warning11", "info0",
            ])
    }
}
