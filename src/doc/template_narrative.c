/* template_narrative.c - whether a narrative file of the project has been
 * written; see tpl_narrative_state() in template_internal.h.  On its own so
 * that both the blocks (template.c) and the conditions (template_inline.c)
 * use it without calling each other.  Knows files and text, not Markdown. */
#include "template_internal.h"

#include "../util/paths.h"
#include "../util/strbuf.h"
#include "../util/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

tpl_narrative tpl_narrative_state(const tpl_builder *b, const char *name)
{
    if (!b->p->narrative_dir || !*name || strchr(name, '/') || strchr(name, '\\') ||
        name[0] == '.')
        return TPL_NARR_ABSENT;
    char *path = paths_join(b->p->narrative_dir, name);
    tpl_narrative st = TPL_NARR_ABSENT;
    FILE *f = paths_is_file(path) ? fopen(path, "rb") : NULL;
    if (paths_is_file(path))
        st = TPL_NARR_WRITTEN; /* unless it is read, and holds only comments */
    if (f) {
        strbuf s = STRBUF_INIT;
        char buf[8192];
        size_t n;
        while ((n = fread(buf, 1, sizeof buf, f)) > 0)
            sb_appendn(&s, buf, n);
        if (!ferror(f) && text_is_only_comments(sb_cstr(&s), s.len))
            st = TPL_NARR_PLACEHOLDER;
        fclose(f);
        sb_free(&s);
    }
    free(path);
    return st;
}
