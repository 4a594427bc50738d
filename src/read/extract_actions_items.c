/*
 * Action items in the structured forms an action section writes them in:
 * GFM tables (read by header name, whatever the column order), list items
 * (grouped under "- Short term", or under a lead-in line that gives them a
 * status, with "- Owner: Jo" sub-items read into their item), labelled
 * paragraphs, fields in the front matter, and to-do markers ("TODO:", "-
 * [ ]") anywhere. Each item's own text is read by extract_actions_text.c.
 * Nothing is invented: a cell that says nothing leaves the field empty.
 */
#include "base/buf.h"
#include "base/util.h"
#include "model/record.h"
#include "read/extract_actions_int.h"

#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

/* ---------------------------------------------------------------------
 * Action items
 */

/*
 * The status in row r of status column c: its words, or under a header
 * that asks "Done?" or "Completed", a yes ("Yes", "Y", "x", "✓", "✔") for
 * done and a no for not started.
 */
static hs_status yes_no_status(const hs__table *t, int c, size_t r) {
    static const char *const yes[] = {
        "yes", "y", "x", "true", "\xe2\x9c\x93", "\xe2\x9c\x94", NULL};
    static const char *const no[] = {"no", "n", "false", NULL};
    const char *v = hs__cell(t, r, c);
    hs_status st = hs_status_parse(v);
    char *w;
    if (st != HS_STATUS_UNKNOWN ||
        hs_status_parse(t->cells[c]) != HS_STATUS_DONE)
        return st;
    w = hs__strtrim(v, strlen(v));
    for (size_t i = 0; yes[i] && !st; i++)
        if (!hs__strcasecmp(w, yes[i]))
            st = HS_STATUS_DONE;
    for (size_t i = 0; no[i] && !st; i++)
        if (!hs__strcasecmp(w, no[i]))
            st = HS_STATUS_NOT_STARTED;
    free(w);
    return st;
}

/* The status a checkbox cell of row r gives ("| [x] | Alert on lag |",
 * "| ☑ | ... |", under any header or none): done or not started;
 * unknown without one. */
static hs_status checkbox_status(const hs__table *t, size_t r) {
    for (size_t c = 0; c < t->n_cols; c++) {
        const char *v = hs__cell(t, r, (int)c);
        while (*v == ' ')
            v++;
        if (v[0] == '[' && v[1] && v[2] == ']' && !v[3 + strspn(v + 3, " ")]) {
            if (v[1] == 'x' || v[1] == 'X')
                return HS_STATUS_DONE;
            if (v[1] == ' ')
                return HS_STATUS_NOT_STARTED;
        }
        /* a ballot box alone: U+2610 empty, U+2611 and U+2612 marked */
        if ((unsigned char)v[0] == 0xe2 && (unsigned char)v[1] == 0x98 &&
            (unsigned char)v[2] >= 0x90 && (unsigned char)v[2] <= 0x92 &&
            !v[3 + strspn(v + 3, " ")])
            return (unsigned char)v[2] == 0x90 ? HS_STATUS_NOT_STARTED
                                               : HS_STATUS_DONE;
    }
    return HS_STATUS_UNKNOWN;
}

/*
 * A retro's board as one table, "| What went well | What went badly |
 * Actions |": the column named for actions (not "What went well", whose
 * first word names one) holds the items, wherever the table stands. -1
 * when the table has no column of a retro's or none of actions.
 */
static int retro_action_col(const hs__table *t) {
    int has_retro = 0, c_action = -1;
    for (size_t c = 0; c < t->n_cols; c++) {
        hs__kind k = hs__name_kind(t->cells[c], HS__NAME_HEADING, NULL);
        if (k == HS_KIND_WENT_WELL || k == HS_KIND_WENT_WRONG ||
            k == HS_KIND_LESSONS)
            has_retro = 1;
        else if (c_action < 0 && k == HS_KIND_ACTIONS &&
                 hs__column_is(t->cells[c], HS_KIND_ACTIONS))
            c_action = (int)c;
    }
    return has_retro ? c_action : -1;
}

void hs__actions_from_table(const hs__table *t, int is_action_section,
                            hs_postmortem *pm) {
    int c_retro = retro_action_col(t);
    int c_action = c_retro >= 0 ? c_retro : hs__find_col(t, HS_KIND_ACTIONS),
        c_owner = hs__find_col(t, HS_KIND_OWNER),
        c_due = hs__find_col(t, HS_KIND_DUE),
        c_status = hs__find_col(t, HS_KIND_STATUS),
        c_bug = hs__find_col(t, HS_KIND_TICKET);
    if (c_action < 0 && is_action_section) {
        /* no action header: of the columns with no other role, the one
         * with the most text ("| Priority | Change | Owner |" holds the
         * work in its second); a "ticket" column of sentences ("| Issue
         * |") is the work too */
        size_t best = 0;
        for (size_t c = 0; c < t->n_cols; c++) {
            size_t len = 0, words = 0;
            for (size_t r = 1; r < t->n_rows; r++) {
                const char *x = hs__cell(t, r, (int)c);
                len += strlen(x);
                for (; *x; x++)
                    words += *x == ' ';
            }
            if ((int)c == c_owner || (int)c == c_due || (int)c == c_status ||
                ((int)c == c_bug && words < 2 * (t->n_rows - 1)))
                continue;
            if (c_action < 0 || len > best) {
                c_action = (int)c;
                best = len;
            }
        }
        if (c_action == c_bug)
            c_bug = -1;
    }
    if (c_action < 0)
        return;
    if (!is_action_section && c_owner < 0 && c_due < 0 && c_status < 0 &&
        c_retro < 0)
        return;
    /* "| Time (UTC) | Status | Description |" or "| When | What |" outside
     * an action section is a timeline (its status column says the
     * incident's phase; "When" is its time, not a due date) */
    if (!is_action_section && c_owner < 0 && (c_due < 0 || c_status < 0) &&
        hs__find_col(t, HS_KIND_TIME) >= 0 &&
        (c_due < 0 || c_due == hs__find_col(t, HS_KIND_TIME)))
        return;
    /* "| Time (BST) | What | Who |" outside an action section, its first
     * column the time: a timeline that says who did each step */
    if (!is_action_section && hs__find_col(t, HS_KIND_TIME) == 0 && c_due < 0 &&
        c_status < 0)
        return;
    for (size_t r = 1; r < t->n_rows; r++) {
        hs_action_item *a;
        const char *text = hs__cell(t, r, c_action);
        /* a template's example row: "| <what will be done> | <who> |",
         * "| _Add an action_ | _Owner_ |" (a cell that repeats its
         * column's name) */
        if (!*text || hs__is_no_action(text) ||
            (c_status >= 0 && hs__done_in_incident(hs__cell(t, r, c_status))) ||
            (c_owner >= 0 && *hs__cell(t, r, c_owner) &&
             !hs__strcasecmp(hs__cell(t, r, c_owner), hs__cell(t, 0, c_owner))))
            continue;
        a = hs__pm_add_action(pm);
        a->line = t->lines[r];
        if (c_owner >= 0) {
            const char *o = hs__cell(t, r, c_owner);
            a->owner = hs__owner_of(o, strlen(o));
        }
        if (c_due >= 0)
            hs__set_due(a, hs__cell(t, r, c_due), pm, a->line);
        if (c_status >= 0)
            a->status = yes_no_status(t, c_status, r);
        if (a->status == HS_STATUS_UNKNOWN && c_bug >= 0)
            a->status = hs_status_parse(hs__cell(t, r, c_bug));
        if (a->status == HS_STATUS_UNKNOWN)
            a->status = checkbox_status(t, r);
        hs__action_from_text(a, text, pm);
        /* the ticket stays with the item: "Shard the cache (OPS-13)"; of
         * "BUG-7 DONE" the first word */
        if (c_bug >= 0 && *a->action) {
            const char *tk = hs__cell(t, r, c_bug);
            size_t n = hs_status_parse(tk) == HS_STATUS_UNKNOWN
                           ? strlen(tk)
                           : strcspn(tk, " ");
            char *ticket = hs__strtrim(tk, n);
            if (!hs__is_blank_value(ticket) &&
                hs_status_parse(ticket) == HS_STATUS_UNKNOWN &&
                !strstr(a->action, ticket)) {
                hs__buf b = HS_BUF_INIT;
                hs__buf_printf(&b, "%s (%s)", a->action, ticket);
                free(a->action);
                a->action = hs__buf_detach(&b, NULL);
            }
            free(ticket);
        }
        if (!*a->action) {
            hs__action_release(a);
            pm->n_actions--;
        }
    }
}

/*
 * Is list item `it` a sub-heading that groups the items nested below it
 * ("- **Short term**", "- Detect:", "- Done")? Its text is short and is a
 * group name of the names table or a status, or ends in ':'. The caller
 * knows it has nested items.
 */
int hs__is_group_item(const hs__item *it) {
    size_t n = strlen(it->text), words = 1;
    if (!n || n > 60 || it->checked >= 0)
        return 0;
    for (size_t i = 0; i < n; i++)
        words += it->text[i] == ' ';
    if (it->text[n - 1] == ':')
        return words <= 8;
    return words <= 4 && !strchr(it->text, '.') &&
           (hs__name_kind(it->text, HS__NAME_GROUP, NULL) == HS_KIND_ACTIONS ||
            hs_status_parse(it->text) != HS_STATUS_UNKNOWN);
}

void hs__action_from_item(const hs__item *it, int depth,
                          hs_status heading_status, hs_postmortem *pm) {
    hs_action_item *a;
    if (it->depth != depth)
        return; /* a nested item is a detail of its parent */
    a = hs__pm_add_action(pm);
    a->line = it->line;
    hs__action_from_text(a, it->text, pm);
    if (it->checked == 1 || it->struck)
        a->status = HS_STATUS_DONE;
    else if (it->checked == 0 && a->status == HS_STATUS_UNKNOWN)
        a->status = HS_STATUS_NOT_STARTED;
    if (a->status == HS_STATUS_UNKNOWN)
        a->status = heading_status;
    if (!*a->action || hs__is_no_action(a->action)) {
        hs__action_release(a);
        pm->n_actions--;
    }
}

/*
 * A nested note that only says how far the work got ("already done in
 * #4471", "Done", "in progress since May"): a short line that opens with
 * a status word. Read into `a`; returns 1 if it was one.
 */
static int status_note(hs_action_item *a, const char *t) {
    static const char *const words[] = {"done",     "completed",   "complete",
                                        "finished", "in progress", "merged",
                                        "shipped",  "not started", NULL};
    size_t n_words = 1;
    if (hs__starts_word(t, "already"))
        for (t += strlen("already"); *t == ' ';)
            t++;
    for (const char *c = t; *c; c++)
        n_words += *c == ' ';
    if (n_words > 6)
        return 0;
    for (size_t i = 0; words[i]; i++)
        if (hs__starts_word(t, words[i])) {
            a->status = hs_status_parse(words[i]);
            return 1;
        }
    return 0;
}

/*
 * Is nested item `it` a field of its parent item rather than work of its
 * own ("- Owner: Jo", "- Status: in progress", "- Due: 2026-05-01", "-
 * @jo")? Then it is read into the parent `a`: a status given this way
 * outranks the one a heading or lead-in gave. Returns 1 if it was one.
 */
int hs__meta_item(hs_action_item *a, const hs__item *it) {
    static const char *const keys[] = {
        "owner",  "owners",   "assignee",    "assigned to", "dri",
        "due",    "due date", "deadline",    "eta",         "target",
        "status", "state",    "responsible", "driver",      NULL};
    const char *t = it->text;
    hs_status had = a->status;
    while (*t == '*' || *t == '_' || *t == ' ')
        t++;
    if (t[0] == '@' && hs__isalnum((unsigned char)t[1]) && !strchr(t, ' '))
        return hs__meta_part(a, t, strlen(t));
    for (size_t i = 0; keys[i]; i++) {
        const char *c = t + strlen(keys[i]);
        if (!hs__starts_word(t, keys[i]))
            continue;
        while (*c == '*' || *c == '_' || *c == ' ')
            c++;
        if (*c != ':')
            continue;
        if (!strcmp(keys[i], "status") || !strcmp(keys[i], "state")) {
            hs_status st = hs_status_parse(c + 1);
            a->status = st != HS_STATUS_UNKNOWN ? st : had;
            return 1;
        }
        {
            /* "**Owner:** Jo" reads as "Owner: Jo" */
            hs__buf b = HS_BUF_INIT;
            hs__buf_printf(&b, "%s: %s", keys[i], c + 1);
            hs__meta_part(a, b.data, b.len);
            hs__buf_release(&b);
        }
        return 1;
    }
    return status_note(a, t);
}

/*
 * A paragraph labelled as an action ("**Action item:** Start incidents
 * earlier. ... Owner: @ana") among an action section's lists: the text
 * after the label is the item. Returns 1 if it was one.
 */
int hs__labelled_action(const hs__item *para, hs_postmortem *pm) {
    static const char *const labels[] = {
        "action item:", "action:", "follow-up:", "follow up:", NULL};
    const char *t = para->text;
    hs__item it;
    while (*t == '*' || *t == '_' || *t == ' ')
        t++;
    for (size_t i = 0; labels[i]; i++) {
        size_t n = strlen(labels[i]);
        if (hs__strncasecmp(t, labels[i], n))
            continue;
        t += n;
        while (*t == '*' || *t == '_' || *t == ' ')
            t++;
        it = *para;
        it.text = para->text + (t - para->text);
        hs__action_from_item(&it, 0, HS_STATUS_UNKNOWN, pm);
        return 1;
    }
    return 0;
}

void hs__actions_from_front_matter(const hs__doc *doc, hs_postmortem *pm) {
    static const char *const keys[] = {"action_items", "actions", "follow_ups",
                                       "followups", NULL};
    for (size_t k = 0; keys[k]; k++) {
        size_t n = hs__fm_maps(doc->fm, keys[k]);
        for (size_t i = 0; i < n; i++) {
            int line = 0;
            const char *text =
                hs__fm_map_field(doc->fm, keys[k], i, "action", &line);
            const char *v;
            hs_action_item *a;
            if (!text)
                text = hs__fm_map_field(doc->fm, keys[k], i, "title", &line);
            if (!text)
                text = hs__fm_map_field(doc->fm, keys[k], i, "task", &line);
            if (!text)
                text = hs__fm_map_field(doc->fm, keys[k], i, "", &line);
            if (!text)
                continue;
            a = hs__pm_add_action(pm);
            a->line = line;
            if ((v = hs__fm_map_field(doc->fm, keys[k], i, "owner", NULL)) ||
                (v = hs__fm_map_field(doc->fm, keys[k], i, "assignee", NULL)))
                a->owner = hs__owner_of(v, strlen(v));
            if ((v = hs__fm_map_field(doc->fm, keys[k], i, "due", NULL)) ||
                (v = hs__fm_map_field(doc->fm, keys[k], i, "due_date", NULL)) ||
                (v = hs__fm_map_field(doc->fm, keys[k], i, "deadline", NULL)))
                hs__set_due(a, v, pm, line);
            if ((v = hs__fm_map_field(doc->fm, keys[k], i, "status", NULL)))
                a->status = hs_status_parse(v);
            hs__action_from_text(a, text, pm);
            if (!*a->action) { /* blank, or work done in the incident */
                hs__action_release(a);
                pm->n_actions--;
            }
        }
        if (n)
            return;
    }
}

/*
 * What the tail of item text t after its last dash says of the work ("...
 * — done", "... - in progress", "... — won't do, the crash was ..."): 1
 * done, 2 any other state of tracked work, 0 no state.
 */
static int status_tail(const char *t) {
    static const char *const seps[] = {" \xe2\x80\x94 ", " \xe2\x80\x93 ",
                                       " - ", NULL};
    static const char *const wont[] = {"won't do",  "won\xe2\x80\x99t do",
                                       "won't fix", "wontfix",
                                       "dropped",   NULL};
    const char *tail = NULL;
    char *w;
    int st = 0;
    size_t n, words = 1;
    for (size_t i = 0; seps[i]; i++)
        for (const char *p = t; (p = strstr(p, seps[i])) != NULL; p++)
            if (!tail || p + strlen(seps[i]) > tail)
                tail = p + strlen(seps[i]);
    if (!tail)
        return 0;
    n = strcspn(tail, ",;(");
    w = hs__strtrim(tail, n);
    for (const char *c = w; *c; c++)
        words += *c == ' ';
    for (size_t i = 0; wont[i] && !st; i++)
        if (!hs__strcasecmp(w, wont[i]))
            st = 2;
    if (!st && words <= 3 && hs_status_parse(w) != HS_STATUS_UNKNOWN)
        st = hs_status_parse(w) == HS_STATUS_DONE ? 1 : 2;
    free(w);
    return st;
}

/*
 * A list each of whose items ends in the state of its work, some of it not
 * done ("- Truncate long titles — done", "- Dead-letter poison messages —
 * in progress"), under a heading that does not name an action section
 * ("Fixes"): tracked follow-up work. A list of what was done ("— done"
 * alone) stays the resolution.
 */
static int is_tracked_list(const hs__section *s) {
    size_t n = 0, open = 0;
    for (size_t k = 0; k < s->n_items; k++) {
        int st;
        if (s->items[k].depth)
            continue;
        if (!(st = status_tail(s->items[k].text)))
            return 0;
        n++;
        open += st == 2;
    }
    return n >= 2 && open;
}

/*
 * To-dos written outside an action section: task-list items (`- [ ]`,
 * `- [x]`), and list items or lines of prose marked TODO:, DONE: or
 * DOING:, in any section but an action section (read already) or the
 * references and appendix, whose TODOs are the writer's notes. A marker in the
 * middle of a line runs to the end of its sentence.
 */
/*
 * Does lead-in line p ("Lessons learned:", "Done during the incident:"),
 * inside an action section, start a list that is not follow-up work: one
 * that a heading of the same words would make lessons, what went well or
 * wrong, a timeline, a cause or the impact, or the work of the incident
 * itself? The list after the next other lead-in is work again.
 */
int hs__lead_in_ends_actions(const char *p) {
    size_t words = 1;
    for (const char *c = p; *c; c++)
        words += *c == ' ';
    /* a sentence is no label: "These are tracked in the 3.5 milestone:"
     * names no timeline */
    if (words > 6)
        return hs__during_incident(p) != NULL;
    switch (hs__name_kind(p, HS__NAME_HEADING, NULL)) {
    case HS_KIND_LESSONS:
    case HS_KIND_WENT_WELL:
    case HS_KIND_WENT_WRONG:
    case HS_KIND_LUCKY:
    case HS_KIND_TIMELINE:
    case HS_KIND_REFERENCES:
    case HS_KIND_ROOT_CAUSE:
    case HS_KIND_IMPACT:
        return 1;
    default:
        return hs__during_incident(p) != NULL;
    }
}

/* Is there an item read already from line `line`? */
static int is_taken(const hs_postmortem *pm, int line) {
    for (size_t i = 0; line > 0 && i < pm->n_actions; i++)
        if (pm->actions[i].line == line)
            return 1;
    return 0;
}

/* Is heading h a checklist about the change or document itself ("##
 * Checklist", "PR checklist", "Review checklist:"), as a pull request
 * template has, whose boxes (tests pass, changelog updated) are no
 * follow-up work? */
static int is_checklist_heading(const char *h) {
    size_t n = h ? strlen(h) : 0;
    static const char word[] = "checklist";
    const size_t wl = sizeof(word) - 1;
    while (n && (h[n - 1] == ':' || h[n - 1] == ' '))
        n--;
    return n >= wl && !hs__strncasecmp(h + n - wl, word, wl) &&
           (n == wl || h[n - wl - 1] == ' ') && n <= 24;
}

void hs__actions_from_markers(const hs__doc *doc, const hs__kind *kinds,
                              const unsigned char *is_action,
                              hs_postmortem *pm) {
    for (size_t i = 0; i < doc->n_sections; i++) {
        const hs__section *s = &doc->sections[i];
        if (is_action[i] || kinds[i] == HS_KIND_REFERENCES ||
            is_checklist_heading(s->heading))
            continue;
        int is_tracked =
            (kinds[i] == HS_KIND_RESOLUTION || kinds[i] == HS_KIND_OTHER) &&
            is_tracked_list(s);
        /* a struck-through item among task-list items is a to-do done
         * ("- [x] Add a check", "- ~~Backfill the default~~") */
        int has_box = 0;
        for (size_t k = 0; k < s->n_items && !has_box; k++)
            has_box = s->items[k].checked >= 0 && !s->items[k].quoted;
        for (size_t k = 0, q = 0; k < s->n_items; k++) {
            const hs__item *it = &s->items[k];
            /* "Things we did during the incident:" over "- [x] rolled
             * back": the incident's own work, boxes or not */
            while (q + 1 < s->n_paras && s->paras[q + 1].seq < it->seq)
                q++;
            if (q < s->n_paras && s->paras[q].seq < it->seq) {
                const char *p = s->paras[q].text;
                size_t n = strlen(p);
                if (n && p[n - 1] == ':' && hs__lead_in_ends_actions(p))
                    continue;
            }
            if (is_taken(pm, it->line))
                continue; /* read already, as an announced list's item */
            if (is_tracked
                    ? !it->depth
                    : !it->quoted &&
                          (it->checked >= 0 || hs__marker_len(it->text) ||
                           (has_box && it->struck && !it->depth)))
                hs__action_from_item(it, it->depth, HS_STATUS_UNKNOWN, pm);
        }
        for (size_t q = 0; q < s->n_paras; q++) {
            const char *p = s->paras[q].text;
            int line = s->paras[q].line;
            /* a marker starts with a 'T' or a 'D': the bytes between are
             * passed over at once (asked at every byte of every paragraph,
             * they were 1.4% of an index run's instructions) */
            for (p = strpbrk(p, "\nTD"); p; p = strpbrk(p + 1, "\nTD")) {
                const char *end;
                hs__item it;
                char *text;
                if (*p == '\n') {
                    line++;
                    continue;
                }
                if ((p != s->paras[q].text &&
                     hs__isalnum((unsigned char)p[-1])) ||
                    !hs__marker_len(p))
                    continue;
                end = p + strcspn(p, "\n");
                for (const char *e = p + hs__marker_len(p); e < end; e++)
                    if ((*e == '.' || *e == '!' || *e == '?') &&
                        (e + 1 == end || e[1] == ' ')) {
                        end = e + 1;
                        break;
                    }
                text = hs__xstrndup(p, (size_t)(end - p));
                memset(&it, 0, sizeof(it));
                it.text = text;
                it.checked = -1;
                it.line = line;
                hs__action_from_item(&it, 0, HS_STATUS_UNKNOWN, pm);
                free(text);
                p = end - 1;
            }
        }
    }
}
