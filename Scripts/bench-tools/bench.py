#!/usr/bin/env python3
"""Runs Huizong, polars and DuckDB on the same generated drop folders, alternating, and prints
median wall time, CPU time and peak RSS per tool, Huizong's ratios to each peer, and whether
the totals agree exactly. Called by Scripts/bench, which builds and installs what this needs.

    bench.py HUIZONG PYTHON DATA_DIR UNITS ROWS RUNS

With HUIZONG_OLD set to another Huizong binary, every Huizong run is also run with it, just
before, run by run (old, new, old, new …) so the machine's noise falls on both; it writes to an
--out of its own and is printed as a row `… -old`, with new ÷ old columns for time and memory.
"""
import json
import os
import shutil
import shlex
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
# The binary to compare with (Scripts/bench makes the path absolute); None: Huizong alone.
OLD = os.environ.get("HUIZONG_OLD") or None


def old_argv(argv):
    """The same run with the old binary, writing to `OUT-old` (never into the new one's output)."""
    old = [OLD] + argv[1:]
    if "--out" in old:
        index = old.index("--out") + 1
        old[index] += "-old"
    return old


def with_old(tools, huizong):
    """`tools` with each Huizong run preceded by its old twin `NAME-old`, when HUIZONG_OLD is set."""
    if not OLD:
        return tools
    paired = {}
    for tool, argv in tools.items():
        if argv[0] == huizong:
            paired[tool + "-old"] = old_argv(argv)
        paired[tool] = argv
    return paired


def paired_medians(argv, count):
    """Median (wall, cpu, rss) of `count` runs of a Huizong argv and, when HUIZONG_OLD is set, of
    the old binary run just before each (None without it)."""
    new, old = [], []
    for _ in range(count):
        if OLD:
            old.append(measure(old_argv(argv)))
        new.append(measure(argv))
    def median(runs_):
        return tuple(statistics.median(r[i] for r in runs_) for i in range(3))
    return median(new), (median(old) if OLD else None)


def old_line(new, old):
    """The old binary's figures and new ÷ old, under a line of the new one's (empty without it)."""
    if old is None:
        return ""
    return "\nold: wall %.3f s, cpu %.3f s, peak %.1f MiB; new ÷ old: wall %.2f, peak %.2f" % (
        old + (new[0] / old[0], new[2] / old[2]))


def measure(argv, stdout=subprocess.DEVNULL):
    """Wall seconds, CPU seconds (user + system) and peak RSS in MiB of one run of argv."""
    # stderr to a file, not a pipe: a peer that warns more than a pipe holds would block forever.
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        process = subprocess.Popen(argv, stdout=stdout, stderr=errors)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        errors.seek(0)
        stderr = errors.read().decode("utf-8", "replace")
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 65):
        sys.exit("%s failed (%d): %s" % (" ".join(argv), code, stderr[-2000:]))
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def made_once(folder, what, argv):
    """`folder`, written by `argv` the first time (a `done` file marks it complete) and kept."""
    if not os.path.exists(os.path.join(folder, "done")):
        shutil.rmtree(folder, ignore_errors=True)
        print("writing %s into %s …" % (what, folder), file=sys.stderr)
        subprocess.run(argv, check=True)
        open(os.path.join(folder, "done"), "w").close()
    return folder


def folder_for(data_dir, units, rows):
    folder = os.path.join(data_dir, "%dx%d" % (units, rows))
    return made_once(folder, "%d units × %d rows" % (units, rows),
                     [sys.executable, os.path.join(HERE, "make_ledgers.py"), folder, str(units), str(rows)])


def alternate(tools, runs, warm=None, once=()):
    """Median (wall, cpu, rss) per tool, the tools run in turn run by run after a warm-up of
    those in `warm` (default: all; the data in the page cache, as for every measured run); the
    tools in `once` run only in the first round (minutes per run: once is enough to place them)."""
    if warm is not None:
        warm = [name for tool in warm for name in (tool + "-old", tool) if name in tools]
    for tool in tools if warm is None else warm:
        measure(tools[tool])
    samples = {tool: [] for tool in tools}
    for index in range(runs):
        for tool, argv in tools.items():
            if tool in once and index > 0:
                continue
            samples[tool].append(measure(argv))
    return {tool: tuple(statistics.median(s[i] for s in runs_) for i in range(3)) for tool, runs_ in samples.items()}


def print_table(medians, width=8):
    """One row per tool; with old twins (`NAME-old`), their rows and new ÷ old columns too."""
    width = max([width] + [len(tool) for tool in medians])
    old = any(tool.endswith("-old") for tool in medians)
    extra = " %13s %13s" % ("new÷old wall", "new÷old MiB") if old else ""
    print("%-*s %10s %10s %12s %14s" % (width, "tool", "wall s", "cpu s", "peak MiB", "huizong ÷ it") + extra)
    for tool, (wall, cpu, rss) in medians.items():
        ratio = "" if tool == "huizong" or tool.endswith("-old") else "%.2f" % (medians["huizong"][0] / wall)
        line = "%-*s %10.3f %10.3f %12.1f %14s" % (width, tool, wall, cpu, rss, ratio)
        if tool + "-old" in medians:
            twin = medians[tool + "-old"]
            line += " %13.2f %13.2f" % (wall / twin[0], rss / twin[2])
        print(line)


def print_scaling_row(name, medians):
    """A row of the scaling table, and with HUIZONG_OLD the old binary's row and new ÷ old."""
    new = medians["huizong"]
    if "huizong-old" not in medians:
        print("%-30s %10.3f %10.3f %12.1f" % ((name,) + new))
        return
    old = medians["huizong-old"]
    print("%-30s %10.3f %10.3f %12.1f %13.2f %13.2f" % ((name,) + new + (new[0] / old[0], new[2] / old[2])))
    print("%-30s %10.3f %10.3f %12.1f" % ((name + ", old",) + old))


def journal_folder_for(data_dir, units, rows, options):
    """The ledgers of folder_for(units, rows) as 序时账 (make_journals.py with `options`; made once, kept)."""
    ledgers = folder_for(data_dir, units, rows)
    folder = os.path.join(data_dir, "%dx%d-journal%s" % (units, rows, "-source" if options else ""))
    return made_once(folder, "the ledgers as 序时账 " + " ".join(options),
                     [sys.executable, os.path.join(HERE, "make_journals.py")] + options + [ledgers, folder])


def scale(huizong, shape, folder, four_folder, runs, out):
    """Huizong alone on one shape: 1× the rows with 1 and 2 jobs, 4× the rows with 2; the rows
    of the scaling table, in order."""
    def run(path, jobs):
        tools = with_old({"huizong": [huizong, "consolidate", path, "--out", out, "--quiet", "--jobs", str(jobs)]},
                         huizong)
        return alternate(tools, runs)
    return [(shape + ", 1×, 1 job", run(folder, 1)), (shape + ", 1×, 2 jobs", run(folder, 2)),
            (shape + ", 4×, 2 jobs", run(four_folder, 2))]


def print_scaling(rows):
    """Every shape's scaling rows, then per shape what 2 jobs gain and what 4× the rows cost."""
    print("%-30s %10s %10s %12s" % ("run", "wall s", "cpu s", "peak MiB")
          + (" %13s %13s" % ("new÷old wall", "new÷old MiB") if OLD else ""))
    for name, medians in rows:
        print_scaling_row(name, medians)
    for index in range(0, len(rows), 3):
        one, two, four = (rows[index + k][1]["huizong"] for k in range(3))
        shape = rows[index][0].split(",")[0]
        print("%s: 2 jobs ÷ 1 job speed-up %.2f×; 4× rows %.2f× the time, %.2f× the memory (peak %.1f MiB)"
              % (shape, one[0] / two[0], four[0] / two[0], four[2] / two[2], max(one[2], two[2], four[2])))


def huizong_totals(out):
    with open(os.path.join(out, "department.json"), encoding="utf-8") as handle:
        department = json.load(handle)
    totals = {}
    for unit in department["units"]:
        ledger = unit["expenditure"]
        for key, value in list(ledger["by_funding_source"].items()) + list(ledger["by_type"].items()):
            totals[(unit["code"], key)] = round_fen(value)
        totals[(unit["code"], "rows")] = ledger["rows"]
    return totals


def round_fen(text):
    whole, _, fraction = text.partition(".")
    sign = -1 if whole.startswith("-") else 1
    return sign * (abs(int(whole)) * 100 + int(fraction or 0))


SOURCE_KEYS = {"一般公共预算": "general_budget", "政府性基金预算": "government_fund", "事业收入": "public_service_revenue",
               "其他收入": "other_income", "上级补助收入": "grant_from_parent"}
TYPE_KEYS = {"基本支出": "basic_expenditure", "项目支出": "project_expenditure", "经营支出": "business_expenditure"}


def peer_totals(lines):
    totals = {}
    for line in lines:
        group = json.loads(line)
        for key in (SOURCE_KEYS[group["source"]], TYPE_KEYS[group["type"]]):
            totals[(group["unit"], key)] = totals.get((group["unit"], key), 0) + group["fen"]
        totals[(group["unit"], "rows")] = totals.get((group["unit"], "rows"), 0) + group["rows"]
    return totals


def agree(huizong, peer):
    keys = set(huizong) | set(peer)
    return all(huizong.get(key, 0) == peer.get(key, 0) for key in keys)


def single_file_folder_for(data_dir, units, rows):
    """The ledgers of folder_for(units, rows) as one file with every unit's rows (as a 本级 that
    exports for all its units sends), beside the same registry (made once, kept)."""
    source = folder_for(data_dir, units, rows)
    folder = os.path.join(data_dir, "1x%d" % (units * rows))
    if not os.path.exists(os.path.join(folder, "done")):
        shutil.rmtree(folder, ignore_errors=True)
        os.makedirs(folder)
        print("writing the %d ledgers as one file into %s …" % (units, folder), file=sys.stderr)
        shutil.copy(os.path.join(source, "单位名录.csv"), folder)
        ledgers = sorted(name for name in os.listdir(source) if name.startswith("支出明细-"))
        with open(os.path.join(folder, "支出明细-全部单位.csv"), "wb") as out:
            for index, name in enumerate(ledgers):
                with open(os.path.join(source, name), "rb") as ledger:
                    header = ledger.readline()
                    if index == 0:
                        out.write(header)
                    shutil.copyfileobj(ledger, out, 1 << 24)
        open(os.path.join(folder, "done"), "w").close()
    return folder


def workbook_folder_for(python, data_dir, units, rows):
    """The ledgers of folder_for(units, rows) as .xlsx workbooks (made once, kept)."""
    csv_folder = folder_for(data_dir, units, rows)
    folder = os.path.join(data_dir, "%dx%d-xlsx" % (units, rows))
    return made_once(folder, "workbooks", [python, os.path.join(HERE, "make_workbooks.py"), csv_folder, folder])


def run_workbooks(huizong, python, folder, runs, out):
    """Huizong against polars' read_excel (calamine) and openpyxl (read-only) on the workbooks."""
    tools = {
        "huizong": [huizong, "consolidate", folder, "--out", out, "--quiet"],
        "polars-excel": [python, os.path.join(HERE, "peers.py"), "polars-excel", folder],
        "openpyxl": [python, os.path.join(HERE, "peers.py"), "openpyxl", folder],
    }
    tools = with_old(tools, huizong)
    tools.update(floors(files_in(folder), lines=False))
    medians = alternate(tools, runs, warm=["huizong"], once=["openpyxl"])
    mine = huizong_totals(out)
    agreement = {}
    for tool in ("polars-excel", "openpyxl"):
        result = subprocess.run(tools[tool], check=True, capture_output=True, text=True)
        agreement[tool] = agree(mine, peer_totals(result.stdout.splitlines()))
    return medians, agreement


def floors(paths, lines=True):
    """The machine's floor for the same bytes, on both cores as Huizong runs: reading them (page
    cache to memory, `cat`), hashing them alone (`openssl dgst -sha256`: the libcrypto Huizong
    hashes with; the files in two halves at once) and a bare scan for line ends (`wc -l`, likewise).
    No tool does less than read them; Huizong also hashes every byte and finds every line."""
    def halves(command):
        half = (len(paths) + 1) // 2
        quoted = [" ".join(shlex.quote(p) for p in part) for part in (paths[:half], paths[half:]) if part]
        script = " & ".join("%s %s > /dev/null" % (command, files) for files in quoted) + " & wait"
        return ["sh", "-c", script]
    tools = {"floor: read": ["sh", "-c", "cat %s > /dev/null" % " ".join(shlex.quote(p) for p in paths)],
             "floor: sha256": halves("openssl dgst -sha256")}
    if lines:
        tools["floor: line ends"] = halves("wc -l")
    return tools


def files_in(folder):
    return sorted(os.path.join(root, name) for root, _, names in os.walk(folder) for name in names)


def run_set(huizong, python, folder, runs, out):
    """Median (wall, cpu, rss) per tool, alternating tools run by run, and the totals check."""
    tools = {
        "huizong": [huizong, "consolidate", folder, "--out", out, "--quiet"],
        "polars": [python, os.path.join(HERE, "peers.py"), "polars", folder],
        "duckdb": [python, os.path.join(HERE, "peers.py"), "duckdb", folder],
    }
    tools = with_old(tools, huizong)
    tools.update(floors(files_in(folder)))
    medians = alternate(tools, runs)
    mine = huizong_totals(out)
    agreement = {}
    for tool in ("polars", "duckdb"):
        result = subprocess.run(tools[tool], check=True, capture_output=True, text=True)
        agreement[tool] = agree(mine, peer_totals(result.stdout.splitlines()))
    return medians, agreement


def run_journals(huizong, python, folder, peer, runs, out, title, grouping):
    """The ledgers as books (journal_folder_for): Huizong against polars' `peer`."""
    tools = {"huizong": [huizong, "consolidate", folder, "--out", out, "--quiet"],
             "polars": [python, os.path.join(HERE, "peers.py"), peer, folder]}
    medians = alternate(with_old(tools, huizong), runs)
    print("\n== %s, %d runs" % (title, runs))
    print_table(medians)
    result = subprocess.run(tools["polars"], check=True, capture_output=True, text=True)
    print("totals identical to polars's %s: %s"
          % (grouping, "yes" if agree(huizong_totals(out), peer_totals(result.stdout.splitlines())) else "NO"))


def run_hostile(huizong, python, data_dir, out):
    """Issue 25's adversary: one workbook of 10,000 one-row sheets (against polars' read_excel
    with sheet_id=0, every sheet), and one sheet of styled empty rows inflating to 1 GB from some
    4 MB (Huizong alone: it stops at its inflation bound with a finding; no peer reads it sensibly)."""
    sheets = made_once(os.path.join(data_dir, "hostile-sheets"), "a workbook of 10,000 one-row sheets",
                       [sys.executable, os.path.join(HERE, "make_hostile_workbooks.py"), "sheets",
                        os.path.join(data_dir, "hostile-sheets")])
    tools = {"huizong": [huizong, "consolidate", sheets, "--out", out, "--quiet"],
             "polars-sheets": [python, os.path.join(HERE, "peers.py"), "polars-sheets", sheets]}
    medians = alternate(with_old(tools, huizong), 3)
    print("\n== one workbook of 10,000 one-row sheets (4.7 MB), median of 3")
    print_table(medians, width=13)
    result = subprocess.run(tools["polars-sheets"], check=True, capture_output=True, text=True)
    print("totals identical to polars-sheets: %s"
          % ("yes" if agree(huizong_totals(out), peer_totals(result.stdout.splitlines())) else "NO"))
    styled = made_once(os.path.join(data_dir, "hostile-styled"), "a sheet inflating to 1 GB of styled empty rows",
                       [sys.executable, os.path.join(HERE, "make_hostile_workbooks.py"), "styled",
                        os.path.join(data_dir, "hostile-styled")])
    new, old = paired_medians([huizong, "consolidate", styled, "--out", out, "--quiet"], 3)
    with open(os.path.join(out, "department.json"), encoding="utf-8") as handle:
        found = [f["rule"] for f in json.load(handle)["findings"] if f["file"].startswith("样式.xlsx")]
    print("\n== one sheet of styled empty rows, 1 GB inflated from 4.1 MB (huizong, median of 3)")
    print("wall %.3f s, cpu %.3f s, peak %.1f MiB; findings: %s" % (new + (", ".join(found) or "NONE",))
          + old_line(new, old))


def rollup_totals(path):
    """rollup.json's `totals` flattened as polars-rollup prints them: figure path → 分 or count."""
    with open(path, encoding="utf-8") as handle:
        totals = json.load(handle)["totals"]
    flat = {}

    def walk(value, path):
        if isinstance(value, dict):
            for key, inner in value.items():
                walk(inner, path + "." + key if path else key)
        else:
            flat[path] = int(value.replace(".", "")) if isinstance(value, str) else int(value)
    walk(totals, "")
    return flat


def run_rollup(huizong, python, data_dir, count, runs, out):
    """huizong rollup over COUNT generated department results, against polars summing the same
    totals from the same department.json files."""
    folder = made_once(os.path.join(data_dir, "results-%d" % count), "%d department results" % count,
                       [sys.executable, os.path.join(HERE, "make_results.py"), os.path.join(data_dir, "results-%d" % count),
                        str(count)])
    results = sorted(os.path.join(folder, name) for name in os.listdir(folder) if name != "done")
    tools = {"huizong": [huizong, "rollup"] + results + ["--out", out + "-rollup", "--quiet"],
             "polars": [python, os.path.join(HERE, "peers.py"), "polars-rollup", folder]}
    medians = alternate(with_old(tools, huizong), runs)
    print("\n== rollup: %d department results (department.json each), %d runs each, alternating" % (count, runs))
    print_table(medians)
    result = subprocess.run(tools["polars"], check=True, capture_output=True, text=True)
    same = json.loads(result.stdout) == rollup_totals(os.path.join(out + "-rollup", "rollup.json"))
    print("totals identical to polars: %s" % ("yes" if same else "NO"))
    half = made_once(os.path.join(data_dir, "results-%d" % (count // 3)), "%d department results" % (count // 3),
                     [sys.executable, os.path.join(HERE, "make_results.py"), os.path.join(data_dir, "results-%d" % (count // 3)),
                      str(count // 3)])
    third = sorted(os.path.join(half, name) for name in os.listdir(half) if name != "done")
    small = measure([huizong, "rollup"] + third + ["--out", out + "-rollup", "--quiet"])
    print("memory: %d results %.1f MiB, %d results %.1f MiB (%.2f×)"
          % (count // 3, small[2], count, medians["huizong"][2], medians["huizong"][2] / small[2]))


def main():
    if sys.argv[1] == "rollup":
        # Scripts/bench rollup [COUNT] [RUNS]: the rollup row alone.
        huizong, python, data_dir = sys.argv[2], sys.argv[3], sys.argv[4]
        run_rollup(huizong, python, data_dir, int(sys.argv[5]), int(sys.argv[6]), os.path.join(data_dir, "out"))
        return
    huizong, python, data_dir, units, rows, runs = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6])
    out = os.path.join(data_dir, "out")
    base = folder_for(data_dir, units, rows)
    size = sum(os.path.getsize(os.path.join(base, f)) for f in os.listdir(base)) / 1048576

    versions = subprocess.run(
        [python, "-c", "import polars, duckdb, fastexcel, openpyxl; print('polars %s, DuckDB %s, fastexcel %s, openpyxl %s'"
         " % (polars.__version__, duckdb.__version__, fastexcel.__version__, openpyxl.__version__))"],
        check=True, capture_output=True, text=True).stdout.strip()
    print("== peers: %s; %d cores" % (versions, os.cpu_count()))
    print("== %d units × %d ledger lines = %.1f M rows, %.0f MiB, %d runs each, alternating" % (units, rows, units * rows / 1e6, size, runs))
    medians, agreement = run_set(huizong, python, base, runs, out)
    print_table(medians)
    for tool, same in agreement.items():
        print("totals identical to %s: %s" % (tool, "yes" if same else "NO"))

    # Scaling on every shape, printed at the end: 1× and 4× the rows, 1 and 2 jobs.
    scaling = scale(huizong, "22 ledgers", base, folder_for(data_dir, units, rows * 4), runs, out)

    single = single_file_folder_for(data_dir, units, rows)
    print("\n== the same %.1f M rows in one file (every unit in one export), %d runs each, alternating"
          % (units * rows / 1e6, runs))
    tools = {
        "huizong": [huizong, "consolidate", single, "--out", out, "--quiet", "--jobs", "2"],
        "huizong-1job": [huizong, "consolidate", single, "--out", out, "--quiet", "--jobs", "1"],
        "polars": [python, os.path.join(HERE, "peers.py"), "polars", single],
    }
    tools = with_old(tools, huizong)
    tools.update(floors(files_in(single)))
    medians = alternate(tools, runs)
    print_table(medians, width=13)
    result = subprocess.run(tools["polars"], check=True, capture_output=True, text=True)
    print("totals identical to polars: %s" % ("yes" if agree(huizong_totals(out), peer_totals(result.stdout.splitlines())) else "NO"))
    print("2 jobs ÷ 1 job speed-up on one file: %.2f×" % (medians["huizong-1job"][0] / medians["huizong"][0]))
    outputs = []
    for tool in ("huizong", "huizong-1job"):
        measure(tools[tool])
        with open(os.path.join(out, "department.json"), "rb") as handle:
            outputs.append(handle.read())
    print("department.json read in parts identical to read whole: %s" % ("yes" if outputs[0] == outputs[1] else "NO"))
    scaling += scale(huizong, "one file", single, single_file_folder_for(data_dir, units, rows * 4), runs, out)

    workbook_rows = rows // 4
    books = workbook_folder_for(python, data_dir, units, workbook_rows)
    print("\n== workbooks: %d units × %d ledger lines as .xlsx (amounts as number cells), %d runs (openpyxl 1)"
          % (units, workbook_rows, runs))
    medians, agreement = run_workbooks(huizong, python, books, runs, out)
    print_table(medians, width=13)
    for tool, same in agreement.items():
        print("totals identical to %s: %s" % (tool, "yes" if same else "NO"))
    scaling += scale(huizong, ".xlsx", books, workbook_folder_for(python, data_dir, units, workbook_rows * 4), runs, out)

    journals = journal_folder_for(data_dir, units, workbook_rows, [])
    run_journals(huizong, python, journals, "polars-journal", runs, out,
                 "the same %d × %d ledger lines as 用友 序时账 (two lines a voucher, 本月合计 rows)" % (units, workbook_rows),
                 "借 − 贷 over the same mapping")
    scaling += scale(huizong, "用友 序时账", journals, journal_folder_for(data_dir, units, workbook_rows * 4, []), runs, out)
    # The same lines as GRP-U8 writes them: the source in each line's 资金性质, no 科目对照表.
    sourced = journal_folder_for(data_dir, units, workbook_rows, ["--source-column"])
    run_journals(huizong, python, sourced, "polars-journal-source", runs, out,
                 "the same %d × %d lines as a GRP-U8 序时账 (资金性质 per line, accounts by their code)"
                 % (units, workbook_rows), "借 − 贷 by the line's 资金性质")
    scaling += scale(huizong, "GRP-U8 序时账", sourced,
                     journal_folder_for(data_dir, units, workbook_rows * 4, ["--source-column"]), runs, out)

    print("\n== scaling on every shape (huizong alone, median of %d): 1× and 4× the rows, 1 and 2 jobs" % runs)
    print_scaling(scaling)

    formatted = os.path.join(data_dir, "%dx%d-formatted" % (units, workbook_rows))
    made_once(formatted, "a workbook formatted down to row 1,048,576",
              [python, os.path.join(HERE, "make_workbooks.py"), "--formatted", folder_for(data_dir, units, workbook_rows),
               formatted])
    new, old = paired_medians([huizong, "consolidate", formatted, "--out", out, "--quiet"], 3)
    with open(os.path.join(out, "department.json"), encoding="utf-8") as handle:
        found = [f["message"] for f in json.load(handle)["findings"] if f["rule"] == "table.many_blank_rows"]
    print("\n== one ledger of %d lines, its sheet formatted down to row 1,048,576 (huizong, median of 3)" % workbook_rows)
    print("wall %.3f s, cpu %.3f s, peak %.1f MiB; finding: %s" % (new + (found[0] if found else "NONE",))
          + old_line(new, old))

    run_hostile(huizong, python, data_dir, out)

    run_rollup(huizong, python, data_dir, 3000, runs, out)

    sample = os.path.join(ROOT, "SampleData", "2022")
    new, old = paired_medians([huizong, "consolidate", sample, "--out", out, "--quiet"], 11)
    print("\n== SampleData/2022 end to end: median %.0f ms over 11 runs" % (new[0] * 1000)
          + ("; old %.0f ms, new ÷ old %.2f (peak %.2f)" % (old[0] * 1000, new[0] / old[0], new[2] / old[2]) if old else ""))


if __name__ == "__main__":
    main()
