/* assemble.c - the last steps of building the document, after the template
 * files are read (template.c): parts left empty drop out, chapters,
 * sections, tables and figures are numbered, {{table:id}} references
 * resolved, and every reader-visible word that is not prose is decided
 * here once: labels and captions, source lines, chart descriptions, each
 * table cell as printed, which row is a Total, the shorthand key and the
 * notes, and the document's own metadata.  Writers only lay these out.
 * Knows the document tree, datasets and charts; nothing about Markdown,
 * pages or spreadsheets. */
#include "doc_internal.h"

#include "../compute/fmt.h"
#include "../util/alloc.h"
#include "../util/strbuf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *doc_shorthand_meaning(dkind kind)
{
    switch (kind) {
    case DC_X: return "not available";
    case DC_Z: return "not applicable";
    case DC_U: return "low reliability: the base is below " FMT_SMALL_BASE_TEXT;
    case DC_C: return "confidential: not shown, to protect the people counted";
    case DC_EMPTY:
    case DC_NUM:
    case DC_TEXT: return NULL;
    }
    return NULL;
}

/* ---- metadata ------------------------------------------------------- */

static char *S_printf(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;
static char *S_printf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = sb_vformat(fmt, ap);
    va_end(ap);
    return s;
}

char *doc_revision_line(const report_config *cfg)
{
    if (!cfg->revised_ymd)
        return NULL;
    char *d = fmt_date_long(cfg->revised_ymd);
    char *line = cfg->revision_note ? S_printf("Revised %s: %s", d, cfg->revision_note)
                                    : S_printf("Revised %s", d);
    free(d);
    return line;
}

doc_meta *doc_meta_new(const project *p, const char *logo_path)
{
    const report_config *cfg = &p->cfg;
    doc_meta *m = xcalloc(1, sizeof *m);
    int y = cfg->year_start;
    m->title = xstrdup(cfg->title ? cfg->title : "");
    m->partnership = xstrdup(cfg->partnership ? cfg->partnership : "");
    m->area = xstrdup(cfg->area ? cfg->area : "");
    m->year = xstrdup(cfg->year ? cfg->year : "");
    m->period = S_printf("1 April %d to 31 March %d", y, y + 1);
    m->published = fmt_date_long(cfg->published_ymd);
    m->published_ymd = cfg->published_ymd;
    m->modified_ymd = cfg->revised_ymd ? cfg->revised_ymd : cfg->published_ymd;
    m->revision = doc_revision_line(cfg);
    m->author = xstrdup(cfg->author ? cfg->author : m->partnership);
    m->subject = S_printf("Annual report of %s%s for %s, 1 April %d to 31 March %d",
                          strncmp(m->partnership, "The ", 4) == 0 ? "" : "the ",
                          m->partnership, m->area, y, y + 1);
    m->accent = cfg->accent;
    m->logo = xstrdup(logo_path);
    if (logo_path && cfg->logo_png) {
        m->logo_png = xmalloc(cfg->logo_len);
        memcpy(m->logo_png, cfg->logo_png, cfg->logo_len);
        m->logo_len = cfg->logo_len;
        m->logo_width = cfg->logo_width;
        m->logo_height = cfg->logo_height;
    }
    m->contents_title = xstrdup("Contents");
    m->footer = S_printf("%s \xC2\xB7 %s", m->partnership, m->title);
    m->contact = cfg->contact && *cfg->contact ? xstrdup(cfg->contact) : NULL;
    for (int r = 0; r < RET_COUNT; r++)
        if (cfg->source_name[r]) {
            m->source_file = xrealloc(m->source_file, (m->nsources + 1) * sizeof(char *));
            m->source_who = xrealloc(m->source_who, (m->nsources + 1) * sizeof(char *));
            m->source_file[m->nsources] = xstrdup(schema_get((return_id)r)->file);
            m->source_who[m->nsources++] = xstrdup(cfg->source_name[r]);
        }
    m->threshold = config_effective_threshold(cfg);
    m->restricted = cfg->restricted;
    m->marking = cfg->restricted ? xstrdup("OFFICIAL-SENSITIVE: not for publication") : NULL;
    m->language = xstrdup(cfg->language && *cfg->language ? cfg->language : "en-GB");
    m->skip_link = xstrdup("Skip to main content");
    m->show_data = xstrdup("Show the data");
    return m;
}

/* The keywords name the chapters, so they are set once the tree is final. */
static void S_keywords(doc_node *root)
{
    doc_meta *m = root->meta;
    strbuf s = STRBUF_INIT;
    sb_appendf(&s, "safeguarding children, annual report, %s, %s", m->area, m->year);
    for (size_t i = 0; i < root->nkids; i++)
        if (root->kids[i]->type == DOC_CHAPTER && root->kids[i]->number)
            sb_appendf(&s, ", %s", root->kids[i]->title);
    free(m->keywords);
    m->keywords = sb_take(&s);
}

/* ---- tables as printed ---------------------------------------------- */

char *doc_suppressed_meaning(int below)
{
    strbuf s = STRBUF_INIT;
    sb_appendf(&s, "confidential: not shown to protect the people counted (a count from 1 to "
                   "%d, or a figure from which one could be worked out)", below - 1);
    return sb_take(&s);
}

/* The shorthand key: the codes the table's cells use, unless one of the
 * notes already explains the code; below: the table's counts below it may
 * be [c] (0: none). */
static char *S_shorthand_key(const doc_table *t, char *const *notes, size_t nnotes, int below)
{
    static const dkind kinds[] = {DC_X, DC_Z, DC_U, DC_C};
    static const char *const codes[] = {"[x]", "[z]", "[u]", "[c]"};
    strbuf s = STRBUF_INIT;
    for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
        bool seen = false;
        for (size_t i = 0; i < t->nrows * t->ncols && !seen; i++)
            seen = t->cells[i].kind == kinds[k];
        for (size_t i = 0; i < nnotes && seen; i++)
            if (strstr(notes[i], codes[k]))
                seen = false;
        if (seen && kinds[k] == DC_C && below > 0) {
            char *m = doc_suppressed_meaning(below);
            sb_appendf(&s, "%s[c] %s", s.len ? "; " : "", m);
            free(m);
        } else if (seen)
            sb_appendf(&s, "%s%s %s", s.len ? "; " : "", codes[k],
                       doc_shorthand_meaning(kinds[k]));
    }
    if (!s.len) {
        sb_free(&s);
        return NULL;
    }
    sb_append(&s, ".");
    return sb_take(&s);
}

static void S_foot_line(doc_table *t, char *line)
{
    t->foot = xrealloc(t->foot, (t->nfoot + 1) * sizeof *t->foot);
    t->foot[t->nfoot++] = line;
}

doc_table *doc_table_new(const dataset *ds, const size_t *cols, size_t ncols)
{
    doc_table *t = xcalloc(1, sizeof *t);
    t->ncols = ncols;
    t->nrows = ds->nrows;
    t->cols = xcalloc(ncols ? ncols : 1, sizeof *t->cols);
    for (size_t j = 0; j < ncols; j++) {
        t->cols[j].heading = xstrdup(ds->cols[cols[j]].heading);
        t->cols[j].numeric = ds->cols[cols[j]].fmt != DFMT_TEXT;
    }
    t->cells = xcalloc(t->nrows * ncols > 0 ? t->nrows * ncols : 1, sizeof *t->cells);
    t->total = xcalloc(t->nrows ? t->nrows : 1, sizeof *t->total);
    for (size_t r = 0; r < t->nrows; r++) {
        t->total[r] = ds_row_is_total(ds, r);
        for (size_t j = 0; j < ncols; j++) {
            doc_cell *c = &t->cells[r * ncols + j];
            c->text = ds_display(ds, r, cols[j]);
            c->kind = ds_cell_const(ds, r, cols[j])->kind;
        }
    }
    char *key = S_shorthand_key(t, ds->notes, ds->nnotes, ds->suppressed_below);
    if (key)
        S_foot_line(t, key);
    for (size_t i = 0; i < ds->nnotes; i++)
        S_foot_line(t, S_printf("Note %zu: %s", i + 1, ds->notes[i]));
    return t;
}

/* A chart's numbers as a table (doc_node.data): no Total row (a chart
 * draws none), values as the chart labels them. */
static doc_table *S_chart_table(const chart *c)
{
    size_t ncats = chart_ncategories(c), nser = chart_nseries(c);
    doc_table *t = xcalloc(1, sizeof *t);
    t->ncols = 1 + nser;
    t->nrows = ncats;
    t->cols = xcalloc(t->ncols, sizeof *t->cols);
    t->cols[0].heading = xstrdup(chart_category_heading(c));
    for (size_t k = 0; k < nser; k++) {
        const char *name = chart_series_name(c, k);
        /* One unnamed series: headed by what the chart measures. */
        t->cols[1 + k].heading = xstrdup(*name ? name : chart_subtitle(c));
        t->cols[1 + k].numeric = true;
    }
    t->cells = xcalloc(ncats * t->ncols > 0 ? ncats * t->ncols : 1, sizeof *t->cells);
    t->total = xcalloc(ncats ? ncats : 1, sizeof *t->total);
    for (size_t i = 0; i < ncats; i++) {
        doc_cell *line = &t->cells[i * t->ncols];
        line[0].text = xstrdup(chart_category(c, i));
        line[0].kind = DC_TEXT;
        for (size_t k = 0; k < nser; k++) {
            char *text = NULL;
            switch (chart_value_text(c, k, i, &text)) {
            case CHART_CELL_VALUE:
                line[1 + k].kind = DC_NUM;
                break;
            case CHART_CELL_MISSING:
                line[1 + k].kind = DC_X;
                text = xstrdup("[x]");
                break;
            case CHART_CELL_LOW_BASE:
                line[1 + k].kind = DC_U;
                text = xstrdup("[u]");
                break;
            case CHART_CELL_SUPPRESSED:
                line[1 + k].kind = DC_C;
                text = xstrdup("[c]");
                break;
            }
            line[1 + k].text = text;
        }
    }
    char *key = S_shorthand_key(t, NULL, 0, chart_suppressed_below(c));
    if (key)
        S_foot_line(t, key);
    if (chart_grouping(c))  /* a chart of many categories draws only some */
        S_foot_line(t, xstrdup(chart_grouping(c)));
    return t;
}

/* ---- pruning, numbering, references, captions ----------------------- */

static bool S_prune(doc_node *n)
{
    /* A chapter or section with nothing left to show drops out (its
     * return's tables and charts were all left out). */
    bool content = false;
    for (size_t i = n->nkids; i-- > 0;) {
        doc_node *k = n->kids[i];
        if (k->type == DOC_CHAPTER || k->type == DOC_SECTION) {
            if (S_prune(k))
                content = true;
            else
                doc_node_remove(n, i);
        } else {
            content = true;
        }
    }
    return content;
}

/* Numbers: chapters 1, 2...; sections 6.1; subsections 6.1.1 (levels 2
 * and 3 of numbered chapters); tables and figures each in one sequence. */
typedef struct {
    int chap, sec, sub, tables, charts;
    const doc_node *chapter;
} S_counters;

static void S_number_node(doc_node *n, S_counters *k)
{
    char buf[64];
    switch (n->type) {
    case DOC_CHAPTER:
        k->chapter = n;
        k->sec = k->sub = 0;
        if (!n->unnumbered) {
            snprintf(buf, sizeof buf, "%d", ++k->chap);
            n->number = xstrdup(buf);
            n->label = S_printf("Chapter %s", n->number);
        }
        break;
    case DOC_SECTION:
        if (!k->chapter || k->chapter->unnumbered || n->level == 4)
            break;
        if (n->level == 2) {
            k->sub = 0;
            n->number = S_printf("%s.%d", k->chapter->number, ++k->sec);
        } else if (n->level == 3 && n->parent->type == DOC_SECTION) {
            n->number = S_printf("%s.%d", n->parent->number, ++k->sub);
        }
        break;
    case DOC_TABLE:
        n->seq = ++k->tables;
        n->label = S_printf("Table %d", n->seq);
        break;
    case DOC_CHART:
        n->seq = ++k->charts;
        n->label = S_printf("Figure %d", n->seq);
        break;
    case DOC_DOCUMENT:
    case DOC_PARAGRAPH:
    case DOC_LIST:
    case DOC_ITEM:
    case DOC_QUOTE:
        break;
    }
}

static void S_number(doc_node *root)
{
    S_counters k;
    memset(&k, 0, sizeof k);
    doc_iter it;
    doc_node *n;
    doc_event ev;
    doc_iter_init(&it, root);
    while ((ev = doc_iter_next(&it, &n)) != DOC_EV_DONE)
        if (ev == DOC_EV_ENTER)
            S_number_node(n, &k);
}

/* The report's charts and tables, sorted by kind and id, so that each
 * {{chart:}} or {{table:}} reference is found in log time however many the
 * template holds. */
typedef struct {
    doc_node **v;
    size_t n, cap;
} S_targets;

static int S_cmp_target(const void *a, const void *b)
{
    const doc_node *x = *(doc_node *const *)a, *y = *(doc_node *const *)b;
    if (x->type != y->type)
        return x->type < y->type ? -1 : 1;
    return strcmp(x->ref, y->ref);
}

static doc_node *S_find_ref(const S_targets *t, doc_type type, const char *id)
{
    if (t->n == 0)
        return NULL; /* bsearch must not be given a null array */
    doc_node key;
    memset(&key, 0, sizeof key);
    key.type = type;
    key.ref = (char *)id;
    doc_node *kp = &key;
    doc_node **hit = bsearch(&kp, t->v, t->n, sizeof *t->v, S_cmp_target);
    return hit ? *hit : NULL;
}

/* Messages about broken references, at most DOC_DIAG_MAX per file (as the
 * template reader caps its own), then one note of how many more. */
typedef struct {
    const char *file;
    size_t shown, hidden;
} S_ref_count;
typedef struct {
    S_ref_count *v;
    size_t n, cap;
} S_ref_counts;

static S_ref_count *S_count_of(S_ref_counts *c, const char *file)
{
    for (size_t i = 0; i < c->n; i++)
        if ((c->v[i].file == file) || (c->v[i].file && file && strcmp(c->v[i].file, file) == 0))
            return &c->v[i];
    XGROW(c->v, c->cap, c->n + 1);
    c->v[c->n] = (S_ref_count){file, 0, 0};
    return &c->v[c->n++];
}

static void S_resolve_run(const S_targets *t, doc_node *para, doc_run *r, S_ref_counts *rc,
                          diag_list *dl)
{
    bool is_chart = strncmp(r->text, "chart:", 6) == 0;
    const char *id = r->text + 6;
    doc_node *target = S_find_ref(t, is_chart ? DOC_CHART : DOC_TABLE, id);
    char *text;
    if (!target) {
        S_ref_count *k = S_count_of(rc, para->file);
        if (k->shown < DOC_DIAG_MAX) {
            k->shown++;
            diag_add(dl, DIAG_ERROR, para->file, para->line, NULL, r->text,
                     "{{%s}} refers to a %s that is not in the report (place it with "
                     "```%s %s```, or put this text under the same condition)",
                     r->text, is_chart ? "chart" : "table", is_chart ? "chart" : "table", id);
        } else {
            k->hidden++;
        }
        text = xstrdup(is_chart ? "Figure ?" : "Table ?");
    } else {
        text = xstrdup(target->label);
    }
    free(r->text);
    r->text = text;
    r->len = strlen(text);
    r->cap = r->len + 1;
    r->flags &= ~(unsigned)DOC_RUN_REF;
}

static void S_resolve_refs(doc_node *root, diag_list *dl)
{
    doc_iter it;
    doc_node *n;
    doc_event ev;
    S_targets t = {NULL, 0, 0};
    doc_iter_init(&it, root);
    while ((ev = doc_iter_next(&it, &n)) != DOC_EV_DONE)
        if (ev == DOC_EV_ENTER && (n->type == DOC_CHART || n->type == DOC_TABLE) && n->ref) {
            XGROW(t.v, t.cap, t.n + 1);
            t.v[t.n++] = n;
        }
    if (t.n)
        qsort(t.v, t.n, sizeof *t.v, S_cmp_target);
    S_ref_counts rc = {NULL, 0, 0};
    doc_iter_init(&it, root);
    while ((ev = doc_iter_next(&it, &n)) != DOC_EV_DONE) {
        if (ev != DOC_EV_ENTER || n->type != DOC_PARAGRAPH)
            continue;
        for (size_t i = 0; i < n->nruns; i++)
            if (n->runs[i].flags & DOC_RUN_REF)
                S_resolve_run(&t, n, &n->runs[i], &rc, dl);
    }
    for (size_t i = 0; i < rc.n; i++)
        if (rc.v[i].hidden)
            diag_add(dl, DIAG_NOTE, rc.v[i].file, 0, NULL, NULL,
                     "%zu further errors in this file not shown", rc.v[i].hidden);
    free(rc.v);
    free(t.v);
}

/* "Table 3: <caption>", its continuation, "Source: ...", and for a chart
 * the description printed under it and its numbers as a table. */
static void S_captions(doc_node *root)
{
    doc_iter it;
    doc_node *n;
    doc_event ev;
    doc_iter_init(&it, root);
    while ((ev = doc_iter_next(&it, &n)) != DOC_EV_DONE) {
        if (ev != DOC_EV_ENTER || (n->type != DOC_TABLE && n->type != DOC_CHART))
            continue;
        const char *cap = n->caption ? n->caption : "";
        n->heading = S_printf("%s: %s", n->label, cap);
        n->heading_continued = S_printf("%s: %s (continued)", n->label, cap);
        n->source_line = S_printf("Source: %s", n->source ? n->source : "");
        if (n->type == DOC_CHART) {
            n->description = S_printf("Chart description: %s", chart_alt_text(n->chart));
            n->data = S_chart_table(n->chart);
        }
    }
}

/* ---- what a screen reader needs ------------------------------------- */

static bool S_blank(const char *s)
{
    for (; s && *s; s++)
        if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
            return false;
    return true;
}

annrep_status doc_check_accessible(const doc_node *root, diag_list *dl)
{
    size_t before = dl->nerrors;
    doc_iter it;
    doc_node *n;
    doc_event ev;
    doc_iter_init(&it, (doc_node *)root);
    while ((ev = doc_iter_next(&it, &n)) != DOC_EV_DONE) {
        if (ev != DOC_EV_ENTER)
            continue;
        if (n->type == DOC_CHART && (!n->chart || S_blank(chart_alt_text(n->chart))))
            diag_add(dl, DIAG_ERROR, n->file, n->line, NULL, n->ref,
                     "chart '%s' has no text alternative: a reader who cannot see it would "
                     "get nothing (expected a chart with data to describe)",
                     n->ref ? n->ref : "");
        if (n->type != DOC_TABLE)
            continue;
        const doc_table *t = n->table;
        size_t unnamed = 0;
        for (size_t j = 0; t && j < t->ncols; j++)
            unnamed += S_blank(t->cols[j].heading);
        if (!t || t->ncols == 0 || unnamed > 0)
            diag_add(dl, DIAG_ERROR, n->file, n->line, NULL, n->ref,
                     "table '%s' has no header row%s: a screen reader could not say what "
                     "its cells are (expected a heading for every column)",
                     n->ref ? n->ref : "", t && t->ncols ? " (a column without a heading)" : "");
    }
    return dl->nerrors > before ? ANNREP_ERR_INPUT : ANNREP_OK;
}

void doc_finish(doc_node *root, diag_list *dl)
{
    S_prune(root);
    S_number(root);
    S_resolve_refs(root, dl);
    S_captions(root);
    S_keywords(root);
    doc_check_accessible(root, dl);
}
