/*
 * Rules found with the ninth batch of house styles (tests/fixtures/styles
 * b9-*, labelled before any rule was written for them): one test per rule
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

Test(duration, a_window_with_each_day_after_its_time) {
    cr_expect_eq(minutes_of("# T\n\n## Impact\n\nPreviews failed from 09:30 "
                            "UTC on Friday 17 May until 18:00 UTC on Sunday "
                            "19 May.\n"),
                 3390);
}

Test(duration, a_window_between_weekdays) {
    cr_expect_eq(minutes_of("# T\n\n## Impact\n\nThe portal was unavailable "
                            "from Saturday 02:10 to Sunday 11:45 (UTC).\n"),
                 2015);
    /* across the week's end */
    cr_expect_eq(minutes_of("# T\n\n## Impact\n\nThe portal was unavailable "
                            "from Sunday 23:00 to Monday 01:00.\n"),
                 120);
}

Test(duration, for_a_length_after_a_verb_of_outage_in_the_clause) {
    cr_expect_eq(minutes_of("# T\n\n## Summary\n\nOn 8 April the control "
                            "room lost telemetry from eleven substations for "
                            "two hours and seventeen minutes.\n"),
                 137);
    cr_expect_eq(minutes_of("# T\n\n## Summary\n\nImage uploads failed for "
                            "everyone for 47 minutes.\n"),
                 47);
    /* a wait is no outage */
    cr_expect_eq(minutes_of("# T\n\n## Summary\n\nWe waited for the vendor "
                            "for 40 minutes.\n"),
                 -1);
}

Test(duration, a_labelled_impact_start_in_the_timeline) {
    cr_expect_eq(minutes_of("# T\n\n## Timeline\n\n- 14:02 Impact starts: the "
                            "new cache is deployed and stops applying "
                            "purges\n- 14:40 Purges found rejected\n- 15:10 "
                            "Recovered: cache rolled back\n"),
                 68);
}

Test(duration, a_start_and_an_end_in_different_zones) {
    /* PDT (UTC-7) in July, PST (UTC-8) in January */
    cr_expect_eq(minutes_of("# T\n\nDate: 2025-07-15\n\n## Summary\n\nThe "
                            "outage began at 6:40 AM PT, when the certificate "
                            "was dropped, and logins were restored at 14:25 "
                            "UTC.\n"),
                 45);
    cr_expect_eq(minutes_of("# T\n\nDate: 2025-01-15\n\n## Summary\n\nThe "
                            "outage began at 6:40 AM PT, when the certificate "
                            "was dropped, and logins were restored at 15:25 "
                            "UTC.\n"),
                 45);
}

Test(duration, zones_of_the_countries_that_write_the_day_first) {
    /* BRT is UTC-3, NZST UTC+12: the zones that tell a date's order also
     * tell a window's length */
    cr_expect_eq(minutes_of("# T\n\nDate: 2025-07-15\n\n## Summary\n\nThe "
                            "outage began at 10:00 BRT, when the certificate "
                            "was dropped, and logins were restored at 14:30 "
                            "UTC.\n"),
                 90);
    cr_expect_eq(minutes_of("# T\n\nDate: 2025-07-15\n\n## Summary\n\nThe "
                            "outage began at 09:00 NZST, when the certificate "
                            "was dropped, and logins were restored at 22:30 "
                            "UTC.\n"),
                 90);
}

Test(duration, users_affected_past_the_window) {
    cr_expect_eq(minutes_of("# T\n\n## Summary\n\nSearch was down from 10:05 "
                            "to 10:40 UTC. It was marked resolved at 10:40, "
                            "but customers were affected until 12:30.\n"),
                 145);
}

Test(duration, a_paragraph_that_opens_with_the_window) {
    cr_expect_eq(minutes_of("# T\n\n**Resolved** - This incident has been "
                            "resolved.\n\n## Postmortem\n\nBetween 13:58 and "
                            "14:51 UTC on April 22, about 18% of requests "
                            "failed with 502 errors.\n"),
                 53);
}

Test(timeline, a_wrapped_line_of_prose_is_no_entry) {
    hs_postmortem *pm = parse_at("# T\n\n## What happened\n\nThe portal was "
                                 "down from Saturday 02:10 to Sunday\n11:45 "
                                 "(UTC). A quota filled up.\n",
                                 NULL);
    cr_expect_eq(pm->n_timeline, 0);
    hs_postmortem_free(pm);
    pm = parse_at("# T\n\n## Timeline\n\n14:02 Alert fires\n14:10 Paged\n",
                  NULL);
    cr_expect_eq(pm->n_timeline, 2);
    hs_postmortem_free(pm);
}

Test(names, polish_headings_fields_and_statuses) {
    hs_postmortem *pm = parse_at(
        "# Raport\n\n**Priorytet:** P2\n**Czas trwania:** 1 godz. 20 min\n\n"
        "## Przyczyna\n\nDostawca zmienił adres API.\n\n"
        "## Działania naprawcze\n\n| Zadanie | Właściciel | Status |\n"
        "|---|---|---|\n| Przenieść adres | Jan Nowak | Zrobione |\n"
        "| Dodać alert | Zespół SRE | Do zrobienia |\n"
        "| Zapisać się | Ewa Kot | W trakcie |\n",
        NULL);
    cr_expect_eq(pm->severity, 2);
    cr_expect_eq(pm->duration_minutes, 80);
    cr_expect(pm->root_cause && *pm->root_cause);
    cr_assert_eq(pm->n_actions, 3);
    cr_expect_str_eq(pm->actions[0].owner, "Jan Nowak");
    cr_expect_eq(pm->actions[0].status, HS_STATUS_DONE);
    cr_expect_eq(pm->actions[1].status, HS_STATUS_NOT_STARTED);
    cr_expect_eq(pm->actions[2].status, HS_STATUS_IN_PROGRESS);
    hs_postmortem_free(pm);
}

Test(actions, an_itsm_problem_task_table) {
    hs_postmortem *pm =
        parse_at("# T\n\n**Problem tasks**\n\n| Number | Short description | "
                 "Assigned to | State |\n|---|---|---|---|\n| PTASK01 | Move "
                 "the certificate to automated renewal | Joris | Work in "
                 "Progress |\n",
                 NULL);
    cr_assert_eq(pm->n_actions, 1);
    cr_expect_str_eq(pm->actions[0].owner, "Joris");
    cr_expect_eq(pm->actions[0].status, HS_STATUS_IN_PROGRESS);
    hs_postmortem_free(pm);
}

Test(actions, a_driver_column_and_a_responsible_sentence) {
    hs_postmortem *pm =
        parse_at("# T\n\n## Remediation items\n\n| # | Remediation | Driver "
                 "| Done? |\n|---|---|---|---|\n| 1 | Merge certificate lists "
                 "| Dmitri Volkov | Yes |\n",
                 NULL);
    cr_assert_eq(pm->n_actions, 1);
    cr_expect_str_eq(pm->actions[0].owner, "Dmitri Volkov");
    hs_postmortem_free(pm);
    pm = parse_at("# T\n\n## Corrective action plan\n\nCA-1. Restore the "
                  "keep-alive interval. Responsible: SCADA Engineering. "
                  "Status: Completed.\n",
                  NULL);
    cr_assert_eq(pm->n_actions, 1);
    cr_expect_str_eq(pm->actions[0].owner, "SCADA Engineering");
    cr_expect_str_eq(pm->actions[0].action,
                     "CA-1. Restore the keep-alive interval.");
    cr_expect_eq(pm->actions[0].status, HS_STATUS_DONE);
    hs_postmortem_free(pm);
}

Test(actions, owners_by_their_initials) {
    hs_postmortem *pm = parse_at("# T\n\n## Next steps\n\n1. Cap the batch "
                                 "size [FA]\n2. Load test month-end [JT, "
                                 "MK]\n3. Link the fix [PR]\n",
                                 NULL);
    cr_assert_eq(pm->n_actions, 3);
    cr_expect_str_eq(pm->actions[0].owner, "FA");
    cr_expect_str_eq(pm->actions[0].action, "Cap the batch size");
    cr_expect_str_eq(pm->actions[1].owner, "JT, MK");
    cr_expect_null(pm->actions[2].owner);
    hs_postmortem_free(pm);
}

Test(actions, already_live_and_shipped_are_done) {
    hs_postmortem *pm = parse_at("# T\n\n## What we are changing\n\n- Alert on "
                                 "upload failures (already live)\n- Validate "
                                 "paths in CI (shipped April 24)\n",
                                 NULL);
    cr_assert_eq(pm->n_actions, 2);
    cr_expect_eq(pm->actions[0].status, HS_STATUS_DONE);
    cr_expect_str_eq(pm->actions[0].action, "Alert on upload failures");
    cr_expect_eq(pm->actions[1].status, HS_STATUS_DONE);
    hs_postmortem_free(pm);
}

Test(actions, a_named_subject_owns_an_item_of_known_status) {
    hs_postmortem *pm = parse_at("# T\n\n## Actions\n\n- [ ] Oren will "
                                 "subscribe the rotation to the feed\n",
                                 NULL);
    cr_assert_eq(pm->n_actions, 1);
    cr_expect_eq(pm->actions[0].status, HS_STATUS_NOT_STARTED);
    cr_expect_str_eq(pm->actions[0].owner, "Oren");
    hs_postmortem_free(pm);
}

Test(actions, sub_headings_that_are_sentences_are_items) {
    hs_postmortem *pm =
        parse_at("# T\n\n## Follow-up work\n\n### Point the autoscaler at "
                 "the metric by its ID\n\nOwner: Kim. Status: done.\n\n"
                 "### Alert when the autoscaler removes half the replicas\n\n"
                 "Owner: SRE. Status: not started.\n\n### Add a freshness "
                 "check to the canary\n\nOwner: Priya. Status: in progress.\n",
                 NULL);
    cr_assert_eq(pm->n_actions, 3);
    cr_expect_str_eq(pm->actions[0].owner, "Kim");
    cr_expect_eq(pm->actions[0].status, HS_STATUS_DONE);
    hs_postmortem_free(pm);
}

Test(actions, a_list_announced_as_changes) {
    hs_postmortem *pm =
        parse_at("# T\n\n## Postmortem\n\nA release broke the gateway. We "
                 "are making the following changes:\n\n- Validate health "
                 "check paths in CI.\n- Page on 502 rates above 2%.\n",
                 NULL);
    cr_expect_eq(pm->n_actions, 2);
    hs_postmortem_free(pm);
    pm = parse_at("# T\n\n## Impact\n\nThe following services were "
                  "affected:\n\n- Search\n- Checkout\n",
                  NULL);
    cr_expect_eq(pm->n_actions, 0);
    hs_postmortem_free(pm);
}
