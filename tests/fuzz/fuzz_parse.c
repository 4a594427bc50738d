/*
 * libFuzzer target: markdown postmortems, after cmark-gfm's cmark-fuzz.c.
 * bytes -> hs_postmortem_parse (decode, front matter, cmark, extract) ->
 * hs_postmortem_to_json, and hs_markdown_to_html of the same bytes.
 *
 * Beyond the sanitizers, it checks what the header promises: the parse
 * gives 0, HS_ETOOBIG or HS_EFORMAT with `out` NULL on error; the record's
 * fields are in range; the JSON is JSON with every key and list element
 * (jansson drops strings that are not UTF-8) and survives the round trip
 * through hs__postmortem_from_json that the index makes; the HTML is UTF-8
 * (site.c puts it in a JSON string) and safe (no raw <script>, no
 * javascript: links).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "hindsight.h"
#include "model/json.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void fail(const char *what) {
    fprintf(stderr, "fuzz_parse: %s\n", what);
    abort();
}

static void check_date(const char *d) {
    char out[11];
    if (!*d)
        return;
    if (strlen(d) != 10 || hs_date_parse(d, out) != 0 || strcmp(out, d))
        fail("record date is not a YYYY-MM-DD calendar date");
}

static void check_record(const hs_postmortem *pm) {
    size_t i;
    if (!pm->id || !*pm->id)
        fail("record without an id");
    if (pm->severity < 0 || pm->severity > 4)
        fail("severity out of 0..4");
    if (pm->duration_minutes < -1)
        fail("negative duration other than -1");
    check_date(pm->date);
    for (i = 0; i < pm->n_actions; i++) {
        if (!pm->actions[i].action)
            fail("action item without text");
        check_date(pm->actions[i].due);
        if ((unsigned)pm->actions[i].status > HS_STATUS_DONE)
            fail("action status out of range");
    }
    for (i = 0; i < pm->n_timeline; i++)
        if (!pm->timeline[i].event)
            fail("timeline entry without an event");
    for (i = 0; i < pm->n_warnings; i++)
        if (!pm->warnings[i].msg)
            fail("warning without a message");
}

/* The array `key` of `o` has n elements (a string that is not UTF-8 would
 * have been dropped from it without a word). */
static void check_len(json_t *o, const char *key, size_t n) {
    json_t *a = json_object_get(o, key);
    if (!json_is_array(a) || json_array_size(a) != n) {
        fprintf(stderr, "key '%s': want %zu elements\n", key, n);
        fail("record JSON lost list elements");
    }
}

static void check_json(const hs_postmortem *pm, int indent) {
    static const char *const keys[] = {"id",         "path",
                                       "title",      "date",
                                       "severity",   "duration_minutes",
                                       "impact",     "incident_commander",
                                       "responders", "summary",
                                       "root_cause", "timeline",
                                       "went_well",  "went_wrong",
                                       "lessons",    "action_items",
                                       "tags",       "auto_tags",
                                       "services",   "document_url",
                                       "references", NULL};
    json_error_t jerr;
    char *s = hs_postmortem_to_json(pm, indent), *again;
    hs_postmortem *back;
    json_t *v;
    if (!s)
        fail("hs_postmortem_to_json returned NULL");
    v = json_loads(s, 0, &jerr);
    if (!v || !json_is_object(v)) {
        fprintf(stderr, "json error: %s\n", jerr.text);
        fail("hs_postmortem_to_json gave invalid JSON");
    }
    for (size_t i = 0; keys[i]; i++)
        if (!json_object_get(v, keys[i])) {
            fprintf(stderr, "key '%s'\n", keys[i]);
            fail("record JSON lost a key (a string that is not UTF-8?)");
        }
    check_len(v, "timeline", pm->n_timeline);
    check_len(v, "action_items", pm->n_actions);
    check_len(v, "responders", pm->responders.n);
    check_len(v, "tags", pm->tags.n);
    check_len(v, "services", pm->services.n);
    check_len(v, "references", pm->references.n);
    json_decref(v);
    /* the index stores this JSON and `show` reads it back: a round trip
     * must give the same record */
    back = hs__postmortem_from_json(s);
    if (!back)
        fail("hs__postmortem_from_json refused our own JSON");
    again = hs_postmortem_to_json(back, indent);
    if (strcmp(s, again)) {
        fprintf(stderr, "before: %s\nafter:  %s\n", s, again);
        fail("record JSON does not survive a round trip");
    }
    free(again);
    hs_postmortem_free(back);
    free(s);
}

/* ASCII-lowercase copy, so "<SCRIPT" and "JavaScript:" are found too. */
static char *lower(const char *s) {
    size_t n = strlen(s), i;
    char *l = malloc(n + 1);
    if (!l)
        fail("out of memory");
    for (i = 0; i <= n; i++)
        l[i] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] + 32 : s[i]);
    return l;
}

static void check_html(const uint8_t *data, size_t size) {
    char *html = hs_markdown_to_html((const char *)data, size);
    char *l;
    json_t *js;
    if (!html)
        fail("hs_markdown_to_html returned NULL");
    /* site.c does json_string(html): NULL for invalid UTF-8 */
    js = json_string(html);
    if (!js)
        fail("hs_markdown_to_html gave invalid UTF-8");
    json_decref(js);
    l = lower(html);
    if (strstr(l, "<script") || strstr(l, "href=\"javascript:") ||
        strstr(l, "src=\"javascript:"))
        fail("hs_markdown_to_html let active content through");
    free(l);
    free(html);
}

/*
 * With HS_FUZZ_SKIP_KNOWN=1 (run.sh sets it while fuzzing, not while
 * replaying tests/fuzz/regressions/), inputs that would hit a bug already
 * reported are skipped, so the fuzzer can look for others. Remove each
 * test once its bug is fixed.
 */
static int skip_known;

int LLVMFuzzerInitialize(int *argc, char ***argv) {
    const char *env = getenv("HS_FUZZ_SKIP_KNOWN");
    (void)argc;
    (void)argv;
    skip_known = env && *env == '1';
    return 0;
}

/* How many "12 m", "3h", "4-day" look-alikes the bytes hold. */
static size_t duration_parts(const uint8_t *data, size_t size) {
    size_t n = 0;
    for (size_t i = 0; i < size; i++) {
        size_t j = i;
        if (data[i] < '0' || data[i] > '9' ||
            (i > 0 && data[i - 1] >= '0' && data[i - 1] <= '9'))
            continue;
        while (j < size && data[j] >= '0' && data[j] <= '9')
            j++;
        while (j < size && (data[j] == ' ' || data[j] == '-'))
            j++;
        if (j < size && strchr("dDhHmMsSwW", data[j]) && data[j])
            n++;
    }
    return n;
}

static int is_known_bug(const uint8_t *data, size_t size) {
    size_t lines = 1, pipes = 0, max_pipes = 0;
    /* regressions/parse-cmark-table-padding-oom: cmark-gfm pads every row
     * to the header's width, so columns x rows cells from a small file */
    for (size_t i = 0; i < size; i++) {
        if (data[i] == '|')
            pipes++;
        if (data[i] == '\n') {
            lines++;
            if (pipes > max_pipes)
                max_pipes = pipes;
            pipes = 0;
        }
    }
    if (pipes > max_pipes)
        max_pipes = pipes;
    if (max_pipes > 64 && max_pipes * lines > 250000)
        return 1;
    /* regressions/parse-cmark-footnote-label-utf8: "[^" with a line break
     * before its "]" comes out of cmark-gfm cut mid-character */
    for (size_t i = 0, in_label = 0; i < size; i++) {
        if (data[i] == '[' && i + 1 < size && data[i + 1] == '^')
            in_label = 1;
        else if (data[i] == ']')
            in_label = 0;
        else if (in_label && (data[i] == '\n' || data[i] == '\r'))
            return 1;
    }
    /* regressions/parse-duration-prose-quadratic: every "N unit" in the
     * body starts a parse that reads all the "N unit" parts after it */
    return duration_parts(data, size) > 500;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    hs_postmortem *pm = (hs_postmortem *)1;
    hs_error err = {0, ""};
    int rc;
    if (skip_known && is_known_bug(data, size))
        return -1; /* libFuzzer: do not add to the corpus */
    rc = hs_postmortem_parse((const char *)data, size, "fuzz-id", "fuzz/doc.md",
                             HS_PARSE_DEFAULT, &pm, &err);
    if (rc != 0 && rc != HS_ETOOBIG && rc != HS_EFORMAT)
        fail("hs_postmortem_parse: unexpected error code");
    if (rc != 0 && pm)
        fail("hs_postmortem_parse: out not NULL on error");
    if (rc == 0 && !pm)
        fail("hs_postmortem_parse: out NULL on success");
    if (rc == 0) {
        check_record(pm);
        check_json(pm, 0);
        check_json(pm, 2);
    }
    hs_postmortem_free(pm);
    check_html(data, size);
    return 0;
}
