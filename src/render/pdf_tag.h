/* pdf_tag.h - the tagged-PDF layer of the PDF writer (PDF/UA-1, ISO 14289-1):
 * what each mark on a page is, as a reader of the document would say it,
 * in a form a screen reader can follow.
 *
 * Two halves, used at the writer's two passes:
 *
 *   the tree (pdf_tree)     built by layout as it emits drawing operations,
 *                           one structure element per part of the document
 *                           (Document, Sect, H1..H6, P, L/LI/Lbl/LBody,
 *                           BlockQuote, Table/THead/TBody/TR/TH/TD, Caption,
 *                           Figure, Note, TOC/TOCI, Link).  Every drawing
 *                           operation names its element (pdf_op.se), so the
 *                           tree mirrors the document tree.  Knows no libharu.
 *
 *   the tagger (pdf_tagger) used while painting: writes BDC/EMC around every
 *                           mark into the page's content stream (an MCID for
 *                           content, /Artifact for decoration and running
 *                           heads), ties link annotations to their Link
 *                           elements, then writes the structure tree, its
 *                           ParentTree and IDTree, /StructParents on pages,
 *                           /StructParent and /Contents on annotations, and
 *                           the catalog's /MarkInfo, /Lang,
 *                           /ViewerPreferences and XMP metadata (dc:title,
 *                           pdfuaid:part 1), with PDF version 1.7.
 *
 * libharu 2.3.0 has no tagging API; this file reaches its dictionaries,
 * arrays and page streams through the internal headers Debian installs
 * (hpdf_objects.h, hpdf_pages.h, hpdf_doc.h), compiled against the library
 * it links.  Knows nothing about layout rules or where the words came from. */
#ifndef ANNREP_PDF_TAG_H
#define ANNREP_PDF_TAG_H

#include "../doc/doc.h"
#include "../util/status.h"

#include <hpdf.h>
#include <stdbool.h>
#include <stddef.h>

typedef enum {
    PT_DOCUMENT, PT_SECT, PT_H1, PT_H2, PT_H3, PT_H4, PT_H5, PT_H6, PT_P,
    PT_L, PT_LI, PT_LBL, PT_LBODY, PT_BLOCKQUOTE,
    PT_TABLE, PT_THEAD, PT_TBODY, PT_TR, PT_TH, PT_TD,
    PT_CAPTION, PT_FIGURE, PT_NOTE, PT_TOC, PT_TOCI, PT_LINK,
    PT_COUNT
} pdf_tag_type;

/* pdf_op.se values that are not elements. */
#define PDF_SE_NONE (-1)        /* not set: a bug when the op is content */
#define PDF_SE_PAGINATION (-2)  /* a repeat on a continued page (table header,
                                   "(continued)" caption): an artifact */

typedef enum { PDF_SCOPE_NONE, PDF_SCOPE_COLUMN, PDF_SCOPE_ROW } pdf_scope;

/* What an element holds, in reading order: an element, a marked-content
 * sequence (page, MCID) or an annotation (index into the tagger's). */
typedef enum { PK_ELEM, PK_MCID, PK_OBJR } pdf_kid_kind;
typedef struct {
    pdf_kid_kind kind;
    int index;     /* PK_ELEM: element; PK_OBJR: annotation */
    size_t page;   /* PK_MCID, PK_OBJR */
    int mcid;      /* PK_MCID */
} pdf_kid;

typedef struct {
    pdf_tag_type type;
    int parent;          /* -1 for the Document */
    pdf_kid *kids;
    size_t nkids, kidcap;
    pdf_scope scope;     /* TH: /Scope */
    const char *alt;     /* Figure: /Alt, borrowed from the document */
    bool numbered;       /* L: /ListNumbering /Decimal, else /Disc */
    bool has_bbox;       /* Figure: /BBox on bbox_page */
    size_t bbox_page;
    float bbox[4];       /* left, bottom, right, top in points */
} pdf_elem;

typedef struct {
    pdf_elem *items;
    size_t n, cap;
} pdf_tree;

/* A new element of type under parent (-1: the root, only for the first),
 * appended to the parent's kids; returns its index.  Never fails (out of
 * memory exits, as everywhere). */
int pdf_tree_add(pdf_tree *t, pdf_tag_type type, int parent);
pdf_elem *pdf_tree_at(pdf_tree *t, int se);
/* H1 for depth 1 ... H6 for depth 6 and deeper. */
pdf_tag_type pdf_tag_heading(int depth);
/* The structure type's name: "P", "TH", "TOCI". */
const char *pdf_tag_name(pdf_tag_type type);
void pdf_tree_free(pdf_tree *t);

/* The kinds of artifact (ISO 32000-1, 14.8.2.2). */
typedef enum {
    PDF_ART_LAYOUT,      /* rules, grounds, cover shapes, the logo */
    PDF_ART_PAGINATION,  /* repeated headers and captions */
    PDF_ART_HEADER,      /* the running header */
    PDF_ART_FOOTER       /* the footer and page number */
} pdf_artifact;

typedef struct {
    HPDF_Doc pdf;
    pdf_tree *tree;
    HPDF_Page *pages;
    size_t npages;
    size_t page;         /* the page being painted */
    int open;            /* 0 nothing open, 1 content of open_se, 2 artifact open_art */
    int open_se;
    pdf_artifact open_art;
    int **owner;         /* per page: MCID -> element */
    size_t *nmcid, *mcidcap;
    HPDF_Annotation *annots;
    int *annot_se;
    size_t *annot_page;
    size_t nannots, annotcap;
    bool broken;         /* a mark was asked for inside a path or text object */
} pdf_tagger;

/* Borrows pdf, tree and pages (npages of them) until pdf_tagger_free. */
void pdf_tagger_init(pdf_tagger *t, HPDF_Doc pdf, pdf_tree *tree, HPDF_Page *pages,
                     size_t npages);
/* Painting moves to page i: what was open on the previous page is closed. */
void pdf_tag_page(pdf_tagger *t, size_t i);
/* What is painted next belongs to element se: its marked-content sequence
 * is opened (a new MCID), unless the one open already is se's. */
void pdf_tag_content(pdf_tagger *t, int se);
/* What is painted next is an artifact of kind a. */
void pdf_tag_artifact(pdf_tagger *t, pdf_artifact a);
/* Close the open sequence (before an annotation, at the end of a page). */
void pdf_tag_close(pdf_tagger *t);
/* Link annotation a on the current page belongs to Link element se;
 * contents is its /Contents (what a screen reader announces). */
void pdf_tag_link(pdf_tagger *t, int se, HPDF_Annotation a, const char *contents);
/* Write the structure tree, the parent tree, the page and annotation keys,
 * the catalog entries and the XMP metadata of meta; creator names the tool
 * (xmp:CreatorTool, as in the document information).  ANNREP_OK, or
 * ANNREP_ERR_INTERNAL when marks were left open or asked for inside a path
 * or text object, ANNREP_ERR_LIBRARY when libharu refused (its error
 * handler has the code). */
annrep_status pdf_tag_finish(pdf_tagger *t, const doc_meta *meta, const char *creator);
void pdf_tagger_free(pdf_tagger *t);

#endif
