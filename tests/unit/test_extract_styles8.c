/*
 * Rules found with the eighth batch of house styles (tests/fixtures/styles,
 * labelled before any rule was written for them): one test per rule on a
 * small invented snippet. The whole styles are scored by `make eval`.
 */
#include <criterion/criterion.h>

#include <stdlib.h>
#include <string.h>

#include "helpers.h" /* parse_at */
#include "hindsight.h"

static int severity_of(const char *md) {
    hs_postmortem *pm = parse_at(md, NULL);
    int s = pm->severity;
    hs_postmortem_free(pm);
    return s;
}

static int minutes_of(const char *md) {
    hs_postmortem *pm = parse_at(md, NULL);
    int m = pm->duration_minutes;
    hs_postmortem_free(pm);
    return m;
}

static void expect_date(const char *md, const char *want) {
    hs_postmortem *pm = parse_at(md, NULL);
    cr_expect_str_eq(pm->date, want);
    hs_postmortem_free(pm);
}

Test(severity, a_digit_set_off_from_its_gloss) {
    cr_expect_eq(severity_of("# T\n\n**Severity level:** 2 — partial "
                             "(read-only)\n"),
                 2);
    cr_expect_eq(severity_of("# T\n\nSeverity: 3 (minor)\n"), 3);
}

Test(severity, a_classification_by_priority) {
    cr_expect_eq(severity_of("# T\n\nClassification: Priority 1\n"), 1);
    cr_expect_eq(severity_of("# T\n\nClassification: Confidential\n"), 0);
}

Test(actions, an_action_owner_column) {
    hs_postmortem *pm =
        parse_at("# T\n\n## Problem actions\n\n| Ref | Action | Action Owner "
                 "| Status |\n|---|---|---|---|\n| P-1 | Rotate the keys | "
                 "Platform Security | Open |\n",
                 NULL);
    cr_assert_eq(pm->n_actions, 1);
    cr_expect_str_eq(pm->actions[0].owner, "Platform Security");
    hs_postmortem_free(pm);
}

Test(actions, an_outline_number_is_no_part_of_the_item) {
    hs_postmortem *pm = parse_at("# T\n\n## 6. Corrective Actions\n\n6.1 Add a "
                                 "rate check.\n\n6.2 Back off on errors.\n",
                                 NULL);
    cr_assert_eq(pm->n_actions, 2);
    cr_expect_str_eq(pm->actions[0].action, "Add a rate check.");
    cr_expect_str_eq(pm->actions[1].action, "Back off on errors.");
    hs_postmortem_free(pm);
}

/* A bracket of metadata read out of the item takes its space with it when
 * punctuation followed it: no "the client ." left behind. */
Test(actions, a_bracket_read_out_leaves_no_space_before_punctuation) {
    hs_postmortem *pm = parse_at(
        "# T\n\n## Action items\n\n- Add a retry budget (owner: ops).\n"
        "- Rotate keys (due 2026-12-01), then alert.\n"
        "- Add a rate check (completed November 13)\n",
        NULL);
    cr_assert_eq(pm->n_actions, 3);
    cr_expect_str_eq(pm->actions[0].action, "Add a retry budget.");
    cr_expect_str_eq(pm->actions[0].owner, "ops");
    cr_expect_str_eq(pm->actions[1].action, "Rotate keys, then alert.");
    cr_expect_str_eq(pm->actions[1].due, "2026-12-01");
    cr_expect_str_eq(pm->actions[2].action, "Add a rate check");
    hs_postmortem_free(pm);
}

Test(actions, completed_on_a_day_is_done_not_due) {
    hs_postmortem *pm = parse_at("# T\n\n## Corrective actions\n\n- Add a rate "
                                 "check (completed November 13)\n",
                                 NULL);
    cr_assert_eq(pm->n_actions, 1);
    cr_expect_eq(pm->actions[0].status, HS_STATUS_DONE);
    cr_expect_eq(pm->actions[0].due[0], '\0');
    hs_postmortem_free(pm);
}

Test(dates, an_ambiguous_date_read_as_the_body_writes_it) {
    expect_date("# T\n\n| Field | Detail |\n|---|---|\n| Incident Start | "
                "07/11/2024 12:14 |\n\n## Summary\n\nOn 7 November 2024 "
                "payments failed.\n",
                "2024-11-07");
    /* without another writing, month first as before */
    expect_date("# T\n\n| Field | Detail |\n|---|---|\n| Incident Start | "
                "07/11/2024 12:14 |\n",
                "2024-07-11");
}

Test(dates, the_date_a_line_gives_the_incident) {
    expect_date("# T\n\n_Retro held 2024-12-03. Incident on Friday "
                "2024-11-29._\n\n## What happened\n\nPromos failed.\n",
                "2024-11-29");
}

Test(dates, a_discussion_header_is_a_byline) {
    expect_date("# T\n\n**kit** started this conversation in Announcements · "
                "Nov 4, 2024\n\nRelease 1.2 shipped on 2024-10-29 and "
                "deleted volumes.\n",
                "2024-10-29");
}

Test(actions, a_short_label_over_a_task_list_groups_it) {
    hs_postmortem *pm = parse_at("# T\n\n## Follow-up\n\n- Storage\n  - [x] "
                                 "Raise the quota\n  - ~~Move to a second "
                                 "bucket~~\n- Process\n  - [ ] Review "
                                 "disabled jobs\n",
                                 NULL);
    cr_assert_eq(pm->n_actions, 3);
    cr_expect_str_eq(pm->actions[0].action, "Raise the quota");
    cr_expect_eq(pm->actions[1].status, HS_STATUS_DONE);
    cr_expect_eq(pm->actions[2].status, HS_STATUS_NOT_STARTED);
    hs_postmortem_free(pm);
}

Test(duration, minutes_of_impact) {
    cr_expect_eq(minutes_of("# T\n\n## Summary\n\nSearch returned nothing "
                            "for a third of queries, so 19 minutes of "
                            "impact.\n"),
                 19);
}

Test(duration, a_hedged_start_of_a_window) {
    cr_expect_eq(minutes_of("# T\n\n## Summary\n\nSearch failed from about "
                            "10:12 to 10:31 CET.\n"),
                 19);
}

Test(duration, a_story_under_what_happened_is_the_summary) {
    cr_expect_eq(minutes_of("# T\n\nSeverity: SEV3\n\n## What happened\n\n"
                            "During the drill some clients were throttled "
                            "from 15:10 to 15:35 UTC.\n\n## Actions\n\n- "
                            "Alert on sync lag\n"),
                 25);
}

Test(actions, a_ticket_and_owner_in_one_bracket) {
    hs_postmortem *pm = parse_at("# T\n\n## Follow-ups\n\n- [ ] Make an empty "
                                 "policy mean retain (#1490, @jpark)\n",
                                 NULL);
    cr_assert_eq(pm->n_actions, 1);
    cr_expect_str_eq(pm->actions[0].action,
                     "Make an empty policy mean retain (#1490)");
    cr_expect_str_eq(pm->actions[0].owner, "jpark");
    hs_postmortem_free(pm);
}
