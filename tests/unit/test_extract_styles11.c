/*
 * Rules found with the eleventh batch of house styles (tests/fixtures/styles
 * b11-*, labelled before any rule was written for them): one test per rule
 * on a small invented snippet. The whole styles are scored by `make eval`.
 */
#include <criterion/criterion.h>

#include <stdlib.h>
#include <string.h>

#include "helpers.h" /* parse_at */
#include "hindsight.h"

static int minutes_of(const char *md) {
    hs_postmortem *pm = parse_at(md, NULL);
    int m = pm->duration_minutes;
    hs_postmortem_free(pm);
    return m;
}

Test(duration, a_length_wrapped_across_a_line) {
    /* the length is met in the body, not in a summary: its sentence's
     * lines are joined before it is read */
    cr_expect_eq(minutes_of("# Notes\n\n## Recap\n\nOn 4 May 2025 the "
                            "mail relay stopped. Exports failed for an hour\n"
                            "and forty minutes, starting at 09:10.\n\n## "
                            "Actions\n\n- Add a relay alert\n"),
                 100);
    cr_expect_eq(minutes_of("# Notes\n\n## Recap\n\nThe relay broke on 4 May "
                            "2025. Roughly an hour and a half of\ndisruption "
                            "for the office.\n\n## Actions\n\n- Add an "
                            "alert\n"),
                 90);
}

Test(duration, just_over_is_a_rounding_not_a_bound) {
    cr_expect_eq(minutes_of("# T\n\nOn 8 April 2025 search was down for just "
                            "over two hours after a deploy.\n"),
                 120);
    cr_expect_eq(minutes_of("# T\n\nOn 8 April 2025 search was down for a "
                            "little over an hour after a deploy.\n"),
                 60);
    /* a bound stays one */
    cr_expect_eq(minutes_of("# T\n\nOn 8 April 2025 search was down for over "
                            "two hours after a deploy.\n"),
                 -1);
}

Test(duration, two_windows_in_one_sentence_add_up) {
    cr_expect_eq(minutes_of("# T\n\n## Summary\n\nOn 2 July 2024 checkout "
                            "failed from 10:05 to 10:50 and again from 13:20 "
                            "to 13:55 (BST).\n"),
                 80);
    /* one window and a later step is one window */
    cr_expect_eq(minutes_of("# T\n\n## Summary\n\nOn 2 July 2024 checkout "
                            "failed from 10:05 to 10:50 and we restarted the "
                            "client at 13:20.\n"),
                 45);
}

Test(duration, a_clause_between_start_and_end_and_words_before_the_end) {
    cr_expect_eq(minutes_of("# T\n\nOn 17 September 2024 crash-free "
                            "sessions dropped from 08:40, when the rollout "
                            "reached 10% of users, until 6.8.1 was live at "
                            "15:10.\n"),
                 390);
}

Test(severity, a_template_choice_of_levels_is_none) {
    hs_postmortem *pm =
        parse_at("# T\n\n| Field | Value |\n|---|---|\n| Severity | _choose "
                 "one: SEV1 / SEV2 / SEV3_ |\n| Owner | Ruth |\n\nThe export "
                 "stalled.\n",
                 NULL);
    cr_expect_eq(pm->severity, 0);
    hs_postmortem_free(pm);
    /* one level in two spellings is that level */
    pm =
        parse_at("# T\n\nSeverity: SEV2 / High\n\nThe export stalled.\n", NULL);
    cr_expect_eq(pm->severity, 2);
    hs_postmortem_free(pm);
}

Test(fields, a_form_question_with_its_choices_and_its_answer) {
    hs_postmortem *pm =
        parse_at("# Incident report form\n\nSubmitted by: Tom, 17 March "
                 "2025\n\n**When did the incident start?**\nAround 9pm on "
                 "Sunday 16 March 2025.\n\n**How bad was it? (Low / Medium / "
                 "High / Critical)**\nHigh\n\n**What happened?**\nBookings "
                 "failed.\n",
                 NULL);
    cr_expect_str_eq(pm->date, "2025-03-16");
    cr_expect_eq(pm->severity, 2);
    hs_postmortem_free(pm);
}

Test(fields, bar_separated_pairs_and_a_tracker_date) {
    hs_postmortem *pm =
        parse_at("# OPS-1: uploads refused\n\nType: Incident | Priority: High "
                 "| Status: Resolved\nCreated: 18/Feb/25 6:42 AM\n\nThe "
                 "chroot was owned by root.\n",
                 NULL);
    cr_expect_str_eq(pm->date, "2025-02-18");
    cr_expect_eq(pm->severity, 2);
    hs_postmortem_free(pm);
}

Test(fields, minutes_severity_agreed) {
    hs_postmortem *pm = parse_at(
        "# Review minutes\n\n**Severity agreed:** P3\n\nDNS stopped.\n", NULL);
    cr_expect_eq(pm->severity, 3);
    hs_postmortem_free(pm);
}

Test(title, a_title_that_is_a_sentence_is_no_section) {
    /* "Why ... failed" holds a root-cause name; the post is not one */
    hs_postmortem *pm =
        parse_at("# Why uploads failed on Quillbox on January 28\n\n*By the "
                 "infrastructure team \xe2\x80\x94 January 30, 2025*\n\nOn "
                 "Tuesday, January 28, 2025, uploads failed for an hour and "
                 "forty minutes. The disk filled.\n",
                 NULL);
    cr_expect_str_eq(pm->date, "2025-01-28");
    cr_expect_eq(pm->duration_minutes, 100);
    hs_postmortem_free(pm);
}

Test(rootcause, came_from_states_a_cause) {
    hs_postmortem *pm =
        parse_at("# Retro\n\nThe app crashed on start on 17 September 2024. "
                 "The crash came from a call to toUpperCase() without a "
                 "locale.\n",
                 NULL);
    cr_expect_not_null(pm->root_cause);
    hs_postmortem_free(pm);
}
