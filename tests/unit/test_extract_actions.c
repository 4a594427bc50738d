/*
 * Action items, one test per rule on a small invented snippet: tables read
 * by column name, items grouped under sub-headings, to-do markers and task
 * boxes anywhere, the status words and owner forms teams write, and what
 * is not an item. Real postmortems are scored by `make eval`, not here.
 */
#include <criterion/criterion.h>

#include <stdlib.h>
#include <string.h>

#include "hindsight.h"
#include "read/sections.h"

static hs_postmortem *parse(const char *md) {
    hs_postmortem *pm = NULL;
    hs_error err = {0, ""};
    int rc = hs_postmortem_parse(md, strlen(md), "t", NULL, HS_PARSE_DEFAULT,
                                 &pm, &err);
    cr_assert_eq(rc, 0, "hs_postmortem_parse = %d: %s", rc, err.msg);
    return pm;
}

/* The item whose text starts with `prefix`, or fail. */
static const hs_action_item *item(const hs_postmortem *pm, const char *prefix) {
    for (size_t i = 0; i < pm->n_actions; i++)
        if (!strncmp(pm->actions[i].action, prefix, strlen(prefix)))
            return &pm->actions[i];
    cr_assert_fail("no action item starting '%s'", prefix);
    return NULL;
}

Test(columns, names_table_says_what_a_header_holds) {
    cr_expect(hs__column_is("Work item", HS_KIND_ACTIONS));
    cr_expect(hs__column_is("Assigned to", HS_KIND_OWNER));
    cr_expect(hs__column_is("Assignees", HS_KIND_OWNER));
    cr_expect(hs__column_is("Due date (UTC)", HS_KIND_DUE));
    cr_expect(hs__column_is("Target date", HS_KIND_DUE));
    cr_expect(hs__column_is("State", HS_KIND_STATUS));
    cr_expect(hs__column_is("JIRA", HS_KIND_TICKET));
    cr_expect(hs__column_is("Description", HS_KIND_ACTIONS));
    cr_expect(hs__column_is("Description", HS_KIND_EVENT));
    cr_expect(hs__column_is("Time (UTC)", HS_KIND_TIME));
    cr_expect(!hs__column_is("Owner", HS_KIND_ACTIONS));
    cr_expect(!hs__column_is("Notes", HS_KIND_OWNER));
}

Test(columns, action_table_by_column_name_in_any_order) {
    hs_postmortem *pm = parse(
        "# T\n\n## Follow-ups\n\n"
        "| State | Jira | Task | Deadline | Assignee |\n"
        "|---|---|---|---|---|\n"
        "| Completed | OPS-12 | Add a cache alert | 2026-05-01 | @dana |\n"
        "| Not started | OPS-13 | Shard the cache | TBD | Platform team |\n");
    cr_assert_eq(pm->n_actions, 2);
    cr_expect_str_eq(pm->actions[0].owner, "dana");
    cr_expect_str_eq(pm->actions[0].due, "2026-05-01");
    cr_expect_eq(pm->actions[0].status, HS_STATUS_DONE);
    cr_expect_str_eq(pm->actions[1].owner, "Platform team");
    cr_expect_str_eq(pm->actions[1].due, "");
    cr_expect_eq(pm->actions[1].status, HS_STATUS_NOT_STARTED);
    hs_postmortem_free(pm);
}

Test(groups, bullets_that_group_items_are_not_items) {
    hs_postmortem *pm = parse("# T\n\n## Action items\n\n"
                              "- **Short term**\n  - Raise the pool size\n"
                              "  - Add a dashboard\n"
                              "- Detect:\n  - Page on 90% disk\n"
                              "    - a detail, not an item\n"
                              "- Done\n  - Rotate the logs\n"
                              "- Add a canary\n  - with a detail\n");
    cr_assert_eq(pm->n_actions, 5);
    cr_expect_str_eq(pm->actions[0].action, "Raise the pool size");
    cr_expect_str_eq(pm->actions[2].action, "Page on 90% disk");
    cr_expect_eq(item(pm, "Rotate")->status, HS_STATUS_DONE);
    cr_expect_str_eq(pm->actions[4].action, "Add a canary");
    hs_postmortem_free(pm);
}

Test(groups, sub_headings_that_name_kinds_of_work_stay_in_the_section) {
    hs_postmortem *pm =
        parse("# T\n\n## Detection\n\nAn alert fired.\n\n"
              "## Action items\n\n### Prevent\n\n- Cap the log size\n\n"
              "### Detection\n\n- Alert on disk use\n\n"
              "### Mitigation\n\n- Write a runbook\n\n"
              "## Lessons learned\n\n- Disks fill up\n");
    cr_assert_eq(pm->n_actions, 3);
    cr_expect_str_eq(pm->actions[1].action, "Alert on disk use");
    cr_expect_str_eq(pm->actions[2].action, "Write a runbook");
    hs_postmortem_free(pm);
}

Test(markers, todo_done_doing_and_task_boxes_anywhere) {
    hs_postmortem *pm =
        parse("# T\n\n## Summary\n\nThe disk filled. TODO: add disk alerts. "
              "We restarted the node.\nDONE: rotate logs on db-1\n\n"
              "- [ ] Enable log compression\n- [x] Delete old dumps\n"
              "- DOING: move logs to object storage\n"
              "- TODOS are not a marker\n\n"
              "> - [ ] a quoted task list is someone else's\n\n"
              "## References\n\nTODO: link the email thread\n");
    cr_assert_eq(pm->n_actions, 5);
    cr_expect_eq(item(pm, "Enable")->status, HS_STATUS_NOT_STARTED);
    cr_expect_eq(item(pm, "Delete")->status, HS_STATUS_DONE);
    cr_expect_eq(item(pm, "move logs")->status, HS_STATUS_IN_PROGRESS);
    cr_expect_str_eq(item(pm, "add disk")->action, "add disk alerts.");
    cr_expect_eq(item(pm, "add disk")->status, HS_STATUS_NOT_STARTED);
    cr_expect_eq(item(pm, "add disk")->line, 5);
    cr_expect_eq(item(pm, "rotate")->status, HS_STATUS_DONE);
    cr_expect_eq(item(pm, "rotate")->line, 6);
    hs_postmortem_free(pm);
}

Test(tickets, a_ticket_column_stays_with_its_item) {
    hs_postmortem *pm =
        parse("# T\n\n## Action items\n\n| Action | Ticket | Owner |\n"
              "|---|---|---|\n| Shard the cache | OPS-13 | Kim |\n"
              "| Add an alert | - | Kim |\n\n"
              "- Tune GC ([OPS-14](https://example.com/OPS-14))\n");
    cr_assert_eq(pm->n_actions, 3);
    cr_expect_str_eq(pm->actions[0].action, "Shard the cache (OPS-13)");
    cr_expect_str_eq(pm->actions[1].action, "Add an alert");
    cr_expect(strstr(pm->actions[2].action, "OPS-14") != NULL);
    hs_postmortem_free(pm);
}

Test(status, words_emoji_and_strikethrough_at_either_end) {
    hs_postmortem *pm = parse("# T\n\n## Action items\n\n"
                              "- Move to the new queue \xe2\x9c\x85\n"
                              "- \xe2\x98\x91 Pin the client version\n"
                              "- Write a runbook: done\n"
                              "- Tune GC: in progress\n"
                              "- Drop the v1 API: won't fix\n"
                              "- ~~Remove the old flag~~\n"
                              "- Add a canary (ongoing)\n"
                              "- Status page: complete the rewrite\n");
    cr_assert_eq(pm->n_actions, 8);
    cr_expect_str_eq(pm->actions[0].action, "Move to the new queue");
    cr_expect_eq(pm->actions[0].status, HS_STATUS_DONE);
    cr_expect_eq(pm->actions[1].status, HS_STATUS_DONE);
    cr_expect_str_eq(pm->actions[2].action, "Write a runbook");
    cr_expect_eq(pm->actions[2].status, HS_STATUS_DONE);
    cr_expect_eq(pm->actions[3].status, HS_STATUS_IN_PROGRESS);
    cr_expect_str_eq(pm->actions[4].action, "Drop the v1 API");
    cr_expect_eq(pm->actions[4].status, HS_STATUS_UNKNOWN);
    cr_expect_eq(pm->actions[5].status, HS_STATUS_DONE);
    cr_expect_eq(pm->actions[6].status, HS_STATUS_IN_PROGRESS);
    /* a colon before work to do is not a status */
    cr_expect_str_eq(pm->actions[7].action,
                     "Status page: complete the rewrite");
    hs_postmortem_free(pm);
}

/* GitHub shortcodes are the emoji the page shows: a leading one is the
 * item's status and no part of its text; a table's status cell too. */
Test(status, github_shortcodes_lead_an_item_or_fill_a_cell) {
    hs_postmortem *pm = parse("# T\n\n## Action items\n\n"
                              "- :white_check_mark: Add a disk alert\n"
                              "- :construction: Move the queue\n"
                              "- :tada: Thank the vendor\n\n"
                              "| Action | Status |\n|---|---|\n"
                              "| Write a runbook | :heavy_check_mark: |\n");
    cr_assert_eq(pm->n_actions, 4);
    cr_expect_str_eq(pm->actions[0].action, "Add a disk alert");
    cr_expect_eq(pm->actions[0].status, HS_STATUS_DONE);
    cr_expect_str_eq(pm->actions[1].action, "Move the queue");
    cr_expect_eq(pm->actions[1].status, HS_STATUS_IN_PROGRESS);
    cr_expect_str_eq(pm->actions[2].action, "Thank the vendor");
    cr_expect_eq(pm->actions[2].status, HS_STATUS_UNKNOWN);
    cr_expect_eq(pm->actions[3].status, HS_STATUS_DONE);
    hs_postmortem_free(pm);
}

Test(owners, the_forms_teams_write) {
    hs_postmortem *pm = parse("# T\n\n## Action items\n\n"
                              "- Add a dashboard \xe2\x80\x94 Kim\n"
                              "- Replace the cache client [Ana Lima]\n"
                              "- Alert on eviction rate @ravi\n"
                              "- Raise the pool size (owner: Sam)\n"
                              "- Tune GC \xe2\x80\x93 Platform team\n"
                              "- Write a runbook. Owner: Jo\n"
                              "- Ignore SDK errors [[PR](https://x/pr/1)]\n"
                              "- Upgrade Postgres \xe2\x80\x94 see OPS-4\n");
    cr_assert_eq(pm->n_actions, 8);
    cr_expect_str_eq(pm->actions[0].owner, "Kim");
    cr_expect_str_eq(pm->actions[0].action, "Add a dashboard");
    cr_expect_str_eq(pm->actions[1].owner, "Ana Lima");
    cr_expect_str_eq(pm->actions[1].action, "Replace the cache client");
    cr_expect_str_eq(pm->actions[2].owner, "ravi");
    cr_expect_str_eq(pm->actions[3].owner, "Sam");
    cr_expect_str_eq(pm->actions[4].owner, "Platform team");
    cr_expect_str_eq(pm->actions[5].owner, "Jo");
    cr_expect_null(pm->actions[6].owner, "a link is not an owner");
    cr_expect_null(pm->actions[7].owner, "a reference is not an owner");
    hs_postmortem_free(pm);
}

/* A dash, the owner and the ticket in brackets after it: the owner was
 * lost and the ticket cut away with it. A team after the owners is meta. */
Test(owners, a_ticket_after_the_owner_stays_with_the_item) {
    hs_postmortem *pm =
        parse("# T\n\n## Action items\n\n"
              "- Add a checkout alert \xe2\x80\x94 @maria (JIRA-12)\n"
              "- Fix retries \xe2\x80\x94 @ana, due 2026-04-01 (#341)\n"
              "- Check shards \xe2\x80\x94 Owners: Ana Lima, Bo Chen "
              "(Search)\n");
    cr_assert_eq(pm->n_actions, 3);
    cr_expect_str_eq(pm->actions[0].owner, "maria");
    cr_expect_str_eq(pm->actions[0].action, "Add a checkout alert (JIRA-12)");
    cr_expect_str_eq(pm->actions[1].owner, "ana");
    cr_expect_str_eq(pm->actions[1].due, "2026-04-01");
    cr_expect_str_eq(pm->actions[1].action, "Fix retries (#341)");
    cr_expect_str_eq(pm->actions[2].action, "Check shards");
    hs_postmortem_free(pm);
}

/* the same after commas: "Add an alert, owner @maria, JIRA-12" */
Test(owners, a_ticket_after_a_comma_stays_with_the_item) {
    hs_postmortem *pm = parse("# T\n\n## Action items\n\n"
                              "- Add a checkout alert, owner @maria, JIRA-12\n"
                              "- Fix retries, due 2026-04-01, #341\n"
                              "- Shard the cache, ask Bo, OPS-7\n");
    cr_assert_eq(pm->n_actions, 3);
    cr_expect_str_eq(pm->actions[0].owner, "maria");
    cr_expect_str_eq(pm->actions[0].action, "Add a checkout alert (JIRA-12)");
    cr_expect_str_eq(pm->actions[1].due, "2026-04-01");
    cr_expect_str_eq(pm->actions[1].action, "Fix retries (#341)");
    /* "ask Bo" is no meta: the item keeps its words */
    cr_expect_str_eq(pm->actions[2].action, "Shard the cache, ask Bo, OPS-7");
    hs_postmortem_free(pm);
}

/* "TODO(dana):" as programmers write it; a date alone after a dash */
Test(owners, a_marker_with_its_owner_and_a_dash_then_a_date) {
    hs_postmortem *pm = parse("# T\n\n## Action items\n\n"
                              "TODO: add pool alert\n"
                              "TODO(dana): document the runbook\n"
                              "DONE(@li): raise the pool size\n\n"
                              "## Follow-ups\n\n"
                              "- Add a canary \xe2\x80\x94 Kim \xe2\x80\x94 "
                              "2026-04-01\n");
    cr_assert_eq(pm->n_actions, 4);
    cr_expect_null(pm->actions[0].owner);
    cr_expect_str_eq(pm->actions[1].action, "document the runbook");
    cr_expect_str_eq(pm->actions[1].owner, "dana");
    cr_expect_eq(pm->actions[1].status, HS_STATUS_NOT_STARTED);
    cr_expect_str_eq(pm->actions[2].owner, "li");
    cr_expect_eq(pm->actions[2].status, HS_STATUS_DONE);
    cr_expect_str_eq(pm->actions[3].action, "Add a canary");
    cr_expect_str_eq(pm->actions[3].owner, "Kim");
    cr_expect_str_eq(pm->actions[3].due, "2026-04-01");
    hs_postmortem_free(pm);
    /* a marker with its owner outside any action section */
    pm = parse("# T\n\n## Notes\n\nTODO(kim): add a canary.\n");
    cr_assert_eq(pm->n_actions, 1);
    cr_expect_str_eq(pm->actions[0].owner, "kim");
    hs_postmortem_free(pm);
}

/* an owner after an arrow, by address, or "assigned:" in brackets */
Test(owners, an_arrow_an_address_and_assigned) {
    hs_postmortem *pm = parse("# T\n\n## Action items\n\n"
                              "- Add pool alert \xe2\x86\x92 Tom\n"
                              "- Raise pool size (assigned: @ana)\n"
                              "- Add a canary (kim.lee@example.com)\n"
                              "- Fix retries \xe2\x80\x94 bo@example.org\n"
                              "- Email ops@example.com about it\n");
    cr_assert_eq(pm->n_actions, 5);
    cr_expect_str_eq(pm->actions[0].action, "Add pool alert");
    cr_expect_str_eq(pm->actions[0].owner, "Tom");
    cr_expect_str_eq(pm->actions[1].action, "Raise pool size");
    cr_expect_str_eq(pm->actions[1].owner, "ana");
    cr_expect_str_eq(pm->actions[2].owner, "kim.lee@example.com");
    cr_expect_str_eq(pm->actions[3].action, "Fix retries");
    cr_expect_str_eq(pm->actions[3].owner, "bo@example.org");
    /* an address in the work is no owner */
    cr_expect_null(pm->actions[4].owner);
    hs_postmortem_free(pm);
}

/* "(in progress, Kim)": a status and a name in one bracket; ballot boxes */
Test(owners, a_status_and_a_name_in_one_bracket) {
    hs_postmortem *pm = parse("# T\n\n## Action items\n\n"
                              "- Add pool alert (in progress, Kim)\n"
                              "- Raise pool size (done, Ana Lima)\n"
                              "- \xe2\x98\x90 Write the runbook\n"
                              "- \xe2\x98\x92 Rotate the key\n"
                              "- Shard the cache (done, then reverted)\n");
    cr_assert_eq(pm->n_actions, 5);
    cr_expect_str_eq(pm->actions[0].action, "Add pool alert");
    cr_expect_str_eq(pm->actions[0].owner, "Kim");
    cr_expect_eq(pm->actions[0].status, HS_STATUS_IN_PROGRESS);
    cr_expect_str_eq(pm->actions[1].owner, "Ana Lima");
    cr_expect_eq(pm->actions[2].status, HS_STATUS_NOT_STARTED);
    cr_expect_eq(pm->actions[3].status, HS_STATUS_DONE);
    /* words that are no name stay in the item */
    cr_expect_null(pm->actions[4].owner);
    hs_postmortem_free(pm);
}

/* "SRE team to add ...": work given to a team; an imperative is no name */
Test(owners, a_team_to_do_the_work) {
    hs_postmortem *pm = parse("# T\n\n## Action items\n\n"
                              "- SRE team to add a pool alert\n"
                              "- Switch to the cooperative assignor\n"
                              "- Upgrade Traefik to v2.5\n"
                              "- Users to be notified by email\n");
    cr_assert_eq(pm->n_actions, 4);
    cr_expect_str_eq(pm->actions[0].owner, "SRE team");
    cr_expect_str_eq(pm->actions[0].action, "SRE team to add a pool alert");
    cr_expect_null(pm->actions[1].owner);
    cr_expect_null(pm->actions[2].owner);
    cr_expect_null(pm->actions[3].owner);
    hs_postmortem_free(pm);
}

/* lines lettered in order, a list CommonMark has no marker for */
Test(items, lettered_lines_are_items) {
    hs_postmortem *pm = parse("# T\n\n## Action items\n\na. Add pool alert\n"
                              "b. Raise pool size\nc) Document the runbook\n");
    cr_assert_eq(pm->n_actions, 3);
    cr_expect_str_eq(pm->actions[0].action, "Add pool alert");
    cr_expect_str_eq(pm->actions[2].action, "Document the runbook");
    hs_postmortem_free(pm);
    /* out of order: one item, as before */
    pm = parse("# T\n\n## Action items\n\nb. Add pool alert\n"
               "a. Raise pool size\n");
    cr_expect_eq(pm->n_actions, 1);
    hs_postmortem_free(pm);
}

Test(not_items, lessons_went_well_and_template_placeholders) {
    hs_postmortem *pm = parse("# T\n\n## What went well\n\n- Alerts fired\n\n"
                              "## Lessons learned\n\n- Disks fill up\n\n"
                              "## Action items\n\n- TBD\n- <action>\n"
                              "- Action item\n- Add a disk alert\n");
    cr_assert_eq(pm->n_actions, 1);
    cr_expect_str_eq(pm->actions[0].action, "Add a disk alert");
    hs_postmortem_free(pm);
}

Test(prose, one_item_per_commitment_sentence) {
    hs_postmortem *pm = parse(
        "# T\n\n## Next steps\n\n"
        "We will add a canary for the login service. It runs every minute. "
        "Going forward we'll review certificate expiry monthly. "
        "The team plans to automate certificate renewal.\n\n"
        "We are going to add an alert on login errors and a dashboard.\n");
    cr_assert_eq(pm->n_actions, 4);
    cr_expect_str_eq(pm->actions[0].action, "We will add a canary for the "
                                            "login service. It runs every "
                                            "minute.");
    cr_expect(!strncmp(pm->actions[1].action, "Going forward", 13));
    cr_expect(!strncmp(pm->actions[2].action, "The team plans", 14));
    for (size_t i = 0; i < 3; i++)
        cr_expect_eq(pm->actions[i].status, HS_STATUS_NOT_STARTED);
    hs_postmortem_free(pm);
}

/*
 * A remediation section that tells the fix as prose: the work done at a
 * time of the incident's day, or said to be during it, is no follow-up
 * (LABELING.md: remediation already performed during the incident); the
 * promise after it is. Each paragraph was an item.
 */
Test(prose, the_account_of_the_fix_is_no_item) {
    hs_postmortem *pm =
        parse("# T\n\n## Remediation\n\n"
              "We rolled back the deploy at 14:20 and service recovered.\n");
    cr_expect_eq(pm->n_actions, 0);
    hs_postmortem_free(pm);
    pm = parse("# T\n\n## Remediation\n\n"
               "During the outage, the team failed over to the secondary "
               "region.\n");
    cr_expect_eq(pm->n_actions, 0);
    hs_postmortem_free(pm);
    pm = parse("# T\n\n## Remediation\n\n"
               "We rolled back the deploy at 14:20. We will add a canary "
               "stage to the pipeline.\n");
    cr_assert_eq(pm->n_actions, 1);
    cr_expect_str_eq(pm->actions[0].action,
                     "We will add a canary stage to the pipeline.");
    hs_postmortem_free(pm);
    /* a list of it: the item at a clock time with no day of its own */
    pm = parse("# T\n\n## Action items\n\n- Rolled back the deploy at 14:20\n"
               "- Upgraded the cluster on 2026-03-10 at 10:00\n"
               "- Add an alert\n");
    cr_assert_eq(pm->n_actions, 2);
    cr_expect(!strncmp(pm->actions[0].action, "Upgraded", 8));
    hs_postmortem_free(pm);
    /* work finished since, or with no time of the incident: still items */
    pm = parse("# T\n\n## Action items\n\n"
               "We added a dashboard on 2026-03-05 and updated the runbook.\n");
    cr_expect_eq(pm->n_actions, 1);
    hs_postmortem_free(pm);
    pm = parse("# T\n\n## Corrective actions\n\n"
               "We have added alerting at 14:20 thresholds.\n");
    cr_expect_eq(pm->n_actions, 1);
    hs_postmortem_free(pm);
}

Test(prose, one_commitment_stays_one_item) {
    hs_postmortem *pm =
        parse("# T\n\n## Follow-up\n\nWe will add a canary. It checks the "
              "login page. Alerts go to the on-call.\n");
    cr_assert_eq(pm->n_actions, 1);
    hs_postmortem_free(pm);
}

Test(prose, two_gerunds_joined_by_and_are_two_items) {
    hs_postmortem *pm = parse(
        "# T\n\nThe cache failed.\n\nTo prevent recurrence, the team is "
        "reviewing all failover settings and collaborating with the vendor "
        "on timeouts, and improving error handling and testing.\n");
    cr_assert_eq(pm->n_actions, 3);
    cr_expect_str_eq(pm->actions[0].action, "reviewing all failover settings");
    cr_expect(!strncmp(pm->actions[1].action, "collaborating with", 18));
    /* "testing" ends its part: a noun, not a second piece of work */
    cr_expect_str_eq(pm->actions[2].action,
                     "improving error handling and testing");
    hs_postmortem_free(pm);
}

Test(prose, plans_include_lists_work_not_started) {
    hs_postmortem *pm =
        parse("# T\n\nThe site failed.\n\nLong-term plans involve moving the "
              "cache to its own fleet and sharding the queue. Future plans "
              "include adding key backups.\n");
    cr_assert_eq(pm->n_actions, 3);
    cr_expect_str_eq(pm->actions[0].action,
                     "moving the cache to its own fleet");
    cr_expect_str_eq(pm->actions[2].action, "adding key backups");
    for (size_t i = 0; i < 3; i++)
        cr_expect_eq(pm->actions[i].status, HS_STATUS_NOT_STARTED);
    hs_postmortem_free(pm);
}

Test(prose, included_in_the_past_reports_work_done) {
    hs_postmortem *pm =
        parse("# T\n\nThe queue stalled.\n\nRemediation included tightening "
              "the deploy checks and a new disk alert.\n");
    cr_assert_eq(pm->n_actions, 1);
    cr_expect(!strncmp(pm->actions[0].action, "tightening the deploy", 21));
    cr_expect_eq(pm->actions[0].status, HS_STATUS_DONE);
    hs_postmortem_free(pm);
}

Test(prose, a_series_closed_by_and_keeps_every_part) {
    hs_postmortem *pm =
        parse("# T\n\nThe queue stalled.\n\nFuture plans include adding a "
              "canary, improved log retention, and a data retention "
              "policy.\n");
    cr_assert_eq(pm->n_actions, 3);
    cr_expect_str_eq(pm->actions[1].action, "improved log retention");
    cr_expect_str_eq(pm->actions[2].action, "a data retention policy");
    cr_expect_eq(pm->actions[2].status, HS_STATUS_NOT_STARTED);
    hs_postmortem_free(pm);
}

Test(prose, sentences_after_a_list_that_state_more_work) {
    hs_postmortem *pm = parse(
        "# T\n\nThe queue stalled.\n\nRemediation included a limit on "
        "batch sizes. The replay tool was also made faster. Additionally, "
        "queue sharding is planned to spread the load. The load test "
        "suite is underway. The service recovered at noon.\n\n"
        "Furthermore, a canary was deployed to each region, and paging "
        "rules were tightened. Alert tuning and a runbook were also "
        "planned for the next quarter.\n");
    cr_assert_eq(pm->n_actions, 8);
    cr_expect_eq(item(pm, "a limit on batch")->status, HS_STATUS_DONE);
    cr_expect_eq(item(pm, "The replay tool was also made")->status,
                 HS_STATUS_DONE);
    cr_expect_eq(item(pm, "queue sharding is planned")->status,
                 HS_STATUS_NOT_STARTED);
    cr_expect_eq(item(pm, "The load test suite")->status,
                 HS_STATUS_IN_PROGRESS);
    cr_expect_str_eq(item(pm, "a canary")->action,
                     "a canary was deployed to each region");
    cr_expect_eq(item(pm, "paging rules were")->status, HS_STATUS_DONE);
    cr_expect_str_eq(item(pm, "Alert tuning")->action, "Alert tuning");
    cr_expect_eq(item(pm, "a runbook were")->status, HS_STATUS_NOT_STARTED);
    hs_postmortem_free(pm);
}

Test(prose, the_team_is_also_doing_continues_the_list) {
    hs_postmortem *pm =
        parse("# T\n\nThe queue stalled.\n\nWe plan to add a limit on batch "
              "sizes. The storage team is also reprioritizing and "
              "accelerating plans to split the queue.\n");
    cr_assert_eq(pm->n_actions, 2);
    cr_expect_str_eq(pm->actions[1].action,
                     "reprioritizing and accelerating plans to split the "
                     "queue");
    cr_expect_eq(pm->actions[1].status, HS_STATUS_IN_PROGRESS);
    hs_postmortem_free(pm);
}

Test(prose, in_response_deeds_with_a_preventive_purpose) {
    hs_postmortem *pm =
        parse("# T\n\nThe queue stalled.\n\nIn response, Acme changed the "
              "replay tool to ensure slower batches and added limits to "
              "prevent a full queue.\n\nIn response, Acme restarted the "
              "brokers.\n");
    cr_assert_eq(pm->n_actions, 2);
    cr_expect(!strncmp(pm->actions[0].action, "changed the replay", 18));
    cr_expect(!strncmp(pm->actions[1].action, "added limits", 12));
    cr_expect_eq(pm->actions[1].status, HS_STATUS_DONE);
    hs_postmortem_free(pm);
}

Test(status, passive_and_going_to_say_the_state) {
    hs_postmortem *pm = parse("# T\n\n## Action items\n\n"
                              "- Disk alerts will be set up per node\n"
                              "- A queue split is planned for May\n"
                              "- The API keys are being rotated\n"
                              "- The runbook has been rewritten\n"
                              "- Investigate why the page was missed\n\n"
                              "## Next steps\n\n"
                              "We are going to add a canary.\n");
    cr_assert_eq(pm->n_actions, 6);
    cr_expect_eq(pm->actions[0].status, HS_STATUS_NOT_STARTED);
    cr_expect_eq(pm->actions[1].status, HS_STATUS_NOT_STARTED);
    cr_expect_eq(pm->actions[2].status, HS_STATUS_IN_PROGRESS);
    cr_expect_eq(pm->actions[3].status, HS_STATUS_DONE);
    cr_expect_eq(pm->actions[4].status, HS_STATUS_UNKNOWN);
    cr_expect_eq(pm->actions[5].status, HS_STATUS_NOT_STARTED);
    hs_postmortem_free(pm);
}

Test(prose, as_remediation_deeds_and_work_going_on) {
    hs_postmortem *pm = parse(
        "# T\n\nThe queue stalled.\n\nAs remediation, Acme Queue deployed "
        "a faster replay and changed how it retries failed batches. Retry "
        "alerts were implemented. Importantly, checksums are being added "
        "to every batch. Acme also reviewed all brokers and fixed the "
        "limits.\n\nIn response, Acme added a canary, began reviewing "
        "timeouts, and is exploring a second region.\n");
    cr_assert_eq(pm->n_actions, 9);
    cr_expect_eq(item(pm, "deployed a faster replay")->status, HS_STATUS_DONE);
    cr_expect_eq(item(pm, "changed how it retries")->status, HS_STATUS_DONE);
    cr_expect_eq(item(pm, "Retry alerts were")->status, HS_STATUS_DONE);
    cr_expect_eq(item(pm, "checksums are being")->status,
                 HS_STATUS_IN_PROGRESS);
    cr_expect_eq(item(pm, "reviewed all brokers")->status, HS_STATUS_DONE);
    cr_expect_eq(item(pm, "fixed the limits")->status, HS_STATUS_DONE);
    cr_expect_eq(item(pm, "added a canary")->status, HS_STATUS_DONE);
    cr_expect_eq(item(pm, "is exploring a second")->status,
                 HS_STATUS_IN_PROGRESS);
    hs_postmortem_free(pm);
}

Test(prose, is_doing_a_list_to_prevent_recurrence) {
    hs_postmortem *pm =
        parse("# T\n\nThe queue stalled.\n\nAcme is adding soft deletes, "
              "revising its paging rules, and creating a status page to "
              "prevent similar events. Acme is hiring.\n");
    cr_assert_eq(pm->n_actions, 3);
    cr_expect_str_eq(pm->actions[0].action, "adding soft deletes");
    for (size_t i = 0; i < 3; i++)
        cr_expect_eq(pm->actions[i].status, HS_STATUS_IN_PROGRESS);
    hs_postmortem_free(pm);
}

Test(prose, steps_announced_to_prevent_recurrence_follow) {
    hs_postmortem *pm =
        parse("# T\n\nThe queue stalled.\n\nAcme has taken several steps to "
              "prevent recurrence. The old replay tool has been retired. "
              "Acme also reviewed all brokers.\n");
    cr_assert_eq(pm->n_actions, 2);
    cr_expect_eq(item(pm, "The old replay tool")->status, HS_STATUS_DONE);
    cr_expect_eq(item(pm, "reviewed all brokers")->status, HS_STATUS_DONE);
    hs_postmortem_free(pm);
}

Test(owners, nested_field_items_belong_to_their_parent) {
    hs_postmortem *pm = parse("# T\n\n## Action items\n\n"
                              "- Add a health check to the balancer\n"
                              "  - Owner: Jo\n"
                              "  - Status: Done\n"
                              "- Page on error spikes\n"
                              "  - **Assignee:** @kim\n"
                              "  - Status: in progress\n"
                              "  - Due: 2026-05-01\n"
                              "- Review the retry policy\n"
                              "  - check the client first\n");
    cr_assert_eq(pm->n_actions, 3);
    cr_expect_str_eq(pm->actions[0].owner, "Jo");
    cr_expect_eq(pm->actions[0].status, HS_STATUS_DONE);
    cr_expect_str_eq(pm->actions[1].owner, "kim");
    cr_expect_eq(pm->actions[1].status, HS_STATUS_IN_PROGRESS);
    cr_expect_str_eq(pm->actions[1].due, "2026-05-01");
    /* a nested detail that is no field stays a detail */
    cr_expect_str_eq(pm->actions[2].action, "Review the retry policy");
    cr_expect_null(pm->actions[2].owner);
    hs_postmortem_free(pm);
}

Test(owners, fields_written_as_sentences_after_the_item) {
    hs_postmortem *pm =
        parse("# T\n\n## Action items\n\n"
              "* Add a retry budget. Owner: Lee. Status: done.\n"
              "* Upgrade the driver (DB-9). Owner: Max.\n");
    cr_assert_eq(pm->n_actions, 2);
    cr_expect_str_eq(pm->actions[0].owner, "Lee");
    cr_expect_eq(pm->actions[0].status, HS_STATUS_DONE);
    cr_expect_str_eq(pm->actions[1].owner, "Max");
    cr_expect_str_eq(pm->actions[1].action, "Upgrade the driver (DB-9).");
    hs_postmortem_free(pm);
}

Test(owners, dash_separated_owner_then_status) {
    hs_postmortem *pm =
        parse("# T\n\n## Action items\n\n"
              "- Rotate the signing key \xe2\x80\x94 Erin \xe2\x80\x94 DONE\n"
              "- Add a login canary \xe2\x80\x94 Grace \xe2\x80\x94 "
              "in progress\n");
    cr_assert_eq(pm->n_actions, 2);
    cr_expect_str_eq(pm->actions[0].action, "Rotate the signing key");
    cr_expect_str_eq(pm->actions[0].owner, "Erin");
    cr_expect_eq(pm->actions[0].status, HS_STATUS_DONE);
    cr_expect_str_eq(pm->actions[1].owner, "Grace");
    cr_expect_eq(pm->actions[1].status, HS_STATUS_IN_PROGRESS);
    hs_postmortem_free(pm);
}

Test(markers, one_item_a_line_in_an_action_paragraph) {
    hs_postmortem *pm = parse("# T\n\n## Action items\n\n"
                              "TODO: add a canary for the importer\n"
                              "DONE: revert the importer change\n"
                              "DOING: rewrite the retry logic\n");
    cr_assert_eq(pm->n_actions, 3);
    cr_expect_str_eq(pm->actions[0].action, "add a canary for the importer");
    cr_expect_eq(pm->actions[0].status, HS_STATUS_NOT_STARTED);
    cr_expect_eq(pm->actions[1].status, HS_STATUS_DONE);
    cr_expect_eq(pm->actions[2].status, HS_STATUS_IN_PROGRESS);
    hs_postmortem_free(pm);
}

Test(prose, short_lines_without_bullets_are_items_long_lines_prose) {
    hs_postmortem *pm = parse("# T\n\n## Follow-ups\n\n"
                              "Add an alert on queue depth\n"
                              "Document the failover runbook\n");
    cr_expect_eq(pm->n_actions, 2);
    hs_postmortem_free(pm);
    pm = parse("# T\n\n## Follow-ups\n\n"
               "We will move the importer onto its own queue so that a "
               "backlog cannot starve the other consumers.\n"
               "That work is under way and should land within the month.\n");
    cr_expect_eq(pm->n_actions, 1);
    hs_postmortem_free(pm);
}

Test(sections, more_names_teams_give_an_action_section) {
    static const char *const names[] = {"Work items",
                                        "Repair items",
                                        "Actionables",
                                        "Long-term fixes",
                                        "Preventing recurrence",
                                        "How we will prevent this",
                                        NULL};
    for (size_t i = 0; names[i]; i++)
        cr_expect_eq(hs__name_kind(names[i], HS__NAME_HEADING, NULL),
                     HS_KIND_ACTIONS, "%s", names[i]);
    /* what was done during the incident stays a resolution */
    cr_expect_neq(hs__name_kind("Mitigation", HS__NAME_HEADING, NULL),
                  HS_KIND_ACTIONS);
}

Test(status, bold_status_word_before_a_dash) {
    hs_postmortem *pm = parse("# T\n\n## Action items\n\n"
                              "- **Done** - Remove the old job\n"
                              "- **In progress**: Move the job to the queue\n"
                              "- Fixed: the parser drops the last line\n");
    cr_assert_eq(pm->n_actions, 3);
    cr_expect_str_eq(pm->actions[0].action, "Remove the old job");
    cr_expect_eq(pm->actions[0].status, HS_STATUS_DONE);
    cr_expect_str_eq(pm->actions[1].action, "Move the job to the queue");
    cr_expect_eq(pm->actions[1].status, HS_STATUS_IN_PROGRESS);
    /* a word that says what the item is about stays in it */
    cr_expect_str_eq(pm->actions[2].action,
                     "Fixed: the parser drops the last line");
    hs_postmortem_free(pm);
}

Test(sections, a_sub_heading_per_action_item) {
    hs_postmortem *pm =
        parse("# T\n\n## Action items\n\n"
              "### 1. Add a rate limit to search\n\n"
              "Owner: Wes. The endpoint had no limit at all.\n\n"
              "### 2. Split the read and write pools\n\n"
              "Status: done\n\n"
              "## Lessons learned\n\n- Limits matter\n");
    cr_assert_eq(pm->n_actions, 2);
    cr_expect_str_eq(pm->actions[0].action, "Add a rate limit to search");
    cr_expect_str_eq(pm->actions[0].owner, "Wes");
    cr_expect_str_eq(pm->actions[1].action, "Split the read and write pools");
    cr_expect_eq(pm->actions[1].status, HS_STATUS_DONE);
    hs_postmortem_free(pm);
}

Test(sections, a_lessons_lead_in_ends_the_action_list) {
    hs_postmortem *pm = parse("# T\n\n## Action items\n\n"
                              "- Add an alert on queue depth\n\n"
                              "Lessons learned:\n\n"
                              "- Alerts matter\n\n"
                              "Done during the incident:\n\n"
                              "- Restarted the consumers\n\n"
                              "Longer term:\n\n"
                              "- Move the queue to its own cluster\n");
    cr_assert_eq(pm->n_actions, 2);
    cr_expect_str_eq(pm->actions[0].action, "Add an alert on queue depth");
    cr_expect_str_eq(pm->actions[1].action,
                     "Move the queue to its own cluster");
    hs_postmortem_free(pm);
}

Test(owners, fields_after_a_comma_when_all_are_fields) {
    hs_postmortem *pm = parse("# T\n\n## Action items\n\n"
                              "- Raise the pool limit, due 2026-05-01\n"
                              "- Add a queue alert, @kim\n"
                              "- Make the cache persistent, due to restarts\n");
    cr_assert_eq(pm->n_actions, 3);
    cr_expect_str_eq(pm->actions[0].action, "Raise the pool limit");
    cr_expect_str_eq(pm->actions[0].due, "2026-05-01");
    cr_expect_str_eq(pm->actions[1].action, "Add a queue alert");
    cr_expect_str_eq(pm->actions[1].owner, "kim");
    cr_expect_str_eq(pm->actions[2].action,
                     "Make the cache persistent, due to restarts");
    cr_expect_str_eq(pm->actions[2].due, "");
    hs_postmortem_free(pm);
}

Test(prose, each_will_sentence_of_an_action_paragraph) {
    hs_postmortem *pm = parse("# T\n\n## Remediation\n\n"
                              "We will add a breaker to the payment client. "
                              "The runbook will be updated to cover backlogs. "
                              "This will shorten the next incident.\n");
    cr_assert_eq(pm->n_actions, 2);
    cr_expect_str_eq(pm->actions[1].action,
                     "The runbook will be updated to cover backlogs. This "
                     "will shorten the next incident.");
    cr_expect_eq(pm->actions[1].status, HS_STATUS_NOT_STARTED);
    hs_postmortem_free(pm);
}

Test(prose, numbered_steps_after_announced_changes) {
    hs_postmortem *pm =
        parse("# T\n\nThe queue filled at 10:00 because a consumer hung.\n\n"
              "It took too long to find, and we are making several changes "
              "to make sure it does not happen again.\n\n"
              "To start with, every consumer will time out after 5 seconds. "
              "Further, the default will be 3 seconds. That is a big help.\n\n"
              "Secondly, we will add a queue depth alert.\n\n"
              "In the longer term (Q3), we will split the queue per tenant.\n");
    cr_assert_eq(pm->n_actions, 3);
    cr_expect_str_eq(pm->actions[0].action,
                     "every consumer will time out after 5 seconds");
    cr_expect_str_eq(pm->actions[1].action, "we will add a queue depth alert");
    cr_expect_eq(pm->actions[2].status, HS_STATUS_NOT_STARTED);
    hs_postmortem_free(pm);
}

Test(prose, list_parts_split_after_a_quoted_comma) {
    hs_postmortem *pm =
        parse("# T\n\nThe cache failed because a bad key was pushed.\n\n"
              "Acme is adding \"safe deletes,\" reviewing its key tooling, "
              "and writing a playbook to prevent similar events.\n");
    cr_assert_eq(pm->n_actions, 3);
    cr_expect_str_eq(pm->actions[1].action, "reviewing its key tooling");
    hs_postmortem_free(pm);
}

Test(prose, deed_done_to_prevent_recurrence) {
    hs_postmortem *pm =
        parse("# T\n\nThe cache failed because a bad key was pushed.\n\n"
              "To prevent similar events, Acme updated its key checklist.\n");
    cr_assert_eq(pm->n_actions, 1);
    cr_expect_str_eq(pm->actions[0].action, "updated its key checklist");
    cr_expect_eq(pm->actions[0].status, HS_STATUS_DONE);
    hs_postmortem_free(pm);
    /* work to stop the incident growing, or done on the spot, is the
     * incident's own */
    pm = parse("# T\n\nThe cache failed because a bad key was pushed.\n\n"
               "To prevent further impact, Acme paused the key sync. "
               "To prevent recurrence, Acme immediately halted the job.\n");
    cr_expect_eq(pm->n_actions, 0);
    hs_postmortem_free(pm);
}

Test(columns, unnamed_work_column_is_the_one_with_the_text) {
    hs_postmortem *pm = parse("# T\n\n## Action items\n\n"
                              "| Priority | Change | Owner |\n"
                              "|---|---|---|\n"
                              "| P1 | Add an alert on queue depth | Kim |\n"
                              "| P2 | Shard the queue per tenant | Lee |\n");
    cr_assert_eq(pm->n_actions, 2);
    cr_expect_str_eq(pm->actions[0].action, "Add an alert on queue depth");
    cr_expect_str_eq(pm->actions[1].owner, "Lee");
    hs_postmortem_free(pm);
    /* an "Issue" column of sentences is the work, not a ticket */
    pm = parse("# T\n\n## Action items\n\n"
               "| Pri | Issue | Owner |\n|---|---|---|\n"
               "| P1 | Add an alert on queue depth | Kim |\n");
    cr_assert_eq(pm->n_actions, 1);
    cr_expect_str_eq(pm->actions[0].action, "Add an alert on queue depth");
    hs_postmortem_free(pm);
}

Test(status, work_filed_is_work_to_do) {
    hs_postmortem *pm = parse("# T\n\n## Follow-ups\n\n"
                              "- We have added a backlog task to tune the "
                              "queue alerts\n"
                              "- Platform has placed an action item on its "
                              "roadmap to shard the queue\n"
                              "- We have added a queue depth alert\n");
    cr_assert_eq(pm->n_actions, 3);
    cr_expect_eq(pm->actions[0].status, HS_STATUS_NOT_STARTED);
    cr_expect_eq(pm->actions[1].status, HS_STATUS_NOT_STARTED);
    cr_expect_str_eq(pm->actions[1].owner, "Platform");
    cr_expect_neq(pm->actions[2].status, HS_STATUS_NOT_STARTED);
    hs_postmortem_free(pm);
}

Test(prose, will_with_a_time_to_come_is_a_plan) {
    hs_postmortem *pm =
        parse("# T\n\n## Resolution\n\nThe mailbox was locked at 10:00. "
              "More drills will be held in the future to build awareness. "
              "The lock will expire after a day.\n");
    cr_assert_eq(pm->n_actions, 1);
    cr_expect_str_eq(pm->actions[0].action,
                     "More drills will be held in the future to build "
                     "awareness");
    cr_expect_eq(pm->actions[0].status, HS_STATUS_NOT_STARTED);
    hs_postmortem_free(pm);
}

Test(prose, a_part_based_on_or_due_to_describes_the_one_before) {
    hs_postmortem *pm =
        parse("# T\n\nThe cache failed because a bad key was pushed.\n\n"
              "Acme plans to hire an outside auditor, based on the advice "
              "of its insurer.\n");
    cr_assert_eq(pm->n_actions, 1);
    cr_expect_str_eq(pm->actions[0].action, "hire an outside auditor");
    hs_postmortem_free(pm);
}

Test(owners, named_before_the_work) {
    hs_postmortem *pm = parse("# T\n\n## Action items\n\n"
                              "- [Kim] Add an alert on queue depth\n"
                              "- @max: Rewrite the consumer\n"
                              "- Platform team: move the queue to a cluster\n"
                              "- Monitoring: add a lag dashboard\n");
    cr_assert_eq(pm->n_actions, 4);
    cr_expect_str_eq(pm->actions[0].owner, "Kim");
    cr_expect_str_eq(pm->actions[1].owner, "max");
    cr_expect_str_eq(pm->actions[2].owner, "Platform team");
    /* the words stay in the item, as a reader quoting it keeps them */
    cr_expect_str_eq(pm->actions[2].action,
                     "Platform team: move the queue to a cluster");
    /* a kind of work is no owner */
    cr_expect_null(pm->actions[3].owner);
    hs_postmortem_free(pm);
}

Test(prose, two_verbs_of_work_joined_by_and) {
    hs_postmortem *pm =
        parse("# T\n\nThe cache failed because a bad key was pushed.\n\n"
              "Acme plans to review its key tooling and strengthen the "
              "checks on pushes.\n");
    cr_assert_eq(pm->n_actions, 2);
    cr_expect_str_eq(pm->actions[0].action, "review its key tooling");
    cr_expect_str_eq(pm->actions[1].action, "strengthen the checks on pushes");
    hs_postmortem_free(pm);
    /* one verb with two objects stays one item */
    pm = parse("# T\n\nThe cache failed because a bad key was pushed.\n\n"
               "Acme plans to review its key tooling and its runbooks.\n");
    cr_expect_eq(pm->n_actions, 1);
    hs_postmortem_free(pm);
}
Test(columns, a_done_question_column_answered_yes_or_no) {
    hs_postmortem *pm =
        parse("# T\n\n## Action items\n\n"
              "| Action | Owner | Done? |\n|---|---|---|\n"
              "| Fix the cron overlap | Kim | Yes |\n"
              "| Add a cron dashboard | Lee | No |\n"
              "| Move cron to the queue | Max | \xe2\x9c\x93 |\n");
    cr_assert_eq(pm->n_actions, 3);
    cr_expect_eq(pm->actions[0].status, HS_STATUS_DONE);
    cr_expect_eq(pm->actions[1].status, HS_STATUS_NOT_STARTED);
    cr_expect_eq(pm->actions[2].status, HS_STATUS_DONE);
    hs_postmortem_free(pm);
}

/* A name before the work is its owner when the document names that person
 * elsewhere; an unknown capitalised word there is the work's own first
 * word ("Switch to the new library"). */
Test(owners, a_person_the_document_names_opens_the_item) {
    hs_postmortem *pm = parse(
        "# T\n\nIncident commander: Ana Silva\nResponders: Bo Chen, "
        "Kim\n\n## Action items\n\n"
        "- Ana: add a config validation step\n"
        "- Bo to raise the pool alarm threshold\n"
        "- Switch to the new pool library\n"
        "- Kim to be informed of the change\n"
        "- Carl to fix the dashboard\n"
        "- Fix the alert routing (owner: Lee)\n- Lee to tune the pager\n");
    cr_assert_eq(pm->n_actions, 7);
    cr_expect_str_eq(pm->actions[0].owner, "Ana");
    cr_expect_str_eq(pm->actions[1].owner, "Bo");
    cr_expect_null(pm->actions[2].owner);
    cr_expect_null(pm->actions[3].owner, "a passive names who is told");
    cr_expect_null(pm->actions[4].owner, "Carl is named nowhere else");
    cr_expect_str_eq(pm->actions[6].owner, "Lee");
    hs_postmortem_free(pm);
}

/* "intend to" and "our next step is to" state planned work as "plans to"
 * does, in a document with no action section; a denial states none. */
Test(prose, intended_work_and_next_steps) {
    static const char head[] = "# Outage\n\nOn 2026-03-04 the API was down "
                               "for 40 minutes because a push broke the "
                               "pool.\n\n";
    char buf[512];
    hs_postmortem *pm;
    snprintf(buf, sizeof(buf),
             "%sThe team intends to add alerting on pool "
             "size, automate the failover, and review the pipeline.\n",
             head);
    pm = parse(buf);
    cr_assert_eq(pm->n_actions, 3);
    cr_expect_str_eq(pm->actions[1].action, "automate the failover");
    cr_expect_eq(pm->actions[0].status, HS_STATUS_NOT_STARTED);
    hs_postmortem_free(pm);
    snprintf(buf, sizeof(buf),
             "%sOur next step is to automate the "
             "failover.\n",
             head);
    pm = parse(buf);
    cr_assert_eq(pm->n_actions, 1);
    cr_expect_str_eq(pm->actions[0].action, "automate the failover");
    hs_postmortem_free(pm);
    snprintf(buf, sizeof(buf),
             "%sWe do not intend to change the pool "
             "library.\n",
             head);
    pm = parse(buf);
    cr_expect_eq(pm->n_actions, 0);
    hs_postmortem_free(pm);
}
