#!/usr/bin/python3
"""Generate the agency returns of the invented Northmoor test project.

Run from anywhere with /usr/bin/python3 (standard library only):

    /usr/bin/python3 tests/projects/northmoor/generate.py

Every CSV under the year folders is rewritten from the DECLARED targets
below; report.ini, narrative/ and the documentation are hand-written and
left alone.  The output is deterministic (fixed seeds, no clock), so running
the script twice gives byte-identical files.

The expected figures in EXPECTED.md and expected_figures.csv are worked out
by hand from these declarations, not from the files this script writes.  If
you change a declaration, work the affected figures out again by hand.

The script asserts that every declaration is consistent (quarters add up to
the year's agency counts, strategy meetings cover the substantiated
referrals, each course's delegates fit its places, and so on), so a typo in
a declaration stops it instead of writing a file that silently differs.
"""

import csv
import datetime as dt
import io
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))

# ---------------------------------------------------------------------------
# Declared targets
# ---------------------------------------------------------------------------

# LADO: per quarter, contacts, referrals (met_threshold Y), strategy meetings
# and the outcome of every referral; per year, the agency type of the
# referrals and of the other contacts (met_threshold N).  The outcome names
# here are canonical; the writer varies the spelling (NFA, Outcome pending,
# FALSE, lower case) within the contract.
LADO = {
    "2017-18": {  # outside the five-year window: must be ignored with a note
        "quarters": [
            dict(contacts=2, referrals=2, strategy=1, outcomes={"Substantiated": 1, "No further action": 1}),
            dict(contacts=1, referrals=1, strategy=1, outcomes={"Unsubstantiated": 1}),
            dict(contacts=1, referrals=0, strategy=0, outcomes={}),
            dict(contacts=0, referrals=0, strategy=0, outcomes={}),
        ],
        "ref_agencies": {"Primary school": 2, "Foster carer": 1},
        "other_agencies": {"Secondary school": 1},
    },
    "2018-19": {
        "quarters": [
            dict(contacts=10, referrals=7, strategy=5,
                 outcomes={"Substantiated": 2, "Unsubstantiated": 2, "Unfounded": 1, "No further action": 2}),
            dict(contacts=9, referrals=6, strategy=4,
                 outcomes={"Substantiated": 1, "Unsubstantiated": 2, "No further action": 3}),
            dict(contacts=12, referrals=7, strategy=5,
                 outcomes={"Substantiated": 2, "Unsubstantiated": 2, "False": 1, "No further action": 2}),
            dict(contacts=11, referrals=7, strategy=4,
                 outcomes={"Substantiated": 2, "Unsubstantiated": 1, "Unfounded": 1, "No further action": 3}),
        ],
        "ref_agencies": {"Primary school": 7, "Secondary school": 5, "Early years / childminder": 4,
                         "Foster carer": 4, "Residential children's home": 3, "Health": 2,
                         "Faith group": 2},
        "other_agencies": {"Primary school": 4, "Secondary school": 3, "Early years / childminder": 3,
                           "Health": 2, "Foster carer": 1, "Police": 1, "Sports club": 1},
    },
    "2019-20": {
        "quarters": [
            dict(contacts=12, referrals=8, strategy=6,
                 outcomes={"Substantiated": 2, "Unsubstantiated": 3, "Unfounded": 1, "No further action": 2}),
            dict(contacts=10, referrals=6, strategy=4,
                 outcomes={"Substantiated": 2, "Unsubstantiated": 1, "No further action": 3}),
            dict(contacts=13, referrals=8, strategy=6,
                 outcomes={"Substantiated": 3, "Unsubstantiated": 2, "Malicious": 1, "No further action": 2}),
            dict(contacts=11, referrals=6, strategy=4,
                 outcomes={"Substantiated": 1, "Unsubstantiated": 2, "Unfounded": 1, "No further action": 2}),
        ],
        "ref_agencies": {"Primary school": 7, "Secondary school": 6, "Early years / childminder": 5,
                         "Foster carer": 3, "Residential children's home": 3, "Health": 2,
                         "Sports club": 2},
        "other_agencies": {"Primary school": 4, "Secondary school": 5, "Early years / childminder": 3,
                           "Health": 2, "Foster carer": 2, "Police": 1, "Faith group": 1},
    },
    "2020-21": {
        "quarters": [
            dict(contacts=6, referrals=4, strategy=2,
                 outcomes={"Substantiated": 1, "Unsubstantiated": 1, "No further action": 2}),
            dict(contacts=9, referrals=5, strategy=3,
                 outcomes={"Substantiated": 1, "Unsubstantiated": 2, "No further action": 2}),
            dict(contacts=10, referrals=6, strategy=4,
                 outcomes={"Substantiated": 2, "Unsubstantiated": 1, "Unfounded": 1, "No further action": 2}),
            dict(contacts=9, referrals=5, strategy=3,
                 outcomes={"Substantiated": 1, "Unsubstantiated": 2, "False": 1, "No further action": 1}),
        ],
        "ref_agencies": {"Primary school": 4, "Secondary school": 3, "Early years / childminder": 3,
                         "Foster carer": 4, "Residential children's home": 3, "Health": 2,
                         "Police": 1},
        "other_agencies": {"Primary school": 2, "Secondary school": 3, "Early years / childminder": 2,
                           "Foster carer": 2, "Health": 2, "Police": 1, "Sports club": 1,
                           "Faith group": 1},
    },
    "2021-22": {
        "quarters": [
            dict(contacts=11, referrals=6, strategy=4,
                 outcomes={"Substantiated": 2, "Unsubstantiated": 2, "No further action": 2}),
            dict(contacts=9, referrals=5, strategy=3,
                 outcomes={"Substantiated": 1, "Unsubstantiated": 1, "Unfounded": 1, "No further action": 2}),
            dict(contacts=13, referrals=8, strategy=5,
                 outcomes={"Substantiated": 2, "Unsubstantiated": 3, "Malicious": 1, "No further action": 2}),
            dict(contacts=12, referrals=7, strategy=5,
                 outcomes={"Substantiated": 2, "Unsubstantiated": 2, "Unfounded": 1, "No further action": 2}),
        ],
        "ref_agencies": {"Primary school": 6, "Secondary school": 6, "Early years / childminder": 4,
                         "Foster carer": 3, "Residential children's home": 3, "Health": 2,
                         "Sports club": 1, "Police": 1},
        "other_agencies": {"Primary school": 5, "Secondary school": 4, "Early years / childminder": 3,
                           "Health": 3, "Foster carer": 2, "Police": 1, "Faith group": 1},
    },
    "2022-23": {
        "quarters": [
            dict(contacts=12, referrals=7, strategy=5,
                 outcomes={"Substantiated": 2, "Unsubstantiated": 2, "Unfounded": 1, "No further action": 2}),
            dict(contacts=10, referrals=6, strategy=4,
                 outcomes={"Substantiated": 1, "Unsubstantiated": 2, "False": 1, "No further action": 2}),
            dict(contacts=14, referrals=9, strategy=6,
                 outcomes={"Substantiated": 3, "Unsubstantiated": 2, "Unfounded": 1, "Malicious": 1,
                           "No further action": 2}),
            dict(contacts=13, referrals=8, strategy=5,
                 outcomes={"Substantiated": 2, "Unsubstantiated": 1, "No further action": 3, "Pending": 2}),
        ],
        "ref_agencies": {"Primary school": 7, "Secondary school": 6, "Early years / childminder": 4,
                         "Foster carer": 4, "Residential children's home": 3, "Health": 3,
                         "Sports club": 2, "Faith group": 1},
        "other_agencies": {"Primary school": 5, "Secondary school": 5, "Early years / childminder": 3,
                           "Health": 2, "Police": 2, "Foster carer": 2},
    },
}

# Order in which referrals get the quarter's strategy meetings: every
# substantiated referral first, NFA last.
STRATEGY_ORDER = ["Substantiated", "Unsubstantiated", "Malicious", "False", "Unfounded",
                  "Pending", "No further action"]

# Children looked after at each month end, March to March.  2019-20 has no
# November 2019 return (a missed month).
LAC = {
    "2018-19": [("2018-03", 258), ("2018-04", 260), ("2018-05", 263), ("2018-06", 261),
                ("2018-07", 266), ("2018-08", 268), ("2018-09", 270), ("2018-10", 269),
                ("2018-11", 272), ("2018-12", 274), ("2019-01", 273), ("2019-02", 276),
                ("2019-03", 278)],
    "2019-20": [("2019-03", 278), ("2019-04", 280), ("2019-05", 279), ("2019-06", 283),
                ("2019-07", 285), ("2019-08", 284), ("2019-09", 287), ("2019-10", 288),
                ("2019-12", 290), ("2020-01", 289), ("2020-02", 292), ("2020-03", 291)],
    "2020-21": [("2020-03", 291), ("2020-04", 294), ("2020-05", 297), ("2020-06", 299),
                ("2020-07", 301), ("2020-08", 300), ("2020-09", 303), ("2020-10", 302),
                ("2020-11", 305), ("2020-12", 306), ("2021-01", 304), ("2021-02", 307),
                ("2021-03", 309)],
    "2021-22": [("2021-03", 309), ("2021-04", 306), ("2021-05", 308), ("2021-06", 305),
                ("2021-07", 303), ("2021-08", 304), ("2021-09", 301), ("2021-10", 302),
                ("2021-11", 300), ("2021-12", 298), ("2022-01", 299), ("2022-02", 297),
                ("2022-03", 296)],
    "2022-23": [("2022-03", 296), ("2022-04", 298), ("2022-05", 295), ("2022-06", 297),
                ("2022-07", 299), ("2022-08", 296), ("2022-09", 294), ("2022-10", 297),
                ("2022-11", 299), ("2022-12", 301), ("2023-01", 300), ("2023-02", 302),
                ("2023-03", 303)],
}

# Child Death Overview Panel: marginal counts per year.  Rows are built by
# lining up the age bands (youngest first) with the categories in the order
# given, so neonatal deaths get perinatal/congenital categories and the
# oldest children trauma and suicide.  Expected = the category is in
# EXPECTED_CATS; modifiable factors Y for MODIFIABLE_CATS, not recorded for
# the categories in "modifiable_blank" (first such row only), N otherwise.
EXPECTED_CATS = {4, 6, 7, 8}
MODIFIABLE_CATS = {2, 3, 10}
CDOP = {
    "2020-21": dict(
        reviews=9,
        ages={"0-27 days": 4, "28-364 days": 1, "1-4 years": 1, "5-9 years": 0, "10-14 years": 1,
              "15-17 years": 2},
        categories=[8, 8, 8, 7, 10, 5, 4, 3, 2],
        sex={"Male": 5, "Female": 4},
        ethnicity=[("White British", 5), ("White - any other White background", 1),
                   ("Asian or Asian British - Pakistani", 1), ("Mixed - White and Black Caribbean", 1),
                   ("Black or Black British - African", 1)],
        expected=5, modifiable_y=3, modifiable_blank=[],
        panels=["2020-07-15", "2020-10-14", "2021-01-20", "2021-03-17"],
    ),
    "2021-22": dict(
        reviews=11,
        ages={"0-27 days": 4, "28-364 days": 2, "1-4 years": 1, "5-9 years": 1, "10-14 years": 1,
              "15-17 years": 2},
        categories=[8, 8, 7, 7, 7, 10, 9, 6, 4, 3, 2],
        sex={"Male": 6, "Female": 5},
        ethnicity=[("White British", 6), ("White - Irish", 1), ("Asian or Asian British - Pakistani", 2),
                   ("White and Asian", 1), ("Not known", 1)],
        expected=7, modifiable_y=3, modifiable_blank=[],
        panels=["2021-06-16", "2021-09-15", "2021-12-08", "2022-03-16"],
    ),
    "2022-23": dict(
        reviews=13,
        ages={"0-27 days": 5, "28-364 days": 2, "1-4 years": 2, "5-9 years": 1, "10-14 years": 1,
              "15-17 years": 2},
        categories=[8, 8, 8, 7, 7, 7, 10, 9, 5, 6, 4, 3, 2],
        sex={"Male": 7, "Female": 6},
        ethnicity=[("White British", 6), ("White - any other White background", 1),
                   ("Asian or Asian British - Pakistani", 2), ("Mixed - White and Black Caribbean", 1),
                   ("White and Asian", 1), ("Black or Black British - African", 1), ("Not stated", 1)],
        expected=8, modifiable_y=3, modifiable_blank=[5],
        panels=["2022-06-15", "2022-09-21", "2022-12-07", "2023-03-15"],
    ),
}

CDOP_CATEGORY_NAMES = {
    1: "Deliberately inflicted injury, abuse or neglect",
    2: "Suicide or deliberate self-inflicted harm",
    3: "Trauma and other external factors",
    4: "Malignancy",
    5: "Acute medical or surgical condition",
    6: "Chronic medical condition",
    7: "Chromosomal, genetic and congenital anomalies",
    8: "Perinatal/neonatal event",
    9: "Infection",
    10: "Sudden unexpected, unexplained death",
}

# Multi-agency training: per course, (sessions, places per session, delegates
# over all its sessions).  Delegates are split over the sessions as evenly as
# possible.  No training return in 2020-21 (the programme stopped in the
# pandemic) or 2018-19 (not collected).  2019-20 has no session in March 2020.
TRAINING = {
    "2019-20": dict(
        window=("2019-04-01", "2020-02-29"),
        courses=[
            ("Working Together to Safeguard Children 2018", 3, 20, 52),
            ("Neglect and the Graded Care Profile 2", 2, 15, 26),
            ("Child sexual exploitation", 2, 20, 33),
            ("Domestic abuse and children", 2, 20, 31),
            ("Harmful sexual behaviour", 1, 15, 12),
            ("Safer recruitment", 2, 12, 20),
            ("Managing allegations: the LADO process", 1, 16, 14),
            ("Prevent awareness (WRAP)", 2, 25, 37),
        ],
    ),
    "2021-22": dict(
        window=("2021-04-01", "2022-03-31"),
        courses=[
            ("Working Together to Safeguard Children 2018", 2, 20, 29),
            ("Neglect and the Graded Care Profile 2", 1, 15, 13),
            ("Child exploitation and contextual safeguarding", 2, 20, 30),
            ("Domestic abuse and children", 2, 20, 27),
            ("Safer recruitment", 1, 12, 10),
            ("Managing allegations: the LADO process", 1, 16, 11),
            ("Online safety for practitioners", 2, 30, 41),
        ],
    ),
    "2022-23": dict(
        window=("2022-04-01", "2023-03-31"),
        courses=[
            ("Working Together to Safeguard Children 2018", 2, 20, 31),
            ("Neglect and the Graded Care Profile 2", 2, 15, 24),
            ("Child exploitation and contextual safeguarding", 2, 20, 33),
            ("Domestic abuse and children", 1, 20, 16),
            ("Harmful sexual behaviour", 1, 15, 10),
            ("Safer recruitment", 2, 12, 19),
            ("Managing allegations: the LADO process", 1, 16, 12),
            ("Online safety for practitioners", 1, 30, 18),
            ("Learning from child safeguarding practice reviews", 1, 25, 20),
        ],
    ),
}

# E-learning completions, 2022-23 only, with a declared Total row.
ELEARNING = {
    "2022-23": dict(
        modules=[("Safeguarding children level 1", 1126), ("Prevent awareness", 412),
                 ("Recognising and responding to neglect", 287), ("Online safety", 198)],
        total=2023,
    ),
}

# Partner contributions, with a declared Total row.  2022-23 has one amount
# with pence, so the whole return is shown in pounds and pence.
FUNDING = {
    "2021-22": dict(
        partners=[("Northmoor Council", "95000.00"), ("NHS Northshire Clinical Commissioning Group", "58000.00"),
                  ("Northshire Police", "30000.00"),
                  ("Office of the Police and Crime Commissioner for Northshire", "7500.00"),
                  ("Probation Service (Northshire)", "2000.00"), ("Cafcass", "550.00")],
        total="193050.00",
    ),
    "2022-23": dict(
        partners=[("Northmoor Council", "98500.00"), ("NHS Northshire Integrated Care Board", "61250.00"),
                  ("Northshire Police", "32000.00"),
                  ("Office of the Police and Crime Commissioner for Northshire", "7500.00"),
                  ("Probation Service (Northshire)", "2000.00"), ("Cafcass", "550.00"),
                  ("Northmoor Schools Forum", "4637.50")],
        total="206437.50",
    ),
}

# Recorded crime, twelve months ending March: (crime type, area) -> counts by
# period_end.  The file of year Y holds March of Y's end (current) and the
# March before (previous).
CRIME_TYPES = ["All crime", "Violence against the person", "Sexual offences", "Robbery", "Burglary",
               "Domestic abuse related", "Child sexual exploitation flagged"]
CRIME = {
    # type: {area: {period: count}}
    "All crime": {"Northmoor": {"2021-03": 7115, "2022-03": 7902, "2023-03": 8214},
                  "Northshire Police": {"2021-03": 84020, "2022-03": 91735, "2023-03": 96480}},
    "Violence against the person": {"Northmoor": {"2021-03": 2702, "2022-03": 2948, "2023-03": 3105},
                                    "Northshire Police": {"2021-03": 32918, "2022-03": 35640, "2023-03": 37912}},
    "Sexual offences": {"Northmoor": {"2021-03": 241, "2022-03": 287, "2023-03": 312},
                        "Northshire Police": {"2021-03": 3006, "2022-03": 3512, "2023-03": 3874}},
    "Robbery": {"Northmoor": {"2021-03": 88, "2022-03": 104, "2023-03": 96},
                "Northshire Police": {"2021-03": 1102, "2022-03": 1231, "2023-03": 1187}},
    "Burglary": {"Northmoor": {"2021-03": 589, "2022-03": 531, "2023-03": 498},
                 "Northshire Police": {"2021-03": 7240, "2022-03": 6615, "2023-03": 6240}},
    "Domestic abuse related": {"Northmoor": {"2021-03": 1351, "2022-03": 1398, "2023-03": 1462},
                               "Northshire Police": {"2021-03": 16212, "2022-03": 16880, "2023-03": 17305}},
    "Child sexual exploitation flagged": {"Northmoor": {"2021-03": 9, "2022-03": 11, "2023-03": 14},
                                          "Northshire Police": {"2021-03": 137, "2022-03": 149, "2023-03": 163}},
}
CRIME_YEARS = {"2021-22": ("2022-03", "2021-03"), "2022-23": ("2023-03", "2022-03")}

# Performance indicators.  iha_20_days: monthly numerator/denominator
# (percent by default); rereferrals_12m: quarterly value, lower is better;
# rhi_72_hours: quarterly value.  Targets on every row.
INDICATORS = {
    "2021-22": dict(
        iha=[("2021-04", 8, 11), ("2021-05", 9, 12), ("2021-06", 7, 10), ("2021-07", 10, 13),
             ("2021-08", 6, 9), ("2021-09", 9, 11), ("2021-10", 11, 14), ("2021-11", 8, 10),
             ("2021-12", 7, 10), ("2022-01", 9, 12), ("2022-02", 10, 12), ("2022-03", 9, 12)],
        rereferrals=[("2021-06", "22.1"), ("2021-09", "21.5"), ("2021-12", "23.0"), ("2022-03", "21.7")],
        rhi=[("2021-06", "64.8"), ("2021-09", "68.0"), ("2021-12", "70.2"), ("2022-03", "69.5")],
    ),
    "2022-23": dict(
        iha=[("2022-04", 9, 11), ("2022-05", 10, 12), ("2022-06", 8, 10), ("2022-07", 11, 13),
             ("2022-08", 7, 9), ("2022-09", 10, 11), ("2022-10", 12, 14), ("2022-11", 9, 10),
             ("2022-12", 8, 10), ("2023-01", 10, 12), ("2023-02", 11, 12), ("2023-03", 11, 13)],
        rereferrals=[("2022-06", "21.3"), ("2022-09", "19.8"), ("2022-12", "20.6"), ("2023-03", "18.4")],
        rhi=[("2022-06", "71.0"), ("2022-09", "74.5"), ("2022-12", "73.2"), ("2023-03", "76.5")],
    ),
}
IND_LABELS = {
    "iha_20_days": "Initial health assessments within 20 working days of becoming looked after (%)",
    "rereferrals_12m": "Re-referrals to children's social care within 12 months (%)",
    "rhi_72_hours": "Return home interviews completed within 72 hours (%)",
}

# Published comparators, 2022-23 only.  England's LAC rate is given for two
# periods; the latest (2023-03) is the one quoted.
COMPARATORS = {
    "2022-23": [("lac_rate_per_10k", "Statistical neighbours", "2023-03", "74.6"),
                ("lac_rate_per_10k", "England", "2022-03", "70.0"),
                ("lac_rate_per_10k", "England", "2023-03", "71.0"),
                ("cp_plan_rate_per_10k", "Statistical neighbours", "2023-03", "45.3"),
                ("cp_plan_rate_per_10k", "England", "2023-03", "43.2")],
}

# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------

MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def d(s):
    return dt.date.fromisoformat(s)


def fy_start(year):
    return dt.date(int(year[:4]), 4, 1)


def quarter_range(year, q):
    start = fy_start(year)
    y, m = start.year, 4 + 3 * (q - 1)
    if m > 12:
        y, m = y + 1, m - 12
    first = dt.date(y, m, 1)
    ny, nm = (y, m + 3) if m + 3 <= 12 else (y + 1, m + 3 - 12)
    last = dt.date(ny, nm, 1) - dt.timedelta(days=1)
    return first, last


def weekdays(first, last, allowed=(0, 1, 2, 3, 4)):
    out, day = [], first
    while day <= last:
        if day.weekday() in allowed:
            out.append(day)
        day += dt.timedelta(days=1)
    return out


def spread(days, n):
    """n dates spread evenly over the list of days, in order."""
    return [days[(2 * i + 1) * len(days) // (2 * n)] for i in range(n)]


def fmt_date(day, slash):
    return day.strftime("%d/%m/%Y") if slash else day.isoformat()


def fmt_month(ym, excel):
    if not excel:
        return ym
    y, m = int(ym[:4]), int(ym[5:])
    return "%s-%02d" % (MONTHS[m - 1], y % 100)


def thousands(n):
    return "{:,}".format(n)


def money(s, pound, sep, pence_always=False):
    """An amount as agencies write it: with or without £ and separators;
    whole pounds without decimals unless pence_always."""
    pounds, pence = s.split(".")
    whole = "{:,}".format(int(pounds)) if sep else pounds
    text = whole if pence == "00" and not pence_always else whole + "." + pence
    return ("£" if pound else "") + text


def expand(counts):
    out = []
    for k, v in counts.items() if isinstance(counts, dict) else counts:
        out += [k] * v
    return out


def write(year, name, header, rows, crlf=False, bom=False):
    folder = os.path.join(HERE, year)
    os.makedirs(folder, exist_ok=True)
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n" if crlf else "\n")
    w.writerow(header)
    for r in rows:
        w.writerow(r)
    data = buf.getvalue().encode("utf-8")
    if bom:
        data = b"\xef\xbb\xbf" + data
    with open(os.path.join(folder, name), "wb") as f:
        f.write(data)


def yn(flag, style):
    """Y/N in one of four spellings agencies use."""
    if style == 0:
        return "Y" if flag else "N"
    if style == 1:
        return "Yes" if flag else "No"
    if style == 2:
        return "y" if flag else "n"
    return "YES" if flag else "no"


# ---------------------------------------------------------------------------
# Writers
# ---------------------------------------------------------------------------

def gen_lado(year, decl):
    rng = random.Random("lado-" + year)
    quarters = decl["quarters"]
    n_ref = sum(q["referrals"] for q in quarters)
    n_oth = sum(q["contacts"] - q["referrals"] for q in quarters)
    assert sum(decl["ref_agencies"].values()) == n_ref, (year, "referral agencies", n_ref)
    assert sum(decl["other_agencies"].values()) == n_oth, (year, "other agencies", n_oth)
    ref_ag = expand(decl["ref_agencies"])
    oth_ag = expand(decl["other_agencies"])
    rng.shuffle(ref_ag)
    rng.shuffle(oth_ag)

    records = []  # (date, met, strategy, outcome)
    for qi, q in enumerate(quarters, start=1):
        assert sum(q["outcomes"].values()) == q["referrals"], (year, qi, "outcomes")
        assert q["referrals"] <= q["contacts"], (year, qi)
        assert q.get("outcomes", {}).get("Substantiated", 0) <= q["strategy"] <= q["referrals"], (year, qi)
        refs = []
        for o in STRATEGY_ORDER:
            refs += [o] * q["outcomes"].get(o, 0)
        assert len(refs) == q["referrals"], (year, qi, "unknown outcome")
        recs = [(True, i < q["strategy"], o) for i, o in enumerate(refs)]
        recs += [(False, None, None)] * (q["contacts"] - q["referrals"])
        rng.shuffle(recs)
        if q["contacts"]:
            first, last = quarter_range(year, qi)
            for day, r in zip(spread(weekdays(first, last), q["contacts"]), recs):
                records.append((day,) + r)

    yy = year[2:4] + year[5:7]
    rows, nfa_seen, pend_seen, unsub_seen, ri, oi = [], 0, 0, 0, 0, 0
    for i, (day, met, strat, outcome) in enumerate(records, start=1):
        if met:
            agency, ri = ref_ag[ri], ri + 1
        else:
            agency, oi = oth_ag[oi], oi + 1
        style = (i // 4) % 4
        text = outcome or ""
        if outcome == "No further action":
            nfa_seen += 1
            text = ["No further action", "NFA", "No further action", "nfa"][nfa_seen % 4]
        elif outcome == "Pending":
            pend_seen += 1
            text = "Outcome pending" if pend_seen == 1 else "Pending"
        elif outcome == "False":
            text = "FALSE"
        elif outcome == "Unsubstantiated":
            unsub_seen += 1
            text = "unsubstantiated" if unsub_seen % 5 == 0 else outcome
        rows.append(["NM-LADO-%s-%03d" % (yy, i), fmt_date(day, i % 5 == 0), agency,
                     yn(met, style), yn(strat, style) if met else "", text])
    header = ["contact_id", "date_received", "agency_type", "met_threshold", "strategy_meeting", "outcome"]
    if year == "2021-22":  # as exported from the case system: spaced, capitalised names
        header = ["Contact ID", "Date Received", "Agency Type", "Met Threshold", "Strategy Meeting", "Outcome"]
    write(year, "lado_contacts.csv", header, rows, bom=(year == "2020-21"))


def gen_lac(year, months):
    seen = set()
    rows = []
    for i, (ym, n) in enumerate(months):
        assert ym not in seen
        seen.add(ym)
        rows.append([fmt_month(ym, i % 3 != 2), n])
    write(year, "looked_after_monthly.csv", ["month", "looked_after"], rows)


def gen_cdop(year, decl):
    rng = random.Random("cdop-" + year)
    n = decl["reviews"]
    ages = expand(decl["ages"])
    cats = decl["categories"]
    sexes = expand(decl["sex"])
    eths = expand(decl["ethnicity"])
    for name, lst in (("ages", ages), ("categories", cats), ("sex", sexes), ("ethnicity", eths)):
        assert len(lst) == n, (year, name, len(lst), n)
    rng.shuffle(sexes)
    rng.shuffle(eths)
    expected = [c in EXPECTED_CATS for c in cats]
    assert sum(expected) == decl["expected"], (year, "expected")
    blanks = list(decl["modifiable_blank"])
    modif = []
    for c in cats:
        if c in blanks:
            blanks.remove(c)
            modif.append(None)
        else:
            modif.append(c in MODIFIABLE_CATS)
    assert sum(1 for m in modif if m) == decl["modifiable_y"], (year, "modifiable")
    panels = [d(p) for p in decl["panels"]]
    recs = []
    for i in range(n):
        recs.append((panels[i % len(panels)], i, ages[i], sexes[i], eths[i], cats[i], expected[i], modif[i]))
    recs.sort()
    yy = year[2:4] + year[5:7]
    rows = []
    for j, (day, _, age, sex, eth, cat, exp, mod) in enumerate(recs, start=1):
        cat_text = CDOP_CATEGORY_NAMES[cat] if j % 3 == 0 else str(cat)
        rows.append(["CDOP-NM-%s-%02d" % (yy, j), fmt_date(day, j % 4 == 0), age,
                     sex.lower() if j == 5 else sex, eth, cat_text, yn(exp, j % 2),
                     "" if mod is None else yn(mod, 0)])
    write(year, "cdop_reviews.csv",
          ["case_id", "date_reviewed", "age_band", "sex", "ethnicity", "category", "expected",
           "modifiable_factors"], rows)


def gen_training(year, decl):
    rng = random.Random("training-" + year)
    sessions = []
    for course, n, places, attended in decl["courses"]:
        assert attended <= n * places, (year, course)
        base, extra = divmod(attended, n)
        for k in range(n):
            a = base + (1 if k < extra else 0)
            assert a <= places, (year, course, k)
            sessions.append((course, places, a))
    rng.shuffle(sessions)
    first, last = d(decl["window"][0]), d(decl["window"][1])
    days = [x for x in weekdays(first, last, allowed=(1, 2, 3))
            if x.month != 8 and not (x.month == 12 and x.day > 18) and not (x.month == 1 and x.day < 6)]
    rows = []
    for i, (day, (course, places, a)) in enumerate(zip(spread(days, len(sessions)), sessions)):
        rows.append([course, fmt_date(day, i % 4 == 3), places, a])
    write(year, "training_sessions.csv", ["course", "date", "places", "attended"], rows)


def gen_elearning(year, decl):
    assert sum(c for _, c in decl["modules"]) == decl["total"]
    rows = [[m, thousands(c)] for m, c in decl["modules"]]
    rows.append(["Total", thousands(decl["total"])])
    write(year, "elearning.csv", ["module", "completions"], rows)


def gen_funding(year, decl):
    cents = sum(int(a.replace(".", "")) for _, a in decl["partners"])
    assert cents == int(decl["total"].replace(".", "")), (year, "funding total", cents)
    rows = []
    for i, (org, amount) in enumerate(decl["partners"]):
        rows.append([org, money(amount, pound=(i % 2 == 0), sep=(i % 3 != 2), pence_always=(i == 2))])
    rows.append(["Total", money(decl["total"], pound=True, sep=True)])
    write(year, "funding.csv", ["Organisation", "Amount"], rows, crlf=True)


def gen_crime(year):
    cur, prev = CRIME_YEARS[year]
    rows = []
    for ti, t in enumerate(CRIME_TYPES):
        for area in ("Northmoor", "Northshire Police"):
            for p in (cur, prev):
                n = CRIME[t][area][p]
                rows.append([t, area, fmt_month(p, ti % 3 == 1),
                             thousands(n) if (area == "Northmoor" or ti % 2 == 0) else str(n)])
    write(year, "crime_figures.csv", ["crime_type", "area", "period_end", "count"], rows)


def gen_indicators(year, decl):
    rows = []
    for i, (ym, num, den) in enumerate(decl["iha"]):
        assert 0 < num <= den
        rows.append(["iha_20_days", IND_LABELS["iha_20_days"], fmt_month(ym, i % 2 == 1), num, den, "",
                     "90", "", "percent" if i == 0 else ""])
    for i, (ym, v) in enumerate(decl["rereferrals"]):
        rows.append(["rereferrals_12m", IND_LABELS["rereferrals_12m"], fmt_month(ym, i % 2 == 0), "", "",
                     v, "20", "lower", "percent"])
    for i, (ym, v) in enumerate(decl["rhi"]):
        rows.append(["rhi_72_hours", IND_LABELS["rhi_72_hours"], fmt_month(ym, False), "", "", v, "80",
                     "higher" if i == 0 else "", "percent"])
    write(year, "indicators.csv",
          ["indicator_id", "indicator", "period", "numerator", "denominator", "value", "target", "polarity",
           "unit"], rows)


def gen_comparators(year, rows):
    write(year, "comparators.csv", ["measure", "comparator", "period", "value"], [list(r) for r in rows])


def main():
    for year, decl in LADO.items():
        gen_lado(year, decl)
    for year, months in LAC.items():
        gen_lac(year, months)
    for year, decl in CDOP.items():
        gen_cdop(year, decl)
    for year, decl in TRAINING.items():
        gen_training(year, decl)
    for year, decl in ELEARNING.items():
        gen_elearning(year, decl)
    for year, decl in FUNDING.items():
        gen_funding(year, decl)
    for year in CRIME_YEARS:
        gen_crime(year)
    for year, decl in INDICATORS.items():
        gen_indicators(year, decl)
    for year, rows in COMPARATORS.items():
        gen_comparators(year, rows)


if __name__ == "__main__":
    main()
