/*
 * libFuzzer target: the house-style file (hindsight.yml), which comes with
 * any folder that is indexed. bytes -> hs_config_parse -> every reader of
 * the result (names, severity scale, date order, concepts) ->
 * hs_config_free. Besides the sanitizers it checks that a refusal names
 * the file, that what a file names stays near its size (YAML aliases
 * once let 97 KB name 60 million strings; they are refused now) and that
 * max_file_size never lets a file past the 8 MiB read limit.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hindsight.h"
#include "read/config.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void fail(const char *what) {
    fprintf(stderr, "fuzz_config: %s\n", what);
    abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    hs_config *c = NULL;
    hs_error err = {0, ""};
    size_t named = 0;
    if (hs_config_parse((const char *)data, size, "h.yml", &c, &err) != 0) {
        if (c)
            fail("a refusal that returned a config");
        if (strncmp(err.msg, "h.yml", 5) != 0)
            fail("a refusal that does not name the file");
        return 0;
    }
    for (int f = 0; f < HS__NFACTS; f++)
        named += c->names[f].n;
    named += c->n_scale + c->concepts.n;
    /* a list shared through aliases counts once per fact (13) and once
     * for concepts; keys and scale words are nodes of their own */
    if (named > 16 * (size + 1))
        fail("more names than the file could hold");
    hs__config_severity(c, "Critical outage, SEV1");
    if (c->max_file_bytes > HS_MAX_FILE_BYTES)
        fail("max_file_size over the read limit");
    if (hs__config_check_size(c, HS_MAX_FILE_BYTES + 1u, &err) != HS_ETOOBIG)
        fail("a file over the read limit let through");
    hs_config_free(c);
    return 0;
}
