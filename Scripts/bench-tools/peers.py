#!/usr/bin/env python3
"""The same job with the tools an analyst would pick instead: read every ledger of a drop
folder, group by unit × funding source × expenditure type, and sum the amounts exactly
(as integer 分, never floats). Prints the groups as JSON lines on stdout.

    peers.py polars|duckdb FOLDER
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


def main():
    tool, folder = sys.argv[1], sys.argv[2]
    files = sorted(glob.glob(os.path.join(folder, "支出明细-*.csv")))
    groups = polars_job(files) if tool == "polars" else duckdb_job(files)
    for unit, source, kind, fen, rows in sorted(groups):
        print(json.dumps({"unit": unit, "source": source, "type": kind, "fen": int(fen), "rows": int(rows)}, ensure_ascii=False))


if __name__ == "__main__":
    main()
