/*
 * Rules found with the fourth batch of house styles (tests/fixtures/styles,
 * labelled before any rule was written for them): one test per rule on a
 * small invented snippet. The whole styles are scored by `make eval`.
 */
#include <criterion/criterion.h>

#include <stdlib.h>
#include <string.h>

#include "helpers.h" /* parse_at */
#include "hindsight.h"

static size_t n_actions_of(const char *md) {
    hs_postmortem *pm = parse_at(md, NULL);
    size_t n = pm->n_actions;
    hs_postmortem_free(pm);
    return n;
}

Test(title, names_the_document_not_a_section) {
    /* "What happened" in the title: its prose times are no timeline */
    hs_postmortem *pm =
        parse_at("# What happened to our API on Tuesday\n\n"
                 "10:00 errors\n11:00 still errors\n12:00 fixed\n\n"
                 "## What went wrong\n\nA certificate expired.\n",
                 NULL);
    cr_expect_eq(pm->n_timeline, 0);
    hs_postmortem_free(pm);
    /* a lone "# Timeline" over entries keeps its name */
    pm = parse_at("# Timeline\n\n- 10:00 errors\n- 11:00 rollback\n"
                  "- 12:00 fixed\n",
                  NULL);
    cr_expect_eq(pm->n_timeline, 3);
    hs_postmortem_free(pm);
}

Test(names, future_work_sections_teams_name_otherwise) {
    cr_expect_eq(n_actions_of("# T\n\n## Cause\n\nX.\n\n"
                              "## Changes we will make\n\n"
                              "1. Move certificates to the issuer\n"),
                 1);
    cr_expect_eq(n_actions_of("# T\n\n## Cause\n\nX.\n\n## Remaining work\n\n"
                              "- Alert at 75% disk usage\n"),
                 1);
    /* work done in the incident is its resolution, not an item */
    cr_expect_eq(n_actions_of("# T\n\n## Cause\n\nX.\n\n"
                              "## Actions taken during the incident\n\n"
                              "- Moved partition leadership off the broker\n"),
                 0);
}

Test(names, german_headings_over_english_text) {
    hs_postmortem *pm = parse_at(
        "# T\n\nDatum: 12.05.2025\nSchweregrad: hoch\nDauer: 90 mins\n\n"
        "## Ursache\n\nA firewall rule blocked the port.\n\n"
        "## Zeitverlauf\n\n- 08:15 change applied\n- 08:19 errors\n"
        "- 09:45 reverted\n\n## Ma\xc3\x9fnahmen\n\n"
        "| Ma\xc3\x9fnahme | Verantwortlich | Status |\n|---|---|---|\n"
        "| Peer review firewall changes | Netzwerk-Team | in Arbeit |\n"
        "| Synthetic check for the API | Lena | erledigt |\n"
        "| Separate change templates | Lena | offen |\n",
        NULL);
    cr_expect_str_eq(pm->date, "2025-05-12");
    cr_expect_eq(pm->severity, 2);
    cr_expect_eq(pm->duration_minutes, 90);
    cr_expect_str_eq(pm->root_cause, "A firewall rule blocked the port.");
    cr_expect_eq(pm->n_timeline, 3);
    cr_assert_eq(pm->n_actions, 3);
    cr_expect_str_eq(pm->actions[0].owner, "Netzwerk-Team");
    cr_expect_eq(pm->actions[0].status, HS_STATUS_IN_PROGRESS);
    cr_expect_eq(pm->actions[1].status, HS_STATUS_DONE);
    cr_expect_eq(pm->actions[2].status, HS_STATUS_NOT_STARTED);
    hs_postmortem_free(pm);
}

Test(fields, reported_names_the_date) {
    hs_postmortem *pm = parse_at("# T\n\n| Item | Detail |\n|---|---|\n"
                                 "| Reported | 14/10/2025 06:05 |\n"
                                 "| Priority | P1 |\n",
                                 NULL);
    cr_expect_str_eq(pm->date, "2025-10-14");
    hs_postmortem_free(pm);
}

Test(fields, plain_pairs_on_one_line) {
    hs_postmortem *pm =
        parse_at("# T\n\nIncident date: October 7, 2025 \xc2\xb7 Severity: S3 "
                 "\xc2\xb7 Time to restore: 1.5 hours\n\nText.\n",
                 NULL);
    cr_expect_str_eq(pm->date, "2025-10-07");
    cr_expect_eq(pm->severity, 3);
    cr_expect_eq(pm->duration_minutes, 90);
    hs_postmortem_free(pm);
    /* in italics, and a dot inside a value that is no pair stays in it */
    pm = parse_at("# T\n\n_Incident: 2025-12-02 \xc2\xb7 Severity: P3 \xc2\xb7 "
                  "Duration: 25 minutes_\n\nText.\n",
                  NULL);
    cr_expect_eq(pm->severity, 3);
    cr_expect_eq(pm->duration_minutes, 25);
    hs_postmortem_free(pm);
}

Test(actions, a_checkbox_cell_gives_the_status) {
    hs_postmortem *pm =
        parse_at("# T\n\n## Follow-ups\n\n| | Ticket | Work |\n|---|---|---|\n"
                 "| [x] | WEB-1 | Flush only the changed keys |\n"
                 "| [ ] | WEB-2 | Coalesce concurrent rebuilds |\n",
                 NULL);
    cr_assert_eq(pm->n_actions, 2);
    cr_expect_eq(pm->actions[0].status, HS_STATUS_DONE);
    cr_expect_eq(pm->actions[1].status, HS_STATUS_NOT_STARTED);
    hs_postmortem_free(pm);
    /* a cell of one bracket is no checkbox (nor read past its end) */
    pm = parse_at("# T\n\n## Follow-ups\n\n| | Work |\n|---|---|\n"
                  "| [ | Flush only the changed keys |\n",
                  NULL);
    cr_assert_eq(pm->n_actions, 1);
    cr_expect_eq(pm->actions[0].status, HS_STATUS_UNKNOWN);
    hs_postmortem_free(pm);
}

Test(duration, a_key_with_its_unit_and_a_clock_length) {
    hs_postmortem *pm = parse_at("# T\n\n| Item | Detail |\n|---|---|\n"
                                 "| Outage duration (hh:mm) | 02:15 |\n",
                                 NULL);
    cr_expect_eq(pm->duration_minutes, 135);
    hs_postmortem_free(pm);
    pm = parse_at("# T\n\nDuration (minutes): 95\n\nText.\n", NULL);
    cr_expect_eq(pm->duration_minutes, 95);
    hs_postmortem_free(pm);
    cr_expect_eq(hs_duration_parse("1:05:30"), 66);
    cr_expect_eq(hs_duration_parse("02:75"), -1);
    cr_expect_eq(hs_duration_parse("02:15 UTC"), -1);
}

Test(actions, paragraphs_that_are_no_work) {
    hs_postmortem *pm = parse_at(
        "# T\n\n## What we're doing about it\n\n"
        "We will add a validation step for pool sizes.\n\n"
        "We are also reviewing how configuration changes roll out.\n\n"
        "The runbook already has a section on replays; we wrote it during "
        "the incident.\n\nWe apologise for the disruption.\n",
        NULL);
    cr_assert_eq(pm->n_actions, 2);
    cr_expect_eq(pm->actions[0].status, HS_STATUS_NOT_STARTED);
    cr_expect_eq(pm->actions[1].status, HS_STATUS_IN_PROGRESS);
    hs_postmortem_free(pm);
}

Test(actions, a_later_sentence_names_the_owner) {
    hs_postmortem *pm =
        parse_at("# T\n\n## Follow-up work\n\nWe will add contract tests to "
                 "the orders pipeline. Tobias Grant owns this.\n\n"
                 "We will park unreadable events in a retry topic.\n",
                 NULL);
    cr_assert_eq(pm->n_actions, 2);
    cr_expect_str_eq(pm->actions[0].owner, "Tobias Grant");
    cr_expect_str_eq(pm->actions[0].action,
                     "We will add contract tests to the orders pipeline.");
    cr_expect_null(pm->actions[1].owner);
    hs_postmortem_free(pm);
}

Test(actions, a_heading_of_work_to_come_gives_its_status) {
    hs_postmortem *pm =
        parse_at("# T\n\n## Changes we will make\n\n1. Move certificates to "
                 "the issuer\n2. Scan listeners weekly\n",
                 NULL);
    cr_assert_eq(pm->n_actions, 2);
    cr_expect_eq(pm->actions[0].status, HS_STATUS_NOT_STARTED);
    cr_expect_eq(pm->actions[1].status, HS_STATUS_NOT_STARTED);
    hs_postmortem_free(pm);
    /* "Action items" says nothing of their state */
    pm = parse_at("# T\n\n## Action items\n\n1. Move certificates\n", NULL);
    cr_assert_eq(pm->n_actions, 1);
    cr_expect_eq(pm->actions[0].status, HS_STATUS_UNKNOWN);
    hs_postmortem_free(pm);
}

Test(actions, a_team_before_a_dash_or_a_department_in_brackets) {
    hs_postmortem *pm =
        parse_at("# T\n\n## Action plan\n\n"
                 "- Storage team \xe2\x80\x94 alert at 80% inode usage\n"
                 "- Support \xe2\x80\x94 escalate weekend tickets\n"
                 "- Kafka \xe2\x80\x94 upgrade the client\n"
                 "- Alert at 75% broker disk usage (SRE)\n"
                 "- Restore retention once disks grow (Analytics)\n"
                 "- Upgrade the client library (Redis)\n",
                 NULL);
    cr_assert_eq(pm->n_actions, 6);
    cr_expect_str_eq(pm->actions[0].owner, "Storage team");
    cr_expect_str_eq(pm->actions[1].owner, "Support");
    cr_expect_null(pm->actions[2].owner); /* a product, not a team */
    cr_expect_str_eq(pm->actions[3].owner, "SRE");
    cr_expect_str_eq(pm->actions[4].owner, "Analytics");
    cr_expect_null(pm->actions[5].owner);
    hs_postmortem_free(pm);
}

Test(actions, a_list_of_work_with_its_states_under_another_name) {
    hs_postmortem *pm = parse_at(
        "# T\n\n## Fixes\n\n- Truncate long titles \xe2\x80\x94 done\n"
        "- Dead-letter poison messages \xe2\x80\x94 in progress\n"
        "- Rewrite the indexer \xe2\x80\x94 won't do, not the runtime\n",
        NULL);
    cr_assert_eq(pm->n_actions, 3);
    cr_expect_eq(pm->actions[0].status, HS_STATUS_DONE);
    cr_expect_eq(pm->actions[1].status, HS_STATUS_IN_PROGRESS);
    hs_postmortem_free(pm);
    /* what was done, each "done", stays the resolution */
    pm = parse_at("# T\n\n## Fix\n\n- Restarted the indexer \xe2\x80\x94 done\n"
                  "- Purged the queue \xe2\x80\x94 done\n",
                  NULL);
    cr_expect_eq(pm->n_actions, 0);
    hs_postmortem_free(pm);
}

Test(root_cause, a_consequence_joined_with_so) {
    hs_postmortem *pm =
        parse_at("# T\n\nHi all,\n\nA flag was set to 100%. The validator "
                 "rejected addresses without a postcode, so customers in "
                 "Ireland could not pay.\n\nThanks,\nMartin\n",
                 NULL);
    cr_assert_not_null(pm->root_cause);
    cr_expect(strstr(pm->root_cause, "rejected addresses") != NULL);
    hs_postmortem_free(pm);
}

Test(actions, a_subject_plans_a_list_of_work) {
    hs_postmortem *pm =
        parse_at("# T\n\nThe database restarted after a lock was held.\n\n"
                 "Acme plans further investigation, an internal debrief, and "
                 "enhancements to its monitoring.\n",
                 NULL);
    cr_assert_eq(pm->n_actions, 3);
    cr_expect_str_eq(pm->actions[0].action, "further investigation");
    cr_expect_eq(pm->actions[2].status, HS_STATUS_NOT_STARTED);
    hs_postmortem_free(pm);
    /* the noun is no plan of work */
    cr_expect_eq(n_actions_of("# T\n\nThe lock was held. Our plans were "
                              "delayed, again, and again.\n"),
                 0);
}

Test(actions, the_writers_promise_in_a_note_without_sections) {
    hs_postmortem *pm =
        parse_at("# Search was down\n\nThe outage lasted 3 h 5 min.\n\n"
                 "We have already restored the alias. We'll also change the "
                 "cleanup script to skip live indexes. Next, the team will "
                 "add an alert on the document count.\n",
                 NULL);
    cr_assert_eq(pm->n_actions, 2);
    cr_expect_eq(pm->actions[0].status, HS_STATUS_NOT_STARTED);
    cr_expect_eq(pm->actions[1].status, HS_STATUS_NOT_STARTED);
    hs_postmortem_free(pm);
    /* a promise to tell is no work */
    cr_expect_eq(n_actions_of("# T\n\nThe API failed.\n\nWe will provide "
                              "an update within the hour.\n"),
                 0);
}

Test(actions, a_trackers_export_anywhere) {
    hs_postmortem *pm = parse_at(
        "# T\n\n## Jira tickets\n\n"
        "| Key | Summary | Assignee | Status |\n|---|---|---|---|\n"
        "| MEDIA-740 | Route uploads around the CDN | Hana | In Review |\n"
        "| NET-388 | List the owners of CDN rules | Network team | To Do "
        "|\n",
        NULL);
    cr_assert_eq(pm->n_actions, 2);
    cr_expect_str_eq(pm->actions[0].owner, "Hana");
    cr_expect_eq(pm->actions[0].status, HS_STATUS_IN_PROGRESS);
    cr_expect_eq(pm->actions[1].status, HS_STATUS_NOT_STARTED);
    hs_postmortem_free(pm);
    /* a timeline's Time / Summary table is still the timeline */
    pm = parse_at("# T\n\n## Timeline\n\n| Time | Summary |\n|---|---|\n"
                  "| 10:00 | Alert |\n| 10:30 | Fixed |\n",
                  NULL);
    cr_expect_eq(pm->n_actions, 0);
    cr_expect_eq(pm->n_timeline, 2);
    hs_postmortem_free(pm);
}

Test(duration, an_impact_that_opens_with_its_length) {
    hs_postmortem *pm =
        parse_at("# T\n\n**Impact:** ~1.5 hours of failed image uploads for "
                 "web users\n\nText.\n",
                 NULL);
    cr_expect_eq(pm->duration_minutes, 90);
    hs_postmortem_free(pm);
    /* a long impact that is no length */
    pm = parse_at("# T\n\n**Impact:** 30% of web users could not upload "
                  "images for a while\n\nText.\n",
                  NULL);
    cr_expect_eq(pm->duration_minutes, -1);
    hs_postmortem_free(pm);
}
