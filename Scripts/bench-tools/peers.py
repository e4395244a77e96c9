#!/usr/bin/env python3
"""The same job with the tools an analyst would pick instead: read every ledger of a drop
folder, group by unit × funding source × expenditure type, and sum the amounts exactly
(as integer 分, never floats). Prints the groups as JSON lines on stdout.

    peers.py polars|duckdb|polars-excel|openpyxl|polars-journal|polars-journal-source|polars-sheets|polars-rollup FOLDER

polars-journal reads 序时账-*.csv (accounting software's shape): the lines on accounts the
folder's 科目对照表 places, 借 − 贷, grouped the same way. polars-journal-source reads the GRP-U8
shape: the source from each line's 资金性质 (its code set aside), the type from the account's
code (7101xx01 基本, 7101xx02 项目, 7301 经营), 借 − 贷, grouped the same way.

The workbook peers read 支出明细-*.xlsx: polars' read_excel with the calamine engine
(fastexcel), and openpyxl in read-only mode. Amounts arrive as floats there: each is rounded to
the 分 it stands for, once, before the exact integer sum.
"""
import glob
import json
import os
import sys


def polars_job(files):
    import polars as pl
    frame = (
        pl.scan_csv(files, infer_schema=False)
        .select(
            pl.col("单位编码"), pl.col("资金来源"), pl.col("支出类型"),
            # "-1234.50" → -123450: exact, the decimals are always two in these files.
            pl.col("金额(元)").str.replace(".", "", literal=True).cast(pl.Int64).alias("fen"),
        )
        .group_by(["单位编码", "资金来源", "支出类型"])
        .agg(pl.col("fen").sum(), pl.len().alias("rows"))
        .collect()
    )
    return [tuple(row) for row in frame.iter_rows()]


def polars_journal_job(folder):
    """序时账: the expense lines (accounts placed by the folder's 科目对照表), 借 − 贷, grouped."""
    import polars as pl
    files = sorted(glob.glob(os.path.join(folder, "序时账-*.csv")))
    mapping = pl.read_csv(os.path.join(folder, "科目对照表.csv"), infer_schema=False)
    fen = lambda column: pl.col(column).fill_null("0.00").str.replace(".", "", literal=True).cast(pl.Int64)
    frame = (
        pl.scan_csv(files, infer_schema=False)
        .filter(pl.col("科目编码").str.starts_with("7"))
        .join(mapping.lazy().select("科目编码", "支出类型", "资金来源"), on="科目编码")
        .select(pl.col("单位编码"), pl.col("资金来源"), pl.col("支出类型"), (fen("借方金额") - fen("贷方金额")).alias("fen"))
        .group_by(["单位编码", "资金来源", "支出类型"])
        .agg(pl.col("fen").sum(), pl.len().alias("rows"))
        .collect()
    )
    return [tuple(row) for row in frame.iter_rows()]


def polars_journal_source_job(folder):
    """序时账 with 资金性质: the expense lines, source from the line, type from the code, grouped."""
    import polars as pl
    files = sorted(glob.glob(os.path.join(folder, "序时账-*.csv")))
    fen = lambda column: pl.col(column).fill_null("0.00").str.replace(".", "", literal=True).cast(pl.Int64)
    code = pl.col("科目编码")
    kind = (pl.when(code.str.starts_with("7301")).then(pl.lit("经营支出"))
            .when(code.str.slice(6, 2) == "01").then(pl.lit("基本支出")).otherwise(pl.lit("项目支出")))
    source = (pl.col("资金性质").str.replace(r"^[0-9]+ ", "")
              .replace({"一般公共预算资金": "一般公共预算", "政府性基金预算资金": "政府性基金预算"}))
    frame = (
        pl.scan_csv(files, infer_schema=False)
        .filter(code.str.starts_with("7"))
        .select(pl.col("单位编码"), source.alias("资金来源"), kind.alias("支出类型"), (fen("借方金额") - fen("贷方金额")).alias("fen"))
        .group_by(["单位编码", "资金来源", "支出类型"])
        .agg(pl.col("fen").sum(), pl.len().alias("rows"))
        .collect()
    )
    return [tuple(row) for row in frame.iter_rows()]


def duckdb_job(files):
    import duckdb
    file_list = ", ".join("'%s'" % f.replace("'", "''") for f in files)
    query = f"""
        SELECT "单位编码", "资金来源", "支出类型",
               SUM(CAST(REPLACE("金额(元)", '.', '') AS BIGINT)) AS fen, COUNT(*) AS rows
        FROM read_csv([{file_list}], all_varchar = true, header = true)
        GROUP BY ALL
    """
    return duckdb.sql(query).fetchall()


def polars_excel_job(files):
    import polars as pl
    frames = [
        pl.read_excel(f, engine="calamine", schema_overrides={"单位编码": pl.String}).select(
            pl.col("单位编码"), pl.col("资金来源"), pl.col("支出类型"),
            (pl.col("金额(元)") * 100).round(0).cast(pl.Int64).alias("fen"),
        )
        for f in files
    ]
    frame = pl.concat(frames).group_by(["单位编码", "资金来源", "支出类型"]).agg(pl.col("fen").sum(), pl.len().alias("rows"))
    return [tuple(row) for row in frame.iter_rows()]


def polars_sheets_job(files):
    """Every sheet of every workbook (read_excel with sheet_id=0: a dict of frames), grouped."""
    import polars as pl
    frames = [
        frame.select(
            pl.col("单位编码").cast(pl.String), pl.col("资金来源"), pl.col("支出类型"),
            # One row a sheet is too few for calamine to infer a type from: the amount may be text.
            (pl.col("金额(元)").cast(pl.Float64) * 100).round(0).cast(pl.Int64).alias("fen"),
        )
        for f in files
        for frame in pl.read_excel(f, engine="calamine", sheet_id=0, schema_overrides={"单位编码": pl.String}).values()
    ]
    grouped = pl.concat(frames).group_by("单位编码", "资金来源", "支出类型").agg(
        pl.col("fen").sum(), pl.len().alias("rows"))
    return grouped.rows()


def openpyxl_job(files):
    import openpyxl
    groups = {}
    for path in files:
        book = openpyxl.load_workbook(path, read_only=True)
        rows = book.active.iter_rows(values_only=True)
        header = next(rows)
        unit, source, kind, amount = (header.index(n) for n in ("单位编码", "资金来源", "支出类型", "金额(元)"))
        for row in rows:
            key = (str(row[unit]), row[source], row[kind])
            fen, count = groups.get(key, (0, 0))
            groups[key] = (fen + round(row[amount] * 100), count + 1)
        book.close()
    return [key + value for key, value in groups.items()]


def polars_rollup_job(folder):
    """polars-rollup: every FOLDER/*/department.json's `totals`, flattened to one column per
    figure, amounts as exact 分, summed. Prints one JSON object: figure path → sum."""
    import polars as pl
    files = sorted(glob.glob(os.path.join(folder, "*", "department.json")))
    frames = []
    for path in files:
        frame = pl.read_json(path).select("totals")
        # Flatten the nested structs: totals.assets.cash → "assets.cash".
        while any(isinstance(dtype, pl.Struct) for dtype in frame.dtypes):
            columns = []
            for name, dtype in zip(frame.columns, frame.dtypes):
                if isinstance(dtype, pl.Struct):
                    columns += [pl.col(name).struct.field(field.name).alias(
                        (name + "." if name != "totals" else "") + field.name) for field in dtype.fields]
                else:
                    columns.append(pl.col(name))
            frame = frame.select(columns)
        frames.append(frame.select([
            pl.col(c).str.replace(".", "", literal=True).cast(pl.Int64) if dtype == pl.String else pl.col(c).cast(pl.Int64)
            for c, dtype in zip(frame.columns, frame.dtypes)]))
    total = pl.concat(frames, how="diagonal").sum()
    print(json.dumps({name: int(value) for name, value in total.row(0, named=True).items()}, sort_keys=True))


def main():
    tool, folder = sys.argv[1], sys.argv[2]
    if tool == "polars-rollup":
        return polars_rollup_job(folder)
    if tool == "polars-journal":
        groups = polars_journal_job(folder)
    elif tool == "polars-journal-source":
        groups = polars_journal_source_job(folder)
    elif tool == "polars-sheets":
        groups = polars_sheets_job(sorted(glob.glob(os.path.join(folder, "*.xlsx"))))
    elif tool in ("polars-excel", "openpyxl"):
        files = sorted(glob.glob(os.path.join(folder, "支出明细-*.xlsx")))
        groups = polars_excel_job(files) if tool == "polars-excel" else openpyxl_job(files)
    else:
        files = sorted(glob.glob(os.path.join(folder, "支出明细-*.csv")))
        groups = polars_job(files) if tool == "polars" else duckdb_job(files)
    for unit, source, kind, fen, rows in sorted(groups):
        print(json.dumps({"unit": unit, "source": source, "type": kind, "fen": int(fen), "rows": int(rows)}, ensure_ascii=False))


if __name__ == "__main__":
    main()
