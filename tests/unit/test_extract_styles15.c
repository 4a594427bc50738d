/*
 * Rules found with the fifteenth batch of house styles (tests/fixtures/
 * styles b15-*, labelled before any rule was written for them): one test
 * per rule on a small invented snippet. The whole styles are scored by
 * `make eval`.
 */
#include <criterion/criterion.h>

#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "helpers.h" /* parse_at */
#include "hindsight.h"

static int severity_of(const char *md) {
    hs_postmortem *pm = parse_at(md, NULL);
    int s = pm->severity;
    hs_postmortem_free(pm);
    return s;
}

Test(severity, a_priority_named_in_a_byline) {
    cr_expect_eq(severity_of("# Nightly load late\n\n_Data guild \xc2\xb7 "
                             "incident 18-Jun-2025 \xc2\xb7 priority P3_\n\n"
                             "The load was late.\n"),
                 3);
    /* a ticket's priority stays the ticket's */
    cr_expect_eq(severity_of("# Nightly load late\n\nOn 2025-06-18 we "
                             "opened a priority P1 ticket with the vendor.\n"),
                 0);
}

Test(severity, a_letter_beside_the_letters_of_its_scale) {
    cr_expect_eq(severity_of("# Slots down\n\nSeverity: Sev B (scale "
                             "A\xe2\x80\x93"
                             "D, A worst)\n\nText.\n"),
                 2);
    cr_expect_eq(severity_of("# Off air\n\nFault grade: B (grades: A total "
                             "loss all channels, B total loss one channel, C "
                             "degraded, D no on-air effect)\n\nText.\n"),
                 2);
    /* the scale may say its other end is the worst */
    cr_expect_eq(severity_of("# Slots down\n\nSeverity: C (A-D, D worst)\n\n"
                             "Text.\n"),
                 2);
    /* a letter with no scale beside it is no level */
    cr_expect_eq(severity_of("# Slots down\n\nSeverity: B (see the "
                             "matrix)\n\nText.\n"),
                 0);
}

Test(tables, a_spreadsheet_pasted_as_csv_is_a_table) {
    hs_postmortem *pm =
        parse_at("# Slots down\n\n## Timeline\n\n```csv\ntime,what\n"
                 "07:40,first report\n09:45,\"bookings recover, all "
                 "depots\"\n```\n\n## Actions\n\n```csv\n#,action,owner,"
                 "status\n1,Refuse to publish zero capacity,aisha@example."
                 "org,in progress\n2,\"Show \"\"unavailable\"\"\",checkout-"
                 "team,done\n```\n",
                 NULL);
    cr_assert_eq(pm->n_timeline, 2);
    cr_expect_str_eq(pm->timeline[1].time, "09:45");
    cr_expect_str_eq(pm->timeline[1].event, "bookings recover, all depots");
    cr_assert_eq(pm->n_actions, 2);
    cr_expect_str_eq(pm->actions[0].action, "Refuse to publish zero capacity");
    cr_expect_str_eq(pm->actions[0].owner, "aisha@example.org");
    cr_expect_eq(pm->actions[0].status, HS_STATUS_IN_PROGRESS);
    cr_expect_str_eq(pm->actions[1].action, "Show \"unavailable\"");
    hs_postmortem_free(pm);
    /* a block of another language stays code */
    pm = parse_at("# T\n\n## Timeline\n\n```sql\nselect a,b\nfrom t\n```\n",
                  NULL);
    cr_expect_eq(pm->n_timeline, 0);
    hs_postmortem_free(pm);
}

Test(actions, a_timeline_table_saying_who_did_each_step_is_no_action) {
    hs_postmortem *pm = parse_at("# T\n\n## Timeline\n\n| Time (BST) | What | "
                                 "Who |\n|---|---|---|\n| 06:00 | job runs | "
                                 "cron |\n| 07:40 | first tweet | Support |\n"
                                 "\n## Actions\n\n- Fix the job\n",
                                 NULL);
    cr_expect_eq(pm->n_timeline, 2);
    cr_assert_eq(pm->n_actions, 1);
    cr_expect_str_eq(pm->actions[0].action, "Fix the job");
    hs_postmortem_free(pm);
}

Test(fields, page_properties_with_a_doubled_colon) {
    hs_postmortem *pm = parse_at("# Feeds stale\n\n- type:: [[incident]]\n"
                                 "  date:: [[Mar 11th, 2025]]\n"
                                 "  severity:: [[S3]]\n"
                                 "  commander:: [[Ingrid Holm]]\n"
                                 "- ## Summary\n\t- Feeds were stale.\n",
                                 NULL);
    cr_expect_str_eq(pm->date, "2025-03-11");
    cr_expect_eq(pm->severity, 3);
    cr_expect_str_eq(pm->incident_commander, "Ingrid Holm");
    hs_postmortem_free(pm);
}

Test(fields, a_definition_list_gives_fields_and_entries) {
    hs_postmortem *pm =
        parse_at("# Payments declined\n\nOccurred\n:   2025-07-22 (Tuesday)\n\n"
                 "Customer impact\n:   75 minutes of failed card payments, "
                 "12:40\xe2\x80\x93"
                 "13:55 CEST\n\n## Timeline\n\n12:40\n:   Old key "
                 "revoked\n\n13:55\n:   Service restarted; payments succeed\n",
                 NULL);
    cr_expect_str_eq(pm->date, "2025-07-22");
    cr_expect_eq(pm->duration_minutes, 75);
    cr_assert_eq(pm->n_timeline, 2);
    cr_expect_str_eq(pm->timeline[0].time, "12:40");
    cr_expect_str_eq(pm->timeline[0].event, "Old key revoked");
    hs_postmortem_free(pm);
}

Test(actions, a_pull_request_checklist_is_no_follow_up) {
    hs_postmortem *pm =
        parse_at("# Revert the flag and postmortem\n\n## Follow-ups\n\n"
                 "- [ ] Give decoding its own pool \xe2\x80\x94 @dmitri\n\n"
                 "## Checklist\n\n- [x] Tests pass\n- [x] Changelog updated\n"
                 "- [ ] Screenshots (not applicable)\n",
                 NULL);
    cr_assert_eq(pm->n_actions, 1);
    cr_expect_str_eq(pm->actions[0].owner, "dmitri");
    hs_postmortem_free(pm);
}

Test(duration, a_broadcasters_off_air_time) {
    hs_postmortem *pm = parse_at("# Loss of programme on HD\n\nTransmission "
                                 "date: Sat 12 Apr 2025\nOff-air time: "
                                 "19:02:10 to 19:16:05\n\nText.\n",
                                 NULL);
    cr_expect_eq(pm->duration_minutes, 14);
    hs_postmortem_free(pm);
}

Test(tables, a_sheet_longer_than_a_table_stays_code) {
    hs__buf md = HS_BUF_INIT;
    hs_postmortem *pm;
    hs__buf_puts(&md, "# T\n\n## Timeline\n\n```csv\ntime,what\n");
    for (int i = 0; i < 300; i++)
        hs__buf_printf(&md, "%02d:%02d,step %d\n", i / 60, i % 60, i);
    hs__buf_puts(&md, "```\n");
    pm = parse_at(md.data, NULL);
    /* its rows are not cut at the 256 a table holds */
    cr_expect_eq(pm->n_timeline, 0);
    hs_postmortem_free(pm);
    hs__buf_release(&md);
}

Test(fields, a_yaml_block_opening_the_page_is_its_front_matter) {
    hs_postmortem *pm = parse_at("# Mirror sync stalled\n\n```yaml\nstarted: "
                                 "2025-08-27T02:10Z\nresolved: 2025-08-27T09:"
                                 "20Z\nsev: 2\n```\n\n## What users saw\n\n"
                                 "Stale index.\n",
                                 NULL);
    cr_expect_str_eq(pm->date, "2025-08-27");
    cr_expect_eq(pm->severity, 2);
    hs_postmortem_free(pm);
    /* a yaml block further down is an example of config, no metadata */
    pm = parse_at("# Mirror sync stalled\n\n## Fix\n\n```yaml\nstarted: "
                  "2025-08-27T02:10Z\nresolved: 2025-08-27T09:20Z\n```\n",
                  NULL);
    cr_expect_eq(pm->duration_minutes, -1);
    hs_postmortem_free(pm);
}
