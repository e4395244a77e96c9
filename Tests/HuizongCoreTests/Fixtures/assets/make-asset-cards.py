#!/usr/bin/env python3
"""Writes the asset-card fixtures of AssetCardsTests and the end-to-end tests, as the asset
systems export cards (固定资产分类代码 by GB/T 14885, amounts in 元, no unit code):

  - 资产卡片-2022国标.xlsx: the 本级 (012001) of SampleData/2022-exports, its 60 cards re-coded to
    GB/T 14885-2022 (a letter and eight digits), a sheet per 门类 as the new asset system exports
    them (房屋和构筑物, 设备, 家具和用具), amounts as number cells under 价值, 累计折旧, 净值 with
    no unit stated; written with Scripts/sample_workbooks.py (standard library, fixed bytes);
  - 资产卡片-2022国标.csv: the same cards in one table, as Excel's CSV on Chinese Windows writes
    it (GB18030, CRLF, a title line);
  - 固定资产卡片-2010国标.csv: a 2010-code export (`固定资产分类代码（2010国标码）`, 价值(元) …,
    GB18030) with one card of each 门类 1–6 and four codes that fit no class of its header:
    7010000, a 2022 code (A02010105), Z99 and a truncated A02;
  - 资产卡片-未注明国标.csv: a header naming no edition (`资产分类代码`, Excel CSV UTF-8), codes of
    both shapes: 2010 digits, A02 设备, A07 物资, A08 无形资产, and A09, which no class has.
  - 资产卡片-标题注明国标.csv: the edition named only by the title line above the header
    (`固定资产卡片导出（GB/T 14885-2022）`), the column a plain `资产分类代码`, amounts stating no
    unit (GB18030): A01, A02, A07 物资, A08 无形资产, and a 2010 code the title contradicts;
  - 固定资产卡片-国标表头.csv: the edition named in the column's header as the standard's number
    (`固定资产分类代码（GB/T 14885-2010）`, GB18030): a 2010 code, and a 2022 code it contradicts.

Codes are those of Scripts/sample_exports.py (NATIONAL_CODES_2022): the item code where known
(A01010100 办公用房, A02010104 服务器, A02010105 台式计算机, A02020000 办公设备), else the code of
the class the item falls in.
Run from anywhere: python3 Tests/HuizongCoreTests/Fixtures/assets/make-asset-cards.py"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "Scripts"))
import sample_exports  # noqa: E402
import sample_workbooks as sw  # noqa: E402

SAMPLE = os.path.join(ROOT, "SampleData", "2022-exports", "012001_自然资源和规划局本级", "固定资产卡片.csv")
CODES_2022 = sample_exports.NATIONAL_CODES_2022  # the codes the sample's 2022-coded units export on
SHEETS = [("A01", "房屋和构筑物"), ("A02", "设备"), ("A05", "家具和用具")]
HEADER_2022 = ["卡片编号", "资产名称", "资产分类代码（2022国标码）", "使用状况", "取得方式", "价值类型", "价值", "累计折旧", "净值",
               "入账日期"]


class Cards(sw.Table):
    """A card sheet: 价值, 累计折旧 and 净值 are number cells, 入账日期 a date, the rest text."""
    def kinds(self):
        return ["amount" if name in ("价值", "累计折旧", "净值") else "date" if name == "入账日期" else "text"
                for name in self.header]


def csv(path, lines, encoding):
    with open(os.path.join(HERE, path), "wb") as out:
        out.write(("\r\n".join(lines) + "\r\n").encode(encoding))


def sample_cards():
    """The 本级's cards of the sample, re-coded: the same IDs, names, amounts and dates."""
    with open(SAMPLE, encoding="utf-8-sig") as source:
        lines = source.read().splitlines()
    rows = [line.split(",") for line in lines[2:]]
    return [[row[0], row[1], CODES_2022[row[1]], row[3], row[4], row[5], row[6], row[7], row[8], row[9]]
            for row in rows]


cards = sample_cards()
tables = [Cards(sheet, "固定资产卡片导出", HEADER_2022, [card for card in cards if card[2].startswith(prefix)])
          for prefix, sheet in SHEETS]
assert sum(len(table.rows) for table in tables) == len(cards) == 60
sw.xlsx(os.path.join(HERE, "资产卡片-2022国标.xlsx"), tables)
csv("资产卡片-2022国标.csv", ["固定资产卡片导出", ",".join(HEADER_2022)] + [",".join(card) for card in cards], "gb18030")

csv("固定资产卡片-2010国标.csv", [
    "固定资产卡片导出",
    "卡片编号,资产名称,固定资产分类代码（2010国标码）,使用状况,取得方式,价值类型,价值(元),累计折旧(元),净值(元),入账日期",
    "ZC01-0001,办公楼,1020000,在用,新建,原值,\"1,000,000.00\",\"400,000.00\",\"600,000.00\",2009-01-01",
    "ZC03-0001,台式计算机,2010000,在用,新购,原值,\"6,500.00\",\"2,600.00\",\"3,900.00\",2019-06-01",
    "ZC04-0001,无人机,3080000,在用,新购,原值,\"80,000.00\",\"30,000.00\",\"50,000.00\",2020-03-01",
    "ZC05-0001,书画,4010000,在用,接受捐赠,原值,\"12,000.00\",0.00,\"12,000.00\",2015-05-20",
    "ZC06-0001,图书,5010000,在用,新购,原值,\"3,000.00\",0.00,\"3,000.00\",2021-09-01",
    "ZC07-0001,档案密集架,6010000,在用,新购,原值,\"45,000.00\",\"9,000.00\",\"36,000.00\",2018-07-01",
    "ZC07-0002,办公桌,7010000,在用,新购,原值,\"2,000.00\",800.00,\"1,200.00\",2019-01-01",
    "ZC03-0002,便携式计算机,A02010105,在用,新购,原值,\"7,000.00\",\"1,400.00\",\"5,600.00\",2021-04-01",
    "ZC09-0001,其他,Z99,在用,新购,原值,500.00,0.00,500.00,2021-01-01",
    "ZC03-0003,打印机,A02,在用,新购,原值,\"1,800.00\",360.00,\"1,440.00\",2021-02-01",
], "gb18030")

csv("资产卡片-未注明国标.csv", [
    "卡片编号,资产名称,资产分类代码,价值,累计折旧,净值",
    "ZC-0001,公务用车,2030000,200000.00,80000.00,120000.00",
    "ZC-0002,服务器,A02010104,50000.00,10000.00,40000.00",
    "ZC-0003,应急储备物资,A07000000,8000.00,,8000.00",
    "ZC-0004,测绘软件,A08000000,30000.00,6000.00,24000.00",
    "ZC-0005,其他资产,A09000000,100.00,,100.00",
], "utf-8-sig")

csv("资产卡片-标题注明国标.csv", [
    "固定资产卡片导出（GB/T 14885-2022）",
    "卡片编号,资产名称,资产分类代码,使用状况,价值,累计折旧,净值",
    "ZC-0001,办公用房,A01010100,在用,\"1,200,000.00\",\"300,000.00\",\"900,000.00\"",
    "ZC-0002,台式计算机,A02010105,在用,\"6,500.00\",\"2,600.00\",\"3,900.00\"",
    "ZC-0003,应急储备物资,A07000000,在用,\"8,000.00\",,\"8,000.00\"",
    "ZC-0004,测绘软件,A08000000,在用,\"30,000.00\",\"6,000.00\",\"24,000.00\"",
    "ZC-0005,复印机,2020000,在用,\"4,000.00\",\"1,000.00\",\"3,000.00\"",
], "gb18030")

csv("固定资产卡片-国标表头.csv", [
    "卡片编号,资产名称,固定资产分类代码（GB/T 14885-2010）,价值(元),累计折旧(元),净值(元)",
    "ZC-0001,办公楼,1020000,\"500,000.00\",\"100,000.00\",\"400,000.00\"",
    "ZC-0002,档案密集架,A05010500,\"45,000.00\",\"9,000.00\",\"36,000.00\"",
], "gb18030")
