/*
 * Unit tests for src/web/tmpl.c: the Mustache subset (cases transcribed from
 * the Mustache spec's interpolation, sections, inverted, comments and partials
 * files, less lambdas and delimiters), HTML escaping, errors with line
 * numbers, the nesting, partial-depth and runaway limits, large data, and a
 * seeded random loop over hostile templates that must give 0 or HS_EINVAL.
 */
#include <criterion/criterion.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/buf.h"
#include "hindsight.h"
#include "web/tmpl.h"

typedef struct tcase {
    const char *name;
    const char *tmpl;
    const char *data;     /* JSON */
    const char *partials; /* JSON object of name -> text, or NULL */
    const char *want;     /* output, or the error message */
} tcase;

/* Partials come from a JSON object of strings. */
static const char *partial_cb(void *ctx, const char *name) {
    return json_string_value(json_object_get((const json_t *)ctx, name));
}

static json_t *load(const char *text) {
    json_error_t jerr;
    json_t *j;
    if (!text)
        return NULL;
    j = json_loads(text, JSON_DECODE_ANY, &jerr);
    cr_assert(j != NULL, "bad test JSON %s: %s", text, jerr.text);
    return j;
}

/* Render `tmpl` (a C string) through hs__tmpl_render, named 't'. */
static int run(const char *tmpl, const char *data_json,
               const char *partials_json, hs__buf *out, hs_error *err) {
    json_t *data = load(data_json);
    json_t *parts = load(partials_json);
    int rc = hs__tmpl_render("t", tmpl, strlen(tmpl), data, partial_cb, parts,
                             out, err);
    json_decref(data);
    json_decref(parts);
    return rc;
}

static void expect_cases(const tcase *cases, size_t n) {
    for (size_t i = 0; i < n; i++) {
        const tcase *c = &cases[i];
        hs__buf out = HS_BUF_INIT;
        hs_error err = {0};
        int rc = run(c->tmpl, c->data, c->partials, &out, &err);
        cr_expect_eq(rc, 0, "%s: rc %d: %s", c->name, rc, err.msg);
        cr_expect_str_eq(out.data, c->want, "%s", c->name);
        hs__buf_release(&out);
    }
}

static void expect_errors(const tcase *cases, size_t n) {
    for (size_t i = 0; i < n; i++) {
        const tcase *c = &cases[i];
        hs__buf out = HS_BUF_INIT;
        hs_error err = {0};
        int rc = run(c->tmpl, c->data, c->partials, &out, &err);
        cr_expect_eq(rc, HS_EINVAL, "%s: rc %d", c->name, rc);
        cr_expect_eq(err.code, HS_EINVAL, "%s: err.code", c->name);
        cr_expect_str_eq(err.msg, c->want, "%s", c->name);
        cr_expect_eq(out.len, 0, "%s: output left behind", c->name);
        hs__buf_release(&out);
    }
}

#define EXPECT_CASES(a) expect_cases((a), sizeof(a) / sizeof((a)[0]))
#define EXPECT_ERRORS(a) expect_errors((a), sizeof(a) / sizeof((a)[0]))

/* Render and return the output; the caller frees it. */
static char *render(const char *tmpl, const char *data_json) {
    hs__buf out = HS_BUF_INIT;
    hs_error err = {0};
    int rc = run(tmpl, data_json, NULL, &out, &err);
    cr_assert_eq(rc, 0, "render(\"%s\") = %d: %s", tmpl, rc, err.msg);
    return hs__buf_detach(&out, NULL);
}

#define EXPECT_RENDER(tmpl, data, want)                                        \
    do {                                                                       \
        char *got_ = render((tmpl), (data));                                   \
        cr_expect_str_eq(got_, (want), "template \"%s\"", (tmpl));             \
        free(got_);                                                            \
    } while (0)

/* ---- Mustache spec cases ---- */

Test(spec, interpolation) {
    static const tcase cases[] = {
        {"no tags", "Hello from {Mustache}!\n", "{}", NULL,
         "Hello from {Mustache}!\n"},
        {"basic", "Hello, {{subject}}!\n", "{\"subject\":\"world\"}", NULL,
         "Hello, world!\n"},
        {"escaping", "{{forbidden}}", "{\"forbidden\":\"& \\\" < >\"}", NULL,
         "&amp; &quot; &lt; &gt;"},
        {"triple", "{{{forbidden}}}", "{\"forbidden\":\"& \\\" < >\"}", NULL,
         "& \" < >"},
        {"ampersand", "{{&forbidden}}", "{\"forbidden\":\"& \\\" < >\"}", NULL,
         "& \" < >"},
        {"integer", "\"{{mph}} miles an hour!\"", "{\"mph\":85}", NULL,
         "\"85 miles an hour!\""},
        {"triple integer", "{{{mph}}}", "{\"mph\":85}", NULL, "85"},
        {"decimal", "\"{{power}} jiggawatts!\"", "{\"power\":1.21}", NULL,
         "\"1.21 jiggawatts!\""},
        {"miss", "I ({{cannot}}) be seen!", "{}", NULL, "I () be seen!"},
        {"triple miss", "I ({{{cannot}}}) be seen!", "{}", NULL,
         "I () be seen!"},
        {"ampersand miss", "I ({{&cannot}}) be seen!", "{}", NULL,
         "I () be seen!"},
        {"dotted", "\"{{person.name}}\" == \"{{#person}}{{name}}{{/person}}\"",
         "{\"person\":{\"name\":\"Joe\"}}", NULL, "\"Joe\" == \"Joe\""},
        {"dotted triple", "{{{person.name}}}/{{&person.name}}",
         "{\"person\":{\"name\":\"Joe\"}}", NULL, "Joe/Joe"},
        {"dotted depth", "{{a.b.c.d.e.name}}",
         "{\"a\":{\"b\":{\"c\":{\"d\":{\"e\":{\"name\":\"Phil\"}}}}}}", NULL,
         "Phil"},
        {"broken chain", "\"{{a.b.c}}\"", "{\"a\":{}}", NULL, "\"\""},
        {"broken chain resolution", "\"{{a.b.c.name}}\"",
         "{\"a\":{\"b\":{}},\"c\":{\"name\":\"Jim\"}}", NULL, "\"\""},
        {"initial resolution", "{{#a}}{{b.c.d.e.name}}{{/a}}",
         "{\"a\":{\"b\":{\"c\":{\"d\":{\"e\":{\"name\":\"Phil\"}}}}},"
         "\"b\":{\"c\":{\"d\":{\"e\":{\"name\":\"Wrong\"}}}}}",
         NULL, "Phil"},
        {"context precedence", "{{#a}}{{b.c}}{{/a}}",
         "{\"a\":{\"b\":{}},\"b\":{\"c\":\"ERROR\"}}", NULL, ""},
        {"surrounding space", "| {{string}} |", "{\"string\":\"---\"}", NULL,
         "| --- |"},
        {"triple surrounding", "| {{{string}}} |", "{\"string\":\"---\"}", NULL,
         "| --- |"},
        {"standalone var", "  {{string}}\n", "{\"string\":\"---\"}", NULL,
         "  ---\n"},
        {"standalone triple", "  {{{string}}}\n", "{\"string\":\"---\"}", NULL,
         "  ---\n"},
        {"padding", "|{{ string }}|", "{\"string\":\"---\"}", NULL, "|---|"},
        {"triple padding", "|{{{ string }}}|", "{\"string\":\"---\"}", NULL,
         "|---|"},
        {"ampersand padding", "|{{& string }}|", "{\"string\":\"---\"}", NULL,
         "|---|"},
    };
    EXPECT_CASES(cases);
}

Test(spec, sections) {
    static const tcase cases[] = {
        {"truthy", "\"{{#boolean}}This should be rendered.{{/boolean}}\"",
         "{\"boolean\":true}", NULL, "\"This should be rendered.\""},
        {"falsey", "\"{{#boolean}}Not rendered.{{/boolean}}\"",
         "{\"boolean\":false}", NULL, "\"\""},
        {"context", "\"{{#context}}Hi {{name}}.{{/context}}\"",
         "{\"context\":{\"name\":\"Joe\"}}", NULL, "\"Hi Joe.\""},
        {"deeply nested contexts",
         "{{#a}}\n{{one}}\n{{#b}}\n{{one}}{{two}}{{one}}\n{{#c}}\n"
         "{{one}}{{two}}{{three}}{{two}}{{one}}\n{{#d}}\n"
         "{{one}}{{two}}{{three}}{{four}}{{three}}{{two}}{{one}}\n{{#e}}\n"
         "{{one}}{{two}}{{three}}{{four}}{{five}}{{four}}{{three}}{{two}}"
         "{{one}}\n{{/e}}\n"
         "{{one}}{{two}}{{three}}{{four}}{{three}}{{two}}{{one}}\n{{/d}}\n"
         "{{one}}{{two}}{{three}}{{two}}{{one}}\n{{/c}}\n"
         "{{one}}{{two}}{{one}}\n{{/b}}\n{{one}}\n{{/a}}\n",
         "{\"a\":{\"one\":1},\"b\":{\"two\":2},\"c\":{\"three\":3},"
         "\"d\":{\"four\":4},\"e\":{\"five\":5}}",
         NULL, "1\n121\n12321\n1234321\n123454321\n1234321\n12321\n121\n1\n"},
        {"list", "\"{{#list}}{{item}}{{/list}}\"",
         "{\"list\":[{\"item\":1},{\"item\":2},{\"item\":3}]}", NULL,
         "\"123\""},
        {"empty list", "\"{{#list}}Yay lists!{{/list}}\"", "{\"list\":[]}",
         NULL, "\"\""},
        {"doubled",
         "{{#bool}}\n* first\n{{/bool}}\n* {{two}}\n{{#bool}}\n* third\n"
         "{{/bool}}\n",
         "{\"bool\":true,\"two\":\"second\"}", NULL,
         "* first\n* second\n* third\n"},
        {"nested truthy", "| A {{#bool}}B {{#bool}}C{{/bool}} D{{/bool}} E |",
         "{\"bool\":true}", NULL, "| A B C D E |"},
        {"nested falsey", "| A {{#bool}}B {{#bool}}C{{/bool}} D{{/bool}} E |",
         "{\"bool\":false}", NULL, "| A  E |"},
        {"context miss", "[{{#missing}}Found!{{/missing}}]", "{}", NULL, "[]"},
        {"implicit string", "\"{{#list}}({{.}}){{/list}}\"",
         "{\"list\":[\"a\",\"b\",\"c\",\"d\",\"e\"]}", NULL,
         "\"(a)(b)(c)(d)(e)\""},
        {"implicit integer", "\"{{#list}}({{.}}){{/list}}\"",
         "{\"list\":[1,2,3,4,5]}", NULL, "\"(1)(2)(3)(4)(5)\""},
        {"implicit decimal", "\"{{#list}}({{.}}){{/list}}\"",
         "{\"list\":[1.1,2.2,3.3,4.4,5.5]}", NULL,
         "\"(1.1)(2.2)(3.3)(4.4)(5.5)\""},
        {"implicit array", "\"{{#list}}({{#.}}{{.}}{{/.}}){{/list}}\"",
         "{\"list\":[[1,2,3],[\"a\",\"b\",\"c\"]]}", NULL, "\"(123)(abc)\""},
        {"dotted truthy", "\"{{#a.b.c}}Here{{/a.b.c}}\"",
         "{\"a\":{\"b\":{\"c\":true}}}", NULL, "\"Here\""},
        {"dotted falsey", "\"{{#a.b.c}}Here{{/a.b.c}}\"",
         "{\"a\":{\"b\":{\"c\":false}}}", NULL, "\"\""},
        {"dotted broken", "\"{{#a.b.c}}Here{{/a.b.c}}\"", "{\"a\":{}}", NULL,
         "\"\""},
        {"surrounding space", " | {{#boolean}}\t|\t{{/boolean}} | \n",
         "{\"boolean\":true}", NULL, " | \t|\t | \n"},
        {"internal space",
         " | {{#boolean}} {{! Important Whitespace }}\n {{/boolean}} | \n",
         "{\"boolean\":true}", NULL, " |  \n  | \n"},
        {"indented inline",
         " {{#boolean}}YES{{/boolean}}\n {{#boolean}}GOOD{{/boolean}}\n",
         "{\"boolean\":true}", NULL, " YES\n GOOD\n"},
        {"standalone lines",
         "| This Is\n{{#boolean}}\n|\n{{/boolean}}\n| A Line\n",
         "{\"boolean\":true}", NULL, "| This Is\n|\n| A Line\n"},
        {"indented standalone",
         "| This Is\n  {{#boolean}}\n|\n  {{/boolean}}\n| A Line\n",
         "{\"boolean\":true}", NULL, "| This Is\n|\n| A Line\n"},
        {"crlf standalone", "|\r\n{{#boolean}}\r\n{{/boolean}}\r\n|",
         "{\"boolean\":true}", NULL, "|\r\n|"},
        {"standalone first line", "  {{#boolean}}\n#{{/boolean}}\n/",
         "{\"boolean\":true}", NULL, "#\n/"},
        {"standalone last line", "#{{#boolean}}\n/\n  {{/boolean}}",
         "{\"boolean\":true}", NULL, "#\n/\n"},
        {"padding", "|{{# boolean }}={{/ boolean }}|", "{\"boolean\":true}",
         NULL, "|=|"},
    };
    EXPECT_CASES(cases);
}

Test(spec, inverted) {
    static const tcase cases[] = {
        {"falsey", "\"{{^boolean}}Rendered.{{/boolean}}\"",
         "{\"boolean\":false}", NULL, "\"Rendered.\""},
        {"truthy", "\"{{^boolean}}Not rendered.{{/boolean}}\"",
         "{\"boolean\":true}", NULL, "\"\""},
        {"context", "\"{{^context}}Hi {{name}}.{{/context}}\"",
         "{\"context\":{\"name\":\"Joe\"}}", NULL, "\"\""},
        {"list", "\"{{^list}}{{n}}{{/list}}\"",
         "{\"list\":[{\"n\":1},{\"n\":2},{\"n\":3}]}", NULL, "\"\""},
        {"empty list", "\"{{^list}}Yay lists!{{/list}}\"", "{\"list\":[]}",
         NULL, "\"Yay lists!\""},
        {"doubled",
         "{{^bool}}\n* first\n{{/bool}}\n* {{two}}\n{{^bool}}\n* third\n"
         "{{/bool}}\n",
         "{\"bool\":false,\"two\":\"second\"}", NULL,
         "* first\n* second\n* third\n"},
        {"nested falsey", "| A {{^bool}}B {{^bool}}C{{/bool}} D{{/bool}} E |",
         "{\"bool\":false}", NULL, "| A B C D E |"},
        {"nested truthy", "| A {{^bool}}B {{^bool}}C{{/bool}} D{{/bool}} E |",
         "{\"bool\":true}", NULL, "| A  E |"},
        {"context miss", "[{{^missing}}Cannot find!{{/missing}}]", "{}", NULL,
         "[Cannot find!]"},
        {"dotted truthy", "\"{{^a.b.c}}Not Here{{/a.b.c}}\"",
         "{\"a\":{\"b\":{\"c\":true}}}", NULL, "\"\""},
        {"dotted falsey", "\"{{^a.b.c}}Not Here{{/a.b.c}}\"",
         "{\"a\":{\"b\":{\"c\":false}}}", NULL, "\"Not Here\""},
        {"dotted broken", "\"{{^a.b.c}}Not Here{{/a.b.c}}\"", "{\"a\":{}}",
         NULL, "\"Not Here\""},
        {"standalone lines",
         "| This Is\n{{^boolean}}\n|\n{{/boolean}}\n| A Line\n",
         "{\"boolean\":false}", NULL, "| This Is\n|\n| A Line\n"},
        {"crlf standalone", "|\r\n{{^boolean}}\r\n{{/boolean}}\r\n|",
         "{\"boolean\":false}", NULL, "|\r\n|"},
        {"standalone first line", "  {{^boolean}}\n^{{/boolean}}\n/",
         "{\"boolean\":false}", NULL, "^\n/"},
        {"standalone last line", "^{{^boolean}}\n/\n  {{/boolean}}",
         "{\"boolean\":false}", NULL, "^\n/\n"},
        {"padding", "|{{^ boolean }}={{/ boolean }}|", "{\"boolean\":false}",
         NULL, "|=|"},
    };
    EXPECT_CASES(cases);
}

Test(spec, comments) {
    static const tcase cases[] = {
        {"inline", "12345{{! Comment Block! }}67890", "{}", NULL, "1234567890"},
        {"multiline",
         "12345{{!\n  This is a\n  multi-line comment...\n}}67890\n", "{}",
         NULL, "1234567890\n"},
        {"standalone", "Begin.\n{{! Comment Block! }}\nEnd.\n", "{}", NULL,
         "Begin.\nEnd.\n"},
        {"indented standalone", "Begin.\n  {{! Indented }}\nEnd.\n", "{}", NULL,
         "Begin.\nEnd.\n"},
        {"crlf standalone", "|\r\n{{! Standalone Comment }}\r\n|", "{}", NULL,
         "|\r\n|"},
        {"standalone first line", "  {{! I'm Still Standalone }}\n!", "{}",
         NULL, "!"},
        {"standalone last line", "!\n  {{! I'm Still Standalone }}", "{}", NULL,
         "!\n"},
        {"multiline standalone",
         "Begin.\n{{!\nSomething's going on here...\n}}\nEnd.\n", "{}", NULL,
         "Begin.\nEnd.\n"},
        {"indented multiline standalone",
         "Begin.\n  {{!\n    Something's going on here...\n  }}\nEnd.\n", "{}",
         NULL, "Begin.\nEnd.\n"},
        {"indented inline", "  12 {{! 34 }}\n", "{}", NULL, "  12 \n"},
        {"surrounding space", "12345 {{! Comment Block! }} 67890", "{}", NULL,
         "12345  67890"},
        {"braces inside", "a{{! {{x and { }}b", "{}", NULL, "ab"},
    };
    EXPECT_CASES(cases);
}

Test(spec, partials) {
    static const tcase cases[] = {
        {"basic", "\"{{>text}}\"", "{}", "{\"text\":\"from partial\"}",
         "\"from partial\""},
        {"context", "\"{{>partial}}\"", "{\"text\":\"content\"}",
         "{\"partial\":\"*{{text}}*\"}", "\"*content*\""},
        {"recursion", "{{>node}}",
         "{\"content\":\"X\",\"nodes\":[{\"content\":\"Y\",\"nodes\":[]}]}",
         "{\"node\":\"{{content}}<{{#nodes}}{{>node}}{{/nodes}}>\"}", "X<Y<>>"},
        {"surrounding space", "| {{>partial}} |", "{}",
         "{\"partial\":\"\\t|\\t\"}", "| \t|\t |"},
        {"inline indentation", "  {{data}}  {{> partial}}\n",
         "{\"data\":\"|\"}", "{\"partial\":\">\\n>\"}", "  |  >\n>\n"},
        {"crlf standalone", "|\r\n{{>partial}}\r\n|", "{}",
         "{\"partial\":\">\"}", "|\r\n>|"},
        {"standalone first line", "  {{>partial}}\n>", "{}",
         "{\"partial\":\">\\n>\"}", "  >\n  >>"},
        {"standalone last line", ">\n  {{>partial}}", "{}",
         "{\"partial\":\">\\n>\"}", ">\n  >\n  >"},
        {"standalone indentation", "\\\n {{>partial}}\n/\n",
         "{\"content\":\"<\\n->\"}",
         "{\"partial\":\"|\\n{{{content}}}\\n|\\n\"}",
         "\\\n |\n <\n->\n |\n/\n"},
        {"padding", "|{{> partial }}|", "{\"boolean\":true}",
         "{\"partial\":\"[]\"}", "|[]|"},
        /* Not in the spec: indents add up through standalone partials. */
        {"nested indentation", "  {{>a}}\n", "{}",
         "{\"a\":\"A\\n  {{>b}}\\n\",\"b\":\"B1\\nB2\\n\"}",
         "  A\n    B1\n    B2\n"},
        {"indented section inside partial", "  {{>a}}\n", "{\"xs\":[1,2]}",
         "{\"a\":\"<ul>\\n{{#xs}}\\n  <li>{{.}}</li>\\n"
         "{{/xs}}\\n</ul>\\n\"}",
         "  <ul>\n    <li>1</li>\n    <li>2</li>\n  </ul>\n"},
        {"same partial twice", "{{>p}}{{>p}}", "{\"v\":1}",
         "{\"p\":\"[{{v}}]\"}", "[1][1]"},
    };
    EXPECT_CASES(cases);
}

/* ---- Escaping, values and lookup ---- */

Test(escape, script_renders_inert) {
    EXPECT_RENDER("<p>{{v}}</p>", "{\"v\":\"<script>alert(1)</script>\"}",
                  "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>");
}

/* The one escaper of the project (hs__html_escape): & < > " ', which is
 * what text and quoted attributes need; templates quote every attribute. */
Test(escape, every_special_character) {
    EXPECT_RENDER("{{v}}", "{\"v\":\"& < > \\\" ' ` = x\"}",
                  "&amp; &lt; &gt; &quot; &#39; ` = x");
    EXPECT_RENDER("<a title='{{v}}'>", "{\"v\":\"' onmouseover='x\"}",
                  "<a title='&#39; onmouseover=&#39;x'>");
    EXPECT_RENDER("{{{v}}}|{{&v}}", "{\"v\":\"<b>&'\\\"`=\"}",
                  "<b>&'\"`=|<b>&'\"`=");
    EXPECT_RENDER("{{v}}", "{\"v\":\"plain text, no change\"}",
                  "plain text, no change");
}

/* A bidirectional control in a title (U+202E 'gnp.exe' reads 'exe.png')
 * shows as "\u202e" on a page, as on a terminal; the page showed it raw.
 * Other text above U+007F, the same lead byte included, is kept. */
Test(escape, bidirectional_controls_show) {
    EXPECT_RENDER("{{v}}", "{\"v\":\"Invoice \\u202egnp.exe\"}",
                  "Invoice \\u202egnp.exe");
    EXPECT_RENDER("{{v}}",
                  "{\"v\":\"a\\u2066b\\u2069c \\u2014 \\u20ac \\u2026\"}",
                  "a\\u2066b\\u2069c \xe2\x80\x94 \xe2\x82\xac \xe2\x80\xa6");
}

/* The page's body (cmark-gfm's HTML) shows them the same way. */
Test(escape, bidirectional_controls_show_in_the_body) {
    char *html = hs_markdown_to_html(
        "# A \xe2\x80\xae b\n\nc \xe2\x81\xa7 d \xe2\x80\x94\n",
        strlen("# A \xe2\x80\xae b\n\nc \xe2\x81\xa7 d \xe2\x80\x94\n"));
    cr_expect(strstr(html, "A \\u202e b") != NULL, "%s", html);
    cr_expect(strstr(html, "c \\u2067 d \xe2\x80\x94") != NULL, "%s", html);
    free(html);
}

Test(escape, data_is_never_template) {
    EXPECT_RENDER("{{v}}|{{{v}}}|{{#l}}{{.}}{{/l}}",
                  "{\"v\":\"{{x}}{{#y}}\",\"x\":\"BAD\",\"y\":true,"
                  "\"l\":[\"{{>p}}\"]}",
                  "{{x}}{{#y}}|{{x}}{{#y}}|{{&gt;p}}");
}

Test(values, scalars) {
    EXPECT_RENDER("{{i}} {{n}} {{big}} {{z}}",
                  "{\"i\":42,\"n\":-7,\"big\":9007199254740993,\"z\":0}",
                  "42 -7 9007199254740993 0");
    EXPECT_RENDER("{{a}} {{b}} {{c}} {{d}} {{e}} {{f}}",
                  "{\"a\":2.5,\"b\":3.0,\"c\":0.30000000000000004,"
                  "\"d\":-0.125,\"e\":1e300,\"f\":1.5e-7}",
                  "2.5 3 0.3 -0.125 1e+300 1.5e-07");
    EXPECT_RENDER("{{t}} {{f}} [{{n}}] [{{missing}}] [{{{n}}}]",
                  "{\"t\":true,\"f\":false,\"n\":null}", "true false [] [] []");
    EXPECT_RENDER("[{{o}}][{{a}}][{{{o}}}]", "{\"o\":{\"k\":1},\"a\":[1,2]}",
                  "[][][]");
    EXPECT_RENDER("{{s}}", "{\"s\":\"caf\\u00e9 \\u2603\"}",
                  "caf\xc3\xa9 \xe2\x98\x83");
}

Test(values, root_that_is_not_an_object) {
    EXPECT_RENDER("[{{.}}][{{x}}]", "\"<top>\"", "[&lt;top&gt;][]");
    EXPECT_RENDER("{{#.}}({{.}}){{/.}}", "[1,2,3]", "(1)(2)(3)");
    EXPECT_RENDER("[{{.}}]{{^.}}none{{/.}}", "null", "[]none");
}

Test(values, null_data) {
    hs__buf out = HS_BUF_INIT;
    hs_error err = {0};
    const char *src = "a{{b}}{{#c}}x{{/c}}{{^c}}y{{/c}}";
    int rc =
        hs__tmpl_render("t", src, strlen(src), NULL, NULL, NULL, &out, &err);
    cr_assert_eq(rc, 0, "%s", err.msg);
    cr_expect_str_eq(out.data, "ay");
    hs__buf_release(&out);
}

Test(lookup, context_stack_walk) {
    EXPECT_RENDER("{{#outer}}{{#inner}}{{a}}{{b}}{{c}}{{/inner}}{{/outer}}",
                  "{\"c\":\"C\",\"outer\":{\"b\":\"B\",\"inner\":{\"a\":\"A\","
                  "\"b\":\"b\"}}}",
                  "AbC");
    /* A key present with null shadows outer values. */
    EXPECT_RENDER("{{#o}}[{{a}}]{{/o}}", "{\"a\":\"outer\",\"o\":{\"a\":null}}",
                  "[]");
    EXPECT_RENDER("{{#l}}{{name}}:{{site}} {{/l}}",
                  "{\"site\":\"S\",\"l\":[{\"name\":\"x\"},{\"name\":\"y\","
                  "\"site\":\"T\"}]}",
                  "x:S y:T ");
}

Test(lookup, dotted_and_dot) {
    EXPECT_RENDER("{{a.b.c}}|{{#a}}{{b.c}}|{{#b}}{{c}}|{{.}}{{/b}}{{/a}}",
                  "{\"a\":{\"b\":{\"c\":\"deep\"}}}", "deep|deep|deep|");
    EXPECT_RENDER("{{#a.b}}{{c}}{{/a.b}}", "{\"a\":{\"b\":{\"c\":1}}}", "1");
    EXPECT_RENDER("{{a.0}}|{{s.length}}", "{\"a\":[1],\"s\":\"str\"}", "|");
}

/* ---- Sections ---- */

Test(sections, truthiness) {
    static const struct {
        const char *value;
        const char *want;
    } rows[] = {
        {"true", "yes"}, {"false", "no"},      {"null", "no"},   {"[]", "no"},
        {"[0]", "yes"},  {"\"\"", "no"},       {"\"0\"", "yes"}, {"0", "no"},
        {"1", "yes"},    {"-1", "yes"},        {"0.0", "no"},    {"0.5", "yes"},
        {"{}", "yes"},   {"{\"a\":1}", "yes"},
    };
    for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
        char data[64];
        char *got;
        snprintf(data, sizeof(data), "{\"v\":%s}", rows[i].value);
        got = render("{{#v}}yes{{/v}}{{^v}}no{{/v}}", data);
        cr_expect_str_eq(got, rows[i].want, "value %s", rows[i].value);
        free(got);
    }
    EXPECT_RENDER("{{#missing}}yes{{/missing}}{{^missing}}no{{/missing}}", "{}",
                  "no");
}

Test(sections, scalar_pushed_as_dot) {
    EXPECT_RENDER("{{#title}}<h1>{{.}}</h1>{{/title}}", "{\"title\":\"A & B\"}",
                  "<h1>A &amp; B</h1>");
    EXPECT_RENDER("{{#n}}n={{.}}{{/n}}", "{\"n\":3}", "n=3");
}

Test(sections, object_and_array_of_objects) {
    EXPECT_RENDER("{{#pm}}{{title}} ({{sev}}){{/pm}}",
                  "{\"pm\":{\"title\":\"DB down\",\"sev\":\"SEV1\"}}",
                  "DB down (SEV1)");
    EXPECT_RENDER("<ul>\n{{#items}}\n  <li>{{name}}</li>\n{{/items}}\n</ul>\n",
                  "{\"items\":[{\"name\":\"a\"},{\"name\":\"<b>\"}]}",
                  "<ul>\n  <li>a</li>\n  <li>&lt;b&gt;</li>\n</ul>\n");
    EXPECT_RENDER(
        "{{#rows}}{{#cells}}[{{.}}]{{/cells}};{{/rows}}",
        "{\"rows\":[{\"cells\":[1,2]},{\"cells\":[]},{\"cells\":[3]}]}",
        "[1][2];;[3];");
}

Test(sections, standalone_tags_leave_no_blank_lines) {
    EXPECT_RENDER("<ul>\n  {{#l}}\n  <li>{{.}}</li>\n  {{/l}}\n  {{^l}}\n"
                  "  <li>none</li>\n  {{/l}}\n  {{! note }}\n</ul>\n",
                  "{\"l\":[\"a\",\"b\"]}",
                  "<ul>\n  <li>a</li>\n  <li>b</li>\n</ul>\n");
    EXPECT_RENDER("a\n{{#l}}\n{{/l}}\nb\n", "{\"l\":[]}", "a\nb\n");
}

/* ---- Compile once, render many ---- */

Test(compiled, render_many_times) {
    hs__tmpl *t = NULL;
    hs_error err = {0};
    const char *src = "{{#l}}{{.}},{{/l}}{{>p}}";
    json_t *parts = json_pack("{s:s}", "p", "<{{x}}>");
    int rc =
        hs__tmpl_compile("page", src, strlen(src), partial_cb, parts, &t, &err);
    json_decref(parts); /* compiled templates keep no partial text */
    cr_assert_eq(rc, 0, "%s", err.msg);
    for (int i = 0; i < 3; i++) {
        hs__buf out = HS_BUF_INIT;
        json_t *data = json_pack("{s:[i,i],s:i}", "l", i, i + 1, "x", i);
        hs__buf_puts(&out, "pre:");
        rc = hs__tmpl_exec(t, data, &out, &err);
        cr_expect_eq(rc, 0, "%s", err.msg);
        char want[64];
        snprintf(want, sizeof(want), "pre:%d,%d,<%d>", i, i + 1, i);
        cr_expect_str_eq(out.data, want);
        json_decref(data);
        hs__buf_release(&out);
    }
    hs__tmpl_free(t);
    hs__tmpl_free(NULL);
}

Test(compiled, failed_compile_sets_out_null) {
    hs__tmpl *t = (hs__tmpl *)&t;
    hs_error err = {0};
    int rc = hs__tmpl_compile("bad", "{{#a}}", 6, NULL, NULL, &t, &err);
    cr_expect_eq(rc, HS_EINVAL);
    cr_expect_null(t);
    cr_expect_str_eq(err.msg, "template 'bad' line 1: unclosed section 'a'");
    /* A NULL error pointer is allowed. */
    rc = hs__tmpl_compile("bad", "{{", 2, NULL, NULL, &t, NULL);
    cr_expect_eq(rc, HS_EINVAL);
    cr_expect_null(t);
}

Test(compiled, empty_template) {
    hs__buf out = HS_BUF_INIT;
    hs_error err = {0};
    json_t *data = json_pack("{s:i}", "a", 1);
    cr_expect_eq(hs__tmpl_render("e", "", 0, data, NULL, NULL, &out, &err), 0);
    cr_expect_eq(hs__tmpl_render("e", NULL, 0, data, NULL, NULL, &out, &err),
                 0);
    cr_expect_eq(out.len, 0);
    cr_expect_str_eq(out.data, "");
    json_decref(data);
    hs__buf_release(&out);
}

Test(compiled, nul_bytes_in_text) {
    hs__buf out = HS_BUF_INIT;
    hs_error err = {0};
    json_t *data = json_pack("{s:i}", "x", 1);
    static const char src[] = "a\0b{{x}}";
    int rc = hs__tmpl_render("n", src, sizeof(src) - 1, data, NULL, NULL, &out,
                             &err);
    cr_expect_eq(rc, 0, "%s", err.msg);
    cr_expect_eq(out.len, 4);
    cr_expect(memcmp(out.data, "a\0b1", 4) == 0);
    hs__buf_reset(&out);
    static const char bad[] = "{{x\0y}}";
    rc = hs__tmpl_render("n", bad, sizeof(bad) - 1, data, NULL, NULL, &out,
                         &err);
    cr_expect_eq(rc, HS_EINVAL);
    cr_expect(strstr(err.msg, "invalid character in name") != NULL, "%s",
              err.msg);
    json_decref(data);
    hs__buf_release(&out);
}

/* ---- Errors ---- */

Test(errors, syntax_with_line_numbers) {
    static const tcase cases[] = {
        {"unclosed", "ab\n{{a", "{}", NULL,
         "template 't' line 2: unclosed tag: '{{' without '}}'"},
        {"unclosed triple", "x\n\n{{{a}}\n", "{}", NULL,
         "template 't' line 3: unclosed tag: '{{{' without '}}}'"},
        {"unclosed comment", "{{! never closed\n", "{}", NULL,
         "template 't' line 1: unclosed tag: '{{' without '}}'"},
        {"unclosed section", "a\n{{#s}}\nb\n", "{}", NULL,
         "template 't' line 2: unclosed section 's'"},
        {"unclosed inner section", "{{#a}}\n{{#b}}\n{{/a}}", "{}", NULL,
         "template 't' line 3: '{{/a}}' does not match section 'b' opened "
         "on line 2"},
        {"mismatched", "{{#a}}\n..{{/b}}", "{}", NULL,
         "template 't' line 2: '{{/b}}' does not match section 'a' opened "
         "on line 1"},
        {"stray close", "x\n{{/a}}", "{}", NULL,
         "template 't' line 2: '{{/a}}' closes no open section"},
        {"empty", "{{}}", "{}", NULL, "template 't' line 1: empty name in tag"},
        {"blank", "{{  }}", "{}", NULL,
         "template 't' line 1: empty name in tag"},
        {"empty section", "{{#}}{{/}}", "{}", NULL,
         "template 't' line 1: empty name in tag"},
        {"empty partial", "\n{{> }}", "{}", NULL,
         "template 't' line 2: empty name in tag"},
        {"empty raw", "{{&}}", "{}", NULL,
         "template 't' line 1: empty name in tag"},
        {"empty triple", "{{{ }}}", "{}", NULL,
         "template 't' line 1: empty name in tag"},
        {"space in name", "{{a b}}", "{}", NULL,
         "template 't' line 1: invalid character in name 'a b'"},
        {"brace in name", "{{a{b}}", "{}", NULL,
         "template 't' line 1: invalid character in name 'a{b'"},
        {"double dot", "{{a..b}}", "{}", NULL,
         "template 't' line 1: empty segment in dotted name 'a..b'"},
        {"leading dot", "{{#.a}}{{/.a}}", "{}", NULL,
         "template 't' line 1: empty segment in dotted name '.a'"},
        {"trailing dot", "{{a.}}", "{}", NULL,
         "template 't' line 1: empty segment in dotted name 'a.'"},
        {"spaced sigil", "{{ #a }}", "{}", NULL,
         "template 't' line 1: '#' must come right after '{{' in '#a'"},
        {"double sigil", "{{##a}}{{/#a}}", "{}", NULL,
         "template 't' line 1: '#' must come right after '{{' in '#a'"},
        {"inheritance", "{{<base}}{{$body}}x{{/body}}{{/base}}", "{}", NULL,
         "template 't' line 1: template inheritance ('{{<') is not "
         "supported"},
        {"block", "{{$body}}", "{}", NULL,
         "template 't' line 1: template inheritance ('{{$') is not "
         "supported"},
        {"set delimiter", "{{=<% %>=}}", "{}", NULL,
         "template 't' line 1: set-delimiter tags are not supported"},
        {"after multiline comment", "{{!\n\n}}\n{{a", "{}", NULL,
         "template 't' line 4: unclosed tag: '{{' without '}}'"},
        {"unknown partial", "a\nb {{> nope }}", "{}", "{}",
         "template 't' line 2: unknown partial 'nope'"},
        {"error inside partial", "{{>p}}", "{}", "{\"p\":\"ok\\n{{#x}}\\n\"}",
         "template 'p' line 2: unclosed section 'x'"},
        {"unknown partial in partial", "{{>p}}", "{}", "{\"p\":\"{{>q}}\"}",
         "template 'p' line 1: unknown partial 'q'"},
    };
    EXPECT_ERRORS(cases);
}

Test(errors, partial_without_callback) {
    hs__buf out = HS_BUF_INIT;
    hs_error err = {0};
    int rc = hs__tmpl_render("page", "{{>x}}", 6, NULL, NULL, NULL, &out, &err);
    cr_expect_eq(rc, HS_EINVAL);
    cr_expect_str_eq(err.msg, "template 'page' line 1: unknown partial 'x'");
    hs__buf_release(&out);
}

Test(errors, unknown_partial_even_where_never_rendered) {
    hs__buf out = HS_BUF_INIT;
    hs_error err = {0};
    cr_expect_eq(run("{{#no}}{{>typo}}{{/no}}", "{}", "{}", &out, &err),
                 HS_EINVAL);
    hs__buf_release(&out);
}

/* "{{#a}}" n times on lines 1..n, then n closes. */
static char *nested(int n) {
    hs__buf b = HS_BUF_INIT;
    for (int i = 0; i < n; i++)
        hs__buf_puts(&b, "{{#a}}\n");
    hs__buf_puts(&b, "x\n");
    for (int i = 0; i < n; i++)
        hs__buf_puts(&b, "{{/a}}\n");
    return hs__buf_detach(&b, NULL);
}

Test(limits, nesting_depth) {
    hs__buf out = HS_BUF_INIT;
    hs_error err = {0};
    char *ok = nested(HS_TMPL_MAX_NESTING);
    char *deep = nested(HS_TMPL_MAX_NESTING + 1);
    cr_expect_eq(run(ok, "{\"a\":true}", NULL, &out, &err), 0, "%s", err.msg);
    cr_expect_str_eq(out.data, "x\n");
    hs__buf_reset(&out);
    cr_expect_eq(run(deep, "{\"a\":true}", NULL, &out, &err), HS_EINVAL);
    cr_expect_str_eq(err.msg,
                     "template 't' line 65: sections nested deeper than 64");
    free(ok);
    free(deep);
    hs__buf_release(&out);
}

Test(limits, very_deep_nesting_is_an_error_not_a_crash) {
    hs__buf b = HS_BUF_INIT, out = HS_BUF_INIT;
    hs_error err = {0};
    for (int i = 0; i < 200000; i++)
        hs__buf_puts(&b, "{{#a}}{{^b}}");
    cr_expect_eq(run(b.data, "{}", NULL, &out, &err), HS_EINVAL);
    cr_expect(strstr(err.msg, "nested deeper than 64") != NULL, "%s", err.msg);
    hs__buf_release(&b);
    hs__buf_release(&out);
}

/* {"c":{"c":...{"c":false}}} with `n` objects holding a truthy "c". */
static json_t *chain(int n) {
    json_t *j = json_pack("{s:b}", "c", 0);
    for (int i = 0; i < n; i++)
        j = json_pack("{s:o}", "c", j);
    return j;
}

static int render_chain(const char *node, int n, hs__buf *out, hs_error *err) {
    json_t *parts = json_pack("{s:s}", "node", node);
    json_t *data = chain(n);
    int rc = hs__tmpl_render("page", "{{>node}}", 9, data, partial_cb, parts,
                             out, err);
    json_decref(parts);
    json_decref(data);
    return rc;
}

Test(limits, partial_depth) {
    hs__buf out = HS_BUF_INIT;
    hs_error err = {0};
    const char *node = "<{{#c}}{{>node}}{{/c}}>";
    /* The page's {{>node}} is level 1, so 15 more levels fit exactly. */
    cr_expect_eq(render_chain(node, HS_TMPL_MAX_PARTIAL_DEPTH - 1, &out, &err),
                 0, "%s", err.msg);
    cr_expect_eq(out.len, 2 * HS_TMPL_MAX_PARTIAL_DEPTH);
    hs__buf_reset(&out);
    hs__buf_puts(&out, "keep");
    cr_expect_eq(render_chain(node, HS_TMPL_MAX_PARTIAL_DEPTH, &out, &err),
                 HS_EINVAL);
    cr_expect_str_eq(err.msg, "template 'node' line 1: partials nested deeper "
                              "than 16 (at 'node')");
    cr_expect_str_eq(out.data, "keep", "a failed render leaves no output");
    hs__buf_release(&out);
}

Test(limits, self_including_partial) {
    hs__buf out = HS_BUF_INIT;
    hs_error err = {0};
    cr_expect_eq(run("{{>a}}", "{}", "{\"a\":\"a{{>b}}\",\"b\":\"b{{>a}}\"}",
                     &out, &err),
                 HS_EINVAL);
    cr_expect(strstr(err.msg, "partials nested deeper than 16") != NULL, "%s",
              err.msg);
    cr_expect_eq(out.len, 0);
    hs__buf_release(&out);
}

/*
 * Slow tests arm alarm() rather than Criterion's .timeout, whose runner
 * leaks in the parent when tests run in parallel, failing `make asan`.
 */

Test(limits, exponential_partials_stop) {
    alarm(60); /* a hang becomes a crash, not a stuck run */
    hs__buf out = HS_BUF_INIT;
    hs_error err = {0};
    /* 8^15 calls if nothing stopped it; almost no output. */
    const char *node = "{{#c}}{{>node}}{{>node}}{{>node}}{{>node}}"
                       "{{>node}}{{>node}}{{>node}}{{>node}}{{/c}}";
    cr_expect_eq(render_chain(node, 15, &out, &err), HS_EINVAL);
    cr_expect(strstr(err.msg, "rendering runs away") != NULL, "%s", err.msg);
    cr_expect_eq(out.len, 0);
    hs__buf_release(&out);
}

/* ---- Large data ---- */

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

Test(large, ten_thousand_items) {
    alarm(30);
    const char *src =
        "<ul>\n{{#items}}\n  <li id=\"pm-{{id}}\">{{title}} "
        "{{#tags}}<b>{{.}}</b>{{/tags}}</li>\n{{/items}}\n</ul>\n";
    json_t *items = json_array();
    json_t *data;
    hs__buf out = HS_BUF_INIT;
    hs_error err = {0};
    double t0;
    for (int i = 0; i < 10000; i++) {
        char title[32];
        snprintf(title, sizeof(title), "Outage <%d>", i);
        json_array_append_new(items,
                              json_pack("{s:i,s:s,s:[s,s]}", "id", i, "title",
                                        title, "tags", "db", "net"));
    }
    data = json_pack("{s:o}", "items", items);
    t0 = now();
    cr_assert_eq(
        hs__tmpl_render("big", src, strlen(src), data, NULL, NULL, &out, &err),
        0, "%s", err.msg);
    cr_expect_lt(now() - t0, 2.0, "10k items took %.3f s", now() - t0);
    cr_expect(strstr(out.data, "<li id=\"pm-0\">Outage &lt;0&gt; "
                               "<b>db</b><b>net</b></li>\n") != NULL);
    cr_expect(strstr(out.data, "<li id=\"pm-9999\">Outage &lt;9999&gt;") !=
              NULL);
    size_t lines = 0;
    for (size_t i = 0; i < out.len; i++)
        lines += out.data[i] == '\n';
    cr_expect_eq(lines, 10002);
    json_decref(data);
    hs__buf_release(&out);
}

/* ---- Hostile templates ---- */

/* xorshift64: seeded, so a failure repeats. */
static uint64_t rnd(uint64_t *s) {
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
}

static const char *const soup_pieces[] = {
    "{{",     "}}",      "{{{",      "}}}",      "{{#a}}",  "{{/a}}",  "{{^b}}",
    "{{/b}}", "{{#l}}",  "{{/l}}",   "{{>p}}",   "{{>q}}",  "{{> r}}", "{{!",
    "{{!c}}", "{{&",     "{{.}}",    "{{x.y}}",  "{{{s}}}", "{{=",     "a",
    "<",      "\n",      "  ",       "\r\n",     ".",       "{",       "}",
    "#",      "/",       "^",        ">",        "=",       "{{#.}}",  "{{/.}}",
    "\t",     "{{ a }}", "{{#x.y}}", "{{/x.y}}", "{{..}}",  "\0",      "{{#c}}",
    "{{/c}}",
};

static void soup(uint64_t *s, hs__buf *b) {
    size_t n = rnd(s) % 40;
    hs__buf_reset(b);
    for (size_t i = 0; i < n; i++) {
        size_t k = rnd(s) % (sizeof(soup_pieces) / sizeof(soup_pieces[0]));
        const char *p = soup_pieces[k];
        hs__buf_put(b, p, p[0] ? strlen(p) : 1);
    }
}

/* A well-formed template: balanced sections, so most of them render. */
static void shaped(uint64_t *s, hs__buf *b) {
    static const char *const names[] = {"a", "b", "l", "c", "x.y", ".", "s"};
    static const char *const texts[] = {"<p>", "\n", "  ", "x", "\r\n", "}"};
    const char *open[8];
    size_t n = rnd(s) % 30, depth = 0;
    hs__buf_reset(b);
    for (size_t i = 0; i < n; i++) {
        const char *name = names[rnd(s) % (sizeof(names) / sizeof(names[0]))];
        switch (rnd(s) % 8) {
        case 0:
        case 1:
            hs__buf_puts(b, texts[rnd(s) % (sizeof(texts) / sizeof(texts[0]))]);
            break;
        case 2:
            hs__buf_printf(b, "{{%s}}", name);
            break;
        case 3:
            hs__buf_printf(b, "{{{%s}}}", name);
            break;
        case 4:
            if (depth < 8) {
                hs__buf_printf(b, "{{%c%s}}", rnd(s) % 2 ? '#' : '^', name);
                open[depth++] = name;
            }
            break;
        case 5:
            if (depth)
                hs__buf_printf(b, "{{/%s}}", open[--depth]);
            break;
        case 6:
            hs__buf_puts(b, rnd(s) % 2 ? "{{>p}}" : "\n  {{>q}}\n");
            break;
        default:
            hs__buf_puts(b, "{{! note }}");
            break;
        }
    }
    while (depth)
        hs__buf_printf(b, "{{/%s}}", open[--depth]);
}

static void bytes(uint64_t *s, hs__buf *b) {
    static const char bias[] = "{}#^/>!&=. \n";
    size_t n = rnd(s) % 64;
    hs__buf_reset(b);
    for (size_t i = 0; i < n; i++) {
        uint64_t r = rnd(s);
        hs__buf_putc(b, r & 1 ? bias[(r >> 8) % (sizeof(bias) - 1)]
                              : (int)((r >> 8) & 0xff));
    }
}

Test(hostile, random_templates_never_crash) {
    alarm(120);
    uint64_t seed = 0x9e3779b97f4a7c15ULL;
    json_t *data = json_loads(
        "{\"a\":true,\"b\":[1,2],\"l\":[{\"a\":\"<\"},{\"a\":false},3],"
        "\"x\":{\"y\":\"{{a}}\"},\"s\":\"<i>\",\"c\":{\"c\":{\"c\":1}}}",
        0, NULL);
    hs__buf src = HS_BUF_INIT, p = HS_BUF_INIT, q = HS_BUF_INIT;
    hs__buf out = HS_BUF_INIT, out2 = HS_BUF_INIT;
    int n_ok = 0, n_err = 0;
    cr_assert(data != NULL);
    for (int i = 0; i < 30000; i++) {
        hs_error err = {0};
        hs__tmpl *t = NULL;
        json_t *parts;
        int rc;
        if (i % 3 == 0)
            bytes(&seed, &src);
        else if (i % 3 == 1)
            soup(&seed, &src);
        else
            shaped(&seed, &src);
        if (rnd(&seed) % 2)
            soup(&seed, &p);
        else
            shaped(&seed, &p);
        shaped(&seed, &q);
        /* Partials are C strings: NUL pieces just shorten them. */
        parts = json_pack("{s:s,s:s,s:s}", "p", p.data, "q", q.data, "r",
                          "[{{>p}}]");
        hs__buf_reset(&out);
        hs__buf_puts(&out, "pre");
        rc = hs__tmpl_render("fuzz", src.data, src.len, data, partial_cb, parts,
                             &out, &err);
        cr_assert(rc == 0 || rc == HS_EINVAL, "rc %d for case %d", rc, i);
        if (rc) {
            cr_assert_eq(err.code, rc);
            cr_assert(strncmp(err.msg, "template '", 10) == 0, "%s", err.msg);
            cr_assert_eq(out.len, 3, "failed render left output (case %d)", i);
            n_err++;
        } else {
            n_ok++;
        }
        /* The compiled path agrees with the one-shot path. */
        if (hs__tmpl_compile("fuzz", src.data, src.len, partial_cb, parts, &t,
                             &err) == 0) {
            hs__buf_reset(&out2);
            hs__buf_puts(&out2, "pre");
            int rc2 = hs__tmpl_exec(t, data, &out2, &err);
            cr_assert_eq(rc2, rc, "case %d", i);
            cr_assert_eq(out2.len, out.len, "case %d", i);
            cr_assert(memcmp(out.data, out2.data, out.len) == 0, "case %d", i);
        }
        hs__tmpl_free(t);
        json_decref(parts);
    }
    /* Both outcomes must be well represented, or the loop tests little. */
    cr_expect_gt(n_ok, 2000, "%d renders succeeded", n_ok);
    cr_expect_gt(n_err, 2000, "%d renders failed", n_err);
    json_decref(data);
    hs__buf_release(&src);
    hs__buf_release(&p);
    hs__buf_release(&q);
    hs__buf_release(&out);
    hs__buf_release(&out2);
}
