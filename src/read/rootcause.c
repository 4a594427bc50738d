/*
 * The root cause stated in prose, for documents with no root-cause field or
 * section: the sentences that give a cause, a consequence or a fault, and
 * the placeholders ("TBD", "Unknown.") that give none. Pure: no I/O.
 */
#include "read/rootcause.h"
#include "base/buf.h"
#include "base/util.h"

#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

/*
 * Sentences that state a cause, for documents with no root-cause section
 * or field: the words teams use to explain ("caused by", "due to",
 * "because", "the cause was"). A sentence saying the cause is unknown
 * stops the search: the document then offers no explanation.
 */
static const char *const cause_cues[] = {
    "caused by", "was caused", "were caused", "due to", "because", "the cause",
    "root cause", "resulted from", "result of", "triggered by", "the reason",
    "stemmed from", "culprit",
    /* "The crash came from a call to toUpperCase() without a locale" */
    "came from a", "came from the", NULL};
/*
 * A consequence states a cause too ("an update broke the packages, which
 * led to ..."): read only where no sentence has a cue above, so that a
 * document's stated cause is not diluted with its chain of effects.
 */
static const char *const consequence_cues[] = {
    "caused", "causing", "resulted", "resulting in", "stems from", "led to",
    "lead to", "leading to", "can cause", "could cause", "broke ", "leaving ",
    "brought down", "took down", "triggered", " bug", "breaking change",
    " after a deploy", " after the deploy", " after a release",
    " after the release", " after a config", " after the config",
    " after a change",
    /* "the validator rejected addresses, so customers could not pay" */
    ", so customers", ", so users", "which meant",
    /* "the host had been decommissioned, so nothing deleted old logs" */
    ", so nothing", ", so no ", NULL};
/*
 * Last, a fault named as such ("experienced a DDoS attack", "a repo held
 * leaked credentials", "an EBS outage in one zone"): read only where no
 * sentence states a cause or a consequence, as in a summary of a few
 * lines. Symptoms ("degraded", "unavailable") are no fault.
 */
static const char *const fault_cues[] = {
    "attack", "ddos", "bug", "misconfigur", "typo", "human error", "expired",
    "leak", "race condition", "deadlock", "regression", "credential",
    "compromised", "malicious", "vulnerab", "exploit", "power failure",
    "power outage", "power loss", "fiber cut", "fibre cut", "hardware failure",
    "disk failure", "corrupt", "exhausted", "ran out of", "disk full",
    "outage in", "outage of", "failure of", "failure in", "faulty", "defective",
    "config change", "configuration change", "was deployed", "were deployed",
    "rolled out",
    /* "the new chain was missing the
     * intermediate cert" */
    "was missing", "were missing", "filled up", "still relied on",
    "still depended on", NULL};
static const char *const cause_unknown[] = {"unknown",
                                            "not known",
                                            "unclear",
                                            "not clear",
                                            "not yet determined",
                                            "not been determined",
                                            "undetermined",
                                            "no cause",
                                            "not identified",
                                            "not yet identified",
                                            "not been identified",
                                            "don't know",
                                            "don\xe2\x80\x99t know",
                                            "do not know",
                                            "not sure",
                                            "no idea",
                                            "could not determine",
                                            "couldn't determine",
                                            "unable to determine",
                                            "could not find the",
                                            "couldn't find the",
                                            "not found the",
                                            "not yet found",
                                            "not understood",
                                            "unexplained",
                                            "a mystery",
                                            "under investigation",
                                            "still investigating",
                                            NULL};

/* Sentence s[0..len) trimmed, its wrapped lines joined ("had\nbeen" is
 * "had been"), so a cue of two words is found across a line break. */
static char *flat_sentence(const char *s, size_t len) {
    char *t = hs__strtrim(s, len);
    for (char *c = t; *c; c++)
        if (*c == '\n')
            *c = ' ';
    return t;
}

static int has_any(const char *s, size_t len, const char *const *words) {
    char *t = flat_sentence(s, len);
    int found = 0;
    for (size_t i = 0; words[i] && !found; i++)
        found = hs__strcasestr(t, words[i]) != NULL;
    free(t);
    return found;
}

/*
 * Does the sentence say the cause is unknown? It must speak of the cause
 * ("the cause is unknown", "it is unclear why"), not of something else
 * ("pods are not identified by k8s"); words in quotes or code are names,
 * not the writer's ("the pod is marked as "Unknown" because ..."), and are
 * left out. `strict` asks for the cause itself to be named (a sentence
 * with no cue word).
 */
static int says_unknown(const char *s, size_t len, int strict) {
    static const char *const of_cause[] = {
        "cause",      "reason",      "why",         "origin",
        "trigger",    "source",      "explanation", "what happened",
        "went wrong", "what caused", NULL};
    /* without a cue word, only the cause itself: "not sure what happened"
     * may come before a guess at it */
    static const char *const of_cause_strict[] = {"cause", "reason", "why",
                                                  "trigger", NULL};
    char *t = hs__xmalloc(len + 1);
    char quote = 0;
    int found;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (!quote && (c == '"' || c == '`'))
            quote = c;
        else if (quote && c == quote)
            quote = 0, c = ' ';
        t[i] = quote ? ' ' : c;
    }
    t[len] = '\0';
    /* the cause words first: they read at most 511 bytes, and most
     * sentences name no cause, while the list of ways to say "unknown"
     * reads all of the sentence once per way */
    found = hs__has_word_in(t, strict ? of_cause_strict : of_cause) &&
            has_any(t, len, cause_unknown);
    free(t);
    return found;
}

/* The length of the sentence at p: up to ". ", "? ", "! " or the end. */
static size_t sentence_len(const char *p) {
    size_t len = 0;
    while (p[len] &&
           !(strchr(".?!", p[len]) &&
             (p[len + 1] == ' ' || p[len + 1] == '\n' || !p[len + 1])))
        len++;
    return p[len] ? len + 1 : len;
}

/*
 * A sentence that supposes ("If the disk fills up, writes would fail",
 * "Had the alert fired, ..."): a cause it names is not this incident's.
 */
static int is_hypothetical(const char *s) {
    static const char *const opens[] = {
        "if ",          "unless ", "should ", "in case",
        "in the event", "had ",    "what if", NULL};
    while (*s == '-' || *s == '*' || *s == ' ')
        s++;
    /* "Had to restart it because ..." tells what was done */
    if (!hs__strncasecmp(s, "had to ", 7))
        return 0;
    return hs__prefix_in(s, opens) != 0;
}

/*
 * A passive with its agent ("the alias was pointed at an empty index by
 * the nightly cleanup script", "rows were deleted by a migration"): the
 * agent did it, so the sentence says why. Not the response's own deeds
 * ("was detected by the on-call", "was fixed by a rollback") nor "by the
 * time".
 */
static int passive_by_agent(const char *s, size_t len) {
    static const char *const be[] = {" was ", " were ", " had been ",
                                     " has been ", NULL};
    static const char *const response[] = {
        "detect",  "notic",   "report",  "resolv",     "fix",    "mitigat",
        "restor",  "revert",  "roll",    "pag",        "alert",  "caught",
        "found",   "identif", "escalat", "acknowledg", "handl",  "investigat",
        "confirm", "rais",    "open",    "fil",        "spott",  "flagg",
        "recover", "replac",  "restart", "stopp",      "disabl", "clos",
        "follow",  "lead",    "led",     "own",        "run",    "done",
        "seen",    "hit",     "affect",  "impact",     "notifi", "inform",
        "contact", "ask",     "told",    "approv",     "review", "test",
        "verifi",  "monitor", "track",   "schedul",    "plann",  "expect",
        "requir",  "us",      "mad",     NULL};
    char *t = flat_sentence(s, len);
    int found = 0;
    for (size_t i = 0; be[i] && !found; i++) {
        const char *v = hs__strcasestr(t, be[i]), *w, *e, *by;
        if (!v)
            continue;
        w = v + strlen(be[i]);
        e = w;
        while (hs__isalpha((unsigned char)*e))
            e++;
        /* "was quietly overwritten by ...": an adverb first */
        if (e - w > 3 && !strncmp(e - 2, "ly", 2) && *e == ' ') {
            w = e + 1;
            for (e = w; hs__isalpha((unsigned char)*e); e++)
                ;
        }
        if (e - w < 4 || (strncmp(e - 2, "ed", 2) && strncmp(e - 2, "en", 2)))
            continue;
        for (size_t k = 0; response[k] && !found; k++)
            if (!hs__strncasecmp(w, response[k], strlen(response[k])))
                found = -1;
        if (found) {
            found = 0;
            continue;
        }
        for (by = hs__strcasestr(e, " by "); by && !found;
             by = hs__strcasestr(by + 1, " by "))
            found = (!hs__strncasecmp(by + 4, "a ", 2) ||
                     !hs__strncasecmp(by + 4, "an ", 3) ||
                     !hs__strncasecmp(by + 4, "the ", 4)) &&
                    hs__strncasecmp(by + 4, "the time", 8) &&
                    hs__strncasecmp(by + 4, "a factor", 8);
    }
    free(t);
    return found;
}

/*
 * Append to b the sentences of `text` that state a cause. Returns -1 if a
 * sentence with a cue says the cause is unknown, else how many were
 * appended. A sentence without a cue that says so ("We still don't know
 * why the hub crashed") sets *unknown: it outweighs a consequence, not a
 * cause stated elsewhere.
 */
static int cause_sentences_in(const char *text, const char *const *cues,
                              hs__buf *b, int *unknown) {
    int n = 0;
    const char *p = text;
    while (*p) {
        size_t len = sentence_len(p);
        if (is_hypothetical(p)) {
            /* a supposition states no cause */
        } else if (has_any(p, len, cues) ||
                   (cues == consequence_cues && passive_by_agent(p, len))) {
            if (says_unknown(p, len, 0))
                return -1;
            if (b->len)
                hs__buf_putc(b, ' ');
            for (size_t i = 0; i < len; i++)
                hs__buf_putc(b, p[i] == '\n' ? ' ' : p[i]);
            n++;
        } else if (says_unknown(p, len, 1)) {
            *unknown = 1;
        }
        p += len;
        while (*p == ' ' || *p == '\n')
            p++;
    }
    return n;
}

/*
 * Whether the sentences of `text`, a root-cause section or field, all say
 * the cause is not known or hold a placeholder ("Unknown.", "TBD", "We do
 * not know yet."). A hedged guess ("unknown, but probably the disk")
 * offers a cause, so it keeps the text.
 */
int hs__only_unknown(const char *text) {
    static const char *const placeholders[] = {"tbd",
                                               "tba",
                                               "n/a",
                                               "na",
                                               "none",
                                               "todo",
                                               "?",
                                               "-",
                                               "investigating",
                                               "to be determined",
                                               "to be confirmed",
                                               "pending",
                                               NULL};
    static const char *const guesses[] = {
        "likely", "probabl", "suspect", "may ",   "might",    "possibl",
        "appear", "seem",    "believe", "think",  "hypothes", "theory",
        "guess",  "perhaps", "maybe",   "assume", NULL};
    const char *p = text;
    int n = 0;
    while (*p == ' ' || *p == '\n' || *p == '-')
        p++;
    while (*p) {
        size_t len = sentence_len(p);
        char *t = hs__strtrim(p, len);
        size_t tn = strlen(t), k;
        while (tn && strchr(".!:", t[tn - 1]))
            t[--tn] = '\0';
        for (k = 0; placeholders[k] && hs__strcasecmp(t, placeholders[k]); k++)
            ;
        if (!placeholders[k] &&
            (!has_any(t, tn, cause_unknown) || has_any(t, tn, guesses))) {
            free(t);
            return 0;
        }
        free(t);
        n++;
        p += len;
        while (*p == ' ' || *p == '\n' || *p == '-')
            p++;
    }
    return n > 0;
}

char *hs__cause_from_prose(const hs__doc *doc, const hs__kind *kinds,
                           hs__cue_kind which, int *line) {
    static const char *const *const lists[] = {cause_cues, consequence_cues,
                                               fault_cues};
    const char *const *cues = lists[which];
    hs__buf b = HS_BUF_INIT;
    int n = 0, unknown = 0;
    *line = 0;
    for (size_t i = 0; i < doc->n_sections && n >= 0 && n < 3; i++) {
        const hs__section *s = &doc->sections[i];
        int r;
        /* lessons and follow-up work speak of the future, not the cause */
        if (kinds[i] == HS_KIND_LESSONS || kinds[i] == HS_KIND_REFERENCES ||
            kinds[i] == HS_KIND_ACTIONS)
            continue;
        for (size_t k = 0; k < s->n_paras && n >= 0 && n < 3; k++) {
            n = (r = cause_sentences_in(s->paras[k].text, cues, &b, &unknown)) <
                        0
                    ? -1
                    : n + r;
            if (r > 0 && !*line)
                *line = s->paras[k].line;
        }
        for (size_t k = 0; k < s->n_items && n >= 0 && n < 3; k++) {
            n = (r = cause_sentences_in(s->items[k].text, cues, &b, &unknown)) <
                        0
                    ? -1
                    : n + r;
            if (r > 0 && !*line)
                *line = s->items[k].line;
        }
    }
    if (n == 0 && unknown)
        n = -1;
    if (n <= 0) {
        hs__buf_release(&b);
        if (n < 0)
            *line = -1;
        return NULL;
    }
    return hs__buf_detach(&b, NULL);
}
