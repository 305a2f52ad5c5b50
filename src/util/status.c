/* status.c - strings and exit codes of annrep_status; see status.h. */
#include "status.h"

const char *annrep_status_str(annrep_status st)
{
    switch (st) {
    case ANNREP_OK: return "success";
    case ANNREP_ERR_INPUT: return "invalid input";
    case ANNREP_ERR_IO: return "file input/output failure";
    case ANNREP_ERR_LIBRARY: return "library failure";
    case ANNREP_ERR_PARTIAL: return "outputs partly replaced";
    case ANNREP_ERR_INTERNAL: return "internal error";
    }
    return "unknown status";
}

int annrep_status_exit_code(annrep_status st)
{
    switch (st) {
    case ANNREP_OK: return 0;
    case ANNREP_ERR_INPUT: return 1;
    case ANNREP_ERR_IO:
    case ANNREP_ERR_LIBRARY:
    case ANNREP_ERR_PARTIAL:
    case ANNREP_ERR_INTERNAL: return 3;
    }
    return 3;
}

static int S_rank(annrep_status st)
{
    switch (st) {
    case ANNREP_OK: return 0;
    case ANNREP_ERR_INPUT: return 1;
    case ANNREP_ERR_IO: return 2;
    case ANNREP_ERR_LIBRARY: return 2;
    case ANNREP_ERR_PARTIAL: return 3;
    case ANNREP_ERR_INTERNAL: return 4;
    }
    return 4;
}

annrep_status annrep_status_worst(annrep_status a, annrep_status b)
{
    return S_rank(b) > S_rank(a) ? b : a;
}
