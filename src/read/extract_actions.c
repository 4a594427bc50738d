/*
 * Action items: the driver. It walks the sections in document order and
 * hands each table, list and paragraph of an action section to the reader
 * of its form (extract_actions_items.c for tables and lists,
 * extract_actions_prose.c for prose), falls back on plans told in other
 * sections (extract_actions_plans.c) when there is no action section, and
 * last drops the work done during the incident and reads the status an
 * item written as a sentence gives itself.
 */
#include "base/util.h"
#include "model/normalize.h"
#include "model/record.h"
#include "read/extract_actions_int.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

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
 * Is item `a` the work done during the incident: told in the past tense,
 * and at a clock time with no date, or shown by the timeline ("Reverted
 * the change and released 1.2" beside "16:11 Reverts deployed, 1.2
 * released": half its first words, and three at least, in one entry)? Work
 * still to do, or with an owner or a due date, is never that.
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
    /* "Rolled back the deploy at 14:20": at a time of the incident's day,
     * with no day of its own (work done since is dated, if at all) */
    {
        char d[HS_DATE_LEN];
        if (hs__clock_find(a->action, strlen(a->action)) >= 0 &&
            hs__date_find(a->action, 0, d, NULL, NULL) != 0)
            return 1;
    }
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
 * Is item k a short label over a task list ("- Storage" over "  - [x]
 * Raise the quota", "  - [ ] Re-enable the job")? Then the boxes are the
 * work and the label only groups them.
 */
static int is_task_group(const hs__section *s, size_t k) {
    const hs__item *it = &s->items[k];
    size_t n = strlen(it->text), words = 1;
    if (!n || n > 40 || it->checked >= 0 || strchr(it->text, '.'))
        return 0;
    for (size_t i = 0; i < n; i++)
        words += it->text[i] == ' ';
    if (words > 3)
        return 0;
    for (size_t j = k + 1; j < s->n_items && s->items[j].depth > 0; j++)
        if (s->items[j].depth == 1 && s->items[j].checked >= 0)
            return 1;
    return 0;
}

/*
 * The status an action section's own heading gives its items: not started
 * when it says the work is to come ("Changes we will make", "What we'll
 * do") or that it is still open (a handover's "Still open for you");
 * unknown otherwise ("Action items" says nothing of their state).
 */
static hs_status future_heading(const char *h) {
    static const char *const future[] = {
        " will ",    "we'll ",     "we\xe2\x80\x99ll ",
        "going to ", "still open", NULL};
    for (size_t i = 0; future[i]; i++)
        if (hs__strcasestr(h, future[i]))
            return HS_STATUS_NOT_STARTED;
    return HS_STATUS_UNKNOWN;
}

/*
 * Does paragraph p end by announcing a list of changes ("We are making
 * the following changes:", "We will take the following steps:", "To stop
 * this happening again:")? 2 when it says the list is still to come
 * ("Going forward, we will:"), 1 otherwise. Not a
 * line that names them the way an action heading does ("Next steps:"):
 * tried in round ten, the held-out half's action F1 fell.
 */
static int announces_list(const char *p, int is_bare) {
    static const char *const work[] = {"change",   "step",    "action", "fix",
                                       "improvem", "measure", NULL};
    size_t n = strlen(p);
    const char *f, *last = p;
    if (!n || p[n - 1] != ':')
        return 0;
    for (const char *c = p; *c; c++)
        if ((*c == '.' || *c == '\n') && c[1])
            last = c + 1;
    /* "To stop this happening again:", "So it does not happen again:" */
    if (hs__strcasestr(last, "happening again:") ||
        hs__strcasestr(last, "happen again:"))
        return 1;
    /* "Going forward, we will:", "Next, we are going to:": the list says
     * what the team will do, all of it still to come */
    {
        static const char *const will[] = {
            "we will:",         "we'll:",      "we\xe2\x80\x99ll:",
            "we are going to:", "we plan to:", NULL};
        for (size_t i = 0; will[i]; i++) {
            size_t wn = strlen(will[i]);
            if (n >= wn && !hs__strcasecmp(p + n - wn, will[i]) &&
                (p + n - wn == last ||
                 !hs__isalnum((unsigned char)p[n - wn - 1])))
                return 2;
        }
    }
    /* in a note with no sections (a chat or mail recap), a paragraph that
     * is only an action section's name: "Next steps:" */
    if (is_bare && last == p && n < 48 && !strchr(p, '\n')) {
        char name[48];
        memcpy(name, p, n - 1);
        name[n - 1] = '\0';
        if (hs__name_kind(name, HS__NAME_HEADING, NULL) == HS_KIND_ACTIONS)
            return 1;
    }
    if (!(f = hs__strcasestr(last, "the following ")))
        return 0;
    f += strlen("the following ");
    return hs__prefix_in(f, work) != 0;
}

/*
 * In a document with no action section, the list after a paragraph that
 * announces it ("We are making the following changes:") is the follow-up
 * work, wherever it stands. Sections of lessons, what went well or wrong
 * and the timeline tell of other things.
 */
static void announced_lists(const hs__doc *doc, const hs__kind *kinds,
                            hs_postmortem *pm) {
    int is_bare = 1; /* no heading under the title */
    for (size_t i = 0; i < doc->n_sections; i++)
        is_bare &= doc->sections[i].level <= 1;
    for (size_t i = 0; i < doc->n_sections; i++) {
        const hs__section *s = &doc->sections[i];
        if (hs__kind_tells_no_plans(kinds[i]))
            continue;
        for (size_t q = 0; q < s->n_paras; q++) {
            int until = q + 1 < s->n_paras ? s->paras[q + 1].seq : INT_MAX;
            int kind = announces_list(s->paras[q].text, is_bare);
            if (!kind)
                continue;
            for (size_t k = 0; k < s->n_items; k++)
                if (s->items[k].seq > s->paras[q].seq &&
                    s->items[k].seq < until && !s->items[k].quoted)
                    hs__action_from_item(&s->items[k], 0,
                                         kind == 2 ? HS_STATUS_NOT_STARTED
                                                   : HS_STATUS_UNKNOWN,
                                         pm);
        }
    }
}

/*
 * Items written as numbered fields of a key/value table or a field block,
 * the whole postmortem a form ("| **Follow-up 1** | Add ... Owner: X.
 * Status: done. |"): a key that names an action section, then a number.
 */
static void numbered_action_fields(const hs__doc *doc, hs_postmortem *pm) {
    for (size_t i = 0; i < doc->n_sections; i++) {
        const hs__section *s = &doc->sections[i];
        for (size_t f = 0; f < s->n_fields; f++) {
            const hs__field *fd = &s->fields[f];
            size_t n = strlen(fd->key), d = n;
            hs__item it = {0};
            char *name;
            while (d && hs__isdigit((unsigned char)fd->key[d - 1]))
                d--;
            if (d == n || !d || fd->key[d - 1] != ' ' || !*fd->value)
                continue;
            name = hs__strtrim(fd->key, d);
            if (hs__name_kind(name, HS__NAME_HEADING, doc->cfg) ==
                HS_KIND_ACTIONS) {
                it.text = fd->value;
                it.line = fd->line;
                it.checked = -1;
                hs__action_from_item(&it, 0, HS_STATUS_UNKNOWN, pm);
            }
            free(name);
        }
    }
}

void hs__extract_actions(const hs__doc *doc, const hs__kind *kinds,
                         hs_postmortem *pm) {
    size_t owner = (size_t)-1;
    unsigned char *in_actions = hs__xcalloc(doc->n_sections + 1, 1);
    hs__actions_from_front_matter(doc, pm);
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
        hs_status hs = !is_action   ? HS_STATUS_UNKNOWN
                       : i == owner ? future_heading(s->heading)
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
                if (is_action &&
                    (hs__labelled_action(&s->paras[q], pm) ||
                     hs__already_done_paragraph(&s->paras[q], pm))) {
                    q++;
                    continue;
                }
                q++;
                hs_status st = n && n < 60 && p[n - 1] == ':'
                                   ? hs__lead_in_status(p)
                                   : HS_STATUS_UNKNOWN;
                lead = st != HS_STATUS_UNKNOWN ? st : hs;
                if (n && n < 60 && p[n - 1] == ':')
                    is_other = is_action && hs__lead_in_ends_actions(p);
            }
            if (t < s->n_tables &&
                (k >= s->n_items || s->tables[t].seq < s->items[k].seq)) {
                hs__actions_from_table(&s->tables[t++], is_action && !is_other,
                                       pm);
            } else {
                const hs__item *it = &s->items[k];
                if (is_action && it->depth == 0 && k + 1 < s->n_items &&
                    s->items[k + 1].depth == 1 &&
                    (hs__is_group_item(it) || is_task_group(s, k))) {
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
            hs__labelled_action(&s->paras[q], pm);
    }
    if (owner == (size_t)-1 && !pm->n_actions)
        numbered_action_fields(doc, pm);
    if (owner == (size_t)-1 && !pm->n_actions)
        announced_lists(doc, kinds, pm);
    if (owner == (size_t)-1 && !pm->n_actions)
        hs__actions_from_plans(doc, kinds, pm);
    hs__actions_from_markers(doc, kinds, in_actions, pm);
    free(in_actions);
    drop_done_during_incident(pm);
    hs__owners_in_parentheses(pm);
    hs__owners_after_comma(pm);
    hs__owners_named_first(pm);
    /* last, what an item written as a sentence says of itself */
    for (size_t i = 0; i < pm->n_actions; i++) {
        hs_action_item *a = &pm->actions[i];
        if (a->status == HS_STATUS_UNKNOWN) {
            hs__status_from_sentence(a);
            if (hs__files_work(a->action))
                a->status = HS_STATUS_NOT_STARTED;
        } else if (!a->owner) {
            /* "Oren will subscribe ..." under "We will" lead-ins: the
             * status is known, the sentence still names who */
            hs_status known = a->status;
            a->status = HS_STATUS_UNKNOWN;
            hs__status_from_sentence(a);
            a->status = known;
        }
    }
}
