/*
 * Postmortem facts from a parsed doc. Each fact is looked up in a fixed
 * order of sources: YAML front matter, then `**Field**: value` lines, then
 * sections found by heading, then the prose. The first source that states a
 * fact wins; a fact that no source states stays empty. No I/O, no globals.
 */
#include "read/extract.h"
#include "base/buf.h"
#include "base/error.h"
#include "base/text.h"
#include "base/util.h"
#include "model/normalize.h"
#include "model/record.h"
#include "read/autotags.h"
#include "read/config.h"
#include "read/extract_actions.h"
#include "read/rootcause.h"
#include "read/sections.h"

#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

/* ---------------------------------------------------------------------
 * Fields
 */

/* The first `Key: value` field whose key names `kind` (the names table,
 * sections.c), bold first. */
/*
 * Is field f of section s the "Date:" of a mail's headers (the section has
 * "From:" and "To:" or "Subject:" lines too)? That is the day the mail was
 * sent, not the incident's.
 */
static int is_mail_date(const hs__section *s, const hs__field *f) {
    int from = 0, to = 0;
    if (hs__strcasecmp(f->key, "date") && hs__strcasecmp(f->key, "sent"))
        return 0;
    for (size_t k = 0; k < s->n_fields; k++) {
        from |= !hs__strcasecmp(s->fields[k].key, "from");
        to |= !hs__strcasecmp(s->fields[k].key, "to") ||
              !hs__strcasecmp(s->fields[k].key, "subject");
    }
    return from && to;
}

static const hs__field *find_field(const hs__doc *doc, hs__kind kind) {
    for (int want_bold = 1; want_bold >= 0; want_bold--) {
        for (size_t i = 0; i < doc->n_sections; i++) {
            const hs__section *s = &doc->sections[i];
            for (size_t f = 0; f < s->n_fields; f++)
                if (s->fields[f].is_bold == want_bold &&
                    s->fields[f].kind == (int)kind &&
                    !(kind == HS_KIND_DATE && is_mail_date(s, &s->fields[f])))
                    return &s->fields[f];
        }
    }
    return NULL;
}

/* The first field whose key is one of `keys` (a house style's names). */
static const hs__field *find_field_named(const hs__doc *doc,
                                         const char *const *keys) {
    for (int want_bold = 1; want_bold >= 0; want_bold--) {
        for (size_t i = 0; i < doc->n_sections; i++) {
            const hs__section *s = &doc->sections[i];
            for (size_t f = 0; f < s->n_fields; f++) {
                if (s->fields[f].is_bold != want_bold)
                    continue;
                for (size_t k = 0; keys[k]; k++)
                    if (!hs__strcasecmp(s->fields[f].key, keys[k]))
                        return &s->fields[f];
            }
        }
    }
    return NULL;
}

/* Fields in list items ("- Time to recovery: 279 minutes"). */
static const char *find_item_field(const hs__doc *doc, const char *const *keys,
                                   int *line) {
    for (size_t i = 0; i < doc->n_sections; i++) {
        const hs__section *s = &doc->sections[i];
        for (size_t k = 0; k < s->n_items; k++) {
            const char *t = s->items[k].text;
            for (size_t j = 0; keys[j]; j++) {
                size_t n = strlen(keys[j]);
                if (!hs__strncasecmp(t, keys[j], n) && t[n] == ':') {
                    *line = s->items[k].line;
                    return t + n + 1;
                }
            }
        }
    }
    return NULL;
}

/* The front matter keys of the postmortem's id and of its title. */
static const char *const id_keys[] = {"id", "uuid", NULL};
static const char *const title_keys[] = {"title", "name", NULL};

/* Front matter scalar by any of `keys`. */
static const char *fm_value(const hs__doc *doc, const char *const *keys,
                            int *line) {
    for (size_t k = 0; keys[k]; k++) {
        const char *v = hs__fm_scalar(doc->fm, keys[k], line);
        if (v)
            return v;
    }
    return NULL;
}

/* The kind that front matter key `k`, the i-th, names in the names table,
 * worked out once per key. */
static hs__kind fm_key_kind(const hs__doc *doc, const char *k, size_t i) {
    int *memo = hs__fm_key_memo(doc->fm, i);
    if (*memo < 0)
        *memo = (int)hs__name_kind(k, HS__NAME_FIELD, doc->cfg);
    return (hs__kind)*memo;
}

/*
 * The keys of the front matter, in the order written, that name `kind` in
 * the names table (sections.c): a key is read as a field of the same name
 * is ("start_time:" as "Start time:"). Returns the first from index *i on
 * and moves *i past it; NULL when no more.
 */
static const char *fm_key_of(const hs__doc *doc, hs__kind kind, size_t *i) {
    const char *k;
    while ((k = hs__fm_key(doc->fm, *i)) != NULL)
        if (fm_key_kind(doc, k, (*i)++) == kind)
            return k;
    return NULL;
}

/*
 * The first front matter key of a fact that has one value (id, title,
 * date, severity, duration, commander, start, end, link) given a list or a
 * mapping instead ("date: [2024-01-01]", "severity: {level: 1}"): it is
 * not read, and the fact was reported missing without a word of why.
 */
static void warn_collection(const hs__doc *doc, hs_postmortem *pm) {
    static const hs__kind one[] = {
        HS_KIND_DATE,  HS_KIND_SEVERITY, HS_KIND_DURATION, HS_KIND_COMMANDER,
        HS_KIND_START, HS_KIND_END,      HS_KIND_URL};
    const char *k;
    for (size_t i = 0; (k = hs__fm_key(doc->fm, i)) != NULL; i++) {
        hs__kind kind = fm_key_kind(doc, k, i);
        int is_one = 0, is_map = 0, line;
        for (size_t j = 0; j < HS_ARRAY_LEN(one); j++)
            is_one |= kind == one[j];
        if (!is_one && !hs__span_in(k, strlen(k), id_keys) &&
            !hs__span_in(k, strlen(k), title_keys))
            continue;
        if ((line = hs__fm_collection_line(doc->fm, k, &is_map)) != 0) {
            hs__pm_warn(pm, line,
                        "front matter '%.*s' is a %s, not one value: not "
                        "read",
                        (int)hs__utf8_cut(k, strlen(k), 80), k,
                        is_map ? "mapping" : "list");
            return;
        }
    }
}

/* Append the first non-empty front matter list of `kind` to `out`. */
static size_t fm_list_of(const hs__doc *doc, hs__kind kind, hs_strlist *out) {
    size_t i = 0, n = 0;
    const char *k;
    while (!n && (k = fm_key_of(doc, kind, &i)) != NULL)
        n = hs__fm_list(doc->fm, k, out);
    return n;
}

/* A fact from front matter, else from a field of `kind`; *line is set. */
static const char *fact(const hs__doc *doc, hs__kind kind, int *line) {
    size_t i = 0;
    const char *k, *v;
    const hs__field *f;
    while ((k = fm_key_of(doc, kind, &i)) != NULL)
        if ((v = hs__fm_scalar(doc->fm, k, line)) != NULL)
            return v;
    f = find_field(doc, kind);
    /* a template's slot ("<hh:mm>") is no value; "TBD" says unknown */
    if (f && *f->value &&
        !(strchr(f->value, '<') && hs__is_placeholder(f->value))) {
        *line = f->line;
        return f->value;
    }
    return NULL;
}

/*
 * A fact written as a section of its own: "## Severity" then "High", or
 * "### Duration: 45 minutes". The heading's text after a colon, else the
 * section's first short paragraph or item; *line is set. NULL if none.
 */
static const char *section_value(const hs__doc *doc, const hs__kind *kinds,
                                 hs__kind kind, int *line) {
    for (size_t i = 1; i < doc->n_sections; i++) {
        const hs__section *s = &doc->sections[i];
        const char *c;
        if (kinds[i] != kind)
            continue;
        c = strchr(s->heading, ':');
        *line = s->line;
        if (c && c[1]) {
            while (*++c == ' ')
                ;
            if (*c)
                return c;
        }
        if (s->n_paras && strlen(s->paras[0].text) < 80) {
            *line = s->paras[0].line;
            return s->paras[0].text;
        }
        if (!s->n_paras && s->n_items && strlen(s->items[0].text) < 80) {
            *line = s->items[0].line;
            return s->items[0].text;
        }
    }
    return NULL;
}

/* A field named by the house style for `fact`; *line is set. */
static const char *cfg_field(const hs__doc *doc, int fact, int *line) {
    if (!doc->cfg)
        return NULL;
    for (size_t i = 0; i < doc->cfg->names[fact].n; i++) {
        const char *keys[2] = {doc->cfg->names[fact].v[i], NULL};
        const hs__field *f = find_field_named(doc, keys);
        const char *v;
        if (f && *f->value) {
            *line = f->line;
            return f->value;
        }
        if ((v = find_item_field(doc, keys, line)) != NULL)
            return v;
    }
    return NULL;
}

static int file_name_date(const hs_postmortem *pm, char out[HS_DATE_LEN]);

/* Does `t` hold a letter with an accent (UTF-8 of U+00C0..U+00FF)? */
static int has_accent(const char *t) {
    for (; *t; t++)
        if ((unsigned char)t[0] == 0xc3 && (unsigned char)t[1] >= 0x80 &&
            (unsigned char)t[1] <= 0xbf && t[1] != '\x97' && t[1] != '\xb7')
            return 1;
    return 0;
}

/*
 * Is the document written where the day comes first in a date? Its
 * section names or field keys are in a language with accents ("Duração",
 * "Gravità", "Fecha / Date" with "Duración"), or its clock names a time
 * zone of Europe, South America, Africa or Oceania ("CET", "BST", "BRT"):
 * only the United States write the month first.
 */
static int is_day_first(const hs__doc *doc) {
    for (size_t i = 0; i < doc->n_sections; i++) {
        const hs__section *s = &doc->sections[i];
        if (has_accent(s->heading))
            return 1;
        for (size_t f = 0; f < s->n_fields; f++)
            if (has_accent(s->fields[f].key))
                return 1;
    }
    for (const char *z = doc->body.data; z && (z = strchr(z, ' ')) != NULL;)
        if (hs__zone_day_first(++z))
            return 1;
    return 0;
}

/*
 * An ambiguous day-month order ("03/10/2021": both numbers 12 or less)
 * read the house style's way; without one, the way that gives the file
 * name's date, if it has one ("2021-10-03-db.md"). `d` holds what
 * hs__date_find made of v.
 */
/* Does the body write the date `want` (YYYY-MM-DD) somewhere? */
static int body_has_date(const hs__doc *doc, const char *want) {
    const char *t = doc->body.data;
    char d[HS_DATE_LEN];
    size_t end;
    while (t && hs__date_find(t, 0, d, NULL, &end) == 0) {
        if (!strcmp(d, want))
            return 1;
        t += end ? end : 1;
    }
    return 0;
}

static void apply_date_order(const hs__doc *doc, const hs_postmortem *pm,
                             const char *v, char d[HS_DATE_LEN]) {
    int a = 0, b = 0, na = 0, nb = 0, want_mo, want_dd;
    const char *p = v;
    char fn[HS_DATE_LEN], other[HS_DATE_LEN];
    int has_order = doc->cfg && doc->cfg->dates != HS__DATES_DEFAULT;
    int day_first = !has_order && !file_name_date(pm, fn) && is_day_first(doc);
    if (!has_order && !day_first && !file_name_date(pm, fn))
        fn[0] = '\0'; /* only the body can still decide */
    while (*p == ' ')
        p++;
    while (hs__isdigit((unsigned char)*p) && na < 3)
        a = a * 10 + (*p++ - '0'), na++;
    if (na < 1 || na > 2 || !(*p == '/' || *p == '-' || *p == '.'))
        return;
    p++;
    while (hs__isdigit((unsigned char)*p) && nb < 3)
        b = b * 10 + (*p++ - '0'), nb++;
    if (nb < 1 || nb > 2 || a > 12 || b > 12 || a == b)
        return;
    /* d is YYYY-MM-DD; the default read v as mdy except with dots */
    if (has_order) {
        want_mo = doc->cfg->dates == HS__DATES_DMY ? b : a;
        want_dd = doc->cfg->dates == HS__DATES_DMY ? a : b;
    } else if (day_first) {
        if (*p == '.' || p[-1 - nb] == '.')
            return; /* dotted dates are read day first already */
        want_mo = b;
        want_dd = a;
    } else {
        /* the other reading, kept only when the file name agrees, or
         * the body writes that day another way ("07/11/2024" beside "7
         * November 2024") */
        memcpy(other, d, HS_DATE_LEN);
        other[5] = d[8], other[6] = d[9], other[8] = d[5], other[9] = d[6];
        if (strcmp(other, fn) && !body_has_date(doc, other))
            return;
        want_mo = (other[5] - '0') * 10 + (other[6] - '0');
        want_dd = (other[8] - '0') * 10 + (other[9] - '0');
    }
    d[5] = (char)('0' + want_mo / 10);
    d[6] = (char)('0' + want_mo % 10);
    d[8] = (char)('0' + want_dd / 10);
    d[9] = (char)('0' + want_dd % 10);
}

static char *dup_or_null(const char *s) {
    char *t;
    if (!s)
        return NULL;
    t = hs__strtrim(s, strlen(s));
    if (!*t) {
        free(t);
        return NULL;
    }
    return t;
}

/* ---------------------------------------------------------------------
 * Provenance: where each fact came from, for show --explain and check
 */

/*
 * Record the source of `v`, a value that fact() or find_item_field()
 * returned: a `Key: value` field names its key; anything else came from
 * the front matter.
 */
static void source_value(hs_postmortem *pm, const hs__doc *doc,
                         const char *field, const char *v, int line) {
    for (size_t i = 0; i < doc->n_sections; i++) {
        const hs__section *s = &doc->sections[i];
        for (size_t f = 0; f < s->n_fields; f++)
            if (s->fields[f].value == v) {
                hs__pm_source(pm, field, line, "field '%s'", s->fields[f].key);
                return;
            }
        for (size_t k = 0; k < s->n_items; k++)
            if (v > s->items[k].text &&
                v <= s->items[k].text + strlen(s->items[k].text)) {
                hs__pm_source(pm, field, line, "list field '%.*s'",
                              (int)(v - s->items[k].text - 1),
                              s->items[k].text);
                return;
            }
    }
    hs__pm_source(pm, field, line, "front matter");
}

/* Record the first section of `kind` as the source of `field`. */
static void source_section(hs_postmortem *pm, const hs__doc *doc,
                           const hs__kind *kinds, const char *field,
                           hs__kind kind) {
    for (size_t i = 0; i < doc->n_sections; i++)
        if (kinds[i] == kind) {
            hs__pm_source(pm, field, doc->sections[i].line, "section '%s'",
                          doc->sections[i].heading);
            return;
        }
}

/* The line of the first paragraph or item whose text satisfies `pred`. */
static int line_where(const hs__doc *doc, int (*pred)(const char *)) {
    for (size_t i = 0; i < doc->n_sections; i++) {
        const hs__section *s = &doc->sections[i];
        for (size_t k = 0; k < s->n_paras; k++)
            if (pred(s->paras[k].text))
                return s->paras[k].line;
        for (size_t k = 0; k < s->n_items; k++)
            if (pred(s->items[k].text))
                return s->items[k].line;
    }
    return 0;
}

/* ---------------------------------------------------------------------
 * Sections
 */

/*
 * The prose of the first section of `kind`, with its subsections: its
 * paragraphs, then its list items one per line. NULL if there is none or
 * it is empty.
 */
static char *section_text(const hs__doc *doc, const hs__kind *kinds,
                          hs__kind kind) {
    hs__buf b = HS_BUF_INIT;
    size_t owner;
    for (owner = 0; owner < doc->n_sections; owner++)
        if (kinds[owner] == kind)
            break;
    if (owner == doc->n_sections)
        return NULL;
    for (size_t i = owner; i < doc->sections[owner].sub_end; i++) {
        const hs__section *s = &doc->sections[i];
        if (!hs__section_contains(doc, kinds, owner, i))
            continue;
        if (s->text.len) {
            if (b.len)
                hs__buf_puts(&b, "\n\n");
            hs__buf_put(&b, s->text.data, s->text.len);
        }
        for (size_t k = 0; k < s->n_items; k++) {
            if (b.len)
                hs__buf_putc(&b, '\n');
            if (s->items[k].depth == 0)
                hs__buf_puts(&b, "- ");
            hs__buf_puts(&b, hs__skip_glyphs(s->items[k].text));
        }
    }
    if (!b.len) {
        hs__buf_release(&b);
        return NULL;
    }
    return hs__buf_detach(&b, NULL);
}

/* Items (or, if none, paragraphs) of every section of `kind`. */
static void section_list(const hs__doc *doc, const hs__kind *kinds,
                         hs__kind kind, hs_strlist *out) {
    for (size_t owner = 0; owner < doc->n_sections; owner++) {
        size_t before = out->n;
        if (kinds[owner] != kind)
            continue;
        for (size_t i = owner; i < doc->sections[owner].sub_end; i++) {
            const hs__section *s = &doc->sections[i];
            if (!hs__section_contains(doc, kinds, owner, i))
                continue;
            for (size_t k = 0; k < s->n_items; k++) {
                const char *t = hs__skip_glyphs(s->items[k].text);
                if (s->items[k].depth == 0)
                    hs__strlist_push_trimmed(out, t, strlen(t));
            }
        }
        if (out->n == before)
            for (size_t i = owner; i < doc->sections[owner].sub_end; i++) {
                const hs__section *s = &doc->sections[i];
                if (!hs__section_contains(doc, kinds, owner, i))
                    continue;
                for (size_t k = 0; k < s->n_paras; k++) {
                    char *t = hs__xstrdup(s->paras[k].text);
                    for (char *c = t; *c; c++)
                        if (*c == '\n')
                            *c = ' ';
                    hs__strlist_push_trimmed(out, t, strlen(t));
                    free(t);
                }
            }
    }
}

/* ---------------------------------------------------------------------
 * Individual facts
 */

static void extract_title(const hs__doc *doc, const hs__kind *kinds,
                          hs_postmortem *pm) {
    int line = 0;
    const char *v = fm_value(doc, title_keys, &line);
    if (v) {
        pm->title = dup_or_null(v);
        hs__pm_source(pm, "title", line, "front matter");
        return;
    }
    /* The first H1; else the first heading, if it is not a known section. */
    for (size_t i = 1; i < doc->n_sections; i++)
        if (doc->sections[i].level == 1 && *doc->sections[i].heading) {
            pm->title = hs__xstrdup(doc->sections[i].heading);
            hs__pm_source(pm, "title", doc->sections[i].line, "first H1");
            return;
        }
    if (doc->n_sections > 1 && kinds[1] == HS_KIND_OTHER &&
        !doc->sections[1].synthetic && *doc->sections[1].heading) {
        pm->title = hs__xstrdup(doc->sections[1].heading);
        hs__pm_source(pm, "title", doc->sections[1].line, "first heading");
    }
}

/* ---------------------------------------------------------------------
 * The impact window of a timeline: where users' trouble starts and ends
 */

/*
 * "(outage starts)", "Problem starts": the start named as such, as the
 * whole of a short entry or in parentheses, not "then problems begin" in
 * the middle of a narrative.
 */
static int names_impact_start(const char *t) {
    static const char *const phrases[] = {"outage start",
                                          "outage begin",
                                          "outage began",
                                          "problem start",
                                          "problems start",
                                          "problem begin",
                                          "problems begin",
                                          "impact start",
                                          "impact begin",
                                          "incident start",
                                          "incident begin",
                                          "issue start",
                                          "issues start",
                                          "downtime start",
                                          "downtime begin",
                                          "impact began",
                                          "incident began",
                                          "downtime began",
                                          NULL};
    for (size_t i = 0; phrases[i]; i++) {
        const char *p = hs__strcasestr(t, phrases[i]);
        const char *e = p ? p + strlen(phrases[i]) : NULL;
        if (p && ((p > t && p[-1] == '(') || strlen(t) <= 40))
            return 1;
        /* "Impact starts: the deploy stops applying purges", the phrase
         * as the entry's label */
        if (e && p == t) {
            while (hs__isalpha((unsigned char)*e))
                e++;
            if (*e == ':' || !strncmp(e, " -", 2) ||
                !strncmp(e, " \xe2\x80\x94", 4))
                return 1;
        }
    }
    return 0;
}

/*
 * What the "stop" at p of text t says: 1 when work stopped ("workers
 * stopped processing events", "the API stops serving"), the impact; 2
 * when trouble stopped ("errors stopped", "the pods stopped crashing"),
 * the recovery; 0 for neither, or when p is no word "stop", "stops" or
 * "stopped".
 */
static int stopped_at(const char *t, const char *p) {
    static const char *const trouble[] = {
        "error",  "errors",   "failure",  "failures",   "alert",   "alerts",
        "alarms", "crashes",  "timeouts", "exceptions", "retries", "5xxs",
        "500s",   "restarts", "page",     "pages",      NULL};
    static const char *const troubling[] = {
        "failing",   "erroring",  "crashing",    "flapping",  "alerting",
        "paging",    "timing",    "occurring",   "happening", "restarting",
        "dropping",  "leaking",   "spiking",     "throwing",  "firing",
        "rejecting", "returning", "complaining", NULL};
    const char *w = p + 4, *b = p, *next;
    size_t n = 0, nb = 0;
    if (hs__strncasecmp(p, "stop", 4) ||
        (p > t && hs__isalpha((unsigned char)p[-1])))
        return 0;
    if (!strncmp(w, "ped", 3))
        w += 3;
    else if (*w == 's')
        w++;
    if (*w != ' ' && *w != '.' && *w != ',' && *w)
        return 0;
    /* the trouble before it: "errors stopped", "the alerts stop" */
    while (b > t && b[-1] == ' ')
        b--;
    while (b > t && hs__isalnum((unsigned char)b[-1]))
        b--, nb++;
    if (hs__span_in(b, nb, trouble))
        return 2;
    /* the -ing word after it: what stopped */
    next = w;
    while (*next == ' ')
        next++;
    while (hs__isalpha((unsigned char)next[n]))
        n++;
    if (n < 5 || hs__strncasecmp(next + n - 3, "ing", 3))
        return 0;
    return hs__span_in(next, n, troubling) ? 2 : 1;
}

/* What the first "stop" of t that says something says (stopped_at). */
static int stopped_what(const char *t) {
    int what = 0;
    for (const char *p = hs__strcasestr(t, "stop"); p && !what;
         p = hs__strcasestr(p + 1, "stop"))
        what = stopped_at(t, p);
    return what;
}

/* An entry that shows users affected: the first sign of impact. */
int hs__shows_impact(const char *t) {
    static const char *const words[] = {"down",
                                        "outage",
                                        "error",
                                        "unavailable",
                                        "unreachable",
                                        "not working",
                                        "stopped working",
                                        "n't working",
                                        "broken",
                                        "degraded",
                                        "crash",
                                        "issue with",
                                        "problem",
                                        "timeout",
                                        "timing out",
                                        "unable",
                                        "cannot",
                                        "can't",
                                        "slow",
                                        "404",
                                        "500",
                                        "502",
                                        "503",
                                        "504",
                                        "5xx",
                                        "unauthori",
                                        "compromise",
                                        "users report",
                                        "latency",
                                        "lost",
                                        "fail",
                                        "stuck",
                                        "hang",
                                        "pending",
                                        "spike",
                                        "drop",
                                        "no longer",
                                        "not loading",
                                        "refus",
                                        "reject",
                                        "oom",
                                        "out of memory",
                                        "exhaust",
                                        "overload",
                                        "saturat",
                                        "backlog",
                                        "expired",
                                        "not responding",
                                        "stopped responding",
                                        "stops responding",
                                        "elevated",
                                        "backing up",
                                        "piling up",
                                        "lagging",
                                        "frozen",
                                        NULL};
    return hs__has_word_in(t, words) || stopped_what(t) == 1;
}

/* An entry that says service came back. */
int hs__shows_recovery(const char *t) {
    static const char *const words[] = {"recovered",
                                        "recovers",
                                        "fully recover",
                                        "restored",
                                        "back to normal",
                                        "returns to normal",
                                        "returned to normal",
                                        "back to a functional",
                                        "back online",
                                        "operational again",
                                        "working again",
                                        "is working",
                                        "are working",
                                        "resolved",
                                        "outage ends",
                                        "outage ended",
                                        "impact ends",
                                        "impact ended",
                                        "end of impact",
                                        "incident ends",
                                        "incident ended",
                                        "downtime ends",
                                        "downtime ended",
                                        "full recovery",
                                        "recovery complete",
                                        "goes away",
                                        "went away",
                                        "mitigated",
                                        "healthy again",
                                        "back up",
                                        "all clear",
                                        "normal",
                                        "fixed",
                                        "resumed",
                                        "resumes",
                                        "back to baseline",
                                        "back at 100",
                                        "back to 100",
                                        "solved",
                                        "is back",
                                        "are back",
                                        "stable again",
                                        "is operational",
                                        "are operational",
                                        "fully operational",
                                        "up and running",
                                        "to baseline",
                                        "errors stop",
                                        "errors subside",
                                        "subsided",
                                        "stabilized",
                                        "stabilised",
                                        "comes back",
                                        "came back",
                                        "caught up",
                                        "succeed",
                                        "looking good",
                                        "looks good",
                                        "drained",
                                        "back under",
                                        "back below",
                                        NULL};
    /* "works again", "responding again"; not "failing again" */
    static const char *const relapse[] = {"fail",  "down",   "error", "broken",
                                          "crash", "outage", NULL};
    return hs__has_word_in(t, words) || stopped_what(t) == 2 ||
           (hs__strcasestr(t, " again") && !hs__has_word_in(t, relapse));
}

/* An entry that describes a change made, or a warning no one acted on:
 * a precursor of the impact, not the impact. */
static int is_change(const char *t) {
    static const char *const words[] = {
        "deploy",    "applied",      "apply",    "update",   "upgrade",
        "created",   "merged",       "introduc", "rollover", "roll over",
        "rolled",    "changed",      "configur", "approved", "released",
        "migrat",    "set ",         "enabled",  "disabled", "installed",
        "renamed",   "modified",     "added",    "removed",  "scheduled",
        "initiated", "went live",    "scaled",   "scaling",  "warning",
        "deleted",   "decommission", "alert",    NULL};
    return hs__has_word_in(t, words);
}

typedef struct tl_window {
    int start, end;         /* entry indexes; -1 when not found */
    int start_named;        /* the start was found by its words */
    int after_changes;      /* the entries on days before it are changes */
    long minutes;           /* end - start; -1 when not computable */
    char date[HS_DATE_LEN]; /* the start entry's date, carried; "" if none */
    char first_date[HS_DATE_LEN]; /* the first entry's date; "" if none */
} tl_window;

/*
 * Each entry's time as minutes on one clock: the last full date carried
 * forward, and a clock that jumps back by more than six hours without a
 * new date taken as the next day ("23:04" then "02:50"). -1 for an entry
 * without a clock time.
 */
static long *timeline_clock(const hs_postmortem *pm,
                            char (*dates)[HS_DATE_LEN]) {
    long *at = hs__xcalloc(pm->n_timeline ? pm->n_timeline : 1, sizeof(long));
    long day = 0, prev = -1;
    char date[HS_DATE_LEN] = "";
    for (size_t i = 0; i < pm->n_timeline; i++) {
        const hs_timeline_entry *e = &pm->timeline[i];
        const char *t = *e->time ? e->time : e->event;
        char d[HS_DATE_LEN];
        int is_new_day = 0, clock;
        long count;
        if (hs__date_find(t, 1, d, NULL, NULL) == 0) {
            long nd = hs__date_days(d) + 1;
            is_new_day = day != nd;
            day = nd;
            memcpy(date, d, sizeof(d));
        } else if (hs__day_counter(t, &count)) {
            /* "Day 2 10:10": the second day of the incident's count */
            is_new_day = day != count;
            day = count;
        }
        memcpy(dates[i], date, sizeof(date));
        clock = hs__clock_find(t, 24);
        if (clock < 0 && *e->time) /* "### 2018-07-30 ca. 11:20" */
            clock = hs__clock_find(e->event, 12);
        if (clock < 0 && hs__relative_time(t, &clock)) {
            /* "T+10m": minutes from the start, which never wrap */
            at[i] = day * 1440 + clock;
            continue;
        }
        if (clock < 0) {
            at[i] = -1;
            continue;
        }
        at[i] = day * 1440 + clock;
        while (!is_new_day && prev >= 0 && at[i] < prev - 360)
            at[i] += 1440, day++;
        prev = at[i];
    }
    return at;
}

/*
 * Does the entry at `start` leave the impact's real start unknown: "has
 * been at zero for several hours", or a time in the window's entries
 * before the start's clock ("pending pods peaked around 07:15")?
 */
static int start_unknown(const hs_postmortem *pm, const long *at, int start,
                         int end) {
    static const char *const earlier[] = {
        "for several", "for hours", "for days",  "for some time",
        "since",       "already",   "earlier",   "before that",
        "had been",    "has been",  "have been", "for a while",
        "overnight",   NULL};
    int clock = (int)(at[start] % 1440);
    if (hs__has_word_in(pm->timeline[start].event, earlier))
        return 1;
    for (int i = start; i <= end; i++) {
        const char *t = pm->timeline[i].event;
        for (const char *p = t; *p; p++) {
            int c;
            if (!hs__isdigit((unsigned char)*p) ||
                (p > t && hs__isalnum((unsigned char)p[-1])))
                continue;
            c = hs__clock_find(p, 1);
            if (c >= 0 && c < clock && clock - c < 360)
                return 1;
        }
    }
    return 0;
}

/*
 * The body of a timeline entry written as a heading of its own ("### 10:25
 * - Fix deployed", then "Launches are back to normal."): its first
 * paragraph or item, NULL for an entry of one line.
 */
static const char *heading_detail(const hs__doc *doc,
                                  const hs_timeline_entry *e) {
    size_t tn = strlen(e->time);
    if (!doc || !tn)
        return NULL;
    for (size_t i = 1; i < doc->n_sections; i++) {
        const hs__section *s = &doc->sections[i];
        const char *h = hs__skip_glyphs(s->heading);
        if (strncmp(h, e->time, tn) || !strstr(h, e->event))
            continue;
        if (s->n_paras && (!s->n_items || s->paras[0].seq < s->items[0].seq))
            return s->paras[0].text;
        return s->n_items ? s->items[0].text : NULL;
    }
    return NULL;
}

/*
 * heading_detail looks through every section for each timeline entry; past
 * this many pairs (a thousand entries in a thousand sections) the headings'
 * bodies are not read for recovery: 190,000 headings of a hostile file made
 * it take minutes, and no real postmortem comes near.
 */
#define HEADING_DETAIL_PAIRS 1000000

static void timeline_window(const hs__doc *doc, const hs_postmortem *pm,
                            tl_window *w) {
    char(*dates)[HS_DATE_LEN];
    long *at;
    int is_named = 0, is_first_sign = 1;
    if (doc &&
        (double)pm->n_timeline * (double)doc->n_sections > HEADING_DETAIL_PAIRS)
        doc = NULL;
    w->start = w->end = -1;
    w->start_named = w->after_changes = 0;
    w->minutes = -1;
    w->date[0] = w->first_date[0] = '\0';
    if (!pm->n_timeline)
        return;
    dates = hs__xcalloc(pm->n_timeline, sizeof(*dates));
    at = timeline_clock(pm, dates);
    memcpy(w->first_date, dates[0], HS_DATE_LEN);
    for (size_t i = 0; i < pm->n_timeline && w->start < 0; i++)
        if (names_impact_start(pm->timeline[i].event))
            w->start = (int)i, is_named = 1;
    for (size_t i = 0; i < pm->n_timeline && w->start < 0; i++)
        if (hs__shows_impact(pm->timeline[i].event))
            w->start = (int)i;
    w->start_named = w->start >= 0;
    for (size_t i = 0; i < pm->n_timeline && w->start < 0; i++)
        if (at[i] >= 0)
            w->start = (int)i;
    /*
     * The entries before the start are the changes that set it up: those
     * on earlier days for the date; all of them (or bare times) for the
     * duration, else the first sign of impact may lie among them.
     */
    w->after_changes = w->start_named;
    for (int i = 0; i < w->start; i++) {
        const char *t = pm->timeline[i].event;
        if (is_change(t) || strlen(t) < 12)
            continue;
        is_first_sign = 0;
        if (strcmp(dates[i], dates[w->start]))
            w->after_changes = 0;
    }
    if (w->start >= 0) {
        memcpy(w->date, dates[w->start], HS_DATE_LEN);
        for (size_t i = (size_t)w->start + 1; i < pm->n_timeline; i++) {
            /* a heading entry's body may say it ("### 10:25 - Fix
             * deployed", "Launches are back to normal.") */
            const char *body = heading_detail(doc, &pm->timeline[i]);
            if (at[i] >= 0 && (hs__shows_recovery(pm->timeline[i].event) ||
                               (body && hs__shows_recovery(body))))
                w->end = (int)i;
        }
    }
    /* without an entry that shows the impact first, its start is unknown */
    if ((is_named || (w->start_named && is_first_sign)) && w->end >= 0 &&
        at[w->start] >= 0 && at[w->end] > at[w->start] &&
        at[w->end] - at[w->start] <= 14 * 1440 &&
        !start_unknown(pm, at, w->start, w->end))
        w->minutes = at[w->end] - at[w->start];
    free(at);
    free(dates);
}

/* How an entry names its time: its time, else its text ("[03-26 23:04]"). */
static const char *entry_when(const hs_timeline_entry *e) {
    return *e->time ? e->time : e->event;
}

/* The line of timeline entry `e`: the item, paragraph or heading that
 * holds its text; else the timeline section's. */
static int entry_line(const hs__doc *doc, const hs__kind *kinds,
                      const hs_timeline_entry *e) {
    char key[24];
    size_t n =
        strlen(e->event) < sizeof(key) - 1 ? strlen(e->event) : sizeof(key) - 1;
    memcpy(key, e->event, n);
    key[n] = '\0';
    for (char *c = key; *c; c++)
        if (*c == '\n')
            *c = '\0';
    for (size_t i = 0; *key && i < doc->n_sections; i++) {
        const hs__section *s = &doc->sections[i];
        if (strstr(s->heading, key))
            return s->line;
        for (size_t k = 0; k < s->n_items; k++)
            if (strstr(s->items[k].text, key))
                return s->items[k].line;
        for (size_t k = 0; k < s->n_paras; k++)
            if (strstr(s->paras[k].text, key))
                return s->paras[k].line;
    }
    for (size_t i = 0; i < doc->n_sections; i++)
        if (kinds[i] == HS_KIND_TIMELINE)
            return doc->sections[i].line;
    return 0;
}

/*
 * The first date of the timeline: an entry's time or text, else the
 * timeline heading ("Timeline (all times PST) 10/22/2022 - ...").
 * Returns 1 and fills out, or 0.
 */
static int first_timeline_date(const hs__doc *doc, const hs__kind *kinds,
                               const hs_postmortem *pm, char out[HS_DATE_LEN]) {
    for (size_t i = 0; i < pm->n_timeline; i++)
        if (hs__date_find(pm->timeline[i].time, 1, out, NULL, NULL) == 0 ||
            hs__date_find(pm->timeline[i].event, 1, out, NULL, NULL) == 0)
            return 1;
    for (size_t i = 0; i < doc->n_sections; i++)
        if (kinds[i] == HS_KIND_TIMELINE &&
            hs__date_find(doc->sections[i].heading, 0, out, NULL, NULL) == 0)
            return 1;
    return 0;
}

/* The date in the file's name ("2022-06-02-pod-limit.md"); 1 if any. */
static int file_name_date(const hs_postmortem *pm, char out[HS_DATE_LEN]) {
    const char *base;
    if (!pm->path)
        return 0;
    base = strrchr(pm->path, '/');
    base = base ? base + 1 : pm->path;
    return hs__date_find(base, 1, out, NULL, NULL) == 0;
}

static int cmp_line(const void *a, const void *b) {
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

/* The lines of s's fields, sorted (caller frees; NULL for none). */
static int *field_lines(const hs__section *s) {
    int *v = s->n_fields ? hs__xcalloc(s->n_fields, sizeof(int)) : NULL;
    for (size_t f = 0; f < s->n_fields; f++)
        v[f] = s->fields[f].line;
    if (v)
        hs__qsort(v, s->n_fields, sizeof(int), cmp_line);
    return v;
}

/* Is `line` one of the n sorted `lines` (a paragraph that is a block of
 * field lines)? A search, not a scan: a section of thousands of fields
 * and paragraphs made the scan quadratic. */
static int is_field_line(const int *lines, size_t n, int line) {
    return lines && bsearch(&line, lines, n, sizeof(int), cmp_line) != NULL;
}

/* A byline ("*Posted March 5, 2026 by the Reliability team*",
 * "Published 9 June 2026"): the write-up's day, not the incident's. */
static int is_byline(const char *t) {
    static const char *const words[] = {
        "posted ", "published ", "updated ", "last updated ", "written ",
        /* a notice's "Issued: Tuesday 21 January 2025, 17:30" */
        "issued ", "issued: ",
        /* a GitHub discussion's or issue's header line */
        "started this conversation ", "opened this issue ", NULL};
    char d[HS_DATE_LEN];
    if (strlen(t) > 160 || hs__date_find(t, 0, d, NULL, NULL) != 0)
        return 0;
    while (*t == '*' || *t == '_' || *t == ' ')
        t++;
    /* "By the storage team — January 30, 2025": a short line that opens
     * with its author */
    if (!hs__strncasecmp(t, "by ", 3) && strlen(t) < 100 && !strchr(t, '\n'))
        return 1;
    /* at the start, or after a short lead ("**Postmortem** — posted ...") */
    for (const char *w = t; *w && w - t < 40; w++) {
        if (w > t && hs__isalpha((unsigned char)w[-1]))
            continue;
        if (hs__prefix_in(w, words))
            return 1;
    }
    return 0;
}

/* A summary that opens on a day without its year ("On Monday 20 January,
 * eduroam dropped ..."), in the year of the first full date the document
 * gives (a notice's issue date); 1 and the day in out if so. */
static int summary_yearless_day(const hs__doc *doc, const char *summary,
                                char out[HS_DATE_LEN]) {
    char any[HS_DATE_LEN];
    while (*summary == ' ' || *summary == '*' || *summary == '_')
        summary++;
    return !hs__strncasecmp(summary, "on ", 3) &&
           hs__date_find(doc->body.data, 0, any, NULL, NULL) == 0 &&
           hs__date_yearless(summary + 3, (int)strtol(any, NULL, 10), out) == 0;
}

/*
 * A title that names its day without the year ("Checkout outage on 4
 * March", "Sept 3rd: DNS failure"), in the year of the first full date the
 * document gives (a review's date, a notice's): that year, or the one
 * before when the day would fall after that date, as an incident comes
 * before its review. 1 and the day in out if so.
 */
static int title_yearless_day(const hs__doc *doc, const char *title,
                              char out[HS_DATE_LEN]) {
    char any[HS_DATE_LEN];
    int year;
    if (!title || hs__date_find(doc->body.data, 0, any, NULL, NULL) != 0)
        return 0;
    year = (int)strtol(any, NULL, 10);
    for (const char *w = title; *w; w++) {
        if ((w != title && hs__isalnum((unsigned char)w[-1])) ||
            !hs__isalnum((unsigned char)*w) ||
            hs__date_yearless(w, year, out) != 0)
            continue;
        if (strcmp(out, any) > 0 && hs__date_yearless(w, year - 1, out) != 0)
            return 0;
        return 1;
    }
    return 0;
}

static int is_other_date(const char *t, const char *at);

/* The date a line says is the incident's ("Retro held 2024-12-03.
 * Incident on Friday 2024-11-29.", "Written 2026-03-10 about the outage of
 * 2026-03-04"): one a few words after "incident" or "outage"; 1 if there
 * is one. */
static int incident_date_in(const char *t, char out[HS_DATE_LEN]) {
    const char *p = t;
    size_t start, end;
    while (hs__date_find(p, 0, out, &start, &end) == 0) {
        const char *from =
            p + start - (p + start - t > 24 ? 24 : p + start - t);
        char *lead = hs__xstrndup(from, (size_t)(p + start - from));
        int yes = (hs__strcasestr(lead, "incident") != NULL ||
                   hs__strcasestr(lead, "outage") != NULL) &&
                  !is_other_date(t, p + start);
        free(lead);
        if (yes)
            return 1;
        p += end ? end : 1;
    }
    return 0;
}

/* The date of the first byline, the last resort of a document that gives
 * no other day (a post written the night of the incident), or the one it
 * says is the incident's; 1 if any. */
static int byline_date(const hs__doc *doc, char out[HS_DATE_LEN], int *line) {
    for (size_t i = 0; i < doc->n_sections; i++)
        for (size_t k = 0; k < doc->sections[i].n_paras; k++)
            if (is_byline(doc->sections[i].paras[k].text) &&
                (incident_date_in(doc->sections[i].paras[k].text, out) ||
                 hs__date_find(doc->sections[i].paras[k].text, 0, out, NULL,
                               NULL) == 0)) {
                *line = doc->sections[i].paras[k].line;
                return 1;
            }
    return 0;
}

/*
 * Is the date at `at` in line `t` introduced as another occurrence's
 * ("Last week (2024-02-26) we had a smaller blip", "similar to the
 * incident of 2023-05-02")? The words before it in its sentence, at most
 * 40 bytes back, name an earlier time (hs__names_other_occurrence).
 */
static int is_other_date(const char *t, const char *at) {
    const char *from = at;
    while (from > t && at - from < 40 && from[-1] != '\n' &&
           !(from[-1] == ' ' && from - 1 > t &&
             (from[-2] == '.' || from[-2] == '!' || from[-2] == '?')))
        from--;
    return hs__names_other_occurrence(from, at, 1);
}

/*
 * The first date of prose line `t` that is not another occurrence's
 * (is_other_date); when every date is one, the first. 0 and the date in
 * out; -1 if t has none.
 */
static int own_date_in(const char *t, char out[HS_DATE_LEN]) {
    char first[HS_DATE_LEN];
    const char *p = t;
    size_t start, end;
    int n = 0;
    while (hs__date_find(p, 0, out, &start, &end) == 0) {
        if (n++ == 0)
            memcpy(first, out, HS_DATE_LEN);
        if (!is_other_date(t, p + start))
            return 0;
        p += end ? end : 1;
    }
    if (!n)
        return -1;
    memcpy(out, first, HS_DATE_LEN);
    return 0;
}

/*
 * Last, the first date met in the text: a field's ("Incident window:
 * 2024-03-12 09:40 - 10:55") unless its key names the write-up's own days
 * ("Published:", "Last updated:", "Review date:", "Issued:"), else a
 * paragraph's, outside the sections of follow-up work (a due date is no
 * incident's). Sets *line; 1 if found.
 */
static int first_prose_date(const hs__doc *doc, const hs__kind *kinds,
                            char out[HS_DATE_LEN], int *line) {
    static const char *const not_incident[] = {
        "publish", "updat",  "creat",    "writ",  "review", "due",
        "report",  "author", "document", "modif", "issued", NULL};
    for (size_t i = 0; i < doc->n_sections; i++) {
        const hs__section *s = &doc->sections[i];
        if (kinds[i] == HS_KIND_ACTIONS || kinds[i] == HS_KIND_LESSONS ||
            kinds[i] == HS_KIND_REFERENCES)
            continue;
        for (size_t f = 0; f < s->n_fields; f++) {
            size_t k = 0;
            while (not_incident[k] &&
                   !hs__strcasestr(s->fields[f].key, not_incident[k]))
                k++;
            if (!not_incident[k] && !is_mail_date(s, &s->fields[f]) &&
                hs__date_find(s->fields[f].value, 0, out, NULL, NULL) == 0) {
                *line = s->fields[f].line;
                return 1;
            }
        }
        int *lines = field_lines(s);
        for (size_t k = 0; k < s->n_paras; k++) {
            int at = s->paras[k].line;
            const char *t = s->paras[k].text;
            if (is_byline(t))
                continue;
            if (!is_field_line(lines, s->n_fields, at) &&
                (incident_date_in(t, out) || own_date_in(t, out) == 0)) {
                *line = at;
                free(lines);
                return 1;
            }
        }
        free(lines);
    }
    return 0;
}

/*
 * A title's range of days in one month ("3-4 December 2025", read as its
 * first day d): the first of its days the body names without a year ("on
 * Sunday 13 April"), written to d; d stays when the body names none.
 */
static void range_day_named(const hs__doc *doc, const char *at,
                            char d[HS_DATE_LEN]) {
    char last[HS_DATE_LEN], day[HS_DATE_LEN];
    const char *b = doc->body.data;
    int year = (int)strtol(d, NULL, 10);
    if (!b || hs__date_range_last(at, last) != 0)
        return;
    for (const char *p = b; *p; p++)
        if ((p == b || !hs__isalnum((unsigned char)p[-1])) &&
            hs__isalnum((unsigned char)*p) &&
            hs__date_yearless(p, year, day) == 0 && strcmp(day, d) >= 0 &&
            strcmp(day, last) <= 0) {
            memcpy(d, day, HS_DATE_LEN);
            return;
        }
}

/*
 * Does the date fact (as fact() finds it) come from a key that names the
 * page's own creation ("created:", "Created at:"), not the incident's?
 */
static int date_is_created(const hs__doc *doc) {
    size_t i = 0;
    const char *k;
    const hs__field *f;
    int line;
    while ((k = fm_key_of(doc, HS_KIND_DATE, &i)) != NULL)
        if (hs__fm_scalar(doc->fm, k, &line))
            return !hs__strncasecmp(k, "created", 7);
    f = find_field(doc, HS_KIND_DATE);
    return f && !hs__strncasecmp(f->key, "created", 7);
}

static void extract_date(const hs__doc *doc, const hs__kind *kinds,
                         hs_postmortem *pm) {
    char tl[HS_DATE_LEN];
    int line = 0;
    const char *v = fact(doc, HS_KIND_DATE, &line);
    char d[HS_DATE_LEN];
    size_t at = 0;
    if (!v)
        v = cfg_field(doc, HS__FACT_DATE, &line);
    if (!v && (v = section_value(doc, kinds, HS_KIND_DATE, &line)) &&
        hs__date_find(v, 1, d, NULL, NULL) != 0) {
        /* a form's answer in a sentence: "Around 9pm on Sunday 16 March
         * 2025." under "When did the incident start?" */
        size_t from = 0;
        if (strlen(v) < 80 && hs__date_find(v, 0, d, &from, NULL) == 0) {
            apply_date_order(doc, pm, v + from, d);
            memcpy(pm->date, d, sizeof(d));
            source_value(pm, doc, "date", v, line);
            return;
        }
        v = NULL;
    }
    if (v) {
        char any[HS_DATE_LEN];
        if (hs__date_find(v, 1, d, NULL, NULL) == 0) {
            char td[HS_DATE_LEN];
            long gap;
            apply_date_order(doc, pm, v, d);
            /* a note "created: 2026-01-23" titled "2026-01-22 Search
             * showed stale prices": written the days after the incident
             * the title dates */
            if (pm->title && date_is_created(doc) &&
                hs__date_find(pm->title, 0, td, NULL, NULL) == 0 &&
                (gap = hs__date_days(d) - hs__date_days(td)) > 0 && gap <= 31) {
                const hs_source *t = hs__pm_source_of(pm, "title");
                memcpy(pm->date, td, sizeof(td));
                hs__pm_source(pm, "date", t ? t->line : 0,
                              "title (the page was created later)");
                return;
            }
            memcpy(pm->date, d, sizeof(d));
            source_value(pm, doc, "date", v, line);
            return;
        }
        /* "When: Tue 3 Sep, 16:05": the year of the first full date the
         * document gives (a mail's header, a later reply) */
        if (hs__date_find(doc->body.data, 0, any, NULL, NULL) == 0 &&
            hs__date_yearless(v, (int)strtol(any, NULL, 10), d) == 0) {
            memcpy(pm->date, d, sizeof(d));
            source_value(pm, doc, "date", v, line);
            return;
        }
        hs__pm_warn(pm, line, "unparseable date '%s'", v);
    }
    /* the day of a stated start ("start_time: 2021-06-08T09:47:00Z",
     * "Started: March 4, 2026 14:02"); a start without one is a clock */
    if ((v = fact(doc, HS_KIND_START, &line)) &&
        hs__date_find(v, 1, d, NULL, NULL) == 0) {
        apply_date_order(doc, pm, v, d);
        memcpy(pm->date, d, sizeof(d));
        source_value(pm, doc, "date", v, line);
        return;
    }
    /* the title ("Checkout Outage 2026-03-04") */
    if (pm->title && hs__date_find(pm->title, 0, d, &at, NULL) == 0) {
        const hs_source *t = hs__pm_source_of(pm, "title");
        char fn[HS_DATE_LEN];
        apply_date_order(doc, pm, pm->title + at, d);
        /* "weekend 12-13 April 2025" is its first day, unless the body
         * names another of its days first ("on Sunday 13 April") */
        range_day_named(doc, pm->title + at, d);
        /*
         * A title copied from an older report keeps its date: when the
         * file name and the timeline agree on another day, they win.
         */
        if (file_name_date(pm, fn) && strcmp(fn, d) &&
            first_timeline_date(doc, kinds, pm, tl) && !strcmp(fn, tl)) {
            memcpy(pm->date, fn, sizeof(fn));
            hs__pm_source(pm, "date", 0, "file name (the title's differs)");
            return;
        }
        memcpy(pm->date, d, sizeof(d));
        hs__pm_source(pm, "date", t ? t->line : 0, "title");
        return;
    }
    /*
     * The file name's date, unless the timeline starts earlier in the year
     * before it: a file is often named for the day it was written, and the
     * incident is the day the timeline begins.
     */
    int has_tl = first_timeline_date(doc, kinds, pm, tl);
    {
        if (file_name_date(pm, d)) {
            long gap = has_tl ? hs__date_days(d) - hs__date_days(tl) : -1;
            int is_tl = gap > 0 && gap <= 366;
            tl_window w;
            /* the file name is the incident's day when the timeline shows
             * the impact that day, after the changes that set it up */
            timeline_window(doc, pm, &w);
            if (w.after_changes && !strcmp(w.date, d))
                is_tl = 0;
            memcpy(pm->date, is_tl ? tl : d, sizeof(d));
            if (is_tl)
                source_section(pm, doc, kinds, "date", HS_KIND_TIMELINE);
            else
                hs__pm_source(pm, "date", 0, "file name");
            return;
        }
    }
    /*
     * the summary's prose, then the first timeline entry with a date; a
     * summary that opens on the day of the change which set the incident
     * up ("On Friday 29 November we scaled ...") yields to the day the
     * timeline shows the impact
     */
    if (pm->summary && !is_byline(pm->summary) &&
        (incident_date_in(pm->summary, d) ||
         own_date_in(pm->summary, d) == 0)) {
        const hs_source *t = hs__pm_source_of(pm, "summary");
        tl_window w;
        timeline_window(doc, pm, &w);
        if (w.after_changes && w.date[0] && strcmp(d, w.date) &&
            !strcmp(d, w.first_date)) {
            memcpy(pm->date, w.date, sizeof(w.date));
            source_section(pm, doc, kinds, "date", HS_KIND_TIMELINE);
            return;
        }
        memcpy(pm->date, d, sizeof(d));
        hs__pm_source(pm, "date", t ? t->line : 0, "summary");
        return;
    }
    if (has_tl) {
        memcpy(pm->date, tl, sizeof(tl));
        source_section(pm, doc, kinds, "date", HS_KIND_TIMELINE);
        return;
    }
    if (first_prose_date(doc, kinds, d, &line)) {
        memcpy(pm->date, d, sizeof(d));
        hs__pm_source(pm, "date", line, "first date in the text");
    } else if (pm->summary && summary_yearless_day(doc, pm->summary, d)) {
        const hs_source *t = hs__pm_source_of(pm, "summary");
        memcpy(pm->date, d, sizeof(d));
        hs__pm_source(pm, "date", t ? t->line : 0, "summary's day");
    } else if (title_yearless_day(doc, pm->title, d)) {
        const hs_source *t = hs__pm_source_of(pm, "title");
        memcpy(pm->date, d, sizeof(d));
        hs__pm_source(pm, "date", t ? t->line : 0, "title's day");
    } else if (byline_date(doc, d, &line)) {
        memcpy(pm->date, d, sizeof(d));
        hs__pm_source(pm, "date", line, "byline");
    }
}

/* Whether the words at t name a vendor's ticket ("a SEV2 support ticket
 * was opened with AWS"): that level is the ticket's, not the incident's. */
static int names_a_ticket(const char *t) {
    static const char *const words[] = {"ticket", "support", "case", "request",
                                        NULL};
    while (*t == ' ')
        t++;
    return hs__prefix_in(t, words) != 0;
}

/* Do the words before `at` (back to text) end with `w` as a word? */
static int ends_with_word(const char *text, const char *at, const char *w) {
    size_t n = strlen(w);
    while (at > text && at[-1] == ' ')
        at--;
    return (size_t)(at - text) >= n && !hs__strncasecmp(at - n, w, n) &&
           (at - n == text || !hs__isalnum((unsigned char)(at - n)[-1]));
}

/* Is the level at `at` the one an incident was opened with, just after
 * "incident" and the verb that opened it ("Incident raised, P2",
 * "incident declared as P1"), on the same line? */
static int opened_with_level(const char *text, const char *at) {
    static const char *const verbs[] = {"raised", "declared", "opened",
                                        "logged", NULL};
    static const char *const joins[] = {", ", " as ", " at ", ": ", NULL};
    const char *from = at;
    while (from > text && at - from < 32 && from[-1] != '\n')
        from--;
    for (const char *i = hs__strcasestr_before(from, at, "incident "); i;
         i = hs__strcasestr_before(i + 1, at, "incident ")) {
        const char *v = i + strlen("incident ");
        size_t vl = hs__prefix_in(v, verbs), jl;
        if (vl && (jl = hs__prefix_in(v + vl, joins)) != 0 && v + vl + jl == at)
            return 1;
    }
    return 0;
}

/* "a P1 incident", "declared a P2 outage", "Incident raised, P2",
 * "priority P3" (a byline's "guild · 18-Jun-2025 · priority P3"): a
 * priority level naming the incident in prose; 0 if none. */
static int priority_in_prose(const char *text) {
    static const char *const nouns[] = {"incident", "outage", "event", NULL};
    for (const char *p = text; p && *p; p++) {
        const char *q = p + 3;
        if ((*p != 'P' && *p != 'p') || p[1] < '0' || p[1] > '4' ||
            (p > text && hs__isalnum((unsigned char)p[-1])))
            continue;
        if (!hs__isalnum((unsigned char)p[2]) &&
            (opened_with_level(text, p) ||
             ((ends_with_word(text, p, "priority") ||
               ends_with_word(text, p, "priority:")) &&
              !names_a_ticket(p + 2))))
            return p[1] == '0' ? 1 : p[1] - '0';
        if (p[2] != ' ')
            continue;
        for (size_t i = 0; nouns[i]; i++)
            if (!hs__strncasecmp(q, nouns[i], strlen(nouns[i])))
                return p[1] == '0' ? 1 : p[1] - '0';
    }
    return 0;
}

/*
 * Do the words before `at` (back to `text`) say that the level written at
 * `at` is the one a change of level went to? After an arrow ("SEV2 ->
 * SEV1", "SEV2 => SEV1"), a struck-out level ("~~SEV3~~ SEV1"), a verb of
 * change and "to" ("upgraded to SEV1", "raised it to a SEV1") or the
 * "to" of "from SEV1 to SEV2" on the same line. The one reading of a
 * change of level, for a severity field's value and for a line of prose:
 * a bare "to" is no change ("declared SEV2 due to a SEV1 customer").
 */
static int is_changed_to(const char *text, const char *at) {
    static const char *const arrows[] = {"->", "\xe2\x86\x92", "=>", NULL};
    static const char *const verbs[] = {
        "upgraded", "raised",  "escalated", "downgraded", "lowered", "changed",
        "bumped",   "reduced", "increased", "decreased",  "moved",   NULL};
    const char *e = at;
    while (e > text && e[-1] == ' ')
        e--;
    for (size_t i = 0; arrows[i]; i++) {
        size_t n = strlen(arrows[i]);
        if ((size_t)(e - text) >= n && !memcmp(e - n, arrows[i], n))
            return 1;
    }
    /* the close of a struck-out level, a space before the new one */
    if (e - text >= 3 && e < at && e[-1] == '~' && e[-2] == '~' &&
        e[-3] != ' ' && e[-3] != '~')
        return 1;
    if (ends_with_word(text, e, "a"))
        e -= 1;
    if (!ends_with_word(text, e, "to"))
        return 0;
    while (e > text && e[-1] == ' ')
        e--;
    e -= 2;
    /* "moved it to SEV1" */
    if (ends_with_word(text, e, "it")) {
        while (e > text && e[-1] == ' ')
            e--;
        e -= 2;
    }
    for (size_t i = 0; verbs[i]; i++)
        if (ends_with_word(text, e, verbs[i]))
            return 1;
    /* "from SEV1 to SEV2" */
    for (const char *f = e; f > text && f[-1] != '\n'; f--)
        if (f - text >= 4 && !hs__strncasecmp(f - 4, "from", 4) &&
            (f - 4 == text || !hs__isalnum((unsigned char)f[-5])) &&
            (*f == ' '))
            return 1;
    return 0;
}

/*
 * "SEV1", "sev-2", "Severity 3" written in prose; 0 if none. A level
 * denied ("not a SEV1") is none; a change of level ("declared SEV3, later
 * raised to SEV1", "downgraded from SEV1 to SEV2") gives the level it
 * went to, when that is said on the same line as the first level.
 */
static int severity_in_prose(const char *text) {
    const char *p = text, *line_end = NULL;
    int first = 0;
    while (p && (p = hs__strcasestr(p, "sev")) != NULL) {
        const char *q = p + 3, *at = p;
        int is_start = p == text || !hs__isalnum((unsigned char)p[-1]);
        p += 3;
        if (!is_start)
            continue;
        if (line_end && at > line_end)
            break;
        if (!hs__strncasecmp(q, "erity", 5))
            q += 5;
        while (*q == ' ' || *q == '-' || *q == ':' || *q == '_')
            q++;
        if (*q >= '0' && *q <= '4' && !hs__isalnum((unsigned char)q[1]) &&
            !names_a_ticket(q + 1)) {
            int level = *q == '0' ? 1 : *q - '0';
            if (ends_with_word(text, at, "not a") ||
                ends_with_word(text, at, "not"))
                continue;
            if (first && is_changed_to(text, at))
                return level;
            if (!first) {
                first = level;
                line_end = strchr(at, '\n');
                if (!line_end)
                    line_end = at + strlen(at);
            }
        }
    }
    return first ? first : priority_in_prose(text);
}

/*
 * Does v offer levels to choose from ("_choose one: SEV1 / SEV2 / SEV3_",
 * "P1 / P2 / P3"): parts split by slashes naming two different levels? A
 * template's unfilled choice, not the incident's level ("SEV2 / High", one
 * level in two spellings, is one).
 */
static int severity_choice(const char *v) {
    int first = 0;
    while (v && *v) {
        size_t n = strcspn(v, "/|");
        char *part = hs__strtrim(v, n);
        int sev = hs_severity_parse(part);
        free(part);
        if (sev && first && sev != first)
            return 1;
        if (sev && !first)
            first = sev;
        v += n + (v[n] != '\0');
    }
    return 0;
}

/*
 * The part of a severity value that gives the level it ended at, or NULL:
 * from the last word that a change of level went to (is_changed_to:
 * "SEV3 (upgraded to SEV1)", "SEV2 -> SEV1", "from SEV1 to SEV2",
 * "~~SEV3~~ SEV1").
 */
static const char *level_changed_to(const char *v) {
    const char *last = NULL;
    for (const char *w = v; *w; w++)
        if ((w == v || !hs__isalnum((unsigned char)w[-1])) &&
            hs__isalnum((unsigned char)*w) && is_changed_to(v, w))
            last = w;
    return last;
}

/* The value of the first severity field after the one holding `after`
 * whose value is a level, *line set; NULL if none. */
static const char *later_severity_field(const hs__doc *doc, const char *after,
                                        int *line) {
    int is_past = 0;
    for (size_t i = 0; i < doc->n_sections; i++) {
        const hs__section *s = &doc->sections[i];
        for (size_t f = 0; f < s->n_fields; f++) {
            const hs__field *fd = &s->fields[f];
            if (fd->value == after) {
                is_past = 1;
                continue;
            }
            if (is_past && fd->kind == (int)HS_KIND_SEVERITY &&
                hs_severity_parse(fd->value)) {
                *line = fd->line;
                return fd->value;
            }
        }
    }
    return NULL;
}

static void extract_severity(const hs__doc *doc, const hs__kind *kinds,
                             hs_postmortem *pm) {
    int line = 0;
    const char *v = fact(doc, HS_KIND_SEVERITY, &line);
    const hs__field *slot = find_field(doc, HS_KIND_SEVERITY);
    /* a level with its scale beside it is no choice of levels */
    if (v && ((pm->severity = hs__severity_on_scale(v)) != 0 ||
              (pm->severity = hs__severity_letter(v)) != 0)) {
        source_value(pm, doc, "severity", v, line);
        return;
    }
    if (v && severity_choice(v))
        return; /* the levels of the choice are no severity in prose */
    /* a template's unfilled slot ("Severity: <SEV1 / SEV2>") says the level
     * is not given: the slot's words are no severity in the prose either */
    if (!v && slot && strchr(slot->value, '<'))
        return;
    if (!v)
        v = cfg_field(doc, HS__FACT_SEVERITY, &line);
    if (!v && (v = section_value(doc, kinds, HS_KIND_SEVERITY, &line)) &&
        !hs__config_severity(doc->cfg, v) && !hs_severity_parse(v))
        v = NULL; /* a section about the severity, read as prose below */
    if (v) {
        const char *to = level_changed_to(v);
        if (to) {
            pm->severity = hs__config_severity(doc->cfg, to);
            if (!pm->severity)
                pm->severity = hs_severity_parse(to);
        }
        if (!pm->severity)
            pm->severity = hs__config_severity(doc->cfg, v);
        if (!pm->severity)
            pm->severity = hs_severity_parse(v);
        if (pm->severity) {
            source_value(pm, doc, "severity", v, line);
            return;
        }
        hs__pm_warn(pm, line, "unrecognised severity '%s'", v);
        /* "Classification: Internal" then "Priority: Priority 1": a key
         * that may name a level, holding none, leaves the next one */
        if ((v = later_severity_field(doc, v, &line)) != NULL) {
            pm->severity = hs_severity_parse(v);
            source_value(pm, doc, "severity", v, line);
            return;
        }
    }
    if (pm->summary)
        pm->severity = severity_in_prose(pm->summary);
    if (!pm->severity)
        pm->severity = severity_in_prose(doc->body.data);
    if (pm->severity) {
        hs__pm_source(pm, "severity", line_where(doc, severity_in_prose),
                      "prose");
        return;
    }
    /* a title tagged with its priority: "Checkout down (P2)", "[P1] ..." */
    for (const char *t = pm->title; t && *t; t++)
        if ((*t == '(' || *t == '[') && (t[1] == 'P' || t[1] == 'p') &&
            t[2] >= '0' && t[2] <= '4' && (t[3] == ')' || t[3] == ']')) {
            const hs_source *src = hs__pm_source_of(pm, "title");
            pm->severity = t[2] == '0' ? 1 : t[2] - '0';
            hs__pm_source(pm, "severity", src ? src->line : 0, "title");
            return;
        }
}

/* The clock window ("from 15:30 to 18:10") stated in the paragraph or
 * item at `line`; -1 if none. */
static int prose_window(const hs__doc *doc, int line) {
    for (size_t i = 0; line > 0 && i < doc->n_sections; i++) {
        const hs__section *s = &doc->sections[i];
        for (size_t k = 0; k < s->n_paras; k++)
            if (s->paras[k].line == line)
                return hs__duration_from_clock_range(s->paras[k].text);
        for (size_t k = 0; k < s->n_items; k++)
            if (s->items[k].line == line)
                return hs__duration_from_clock_range(s->items[k].text);
    }
    return -1;
}

static int has_prose_duration(const char *t) {
    return hs__duration_from_prose(t) >= 0 ||
           hs__duration_from_clock_range(t) >= 0;
}

/* Minutes on one clock of a stated moment ("2012-12-22T12:15:00-08:00",
 * "2026-03-04 14:20 UTC"); -1 without both a date and a time. */
static long stated_moment(const char *v) {
    char d[HS_DATE_LEN];
    size_t end = 0;
    int clock;
    if (!v || hs__date_find(v, 0, d, NULL, &end) != 0)
        return -1;
    v += end;
    while (*v == 'T' || *v == ' ' || *v == ',')
        v++;
    clock = hs__clock_find(v, 8);
    return clock < 0 ? -1 : hs__date_days(d) * 1440 + clock;
}

/*
 * Whether `text` states the window a..b (minutes) itself: the start's
 * clock time, and the end's clock time with the end's day of the month
 * just before it ("from February 4, 05:35 UTC, to February 5, 22:09
 * UTC"). A window of more than a day is one outage only then; otherwise
 * it is more often the span of a series of incidents.
 */
static int text_states_window(const char *text, long a, long b) {
    char clock[8], day[8], ymd[HS_DATE_LEN];
    const char *c;
    snprintf(clock, sizeof(clock), "%02ld:%02ld", (a % 1440) / 60, a % 60);
    if (!text || !strstr(text, clock))
        return 0;
    snprintf(clock, sizeof(clock), "%02ld:%02ld", (b % 1440) / 60, b % 60);
    hs__date_from_days(b / 1440, ymd);
    snprintf(day, sizeof(day), "%d", (ymd[8] - '0') * 10 + (ymd[9] - '0'));
    for (c = strstr(text, clock); c; c = strstr(c + 1, clock)) {
        const char *from = c - text > 24 ? c - 24 : text;
        for (const char *d = from; d < c; d++)
            if (!strncmp(d, day, strlen(day)) &&
                (d == text || !hs__isdigit((unsigned char)d[-1])) &&
                !hs__isdigit((unsigned char)d[strlen(day)]))
                return 1;
    }
    return 0;
}

/* Whether `text` names the clock times of the start a (minutes on one
 * clock, or a clock time) and of the end `len` minutes later. */
static int text_names_clocks(const char *text, long a, int len) {
    char clock[8];
    long b = a + len;
    if (!text || a < 0)
        return 0;
    snprintf(clock, sizeof(clock), "%02ld:%02ld", (a % 1440) / 60, a % 60);
    if (!strstr(text, clock))
        return 0;
    snprintf(clock, sizeof(clock), "%02ld:%02ld", (b % 1440) / 60, b % 60);
    return strstr(text, clock) != NULL;
}

/*
 * An end field that names the end of the impact itself ("Mitigated",
 * "Recovered at", "Service restored"), which a stated "Resolved at" (the
 * incident closed, often later) yields to. NULL if none.
 */
static const hs__field *impact_end_field(const hs__doc *doc) {
    static const char *const words[] = {"mitigat", "recover", "restor", NULL};
    for (size_t i = 0; i < doc->n_sections; i++) {
        const hs__section *s = &doc->sections[i];
        for (size_t f = 0; f < s->n_fields; f++) {
            const hs__field *fl = &s->fields[f];
            if (fl->kind != (int)HS_KIND_END || !*fl->value)
                continue;
            for (size_t k = 0; words[k]; k++)
                if (hs__strcasestr(fl->key, words[k]))
                    return fl;
        }
    }
    return NULL;
}

/*
 * A stated start and end (front matter `start_time`/`end_time`, `Start
 * time:`/`End time:` fields) less than a day apart, or further apart
 * where the text states the window too. -1 if none.
 */
static int stated_window(const hs__doc *doc, int *line) {
    int l_end = 0;
    const char *vs = fact(doc, HS_KIND_START, line);
    const char *ve = fact(doc, HS_KIND_END, &l_end);
    const hs__field *closer = impact_end_field(doc);
    long a = stated_moment(vs);
    long b = stated_moment(ve);
    if (closer && a >= 0 && stated_moment(closer->value) > a &&
        stated_moment(closer->value) < b) {
        ve = closer->value;
        b = stated_moment(ve);
    }
    /* "Start of impact: 14:02 UTC", "End of impact: 15:10 UTC": clock
     * times alone, or an end's time on the start's day, are one day's
     * window (an end before the start is past midnight) */
    if (vs && ve && b < 0 && hs__time_prefix(ve)) {
        int cb = hs__clock_find(ve, 8);
        int ca = a >= 0 ? (int)(a % 1440) : hs__clock_find(vs, 8);
        if (ca >= 0 && cb >= 0 && (a >= 0 || hs__time_prefix(vs)))
            return cb >= ca ? cb - ca : cb + 1440 - ca;
    }
    if (a < 0 || b <= a)
        return -1;
    if (b - a > 1440 && !text_states_window(doc->body.data, a, b))
        return -1;
    return (int)(b - a);
}

/*
 * The day written between a cue and its clock ("began on Friday 14 June
 * at 18:30", "ended on 17 June 2024 at 07:10"), as days since 1970 (a day
 * without its year in ymd's year); -1 if none is written there.
 */
static long day_between(const char *from, const char *to, const char *ymd) {
    char span[64], d[HS_DATE_LEN];
    const char *p = from;
    size_t n;
    while (p < to && (*p == ' ' || *p == ','))
        p++;
    if (to - p > 3 && !hs__strncasecmp(p, "on ", 3))
        p += 3;
    n = (size_t)(to - p);
    if (!n || n >= sizeof(span))
        return -1;
    memcpy(span, p, n);
    span[n] = '\0';
    if (hs__date_find(span, 1, d, NULL, NULL) == 0 ||
        hs__date_yearless(span, ymd && *ymd ? (int)strtol(ymd, NULL, 10) : 2001,
                          d) == 0)
        return hs__date_days(d);
    return -1;
}

/*
 * The clock time a cue word leads to: the first of `cues` followed
 * within 48 bytes by "at", "by", "around" or "from" and a clock time ("occurred
 * on Sunday, September 20, at 2:19am", "largely restored to normal
 * operations by 7:10am"), else a clock time earlier in the cue's sentence
 * ("At 10:02 UTC, the API began returning errors"). Searches from *from
 * on; sets *from past it, and *zone to the offset of the zone named after
 * the time (HS__NO_ZONE if none; ymd tells a US zone's summer). A cue
 * "stopped" counts when stop is 2 only for trouble stopped ("errors
 * stopped"), and otherwise only when it is not. -1 if none.
 */
static int cued_clock(const char *const *cues, const char **from,
                      const char *ymd, int *zone, long *day, int stop) {
    static const char *const preps[] = {"at ", "by ", "around ", "from ", NULL};
    const char *best = NULL, *next = *from;
    int clock = -1;
    *zone = HS__NO_ZONE;
    *day = -1;
    for (size_t i = 0; cues[i]; i++) {
        const char *c = hs__strcasestr(*from, cues[i]);
        for (; c; c = hs__strcasestr(c + 1, cues[i])) {
            int found = -1, z = HS__NO_ZONE;
            const char *at = NULL, *s = c;
            if (best && c >= best)
                break;
            /* a "stopped" of trouble ("errors stopped") is an end only */
            if (!hs__strncasecmp(c, "stop", 4) &&
                (stopped_at(*from, c) == 2) != (stop == 2))
                continue;
            /* the clock right after the cue ("until 03:05", "started
             * 14:05 UTC; full recovery at 15:20": not the later "at") */
            if ((found =
                     hs__clock_find_zone(c + strlen(cues[i]), 3, ymd, &z)) >= 0)
                at = c;
            for (size_t k = 0; preps[k] && found < 0; k++) {
                /* the word after a space, or a line break of the
                 * paragraph, within 48 bytes: searched there only, as a
                 * search of the rest from each cue was quadratic */
                const char *end = c + 1 + strnlen(c + 1, 48);
                const char *q = hs__strcasestr_before(c + 1, end, preps[k]);
                while (q && (q[-1] != ' ' && q[-1] != '\n'))
                    q = hs__strcasestr_before(q + 1, end, preps[k]);
                if (q && !memchr(c, '.', (size_t)(q - c))) {
                    found =
                        hs__clock_find_zone(q + strlen(preps[k]), 2, ymd, &z);
                    at = q - 1;
                }
            }
            /* back to the sentence's start, not before *from, and no
             * further than the 80 bytes read (each cue walking back
             * through a long sentence was quadratic) */
            while (found < 0 && s > *from && c - s <= 80 && s[-1] != '\n' &&
                   !(s[-1] == ' ' && s - 1 > *from && s[-2] == '.'))
                s--;
            if (found < 0 && c - s <= 80 &&
                (found = hs__clock_find_zone(s, (size_t)(c - s), ymd, &z)) >= 0)
                at = c;
            if (found >= 0) {
                best = c;
                clock = found;
                *zone = z;
                *day = at > c ? day_between(c + strlen(cues[i]), at, ymd) : -1;
                next = at;
                break;
            }
        }
    }
    *from = next;
    return clock;
}

/*
 * Last, a start and a recovery stated in prose apart from each other:
 * "the disruption occurred ... at 2:19am" then "restored ... by 7:10am".
 * The recovery must come after the start in the text; a recovery clock
 * earlier than the start is on the next day. -1 if none.
 */
static int prose_start_to_recovery(const char *text, const char *ymd) {
    static const char *const start[] = {
        "began",    "started", "starting", "beginning", "occurred", "noticed",
        "detected", "failed",  "stopped",  "went down", NULL};
    /* "unavailable until 03:05", "orders flowed again at 1:30 AM" */
    static const char *const end[] = {"restored",
                                      "recovered",
                                      "resolved",
                                      "full recovery",
                                      "mitigated",
                                      "back to normal",
                                      "returned to normal",
                                      "ended",
                                      "until",
                                      "again",
                                      "resumed",
                                      "back online",
                                      "stopped",
                                      NULL};
    const char *p = text;
    int a, b, za, zb;
    long da, db;
    if (!text)
        return -1;
    a = cued_clock(start, &p, ymd, &za, &da, 1);
    if (a < 0)
        return -1;
    b = cued_clock(end, &p, ymd, &zb, &db, 2);
    if (b < 0)
        return -1;
    /* "began on Friday 14 June at 18:30 ... ended on Monday 17 June at
     * 07:10": both days written, the window is theirs */
    if (da >= 0 && db >= 0) {
        long m = (db - da) * 1440 + b - a;
        if (za != HS__NO_ZONE && zb != HS__NO_ZONE)
            m -= zb - za;
        return m > 0 && m <= 366L * 1440 ? (int)m : -1;
    }
    /* "began at 6:40 AM PT ... restored at 14:25 UTC": on one clock */
    if (za != HS__NO_ZONE && zb != HS__NO_ZONE && za != zb) {
        a = ((a - za) % 1440 + 1440) % 1440;
        b = ((b - zb) % 1440 + 1440) % 1440;
    }
    if (b < a)
        b += 24 * 60;
    return b - a;
}

/*
 * The duration field: the first in front matter, else the first field of
 * kind duration, passing over a "Time to resolve" when a field closer to
 * the impact ("Time to restore", "Downtime") is given too.
 */
static const char *duration_field(const hs__doc *doc, int *line) {
    const hs__field *best = NULL;
    size_t i = 0;
    const char *k;
    while ((k = fm_key_of(doc, HS_KIND_DURATION, &i)) != NULL) {
        const char *v = hs__fm_scalar(doc->fm, k, line);
        if (v)
            return v;
    }
    for (int want_bold = 1; want_bold >= 0; want_bold--)
        for (size_t n = 0; n < doc->n_sections; n++) {
            const hs__section *s = &doc->sections[n];
            for (size_t f = 0; f < s->n_fields; f++) {
                const hs__field *fl = &s->fields[f];
                if (fl->is_bold != want_bold ||
                    fl->kind != (int)HS_KIND_DURATION || !*fl->value)
                    continue;
                if (!hs__strcasestr(fl->key, "resol") &&
                    (!best || hs__strcasestr(best->key, "resol")))
                    best = fl;
                else if (!best)
                    best = fl;
            }
        }
    if (!best)
        return NULL;
    *line = best->line;
    return best->value;
}

/* Does a long value open with a length "of" what it was ("~1.5 hours of
 * failed image uploads", "45 minutes of downtime for ...")? */
static int length_of(const char *v) {
    const char *of = strstr(v, " of ");
    char *head;
    int yes;
    if (!of || of - v > 20)
        return 0;
    head = hs__xstrndup(v, (size_t)(of - v));
    yes = hs_duration_parse(head) >= 0 && !strchr(head, ':');
    free(head);
    return yes;
}

/*
 * A field whose key speaks of the impact or outage and whose value is
 * only a length ("Total impact: 3 hours 20 minutes", "Customer-facing
 * outage: ~40m") or a window ("Outage window: 22:50 - 00:10"). -1 if none.
 */
static int impact_length_field(const hs__doc *doc, int *line) {
    static const char *const words[] = {"impact",    "outage", "downtime",
                                        "unavailab", "window", NULL};
    for (size_t n = 0; n < doc->n_sections; n++) {
        const hs__section *s = &doc->sections[n];
        for (size_t f = 0; f < s->n_fields; f++) {
            const hs__field *fl = &s->fields[f];
            int m;
            size_t k;
            for (k = 0; words[k] && !hs__strcasestr(fl->key, words[k]); k++)
                ;
            /* "Impact start: 14:02" is a moment, read with its end */
            if (!words[k] || fl->kind == (int)HS_KIND_START ||
                fl->kind == (int)HS_KIND_END)
                continue;
            /* "Outage window: 22:50 - 00:10 UTC"; a clock alone is no
             * length */
            if (hs__time_prefix(fl->value)) {
                /* "22:50 - 00:10 UTC", "23:40 CET on 11 February to 01:05
                 * CET on 12 February" */
                size_t fn = strlen(fl->value) + 6;
                char *from = hs__xmalloc(fn);
                snprintf(from, fn, "from %s", fl->value);
                if ((m = hs__duration_from_clock_dash(fl->value)) < 0)
                    m = hs__duration_from_clock_range(from);
                free(from);
                if (m < 0)
                    continue;
                *line = fl->line;
                return m;
            }
            /* a window's key ("Detection window: 5m") needs the impact
             * named too before a length is the outage's */
            if (!strcmp(words[k], "window") ||
                hs__isalpha((unsigned char)*fl->value))
                continue;
            if ((strlen(fl->value) <= 40 || length_of(fl->value)) &&
                (m = hs_duration_parse(fl->value)) >= 0) {
                *line = fl->line;
                return m;
            }
        }
    }
    return -1;
}

/*
 * A dash window ("14:02-15:10 UTC") in a sentence of `text` that speaks of
 * an outage window; with `all`, in any sentence of it (the text is the
 * impact's own). A sentence about the start ("Initial impact was observed
 * between 11:47-11:49") gives the moment it began, not a window.
 */
static int impact_dash_window(const char *text, int all) {
    static const char *const cues[] = {"window", "outage", "downtime", NULL};
    static const char *const starts[] = {"initial", "first", "began",
                                         "begin",   "start", NULL};
    const char *a = text;
    if (!text)
        return -1;
    while (*a) {
        const char *b = a;
        char *sentence;
        int m = -1;
        size_t k = 0;
        while (*b && *b != '\n' && !(*b == '.' && (b[1] == ' ' || !b[1])))
            b++;
        sentence = hs__xstrndup(a, (size_t)(b - a));
        while (!all && cues[k] && !hs__strcasestr(sentence, cues[k]))
            k++;
        if (all || cues[k]) {
            for (k = 0; starts[k] && !hs__strcasestr(sentence, starts[k]); k++)
                ;
            if (!starts[k])
                m = hs__duration_from_clock_dash(sentence);
        }
        /* lines that each open with a window ("19:02-19:40 UTC: nobody
         * could log in", then "19:40-20:15 UTC: half of them could"):
         * the users were affected in each, partial recovery included */
        if (m >= 0 && all &&
            hs__clock_dash_opens(sentence + strspn(sentence, " ")) >= 0) {
            const char *l = b;
            int more;
            while (*l && (more = hs__clock_dash_opens(
                              l + 1 + strspn(l + 1, " \n"))) >= 0) {
                m += more;
                l++;
                while (*l && *l != '\n' &&
                       !(*l == '.' && (l[1] == ' ' || !l[1])))
                    l++;
            }
        }
        free(sentence);
        if (m >= 0)
            return m;
        a = *b ? b + 1 : b;
    }
    return -1;
}

/* The story a document tells under a timeline's name ("## What happened"
 * in prose, no list nor table of times): in a document with no summary
 * it is the summary, for the length it states. NULL if none. */
static const char *narrative_summary(const hs__doc *doc,
                                     const hs__kind *kinds) {
    for (size_t i = 0; i < doc->n_sections; i++) {
        const hs__section *s = &doc->sections[i];
        if (kinds[i] != HS_KIND_TIMELINE || s->n_items || s->n_tables)
            continue;
        for (size_t k = 0; k < s->n_paras; k++)
            if (strlen(s->paras[k].text) >= 40 &&
                !hs__isdigit((unsigned char)s->paras[k].text[0]))
                return s->paras[k].text;
        return NULL;
    }
    return NULL;
}

/*
 * A paragraph outside the timeline that opens with a window and tells of
 * users affected in the same sentence ("Between 13:58 and 14:51 UTC on
 * April 22, about 18% of requests failed"), as a status page's
 * postmortem opens: the window's length, its line in *line; -1 if none.
 */
static int opening_window(const hs__doc *doc, const hs__kind *kinds,
                          int *line) {
    for (size_t i = 0; i < doc->n_sections; i++) {
        if (kinds[i] == HS_KIND_TIMELINE)
            continue;
        for (size_t k = 0; k < doc->sections[i].n_paras; k++) {
            const hs__item *p = &doc->sections[i].paras[k];
            const char *e;
            char *sentence;
            int m = -1;
            if (p->quoted || (hs__strncasecmp(p->text, "between ", 8) &&
                              hs__strncasecmp(p->text, "from ", 5)))
                continue;
            for (e = p->text;
                 *e && !(*e == '.' && (!e[1] || e[1] == ' ' || e[1] == '\n'));)
                e++;
            sentence = hs__xstrndup(p->text, (size_t)(e - p->text));
            if (hs__shows_impact(sentence))
                m = hs__duration_from_clock_range(sentence);
            free(sentence);
            if (m >= 0) {
                *line = p->line;
                return m;
            }
        }
    }
    return -1;
}

/*
 * A window the text opens with ("down from 10:05 to 10:40 UTC", m minutes)
 * and a later end of the users' trouble ("Customers were affected until
 * 12:30", "searches stayed degraded until 12:30"): an incident marked
 * resolved while users still suffered. The length from the window's start
 * to that end; -1 if the text says no such thing.
 */
static int degraded_tail(const char *text, int m) {
    static const char *const cues[] = {"affected until ", "impacted until ",
                                       "degraded until ", "slow until ",
                                       "impaired until ", NULL};
    int start = hs__clock_find(text, strlen(text)), end = -1, has_end = 0;
    if (start < 0)
        return -1;
    for (size_t i = 0; cues[i] && end < 0; i++) {
        const char *c = hs__strcasestr(text, cues[i]);
        if (c)
            end = hs__clock_find(c + strlen(cues[i]), 3);
    }
    /* the window the length came from starts at the text's first clock */
    for (const char *p = text; *p && !has_end; p++)
        if (hs__isdigit((unsigned char)*p) &&
            (p == text || !hs__isalnum((unsigned char)p[-1])))
            has_end = hs__clock_find(p, 1) == (start + m) % 1440;
    if (end < 0 || !has_end)
        return -1;
    if (end < start)
        end += 1440;
    return end - start > m ? end - start : -1;
}

/*
 * A timeline of windows (a table's Start and End columns, "03 Dec 16:40 -
 * 03 Dec 17:25"): the windows of the entries that show the impact added
 * up, a partial recovery ("colour still stuck") being impact still and a
 * stretch of normal service between them not; *first is the first such
 * entry. -1 unless two entries or more are windows.
 */
static int timeline_windows(const hs_postmortem *pm, int *first) {
    int total = 0, n = 0;
    *first = -1;
    for (size_t i = 0; i < pm->n_timeline; i++) {
        const hs_timeline_entry *e = &pm->timeline[i];
        int m;
        if (!strstr(e->time, " - ") ||
            (m = hs__duration_from_clock_dash(e->time)) < 0)
            continue;
        n++;
        if (hs__shows_impact(e->event)) {
            total += m;
            if (*first < 0)
                *first = (int)i;
        }
    }
    return n >= 2 && *first >= 0 ? total : -1;
}

/*
 * The body with the lines a sentence wraps onto joined: a line that goes
 * on in small letters ("failed for an hour\nand forty minutes", "an hour
 * and a half of\ndisruption") continues the one before. A line that
 * starts a list, a time or a capitalised sentence stays a line.
 */
static char *wraps_joined(const char *t) {
    char *out = hs__xstrdup(t);
    /* from line break to line break (a byte at a time, this walk over
     * every body was 1.1% of an index run's instructions) */
    for (char *c = strchr(out, '\n'); c; c = strchr(c + 1, '\n'))
        if (c > out && c[-1] != '\n' && c[1] >= 'a' && c[1] <= 'z')
            *c = ' ';
    return out;
}

static void extract_duration_in(const hs__doc *doc, const hs__kind *kinds,
                                hs_postmortem *pm, const char *body);

static void extract_duration(const hs__doc *doc, const hs__kind *kinds,
                             hs_postmortem *pm) {
    char *body = wraps_joined(doc->body.data ? doc->body.data : "");
    extract_duration_in(doc, kinds, pm, body);
    free(body);
}

static void extract_duration_in(const hs__doc *doc, const hs__kind *kinds,
                                hs_postmortem *pm, const char *body) {
    int line = 0;
    const char *v = duration_field(doc, &line);
    const char *texts[3];
    int tail;
    if (!v)
        v = cfg_field(doc, HS__FACT_DURATION, &line);
    if (!v && (v = section_value(doc, kinds, HS_KIND_DURATION, &line)) &&
        hs_duration_parse(v) < 0)
        v = NULL; /* a section of prose about the downtime: read below */
    if (v) {
        pm->duration_minutes = hs_duration_parse(v);
        if (pm->duration_minutes >= 0) {
            source_value(pm, doc, "duration_minutes", v, line);
            return;
        }
        hs__pm_warn(pm, line, "unparseable duration '%s'", v);
    }
    if ((pm->duration_minutes = impact_length_field(doc, &line)) >= 0) {
        hs__pm_source(pm, "duration_minutes", line, "impact field");
        return;
    }
    /* "When: Tue 3 Sep, 16:05–17:50 BST": the day's field gives the window */
    {
        const hs__field *f = find_field(doc, HS_KIND_DATE);
        if (f && (pm->duration_minutes =
                      hs__duration_from_clock_dash(f->value)) >= 0) {
            hs__pm_source(pm, "duration_minutes", f->line, "field '%s' window",
                          f->key);
            return;
        }
    }
    /* prose: "48-minute outage", "from 14:32 to 14:55 UTC" */
    texts[0] = pm->summary ? pm->summary : narrative_summary(doc, kinds);
    texts[1] = pm->impact;
    texts[2] = body;
    for (size_t i = 0; i < HS_ARRAY_LEN(texts); i++) {
        /* a stated start and end outrank a length met in the body, which
         * is as often one step's ("a network freeze for 90 seconds") */
        if (i == 2 && (pm->duration_minutes = stated_window(doc, &line)) >= 0) {
            hs__pm_source(pm, "duration_minutes", line, "stated start and end");
            return;
        }
        /* "no data for over 3 hours" in the summary or impact, and no
         * length there: the document knows only a bound, which is none */
        if (i == 2 &&
            (hs__duration_bound(texts[0]) || hs__duration_bound(texts[1]))) {
            pm->duration_minutes = -1;
            return;
        }
        if (!texts[i])
            continue;
        pm->duration_minutes = hs__duration_from_prose(texts[i]);
        if (pm->duration_minutes < 0 && i < 2)
            pm->duration_minutes = hs__duration_from_clock_range(texts[i]);
        if (pm->duration_minutes < 0 && i < 2 &&
            (pm->duration_minutes = impact_dash_window(texts[i], i == 1)) >=
                0) {
            hs__pm_source(pm, "duration_minutes", 0, "%s window",
                          i ? "impact" : "summary");
            return;
        }
        if (pm->duration_minutes >= 0 && i < 2 &&
            (tail = degraded_tail(texts[i], pm->duration_minutes)) >= 0) {
            pm->duration_minutes = tail;
            hs__pm_source(pm, "duration_minutes", 0,
                          "%s window, then 'affected until'",
                          i ? "impact" : "summary");
            return;
        }
        if (pm->duration_minutes >= 0) {
            int at = line_where(doc, has_prose_duration);
            int window = prose_window(doc, at);
            int stated = stated_window(doc, &line);
            /*
             * "between 14:16 and 14:27 UTC ... culminating in a 2-minute
             * outage from 14:25 to 14:27": a stated start and end that the
             * text names too are the incident; a shorter length with a
             * window of its own is one phase of it. (A total, "13 minutes
             * of downtime over a 32-minute period", has none.)
             */
            if (window == pm->duration_minutes &&
                stated > pm->duration_minutes &&
                text_names_clocks(
                    texts[i], stated_moment(fact(doc, HS_KIND_START, &line)),
                    stated)) {
                pm->duration_minutes = stated;
                hs__pm_source(pm, "duration_minutes", line,
                              "stated start and end");
                return;
            }
            /*
             * "down for about 3 hours, from 15:30 to 18:10": a stated
             * window that agrees with a rounded figure is the exact one.
             */
            if (window >= 0 && window != pm->duration_minutes &&
                4 * abs(window - pm->duration_minutes) <=
                    pm->duration_minutes) {
                pm->duration_minutes = window;
                hs__pm_source(pm, "duration_minutes", at, "prose (from to)");
                return;
            }
            hs__pm_source(pm, "duration_minutes", at,
                          at ? "prose" : "prose (from to)");
            return;
        }
    }
    /* then the timeline: a timeline of windows adds up those of impact */
    if ((pm->duration_minutes = timeline_windows(pm, &line)) >= 0) {
        hs__pm_source(pm, "duration_minutes",
                      entry_line(doc, kinds, &pm->timeline[line]),
                      "timeline windows of impact");
        return;
    }
    /* else from the first sign of impact to recovery */
    {
        tl_window w;
        timeline_window(doc, pm, &w);
        if (w.minutes >= 0) {
            pm->duration_minutes = (int)w.minutes;
            hs__pm_source(pm, "duration_minutes",
                          entry_line(doc, kinds, &pm->timeline[w.start]),
                          "timeline '%.20s' to '%.20s'",
                          entry_when(&pm->timeline[w.start]),
                          entry_when(&pm->timeline[w.end]));
            return;
        }
    }
    /* a paragraph that opens with the window of the impact it tells */
    if ((pm->duration_minutes = opening_window(doc, kinds, &line)) >= 0) {
        hs__pm_source(pm, "duration_minutes", line, "paragraph's window");
        return;
    }
    /* last, with no timeline, a start and a recovery stated in prose */
    if (!pm->n_timeline && (pm->duration_minutes = prose_start_to_recovery(
                                doc->body.data, pm->date)) >= 0)
        hs__pm_source(pm, "duration_minutes", 0, "prose start to recovery");
}

/* The preamble's first paragraph that is not a field line. */
static char *first_paragraph(const hs__doc *doc, const hs__kind *kinds) {
    for (size_t i = 0; i < doc->n_sections && i < 3; i++) {
        const hs__section *s = &doc->sections[i];
        if (kinds[i] != HS_KIND_OTHER || (i > 0 && s->level != 1))
            continue;
        int *lines = field_lines(s);
        for (size_t k = 0; k < s->n_paras; k++) {
            const char *t = s->paras[k].text;
            char *out;
            /* a block of **Field**: lines */
            if (is_field_line(lines, s->n_fields, s->paras[k].line) ||
                strlen(t) < 40 || is_byline(t))
                continue;
            out = hs__xstrdup(t);
            for (char *c = out; *c; c++)
                if (*c == '\n')
                    *c = ' ';
            free(lines);
            return out;
        }
        free(lines);
    }
    return NULL;
}

/*
 * The root cause: a root-cause field or section, else a trigger's, else
 * the sentences that state a cause, else those that state a consequence,
 * else those that name a fault.
 * A field or section that only says the cause is unknown ("Root cause:
 * TBD") gives none, and the prose is not searched then: the document has
 * said it does not know.
 */
static void extract_root_cause(const hs__doc *doc, const hs__kind *kinds,
                               hs_postmortem *pm) {
    static const hs__kind named[] = {HS_KIND_ROOT_CAUSE, HS_KIND_TRIGGER};
    int line = 0, is_unknown = 0;
    for (size_t i = 0; i < HS_ARRAY_LEN(named) && !pm->root_cause; i++) {
        const char *v = fact(doc, named[i], &line);
        char *t;
        if (!v && named[i] == HS_KIND_ROOT_CAUSE)
            v = cfg_field(doc, HS__FACT_ROOT_CAUSE, &line);
        if (v && hs__only_unknown(v)) {
            is_unknown = 1;
        } else if (v && (pm->root_cause = dup_or_null(v))) {
            source_value(pm, doc, "root_cause", v, line);
            break;
        }
        if ((t = section_text(doc, kinds, named[i])) && hs__only_unknown(t)) {
            is_unknown = 1;
            free(t);
        } else if (t) {
            pm->root_cause = t;
            source_section(pm, doc, kinds, "root_cause", named[i]);
        }
    }
    if (pm->root_cause || is_unknown)
        return;
    if ((pm->root_cause =
             hs__cause_from_prose(doc, kinds, HS__CUES_CAUSE, &line)))
        hs__pm_source(pm, "root_cause", line, "sentence stating a cause");
    /* line is -1 when a sentence said the cause is unknown */
    if (!pm->root_cause && line != -1 &&
        (pm->root_cause =
             hs__cause_from_prose(doc, kinds, HS__CUES_CONSEQUENCE, &line)))
        hs__pm_source(pm, "root_cause", line, "sentence stating a consequence");
    if (!pm->root_cause && line != -1 &&
        (pm->root_cause =
             hs__cause_from_prose(doc, kinds, HS__CUES_FAULT, &line)))
        hs__pm_source(pm, "root_cause", line, "sentence naming a fault");
    /* last, "What went wrong" told as a story (a blog post's account of
     * the failure), not the list of a retro's complaints */
    for (size_t i = 0; !pm->root_cause && line != -1 && i < doc->n_sections;
         i++)
        if (kinds[i] == HS_KIND_WENT_WRONG) {
            const hs__section *s = &doc->sections[i];
            if (!s->n_items && !s->n_tables && s->n_paras &&
                (pm->root_cause = section_text(doc, kinds, HS_KIND_WENT_WRONG)))
                source_section(pm, doc, kinds, "root_cause",
                               HS_KIND_WENT_WRONG);
            break;
        }
}

static void extract_prose(const hs__doc *doc, const hs__kind *kinds,
                          hs_postmortem *pm) {
    int line = 0;
    const char *v;

    if ((v = fact(doc, HS_KIND_SUMMARY, &line)) &&
        (pm->summary = dup_or_null(v)))
        source_value(pm, doc, "summary", v, line);
    if (!pm->summary &&
        (pm->summary = section_text(doc, kinds, HS_KIND_SUMMARY)))
        source_section(pm, doc, kinds, "summary", HS_KIND_SUMMARY);
    if (!pm->summary && (pm->summary = first_paragraph(doc, kinds)))
        hs__pm_source(pm, "summary", 0, "first paragraph");

    extract_root_cause(doc, kinds, pm);

    if ((v = fact(doc, HS_KIND_IMPACT, &line)) && (pm->impact = dup_or_null(v)))
        source_value(pm, doc, "impact", v, line);
    if (!pm->impact && (pm->impact = section_text(doc, kinds, HS_KIND_IMPACT)))
        source_section(pm, doc, kinds, "impact", HS_KIND_IMPACT);

    section_list(doc, kinds, HS_KIND_WENT_WELL, &pm->went_well);
    section_list(doc, kinds, HS_KIND_WENT_WRONG, &pm->went_wrong);
    section_list(doc, kinds, HS_KIND_LESSONS, &pm->lessons);
}

static void extract_people(const hs__doc *doc, hs_postmortem *pm) {
    int line = 0;
    const char *v;
    if ((v = fact(doc, HS_KIND_COMMANDER, &line)))
        pm->incident_commander = dup_or_null(v[0] == '@' ? v + 1 : v);
    if (!fm_list_of(doc, HS_KIND_RESPONDERS, &pm->responders) &&
        (v = fact(doc, HS_KIND_RESPONDERS, &line)))
        hs__strlist_split(&pm->responders, v, ",;");
}

/* Keep the first HS_MAX_LABELS of `l`, and say what was dropped. */
static void bound_labels(hs_postmortem *pm, hs_strlist *l, const char *what) {
    size_t n = l->n;
    if (n <= HS_MAX_LABELS)
        return;
    for (size_t i = HS_MAX_LABELS; i < n; i++)
        free(l->v[i]);
    l->n = HS_MAX_LABELS;
    hs__pm_warn(pm, 0, "more than %d %s; only the first %d are kept",
                HS_MAX_LABELS, what, HS_MAX_LABELS);
}

static void split_into(hs_strlist *out, const char *v) {
    hs_strlist tmp = {0};
    hs__strlist_split(&tmp, v, ",;");
    /* one past the bound, so that bound_labels knows to warn; the
     * duplicate check stays cheap */
    for (size_t i = 0; i < tmp.n && out->n <= HS_MAX_LABELS; i++) {
        const char *t = tmp.v[i];
        while (*t == '#' || *t == '`')
            t++;
        if (*t && !hs__strlist_has(out, t))
            hs__strlist_push_trimmed(out, t, strlen(t));
    }
    hs_strlist_release(&tmp);
}

static void extract_labels(const hs__doc *doc, hs_postmortem *pm) {
    int line = 0;
    const char *v;

    if (!fm_list_of(doc, HS_KIND_TAGS, &pm->tags) &&
        (v = fact(doc, HS_KIND_TAGS, &line)))
        split_into(&pm->tags, v);
    if (!fm_list_of(doc, HS_KIND_SERVICES, &pm->services) &&
        (v = fact(doc, HS_KIND_SERVICES, &line)))
        split_into(&pm->services, v);
    bound_labels(pm, &pm->tags, "tags");
    bound_labels(pm, &pm->services, "services");

    if ((v = fact(doc, HS_KIND_URL, &line)))
        pm->document_url = dup_or_null(v);
    hs__fm_list(doc->fm, "references", &pm->references);
}

static void extract_references(const hs__doc *doc, const hs__kind *kinds,
                               hs_postmortem *pm) {
    for (size_t owner = 0; owner < doc->n_sections; owner++) {
        if (kinds[owner] != HS_KIND_REFERENCES)
            continue;
        for (size_t i = owner; i < doc->sections[owner].sub_end; i++) {
            const hs__section *s = &doc->sections[i];
            for (size_t k = 0; k < s->n_items; k++)
                hs__strlist_push_trimmed(&pm->references, s->items[k].text,
                                         strlen(s->items[k].text));
        }
    }
}

/*
 * The text of the document that no indexed field holds: the sections (and
 * their subsections) that became the summary, impact, root cause, timeline
 * or lessons are left out, since the index has them in their own columns.
 * Indexing them twice doubled the index and weighed those words twice.
 */
static char *rest_of_body(const hs__doc *doc, const hs__kind *kinds,
                          const hs_postmortem *pm) {
    hs__buf b = HS_BUF_INIT;
    size_t owner = (size_t)-1;
    for (size_t i = 0; i < doc->n_sections; i++) {
        size_t end = i + 1 < doc->n_sections ? doc->sections[i + 1].body_off
                                             : doc->body.len;
        int is_field;
        /* a "What happened" told as prose, with no timed entry, stays */
        switch (kinds[i] == HS_KIND_TIMELINE && !pm->n_timeline ? HS_KIND_OTHER
                                                                : kinds[i]) {
        case HS_KIND_SUMMARY:
        case HS_KIND_IMPACT:
        case HS_KIND_ROOT_CAUSE:
        case HS_KIND_TRIGGER:
        case HS_KIND_TIMELINE:
        case HS_KIND_WENT_WELL:
        case HS_KIND_WENT_WRONG:
        case HS_KIND_LESSONS:
            owner = i;
            is_field = 1;
            break;
        default:
            is_field = owner != (size_t)-1 &&
                       hs__section_contains(doc, kinds, owner, i);
            if (!is_field)
                owner = (size_t)-1;
        }
        if (!is_field)
            hs__buf_put(&b, doc->body.data + doc->sections[i].body_off,
                        end - doc->sections[i].body_off);
    }
    return hs__buf_detach(&b, NULL);
}

/* ---------------------------------------------------------------------
 * Entry point
 */

/*
 * Headings that name no fact, so a team can see what to add to its
 * hindsight.yml: sections at the top level (or under an unnamed one), not
 * the title and not the per-time headings of a timeline.
 */
static void note_unrecognised(const hs__doc *doc, const hs__kind *kinds,
                              hs_postmortem *pm) {
    /* named[i]: a section above i (i < its sub_end) names a fact; found in
     * one pass with a stack of the open sections (asking every earlier
     * section of each took minutes on 190,000 headings) */
    size_t n = doc->n_sections, depth = 0, n_named = 0;
    size_t *open = hs__xcalloc(n + 1, sizeof(*open));
    unsigned char *named = hs__xcalloc(n + 1, 1);
    for (size_t i = 1; i < n; i++) {
        while (depth && doc->sections[open[depth - 1]].sub_end <= i)
            n_named -= kinds[open[--depth]] != HS_KIND_OTHER;
        named[i] = n_named > 0;
        open[depth++] = i;
        n_named += kinds[i] != HS_KIND_OTHER;
    }
    free(open);
    for (size_t i = 1; i < n; i++) {
        const hs__section *s = &doc->sections[i];
        int is_inside = named[i];
        char d[HS_DATE_LEN];
        if (kinds[i] != HS_KIND_OTHER || s->level < 2 || !*s->heading)
            continue;
        if (is_inside || hs__time_prefix(s->heading) ||
            hs__date_find(s->heading, 1, d, NULL, NULL) == 0)
            continue;
        hs__pm_warn(pm, s->line, HS__UNRECOGNISED " '%s'", s->heading);
    }
    /* bold lines and `- **Key**` bullets shaped like names, outside a
     * section that names a fact */
    for (size_t k = 0; k < doc->n_labels; k++) {
        const hs__label *l = &doc->labels[k];
        int is_inside =
            l->section >= 1 && l->section < n &&
            (kinds[l->section] != HS_KIND_OTHER || named[l->section]);
        char d[HS_DATE_LEN];
        if (is_inside || hs__date_find(l->text, 1, d, NULL, NULL) == 0)
            continue;
        hs__pm_warn(pm, l->line, HS__UNRECOGNISED " '%s' (%s)", l->text,
                    l->is_bullet ? "a `- **Key**` bullet" : "a bold line");
    }
    free(named);
}

void hs__extract(const hs__doc *doc, const hs__kind *kinds, hs_postmortem *pm) {
    int line = 0, first = 0;
    const char *v = fm_value(doc, id_keys, &line);
    if (v && *v) {
        free(pm->id);
        pm->id = hs__xstrdup(v);
    }
    if (doc->fm_problem)
        hs__pm_warn(pm, doc->fm_problem_line, "front matter ignored: %s",
                    doc->fm_problem);
    /* a key may be a megabyte: the message quotes its first 80 bytes */
    if ((v = hs__fm_duplicate(doc->fm, &line, &first)) != NULL)
        hs__pm_warn(pm, line,
                    "front matter key '%.*s' given twice (first on line %d): "
                    "the first is read",
                    (int)hs__utf8_cut(v, strlen(v), 80), v, first);
    /* "<<: *defaults" or "severity: *sev1": what an alias stands for is
     * not read (a "billion laughs" costs nothing), so its facts are
     * missing; Jekyll and Hugo would have read them */
    if ((line = hs__fm_alias_line(doc->fm)) != 0)
        hs__pm_warn(pm, line,
                    "front matter alias (*name) not read: write the value "
                    "out");
    warn_collection(doc, pm);
    extract_title(doc, kinds, pm);
    extract_prose(doc, kinds, pm);
    hs__extract_timeline(doc, kinds, pm);
    if (pm->n_timeline) {
        hs__pm_source(pm, "timeline", 0, "timed lines and tables");
        source_section(pm, doc, kinds, "timeline", HS_KIND_TIMELINE);
    }
    extract_date(doc, kinds, pm);
    extract_severity(doc, kinds, pm);
    extract_duration(doc, kinds, pm);
    extract_people(doc, pm);
    extract_labels(doc, pm);
    extract_references(doc, kinds, pm);
    hs__extract_actions(doc, kinds, pm);
    if (pm->n_actions) {
        hs__pm_source(pm, "action_items", 0, "task lists and markers");
        source_section(pm, doc, kinds, "action_items", HS_KIND_ACTIONS);
    }
    hs__extract_auto_tags(doc, pm);
    note_unrecognised(doc, kinds, pm);
    pm->body = rest_of_body(doc, kinds, pm);
}

/*
 * The title names the document, not one of its sections: "# What happened
 * to our API on Tuesday" is no timeline, "# Root Cause Analysis - scanner
 * outage" no root cause section. The document's only H1 loses its kind
 * when a heading below it names a section of its own; a lone "# Timeline"
 * over "## 10:02" entries keeps it.
 */
static void title_kind(const hs__doc *doc, hs__kind *kinds) {
    size_t title = doc->n_sections;
    int has_named = 0;
    for (size_t i = 0; i < doc->n_sections; i++) {
        const hs__section *s = &doc->sections[i];
        if (s->synthetic)
            continue;
        if (s->level == 1) {
            if (title != doc->n_sections)
                return; /* the H1s are the sections */
            title = i;
        } else if (title != doc->n_sections && s->level > 1 &&
                   kinds[i] != HS_KIND_OTHER) {
            has_named = 1;
        }
    }
    /* "Why uploads failed on Quillbox on January 28": a title that is a
     * sentence names the document, not one of its sections, though a
     * name of the table is in it ("why ... failed") */
    if (title != doc->n_sections && !has_named) {
        size_t words = 0;
        for (const char *h = doc->sections[title].heading; *h; h++)
            words += *h != ' ' &&
                     (h == doc->sections[title].heading || h[-1] == ' ');
        has_named = words >= 6;
    }
    if (title != doc->n_sections && has_named)
        kinds[title] = HS_KIND_OTHER;
}

int hs_postmortem_parse(const char *buf, size_t len, const char *id,
                        const char *path, unsigned flags, hs_postmortem **out,
                        hs_error *err) {
    (void)flags;
    return hs_postmortem_parse_with(buf, len, id, path, NULL, out, err);
}

/*
 * A copy of a file name (or an id made of one) as UTF-8, its other bytes
 * U+FFFD: the record's JSON cannot hold them (jansson refuses the string),
 * and a file named 'inv\xffalid.md' was indexed with "id": null, left out
 * of search's JSON and crashed `site`.
 */
static char *utf8_copy(const char *s) {
    hs__buf b = HS_BUF_INIT;
    hs__buf_puts(&b, s);
    hs__utf8_repair(&b);
    return b.data ? hs__buf_detach(&b, NULL) : hs__xstrdup("");
}

int hs_postmortem_parse_with(const char *buf, size_t len, const char *id,
                             const char *path, const hs_config *cfg,
                             hs_postmortem **out, hs_error *err) {
    hs__buf text = HS_BUF_INIT;
    hs__doc *doc;
    hs__kind *kinds;
    hs_postmortem *pm;
    int enc;

    *out = NULL;
    if (hs__config_check_size(cfg, len, err) != 0)
        return HS_ETOOBIG;
    enc = hs__text_to_utf8(buf, len, &text);
    if (enc == HS_TEXT_BINARY) {
        hs__buf_release(&text);
        return hs__seterr(err, HS_EFORMAT,
                          "binary file (NUL bytes), not markdown");
    }
    pm = hs__pm_new();
    pm->id = utf8_copy(id ? id : "");
    pm->path = path ? utf8_copy(path) : NULL;
    if (enc == HS_TEXT_CP1252)
        hs__pm_warn(pm, 0, "not valid UTF-8; read as Windows-1252");
    else if (enc == HS_TEXT_UTF8_REPAIRED)
        hs__pm_warn(pm, 0, "invalid UTF-8 bytes replaced with U+FFFD");
    doc = hs__doc_parse_with(text.data, text.len, cfg);
    kinds = hs__xcalloc(doc->n_sections, sizeof(*kinds));
    for (size_t i = 0; i < doc->n_sections; i++) {
        hs__section *s = &doc->sections[i];
        kinds[i] = hs__classify_heading_with(s->heading, cfg);
        for (size_t f = 0; f < s->n_fields; f++)
            s->fields[f].kind =
                (int)hs__name_kind(s->fields[f].key, HS__NAME_FIELD, cfg);
    }
    title_kind(doc, kinds);
    hs__timeline_kinds(doc, kinds);
    hs__extract(doc, kinds, pm);
    free(kinds);
    hs__doc_free(doc);
    hs__buf_release(&text);
    *out = pm;
    return 0;
}
