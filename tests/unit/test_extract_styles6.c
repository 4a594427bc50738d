/*
 * Rules found with the sixth batch of house styles (tests/fixtures/styles,
 * labelled before any rule was written for them): one test per rule on a
 * small invented snippet. The whole styles are scored by `make eval`.
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

static int has_cause(const char *md) {
    hs_postmortem *pm = parse_at(md, NULL);
    int yes = pm->root_cause && *pm->root_cause;
    hs_postmortem_free(pm);
    return yes;
}

Test(duration, an_adverb_between_the_verb_and_for) {
    cr_expect_eq(minutes_of("# T\n\nBuilds failed intermittently for 2.5h "
                            "after the upgrade.\n"),
                 150);
    /* a bound stays no duration */
    cr_expect_eq(minutes_of("# T\n\nBuilds failed intermittently for more "
                            "than 4 hours.\n"),
                 -1);
}

Test(duration, dotted_twelve_hour_times) {
    cr_expect_eq(minutes_of("# T\n\nUsers could not log in between 7.05am "
                            "and 8.20am AEST.\n"),
                 75);
    /* a dotted number without am or pm is no time: "1.5" or "v2.14" */
    cr_expect_eq(minutes_of("# T\n\nWe rolled from v2.14 to v2.15 between "
                            "releases.\n"),
                 -1);
}

Test(duration, an_iso_window_with_t_and_z) {
    cr_expect_eq(minutes_of("# T\n\nIncident window: 2026-04-09T21:50Z "
                            "\xe2\x80\x93 2026-04-09T23:05Z\n\n"
                            "## Summary\n\nOrders failed.\n"),
                 75);
    cr_expect_eq(minutes_of("# T\n\nOutage window: 2026-04-09T23:50Z - "
                            "2026-04-10T00:20Z\n"),
                 30);
}

Test(duration, hours_then_bare_minutes_under_a_french_key) {
    cr_expect_eq(minutes_of("# T\n\nDate : 3 f\xc3\xa9vrier 2026\n"
                            "Dur\xc3\xa9"
                            "e : 1 h 10\n"),
                 70);
    cr_expect_eq(hs_duration_parse("2 h 05"), 125);
    /* a count after the hours is not their minutes */
    cr_expect_eq(hs_duration_parse("2 h 15 servers"), 120);
}

Test(date, month_names_of_other_languages) {
    char d[HS_DATE_LEN];
    cr_expect_eq(hs_date_parse("3 f\xc3\xa9vrier 2026", d), 0);
    cr_expect_str_eq(d, "2026-02-03");
    cr_expect_eq(hs_date_parse("14 de marzo de 2026", d), 0);
    cr_expect_str_eq(d, "2026-03-14");
    cr_expect_eq(hs_date_parse("2 M\xc3\xa4rz 2026", d), 0);
    cr_expect_str_eq(d, "2026-03-02");
}

Test(date, a_byline_is_the_write_ups_day) {
    hs_postmortem *pm = parse_at(
        "# Delayed notifications on March 3\n\n"
        "*Posted March 5, 2026 by the Reliability team*\n\n"
        "On Tuesday, March 3, 2026, notifications were delayed for most "
        "customers.\n",
        NULL);
    cr_expect_str_eq(pm->date, "2026-03-03");
    cr_expect(pm->summary && !strncmp(pm->summary, "On Tuesday", 10));
    hs_postmortem_free(pm);
}

Test(actions, spanish_and_french_status_words) {
    hs_postmortem *pm =
        parse_at("# T\n\n## Cause\n\nX.\n\n## Acciones correctivas\n\n"
                 "| Acci\xc3\xb3n | Responsable | Estado |\n|---|---|---|\n"
                 "| A\xc3\xb1"
                 "adir clave de idempotencia | Equipo de pagos | Hecho |\n"
                 "| Desactivar reintentos | Marta Gil | En curso |\n",
                 NULL);
    cr_assert_eq(pm->n_actions, 2);
    cr_expect_eq(pm->actions[0].status, HS_STATUS_DONE);
    cr_expect_eq(pm->actions[1].status, HS_STATUS_IN_PROGRESS);
    hs_postmortem_free(pm);
    cr_expect_eq(hs_status_parse("Fait"), HS_STATUS_DONE);
}

Test(actions, a_lead_in_or_connective_before_the_we_sentence) {
    hs_postmortem *pm = parse_at(
        "# T\n\n## Cause\n\nX.\n\n## Follow-up work\n\n"
        "**Capacity alerts.** We will alert when a disk passes 80%.\n\n"
        "Finally, we are building a synthetic check of the API name.\n\n"
        "We have already added an alert on queue age.\n",
        NULL);
    cr_assert_eq(pm->n_actions, 3);
    cr_expect_eq(pm->actions[0].status, HS_STATUS_NOT_STARTED);
    cr_expect_eq(pm->actions[1].status, HS_STATUS_IN_PROGRESS);
    cr_expect_eq(pm->actions[2].status, HS_STATUS_DONE);
    hs_postmortem_free(pm);
}

Test(actions, a_struck_item_among_task_items) {
    hs_postmortem *pm =
        parse_at("# T\n\n## Fixes\n\n- [x] Add a migration check\n"
                 "- [ ] Run migrations before the rollout\n"
                 "- ~~Backfill the column default~~\n",
                 NULL);
    cr_assert_eq(pm->n_actions, 3);
    cr_expect_eq(pm->actions[2].status, HS_STATUS_DONE);
    hs_postmortem_free(pm);
    /* outside an action section, a struck item without task boxes
     * beside it is no to-do */
    pm = parse_at("# T\n\n## Notes\n\n- ~~Old idea~~\n- Plain note\n", NULL);
    cr_expect_eq(pm->n_actions, 0);
    hs_postmortem_free(pm);
}

Test(root_cause, a_passive_with_its_agent) {
    cr_expect(has_cause("# T\n\nSearch returned nothing. The alias was "
                        "pointed at an empty index by the nightly cleanup "
                        "script.\n"));
    /* the response's deeds are no cause */
    cr_expect(!has_cause("# T\n\nSearch returned nothing. It was detected "
                         "by the on-call engineer and fixed within the "
                         "hour.\n"));
}

Test(root_cause, a_missing_part_or_nothing_left_to_do_it) {
    cr_expect(has_cause("# T\n\n502s from the gateway for 20 min (the new "
                        "chain was missing the intermediate cert).\n"));
    cr_expect(has_cause("# T\n\nLog search was down. The host had been "
                        "decommissioned, so nothing deleted old logs.\n"));
}

Test(duration, the_starts_day_between_its_time_and_the_end) {
    cr_expect_eq(minutes_of("# T\n\nCustomer impact: 23:40 CET on 11 February "
                            "to 01:05 CET on 12 February 2026\n"),
                 85);
    cr_expect_eq(minutes_of("# T\n\n## Summary\n\nSearch was down from 23:40 "
                            "on Friday to 01:05 on Saturday.\n"),
                 85);
    /* a sentence end before the "to" closes the window's start */
    cr_expect_eq(minutes_of("# T\n\n## Summary\n\nErrors from 23:40 on. "
                            "Then we went to 01:05 checks.\n"),
                 -1);
}
