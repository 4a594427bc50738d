/*
 * The markdown layer: cmark-gfm (with the table and tasklist extensions)
 * turns the text into a tree, and one iterative walk over its blocks turns
 * the tree into sections. The walk never recurses, so deeply nested input
 * (ten thousand block quotes) costs memory linear in its size and no stack.
 * This file knows markdown, not postmortems: which section means what is
 * extract.c's business.
 */
#include "read/parse.h"
#include "base/arena.h"
#include "base/text.h"
#include "base/util.h"
#include "model/record.h"
#include "read/extract_actions.h"
#include "read/sections.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

static pthread_once_t ext_once = PTHREAD_ONCE_INIT;

/* Tables wider than this are not read as tables (see defuse_tables). */
#define MAX_TABLE_COLUMNS 64

/* How many times `c` is in text[0..len), counted up to max + 1. */
static size_t count_upto(const char *text, size_t len, char c, size_t max) {
    size_t n = 0;
    const char *end = text + len;
    for (const char *p = text;
         n <= max && (p = memchr(p, c, (size_t)(end - p))); p++)
        n++;
    return n;
}

/*
 * The end of the line that starts at text[line] (its '\n' or '\r', or len)
 * and, in *next, where the next one starts: markdown ends lines at LF,
 * CR LF and a lone CR (old Mac files), and so does this file's scan.
 * A text with no CR at all (has_cr 0, asked once per text) has its LFs
 * found by memchr: a byte at a time, this scan of every line of every
 * file was 2.8% of an index run's instructions. With CRs it stays a byte
 * at a time, as a memchr for the LF would cross a file of lone CRs once
 * per line.
 */
static size_t line_end(const char *text, size_t len, size_t line, int has_cr,
                       size_t *next) {
    size_t end = line;
    if (!has_cr) {
        const char *lf = memchr(text + line, '\n', len - line);
        end = lf ? (size_t)(lf - text) : len;
    }
    while (end < len && text[end] != '\n' && text[end] != '\r')
        end++;
    *next =
        end + 1 + (end + 1 < len && text[end] == '\r' && text[end + 1] == '\n');
    return end;
}

/* Whether text[s..e) is blank: spaces and tabs only. */
static int is_blank_line(const char *text, size_t s, size_t e) {
    while (s < e && (text[s] == ' ' || text[s] == '\t'))
        s++;
    return s == e;
}

/*
 * Whether text[s..e) may be a table's delimiter row (|---|:-:|, after any
 * '>' of a block quote): only those characters and blanks, with at least
 * one '-'. *cols: its runs of '-', one per column.
 */
static int is_delimiter_row(const char *text, size_t s, size_t e,
                            size_t *cols) {
    *cols = 0;
    while (s < e && (text[s] == ' ' || text[s] == '\t' || text[s] == '>'))
        s++;
    for (size_t k = s; k < e; k++) {
        if (text[k] == '-')
            *cols += k == s || text[k - 1] != '-';
        else if (text[k] != '|' && text[k] != ':' && text[k] != ' ' &&
                 text[k] != '\t')
            return 0;
    }
    return *cols > 0;
}

/* Append text[s..e) with each '|' as U+00A6, a broken bar. */
static void put_without_pipes(hs__buf *b, const char *text, size_t s,
                              size_t e) {
    for (size_t k = s; k < e; k++) {
        if (text[k] == '|')
            hs__buf_puts(b, "\xc2\xa6");
        else
            hs__buf_putc(b, text[k]);
    }
}

/* Cells a table may add to pad its rows beyond a quarter of the rows'
 * bytes and this (see defuse_tables). */
#define MAX_TABLE_PADDING 4096

/*
 * cmark-gfm 0.29.0.gfm.6 (Debian 12) pads every row of a table to the
 * width of its header, so a 3,000-column header over short rows made 9
 * million cells from 21 KB (CVE-2023-37463, fixed upstream in gfm.12).
 * Lines with more pipes than a sane table has columns get theirs replaced
 * by U+00A6 (a broken bar), so such a "table" stays text. Within that
 * width the padding is still the attack: a 64-column header over 100,000
 * rows of "|a" (300 KB) made 6.4 million cells, 2 GB and 35 s (a 2 MiB
 * file would take some 13 GB), all under parse_lock. A table whose rows
 * would be padded with more cells than a quarter of their bytes (plus
 * MAX_TABLE_PADDING) loses the pipes of its header and delimiter row, so
 * it is read as text; a real table writes its cells out. A table's rows
 * run to the next blank line, as GFM's do. Returns a new copy (caller
 * frees) or NULL when nothing needed changing.
 */
static char *defuse_tables(const char *text, size_t len, size_t *out_len) {
    hs__buf b = HS_BUF_INIT;
    size_t done = 0, prev = 0, prev_end = 0, table_end = 0, next;
    int has_prev = 0, has_cr = memchr(text, '\r', len) != NULL;
    for (size_t line = 0; line < len; line = next) {
        size_t end = line_end(text, len, line, has_cr, &next), cols;
        if (line >= table_end && has_prev &&
            memchr(text + prev, '|', prev_end - prev) &&
            is_delimiter_row(text, line, end, &cols)) {
            size_t rows = 0, written = 0, r = next, r_next, padding;
            while (r < len) {
                size_t e = line_end(text, len, r, has_cr, &r_next);
                if (is_blank_line(text, r, e))
                    break;
                rows++;
                written += count_upto(text + r, e - r, '|', cols);
                r = r_next;
            }
            table_end = r;
            padding = cols * rows > written ? cols * rows - written : 0;
            if (padding > (r - next) / 4 + MAX_TABLE_PADDING) {
                if (prev >= done) {
                    hs__buf_put(&b, text + done, prev - done);
                    put_without_pipes(&b, text, prev, prev_end);
                    done = prev_end;
                }
                hs__buf_put(&b, text + done, line - done);
                put_without_pipes(&b, text, line, end);
                done = end;
            }
        }
        if (done <= line && count_upto(text + line, end - line, '|',
                                       MAX_TABLE_COLUMNS) > MAX_TABLE_COLUMNS) {
            hs__buf_put(&b, text + done, line - done);
            put_without_pipes(&b, text, line, end);
            done = end;
        }
        prev = line;
        prev_end = end;
        has_prev = 1;
    }
    if (!b.alloc)
        return NULL;
    hs__buf_put(&b, text + done, len - done);
    return hs__buf_detach(&b, out_len);
}

/*
 * A paragraph with more brackets, or more emphasis delimiter runs, than
 * this has them escaped.
 */
#define MAX_BRACKETS 1000
#define MAX_EMPHASIS_RUNS 1000
/* ... or more '@' than this has them replaced (see defuse_paragraphs) */
#define MAX_AT_SIGNS 1000

/*
 * Whether the '_' at text[i] sits inside a word. Such an underscore never
 * opens or closes emphasis (CommonMark), so it is neither counted nor
 * escaped; bytes of UTF-8 letters count as word characters.
 */
static int is_intraword_underscore(const char *text, size_t len, size_t i) {
    unsigned char before = i > 0 ? (unsigned char)text[i - 1] : ' ';
    unsigned char after = i + 1 < len ? (unsigned char)text[i + 1] : ' ';
    return (hs__isalnum(before) || before >= 0x80) &&
           (hs__isalnum(after) || after >= 0x80);
}

/* Whether text[k] is a '*' or a '_' that may delimit emphasis. */
static int is_emphasis_char(const char *text, size_t len, size_t k) {
    return text[k] == '*' ||
           (text[k] == '_' && !is_intraword_underscore(text, len, k));
}

/*
 * The same cmark-gfm is quadratic in the brackets of one paragraph
 * (CVE-2023-22486 and CVE-2023-24824, fixed upstream in gfm.7 and .10):
 * 450 KB of "![[]()" took 12 s, the 8 MiB file limit would take an hour.
 * It is quadratic, too, in the emphasis delimiter runs of one paragraph
 * when '*' openers and '_' closers that never match them alternate (each
 * closer searches back through every opener): 240 KB of "*a**b_" took
 * 6 s, 600 KB took 48 s, all under the lock that every parse takes. In a
 * paragraph (lines up to a blank one) with more than MAX_BRACKETS '[', every
 * '[' is escaped, so none opens a link; with more than MAX_EMPHASIS_RUNS runs
 * of '*' and '_', every '*' and '_' that may delimit emphasis is, so the
 * paragraph shows them literally. Its autolink extension costs 6 KB for
 * each e-mail address of a long paragraph (1.2 MB of "a@b.c " took 1.2
 * GB), and escaping does not stop it: with more than MAX_AT_SIGNS '@',
 * each becomes U+FF20 (a fullwidth at sign), as wide tables lose their
 * pipes. No real postmortem writes a thousand links, emphases or addresses
 * in one paragraph. Returns a new copy (caller frees) or NULL when nothing
 * needed changing.
 */
static char *defuse_paragraphs(const char *text, size_t len, size_t *out_len) {
    hs__buf b = HS_BUF_INIT;
    size_t start = 0, done = 0, brackets = 0, runs = 0, ats = 0;
    int is_blank = 1;
    for (size_t i = 0; i <= len; i++) {
        if (i < len && text[i] != '\n') {
            brackets += text[i] == '[';
            ats += text[i] == '@';
            /* a run starts where an emphasis character follows another */
            runs += is_emphasis_char(text, len, i) &&
                    (i == 0 || text[i - 1] != text[i]);
            if (text[i] != ' ' && text[i] != '\t' && text[i] != '\r')
                is_blank = 0;
            continue;
        }
        /* the end of a line: a blank one (or the end) ends the paragraph */
        if (is_blank || i == len) {
            int esc_brackets = brackets > MAX_BRACKETS;
            int esc_emphasis = runs > MAX_EMPHASIS_RUNS;
            int esc_ats = ats > MAX_AT_SIGNS;
            if (esc_brackets || esc_emphasis || esc_ats) {
                hs__buf_put(&b, text + done, start - done);
                for (size_t k = start; k < i; k++) {
                    int esc;
                    if (text[k] == '@' && esc_ats) {
                        hs__buf_puts(&b, "\xef\xbc\xa0");
                        continue;
                    }
                    esc = text[k] == '['
                              ? esc_brackets
                              : esc_emphasis && is_emphasis_char(text, len, k);
                    if (esc && (k == start || text[k - 1] != '\\'))
                        hs__buf_putc(&b, '\\');
                    hs__buf_putc(&b, text[k]);
                }
                done = i;
            }
            start = i + 1;
            brackets = 0;
            runs = 0;
            ats = 0;
        }
        is_blank = 1;
    }
    if (!b.alloc)
        return NULL;
    hs__buf_put(&b, text + done, len - done);
    return hs__buf_detach(&b, out_len);
}

/*
 * All the defusals; a new copy (caller frees) or NULL when nothing changed.
 * A text with no more brackets, '*' and '_', or '@' than one paragraph
 * may hold has no paragraph over a limit (its emphasis runs are at most
 * its '*' and '_'): memchr tells so at a fraction of the cost of the scan.
 */
static char *defuse(const char *text, size_t len, size_t *out_len) {
    size_t n = len;
    char *tables = defuse_tables(text, len, &n), *both = NULL;
    const char *t = tables ? tables : text;
    if (count_upto(t, n, '[', MAX_BRACKETS) > MAX_BRACKETS ||
        count_upto(t, n, '@', MAX_AT_SIGNS) > MAX_AT_SIGNS ||
        count_upto(t, n, '*', MAX_EMPHASIS_RUNS) +
                count_upto(t, n, '_', MAX_EMPHASIS_RUNS) >
            MAX_EMPHASIS_RUNS)
        both = defuse_paragraphs(t, n, out_len);
    if (!both && tables) {
        *out_len = n;
        return tables;
    }
    free(tables);
    return both;
}

/*
 * A file's cmark-gfm tree lives in an arena (base/arena.c): its some 600
 * allocations per file cost a tenth of an index run through malloc and
 * free, and the whole tree goes at once. cmark's allocator callbacks take
 * no context, so they find the arena of the parse under way on their
 * thread through md_arena, set only while one file is parsed and walked
 * (cmark-gfm 0.29 and its extensions free through the callbacks only
 * what they allocated through them). Inputs over
 * MD_ARENA_MAX bytes keep the system allocator, so that a pathological
 * file's freed temporaries are not all held until its end.
 */
#define MD_ARENA_MAX 1048576

static _Thread_local hs__arena *md_arena;

static void *md_calloc(size_t n, size_t size) {
    return hs__arena_calloc(md_arena, n, size);
}

static void *md_realloc(void *p, size_t size) {
    return hs__arena_realloc(md_arena, p, size);
}

static void md_free(void *p) {
    hs__arena_give_back(md_arena, p);
}

static cmark_mem md_mem = {md_calloc, md_realloc, md_free};

static void register_extensions(void) {
    cmark_gfm_core_extensions_ensure_registered();
}

/*
 * cmark-gfm 0.29 keeps the table of special inline characters in a global
 * (github/cmark-gfm#176): cmark_parser_finish() adds its parser's
 * extension characters before the inline pass and removes them after it,
 * so two threads finishing at once lose each other's autolinks and
 * strikethroughs. Only the finish takes this lock. Creating a parser,
 * attaching extensions and feeding it (the block pass) touch only the
 * parser and its memory, so they run unlocked on every thread, as do
 * walking and rendering the finished tree.
 */
static pthread_mutex_t parse_lock = PTHREAD_MUTEX_INITIALIZER;

/*
 * The cmark-gfm tree of text[0..len), after the defusals, with the GFM
 * extensions we read; its parser in *parser (its extensions render the
 * tree), through `mem` when not NULL. The caller frees both. Only
 * cmark_parser_finish() holds parse_lock.
 */
static cmark_node *parse_tree(const char *text, size_t len, int options,
                              cmark_mem *mem, cmark_parser **parser) {
    static const char *const exts[] = {"table", "tasklist", "strikethrough",
                                       "autolink"};
    size_t safe_len = 0;
    char *safe = defuse(text, len, &safe_len);
    cmark_node *root;
    *parser = mem ? cmark_parser_new_with_mem(options, mem)
                  : cmark_parser_new(options);
    for (size_t i = 0; i < HS_ARRAY_LEN(exts); i++) {
        cmark_syntax_extension *e = cmark_find_syntax_extension(exts[i]);
        if (e)
            cmark_parser_attach_syntax_extension(*parser, e);
    }
    cmark_parser_feed(*parser, safe ? safe : text, safe ? safe_len : len);
    pthread_mutex_lock(&parse_lock);
    root = cmark_parser_finish(*parser);
    pthread_mutex_unlock(&parse_lock);
    free(safe);
    return root;
}

static int type_is(cmark_node *n, const char *name) {
    const char *t = cmark_node_get_type_string(n);
    return t && !strcmp(t, name);
}

/*
 * Append the plain text of the inline content under `node` to `out`.
 * Soft breaks become `softbreak` (a space or a newline); raw HTML,
 * footnote references and images' alt text are dropped. Link destinations go to
 * `links`.
 */
static void inline_text(cmark_node *node, hs__buf *out, int softbreak,
                        hs_strlist *links) {
    cmark_iter *it = cmark_iter_new(node);
    cmark_event_type ev;
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        cmark_node *cur = cmark_iter_get_node(it);
        if (ev != CMARK_EVENT_ENTER)
            continue;
        switch (cmark_node_get_type(cur)) {
        case CMARK_NODE_HTML_INLINE:
            /* raw HTML is text to us (escaped wherever it is shown), but
             * comments are the template's notes, not the author's words */
            if (!strncmp(cmark_node_get_literal(cur)
                             ? cmark_node_get_literal(cur)
                             : "",
                         "<!--", 4))
                break;
            /* fall through */
        case CMARK_NODE_TEXT:
        case CMARK_NODE_CODE:
        case CMARK_NODE_CODE_BLOCK: {
            const char *lit = cmark_node_get_literal(cur);
            if (lit)
                hs__buf_puts(out, lit);
            break;
        }
        case CMARK_NODE_SOFTBREAK:
            hs__buf_putc(out, softbreak);
            break;
        case CMARK_NODE_LINEBREAK:
            hs__buf_putc(out, '\n');
            break;
        case CMARK_NODE_LINK:
            if (links && cmark_node_get_url(cur) && *cmark_node_get_url(cur))
                hs__strlist_push(links, cmark_node_get_url(cur));
            break;
        case CMARK_NODE_IMAGE:
            /* an image's alt text describes a picture ("2023-01-02 13:00
             * error graph", "Screenshot 2023-01-02 at 13.00"): no words of
             * the author's, no time of an event; skip to its end */
            cmark_iter_reset(it, cur, CMARK_EVENT_EXIT);
            break;
        default:
            break;
        }
    }
    cmark_iter_free(it);
}

/*
 * The text of `node` (node_text_sep) or of a table cell (node_text),
 * trimmed, as a new string; its links go to doc->links. The text is
 * gathered in doc->scratch, kept from one node to the next: a buffer of
 * its own for each node, grown and freed, was 1.2% of an index run's
 * instructions.
 */
static char *node_text_sep(hs__doc *doc, cmark_node *node, int softbreak) {
    hs__buf_reset(&doc->scratch);
    inline_text(node, &doc->scratch, softbreak, &doc->links);
    hs__utf8_repair(&doc->scratch);
    return hs__strtrim(doc->scratch.data, doc->scratch.len);
}

static char *node_text(hs__doc *doc, cmark_node *node) {
    return node_text_sep(doc, node, ' ');
}

static hs__section *add_section(hs__doc *doc, const char *heading, int level,
                                int line) {
    hs__section *s;
    HS_ALLOC_GROW(doc->sections, doc->n_sections + 1, doc->alloc_sections);
    s = &doc->sections[doc->n_sections++];
    memset(s, 0, sizeof(*s));
    s->heading = hs__xstrdup(heading);
    s->level = level;
    s->line = line;
    s->body_off = doc->body.len;
    hs__buf_init(&s->text);
    return s;
}

static void add_field(hs__section *s, const char *key, size_t key_len,
                      const char *value, size_t value_len, int line,
                      int is_bold) {
    hs__field *f;
    char *k = hs__strtrim(key, key_len);
    size_t kl = strlen(k);
    while (kl && (k[kl - 1] == ':' || k[kl - 1] == ' '))
        k[--kl] = '\0';
    if (!kl) {
        free(k);
        return;
    }
    HS_ALLOC_GROW(s->fields, s->n_fields + 1, s->alloc_fields);
    f = &s->fields[s->n_fields++];
    f->key = k;
    while (value_len && *value == ' ')
        value++, value_len--;
    while (value_len && value[value_len - 1] == ' ')
        value_len--;
    /* a value that is one page link ("commander:: [[Ingrid Holm]]", as
     * Logseq and Obsidian link a person's page) is the page's name */
    if (value_len > 4 && !strncmp(value, "[[", 2) &&
        !strncmp(value + value_len - 2, "]]", 2) &&
        !memchr(value + 2, ']', value_len - 4) &&
        !memchr(value + 2, '[', value_len - 4))
        value += 2, value_len -= 4;
    f->value = hs__strtrim(value, value_len);
    f->line = line;
    f->is_bold = is_bold;
}

/*
 * A plain "Key: value" line: a short key of at most five words that starts
 * with a letter. The colon may be doubled, as Logseq and Obsidian's
 * Dataview write a page's properties ("severity:: [[S3]]"). Returns the
 * length of the key or 0.
 */
static size_t plain_key_len(const char *s) {
    const char *colon = strchr(s, ':');
    size_t n, words = 1;
    if (!colon || !hs__isalpha((unsigned char)s[0]))
        return 0;
    n = (size_t)(colon - s);
    if (colon[1] == ':')
        colon++;
    if (n == 0 || n > 40 || (colon[1] && colon[1] != ' ' && colon[1] != '\t'))
        return 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == ' ')
            words++;
        /* a unit or zone in brackets may end the key: "Duration
         * (minutes)", "Start (UTC)" */
        if (s[i] == '(' && i && s[i - 1] == ' ' && s[n - 1] == ')' &&
            !memchr(s + i + 1, '(', n - i - 1))
            break;
        if (s[i] == '.' || s[i] == ',' || s[i] == '(' || s[i] == '"')
            return 0;
    }
    return words <= 5 ? n : 0;
}

/*
 * Find `**Key**: value` and `Key: value` lines in a paragraph. The inline
 * children of the paragraph are walked once; each soft or hard break ends a
 * line.
 */
/* Give field `idx` the continued value gathered in `cont`, if any. */
static void flush_cont(hs__section *s, hs__buf *cont, size_t idx) {
    if (!cont->len)
        return;
    free(s->fields[idx].value);
    s->fields[idx].value = hs__buf_detach(cont, NULL);
}

/*
 * The length of the separator that ends `val` when another bold key
 * follows on the same line ("**Status:** Final · **Severity:** S2"): a
 * middle dot, bullet, bar or semicolon with the spaces around it; 0 if
 * none.
 */
static size_t pair_separator(const hs__buf *val) {
    static const char *const seps[] = {"\xc2\xb7", "\xe2\x80\xa2", "|", ";",
                                       NULL};
    size_t n = val->len;
    while (n && val->data[n - 1] == ' ')
        n--;
    for (size_t i = 0; seps[i]; i++) {
        size_t l = strlen(seps[i]);
        if (n >= l && !memcmp(val->data + n - l, seps[i], l))
            return val->len - (n - l);
    }
    return 0;
}

/* Is the key of `len` bytes at `key` a field name of the names table? */
static int is_field_name(const char *key, size_t len) {
    char k[48];
    if (len >= sizeof(k))
        return 0;
    memcpy(k, key, len);
    k[len] = '\0';
    return hs__name_kind(k, HS__NAME_FIELD, NULL) != HS_KIND_OTHER;
}

/*
 * The fields of a plain "Key: value" line, which may hold several pairs
 * separated by a middle dot, a bullet or a bar ("Incident date: October 7,
 * 2025 · Severity: S3 · Time to restore: 1.5 hours", an issue tracker's
 * "Type: Incident | Priority: High"), or by a comma before a key the names
 * table knows as a field ("TTD: 5m, TTM: 42m, TTR: 2h10m"; "Cause: a
 * typo, then: ..." stays one value); a part after a separator
 * that is no "Key: value" stays in the value before it. kl is the length
 * of the first key.
 */
static void plain_pairs(hs__section *s, const char *line_text, size_t kl,
                        int line) {
    static const char *const seps[] = {" \xc2\xb7 ", " \xe2\x80\xa2 ", " | ",
                                       ", ", NULL};
    const char *key = line_text, *v = line_text + kl + 1;
    for (;;) {
        if (*v == ':')
            v++; /* "severity:: S3" */
        const char *cut = NULL, *next = NULL;
        size_t nkl = 0;
        for (const char *p = v; *p && !cut; p++)
            for (size_t i = 0; seps[i] && !cut; i++) {
                size_t sl = strlen(seps[i]);
                if (!strncmp(p, seps[i], sl) &&
                    (nkl = plain_key_len(p + sl)) != 0 &&
                    (seps[i][0] != ',' || is_field_name(p + sl, nkl))) {
                    cut = p;
                    next = p + sl;
                }
            }
        add_field(s, key, kl, v, cut ? (size_t)(cut - v) : strlen(v), line, 0);
        if (!cut)
            return;
        key = next;
        kl = nkl;
        v = next + kl + 1;
    }
}

/*
 * A line of prose whose last sentence is a short "Key: value" with a key
 * the names table knows as a field ("Opened 2026-04-02 by Hana Novak.
 * Priority: P2."): where that sentence starts, its key's length in *kl;
 * NULL if none.
 */
static const char *closing_field(const char *line_text, size_t *kl) {
    const char *p;
    if (!strchr(line_text, ':') || !(p = hs__strstr_last(line_text, ". ")))
        return NULL;
    p += 2;
    if (!(*kl = plain_key_len(p)) || !is_field_name(p, *kl) ||
        strlen(p + *kl) > 40)
        return NULL;
    return p;
}

/*
 * The length of the dash that sets a value off from its key at s ("—",
 * "–" or "-", with a blank after it: "Duration of impact — 1 hour"); 0
 * if none.
 */
static size_t value_dash(const char *s) {
    size_t n =
        s[0] == '-' ? 1
        : (!strncmp(s, "\xe2\x80\x94", 3) || !strncmp(s, "\xe2\x80\x93", 3))
            ? 3
            : 0;
    return n && s[n] == ' ' ? n : 0;
}

/*
 * Is the key of `len` bytes at `key`, set off from value v by a dash, a
 * field? Only a key the names table knows, as a dash in prose
 * ("Checkout - the cart page - failed") sets off no value; not a status
 * page's state ("**Resolved** — This incident has been resolved."), a
 * status itself; and a key of one word only with a short value, as a
 * status page's other states ("Monitoring — Error rates are back to
 * normal and we are monitoring.") are names of facts too.
 */
static int is_dash_key(const char *key, size_t len, const char *v) {
    char k[48];
    if (!len || len >= sizeof(k) || !is_field_name(key, len))
        return 0;
    memcpy(k, key, len);
    k[len] = '\0';
    return hs_status_parse(k) == HS_STATUS_UNKNOWN &&
           (memchr(key, ' ', len) || strlen(v) <= 40);
}

/*
 * A "Key — value" line ("Duration of impact — 1 hour 15 minutes",
 * "Severity - SEV2") whose key is_dash_key: the key's length, with where
 * its value starts in *v; 0 if none.
 */
static size_t dash_key_len(const char *line_text, const char **v) {
    const char *p = strchr(line_text, ' ');
    for (; p && p - line_text <= 40; p = strchr(p + 1, ' ')) {
        size_t d = value_dash(p + 1);
        if (d &&
            is_dash_key(line_text, (size_t)(p - line_text), p + 1 + d + 1)) {
            *v = p + 1 + d + 1;
            return (size_t)(p - line_text);
        }
    }
    return 0;
}

/* The field a bold key and the text after it make, if the text opens
 * with a colon or the key ends in one, or the text opens with a dash
 * after a key the names table knows ("**Duration** — 75 minutes"). */
static void bold_field(hs__section *s, const hs__buf *key, const char *v,
                       int line) {
    int has_colon = key->len && key->data[key->len - 1] == ':';
    size_t d;
    while (*v == ' ')
        v++;
    if (*v == ':') {
        v++;
        has_colon = 1;
    } else if (!has_colon && (d = value_dash(v)) != 0 &&
               is_dash_key(key->data, key->len, v + d + 1)) {
        v += d;
        has_colon = 1;
    }
    if (has_colon)
        add_field(s, key->data, key->len, v, strlen(v), line, 1);
}

/* Does the line at t define the term on the line before it, as a
 * definition list writes it (":   75 minutes of failed payments")? */
static int is_definition_line(const char *t) {
    return t[0] == ':' && (t[1] == ' ' || t[1] == '\t');
}

static void paragraph_fields(hs__section *s, cmark_node *para, int line) {
    hs__buf key = HS_BUF_INIT, val = HS_BUF_INIT, cont = HS_BUF_INIT,
            term = HS_BUF_INIT; /* the line before, a definition's term */
    size_t cont_idx = 0;
    int is_line_start = 1, has_key = 0;
    size_t before = s->n_fields;
    int is_after_field = 0; /* the previous line was a field */
    cmark_node *c = cmark_node_first_child(para);
    for (;;) {
        int is_break = !c || cmark_node_get_type(c) == CMARK_NODE_SOFTBREAK ||
                       cmark_node_get_type(c) == CMARK_NODE_LINEBREAK;
        if (is_break) {
            size_t n_was = s->n_fields;
            size_t kl = 0;
            const char *tail;
            if (has_key) {
                flush_cont(s, &cont, cont_idx);
                bold_field(s, &key, val.data ? val.data : "", line);
            } else if (val.len && is_definition_line(val.data)) {
                /* "Customer impact" over ":   75 minutes ...": a field */
                if (term.len) {
                    hs__buf_puts(&term, val.data);
                    if ((kl = plain_key_len(term.data)) != 0) {
                        flush_cont(s, &cont, cont_idx);
                        plain_pairs(s, term.data, kl, line);
                    }
                }
            } else if (val.len && (kl = plain_key_len(val.data)) != 0) {
                flush_cont(s, &cont, cont_idx);
                plain_pairs(s, val.data, kl, line);
            } else if (val.len && (tail = closing_field(val.data, &kl))) {
                flush_cont(s, &cont, cont_idx);
                plain_pairs(s, tail, kl, line);
            } else if (val.len && (kl = dash_key_len(val.data, &tail))) {
                flush_cont(s, &cont, cont_idx);
                add_field(s, val.data, kl, tail, strlen(tail), line, 0);
            } else if (val.len && is_after_field && s->n_fields > before) {
                /* a long value wrapped onto the next line continues it;
                 * the lines gather in `cont` and replace the value once */
                if (!cont.len) {
                    cont_idx = s->n_fields - 1;
                    hs__buf_puts(&cont, s->fields[cont_idx].value);
                }
                hs__buf_putc(&cont, ' ');
                hs__buf_puts(&cont, val.data);
                hs__buf_rtrim(&cont);
                n_was = s->n_fields - 1;
            }

            is_after_field = s->n_fields > n_was;
            hs__buf_reset(&term);
            if (!has_key && !is_after_field && val.len &&
                !is_definition_line(val.data) && !strchr(val.data, ':'))
                hs__buf_puts(&term, val.data);
            if (!c)
                break;
            hs__buf_reset(&key);
            hs__buf_reset(&val);
            is_line_start = 1;
            has_key = 0;
            line++;
        } else if (is_line_start &&
                   cmark_node_get_type(c) == CMARK_NODE_STRONG) {
            inline_text(c, &key, ' ', NULL);
            hs__buf_rtrim(&key);
            has_key = 1;
            is_line_start = 0;
        } else if (has_key && cmark_node_get_type(c) == CMARK_NODE_STRONG &&
                   pair_separator(&val)) {
            /* "**Status:** Final · **Severity:** S2": several fields on
             * one line, each its own */
            hs__buf_truncate(&val, val.len - pair_separator(&val));
            flush_cont(s, &cont, cont_idx);
            bold_field(s, &key, val.data, line);
            hs__buf_reset(&key);
            hs__buf_reset(&val);
            inline_text(c, &key, ' ', NULL);
            hs__buf_rtrim(&key);
        } else {
            inline_text(c, &val, ' ', NULL);
            is_line_start = 0;
        }
        c = cmark_node_next(c);
    }
    flush_cont(s, &cont, cont_idx);
    /* lines of blanks can leave `cont` empty but allocated */
    hs__buf_release(&cont);
    hs__buf_release(&term);
    hs__buf_release(&key);
    hs__buf_release(&val);
}

static hs__item *push_item(hs__item **v, size_t *n, size_t *alloc) {
    hs__item *it;
    HS_ALLOC_GROW(*v, *n + 1, *alloc);
    it = &(*v)[(*n)++];
    memset(it, 0, sizeof(*it));
    it->checked = -1;
    return it;
}

/* Could a table cell be a key: short, a few words, starting with a letter? */
static int is_key_cell(const char *k) {
    size_t n = strlen(k), words = 1;
    if (!n || n > 40 || !hs__isalpha((unsigned char)k[0]))
        return 0;
    for (size_t i = 0; i < n; i++)
        words += k[i] == ' ';
    return words <= 5;
}

/* Words a header row gives its second column: a table of keys described,
 * not a key/value row. */
static int is_column_word(const char *s) {
    static const char *const words[] = {
        "value",   "values",      "description", "details",  "detail",
        "meaning", "definition",  "example",     "examples", "notes",
        "info",    "information", NULL};
    for (size_t i = 0; words[i]; i++)
        if (!hs__strcasecmp(s, words[i]))
            return 1;
    return 0;
}

/*
 * A two-column table whose first column holds keys (`| Severity | SEV2 |`)
 * is a block of fields. Its header row is one too when a row below names
 * a fact (the table is all keys and values, its first pair written as the
 * header) and it does not name its columns (`| Field | Value |`); a table
 * headed `| Impact | Users affected |` over `| Checkout | 30% |` is not.
 * The table stays a table.
 */
static void table_fields(const hs__doc *doc, hs__section *s,
                         const hs__table *t) {
    int is_kv = t->n_rows == 1; /* some row below the header names a fact */
    for (size_t r = 1; r < t->n_rows && !is_kv; r++)
        is_kv = hs__name_kind(t->cells[r * 2], HS__NAME_FIELD, doc->cfg) !=
                HS_KIND_OTHER;
    for (size_t r = 0; r < t->n_rows; r++) {
        /* "| 📅 Date | 14/03/2025 |": the key is what follows the emoji */
        const char *k = hs__skip_glyphs(t->cells[r * 2]),
                   *v = t->cells[r * 2 + 1];
        if (!*v || !is_key_cell(k) || (r == 0 && (!is_kv || is_column_word(v))))
            continue;
        add_field(s, k, strlen(k), v, strlen(v), t->lines[r], 1);
    }
}

/*
 * A table of one row under a header that names facts (`| Date | Severity
 * | Duration |` over `| 2024-03-01 | SEV2 | 47 min |`) is a block of
 * fields, one per column: each header cell the key, the cell below it the
 * value. At least two columns must name facts, so an action table's one
 * row with a Date column stays an action.
 */
static void column_fields(const hs__doc *doc, hs__section *s,
                          const hs__table *t) {
    size_t known = 0;
    if (t->n_rows != 2)
        return;
    for (size_t c = 0; c < t->n_cols; c++) {
        if (!is_key_cell(t->cells[c]))
            return;
        known += hs__name_kind(t->cells[c], HS__NAME_FIELD, doc->cfg) !=
                 HS_KIND_OTHER;
    }
    if (known < 2 && known < t->n_cols)
        return;
    for (size_t c = 0; c < t->n_cols; c++) {
        const char *k = t->cells[c], *v = t->cells[t->n_cols + c];
        if (*v)
            add_field(s, k, strlen(k), v, strlen(v), t->lines[1], 1);
    }
}

/* A table of n_rows by n_cols empty cells, the next of section s. */
static hs__table *new_table(hs__doc *doc, hs__section *s, size_t n_rows,
                            size_t n_cols) {
    hs__table *t;
    HS_ALLOC_GROW(s->tables, s->n_tables + 1, s->alloc_tables);
    t = &s->tables[s->n_tables++];
    t->n_cols = n_cols;
    t->n_rows = n_rows;
    t->seq = doc->next_seq++;
    t->cells = hs__xcalloc(n_rows * n_cols, sizeof(char *));
    t->lines = hs__xcalloc(n_rows, sizeof(int));
    return t;
}

/*
 * The last of reading a table whose cells are filled (a row's missing
 * cells left NULL): they become empty, its text joins the body a row a
 * line, and its key/value rows and one-row header are fields. Markdown,
 * wiki-markup and CSV tables end alike.
 */
static void table_done(hs__doc *doc, hs__section *s, hs__table *t) {
    for (size_t i = 0; i < t->n_rows * t->n_cols; i++) {
        if (!t->cells[i])
            t->cells[i] = hs__xstrdup("");
        hs__buf_puts(&doc->body, t->cells[i]);
        hs__buf_putc(&doc->body, (i + 1) % t->n_cols ? ' ' : '\n');
    }
    if (t->n_cols == 2)
        table_fields(doc, s, t);
    column_fields(doc, s, t);
}

/* The table node `table` as the next table of section s; its rows' lines
 * are the nodes' unless `row_lines` gives them. */
static void add_table(hs__doc *doc, hs__section *s, cmark_node *table,
                      const int *row_lines) {
    hs__table *t;
    size_t n_cols = 0, n_rows = 0, r = 0;
    cmark_node *row, *cell;
    for (row = cmark_node_first_child(table); row; row = cmark_node_next(row)) {
        size_t n = 0;
        for (cell = cmark_node_first_child(row); cell;
             cell = cmark_node_next(cell))
            n++;
        if (n > n_cols)
            n_cols = n;
        n_rows++;
    }
    if (!n_rows || !n_cols)
        return;
    t = new_table(doc, s, n_rows, n_cols);
    for (row = cmark_node_first_child(table); row;
         row = cmark_node_next(row), r++) {
        size_t c = 0;
        t->lines[r] = row_lines ? row_lines[r] : cmark_node_get_start_line(row);
        for (cell = cmark_node_first_child(row); cell;
             cell = cmark_node_next(cell), c++)
            t->cells[r * n_cols + c] = node_text(doc, cell);
    }
    table_done(doc, s, t);
}

/* The cell tags of an HTML table row: <td> and <th>. */
static int is_cell_tag(const char *w, size_t n) {
    return n == 2 &&
           (!hs__strncasecmp(w, "td", 2) || !hs__strncasecmp(w, "th", 2));
}

/*
 * A table in raw HTML, as pandoc and the exporters of Google Docs and
 * Confluence write one when a cell holds more than a line
 * ("<tr><td><strong>Severity</strong></td><td><p>SEV1</p></td></tr>"),
 * written into `md` as the GFM table it stands for: tags in a cell are
 * dropped (a <br> or <p> is a space), its pipes escaped, and cmark decodes
 * the entities when it parses `md`; text outside the cells is not kept.
 * Each row's line (its first cell's, counting `lit` from `line`) goes to
 * *lines (caller frees). Each character is looked at a bounded number of
 * times. Returns the rows, 0 (and nothing to free) if `lit` holds no row
 * with a cell.
 */
static size_t html_table_md(const char *lit, int line, hs__buf *md,
                            int **lines) {
    hs__buf rows = HS_BUF_INIT;
    size_t *at = NULL, *n_cells = NULL, n_rows = 0, alloc = 0, alloc_c = 0,
           alloc_l = 0, n_cols = 0, cell_len = 0;
    int ln = line, in_row = 0, in_cell = 0, space = 0;
    *lines = NULL;
    for (const char *p = lit; *p;) {
        if (*p == '<') {
            const char *e = strchr(p, '>'), *w = p + 1 + (p[1] == '/');
            size_t n = 0;
            int is_close = p[1] == '/';
            if (!e)
                break; /* no tag closes from here on */
            while (hs__isalpha((unsigned char)w[n]))
                n++;
            for (const char *q = p; q < e; q++)
                ln += *q == '\n';
            if (n == 2 && !hs__strncasecmp(w, "tr", 2)) {
                if (in_row && n_cells[n_rows - 1] == 0)
                    n_rows--, rows.len = at[n_rows]; /* "<tr></tr>" */
                else if (in_row)
                    hs__buf_puts(&rows, " |\n");
                in_row = !is_close;
                in_cell = 0;
                if (in_row) {
                    HS_ALLOC_GROW(at, n_rows + 1, alloc);
                    HS_ALLOC_GROW(n_cells, n_rows + 1, alloc_c);
                    HS_ALLOC_GROW(*lines, n_rows + 1, alloc_l);
                    at[n_rows] = rows.len;
                    n_cells[n_rows++] = 0;
                }
            } else if (is_cell_tag(w, n) && in_row) {
                in_cell = !is_close;
                if (in_cell) {
                    /* a row's line is its first cell's; a space goes
                     * before each pipe, which a cell ending in a
                     * backslash ("C:\") would escape */
                    if (!n_cells[n_rows - 1])
                        (*lines)[n_rows - 1] = ln;
                    hs__buf_puts(&rows, n_cells[n_rows - 1] ? " | " : "| ");
                    if (++n_cells[n_rows - 1] > n_cols)
                        n_cols = n_cells[n_rows - 1];
                    cell_len = 0;
                }
            } else if (n == 5 && !hs__strncasecmp(w, "table", 5) && is_close) {
                in_cell = 0;
            }
            space = 1; /* a tag inside a cell parts its words */
            p = e + 1;
            continue;
        }
        ln += *p == '\n';
        if (in_cell && hs__isspace((unsigned char)*p)) {
            space = 1;
        } else if (in_cell) {
            if (space && cell_len)
                hs__buf_putc(&rows, ' ');
            space = 0;
            if (*p == '|')
                hs__buf_putc(&rows, '\\');
            hs__buf_putc(&rows, *p);
            cell_len++;
        }
        p++;
    }
    if (in_row && n_cells[n_rows - 1] == 0)
        n_rows--, rows.len = at[n_rows];
    else if (in_row)
        hs__buf_puts(&rows, " |\n");
    if (n_rows) {
        /* the header row, as wide as the widest row: GFM drops the cells
         * of a row past the header's */
        hs__buf_put(md, rows.data, (n_rows > 1 ? at[1] : rows.len) - 3);
        for (size_t c = n_cells[0]; c < n_cols; c++)
            hs__buf_puts(md, " | ");
        hs__buf_puts(md, " |\n|");
        for (size_t c = 0; c < n_cols; c++)
            hs__buf_puts(md, "---|");
        hs__buf_putc(md, '\n');
        if (n_rows > 1)
            hs__buf_put(md, rows.data + at[1], rows.len - at[1]);
    } else {
        free(*lines);
        *lines = NULL;
    }
    hs__buf_release(&rows);
    free(at);
    free(n_cells);
    return n_rows;
}

/*
 * The table node of the GFM table html_table_md wrote for `lit`, in a
 * tree of its own (*tree, which the caller frees with *parser; both NULL
 * when there is no table), through `mem` when not NULL. Its rows go
 * through parse_tree, so the padding and width defusals of markdown
 * tables apply.
 */
static cmark_node *html_table_node(const char *lit, int line, cmark_mem *mem,
                                   cmark_node **tree, cmark_parser **parser,
                                   int **lines) {
    hs__buf md = HS_BUF_INIT;
    cmark_node *node = NULL;
    *tree = NULL;
    *parser = NULL;
    if (html_table_md(lit, line, &md, lines)) {
        *tree = parse_tree(md.data, md.len, 0, mem, parser);
        for (node = cmark_node_first_child(*tree);
             node && !type_is(node, "table"); node = cmark_node_next(node))
            ;
    }
    hs__buf_release(&md);
    return node;
}

/*
 * An HTML block that is a table is read as the markdown table it stands
 * for (html_table_md): a key/value table gives fields, a timeline table
 * its entries, each with its row's line. 0 if the block holds no table.
 */
static int html_table(hs__doc *doc, hs__section *s, const char *lit, int line) {
    cmark_node *tree, *node;
    cmark_parser *parser;
    int *lines;
    node = html_table_node(lit, line, md_arena ? &md_mem : NULL, &tree, &parser,
                           &lines);
    if (node)
        add_table(doc, s, node, lines);
    if (tree) {
        cmark_node_free(tree);
        cmark_parser_free(parser);
    }
    free(lines);
    return node != NULL;
}

/* Is the line s[0..n) a macro of Confluence's wiki markup alone
 * ("{expand:title=Timeline}", "{expand}")? */
static int is_wiki_macro(const char *s, size_t n) {
    return n >= 3 && s[0] == '{' && s[n - 1] == '}' && hs__isalpha(s[1]);
}

/* Split the wiki-markup row s[0..n) at `sep` ("||" in a header, "|" in a
 * row) outside a macro's braces and a link's brackets
 * ("|Severity|{status:colour=Yellow|title=SEV 2}|"); the cells trimmed,
 * at most `cap`; their count. */
static size_t wiki_cells(const char *s, size_t n, const char *sep, char **out,
                         size_t cap) {
    size_t sl = strlen(sep), nc = 0, from = sl;
    int depth = 0;
    for (size_t i = sl; i + sl <= n && nc < cap; i++) {
        if (s[i] == '{' || s[i] == '[')
            depth++;
        else if ((s[i] == '}' || s[i] == ']') && depth)
            depth--;
        else if (!depth && !strncmp(s + i, sep, sl)) {
            out[nc++] = hs__strtrim(s + from, i - from);
            from = i + sl;
            i += sl - 1;
        }
    }
    return nc;
}

/*
 * A table in Confluence's wiki markup, as a page exported with its markup
 * left in writes one: a header row "||Time||Event||" over rows
 * "|14:02|Deploy|", between lines that are a macro alone ("{expand}").
 * It is read as the table it is (a block of fields when it has two
 * columns, as a markdown table is). 0 if the paragraph is no such table.
 */
static int wiki_table(hs__doc *doc, hs__section *s, cmark_node *node,
                      int line_offset) {
    enum { MAX_COLS = 16, MAX_ROWS = 256 };
    char *text = node_text_sep(doc, node, '\n'), *cells[MAX_COLS];
    const char *row_at[MAX_ROWS];
    size_t row_len[MAX_ROWS], n_rows = 0, n_cols = 0, first_line = 0, ln = 0;
    int is_table = 1;
    hs__table *t;
    for (const char *p = text; *p && is_table; ln++) {
        size_t n = strcspn(p, "\n");
        if (is_wiki_macro(p, n) && (!n_rows || n_rows == ln - first_line))
            ; /* a macro before the table or after its last row */
        else if (n_rows < MAX_ROWS && n >= 4 && p[0] == '|' &&
                 p[n - 1] == '|' && (n_rows ? p[1] != '|' : p[1] == '|') &&
                 (!n_rows || n_rows == ln - first_line)) {
            if (!n_rows)
                first_line = ln;
            row_at[n_rows] = p;
            row_len[n_rows++] = n;
        } else {
            is_table = 0;
        }
        p += n + (p[n] == '\n');
    }
    if (!is_table || n_rows < 2) {
        free(text);
        return 0;
    }
    for (size_t r = 0; r < n_rows; r++) {
        size_t nc =
            wiki_cells(row_at[r], row_len[r], r ? "|" : "||", cells, MAX_COLS);
        if (nc > n_cols)
            n_cols = nc;
        for (size_t c = 0; c < nc; c++)
            free(cells[c]);
    }
    t = new_table(doc, s, n_rows, n_cols);
    for (size_t r = 0; r < n_rows; r++) {
        /* a short row's other cells stay NULL, empty in table_done */
        wiki_cells(row_at[r], row_len[r], r ? "|" : "||", t->cells + r * n_cols,
                   n_cols);
        t->lines[r] = cmark_node_get_start_line(node) + line_offset +
                      (int)(first_line + r);
    }
    free(text);
    table_done(doc, s, t);
    return 1;
}

/*
 * One record of CSV at p (before end), as a spreadsheet writes it: fields
 * parted by `sep`, a field in double quotes may hold the separator, a
 * newline or a quote doubled (""). The fields, trimmed, into out (at most
 * cap); their count, *next past the record's newline and *n_lines the
 * newlines it read. Each character is read once.
 */
static size_t csv_record(const char *p, const char *end, char sep, char **out,
                         size_t cap, const char **next, int *n_lines) {
    hs__buf f = HS_BUF_INIT;
    size_t nc = 0;
    int in_quotes = 0;
    *n_lines = 0;
    for (;; p++) {
        if (p < end && in_quotes) {
            if (*p == '"' && p + 1 < end && p[1] == '"')
                hs__buf_putc(&f, *p++);
            else if (*p == '"')
                in_quotes = 0;
            else
                hs__buf_putc(&f, *p == '\n' ? ' ' : *p);
            *n_lines += *p == '\n';
            continue;
        }
        if (p < end && *p == '"' && !f.len) {
            in_quotes = 1;
            continue;
        }
        if (p < end && *p != sep && *p != '\n') {
            hs__buf_putc(&f, *p);
            continue;
        }
        if (nc < cap)
            out[nc++] = hs__strtrim(f.data ? f.data : "", f.len);
        f.len = 0;
        if (p >= end || *p == '\n')
            break;
    }
    hs__buf_release(&f);
    *n_lines += p < end;
    *next = p < end ? p + 1 : end;
    return nc;
}

/*
 * A spreadsheet pasted as a fenced block of CSV ("```csv", or "```tsv"
 * with tabs): its first record the header, as a sheet's first row is. It
 * is read as the table it is, so a timeline or action sheet gives its
 * rows and a two-column sheet its fields. 0 if the block is no such
 * table (another language, fewer than two rows of two fields, or more
 * than MAX_ROWS rows).
 */
static int csv_table(hs__doc *doc, hs__section *s, cmark_node *node,
                     int line_offset) {
    enum { MAX_COLS = 16, MAX_ROWS = 256 };
    const char *info = cmark_node_get_fence_info(node),
               *lit = cmark_node_get_literal(node), *p, *end, *next;
    char *cells[MAX_COLS], sep;
    size_t n_rows = 0, n_cols = 0;
    int n_lines, line;
    hs__table *t;
    if (!info || !lit)
        return 0;
    if (!hs__strncasecmp(info, "csv", 3) &&
        !hs__isalnum((unsigned char)info[3]))
        sep = ',';
    else if (!hs__strncasecmp(info, "tsv", 3) &&
             !hs__isalnum((unsigned char)info[3]))
        sep = '\t';
    else
        return 0;
    end = lit + strlen(lit);
    for (p = lit; p < end && n_rows <= MAX_ROWS; p = next, n_rows++) {
        size_t nc = csv_record(p, end, sep, cells, MAX_COLS, &next, &n_lines);
        if (nc > n_cols)
            n_cols = nc;
        for (size_t c = 0; c < nc; c++)
            free(cells[c]);
    }
    if (n_rows < 2 || n_cols < 2 || n_rows > MAX_ROWS)
        return 0; /* a sheet longer than a postmortem's stays code */
    t = new_table(doc, s, n_rows, n_cols);
    /* the block's first line is its fence's */
    line = cmark_node_get_start_line(node) + line_offset + 1;
    p = lit;
    for (size_t r = 0; r < n_rows; r++, p = next) {
        /* a short row's other cells stay NULL, empty in table_done */
        csv_record(p, end, sep, t->cells + r * n_cols, n_cols, &next, &n_lines);
        t->lines[r] = line;
        line += n_lines;
    }
    table_done(doc, s, t);
    return 1;
}

/*
 * A fenced yaml block that opens the page, under its title and before any
 * other text ("```yaml" over "started: 2025-08-27T02:10Z" and "sev: 2"),
 * as a project writes its incident's metadata where a front matter block
 * would not render: read as the front matter the file lacks. Its lines
 * keep their numbers: the block is read after as many blank lines as come
 * before it; only the first such block is read, so the padding costs the
 * file once. 0 if the block is no such metadata (another language, text
 * before it, front matter already, or no mapping).
 */
static int yaml_block_front_matter(hs__doc *doc, const hs__section *s,
                                   cmark_node *node, int line) {
    const char *info = cmark_node_get_fence_info(node),
               *lit = cmark_node_get_literal(node), *problem;
    hs__buf y = HS_BUF_INIT;
    size_t body_off;
    int n_lines, problem_line;
    if (doc->fm || doc->fm_problem || doc->is_yaml_block_read || !lit ||
        !info ||
        (hs__strcasecmp(info, "yaml") && hs__strcasecmp(info, "yml")) ||
        doc->n_sections > 2 || s->level > 1 || s->n_paras || s->n_items ||
        s->n_tables || s->n_fields || s->text.len ||
        cmark_node_get_type(cmark_node_parent(node)) != CMARK_NODE_DOCUMENT)
        return 0; /* the preamble and the title's section only */
    doc->is_yaml_block_read = 1;
    /* "---" on line 1, the block's text from the line after its fence */
    hs__buf_puts(&y, "---\n");
    for (int i = 1; i < line; i++)
        hs__buf_putc(&y, '\n');
    hs__buf_puts(&y, lit);
    hs__buf_puts(&y, "---\n");
    hs__fm_split(y.data, y.len, &doc->fm, &body_off, &n_lines, &problem,
                 &problem_line);
    hs__buf_release(&y);
    return doc->fm != NULL;
}

/*
 * The list item record of an ITEM node: its index + 1 is kept in the node's
 * user data, so finding it costs the same however long the list is.
 */
static hs__item *item_record(hs__section *s, cmark_node *item) {
    uintptr_t i = (uintptr_t)cmark_node_get_user_data(item);
    if (i == 0 || i > s->n_items || s->items[i - 1].node != item)
        return NULL;
    return &s->items[i - 1];
}

/*
 * Whether `node` sits inside a block quote. The walk up stops at the
 * nearest list item, whose own answer it takes, so 50,000 nested lists
 * cost linear time.
 */
static int in_quote(hs__section *s, cmark_node *node) {
    for (cmark_node *p = cmark_node_parent(node); p; p = cmark_node_parent(p)) {
        if (cmark_node_get_type(p) == CMARK_NODE_BLOCK_QUOTE)
            return 1;
        if (cmark_node_get_type(p) == CMARK_NODE_ITEM) {
            hs__item *it = item_record(s, p);
            return it ? it->quoted : 0;
        }
    }
    return 0;
}

/* The list item that `node` is a direct child of, or NULL. */
static hs__item *item_of(hs__section *s, cmark_node *node) {
    cmark_node *p = cmark_node_parent(node);
    if (!p || cmark_node_get_type(p) != CMARK_NODE_ITEM)
        return NULL;
    return item_record(s, p);
}

/* Whether all the text of paragraph `para` is struck through (`~~Add an
 * alert~~`), the way a team crosses off work it has done. */
static int all_struck(cmark_node *para) {
    cmark_iter *it = cmark_iter_new(para);
    cmark_event_type ev;
    int struck = 0, plain = 0;
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        cmark_node *cur = cmark_iter_get_node(it);
        const char *lit;
        cmark_node *p;
        if (ev != CMARK_EVENT_ENTER ||
            (cmark_node_get_type(cur) != CMARK_NODE_TEXT &&
             cmark_node_get_type(cur) != CMARK_NODE_CODE))
            continue;
        lit = cmark_node_get_literal(cur);
        if (!lit || !lit[strspn(lit, " \t")])
            continue;
        for (p = cmark_node_parent(cur); p && p != para;
             p = cmark_node_parent(p))
            if (type_is(p, "strikethrough"))
                break;
        if (p && p != para)
            struck = 1;
        else
            plain = 1;
    }
    cmark_iter_free(it);
    return struck && !plain;
}

static void add_paragraph(hs__doc *doc, hs__section *s, cmark_node *node,
                          int line_offset) {
    int line = cmark_node_get_start_line(node) + line_offset;
    hs__item *owner = item_of(s, node);
    /* paragraphs keep their line breaks (timelines are written line by
     * line); items and prose read as one line */
    char *text = node_text_sep(doc, node, owner ? ' ' : '\n');
    /* a definition list's "12:40" over ":   Old key revoked" is the line
     * "12:40:    Old key revoked", as a timeline or a field writes it */
    for (char *nl = strchr(text, '\n'); nl; nl = strchr(nl + 1, '\n'))
        if (nl > text && nl[-1] != '\n' && is_definition_line(nl + 1))
            nl[0] = ':', nl[1] = ' ';
    hs__buf_puts(&doc->body, text);
    hs__buf_putc(&doc->body, '\n');
    if (owner) {
        /* An item's text is its paragraphs joined by a space. */
        if (!owner->text) {
            /* `- **Key**: value` and `- Key: value` are fields too */
            paragraph_fields(s, node, line);
            owner->text = text;
            owner->text_len = strlen(text);
            owner->text_cap = owner->text_len + 1;
            owner->struck = all_struck(node);
        } else {
            /* appended in place: copying the text for each paragraph
             * made an item of 40,000 paragraphs (1 MB) take 4 s */
            size_t n = strlen(text);
            if (owner->text_len + n + 2 > owner->text_cap) {
                owner->text_cap = 2 * (owner->text_len + n + 2);
                owner->text = hs__xrealloc(owner->text, owner->text_cap);
            }
            owner->text[owner->text_len++] = ' ';
            memcpy(owner->text + owner->text_len, text, n + 1);
            owner->text_len += n;
            free(text);
        }
        return;
    }
    paragraph_fields(s, node, line);
    if (s->text.len)
        hs__buf_puts(&s->text, "\n\n");
    {
        /* the paragraph's lines joined by spaces: copied whole, then its
         * line breaks replaced (a byte at a time was 1% of an index run) */
        size_t at = s->text.len;
        char *c, *end;
        hs__buf_puts(&s->text, text);
        c = s->text.data + at;
        end = s->text.data + s->text.len;
        while ((c = memchr(c, '\n', (size_t)(end - c))) != NULL)
            *c++ = ' ';
    }
    {
        hs__item *p = push_item(&s->paras, &s->n_paras, &s->alloc_paras);
        p->text = text;
        p->line = line;
        p->seq = doc->next_seq++;
        p->quoted = in_quote(s, node);
    }
}

/*
 * Nesting depth of a new item: one more than the nearest enclosing item's.
 * Only the way up to that item is walked, so 50,000 nested lists cost
 * linear time, not quadratic.
 */
static int item_depth(const hs__doc *doc, hs__section *s, cmark_node *node) {
    for (cmark_node *p = cmark_node_parent(node); p; p = cmark_node_parent(p))
        if (cmark_node_get_type(p) == CMARK_NODE_ITEM) {
            /* the items of a `- **Key**` section are its top level */
            if (doc->n_open_keys &&
                doc->open_keys[doc->n_open_keys - 1].node == p)
                return 0;
            hs__item *it = item_record(s, p);
            return it ? it->depth + 1 : 1;
        }
    return 0;
}

/*
 * If the first line of paragraph `para` is bold text alone (`**Key**`,
 * `**Key:**` or `**Key**:`), put that text, without the colon, in `key`
 * and return the node after the line break (NULL if the line is the whole
 * paragraph) through `rest`, and 1.
 */
static int bold_line(cmark_node *para, hs__buf *key, cmark_node **rest) {
    cmark_node *c = cmark_node_first_child(para);
    /* "🧠 **Cause**": an emoji before the bold label, as incident cards
     * mark their fields */
    if (c && cmark_node_get_type(c) == CMARK_NODE_TEXT &&
        cmark_node_get_literal(c) &&
        (unsigned char)cmark_node_get_literal(c)[0] >= 0x80 &&
        !*hs__skip_glyphs(cmark_node_get_literal(c)))
        c = cmark_node_next(c);
    if (!c || cmark_node_get_type(c) != CMARK_NODE_STRONG)
        return 0;
    inline_text(c, key, ' ', NULL);
    hs__buf_rtrim(key);
    for (c = cmark_node_next(c); c; c = cmark_node_next(c)) {
        cmark_node_type t = cmark_node_get_type(c);
        const char *lit = cmark_node_get_literal(c);
        if (t == CMARK_NODE_SOFTBREAK || t == CMARK_NODE_LINEBREAK)
            break;
        if (t != CMARK_NODE_TEXT || !lit)
            return 0;
        for (; *lit; lit++)
            if (*lit != ':' && *lit != ' ' && *lit != '\t')
                return 0;
    }
    *rest = c ? cmark_node_next(c) : NULL;
    if (key->len && key->data[key->len - 1] == ':') {
        key->data[--key->len] = '\0';
        hs__buf_rtrim(key);
    }
    return key->len > 0;
}

/*
 * Is bold text `key` a heading: short, starting with a letter, and a name
 * the names table (or the house style) knows? Other bold lines stay
 * paragraphs: "**In progress:**" above a list says what the list is.
 */
static int is_label_shape(const char *key) {
    size_t n = strlen(key), words = 1;
    if (!n || n > 80 || !hs__isalpha((unsigned char)key[0]))
        return 0;
    /* a form's question with its choices after it: "How bad was it? (Low
     * / Medium / High)" is the question */
    if (key[n - 1] == ')') {
        const char *open = strrchr(key, '(');
        if (open && open - key >= 2 && open[-1] == ' ' && open[-2] == '?')
            n = (size_t)(open - key - 1);
    }
    for (size_t i = 0; i < n; i++)
        words += key[i] == ' ';
    /* a question is a longer heading: "What are we doing so it doesn't
     * happen again?" */
    return key[n - 1] == '?' ? words <= 12 : n <= 60 && words <= 8;
}

static int is_bold_heading(const hs__doc *doc, const char *key) {
    return is_label_shape(key) &&
           hs__name_kind(key, HS__NAME_HEADING, doc->cfg) != HS_KIND_OTHER;
}

/*
 * Keep bold text `key` that is shaped like a section name but names
 * nothing, for `check`. A status lead-in ("**In progress:**") says what
 * the list below it is, not what the section is: not kept.
 */
static void note_label(hs__doc *doc, const char *key, int line, int is_bullet) {
    hs__label *l;
    if (!is_label_shape(key) || hs_status_parse(key) != HS_STATUS_UNKNOWN)
        return;
    HS_ALLOC_GROW(doc->labels, doc->n_labels + 1, doc->alloc_labels);
    l = &doc->labels[doc->n_labels++];
    l->text = hs__xstrdup(key);
    l->line = line;
    l->section = doc->n_sections - 1;
    l->is_bullet = is_bullet;
}

static hs__section *add_synthetic(hs__doc *doc, const char *heading, int level,
                                  int line, int synthetic) {
    hs__section *s = add_section(doc, heading, level < 2 ? 2 : level, line);
    s->synthetic = synthetic;
    if (*heading) {
        hs__buf_puts(&doc->body, heading);
        hs__buf_putc(&doc->body, '\n');
    }
    return s;
}

/*
 * After a bold line that began a section of prose ("**Impact**",
 * "**Cause**", "**Detection**"), the next bold line shaped like a section
 * name ends it whatever it names ("**Log**", "**Fix now**"): the writer
 * set the two alike, and the list of times under "**Log**" was read as the
 * detection's text. Not in a section of items (actions, a timeline,
 * lessons, what went well), where a bold line groups them ("**Short
 * term**", "**Day 2**"), and not a status lead-in ("**Done**").
 */
static int ends_bold_section(const hs__doc *doc, const char *key) {
    static const hs__kind prose[] = {HS_KIND_SUMMARY,    HS_KIND_IMPACT,
                                     HS_KIND_ROOT_CAUSE, HS_KIND_TRIGGER,
                                     HS_KIND_RESOLUTION, HS_KIND_DETECTION};
    const hs__section *s = &doc->sections[doc->n_sections - 1];
    hs__kind kind;
    if (s->synthetic != 1 || !is_label_shape(key) ||
        hs_status_parse(key) != HS_STATUS_UNKNOWN)
        return 0;
    kind = hs__name_kind(s->heading, HS__NAME_HEADING, doc->cfg);
    for (size_t i = 0; i < HS_ARRAY_LEN(prose); i++)
        if (kind == prose[i])
            return 1;
    return 0;
}

/*
 * A top-level paragraph whose first line is a bold heading ("**Root
 * cause**") starts a section one level below the last markdown heading;
 * the rest of the paragraph is the new section's first paragraph.
 * Returns 1 if it did.
 */
static int bold_heading(hs__doc *doc, cmark_node *node, int line_offset) {
    hs__buf key = HS_BUF_INIT;
    cmark_node *rest = NULL;
    int is_bold = bold_line(node, &key, &rest);
    int is_heading = is_bold && (is_bold_heading(doc, key.data) ||
                                 ends_bold_section(doc, key.data));
    if (is_bold && !is_heading)
        note_label(doc, key.data, cmark_node_get_start_line(node) + line_offset,
                   0);
    if (is_heading) {
        hs__section *s =
            add_synthetic(doc, key.data, doc->heading_level + 1,
                          cmark_node_get_start_line(node) + line_offset, 1);
        if (rest) {
            /* drop the heading line; the paragraph starts a line later */
            cmark_node *c;
            while ((c = cmark_node_first_child(node)) != rest)
                cmark_node_free(c);
            add_paragraph(doc, s, node, line_offset + 1);
        }
    }
    hs__buf_release(&key);
    return is_heading;
}

/*
 * A top-level paragraph that opens with a run-in heading, bold and ending
 * in a full stop, the text going on after it ("**Why it happened.** The
 * task had been changed ..."), the way letters and reports set theirs:
 * when the names table knows it, it starts a section one level below the
 * last markdown heading, and the paragraph without it is the section's
 * first. Returns 1 if it did.
 */
static int run_in_heading(hs__doc *doc, cmark_node *node, int line_offset) {
    cmark_node *c = cmark_node_first_child(node), *next;
    hs__buf key = HS_BUF_INIT;
    const char *lit;
    int is_heading = 0;
    if (!c || cmark_node_get_type(c) != CMARK_NODE_STRONG ||
        !(next = cmark_node_next(c)) ||
        cmark_node_get_type(next) != CMARK_NODE_TEXT ||
        !(lit = cmark_node_get_literal(next)) || lit[0] != ' ' || !lit[1])
        return 0;
    inline_text(c, &key, ' ', NULL);
    hs__buf_rtrim(&key);
    if (key.len > 1 && key.data[key.len - 1] == '.') {
        key.data[--key.len] = '\0';
        /* after one run-in heading, the next one ends its section,
         * whatever it names ("**What we did at the time.** ...") */
        is_heading = is_bold_heading(doc, key.data) ||
                     (doc->n_sections &&
                      doc->sections[doc->n_sections - 1].synthetic == 4 &&
                      is_label_shape(key.data));
    }
    if (is_heading) {
        char *rest = hs__xstrdup(lit + strspn(lit, " "));
        hs__section *sec =
            add_synthetic(doc, key.data, doc->heading_level + 1,
                          cmark_node_get_start_line(node) + line_offset, 4);
        cmark_node_free(c);
        cmark_node_set_literal(next, rest);
        free(rest);
        add_paragraph(doc, sec, node, line_offset);
    }
    hs__buf_release(&key);
    return is_heading;
}

/*
 * A top-level paragraph that is one short line in capitals ("CAUSE",
 * "FURTHER MEASURES"), the way plain-text notices set their headings,
 * starts a section when the names table knows it. Returns 1 if it did.
 */
static int caps_heading(hs__doc *doc, cmark_node *node, int line_offset) {
    cmark_node *c = cmark_node_first_child(node);
    const char *lit;
    size_t letters = 0;
    if (!c || cmark_node_next(c) || cmark_node_get_type(c) != CMARK_NODE_TEXT)
        return 0;
    lit = cmark_node_get_literal(c);
    if (!lit || !is_label_shape(lit) || strlen(lit) > 40)
        return 0;
    for (const char *p = lit; *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || hs__isdigit((unsigned char)*p) ||
            strchr(".:,;!?()", *p))
            return 0;
        letters += *p >= 'A' && *p <= 'Z';
    }
    if (letters < 3 ||
        hs__name_kind(lit, HS__NAME_HEADING, doc->cfg) == HS_KIND_OTHER)
        return 0;
    add_synthetic(doc, lit, doc->heading_level + 1,
                  cmark_node_get_start_line(node) + line_offset, 1);
    return 1;
}

/*
 * A list item `- **Key**` (or `- **Key:**`, or `- Key:` in plain text)
 * with nothing else on its line and a nested list below: a section named
 * Key, one level below the current one, whose items are the nested
 * list's.
 */
static int bullet_key(hs__doc *doc, cmark_node *item, int line) {
    cmark_node *p = cmark_node_first_child(item), *c;
    hs__buf key = HS_BUF_INIT;
    cmark_node *rest = NULL;
    int has_list = 0, is_key, is_bold = 0;
    if (!p || cmark_node_get_type(p) != CMARK_NODE_PARAGRAPH)
        return 0;
    for (c = cmark_node_next(p); c; c = cmark_node_next(c))
        has_list |= cmark_node_get_type(c) == CMARK_NODE_LIST;
    if (has_list && !(is_bold = bold_line(p, &key, &rest))) {
        /* `- Key events:` in plain text, with its colon */
        c = cmark_node_first_child(p);
        hs__buf_reset(&key);
        if (c && !cmark_node_next(c) &&
            cmark_node_get_type(c) == CMARK_NODE_TEXT) {
            const char *lit = cmark_node_get_literal(c);
            size_t n = lit ? strlen(lit) : 0;
            while (n && lit[n - 1] == ' ')
                n--;
            if (n > 1 && lit[n - 1] == ':') {
                hs__buf_put(&key, lit, n - 1);
                hs__buf_rtrim(&key);
            }
        }
        rest = NULL;
    }
    is_key = has_list && key.len && !rest && is_bold_heading(doc, key.data);
    if (has_list && is_bold && !rest && !is_key)
        note_label(doc, key.data, line, 1);
    if (is_key) {
        int level = doc->sections[doc->n_sections - 1].level + 1;
        hs__section *s = add_synthetic(doc, key.data, level, line, 2);
        HS_ALLOC_GROW(doc->open_keys, doc->n_open_keys + 1,
                      doc->alloc_open_keys);
        doc->open_keys[doc->n_open_keys].node = item;
        doc->open_keys[doc->n_open_keys++].level = s->level;
    }
    hs__buf_release(&key);
    return is_key;
}

/* The walk is done with `node`: a `- **Key**` section it opened ends, and
 * the section it interrupted goes on (as a section without a heading). */
static void leave_block(hs__doc *doc, cmark_node *node, int line_offset) {
    if (!doc->n_open_keys || doc->open_keys[doc->n_open_keys - 1].node != node)
        return;
    doc->n_open_keys--;
    add_synthetic(doc, "", doc->open_keys[doc->n_open_keys].level,
                  cmark_node_get_end_line(node) + line_offset, 3);
}

/*
 * An HTML block that is a <details> toggle's markup alone: "<details>"
 * with "<summary><b>Timeline (UTC)</b></summary>" starts a section named
 * by the summary's text, one level below the last markdown heading, the
 * toggle's markdown its body; "</details>" alone is no text. Returns 1
 * if the block was such markup (any other tag, or text outside the
 * summary, and it is not).
 */
static int details_toggle(hs__doc *doc, const char *lit, int line) {
    static const char *const tags[] = {"details", "summary", "b", "strong",
                                       "em",      "i",       NULL};
    hs__buf name = HS_BUF_INIT;
    int in_summary = 0, has_details = 0;
    for (const char *p = lit; *p;) {
        if (*p == '<') {
            const char *e = strchr(p, '>'), *w = p + 1 + (p[1] == '/');
            size_t n = 0;
            while (hs__isalpha((unsigned char)w[n]))
                n++;
            if (!e || !hs__span_in(w, n, tags)) {
                hs__buf_release(&name);
                return 0;
            }
            if (n == 7 && !hs__strncasecmp(w, "summary", 7))
                in_summary = p[1] != '/';
            has_details |= n == 7 && !hs__strncasecmp(w, "details", 7);
            p = e + 1;
            continue;
        }
        if (!in_summary && !hs__isspace((unsigned char)*p)) {
            hs__buf_release(&name);
            return 0;
        }
        if (in_summary)
            hs__buf_putc(&name, *p == '\n' ? ' ' : *p);
        p++;
    }
    if (!has_details) {
        hs__buf_release(&name);
        return 0;
    }
    hs__buf_rtrim(&name);
    if (name.len) {
        const char *h = name.data;
        while (*h == ' ')
            h++;
        add_synthetic(doc, h, doc->heading_level + 1, line, 1);
    }
    hs__buf_release(&name);
    return 1;
}

/*
 * Handle one block node on the way down. Returns 1 when the walk should
 * descend into its children.
 */
static int visit_block(hs__doc *doc, cmark_node *node, int line_offset) {
    hs__section *s = &doc->sections[doc->n_sections - 1];
    int line = cmark_node_get_start_line(node) + line_offset;
    switch (cmark_node_get_type(node)) {
    case CMARK_NODE_HEADING: {
        char *h = node_text(doc, node);
        doc->heading_level = cmark_node_get_heading_level(node);
        add_section(doc, h, doc->heading_level, line);
        hs__buf_puts(&doc->body, h);
        hs__buf_putc(&doc->body, '\n');
        free(h);
        return 0;
    }
    case CMARK_NODE_PARAGRAPH: {
        cmark_node *parent = cmark_node_parent(node);
        /* the `**Key**` line of a `- **Key**` section is its heading */
        if (doc->n_open_keys &&
            doc->open_keys[doc->n_open_keys - 1].node == parent &&
            cmark_node_first_child(parent) == node)
            return 0;
        if (cmark_node_get_type(parent) == CMARK_NODE_DOCUMENT &&
            (bold_heading(doc, node, line_offset) ||
             run_in_heading(doc, node, line_offset) ||
             caps_heading(doc, node, line_offset)))
            return 0;
        if (!item_of(s, node) && wiki_table(doc, s, node, line_offset))
            return 0;
        add_paragraph(doc, s, node, line_offset);
        return 0;
    }
    case CMARK_NODE_HTML_BLOCK:
        /* raw HTML is kept as text, like code; template comments are not,
         * and a <details> toggle's summary is a heading */
        if (!strncmp(cmark_node_get_literal(node) ? cmark_node_get_literal(node)
                                                  : "",
                     "<!--", 4) ||
            (cmark_node_get_type(cmark_node_parent(node)) ==
                 CMARK_NODE_DOCUMENT &&
             cmark_node_get_literal(node) &&
             details_toggle(doc, cmark_node_get_literal(node), line)))
            return 0;
        if (!item_of(s, node) && cmark_node_get_literal(node) &&
            html_table(doc, s, cmark_node_get_literal(node), line))
            return 0;
        /* fall through */
    case CMARK_NODE_CODE_BLOCK: {
        const char *lit = cmark_node_get_literal(node);
        if (cmark_node_get_type(node) == CMARK_NODE_CODE_BLOCK &&
            !item_of(s, node) &&
            (csv_table(doc, s, node, line_offset) ||
             yaml_block_front_matter(doc, s, node, line)))
            return 0;
        if (lit) {
            hs__buf_puts(&doc->body, lit);
            if (!item_of(s, node)) {
                if (s->text.len)
                    hs__buf_puts(&s->text, "\n\n");
                hs__buf_puts(&s->text, lit);
                hs__buf_rtrim(&s->text);
            }
        }
        return 0;
    }
    case CMARK_NODE_THEMATIC_BREAK:
        return 0;
    case CMARK_NODE_ITEM: {
        hs__item *it;
        if (bullet_key(doc, node, line))
            return 1;
        it = push_item(&s->items, &s->n_items, &s->alloc_items);
        it->line = line;
        it->depth = item_depth(doc, s, node);
        it->node = node;
        it->seq = doc->next_seq++;
        it->quoted = in_quote(s, node);
        cmark_node_set_user_data(node, (void *)(uintptr_t)s->n_items);
        if (type_is(node, "tasklist"))
            it->checked =
                cmark_gfm_extensions_get_tasklist_item_checked(node) ? 1 : 0;
        return 1;
    }
    default:
        if (type_is(node, "table")) {
            add_table(doc, s, node, NULL);
            return 0;
        }
        return 1; /* block quotes, lists, footnote definitions */
    }
}

/* Drop items that ended up with no text (an empty "- " line). */
static void finish_section(hs__section *s) {
    size_t j = 0;
    for (size_t i = 0; i < s->n_items; i++) {
        s->items[i].node = NULL;
        if (s->items[i].text)
            s->items[j++] = s->items[i];
    }
    s->n_items = j;
}

/*
 * For each section, the first later section at its level or above, in one
 * pass with a stack of open sections: callers ask "is i inside owner?" for
 * many pairs, and walking the sections each time was quadratic.
 */
static void set_sub_ends(hs__doc *doc) {
    size_t *stack = hs__xcalloc(doc->n_sections + 1, sizeof(size_t));
    size_t n = 0;
    for (size_t i = 0; i < doc->n_sections; i++) {
        int level = doc->sections[i].level;
        while (n && doc->sections[stack[n - 1]].level >= level && level > 0)
            doc->sections[stack[--n]].sub_end = i;
        stack[n++] = i;
    }
    while (n)
        doc->sections[stack[--n]].sub_end = doc->n_sections;
    /* the preamble (level 0) owns nothing */
    if (doc->n_sections)
        doc->sections[0].sub_end = 1;
    free(stack);
}

/*
 * The title of a MkDocs admonition's opening line at text[s..e) ("!!!
 * warning \"Impact\"", "??? note \"Timeline (CEST)\"", "???+ tip", "!!!
 * danger"): its quoted title, else its type, in *t (length *tn); 0 if the
 * line is no such opener.
 */
static int admonition_opener(const char *text, size_t s, size_t e,
                             const char **t, size_t *tn) {
    size_t i = s + 3, type;
    if (e - s < 5 || (memcmp(text + s, "!!!", 3) && memcmp(text + s, "???", 3)))
        return 0;
    if (text[i] == '+')
        i++;
    if (text[i] != ' ')
        return 0;
    while (i < e && text[i] == ' ')
        i++;
    type = i;
    while (i < e && (hs__isalpha((unsigned char)text[i]) || text[i] == '-'))
        i++;
    if (i == type)
        return 0;
    *t = text + type;
    *tn = i - type;
    while (i < e && text[i] == ' ')
        i++;
    if (i < e && text[i] == '"') {
        const char *q = memchr(text + i + 1, '"', e - i - 1);
        if (!q || (size_t)(q - (text + i + 1)) == 0)
            return 0;
        *t = text + i + 1;
        *tn = (size_t)(q - *t);
        i = (size_t)(q - text) + 1;
        while (i < e && text[i] == ' ')
            i++;
    }
    return i == e;
}

/*
 * MkDocs admonitions ("!!! warning \"Impact\"" over a body indented four
 * spaces, "??? note" folded) are sections: the opening line becomes a
 * heading of its title ("###### Impact"), below the headings around it,
 * and the body loses its indent, so its lists and fields are read as
 * markdown (to CommonMark the body is the opening line's paragraph, or
 * code). Lines stay where they were. Returns a new copy (caller frees) or
 * NULL when the text has no admonition.
 */
static char *admonitions(const char *text, size_t len, size_t *out_len) {
    hs__buf b = HS_BUF_INIT;
    size_t done = 0, next;
    int has_cr, in_body = 0, has_mark = 0;
    /* a first look for "!!!" or "???": most files have none */
    for (int c = 0; c < 2 && !has_mark; c++) {
        const char ch = c ? '?' : '!';
        for (const char *m = memchr(text, ch, len);
             m && !has_mark && m + 2 < text + len;
             m = memchr(m + 1, ch, (size_t)(text + len - m - 1)))
            has_mark = m[1] == ch && m[2] == ch;
    }
    if (!has_mark)
        return NULL;
    has_cr = memchr(text, '\r', len) != NULL;
    for (size_t line = 0; line < len; line = next) {
        size_t end = line_end(text, len, line, has_cr, &next);
        const char *t;
        size_t tn;
        if (admonition_opener(text, line, end, &t, &tn)) {
            hs__buf_put(&b, text + done, line - done);
            hs__buf_puts(&b, "###### ");
            hs__buf_put(&b, t, tn);
            done = end;
            in_body = 1;
        } else if (in_body && end - line >= 4 &&
                   !memcmp(text + line, "    ", 4)) {
            hs__buf_put(&b, text + done, line - done);
            done = line + 4;
        } else if (in_body && end > line && text[line] == '\t') {
            hs__buf_put(&b, text + done, line - done);
            done = line + 1;
        } else if (!is_blank_line(text, line, end)) {
            in_body = 0;
        }
    }
    if (!b.alloc)
        return NULL;
    hs__buf_put(&b, text + done, len - done);
    return hs__buf_detach(&b, out_len);
}

void hs__parse_setup(void) {
    pthread_once(&ext_once, register_extensions);
}

hs__doc *hs__doc_parse(const char *text, size_t len) {
    return hs__doc_parse_with(text, len, NULL);
}

hs__doc *hs__doc_parse_with(const char *text, size_t len,
                            const hs_config *cfg) {
    hs__doc *doc = hs__xcalloc(1, sizeof(*doc));
    size_t body_off;
    int fm_lines;
    cmark_parser *parser;
    cmark_node *root, *node;

    hs__parse_setup();
    doc->cfg = cfg;
    hs__buf_init(&doc->body);
    hs__buf_init(&doc->scratch);
    hs__fm_split(text, len, &doc->fm, &body_off, &fm_lines, &doc->fm_problem,
                 &doc->fm_problem_line);
    add_section(doc, "", 0, 1);

    if (len - body_off <= MD_ARENA_MAX)
        md_arena = hs__arena_new();
    {
        size_t alen = 0;
        char *adm = admonitions(text + body_off, len - body_off, &alen);
        root =
            parse_tree(adm ? adm : text + body_off, adm ? alen : len - body_off,
                       CMARK_OPT_FOOTNOTES, md_arena ? &md_mem : NULL, &parser);
        free(adm);
    }

    /* Iterative pre-order walk over the block tree. */
    node = cmark_node_first_child(root);
    while (node) {
        cmark_node *next;
        if (visit_block(doc, node, fm_lines) &&
            (next = cmark_node_first_child(node)) != NULL) {
            node = next;
            continue;
        }
        while (node && !cmark_node_next(node)) {
            leave_block(doc, node, fm_lines);
            node = cmark_node_parent(node);
            if (node == root)
                node = NULL;
        }
        if (node) {
            leave_block(doc, node, fm_lines);
            node = cmark_node_next(node);
        }
    }
    free(doc->open_keys);
    doc->open_keys = NULL;
    doc->n_open_keys = doc->alloc_open_keys = 0;
    hs__buf_release(&doc->scratch);
    for (size_t i = 0; i < doc->n_sections; i++)
        finish_section(&doc->sections[i]);
    set_sub_ends(doc);
    cmark_parser_free(parser);
    if (md_arena) {
        /* the tree goes with its arena, without a walk to free each node */
        hs__arena_free(md_arena);
        md_arena = NULL;
    } else {
        cmark_node_free(root);
    }
    return doc;
}

static void free_items(hs__item *v, size_t n) {
    for (size_t i = 0; i < n; i++)
        free(v[i].text);
    free(v);
}

void hs__doc_free(hs__doc *doc) {
    if (!doc)
        return;
    for (size_t i = 0; i < doc->n_sections; i++) {
        hs__section *s = &doc->sections[i];
        free(s->heading);
        hs__buf_release(&s->text);
        free_items(s->paras, s->n_paras);
        free_items(s->items, s->n_items);
        for (size_t t = 0; t < s->n_tables; t++) {
            for (size_t c = 0; c < s->tables[t].n_rows * s->tables[t].n_cols;
                 c++)
                free(s->tables[t].cells[c]);
            free(s->tables[t].cells);
            free(s->tables[t].lines);
        }
        free(s->tables);
        for (size_t f = 0; f < s->n_fields; f++) {
            free(s->fields[f].key);
            free(s->fields[f].value);
        }
        free(s->fields);
    }
    free(doc->sections);
    for (size_t i = 0; i < doc->n_labels; i++)
        free(doc->labels[i].text);
    free(doc->labels);
    hs_strlist_release(&doc->links);
    hs__buf_release(&doc->body);
    hs__fm_free(doc->fm);
    free(doc);
}

/*
 * Each HTML block of the tree that is a table becomes the markdown table
 * it stands for, as the extractor reads it: rendered without
 * CMARK_OPT_UNSAFE, the raw HTML would be dropped and the page would lose
 * the table whose facts the record shows.
 */
static void tables_from_html(cmark_node *root) {
    cmark_iter *it = cmark_iter_new(root);
    cmark_node **blocks = NULL;
    size_t n = 0, alloc = 0;
    for (cmark_event_type ev; (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE;) {
        cmark_node *node = cmark_iter_get_node(it);
        const char *lit;
        if (ev == CMARK_EVENT_ENTER &&
            cmark_node_get_type(node) == CMARK_NODE_HTML_BLOCK &&
            (lit = cmark_node_get_literal(node)) != NULL &&
            strncmp(lit, "<!--", 4)) {
            HS_ALLOC_GROW(blocks, n + 1, alloc);
            blocks[n++] = node;
        }
    }
    cmark_iter_free(it);
    for (size_t i = 0; i < n; i++) {
        cmark_node *tree, *table;
        cmark_parser *parser;
        int *lines;
        table = html_table_node(cmark_node_get_literal(blocks[i]), 0, NULL,
                                &tree, &parser, &lines);
        if (table) {
            cmark_node_unlink(table);
            cmark_node_insert_before(blocks[i], table);
            cmark_node_free(blocks[i]);
        }
        if (tree) {
            cmark_node_free(tree);
            cmark_parser_free(parser);
        }
        free(lines);
    }
    free(blocks);
}

char *hs_markdown_to_html(const char *buf, size_t len) {
    cmark_parser *parser;
    cmark_node *root;
    char *html, *out;
    hs__buf text = HS_BUF_INIT;
    hs__fm *fm;
    size_t body_off;
    int fm_lines, problem_line;
    const char *problem;
    pthread_once(&ext_once, register_extensions);
    /* the same bytes the indexer read: any encoding, front matter apart */
    if (hs__text_to_utf8(buf, len, &text) == HS_TEXT_BINARY) {
        hs__buf_release(&text);
        return hs__xstrdup("");
    }
    hs__fm_split(text.data, text.len, &fm, &body_off, &fm_lines, &problem,
                 &problem_line);
    hs__fm_free(fm);
    root = parse_tree(text.data + body_off, text.len - body_off,
                      CMARK_OPT_DEFAULT | CMARK_OPT_FOOTNOTES, NULL, &parser);
    tables_from_html(root);
    /* Without CMARK_OPT_UNSAFE, raw HTML and javascript: links are dropped. */
    html = cmark_render_html(root, CMARK_OPT_DEFAULT | CMARK_OPT_FOOTNOTES,
                             cmark_parser_get_syntax_extensions(parser));
    {
        hs__buf h = HS_BUF_INIT;
        hs__buf_puts(&h, html);
        hs__utf8_repair(&h);
        hs__bidi_visible(&h);
        out = hs__buf_detach(&h, NULL);
    }
    cmark_get_default_mem_allocator()->free(html);
    cmark_node_free(root);
    cmark_parser_free(parser);
    hs__buf_release(&text);
    return out;
}
