/*
 * The compact record (model/json.c) is written directly, not through
 * jansson objects: it must be jansson's bytes for every record, and where
 * jansson would drop or merge a member, jansson's answer.
 */
#include "model/json.h"
#include "model/record.h"

#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

static void expect_as_jansson(const hs_postmortem *pm) {
    char *fast = hs_postmortem_to_json(pm, 0);
    char *slow = hs__json_dump(hs__json_postmortem(pm), 0);
    cr_expect_str_eq(fast, slow);
    free(fast);
    free(slow);
}

static hs_postmortem *sample(void) {
    hs_postmortem *pm = hs__pm_new();
    hs_action_item *a;
    hs_timeline_entry *e;
    pm->id = strdup("2026/q\"uote");
    pm->path = strdup("dir/a\\b.md");
    pm->title =
        strdup("Tab\there, bell\a, \x1f and \x7f; caf\xc3\xa9 \xe2\x80\xa8 "
               "\xf0\x9f\x94\xa5 </script>");
    strcpy(pm->date, "2026-01-02");
    pm->severity = 2;
    pm->duration_minutes = 95;
    pm->summary = strdup("line one\nline two\r\n\b\f");
    hs__strlist_push(&pm->responders, "A \"B\" C");
    hs__strlist_push(&pm->tags, "k8s");
    e = hs__pm_add_timeline(pm);
    e->time = strdup("10:00");
    e->event = strdup("paged");
    e = hs__pm_add_timeline(pm);
    e->time = strdup("");
    e->event = strdup("");
    a = hs__pm_add_action(pm);
    a->action = strdup("Fix the \\ thing");
    a->owner = NULL;
    strcpy(a->due, "2026-02-01");
    a->status = HS_STATUS_IN_PROGRESS;
    a = hs__pm_add_action(pm);
    a->action = strdup("Another");
    a->owner = strdup("sam");
    hs__pm_source(pm, "title", 1, "heading");
    hs__pm_source(pm, "date", 3, "front matter \"%s\"", "date");
    return pm;
}

Test(json_record, compact_is_janssons_bytes) {
    hs_postmortem *pm = hs__pm_new();
    expect_as_jansson(pm); /* nothing set: nulls and empty lists */
    hs_postmortem_free(pm);
    pm = sample();
    expect_as_jansson(pm);
    pm->duration_minutes = 0;
    pm->severity = 0;
    expect_as_jansson(pm);
    hs_postmortem_free(pm);
}

/* Every byte under 0x80, and sequences beside escapes and at a string's
 * end: the one-pass writer classes each byte by a table. */
Test(json_record, every_ascii_byte_and_sequence_edge_is_janssons) {
    char all[128];
    hs_postmortem *pm = sample();
    for (int c = 1; c < 128; c++)
        all[c - 1] = (char)c;
    all[127] = '\0';
    free(pm->title);
    pm->title = strdup(all);
    free(pm->summary);
    pm->summary = strdup("\"\xc3\xa9\\\n\xe2\x82\xac\x01\xf0\x9f\x94\xa5");
    free(pm->path);
    pm->path = strdup("\xc3\xa9");
    expect_as_jansson(pm);
    free(pm->path);
    pm->path = strdup("ok\n\xe2\x82"); /* cut short at the end */
    expect_as_jansson(pm);
    hs_postmortem_free(pm);
}

/* jansson drops a member whose string is not UTF-8, and keeps one member
 * for a key set twice: the record is jansson's then too. */
Test(json_record, not_utf8_or_twice_named_is_janssons) {
    const char *bad[] = {"\xff",         "\xc0\x80",         "\xe0\x80\x80",
                         "\xed\xa0\x80", "\xf4\x90\x80\x80", "caf\xc3"};
    hs_postmortem *pm;
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        pm = sample();
        free(pm->path);
        pm->path = strdup(bad[i]);
        expect_as_jansson(pm);
        hs_postmortem_free(pm);
        pm = sample();
        hs__strlist_push(&pm->tags, bad[i]);
        expect_as_jansson(pm);
        hs_postmortem_free(pm);
        pm = sample();
        free(pm->actions[0].action);
        pm->actions[0].action = strdup(bad[i]);
        expect_as_jansson(pm);
        hs_postmortem_free(pm);
    }
    pm = sample();
    free(pm->sources[1].field);
    pm->sources[1].field = strdup("title");
    expect_as_jansson(pm);
    hs_postmortem_free(pm);
}

/* A stored record without an id crashed `site` (its pages are keyed on
 * ids): reading one back is a damaged record, not a record with no id. */
Test(json_record, record_without_id_is_damaged) {
    hs_postmortem *pm =
        hs__postmortem_from_json("{\"id\":null,\"title\":\"x\"}");
    cr_expect_null(pm);
    hs_postmortem_free(pm);
    pm = hs__postmortem_from_json("{\"title\":\"x\"}");
    cr_expect_null(pm);
    hs_postmortem_free(pm);
    pm = hs__postmortem_from_json("{\"id\":\"a\",\"title\":\"x\"}");
    cr_assert_not_null(pm);
    cr_expect_str_eq(pm->id, "a");
    hs_postmortem_free(pm);
}
