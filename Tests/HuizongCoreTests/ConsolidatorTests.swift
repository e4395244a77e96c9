import Foundation
import Testing

@testable import HuizongCore

@Suite struct ConsolidatorTests {
    static let assets = "单位编码,资产编号,资产名称,资产类别,原值(元),累计折旧(元)\r\n"
    static let staff = "单位编码,人员编号,姓名,人员类别\r\n"
    static let budget = "单位编码,阶段,科目,金额(万元)\r\n"

    @Test func totalsAddUpAcrossUnitsAndSplitFiles() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        folder.write("名录.csv", registryCSV)
        folder.write("a/资产.csv", Self.assets + "012001,A1,房屋,固定资产,1000.00,400.00\r\n012001,A2,银行存款,货币资金,50.25,\r\n")
        folder.write("b/资产.csv", Self.assets + "012002,B1,车辆,固定资产,300.00,100.00\r\n012003,C1,工程,在建工程,20.00,0\r\n")
        folder.write("b/资产-补充.csv", Self.assets + "012002,B2,软件,无形资产,80.00,30.00\r\n")
        let result = try consolidate(folder)
        #expect(result.assets.fixedOriginal == Money(fen: 130_000))
        #expect(result.assets.accumulatedDepreciation == Money(fen: 50_000))
        #expect(result.assets.fixedNet == Money(fen: 80_000))
        #expect(result.assets.cash == Money(fen: 5_025))
        #expect(result.assets.constructionInProgress == Money(fen: 2_000))
        #expect(result.assets.intangible == Money(fen: 5_000))
        #expect(result.assets.total == Money(fen: 92_025))
        #expect(result.unit("012002").assets.cards == 2)
        #expect(result.errorCount == 0)
    }

    @Test func unknownUnitsAreNotCountedAndLeadingZerosAreSuspected() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        folder.write("名录.csv", registryCSV)
        folder.write("s.csv", Self.staff + "012001,P1,张三,在职\r\n12002,P2,李四,在职\r\n12002,P3,王五,退休\r\n099999,P4,赵六,在职\r\n")
        let result = try consolidate(folder)
        let unknown = result.findings("row.unit_unknown")
        #expect(unknown.map(\.unit) == ["099999", "12002"])
        #expect(unknown.map(\.line) == [5, 3])
        #expect(unknown[1].message.contains("共 2 行") && unknown[1].message.contains("012002"))
        #expect(result.staff.total == 1)
        let input = try #require(result.inputs.first { $0.path == "s.csv" })
        #expect(input.rows == 4 && input.accepted == 1 && input.rejected == 3)
    }

    @Test func duplicateKeysAreRejectedNamingTheFirst() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        folder.write("名录.csv", registryCSV)
        folder.write("1.csv", Self.budget + "012001,决算,基本支出,10.00\r\n")
        folder.write("2.csv", Self.budget + "012001,决算,基本支出,12.00\r\n012001,决算,项目支出,1.00\r\n")
        let result = try consolidate(folder)
        let duplicate = try #require(result.findings("row.duplicate_key").first)
        #expect(duplicate.file == "2.csv" && duplicate.line == 2)
        #expect(duplicate.message.contains("1.csv 第 2 行"))
        #expect(result.budget[.final][.basicExpenditure] == .zero, "neither 10.00 nor 12.00 is chosen")
        #expect(result.budget[.final][.projectExpenditure] == Money(fen: 1_000_000))
        #expect(result.withheld.map(\.unit) == ["012001"])
        #expect(result.inputs.map(\.rejected) == [0, 1, 0])
    }

    @Test func aByteIdenticalCopyIsReadOnceWithAWarning() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        folder.write("名录.csv", registryCSV)
        let body = Self.assets + "012001,A1,房屋,固定资产,1000.00,400.00\r\n"
        folder.write("资产.csv", body)
        folder.write("资产 - 副本.csv", body)
        let result = try consolidate(folder)
        #expect(result.assets.fixedOriginal == Money(fen: 100_000))
        #expect(result.findings("row.duplicate_key").isEmpty)
        let copy = try #require(result.findings("file.duplicate_copy").first)
        #expect(copy.file == "资产 - 副本.csv" && copy.severity == .warning)
        #expect(result.duplicateOf == ["资产 - 副本.csv": "资产.csv"])
    }

    @Test func unitsThatSentNothingAreListed() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        folder.write("名录.csv", registryCSV)
        folder.write("s.csv", Self.staff + "012001,P1,张三,在职\r\n")
        let result = try consolidate(folder)
        #expect(result.findings("unit.not_submitted").map(\.unit) == ["012002", "012003"])
        #expect(result.units.map(\.isSubmitted) == [true, false, false])
    }

    @Test func noRegistryIsAnInputError() {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        folder.write("s.csv", Self.staff + "012001,P1,张三,在职\r\n")
        #expect(throws: ConsolidationError.noRegistry) { try consolidate(folder) }
    }

    @Test func internalTransfersAreEliminatedAndMismatchesNamed() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        folder.write("名录.csv", registryCSV)
        folder.write(
            "本级.csv",
            Self.budget + "012001,决算,一般公共预算,100.00\r\n012001,决算,对附属单位补助支出,30.00\r\n012001,决算,基本支出,70.00\r\n"
                + "012001,调整预算,对附属单位补助支出,30.00\r\n")
        folder.write(
            "支队.csv",
            Self.budget + "012002,决算,上级补助收入,20.00\r\n012002,决算,项目支出,20.00\r\n"
                + "012002,调整预算,上级补助收入,20.00\r\n")
        folder.write(
            "规划院.csv",
            Self.budget + "012003,决算,上级补助收入,10.00\r\n012003,决算,项目支出,10.00\r\n"
                + "012003,调整预算,上级补助收入,9.99\r\n")
        let result = try consolidate(folder)
        let final = result.budget[.final]
        #expect(final[.grantToSubordinate] == .zero && final[.grantFromParent] == .zero)
        #expect(final.spending == Money(fen: 100 * 1_000_000))
        #expect(final.income == Money(fen: 100 * 1_000_000))
        #expect(result.unit("012001").budget[.final][.grantToSubordinate] == Money(fen: 30_000_000), "kept per unit")
        let elimination = try #require(result.eliminations.first { $0.stage == .final })
        #expect(elimination.grantsPaid == elimination.grantsReceived)
        // 30.00 paid against 29.99 booked: 0.01 万元 is within tolerance.
        #expect(result.findings("transfer.mismatch").isEmpty)

        folder.write(
            "规划院.csv",
            Self.budget + "012003,决算,上级补助收入,10.00\r\n012003,决算,项目支出,10.00\r\n"
                + "012003,调整预算,上级补助收入,9.00\r\n")
        let mismatched = try consolidate(folder)
        let finding = try #require(mismatched.findings("transfer.mismatch").first)
        #expect(finding.unit == "012001")
        #expect(finding.message.contains("调整预算") && finding.message.contains("相差 1.00 万元"))
    }

    @Test func namesNeverReachAnOutput() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        folder.write("名录.csv", registryCSV)
        folder.write("s.csv", Self.staff + "012001,P1,张三丰,在职\r\n012001,P2,李四光,离休\r\n012001,P3,,退休\r\n")
        let result = try consolidate(folder)
        #expect(result.staff.active == 1 && result.staff.retiredVeteran == 1 && result.staff.retired == 1)
        for (name, bytes) in try OutputFiles(result, report: DraftReport(result)).render() {
            let text = String(decoding: bytes, as: UTF8.self)
            #expect(!text.contains("张三丰") && !text.contains("李四光"), "\(name)")
        }
    }
}

/// Files are read largest first, so a big one is not left to run alone at the end, and the
/// results still come back in path order.
@Suite struct ReadingOrderTests {
    @Test func largestFirstResultsInPathOrder() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let ledger = "单位编码,日期,凭证号,资金来源,支出类型,金额(元)\r\n"
        folder.write("a.csv", ledger + "012001,2022-01-01,1,一般公共预算,基本支出,1.00\r\n")
        folder.write("b.csv", ledger + String(repeating: "012002,2022-01-01,1,一般公共预算,基本支出,1.00\r\n", count: 300))
        folder.write("c.csv", ledger + String(repeating: "012003,2022-01-01,1,一般公共预算,基本支出,1.00\r\n", count: 30))
        let files = try DropFolder(root: folder.path)
        let started = Started()
        let results = ConcurrentReader.read(files, jobs: 1) { result, _ in started.append(result.input.path) }
        #expect(started.paths == ["b.csv", "c.csv", "a.csv"])
        #expect(results.map(\.input.path) == ["a.csv", "b.csv", "c.csv"])
    }

    final class Started: @unchecked Sendable {
        // @unchecked: one worker (jobs: 1) appends; read after it is done.
        var paths: [String] = []
        func append(_ path: String) { paths.append(path) }
    }
}
