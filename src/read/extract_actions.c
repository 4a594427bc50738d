/*
 * Action items and timelines. Both come as GFM tables (read by header name,
 * whatever the column order), as list items, or as paragraphs, and action
 * items carry their owner, due date and status inline in many notations.
 * Everything here reads a parsed doc and writes into the record; nothing is
 * invented: a cell that says nothing leaves the field empty.
 */
#include "read/extract_actions.h"
#include "base/buf.h"
#include "base/text.h"
#include "base/util.h"
#include "model/normalize.h"
#include "model/record.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

/* ---------------------------------------------------------------------
 * Glyphs
 */

/* Is cp a symbol or emoji, or a letter that a broken encoding left where
 * an emoji was (Greek and Latin-1 supplement, C1 controls)? */
static int is_glyph(unsigned cp) {
    return (cp >= 0x80 && cp <= 0xBF) || (cp >= 0x370 && cp <= 0x3FF) ||
           (cp >= 0x2000 && cp <= 0x2BFF) || cp == 0xFE0F || cp == 0x200D ||
           (cp >= 0x1F000 && cp <= 0x1FAFF) || cp == 0xFFFD;
}

const char *hs__skip_glyphs(const char *s) {
    const unsigned char *p = (const unsigned char *)s;
    const unsigned char *q;
    int n = 0;
    while (*p == ' ' || *p == '\t')
        p++;
    q = p;
    while (*q >= 0x80) {
        size_t len = hs__utf8_seq_len(q, 4);
        unsigned cp;
        if (!len)
            break;
        cp = hs__utf8_decode(q, &len);
        if (!is_glyph(cp) || ++n > 4)
            return (const char *)p;
        q += len;
    }
    if (q == p || *q != ' ')
        return (const char *)p;
    while (*q == ' ')
        q++;
    return (const char *)q;
}

/* ---------------------------------------------------------------------
 * Table headers
 */

/* The first column whose header names `kind` (sections.c's names), or -1. */
static int find_col(const hs__table *t, hs__kind kind) {
    for (size_t c = 0; c < t->n_cols; c++)
        if (hs__column_is(t->cells[c], kind))
            return (int)c;
    return -1;
}

static const char *cell(const hs__table *t, size_t r, int c) {
    return c < 0 ? "" : t->cells[r * t->n_cols + (size_t)c];
}

/* ---------------------------------------------------------------------
 * Owners and dates
 */

/* "" "-" "TBD" "N/A" "none" "unassigned" mean no owner or no date. */
static int is_blank_value(const char *s) {
    static const char *const blanks[] = {
        "",        "-",      "--",           "tbd",          "tba",
        "n/a",     "na",     "none",         "unassigned",   "?",
        "unknown", "nobody", "\xe2\x80\x94", "\xe2\x80\x93", "tbc",
        "null",    NULL};
    char *t = hs__strtrim(s, strlen(s));
    int is_blank = 0;
    for (size_t i = 0; blanks[i]; i++)
        if (!hs__strcasecmp(t, blanks[i]))
            is_blank = 1;
    free(t);
    return is_blank;
}

static char *owner_of(const char *s, size_t len) {
    char *t = hs__strtrim(s, len);
    char *o;
    if (is_blank_value(t)) {
        free(t);
        return NULL;
    }
    o = t[0] == '@' && t[1] ? hs__xstrdup(t + 1) : hs__xstrdup(t);
    free(t);
    return o;
}

static void set_due(hs_action_item *a, const char *s, hs_postmortem *pm,
                    int line) {
    char d[HS_DATE_LEN];
    if (is_blank_value(s))
        return;
    if (hs__date_find(s, 1, d, NULL, NULL) == 0)
        memcpy(a->due, d, sizeof(d));
    else if (pm)
        hs__pm_warn(pm, line, "unparseable due date '%s'", s);
}

/* ---------------------------------------------------------------------
 * Inline notations in an action's text
 */

static int starts_word(const char *s, const char *w) {
    size_t n = strlen(w);
    return !hs__strncasecmp(s, w, n) && !hs__isalpha((unsigned char)s[n]);
}

/*
 * Read one "owner: X" / "@x" / "due D" / "by D" / status part. Returns 1 if
 * the part was understood (and so should be removed from the action).
 */
static int meta_part(hs_action_item *a, const char *part, size_t len) {
    char *t = hs__strtrim(part, len);
    const char *v = t;
    char d[HS_DATE_LEN];
    int is_known = 1;
    if (starts_word(v, "owner") || starts_word(v, "owners") ||
        starts_word(v, "assignee") || starts_word(v, "assigned to") ||
        starts_word(v, "dri")) {
        v += strcspn(v, ": ");
        if (!hs__strncasecmp(v, " to", 3))
            v += 3;
        while (*v == ':' || *v == ' ')
            v++;
        if (!a->owner)
            a->owner = owner_of(v, strlen(v));
    } else if (starts_word(v, "due") || starts_word(v, "deadline") ||
               starts_word(v, "by") || starts_word(v, "eta") ||
               starts_word(v, "target")) {
        v += strcspn(v, ": ");
        while (*v == ':' || *v == ' ')
            v++;
        if (starts_word(v, "by"))
            v += 2;
        while (*v == ' ')
            v++;
        if (hs__date_find(v, 1, d, NULL, NULL) == 0)
            memcpy(a->due, d, sizeof(d));
        else
            is_known = 0;
    } else if ((starts_word(v, "status") || starts_word(v, "state")) &&
               strchr(v, ':')) {
        /* "Status: in progress"; a word it does not know is no status */
        hs_status st;
        v += strcspn(v, ": ");
        while (*v == ':' || *v == ' ')
            v++;
        st = hs_status_parse(v);
        if (a->status == HS_STATUS_UNKNOWN)
            a->status = st;
    } else if (v[0] == '@' && hs__isalnum((unsigned char)v[1]) &&
               !strchr(v, ' ')) {
        if (!a->owner)
            a->owner = hs__xstrdup(v + 1);
    } else if (hs__date_find(v, 1, d, NULL, NULL) == 0 && strlen(v) <= 20) {
        memcpy(a->due, d, sizeof(d));
    } else {
        hs_status st = strlen(v) <= 24 ? hs_status_parse(v) : HS_STATUS_UNKNOWN;
        if (st != HS_STATUS_UNKNOWN) {
            if (a->status == HS_STATUS_UNKNOWN)
                a->status = st;
        } else {
            is_known = 0;
        }
    }
    free(t);
    return is_known;
}

static int looks_meta(const char *s, size_t len);

/* Parse a run of meta parts separated by commas, semicolons or sentences
 * ("Owner: Lee. Status: done."); returns how many were understood and
 * whether all were (in *is_all). */
static int meta_run(hs_action_item *a, const char *s, size_t len, int *is_all) {
    int n_known = 0, n = 0;
    size_t i = 0;
    while (i < len) {
        size_t j = i, k;
        while (j < len && s[j] != ',' && s[j] != ';' &&
               !(s[j] == '.' && j + 1 < len && s[j + 1] == ' ' &&
                 looks_meta(s + j + 1, len - j - 1)))
            j++;
        k = j;
        while (k > i && (s[k - 1] == '.' || s[k - 1] == ' '))
            k--; /* "Owner: Max." */
        if (k > i) {
            n++;
            n_known += meta_part(a, s + i, k - i);
        }
        i = j + 1;
    }
    *is_all = n > 0 && n_known == n;
    return n_known;
}

/* Does this bracketed or trailing text look like metadata? */
static int looks_meta(const char *s, size_t len) {
    char *t = hs__strtrim(s, len);
    int is_meta = starts_word(t, "owner") || starts_word(t, "owners") ||
                  starts_word(t, "assignee") || starts_word(t, "assigned to") ||
                  starts_word(t, "due") || starts_word(t, "deadline") ||
                  starts_word(t, "dri") || t[0] == '@' ||
                  (starts_word(t, "status") && strchr(t, ':')) ||
                  (strlen(t) <= 24 && hs_status_parse(t) != HS_STATUS_UNKNOWN &&
                   !strchr(t, ' ')) ||
                  starts_word(t, "already done") || starts_word(t, "done") ||
                  starts_word(t, "in progress") ||
                  starts_word(t, "not started");
    free(t);
    return is_meta;
}

/* Remove [..] and (..) groups that are metadata, reading them into `a`. */
static void strip_groups(hs_action_item *a, hs__buf *b) {
    size_t i = 0;
    while (i < b->len) {
        char open = b->data[i], close;
        char *end;
        if (open != '[' && open != '(') {
            i++;
            continue;
        }
        close = open == '[' ? ']' : ')';
        end = memchr(b->data + i + 1, close, b->len - i - 1);
        if (!end) {
            i++;
            continue;
        }
        {
            const char *in = b->data + i + 1;
            size_t in_len = (size_t)(end - in);
            int is_all = 0;
            if (looks_meta(in, in_len)) {
                meta_run(a, in, in_len, &is_all);
                if (is_all || starts_word(in, "owner") || in[0] == '@' ||
                    starts_word(in, "due")) {
                    size_t gone = in_len + 2;
                    memmove(b->data + i, end + 1, b->len - i - gone + 1);
                    b->len -= gone;
                    continue;
                }
            }
        }
        i++;
    }
}

/*
 * Does s[0..len) name a person or a team: one to three capitalised words
 * ("Kim", "Ana Lima"), or words ending in "team" ("Platform team")? An
 * acronym ("PR", "JIRA") names a link, not a person.
 */
static int is_person(const char *s, size_t len) {
    size_t words = 0;
    int is_caps = 1, has_lower = 0;
    const char *last = s;
    while (len && *s == ' ')
        s++, len--;
    while (len && s[len - 1] == ' ')
        len--;
    if (!len || len > 32)
        return 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (i == 0 || s[i - 1] == ' ') {
            words++;
            last = s + i;
            is_caps &= c >= 'A' && c <= 'Z';
        }
        if (!hs__isalpha(c) && c != ' ' && c != '-' && c != '.' && c != '\'')
            return 0;
        has_lower |= c >= 'a' && c <= 'z';
    }
    /* "[PR]", "[JIRA]" are links, not people */
    if (words > 3 || !has_lower)
        return 0;
    return is_caps ||
           ((size_t)(s + len - last) == 4 && !hs__strncasecmp(last, "team", 4));
}

/* A trailing " — @sam, due 2026-07-01" or " - owner: X" tail. Returns 1
 * if one was cut, as one tail can stand before another ("Rotate the key
 * — Erin — done"). */
static int strip_tail(hs_action_item *a, hs__buf *b) {
    static const char *const seps[] = {" \xe2\x80\x94 ",
                                       " \xe2\x80\x93 ",
                                       " -- ",
                                       " - ",
                                       "\xe2\x80\x94",
                                       " | ",
                                       NULL};
    for (size_t k = 0; seps[k]; k++) {
        const char *p = b->data, *hit = NULL;
        size_t sl = strlen(seps[k]);
        while ((p = strstr(p, seps[k])) != NULL) {
            hit = p;
            p += sl;
        }
        if (hit) {
            const char *tail = hit + sl;
            int is_all = 0;
            if (looks_meta(tail, strlen(tail))) {
                meta_run(a, tail, strlen(tail), &is_all);
                hs__buf_truncate(b, (size_t)(hit - b->data));
                return 1;
            }
            /* "Add a dashboard — Kim": a dash, then who */
            if (k != 3 && k != 5 && is_person(tail, strlen(tail))) {
                if (!a->owner)
                    a->owner = hs__strtrim(tail, strlen(tail));
                hs__buf_truncate(b, (size_t)(hit - b->data));
                return 1;
            }
        }
    }
    /* "Raise the limit, due 2026-05-01" or ", @kim": after a comma only
     * when all of the tail is understood ("..., due to restarts" is not) */
    {
        const char *p = b->data, *hit = NULL;
        while ((p = strstr(p, ", ")) != NULL)
            hit = p++;
        if (hit && looks_meta(hit + 2, strlen(hit + 2))) {
            hs_action_item m;
            int is_all = 0;
            memset(&m, 0, sizeof(m));
            meta_run(&m, hit + 2, strlen(hit + 2), &is_all);
            if (is_all) {
                if (!a->owner)
                    a->owner = m.owner, m.owner = NULL;
                if (!a->due[0])
                    memcpy(a->due, m.due, sizeof(m.due));
                if (a->status == HS_STATUS_UNKNOWN)
                    a->status = m.status;
                hs__buf_truncate(b, (size_t)(hit - b->data));
            }
            free(m.owner);
            if (is_all)
                return 1;
        }
    }
    /* "Fix it. Owner: Bob, due 2026-01-01" */
    {
        static const char *const keys[] = {
            "owner:",    "owners:",   "assignee:", "due:",
            "due date:", "deadline:", NULL};
        for (size_t k = 0; keys[k]; k++) {
            const char *hit = hs__strcasestr(b->data, keys[k]);
            if (hit && hit > b->data && !hs__isalpha((unsigned char)hit[-1])) {
                int is_all = 0;
                meta_run(a, hit, strlen(hit), &is_all);
                hs__buf_truncate(b, (size_t)(hit - b->data));
                return 1;
            }
        }
    }
    return 0;
}

/*
 * Is `t` a template's placeholder left unfilled ("Short event
 * description.", "Action item", "<description>")? The whole text must be
 * one, case and closing punctuation aside.
 */
static int is_placeholder(const char *t) {
    static const char *const names[] = {"short event description",
                                        "event description",
                                        "description",
                                        "description of the event",
                                        "description of event",
                                        "event",
                                        "what happened",
                                        "action item",
                                        "action",
                                        "short description",
                                        "todo",
                                        "tbd",
                                        "lorem ipsum",
                                        NULL};
    size_t n;
    while (*t == ' ' || *t == '<' || *t == '[' || *t == '_')
        t++;
    n = strlen(t);
    while (n && strchr(" .>]_:", t[n - 1]))
        n--;
    for (size_t i = 0; names[i]; i++)
        if (strlen(names[i]) == n && !hs__strncasecmp(t, names[i], n))
            return 1;
    return 0;
}

/* Whether the word at w ends in "ed" like a past tense ("added", not
 * "need" or "speed"). */
static int past_word(const char *w) {
    const char *e = w;
    while (hs__isalpha((unsigned char)*e))
        e++;
    return e - w > 4 && !strncmp(e - 2, "ed", 2) && strncmp(e - 3, "eed", 3);
}

/* Whether the word at w ends in "ing" ("reviewing", not "going"). */
static int ing_word(const char *w) {
    const char *e = w;
    while (hs__isalpha((unsigned char)*e))
        e++;
    return e - w > 4 && !strncmp(e - 3, "ing", 3) && strncmp(w, "going", 5);
}

/* A past participle: "added", or an irregular one ("rebuilt", "set up"). */
static int participle(const char *w) {
    static const char *const irregular[] = {
        "built",     "rebuilt",    "made",  "set",  "done",  "taken", "written",
        "rewritten", "run",        "put",   "sent", "kept",  "shut",  "brought",
        "begun",     "undertaken", "drawn", "held", "given", "found", NULL};
    if (past_word(w))
        return 1;
    for (size_t i = 0; irregular[i]; i++)
        if (!hs__strncasecmp(w, irregular[i], strlen(irregular[i])) &&
            !hs__isalpha((unsigned char)w[strlen(irregular[i])]))
            return 1;
    return 0;
}

/*
 * The status and owner an item written as a sentence gives itself: "The
 * IPS team is continuing to improve ..." (in progress, the IPS team),
 * "DevEx will update ..." (not started, DevEx), "We tweaked ..." or "We've
 * advised ..." (done). The subject is an owner when it names a team or is
 * one capitalised name; "we" owns nothing.
 */
/*
 * Does item t say the work was filed rather than done ("We have added a
 * backlog task to ...", "DevEx has placed an action item on the roadmap
 * to ...", "Opened a ticket to ...")? The deed is the filing; the work is
 * still to do. A filing verb near the start, then within four words a
 * word for tracked work.
 */
static int files_work(const char *t) {
    static const char *const verbs[] = {
        "added ", "placed ", "created ", "opened ", "filed ", "logged ", NULL};
    static const char *const work[] = {"backlog", "action item", "ticket",
                                       "task",    "issue",       "story",
                                       "epic",    "roadmap",     NULL};
    for (size_t i = 0; verbs[i]; i++) {
        const char *v = hs__strcasestr(t, verbs[i]), *e;
        if (!v || v - t > 40 || (v > t && v[-1] != ' '))
            continue;
        e = v + strlen(verbs[i]);
        for (int words = 0; words < 4 && *e; words++) {
            for (size_t k = 0; work[k]; k++)
                if (!hs__strncasecmp(e, work[k], strlen(work[k])))
                    return 1;
            e += strcspn(e, " ");
            while (*e == ' ')
                e++;
        }
    }
    return 0;
}

static void status_from_sentence(hs_action_item *a) {
    static const char *const pronouns[] = {
        "we", "i", "this", "it", "they", "there", "that", "these", NULL};
    const char *t = a->action, *v = NULL, *subj_end;
    char subj[64];
    size_t n, words = 1;
    int is_we, is_named = 0;
    /* the verb: the first " will ", " is ", " are ", " has ", " have " */
    static const char *const aux[] = {" will ",          " is ",   " are ",
                                      " has ",           " have ", "'ve ",
                                      "\xe2\x80\x99ve ", NULL};
    /* "Continue to attempt ...", "... This is a work in progress." */
    if (!hs__strncasecmp(t, "continue ", 9) ||
        !hs__strncasecmp(t, "continuing ", 11) ||
        hs__strcasestr(t, "work in progress")) {
        a->status = HS_STATUS_IN_PROGRESS;
        return;
    }
    for (size_t i = 0; aux[i]; i++) {
        const char *c = strstr(t, aux[i]);
        if (c && c - t < 48 && (!v || c < v))
            v = c;
    }
    /* "We tweaked the limits": a subject and a past tense verb */
    if (!v) {
        const char *sp = strchr(t, ' ');
        if (sp && sp - t == 2 && !hs__strncasecmp(t, "we", 2)) {
            const char *w = sp + 1, *e = w;
            while (hs__isalpha((unsigned char)*e) || *e == '/')
                e++;
            if (e - w > 3 && !strncmp(e - 2, "ed", 2) &&
                strncmp(e - 3, "eed", 3)) /* "We need to", not past */
                a->status = HS_STATUS_DONE;
        }
        return;
    }
    /* the passive says the state whatever the subject: "Alerts will be
     * set up", "A rollout is planned" (not started), "The keys are being
     * rotated" (in progress), "The runbook has been updated" (done) */
    {
        const char *w = strchr(v + 1, ' ') + 1;
        int is_be = !strncmp(v, " is ", 4) || !strncmp(v, " are ", 5);
        if (!strncmp(w, "also ", 5))
            w += 5;
        if ((!strncmp(v, " will ", 6) && !strncmp(w, "be ", 3) &&
             participle(w + 3)) ||
            (is_be && !strncmp(w, "planned", 7))) {
            a->status = HS_STATUS_NOT_STARTED;
            return;
        }
        if (is_be && !strncmp(w, "being ", 6) && participle(w + 6)) {
            a->status = HS_STATUS_IN_PROGRESS;
            return;
        }
        if ((!strncmp(v, " has ", 5) || !strncmp(v, " have ", 6)) &&
            !strncmp(w, "been ", 5) && participle(w + 5)) {
            a->status = HS_STATUS_DONE;
            return;
        }
    }
    subj_end = v;
    for (const char *c = t; c < subj_end; c++)
        words += *c == ' ';
    n = (size_t)(subj_end - t) < sizeof(subj) - 1 ? (size_t)(subj_end - t)
                                                  : sizeof(subj) - 1;
    memcpy(subj, t, n);
    subj[n] = '\0';
    is_we = !hs__strcasecmp(subj, "we");
    for (size_t i = 0; pronouns[i]; i++)
        if (!hs__strcasecmp(subj, pronouns[i]) && !is_we)
            return; /* "This will cause ...": no commitment */
    {
        const char *team = hs__strcasestr(subj, "team");
        if (team && words <= 6) {
            /* the words that name the team: "the IPS team" -> "IPS team" */
            const char *st = team;
            int k = 0;
            while (st > subj && k < 2) {
                st--;
                if (*st == ' ' && st > subj)
                    k++;
            }
            while (*st == ' ')
                st++;
            if (!hs__strncasecmp(st, "the ", 4))
                st += 4;
            if (!a->owner)
                a->owner = hs__strtrim(st, strlen(st));
            is_named = 1;
        } else if (words == 1 && subj[0] >= 'A' && subj[0] <= 'Z' && !is_we) {
            if (!a->owner)
                a->owner = hs__xstrdup(subj);
            is_named = 1;
        }
    }
    if (!is_we && !is_named)
        return;
    if (!strncmp(v, " will ", 6)) {
        a->status = HS_STATUS_NOT_STARTED;
    } else if (!strncmp(v, " is ", 4) || !strncmp(v, " are ", 5)) {
        const char *w = strchr(v + 1, ' ') + 1, *e = w;
        while (hs__isalpha((unsigned char)*e))
            e++;
        if (!strncmp(w, "going to ", 9))
            a->status = HS_STATUS_NOT_STARTED; /* "We are going to add" */
        else if (e - w > 4 && !strncmp(e - 3, "ing", 3))
            a->status = HS_STATUS_IN_PROGRESS;
    } else {
        /* "We've advised", "has been added"; not "have added a backlog
         * task", which is as often a plan as a deed */
        const char *w = strchr(v + 1, ' ') + 1, *e;
        int is_ve = v[0] != ' ';
        if (!strncmp(w, "been ", 5))
            w += 5, is_ve = 1;
        e = w;
        while (hs__isalpha((unsigned char)*e))
            e++;
        if (is_ve && e - w > 3 && !strncmp(e - 2, "ed", 2))
            a->status = HS_STATUS_DONE;
    }
}

/*
 * Who an item names before its work: "[Kim] Add an alert", "@max: Rewrite
 * the consumer", "Platform team: move the queue". The words stay in the
 * item, as a reader quoting it keeps them. A bare "Word:" is no owner, as
 * it as often names a kind of work ("Monitoring: add ...").
 */
static void head_owner(hs_action_item *a, const char *t) {
    const char *e = NULL;
    if (a->owner)
        return;
    if (t[0] == '[' && (e = strchr(t, ']')) && e[1] == ' ' &&
        is_person(t + 1, (size_t)(e - t - 1))) {
        a->owner = hs__strtrim(t + 1, (size_t)(e - t - 1));
    } else if ((e = strchr(t, ':')) && e[1] == ' ' && e - t <= 32) {
        size_t len = (size_t)(e - t);
        if (t[0] == '@' && len > 1 && !memchr(t, ' ', len))
            a->owner = hs__xstrndup(t + 1, len - 1);
        else if (len > 5 && !hs__strncasecmp(e - 5, " team", 5) &&
                 is_person(t, len))
            a->owner = hs__xstrndup(t, len);
    }
}

/*
 * What the end of an item says of itself: a status emoji ("... ✅"), a
 * status after a colon ("Write a runbook: done"), "won't fix", who is to
 * do it in brackets ("[Lee]") or as a mention ("@dana").
 */
static void strip_end_marks(hs_action_item *a, hs__buf *b) {
    for (int again = 1; again && b->len;) {
        size_t n = b->len, cut;
        again = 0;
        while (n && b->data[n - 1] == ' ')
            n--;
        /* trailing emoji and symbols */
        cut = n;
        while (cut && ((unsigned char)b->data[cut - 1] >= 0x80 ||
                       b->data[cut - 1] == ' '))
            cut--;
        if (cut < n) {
            char *g = hs__xstrndup(b->data + cut, n - cut);
            hs_status st = hs_status_parse(g);
            free(g);
            if (st != HS_STATUS_UNKNOWN) {
                if (a->status == HS_STATUS_UNKNOWN)
                    a->status = st;
                hs__buf_truncate(b, cut);
                again = 1;
                continue;
            }
        }
        /* "[Lee]" */
        if (n && b->data[n - 1] == ']') {
            const char *open = NULL;
            for (size_t i = n - 1; i-- > 0 && !open;)
                if (b->data[i] == '[')
                    open = b->data + i;
            if (open && open > b->data &&
                is_person(open + 1, (size_t)(b->data + n - 1 - open - 1))) {
                if (!a->owner)
                    a->owner =
                        hs__strtrim(open + 1, (size_t)(b->data + n - 2 - open));
                hs__buf_truncate(b, (size_t)(open - b->data));
                again = 1;
                continue;
            }
        }
        /* "@dana" as the last word */
        {
            size_t w = n;
            while (w && b->data[w - 1] != ' ')
                w--;
            if (w && w < n && b->data[w] == '@' && n - w > 1 &&
                hs__isalnum((unsigned char)b->data[w + 1])) {
                if (!a->owner)
                    a->owner = hs__xstrndup(b->data + w + 1, n - w - 1);
                hs__buf_truncate(b, w);
                again = 1;
                continue;
            }
        }
        /* ": done", ": won't fix" */
        {
            const char *colon = NULL;
            for (size_t i = n; i-- > 0 && !colon && n - i <= 24;)
                if (b->data[i] == ':')
                    colon = b->data + i;
            if (colon && colon > b->data) {
                char *t =
                    hs__strtrim(colon + 1, (size_t)(b->data + n - colon - 1));
                hs_status st = hs_status_parse(t);
                int is_wontfix = !hs__strcasecmp(t, "wontfix") ||
                                 !hs__strcasecmp(t, "won't fix") ||
                                 !hs__strcasecmp(t, "wont fix");
                int words = 1;
                for (const char *c = t; *c; c++)
                    words += *c == ' ';
                free(t);
                if ((st != HS_STATUS_UNKNOWN && words <= 2) || is_wontfix) {
                    if (a->status == HS_STATUS_UNKNOWN)
                        a->status = st;
                    hs__buf_truncate(b, (size_t)(colon - b->data));
                    again = 1;
                }
            }
        }
    }
}

void hs__action_from_text(hs_action_item *a, const char *text,
                          hs_postmortem *pm) {
    hs__buf b = HS_BUF_INIT;
    const char *start = hs__skip_glyphs(text);
    (void)pm;
    /* a leading emoji is a status: "✅ Add alerts" */
    if (start != text && a->status == HS_STATUS_UNKNOWN) {
        char *glyphs = hs__xstrndup(text, (size_t)(start - text));
        a->status = hs_status_parse(glyphs);
        free(glyphs);
    }
    hs__buf_puts(&b, start);
    /* "DONE: ..." / "TODO - ..." */
    {
        size_t w = 0;
        while (w < b.len &&
               (hs__isalpha((unsigned char)b.data[w]) || b.data[w] == ' ') &&
               w < 12)
            w++;
        if (w < b.len && (b.data[w] == ':' || b.data[w] == '-') && w > 1) {
            char *head = hs__xstrndup(b.data, w);
            hs_status st = hs_status_parse(head);
            int is_marker = hs__isalpha((unsigned char)head[0]) &&
                            head[0] >= 'A' && head[0] <= 'Z' &&
                            (head[1] >= 'A' && head[1] <= 'Z');
            /* "Done - Remove the job" (a bold status, its stars gone):
             * the plain status words; not "Fixed: the parser" */
            static const char *const words[] = {
                "done",        "completed", "complete", "in progress", "doing",
                "not started", "todo",      "to do",    "wip",         NULL};
            char *h = hs__strtrim(head, w);
            for (size_t i = 0; words[i] && !is_marker; i++)
                is_marker = !hs__strcasecmp(h, words[i]) && head[0] >= 'A' &&
                            head[0] <= 'Z';
            free(h);
            free(head);
            if (st != HS_STATUS_UNKNOWN && is_marker) {
                if (a->status == HS_STATUS_UNKNOWN)
                    a->status = st;
                memmove(b.data, b.data + w + 1, b.len - w);
                b.len -= w + 1;
            }
        }
    }
    head_owner(a, b.data);
    strip_groups(a, &b);
    for (int n = 0; n < 3 && strip_tail(a, &b); n++)
        ;
    strip_end_marks(a, &b);
    /* trim trailing separators */
    while (b.len && strchr(" \t,;:-", b.data[b.len - 1]))
        b.len--;
    b.data[b.len] = '\0';
    a->action = hs__strtrim(b.data, b.len);
    hs__buf_release(&b);
}

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
    const char *v = cell(t, r, c);
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
    int c_action = find_col(t, HS_KIND_ACTIONS),
        c_owner = find_col(t, HS_KIND_OWNER), c_due = find_col(t, HS_KIND_DUE),
        c_status = find_col(t, HS_KIND_STATUS),
        c_bug = find_col(t, HS_KIND_TICKET);
    if (c_action < 0 && is_action_section) {
        /* no action header: of the columns with no other role, the one
         * with the most text ("| Priority | Change | Owner |" holds the
         * work in its second); a "ticket" column of sentences ("| Issue
         * |") is the work too */
        size_t best = 0;
        for (size_t c = 0; c < t->n_cols; c++) {
            size_t len = 0, words = 0;
            for (size_t r = 1; r < t->n_rows; r++) {
                const char *x = cell(t, r, (int)c);
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
        const char *text = cell(t, r, c_action);
        if (!*text)
            continue;
        a = hs__pm_add_action(pm);
        a->line = t->lines[r];
        if (c_owner >= 0) {
            const char *o = cell(t, r, c_owner);
            a->owner = owner_of(o, strlen(o));
        }
        if (c_due >= 0)
            set_due(a, cell(t, r, c_due), pm, a->line);
        if (c_status >= 0)
            a->status = yes_no_status(t, c_status, r);
        if (a->status == HS_STATUS_UNKNOWN && c_bug >= 0)
            a->status = hs_status_parse(cell(t, r, c_bug));
        hs__action_from_text(a, text, pm);
        /* the ticket stays with the item: "Shard the cache (OPS-13)"; of
         * "BUG-7 DONE" the first word */
        if (c_bug >= 0 && *a->action) {
            const char *tk = cell(t, r, c_bug);
            size_t n = hs_status_parse(tk) == HS_STATUS_UNKNOWN
                           ? strlen(tk)
                           : strcspn(tk, " ");
            char *ticket = hs__strtrim(tk, n);
            if (!is_blank_value(ticket) &&
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

static void action_from_item(const hs__item *it, int depth,
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
    if (!*a->action || is_placeholder(a->action)) {
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
static int meta_item(hs_action_item *a, const hs__item *it) {
    static const char *const keys[] = {
        "owner",  "owners",   "assignee", "assigned to", "dri",
        "due",    "due date", "deadline", "eta",         "target",
        "status", "state",    NULL};
    const char *t = it->text;
    hs_status had = a->status;
    while (*t == '*' || *t == '_' || *t == ' ')
        t++;
    if (t[0] == '@' && hs__isalnum((unsigned char)t[1]) && !strchr(t, ' '))
        return meta_part(a, t, strlen(t));
    for (size_t i = 0; keys[i]; i++) {
        const char *c = t + strlen(keys[i]);
        if (!starts_word(t, keys[i]))
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
            meta_part(a, b.data, b.len);
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
        action_from_item(&it, 0, HS_STATUS_UNKNOWN, pm);
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
                a->owner = owner_of(v, strlen(v));
            if ((v = hs__fm_map_field(doc->fm, keys[k], i, "due", NULL)) ||
                (v = hs__fm_map_field(doc->fm, keys[k], i, "due_date", NULL)) ||
                (v = hs__fm_map_field(doc->fm, keys[k], i, "deadline", NULL)))
                set_due(a, v, pm, line);
            if ((v = hs__fm_map_field(doc->fm, keys[k], i, "status", NULL)))
                a->status = hs_status_parse(v);
            hs__action_from_text(a, text, pm);
        }
        if (n)
            return;
    }
}

/*
 * An action section written as prose ("A new shutdown process will be
 * created ...") has one action per paragraph; used only when the section
 * has no list or table at all.
 */
/*
 * Does sentence s open with a subject of a few words and "will" ("The
 * runbook will be updated", "Platform will add ...")? A subject that only
 * points back ("This will prevent ...", "It will") states a consequence,
 * not work.
 */
static int subject_will(const char *s) {
    static const char *const back[] = {"this ",  "that ",  "it ",   "which ",
                                       "these ", "those ", "they ", NULL};
    const char *w = s;
    for (size_t i = 0; back[i]; i++)
        if (!hs__strncasecmp(s, back[i], strlen(back[i])))
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
 * Does sentence s open with a commitment? 2: to future work ("We will",
 * "We'll", "We are going to", "Going forward", "The team plans to", "Next
 * steps:"), 1: to work of no stated time ("We need to", "We should"), 0:
 * no.
 */
static int commitment_cue(const char *s) {
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
    for (size_t i = 0; future[i]; i++)
        if (!hs__strncasecmp(s, future[i], strlen(future[i])))
            return 2;
    for (size_t i = 0; other[i]; i++)
        if (!hs__strncasecmp(s, other[i], strlen(other[i])))
            return 1;
    return *s >= 'A' && *s <= 'Z' && subject_will(s) ? 2 : 0;
}

/* The start of the next sentence after s that opens with a commitment, or
 * the end of s. */
static char *next_commitment(char *s) {
    for (char *c = s + 1; *c; c++)
        if ((c[-1] == ' ' && c >= s + 2 &&
             (c[-2] == '.' || c[-2] == '!' || c[-2] == ';')) &&
            commitment_cue(c))
            return c - 1;
    return s + strlen(s);
}

/* How many sentences of s open with a commitment. */
static int commitments(const char *s) {
    int n = commitment_cue(s) != 0;
    for (const char *c = s + 1; *c; c++)
        if (c[-1] == ' ' && c >= s + 2 &&
            (c[-2] == '.' || c[-2] == '!' || c[-2] == ';'))
            n += commitment_cue(c) != 0;
    return n;
}

static size_t marker_len(const char *p);

/*
 * Is each line of paragraph t an item of its own, written without a list
 * marker? When every line opens with a to-do marker ("TODO: ...", "DONE:
 * ..."), or when there are several lines and each is short and opens
 * with a capital, the way a list without bullets looks. (Prose with a
 * sentence a line runs longer and goes on from line to line: one item.)
 */
static int lines_are_items(const char *t) {
    int n = 0, is_marked = 1, is_sentences = 1;
    for (const char *l = t; *l;) {
        size_t len = strcspn(l, "\n");
        const char *e = l + len;
        while (e > l && e[-1] == ' ')
            e--;
        n++;
        is_marked &= marker_len(l) > 0;
        is_sentences &= *l >= 'A' && *l <= 'Z' && len <= 72;
        l += len;
        if (*l == '\n')
            l++;
    }
    return is_marked || (n >= 2 && is_sentences);
}

/*
 * An action section written a sub-heading per item ("### 1. Add a rate
 * limit", its body "Owner: Wes. Status: done. Why it matters ..."):
 * sections owner+1..end are its sub-sections, none with a list or table.
 * Each sub-heading of the first level below `owner` is an item; the
 * sentences its body opens with that are fields (Owner:, Status:, Due:)
 * are the item's.
 */
static void actions_from_headings(const hs__doc *doc, size_t owner, size_t end,
                                  hs_postmortem *pm) {
    int level = doc->sections[owner + 1].level;
    for (size_t i = owner + 1; i < end; i++) {
        const hs__section *s = &doc->sections[i];
        hs__item it;
        size_t n = pm->n_actions;
        if (s->level != level)
            continue;
        const char *h = s->heading;
        while (hs__isdigit((unsigned char)*h))
            h++;
        /* the heading's numbering ("1. ", "2) ") is no part of the item */
        h = h > s->heading && (*h == '.' || *h == ')') && h[1] == ' '
                ? h + 2
                : s->heading;
        memset(&it, 0, sizeof(it));
        it.text = hs__xstrdup(h); /* an item's text is its own */
        it.checked = -1;
        it.line = s->line;
        action_from_item(&it, 0, HS_STATUS_UNKNOWN, pm);
        free(it.text);
        if (pm->n_actions == n)
            continue;
        for (size_t k = 0; k < s->n_paras; k++) {
            char *t = hs__xstrdup(s->paras[k].text);
            int is_meta = 1;
            for (char *c = t; *c && is_meta;) {
                size_t len = strcspn(c, ".\n");
                char saved = c[len];
                c[len] = '\0';
                it.text = c;
                is_meta = meta_item(&pm->actions[n], &it);
                c[len] = saved;
                c += len;
                while (*c == '.' || *c == '\n' || *c == ' ')
                    c++;
            }
            free(t);
        }
    }
}

static void actions_from_paragraphs(const hs__doc *doc, const hs__kind *kinds,
                                    size_t owner, hs_postmortem *pm) {
    size_t end = owner + 1;
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
    for (size_t i = owner; i < end; i++)
        for (size_t k = 0; k < doc->sections[i].n_paras; k++) {
            char *t = hs__xstrdup(doc->sections[i].paras[k].text);
            int is_split = 0;
            if (lines_are_items(t)) {
                /* one item a line: "TODO: add a canary\nDONE: revert" */
                hs__item it;
                memset(&it, 0, sizeof(it));
                it.checked = -1;
                it.line = doc->sections[i].paras[k].line;
                for (char *l = t; *l; it.line++) {
                    char *e = l + strcspn(l, "\n");
                    int more = *e == '\n';
                    *e = '\0';
                    it.text = l;
                    action_from_item(&it, 0, HS_STATUS_UNKNOWN, pm);
                    l = more ? e + 1 : e;
                }
                free(t);
                continue;
            }
            for (char *c = t; *c; c++)
                if (*c == '\n')
                    *c = ' ';
            is_split = commitments(t) >= 2;
            for (char *c = t; *c;) {
                /* one item per commitment sentence, with the sentences
                 * that follow it, when the paragraph makes several */
                char *e = is_split ? next_commitment(c) : c + strlen(c);
                char saved = *e;
                hs_action_item *a = hs__pm_add_action(pm);
                *e = '\0';
                a->line = doc->sections[i].paras[k].line;
                if (is_split && commitment_cue(c) == 2)
                    a->status = HS_STATUS_NOT_STARTED;
                hs__action_from_text(a, c, pm);
                *e = saved;
                c = e;
                while (*c == ' ')
                    c++;
                if (!*a->action || is_placeholder(a->action)) {
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
static hs_status lead_in_status(const char *p) {
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
static void add_prose_action(const char *text, size_t len, hs_status status,
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
            past_word(sp + 1)) {
            from = sp + 1;
            if (status == HS_STATUS_UNKNOWN)
                status = HS_STATUS_DONE;
        }
    }
    if ((!hs__strncasecmp(from, "is ", 3) ||
         !hs__strncasecmp(from, "are ", 4)) &&
        ing_word(strchr(from, ' ') + 1)) {
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
            if (c && past_word(c + strlen(passive[i])))
                status = HS_STATUS_DONE;
        }
        if (past_word(from))
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
static const char *sentence_end(const char *p) {
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
static hs_status clause_status(const char *p, const char *end) {
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
        if ((!strncmp(c, " is ", 4) && ing_word(c + 4)) ||
            (!strncmp(c, " are ", 5) && ing_word(c + 5)))
            st = HS_STATUS_IN_PROGRESS;
    for (size_t i = 0; done[i] && !st; i++)
        if (hs__strcasestr(t, done[i]))
            st = HS_STATUS_DONE;
    free(t);
    return st;
}

static int names_work(const char *p, const char *end, int last_only);
static int planned_word(const char *w);
static const char *verb_at(const char *p, const char *end, const char *w,
                           int (*pred)(const char *), const char **word);

/* Whether the part c..end only announces the work to come ("committed to
 * several remediation steps. These include ..."). */
static int announces_work(const char *c, const char *end) {
    static const char *const quant[] = {
        "several ",  "a number of ", "some ",          "a few ",
        "multiple ", "a series of ", "the following ", NULL};
    size_t words = 1;
    for (const char *w = c; w < end; w++)
        words += *w == ' ';
    if (words > 5 || !names_work(c, end, 1))
        return 0;
    for (size_t i = 0; quant[i]; i++)
        if (!hs__strncasecmp(c, quant[i], strlen(quant[i])))
            return 1;
    return 0;
}

/* Whether a list part starting at c continues the part before it ("which
 * began shipping", "so that ...") rather than naming work of its own. */
static int continues_part(const char *c) {
    static const char *const words[] = {
        "which ",     "who ",   "so ",           "since ",    "while ",
        "where ",     "when ",  "because ",      "based on ", "due to ",
        "thanks to ", "given ", "according to ", NULL};
    for (size_t i = 0; words[i]; i++)
        if (!hs__strncasecmp(c, words[i], strlen(words[i])))
            return 1;
    return 0;
}

/* The length of the list separator at q: "; ", or ", " when the list
 * has no semicolons, also with a closing quote before the space (`"soft
 * deletes," and`); 0 if none. */
static size_t list_sep(const char *q, int semi) {
    if (*q == ';' || (*q == ',' && !semi)) {
        if (q[1] == ' ')
            return 2;
        if (*q == ',' && q[1] == '"' && q[2] == ' ')
            return 3;
        if (*q == ',' && !strncmp(q + 1, "\xe2\x80\x9d ", 4))
            return 5;
    }
    return 0;
}

/*
 * Whether w opens with a verb teams use to name follow-up work in its
 * plain form ("review", "strengthen"): common English, not any file's
 * wording. Used to split "review A and strengthen B" into two items.
 */
static int work_verb(const char *w) {
    static const char *const verbs[] = {
        "add",        "audit",    "automate",  "build",    "create",
        "deploy",     "develop",  "document",  "enhance",  "establish",
        "evaluate",   "expand",   "explore",   "extend",   "implement",
        "improve",    "increase", "introduce", "invest",   "investigate",
        "migrate",    "monitor",  "move",      "reduce",   "refine",
        "remove",     "replace",  "review",    "revise",   "rewrite",
        "strengthen", "update",   "upgrade",   "validate", NULL};
    for (size_t i = 0; verbs[i]; i++) {
        size_t n = strlen(verbs[i]);
        if (!hs__strncasecmp(w, verbs[i], n) && w[n] == ' ')
            return 1;
    }
    return 0;
}

/*
 * Add each part of the list from c to end. Parts end at "; " when the
 * list has any (its parts then hold commas of their own), else at ", ",
 * and an "and" or "or" after the separator is dropped. A part that goes
 * on "and are redesigning ..." or "and will ..." is two items, the second
 * with the status its verb gives.
 */
static void add_prose_list(const char *c, const char *end, hs_status status,
                           int line, hs_postmortem *pm) {
    static const struct {
        const char *join;
        hs_status status;
    } joins[] = {{" and are ", HS_STATUS_IN_PROGRESS},
                 {" and is ", HS_STATUS_IN_PROGRESS},
                 {" and will ", HS_STATUS_NOT_STARTED}};
    int semi = 0, first = 1, gerunds = 0, series = 0;
    for (const char *q = c; q + 1 < end && !semi; q++)
        semi = *q == ';' && q[1] == ' ';
    /* a list that closes with ", and X" is a series: every part is an
     * item, even one led by an article or a participle after gerunds
     * ("implementing A, improved B, and a data policy"); without it such
     * a part describes the one before ("adding A, the B, slated for 2001") */
    for (const char *q = c; q + 6 < end && !series; q++)
        series = (*q == ',' || *q == ';') &&
                 (!strncmp(q + 1, " and ", 5) || !strncmp(q + 1, " or ", 4));
    while (c < end) {
        const char *q = c, *j = NULL;
        size_t jl = 0;
        hs_status js = status;
        while (q < end && !list_sep(q, semi))
            q++;
        for (size_t i = 0; i < HS_ARRAY_LEN(joins); i++) {
            const char *f = hs__strcasestr(c, joins[i].join);
            if (f && f < q && (!j || f < j)) {
                j = f;
                jl = strlen(joins[i].join);
                js = joins[i].status;
            }
        }
        /* "The team modified A and added B": two deeds, two items */
        if (!j) {
            const char *sp = strchr(c, ' '), *v = c;
            if (sp && sp < q && *c >= 'A' && *c <= 'Z' && past_word(sp + 1))
                v = sp + 1;
            if (past_word(v))
                for (const char *f = v;
                     (f = hs__strcasestr(f, " and ")) && f < q; f += 5)
                    if (past_word(f + 5)) {
                        j = f;
                        jl = 5;
                        js = status;
                        break;
                    }
        }
        /* in a list of gerunds ("including ECC in its next servers, the
         * UltraSparc III, slated for 2001"), a part that starts with an
         * article or a participle describes the one before it */
        if (first)
            gerunds = ing_word(c);
        /* "reviewing A and collaborating with B": two gerunds, two items */
        if (!j && gerunds && ing_word(c)) {
            for (const char *f = c; (f = hs__strcasestr(f, " and ")) && f < q;
                 f += 5)
                /* not "reprioritizing and accelerating plans": the
                 * first gerund has no object of its own */
                if (ing_word(f + 5) && memchr(c, ' ', (size_t)(f - c)) &&
                    memchr(f + 5, ' ', (size_t)(q - f - 5))) {
                    j = f;
                    jl = 5;
                    js = status;
                    break;
                }
        }
        /* "review A and strengthen B": two verbs of work, two items */
        if (!j && work_verb(c)) {
            for (const char *f = c; (f = hs__strcasestr(f, " and ")) && f < q;
                 f += 5)
                if (work_verb(f + 5) && memchr(c, ' ', (size_t)(f - c)) &&
                    memchr(f + 5, ' ', (size_t)(q - f - 5))) {
                    j = f;
                    jl = 5;
                    js = status;
                    break;
                }
        }
        if (!continues_part(c) && !announces_work(c, q) &&
            !(!first && gerunds && !series &&
              (!hs__strncasecmp(c, "the ", 4) || !hs__strncasecmp(c, "a ", 2) ||
               !hs__strncasecmp(c, "an ", 3) || past_word(c)))) {
            if (j && (js != HS_STATUS_IN_PROGRESS || ing_word(j + jl))) {
                add_prose_action(c, (size_t)(j - c), status, line, pm);
                add_prose_action(j + jl, (size_t)(q - j - jl), js, line, pm);
            } else {
                add_prose_action(c, (size_t)(q - c), status, line, pm);
            }
        }
        first = 0;
        c = q < end ? q + list_sep(q, semi) : end;
        if (!strncmp(c, "and ", 4))
            c += 4;
        else if (!strncmp(c, "or ", 3))
            c += 3;
        else if (!strncmp(c, "as well as ", 11))
            c += 11;
    }
}

/*
 * Whether a word in p..end names follow-up work ("steps", "actions",
 * "follow-ups", "These"), as before "include", "including" or ":". With
 * `last_only` only the last word counts ("Remediation efforts include",
 * not "Transactions that are included").
 */
static int names_work(const char *p, const char *end, int last_only) {
    static const char *const nouns[] = {
        "step",        "action", "improvement", "effort", "change",
        "measure",     "items",  "fixes",       "follow", "recommend",
        "remediation", "these",  NULL};
    for (const char *w = p; w < end; w++) {
        if (w > p && hs__isalnum((unsigned char)w[-1]))
            continue;
        if (last_only) {
            const char *e = w;
            while (e < end && *e != ' ')
                e++;
            if (e < end)
                continue;
        }
        for (size_t i = 0; nouns[i]; i++)
            if ((size_t)(end - w) >= strlen(nouns[i]) &&
                !hs__strncasecmp(w, nouns[i], strlen(nouns[i])))
                return 1;
    }
    return 0;
}

/* Whether the cue at c is negated or asked: "no plans to", "do you plan
 * to ...?". */
static int cue_denied(const char *p, const char *c, const char *end) {
    static const char *const neg[] = {"no ", "not ", "n't ", "never ", NULL};
    if (*end == '?')
        return 1;
    for (size_t i = 0; neg[i]; i++) {
        size_t l = strlen(neg[i]);
        if ((size_t)(c - p) >= l && !hs__strncasecmp(c - l, neg[i], l))
            return 1;
    }
    return 0;
}

/* The length of the opening "Post-incident, " or "To prevent
 * recurrence, " of a sentence that states follow-up work, 0 if none. */
static size_t follow_up_opening(const char *p, const char *end, int *is_goal) {
    static const char *const after[] = {"post-incident, ",
                                        "post incident, ",
                                        "after the incident, ",
                                        "following the incident, ",
                                        "longer-term, ",
                                        "long-term, ",
                                        "longer term, ",
                                        "long term, ",
                                        "in the long term, ",
                                        "going forward, ",
                                        NULL};
    static const char *const goal[] = {"to prevent ", "to avoid ", NULL};
    for (size_t i = 0; after[i]; i++)
        if (!hs__strncasecmp(p, after[i], strlen(after[i]))) {
            *is_goal = 0;
            return strlen(after[i]);
        }
    for (size_t i = 0; goal[i]; i++)
        if (!hs__strncasecmp(p, goal[i], strlen(goal[i]))) {
            const char *c = p;
            while (c < end && !(*c == ',' && c[1] == ' '))
                c++;
            if (c >= end || c - p > 60)
                return 0;
            *is_goal = 1;
            return (size_t)(c + 2 - p);
        }
    return 0;
}

/* Whether the goal p..c ("To prevent similar occurrences, ") is that the
 * incident not recur, rather than that it not grow. */
static int recurrence_goal(const char *p, const char *c) {
    static const char *const words[] = {"similar", "recur",     "reoccur",
                                        "future",  "again",     "repeat",
                                        "such ",   "this from", NULL};
    char *t = hs__xstrndup(p, (size_t)(c - p));
    int yes = 0;
    for (size_t i = 0; words[i] && !yes; i++)
        yes = hs__strcasestr(t, words[i]) != NULL;
    free(t);
    return yes;
}

/*
 * "GitHub plans to work with its vendor, build a staging copy, and ...",
 * "Further steps include A, B and C", "Datadog is implementing several
 * changes. These include A, B and C", "Cloudflare is implementing
 * follow-up actions, including A, B", "Recommendations for the team: A;
 * B", "To prevent recurrence, GitHub is decoupling A, reviewing B",
 * "Post-incident, A was added, and B": each part of the list after the
 * cue is an action. `prev` (to prev_end) is the sentence before, which
 * gives "These include" its status; `prev_list` says it held a list,
 * which "They are also reviewing A, B" continues. Returns 1 if the
 * sentence had a list.
 */
static int plan_list(const char *p, const char *end, const char *prev,
                     const char *prev_end, int prev_list, int line,
                     hs_postmortem *pm) {
    static const struct {
        const char *cue;
        hs_status status;
    } cues[] = {{"plans to ", HS_STATUS_NOT_STARTED},
                {"planning to ", HS_STATUS_NOT_STARTED},
                {"we plan to ", HS_STATUS_NOT_STARTED},
                {"they plan to ", HS_STATUS_NOT_STARTED},
                {"also plan to ", HS_STATUS_NOT_STARTED},
                {"plans include ", HS_STATUS_NOT_STARTED},
                {"plans involve ", HS_STATUS_NOT_STARTED},
                {"steps include ", HS_STATUS_UNKNOWN},
                {"improvements include ", HS_STATUS_NOT_STARTED},
                {"next steps are ", HS_STATUS_UNKNOWN},
                {"actions include ", HS_STATUS_UNKNOWN},
                {"actions included ", HS_STATUS_DONE},
                {"committed to ", HS_STATUS_NOT_STARTED}};
    static const char *const includes[] = {" include ", " includes ",
                                           " included ", ", including ", NULL};
    size_t open;
    int is_goal = 0;
    for (size_t i = 0; i < HS_ARRAY_LEN(cues); i++) {
        const char *c = hs__strcasestr(p, cues[i].cue);
        hs_status st = cues[i].status;
        if (!c || c >= end)
            continue;
        if (cue_denied(p, c, end))
            return 0;
        if (st == HS_STATUS_UNKNOWN)
            st = clause_status(p, c);
        add_prose_list(c + strlen(cues[i].cue), end, st, line, pm);
        return 1;
    }
    /* "<work> include(s|d) A, B", "These include A, B" */
    for (size_t i = 0; includes[i]; i++) {
        const char *c = hs__strcasestr(p, includes[i]);
        hs_status st;
        if (!c || c >= end || !names_work(p, c, 1))
            continue;
        /* "These include" lists work only after a sentence about work
         * ("several areas for improvement"), not after symptoms */
        if (!hs__strncasecmp(p, "these ", 6) &&
            (!prev || !names_work(prev, prev_end, 0)))
            continue;
        st = clause_status(p, c);
        if (st == HS_STATUS_UNKNOWN && prev && !hs__strncasecmp(p, "these ", 6))
            st = clause_status(prev, prev_end);
        /* "Remediation included A, B": the past tense reports work done */
        if (st == HS_STATUS_UNKNOWN && !strcmp(includes[i], " included "))
            st = HS_STATUS_DONE;
        add_prose_list(c + strlen(includes[i]), end, st, line, pm);
        return 1;
    }
    /* "Recommendations for the IGS: A; B; and C" */
    {
        const char *c = memchr(p, ':', (size_t)(end - p));
        if (c && c - p < 60 && c[1] == ' ' && names_work(p, c, 0)) {
            add_prose_list(c + 2, end, clause_status(p, c), line, pm);
            return 1;
        }
    }
    /* "To prevent recurrence, GitHub is decoupling A, reviewing B" and
     * "Post-incident, A was added, and B" */
    open = follow_up_opening(p, end, &is_goal);
    if (open && is_goal) {
        const char *c = p + open, *v;
        for (v = c; v < end && v - c < 40; v++) {
            if ((!strncmp(v, " is ", 4) || !strncmp(v, " are ", 5)) &&
                ing_word(strchr(v + 1, ' ') + 1)) {
                add_prose_list(strchr(v + 1, ' ') + 1, end,
                               HS_STATUS_IN_PROGRESS, line, pm);
                return 1;
            }
            if (!strncmp(v, " will ", 6)) {
                add_prose_list(v + 6, end, HS_STATUS_NOT_STARTED, line, pm);
                return 1;
            }
        }
        /* "To prevent recurrence, GitHub updated its checklist": the
         * subject, up to three words, then the deed; a deed to prevent
         * "further impact" was the incident's own work */
        for (v = c; v < end && v - c < 40 && recurrence_goal(p, c); v++)
            if (*v == ' ' && past_word(v + 1)) {
                size_t words = 0;
                for (const char *w = c; w < v; w++)
                    words += *w == ' ';
                /* not "Acme immediately halted ...": done on the spot */
                if (words < 3 && *c >= 'A' && *c <= 'Z' &&
                    strncmp(v - 2, "ly", 2)) {
                    add_prose_list(v + 1, end, HS_STATUS_DONE, line, pm);
                    return 1;
                }
                break;
            }
    } else if (open) {
        add_prose_list(p + open, end, HS_STATUS_UNKNOWN, line, pm);
        return 1;
    }
    /* "In response, the team modified A to ensure B and added C", "As
     * remediation, the storage team deployed A": deeds told with the recurrence
     * they prevent, or beside work still going on, are follow-up work */
    {
        static const char *const openings[] = {
            "in response, ", "as remediation, ", "as a remediation, ",
            "in remediation, ", NULL};
        for (size_t i = 0; openings[i]; i++) {
            size_t ol = strlen(openings[i]);
            const char *c, *v;
            char *t;
            int purpose, words = 0;
            if (hs__strncasecmp(p, openings[i], ol))
                continue;
            t = hs__xstrndup(p, (size_t)(end - p));
            purpose = i > 0 || hs__strcasestr(t, " to prevent ") ||
                      hs__strcasestr(t, " to ensure ") ||
                      hs__strcasestr(t, " to avoid ") ||
                      hs__strcasestr(t, "safeguard") ||
                      hs__strcasestr(t, ", and is ") ||
                      hs__strcasestr(t, ", and will ");
            free(t);
            /* the subject: "we" or up to three words, the first capitalised */
            c = p + ol;
            v = c;
            if (!hs__strncasecmp(c, "we ", 3))
                v = c + 3;
            else if (*c >= 'A' && *c <= 'Z')
                for (v = strchr(c, ' ');
                     v && v < end && words < 3 && !past_word(v + 1) &&
                     !participle(v + 1);
                     v = strchr(v + 1, ' '))
                    words++;
            if (purpose && v && v < end && v > c &&
                (past_word(v[0] == ' ' ? v + 1 : v) ||
                 participle(v[0] == ' ' ? v + 1 : v))) {
                add_prose_list(v[0] == ' ' ? v + 1 : v, end, HS_STATUS_DONE,
                               line, pm);
                return 1;
            }
            break;
        }
    }
    /* "The vendor is implementing A, B and C to prevent similar events" */
    {
        const char *w = NULL, *v = NULL;
        char *t = hs__xstrndup(p, (size_t)(end - p));
        int purpose = hs__strcasestr(t, " to prevent ") ||
                      hs__strcasestr(t, " to avoid ");
        free(t);
        if (purpose && *p >= 'A' && *p <= 'Z' &&
            (((v = verb_at(p, end, " is ", ing_word, &w)) && v - p < 30) ||
             ((v = verb_at(p, end, " are ", ing_word, &w)) && v - p < 30)) &&
            hs__strncasecmp(w, "being ", 6) &&
            hs__strncasecmp(w, "going ", 6) &&
            memchr(w, ',', (size_t)(end - w))) {
            add_prose_list(w, end, HS_STATUS_IN_PROGRESS, line, pm);
            return 1;
        }
    }
    /* "More training will be conducted in the future", "We will review
     * the alerts going forward": a "will" told with a time to come is a
     * plan, not a consequence */
    {
        static const char *const later[] = {"in the future",
                                            "in future",
                                            "going forward",
                                            "moving forward",
                                            "from now on",
                                            "in the coming",
                                            NULL};
        const char *w;
        char *t = hs__xstrndup(p, (size_t)(end - p));
        int is_later = 0;
        for (size_t i = 0; later[i] && !is_later; i++)
            is_later = hs__strcasestr(t, later[i]) != NULL;
        free(t);
        if (is_later && *p >= 'A' && *p <= 'Z' &&
            (subject_will(p) || verb_at(p, end, " will ", planned_word, &w)) &&
            !cue_denied(p, p, end)) {
            add_prose_action(p, (size_t)(end - p), HS_STATUS_NOT_STARTED, line,
                             pm);
            return 1;
        }
    }
    /* "They are also reviewing A, B" after a sentence with a list */
    if (prev_list) {
        const char *c = hs__strcasestr(p, " also ");
        if (c && c < end && c - p < 20 &&
            (!hs__strncasecmp(p, "they ", 5) || !hs__strncasecmp(p, "we ", 3) ||
             !hs__strncasecmp(p, "it ", 3))) {
            c += 6;
            add_prose_list(
                c, end, ing_word(c) ? HS_STATUS_IN_PROGRESS : HS_STATUS_UNKNOWN,
                line, pm);
            return 1;
        }
    }
    return 0;
}

/*
 * The length of the words that open a sentence as one step of several
 * ("Secondly, ", "To start with, ", "Finally, ") or place it in time ("As
 * a longer term solution (Q2), ", "In the next quarter, "): up to the
 * first comma, eight words at most. 0 if none.
 */
static size_t ordinal_len(const char *p, int steps_only) {
    static const char *const words[] = {"first, ",
                                        "firstly, ",
                                        "second, ",
                                        "secondly, ",
                                        "third, ",
                                        "thirdly, ",
                                        "finally, ",
                                        "lastly, ",
                                        "next, ",
                                        "then, ",
                                        "to start with, ",
                                        "to begin with, ",
                                        "as ",
                                        "in ",
                                        "for ",
                                        "over ",
                                        "within ",
                                        NULL};
    const size_t n_steps = 12; /* the first words, which say "a step" */
    const char *c = strstr(p, ", ");
    size_t n = 0;
    if (!c)
        return 0;
    for (const char *w = p; w < c; w++)
        n += *w == ' ';
    if (n >= 8)
        return 0;
    for (size_t i = 0; words[i] && (!steps_only || i < n_steps); i++)
        if (!hs__strncasecmp(p, words[i], strlen(words[i])))
            return (size_t)(c + 2 - p);
    return 0;
}

/* The length of the connective that opens a sentence adding to what came
 * before ("Additionally, ", "Furthermore, "), 0 if none. */
static size_t connective_len(const char *p) {
    static const char *const words[] = {"additionally, ",
                                        "furthermore, ",
                                        "in addition, ",
                                        "moreover, ",
                                        "also, ",
                                        "further, ",
                                        NULL};
    for (size_t i = 0; words[i]; i++)
        if (!hs__strncasecmp(p, words[i], strlen(words[i])))
            return strlen(words[i]);
    return 0;
}

/* Where in p..end the word w (" was ", " is ") is followed, after an
 * optional "also ", by a word `pred` accepts; NULL if nowhere in the first
 * `reach` bytes. *word is set to that word. */
static const char *verb_at(const char *p, const char *end, const char *w,
                           int (*pred)(const char *), const char **word) {
    size_t reach = 120;
    for (const char *c = p; (c = hs__strcasestr(c, w)) && c < end;
         c += strlen(w)) {
        const char *v = c + strlen(w);
        if ((size_t)(c - p) > reach)
            return NULL;
        if (!hs__strncasecmp(v, "also ", 5))
            v += 5;
        if (v < end && pred(v)) {
            *word = v;
            return c;
        }
    }
    return NULL;
}

/* "planned", or "be" and a participle ("will be added"; not "will be 3
 * seconds", a state to come). */
static int planned_word(const char *w) {
    return !hs__strncasecmp(w, "planned", 7) ||
           (!hs__strncasecmp(w, "be ", 3) && participle(w + 3));
}

static int under_way_word(const char *w) {
    return !hs__strncasecmp(w, "underway", 8) ||
           !hs__strncasecmp(w, "under way", 9) ||
           !hs__strncasecmp(w, "ongoing", 7) ||
           (!hs__strncasecmp(w, "being ", 6) && past_word(w + 6));
}

/* "The S3 team is also reprioritizing A": where the gerund is, or NULL. */
static const char *also_doing(const char *p, const char *end) {
    static const char *const be[] = {" is ", " are ", NULL};
    const char *v, *w;
    for (size_t i = 0; be[i]; i++)
        if ((v = verb_at(p, end, be[i], ing_word, &w)) && v - p < 40 &&
            !hs__strncasecmp(w - 5, "also ", 5) &&
            hs__strncasecmp(w, "being ", 6))
            return w;
    return NULL;
}

/*
 * A sentence after a follow-up list that states more work of its own, told
 * in the passive or with a subject: "Architectural changes are planned to
 * ..." and "A and B were also planned" (not started, one item per subject
 * joined by "and"), "An audit of the tools is underway" and "The secrets
 * are being rotated" (in progress), "The team is also reviewing A" (in
 * progress, the item from its gerund), "The recovery process was also
 * improved" and "A was added, and B were tightened" (done, one item per
 * clause). Adds the items and returns 1, else 0.
 */
static int follow_up_sentence(const char *p, const char *end, int line,
                              hs_postmortem *pm) {
    static const char *const passive[] = {" was ", " were ", " has been ",
                                          " have been ", NULL};
    static const char *const be[] = {" is ", " are ", " was ", " were ", NULL};
    static const char *const will[] = {" will ", NULL};
    const char *v, *w;
    p += connective_len(p);
    /* "Secondly, we'll add A", "To start with, all clients will stop B":
     * one step of the work announced, still to do */
    {
        size_t ol = ordinal_len(p, 0);
        if (ol && (commitment_cue(p + ol) == 2 || subject_will(p + ol))) {
            add_prose_action(p + ol, (size_t)(end - p - ol),
                             HS_STATUS_NOT_STARTED, line, pm);
            return 1;
        }
    }
    {
        /* "Crucially, checksums are being added" */
        const char *c = p;
        while (hs__isalpha((unsigned char)*c))
            c++;
        if (c - p > 4 && !strncmp(c - 2, "ly, ", 4))
            p = c + 2;
    }
    /* "The provider also reviewed A and corrected B" */
    {
        const char *c = hs__strcasestr(p, " also ");
        static const char *const aux[] = {"was", "were", "been", "is",
                                          "are", "has",  "have", NULL};
        int is_passive = 0;
        for (size_t i = 0; c && aux[i]; i++) {
            size_t l = strlen(aux[i]);
            is_passive |= (size_t)(c - p) >= l &&
                          !hs__strncasecmp(c - l, aux[i], l) &&
                          (size_t)(c - p) > l && c[-(long)l - 1] == ' ';
        }
        if (c && c < end && c - p < 30 && !is_passive && past_word(c + 6) &&
            !memchr(p, ',', (size_t)(c - p))) {
            add_prose_list(c + 6, end, HS_STATUS_DONE, line, pm);
            return 1;
        }
    }
    for (size_t i = 0; be[i]; i++)
        if ((v = verb_at(p, end, be[i], planned_word, &w)) &&
            !hs__strncasecmp(w, "planned", 7)) {
            /* "A and B were also planned": two subjects, two items */
            const char *and = NULL;
            for (const char *c = p; (c = hs__strcasestr(c, " and ")) && c < v;
                 c += 5)
                and = c;
            if (and&&strncmp(be[i], " is ", 4) && strncmp(be[i], " was ", 5)) {
                add_prose_action(p, (size_t)(and-p), HS_STATUS_NOT_STARTED,
                                 line, pm);
                p = and+5;
            }
            add_prose_action(p, (size_t)(end - p), HS_STATUS_NOT_STARTED, line,
                             pm);
            return 1;
        }
    for (size_t i = 0; will[i]; i++)
        if (verb_at(p, end, will[i], planned_word, &w)) {
            add_prose_action(p, (size_t)(end - p), HS_STATUS_NOT_STARTED, line,
                             pm);
            return 1;
        }
    for (size_t i = 0; be[i] && i < 2; i++) {
        if (verb_at(p, end, be[i], under_way_word, &w)) {
            add_prose_action(p, (size_t)(end - p), HS_STATUS_IN_PROGRESS, line,
                             pm);
            return 1;
        }
        if ((w = also_doing(p, end))) {
            add_prose_list(w, end, HS_STATUS_IN_PROGRESS, line, pm);
            return 1;
        }
    }
    for (size_t i = 0; passive[i]; i++)
        if (verb_at(p, end, passive[i], participle, &w)) {
            /* "A was added, and B were tightened": one item per clause */
            while (p < end) {
                const char *c = p, *next = end;
                while ((c = strstr(c, ", and ")) && c < end) {
                    int own = 0;
                    for (size_t k = 0; passive[k] && !own; k++)
                        own = verb_at(c + 6, end, passive[k], participle, &w) !=
                              NULL;
                    if (own) {
                        next = c;
                        break;
                    }
                    c += 6;
                }
                add_prose_action(p, (size_t)(next - p), HS_STATUS_DONE, line,
                                 pm);
                p = next < end ? next + 6 : end;
            }
            return 1;
        }
    return 0;
}

/* "The company has taken several steps to prevent recurrence.": a sentence
 * that names follow-up work for a purpose, the work told after it. */
static int announces_prevention(const char *p, const char *end) {
    static const char *const purposes[] = {
        " to prevent ", " to avoid ", " to make sure ", " to ensure ", NULL};
    char *t = hs__xstrndup(p, (size_t)(end - p));
    const char *c = NULL;
    int yes;
    for (size_t i = 0; purposes[i] && !c; i++)
        c = hs__strcasestr(t, purposes[i]);
    /* the work named just before the purpose, and no list after it; a
     * clause before it may have its commas ("..., and we'll be making
     * several changes to make sure ...") */
    yes = c && names_work(t, c, 1) && !strchr(c, ',');
    free(t);
    return yes;
}

/*
 * A document without an action section or any item may still state its
 * follow-up work in prose as a list after a cue ("plans to", "further
 * steps include"): every such list in the paragraphs outside the timeline
 * and the lessons. (A bare "will" clause is too often a consequence, not
 * a plan.)
 */
static void actions_from_plans(const hs__doc *doc, const hs__kind *kinds,
                               hs_postmortem *pm) {
    for (size_t i = 0; i < doc->n_sections; i++) {
        const hs__section *s = &doc->sections[i];
        if (kinds[i] == HS_KIND_TIMELINE || kinds[i] == HS_KIND_LESSONS ||
            kinds[i] == HS_KIND_WENT_WELL || kinds[i] == HS_KIND_WENT_WRONG ||
            kinds[i] == HS_KIND_LUCKY || kinds[i] == HS_KIND_REFERENCES)
            continue;
        int listed = 0; /* a follow-up list earlier in the section */
        int chain = 0;  /* the sentence before went on with the work; the
                           work goes on into the next paragraph too */
        for (size_t k = 0; k < s->n_paras; k++) {
            const char *p = s->paras[k].text, *prev = NULL, *prev_end = NULL;
            int found = 0;
            while (*p) {
                const char *end = sentence_end(p);
                /* "The team is also reprioritizing plans to A" goes on
                 * with the list before: one item, not a list of plans */
                int more = chain && also_doing(p, end) &&
                           follow_up_sentence(p, end, s->paras[k].line, pm);
                found = !more && plan_list(p, end, prev, prev_end, found,
                                           s->paras[k].line, pm);
                /* after a list, a sentence that goes on with more work:
                 * at once, or later in the section after "Additionally,"
                 * or with "also" */
                if (found || more) {
                    listed = chain = 1;
                } else if (announces_prevention(p, end)) {
                    /* the sentences after it are the steps, and a later
                     * "Secondly, ..." another */
                    chain = listed = 1;
                } else if (chain ||
                           (listed && (connective_len(p) || ordinal_len(p, 1) ||
                                       (hs__strcasestr(p, " also ") &&
                                        hs__strcasestr(p, " also ") < end)))) {
                    chain = follow_up_sentence(p, end, s->paras[k].line, pm);
                } else {
                    chain = 0;
                }
                prev = p;
                prev_end = end;
                p = *end ? end + 1 : end;
                while (*p == ' ' || *p == '\n')
                    p++;
            }
        }
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
static size_t marker_len(const char *p) {
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
            if (!it->quoted && (it->checked >= 0 || marker_len(it->text)))
                action_from_item(it, it->depth, HS_STATUS_UNKNOWN, pm);
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
                    !marker_len(p))
                    continue;
                end = p + strcspn(p, "\n");
                for (const char *e = p + marker_len(p); e < end; e++)
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
                action_from_item(&it, 0, HS_STATUS_UNKNOWN, pm);
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
            actions_from_paragraphs(doc, kinds, owner, pm);
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
                                   ? lead_in_status(p)
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
                           meta_item(&pm->actions[parent], it)) {
                    /* "- Owner: Jo" under its item: read into it */
                } else if (is_action) {
                    size_t before = pm->n_actions;
                    action_from_item(it, group_depth,
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
        actions_from_plans(doc, kinds, pm);
    actions_from_markers(doc, kinds, in_actions, pm);
    free(in_actions);
    drop_done_during_incident(pm);
    /* last, what an item written as a sentence says of itself */
    for (size_t i = 0; i < pm->n_actions; i++)
        if (pm->actions[i].status == HS_STATUS_UNKNOWN) {
            status_from_sentence(&pm->actions[i]);
            if (files_work(pm->actions[i].action))
                pm->actions[i].status = HS_STATUS_NOT_STARTED;
        }
}

/* ---------------------------------------------------------------------
 * Timeline
 */

static void timeline_add(hs_postmortem *pm, const char *time, size_t time_len,
                         const char *event) {
    hs_timeline_entry *e;
    char *ev;
    while (*event == ' ' || *event == '-' || *event == ':' || *event == '|' ||
           *event == '*')
        event++;
    if (!strncmp(event, "\xe2\x80\x94", 3) ||
        !strncmp(event, "\xe2\x80\x93", 3))
        event += 3;
    ev = hs__strtrim(event, strlen(event));
    if (!*ev || is_placeholder(ev)) {
        free(ev);
        return;
    }
    e = hs__pm_add_timeline(pm);
    e->time = hs__strtrim(time, time_len);
    e->event = ev;
}

static void timeline_from_table(const hs__table *t, int is_timeline,
                                hs_postmortem *pm) {
    int c_time = find_col(t, HS_KIND_TIME),
        c_event = find_col(t, HS_KIND_EVENT);
    if (!is_timeline &&
        (c_time < 0 || c_event < 0 || find_col(t, HS_KIND_OWNER) >= 0))
        return;
    if (t->n_cols < 2)
        return;
    if (c_time < 0)
        c_time = 0;
    if (c_event < 0 || c_event == c_time)
        c_event = c_time == 0 ? 1 : 0;
    for (size_t r = 1; r < t->n_rows; r++) {
        const char *tm = cell(t, r, c_time);
        timeline_add(pm, tm, strlen(tm), cell(t, r, c_event));
    }
}

/*
 * The length of the time that starts a timeline line, 0 if none: what
 * hs__time_prefix reads ("14:32 UTC", "2022-01-25 10:21", "Sep 27 2017
 * 13:06"), the same in brackets ("[13:42]"), "13.42", and a time the
 * writer did not know ("[???]", "2X:XX"), which is still an entry.
 */
static size_t tl_time_prefix(const char *p) {
    size_t n;
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
    if (n)
        return n;
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
                q++;
                while (*p) {
                    size_t n = strcspn(p, "\n");
                    timeline_from_line(p, n, 1, pm);
                    p += n;
                    if (*p)
                        p++;
                }
            }
        }
    }
    drop_untimed(pm);
}
