import CSVReading
import Foundation
import Testing

/// The results for people (汇总结果.xlsx) and for programs (CSV, JSON) say the same, each in
/// the form its reader needs.
@Suite struct WorkbookTests {
    static let sample = Huizong.packageRoot.appendingPathComponent("SampleData/2022").path

    /// A decimal as stored in a cell, to the 分.
    func fen(_ cell: WorkbookReader.Cell) -> Decimal? {
        guard case .number(let text) = cell, var value = Decimal(string: text) else { return nil }
        var rounded = Decimal()
        NSDecimalRound(&rounded, &value, 2, .plain)
        return rounded
    }

    func csv(_ path: String) throws -> [[String]] {
        var rows: [[String]] = []
        try CSVFile(path: path).readRecords(delimiter: 0x2C) { event in
            if case .record(let record) = event { rows.append(record.fields) }
        }
        return rows
    }

    @Test func theWorkbookHoldsWhatDepartmentJSONSays() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        _ = try Huizong.run(["consolidate", Self.sample, "--out", scratch.sub("out")])
        let book = try WorkbookReader(scratch.read("out/汇总结果.xlsx"))
        #expect(book.sheets.map(\.name) == ["单位", "问题", "评分", "预决算", "资产"])
        let json = try scratch.json("out/department.json")
        let units = json["units"] as! [[String: Any]]

        // 单位: units.csv's columns; codes as text with their zeros; money to the 分; counts as integers.
        let sheet = book.sheet("单位")
        let header = try csv(scratch.sub("out/units.csv"))[0]
        #expect(sheet[0] == header.map { WorkbookReader.Cell.string($0) })
        let assetKeys = [
            "cash", "fixed_original", "accumulated_depreciation", "fixed_net", "construction_in_progress", "intangible",
            "other", "total",
        ]
        for (index, unit) in units.enumerated() {
            let row = sheet[index + 1]
            #expect(row[0] == .string(unit["code"] as! String) && row[1] == .string(unit["name"] as! String))
            let assets = unit["assets"] as! [String: Any]
            for (offset, key) in assetKeys.enumerated() {
                #expect(fen(row[7 + offset]) == Decimal(string: assets[key] as! String), "\(unit["code"]!) \(key)")
            }
            let staff = unit["staff"] as! [String: Int]
            #expect(row[15] == .number(String(staff["active"]!)) && row[18] == .number(String(staff["total"]!)))
            let final = (unit["budget"] as! [String: Any])["final"] as? [String: String]
            let basic = header.firstIndex(of: "决算-基本支出(元)")!
            #expect(fen(row[basic]) == final.flatMap { Decimal(string: $0["basic_expenditure"]!) })
        }
        #expect(sheet[units.count + 1].isEmpty, "the total is set apart by a blank row")
        let total = sheet[units.count + 2]
        let totals = (json["totals"] as! [String: Any])["assets"] as! [String: Any]
        #expect(total[0] == .string("合计") && fen(total[14]) == Decimal(string: totals["total"] as! String))

        // 问题: every finding, in order, its unit code as text.
        let findings = json["findings"] as! [[String: Any]]
        let problems = book.sheet("问题")
        #expect(problems.count == findings.count + 1)
        for (index, finding) in findings.enumerated() {
            let row = problems[index + 1]
            #expect(row[1] == .string(finding["rule"] as! String))
            let unit = finding["unit"] as! String
            #expect(
                unit.isEmpty ? (row.count < 3 || row[2] == .empty || row[2] == .string("")) : row[2] == .string(unit))
            #expect(row.last == .string(finding["message"] as! String))
        }

        // 评分: the total and the grade, as numbers and words.
        let score = book.sheet("评分")
        let totalRow = try #require(score.first { $0.first == .string("总分") })
        #expect(totalRow[11] == .number("98.34"))
        #expect(score.first { $0.first == .string("等级") }?[3] == .string("优秀"))

        // Document properties: the department and year, and a timestamp that is not the run's.
        #expect(book.coreProperties.contains("<dc:title>石家庄市自然资源和规划局2022年度汇总结果</dc:title>"))
        #expect(book.coreProperties.contains("2022-12-31T00:00:00Z"))
    }

    @Test func twoRunsWriteTheSameWorkbook() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        _ = try Huizong.run(["consolidate", Self.sample, "--out", scratch.sub("a")])
        _ = try Huizong.run(["consolidate", Self.sample, "--out", scratch.sub("b"), "--jobs", "1"])
        #expect(scratch.read("a/汇总结果.xlsx") == scratch.read("b/汇总结果.xlsx"))
        #expect(scratch.read("a/汇总结果.xlsx").count > 10_000)
    }

    /// CSV is data for programs: codes as department.json has them, no cell a spreadsheet would
    /// run, every row as wide as its header, the department total last and marked.
    @Test func theCSVsArePlainData() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        _ = try Huizong.run(["consolidate", Self.sample, "--out", scratch.sub("out"), "--headers", "en"])
        let json = try scratch.json("out/department.json")
        let codes = (json["units"] as! [[String: Any]]).map { $0["code"] as! String }
        let units = try csv(scratch.sub("out/units.csv"))
        #expect(Array(units.dropFirst().dropLast().map { $0[0] }) == codes)
        #expect(units.last?[0] == "合计" && units.last?[3] == "department_total")
        let findings = try csv(scratch.sub("out/findings.csv"))
        let findingUnits = (json["findings"] as! [[String: Any]]).map { $0["unit"] as! String }
        #expect(Array(findings.dropFirst().map { $0[2] }) == findingUnits)
        for name in ["units.csv", "findings.csv", "score.csv"] {
            let rows = try csv(scratch.sub("out/" + name))
            #expect(rows.allSatisfy { $0.count == rows[0].count }, "\(name): every row as wide as its header")
            #expect(!rows.joined().contains { $0.hasPrefix("=") }, "\(name): no formula")
        }
        // A list field stays one field: tables_received joined with ';' is quoted.
        let raw = String(decoding: scratch.read("out/units.csv"), as: UTF8.self)
        #expect(raw.contains(",\"assets;budget;expenditure;staff\","))
    }

    static let libreOffice = ["/usr/bin/soffice", "/usr/local/bin/soffice", "/opt/libreoffice/program/soffice"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    /// Runs LibreOffice headless with a private profile; its output lands in `folder`.
    func soffice(_ arguments: [String], in folder: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.libreOffice!)
        process.arguments =
            ["-env:UserInstallation=file://\(folder)/profile", "--headless"] + arguments + ["--outdir", folder]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
    }

    /// Tried as a new user would, where LibreOffice is installed: the workbook opens with codes
    /// and their zeros, money with two decimals and Chinese headers in full; each CSV, imported
    /// with a double-click's separators (comma, semicolon and tab), keeps every row to its
    /// header's columns.
    @Test(.enabled(if: libreOffice != nil)) func libreOfficeOpensTheWorkbookAndTheCSVs() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        _ = try Huizong.run(["consolidate", Self.sample, "--out", scratch.sub("out"), "--headers", "en"])
        let converted = scratch.sub("converted")
        try FileManager.default.createDirectory(atPath: converted, withIntermediateDirectories: true)
        // Every sheet to CSV as LibreOffice shows it (formatted), UTF-8.
        try soffice(
            [
                "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1",
                scratch.sub("out/汇总结果.xlsx"),
            ], in: converted)
        let units = try csv(converted + "/汇总结果-单位.csv")
        #expect(units[0][0] == "单位编码" && units[0].contains("决算-基本支出(元)"), "Chinese headers in full")
        #expect(units[1][0] == "012001" && units[2][2] == "012001", "codes with their zeros")
        #expect(units[1][7] == "42,465,472.57" && units[2][8] == "5,598,769.70", "money with two decimals")

        for name in ["units.csv", "findings.csv", "score.csv"] {
            try soffice(
                ["--infilter=CSV:44/59/9,34,76,1", "--convert-to", "xlsx", scratch.sub("out/" + name)], in: converted)
            let book = try WorkbookReader(
                try Data(
                    contentsOf: URL(
                        fileURLWithPath: converted + "/" + name.replacingOccurrences(of: ".csv", with: ".xlsx"))))
            let rows = book.sheets[0].rows
            let width = rows[1]?.count ?? 0
            #expect(width > 3)
            for (number, cells) in rows where cells.count > width {
                Issue.record("\(name) row \(number) has \(cells.count) columns, its header \(width)")
            }
        }
    }

}
