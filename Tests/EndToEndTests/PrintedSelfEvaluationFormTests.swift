import Foundation
import Testing

/// Tried as a new user would: the officer drops the national 部门整体支出绩效自评表 as the
/// provincial system prints it (an .xlsx with merged cells, `产出指标（50分）`, a 总分 row and the 注
/// lines) in place of the hand-made sheet and scores it with the national scheme.
@Suite struct PrintedSelfEvaluationFormTests {
    static let forms = Huizong.packageRoot.appendingPathComponent("Tests/HuizongCoreTests/Fixtures/self-evaluation")
    static let scheme = Huizong.packageRoot.appendingPathComponent("Schemes/national-90-80-60.json").path

    /// The sample with the form `name` in place of 绩效指标.csv, consolidated with the national scheme.
    static func run(_ name: String, _ scratch: Scratch) throws -> Huizong.Run {
        try FileManager.default.copyItem(atPath: SampleTests.sample, toPath: scratch.sub("2022"))
        try FileManager.default.removeItem(atPath: scratch.sub("2022/绩效指标.csv"))
        try FileManager.default.copyItem(
            atPath: forms.appendingPathComponent(name).path, toPath: scratch.sub("2022/部门整体支出绩效自评表.xlsx"))
        return try Huizong.run(["consolidate", scratch.sub("2022"), "--out", scratch.sub("out"), "--scheme", scheme])
    }

    @Test func theNationalFormAsPrintedGivesTheNationalTotalAndGrade() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        let run = try Self.run("national.xlsx", scratch)
        #expect(run.status == 65, "the seed's own slips, as with the hand-made sheet")
        #expect(run.stderr.contains("自评 98.34 分（优）"), "\(run.stderr)")
        let json = try scratch.json("out/department.json")
        let score = try #require(json["score"] as? [String: Any])
        #expect(score["status"] as? String == "scored" && score["weights_fit"] as? Bool == true)
        #expect(score["total"] as? String == "98.34" && score["grade"] as? String == "优")
        #expect((score["indicators"] as? [Any])?.count == 20)
        let rules = (json["findings"] as! [[String: Any]]).filter { ($0["file"] as? String)?.hasPrefix("部门整体") == true }
            .map { $0["rule"] as! String }
        #expect(
            rules == ["score.missing_reason", "row.not_data"],
            "the funds row's 8.34 of 10, as the hand-made sheet's; 总分 and 注 no rows, named once")
        let csv = String(decoding: scratch.read("out/score.csv"), as: UTF8.self)
        #expect(csv.contains("\r\nR14,产出指标,质量指标,国土变更调查成果数据率,等于,4,100,100,%,,100.00,4.00,,\r\n"))
        #expect(!csv.contains("\r\n总分,") && !csv.contains("\r\n等级,"), "records only: the total is department.json's")
    }

    @Test func aMisprintedGroupWeightIsAWarningAndTheSchemeScores() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        let run = try Self.run("national-misprinted.xlsx", scratch)
        #expect(run.stderr.contains("自评 98.34 分（优）"), "\(run.stderr)")
        let findings = try scratch.json("out/department.json")["findings"] as! [[String: Any]]
        let printed = try #require(findings.first { $0["rule"] as? String == "indicator.printed_weight" })
        #expect(printed["severity"] as? String == "warning" && printed["line"] as? Int == 12)
        #expect(printed["file"] as? String == "部门整体支出绩效自评表.xlsx［部门整体支出绩效自评表］")
        #expect((printed["message"] as? String)?.contains("印的分值是 60 分，评分方案规定为 50 分") == true)
        #expect(findings.contains { $0["rule"] as? String == "score.stated_total" && $0["line"] as? Int == 32 })
    }
}
