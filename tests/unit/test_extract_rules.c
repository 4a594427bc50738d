/*
 * One test per extraction rule, each on a small invented snippet: the
 * timeline's time forms and heading entries, dates in the timeline and the
 * file name, root causes stated in prose. Real postmortems are scored by
 * `make eval`, not here.
 */
#include <criterion/criterion.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h" /* parse_at */
#include "hindsight.h"
#include "read/config.h"

Test(timeline, time_forms_in_paragraph_lines) {
    hs_postmortem *pm =
        parse_at("# T\n\n## Timeline\n\n[13:42] alert fires\n\n"
                 "**13:45** paged\n\n13.50 rollback\n\n[???] cache warms\n\n"
                 "2X:XX users notice\n\n13:06 PM fixed\n\nno time here\n",
                 NULL);
    cr_assert_eq(pm->n_timeline, 6);
    cr_expect_str_eq(pm->timeline[0].time, "[13:42]");
    cr_expect_str_eq(pm->timeline[0].event, "alert fires");
    cr_expect_str_eq(pm->timeline[2].time, "13.50");
    cr_expect_str_eq(pm->timeline[3].time, "[???]");
    cr_expect_str_eq(pm->timeline[4].time, "2X:XX");
    cr_expect_str_eq(pm->timeline[5].event, "fixed");
    hs_postmortem_free(pm);
}

Test(timeline, a_weekday_or_a_day_without_its_year_before_the_time) {
    hs_postmortem *pm =
        parse_at("# T\n\n## Timeline\n\nSaturday 12:45 - first wave\n"
                 "Sat, 13:10 - alarms fire\nOct 30th 13:55 - load drops\n"
                 "31 Oct 09:00 - all clear\nMonitoring 10:00 is no entry\n",
                 NULL);
    cr_assert_eq(pm->n_timeline, 4);
    cr_expect_str_eq(pm->timeline[0].time, "Saturday 12:45");
    cr_expect_str_eq(pm->timeline[0].event, "first wave");
    cr_expect_str_eq(pm->timeline[2].time, "Oct 30th 13:55");
    cr_expect_str_eq(pm->timeline[3].event, "all clear");
    hs_postmortem_free(pm);
    /* an hour without minutes */
    pm = parse_at("# T\n\n## Timeline\n\n### 5pm\n\nusers report errors\n\n"
                  "### 6 PM\n\nfixed\n\n## Other\n\n5 people joined.\n",
                  NULL);
    cr_assert_eq(pm->n_timeline, 2);
    cr_expect_str_eq(pm->timeline[1].time, "6 PM");
    hs_postmortem_free(pm);
}

Test(timeline, heading_per_time_is_one_entry) {
    hs_postmortem *pm = parse_at("# T\n\n## Timeline\n\n### 13:06\n\n"
                                 "- deploy goes out\n- a detail\n\n"
                                 "### 13:40\n\nrollback.\n\n## Other\n",
                                 NULL);
    cr_assert_eq(pm->n_timeline, 2);
    cr_expect_str_eq(pm->timeline[0].time, "13:06");
    cr_expect_str_eq(pm->timeline[0].event, "deploy goes out");
    cr_expect_str_eq(pm->timeline[1].event, "rollback.");
    hs_postmortem_free(pm);
}

Test(timeline, date_heading_groups_timed_lines) {
    hs_postmortem *pm =
        parse_at("# T\n\n## Timeline\n\n### 2024-03-01\n\n"
                 "- 10:00 one\n- 11:00 two\n\n### 2024-03-02\n\nquiet day\n",
                 NULL);
    /* the first date heading is a group header, the second an entry */
    cr_assert_eq(pm->n_timeline, 3);
    cr_expect_str_eq(pm->timeline[2].event, "quiet day");
    hs_postmortem_free(pm);
}

Test(timeline, sub_bullets_are_detail) {
    hs_postmortem *pm = parse_at("# T\n\n## Timeline\n\n- 10:00 one\n"
                                 "  - more about one\n- 11:00 two\n",
                                 NULL);
    cr_expect_eq(pm->n_timeline, 2);
    hs_postmortem_free(pm);
}

Test(dates, month_day_year_with_dashes) {
    hs_postmortem *pm =
        parse_at("# T\n\n## Timeline\n\n02-26-2024 - reported\n", NULL);
    cr_expect_str_eq(pm->date, "2024-02-26");
    hs_postmortem_free(pm);
}

Test(dates, timeline_before_file_name_date) {
    hs_postmortem *pm = parse_at("# T\n\n## Timeline\n\n- 2024-01-05 10:00 "
                                 "bug reported\n",
                                 "pm/2024-03-07-writeup.md");
    cr_expect_str_eq(pm->date, "2024-01-05");
    hs_postmortem_free(pm);
    pm = parse_at("# T\n\n## Timeline\n\n- 2021-01-05 10:00 old history\n",
                  "pm/2024-03-07-writeup.md");
    cr_expect_str_eq(pm->date, "2024-03-07", "a year or more apart: the file");
    hs_postmortem_free(pm);
}

Test(root_cause, sentence_that_states_a_cause) {
    hs_postmortem *pm =
        parse_at("# T\n\n## Summary\n\nUsers saw errors for an hour. This "
                 "was caused by an expired certificate. We renewed it.\n",
                 NULL);
    cr_assert_not_null(pm->root_cause);
    cr_expect_str_eq(pm->root_cause,
                     "This was caused by an expired certificate.");
    hs_postmortem_free(pm);
}

Test(root_cause, unknown_cause_is_none) {
    hs_postmortem *pm =
        parse_at("# T\n\n## Summary\n\nThe pods restarted. The root cause is "
                 "still unknown, because logs were lost.\n",
                 NULL);
    cr_expect_null(pm->root_cause);
    hs_postmortem_free(pm);
}

/* The source recorded for `field`, or NULL. */
static const hs_source *source(const hs_postmortem *pm, const char *field) {
    for (size_t i = 0; i < pm->n_sources; i++)
        if (!strcmp(pm->sources[i].field, field))
            return &pm->sources[i];
    return NULL;
}

Test(provenance, field_section_and_prose) {
    hs_postmortem *pm =
        parse_at("# T\n\n**Severity**: SEV2\n\n## Root Cause\n\nA bad flag."
                 "\n\n## Summary\n\nCheckout failed in a 47-minute outage.\n",
                 NULL);
    const hs_source *s = source(pm, "severity");
    cr_assert_not_null(s);
    cr_expect_eq(s->line, 3);
    cr_expect_str_eq(s->rule, "field 'Severity'");
    s = source(pm, "root_cause");
    cr_assert_not_null(s);
    cr_expect_eq(s->line, 5);
    cr_expect_str_eq(s->rule, "section 'Root Cause'");
    s = source(pm, "duration_minutes");
    cr_assert_not_null(s);
    cr_expect_eq(s->line, 11);
    cr_expect_str_eq(s->rule, "prose");
    cr_expect_null(source(pm, "impact"), "no impact, no source");
    hs_postmortem_free(pm);
}

Test(provenance, json_round_trip) {
    hs_postmortem *pm = parse_at("# T\n\n**Duration**: 16m\n", NULL);
    char *j = hs_postmortem_to_json(pm, 0);
    cr_expect(strstr(j, "\"sources\":{") != NULL, "%s", j);
    cr_expect(strstr(j, "\"duration_minutes\":{\"line\":3,\"rule\":\"field "
                        "'Duration'\"}") != NULL,
              "%s", j);
    free(j);
    hs_postmortem_free(pm);
}

/* Parse md with the house-style file given as YAML text. */
static hs_postmortem *parse_styled(const char *md, const char *yml) {
    hs_config *cfg = NULL;
    hs_postmortem *pm = NULL;
    hs_error err = {0, ""};
    cr_assert_eq(hs_config_parse(yml, strlen(yml), "h.yml", &cfg, &err), 0,
                 "%s", err.msg);
    cr_assert_eq(
        hs_postmortem_parse_with(md, strlen(md), "t", NULL, cfg, &pm, &err), 0,
        "%s", err.msg);
    hs_config_free(cfg);
    return pm;
}

Test(house_style, names_scale_and_date_order) {
    hs_postmortem *pm = parse_styled(
        "# Outage 03/04/2026\n\n**Level**: High\n\n## How it came about\n\n"
        "A bad deploy.\n\n## Promises we made\n\n- Add a canary stage\n",
        "names:\n  action_items: [\"Promises we made\"]\n"
        "  root_cause: How it came about\n  severity: [Level]\n"
        "dates: dmy\nseverity_scale: [Critical, High, Medium, Low]\n");
    cr_expect_str_eq(pm->date, "2026-04-03");
    cr_expect_eq(pm->severity, 2);
    cr_assert_not_null(pm->root_cause);
    cr_expect_str_eq(pm->root_cause, "A bad deploy.");
    cr_expect_eq(pm->n_actions, 1);
    hs_postmortem_free(pm);
}

Test(house_style, scale_as_a_map) {
    hs_postmortem *pm = parse_styled("# T\n\n**Severity**: Major\n",
                                     "severity_scale:\n  Major: SEV2\n");
    cr_expect_eq(pm->severity, 2);
    hs_postmortem_free(pm);
}

Test(house_style, concepts_as_a_list_or_one_text) {
    static const char *const ymls[] = {
        "concepts:\n  - \"ledger_stuck: ledger wedged, settlement batch\"\n"
        "  - \"payout_late: payouts late\"\n",
        "concepts: |\n  ledger_stuck: ledger wedged, settlement batch\n"
        "  payout_late: payouts late\n"};
    for (size_t i = 0; i < 2; i++) {
        hs_config *cfg = NULL;
        hs_error err = {0, ""};
        cr_assert_eq(
            hs_config_parse(ymls[i], strlen(ymls[i]), "h.yml", &cfg, &err), 0,
            "%s", err.msg);
        cr_expect_eq(cfg->concepts.n, i == 0 ? 2 : 1);
        cr_expect(strstr(cfg->concepts.v[0], "ledger_stuck: ledger wedged"));
        cr_expect(strstr(cfg->concepts.v[cfg->concepts.n - 1],
                         "payout_late: payouts late"));
        hs_config_free(cfg);
    }
}

Test(house_style, errors_name_file_and_line) {
    static const struct {
        const char *yml, *msg;
    } cases[] = {
        {"names:\n  rootcause: [x]\n", "h.yml:2: unknown fact"},
        {"dates: ymd\n", "h.yml:1: dates must be dmy or mdy, not 'ymd'"},
        {"colour: red\n", "h.yml:1: unknown key"},
        {"severity_scale:\n  Major: huge\n", "h.yml:2: not a severity"},
        {"names: [\n", "h.yml:"},
        {"concepts: {a: b}\n", "h.yml:1: concepts must be a list of lines"},
        {"concepts:\n  - [a]\n", "h.yml:2: a concepts line is text"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        hs_config *cfg = (hs_config *)1;
        hs_error err = {0, ""};
        int rc = hs_config_parse(cases[i].yml, strlen(cases[i].yml), "h.yml",
                                 &cfg, &err);
        cr_expect_neq(rc, 0, "%s", cases[i].yml);
        cr_expect_null(cfg);
        cr_expect(strstr(err.msg, cases[i].msg) == err.msg, "%s: got %s",
                  cases[i].msg, err.msg);
    }
}

Test(timeline, untimed_links_among_timed_entries_are_not_events) {
    hs_postmortem *pm =
        parse_at("# T\n\n## Timeline\n\n- [dashboard](https://x.test/d)\n\n"
                 "### 07:30 - first report\n\n### 07:35 - pods pending\n\n"
                 "### 07:42 - back to normal\n",
                 NULL);
    cr_expect_eq(pm->n_timeline, 3);
    hs_postmortem_free(pm);
}

Test(duration, stated_window_beats_a_rounded_figure) {
    hs_postmortem *pm = parse_at("# T\n\nThe API went down for about 3 "
                                 "hours, from 15:30 to 18:10 UTC.\n",
                                 NULL);
    cr_expect_eq(pm->duration_minutes, 160);
    hs_postmortem_free(pm);
}

Test(duration, symptom_verbs_and_a_stated_end) {
    static const struct {
        const char *md;
        int minutes;
    } cases[] = {
        {"# T\n\nThe API returned errors for 45 minutes.\n", 45},
        {"# T\n\nThe issue persisted for 45 minutes.\n", 45},
        {"# T\n\nTotal downtime was 1h45m.\n", 105},
        {"# T\n\nThe problem was resolved within 45 minutes.\n", 45},
        {"# T\n\nThe outage began at 10:02 and ended at 11:47.\n", 105},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        hs_postmortem *pm = parse_at(cases[i].md, NULL);
        cr_expect_eq(pm->duration_minutes, cases[i].minutes, "%s", cases[i].md);
        hs_postmortem_free(pm);
    }
}

Test(duration, prose_forms_and_bounds) {
    hs_postmortem *pm =
        parse_at("# T\n\nBeta was unusable for about 1h50m.\n", NULL);
    cr_expect_eq(pm->duration_minutes, 110);
    hs_postmortem_free(pm);
    pm = parse_at("# T\n\nThe site was down for at least 7 hours.\n", NULL);
    cr_expect_eq(pm->duration_minutes, -1, "a bound is not a duration");
    hs_postmortem_free(pm);
}

Test(actions, lead_in_line_gives_the_list_a_status) {
    hs_postmortem *pm = parse_at(
        "# T\n\n## Action items\n\nIn progress:\n\n- Split the cache\n\n"
        "To complete before the next release:\n\n- Add a canary\n\n"
        "Some context that is not a lead-in, written as a sentence.\n\n"
        "- Review alerts\n",
        NULL);
    cr_assert_eq(pm->n_actions, 3);
    cr_expect_eq(pm->actions[0].status, HS_STATUS_IN_PROGRESS);
    cr_expect_eq(pm->actions[1].status, HS_STATUS_NOT_STARTED);
    cr_expect_eq(pm->actions[2].status, HS_STATUS_UNKNOWN);
    hs_postmortem_free(pm);
}

/* The source rule recorded for `field`, or "". */
static const char *rule_of(const hs_postmortem *pm, const char *field) {
    for (size_t i = 0; i < pm->n_sources; i++)
        if (!strcmp(pm->sources[i].field, field))
            return pm->sources[i].rule;
    return "";
}

Test(duration, timeline_impact_start_to_recovery) {
    hs_postmortem *pm =
        parse_at("# T\n\n## Timeline\n\n- 16:49 branch renamed\n"
                 "- 16:52 site is hard down, engineers paged\n"
                 "- 17:20 fix deployed\n- 17:45 site begins to recover\n"
                 "- 18:00 site fully recovered\n",
                 NULL);
    cr_expect_eq(pm->duration_minutes, 68);
    cr_expect(strstr(rule_of(pm, "duration_minutes"), "timeline") != NULL);
    hs_postmortem_free(pm);
}

Test(duration, timeline_recovery_wordings_and_an_alert_before_impact) {
    static const struct {
        const char *md;
        int minutes;
    } cases[] = {
        {"# T\n\n## Timeline\n\n- 09:15 alerts fire for 5xx on the API\n"
         "- 09:20 investigating\n- 10:05 rolled back; error rate returns to "
         "baseline\n",
         50},
        {"# T\n\n## Timeline\n\n- 09:00 deploy of v2 starts\n- 09:15 "
         "monitoring shows elevated 500s\n- 10:05 rollback complete, errors "
         "stop\n",
         50},
        {"# T\n\n## Timeline\n\n- 09:15 the job queue is backing up\n"
         "- 09:40 workers restarted\n- 10:05 the queue has caught up\n",
         50},
        {"# T\n\n## Timeline\n\n- 09:15 disk full, builds fail\n- 09:40 "
         "old images pruned\n- 09:50 builds succeed\n",
         35},
        {"# T\n\n## Timeline\n\n### 09:15\n\nLaunch rate drops to 0.\n\n"
         "### 10:05\n\nFix deployed. Things are looking good.\n",
         50},
        /* an alert no one acted on is a precursor, not the impact */
        {"# T\n\n## Timeline\n\n- 22:40 disk usage alert fires (ignored "
         "as flaky)\n- 23:55 search requests start failing\n- 00:20 on-call "
         "paged\n- 01:05 logs cleared, search restored\n",
         70},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        hs_postmortem *pm = parse_at(cases[i].md, NULL);
        cr_expect_eq(pm->duration_minutes, cases[i].minutes, "%s", cases[i].md);
        hs_postmortem_free(pm);
    }
}

Test(duration, timeline_window_crosses_midnight_and_names_its_start) {
    hs_postmortem *pm =
        parse_at("# T\n\n## Timeline\n\n- [12-05 16:21] crash bug introduced\n"
                 "- [03-26 23:04] node drained (outage starts)\n"
                 "- [03-26 02:50] outage reported\n"
                 "- [03-26 08:10] fixed build deployed (outage ends)\n",
                 NULL);
    cr_expect_eq(pm->duration_minutes, 546);
    hs_postmortem_free(pm);
}

Test(duration, timeline_start_unknown_gives_null) {
    /* the first entry says the impact began earlier than any entry */
    hs_postmortem *pm = parse_at(
        "# T\n\n## Timeline\n\n- 07:28 launch success rate has been at zero "
        "for several hours\n- 08:05 hub restored\n",
        NULL);
    cr_expect_eq(pm->duration_minutes, -1);
    hs_postmortem_free(pm);
    /* an entry names a time before the first report */
    pm = parse_at("# T\n\n## Timeline\n\n- 07:30 launches are down\n"
                  "- 07:35 pending pods peaked around 07:15\n"
                  "- 07:42 launches are back to normal\n",
                  NULL);
    cr_expect_eq(pm->duration_minutes, -1);
    hs_postmortem_free(pm);
}

Test(duration, stated_start_and_end) {
    hs_postmortem *pm =
        parse_at("---\nstart_time: 2012-12-22T12:15:00-08:00\n"
                 "end_time: 2012-12-22T20:23:00-08:00\n---\n\n# T\n\n"
                 "The site had a significant outage after maintenance.\n\n"
                 "A switch froze for approximately 90 seconds.\n",
                 NULL);
    cr_expect_eq(pm->duration_minutes, 488);
    cr_expect_str_eq(rule_of(pm, "duration_minutes"), "stated start and end");
    cr_expect_str_eq(pm->date, "2012-12-22");
    hs_postmortem_free(pm);
}

Test(duration, earlier_occurrence_and_qualified_outage_word) {
    hs_postmortem *pm = parse_at(
        "# T\n\nLogs stopped.\n\nThis occurred once previously and lasted 24 "
        "hours.\n",
        NULL);
    cr_expect_eq(pm->duration_minutes, -1);
    hs_postmortem_free(pm);
    pm = parse_at("# T\n\nThere were 13 minutes of intermittent downtime "
                  "over a longer period.\n",
                  NULL);
    cr_expect_eq(pm->duration_minutes, 13);
    hs_postmortem_free(pm);
}

Test(date, file_name_day_when_the_timeline_shows_impact_that_day) {
    /* the timeline opens days earlier with the change that set it up */
    static const char md[] =
        "# T\n\n## Timeline\n\n| Time | Event |\n|---|---|\n"
        "| 2021-09-01 11:34 | Malformed route applied |\n"
        "| 2021-09-06 08:00 | All services returning 404 |\n"
        "| 2021-09-06 09:00 | Route removed, services restored |\n";
    hs_postmortem *pm = parse_at(md, "pm/2021-09-06-all-404.md");
    cr_expect_str_eq(pm->date, "2021-09-06");
    hs_postmortem_free(pm);
    /* without that, a file named days after the timeline's start is
     * named for the day it was written */
    pm = parse_at("# T\n\n## Timeline\n\n- 2021-09-01 11:34 Users notice "
                  "slowness in the dashboard\n"
                  "- 2021-09-06 08:00 All services returning 404\n",
                  "pm/2021-09-06-all-404.md");
    cr_expect_str_eq(pm->date, "2021-09-01");
    hs_postmortem_free(pm);
}

Test(date, range_gives_its_first_day) {
    hs_postmortem *pm = parse_at(
        "# Workflow delays March 26 - April 10, 2019\n\nText.\n", NULL);
    cr_expect_str_eq(pm->date, "2019-03-26");
    hs_postmortem_free(pm);
    pm = parse_at("# T\n\n**Date:** January 14-19, 2026\n", NULL);
    cr_expect_str_eq(pm->date, "2026-01-14");
    hs_postmortem_free(pm);
}

Test(root_cause, consequence_sentences_state_a_cause) {
    static const char *const cases[] = {
        "# T\n\nAn upstream update broke pinned packages, which lead to write "
        "failures for customers.\n",
        "# T\n\n## Summary\n\nThe pod could not release the volume that held "
        "the database, resulting in the outage.\n",
        "# T\n\n## Issue Summary\n\nThe data is read before the cap is "
        "checked and can cause a crash when it is large.\n",
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        hs_postmortem *pm = parse_at(cases[i], NULL);
        cr_expect(pm->root_cause != NULL, "%s", cases[i]);
        hs_postmortem_free(pm);
    }
}

Test(actions, planned_work_listed_in_prose) {
    hs_postmortem *pm = parse_at(
        "# T\n\nThe outage followed a switch upgrade.\n\nTo prevent this, the "
        "team plans to revisit failover timeouts, build a staging copy of "
        "production, and pause the file servers before network changes.\n",
        NULL);
    cr_assert_eq(pm->n_actions, 3);
    cr_expect_str_eq(pm->actions[0].action, "revisit failover timeouts");
    cr_expect_str_eq(pm->actions[2].action,
                     "pause the file servers before network changes");
    cr_expect_eq(pm->actions[1].status, HS_STATUS_NOT_STARTED);
    hs_postmortem_free(pm);
    /* with an action section, prose plans are not read as items */
    pm = parse_at("# T\n\nWe plans to do A, B.\n\n## Action items\n\n"
                  "- Add a canary\n",
                  NULL);
    cr_expect_eq(pm->n_actions, 1);
    hs_postmortem_free(pm);
}

Test(date, copied_title_date_yields_to_file_name_and_timeline) {
    hs_postmortem *pm =
        parse_at("# 2022-01-27, pod limit reached\n\n## Timeline\n\n"
                 "### 2022-06-02 10:00 - problem starts\n\n"
                 "### 21:24 - quota deleted, launches recover\n",
                 "pm/2022-06-02-pod-limit.md");
    cr_expect_str_eq(pm->date, "2022-06-02");
    hs_postmortem_free(pm);
    /* the title's date stands when nothing contradicts it */
    pm = parse_at("# 2022-01-27, pod limit reached\n\nText.\n",
                  "pm/2022-06-02-pod-limit.md");
    cr_expect_str_eq(pm->date, "2022-01-27");
    hs_postmortem_free(pm);
}

Test(date, summary_on_the_change_day_yields_to_the_impact_day) {
    hs_postmortem *pm = parse_at(
        "# Address starvation\n\n## Summary\n\nOn Friday 29 November 2019, "
        "we scaled the cluster up ahead of team migrations.\n\n"
        "## Timeline\n\n| Time | Event |\n|---|---|\n"
        "| 2019-11-29 12:00 | Scaled up the cluster from 7 to 10 nodes |\n"
        "| 2019-11-30 08:24 | Load balancer unable to scale: no free IPs |\n",
        NULL);
    cr_expect_str_eq(pm->date, "2019-11-30");
    hs_postmortem_free(pm);
}

Test(actions, work_done_during_the_incident_is_not_an_item) {
    hs_postmortem *pm = parse_at(
        "# T\n\n## Timeline\n\n- 16:11 Reverts deployed, version 1.2.1 "
        "released\n- 16:45 Customer communications sent to affected teams\n\n"
        "## Action items\n\n- Reverted the breaking changes and released "
        "version 1.2.1\n- Sent communications to all affected teams\n"
        "- Issued refunds to every customer\n"
        "- Monitor deployments for reverted versions\n",
        NULL);
    cr_assert_eq(pm->n_actions, 2);
    cr_expect_str_eq(pm->actions[0].action, "Issued refunds to every customer");
    cr_expect_str_eq(pm->actions[1].action,
                     "Monitor deployments for reverted versions");
    hs_postmortem_free(pm);
}

Test(actions, labelled_paragraph_in_an_action_section) {
    hs_postmortem *pm =
        parse_at("# T\n\n## Action items\n\n- Add a canary\n\n"
                 "**Action item:** Start incidents earlier. Owner: @ana\n\n"
                 "Some closing remarks that are not an item.\n",
                 NULL);
    cr_assert_eq(pm->n_actions, 2);
    cr_expect(strncmp(pm->actions[1].action, "Start incidents earlier", 23) ==
              0);
    hs_postmortem_free(pm);
}

Test(timeline, template_placeholder_rows_are_not_entries) {
    hs_postmortem *pm =
        parse_at("# T\n\n## Timeline\n\n| Time | Event |\n|---|---|\n"
                 "| 2024-03-13 HH:mm | Short event description. |\n"
                 "| 2024-03-13 09:02 | Node entered NotReady state |\n\n"
                 "## Action items\n\n- Action item\n- Add an alert\n",
                 NULL);
    cr_expect_eq(pm->n_timeline, 1);
    cr_expect_eq(pm->n_actions, 1);
    hs_postmortem_free(pm);
}

Test(duration, numbers_as_words_and_outage_for) {
    hs_postmortem *pm = parse_at(
        "# T\n\nThe breach caused approximately five days of unavailability "
        "for the organisation.\n",
        NULL);
    cr_expect_eq(pm->duration_minutes, 5 * 1440);
    hs_postmortem_free(pm);
    pm = parse_at("# T\n\nThe incident resulted in degraded service for 24 "
                  "hours and 11 minutes.\n",
                  NULL);
    cr_expect_eq(pm->duration_minutes, 1451);
    hs_postmortem_free(pm);
    pm = parse_at("# T\n\nThe site was down for an hour.\n", NULL);
    cr_expect_eq(pm->duration_minutes, 60);
    hs_postmortem_free(pm);
}

Test(actions, commitments_and_post_incident_actions_in_prose) {
    hs_postmortem *pm = parse_at(
        "# T\n\nThe vendor committed to improving testing for leap days, "
        "fault isolation, as well as enhancing the status page.\n",
        NULL);
    cr_assert_eq(pm->n_actions, 3);
    cr_expect_str_eq(pm->actions[2].action, "enhancing the status page");
    cr_expect_eq(pm->actions[0].status, HS_STATUS_NOT_STARTED);
    hs_postmortem_free(pm);
    pm = parse_at("# T\n\nPost-incident actions included requiring 2FA, and "
                  "reviewing password policies.\n",
                  NULL);
    cr_assert_eq(pm->n_actions, 2);
    cr_expect_eq(pm->actions[1].status, HS_STATUS_DONE);
    hs_postmortem_free(pm);
}

Test(date, a_warning_days_before_is_a_precursor) {
    hs_postmortem *pm = parse_at(
        "# Disk full\n\n## Timeline\n\n| Time | Event |\n|---|---|\n"
        "| 2024-04-30 10:12 | Connector deleted, slot left behind |\n"
        "| 2024-05-15 09:00 | Disk under 30%; warning alert, no action |\n"
        "| 2024-05-22 03:47 | Primary crashes, payments fail |\n",
        "pm/2024-05-22-disk-full.md");
    cr_expect_str_eq(pm->date, "2024-05-22");
    hs_postmortem_free(pm);
}

Test(actions, a_tracked_item_is_kept_though_the_timeline_did_it) {
    hs_postmortem *pm = parse_at(
        "# T\n\n## Timeline\n\n- 09:24 Node groups switched to mixed "
        "instance types\n\n## Action items\n\n| Action | Owner |\n|---|---|\n"
        "| Mixed instance types in every node group | Lena |\n",
        NULL);
    cr_expect_eq(pm->n_actions, 1);
    hs_postmortem_free(pm);
}

Test(actions, a_sentence_gives_its_own_status_and_owner) {
    hs_postmortem *pm =
        parse_at("# T\n\n## Action items\n\n"
                 "- The IPS team is continuing to improve phishing training\n"
                 "- DevEx will update all service accounts\n"
                 "- We tweaked the registry rate limits\n"
                 "- We've advised the teams to pin their images\n"
                 "- We need to refactor the test suite\n"
                 "- Continue to attempt a fix upstream\n"
                 "- This will cause churn in the pipeline\n",
                 NULL);
    cr_assert_eq(pm->n_actions, 7);
    cr_expect_eq(pm->actions[0].status, HS_STATUS_IN_PROGRESS);
    cr_expect_str_eq(pm->actions[0].owner, "IPS team");
    cr_expect_eq(pm->actions[1].status, HS_STATUS_NOT_STARTED);
    cr_expect_str_eq(pm->actions[1].owner, "DevEx");
    cr_expect_eq(pm->actions[2].status, HS_STATUS_DONE);
    cr_expect_null(pm->actions[2].owner);
    cr_expect_eq(pm->actions[3].status, HS_STATUS_DONE);
    cr_expect_eq(pm->actions[4].status, HS_STATUS_UNKNOWN);
    cr_expect_eq(pm->actions[5].status, HS_STATUS_IN_PROGRESS);
    cr_expect_eq(pm->actions[6].status, HS_STATUS_UNKNOWN);
    cr_expect_null(pm->actions[6].owner);
    hs_postmortem_free(pm);
}

Test(root_cause, a_consequence_does_not_override_an_unknown_cause) {
    hs_postmortem *pm = parse_at(
        "# T\n\nThe cause is still unknown. The restart led to a second "
        "outage an hour later.\n",
        NULL);
    cr_expect_null(pm->root_cause);
    hs_postmortem_free(pm);
}

Test(root_cause, a_section_or_field_that_says_unknown_gives_none) {
    static const char *const none[] = {
        "# T\n\n## Root cause\n\nUnknown.\n\n## Summary\n\nThe hub "
        "restarted because it was paged.\n",
        "# T\n\n**Root cause:** TBD\n\nThe restart led to a second outage.\n",
        "# T\n\n## Root cause\n\nWe do not know yet why the node failed.\n",
    };
    hs_postmortem *pm;
    for (size_t i = 0; i < sizeof(none) / sizeof(none[0]); i++) {
        pm = parse_at(none[i], NULL);
        cr_expect_null(pm->root_cause, "%s", none[i]);
        hs_postmortem_free(pm);
    }
    /* a hedged guess is an explanation */
    pm = parse_at("# T\n\n## Root cause\n\nUnknown, but probably the disk "
                  "filled up.\n",
                  NULL);
    cr_expect_not_null(pm->root_cause);
    hs_postmortem_free(pm);
}

Test(root_cause, an_unknown_cause_without_a_cue_outweighs_a_consequence) {
    hs_postmortem *pm =
        parse_at("# T\n\n## Summary\n\nThe hub went down, which led to failed "
                 "launches. We still don't know why the hub crashed.\n",
                 NULL);
    cr_expect_null(pm->root_cause);
    hs_postmortem_free(pm);
    /* "not sure what happened" before a guess leaves the guess */
    pm = parse_at("# T\n\nI am not sure what happened. Maybe an upgrade "
                  "caused the disks to be wiped.\n",
                  NULL);
    cr_expect_not_null(pm->root_cause);
    hs_postmortem_free(pm);
}

Test(root_cause, not_from_follow_up_work_or_a_supposition) {
    static const char *const cases[] = {
        "# T\n\nLaunches failed.\n\n## Action items\n\n- Add retries "
        "because the API is flaky\n",
        "# T\n\nLaunches failed. If the disk fills up, writes fail because "
        "the log cannot rotate.\n",
    };
    hs_postmortem *pm;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        pm = parse_at(cases[i], NULL);
        cr_expect_null(pm->root_cause, "%s", cases[i]);
        hs_postmortem_free(pm);
    }
    /* "Had to ..." is what was done, not a supposition */
    pm = parse_at("# T\n\nHad to restart the hub because it hung.\n", NULL);
    cr_expect_not_null(pm->root_cause);
    hs_postmortem_free(pm);
}

Test(root_cause, a_fault_named_in_a_short_summary) {
    hs_postmortem *pm = parse_at(
        "# T\n\nThe shop saw a DDoS attack that flooded its front end.\n",
        NULL);
    cr_expect_not_null(pm->root_cause);
    cr_expect_str_eq(rule_of(pm, "root_cause"), "sentence naming a fault");
    hs_postmortem_free(pm);
    /* symptoms alone explain nothing */
    pm = parse_at("# T\n\nCustomers saw degraded access for three hours and "
                  "the store was unavailable for twenty minutes.\n",
                  NULL);
    cr_expect_null(pm->root_cause);
    hs_postmortem_free(pm);
}

Test(timeline, unknown_time_list_items_are_kept) {
    hs_postmortem *pm =
        parse_at("# T\n\n## Timeline\n\n- 13:40 deploy starts\n"
                 "- 2X:XX first user report\n- [???] cache evicted\n"
                 "- 14:10 rollback\n",
                 NULL);
    cr_assert_eq(pm->n_timeline, 4);
    cr_expect_str_eq(pm->timeline[1].time, "2X:XX");
    cr_expect_str_eq(pm->timeline[2].time, "[???]");
    hs_postmortem_free(pm);
}

Test(timeline, code_blocks_and_quoted_chat_are_not_entries) {
    hs_postmortem *pm = parse_at(
        "# T\n\n## Timeline\n\n- 09:00 alert fires\n\n"
        "```\n09:01:02 ERROR pool exhausted\n09:01:03 ERROR pool exhausted\n"
        "```\n\n> 09:05 alice: is prod down?\n> 09:06 bob: looking\n\n"
        "- 09:30 fixed\n",
        NULL);
    cr_expect_eq(pm->n_timeline, 2);
    hs_postmortem_free(pm);
}

Test(timeline, an_image_is_not_an_entry) {
    /* a graph whose alt text holds a date-time, alone in its paragraph or
     * its list item, is no event; the entries around it are */
    hs_postmortem *pm =
        parse_at("# T\n\n## Timeline\n\n13:00 alert fires\n\n"
                 "![2023-01-02 13:05 error graph](graph.png)\n\n"
                 "- ![13:10 latency](latency.png)\n- 13:20 rollback\n",
                 NULL);
    cr_assert_eq(pm->n_timeline, 2);
    cr_expect_str_eq(pm->timeline[0].event, "alert fires");
    cr_expect_str_eq(pm->timeline[1].event, "rollback");
    hs_postmortem_free(pm);
}

Test(actions, strikethrough_means_done) {
    hs_postmortem *pm =
        parse_at("# T\n\n## Action items\n\n- ~~Add an alert on queue "
                 "depth~~\n- Split the cache\n",
                 NULL);
    cr_assert_eq(pm->n_actions, 2);
    cr_expect_eq(pm->actions[0].status, HS_STATUS_DONE);
    cr_expect_eq(pm->actions[1].status, HS_STATUS_UNKNOWN);
    hs_postmortem_free(pm);
}

Test(severity, negation_is_not_a_severity) {
    hs_postmortem *pm = parse_at("# T\n\n**Severity:** None critical\n\n"
                                 "Some users saw slow pages.\n",
                                 NULL);
    cr_expect_eq(pm->severity, 0);
    hs_postmortem_free(pm);
}

Test(severity, word_in_quoted_monitoring_output_is_not_a_severity) {
    hs_postmortem *pm = parse_at(
        "# T\n\nThe pager said:\n\n> [CRITICAL] disk usage 97% on db-3\n\n"
        "```\nALERT critical: api p99 > 2s\n```\n\nWe cleaned the disk.\n",
        NULL);
    cr_expect_eq(pm->severity, 0);
    hs_postmortem_free(pm);
}

Test(duration, time_to_resolve_only_when_nothing_closer_to_impact) {
    hs_postmortem *pm = parse_at("# T\n\n- **Time to repair**: 0h 16m\n"
                                 "- **Time to resolve**: 2h 30m\n",
                                 NULL);
    cr_expect_eq(pm->duration_minutes, 16);
    hs_postmortem_free(pm);
    pm = parse_at("# T\n\n- **Time to resolve**: 2h 30m\n", NULL);
    cr_expect_eq(pm->duration_minutes, 150);
    hs_postmortem_free(pm);
}

Test(duration, bound_in_words_gives_null) {
    hs_postmortem *pm = parse_at(
        "# T\n\nThe dashboard was unavailable for at least seven hours.\n",
        NULL);
    cr_expect_eq(pm->duration_minutes, -1);
    hs_postmortem_free(pm);
    pm = parse_at("# T\n\nIngestion was down for more than two days.\n", NULL);
    cr_expect_eq(pm->duration_minutes, -1);
    hs_postmortem_free(pm);
}

Test(actions, prose_lists_after_work_nouns_and_these_include) {
    hs_postmortem *pm = parse_at(
        "# T\n\nThe cache fell over.\n\nThe team is implementing several "
        "changes to prevent a repeat. These include sharding the cache, "
        "adding a canary, and alerting on evictions.\n\nThe vendor is "
        "rolling out follow-up actions, including better retries and "
        "smaller batches.\n",
        NULL);
    cr_assert_eq(pm->n_actions, 4);
    cr_expect_str_eq(pm->actions[0].action, "sharding the cache");
    cr_expect_eq(pm->actions[0].status, HS_STATUS_IN_PROGRESS);
    cr_expect_str_eq(pm->actions[3].action,
                     "better retries and smaller batches");
    cr_expect_eq(pm->actions[3].status, HS_STATUS_IN_PROGRESS);
    hs_postmortem_free(pm);
    /* symptoms listed after "These include" are no work */
    pm = parse_at("# T\n\nUsers saw errors. These include timeouts, 500s "
                  "and blank pages.\n",
                  NULL);
    cr_expect_eq(pm->n_actions, 0);
    hs_postmortem_free(pm);
    /* "Transactions that are included": a noun inside a word is no cue */
    pm = parse_at("# T\n\nTransactions that are included in a block, "
                  "spends and coins are checked.\n",
                  NULL);
    cr_expect_eq(pm->n_actions, 0);
    hs_postmortem_free(pm);
}

Test(actions, prevention_opening_and_its_continuation) {
    hs_postmortem *pm = parse_at(
        "# T\n\nTo prevent future occurrences, Acme is decoupling the DNS "
        "tiers, reviewing restart code, and removing the loop. They are "
        "also reviewing file servers and adding limits.\n",
        NULL);
    cr_assert_eq(pm->n_actions, 5);
    cr_expect_str_eq(pm->actions[0].action, "decoupling the DNS tiers");
    /* two gerunds joined by "and" are two pieces of work */
    cr_expect_str_eq(pm->actions[3].action, "reviewing file servers");
    cr_expect_str_eq(pm->actions[4].action, "adding limits");
    cr_expect_eq(pm->actions[3].status, HS_STATUS_IN_PROGRESS);
    cr_expect_eq(pm->actions[4].status, HS_STATUS_IN_PROGRESS);
    hs_postmortem_free(pm);
}

Test(actions, post_incident_work_and_recommendations) {
    hs_postmortem *pm = parse_at(
        "# T\n\nPost-incident, new disk alerting was implemented, and "
        "Acme updated the runbook.\n\nRecommendations for the platform "
        "team: validate configs before rollout; and page on stale data.\n",
        NULL);
    cr_assert_eq(pm->n_actions, 4);
    cr_expect_eq(pm->actions[0].status, HS_STATUS_DONE);
    cr_expect_str_eq(pm->actions[1].action, "updated the runbook");
    cr_expect_eq(pm->actions[1].status, HS_STATUS_DONE);
    cr_expect_str_eq(pm->actions[2].action, "validate configs before rollout");
    cr_expect_eq(pm->actions[3].status, HS_STATUS_NOT_STARTED);
    hs_postmortem_free(pm);
}

Test(actions, questions_and_negated_plans_are_not_plans) {
    hs_postmortem *pm = parse_at(
        "# T\n\nDo you plan to find out who did it, and why?\n\nWe have no "
        "plans to find out, or to retaliate.\n",
        NULL);
    cr_expect_eq(pm->n_actions, 0);
    hs_postmortem_free(pm);
    pm = parse_at("# T\n\nThe team identified areas for improvement. They "
                  "also plan to review the quotas, and add an alert.\n",
                  NULL);
    cr_assert_eq(pm->n_actions, 2);
    cr_expect_eq(pm->actions[1].status, HS_STATUS_NOT_STARTED);
    hs_postmortem_free(pm);
}

Test(root_cause, one_line_summaries_that_name_what_went_wrong) {
    static const char *const cases[] = {
        "# T\n\nThe queue hit its size limit, leaving the site read-only.\n",
        "# T\n\nA vendor shipped a breaking change that hit our sync jobs.\n",
        "# T\n\nFunds were lost after a change with a security bug was "
        "deployed unreviewed.\n",
        "# T\n\nA bad route announcement took down the edge for an hour.\n",
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        hs_postmortem *pm = parse_at(cases[i], NULL);
        cr_expect(pm->root_cause != NULL, "%s", cases[i]);
        hs_postmortem_free(pm);
    }
    /* what failed and whom it hit, without why, is no cause */
    hs_postmortem *pm =
        parse_at("# T\n\nThe task subsystem failed. The problem affected "
                 "carts and bulk edits.\n",
                 NULL);
    cr_expect(pm->root_cause == NULL);
    hs_postmortem_free(pm);
}

Test(duration, window_over_a_day_when_the_text_states_it) {
    hs_postmortem *pm = parse_at(
        "---\nstart_time: 2019-02-04T05:35:00Z\nend_time: "
        "2019-02-05T22:09:00Z\n---\n\n# T\n\nMail sending was degraded from "
        "February 4, 05:35 UTC, to February 5, 22:09 UTC.\n",
        NULL);
    cr_expect_eq(pm->duration_minutes, 2434);
    hs_postmortem_free(pm);
    /* the span of a series of incidents the text does not state */
    pm = parse_at("---\nstart_time: 2019-03-26T21:29:00Z\nend_time: "
                  "2019-04-10T15:00:00Z\n---\n\n# T\n\nA run of database "
                  "stalls over two weeks.\n",
                  NULL);
    cr_expect_eq(pm->duration_minutes, -1);
    hs_postmortem_free(pm);
}

Test(actions, prose_list_parts_semicolons_clauses_and_second_verbs) {
    /* semicolons separate the parts; their commas stay inside */
    hs_postmortem *pm =
        parse_at("# T\n\nRecommendations for operators: validate feeds, or "
                 "stop using them; compare each source separately, so "
                 "drift shows early; and watch quality.\n",
                 NULL);
    cr_assert_eq(pm->n_actions, 3);
    cr_expect_str_eq(pm->actions[1].action,
                     "compare each source separately, so drift shows early");
    hs_postmortem_free(pm);
    /* "which ..." and an appositive after a gerund are no items */
    pm = parse_at("# T\n\nThe vendor committed to adding ECC to its next "
                  "servers, the X5 line, slated for 2001, which ship in "
                  "May.\n",
                  NULL);
    cr_expect_eq(pm->n_actions, 1);
    hs_postmortem_free(pm);
    /* "fixed the bug and are redesigning sessions" is two items */
    pm = parse_at("# T\n\nPost-incident, Acme fixed the bug in the manager "
                  "and are redesigning the session store.\n",
                  NULL);
    cr_assert_eq(pm->n_actions, 2);
    cr_expect_str_eq(pm->actions[0].action, "fixed the bug in the manager");
    cr_expect_eq(pm->actions[0].status, HS_STATUS_DONE);
    cr_expect_str_eq(pm->actions[1].action, "redesigning the session store");
    cr_expect_eq(pm->actions[1].status, HS_STATUS_IN_PROGRESS);
    hs_postmortem_free(pm);
}

Test(actions, announcement_will_and_long_term_opening) {
    hs_postmortem *pm = parse_at(
        "# T\n\nAcme has committed to several remediation steps. These "
        "include freezing changes, and adding backoff.\n\nThe team plans to "
        "define an outage workflow, and will test backups monthly.\n\n"
        "Longer-term, the service will be split into cells.\n",
        NULL);
    cr_assert_eq(pm->n_actions, 5);
    cr_expect_str_eq(pm->actions[0].action, "freezing changes");
    cr_expect_str_eq(pm->actions[3].action, "test backups monthly");
    cr_expect_eq(pm->actions[3].status, HS_STATUS_NOT_STARTED);
    cr_expect_str_eq(pm->actions[4].action,
                     "the service will be split into cells");
    cr_expect_eq(pm->actions[4].status, HS_STATUS_NOT_STARTED);
    hs_postmortem_free(pm);
}

/* Both days written beside the clocks: the window is theirs (the clocks
 * alone gave 760 minutes), and a line may break before "at" (the end's
 * clock was then looked for back in its sentence and found the start's:
 * 0 minutes). */
Test(duration, prose_start_and_recovery_on_days_written) {
    hs_postmortem *pm = parse_at(
        "# T\n\nThe outage began on Friday 14 June at 18:30 CEST and ended "
        "on Monday 17 June at 07:10 CEST.\n",
        NULL);
    cr_expect_eq(pm->duration_minutes, 3640);
    hs_postmortem_free(pm);
    pm = parse_at("# T\n\nThe outage began on 14 June 2024 at 18:30 and "
                  "ended on Monday 17 June\nat 07:10.\n",
                  NULL);
    cr_expect_eq(pm->duration_minutes, 3640);
    hs_postmortem_free(pm);
    /* the clocks alone when only one day is written */
    pm = parse_at("# T\n\nThe outage began on 14 June 2024 at 23:30 and "
                  "ended at 00:40.\n",
                  NULL);
    cr_expect_eq(pm->duration_minutes, 70);
    hs_postmortem_free(pm);
}

Test(duration, prose_start_and_recovery_apart) {
    hs_postmortem *pm = parse_at(
        "# T\n\nA network disruption occurred on Sunday, May 3, at 2:19am "
        "PDT. Storage nodes dropped out.\n\nRequests were paused at 5:06am. "
        "The service was largely restored to normal operations by 7:10am "
        "PDT.\n",
        NULL);
    cr_expect_eq(pm->duration_minutes, 291);
    cr_expect_str_eq(rule_of(pm, "duration_minutes"),
                     "prose start to recovery");
    hs_postmortem_free(pm);
    /* the clock may open the sentence that names the start */
    pm = parse_at("# T\n\nAt 10:02 UTC, the API began returning errors. "
                  "Error rates returned to normal at 11:47 UTC.\n",
                  NULL);
    cr_expect_eq(pm->duration_minutes, 105);
    hs_postmortem_free(pm);
    /* no stated start: no window */
    pm = parse_at("# T\n\nThe service was restored by 7:10am.\n", NULL);
    cr_expect_eq(pm->duration_minutes, -1);
    hs_postmortem_free(pm);
}

Test(severity, a_vendor_ticket_level_is_not_the_incidents) {
    hs_postmortem *pm = parse_at(
        "# T\n\n## Timeline\n\n- 23:15 AWS suggested we open a SEV2 ticket\n"
        "- 23:20 An AWS SEV2 support ticket was created\n",
        NULL);
    cr_expect_eq(pm->severity, 0);
    hs_postmortem_free(pm);
    pm = parse_at("# T\n\nThis was a SEV2 incident for the API.\n", NULL);
    cr_expect_eq(pm->severity, 2);
    hs_postmortem_free(pm);
}

/* ---------------------------------------------------------------------
 * Round 3 (issue 13): facts in the forms unseen house styles write them
 */

/* The duration `md` gives; -1 when none. */
static int duration_of(const char *md) {
    hs_postmortem *pm = parse_at(md, NULL);
    int m = pm->duration_minutes;
    hs_postmortem_free(pm);
    return m;
}

Test(front_matter, keys_are_read_through_the_names_table) {
    hs_postmortem *pm = parse_at("---\nstarted: 2026-03-04 10:00\n"
                                 "impact_level: high\ntime_to_restore: 40m\n"
                                 "categories: [dns, config]\n---\n# T\n",
                                 NULL);
    cr_expect_str_eq(pm->date, "2026-03-04", "a start's day is the date");
    cr_expect_eq(pm->severity, 2);
    cr_expect_eq(pm->duration_minutes, 40);
    cr_assert_eq(pm->tags.n, 2);
    cr_expect_str_eq(pm->tags.v[0], "dns");
    hs_postmortem_free(pm);
}

Test(duration, a_hedge_between_verb_and_length) {
    cr_expect_eq(duration_of("# T\n\nThe outage lasted roughly 3 hours.\n"),
                 180);
    cr_expect_eq(duration_of("# T\n\nCheckout was down for nearly 40 min.\n"),
                 40);
}

/* A summary that gives its window by the hour or in words, and lengths in
 * quarters and fractions, as prose says them. */
Test(duration, windows_and_fractions_in_words) {
    cr_expect_eq(duration_of("# T\n\nCheckout was unavailable from 10pm until "
                             "2am for every customer.\n"),
                 240);
    cr_expect_eq(duration_of("# T\n\nThe storefront was down from 9am until "
                             "noon for every customer.\n"),
                 180);
    cr_expect_eq(duration_of("# T\n\nCheckout was unavailable for an hour and "
                             "a quarter.\n"),
                 75);
    cr_expect_eq(duration_of("# T\n\nThe API was down for 1 1/2 hours.\n"), 90);
    /* a timeline from the start */
    cr_expect_eq(duration_of("# T\n\n## Timeline\n\n- T+0: checkout errors "
                             "begin\n- T+10m: paged\n- T+75m: rollback done, "
                             "checkout recovered\n"),
                 75);
    /* a timeline by the hour */
    cr_expect_eq(duration_of("# T\n\n## Timeline\n\n- 2pm checkout errors "
                             "begin\n- 3pm rollback done, checkout "
                             "recovered\n"),
                 60);
}

Test(duration, halves_and_ranges) {
    cr_expect_eq(duration_of("# T\n\nThe API was down for half an hour.\n"),
                 30);
    cr_expect_eq(
        duration_of("# T\n\nThe site was down for an hour and a half.\n"), 90);
    cr_expect_eq(
        duration_of("# T\n\nThe outage lasted one and a half hours.\n"), 90);
    /* a range is read as its middle */
    cr_expect_eq(duration_of("# T\n\nWe were down for 10-15 minutes.\n"), 13);
    cr_expect_eq(duration_of("# T\n\nThe outage lasted 2 to 3 hours.\n"), 150);
}

Test(duration, for_a_length_opening_a_line) {
    cr_expect_eq(duration_of("# T\n\nFor 25 minutes, users could not pay.\n"),
                 25);
}

Test(duration, a_window_with_its_dates) {
    cr_expect_eq(duration_of("# T\n\nCheckout failed between 2023-01-02 22:10 "
                             "and 2023-01-03 01:05 UTC.\n"),
                 175);
    cr_expect_eq(duration_of("# T\n\nLogins failed from March 4, 2026 at "
                             "23:00 to March 6, 2026 at 01:00.\n"),
                 1560);
}

Test(duration, a_dash_window_said_of_the_impact) {
    cr_expect_eq(
        duration_of("# T\n\n## Impact\n\nLogins failed 14:02-15:10 UTC.\n"),
        68);
    cr_expect_eq(duration_of("# T\n\nOutage window: 22:50 – 00:10 UTC. All "
                             "writes were refused.\n"),
                 80);
    /* when the impact began is a moment, not a window */
    cr_expect_eq(duration_of("# T\n\nInitial impact was seen between "
                             "11:47-11:49 UTC.\n"),
                 -1);
    /* a step's dash window in the summary is not the impact's */
    cr_expect_eq(duration_of("# T\n\nThe migration ran 13:00-13:05 and then "
                             "we found the bug.\n"),
                 -1);
}

Test(duration, start_and_end_of_impact_fields) {
    cr_expect_eq(duration_of("# T\n\n**Start of impact:** 14:02 UTC\n"
                             "**End of impact:** 15:10 UTC\n"),
                 68);
    cr_expect_eq(duration_of("# T\n\nImpact start: 2024-03-01 23:50 UTC\n"
                             "Impact end: 00:20 UTC\n"),
                 30);
    cr_expect_eq(duration_of("# T\n\nStarted: 2024-05-01 10:00 UTC\n"
                             "Detected: 2024-05-01 10:05 UTC\n"
                             "Resolved: 2024-05-01 11:30 UTC\n"),
                 90);
}

Test(duration, an_impact_field_holding_a_length) {
    cr_expect_eq(duration_of("# T\n\nTotal impact: 3 hours 20 minutes\n"), 200);
    cr_expect_eq(duration_of("# T\n\n**Duration of impact:** 45 minutes\n"),
                 45);
    /* an impact field that describes the impact is no length */
    cr_expect_eq(duration_of("# T\n\nImpact: 3 regions lost writes\n"), -1);
}

Test(duration, time_to_resolve_yields_to_time_to_restore) {
    cr_expect_eq(duration_of("# T\n\n- Time to detect: 5m\n"
                             "- Time to resolve: 3h\n"
                             "- Time to restore: 50m\n"),
                 50);
    cr_expect_eq(duration_of("# T\n\nTime to resolve: 3h\n"), 180);
}

Test(duration, its_own_section) {
    cr_expect_eq(duration_of("# T\n\n## Duration\n\n1h 10m\n"), 70);
}

Test(duration, timeline_words_for_failing_and_working_again) {
    cr_expect_eq(duration_of("# T\n\n## Timeline\n\n"
                             "- 09:10 builds start failing for every repo\n"
                             "- 09:40 investigation starts\n"
                             "- 10:25 the site is responding again\n"),
                 75);
    cr_expect_eq(duration_of("# T\n\n## Timeline\n\n"
                             "- 2024-03-01 22:10 pods fail to start\n"
                             "- 2024-03-02 01:10 pods start normally\n"),
                 180);
    /* failing again is no recovery */
    cr_expect_eq(duration_of("# T\n\n## Timeline\n\n"
                             "- 09:10 builds start failing\n"
                             "- 09:40 builds failing again after a retry\n"),
                 -1);
}

Test(dates, day_month_year_with_dashes_and_old_years) {
    hs_postmortem *pm = parse_at("# T\n\nIncident date: 4-Mar-2026\n", NULL);
    cr_expect_str_eq(pm->date, "2026-03-04");
    hs_postmortem_free(pm);
    pm =
        parse_at("---\nstart_time: 1969-07-20T20:08:55Z\n---\n\nText.\n", NULL);
    cr_expect_str_eq(pm->date, "1969-07-20", "historic failures have dates");
    hs_postmortem_free(pm);
}

Test(dates, first_date_in_the_prose_last) {
    hs_postmortem *pm = parse_at(
        "# T\n\nPublished: 2026-03-10\n\nOn March 4, 2026 the API failed.\n",
        NULL);
    cr_expect_str_eq(pm->date, "2026-03-04", "a Published line is no date");
    hs_postmortem_free(pm);
    pm = parse_at("# T\n\n## Incident date\n\nMarch 4, 2026\n", NULL);
    cr_expect_str_eq(pm->date, "2026-03-04");
    hs_postmortem_free(pm);
}

Test(severity, short_levels_words_and_sections) {
    hs_postmortem *pm = parse_at("# T\n\n**Severity:** S1\n", NULL);
    cr_expect_eq(pm->severity, 1);
    hs_postmortem_free(pm);
    pm = parse_at("# T\n\nSeverity: Urgent\n", NULL);
    cr_expect_eq(pm->severity, 1);
    hs_postmortem_free(pm);
    pm = parse_at("# T\n\n## Severity\n\nHigh\n\n## Summary\n\nText.\n", NULL);
    cr_expect_eq(pm->severity, 2);
    hs_postmortem_free(pm);
    pm = parse_at("# T\n\nWe declared a P1 incident at noon.\n", NULL);
    cr_expect_eq(pm->severity, 1);
    hs_postmortem_free(pm);
    pm = parse_at("# T\n\nWe opened a P1 ticket with the vendor.\n", NULL);
    cr_expect_eq(pm->severity, 0, "a ticket's priority is not a severity");
    hs_postmortem_free(pm);
}

Test(duration, it_took_a_length_to_restore) {
    cr_expect_eq(duration_of("# T\n\nIt took about 3 hours to fully restore "
                             "the service.\n"),
                 180);
    cr_expect_eq(
        duration_of("# T\n\nIt took 20 minutes to find the bad commit.\n"), -1,
        "finding is not restoring");
}

Test(duration, timeline_stuck_to_solved_and_a_start_already_past) {
    cr_expect_eq(duration_of("# T\n\n## Timeline\n\n"
                             "- 08:00 launches stuck in pending\n"
                             "- 08:30 problem solved by a restart\n"),
                 30);
    /* "had been failing": the impact began before the first entry */
    cr_expect_eq(duration_of("# T\n\n## Timeline\n\n"
                             "- 08:00 we notice builds had been failing\n"
                             "- 08:30 builds work again\n"),
                 -1);
}

Test(duration, lengths_in_words_past_twelve) {
    cr_expect_eq(duration_of("# T\n\nThe site was down for ninety minutes.\n"),
                 90);
    cr_expect_eq(duration_of("# T\n\nA forty-five minute outage hit "
                             "checkout.\n"),
                 45);
    cr_expect_eq(duration_of("# T\n\nA two-hour outage hit checkout.\n"), 120);
}

Test(duration, one_example_of_those_affected_is_not_the_incident) {
    cr_expect_eq(duration_of("# T\n\nMany shops were hit. One bank, for "
                             "example, had a two-hour outage.\n"),
                 -1);
}

Test(duration, timeline_words_for_exhaustion_and_operation) {
    cr_expect_eq(duration_of("# T\n\n## Timeline\n\n"
                             "- 11:00 the primary runs out of memory\n"
                             "- 11:20 replica promoted\n"
                             "- 11:45 the API is operational\n"),
                 45);
    cr_expect_eq(duration_of("# T\n\n## Timeline\n\n"
                             "- 11:00 launches drop to zero\n"
                             "- 11:45 launches up and running\n"),
                 45);
}

Test(duration, a_table_of_impact_start_and_end) {
    /* the clocks are moments, not lengths of 14 hours */
    cr_expect_eq(duration_of("# T\n\n| Impact start | Impact end |\n"
                             "|---|---|\n| 14:02 | 15:10 |\n"),
                 68);
    cr_expect_eq(duration_of("# T\n\n| Service | Start | End |\n|---|---|---|\n"
                             "| api | 2024-05-01 23:30 | 2024-05-02 00:15 |\n"),
                 45);
}

Test(duration, an_incident_window_field_with_its_date) {
    hs_postmortem *pm =
        parse_at("# T\n\n**Incident window:** 2024-03-12 09:40 - 10:55 UTC\n"
                 "**Impact:** 40% of searches failed\n",
                 NULL);
    cr_expect_eq(pm->duration_minutes, 75);
    cr_expect_str_eq(pm->date, "2024-03-12", "a field's date, last");
    hs_postmortem_free(pm);
    cr_expect_eq(duration_of("# T\n\nDetection window: 5 minutes\n"), -1);
}

Test(severity, a_title_tagged_with_its_priority) {
    hs_postmortem *pm = parse_at("# Checkout down (P2)\n\nText.\n", NULL);
    cr_expect_eq(pm->severity, 2);
    hs_postmortem_free(pm);
    pm = parse_at("# Checkout down after P2 rollout\n\nText.\n", NULL);
    cr_expect_eq(pm->severity, 0, "only a tag in brackets");
    hs_postmortem_free(pm);
}

Test(duration, a_heading_entry_says_recovery_in_its_body) {
    cr_expect_eq(duration_of("# T\n\n## Timeline\n\n"
                             "### 09:10 - Launches fail\n\nNo pod starts.\n\n"
                             "### 09:40 - Investigation\n\nLogs read.\n\n"
                             "### 10:25 - Fix deployed\n\n"
                             "Launches are back to normal.\n\n## Lessons\n"),
                 75);
}

Test(dates, an_ambiguous_order_follows_the_file_names_date) {
    hs_postmortem *pm =
        parse_at("# T\n\nDate: 04/03/2026\n", "pm/2026-03-04-queue.md");
    cr_expect_str_eq(pm->date, "2026-03-04", "day first, as the name says");
    hs_postmortem_free(pm);
    pm = parse_at("# T\n\nDate: 04/03/2026\n", "pm/queue.md");
    cr_expect_str_eq(pm->date, "2026-04-03", "no name date: month first");
    hs_postmortem_free(pm);
}

Test(root_cause, unknown_of_something_else_is_not_an_unknown_cause) {
    /* "not identified" of pods, and "Unknown" as a quoted state name, do
     * not say the cause is unknown */
    hs_postmortem *pm = parse_at(
        "# T\n\n## Timeline\n\n- 10:00 New pods fail because the volume is "
        "still claimed by a lost pod\n- 10:20 Cleanup because many pods are "
        "not identified by the scheduler.\n- 10:30 We think the reason the "
        "pod shows as \"Unknown\" is because its node is gone\n",
        NULL);
    cr_assert_not_null(pm->root_cause);
    cr_expect(strstr(pm->root_cause, "volume is still claimed") != NULL);
    hs_postmortem_free(pm);
    pm = parse_at("# T\n\n## Summary\n\nThe queue stalled. It is unclear why "
                  "the workers stopped, because the logs were lost.\n",
                  NULL);
    cr_expect_null(pm->root_cause);
    hs_postmortem_free(pm);
}

Test(duration, phase_with_its_own_window_inside_a_stated_window) {
    static const char fm[] = "---\nstart_time: 2024-05-02T09:10:00Z\n"
                             "end_time: 2024-05-02T09:40:00Z\n---\n\n";
    char md[512];
    hs_postmortem *pm;
    snprintf(md, sizeof(md),
             "%sBetween 09:10 and 09:40 UTC the shop saw intermittent "
             "errors, ending in a 5-minute outage from 09:35 to 09:40 UTC.\n",
             fm);
    pm = parse_at(md, NULL);
    cr_expect_eq(pm->duration_minutes, 30);
    hs_postmortem_free(pm);
    /* a total over the window is the impact's length */
    snprintf(md, sizeof(md),
             "%sThe shop had 12 minutes of downtime over a 30-minute "
             "period, from 09:10 to 09:40 UTC.\n",
             fm);
    pm = parse_at(md, NULL);
    cr_expect_eq(pm->duration_minutes, 12);
    hs_postmortem_free(pm);
}

/* An action section that says there is nothing to do has no action item,
 * written as a paragraph, a list item or a table row; a real item that
 * starts with "No" stays one. */
Test(actions, a_statement_of_none_is_no_item) {
    static const char *const bodies[] = {
        "None.\n",
        "N/A\n",
        "- None\n",
        "No action items at this time.\n",
        "None identified.\n",
        "Nothing further; the fix is deployed.\n",
        "| Action | Owner |\n|---|---|\n| N/A | |\n",
        NULL};
    hs_postmortem *pm;
    for (size_t i = 0; bodies[i]; i++) {
        char md[512];
        snprintf(md, sizeof(md), "# T\n\n## Action items\n\n%s", bodies[i]);
        pm = parse_at(md, NULL);
        cr_expect_eq(pm->n_actions, 0, "%s", bodies[i]);
        hs_postmortem_free(pm);
    }
    pm = parse_at("# T\n\n## Action items\n\n- No longer page on warnings; "
                  "route them to the team channel\n",
                  NULL);
    cr_expect_eq(pm->n_actions, 1);
    hs_postmortem_free(pm);
}

/* A date the text gives for an earlier occurrence ("Last week
 * (2024-02-26) ...", "similar to the incident of 2024-01-10") is not the
 * incident's when the same text gives another; alone, it still is. */
Test(date, another_occurrence_s_date_yields) {
    hs_postmortem *pm =
        parse_at("# Outage\n\nLast week (2024-02-26) we had a smaller blip. "
                 "On 2024-03-05 the API failed.\n",
                 NULL);
    cr_expect_str_eq(pm->date, "2024-03-05");
    hs_postmortem_free(pm);
    pm = parse_at("# Outage\n\n## Summary\n\nThis was similar to the "
                  "incident of 2024-01-10. On 2024-03-05 the API failed.\n",
                  NULL);
    cr_expect_str_eq(pm->date, "2024-03-05");
    hs_postmortem_free(pm);
    pm = parse_at("# Outage\n\n## Summary\n\nThe previous deploy, on "
                  "2024-01-10, set it up.\n",
                  NULL);
    cr_expect_str_eq(pm->date, "2024-01-10");
    hs_postmortem_free(pm);
}

/* "~13:42", "approx. 13:50", "roughly 13:55" (the hedges of a clock
 * range) and "13h42" open timeline entries as "13:42" does, in paragraphs
 * as in lists and tables; "2h30 of downtime" is a length, and a day label in
 * italics
 * ("-4/25/23_") is no entry. */
Test(timeline, hedged_and_h_separated_times) {
    hs_postmortem *pm =
        parse_at("# T\n\n## Timeline\n\n~13:42 - errors start\n\n"
                 "approx. 13:50 - rollback\n\nroughly 13:55 - paged\n\n"
                 "~14:05 - errors stop\n",
                 NULL);
    cr_assert_eq(pm->n_timeline, 4);
    cr_expect_str_eq(pm->timeline[1].event, "rollback");
    hs_postmortem_free(pm);
    pm = parse_at("# T\n\n## Timeline\n\n13h42 - errors start\n\n"
                  "13h50 - rollback\n\n14h05 - errors stop\n",
                  NULL);
    cr_assert_eq(pm->n_timeline, 3);
    cr_expect_str_eq(pm->timeline[0].time, "13:42");
    hs_postmortem_free(pm);
    /* a table's cell is read as a line's time is: "27h15" is no time */
    pm = parse_at("# T\n\n## Timeline\n\n| Time | Event |\n|---|---|\n"
                  "| 13h42 | errors start |\n| 27h15 | rollback |\n",
                  NULL);
    cr_assert_eq(pm->n_timeline, 2);
    cr_expect_str_eq(pm->timeline[0].time, "13:42");
    cr_expect_str_eq(pm->timeline[1].time, "27h15");
    hs_postmortem_free(pm);
    pm = parse_at("# T\n\n## Timeline\n\n_4/24/23_\n\n9:00 AM: wiped\n\n"
                  "-4/25/23_\n\n9:41 AM: scanned\n\n10:02 AM: closed\n",
                  NULL);
    cr_expect_eq(pm->n_timeline, 3);
    hs_postmortem_free(pm);
}

/* A severity denied in prose ("not a SEV1") is none, and a change of
 * level on the same line gives the level it went to; a level named later
 * in another paragraph does not replace the first. A change is read as in
 * a severity field (is_changed_to). */
Test(severity, denied_and_changed_levels_in_prose) {
    static const struct {
        const char *summary;
        int want;
    } cases[] = {
        {"This was not a SEV1, but we treated it as a SEV2.", 2},
        {"Initially declared SEV3, later raised to SEV1.", 1},
        {"Severity was downgraded from SEV1 to SEV2 after triage.", 2},
        {"Declared SEV2.\n\nNext time, escalate to SEV1 sooner.", 2},
        {"It was not a SEV1.", 0},
        /* a change is read as in a severity field: an arrow, or a verb
         * of change before "to"; a bare "to" is none */
        {"Declared SEV2 -> SEV1 after the outage spread.", 1},
        {"Declared SEV3, then moved it to SEV1.", 1},
        {"Declared SEV2 due to a SEV1 customer's outage.", 2},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char md[512];
        hs_postmortem *pm;
        snprintf(md, sizeof(md), "# T\n\n## Summary\n\n%s\n", cases[i].summary);
        pm = parse_at(md, NULL);
        cr_expect_eq(pm->severity, cases[i].want, "%s", cases[i].summary);
        hs_postmortem_free(pm);
    }
}

/* A severity field that records a change gives the level it ended at;
 * a note of the earlier level after the final one changes nothing. */
Test(severity, a_field_s_change_of_level) {
    static const struct {
        const char *value;
        int want;
    } cases[] = {
        {"SEV3 (upgraded to SEV1)", 1}, {"SEV2 -> SEV1", 1},
        {"Sev2 \xe2\x86\x92 Sev1", 1},  {"from SEV1 to SEV2", 2},
        {"SEV1 (initially SEV3)", 1},   {"High (from reports to support)", 2},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char md[256];
        hs_postmortem *pm;
        snprintf(md, sizeof(md),
                 "# T\n\nSeverity: %s\n\n## Summary\n\nIt "
                 "failed.\n",
                 cases[i].value);
        pm = parse_at(md, NULL);
        cr_expect_eq(pm->severity, cases[i].want, "%s", cases[i].value);
        hs_postmortem_free(pm);
    }
}

/* A timeline that names the end of the impact ("impact ends", "full
 * recovery") closes the window there, as "service restored" does. */
Test(duration, timeline_named_impact_end) {
    hs_postmortem *pm =
        parse_at("# T\n\n## Timeline\n\n- 13:05 impact begins\n"
                 "- 13:50 impact ends\n- 15:00 postmortem scheduled\n",
                 NULL);
    cr_expect_eq(pm->duration_minutes, 45);
    hs_postmortem_free(pm);
    pm = parse_at("# T\n\n## Timeline\n\n- 13:05 outage starts\n"
                  "- 13:30 partial recovery\n- 14:10 full recovery\n",
                  NULL);
    cr_expect_eq(pm->duration_minutes, 65);
    hs_postmortem_free(pm);
}

/* A status after the colon may say when or where (": shipped in v1.2",
 * ": planned for Q3"); a colon's words that only start with a status
 * word ("open questions for Q3") are the item's text. */
Test(actions, a_status_with_when_or_where) {
    hs_postmortem *pm =
        parse_at("# T\n\n## Action items\n\n- Add canary: shipped in v1.2\n"
                 "- Alert on saturation: planned for Q3\n"
                 "- Review alerts: open questions for Q3\n",
                 NULL);
    cr_assert_eq(pm->n_actions, 3);
    cr_expect_str_eq(pm->actions[0].action, "Add canary");
    cr_expect_eq(pm->actions[0].status, HS_STATUS_DONE);
    cr_expect_str_eq(pm->actions[1].action, "Alert on saturation");
    cr_expect_eq(pm->actions[1].status, HS_STATUS_NOT_STARTED);
    cr_expect_eq(pm->actions[2].status, HS_STATUS_UNKNOWN);
    hs_postmortem_free(pm);
}

/* "owned by SRE" after the work, and a mention before it ("@maria Add
 * canary"), name the item's owner; a mention inside the text does not. */
Test(actions, owned_by_and_a_leading_mention) {
    hs_postmortem *pm =
        parse_at("# T\n\n## Action items\n\n- Rewrite pool - owned by SRE\n"
                 "- [ ] @maria Add canary\n- Ask @li about the alert rules\n",
                 NULL);
    cr_assert_eq(pm->n_actions, 3);
    cr_expect_str_eq(pm->actions[0].action, "Rewrite pool");
    cr_expect_str_eq(pm->actions[0].owner, "SRE");
    cr_expect_str_eq(pm->actions[1].owner, "maria");
    cr_expect_null(pm->actions[2].owner);
    hs_postmortem_free(pm);
}

/* Work an item says was done in the incident itself ("(done during the
 * incident)", "- completed during the outage", "(during the incident)")
 * is no follow-up, in a list, a table or the front matter; work that
 * mentions the incident ("document the steps taken during the incident")
 * still is. The status group was read as "done" and the item kept. */
Test(actions, work_done_during_the_incident_is_no_item) {
    hs_postmortem *pm = parse_at(
        "---\nactions:\n  - action: Paged the DBA (done during incident)\n"
        "  - action: Add pool alert\n---\n# T\n\n## Action items\n\n"
        "- Restarted the pool on all nodes (done during the incident)\n"
        "- Rolled back 4.2 - completed during the outage\n"
        "- Failed over to the replica (during the incident)\n"
        "- Document the steps taken during the incident\n"
        "- [ ] Add an alert on saturation (owner: @maria)\n\n"
        "| Action | Status |\n|---|---|\n"
        "| Drained node 3 | Done during the incident |\n"
        "| Raise pool size | Open |\n",
        NULL);
    cr_assert_eq(pm->n_actions, 4);
    cr_expect_str_eq(pm->actions[0].action, "Add pool alert");
    cr_expect_str_eq(pm->actions[1].action,
                     "Document the steps taken during the incident");
    cr_expect_str_eq(pm->actions[2].action, "Add an alert on saturation");
    cr_expect_str_eq(pm->actions[3].action, "Raise pool size");
    hs_postmortem_free(pm);
}

/* "stopped" says the impact when work stopped ("workers stopped
 * processing events") and the recovery when trouble did ("errors stopped",
 * "the pods stopped crashing"), in a timeline and in prose; "failed from
 * 13:10" states a start. Before, the first gave no start, prose "errors
 * stopped at 13:41" no end, and "from" no clock. */
Test(duration, what_stopped_says_start_or_end) {
    static const struct {
        const char *body;
        int minutes;
    } cases[] = {
        {"## Timeline\n\n- 09:00 Ingest workers stopped processing events\n"
         "- 09:30 Workers restarted\n- 09:45 Backlog drained, processing "
         "back to normal\n",
         45},
        {"## Timeline\n\n- 11:00 Checkout pods crash-looping, errors for "
         "users\n- 11:20 Rolled back\n- 11:26 The pods stopped crashing\n",
         26},
        {"## Summary\n\nCheckout requests failed from 13:10. Errors "
         "stopped at 13:41 once the rollback finished.\n",
         31},
        {"## Summary\n\nThe billing service stopped at 10:05 after a bad "
         "push. It was restored at 10:50.\n",
         45},
        {"## Summary\n\nErrors stopped at 13:41 and the service was "
         "restored at 13:50.\n",
         -1},
        {NULL, 0}};
    for (size_t i = 0; cases[i].body; i++) {
        char md[512];
        hs_postmortem *pm;
        snprintf(md, sizeof(md), "# T\n\nDate: 2026-03-04\n\n%s",
                 cases[i].body);
        pm = parse_at(md, NULL);
        cr_expect_eq(pm->duration_minutes, cases[i].minutes, "%s: %d",
                     cases[i].body, pm->duration_minutes);
        hs_postmortem_free(pm);
    }
}

/* a field set off by a dash from a key the names table knows */
Test(fields, a_key_set_off_by_a_dash) {
    hs_postmortem *pm = parse_at("# T\n\nDate: 2026-03-04\nIncident level: L2\n"
                                 "Duration of impact — 1 hour 15 minutes\n",
                                 NULL);
    cr_expect_eq(pm->severity, 2);
    cr_expect_eq(pm->duration_minutes, 75);
    hs_postmortem_free(pm);
    pm = parse_at("# T\n\n- Date — 2026-03-04\n- Severity – High\n"
                  "- Duration - 1h 10m\n\n## What happened\n\nIt broke.\n",
                  NULL);
    cr_expect_str_eq(pm->date, "2026-03-04");
    cr_expect_eq(pm->severity, 2);
    cr_expect_eq(pm->duration_minutes, 70);
    hs_postmortem_free(pm);
    pm = parse_at("# T\n\n**Severity** — P2  \n**Time to recover** - 40 "
                  "minutes\n",
                  NULL);
    cr_expect_eq(pm->severity, 2);
    cr_expect_eq(pm->duration_minutes, 40);
    hs_postmortem_free(pm);
}

/* a status page's updates are no fields, though "Resolved" names one */
Test(fields, a_status_page_update_is_no_dash_field) {
    hs_postmortem *pm =
        parse_at("# T\n\n**Resolved** — The incident is resolved now.\n\n"
                 "**Monitoring** — Error rates are back to normal and we watch "
                 "them.\n",
                 NULL);
    cr_assert_not_null(pm->summary);
    cr_expect(!strncmp(pm->summary, "Resolved", 8), "summary: %s", pm->summary);
    hs_postmortem_free(pm);
}

/* a start's clock right after its cue, with the recovery's "at" later in
 * the sentence; a window written with an arrow */
Test(duration, a_start_clock_right_after_its_cue) {
    hs_postmortem *pm =
        parse_at("# T\n\nDate: 2026-03-04\n\nImpact started 14:05 UTC; full "
                 "recovery at 15:20 UTC.\n",
                 NULL);
    cr_expect_eq(pm->duration_minutes, 75);
    hs_postmortem_free(pm);
    pm = parse_at("# T\n\nDate: 2026-03-04\n\nErrors began 14:05 UTC and "
                  "were resolved by 15:20 UTC.\n",
                  NULL);
    cr_expect_eq(pm->duration_minutes, 75);
    hs_postmortem_free(pm);
    pm = parse_at("# T\n\nImpact window: 14:05 \xe2\x86\x92 15:20 UTC\n", NULL);
    cr_expect_eq(pm->duration_minutes, 75);
    hs_postmortem_free(pm);
}

/* "Failure mode(s)": how it broke, a section of causes */
Test(root_cause, a_failure_mode_section) {
    hs_postmortem *pm = parse_at("# T\n\n## Failure modes\n\nThe cache "
                                 "stampede overloaded the database.\n",
                                 NULL);
    cr_assert_not_null(pm->root_cause);
    cr_expect_str_eq(pm->root_cause,
                     "The cache stampede overloaded the database.");
    hs_postmortem_free(pm);
}

/* a timeline by the incident's days counted: "Day 2 10:10", "D+1 10:10" */
Test(timeline, days_counted_before_the_time) {
    hs_postmortem *pm =
        parse_at("# T\n\n## Timeline\n\nDay 1 09:00 - errors begin for users\n"
                 "Day 1: 09:45 - rollback\nDay 2 10:10 - service recovered\n\n"
                 "## Other\n\nThe day 3 review.\n",
                 NULL);
    cr_assert_eq(pm->n_timeline, 3);
    cr_expect_str_eq(pm->timeline[2].time, "Day 2 10:10");
    cr_expect_str_eq(pm->timeline[2].event, "service recovered");
    cr_expect_eq(pm->duration_minutes, 25 * 60 + 10);
    hs_postmortem_free(pm);
    pm = parse_at("# T\n\n## Timeline\n\n- D+0 23:30 errors begin\n"
                  "- D+1 00:40 service recovered\n",
                  NULL);
    cr_assert_eq(pm->n_timeline, 2);
    cr_expect_str_eq(pm->timeline[0].time, "D+0 23:30");
    cr_expect_eq(pm->duration_minutes, 70);
    hs_postmortem_free(pm);
}

/* times written with an h open a timeline's lines: entries, never a
 * length of 13 hours 42 minutes read from the line as prose */
Test(timeline, times_written_with_an_h) {
    hs_postmortem *pm = parse_at(
        "# T\n\nDate: 2026-03-04\n\n## Timeline\n\n- 13h42 errors begin "
        "for users\n- 13h50 rollback\n- 14h10 service recovered\n",
        NULL);
    cr_assert_eq(pm->n_timeline, 3);
    cr_expect_eq(pm->duration_minutes, 28);
    hs_postmortem_free(pm);
    pm = parse_at("# T\n\n## Timeline\n\n- 9h30 errors begin for users\n"
                  "- 9h45 rollback\n- 10h10 service recovered\n",
                  NULL);
    cr_assert_eq(pm->n_timeline, 3);
    cr_expect_str_eq(pm->timeline[0].time, "9:30");
    cr_expect_eq(pm->duration_minutes, 40);
    hs_postmortem_free(pm);
    pm = parse_at("# T\n\n## Timeline\n\n0930h errors begin for users\n"
                  "0945 hrs rollback\n1010h service recovered\n",
                  NULL);
    cr_assert_eq(pm->n_timeline, 3);
    cr_expect_str_eq(pm->timeline[1].time, "09:45");
    cr_expect_str_eq(pm->timeline[1].event, "rollback");
    cr_expect_eq(pm->duration_minutes, 40);
    hs_postmortem_free(pm);
    /* a length in prose stays one */
    pm = parse_at("# T\n\n## Summary\n\nCheckout was down for 2h30 after a "
                  "bad deploy.\n",
                  NULL);
    cr_expect_eq(pm->duration_minutes, 150);
    hs_postmortem_free(pm);
}

/* a window in words for a field's value; first impact to full recovery;
 * a total time */
Test(duration, windows_and_totals_named_in_fields) {
    hs_postmortem *pm = parse_at("# T\n\nDate: 2026-03-04\n"
                                 "Affected period: 14:05 to 15:20 UTC\n",
                                 NULL);
    cr_expect_eq(pm->duration_minutes, 75);
    hs_postmortem_free(pm);
    pm = parse_at("# T\n\n**Duration:** 21:45 to 23:28 UTC (103 minutes)\n",
                  NULL);
    cr_expect_eq(pm->duration_minutes, 103);
    hs_postmortem_free(pm);
    pm = parse_at("# T\n\nDate: 2026-03-04\nFirst impact: 14:05 UTC\n"
                  "Full recovery: 15:20 UTC\n",
                  NULL);
    cr_expect_eq(pm->duration_minutes, 75);
    hs_postmortem_free(pm);
    pm = parse_at("# T\n\nDate: 2026-03-04\nTotal time: 1h15m\n", NULL);
    cr_expect_eq(pm->duration_minutes, 75);
    hs_postmortem_free(pm);
}

/* a title's day without its year, in the year of the review's date */
Test(date, a_title_day_in_the_year_of_a_later_date) {
    hs_postmortem *pm = parse_at("# Checkout outage on 4 March\n\nReview "
                                 "held: 11 March 2026\n\n## Summary\n\nThe "
                                 "checkout service failed for EU shoppers.\n",
                                 NULL);
    cr_expect_str_eq(pm->date, "2026-03-04");
    hs_postmortem_free(pm);
    /* reviewed in the new year: the day is in the year before */
    pm = parse_at("# Dec 28th: DNS failure\n\nReview held: 2027-01-06\n\n"
                  "## Summary\n\nNames did not resolve for two hours.\n",
                  NULL);
    cr_expect_str_eq(pm->date, "2026-12-28");
    hs_postmortem_free(pm);
}

/* a table's day and clock in two columns; a clock after an ISO date's T */
Test(timeline, a_day_column_and_a_clock_column) {
    hs_postmortem *pm = parse_at(
        "# T\n\n## Timeline\n\n| Date | Time (UTC) | Event |\n|---|---|---|\n"
        "| 2026-03-04 | 23:30 | errors begin for users |\n"
        "|  | 23:45 | rollback |\n"
        "| 2026-03-05 | 00:10 | service recovered |\n",
        NULL);
    cr_assert_eq(pm->n_timeline, 3);
    cr_expect_str_eq(pm->timeline[0].time, "2026-03-04 23:30");
    cr_expect_str_eq(pm->timeline[1].time, "23:45");
    cr_expect_eq(pm->duration_minutes, 40);
    hs_postmortem_free(pm);
    pm = parse_at("# T\n\n## Timeline\n\n- 2026-03-04T09:30Z errors begin "
                  "for users\n- 2026-03-04T09:45Z rollback\n"
                  "- 2026-03-04T10:10Z service recovered\n",
                  NULL);
    cr_assert_eq(pm->n_timeline, 3);
    cr_expect_eq(pm->duration_minutes, 40);
    hs_postmortem_free(pm);
}

/* a byline that names the outage's day beside the day it was written */
Test(date, a_byline_naming_the_outage_day) {
    hs_postmortem *pm =
        parse_at("# Checkout outage\n\n_Written 2026-03-10 about the outage "
                 "of 2026-03-04_\n\n## Summary\n\nThe checkout service "
                 "failed for shoppers in the EU region.\n",
                 NULL);
    cr_expect_str_eq(pm->date, "2026-03-04");
    hs_postmortem_free(pm);
}
