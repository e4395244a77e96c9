import Foundation
import Testing

@testable import HuizongCore

/// Asset cards as the asset system exports them: no 资产类别, the national classification code
/// instead, 价值 for 原值, 净值 beside it, and often no unit code.
@Suite struct AssetCardsTests {
    static let registry = "单位编码,单位名称,上级单位编码\r\n012001,某局本级,\r\n012002,执法支队,012001\r\n"

    @Test func cardsFromTheAssetSystem() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        folder.write("单位名录.csv", Self.registry)
        folder.write(
            "012002_执法支队/资产卡片-通用设备.csv",
            "卡片编号,资产名称,固定资产分类代码（2010国标码）,使用状况,取得方式,价值类型,价值(元),财政性资金(元),累计折旧(元),净值(元),入账日期,会计凭证号\r\n"
                + "ZC03-0001,台式计算机,2010104,在用,新购,原值,\"6,500.00\",6500.00,\"2,600.00\",\"3,900.00\",2019-06-01,记-12\r\n"
                + "ZC02-0001,办公楼,2020100,在用,新建,原值,1000000.00,1000000.00,400000.00,600000.00,2009-01-01,记-1\r\n"
                + "ZC03-0002,服务器,3020100,在用,新购,原值,80000.00,80000.00,30000.00,50001.00,2020-03-01,记-5\r\n"
                + "ZC09-0001,软件,9010000,在用,新购,原值,100.00,100.00,0,100.00,2021-01-01,记-9\r\n")
        folder.write(
            "本级资产.csv",
            "单位编码,资产编号,资产名称,资产分类代码(2022国标码),原值(元),累计折旧(元)\r\n"
                + "012001,A1,测绘软件,80100,5000.00,1000.00\r\n012001,A2,耗材,70100,300.00,\r\n")
        let result = try consolidate(folder)
        let unit = result.unit("012002").assets
        #expect(unit.cards == 3, "the code no class begins with is rejected")
        #expect(unit.fixedOriginal == Money(fen: 108_650_000) && unit.accumulatedDepreciation == Money(fen: 43_260_000))
        let mismatch = try #require(result.findings("asset.net_value_mismatch").first)
        #expect(mismatch.line == 4 && mismatch.message.contains("净值 50001.00 元不等于原值 80000.00 元减累计折旧 30000.00 元"))
        let bad = try #require(result.findings("row.vocabulary").first)
        #expect(bad.line == 5 && bad.message.contains("“9010000”") && bad.message.contains("GB/T 14885-2010"))
        let input = try #require(result.inputs.first { $0.path == "012002_执法支队/资产卡片-通用设备.csv" })
        #expect(input.kind == "assets" && input.unitSource == "folder" && input.rejected == 1)
        // The 2022 edition: 8 is 无形资产, 7 物资.
        #expect(result.unit("012001").assets.intangible == Money(fen: 400_000))
        #expect(result.unit("012001").assets.other == Money(fen: 30_000))
    }

    @Test func theNationalCodeClasses() {
        #expect(AssetCategory(nationalCode: "2010104", edition: 2010) == .fixed)
        #expect(AssetCategory(nationalCode: "1010000", edition: 2010) == .fixed)
        #expect(AssetCategory(nationalCode: "8010000", edition: 2010) == nil)
        #expect(AssetCategory(nationalCode: "8010000", edition: 2022) == .intangible)
        #expect(AssetCategory(nationalCode: "7010000", edition: 2022) == .other)
        #expect(AssetCategory(nationalCode: "A01", edition: 2010) == nil)
        #expect(AssetCategory(nationalCode: "", edition: 2010) == nil)
    }
}
