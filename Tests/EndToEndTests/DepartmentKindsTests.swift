import Foundation
import Testing

/// `--kinds`: a department's own spellings, added as data, read what the shipped ones do not.
@Suite struct DepartmentKindsTests {
    static let sample = Huizong.packageRoot.appendingPathComponent("SampleData/2022").path
    static let unitFolder = "2022/012022_城乡规划局园区分局"

    /// The sample with 012022's list of people replaced by its headcounts, as a 基本数字表 with a
    /// column heading and a summary row the shipped kinds do not know.
    static func folder(_ scratch: Scratch) throws -> String {
        try FileManager.default.copyItem(atPath: sample, toPath: scratch.sub("2022"))
        try FileManager.default.removeItem(atPath: scratch.sub(unitFolder + "/人员.csv"))
        // The same people as its list: 54 在职, 19 退休 (CRLF, as Excel writes it).
        scratch.write(
            unitFolder + "/基本数字表.csv",
            "单位编码,单位名称,编制人数,年末实有在职人数,离休人数,退休人数\r\n"
                + "012022,石家庄市城乡规划局园区分局,60,54,0,19\r\n"
                + "全局合计,,60,54,0,19\r\n")
        return scratch.sub("2022")
    }

    static let kindsFile = """
        {
          "schema": "huizong.kind/1",
          "kind": "staff_counts",
          "columns": [
            {"key": "active", "spellings": ["年末实有在职人数"]}
          ],
          "total_rows": ["全局合计"]
        }
        """

    static func findings(_ scratch: Scratch, _ out: String) -> [String] {
        String(decoding: scratch.read(out + "/findings.csv"), as: UTF8.self).split(whereSeparator: \.isNewline).map(
            String.init)
    }

    @Test func anOfficersKindsFolderReadsAFileTheShippedKindsDoNot() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        let input = try Self.folder(scratch)

        // Without the department's file: the table is not recognised, and 012022's people are missing.
        let before = try Huizong.run(["consolidate", input, "--out", scratch.sub("before"), "--quiet"])
        #expect(before.status == 65, "\(before.stderr)")
        #expect(
            Self.findings(scratch, "before").contains { $0.contains("file.unrecognised") && $0.contains("基本数字表.csv") })

        scratch.write("kinds/人数.json", Self.kindsFile)
        let after = try Huizong.run([
            "consolidate", input, "--out", scratch.sub("after"), "--quiet", "--kinds", scratch.sub("kinds"),
        ])
        #expect(after.status == 65, "the sample's own seeded slips remain: \(after.stderr)")
        let afterFindings = Self.findings(scratch, "after")
        #expect(!afterFindings.contains { $0.contains("基本数字表.csv") }, "\(afterFindings)")
        let json = try scratch.json("after/department.json")
        let inputs = json["inputs"] as! [[String: Any]]
        let counts = try #require(inputs.first { ($0["path"] as? String)?.hasSuffix("基本数字表.csv") == true })
        #expect(counts["kind"] as? String == "staff_counts")
        #expect(counts["rows"] as? Int == 1 && counts["rejected"] as? Int == 0, "\(counts)")
        // 012022's headcounts are the same as from its list: 54 在职, 0 离休, 19 退休.
        let units = String(decoding: scratch.read("after/units.csv"), as: UTF8.self)
        let row = try #require(units.split(whereSeparator: \.isNewline).first { $0.hasPrefix("012022,") })
        #expect(row.contains(",54,0,19,73,"), "\(row)")
        let baseline = try Huizong.run(["consolidate", Self.sample, "--out", scratch.sub("sample"), "--quiet"])
        #expect(baseline.status == 65)
        let sampleRow = String(decoding: scratch.read("sample/units.csv"), as: UTF8.self).split(
            whereSeparator: \.isNewline
        )
        .first { $0.hasPrefix("012022,") }
        #expect(sampleRow == row, "the same unit figures as the list of people gives")
    }

    @Test func theSummaryLabelAloneIsWhatKeepsTheTotalRowOutOfTheData() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        let input = try Self.folder(scratch)
        // The spelling without the label: the 全局合计 row is read as a unit, and rejected.
        scratch.write(
            "kinds/人数.json", Self.kindsFile.replacingOccurrences(of: ",\n  \"total_rows\": [\"全局合计\"]", with: ""))
        let run = try Huizong.run([
            "consolidate", input, "--out", scratch.sub("out"), "--quiet", "--kinds", scratch.sub("kinds"),
        ])
        #expect(run.status == 65)
        #expect(
            Self.findings(scratch, "out").contains {
                $0.contains("基本数字表.csv") && $0.contains(",3,") && $0.contains("全局合计")
            }, "\(Self.findings(scratch, "out"))")
    }

    @Test func aBadKindsFileExits66NamingTheFileAndTheKey() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        let cases: [(text: String, file: String, key: String)] = [
            (Self.kindsFile.replacingOccurrences(of: "\"active\"", with: "\"在职\""), "a.json", "columns[0].key"),
            (
                Self.kindsFile.replacingOccurrences(of: "\"spellings\"", with: "\"spelings\""), "b.json",
                "columns[0].spelings"
            ),
            (Self.kindsFile.replacingOccurrences(of: "staff_counts", with: "staffcounts"), "c.json", "kind"),
            (Self.kindsFile.replacingOccurrences(of: "]\n}", with: "]"), "d.json", "JSON"),
            (
                Self.kindsFile.replacingOccurrences(
                    of: "{\"key\": \"active\",", with: "{\"key\": \"active\", \"required\": false,"),
                "e.json", "columns[0].required"
            ),
        ]
        for (index, bad) in cases.enumerated() {
            let folder = "kinds\(index)"
            scratch.write(folder + "/" + bad.file, bad.text)
            let run = try Huizong.run([
                "consolidate", Self.sample, "--out", scratch.sub("out"), "--kinds", scratch.sub(folder),
            ])
            #expect(run.status == 66, "\(bad.file): \(run.stderr)")
            #expect(run.stderr.contains(bad.file) && run.stderr.contains(bad.key), "\(bad.file): \(run.stderr)")
            #expect(run.stderr.contains("Kinds/README.md"))
        }
        #expect(!FileManager.default.fileExists(atPath: scratch.sub("out")), "nothing is written")
    }
}

extension DepartmentKindsTests {
    @Test func theFolderItselfIsCheckedAsAnOfficerWouldGetItWrong() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        func run(_ folder: String) throws -> Huizong.Run {
            try Huizong.run(["consolidate", Self.sample, "--out", scratch.sub("out"), "--kinds", folder])
        }
        let missing = try run(scratch.sub("nowhere"))
        #expect(missing.status == 66 && missing.stderr.contains("找不到这个文件夹"), "\(missing.stderr)")
        scratch.write("file.json", Self.kindsFile)
        let aFile = try run(scratch.sub("file.json"))
        #expect(aFile.status == 66 && aFile.stderr.contains("不是文件夹"), "\(aFile.stderr)")
        // Notepad with extensions hidden: 人数.json.txt is not read in silence.
        scratch.write("txt/人数.json.txt", Self.kindsFile)
        let text = try run(scratch.sub("txt"))
        #expect(text.status == 66 && text.stderr.contains("人数.json.txt"), "\(text.stderr)")
        // Saved as GBK: said as such, not as an empty spelling.
        // 在岗人数 in GBK, as Notepad's ANSI writes it on a Chinese Windows.
        let head = "{\"schema\": \"huizong.kind/1\", \"kind\": \"staff_counts\", "
        let spelling: [UInt8] = [212, 218, 184, 218, 200, 203, 202, 253]
        let bytes =
            Data((head + "\"columns\": [{\"key\": \"active\", \"spellings\": [\"").utf8) + spelling
            + Data("\"]}]}".utf8)
        try FileManager.default.createDirectory(atPath: scratch.sub("gbk"), withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: scratch.sub("gbk/人数.json"), contents: bytes)
        let encoded = try run(scratch.sub("gbk"))
        #expect(encoded.status == 66 && encoded.stderr.contains("UTF-8"), "\(encoded.stderr)")
        // The Chinese input method's quotes and commas.
        scratch.write("ime/人数.json", Self.kindsFile.replacingOccurrences(of: "\"active\"", with: "“active”"))
        let ime = try run(scratch.sub("ime"))
        #expect(ime.status == 66 && ime.stderr.contains("半角"), "\(ime.stderr)")
        #expect(!FileManager.default.fileExists(atPath: scratch.sub("out")), "nothing is written")
    }
}
