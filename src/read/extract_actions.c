/*
 * Action items: the driver that walks the sections in document order, and
 * the structured forms an action section writes them in: GFM tables (read
 * by header name, whatever the column order), list items (grouped under
 * "- Short term" or a lead-in line that gives a status), fields in the
 * front matter, and to-do markers ("TODO:", "- [ ]") anywhere. The prose
 * forms are in extract_actions_prose.c and extract_actions_plans.c, an
 * item's own text in extract_actions_text.c. Nothing is invented: a cell
 * that says nothing leaves the field empty.
 */
#include "base/buf.h"
#include "base/text.h"
#include "base/util.h"
#include "model/normalize.h"
#include "model/record.h"
#include "read/extract_actions_int.h"

#include <limits.h>
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

static void actions_from_table(const hs__table *t, int is_action_section,
                               hs_postmortem *pm) {
    int c_action = hs__find_col(t, HS_KIND_ACTIONS),
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
    if (!is_action_section && c_owner < 0 && c_due < 0 && c_status < 0)
        return;
    for (size_t r = 1; r < t->n_rows; r++) {
        hs_action_item *a;
        const char *text = hs__cell(t, r, c_action);
        if (!*text)
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
static int is_group_item(const hs__item *it) {
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
    if (!*a->action || hs__is_placeholder(a->action)) {
        hs__action_release(a);
        pm->n_actions--;
    }
}

/*
 * Is nested item `it` a field of its parent item rather than work of its
 * own ("- Owner: Jo", "- Status: in progress", "- Due: 2026-05-01", "-
 * @jo")? Then it is read into the parent `a`: a status given this way
 * outranks the one a heading or lead-in gave. Returns 1 if it was one.
 */
int hs__meta_item(hs_action_item *a, const hs__item *it) {
    static const char *const keys[] = {
        "owner",  "owners",   "assignee", "assigned to", "dri",
        "due",    "due date", "deadline", "eta",         "target",
        "status", "state",    NULL};
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
    return 0;
}

/*
 * A paragraph labelled as an action ("**Action item:** Start incidents
 * earlier. ... Owner: @ana") among an action section's lists: the text
 * after the label is the item. Returns 1 if it was one.
 */
static int labelled_action(const hs__item *para, hs_postmortem *pm) {
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

static void actions_from_front_matter(const hs__doc *doc, hs_postmortem *pm) {
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
        }
        if (n)
            return;
    }
}

/* Up to `cap` word stems of t: words of 4+ letters or digits, cut to 5. */
static size_t stems_of(const char *t, char (*out)[6], size_t cap) {
    size_t n = 0;
    while (*t && n < cap) {
        size_t len = 0;
        while (t[len] && hs__isalnum((unsigned char)t[len]))
            len++;
        if (len >= 4) {
            size_t k = len < 5 ? len : 5;
            for (size_t i = 0; i < k; i++)
                out[n][i] = (char)hs__tolower((unsigned char)t[i]);
            out[n][k] = '\0';
            n++;
        }
        t += len ? len : 1;
    }
    return n;
}

/*
 * Is item `a` the work the timeline shows done during the incident
 * ("Reverted the change and released 1.2" beside "16:11 Reverts
 * deployed, 1.2 released")? Half its first words, and three at least,
 * in one entry, and told in the past tense. Work still to do, or with
 * an owner or a due date, is never that.
 */
static int done_during_incident(const hs_action_item *a,
                                const hs_postmortem *pm) {
    static const char *const irregular[] = {"sent", "made", "built", "wrote",
                                            "ran",  "took", NULL};
    char item[12][6], ev[48][6];
    size_t ni, w = 0;
    int is_past = 0;
    /* an owner or a due date makes it tracked follow-up work */
    if (a->status == HS_STATUS_NOT_STARTED ||
        a->status == HS_STATUS_IN_PROGRESS || a->owner || a->due[0])
        return 0;
    /* told in the past tense: "Reverted ...", "Sent ..." */
    while (hs__isalpha((unsigned char)a->action[w]))
        w++;
    is_past = w > 3 && !strncmp(a->action + w - 2, "ed", 2);
    for (size_t i = 0; irregular[i] && !is_past; i++)
        is_past = strlen(irregular[i]) == w &&
                  !hs__strncasecmp(a->action, irregular[i], w);
    if (!is_past)
        return 0;
    ni = stems_of(a->action, item, 12);
    for (size_t e = 0; e < pm->n_timeline; e++) {
        size_t ne = stems_of(pm->timeline[e].event, ev, 48), shared = 0;
        for (size_t i = 0; i < ni; i++)
            for (size_t j = 0; j < ne; j++)
                if (!strcmp(item[i], ev[j])) {
                    shared++;
                    break;
                }
        if (shared >= 3 && 2 * shared >= ni)
            return 1;
    }
    return 0;
}

/* Drop the items that are work done during the incident. */
static void drop_done_during_incident(hs_postmortem *pm) {
    size_t out = 0;
    for (size_t i = 0; i < pm->n_actions; i++) {
        if (done_during_incident(&pm->actions[i], pm)) {
            hs__action_release(&pm->actions[i]);
            continue;
        }
        pm->actions[out++] = pm->actions[i];
    }
    pm->n_actions = out;
}

/*
 * The length of a to-do marker that starts `p` ("TODO:", "DONE -",
 * "DOING:"), written in capitals, 0 if none. Its status is the caller's to
 * read (hs__action_from_text does).
 */
size_t hs__marker_len(const char *p) {
    static const char *const markers[] = {"TODO", "DONE", "DOING", NULL};
    for (size_t i = 0; markers[i]; i++) {
        size_t n = strlen(markers[i]);
        const char *c = p + n;
        if (strncmp(p, markers[i], n))
            continue;
        while (*c == ' ')
            c++;
        if (*c == ':' || (*c == '-' && c[1] == ' '))
            return (size_t)(c + 1 - p);
    }
    return 0;
}

/*
 * To-dos written outside an action section: task-list items (`- [ ]`,
 * `- [x]`), and list items or lines of prose marked TODO:, DONE: or
 * DOING:, in any section but an action section (read already) or the
 * references and appendix, whose TODOs are the writer's notes. A marker in the
 * middle of a line runs to the end of its sentence.
 */
static void actions_from_markers(const hs__doc *doc, const hs__kind *kinds,
                                 const unsigned char *is_action,
                                 hs_postmortem *pm) {
    for (size_t i = 0; i < doc->n_sections; i++) {
        const hs__section *s = &doc->sections[i];
        if (is_action[i] || kinds[i] == HS_KIND_REFERENCES)
            continue;
        for (size_t k = 0; k < s->n_items; k++) {
            const hs__item *it = &s->items[k];
            if (!it->quoted && (it->checked >= 0 || hs__marker_len(it->text)))
                hs__action_from_item(it, it->depth, HS_STATUS_UNKNOWN, pm);
        }
        for (size_t q = 0; q < s->n_paras; q++) {
            const char *p = s->paras[q].text;
            int line = s->paras[q].line;
            for (; *p; p++) {
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

/*
 * Is section i part of action section `owner`: inside it, or a deeper
 * heading under it that names a kind of work ("### Detection", "####
 * Mitigate", "- **Prevent**" over a list) rather than a fact?
 */
static int in_action_section(const hs__doc *doc, const hs__kind *kinds,
                             size_t owner, size_t i) {
    const hs__section *s = &doc->sections[i];
    if (owner == (size_t)-1)
        return 0;
    if (hs__section_contains(doc, kinds, owner, i))
        return 1;
    return i > owner && i < doc->sections[owner].sub_end &&
           s->level > doc->sections[owner].level &&
           (kinds[i] == HS_KIND_DETECTION || kinds[i] == HS_KIND_RESOLUTION ||
            hs__name_kind(s->heading, HS__NAME_GROUP, NULL) == HS_KIND_ACTIONS);
}

/*
 * Does lead-in line p ("Lessons learned:", "Done during the incident:"),
 * inside an action section, start a list that is not follow-up work: one
 * that a heading of the same words would make lessons, what went well or
 * wrong, a timeline, a cause or the impact, or the work of the incident
 * itself? The list after the next other lead-in is work again.
 */
static int lead_in_ends_actions(const char *p) {
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
        return hs__strcasestr(p, "during the incident") != NULL;
    }
}

void hs__extract_actions(const hs__doc *doc, const hs__kind *kinds,
                         hs_postmortem *pm) {
    size_t owner = (size_t)-1;
    unsigned char *in_actions = hs__xcalloc(doc->n_sections + 1, 1);
    actions_from_front_matter(doc, pm);
    for (size_t i = 0; i < doc->n_sections; i++) {
        const hs__section *s = &doc->sections[i];
        int is_action;
        if (kinds[i] == HS_KIND_ACTIONS &&
            (owner == (size_t)-1 ||
             !hs__section_contains(doc, kinds, owner, i))) {
            owner = i;
            hs__actions_from_paragraphs(doc, kinds, owner, pm);
        }
        is_action = in_actions[i] =
            (unsigned char)in_action_section(doc, kinds, owner, i);
        /* "### Immediate actions (completed)" gives its items a status */
        hs_status hs = !is_action || i == owner ? HS_STATUS_UNKNOWN
                                                : hs_status_parse(s->heading);
        /* tables and list items in the order the document has them */
        size_t t = 0, k = 0, q = 0;
        hs_status lead = hs, group_status = HS_STATUS_UNKNOWN;
        int group_depth = 0;
        size_t parent = (size_t)-1; /* the action of the last item read */
        int is_other = 0; /* under a lead-in such as "Lessons learned:" */
        while (t < s->n_tables || k < s->n_items) {
            /*
             * A short line ending in ':' before a list ("In progress (next
             * 2 weeks):", "Done:") gives the items below it a status.
             */
            while (q < s->n_paras &&
                   (k >= s->n_items || s->paras[q].seq < s->items[k].seq) &&
                   (t >= s->n_tables || s->paras[q].seq < s->tables[t].seq)) {
                const char *p = s->paras[q].text;
                size_t n = strlen(p);
                if (is_action && labelled_action(&s->paras[q], pm)) {
                    q++;
                    continue;
                }
                q++;
                hs_status st = n && n < 60 && p[n - 1] == ':'
                                   ? hs__lead_in_status(p)
                                   : HS_STATUS_UNKNOWN;
                lead = st != HS_STATUS_UNKNOWN ? st : hs;
                if (n && n < 60 && p[n - 1] == ':')
                    is_other = is_action && lead_in_ends_actions(p);
            }
            if (t < s->n_tables &&
                (k >= s->n_items || s->tables[t].seq < s->items[k].seq)) {
                actions_from_table(&s->tables[t++], is_action && !is_other, pm);
            } else {
                const hs__item *it = &s->items[k];
                if (is_action && it->depth == 0 && k + 1 < s->n_items &&
                    s->items[k + 1].depth == 1 && is_group_item(it)) {
                    /* "- Short term" over a nested list: its items */
                    hs_status st = hs_status_parse(it->text);
                    group_status = st != HS_STATUS_UNKNOWN ? st : lead;
                    group_depth = 1;
                } else if (it->depth == 0) {
                    group_depth = 0;
                }
                if (is_other) {
                    /* lessons or the incident's own work: not items */
                } else if (is_action && it->depth == group_depth + 1 &&
                           parent != (size_t)-1 &&
                           hs__meta_item(&pm->actions[parent], it)) {
                    /* "- Owner: Jo" under its item: read into it */
                } else if (is_action) {
                    size_t before = pm->n_actions;
                    hs__action_from_item(it, group_depth,
                                         group_depth ? group_status : lead, pm);
                    if (it->depth == group_depth)
                        parent = pm->n_actions > before ? before : (size_t)-1;
                }
                k++;
            }
        }
        /* labelled paragraphs after the last list */
        for (; is_action && q < s->n_paras; q++)
            labelled_action(&s->paras[q], pm);
    }
    if (owner == (size_t)-1 && !pm->n_actions)
        hs__actions_from_plans(doc, kinds, pm);
    actions_from_markers(doc, kinds, in_actions, pm);
    free(in_actions);
    drop_done_during_incident(pm);
    /* last, what an item written as a sentence says of itself */
    for (size_t i = 0; i < pm->n_actions; i++)
        if (pm->actions[i].status == HS_STATUS_UNKNOWN) {
            hs__status_from_sentence(&pm->actions[i]);
            if (hs__files_work(pm->actions[i].action))
                pm->actions[i].status = HS_STATUS_NOT_STARTED;
        }
}
