/*
 * Rules found with the thirteenth batch of house styles (tests/fixtures/
 * styles b13-*, labelled before any rule was written for them): one test
 * per rule on a small invented snippet. The whole styles are scored by
 * `make eval`.
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

Test(date, a_range_of_days_in_one_month_is_its_first_day) {
    char d[HS_DATE_LEN];
    cr_assert_eq(hs_date_parse("3-4 December 2025", d), 0);
    cr_expect_str_eq(d, "2025-12-03");
    cr_assert_eq(hs_date_parse("30\xe2\x80\x93"
                               "31 March 2026",
                               d),
                 0);
    cr_expect_str_eq(d, "2026-03-30");
    /* a dashed date of numbers stays one */
    cr_assert_eq(hs_date_parse("03-04-2025", d), 0);
    cr_expect_str_eq(d, "2025-03-04");
    hs_postmortem *pm = parse_at(
        "# Outage review: print service, 3-4 December 2025\n\nPrinting "
        "stopped twice.\n",
        NULL);
    cr_expect_str_eq(pm->date, "2025-12-03");
    hs_postmortem_free(pm);
    /* the body says which day of the range it was */
    pm = parse_at("# Handover: weekend 12-13 April 2025\n\nQuiet Saturday. "
                  "The queue backed up at 03:00 on Sunday 13 April.\n",
                  NULL);
    cr_expect_str_eq(pm->date, "2025-04-13");
    hs_postmortem_free(pm);
}

Test(duration, between_two_lengths_is_their_middle) {
    /* the line may break inside the range */
    cr_expect_eq(minutes_of("# IR-31\n\n## 2. Summary\n\nStaff could not "
                            "reach internal services for between 40\nand "
                            "50 minutes in the morning.\n"),
                 45);
    cr_expect_eq(minutes_of("# T\n\nOn 2025-05-27 the API was down for "
                            "between 2 and 3 hours.\n"),
                 150);
    /* a time between two lengths after something else is no outage */
    cr_expect_eq(minutes_of("# T\n\nOn 2025-05-27 the batch ran between 2 "
                            "and 3 hours after the deploy.\n"),
                 -1);
}

Test(duration, the_duration_is_a_length) {
    cr_expect_eq(minutes_of("# Post mortem - terminals offline (12.02.2026)\n\n"
                            "## What is happened\n\nSince 14h10 the terminals "
                            "could not connect. At 15h55 all were back, so "
                            "the incident duration is 1h45.\n"),
                 105);
    cr_expect_eq(minutes_of("# T\n\nOn 2026-02-12 the API failed. The total "
                            "duration was 40 minutes.\n"),
                 40);
}

Test(duration, a_length_with_its_window_in_brackets) {
    cr_expect_eq(minutes_of("# 2026-01-22 Search showed stale prices\n\n"
                            "Search showed old prices for 105 min "
                            "(08:20-10:05 UTC) after a config change.\n"),
                 105);
}

Test(duration, lagging_is_impact_and_a_drained_backlog_recovery) {
    /* 12-hour times across noon */
    cr_expect_eq(minutes_of("# Postmortem: locations frozen (Oct 7, 2025)\n\n"
                            "## Timeline\n\n| Time (PT) | What happened |\n"
                            "|---|---|\n"
                            "| 11:40 AM | Deploy of ingest v2.31 starts |\n"
                            "| 11:48 AM | Location updates start lagging |\n"
                            "| 12:20 PM | Rollback to v2.30 started |\n"
                            "| 1:05 PM | Backlog drained, p50 delay back "
                            "under 5 s |\n"),
                 77);
}

Test(duration, a_timeline_of_windows_adds_up_those_of_impact) {
    const char *md = "# Outage review: printing, 3-4 December 2025\n\n"
                     "## Timeline\n\n| Start | End | What |\n|---|---|---|\n"
                     "| 03 Dec 16:40 | 03 Dec 17:25 | Nothing prints, queue "
                     "stuck |\n"
                     "| 03 Dec 17:25 | 03 Dec 18:10 | Mono prints, colour "
                     "still stuck |\n"
                     "| 03 Dec 18:10 | 04 Dec 08:30 | All printing normal |\n"
                     "| 04 Dec 08:30 | 04 Dec 09:05 | Stuck again |\n"
                     "| 04 Dec 09:05 | | Patched, all printers normal |\n";
    hs_postmortem *pm = parse_at(md, NULL);
    cr_expect_eq(pm->duration_minutes, 45 + 45 + 35);
    cr_assert_eq(pm->n_timeline, 5);
    /* each row's time is its window; a row with no end keeps its start */
    cr_expect_str_eq(pm->timeline[0].time, "03 Dec 16:40 - 03 Dec 17:25");
    cr_expect_str_eq(pm->timeline[4].time, "04 Dec 09:05");
    hs_postmortem_free(pm);
}

Test(actions, work_corrected_during_the_incident_is_no_item) {
    hs_postmortem *pm = parse_at(
        "# IR-2025-031: DNS failure\n\n## 5. Corrective actions\n\n"
        "### 5.1 Actions completed\n\n"
        "- 5.1.1 The transfer ACL was corrected during the incident.\n\n"
        "### 5.2 Actions planned\n\n"
        "- 5.2.1 Reject zone transfers with fewer than 100 records.\n",
        NULL);
    cr_assert_eq(pm->n_actions, 1);
    cr_expect(strncmp(pm->actions[0].action, "Reject", 6) == 0);
    hs_postmortem_free(pm);
}

Test(actions, a_ballot_box_cell_is_the_status) {
    hs_postmortem *pm =
        parse_at("# Print outage\n\n## Actions\n\n| | Action | Who |\n"
                 "|---|---|---|\n"
                 "| \xe2\x98\x91 | Roll the viewer back on all PCs | Femi |\n"
                 "| \xe2\x98\x90 | Pilot updates in one room first | Anna |\n",
                 NULL);
    cr_assert_eq(pm->n_actions, 2);
    cr_expect_eq(pm->actions[0].status, HS_STATUS_DONE);
    cr_expect_eq(pm->actions[1].status, HS_STATUS_NOT_STARTED);
    hs_postmortem_free(pm);
}

Test(sections, a_details_toggle_is_a_section) {
    hs_postmortem *pm = parse_at(
        "# Disk full\n\nDate: 2025-11-06\n\n<details>\n<summary><b>Root "
        "cause</b></summary>\n\nThe export job writes temp files to the "
        "database volume.\n\n</details>\n\n<details>\n<summary>Action "
        "items</summary>\n\n- [ ] Move temp files to scratch\n  - Owner: "
        "Dario\n  - Due: 2025-11-20\n\n</details>\n",
        NULL);
    cr_assert_not_null(pm->root_cause);
    cr_expect_str_eq(pm->root_cause, "The export job writes temp files to "
                                     "the database volume.");
    cr_assert_eq(pm->n_actions, 1);
    cr_expect_str_eq(pm->actions[0].owner, "Dario");
    cr_expect_str_eq(pm->actions[0].due, "2025-11-20");
    hs_postmortem_free(pm);
}

Test(actions, a_sentence_ends_the_owners_name) {
    hs_postmortem *pm =
        parse_at("# IR-31\n\n## Actions planned\n\n"
                 "- Reject zone transfers with fewer than 100 records.\n"
                 "  Owner: R. de Wit. Target date: 2025-06-30.\n"
                 "- Firewall team must validate new rules first.\n"
                 "  Owner: Firewall team. For end of February.\n",
                 NULL);
    cr_assert_eq(pm->n_actions, 2);
    cr_expect_str_eq(pm->actions[0].owner, "R. de Wit");
    cr_expect_str_eq(pm->actions[0].due, "2025-06-30");
    cr_expect_str_eq(pm->actions[1].owner, "Firewall team");
    hs_postmortem_free(pm);
}

Test(actions, a_note_apps_mention_page_and_due_date_at_the_end) {
    hs_postmortem *pm = parse_at(
        "# Stale prices\n\n## Follow-ups\n\n"
        "- [ ] Add WebView 96 to the test matrix @Ilse Brandt\n"
        "- [ ] Fix the lag alert's selector [[Tomasz]] \xf0\x9f\x93\x85 "
        "2026-02-05\n"
        "- [x] Add the indexer to the deploy checklist [[Priya]]\n",
        NULL);
    cr_assert_eq(pm->n_actions, 3);
    cr_expect_str_eq(pm->actions[0].owner, "Ilse Brandt");
    cr_expect_str_eq(pm->actions[0].action,
                     "Add WebView 96 to the test matrix");
    cr_expect_str_eq(pm->actions[1].owner, "Tomasz");
    cr_expect_str_eq(pm->actions[1].due, "2026-02-05");
    cr_expect_str_eq(pm->actions[1].action, "Fix the lag alert's selector");
    cr_expect_str_eq(pm->actions[2].owner, "Priya");
    hs_postmortem_free(pm);
}

Test(actions, items_that_end_in_a_comma_and_a_name) {
    hs_postmortem *pm =
        parse_at("# INC-2291: webhooks delayed\n\n## Follow-up\n\n"
                 "- Give the limiter its own Redis (WH-310), Hana, due "
                 "2026-04-30\n"
                 "- Alert on Redis evictions (WH-312), Petr\n"
                 "- Review the queue, the limiter and Redis\n",
                 NULL);
    cr_assert_eq(pm->n_actions, 3);
    cr_expect_str_eq(pm->actions[0].owner, "Hana");
    cr_expect_str_eq(pm->actions[0].action,
                     "Give the limiter its own Redis (WH-310)");
    cr_expect_str_eq(pm->actions[1].owner, "Petr");
    /* a list of things is no owner */
    cr_expect_null(pm->actions[2].owner);
    hs_postmortem_free(pm);
}

Test(actions, a_name_working_on_it_is_the_owner_and_under_way) {
    hs_postmortem *pm = parse_at(
        "# Terminals offline\n\n## Next actions\n\n"
        "- To add a test transaction every 5 minutes from one store, with "
        "alert. Kofi is working on it.\n",
        NULL);
    cr_assert_eq(pm->n_actions, 1);
    cr_expect_str_eq(pm->actions[0].owner, "Kofi");
    cr_expect_eq(pm->actions[0].status, HS_STATUS_IN_PROGRESS);
    cr_expect_str_eq(pm->actions[0].action, "To add a test transaction every "
                                            "5 minutes from one store, with "
                                            "alert.");
    hs_postmortem_free(pm);
}

Test(actions, we_ll_is_we_will) {
    hs_postmortem *pm =
        parse_at("# Webhooks delayed\n\n## Follow-up\n\n"
                 "- Alert on Redis evictions\n"
                 "- We'll review the other services on that Redis\n"
                 "- We\xe2\x80\x99ll move the limiter to its own Redis\n",
                 NULL);
    cr_assert_eq(pm->n_actions, 3);
    cr_expect_eq(pm->actions[1].status, HS_STATUS_NOT_STARTED);
    cr_expect_eq(pm->actions[2].status, HS_STATUS_NOT_STARTED);
    hs_postmortem_free(pm);
}

Test(actions, work_decided_against_has_no_state) {
    cr_expect_eq(hs_status_parse("\xe2\x9d\x8c Won't do"), HS_STATUS_UNKNOWN);
    cr_expect_eq(hs_status_parse("Cancelled"), HS_STATUS_UNKNOWN);
    cr_expect_eq(hs_status_parse("\xe2\x9d\x8c"), HS_STATUS_NOT_STARTED);
    hs_postmortem *pm = parse_at(
        "# ENG-4821 uploads failing\n\n### What's next\n\n"
        "| Item | Owner | Status |\n| --- | --- | --- |\n"
        "| Keep upload logs for 30 days | Lotte | \xe2\x9c\x85 Done |\n"
        "| Review the cleanup's removals | Jonas | \xe2\x9d\x8c Won't do |\n",
        NULL);
    cr_assert_eq(pm->n_actions, 2);
    cr_expect_eq(pm->actions[0].status, HS_STATUS_DONE);
    cr_expect_eq(pm->actions[1].status, HS_STATUS_UNKNOWN);
    hs_postmortem_free(pm);
}

Test(date, a_page_created_after_the_day_its_title_dates) {
    hs_postmortem *pm =
        parse_at("---\ntags: [incident]\ncreated: 2026-01-23\n---\n\n"
                 "# 2026-01-22 Search showed stale prices\n\nSearch lagged.\n",
                 NULL);
    cr_expect_str_eq(pm->date, "2026-01-22");
    hs_postmortem_free(pm);
    /* with no day in the title the creation day is the date */
    pm = parse_at("# ENG-4821 uploads failing\n\nCreated: Jun 11, 2025\n\n"
                  "Uploads failed.\n",
                  NULL);
    cr_expect_str_eq(pm->date, "2025-06-11");
    hs_postmortem_free(pm);
}

Test(severity, a_field_closing_a_line_of_prose) {
    hs_postmortem *pm = parse_at("# INC-2291: webhooks delayed\n\nOpened "
                                 "2026-04-02 by Hana Novak. Priority: P2.\n\n"
                                 "## What happened\n\nWebhooks were late.\n",
                                 NULL);
    cr_expect_eq(pm->severity, 2);
    hs_postmortem_free(pm);
    /* a colon in a long closing sentence is no field */
    pm = parse_at("# T\n\nOn 2026-04-02 webhooks were late. Severity: we "
                  "argued for a long time and never agreed on one level.\n",
                  NULL);
    cr_expect_eq(pm->severity, 0);
    hs_postmortem_free(pm);
}

Test(sections, a_mkdocs_admonition_is_a_section) {
    hs_postmortem *pm = parse_at(
        "# Incident 2025-08-14: VPN down\n\n"
        "!!! warning \"Impact\"\n"
        "    Staff could not connect for an hour and a\n"
        "    half, from 07:50 to 09:20 CEST.\n\n"
        "??? note \"Timeline (CEST)\"\n"
        "    - 07:50 First helpdesk calls about VPN logins\n"
        "    - 09:20 New certificate installed, clients connect again\n\n"
        "!!! danger \"Root cause\"\n"
        "    The certificate was renewed by hand.\n",
        NULL);
    cr_expect_eq(pm->duration_minutes, 90);
    cr_expect_eq(pm->n_timeline, 2);
    cr_assert_not_null(pm->root_cause);
    cr_expect_str_eq(pm->root_cause, "The certificate was renewed by hand.");
    hs_postmortem_free(pm);
}
