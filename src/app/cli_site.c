/*
 * The site command: write the static web view into a folder.
 */
#include "app/cli.h"

#include <string.h>

#include "base/banned.h"

int hs__cmd_site(hs__cli *cli, int argc, char **argv) {
    const char *out = NULL, *as_of = NULL;
    hs_site_stats st;
    hs_error err = {0, ""};
    hs_store *s;
    unsigned flags = 0;
    int rc;
    for (int i = 0; i < argc; i++) {
        if (!strcmp(argv[i], "--force")) {
            flags |= HS_SITE_FORCE;
        } else if (!strcmp(argv[i], "--out") || !strcmp(argv[i], "--as-of")) {
            if (i + 1 >= argc)
                return hs__usage_error("site", "%s needs a value", argv[i]);
            if (!strcmp(argv[i], "--out"))
                out = argv[++i];
            else
                as_of = argv[++i];
        } else {
            return hs__usage_error("site",
                                   argv[i][0] == '-'
                                       ? "unknown option '%s'"
                                       : "unexpected argument '%s'",
                                   argv[i]);
        }
    }
    if (!out || !*out)
        return hs__usage_error("site", "where to? give --out DIR");
    if (as_of && (rc = hs__check_date_opt("site", "--as-of", as_of)) != 0)
        return rc;
    if ((rc = hs__open_store(cli, HS_STORE_READONLY, &s)) != 0)
        return rc;
    rc = hs_site_build(s, out, as_of, flags, &st, &err);
    hs_store_close(s);
    if (rc)
        return hs__fail(&err);
    printf("%zu files: %zu written, %zu unchanged, %zu removed\n", st.pages,
           st.written, st.unchanged, st.removed);
    return HS_EXIT_OK;
}
