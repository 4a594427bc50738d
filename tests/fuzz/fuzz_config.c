/*
 * libFuzzer target: the house-style file (hindsight.yml), which comes with
 * any folder that is indexed. bytes -> hs_config_parse -> every reader of
 * the result (names, severity scale, date order, concepts) ->
 * hs_config_free. Besides the sanitizers it checks that a refusal names
 * the file and that what a file names stays near its size: YAML aliases
 * once let 97 KB name 60 million strings.
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
    hs_config_free(c);
    return 0;
}
