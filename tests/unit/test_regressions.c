/*
 * Inputs that once crashed or stalled the library, found by the fuzzers in
 * tests/fuzz/ and kept in tests/fuzz/regressions/: NAME starting with
 * "parse-" goes through hs_postmortem_parse and hs_markdown_to_html,
 * "incident-" through the webhook reader and hs_similar's term pipeline,
 * "frontmatter-" as the YAML front matter of a postmortem, "http-" as an
 * id made a page name and as a page name (fuzz_http's other readers are
 * the server's, which this binary does not link).
 * Each must finish within seconds (an alarm ends a stalled one) and
 * without a sanitizer report.
 */
#include "base/buf.h"
#include "base/text.h"
#include "helpers.h" /* slurp_ok */
#include "hindsight.h"
#include "query/terms.h"

#include <criterion/criterion.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static void run_parse(const char *buf, size_t len) {
    hs_postmortem *pm = NULL;
    hs_error err;
    if (hs_postmortem_parse(buf, len, "r", NULL, 0, &pm, &err) == 0) {
        char *j = hs_postmortem_to_json(pm, 0);
        /* jansson drops a key whose string is not UTF-8: none may go */
        cr_expect(strstr(j, "\"title\":") && strstr(j, "\"references\":"),
                  "a key went missing from the record");
        free(j);
        hs_postmortem_free(pm);
    }
    free(hs_markdown_to_html(buf, len));
}

/* The term pipeline over the raw bytes, as `similar TEXT` takes them. */
static void run_terms(const char *buf, size_t len) {
    hs__termset ts = {0};
    char *s = malloc(len + 1);
    memcpy(s, buf, len);
    s[len] = '\0';
    hs__terms_add_text(&ts, s, 1.0);
    hs__termset_release(&ts);
    free(s);
}

static void run_incident(const char *buf, size_t len) {
    hs_incident *v = NULL;
    size_t n = 0;
    hs_error err;
    if (hs_incidents_from_json(buf, len, &v, &n, &err) == 0) {
        for (size_t i = 0; i < n; i++) {
            hs__termset ts = {0};
            for (size_t k = 0; k < v[i].symptoms.n; k++)
                hs__terms_add_text(&ts, v[i].symptoms.v[k], 1.0);
            hs__termset_release(&ts);
            hs_incident_release(&v[i]);
        }
        free(v);
    }
    run_terms(buf, len);
}

/*
 * The bytes (to the first NUL) as an id made a page name, and as a page
 * name: each page has one name. A short id's slug unslugs to it, a long
 * one's is cut and hashed; a name that unslugs is its id's slug.
 */
static void run_slug(const char *buf, size_t len) {
    hs__buf id = HS_BUF_INIT, slug = HS_BUF_INIT, back = HS_BUF_INIT,
            again = HS_BUF_INIT;
    hs__buf_put(&id, buf, len);
    hs__slug(id.data, &slug);
    cr_expect_leq(slug.len, HS__SLUG_MAX);
    if (!strstr(slug.data, "~~")) {
        cr_expect_eq(hs__unslug(slug.data, slug.len, &back), 0);
        cr_expect_str_eq(back.data ? back.data : "", id.data);
    }
    hs__buf_reset(&back);
    if (hs__unslug(id.data, strlen(id.data), &back) == 0) {
        hs__slug(back.data ? back.data : "", &again);
        cr_expect_str_eq(again.data ? again.data : "", id.data,
                         "two names of one page");
    }
    hs__buf_release(&id);
    hs__buf_release(&slug);
    hs__buf_release(&back);
    hs__buf_release(&again);
}

/* The bytes as the front matter block of a postmortem. */
static void run_frontmatter(const char *buf, size_t len) {
    char *doc = malloc(len + 32);
    size_t n = 0;
    cr_assert(doc);
    memcpy(doc, "---\n", 4);
    n = 4;
    memcpy(doc + n, buf, len);
    n += len;
    memcpy(doc + n, "\n---\n# Title\n", 14);
    n += 14;
    run_parse(doc, n);
    free(doc);
}

static double cpu_seconds(void) {
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/*
 * Whether CPU times mean anything here: not under a time scale (`make
 * valgrind`), where one run of 0.27 s against one of 0.87 s failed a
 * linear input on a loaded CI machine. There the timed tests stop at once:
 * every_saved_input runs each of their inputs through the same reader,
 * for valgrind's memory checks (running them here too cost 100 of this
 * binary's 174 s under valgrind), and the release and sanitizer builds
 * time them.
 */
static int timing_is_meaningful(void) {
    return hs_test_seconds(1) == 1;
}

/* Best of three runs of `fn` over the first `len` bytes. */
static double best_time(void (*fn)(const char *, size_t), const char *buf,
                        size_t len) {
    double best = 1e9;
    for (int i = 0; i < 3; i++) {
        double t0 = cpu_seconds();
        fn(buf, len);
        if (cpu_seconds() - t0 < best)
            best = cpu_seconds() - t0;
    }
    return best;
}

/*
 * The "-quadratic" inputs once took time growing with the square of their
 * size: twice the input must now cost less than three times as much (a
 * linear cost gives 2x, the old quadratic one 4x), which holds under
 * the sanitizers too; under valgrind each input runs once, untimed.
 */
Test(regressions, linear_in_input_size) {
    static const struct {
        const char *name;
        void (*fn)(const char *, size_t);
    } cases[] = {
#ifndef __SANITIZE_ADDRESS__
        /* ASan's allocator clears every new page, which makes any
         * allocation-heavy run superlinear: time this one without it */
        {"tests/fuzz/regressions/parse-actions-realloc-quadratic", run_parse},
        {"tests/fuzz/regressions/parse-sections-quadratic", run_parse},
        {"tests/fuzz/regressions/parse-field-continuation-quadratic",
         run_parse},
        {"tests/fuzz/regressions/parse-duration-prose-quadratic", run_parse},
        {"tests/fuzz/regressions/parse-tags-dedup-quadratic", run_parse},
        /* "Timeline:" labels, each searching its section's items from
         * the start, and each paragraph's lines searched among all the
         * section's fields: 400 KB took 1.8 s */
        {"tests/fuzz/regressions/parse-timeline-labels-quadratic", run_parse},
        /* an item's later paragraphs ("- first" over indented "para 2",
         * "para 3" ...), each joined to the item's text by copying all of
         * it: 24,000 (590 KB) took 1.4 s in a fresh process, 1 MB 4 s;
         * they are appended in place */
        {"tests/fuzz/regressions/parse-item-paragraphs-quadratic", run_parse},
#endif
        /* half a JSON body is not JSON: time the term pipeline alone */
        {"tests/fuzz/regressions/incident-terms-quadratic", run_terms},
    };
    if (!timing_is_meaningful())
        return;
    for (size_t c = 0; c < sizeof(cases) / sizeof(cases[0]); c++) {
        size_t len;
        char *buf = slurp_ok(cases[c].name, &len);
        double half, full;
        half = best_time(cases[c].fn, buf, len / 2);
        full = best_time(cases[c].fn, buf, len);
        cr_expect_lt(full, 3.0 * half + 0.005,
                     "%s: %.3f s for all, %.3f s for half", cases[c].name, full,
                     half);
        free(buf);
    }
}

/*
 * Parsing the saved input `name` costs at most `factor` times as long as
 * parsing as many bytes of plain postmortem text (a corpus file repeated).
 */
static void expect_cost_like_text(const char *name, double factor) {
    size_t len, plain_len;
    char *buf, *one, *plain;
    double t_input, t_plain;
    if (!timing_is_meaningful())
        return;
    buf = slurp_ok(name, &len);
    one = slurp_ok("corpus/2024-07-16-payment-provider-outage.md", &plain_len);
    plain = malloc(len + 1);
    cr_assert(plain);
    for (size_t off = 0; off < len; off += plain_len)
        memcpy(plain + off, one,
               off + plain_len <= len ? plain_len : len - off);
    t_input = best_time(run_parse, buf, len);
    t_plain = best_time(run_parse, plain, len);
    cr_expect_lt(t_input, factor * t_plain + 0.01,
                 "%s: %.3f s, %.3f s for as much text", name, t_input, t_plain);
    free(buf);
    free(one);
    free(plain);
}

/*
 * Brackets: quadratic inside cmark-gfm (CVE-2023-22486), defused by
 * parse.c. 450 KB of "![[]()" took 12 s, 200 times as long as 450 KB of
 * plain postmortem text; it must now cost no more than 10 times as much
 * (cache effects make halving the input a poor test at these sizes).
 */
Test(regressions, brackets_cost_like_text) {
    expect_cost_like_text(
        "tests/fuzz/regressions/parse-cmark-brackets-quadratic", 10);
}

/*
 * Emphasis: '*' openers alternating with '_' closers that never match them
 * ("*a**b_") are quadratic inside cmark-gfm 0.29; 450 KB took 25 s, 600
 * KB 48 s. parse.c escapes them in a paragraph with over a thousand runs.
 */
Test(regressions, emphasis_cost_like_text) {
    expect_cost_like_text(
        "tests/fuzz/regressions/parse-cmark-emphasis-quadratic", 10);
}

/*
 * cmark-gfm's autolink extension spent 6 KB on each e-mail address of a
 * long paragraph: 1.2 MB of "a@b.c " took 1.2 GB. Past a thousand '@' in
 * one paragraph they are fullwidth at signs, so none is a link; a few
 * addresses still are.
 */
Test(regressions, many_addresses_are_not_autolinked) {
    size_t n = 2000, len = n * 6;
    char *buf = malloc(len + 1), *html;
    cr_assert(buf);
    for (size_t i = 0; i < n; i++)
        memcpy(buf + i * 6, "a@b.c ", 6);
    buf[len] = '\0';
    html = hs_markdown_to_html(buf, len);
    cr_expect_null(strstr(html, "mailto:"), "an address was autolinked");
    free(html);
    html = hs_markdown_to_html(buf, 60);
    cr_expect(strstr(html, "mailto:a@b.c"), "ten addresses are links");
    free(html);
    free(buf);
}

/*
 * 100,000 empty headings ("##" lines) were each looked up in the whole
 * names table (hundreds of names, a strlen and a strstr apiece) and read
 * for a status word (dozens of strstr): 12 times as long as as much plain
 * postmortem text, which under valgrind passed every_saved_input's 20 s
 * alarm once the table grew. A name has at least three bytes and an empty
 * text has no status, so such a heading is passed over at once; what is
 * left is cmark-gfm's own cost of 100,000 nodes (about 5 times the text;
 * 6 to 9 times on a loaded machine, where 8 failed one run in ten).
 */
Test(regressions, empty_headings_cost_like_text) {
    expect_cost_like_text("tests/fuzz/regressions/parse-sections-quadratic",
                          10);
}

/*
 * Brackets in one action item: each '(' was read to the first ')' after
 * it, however far, and each metadata group dropped moved the rest of the
 * item up (200,000 '(' then as many ')', 400 KB: 1.7 s; 160,000 "(owner:
 * a)": 7 s). Metadata is at most META_MAX bytes, and the text kept is
 * copied once.
 */
Test(regressions, action_groups_cost_like_text) {
    expect_cost_like_text(
        "tests/fuzz/regressions/parse-action-groups-quadratic", 10);
}

/*
 * "Owner:" after "Owner:" in one action item: each read the rest of the
 * item again, one call deeper, with a copy of it (10,000 "Owner: Bob.",
 * 120 KB: 1.6 s and 600 MB; 40,000: 116 s and 9 GB). The rest of a name
 * is read with the owner's place taken, so no second owner recurses.
 */
Test(regressions, action_owners_cost_like_text) {
    expect_cost_like_text(
        "tests/fuzz/regressions/parse-action-owners-quadratic", 10);
}

/*
 * Prose action items: each part of a sentence's list searched for its
 * joining words ("and will", "and") through all the text after it, not the
 * part: 300 KB of one paragraph of sentences took 5.3 s (0.02 s for as much
 * postmortem text), 4 MB would take about 15 minutes.
 */
Test(regressions, prose_actions_cost_like_text) {
    expect_cost_like_text(
        "tests/fuzz/regressions/parse-prose-actions-quadratic", 10);
}

/*
 * Headings: "which headings name no fact" asked every earlier section of
 * each one, and a timeline's recovery looked through every section for
 * each entry's heading: 600 KB of "## Timeline", "### Day 1" and a timed
 * item took 7 s, a 4 MB file minutes. One pass with a stack of the open
 * sections now, and headings' bodies are read for recovery only up to a
 * million entry-section pairs. cmark-gfm's own nodes make such a file
 * cost about 7 times as much text.
 */
Test(regressions, nested_headings_cost_like_text) {
    expect_cost_like_text(
        "tests/fuzz/regressions/parse-headings-nesting-quadratic", 12);
}

/*
 * Tables within the 64-column limit: cmark-gfm pads each row to the
 * header's width, so a 64-column header over 100,000 rows of "|a" (300 KB)
 * made 6.4 million cells, 2 GB and 35 s. A table whose padding would
 * outgrow its text is read as text, at the cost of text.
 */
Test(regressions, padded_table_rows_cost_like_text) {
    expect_cost_like_text(
        "tests/fuzz/regressions/parse-cmark-table-padding-rows", 10);
}

/* The same padding through a table written in HTML, which parse.c turns
 * into a GFM table: it must be defused the same way. */
Test(regressions, padded_html_table_rows_cost_like_text) {
    expect_cost_like_text(
        "tests/fuzz/regressions/parse-html-table-padding-rows", 10);
}

/*
 * An item opening with a name ("Zed to raise the pool size") asked
 * whether the document names that person by reading every item's owner:
 * 20,000 such items (370 KB) took 0.5 s, 26 times as much text, and
 * 60,000 two minutes. The people the document names are gathered once,
 * into a hash table.
 */
Test(regressions, items_named_first_cost_like_text) {
    expect_cost_like_text(
        "tests/fuzz/regressions/parse-action-named-first-quadratic", 10);
}

/*
 * Template slots in one item ("<a><a>..."): each '<' searched the rest of
 * the item for "://" to tell a link from a slot (100,000 of them, 300 KB:
 * 1.5 s; 2 MB would take a minute). The search stops at the slot's '>'.
 */
Test(regressions, angle_slots_cost_like_text) {
    expect_cost_like_text(
        "tests/fuzz/regressions/parse-action-angle-slots-quadratic", 10);
}

/*
 * "TODO(" again and again: each looked for its ')' through the rest of
 * the paragraph, though a marker's owner is at most 40 bytes (60,000 of
 * them, 300 KB: 0.8 s, 30 times as much text). The search stops there.
 */
Test(regressions, marker_brackets_cost_like_text) {
    expect_cost_like_text(
        "tests/fuzz/regressions/parse-marker-brackets-quadratic", 10);
}

/*
 * A start or recovery word ("started", "restored") led to a clock time
 * within 48 bytes or earlier in its sentence, but each one searched the
 * rest of the text for "at ", "by ", ... and walked back to its
 * sentence's start: 300 KB of "Not started" took 9 s. Both stop at the
 * bytes that count.
 */
Test(regressions, clock_cues_cost_like_text) {
    expect_cost_like_text(
        "tests/fuzz/regressions/parse-prose-clock-cues-quadratic", 10);
}

/*
 * Front matter keys read one by one ("tags: []" then "labels: []", or a
 * wrapper's "date" and "severity"): each lookup scanned the keys from the
 * first, past 6,000 others, as the one-entry cache held the other name
 * (215 KB: 0.6 s, 20 times as much text; 470 KB took 5 s). A sorted index
 * of the names makes each a binary search.
 */
Test(regressions, frontmatter_key_lookups_cost_like_text) {
    expect_cost_like_text(
        "tests/fuzz/regressions/parse-frontmatter-key-lookups-quadratic", 10);
}

Test(regressions, every_saved_input) {
    DIR *d = opendir("tests/fuzz/regressions");
    struct dirent *e;
    int n = 0;
    cr_assert(d, "run from the repository root");
    while ((e = readdir(d)) != NULL) {
        char path[512];
        size_t len;
        char *buf;
        if (e->d_name[0] == '.')
            continue;
        snprintf(path, sizeof(path), "tests/fuzz/regressions/%s", e->d_name);
        buf = slurp_ok(path, &len);
        alarm(hs_test_seconds(20)); /* a stall fails, not a hung run */
        if (!strncmp(e->d_name, "parse-", 6))
            run_parse(buf, len);
        else if (!strncmp(e->d_name, "incident-", 9))
            run_incident(buf, len);
        else if (!strncmp(e->d_name, "frontmatter-", 12))
            run_frontmatter(buf, len);
        else if (!strncmp(e->d_name, "http-", 5))
            run_slug(buf, len);
        else
            cr_assert_fail("unknown regression kind: %s", e->d_name);
        alarm(0);
        free(buf);
        n++;
    }
    closedir(d);
    cr_assert_gt(n, 0, "no regression inputs found");
}

/*
 * Issue 12: YAML front matter nested 100,000 levels took 23 s in libyaml's
 * loader. Past 64 levels the block is now ignored at once, with a warning
 * that says why, and the rest of the file is still read.
 */
Test(regressions, deep_front_matter_ignored_with_warning) {
    size_t depth = 100000, n = 0;
    char *doc = malloc(2 * depth + 64);
    hs_postmortem *pm = NULL;
    hs_error err;
    int is_warned = 0;
    double t0;
    cr_assert(doc);
    n += (size_t)sprintf(doc, "---\ntitle: ");
    memset(doc + n, '[', depth);
    n += depth;
    memset(doc + n, ']', depth);
    n += depth;
    n += (size_t)sprintf(doc + n, "\n---\n# Kept title\n");
    t0 = cpu_seconds();
    cr_assert_eq(hs_postmortem_parse(doc, n, "d", NULL, 0, &pm, &err), 0);
    cr_expect_lt(cpu_seconds() - t0, 1.0, "%.2f s", cpu_seconds() - t0);
    cr_expect_str_eq(pm->title, "Kept title");
    for (size_t i = 0; i < pm->n_warnings; i++)
        is_warned |= strstr(pm->warnings[i].msg, "deeper than 64") != NULL;
    cr_expect(is_warned, "no warning about the nesting");
    hs_postmortem_free(pm);
    free(doc);
}

/*
 * A flow list of 1 MB of "a," was 500,000 nodes of ~100 bytes each in the
 * front matter's tree (50 MB for a 1 MB file, the same in hindsight.yml).
 * Past 100,000 values the block is ignored with a warning that says why.
 */
/*
 * A double-quoted "\0" in front matter is a NUL inside the value: the id
 * "a\0b" was the id "a" (a second file's "a\0c" too), the title was cut
 * and "2026-01-01\0junk" was a date. The block is ignored with a warning,
 * as invalid YAML is.
 */
Test(regressions, nul_in_front_matter_value_ignored_with_warning) {
    static const char doc[] =
        "---\nid: \"a\\0b\"\ntitle: \"Cut\\x00here\"\n"
        "date: \"2026-01-01\\0junk\"\n---\n# Kept title\n";
    hs_postmortem *pm = NULL;
    hs_error err;
    int is_warned = 0;
    cr_assert_eq(hs_postmortem_parse(doc, strlen(doc), "w", NULL, 0, &pm, &err),
                 0);
    cr_expect_str_eq(pm->id, "w");
    cr_expect_str_eq(pm->title, "Kept title");
    cr_expect_str_eq(pm->date, "");
    for (size_t i = 0; i < pm->n_warnings; i++)
        is_warned |= strstr(pm->warnings[i].msg,
                            "front matter ignored: a value holds a NUL "
                            "character") != NULL;
    cr_expect(is_warned, "no warning about the NUL");
    hs_postmortem_free(pm);
}

/* "<<: *defaults" and "severity: *sev1" are not expanded (a billion laughs
 * costs nothing), so the facts they stand for were missing without a word
 * (Jekyll and Hugo read them); now a warning names the line. */
Test(regressions, front_matter_alias_named_with_warning) {
    static const char doc[] = "---\ndefaults: &d {severity: SEV1}\n"
                              "<<: *d\ntitle: Merged\n---\n# Merged\n";
    static const char plain[] = "---\nseverity: SEV1\ntitle: Plain\n---\n"
                                "# Plain\n";
    hs_postmortem *pm = NULL;
    hs_error err;
    int warned_at = 0;
    cr_assert_eq(hs_postmortem_parse(doc, strlen(doc), "m", NULL, 0, &pm, &err),
                 0);
    for (size_t i = 0; i < pm->n_warnings; i++)
        if (strstr(pm->warnings[i].msg, "front matter alias (*name) not read"))
            warned_at = pm->warnings[i].line;
    cr_expect_eq(warned_at, 3, "the warning names the alias's line");
    hs_postmortem_free(pm);
    cr_assert_eq(
        hs_postmortem_parse(plain, strlen(plain), "p", NULL, 0, &pm, &err), 0);
    for (size_t i = 0; i < pm->n_warnings; i++)
        cr_expect_null(strstr(pm->warnings[i].msg, "alias"), "%s",
                       pm->warnings[i].msg);
    hs_postmortem_free(pm);
}

/* A fact of one value written as a list or a mapping ("date: [...]",
 * "severity: {level: 1}") is not read: check said only "missing date".
 * Now a warning names the key and its line; lists of tags stay lists. */
Test(regressions, front_matter_fact_given_a_list_named_with_warning) {
    static const struct {
        const char *doc, *want;
        int line;
    } cases[] = {
        {"---\ntitle: T\ndate: [2024-01-01]\n---\n# T\n",
         "front matter 'date' is a list, not one value", 3},
        {"---\nseverity:\n  level: 1\n---\n# T\n",
         "front matter 'severity' is a mapping, not one value", 3},
        {"---\nid: [a, b]\n---\n# T\n",
         "front matter 'id' is a list, not one value", 2},
        {"---\ntags: [dns, k8s]\nservices: [api]\ndate: 2024-01-01\n---\n# T\n",
         NULL, 0},
    };
    for (size_t c = 0; c < sizeof(cases) / sizeof(cases[0]); c++) {
        hs_postmortem *pm = NULL;
        hs_error err;
        int at = 0;
        cr_assert_eq(hs_postmortem_parse(cases[c].doc, strlen(cases[c].doc),
                                         "m", NULL, 0, &pm, &err),
                     0);
        for (size_t i = 0; i < pm->n_warnings; i++)
            if (strstr(pm->warnings[i].msg, "not one value")) {
                cr_expect(cases[c].want &&
                              strstr(pm->warnings[i].msg, cases[c].want),
                          "case %zu: %s", c, pm->warnings[i].msg);
                at = pm->warnings[i].line;
            }
        cr_expect_eq(at, cases[c].line, "case %zu: warned at line %d", c, at);
        hs_postmortem_free(pm);
    }
}

Test(regressions, wide_front_matter_ignored_with_warning) {
    size_t n_items = 100001;
    hs__buf doc = HS_BUF_INIT;
    hs_postmortem *pm = NULL;
    hs_error err;
    int is_warned = 0;
    hs__buf_puts(&doc, "---\ntitle: Dropped\ntags: [");
    for (size_t i = 0; i < n_items; i++)
        hs__buf_puts(&doc, "a,");
    hs__buf_puts(&doc, "]\n---\n# Kept title\n");
    cr_assert_eq(
        hs_postmortem_parse(doc.data, doc.len, "w", NULL, 0, &pm, &err), 0);
    cr_expect_str_eq(pm->title, "Kept title");
    cr_expect_eq(pm->tags.n, 0);
    for (size_t i = 0; i < pm->n_warnings; i++)
        is_warned |= strstr(pm->warnings[i].msg,
                            "front matter ignored: over 100000 values") != NULL;
    cr_expect(is_warned, "no warning about the size");
    hs_postmortem_free(pm);
    hs__buf_release(&doc);
}
