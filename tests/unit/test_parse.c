/*
 * The document model (read/parse.c) and the names table (read/sections.c),
 * one test per layout on a small invented snippet: every house style
 * becomes the same sections and fields, so a fact rule written once reads
 * them all. Facts read from these layouts are at the end.
 */
#include <criterion/criterion.h>

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "helpers.h" /* parse_at */
#include "hindsight.h"
#include "read/frontmatter.h"
#include "read/parse.h"
#include "read/sections.h"

static hs__doc *doc_of(const char *md) {
    return hs__doc_parse(md, strlen(md));
}

/* The first section with this heading, or NULL. */
static const hs__section *section(const hs__doc *d, const char *heading) {
    for (size_t i = 0; i < d->n_sections; i++)
        if (!strcmp(d->sections[i].heading, heading))
            return &d->sections[i];
    return NULL;
}

/* The value of the first field with this key in any section, or NULL. */
static const hs__field *field(const hs__doc *d, const char *key) {
    for (size_t i = 0; i < d->n_sections; i++)
        for (size_t f = 0; f < d->sections[i].n_fields; f++)
            if (!strcmp(d->sections[i].fields[f].key, key))
                return &d->sections[i].fields[f];
    return NULL;
}

/* ---------------------------------------------------------------------
 * Headings
 */

Test(model, atx_of_any_level_and_setext) {
    hs__doc *d = doc_of("Title\n=====\n\nintro\n\nImpact\n------\n\nslow\n\n"
                        "### Deep\n\n###### Deepest\n");
    cr_assert_eq(d->n_sections, 5);
    cr_expect_str_eq(d->sections[1].heading, "Title");
    cr_expect_eq(d->sections[1].level, 1);
    cr_expect_str_eq(d->sections[2].heading, "Impact");
    cr_expect_eq(d->sections[2].level, 2);
    cr_expect_eq(d->sections[2].line, 6);
    cr_expect_eq(d->sections[3].level, 3);
    cr_expect_eq(d->sections[4].level, 6);
    hs__doc_free(d);
}

Test(model, bold_line_is_a_heading_below_the_current_one) {
    hs__doc *d = doc_of("# T\n\n## Details\n\n**Root cause**\n\nThe disk "
                        "filled.\n\n**Timeline:**\n13:00 alert\n13:05 fix\n");
    const hs__section *rc = section(d, "Root cause");
    const hs__section *tl = section(d, "Timeline");
    cr_assert(rc && tl);
    cr_expect_eq(rc->level, 3);
    cr_expect_eq(rc->synthetic, 1);
    cr_expect_eq(rc->line, 5);
    cr_assert_eq(rc->n_paras, 1);
    cr_expect_str_eq(rc->paras[0].text, "The disk filled.");
    /* the lines after the bold one are the new section's paragraph */
    cr_expect_eq(tl->level, 3);
    cr_assert_eq(tl->n_paras, 1);
    cr_expect_str_eq(tl->paras[0].text, "13:00 alert\n13:05 fix");
    cr_expect_eq(tl->paras[0].line, 10);
    hs__doc_free(d);
}

Test(model, bold_line_that_names_nothing_stays_a_paragraph) {
    hs__doc *d = doc_of("## Actions\n\n**In progress:**\n\n- one\n\n"
                        "**13:42**\n\n**A very important note**\n");
    cr_expect_eq(d->n_sections, 2);
    cr_expect_eq(d->sections[1].n_paras, 3);
    hs__doc_free(d);
}

Test(model, unknown_bold_label_is_kept_for_check_not_as_a_section) {
    hs__doc *d = doc_of("# T\n\n**Fishbone**\n\ntext\n\n**In progress:**\n\n"
                        "- **Promises**\n  - one\n\n**13:42**\n");
    cr_expect_eq(d->n_sections, 2);
    cr_assert_eq(d->n_labels, 2);
    cr_expect_str_eq(d->labels[0].text, "Fishbone");
    cr_expect_eq(d->labels[0].line, 3);
    cr_expect_eq(d->labels[0].is_bullet, 0);
    cr_expect_str_eq(d->labels[1].text, "Promises");
    cr_expect_eq(d->labels[1].line, 9);
    cr_expect_eq(d->labels[1].is_bullet, 1);
    hs__doc_free(d);
}

Test(model, bold_line_in_a_list_or_quote_is_not_a_heading) {
    hs__doc *d = doc_of("# T\n\n> **Root cause**\n\n- **Impact**\n");
    cr_expect_eq(d->n_sections, 2);
    hs__doc_free(d);
}

/* ---------------------------------------------------------------------
 * Bullet fields
 */

Test(model, bullet_key_with_nested_list_is_a_section) {
    hs__doc *d = doc_of("# T\n\n"
                        "- **Date**: 2024-01-02\n"
                        "- **Key events**\n"
                        "  - 13:00 alert fires\n"
                        "  - 13:16 rollback\n"
                        "- **Review actions**:\n"
                        "  - Add an alert\n"
                        "    - for the disk\n"
                        "  - Write a runbook\n"
                        "- **Time to repair**: 0h 16m\n");
    const hs__section *ke = section(d, "Key events");
    const hs__section *ra = section(d, "Review actions");
    const hs__field *f;
    cr_assert(ke && ra);
    cr_expect_eq(ke->synthetic, 2);
    cr_expect_eq(ke->level, 2);
    cr_expect_eq(ke->line, 4);
    cr_assert_eq(ke->n_items, 2);
    cr_expect_str_eq(ke->items[0].text, "13:00 alert fires");
    cr_expect_eq(ke->items[0].depth, 0);
    cr_assert_eq(ra->n_items, 3);
    cr_expect_eq(ra->items[0].depth, 0);
    cr_expect_eq(ra->items[1].depth, 1);
    cr_expect_eq(ra->items[2].depth, 0);
    cr_expect_eq(hs__classify_heading(ke->heading), HS_KIND_TIMELINE);
    cr_expect_eq(hs__classify_heading(ra->heading), HS_KIND_ACTIONS);
    /* bullet fields with a value stay fields, wherever they are */
    cr_assert((f = field(d, "Date")) != NULL);
    cr_expect_str_eq(f->value, "2024-01-02");
    cr_expect(f->is_bold);
    cr_assert((f = field(d, "Time to repair")) != NULL);
    cr_expect_str_eq(f->value, "0h 16m");
    cr_expect_eq(f->line, 11);
    /* the item after the nested list is in a section without a heading */
    cr_expect_str_eq(d->sections[d->n_sections - 1].heading, "");
    cr_expect_eq(d->sections[d->n_sections - 1].synthetic, 3);
    hs__doc_free(d);
}

Test(model, plain_bullet_key_with_colon_is_a_section) {
    hs__doc *d = doc_of("- Action items:\n  - Add an alert\n  - Fix it\n"
                        "- Notes:\n  - not a section\n"
                        "- Timeline\n  - 13:00 no colon, no section\n");
    const hs__section *ai = section(d, "Action items");
    cr_assert(ai);
    cr_expect_eq(ai->n_items, 2);
    cr_expect(section(d, "Notes") == NULL, "a name the table does not know");
    cr_expect(section(d, "Timeline") == NULL, "plain text needs its colon");
    hs__doc_free(d);
}

Test(model, bold_item_without_nested_list_stays_an_item) {
    hs__doc *d = doc_of("## Actions\n\n- **Add an alert**\n- **Impact**\n");
    cr_expect_eq(d->n_sections, 2);
    cr_expect_eq(d->sections[1].n_items, 2);
    hs__doc_free(d);
}

Test(model, plain_key_value_lines_and_items) {
    hs__doc *d = doc_of("Severity: SEV2\nDuration: 47 minutes\n\n"
                        "- Owner: sam\n- 13:42: not a key\n");
    const hs__field *f = field(d, "Severity");
    cr_assert(f);
    cr_expect_str_eq(f->value, "SEV2");
    cr_expect(!f->is_bold);
    cr_assert((f = field(d, "Duration")) != NULL);
    cr_expect_eq(f->line, 2);
    cr_expect(field(d, "Owner") != NULL);
    cr_expect(field(d, "13") == NULL);
    hs__doc_free(d);
}

/* ---------------------------------------------------------------------
 * Tables and front matter
 */

/*
 * A front matter key written twice ('Title' after 'title': key_eq takes
 * them as one) was read as the first without a word, where Jekyll reads
 * the last and Hugo refuses the file: check now says which key and where.
 */
Test(model, front_matter_key_given_twice_is_found) {
    hs__doc *d = doc_of("---\ntitle: First\nseverity: SEV1\nTitle: Second\n"
                        "severity: SEV3\n---\n# T\n");
    int line = 0, first = 0;
    const char *k = hs__fm_duplicate(d->fm, &line, &first);
    cr_assert(k);
    cr_expect_str_eq(k, "Title");
    cr_expect_eq(line, 4);
    cr_expect_eq(first, 2);
    cr_expect_str_eq(hs__fm_scalar(d->fm, "title", NULL), "First");
    hs__doc_free(d);
    d = doc_of("---\ntitle: First\nseverity: SEV1\n---\n# T\n");
    cr_expect(hs__fm_duplicate(d->fm, &line, &first) == NULL);
    hs__doc_free(d);
    /* a key is found whatever its case and '-', '_', ' ' */
    d = doc_of("---\nStart Time: 09:00\nstart_time: 10:00\n---\n# T\n");
    cr_expect_str_eq(hs__fm_scalar(d->fm, "start-time", NULL), "09:00");
    cr_expect_str_eq(hs__fm_scalar(d->fm, "START_TIME", NULL), "09:00");
    cr_expect(hs__fm_scalar(d->fm, "start", NULL) == NULL);
    hs__doc_free(d);
}

Test(model, two_column_table_rows_are_fields) {
    hs__doc *d = doc_of("| Severity | SEV2 |\n|---|---|\n"
                        "| Time to repair | 1h 5m |\n| 13:42 | no |\n\n"
                        "| Field | Value |\n|---|---|\n| Date | 2024-05-06 |\n"
                        "\n|  |  |\n|---|---|\n| Owner | kim |\n");
    const hs__field *f = field(d, "Severity");
    cr_assert(f);
    cr_expect_str_eq(f->value, "SEV2");
    cr_expect_eq(f->line, 1);
    cr_assert((f = field(d, "Time to repair")) != NULL);
    cr_expect_eq(f->line, 3);
    cr_expect(field(d, "13:42") == NULL);
    cr_expect(field(d, "Field") == NULL, "a header naming columns");
    cr_expect(field(d, "Date") != NULL);
    cr_expect(field(d, "Owner") != NULL);
    /* the tables stay */
    cr_expect_eq(d->sections[0].n_tables, 3);
    hs__doc_free(d);
}

Test(model, header_of_a_data_table_is_no_field) {
    hs__doc *d = doc_of("| Impact | Users affected |\n|---|---|\n"
                        "| Checkout | 30% |\n\n| Severity | SEV3 |\n"
                        "|---|---|\n");
    const hs__field *f = field(d, "Severity");
    cr_expect(field(d, "Impact") == NULL, "column names, not a key/value");
    cr_assert(f, "a table of one row is its own key/value");
    cr_expect_str_eq(f->value, "SEV3");
    hs__doc_free(d);
}

Test(model, one_row_under_fact_columns_is_fields) {
    hs__doc *d = doc_of("| Date | Severity | Time to repair |\n|--|--|--|\n"
                        "| 2024-03-01 | SEV2 | 47 min |\n\n"
                        "| Action | Owner | Due |\n|--|--|--|\n"
                        "| Add alert | kim | 2024-04-01 |\n\n"
                        "| Date | Action | Owner |\n|--|--|--|\n"
                        "| 2024-05-01 | Fix | kim |\n");
    const hs__field *f = field(d, "Time to repair");
    cr_assert(f);
    cr_expect_str_eq(f->value, "47 min");
    cr_expect_eq(f->line, 3);
    cr_expect_str_eq(field(d, "Date")->value, "2024-03-01");
    cr_expect(field(d, "Owner") == NULL, "an action table's row");
    cr_expect_eq(d->sections[0].n_fields, 3);
    hs__doc_free(d);
}

Test(facts, duration_in_a_table_column) {
    hs_postmortem *pm =
        parse_at("# T\n\n| Started | Severity | Duration |\n"
                 "|--|--|--|\n| 2024-03-01 10:00 | P1 | 1h 5m |\n",
                 NULL);
    cr_expect_eq(pm->duration_minutes, 65);
    cr_expect_eq(pm->severity, 1);
    hs_postmortem_free(pm);
}

Test(model, table_columns_keep_their_header) {
    hs__doc *d = doc_of("## Timeline\n\n| When | What | Who |\n|--|--|--|\n"
                        "| 13:00 | alert | kim |\n");
    const hs__table *t = &d->sections[1].tables[0];
    cr_assert_eq(d->sections[1].n_tables, 1);
    cr_expect_eq(t->n_cols, 3);
    cr_expect_str_eq(t->cells[1], "What");
    cr_expect_str_eq(t->cells[3 + 1], "alert");
    cr_expect_eq(d->sections[1].n_fields, 0, "three columns are no fields");
    hs__doc_free(d);
}

Test(model, front_matter_then_body_lines) {
    hs__doc *d = doc_of("---\nseverity: SEV1\n---\n# T\n\n**Impact**: all\n");
    int line = 0;
    cr_expect_str_eq(hs__fm_scalar(d->fm, "severity", &line), "SEV1");
    cr_expect_eq(line, 2);
    cr_expect_eq(d->sections[1].line, 4);
    cr_expect_eq(field(d, "Impact")->line, 6);
    hs__doc_free(d);
}

/* ---------------------------------------------------------------------
 * The names table
 */

Test(names, headings_after_numbering_emoji_and_stemming) {
    static const struct {
        const char *h;
        hs__kind want;
    } c[] = {
        {"2. Root Causes", HS_KIND_ROOT_CAUSE},
        {"IV. Causes", HS_KIND_ROOT_CAUSE},
        {"Why it happened", HS_KIND_ROOT_CAUSE},
        {"Contributing factors", HS_KIND_ROOT_CAUSE},
        {"Trigger", HS_KIND_TRIGGER},
        {"A) Analysis", HS_KIND_ROOT_CAUSE},
        {"\xf0\x9f\x94\xa5 Impact", HS_KIND_IMPACT},
        {"Key Events", HS_KIND_TIMELINE},
        {"Sequence of events", HS_KIND_TIMELINE},
        {"Chronology", HS_KIND_TIMELINE},
        {"What happened", HS_KIND_TIMELINE},
        {"3.1 Review actions", HS_KIND_ACTIONS},
        {"Follow-ups", HS_KIND_ACTIONS},
        {"Remediation", HS_KIND_ACTIONS},
        {"Corrective and preventative measures", HS_KIND_ACTIONS},
        {"Next Steps", HS_KIND_ACTIONS},
        {"TODO", HS_KIND_ACTIONS},
        {"Mitigation", HS_KIND_RESOLUTION},
        {"Recovery", HS_KIND_RESOLUTION},
        {"Detection", HS_KIND_DETECTION},
        {"Lessons learned", HS_KIND_LESSONS},
        {"Key learnings", HS_KIND_LESSONS},
        {"What went well?", HS_KIND_WENT_WELL},
        {"What went wrong", HS_KIND_WENT_WRONG},
        {"21:24 - Delete the resource quota", HS_KIND_OTHER},
        {"Glossary", HS_KIND_OTHER},
        {"Fault", HS_KIND_ROOT_CAUSE},
        {"Fault tolerance improvements", HS_KIND_ACTIONS},
        {"How did this happen?", HS_KIND_ROOT_CAUSE},
        {"Underlying issue", HS_KIND_ROOT_CAUSE},
        {"RCA", HS_KIND_ROOT_CAUSE},
        {"Source of the problem", HS_KIND_ROOT_CAUSE},
        {"Incident log", HS_KIND_TIMELINE},
        {"Chronological order of events", HS_KIND_TIMELINE},
    };
    for (size_t i = 0; i < sizeof(c) / sizeof(c[0]); i++)
        cr_expect_eq(hs__classify_heading(c[i].h), c[i].want,
                     "\"%s\" classified as %d, want %d", c[i].h,
                     hs__classify_heading(c[i].h), c[i].want);
}

Test(names, field_keys_match_whole) {
    cr_expect_eq(hs__name_kind("Time to Repair", HS__NAME_FIELD, NULL),
                 HS_KIND_DURATION);
    cr_expect_eq(hs__name_kind("Downtime:", HS__NAME_FIELD, NULL),
                 HS_KIND_DURATION);
    cr_expect_eq(hs__name_kind("Root causes", HS__NAME_FIELD, NULL),
                 HS_KIND_ROOT_CAUSE);
    cr_expect_eq(hs__name_kind("Incident Severity", HS__NAME_FIELD, NULL),
                 HS_KIND_SEVERITY);
    cr_expect_eq(hs__name_kind("Severity of the bug", HS__NAME_FIELD, NULL),
                 HS_KIND_OTHER);
    /* field-only names are no headings; a fact's own name is both
     * ("## Severity" then "High") */
    cr_expect_eq(hs__name_kind("Time to detect", HS__NAME_HEADING, NULL),
                 HS_KIND_OTHER);
    cr_expect_eq(hs__name_kind("Duration", HS__NAME_HEADING, NULL),
                 HS_KIND_DURATION);
}

/* Names are looked up by their words first (a bit per word): a name
 * still matches wherever its words stand, and only as whole words. */
Test(names, matched_by_whole_words_anywhere) {
    char longer[400];
    cr_expect_eq(hs__classify_heading("Because of the outage"), HS_KIND_OTHER);
    cr_expect_eq(hs__classify_heading("Notes on the root causes we found"),
                 HS_KIND_ROOT_CAUSE);
    cr_expect_eq(hs__name_kind("Long term work on it", HS__NAME_GROUP, NULL),
                 HS_KIND_OTHER);
    cr_expect_eq(hs__name_kind("Long term fixes", HS__NAME_GROUP, NULL),
                 HS_KIND_ACTIONS);
    /* past the normalised form's cap, as before: the name is cut off */
    memset(longer, 0, sizeof(longer));
    for (size_t i = 0; i + 6 < 300; i += 6)
        memcpy(longer + i, "words ", 6);
    strcat(longer, "root cause");
    cr_expect_eq(hs__classify_heading(longer), HS_KIND_OTHER);
    cr_expect_eq(hs__classify_heading(longer + 200), HS_KIND_ROOT_CAUSE);
    cr_expect(hs__column_is("Owner (team)", HS_KIND_OWNER));
    cr_expect(!hs__column_is("Ownership", HS_KIND_OWNER));
}

Test(names, norm_drops_numbering_and_stems) {
    char a[64], b[64];
    hs__name_norm("2. Follow-ups", a, sizeof(a));
    hs__name_norm("follow up", b, sizeof(b));
    cr_expect_str_eq(a, b);
    hs__name_norm("\xe2\x9c\x85 Caused", a, sizeof(a));
    hs__name_norm("causes", b, sizeof(b));
    cr_expect_str_eq(a, b);
}

Test(names, house_style_extends_the_table) {
    hs_config *cfg = NULL;
    hs_error err = {0, ""};
    static const char yml[] = "names:\n  root_cause: [Whodunnit]\n"
                              "  duration: Outage clock\n";
    cr_assert_eq(hs_config_parse(yml, sizeof(yml) - 1, "h.yml", &cfg, &err), 0,
                 "%s", err.msg);
    cr_expect_eq(hs__name_kind("3. Whodunnit", HS__NAME_HEADING, cfg),
                 HS_KIND_ROOT_CAUSE);
    cr_expect_eq(hs__name_kind("Outage clock", HS__NAME_FIELD, cfg),
                 HS_KIND_DURATION);
    cr_expect_eq(hs__name_kind("Whodunnit", HS__NAME_HEADING, NULL),
                 HS_KIND_OTHER);
    hs_config_free(cfg);
}

/* ---------------------------------------------------------------------
 * Facts from these layouts: the rules are the same for every style
 */

Test(facts, bullet_field_style) {
    hs_postmortem *pm = parse_at("# Disk full on db-1\n\n"
                                 "- **Date**: 2024-01-02\n"
                                 "- **Time to repair**: 0h 16m\n"
                                 "- **Key events**\n"
                                 "  - 13:00 alert fires\n"
                                 "  - 13:16 disk cleaned\n"
                                 "- **Review actions**\n"
                                 "  - Add a disk alert\n"
                                 "  - Rotate logs daily\n",
                                 NULL);
    cr_expect_str_eq(pm->date, "2024-01-02");
    cr_expect_eq(pm->duration_minutes, 16);
    cr_expect_eq(pm->n_timeline, 2);
    cr_expect_eq(pm->n_actions, 2);
    cr_expect_str_eq(pm->title, "Disk full on db-1");
    hs_postmortem_free(pm);
}

Test(facts, bold_line_sections) {
    hs_postmortem *pm = parse_at("# Checkout errors\n\n**Root cause**\n\n"
                                 "A bad config push.\n\n**Action items**\n\n"
                                 "- [ ] Validate config\n",
                                 NULL);
    cr_assert(pm->root_cause);
    cr_expect_str_eq(pm->root_cause, "A bad config push.");
    cr_expect_eq(pm->n_actions, 1);
    hs_postmortem_free(pm);
}

Test(facts, key_value_table) {
    hs_postmortem *pm = parse_at("# T\n\n| Severity | SEV2 |\n|---|---|\n"
                                 "| Downtime | 47 minutes |\n",
                                 NULL);
    cr_expect_eq(pm->severity, 2);
    cr_expect_eq(pm->duration_minutes, 47);
    hs_postmortem_free(pm);
}

/* The number of times `needle` is in `hay`. */
static size_t count_of(const char *hay, const char *needle) {
    size_t n = 0;
    for (const char *p = hay; (p = strstr(p, needle)) != NULL; p++)
        n++;
    return n;
}

/* `n` links "[a](x)" in one paragraph, `paras` times. */
static char *links_text(size_t n, size_t paras) {
    const char *link = "[a](x) ";
    size_t len = strlen(link);
    char *s = malloc(paras * (n * len + 2) + 1), *p = s;
    cr_assert(s);
    for (size_t k = 0; k < paras; k++) {
        for (size_t i = 0; i < n; i++, p += len)
            memcpy(p, link, len);
        memcpy(p, "\n\n", 2);
        p += 2;
    }
    *p = '\0';
    return s;
}

/*
 * The defusals count per paragraph (and per line for table pipes), while
 * a quick count over the whole text lets most files skip the scan: links
 * over the limit in all but in no one paragraph stay links; one paragraph
 * over it has its brackets escaped.
 */
Test(model, link_limit_is_per_paragraph) {
    char *two = links_text(600, 2), *one = links_text(1001, 1), *html;
    html = hs_markdown_to_html(two, strlen(two));
    cr_expect_eq(count_of(html, "<a href"), 1200);
    free(html);
    html = hs_markdown_to_html(one, strlen(one));
    cr_expect_eq(count_of(html, "<a href"), 0);
    free(html);
    free(two);
    free(one);
}

/* A table of `cols` columns: a header row and its delimiter row. */
static char *table_text(size_t cols) {
    char *s = malloc(cols * 4 + 8), *p = s;
    cr_assert(s);
    for (size_t i = 0; i < cols; i++, p += 2)
        memcpy(p, "|a", 2);
    memcpy(p, "|\n", 2);
    p += 2;
    for (size_t i = 0; i < cols; i++, p += 2)
        memcpy(p, "|-", 2);
    memcpy(p, "|\n", 3);
    return s;
}

/* Pipes count per line: two rows of 41 are a table, a row of 71 is not. */
Test(model, table_width_limit_is_per_line) {
    char *ok = table_text(40), *wide = table_text(70), *html;
    html = hs_markdown_to_html(ok, strlen(ok));
    cr_expect(strstr(html, "<table>"), "%s", html);
    free(html);
    html = hs_markdown_to_html(wide, strlen(wide));
    cr_expect_null(strstr(html, "<table>"));
    free(html);
    free(ok);
    free(wide);
}

/*
 * Lines end at CR too: in a file of lone CRs (old Mac line ends) the pass
 * over table pipes saw one line, and once the file held over 64 pipes in
 * all, every table lost them: 30 action items in a table were one item of
 * the whole table's text.
 */
Test(model, tables_of_a_cr_file_stay_tables) {
    static const char *const ends[] = {"\n", "\r\n", "\r"};
    for (size_t e = 0; e < 3; e++) {
        hs__buf md = HS_BUF_INIT;
        hs_postmortem *pm;
        hs__buf_printf(&md, "# Mac file%s%s## Action items%s%s", ends[e],
                       ends[e], ends[e], ends[e]);
        hs__buf_printf(&md, "| Action | Owner | Due |%s|---|---|---|%s",
                       ends[e], ends[e]);
        for (int i = 0; i < 30; i++)
            hs__buf_printf(&md, "| Fix thing %d | Sam | 2026-02-01 |%s", i,
                           ends[e]);
        pm = parse_at(md.data, "mac.md");
        cr_expect_eq(pm->n_actions, 30, "line ends %zu: %zu action items", e,
                     pm->n_actions);
        if (pm->n_actions)
            cr_expect_str_eq(pm->actions[0].owner, "Sam");
        hs_postmortem_free(pm);
        hs__buf_release(&md);
    }
}

/*
 * Within the width limit, a table whose rows leave most cells to padding
 * is text (cmark-gfm pads each row to the header's width: 63 columns
 * over "|a" rows made 63 cells of 3 bytes); one that writes its cells out
 * stays a table, however long.
 */
Test(model, mostly_padded_table_is_text) {
    hs__buf md = HS_BUF_INIT;
    char *html;
    hs__buf_puts(&md, "| Time | Event | Who |\n|---|---|---|\n");
    for (int i = 0; i < 20000; i++)
        hs__buf_printf(&md, "| 10:%02d | event %d | sam |\n", i % 60, i);
    html = hs_markdown_to_html(md.data, md.len);
    cr_expect_eq(count_of(html, "<tr>"), 20001);
    free(html);
    hs__buf_reset(&md);
    for (int i = 0; i < 63; i++) /* 64 pipes, the widest table */
        hs__buf_puts(&md, "|h");
    hs__buf_puts(&md, "|\n");
    for (int i = 0; i < 63; i++)
        hs__buf_puts(&md, "|-");
    hs__buf_puts(&md, "|\n");
    for (int i = 0; i < 63; i++) /* a few short rows: still a table */
        hs__buf_puts(&md, "|a\n");
    html = hs_markdown_to_html(md.data, md.len);
    cr_expect(strstr(html, "<table>"), "63 short rows are a table");
    free(html);
    for (int i = 0; i < 5000; i++)
        hs__buf_puts(&md, "|a\n");
    html = hs_markdown_to_html(md.data, md.len);
    cr_expect_null(strstr(html, "<table>"), "5,063 rows of 1 cell in 63");
    cr_expect(strstr(html, "\xc2\xa6h"), "the header is text");
    free(html);
    hs__buf_release(&md);
}

/*
 * A file over the arena's limit (parse.c, MD_ARENA_MAX) is parsed with
 * the system allocator: the same sections and fields as a small one.
 */
Test(model, large_file_reads_as_a_small_one) {
    const char *head = "# Incident\n\n**Severity:** SEV2\n\n## Summary\n\n"
                       "The queue backed up.\n\n## Timeline\n\n";
    const char *line = "- 10:00 consumers lagged behind the producers\n";
    size_t hl = strlen(head), ll = strlen(line), n = (1200000 / ll) + 1;
    char *md = malloc(hl + n * ll + 1);
    hs__doc *small, *big;
    cr_assert(md);
    memcpy(md, head, hl);
    for (size_t i = 0; i < n; i++)
        memcpy(md + hl + i * ll, line, ll);
    md[hl + n * ll] = '\0';
    small = hs__doc_parse(md, hl + 10 * ll);
    big = hs__doc_parse(md, hl + n * ll);
    cr_assert_gt(hl + n * ll, 1048576);
    cr_expect_eq(big->n_sections, small->n_sections);
    cr_expect_str_eq(field(big, "Severity")->value, "SEV2");
    cr_expect_str_eq(section(big, "Summary")->text.data,
                     "The queue backed up.");
    cr_expect_eq(section(big, "Timeline")->n_items, n);
    cr_expect_eq(section(small, "Timeline")->n_items, 10);
    hs__doc_free(small);
    hs__doc_free(big);
    free(md);
}

/*
 * Threads parse at once (the index's pool) and each still reads every
 * autolink and strikethrough. cmark-gfm 0.29's finish switches a global
 * table of special characters on and off (parse.c, parse_lock): a finish
 * outside the lock makes another thread's paragraphs lose them.
 */
#define RACE_THREADS 4
#define RACE_PARSES 300

static const char race_md[] =
    "# Incident\n\n## Action items\n\n"
    "- ~~Add an alert on queue depth~~\n"
    "- See www.example.com/runbook and ops@example.com for the runbook\n"
    "- [ ] Page ~~the~~ on-call at https://example.org/pager\n\n"
    "| Time | Event |\n|---|---|\n| 10:00 | www.example.net down |\n";

/* How many of RACE_PARSES parses read race_md as one thread does. */
static void *race_parse(void *arg) {
    size_t *n_same = arg;
    for (int i = 0; i < RACE_PARSES; i++) {
        hs__doc *d = hs__doc_parse(race_md, strlen(race_md));
        const hs__section *s = section(d, "Action items");
        if (d->links.n == 4 && s && s->n_items == 3 && s->items[0].struck &&
            s->n_tables == 1)
            (*n_same)++;
        hs__doc_free(d);
    }
    return NULL;
}

Test(model, threads_parsing_at_once_read_every_extension) {
    pthread_t t[RACE_THREADS];
    size_t n_same[RACE_THREADS] = {0}, one = 0;
    hs__doc *d = hs__doc_parse(race_md, strlen(race_md));
    cr_assert_eq(d->links.n, 4);
    hs__doc_free(d);
    race_parse(&one);
    cr_assert_eq(one, RACE_PARSES);
    hs__parse_setup();
    for (int i = 0; i < RACE_THREADS; i++)
        cr_assert_eq(pthread_create(&t[i], NULL, race_parse, &n_same[i]), 0);
    for (int i = 0; i < RACE_THREADS; i++) {
        pthread_join(t[i], NULL);
        cr_expect_eq(n_same[i], RACE_PARSES, "thread %d: %zu of %d", i,
                     n_same[i], RACE_PARSES);
    }
}
