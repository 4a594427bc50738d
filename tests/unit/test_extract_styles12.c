/*
 * Rules found with the twelfth batch of house styles (tests/fixtures/styles
 * b12-*, labelled before any rule was written for them): one test per rule
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

Test(duration, several_fields_on_a_line_split_at_commas) {
    /* "TTM" is the time to mitigate: the comma before a key the names
     * table knows ends the value before it */
    cr_expect_eq(minutes_of("# Postmortem: mail outage (4 March 2025)\n\n"
                            "TTD: 5m, TTM: 42m, TTR: 2h10m\n\n## What "
                            "happened\n\nMail stopped.\n"),
                 42);
    /* a comma before words that name no field stays in the value */
    hs_postmortem *pm =
        parse_at("# T\n\nDate: 2025-03-04\nRoot cause: a stale key, Ola: "
                 "rotated it\n",
                 NULL);
    cr_assert_not_null(pm->root_cause);
    cr_expect(strstr(pm->root_cause, "rotated") != NULL);
    hs_postmortem_free(pm);
}

Test(duration, a_full_day_is_a_day) {
    cr_expect_eq(minutes_of("# T\n\nOn 16 September 2025 the dashboards were "
                            "down for a full day after a schema change.\n"),
                 1440);
    cr_expect_eq(minutes_of("# T\n\nOn 16 September 2025 the site was "
                            "unavailable for two whole days.\n"),
                 2880);
}

Test(duration, a_list_of_windows_adds_up) {
    cr_expect_eq(minutes_of("# Notice\n\n## Summary\n\nOn 20 January 2025 "
                            "Wi-Fi dropped connections in three windows: "
                            "09:10-09:35, 11:50-12:30 and 15:05-15:20.\n"),
                 80);
    /* a zone after each time */
    cr_expect_eq(minutes_of("# Notice\n\n## Summary\n\nOn 20 January 2025 "
                            "Wi-Fi dropped in two windows: 09:10 UTC - 09:35 "
                            "UTC, 11:50 UTC - 12:30 UTC.\n"),
                 65);
}

Test(actions, a_status_with_its_owner_in_brackets) {
    hs_postmortem *pm = parse_at(
        "# 5 Whys\n\n## Action items\n\n- Give the lock a lease \xe2\x80\x94 "
        "Done\n- Deploy with stop-then-start \xe2\x80\x94 In progress "
        "(Karl)\n- Reject repeated order ids \xe2\x80\x94 Not started "
        "(warehouse liaison)\n- Show a queue estimate \xe2\x80\x94 "
        "**planned** (client team)\n",
        NULL);
    cr_assert_eq(pm->n_actions, 4);
    cr_expect_eq(pm->actions[1].status, HS_STATUS_IN_PROGRESS);
    cr_expect_str_eq(pm->actions[1].owner, "Karl");
    cr_expect_str_eq(pm->actions[1].action, "Deploy with stop-then-start");
    cr_expect_eq(pm->actions[2].status, HS_STATUS_NOT_STARTED);
    cr_expect_str_eq(pm->actions[2].owner, "warehouse liaison");
    cr_expect_eq(pm->actions[3].status, HS_STATUS_NOT_STARTED);
    cr_expect_str_eq(pm->actions[3].owner, "client team");
    hs_postmortem_free(pm);
}

Test(actions, next_sprint_is_not_started) {
    hs_postmortem *pm =
        parse_at("# T\n\n## Action items\n\n- Move the key into the vault "
                 "(Ola, next sprint)\n- Add the provider to the checklist "
                 "(Jonas, done)\n- Alert on missing mail (Hanna)\n",
                 NULL);
    cr_assert_eq(pm->n_actions, 3);
    cr_expect_eq(pm->actions[0].status, HS_STATUS_NOT_STARTED);
    cr_expect_str_eq(pm->actions[0].owner, "Ola");
    cr_expect_str_eq(pm->actions[0].action, "Move the key into the vault");
    hs_postmortem_free(pm);
}

Test(actions, what_happens_next_and_still_open_are_action_sections) {
    hs_postmortem *pm =
        parse_at("# Notice\n\n## Summary\n\nWi-Fi dropped on 20 January "
                 "2025.\n\n## What happens next\n\n- The Network team will "
                 "raise the licence\n- Check the other controllers\n",
                 NULL);
    cr_expect_eq(pm->n_actions, 2);
    cr_expect_eq(pm->n_timeline, 0);
    hs_postmortem_free(pm);
    pm = parse_at("# Handover\n\n## Sunday\n\nQueue backed up.\n\n## Still "
                  "open for you\n\n- Limit the font cache\n- Scale the "
                  "workers back\n",
                  NULL);
    cr_assert_eq(pm->n_actions, 2);
    cr_expect_eq(pm->actions[0].status, HS_STATUS_NOT_STARTED);
    cr_expect_eq(pm->actions[1].status, HS_STATUS_NOT_STARTED);
    hs_postmortem_free(pm);
}

Test(date, an_issued_line_is_the_notice_and_the_summary_gives_the_day) {
    hs_postmortem *pm =
        parse_at("# Service notice: Wi-Fi\n\nIT Services\nIssued: Tuesday 21 "
                 "January 2025, 17:30\n\n## Summary\n\nOn Monday 20 January, "
                 "Wi-Fi dropped connections.\n",
                 NULL);
    cr_expect_str_eq(pm->date, "2025-01-20");
    hs_postmortem_free(pm);
}

Test(root_cause, a_run_in_heading_starts_a_section) {
    hs_postmortem *pm = parse_at(
        "# Service Incident Report\n\nDear customer,\n\nWe are sorry for "
        "the outage on 6 February 2025.\n\n**Why it happened.** The index "
        "rebuild took a lock on the table.\n\n**What we did at the time.** "
        "We cancelled the task.\n",
        NULL);
    cr_assert_not_null(pm->root_cause);
    cr_expect(strstr(pm->root_cause, "index rebuild took a lock") != NULL);
    cr_expect(strstr(pm->root_cause, "cancelled") == NULL);
    hs_postmortem_free(pm);
}

Test(severity, the_level_an_incident_was_raised_with) {
    hs_postmortem *pm =
        parse_at("# Incident summary\n\n## Timeline\n\n- 08:00 First calls "
                 "on 28 May 2025\n- 08:25 Incident raised, P2\n- 12:20 "
                 "Portal back\n",
                 NULL);
    cr_expect_eq(pm->severity, 2);
    hs_postmortem_free(pm);
    /* a priority of something else is none */
    pm = parse_at("# Incident summary\n\n## Timeline\n\n- 08:00 First calls "
                  "on 28 May 2025\n- 08:25 Ticket raised, P2 queue\n",
                  NULL);
    cr_expect_eq(pm->severity, 0);
    hs_postmortem_free(pm);
}

Test(duration, lines_that_each_open_with_a_window_add_up) {
    /* a partial recovery is still impact; "What players saw" is the
     * impact */
    cr_expect_eq(minutes_of("# Recap, Saturday 21 June 2025\n\n## What "
                            "players saw\n\n19:02-19:40 UTC: nobody could "
                            "log in.\n19:40-20:15 UTC: half of the players "
                            "could log in.\n20:15 UTC: all shards back.\n"),
                 73);
    /* one window and a later step is the window */
    cr_expect_eq(minutes_of("# Recap, Saturday 21 June 2025\n\n## Impact\n\n"
                            "19:02-19:40 UTC: nobody could log in. We "
                            "restarted the pool at 20:15.\n"),
                 38);
}
