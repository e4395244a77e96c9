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

    /// A number cell as the decimal it shows, to the 分.
    func decimal(_ cell: WorkbookReader.Cell?) -> Decimal? { cell.flatMap(fen) }

    /// A units.csv cell as the workbook shows it: a code or text as a string, a figure to the 分.
    func matches(_ cell: WorkbookReader.Cell, _ field: String) -> Bool {
        if case .number = cell { return fen(cell) == Decimal(string: field) }
        return cell == (field.isEmpty ? .empty : .string(field)) || (field.isEmpty && cell == .string(""))
    }

    static let sheetNames = ["单位", "问题", "评分", "资产", "预决算-收入", "预决算-支出", "支出明细", "支出资金来源", "层级汇总"]

    @Test func theWorkbookHoldsWhatDepartmentJSONSays() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        _ = try Huizong.run(["consolidate", Self.sample, "--out", scratch.sub("out")])
        let book = try WorkbookReader(scratch.read("out/汇总结果.xlsx"))
        #expect(book.sheets.map(\.name) == Self.sheetNames)
        let json = try scratch.json("out/department.json")
        let units = json["units"] as! [[String: Any]]
        let totals = json["totals"] as! [String: Any]

        // units.csv in parts: each part's columns are units.csv's, under the same names (less the
        // part's own prefix: 支出资金来源's 一般公共预算(元) is 支出明细-资金来源-一般公共预算(元)), with the
        // same cells (codes as text with their zeros, money to the 分, counts as integers); with the
        // 预决算 sheets' stages, every column of units.csv is shown somewhere.
        let csvRows = try csv(scratch.sub("out/units.csv"))
        let header = csvRows[0]
        var shown = Set<String>()
        for name in ["单位", "资产", "支出明细", "支出资金来源"] {
            let sheet = book.sheet(name)
            let names = sheet[0].map { cell -> String in
                guard case .string(let text) = cell else { return "" }
                return text
            }
            #expect(Array(names.prefix(2)) == ["单位编码", "单位名称"], "\(name): the code and name first")
            for (offset, title) in names.enumerated() {
                let full = ["", "支出明细-资金来源-", "支出明细-", "支出明细"].map { $0 + title }.first {
                    header.contains($0)
                }
                let column = try #require(full.flatMap { header.firstIndex(of: $0) }, "\(name): \(title)")
                shown.insert(header[column])
                for (index, row) in csvRows.dropFirst().enumerated() {
                    let cell = sheet[index + 1].count > offset ? sheet[index + 1][offset] : .empty
                    #expect(matches(cell, row[column]), "\(name) \(row[0]) \(title): \(cell) against \(row[column])")
                }
            }
            #expect(sheet[csvRows.count].isEmpty, "\(name): the total is set apart by a blank row")
            #expect(sheet[csvRows.count + 1].first == .string("合计"))
        }
        for name in ["预决算-收入", "预决算-支出"] {
            let sheet = book.sheet(name)
            let items = sheet[0].dropFirst(3).map { cell -> String in
                guard case .string(let text) = cell else { return "" }
                return text
            }
            for row in sheet.dropFirst() where row.count > 3 && row[0] != .string("合计") {
                guard case .string(let code) = row[0], case .string(let stage) = row[2] else { continue }
                let record = try #require(csvRows.first { $0[0] == code })
                for (offset, item) in items.enumerated() {
                    let column = try #require(header.firstIndex(of: "\(stage)-\(item)"))
                    shown.insert(header[column])
                    #expect(matches(row[3 + offset], record[column]), "\(name) \(code) \(stage) \(item)")
                }
            }
        }
        #expect(shown == Set(header), "missing: \(Set(header).subtracting(shown).sorted())")

        // The totals: department.json's, as SUBTOTAL formulas over exactly the units' rows.
        let assets = totals["assets"] as! [String: Any]
        let assetKeys = [
            "cash", "fixed_original", "accumulated_depreciation", "fixed_net", "construction_in_progress", "intangible",
            "other", "total",
        ]
        let assetSheet = book.sheet("资产")
        let assetTotal = assetSheet[assetSheet.count - 1]
        let assetFormulas = book.formulas["资产"]?[assetSheet.count] ?? [:]
        for (offset, key) in assetKeys.enumerated() {
            #expect(decimal(assetTotal[2 + offset]) == Decimal(string: assets[key] as! String), "资产 \(key)")
            let column = WorkbookReader.columnName(2 + offset)
            #expect(assetFormulas[2 + offset] == "SUBTOTAL(109,\(column)2:\(column)23)", "资产 \(key)")
        }
        let staff = totals["staff"] as! [String: Int]
        let unitSheet = book.sheet("单位")
        let unitTotal = unitSheet[unitSheet.count - 1]
        let unitFormulas = book.formulas["单位"]?[unitSheet.count] ?? [:]
        for (offset, key) in ["active", "retired_veteran", "retired", "total"].enumerated() {
            #expect(unitTotal[7 + offset] == .number(String(staff[key]!)), "单位 \(key)")
            #expect(unitFormulas[7 + offset]?.hasPrefix("SUBTOTAL(109,") == true)
        }
        let budget = totals["budget"] as! [String: [String: Any]]
        let stages = ["年初预算": "initial", "调整预算": "adjusted", "决算": "final"]
        let items = [
            "一般公共预算": "general_budget", "政府性基金预算": "government_fund", "事业收入": "public_service_revenue",
            "经营收入": "business_revenue", "其他收入": "other_income", "年初结转和结余": "opening_balance",
            "基本支出": "basic_expenditure", "项目支出": "project_expenditure", "经营支出": "business_expenditure",
            "年末结转和结余": "closing_balance",
        ]
        for name in ["预决算-收入", "预决算-支出"] {
            let sheet = book.sheet(name)
            var checked = 0
            for (index, row) in sheet.enumerated() where row.first == .string("合计") {
                guard case .string(let stage) = row[2], let key = stages[stage] else { continue }
                for (offset, cell) in sheet[0].enumerated().dropFirst(3) {
                    guard case .string(let title) = cell else { continue }
                    let item = String(title.dropLast(3))
                    guard let itemKey = items[item] else {
                        #expect(row[offset] == .empty, "\(name) \(stage) \(item): eliminated, blank")
                        continue
                    }
                    #expect(
                        decimal(row[offset]) == Decimal(string: budget[key]![itemKey] as! String), "\(stage) \(item)")
                    #expect(book.formulas[name]?[index + 1]?[offset]?.hasPrefix("SUBTOTAL(109,") == true)
                    checked += 1
                }
            }
            #expect(checked == (name == "预决算-收入" ? 18 : 12))
        }

        // 问题: every finding, in order, the rule's meaning in Chinese beside its id, the unit's code as text.
        let findings = json["findings"] as! [[String: Any]]
        let problems = book.sheet("问题")
        #expect(
            problems[0].prefix(5) == [
                .string("严重程度"), .string("规则"), .string("规则说明"), .string("单位编码"), .string("单位名称"),
            ])
        #expect(problems.count == findings.count + 1)
        for (index, finding) in findings.enumerated() {
            let row = problems[index + 1]
            #expect(row[1] == .string(finding["rule"] as! String))
            guard case .string(let meaning) = row[2] else {
                Issue.record("\(finding["rule"]!): no meaning")
                continue
            }
            #expect(!meaning.isEmpty && !meaning.contains(finding["rule"] as! String))
            let unit = finding["unit"] as! String
            #expect(unit.isEmpty ? (row[3] == .empty || row[3] == .string("")) : row[3] == .string(unit))
            #expect(row.last == .string(finding["message"] as! String))
        }
        #expect(problems.dropFirst().contains { $0[2] == .string("报告中的数字与汇总数据不符") })

        // 评分: people's words and fixed decimals: no source key, no flag key, no 83.4226.
        let score = book.sheet("评分")
        let totalRow = try #require(score.first { $0.first == .string("总分") })
        #expect(totalRow[11] == .number("98.34"))
        #expect(score.first { $0.first == .string("等级") }?[3] == .string("优秀"))
        let execution = try #require(score.first { $0.first == .string("Z01") })
        #expect(
            execution[7] == .number("83.42") && execution[10] == .number("83.42") && execution[11] == .number("8.34"))
        #expect(execution[9] == .string("汇总计算：预算执行率（%）"))
        #expect(execution[12] == .string("未得满分、缺偏差原因"))
        for row in score.dropFirst() {
            for cell in row {
                if case .string(let text) = cell {
                    #expect(!text.contains("_") && text != "budget_execution_rate", "a key for people: \(text)")
                }
                if case .number(let text) = cell {
                    #expect(
                        (text.split(separator: ".").dropFirst().first?.count ?? 0) <= 2, "\(text) at most 2 decimals")
                }
            }
        }
        // Document properties: the department and year, and a timestamp that is not the run's.
        #expect(book.coreProperties.contains("<dc:title>石家庄市自然资源和规划局2022年度汇总结果</dc:title>"))
        #expect(book.coreProperties.contains("2022-12-31T00:00:00Z"))
    }

    /// Set up to print: every sheet A4 landscape, one page wide however long, its header row (and
    /// code and name columns) on every page, the title and sheet above and the page below; one CJK
    /// font throughout; the 单位 sheet's units with errors filled red.
    @Test func everySheetIsSetUpToPrint() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        _ = try Huizong.run(["consolidate", Self.sample, "--out", scratch.sub("out")])
        let book = try WorkbookReader(scratch.read("out/汇总结果.xlsx"))
        for (index, name) in Self.sheetNames.enumerated() {
            let xml = try #require(book.sheetXML[name])
            let setup = try #require(
                xml.range(of: "<pageSetup [^>]*/>", options: .regularExpression).map { String(xml[$0]) })
            #expect(
                setup.contains("paperSize=\"9\"") && setup.contains("orientation=\"landscape\""), "\(name): \(setup)")
            #expect(setup.contains("fitToHeight=\"0\""), "\(name): as many pages long as it takes")
            // fitToWidth is 1 unless written otherwise.
            #expect(!setup.contains("fitToWidth") || setup.contains("fitToWidth=\"1\""), "\(name): one page wide")
            #expect(xml.contains("<pageSetUpPr fitToPage=\"1\"/>"), "\(name): fitted to the page")
            #expect(xml.contains("<oddHeader>&amp;C石家庄市自然资源和规划局2022年度汇总结果（&amp;A）</oddHeader>"))
            #expect(xml.contains("<oddFooter>&amp;C第 &amp;P 页，共 &amp;N 页</oddFooter>"))
            let keyColumns =
                ["单位": "$A:$B", "资产": "$A:$B", "支出明细": "$A:$B", "支出资金来源": "$A:$B", "层级汇总": "$A:$B"][name]
                ?? (name.hasPrefix("预决算") ? "$A:$C" : nil)
            let titles =
                "<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"\(index)\">"
                + (keyColumns.map { "'\(name)'!\($0)," } ?? "") + "'\(name)'!$1:$1</definedName>"
            #expect(book.workbookXML.contains(titles), "\(name): print titles")
        }
        // Every font the cells use is 宋体: no Calibri, which has no Chinese glyphs.
        let fonts = book.stylesXML.components(separatedBy: "<name val=\"").dropFirst().map { $0.prefix { $0 != "\"" } }
        #expect(!fonts.isEmpty && fonts.allSatisfy { $0 == "宋体" }, "\(fonts)")
        // 012001 has errors: its row is filled; 012002 has none.
        let units = book.sheetXML["单位"] ?? ""
        func style(_ reference: String) -> String? {
            units.range(of: "<c r=\"\(reference)\" s=\"[0-9]+\"", options: .regularExpression).map {
                String(units[$0].split(separator: "\"")[3])
            }
        }
        #expect(style("A2") != nil && style("A2") != style("A3"), "a unit with errors stands out")
        #expect(book.stylesXML.contains("F8D7DA"))
    }

    /// 层级汇总: a row per unit with subordinates (the sample's 本级 alone), department.json's
    /// subtotal figures to the 分, and a note that transfers inside each are eliminated.
    @Test func theLevelsSheetHoldsEachSubtotal() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        _ = try Huizong.run(["consolidate", Self.sample, "--out", scratch.sub("out")])
        let book = try WorkbookReader(scratch.read("out/汇总结果.xlsx"))
        let sheet = book.sheet("层级汇总")
        #expect(Array(sheet[0].prefix(4)) == [.string("单位编码"), .string("单位名称"), .string("层级"), .string("单位数")])
        let json = try scratch.json("out/department.json")
        let subtotal = try #require((json["subtotals"] as? [[String: Any]])?.first)
        let totals = subtotal["totals"] as! [String: Any]
        let row = sheet[1]
        #expect(row[0] == .string("012001") && row[1] == .string("石家庄市自然资源和规划局本级"))
        #expect(row[2] == .number("1") && row[3] == .number("22"))
        #expect(decimal(row[4]) == Decimal(string: (totals["assets"] as! [String: Any])["total"] as! String))
        #expect(row[5] == .number(String((totals["staff"] as! [String: Int])["active"]!)))
        let final = (totals["budget"] as! [String: [String: String]])["final"]!
        #expect(decimal(row[7]) == Decimal(string: final["income_total"]!))
        #expect(decimal(row[8]) == Decimal(string: final["expenditure_total"]!))
        #expect(decimal(row[9]) == Decimal(string: final["basic_expenditure"]!))
        #expect(decimal(row[11]) == Decimal(string: (totals["expenditure"] as! [String: Any])["total"] as! String))
        let eliminated = (totals["eliminations"] as! [String: [String: String]])["final"]!
        #expect(decimal(row[13]) == Decimal(string: eliminated["grant_to_subordinate"]!))
        #expect(sheet[2].isEmpty, "the note is set apart by a blank row")
        guard case .string(let note) = sheet[3].first else {
            Issue.record("no note row: \(sheet.count) rows")
            return
        }
        #expect(note.contains("已抵销") && note.contains("不能相加"))
    }

    @Test func twoRunsWriteTheSameWorkbook() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        _ = try Huizong.run(["consolidate", Self.sample, "--out", scratch.sub("a")])
        _ = try Huizong.run(["consolidate", Self.sample, "--out", scratch.sub("b"), "--jobs", "1"])
        #expect(scratch.read("a/汇总结果.xlsx") == scratch.read("b/汇总结果.xlsx"))
        #expect(scratch.read("a/汇总结果.xlsx").count > 10_000)
    }

    /// CSV is data for programs: records only (no 合计, 小计, 总分 or 等级 row a program would count
    /// twice), codes as department.json has them, findings with their unit's name, no cell a
    /// spreadsheet would run, every row as wide as its header.
    @Test(arguments: ["zh", "en"]) func theCSVsArePlainData(headers: String) throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        _ = try Huizong.run(["consolidate", Self.sample, "--out", scratch.sub("out"), "--headers", headers])
        let json = try scratch.json("out/department.json")
        let codes = (json["units"] as! [[String: Any]]).map { $0["code"] as! String }
        let units = try csv(scratch.sub("out/units.csv"))
        #expect(Array(units.dropFirst().map { $0[0] }) == codes, "one row per unit and nothing else")
        let findings = try csv(scratch.sub("out/findings.csv"))
        #expect(findings[0][2...3] == (headers == "zh" ? ["单位编码", "单位名称"] : ["unit", "unit_name"]))
        let names = Dictionary(
            uniqueKeysWithValues: (json["units"] as! [[String: Any]]).map {
                ($0["code"] as! String, $0["name"] as! String)
            })
        let jsonFindings = json["findings"] as! [[String: Any]]
        #expect(Array(findings.dropFirst().map { $0[2] }) == jsonFindings.map { $0["unit"] as! String })
        #expect(Array(findings.dropFirst().map { $0[3] }) == jsonFindings.map { names[$0["unit"] as! String] ?? "" })
        #expect(findings.contains { $0[2] == "012001" && $0[3] == "石家庄市自然资源和规划局本级" })
        let score = try csv(scratch.sub("out/score.csv"))
        let indicators = (json["score"] as! [String: Any])["indicators"] as! [[String: Any]]
        #expect(Array(score.dropFirst().map { $0[0] }) == indicators.map { $0["id"] as! String })
        let totalWords: Set<String> = [
            "合计", "小计", "总分", "等级", "total", "subtotal", "grade", "部门合计", "department_total",
        ]
        for name in ["units.csv", "findings.csv", "score.csv"] {
            let rows = try csv(scratch.sub("out/" + name))
            #expect(rows.allSatisfy { $0.count == rows[0].count }, "\(name): every row as wide as its header")
            #expect(!rows.joined().contains { $0.hasPrefix("=") }, "\(name): no formula")
            #expect(!rows.dropFirst().contains { totalWords.contains($0[0]) || totalWords.contains($0[3]) }, "\(name)")
        }
        // A list field stays one field: tables_received joined with ';' (English) is quoted.
        let raw = String(decoding: scratch.read("out/units.csv"), as: UTF8.self)
        #expect(raw.contains(headers == "en" ? ",\"assets;budget;expenditure;staff\"," : ",资产、预决算收支、支出明细、人员,"))
    }

    /// datapackage.json describes every CSV written, field by field, exactly as its header reads
    /// (in either language): a column added without its schema entry fails here. Codes are strings,
    /// so a program reading by the schema keeps their zeros; money is a number, counts integers.
    @Test(arguments: ["zh", "en"]) func theDataPackageDescribesEveryCSVExactly(headers: String) throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        _ = try Huizong.run(["consolidate", Self.sample, "--out", scratch.sub("out"), "--headers", headers])
        let package = try scratch.json("out/datapackage.json")
        #expect(package["profile"] as? String == "tabular-data-package")
        let resources = try #require(package["resources"] as? [[String: Any]])
        let written = try FileManager.default.contentsOfDirectory(atPath: scratch.sub("out")).filter {
            $0.hasSuffix(".csv")
        }
        #expect(resources.map { $0["path"] as! String }.sorted() == written.sorted(), "every CSV, and only those")
        let manifest = String(decoding: scratch.read("out/.huizong-manifest"), as: UTF8.self)
        #expect(manifest.contains("  datapackage.json\n"), "published with the rest")
        for resource in resources {
            let path = resource["path"] as! String
            let header = try csv(scratch.sub("out/" + path))[0]
            let schema = try #require(resource["schema"] as? [String: Any])
            let fields = try #require(schema["fields"] as? [[String: String]])
            #expect(fields.map { $0["name"]! } == header, "\(path): the schema's fields are the header, in order")
            #expect(resource["encoding"] as? String == "utf-8" && resource["format"] as? String == "csv")
            for field in fields {
                #expect(["string", "number", "integer"].contains(field["type"]!), "\(path) \(field["name"]!)")
                #expect(!(field["title"] ?? "").isEmpty && !(field["description"] ?? "").isEmpty, "\(field["name"]!)")
                let name = field["name"]!
                if ["单位编码", "上级单位编码", "指标编码", "unit_code", "parent_code", "unit", "id"].contains(name) {
                    #expect(field["type"] == "string", "\(path) \(name): a code is text")
                }
                if name.hasSuffix("(元)") || name.hasSuffix("_yuan") {
                    #expect(field["type"] == "number", "\(path) \(name): money")
                }
            }
            let rows = try csv(scratch.sub("out/" + path)).dropFirst()
            for (offset, field) in fields.enumerated() {
                for row in rows where !row[offset].isEmpty {
                    switch field["type"] {
                    case "integer": #expect(Int(row[offset]) != nil, "\(path) \(field["name"]!): \(row[offset])")
                    case "number": #expect(Decimal(string: row[offset]) != nil, "\(path) \(field["name"]!)")
                    default: break
                    }
                }
            }
            if let key = schema["primaryKey"] as? [String] {
                let columns = key.map { header.firstIndex(of: $0)! }
                let keys = rows.map { row in columns.map { row[$0] } }
                #expect(Set(keys).count == keys.count, "\(path): the primary key is unique")
            }
        }
        let units = try #require(resources.first { $0["path"] as? String == "units.csv" }?["schema"] as? [String: Any])
        #expect(units["primaryKey"] as? [String] == [headers == "zh" ? "单位编码" : "unit_code"])
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
        #expect(units[1][0] == "012001" && units[2][2] == "012001", "codes with their zeros")
        let assets = try csv(converted + "/汇总结果-资产.csv")
        #expect(assets[0][0] == "单位编码" && assets[0].contains("固定资产原值(元)"), "Chinese headers in full")
        #expect(assets[1][2] == "42,465,472.57" && assets[2][3] == "5,598,769.70", "money with two decimals")
        let budget = try csv(converted + "/汇总结果-预决算-支出.csv")
        #expect(budget[0].contains("基本支出(元)"))

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

    static let pdftotext = ["/usr/bin/pdftotext", "/usr/local/bin/pdftotext"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    /// A program's standard output.
    func output(_ tool: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    /// Printed as LibreOffice Calc prints it: every page A4 landscape, and every sheet one page
    /// wide: each page carries its sheet's name (the page header) and its last column's header
    /// (the header row repeats, so a page cut on width would lack it), and 第 n 页，共 m 页.
    @Test(.enabled(if: libreOffice != nil && pdftotext != nil)) func theWorkbookPrintsOnePageWide() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        _ = try Huizong.run(["consolidate", Self.sample, "--out", scratch.sub("out")])
        let printed = scratch.sub("printed")
        try FileManager.default.createDirectory(atPath: printed, withIntermediateDirectories: true)
        try soffice(["--convert-to", "pdf", scratch.sub("out/汇总结果.xlsx")], in: printed)
        let pdf = printed + "/汇总结果.pdf"
        let book = try WorkbookReader(scratch.read("out/汇总结果.xlsx"))
        let tools = (Self.pdftotext! as NSString).deletingLastPathComponent
        let info = try output(tools + "/pdfinfo", [pdf])
        let pages = try #require(
            info.split(separator: "\n").first { $0.hasPrefix("Pages:") }.flatMap { Int($0.split(separator: " ").last!) }
        )
        #expect(pages >= Self.sheetNames.count && pages <= 20, "\(pages) pages, against 59 before")
        let sizes = try output(tools + "/pdfinfo", ["-f", "1", "-l", String(pages), pdf])
            .split(separator: "\n").filter { $0.hasPrefix("Page ") && $0.contains(" size:") }
        #expect(sizes.count == pages)
        for line in sizes {
            let numbers = line.split(separator: " ").compactMap { Double($0) }
            #expect(
                numbers.count >= 3 && abs(numbers[1] - 842) < 1 && abs(numbers[2] - 595) < 1, "A4 landscape: \(line)")
        }
        var seen: [String] = []
        for page in 1...pages {
            let text = try output(Self.pdftotext!, ["-f", String(page), "-l", String(page), pdf, "-"])
                .filter { !$0.isWhitespace }
            let title = "石家庄市自然资源和规划局2022年度汇总结果（"
            guard let start = text.range(of: title) else {
                Issue.record("page \(page) has no page header")
                continue
            }
            let sheet = String(text[start.upperBound...].prefix { $0 != "）" })
            guard case .string(let last) = try #require(book.sheet(sheet).first?.last) else {
                Issue.record("page \(page): no sheet \(sheet)")
                continue
            }
            #expect(text.contains(last.filter { !$0.isWhitespace }), "page \(page) (\(sheet)) is cut: no \(last)")
            #expect(text.contains("第\(page)页，共\(pages)页"), "page \(page)'s footer")
            seen.append(sheet)
        }
        #expect(Set(seen) == Set(Self.sheetNames), "every sheet printed")
    }
}
