/* pdf_tag.c - the structure tree, marked content and PDF/UA catalog entries
 * of the report (see pdf_tag.h).  Same input, same bytes: objects are made
 * in the order of the tree, IDs are sequence numbers, no date but the
 * publication date.  Knows libharu's objects and the tagged-PDF rules of
 * ISO 32000-1 section 14.7-14.8 and ISO 14289-1; nothing about layout. */
#include "pdf_tag.h"

#include "../util/alloc.h"
#include "../util/strbuf.h"
#include "../util/text.h"

#include <hpdf_doc.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the tree -------------------------------------------------------- */

static const char *const S_names[PT_COUNT] = {
    [PT_DOCUMENT] = "Document", [PT_SECT] = "Sect",
    [PT_H1] = "H1", [PT_H2] = "H2", [PT_H3] = "H3", [PT_H4] = "H4", [PT_H5] = "H5",
    [PT_H6] = "H6", [PT_P] = "P",
    [PT_L] = "L", [PT_LI] = "LI", [PT_LBL] = "Lbl", [PT_LBODY] = "LBody",
    [PT_BLOCKQUOTE] = "BlockQuote",
    [PT_TABLE] = "Table", [PT_THEAD] = "THead", [PT_TBODY] = "TBody", [PT_TR] = "TR",
    [PT_TH] = "TH", [PT_TD] = "TD",
    [PT_CAPTION] = "Caption", [PT_FIGURE] = "Figure", [PT_NOTE] = "Note",
    [PT_TOC] = "TOC", [PT_TOCI] = "TOCI", [PT_LINK] = "Link",
};

const char *pdf_tag_name(pdf_tag_type type)
{
    return type < PT_COUNT ? S_names[type] : "P";
}

pdf_tag_type pdf_tag_heading(int depth)
{
    if (depth < 1)
        depth = 1;
    return depth >= 6 ? PT_H6 : (pdf_tag_type)(PT_H1 + depth - 1);
}

static void S_add_kid(pdf_elem *e, pdf_kid k)
{
    XGROW(e->kids, e->kidcap, e->nkids + 1);
    e->kids[e->nkids++] = k;
}

int pdf_tree_add(pdf_tree *t, pdf_tag_type type, int parent)
{
    XGROW(t->items, t->cap, t->n + 1);
    int se = (int)t->n++;
    pdf_elem *e = &t->items[se];
    memset(e, 0, sizeof *e);
    e->type = type;
    e->parent = parent;
    if (parent >= 0)
        S_add_kid(&t->items[parent], (pdf_kid){PK_ELEM, se, 0, 0});
    return se;
}

pdf_elem *pdf_tree_at(pdf_tree *t, int se)
{
    return &t->items[se];
}

void pdf_tree_free(pdf_tree *t)
{
    for (size_t i = 0; i < t->n; i++)
        free(t->items[i].kids);
    free(t->items);
    memset(t, 0, sizeof *t);
}

/* ---- marked content -------------------------------------------------- */

void pdf_tagger_init(pdf_tagger *t, HPDF_Doc pdf, pdf_tree *tree, HPDF_Page *pages,
                     size_t npages)
{
    memset(t, 0, sizeof *t);
    t->pdf = pdf;
    t->tree = tree;
    t->pages = pages;
    t->npages = npages;
    t->owner = xcalloc(npages ? npages : 1, sizeof *t->owner);
    t->nmcid = xcalloc(npages ? npages : 1, sizeof *t->nmcid);
    t->mcidcap = xcalloc(npages ? npages : 1, sizeof *t->mcidcap);
}

void pdf_tagger_free(pdf_tagger *t)
{
    for (size_t i = 0; i < t->npages; i++)
        free(t->owner[i]);
    free(t->owner);
    free(t->nmcid);
    free(t->mcidcap);
    free(t->annots);
    free(t->annot_se);
    free(t->annot_page);
    memset(t, 0, sizeof *t);
}

/* Marks go between graphics objects only: never inside a path under
 * construction or a BT ... ET text object. */
static void S_write(pdf_tagger *t, const char *s)
{
    if (t->page >= t->npages) {
        t->broken = true;
        return;
    }
    HPDF_Page pg = t->pages[t->page];
    if (HPDF_Page_GetGMode(pg) != HPDF_GMODE_PAGE_DESCRIPTION) {
        t->broken = true;
        return;
    }
    HPDF_PageAttr attr = (HPDF_PageAttr)pg->attr;
    HPDF_Stream_WriteStr(attr->stream, s);
}

void pdf_tag_close(pdf_tagger *t)
{
    if (t->open)
        S_write(t, "EMC\n");
    t->open = 0;
}

void pdf_tag_page(pdf_tagger *t, size_t i)
{
    pdf_tag_close(t);
    if (i < t->npages)
        t->page = i;
    else
        t->broken = true;  /* painting a page that was never laid out */
}

void pdf_tag_content(pdf_tagger *t, int se)
{
    if (se < 0 || (size_t)se >= t->tree->n) {
        t->broken = true;  /* content without an element: a layout bug */
        return;
    }
    if (t->open == 1 && t->open_se == se)
        return;
    pdf_tag_close(t);
    size_t p = t->page;
    int mcid = (int)t->nmcid[p];
    XGROW(t->owner[p], t->mcidcap[p], t->nmcid[p] + 1);
    t->owner[p][t->nmcid[p]++] = se;
    S_add_kid(&t->tree->items[se], (pdf_kid){PK_MCID, 0, p, mcid});
    char buf[64];
    snprintf(buf, sizeof buf, "/%s <</MCID %d>> BDC\n", pdf_tag_name(t->tree->items[se].type),
             mcid);
    S_write(t, buf);
    t->open = 1;
    t->open_se = se;
}

void pdf_tag_artifact(pdf_tagger *t, pdf_artifact a)
{
    if (t->open == 2 && t->open_art == a)
        return;
    pdf_tag_close(t);
    static const char *const props[] = {
        [PDF_ART_LAYOUT] = "/Artifact <</Type /Layout>> BDC\n",
        [PDF_ART_PAGINATION] = "/Artifact <</Type /Pagination>> BDC\n",
        [PDF_ART_HEADER] = "/Artifact <</Type /Pagination /Subtype /Header>> BDC\n",
        [PDF_ART_FOOTER] = "/Artifact <</Type /Pagination /Subtype /Footer>> BDC\n",
    };
    S_write(t, props[a]);
    t->open = 2;
    t->open_art = a;
}

/* ---- strings --------------------------------------------------------- */

/* A PDF text string: a literal for printable ASCII, else UTF-16BE with its
 * byte-order mark (libharu's own encoder writes only the BMP). */
static void *S_text(HPDF_MMgr mmgr, const char *utf8)
{
    bool ascii = true;
    for (const char *q = utf8; *q && ascii; q++)
        ascii = *q >= 0x20 && *q < 0x7F;
    if (ascii)
        return HPDF_String_New(mmgr, utf8, NULL);
    strbuf b = STRBUF_INIT;
    sb_appendn(&b, "\xFE\xFF", 2);
    const char *s = utf8;
    while (*s) {
        unsigned long cp = text_utf8_next(&s);
        unsigned long u[2] = {cp, 0};
        int n = 1;
        if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            u[0] = 0xFFFD;
        else if (cp > 0xFFFF) {
            u[0] = 0xD800 + ((cp - 0x10000) >> 10);
            u[1] = 0xDC00 + ((cp - 0x10000) & 0x3FF);
            n = 2;
        }
        for (int i = 0; i < n; i++) {
            char two[2] = {(char)(u[i] >> 8), (char)(u[i] & 0xFF)};
            sb_appendn(&b, two, 2);
        }
    }
    void *o = HPDF_Binary_New(mmgr, (HPDF_BYTE *)b.s, (HPDF_UINT)b.len);
    sb_free(&b);
    return o;
}

void pdf_tag_link(pdf_tagger *t, int se, HPDF_Annotation a, const char *contents)
{
    pdf_tag_close(t);
    if (!a || se < 0 || (size_t)se >= t->tree->n)
        return;
    XGROW(t->annots, t->annotcap, t->nannots + 1);
    t->annot_se = xrealloc(t->annot_se, t->annotcap * sizeof *t->annot_se);
    t->annot_page = xrealloc(t->annot_page, t->annotcap * sizeof *t->annot_page);
    int k = (int)t->nannots++;
    t->annots[k] = a;
    t->annot_se[k] = se;
    t->annot_page[k] = t->page;
    S_add_kid(&t->tree->items[se], (pdf_kid){PK_OBJR, k, t->page, 0});
    HPDF_Dict_Add(a, "Contents", S_text(t->pdf->mmgr, contents));
}

/* ---- the structure tree in the file ---------------------------------- */

/* While writing: libharu's error handler keeps the first real error code,
 * so statuses below are only combined to learn whether all went well. */
typedef struct {
    pdf_tagger *t;
    HPDF_MMgr mmgr;
    HPDF_Xref xref;
    HPDF_Dict root;      /* StructTreeRoot */
    HPDF_Dict *elem;     /* one indirect dict per element */
    HPDF_Array ids;      /* IDTree /Names */
    int nnotes;
} S_out;

/* The page an element's own content starts on (its /Pg). */
static bool S_first_page(const pdf_elem *e, size_t *page)
{
    for (size_t i = 0; i < e->nkids; i++)
        if (e->kids[i].kind != PK_ELEM) {
            *page = e->kids[i].page;
            return true;
        }
    return false;
}

static HPDF_STATUS S_attributes(S_out *o, const pdf_elem *e, HPDF_Dict d)
{
    HPDF_STATUS st = HPDF_OK;
    HPDF_Dict a = NULL;
    if (e->type == PT_TH && e->scope != PDF_SCOPE_NONE) {
        a = HPDF_Dict_New(o->mmgr);
        st |= HPDF_Dict_AddName(a, "O", "Table");
        st |= HPDF_Dict_AddName(a, "Scope", e->scope == PDF_SCOPE_ROW ? "Row" : "Column");
    } else if (e->type == PT_L) {
        a = HPDF_Dict_New(o->mmgr);
        st |= HPDF_Dict_AddName(a, "O", "List");
        st |= HPDF_Dict_AddName(a, "ListNumbering", e->numbered ? "Decimal" : "Disc");
    } else if (e->type == PT_FIGURE) {
        st |= HPDF_Dict_Add(d, "Alt", S_text(o->mmgr, e->alt ? e->alt : ""));
        if (e->has_bbox) {
            a = HPDF_Dict_New(o->mmgr);
            HPDF_Array box = HPDF_Array_New(o->mmgr);
            for (int i = 0; i < 4; i++)
                st |= HPDF_Array_AddReal(box, e->bbox[i]);
            st |= HPDF_Dict_AddName(a, "O", "Layout");
            st |= HPDF_Dict_AddName(a, "Placement", "Block");
            st |= HPDF_Dict_Add(a, "BBox", box);
        }
    } else if (e->type == PT_NOTE) {
        /* A Note has an ID unique in the document, listed in the IDTree. */
        char id[32];
        snprintf(id, sizeof id, "note-%06d", ++o->nnotes);
        st |= HPDF_Dict_Add(d, "ID", HPDF_String_New(o->mmgr, id, NULL));
        st |= HPDF_Array_Add(o->ids, HPDF_String_New(o->mmgr, id, NULL));
        st |= HPDF_Array_Add(o->ids, d);
    }
    if (a)
        st |= HPDF_Dict_Add(d, "A", a);
    return st;
}

/* /K of element se: its kids in reading order. */
static HPDF_STATUS S_kids(S_out *o, int se, bool has_pg, size_t pg)
{
    const pdf_elem *e = &o->t->tree->items[se];
    HPDF_Dict d = o->elem[se];
    if (e->nkids == 0)
        return HPDF_OK;
    HPDF_Array k = HPDF_Array_New(o->mmgr);
    HPDF_STATUS st = HPDF_Dict_Add(d, "K", k);
    for (size_t i = 0; i < e->nkids && st == HPDF_OK; i++) {
        const pdf_kid *kid = &e->kids[i];
        HPDF_Page page = o->t->pages[kid->page];
        if (kid->kind == PK_ELEM) {
            st = HPDF_Array_Add(k, o->elem[kid->index]);
        } else if (kid->kind == PK_MCID && has_pg && kid->page == pg) {
            st = HPDF_Array_AddNumber(k, kid->mcid);
        } else if (kid->kind == PK_MCID) {
            HPDF_Dict mcr = HPDF_Dict_New(o->mmgr);
            st = HPDF_Dict_AddName(mcr, "Type", "MCR");
            st |= HPDF_Dict_Add(mcr, "Pg", page);
            st |= HPDF_Dict_AddNumber(mcr, "MCID", kid->mcid);
            st |= HPDF_Array_Add(k, mcr);
        } else {
            HPDF_Dict objr = HPDF_Dict_New(o->mmgr);
            st = HPDF_Dict_AddName(objr, "Type", "OBJR");
            st |= HPDF_Dict_Add(objr, "Pg", page);
            st |= HPDF_Dict_Add(objr, "Obj", o->t->annots[kid->index]);
            st |= HPDF_Array_Add(k, objr);
        }
    }
    return st;
}

/* One indirect dictionary per element, then their keys (a parent's /K
 * refers to its kids, a kid's /P to its parent). */
static HPDF_STATUS S_elements(S_out *o)
{
    pdf_tree *tr = o->t->tree;
    o->elem = xcalloc(tr->n ? tr->n : 1, sizeof *o->elem);
    HPDF_STATUS st = HPDF_OK;
    for (size_t i = 0; i < tr->n && st == HPDF_OK; i++) {
        o->elem[i] = HPDF_Dict_New(o->mmgr);
        if (!o->elem[i])
            return HPDF_FAILD_TO_ALLOC_MEM;
        st = HPDF_Xref_Add(o->xref, o->elem[i]);
    }
    for (size_t i = 0; i < tr->n && st == HPDF_OK; i++) {
        const pdf_elem *e = &tr->items[i];
        HPDF_Dict d = o->elem[i];
        size_t pg = 0;
        bool has_pg = S_first_page(e, &pg);
        st = HPDF_Dict_AddName(d, "Type", "StructElem");
        st |= HPDF_Dict_AddName(d, "S", pdf_tag_name(e->type));
        st |= HPDF_Dict_Add(d, "P", e->parent < 0 ? o->root : o->elem[e->parent]);
        if (has_pg)
            st |= HPDF_Dict_Add(d, "Pg", o->t->pages[pg]);
        st |= S_attributes(o, e, d);
        if (st == HPDF_OK)
            st = S_kids(o, (int)i, has_pg, pg);
    }
    return st;
}

/* The ParentTree: for page i (its /StructParents is i) the element of each
 * MCID; for annotation k (its /StructParent is npages + k) its Link. */
static HPDF_STATUS S_parent_tree(S_out *o)
{
    pdf_tagger *t = o->t;
    HPDF_Dict tree = HPDF_Dict_New(o->mmgr);
    HPDF_Array nums = HPDF_Array_New(o->mmgr);
    HPDF_STATUS st = HPDF_Dict_Add(tree, "Nums", nums);
    for (size_t p = 0; p < t->npages && st == HPDF_OK; p++) {
        HPDF_Array a = HPDF_Array_New(o->mmgr);
        st = HPDF_Array_AddNumber(nums, (HPDF_INT32)p);
        st |= HPDF_Array_Add(nums, a);
        for (size_t m = 0; m < t->nmcid[p] && st == HPDF_OK; m++)
            st = HPDF_Array_Add(a, o->elem[t->owner[p][m]]);
        st |= HPDF_Dict_AddNumber(t->pages[p], "StructParents", (HPDF_INT32)p);
        st |= HPDF_Dict_AddName(t->pages[p], "Tabs", "S");
    }
    for (size_t k = 0; k < t->nannots && st == HPDF_OK; k++) {
        HPDF_INT32 key = (HPDF_INT32)(t->npages + k);
        st = HPDF_Dict_AddNumber(t->annots[k], "StructParent", key);
        st |= HPDF_Array_AddNumber(nums, key);
        st |= HPDF_Array_Add(nums, o->elem[t->annot_se[k]]);
    }
    st |= HPDF_Dict_Add(o->root, "ParentTree", tree);
    st |= HPDF_Dict_AddNumber(o->root, "ParentTreeNextKey",
                              (HPDF_INT32)(t->npages + t->nannots));
    return st;
}

/* ---- catalog and metadata ------------------------------------------- */

/* s with the five XML specials escaped and the characters XML 1.0 forbids
 * (control characters other than tab and line ends) left out. */
static void S_xml(strbuf *b, const char *s)
{
    for (; s && *s; s++) {
        unsigned char ch = (unsigned char)*s;
        switch (ch) {
        case '&': sb_append(b, "&amp;"); break;
        case '<': sb_append(b, "&lt;"); break;
        case '>': sb_append(b, "&gt;"); break;
        case '"': sb_append(b, "&quot;"); break;
        case '\'': sb_append(b, "&apos;"); break;
        default:
            if (ch >= 0x20 || ch == '\t' || ch == '\n' || ch == '\r')
                sb_putc(b, (char)ch);
            break;
        }
    }
}

static void S_xmp_alt(strbuf *b, const char *tag, const char *v)
{
    sb_appendf(b, "   <%s><rdf:Alt><rdf:li xml:lang=\"x-default\">", tag);
    S_xml(b, v);
    sb_appendf(b, "</rdf:li></rdf:Alt></%s>\n", tag);
}

static void S_xmp_simple(strbuf *b, const char *tag, const char *v)
{
    sb_appendf(b, "   <%s>", tag);
    S_xml(b, v);
    sb_appendf(b, "</%s>\n", tag);
}

/* XMP packet: Dublin Core title, creator, description and language, the
 * PDF keywords and producer, the dates of the document information, and
 * the PDF/UA identification (part 1). */
static char *S_xmp(HPDF_Doc pdf, const doc_meta *m, const char *creator)
{
    strbuf b = STRBUF_INIT;
    int ymd = m->published_ymd, mod = m->modified_ymd ? m->modified_ymd : ymd;
    char date[40], moddate[40];
    snprintf(date, sizeof date, "%04d-%02d-%02dT00:00:00+00:00", ymd / 10000, (ymd / 100) % 100,
             ymd % 100);
    snprintf(moddate, sizeof moddate, "%04d-%02d-%02dT00:00:00+00:00", mod / 10000,
             (mod / 100) % 100, mod % 100);
    const char *producer = HPDF_GetInfoAttr(pdf, HPDF_INFO_PRODUCER);
    sb_append(&b, "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
                  "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
                  " <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
                  "  <rdf:Description rdf:about=\"\"\n"
                  "    xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
                  "    xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"\n"
                  "    xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n"
                  "    xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\">\n"
                  "   <dc:format>application/pdf</dc:format>\n");
    S_xmp_alt(&b, "dc:title", m->title);
    sb_append(&b, "   <dc:creator><rdf:Seq><rdf:li>");
    S_xml(&b, m->author);
    sb_append(&b, "</rdf:li></rdf:Seq></dc:creator>\n");
    S_xmp_alt(&b, "dc:description", m->subject);
    sb_append(&b, "   <dc:language><rdf:Bag><rdf:li>");
    S_xml(&b, m->language);
    sb_append(&b, "</rdf:li></rdf:Bag></dc:language>\n");
    S_xmp_simple(&b, "pdf:Keywords", m->keywords);
    if (producer)
        S_xmp_simple(&b, "pdf:Producer", producer);
    S_xmp_simple(&b, "xmp:CreatorTool", creator);
    S_xmp_simple(&b, "xmp:CreateDate", date);
    S_xmp_simple(&b, "xmp:ModifyDate", moddate);
    S_xmp_simple(&b, "xmp:MetadataDate", moddate);
    sb_append(&b, "   <pdfuaid:part>1</pdfuaid:part>\n"
                  "  </rdf:Description>\n"
                  " </rdf:RDF>\n"
                  "</x:xmpmeta>\n"
                  "<?xpacket end=\"w\"?>");
    return sb_take(&b);
}

static HPDF_STATUS S_catalog(S_out *o, const doc_meta *m, const char *creator)
{
    HPDF_Doc pdf = o->t->pdf;
    HPDF_Dict cat = pdf->catalog;
    HPDF_Dict mark = HPDF_Dict_New(o->mmgr);
    HPDF_STATUS st = HPDF_Dict_AddBoolean(mark, "Marked", HPDF_TRUE);
    st |= HPDF_Dict_Add(cat, "MarkInfo", mark);
    st |= HPDF_Dict_Add(cat, "Lang", S_text(o->mmgr, m->language ? m->language : "en-GB"));
    HPDF_Dict vp = HPDF_Dict_GetItem(cat, "ViewerPreferences", HPDF_OCLASS_DICT);
    if (!vp) {
        vp = HPDF_Dict_New(o->mmgr);
        st |= HPDF_Dict_Add(cat, "ViewerPreferences", vp);
    }
    st |= HPDF_Dict_AddBoolean(vp, "DisplayDocTitle", HPDF_TRUE);
    st |= HPDF_Dict_Add(cat, "StructTreeRoot", o->root);

    HPDF_Dict xmp = HPDF_DictStream_New(o->mmgr, o->xref);
    if (!xmp)
        return HPDF_FAILD_TO_ALLOC_MEM;
    st |= HPDF_Dict_AddName(xmp, "Type", "Metadata");
    st |= HPDF_Dict_AddName(xmp, "Subtype", "XML");
    char *x = S_xmp(pdf, m, creator);
    st |= HPDF_Stream_Write(xmp->stream, (const HPDF_BYTE *)x, (HPDF_UINT)strlen(x));
    free(x);
    st |= HPDF_Dict_Add(cat, "Metadata", xmp);
    pdf->pdf_version = HPDF_VER_17;
    return st;
}

annrep_status pdf_tag_finish(pdf_tagger *t, const doc_meta *meta, const char *creator)
{
    pdf_tag_close(t);
    if (t->broken)
        return ANNREP_ERR_INTERNAL;
    S_out o;
    memset(&o, 0, sizeof o);
    o.t = t;
    o.mmgr = t->pdf->mmgr;
    o.xref = t->pdf->xref;
    o.root = HPDF_Dict_New(o.mmgr);
    if (!o.root || HPDF_Xref_Add(o.xref, o.root) != HPDF_OK)
        return ANNREP_ERR_LIBRARY;
    HPDF_STATUS st = HPDF_Dict_AddName(o.root, "Type", "StructTreeRoot");
    o.ids = HPDF_Array_New(o.mmgr);
    if (st == HPDF_OK)
        st = S_elements(&o);
    if (st == HPDF_OK && t->tree->n > 0)
        st = HPDF_Dict_Add(o.root, "K", o.elem[0]);
    if (st == HPDF_OK)
        st = S_parent_tree(&o);
    if (st == HPDF_OK && o.nnotes > 0) {
        HPDF_Dict idtree = HPDF_Dict_New(o.mmgr);
        st = HPDF_Dict_Add(idtree, "Names", o.ids);  /* owned by the tree from here */
        st |= HPDF_Dict_Add(o.root, "IDTree", idtree);
    } else if (o.ids) {
        HPDF_Array_Free(o.ids);  /* never attached (its references go with it) */
    }
    if (st == HPDF_OK)
        st = S_catalog(&o, meta, creator);
    free(o.elem);
    return st == HPDF_OK ? ANNREP_OK : ANNREP_ERR_LIBRARY;
}
