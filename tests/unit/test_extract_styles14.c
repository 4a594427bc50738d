/*
 * Rules found with the fourteenth batch of house styles (tests/fixtures/
 * styles b14-*, labelled before any rule was written for them): one test
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

Test(duration, a_clock_written_with_an_h_is_a_time) {
    cr_expect_eq(minutes_of("# Event report: telemetry lost\n\n"
                            "## Summary\n\nOn 2025-03-04, from 9h30 to 11h15 "
                            "the control room lost telemetry.\n"),
                 105);
    cr_expect_eq(minutes_of("# Gate system down\n\n## Summary\n\nOn "
                            "2025-03-04 the gates were down from 0730h to "
                            "0910h.\n"),
                 100);
    /* a length written with an h stays one */
    cr_expect_eq(minutes_of("# T\n\nOn 2025-03-04 the API was down for "
                            "1h45.\n"),
                 105);
}

Test(timeline, an_entry_may_open_with_a_clock_written_with_an_h) {
    hs_postmortem *pm = parse_at("# Event report\n\n## Sequence of events\n\n"
                                 "- 9h12 \xe2\x80\x94 maintenance starts\n"
                                 "- 0930h links go down\n"
                                 "- 11h15 \xe2\x80\x94 links restored\n",
                                 NULL);
    cr_assert_eq(pm->n_timeline, 3);
    cr_expect_str_eq(pm->timeline[0].time, "9:12");
    cr_expect_str_eq(pm->timeline[1].time, "09:30");
    cr_expect_str_eq(pm->timeline[2].time, "11:15");
    hs_postmortem_free(pm);
}

Test(severity, a_level_with_its_scale_beside_it) {
    hs_postmortem *pm = parse_at(
        "# Report\n\n**Date of event:** 4 March 2025\n**Event class:** Major "
        "(scale: Critical / Major / Minor / Negligible)\n",
        NULL);
    cr_expect_eq(pm->severity, 2);
    hs_postmortem_free(pm);
    /* colours, the worst last */
    pm = parse_at("# Report\n\nEvent date: 4 March 2025\nAlert level: AMBER "
                  "(levels: GREEN, AMBER, RED)\n",
                  NULL);
    cr_expect_eq(pm->severity, 2);
    hs_postmortem_free(pm);
    /* the mildest first, read from its known end */
    pm = parse_at("# Report\n\nSeverity: Minor (Trivial / Minor / Major / "
                  "Critical)\n",
                  NULL);
    cr_expect_eq(pm->severity, 3);
    hs_postmortem_free(pm);
    /* a template's choice is still no level */
    pm = parse_at("# Report\n\nSeverity: SEV1 / SEV2 / SEV3\n", NULL);
    cr_expect_eq(pm->severity, 0);
    hs_postmortem_free(pm);
}

Test(severity, a_key_holding_no_level_leaves_the_next) {
    hs_postmortem *pm =
        parse_at("# MI-2025-0412: batch overran\n\n**Document control**\n\n"
                 "- Classification: Internal\n- Priority: Priority 1\n"
                 "- Incident date: 04.04.2025\n",
                 NULL);
    cr_expect_eq(pm->severity, 1);
    hs_postmortem_free(pm);
}

Test(actions, the_subject_of_will_names_a_role_or_unit_as_owner) {
    hs_postmortem *pm = parse_at(
        "# Report\n\n## Recommendations\n\n"
        "5.1 IT Network Services will stop using hit counters alone.\n\n"
        "5.2 Station managers at all UK stations will run a drill each "
        "quarter.\n\n"
        "5.3 The OCC will add the terminal heartbeat to the dashboard.\n\n"
        "5.4 The telecom coordinator will ask the provider for notices.\n\n"
        "5.5 The dashboard will show the heartbeat of every desk.\n",
        NULL);
    cr_assert_eq(pm->n_actions, 5);
    cr_expect_str_eq(pm->actions[0].owner, "IT Network Services");
    cr_expect_str_eq(pm->actions[1].owner, "Station managers");
    cr_expect_str_eq(pm->actions[2].owner, "OCC");
    cr_expect_str_eq(pm->actions[3].owner, "telecom coordinator");
    for (size_t i = 0; i < 4; i++)
        cr_expect_eq(pm->actions[i].status, HS_STATUS_NOT_STARTED);
    /* a thing as the subject names no owner */
    cr_expect_null(pm->actions[4].owner);
    hs_postmortem_free(pm);
}

Test(actions, a_confirmation_after_the_plan_is_done) {
    hs_postmortem *pm = parse_at(
        "# Event report\n\n## Measures\n\n"
        "1. Procurement will reactivate the SIM and audit the others. (Done "
        "on 5 March: two more were inactive.)\n\n"
        "2. The SCADA team will add a weekly failover test. Done right, "
        "it finds a dead link in a week.\n",
        NULL);
    cr_assert_eq(pm->n_actions, 2);
    cr_expect_eq(pm->actions[0].status, HS_STATUS_DONE);
    cr_expect_str_eq(pm->actions[0].owner, "Procurement");
    /* "Done right" is no confirmation */
    cr_expect_eq(pm->actions[1].status, HS_STATUS_NOT_STARTED);
    hs_postmortem_free(pm);
}

Test(status, an_itsm_task_closed_incomplete_is_no_state) {
    cr_expect_eq(hs_status_parse("Closed Incomplete"), HS_STATUS_UNKNOWN);
    cr_expect_eq(hs_status_parse("Closed skipped"), HS_STATUS_UNKNOWN);
    cr_expect_eq(hs_status_parse("Closed Complete"), HS_STATUS_DONE);
    cr_expect_eq(hs_status_parse("Closed"), HS_STATUS_DONE);
    cr_expect_eq(hs_status_parse("incomplete"), HS_STATUS_NOT_STARTED);
}

Test(duration, a_business_duration_and_an_outage_field_are_lengths) {
    cr_expect_eq(minutes_of("# PIR for INC0145502 - mail delayed\n\n"
                            "**Opened:** 2025-10-21 13:47:09\n"
                            "**Business duration:** 3 Hours 15 Minutes\n"),
                 195);
    cr_expect_eq(minutes_of("# Scheduler unavailable\n\n| Item | Detail |\n"
                            "|---|---|\n| Disruption began | Wed, 14 May "
                            "2025 |\n| Outage | about 26 hours |\n"),
                 26 * 60);
    /* an outage field that is no length gives none */
    cr_expect_eq(minutes_of("# T\n\nDate: 2025-05-14\nOutage: API gateway\n"),
                 -1);
}

Test(tables, a_confluence_wiki_markup_table_is_a_table) {
    hs_postmortem *pm = parse_at(
        "# PIR-0917 Points not credited\n\n{info}\nLast reviewed 23 Sep "
        "2025.\n{info}\n\n||Field||Value||\n|Incident date|16 Sep 2025|\n"
        "|Severity|{status:colour=Yellow|title=SEV 2}|\n\n"
        "## Timeline\n\n{expand:title=Show timeline}\n||Time (CEST)||Event||\n"
        "|14:02|Consumer deployed|\n|14:05|First order without points|\n"
        "|15:50|Points credited again|\n{expand}\n",
        NULL);
    cr_expect_str_eq(pm->date, "2025-09-16");
    cr_expect_eq(pm->severity, 2);
    cr_assert_eq(pm->n_timeline, 3);
    cr_expect_str_eq(pm->timeline[2].time, "15:50");
    cr_expect_str_eq(pm->timeline[2].event, "Points credited again");
    hs_postmortem_free(pm);
    /* a line of pipes in prose is no table */
    pm = parse_at("# T\n\n## Timeline\n\n||a||b||\nthen prose\n", NULL);
    cr_expect_eq(pm->n_timeline, 0);
    hs_postmortem_free(pm);
}

Test(actions, a_confluence_mention_and_date_macro_end_an_item) {
    hs_postmortem *pm =
        parse_at("# PIR\n\n## Action items\n\n{tasklist}\n"
                 "- [x] Pin the reset policy in the config [~mkowalski] "
                 "{date:2025-09-17}\n"
                 "- [ ] Alert when the ledger writes nothing [~l.ferrer]\n"
                 "{tasklist}\n",
                 NULL);
    cr_assert_eq(pm->n_actions, 2);
    cr_expect_str_eq(pm->actions[0].action,
                     "Pin the reset policy in the config");
    cr_expect_str_eq(pm->actions[0].owner, "mkowalski");
    cr_expect_str_eq(pm->actions[0].due, "2025-09-17");
    cr_expect_str_eq(pm->actions[1].action,
                     "Alert when the ledger writes nothing");
    cr_expect_str_eq(pm->actions[1].owner, "l.ferrer");
    hs_postmortem_free(pm);
}

Test(sections, an_emoji_before_a_bold_label_still_makes_it_a_section) {
    hs_postmortem *pm = parse_at(
        "# Incident card: pushes delayed\n\n"
        "\xf0\x9f\x97\x93\xef\xb8\x8f 2025-11-12\n\n"
        "\xf0\x9f\xa7\xa0 **Cause**\nThe signing key was rotated and the "
        "workers kept the old token.\n\n"
        "\xe2\x9c\x85 **Follow-ups**\n"
        "- [ ] Drop the cached token when the key changes\n"
        "- [ ] Alert on the retry queue's age\n",
        NULL);
    cr_assert_not_null(pm->root_cause);
    cr_expect(strncmp(pm->root_cause, "The signing key", 15) == 0);
    cr_expect_eq(pm->n_actions, 2);
    hs_postmortem_free(pm);
}

Test(actions, a_square_button_is_not_started_and_a_dash_sets_off_a_handle) {
    hs_postmortem *pm = parse_at(
        "# Card\n\n## Follow-ups\n\n"
        "- \xf0\x9f\x94\xb2 Drop the cached JWT when the key changes "
        "\xe2\x80\x94 @mei.t\n"
        "- \xe2\x9c\x94\xef\xb8\x8f Move the key rotation out of shop hours "
        "\xe2\x80\x94 @secops\n",
        NULL);
    cr_assert_eq(pm->n_actions, 2);
    cr_expect_eq(pm->actions[0].status, HS_STATUS_NOT_STARTED);
    cr_expect_str_eq(pm->actions[0].action,
                     "Drop the cached JWT when the key changes");
    cr_expect_str_eq(pm->actions[0].owner, "mei.t");
    cr_expect_eq(pm->actions[1].status, HS_STATUS_DONE);
    cr_expect_str_eq(pm->actions[1].action,
                     "Move the key rotation out of shop hours");
    hs_postmortem_free(pm);
}

Test(actions, a_sentence_before_a_task_list_is_no_label_of_another_kind) {
    hs_postmortem *pm = parse_at(
        "# Kestrel 3.4.1 release notes\n\n## Changes to how we work\n\n"
        "We are not only fixing the bug. These are tracked in the 3.5 "
        "milestone:\n\n- [x] GC refuses to delete more than 5% of objects "
        "(#2846, @hannaw)\n- [ ] Property tests for the tag parser (#2850)\n",
        NULL);
    cr_expect_eq(pm->n_actions, 2);
    hs_postmortem_free(pm);
    /* a short label of that kind still says the list is no work */
    pm = parse_at("# T\n\n## Notes\n\nMilestones:\n\n- [x] Deploy started\n"
                  "- [x] Rolled back\n",
                  NULL);
    cr_expect_eq(pm->n_actions, 0);
    hs_postmortem_free(pm);
}

Test(actions, what_we_ll_try_is_work_and_its_owners_in_brackets) {
    hs_postmortem *pm = parse_at(
        "# Learning review: the stale index\n\n## What we'll try\n\n"
        "1. Put every dead-letter topic on a dashboard (search team, "
        "Kasia).\n"
        "2. Publish feed schema changes as a contract (catalogue team with "
        "search team).\n"
        "3. Try a shared channel for a quarter (see the runbook for the "
        "steps).\n",
        NULL);
    cr_assert_eq(pm->n_actions, 3);
    cr_expect_str_eq(pm->actions[0].owner, "search team, Kasia");
    cr_expect_str_eq(pm->actions[0].action,
                     "Put every dead-letter topic on a dashboard");
    cr_expect_str_eq(pm->actions[1].owner, "catalogue team with search team");
    cr_expect_null(pm->actions[2].owner);
    cr_expect_eq(pm->actions[2].status, HS_STATUS_NOT_STARTED);
    hs_postmortem_free(pm);
}

Test(actions, numbered_follow_up_fields_are_items) {
    hs_postmortem *pm = parse_at(
        "# Incident 2025-031: labels with a wrong depot\n\n| | |\n|---|---|\n"
        "| **Date** | 2025.03.04 |\n| **Severity** | S2 |\n"
        "| **Follow-up 1** | Add a postcode per district. Owner: Routing "
        "team. Status: done. |\n"
        "| **Follow-up 2** | Alert on exceptions per depot. Owner: Hub "
        "systems. Status: not started. |\n"
        "| **Notes** | Thanks to the night shift. |\n",
        NULL);
    cr_assert_eq(pm->n_actions, 2);
    cr_expect(strncmp(pm->actions[0].action, "Add a postcode", 14) == 0);
    cr_expect_str_eq(pm->actions[0].owner, "Routing team");
    cr_expect_eq(pm->actions[0].status, HS_STATUS_DONE);
    cr_expect_eq(pm->actions[1].status, HS_STATUS_NOT_STARTED);
    hs_postmortem_free(pm);
}
