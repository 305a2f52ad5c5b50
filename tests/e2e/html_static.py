#!/usr/bin/python3
"""html_static.py PAGE.html FIGURES.csv PDF_TEXT.txt [--logo LOGO.png]
                 [--expect KEY=DISPLAY]... - the web edition read as a file,
without a browser (run by html_self_contained.sh).

Checks that the page
  1. references nothing outside itself: every href is a #fragment naming an
     id of the page, every src a data: URI; no script, stylesheet link,
     frame, object, embed, base, url() or @import; no address anywhere
     (http:, https:, file:, //host);
  2. is well formed: every element closed in order (void and self-closed
     SVG elements aside), ids unique, one <html lang>, <meta charset>;
  3. has one h1 and headings that never skip a level;
  4. marks up every table with a caption, a thead of th scope="col", each
     body row led by a th scope="row", numbers (class num) right-aligned;
  5. labels every chart (svg role="img") by a <title> and a <desc> inside it;
  6. gives every figure run a data-key naming a figure of figures.csv whose
     display is the number shown (or, where the template asks for "| abs",
     the display without its sign), and shows each --expect KEY=DISPLAY
     (values worked out by hand) with that key;
  7. prints the same table and figure captions as the PDF (pdftotext), in
     the same order;
  8. with --logo, holds LOGO.png as a data: URI of exactly its bytes.
Prints what it found; exits 1 on a failure."""
import base64
import csv
import html.parser
import re
import sys

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
        "source", "track", "wbr"}
failures = []


def fail(msg):
    failures.append(msg)
    print("FAIL: " + msg)


class Page(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []
        self.ids = {}
        self.hrefs = []
        self.srcs = []
        self.headings = []       # (level, text)
        self.heading = None
        self.tables = []         # dicts
        self.table = None
        self.row = None
        self.svgs = []           # dicts
        self.svg = None
        self.text_into = None    # (dict, key) collecting text
        self.keyspans = []       # [key, text]
        self.keyspan_depth = None
        self.tags = set()
        self.lang = None
        self.charset = False
        self.style_text = []
        self.in_style = False
        self.captions = []       # table and figure captions in order

    # -- structure
    def handle_starttag(self, tag, attrs):
        self._start(tag, dict(attrs), closed=False)

    def handle_startendtag(self, tag, attrs):
        self._start(tag, dict(attrs), closed=True)

    def _start(self, tag, a, closed):
        self.tags.add(tag)
        for name, v in a.items():
            v = v or ""
            if re.search(r"(?i)(https?:|file:|^//|[^#]//)", v) and name not in ("content",):
                fail(f"<{tag} {name}=\"{v[:60]}\">: an address")
            if name == "id":
                if v in self.ids:
                    fail(f"id \"{v}\" is used twice")
                self.ids[v] = tag
            if name in ("href", "xlink:href", "action", "formaction", "poster", "data",
                        "srcset", "background"):
                self.hrefs.append((tag, name, v))
            if name == "src":
                self.srcs.append((tag, v))
            if name == "style" and re.search(r"url\(|@import", v):
                fail(f"<{tag} style> loads something: {v[:60]}")
        if tag == "html":
            self.lang = a.get("lang")
        if tag == "meta" and a.get("charset", "").lower() == "utf-8":
            self.charset = True
        if tag == "style":
            self.in_style = True
        if re.fullmatch(r"h[1-6]", tag):
            self.heading = [int(tag[1]), ""]
        if tag == "table":
            self.table = {"caption": None, "thead_th": [], "rows": [], "cells": [],
                          "in_thead": False}
            self.tables.append(self.table)
        if self.table is not None:
            if tag == "caption":
                self.table["caption"] = ""
                self.text_into = (self.table, "caption")
            elif tag == "thead":
                self.table["in_thead"] = True
            elif tag == "tr" and not self.table["in_thead"]:
                self.row = []
                self.table["rows"].append(self.row)
            elif tag in ("th", "td"):
                if self.table["in_thead"]:
                    self.table["thead_th"].append((tag, a.get("scope")))
                elif self.row is not None:
                    self.row.append((tag, a.get("scope"), a.get("class", "")))
        if tag == "svg":
            self.svg = {"role": a.get("role"), "labelledby": a.get("aria-labelledby", ""),
                        "inner_ids": set(), "texts": 0, "viewbox": a.get("viewbox")}
            self.svgs.append(self.svg)
        elif self.svg is not None:
            if "id" in a:
                self.svg["inner_ids"].add(a["id"])
            if tag == "text":
                self.svg["texts"] += 1
        if tag == "span" and "data-key" in a:
            self.keyspans.append([a["data-key"], ""])
            self.keyspan_depth = len(self.stack)
        if tag == "span" and a.get("class") == "figure-title":
            self.captions.append("")
            self.text_into = ("figure", None)
        if not closed and tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            fail(f"</{tag}> closes <{self.stack[-1] if self.stack else 'nothing'}>")
            return
        self.stack.pop()
        if tag == "style":
            self.in_style = False
        if re.fullmatch(r"h[1-6]", tag) and self.heading:
            self.headings.append((self.heading[0], self.heading[1].strip()))
            self.heading = None
        if tag == "caption":
            self.text_into = None
            self.captions.append(self.table["caption"])
        if tag == "span" and self.text_into and self.text_into[0] == "figure":
            self.text_into = None
        if tag == "thead" and self.table:
            self.table["in_thead"] = False
        if tag == "table":
            self.table = None
            self.row = None
        if tag == "svg":
            self.svg = None
        if tag == "span" and self.keyspan_depth is not None and len(self.stack) == self.keyspan_depth:
            self.keyspan_depth = None

    def handle_data(self, data):
        if self.in_style:
            self.style_text.append(data)
        if self.heading is not None:
            self.heading[1] += data
        if self.text_into:
            if self.text_into[0] == "figure":
                self.captions[-1] += data
            else:
                self.text_into[0][self.text_into[1]] += data
        if self.keyspan_depth is not None:
            self.keyspans[-1][1] += data


def main():
    if len(sys.argv) < 4:
        print(__doc__)
        return 2
    page_path, figures_path, pdf_text_path = sys.argv[1:4]
    logo, expect = None, {}
    rest = sys.argv[4:]
    while rest:
        opt, val = rest[0], rest[1] if len(rest) > 1 else ""
        if opt == "--logo":
            logo = val
        elif opt == "--expect" and "=" in val:
            k, v = val.split("=", 1)
            expect[k] = v
        else:
            print(__doc__)
            return 2
        rest = rest[2:]
    text = open(page_path, encoding="utf-8").read()
    p = Page()
    p.feed(text)
    p.close()

    # 1. nothing outside the file
    for tag in ("script", "link", "iframe", "object", "embed", "base", "frame", "frameset",
                "audio", "video", "source"):
        if tag in p.tags:
            fail(f"the page has a <{tag}>")
    style = "".join(p.style_text)
    if re.search(r"url\(|@import|@font-face", style):
        fail("the stylesheet loads something (url(), @import or @font-face)")
    for tag, name, v in p.hrefs:
        if name != "href" or not v.startswith("#") or v[1:] not in p.ids:
            fail(f"<{tag} {name}=\"{v[:60]}\"> is not a link to an id of the page")
    for tag, v in p.srcs:
        if not v.startswith("data:image/png;base64,"):
            fail(f"<{tag} src=\"{v[:60]}\"> is not a data: URI")
    print(f"ok: {len(p.hrefs)} links, all to ids of the page; {len(p.srcs)} src, all data: URIs;"
          " no script, link, frame, object, url() or @import")

    # 2. well formed
    if p.stack:
        fail(f"unclosed elements at the end: {p.stack}")
    if not text.startswith("<!DOCTYPE html>\n"):
        fail("no <!DOCTYPE html> first")
    if not p.lang:
        fail("<html> has no lang")
    if not p.charset:
        fail("no <meta charset=\"utf-8\">")
    print(f"ok: well formed, {len(p.ids)} unique ids, lang=\"{p.lang}\"")

    # 3. headings
    levels = [h[0] for h in p.headings]
    if levels.count(1) != 1 or levels[0] != 1:
        fail(f"expected one h1, first: levels {levels[:5]}")
    for (a, ta), (b, tb) in zip(p.headings, p.headings[1:]):
        if b > a + 1:
            fail(f"heading level skipped: h{a} \"{ta}\" then h{b} \"{tb}\"")
    print(f"ok: {len(levels)} headings, one h1, no level skipped")

    # 4. tables
    for t in p.tables:
        name = (t["caption"] or "?")[:50]
        if not t["caption"]:
            fail("a table without a caption")
        if not t["thead_th"] or any(tag != "th" or scope != "col" for tag, scope in t["thead_th"]):
            fail(f"{name}: header row is not all th scope=col")
        for row in t["rows"]:
            if not row or row[0][0] != "th" or row[0][1] != "row":
                fail(f"{name}: a body row not led by th scope=row")
            if len(row) != len(t["thead_th"]):
                fail(f"{name}: a row of {len(row)} cells under {len(t['thead_th'])} headings")
    nnum = sum(1 for t in p.tables for r in t["rows"] for c in r if "num" in c[2].split())
    print(f"ok: {len(p.tables)} tables with caption, column and row headers; {nnum} number cells")

    # 5. charts
    for s in p.svgs:
        ids = s["labelledby"].split()
        if s["role"] != "img" or len(ids) != 2 or not all(i in s["inner_ids"] for i in ids):
            fail(f"an svg not labelled by its own title and desc: {s['labelledby']}")
        if s["texts"] == 0:
            fail(f"chart {s['labelledby']} has no text elements")
    print(f"ok: {len(p.svgs)} charts, each role=img labelled by its title and desc, text as text")

    # 6. figure keys
    with open(figures_path, newline="", encoding="utf-8") as f:
        figures = {row["key"]: row["display"] for row in csv.DictReader(f)}
    for key, shown in p.keyspans:
        if key not in figures:
            fail(f"data-key=\"{key}\" names no figure of figures.csv")
        elif figures[key] == "[c]" and re.fullmatch(r"[Ff]ewer than \d+", shown):
            pass  # a suppressed small count, as the text gives it (contract section 8)
        elif shown not in (figures[key], re.sub("^[+\u2212-]", "", figures[key])):
            fail(f"data-key=\"{key}\" shows \"{shown}\", figures.csv displays \"{figures[key]}\"")
    print(f"ok: {len(p.keyspans)} numbers carry a data-key naming their figure in figures.csv")
    for key, shown in expect.items():
        if [key, shown] not in p.keyspans:
            fail(f"expected a number {shown} with data-key=\"{key}\"")
    if expect:
        print(f"ok: {len(expect)} hand-worked figures shown with their keys")

    # 7. the PDF's captions
    pdf = re.sub(r"\s+", " ", open(pdf_text_path, encoding="utf-8").read())
    # Tables and figures each in their own order: the PDF may paint a
    # table ahead of a chart that waits for the next page (they are
    # numbered apart), never a table ahead of an earlier table.
    pos = {"Table": 0, "Figure": 0}
    for cap in p.captions:
        cap = re.sub(r"\s+", " ", cap.strip())
        m = re.match(r"(Table|Figure) \d+: ", cap)
        if not m:
            fail(f"caption without its number: {cap}")
            continue
        at = pdf.find(cap, pos[m.group(1)])
        if at < 0:
            fail(f"caption not in the PDF (in this order): {cap}")
        else:
            pos[m.group(1)] = at
    print(f"ok: {len(p.captions)} table and figure captions, as the PDF prints them, in order")

    # 8. the logo
    if logo:
        data = open(logo, "rb").read()
        uri = "data:image/png;base64," + base64.b64encode(data).decode()
        if not any(v == uri for _, v in p.srcs):
            fail("the logo is not in the page as a data: URI of its bytes")
        else:
            print(f"ok: the logo ({len(data)} bytes) is in the page as a data: URI")

    print("html_static: " + (f"{len(failures)} failures" if failures else "all checks passed"))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
