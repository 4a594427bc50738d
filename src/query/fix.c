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
#include "read/sections.h"

#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

#define FIX_MAX_STEPS 4 /* timeline entries in a resolution */
#define FIX_MAX_LEN 480 /* bytes of a resolution, at a word boundary */
#define FIX_MAX_LINKS 5

/*
 * Words (prefixes, lower case) of a recovery step. Timeline entries also
 * record detection and diagnosis; these say something was done about it.
 */
static const char *const step_words[] = {
    "roll back",     "rolled back",    "rolling back",
    "rollback",      "revert",         "restor",
    "recover",       "mitigat",        "resolv",
    "fixed",         "fix ",           "hotfix",
    "patch",         "restart",        "reboot",
    "failover",      "failed over",    "fail over",
    "scaled",        "scaling up",     "drain",
    "rerout",        "redeploy",       "purg",
    "flush",         "disabled",       "re-enabled",
    "workaround",    "back to normal", "back online",
    "rebuil",        "replaced",       "raised",
    "increased the", "killed",         "cleared",
    "renewed",       "rotated",        NULL};

/* Sentences that say how it ended, in prose. */
static const char *const end_words[] = {
    "resolved by",          "mitigated by",  "restored by",   "recovered after",
    "rolled back",          "rollback",      "reverted",      "was restored",
    "service was restored", "fixed by",      "by restarting", "by rolling",
    "failed over",          "was mitigated", "were restored", NULL};

/* Does `text` (len bytes) hold one of `words` (lower case) at a word
 * start? Each word is compared only where its first letter stands: this
 * runs over every sentence of the 10 results of each similar query. */
static int has_word(const char *text, size_t len, const char *const *words) {
    for (size_t i = 0; i < len && text[i]; i++) {
        int first;
        if (i && hs__isalnum((unsigned char)text[i - 1]))
            continue;
        first = hs__tolower((unsigned char)text[i]);
        for (size_t k = 0; words[k]; k++) {
            size_t n;
            if (words[k][0] != first)
                continue;
            n = strlen(words[k]);
            if (i + n <= len && !hs__strncasecmp(text + i, words[k], n))
                return 1;
        }
    }
    return 0;
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

/* The timeline's recovery steps, "14:42 rolled back ...; 14:46 ...". */
static void from_timeline(sqlite3_stmt *st, hs__buf *out) {
    int n = 0;
    while (sqlite3_step(st) == SQLITE_ROW && n < FIX_MAX_STEPS &&
           out->len < FIX_MAX_LEN) {
        const char *t = (const char *)sqlite3_column_text(st, 0);
        const char *e = (const char *)sqlite3_column_text(st, 1);
        if (!e || !has_word(e, strlen(e), step_words))
            continue;
        if (out->len)
            hs__buf_puts(out, "; ");
        if (t && *t) {
            hs__buf_puts(out, t);
            hs__buf_putc(out, ' ');
        }
        put_capped(out, e, strlen(e));
        n++;
    }
}

/* The sentences of `text` that say how it was resolved, at most two. */
static void from_prose(const char *text, hs__buf *out, int *n) {
    const char *p = text;
    while (p && *p && *n < 2 && out->len < FIX_MAX_LEN) {
        size_t len = strcspn(p, ".\n");
        if (p[len] == '.')
            len++;
        while (len && hs__isspace((unsigned char)*p)) {
            p++;
            len--;
        }
        if (len > 12 && has_word(p, len, end_words)) {
            if (out->len)
                hs__buf_putc(out, ' ');
            put_capped(out, p, len);
            (*n)++;
        }
        p += len;
        while (*p == '\n' || *p == '.')
            p++;
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
    int rc, n = 0;
    if (!f->rec) {
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
        from_timeline(f->timeline, &out);
    }
    for (int c = 0; c <= 1 && !out.len; c++)
        from_prose((const char *)sqlite3_column_text(f->rec, c), &out, &n);
    if (!out.len)
        from_prose((const char *)sqlite3_column_text(f->rec, 3), &out, &n);
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
