/*
 * Rules found with the tenth batch of house styles (tests/fixtures/styles
 * b10-*, labelled before any rule was written for them): one test per rule
 * on a small invented snippet. The whole styles are scored by `make eval`.
 */
#include <criterion/criterion.h>

#include <stdlib.h>
#include <string.h>

#include "helpers.h" /* parse_at */
#include "hindsight.h"

Test(actions, swedish_names_columns_and_statuses) {
    hs_postmortem *pm =
        parse_at("# T\n\n## Grundorsak\n\nEn disk blev full.\n\n## "
                 "Åtgärder\n\n| Åtgärd | Ansvarig | Klart senast | Status "
                 "|\n|---|---|---|---|\n| Rensa gamla loggar | Drift | "
                 "2025-03-01 | Pågår |\n| Larm vid 80 % | Kim Ek | 2025-02-20 "
                 "| Klar |\n| Skriv en rutin | Ola Berg | 2025-04-01 | Ej "
                 "påbörjad |\n",
                 NULL);
    cr_expect_not_null(pm->root_cause);
    cr_assert_eq(pm->n_actions, 3);
    cr_expect_str_eq(pm->actions[0].owner, "Drift");
    cr_expect_eq(pm->actions[0].status, HS_STATUS_IN_PROGRESS);
    cr_expect_eq(pm->actions[1].status, HS_STATUS_DONE);
    cr_expect_eq(pm->actions[2].status, HS_STATUS_NOT_STARTED);
    cr_expect_str_eq(pm->actions[2].due, "2025-04-01");
    hs_postmortem_free(pm);
}

Test(actions, safety_actions_already_taken_are_no_items) {
    hs_postmortem *pm =
        parse_at("# T\n\n## 2. Causal factors\n\nA failover left the console "
                 "on the replica.\n\n## 3. Safety actions already taken\n\n1. "
                 "The console was repointed by hand.\n\n## 4. Safety "
                 "recommendations\n\nSR-1. The vendor should follow failover. "
                 "Action owner: Vendor management.\n",
                 NULL);
    cr_expect_not_null(pm->root_cause);
    cr_assert_eq(pm->n_actions, 1);
    cr_expect_str_eq(pm->actions[0].owner, "Vendor management");
    hs_postmortem_free(pm);
}

Test(actions, a_board_with_status_columns_as_headings) {
    hs_postmortem *pm =
        parse_at("# T\n\n## Follow-up board\n\n### Done\n\n#### Lower the "
                 "lease timeout\n\nOwner: Priya\n\n### In progress\n\n#### "
                 "Page on-call when the run is late\n\nOwner: Mateo\n\n### To "
                 "do\n\n#### Document the drain procedure\n\n#### Rehearse "
                 "a drain\n\nOwner: SRE team\n",
                 NULL);
    cr_assert_eq(pm->n_actions, 4);
    cr_expect_str_eq(pm->actions[0].action, "Lower the lease timeout");
    cr_expect_eq(pm->actions[0].status, HS_STATUS_DONE);
    cr_expect_str_eq(pm->actions[0].owner, "Priya");
    cr_expect_eq(pm->actions[1].status, HS_STATUS_IN_PROGRESS);
    cr_expect_eq(pm->actions[2].status, HS_STATUS_NOT_STARTED);
    cr_expect_eq(pm->actions[3].status, HS_STATUS_NOT_STARTED);
    cr_expect_str_eq(pm->actions[3].owner, "SRE team");
    hs_postmortem_free(pm);
}

Test(actions, an_item_carried_by_a_labelled_heading) {
    hs_postmortem *pm =
        parse_at("# T\n\n## Lessons\n\n- Scripts need a dry run.\n\n### "
                 "Follow-up: make the deploy script require an env flag\n\n"
                 "Owner: Gus Mbeki. Not started.\n",
                 NULL);
    cr_assert_eq(pm->n_actions, 1);
    cr_expect_str_eq(pm->actions[0].action,
                     "make the deploy script require an env flag");
    cr_expect_str_eq(pm->actions[0].owner, "Gus Mbeki");
    cr_expect_eq(pm->actions[0].status, HS_STATUS_NOT_STARTED);
    hs_postmortem_free(pm);
}

Test(actions, an_owner_with_its_status_after_a_dash) {
    hs_postmortem *pm =
        parse_at("# T\n\n## Follow-ups\n\n### 1. Pin the library\n\nOwner: "
                 "Nadia Ferreira \xe2\x80\x94 done 2025-08-06.\n\n### 2. Run "
                 "the smoke test\n\nOwner: Build team - open.\n\n### 3. Tell "
                 "the partners\n\nOwner: Platform - EU.\n",
                 NULL);
    cr_assert_eq(pm->n_actions, 3);
    cr_expect_str_eq(pm->actions[0].owner, "Nadia Ferreira");
    cr_expect_eq(pm->actions[0].status, HS_STATUS_DONE);
    cr_expect_str_eq(pm->actions[1].owner, "Build team");
    cr_expect_eq(pm->actions[1].status, HS_STATUS_NOT_STARTED);
    /* a dash that sets off no status nor day is part of the name */
    cr_expect_str_eq(pm->actions[2].owner, "Platform - EU");
    hs_postmortem_free(pm);
}

Test(actions, boxes_under_a_during_the_incident_line_are_no_items) {
    hs_postmortem *pm =
        parse_at("# Recap\n\nQueues backed up.\n\nThings we did during the "
                 "incident:\n- [x] rolled back the consumer\n- [x] replayed "
                 "the messages\n\nTo do later:\n- [ ] add a canary\n",
                 NULL);
    cr_assert_eq(pm->n_actions, 1);
    cr_expect_str_eq(pm->actions[0].action, "add a canary");
    hs_postmortem_free(pm);
}

Test(actions, several_handles_in_one_bracket) {
    hs_postmortem *pm =
        parse_at("# T\n\n## Next steps\n\n1. add a canary stage (@ravi "
                 "@mei)\n2. alert on queue age (@mei)\n",
                 NULL);
    cr_assert_eq(pm->n_actions, 2);
    cr_expect_str_eq(pm->actions[0].owner, "ravi, mei");
    cr_expect_str_eq(pm->actions[0].action, "add a canary stage");
    cr_expect_str_eq(pm->actions[1].owner, "mei");
    hs_postmortem_free(pm);
}

Test(root_cause, a_cue_across_a_line_break) {
    hs_postmortem *pm =
        parse_at("# T\n\n## Overview\n\nTiles loaded slowly for an hour. The "
                 "tile cache had\nbeen flushed by a deploy script.\n",
                 NULL);
    cr_expect_not_null(pm->root_cause);
    hs_postmortem_free(pm);
    pm = parse_at("# T\n\nSettlement files were late. The job was caused\nby "
                  "a lock.\n",
                  NULL);
    cr_expect_not_null(pm->root_cause);
    hs_postmortem_free(pm);
}

Test(actions, a_list_after_a_happening_again_line) {
    hs_postmortem *pm =
        parse_at("# T\n\n## Post-incident report\n\nThe rotation job used "
                 "the wrong certificate.\n\nTo stop this happening again:\n\n"
                 "* the job will verify the chain (Integrations team)\n* "
                 "changes will be frozen on Fridays (Change board)\n",
                 NULL);
    cr_expect_eq(pm->n_actions, 2);
    hs_postmortem_free(pm);
}

Test(actions, a_next_steps_line_in_a_recap_with_no_sections) {
    hs_postmortem *pm =
        parse_at("# Recap\n\nWebhooks were late for 45 minutes.\n\nNext "
                 "steps:\n1. add a canary stage\n2. write the replay "
                 "runbook\n",
                 NULL);
    cr_assert_eq(pm->n_actions, 2);
    cr_expect_str_eq(pm->actions[0].action, "add a canary stage");
    hs_postmortem_free(pm);
    /* under headings, the line is not enough (the held-out half fell) */
    pm = parse_at("# Recap\n\n## Notes\n\nNext steps:\n1. add a canary "
                  "stage\n",
                  NULL);
    cr_expect_eq(pm->n_actions, 0);
    hs_postmortem_free(pm);
}
