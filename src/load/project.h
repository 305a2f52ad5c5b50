/* project.h - a report project: report.ini plus the year folders.
 *
 * project_load() reads report.ini, then every return of the reporting year
 * and of each of the four years before it whose folder exists (contract
 * sections 1 and 7: five years in all, gaps allowed), every one validated by
 * the same rules.  Year folders outside that window are not read; one note
 * says so.  It never stops at the first problem: all errors, warnings and
 * notes go to the diag_list.  The project owns everything it holds;
 * project_free() frees all. */
#ifndef ANNREP_PROJECT_H
#define ANNREP_PROJECT_H

#include "returns.h"
#include "../util/diag.h"
#include "../util/status.h"

#include <stdbool.h>
#include <stdint.h>

/* [population]: children aged 0-17 in one year. */
typedef struct {
    int year_start;        /* 2015 for 2015-16 */
    double value;
    int line;              /* of report.ini */
} year_population;

typedef struct {
    char *area;            /* required */
    char *partnership;     /* required */
    char *year;            /* required, "2016-17" */
    int year_start;        /* 2016 for "2016-17" */
    char *template_name;   /* default "default" */
    char *title;           /* default "Annual Report <year>" */
    char *author;          /* optional, NULL when unset */
    bool has_child_population;
    double child_population;     /* the reporting year's ([report] child_population) */
    year_population *population; /* [population], in file order */
    size_t npopulation, populationcap;
    int published_ymd;     /* default 30 September after the year ends: (year_start+1)0930 */
    int revised_ymd;       /* [report] revised: a corrected re-issue's date, 0 when none */
    char *revision_note;   /* [report] revision_note: what was corrected, or NULL */
    bool has_accent;       /* [style] accent was given */
    uint32_t accent;       /* 0xRRGGBB: the accent, or COLOUR_ACCENT_DEFAULT */
    char *logo;            /* path relative to the project, or NULL */
    unsigned char *logo_png; /* the logo checked and cleaned (logo.h), NULL without one */
    size_t logo_len;
    unsigned logo_width, logo_height; /* pixels */
    char *contact;         /* optional contact line for the data pack, or NULL */
    bool strict;           /* [checks] strict */
    int disclosure_threshold; /* [disclosure] threshold: counts 1..threshold suppressed in
                                 the public edition; 0 turns suppression off; default 5 */
    int disclosure_line;   /* line of that setting, 0 when defaulted */
    bool restricted;       /* the restricted edition (annrep build --edition restricted):
                              every figure in full, marked not for publication.  Not a
                              report.ini setting: the command line sets it */
    char *language;        /* [report] language: a language tag, default "en-GB" */
    char *source_name[RET_COUNT]; /* [sources]: who supplies each return, by return id
                                     ("Lewisham LADO service"), NULL when not named */
    int source_line[RET_COUNT];   /* line of that setting, 0 when not set */
    char *crime_total;     /* [crime] total: the crime_type that counts all crime, as
                              written, or NULL (compute recognises the usual names) */
    int crime_total_line;
    char *crime_comparison; /* [crime] comparison_area: the area compared with the
                               report's own (the force as a whole), or NULL (the one
                               other area of the return, when there is exactly one) */
    int crime_comparison_line;
} report_config;

/* The threshold the build applies: none in the restricted edition. */
int config_effective_threshold(const report_config *cfg);

/* The reporting year and the four before it. */
#define PROJECT_YEARS 5

/* One year folder. */
typedef struct {
    bool present;              /* the folder exists and was read */
    int start;                 /* 2015 for 2015-16 */
    char name[16];             /* "2015-16" */
    table tables[RET_COUNT];   /* table.present false when the return is absent */
} project_year;

typedef struct {
    char *dir;                 /* project folder as given */
    report_config cfg;
    /* years[0] is the reporting year (present once the year is known),
     * years[k] the year k years before it ("the previous year" is years[1],
     * never an older one). */
    project_year years[PROJECT_YEARS];
    char *narrative_dir;       /* <dir>/narrative when it exists, else NULL */
} project;

/* Table id of year k, or NULL when that folder or that return is absent. */
const table *project_table(const project *p, int k, return_id id);

/* Read <dir>/report.ini into cfg.  *cfg is overwritten without being freed
 * (pass a zeroed or already freed one); the caller must config_free(cfg)
 * whatever the result.  dir is not kept.  Every problem is added to dl.
 * Returns:
 *   ANNREP_OK        dl gained no error: area, partnership and year are set.
 *   ANNREP_ERR_INPUT dl gained errors: report.ini or the project folder is
 *                    missing, or a setting is wrong; cfg holds the settings
 *                    that were valid (the others NULL or 0).
 *   ANNREP_ERR_IO    report.ini or the logo exists but could not be read (an
 *                    error in dl); cfg as for ANNREP_ERR_INPUT. */
annrep_status config_load(const char *dir, report_config *cfg, diag_list *dl);

/* The population aged 0-17 of the year starting year_start (child_population
 * for the reporting year, else [population]): true and *out, or false when
 * report.ini gives none. */
bool config_population(const report_config *cfg, int year_start, double *out);

/* Who supplies the return file named `file` ("lado_contacts.csv", or a path
 * ending in it), as report.ini [sources] names it; NULL when it does not.
 * The string belongs to cfg. */
const char *config_source_name(const report_config *cfg, const char *file);

/* The words under a table or chart for a list of source paths as figures
 * and datasets keep them ("2016-17/lado_contacts.csv; 2015-16/lado_contacts.csv",
 * separated by "; "): each return file [sources] names becomes "<who>,
 * <file> (<years>)", e.g. "Lewisham LADO service, lado_contacts.csv
 * (2015-16 and 2016-17)" (three or more years in a row: "2018-19 to
 * 2022-23"); a file it does not name keeps its paths; with none named the
 * list comes back as given.  Caller frees. */
char *config_sources_text(const report_config *cfg, const char *paths);

/* Frees what cfg holds and zeroes it; config_free(NULL) is safe. */
void config_free(report_config *cfg);

/* The same, from len bytes at data (tests and the fuzzer); data is not kept
 * and need not end in NUL.  shown_path names the file in messages;
 * project_dir is where the year folder and logo must exist (NULL: those
 * checks are skipped and no file is read).  *cfg is overwritten without
 * being freed; the caller must config_free(cfg) whatever the result.
 * Returns ANNREP_OK when dl gained no error, ANNREP_ERR_IO when the logo
 * exists but could not be read, else ANNREP_ERR_INPUT. */
annrep_status config_load_buffer(const char *data, size_t len, const char *shown_path,
                                 const char *project_dir, report_config *cfg,
                                 diag_list *dl);

/* Load the whole project in dir into p.  *p is overwritten without being
 * freed; the caller must project_free(p) whatever the result.  dir is
 * copied.  Returns ANNREP_OK when dl gained no error; ANNREP_ERR_IO when a
 * file that exists (report.ini, a return, the logo) could not be read;
 * otherwise ANNREP_ERR_INPUT.  After an error p holds what was valid: the
 * settings that were, and for each return the rows that were. */
annrep_status project_load(const char *dir, project *p, diag_list *dl);

/* Frees everything p holds and zeroes it; project_free(NULL) is safe. */
void project_free(project *p);

/* Load one return file into t.  *t is overwritten without being freed
 * (pass a zeroed or already freed table); whatever the result, t->schema is
 * s, t->path a copy of shown_path, and the caller must table_free(t).
 * year_start gives the reporting year for in_year checks (-1: no check);
 * shown_path is how messages name the file; path and shown_path are not
 * kept.  Every problem is added to dl.  Returns:
 *   ANNREP_OK        dl gained no error: t holds every row.  Also when the
 *                    file does not exist: then t->present is false and dl
 *                    gained nothing.
 *   ANNREP_ERR_INPUT dl gained errors about the file (a folder instead of a
 *                    file, larger than the limit, or errors in its content);
 *                    t holds only the rows that were wholly valid.
 *   ANNREP_ERR_IO    the file exists but could not be opened or read (one
 *                    error in dl); t holds no rows. */
annrep_status csvload_file(const char *path, const char *shown_path, const schema *s,
                           int year_start, table *t, diag_list *dl);

/* The same, from len bytes at data (tests and the fuzzer); data is not kept
 * and need not end in NUL.  *t is overwritten without being freed, then
 * t->present is true and t->path a copy of shown_path; the caller must
 * table_free(t) whatever the result.  Returns ANNREP_OK when dl gained no
 * error, else ANNREP_ERR_INPUT (t then holds only the wholly valid rows);
 * never ANNREP_ERR_IO. */
annrep_status csvload_buffer(const char *data, size_t len, const char *shown_path,
                             const schema *s, int year_start, table *t, diag_list *dl);

#endif
