#!/usr/bin/python3
"""pdf_tags.py - check that an annrep report PDF is tagged as PDF/UA-1 asks.

    /usr/bin/python3 pdf_tags.py OUTDIR --tables ID[,ID...] [--lang TAG] [--title TITLE]

OUTDIR is an `annrep build` output folder: the report PDF is checked against
what the other outputs say independently of it -- one Figure per chart file
(charts/*.svg) whose /Alt is that chart's text alternative (charts/*.txt),
and one Table per entry of --tables (the dataset ids of the template's
table blocks, in order; ID:1,2,6 for a block that shows only those columns)
with the numbers of header and data cells worked out from the data pack's
sheets (data-pack-*.xlsx), not from the PDF.

What is checked (each failure is printed; exit status 1 when any):
  catalog    /MarkInfo /Marked true, /Lang, /ViewerPreferences
             /DisplayDocTitle true, PDF 1.7, /StructTreeRoot, bookmarks
  metadata   XMP that parses as XML, dc:title equal to the document title,
             pdfuaid:part 1
  fonts      every font on every page an embedded TrueType (Type0 /
             CIDFontType2 with FontFile2) with a ToUnicode map: no base-14
  content    on every page, every text, path-painting, shading and image
             operator inside marked content; an Artifact and an MCID never
             nested in each other; MCIDs unique on their page
  tree       every element's /P its parent; every MCID of the pages
             referenced from the tree exactly once, and the ParentTree
             giving back the element that references it; /StructParents on
             every page; heading levels starting at H1, never skipped;
             Figures, Tables (TH with /Scope, TD), Lists (LI of Lbl and
             LBody), Notes with unique IDs
  links      every link annotation in exactly one Link element (OBJR),
             with /StructParent mapping back to it and /Contents, on a page
             with /Tabs /S
Needs Debian's python3-pikepdf (run with /usr/bin/python3).
"""
import argparse
import glob
import os
import re
import sys
import xml.etree.ElementTree as ET
import zipfile

import pikepdf
from pikepdf import Name

FAILURES = []
PASSED = [0]


def check(ok, what):
    if ok:
        PASSED[0] += 1
    else:
        FAILURES.append(what)
    return ok


def name(obj):
    return str(obj) if isinstance(obj, Name) else None


def same(a, b):
    return a is not None and b is not None and a.is_indirect and b.is_indirect \
        and a.objgen == b.objgen


# ---- expectations from the other outputs ---------------------------------

XNS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}


def col_index(ref):
    """Column letters of a cell reference to a 0-based index: A -> 0."""
    n = 0
    for ch in re.match(r"[A-Z]+", ref).group(0):
        n = n * 26 + ord(ch) - ord("A") + 1
    return n - 1


def datapack_tables(path):
    """Each named table of the data pack: id -> (headings, rows), where rows
    are lists of (is_text) per cell, read from the sheet XML."""
    out = {}
    with zipfile.ZipFile(path) as z:
        # Which sheet holds which table: each sheet's rels name its tables.
        for sheet in sorted(n for n in z.namelist()
                            if re.fullmatch(r"xl/worksheets/sheet\d+\.xml", n)):
            relp = sheet.replace("worksheets/", "worksheets/_rels/") + ".rels"
            if relp not in z.namelist():
                continue
            targets = [r.get("Target") for r in ET.fromstring(z.read(relp))
                       if r.get("Target", "").startswith("../tables/")]
            if not targets:
                continue
            cells = {}
            for c in ET.fromstring(z.read(sheet)).iter("{%s}c" % XNS["m"]):
                cells[c.get("r")] = c.get("t") in ("s", "str", "inlineStr")
            for t in targets:
                tx = ET.fromstring(z.read("xl/" + t[3:]))
                a, b = tx.get("ref").split(":")
                r0, r1 = int(re.sub(r"[A-Z]+", "", a)), int(re.sub(r"[A-Z]+", "", b))
                c0, c1 = col_index(a), col_index(b)
                cols = [tc.get("name") for tc in tx.iter("{%s}tableColumn" % XNS["m"])]
                rows = []
                for r in range(r0 + 1, r1 + 1):
                    row = []
                    for ci in range(c0, c1 + 1):
                        letters = ""
                        k = ci + 1
                        while k:
                            k, rem = divmod(k - 1, 26)
                            letters = chr(ord("A") + rem) + letters
                        row.append(cells.get("%s%d" % (letters, r), False))
                    rows.append(row)
                out[tx.get("name").lower()] = (cols, rows)
    return out


def expected_tables(manifest, pack):
    """(TH, TD, columns) per table of the manifest: a header row of TH
    (scope Column), then per row a TH (scope Row) for a first column of
    labels (text in every row of the data pack), TD for the rest."""
    out = []
    for entry in manifest:
        tid, _, cols = entry.partition(":")
        if tid.lower() not in pack:
            check(False, "data pack has no table %s" % tid)
            continue
        headings, rows = pack[tid.lower()]
        shown = [int(c) - 1 for c in cols.split(",")] if cols else list(range(len(headings)))
        labels = bool(rows) and all(r[shown[0]] for r in rows)
        nrows, ncols = len(rows), len(shown)
        th = ncols + (nrows if labels else 0)
        td = nrows * ncols - (nrows if labels else 0)
        out.append((tid, th, td, ncols))
    return out


# ---- catalog, metadata, fonts ----------------------------------------------

def check_catalog(pdf, args):
    root = pdf.Root
    mark = root.get("/MarkInfo")
    check(mark is not None and mark.get("/Marked") is True, "catalog /MarkInfo /Marked true")
    lang = root.get("/Lang")
    check(lang is not None and str(lang) == args.lang,
          "catalog /Lang %r (found %r)" % (args.lang, str(lang) if lang is not None else None))
    vp = root.get("/ViewerPreferences")
    check(vp is not None and vp.get("/DisplayDocTitle") is True,
          "catalog /ViewerPreferences /DisplayDocTitle true")
    check(str(pdf.pdf_version) == "1.7", "PDF version 1.7 (found %s)" % pdf.pdf_version)
    check(root.get("/StructTreeRoot") is not None, "catalog /StructTreeRoot")
    outlines = root.get("/Outlines")
    check(outlines is not None and outlines.get("/First") is not None,
          "bookmarks (/Outlines) kept")
    info_title = str(pdf.docinfo.get("/Title", ""))
    if args.title is not None:
        check(info_title == args.title, "document information /Title %r (found %r)"
              % (args.title, info_title))
    md = root.get("/Metadata")
    if not check(md is not None, "catalog /Metadata (XMP)"):
        return
    try:
        x = ET.fromstring(md.read_bytes())
    except ET.ParseError as e:
        check(False, "XMP is well-formed XML (%s)" % e)
        return
    ns = {"dc": "http://purl.org/dc/elements/1.1/",
          "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
          "pdfuaid": "http://www.aiim.org/pdfua/ns/id/"}
    titles = [li.text or "" for li in x.findall(".//dc:title/rdf:Alt/rdf:li", ns)]
    want = args.title if args.title is not None else info_title
    check(titles == [want], "XMP dc:title %r (found %r)" % (want, titles))
    part = [p.text for p in x.iter("{%s}part" % ns["pdfuaid"])]
    check(part == ["1"], "XMP pdfuaid:part 1 (found %r)" % part)


def check_fonts(pdf):
    seen = {}
    for i, page in enumerate(pdf.pages):
        fonts = page.obj.get("/Resources", {}).get("/Font", {})
        for key in fonts.keys():
            f = fonts[key]
            if f.objgen in seen:
                continue
            seen[f.objgen] = True
            base = str(f.get("/BaseFont", "?"))
            desc = f.get("/DescendantFonts")
            d0 = desc[0] if desc is not None and len(desc) else None
            fd = d0.get("/FontDescriptor") if d0 is not None else None
            check(name(f.get("/Subtype")) == "/Type0" and d0 is not None and
                  name(d0.get("/Subtype")) == "/CIDFontType2",
                  "page %d: font %s is a TrueType CID font (not base-14 or Type1)"
                  % (i + 1, base))
            check(fd is not None and fd.get("/FontFile2") is not None,
                  "page %d: font %s embedded (FontFile2)" % (i + 1, base))
            tu = f.get("/ToUnicode")
            check(tu is not None and b"beginbfrange" in tu.read_bytes() and
                  b"begincidrange" not in tu.read_bytes(),
                  "page %d: font %s has a ToUnicode map (bfrange)" % (i + 1, base))
    check(len(seen) > 0, "the pages use fonts")


# ---- content streams --------------------------------------------------------

PAINT = {"Tj", "TJ", "'", '"', "S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "sh", "Do",
         "INLINE IMAGE"}


def page_marks(pdf):
    """Per page: the set of MCIDs its content stream marks."""
    out = []
    for i, page in enumerate(pdf.pages):
        stack = []   # per open sequence: "artifact", "mcid" or "other"
        mcids = set()
        unmarked = 0
        bad_nest = 0
        for operands, op in pikepdf.parse_content_stream(page):
            op = str(op)
            if op in ("BDC", "BMC"):
                tag = name(operands[0])
                props = operands[1] if op == "BDC" and len(operands) > 1 else None
                mcid = props.get("/MCID") if isinstance(props, pikepdf.Dictionary) else None
                kind = "artifact" if tag == "/Artifact" else "mcid" if mcid is not None \
                    else "other"
                if stack and (kind != "other" or any(k != "other" for k in stack)):
                    bad_nest += 1
                if mcid is not None:
                    m = int(mcid)
                    check(m not in mcids, "page %d: MCID %d marked once" % (i + 1, m))
                    mcids.add(m)
                stack.append(kind)
            elif op == "EMC":
                if not check(bool(stack), "page %d: EMC without BDC" % (i + 1)):
                    continue
                stack.pop()
            elif op in PAINT:
                if not any(k in ("artifact", "mcid") for k in stack):
                    unmarked += 1
        check(unmarked == 0, "page %d: every painting operator inside marked content "
              "(%d outside)" % (i + 1, unmarked))
        check(bad_nest == 0, "page %d: no Artifact or MCID nested in marked content "
              "(%d nested)" % (i + 1, bad_nest))
        check(not stack, "page %d: every BDC closed by EMC" % (i + 1))
        out.append(mcids)
    return out


# ---- the structure tree -----------------------------------------------------

class Tree:
    def __init__(self, pdf):
        self.pdf = pdf
        self.page_index = {p.obj.objgen: i for i, p in enumerate(pdf.pages)}
        self.refs = {}          # (page, mcid) -> element
        self.objrs = {}         # annotation objgen -> list of Link elements
        self.order = []         # elements in document (depth-first) order
        self.parent_ok = True

    def page_of(self, pg):
        return self.page_index.get(pg.objgen) if pg is not None else None

    def walk(self, elem, parent):
        if not isinstance(elem, pikepdf.Dictionary):
            return
        self.order.append(elem)
        p = elem.get("/P")
        if not same(p, parent):
            self.parent_ok = False
        k = elem.get("/K")
        kids = list(k) if isinstance(k, pikepdf.Array) else [] if k is None else [k]
        for kid in kids:
            if isinstance(kid, int) or (hasattr(kid, "is_integer") and kid.is_integer):
                self.mcid(self.page_of(elem.get("/Pg")), int(kid), elem)
            elif isinstance(kid, pikepdf.Dictionary) and name(kid.get("/Type")) == "/MCR":
                self.mcid(self.page_of(kid.get("/Pg") or elem.get("/Pg")),
                          int(kid.get("/MCID")), elem)
            elif isinstance(kid, pikepdf.Dictionary) and name(kid.get("/Type")) == "/OBJR":
                self.objrs.setdefault(kid.get("/Obj").objgen, []).append(elem)
            elif isinstance(kid, pikepdf.Dictionary):
                self.walk(kid, elem)

    def mcid(self, page, m, elem):
        key = (page, m)
        if key in self.refs:
            check(False, "page %s: MCID %d referenced once from the tree"
                  % (page + 1 if page is not None else "?", m))
        self.refs[key] = elem


def type_of(e):
    return name(e.get("/S")) or "?"


def kids_of(e):
    k = e.get("/K")
    kids = list(k) if isinstance(k, pikepdf.Array) else [] if k is None else [k]
    return [x for x in kids if isinstance(x, pikepdf.Dictionary)
            and name(x.get("/Type")) not in ("/MCR", "/OBJR")]


def descendants(e, s):
    out = []
    for k in kids_of(e):
        if type_of(k) == s:
            out.append(k)
        out.extend(descendants(k, s))
    return out


def check_tree(pdf, marks, tables, charts):
    root = pdf.Root.get("/StructTreeRoot")
    if not check(root is not None, "structure tree present"):
        root = pikepdf.Dictionary()  # go on: every check below then says what is missing
    t = Tree(pdf)
    k = root.get("/K")
    for e in (list(k) if isinstance(k, pikepdf.Array) else [k] if k is not None else []):
        t.walk(e, root)
    check(len(t.order) > 0 and type_of(t.order[0]) == "/Document",
          "the tree starts with a Document")
    check(t.parent_ok, "every element's /P is its parent")

    # Every MCID of the pages referenced exactly once, and nothing else.
    on_pages = {(i, m) for i, ms in enumerate(marks) for m in ms}
    check(len(on_pages) > 0 and on_pages == set(t.refs), "every MCID on the pages referenced from the tree "
          "(%d on pages, %d in tree, %d missing, %d dangling)"
          % (len(on_pages), len(t.refs), len(on_pages - set(t.refs)),
             len(set(t.refs) - on_pages)))

    # The ParentTree gives back the element of every MCID.
    nums = {}
    pt = root.get("/ParentTree")
    if check(pt is not None and pt.get("/Nums") is not None, "ParentTree with /Nums"):
        arr = pt.Nums
        for i in range(0, len(arr) - 1, 2):
            nums[int(arr[i])] = arr[i + 1]
    wrong = 0
    for i, page in enumerate(pdf.pages):
        sp = page.obj.get("/StructParents")
        if not check(sp is not None, "page %d has /StructParents" % (i + 1)):
            continue
        a = nums.get(int(sp))
        for m in marks[i]:
            if a is None or m >= len(a) or not same(a[m], t.refs.get((i, m))):
                wrong += 1
    check(wrong == 0, "ParentTree maps every MCID to its element (%d wrong)" % wrong)

    # Headings: from H1, never a level skipped.
    levels = [int(type_of(e)[2]) for e in t.order if re.fullmatch(r"/H[1-6]", type_of(e))]
    skipped = [(a, b) for a, b in zip(levels, levels[1:]) if b > a + 1]
    check(levels and levels[0] == 1 and not skipped,
          "headings start at H1 and skip no level (%d headings, skips %r)"
          % (len(levels), skipped[:3]))
    check(levels.count(1) >= 3, "chapter headings are H1 (%d found)" % levels.count(1))

    check_figures(t, charts)
    check_tables(t, tables)
    check_lists_notes(t)
    check_links(pdf, t, nums)


def check_figures(t, charts):
    figs = [e for e in t.order if type_of(e) == "/Figure"]
    check(len(figs) == len(charts), "one Figure per chart (%d Figures, %d charts)"
          % (len(figs), len(charts)))
    alts = sorted(str(e.get("/Alt", "")) for e in figs)
    check(all(a.strip() for a in alts), "every Figure has a non-empty /Alt")
    check(alts == sorted(charts), "each Figure's /Alt is its chart's text alternative "
          "(charts/*.txt)")
    for e in figs:
        a = e.get("/A")
        box = a.get("/BBox") if isinstance(a, pikepdf.Dictionary) else None
        check(box is not None and len(box) == 4 and float(box[2]) > float(box[0]) and
              float(box[3]) > float(box[1]), "Figure has a /BBox")


def scope_of(th):
    a = th.get("/A")
    for d in (list(a) if isinstance(a, pikepdf.Array) else [a] if a is not None else []):
        if isinstance(d, pikepdf.Dictionary) and d.get("/Scope") is not None:
            return name(d.get("/Scope"))
    return None


def check_tables(t, tables):
    found = [e for e in t.order if type_of(e) == "/Table"]
    check(len(found) == len(tables), "one Table per table block (%d Tables, %d expected)"
          % (len(found), len(tables)))
    for e, (tid, th, td, ncols) in zip(found, tables):
        ths, tds = descendants(e, "/TH"), descendants(e, "/TD")
        scopes = [scope_of(x) for x in ths]
        check(len(ths) == th, "table %s: %d TH (found %d)" % (tid, th, len(ths)))
        check(len(tds) == td, "table %s: %d TD (found %d)" % (tid, td, len(tds)))
        check(all(s in ("/Column", "/Row", "/Both") for s in scopes),
              "table %s: every TH has a /Scope" % tid)
        head = [k for k in kids_of(e) if type_of(k) == "/THead"]
        hcells = [s for h in head for s in (scope_of(x) for x in descendants(h, "/TH"))]
        check(len(head) == 1 and hcells == ["/Column"] * ncols,
              "table %s: a THead of %d TH /Scope /Column" % (tid, ncols))
        rows = descendants(e, "/TR")
        check(all(len([c for c in kids_of(r) if type_of(c) in ("/TH", "/TD")]) == ncols
                  for r in rows), "table %s: every TR has %d cells" % (tid, ncols))
        check(all(type_of(k) in ("/Caption", "/THead", "/TBody", "/TFoot", "/TR")
                  for k in kids_of(e)), "table %s: only rows and a caption in the Table" % tid)


def check_lists_notes(t):
    for e in t.order:
        if type_of(e) == "/L":
            check(all(type_of(k) in ("/LI", "/Caption") for k in kids_of(e)),
                  "an L holds LI only")
        if type_of(e) == "/LI":
            check([type_of(k) for k in kids_of(e)] in (["/Lbl", "/LBody"], ["/LBody"]),
                  "an LI holds Lbl and LBody")
    ids = [bytes(e.get("/ID")) for e in t.order
           if type_of(e) == "/Note" and e.get("/ID") is not None]
    notes = [e for e in t.order if type_of(e) == "/Note"]
    check(len(ids) == len(notes) and len(set(ids)) == len(ids), "every Note has a unique /ID")


def check_links(pdf, t, nums):
    nlinks, no_elem, no_key, no_text, no_tabs = 0, [], [], [], []
    for i, page in enumerate(pdf.pages):
        annots = page.obj.get("/Annots") or []
        if len(annots) and name(page.obj.get("/Tabs")) != "/S":
            no_tabs.append(i + 1)
        for a in annots:
            if name(a.get("/Subtype")) != "/Link":
                continue
            nlinks += 1
            owners = t.objrs.get(a.objgen, [])
            if not (len(owners) == 1 and type_of(owners[0]) == "/Link"):
                no_elem.append(i + 1)
            sp = a.get("/StructParent")
            if not (sp is not None and owners and same(nums.get(int(sp)), owners[0])):
                no_key.append(i + 1)
            if str(a.get("/Contents", "")).strip() == "":
                no_text.append(i + 1)
    check(nlinks > 0, "the contents have link annotations")
    check(not no_tabs, "pages with annotations have /Tabs /S (not pages %r)" % no_tabs)
    check(not no_elem, "every link annotation in one Link element, by an OBJR "
          "(%d of %d not, pages %r)" % (len(no_elem), nlinks, sorted(set(no_elem))))
    check(not no_key, "every link annotation's /StructParent maps to its Link "
          "(%d of %d not)" % (len(no_key), nlinks))
    check(not no_text, "every link annotation has /Contents (%d of %d not)"
          % (len(no_text), nlinks))
    toci = [e for e in t.order if type_of(e) == "/TOCI"]
    check(len(toci) == nlinks and all(any(type_of(k) == "/Link" for k in kids_of(e))
                                      for e in toci),
          "the contents are a TOC with a TOCI holding a Link per entry (%d TOCI, %d links)"
          % (len(toci), nlinks))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("outdir")
    ap.add_argument("--tables", required=True)
    ap.add_argument("--lang", default="en-GB")
    ap.add_argument("--title")
    args = ap.parse_args()
    pdfs = glob.glob(os.path.join(args.outdir, "annual-report-*.pdf"))
    packs = glob.glob(os.path.join(args.outdir, "data-pack-*.xlsx"))
    if len(pdfs) != 1 or len(packs) != 1:
        print("FAIL: expected one annual-report-*.pdf and one data-pack-*.xlsx in %s"
              % args.outdir)
        return 1
    charts = []
    # The restricted edition's charts are in charts-restricted/.
    chart_dir = "charts-restricted" if "-restricted" in pdfs[0] else "charts"
    for svg in sorted(glob.glob(os.path.join(args.outdir, chart_dir, "*.svg"))):
        with open(svg[:-4] + ".txt", encoding="utf-8") as f:
            charts.append(f.read().rstrip("\n"))
    tables = expected_tables(args.tables.split(","), datapack_tables(packs[0]))
    with pikepdf.open(pdfs[0]) as pdf:
        check_catalog(pdf, args)
        check_fonts(pdf)
        marks = page_marks(pdf)
        check_tree(pdf, marks, tables, charts)
    for f in FAILURES:
        print("FAIL: %s: %s" % (os.path.basename(pdfs[0]), f))
    print("%s: %d passed, %d failed" % (os.path.basename(pdfs[0]), PASSED[0], len(FAILURES)))
    return 1 if FAILURES else 0


if __name__ == "__main__":
    sys.exit(main())
