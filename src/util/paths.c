/* paths.c - locating data files; see paths.h. */
#include "paths.h"

#include "alloc.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char *S_override;

void paths_set_data_dir(const char *dir)
{
    free(S_override);
    S_override = xstrdup(dir);
}

static bool S_has_fonts(const char *dir)
{
    char *f = paths_join(dir, "fonts/LiberationSans-Regular.ttf");
    bool ok = paths_is_file(f);
    free(f);
    return ok;
}

/* <dir of the running program>/../share/annrep, so that an install moved or
 * made with `cmake --install --prefix` still finds its data.  Linux only
 * (/proc/self/exe); NULL elsewhere or when it holds no fonts. */
static char *S_exe_relative(void)
{
    char buf[4096];
    ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
    if (n <= 0)
        return NULL;
    buf[n] = '\0';
    char *slash = strrchr(buf, '/');
    if (!slash)
        return NULL;
    *slash = '\0';
    char *dir = paths_join(buf, "../share/annrep");
    if (S_has_fonts(dir))
        return dir;
    free(dir);
    return NULL;
}

const char *paths_data_dir(void)
{
    if (S_override)
        return S_override;
    const char *env = getenv("ANNREP_DATA_DIR");
    if (env && *env)
        return env;
    if (S_has_fonts(ANNREP_SOURCE_DIR))
        return ANNREP_SOURCE_DIR;
    static char *exe_rel;
    if (!exe_rel)
        exe_rel = S_exe_relative();
    if (exe_rel)
        return exe_rel;
    return ANNREP_DATA_DIR;
}

char *paths_join(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    while (la > 1 && a[la - 1] == '/')
        la--;
    char *p = xmalloc(la + lb + 2);
    memcpy(p, a, la);
    p[la] = '/';
    memcpy(p + la + 1, b, lb + 1);
    return p;
}

bool paths_is_dir(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

bool paths_is_file(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

int paths_mkdir_p(const char *p)
{
    char *tmp = xstrdup(p);
    for (char *s = tmp + 1; *s; s++) {
        if (*s != '/')
            continue;
        *s = '\0';
        if (mkdir(tmp, 0777) != 0 && errno != EEXIST) {
            free(tmp);
            return -1;
        }
        *s = '/';
    }
    int rc = 0;
    if (mkdir(tmp, 0777) != 0 && errno != EEXIST)
        rc = -1;
    free(tmp);
    return rc;
}
