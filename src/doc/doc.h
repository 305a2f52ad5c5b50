/* doc.h - the report as a document tree, assembled from a template.
 *
 * A template is a folder of Markdown files (the .md files of
 * report-templates/<name>/, read in file-name order) parsed with cmark.
 * Figures enter through placeholders ({{lado.referrals.total}}), tables and charts through fenced
 * blocks (```table lado_quarter```, ```chart lado_outcomes```), the year's own
 * prose through ```narrative foreword.md``` blocks read from the project's
 * narrative/ folder, and HTML-comment directives (<!-- requires: lado -->,
 * <!-- if: previous lado --> ... <!-- end -->) leave out what the year's
 * returns cannot support.  The language is described in
 * report-templates/README.md.
 *
 * The tree is what every writer reads, and it carries everything a reader
 * sees that is not layout: numbering ("6.2", "Table 3", "Figure 2"),
 * captions, source lines, notes, the shorthand key, chart descriptions,
 * which table row is a Total, each cell as printed.  It knows nothing about
 * pages, points or cells of a spreadsheet.  It is built once, before any
 * output is written.  Shape:
 *
 *   DOC_DOCUMENT
 *     DOC_CHAPTER (#)            title, number
 *       blocks | DOC_SECTION (## level 2, ### level 3, #### level 4)
 *   blocks: DOC_PARAGRAPH (inline runs), DOC_LIST > DOC_ITEM > blocks,
 *           DOC_QUOTE > blocks, DOC_TABLE (a dataset), DOC_CHART (a chart)
 *
 * The document owns every node, string and chart; doc_free() frees all.
 * Datasets are borrowed from the dataset_list passed to doc_build(). */
#ifndef ANNREP_DOC_H
#define ANNREP_DOC_H

#include "../chart/chart.h"
#include "../compute/dataset.h"
#include "../compute/figures.h"
#include "../load/project.h"
#include "../util/diag.h"
#include "../util/status.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum {
    DOC_DOCUMENT,
    DOC_CHAPTER,
    DOC_SECTION,
    DOC_PARAGRAPH,
    DOC_LIST,
    DOC_ITEM,
    DOC_QUOTE,
    DOC_TABLE,
    DOC_CHART
} doc_type;

/* Inline run flags. */
enum {
    DOC_RUN_BOLD = 1u << 0,
    DOC_RUN_ITALIC = 1u << 1,
    DOC_RUN_FIGURE = 1u << 2,  /* text is a figure's display value */
    DOC_RUN_BREAK = 1u << 3    /* a hard line break; text is "" */
};

typedef struct {
    char *text;       /* UTF-8, never NULL */
    unsigned flags;   /* DOC_RUN_* */
    char *key;        /* DOC_RUN_FIGURE: the figure's key in figures.csv, or NULL */
    size_t len, cap;  /* strlen(text) and its buffer, kept by doc_add_run (0: unknown) */
} doc_run;

/* A table as the report prints it: every cell already formatted. */
typedef struct {
    char *text;     /* as printed: "24,635", "60.5%", "[x]", "Q1" */
    dkind kind;     /* DC_TEXT, DC_NUM, or the shorthand DC_X / DC_Z / DC_C */
} doc_cell;

typedef struct {
    char *heading;  /* with its unit: "Contacts (number)" */
    bool numeric;   /* numbers: right-aligned */
} doc_column;

typedef struct {
    doc_column *cols;
    size_t ncols;
    doc_cell *cells;  /* nrows x ncols, row-major */
    bool *total;      /* per row: the Total row, set apart */
    size_t nrows;
    char **foot;      /* lines printed under the table before its source line: the
                         shorthand key ("[x] not available; ..."), "Note 1: ..." */
    size_t nfoot;
} doc_table;

/* The document's own words and settings, on the DOC_DOCUMENT node. */
typedef struct {
    char *title;         /* "Annual Report 2016-17" */
    char *partnership;
    char *area;
    char *year;          /* "2016-17" */
    char *period;        /* "1 April 2016 to 31 March 2017" */
    char *published;     /* "30 September 2017" */
    int published_ymd;   /* 20170930: the documents' creation date */
    char *revision;      /* "Revised 20 November 2017: Q4 LADO outcomes corrected" under the
                            publication date (report.ini revised, revision_note), or NULL */
    int modified_ymd;    /* the documents' modification date: revised, else published */
    char *author;        /* document property: report.ini author, else the partnership */
    char *subject;       /* "Annual report of the ... for ..., 1 April ... to 31 March ..." */
    char *keywords;      /* "safeguarding children, annual report, <area>, <year>, chapters" */
    uint32_t accent;     /* headings, rules, the first chart colour */
    char *logo;          /* path of the cover logo (PNG), for messages, or NULL */
    unsigned char *logo_png; /* its bytes, checked and cleaned by the loader (logo.h):
                                what the writers show; NULL without a logo */
    size_t logo_len;
    unsigned logo_width, logo_height; /* pixels */
    char *contents_title;  /* "Contents" */
    char *footer;        /* running footer: "<partnership> · <title>" */
    char *contact;       /* report.ini contact, or NULL */
    char **source_file;  /* report.ini [sources]: the return files it names
                            ("lado_contacts.csv") ... */
    char **source_who;   /* ... and who supplies each ("Lewisham LADO service") */
    size_t nsources;
    int threshold;       /* disclosure control: counts 1..threshold of people are not
                            shown ([c]); 0: no suppression (the restricted edition, or
                            threshold = 0) */
    bool restricted;     /* the restricted edition */
    char *marking;       /* "OFFICIAL-SENSITIVE: not for publication" on every page of the
                            restricted edition; NULL in the public one */
    char *language;      /* report.ini language, a language tag: "en-GB" by default */
    /* Words of a page that has links and folding parts (the web edition):
     * "Skip to main content" (the link past the header and contents) and
     * "Show the data" (what opens a chart's table of numbers). */
    char *skip_link;
    char *show_data;
} doc_meta;

/* The document's metadata from the project's settings (doc_build makes the
 * document's own; writers' tests make one directly); logo_path is the cover
 * logo's path as messages name it (NULL: none), its bytes those the loader
 * checked (report_config logo_png).  Strings and bytes are copied;
 * doc_meta_free(NULL) is safe. */
doc_meta *doc_meta_new(const project *p, const char *logo_path);
/* "Revised 20 November 2017: Q4 LADO outcomes corrected" (or without the
 * note) for a config with a revision date; NULL without.  Caller frees. */
char *doc_revision_line(const report_config *cfg);
void doc_meta_free(doc_meta *m);

typedef struct doc_node doc_node;
struct doc_node {
    doc_type type;
    doc_node *parent;
    doc_node **kids;
    size_t nkids, kidcap;
    size_t index;        /* its place in parent->kids when appended (a hint: checked) */

    /* Where the node came from, for messages. */
    char *file;
    int line;

    /* DOC_DOCUMENT: the document's words and settings. */
    doc_meta *meta;

    /* DOC_CHAPTER, DOC_SECTION: plain-text title (placeholders resolved);
     * level 1 for chapters, 2..4 for sections; number "6" / "6.2" / "6.2.1",
     * or NULL for unnumbered chapters (and their sections) and level 4;
     * label "Chapter 6" for a numbered chapter, else NULL (also the label
     * of a table or chart, below). */
    char *title;
    int level;
    char *number;
    char *label;
    bool unnumbered;   /* chapter marked <!-- unnumbered --> */

    /* DOC_PARAGRAPH */
    doc_run *runs;
    size_t nruns, runcap;

    /* DOC_LIST */
    bool ordered;
    int start;

    /* DOC_TABLE, DOC_CHART: the id named in the fence, the caption title
     * (dataset or chart title unless the block sets "title:"), the source
     * without "Source: ", the number in the "Table N" / "Figure N"
     * sequence, and what the report prints: label (above) "Table 3",
     * heading "Table 3: <caption>", heading_continued "Table 3: <caption>
     * (continued)" (over the part of a table that runs onto another page),
     * source_line "Source: <source>". */
    char *ref;
    char *caption;
    char *source;
    int seq;
    char *heading;
    char *heading_continued;
    char *source_line;

    /* DOC_TABLE: borrowed dataset, the columns shown (indices into
     * ds->cols, all of them unless the block sets "columns:"), and the
     * table as printed (owned). */
    const dataset *ds;
    size_t *cols;
    size_t ncols;
    doc_table *table;

    /* DOC_CHART: the chart (owned) and the description printed under it,
     * "Chart description: <the chart's text alternative>"; data, the
     * chart's numbers as a table for a writer that can offer them beside
     * the drawing (owned): the categories down the first column (headed as
     * in the dataset), a column per series (its legend name), each value
     * as the chart labels it, [x] / [c] where none is drawn, and the
     * shorthand key in its foot. */
    chart *chart;
    char *description;
    doc_table *data;
};

/* What a shorthand means, for keys and abbreviations: "not available" for
 * DC_X, "not applicable" for DC_Z, "low reliability: the base is below 20"
 * for DC_U, "confidential: not shown, to protect the people counted" for
 * DC_C; NULL for a kind that is no shorthand. */
const char *doc_shorthand_meaning(dkind kind);
/* What [c] means in a table of the public edition whose counts from 1 to
 * below - 1 are suppressed (dataset.suppressed_below): "confidential: not
 * shown to protect the people counted (a count from 1 to 5, or a figure
 * from which one could be worked out)".  Caller frees. */
char *doc_suppressed_meaning(int below);

/* The folder of the project's template (report.ini `template`, default
 * "default"): <project>/report-templates/<name> when the project carries its
 * own copy, else <data_dir>/report-templates/<name>.  Caller frees. */
char *doc_template_dir(const project *p, const char *data_dir);

/* Build the document from the template folder: every chapter, table and
 * chart (charts are built here, once), numbered and captioned.  Narrative
 * files are read from p->narrative_dir.  Every problem goes to dl with the
 * template file and line.  Returns ANNREP_OK and *out, or ANNREP_ERR_INPUT
 * with *out NULL when any error was found (nothing partial).  The document
 * borrows the datasets of dsl; free it before them. */
annrep_status doc_build(const char *template_dir, const project *p, const figstore *fs,
                        const dataset_list *dsl, diag_list *dl, doc_node **out);

void doc_free(doc_node *d);

/* Refuse what a reader of the tagged PDF could not follow: a chart whose
 * text alternative is blank, a table without a header row (no column, or a
 * column without a heading).  One error in dl per problem, at the node's
 * template (or narrative) file and line.  Returns ANNREP_OK, or
 * ANNREP_ERR_INPUT when it added an error.  doc_build runs it on every
 * document it builds. */
annrep_status doc_check_accessible(const doc_node *root, diag_list *dl);

/* A node that holds blocks (document, chapter, section, list, item,
 * quote), as opposed to a leaf (paragraph, table, chart). */
bool doc_type_is_container(doc_type t);

/* Iteration in document order, like cmark's: each node is visited on entry,
 * and a container (doc_type_is_container) also on exit, even when it has
 * no children; a leaf only on entry.
 *
 *   doc_iter it; doc_iter_init(&it, root);
 *   doc_event ev; doc_node *n;
 *   while ((ev = doc_iter_next(&it, &n)) != DOC_EV_DONE) switch (n->type) ...
 */
typedef enum { DOC_EV_DONE, DOC_EV_ENTER, DOC_EV_EXIT } doc_event;
typedef struct {
    doc_node *root, *cur;
    doc_event ev;
} doc_iter;
void doc_iter_init(doc_iter *it, doc_node *root);
doc_event doc_iter_next(doc_iter *it, doc_node **node);

/* Plain text of a paragraph's runs (hard breaks as spaces).  Caller frees. */
char *doc_paragraph_text(const doc_node *para);

/* Node construction, used by the template reader and by tests. */
doc_node *doc_node_new(doc_type type, const char *file, int line);
void doc_node_append(doc_node *parent, doc_node *kid);
/* Remove and free kid i of parent. */
void doc_node_remove(doc_node *parent, size_t i);
void doc_add_run(doc_node *para, const char *text, size_t len, unsigned flags);
/* A run showing figure `key` as text (DOC_RUN_FIGURE added to flags). */
void doc_add_figure_run(doc_node *para, const char *text, unsigned flags, const char *key);

#endif
