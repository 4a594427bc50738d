/*
 * Unit tests for src/model/normalize.c: statuses, severities, durations
 * (fields, prose and clock ranges), calendar dates in every written form, day
 * arithmetic across month and year ends, and clock-time prefixes.
 */
#include <criterion/criterion.h>

#include <stdio.h>

#include <stdint.h>
#include <string.h>

#include "hindsight.h"
#include "model/normalize.h"

/* ---------------------------------------------------------------------
 * Status
 */

typedef struct status_case {
    const char *text;
    hs_status want;
} status_case;

static void check_statuses(const status_case *c, size_t n) {
    for (size_t i = 0; i < n; i++)
        cr_expect_eq(hs_status_parse(c[i].text), c[i].want,
                     "hs_status_parse(\"%s\") = %s, want %s", c[i].text,
                     hs_status_name(hs_status_parse(c[i].text)),
                     hs_status_name(c[i].want));
}

/* A stored status name reads back as the status that wrote it; any other
 * text, NULL and "unknown" are unknown. */
Test(status, name_reads_back) {
    for (int st = HS_STATUS_UNKNOWN; st <= HS_STATUS_DONE; st++)
        cr_expect_eq(hs__status_from_name(hs_status_name((hs_status)st)),
                     (hs_status)st);
    cr_expect_eq(hs__status_from_name("Done"), HS_STATUS_UNKNOWN);
    cr_expect_eq(hs__status_from_name("in progress"), HS_STATUS_UNKNOWN);
    cr_expect_eq(hs__status_from_name(NULL), HS_STATUS_UNKNOWN);
}

Test(status, emoji) {
    static const status_case c[] = {
        {"\xe2\x9c\x85", HS_STATUS_DONE},                    /* ✅ */
        {"\xf0\x9f\x9f\xa1", HS_STATUS_IN_PROGRESS},         /* 🟡 */
        {"\xf0\x9f\x94\xb4", HS_STATUS_NOT_STARTED},         /* 🔴 */
        {"\xe2\x9d\x8c", HS_STATUS_NOT_STARTED},             /* ❌ */
        {"\xe2\x9a\xa0\xef\xb8\x8f", HS_STATUS_NOT_STARTED}, /* ⚠️ */
        {"\xe2\x9a\xa0", HS_STATUS_NOT_STARTED},             /* ⚠ alone */
    };
    check_statuses(c, sizeof(c) / sizeof(c[0]));
}

/* a progress column's share; a share inside a sentence is no status */
Test(status, a_share_done) {
    static const status_case c[] = {
        {"100%", HS_STATUS_DONE},
        {"0%", HS_STATUS_NOT_STARTED},
        {" 40 % ", HS_STATUS_IN_PROGRESS},
        {"Cut errors to 1%", HS_STATUS_UNKNOWN},
        {"%", HS_STATUS_UNKNOWN},
        {"1000%", HS_STATUS_UNKNOWN},
    };
    check_statuses(c, sizeof(c) / sizeof(c[0]));
}

Test(status, words) {
    static const status_case c[] = {
        {"Done", HS_STATUS_DONE},
        {"done", HS_STATUS_DONE},
        {"Complete", HS_STATUS_DONE},
        {"Completed", HS_STATUS_DONE},
        {"Fixed", HS_STATUS_DONE},
        {"In Progress", HS_STATUS_IN_PROGRESS},
        {"in progress", HS_STATUS_IN_PROGRESS},
        {"WIP", HS_STATUS_IN_PROGRESS},
        {"Not Started", HS_STATUS_NOT_STARTED},
        {"TODO", HS_STATUS_NOT_STARTED},
        {"[TODO]", HS_STATUS_NOT_STARTED},
        {"[DONE]", HS_STATUS_DONE},
        {"Open", HS_STATUS_NOT_STARTED},
        /* work waiting on something may be started or not */
        {"Blocked", HS_STATUS_UNKNOWN},
        {"blocked on the vendor", HS_STATUS_UNKNOWN},
    };
    check_statuses(c, sizeof(c) / sizeof(c[0]));
}

Test(status, negation_is_not_done) {
    static const status_case c[] = {
        {"not done", HS_STATUS_NOT_STARTED},
        {"Not done yet", HS_STATUS_NOT_STARTED},
        {"not complete", HS_STATUS_NOT_STARTED},
    };
    check_statuses(c, sizeof(c) / sizeof(c[0]));
}

Test(status, emoji_with_word) {
    static const status_case c[] = {
        {"\xe2\x9c\x85 Done", HS_STATUS_DONE},
        {"\xf0\x9f\x9f\xa1 In Progress", HS_STATUS_IN_PROGRESS},
        {"\xe2\x9d\x8c Not started", HS_STATUS_NOT_STARTED},
        {"\xe2\x9a\xa0\xef\xb8\x8f Blocked", HS_STATUS_NOT_STARTED},
    };
    check_statuses(c, sizeof(c) / sizeof(c[0]));
}

/* A GitHub shortcode is the emoji the page shows. */
Test(status, github_shortcodes) {
    static const status_case c[] = {
        {":white_check_mark:", HS_STATUS_DONE},
        {":heavy_check_mark: shipped", HS_STATUS_DONE},
        {":construction:", HS_STATUS_IN_PROGRESS},
        {":hourglass_flowing_sand:", HS_STATUS_IN_PROGRESS},
        {":x:", HS_STATUS_NOT_STARTED},
        {":red_circle:", HS_STATUS_NOT_STARTED},
        {":tada:", HS_STATUS_UNKNOWN},
    };
    check_statuses(c, sizeof(c) / sizeof(c[0]));
}

/* Emoji mangled by a broken encoding: the word next to them decides. */
Test(status, broken_encoding_word_decides) {
    static const status_case c[] = {
        {"\xce\xb2 Done", HS_STATUS_DONE}, /* β Done */
        {"\xcf\x80\xe2\x80\x98 In Progress", HS_STATUS_IN_PROGRESS}, /* π‘ */
        {"\xcf\x80\xce\x84 Not Started", HS_STATUS_NOT_STARTED},     /* π΄ */
    };
    check_statuses(c, sizeof(c) / sizeof(c[0]));
}

Test(status, unknown_and_names) {
    cr_expect_eq(hs_status_parse(NULL), HS_STATUS_UNKNOWN);
    cr_expect_eq(hs_status_parse(""), HS_STATUS_UNKNOWN);
    cr_expect_eq(hs_status_parse("waiting on vendor reply"), HS_STATUS_UNKNOWN);
    cr_expect_eq(hs_status_parse("\xce\xb2"), HS_STATUS_UNKNOWN);
    cr_expect_str_eq(hs_status_name(HS_STATUS_DONE), "done");
    cr_expect_str_eq(hs_status_name(HS_STATUS_IN_PROGRESS), "in_progress");
    cr_expect_str_eq(hs_status_name(HS_STATUS_NOT_STARTED), "not_started");
    cr_expect_str_eq(hs_status_name(HS_STATUS_UNKNOWN), "unknown");
}

/* ---------------------------------------------------------------------
 * Severity
 */

typedef struct int_case {
    const char *text;
    int want;
} int_case;

static void check_severities(const int_case *c, size_t n) {
    for (size_t i = 0; i < n; i++)
        cr_expect_eq(hs_severity_parse(c[i].text), c[i].want,
                     "hs_severity_parse(\"%s\") = %d, want %d", c[i].text,
                     hs_severity_parse(c[i].text), c[i].want);
}

Test(severity, sev_spellings) {
    static const int_case c[] = {
        {"SEV1", 1},       {"Sev 1", 1},       {"sev-1", 1}, {"sev1", 1},
        {"SEV2", 2},       {"Sev 3", 3},       {"sev-4", 4}, {"SEV 4", 4},
        {"Severity 2", 2}, {"severity: 3", 3},
    };
    check_severities(c, sizeof(c) / sizeof(c[0]));
}

Test(severity, priorities) {
    static const int_case c[] = {
        {"P0", 1}, {"P1", 1}, {"P2", 2}, {"p3", 3}, {"P4", 4},
    };
    check_severities(c, sizeof(c) / sizeof(c[0]));
}

/* teams that number incident levels: "Incident level: L2", "Level 1" */
Test(severity, incident_levels) {
    static const int_case c[] = {
        {"L2", 2},
        {"l1", 1},
        {"Level 3", 3},
        {"level 1 (major)", 1},
        {"L2 (degraded)", 2},
        {"Level", 0},
        {"level 12", 0},
    };
    check_severities(c, sizeof(c) / sizeof(c[0]));
}

Test(severity, words) {
    static const int_case c[] = {
        {"Critical", 1}, {"High", 2},     {"Medium", 3},
        {"Low", 4},      {"critical", 1}, {"LOW", 4},
    };
    check_severities(c, sizeof(c) / sizeof(c[0]));
}

Test(severity, first_named_wins) {
    static const int_case c[] = {
        {"SEV1 (Critical)", 1},
        {"High (SEV2)", 2},
        {"Sev 3 (Medium)", 3},
    };
    check_severities(c, sizeof(c) / sizeof(c[0]));
}

/* a written-out level outranks a word of the team's own scale */
Test(severity, a_written_level_outranks_a_word) {
    static const int_case c[] = {
        {"Minor (SEV4)", 4},    {"Priority 1", 1},    {"Low - Severity 2", 2},
        {"High load on s3", 2}, {"Critical (P2)", 1},
    };
    check_severities(c, sizeof(c) / sizeof(c[0]));
}

Test(severity, bare_digit_and_garbage) {
    static const int_case c[] = {
        {"2", 2},          {"garbage", 0}, {"", 0},  {"sev", 0},
        {"version 12", 0}, {"P", 0},       {"0", 0},
    };
    check_severities(c, sizeof(c) / sizeof(c[0]));
    cr_expect_eq(hs_severity_parse(NULL), 0);
}

/* ---------------------------------------------------------------------
 * Durations
 */

static void check_durations(const int_case *c, size_t n) {
    for (size_t i = 0; i < n; i++)
        cr_expect_eq(hs_duration_parse(c[i].text), c[i].want,
                     "hs_duration_parse(\"%s\") = %d, want %d", c[i].text,
                     hs_duration_parse(c[i].text), c[i].want);
}

Test(duration, field_values) {
    static const int_case c[] = {
        {"23 minutes", 23},
        {"48-minute", 48},
        {"1h 30m", 90},
        {"1h30m", 90},
        {"4h 12m", 252},
        {"2 hours", 120},
        {"279 minutes [^3]", 279},
        {"1.5 hours", 90},
        {"90", 90},
        {"about 45 minutes", 45},
        {"1 hour and 30 minutes", 90},
        {"2 days", 2880},
        {"2:15", 135},
    };
    check_durations(c, sizeof(c) / sizeof(c[0]));
}

/* a field whose value starts with a length in words (house styles that
 * write "Duration: an hour and 45 minutes") */
Test(duration, field_values_in_words) {
    static const int_case c[] = {
        {"an hour and 45 minutes", 105},
        {"two days", 2880},
        {"about an hour", 60},
        {"half an hour", 30},
        {"~two hours", 120},
        {"2 hrs 15 mins", 135},
        {"1 h 35 min", 95},
        {"1h20", 80},
        {"2h05 of downtime", 125},
        {"a few minutes", -1},
        {"an outage", -1},
    };
    check_durations(c, sizeof(c) / sizeof(c[0]));
}

Test(duration, junk_is_minus_one) {
    static const int_case c[] = {
        {"junk", -1},
        {"", -1},
        {"minutes", -1},
        {"-5", -1},
        {"a long while, maybe 3 parsecs", -1},
        {"n/a", -1},
    };
    check_durations(c, sizeof(c) / sizeof(c[0]));
    cr_expect_eq(hs_duration_parse(NULL), -1);
}

/*
 * A length below zero is no length: the leading words skipped before the
 * number took the sign with them, so "Duration: -5 minutes" was 5 minutes
 * and "minus five minutes" 5.
 */
Test(duration, negative_is_no_duration) {
    static const int_case c[] = {
        {"-5 minutes", -1},
        {"-1h30m", -1},
        {"(-5 minutes)", -1},
        {"\xe2\x88\x92"
         "5 minutes",
         -1},
        {"minus 5 minutes", -1},
        {"minus five minutes", -1},
        {"about -2 hours", -1},
        {"1-2 hours", 90},
        {"~5 minutes", 5},
        {"T-5 minutes", 5},
    };
    check_durations(c, sizeof(c) / sizeof(c[0]));
}

Test(duration, prose) {
    cr_expect_eq(hs__duration_from_prose("48-minute outage affecting checkout"),
                 48);
    cr_expect_eq(hs__duration_from_prose("The incident lasted 2 hours."), 120);
    cr_expect_eq(hs__duration_from_prose("we saw 23 minutes of downtime"), 23);
    cr_expect_eq(hs__duration_from_prose("the API was down for 15 minutes"),
                 15);
    cr_expect_eq(hs__duration_from_prose("no duration is written here"), -1);
    /* a number of minutes that is not the outage's length */
    cr_expect_eq(hs__duration_from_prose("it took 5 minutes to page someone"),
                 -1);
    cr_expect_eq(hs__duration_from_prose(""), -1);
    cr_expect_eq(hs__duration_from_prose(NULL), -1);
}

/* what the minutes were of: an outage word up to two words on, or an
 * adjective of impact first; minutes of work are no outage */
Test(duration, minutes_of_degraded_service) {
    cr_expect_eq(hs__duration_from_prose(
                     "we had 75 minutes of degraded checkout performance"),
                 75);
    cr_expect_eq(hs__duration_from_prose(
                     "30 minutes of elevated error rates on the API"),
                 30);
    cr_expect_eq(hs__duration_from_prose(
                     "It was 40 minutes of intermittent checkout errors."),
                 40);
    cr_expect_eq(hs__duration_from_prose("25 minutes of slow responses"), 25);
    cr_expect_eq(hs__duration_from_prose(
                     "After 20 minutes of investigation we found it."),
                 -1);
    cr_expect_eq(
        hs__duration_from_prose("We spent 2 hours of engineering time on it."),
        -1);
}

/* a sentence that spans the outage from its start to its recovery */
Test(duration, from_the_start_to_recovery_took) {
    cr_expect_eq(hs__duration_from_prose(
                     "From first alert to full recovery took 75 minutes."),
                 75);
    cr_expect_eq(hs__duration_from_prose("Overall, from the first error to "
                                         "service restored was 2 hours."),
                 120);
    /* spans that end elsewhere are other lengths */
    cr_expect_eq(hs__duration_from_prose(
                     "From the first page to detection took 20 minutes."),
                 -1);
    cr_expect_eq(hs__duration_from_prose("Moving from the old cluster to "
                                         "the new one took 3 days."),
                 -1);
}

/* a window for a field's value, and times written 14h05 */
Test(duration, a_window_for_a_value_and_h_clocks) {
    cr_expect_eq(hs_duration_parse("14:05-15:20 UTC"), 75);
    cr_expect_eq(hs_duration_parse("14h05 - 15h20"), 75);
    cr_expect_eq(hs_duration_parse("~ 22:40 \xe2\x80\x93 00:10"), 90);
    /* a length stays a length */
    cr_expect_eq(hs_duration_parse("1h20"), 80);
    cr_expect_eq(hs_duration_parse("2h05 (14:05-16:10)"), 125);
    cr_expect_eq(
        hs__duration_from_clock_range("errors from 14h05 to 15h20 today"), 75);
    cr_expect_eq(hs__duration_from_prose("for 1h20, from 22h40 to 00h00"), 80);
}

/* "an hour-long outage", "a half-hour outage", "for the next 40 minutes" */
Test(duration, long_half_and_next) {
    cr_expect_eq(hs__duration_from_prose("Shoppers saw an hour-long outage."),
                 60);
    cr_expect_eq(hs__duration_from_prose("Shoppers saw a half-hour outage."),
                 30);
    cr_expect_eq(hs_duration_parse("a half hour"), 30);
    cr_expect_eq(hs_duration_parse("half an hour"), 30);
    cr_expect_eq(hs__duration_from_prose("After the deploy, checkout failed "
                                         "for the next 40 minutes."),
                 40);
    /* "half of the hosts" is no half of anything timed */
    cr_expect_eq(hs__duration_from_prose("half of the hosts were down."), -1);
}

/* "from 9:30 to 11": an hour alone ends a window begun with minutes */
Test(duration, a_window_ending_on_an_hour) {
    cr_expect_eq(hs__duration_from_clock_range("down from 9:30 to 11, when"),
                 90);
    cr_expect_eq(hs__duration_from_clock_range("from 22:30 to 1 UTC."), 150);
    cr_expect_eq(hs__duration_from_clock_range("from 9:30 until 14"), 270);
    /* its zone in brackets after it */
    cr_expect_eq(hs__duration_from_clock_range(
                     "from 9:30 to 11 (Amsterdam time), you could"),
                 90);
    /* words after the number: no hour */
    cr_expect_eq(hs__duration_from_clock_range("from 3:00 to 5 nodes"), -1);
    cr_expect_eq(hs__duration_from_clock_range("from 9:30 to 11.5%"), -1);
}

/* "Over the following 2 hours, ...", "took us 75 minutes to bring X back" */
Test(duration, over_the_following_and_bring_back) {
    cr_expect_eq(hs__duration_from_prose("Over the following 2 hours, "
                                         "checkout requests timed out."),
                 120);
    cr_expect_eq(hs__duration_from_prose("For the next 40 minutes, no "
                                         "one could log in."),
                 40);
    cr_expect_eq(hs__duration_from_prose(
                     "It took us 75 minutes to bring checkout back."),
                 75);
    /* a bound, and work that was no recovery */
    cr_expect_eq(hs__duration_from_prose("Over 2 hours, the queue drained."),
                 -1);
    cr_expect_eq(hs__duration_from_prose(
                     "It took us 3 days to get the new cluster ready."),
                 -1);
}

Test(duration, clock_range) {
    cr_expect_eq(hs__duration_from_clock_range("from 14:32 to 14:55 UTC"), 23);
    cr_expect_eq(
        hs__duration_from_clock_range("between 9:16 PM and 11:16 PM PDT"), 120);
    cr_expect_eq(hs__duration_from_clock_range("from 14:32 UTC to 14:55 UTC"),
                 23);
    cr_expect_eq(hs__duration_from_clock_range("between 11:30 AM and 1:15 PM"),
                 105);
    cr_expect_eq(hs__duration_from_clock_range("no range in this text"), -1);
    cr_expect_eq(hs__duration_from_clock_range("from 25:00 to 26:00"), -1);
    cr_expect_eq(hs__duration_from_clock_range(NULL), -1);
}

/* Lengths said with fractions and in words: "an hour and a quarter" was
 * read as 60, "three quarters of an hour", "1 1/2 hours", "1\u00bd hours"
 * and "a couple of hours" as nothing. */
Test(duration, fractions_and_words) {
    static const int_case c[] = {
        {"an hour and a quarter", 75},
        {"two hours and three quarters", 165},
        {"three quarters of an hour", 45},
        {"a quarter of an hour", 15},
        {"half an hour", 30},
        {"1 1/2 hours", 90},
        {"1\xc2\xbd hours", 90},
        {"a couple of hours", 120},
        {"a couple of days", 2880},
        {"a couple of", -1},
        {"a quarter of the fleet", -1},
        {"1 1/20 hours", -1},
    };
    check_durations(c, sizeof(c) / sizeof(c[0]));
}

/* The ends of a window said by the hour or in words ("from 10pm until 2
 * a.m.", "from 9am until noon", "until midnight"): no length before. */
Test(duration, clock_range_in_words) {
    cr_expect_eq(hs__duration_from_clock_range("from 10pm until 2am"), 240);
    cr_expect_eq(hs__duration_from_clock_range("between 10 p.m. and 2 a.m. ET"),
                 240);
    cr_expect_eq(hs__duration_from_clock_range("from 9am until noon"), 180);
    cr_expect_eq(hs__duration_from_clock_range("from 11:00 until midnight"),
                 780);
    cr_expect_eq(hs__duration_from_clock_range("from 9 am until 12 pm"), 180);
    cr_expect_eq(
        hs__duration_from_clock_range("from March 3 at 10pm to March 4 at 2am"),
        240);
    /* an hour with no am or pm is a number, not a time */
    cr_expect_eq(hs__duration_from_clock_range("from 2 to 3 replicas"), -1);
    cr_expect_eq(hs__duration_from_clock_range("from 13pm to 2pm"), -1);
    cr_expect_eq(hs__duration_from_clock_range("from noonday to dusk"), -1);
}

/* A timeline written by the hour ("- 2pm errors begin", "- 3pm
 * recovered") has clock times: its length was none. */
Test(duration, a_clock_time_by_the_hour) {
    cr_expect_eq(hs__clock_find("2pm errors begin", 16), 14 * 60);
    cr_expect_eq(hs__clock_find("around 11 a.m. the queue drained", 40),
                 11 * 60);
    cr_expect_eq(hs__clock_find("12am", 4), 0);
    cr_expect_eq(hs__clock_find("v2pm", 4), -1);
    cr_expect_eq(hs__clock_find("13pm", 4), -1);
    cr_expect_eq(hs__clock_find("2 apples", 8), -1);
    cr_expect_eq(hs__clock_find("noon", 4), -1);
}

/* A timeline written from the start ("T+0", "T+10m", "T + 1h15m",
 * "[T+01:15]"): its times were none, so it gave no length. */
Test(duration, a_time_relative_to_the_start) {
    int m = -1;
    cr_expect_eq(hs__relative_time("T+0: errors begin", &m), 3);
    cr_expect_eq(m, 0);
    cr_expect_eq(hs__relative_time("T+10m paged", &m), 5);
    cr_expect_eq(m, 10);
    cr_expect_gt(hs__relative_time("T + 1h15m: recovered", &m), 0);
    cr_expect_eq(m, 75);
    cr_expect_gt(hs__relative_time("[T+01:15] recovered", &m), 0);
    cr_expect_eq(m, 75);
    cr_expect_eq(hs__relative_time("Tuesday errors", &m), 0);
    cr_expect_eq(hs__relative_time("T+x", &m), 0);
    cr_expect_eq(hs__relative_time("T-5m", &m), 0);
    cr_expect_eq(hs__relative_time("AT+5m", &m), 0);
}

Test(duration, clock_range_wraps_past_midnight) {
    cr_expect_eq(hs__duration_from_clock_range("from 23:50 to 00:20"), 30);
    cr_expect_eq(hs__duration_from_clock_range("between 11:45 PM and 12:15 AM"),
                 30);
}

/* ---------------------------------------------------------------------
 * Dates
 */

typedef struct date_case {
    const char *text;
    const char *want; /* NULL: must be rejected */
} date_case;

static void check_dates(const date_case *c, size_t n) {
    for (size_t i = 0; i < n; i++) {
        char out[11] = "unchanged";
        int rc = hs_date_parse(c[i].text, out);
        if (c[i].want) {
            cr_expect_eq(rc, 0, "hs_date_parse(\"%s\") failed", c[i].text);
            cr_expect_str_eq(out, c[i].want, "hs_date_parse(\"%s\")",
                             c[i].text);
        } else {
            cr_expect_eq(rc, HS_EINVAL, "hs_date_parse(\"%s\") = %d (%s)",
                         c[i].text, rc, out);
            cr_expect_str_eq(out, "unchanged",
                             "a failed parse must not touch out");
        }
    }
}

Test(date, written_forms) {
    static const date_case c[] = {
        {"2026-02-17", "2026-02-17"},
        {"2026/02/17", "2026-02-17"},
        {"02/17/2026", "2026-02-17"},
        {"February 17, 2026", "2026-02-17"},
        {"Feb 17 2026", "2026-02-17"},
        {"17 Feb 2026", "2026-02-17"},
        {"May 10th, 2021", "2021-05-10"},
        {"Tuesday, February 17, 2026", "2026-02-17"},
        {"2026-02-17T14:32:00Z", "2026-02-17"},
        {"2026-02-17 10:21 UTC", "2026-02-17"},
        {"Sept 3, 2025", "2025-09-03"},
    };
    check_dates(c, sizeof(c) / sizeof(c[0]));
}

/*
 * Every month name the date readers know, in English (full, three
 * letters, "Sept") and in the languages of bilingual write-ups, in any
 * case: month_of() turns most words away by their first letter and
 * length, and must turn none of these away.
 */
Test(date, every_month_name) {
    static const struct {
        const char *name;
        int month;
    } m[] = {
        {"January", 1},
        {"jan", 1},
        {"JANVIER", 1},
        {"enero", 1},
        {"Januar", 1},
        {"February", 2},
        {"Feb", 2},
        {"f\xc3\xa9vrier", 2},
        {"febrero", 2},
        {"Februar", 2},
        {"March", 3},
        {"mar", 3},
        {"mars", 3},
        {"marzo", 3},
        {"m\xc3\xa4rz", 3},
        {"April", 4},
        {"apr", 4},
        {"avril", 4},
        {"abril", 4},
        {"May", 5},
        {"mai", 5},
        {"mayo", 5},
        {"June", 6},
        {"jun", 6},
        {"juin", 6},
        {"junio", 6},
        {"Juni", 6},
        {"July", 7},
        {"jul", 7},
        {"juillet", 7},
        {"julio", 7},
        {"Juli", 7},
        {"August", 8},
        {"aug", 8},
        {"ao\xc3\xbbt", 8},
        {"agosto", 8},
        {"September", 9},
        {"sep", 9},
        {"Sept", 9},
        {"septembre", 9},
        {"septiembre", 9},
        {"October", 10},
        {"oct", 10},
        {"octobre", 10},
        {"octubre", 10},
        {"Oktober", 10},
        {"November", 11},
        {"nov", 11},
        {"novembre", 11},
        {"noviembre", 11},
        {"December", 12},
        {"dec", 12},
        {"d\xc3\xa9"
         "cembre",
         12},
        {"diciembre", 12},
        {"Dezember", 12},
    };
    for (size_t i = 0; i < sizeof(m) / sizeof(m[0]); i++) {
        char text[64], want[11], out[11] = "";
        snprintf(text, sizeof(text), "3 %s 2026", m[i].name);
        snprintf(want, sizeof(want), "2026-%02d-03", m[i].month);
        cr_expect_eq(hs_date_parse(text, out), 0, "\"%s\"", text);
        cr_expect_str_eq(out, want, "\"%s\"", text);
    }
}

Test(date, calendar_is_checked) {
    static const date_case c[] = {
        {"2026-02-30", NULL},
        {"2024-02-29", "2024-02-29"},
        {"2025-02-29", NULL},
        {"2000-02-29", "2000-02-29"},
        {"2100-02-29", NULL},
        {"2026-13-01", NULL},
        {"2026-00-10", NULL},
        {"2026-04-31", NULL},
        {"February 30, 2026", NULL},
        {"garbage", NULL},
        {"", NULL},
    };
    check_dates(c, sizeof(c) / sizeof(c[0]));
}

Test(date, an_iso_timestamp_needs_a_time_that_exists) {
    /* "2026-01-01T25:99:99Z" was the date 2026-01-01 */
    static const date_case c[] = {
        {"2026-01-01T25:99:99Z", NULL},
        {"2026-01-01T12:60", NULL},
        {"2026-01-01T24:01", NULL},
        {"2026-01-01T23:59:61", NULL},
        {"2026-01-01T13:42:07Z", "2026-01-01"},
        {"2026-01-01T13:42:07.123+02:00", "2026-01-01"},
        {"2026-01-01T134207Z", "2026-01-01"},
        {"2026-01-01T24:00", "2026-01-01"},
        {"2026-01-01T13", "2026-01-01"},
        {"2026-06-30T23:59:60Z", "2026-06-30"},
        {"2026-01-01 25:99", "2026-01-01"}, /* a date, then other text */
    };
    check_dates(c, sizeof(c) / sizeof(c[0]));
}

Test(date, find_unanchored) {
    char out[11];
    size_t start = 99, end = 99;
    cr_assert_eq(
        hs__date_find("Incident on 2026-02-17 at noon", 0, out, &start, &end),
        0);
    cr_expect_str_eq(out, "2026-02-17");
    cr_expect_eq(start, 12);
    cr_expect_eq(end, 22);
    cr_expect_eq(
        hs__date_find("deployed on March 3, 2026 at 9am", 0, out, NULL, NULL),
        0);
    cr_expect_str_eq(out, "2026-03-03");
    cr_expect_eq(
        hs__date_find("no date in here, only 12:30", 0, out, NULL, NULL), -1);
    /* digits glued to letters are not a date */
    cr_expect_eq(hs__date_find("build x2026-02-17", 0, out, NULL, NULL), -1);
}

Test(date, find_anchored) {
    char out[11];
    size_t start = 0, end = 0;
    cr_expect_eq(hs__date_find("Incident on 2026-02-17", 1, out, NULL, NULL),
                 -1);
    cr_assert_eq(
        hs__date_find("  Tuesday, 2026-02-17 (UTC)", 1, out, &start, &end), 0);
    cr_expect_str_eq(out, "2026-02-17");
    cr_expect_eq(start, 11);
    cr_expect_eq(end, 21);
    cr_expect_eq(hs__date_find(NULL, 1, out, NULL, NULL), -1);
}

/* A field's value in ISO 8601's basic form ("Date: 20260303") and a
 * spreadsheet's day-month-year with the month's name between dashes and a
 * two-digit year ("3-Mar-26"): neither was a date. Eight digits in running
 * text stay a number (an order's, a ticket's). */
Test(date, compact_and_dashed_two_digit_year) {
    char out[11];
    cr_assert_eq(hs__date_find("20260303", 1, out, NULL, NULL), 0);
    cr_expect_str_eq(out, "2026-03-03");
    cr_assert_eq(hs__date_find("3-Mar-26", 1, out, NULL, NULL), 0);
    cr_expect_str_eq(out, "2026-03-03");
    cr_assert_eq(hs__date_find("17-feb-25, 14:05", 1, out, NULL, NULL), 0);
    cr_expect_str_eq(out, "2025-02-17");
    cr_expect_eq(hs__date_find("20261303", 1, out, NULL, NULL), -1);
    cr_expect_eq(hs__date_find("202603031", 1, out, NULL, NULL), -1);
    cr_expect_eq(hs__date_find("20260303x", 1, out, NULL, NULL), -1);
    cr_expect_eq(hs__date_find("18000101", 1, out, NULL, NULL), -1);
    cr_expect_eq(hs__date_find("order 20260303 failed", 0, out, NULL, NULL),
                 -1);
    cr_expect_eq(hs__date_find("3-Mar-265", 1, out, NULL, NULL), -1);
}

/*
 * A weekday's name is skipped whatever its case, as the windows and the
 * timeline times read one (one rule, weekday_at): "Tues" and "Thur" too,
 * which the anchored date's list of its own did not know.
 */
Test(date, find_anchored_skips_every_weekday) {
    const char *days[] = {"Mon",      "TUESDAY", "wed",  "Thursday", "fri",
                          "Saturday", "SUN",     "Tues", "thur"};
    char out[11], text[64];
    for (size_t i = 0; i < sizeof(days) / sizeof(days[0]); i++) {
        snprintf(text, sizeof(text), "*%s*, 2026-02-17", days[i]);
        cr_expect_eq(hs__date_find(text, 1, out, NULL, NULL), 0, "%s", text);
    }
    cr_expect_eq(hs__date_find("Monsoon 2026-02-17", 1, out, NULL, NULL), -1);
    cr_expect_eq(hs__date_find("Xmas, 2026-02-17", 1, out, NULL, NULL), -1);
}

Test(date, days_since_epoch) {
    cr_expect_eq(hs__date_days("1970-01-01"), 0);
    cr_expect_eq(hs__date_days("1970-01-02"), 1);
    cr_expect_eq(hs__date_days("2000-03-01") - hs__date_days("2000-02-28"), 2);
    cr_expect_eq(hs__date_days("2025-03-01") - hs__date_days("2025-02-28"), 1);
    cr_expect_eq(hs__date_days("2026-01-01") - hs__date_days("2025-01-01"),
                 365);
    cr_expect_eq(hs__date_days("2025-01-01") - hs__date_days("2024-01-01"),
                 366);
    cr_expect_eq(hs__date_days("2026-02-30"), INT32_MIN);
    cr_expect_eq(hs__date_days("2026-2-3"), INT32_MIN);
    cr_expect_eq(hs__date_days("not a date"), INT32_MIN);
    cr_expect_eq(hs__date_days(NULL), INT32_MIN);
}

Test(date, round_trips_across_month_and_year_ends) {
    static const struct {
        const char *from;
        long delta;
        const char *want;
    } c[] = {
        {"2025-12-31", 1, "2026-01-01"}, {"2026-01-01", -1, "2025-12-31"},
        {"2024-02-28", 1, "2024-02-29"}, {"2024-02-29", 1, "2024-03-01"},
        {"2025-02-28", 1, "2025-03-01"}, {"2026-01-31", 1, "2026-02-01"},
        {"2026-04-30", 1, "2026-05-01"}, {"2026-03-01", -1, "2026-02-28"},
        {"1970-01-01", 0, "1970-01-01"}, {"2026-02-17", 365, "2027-02-17"},
        {"2099-12-31", 1, "2100-01-01"}, {"2100-02-28", 1, "2100-03-01"},
    };
    for (size_t i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
        char out[11];
        long d = hs__date_days(c[i].from);
        cr_assert_neq(d, INT32_MIN, "%s", c[i].from);
        hs__date_from_days(d + c[i].delta, out);
        cr_expect_str_eq(out, c[i].want, "%s %+ld days", c[i].from, c[i].delta);
        cr_expect_eq(hs__date_days(out), d + c[i].delta);
    }
}

Test(date, every_day_of_four_years_round_trips) {
    long first = hs__date_days("2023-01-01");
    for (long d = first; d < first + 4 * 366; d++) {
        char out[11];
        hs__date_from_days(d, out);
        cr_assert_eq(hs__date_days(out), d, "day %ld gave %s", d, out);
    }
}

/* ---------------------------------------------------------------------
 * Clock-time prefixes
 */

Test(time_prefix, forms) {
    static const struct {
        const char *text;
        const char *prefix; /* what the prefix covers */
    } c[] = {
        {"14:32 UTC \xe2\x80\x94 alert fires", "14:32 UTC"},
        {"2022-01-25 10:21 deploy starts", "2022-01-25 10:21"},
        {"10:21 deploy starts", "10:21"},
        {"9:05 AM PST paged", "9:05 AM PST"},
        {"**14:32** bold time", "**14:32**"},
        {"2026-02-17T14:32Z started", "2026-02-17T14:32Z"},
        {"14:32:10 with seconds", "14:32:10"},
    };
    for (size_t i = 0; i < sizeof(c) / sizeof(c[0]); i++)
        cr_expect_eq(hs__time_prefix(c[i].text), strlen(c[i].prefix),
                     "hs__time_prefix(\"%s\") = %zu, want %zu", c[i].text,
                     hs__time_prefix(c[i].text), strlen(c[i].prefix));
}

Test(time_prefix, none) {
    cr_expect_eq(hs__time_prefix("no time here"), 0);
    cr_expect_eq(hs__time_prefix("24:00 is not a time"), 0);
    cr_expect_eq(hs__time_prefix("12:60 neither"), 0);
    cr_expect_eq(hs__time_prefix(""), 0);
    cr_expect_eq(hs__time_prefix("version 1:2"), 0);
}

/* Number words, by their first letter then the word: every one of them
 * and the tens with a unit, in either case. */
Test(normalize, duration_number_words) {
    cr_expect_eq(hs__duration_from_prose("down for Nineteen minutes"), 19);
    cr_expect_eq(hs__duration_from_prose("down for forty-five minutes"), 45);
    cr_expect_eq(hs__duration_from_prose("down for Twenty one minutes"), 21);
    cr_expect_eq(hs__duration_from_prose("down for seventy minutes"), 70);
    cr_expect_eq(hs__duration_from_prose("down for an hour"), 60);
    cr_expect_eq(hs__duration_from_prose("down for eight hours"), 480);
    cr_expect_eq(hs__duration_from_prose("down for Eleven hours"), 660);
    cr_expect_eq(hs__duration_from_prose("down for fortnight minutes"), -1);
}

/* "for a period of 40 minutes" and "restored after 25 minutes" state the
 * outage's length as plainly as "down for 40 minutes"; a number after
 * "restored after" that is no length is still nothing. */
Test(normalize, duration_period_and_restored_after) {
    cr_expect_eq(hs__duration_from_prose(
                     "The service was unavailable for a period of 40 minutes."),
                 40);
    cr_expect_eq(hs__duration_from_prose("Checkout was degraded for a span of "
                                         "two hours."),
                 120);
    cr_expect_eq(
        hs__duration_from_prose("The service was restored after 25 minutes."),
        25);
    cr_expect_eq(hs__duration_from_prose("Logins recovered after an hour."),
                 60);
    cr_expect_eq(hs__duration_from_prose("Service was restored after 3 "
                                         "retries of the deploy."),
                 -1);
    cr_expect_eq(hs__duration_from_prose("We waited a period of 40 minutes "
                                         "before paging."),
                 -1);
}

/* One list says that a date or a length belongs to another occurrence:
 * in a sentence "previous", "once before", "last time"; just before a
 * date also "last week", "earlier", "similar to". "Earlier today" or
 * "prior to the fix" in a sentence leave its length this incident's. */
Test(normalize, names_other_occurrence) {
    static const char lead[] = "Last week (";
    static const char sim[] = "similar to the incident of ";
    static const char once[] = "This occurred once before and lasted";
    static const char today[] = "Earlier today the API was down for";
    cr_expect(hs__names_other_occurrence(lead, lead + strlen(lead), 1));
    cr_expect(hs__names_other_occurrence(sim, sim + strlen(sim), 1));
    cr_expect(hs__names_other_occurrence(once, once + strlen(once), 0));
    cr_expect(hs__names_other_occurrence(once, once + strlen(once), 1));
    cr_expect_not(hs__names_other_occurrence(lead, lead + strlen(lead), 0));
    cr_expect_not(hs__names_other_occurrence(today, today + strlen(today), 0));
    /* a word must end before `to` */
    cr_expect_not(hs__names_other_occurrence(lead, lead + 6, 1));
    cr_expect_eq(hs__duration_from_prose(
                     "Earlier today the API was down for 45 minutes."),
                 45);
    cr_expect_eq(hs__duration_from_prose(
                     "Prior to the fix, the API was down for 45 minutes."),
                 45);
    cr_expect_eq(hs__duration_from_prose("The previous outage lasted 2 hours."),
                 -1);
    cr_expect_eq(
        hs__duration_from_prose("One bank, for example, was down for 2 hours."),
        -1);
}

/* One list of hedges on a clock time, read by the timeline and by a clock
 * range: "from ~10:12" and "between ca. 10:12" are hedged starts as "from
 * about 10:12" was (the range's own list had no "~", "ca." nor "circa"). */
Test(normalize, time_hedges) {
    cr_expect_eq(hs__time_hedge("~13:42"), 1);
    cr_expect_eq(hs__time_hedge("\xe2\x89\x88 13:42"), 3);
    cr_expect_eq(hs__time_hedge("Approx. 13:50"), 8);
    cr_expect_eq(hs__time_hedge("roughly 13:50"), 8);
    cr_expect_eq(hs__time_hedge("13:50"), 0);
    cr_expect_eq(hs__time_hedge("aboutface"), 0);
    cr_expect_eq(hs__duration_from_clock_range("from about 10:12 to 10:31"),
                 19);
    cr_expect_eq(hs__duration_from_clock_range("from ~10:12 to 10:31"), 19);
    cr_expect_eq(hs__duration_from_clock_range("from circa 10:12 to 10:31"),
                 19);
    cr_expect_eq(
        hs__duration_from_clock_range("between ca. 10:12 and 10:31 UTC"), 19);
}

/* An impact window's length and "N minutes of errors" are the outage's
 * length; "a window of" opportunity without a number is nothing. */
Test(normalize, duration_window_and_errors) {
    cr_expect_eq(
        hs__duration_from_prose("The total impact window was 35 minutes."), 35);
    cr_expect_eq(hs__duration_from_prose("an impact window of 2 hours"), 120);
    cr_expect_eq(hs__duration_from_prose(
                     "Approximately 18 minutes of errors were observed."),
                 18);
    cr_expect_eq(hs__duration_from_prose("a window of opportunity"), -1);
    cr_expect_eq(hs__duration_from_prose("we retried 3 times of errors"), -1);
}

/* ---------------------------------------------------------------------
 * RFC 3339 time stamps (webhook startsAt, endsAt, created_at ...)
 */

/* "We were down 72 minutes" (no "for") and "over a 40-minute period"
 * state the outage's length; a maintenance window and a fall "down 30
 * percent" do not. The first two gave -1 before. */
Test(normalize, duration_down_and_a_period) {
    cr_expect_eq(hs__duration_from_prose("We were down 72 minutes."), 72);
    cr_expect_eq(hs__duration_from_prose("The site was down 2 hours."), 120);
    cr_expect_eq(hs__duration_from_prose(
                     "Some users were unable to log in over a 40 minute "
                     "period."),
                 40);
    cr_expect_eq(
        hs__duration_from_prose("Writes failed for a two-hour span on Monday."),
        120);
    cr_expect_eq(
        hs__duration_from_prose("Deploys run in a 2 hour maintenance window."),
        -1);
    cr_expect_eq(hs__duration_from_prose("Throughput went down 30 percent."),
                 -1);
}

Test(time_utc, instants_in_utc_compare_as_text) {
    static const struct {
        const char *text, *want;
    } ok[] = {
        {"2026-11-24T01:10:54.722997818Z", "2026-11-24T01:10:54.722997818Z"},
        {"2026-11-24T01:10:55.906Z", "2026-11-24T01:10:55.906000000Z"},
        {"2026-11-24t01:10:55z", "2026-11-24T01:10:55.000000000Z"},
        {"2026-11-24T02:10:55+01:00", "2026-11-24T01:10:55.000000000Z"},
        {"2026-12-31T23:30:00-01:00", "2027-01-01T00:30:00.000000000Z"},
        {"2024-02-29T00:10:00+00:30", "2024-02-28T23:40:00.000000000Z"},
        {"0001-01-01T00:00:00Z", "0001-01-01T00:00:00.000000000Z"},
    };
    static const char *const bad[] = {
        "yesterday",
        "",
        "2026",
        "2026-11-24",
        "2026-11-24T01:10:55",
        "2026-11-24 01:10:55Z",
        "2026-02-30T00:00:00Z",
        "2026-11-24T24:00:00Z",
        "2026-11-24T23:60:00Z",
        "2026-11-24T23:59:60Z",
        "2026-11-24T01:10:55.Z",
        "2026-11-24T01:10:55.1234567890Z",
        "2026-11-24T01:10:55+0100",
        "2026-11-24T01:10:55+01:00x",
        "2026-11-24T01:10:55Zjunk",
        "2026-11-24T01:10:55+24:00",
        "0000-01-01T00:00:00Z",
        "9999-12-31T23:30:00-01:00",
        "-026-11-24T01:10:55Z",
        "2026-1-24T01:10:55Z",
        "1764000000",
    };
    char out[HS__UTC_LEN];
    for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
        cr_expect_eq(hs__time_utc(ok[i].text, out), 0, "%s", ok[i].text);
        cr_expect_str_eq(out, ok[i].want, "%s", ok[i].text);
    }
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
        cr_expect_eq(hs__time_utc(bad[i], out), -1, "'%s' is no time", bad[i]);
    /* a later instant is a greater text, whatever its zone and digits */
    {
        char a[HS__UTC_LEN], b[HS__UTC_LEN];
        cr_assert_eq(hs__time_utc("2026-11-24T01:10:54.9Z", a), 0);
        cr_assert_eq(hs__time_utc("2026-11-24T02:10:54.95+01:00", b), 0);
        cr_expect_lt(strcmp(a, b), 0, "%s < %s", a, b);
    }
}

/* An instant in UTC is shown without its fraction's trailing zeros. */
Test(time_utc, shown_without_trailing_zeros) {
    char out[HS__UTC_LEN];
    hs__time_shown("2026-01-01T10:00:00.000000000Z", out);
    cr_expect_str_eq(out, "2026-01-01T10:00:00Z");
    hs__time_shown("2026-11-24T01:10:54.720000000Z", out);
    cr_expect_str_eq(out, "2026-11-24T01:10:54.72Z");
    hs__time_shown("2026-11-24T01:10:54.000000001Z", out);
    cr_expect_str_eq(out, "2026-11-24T01:10:54.000000001Z");
    hs__time_shown("yesterday", out);
    cr_expect_str_eq(out, "yesterday");
}
