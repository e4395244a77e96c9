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
        #expect(run.status == 0, "\(run.stderr)")
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
            "initial": ["general_budget": "36089.91", "government_fund": "945502", "public_service_revenue": "2982.93",
                        "basic_expenditure": "18557.82", "project_expenditure": "966017.02"],
            "adjusted": ["general_budget": "39052.37", "government_fund": "137613.51", "public_service_revenue": "2579.14",
                         "other_income": "5.39", "opening_balance": "4430.59", "basic_expenditure": "30145.19",
                         "project_expenditure": "153535.82"],
            "final": ["general_budget": "35347.86", "government_fund": "111585.01", "public_service_revenue": "2579.14",
                      "other_income": "156.56", "basic_expenditure": "29007.27", "project_expenditure": "124224.24",
                      "closing_balance": "1265.60", "business_expenditure": "0"],
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
        #expect(Set(inputs.compactMap { $0["encoding"] as? String }) == ["gb18030", "utf-8", "utf-8-bom", "utf-16le"])
    }

    @Test func sameInputGivesByteIdenticalOutput() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        _ = try Huizong.run(["consolidate", Self.sample, "--out", scratch.sub("a"), "--jobs", "2"])
        _ = try Huizong.run(["consolidate", Self.sample, "--out", scratch.sub("b"), "--jobs", "1"])
        _ = try Huizong.run(["consolidate", Self.sample, "--out", scratch.sub("a"), "--jobs", "2"])  // over the old result
        for file in ["units.csv", "findings.csv", "department.json"] {
            let first = scratch.read("a/\(file)"), second = scratch.read("b/\(file)")
            #expect(!first.isEmpty)
            #expect(first == second, "\(file)")
        }
        let left = try FileManager.default.contentsOfDirectory(atPath: scratch.path).sorted()
        #expect(left == ["a", "b"], "no staging debris")
    }

    @Test func unitsCSVOpensCleanlyInASpreadsheet() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        _ = try Huizong.run(["consolidate", Self.sample, "--out", scratch.sub("out")])
        let bytes = [UInt8](scratch.read("out/units.csv"))
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let text = String(decoding: bytes.dropFirst(3), as: UTF8.self)
        let lines = text.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(lines.count == 24, "header, 22 units, 合计")
        #expect(lines[0].hasPrefix("单位编码,单位名称,上级单位编码,状态"))
        #expect(lines[1].hasPrefix("\"=\"\"012001\"\"\",石家庄市自然资源和规划局本级,"))
        #expect(lines[23].hasPrefix("合计,"))
        #expect(lines[23].contains(",1764320200.00,235753600.00,133628700.00,102124900.00,1209800.00,"))
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"), "CRLF line ends only")

        let english = try Huizong.run(["consolidate", Self.sample, "--out", scratch.sub("en"), "--headers", "en"])
        #expect(english.status == 0)
        let header = String(decoding: scratch.read("en/units.csv").dropFirst(3), as: UTF8.self)
        #expect(header.hasPrefix("unit_code,unit_name,parent_code,status,tables_received,errors,warnings,assets_cash_yuan"))
    }
}
