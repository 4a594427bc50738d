/*
 * Report rendering: the JSON printed item by item must be byte for byte
 * what jansson prints for json.c's tree (the shape SPEC.md documents), for
 * every string jansson can hold, and hs_report_write must write what
 * hs_report_render returns. Reports are built by hand, without an index.
 */
#include "base/util.h"
#include "hindsight.h"
#include "model/json.h"

#include "helpers.h" /* hs_test_seconds */

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Strings that jansson escapes or passes through in every way it can. */
static const char *const hard[] = {
    "plain",
    "quote \" and backslash \\ and slash /",
    "controls \b\f\n\r\t \x01 \x1f \x7f end",
    "UTF-8: caf\xc3\xa9, \xe2\x80\x94, \xf0\x9f\x94\xa5",
    "",
    "<html> & 'single' | pipe, comma",
};

static void set_item(hs_report_item *it, size_t i, int with_days) {
    memset(it, 0, sizeof(*it));
    it->item.action = (char *)hard[i % HS_ARRAY_LEN(hard)];
    it->item.owner = i % 3 ? (char *)hard[(i + 1) % HS_ARRAY_LEN(hard)] : NULL;
    if (i % 4)
        memcpy(it->item.due, "2026-01-01", 11);
    it->item.status = (hs_status)(i % 4);
    it->days_overdue = with_days ? (int)i + 1 : 0;
    it->pm_id = (char *)hard[(i + 2) % HS_ARRAY_LEN(hard)];
    it->pm_title = i % 5 ? (char *)hard[(i + 3) % HS_ARRAY_LEN(hard)] : NULL;
    it->pm_path = i % 2 ? (char *)hard[(i + 4) % HS_ARRAY_LEN(hard)] : NULL;
    it->pm_severity = (int)(i % 6); /* 0 and 5 are no severity */
}

static hs_report_item *items(size_t n, int with_days) {
    hs_report_item *v = calloc(n + 1, sizeof(*v));
    for (size_t i = 0; i < n; i++)
        set_item(&v[i], i, with_days);
    return v;
}

static void fill(hs_report *r, int is_weekly, size_t n) {
    memset(r, 0, sizeof(*r));
    memcpy(r->as_of, "2026-11-24", 11);
    r->is_weekly = is_weekly;
    r->overdue = items(n, 1);
    r->n_overdue = n;
    r->no_due_date = items(n / 2, 0);
    r->n_no_due_date = n / 2;
    r->no_owner = items(n / 3, 0);
    r->n_no_owner = n / 3;
    r->due_soon = items(n / 4, 0);
    r->n_due_soon = n / 4;
    r->new_pms = calloc(n + 1, sizeof(*r->new_pms));
    r->n_new_pms = n;
    for (size_t i = 0; i < n; i++) {
        hs_report_pm *p = &r->new_pms[i];
        p->id = (char *)hard[i % HS_ARRAY_LEN(hard)];
        p->title = i % 2 ? (char *)hard[(i + 1) % HS_ARRAY_LEN(hard)] : NULL;
        p->path = i % 3 ? (char *)hard[(i + 2) % HS_ARRAY_LEN(hard)] : NULL;
        if (i % 2)
            memcpy(p->date, "2026-11-20", 11);
        p->severity = (int)(i % 5);
    }
    /* a weekly report's repeats: up to three, with 0, 1, 2 open items */
    r->n_repeats = is_weekly ? (n < 3 ? n : 3) : 0;
    r->repeats = calloc(r->n_repeats + 1, sizeof(*r->repeats));
    for (size_t i = 0; i < r->n_repeats; i++) {
        hs_report_repeat *rep = &r->repeats[i];
        rep->pm = r->new_pms[i];
        rep->earlier = r->new_pms[n - 1 - i];
        rep->n_open = i;
        rep->open = calloc(i + 1, sizeof(*rep->open));
        for (size_t k = 0; k < i; k++)
            rep->open[k] = r->overdue[k].item;
    }
}

/* Only the arrays: the strings are the static ones above. */
static void unfill(hs_report *r) {
    free(r->overdue);
    free(r->no_due_date);
    free(r->no_owner);
    free(r->due_soon);
    free(r->new_pms);
    for (size_t i = 0; i < r->n_repeats; i++)
        free(r->repeats[i].open);
    free(r->repeats);
}

static void check_json(const hs_report *r) {
    char *got = hs_report_render(r, HS_FORMAT_JSON);
    char *want = hs__json_dump(hs__json_report(r), 2);
    cr_assert_str_eq(got, want);
    free(got);
    free(want);
}

Test(report, json_matches_jansson) {
    static const size_t sizes[] = {0, 1, 2, 7, 40};
    hs_report r;
    for (size_t k = 0; k < HS_ARRAY_LEN(sizes); k++) {
        for (int is_weekly = 0; is_weekly <= 1; is_weekly++) {
            fill(&r, is_weekly, sizes[k]);
            check_json(&r);
            unfill(&r);
        }
    }
}

/* CPU seconds of rendering r as JSON. */
static double render_seconds(const hs_report *r) {
    clock_t t0 = clock();
    free(hs_report_render(r, HS_FORMAT_JSON));
    return (double)(clock() - t0) / CLOCKS_PER_SEC;
}

/*
 * A week with a repeat incident costs about what a week without one does:
 * the repeats went through jansson's tree with the whole report, 150k
 * items at 100k postmortems (2.9 s of CPU for the weekly report, 1.1 s
 * now). Not timed under valgrind (HS_TEST_TIME_SCALE).
 */
Test(report, a_repeat_does_not_put_the_whole_report_through_jansson) {
    hs_report r;
    hs_report_repeat *repeats;
    size_t n_repeats;
    double without, with;
    if (hs_test_seconds(1) != 1)
        return;
    fill(&r, 1, 60000);
    repeats = r.repeats, n_repeats = r.n_repeats;
    r.n_repeats = 0;
    without = render_seconds(&r);
    r.n_repeats = n_repeats;
    with = render_seconds(&r);
    cr_expect_lt(with, 1.5 * without + 0.02,
                 "with a repeat %.3f s, without %.3f s", with, without);
    r.repeats = repeats;
    unfill(&r);
}

Test(report, json_not_utf8_goes_through_jansson) {
    hs_report r;
    char bad[] = "bad \xff byte";
    fill(&r, 1, 6);
    r.overdue[2].pm_path = bad;
    check_json(&r);
    r.overdue[2].pm_path = NULL;
    r.new_pms[1].title = bad;
    check_json(&r);
    unfill(&r);
}

/* One overdue item whose action is `s`: JSON as jansson prints it? */
static void check_action(const char *s) {
    hs_report r;
    fill(&r, 0, 1);
    r.overdue[0].item.action = (char *)s;
    check_json(&r);
    unfill(&r);
}

/*
 * The printer scans 8 bytes at a time: every ASCII byte, and every kind
 * of valid and invalid UTF-8 sequence, at every place in a word.
 */
Test(report, json_every_byte_at_every_offset) {
    static const char *const seqs[] = {
        "\xc3\xa9", "\xe2\x80\x94", "\xf0\x9f\x94\xa5", "\xff",
        "\xc3",     "\xc0\xaf",     "\xed\xa0\x80",     "\xf4\x90\x80\x80",
        "\xe2\x80", "\xf0\x9f\x94"};
    char s[64];
    for (size_t at = 0; at < 18; at++) {
        for (int c = 1; c < 0x80; c++) {
            memset(s, 'a', at);
            s[at] = (char)c;
            memset(s + at + 1, 'b', 17 - at);
            s[18] = '\0';
            check_action(s);
        }
        for (size_t k = 0; k < HS_ARRAY_LEN(seqs); k++) {
            size_t n = strlen(seqs[k]);
            memset(s, 'a', at);
            memcpy(s + at, seqs[k], n);
            memset(s + at + n, 'b', 17 - at);
            s[at + n + 17 - at] = '\0';
            check_action(s);
            s[at + n] = '\0'; /* the sequence last */
            check_action(s);
        }
    }
}

Test(report, write_equals_render) {
    static const hs_report_format fmts[] = {HS_FORMAT_MD, HS_FORMAT_HTML,
                                            HS_FORMAT_JSON, HS_FORMAT_CSV};
    hs_report r;
    /* Enough items that the writer flushes many times. */
    fill(&r, 1, 3000);
    for (size_t k = 0; k < HS_ARRAY_LEN(fmts); k++) {
        char *want = hs_report_render(&r, fmts[k]);
        char *got = NULL;
        size_t len = 0;
        hs_error err;
        FILE *f = open_memstream(&got, &len);
        cr_assert(f);
        cr_assert_eq(hs_report_write(&r, fmts[k], f, &err), 0);
        cr_assert_eq(fclose(f), 0);
        cr_assert_eq(len, strlen(want), "format %zu", k);
        cr_assert(!memcmp(got, want, len), "format %zu", k);
        free(got);
        free(want);
    }
    unfill(&r);
}

Test(report, write_error_is_eio) {
    hs_report r;
    hs_error err = {0, ""};
    FILE *f = fopen("/dev/full", "w");
    if (!f)
        cr_skip_test("no /dev/full");
    fill(&r, 0, 3000);
    cr_assert_eq(hs_report_write(&r, HS_FORMAT_CSV, f, &err), HS_EIO);
    cr_assert_eq(err.code, HS_EIO);
    fclose(f);
    unfill(&r);
}
