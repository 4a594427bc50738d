/*
 * Rules for house styles written from public templates (Azure PIR, Jeli,
 * FireHydrant, Confluence exports, numbered and bilingual reports), one
 * test per rule on a small invented snippet. The whole styles are scored
 * by `make eval` (tests/fixtures/styles), not here.
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

Test(names, action_sections_teams_name_otherwise) {
    cr_expect_eq(n_actions_of("# T\n\n## How are we making incidents like "
                              "this less likely or less impactful?\n\n"
                              "- We will add an alert on lookups.\n"),
                 1);
    cr_expect_eq(n_actions_of("# T\n\n## Opportunities\n\n"
                              "- Pass an idempotency key on charges\n"),
                 1);
    cr_expect_eq(n_actions_of("# T\n\n## 6. Measures\n\n"
                              "| Measure | Responsible |\n|---|---|\n"
                              "| Monitor certificates | Network |\n"),
                 1);
    /* what was done during the incident stays the resolution */
    cr_expect_eq(n_actions_of("# T\n\n## Mitigation measures\n\n"
                              "- Restarted the API\n"),
                 0);
}

Test(fields, a_key_in_two_languages) {
    hs_postmortem *pm = parse_at("# T\n\nSchweregrad / Severity: Low\n\n"
                                 "Dauer / Duration: 6 h 24 min\n\nText.\n",
                                 NULL);
    cr_expect_eq(pm->severity, 4);
    cr_expect_eq(pm->duration_minutes, 384);
    hs_postmortem_free(pm);
    /* a slash without spaces is one name, not two */
    pm = parse_at("# T\n\nTime to detect/repair: 40 minutes\n", NULL);
    cr_expect_eq(pm->duration_minutes, -1);
    hs_postmortem_free(pm);
}

Test(fields, level_names_the_severity) {
    hs_postmortem *pm = parse_at("# T\n\n**Level:** Medium\n", NULL);
    cr_expect_eq(pm->severity, 3);
    hs_postmortem_free(pm);
}

Test(fields, a_key_cell_after_an_emoji) {
    hs_postmortem *pm =
        parse_at("# T\n\n> written 17/03/2025\n\n| | |\n|---|---|\n"
                 "| \xf0\x9f\x93\x85 Date | 14/03/2025 |\n"
                 "| \xf0\x9f\x9a\xa8 Severity | Medium |\n",
                 NULL);
    cr_expect_str_eq(pm->date, "2025-03-14");
    cr_expect_eq(pm->severity, 3);
    hs_postmortem_free(pm);
}

Test(duration, a_mitigated_end_before_resolved) {
    hs_postmortem *pm =
        parse_at("# T\n\n**Started at:** Mar 6, 2025 3:42 PM EST\n"
                 "**Resolved at:** Mar 6, 2025 5:10 PM EST\n\n## Milestones\n\n"
                 "| Milestone | Time |\n|---|---|\n"
                 "| Started | Mar 6, 2025 3:42 PM EST |\n"
                 "| Mitigated | Mar 6, 2025 4:51 PM EST |\n"
                 "| Resolved | Mar 6, 2025 5:10 PM EST |\n",
                 NULL);
    cr_expect_eq(pm->duration_minutes, 69);
    /* the milestones table is the timeline */
    cr_expect_eq(pm->n_timeline, 3);
    hs_postmortem_free(pm);
}

Test(timeline, sub_headings_group_its_entries) {
    hs_postmortem *pm =
        parse_at("# T\n\n## 4. Chronology of events\n\n### 4.1 Detection\n\n"
                 "- 07:58 first failed logins\n- 08:06 first calls\n\n"
                 "### 4.2 Analysis and recovery\n\n- 08:55 cause found\n"
                 "- 09:33 logins succeed again\n\n## 5. Cause analysis\n\n"
                 "The certificate expired.\n",
                 NULL);
    cr_expect_eq(pm->n_timeline, 4);
    cr_expect_eq(pm->duration_minutes, 95);
    cr_expect_str_eq(pm->root_cause, "The certificate expired.");
    hs_postmortem_free(pm);
}

Test(timeline, a_list_of_timed_entries_under_another_name) {
    hs_postmortem *pm = parse_at(
        "# T\n\n## What happened?\n\nBetween 08:10 and 11:35 UTC the "
        "service was slow.\n\n## How did we respond?\n\n"
        "- 08:10 UTC on 14 May 2025 \xe2\x80\x93 Customer impact began.\n"
        "- 08:21 UTC on 14 May 2025 \xe2\x80\x93 Monitoring alerted us.\n"
        "- 11:35 UTC on 14 May 2025 \xe2\x80\x93 Latency returned to "
        "normal.\n",
        NULL);
    cr_assert_eq(pm->n_timeline, 3);
    cr_expect_str_eq(pm->timeline[0].time, "08:10 UTC on 14 May 2025");
    cr_expect_str_eq(pm->timeline[0].event, "Customer impact began.");
    hs_postmortem_free(pm);
    /* two timed items are not enough to call a section a timeline */
    pm = parse_at("# T\n\n## Response\n\n- 11:20 AM paged\n"
                  "- 11:48 AM fixed\n",
                  NULL);
    cr_expect_eq(pm->n_timeline, 0);
    hs_postmortem_free(pm);
    /* nor is a list with an untimed item */
    pm = parse_at("# T\n\n## Response\n\n- 11:20 AM paged\n"
                  "- 11:48 AM fixed\n- 12:00 PM closed\n- then we left\n",
                  NULL);
    cr_expect_eq(pm->n_timeline, 0);
    hs_postmortem_free(pm);
}

Test(timeline, impact_began_names_the_start) {
    hs_postmortem *pm =
        parse_at("# T\n\n## Timeline\n\n- 09:00 deploy\n"
                 "- 09:10 customer impact began\n- 09:40 recovered\n",
                 NULL);
    cr_expect_eq(pm->duration_minutes, 30);
    hs_postmortem_free(pm);
}

/* The first action item of `md`, in `pm` (caller frees pm). */
static const hs_action_item *first_action(const char *md, hs_postmortem **pm) {
    *pm = parse_at(md, NULL);
    cr_assert_geq((*pm)->n_actions, 1, "no action item in: %s", md);
    return &(*pm)->actions[0];
}

Test(actions, outstanding_is_not_started) {
    hs_postmortem *pm;
    const hs_action_item *a =
        first_action("# T\n\n## Follow-ups\n\n| Follow-up | Status |\n"
                     "|---|---|\n| Separate the pool | Outstanding |\n",
                     &pm);
    cr_expect_eq(a->status, HS_STATUS_NOT_STARTED);
    hs_postmortem_free(pm);
}

Test(actions, an_org_mode_keyword_and_a_name_in_brackets) {
    hs_postmortem *pm;
    const hs_action_item *a =
        first_action("# T\n\n## Follow-up\n\n"
                     "- TODO Only drop indexes after 30 days (Ivo Petrov)\n"
                     "- DONE Add the reset time (Network team)\n"
                     "- Add retries (Redis)\n- Alert on errors (Search API)\n",
                     &pm);
    cr_expect_str_eq(a->action, "Only drop indexes after 30 days");
    cr_expect_str_eq(a->owner, "Ivo Petrov");
    cr_expect_eq(a->status, HS_STATUS_NOT_STARTED);
    cr_assert_eq(pm->n_actions, 4);
    cr_expect_str_eq(pm->actions[1].owner, "Network team");
    cr_expect_eq(pm->actions[1].status, HS_STATUS_DONE);
    /* a product in brackets is part of the work, not its owner */
    cr_expect_null(pm->actions[2].owner);
    cr_expect_str_eq(pm->actions[2].action, "Add retries (Redis)");
    cr_expect_null(pm->actions[3].owner);
    hs_postmortem_free(pm);
}

Test(actions, a_group_of_people_after_a_dash) {
    hs_postmortem *pm;
    const hs_action_item *a =
        first_action("# T\n\n## Opportunities\n\n- Give support a path to "
                     "billing \xe2\x80\x94 Support leads, done\n",
                     &pm);
    cr_expect_str_eq(a->owner, "Support leads");
    cr_expect_eq(a->status, HS_STATUS_DONE);
    cr_expect_str_eq(a->action, "Give support a path to billing");
    hs_postmortem_free(pm);
}

Test(actions, a_nested_note_that_says_it_is_done) {
    hs_postmortem *pm;
    const hs_action_item *a =
        first_action("# T\n\n## Next steps\n\n- Add progressive PNG samples\n"
                     "    - owner: @hl\n    - already done in #4471\n"
                     "- Compare thumbnails\n    - owner: @tv\n",
                     &pm);
    cr_expect_eq(a->status, HS_STATUS_DONE);
    cr_expect_eq(pm->n_actions, 2);
    cr_expect_eq(pm->actions[1].status, HS_STATUS_UNKNOWN);
    hs_postmortem_free(pm);
}

Test(actions, we_clauses_after_work_was_announced) {
    hs_postmortem *pm = parse_at(
        "# T\n\nThe cache broke.\n\nWe have taken several actions to "
        "prevent a recurrence. We have already\nraised the thread limit and "
        "added an alarm on pool usage. We are changing the host process, "
        "and we are\nadding a rate limit to rebalancing, which we expect to "
        "finish soon. We will also move the service to cells.\n",
        NULL);
    cr_assert_eq(pm->n_actions, 5);
    cr_expect_str_eq(pm->actions[0].action, "raised the thread limit");
    cr_expect_eq(pm->actions[0].status, HS_STATUS_DONE);
    cr_expect_str_eq(pm->actions[1].action, "added an alarm on pool usage");
    cr_expect_eq(pm->actions[2].status, HS_STATUS_IN_PROGRESS);
    cr_expect_str_eq(pm->actions[3].action,
                     "adding a rate limit to rebalancing");
    cr_expect_eq(pm->actions[3].status, HS_STATUS_IN_PROGRESS);
    cr_expect_str_eq(pm->actions[4].action, "move the service to cells");
    cr_expect_eq(pm->actions[4].status, HS_STATUS_NOT_STARTED);
    hs_postmortem_free(pm);
    /* without a sentence that announces the work, "we are" is narrative */
    pm = parse_at("# T\n\nThe cache broke. We are seeing fewer errors now. "
                  "We have restarted the nodes.\n",
                  NULL);
    cr_expect_eq(pm->n_actions, 0);
    hs_postmortem_free(pm);
}

Test(fields, several_bold_keys_on_one_line) {
    hs_postmortem *pm =
        parse_at("# T\n\n**Status:** Final \xc2\xb7 **Date:** 11 Feb 2025 "
                 "\xc2\xb7 **Severity:** S2 \xc2\xb7 **Owner:** Storage\n\n"
                 "## Summary\n\nText.\n",
                 NULL);
    cr_expect_eq(pm->severity, 2);
    cr_expect_str_eq(pm->date, "2025-02-11");
    hs_postmortem_free(pm);
    pm = parse_at("# T\n\n**Severity:** High | **Duration:** 40 min\n", NULL);
    cr_expect_eq(pm->severity, 2);
    cr_expect_eq(pm->duration_minutes, 40);
    hs_postmortem_free(pm);
}

Test(severity, a_priority_field_written_out) {
    hs_postmortem *pm = parse_at("# T\n\n| Item | Detail |\n|---|---|\n"
                                 "| Reference | MI-44 |\n"
                                 "| Priority | Priority 1 |\n",
                                 NULL);
    cr_expect_eq(pm->severity, 1);
    hs_postmortem_free(pm);
}

Test(actions, a_timeline_table_with_a_status_column_is_no_action_table) {
    hs_postmortem *pm =
        parse_at("# T\n\n## Timeline\n\n| Time (UTC) | Status | Description |\n"
                 "|---|---|---|\n| 12:56 | Change | Records switched |\n"
                 "| 13:04 | Incident | Pool removed |\n| 13:41 | Resolved | "
                 "Errors back to normal |\n",
                 NULL);
    cr_expect_eq(pm->n_actions, 0);
    cr_expect_eq(pm->n_timeline, 3);
    hs_postmortem_free(pm);
    /* in an action section the table is read as one */
    pm = parse_at("# T\n\n## Action items\n\n| Task | Status | When |\n"
                  "|---|---|---|\n| Add an alarm | Open | Q3 |\n",
                  NULL);
    cr_expect_eq(pm->n_actions, 1);
    hs_postmortem_free(pm);
}

Test(actions, a_review_number_and_an_owner_in_brackets) {
    hs_postmortem *pm = parse_at(
        "# T\n\n## Action items\n\n- AI-1: [Bea Santos] Contract test\n"
        "- AI-2: [Web platform] SDK logs an error\n"
        "- [security] Rotate the keys\n- A3. Mark the window\n",
        NULL);
    cr_assert_eq(pm->n_actions, 4);
    cr_expect_str_eq(pm->actions[0].action, "Contract test");
    cr_expect_str_eq(pm->actions[0].owner, "Bea Santos");
    cr_expect_str_eq(pm->actions[1].owner, "Web platform");
    /* a tag in brackets without a review number is no owner */
    cr_expect_null(pm->actions[2].owner);
    cr_expect_str_eq(pm->actions[3].action, "Mark the window");
    hs_postmortem_free(pm);
}

Test(actions, a_titled_item_states_its_status_after_the_title) {
    hs_postmortem *pm =
        parse_at("# T\n\n## Follow-up\n\n- Zone guard: we will add a check "
                 "to the DNS tool\n- Pool alarm: we are adding an alarm\n",
                 NULL);
    cr_assert_eq(pm->n_actions, 2);
    cr_expect_eq(pm->actions[0].status, HS_STATUS_NOT_STARTED);
    cr_expect_eq(pm->actions[1].status, HS_STATUS_IN_PROGRESS);
    hs_postmortem_free(pm);
}

Test(timeline, lines_under_a_plain_label) {
    hs_postmortem *pm =
        parse_at("# T\n\nsev: 3\n\ntimeline (UTC)\n10:02 sync picks up the "
                 "file\n10:04 pods crash loop\n10:40 caught up\n\n"
                 "follow ups:\n- [ ] add a size check\n",
                 NULL);
    cr_assert_eq(pm->n_timeline, 3);
    cr_expect_str_eq(pm->timeline[2].event, "caught up");
    hs_postmortem_free(pm);
    pm = parse_at("# T\n\nTimeline:\n\n- 10:02 sync\n- 10:40 fixed\n\n"
                  "Other text.\n\n- 11:00 not the timeline\n- a note\n",
                  NULL);
    cr_expect_eq(pm->n_timeline, 2);
    hs_postmortem_free(pm);
}

Test(root_cause, what_went_wrong_told_as_a_story) {
    hs_postmortem *pm =
        parse_at("# T\n\n## What went wrong\n\nThe TTL was lowered in the "
                 "staging zone, not the production zone.\n",
                 NULL);
    cr_assert_not_null(pm->root_cause);
    hs_postmortem_free(pm);
    /* a retro's list of complaints is not the cause */
    pm = parse_at("# T\n\n## What went wrong\n\n- Paging was slow.\n", NULL);
    cr_expect_null(pm->root_cause);
    hs_postmortem_free(pm);
}

Test(actions, a_lead_paragraph_of_work_already_done) {
    hs_postmortem *pm = parse_at(
        "# T\n\n## Remediation and follow-up steps\n\nWe have already "
        "changed the migration runbook so that pools stay up longer. In "
        "addition:\n\n- **Zone guard:** refuse TTL changes on shared "
        "zones\n- **Drain alarm:** alarm when a pool still has traffic\n",
        NULL);
    cr_assert_eq(pm->n_actions, 3);
    cr_expect_str_eq(pm->actions[0].action,
                     "changed the migration runbook so that pools stay up "
                     "longer");
    cr_expect_eq(pm->actions[0].status, HS_STATUS_DONE);
    hs_postmortem_free(pm);
    /* a lead-in that tells no deed is no item */
    cr_expect_eq(n_actions_of("# T\n\n## Action items\n\nWe have agreed "
                              "on the following:\n\n- Add an alarm\n"),
                 1);
}

Test(actions, a_when_what_timeline_table_is_no_action_table) {
    hs_postmortem *pm = parse_at(
        "# T\n\n## Timeline\n\n| When | What |\n|---|---|\n"
        "| 10:12 | consumer deployed |\n| 10:37 | lag back to zero |\n",
        NULL);
    cr_expect_eq(pm->n_actions, 0);
    cr_expect_eq(pm->n_timeline, 2);
    hs_postmortem_free(pm);
}

Test(root_cause, a_failure_that_started_after_a_deploy) {
    hs_postmortem *pm =
        parse_at("# T\n\n## What happened\n\nA rebalance loop started after "
                 "a deploy changed the session timeout.\n\n## Timeline\n\n"
                 "- 10:12 deployed\n- 10:37 fixed\n",
                 NULL);
    cr_expect_not_null(pm->root_cause);
    hs_postmortem_free(pm);
}

Test(actions, french_column_names_and_statuses) {
    hs_postmortem *pm = parse_at(
        "# T\n\n## 4 Actions\n\n| Action | Responsable | Statut |\n"
        "|---|---|---|\n| Test de charge | \xc3\x89quipe API | En cours |\n"
        "| Limite de connexions | DBA | \xc3\x80 faire |\n",
        NULL);
    cr_assert_eq(pm->n_actions, 2);
    cr_expect_str_eq(pm->actions[1].owner, "DBA");
    cr_expect_eq(pm->actions[0].status, HS_STATUS_IN_PROGRESS);
    cr_expect_eq(pm->actions[1].status, HS_STATUS_NOT_STARTED);
    hs_postmortem_free(pm);
}

Test(fields, created_is_the_incident_date_and_1h20_a_length) {
    hs_postmortem *pm = parse_at("# T\n\nPriority: P4\nCreated: 2025-08-14 "
                                 "09:02\n\nText.\n",
                                 NULL);
    cr_expect_str_eq(pm->date, "2025-08-14");
    hs_postmortem_free(pm);
    pm = parse_at("# T\n\nThe API answered 503 to partners for 1h20, from "
                  "22h40 to 00h00.\n",
                  NULL);
    cr_expect_eq(pm->duration_minutes, 80);
    hs_postmortem_free(pm);
}
