#!/usr/bin/env python3
"""Writes COUNT departments' result folders as huizong consolidate would (department.json of
schema huizong.consolidation/1, units.csv, a sealed .huizong-manifest), without running Huizong
COUNT times: what `huizong rollup` reads. Deterministic. Every 10th department is a 二级 one whose
本级's 上级 is the 本级 of the department before it, with the grant booked on both sides.

    make_results.py FOLDER COUNT
"""
import hashlib
import json
import os
import random
import sys

STAGES = ["initial", "adjusted", "final"]
ITEMS = ["general_budget", "government_fund", "public_service_revenue", "business_revenue", "other_income",
         "opening_balance", "basic_expenditure", "project_expenditure", "business_expenditure", "closing_balance"]
TRANSFERS = ["grant_from_parent", "remittance_from_subordinate", "grant_to_subordinate", "remittance_to_parent"]
INCOME = ["general_budget", "government_fund", "public_service_revenue", "business_revenue", "other_income"]
SPENDING = ["basic_expenditure", "project_expenditure", "business_expenditure"]
SOURCES = ["general_budget", "government_fund", "public_service_revenue", "business_revenue", "other_income",
           "grant_from_parent", "remittance_from_subordinate", "opening_balance"]


def yuan(fen):
    return "%s%d.%02d" % ("-" if fen < 0 else "", abs(fen) // 100, abs(fen) % 100)


def department(index, rng):
    code = "%06d" % (100000 + index * 10)
    units = 5 + index % 20
    codes = ["%06d" % (int(code) * 100 + i) for i in range(units)]
    grant = rng.randrange(10_000_00, 5_000_000_00) if index % 10 == 9 else 0
    parent_code = "%06d" % (int("%06d" % (100000 + (index - 1) * 10)) * 100) if grant else ""
    budget = {s: {k: rng.randrange(0, 10_000_000_00) for k in ITEMS} for s in STAGES}
    unit_rows = []
    for i, unit in enumerate(codes):
        figures = {s: {t: 0 for t in TRANSFERS} for s in STAGES}
        if i == 0 and grant:
            for s in STAGES:
                figures[s]["grant_from_parent"] = grant
        if i == 0 and index % 10 == 8:  # pays the grant of the next department, beyond its own units
            for s in STAGES:
                figures[s]["grant_to_subordinate"] = GRANTS.get(index + 1, 0)
        unit_rows.append({
            "code": unit, "name": "第%d部门第%d单位" % (index, i) if i else "第%d部门本级" % index,
            "parent_code": "" if i == 0 else codes[0], "status": "submitted",
            "budget": {s: {**{k: None for k in []}, **{t: yuan(figures[s][t]) for t in TRANSFERS}} for s in STAGES},
        })
    cash, fixed, dep, cip, intangible, other = (rng.randrange(0, 10**11) for _ in range(6))
    dep = min(dep, fixed)
    staff = [rng.randrange(0, 500), rng.randrange(0, 5), rng.randrange(0, 200)]
    by_source = {k: rng.randrange(0, 10**10) for k in SOURCES}
    by_type = {k: 0 for k in SPENDING}
    total = sum(by_source.values())
    by_type["basic_expenditure"] = total // 3
    by_type["project_expenditure"] = total - total // 3
    paid = grant if False else 0
    eliminations = {}
    for s in STAGES:
        received = grant
        given = GRANTS.get(index + 1, 0) if index % 10 == 8 else 0
        eliminations[s] = {"grant_to_subordinate": yuan(given), "grant_from_parent": yuan(received),
                           "grant_difference": yuan(given - received), "remittance_to_parent": "0.00",
                           "remittance_from_subordinate": "0.00", "remittance_difference": "0.00"}
    totals = {
        "assets": {"cash": yuan(cash), "fixed_original": yuan(fixed), "accumulated_depreciation": yuan(dep),
                   "fixed_net": yuan(fixed - dep), "construction_in_progress": yuan(cip), "intangible": yuan(intangible),
                   "other": yuan(other), "total": yuan(cash + fixed - dep + cip + intangible + other),
                   "cards": rng.randrange(0, 10000)},
        "staff": {"active": staff[0], "retired_veteran": staff[1], "retired": staff[2], "total": sum(staff)},
        "budget": {s: {**{k: yuan(budget[s][k]) for k in ITEMS},
                       "income_total": yuan(sum(budget[s][k] for k in INCOME)),
                       "expenditure_total": yuan(sum(budget[s][k] for k in SPENDING))} for s in STAGES},
        "eliminations": eliminations,
        "expenditure": {"rows": rng.randrange(0, 10**6), "total": yuan(total),
                        "by_funding_source": {k: yuan(v) for k, v in by_source.items()},
                        "by_type": {k: yuan(v) for k, v in by_type.items()}},
    }
    return {
        "schema": "huizong.consolidation/1",
        "summary": {"fiscal_year": 2022, "main_unit": {"code": codes[0], "name": unit_rows[0]["name"],
                                                        "parent_code": parent_code},
                    "units": units, "units_submitted": units, "files": 0, "rows": 0, "accepted": 0, "rejected": 0,
                    "errors": 0, "warnings": 0, "infos": 0},
        "units": unit_rows, "totals": totals, "missing": [], "findings": [],
        "score": {"scheme": None, "status": "not_scored", "total": None, "grade": None},
        "report_figures": [], "inputs": [],
    }


GRANTS = {}


def main():
    folder, count = sys.argv[1], int(sys.argv[2])
    rng = random.Random(31)
    for index in range(count):
        if index % 10 == 8:
            GRANTS[index + 1] = random.Random(index).randrange(10_000_00, 5_000_000_00)
    for index in range(count):
        result = os.path.join(folder, "部门%05d" % index)
        os.makedirs(result, exist_ok=True)
        document = department(index, rng)
        if index % 10 == 9 and index - 1 >= 0:
            grant = GRANTS.get(index, 0)
            for s in STAGES:
                document["units"][0]["budget"][s]["grant_from_parent"] = yuan(grant)
                e = document["totals"]["eliminations"][s]
                e["grant_from_parent"] = yuan(grant)
                e["grant_difference"] = yuan(-grant)
        files = {"department.json": json.dumps(document, ensure_ascii=False, indent=2).encode() + b"\n",
                 "units.csv": ("\ufeff单位编码,单位名称\r\n" + "".join("%s,%s\r\n" % (u["code"], u["name"])
                                                                  for u in document["units"])).encode()}
        lines = "".join("%s  %s\n" % (hashlib.sha256(b).hexdigest(), name) for name, b in files.items())
        manifest = lines + "# huizong-manifest sha256 %s\n" % hashlib.sha256(lines.encode()).hexdigest()
        for name, b in list(files.items()) + [(".huizong-manifest", manifest.encode())]:
            with open(os.path.join(result, name), "wb") as out:
                out.write(b)


if __name__ == "__main__":
    main()
