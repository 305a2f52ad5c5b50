/* init.c - `annrep init` makes a new report project; `annrep next-year`
 * adds the next year's folder to one and moves `year` on in its report.ini.
 *
 * Neither overwrites anything: every path either would write is checked
 * first, and one that exists stops the command before anything is
 * written (exit 1).  Files are created exclusively (O_EXCL), so a file
 * that appears meanwhile is not overwritten either, and when a write
 * fails what was already written is removed again (exit 3).  report.ini
 * is changed by writing a new copy next to it and renaming it into place,
 * with only the bytes of the year's value changed.
 *
 * The returns and their header rows come from the registry's schemas
 * (compute/registry.h, load/schema.c), their descriptions from
 * load/schema_doc.h: there is no second list of returns or columns here.
 * The narrative files are those the default template reads; each starts
 * as a comment only, which the template reader treats as not written yet
 * (doc/template_internal.h), so a section stays out of the report until
 * its author writes it. */
#define _XOPEN_SOURCE 700 /* realpath() */

#include "commands.h"
#include "pipeline.h"

#include "compute/registry.h"
#include "load/config_edit.h"
#include "load/parse.h"
#include "load/returns.h"
#include "load/schema_doc.h"
#include "util/alloc.h"
#include "util/fileio.h"
#include "util/diag.h"
#include "util/paths.h"
#include "util/strbuf.h"
#include "util/text.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* ---- the narrative files ---------------------------------------------- */

typedef struct {
    const char *file;
    const char *title;  /* what the section is, for the README */
    const char *what;   /* what to write, for the file's comment */
} S_narrative;

static const S_narrative S_narratives[] = {
    {"foreword.md", "Foreword",
     "A short introduction to the year from whoever leads the partnership or scrutinises "
     "it: the independent scrutineer, the chair, or the three safeguarding partners "
     "together. Say who is writing, what the year was like for children in the area, "
     "and what the reader will find in the report. Sign it with a name and role."},
    {"governance.md", "Governance and arrangements",
     "How the local safeguarding arrangements work: the three safeguarding partners (the "
     "local authority, the integrated care board and the chief officer of police), the "
     "relevant agencies that take part, the groups that do the work, how the arrangements "
     "are funded and supported, and anything that changed this year."},
    {"priorities.md", "Our priorities",
     "The priorities the partnership set for this year and why it chose them; for each, "
     "what was done and what difference it made for children and families."},
    {"achievements.md", "What we achieved",
     "The main things the partnership did this year and the difference they made, with "
     "the evidence for it: audits, feedback from children, families and staff, figures."},
    {"learning.md", "Learning from reviews",
     "Rapid reviews and local child safeguarding practice reviews this year: how many "
     "there were, the themes, the learning, what changed in practice because of it, and "
     "the national reviews the partnership acted on. Nothing that could identify a child "
     "or a family."},
    {"voice.md", "The voice of children and families",
     "How children, young people and families were heard this year, what they told the "
     "partnership, and what changed because of it."},
    {"scrutiny.md", "Independent scrutiny",
     "The independent scrutineer's view of how well the arrangements work: what was "
     "scrutinised and how, what was found, and how the partnership responded."},
    {"next_year.md", "Next year",
     "The partnership's priorities and plans for the coming year, and how it will know "
     "that they made a difference."},
};
#define S_NNARRATIVES (sizeof S_narratives / sizeof S_narratives[0])

/* Text wrapped at 76 bytes a line, each line starting with `prefix`; a
 * word longer than a line has a line of its own. */
static void S_wrap(strbuf *b, const char *text, const char *prefix)
{
    size_t width = 76 - strlen(prefix);
    const char *s = text;
    while (*s) {
        size_t n = strlen(s), cut = n;
        if (n > width) {
            cut = width;
            while (cut > 0 && s[cut] != ' ')
                cut--;
            if (cut == 0) {
                const char *sp = strchr(s + width, ' ');
                cut = sp ? (size_t)(sp - s) : n;
            }
        }
        sb_appendf(b, "%s%.*s\n", prefix, (int)cut, s);
        s += cut;
        while (*s == ' ')
            s++;
    }
}

/* A narrative file as init writes it: only a comment, saying what to
 * write; the report leaves its section out until there is more. */
static char *S_narrative_stub(const S_narrative *n)
{
    strbuf b = STRBUF_INIT;
    sb_appendf(&b, "<!--\n%s (narrative/%s)\n\n", n->title, n->file);
    S_wrap(&b, n->what, "");
    sb_putc(&b, '\n');
    S_wrap(&b, "Write in Markdown below this comment: a blank line between paragraphs, "
               "\"- \" at the start of each item of a list, \"## \" before a sub-heading. "
               "{{report.area}} prints the area, and any key of figures.csv prints that "
               "figure as the report shows it, e.g. {{lado.contacts.total}}.", "");
    sb_putc(&b, '\n');
    S_wrap(&b, "This comment never appears in the report. While the file holds nothing "
               "else, the report leaves this section out.", "");
    sb_append(&b, "-->\n");
    return sb_take(&b);
}

/* ---- report.ini and README.md ----------------------------------------- */

#define S_AREA_PLACEHOLDER "<fill in: the local authority area>"
#define S_PARTNERSHIP_PLACEHOLDER "<fill in: the partnership's name>"

static void S_ini_comment(strbuf *b, const char *text)
{
    S_wrap(b, text, "; ");
}

static char *S_report_ini(const char *area, const char *partnership, const char *year)
{
    strbuf b = STRBUF_INIT;
    S_ini_comment(&b, "report.ini: the settings of this annual report, read by annrep.");
    sb_append(&b, ";\n");
    S_ini_comment(&b, "A line starting with ; is a comment. To use a setting shown commented "
                      "out, remove the ; at the start of its line (and of its [section] "
                      "line, for the last three sections). After a value, a space and ; "
                      "start a comment. `annrep check` checks every setting; the annrep "
                      "manual (man annrep) describes them.");
    sb_append(&b, "\n[report]\n");
    S_ini_comment(&b, "The local authority area the partnership covers, written as the "
                      "returns write it (crime_figures.csv names its areas the same way).");
    sb_appendf(&b, "area = %s\n\n", area);
    S_ini_comment(&b, "The partnership's name, as the cover prints it.");
    sb_appendf(&b, "partnership = %s\n\n", partnership);
    S_ini_comment(&b, "The reporting year: a financial year, 1 April to 31 March. Its returns "
                      "are in the folder of the same name; the folders of earlier years "
                      "give the comparisons and trends. `annrep next-year` moves it on.");
    sb_appendf(&b, "year = %s\n\n", year);
    S_ini_comment(&b, "The template: a folder under report-templates/ (default: the default template).");
    sb_append(&b, ";template = default\n\n");
    S_ini_comment(&b, "The title on the cover (default: Annual Report and the year).");
    sb_append(&b, ";title =\n\n");
    S_ini_comment(&b, "The author named in the PDF and the data pack (default: the "
                      "partnership).");
    sb_append(&b, ";author =\n\n");
    S_ini_comment(&b, "Children aged 0-17 living in the area in the reporting year, for "
                      "rates per 10,000 children (earlier years go under [population]).");
    sb_append(&b, ";child_population =\n\n");
    S_ini_comment(&b, "The publication date, YYYY-MM-DD, printed on the cover and used as "
                      "the files' date, so that the same returns always give the same files "
                      "(default: 30 September after the reporting year ends).");
    sb_append(&b, ";published =\n\n");
    S_ini_comment(&b, "For a corrected re-issue: its date, and a line saying what was "
                      "corrected.");
    sb_append(&b, ";revised =\n;revision_note =\n\n");
    S_ini_comment(&b, "The language of the report (default: en-GB).");
    sb_append(&b, ";language = en-GB\n\n");
    S_ini_comment(&b, "How readers can contact the partnership: an email address, a phone "
                      "number or a web page.");
    sb_append(&b, ";contact =\n\n");
    sb_append(&b, "[style]\n");
    S_ini_comment(&b, "The colour of headings and charts, as #RRGGBB.");
    sb_append(&b, ";accent = #12436D\n");
    S_ini_comment(&b, "A PNG logo for the cover, its path relative to this folder.");
    sb_append(&b, ";logo = logo.png\n\n");
    sb_append(&b, "[checks]\n");
    S_ini_comment(&b, "true: the reconciliation warnings (a Total row that does not add up, "
                      "more attended than places, a month missing) stop the build.");
    sb_append(&b, ";strict = false\n\n");
    S_ini_comment(&b, "Children aged 0-17 in each year, for the rates of earlier years in "
                      "the trends: one line per year.");
    sb_appendf(&b, ";[population]\n;%s =\n\n", year);
    S_ini_comment(&b, "Who supplies each return, for the source line under its tables and "
                      "charts, e.g. lado_contacts = Northmoor LADO service.");
    sb_append(&b, ";[sources]\n");
    for (int r = 0; r < RET_COUNT; r++) {
        const char *file = registry_get((return_id)r)->schema->file;
        sb_appendf(&b, ";%.*s =\n", (int)(strlen(file) - 4), file);
    }
    sb_putc(&b, '\n');
    S_ini_comment(&b, "The crime return's naming: the crime type that counts all crime "
                      "(default: the one the data names All crime, Total Crimes, Total "
                      "recorded crime ...) and the force-wide area the report compares "
                      "with (default: the one area other than area), e.g. comparison_area "
                      "= Northshire Police.");
    sb_append(&b, ";[crime]\n;total =\n;comparison_area =\n\n");
    S_ini_comment(&b, "Disclosure control in the public edition: counts from 1 to threshold "
                      "are suppressed, as [c]; 0 turns it off (default: 5).");
    sb_append(&b, ";[disclosure]\n;threshold = 5\n");
    return sb_take(&b);
}

static char *S_readme(const char *dir, const char *partnership, const char *year)
{
    strbuf b = STRBUF_INIT;
    bool named = strcmp(partnership, S_PARTNERSHIP_PLACEHOLDER) != 0;
    if (named)
        sb_appendf(&b, "# %s: annual report %s\n\n", partnership, year);
    else
        sb_appendf(&b, "# Annual report %s\n\n", year);
    S_wrap(&b, "This folder is a report project for annrep, which turns the returns below "
               "into the partnership's annual report (PDF and web page), its data pack "
               "(Excel) and its charts.", "");
    sb_append(&b, "\n## For the agencies: what to fill in\n\n");
    sb_appendf(&b, "Each return is a spreadsheet saved as CSV in the folder `%s/`: the\n"
                   "column reference at the end of this file says what each one is, who\n"
                   "fills it in, what every column holds and the values it allows, with an\n"
                   "example. Each file holds its header row already: fill in one row per\n"
                   "record under it, keep the file name, and save it as `CSV UTF-8 (Comma\n"
                   "delimited)`. A return the partnership does not collect can be deleted:\n"
                   "the report then leaves its chapter out. (`annrep columns` prints the\n"
                   "same reference; annrep's documentation has it as docs/returns.md.)\n\n",
               year);
    sb_append(&b, "## For the report's author\n\n");
    sb_appendf(&b, "- `report.ini`: the settings. Fill in `area` and `partnership` first.\n"
                   "- `narrative/`: the report's own words, one file per section. Each file\n"
                   "  starts as a comment saying what to write; a section is left out of the\n"
                   "  report until its file holds more than that comment:\n");
    for (size_t i = 0; i < S_NNARRATIVES; i++)
        sb_appendf(&b, "  - `%s`: %s\n", S_narratives[i].file, S_narratives[i].title);
    sb_appendf(&b, "- `annrep check %s` lists every problem in the returns and settings;\n"
                   "  `annrep build %s -o %s/out` makes the report.\n"
                   "- Next year, `annrep next-year %s` adds the next year's folder and moves\n"
                   "  `year` on; this year's folder stays, for the comparisons.\n\n",
               dir, dir, dir, dir);
    sb_append(&b, "## Column reference\n\n");
    schema_doc_markdown(&b, 3);
    return sb_take(&b);
}

/* ---- writing without overwriting -------------------------------------- */

/* What a command has made, to remove again when a later write fails. */
typedef struct {
    char **paths;
    bool *dirs;
    size_t n, cap, dcap;
    char *failed;   /* the path a write failed on, for the message */
} S_made;

/* Note path as the one that failed; false, keeping errno. */
static bool S_failed(S_made *m, const char *path)
{
    int e = errno;
    free(m->failed);
    m->failed = xstrdup(path);
    errno = e;
    return false;
}

static void S_made_add(S_made *m, const char *path, bool dir)
{
    XGROW(m->paths, m->cap, m->n + 1);
    XGROW(m->dirs, m->dcap, m->n + 1);
    m->paths[m->n] = xstrdup(path);
    m->dirs[m->n] = dir;
    m->n++;
}

/* Remove what was made, newest first (so folders are empty by then). */
static void S_made_undo(S_made *m)
{
    for (size_t i = m->n; i-- > 0;)
        (void)(m->dirs[i] ? rmdir(m->paths[i]) : unlink(m->paths[i]));
}

static void S_made_free(S_made *m)
{
    for (size_t i = 0; i < m->n; i++)
        free(m->paths[i]);
    free(m->paths);
    free(m->dirs);
    free(m->failed);
    memset(m, 0, sizeof *m);
}

static bool S_exists(const char *path)
{
    struct stat st;
    return lstat(path, &st) == 0;
}

/* Make folder path and any missing parents, noting each one made. */
static bool S_mkdirs(S_made *m, const char *path)
{
    if (paths_is_dir(path))
        return true;
    char *parent = xstrdup(path);
    char *slash = strrchr(parent, '/');
    while (slash && slash > parent && slash[1] == '\0') { /* "a/b/" */
        *slash = '\0';
        slash = strrchr(parent, '/');
    }
    bool ok = true;
    if (slash && slash > parent) {
        *slash = '\0';
        ok = S_mkdirs(m, parent);
    }
    free(parent);
    if (!ok)
        return false;
    if (mkdir(path, 0777) != 0)
        return S_failed(m, path);  /* even EEXIST: it was not there a moment ago */
    S_made_add(m, path, true);
    return true;
}

/* Test hook: ANNREP_FAIL_AFTER set to part of a path makes writing that
 * path fail, once written, as a full disk would (the tests check that
 * what was written is removed again). */
static bool S_inject_failure(const char *path)
{
    const char *f = getenv("ANNREP_FAIL_AFTER");
    if (!f || !*f || !strstr(path, f))
        return false;
    errno = ENOSPC;
    return true;
}

/* Write text to a new file at path; never replaces one that exists. */
static bool S_write_new(S_made *m, const char *path, const char *text)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0666);
    if (fd < 0)
        return S_failed(m, path);
    S_made_add(m, path, false);
    size_t n = strlen(text), done = 0;
    while (done < n) {
        ssize_t w = write(fd, text + done, n - done);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            int e = w == 0 ? ENOSPC : errno;
            close(fd);
            errno = e;
            return S_failed(m, path);
        }
        done += (size_t)w;
    }
    if (close(fd) != 0 || S_inject_failure(path))
        return S_failed(m, path);
    return true;
}

/* The header row of every return in `which` into the folder ydir (made,
 * with any missing parents).  false with errno set when a write failed. */
static bool S_write_returns(S_made *m, const char *ydir, const bool which[RET_COUNT])
{
    if (!S_mkdirs(m, ydir))
        return false;
    for (int r = 0; r < RET_COUNT; r++) {
        if (!which[r])
            continue;
        const schema *s = registry_get((return_id)r)->schema;
        strbuf h = STRBUF_INIT;
        schema_doc_header(s, &h);
        sb_putc(&h, '\n');
        char *path = paths_join(ydir, s->file);
        bool ok = S_write_new(m, path, sb_cstr(&h));
        free(path);
        sb_free(&h);
        if (!ok)
            return false;
    }
    return true;
}

/* ---- annrep init ------------------------------------------------------ */

static int S_usage(const char *cmd, const char *usage, const char *fmt, const char *arg)
{
    fprintf(stderr, "annrep %s: ", cmd);
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\nUsage: %s\n", usage);
    return EXIT_USAGE;
}

static const char S_init_usage[] =
    "annrep init DIR [--year YYYY-YY] [--area NAME] [--partnership NAME]";

/* The financial year before the one that holds `now` (the year an annual
 * report written now is about): on 15 June 2025, 2024-25.  SOURCE_DATE_EPOCH,
 * when set, is "now", for reproducible runs and tests. */
static int S_default_year_start(void)
{
    time_t now = time(NULL);
    const char *sde = getenv("SOURCE_DATE_EPOCH");
    if (sde && *sde) {
        char *end;
        long long v = strtoll(sde, &end, 10);
        if (*end == '\0' && v >= 0)
            now = (time_t)v;
    }
    struct tm tm;
    gmtime_r(&now, &tm);
    int y = tm.tm_year + 1900;
    int fy = tm.tm_mon + 1 >= 4 ? y : y - 1;  /* the financial year holding today */
    return fy - 1;
}

/* A name for report.ini: one line of UTF-8 that its reader gives back as
 * written (no ';' after a space, which starts a comment). */
static const char *S_bad_name(const char *v)
{
    if (!*v)
        return "is empty";
    if (!text_is_utf8(v, strlen(v)))
        return "is not UTF-8 text";
    for (const char *s = v; *s; s++) {
        if ((unsigned char)*s < 0x20)
            return "holds a line break or a control character";
        if (*s == ';' && (s == v || s[-1] == ' ' || s[-1] == '\t'))
            return "holds a ';' after a space, which report.ini reads as a comment";
    }
    if (*v == ' ' || v[strlen(v) - 1] == ' ')
        return "starts or ends with a space";
    return NULL;
}

typedef struct {
    const char *dir, *year, *area, *partnership;
} S_init_args;

static int S_init_parse(int argc, char **argv, S_init_args *a)
{
    static const char *const opts[] = {"--year", "--area", "--partnership"};
    for (int i = 0; i < argc; i++) {
        const char *arg = argv[i], *val = NULL;
        int which = -1;
        for (int k = 0; k < 3; k++) {
            size_t n = strlen(opts[k]);
            if (strcmp(arg, opts[k]) == 0) {
                if (i + 1 >= argc)
                    return S_usage("init", S_init_usage, "%s needs a value", arg);
                which = k;
                val = argv[++i];
            } else if (strncmp(arg, opts[k], n) == 0 && arg[n] == '=') {
                which = k;
                val = arg + n + 1;
            }
        }
        if (which == 0)
            a->year = val;
        else if (which == 1)
            a->area = val;
        else if (which == 2)
            a->partnership = val;
        else if (arg[0] == '-' && arg[1] != '\0')
            return S_usage("init", S_init_usage, "unknown option %s", arg);
        else if (!a->dir)
            a->dir = arg;
        else
            return S_usage("init", S_init_usage, "unexpected argument %s", arg);
    }
    if (!a->dir || !*a->dir)
        return S_usage("init", S_init_usage, "%s", "name the folder to make the project in");
    const char *why;
    if (a->area && (why = S_bad_name(a->area)))
        return S_usage("init", S_init_usage, "--area %s", why);
    if (a->partnership && (why = S_bad_name(a->partnership)))
        return S_usage("init", S_init_usage, "--partnership %s", why);
    return EXIT_OK;
}

/* Refuse when the project folder is a file or holds anything init writes;
 * prints why.  True when init may go ahead. */
static bool S_init_free_to_write(const char *dir, const char *year)
{
    if (S_exists(dir) && !paths_is_dir(dir)) {
        fprintf(stderr, "annrep init: %s exists and is not a folder: nothing was written\n",
                dir);
        return false;
    }
    /* What init writes at the top of the project; all else is inside these. */
    const char *const targets[] = {"report.ini", "README.md", year, "narrative"};
    strbuf there = STRBUF_INIT;
    size_t nthere = 0;
    for (size_t i = 0; i < sizeof targets / sizeof targets[0]; i++) {
        char *p = paths_join(dir, targets[i]);
        if (S_exists(p))
            sb_appendf(&there, "%s%s%s", nthere++ ? ", " : "", targets[i],
                       paths_is_dir(p) ? "/" : "");
        free(p);
    }
    if (nthere)
        fprintf(stderr,
                "annrep init: %s already holds %s: nothing was written (init never "
                "overwrites; to add a year to a project, use annrep next-year %s)\n",
                dir, sb_cstr(&there), dir);
    sb_free(&there);
    return nthere == 0;
}

/* Write the whole project; false with errno set, having removed what it
 * wrote, when a write failed. */
static bool S_init_write(const S_init_args *a, S_made *m)
{
    const char *area = a->area ? a->area : S_AREA_PLACEHOLDER;
    const char *partnership = a->partnership ? a->partnership : S_PARTNERSHIP_PLACEHOLDER;
    bool all[RET_COUNT];
    for (int r = 0; r < RET_COUNT; r++)
        all[r] = true;
    char *ini = S_report_ini(area, partnership, a->year);
    char *readme = S_readme(a->dir, partnership, a->year);
    char *p_ini = paths_join(a->dir, "report.ini"), *p_readme = paths_join(a->dir, "README.md");
    char *ydir = paths_join(a->dir, a->year), *ndir = paths_join(a->dir, "narrative");
    bool ok = S_mkdirs(m, a->dir) && S_write_new(m, p_ini, ini) &&
              S_write_new(m, p_readme, readme) && S_write_returns(m, ydir, all) &&
              S_mkdirs(m, ndir);
    for (size_t i = 0; ok && i < S_NNARRATIVES; i++) {
        char *p = paths_join(ndir, S_narratives[i].file);
        char *stub = S_narrative_stub(&S_narratives[i]);
        ok = S_write_new(m, p, stub);
        free(stub);
        free(p);
    }
    int e = errno;
    free(ini);
    free(readme);
    free(p_ini);
    free(p_readme);
    free(ydir);
    free(ndir);
    errno = e;
    return ok;
}

int cmd_init(int argc, char **argv, bool quiet)
{
    S_init_args a = {0};
    int rc = S_init_parse(argc, argv, &a);
    if (rc != EXIT_OK)
        return rc;
    char year[16];
    if (a.year) {
        strbuf why = STRBUF_INIT;
        int start;
        bool ok = parse_financial_year(a.year, &start, &why);
        if (!ok)
            rc = S_usage("init", S_init_usage, "--year %s", sb_cstr(&why));
        sb_free(&why);
        if (!ok)
            return rc;
    } else {
        int y = S_default_year_start();
        snprintf(year, sizeof year, "%04d-%02d", y, (y + 1) % 100);
        a.year = year;
    }
    if (!S_init_free_to_write(a.dir, a.year))
        return EXIT_INVALID_INPUT;
    S_made m = {0};
    if (!S_init_write(&a, &m)) {
        int e = errno;
        S_made_undo(&m);
        fprintf(stderr, "annrep init: could not write %s: %s; what had been written was "
                        "removed again\n", m.failed ? m.failed : a.dir, strerror(e));
        S_made_free(&m);
        return EXIT_SYSTEM;
    }
    S_made_free(&m);
    if (!quiet) {
        char ydir[32];
        snprintf(ydir, sizeof ydir, "%s/", a.year);
        fprintf(stderr,
                "annrep: made the report project %s for %s:\n"
                "  report.ini  the settings%s\n"
                "  README.md   what each agency fills in, and every column\n"
                "  %-10s  %d returns, each a header row to fill in\n"
                "  narrative/  %zu files for the report's own words\n"
                "Next: send the returns to the agencies; then  annrep check %s\n",
                a.dir, a.year,
                a.area && a.partnership ? "" : ": fill in area and partnership", ydir,
                (int)RET_COUNT, S_NNARRATIVES, a.dir);
    }
    return EXIT_OK;
}

/* ---- annrep next-year ------------------------------------------------- */

static const char S_next_usage[] = "annrep next-year [PROJECT]";

/* The whole regular file at path (at most 16 MB), NUL-terminated, or NULL
 * with *why (caller frees; NULL when nothing is there).  A named pipe is
 * refused, never waited on (fileio.h). */
static char *S_read_file(const char *path, size_t *len, char **why)
{
    char *data = NULL, *w = NULL;
    fileio_read(path, 16u << 20, &data, len, &w);
    if (why)
        *why = w;
    else
        free(w);
    return data;
}

/* Replace report.ini (at path, or where its symbolic link points) by the
 * len bytes at text, atomically: a new file beside it, renamed over it,
 * with the old one's permissions. */
static bool S_replace_file(const char *path, const char *text, size_t len)
{
    char *real = realpath(path, NULL);
    if (!real)
        return false;
    struct stat st;
    char *slash = strrchr(real, '/');
    strbuf tmp = STRBUF_INIT;
    sb_appendf(&tmp, "%.*s/.report.ini.XXXXXX", (int)(slash - real), real);
    char *tpath = sb_take(&tmp);
    int fd = stat(real, &st) == 0 ? mkstemp(tpath) : -1;
    bool ok = fd >= 0 && fchmod(fd, st.st_mode & 07777) == 0;
    for (size_t done = 0; ok && done < len;) {
        ssize_t w = write(fd, text + done, len - done);
        if (w < 0 && errno == EINTR)
            continue;
        ok = w > 0;
        if (ok)
            done += (size_t)w;
    }
    ok = ok && fsync(fd) == 0 && !S_inject_failure(path);
    int e = errno;
    if (fd >= 0 && close(fd) != 0 && ok) {
        ok = false;
        e = errno;
    }
    if (ok && rename(tpath, real) != 0) {
        ok = false;
        e = errno;
    }
    if (!ok && fd >= 0)
        unlink(tpath);
    free(tpath);
    free(real);
    errno = e;
    return ok;
}

/* The value of [report] key in the ini text, or NULL when unset or blank. */
static char *S_setting(const char *ini, size_t len, const char *key, int *line)
{
    config_span sp;
    if (!config_find_setting(ini, len, "report", key, &sp) || sp.start == sp.end)
        return NULL;
    *line = sp.line;
    return xstrndup(ini + sp.start, sp.end - sp.start);
}

/* Settings of report.ini that belong to the year just ended, and narrative
 * files holding its words: notes, so the author updates them. */
static void S_next_notes(diag_list *dl, const char *project, const char *ini_path,
                         const char *ini, size_t len, const char *old, const char *new)
{
    int line = 0;
    char *v;
    if ((v = S_setting(ini, len, "title", &line)) && strstr(v, old))
        diag_add(dl, DIAG_NOTE, ini_path, line, NULL, NULL,
                 "title = \"%s\" names %s: change it, or remove it for \"Annual Report %s\"",
                 v, old, new);
    free(v);
    if ((v = S_setting(ini, len, "published", &line)))
        diag_add(dl, DIAG_NOTE, ini_path, line, NULL, NULL,
                 "published = %s is the %s report's date: change it, or remove it for 30 "
                 "September after %s ends", v, old, new);
    free(v);
    static const char *const reissue[] = {"revised", "revision_note"};
    for (int k = 0; k < 2; k++) {
        if ((v = S_setting(ini, len, reissue[k], &line)))
            diag_add(dl, DIAG_NOTE, ini_path, line, NULL, NULL,
                     "%s is about a re-issue of the %s report: remove it", reissue[k], old);
        free(v);
    }
    if ((v = S_setting(ini, len, "child_population", &line)))
        diag_add(dl, DIAG_NOTE, ini_path, line, NULL, NULL,
                 "child_population = %s is for %s: give the population of %s", v, old, new);
    free(v);

    char *ndir = paths_join(project, "narrative");
    DIR *d = opendir(ndir);
    struct dirent *de;
    strbuf written = STRBUF_INIT;
    size_t nw = 0;
    char **names = NULL;
    size_t nnames = 0, cap = 0;
    while (d && (de = readdir(d))) {
        size_t n = strlen(de->d_name);
        if (n > 3 && strcmp(de->d_name + n - 3, ".md") == 0) {
            XGROW(names, cap, nnames + 1);
            names[nnames++] = xstrdup(de->d_name);
        }
    }
    if (d)
        closedir(d);
    for (size_t i = 0; i < nnames; i++) /* in name order, for a stable message */
        for (size_t j = i + 1; j < nnames; j++)
            if (strcmp(names[j], names[i]) < 0) {
                char *t = names[i];
                names[i] = names[j];
                names[j] = t;
            }
    for (size_t i = 0; i < nnames; i++) {
        char *p = paths_join(ndir, names[i]);
        size_t n = 0;
        char *text = S_read_file(p, &n, NULL);
        if (text && !text_is_only_comments(text, n))
            sb_appendf(&written, "%s%s", nw++ ? ", " : "", names[i]);
        free(text);
        free(p);
        free(names[i]);
    }
    free(names);
    if (nw)
        diag_add(dl, DIAG_NOTE, ndir, 0, NULL, NULL,
                 "%s still %s the words of %s: rewrite %s for %s", sb_cstr(&written),
                 nw == 1 ? "holds" : "hold", old, nw == 1 ? "it" : "them", new);
    sb_free(&written);
    free(ndir);
}

/* Which returns the new year gets: those the year before it has, or every
 * one when it has none (a return the partnership dropped stays dropped). */
static int S_next_returns(const char *old_dir, bool which[RET_COUNT])
{
    int n = 0;
    for (int r = 0; r < RET_COUNT; r++) {
        char *p = paths_join(old_dir, registry_get((return_id)r)->schema->file);
        which[r] = paths_is_file(p);
        n += which[r];
        free(p);
    }
    if (n == 0)
        for (int r = 0; r < RET_COUNT; r++)
            which[r] = true;
    return n ? n : RET_COUNT;
}

typedef struct {
    const char *project;
    char *ini_path, *ini;
    size_t len;
    config_span year;
    char old[16], new[16];
} S_next;

/* Read report.ini and its year, and check the next year's folder is free;
 * prints why not.  An exit code. */
static int S_next_prepare(S_next *nx)
{
    nx->ini_path = paths_join(nx->project, "report.ini");
    char *rwhy = NULL;
    nx->ini = S_read_file(nx->ini_path, &nx->len, &rwhy);
    if (!nx->ini) {
        fprintf(stderr, "annrep next-year: cannot read %s (%s): expected a report project "
                        "(annrep init makes one)\n", nx->ini_path, rwhy ? rwhy : strerror(ENOENT));
        free(rwhy);
        return EXIT_INVALID_INPUT;
    }
    if (!config_find_setting(nx->ini, nx->len, "report", "year", &nx->year)) {
        fprintf(stderr, "%s: error: no year under [report]: expected the reporting year, "
                        "e.g. year = 2024-25; nothing was written\n", nx->ini_path);
        return EXIT_INVALID_INPUT;
    }
    char *v = xstrndup(nx->ini + nx->year.start, nx->year.end - nx->year.start);
    strbuf why = STRBUF_INIT;
    int start = 0;
    bool ok = parse_financial_year(v, &start, &why) && start + 1 <= 2198;
    if (!ok)
        fprintf(stderr, "%s:%d: error: year = \"%s\": %s; nothing was written\n",
                nx->ini_path, nx->year.line, v, why.len ? sb_cstr(&why)
                                                        : "expected a year before 2198-99");
    free(v);
    sb_free(&why);
    if (!ok)
        return EXIT_INVALID_INPUT;
    snprintf(nx->old, sizeof nx->old, "%04d-%02d", start, (start + 1) % 100);
    snprintf(nx->new, sizeof nx->new, "%04d-%02d", start + 1, (start + 2) % 100);
    char *ndir = paths_join(nx->project, nx->new);
    bool taken = S_exists(ndir);
    if (taken)
        fprintf(stderr, "annrep next-year: %s already exists: nothing was written (next-year "
                        "never overwrites; report.ini still says year = %s)\n", ndir, nx->old);
    free(ndir);
    return taken ? EXIT_INVALID_INPUT : EXIT_OK;
}

int cmd_next_year(int argc, char **argv, bool quiet)
{
    S_next nx = {0};
    for (int i = 0; i < argc; i++) {
        if (argv[i][0] == '-' && argv[i][1] != '\0')
            return S_usage("next-year", S_next_usage, "unknown option %s", argv[i]);
        if (nx.project)
            return S_usage("next-year", S_next_usage, "unexpected argument %s", argv[i]);
        nx.project = argv[i];
    }
    if (!nx.project)
        nx.project = ".";
    int rc = S_next_prepare(&nx);
    if (rc == EXIT_OK) {
        char *old_dir = paths_join(nx.project, nx.old), *new_dir = paths_join(nx.project, nx.new);
        bool which[RET_COUNT];
        int n = S_next_returns(old_dir, which);
        size_t nlen;
        char *text = config_replace_value(nx.ini, nx.len, &nx.year, nx.new, &nlen);
        S_made m = {0};
        if (!S_write_returns(&m, new_dir, which) ||
            (!S_replace_file(nx.ini_path, text, nlen) && !S_failed(&m, nx.ini_path))) {
            int e = errno;
            S_made_undo(&m);
            fprintf(stderr, "annrep next-year: could not write %s: %s; nothing was changed\n",
                    m.failed ? m.failed : nx.ini_path, strerror(e));
            rc = EXIT_SYSTEM;
        } else if (!quiet) {
            diag_list dl = {0};
            fprintf(stderr,
                    "annrep: added %s/ with %d returns, each a header row to fill in\n"
                    "annrep: %s line %d now says year = %s; %s/ stays, for the comparisons\n",
                    new_dir, n, nx.ini_path, nx.year.line, nx.new, old_dir);
            S_next_notes(&dl, nx.project, nx.ini_path, text, nlen, nx.old, nx.new);
            for (size_t i = 0; i < dl.n; i++) {
                char *s = diag_format(&dl.items[i]);
                fprintf(stderr, "%s\n", s);
                free(s);
            }
            diag_free(&dl);
        }
        S_made_free(&m);
        free(text);
        free(old_dir);
        free(new_dir);
    }
    free(nx.ini_path);
    free(nx.ini);
    return rc;
}
