/*
 * The search query parser. Words and "quoted phrases" become FTS5 strings,
 * each quoted, so nothing a user types (", *, (, NEAR, AND, -, :) is ever
 * read as FTS5 syntax: a trailing * is a prefix search and a leading - an
 * exclusion, both spelled out by us. Filters (severity:, sev:, tag:,
 * service:, owner:, since:, until:) are checked here and applied by
 * search.c with bound parameters.
 */
#include "query/query.h"
#include "base/error.h"
#include "base/text.h"
#include "base/util.h"
#include "model/normalize.h"
#include "model/record.h"

#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

void hs__fts_quote(hs__buf *out, const char *s, size_t len) {
    hs__buf_putc(out, '"');
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '"')
            hs__buf_putc(out, '"');
        hs__buf_putc(out, s[i]);
    }
    hs__buf_putc(out, '"');
}

/* Code points that unicode61 treats as separators: we do too, so a term is
 * never an empty phrase. */
static int is_token_cp(unsigned cp) {
    if (cp < 0x80)
        return hs__isalnum((int)cp);
    if ((cp >= 0x2000 && cp <= 0x2BFF) || (cp >= 0x3000 && cp <= 0x303F) ||
        (cp >= 0x1F000 && cp <= 0x1FAFF) || cp == 0xFE0F || cp == 0x200D ||
        cp == 0xFFFD || (cp >= 0xA0 && cp <= 0xBF) || cp == 0xD7 ||
        cp == 0xF7 || (cp >= 0xE000 && cp <= 0xF8FF))
        return 0;
    return 1;
}

/*
 * The byte length of the longest token of `text`. hs__tokenize drops
 * tokens of HS_TOKEN_MAX bytes or more; a query refuses them instead, so
 * that no word the user typed is silently left out.
 */
static size_t longest_token(const char *text) {
    const unsigned char *p = (const unsigned char *)text;
    size_t len = strlen(text), i = 0, run = 0, longest = 0;
    while (i < len) {
        size_t n = hs__utf8_seq_len(p + i, len - i);
        int is_tok = 0;
        if (!n)
            n = 1;
        else
            is_tok = is_token_cp(hs__utf8_decode(p + i, &n));
        run = is_tok ? run + n : 0;
        if (run > longest)
            longest = run;
        i += n;
    }
    return longest;
}

void hs__tokenize(const char *text, size_t len, hs__token_fn *fn, void *ctx) {
    const unsigned char *p = (const unsigned char *)text;
    size_t i = 0, start = 0;
    int in_tok = 0;
    char lower[HS_TOKEN_MAX];
    while (i <= len) {
        size_t n = 1;
        unsigned cp = 0;
        int is_tok = 0;
        if (i < len) {
            n = hs__utf8_seq_len(p + i, len - i);
            if (!n) {
                n = 1; /* invalid byte: a separator */
            } else {
                cp = hs__utf8_decode(p + i, &n);
                is_tok = is_token_cp(cp);
            }
        }
        if (is_tok && !in_tok) {
            start = i;
            in_tok = 1;
        } else if (!is_tok && in_tok) {
            size_t tl = i - start;
            in_tok = 0;
            if (tl < sizeof(lower)) {
                for (size_t k = 0; k < tl; k++)
                    lower[k] = (char)hs__tolower(p[start + k]);
                lower[tl] = '\0';
                fn(ctx, lower, tl);
            }
        }
        i += n;
    }
}

typedef struct build {
    hs__query *q;
    hs__buf phrase; /* tokens of the current word or phrase */
    hs__buf neg;    /* " NOT ..." for each exclusion */
    size_t n_terms;
    int is_over;     /* a phrase past HS_QUERY_MAX_TERMS was given */
    hs_strlist seen; /* the phrases emitted, as "+phrase*" or "-phrase" */
} build;

static void add_token(void *ctx, const char *tok, size_t len) {
    build *b = ctx;
    if (b->phrase.len)
        hs__buf_putc(&b->phrase, ' ');
    hs__buf_put(&b->phrase, tok, len);
    if (b->q->terms.n < HS_QUERY_MAX_TERMS)
        hs__strlist_push(&b->q->terms, tok);
}

/* Emit the tokens of `s` as one FTS5 phrase (NOT-ed, prefixed as asked). */
static void emit(build *b, const char *s, size_t len, int is_neg,
                 int is_prefix) {
    hs__buf *out;
    hs__buf_reset(&b->phrase);
    if (b->is_over)
        return;
    if (is_neg) {
        /* exclusions are kept apart and appended after the positives */
        hs_strlist saved = b->q->terms;
        b->q->terms = (hs_strlist){0};
        hs__tokenize(s, len, add_token, b);
        hs_strlist_release(&b->q->terms);
        b->q->terms = saved;
    } else {
        hs__tokenize(s, len, add_token, b);
    }
    if (!b->phrase.len)
        return;
    /*
     * A phrase given twice matches the same rows: FTS5 would read its
     * postings twice, and 64 copies of a short prefix ("a* a* ...") took
     * seconds on a large index. It is emitted once.
     */
    {
        hs__buf key = HS_BUF_INIT;
        int is_seen;
        hs__buf_printf(&key, "%c%s%s", is_neg ? '-' : '+', b->phrase.data,
                       is_prefix ? "*" : "");
        is_seen = hs__strlist_has(&b->seen, key.data);
        if (!is_seen)
            hs__strlist_push(&b->seen, key.data);
        hs__buf_release(&key);
        if (is_seen)
            return;
    }
    /* one more than the limit: refused, never searched without it */
    if (b->n_terms >= HS_QUERY_MAX_TERMS) {
        b->is_over = 1;
        return;
    }
    b->n_terms++;
    /* an exclusion is a prefix too ("-co*" drops every co-word) */
    out = is_neg ? &b->neg : &b->q->fts;
    if (is_neg)
        hs__buf_puts(out, " NOT ");
    else if (out->len)
        hs__buf_putc(out, ' ');
    hs__fts_quote(out, b->phrase.data, b->phrase.len);
    if (is_prefix) {
        hs__buf_puts(out, " *");
        b->q->has_prefix = 1;
    }
}

static int is_filter_name(const char *k, size_t n) {
    static const char *const names[] = {"severity", "sev",   "tag",   "service",
                                        "owner",    "since", "until", NULL};
    return hs__span_in(k, n, names);
}

static int filter(hs__query *q, const char *key, size_t key_len,
                  const char *val, hs_error *err) {
#define KEY_IS(k) (key_len == strlen(k) && !hs__strncasecmp(key, k, key_len))
    if (!*val)
        return hs__seterr(err, HS_EQUERY, "filter '%.*s:' needs a value",
                          (int)key_len, key);
    if (KEY_IS("severity") || KEY_IS("sev")) {
        hs_strlist parts = {0};
        hs__strlist_split(&parts, val, ",");
        if (!parts.n) {
            hs_strlist_release(&parts);
            return hs__seterr(err, HS_EQUERY,
                              "filter '%.*s:' needs a value such as SEV1",
                              (int)key_len, key);
        }
        for (size_t i = 0; i < parts.n; i++) {
            const char *v = parts.v[i];
            int sev = hs__isdigit((unsigned char)v[0]) && !v[1]
                          ? v[0] - '0'
                          : hs_severity_parse(v);
            if (sev < 1 || sev > 4) {
                hs__seterr(err, HS_EQUERY,
                           "unknown severity '%s' (use SEV1..SEV4 or 1..4)", v);
                hs_strlist_release(&parts);
                return HS_EQUERY;
            }
            q->severities[sev] = 1;
            q->has_severity = 1;
        }
        hs_strlist_release(&parts);
        return 0;
    }
    if (KEY_IS("tag")) {
        hs__strlist_push(&q->tags, val);
        return 0;
    }
    if (KEY_IS("service")) {
        hs__strlist_push(&q->services, val);
        return 0;
    }
    if (KEY_IS("owner")) {
        hs__strlist_push(&q->owners, val[0] == '@' && val[1] ? val + 1 : val);
        return 0;
    }
    if (KEY_IS("since") || KEY_IS("until")) {
        char d[HS_DATE_LEN];
        size_t end = 0;
        /* the whole value is the date: "2026-11-19xyz" is not one */
        if (hs__date_find(val, 1, d, NULL, &end) != 0 ||
            val[end + strspn(val + end, " \t")])
            return hs__seterr(err, HS_EQUERY,
                              "'%.*s:' needs a date such as 2026-01-31, not "
                              "'%s'",
                              (int)key_len, key, val);
        /* every filter must hold: of two, the later since and the
         * earlier until (YYYY-MM-DD compares as text) */
        if (KEY_IS("since") ? strcmp(d, q->since) > 0
                            : !*q->until || strcmp(d, q->until) < 0)
            memcpy(KEY_IS("since") ? q->since : q->until, d, sizeof(d));
        return 0;
    }
#undef KEY_IS
    return hs__seterr(err, HS_EQUERY,
                      "unknown filter '%.*s:' (known: severity, sev, tag, "
                      "service, owner, since, until)",
                      (int)key_len, key);
}

/* Read a value that may be quoted; returns a new string and advances *pp. */
static char *read_value(const char **pp) {
    const char *p = *pp;
    size_t n;
    char *v;
    if (*p == '"') {
        const char *end = strchr(p + 1, '"');
        n = end ? (size_t)(end - p - 1) : strlen(p + 1);
        v = hs__strtrim(p + 1, n);
        *pp = p + 1 + n + (end ? 1 : 0);
        return v;
    }
    n = strcspn(p, " \t\r\n");
    v = hs__xstrndup(p, n);
    *pp = p + n;
    return v;
}

int hs__query_parse(const char *text, hs__query *q, hs_error *err) {
    build b = {q, HS_BUF_INIT, HS_BUF_INIT, 0, 0, {0}};
    const char *p = text;
    int rc = 0;
    memset(q, 0, sizeof(*q));
    hs__buf_init(&q->fts);
    if (!text)
        return hs__seterr(err, HS_EQUERY, "empty query");
    if (strlen(text) > HS_QUERY_MAX_BYTES)
        return hs__seterr(err, HS_EQUERY, "query is over %d bytes",
                          HS_QUERY_MAX_BYTES);
    /* an invalid byte was a separator: 'po\xffol' searched "po ol" and
     * '\xff\xfe' was an empty query, where the text was never UTF-8 */
    if (hs__utf8_refuse("the query", text, HS_EQUERY, err))
        return HS_EQUERY;
    if (longest_token(text) >= HS_TOKEN_MAX)
        return hs__seterr(err, HS_EQUERY,
                          "a word of the query is %zu bytes long; words are "
                          "at most %d bytes",
                          longest_token(text), HS_TOKEN_MAX - 1);
    while (*p && rc == 0) {
        const char *w;
        size_t n;
        int is_neg = 0;
        while (hs__isspace((unsigned char)*p))
            p++;
        if (!*p)
            break;
        if (*p == '"') {
            char *v = read_value(&p);
            emit(&b, v, strlen(v), 0, 0);
            free(v);
            continue;
        }
        if (*p == '-' && p[1] && !hs__isspace((unsigned char)p[1]) &&
            p[1] != '-') {
            is_neg = 1;
            p++;
        }
        /*
         * NAME:VALUE is a filter when NAME is letters and '_' (starting
         * with a letter) and VALUE is not empty: an unknown NAME is an
         * error, never silently searched as words. Not filters: "12:30"
         * (NAME starts with a digit), a URL or path ("http://x", VALUE
         * starts with '/' or '\\'), and "word:" at the end of a word.
         */
        w = p;
        if (hs__isalpha((unsigned char)*p))
            while (hs__isalpha((unsigned char)*p) || *p == '_')
                p++;
        if (*p == ':' && p > w && (!p[1] || hs__isspace((unsigned char)p[1])) &&
            is_filter_name(w, (size_t)(p - w))) {
            rc = hs__seterr(err, HS_EQUERY, "filter '%.*s:' needs a value",
                            (int)(p - w), w);
            continue;
        }
        if (*p == ':' && p > w && p[1] && !hs__isspace((unsigned char)p[1]) &&
            p[1] != '/' && p[1] != '\\') {
            size_t key_len = (size_t)(p - w);
            char *v;
            if (is_neg && is_filter_name(w, key_len)) {
                /* "-sev:1" was read as sev:1, the opposite of what it
                 * asks */
                rc = hs__seterr(err, HS_EQUERY,
                                "'-%.*s:' is not supported: a filter selects "
                                "what to keep and cannot exclude",
                                (int)key_len, w);
                continue;
            }
            p++;
            v = read_value(&p);
            rc = filter(q, w, key_len, v, err);
            free(v);
            continue;
        }
        if (is_neg && *w == '"') {
            char *v;
            p = w;
            v = read_value(&p);
            emit(&b, v, strlen(v), 1, 0);
            free(v);
            continue;
        }
        p = w;
        n = strcspn(p, " \t\r\n\"");
        if (n == 0) {
            p++;
            continue;
        }
        if (n > 1 && p[n - 1] == '*') {
            /* "a*" reads the postings of every word that starts with a:
             * a second at 10,000 postmortems, ten at 100,000 */
            size_t k = n - 1;
            while (k > 0 && (hs__isalnum((unsigned char)p[k - 1]) ||
                             (unsigned char)p[k - 1] >= 0x80))
                k--;
            size_t letters = 0;
            for (size_t i = k; i < n - 1; i++)
                letters += ((unsigned char)p[i] & 0xC0) != 0x80;
            if (letters < HS_PREFIX_MIN) {
                rc = hs__seterr(err, HS_EQUERY,
                                "'%.*s': a prefix needs at least %d letters "
                                "before '*'",
                                (int)n, p, HS_PREFIX_MIN);
                p += n;
                continue;
            }
        }
        emit(&b, p, n, is_neg, n > 1 && p[n - 1] == '*');
        p += n;
    }
    if (rc == 0 && b.is_over)
        rc = hs__seterr(err, HS_EQUERY,
                        "the query has over %d different words and phrases; "
                        "give at most %d",
                        HS_QUERY_MAX_TERMS, HS_QUERY_MAX_TERMS);
    /* FTS5's NOT is binary: (positives) NOT "a" NOT "b" */
    if (rc == 0 && q->fts.len && b.neg.len) {
        hs__buf tmp = HS_BUF_INIT;
        hs__buf_printf(&tmp, "(%s)%s", q->fts.data, b.neg.data);
        hs__buf_release(&q->fts);
        q->fts = tmp;
    }
    if (rc == 0 && !q->fts.len && !q->has_severity && !q->tags.n &&
        !q->services.n && !q->owners.n && !*q->since && !*q->until)
        rc = hs__seterr(err, HS_EQUERY,
                        b.neg.len ? "a query cannot only exclude words"
                                  : "empty query: give words to search for or "
                                    "a filter such as tag:dns");
    hs__buf_release(&b.neg);
    hs__buf_release(&b.phrase);
    hs_strlist_release(&b.seen);
    return rc;
}

void hs__query_release(hs__query *q) {
    hs__buf_release(&q->fts);
    hs_strlist_release(&q->terms);
    hs_strlist_release(&q->tags);
    hs_strlist_release(&q->services);
    hs_strlist_release(&q->owners);
}
