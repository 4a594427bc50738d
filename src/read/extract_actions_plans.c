/*
 * Follow-up work told in the prose of a section that is not an action
 * section, for documents with no action section at all: "Our next steps
 * include A, B and C", "We will ...", "Secondly, ...", sentences that go
 * on with the work of the one before. Each item of such a list becomes an
 * action with the status its sentence gives. The riskiest reading of all
 * (a "will" clause is often a consequence, not a plan), so it is kept to
 * itself and runs only when nothing else found an item.
 */
#include "base/util.h"
#include "read/extract_actions_int.h"

#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

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
    return hs__prefix_in(c, quant) != 0;
}

/* Whether a list part starting at c continues the part before it ("which
 * began shipping", "so that ...") rather than naming work of its own. */
static int continues_part(const char *c) {
    static const char *const words[] = {
        "which ",     "who ",   "so ",           "since ",    "while ",
        "where ",     "when ",  "because ",      "based on ", "due to ",
        "thanks to ", "given ", "according to ", NULL};
    return hs__prefix_in(c, words) != 0;
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
 * Where in c..q an " and " joins two parts that `opens` reads as each
 * opening an item of work, both of more than one word: "reviewing A and
 * collaborating with B", "review A and strengthen B" (not
 * "reprioritizing and accelerating plans": the first part has no object
 * of its own); NULL if none.
 */
static const char *and_of_two(const char *c, const char *q,
                              int (*opens)(const char *)) {
    for (const char *f = c; (f = hs__strcasestr_before(f, q, " and ")); f += 5)
        if (opens(f + 5) && memchr(c, ' ', (size_t)(f - c)) &&
            memchr(f + 5, ' ', (size_t)(q - f - 5)))
            return f;
    return NULL;
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
            const char *f = hs__strcasestr_before(c, q, joins[i].join);
            if (f && (!j || f < j)) {
                j = f;
                jl = strlen(joins[i].join);
                js = joins[i].status;
            }
        }
        /* "The team modified A and added B": two deeds, two items */
        if (!j) {
            const char *sp = strchr(c, ' '), *v = c;
            if (sp && sp < q && *c >= 'A' && *c <= 'Z' && hs__past_word(sp + 1))
                v = sp + 1;
            if (hs__past_word(v))
                for (const char *f = v;
                     (f = hs__strcasestr_before(f, q, " and ")); f += 5)
                    if (hs__past_word(f + 5)) {
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
            gerunds = hs__ing_word(c);
        /* "reviewing A and collaborating with B": two gerunds, two items */
        if (!j && gerunds && hs__ing_word(c) &&
            (j = and_of_two(c, q, hs__ing_word)) != NULL) {
            jl = 5;
            js = status;
        }
        /* "review A and strengthen B": two verbs of work, two items */
        if (!j && hs__work_verb(c) &&
            (j = and_of_two(c, q, hs__work_verb)) != NULL) {
            jl = 5;
            js = status;
        }
        if (!continues_part(c) && !announces_work(c, q) &&
            !(!first && gerunds && !series &&
              (!hs__strncasecmp(c, "the ", 4) || !hs__strncasecmp(c, "a ", 2) ||
               !hs__strncasecmp(c, "an ", 3) || hs__past_word(c)))) {
            if (j && (js != HS_STATUS_IN_PROGRESS || hs__ing_word(j + jl))) {
                hs__add_prose_action(c, (size_t)(j - c), status, line, pm);
                hs__add_prose_action(j + jl, (size_t)(q - j - jl), js, line,
                                     pm);
            } else {
                hs__add_prose_action(c, (size_t)(q - c), status, line, pm);
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
 * Where the work starts in a sentence whose subject "plans" things rather
 * than plans to do them ("Acme plans further investigation, an internal
 * debrief, and ..."), or NULL: "plans" as a verb after its subject, not
 * the noun ("Our plans were ...", "recovery plans for ...").
 */
static const char *plans_object(const char *p, const char *end) {
    static const char *const not_subject[] = {
        "the",   "our",    "their",    "its",         "these",
        "those", "future", "any",      "no",          "his",
        "her",   "your",   "recovery", "contingency", NULL};
    static const char *const not_object[] = {
        "to", "were", "are",     "was",     "is",  "for",
        "of", "that", "had",     "have",    "and", "in",
        "on", "with", "include", "involve", NULL};
    const char *c = hs__strcasestr_before(p, end, " plans ");
    const char *w, *o = c ? c + 7 : NULL;
    size_t n;
    if (!c || cue_denied(p, c, end))
        return NULL;
    for (w = c; w > p && w[-1] != ' '; w--)
        ;
    if (w == c || (*w >= 'a' && *w <= 'z' && hs__strncasecmp(w, "we", 2) &&
                   hs__strncasecmp(w, "team", 4)))
        return NULL; /* a subject: a name ("Acme"), "we", "the team" */
    for (size_t i = 0; not_subject[i]; i++)
        if ((size_t)(c - w) == strlen(not_subject[i]) &&
            !hs__strncasecmp(w, not_subject[i], (size_t)(c - w)))
            return NULL;
    n = strcspn(o, " ,.");
    for (size_t i = 0; not_object[i]; i++)
        if (n == strlen(not_object[i]) && !hs__strncasecmp(o, not_object[i], n))
            return NULL;
    return o < end && strchr(o, ',') && strchr(o, ',') < end ? o : NULL;
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
                {"committed to ", HS_STATUS_NOT_STARTED},
                {"intend to ", HS_STATUS_NOT_STARTED},
                {"intends to ", HS_STATUS_NOT_STARTED},
                {"next step is to ", HS_STATUS_NOT_STARTED},
                {"next steps are to ", HS_STATUS_NOT_STARTED}};
    static const char *const includes[] = {" include ", " includes ",
                                           " included ", ", including ", NULL};
    size_t open;
    int is_goal = 0;
    const char *po;
    for (size_t i = 0; i < HS_ARRAY_LEN(cues); i++) {
        hs_status st = cues[i].status;
        const char *c = hs__strcasestr_before(p, end, cues[i].cue);
        if (!c)
            continue;
        if (cue_denied(p, c, end))
            return 0;
        if (st == HS_STATUS_UNKNOWN)
            st = hs__clause_status(p, c);
        add_prose_list(c + strlen(cues[i].cue), end, st, line, pm);
        return 1;
    }
    /* "Acme plans further investigation, an internal debrief, and ..." */
    if ((po = plans_object(p, end)) != NULL) {
        add_prose_list(po, end, HS_STATUS_NOT_STARTED, line, pm);
        return 1;
    }
    /* "<work> include(s|d) A, B", "These include A, B" */
    for (size_t i = 0; includes[i]; i++) {
        const char *c = hs__strcasestr_before(p, end, includes[i]);
        hs_status st;
        if (!c || !names_work(p, c, 1))
            continue;
        /* "These include" lists work only after a sentence about work
         * ("several areas for improvement"), not after symptoms */
        if (!hs__strncasecmp(p, "these ", 6) &&
            (!prev || !names_work(prev, prev_end, 0)))
            continue;
        st = hs__clause_status(p, c);
        if (st == HS_STATUS_UNKNOWN && prev && !hs__strncasecmp(p, "these ", 6))
            st = hs__clause_status(prev, prev_end);
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
            add_prose_list(c + 2, end, hs__clause_status(p, c), line, pm);
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
                hs__ing_word(strchr(v + 1, ' ') + 1)) {
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
            if (*v == ' ' && hs__past_word(v + 1)) {
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
                     v && v < end && words < 3 && !hs__past_word(v + 1) &&
                     !hs__participle(v + 1);
                     v = strchr(v + 1, ' '))
                    words++;
            if (purpose && v && v < end && v > c &&
                (hs__past_word(v[0] == ' ' ? v + 1 : v) ||
                 hs__participle(v[0] == ' ' ? v + 1 : v))) {
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
            (((v = verb_at(p, end, " is ", hs__ing_word, &w)) && v - p < 30) ||
             ((v = verb_at(p, end, " are ", hs__ing_word, &w)) &&
              v - p < 30)) &&
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
            (hs__subject_will(p) ||
             verb_at(p, end, " will ", planned_word, &w)) &&
            !cue_denied(p, p, end)) {
            hs__add_prose_action(p, (size_t)(end - p), HS_STATUS_NOT_STARTED,
                                 line, pm);
            return 1;
        }
    }
    /* "They are also reviewing A, B" after a sentence with a list */
    if (prev_list) {
        const char *c = hs__strcasestr_before(p, end, " also ");
        if (c && c - p < 20 &&
            (!hs__strncasecmp(p, "they ", 5) || !hs__strncasecmp(p, "we ", 3) ||
             !hs__strncasecmp(p, "it ", 3))) {
            c += 6;
            add_prose_list(c, end,
                           hs__ing_word(c) ? HS_STATUS_IN_PROGRESS
                                           : HS_STATUS_UNKNOWN,
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
    return hs__prefix_in(p, words);
}

/* Where in p..end the word w (" was ", " is ") is followed, after an
 * optional "also ", by a word `pred` accepts; NULL if nowhere in the first
 * `reach` bytes. *word is set to that word. */
static const char *verb_at(const char *p, const char *end, const char *w,
                           int (*pred)(const char *), const char **word) {
    size_t reach = 120;
    for (const char *c = p; (c = hs__strcasestr_before(c, end, w));
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
           (!hs__strncasecmp(w, "be ", 3) && hs__participle(w + 3));
}

static int under_way_word(const char *w) {
    return !hs__strncasecmp(w, "underway", 8) ||
           !hs__strncasecmp(w, "under way", 9) ||
           !hs__strncasecmp(w, "ongoing", 7) ||
           (!hs__strncasecmp(w, "being ", 6) && hs__past_word(w + 6));
}

/* "The S3 team is also reprioritizing A": where the gerund is, or NULL. */
static const char *also_doing(const char *p, const char *end) {
    static const char *const be[] = {" is ", " are ", NULL};
    const char *v, *w;
    for (size_t i = 0; be[i]; i++)
        if ((v = verb_at(p, end, be[i], hs__ing_word, &w)) && v - p < 40 &&
            !hs__strncasecmp(w - 5, "also ", 5) &&
            hs__strncasecmp(w, "being ", 6))
            return w;
    return NULL;
}

/*
 * The length of a "we" opening that tells work and its status: "We have
 * (already|also) <past>" (done), "We are (also) <-ing>" (in progress),
 * "We will (also)", "We'll" (not started); 0 if none. *st is set.
 */
static size_t we_work(const char *p, hs_status *st) {
    static const struct {
        const char *lead;
        hs_status status;
        int (*verb)(const char *);
    } leads[] = {
        {"we have already ", HS_STATUS_DONE, hs__past_word},
        {"we have also ", HS_STATUS_DONE, hs__past_word},
        {"we have ", HS_STATUS_DONE, hs__past_word},
        {"we are also ", HS_STATUS_IN_PROGRESS, hs__ing_word},
        {"we are ", HS_STATUS_IN_PROGRESS, hs__ing_word},
        {"we will also ", HS_STATUS_NOT_STARTED, NULL},
        {"we will ", HS_STATUS_NOT_STARTED, NULL},
        {"we'll also ", HS_STATUS_NOT_STARTED, NULL},
        {"we'll ", HS_STATUS_NOT_STARTED, NULL},
    };
    for (size_t i = 0; i < HS_ARRAY_LEN(leads); i++) {
        size_t n = strlen(leads[i].lead), k;
        const char *v = p + n;
        /* a paragraph's sentence may break its line anywhere */
        for (k = 0; k < n; k++)
            if (leads[i].lead[k] == ' '
                    ? p[k] != ' ' && p[k] != '\n'
                    : hs__tolower((unsigned char)p[k]) != leads[i].lead[k])
                break;
        if (k < n)
            continue;
        /* "we are going to" is a plan; "we are being asked" no work */
        if (leads[i].verb == hs__ing_word &&
            !hs__strncasecmp(v, "going to ", 9))
            return *st = HS_STATUS_NOT_STARTED, n + 9;
        if (!hs__strncasecmp(v, "being ", 6) ||
            (leads[i].verb && !leads[i].verb(v)))
            return 0;
        *st = leads[i].status;
        return n;
    }
    return 0;
}

/*
 * "We have already raised A and added B. We are changing C, and we are
 * adding D. We will also move E": after a sentence that announced the
 * work, each "we" clause is work with the status its tense gives, one
 * item per clause ("..., and we are ...") and per deed ("raised A and
 * added B"). Returns 1 if p..end was one.
 */
static int we_sentence(const char *p, const char *end, int line,
                       hs_postmortem *pm) {
    hs_status st;
    size_t n = we_work(p, &st);
    if (!n)
        return 0;
    p += n;
    while (p < end) {
        const char *next = end, *c = p;
        hs_status next_st = st;
        size_t m = 0;
        while ((c = strstr(c, ", and")) && c + 6 < end) {
            if ((c[5] == ' ' || c[5] == '\n') &&
                (m = we_work(c + 6, &next_st)) > 0) {
                next = c;
                break;
            }
            c += 5;
        }
        add_prose_list(p, next, st, line, pm);
        if (next == end)
            break;
        p = next + 6 + m;
        st = next_st;
    }
    return 1;
}

int hs__already_done_paragraph(const hs__item *para, hs_postmortem *pm) {
    const char *p = para->text, *end;
    hs_status st;
    if (para->quoted || hs__strncasecmp(p, "we have already ", 16) ||
        !we_work(p, &st))
        return 0;
    end = hs__sentence_end(p);
    return we_sentence(p, end, para->line, pm);
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
    if (we_sentence(p, end, line, pm))
        return 1;
    /* "Secondly, we'll add A", "To start with, all clients will stop B":
     * one step of the work announced, still to do */
    {
        size_t ol = ordinal_len(p, 0);
        if (ol &&
            (hs__commitment_cue(p + ol) == 2 || hs__subject_will(p + ol))) {
            hs__add_prose_action(p + ol, (size_t)(end - p - ol),
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
        const char *c = hs__strcasestr_before(p, end, " also ");
        static const char *const aux[] = {"was", "were", "been", "is",
                                          "are", "has",  "have", NULL};
        int is_passive = 0;
        for (size_t i = 0; c && aux[i]; i++) {
            size_t l = strlen(aux[i]);
            is_passive |= (size_t)(c - p) >= l &&
                          !hs__strncasecmp(c - l, aux[i], l) &&
                          (size_t)(c - p) > l && c[-(long)l - 1] == ' ';
        }
        if (c && c - p < 30 && !is_passive && hs__past_word(c + 6) &&
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
            for (const char *c = p; (c = hs__strcasestr_before(c, v, " and "));
                 c += 5)
                and = c;
            if (and&&strncmp(be[i], " is ", 4) && strncmp(be[i], " was ", 5)) {
                hs__add_prose_action(p, (size_t)(and-p), HS_STATUS_NOT_STARTED,
                                     line, pm);
                p = and+5;
            }
            hs__add_prose_action(p, (size_t)(end - p), HS_STATUS_NOT_STARTED,
                                 line, pm);
            return 1;
        }
    for (size_t i = 0; will[i]; i++)
        if (verb_at(p, end, will[i], planned_word, &w)) {
            hs__add_prose_action(p, (size_t)(end - p), HS_STATUS_NOT_STARTED,
                                 line, pm);
            return 1;
        }
    for (size_t i = 0; be[i] && i < 2; i++) {
        if (verb_at(p, end, be[i], under_way_word, &w)) {
            hs__add_prose_action(p, (size_t)(end - p), HS_STATUS_IN_PROGRESS,
                                 line, pm);
            return 1;
        }
        if ((w = also_doing(p, end))) {
            add_prose_list(w, end, HS_STATUS_IN_PROGRESS, line, pm);
            return 1;
        }
    }
    for (size_t i = 0; passive[i]; i++)
        if (verb_at(p, end, passive[i], hs__participle, &w)) {
            /* "A was added, and B were tightened": one item per clause */
            while (p < end) {
                const char *c = p, *next = end;
                while ((c = strstr(c, ", and ")) && c < end) {
                    int own = 0;
                    for (size_t k = 0; passive[k] && !own; k++)
                        own = verb_at(c + 6, end, passive[k], hs__participle,
                                      &w) != NULL;
                    if (own) {
                        next = c;
                        break;
                    }
                    c += 6;
                }
                hs__add_prose_action(p, (size_t)(next - p), HS_STATUS_DONE,
                                     line, pm);
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
/*
 * Does sentence p open with the writers promising a change ("We will add
 * ...", "We'll also change ...", "We are adding ...")? Not a promise to tell
 * ("We will provide an update", "We'll keep you posted"): a status page's, not
 * work.
 */
static int we_commit(const char *p) {
    static const char *const opens[] = {"we will ", "we'll ",
                                        "we\xe2\x80\x99ll ", NULL};
    static const char *const telling[] = {
        "provide", "share",   "update",    "keep", "let",
        "post",    "publish", "continue",  "be ",  "send",
        "follow",  "notify",  "work with", NULL};
    const char *w = NULL;
    for (size_t i = 0; opens[i] && !w; i++)
        if (!hs__strncasecmp(p, opens[i], strlen(opens[i])))
            w = p + strlen(opens[i]);
    /* "We are adding a second reviewer for ...": work under way, named
     * by a verb of work (not "We are investigating", "We are monitoring") */
    if (!w && (!hs__strncasecmp(p, "we are ", 7) ||
               !hs__strncasecmp(p, "we're ", 6))) {
        const char *v = p + (p[2] == ' ' ? 7 : 6);
        if (!hs__strncasecmp(v, "also ", 5))
            v += 5;
        /* a status page's "We are investigating", "We are monitoring" */
        if (!hs__strncasecmp(v, "investigat", 10) ||
            !hs__strncasecmp(v, "monitoring", 10))
            return 0;
        return hs__work_verb_ing(v);
    }
    if (!w)
        return 0;
    if (!hs__strncasecmp(w, "also ", 5))
        w += 5;
    if (hs__prefix_in(w, telling))
        return 0;
    return 1;
}

int hs__kind_tells_no_plans(hs__kind kind) {
    return kind == HS_KIND_TIMELINE || kind == HS_KIND_LESSONS ||
           kind == HS_KIND_WENT_WELL || kind == HS_KIND_WENT_WRONG ||
           kind == HS_KIND_LUCKY || kind == HS_KIND_REFERENCES;
}

void hs__actions_from_plans(const hs__doc *doc, const hs__kind *kinds,
                            hs_postmortem *pm) {
    for (size_t i = 0; i < doc->n_sections; i++) {
        const hs__section *s = &doc->sections[i];
        if (hs__kind_tells_no_plans(kinds[i]))
            continue;
        int listed = 0; /* a follow-up list earlier in the section */
        int chain = 0;  /* the sentence before went on with the work; the
                           work goes on into the next paragraph too */
        for (size_t k = 0; k < s->n_paras; k++) {
            const char *p = s->paras[k].text, *prev = NULL, *prev_end = NULL;
            int found = 0;
            while (*p) {
                const char *end = hs__sentence_end(p);
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
                } else if (hs__is_courtesy(p)) {
                    /* "We apologise to the merchants who were affected."
                     * after the work: an end to it, not more */
                    chain = 0;
                } else if (we_commit(p)) {
                    /* "We'll also change the script to ...": the writer's
                     * own promise of work, and the steps after it */
                    chain = listed =
                        follow_up_sentence(p, end, s->paras[k].line, pm);
                } else if (announces_prevention(p, end)) {
                    /* the sentences after it are the steps, and a later
                     * "Secondly, ..." another */
                    chain = listed = 1;
                } else if (chain ||
                           (listed &&
                            (connective_len(p) || ordinal_len(p, 1) ||
                             we_work(p, &(hs_status){0}) ||
                             hs__strcasestr_before(p, end, " also ")))) {
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
