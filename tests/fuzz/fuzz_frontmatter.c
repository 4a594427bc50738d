/*
 * libFuzzer target: YAML front matter. bytes -> "---\n" bytes "\n---\n" ->
 * hs__fm_split (libyaml events into a tree at most HS__FM_MAX_DEPTH deep)
 * -> every accessor the extractor uses -> hs__fm_free. Besides the
 * sanitizers it checks the promises of frontmatter.h: a block is either
 * read as a mapping or dropped with a problem message, the body starts
 * after the block, and lines are inside it. libFuzzer's -timeout catches
 * the quadratic inputs (deep nesting, many keys times many items) that the
 * libyaml loader had; tests/fuzz/regressions/frontmatter-* are such inputs.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hindsight.h"
#include "read/frontmatter.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void fail(const char *what) {
    fprintf(stderr, "fuzz_frontmatter: %s\n", what);
    abort();
}

static const char *const keys[] = {
    "title",        "date",  "severity", "tags", "services",
    "action_items", "owner", "",         "id",   NULL};
static const char *const fields[] = {"action", "owner", "due",
                                     "status", "",      NULL};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    size_t len = size + 9, body_off = 0;
    char *text = malloc(len + 1);
    const char *problem = NULL;
    int n_lines = 0, problem_line = 0;
    hs__fm *fm = NULL;

    if (!text)
        return 0;
    memcpy(text, "---\n", 4);
    memcpy(text + 4, data, size);
    memcpy(text + 4 + size, "\n---\n", 5);
    text[len] = '\0';
    hs__fm_split(text, len, &fm, &body_off, &n_lines, &problem, &problem_line);
    if (body_off > len)
        fail("body offset past the end");
    if (fm && problem)
        fail("a problem message with a front matter read");
    if (problem && problem_line < 1)
        fail("a problem without its line");
    for (size_t k = 0; fm && keys[k]; k++) {
        hs_strlist l = {0};
        int line = 0;
        const char *v = hs__fm_scalar(fm, keys[k], &line);
        size_t n;
        if (v && (line < 2 || line > n_lines))
            fail("scalar line outside the block");
        hs__fm_list(fm, keys[k], &l);
        for (size_t i = 0; i < l.n; i++)
            free(l.v[i]);
        free(l.v);
        n = hs__fm_maps(fm, keys[k]);
        for (size_t i = 0; i < n; i++)
            for (size_t f = 0; fields[f]; f++) {
                line = 0;
                v = hs__fm_map_field(fm, keys[k], i, fields[f], &line);
                if (v && (line < 2 || line > n_lines))
                    fail("field line outside the block");
            }
    }
    hs__fm_free(fm);
    free(text);
    return 0;
}
