import Foundation
import Testing

@testable import HuizongCore

/// Units report their staff as counts (基本数字表, 单位基本情况表), not as lists of people.
@Suite struct StaffCountsTests {
    static let registry = "单位编码,单位名称,上级单位编码\r\n012001,某局本级,\r\n012002,执法支队,012001\r\n012003,规划院,012001\r\n"

    @Test func countsAreTheUnitsFiguresAndAListThatDisagreesIsNamed() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        folder.write("单位名录.csv", Self.registry)
        folder.write(
            "基本数字表.csv",
            "2022年基本数字表\r\n单位：人\r\n单位编码,单位名称,编制人数,在职人员,离休人员,退休人员\r\n"
                + "012001,某局本级,100,\"1,090\",2,20\r\n012002,执法支队,30,28,,3\r\n")
        // 012002 also sends its list: one person short of its counts.
        folder.write(
            "012002/人员.csv", "人员编号,人员类别\r\n" + (1...27).map { "P\($0),在职\r\n" }.joined() + "T1,退休\r\nT2,退休\r\nT3,退休\r\n"
        )
        // 012003's counts, named by its folder; one cell is not a number of people.
        folder.write("012003_规划院/人数.csv", "在职人数,退休人数\r\n12,1\r\n12.5,0\r\n")
        let result = try consolidate(folder)
        #expect(result.unit("012001").staff == StaffTotals(active: 1090, retiredVeteran: 2, retired: 20))
        #expect(result.unit("012002").staff == StaffTotals(active: 28, retiredVeteran: 0, retired: 3), "the counts win")
        #expect(result.unit("012003").staff == StaffTotals(), "one of its rows unreadable: its counts are missing")
        #expect(result.withheld.map(\.unit) == ["012003"])
        #expect(result.staff.total == 1090 + 2 + 20 + 31)
        let differ = try #require(result.findings("staff.counts_differ").first)
        #expect(differ.unit == "012002" && differ.file == "基本数字表.csv" && differ.line == 5)
        #expect(differ.message.contains("人员名单（在职 27、离休 0、退休 3 人）与人数表（在职 28、离休 0、退休 3 人）不一致"))
        let bad = try #require(result.findings("row.headcount").first)
        #expect(bad.file == "012003_规划院/人数.csv" && bad.line == 3 && bad.message.contains("“在职人数”的值“12.5”不是人数"))
        #expect(result.unit("012003").tablesReceived.contains(.staff))
        #expect(result.inputs.first { $0.path == "基本数字表.csv" }?.kind == "staff_counts")
    }

    @Test func twoCountsOfOneUnitThatDisagreeAreADuplicate() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        folder.write("单位名录.csv", Self.registry)
        folder.write("a.csv", "单位编码,在职人数\r\n012002,28\r\n")
        folder.write("b.csv", "单位编码,在职人数\r\n012002,29\r\n")
        let result = try consolidate(folder)
        let duplicate = try #require(result.findings("row.duplicate_key").first)
        #expect(duplicate.file == "b.csv" && duplicate.message.contains("人数行"))
        #expect(duplicate.message.contains("a.csv 第 2 行") && duplicate.message.contains("两行都未计入"))
        #expect(result.unit("012002").staff.active == 0, "neither count is chosen")
        #expect(result.withheld.map(\.unit) == ["012002"])
    }
}
