/* commands.h - the commands that make or change a report project, or print
 * the column reference, rather than run the pipeline: `annrep init`,
 * `annrep next-year` and `annrep columns`.
 *
 * Each takes the arguments that follow its command word and returns an exit
 * code (pipeline.h): 0 done, 1 refused because something it would write
 * already exists or the project is not one it can change (nothing was
 * written), 2 usage error, 3 a file could not be written (what it had
 * written is removed again). */
#ifndef ANNREP_COMMANDS_H
#define ANNREP_COMMANDS_H

#include <stdbool.h>

/* annrep init DIR [--year YYYY-YY] [--area NAME] [--partnership NAME] */
int cmd_init(int argc, char **argv, bool quiet);

/* annrep next-year [PROJECT] (default: the current folder) */
int cmd_next_year(int argc, char **argv, bool quiet);

/* annrep columns [--man]: the column reference as Markdown (docs/returns.md)
 * or roff (the RETURNS section of man/annrep.1), on standard output. */
int cmd_columns(int argc, char **argv);

#endif
