/* The hindsight program: everything happens in cli.c. */
#include "app/cli.h"

#include <signal.h>
#include <sqlite3.h>

int main(int argc, char **argv) {
    /*
     * No allocation statistics: with them every SQLite allocation takes a
     * global mutex (6% of the instructions of a search, and a lock the
     * threads of serve share). Before any other SQLite call.
     */
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    /*
     * A write past the file size limit (ulimit -f) is an error SQLite and
     * stdio report (EFBIG), as a full disk is: the signal it would send
     * killed `index` mid-run with no message, its half-built index left.
     */
    signal(SIGXFSZ, SIG_IGN);
    return hs__cli_main(argc, argv);
}
