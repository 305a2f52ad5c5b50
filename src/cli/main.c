/* main.c - annrep's command line: parse arguments, hand over to pipeline.
 *
 * Knows the options and the help text; knows nothing about returns, figures
 * or output formats. */
#include "commands.h"
#include "pipeline.h"

#include "util/alloc.h"
#include "util/paths.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char S_usage[] =
    "Usage: annrep build [PROJECT] [-o OUTDIR] [--edition public|restricted]\n"
    "       annrep check [PROJECT]\n"
    "       annrep charts [PROJECT] [-o OUTDIR] [--edition public|restricted]\n"
    "       annrep init DIR [--year YYYY-YY] [--area NAME] [--partnership NAME]\n"
    "       annrep next-year [PROJECT]\n"
    "       annrep columns\n"
    "       annrep --help | --version\n";

static const char S_help[] =
    "annrep turns a safeguarding children partnership's yearly agency returns\n"
    "(CSV files in a report project folder) into its annual report.\n"
    "\n"
    "Commands:\n"
    "  build      validate the returns, compute every figure and write\n"
    "             annual-report-<year>.pdf (tagged for screen readers,\n"
    "             PDF/UA-1), annual-report-<year>.html (the web edition, one\n"
    "             self-contained file), data-pack-<year>.xlsx,\n"
    "             charts/<id>.png|.svg|.txt and figures.csv into OUTDIR\n"
    "  check      validate only: list every error, warning and note, how\n"
    "             many figures the public edition suppresses, then a\n"
    "             one-line summary; writes nothing\n"
    "  charts     write only the chart files, into a folder of their own\n"
    "             (default out-charts/); refuses a folder holding a full\n"
    "             build, whose report would then be out of step\n"
    "  init       make a new report project in DIR: a commented report.ini,\n"
    "             the year's folder with every return as a header row to fill\n"
    "             in, narrative/ with a file per section saying what to write,\n"
    "             and a README.md for the agencies.  --year defaults to the\n"
    "             financial year before today's; without --area and\n"
    "             --partnership, report.ini holds placeholders check warns of\n"
    "  next-year  add the next year's folder of header rows to PROJECT\n"
    "             (default: the current folder) and move year on in its\n"
    "             report.ini; earlier years stay, for comparisons\n"
    "  columns    print the column reference of every return (Markdown)\n"
    "  init and next-year never overwrite: when something they would write\n"
    "  exists, they stop and write nothing.\n"
    "\n"
    "Arguments and options:\n"
    "  PROJECT          report project folder (report.ini, one folder per year);\n"
    "                   default: the sample project data-samples/\n"
    "  -o, --output DIR output folder (default: out/ in the current folder, or\n"
    "                   out-restricted/ for the restricted edition).\n"
    "                   Outputs are replaced only when every one of them was\n"
    "                   written; a failed build leaves earlier outputs untouched.\n"
    "  --edition public the default: counts of people from 1 to the threshold\n"
    "                   of report.ini [disclosure] (default 5), and what would\n"
    "                   give one away, are shown as [c]; for publication\n"
    "  --edition restricted\n"
    "                   every figure in full, for the board and partners only:\n"
    "                   file names end -restricted, every page is marked\n"
    "                   OFFICIAL-SENSITIVE: not for publication\n"
    "  --data-dir DIR   where fonts/ and report-templates/ are (default: found\n"
    "                   next to the program or in its installed share folder)\n"
    "  -q, --quiet      print only warnings and errors\n"
    "  -h, --help       show this help\n"
    "  -V, --version    show the version\n"
    "\n"
    "Exit status:\n"
    "  0  success (warnings may have been printed)\n"
    "  1  invalid input: a return, report.ini or template has errors, or\n"
    "     init or next-year found that something it would write exists\n"
    "  2  usage error\n"
    "  3  system or I/O failure (unwritable folder, full disk, library error)\n"
    "\n"
    "The columns of every return, their types, allowed values and examples:\n"
    "docs/returns.md, the RETURNS section of annrep(1), or `annrep columns`.\n"
    "See annrep(1) and README.md for the report project layout and templates.\n";

static int S_usage_error(const char *fmt, const char *arg)
{
    fprintf(stderr, "annrep: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\n%s", S_usage);
    return EXIT_USAGE;
}

/* The index of the command word: the first argument that is neither an
 * option nor an option's value; 0 when there is none. */
static int S_command_index(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "-o") || !strcmp(a, "--output") || !strcmp(a, "--data-dir"))
            i++;
        else if (a[0] != '-' || a[1] == '\0')
            return i;
    }
    return 0;
}

/* init, next-year and columns: their own arguments, after the options
 * every command shares (--help, --version, -q, --data-dir) are taken out. */
static int S_project_command(int argc, char **argv, int ci)
{
    char **rest = xcalloc((size_t)argc, sizeof *rest);
    int n = 0;
    bool quiet = false;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (i == ci)
            continue;
        if (!strcmp(a, "-q") || !strcmp(a, "--quiet")) {
            quiet = true;
        } else if (!strcmp(a, "--data-dir") && i + 1 < argc) {
            paths_set_data_dir(argv[++i]);
        } else if (!strncmp(a, "--data-dir=", 11)) {
            paths_set_data_dir(a + 11);
        } else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            free(rest);
            fputs(S_usage, stdout);
            fputc('\n', stdout);
            fputs(S_help, stdout);
            return EXIT_OK;
        } else {
            rest[n++] = argv[i];
        }
    }
    const char *c = argv[ci];
    int rc = !strcmp(c, "init")        ? cmd_init(n, rest, quiet)
             : !strcmp(c, "next-year") ? cmd_next_year(n, rest, quiet)
                                       : cmd_columns(n, rest);
    free(rest);
    return rc;
}

int main(int argc, char **argv)
{
    run_options opt = {RUN_BUILD, NULL, NULL, false, false};
    const char *command = NULL;

    /* A file-size limit (ulimit -f) or a full quota must be a write error
     * the build reports, leaving the last outputs in place, not a signal
     * that kills it part-way: with SIGXFSZ ignored, write() fails EFBIG. */
    signal(SIGXFSZ, SIG_IGN);

    int ci = S_command_index(argc, argv);
    if (ci && (!strcmp(argv[ci], "init") || !strcmp(argv[ci], "next-year") ||
               !strcmp(argv[ci], "columns")))
        return S_project_command(argc, argv, ci);

    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            fputs(S_usage, stdout);
            fputc('\n', stdout);
            fputs(S_help, stdout);
            return EXIT_OK;
        } else if (!strcmp(a, "-V") || !strcmp(a, "--version")) {
            printf("annrep %s\n", ANNREP_VERSION);
            return EXIT_OK;
        } else if (!strcmp(a, "-o") || !strcmp(a, "--output") || !strcmp(a, "--data-dir")) {
            if (i + 1 >= argc)
                return S_usage_error("%s needs a folder", a);
            if (!strcmp(a, "--data-dir"))
                paths_set_data_dir(argv[++i]);
            else
                opt.out_dir = argv[++i];
        } else if (!strncmp(a, "--output=", 9)) {
            opt.out_dir = a + 9;
        } else if (!strncmp(a, "--data-dir=", 11)) {
            paths_set_data_dir(a + 11);
        } else if (!strcmp(a, "--edition") || !strncmp(a, "--edition=", 10)) {
            const char *e = a[9] == '=' ? a + 10 : i + 1 < argc ? argv[++i] : NULL;
            if (!e)
                return S_usage_error("%s needs public or restricted", a);
            if (!strcmp(e, "public"))
                opt.restricted = false;
            else if (!strcmp(e, "restricted"))
                opt.restricted = true;
            else
                return S_usage_error("--edition is public or restricted, not %s", e);
        } else if (!strcmp(a, "-q") || !strcmp(a, "--quiet")) {
            opt.quiet = true;
        } else if (a[0] == '-' && a[1] != '\0') {
            return S_usage_error("unknown option %s", a);
        } else if (!command) {
            command = a;
        } else if (!opt.project_dir) {
            opt.project_dir = a;
        } else {
            return S_usage_error("unexpected argument %s", a);
        }
    }

    if (!command)
        return S_usage_error("%s", "no command given");
    if (!strcmp(command, "build"))
        opt.mode = RUN_BUILD;
    else if (!strcmp(command, "check"))
        opt.mode = RUN_CHECK;
    else if (!strcmp(command, "charts"))
        opt.mode = RUN_CHARTS;
    else
        return S_usage_error("unknown command %s", command);
    if (!opt.out_dir && opt.mode == RUN_CHARTS)
        opt.out_dir = opt.restricted ? "out-charts-restricted" : "out-charts";
    else if (!opt.out_dir)
        opt.out_dir = opt.restricted ? "out-restricted" : "out";
    if (!*opt.out_dir)
        return S_usage_error("%s", "the output folder name is empty");

    char *default_project = NULL;
    if (!opt.project_dir) {
        default_project = paths_join(paths_data_dir(), "data-samples");
        opt.project_dir = default_project;
    }
    int rc = pipeline_run(&opt);
    free(default_project);
    return rc;
}
