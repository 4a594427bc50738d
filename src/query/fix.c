/*
 * "How was it fixed last time?": the part of a past postmortem that says
 * what restored service, and the runbook and dashboard links in it, for a
 * similar-incidents result. In order: the text under a Resolution,
 * Recovery or Mitigation heading (the names table's), as the stored body
 * keeps it, or a "Resolution:" line; else the timeline entries that record
 * a recovery step (rolled back, restarted, failed over, restored ...);
 * else the sentences of the summary, root cause and remaining text that
 * say how it was resolved. Reads the stored record through SQLite's JSON
 * functions; never the file.
 */
#include "query/fix.h"
#include "base/buf.h"
#include "base/error.h"
#include "base/util.h"
#include "model/record.h"
#include "read/extract.h"
#include "read/sections.h"

#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

#define FIX_MAX_STEPS 4 /* timeline entries in a resolution */
#define FIX_MAX_LEN 480 /* bytes of a resolution, at a word boundary */
#define FIX_MAX_LINKS 5

/*
 * Words (prefixes, lower case) of a step taken against the trouble.
 * Timeline entries and sentences also record detection, diagnosis and the
 * change that caused it; these say something was done about it.
 */
static const char *const step_words[] = {
    "roll back",      "rolled back",    "rolling back",
    "rollback",       "revert",         "restor",
    "mitigat",        "fixed",          "fix ",
    "hotfix",         "patch",          "restart",
    "reboot",         "failover",       "failed over",
    "fail over",      "scaled",         "scaling up",
    "drain",          "rerout",         "redeploy",
    "purg",           "flush",          "disabled",
    "re-enabled",     "enabled",        "workaround",
    "rebuil",         "replaced",       "raised the",
    "raised to",      "raised from",    "increased",
    "lowered",        "reduced",        "killed the",
    "terminated the", "cleared",        "renewed",
    "rotated",        "reissu",         "resiz",
    "grew",           "grown",          "expanded",
    "extended",       "deleted",        "removed",
    "freed",          "promot",         "switched",
    "shifted",        "moved",          "blocked",
    "throttl",        "cordon",         "evict",
    "re-ran",         "rerun",          "re-run",
    "replay",         "warmed",         "kill switch",
    "reset",          "routed",         "set to",
    "turned off",     "turned on",      "flipped",
    "toggled",        "failing over",   "scale back",
    "scale down",     "scale up",       "scale out",
    "--replicas",     "reinstat",       "re-added",
    "added capacity", "deployed a fix", "deployed the fix",
    "fix deployed",   "manually",       NULL};

/* Words of an attempt that did not help ("scaled to 60 pods: error rate
 * briefly drops, then rises"), of talk rather than a step ("discussion
 * about failover cost"), and of the detection. */
static const char *const not_step_words[] = {
    "no effect",    "not help",     "n't help",   "no improvement",
    "worse",        "still ",       "briefly",    "unsuccessful",
    "did not work", "didn't work",  "not enough", "insufficient",
    "fails again",  "failed again", "discuss",    "debate",
    "consider",     "propos",       "suggest",    "question",
    "detect",       "alerted",      "paged",      "pages ",
    "investigat",   "attempt",      NULL};

/* Sentences that say how it ended, in prose. */
static const char *const end_words[] = {
    "resolved by",     "mitigated by",         "restored by",
    "recovered after", "rolled back",          "reverted",
    "was restored",    "service was restored", "fixed by",
    "by restarting",   "by rolling",           "was mitigated",
    "were restored",   "addressed by",         "the fix was",
    "the fix is",      "to mitigate",          "as a mitigation",
    "the mitigation",  "which stabili",        "which restored",
    "which resolved",  "which fixed",          NULL};

/* Sentences about the cause or the future, not about what restored
 * service ("failed over to its replica after the host was retired";
 * "to prevent this, we will ..."). */
static const char *const cause_words[] = {
    "because",   "caused", "due to",       "root cause", "trigger",
    "after the", "led to", "resulting in", "stemmed",    NULL};
static const char *const later_words[] = {
    "will ",         "plan to",   "plans to",  "in the future", "to prevent",
    "going forward", "we should", "follow-up", "action item",   NULL};

/* Bytes of a sentence the word tests read (hs__has_word_in's own cap). */
#define FIX_SPAN_MAX 512

/* text[0..len) as a string in buf, cut at FIX_SPAN_MAX - 1 bytes. */
static const char *span_str(char buf[FIX_SPAN_MAX], const char *text,
                            size_t len) {
    if (len >= FIX_SPAN_MAX)
        len = FIX_SPAN_MAX - 1;
    memcpy(buf, text, len);
    buf[len] = '\0';
    return buf;
}

/* Does `text` (len bytes) hold one of x's words at a word start? */
static int has_word(const char *text, size_t len, const hs__word_index *x) {
    return hs__word_index_in(x, text,
                             len < FIX_SPAN_MAX ? len : FIX_SPAN_MAX - 1);
}

/* The same of a whole string. */
static int has_word_z(const char *text, const hs__word_index *x) {
    return has_word(text, strlen(text), x);
}

/*
 * Does t say service came back? extract.c's reading, which dates the
 * recovery for the duration, and the words that mark a recovery without
 * a clock's worth of certainty ("Recovery: error rate back to 0.2%",
 * "That let orders-db recover", "incident closed").
 */
static int is_recovery(const char *t) {
    static const char *const words[] = {
        "recover",    "restor",     "stabili",         "back to",
        "back under", "back below", "incident closed", NULL};
    return hs__shows_recovery(t) || hs__has_word_in(t, words);
}

/* test (hs__shows_impact, is_recovery) of text[0..len). */
static int span_test(int (*test)(const char *), const char *text, size_t len) {
    char buf[FIX_SPAN_MAX];
    return test(span_str(buf, text, len));
}

/* Append `s` to `out` up to FIX_MAX_LEN, cut at a word. */
static void put_capped(hs__buf *out, const char *s, size_t n) {
    if (out->len + n > FIX_MAX_LEN) {
        size_t room = out->len < FIX_MAX_LEN ? FIX_MAX_LEN - out->len : 0;
        while (room && s[room] != ' ')
            room--;
        hs__buf_put(out, s, room);
        hs__buf_puts(out, " \xe2\x80\xa6");
        return;
    }
    hs__buf_put(out, s, n);
}

/* put_capped of a sentence, its line breaks as spaces. */
static void put_sentence(hs__buf *out, const char *s, size_t n) {
    size_t at = out->len;
    put_capped(out, s, n);
    for (size_t i = at; i < out->len; i++)
        if (out->data[i] == '\n')
            out->data[i] = ' ';
}

/* An entry, "14:42 rolled back ...", after a "; " when out has one. */
static void put_entry(hs__buf *out, const char *time, const char *event) {
    if (out->len)
        hs__buf_puts(out, "; ");
    if (time && *time) {
        hs__buf_puts(out, time);
        hs__buf_putc(out, ' ');
    }
    put_sentence(out, event, strlen(event));
}

/* Timeline entries read at most: a hostile timeline of 100,000 entries
 * costs no more than this. */
#define FIX_MAX_ENTRIES 2000

/* What from_timeline reads of each entry, once: whether it has the words
 * of an attempt that did not help, talk or the detection, and whether it
 * records a step taken (a step's words, none of those, and no question:
 * "deleted all pods on the node, will this help?"). */
#define FIX_NOT_STEP 1
#define FIX_STEP 2

/*
 * The timeline's steps that brought service back: the first entry after a
 * step that says service came back (one extract.c reads as a recovery,
 * else one of is_recovery's weaker words: "Authorization success back to
 * 95%"), and the last FIX_MAX_STEPS - 1 steps before it since the first
 * sign of impact: "04:14 online resize of the volume; 04:24
 * pg_drop_replication_slot(...); 04:39 Recovery: error rate back to 0.2%".
 * With no such entry, the last steps. Nothing without a step.
 */
static void from_timeline(const hs__fix *f, hs__buf *out) {
    sqlite3_stmt *st = f->timeline;
    hs_strlist times = {0}, events = {0};
    unsigned char *kind;
    size_t start = 0, end, last_step = 0, steps[FIX_MAX_STEPS], n_steps = 0;
    long strong = -1, weak = -1;
    int has_step = 0;
    while (sqlite3_step(st) == SQLITE_ROW && events.n < FIX_MAX_ENTRIES) {
        const char *t = (const char *)sqlite3_column_text(st, 0);
        const char *e = (const char *)sqlite3_column_text(st, 1);
        hs__strlist_push(&times, t ? t : "");
        hs__strlist_push(&events, e ? e : "");
    }
    kind = hs__xcalloc(events.n + 1, 1);
    for (size_t i = 0; i < events.n; i++) {
        const char *e = events.v[i];
        if (has_word_z(e, &f->not_step))
            kind[i] = FIX_NOT_STEP;
        else if (has_word_z(e, &f->step) && !strchr(e, '?'))
            kind[i] = FIX_STEP;
    }
    /* the first sign of impact, when steps follow it (a first sign read
     * only at the end, "backlog cleared, incident closed", says nothing
     * of where the steps begin) */
    for (size_t i = events.n; i-- > 0 && !has_step;)
        if ((has_step = kind[i] & FIX_STEP))
            last_step = i;
    for (size_t i = 0; i < last_step; i++)
        if (hs__shows_impact(events.v[i])) {
            start = i + 1; /* the first sign is no step ("OOMKilled;
                            * restarts") */
            break;
        }
    has_step = 0;
    for (size_t i = start; i < events.n && strong < 0; i++) {
        const char *e = events.v[i];
        if (has_step && !(kind[i] & FIX_NOT_STEP)) {
            if (hs__shows_recovery(e))
                strong = (long)i;
            else if (weak < 0 && is_recovery(e))
                weak = (long)i;
        }
        has_step |= kind[i] & FIX_STEP;
    }
    /* the first sign of it after a step: the steps before it did it */
    if (strong < 0 || (weak >= 0 && weak < strong))
        strong = weak;
    end = strong >= 0 ? (size_t)strong : events.n;
    /* the last steps before the recovery entry, newest first */
    for (size_t i = end; i-- > start && n_steps < FIX_MAX_STEPS - 1;)
        if (kind[i] & FIX_STEP)
            steps[n_steps++] = i;
    for (size_t k = n_steps; k-- > 0 && out->len < FIX_MAX_LEN;)
        put_entry(out, times.v[steps[k]], events.v[steps[k]]);
    if (n_steps && strong >= 0 && out->len < FIX_MAX_LEN)
        put_entry(out, times.v[end], events.v[end]);
    free(kind);
    hs_strlist_release(&times);
    hs_strlist_release(&events);
}

/*
 * The next sentence of p: its length, up to a full stop that ends it
 * ("v1.7.0" has none), the text's end, or a line end that does not wrap a
 * paragraph: the stored text keeps a paragraph's line breaks, and a
 * heading or a list item is a line of its own. A line goes on when the
 * next starts with a lower-case word, or with a number after a long line
 * ("re-enabled for the Nordics on\n2026-11-23").
 */
#define FIX_WRAPPED_LINE 60
static size_t sentence_len(const char *p) {
    size_t n = 0, line = 0;
    for (; p[n]; n++) {
        if (p[n] == '\n') {
            unsigned char c = (unsigned char)p[n + 1];
            if (!((c >= 'a' && c <= 'z') ||
                  (hs__isdigit(c) && n - line >= FIX_WRAPPED_LINE)))
                return n;
            line = n + 1;
            continue;
        }
        if ((p[n] == '.' || p[n] == '!' || p[n] == '?') &&
            (p[n + 1] == ' ' || p[n + 1] == '\n' || !p[n + 1]))
            return n + 1;
    }
    return n;
}

/*
 * How much sentence s[0..n) says about what restored service: 3 for a
 * phrase that says so ("resolved by", "rolled back"), 2 for a step taken
 * and 2 for service back ("purged several queues, which stabilized the
 * application": 4); 2 less for a cause and 1 less for a symptom told;
 * nothing for an attempt that did not help or for the future. *is_step:
 * whether it tells a step taken. The cheap tests come first: most
 * sentences name no step and no end, and are not read further.
 */
static int fix_score(const hs__fix *f, const char *s, size_t n, int *is_step) {
    int is_end = has_word(s, n, &f->end), score;
    *is_step = has_word(s, n, &f->step);
    if (!is_end && !*is_step)
        return 0;
    if (has_word(s, n, &f->not_step) || has_word(s, n, &f->later) ||
        memchr(s, '?', n))
        return *is_step = 0;
    score = 3 * is_end + 2 * *is_step + 2 * span_test(is_recovery, s, n);
    if (has_word(s, n, &f->cause))
        score -= 2;
    /* a symptom told, "the success rate dropped, pages slower than
     * normal", unless a phrase says how it ended */
    if (!is_end && span_test(hs__shows_impact, s, n))
        score--;
    return score;
}

/* A sentence that points back at the one before: "That let orders-db
 * recover." */
static int points_back(const char *s) {
    static const char *const words[] = {"that ",  "this ", "which ",
                                        "these ", "it ",   NULL};
    return hs__prefix_in(s, words) != 0;
}

typedef struct fix_pick {
    const char *s; /* the text; NULL for none */
    size_t n;
    int score;
} fix_pick;

/*
 * Is the line at p (n bytes) a heading of a section that says nothing of
 * how service came back: the follow-ups ("Exclude Nordic countries from
 * the flag until the fix is verified"), the lessons, what went well or
 * wrong? 0 for another heading, -1 for no heading.
 */
static int is_other_heading(const char *p, size_t n) {
    char line[64];
    hs__kind k;
    if (!n || n >= sizeof(line) || p[n - 1] == '.')
        return -1;
    memcpy(line, p, n);
    line[n] = '\0';
    k = hs__name_kind(line, HS__NAME_HEADING, NULL);
    if (k == HS_KIND_OTHER)
        return -1;
    return k == HS_KIND_ACTIONS || k == HS_KIND_LESSONS ||
           k == HS_KIND_WENT_WELL || k == HS_KIND_WENT_WRONG ||
           k == HS_KIND_LUCKY || k == HS_KIND_DETECTION ||
           k == HS_KIND_REFERENCES;
}

/* Keep the two best-scoring sentences of `text` in best[0..1], but for
 * those of the sections is_other_heading passes over. */
static void score_prose(const hs__fix *f, const char *text, fix_pick best[2]) {
    const char *p = text, *prev = NULL;
    int prev_steps = 0, is_skipped = 0;
    while (p && *p) {
        size_t n;
        while (*p == ' ' || *p == '\n' || *p == '\t')
            p++;
        n = sentence_len(p);
        if ((p == text || p[-1] == '\n') && (p[n] == '\n' || !p[n])) {
            int h = is_other_heading(p, n);
            if (h >= 0) {
                is_skipped = h;
                prev = NULL;
                p += n;
                continue;
            }
        }
        if (n > 12 && !is_skipped) {
            int steps;
            fix_pick c = {p, n, fix_score(f, p, n, &steps)};
            /* service back after the step of the sentence before */
            if (prev && prev_steps && !steps && points_back(p) &&
                span_test(is_recovery, p, n)) {
                c.s = prev;
                c.n = (size_t)(p + n - prev);
                c.score = 4;
            }
            /* the summary is often the body's first paragraph too */
            if (best[0].s && c.n == best[0].n && !memcmp(c.s, best[0].s, c.n))
                c.score = 0;
            if (c.score > best[0].score) {
                best[1] = best[0];
                best[0] = c;
            } else if (c.score > best[1].score && c.s != best[0].s)
                best[1] = c;
            prev = p, prev_steps = steps;
        }
        p += n;
    }
}

/* The sentences that say how it was resolved: the best of summary, root
 * cause and body, at most two, in the order they are written. */
static void from_prose(const hs__fix *f, const char *const *texts,
                       size_t n_texts, hs__buf *out) {
    fix_pick best[2] = {{NULL, 0, 0}, {NULL, 0, 0}};
    for (size_t i = 0; i < n_texts; i++)
        if (texts[i])
            score_prose(f, texts[i], best);
    if (best[0].score < 3)
        return;
    if (best[1].score >= 3 && best[1].s > best[0].s &&
        best[1].s < best[0].s + best[0].n)
        best[1].score = 0; /* inside the first pick */
    for (int k = 0; k < 2; k++) {
        /* in the order written when both come from one text */
        int i = best[1].score >= 3 && best[1].s < best[0].s ? 1 - k : k;
        if (best[i].score < 3 || out->len >= FIX_MAX_LEN)
            continue;
        if (out->len)
            hs__buf_putc(out, ' ');
        put_sentence(out, best[i].s, best[i].n);
    }
}

/*
 * Is body line s[0..n) a heading that names how service was restored
 * ("Resolution", "Recovery", "Mitigation", "How we fixed it")? The body
 * keeps a heading as a line of its own: a short one, of four words at
 * most, with no brackets, colon or closing full stop, that the names table
 * reads as a resolution.
 */
static int is_fix_heading(const char *s, size_t n) {
    char line[64];
    size_t words = 1;
    /* not "PR (fix)" or "Fix: see below" */
    if (n == 0 || n >= sizeof(line) || s[n - 1] == '.' || s[n - 1] == ',' ||
        memchr(s, '(', n) || memchr(s, ':', n))
        return 0;
    for (size_t i = 0; i < n; i++)
        words += s[i] == ' ';
    if (words > 4)
        return 0;
    memcpy(line, s, n);
    line[n] = '\0';
    return hs__name_kind(line, HS__NAME_HEADING, NULL) == HS_KIND_RESOLUTION;
}

/* The value of a "Resolution: ..." field line of the body, else the text
 * under its resolution heading, at most three lines, up to the next line
 * that is a heading of any known kind. */
static void from_section(const char *body, hs__buf *out) {
    const char *p = body;
    while (p && *p) {
        size_t n = strcspn(p, "\n");
        const char *colon = memchr(p, ':', n < 32 ? n : 32);
        /* "Resolution: restarted pgbouncer", a field line of one word */
        if (colon && !memchr(p, ' ', (size_t)(colon - p)) &&
            is_fix_heading(p, (size_t)(colon - p))) {
            const char *v = colon + 1;
            while (*v == ' ')
                v++;
            /* a value of words, not only a link */
            if (v < p + n && strncmp(v, "http", 4)) {
                put_capped(out, v, (size_t)(p + n - v));
                return;
            }
        }
        if (is_fix_heading(p, n)) {
            int lines = 0;
            p += n + (p[n] != '\0');
            while (*p && lines < 3 && out->len < FIX_MAX_LEN) {
                char head[64];
                n = strcspn(p, "\n");
                if (n < sizeof(head) && n && p[n - 1] != '.') {
                    memcpy(head, p, n);
                    head[n] = '\0';
                    if (hs__name_kind(head, HS__NAME_HEADING, NULL) !=
                        HS_KIND_OTHER)
                        break;
                }
                if (n) {
                    if (out->len)
                        hs__buf_putc(out, ' ');
                    put_capped(out, p, n);
                    lines++;
                }
                p += n + (p[n] != '\0');
            }
            return;
        }
        p += n + (p[n] != '\0');
    }
}

/* Is the URL at s (n bytes) with `before` (the text just before it) a
 * runbook or dashboard? */
static int is_ops_link(const char *s, size_t n, const char *before,
                       size_t before_len) {
    static const char *const kinds[] = {
        "runbook", "playbook", "dashboard", "grafana",    "kibana",
        "datadog", "/d/",      "wiki",      "confluence", "notion",
        "status",  "docs/",    "opsgenie",  "pagerduty",  NULL};
    for (size_t k = 0; kinds[k]; k++) {
        size_t m = strlen(kinds[k]);
        for (size_t i = 0; i + m <= n; i++)
            if (!hs__strncasecmp(s + i, kinds[k], m))
                return 1;
        for (size_t i = 0; i + m <= before_len; i++)
            if (!hs__strncasecmp(before + i, kinds[k], m))
                return 1;
    }
    return 0;
}

/* The runbook and dashboard URLs of the record (its JSON text). */
static void find_links(const char *rec, hs_strlist *out) {
    const char *p = rec, *line = rec;
    while ((p = strstr(p, "http")) && out->n < FIX_MAX_LINKS) {
        size_t n;
        int is_dup = 0;
        char *url;
        if (strncmp(p, "http://", 7) && strncmp(p, "https://", 8)) {
            p += 4;
            continue;
        }
        n = strcspn(p, " \"\\<>)]\n,;");
        while (n && (p[n - 1] == '.' || p[n - 1] == ':'))
            n--;
        /* the label before it: back to the start of its JSON string */
        for (line = p; line > rec && line[-1] != '"' && p - line < 60; line--)
            ;
        if (is_ops_link(p, n, line, (size_t)(p - line))) {
            url = hs__strtrim(p, n);
            for (size_t i = 0; i < out->n; i++)
                is_dup |= !strcmp(out->v[i], url);
            if (!is_dup)
                hs__strlist_push(out, url);
            free(url);
        }
        p += n ? n : 4;
    }
}

int hs__fix_fill(hs_store *s, hs__fix *f, sqlite3_int64 rowid, hs_hit *h,
                 hs_error *err) {
    hs__buf out = HS_BUF_INIT;
    int rc;
    if (!f->rec) {
        hs__word_index_init(&f->step, step_words);
        hs__word_index_init(&f->not_step, not_step_words);
        hs__word_index_init(&f->end, end_words);
        hs__word_index_init(&f->cause, cause_words);
        hs__word_index_init(&f->later, later_words);
        rc = hs__store_stmt_sql(
            s, HS__QSTMT_FIX_RECORD,
            "SELECT json_extract(p.record, '$.summary'), "
            "json_extract(p.record, '$.root_cause'), p.record, f.body "
            "FROM postmortems p LEFT JOIN fts f ON f.rowid = p.rowid "
            "WHERE p.rowid = ?1",
            &f->rec, err);
        if (rc == 0)
            rc = hs__store_stmt_sql(
                s, HS__QSTMT_FIX_TIMELINE,
                "SELECT json_extract(t.value, '$.time'), "
                "json_extract(t.value, '$.event') FROM postmortems p, "
                "json_each(p.record, '$.timeline') t WHERE p.rowid = ?1 "
                "ORDER BY t.key",
                &f->timeline, err);
        if (rc != 0) {
            f->rec = NULL;
            return rc;
        }
    }
    sqlite3_reset(f->rec);
    sqlite3_bind_int64(f->rec, 1, rowid);
    if (sqlite3_step(f->rec) != SQLITE_ROW)
        return 0;
    from_section((const char *)sqlite3_column_text(f->rec, 3), &out);
    if (!out.len) /* "Resolution: ..." on a line of the summary */
        from_section((const char *)sqlite3_column_text(f->rec, 0), &out);
    if (!out.len) {
        sqlite3_reset(f->timeline);
        sqlite3_bind_int64(f->timeline, 1, rowid);
        from_timeline(f, &out);
    }
    if (!out.len) {
        const char *texts[3];
        texts[0] = (const char *)sqlite3_column_text(f->rec, 0);
        texts[1] = (const char *)sqlite3_column_text(f->rec, 1);
        texts[2] = (const char *)sqlite3_column_text(f->rec, 3);
        from_prose(f, texts, 3, &out);
    }
    h->resolution = out.len ? hs__buf_detach(&out, NULL) : NULL;
    hs__buf_release(&out);
    {
        const char *rec = (const char *)sqlite3_column_text(f->rec, 2);
        if (rec)
            find_links(rec, &h->links);
        /* the resolution may come from text the record does not hold */
        if (h->resolution)
            find_links(h->resolution, &h->links);
    }
    return 0;
}

void hs__fix_release(hs__fix *f) {
    /* the store's statements: kept for the next question */
    if (f->rec)
        sqlite3_reset(f->rec);
    if (f->timeline)
        sqlite3_reset(f->timeline);
    f->rec = f->timeline = NULL;
}
