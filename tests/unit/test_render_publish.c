/* test_render_publish.c - atomic outputs (src/render/publish.c).
 *
 * Every test works in its own fresh folder under $TMPDIR.  "Byte for byte"
 * checks compare whole files, including a NUL and a high byte, against the
 * content written by the test itself, never against publish's own output. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "render/publish.h"
#include "util/alloc.h"
#include "util/paths.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

static const char OLD_BYTES[] = "old\0contents \xff\n";
static const char NEW_BYTES[] = "NEW contents, longer than the old ones\n";
#define OLD_LEN (sizeof OLD_BYTES - 1)
#define NEW_LEN (sizeof NEW_BYTES - 1)

static char *S_mktemp_dir(void)
{
    const char *t = getenv("TMPDIR");
    char *tmpl = paths_join(t && *t ? t : "/tmp", "annrep-publish-XXXXXX");
    assert_non_null(mkdtemp(tmpl));
    return tmpl;
}

static void S_rm_rf(const char *p)
{
    struct stat st;
    if (lstat(p, &st) != 0)
        return;
    if (S_ISDIR(st.st_mode)) {
        chmod(p, 0700);
        DIR *d = opendir(p);
        struct dirent *de;
        while (d && (de = readdir(d)) != NULL) {
            if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
                continue;
            char *c = paths_join(p, de->d_name);
            S_rm_rf(c);
            free(c);
        }
        if (d)
            closedir(d);
        rmdir(p);
    } else {
        unlink(p);
    }
}

static void S_write(const char *path, const char *bytes, size_t n)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(bytes, 1, n, f), n);
    assert_int_equal(fclose(f), 0);
}

/* True when the file holds exactly these n bytes. */
static int S_holds(const char *path, const char *bytes, size_t n)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return 0;
    char buf[256];
    size_t got = fread(buf, 1, sizeof buf, f);
    fclose(f);
    return got == n && memcmp(buf, bytes, n) == 0;
}

/* Number of ".annrep-tmp-" files anywhere below dir. */
static int S_count_temps(const char *dir)
{
    int n = 0;
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
            continue;
        if (strncmp(de->d_name, ".annrep-tmp-", 12) == 0)
            n++;
        char *c = paths_join(dir, de->d_name);
        if (paths_is_dir(c))
            n += S_count_temps(c);
        free(c);
    }
    closedir(d);
    return n;
}

static char *S_path(const char *dir, const char *rel)
{
    return paths_join(dir, rel);
}

/* publish_begin that must succeed. */
static publish *S_begin(const char *out, diag_list *dl)
{
    publish *pub = NULL;
    assert_int_equal(publish_begin(out, "public", &pub, dl), ANNREP_OK);
    assert_non_null(pub);
    return pub;
}

/* A good earlier build: report.pdf and charts/a.png hold OLD_BYTES. */
static void S_earlier_build(const char *out)
{
    diag_list dl = DIAG_LIST_INIT;
    publish *pub = S_begin(out, &dl);
    S_write(publish_file(pub, "report.pdf"), OLD_BYTES, OLD_LEN);
    S_write(publish_file(pub, "charts/a.png"), OLD_BYTES, OLD_LEN);
    assert_int_equal(publish_commit(pub, &dl), ANNREP_OK);
    assert_int_equal(dl.nerrors, 0);
    diag_free(&dl);
}

static void S_assert_earlier_outputs_unchanged(const char *out)
{
    char *a = S_path(out, "report.pdf"), *b = S_path(out, "charts/a.png");
    assert_true(S_holds(a, OLD_BYTES, OLD_LEN));
    assert_true(S_holds(b, OLD_BYTES, OLD_LEN));
    free(a);
    free(b);
    assert_int_equal(S_count_temps(out), 0);
}

/* A chart no longer made (its return was dropped) disappears with a good
 * build, and stays when the build fails. */
static void test_retired_output_removed_on_commit_kept_on_abort(void **state)
{
    (void)state;
    char *root = S_mktemp_dir();
    char *out = S_path(root, "out");
    S_earlier_build(out);
    char *a = S_path(out, "charts/a.png");

    diag_list dl = DIAG_LIST_INIT;
    publish *pub = S_begin(out, &dl);
    S_write(publish_file(pub, "report.pdf"), NEW_BYTES, NEW_LEN);
    publish_retire(pub, "charts/a.png");
    publish_abort(pub);
    assert_true(S_holds(a, OLD_BYTES, OLD_LEN));

    pub = S_begin(out, &dl);
    S_write(publish_file(pub, "report.pdf"), NEW_BYTES, NEW_LEN);
    publish_retire(pub, "charts/a.png");
    publish_retire(pub, "charts/never-made.png"); /* absent: no message */
    assert_int_equal(publish_commit(pub, &dl), ANNREP_OK);
    assert_int_equal(dl.n, 0);
    assert_false(paths_is_file(a));
    char *r = S_path(out, "report.pdf");
    assert_true(S_holds(r, NEW_BYTES, NEW_LEN));
    assert_int_equal(S_count_temps(out), 0);
    free(r);
    free(a);
    diag_free(&dl);
    S_rm_rf(root);
    free(out);
    free(root);
}

static void test_commit_renames_every_file_into_place(void **state)
{
    (void)state;
    char *root = S_mktemp_dir();
    char *out = S_path(root, "out dir with spaces");
    diag_list dl = DIAG_LIST_INIT;
    publish *pub = S_begin(out, &dl);
    assert_true(paths_is_dir(out));
    S_write(publish_file(pub, "figures.csv"), NEW_BYTES, NEW_LEN);
    S_write(publish_file(pub, "charts/x.svg"), OLD_BYTES, OLD_LEN);
    assert_int_equal(publish_commit(pub, &dl), ANNREP_OK);
    assert_int_equal(dl.n, 0);

    char *f = S_path(out, "figures.csv"), *c = S_path(out, "charts/x.svg");
    assert_true(S_holds(f, NEW_BYTES, NEW_LEN));
    assert_true(S_holds(c, OLD_BYTES, OLD_LEN));
    assert_int_equal(S_count_temps(out), 0);
    free(f);
    free(c);
    diag_free(&dl);
    free(out);
    S_rm_rf(root);
    free(root);
}

static void test_temporary_sits_next_to_final_file_with_pid_in_name(void **state)
{
    (void)state;
    char *root = S_mktemp_dir();
    diag_list dl = DIAG_LIST_INIT;
    publish *pub = S_begin(root, &dl);
    const char *t = publish_file(pub, "charts/lado.png");
    char want[64];
    snprintf(want, sizeof want, "/charts/.annrep-tmp-%ld-lado.png", (long)getpid());
    size_t lr = strlen(root);
    assert_int_equal(strncmp(t, root, lr), 0);
    assert_string_equal(t + lr, want);
    char *fin = publish_final_path(pub, "charts/lado.png");
    assert_string_equal(fin + lr, "/charts/lado.png");
    free(fin);
    /* Registering the same name again hands out the same temporary. */
    assert_ptr_equal(publish_file(pub, "charts/lado.png"), t);
    publish_abort(pub);
    diag_free(&dl);
    S_rm_rf(root);
    free(root);
}

static void test_abort_removes_temps_and_keeps_earlier_outputs(void **state)
{
    (void)state;
    char *root = S_mktemp_dir();
    S_earlier_build(root);
    diag_list dl = DIAG_LIST_INIT;
    publish *pub = S_begin(root, &dl);
    S_write(publish_file(pub, "report.pdf"), NEW_BYTES, NEW_LEN);
    S_write(publish_file(pub, "charts/a.png"), NEW_BYTES, NEW_LEN);
    assert_int_equal(S_count_temps(root), 2);
    publish_abort(pub);
    S_assert_earlier_outputs_unchanged(root);
    diag_free(&dl);
    S_rm_rf(root);
    free(root);
}

static void test_injected_failure_fails_commit_and_changes_nothing(void **state)
{
    (void)state;
    char *root = S_mktemp_dir();
    S_earlier_build(root);
    diag_list dl = DIAG_LIST_INIT;
    publish *pub = S_begin(root, &dl);
    S_write(publish_file(pub, "report.pdf"), NEW_BYTES, NEW_LEN);
    S_write(publish_file(pub, "charts/a.png"), NEW_BYTES, NEW_LEN);
    /* The later of the two files fails: the earlier must not have moved. */
    publish_inject_failure("a.png");
    assert_int_equal(publish_commit(pub, &dl), ANNREP_ERR_IO);
    publish_inject_failure(NULL);
    assert_int_equal(dl.nerrors, 1);
    assert_non_null(strstr(dl.items[0].file, "charts/a.png"));
    S_assert_earlier_outputs_unchanged(root);
    diag_free(&dl);
    S_rm_rf(root);
    free(root);
}

static void test_environment_hook_fails_commit_and_changes_nothing(void **state)
{
    (void)state;
    char *root = S_mktemp_dir();
    S_earlier_build(root);
    diag_list dl = DIAG_LIST_INIT;
    publish *pub = S_begin(root, &dl);
    S_write(publish_file(pub, "report.pdf"), NEW_BYTES, NEW_LEN);
    S_write(publish_file(pub, "charts/a.png"), NEW_BYTES, NEW_LEN);
    assert_int_equal(setenv("ANNREP_FAIL_AFTER", "report", 1), 0);
    annrep_status st = publish_commit(pub, &dl);
    unsetenv("ANNREP_FAIL_AFTER");
    assert_int_equal(st, ANNREP_ERR_IO);
    assert_int_equal(dl.nerrors, 1);
    S_assert_earlier_outputs_unchanged(root);
    diag_free(&dl);
    S_rm_rf(root);
    free(root);
}

static void test_output_never_written_fails_commit_and_changes_nothing(void **state)
{
    (void)state;
    char *root = S_mktemp_dir();
    S_earlier_build(root);
    diag_list dl = DIAG_LIST_INIT;
    publish *pub = S_begin(root, &dl);
    S_write(publish_file(pub, "report.pdf"), NEW_BYTES, NEW_LEN);
    (void)publish_file(pub, "charts/a.png"); /* a writer that wrote nothing */
    assert_int_equal(publish_commit(pub, &dl), ANNREP_ERR_IO);
    assert_int_equal(dl.nerrors, 1);
    S_assert_earlier_outputs_unchanged(root);
    diag_free(&dl);
    S_rm_rf(root);
    free(root);
}

static void test_folder_in_place_of_output_fails_before_any_rename(void **state)
{
    (void)state;
    char *root = S_mktemp_dir();
    S_earlier_build(root);
    char *blocker = S_path(root, "zz.xlsx");
    assert_int_equal(mkdir(blocker, 0777), 0);
    char *inside = S_path(blocker, "keep");
    S_write(inside, "k", 1);

    diag_list dl = DIAG_LIST_INIT;
    publish *pub = S_begin(root, &dl);
    S_write(publish_file(pub, "report.pdf"), NEW_BYTES, NEW_LEN);
    S_write(publish_file(pub, "charts/a.png"), NEW_BYTES, NEW_LEN);
    S_write(publish_file(pub, "zz.xlsx"), NEW_BYTES, NEW_LEN);
    assert_int_equal(publish_commit(pub, &dl), ANNREP_ERR_IO);
    assert_int_equal(dl.nerrors, 1);
    S_assert_earlier_outputs_unchanged(root);
    assert_true(paths_is_dir(blocker));
    assert_true(S_holds(inside, "k", 1));
    free(inside);
    free(blocker);
    diag_free(&dl);
    S_rm_rf(root);
    free(root);
}

static void test_file_in_place_of_output_folder_is_an_error(void **state)
{
    (void)state;
    char *root = S_mktemp_dir();
    char *out = S_path(root, "out");
    S_write(out, "not a folder", 12);
    diag_list dl = DIAG_LIST_INIT;
    static int sentinel;
    publish *pub = (publish *)(void *)&sentinel;
    assert_int_equal(publish_begin(out, "public", &pub, &dl), ANNREP_ERR_IO);
    assert_null(pub);
    assert_int_equal(dl.nerrors, 1);
    assert_true(S_holds(out, "not a folder", 12));
    diag_free(&dl);
    free(out);
    S_rm_rf(root);
    free(root);
}

static void test_file_in_place_of_charts_folder_fails_and_changes_nothing(void **state)
{
    (void)state;
    char *root = S_mktemp_dir();
    char *rep = S_path(root, "report.pdf"), *charts = S_path(root, "charts");
    S_write(rep, OLD_BYTES, OLD_LEN);
    S_write(charts, OLD_BYTES, OLD_LEN);
    diag_list dl = DIAG_LIST_INIT;
    publish *pub = S_begin(root, &dl);
    S_write(publish_file(pub, "report.pdf"), NEW_BYTES, NEW_LEN);
    const char *t = publish_file(pub, "charts/a.png");
    assert_null(fopen(t, "wb")); /* the writer cannot open its temporary */
    assert_int_equal(publish_commit(pub, &dl), ANNREP_ERR_IO);
    assert_true(dl.nerrors >= 1);
    assert_true(S_holds(rep, OLD_BYTES, OLD_LEN));
    assert_true(S_holds(charts, OLD_BYTES, OLD_LEN));
    assert_int_equal(S_count_temps(root), 0);
    free(rep);
    free(charts);
    diag_free(&dl);
    S_rm_rf(root);
    free(root);
}

static void test_read_only_folder_makes_the_writer_fail_and_abort_cleans(void **state)
{
    (void)state;
    if (geteuid() == 0)
        skip(); /* root writes into read-only folders; the hook tests cover it */
    char *root = S_mktemp_dir();
    S_earlier_build(root);
    char *charts = S_path(root, "charts");
    assert_int_equal(chmod(root, 0555), 0);
    assert_int_equal(chmod(charts, 0555), 0);
    diag_list dl = DIAG_LIST_INIT;
    publish *pub = S_begin(root, &dl);
    assert_non_null(pub);
    assert_null(fopen(publish_file(pub, "report.pdf"), "wb"));
    publish_abort(pub);
    chmod(root, 0755);
    chmod(charts, 0755);
    S_assert_earlier_outputs_unchanged(root);
    free(charts);
    diag_free(&dl);
    S_rm_rf(root);
    free(root);
}

static void test_read_only_folder_fails_commit_of_written_outputs(void **state)
{
    (void)state;
    if (geteuid() == 0)
        skip();
    /* Temporaries written, then the folder turns read-only: rename fails on
     * the first file, so nothing changed. */
    char *root = S_mktemp_dir();
    S_earlier_build(root);
    diag_list dl = DIAG_LIST_INIT;
    publish *pub = S_begin(root, &dl);
    S_write(publish_file(pub, "report.pdf"), NEW_BYTES, NEW_LEN);
    S_write(publish_file(pub, "charts/a.png"), NEW_BYTES, NEW_LEN);
    assert_int_equal(chmod(root, 0555), 0);
    assert_int_equal(publish_commit(pub, &dl), ANNREP_ERR_IO);
    assert_int_equal(chmod(root, 0755), 0);
    assert_int_equal(dl.nerrors, 1);
    assert_non_null(strstr(dl.items[0].message, "no output was changed"));
    /* Nor can the temporary in the read-only folder be removed: said so. */
    assert_int_equal(dl.nwarnings, 1);
    char *rep = S_path(root, "report.pdf"), *png = S_path(root, "charts/a.png");
    assert_true(S_holds(rep, OLD_BYTES, OLD_LEN));
    assert_true(S_holds(png, OLD_BYTES, OLD_LEN));
    assert_int_equal(S_count_temps(root), 1);
    free(rep);
    free(png);
    diag_free(&dl);
    S_rm_rf(root);
    free(root);
}

/* Three outputs, in the order every build here registers them. */
static const char *const THREE[] = {"report.pdf", "charts/a.png", "pack.xlsx"};
#define NTHREE (sizeof THREE / sizeof THREE[0])

/* A good build of THREE with OLD_BYTES, then a build of THREE with
 * NEW_BYTES whose k-th rename fails with EIO (the test hook).  Returns what
 * the second commit returned; its messages are in dl. */
static annrep_status S_commit_failing_rename(const char *root, int k, diag_list *dl)
{
    diag_list first = DIAG_LIST_INIT;
    publish *pub = S_begin(root, &first);
    for (size_t i = 0; i < NTHREE; i++)
        S_write(publish_file(pub, THREE[i]), OLD_BYTES, OLD_LEN);
    assert_int_equal(publish_commit(pub, &first), ANNREP_OK);
    assert_int_equal(first.n, 0);
    diag_free(&first);

    pub = S_begin(root, dl);
    for (size_t i = 0; i < NTHREE; i++)
        S_write(publish_file(pub, THREE[i]), NEW_BYTES, NEW_LEN);
    publish_inject_rename_failure(k, EIO);
    annrep_status st = publish_commit(pub, dl);
    publish_inject_rename_failure(0, 0);
    return st;
}

/* The outputs before the k-th hold NEW_BYTES, the k-th and later OLD_BYTES,
 * and no temporary is left. */
static void S_assert_first_replaced(const char *root, size_t replaced)
{
    for (size_t i = 0; i < NTHREE; i++) {
        char *p = S_path(root, THREE[i]);
        if (i < replaced)
            assert_true(S_holds(p, NEW_BYTES, NEW_LEN));
        else
            assert_true(S_holds(p, OLD_BYTES, OLD_LEN));
        free(p);
    }
    assert_int_equal(S_count_temps(root), 0);
}

static void test_rename_failing_part_way_is_reported_with_what_changed(void **state)
{
    (void)state;
    /* The residual window of publish.c, made visible under any user (root
     * included, as in CI) by the test hook: the 2nd, then the 3rd of three
     * renames fails. */
    static const char *const said[] = {
        NULL,
        "; 1 of 3 outputs were already replaced by this build (report.pdf), "
        "the others are from the earlier build: build again",
        "; 2 of 3 outputs were already replaced by this build (report.pdf, charts/a.png), "
        "the others are from the earlier build: build again",
    };
    for (int k = 2; k <= 3; k++) {
        char *root = S_mktemp_dir();
        diag_list dl = DIAG_LIST_INIT;
        assert_int_equal(S_commit_failing_rename(root, k, &dl), ANNREP_ERR_PARTIAL);
        assert_int_equal(dl.n, 1);
        assert_int_equal(dl.nerrors, 1);
        char *failed = S_path(root, THREE[k - 1]);
        assert_string_equal(dl.items[0].file, failed);
        assert_non_null(strstr(dl.items[0].message, strerror(EIO)));
        assert_non_null(strstr(dl.items[0].message, said[k - 1]));
        S_assert_first_replaced(root, (size_t)k - 1);
        free(failed);
        diag_free(&dl);
        S_rm_rf(root);
        free(root);
    }
}

static void test_first_rename_failing_changes_nothing(void **state)
{
    (void)state;
    char *root = S_mktemp_dir();
    diag_list dl = DIAG_LIST_INIT;
    assert_int_equal(S_commit_failing_rename(root, 1, &dl), ANNREP_ERR_IO);
    assert_int_equal(dl.n, 1);
    assert_non_null(strstr(dl.items[0].message, "no output was changed"));
    S_assert_first_replaced(root, 0);
    diag_free(&dl);
    S_rm_rf(root);
    free(root);
}

static void test_read_only_charts_folder_fails_a_real_rename_part_way(void **state)
{
    (void)state;
    if (geteuid() == 0)
        skip(); /* root renames in read-only folders; the hook tests above cover the path */
    /* The same window through a real rename(2) failure (EACCES), not the
     * hook: charts/ turns read-only after the temporaries were written, so
     * report.pdf is replaced and charts/a.png is not. */
    char *root = S_mktemp_dir();
    S_earlier_build(root);
    diag_list dl = DIAG_LIST_INIT;
    publish *pub = S_begin(root, &dl);
    S_write(publish_file(pub, "report.pdf"), NEW_BYTES, NEW_LEN);
    S_write(publish_file(pub, "charts/a.png"), NEW_BYTES, NEW_LEN);
    char *charts = S_path(root, "charts");
    assert_int_equal(chmod(charts, 0555), 0);
    assert_int_equal(publish_commit(pub, &dl), ANNREP_ERR_PARTIAL);
    assert_int_equal(chmod(charts, 0755), 0);
    assert_int_equal(dl.nerrors, 1);
    assert_non_null(strstr(dl.items[0].message, strerror(EACCES)));
    assert_non_null(strstr(dl.items[0].message, "1 of 2 outputs were already replaced "
                                                "by this build (report.pdf)"));
    char *rep = S_path(root, "report.pdf"), *png = S_path(root, "charts/a.png");
    assert_true(S_holds(rep, NEW_BYTES, NEW_LEN));
    assert_true(S_holds(png, OLD_BYTES, OLD_LEN));
    free(rep);
    free(png);
    free(charts);
    diag_free(&dl);
    S_rm_rf(root);
    free(root);
}

static void test_bad_output_names_are_refused(void **state)
{
    (void)state;
    static const char *const bad[] = {"", "/etc/x", "../x", "a/b/c.png", "charts/..",
                                      "./x", ".annrep-tmp-1-x", "charts/"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char *root = S_mktemp_dir();
        diag_list dl = DIAG_LIST_INIT;
        publish *pub = S_begin(root, &dl);
        const char *t = publish_file(pub, bad[i]);
        assert_non_null(t);
        S_write(t, "x", 1); /* lands inside root, removed by the failure */
        assert_int_equal(publish_commit(pub, &dl), ANNREP_ERR_IO);
        assert_int_equal(dl.nerrors, 1);
        assert_int_equal(S_count_temps(root), 0);
        diag_free(&dl);
        S_rm_rf(root);
        free(root);
    }
}

static void test_abort_removes_the_folders_it_created(void **state)
{
    (void)state;
    char *root = S_mktemp_dir();
    char *out = S_path(root, "new-out");
    diag_list dl = DIAG_LIST_INIT;
    publish *pub = S_begin(out, &dl);
    S_write(publish_file(pub, "charts/a.png"), NEW_BYTES, NEW_LEN);
    publish_abort(pub);
    assert_false(paths_is_dir(out));
    /* A folder that was there before stays. */
    assert_int_equal(mkdir(out, 0777), 0);
    pub = S_begin(out, &dl);
    S_write(publish_file(pub, "charts/a.png"), NEW_BYTES, NEW_LEN);
    publish_abort(pub);
    assert_true(paths_is_dir(out));
    char *charts = S_path(out, "charts");
    assert_false(paths_is_dir(charts));
    free(charts);
    diag_free(&dl);
    free(out);
    S_rm_rf(root);
    free(root);
}

static void test_begin_removes_temps_of_dead_builds_only(void **state)
{
    (void)state;
    char *root = S_mktemp_dir();
    pid_t child = fork();
    assert_true(child >= 0);
    if (child == 0)
        _exit(0);
    assert_int_equal(waitpid(child, NULL, 0), child);
    char name[64];
    char *charts = S_path(root, "charts");
    assert_int_equal(mkdir(charts, 0777), 0);
    snprintf(name, sizeof name, ".annrep-tmp-%ld-a.png", (long)child);
    char *dead = S_path(charts, name);
    S_write(dead, "x", 1);
    snprintf(name, sizeof name, ".annrep-tmp-%ld-a.png", (long)getppid());
    char *alive = S_path(charts, name);
    S_write(alive, "x", 1);
    char *other = S_path(root, ".annrep-tmp-notapid");
    S_write(other, "x", 1);

    diag_list dl = DIAG_LIST_INIT;
    publish *pub = S_begin(root, &dl);
    assert_false(paths_is_file(dead));
    assert_true(paths_is_file(alive));
    assert_true(paths_is_file(other));
    publish_abort(pub);
    free(dead);
    free(alive);
    free(other);
    free(charts);
    diag_free(&dl);
    S_rm_rf(root);
    free(root);
}

static void test_null_is_safe_for_commit_and_abort(void **state)
{
    (void)state;
    diag_list dl = DIAG_LIST_INIT;
    publish_abort(NULL);
    assert_int_equal(publish_commit(NULL, &dl), ANNREP_ERR_IO);
    assert_int_equal(dl.n, 0);
    diag_free(&dl);
}

/* ---- the swap (Linux): the new set put in place in one step ---------- */

/* Number of entries of dir whose names start with prefix. */
static int S_count_prefixed(const char *dir, const char *prefix)
{
    int n = 0;
    DIR *d = opendir(dir);
    struct dirent *de;
    while (d && (de = readdir(d)) != NULL)
        if (strncmp(de->d_name, prefix, strlen(prefix)) == 0)
            n++;
    if (d)
        closedir(d);
    return n;
}

static char *S_slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *buf = xcalloc(1, 4096);
    size_t got = fread(buf, 1, 4095, f);
    buf[got] = '\0';
    fclose(f);
    return buf;
}

/* An earlier build wrote report.pdf, charts/a.png and charts/b.png; the user
 * then put notes.txt, charts/mine.png, sub/deep/file.txt and a symbolic
 * link in the folder.  The next build writes report.pdf and charts/a.png
 * anew and not charts/b.png: after the commit the folder holds the new
 * set, b.png is gone, every file of the user's is there with its bytes,
 * the manifest lists this build's outputs, and no sibling folder is left. */
static void test_swap_puts_the_new_set_in_place_and_keeps_the_users_files(void **state)
{
    (void)state;
    char *root = S_mktemp_dir();
    char *out = S_path(root, "out");
    diag_list dl = DIAG_LIST_INIT;
    publish *pub = S_begin(out, &dl);
    assert_true(publish_swaps(pub));
    S_write(publish_file(pub, "report.pdf"), OLD_BYTES, OLD_LEN);
    S_write(publish_file(pub, "charts/a.png"), OLD_BYTES, OLD_LEN);
    S_write(publish_file(pub, "charts/b.png"), OLD_BYTES, OLD_LEN);
    assert_int_equal(publish_commit(pub, &dl), ANNREP_OK);
    char *notes = S_path(out, "notes.txt"), *mine = S_path(out, "charts/mine.png");
    char *sub = S_path(out, "sub"), *deep = S_path(out, "sub/deep"), *file = S_path(out, "sub/deep/file.txt");
    char *lnk = S_path(out, "latest");
    S_write(notes, NEW_BYTES, NEW_LEN);
    S_write(mine, NEW_BYTES, NEW_LEN);
    assert_int_equal(mkdir(sub, 0755), 0);
    assert_int_equal(mkdir(deep, 0755), 0);
    S_write(file, OLD_BYTES, OLD_LEN);
    assert_int_equal(symlink("report.pdf", lnk), 0);

    pub = S_begin(out, &dl);
    S_write(publish_file(pub, "report.pdf"), NEW_BYTES, NEW_LEN);
    S_write(publish_file(pub, "charts/a.png"), NEW_BYTES, NEW_LEN);
    /* Before the commit nothing in the folder has changed. */
    char *a = S_path(out, "charts/a.png"), *b = S_path(out, "charts/b.png"), *r = S_path(out, "report.pdf");
    assert_true(S_holds(r, OLD_BYTES, OLD_LEN));
    assert_int_equal(publish_commit(pub, &dl), ANNREP_OK);
    assert_int_equal(dl.n, 0);
    assert_true(S_holds(r, NEW_BYTES, NEW_LEN));
    assert_true(S_holds(a, NEW_BYTES, NEW_LEN));
    assert_false(paths_is_file(b));
    assert_true(S_holds(notes, NEW_BYTES, NEW_LEN));
    assert_true(S_holds(mine, NEW_BYTES, NEW_LEN));
    assert_true(S_holds(file, OLD_BYTES, OLD_LEN));
    char target[64];
    ssize_t n = readlink(lnk, target, sizeof target - 1);
    assert_true(n == 10 && memcmp(target, "report.pdf", 10) == 0);
    char *man = S_path(out, ".annrep-manifest");
    char *m = S_slurp(man);
    assert_non_null(m);
    assert_string_equal(m, "annrep outputs 1\nkind public\nreport.pdf\ncharts/a.png\n");
    assert_int_equal(S_count_prefixed(root, ".out.annrep-"), 0);
    free(m);
    free(man);
    free(a);
    free(b);
    free(r);
    free(notes);
    free(mine);
    free(sub);
    free(deep);
    free(file);
    free(lnk);
    diag_free(&dl);
    S_rm_rf(root);
    free(out);
    free(root);
}

/* A file of the user's under the name of a chart this build does not draw
 * (the manifest does not list it) is kept: only annrep's files are removed. */
static void test_swap_keeps_a_users_file_under_a_retired_name(void **state)
{
    (void)state;
    char *root = S_mktemp_dir();
    char *out = S_path(root, "out");
    diag_list dl = DIAG_LIST_INIT;
    publish *pub = S_begin(out, &dl);
    S_write(publish_file(pub, "report.pdf"), OLD_BYTES, OLD_LEN);
    assert_int_equal(publish_commit(pub, &dl), ANNREP_OK);
    char *charts = S_path(out, "charts"), *funding = S_path(out, "charts/funding.png");
    assert_int_equal(mkdir(charts, 0755), 0);
    S_write(funding, NEW_BYTES, NEW_LEN);
    pub = S_begin(out, &dl);
    S_write(publish_file(pub, "report.pdf"), NEW_BYTES, NEW_LEN);
    publish_retire(pub, "charts/funding.png");
    assert_int_equal(publish_commit(pub, &dl), ANNREP_OK);
    assert_true(S_holds(funding, NEW_BYTES, NEW_LEN));
    free(charts);
    free(funding);
    diag_free(&dl);
    S_rm_rf(root);
    free(out);
    free(root);
}

/* A failed build leaves the folder as it was and no sibling behind. */
static void test_swap_that_fails_changes_nothing(void **state)
{
    (void)state;
    char *root = S_mktemp_dir();
    char *out = S_path(root, "out");
    S_earlier_build(out);
    diag_list dl = DIAG_LIST_INIT;
    publish *pub = S_begin(out, &dl);
    assert_true(publish_swaps(pub));
    S_write(publish_file(pub, "report.pdf"), NEW_BYTES, NEW_LEN);
    S_write(publish_file(pub, "charts/a.png"), NEW_BYTES, NEW_LEN);
    publish_inject_failure("charts/a.png");
    assert_int_equal(publish_commit(pub, &dl), ANNREP_ERR_IO);
    publish_inject_failure(NULL);
    S_assert_earlier_outputs_unchanged(out);
    assert_int_equal(S_count_prefixed(root, ".out.annrep-"), 0);
    pub = S_begin(out, &dl);
    S_write(publish_file(pub, "report.pdf"), NEW_BYTES, NEW_LEN);
    publish_abort(pub);
    S_assert_earlier_outputs_unchanged(out);
    assert_int_equal(S_count_prefixed(root, ".out.annrep-"), 0);
    diag_free(&dl);
    S_rm_rf(root);
    free(out);
    free(root);
}

/* A new folder appears only at the commit, whole. */
static void test_swap_makes_a_new_folder_appear_whole(void **state)
{
    (void)state;
    char *root = S_mktemp_dir();
    char *out = S_path(root, "new/out");
    diag_list dl = DIAG_LIST_INIT;
    publish *pub = S_begin(out, &dl);
    assert_true(publish_swaps(pub));
    S_write(publish_file(pub, "report.pdf"), NEW_BYTES, NEW_LEN);
    S_write(publish_file(pub, "charts/a.png"), NEW_BYTES, NEW_LEN);
    assert_false(paths_is_dir(out));
    assert_int_equal(publish_commit(pub, &dl), ANNREP_OK);
    char *a = S_path(out, "charts/a.png");
    assert_true(S_holds(a, NEW_BYTES, NEW_LEN));
    free(a);
    diag_free(&dl);
    S_rm_rf(root);
    free(out);
    free(root);
}

/* The restricted edition into the public one's folder is refused: neither
 * may replace the other. */
static void test_outputs_of_another_kind_are_refused(void **state)
{
    (void)state;
    char *root = S_mktemp_dir();
    char *out = S_path(root, "out");
    S_earlier_build(out);
    diag_list dl = DIAG_LIST_INIT;
    publish *pub = NULL;
    assert_int_equal(publish_begin(out, "restricted", &pub, &dl), ANNREP_ERR_INPUT);
    assert_null(pub);
    assert_int_equal(dl.nerrors, 1);
    assert_non_null(strstr(dl.items[0].message, "holds annrep's public outputs"));
    S_assert_earlier_outputs_unchanged(out);
    diag_free(&dl);
    S_rm_rf(root);
    free(out);
    free(root);
}

/* What a killed build left next to the folder (its sibling, by pid) is
 * removed by the next begin; a live build's is not. */
static void test_begin_removes_the_siblings_of_dead_builds_only(void **state)
{
    (void)state;
    char *root = S_mktemp_dir();
    char *out = S_path(root, "out");
    S_earlier_build(out);
    pid_t child = fork();
    if (child == 0)
        _exit(0);
    assert_true(child > 0);
    assert_int_equal(waitpid(child, NULL, 0), child);
    char name[64];
    snprintf(name, sizeof name, ".out.annrep-%ld", (long)child);
    char *dead = S_path(root, name);
    snprintf(name, sizeof name, ".out.annrep-%ld", (long)getppid());
    char *live = S_path(root, name);
    char *deadfile = S_path(dead, "charts");
    assert_int_equal(mkdir(dead, 0755), 0);
    assert_int_equal(mkdir(deadfile, 0755), 0);
    assert_int_equal(mkdir(live, 0755), 0);
    diag_list dl = DIAG_LIST_INIT;
    publish *pub = S_begin(out, &dl);
    assert_false(paths_is_dir(dead));
    assert_true(paths_is_dir(live));
    publish_abort(pub);
    rmdir(live);
    free(dead);
    free(live);
    free(deadfile);
    diag_free(&dl);
    S_rm_rf(root);
    free(out);
    free(root);
}

static int S_per_file(void **state)
{
    (void)state;
    publish_force_per_file(true);
    return 0;
}

static int S_swap(void **state)
{
    (void)state;
    publish_force_per_file(false);
    return 0;
}

int main(void)
{
    const struct CMUnitTest swap[] = {
        cmocka_unit_test(test_swap_puts_the_new_set_in_place_and_keeps_the_users_files),
        cmocka_unit_test(test_swap_keeps_a_users_file_under_a_retired_name),
        cmocka_unit_test(test_swap_that_fails_changes_nothing),
        cmocka_unit_test(test_swap_makes_a_new_folder_appear_whole),
        cmocka_unit_test(test_outputs_of_another_kind_are_refused),
        cmocka_unit_test(test_begin_removes_the_siblings_of_dead_builds_only),
        cmocka_unit_test(test_injected_failure_fails_commit_and_changes_nothing),
        cmocka_unit_test(test_folder_in_place_of_output_fails_before_any_rename),
        cmocka_unit_test(test_file_in_place_of_output_folder_is_an_error),
        cmocka_unit_test(test_bad_output_names_are_refused),
    };
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_commit_renames_every_file_into_place),
        cmocka_unit_test(test_retired_output_removed_on_commit_kept_on_abort),
        cmocka_unit_test(test_temporary_sits_next_to_final_file_with_pid_in_name),
        cmocka_unit_test(test_abort_removes_temps_and_keeps_earlier_outputs),
        cmocka_unit_test(test_injected_failure_fails_commit_and_changes_nothing),
        cmocka_unit_test(test_environment_hook_fails_commit_and_changes_nothing),
        cmocka_unit_test(test_output_never_written_fails_commit_and_changes_nothing),
        cmocka_unit_test(test_folder_in_place_of_output_fails_before_any_rename),
        cmocka_unit_test(test_file_in_place_of_output_folder_is_an_error),
        cmocka_unit_test(test_file_in_place_of_charts_folder_fails_and_changes_nothing),
        cmocka_unit_test(test_read_only_folder_makes_the_writer_fail_and_abort_cleans),
        cmocka_unit_test(test_read_only_folder_fails_commit_of_written_outputs),
        cmocka_unit_test(test_rename_failing_part_way_is_reported_with_what_changed),
        cmocka_unit_test(test_first_rename_failing_changes_nothing),
        cmocka_unit_test(test_read_only_charts_folder_fails_a_real_rename_part_way),
        cmocka_unit_test(test_bad_output_names_are_refused),
        cmocka_unit_test(test_abort_removes_the_folders_it_created),
        cmocka_unit_test(test_begin_removes_temps_of_dead_builds_only),
        cmocka_unit_test(test_null_is_safe_for_commit_and_abort),
    };
    /* The swap where this machine can make it (Linux, RENAME_EXCHANGE),
     * then every test of the way one file at a time. */
    int failed = cmocka_run_group_tests_name("swap", swap, S_swap, NULL);
    return failed + cmocka_run_group_tests_name("per file", tests, S_per_file, NULL);
}
