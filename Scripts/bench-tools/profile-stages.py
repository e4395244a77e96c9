#!/usr/bin/env python3
"""A perf profile of a Huizong run, summed by pipeline stage (docs/performance.md's tables).

    perf record -F 1999 -g -o run.data .build/release/huizong consolidate FOLDER --out OUT --quiet
    Scripts/bench-tools/profile-stages.py run.data

Each sample goes to the first stage whose rule matches its library or its symbol (Swift symbols
by the mangled name of the type they belong to); what no rule matches is "the rest".
"""
import collections
import re
import subprocess
import sys

data = sys.argv[1]
out = subprocess.run(["perf","report","-i",data,"--no-children","--sort","dso,symbol","--stdio"],capture_output=True,text=True).stdout
rules = [
 ("hashing (SHA-256, libcrypto)", lambda d,s: "libcrypto" in d),
 ("inflating (zlib)", lambda d,s: "libz" in d),
 ("XML parsing (libxml2)", lambda d,s: "libxml2" in d),
 ("kernel: page cache copy", lambda d,s: "_copy_to_iter" in s or "copy_page_to_iter" in s or "filemap" in s),
 ("kernel: other", lambda d,s: "kernel" in d),
 ("UTF-8 check + classify (hz_scan)", lambda d,s: "hz_scan" in s or "hz_text_is_valid" in s or "hz_classify" in s),
 ("line and field split", lambda d,s: "hz_split" in s or "RecordParser" in s or "fastLine" in s),
 ("libcsv", lambda d,s: "libcsv" in d),
 ("vocabularies", lambda d,s: s.startswith("$s11HuizongCore10Vocabulary") or s.startswith("$s11HuizongCore9Spellings")),
 ("money", lambda d,s: s.startswith("$s11HuizongCore5MoneyV")),
 ("dates", lambda d,s: s.startswith("$s11HuizongCore10LedgerDateV")),
 ("accumulation", lambda d,s: "Accumulator" in s[:60] or "LedgerSummary" in s[:40] or "AccountSummary" in s[:40]),
 ("row rules (takeFast, RowReader)", lambda d,s: "takeFast" in s or "RowReader" in s or "TableBuilder" in s or "PartedReading" in s or "JournalKind" in s or "LedgerKind" in s),
 ("workbook cells (XLSX reader)", lambda d,s: "XLSX" in s or "XMLStream" in s or "hz_xml" in s or "Sheet" in s),
 ("Swift runtime", lambda d,s: "libswiftCore" in d or "libswift" in d),
 ("libc (memcpy, malloc)", lambda d,s: "libc.so" in d),
]
tot = collections.OrderedDict((n,0.0) for n,_ in rules); tot["the rest"]=0.0
for line in out.splitlines():
    m = re.match(r'\s+([0-9.]+)%\s+(\S+)\s+\[.\]\s+(.*)', line)
    if not m: continue
    pct, dso, sym = float(m.group(1)), m.group(2), m.group(3)
    for n,f in rules:
        if f(dso,sym): tot[n]+=pct; break
    else: tot["the rest"]+=pct
for n,v in sorted(tot.items(), key=lambda x:-x[1]):
    if v>=0.3: print("| %s | %.1f %% |" % (n,v))
