/*
 * What several unit tests need: a file's bytes, and a postmortem parsed
 * from a snippet with the failure reported as a test failure. Static, so
 * each test binary gets its own copy of what it uses.
 */
#ifndef HS_TEST_HELPERS_H
#define HS_TEST_HELPERS_H

#include "hindsight.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * A time limit of `seconds` for alarm(), times HS_TEST_TIME_SCALE (digits,
 * default 1): `make valgrind` runs the tests some 50 times slower, and a
 * limit that catches a stall in the release build failed a correct run
 * there on a loaded machine.
 */
static inline unsigned hs_test_seconds(unsigned seconds) {
    const char *v = getenv("HS_TEST_TIME_SCALE");
    unsigned scale = 0;
    for (; v && *v >= '0' && *v <= '9' && scale < 1000; v++)
        scale = scale * 10 + (unsigned)(*v - '0');
    return seconds * (scale ? scale : 1);
}

/* The whole file, NUL-terminated, or NULL when it cannot be opened (a test
 * of data that may be absent skips then); caller frees. */
static inline char *slurp(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    size_t n = 0, cap = 0, got;
    if (!f)
        return NULL;
    do {
        if (cap - n < 4096) {
            cap = cap ? cap * 2 : 8192;
            buf = realloc(buf, cap + 1);
            cr_assert_not_null(buf);
        }
        got = fread(buf + n, 1, cap - n, f);
        n += got;
    } while (got > 0);
    cr_assert(!ferror(f), "cannot read %s", path);
    fclose(f);
    buf[n] = '\0';
    if (len)
        *len = n;
    return buf;
}

/* The same for a file the test cannot do without. */
static inline char *slurp_ok(const char *path, size_t *len) {
    char *buf = slurp(path, len);
    cr_assert_not_null(buf, "cannot open %s", path);
    return buf;
}

/* Parse buf[0..len) as postmortem "t" read from `path` (may be NULL),
 * expecting success; caller frees. */
static inline hs_postmortem *parse_bytes(const char *buf, size_t len,
                                         const char *path) {
    hs_postmortem *pm = NULL;
    hs_error err = {0, ""};
    int rc =
        hs_postmortem_parse(buf, len, "t", path, HS_PARSE_DEFAULT, &pm, &err);
    cr_assert_eq(rc, 0, "hs_postmortem_parse = %d: %s", rc, err.msg);
    cr_assert_not_null(pm);
    return pm;
}

/* The same for a NUL-terminated snippet. */
static inline hs_postmortem *parse_at(const char *md, const char *path) {
    return parse_bytes(md, strlen(md), path);
}

#endif
