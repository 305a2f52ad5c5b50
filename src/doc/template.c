/* template.c - reading a report template (a folder of Markdown files) into
 * the document tree; see doc.h and README.md "Report templates".
 *
 * This file handles files, blocks, headings, fenced blocks and directives;
 * template_inline.c handles placeholders and conditions.  Knows the names of
 * charts (chart.h) and tables (DATASETS.md) but nothing about how any writer
 * lays them out. */
#include "template_internal.h"

#include "../util/alloc.h"
#include "../util/fileio.h"
#include "../util/paths.h"
#include "../util/strbuf.h"
#include "../util/text.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_IF_DEPTH 32

typedef struct {
    int line;
    bool parent_active;
    bool value;
    bool in_else;
} if_frame;

static void S_read_file(tpl_builder *b, const char *path, bool narrative);

/* ---- helpers -------------------------------------------------------- */

static void S_split_lines(tpl_builder *b, const char *text)
{
    b->lines = NULL;
    b->nlines = 0;
    size_t cap = 0;
    const char *s = text;
    for (;;) {
        const char *nl = strchr(s, '\n');
        size_t n = nl ? (size_t)(nl - s) : strlen(s);
        if (!nl && n == 0)
            break;
        XGROW(b->lines, cap, b->nlines + 1);
        b->lines[b->nlines++] = xstrndup(s, n);
        if (!nl)
            break;
        s = nl + 1;
    }
}

static void S_free_lines(tpl_builder *b)
{
    for (size_t i = 0; i < b->nlines; i++)
        free(b->lines[i]);
    free(b->lines);
    b->lines = NULL;
    b->nlines = 0;
}

static doc_node *S_container(tpl_builder *b)
{
    for (int l = 4; l >= 1; l--)
        if (b->open[l])
            return b->open[l];
    return NULL;
}

/* Drop the innermost open chapter or section (its return is absent) and
 * skip everything up to the next heading of the same or a higher level. */
static void S_drop_current(tpl_builder *b)
{
    int level = 0;
    for (int l = 4; l >= 1 && !level; l--)
        if (b->open[l])
            level = l;
    if (!level)
        return;
    doc_node *n = b->open[level];
    doc_node *parent = n->parent;
    for (size_t i = parent->nkids; i-- > 0;)
        if (parent->kids[i] == n) {
            doc_node_remove(parent, i);
            break;
        }
    for (int l = level; l <= 4; l++)
        b->open[l] = NULL;
    b->skip_level = level;
}

static bool S_is_comment(const char *html)
{
    while (*html == ' ' || *html == '\t')
        html++;
    return strncmp(html, "<!--", 4) == 0;
}

/* "key: value" option lines in a fenced block's body.  Returns false after
 * an error. */
static bool S_options(tpl_builder *b, cmark_node *fence, const char *const *allowed,
                      char **values)
{
    const char *body = cmark_node_get_literal(fence);
    int line = cmark_node_get_start_line(fence) + 1;
    bool ok = true;
    for (const char *s = body ? body : ""; *s; line++) {
        const char *nl = strchr(s, '\n');
        size_t n = nl ? (size_t)(nl - s) : strlen(s);
        char *l = xstrndup(s, n);
        char *t = text_trim(l);
        free(l);
        if (*t) {
            char *colon = strchr(t, ':');
            bool known = false;
            if (colon) {
                *colon = '\0';
                char *k = text_trim(t), *v = text_trim(colon + 1);
                for (size_t i = 0; allowed[i]; i++)
                    if (strcmp(allowed[i], k) == 0) {
                        free(values[i]);
                        values[i] = v;
                        v = NULL;
                        known = true;
                    }
                free(k);
                free(v);
                *colon = ':';
            }
            if (!known) {
                strbuf exp = STRBUF_INIT;
                for (size_t i = 0; allowed[i]; i++)
                    sb_appendf(&exp, "%s'%s: ...'", i ? " or " : "", allowed[i]);
                tpl_diag(b, DIAG_ERROR, line, 0, t, "unknown option in fenced block (expected %s)",
                         exp.len ? sb_cstr(&exp) : "nothing");
                sb_free(&exp);
                ok = false;
            }
        }
        free(t);
        s = nl ? nl + 1 : s + n;
    }
    return ok;
}

/* ---- fenced blocks -------------------------------------------------- */

static void S_chart_block(tpl_builder *b, cmark_node *fence, const char *id, doc_node *parent)
{
    int line = cmark_node_get_start_line(fence);
    if (!registry_by_chart(id)) {
        char *known = registry_chart_ids();
        tpl_diag(b, DIAG_ERROR, line, 0, id, "unknown chart '%s' (known charts: %s)", id,
                 known);
        free(known);
        return;
    }
    static const char *const allowed[] = {"title", NULL};
    char *opt[1] = {NULL};
    if (!S_options(b, fence, allowed, opt)) {
        free(opt[0]);
        return;
    }
    chart *c = chart_build(id, b->dsl, &b->p->cfg);
    if (!c) {  /* its return is absent this year: the chart drops out */
        free(opt[0]);
        return;
    }
    doc_node *n = doc_node_new(DOC_CHART, b->file, line);
    n->ref = xstrdup(id);
    n->chart = c;
    n->caption = opt[0] ? opt[0] : xstrdup(chart_title(c));
    const char *src = chart_source(c);
    if (src && strncmp(src, "Source: ", 8) == 0)
        src += 8;
    n->source = xstrdup(src ? src : "");
    doc_node_append(parent, n);
}

static void S_table_block(tpl_builder *b, cmark_node *fence, const char *id, doc_node *parent)
{
    int line = cmark_node_get_start_line(fence);
    const return_def *def = registry_by_dataset(id);
    if (!def) {
        char *known = registry_dataset_ids();
        tpl_diag(b, DIAG_ERROR, line, 0, id, "unknown table '%s' (known tables: %s)", id, known);
        free(known);
        return;
    }
    static const char *const allowed[] = {"title", "columns", NULL};
    char *opt[2] = {NULL, NULL};
    if (!S_options(b, fence, allowed, opt))
        goto out;
    const dataset *ds = dsl_find(b->dsl, id);
    if (!ds) {
        if (project_table(b->p, 0, def->id))
            tpl_diag(b, DIAG_WARNING, line, 0, id,
                     "table '%s' was not computed from this year's returns; left out", id);
        goto out;
    }
    doc_node *n = doc_node_new(DOC_TABLE, b->file, line);
    n->ref = xstrdup(id);
    n->ds = ds;
    n->caption = opt[0] ? xstrdup(opt[0]) : xstrdup(ds->title);
    n->source = xstrdup(ds_source_text(ds));
    if (opt[1]) {
        /* columns: 1, 3, 4 (1-based, as a reader counts them). */
        size_t cap = 0;
        const char *s = opt[1];
        bool ok = true;
        while (*s && ok) {
            char *end;
            long v = strtol(s, &end, 10);
            if (end == s || v < 1 || (size_t)v > ds->ncols) {
                tpl_diag(b, DIAG_ERROR, line + 1, 0, opt[1],
                         "columns: expected column numbers from 1 to %zu, separated by commas",
                         ds->ncols);
                ok = false;
                break;
            }
            XGROW(n->cols, cap, n->ncols + 1);
            n->cols[n->ncols++] = (size_t)(v - 1);
            while (*end == ' ' || *end == ',')
                end++;
            s = end;
        }
        if (!ok) {
            doc_free(n);
            goto out;
        }
    } else {
        n->cols = xmalloc((ds->ncols ? ds->ncols : 1) * sizeof *n->cols);
        for (size_t i = 0; i < ds->ncols; i++)
            n->cols[i] = i;
        n->ncols = ds->ncols;
    }
    n->table = doc_table_new(ds, n->cols, n->ncols);
    doc_node_append(parent, n);
out:
    free(opt[0]);
    free(opt[1]);
}

static void S_narrative_block(tpl_builder *b, cmark_node *fence, const char *name)
{
    int line = cmark_node_get_start_line(fence);
    if (b->in_narrative) {
        tpl_diag(b, DIAG_ERROR, line, 0, name, "a narrative file cannot include another one");
        return;
    }
    if (!*name || strchr(name, '/') || strchr(name, '\\') || name[0] == '.') {
        tpl_diag(b, DIAG_ERROR, line, 0, name,
                 "expected the name of a file in the project's narrative/ folder, e.g. "
                 "```narrative foreword.md```");
        return;
    }
    char *path = b->p->narrative_dir ? paths_join(b->p->narrative_dir, name) : NULL;
    /* Absent means not written; anything else that is there is read, and
     * reading says why it cannot be (a folder, a pipe, no permission). */
    if (!path || fileio_probe(path, NULL) == FILEIO_KIND_ABSENT) {
        tpl_diag(b, DIAG_NOTE, line, 0, name,
                 "narrative/%s not found in the project; that text is left out", name);
        free(path);
        return;
    }
    if (tpl_narrative_state(b, name) == TPL_NARR_PLACEHOLDER) {
        tpl_diag(b, DIAG_NOTE, line, 0, name,
                 "narrative/%s holds only comments (a placeholder): that text is left out "
                 "until it is written", name);
        free(path);
        return;
    }
    /* heading: title -- the narrative's own first heading, when the file
     * starts with one, is the title of the part that holds the block. */
    static const char *const allowed[] = {"heading", NULL};
    char *opt[1] = {NULL};
    bool ok = S_options(b, fence, allowed, opt);
    if (ok && opt[0] && strcmp(opt[0], "title") != 0) {
        tpl_diag(b, DIAG_ERROR, line + 1, 0, opt[0],
                 "heading: expected 'title' (the narrative's first heading becomes the "
                 "title of the chapter or section that holds it)");
        ok = false;
    }
    bool titles = ok && opt[0];
    free(opt[0]);
    if (!ok) {
        free(path);
        return;
    }
    /* The narrative continues the current chapter; afterwards the template
     * carries on where it was, whatever sections the narrative opened. */
    doc_node *saved[5];
    memcpy(saved, b->open, sizeof saved);
    const char *saved_file = b->file;
    char **saved_lines = b->lines;
    size_t saved_n = b->nlines;
    b->in_narrative = true;
    b->narrative_titles = titles;
    S_read_file(b, path, true);
    b->in_narrative = false;
    b->narrative_titles = false;
    b->file = saved_file;
    b->lines = saved_lines;
    b->nlines = saved_n;
    memcpy(b->open, saved, sizeof saved);
    b->skip_level = 0;
    free(path);
}

static void S_fence(tpl_builder *b, cmark_node *fence, doc_node *parent)
{
    int line = cmark_node_get_start_line(fence);
    const char *info = cmark_node_get_fence_info(fence);
    char *kind = NULL, *arg = NULL;
    if (info) {
        char *t = text_trim(info);
        char *sp = strpbrk(t, " \t");
        if (sp) {
            kind = xstrndup(t, (size_t)(sp - t));
            arg = text_trim(sp);
        } else {
            kind = xstrdup(t);
            arg = xstrdup("");
        }
        free(t);
    }
    bool top = parent->type == DOC_CHAPTER || parent->type == DOC_SECTION;
    if (!kind || (strcmp(kind, "chart") != 0 && strcmp(kind, "table") != 0 &&
                  strcmp(kind, "narrative") != 0)) {
        tpl_diag(b, DIAG_ERROR, line, 0, info && *info ? info : NULL,
                 "a fenced block must name a chart, a table or a narrative file: "
                 "```chart lado_outcomes```, ```table lado_quarter``` or "
                 "```narrative foreword.md```");
    } else if (!*arg || strpbrk(arg, " \t")) {
        tpl_diag(b, DIAG_ERROR, line, 0, info, "```%s``` needs exactly one name after it", kind);
    } else if (!top) {
        tpl_diag(b, DIAG_ERROR, line, 0, info,
                 "```%s``` blocks go at the top level of a chapter or section, not inside a "
                 "list or quote", kind);
    } else if (strcmp(kind, "chart") == 0) {
        S_chart_block(b, fence, arg, parent);
    } else if (strcmp(kind, "table") == 0) {
        S_table_block(b, fence, arg, parent);
    } else {
        S_narrative_block(b, fence, arg);
    }
    free(kind);
    free(arg);
}

/* ---- blocks --------------------------------------------------------- */

static void S_block(tpl_builder *b, cmark_node *n, doc_node *parent)
{
    int line = cmark_node_get_start_line(n);
    switch (cmark_node_get_type(n)) {
    case CMARK_NODE_PARAGRAPH: {
        doc_node *para = doc_node_new(DOC_PARAGRAPH, b->file, line);
        tpl_inlines(b, n, para, line);
        if (para->nruns)
            doc_node_append(parent, para);
        else
            doc_free(para);
        break;
    }
    case CMARK_NODE_LIST: {
        bool ordered = cmark_node_get_list_type(n) == CMARK_ORDERED_LIST;
        /* A list straight after a list continues it: that is how items
         * between <!-- if --> and <!-- end --> join the list around them. */
        doc_node *last = parent->nkids ? parent->kids[parent->nkids - 1] : NULL;
        bool join = last && last->type == DOC_LIST && last->ordered == ordered;
        doc_node *list = join ? last : doc_node_new(DOC_LIST, b->file, line);
        if (!join) {
            list->ordered = ordered;
            list->start = cmark_node_get_list_start(n);
        }
        for (cmark_node *it = cmark_node_first_child(n); it; it = cmark_node_next(it)) {
            doc_node *item = doc_node_new(DOC_ITEM, b->file, cmark_node_get_start_line(it));
            for (cmark_node *c = cmark_node_first_child(it); c; c = cmark_node_next(c))
                S_block(b, c, item);
            doc_node_append(list, item);
        }
        if (!join)
            doc_node_append(parent, list);
        break;
    }
    case CMARK_NODE_BLOCK_QUOTE: {
        doc_node *q = doc_node_new(DOC_QUOTE, b->file, line);
        for (cmark_node *c = cmark_node_first_child(n); c; c = cmark_node_next(c))
            S_block(b, c, q);
        doc_node_append(parent, q);
        break;
    }
    case CMARK_NODE_CODE_BLOCK:
        S_fence(b, n, parent);
        break;
    case CMARK_NODE_HTML_BLOCK: {
        char *name = NULL, *arg = NULL;
        if (tpl_directive(cmark_node_get_literal(n), &name, &arg))
            tpl_diag(b, DIAG_ERROR, line, 0, name,
                     "directives go at the top level of the file, not inside a list or quote");
        else if (!S_is_comment(cmark_node_get_literal(n)))
            tpl_diag(b, DIAG_WARNING, line, 0, NULL, "raw HTML is not shown in the report");
        free(name);
        free(arg);
        break;
    }
    case CMARK_NODE_HEADING:
        tpl_diag(b, DIAG_ERROR, line, 0, NULL,
                 "headings cannot go inside a list or quote");
        break;
    default:  /* thematic breaks: the layout decides spacing */
        break;
    }
}

/* The text of heading n (placeholders filled), with an error for any
 * chart or table reference in it.  Caller frees. */
static char *S_heading_title(tpl_builder *b, cmark_node *n, int line)
{
    doc_node *tmp = doc_node_new(DOC_PARAGRAPH, b->file, line);
    tpl_inlines(b, n, tmp, line);
    for (size_t i = 0; i < tmp->nruns; i++)
        if (tmp->runs[i].flags & DOC_RUN_REF)
            tpl_diag(b, DIAG_ERROR, line, 0, tmp->runs[i].text,
                     "chart and table references cannot be used in headings");
    char *title = doc_paragraph_text(tmp);
    doc_free(tmp);
    return title;
}

static void S_heading(tpl_builder *b, cmark_node *n, bool unnumbered)
{
    int line = cmark_node_get_start_line(n);
    int level = cmark_node_get_heading_level(n);
    char *title = S_heading_title(b, n, line);

    if (level == 1 && b->in_narrative) {
        tpl_diag(b, DIAG_ERROR, line, 0, title,
                 "a narrative file continues a chapter of the template: use '##' for its "
                 "sections, not '#'");
        free(title);
        return;
    }
    if (level > 4)
        level = 4;
    doc_node *parent = NULL;
    if (level == 1) {
        parent = b->root;
    } else {
        for (int l = level - 1; l >= 1 && !parent; l--)
            parent = b->open[l];
        if (!parent) {
            tpl_diag(b, DIAG_ERROR, line, 0, title,
                     "a section heading before the file's first '#' chapter heading");
            free(title);
            return;
        }
    }
    doc_node *h = doc_node_new(level == 1 ? DOC_CHAPTER : DOC_SECTION, b->file, line);
    h->title = title;
    h->level = level;
    h->unnumbered = unnumbered;
    doc_node_append(parent, h);
    b->open[level] = h;
    for (int l = level + 1; l <= 4; l++)
        b->open[l] = NULL;
}

/* A narrative's first heading as the title of the chapter or section that
 * holds its block (```narrative foreword.md``` with "heading: title"): the
 * author's "## Foreword from the Independent Scrutineer" replaces the
 * template's "# Foreword".  Any level will do, '#' included. */
static void S_retitle(tpl_builder *b, cmark_node *n)
{
    int line = cmark_node_get_start_line(n);
    char *title = S_heading_title(b, n, line);
    doc_node *h = S_container(b);
    if (!h || !*title) {
        free(title);
        return;
    }
    free(h->title);
    h->title = title;
}

/* ---- files ---------------------------------------------------------- */

static bool S_active(const if_frame *st, int depth)
{
    if (depth == 0)
        return true;
    const if_frame *f = &st[depth - 1];
    return f->parent_active && (f->in_else ? !f->value : f->value);
}

/* The state of reading one file's top-level blocks. */
typedef struct {
    if_frame st[MAX_IF_DEPTH];
    int depth;
    bool narrative;
    bool heading_seen;
    bool pending_unnumbered;  /* <!-- unnumbered --> before the chapter heading */
    bool stop;                /* <!-- requires --> before any heading was false */
} S_file;

/* The file's text, checked to be UTF-8, its lines kept for column lookup.
 * NULL (an error in dl) when it cannot be read or is not UTF-8. */
static char *S_load_text(tpl_builder *b, const char *path, size_t *len)
{
    char *text = NULL, *why = NULL;
    fileio_status fr = fileio_read(path, TPL_FILE_MAX, &text, len, &why);
    b->file = path;
    b->lines = NULL;
    b->nlines = 0;
    if (fr != FILEIO_OK) {
        tpl_diag(b, DIAG_ERROR, 0, 0, NULL, "%s: expected a Markdown text file%s",
                 why ? why : "is not there", fr == FILEIO_TOO_BIG ? " of a report's size" : "");
        free(why);
        return NULL;
    }
    if (!text_is_utf8(text, *len)) {
        tpl_diag(b, DIAG_ERROR, 0, 0, NULL, "not valid UTF-8 text; save it as UTF-8");
        free(text);
        return NULL;
    }
    S_split_lines(b, text);
    return text;
}

/* <!-- else --> and <!-- end -->. */
static void S_else_end(tpl_builder *b, S_file *f, const char *name, const char *arg, int line)
{
    if (*arg)
        tpl_diag(b, DIAG_ERROR, line, 0, arg, "'%s' takes no condition", name);
    if (f->depth == 0)
        tpl_diag(b, DIAG_ERROR, line, 0, NULL,
                 "<!-- %s --> without an <!-- if: ... --> before it", name);
    else if (name[1] == 'n')
        f->depth--;
    else if (f->st[f->depth - 1].in_else)
        tpl_diag(b, DIAG_ERROR, line, 0, NULL,
                 "second <!-- else --> for the <!-- if --> on line %d", f->st[f->depth - 1].line);
    else
        f->st[f->depth - 1].in_else = true;
}

/* One directive comment at the top level of the file. */
static void S_directive(tpl_builder *b, S_file *f, const char *name, const char *arg, int line)
{
    bool active = S_active(f->st, f->depth) && !b->skip_level;
    if (strcmp(name, "if") == 0) {
        if (f->depth == MAX_IF_DEPTH) {
            tpl_diag(b, DIAG_ERROR, line, 0, NULL, "'if' nested too deeply");
        } else {
            bool v = false;
            if (active)
                tpl_condition(b, arg, line, &v);
            f->st[f->depth++] = (if_frame){line, active, v, false};
        }
    } else if (strcmp(name, "else") == 0 || strcmp(name, "end") == 0) {
        S_else_end(b, f, name, arg, line);
    } else if (strcmp(name, "requires") == 0) {
        bool v = true;
        if (active && tpl_condition(b, arg, line, &v) != ANNREP_OK)
            v = true;  /* a broken condition is reported; the part stays */
        if (!v) {
            if (!f->heading_seen)
                f->stop = true;  /* before the first heading: the whole file */
            else
                S_drop_current(b);
        }
    } else if (strcmp(name, "unnumbered") == 0 && active) {
        if (f->narrative)
            tpl_diag(b, DIAG_ERROR, line, 0, NULL,
                     "'unnumbered' belongs in the template, not a narrative file");
        else if (f->heading_seen && b->open[1])
            b->open[1]->unnumbered = true;
        else
            f->pending_unnumbered = true;
    }
}

/* An HTML block at the top level: a directive, a comment, or raw HTML. */
static void S_html_block(tpl_builder *b, S_file *f, cmark_node *n, int line)
{
    char *name = NULL, *arg = NULL;
    const char *html = cmark_node_get_literal(n);
    if (!tpl_directive(html, &name, &arg)) {
        if (!S_is_comment(html))
            tpl_diag(b, DIAG_WARNING, line, 0, NULL, "raw HTML is not shown in the report");
        else if (!strstr(html, "-->"))
            tpl_diag(b, DIAG_WARNING, line, 0, NULL,
                     "a comment opened with <!-- is never closed with -->: everything after "
                     "it is left out of the report");
        return;
    }
    S_directive(b, f, name, arg, line);
    free(name);
    free(arg);
}

/* One top-level block that is not a directive. */
static void S_top_block(tpl_builder *b, S_file *f, cmark_node *n, int line)
{
    if (!S_active(f->st, f->depth))
        return;
    if (cmark_node_get_type(n) == CMARK_NODE_HEADING && b->narrative_titles) {
        b->narrative_titles = false;
        S_retitle(b, n);
        return;
    }
    b->narrative_titles = false; /* the file did not start with a heading */
    if (cmark_node_get_type(n) == CMARK_NODE_HEADING) {
        int level = cmark_node_get_heading_level(n);
        if (b->skip_level && level > b->skip_level)
            return;
        b->skip_level = 0;
        S_heading(b, n, level == 1 && f->pending_unnumbered);
        if (level == 1)
            f->pending_unnumbered = false;
        f->heading_seen = true;
        return;
    }
    if (b->skip_level)
        return;
    doc_node *parent = S_container(b);
    if (!parent) {
        tpl_diag(b, DIAG_ERROR, line, 0, NULL, "text before the file's first '#' chapter heading");
        return;
    }
    S_block(b, n, parent);
}

/* ---- nesting ---------------------------------------------------------- */

/* Containers a line opens by its markers alone: '>' and list markers
 * ("-", "+", "*", "1.", "1)") at its start, each followed by a space. */
static size_t S_line_markers(const char *s, size_t n)
{
    size_t i = 0, k = 0;
    for (;;) {
        while (i < n && (s[i] == ' ' || s[i] == '\t'))
            i++;
        if (i < n && s[i] == '>') {
            i++;
            k++;
            continue;
        }
        size_t j = i;
        if (j < n && (s[j] == '-' || s[j] == '+' || s[j] == '*')) {
            j++;
        } else {
            while (j < n && j - i < 9 && s[j] >= '0' && s[j] <= '9')
                j++;
            if (j == i || j >= n || (s[j] != '.' && s[j] != ')'))
                return k;
            j++;
        }
        if (j < n && s[j] != ' ' && s[j] != '\t')
            return k;
        i = j;
        k++;
    }
}

/* Before cmark sees the text, refuse what would make its tree far larger
 * than the text or its parser recurse deeply: a line whose markers alone
 * open more than TPL_NEST_SCAN lists and quotes, or more than
 * TPL_MARKUP_MAX emphasis, code and link characters in the file (cmark
 * makes a node of each; ordinary prose has a few hundred).  Returns true,
 * or false after an error. */
static bool S_prescan(tpl_builder *b, const char *text, size_t len)
{
    int line = 1;
    size_t markup = 0;
    for (size_t a = 0; a < len; line++) {
        const char *nl = memchr(text + a, '\n', len - a);
        size_t e = nl ? (size_t)(nl - text) : len;
        if (S_line_markers(text + a, e - a) > TPL_NEST_SCAN) {
            tpl_diag(b, DIAG_ERROR, line, 0, NULL,
                     "lists and quotes nested more than %d deep on one line: expected at most "
                     "%d levels (the file is left out)", TPL_NEST_SCAN, TPL_NEST_MAX);
            return false;
        }
        for (size_t i = a; i < e; i++)
            markup += text[i] == '*' || text[i] == '_' || text[i] == '[' || text[i] == ']' ||
                      text[i] == '`';
        if (markup > TPL_MARKUP_MAX) {
            tpl_diag(b, DIAG_ERROR, line, 0, NULL,
                     "more than %d characters of Markdown markup (* _ [ ] `) by this line: "
                     "expected a report's prose (the file is left out)", TPL_MARKUP_MAX);
            return false;
        }
        a = e + 1;
    }
    return true;
}

/* After cmark: the deepest nesting of lists and quotes, and of emphasis
 * and links, counted with cmark's iterator (no recursion).  Everything
 * that reads the tree afterwards recurses, so a file nested deeper than
 * TPL_NEST_MAX is refused at the line where it gets too deep. */
static bool S_nesting_ok(tpl_builder *b, cmark_node *md)
{
    int blocks = 0, inlines = 0;
    bool ok = true;
    cmark_iter *it = cmark_iter_new(md);
    cmark_event_type ev;
    while (ok && (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        cmark_node *n = cmark_iter_get_node(it);
        cmark_node_type t = cmark_node_get_type(n);
        bool block = t == CMARK_NODE_LIST || t == CMARK_NODE_BLOCK_QUOTE;
        bool inl = t == CMARK_NODE_EMPH || t == CMARK_NODE_STRONG || t == CMARK_NODE_LINK ||
                   t == CMARK_NODE_IMAGE;
        if (!block && !inl)
            continue;
        int *d = block ? &blocks : &inlines;
        if (ev == CMARK_EVENT_EXIT) {
            (*d)--;
            continue;
        }
        if (++*d <= TPL_NEST_MAX)
            continue;
        int line = cmark_node_get_start_line(n);
        if (line < 1) /* inline nodes carry no line of their own */
            for (cmark_node *p = n; p && line < 1; p = cmark_node_parent(p))
                line = cmark_node_get_start_line(p);
        tpl_diag(b, DIAG_ERROR, line, 0, NULL,
                 block ? "lists and quotes nested more than %d deep: expected at most %d "
                         "levels (the file is left out)"
                       : "emphasis and links nested more than %d deep: expected at most %d "
                         "levels (the file is left out)",
                 TPL_NEST_MAX, TPL_NEST_MAX);
        ok = false;
    }
    cmark_iter_free(it);
    return ok;
}

static void S_read_file_text(tpl_builder *b, const char *path, bool narrative)
{
    size_t len = 0;
    char *text = S_load_text(b, path, &len);
    if (!text)
        return;
    if (!S_prescan(b, text, len)) {
        free(text);
        S_free_lines(b);
        return;
    }
    cmark_node *md = cmark_parse_document(text, len, CMARK_OPT_SMART);
    if (!S_nesting_ok(b, md)) {
        cmark_node_free(md);
        free(text);
        S_free_lines(b);
        return;
    }
    cmark_consolidate_text_nodes(md);
    S_file f;
    memset(&f, 0, sizeof f);
    f.narrative = narrative;
    for (cmark_node *n = cmark_node_first_child(md); n && !f.stop; n = cmark_node_next(n)) {
        int line = cmark_node_get_start_line(n);
        if (cmark_node_get_type(n) == CMARK_NODE_HTML_BLOCK)
            S_html_block(b, &f, n, line);
        else
            S_top_block(b, &f, n, line);
    }
    if (f.stop)
        f.depth = 0;
    for (int i = 0; i < f.depth; i++)
        tpl_diag(b, DIAG_ERROR, f.st[i].line, 0, NULL,
                 "<!-- if: ... --> is never closed with <!-- end -->");
    cmark_node_free(md);
    free(text);
    S_free_lines(b);
    if (!narrative)
        b->skip_level = 0;
}

/* One file, its messages capped at TPL_DIAG_MAX of each kind; a narrative
 * it includes has a count of its own. */
static void S_read_file(tpl_builder *b, const char *path, bool narrative)
{
    size_t shown[3], hidden[3];
    memcpy(shown, b->nshown, sizeof shown);
    memcpy(hidden, b->nhidden, sizeof hidden);
    memset(b->nshown, 0, sizeof b->nshown);
    memset(b->nhidden, 0, sizeof b->nhidden);
    S_read_file_text(b, path, narrative);
    static const char *const kinds[3] = {"notes", "warnings", "errors"};
    for (int sev = DIAG_ERROR; sev >= DIAG_NOTE; sev--)
        if (b->nhidden[sev])
            diag_add(b->dl, DIAG_NOTE, path, 0, NULL, NULL,
                     "%zu further %s in this file not shown", b->nhidden[sev], kinds[sev]);
    memcpy(b->nshown, shown, sizeof shown);
    memcpy(b->nhidden, hidden, sizeof hidden);
}

/* ---- entry point ---------------------------------------------------- */

static int S_cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

annrep_status doc_build(const char *template_dir, const project *p, const figstore *fs,
                        const dataset_list *dsl, diag_list *dl, doc_node **out)
{
    *out = NULL;
    size_t errors_before = dl->nerrors;
    tpl_builder b;
    memset(&b, 0, sizeof b);
    b.p = p;
    b.fs = fs;
    b.dsl = dsl;
    b.dl = dl;
    b.area_slug = text_slug(p->cfg.area ? p->cfg.area : "");
    const figure *ct = fig_find(fs, "crime.total_type"), *ca = fig_find(fs, "crime.comparison_area");
    b.total_slug = ct && ct->available ? text_slug(ct->display) : NULL;
    b.comparison_slug = ca && ca->available ? text_slug(ca->display) : NULL;
    b.root = doc_node_new(DOC_DOCUMENT, template_dir, 0);
    char *logo = p->cfg.logo && *p->cfg.logo ? paths_join(p->dir, p->cfg.logo) : NULL;
    b.root->meta = doc_meta_new(p, logo);
    free(logo);

    char *why = NULL;
    fileio_kind tk = fileio_probe(template_dir, &why);
    DIR *d = tk == FILEIO_KIND_DIR ? opendir(template_dir) : NULL;
    if (!d) {
        diag_add(dl, DIAG_ERROR, template_dir, 0, NULL, NULL,
                 "cannot open the report template folder: %s",
                 tk == FILEIO_KIND_DIR ? strerror(errno)
                 : tk == FILEIO_KIND_FILE ? "it is a file, not a folder"
                 : why ? why : "no such folder");
    } else {
        char **names = NULL;
        size_t n = 0, cap = 0;
        struct dirent *e;
        while ((e = readdir(d)) != NULL) {
            size_t l = strlen(e->d_name);
            if (e->d_name[0] == '.' || l < 4 || strcmp(e->d_name + l - 3, ".md") != 0)
                continue;
            XGROW(names, cap, n + 1);
            names[n++] = xstrdup(e->d_name);
        }
        closedir(d);
        /* File-name order is the chapter order: 00-foreword.md, 10-lado.md... */
        if (n)
            qsort(names, n, sizeof *names, S_cmp_names);
        else
            diag_add(dl, DIAG_ERROR, template_dir, 0, NULL, NULL,
                     "the report template folder has no .md files");
        for (size_t i = 0; i < n; i++) {
            char *path = paths_join(template_dir, names[i]);
            memset(b.open, 0, sizeof b.open);
            S_read_file(&b, path, false);
            free(path);
            free(names[i]);
        }
        free(names);
    }
    free(why);
    b.file = NULL;
    doc_finish(b.root, dl);
    free(b.area_slug);
    free(b.total_slug);
    free(b.comparison_slug);
    if (dl->nerrors > errors_before) {
        doc_free(b.root);
        return ANNREP_ERR_INPUT;
    }
    *out = b.root;
    return ANNREP_OK;
}
