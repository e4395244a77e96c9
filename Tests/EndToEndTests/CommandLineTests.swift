import Foundation
import Testing

/// Exit codes and messages as cron and officers see them.
@Suite struct CommandLineTests {
    static let registry = "单位编码,单位名称,上级单位编码\r\n012001,某局本级,\r\n012002,执法支队,\r\n"

    @Test func badUsageExits64() throws {
        #expect(try Huizong.run(["consolidate"]).status == 64)
        #expect(try Huizong.run(["consolidate", ".", "--jobs", "0"]).status == 64)
        #expect(try Huizong.run(["consolidate", ".", "--headers", "fr"]).status == 64)
        #expect(try Huizong.run(["no-such-command"]).status == 64)
    }

    /// `huizong rules` lists the catalog; docs/rules.md is that list, regenerated, not kept by hand.
    @Test func rulesListsEveryRuleAndTheDocsAreGeneratedFromIt() throws {
        let text = try Huizong.run(["rules"])
        #expect(text.status == 0)
        let lines = text.stdout.split(separator: "\n")
        #expect(lines.count >= 60, "one line per rule")
        let ids = lines.map { String($0.split(separator: " ")[0]) }
        #expect(Set(ids).count == ids.count, "no rule twice")
        for id in [
            "row.amount", "file.link_outside", "report.mismatch", "score.manual_out_of_band", "total_row.mismatch",
        ] {
            #expect(ids.contains(id), "\(id)")
        }
        #expect(lines.allSatisfy { $0.contains("处理：") }, "each rule says what to do")

        let markdown = try Huizong.run(["rules", "--markdown"])
        let docs = try String(contentsOf: Huizong.packageRoot.appendingPathComponent("docs/rules.md"), encoding: .utf8)
        #expect(
            markdown.stdout == docs,
            "docs/rules.md is out of date: run `swift run huizong rules --markdown > docs/rules.md`")
        #expect(markdown.stdout.split(separator: "\n").filter { $0.hasPrefix("| `") }.count == ids.count)
    }

    @Test func missingInputExits66AndNamesIt() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        let run = try Huizong.run(["consolidate", scratch.sub("nowhere"), "--out", scratch.sub("out")])
        #expect(run.status == 66)
        #expect(run.stderr.contains("nowhere") && run.stderr.contains("不存在"))
        #expect(!FileManager.default.fileExists(atPath: scratch.sub("out/department.json")))

        scratch.write("in/s.csv", "单位编码,人员编号,人员类别\r\n012001,P1,在职\r\n")
        let noRegistry = try Huizong.run(["consolidate", scratch.sub("in"), "--out", scratch.sub("out")])
        #expect(noRegistry.status == 66)
        #expect(noRegistry.stderr.contains("单位名录"))

        scratch.write("in/名录.csv", Self.registry)
        scratch.write("in/旧/单位名录.csv", Self.registry + "012003,规划院,\r\n")
        let two = try Huizong.run(["consolidate", scratch.sub("in"), "--out", scratch.sub("out")])
        #expect(two.status == 66 && two.stderr.contains("2 份单位名录（名录.csv、旧/单位名录.csv）"), "\(two.stderr)")
        #expect(!FileManager.default.fileExists(atPath: scratch.sub("out/department.json")))
        try FileManager.default.removeItem(atPath: scratch.sub("in/旧"))
        let noScheme = try Huizong.run([
            "consolidate", scratch.sub("in"), "--out", scratch.sub("out"), "--scheme", scratch.sub("none.json"),
        ])
        #expect(noScheme.status == 66 && noScheme.stderr.contains("评分方案"))
        let badScheme = scratch.write("bad.json", "{\"schema\": \"huizong.scheme/1\"}")
        #expect(
            try Huizong.run(["consolidate", scratch.sub("in"), "--out", scratch.sub("out"), "--scheme", badScheme])
                .status == 66)
    }

    @Test func outputThatCannotBeCreatedExits73AndLeavesThePreviousResult() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        scratch.write("in/名录.csv", Self.registry)
        scratch.write("in/s.csv", "单位编码,人员编号,人员类别\r\n012001,P1,在职\r\n012002,P2,退休\r\n")
        scratch.write("a-file", "x")
        let run = try Huizong.run(["consolidate", scratch.sub("in"), "--out", scratch.sub("a-file")])
        #expect(run.status == 73)
        #expect(run.stderr.contains("a-file"))
        #expect(String(decoding: scratch.read("a-file"), as: UTF8.self) == "x")

        scratch.write("busy/notes.txt", "someone's notes")
        let foreign = try Huizong.run(["consolidate", scratch.sub("in"), "--out", scratch.sub("busy")])
        #expect(foreign.status == 73, "never swap away a folder of other files")
        #expect(FileManager.default.fileExists(atPath: scratch.sub("busy/notes.txt")))
    }

    @Test func errorFindingsExit65WithOutputsWritten() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        scratch.write("in/名录.csv", Self.registry)
        scratch.write("in/s.csv", "单位编码,人员编号,人员类别\r\n012001,P1,在职\r\n012002,P2,已故\r\n")
        let run = try Huizong.run(["consolidate", scratch.sub("in"), "--out", scratch.sub("out")])
        #expect(run.status == 65)
        #expect(run.stderr.contains("s.csv 第 3 行") && run.stderr.contains("已故"))
        #expect(!run.stderr.contains("\u{1B}"), "no terminal escapes into a log")
        let logged = try Huizong.run([
            "consolidate", scratch.sub("in"), "--out", scratch.sub("out"), "--log-level", "debug",
        ])
        #expect(logged.stderr.contains("debug 读取 s.csv：staff，2 行（计入 1，未计入 1）"))
        #expect(logged.stderr.contains("info 找到 2 个文件"))
        #expect(!logged.stderr.contains("\u{1B}"))
        let findings = String(decoding: scratch.read("out/findings.csv").dropFirst(3), as: UTF8.self)
        #expect(findings.contains("错误,row.vocabulary,012002,执法支队,s.csv,3,"), "the unit's name beside its code")
        let json = try scratch.json("out/department.json")
        let inputs = json["inputs"] as! [[String: Any]]
        let staff = inputs.first { $0["path"] as? String == "s.csv" }!
        #expect(staff["rows"] as? Int == 2 && staff["accepted"] as? Int == 1 && staff["rejected"] as? Int == 1)
    }

    @Test func aRegistryGivenOnTheCommandLineWins() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        scratch.write("in/名录.csv", Self.registry)
        scratch.write("in/s.csv", "单位编码,人员编号,人员类别\r\n012001,P1,在职\r\n")
        let registry = scratch.write("elsewhere/only-main.csv", "单位编码,单位名称\r\n012001,某局本级\r\n")
        let run = try Huizong.run([
            "consolidate", scratch.sub("in"), "--out", scratch.sub("out"), "--registry", registry,
        ])
        #expect(run.status == 0, "\(run.stderr)")
        let json = try scratch.json("out/department.json")
        #expect((json["units"] as! [[String: Any]]).map { $0["code"] as! String } == ["012001"])
        let inputs = json["inputs"] as! [[String: Any]]
        #expect(inputs.map { $0["path"] as! String } == ["only-main.csv", "s.csv", "名录.csv"])
        let superseded = inputs[2]
        #expect(superseded["accepted"] as? Int == 0 && superseded["rejected"] as? Int == 2)
        let findings = json["findings"] as! [[String: Any]]
        #expect(
            findings.map { $0["rule"] as! String } == ["registry.superseded", "unit.incomplete", "score.no_indicators"])

        let missing = try Huizong.run([
            "consolidate", scratch.sub("in"), "--out", scratch.sub("out"), "--registry", scratch.sub("nope.csv"),
        ])
        #expect(missing.status == 66)
    }

    @Test func quietPrintsNothingOnSuccess() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        scratch.write("in/名录.csv", Self.registry)
        scratch.write("in/s.csv", "单位编码,人员编号,人员类别\r\n012001,P1,在职\r\n012002,P2,退休\r\n")
        let run = try Huizong.run(["consolidate", scratch.sub("in"), "--out", scratch.sub("out"), "--quiet"])
        #expect(run.status == 0)
        #expect(run.stdout.isEmpty && run.stderr.isEmpty)
    }

    /// Staff tables as systems print them (three header rows, 栏次, 审核公式, turned on its side), and
    /// two that disagree: the good ones give their figures, the doubtful one is blank, never 0.
    @Test func aFigureThatCannotBeCertainIsMissingInEveryOutput() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        let staff = Huizong.packageRoot.appendingPathComponent("Tests/HuizongCoreTests/Fixtures/staff")
        try FileManager.default.createDirectory(
            atPath: scratch.sub("in/012002_执法支队"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: scratch.sub("in/012003_规划院"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            atPath: staff.appendingPathComponent("基本数字表-三行表头.xlsx").path,
            toPath: scratch.sub("in/012002_执法支队/基本数字表.xlsx"))
        try FileManager.default.copyItem(
            atPath: staff.appendingPathComponent("人员情况-转置-gb18030.csv").path,
            toPath: scratch.sub("in/012003_规划院/人员情况.csv"))
        scratch.write("in/名录.csv", Self.registry + "012003,规划院,012001\r\n")
        scratch.write("in/a.csv", "单位编码,在职人数,退休人数\r\n012001,28,3\r\n")
        scratch.write("in/b.csv", "单位编码,在职人数,退休人数\r\n012001,29,3\r\n")
        let run = try Huizong.run(["consolidate", scratch.sub("in"), "--out", scratch.sub("out")])
        #expect(run.status == 65, "two tables that disagree are an error to fix")
        #expect(run.stderr.contains("b.csv 第 2 行") && run.stderr.contains("两行都未计入"))
        let json = try scratch.json("out/department.json")
        let units = json["units"] as! [[String: Any]]
        let staffOf = { (code: String) in units.first { $0["code"] as? String == code }?["staff"] }
        #expect((staffOf("012002") as? [String: Int])?["active"] == 30)
        #expect((staffOf("012003") as? [String: Int])?["retired"] == 12)
        #expect(staffOf("012001") is NSNull, "left out, not 0")
        let missing = try #require(json["missing"] as? [[String: Any]])
        #expect(
            missing.count == 1 && missing[0]["unit"] as? String == "012001"
                && missing[0]["figure"] as? String == "staff")
        #expect((missing[0]["rows"] as? [[String: Any]])?.compactMap { $0["file"] as? String } == ["a.csv", "b.csv"])
        let units2 = String(decoding: scratch.read("out/units.csv").dropFirst(3), as: UTF8.self)
        let row = try #require(units2.split(separator: "\r\n").first { $0.hasPrefix("012001,") })
        let header = units2.split(separator: "\r\n")[0].split(separator: ",", omittingEmptySubsequences: false)
        let cells = row.split(separator: ",", omittingEmptySubsequences: false)
        let active = try #require(header.firstIndex(of: "在职人员"))
        #expect(cells[active] == "" && cells[active + 3] == "", "blank in units.csv")
        let report = String(decoding: scratch.read("out/report.md"), as: UTF8.self)
        #expect(report.contains("以上人数不含某局本级的数字"))
    }

    @Test func anOfficersFolderOfRealExportsConsolidatesExactly() throws {
        // The seven shapes of one ledger (GB18030 with a title and 合计, UTF-16 tab, semicolons,
        // CR line ends, …) dropped together with a broken workbook, which is named as such.
        let scratch = Scratch()
        defer { scratch.remove() }
        let shapes = Huizong.packageRoot.appendingPathComponent("Tests/HuizongCoreTests/Fixtures/shapes")
        try FileManager.default.createDirectory(atPath: scratch.sub("in"), withIntermediateDirectories: true)
        for name in try FileManager.default.contentsOfDirectory(atPath: shapes.path) {
            try FileManager.default.copyItem(
                atPath: shapes.appendingPathComponent(name).path, toPath: scratch.sub("in/\(name)"))
        }
        scratch.write("in/名录.csv", "单位编码,单位名称\r\n012001,某局本级\r\n")
        scratch.write("in/预算.xlsx", "PK")
        let run = try Huizong.run(["consolidate", scratch.sub("in"), "--out", scratch.sub("out")])
        #expect(run.status == 65, "the broken workbook is an error: its data are missing")
        let json = try scratch.json("out/department.json")
        let expenditure = (json["totals"] as! [String: Any])["expenditure"] as! [String: Any]
        #expect(expenditure["rows"] as? Int == 35)
        #expect(expenditure["total"] as? String == "7862708.21")  // 7 × 1123244.03
        let findings = json["findings"] as! [[String: Any]]
        let errors = findings.filter { $0["severity"] as? String == "error" }
        #expect(errors.map { $0["rule"] as? String } == ["file.workbook_unreadable"])
        #expect(errors.first?["file"] as? String == "预算.xlsx")
        #expect((errors.first?["message"] as? String)?.contains("重新保存") == true)
    }

    @Test func inspectShowsWhatHuizongSees() throws {
        let file = Huizong.packageRoot.appendingPathComponent(
            "Tests/HuizongCoreTests/Fixtures/shapes/excel-gb18030-preamble-total.csv"
        ).path
        let run = try Huizong.run(["inspect", file])
        #expect(run.status == 0)
        for expected in [
            "GB18030", "逗号", "2022年支出明细账", "第 4 行", "支出明细 (expenditure)", "“金额(元)” → amount，金额单位 元", "合计行：第 11 行",
        ] {
            #expect(run.stdout.contains(expected), "\(expected)")
        }
        let rows = try Huizong.run(["inspect", "--rows", file])
        let records = try JSONSerialization.jsonObject(with: Data(rows.stdout.utf8)) as! [[String: String]]
        #expect(records.count == 5)
        #expect(records[1]["摘要"] == "委托\"国土空间规划\"编制, 首期")
        #expect(records[3]["摘要"] == "测绘服务费\r\n含外业")
        #expect(try Huizong.run(["inspect", "/no/such/file.csv"]).status == 66)
    }
}
