/*
 * Timelines: GFM tables (read by header name, whatever the column order),
 * list items and lines of prose that open with a time ("14:32 UTC — ...",
 * "2022-01-25 10:21 ..."), in the timeline section, whose sub-headings
 * may be times themselves ("### 14:32 UTC"). Nothing is invented; an
 * untimed item is dropped where most entries carry a time.
 */
#include "base/util.h"
#include "model/normalize.h"
#include "model/record.h"
#include "read/extract_actions_int.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

/* ---------------------------------------------------------------------
 * Timeline
 */

static void timeline_add(hs_postmortem *pm, const char *time, size_t time_len,
                         const char *event) {
    hs_timeline_entry *e;
    char *ev;
    /* "_4/25/23_" with its closing mark: a day's label, no event */
    while (*event == ' ' || *event == '-' || *event == ':' || *event == '|' ||
           *event == '*' || *event == '_')
        event++;
    if (!strncmp(event, "\xe2\x80\x94", 3) ||
        !strncmp(event, "\xe2\x80\x93", 3))
        event += 3;
    ev = hs__strtrim(event, strlen(event));
    if (!*ev || hs__is_placeholder(ev)) {
        free(ev);
        return;
    }
    e = hs__pm_add_timeline(pm);
    e->time = hs__strtrim(time, time_len);
    e->event = ev;
    /* "13h42", "0930h" and "0930 hrs" are kept as the 13:42 and 09:30
     * they mean */
    {
        size_t hl;
        int m = hs__clock_h_form(e->time, &hl);
        /* never longer: "9h30" -> "9:30", "0930h" -> "09:30" */
        if (m >= 0 && hl == strlen(e->time))
            snprintf(e->time, hl + 1, hl == 4 ? "%d:%02d" : "%02d:%02d", m / 60,
                     m % 60);
    }
}

/* An entry whose time is two cells joined by `sep` (a day and its clock,
 * a start and its end). */
static void timeline_add_joined(hs_postmortem *pm, const char *a,
                                const char *sep, const char *b,
                                const char *event) {
    hs__buf w = HS_BUF_INIT;
    hs__buf_printf(&w, "%s%s%s", a, sep, b);
    timeline_add(pm, w.data, w.len, event);
    hs__buf_release(&w);
}

static void timeline_from_table(const hs__table *t, int is_timeline,
                                hs_postmortem *pm) {
    int c_time = hs__find_col(t, HS_KIND_TIME),
        c_event = hs__find_col(t, HS_KIND_EVENT), c_start = -1, c_end = -1,
        c_clock = -1;
    if (!is_timeline &&
        (c_time < 0 || c_event < 0 || hs__find_col(t, HS_KIND_OWNER) >= 0))
        return;
    if (t->n_cols < 2)
        return;
    /* "| Start | End | What |": the start is the time */
    if (c_time < 0 && (c_start = hs__find_col(t, HS_KIND_START)) >= 0)
        c_end = hs__find_col(t, HS_KIND_END);
    if (c_time < 0)
        c_time = c_start >= 0 ? c_start : 0;
    if (c_event < 0 || c_event == c_time)
        c_event = c_time == 0 ? 1 : 0;
    /* "| Date | Time (UTC) | Event |": a second column of times, whose
     * clock goes with the first's day */
    for (size_t c = (size_t)c_time + 1; c_start < 0 && c < t->n_cols; c++)
        if ((int)c != c_event && hs__column_is(t->cells[c], HS_KIND_TIME)) {
            c_clock = (int)c;
            break;
        }
    /* with a Start and an End column each row is a window, its time
     * "03 Dec 16:40 - 03 Dec 17:25" (a row without an end keeps its start) */
    if (c_start != c_time || c_end < 0 || c_end == c_event)
        c_end = -1;
    for (size_t r = 1; r < t->n_rows; r++) {
        const char *tm = hs__cell(t, r, c_time);
        const char *end = c_end >= 0 ? hs__cell(t, r, c_end) : "";
        const char *clock = c_clock >= 0 ? hs__cell(t, r, c_clock) : "";
        if (*clock && !hs__is_blank_value(clock))
            /* the day's cell may be empty on the rows of the same day */
            timeline_add_joined(pm, tm, *tm ? " " : "", clock,
                                hs__cell(t, r, c_event));
        else if (*tm && !hs__is_blank_value(end))
            timeline_add_joined(pm, tm, " - ", end, hs__cell(t, r, c_event));
        else {
            timeline_add(pm, tm, strlen(tm), hs__cell(t, r, c_event));
        }
    }
}

/*
 * The length of the time that starts a timeline line, 0 if none: what
 * hs__time_prefix reads ("14:32 UTC", "2022-01-25 10:21", "Sep 27 2017
 * 13:06"), the same in brackets ("[13:42]"), "13.42", and a time the
 * writer did not know ("[???]", "2X:XX"), which is still an entry.
 */
static size_t tl_time_prefix(const char *p) {
    size_t n, hedge = hs__time_hedge(p);
    /* "~13:42", "approx. 13:50": a time the writer was not sure of */
    if (hedge && hs__isdigit((unsigned char)p[hedge]) &&
        (n = hs__time_prefix(p + hedge)))
        return hedge + n;
    if (*p == '[') {
        const char *close = strchr(p, ']');
        if (close && close - p <= 24 && close[1] != '(') {
            int is_unknown = 1;
            for (const char *q = p + 1; q < close; q++)
                if (*q != '?' && *q != ' ')
                    is_unknown = 0;
            if (is_unknown && close > p + 1)
                return (size_t)(close - p + 1);
            n = hs__time_prefix(p + 1);
            if (n && p + 1 + n <= close)
                return (size_t)(close - p + 1);
        }
        return 0;
    }
    if ((hs__isdigit((unsigned char)p[0]) || p[0] == 'X' || p[0] == 'x') &&
        (p[1] == 'X' || p[1] == 'x') && p[2] == ':' &&
        (p[3] == 'X' || p[3] == 'x' || hs__isdigit((unsigned char)p[3])))
        return 5; /* "2X:XX", "XX:XX" */
    n = hs__time_prefix(p);
    if (n) {
        /* "08:10 UTC on 14 May 2025 – event": the day is the time's */
        char d[HS_DATE_LEN];
        size_t end = 0;
        if (!strncmp(p + n, " on ", 4) &&
            hs__date_find(p + n + 4, 1, d, NULL, &end) == 0)
            n += 4 + end;
        return n;
    }
    /* "13.42 event": hours and minutes with a dot, then a space */
    if (hs__isdigit((unsigned char)p[0])) {
        size_t h = hs__isdigit((unsigned char)p[1]) ? 2 : 1;
        if (p[h] == '.' && hs__isdigit((unsigned char)p[h + 1]) &&
            hs__isdigit((unsigned char)p[h + 2]) &&
            (p[h + 3] == ' ' || p[h + 3] == ':') &&
            (p[0] - '0') * (h == 2 ? 10 : 1) + (h == 2 ? p[1] - '0' : 0) < 24 &&
            p[h + 1] < '6')
            return h + 3;
    }
    return 0;
}

/* A line "14:32 UTC — event" or "2022-01-25 10:21 event". */
static void timeline_from_line(const char *line, size_t len, int need_time,
                               hs_postmortem *pm) {
    char *l = hs__strtrim(line, len);
    const char *p = hs__skip_glyphs(l);
    size_t tp = tl_time_prefix(p);
    const char *rest = p + tp;
    while (*rest == ' ')
        rest++;
    /* "2025-08-19 (all times UTC)" sets the scene; it is not an event */
    if (tp && (!*rest || (*rest == '(' && rest[strlen(rest) - 1] == ')'))) {
        free(l);
        return;
    }
    if (tp)
        timeline_add(pm, p, tp, p + tp);
    else if (!need_time)
        timeline_add(pm, "", 0, p);
    free(l);
}

/*
 * Is the paragraph line at `line` the rest of a sentence wrapped from the
 * line before ("... from Saturday 02:10 to Sunday" then "11:45 (UTC). A
 * storage quota ..."): the line before is no entry and stops mid-sentence,
 * on a letter or a digit. Such a line is not an entry, whatever it starts
 * with. `prev` is NULL for a paragraph's first line.
 */
static int wrapped_prose(const char *prev, const char *line) {
    size_t n;
    if (!prev)
        return 0;
    n = (size_t)(line - prev) - 1; /* without its newline */
    while (n && prev[n - 1] == ' ')
        n--;
    return n && hs__isalnum((unsigned char)prev[n - 1]) &&
           !tl_time_prefix(hs__skip_glyphs(prev));
}

/* Does any item or paragraph line of s start with a time? */
static int has_timed_lines(const hs__section *s) {
    for (size_t k = 0; k < s->n_items; k++)
        if (tl_time_prefix(hs__skip_glyphs(s->items[k].text)))
            return 1;
    for (size_t q = 0; q < s->n_paras; q++) {
        const char *p = s->paras[q].text;
        while (*p) {
            size_t n = strcspn(p, "\n");
            if (tl_time_prefix(hs__skip_glyphs(p)))
                return 1;
            p += n + (p[n] != '\0');
        }
    }
    return 0;
}

/* Is s a list of timed entries: three top-level items or more, each
 * opening with a time? */
static int is_timed_list(const hs__section *s) {
    size_t n = 0;
    for (size_t k = 0; k < s->n_items; k++) {
        if (s->items[k].depth != 0 || s->items[k].quoted)
            continue;
        if (!tl_time_prefix(hs__skip_glyphs(s->items[k].text)))
            return 0;
        n++;
    }
    return n >= 3;
}

void hs__timeline_kinds(const hs__doc *doc, hs__kind *kinds) {
    int has_entries = 0, by_content = 0;
    for (size_t i = 0; i < doc->n_sections; i++) {
        if (kinds[i] != HS_KIND_TIMELINE || !doc->sections[i].level)
            continue;
        for (size_t j = i; j < doc->sections[i].sub_end; j++) {
            int is_timed = has_timed_lines(&doc->sections[j]);
            has_entries |= is_timed || doc->sections[j].n_tables;
            if (j > i && kinds[j] != HS_KIND_TIMELINE &&
                kinds[j] != HS_KIND_OTHER && is_timed)
                kinds[j] = HS_KIND_OTHER;
        }
    }
    if (has_entries)
        return;
    for (size_t i = 0; i < doc->n_sections; i++)
        if (kinds[i] == HS_KIND_OTHER && doc->sections[i].level &&
            is_timed_list(&doc->sections[i])) {
            kinds[i] = HS_KIND_TIMELINE;
            by_content = 1;
        }
    /* then a timeline-named section of prose ("What happened?" told as a
     * story) is not the timeline */
    for (size_t i = 0; i < doc->n_sections && by_content; i++)
        if (kinds[i] == HS_KIND_TIMELINE && !is_timed_list(&doc->sections[i]))
            kinds[i] = HS_KIND_OTHER;
}

/*
 * A subsection of the timeline whose heading starts with a time ("### 13:06",
 * "### 2018-01-17 17:30") is one entry: the heading is its time and the
 * body its detail, so the body's lines are not entries of their own. A
 * date-only heading is an entry too, unless its body has timed lines, which
 * makes it a group header for them (also when they are under a
 * "**Timeline:**" line of its own). Returns 1 if section i was taken as an
 * entry.
 */
static int timeline_from_heading(const hs__doc *doc, size_t i,
                                 hs_postmortem *pm) {
    const hs__section *s = &doc->sections[i];
    const char *h = hs__skip_glyphs(s->heading);
    size_t tp = tl_time_prefix(h);
    const char *rest = h + tp;
    int is_date_only;
    if (!tp)
        return 0;
    is_date_only = memchr(h, ':', tp) == NULL && memchr(h, '.', tp) == NULL;
    for (size_t j = i; is_date_only && j < s->sub_end; j++)
        if (has_timed_lines(&doc->sections[j]))
            return 0;
    while (*rest == ' ' || *rest == '-' || *rest == ':')
        rest++;
    if (!*rest && s->n_paras)
        rest = s->paras[0].text;
    else if (!*rest && s->n_items)
        rest = s->items[0].text;
    if (!*rest)
        rest = h; /* keep the entry even with no words: it was written */
    timeline_add(pm, h, tp, rest);
    return 1;
}

/*
 * In a timeline where most entries carry a time, an untimed list item is a
 * note or a link ("dashboards during the incident:"), not an event.
 */
static void drop_untimed(hs_postmortem *pm) {
    size_t n_timed = 0, out = 0;
    for (size_t i = 0; i < pm->n_timeline; i++)
        n_timed += *pm->timeline[i].time != '\0';
    if (n_timed * 2 <= pm->n_timeline)
        return;
    for (size_t i = 0; i < pm->n_timeline; i++) {
        if (*pm->timeline[i].time) {
            pm->timeline[out++] = pm->timeline[i];
            continue;
        }
        free(pm->timeline[i].time);
        free(pm->timeline[i].event);
    }
    pm->n_timeline = out;
}

/*
 * A timeline written under a plain line that names it, with no heading
 * ("timeline (UTC)" or "Timeline:" then one timed line each, in the same
 * paragraph or as the list after it), as chat summaries are. Only where
 * no timeline section gave an entry.
 */
static void timeline_after_label(const hs__doc *doc, hs_postmortem *pm) {
    for (size_t i = 0; i < doc->n_sections && !pm->n_timeline; i++) {
        const hs__section *s = &doc->sections[i];
        /* the first table and item after the paragraph at hand: all three
         * are in document order, so the search goes on from the last one
         * (scanning from the start for each label was quadratic) */
        size_t t_at = 0, k_at = 0;
        for (size_t q = 0; q < s->n_paras && !pm->n_timeline; q++) {
            const char *p = s->paras[q].text;
            size_t n = strcspn(p, "\n"), words = 1;
            char *label;
            for (size_t k = 0; k < n; k++)
                words += p[k] == ' ';
            if (s->paras[q].quoted || words > 4 || n > 40)
                continue;
            label = hs__xstrndup(p, n);
            if (hs__classify_heading(label) != HS_KIND_TIMELINE ||
                tl_time_prefix(hs__skip_glyphs(label))) {
                free(label);
                continue;
            }
            free(label);
            if (!p[n]) {
                /* a label alone, then its list (up to the next paragraph
                 * or table) */
                int from = s->paras[q].seq, to = INT_MAX;
                if (q + 1 < s->n_paras)
                    to = s->paras[q + 1].seq;
                while (t_at < s->n_tables && s->tables[t_at].seq <= from)
                    t_at++;
                if (t_at < s->n_tables && s->tables[t_at].seq < to)
                    to = s->tables[t_at].seq;
                while (k_at < s->n_items && s->items[k_at].seq <= from)
                    k_at++;
                for (size_t k = k_at; k < s->n_items && s->items[k].seq < to;
                     k++)
                    if (s->items[k].depth == 0 && !s->items[k].quoted)
                        timeline_from_line(s->items[k].text,
                                           strlen(s->items[k].text), 1, pm);
            }
            for (p += n; *p;) {
                p += *p == '\n';
                n = strcspn(p, "\n");
                timeline_from_line(p, n, 1, pm);
                p += n;
            }
        }
    }
}

void hs__extract_timeline(const hs__doc *doc, const hs__kind *kinds,
                          hs_postmortem *pm) {
    size_t owner = (size_t)-1;
    for (size_t i = 0; i < doc->n_sections; i++) {
        const hs__section *s = &doc->sections[i];
        int is_tl, is_entry = 0;
        if (kinds[i] == HS_KIND_TIMELINE &&
            (owner == (size_t)-1 ||
             !hs__section_contains(doc, kinds, owner, i)))
            owner = i;
        is_tl =
            owner != (size_t)-1 && hs__section_contains(doc, kinds, owner, i);
        if (is_tl && i != owner)
            is_entry = timeline_from_heading(doc, i, pm);
        size_t t = 0, k = 0, q = is_entry ? s->n_paras : 0;
        if (is_entry)
            k = s->n_items;
        /* tables, items and paragraphs in document order */
        for (;;) {
            int st = t < s->n_tables ? s->tables[t].seq : INT_MAX;
            int sk = is_tl && k < s->n_items ? s->items[k].seq : INT_MAX;
            int sq = is_tl && q < s->n_paras ? s->paras[q].seq : INT_MAX;
            if (st == INT_MAX && sk == INT_MAX && sq == INT_MAX)
                break;
            if (st < sk && st < sq) {
                timeline_from_table(&s->tables[t++], is_tl, pm);
            } else if (sk < sq) {
                /* sub-bullets are the detail of the entry above them;
                 * a quoted chat log is evidence, not an entry */
                if (s->items[k].depth == 0 && !s->items[k].quoted)
                    timeline_from_line(s->items[k].text,
                                       strlen(s->items[k].text), 0, pm);
                k++;
            } else {
                /* a paragraph: one entry per line that starts with a time
                 * (lines quoted from a chat or a log are not entries) */
                const char *p = s->paras[q].quoted ? "" : s->paras[q].text;
                const char *prev = NULL;
                q++;
                while (*p) {
                    size_t n = strcspn(p, "\n");
                    if (!wrapped_prose(prev, p))
                        timeline_from_line(p, n, 1, pm);
                    prev = p;
                    p += n;
                    if (*p)
                        p++;
                }
            }
        }
    }
    if (!pm->n_timeline)
        timeline_after_label(doc, pm);
    drop_untimed(pm);
}
