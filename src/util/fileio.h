/* fileio.h - reading the user's files: only regular files, never blocking.
 *
 * Everything annrep reads from a project (report.ini, the returns, the
 * template and narrative files, the logo) goes through fileio_read(), so
 * that one rule holds everywhere: a regular file is read; nothing at the
 * path is "absent"; anything else that is there (a folder, a named pipe, a
 * socket, a device) or that cannot be read (no permission, a symbolic link
 * to something that does not exist, a loop of links, an I/O error) is an
 * error whose sentence says which, never "absent".  A named pipe is opened
 * with O_NONBLOCK and refused after fstat(), so no read ever waits for a
 * writer.  Knows files and errno; nothing about what the files hold. */
#ifndef ANNREP_FILEIO_H
#define ANNREP_FILEIO_H

#include <stdbool.h>
#include <stddef.h>

typedef enum {
    FILEIO_OK = 0,      /* a regular file, read whole */
    FILEIO_ABSENT,      /* nothing at the path (no file, no symbolic link) */
    FILEIO_NOT_FILE,    /* a folder, named pipe, socket or device */
    FILEIO_UNREADABLE,  /* there, but it cannot be read */
    FILEIO_TOO_BIG      /* a regular file larger than the limit given */
} fileio_status;

/* Open the regular file at path for reading, as fileio_read() would read
 * it (the same refusals and sentences; FILEIO_TOO_BIG when its size is over
 * max), for a caller that reads it in pieces: on FILEIO_OK *fd is open,
 * blocking, and the caller closes it; otherwise *fd is -1 and *why as for
 * fileio_read(). */
fileio_status fileio_open(const char *path, size_t max, int *fd, char **why);

/* What is at a path, without reading it. */
typedef enum {
    FILEIO_KIND_ABSENT,     /* nothing: no file and no symbolic link */
    FILEIO_KIND_FILE,       /* a regular file (after following links) */
    FILEIO_KIND_DIR,        /* a folder (after following links) */
    FILEIO_KIND_OTHER,      /* a named pipe, socket or device */
    FILEIO_KIND_UNREADABLE  /* there, but it cannot be examined */
} fileio_kind;

/* Read the regular file at path whole, refusing more than max bytes.
 * On FILEIO_OK, *data (NUL-terminated, caller frees) and *len hold it and
 * *why is NULL.  Otherwise *data is NULL and *why (caller frees; NULL only
 * for FILEIO_ABSENT) is a sentence to follow the file's name in a message:
 * "is a named pipe (FIFO), not a file", "cannot be read: permission denied",
 * "is a symbolic link to /mnt/share/x.csv, which does not exist (a share
 * that is not mounted?)", "is larger than 16 MB" and so on. */
fileio_status fileio_read(const char *path, size_t max, char **data, size_t *len,
                          char **why);

/* What is at path.  For FILEIO_KIND_OTHER and FILEIO_KIND_UNREADABLE *why
 * (caller frees) says what and why, as fileio_read's does; otherwise *why is
 * NULL.  why may be NULL when the sentence is not wanted. */
fileio_kind fileio_probe(const char *path, char **why);

/* "a named pipe (FIFO)", "a socket", "a device", "a folder", "a file" for
 * the st_mode of a stat(); never NULL. */
const char *fileio_mode_name(unsigned mode);

#endif
