import Foundation
import Testing

/// `--previous`: last year's result, proven unchanged by its manifest, gives the 上下年衔接 check,
/// what changed, 上年 columns and last year's words; the shipped 2021 sample joins 2022's exactly.
@Suite(.serialized) struct PreviousYearTests {
    static let sample2021 = Huizong.packageRoot.appendingPathComponent("SampleData/2021").path

    static func errors(_ department: [String: Any]) -> [String] {
        (department["findings"] as! [[String: Any]]).filter { $0["severity"] as? String == "error" }.map {
            "\($0["rule"]!) \($0["unit"]!) \($0["message"]!)"
        }
    }

    /// The 2022 sample with 2021's result adds no error; it has 上年 columns, last year's words
    /// marked for checking, and a sheet of both years; a result folder named by its year finds
    /// last year's beside it without the option.
    @Test func theSampleWithLastYearsResultAddsNoError() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        let last = try Huizong.run(["consolidate", Self.sample2021, "--out", scratch.sub("结果/2021")])
        #expect(last.status == 0, "\(last.stderr)")
        _ = try Huizong.run(["consolidate", ReportTests.sample, "--out", scratch.sub("alone"), "--no-previous"])
        let run = try Huizong.run([
            "consolidate", ReportTests.sample, "--out", scratch.sub("compared"), "--previous", scratch.sub("结果/2021"),
        ])
        #expect(run.status == 65 && run.stderr.contains("上年结果："), "\(run.stderr)")
        let alone = try scratch.json("alone/department.json")
        let compared = try scratch.json("compared/department.json")
        #expect(Self.errors(compared) == Self.errors(alone))
        #expect((compared["previous"] as? [String: Any])?["fiscal_year"] as? Int == 2021)
        #expect(alone["previous"] is NSNull)
        let report = String(decoding: scratch.read("compared/report.md"), as: UTF8.self)
        #expect(report.contains("| 上年决算（万元） | 比上年增减（万元） |"))
        #expect(report.contains("*〔沿用上年，请核对〕*（1）履行全民所有土地、矿产等自然资源资产所有者职责"))
        #expect(!String(decoding: scratch.read("alone/report.md"), as: UTF8.self).contains("上年"))
        #expect(report.contains("与上年决算相比，需要说明原因的变动有：裕华分局决算支出合计（万元）本年 1049.41、上年 805.64。"))
        let narrative = String(decoding: scratch.read("compared/narrative.md"), as: UTF8.self)
        #expect(narrative.contains("## 部门职能\n\n> 沿用上年的文字，请核对后保留或修改\n\n（1）履行全民所有土地"))
        let workbook = try WorkbookReader(scratch.read("compared/汇总结果.xlsx"))
        let compared012003 = workbook.sheet("上年对比").first { $0.first == .string("012003") }
        // 决算支出合计 this year, last year; 年初结转和结余 beside last year's 年末: the same.
        #expect(
            compared012003?[11] == compared012003?[12] && compared012003?[13] == .number("0"), "\(compared012003 ?? [])"
        )

        // Cron's convention: 结果/2022 beside 结果/2021.
        let conventional = try Huizong.run(["consolidate", ReportTests.sample, "--out", scratch.sub("结果/2022")])
        #expect(conventional.stderr.contains("按文件夹名找到"), "\(conventional.stderr)")
        #expect(
            (try scratch.json("结果/2022/department.json")["previous"] as? [String: Any])?["folder"] as? String == "2021")
    }

    /// One unit's 2021 closing balance a yuan off: exactly one more error, naming that unit, both
    /// figures and both files.
    @Test func oneUnitsBreakIsExactlyOneMoreError() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        try FileManager.default.copyItem(atPath: Self.sample2021, toPath: scratch.sub("2021"))
        let path = scratch.sub("2021/012003_土地利用规划院/预决算收支.csv")
        var text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
        text = text.replacingOccurrences(of: "012003,决算,年末结转和结余,121.84", with: "012003,决算,年末结转和结余,122.84")
            .replacingOccurrences(of: "012003,决算,项目支出,992.60", with: "012003,决算,项目支出,991.60")
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        _ = try Huizong.run(["consolidate", scratch.sub("2021"), "--out", scratch.sub("r2021")])
        _ = try Huizong.run(["consolidate", ReportTests.sample, "--out", scratch.sub("alone"), "--no-previous"])
        _ = try Huizong.run([
            "consolidate", ReportTests.sample, "--out", scratch.sub("compared"), "--previous", scratch.sub("r2021"),
        ])
        let before = Self.errors(try scratch.json("alone/department.json"))
        let after = Self.errors(try scratch.json("compared/department.json"))
        let added = after.filter { !before.contains($0) }
        #expect(after.count == before.count + 1 && added.count == 1, "\(added)")
        let message = try #require(added.first)
        #expect(message.hasPrefix("previous.carryover_mismatch 012003 "))
        for part in [
            "年初结转和结余 121.84 万元", "年末结转和结余 122.84 万元", "相差 -1.00 万元",
            "（012003_土地利用规划院/预决算收支.csv）", "上年结果 r2021：012003_土地利用规划院/预决算收支.csv",
        ] {
            #expect(message.contains(part), "\(part): \(message)")
        }
    }

    /// A previous result edited after publishing, one that is no result, one of the wrong year and
    /// another department's each stop the run with exit 66 before anything is written.
    @Test func anEditedOrWrongPreviousResultStopsTheRun() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        _ = try Huizong.run(["consolidate", Self.sample2021, "--out", scratch.sub("r2021")])
        _ = try Huizong.run(["consolidate", ReportTests.sample, "--out", scratch.sub("r2022"), "--no-previous"])
        try FileManager.default.copyItem(atPath: scratch.sub("r2021"), toPath: scratch.sub("edited"))
        let units = scratch.sub("edited/units.csv")
        var bytes = try Data(contentsOf: URL(fileURLWithPath: units))
        bytes[bytes.count - 3] ^= 0x01
        try bytes.write(to: URL(fileURLWithPath: units))
        _ = scratch.write("plain/note.txt", "not a result")
        // Another department's 2021 result (the rollup sample's 文化广电和旅游局, taken as 2021).
        let other = Huizong.packageRoot.appendingPathComponent("SampleData/rollup-2022/文化广电和旅游局").path
        _ = try Huizong.run(["consolidate", other, "--year", "2021", "--out", scratch.sub("other")])
        for (previous, says) in [
            ("edited", "units.csv 在汇总写出之后被改动过"), ("plain", "中没有 .huizong-manifest"),
            ("r2022", "是2022 年度的，本次汇总是2022 年度"),
            ("missing", "不存在"), ("other", "不是本部门的结果"),
        ] {
            let run = try Huizong.run([
                "consolidate", ReportTests.sample, "--out", scratch.sub("out-\(previous)"), "--previous",
                scratch.sub(previous),
            ])
            #expect(run.status == 66 && run.stderr.contains(says), "\(previous): \(run.stderr)")
            #expect(!FileManager.default.fileExists(atPath: scratch.sub("out-\(previous)/department.json")))
        }
    }
}
