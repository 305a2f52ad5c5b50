/* publish.c - all-or-nothing outputs; see publish.h.
 *
 * This file knows file names, folders and POSIX file calls only.  It must not
 * know what an output contains or which writer produced it.
 *
 * Two ways to put a build's outputs in place:
 *
 * The swap (PUBLISH_SWAP, the normal way on Linux).  Every output is written
 * into a sibling of the output folder, ".<name>.annrep-<pid>" next to it.
 * At commit the user's own files (everything in the output folder that the
 * folder's manifest does not list as annrep's) are linked into that sibling
 * (hard links; a copy where the filesystem has none), the new manifest is
 * written, every file is synced to disk, and one renameat2(RENAME_EXCHANGE)
 * swaps the sibling and the output folder.  A reader, a crash or a kill sees
 * the old folder or the new one, never a mix: the exchange is the only step
 * that changes what the output folder's name refers to.  The old folder,
 * now at the sibling's name, is then removed; a build killed before that
 * leaves it behind, and the next build on the folder removes it (its process
 * is gone).  A shell whose current folder was the output folder stays in the
 * old, removed one: `cd .` finds the new.
 *
 * Per file (PUBLISH_FILES), where the swap cannot be made: the folder's
 * parent is not writable, the output folder is a mount point, it holds
 * something other than files, folders and symbolic links (a FIFO), or the
 * filesystem has no RENAME_EXCHANGE.  Every output is written under a
 * temporary name next to its final file and renamed into place after all
 * were written and synced.  Each rename(2) is atomic on its own and the
 * commit checks beforehand what commonly makes one fail, but a kill or an
 * I/O error between the first and the last rename leaves some new and some
 * old files; a failed rename says which were replaced (ANNREP_ERR_PARTIAL).
 *
 * The manifest (".annrep-manifest" in the output folder) lists what annrep
 * wrote there and which kind of outputs they are ("public", "restricted",
 * "charts" ...).  Only those files are ever removed or replaced: a file the
 * user put in the folder stays, even under the name of a chart this build
 * does not draw.  A folder written by an annrep without a manifest counts
 * as holding this build's names and the retired ones (publish_retire).
 *
 * Durability: before the exchange (or the first rename) every new file is
 * on disk, so that after a crash an output is never empty or half written;
 * after it the exchange (or the renames) is made durable.  On Linux each is
 * one syncfs(2) of the filesystem, not an fsync per file. */
#if defined(__linux__) && !defined(_GNU_SOURCE)
#define _GNU_SOURCE   /* syncfs, renameat2 */
#endif
#include "publish.h"

#include "../util/alloc.h"
#include "../util/paths.h"
#include "../util/strbuf.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#define PUBLISH_TMP_PREFIX ".annrep-tmp-"
#define PUBLISH_MANIFEST ".annrep-manifest"
#define PUBLISH_MANIFEST_HEAD "annrep outputs 1"
#define PUBLISH_SIBLING ".annrep-"   /* ".<folder>.annrep-<pid>" */
#define PUBLISH_MAX_DEPTH 32          /* of the user's own folders carried over */

typedef enum { PUBLISH_SWAP, PUBLISH_FILES } publish_mode;

typedef struct {
    char *rel;   /* as registered, "charts/x.png" */
    char *tmp;   /* where the writer writes it */
    char *final; /* "out/charts/x.png" */
} publish_entry;

struct publish {
    publish_mode mode;
    char *outdir;     /* as given, for messages */
    char *real;       /* the folder itself (symbolic links resolved), NULL when new */
    char *stage;      /* PUBLISH_SWAP: the sibling being filled */
    char *kind;
    publish_entry *e;
    size_t n, cap;
    char **made;      /* folders this build created, in creation order */
    size_t nmade, capmade;
    char *held_file;  /* first problem seen by publish_file, reported at commit */
    char *held_msg;
    char **retire;    /* rels an earlier build made that this one does not */
    size_t nretire, capretire;
    char **owned;     /* rels the old manifest lists */
    size_t nowned, capowned;
    bool manifest;    /* the folder had one */
};

static char *S_inject;
static size_t S_inject_rename_k;   /* 1-based; 0: off */
static int S_inject_rename_err;
static bool S_force_files;

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

void publish_force_per_file(bool on)
{
    S_force_files = on;
}

/* TEST HOOK: ANNREP_KILL_AT=<step> kills the process at that step of the
 * commit, as a power cut or kill -9 would (tests/e2e/publish_kill.sh). */
static void S_kill_point(const char *step)
{
    const char *k = getenv("ANNREP_KILL_AT");
    if (k && strcmp(k, step) == 0)
        raise(SIGKILL);
}

static void S_list_add(char ***list, size_t *n, size_t *cap, const char *s)
{
    XGROW(*list, *cap, *n + 1);
    (*list)[(*n)++] = xstrdup(s);
}

static bool S_list_has(char *const *list, size_t n, const char *s)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(list[i], s) == 0)
            return true;
    return false;
}

static void S_list_free(char **list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(list[i]);
    free(list);
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

/* The pid in name after prefix ("<prefix><pid>" then end or '-'), or 0. */
static long S_pid_after(const char *name, const char *prefix)
{
    size_t lp = strlen(prefix);
    if (strncmp(name, prefix, lp) != 0)
        return 0;
    const char *s = name + lp;
    long pid = 0;
    int digits = 0;
    while (*s >= '0' && *s <= '9' && digits < 10) {
        pid = pid * 10 + (*s++ - '0');
        digits++;
    }
    if (digits == 0 || (*s != '-' && *s != '\0'))
        return 0;
    return pid;
}

/* A process that is gone (and not this one). */
static bool S_dead(long pid)
{
    return pid > 0 && (pid_t)pid != getpid() && kill((pid_t)pid, 0) != 0 && errno == ESRCH;
}

/* Remove p and, if it is a folder, everything in it, without following
 * symbolic links.  Iterative over a stack of paths, so that no depth of
 * folders can exhaust the call stack.  Best effort. */
static void S_remove_tree(const char *p)
{
    char **stack = NULL, **dirs = NULL;
    size_t ns = 0, caps = 0, nd = 0, capd = 0;
    S_list_add(&stack, &ns, &caps, p);
    while (ns > 0) {
        char *cur = stack[--ns];
        struct stat st;
        if (lstat(cur, &st) != 0) {
            free(cur);
        } else if (!S_ISDIR(st.st_mode)) {
            (void)unlink(cur);
            free(cur);
        } else {
            DIR *d = opendir(cur);
            struct dirent *de;
            while (d && (de = readdir(d)) != NULL)
                if (strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, "..") != 0) {
                    char *kid = paths_join(cur, de->d_name);
                    XGROW(stack, caps, ns + 1);
                    stack[ns++] = kid;
                }
            if (d)
                closedir(d);
            XGROW(dirs, capd, nd + 1);
            dirs[nd++] = cur;  /* removed once its contents are */
        }
    }
    for (size_t i = nd; i-- > 0;) {
        (void)rmdir(dirs[i]);
        free(dirs[i]);
    }
    free(dirs);
    free(stack);
}

/* Remove stale temporaries of dead builds in dir, and (depth 1) in its
 * subfolders.  Best effort: a folder we cannot read is left alone. */
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
            if (S_ISREG(st.st_mode) && S_dead(S_pid_after(de->d_name, PUBLISH_TMP_PREFIX)))
                (void)unlink(p);
            else if (S_ISDIR(st.st_mode) && depth > 0)
                S_clean_stale(p, depth - 1);
        }
        free(p);
    }
    closedir(d);
}

/* The siblings ".<base>.annrep-<pid>" of dead builds next to the output
 * folder: a killed build's new set, or the old set it had swapped out. */
static void S_clean_stale_siblings(const char *parent, const char *base)
{
    DIR *d = opendir(parent);
    if (!d)
        return;
    strbuf prefix = STRBUF_INIT;
    sb_appendf(&prefix, ".%s" PUBLISH_SIBLING, base);
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        if (!S_dead(S_pid_after(de->d_name, sb_cstr(&prefix))))
            continue;
        char *p = paths_join(parent, de->d_name);
        S_remove_tree(p);
        free(p);
    }
    closedir(d);
    sb_free(&prefix);
}

/* ---- the manifest ---------------------------------------------------- */

/* Read dir's manifest: its kind (caller frees) and the rels it lists.
 * false when there is none, or it is not one of ours. */
static bool S_read_manifest(publish *pub, const char *dir, char **kind)
{
    *kind = NULL;
    char *p = paths_join(dir, PUBLISH_MANIFEST);
    FILE *f = fopen(p, "rb");
    free(p);
    if (!f)
        return false;
    char line[PATH_MAX + 16];
    bool ok = fgets(line, sizeof line, f) && strcmp(line, PUBLISH_MANIFEST_HEAD "\n") == 0;
    size_t lines = 0;
    while (ok && fgets(line, sizeof line, f) && lines++ < 1000000) {
        size_t n = strlen(line);
        if (n == 0 || line[n - 1] != '\n') {
            ok = false;
            break;
        }
        line[n - 1] = '\0';
        if (!*kind && strncmp(line, "kind ", 5) == 0)
            *kind = xstrdup(line + 5);
        else if (line[0] && strstr(line, "..") == NULL && line[0] != '/')
            S_list_add(&pub->owned, &pub->nowned, &pub->capowned, line);
    }
    fclose(f);
    if (!ok || !*kind) {
        free(*kind);
        *kind = NULL;
        S_list_free(pub->owned, pub->nowned);
        pub->owned = NULL;
        pub->nowned = pub->capowned = 0;
        return false;
    }
    return true;
}

/* Write the manifest of this build at path.  0, or -1 with errno. */
static int S_write_manifest(const publish *pub, const char *path)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return -1;
    fprintf(f, "%s\nkind %s\n", PUBLISH_MANIFEST_HEAD, pub->kind);
    for (size_t i = 0; i < pub->n; i++)
        fprintf(f, "%s\n", pub->e[i].rel);
    int err = ferror(f) ? (errno ? errno : EIO) : 0;
    if (fclose(f) != 0 && !err)
        err = errno;
    errno = err;
    return err ? -1 : 0;
}

/* Is rel annrep's in the old folder (replaced or removed by this build)? */
static bool S_annreps(const publish *pub, const char *rel)
{
    if (strcmp(rel, PUBLISH_MANIFEST) == 0)
        return true;
    if (pub->manifest)
        return S_list_has(pub->owned, pub->nowned, rel);
    /* An annrep without a manifest wrote this build's names and the retired. */
    if (S_list_has(pub->retire, pub->nretire, rel))
        return true;
    for (size_t i = 0; i < pub->n; i++)
        if (strcmp(pub->e[i].rel, rel) == 0)
            return true;
    return false;
}

/* ---- begin ------------------------------------------------------------- */

/* Does dir hold anything but files, folders and symbolic links (to depth
 * PUBLISH_MAX_DEPTH)?  A swap could not carry it over. */
static bool S_has_special(const char *dir, int depth)
{
    DIR *d = opendir(dir);
    if (!d)
        return depth == 0 ? false : true;
    bool special = false;
    struct dirent *de;
    while (!special && (de = readdir(d)) != NULL) {
        if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
            continue;
        char *p = paths_join(dir, de->d_name);
        struct stat st;
        if (lstat(p, &st) != 0)
            special = true;
        else if (S_ISDIR(st.st_mode))
            special = depth >= PUBLISH_MAX_DEPTH || S_has_special(p, depth + 1);
        else if (!S_ISREG(st.st_mode) && !S_ISLNK(st.st_mode))
            special = true;
        free(p);
    }
    closedir(d);
    return special;
}

/* Prepare the swap: the sibling folder, after checking that an exchange
 * can be made there.  false: use the per-file way. */
static bool S_begin_swap(publish *pub, const char *parent, const char *base)
{
#ifdef RENAME_EXCHANGE
    if (S_force_files)
        return false;
    const char *env = getenv("ANNREP_PUBLISH");
    if (env && strcmp(env, "per-file") == 0)
        return false;
    struct stat sp, so;
    if (stat(parent, &sp) != 0)
        return false;
    if (pub->real) {
        if (stat(pub->real, &so) != 0 || so.st_dev != sp.st_dev)
            return false;   /* a mount point: no exchange across filesystems */
        if (S_has_special(pub->real, 0))
            return false;
    }
    strbuf st = STRBUF_INIT, probe = STRBUF_INIT;
    sb_appendf(&st, "%s/.%s" PUBLISH_SIBLING "%ld", parent, base, (long)getpid());
    sb_appendf(&probe, "%s-probe", sb_cstr(&st));
    bool ok = mkdir(sb_cstr(&st), 0777) == 0;
    if (ok && mkdir(sb_cstr(&probe), 0700) == 0) {
        /* Can this filesystem exchange?  Swap two empty folders to find out. */
        ok = renameat2(AT_FDCWD, sb_cstr(&st), AT_FDCWD, sb_cstr(&probe), RENAME_EXCHANGE) == 0;
        (void)rmdir(sb_cstr(&probe));
        if (!ok)
            (void)rmdir(sb_cstr(&st));
        else {
            (void)rmdir(sb_cstr(&st));  /* the probe's, now under this name */
            ok = mkdir(sb_cstr(&st), 0777) == 0;
        }
    } else if (ok) {
        (void)rmdir(sb_cstr(&st));
        ok = false;
    }
    sb_free(&probe);
    if (!ok) {
        sb_free(&st);
        return false;
    }
    /* The new folder gets the old one's permissions. */
    if (pub->real)
        (void)chmod(sb_cstr(&st), so.st_mode & 07777);
    pub->stage = sb_take(&st);
    return true;
#else
    (void)pub;
    (void)parent;
    (void)base;
    return false;
#endif
}

annrep_status publish_begin(const char *outdir, const char *kind, publish **out, diag_list *dl)
{
    *out = NULL;
    struct stat st;
    bool existed = stat(outdir, &st) == 0;
    if (existed && !S_ISDIR(st.st_mode)) {
        diag_add(dl, DIAG_ERROR, outdir, 0, NULL, NULL,
                 "the output folder exists but is not a folder");
        return ANNREP_ERR_IO;
    }
    if (!existed && lstat(outdir, &st) == 0) {
        diag_add(dl, DIAG_ERROR, outdir, 0, NULL, NULL,
                 "the output folder is a symbolic link to nothing");
        return ANNREP_ERR_IO;
    }
    if (existed && access(outdir, W_OK | X_OK) != 0) {
        diag_add(dl, DIAG_ERROR, outdir, 0, NULL, NULL,
                 "cannot write in the output folder: %s", strerror(errno));
        return ANNREP_ERR_IO;
    }
    publish *pub = xcalloc(1, sizeof *pub);
    pub->outdir = xstrdup(outdir);
    pub->kind = xstrdup(kind && *kind ? kind : "outputs");
    char *old_kind = NULL;
    if (existed) {
        char buf[PATH_MAX];
        pub->real = xstrdup(realpath(outdir, buf) ? buf : outdir);
        pub->manifest = S_read_manifest(pub, pub->real, &old_kind);
        if (pub->manifest && strcmp(old_kind, pub->kind) != 0) {
            diag_add(dl, DIAG_ERROR, outdir, 0, NULL, NULL,
                     "this folder holds annrep's %s outputs; the %s outputs go in a folder of "
                     "their own (-o), so that neither replaces the other",
                     old_kind, pub->kind);
            free(old_kind);
            publish_abort(pub);
            return ANNREP_ERR_INPUT;
        }
        free(old_kind);
    }
    /* The parent of the folder, where the sibling goes. */
    char *path = xstrdup(pub->real ? pub->real : outdir);
    size_t len = strlen(path);
    while (len > 1 && path[len - 1] == '/')
        path[--len] = '\0';
    char *slash = strrchr(path, '/');
    char *parent = slash ? (slash == path ? xstrdup("/") : xstrndup(path, (size_t)(slash - path)))
                         : xstrdup(".");
    const char *base = slash ? slash + 1 : path;
    if (!existed && paths_mkdir_p(parent) != 0) {
        diag_add(dl, DIAG_ERROR, outdir, 0, NULL, NULL, "cannot create the output folder: %s",
                 strerror(errno));
        free(parent);
        free(path);
        publish_abort(pub);
        return ANNREP_ERR_IO;
    }
    S_clean_stale_siblings(parent, base);
    bool swap = S_begin_swap(pub, parent, base);
    free(parent);
    free(path);
    if (swap) {
        pub->mode = PUBLISH_SWAP;
    } else {
        pub->mode = PUBLISH_FILES;
        if (!existed) {
            if (paths_mkdir_p(outdir) != 0 || !paths_is_dir(outdir)) {
                diag_add(dl, DIAG_ERROR, outdir, 0, NULL, NULL,
                         "cannot create the output folder: %s", strerror(errno));
                publish_abort(pub);
                return ANNREP_ERR_IO;
            }
            S_note_made(pub, outdir);
        }
    }
    if (existed)
        S_clean_stale(outdir, 1);
    *out = pub;
    return ANNREP_OK;
}

/* ---- registering outputs ------------------------------------------------ */

/* One folder level at most, no empty, "." or ".." parts, not absolute, and
 * never one of our own names. */
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
    return strncmp(base, PUBLISH_TMP_PREFIX, strlen(PUBLISH_TMP_PREFIX)) != 0 &&
           strcmp(rel, PUBLISH_MANIFEST) != 0;
}

const char *publish_file(publish *pub, const char *rel)
{
    for (size_t i = 0; i < pub->n; i++)
        if (rel && strcmp(pub->e[i].rel, rel) == 0)
            return pub->e[i].tmp;

    XGROW(pub->e, pub->cap, pub->n + 1);
    publish_entry *en = &pub->e[pub->n++];
    const char *root = pub->mode == PUBLISH_SWAP ? pub->stage : pub->outdir;
    strbuf tmp = STRBUF_INIT;
    if (!S_rel_ok(rel)) {
        /* Still hand out a harmless path, so a writer that does not check
         * has somewhere to write that abort will clean. */
        en->rel = xstrdup(rel ? rel : "");
        en->final = paths_join(pub->outdir, en->rel);
        sb_appendf(&tmp, "%s/" PUBLISH_TMP_PREFIX "%ld-invalid-%zu", root, (long)getpid(),
                   pub->n);
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
        dir = xstrdup(root);
    } else {
        char *sub = xstrndup(rel, (size_t)(slash - rel));
        dir = paths_join(root, sub);
        free(sub);
        if (!paths_is_dir(dir)) {
            if (mkdir(dir, 0777) == 0)
                S_note_made(pub, dir);
            else
                S_hold(pub, dir, "cannot create the output folder", errno);
        }
    }
    if (pub->mode == PUBLISH_SWAP)
        sb_appendf(&tmp, "%s/%s", dir, base);
    else
        sb_appendf(&tmp, "%s/" PUBLISH_TMP_PREFIX "%ld-%s", dir, (long)getpid(), base);
    en->tmp = sb_take(&tmp);
    free(dir);
    return en->tmp;
}

void publish_retire(publish *pub, const char *rel)
{
    if (!pub || !S_rel_ok(rel))
        return;
    S_list_add(&pub->retire, &pub->nretire, &pub->capretire, rel);
}

char *publish_final_path(const publish *pub, const char *rel)
{
    return paths_join(pub->outdir, rel);
}

/* ---- freeing and aborting --------------------------------------------- */

static void S_free(publish *pub)
{
    S_list_free(pub->retire, pub->nretire);
    S_list_free(pub->owned, pub->nowned);
    for (size_t i = 0; i < pub->n; i++) {
        free(pub->e[i].rel);
        free(pub->e[i].tmp);
        free(pub->e[i].final);
    }
    free(pub->e);
    S_list_free(pub->made, pub->nmade);
    free(pub->held_file);
    free(pub->held_msg);
    free(pub->outdir);
    free(pub->real);
    free(pub->stage);
    free(pub->kind);
    free(pub);
}

/* Remove the temporaries from index `from` on (per-file way).  One that
 * cannot be removed (its folder turned read-only) is reported when dl is
 * given, so the user knows a stray file is left. */
static void S_unlink_from(publish *pub, size_t from, diag_list *dl)
{
    for (size_t i = from; i < pub->n; i++)
        if (unlink(pub->e[i].tmp) != 0 && errno != ENOENT && dl)
            diag_add(dl, DIAG_WARNING, pub->e[i].tmp, 0, NULL, NULL,
                     "cannot remove this temporary file: %s", strerror(errno));
}

static void S_abort(publish *pub, diag_list *dl)
{
    if (pub->mode == PUBLISH_SWAP && pub->stage) {
        S_remove_tree(pub->stage);
    } else {
        S_unlink_from(pub, 0, dl);
        /* Newest first, so a subfolder goes before the folder holding it;
         * rmdir refuses a folder that is not empty, which is what we want. */
        for (size_t i = pub->nmade; i-- > 0;)
            (void)rmdir(pub->made[i]);
    }
    S_free(pub);
}

void publish_abort(publish *pub)
{
    if (pub)
        S_abort(pub, NULL);
}

/* ---- syncing ------------------------------------------------------------ */

#ifndef __linux__
/* fsync a file or folder.  Filesystems that cannot sync (EINVAL, EROFS on
 * special files) are not an error. */
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

/* The folders the new files are in: the root, then each subfolder once. */
static size_t S_folders(const publish *pub, const char *root, char ***out)
{
    char **dirs = NULL;
    size_t n = 0, cap = 0;
    S_list_add(&dirs, &n, &cap, root);
    for (size_t i = 0; i < pub->n; i++) {
        const char *slash = strchr(pub->e[i].rel, '/');
        if (!slash)
            continue;
        char *sub = xstrndup(pub->e[i].rel, (size_t)(slash - pub->e[i].rel));
        char *d = paths_join(root, sub);
        if (!S_list_has(dirs, n, d))
            S_list_add(&dirs, &n, &cap, d);
        free(d);
        free(sub);
    }
    *out = dirs;
    return n;
}

/* Every new file on disk; 0, or -1 with errno and *bad (caller frees) set. */
static int S_sync_new(const publish *pub, char **bad)
{
#ifdef __linux__
    /* One syncfs per filesystem: the folders are all on the root's, except
     * where the user mounted something over a subfolder. */
    const char *root = pub->mode == PUBLISH_SWAP ? pub->stage : pub->outdir;
    char **dirs;
    size_t n = S_folders(pub, root, &dirs);
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
    S_list_free(dirs, n);
    errno = err;
    return rc;
#else
    for (size_t i = 0; i < pub->n; i++)
        if (S_sync_path(pub->e[i].tmp, false) != 0) {
            *bad = xstrdup(pub->e[i].final);
            return -1;
        }
    return 0;
#endif
}

/* The exchange or the renames made durable: best effort, the outputs are
 * in place already. */
static void S_sync_done(const publish *pub)
{
#ifdef __linux__
    const char *dir = pub->real ? pub->real : pub->outdir;
    int fd = open(dir, O_RDONLY | O_DIRECTORY);
    if (fd >= 0) {
        (void)syncfs(fd);
        close(fd);
    }
#else
    char **dirs;
    size_t n = S_folders(pub, pub->outdir, &dirs);
    for (size_t i = 0; i < n; i++)
        (void)S_sync_path(dirs[i], true);
    S_list_free(dirs, n);
    (void)S_sync_path(pub->outdir, true);
#endif
}

/* ---- commit: the checks --------------------------------------------------- */

/* The hook's substring: the API's wins over the environment's. */
static const char *S_injected(void)
{
    if (S_inject)
        return S_inject;
    const char *env = getenv("ANNREP_FAIL_AFTER");
    return (env && *env) ? env : NULL;
}

/* Everything that can be checked before anything changes.  0 or -1. */
static int S_precheck(publish *pub, diag_list *dl)
{
    if (pub->held_msg) {
        diag_add(dl, DIAG_ERROR, pub->held_file, 0, NULL, NULL, "%s", pub->held_msg);
        return -1;
    }
    const char *inj = S_injected();
    for (size_t i = 0; inj && i < pub->n; i++)
        if (strstr(pub->e[i].rel, inj)) {
            diag_add(dl, DIAG_ERROR, pub->e[i].final, 0, NULL, NULL,
                     "cannot write the output: failure injected by the test hook "
                     "ANNREP_FAIL_AFTER=%s", inj);
            return -1;
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
        const char *slash = strchr(pub->e[i].rel, '/');
        if (slash) {
            char *sub = xstrndup(pub->e[i].rel, (size_t)(slash - pub->e[i].rel));
            char *p = paths_join(pub->outdir, sub);
            bool in_way = lstat(p, &st) == 0 && !S_ISDIR(st.st_mode);
            if (in_way)
                diag_add(dl, DIAG_ERROR, p, 0, NULL, NULL,
                         "cannot put the outputs in place: a file of that name is in the way "
                         "of the folder %s/", sub);
            free(p);
            free(sub);
            if (in_way)
                return -1;
        }
    }
    return 0;
}

/* ---- commit: the swap ----------------------------------------------------- */

/* Copy file src to dst (a link was refused), keeping its permissions. */
static int S_copy(const char *src, const char *dst, mode_t mode)
{
    int in = open(src, O_RDONLY | O_NOFOLLOW | O_NONBLOCK);
    if (in < 0)
        return -1;
    int outfd = open(dst, O_WRONLY | O_CREAT | O_EXCL, mode & 07777);
    if (outfd < 0) {
        close(in);
        return -1;
    }
    char buf[65536];
    ssize_t got;
    int rc = 0;
    while ((got = read(in, buf, sizeof buf)) != 0) {
        if (got < 0) {
            if (errno == EINTR)
                continue;
            rc = -1;
            break;
        }
        for (ssize_t off = 0; off < got && rc == 0;) {
            ssize_t w = write(outfd, buf + off, (size_t)(got - off));
            if (w < 0 && errno != EINTR)
                rc = -1;
            else if (w > 0)
                off += w;
        }
        if (rc)
            break;
    }
    int err = errno;
    close(in);
    if (close(outfd) != 0 && rc == 0) {
        rc = -1;
        err = errno;
    }
    errno = err;
    return rc;
}

/* Carry the user's own entries of the old folder's subpath rel (NULL: the
 * folder itself) into the new one: files linked (or copied), symbolic
 * links made again, folders made and walked.  0, or -1 after one error. */
static int S_carry(publish *pub, const char *rel, int depth, diag_list *dl)
{
    char *from = rel ? paths_join(pub->real, rel) : xstrdup(pub->real);
    DIR *d = opendir(from);
    if (!d) {
        diag_add(dl, DIAG_ERROR, from, 0, NULL, NULL, "cannot read the output folder: %s",
                 strerror(errno));
        free(from);
        return -1;
    }
    int rc = 0;
    struct dirent *de;
    while (rc == 0 && (de = readdir(d)) != NULL) {
        if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
            continue;
        if (strncmp(de->d_name, PUBLISH_TMP_PREFIX, strlen(PUBLISH_TMP_PREFIX)) == 0)
            continue;  /* a killed per-file build's, never the user's */
        char *r = rel ? paths_join(rel, de->d_name) : xstrdup(de->d_name);
        char *src = paths_join(pub->real, r), *dst = paths_join(pub->stage, r);
        struct stat st;
        if (lstat(src, &st) != 0) {
            /* gone since the folder was listed: nothing to carry */
        } else if (S_ISDIR(st.st_mode)) {
            struct stat ds;
            bool exists = lstat(dst, &ds) == 0;
            if (!exists && mkdir(dst, st.st_mode & 07777) != 0)
                rc = -1;
            else if (depth < PUBLISH_MAX_DEPTH)
                rc = S_carry(pub, r, depth + 1, dl) == 0 ? 0 : -2;
            if (rc == -1)
                diag_add(dl, DIAG_ERROR, src, 0, NULL, NULL,
                         "cannot keep this folder of yours in the new outputs: %s",
                         strerror(errno));
        } else if (S_annreps(pub, r)) {
            /* an earlier build's output: replaced, or retired with the old folder */
        } else {
            struct stat ds;
            if (lstat(dst, &ds) == 0) {
                /* this build writes the same name: the new output wins */
            } else if (S_ISLNK(st.st_mode)) {
                char target[PATH_MAX];
                ssize_t n = readlink(src, target, sizeof target - 1);
                if (n < 0 || (target[n] = '\0', symlink(target, dst) != 0))
                    rc = -1;
            } else if (link(src, dst) != 0 && S_copy(src, dst, st.st_mode) != 0) {
                rc = -1;
            }
            if (rc == -1)
                diag_add(dl, DIAG_ERROR, src, 0, NULL, NULL,
                         "cannot keep this file of yours in the new outputs: %s",
                         strerror(errno));
        }
        free(src);
        free(dst);
        free(r);
    }
    closedir(d);
    free(from);
    return rc == 0 ? 0 : -1;
}

static annrep_status S_commit_swap(publish *pub, diag_list *dl)
{
    if (pub->real && S_carry(pub, NULL, 0, dl) != 0)
        return ANNREP_ERR_IO;
    char *man = paths_join(pub->stage, PUBLISH_MANIFEST);
    int rc = S_write_manifest(pub, man);
    if (rc != 0)
        diag_add(dl, DIAG_ERROR, man, 0, NULL, NULL, "cannot write the list of outputs: %s",
                 strerror(errno));
    free(man);
    if (rc != 0)
        return ANNREP_ERR_IO;
    S_kill_point("written");
    char *bad = NULL;
    if (S_sync_new(pub, &bad) != 0) {
        diag_add(dl, DIAG_ERROR, bad, 0, NULL, NULL, "cannot write the outputs to disk: %s",
                 strerror(errno));
        free(bad);
        return ANNREP_ERR_IO;
    }
    S_kill_point("synced");
#ifdef RENAME_EXCHANGE
    if (pub->real)
        rc = renameat2(AT_FDCWD, pub->stage, AT_FDCWD, pub->real, RENAME_EXCHANGE);
    else
        rc = renameat2(AT_FDCWD, pub->stage, AT_FDCWD, pub->outdir, RENAME_NOREPLACE);
#else
    rc = -1;
    errno = ENOTSUP;
#endif
    if (rc != 0) {
        diag_add(dl, DIAG_ERROR, pub->outdir, 0, NULL, NULL,
                 "cannot put the new outputs in place: %s; no output was changed",
                 strerror(errno));
        return ANNREP_ERR_IO;
    }
    S_kill_point("exchanged");
    /* The old folder is at the sibling's name now (a new folder: nothing). */
    if (pub->real)
        S_remove_tree(pub->stage);
    free(pub->stage);
    pub->stage = NULL;
    S_kill_point("cleaned");
    S_sync_done(pub);
    return ANNREP_OK;
}

/* ---- commit: per file -------------------------------------------------------- */

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

/* Rename i failed with err: say what changed and remove the temporaries
 * still ours (i onwards).  ANNREP_ERR_IO when i is the first, else
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
    return i == 0 ? ANNREP_ERR_IO : ANNREP_ERR_PARTIAL;
}

/* Remove what an earlier build made and this one does not: the old
 * manifest's names (or, without one, the retired names). */
static void S_remove_retired(publish *pub, diag_list *dl)
{
    char **list = pub->manifest ? pub->owned : pub->retire;
    size_t n = pub->manifest ? pub->nowned : pub->nretire;
    for (size_t i = 0; i < n; i++) {
        bool kept = false;
        for (size_t k = 0; k < pub->n && !kept; k++)
            kept = strcmp(pub->e[k].rel, list[i]) == 0;
        if (kept)
            continue;
        char *p = paths_join(pub->outdir, list[i]);
        if (unlink(p) != 0 && errno != ENOENT)
            diag_add(dl, DIAG_WARNING, p, 0, NULL, NULL,
                     "left from an earlier build and could not be removed: %s",
                     strerror(errno));
        free(p);
    }
}

static annrep_status S_commit_files(publish *pub, diag_list *dl)
{
    char *bad = NULL;
    if (S_sync_new(pub, &bad) != 0) {
        diag_add(dl, DIAG_ERROR, bad, 0, NULL, NULL, "cannot write the outputs to disk: %s",
                 strerror(errno));
        free(bad);
        S_unlink_from(pub, 0, dl);
        return ANNREP_ERR_IO;
    }
    S_kill_point("synced");
    for (size_t i = 0; i < pub->n; i++) {
        if (S_rename(pub, i) != 0)
            return S_rename_failed(pub, i, errno, dl);
        if (i == 0)
            S_kill_point("renamed-first");
    }
    /* Only now, with every new output in place, remove what this build no
     * longer makes, so that the folder shows this build alone; then the
     * manifest, under a temporary name and renamed too. */
    S_remove_retired(pub, dl);
    strbuf tmp = STRBUF_INIT;
    sb_appendf(&tmp, "%s/" PUBLISH_TMP_PREFIX "%ld-manifest", pub->outdir, (long)getpid());
    char *man = paths_join(pub->outdir, PUBLISH_MANIFEST);
    if (S_write_manifest(pub, sb_cstr(&tmp)) != 0 || rename(sb_cstr(&tmp), man) != 0) {
        diag_add(dl, DIAG_WARNING, man, 0, NULL, NULL,
                 "the outputs are in place, but the list of them could not be written: %s",
                 strerror(errno));
        (void)unlink(sb_cstr(&tmp));
    }
    free(man);
    sb_free(&tmp);
    S_sync_done(pub);
    return ANNREP_OK;
}

annrep_status publish_commit(publish *pub, diag_list *dl)
{
    if (!pub)
        return ANNREP_ERR_IO;
    if (S_precheck(pub, dl) != 0) {
        S_abort(pub, dl);
        return ANNREP_ERR_IO;
    }
    annrep_status st = pub->mode == PUBLISH_SWAP ? S_commit_swap(pub, dl)
                                                 : S_commit_files(pub, dl);
    if (st != ANNREP_OK && pub->mode == PUBLISH_SWAP && pub->stage)
        S_remove_tree(pub->stage);
    S_free(pub);
    return st;
}

bool publish_swaps(const publish *pub)
{
    return pub && pub->mode == PUBLISH_SWAP;
}
