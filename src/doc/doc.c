/* doc.c - the document tree: nodes, runs, iteration; see doc.h.
 * Knows nothing about Markdown or about any output format. */
#include "doc_internal.h"

#include "../util/alloc.h"
#include "../util/fileio.h"
#include "../util/paths.h"
#include "../util/strbuf.h"

#include <stdlib.h>
#include <string.h>

doc_node *doc_node_new(doc_type type, const char *file, int line)
{
    doc_node *n = xcalloc(1, sizeof *n);
    n->type = type;
    n->file = xstrdup(file);
    n->line = line;
    n->start = 1;
    return n;
}

void doc_node_append(doc_node *parent, doc_node *kid)
{
    XGROW(parent->kids, parent->kidcap, parent->nkids + 1);
    kid->index = parent->nkids;
    parent->kids[parent->nkids++] = kid;
    kid->parent = parent;
}

void doc_node_remove(doc_node *parent, size_t i)
{
    if (i >= parent->nkids)
        return;
    doc_free(parent->kids[i]);
    memmove(&parent->kids[i], &parent->kids[i + 1],
            (parent->nkids - i - 1) * sizeof *parent->kids);
    parent->nkids--;
    for (size_t k = i; k < parent->nkids; k++)
        parent->kids[k]->index = k;
}

void doc_add_run(doc_node *para, const char *text, size_t len, unsigned flags)
{
    /* Merge with the previous run when the style is the same, so that the
     * writers see "Referrals rose" as one run, not two. Figures stay
     * separate: a writer may want to treat them as unbreakable. */
    if (para->nruns > 0 && !(flags & (DOC_RUN_FIGURE | DOC_RUN_BREAK))) {
        doc_run *last = &para->runs[para->nruns - 1];
        if (last->flags == flags) {
            /* Its length is kept and its buffer doubles, so a paragraph of
             * a million pieces costs linear time, not a strlen() of the
             * whole run for each piece (a 5 MB paragraph took 32 s). */
            if (!last->cap) { /* a run not made here */
                last->len = strlen(last->text);
                last->cap = last->len + 1;
            }
            if (last->len + len + 1 > last->cap) {
                size_t cap = last->cap * 2;
                if (cap < last->len + len + 1)
                    cap = last->len + len + 1;
                last->text = xrealloc(last->text, cap);
                last->cap = cap;
            }
            memcpy(last->text + last->len, text, len);
            last->len += len;
            last->text[last->len] = '\0';
            return;
        }
    }
    XGROW(para->runs, para->runcap, para->nruns + 1);
    doc_run *r = &para->runs[para->nruns++];
    r->text = xstrndup(text, len);
    r->len = len;
    r->cap = len + 1;
    r->flags = flags;
    r->key = NULL;
}

void doc_add_figure_run(doc_node *para, const char *text, unsigned flags, const char *key)
{
    doc_add_run(para, text, strlen(text), flags | DOC_RUN_FIGURE);
    para->runs[para->nruns - 1].key = xstrdup(key);
}

void doc_meta_free(doc_meta *m)
{
    if (!m)
        return;
    free(m->title);
    free(m->partnership);
    free(m->area);
    free(m->year);
    free(m->period);
    free(m->published);
    free(m->author);
    free(m->subject);
    free(m->keywords);
    free(m->logo);
    free(m->logo_png);
    free(m->contents_title);
    free(m->footer);
    free(m->contact);
    for (size_t i = 0; i < m->nsources; i++) {
        free(m->source_file[i]);
        free(m->source_who[i]);
    }
    free(m->source_file);
    free(m->source_who);
    free(m->marking);
    free(m->revision);
    free(m->language);
    free(m->skip_link);
    free(m->show_data);
    free(m);
}

void doc_table_free(doc_table *t)
{
    if (!t)
        return;
    for (size_t j = 0; j < t->ncols; j++)
        free(t->cols[j].heading);
    free(t->cols);
    for (size_t i = 0; i < t->nrows * t->ncols; i++)
        free(t->cells[i].text);
    free(t->cells);
    free(t->total);
    for (size_t i = 0; i < t->nfoot; i++)
        free(t->foot[i]);
    free(t->foot);
    free(t);
}

void doc_free(doc_node *d)
{
    if (!d)
        return;
    for (size_t i = 0; i < d->nkids; i++)
        doc_free(d->kids[i]);
    free(d->kids);
    for (size_t i = 0; i < d->nruns; i++) {
        free(d->runs[i].text);
        free(d->runs[i].key);
    }
    free(d->runs);
    free(d->file);
    free(d->title);
    free(d->number);
    free(d->label);
    free(d->ref);
    free(d->caption);
    free(d->source);
    free(d->heading);
    free(d->heading_continued);
    free(d->source_line);
    free(d->cols);
    doc_table_free(d->table);
    doc_table_free(d->data);
    free(d->description);
    doc_meta_free(d->meta);
    if (d->chart)
        chart_free(d->chart);
    free(d);
}

void doc_iter_init(doc_iter *it, doc_node *root)
{
    it->root = root;
    it->cur = NULL;
    it->ev = DOC_EV_DONE;
}

static size_t S_index_in_parent(const doc_node *n)
{
    const doc_node *p = n->parent;
    /* The place kept when it was appended, so that a walk over a chapter of
     * 30,000 paragraphs is linear; searched for if the array was changed. */
    if (n->index < p->nkids && p->kids[n->index] == n)
        return n->index;
    for (size_t i = 0; i < p->nkids; i++)
        if (p->kids[i] == n)
            return i;
    return p->nkids;
}

bool doc_type_is_container(doc_type t)
{
    switch (t) {
    case DOC_DOCUMENT:
    case DOC_CHAPTER:
    case DOC_SECTION:
    case DOC_LIST:
    case DOC_ITEM:
    case DOC_QUOTE:
        return true;
    case DOC_PARAGRAPH:
    case DOC_TABLE:
    case DOC_CHART:
        return false;
    }
    return false;
}

doc_event doc_iter_next(doc_iter *it, doc_node **node)
{
    doc_node *n = it->cur;
    if (!n) {
        if (!it->root || it->ev != DOC_EV_DONE)
            return DOC_EV_DONE;
        it->cur = it->root;
        it->ev = DOC_EV_ENTER;
        *node = it->root;
        return DOC_EV_ENTER;
    }
    if (it->ev == DOC_EV_ENTER && n->nkids > 0) {
        it->cur = n->kids[0];
        it->ev = DOC_EV_ENTER;
    } else if (it->ev == DOC_EV_ENTER && doc_type_is_container(n->type)) {
        it->ev = DOC_EV_EXIT;  /* an empty container: exited at once */
    } else if (n == it->root) {
        it->cur = NULL;
        it->root = NULL;  /* finished */
        return DOC_EV_DONE;
    } else {
        /* Leaving n (a leaf, or a parent we already exited): go to its next
         * sibling, or exit the parent. */
        doc_node *p = n->parent;
        size_t i = S_index_in_parent(n);
        if (i + 1 < p->nkids) {
            it->cur = p->kids[i + 1];
            it->ev = DOC_EV_ENTER;
        } else {
            it->cur = p;
            it->ev = DOC_EV_EXIT;
        }
    }
    *node = it->cur;
    return it->ev;
}

char *doc_paragraph_text(const doc_node *para)
{
    strbuf b = STRBUF_INIT;
    for (size_t i = 0; i < para->nruns; i++)
        sb_append(&b, (para->runs[i].flags & DOC_RUN_BREAK) ? " " : para->runs[i].text);
    return sb_take(&b);
}

char *doc_template_dir(const project *p, const char *data_dir)
{
    const char *name = p->cfg.template_name ? p->cfg.template_name : "default";
    char *base = paths_join(p->dir, "report-templates");
    char *dir = paths_join(base, name);
    free(base);
    /* The project's own when anything is there: a broken one is reported
     * (doc_build), never silently replaced by the installed template. */
    if (fileio_probe(dir, NULL) != FILEIO_KIND_ABSENT)
        return dir;
    free(dir);
    base = paths_join(data_dir, "report-templates");
    dir = paths_join(base, name);
    free(base);
    return dir;
}
