/*
 * JSON shapes of SPEC.md: the record, search and similar answers and the
 * action-item reports. Built with jansson's reference-stealing calls, so
 * each builder returns one new reference and never leaks on the way.
 */
#include "model/json.h"
#include "base/buf.h"
#include "base/text.h"
#include "base/util.h"
#include "model/normalize.h"
#include "model/record.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

static json_t *str_or_null(const char *s) {
    return s ? json_string(s) : json_null();
}

static json_t *date_or_null(const char *d) {
    return d && *d ? json_string(d) : json_null();
}

static json_t *severity_json(int sev) {
    const char *name = hs_severity_name(sev);
    return name ? json_string(name) : json_null();
}

json_t *hs__json_strlist(const hs_strlist *l) {
    json_t *a = json_array();
    for (size_t i = 0; i < l->n; i++)
        json_array_append_new(a, json_string(l->v[i]));
    return a;
}

json_t *hs__json_action(const hs_action_item *a) {
    return json_pack("{s:o, s:o, s:o, s:s}", "action", str_or_null(a->action),
                     "owner", str_or_null(a->owner), "due",
                     date_or_null(a->due), "status", hs_status_name(a->status));
}

json_t *hs__json_postmortem(const hs_postmortem *pm) {
    json_t *o = json_object(), *tl = json_array(), *ai = json_array();
    for (size_t i = 0; i < pm->n_timeline; i++)
        json_array_append_new(
            tl,
            json_pack("{s:s, s:s}", "time",
                      pm->timeline[i].time ? pm->timeline[i].time : "", "event",
                      pm->timeline[i].event ? pm->timeline[i].event : ""));
    for (size_t i = 0; i < pm->n_actions; i++)
        json_array_append_new(ai, hs__json_action(&pm->actions[i]));
    json_object_set_new(o, "id", str_or_null(pm->id));
    json_object_set_new(o, "path", str_or_null(pm->path));
    json_object_set_new(o, "title", str_or_null(pm->title));
    json_object_set_new(o, "date", date_or_null(pm->date));
    json_object_set_new(o, "severity", severity_json(pm->severity));
    json_object_set_new(o, "duration_minutes",
                        pm->duration_minutes >= 0
                            ? json_integer(pm->duration_minutes)
                            : json_null());
    json_object_set_new(o, "impact", str_or_null(pm->impact));
    json_object_set_new(o, "incident_commander",
                        str_or_null(pm->incident_commander));
    json_object_set_new(o, "responders", hs__json_strlist(&pm->responders));
    json_object_set_new(o, "summary", str_or_null(pm->summary));
    json_object_set_new(o, "root_cause", str_or_null(pm->root_cause));
    json_object_set_new(o, "timeline", tl);
    json_object_set_new(o, "went_well", hs__json_strlist(&pm->went_well));
    json_object_set_new(o, "went_wrong", hs__json_strlist(&pm->went_wrong));
    json_object_set_new(o, "lessons", hs__json_strlist(&pm->lessons));
    json_object_set_new(o, "action_items", ai);
    json_object_set_new(o, "tags", hs__json_strlist(&pm->tags));
    json_object_set_new(o, "auto_tags", hs__json_strlist(&pm->auto_tags));
    json_object_set_new(o, "services", hs__json_strlist(&pm->services));
    json_object_set_new(o, "document_url", str_or_null(pm->document_url));
    json_object_set_new(o, "references", hs__json_strlist(&pm->references));
    {
        json_t *src = json_object();
        for (size_t i = 0; i < pm->n_sources; i++)
            json_object_set_new(src, pm->sources[i].field,
                                json_pack("{s:i, s:s}", "line",
                                          pm->sources[i].line, "rule",
                                          pm->sources[i].rule));
        json_object_set_new(o, "sources", src);
    }
    return o;
}

char *hs__json_dump(json_t *j, int indent) {
    size_t flags = JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(8) |
                   (indent ? JSON_INDENT(indent) : JSON_COMPACT);
    char *s = json_dumps(j, flags);
    char *out;
    json_decref(j);
    if (!s)
        HS_BUG("json_dumps failed");
    if (!indent)
        return s;
    out = hs__xmalloc(strlen(s) + 2);
    memcpy(out, s, strlen(s));
    out[strlen(s)] = '\n';
    out[strlen(s) + 1] = '\0';
    free(s);
    return out;
}

/* ---------------------------------------------------------------------
 * The compact record, written directly
 *
 * Every index run stores each record as compact JSON; building it as
 * jansson objects and dumping them was a tenth of a run's CPU. This writes
 * the same bytes as hs__json_dump(hs__json_postmortem(pm), 0): the keys in
 * the same order, "," and ":" alone between them, strings escaped as
 * jansson does (\\ \" \b \f \n \r \t, other bytes under 0x20 as \u00XX,
 * the rest as they are). Where jansson would drop a member (a string that
 * is not UTF-8) or merge two (a source field named twice), it gives up and
 * the caller takes jansson's way; test_json compares the two.
 */

/* The length of the well-formed UTF-8 sequence at s (s[0] >= 0x80) as
 * jansson checks it (no overlong forms, no surrogates, nothing over
 * U+10FFFF); 0 when it is not one. */
static unsigned utf8_seq(const unsigned char *s) {
    unsigned c = *s, n, v;
    if (c < 0xC2 || c > 0xF4)
        return 0;
    n = c < 0xE0 ? 1 : c < 0xF0 ? 2 : 3;
    v = c & (0x3F >> n);
    for (unsigned i = 1; i <= n; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        v = (v << 6) | (s[i] & 0x3F);
    }
    if ((n == 2 && v < 0x800) || (n == 3 && v < 0x10000) ||
        (v >= 0xD800 && v <= 0xDFFF) || v > 0x10FFFF)
        return 0;
    return n + 1;
}

/*
 * What put_str does with each byte: 0 copies it, 1 escapes it (or ends
 * the string: NUL), 2 starts a UTF-8 sequence to check. One look-up a
 * byte, in one pass, where a UTF-8 check and an escaping pass were 1.8%
 * of an index run.
 */
#define ESC16 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1
#define SEQ16 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2
#define RAW16 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
static const unsigned char byte_class[256] = {
    ESC16, ESC16, /* 0x00 */
    0,     0,     1,     0,     0,     0,     0,     0,
    0,     0,     0,     0,     0,     0,     0,     0, /* 0x20 " */
    RAW16, RAW16,                                       /* 0x30 */
    0,     0,     0,     0,     0,     0,     0,     0,
    0,     0,     0,     0,     1,     0,     0,     0,      /* 0x50 \ */
    RAW16, RAW16,                                            /* 0x60 */
    SEQ16, SEQ16, SEQ16, SEQ16, SEQ16, SEQ16, SEQ16, SEQ16}; /* 0x80 */
#undef ESC16
#undef SEQ16
#undef RAW16

typedef struct writer {
    hs__buf b;
    int is_bad; /* jansson would write something else: give up */
} writer;

static void put_str(writer *w, const char *str) {
    static const char hex[] = "0123456789ABCDEF";
    const unsigned char *s = (const unsigned char *)str, *run = s;
    hs__buf_putc(&w->b, '"');
    for (;;) {
        unsigned char c = *s;
        const char *esc;
        char u[6];
        if (!byte_class[c]) {
            s++;
            continue;
        }
        if (byte_class[c] == 2) {
            unsigned n = utf8_seq(s);
            if (!n) {
                w->is_bad = 1; /* the writer gives up the whole record */
                return;
            }
            s += n;
            continue;
        }
        hs__buf_put(&w->b, run, (size_t)(s - run));
        if (!c)
            break;
        run = ++s;
        switch (c) {
        case '"':
            esc = "\\\"";
            break;
        case '\\':
            esc = "\\\\";
            break;
        case '\b':
            esc = "\\b";
            break;
        case '\f':
            esc = "\\f";
            break;
        case '\n':
            esc = "\\n";
            break;
        case '\r':
            esc = "\\r";
            break;
        case '\t':
            esc = "\\t";
            break;
        default:
            memcpy(u, "\\u00", 4);
            u[4] = hex[c >> 4];
            u[5] = hex[c & 15];
            hs__buf_put(&w->b, u, 6);
            continue;
        }
        hs__buf_put(&w->b, esc, 2);
    }
    hs__buf_putc(&w->b, '"');
}

/* ,"key": (the comma unless the object has just begun) */
static void put_key(writer *w, const char *key) {
    if (w->b.data[w->b.len - 1] != '{')
        hs__buf_putc(&w->b, ',');
    put_str(w, key);
    hs__buf_putc(&w->b, ':');
}

static void put_str_or_null(writer *w, const char *key, const char *s) {
    put_key(w, key);
    if (s)
        put_str(w, s);
    else
        hs__buf_puts(&w->b, "null");
}

static void put_list(writer *w, const char *key, const hs_strlist *l) {
    put_key(w, key);
    hs__buf_putc(&w->b, '[');
    for (size_t i = 0; i < l->n; i++) {
        if (i)
            hs__buf_putc(&w->b, ',');
        put_str(w, l->v[i]);
    }
    hs__buf_putc(&w->b, ']');
}

static char *record_compact(const hs_postmortem *pm) {
    writer w = {HS_BUF_INIT, 0};
    const char *sev = hs_severity_name(pm->severity);
    hs__buf_grow(&w.b, 4096);
    hs__buf_putc(&w.b, '{');
    put_str_or_null(&w, "id", pm->id);
    put_str_or_null(&w, "path", pm->path);
    put_str_or_null(&w, "title", pm->title);
    put_str_or_null(&w, "date", *pm->date ? pm->date : NULL);
    put_str_or_null(&w, "severity", sev);
    put_key(&w, "duration_minutes");
    if (pm->duration_minutes >= 0)
        hs__buf_printf(&w.b, "%d", pm->duration_minutes);
    else
        hs__buf_puts(&w.b, "null");
    put_str_or_null(&w, "impact", pm->impact);
    put_str_or_null(&w, "incident_commander", pm->incident_commander);
    put_list(&w, "responders", &pm->responders);
    put_str_or_null(&w, "summary", pm->summary);
    put_str_or_null(&w, "root_cause", pm->root_cause);
    put_key(&w, "timeline");
    hs__buf_putc(&w.b, '[');
    for (size_t i = 0; i < pm->n_timeline; i++) {
        const hs_timeline_entry *e = &pm->timeline[i];
        hs__buf_puts(&w.b, i ? ",{" : "{");
        put_str_or_null(&w, "time", e->time ? e->time : "");
        put_str_or_null(&w, "event", e->event ? e->event : "");
        hs__buf_putc(&w.b, '}');
    }
    hs__buf_putc(&w.b, ']');
    put_list(&w, "went_well", &pm->went_well);
    put_list(&w, "went_wrong", &pm->went_wrong);
    put_list(&w, "lessons", &pm->lessons);
    put_key(&w, "action_items");
    hs__buf_putc(&w.b, '[');
    for (size_t i = 0; i < pm->n_actions; i++) {
        const hs_action_item *a = &pm->actions[i];
        hs__buf_puts(&w.b, i ? ",{" : "{");
        put_str_or_null(&w, "action", a->action);
        put_str_or_null(&w, "owner", a->owner);
        put_str_or_null(&w, "due", *a->due ? a->due : NULL);
        if (!hs_status_name(a->status))
            w.is_bad = 1;
        put_str_or_null(&w, "status", hs_status_name(a->status));
        hs__buf_putc(&w.b, '}');
    }
    hs__buf_putc(&w.b, ']');
    put_list(&w, "tags", &pm->tags);
    put_list(&w, "auto_tags", &pm->auto_tags);
    put_list(&w, "services", &pm->services);
    put_str_or_null(&w, "document_url", pm->document_url);
    put_list(&w, "references", &pm->references);
    put_key(&w, "sources");
    hs__buf_putc(&w.b, '{');
    for (size_t i = 0; i < pm->n_sources; i++) {
        const hs_source *src = &pm->sources[i];
        if (!src->field || !src->rule) {
            w.is_bad = 1;
            break;
        }
        for (size_t k = 0; k < i; k++)
            w.is_bad |= !strcmp(src->field, pm->sources[k].field);
        put_key(&w, src->field);
        hs__buf_printf(&w.b, "{\"line\":%d,\"rule\":", src->line);
        put_str(&w, src->rule);
        hs__buf_putc(&w.b, '}');
    }
    hs__buf_puts(&w.b, "}}");
    if (w.is_bad) {
        hs__buf_release(&w.b);
        return NULL;
    }
    return hs__buf_detach(&w.b, NULL);
}

char *hs_postmortem_to_json(const hs_postmortem *pm, int indent) {
    char *out = indent ? NULL : record_compact(pm);
    return out ? out : hs__json_dump(hs__json_postmortem(pm), indent);
}

/* ---------------------------------------------------------------------
 * Back from JSON
 */

static char *get_str(json_t *o, const char *key) {
    json_t *v = json_object_get(o, key);
    return json_is_string(v) ? hs__xstrdup(json_string_value(v)) : NULL;
}

static void get_date(json_t *o, const char *key, char out[HS_DATE_LEN]) {
    json_t *v = json_object_get(o, key);
    out[0] = '\0';
    if (json_is_string(v))
        hs__date_copy(out, json_string_value(v));
}

static void get_list(json_t *o, const char *key, hs_strlist *l) {
    json_t *a = json_object_get(o, key), *v;
    size_t i;
    json_array_foreach(a, i, v) if (json_is_string(v))
        hs__strlist_push(l, json_string_value(v));
}

hs_postmortem *hs__postmortem_from_json(const char *text) {
    json_t *o = json_loads(text, 0, NULL), *a, *v;
    hs_postmortem *pm;
    size_t i;
    const char *sev;
    if (!json_is_object(o)) {
        json_decref(o);
        return NULL;
    }
    pm = hs__pm_new();
    pm->id = get_str(o, "id");
    pm->path = get_str(o, "path");
    pm->title = get_str(o, "title");
    get_date(o, "date", pm->date);
    v = json_object_get(o, "severity");
    sev = json_is_string(v) ? json_string_value(v) : NULL;
    pm->severity = sev && strlen(sev) == 4 ? sev[3] - '0' : 0;
    v = json_object_get(o, "duration_minutes");
    pm->duration_minutes = json_is_integer(v) ? (int)json_integer_value(v) : -1;
    pm->impact = get_str(o, "impact");
    pm->incident_commander = get_str(o, "incident_commander");
    get_list(o, "responders", &pm->responders);
    pm->summary = get_str(o, "summary");
    pm->root_cause = get_str(o, "root_cause");
    a = json_object_get(o, "timeline");
    json_array_foreach(a, i, v) {
        hs_timeline_entry *e = hs__pm_add_timeline(pm);
        e->time = get_str(v, "time");
        e->event = get_str(v, "event");
    }
    get_list(o, "went_well", &pm->went_well);
    get_list(o, "went_wrong", &pm->went_wrong);
    get_list(o, "lessons", &pm->lessons);
    a = json_object_get(o, "action_items");
    json_array_foreach(a, i, v) {
        hs_action_item *ai = hs__pm_add_action(pm);
        ai->action = get_str(v, "action");
        ai->owner = get_str(v, "owner");
        get_date(v, "due", ai->due);
        ai->status = hs__status_from_name(
            json_string_value(json_object_get(v, "status")));
        if (!ai->action)
            ai->action = hs__xstrdup("");
    }
    get_list(o, "tags", &pm->tags);
    get_list(o, "auto_tags", &pm->auto_tags);
    get_list(o, "services", &pm->services);
    pm->document_url = get_str(o, "document_url");
    get_list(o, "references", &pm->references);
    {
        const char *key;
        json_object_foreach(json_object_get(o, "sources"), key, v) {
            const char *rule = json_string_value(json_object_get(v, "rule"));
            json_t *line = json_object_get(v, "line");
            hs__pm_source(pm, key,
                          json_is_integer(line) ? (int)json_integer_value(line)
                                                : 0,
                          "%s", rule ? rule : "");
        }
    }
    json_decref(o);
    if (!pm->id) {
        /* every record has an id, which the pages and their lists key on:
         * one without is damaged (an index from before ids were made
         * UTF-8 stored "id": null for a file name that was not) */
        hs_postmortem_free(pm);
        return NULL;
    }
    return pm;
}

/* ---------------------------------------------------------------------
 * Results and reports
 */

json_t *hs__json_search(const hs_results *r) {
    json_t *a = json_array();
    for (size_t i = 0; i < r->n; i++) {
        const hs_hit *h = &r->hits[i];
        json_array_append_new(
            a,
            json_pack("{s:s, s:o, s:o, s:o, s:f, s:o, s:o}", "id", h->id,
                      "title", str_or_null(h->title), "date",
                      date_or_null(h->date), "severity",
                      severity_json(h->severity), "score", h->score, "snippet",
                      str_or_null(h->snippet), "path", str_or_null(h->path)));
    }
    return json_pack("{s:I, s:o}", "total", (json_int_t)r->total, "results", a);
}

static json_t *novelty_json(int novelty) {
    switch (novelty) {
    case HS_NOVELTY_NEW:
        return json_string("new");
    case HS_NOVELTY_RARE:
        return json_string("rare");
    case HS_NOVELTY_FREQUENT:
        return json_string("frequent");
    default:
        return json_null();
    }
}

json_t *hs__json_similar(const hs_results *r, const hs_strlist *ignored) {
    json_t *a = json_array(), *answer;
    for (size_t i = 0; i < r->n; i++) {
        const hs_hit *h = &r->hits[i];
        json_t *acts = json_array();
        for (size_t k = 0; k < h->n_open_actions; k++)
            json_array_append_new(acts, hs__json_action(&h->open_actions[k]));
        json_array_append_new(
            a, json_pack("{s:s, s:o, s:o, s:o, s:f, s:o, s:o, s:o, s:o, s:o}",
                         "id", h->id, "title", str_or_null(h->title), "date",
                         date_or_null(h->date), "severity",
                         severity_json(h->severity), "score", h->score,
                         "matched_terms", hs__json_strlist(&h->matched_terms),
                         "root_cause", str_or_null(h->root_cause), "snippet",
                         str_or_null(h->snippet), "open_action_items", acts,
                         "path", str_or_null(h->path)));
        {
            json_t *o = json_array_get(a, json_array_size(a) - 1);
            json_object_set_new(o, "resolution", str_or_null(h->resolution));
            json_object_set_new(o, "links", hs__json_strlist(&h->links));
            json_object_set_new(o, "coverage",
                                json_real(round(h->coverage * 1000) / 1000));
            json_object_set_new(o, "family",
                                json_pack("{s:i, s:o}", "size", h->family_size,
                                          "last",
                                          date_or_null(h->family_last)));
        }
    }
    answer = json_pack("{s:o, s:o}", "novelty", novelty_json(r->novelty),
                       "results", a);
    if (ignored && ignored->n)
        json_object_set_new(answer, "ignored", hs__json_strlist(ignored));
    return answer;
}

static json_t *report_items(const hs_report_item *v, size_t n, int with_days) {
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++) {
        json_t *o = hs__json_action(&v[i].item);
        if (with_days)
            json_object_set_new(o, "days_overdue",
                                json_integer(v[i].days_overdue));
        json_object_set_new(o, "postmortem",
                            json_pack("{s:s, s:o, s:o, s:o}", "id", v[i].pm_id,
                                      "title", str_or_null(v[i].pm_title),
                                      "severity",
                                      severity_json(v[i].pm_severity), "path",
                                      str_or_null(v[i].pm_path)));
        json_array_append_new(a, o);
    }
    return a;
}

static json_t *report_pm(const hs_report_pm *p) {
    return json_pack("{s:s, s:o, s:o, s:o, s:o}", "id", p->id, "title",
                     str_or_null(p->title), "date", date_or_null(p->date),
                     "severity", severity_json(p->severity), "path",
                     str_or_null(p->path));
}

json_t *hs__json_report_repeats(const hs_report *r) {
    json_t *a = json_array();
    for (size_t i = 0; i < r->n_repeats; i++) {
        const hs_report_repeat *p = &r->repeats[i];
        json_t *acts = json_array();
        for (size_t k = 0; k < p->n_open; k++)
            json_array_append_new(acts, hs__json_action(&p->open[k]));
        /* SPEC.md's shape: the later postmortem, the earlier one it
         * repeats, and the earlier one's items still open then */
        json_array_append_new(
            a, json_pack("{s:o, s:o, s:o}", "postmortem", report_pm(&p->pm),
                         "repeats", report_pm(&p->earlier), "open_then", acts));
    }
    return a;
}

json_t *hs__json_report(const hs_report *r) {
    json_t *o = json_object();
    json_object_set_new(o, "as_of", json_string(r->as_of));
    if (r->is_weekly) {
        json_t *np = json_array();
        for (size_t i = 0; i < r->n_new_pms; i++)
            json_array_append_new(
                np,
                json_pack("{s:s, s:o, s:o, s:o, s:o}", "id", r->new_pms[i].id,
                          "title", str_or_null(r->new_pms[i].title), "date",
                          date_or_null(r->new_pms[i].date), "severity",
                          severity_json(r->new_pms[i].severity), "path",
                          str_or_null(r->new_pms[i].path)));
        json_object_set_new(o, "new_postmortems", np);
        json_object_set_new(o, "repeat_incidents", hs__json_report_repeats(r));
    }
    if (r->is_not_overdue)
        json_object_set_new(o, "not_overdue",
                            report_items(r->due_soon, r->n_due_soon, 0));
    else
        json_object_set_new(o, "overdue",
                            report_items(r->overdue, r->n_overdue, 1));
    if (r->is_weekly)
        json_object_set_new(o, "due_soon",
                            report_items(r->due_soon, r->n_due_soon, 0));
    json_object_set_new(o, "no_due_date",
                        report_items(r->no_due_date, r->n_no_due_date, 0));
    json_object_set_new(o, "no_owner",
                        report_items(r->no_owner, r->n_no_owner, 0));
    return o;
}

json_t *hs__json_family(const hs_family *f) {
    json_t *m = json_array();
    for (size_t i = 0; i < f->n; i++)
        json_array_append_new(m, json_pack("{s:s, s:o, s:o}", "id", f->v[i].id,
                                           "title", str_or_null(f->v[i].title),
                                           "date", date_or_null(f->v[i].date)));
    return json_pack("{s:i, s:o}", "size", (int)f->n, "members", m);
}

char *hs_families_to_json(const hs_family *v, size_t n, int indent) {
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(a, hs__json_family(&v[i]));
    return hs__json_dump(json_pack("{s:o}", "families", a), indent);
}

char *hs_results_to_json(const hs_results *r, int is_similar, int indent) {
    return hs__json_dump(
        is_similar ? hs__json_similar(r, NULL) : hs__json_search(r), indent);
}
