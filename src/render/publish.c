/* publish.c - atomic outputs: temporary names, then rename into place; see
 * publish.h.
 *
 * This file knows file names, folders and POSIX file calls only.  It must not
 * know what an output contains or which writer produced it.
 *
 * The residual window, honestly: POSIX has no way to rename several files as
 * one atomic step.  Each rename(2) is atomic on its own (a reader sees the old
 * file or the new one, never half of either), and before the first rename
 * publish_commit checks everything that commonly makes a rename fail (the
 * temporary is missing, a folder sits where the output goes, a test hook asks
 * for a failure), so a failed build normally changes nothing.  What remains
 * is the short run of renames itself: if the machine loses power or the
 * process is killed between the first and the last rename, or a rename fails
 * for an unforeseen reason (an I/O error), the output folder holds some new
 * and some old files.  A failed rename is reported (exit status 3) with how
 * many and which outputs were already replaced, so the user knows to
 * rebuild.  Swapping a whole folder through a symbolic link would close the
 * window but changes what users see in out/, so we do not.
 *
 * Durability, and what it costs: before the first rename every temporary is
 * on disk, so that after a crash a renamed output is never an empty or
 * half-written file (the user's last good outputs are only ever replaced by
 * complete new ones); after the last rename the renames themselves are made
 * durable.  On Linux both are one syncfs(2) per filesystem the output
 * folders live on (normally one): it writes every dirty file there and waits
 * once, where an fsync(2) per output waited for a journal commit each (30
 * of them, 41 ms of a 650 ms build).  It flushes other programs' pending
 * writes to that filesystem too, which only makes it slower when they have
 * much unwritten; since Linux 5.8 it reports a write-back error of any file
 * there, as fsync would of its own.  Elsewhere each temporary is fsync'd and
 * each folder too, as POSIX says. */
#if defined(__linux__) && !defined(_GNU_SOURCE)
#define _GNU_SOURCE   /* syncfs */
#endif
#include "publish.h"

#include "../util/alloc.h"
#include "../util/paths.h"
#include "../util/strbuf.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#define PUBLISH_TMP_PREFIX ".annrep-tmp-"

typedef struct {
    char *rel;   /* as registered, "charts/x.png" */
    char *tmp;   /* "out/charts/.annrep-tmp-<pid>-x.png" */
    char *final; /* "out/charts/x.png" */
} publish_entry;

struct publish {
    char *outdir;
    publish_entry *e;
    size_t n, cap;
    char **made;      /* folders this build created, in creation order */
    size_t nmade, capmade;
    char *held_file;  /* first problem seen by publish_file, reported at commit */
    char *held_msg;
    char **retire;    /* final paths an earlier build made that this one does not */
    size_t nretire, capretire;
};

static char *S_inject;
static size_t S_inject_rename_k;   /* 1-based; 0: off */
static int S_inject_rename_err;

void publish_inject_failure(const char *substring)
{
    free(S_inject);
    S_inject = (substring && *substring) ? xstrdup(substring) : NULL;
}

void publish_inject_rename_failure(int k, int err)
{
    S_inject_rename_k = k > 0 ? (size_t)k : 0;
    S_inject_rename_err = err ? err : EIO;
}

/* Remember the first problem publish_file met; it has no diag_list. */
static void S_hold(publish *pub, const char *file, const char *msg, int err)
{
    if (pub->held_msg)
        return;
    strbuf b = STRBUF_INIT;
    sb_append(&b, msg);
    if (err)
        sb_appendf(&b, ": %s", strerror(err));
    pub->held_file = xstrdup(file);
    pub->held_msg = sb_take(&b);
}

static void S_note_made(publish *pub, const char *dir)
{
    XGROW(pub->made, pub->capmade, pub->nmade + 1);
    pub->made[pub->nmade++] = xstrdup(dir);
}

/* A temporary of ours whose process has gone: "<prefix><pid>-...". */
static bool S_is_stale_tmp(const char *name)
{
    size_t lp = strlen(PUBLISH_TMP_PREFIX);
    if (strncmp(name, PUBLISH_TMP_PREFIX, lp) != 0)
        return false;
    const char *s = name + lp;
    long pid = 0;
    int digits = 0;
    while (*s >= '0' && *s <= '9' && digits < 10) {
        pid = pid * 10 + (*s++ - '0');
        digits++;
    }
    if (digits == 0 || *s != '-' || pid <= 0 || (pid_t)pid == getpid())
        return false;
    return kill((pid_t)pid, 0) != 0 && errno == ESRCH;
}

/* Remove stale temporaries in dir, and (depth 1) in its subfolders.
 * Best effort: a folder we cannot read is left alone. */
static void S_clean_stale(const char *dir, int depth)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
            continue;
        char *p = paths_join(dir, de->d_name);
        struct stat st;
        if (lstat(p, &st) == 0) {
            if (S_ISREG(st.st_mode) && S_is_stale_tmp(de->d_name))
                (void)unlink(p);
            else if (S_ISDIR(st.st_mode) && depth > 0)
                S_clean_stale(p, depth - 1);
        }
        free(p);
    }
    closedir(d);
}

annrep_status publish_begin(const char *outdir, publish **out, diag_list *dl)
{
    *out = NULL;
    bool existed = paths_is_dir(outdir);
    if (!existed) {
        struct stat st;
        if (lstat(outdir, &st) == 0) {
            diag_add(dl, DIAG_ERROR, outdir, 0, NULL, NULL,
                     "the output folder exists but is not a folder");
            return ANNREP_ERR_IO;
        }
        if (paths_mkdir_p(outdir) != 0 || !paths_is_dir(outdir)) {
            diag_add(dl, DIAG_ERROR, outdir, 0, NULL, NULL,
                     "cannot create the output folder: %s", strerror(errno));
            return ANNREP_ERR_IO;
        }
    }
    publish *pub = xcalloc(1, sizeof *pub);
    pub->outdir = xstrdup(outdir);
    if (!existed)
        S_note_made(pub, outdir);
    else
        S_clean_stale(outdir, 1);
    *out = pub;
    return ANNREP_OK;
}

/* One folder level at most, no empty, "." or ".." parts, not absolute, and
 * never one of our own temporary names. */
static bool S_rel_ok(const char *rel)
{
    if (!rel || !*rel || rel[0] == '/')
        return false;
    const char *slash = strchr(rel, '/');
    if (slash && strchr(slash + 1, '/'))
        return false;
    const char *parts[2] = {rel, slash ? slash + 1 : NULL};
    size_t lens[2] = {slash ? (size_t)(slash - rel) : strlen(rel),
                      slash ? strlen(slash + 1) : 0};
    for (int i = 0; i < 2 && parts[i]; i++) {
        if (lens[i] == 0 || (lens[i] == 1 && parts[i][0] == '.') ||
            (lens[i] == 2 && parts[i][0] == '.' && parts[i][1] == '.'))
            return false;
    }
    const char *base = slash ? slash + 1 : rel;
    return strncmp(base, PUBLISH_TMP_PREFIX, strlen(PUBLISH_TMP_PREFIX)) != 0;
}

const char *publish_file(publish *pub, const char *rel)
{
    for (size_t i = 0; i < pub->n; i++)
        if (rel && strcmp(pub->e[i].rel, rel) == 0)
            return pub->e[i].tmp;

    XGROW(pub->e, pub->cap, pub->n + 1);
    publish_entry *en = &pub->e[pub->n++];
    strbuf tmp = STRBUF_INIT;
    if (!S_rel_ok(rel)) {
        /* Still hand out a harmless path inside outdir, so a writer that
         * does not check has somewhere to write that abort will clean. */
        en->rel = xstrdup(rel ? rel : "");
        en->final = paths_join(pub->outdir, en->rel);
        sb_appendf(&tmp, "%s/" PUBLISH_TMP_PREFIX "%ld-invalid-%zu", pub->outdir,
                   (long)getpid(), pub->n);
        en->tmp = sb_take(&tmp);
        S_hold(pub, en->final, "not a valid output name (one folder level at most)", 0);
        return en->tmp;
    }

    en->rel = xstrdup(rel);
    en->final = paths_join(pub->outdir, rel);
    const char *slash = strchr(rel, '/');
    const char *base = slash ? slash + 1 : rel;
    char *dir;
    if (!slash) {
        dir = xstrdup(pub->outdir);
    } else {
        char *sub = xstrndup(rel, (size_t)(slash - rel));
        dir = paths_join(pub->outdir, sub);
        free(sub);
        if (!paths_is_dir(dir)) {
            if (mkdir(dir, 0777) == 0)
                S_note_made(pub, dir);
            else
                S_hold(pub, dir, "cannot create the output folder", errno);
        }
    }
    sb_appendf(&tmp, "%s/" PUBLISH_TMP_PREFIX "%ld-%s", dir, (long)getpid(), base);
    en->tmp = sb_take(&tmp);
    free(dir);
    return en->tmp;
}

void publish_retire(publish *pub, const char *rel)
{
    if (!pub || !S_rel_ok(rel))
        return;
    XGROW(pub->retire, pub->capretire, pub->nretire + 1);
    pub->retire[pub->nretire++] = paths_join(pub->outdir, rel);
}

char *publish_final_path(const publish *pub, const char *rel)
{
    return paths_join(pub->outdir, rel);
}

#ifndef __linux__
/* Flush a written file to disk so that, after a crash, a renamed output is
 * never an empty or half-written file.  Filesystems that cannot sync (EINVAL,
 * EROFS on special files) are not an error. */
static int S_sync_path(const char *path, bool is_dir)
{
    int fd = open(path, O_RDONLY | (is_dir ? O_DIRECTORY : 0));
    if (fd < 0)
        return is_dir ? 0 : -1;
    int rc = fsync(fd);
    int err = errno;
    close(fd);
    if (rc != 0 && (err == EINVAL || err == EROFS || err == ENOTSUP))
        rc = 0;
    errno = err;
    return is_dir ? 0 : rc;
}
#endif

static void S_free(publish *pub)
{
    for (size_t k = 0; k < pub->nretire; k++)
        free(pub->retire[k]);
    free(pub->retire);
    for (size_t i = 0; i < pub->n; i++) {
        free(pub->e[i].rel);
        free(pub->e[i].tmp);
        free(pub->e[i].final);
    }
    free(pub->e);
    for (size_t i = 0; i < pub->nmade; i++)
        free(pub->made[i]);
    free(pub->made);
    free(pub->held_file);
    free(pub->held_msg);
    free(pub->outdir);
    free(pub);
}

/* Remove the temporaries from index `from` on.  A temporary that cannot be
 * removed (its folder turned read-only) is reported when dl is given, so the
 * user knows a stray file is left. */
static void S_unlink_from(publish *pub, size_t from, diag_list *dl)
{
    for (size_t i = from; i < pub->n; i++)
        if (unlink(pub->e[i].tmp) != 0 && errno != ENOENT && dl)
            diag_add(dl, DIAG_WARNING, pub->e[i].tmp, 0, NULL, NULL,
                     "cannot remove this temporary file: %s", strerror(errno));
}

/* Abort, reporting temporaries that could not be removed. */
static void S_abort(publish *pub, diag_list *dl)
{
    S_unlink_from(pub, 0, dl);
    /* Newest first, so a subfolder goes before the folder holding it; rmdir
     * refuses a folder that is not empty, which is what we want. */
    for (size_t i = pub->nmade; i-- > 0;)
        (void)rmdir(pub->made[i]);
    S_free(pub);
}

void publish_abort(publish *pub)
{
    if (pub)
        S_abort(pub, NULL);
}

/* The hook's substring: the API's wins over the environment's. */
static const char *S_injected(void)
{
    if (S_inject)
        return S_inject;
    const char *env = getenv("ANNREP_FAIL_AFTER");
    return (env && *env) ? env : NULL;
}

/* Does an entry before i live in the same subfolder as entry i? */
static bool S_same_folder_earlier(const publish *pub, size_t i)
{
    const char *ri = pub->e[i].rel, *si = strchr(ri, '/');
    for (size_t j = 0; j < i; j++) {
        const char *rj = pub->e[j].rel, *sj = strchr(rj, '/');
        if (sj && sj - rj == si - ri && strncmp(ri, rj, (size_t)(si - ri)) == 0)
            return true;
    }
    return false;
}

/* The folders holding outputs: outdir, then each subfolder once, in the
 * order first registered.  Caller frees the array and its strings. */
static size_t S_folders(const publish *pub, char ***out)
{
    char **dirs = NULL;
    size_t n = 0, cap = 0;
    XGROW(dirs, cap, n + 1);
    dirs[n++] = xstrdup(pub->outdir);
    for (size_t i = 0; i < pub->n; i++) {
        const char *slash = strchr(pub->e[i].rel, '/');
        if (!slash || S_same_folder_earlier(pub, i))
            continue;
        XGROW(dirs, cap, n + 1);
        dirs[n++] = xstrndup(pub->e[i].final, strlen(pub->e[i].final) - strlen(slash));
    }
    *out = dirs;
    return n;
}

static void S_folders_free(char **dirs, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(dirs[i]);
    free(dirs);
}

#ifdef __linux__
/* syncfs each filesystem the output folders are on, once.  0, or -1 with
 * errno set and *bad (caller frees) the folder whose filesystem failed.  A
 * folder that cannot be opened is skipped: the checks found its files, and
 * the filesystem of outdir is synced in any case. */
static int S_syncfs_folders(const publish *pub, char **bad)
{
    char **dirs;
    size_t n = S_folders(pub, &dirs);
    dev_t *done = xcalloc(n, sizeof *done);
    size_t ndone = 0;
    int rc = 0, err = 0;
    for (size_t i = 0; i < n && rc == 0; i++) {
        int fd = open(dirs[i], O_RDONLY | O_DIRECTORY);
        if (fd < 0)
            continue;
        struct stat st;
        bool seen = false;
        if (fstat(fd, &st) == 0) {
            for (size_t k = 0; k < ndone; k++)
                seen = seen || done[k] == st.st_dev;
            done[ndone++] = st.st_dev;
        }
        if (!seen && syncfs(fd) != 0) {
            err = errno;
            *bad = xstrdup(dirs[i]);
            rc = -1;
        }
        close(fd);
    }
    free(done);
    S_folders_free(dirs, n);
    errno = err;
    return rc;
}
#endif

/* Every temporary on disk before the first rename (see the comment at the
 * top).  0, or -1 after one error in dl. */
static int S_sync_outputs(publish *pub, diag_list *dl)
{
#ifdef __linux__
    char *bad = NULL;
    if (S_syncfs_folders(pub, &bad) != 0) {
        diag_add(dl, DIAG_ERROR, bad, 0, NULL, NULL, "cannot write the outputs to disk: %s",
                 strerror(errno));
        free(bad);
        return -1;
    }
#else
    for (size_t i = 0; i < pub->n; i++)
        if (S_sync_path(pub->e[i].tmp, false) != 0) {
            diag_add(dl, DIAG_ERROR, pub->e[i].final, 0, NULL, NULL,
                     "cannot write the output to disk: %s", strerror(errno));
            return -1;
        }
#endif
    return 0;
}

/* Make the renames durable, after the last one.  Best effort: the outputs
 * are in place already, and the user has nothing to do about a failure. */
static void S_sync_renames(publish *pub)
{
#ifdef __linux__
    char *bad = NULL;
    (void)S_syncfs_folders(pub, &bad);
    free(bad);
#else
    char **dirs;
    size_t n = S_folders(pub, &dirs);
    for (size_t i = 0; i < n; i++)
        (void)S_sync_path(dirs[i], true);
    S_folders_free(dirs, n);
#endif
}

/* Everything that can be checked before the first rename.  0 or -1. */
static int S_precheck(publish *pub, diag_list *dl)
{
    if (pub->held_msg) {
        diag_add(dl, DIAG_ERROR, pub->held_file, 0, NULL, NULL, "%s", pub->held_msg);
        return -1;
    }
    const char *inj = S_injected();
    for (size_t i = 0; inj && i < pub->n; i++) {
        if (strstr(pub->e[i].rel, inj)) {
            diag_add(dl, DIAG_ERROR, pub->e[i].final, 0, NULL, NULL,
                     "cannot write the output: failure injected by the test hook "
                     "ANNREP_FAIL_AFTER=%s", inj);
            return -1;
        }
    }
    for (size_t i = 0; i < pub->n; i++) {
        struct stat st;
        if (lstat(pub->e[i].tmp, &st) != 0 || !S_ISREG(st.st_mode)) {
            diag_add(dl, DIAG_ERROR, pub->e[i].final, 0, NULL, NULL,
                     "the output was not written (no file at %s)", pub->e[i].tmp);
            return -1;
        }
        if (lstat(pub->e[i].final, &st) == 0 && S_ISDIR(st.st_mode)) {
            diag_add(dl, DIAG_ERROR, pub->e[i].final, 0, NULL, NULL,
                     "cannot replace the output: a folder of that name is in the way");
            return -1;
        }
    }
    return S_sync_outputs(pub, dl);
}

/* rename(2) entry i into place, or fail as the test hook asks (the i+1-th
 * rename of this commit).  0, or -1 with errno set. */
static int S_rename(const publish *pub, size_t i)
{
    if (S_inject_rename_k && i + 1 == S_inject_rename_k) {
        errno = S_inject_rename_err;
        return -1;
    }
    return rename(pub->e[i].tmp, pub->e[i].final);
}

/* Rename i failed with err: say what changed, remove the temporaries still
 * ours (i onwards) and free pub.  ANNREP_ERR_IO when i is the first, else
 * ANNREP_ERR_PARTIAL. */
static annrep_status S_rename_failed(publish *pub, size_t i, int err, diag_list *dl)
{
    if (i == 0) {
        diag_add(dl, DIAG_ERROR, pub->e[i].final, 0, NULL, NULL,
                 "cannot put the output in place: %s; no output was changed", strerror(err));
    } else {
        strbuf done = STRBUF_INIT;
        for (size_t j = 0; j < i; j++)
            sb_appendf(&done, "%s%s", j ? ", " : "", pub->e[j].rel);
        diag_add(dl, DIAG_ERROR, pub->e[i].final, 0, NULL, NULL,
                 "cannot put the output in place: %s; %zu of %zu outputs were already "
                 "replaced by this build (%s), the others are from the earlier build: "
                 "build again", strerror(err), i, pub->n, sb_cstr(&done));
        sb_free(&done);
    }
    S_unlink_from(pub, i, dl);
    S_free(pub);
    return i == 0 ? ANNREP_ERR_IO : ANNREP_ERR_PARTIAL;
}

annrep_status publish_commit(publish *pub, diag_list *dl)
{
    if (!pub)
        return ANNREP_ERR_IO;
    if (S_precheck(pub, dl) != 0) {
        S_abort(pub, dl);
        return ANNREP_ERR_IO;
    }
    for (size_t i = 0; i < pub->n; i++)
        if (S_rename(pub, i) != 0)
            return S_rename_failed(pub, i, errno, dl);
    /* Only now, with every new output in place, remove what this build no
     * longer makes (a chart whose return was dropped), so that the folder
     * shows this build alone. */
    for (size_t i = 0; i < pub->nretire; i++)
        if (unlink(pub->retire[i]) != 0 && errno != ENOENT)
            diag_add(dl, DIAG_WARNING, pub->retire[i], 0, NULL, NULL,
                     "left from an earlier build and could not be removed: %s",
                     strerror(errno));
    S_sync_renames(pub);
    S_free(pub);
    return ANNREP_OK;
}
