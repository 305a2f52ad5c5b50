#!/usr/bin/python3
"""disclosure_check.py PUBLIC_FIGURES RESTRICTED_FIGURES PUBLIC_XLSX_DIR RESTRICTED_XLSX_DIR

Checks the public edition against the restricted one (contract section 8);
see disclosure.sh.  The sums are written out here from the figure keys of
the contract (section 6), not taken from annrep.  Prints one line per
failure and a summary; exits 1 on any failure.
"""
import csv
import re
import sys
import xml.etree.ElementTree as ET

THRESHOLD = 5
pub_csv, res_csv, pub_x, res_x = sys.argv[1:5]
P = {r["key"]: r for r in csv.DictReader(open(pub_csv, encoding="utf-8"))}
R = {r["key"]: r for r in csv.DictReader(open(res_csv, encoding="utf-8"))}
failures = []
checked = {"small": 0, "sums": 0, "pcts": 0, "shown": 0, "cells": 0}


def fail(msg):
    failures.append(msg)


def secret(k):
    return k in P and P[k]["status"] == "c"


def shown(k):
    return k in P and P[k]["status"] == ""


# ---- every covered count from 1 to the threshold is suppressed ------------
COVERED = re.compile(r"^(lado|cdop|lac)\.|^indicator\..*\.(numerator|denominator)$")
NOT_PEOPLE = re.compile(r"\.trend\.|mean_months$")
for k, r in R.items():
    base = re.sub(r"^year\.\d{4}_\d\d\.", "", k)
    if r["unit"] != "count" or r["value"] == "" or not COVERED.search(base):
        continue
    if NOT_PEOPLE.search(base):
        continue
    v = float(r["value"])
    if 1 <= v <= THRESHOLD:
        checked["small"] += 1
        p = P.get(k)
        if p is None:
            fail(f"{k}: in the restricted figures only")
        elif not (p["status"] == "c" and p["value"] == "" and p["display"] == "[c]"):
            fail(f"{k} = {v:g} is shown in the public edition: {p['display']!r}")

# ---- the sums --------------------------------------------------------------
prefixes = sorted({m.group(0) for k in R for m in [re.match(r"^year\.\d{4}_\d\d\.", k)] if m})
prefixes = [""] + sorted(prefixes, reverse=True)  # reporting year first, then older
sums = []  # (name, total, [parts])


def add(name, total, parts):
    if total in R and parts and all(p in R for p in parts):
        sums.append((name, total, parts))


def keys(pattern, pre):
    rx = re.compile("^" + re.escape(pre) + pattern + "$")
    return [k for k in R if rx.match(k)]


for pre in prefixes:
    L = pre + "lado."
    for m in ("contacts", "referrals", "strategy_meetings"):
        add(f"{pre}{m} by quarter", L + m + ".total", [L + f"{m}.q{q}" for q in range(1, 5)])
    add(f"{pre}substantiated by quarter", L + "outcome.substantiated.count",
        [L + f"substantiated.q{q}" for q in range(1, 5)])
    outcomes = sorted({re.match(r".*\.outcome\.([a-z_]+)\.count$", k).group(1)
                       for k in keys(r"lado\.outcome\.[a-z_]+\.count", pre)})
    add(f"{pre}outcomes", L + "referrals.total", [L + f"outcome.{o}.count" for o in outcomes])
    agencies = sorted({re.match(r".*lado\.agency\.([a-z0-9_]+)\.referrals$", k).group(1)
                       for k in keys(r"lado\.agency\.[a-z0-9_]+\.referrals", pre)})
    for what, total in (("referrals", "referrals.total"), ("contacts", "contacts.total"),
                        ("substantiated", "outcome.substantiated.count")):
        add(f"{pre}agencies' {what}", L + total, [L + f"agency.{a}.{what}" for a in agencies])
    for a in agencies:
        add(f"{pre}{a} by outcome", L + f"agency.{a}.referrals",
            [L + f"agency.{a}.outcome.{o}.count" for o in outcomes])
        add(f"{pre}{a} substantiated", L + f"agency.{a}.substantiated",
            [L + f"agency.{a}.outcome.substantiated.count"])
    for o in outcomes:
        add(f"{pre}{o} by agency", L + f"outcome.{o}.count",
            [L + f"agency.{a}.outcome.{o}.count" for a in agencies])
    C = pre + "cdop."
    add(f"{pre}age bands", C + "reviews.total", keys(r"cdop\.age\.[a-z0-9_]+\.count", pre))
    add(f"{pre}sexes", C + "reviews.total", keys(r"cdop\.sex\.[a-z_]+\.count", pre))
    add(f"{pre}categories", C + "reviews.total", keys(r"cdop\.category\.\d+\.count", pre))
    add(f"{pre}expected or not", C + "reviews.total", [C + "expected.count", C + "unexpected.count"])
    add(f"{pre}under one", C + "under_1.count", [C + "age.0_27_days.count", C + "age.28_364_days.count"])
    add(f"{pre}neonatal", C + "neonatal.count", [C + "age.0_27_days.count"])
# A previous-year copy is the year before's own figure.
for i, pre in enumerate(prefixes[:-1]):
    before = prefixes[i + 1]
    for k in ("lado.referrals", "lado.contacts"):
        add(f"{pre}{k}.previous", pre + k + ".previous", [before + k + ".total"])

for name, total, parts in sums:
    members = [total] + parts
    if any(not (shown(m) or secret(m)) for m in members):
        continue  # an unknown member (not in the return): nothing to solve
    checked["sums"] += 1
    hidden = [m for m in members if secret(m)]
    if len(hidden) == 1:
        fail(f"sum '{name}': only {hidden[0]} is suppressed, so it is "
             f"{total} minus the other parts" if hidden[0] != total else
             f"sum '{name}': only the total {total} is suppressed: it is the sum of its parts")

# ---- a percentage of a suppressed count is suppressed ---------------------
for k in P:
    for num, pct in ((r"\.count$", ".pct"), (r"\.substantiated$", ".substantiated_pct")):
        if re.search(num, k) and secret(k):
            pk = re.sub(num, pct, k)
            if pk in P:
                checked["pcts"] += 1
                if P[pk]["status"] != "c":
                    fail(f"{pk} = {P[pk]['display']} is shown, but {k} is suppressed")

# ---- what is shown is the restricted edition's -----------------------------
for k, p in P.items():
    if k.startswith("disclosure."):
        continue
    r = R.get(k)
    if r is None:
        fail(f"{k}: in the public figures only")
        continue
    if p["status"] == "c":
        if r["status"] == "c" or r["value"] == "":
            fail(f"{k}: suppressed in public, but the restricted edition has no value either")
        continue
    checked["shown"] += 1
    if (p["value"], p["display"], p["status"]) != (r["value"], r["display"], r["status"]):
        fail(f"{k}: public {p['display']!r} differs from restricted {r['display']!r}")
    base = re.sub(r"^year\.\d{4}_\d\d\.", "", k)
    if re.match(r"^(crime|training|funding|comparator)\.", base) and p["status"] == "c":
        fail(f"{k}: not a count of people, but suppressed")

# ---- the data packs ---------------------------------------------------------
NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}


def workbook(d):
    ss = []
    try:
        for si in ET.parse(f"{d}/xl/sharedStrings.xml").getroot().findall("m:si", NS):
            ss.append("".join(t.text or "" for t in si.iter(f"{{{NS['m']}}}t")))
    except FileNotFoundError:
        pass
    rels = {}
    for rel in ET.parse(f"{d}/xl/_rels/workbook.xml.rels").getroot():
        rels[rel.get("Id")] = rel.get("Target")
    sheets = {}
    for s in ET.parse(f"{d}/xl/workbook.xml").getroot().find("m:sheets", NS):
        target = rels[s.get(f"{{{NS['r']}}}id")]
        cells = {}
        for c in ET.parse(f"{d}/xl/{target}").getroot().iter(f"{{{NS['m']}}}c"):
            v = c.find("m:v", NS)
            val = None if v is None else v.text
            if c.get("t") == "s" and val is not None:
                val = ss[int(val)]
            cells[c.get("r")] = val
        sheets[s.get("name")] = cells
    return sheets


PX, RX = workbook(pub_x), workbook(res_x)
if sorted(PX) != sorted(RX):
    fail(f"the data packs have different sheets: {sorted(PX)} / {sorted(RX)}")
ncells_c = 0


def table_rows(cells):
    """Rows from the table's header (the first row with a cell beyond
    column A: the title lines above it differ between the editions, as the
    public one explains [c]) to the end, as lists of values by column."""
    rows = {}
    for ref, v in cells.items():
        m = re.match(r"([A-Z]+)(\d+)$", ref)
        rows.setdefault(int(m.group(2)), {})[m.group(1)] = v
    start = min((r for r, c in rows.items() if any(k != "A" and v for k, v in c.items())),
                default=None)
    if start is None:
        return []
    return [rows.get(r, {}) for r in range(start, max(rows) + 1)]


for name in PX:
    if name in ("Cover", "Contents", "Notes", "Figures") or name not in RX:
        continue
    a, b = table_rows(PX[name]), table_rows(RX[name])
    if len(a) != len(b):
        fail(f"data pack {name}: {len(a)} table rows in public, {len(b)} in restricted")
        continue
    for i, (ra, rb) in enumerate(zip(a, b)):
        for col in sorted(set(ra) | set(rb)):
            pa, pb = ra.get(col), rb.get(col)
            if pa == "[c]":
                ncells_c += 1
            if pa != pb:
                checked["cells"] += 1
                if pa != "[c]":
                    fail(f"data pack {name}: table row {i + 1} column {col}: public {pa!r}, "
                         f"restricted {pb!r}")
# The Figures sheet: column A the key, B the value.
fig = PX.get("Figures", {})
rows = {}
for ref, v in fig.items():
    m = re.match(r"([A-Z]+)(\d+)$", ref)
    rows.setdefault(int(m.group(2)), {})[m.group(1)] = v
for row in rows.values():
    k = row.get("A")
    if k in P and P[k]["status"] == "c" and row.get("B") != "[c]":
        fail(f"data pack Figures: {k} has value {row.get('B')!r}, expected [c]")
nsecret = sum(1 for p in P.values() if p["status"] == "c")
if nsecret and not ncells_c:
    fail("no [c] cell in the public data pack, though figures are suppressed")

for f in failures[:40]:
    print("FAIL:", f)
if len(failures) > 40:
    print(f"... and {len(failures) - 40} more")
print(f"{len(failures)} failures; checked {checked['small']} small counts, {checked['sums']} sums, "
      f"{checked['pcts']} percentages, {checked['shown']} shown figures, "
      f"{checked['cells']} differing cells ({ncells_c} [c] cells), {nsecret} suppressed figures")
sys.exit(1 if failures else 0)
