import Foundation
import Testing

/// `huizong rollup`: departments' results added up, transfers between them eliminated, and
/// every result folder checked against its manifest before a figure of it is used.
@Suite struct RollupTests {
    static let sample = Huizong.packageRoot.appendingPathComponent("SampleData/rollup-2022").path
    static let departments = ["交通运输局", "交通运输综合执法支队", "文化广电和旅游局"]

    /// Consolidates the sample's departments into `scratch/结果/<name>`.
    static func consolidate(_ scratch: Scratch, _ names: [String] = departments, year: Int = 2022) throws {
        for name in names {
            let run = try Huizong.run([
                "consolidate", (sample as NSString).appendingPathComponent(name), "--year", String(year), "--out",
                scratch.sub("结果/\(name)"), "--quiet",
            ])
            // Clean exports, each department on its own: 交通运输局 names its 二级 department 另行汇总.
            #expect(run.status == 0, "clean exports: \(name): \(run.stderr)")
        }
    }

    /// Exact 分 from `-1234.50`, without floating point.
    static func fen(_ text: Any?) -> Int64 {
        let text = text as! String
        let negative = text.hasPrefix("-")
        let digits = text.filter(\.isNumber)
        return (negative ? -1 : 1) * Int64(digits)!
    }

    static func canonical(_ value: Any) throws -> Data {
        try JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .prettyPrinted])
    }

    /// Every amount of `totals` by its path, and every count.
    static func leaves(_ value: Any, _ path: String = "") -> [String: Int64] {
        if let object = value as? [String: Any] {
            return object.reduce(into: [:]) { result, member in
                result.merge(leaves(member.value, path + "." + member.key)) { $1 }
            }
        }
        if let text = value as? String { return [path: fen(text)] }
        return [path: Int64((value as! NSNumber).intValue)]
    }

    @Test func aRollupOfOneDepartmentHasItsTotals() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        try Self.consolidate(scratch, ["文化广电和旅游局"])
        let run = try Huizong.run(["rollup", scratch.sub("结果/文化广电和旅游局"), "--out", scratch.sub("汇总")])
        #expect(run.status == 0, "\(run.stderr)")
        let department = try scratch.json("结果/文化广电和旅游局/department.json")
        let rollup = try scratch.json("汇总/rollup.json")
        #expect(rollup["schema"] as? String == "huizong.rollup/1")
        #expect(try Self.canonical(rollup["totals"]!) == Self.canonical(department["totals"]!))
        // And as written: the same lines, in the same order (one writer for both).
        let departmentText = String(decoding: scratch.read("结果/文化广电和旅游局/department.json"), as: UTF8.self)
        let rollupText = String(decoding: scratch.read("汇总/rollup.json"), as: UTF8.self)
        let totals = { (text: String) -> Substring in
            let start = text.range(of: "\n  \"totals\": {")!.lowerBound
            let end = text.range(of: "\n  },", range: start..<text.endIndex)!.upperBound
            return text[start..<end]
        }
        #expect(totals(departmentText) == totals(rollupText))
        for name in [".huizong-manifest", "rollup.json", "findings.csv", "汇总结果.xlsx", "report.md", "report.html"] {
            #expect(FileManager.default.fileExists(atPath: scratch.sub("汇总/\(name)")), "\(name)")
        }
        // Byte-identical on a second run.
        let again = try Huizong.run(["rollup", scratch.sub("结果/文化广电和旅游局"), "--out", scratch.sub("汇总2")])
        #expect(again.status == 0)
        for name in ["rollup.json", "findings.csv", "汇总结果.xlsx", "report.md", "report.html"] {
            #expect(scratch.read("汇总/\(name)") == scratch.read("汇总2/\(name)"), "\(name)")
        }
    }

    @Test func severalDepartmentsAddUpToTheFenAndTheTransferBetweenTwoIsEliminated() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        try Self.consolidate(scratch)
        let run = try Huizong.run(
            ["rollup"] + Self.departments.reversed().map { scratch.sub("结果/\($0)") } + ["--out", scratch.sub("汇总")])
        #expect(run.status == 0, "\(run.stderr)")
        let rollup = try scratch.json("汇总/rollup.json")
        // The sum of the departments' totals, leaf by leaf, to the 分.
        var sum: [String: Int64] = [:]
        for name in Self.departments {
            let totals = try scratch.json("结果/\(name)/department.json")["totals"]!
            sum.merge(Self.leaves(totals)) { $0 + $1 }
        }
        let totals = Self.leaves(rollup["totals"]!)
        #expect(totals == sum)
        #expect(totals[".budget.final.general_budget"] == Int64(1_075_000_000 + 189_000_000 + 582_000_000))
        // The grant from 交通运输局 本级 to the 执法支队 本级: both sides, eliminated, nothing left over.
        let links = rollup["eliminations"] as! [[String: Any]]
        #expect(links.count == 1)
        let link = links[0]
        #expect(link["parent_department"] as? String == "交通运输局")
        #expect((link["parent_unit"] as! [String: Any])["code"] as? String == "101001")
        #expect(link["subordinate_departments"] as? [String] == ["交通运输综合执法支队"])
        let final = (link["stages"] as! [String: Any])["final"] as! [String: Any]
        #expect(final["grant_to_subordinate"] as? String == "1200000.00")
        #expect(final["grant_from_parent"] as? String == "1200000.00")
        #expect(final["grant_difference"] as? String == "0.00")
        #expect(totals[".eliminations.final.grant_difference"] == 0)
        #expect(
            totals[".eliminations.final.grant_to_subordinate"] == Int64((500_000 + 1_200_000 + 300_000 + 260_000) * 100)
        )
        let departments = rollup["departments"] as! [[String: Any]]
        #expect(departments.map { $0["folder"] as? String } == Self.departments, "in the order of their 本级's code")
        #expect(departments[1]["parent_department"] as? String == "交通运输局")
        #expect((departments[1]["main_unit"] as! [String: Any])["parent_code"] as? String == "101001")
        // 交通运输局's registry names the 执法支队 本级 另行汇总: its own check left the grant to the
        // rollup (an info), so no department has errors and the two sides agree here.
        let findings = String(decoding: scratch.read("汇总/findings.csv"), as: UTF8.self)
        #expect(!findings.contains("rollup.department_errors") && !findings.contains("rollup.transfer_mismatch"))
        #expect(String(decoding: scratch.read("汇总/report.md"), as: UTF8.self).contains("交通运输综合执法支队"))
    }

    @Test func transfersThatDisagreeAreAFindingNamingBothDepartmentsAndFigures() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        // The 执法支队 books 1,000 元 less than the 交通运输局 granted it.
        let source = (Self.sample as NSString).appendingPathComponent("交通运输综合执法支队")
        try FileManager.default.copyItem(atPath: source, toPath: scratch.sub("执法支队"))
        let budget = scratch.sub("执法支队/预决算收支.csv")
        var text = try String(contentsOfFile: budget, encoding: .utf8)
        text = text.replacingOccurrences(of: "201001,决算,上级补助收入,1200000.00", with: "201001,决算,上级补助收入,1199000.00")
        text = text.replacingOccurrences(of: "201001,决算,年末结转和结余,20000.00", with: "201001,决算,年末结转和结余,19000.00")
        try text.write(toFile: budget, atomically: true, encoding: .utf8)
        try Self.consolidate(scratch, ["交通运输局"])
        let own = try Huizong.run([
            "consolidate", scratch.sub("执法支队"), "--year", "2022", "--out", scratch.sub("结果/执法支队"), "--quiet",
        ])
        #expect(own.status == 0, "\(own.stderr)")
        let run = try Huizong.run([
            "rollup", scratch.sub("结果/交通运输局"), scratch.sub("结果/执法支队"), "--out", scratch.sub("汇总"),
        ])
        #expect(run.status == 65, "\(run.stderr)")
        let findings = String(decoding: scratch.read("汇总/findings.csv"), as: UTF8.self)
        let line = findings.split(separator: "\r\n").first { $0.contains("rollup.transfer_mismatch") } ?? ""
        for part in ["交通运输局", "执法支队", "1200000.00", "1199000.00", "决算"] {
            #expect(line.contains(part), "\(part) in \(line)")
        }
    }

    @Test func twoYearsOrOneDepartmentTwiceAreRefused() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        try Self.consolidate(scratch, ["交通运输局", "文化广电和旅游局"])
        let earlier = try Huizong.run([
            "consolidate", (Self.sample as NSString).appendingPathComponent("文化广电和旅游局"), "--year", "2021", "--out",
            scratch.sub("2021/文化广电和旅游局"), "--quiet",
        ])
        #expect(earlier.status == 0 || earlier.status == 65)
        let years = try Huizong.run([
            "rollup", scratch.sub("结果/交通运输局"), scratch.sub("2021/文化广电和旅游局"), "--out", scratch.sub("汇总"),
        ])
        #expect(years.status == 66)
        #expect(years.stderr.contains("2021") && years.stderr.contains("2022") && years.stderr.contains("交通运输局"))
        let twice = try Huizong.run([
            "rollup", scratch.sub("结果/交通运输局"), scratch.sub("结果/交通运输局"), "--out", scratch.sub("汇总"),
        ])
        #expect(twice.status == 66 && twice.stderr.contains("101001"), "\(twice.stderr)")
        // A copy of a result under another name is the same department.
        try FileManager.default.copyItem(atPath: scratch.sub("结果/交通运输局"), toPath: scratch.sub("副本"))
        let copy = try Huizong.run(["rollup", scratch.sub("结果/交通运输局"), scratch.sub("副本"), "--out", scratch.sub("汇总")])
        #expect(copy.status == 66 && copy.stderr.contains("副本"))
        #expect(!FileManager.default.fileExists(atPath: scratch.sub("汇总")))
        #expect(try Huizong.run(["rollup", "--out", scratch.sub("汇总")]).status == 64)
    }

    @Test func anEditedResultIsRefusedAndNothingIsWritten() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        try Self.consolidate(scratch, ["交通运输局", "文化广电和旅游局"])
        for name in ["department.json", "units.csv"] {
            let folder = scratch.sub("改/\(name)")
            try FileManager.default.createDirectory(
                atPath: (folder as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: scratch.sub("结果/文化广电和旅游局"), toPath: folder)
            var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name)))
            let digit = bytes.firstIndex(of: UInt8(ascii: "7")) ?? bytes.firstIndex(of: UInt8(ascii: "1"))!
            bytes[digit] = bytes[digit] == UInt8(ascii: "7") ? UInt8(ascii: "8") : UInt8(ascii: "2")
            try Data(bytes).write(to: URL(fileURLWithPath: folder + "/" + name))
            let run = try Huizong.run(["rollup", scratch.sub("结果/交通运输局"), folder, "--out", scratch.sub("汇总")])
            #expect(run.status == 66, "\(name): \(run.stderr)")
            #expect(run.stderr.contains(name) && run.stderr.contains("改动"), "\(run.stderr)")
            #expect(!FileManager.default.fileExists(atPath: scratch.sub("汇总")))
        }
        // A folder that is no result at all, and a department.json of another schema.
        scratch.write("空/readme.txt", "x")
        let plain = try Huizong.run(["rollup", scratch.sub("空"), "--out", scratch.sub("汇总")])
        #expect(plain.status == 66 && plain.stderr.contains(".huizong-manifest"))
        let missing = try Huizong.run(["rollup", scratch.sub("没有"), "--out", scratch.sub("汇总")])
        #expect(missing.status == 66 && missing.stderr.contains("没有"))
        #expect(!FileManager.default.fileExists(atPath: scratch.sub("汇总")))
    }
}
