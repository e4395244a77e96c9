import Foundation
import Testing

/// The shipped sample, consolidated by the built binary, reproduces the seed report's
/// section 一 to the 分.
@Suite(.serialized) struct SampleTests {
    static let sample = Huizong.packageRoot.appendingPathComponent("SampleData/2022").path

    /// 万元 as the report prints it → the 元 string department.json carries.
    static func yuan(_ wan: String) -> String {
        let parts = wan.split(separator: ".")
        let fraction = (parts.count > 1 ? String(parts[1]) : "") + "000000"
        let digits = String(Int(parts[0])! * 1_000_000 + Int(fraction.prefix(6))!)
        let fen = String(repeating: "0", count: max(0, 3 - digits.count)) + digits
        return String(fen.dropLast(2)) + "." + fen.suffix(2)
    }

    @Test func reproducesTheSeedFigures() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        let run = try Huizong.run(["consolidate", Self.sample, "--out", scratch.sub("out")])
        #expect(run.status == 65, "the seed report's own slips are error findings: \(run.stderr)")
        let json = try scratch.json("out/department.json")
        #expect(json["schema"] as? String == "huizong.consolidation/1")
        let totals = json["totals"] as! [String: Any]
        let assets = totals["assets"] as! [String: Any]
        #expect(assets["cash"] as? String == Self.yuan("176432.02"))
        #expect(assets["fixed_original"] as? String == Self.yuan("23575.36"))
        #expect(assets["accumulated_depreciation"] as? String == Self.yuan("13362.87"))
        #expect(assets["fixed_net"] as? String == Self.yuan("10212.49"))
        #expect(assets["construction_in_progress"] as? String == Self.yuan("120.98"))
        let staff = totals["staff"] as! [String: Int]
        #expect(staff == ["active": 1133, "retired_veteran": 2, "retired": 27, "total": 1162])

        let seed: [String: [String: String]] = [
            "initial": [
                "general_budget": "36089.91", "government_fund": "945502", "public_service_revenue": "2982.93",
                "basic_expenditure": "18557.82", "project_expenditure": "966017.02",
            ],
            "adjusted": [
                "general_budget": "39052.37", "government_fund": "137613.51", "public_service_revenue": "2579.14",
                "other_income": "5.39", "opening_balance": "4430.59", "basic_expenditure": "30145.19",
                "project_expenditure": "153535.82",
            ],
            "final": [
                "general_budget": "35347.86", "government_fund": "111585.01", "public_service_revenue": "2579.14",
                "other_income": "156.56", "basic_expenditure": "29007.27", "project_expenditure": "124224.24",
                "closing_balance": "1265.60", "business_expenditure": "0",
            ],
        ]
        let budget = totals["budget"] as! [String: [String: String]]
        for (stage, items) in seed {
            for (item, wan) in items {
                #expect(budget[stage]?[item] == Self.yuan(wan), "\(stage).\(item)")
            }
        }
        // Every unit's ledger sums to its 决算 by expenditure type.
        let units = json["units"] as! [[String: Any]]
        #expect(units.count == 22)
        for unit in units {
            #expect(unit["status"] as? String == "submitted")
            let final = (unit["budget"] as! [String: [String: String]])["final"]!
            let byType = (unit["expenditure"] as! [String: Any])["by_type"] as! [String: String]
            #expect(byType["basic_expenditure"] == final["basic_expenditure"], "\(unit["code"]!)")
            #expect(byType["project_expenditure"] == final["project_expenditure"], "\(unit["code"]!)")
        }
        let inputs = json["inputs"] as! [[String: Any]]
        #expect(inputs.allSatisfy { ($0["rejected"] as? Int) == 0 && ($0["sha256"] as? String)?.count == 64 })
        #expect(
            Set(inputs.compactMap { $0["encoding"] as? String }) == [
                "gb18030", "utf-8", "utf-8-bom", "utf-16le", "xlsx", "xls", "spreadsheetml", "html",
            ])
    }

    /// The sample's registry is a tree of two levels: 本级 over the other 21. 本级's subtotal is
    /// the department's totals, key for key and to the 分, transfers eliminated alike.
    @Test func theRootsSubtotalIsTheDepartmentsTotals() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        _ = try Huizong.run(["consolidate", Self.sample, "--out", scratch.sub("out")])
        let json = try scratch.json("out/department.json")
        let subtotals = try #require(json["subtotals"] as? [[String: Any]])
        #expect(subtotals.map { $0["code"] as? String } == ["012001"], "the only unit with subordinates")
        let root = subtotals[0]
        let units = (json["units"] as! [[String: Any]]).map { $0["code"] as! String }
        #expect(root["units"] as? [String] == units && root["level"] as? Int == 1 && root["levels"] as? Int == 2)
        #expect((json["missing"] as? [Any])?.isEmpty == true, "nothing left out: no figure of the subtotal is null")
        let totals = try #require(json["totals"] as? [String: Any])
        #expect(NSDictionary(dictionary: try #require(root["totals"] as? [String: Any])).isEqual(to: totals))
        let final = (totals["budget"] as! [String: [String: String]])["final"]!
        #expect(final["general_budget"] == Self.yuan("35347.86"), "the seed's figure, in both")
    }

    /// The seed's own slips, and nothing else, are errors: the four of its section 一, and the
    /// 自评得分 99.44 it printed against the 98.34 its own figures give.
    @Test func flagsTheSeedReportsSlips() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        let run = try Huizong.run(["consolidate", Self.sample, "--out", scratch.sub("out")])
        #expect(run.status == 65)
        let findings = try scratch.json("out/department.json")["findings"] as! [[String: Any]]
        let errors = findings.filter { $0["severity"] as? String == "error" }
        #expect(
            errors.map { "\($0["rule"]!) \($0["unit"]!) \($0["line"]!)" } == [
                "report.mismatch  2", "report.mismatch  8", "report.mismatch  29", "report.mismatch  31",
                "budget.unbalanced 012001 18",
            ])
        let messages = errors.map { $0["message"] as! String }
        #expect(messages[0].contains("资产总额”115019.20 万元") && messages[0].contains("比其中一项“货币资金”（报告中为 176432.02 万元）还小"))
        #expect(messages[1].contains("在职人员”1162 人，汇总数据为 1133 人，相差 29 人"))
        #expect(
            messages[2].contains("经营支出”153231.51 万元")
                && messages[2].contains("决算-基本支出 29007.27 万元 + 决算-项目支出 124224.24 万元"))
        #expect(messages[3].contains("“自评得分”99.44 分，汇总数据为 98.34 分，相差 1.10 分"))
        #expect(messages[4].contains("“决算”收支不平衡") && messages[4].contains("相差 -397.95 万元"))
        // The one warning: the execution rate falls short of full marks and the sheet gives no reason.
        #expect(
            findings.filter { $0["severity"] as? String == "warning" }.map { $0["rule"] as! String } == [
                "score.missing_reason"
            ])
        #expect(run.stderr.contains("自评 98.34 分（优秀）") && run.stderr.contains("错误 5 条"))
    }

    /// An officer's week: one unit never sent anything, another's file was dropped twice, a
    /// 合计 row was typed wrong, a budget does not balance. Each is named once; clean units
    /// raise no error.
    @Test func aMessyWeekIsNamedOnceEach() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        let folder = scratch.sub("2022")
        try FileManager.default.copyItem(atPath: Self.sample, toPath: folder)
        let manager = FileManager.default
        try manager.removeItem(atPath: folder + "/报告数.csv")
        try manager.removeItem(atPath: folder + "/012022_城乡规划局园区分局")
        let unit5 = folder + "/012005_自然资源和规划局桥西分局"
        try manager.copyItem(atPath: unit5 + "/人员.csv", toPath: unit5 + "/人员 - 副本.csv")
        let assets = folder + "/012017_规划馆/资产卡片.csv"
        var text = try String(contentsOfFile: assets, encoding: .utf8)
        text = text.replacingOccurrences(of: "合计,,,,66162757.46,", with: "合计,,,,66162766.46,")
        try text.write(toFile: assets, atomically: true, encoding: .utf8)
        let budget = folder + "/012003_土地利用规划院/预决算收支.csv"
        text = try String(contentsOfFile: budget, encoding: .utf8)
        text = text.replacingOccurrences(of: "012003,决算,年末结转和结余,31.56", with: "012003,决算,年末结转和结余,41.56")
        try text.write(toFile: budget, atomically: true, encoding: .utf8)

        let run = try Huizong.run(["consolidate", folder, "--out", scratch.sub("out")])
        #expect(run.status == 65)
        let json = try scratch.json("out/department.json")
        let findings = json["findings"] as! [[String: Any]]
        let named = findings.filter { $0["severity"] as? String != "info" }.map {
            "\($0["severity"]!) \($0["rule"]!) \($0["unit"]!)"
        }
        #expect(
            named == [
                "error total_row.mismatch ",  // the 合计 row names no unit
                "error budget.unbalanced 012001",  // the seed's own 决算 gap
                "error budget.unbalanced 012003",
                "error unit.not_submitted 012022",
                "warning file.duplicate_copy ",
                "warning score.missing_reason ",  // the sample's own, as in the clean run
            ])
        let total = try #require(findings.first { $0["rule"] as? String == "total_row.mismatch" })
        #expect(total["file"] as? String == "012017_规划馆/资产卡片.csv")
        #expect((total["message"] as! String).contains("相差 9.00 元"))
        let unbalanced = try #require(findings.first { $0["unit"] as? String == "012003" })
        #expect((unbalanced["message"] as! String).contains("相差 -10.00 万元"))
        let copy = try #require(findings.first { $0["rule"] as? String == "file.duplicate_copy" })
        #expect(copy["file"] as? String == "012005_自然资源和规划局桥西分局/人员 - 副本.csv")
        let units = json["units"] as! [[String: Any]]
        let withErrors = units.filter { ($0["errors"] as! Int) > 0 }.map { $0["code"] as! String }
        #expect(withErrors == ["012001", "012003", "012022"])
        #expect(units.first { $0["code"] as? String == "012005" }?["staff"] as? [String: Int] != nil)
        #expect(
            ((json["totals"] as! [String: Any])["staff"] as! [String: Int])["total"]! < 1162,
            "012022's staff are missing, 012005's not doubled")
    }

    /// An officer corrects one actual after another in the indicator sheet and reruns: the
    /// score, its subtotal, the total and the grade follow the rules.
    @Test func editingAnActualChangesTheScore() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        let folder = scratch.sub("2022")
        try FileManager.default.copyItem(atPath: Self.sample, toPath: folder)
        let sheet = folder + "/绩效指标.csv"
        func edit(_ id: String, actual: String) throws {
            var lines = try String(contentsOfFile: sheet, encoding: .utf8).components(separatedBy: "\r\n")
            // Rows begin with the indicator's 分项目标 (no ASCII comma in it), then its 编码.
            let index = lines.firstIndex { $0.contains("," + id + ",") }!
            var cells = lines[index].components(separatedBy: ",")
            cells[8] = actual
            lines[index] = cells.joined(separator: ",")
            try lines.joined(separator: "\r\n").write(toFile: sheet, atomically: true, encoding: .utf8)
        }
        func score() throws -> (total: String, grade: String, groups: [String: String], indicator: (String) -> String) {
            _ = try Huizong.run(["consolidate", folder, "--out", scratch.sub("out")])
            let score = try scratch.json("out/department.json")["score"] as! [String: Any]
            let groups = Dictionary(
                uniqueKeysWithValues: (score["groups"] as! [[String: String]]).map { ($0["name"]!, $0["score"]!) })
            let indicators = score["indicators"] as! [[String: Any]]
            return (
                score["total"] as! String, score["grade"] as! String, groups,
                { id in indicators.first { $0["id"] as? String == id }!["score"] as! String }
            )
        }
        let before = try score()
        #expect(before.total == "98.34" && before.grade == "优秀" && before.groups["满意度"] == "10.00")
        #expect(before.indicator("Z01") == "8.34", "10 × 153231.51 / 183681.01")

        try edit("M01", actual: "45")  // 满意度 45% against 90%: 10 × 45/90
        let satisfaction = try score()
        #expect(satisfaction.indicator("M01") == "5.00" && satisfaction.groups["满意度"] == "5.00")
        #expect(satisfaction.total == "93.34" && satisfaction.grade == "优秀")

        try edit("X01", actual: "0.75")  // half the target: 8 × 0.75/1.5
        try edit("X02", actual: "0")
        let benefits = try score()
        #expect(benefits.indicator("X01") == "4.00" && benefits.indicator("X02") == "0.00")
        #expect(benefits.groups["效益"] == "18.00")
        #expect(benefits.total == "81.34" && benefits.grade == "良好", "below 85")
        let csv = String(decoding: scratch.read("out/score.csv").dropFirst(3), as: UTF8.self)
        #expect(csv.contains("\r\nX02,效益,经济效益,全年供应土地,正向,8,45000,0,亩,,0.00,0.00,"))
        #expect(
            !csv.contains("\r\n小计,") && !csv.contains("\r\n总分,") && !csv.contains("\r\n等级,"),
            "records only: the subtotals, total and grade are department.json's and the workbook's")

        _ = try Huizong.run([
            "consolidate", folder, "--out", scratch.sub("national"),
            "--scheme", Huizong.packageRoot.appendingPathComponent("Schemes/national-90-80-60.json").path,
        ])
        let national = try scratch.json("national/department.json")["score"] as! [String: Any]
        #expect(national["total"] as? String == "81.34" && national["grade"] as? String == "良")
    }

    @Test func sameInputGivesByteIdenticalOutput() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        _ = try Huizong.run(["consolidate", Self.sample, "--out", scratch.sub("a"), "--jobs", "2"])
        _ = try Huizong.run(["consolidate", Self.sample, "--out", scratch.sub("b"), "--jobs", "1"])
        // Over the old result.
        _ = try Huizong.run(["consolidate", Self.sample, "--out", scratch.sub("a"), "--jobs", "2"])
        for file in ["units.csv", "findings.csv", "score.csv", "department.json"] {
            let first = scratch.read("a/\(file)")
            let second = scratch.read("b/\(file)")
            #expect(!first.isEmpty)
            #expect(first == second, "\(file)")
        }
        let left = try FileManager.default.contentsOfDirectory(atPath: scratch.path).sorted()
        #expect(left == [".huizong-a.lock", ".huizong-b.lock", "a", "b"], "no staging debris; the lock files stay")
    }

    @Test func unitsCSVOpensCleanlyInASpreadsheet() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        _ = try Huizong.run(["consolidate", Self.sample, "--out", scratch.sub("out")])
        let bytes = [UInt8](scratch.read("out/units.csv"))
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let text = String(decoding: bytes.dropFirst(3), as: UTF8.self)
        let lines = text.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(lines.count == 23, "header, 22 units: records only, no 合计 row")
        #expect(lines[0].hasPrefix("单位编码,单位名称,上级单位编码,状态"))
        #expect(lines[1].hasPrefix("012001,石家庄市自然资源和规划局本级,"))
        #expect(lines[22].hasPrefix("012022,"), "the last unit is the last row")
        // A program summing a column gets the department's total: nothing counts twice.
        let cash = lines.dropFirst().map { line in
            Decimal(string: String(line.split(separator: ",", omittingEmptySubsequences: false)[7]))!
        }.reduce(0, +)
        #expect(cash == Decimal(string: "1764320200.00"))
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"), "CRLF line ends only")

        let english = try Huizong.run(["consolidate", Self.sample, "--out", scratch.sub("en"), "--headers", "en"])
        #expect(english.status == 65)
        let header = String(decoding: scratch.read("en/units.csv").dropFirst(3), as: UTF8.self)
        #expect(
            header.hasPrefix("unit_code,unit_name,parent_code,status,tables_received,errors,warnings,assets_cash_yuan"))
    }

    /// Tried as a new user would: the officer exports the 部门整体支出绩效自评表 from the provincial
    /// system (Excel saves it as GB18030 CSV), drops it in place of the hand-made sheet, and gets
    /// the same score.
    @Test func theProvincialSelfEvaluationFormScoresTheSame() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        try FileManager.default.copyItem(atPath: Self.sample, toPath: scratch.sub("2022"))
        try FileManager.default.removeItem(atPath: scratch.sub("2022/绩效指标.csv"))
        try FileManager.default.copyItem(
            atPath: Huizong.packageRoot.appendingPathComponent(
                "Tests/HuizongCoreTests/Fixtures/self-evaluation/hebei-gb18030.csv"
            ).path,
            toPath: scratch.sub("2022/部门整体支出绩效自评表.csv"))
        let run = try Huizong.run(["consolidate", scratch.sub("2022"), "--out", scratch.sub("out")])
        #expect(run.status == 65, "the seed's own slips, as with the hand-made sheet")
        #expect(run.stderr.contains("自评 98.34 分（优秀）"))
        let score = try #require(try scratch.json("out/department.json")["score"] as? [String: Any])
        #expect(score["status"] as? String == "scored")
        #expect(score["total"] as? String == "98.34" && score["grade"] as? String == "优秀")
        #expect((score["indicators"] as? [Any])?.count == 20)
        let csv = String(decoding: scratch.read("out/score.csv"), as: UTF8.self)
        #expect(csv.contains("产出指标,质量指标,国土变更调查成果数据率,等于,4,100,100,%,,100.00,4.00,,"))
    }

    /// Tried as a new user would: the sample's units send workbooks as their software writes
    /// them (an .xlsx of four sheets, LibreOffice's .xls, an Excel 2003 XML ".xls", a web
    /// system's GBK HTML ".xls"); with 012002's workbook swapped for LibreOffice-saved .xlsx, .xls
    /// and HTML files it still consolidates; and both folders give exactly the figures and
    /// findings of the same folder sent all as CSV.
    @Test func foldersMixingCSVAndWorkbooksConsolidateToTheSameFigures() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        let workbooks = Huizong.packageRoot.appendingPathComponent("Tests/HuizongCoreTests/Fixtures/workbooks")
        let files = FileManager.default
        // All CSV: each workbook replaced by the CSVs the generator would otherwise have written.
        try files.copyItem(atPath: Self.sample, toPath: scratch.sub("csv"))
        let asCSV = workbooks.appendingPathComponent("sample-as-csv").path
        for unit in try files.contentsOfDirectory(atPath: asCSV) {
            let folder = scratch.sub("csv/" + unit)
            for file in try files.contentsOfDirectory(atPath: folder)
            where file.hasSuffix(".xls") || file.hasSuffix(".xlsx") {
                try files.removeItem(atPath: folder + "/" + file)
            }
            for file in try files.contentsOfDirectory(atPath: asCSV + "/" + unit) {
                try files.copyItem(atPath: asCSV + "/" + unit + "/" + file, toPath: folder + "/" + file)
            }
        }
        // 012002's tables as LibreOffice saves them, and one as a web page.
        try files.copyItem(atPath: Self.sample, toPath: scratch.sub("libreoffice"))
        let unit = scratch.sub("libreoffice/012002_自然资源执法监察支队")
        try files.removeItem(atPath: unit + "/2022年报表.xlsx")
        for workbook in ["人员.xlsx", "支出明细.xlsx", "资产卡片.xls", "预决算收支-网页.xls"] {
            try files.copyItem(atPath: workbooks.appendingPathComponent(workbook).path, toPath: unit + "/" + workbook)
        }
        let plain = try Huizong.run(["consolidate", scratch.sub("csv"), "--out", scratch.sub("out-csv")])
        let csv = try scratch.json("out-csv/department.json")
        let totals = { (json: [String: Any]) in NSDictionary(dictionary: json["totals"] as! [String: Any]) }
        let units = { (json: [String: Any]) in (json["units"] as! [[String: Any]]).map { NSDictionary(dictionary: $0) }
        }
        let findings = { (json: [String: Any]) in
            (json["findings"] as! [[String: Any]]).map { "\($0["rule"]!) \($0["unit"] ?? "")" }.sorted()
        }
        for (folder, workbookCount) in [(Self.sample, 5), (scratch.sub("libreoffice"), 8)] {
            let out = scratch.sub("out-" + String(workbookCount))
            let mixed = try Huizong.run(["consolidate", folder, "--out", out])
            #expect(mixed.status == plain.status)
            let json = try scratch.json("out-\(workbookCount)/department.json")
            #expect(totals(json) == totals(csv))
            #expect(units(json) == units(csv), "every unit's figures")
            #expect(findings(json) == findings(csv), "the same findings, on the same units")
            let inputs = json["inputs"] as! [[String: Any]]
            #expect(inputs.filter { $0["kind"] as? String == "workbook" }.count == workbookCount)
            #expect(inputs.allSatisfy { ($0["rejected"] as? Int) == 0 })
        }
    }

    /// Tried as a new user would: the same 22 units as their systems export them — each unit's
    /// 决算 workbook out of the 决算 software (01表, 04表, 资产负债简表, the unit named only in
    /// 编制单位 and the file name), the asset system's cards (national codes, no category, no unit
    /// code, some on GB/T 14885-2022 codes), the headcounts (a 基本数字表 with three header rows, a
    /// 人员情况 turned on its side), the printed 自评表 — consolidate with no re-keying to
    /// SampleData/2022's department figures, score and findings.
    @Test func theUnitsOwnExportsConsolidateLikeTheSample() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        let exports = Self.sample + "-exports"
        let plain = try Huizong.run(["consolidate", Self.sample, "--out", scratch.sub("sample")])
        let real = try Huizong.run(["consolidate", exports, "--out", scratch.sub("exports")])
        #expect(real.status == plain.status && real.status == 65, "\(real.stderr)")
        let a = try scratch.json("sample/department.json")
        let b = try scratch.json("exports/department.json")
        // The totals, but for the number of cards: 货币资金 and 在建工程 are on no card there.
        func totals(_ json: [String: Any]) -> NSDictionary {
            var totals = json["totals"] as! [String: Any]
            var assets = totals["assets"] as! [String: Any]
            assets["cards"] = nil
            totals["assets"] = assets
            return NSDictionary(dictionary: totals)
        }
        #expect(totals(a) == totals(b))
        // The score from the 自评表 as the provincial system prints it (weights in merged 一级指标
        // cells, `指标1：` labels, 总分 and 注 rows): the same total, grade and indicators' scores;
        // its indicators are named by their rows there (no 指标编码), their groups as printed.
        func score(_ json: [String: Any]) -> (NSDictionary, [String]) {
            var score = json["score"] as! [String: Any]
            let indicators = (score.removeValue(forKey: "indicators") as! [[String: Any]]).map { indicator in
                ["name", "weight", "target", "actual", "completion", "score", "flags"].map { "\(indicator[$0]!)" }
                    .joined(separator: "|")
            }
            return (NSDictionary(dictionary: score), indicators)
        }
        #expect(score(a).0 == score(b).0 && score(a).1 == score(b).1)
        #expect((b["score"] as! [String: Any])["total"] as? String == "98.34")
        // The same findings; each unit's books add one info, that their lines on accounts outside
        // 7101/7201 (8001 资金结存; 5001 业务活动费用 and 1011/1002 too in the four sent instead of a
        // 支出明细) are not spending: the 本级's 用友 序时账, and 012009's GRP-U8 序时账, 012012's 金蝶
        // 凭证列表, 012015's printed vouchers and 012022's web HTML 序时账. Each card file on GB/T
        // 14885-2022 codes one, the one note that its amounts are read as 元; and each printed form
        // or voucher file one naming the rows read past (栏次, 审核公式, footers, page numbers, 附单据).
        let findings = { (json: [String: Any]) in
            (json["findings"] as! [[String: Any]]).map { "\($0["severity"]!) \($0["rule"]!) \($0["unit"]!)" }.sorted()
        }
        // Each 决算 workbook one more: its 封面 and 填报说明 hold no data table, read past.
        let added: Set = [
            "info ledger.not_spending ", "info header.cards_in_yuan ", "info row.not_data ", "info sheet.not_a_table ",
        ]
        #expect(findings(a) == findings(b).filter { !added.contains($0) })
        let books = ["012001", "012009", "012012", "012015", "012022"]
        #expect(findings(b).filter { $0 == "info ledger.not_spending " }.count == books.count)
        let printed = (b["findings"] as! [[String: Any]]).filter {
            $0["rule"] as? String == "row.not_data" && ($0["file"] as? String)?.hasSuffix("/记账凭证.csv") == true
        }
        #expect(printed.count == 1, "the printed vouchers' footers, 附单据 and page rows: read past, said once")
        let notes = (b["findings"] as! [[String: Any]]).filter { $0["rule"] as? String == "header.cards_in_yuan" }
        let units2022 = stride(from: 3, through: 21, by: 3).map { String(format: "0120%02d", $0) }
        #expect(
            notes.map { String(($0["file"] as! String).prefix(6)) }.sorted() == units2022, "one per 2022-coded file")
        #expect(notes.allSatisfy { ($0["file"] as! String).hasSuffix("/固定资产卡片.csv") && $0["line"] as? Int == 2 })
        // Each unit's books, mapped by account (the department's 科目对照表 places 非财政专项资金 as
        // 事业收入) and by each line's 资金性质 / 资金来源 where it states one, give its ledger to the
        // fen: 基本/项目, every funding source, and one spending line per row of its 支出明细.
        let ledger = { (json: [String: Any], code: String) in
            NSDictionary(
                dictionary: (json["units"] as! [[String: Any]]).first { $0["code"] as? String == code }![
                    "expenditure"] as! [String: Any])
        }
        for code in books {
            #expect(ledger(a, code) == ledger(b, code), "\(code)")
        }
        let inputs = b["inputs"] as! [[String: Any]]
        let journals = inputs.filter { $0["kind"] as? String == "journal" }
        #expect(journals.map { String(($0["path"] as! String).prefix(6)) } == books)
        let journal = try #require(journals.first)
        #expect(journal["unit"] as? String == "012001" && journal["unit_source"] as? String == "preamble")
        #expect(inputs.contains { $0["kind"] as? String == "account_map" })
        let forms = inputs.filter { $0["layout"] is String && $0["kind"] as? String != "not_a_table" }
        #expect(forms.count == 21 * 3 + 2, "01表, 04表 and 资产负债简表 of every unit; 012011's 02表 instead of 01表 and 04表")
        #expect(inputs.filter { $0["kind"] as? String == "not_a_table" }.count == 22 * 2, "封面 and 填报说明, read past")
        #expect(
            inputs.contains {
                ($0["layout"] as? String)?.contains("财决02表") == true && $0["unit"] as? String == "012011"
            })
        #expect(forms.allSatisfy { $0["unit_source"] as? String == "preamble" && ($0["unit"] as? String)?.count == 6 })
        let cards = inputs.filter { ($0["path"] as! String).hasSuffix("/固定资产卡片.csv") }
        #expect(
            cards.count == 22
                && cards.allSatisfy { $0["unit_source"] as? String == "folder" && $0["kind"] as? String == "assets" })
        // A third of the units export on GB/T 14885-2022 codes (`A02010104`), the rest on 2010's.
        let on2022 = try cards.filter {
            try String(contentsOfFile: exports + "/" + ($0["path"] as! String), encoding: .utf8).contains("（2022国标码）")
        }
        #expect(on2022.map { String(($0["path"] as! String).prefix(6)) }.sorted() == units2022)
        let counts = inputs.filter { $0["kind"] as? String == "staff_counts" }
        #expect(counts.count == 22 && counts.allSatisfy { $0["unit_source"] as? String == "preamble" })
        #expect(inputs.allSatisfy { ($0["rejected"] as? Int) == 0 })
    }
}
