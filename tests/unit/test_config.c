/*
 * The house-style file (read/config.c): every shape it accepts, and every
 * message it refuses with, word for word (file:line, what, the subject).
 * The key lists in the messages come from the tables the reader uses.
 */
#include "base/buf.h"
#include "read/config.h"

#include <criterion/criterion.h>
#include <string.h>

static hs_config *parse_ok(const char *yml) {
    hs_config *c = NULL;
    hs_error err = {0, ""};
    cr_assert_eq(hs_config_parse(yml, strlen(yml), "h.yml", &c, &err), 0, "%s",
                 err.msg);
    cr_assert_not_null(c);
    return c;
}

Test(config, every_setting_is_read) {
    hs_config *c = parse_ok("names:\n"
                            "  root_cause: [Why, Trigger]\n"
                            "  date: When\n"
                            "dates: dmy\n"
                            "severity_scale:\n"
                            "  Major: SEV2\n"
                            "  Minor: SEV4\n");
    cr_assert_eq(c->names[HS__FACT_ROOT_CAUSE].n, 2);
    cr_assert_str_eq(c->names[HS__FACT_ROOT_CAUSE].v[1], "Trigger");
    cr_assert_eq(c->names[HS__FACT_DATE].n, 1);
    cr_assert_str_eq(c->names[HS__FACT_DATE].v[0], "When");
    cr_assert_eq(c->dates, HS__DATES_DMY);
    cr_assert_eq(c->n_scale, 2);
    cr_assert_eq(hs__config_severity(c, "** Minor outage"), 4);
    cr_assert_eq(hs__config_severity(c, "Major"), 2);
    hs_config_free(c);
}

Test(config, scale_as_a_list_counts_from_sev1) {
    hs_config *c = parse_ok("severity_scale: [Critical, High, Medium, Low]\n"
                            "dates: mdy\n");
    cr_assert_eq(c->n_scale, 4);
    cr_assert_eq(hs__config_severity(c, "critical"), 1);
    cr_assert_eq(hs__config_severity(c, "Low"), 4);
    cr_assert_eq(c->dates, HS__DATES_MDY);
    hs_config_free(c);
}

Test(config, empty_file_is_the_defaults) {
    hs_config *c = parse_ok("");
    cr_assert_eq(c->n_scale, 0);
    cr_assert_eq(c->dates, HS__DATES_DEFAULT);
    hs_config_free(c);
}

Test(config, refusals_say_file_line_and_subject) {
    static const struct {
        const char *yml, *msg;
    } cases[] = {
        {"- a\n", "h.yml:1: expected a map of settings, not a list"},
        {"colour: red\n", "h.yml:1: unknown key (names, dates, "
                          "severity_scale, concepts, max_file_size) 'colour'"},
        {"max_file_size: 9 MiB\n",
         "h.yml:1: max_file_size is a size from 1 byte to 8 MiB (like 4 MiB), "
         "not '9 MiB'"},
        {"max_file_size: 0\n",
         "h.yml:1: max_file_size is a size from 1 byte to 8 MiB (like 4 MiB), "
         "not '0'"},
        {"max_file_size: 2 GiB\n",
         "h.yml:1: max_file_size is a size from 1 byte to 8 MiB (like 4 MiB), "
         "not '2 GiB'"},
        {"max_file_size: 99999999999999999999999\n",
         "h.yml:1: max_file_size is a size from 1 byte to 8 MiB (like 4 MiB), "
         "not '99999999999999999999999'"},
        {"max_file_size: [1]\n",
         "h.yml:1: max_file_size is a size from 1 byte to 8 MiB (like 4 MiB), "
         "not a list"},
        {"names:\n  rootcause: [x]\n",
         "h.yml:2: unknown fact (root_cause, timeline, action_items, impact, "
         "summary, resolution, detection, lessons, went_well, went_wrong, "
         "duration, severity, date) 'rootcause'"},
        {"names: x\n", "h.yml:1: names must map a fact to its names, not 'x'"},
        {"names:\n  impact: {a: b}\n",
         "h.yml:2: names of a fact are a list, for 'impact'"},
        {"names:\n  impact: [a, '']\n",
         "h.yml:2: a name must be text, for 'impact'"},
        {"dates: ymd\n", "h.yml:1: dates must be dmy or mdy, not 'ymd'"},
        /* a list or a map where text belongs was "not ''" */
        {"dates: [dmy]\n", "h.yml:1: dates must be dmy or mdy, not a list"},
        {"dates: {a: b}\n", "h.yml:1: dates must be dmy or mdy, not a map"},
        {"names: [a]\n",
         "h.yml:1: names must map a fact to its names, not a list"},
        {"severity_scale: [a, b, c, d, e]\n",
         "h.yml:1: severity_scale lists at most four words, not 'e'"},
        {"severity_scale: x\n",
         "h.yml:1: severity_scale must be a list or a map, not 'x'"},
        {"severity_scale:\n  Major: huge\n",
         "h.yml:2: not a severity (SEV1..SEV4) 'huge'"},
        {"severity_scale:\n  [a]: SEV1\n",
         "h.yml:2: a severity word must be text"},
        {"concepts: {a: b}\n", "h.yml:1: concepts must be a list of lines"},
        /* a line the thesaurus cannot read was refused only when
         * `similar` loaded it, by its place in the list */
        {"concepts:\n  - \"a: b\"\n  - no colon here\n",
         "h.yml:3: a concepts line is 'name: phrase, phrase', not 'no colon "
         "here'"},
        {"concepts: 5\n",
         "h.yml:1: a concepts line is 'name: phrase, phrase', not '5'"},
        {"concepts: |\n  a: b\n  # a note\n  (x): y\n",
         "h.yml:1: a concepts line is 'name: phrase, phrase', not '(x): y'"},
        {"concepts:\n  - [a]\n",
         "h.yml:2: a concepts line is text 'name: phrase, phrase'"},
        {"dates: dmy\ndates: mdy\n", "h.yml:2: a key given twice: 'dates'"},
        {"names:\n  timeline: [a]\n  timeline: [b]\n",
         "h.yml:3: names: a fact given twice: 'timeline'"},
        /* a word of no letter matched every severity that starts with
         * none ("(to be decided)" was SEV1); the second of two equal
         * words was never read */
        {"severity_scale:\n  \"\": SEV1\n",
         "h.yml:2: a severity word must be text"},
        {"severity_scale:\n  \"  \": SEV1\n",
         "h.yml:2: a severity word must be text"},
        {"severity_scale: [High, '']\n",
         "h.yml:1: a severity word must be text"},
        {"severity_scale: [High, [Low]]\n",
         "h.yml:1: a severity word must be text"},
        {"severity_scale:\n  Critical: SEV1\n  critical: SEV3\n",
         "h.yml:3: severity_scale: a word given twice: 'critical'"},
        {"severity_scale: [High, Low, HIGH]\n",
         "h.yml:1: severity_scale: a word given twice: 'HIGH'"},
        {"names:\n  impact: ['  ']\n",
         "h.yml:2: a name must be text, for 'impact'"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        hs_config *c = (hs_config *)1;
        hs_error err = {0, ""};
        int rc = hs_config_parse(cases[i].yml, strlen(cases[i].yml), "h.yml",
                                 &c, &err);
        cr_expect_eq(rc, HS_EFORMAT, "case %zu", i);
        cr_expect_null(c, "case %zu", i);
        cr_expect_str_eq(err.msg, cases[i].msg, "case %zu", i);
    }
}

/*
 * YAML aliases multiply what a file names: 3,000 lines of
 * "action_items: *b" over one list of 20,000 names took 2.3 GB and 17 s
 * from 97 KB. An alias is refused where it is, a fact given twice too,
 * and so is a fact with over 1000 names, so what a file can name stays
 * near its size.
 */
Test(config, alias_bombs_are_refused) {
    hs__buf y = HS_BUF_INIT;
    hs_config *c = NULL;
    hs_error err = {0, ""};
    hs__buf_puts(&y, "names:\n  action_items: &b [a");
    for (int i = 1; i < 1000; i++)
        hs__buf_puts(&y, ", a");
    hs__buf_puts(&y, "]\n");
    for (int i = 0; i < 3000; i++)
        hs__buf_puts(&y, "  action_items: *b\n");
    cr_assert_eq(hs_config_parse(y.data, y.len, "h.yml", &c, &err), HS_EFORMAT);
    cr_assert_str_eq(err.msg, "h.yml:3: an alias (*name) is not read; "
                              "write the value out");
    hs__buf_reset(&y);
    hs__buf_puts(&y, "names:\n  impact: [a");
    for (int i = 1; i < 1001; i++)
        hs__buf_puts(&y, ", a");
    hs__buf_puts(&y, "]\n");
    cr_assert_eq(hs_config_parse(y.data, y.len, "h.yml", &c, &err), HS_EFORMAT);
    cr_assert_str_eq(err.msg, "h.yml:2: over 1000 names for 'impact'");
    hs__buf_release(&y);
}

/*
 * hindsight.yml is read by the front matter's reader (one YAML reader,
 * one set of limits): an alias anywhere, even one a setting would not
 * look at, is refused by line, and so is a file of over 100,000 values
 * (a tree node each), before any setting is read.
 */
Test(config, one_reader_one_set_of_limits) {
    hs__buf y = HS_BUF_INIT;
    hs_config *c = NULL;
    hs_error err = {0, ""};
    hs__buf_puts(&y, "dates: &d dmy\nconcepts:\n  - 'a: b'\n  - *d\n");
    cr_assert_eq(hs_config_parse(y.data, y.len, "h.yml", &c, &err), HS_EFORMAT);
    cr_expect_str_eq(err.msg, "h.yml:4: an alias (*name) is not read; "
                              "write the value out");
    hs__buf_reset(&y);
    hs__buf_puts(&y, "concepts:\n  - [a");
    for (int i = 0; i < 100000; i++)
        hs__buf_puts(&y, ",a");
    hs__buf_puts(&y, "]\n");
    cr_assert_eq(hs_config_parse(y.data, y.len, "h.yml", &c, &err), HS_EFORMAT);
    cr_expect_str_eq(err.msg, "h.yml:2: over 100000 values");
    hs__buf_reset(&y);
    hs__buf_puts(&y, "dates: [dmy\n");
    cr_assert_eq(hs_config_parse(y.data, y.len, "h.yml", &c, &err), HS_EFORMAT);
    cr_expect_str_eq(err.msg, "h.yml:2: not valid YAML: did not find "
                              "expected ',' or ']'");
    hs__buf_release(&y);
}

/*
 * libyaml's loader has no depth limit and its scanner works per open
 * level: 20,000 nested '[' took 2 s (quadratic). A name of 1 MB was
 * compared with every heading of every file (4 s for 44 files). Both are
 * refused, with the line; 64 levels and 200-byte names still read.
 */
Test(config, deep_nesting_and_long_names_are_refused) {
    hs__buf y = HS_BUF_INIT;
    hs_config *c = NULL;
    hs_error err = {0, ""};
    hs__buf_puts(&y, "names:\n  impact: ");
    for (int i = 0; i < 20000; i++)
        hs__buf_putc(&y, '[');
    for (int i = 0; i < 20000; i++)
        hs__buf_putc(&y, ']');
    cr_assert_eq(hs_config_parse(y.data, y.len, "h.yml", &c, &err), HS_EFORMAT);
    cr_expect_str_eq(err.msg, "h.yml:2: nested deeper than 64 levels");
    hs__buf_reset(&y);
    hs__buf_puts(&y, "names:\n  impact: [\"");
    for (int i = 0; i < 201; i++)
        hs__buf_putc(&y, 'x');
    hs__buf_puts(&y, "\"]\n");
    cr_assert_eq(hs_config_parse(y.data, y.len, "h.yml", &c, &err), HS_EFORMAT);
    cr_expect_str_eq(err.msg, "h.yml:2: a name over 200 bytes, for 'impact'");
    hs__buf_reset(&y);
    hs__buf_puts(&y, "names:\n  impact: [\"");
    for (int i = 0; i < 200; i++)
        hs__buf_putc(&y, 'x');
    hs__buf_puts(&y, "\"]\n");
    cr_assert_eq(hs_config_parse(y.data, y.len, "h.yml", &c, &err), 0, "%s",
                 err.msg);
    hs_config_free(c);
    hs__buf_release(&y);
}

/*
 * A markdown file over 2 MiB is skipped (cmark-gfm took ~140 bytes per
 * byte of one-character paragraphs: 8 MiB cost 1.4 GB); max_file_size
 * moves the limit, up to 8 MiB, and the message names it.
 */
/* No word of the scale matches a value it does not start, whatever the
 * file says; and the scale is bounded as a fact's names are. */
Test(config, scale_words_are_words) {
    hs_config *c = parse_ok("severity_scale:\n  Critical: SEV1\n");
    hs__buf y = HS_BUF_INIT;
    hs_error err = {0, ""};
    cr_expect_eq(hs__config_severity(c, "(to be decided)"), 0);
    cr_expect_eq(hs__config_severity(c, "critical"), 1);
    hs_config_free(c);
    c = (hs_config *)1;
    hs__buf_puts(&y, "severity_scale:\n");
    for (int i = 0; i < 1001; i++)
        hs__buf_printf(&y, "  w%d: SEV2\n", i);
    cr_expect_eq(hs_config_parse(y.data, y.len, "h.yml", &c, &err), HS_EFORMAT);
    cr_expect_null(c);
    cr_expect_str_eq(err.msg, "h.yml:2: severity_scale has over 1000 words ''");
    hs__buf_release(&y);
}

/* A "\0" escape is a NUL inside the value, which every C string reader
 * cut there: 'dates: "dmy\0junk"' was dmy. */
Test(config, nul_in_a_value_is_refused) {
    static const char yml[] = "names:\n  impact: [a]\ndates: \"dmy\\0junk\"\n";
    hs_config *c = (hs_config *)1;
    hs_error err = {0, ""};
    cr_expect_eq(hs_config_parse(yml, strlen(yml), "h.yml", &c, &err),
                 HS_EFORMAT);
    cr_expect_null(c);
    cr_expect_str_eq(err.msg, "h.yml:3: a value holds a NUL character (\\0)");
}

/* A second document ('---' again) was left unread, its settings lost
 * without a word; now it is an error naming its line. An empty one (a
 * '---' ending the file) loses nothing and is read as before. */
Test(config, a_second_document_is_refused) {
    static const char *const bad[] = {"dates: dmy\n---\ndates: mdy\n",
                                      "dates: dmy\n---\n---\ndates: mdy\n",
                                      NULL};
    static const char *const lines[] = {"h.yml:2", "h.yml:3"};
    static const char ok[] = "dates: dmy\n---\n";
    hs_config *c;
    hs_error err = {0, ""};
    for (size_t i = 0; bad[i]; i++) {
        c = (hs_config *)1;
        cr_expect_eq(hs_config_parse(bad[i], strlen(bad[i]), "h.yml", &c, &err),
                     HS_EFORMAT, "%s", bad[i]);
        cr_expect_null(c);
        cr_expect(!strncmp(err.msg, lines[i], strlen(lines[i])), "%s", err.msg);
        cr_expect(strstr(err.msg, "a second YAML document") != NULL, "%s",
                  err.msg);
    }
    cr_expect_eq(hs_config_parse(ok, strlen(ok), "h.yml", &c, &err), 0, "%s",
                 err.msg);
    hs_config_free(c);
}

/* Settings after a document end ('...') with no '---' before them are not
 * YAML to libyaml, which stopped there: they were left unread without a
 * word, as a second document was. Now they are refused as the YAML error
 * they are, naming their line; an end with nothing after it is read. */
Test(config, settings_after_a_document_end_are_refused) {
    static const char *const bad[] = {
        "dates: dmy\n...\nseverity_scale:\n  Bad: SEV9\n",
        "dates: dmy\n...\n\ngarbage: [\n", NULL};
    static const char *const lines[] = {"h.yml:3: not valid YAML",
                                        "h.yml:4: not valid YAML"};
    static const char *const ok[] = {"dates: dmy\n...\n",
                                     "dates: dmy\n...\n# a comment\n", NULL};
    hs_config *c;
    hs_error err = {0, ""};
    for (size_t i = 0; bad[i]; i++) {
        c = (hs_config *)1;
        cr_expect_eq(hs_config_parse(bad[i], strlen(bad[i]), "h.yml", &c, &err),
                     HS_EFORMAT, "%s", bad[i]);
        cr_expect_null(c);
        cr_expect(!strncmp(err.msg, lines[i], strlen(lines[i])), "%s", err.msg);
    }
    for (size_t i = 0; ok[i]; i++) {
        cr_expect_eq(hs_config_parse(ok[i], strlen(ok[i]), "h.yml", &c, &err),
                     0, "%s: %s", ok[i], err.msg);
        hs_config_free(c);
    }
}

Test(config, max_file_size_sets_the_limit) {
    static const struct {
        const char *yml;
        size_t bytes;
    } cases[] = {{"max_file_size: 4 MiB\n", 4u << 20},
                 {"max_file_size: 512KiB\n", 512u << 10},
                 {"max_file_size: 300 KB\n", 300000},
                 {"max_file_size: 8m\n", 8u << 20},
                 {"max_file_size: 1000\n", 1000}};
    hs_error err = {0, ""};
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        hs_config *c = parse_ok(cases[i].yml);
        cr_expect_eq(c->max_file_bytes, cases[i].bytes, "case %zu", i);
        cr_expect_eq(hs__config_check_size(c, cases[i].bytes, &err), 0);
        cr_expect_eq(hs__config_check_size(c, cases[i].bytes + 1, &err),
                     HS_ETOOBIG);
        hs_config_free(c);
    }
    cr_expect_str_eq(err.msg, "the file is 1001 bytes, over the limit of "
                              "1000 bytes (max_file_size in hindsight.yml)");
    cr_expect_eq(hs__config_check_size(NULL, HS_DEFAULT_FILE_BYTES, &err), 0);
    cr_expect_eq(hs__config_check_size(NULL, HS_DEFAULT_FILE_BYTES + 1, &err),
                 HS_ETOOBIG);
    cr_expect_str_eq(err.msg, "the file is 2097153 bytes, over the limit of "
                              "2 MiB (max_file_size in hindsight.yml)");
}

/*
 * The one walk of thesaurus lines (config.c checks them, concepts.c loads
 * them): names trimmed, comments and blank lines skipped but counted, the
 * first bad line named by its number, a last line without '\n' read to
 * the length given and not past it.
 */
Test(config, concept_lines_walk_names_phrases_and_line_numbers) {
    static const char text[] = "# a note\n"
                               "\n"
                               "  db pool_max-2 : maxed out, exhausted\n"
                               "   \t\n"
                               "empty:\n"
                               "(x): y\n"
                               "after: bad\n"
                               "tail: a, b"
                               "NOT READ";
    hs__concept_lines w;
    hs__concept_lines_init(&w, text, strlen(text) - strlen("NOT READ"));
    cr_assert_eq(hs__concept_lines_next(&w), 1);
    cr_expect_eq(w.line, 3);
    cr_expect_eq(w.name_len, strlen("db pool_max-2"));
    cr_expect_eq(strncmp(w.start, "db pool_max-2", w.name_len), 0);
    cr_expect_eq(strncmp(w.phrases, " maxed out, exhausted\n",
                         (size_t)(w.eol - w.phrases) + 1),
                 0);
    cr_assert_eq(hs__concept_lines_next(&w), 1);
    cr_expect_eq(w.line, 5);
    cr_expect_eq(w.phrases, w.eol, "no phrases");
    cr_assert_eq(hs__concept_lines_next(&w), -1);
    cr_expect_eq(w.line, 6);
    cr_expect_eq(w.eol - w.start, 6, "the bad line is '(x): y'");
    cr_assert_eq(hs__concept_lines_next(&w), 1);
    cr_assert_eq(hs__concept_lines_next(&w), 1);
    cr_expect_eq(w.line, 8);
    cr_expect_eq(w.eol - w.phrases, 5, "' a, b' up to the length given");
    cr_expect_eq(hs__concept_lines_next(&w), 0);
    cr_expect_eq(hs__concept_lines_next(&w), 0);

    hs__concept_lines_init(&w, ": no name\n", 10);
    cr_expect_eq(hs__concept_lines_next(&w), -1);
    hs__concept_lines_init(&w, "no colon", 8);
    cr_expect_eq(hs__concept_lines_next(&w), -1);
    hs__concept_lines_init(&w, "", 0);
    cr_expect_eq(hs__concept_lines_next(&w), 0);
}
