/* fileio.c - reading only regular files, never blocking; see fileio.h. */
#include "fileio.h"

#include "alloc.h"
#include "strbuf.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

const char *fileio_mode_name(unsigned mode)
{
    if (S_ISDIR(mode))
        return "a folder";
    if (S_ISFIFO(mode))
        return "a named pipe (FIFO)";
    if (S_ISSOCK(mode))
        return "a socket";
    if (S_ISCHR(mode) || S_ISBLK(mode))
        return "a device";
    if (S_ISREG(mode))
        return "a file";
    return "not a file";
}

static char *S_printf(const char *fmt, const char *arg)
{
    strbuf b = STRBUF_INIT;
    sb_appendf(&b, fmt, arg);
    return sb_take(&b);
}

/* The target of the symbolic link at path, or NULL. */
static char *S_link_target(const char *path)
{
    char buf[4096];
    ssize_t n = readlink(path, buf, sizeof buf - 1);
    if (n < 0)
        return NULL;
    buf[n] = '\0';
    return xstrdup(buf);
}

/* Why opening or examining path failed with errno e: ABSENT when nothing is
 * there, else UNREADABLE (or NOT_FILE for a socket) with *why set. */
static fileio_status S_failed(const char *path, int e, char **why)
{
    struct stat st;
    *why = NULL;
    if (e == ENOENT || e == ENOTDIR) {
        /* A symbolic link whose target is missing is there, and broken. */
        if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode)) {
            char *to = S_link_target(path);
            *why = S_printf("is a symbolic link to %s, which does not exist (a shared folder "
                            "that is not connected?)",
                            to ? to : "a missing file");
            free(to);
            return FILEIO_UNREADABLE;
        }
        return FILEIO_ABSENT;
    }
    if (e == ELOOP) {
        *why = xstrdup("is a loop of symbolic links (a link that leads back to itself)");
        return FILEIO_UNREADABLE;
    }
    if (e == ENXIO && stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
        *why = S_printf("is %s, not a file", fileio_mode_name(st.st_mode));
        return FILEIO_NOT_FILE;
    }
    if (e == EACCES || e == EPERM) {
        *why = xstrdup("cannot be read: permission denied (the file, or a folder above it, "
                       "is not readable by this user)");
        return FILEIO_UNREADABLE;
    }
    strbuf b = STRBUF_INIT;
    sb_appendf(&b, "cannot be read: %s", strerror(e));
    *why = sb_take(&b);
    return FILEIO_UNREADABLE;
}

/* Read the open regular file fd whole, up to max bytes. */
static fileio_status S_read_fd(int fd, size_t max, char **data, size_t *len, char **why)
{
    strbuf b = STRBUF_INIT;
    char chunk[65536];
    for (;;) {
        ssize_t n = read(fd, chunk, sizeof chunk);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            int e = errno;
            sb_free(&b);
            strbuf w = STRBUF_INIT;
            sb_appendf(&w, "cannot be read: %s", strerror(e));
            *why = sb_take(&w);
            return FILEIO_UNREADABLE;
        }
        if (n == 0)
            break;
        if (b.len + (size_t)n > max) {
            sb_free(&b);
            strbuf w = STRBUF_INIT;
            if (max >= (1u << 20))
                sb_appendf(&w, "is larger than %zu MB", max >> 20);
            else
                sb_appendf(&w, "is larger than %zu bytes", max);
            *why = sb_take(&w);
            return FILEIO_TOO_BIG;
        }
        sb_appendn(&b, chunk, (size_t)n);
    }
    *len = b.len;
    *data = sb_take(&b);
    return FILEIO_OK;
}

fileio_status fileio_open(const char *path, size_t max, int *fd_out, char **why)
{
    *fd_out = -1;
    *why = NULL;
    /* O_NONBLOCK: opening a named pipe must not wait for a writer; it is
     * refused below once fstat() has said what it is. */
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (fd < 0)
        return S_failed(path, errno, why);
    struct stat st;
    if (fstat(fd, &st) != 0) {
        int e = errno;
        close(fd);
        return S_failed(path, e, why);
    }
    if (!S_ISREG(st.st_mode)) {
        close(fd);
        *why = S_printf("is %s, not a file", fileio_mode_name(st.st_mode));
        return FILEIO_NOT_FILE;
    }
    if ((unsigned long long)st.st_size > (unsigned long long)max) {
        close(fd);
        strbuf w = STRBUF_INIT;
        if (max >= (1u << 20))
            sb_appendf(&w, "is larger than %zu MB", max >> 20);
        else
            sb_appendf(&w, "is larger than %zu bytes", max);
        *why = sb_take(&w);
        return FILEIO_TOO_BIG;
    }
    /* A regular file never blocks, but say so plainly. */
    int fl = fcntl(fd, F_GETFL);
    if (fl != -1)
        (void)fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
    *fd_out = fd;
    return FILEIO_OK;
}

fileio_status fileio_read(const char *path, size_t max, char **data, size_t *len,
                          char **why)
{
    *data = NULL;
    *len = 0;
    int fd;
    fileio_status r = fileio_open(path, max, &fd, why);
    if (r != FILEIO_OK)
        return r;
    r = S_read_fd(fd, max, data, len, why);
    close(fd);
    return r;
}

fileio_kind fileio_probe(const char *path, char **why)
{
    char *w = NULL;
    fileio_kind k;
    struct stat st;
    if (stat(path, &st) != 0) {
        fileio_status r = S_failed(path, errno, &w);
        k = r == FILEIO_ABSENT ? FILEIO_KIND_ABSENT
            : r == FILEIO_NOT_FILE ? FILEIO_KIND_OTHER : FILEIO_KIND_UNREADABLE;
    } else if (S_ISREG(st.st_mode)) {
        k = FILEIO_KIND_FILE;
    } else if (S_ISDIR(st.st_mode)) {
        k = FILEIO_KIND_DIR;
    } else {
        k = FILEIO_KIND_OTHER;
        w = S_printf("is %s, not a file", fileio_mode_name(st.st_mode));
    }
    if (why)
        *why = w;
    else
        free(w);
    return k;
}
