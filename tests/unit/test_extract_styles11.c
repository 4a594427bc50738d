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

Test(actions, the_actions_column_of_a_retro_table) {
    hs_postmortem *pm =
        parse_at("# Retro\n\nThe app crashed on start.\n\n| What went well "
                 "| What went badly | Actions |\n|---|---|---|\n| Alerts "
                 "fired fast | The rollout paused late | Pause the rollout "
                 "on crashes (Hana) |\n| Small fix | No locale tests | Add "
                 "tr-TR to the device farm (Mateo) |\n| Support was ready | "
                 "The checklist was stale | |\n",
                 NULL);
    cr_assert_eq(pm->n_actions, 2);
    cr_expect_str_eq(pm->actions[0].action, "Pause the rollout on crashes");
    cr_expect_str_eq(pm->actions[0].owner, "Hana");
    cr_expect_str_eq(pm->actions[1].owner, "Mateo");
    hs_postmortem_free(pm);
}

Test(actions, minutes_action_marks_name_the_owner) {
    hs_postmortem *pm = parse_at(
        "# Review minutes\n\n## Actions\n\n- **AI** Lars \xe2\x80\x94 remove "
        "the stale mount from the unit file. (Done 4 Dec.)\n- AI Nkechi "
        "Obi: stagger the update windows.\n- AI review the alerts\n",
        NULL);
    cr_assert_eq(pm->n_actions, 3);
    cr_expect_str_eq(pm->actions[0].owner, "Lars");
    cr_expect_eq(strncmp(pm->actions[0].action, "remove the stale", 16), 0);
    cr_expect_eq(pm->actions[0].status, HS_STATUS_DONE);
    cr_expect_str_eq(pm->actions[1].owner, "Nkechi Obi");
    cr_expect_eq(strncmp(pm->actions[1].action, "stagger", 7), 0);
    /* "AI" and no name: the text stays */
    cr_expect_null(pm->actions[2].owner);
    hs_postmortem_free(pm);
}

Test(duration, a_clause_between_start_and_end_and_words_before_the_end) {
    cr_expect_eq(minutes_of("# T\n\nOn 17 September 2024 crash-free "
                            "sessions dropped from 08:40, when the rollout "
                            "reached 10% of users, until 6.8.1 was live at "
                            "15:10.\n"),
                 390);
}

Test(actions, a_list_announced_as_what_we_will_do) {
    hs_postmortem *pm =
        parse_at("# Why uploads failed\n\nUploads failed on 28 January 2025 "
                 "because the disk filled. We learned a lot. Going forward, "
                 "we will:\n\n- make the forecast fail loudly;\n- alert at "
                 "80% of capacity (INFRA-2, already shipped);\n",
                 NULL);
    cr_assert_eq(pm->n_actions, 2);
    cr_expect_eq(pm->actions[0].status, HS_STATUS_NOT_STARTED);
    cr_expect_eq(pm->actions[1].status, HS_STATUS_DONE);
    hs_postmortem_free(pm);
}

Test(actions, a_lesson_closing_the_section_is_no_item) {
    hs_postmortem *pm = parse_at(
        "# T\n\nOn 8 April 2025 search failed.\n\n## What we are changing\n\n"
        "We will add a concurrency limit to the index client. We will also "
        "make retries back off.\n\nThe main lesson for us is that a "
        "rollback is not always a way back.\n",
        NULL);
    cr_expect_eq(pm->n_actions, 2);
    hs_postmortem_free(pm);
}

Test(actions, an_apology_after_the_work_is_no_item) {
    hs_postmortem *pm = parse_at(
        "# Card authorisations degraded\n\n## Report\n\nOn 3 March 2025 a "
        "pool was set too small. We will also alert when more than 1% of "
        "authorisations fail. We apologise to the merchants who were "
        "affected.\n",
        NULL);
    cr_assert_eq(pm->n_actions, 1);
    cr_expect_eq(strncmp(pm->actions[0].action, "alert when", 10), 0);
    hs_postmortem_free(pm);
}

Test(actions, a_template_row_that_repeats_its_column_names) {
    hs_postmortem *pm =
        parse_at("# T\n\n## Action items\n\n| Action | Owner | Status |\n|---|"
                 "---|---|\n| Move the script to the scheduler | Ruth | Open "
                 "|\n| _Add an action_ | _Owner_ | |\n",
                 NULL);
    cr_expect_eq(pm->n_actions, 1);
    hs_postmortem_free(pm);
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

Test(actions, a_person_at_work_is_an_item_of_its_own) {
    hs_postmortem *pm =
        parse_at("# T\n\n## What will we do to stop it happening again?\n\n"
                 "We'll move the export to its own disk. Tom is writing a "
                 "runbook for the weekend on-call person.\n",
                 NULL);
    cr_assert_eq(pm->n_actions, 2);
    cr_expect_str_eq(pm->actions[1].owner, "Tom");
    cr_expect_eq(pm->actions[1].status, HS_STATUS_IN_PROGRESS);
    hs_postmortem_free(pm);
    /* a thing that is growing is no one at work */
    pm = parse_at("# T\n\n## Next steps\n\nWe'll move the export to its own "
                  "disk. Traffic is rising every month.\n",
                  NULL);
    cr_expect_eq(pm->n_actions, 1);
    hs_postmortem_free(pm);
}

Test(actions, we_are_adding_is_work_under_way) {
    hs_postmortem *pm = parse_at(
        "# Card authorisations degraded\n\n## Report\n\nOn 3 March 2025 a "
        "pool was set too small. We are adding a second reviewer for "
        "configuration changes. We will also alert when more than 1% of "
        "authorisations fail.\n",
        NULL);
    cr_assert_eq(pm->n_actions, 2);
    cr_expect_eq(pm->actions[0].status, HS_STATUS_IN_PROGRESS);
    hs_postmortem_free(pm);
    /* a status page's "We are investigating" is no work */
    pm = parse_at("# Card authorisations degraded\n\n## Update\n\nOn 3 March "
                  "2025 some payments failed. We are investigating the "
                  "cause.\n",
                  NULL);
    cr_expect_eq(pm->n_actions, 0);
    hs_postmortem_free(pm);
}
