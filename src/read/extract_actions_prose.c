/*
 * An action section written as prose, used only when the section has no
 * list or table at all: an item a paragraph ("A new shutdown process will
 * be created ..."), a line or a sub-heading; and the sentence readers that
 * extract_actions_plans.c shares (where a sentence ends, the status its words
 * give, whether it opens with a commitment). Kept apart from the lists and
 * tables because here the item's edges must be found in the sentences.
 */
#include "base/util.h"
#include "model/normalize.h"
#include "model/record.h"
#include "read/extract_actions_int.h"

#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

/*
 * Does sentence s open with a subject of a few words and "will" ("The
 * runbook will be updated", "Platform will add ...")? A subject that only
 * points back ("This will prevent ...", "It will") states a consequence,
 * not work.
 */
int hs__subject_will(const char *s) {
    static const char *const back[] = {"this ",  "that ",  "it ",   "which ",
                                       "these ", "those ", "they ", NULL};
    const char *w = s;
    if (hs__prefix_in(s, back))
        return 0;
    for (int words = 0; words < 5 && *w && !strchr(".!?,;:", *w); words++) {
        w += strcspn(w, " .!?,;:");
        if (*w != ' ')
            return 0;
        w++;
        if (!strncmp(w, "will ", 5))
            return 1;
    }
    return 0;
}

/*
 * Does sentence s open with one person at work: "Tom is writing a runbook
 * for the weekend on-call person."? A capitalised name of one word (not
 * "This", "It" or "There"), "is" and a verb of work in -ing ("Traffic is
 * rising" is no one at work).
 */
static int person_doing(const char *s) {
    static const char *const not_names[] = {"this ",    "that ",  "it ",
                                            "there ",   "which ", "everything ",
                                            "nothing ", NULL};
    const char *w = s;
    if (!(*s >= 'A' && *s <= 'Z'))
        return 0;
    if (hs__prefix_in(s, not_names))
        return 0;
    while (hs__isalpha((unsigned char)*w))
        w++;
    if (w - s < 2 || strncmp(w, " is ", 4))
        return 0;
    w += 4;
    if (!strncmp(w, "also ", 5) || !strncmp(w, "now ", 4))
        w += *w == 'a' ? 5 : 4;
    return hs__work_verb_ing(w);
}

/*
 * Does sentence s open with a commitment? 2: to future work ("We will",
 * "We'll", "We are going to", "Going forward", "The team plans to", "Next
 * steps:"), 1: to work of no stated time ("We need to", "We should", "Tom
 * is writing ..."), 0: no.
 */
int hs__commitment_cue(const char *s) {
    static const char *const future[] = {"we will ",
                                         "we'll ",
                                         "we\xe2\x80\x99ll ",
                                         "we are going to ",
                                         "we're going to ",
                                         "we\xe2\x80\x99re going to ",
                                         "going forward",
                                         "moving forward",
                                         "in the future",
                                         "the team plans ",
                                         "the team will ",
                                         "we plan ",
                                         "we also plan ",
                                         "we intend ",
                                         "next steps",
                                         "next step",
                                         NULL};
    static const char *const other[] = {"we need to ", "we should ", "we must ",
                                        NULL};
    if (hs__prefix_in(s, future))
        return 2;
    if (hs__prefix_in(s, other))
        return 1;
    if (*s >= 'A' && *s <= 'Z' && hs__subject_will(s))
        return 2;
    /* "Tom is writing a runbook": work of its own, under way */
    return person_doing(s) ? 1 : 0;
}

/* Does a sentence of s start at c (after ". ", "! " or "; ")? */
static int is_sentence_start(const char *s, const char *c) {
    return c >= s + 2 && c[-1] == ' ' &&
           (c[-2] == '.' || c[-2] == '!' || c[-2] == ';');
}

/* The start of the next sentence after s that opens with a commitment, or
 * the end of s. */
static char *next_commitment(char *s) {
    for (char *c = s + 1; *c; c++)
        if (is_sentence_start(s, c) && hs__commitment_cue(c))
            return c - 1;
    return s + strlen(s);
}

/* How many sentences of s open with a commitment whose cue is at least
 * `cue` (1: any, 2: to future work; see hs__commitment_cue). */
static int commitments(const char *s, int cue) {
    int n = hs__commitment_cue(s) >= cue;
    for (const char *c = s + 1; *c; c++)
        if (is_sentence_start(s, c))
            n += hs__commitment_cue(c) >= cue;
    return n;
}

/* The length of a letter that labels a line as a list's item would ("a.
 * ", "b) ", "C. "), 0 if none. */
static size_t letter_label(const char *l) {
    return hs__isalpha((unsigned char)l[0]) && (l[1] == '.' || l[1] == ')') &&
                   l[2] == ' ' && l[3] && l[3] != ' '
               ? 3
               : 0;
}

/*
 * Is each line of paragraph t an item of its own, written without a list
 * marker? When every line opens with a to-do marker ("TODO: ...", "DONE:
 * ..."), or when there are several lines and each is short and opens
 * with a capital, the way a list without bullets looks: 1. When there are
 * several lines lettered in order ("a. ...", "b) ..."), a list CommonMark
 * has no marker for: 2, their letters no part of the items. (Prose with a
 * sentence a line runs longer and goes on from line to line: one item, 0.)
 */
static int lines_are_items(const char *t) {
    int n = 0, is_marked = 1, is_sentences = 1, is_lettered = 1;
    char next = 0;
    for (const char *l = t; *l;) {
        size_t len = strcspn(l, "\n");
        const char *e = l + len;
        while (e > l && e[-1] == ' ')
            e--;
        n++;
        is_marked &= hs__marker_len(l) > 0;
        is_sentences &= *l >= 'A' && *l <= 'Z' && len <= 72;
        /* "a. ...", "b. ...": lettered in order from a */
        is_lettered &= letter_label(l) &&
                       hs__tolower((unsigned char)*l) == (next ? next : 'a');
        next = (char)(hs__tolower((unsigned char)*l) + 1);
        l += len;
        if (*l == '\n')
            l++;
    }
    if (is_marked || (n >= 2 && is_sentences))
        return 1;
    return n >= 2 && is_lettered ? 2 : 0;
}

/*
 * Read the heading text h of section s as an item: the sentences its body
 * opens with that are fields (Owner:, Status:, Due:, "Not started.") are
 * the item's. `st` is the status the heading's place gives it.
 */
static void item_from_heading(const hs__section *s, const char *h, hs_status st,
                              hs_postmortem *pm) {
    hs__item it;
    size_t n = pm->n_actions;
    memset(&it, 0, sizeof(it));
    it.text = hs__xstrdup(h); /* an item's text is its own */
    it.checked = -1;
    it.line = s->line;
    hs__action_from_item(&it, 0, st, pm);
    free(it.text);
    if (pm->n_actions == n)
        return;
    for (size_t k = 0; k < s->n_paras; k++) {
        char *t = hs__xstrdup(s->paras[k].text);
        int is_meta = 1;
        for (char *c = t; *c && is_meta;) {
            size_t len = strcspn(c, ".\n");
            char saved = c[len];
            c[len] = '\0';
            it.text = c;
            is_meta = hs__meta_item(&pm->actions[n], &it);
            c[len] = saved;
            c += len;
            while (*c == '.' || *c == '\n' || *c == ' ')
                c++;
        }
        free(t);
    }
}

/*
 * Is section i of a board export a status column ("### Done", "### In
 * progress", "### To do") whose cards are the sub-headings below it? A
 * short heading that names a status, with deeper headings under it.
 */
static int is_status_column(const hs__doc *doc, size_t i, size_t end) {
    const hs__section *s = &doc->sections[i];
    size_t words = 1;
    for (const char *c = s->heading; *c; c++)
        words += *c == ' ';
    return words <= 3 && i + 1 < end && doc->sections[i + 1].level > s->level &&
           hs_status_parse(s->heading) != HS_STATUS_UNKNOWN;
}

/*
 * An action section written a sub-heading per item ("### 1. Add a rate
 * limit", its body "Owner: Wes. Status: done. Why it matters ..."):
 * sections owner+1..end are its sub-sections, none with a list or table.
 * Each sub-heading of the first level below `owner` is an item, or, under
 * a status column of a board ("### Done" over "#### Lower the timeout"),
 * each card below the column, with the column's status.
 */
static void actions_from_headings(const hs__doc *doc, size_t owner, size_t end,
                                  hs_postmortem *pm) {
    int level = doc->sections[owner + 1].level, card_level = 0;
    hs_status column = HS_STATUS_UNKNOWN;
    for (size_t i = owner + 1; i < end; i++) {
        const hs__section *s = &doc->sections[i];
        if (s->level <= level && is_status_column(doc, i, end)) {
            column = hs_status_parse(s->heading);
            card_level = doc->sections[i + 1].level;
            continue;
        }
        if (s->level <= level)
            card_level = 0; /* a heading of the column's level ends it */
        if (s->level != (card_level ? card_level : level))
            continue;
        const char *h = s->heading;
        while (hs__isdigit((unsigned char)*h))
            h++;
        /* the heading's numbering ("1. ", "2) ") is no part of the item */
        h = h > s->heading && (*h == '.' || *h == ')') && h[1] == ' '
                ? h + 2
                : s->heading;
        item_from_heading(s, h, card_level ? column : HS_STATUS_UNKNOWN, pm);
    }
}

/*
 * Is action section s one item whose heading carries it after a label
 * ("### Follow-up: make the deploy script require --env", its body
 * "Owner: Gus. Not started.")? Returns the item's text, or NULL.
 */
static const char *labelled_heading(const hs__section *s) {
    const char *h = s->heading, *c = strchr(h, ':');
    size_t words = 0;
    if (!c || c - h > 24)
        return NULL;
    {
        char label[32];
        memcpy(label, h, (size_t)(c - h));
        label[c - h] = '\0';
        if (hs__name_kind(label, HS__NAME_HEADING, NULL) != HS_KIND_ACTIONS)
            return NULL;
    }
    for (c++; *c == ' ';)
        c++;
    for (const char *w = c; *w; w++)
        words += *w != ' ' && (w == c || w[-1] == ' ');
    return words >= 4 ? c : NULL;
}

/*
 * Is paragraph t no work at all: a courtesy ("We apologise for the
 * disruption.", "Thank you for your patience."), a lesson, or work already done
 * in the incident ("The runbook already has a section on replays; we wrote it
 * during the incident.")?
 */
int hs__is_courtesy(const char *t) {
    static const char *const courtesy[] = {
        "we apologi",  "we sincerely apologi",   "we are sorry",
        "we're sorry", "we\xe2\x80\x99re sorry", "sorry",
        "thank",       "again, we apologi",      NULL};
    return hs__prefix_in(t, courtesy) != 0;
}

/*
 * Is the text t (len bytes) an account of what was done in the incident
 * ("We rolled back the deploy at 14:20 and service recovered.", "During
 * the outage, the team failed over to the secondary region."): work in
 * the past tense, at a time of the incident's day or said to be during
 * it, and no work promised? A remediation section often tells the fix
 * this way; that work is no follow-up.
 */
static int is_incident_account(const char *t, size_t len) {
    char *s = hs__xstrndup(t, len);
    int is_past = 0, yes;
    for (const char *w = s; *w; w++)
        if ((w == s || !hs__isalpha((unsigned char)w[-1])) &&
            hs__past_word(w)) {
            is_past = 1;
            break;
        }
    yes = is_past && commitments(s, 1) == 0 && !hs__strcasestr(s, " will ") &&
          !hs__strcasestr(s, " have ") && !hs__strcasestr(s, " has ") &&
          (hs__during_incident(s) || hs__clock_find(s, len) >= 0);
    free(s);
    return yes;
}

static int is_not_work(const char *t) {
    /* a lesson closing the section ("The main lesson for us is that a
     * rollback is not always a way back."), with no work promised in it */
    static const char *const lesson[] = {
        "the lesson",         "the main lesson", "the key lesson",
        "the biggest lesson", "one lesson",      "our lesson",
        "we learned",         "we learnt",       "the takeaway",
        "the main takeaway",  "our takeaway",    NULL};
    if (hs__is_courtesy(t))
        return 1;
    if (hs__prefix_in(t, lesson) && !hs__commitment_cue(t) &&
        !hs__strcasestr(t, " will "))
        return 1;
    if (is_incident_account(t, strlen(t)))
        return 1;
    return hs__during_incident(t) && !hs__commitment_cue(t) &&
           !hs__strcasestr(t, " will ") && hs__strcasestr(t, "already");
}

/*
 * Is an action section's heading one that often closes a postmortem with
 * reflection ("Moving forward", "Going forward", "Where we go from here")?
 * Its list is work; of its prose, only what says "we will ...".
 */
static int is_closing_heading(const char *h) {
    static const char *const closing[] = {"going forward", "moving forward",
                                          "from here", "looking ahead", NULL};
    for (size_t i = 0; closing[i]; i++)
        if (hs__strcasestr(h, closing[i]))
            return 1;
    return 0;
}

void hs__actions_from_paragraphs(const hs__doc *doc, const hs__kind *kinds,
                                 size_t owner, hs_postmortem *pm) {
    size_t end = owner + 1;
    int is_closing = is_closing_heading(doc->sections[owner].heading);
    while (end < doc->n_sections &&
           hs__section_contains(doc, kinds, owner, end))
        end++;
    for (size_t i = owner; i < end; i++)
        if (doc->sections[i].n_items || doc->sections[i].n_tables)
            return;
    if (end - owner >= 3) {
        actions_from_headings(doc, owner, end, pm);
        return;
    }
    if (end - owner == 1 && labelled_heading(&doc->sections[owner])) {
        item_from_heading(&doc->sections[owner],
                          labelled_heading(&doc->sections[owner]),
                          HS_STATUS_UNKNOWN, pm);
        return;
    }
    for (size_t i = owner; i < end; i++)
        for (size_t k = 0; k < doc->sections[i].n_paras; k++) {
            char *t = hs__xstrdup(doc->sections[i].paras[k].text);
            int is_split = 0, lettered;
            if (is_not_work(t) || (is_closing && !commitments(t, 2))) {
                free(t);
                continue;
            }
            if ((lettered = lines_are_items(t)) != 0) {
                /* one item a line: "TODO: add a canary\nDONE: revert" */
                hs__item it;
                memset(&it, 0, sizeof(it));
                it.checked = -1;
                it.line = doc->sections[i].paras[k].line;
                for (char *l = t; *l; it.line++) {
                    char *e = l + strcspn(l, "\n");
                    int more = *e == '\n';
                    *e = '\0';
                    it.text = l + (lettered == 2 ? letter_label(l) : 0);
                    hs__action_from_item(&it, 0, HS_STATUS_UNKNOWN, pm);
                    l = more ? e + 1 : e;
                }
                free(t);
                continue;
            }
            for (char *n = t; *n; n++)
                if (*n == '\n')
                    *n = ' ';
            is_split = commitments(t, 1) >= 2;
            char *c = t;
            /* "We rolled back at 14:20. We will add a canary stage.": the
             * account of the fix before the one promise is not the item */
            if (!is_split && !hs__commitment_cue(t)) {
                char *first = next_commitment(t);
                if (*first && is_incident_account(t, (size_t)(first - t)))
                    for (c = first; *c == ' ';)
                        c++;
            }
            while (*c) {
                /* one item per commitment sentence, with the sentences
                 * that follow it, when the paragraph makes several */
                char *e = is_split ? next_commitment(c) : c + strlen(c);
                char saved = *e;
                hs_action_item *a = hs__pm_add_action(pm);
                *e = '\0';
                a->line = doc->sections[i].paras[k].line;
                if (is_split && hs__commitment_cue(c) == 2)
                    a->status = HS_STATUS_NOT_STARTED;
                hs__action_from_text(a, c, pm);
                *e = saved;
                c = e;
                while (*c == ' ')
                    c++;
                if (!*a->action || hs__is_no_action(a->action)) {
                    hs__action_release(a);
                    pm->n_actions--;
                }
            }
            free(t);
        }
}

/*
 * The status a lead-in line gives the list below it: a status word ("In
 * progress:", "Done:"), or words that introduce work still to do ("To
 * complete before ...:", "We are committed to:", "Planned:").
 */
hs_status hs__lead_in_status(const char *p) {
    static const char *const future[] = {
        "to complete", "committed to", "planned", "we will",
        "still to do", "to be done",   NULL};
    /* the future words first: "To complete" is not "complete" */
    for (size_t i = 0; future[i]; i++)
        if (hs__strcasestr(p, future[i]))
            return HS_STATUS_NOT_STARTED;
    hs_status st = hs_status_parse(p);
    return st;
}

/*
 * Add the action `text` (len bytes) from line `line`. A part of a prose
 * list gives its own status where the list gave none: "planning to add"
 * is to do, "alerting was implemented" and "fixed the bug" are done; a
 * one-word subject before a past tense ("Cloudflare adjusted ...") is
 * not part of the item.
 */
void hs__add_prose_action(const char *text, size_t len, hs_status status,
                          int line, hs_postmortem *pm) {
    hs_action_item *a = hs__pm_add_action(pm);
    char *t = hs__xstrndup(text, len);
    const char *from = t;
    for (char *c = t; *c; c++)
        if (*c == '\n')
            *c = ' ';
    {
        const char *sp = strchr(t, ' ');
        if (sp && t[0] >= 'A' && t[0] <= 'Z' && hs__strncasecmp(t, "the ", 4) &&
            hs__past_word(sp + 1)) {
            from = sp + 1;
            if (status == HS_STATUS_UNKNOWN)
                status = HS_STATUS_DONE;
        }
    }
    if ((!hs__strncasecmp(from, "is ", 3) ||
         !hs__strncasecmp(from, "are ", 4)) &&
        hs__ing_word(strchr(from, ' ') + 1)) {
        status = HS_STATUS_IN_PROGRESS; /* "..., and is exploring a move" */
    } else if (!hs__strncasecmp(from, "will ", 5)) {
        from += 5; /* "..., and will increase backup testing" */
        status = HS_STATUS_NOT_STARTED;
    } else if (!hs__strncasecmp(from, "planning ", 9) ||
               !hs__strncasecmp(from, "plan to ", 8) ||
               (status == HS_STATUS_UNKNOWN && strstr(from, " will ")))
        status = HS_STATUS_NOT_STARTED;
    else if (status == HS_STATUS_UNKNOWN) {
        static const char *const passive[] = {" was ", " were ", " has been ",
                                              " have been ", NULL};
        for (size_t i = 0; passive[i]; i++) {
            const char *c = strstr(from, passive[i]);
            if (c && hs__past_word(c + strlen(passive[i])))
                status = HS_STATUS_DONE;
        }
        if (hs__past_word(from))
            status = HS_STATUS_DONE;
    }
    a->line = line;
    a->status = status;
    hs__action_from_text(a, from, pm);
    free(t);
    if (strlen(a->action) < 8) {
        hs__action_release(a);
        pm->n_actions--;
    }
}

/* The end of the sentence that starts at p. */
const char *hs__sentence_end(const char *p) {
    while (*p && !(strchr(".?!", *p) && (p[1] == ' ' || p[1] == '\n' || !p[1])))
        p++;
    return p;
}

/*
 * The status the words of a sentence before its list give the list: a
 * plan ("plans", "will", "future", "committed", "recommendations"), work
 * under way ("is implementing", "are underway") or done ("implemented",
 * "deployed"); unknown otherwise.
 */
hs_status hs__clause_status(const char *p, const char *end) {
    static const char *const future[] = {"plan",    " will ",  "future",
                                         "commit",  "intend",  "recommend",
                                         "propose", "suggest", NULL};
    static const char *const under_way[] = {"underway", "under way",
                                            "in progress", "ongoing", NULL};
    static const char *const done[] = {"implemented",  "deployed",
                                       "completed",    "introduced",
                                       "put in place", NULL};
    char *t = hs__xstrndup(p, (size_t)(end - p));
    hs_status st = HS_STATUS_UNKNOWN;
    for (size_t i = 0; future[i] && !st; i++)
        if (hs__strcasestr(t, future[i]))
            st = HS_STATUS_NOT_STARTED;
    for (size_t i = 0; under_way[i] && !st; i++)
        if (hs__strcasestr(t, under_way[i]))
            st = HS_STATUS_IN_PROGRESS;
    for (const char *c = t; *c && !st; c++)
        if ((!strncmp(c, " is ", 4) && hs__ing_word(c + 4)) ||
            (!strncmp(c, " are ", 5) && hs__ing_word(c + 5)))
            st = HS_STATUS_IN_PROGRESS;
    for (size_t i = 0; done[i] && !st; i++)
        if (hs__strcasestr(t, done[i]))
            st = HS_STATUS_DONE;
    free(t);
    return st;
}
