/*
 * Rules found with the seventh batch of house styles (tests/fixtures/styles,
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

static int severity_of(const char *md) {
    hs_postmortem *pm = parse_at(md, NULL);
    int s = pm->severity;
    hs_postmortem_free(pm);
    return s;
}

static size_t actions_of(const char *md) {
    hs_postmortem *pm = parse_at(md, NULL);
    size_t n = pm->n_actions;
    hs_postmortem_free(pm);
    return n;
}

static int has_cause(const char *md) {
    hs_postmortem *pm = parse_at(md, NULL);
    int yes = pm->root_cause && *pm->root_cause;
    hs_postmortem_free(pm);
    return yes;
}

static void expect_date(const char *md, const char *want) {
    hs_postmortem *pm = parse_at(md, NULL);
    cr_expect_str_eq(pm->date, want);
    hs_postmortem_free(pm);
}

Test(names, closing_prose_under_an_action_name_is_no_item) {
    /* a closing reflection is no item ... */
    cr_expect_eq(actions_of("# T\n\n## Where we go from here\n\nWe should "
                            "treat dashboards as a production service, or "
                            "they break silently.\n"),
                 0);
    /* ... unless it commits to work */
    cr_expect_eq(actions_of("# T\n\n## Where we go from here\n\nWe will "
                            "page on query errors of the metrics store.\n"),
                 1);
}

Test(names, countermeasures_and_where_we_go_from_here) {
    cr_expect_eq(actions_of("# T\n\n## Countermeasures\n\n1. Alert on batch "
                            "memory\n2. Stream the export\n"),
                 2);
    cr_expect_eq(actions_of("# T\n\n**Where we go from here**\n\n- Expire "
                            "paused jobs after a day\n"),
                 1);
}

Test(names, a_long_question_in_bold_is_a_heading) {
    cr_expect_eq(actions_of("# T\n\n**What are we doing so it doesn't happen "
                            "again?**\n1. Pin the cost factor\n2. Canary "
                            "auth releases\n"),
                 2);
}

Test(names, reason_for_and_root_of_name_the_cause) {
    cr_expect(has_cause("# T\n\n## Reason for disruption\n\nThe signing "
                        "certificate expired.\n"));
    cr_expect(has_cause("# T\n\n## Root of the problem\n\nA routing rule was "
                        "removed.\n"));
    cr_expect(has_cause("# T\n\nWhat: payroll file not picked up\nWhy: the "
                        "host key changed\n"));
}

Test(parse, a_line_in_capitals_is_a_heading_when_named) {
    const char *md = "# Outage notice\n\nStatus: Closed\n\nCAUSE\n\nA "
                     "contractor cut the fibre.\n\nFURTHER MEASURES\n\n- Keep "
                     "one route in service during works\n- Share cable "
                     "records with the city\n";
    hs_postmortem *pm = parse_at(md, NULL);
    cr_expect(pm->root_cause && strstr(pm->root_cause, "contractor"));
    cr_expect_eq(pm->n_actions, 2);
    hs_postmortem_free(pm);
    /* a shouted sentence names nothing: no section */
    cr_expect_eq(actions_of("# T\n\nDO NOT RESTART THE BROKER\n\n- step "
                            "one\n"),
                 0);
}

Test(placeholders, a_template_slot_is_no_severity_nor_item) {
    const char *md = "# T\n\n| Field | Value |\n|---|---|\n| Date | "
                     "2024-09-03 |\n| Severity | `<SEV1 / SEV2 / SEV3>` "
                     "|\n\n## Action items\n\n| Action | Owner |\n|---|---|\n"
                     "| `<what will be done>` | `<who>` |\n| Cap the batch "
                     "size | Ayo |\n";
    hs_postmortem *pm = parse_at(md, NULL);
    cr_expect_eq(pm->severity, 0);
    cr_assert_eq(pm->n_actions, 1);
    cr_expect_str_eq(pm->actions[0].owner, "Ayo");
    hs_postmortem_free(pm);
    /* an autolink in brackets is a value, and so is an HTML tag */
    cr_expect_eq(actions_of("# T\n\n## Action items\n\n- "
                            "<https://example.com/issues/7>\n"),
                 1);
    cr_expect_eq(actions_of("# T\n\n## Action items\n\n| Action | Owner "
                            "|\n|---|---|\n| <img src=x onerror=alert(2)> | "
                            "Sam |\n"),
                 1);
}

Test(owners, a_lists_trailing_parentheses_name_owners) {
    const char *md = "# T\n\n## Azioni correttive\n\n- [ ] Route reports to "
                     "the replica (Giulia)\n- [x] Add a slow-query budget "
                     "(Davide)\n- [ ] Load-test new endpoints (billing "
                     "on-call).\n";
    hs_postmortem *pm = parse_at(md, NULL);
    cr_assert_eq(pm->n_actions, 3);
    cr_expect_str_eq(pm->actions[0].owner, "Giulia");
    cr_expect_str_eq(pm->actions[0].action, "Route reports to the replica");
    cr_expect_str_eq(pm->actions[2].owner, "billing on-call");
    hs_postmortem_free(pm);
    /* a priority, a term or an acronym in parentheses is no owner */
    md = "# T\n\n## Action items\n\n- Add alerting (High)\n- Shard the "
         "cache (long term)\n- Cache lookups (DNS)\n- Retry writes "
         "(optional)\n";
    pm = parse_at(md, NULL);
    cr_assert_eq(pm->n_actions, 4);
    for (size_t i = 0; i < pm->n_actions; i++)
        cr_expect_null(pm->actions[i].owner, "item %zu", i);
    hs_postmortem_free(pm);
    /* one item alone sets no convention */
    md = "# T\n\n## Action items\n\n- Upgrade the client (Redis)\n- Add a "
         "dashboard\n- Page on errors\n";
    pm = parse_at(md, NULL);
    cr_expect_null(pm->actions[0].owner);
    hs_postmortem_free(pm);
}

Test(severity, portuguese_italian_and_dutch_keys_and_scales) {
    cr_expect_eq(severity_of("# T\n\n**Gravidade:** Alta\n"), 2);
    cr_expect_eq(severity_of("# T\n\n**Gravit\xc3\xa0:** Media\n"), 3);
    cr_expect_eq(severity_of("# T\n\n- **Prioriteit:** P1\n"), 1);
    cr_expect_eq(severity_of("# T\n\nSeverity: Baixa\n"), 4);
}

Test(status, portuguese_and_italian_words) {
    hs_postmortem *pm =
        parse_at("# T\n\n## Pr\xc3\xb3ximos passos\n\n| A\xc3\xa7\xc3\xa3o | "
                 "Respons\xc3\xa1vel | Status |\n|---|---|---|\n| Size the "
                 "pool | Pagamentos | Em andamento |\n| Warn on-call | Ops | "
                 "Conclu\xc3\xad"
                 "do |\n| Refund duplicates | Pagamentos | Pendente |\n",
                 NULL);
    cr_assert_eq(pm->n_actions, 3);
    cr_expect_eq(pm->actions[0].status, HS_STATUS_IN_PROGRESS);
    cr_expect_eq(pm->actions[1].status, HS_STATUS_DONE);
    cr_expect_eq(pm->actions[2].status, HS_STATUS_NOT_STARTED);
    cr_expect_str_eq(pm->actions[0].owner, "Pagamentos");
    hs_postmortem_free(pm);
}

Test(date, a_byline_after_a_lead_word_is_the_write_ups_day) {
    expect_date("# T\n\n**Postmortem** \xe2\x80\x94 posted Sep 5, 2024\n\nOn "
                "September 3rd, 2024, uploads failed for roughly 40 min.\n",
                "2024-09-03");
    /* with no other day, the byline's is the best there is */
    expect_date("# T\n\n*Posted by the Live Ops team \xc2\xb7 Fri, Sep 13, "
                "2024*\n\nRanked queue was down on launch night.\n",
                "2024-09-13");
}

Test(date, slashed_dates_day_first_in_a_european_document) {
    expect_date("# T\n\n**Data:** 03/09/2024\n**Dura\xc3\xa7\xc3\xa3o:** "
                "2h\n\n## Resumo\n\nPix timed out.\n",
                "2024-09-03");
    expect_date("# T\n\nDate: 03/09/2024\n\nLogins failed from 09:10 to "
                "10:30 CEST.\n",
                "2024-09-03");
    /* without either, month first as before */
    expect_date("# T\n\nDate: 03/09/2024\n\n## Summary\n\nLogins failed.\n",
                "2024-03-09");
}

Test(date, a_mails_date_is_not_the_incidents) {
    const char *md = "# Re: payroll drop failing\n\nFrom: Ines\nTo: leads\n"
                     "Date: Wed, 4 Sep 2024 09:14 +0100\nSubject: Re: "
                     "payroll\n\nWhat: the file was not picked up.\nWhen: "
                     "Tue 3 Sep, 16:05\xe2\x80\x93"
                     "17:50 BST (1h45m)\n";
    hs_postmortem *pm = parse_at(md, NULL);
    cr_expect_str_eq(pm->date, "2024-09-03");
    cr_expect_eq(pm->duration_minutes, 105);
    hs_postmortem_free(pm);
}

Test(duration, a_window_between_days_without_a_year) {
    cr_expect_eq(minutes_of("# T\n\n### What users saw\n\nImports were stuck "
                            "from Friday 6 Sept 18:30 until Monday 9 Sept "
                            "07:15, when the queue was looked at.\n"),
                 3645);
    /* across the new year */
    cr_expect_eq(minutes_of("# T\n\n## Impact\n\nSearch was down from 31 Dec "
                            "23:00 to 1 Jan 01:00.\n"),
                 120);
}

Test(duration, a_bound_in_the_summary_is_none_whatever_the_body_says) {
    cr_expect_eq(minutes_of("# T\n\n## Overview\n\nDashboards showed no data "
                            "for over 3 hours.\n\n## Steps taken during the "
                            "incident\n\n1. Restarted the frontends, which "
                            "helped for about ten minutes.\n"),
                 -1);
}

Test(duration, a_start_and_end_in_prose_with_more_cues) {
    cr_expect_eq(minutes_of("# T\n\n## What happened\n\nThe export failed at "
                            "01:15. Partner files were unavailable until "
                            "03:05, after a re-run.\n"),
                 110);
    cr_expect_eq(minutes_of("# T\n\nOrders stopped flowing to the handhelds "
                            "at 10:52 PM. The broker was full.\n\nOrders "
                            "flowed again at 1:30 AM.\n"),
                 158);
}

Test(status, to_be_done_and_now_does) {
    hs_postmortem *pm =
        parse_at("# T\n\n## Recommendations\n\n1. Certificate expiry dates to "
                 "be added to the dashboard.\n2. The launch checklist now "
                 "includes a dry run.\n3. The old path is now gone.\n",
                 NULL);
    cr_assert_eq(pm->n_actions, 3);
    cr_expect_eq(pm->actions[0].status, HS_STATUS_NOT_STARTED);
    cr_expect_eq(pm->actions[1].status, HS_STATUS_DONE);
    /* "now" before a word that is no verb says nothing */
    cr_expect_eq(pm->actions[2].status, HS_STATUS_UNKNOWN);
    hs_postmortem_free(pm);
}
