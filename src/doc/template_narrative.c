/* template_narrative.c - whether a narrative file of the project has been
 * written; see tpl_narrative_state() in template_internal.h.  On its own so
 * that both the blocks (template.c) and the conditions (template_inline.c)
 * use it without calling each other.  Knows files and text, not Markdown. */
#include "template_internal.h"

#include "../util/fileio.h"
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
    char *path = paths_join(b->p->narrative_dir, name), *text = NULL, *why = NULL;
    size_t len = 0;
    fileio_status fr = fileio_read(path, TPL_FILE_MAX, &text, &len, &why);
    /* Only what is not there is absent; a file that is there but cannot be
     * read counts as written, so that reading it reports why. */
    tpl_narrative st = fr == FILEIO_ABSENT ? TPL_NARR_ABSENT : TPL_NARR_WRITTEN;
    if (fr == FILEIO_OK && text_is_only_comments(text, len))
        st = TPL_NARR_PLACEHOLDER;
    free(text);
    free(why);
    free(path);
    return st;
}
