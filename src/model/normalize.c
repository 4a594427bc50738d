/*
 * Normalisation of hand-written facts: statuses, severities, durations,
 * dates and clock times. Every function reads a NUL-terminated UTF-8 string
 * and never fails on odd input: it answers "none" instead. Matching is on
 * ASCII words, so emoji mangled by a broken encoding do not hide the word
 * next to them.
 */
#include "model/normalize.h"
#include "base/util.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/banned.h"

/* ---------------------------------------------------------------------
 * Words
 */

/* Lower-case ASCII words of `text`, separated by single spaces, with a
 * leading and trailing space so " word " matches whole words. */
static char *words_of(const char *text, char *out, size_t cap) {
    size_t n = 0;
    int in_word = 0;
    if (cap < 3)
        HS_BUG("words_of buffer too small");
    out[n++] = ' ';
    for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
        if (n + 2 >= cap)
            break;
        if (hs__isalnum(*p)) {
            out[n++] = (char)hs__tolower(*p);
            in_word = 1;
        } else if (*p == 0xc3 && p[1] >= 0x80 && p[1] <= 0xbf && n + 3 < cap) {
            /* a Latin-1 letter in UTF-8 ("concluído", "terminé") is part of
             * its word; upper case (0x80..0x9e) folds to lower */
            out[n++] = (char)*p++;
            out[n++] = (char)(*p <= 0x9e && *p != 0x97 ? *p + 0x20 : *p);
            in_word = 1;
        } else if (in_word) {
            out[n++] = ' ';
            in_word = 0;
        }
    }
    if (in_word)
        out[n++] = ' ';
    out[n] = '\0';
    return out;
}

static int has_word(const char *words, const char *w) {
    char pat[64];
    size_t n = strlen(w);
    if (n + 3 > sizeof(pat))
        return 0;
    pat[0] = ' ';
    memcpy(pat + 1, w, n);
    pat[n + 1] = ' ';
    pat[n + 2] = '\0';
    return strstr(words, pat) != NULL;
}

static int has_any(const char *words, const char *const *list) {
    for (; *list; list++)
        if (has_word(words, *list))
            return 1;
    return 0;
}

/* ---------------------------------------------------------------------
 * Status
 */

const char *hs_status_name(hs_status s) {
    switch (s) {
    case HS_STATUS_DONE:
        return "done";
    case HS_STATUS_IN_PROGRESS:
        return "in_progress";
    case HS_STATUS_NOT_STARTED:
        return "not_started";
    case HS_STATUS_UNKNOWN:
        break;
    }
    return "unknown";
}

/* The names are hs_status_name's, read back. */
hs_status hs__status_from_name(const char *name) {
    for (int s = HS_STATUS_NOT_STARTED; name && s <= HS_STATUS_DONE; s++)
        if (!strcmp(name, hs_status_name((hs_status)s)))
            return (hs_status)s;
    return HS_STATUS_UNKNOWN;
}

const char *hs__status_words(hs_status s) {
    switch (s) {
    case HS_STATUS_DONE:
        return "done";
    case HS_STATUS_IN_PROGRESS:
        return "in progress";
    case HS_STATUS_NOT_STARTED:
        return "not started";
    case HS_STATUS_UNKNOWN:
        break;
    }
    return "unknown";
}

hs_status hs_status_parse(const char *text) {
    /* Negations first: "not done" must not read as done. */
    static const char *const negated[] = {"not started",
                                          "not yet started",
                                          "not done",
                                          "not complete",
                                          "not completed",
                                          "not fixed",
                                          "not begun",
                                          "to do",
                                          "incomplete",
                                          "do zrobienia",
                                          "ej påbörjad",
                                          "inte påbörjad",
                                          NULL};
    static const char *const progress[] = {"in progress",    "wip",
                                           "ongoing",        "started",
                                           "in review",      "doing",
                                           "partially done", "partial",
                                           "progress",       "underway",
                                           "in flight",      "en cours",
                                           "in arbeit",      "in bearbeitung",
                                           "en progreso",    "en curso",
                                           "em andamento",   "in corso",
                                           "bezig",          "w trakcie",
                                           "pågår",          NULL};
    static const char *const done[] = {
        "done",          "complete", "completed",   "fixed",
        "resolved",      "closed",   "shipped",     "finished",
        "merged",        "deployed", "implemented", "erledigt",
        "abgeschlossen", "fertig",   "completado",  "hecho",
        "gereed",        "fait",     "terminé",     "concluído",
        "concluido",     "feito",    "completato",  "afgerond",
        "zrobione",      "wykonane", "klar",        NULL};
    /* not "blocked": work waiting on something may be started or not */
    static const char *const open[] = {
        "todo",        "open",     "pending",     "planned",
        "backlog",     "new",      "not started", "at risk",
        "outstanding", "faire",    "offen",       "pendiente",
        "ouvert",      "pendente", "da fare",     NULL};
    /* Status emoji, as UTF-8 bytes and as the GitHub shortcode that
     * renders as it (":white_check_mark:" in the markdown is a check mark
     * on the page) */
    static const struct {
        const char *emoji, *shortcode;
        hs_status status;
    } marks[] = {
        {"\xe2\x9c\x85", ":white_check_mark:", HS_STATUS_DONE},
        {"\xe2\x9c\x94", ":heavy_check_mark:", HS_STATUS_DONE},
        {"\xe2\x98\x91", ":ballot_box_with_check:", HS_STATUS_DONE},
        /* a ballot box, empty or crossed (no shortcode: the glyph again) */
        {"\xe2\x98\x90", "\xe2\x98\x90", HS_STATUS_NOT_STARTED},
        {"\xe2\x98\x92", "\xe2\x98\x92", HS_STATUS_DONE},
        {"\xf0\x9f\x9f\xa2", ":green_circle:", HS_STATUS_DONE},
        {"\xf0\x9f\x9f\xa1", ":yellow_circle:", HS_STATUS_IN_PROGRESS},
        {"\xf0\x9f\x9f\xa0", ":orange_circle:", HS_STATUS_IN_PROGRESS},
        {"\xf0\x9f\x94\x84",
         ":arrows_counterclockwise:", HS_STATUS_IN_PROGRESS},
        {"\xe2\x8f\xb3", ":hourglass_flowing_sand:", HS_STATUS_IN_PROGRESS},
        {"\xf0\x9f\x9a\xa7", ":construction:", HS_STATUS_IN_PROGRESS},
        {"\xf0\x9f\x94\xb4", ":red_circle:", HS_STATUS_NOT_STARTED},
        {"\xe2\x9d\x8c", ":x:", HS_STATUS_NOT_STARTED},
        {"\xe2\x9a\xa0", ":warning:", HS_STATUS_NOT_STARTED},
        {"\xe2\x9b\x94", ":no_entry:", HS_STATUS_NOT_STARTED},
        {"\xf0\x9f\x9b\x91", ":stop_sign:", HS_STATUS_NOT_STARTED},
        {"\xe2\xac\x9c", ":white_large_square:", HS_STATUS_NOT_STARTED},
        {"\xf0\x9f\x94\xb2", ":black_square_button:", HS_STATUS_NOT_STARTED},
        {"\xf0\x9f\x94\xb3", ":white_square_button:", HS_STATUS_NOT_STARTED},
    };
    /* work decided against ("Won't do" after a cross, "Cancelled", an ITSM
     * task's "Closed Incomplete" or "Closed Skipped"): no state of work to
     * come, whatever its mark says */
    static const char *const declined[] = {
        "won t do",          "wont do",        "won t fix", "wont fix",
        "wontfix",           "will not do",    "cancelled", "canceled",
        "closed incomplete", "closed skipped", NULL};
    char words[512];
    size_t i;

    if (!text || !*text)
        return HS_STATUS_UNKNOWN; /* an empty heading: often, and no status */
    /* a progress column's "100%", "0%", "40 %": the whole text a share */
    {
        const char *p = text + strspn(text, " ");
        size_t n = strspn(p, "0123456789");
        const char *q = p + n + strspn(p + n, " ");
        if (n && n <= 3 && *q == '%' && !q[1 + strspn(q + 1, " ")]) {
            long pct = strtol(p, NULL, 10);
            return pct >= 100 ? HS_STATUS_DONE
                   : pct == 0 ? HS_STATUS_NOT_STARTED
                              : HS_STATUS_IN_PROGRESS;
        }
    }
    /* has_word matches phrases too: words are single-space separated */
    words_of(text, words, sizeof(words));
    /* a first look for its words' stems: this runs on every item and cell */
    if ((strstr(words, " won") || strstr(words, " will not do ") ||
         strstr(words, " cancel") || strstr(words, " closed ")) &&
        has_any(words, declined))
        return HS_STATUS_UNKNOWN;
    if (has_any(words, negated))
        return HS_STATUS_NOT_STARTED;
    if (has_any(words, progress))
        return HS_STATUS_IN_PROGRESS;
    if (has_any(words, done))
        return HS_STATUS_DONE;
    if (has_any(words, open))
        return HS_STATUS_NOT_STARTED;
    for (i = 0; i < HS_ARRAY_LEN(marks); i++)
        if (strstr(text, marks[i].emoji) || strstr(text, marks[i].shortcode))
            return marks[i].status;
    return HS_STATUS_UNKNOWN;
}

/* ---------------------------------------------------------------------
 * Severity
 */

/* Whether the word at `w` in the word string `words` follows a negation,
 * as in "None critical" or "not major": no severity is stated then. */
static int after_negation(const char *words, const char *w) {
    static const char *const neg[] = {" none ", " no ", " not ", " non ",
                                      " nothing "};
    for (size_t i = 0; i < HS_ARRAY_LEN(neg); i++) {
        size_t l = strlen(neg[i]);
        if ((size_t)(w - words) >= l && !strncmp(w - l, neg[i], l))
            return 1;
    }
    return 0;
}

const char *hs_severity_name(int sev) {
    static const char *const names[] = {"SEV1", "SEV2", "SEV3", "SEV4"};
    return sev >= 1 && sev <= 4 ? names[sev - 1] : NULL;
}

/* Does `text` open with one digit set off by a dash, bracket, colon or
 * comma ("2 — partial", "3 (minor)")? Not "3 customers", "2.5". */
static int digit_then_mark(const char *text) {
    const unsigned char *t = (const unsigned char *)text;
    while (*t == ' ' || *t == '*' || *t == '_')
        t++;
    if (!hs__isdigit(*t) || hs__isdigit(t[1]))
        return 0;
    t++;
    while (*t == ' ')
        t++;
    return *t == '-' || *t == '(' || *t == ':' || *t == ',' ||
           (t[0] == 0xe2 && t[1] == 0x80 && (t[2] == 0x93 || t[2] == 0x94));
}

int hs_severity_parse(const char *text) {
    static const struct {
        const char *word;
        int sev;
    } names[] = {
        {"critical", 1},
        {"crit", 1},
        {"blocker", 1},
        {"emergency", 1},
        {"high", 2},
        {"major", 2},
        {"severe", 2},
        {"medium", 3},
        {"moderate", 3},
        {"med", 3},
        {"minor", 3},
        {"low", 4},
        {"trivial", 4},
        {"cosmetic", 4},
        {"urgent", 1},
        /* German and Dutch scales: "Schweregrad: hoch" */
        {"kritisch", 1},
        {"hoch", 2},
        {"mittel", 3},
        {"niedrig", 4},
        {"hoog", 2},
        {"laag", 4},
        /* Portuguese, Spanish and Italian: "Gravidade: Alta" */
        {"crítica", 1},
        {"critica", 1},
        {"alta", 2},
        {"média", 3},
        {"media", 3},
        {"baixa", 4},
        {"bassa", 4},
        {"baja", 4},
    };
    char words[256];
    const char *p;
    int best = 0, level = 0;
    size_t best_pos = (size_t)-1;

    if (!text)
        return 0;
    words_of(text, words, sizeof(words));
    /*
     * Scan the words in order; the first that names a severity wins, so
     * "SEV1 (Critical)" and "High (SEV2)" both read their first word. A
     * level written out ("SEV4", "Severity 2", "Priority 1") outranks a
     * word wherever it stands: "Minor (SEV4)" is SEV4 on a team whose
     * "minor" is not our SEV3.
     */
    for (p = words; *p; p++) {
        const char *w;
        size_t pos;
        int n = 0, is_level = 1;
        if (*p != ' ' || !p[1])
            continue;
        w = p + 1;
        pos = (size_t)(w - words);
        if (pos >= best_pos && level)
            break;
        /* sev1, sev 1, severity 2, severity1, priority 1, level 2, p1,
         * s1, l2 */
        if (!strncmp(w, "sev", 3) || !strncmp(w, "priority ", 9) ||
            !strncmp(w, "level ", 6)) {
            const char *q = w + 3;
            if (!strncmp(w, "priority ", 9))
                q = w + 8;
            else if (!strncmp(w, "level ", 6))
                q = w + 5;
            else if (!strncmp(q, "erity", 5))
                q += 5;
            if (*q == ' ')
                q++;
            if (hs__isdigit((unsigned char)q[0]) && q[1] == ' ')
                n = q[0] - '0';
            if (n == 0 && q[0] == '0')
                n = 1;
        } else if ((w[0] == 'p' || w[0] == 's' || w[0] == 'l') &&
                   hs__isdigit((unsigned char)w[1]) && w[2] == ' ') {
            /* P1, S1 as some teams shorten SEV1, L1 as others number
             * their incident levels (not above a word: "high load on
             * s3") */
            n = w[1] == '0' ? 1 : w[1] - '0';
            is_level = 0;
        } else if (hs__isdigit((unsigned char)w[0]) && w[1] == ' ' &&
                   pos == 1 && (strlen(words) == 3 || digit_then_mark(text))) {
            /* the whole text is one digit, as in `severity: 2`, or a digit
             * set off from its gloss: `2 — partial`, `2 (moderate)` */
            n = w[0] - '0';
            is_level = 0;
        } else {
            is_level = 0;
            for (size_t i = 0; i < HS_ARRAY_LEN(names); i++) {
                size_t l = strlen(names[i].word);
                if (!strncmp(w, names[i].word, l) && w[l] == ' ') {
                    n = names[i].sev;
                    break;
                }
            }
        }
        if (n >= 1 && n <= 5 && after_negation(words, w)) {
            /* "None critical": the negation states no level at all */
            return 0;
        }
        if (n >= 1 && n <= 5 && (is_level || !best)) {
            best = n > 4 ? 4 : n;
            best_pos = pos;
            level = is_level;
        }
    }
    return best;
}

/* How bad a word of a scale is, 1 the worst: hs_severity_parse's words,
 * and the colours of a red/amber/green scale; 0 if neither. */
static int scale_rank(const char *w, size_t n) {
    static const char *const colours[] = {"red", "orange", "amber", "yellow",
                                          "green"};
    static const int rank[] = {1, 2, 2, 3, 4};
    char *t = hs__strtrim(w, n);
    int r = hs_severity_parse(t);
    for (size_t i = 0; !r && i < HS_ARRAY_LEN(colours); i++)
        if (!hs__strcasecmp(t, colours[i]))
            r = rank[i];
    free(t);
    return r;
}

int hs__severity_on_scale(const char *text) {
    const char *open = text ? strchr(text, '(') : NULL, *close, *p;
    const char *item[8];
    size_t len[8], n = 0, vlen;
    char sep;
    int at = -1, first, last;
    if (!open || !(close = strchr(open, ')')))
        return 0;
    while (*text == ' ' || *text == '*')
        text++;
    vlen = (size_t)(open - text);
    while (vlen && text[vlen - 1] == ' ')
        vlen--;
    p = open + 1;
    /* "(scale: ...)", "(levels: ...)" */
    {
        const char *c = memchr(p, ':', (size_t)(close - p));
        if (c && !memchr(p, '/', (size_t)(c - p)) &&
            !memchr(p, ',', (size_t)(c - p)))
            p = c + 1;
    }
    sep = memchr(p, '/', (size_t)(close - p)) ? '/' : ',';
    while (p < close && n < HS_ARRAY_LEN(item)) {
        const char *e = memchr(p, sep, (size_t)(close - p));
        if (!e)
            e = close;
        while (*p == ' ')
            p++;
        item[n] = p;
        len[n] = (size_t)(e - p);
        while (len[n] && p[len[n] - 1] == ' ')
            len[n]--;
        if (len[n] == vlen && vlen && !hs__strncasecmp(p, text, vlen))
            at = (int)n;
        n++;
        p = e + 1;
    }
    if (n < 3 || at < 0)
        return 0;
    first = scale_rank(item[0], len[0]);
    last = scale_rank(item[n - 1], len[n - 1]);
    /* the worst end: the one whose word is worse, or with one end known
     * ("Critical / ... / Negligible") whether that end is bad or mild */
    if (!first && !last)
        return 0;
    if (first && last ? first == last : (first ? first : last) == 3)
        return 0; /* which end is the worst is not said */
    at = (first && last ? first < last
          : first       ? first < 3
                        : last > 3)
             ? at + 1
             : (int)n - at;
    return at > 4 ? 4 : at;
}

static const char *range_dash(const char *q, int to);

/* Is the capital letter at p a word of its own? */
static int is_letter_word(const char *text, const char *p) {
    return *p >= 'A' && *p <= 'Z' && !hs__isalnum((unsigned char)p[1]) &&
           (p == text || !hs__isalnum((unsigned char)p[-1]));
}

int hs__severity_letter(const char *text) {
    static const char *const worst_words[] = {" worst", " highest",
                                              " most severe", NULL};
    const char *open = text ? strchr(text, '(') : NULL, *close, *v = text;
    char letter, want = 'A', last = 0, worst = 'A';
    if (!open || !(close = strchr(open, ')')))
        return 0;
    while (*v == ' ' || *v == '*')
        v++;
    /* a word may name the scale before the letter: "Sev B", "Grade B" */
    if (hs__isalpha((unsigned char)v[0]) && hs__isalpha((unsigned char)v[1])) {
        while (hs__isalpha((unsigned char)*v))
            v++;
        while (*v == ' ' || *v == '-')
            v++;
    }
    if (*v < 'A' || *v > 'D' || !is_letter_word(text, v))
        return 0;
    letter = *v;
    for (const char *p = v + 1; p < open; p++)
        if (*p != ' ' && *p != '*')
            return 0;
    /* the scale's letters in order from A, or a range "A-D" */
    for (const char *p = open + 1; p < close; p++) {
        const char *e;
        if (!is_letter_word(open + 1, p))
            continue;
        for (size_t i = 0; worst_words[i]; i++)
            if (!hs__strncasecmp(p + 1, worst_words[i], strlen(worst_words[i])))
                worst = *p;
        if (*p != want)
            continue;
        last = want++;
        if (last == 'A' && (e = range_dash(p + 1, 1)) != NULL) {
            while (*e == ' ')
                e++;
            if (is_letter_word(open + 1, e) && *e > 'B') {
                last = *e;
                want = (char)(last + 1);
            }
        }
    }
    if (last < 'C' || letter > last)
        return 0;
    if (worst == 'A')
        return letter - 'A' + 1;
    return worst == last && last - letter < 4 ? last - letter + 1 : 0;
}

/* ---------------------------------------------------------------------
 * Durations
 */

/* Minutes per unit word, or 0 if `w` (length n) is not a unit. Seconds
 * count as 1/60 and are handled by the caller. */
static double unit_minutes(const char *w, size_t n) {
    static const struct {
        const char *name;
        double minutes;
    } units[] = {
        {"d", 1440},
        {"day", 1440},
        {"days", 1440},
        {"h", 60},
        {"hr", 60},
        {"hrs", 60},
        {"hour", 60},
        {"hours", 60},
        {"m", 1},
        {"min", 1},
        {"mins", 1},
        {"minute", 1},
        {"minutes", 1},
        {"s", 1.0 / 60},
        {"sec", 1.0 / 60},
        {"secs", 1.0 / 60},
        {"second", 1.0 / 60},
        {"seconds", 1.0 / 60},
        {"w", 10080},
        {"week", 10080},
        {"weeks", 10080},
        /* Polish "1 godz. 20 min", "2 godziny" */
        {"godz", 60},
        {"godzin", 60},
        {"godziny", 60},
    };
    for (size_t i = 0; i < HS_ARRAY_LEN(units); i++)
        if (strlen(units[i].name) == n && !hs__strncasecmp(w, units[i].name, n))
            return units[i].minutes;
    return 0;
}

/* A number written as a word at s ("two", "an", "forty-five", "a two-hour
 * outage"): its length, 0 if none. Called at every word of a document,
 * so the first letter is checked before the table. */
static size_t number_word(const char *s, double *v) {
#define W(w, n)                                                                \
    { w, sizeof(w) - 1, n }
    static const struct {
        const char *w;
        size_t len;
        int v;
    } words[] = {W("a", 1),          W("an", 1),        W("one", 1),
                 W("two", 2),        W("three", 3),     W("four", 4),
                 W("five", 5),       W("six", 6),       W("seven", 7),
                 W("eight", 8),      W("nine", 9),      W("ten", 10),
                 W("eleven", 11),    W("twelve", 12),   W("thirteen", 13),
                 W("fourteen", 14),  W("fifteen", 15),  W("sixteen", 16),
                 W("seventeen", 17), W("eighteen", 18), W("nineteen", 19)},
      tens[] = {W("twenty", 20), W("thirty", 30), W("forty", 40),
                W("fifty", 50),  W("sixty", 60),  W("seventy", 70),
                W("eighty", 80), W("ninety", 90)};
#undef W
    int c0 = hs__tolower((unsigned char)*s);
    if (!strchr("aotfsenAOTFSEN", *s) || !*s)
        return 0;
    /* the first letter is compared first: prose durations try this at
     * every word */
    for (size_t i = 0; i < HS_ARRAY_LEN(tens); i++) {
        size_t n = tens[i].len;
        if (tens[i].w[0] == c0 && !hs__strncasecmp(s, tens[i].w, n) &&
            !hs__isalpha((unsigned char)s[n])) {
            double u = 0;
            size_t m = 0;
            /* "forty-five", "twenty one" */
            if ((s[n] == '-' || s[n] == ' ') && s[n + 1] != 'a' &&
                s[n + 1] != 'A')
                m = number_word(s + n + 1, &u);
            if (m && u >= 1 && u <= 9) {
                *v = tens[i].v + u;
                return n + 1 + m;
            }
            if (s[n] == ' ' || s[n] == '-') {
                *v = tens[i].v;
                return n;
            }
            return 0;
        }
    }
    for (size_t i = 0; i < HS_ARRAY_LEN(words); i++) {
        size_t n = words[i].len;
        /* "two-hour", but "a" and "an" only as words of their own */
        if (words[i].w[0] == c0 && !hs__strncasecmp(s, words[i].w, n) &&
            (s[n] == ' ' || (s[n] == '-' && i >= 2))) {
            *v = words[i].v;
            return n;
        }
    }
    return 0;
}

/*
 * Parse "N unit [N unit ...]" starting at `s`. Returns minutes (rounded) or
 * -1, and sets *end past the last unit.
 */
static int parse_duration_at(const char *s, const char **end) {
    double total = 0;
    int n_parts = 0;
    const char *p = s;
    /* "1d 2h 3m 4s" has four parts; more are not one duration, and the
     * cap keeps a scan over "1m 1m 1m ..." text linear */
    while (n_parts < 6) {
        const char *q = p, *w;
        double v = 0, frac = 0.1;
        double per;
        int is_num = 0;
        while (*q == ' ' || *q == ',' || *q == '~')
            q++;
        if (n_parts && !hs__strncasecmp(q, "and ", 4))
            q += 4;
        while (hs__isdigit((unsigned char)*q)) {
            v = v * 10 + (*q++ - '0');
            is_num = 1;
            if (v > 1e7)
                return -1;
        }
        if (!is_num) {
            /* "two days", "an hour", "half an hour", "a quarter of an
             * hour", "three quarters of an hour", "a couple of hours" */
            /* share: of the number word after the lead ("half an"), or,
             * is_count, the count itself before the unit ("a couple of") */
            static const struct {
                const char *lead;
                double share;
                int is_count;
            } parts[] = {{"a half-", 0.5, 1},
                         {"a half ", 0.5, 1},
                         {"half-", 0.5, 1},
                         {"half ", 0.5, 0},
                         {"a quarter of ", 0.25, 0},
                         {"quarter of ", 0.25, 0},
                         {"three quarters of ", 0.75, 0},
                         {"three-quarters of ", 0.75, 0},
                         {"a couple of ", 2, 1},
                         {"couple of ", 2, 1}};
            double share = 1;
            size_t lead = 0, wl = 0;
            int is_count = 0;
            for (size_t i = 0; i < HS_ARRAY_LEN(parts); i++)
                if (!hs__strncasecmp(q, parts[i].lead, strlen(parts[i].lead))) {
                    lead = strlen(parts[i].lead);
                    share = parts[i].share;
                    is_count = parts[i].is_count;
                    break;
                }
            if (is_count)
                v = 1;
            else if (!(wl = number_word(q + lead, &v)))
                lead = 0;
            is_num = is_count || wl;
            if (is_num) {
                q += lead + wl;
                v *= share;
            }
        }
        if (*q == '.' && hs__isdigit((unsigned char)q[1])) {
            q++;
            while (hs__isdigit((unsigned char)*q)) {
                v += (*q++ - '0') * frac;
                frac /= 10;
            }
        }
        if (!is_num)
            break;
        /* "1 1/2 hours", "1½ hours" */
        if (!strncmp(q, " 1/2", 4) && !hs__isdigit((unsigned char)q[4])) {
            v += 0.5;
            q += 4;
        } else if (!strncmp(q, "\xc2\xbd", 2)) {
            v += 0.5;
            q += 2;
        }
        /* "one and a half hours" */
        if (!hs__strncasecmp(q, " and a half ", 12)) {
            v += 0.5;
            q += 11;
        }
        /* "10-15 minutes", "2 to 3 hours": a range, read as its middle */
        {
            const char *r = q;
            double v2 = 0;
            if (*r == '-')
                r++;
            else if (!strncmp(r, "\xe2\x80\x93", 3)) /* en dash */
                r += 3;
            else if (!hs__strncasecmp(r, " to ", 4))
                r += 4;
            if (r != q && hs__isdigit((unsigned char)*r)) {
                while (hs__isdigit((unsigned char)*r) && v2 < 1e7)
                    v2 = v2 * 10 + (*r++ - '0');
                if (v2 > v && (*r == ' ' || *r == '-' ||
                               hs__isalpha((unsigned char)*r))) {
                    v = (v + v2) / 2;
                    q = r;
                }
            }
        }
        while (*q == ' ' || *q == '-')
            q++;
        /* "a full day", "two whole weeks": the unit, all of it */
        if (!hs__strncasecmp(q, "full ", 5))
            q += 5;
        else if (!hs__strncasecmp(q, "whole ", 6))
            q += 6;
        w = q;
        while (hs__isalpha((unsigned char)*q))
            q++;
        per = unit_minutes(w, (size_t)(q - w));
        if (per == 0)
            break;
        total += v * per;
        n_parts++;
        /* "an hour-long outage", "a 2-day-long freeze" */
        if (!hs__strncasecmp(q, "-long", 5) &&
            !hs__isalpha((unsigned char)q[5]))
            q += 5;
        /* "2 hrs. 15 mins", "1 godz. 20 min": an abbreviation's stop */
        if (*q == '.' && q[1] == ' ' && hs__isdigit((unsigned char)q[2]))
            q++;
        /* "1h20": the minutes written straight after the hours */
        if (per == 60 && q[-1] == 'h' && hs__isdigit((unsigned char)*q) &&
            hs__isdigit((unsigned char)q[1]) &&
            !hs__isalnum((unsigned char)q[2]) &&
            (q[0] - '0') * 10 + (q[1] - '0') < 60) {
            total += (q[0] - '0') * 10 + (q[1] - '0');
            q += 2;
        }
        /* "1 h 10" closing the value: minutes after the hours, unnamed */
        else if (per == 60 && *q == ' ' && hs__isdigit((unsigned char)q[1]) &&
                 hs__isdigit((unsigned char)q[2]) &&
                 (!q[3] || q[3] == '\n' || q[3] == ',' || q[3] == ';' ||
                  q[3] == ')') &&
                 (q[1] - '0') * 10 + (q[2] - '0') < 60) {
            total += (q[1] - '0') * 10 + (q[2] - '0');
            q += 3;
        }
        /* "an hour and a half", "an hour and a quarter" */
        if (!hs__strncasecmp(q, " and a half", 11) &&
            !hs__isalpha((unsigned char)q[11])) {
            total += 0.5 * per;
            q += 11;
        } else if (!hs__strncasecmp(q, " and a quarter", 14) &&
                   !hs__isalpha((unsigned char)q[14])) {
            total += 0.25 * per;
            q += 14;
        } else if (!hs__strncasecmp(q, " and three quarters", 19) &&
                   !hs__isalpha((unsigned char)q[19])) {
            total += 0.75 * per;
            q += 19;
        }
        p = q;
    }
    if (!n_parts)
        return -1;
    if (end)
        *end = p;
    if (total > 60.0 * 24 * 366)
        return -1;
    return (int)(total + 0.5);
}

/* A length written as a clock, the whole value: "02:15" (hh:mm, 135),
 * "1:05:30" (h:mm:ss, 66). -1 otherwise. */
static int clock_length(const char *p) {
    int part[3] = {0, 0, 0}, n = 0;
    while (*p == ' ' || *p == '~')
        p++;
    for (;;) {
        int digits = 0;
        while (hs__isdigit((unsigned char)*p) && digits < 4)
            part[n] = part[n] * 10 + (*p++ - '0'), digits++;
        if (!digits || (n && (digits != 2 || part[n] > 59)))
            return -1;
        n++;
        if (*p != ':' || n == 3)
            break;
        p++;
    }
    while (*p == ' ')
        p++;
    if (n < 2 || *p)
        return -1;
    return part[0] * 60 + part[1] + (part[2] >= 30);
}

static int digits(const char *p, int max, long *v);

size_t hs__relative_time(const char *t, int *minutes) {
    const char *p = t, *end;
    int m;
    while (*p == ' ' || *p == '*' || *p == '`' || *p == '[')
        p++;
    if ((*p != 'T' && *p != 't') || hs__isalnum((unsigned char)p[1]))
        return 0;
    p++;
    while (*p == ' ')
        p++;
    if (*p != '+')
        return 0;
    p++;
    while (*p == ' ')
        p++;
    if (*p == '0' && !hs__isalnum((unsigned char)p[1]) &&
        !(p[1] == ':' && hs__isdigit((unsigned char)p[2]))) {
        m = 0;
        end = p + 1;
    } else if ((m = parse_duration_at(p, &end)) < 0) {
        /* "T+01:15" */
        long h, mm;
        int nh = digits(p, 2, &h), nm;
        if (!nh || p[nh] != ':' || (nm = digits(p + nh + 1, 2, &mm)) != 2 ||
            mm > 59)
            return 0;
        m = (int)(h * 60 + mm);
        end = p + nh + 1 + nm;
    }
    if (hs__isalnum((unsigned char)*end))
        return 0;
    while (*end == ']' || *end == '*' || *end == '`')
        end++;
    *minutes = m;
    return (size_t)(end - t);
}

/*
 * Is the number at p (within text) given a minus sign: "-5 minutes",
 * "\u22125 minutes", "minus five minutes"? A length below zero is no
 * length; the leading words skipped before a number must not drop the
 * sign and read the rest as 5 minutes. A dash after a letter or digit
 * ("T-5", "1-2 hours") is no sign.
 */
static int is_negative_at(const char *text, const char *p) {
    size_t before = (size_t)(p - text);
    if (before >= 1 && p[-1] == '-' &&
        (before == 1 || !hs__isalnum((unsigned char)p[-2])))
        return 1;
    if (before >= 3 && !memcmp(p - 3, "\xe2\x88\x92", 3)) /* U+2212 */
        return 1;
    return before >= 6 && !hs__strncasecmp(p - 6, "minus ", 6) &&
           (before == 6 || !hs__isalpha((unsigned char)p[-7]));
}

/* A value that is a window in words, "14:05 to 15:20 UTC", "22:40 until
 * 00:10": its length in minutes, else -1. */
static int clock_to_clock(const char *text) {
    char from[80];
    if (!hs__isdigit((unsigned char)*text) || strlen(text) >= sizeof(from) - 5)
        return -1;
    snprintf(from, sizeof(from), "from %s", text);
    return hs__duration_from_clock_range(from);
}

int hs_duration_parse(const char *text) {
    const char *p = text, *end;
    int m;
    if (!text)
        return -1;
    if ((m = clock_length(text)) >= 0)
        return m;
    /* a window for a value, "14:05-15:20 UTC", "14h05 - 15h20": its
     * length, not its first time read as one */
    if ((m = hs__clock_dash_opens(text + strspn(text, " ~"))) >= 0 ||
        (m = clock_to_clock(text + strspn(text, " ~"))) >= 0)
        return m;
    while (*p && !hs__isdigit((unsigned char)*p)) {
        /* Allow a few leading words ("about", "approx.", "~"), not prose. */
        if (p - text > 24)
            return -1;
        /* a length in words: "an hour and 45 minutes", "two days" */
        if ((p == text || p[-1] == ' ' || p[-1] == '~') &&
            (m = parse_duration_at(p, &end)) >= 0)
            return is_negative_at(text, p) ? -1 : m;
        p++;
    }
    if (!*p || is_negative_at(text, p))
        return -1;
    m = parse_duration_at(p, &end);
    if (m >= 0)
        return m;
    /* A bare number is minutes (front matter `duration: 45`). */
    {
        const char *q = p;
        long v = 0;
        while (hs__isdigit((unsigned char)*q) && v < 1000000)
            v = v * 10 + (*q++ - '0');
        while (hs__isspace((unsigned char)*q))
            q++;
        if (!*q && p == text)
            return (int)v;
        /* HH:MM */
        if (*q == ':' && hs__isdigit((unsigned char)q[1]) &&
            hs__isdigit((unsigned char)q[2]) && p == text) {
            int mm = (q[1] - '0') * 10 + (q[2] - '0');
            if (mm < 60 && !q[3])
                return (int)(v * 60 + mm);
        }
    }
    return -1;
}

/* Words that make a number+unit an outage length in prose. */
static int is_outage_word(const char *w) {
    static const char *const words[] = {
        "outage",       "incident", "disruption", "downtime", "degradation",
        "interruption", "outages",  "window",     "partial",  "total",
        "full",         "service",  "loss",       "delay",    "unavailability",
        "impact",       "errors",   "failures",   NULL};
    for (size_t i = 0; words[i]; i++) {
        size_t n = strlen(words[i]);
        if (!hs__strncasecmp(w, words[i], n) &&
            !hs__isalpha((unsigned char)w[n]))
            return 1;
    }
    return 0;
}

/*
 * Does the clause before `at` (back to a comma, a sentence's end or eight
 * words) say users lost something: "image uploads failed for everyone",
 * "the control centre lost telemetry from eleven substations"?
 */
static int outage_clause(const char *text, const char *at) {
    static const char *const verbs[] = {
        " failed ", " lost ",      " unavailable ", " down ",    " broken ",
        " unable ", " could not ", " couldn't ",    " offline ", NULL};
    const char *a = at;
    int words = 0;
    char clause[160];
    size_t n;
    while (a > text && words < 8 && a[-1] != ',' && a[-1] != ';' &&
           a[-1] != '\n' && !(a[-1] == ' ' && a - 1 > text && a[-2] == '.'))
        words += *--a == ' ';
    n = (size_t)(at - a);
    if (n + 2 >= sizeof(clause))
        return 0;
    clause[0] = ' ';
    memcpy(clause + 1, a, n);
    clause[n + 1] = '\0';
    for (size_t i = 0; verbs[i]; i++)
        if (hs__strcasestr(clause, verbs[i]))
            return 1;
    return 0;
}

/*
 * Does the sentence before p, a length, span the outage itself: "From
 * first alert to full recovery took 75 minutes", "from the first error
 * to service restored was 2 hours"? Its span must end at a recovery; one
 * ending at detection or a page is another length.
 */
static int from_start_to_recovery(const char *text, const char *p) {
    static const char *const verbs[] = {"took ", "was ", "took us ", "lasted ",
                                        NULL};
    static const char *const ends[] = {"full ",  "fully ",   "complete ",
                                       "the ",   "service ", "services ",
                                       "final ", NULL};
    static const char *const restores[] = {"restor", "recover", "resolv",
                                           "mitigat", NULL};
    size_t vl = hs__suffix_in(text, p, verbs);
    const char *a = p - vl, *from, *to;
    if (!vl)
        return 0;
    while (a > text && a[-1] != '\n' && a[-1] != '.' && a[-1] != ';')
        a--;
    if (!(from = hs__strcasestr_before(a, p - vl, "from ")) ||
        (from > a && hs__isalpha((unsigned char)from[-1])) ||
        !(to = hs__strcasestr_before(from, p - vl, " to ")))
        return 0;
    to += 4;
    for (size_t n; (n = hs__prefix_in(to, ends)) != 0;)
        to += n;
    return hs__prefix_in(to, restores) != 0;
}

/* Does the number+unit at p..end state an outage length? */
static int is_prose_duration(const char *text, const char *p, const char *end,
                             const char *const *verbs) {
    /* "48-minute outage", "23 minutes of downtime", "13 minutes of
     * intermittent checkout downtime": up to two words may qualify the
     * outage word; "75 minutes of degraded checkout performance": an
     * adjective of impact may open what the minutes were of */
    static const char *const impact_adjectives[] = {
        "degraded",   "elevated",        "increased",   "intermittent",
        "reduced",    "impaired",        "slow",        "severe",
        "widespread", "customer-facing", "user-facing", NULL};
    const char *q = end;
    while (*q == ' ')
        q++;
    if (!hs__strncasecmp(q, "of ", 3)) {
        const char *w = q + 3;
        size_t n = 0;
        q = w;
        while (hs__isalpha((unsigned char)w[n]) || w[n] == '-')
            n++;
        if (hs__span_in(w, n, impact_adjectives) && w[n] == ' ')
            return 1;
        for (int i = 0; i < 2 && w[n] == ' ' && !is_outage_word(w); i++) {
            w += n + 1;
            for (n = 0; hs__isalpha((unsigned char)w[n]) || w[n] == '-';)
                n++;
        }
        if (is_outage_word(w))
            q = w;
    }
    if (is_outage_word(q))
        return 1;
    /* "over a 40-minute period", "for a two-hour span": the length of a
     * stretch of time the sentence is about ("window" is an outage word) */
    {
        static const char *const stretch[] = {"period", "span", NULL};
        static const char *const preps[] = {"over a ", "for a ", "during a ",
                                            NULL};
        size_t n = 0;
        while (hs__isalpha((unsigned char)q[n]))
            n++;
        if (hs__span_in(q, n, stretch) && hs__suffix_in(text, p, preps))
            return 1;
    }
    /* "for 1h20, from 22h40 to 00h00", "for 105 min (08:20-10:05 UTC)":
     * a length with its window after it */
    {
        const char *f = end + (*end == ',');
        if ((!strncmp(f, " from ", 6) && hs__isdigit((unsigned char)f[6])) ||
            (!strncmp(f, " between ", 9) && hs__isdigit((unsigned char)f[9])) ||
            (!strncmp(f, " (", 2) && hs__clock_dash_opens(f + 2) >= 0))
            return 1;
    }
    /* "it took 3 hours to restore service": how long the outage held */
    if (!hs__strncasecmp(q, "to ", 3) && p - text >= 5) {
        static const char *const restores[] = {"restor", "recover", "resolv",
                                               "mitigat", NULL};
        const char *r = q + 3, *from = p - text > 16 ? p - 16 : text;
        const char *took = hs__strcasestr(from, "took ");
        if (!hs__strncasecmp(r, "fully ", 6))
            r += 6;
        for (size_t i = 0; restores[i] && took && took < p; i++)
            if (!hs__strncasecmp(r, restores[i], strlen(restores[i])))
                return 1;
        /* "It took us 75 minutes to bring checkout back" */
        if (took && took < p &&
            (!hs__strncasecmp(r, "bring ", 6) ||
             !hs__strncasecmp(r, "get ", 4))) {
            const char *back = hs__strcasestr(r, " back");
            if (back && back - r <= 40 && !memchr(r, '.', (size_t)(back - r)) &&
                !hs__isalpha((unsigned char)back[5]))
                return 1;
        }
    }
    const char *p0 = p;
    /* a hedge between verb and number: "lasted roughly 3 hours" */
    {
        static const char *const hedges[] = {
            "about ", "approximately ", "approx. ", "roughly ", "around ",
            "nearly ", "almost ", "some ", "~", "just over ", "just under ",
            "a little over ", "a little under ", "a bit over ",
            "slightly over ", "a period of ", "a span of ", "between ",
            /* "failed for the next 40 minutes" */
            "the next ", "the following ", NULL};
        p -= hs__suffix_in(text, p, hedges);
    }
    /* "For 19 minutes after a deploy, ..." opening a sentence or line, and
     * "Over the following 2 hours, ..." (not "Over 2 hours", a bound) */
    if ((p - text >= 4 && !strncmp(p - 4, "For ", 4)) ||
        (p != p0 && p - text >= 5 && !strncmp(p - 5, "Over ", 5) &&
         (!hs__strncasecmp(p, "the next ", 9) ||
          !hs__strncasecmp(p, "the following ", 14)))) {
        const char *f = !strncmp(p - 4, "For ", 4) ? p - 4 : p - 5;
        if (f == text || f[-1] == '\n' ||
            (f - text >= 2 && f[-1] == ' ' &&
             (f[-2] == '.' || f[-2] == '!' || f[-2] == '-' || f[-2] == '*')))
            return 1;
    }
    /* "lasted 2 hours", "was down for 23 minutes" */
    if (hs__suffix_in(text, p, verbs) || hs__suffix_in(text, p0, verbs))
        return 1;
    if (from_start_to_recovery(text, p))
        return 1;
    /* "lost telemetry from eleven substations for two hours", "failed
     * for everyone for 47 minutes": a verb of outage earlier in the
     * clause, its object between it and the "for" */
    if (p - text >= 4 && !hs__strncasecmp(p - 4, "for ", 4) &&
        outage_clause(text, p - 4))
        return 1;
    /* "failed intermittently for 2.5h": an adverb between the verb and
     * its "for" */
    if (p - text >= 4 && !hs__strncasecmp(p - 4, "for ", 4)) {
        const char *a = p - 4;
        while (a > text && a[-1] == ' ')
            a--;
        if (a - text >= 3 && !hs__strncasecmp(a - 2, "ly", 2)) {
            while (a > text && hs__isalpha((unsigned char)a[-1]))
                a--;
            for (size_t i = 0; verbs[i]; i++) {
                size_t n = strlen(verbs[i]);
                if (n > 4 && !strcmp(verbs[i] + n - 4, "for ") &&
                    (size_t)(a - text) >= n - 4 &&
                    !hs__strncasecmp(a - (n - 4), verbs[i], n - 4))
                    return 1;
            }
        }
    }
    return 0;
}

/*
 * Does one of `words` (a NULL-ended list) lie wholly between from and to,
 * case-insensitive?
 */
static int has_word_between(const char *from, const char *to,
                            const char *const *words) {
    for (size_t i = 0; words[i]; i++) {
        const char *w = hs__strcasestr_before(from, to, words[i]);
        if (w && w + strlen(words[i]) <= to)
            return 1;
    }
    return 0;
}

int hs__names_other_occurrence(const char *from, const char *to, int is_lead) {
    /* they name another incident wherever they stand in a sentence */
    static const char *const anywhere[] = {"previous",       "once before",
                                           "last time",      "earlier incident",
                                           "prior incident", NULL};
    /* they place a time before this incident only just before it: "last
     * week (2024-02-26) we had a smaller blip", but "earlier today the
     * API was down for 45 minutes" and "prior to the fix ..." give this
     * incident's length */
    static const char *const in_lead[] = {
        "earlier",   "prior ",  "last week", "last month",
        "last year", "similar", NULL};
    return has_word_between(from, to, anywhere) ||
           (is_lead && has_word_between(from, to, in_lead));
}

/*
 * Is the sentence around p about an earlier incident ("This occurred once
 * previously and lasted 24 hours"), or one example of those affected
 * ("One bank, for example, had a two-hour outage")? Its length is not
 * this incident's.
 */
static int about_other_occurrence(const char *text, const char *p) {
    static const char *const example[] = {"for example", "for instance", NULL};
    const char *a = p, *b = p;
    while (a > text && a[-1] != '\n' &&
           !(a[-1] == ' ' && a - 1 > text && (a[-2] == '.' || a[-2] == '!')))
        a--;
    while (*b && *b != '\n' && !(*b == '.' && (b[1] == ' ' || !b[1])))
        b++;
    return hs__names_other_occurrence(a, b, 0) ||
           has_word_between(a, b, example);
}

/*
 * "between 40 and 50 minutes" at p, the number after "between": the
 * range's middle in minutes with *end past its unit, or -1.
 */
static int between_range(const char *text, const char *p, const char **end) {
    static const char *const between[] = {"between ", NULL};
    const char *q = p;
    long a = 0, b = 0;
    int m;
    if (!hs__suffix_in(text, p, between))
        return -1;
    while (hs__isdigit((unsigned char)*q) && a < 100000)
        a = a * 10 + (*q++ - '0');
    if (q == p || hs__strncasecmp(q, " and ", 5))
        return -1;
    q += 5;
    {
        const char *n = q;
        while (hs__isdigit((unsigned char)*n) && b < 100000)
            b = b * 10 + (*n++ - '0');
        if (n == q || b <= a)
            return -1;
    }
    m = parse_duration_at(q, end);
    if (m < 0)
        return -1;
    /* the unit of the second number is the first's: (a + b) / 2 of it */
    return (int)((double)m * (double)(a + b) / (2.0 * (double)b) + 0.5);
}

/*
 * Is p, a number that opens a line or a list item, a time written with
 * an h ("- 13h42 errors begin", "9h30 rollback", "0930h paged"): a
 * timeline's entry, not a length of 13 hours 42 minutes?
 */
static int opens_line_as_clock(const char *text, const char *p) {
    const char *a = p;
    size_t len;
    while (a > text && (a[-1] == ' ' || a[-1] == '-' || a[-1] == '*' ||
                        a[-1] == '+' || a[-1] == '\t'))
        a--;
    return (a == text || a[-1] == '\n') && hs__clock_h_form(p, &len) >= 0;
}

int hs__duration_from_prose(const char *text) {
    static const char *const verbs[] = {
        "lasted ", "lasting ", "lasted for ", "lasting for ", "down for ",
        "unavailable for ", "outage of ", "downtime of ", "a total of ",
        "for about ", "for approximately ", "for around ", "for roughly ",
        "for ~", "for approx. ", "unusable for ", "degraded for ",
        "affected for ", "impacted for ", "offline for ", "service for ",
        "outage for ", "downtime for ", "disruption for ", "degradation for ",
        "downtime was ", "outage was ", "window was ", "window of ",
        "duration is ", "duration was ", "errors for ", "persisted for ",
        "failing for ", "failed for ", "inaccessible for ", "unreachable for ",
        "disrupted for ", "interrupted for ", "impaired for ",
        "resolved within ", "restored within ", "mitigated within ",
        /* "service was restored after 25
         * minutes": the outage's length */
        "restored after ", "recovered after ", "resolved after ",
        "mitigated after ", "was down ", "were down ", NULL};
    /* a bound is not a duration: "at least 7 hours", "over two days" */
    static const char *const bounds[] = {"at least ", "more than ", "over ",
                                         "up to ",    "less than ", NULL};
    const char *p;
    if (!text)
        return -1;
    for (p = text; *p; p++) {
        const char *end;
        int m;
        double wv;
        /* a word start first: number_word at every letter of every word
         * was 2% of an index run */
        if ((p > text && (hs__isalnum((unsigned char)p[-1]) || p[-1] == '.')) ||
            !(hs__isdigit((unsigned char)*p) ||
              (hs__isalpha((unsigned char)*p) &&
               (number_word(p, &wv) || !hs__strncasecmp(p, "half a", 6)))))
            continue;
        if (opens_line_as_clock(text, p))
            continue;
        /* "for between 40 and 50 minutes": the range's middle */
        if ((m = between_range(text, p, &end)) < 0)
            m = parse_duration_at(p, &end);
        if (m < 0)
            continue;
        {
            int is_bound = hs__suffix_in(text, p, bounds) != 0;
            /* "just over two hours", "a little over an hour": a reader's
             * rounding, not a bound ("over two hours" is one) */
            if (is_bound && p - text >= 10 &&
                (!hs__strncasecmp(p - 10, "just over ", 10) ||
                 (p - text >= 14 &&
                  (!hs__strncasecmp(p - 14, "a little over ", 14) ||
                   !hs__strncasecmp(p - 14, "slightly over ", 14))) ||
                 (p - text >= 11 &&
                  !hs__strncasecmp(p - 11, "a bit over ", 11))))
                is_bound = 0;
            if (is_bound)
                continue;
        }
        if (is_prose_duration(text, p, end, verbs) &&
            !about_other_occurrence(text, p))
            return m;
    }
    return -1;
}

int hs__duration_bound(const char *text) {
    static const char *const bounds[] = {
        "for over ",    "for more than ",    "for at least ",
        "lasted over ", "lasted more than ", "lasted at least ",
        "took over ",   "took more than ",   NULL};
    if (!text)
        return 0;
    for (size_t i = 0; bounds[i]; i++)
        for (const char *p = hs__strcasestr(text, bounds[i]); p;
             p = hs__strcasestr(p + 1, bounds[i])) {
            const char *end;
            const char *q = p + strlen(bounds[i]);
            if ((p == text || !hs__isalnum((unsigned char)p[-1])) &&
                parse_duration_at(q, &end) >= 0)
                return 1;
        }
    return 0;
}

/* ---------------------------------------------------------------------
 * Clock times
 */

int hs__clock_h_form(const char *s, size_t *len) {
    int nd = 0, h, m;
    while (nd < 5 && hs__isdigit((unsigned char)s[nd]))
        nd++;
    if (nd == 4 && (s[4] == 'h' || !strncmp(s + 4, " hrs", 4)) &&
        !hs__isalnum((unsigned char)s[s[4] == 'h' ? 5 : 8])) {
        /* "0930h", "0930 hrs" */
        h = (s[0] - '0') * 10 + (s[1] - '0');
        m = (s[2] - '0') * 10 + (s[3] - '0');
        *len = s[4] == 'h' ? 5 : 8;
    } else if ((nd == 1 || nd == 2) && s[nd] == 'h' &&
               hs__isdigit((unsigned char)s[nd + 1]) &&
               hs__isdigit((unsigned char)s[nd + 2]) &&
               !hs__isalnum((unsigned char)s[nd + 3])) {
        /* "9h30", "14h10" */
        h = nd == 2 ? (s[0] - '0') * 10 + (s[1] - '0') : s[0] - '0';
        m = (s[nd + 1] - '0') * 10 + (s[nd + 2] - '0');
        *len = (size_t)nd + 3;
    } else {
        return -1;
    }
    return h < 24 && m < 60 ? h * 60 + m : -1;
}

/* Parse H:MM or HH:MM[:SS] [AM|PM] at s, or one of hs__clock_h_form's;
 * minutes since midnight or -1. */
static int parse_clock(const char *s, const char **end) {
    int h = 0, m, nd = 0;
    const char *p = s;
    size_t hl;
    if ((m = hs__clock_h_form(s, &hl)) >= 0) {
        if (end)
            *end = s + hl;
        return m;
    }
    while (hs__isdigit((unsigned char)*p) && nd < 3) {
        h = h * 10 + (*p++ - '0');
        nd++;
    }
    if (nd == 0 || nd > 2 || (*p != ':' && *p != '.') ||
        !hs__isdigit((unsigned char)p[1]) || !hs__isdigit((unsigned char)p[2]))
        return -1;
    /* "7.05am": a dotted time only with its am or pm, as "1.5 hours" and
     * "v2.14" are no times */
    if (*p == '.') {
        const char *q = p + 3;
        while (*q == ' ')
            q++;
        if (hs__isdigit((unsigned char)p[3]) ||
            !((hs__tolower((unsigned char)q[0]) == 'a' ||
               hs__tolower((unsigned char)q[0]) == 'p') &&
              hs__tolower((unsigned char)q[1]) == 'm' &&
              !hs__isalpha((unsigned char)q[2])))
            return -1;
    }
    m = (p[1] - '0') * 10 + (p[2] - '0');
    p += 3;
    if (*p == ':' && hs__isdigit((unsigned char)p[1]) &&
        hs__isdigit((unsigned char)p[2]))
        p += 3;
    if (h > 23 || m > 59)
        return -1;
    {
        const char *q = p;
        while (*q == ' ')
            q++;
        if ((hs__tolower((unsigned char)q[0]) == 'a' ||
             hs__tolower((unsigned char)q[0]) == 'p') &&
            hs__tolower((unsigned char)q[1]) == 'm' &&
            !hs__isalpha((unsigned char)q[2])) {
            int is_pm = hs__tolower((unsigned char)q[0]) == 'p';
            /* "13:06 PM" is a 24-hour time with a stray suffix */
            if (h <= 12)
                h = h % 12 + (is_pm ? 12 : 0);
            p = q + 2;
        }
    }
    if (end)
        *end = p;
    return h * 60 + m;
}

static int month_of(const char *w, size_t n);
static int digits(const char *p, int max, long *v);
static const char *skip_ordinal(const char *q);

/*
 * A weekday's name at s ("Sat", "Saturday", "Tues"): 0 for Monday to 6 for
 * Sunday, its length in *len; -1 if none. The one list of weekdays for
 * dates, windows and timeline times.
 */
static int weekday_at(const char *s, size_t *len) {
    static const char *const weekdays[] = {"mon", "tue", "wed", "thu",
                                           "fri", "sat", "sun"};
    size_t n = 0;
    while (hs__isalpha((unsigned char)s[n]))
        n++;
    if (n < 3 || n > 9)
        return -1;
    for (size_t i = 0; i < HS_ARRAY_LEN(weekdays); i++)
        if (!hs__strncasecmp(s, weekdays[i], 3) &&
            (n <= 4 || !hs__strncasecmp(s + n - 3, "day", 3))) {
            *len = n;
            return (int)i;
        }
    return -1;
}

/*
 * A day of a month without its year, after an optional weekday ("Friday 6
 * Sept", "Mon, Sep 9th", "9 September"): where it ends, or NULL. *days is
 * the day's number in a year of no leap day (2001), so two such days of
 * one window subtract.
 */
static const char *yearless_day(const char *s, long *days) {
    const char *p = s;
    long day = 0;
    int month = 0, dn;
    size_t n = 0;
    char ymd[HS_DATE_LEN];
    if (weekday_at(p, &n) >= 0) {
        p += n;
        while (*p == ',' || *p == ' ')
            p++;
    }
    for (n = 0; hs__isalpha((unsigned char)p[n]);)
        n++;
    if (n && (month = month_of(p, n)) && p[n] == ' ' &&
        (dn = digits(p + n + 1, 2, &day))) {
        p = skip_ordinal(p + n + 1 + dn); /* "Sep 9th" */
    } else if ((dn = digits(p, 2, &day)) != 0) {
        const char *q = skip_ordinal(p + dn);
        for (n = 0; *q == ' ' && hs__isalpha((unsigned char)q[1 + n]);)
            n++;
        if (!n || !(month = month_of(q + 1, n)))
            return NULL;
        p = q + 1 + n; /* "6 Sept" */
    } else {
        return NULL;
    }
    {
        const char *y = p + (*p == ',') + (p[*p == ','] == ' ');
        long year;
        /* "Sep 9, 2024", "9 Sep 2024" have their year: dates of their own */
        if (day < 1 || day > 31 || hs__isdigit((unsigned char)*p) ||
            (y > p && digits(y, 4, &year) == 4))
            return NULL;
    }
    snprintf(ymd, sizeof(ymd), "2001-%02d-%02ld", month, day);
    *days = hs__date_days(ymd);
    return *days < 0 ? NULL : p;
}

int hs__date_yearless(const char *text, int year, char out[HS_DATE_LEN]) {
    long days;
    char d[HS_DATE_LEN];
    while (*text == ' ' || *text == '*' || *text == '_')
        text++;
    if (year < 1000 || year > 9999 || !yearless_day(text, &days))
        return -1;
    hs__date_from_days(days, d); /* 2001-MM-DD */
    snprintf(out, HS_DATE_LEN, "%04d%s", year, d + 4);
    return hs__date_days(out) < 0 ? -1 : 0;
}

/*
 * The day written after a clock time ("09:30 UTC on Friday 17 May",
 * "23:41 on 3 March"): where it ends, with the day in *day_minutes and
 * its kind in *has_date as moment_at sets them; `e` itself if none.
 */
static const char *day_after(const char *e, long *day_minutes, int *has_date) {
    const char *q = e, *on;
    char d[HS_DATE_LEN];
    size_t dlen = 0;
    long days;
    /* a zone between: "UTC", "(CET)", "PM PT" */
    while (q - e < 12 && (*q == ' ' || *q == '(' || *q == ')' ||
                          hs__isalpha((unsigned char)*q))) {
        if (!hs__strncasecmp(q, " on ", 4))
            break;
        q++;
    }
    if (hs__strncasecmp(q, " on ", 4))
        return e;
    on = q + 4;
    if (hs__date_find(on, 1, d, NULL, &dlen) == 0) {
        *day_minutes = hs__date_days(d) * 1440;
        *has_date = 1;
        return on + dlen;
    }
    if ((q = yearless_day(on, &days)) != NULL) {
        *day_minutes = days * 1440;
        *has_date = 2;
        return q;
    }
    return e;
}

/* An hour with no minutes and its am or pm ("5pm", "11 AM", and with
 * `dotted` also "2 a.m."): minutes since midnight, *end past it; -1 if
 * none. */
static int hour_am_pm(const char *s, int dotted, const char **end) {
    long h;
    int n = digits(s, 2, &h), c;
    const char *q = s + n;
    if (!n || h < 1 || h > 12)
        return -1;
    if (*q == ' ')
        q++;
    c = hs__tolower((unsigned char)q[0]);
    if (c != 'a' && c != 'p')
        return -1;
    if (hs__tolower((unsigned char)q[1]) == 'm' &&
        !hs__isalnum((unsigned char)q[2]))
        q += 2;
    else if (dotted && q[1] == '.' && hs__tolower((unsigned char)q[2]) == 'm' &&
             q[3] == '.')
        q += 4;
    else
        return -1;
    *end = q;
    return (int)(h % 12 + (c == 'p' ? 12 : 0)) * 60;
}

/* A time said in words or by its hour alone, as prose writes the ends of
 * a window ("from 10pm until 2 a.m.", "from 9am until noon", "until
 * midnight"): minutes since midnight, *end past it; -1 if none. The
 * window readers ask for all of it, hs__clock_find for the hours; a bare
 * hour opening a line is a timeline entry only as hour_am_pm reads it. */
static int clock_word(const char *s, const char **end) {
    if (hs__isdigit((unsigned char)*s))
        return hour_am_pm(s, 1, end);
    if (!hs__strncasecmp(s, "noon", 4) && !hs__isalnum((unsigned char)s[4])) {
        *end = s + 4;
        return 12 * 60;
    }
    if (!hs__strncasecmp(s, "midnight", 8) &&
        !hs__isalnum((unsigned char)s[8])) {
        *end = s + 8;
        return 0;
    }
    return -1;
}

/* A clock time at s: "14:05", "2:05 PM", or one of clock_word's. */
static int clock_at(const char *s, const char **end) {
    const char *e;
    int m = parse_clock(s, &e);
    if (m < 0)
        m = clock_word(s, &e);
    if (m >= 0 && end)
        *end = e;
    return m;
}

/*
 * A moment at s: an optional date ("2023-01-02 22:10", "March 4, 2026 at
 * 22:10", or a day without its year, "Friday 6 Sept 18:30") and a clock
 * time. Minutes since midnight, plus the date's days
 * since 1970 times 1440 in *day_minutes (0 without a date, *has_date then
 * 0); -1 if s holds no clock time there. *end is set past the time.
 */
static int moment_at(const char *s, const char **end, long *day_minutes,
                     int *has_date) {
    char d[HS_DATE_LEN];
    size_t dlen = 0;
    *day_minutes = 0;
    *has_date = 0;
    if (hs__isalnum((unsigned char)*s) &&
        hs__date_find(s, 1, d, NULL, &dlen) == 0) {
        const char *q = s + dlen;
        while (*q == ' ' || *q == ',' || *q == 'T')
            q++;
        if (!hs__strncasecmp(q, "at ", 3))
            q += 3;
        if (clock_at(q, NULL) >= 0) {
            *day_minutes = hs__date_days(d) * 1440;
            *has_date = 1;
            s = q;
        }
    } else if (hs__isalnum((unsigned char)*s)) {
        long days;
        size_t wl;
        int wd;
        const char *q = yearless_day(s, &days);
        while (q && (*q == ' ' || *q == ','))
            q++;
        if (q && !hs__strncasecmp(q, "at ", 3))
            q += 3;
        if (q && clock_at(q, NULL) >= 0) {
            *day_minutes = days * 1440;
            *has_date = 2; /* of no year: only another such day compares */
            s = q;
        } else if ((wd = weekday_at(s, &wl)) >= 0) {
            /* "Saturday 02:10": a weekday alone, compared to another */
            q = s + wl;
            while (*q == ' ' || *q == ',' || *q == '\n')
                q++;
            if (!hs__strncasecmp(q, "at ", 3))
                q += 3;
            if (clock_at(q, NULL) >= 0) {
                *day_minutes = wd * 1440L;
                *has_date = 3;
                s = q;
            }
        }
    }
    {
        const char *e;
        int m = clock_at(s, &e);
        if (m >= 0 && !*has_date)
            e = day_after(e, day_minutes, has_date);
        if (end && m >= 0)
            *end = e;
        return m;
    }
}

/*
 * Minutes from moment a to moment b (as moment_at gives them): by their
 * days when both have one of the same kind, else on one clock with an end
 * before the start taken as the next day.
 */
static int window_minutes(int a, long da, int ha, int b, long db, int hb) {
    /* across the new year, a day without its year is in the next */
    if (ha == 2 && hb == 2 && db < da)
        db += 365 * 1440;
    /* "from Saturday 23:10 to Monday 01:00", "Sunday ... to Monday" */
    if (ha == 3 && hb == 3 && db + b <= da + a)
        db += 7 * 1440;
    if (ha && ha == hb && db + b > da + a && db + b - (da + a) <= 366 * 1440)
        return (int)(db + b - (da + a));
    if (b < a)
        b += 24 * 60;
    return b - a;
}

size_t hs__time_hedge(const char *p) {
    static const char *const hedges[] = {
        "~",      "\xe2\x89\x88", "approx. ", "approximately ", "around ",
        "about ", "roughly ",     "ca. ",     "circa ",         NULL};
    return hs__prefix_in(p, hedges);
}

/* Skip a zone name or offset after a time ("14:32 UTC", "9:16 PM PDT",
 * "22:10Z"): up to `mid`, or 24 bytes. */
static const char *skip_zone(const char *end, const char *q, const char *mid,
                             size_t ml) {
    while (*end == ' ' || hs__isalpha((unsigned char)*end) || *end == '(' ||
           *end == ')') {
        if (!hs__strncasecmp(end, mid, ml))
            break;
        end++;
        if (end - q > 24)
            break;
    }
    return end;
}

/*
 * An hour alone at s, as a window's end is written after a start with its
 * minutes ("from 9:30 to 11", "to 11 UTC", "until 14."): minutes since
 * midnight with *end past it; -1 when words follow it ("to 11 servers")
 * or it is no hour of a day.
 */
static int bare_hour_end(const char *s, const char **end) {
    long h;
    int nd = digits(s, 2, &h);
    const char *q = s + nd;
    if (!nd || h > 24 || hs__isalnum((unsigned char)*q) ||
        ((*q == ':' || *q == '.') && hs__isdigit((unsigned char)q[1])))
        return -1;
    if (*q == ' ' && q[1] == '(') {
        ; /* its zone in brackets: "to 11 (Amsterdam time)" */
    } else if (*q == ' ') {
        const char *z = q + 1;
        while (*z >= 'A' && *z <= 'Z')
            z++;
        if (z - q - 1 < 2 || z - q - 1 > 4 || hs__isalpha((unsigned char)*z))
            return -1; /* only a zone may follow: "to 11 UTC" */
    } else if (*q && !strchr(".,;)!?\n", *q)) {
        return -1;
    }
    *end = q;
    return (int)(h % 24) * 60;
}

int hs__duration_from_clock_range(const char *text) {
    static const struct {
        const char *open, *mid;
    } forms[] = {{"from ", " to "},      {"between ", " and "},
                 {"from ", " until "},   {"from ", " till "},
                 {"from ", " through "}, {"between ", " to "}};
    if (!text)
        return -1;
    for (size_t f = 0; f < HS_ARRAY_LEN(forms); f++) {
        const char *p = text;
        size_t ol = strlen(forms[f].open), ml = strlen(forms[f].mid);
        while ((p = hs__strcasestr(p, forms[f].open)) != NULL) {
            const char *q = p + ol, *end;
            long da, db;
            int a, b, ha, hb;
            p += ol;
            /* "from about 10:12 to 10:31": a hedge on the start */
            q += hs__time_hedge(q);
            a = moment_at(q, &end, &da, &ha);
            if (a < 0)
                continue;
            end = skip_zone(end, q, forms[f].mid, ml);
            /* "from 23:40 CET on 11 February to 01:05 CET": the start's
             * day between its time and the end, no clock nor sentence end
             * in it */
            if (hs__strncasecmp(end, forms[f].mid, ml) && end - q >= 3 &&
                !hs__strncasecmp(end - 3, "on ", 3)) {
                const char *m = hs__strcasestr(end, forms[f].mid);
                if (m && m - end <= 24 &&
                    !memchr(end, ':', (size_t)(m - end)) &&
                    !memchr(end, '.', (size_t)(m - end)))
                    end = m;
            }
            /* "from 08:40, when the rollout reached 10% of users, until
             * ...": a clause set off by commas between start and end */
            if (*end == ',' && hs__strncasecmp(end, forms[f].mid, ml)) {
                const char *c2 = strchr(end + 1, ',');
                if (c2 && c2 - end <= 80 &&
                    !hs__strcasestr_before(end, c2, ". ") &&
                    !memchr(end, ':', (size_t)(c2 - end)) &&
                    !hs__strncasecmp(c2 + 1, forms[f].mid, ml))
                    end = c2 + 1;
            }
            if (hs__strncasecmp(end, forms[f].mid, ml))
                continue;
            const char *u = end + ml;
            b = moment_at(u, &end, &db, &hb);
            /* "from 9:30 to 11": an hour alone ends a window whose start
             * has its minutes */
            if (b < 0 && !ha)
                b = bare_hour_end(u, &end);
            /* "until 6.8.1 was live at 15:10": the end's clock after the
             * words of what ended it, in the same sentence */
            if (b < 0 && !strcmp(forms[f].mid, " until ")) {
                const char *at = hs__strcasestr(u, " at ");
                if (at && at - u <= 40 && !hs__strcasestr_before(u, at, ". ") &&
                    !memchr(u, '\n', (size_t)(at - u)) &&
                    !memchr(u, ':', (size_t)(at - u)))
                    b = moment_at(at + 4, &end, &db, &hb);
            }
            if (b < 0)
                continue;
            /* "between 2023-01-02 22:10 and 2023-01-03 01:05" */
            int w = window_minutes(a, da, ha, b, db, hb);
            /* "from 10:05 to 10:50 and again from 13:20 to 13:55": the
             * users were affected in both windows, not in the time
             * between them */
            end = skip_zone(end, end, " and again ", 11);
            while (*end == ' ' || *end == ',')
                end++;
            if (w >= 0 && !hs__strncasecmp(end, "and again ", 10)) {
                const char *r = end + 10;
                int more;
                if ((!hs__strncasecmp(r, "from ", 5) ||
                     !hs__strncasecmp(r, "between ", 8)) &&
                    (more = hs__duration_from_clock_range(r)) >= 0)
                    w += more;
            }
            return w;
        }
    }
    return -1;
}

/*
 * A clock window written with a dash: "14:02-15:10", "14:02 UTC - 15:10
 * UTC", "14:02–15:10" (an en dash). -1 if none. Said of an impact, it is
 * the impact's window; anywhere else it may be a step's, so callers ask
 * for it only in impact statements.
 */
/* The window written with a dash at p ("14:02-15:10", "14:02 UTC -
 * 15:10 UTC"), *end set past it; -1 if none there. */
static int dash_window_at(const char *p, const char **end) {
    const char *e, *q;
    long da, db;
    int a, b, ha, hb;
    if ((a = moment_at(p, &e, &da, &ha)) < 0)
        return -1;
    q = skip_zone(e, p, " -", 2);
    while (*q == ' ')
        q++;
    /* a hyphen, an en or em dash, or an arrow ("14:05 → 15:20") */
    if (*q == '-')
        q++;
    else if (!strncmp(q, "\xe2\x80\x93", 3) || !strncmp(q, "\xe2\x80\x94", 3) ||
             !strncmp(q, "\xe2\x86\x92", 3))
        q += 3;
    else
        return -1;
    while (*q == ' ')
        q++;
    if ((b = moment_at(q, end, &db, &hb)) < 0)
        return -1;
    /* "2026-04-09T21:50Z – 2026-04-10T00:05Z" */
    return window_minutes(a, da, ha, b, db, hb);
}

int hs__clock_dash_opens(const char *text) {
    const char *end;
    return text && hs__isdigit((unsigned char)*text)
               ? dash_window_at(text, &end)
               : -1;
}

int hs__duration_from_clock_dash(const char *text) {
    if (!text)
        return -1;
    for (const char *p = text; *p; p++) {
        const char *end;
        int w;
        if (!hs__isdigit((unsigned char)*p) ||
            (p > text && (hs__isalnum((unsigned char)p[-1]) || p[-1] == ':' ||
                          p[-1] == '.')))
            continue;
        if ((w = dash_window_at(p, &end)) < 0)
            continue;
        /* "09:10-09:35, 11:50-12:30 and 15:05-15:20": a list of windows,
         * the users affected in each and not between them */
        for (;;) {
            static const char *const joins[] = {", and ", ", ", " and ", NULL};
            const char *q = end, *e2;
            size_t jl = hs__prefix_in(q, joins);
            int more;
            if (!jl) { /* "09:35 UTC, 11:50 UTC-12:30 UTC" */
                q = skip_zone(end, end, ",", 1);
                jl = hs__prefix_in(q, joins);
            }
            if (!jl || !hs__isdigit((unsigned char)q[jl]) ||
                (more = dash_window_at(q + jl, &e2)) < 0)
                break;
            w += more;
            end = e2;
        }
        return w;
    }
    return -1;
}

/* ---------------------------------------------------------------------
 * Dates
 */

static int is_leap(long y) {
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(long y, int m) {
    static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap(y) ? 29 : d[m - 1];
}

static int valid_ymd(long y, int m, int d) {
    return y >= HS_YEAR_MIN && y <= HS_YEAR_MAX && m >= 1 && m <= 12 &&
           d >= 1 && d <= days_in_month(y, m);
}

static void put_ymd(long y, int m, int d, char out[HS_DATE_LEN]) {
    out[0] = (char)('0' + y / 1000 % 10);
    out[1] = (char)('0' + y / 100 % 10);
    out[2] = (char)('0' + y / 10 % 10);
    out[3] = (char)('0' + y % 10);
    out[4] = '-';
    out[5] = (char)('0' + m / 10);
    out[6] = (char)('0' + m % 10);
    out[7] = '-';
    out[8] = (char)('0' + d / 10);
    out[9] = (char)('0' + d % 10);
    out[10] = '\0';
}

/* Days from civil (Howard Hinnant's algorithm, proleptic Gregorian). */
static long days_from_civil(long y, int m, int d) {
    long era, yoe, doy, doe;
    y -= m <= 2;
    era = (y >= 0 ? y : y - 399) / 400;
    yoe = y - era * 400;
    doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void hs__date_today(char out[HS_DATE_LEN]) {
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(out, HS_DATE_LEN, "%Y-%m-%d", &tm);
}

int hs__date_copy(char out[HS_DATE_LEN], const char *s) {
    if (!s || strlen(s) != HS_DATE_LEN - 1)
        return 0;
    memcpy(out, s, HS_DATE_LEN);
    return 1;
}

long hs__date_days(const char *ymd) {
    long y;
    int m, d;
    if (!ymd || strlen(ymd) != 10 || ymd[4] != '-' || ymd[7] != '-')
        return INT32_MIN;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && !hs__isdigit((unsigned char)ymd[i]))
            return INT32_MIN;
    y = (ymd[0] - '0') * 1000 + (ymd[1] - '0') * 100 + (ymd[2] - '0') * 10 +
        (ymd[3] - '0');
    m = (ymd[5] - '0') * 10 + (ymd[6] - '0');
    d = (ymd[8] - '0') * 10 + (ymd[9] - '0');
    if (!valid_ymd(y, m, d))
        return INT32_MIN;
    return days_from_civil(y, m, d);
}

void hs__date_from_days(long z, char out[HS_DATE_LEN]) {
    long era, doe, yoe, y, doy, mp;
    int d, m;
    z += 719468;
    era = (z >= 0 ? z : z - 146096) / 146097;
    doe = z - era * 146097;
    yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    y = yoe + era * 400;
    doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    mp = (5 * doy + 2) / 153;
    d = (int)(doy - (153 * mp + 2) / 5 + 1);
    m = (int)(mp < 10 ? mp + 3 : mp - 9);
    put_ymd(y + (m <= 2), m, d, out);
}

/* The number exactly n digits at s make, or -1 for anything else. */
static long fixed_digits(const char *s, int n) {
    long v;
    return digits(s, n, &v) == n ? v : -1;
}

/*
 * RFC 3339's date-time (section 5.6), as webhooks send it: a full date,
 * 'T', hh:mm:ss, up to nine digits of fraction, and 'Z' or +hh:mm. No
 * leap second (Go, which writes Alertmanager's and Grafana's, writes
 * none). The instant in UTC goes to `out` with nine fraction digits, so
 * that two instants compare as text.
 */
void hs__time_shown(const char *utc, char out[HS__UTC_LEN]) {
    size_t n = strlen(utc);
    const char *dot = strchr(utc, '.');
    if (n >= HS__UTC_LEN || !dot || utc[n - 1] != 'Z') {
        snprintf(out, HS__UTC_LEN, "%.*s", HS__UTC_LEN - 1, utc);
        return;
    }
    n--; /* the Z */
    while (n > (size_t)(dot - utc) + 1 && utc[n - 1] == '0')
        n--;
    if (n == (size_t)(dot - utc) + 1)
        n--; /* no fraction left: no dot either */
    memcpy(out, utc, n);
    out[n] = 'Z';
    out[n + 1] = '\0';
}

int hs__time_utc(const char *s, char out[HS__UTC_LEN]) {
    long y = fixed_digits(s, 4), mo, d, h, mi, sec, days, secs;
    char frac[10] = "000000000", ymd[HS_DATE_LEN];
    int n = 0, offset = 0;
    const char *p;
    /* every place read below is inside the text */
    if (strlen(s) < 20 || y < 1 || s[4] != '-' || s[7] != '-' ||
        (s[10] != 'T' && s[10] != 't') || s[13] != ':' || s[16] != ':')
        return -1;
    mo = fixed_digits(s + 5, 2);
    d = fixed_digits(s + 8, 2);
    h = fixed_digits(s + 11, 2);
    mi = fixed_digits(s + 14, 2);
    sec = fixed_digits(s + 17, 2);
    if (mo < 1 || mo > 12 || d < 1 || d > days_in_month(y, (int)mo) || h < 0 ||
        h > 23 || mi < 0 || mi > 59 || sec < 0 || sec > 59)
        return -1;
    p = s + 19;
    if (*p == '.') {
        for (p++; hs__isdigit((unsigned char)*p); p++, n++)
            if (n < 9)
                frac[n] = *p;
        if (n < 1 || n > 9)
            return -1;
    }
    if ((*p == 'Z' || *p == 'z') && !p[1]) {
        offset = 0;
    } else if ((*p == '+' || *p == '-') && strlen(p) == 6 && p[3] == ':') {
        long oh = fixed_digits(p + 1, 2), om = fixed_digits(p + 4, 2);
        if (oh < 0 || oh > 23 || om < 0 || om > 59)
            return -1;
        offset = (int)(oh * 60 + om) * (*p == '-' ? -1 : 1);
    } else {
        return -1;
    }
    secs = h * 3600 + mi * 60 + sec - offset * 60L;
    days = days_from_civil(y, (int)mo, (int)d);
    days += secs >= 0 ? secs / 86400 : -((86399 - secs) / 86400);
    secs = ((secs % 86400) + 86400) % 86400;
    if (days < days_from_civil(0, 1, 1) || days > days_from_civil(9999, 12, 31))
        return -1;
    hs__date_from_days(days, ymd);
    snprintf(out, HS__UTC_LEN, "%sT%02ld:%02ld:%02ld.%sZ", ymd, secs / 3600,
             secs / 60 % 60, secs % 60, frac);
    return 0;
}

static int month_of(const char *w, size_t n) {
    static const char *const names[] = {"jan", "feb", "mar", "apr",
                                        "may", "jun", "jul", "aug",
                                        "sep", "oct", "nov", "dec"};
    static const char *const full[] = {
        "january", "february", "march",     "april",   "may",      "june",
        "july",    "august",   "september", "october", "november", "december"};
    /* the months of bilingual write-ups ("3 février 2026", "14 de marzo
     * de 2026", "2 März 2026"), matched as bytes: UTF-8 letters kept */
    static const char *const foreign[] = {
        "janvier", "enero",     "januar",     "février",  "febrero",
        "februar", "mars",      "marzo",      "märz",     "avril",
        "abril",   "mai",       "mayo",       "juin",     "junio",
        "juni",    "juillet",   "julio",      "juli",     "août",
        "agosto",  "septembre", "septiembre", "octobre",  "octubre",
        "oktober", "novembre",  "noviembre",  "décembre", "diciembre",
        "dezember"};
    static const signed char foreign_month[] = {
        1, 1, 1, 2, 2, 2, 3, 3,  3,  4,  4,  5,  5,  6,  6, 6,
        7, 7, 7, 8, 8, 9, 9, 10, 10, 10, 11, 11, 12, 12, 12};
    /*
     * Every name here is 3 to 10 bytes and starts with one of these
     * letters: the date readers ask at nearly every word of a file (a
     * thousand times a file), and most words are no month.
     */
    int c0 = n ? hs__tolower((unsigned char)w[0]) : 0;
    if (n < 3 || n > 10 || !c0 || !strchr("jfmasonde", c0))
        return 0;
    for (size_t i = 0; i < HS_ARRAY_LEN(foreign); i++)
        if (n == strlen(foreign[i]) && !hs__strncasecmp(w, foreign[i], n))
            return foreign_month[i];
    for (int i = 0; i < 12; i++) {
        if (n == 3 && !hs__strncasecmp(w, names[i], 3))
            return i + 1;
        if (n == strlen(full[i]) && !hs__strncasecmp(w, full[i], n))
            return i + 1;
        if (n == 4 && i == 8 && !hs__strncasecmp(w, "sept", 4))
            return 9;
    }
    return 0;
}

/* Read up to `max` digits; returns count and value. */
static int digits(const char *p, int max, long *v) {
    int n = 0;
    *v = 0;
    while (n < max && hs__isdigit((unsigned char)p[n]))
        *v = *v * 10 + (p[n++] - '0');
    if (hs__isdigit((unsigned char)p[n]))
        return 0; /* too many digits: not this form */
    return n;
}

static const char *skip_ordinal(const char *q) {
    if (!hs__strncasecmp(q, "st", 2) || !hs__strncasecmp(q, "nd", 2) ||
        !hs__strncasecmp(q, "rd", 2) || !hs__strncasecmp(q, "th", 2))
        return q + 2;
    return q;
}

/* Past the dash of a range at q, blanks before it skipped: "-", an en
 * dash, or with `to` also "to "; NULL if none. */
static const char *range_dash(const char *q, int to) {
    while (*q == ' ')
        q++;
    if (*q == '-')
        return q + 1;
    if (!strncmp(q, "\xe2\x80\x93", 3)) /* en dash */
        return q + 3;
    if (to && !hs__strncasecmp(q, "to ", 3))
        return q + 3;
    return NULL;
}

/*
 * After the first day of "3-4 December 2025", "30 - 31 March": past the
 * range's second day, where the month's name follows, or NULL when no
 * range of days in one month starts at q.
 */
static const char *day_range_next(const char *q, long *last) {
    const char *w;
    long v;
    int n;
    q = range_dash(skip_ordinal(q), 0);
    if (!q)
        return NULL;
    while (*q == ' ')
        q++;
    n = digits(q, 2, &v);
    if (!n || v < 1 || v > 31 || hs__isdigit((unsigned char)q[n]))
        return NULL;
    q = skip_ordinal(q + n);
    if (*q != ' ')
        return NULL;
    w = q + 1;
    while (*w == ' ')
        w++;
    n = 0;
    while (hs__isalpha((unsigned char)w[n]))
        n++;
    if (!month_of(w, (size_t)n))
        return NULL;
    if (last)
        *last = v;
    return q;
}

/*
 * After the day of "March 26": the end of a range that follows it
 * (" - April 10", "-19", " to 28th"), or NULL when none does.
 */
static const char *range_end(const char *q) {
    const char *w;
    long v;
    int n;
    q = range_dash(q, 1);
    if (!q)
        return NULL;
    while (*q == ' ')
        q++;
    w = q;
    while (hs__isalpha((unsigned char)*q))
        q++;
    if (q > w && !month_of(w, (size_t)(q - w)))
        return NULL;
    while (*q == ' ' || *q == '.')
        q++;
    n = digits(q, 2, &v);
    if (!n || v < 1 || v > 31)
        return NULL;
    q = skip_ordinal(q + n);
    /* the year must follow, else this was no date range */
    while (*q == ' ' || *q == ',')
        q++;
    return digits(q, 4, &v) == 4 ? q : NULL;
}

/* Try every form at `p`; on success fill out and *len. */
/*
 * Is t the time of an ISO 8601 date and time: hours, then optional
 * minutes and seconds, with or without colons ("13:42:07", "1342", "13")?
 * 24:00 is the day's end; a leap second may be 60.
 */
static int is_iso_time(const char *t) {
    int part[3] = {0, 0, 0}, n = 0;
    for (; n < 3 && hs__isdigit((unsigned char)t[0]) &&
           hs__isdigit((unsigned char)t[1]);
         n++) {
        part[n] = (t[0] - '0') * 10 + (t[1] - '0');
        t += 2 + (t[2] == ':');
    }
    if (!n || hs__isdigit((unsigned char)*t) || part[0] > 24 || part[1] > 59 ||
        part[2] > 60)
        return 0;
    return part[0] < 24 || (part[1] == 0 && part[2] == 0);
}

static int date_at(const char *s, const char *p, char out[HS_DATE_LEN],
                   size_t *len) {
    long a, b, c;
    int na, nb, nc;
    if (p > s && (hs__isalnum((unsigned char)p[-1])))
        return -1;
    if (hs__isdigit((unsigned char)*p)) {
        na = digits(p, 4, &a);
        if (na == 4 && (p[4] == '-' || p[4] == '/' || p[4] == '.')) {
            char sep = p[4];
            nb = digits(p + 5, 2, &b);
            if (nb >= 1 && p[5 + nb] == sep) {
                nc = digits(p + 6 + nb, 2, &c);
                const char *t = p + 6 + nb + nc;
                /* ISO 8601's date and time: "2026-01-01T25:99:99Z" is
                 * a broken timestamp, not a date with noise after it */
                if (nc >= 1 && valid_ymd(a, (int)b, (int)c) &&
                    (*t != 'T' || !hs__isdigit((unsigned char)t[1]) ||
                     is_iso_time(t + 1))) {
                    put_ymd(a, (int)b, (int)c, out);
                    *len = (size_t)(6 + nb + nc);
                    return 0;
                }
            }
            return -1;
        }
        if (na >= 1 && na <= 2 &&
            (p[na] == '/' || p[na] == '.' || p[na] == '-') &&
            !hs__isalpha((unsigned char)p[na + 1])) {
            /*
             * MM/DD/YYYY (US), or DD/MM/YYYY when the first is over 12;
             * MM-DD-YYYY likewise, with a four-digit year only so that
             * "10-12" ranges are not read as dates.
             */
            char sep = p[na];
            nb = digits(p + na + 1, 2, &b);
            if (nb >= 1 && p[na + 1 + nb] == sep) {
                const char *q = p + na + 2 + nb;
                nc = digits(q, 4, &c);
                if (nc == 2 && sep != '-')
                    c += 2000;
                if ((nc == 2 && sep != '-') || nc == 4) {
                    long mo = a, dd = b;
                    if (a > 12 || sep == '.') {
                        mo = b;
                        dd = a;
                    }
                    if (valid_ymd(c, (int)mo, (int)dd)) {
                        put_ymd(c, (int)mo, (int)dd, out);
                        *len = (size_t)(q + nc - p);
                        return 0;
                    }
                }
            }
            /* "3-4 December 2025": a range of days, read below */
            if (!day_range_next(p + na, NULL))
                return -1;
        }
        /* 17 February 2026, 17th Feb, 2026, 17-Feb-2026, and Jira's
         * 18/Feb/25 or a spreadsheet's 3-Mar-26 (a month's name between
         * slashes or dashes, so its two-digit year is not ambiguous) */
        if (na >= 1 && na <= 2) {
            /* a range of days in one month is its first day */
            const char *q = day_range_next(p + na, NULL), *w;
            char dash;
            if (!q)
                q = p + na;
            dash = *q == '-' || *q == '/' ? *q : 0;
            int mo, is_dashed = dash != 0;
            if (!hs__strncasecmp(q, "st", 2) || !hs__strncasecmp(q, "nd", 2) ||
                !hs__strncasecmp(q, "rd", 2) || !hs__strncasecmp(q, "th", 2))
                q += 2;
            if (is_dashed)
                q++;
            while (*q == ' ')
                q++;
            if (!hs__strncasecmp(q, "of ", 3) || !hs__strncasecmp(q, "de ", 3))
                q += 3;
            w = q;
            /* bytes over 0x7f: the letters of "février", "März" */
            while (hs__isalpha((unsigned char)*q) || (unsigned char)*q > 0x7f)
                q++;
            mo = month_of(w, (size_t)(q - w));
            if (!mo)
                return -1;
            if (*q == '.')
                q++;
            if (is_dashed && *q++ != dash)
                return -1;
            while (*q == ' ' || *q == ',')
                q++;
            if (!hs__strncasecmp(q, "de ", 3))
                q += 3;
            nc = digits(q, 4, &c);
            if (nc == 2 && dash && !hs__isalnum((unsigned char)q[2]))
                c += 2000;
            if ((nc == 4 || (nc == 2 && dash)) && valid_ymd(c, mo, (int)a)) {
                put_ymd(c, mo, (int)a, out);
                *len = (size_t)(q + (size_t)nc - p);
                return 0;
            }
        }
        return -1;
    }
    if (hs__isalpha((unsigned char)*p)) {
        /* February 17, 2026 / Feb 17th 2026 */
        const char *q = p;
        int mo;
        while (hs__isalpha((unsigned char)*q))
            q++;
        mo = month_of(p, (size_t)(q - p));
        if (!mo)
            return -1;
        if (*q == '.')
            q++;
        while (*q == ' ')
            q++;
        nb = digits(q, 2, &b);
        if (!nb)
            return -1;
        q += nb;
        q = skip_ordinal(q);
        /* a range "March 26 - April 10, 2019", "January 14-19, 2026":
         * its first day, in the year stated at its end */
        {
            const char *r = range_end(q);
            if (r)
                q = r;
        }
        while (*q == ' ' || *q == ',')
            q++;
        nc = digits(q, 4, &c);
        if (nc == 4 && valid_ymd(c, mo, (int)b)) {
            put_ymd(c, mo, (int)b, out);
            *len = (size_t)(q + 4 - p);
            return 0;
        }
    }
    return -1;
}

/* ISO 8601's basic form, "20260303", the whole value of a field: in running
 * text eight digits are as often a ticket's or an order's number. */
static int compact_date_at(const char *p, char out[HS_DATE_LEN], size_t *len) {
    long y, m, d;
    if (digits(p, 8, &y) != 8 || hs__isalnum((unsigned char)p[8]))
        return -1;
    m = y / 100 % 100;
    d = y % 100;
    y /= 10000;
    if (y < 1900 || !valid_ymd(y, (int)m, (int)d))
        return -1;
    put_ymd(y, (int)m, (int)d, out);
    *len = 8;
    return 0;
}

int hs__date_find(const char *text, int anchored, char out[HS_DATE_LEN],
                  size_t *start, size_t *end) {
    const char *p = text;
    size_t len;
    if (!text)
        return -1;
    if (anchored) {
        /* skip white space, punctuation and one weekday name */
        size_t n;
        while (*p && !hs__isalnum((unsigned char)*p))
            p++;
        if (weekday_at(p, &n) >= 0) {
            p += n;
            while (*p && !hs__isalnum((unsigned char)*p))
                p++;
        }
        if (date_at(text, p, out, &len) != 0 && compact_date_at(p, out, &len))
            return -1;
        if (start)
            *start = (size_t)(p - text);
        if (end)
            *end = (size_t)(p - text) + len;
        return 0;
    }
    for (; *p; p++) {
        if (date_at(text, p, out, &len) == 0) {
            if (start)
                *start = (size_t)(p - text);
            if (end)
                *end = (size_t)(p - text) + len;
            return 0;
        }
    }
    return -1;
}

int hs__date_range_last(const char *text, char out[HS_DATE_LEN]) {
    long a, last;
    int na = digits(text, 2, &a);
    char first[HS_DATE_LEN];
    size_t len;
    if (!na || !day_range_next(text + na, &last) ||
        date_at(text, text, first, &len) != 0 || last <= a)
        return -1;
    if (!valid_ymd(strtol(first, NULL, 10), (int)strtol(first + 5, NULL, 10),
                   (int)last))
        return -1;
    put_ymd(strtol(first, NULL, 10), (int)strtol(first + 5, NULL, 10),
            (int)last, out);
    return 0;
}

int hs_date_parse(const char *text, char out[HS_DATE_LEN]) {
    char tmp[HS_DATE_LEN];
    if (hs__date_find(text, 1, tmp, NULL, NULL) != 0)
        return HS_EINVAL;
    memcpy(out, tmp, HS_DATE_LEN);
    return 0;
}

int hs__clock_find(const char *text, size_t within) {
    return hs__clock_find_zone(text, within, NULL, NULL);
}

/*
 * Is US daylight saving time in force on day ymd: from the second Sunday
 * of March to the first Sunday of November? -1 if ymd is no date.
 */
static int us_dst(const char *ymd) {
    long days = ymd && *ymd ? hs__date_days(ymd) : -1, y = 0, m = 0, sunday;
    char d[HS_DATE_LEN];
    if (days < 0 || digits(ymd, 4, &y) != 4 || digits(ymd + 5, 2, &m) != 2)
        return -1;
    if (m < 3 || m > 11)
        return 0;
    if (m > 3 && m < 11)
        return 1;
    memcpy(d, ymd, 8); /* "YYYY-MM-" */
    memcpy(d + 8, "01", 3);
    sunday = hs__date_days(d);
    /* 1970-01-01 was a Thursday: (days + 4) % 7 is 0 on a Sunday */
    sunday += (7 - (sunday + 4) % 7) % 7; /* the month's first Sunday */
    return m == 3 ? days >= sunday + 7 : days < sunday;
}

/*
 * The time zones a postmortem names after a clock time: the one list for
 * durations across zones and for the order of a date's day and month.
 */
static const struct zone {
    const char *name;
    int offset;    /* minutes east of UTC */
    int is_us_dst; /* a US zone without S or D: its DST by the day */
    int day_first; /* written where a date's day comes before its month */
} zones[] = {{"UTC", 0, 0, 0},    {"GMT", 0, 0, 0},    {"Z", 0, 0, 0},
             {"WET", 0, 0, 1},    {"WEST", 60, 0, 1},  {"BST", 60, 0, 1},
             {"CET", 60, 0, 1},   {"CEST", 120, 0, 1}, {"EET", 120, 0, 1},
             {"EEST", 180, 0, 1}, {"SAST", 120, 0, 1}, {"MSK", 180, 0, 1},
             {"BRT", -180, 0, 1}, {"EST", -300, 0, 0}, {"EDT", -240, 0, 0},
             {"CST", -360, 0, 0}, {"CDT", -300, 0, 0}, {"MST", -420, 0, 0},
             {"MDT", -360, 0, 0}, {"PST", -480, 0, 0}, {"PDT", -420, 0, 0},
             {"ET", -300, 1, 0},  {"CT", -360, 1, 0},  {"MT", -420, 1, 0},
             {"PT", -480, 1, 0},  {"JST", 540, 0, 0},  {"AEST", 600, 0, 1},
             {"AEDT", 660, 0, 1}, {"NZST", 720, 0, 1}, {"NZDT", 780, 0, 1}};

/* The zone whose name is the capitals at s ("CET" in "CET)", not in
 * "CETX" or "CET1"); NULL if none. */
static const struct zone *zone_named(const char *s) {
    size_t n = 0;
    while (s[n] >= 'A' && s[n] <= 'Z')
        n++;
    if (!n || hs__isalnum((unsigned char)s[n]))
        return NULL;
    for (size_t i = 0; i < HS_ARRAY_LEN(zones); i++)
        if (strlen(zones[i].name) == n && !strncmp(s, zones[i].name, n))
            return &zones[i];
    return NULL;
}

int hs__zone_day_first(const char *s) {
    const struct zone *z = zone_named(s);
    return z && z->day_first;
}

/*
 * The offset from UTC in minutes of the zone named at s ("UTC", "PDT",
 * "(CET)", "PT" on day ymd); HS__NO_ZONE if none is named or the day
 * needed to tell summer from winter is unknown.
 */
static int zone_offset(const char *s, const char *ymd) {
    const struct zone *z;
    int dst;
    while (*s == ' ' || *s == '(')
        s++;
    if ((z = zone_named(s)) == NULL)
        return HS__NO_ZONE;
    dst = z->is_us_dst ? us_dst(ymd) : 0;
    return dst < 0 ? HS__NO_ZONE : z->offset + 60 * dst;
}

int hs__clock_find_zone(const char *text, size_t within, const char *ymd,
                        int *offset) {
    if (offset)
        *offset = HS__NO_ZONE;
    for (const char *p = text; p && *p && (size_t)(p - text) < within; p++) {
        const char *end;
        int m;
        /* a clock after a date's 'T' ("2026-03-04T09:30Z") is one too */
        if (!hs__isdigit((unsigned char)*p) ||
            (p > text && hs__isalnum((unsigned char)p[-1]) &&
             !(p[-1] == 'T' && p - text >= 2 &&
               hs__isdigit((unsigned char)p[-2]))))
            continue;
        /* "14:05", "2:05 PM", or an hour with its am or pm ("2pm") */
        if ((m = parse_clock(p, &end)) >= 0 || (m = clock_word(p, &end)) >= 0) {
            if (offset)
                *offset = zone_offset(end, ymd);
            return m;
        }
    }
    return -1;
}

size_t hs__day_counter(const char *s, long *n) {
    const char *p = s;
    int dn;
    if (!hs__strncasecmp(p, "day ", 4))
        p += 4;
    else if ((*p == 'D' || *p == 'd') && (p[1] == '+' || p[1] == '-'))
        p += 2;
    else
        return 0;
    if (!(dn = digits(p, 2, n)) || hs__isalnum((unsigned char)p[dn]))
        return 0;
    if (s[1] == '-')
        *n = -*n;
    return (size_t)(p + dn - s);
}

/*
 * The words of a day that may stand before a clock time in a timeline
 * line: a weekday ("Saturday 12:45", "Mon, 12:45") and a day of a month
 * without its year ("Oct 30 12:45", "30 Oct, 12:45"). Returns where the
 * clock time starts, or s when no such words lead to one.
 */
static const char *skip_day_words(const char *s) {
    const char *p = s;
    for (int part = 0; part < 2; part++) {
        const char *w = p, *q;
        size_t n = 0;
        long day = 0;
        int dn;
        /* "Day 2 09:00", "Day 2: 09:00", "D+1 10:10": the incident's
         * days counted */
        if ((n = hs__day_counter(w, &day)) != 0) {
            p = w + n + (w[n] == ':');
            while (*p == ' ')
                p++;
            continue;
        }
        while (hs__isalpha((unsigned char)w[n]))
            n++;
        q = w + n;
        if (n >= 3 && n <= 9) {
            size_t wl;
            if (weekday_at(w, &wl) >= 0) {
                p = q; /* "Sat", "Saturday", "Tues" */
            } else if (month_of(w, n) && *q == ' ' &&
                       (dn = digits(q + 1, 2, &day)) && day >= 1 && day <= 31) {
                q = skip_ordinal(q + 1 + dn);
                p = q; /* "Oct 30", "Oct 30th" */
            }
        } else if (n == 0 && (dn = digits(w, 2, &day)) && day >= 1 &&
                   day <= 31) {
            q = skip_ordinal(w + dn);
            n = 0;
            if (*q == ' ')
                while (hs__isalpha((unsigned char)q[1 + n]))
                    n++;
            if (n && month_of(q + 1, n))
                p = q + 1 + n; /* "30 Oct" */
        }
        if (p == w)
            break;
        while (*p == ',' || *p == '.' || *p == ' ')
            p++;
    }
    return p != s && parse_clock(p, NULL) >= 0 ? p : s;
}

size_t hs__time_prefix(const char *text) {
    const char *p = text, *end;
    char d[HS_DATE_LEN];
    size_t e;
    while (*p == ' ' || *p == '*' || *p == '`')
        p++;
    p = skip_day_words(p);
    if (hs__date_find(p, 1, d, NULL, &e) == 0) {
        const char *q = p + e;
        while (*q == ' ' || *q == 'T' || *q == ',')
            q++;
        if (parse_clock(q, &end) >= 0)
            q = end;
        else if (q[0] == '-' && q[1] == '-') /* "2019-12-03 --:--" */
            q += q[2] == ':' && q[3] == '-' && q[4] == '-' ? 5 : 2;
        p = q;
    } else if (parse_clock(p, &end) >= 0) {
        p = end;
    } else if (hour_am_pm(p, 0, &end) >= 0) {
        p = end;
    } else {
        return 0;
    }
    /* an optional zone: UTC, Z, PST, CET, GMT+1 */
    {
        const char *q = p;
        while (*q == ' ')
            q++;
        if (*q == 'Z' && !hs__isalpha((unsigned char)q[1]))
            p = q + 1;
        else {
            const char *w = q;
            while (*w >= 'A' && *w <= 'Z')
                w++;
            if (w - q >= 2 && w - q <= 4 && !hs__isalpha((unsigned char)*w))
                p = w;
        }
    }
    while (*p == '*' || *p == '`')
        p++;
    return (size_t)(p - text);
}
