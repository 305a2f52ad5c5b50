/* test_doc_iter.c - the document iterator visits nodes as cmark's does:
 * every node on entry, every container on exit too (an empty one at once),
 * leaves only on entry.  The expected sequences are written out by hand. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "doc/doc.h"
#include "util/strbuf.h"

#include <stdlib.h>

/* The visits as "+D +C +S -S +P -C -D" (+ entry, - exit; D document, C
 * chapter, S section, L list, I item, P paragraph). */
static char *S_walk(doc_node *root)
{
    static const char letter[] = {
        [DOC_DOCUMENT] = 'D', [DOC_CHAPTER] = 'C', [DOC_SECTION] = 'S', [DOC_LIST] = 'L',
        [DOC_ITEM] = 'I',     [DOC_QUOTE] = 'Q',   [DOC_PARAGRAPH] = 'P', [DOC_TABLE] = 'T',
        [DOC_CHART] = 'G'};
    strbuf b = STRBUF_INIT;
    doc_iter it;
    doc_node *n;
    doc_event ev;
    doc_iter_init(&it, root);
    while ((ev = doc_iter_next(&it, &n)) != DOC_EV_DONE)
        sb_appendf(&b, "%s%c%c", b.len ? " " : "", ev == DOC_EV_ENTER ? '+' : '-',
                   letter[n->type]);
    return sb_take(&b);
}

static doc_node *S_add(doc_node *parent, doc_type t)
{
    doc_node *n = doc_node_new(t, "t.md", 1);
    doc_node_append(parent, n);
    return n;
}

static void test_empty_containers_are_entered_and_exited(void **state)
{
    (void)state;
    doc_node *d = doc_node_new(DOC_DOCUMENT, "t.md", 1);
    doc_node *c = S_add(d, DOC_CHAPTER);
    S_add(c, DOC_SECTION);           /* empty */
    S_add(c, DOC_PARAGRAPH);
    doc_node *l = S_add(c, DOC_LIST);
    S_add(l, DOC_ITEM);              /* empty */
    S_add(S_add(l, DOC_ITEM), DOC_PARAGRAPH);
    char *w = S_walk(d);
    assert_string_equal(w, "+D +C +S -S +P +L +I -I +I +P -I -L -C -D");
    free(w);
    doc_free(d);
}

static void test_an_empty_document_is_entered_and_exited(void **state)
{
    (void)state;
    doc_node *d = doc_node_new(DOC_DOCUMENT, "t.md", 1);
    char *w = S_walk(d);
    assert_string_equal(w, "+D -D");
    free(w);
    doc_free(d);
}

static void test_a_leaf_root_is_entered_only(void **state)
{
    (void)state;
    doc_node *p = doc_node_new(DOC_PARAGRAPH, "t.md", 1);
    char *w = S_walk(p);
    assert_string_equal(w, "+P");
    free(w);
    doc_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_empty_containers_are_entered_and_exited),
        cmocka_unit_test(test_an_empty_document_is_entered_and_exited),
        cmocka_unit_test(test_a_leaf_root_is_entered_only),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
