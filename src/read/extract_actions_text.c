/*
 * The text of one action item: the owner, due date and status it carries
 * inline in many notations ("(owner: X, due D)", "— @x, due D", "[DONE]",
 * "TODO:"), read out of the text into the item's fields, and the status a
 * sentence gives itself ("We tweaked ...", "DevEx will update ...").
 * Tables, lists and prose all end here, so every form reads an item the
 * same way. Also the shared small readers: table columns by header name,
 * blank values, leading emoji.
 */
#include "base/buf.h"
#include "base/strmap.h"
#include "base/text.h"
#include "base/util.h"
#include "model/normalize.h"
#include "model/record.h"
#include "read/extract_actions_int.h"

#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

/* Remove the n bytes of b at `at`, the text after them (and its NUL)
 * moving up: every marker, owner and label read out of an item's text. */
static void buf_drop(hs__buf *b, size_t at, size_t n) {
    memmove(b->data + at, b->data + at + n, b->len - at - n + 1);
    b->len -= n;
}

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
    while (*q >= 0x80 || *q == ':') {
        size_t len = hs__utf8_seq_len(q, 4);
        unsigned cp;
        if (*q == ':') {
            /* a GitHub shortcode (":white_check_mark:") is the emoji the
             * page shows */
            const unsigned char *e = q + 1;
            while (hs__isalnum(*e) || *e == '_' || *e == '+' || *e == '-')
                e++;
            if (e == q + 1 || *e != ':' || ++n > 4)
                return (const char *)p;
            q = e + 1;
            continue;
        }
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
int hs__find_col(const hs__table *t, hs__kind kind) {
    for (size_t c = 0; c < t->n_cols; c++)
        if (hs__column_is(t->cells[c], kind))
            return (int)c;
    return -1;
}

const char *hs__cell(const hs__table *t, size_t r, int c) {
    return c < 0 ? "" : t->cells[r * t->n_cols + (size_t)c];
}

/* ---------------------------------------------------------------------
 * Owners and dates
 */

/* "" "-" "TBD" "N/A" "none" "unassigned" mean no owner or no date. */
int hs__is_blank_value(const char *s) {
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

char *hs__owner_of(const char *s, size_t len) {
    char *t = hs__strtrim(s, len);
    char *o;
    if (hs__is_blank_value(t)) {
        free(t);
        return NULL;
    }
    o = t[0] == '@' && t[1] ? hs__xstrdup(t + 1) : hs__xstrdup(t);
    free(t);
    return o;
}

void hs__set_due(hs_action_item *a, const char *s, hs_postmortem *pm,
                 int line) {
    char d[HS_DATE_LEN];
    if (hs__is_blank_value(s))
        return;
    if (hs__date_find(s, 1, d, NULL, NULL) == 0)
        memcpy(a->due, d, sizeof(d));
    else if (pm)
        hs__pm_warn(pm, line, "unparseable due date '%s'", s);
}

/* ---------------------------------------------------------------------
 * Inline notations in an action's text
 */

int hs__starts_word(const char *s, const char *w) {
    size_t n = strlen(w);
    return !hs__strncasecmp(s, w, n) && !hs__isalpha((unsigned char)s[n]);
}

/*
 * Does s open with a key that names an item's owner ("Owner", "Assigned
 * to", "Responsible: OT Change Board", "Driver")? The one list for parts,
 * brackets and nested lines.
 */
int hs__owner_key(const char *s) {
    static const char *const keys[] = {
        "owner", "owners",      "assignee", "assigned to", "owned by",
        "dri",   "responsible", "driver",   "assigned",    NULL};
    /* "responsible for", "driver of" and "assigned a ticket" are prose:
     * those three need their colon */
    for (size_t i = 0; keys[i]; i++)
        if (hs__starts_word(s, keys[i]) && (i < 6 || s[strlen(keys[i])] == ':'))
            return 1;
    return 0;
}

/*
 * Read one "owner: X" / "@x" / "due D" / "by D" / status part. Returns 1 if
 * the part was understood (and so should be removed from the action).
 */
/* Is v two or more chat handles and nothing else ("@ravi @mei")? */
static int is_handles(const char *v) {
    size_t n = 0;
    for (const char *w = v; *w;) {
        if (w[0] != '@' || !hs__isalnum((unsigned char)w[1]))
            return 0;
        for (w++; *w && *w != ' ';)
            w++;
        n++;
        while (*w == ' ')
            w++;
    }
    return n >= 2;
}

/* The handles of v without their '@', comma-separated: "ravi, mei". */
static char *handles_list(const char *v) {
    hs__buf b = HS_BUF_INIT;
    for (const char *w = v; *w;) {
        size_t n = strcspn(++w, " ");
        hs__buf_printf(&b, "%s%.*s", b.len ? ", " : "", (int)n, w);
        for (w += n; *w == ' ';)
            w++;
    }
    return b.data;
}

/*
 * Where the owner in value v ends: before a dash that sets off the
 * item's status or day ("Nadia Ferreira \xe2\x80\x94 done 2025-08-06",
 * "Build team - open"), which is read into a; else at its end.
 */
static size_t owner_end(hs_action_item *a, const char *v) {
    static const char *const dashes[] = {" \xe2\x80\x94 ", " \xe2\x80\x93 ",
                                         " - ", NULL};
    for (size_t i = 0; dashes[i]; i++) {
        const char *d = strstr(v, dashes[i]);
        const char *r = d ? d + strlen(dashes[i]) : NULL;
        /* not a second owner ("- @jo", "- Owner: Jo") */
        if (d && *r != '@' && !hs__owner_key(r) &&
            hs__meta_part(a, r, strlen(r)))
            return (size_t)(d - v);
    }
    /* "Owner: R. de Wit. Target date: 2025-06-30.", "Owner: Firewall
     * team. For end of February.": the sentence ends the name (not an
     * initial's or a title's stop), and what follows is read if known */
    for (const char *d = strstr(v, ". "); d; d = strstr(d + 1, ". ")) {
        static const char *const titles[] = {"mr", "ms", "mrs",
                                             "dr", "st", NULL};
        const char *w = d;
        while (w > v && hs__isalpha((unsigned char)w[-1]))
            w--;
        if (d - w < 2 || hs__span_in(w, (size_t)(d - w), titles))
            continue;
        hs__meta_part(a, d + 2, strlen(d + 2));
        return (size_t)(d - v);
    }
    return strlen(v);
}

static size_t trailing_who(const char *t, const char **open);

/* Does `v` put the work off to a time to come ("next sprint", "this
 * quarter"), and say nothing more? */
static int planned_later(const char *v) {
    static const char *const when[] = {
        "next sprint", "next week",    "next month",      "next quarter",
        "this sprint", "this quarter", "later this week", NULL};
    size_t n = hs__prefix_in(v, when);
    return n && !v[n + strspn(v + n, " .)")];
}

/*
 * A status with its owner in brackets after it ("In progress (Karl)",
 * "Not started (warehouse liaison)", "planned (client team)"): the status
 * in *st, the owner's length (its '(' at *open); 0 if `v` is not one.
 */
static size_t status_with_who(const char *v, hs_status *st, const char **open) {
    size_t n = trailing_who(v, open);
    char *head;
    if (!n)
        return 0;
    head = hs__strtrim(v, (size_t)(*open - v));
    *st = strlen(head) <= 24 ? hs_status_parse(head) : HS_STATUS_UNKNOWN;
    free(head);
    return *st != HS_STATUS_UNKNOWN ? n : 0;
}

int hs__meta_part(hs_action_item *a, const char *part, size_t len) {
    char *t = hs__strtrim(part, len);
    const char *v = t;
    char d[HS_DATE_LEN];
    int is_known = 1;
    hs_status wst;
    const char *open;
    size_t who;
    if (hs__owner_key(v)) {
        v += strcspn(v, ": ");
        if (!hs__strncasecmp(v, " to", 3) || !hs__strncasecmp(v, " by", 3))
            v += 3;
        while (*v == ':' || *v == ' ')
            v++;
        if (!a->owner) {
            /*
             * What owner_end reads after the name names no second owner:
             * an empty one stands until this one is known. Each "Owner:"
             * in the rest read the rest again, one call deeper, with a
             * copy of it: 40,000 "Owner: Bob." (480 KB) took 9 GB.
             */
            size_t end;
            a->owner = hs__xstrdup("");
            end = owner_end(a, v);
            free(a->owner);
            a->owner = hs__owner_of(v, end);
        }
    } else if (hs__starts_word(v, "due") || hs__starts_word(v, "deadline") ||
               hs__starts_word(v, "by") || hs__starts_word(v, "eta") ||
               hs__starts_word(v, "target")) {
        v += strcspn(v, ": ");
        while (*v == ':' || *v == ' ')
            v++;
        if (hs__starts_word(v, "by"))
            v += 2;
        else if (hs__starts_word(v, "date")) /* "Target date: ..." */
            v += 4 + (v[4] == ':');
        while (*v == ' ')
            v++;
        if (hs__date_find(v, 1, d, NULL, NULL) == 0)
            memcpy(a->due, d, sizeof(d));
        else
            is_known = 0;
    } else if ((hs__starts_word(v, "status") || hs__starts_word(v, "state")) &&
               strchr(v, ':')) {
        /* "Status: in progress"; a word it does not know is no status */
        hs_status st;
        v += strcspn(v, ": ");
        while (*v == ':' || *v == ' ')
            v++;
        st = hs_status_parse(v);
        if (a->status == HS_STATUS_UNKNOWN)
            a->status = st;
    } else if ((who = status_with_who(v, &wst, &open)) != 0) {
        if (a->status == HS_STATUS_UNKNOWN)
            a->status = wst;
        if (!a->owner)
            a->owner = hs__xstrndup(open + 1, who);
    } else if (planned_later(v)) {
        /* "(Ola, next sprint)": work put off to a time to come */
        if (a->status == HS_STATUS_UNKNOWN)
            a->status = HS_STATUS_NOT_STARTED;
    } else if ((hs__starts_word(v, "completed") || hs__starts_word(v, "done") ||
                hs__starts_word(v, "already") ||
                hs__starts_word(v, "shipped")) &&
               strlen(v) <= 32) {
        /* "(completed November 13)", "(done on 2024-11-13)": the day it
         * was finished, not a due date; "(already live)", "(shipped
         * April 24)" */
        if (a->status == HS_STATUS_UNKNOWN)
            a->status = HS_STATUS_DONE;
    } else if (v[0] == '@' && hs__isalnum((unsigned char)v[1]) &&
               !strchr(v, ' ')) {
        if (!a->owner)
            a->owner = hs__xstrdup(v + 1);
    } else if (is_handles(v)) {
        /* "(@ravi @mei)": several handles, one owner list "ravi, mei" */
        if (!a->owner)
            a->owner = handles_list(v);
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

/*
 * Metadata is short: the longest that the real postmortems, the styles and
 * the fixtures hold is 37 bytes ("(owner: Platform team, due 2024-03-01)").
 * Longer text is never read as metadata, so that looking at it costs a
 * bounded time: a group was scanned to its end for every '(' before it, and
 * an item of 200,000 '(' then as many ')' (400 KB) took 7 s.
 */
#define META_MAX 200

static int looks_meta(const char *s, size_t len);
static int is_person(const char *s, size_t len);

/* Parse a run of meta parts separated by commas, semicolons or sentences
 * ("Owner: Lee. Status: done."); returns how many were understood and
 * whether all were (in *is_all). */
static int meta_run(hs_action_item *a, const char *s, size_t len, int *is_all) {
    int n_known = 0, n = 0;
    size_t i = 0, who = 0, who_len = 0;
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
            int known = hs__meta_part(a, s + i, k - i);
            n++;
            n_known += known;
            if (!known)
                who = i, who_len = k - i;
        }
        i = j + 1;
    }
    /* "(in progress, Kim)": the one part not understood, beside the
     * others, is who has the work when it is a name */
    if (n >= 2 && n_known == n - 1 && !a->owner &&
        is_person(s + who, who_len)) {
        a->owner = hs__strtrim(s + who, who_len);
        n_known++;
    }
    *is_all = n > 0 && n_known == n;
    return n_known;
}

/* Does this bracketed or trailing text look like metadata? */
static int looks_meta(const char *s, size_t len) {
    char *t;
    hs_status st;
    const char *open;
    int is_meta;
    if (len > META_MAX)
        return 0;
    t = hs__strtrim(s, len);
    is_meta =
        status_with_who(t, &st, &open) != 0 || planned_later(t) ||
        hs__owner_key(t) || hs__starts_word(t, "due") ||
        hs__starts_word(t, "deadline") || hs__starts_word(t, "dri") ||
        t[0] == '@' || (hs__starts_word(t, "status") && strchr(t, ':')) ||
        (strlen(t) <= 24 && hs_status_parse(t) != HS_STATUS_UNKNOWN &&
         !strchr(t, ' ')) ||
        ((hs__starts_word(t, "already") || hs__starts_word(t, "shipped")) &&
         strlen(t) <= 24) ||
        hs__starts_word(t, "done") || hs__starts_word(t, "completed") ||
        hs__starts_word(t, "in progress") || hs__starts_word(t, "not started");
    free(t);
    return is_meta;
}

/*
 * Remove [..] and (..) groups that are metadata, reading them into `a`.
 * The text kept is copied to a new buffer as it is read, where each group
 * dropped moved the rest of the text up: 160,000 "(owner: a)" in one item
 * (1.7 MB) took 7 s.
 */
static void strip_groups(hs_action_item *a, hs__buf *b) {
    hs__buf kept = HS_BUF_INIT;
    size_t i = 0;
    while (i < b->len) {
        char open = b->data[i], close;
        const char *in = b->data + i + 1, *end;
        size_t in_len;
        int is_all = 0, is_gone;
        if (open != '[' && open != '(') {
            hs__buf_putc(&kept, open);
            i++;
            continue;
        }
        close = open == '[' ? ']' : ')';
        /* a group longer than META_MAX is no metadata: look no further */
        end = memchr(in, close,
                     b->len - i - 1 < META_MAX + 1 ? b->len - i - 1
                                                   : META_MAX + 1);
        in_len = end ? (size_t)(end - in) : 0;
        is_gone = end && looks_meta(in, in_len);
        if (is_gone) {
            meta_run(a, in, in_len, &is_all);
            is_gone = is_all || hs__starts_word(in, "owner") || in[0] == '@' ||
                      hs__starts_word(in, "due");
        }
        if (!is_gone) {
            hs__buf_putc(&kept, open);
            i++;
            continue;
        }
        i += in_len + 2;
        /* "the client (owner: ops)." is "the client.", not "the client ." */
        if (kept.len && kept.data[kept.len - 1] == ' ' &&
            (i == b->len || strchr(".,;:!?", b->data[i])))
            hs__buf_truncate(&kept, kept.len - 1);
    }
    hs__buf_release(b);
    *b = kept;
}

/* Is w[0..n) a word that makes a group of people ("Platform team",
 * "Support leads", "SRE guild", "Search on-call")? */
static int is_group_noun(const char *w, size_t n) {
    static const char *const nouns[] = {"team",    "teams",  "leads",   "lead",
                                        "guild",   "squad",  "crew",    "group",
                                        "on-call", "oncall", "liaison", NULL};
    return hs__span_in(w, n, nouns);
}

/* Is s[0..len) one word that names a function of an organisation, a team
 * by itself ("QA", "SRE", "Security", "Analytics")? */
static int is_department(const char *s, size_t len) {
    static const char *const words[] = {
        "support",     "security",   "sre",       "qa",
        "ops",         "devops",     "infra",     "infrastructure",
        "platform",    "networking", "analytics", "legal",
        "finance",     "compliance", "product",   "design",
        "engineering", "marketing",  "sales",     "it",
        "dba",         "secops",     "netops",    "frontend",
        "backend",     NULL};
    if (!len || s[0] < 'A' || s[0] > 'Z')
        return 0;
    for (size_t i = 0; words[i]; i++)
        if (strlen(words[i]) == len && !hs__strncasecmp(s, words[i], len))
            return 1;
    return 0;
}

/*
 * Does s[0..len) name a person or a team: one to three capitalised words
 * ("Kim", "Ana Lima"), or a capitalised group ("Platform team", "Support
 * leads")? An
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
    return is_caps || (s[0] >= 'A' && s[0] <= 'Z' &&
                       is_group_noun(last, (size_t)(s + len - last)));
}

/* Is s[0..len) a capitalised group ("Storage team", "SRE on-call")? */
static int is_team(const char *s, size_t len) {
    size_t k = len;
    while (k && s[k - 1] != ' ')
        k--;
    return k && is_person(s, len) && is_group_noun(s + k, len - k);
}

/* Are the len bytes at s one e-mail address ("tom@example.com")? */
static int is_email(const char *s, size_t len) {
    const char *at = memchr(s, '@', len);
    if (!at || at == s || len > 64 ||
        memchr(at + 1, '@', len - 1 - (size_t)(at - s)))
        return 0;
    for (size_t i = 0; i < len; i++)
        if (!hs__isalnum((unsigned char)s[i]) && !strchr("@._+-", s[i]))
            return 0;
    return memchr(at, '.', len - (size_t)(at - s)) != NULL &&
           hs__isalpha((unsigned char)s[len - 1]);
}

/* Is s[0..len) a person's full name ("Ivo Petrov": two or three words,
 * each a capital then small letters) or a capitalised team ("Network
 * team")? Stricter than is_person: a product in brackets ("(Redis)",
 * "(Search API)") is not an owner. */
static int is_full_name(const char *s, size_t len) {
    size_t words = 0;
    if (!is_person(s, len))
        return 0;
    for (size_t i = 0; i < len; i++) {
        if (i && s[i - 1] != ' ')
            continue;
        words++;
        if (!(s[i] >= 'A' && s[i] <= 'Z') ||
            !(i + 1 < len && s[i + 1] >= 'a' && s[i + 1] <= 'z')) {
            size_t k = len;
            while (k && s[k - 1] != ' ')
                k--;
            return k && is_group_noun(s + k, len - k);
        }
    }
    return words >= 2;
}

/* Cut a dash that ends b after a blank (" —", " –", " -"), the one that
 * set off a tail already cut, and the blanks around it. */
static void drop_dash(hs__buf *b) {
    static const char *const dashes[] = {" \xe2\x80\x94", " \xe2\x80\x93", " -",
                                         NULL};
    hs__buf_rtrim(b);
    for (size_t i = 0; dashes[i]; i++) {
        size_t n = strlen(dashes[i]);
        if (b->len > n && !memcmp(b->data + b->len - n, dashes[i], n)) {
            hs__buf_truncate(b, b->len - n);
            hs__buf_rtrim(b);
            return;
        }
    }
}

/*
 * A note app's tail: " 📅 2026-02-05" (the due date of Obsidian's
 * Tasks plugin), " [[Tomasz]]" (a person's page) or " @Wen Zhao" (a
 * Notion mention, "@kim" a handle) ending the item; a Confluence page's
 * " {date:2025-09-17}" (a date macro), " [~mkowalski]" (a user mention)
 * and a macro's close (" {tasklist}"). Returns 1 if one was cut and read.
 */
static int strip_note_tail(hs_action_item *a, hs__buf *b) {
    static const char cal[] = " \xf0\x9f\x93\x85 ";
    const char *p;
    char d[HS_DATE_LEN];
    size_t end = 0;
    if (b->len > 8 && b->data[b->len - 1] == '}' &&
        (p = hs__strstr_last(b->data, " {date:")) != NULL &&
        hs__date_find(p + 7, 1, d, NULL, &end) == 0 && p[7 + end] == '}' &&
        !p[8 + end]) {
        if (!a->due[0])
            memcpy(a->due, d, sizeof(d));
        hs__buf_truncate(b, (size_t)(p - b->data));
        return 1;
    }
    /* " {tasklist}": the closing macro of the list, run on after its last
     * item */
    if (b->len > 4 && b->data[b->len - 1] == '}' &&
        (p = hs__strstr_last(b->data, " {")) != NULL &&
        strspn(p + 2, "abcdefghijklmnopqrstuvwxyz") ==
            b->len - 1 - (size_t)(p + 2 - b->data) &&
        p[2] != '}') {
        hs__buf_truncate(b, (size_t)(p - b->data));
        return 1;
    }
    if (b->len > 4 && b->data[b->len - 1] == ']' &&
        (p = hs__strstr_last(b->data, " [~")) != NULL && p[3] != ']' &&
        strspn(p + 3, "abcdefghijklmnopqrstuvwxyz"
                      "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-@") ==
            b->len - 1 - (size_t)(p + 3 - b->data)) {
        if (!a->owner)
            a->owner =
                hs__xstrndup(p + 3, b->len - 1 - (size_t)(p + 3 - b->data));
        hs__buf_truncate(b, (size_t)(p - b->data));
        return 1;
    }
    p = hs__strstr_last(b->data, cal);
    if (p && hs__date_find(p + strlen(cal), 1, d, NULL, &end) == 0 &&
        !p[strlen(cal) + end + strspn(p + strlen(cal) + end, " ")]) {
        if (!a->due[0])
            memcpy(a->due, d, sizeof(d));
        hs__buf_truncate(b, (size_t)(p - b->data));
        return 1;
    }
    if (b->len > 5 && !strcmp(b->data + b->len - 2, "]]") &&
        (p = hs__strstr_last(b->data, " [[")) != NULL &&
        is_person(p + 3, b->len - 2 - (size_t)(p + 3 - b->data))) {
        if (!a->owner)
            a->owner =
                hs__xstrndup(p + 3, b->len - 2 - (size_t)(p + 3 - b->data));
        hs__buf_truncate(b, (size_t)(p - b->data));
        return 1;
    }
    if ((p = hs__strstr_last(b->data, " @")) != NULL && p[2]) {
        size_t n = strlen(p + 2),
               h = strspn(p + 2, "abcdefghijklmnopqrstuvwxyz0123456789_.-");
        if (is_person(p + 2, n) ||
            (h == n && hs__isalnum((unsigned char)p[2]))) {
            if (!a->owner)
                a->owner = hs__strtrim(p + 2, n);
            hs__buf_truncate(b, (size_t)(p - b->data));
            drop_dash(b); /* "Drop the cache — @mei.t" */
            return 1;
        }
    }
    return 0;
}

/*
 * The length of a to-do marker that starts `p` ("TODO:", "DONE -",
 * "DOING:", "TODO(dana):" with its owner in brackets, as programmers
 * write it), written in capitals, 0 if none. Its status and owner are the
 * caller's to read (hs__action_from_text does).
 */
size_t hs__marker_len(const char *p) {
    static const char *const markers[] = {"TODO", "DONE", "DOING", NULL};
    /* asked at every word of every paragraph: most start with neither */
    if (*p != 'T' && *p != 'D')
        return 0;
    for (size_t i = 0; markers[i]; i++) {
        size_t n = strlen(markers[i]);
        const char *c = p + n;
        if (strncmp(p, markers[i], n))
            continue;
        if (*c == '(') {
            /* an owner of at most 40 bytes: look no further, as a
             * paragraph of "TODO(" searched its rest from each */
            size_t g = 0;
            while (g <= 40 && c[g] && c[g] != ')' && c[g] != '\n')
                g++;
            if (c[g] != ')' || g < 2 || g > 40)
                return 0;
            c += g + 1;
        }
        while (*c == ' ')
            c++;
        if (*c == ':' || (*c == '-' && c[1] == ' '))
            return (size_t)(c + 1 - p);
    }
    return 0;
}

/* What the meta read apart into `got` says and item a does not say yet
 * (its owner, due date, status), into a; got's owner is a's then. */
static void take_meta(hs_action_item *a, hs_action_item *got) {
    if (!a->owner)
        a->owner = got->owner, got->owner = NULL;
    if (!a->due[0])
        memcpy(a->due, got->due, sizeof(got->due));
    if (a->status == HS_STATUS_UNKNOWN)
        a->status = got->status;
}

/* Is all of s an issue tracker's key ("JIRA-12", "OPS-4821") or an
 * issue number ("#1490")? */
static int is_ticket_ref(const char *s) {
    size_t n = 0;
    if (*s == '#')
        s++;
    else {
        if (!(*s >= 'A' && *s <= 'Z'))
            return 0;
        while ((s[n] >= 'A' && s[n] <= 'Z') || hs__isdigit((unsigned char)s[n]))
            n++;
        if (n < 2 || n > 10 || s[n] != '-')
            return 0;
        s += n + 1;
    }
    n = strspn(s, "0123456789");
    return n >= 1 && n <= 8 && !s[n];
}

/*
 * "Add an alert, owner @maria, JIRA-12": a ticket after an item's meta
 * stays with the item, in a bracket as "— @maria (JIRA-12)" keeps it, and
 * the meta before it is read when all of it is understood. Returns 1 if
 * it was.
 */
static int ticket_after_meta(hs_action_item *a, hs__buf *b) {
    const char *t = hs__strstr_last(b->data, ", "), *m = NULL;
    hs_action_item got;
    int is_all = 0;
    if (!t || !is_ticket_ref(t + 2))
        return 0;
    /* the ", " before it, walking back */
    for (size_t i = (size_t)(t - b->data); i-- > 0 && !m;)
        if (b->data[i] == ',' && b->data[i + 1] == ' ')
            m = b->data + i;
    if (!m || !looks_meta(m + 2, (size_t)(t - m - 2)))
        return 0;
    memset(&got, 0, sizeof(got));
    meta_run(&got, m + 2, (size_t)(t - m - 2), &is_all);
    if (is_all) {
        char *ticket = hs__xstrdup(t + 2);
        take_meta(a, &got);
        hs__buf_truncate(b, (size_t)(m - b->data));
        hs__buf_printf(b, " (%s)", ticket);
        free(ticket);
    }
    free(got.owner);
    return is_all;
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
                                       " \xe2\x86\x92 ", /* "→ Tom" */
                                       NULL};
    if (strip_note_tail(a, b))
        return 1;
    for (size_t k = 0; seps[k]; k++) {
        const char *p = b->data, *hit = NULL;
        size_t sl = strlen(seps[k]);
        while ((p = strstr(p, seps[k])) != NULL) {
            hit = p;
            p += sl;
        }
        if (hit) {
            const char *tail = hit + sl;
            size_t tl = strlen(tail);
            int is_all = 0;
            if (looks_meta(tail, tl)) {
                /* "— @maria (JIRA-12)": the ticket in its bracket (a
                 * number in it) stays with the item, the meta before it is
                 * read alone; "Owners: Ana, Bo (Search)" is all meta */
                const char *grp = NULL;
                if (tail[tl - 1] == ')')
                    for (const char *g = tail + tl - 1; g > tail && !grp; g--)
                        if (*g == '(' && g[-1] == ' ')
                            grp = g;
                if (grp && strpbrk(grp, "0123456789#") &&
                    !looks_meta(grp + 1, (size_t)(tail + tl - 1 - grp - 1))) {
                    char *keep = hs__xstrdup(grp);
                    size_t ml = (size_t)(grp - tail);
                    while (ml && tail[ml - 1] == ' ')
                        ml--;
                    meta_run(a, tail, ml, &is_all);
                    hs__buf_truncate(b, (size_t)(hit - b->data));
                    hs__buf_puts(b, " ");
                    hs__buf_puts(b, keep);
                    free(keep);
                    return 1;
                }
                meta_run(a, tail, tl, &is_all);
                hs__buf_truncate(b, (size_t)(hit - b->data));
                return 1;
            }
            /* "Add an alert — Dana — 2026-04-01": a dash, then a date
             * alone, the item's due date */
            {
                char d[HS_DATE_LEN];
                size_t end = 0;
                if (hs__date_find(tail, 1, d, NULL, &end) == 0 &&
                    !tail[end + strspn(tail + end, " .")]) {
                    if (!a->due[0])
                        memcpy(a->due, d, sizeof(d));
                    hs__buf_truncate(b, (size_t)(hit - b->data));
                    return 1;
                }
            }
            /* "Add a dashboard — Kim": a dash, then who, or their
             * address */
            if (k != 3 && k != 5 &&
                (is_person(tail, strlen(tail)) ||
                 is_email(tail, strlen(tail)))) {
                if (!a->owner)
                    a->owner = hs__strtrim(tail, strlen(tail));
                hs__buf_truncate(b, (size_t)(hit - b->data));
                return 1;
            }
        }
    }
    if (ticket_after_meta(a, b))
        return 1;
    /* "Raise the limit, due 2026-05-01" or ", @kim": after a comma only
     * when all of the tail is understood ("..., due to restarts" is not) */
    {
        const char *hit = hs__strstr_last(b->data, ", ");
        if (hit && looks_meta(hit + 2, strlen(hit + 2))) {
            hs_action_item m;
            int is_all = 0;
            /* "(#1490, @jpark)": the ticket stays with the item, in its
             * bracket, and the meta after the comma is read without it */
            size_t tl = strlen(hit + 2);
            const char *open = hit;
            while (open > b->data && *open != '(' && *open != ')')
                open--;
            int in_group = *open == '(' && tl && hit[2 + tl - 1] == ')';
            memset(&m, 0, sizeof(m));
            meta_run(&m, hit + 2, tl - (size_t)in_group, &is_all);
            if (is_all) {
                take_meta(a, &m);
                hs__buf_truncate(b, (size_t)(hit - b->data));
                if (in_group)
                    hs__buf_puts(b, ")");
            }
            free(m.owner);
            if (is_all)
                return 1;
        }
    }
    /* "Fix it. Owner: Bob, due 2026-01-01" */
    {
        static const char *const keys[] = {
            "owner:",    "owners:",   "assignee:",    "due:",
            "due date:", "deadline:", "responsible:", NULL};
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
    /* "Add an alarm (Ivo Petrov)", "(Network team)": a trailing group
     * that is only a full name or a team */
    if (b->len > 2 && b->data[b->len - 1] == ')') {
        const char *open = b->data + b->len - 1;
        while (open > b->data && *open != '(')
            open--;
        size_t in = (size_t)(b->data + b->len - 1 - open - 1);
        if (*open == '(' && open > b->data && open[-1] == ' ' &&
            (is_full_name(open + 1, in) || is_department(open + 1, in) ||
             is_email(open + 1, in))) {
            if (!a->owner)
                a->owner = hs__xstrndup(open + 1,
                                        b->len - 2 - (size_t)(open - b->data));
            hs__buf_truncate(b, (size_t)(open - b->data));
            return 1;
        }
    }
    return 0;
}

static int has_lower(const char *s, size_t n) {
    for (size_t i = 0; i < n; i++)
        if (s[i] >= 'a' && s[i] <= 'z')
            return 1;
    return 0;
}

/* Do the n bytes at s say something else of an item than who owns it: a
 * status ("done"), a severity ("High"), a kind of work ("long term")? */
static int says_other(const char *s, size_t n) {
    char *in = hs__xstrndup(s, n);
    int is_other = hs_status_parse(in) != HS_STATUS_UNKNOWN ||
                   hs_severity_parse(in) ||
                   hs__name_kind(in, HS__NAME_GROUP, NULL) != HS_KIND_OTHER;
    free(in);
    return is_other;
}

/*
 * The length of a trailing " (Who)" of `t` (a full stop after it aside)
 * that could name an owner: one to four words of letters ("Giulia",
 * "billing on-call", "Identity & Access Management"), no digits (a ticket
 * or a number), no status ("(done)"); 0 if none. *open is set to the '('.
 */
static size_t trailing_who(const char *t, const char **open) {
    size_t n = strlen(t), words = 1;
    const char *o;
    if (n && t[n - 1] == '.')
        n--;
    if (n < 4 || t[n - 1] != ')')
        return 0;
    o = t + n - 1;
    while (o > t && *o != '(')
        o--;
    if (*o != '(' || o == t || o[-1] != ' ' ||
        !hs__isalpha((unsigned char)o[1]))
        return 0;
    /* "(search team, Kasia)": a team and its person */
    const char *comma = NULL;
    for (const char *c = o + 1; c < t + n - 1; c++) {
        unsigned char u = (unsigned char)*c;
        if (*c == ',' && !comma && c[1] == ' ')
            comma = c;
        else if (!hs__isalpha(u) && u < 0x80 && !strchr(" -&'.", *c))
            return 0;
        words += *c == ' ';
    }
    {
        size_t len = (size_t)(t + n - 1 - o - 1);
        const char *last = t + n - 1, *first_last = comma;
        /* "(done)", "(High)", "(long term)" say something else of the item */
        int is_other = says_other(o + 1, len);
        while (last > o + 1 && last[-1] != ' ')
            last--;
        /* "(... see the runbook for the steps)" is no owner; "(catalogue
         * team with search team)" names teams */
        if (words > 6 ||
            (words > 4 && !is_group_noun(last, (size_t)(t + n - 1 - last))))
            return 0;
        while (first_last && first_last > o + 1 && first_last[-1] != ' ')
            first_last--;
        if (comma && is_group_noun(first_last, (size_t)(comma - first_last)))
            last = first_last; /* the team before the comma says who */
        /* a name ("Giulia", "IT Operations", "QA") or a team
         * ("data-platform", "billing on-call"); not a lower-case word
         * ("(optional)") nor an acronym ("(API)") */
        if (is_other ||
            !((o[1] >= 'A' && o[1] <= 'Z' && has_lower(o + 1, len)) ||
              is_department(o + 1, len) || memchr(o + 1, '-', len) ||
              is_group_noun(
                  last,
                  (size_t)((last == first_last ? comma : t + n - 1) - last))))
            return 0;
    }
    *open = o;
    return (size_t)(t + n - 1 - o - 1);
}

/*
 * A list's convention of naming owners at the end of its items, as `who`
 * finds one (its length, the name's start `skip` bytes after *mark): two
 * items or more, most of those with no owner yet. Each such item's owner
 * is read there and cut from its text.
 */
static void owners_by_convention(hs_postmortem *pm,
                                 size_t (*who)(const char *, const char **),
                                 size_t skip) {
    size_t with = 0, without_owner = 0;
    const char *o;
    for (size_t i = 0; i < pm->n_actions; i++) {
        without_owner += !pm->actions[i].owner;
        with += !pm->actions[i].owner && who(pm->actions[i].action, &o);
    }
    if (with < 2 || 2 * with < without_owner)
        return;
    for (size_t i = 0; i < pm->n_actions; i++) {
        hs_action_item *a = &pm->actions[i];
        size_t n;
        if (a->owner || !(n = who(a->action, &o)))
            continue;
        a->owner = hs__xstrndup(o + skip, n);
        while (o > a->action && o[-1] == ' ')
            o--;
        a->action[o - a->action] = '\0';
    }
}

void hs__owners_in_parentheses(hs_postmortem *pm) {
    /* a document that names its owners in full ("(Ivo Petrov)", "(Network
     * team)") does so throughout: its one word in brackets is a product
     * ("(Redis)") */
    for (size_t i = 0; i < pm->n_actions; i++)
        if (pm->actions[i].owner && strchr(pm->actions[i].owner, ' '))
            return;
    owners_by_convention(pm, trailing_who, 1);
}

/*
 * The length of a trailing ", Hana" or ", Petr Novak" of `t`: one or two
 * capitalised words of letters after the last comma, not a status; 0 if
 * none. *comma is set to the ','.
 */
static size_t trailing_comma_who(const char *t, const char **comma) {
    const char *c = hs__strstr_last(t, ", ");
    size_t n;
    if (!c)
        return 0;
    n = strlen(c + 2);
    if (n && c[2 + n - 1] == '.')
        n--;
    if (!is_person(c + 2, n) || memchr(c + 2, '.', n))
        return 0;
    for (size_t i = 0, words = 0; i < n; i++)
        if (i == 0 || c[2 + i - 1] == ' ')
            if (++words > 2 || !(c[2 + i] >= 'A' && c[2 + i] <= 'Z'))
                return 0;
    if (says_other(c + 2, n))
        return 0;
    *comma = c;
    return n;
}

void hs__owners_after_comma(hs_postmortem *pm) {
    owners_by_convention(pm, trailing_comma_who, 2);
}

/* The longest first name an item may open with ("Ana to ..."). */
#define NAMED_FIRST_MAX 24

/* The first word of `name` (an '@' aside, up to a space or a comma),
 * lowercased, into `known`, when it is no longer than a word that
 * hs__owners_named_first reads. */
static void know_person(hs_strlist *known, const char *name) {
    char w[NAMED_FIRST_MAX + 1];
    size_t n = 0;
    if (!name)
        return;
    name += *name == '@';
    for (; name[n] && name[n] != ' ' && name[n] != ','; n++) {
        if (n == NAMED_FIRST_MAX)
            return;
        w[n] = (char)hs__tolower((unsigned char)name[n]);
    }
    w[n] = '\0';
    hs__strlist_push(known, w);
}

/*
 * A name alone before the work ("Ana to raise the pool size", "Bo: add
 * an alarm") is read as the owner only when the document names that
 * person elsewhere (its commander, a responder, the owner of another
 * item): "Switch to the new assignor" and "Upgrade Traefik to v2.5" open
 * the same way. The work after "to" starts in small letters and is no
 * passive ("Users to be notified"). The people's first names are put in
 * a hash table once: asking every item's owner for each item took two
 * minutes for 60,000 items.
 */
void hs__owners_named_first(hs_postmortem *pm) {
    hs_strlist known = {0};
    hs__strmap names = HS__STRMAP_INIT;
    know_person(&known, pm->incident_commander);
    for (size_t i = 0; i < pm->responders.n; i++)
        know_person(&known, pm->responders.v[i]);
    for (size_t i = 0; i < pm->n_actions; i++)
        know_person(&known, pm->actions[i].owner);
    for (size_t i = 0; i < known.n; i++) {
        int is_new;
        hs__strmap_put(&names, known.v[i], strlen(known.v[i]), &is_new);
    }
    for (size_t i = 0; i < pm->n_actions && names.n; i++) {
        hs_action_item *a = &pm->actions[i];
        const char *t = a->action, *e;
        char w[NAMED_FIRST_MAX];
        size_t n = 0;
        if (a->owner || !(t[0] >= 'A' && t[0] <= 'Z'))
            continue;
        while (n < NAMED_FIRST_MAX &&
               (hs__isalpha((unsigned char)t[n]) || t[n] == '-')) {
            w[n] = (char)hs__tolower((unsigned char)t[n]);
            n++;
        }
        e = t + n;
        if (n < 2 ||
            !((!strncmp(e, " to ", 4) && e[4] >= 'a' && e[4] <= 'z' &&
               strncmp(e + 4, "be ", 3)) ||
              (!strncmp(e, ": ", 2) && hs__isalpha((unsigned char)e[2]))) ||
            !hs__strmap_find(&names, w, n))
            continue;
        a->owner = hs__xstrndup(t, n);
    }
    hs__strmap_release(&names);
    hs_strlist_release(&known);
}

/*
 * Is `t` made of template slots in angle brackets and nothing else
 * ("<what will be done> (<JIRA-123>)", "`<SEV1 / SEV2 / SEV3>`", "<hh:mm>")?
 * An autolink ("<https://...>") or an HTML tag ("<img src=x>", "</b>") is
 * no slot.
 */
static int angle_placeholders(const char *t) {
    int slots = 0;
    while (*t) {
        if (*t == '<') {
            const char *e = strchr(t + 1, '>'), *colon = NULL;
            /* "://" inside the brackets: searched there only, as a
             * search of the rest from each '<' was quadratic */
            if (e)
                for (colon = memchr(t, ':', (size_t)(e - t));
                     colon && strncmp(colon, "://", 3);
                     colon = memchr(colon + 1, ':', (size_t)(e - colon - 1)))
                    ;
            if (!e || e == t + 1 || colon ||
                memchr(t + 1, '<', (size_t)(e - t - 1)) ||
                memchr(t + 1, '@', (size_t)(e - t - 1)) ||
                memchr(t + 1, '=', (size_t)(e - t - 1)) || t[1] == '/' ||
                t[1] == '!')
                return 0;
            slots++;
            t = e + 1;
        } else if (hs__isalnum((unsigned char)*t)) {
            return 0;
        } else {
            t++;
        }
    }
    return slots > 0;
}

/*
 * Is `t` a template's placeholder left unfilled ("Short event
 * description.", "Action item", "<description>")? The whole text must be
 * one, case and closing punctuation aside.
 */
int hs__is_placeholder(const char *t) {
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
    if (angle_placeholders(t))
        return 1;
    while (*t == ' ' || *t == '<' || *t == '[' || *t == '_')
        t++;
    n = strlen(t);
    while (n && strchr(" .>]_:", t[n - 1]))
        n--;
    return hs__span_in(t, n, names);
}

/*
 * Does `t` say there is nothing to do ("None.", "N/A", "None identified",
 * "No action items at this time", "Nothing further")? An action section
 * that holds only that has no action item. Only short texts: "None of
 * the replicas had the fix" is a sentence about something else.
 */
static int says_none(const char *t) {
    static const char *const alone[] = {"none",    "n/a", "na", "nil",
                                        "nothing", "-",   NULL};
    static const char *const starts[] = {"none ",
                                         "none,",
                                         "no action", /* and "no actions" */
                                         "no follow",
                                         "no further action",
                                         "no additional",
                                         "no remediation",
                                         "nothing further",
                                         "nothing else",
                                         "nothing to ",
                                         "no items",
                                         "no changes needed",
                                         "not applicable",
                                         NULL};
    char *n = hs__strtrim(t, strlen(t));
    size_t len = strlen(n), words = 1;
    int is_none = 0;
    while (len && strchr(".!;:", n[len - 1]))
        n[--len] = '\0';
    for (const char *c = n; *c; c++)
        words += *c == ' ';
    for (size_t i = 0; alone[i] && !is_none; i++)
        is_none = !hs__strcasecmp(n, alone[i]);
    for (size_t i = 0; starts[i] && !is_none && words <= 8; i++)
        is_none = !hs__strncasecmp(n, starts[i], strlen(starts[i]));
    free(n);
    return is_none;
}

const char *hs__during_incident(const char *t) {
    static const char *const phrases[] = {
        "during the incident", "during incident", "during the outage", NULL};
    for (const char *p = hs__strcasestr(t, "during"); p;
         p = hs__strcasestr(p + 1, "during")) {
        /* no phrase is the start of another */
        size_t n = hs__prefix_in(p, phrases);
        if (n && (p == t || !hs__isalnum((unsigned char)p[-1])) &&
            !hs__isalnum((unsigned char)p[n]))
            return p;
    }
    return NULL;
}

/*
 * Does item text t say the work was done in the incident itself: a status
 * that says when ("(done during the incident)", "- completed during the
 * outage") or a bare "(during the incident)"? Such work is no follow-up.
 * Not a mention in the work ("document the steps taken during the
 * incident").
 */
int hs__done_in_incident(const char *t) {
    static const char *const done[] = {
        "done",      "completed", "fixed",   "applied",   "performed",
        "mitigated", "resolved",  "handled", "corrected", "reverted",
        "restarted", "restored",  NULL};
    for (const char *p = hs__during_incident(t); p;
         p = hs__during_incident(p + 1)) {
        const char *w = p;
        size_t n = 0;
        while (w > t && w[-1] == ' ')
            w--;
        if (w > t && w[-1] == '(')
            return 1;
        while (w > t && hs__isalpha((unsigned char)w[-1]))
            w--, n++;
        if (hs__span_in(w, n, done))
            return 1;
    }
    return 0;
}

int hs__is_no_action(const char *t) {
    return hs__is_placeholder(t) || says_none(t);
}

/* Whether the word at w ends in "ed" like a past tense ("added", not
 * "need" or "speed"). */
int hs__past_word(const char *w) {
    const char *e = w;
    while (hs__isalpha((unsigned char)*e))
        e++;
    return e - w > 4 && !strncmp(e - 2, "ed", 2) && strncmp(e - 3, "eed", 3);
}

/* Whether the word at w ends in "ing" ("reviewing", not "going"). */
int hs__ing_word(const char *w) {
    const char *e = w;
    while (hs__isalpha((unsigned char)*e))
        e++;
    return e - w > 4 && !strncmp(e - 3, "ing", 3) && strncmp(w, "going", 5);
}

/* A past participle: "added", or an irregular one ("rebuilt", "set up"). */
int hs__participle(const char *w) {
    static const char *const irregular[] = {
        "built",     "rebuilt",    "made",  "set",  "done",  "taken", "written",
        "rewritten", "run",        "put",   "sent", "kept",  "shut",  "brought",
        "begun",     "undertaken", "drawn", "held", "given", "found", NULL};
    if (hs__past_word(w))
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
int hs__files_work(const char *t) {
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

/* Does t confirm, after the item's own sentence, that the work is done:
 * a bracket or a sentence that opens "Done on 5 March", "Completed:" or
 * "Done 2025-03-05" ("... will reactivate the SIM. (Done on 5 March: two
 * more were inactive.)")? */
static int confirmed_done(const char *t) {
    static const char *const words[] = {"done", "completed", NULL};
    /* one walk over t: strstr from each bracket read the rest of t again
     * under ASan (an item of 200,000 '(' took 45 s there) */
    for (const char *p = t; *p; p++) {
        const char *w = *p == '('                    ? p + 1
                        : p[0] == '.' && p[1] == ' ' ? p + 2
                                                     : NULL;
        if (w)
            for (size_t k = 0; words[k]; k++) {
                size_t n = strlen(words[k]);
                const char *e = w + n;
                if (hs__strncasecmp(w, words[k], n) || w[0] < 'A' || w[0] > 'Z')
                    continue;
                if (*e == ':' ||
                    (*e == ' ' && (!strncmp(e + 1, "on ", 3) ||
                                   hs__isdigit((unsigned char)e[1]))))
                    return 1;
            }
    }
    return 0;
}

/*
 * The one a sentence's subject names as doing the work, a role or a part
 * of the organisation ("The telecom coordinator", "IT Network Services",
 * "Station managers at all UK stations", "The OCC"): its length, where it
 * starts in *at (past "The", before a phrase of place); 0 if the subject
 * names no one ("The alert", "Our dashboards").
 */
static size_t subject_owner(const char *subj, const char **at) {
    static const char *const roles[] = {
        "coordinator",   "manager",    "engineer",  "officer", "supervisor",
        "administrator", "controller", "owner",     "desk",    "board",
        "committee",     "department", "services",  "staff",   "operations",
        "management",    "office",     "custodian", NULL};
    static const char *const places[] = {" at ",  " in ",     " of ",
                                         " for ", " across ", NULL};
    const char *s = subj;
    size_t len, k, words = 1, caps = 0;
    if (!hs__strncasecmp(s, "the ", 4))
        s += 4;
    len = strlen(s);
    for (size_t i = 0; places[i]; i++) {
        const char *c = strstr(s, places[i]);
        if (c && (size_t)(c - s) < len)
            len = (size_t)(c - s);
    }
    for (size_t i = 0; i < len; i++) {
        words += s[i] == ' ';
        if (!hs__isalpha((unsigned char)s[i]) && s[i] != ' ' && s[i] != '-')
            return 0;
        caps += s[i] >= 'A' && s[i] <= 'Z';
    }
    if (!len || words > 4)
        return 0;
    k = len;
    while (k && s[k - 1] != ' ')
        k--;
    /* "The OCC": an acronym of a unit; a role's word, singular or plural */
    if (!(words == 1 && s != subj && len >= 2 && caps == len) &&
        !(words >= 2 &&
          (is_group_noun(s + k, len - k) ||
           hs__span_in(s + k, len - k, roles) ||
           (s[len - 1] == 's' && hs__span_in(s + k, len - k - 1, roles)))))
        return 0;
    *at = s;
    return len;
}

static void status_from_sentence(hs_action_item *a) {
    static const char *const pronouns[] = {
        "we", "i", "this", "it", "they", "there", "that", "these", NULL};
    const char *t = a->action, *v = NULL, *subj_end, *who;
    char subj[64];
    size_t n, words = 1;
    int is_we, is_named = 0;
    /* the verb: the first " will ", " is ", " are ", " has ", " have " */
    static const char *const aux[] = {
        " will ",          " is ", " are ",           " has ", " have ", "'ve ",
        "\xe2\x80\x99ve ", "'ll ", "\xe2\x80\x99ll ", NULL};
    /* "Zone guard: the DNS tool will refuse ...": a short title, then the
     * sentence that says the state */
    {
        const char *colon = strstr(t, ": ");
        size_t title_words = 1;
        for (const char *c = t; colon && c < colon; c++)
            title_words += *c == ' ';
        if (colon && colon - t <= 40 && title_words <= 4)
            t = colon + 2;
    }
    /* "Capacity alerts. We will alert ...": a bold lead-in of a few
     * words, then the sentence; "Finally, we are building ...": a
     * connective before it */
    {
        static const char *const connectives[] = {
            "finally, ", "also, ",   "additionally, ", "next, ",   "then, ",
            "first, ",   "second, ", "third, ",        "lastly, ", NULL};
        const char *dot = strstr(t, ". ");
        size_t lead_words = 1;
        for (const char *c = t; dot && c < dot; c++)
            lead_words += *c == ' ';
        if (dot && dot - t <= 32 && lead_words <= 3 && dot[2] >= 'A' &&
            dot[2] <= 'Z')
            t = dot + 2;
        for (size_t i = 0; connectives[i]; i++)
            if (!hs__strncasecmp(t, connectives[i], strlen(connectives[i])))
                t += strlen(connectives[i]);
    }
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
    /* "Certificate expiry dates to be added to the dashboard": still to
     * do; "The checklist now includes a dry run": done */
    {
        const char *c = strstr(t, " to be ");
        const char *now = strstr(t, " now ");
        if (c && c - t < 48 && (!v || c < v) && hs__participle(c + 7)) {
            a->status = HS_STATUS_NOT_STARTED;
            return;
        }
        if (now && now - t < 48 && (!v || now < v)) {
            const char *w = now + 5, *e = w;
            while (hs__isalpha((unsigned char)*e))
                e++;
            if (e - w > 3 && e[-1] == 's' && e[-2] != 's' && *e == ' ') {
                a->status = HS_STATUS_DONE;
                return;
            }
        }
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
             hs__participle(w + 3)) ||
            (is_be && !strncmp(w, "planned", 7))) {
            a->status = HS_STATUS_NOT_STARTED;
            return;
        }
        if (is_be && !strncmp(w, "being ", 6) && hs__participle(w + 6)) {
            a->status = HS_STATUS_IN_PROGRESS;
            return;
        }
        if ((!strncmp(v, " has ", 5) || !strncmp(v, " have ", 6)) &&
            !strncmp(w, "been ", 5) && hs__participle(w + 5)) {
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
        } else if (!is_we && (n = subject_owner(subj, &who)) != 0) {
            if (!a->owner)
                a->owner = hs__strtrim(who, n);
            is_named = 1;
        } else if (words == 1 && subj[0] >= 'A' && subj[0] <= 'Z' && !is_we) {
            if (!a->owner)
                a->owner = hs__xstrdup(subj);
            is_named = 1;
        }
    }
    if (!is_we && !is_named)
        return;
    if (!strncmp(v, " will ", 6) || !strncmp(v, "'ll ", 4) ||
        !strncmp(v, "\xe2\x80\x99ll ", 6)) {
        a->status = HS_STATUS_NOT_STARTED; /* "We'll review ..." */
    } else if (!strncmp(v, " is ", 4) || !strncmp(v, " are ", 5)) {
        static const char *const adverbs[] = {"also ", "now ", "currently ",
                                              "actively ", NULL};
        const char *w = strchr(v + 1, ' ') + 1, *e;
        /* "We are also reviewing ...", "We are now adding ..." */
        for (size_t i = 0; adverbs[i]; i++)
            if (!strncmp(w, adverbs[i], strlen(adverbs[i])))
                w += strlen(adverbs[i]);
        e = w;
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
        /* "We have already added an alert": done, not a plan */
        if (!strncmp(w, "already ", 8))
            w += 8, is_ve = 1;
        e = w;
        while (hs__isalpha((unsigned char)*e))
            e++;
        if (is_ve && e - w > 3 && !strncmp(e - 2, "ed", 2))
            a->status = HS_STATUS_DONE;
    }
}

void hs__status_from_sentence(hs_action_item *a) {
    status_from_sentence(a);
    /* what the sentence plans, a confirmation after it says is done */
    if (confirmed_done(a->action))
        a->status = HS_STATUS_DONE;
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
    } else if ((e = strstr(t, " \xe2\x80\x94 ")) != NULL && e - t <= 32 &&
               e[5] >= 'a' && e[5] <= 'z' &&
               (is_team(t, (size_t)(e - t)) ||
                is_department(t, (size_t)(e - t)))) {
        /* "Storage team — alert at 80% inode usage", "Support — escalate
         * weekend tickets": who, a dash, then the work in small letters;
         * not "Upgrade Postgres — see OPS-4", whose words could be a name */
        a->owner = hs__xstrndup(t, (size_t)(e - t));
    } else if ((e = strchr(t, ':')) && e[1] == ' ' && e - t <= 32) {
        size_t len = (size_t)(e - t);
        if (t[0] == '@' && len > 1 && !memchr(t, ' ', len))
            a->owner = hs__xstrndup(t + 1, len - 1);
        else if (len > 5 && !hs__strncasecmp(e - 5, " team", 5) &&
                 is_person(t, len))
            a->owner = hs__xstrndup(t, len);
    }
    /* "SRE team to add an alert": minutes' way of giving work to a team
     * (not "Users to be notified", a passive). A name alone is not read
     * so: "Switch to the new assignor", "Upgrade Traefik to v2.5" open as
     * "Ana to raise the pool size" does */
    if (!a->owner && (e = strstr(t, " to ")) != NULL && e - t <= 32 &&
        e[4] >= 'a' && e[4] <= 'z' && strncmp(e + 4, "be ", 3) &&
        is_team(t, (size_t)(e - t)))
        a->owner = hs__xstrndup(t, (size_t)(e - t));
    /* "@maria Add the canary stage": a mention, then the work */
    if (!a->owner && t[0] == '@' && hs__isalnum((unsigned char)t[1])) {
        size_t len = 1;
        while (hs__isalnum((unsigned char)t[len]) || t[len] == '.' ||
               t[len] == '_' || t[len] == '-')
            len++;
        if (t[len] == ' ' && hs__isalpha((unsigned char)t[len + 1]))
            a->owner = hs__xstrndup(t + 1, len - 1);
    }
}

/*
 * A later sentence of the item that names who does it: "We will add
 * contract tests. Tobias Grant owns this." or "Kofi is working on it."
 * (the work under way). The sentence leaves the text.
 */
static void owns_sentence(hs_action_item *a, hs__buf *b) {
    static const struct {
        const char *verb;
        hs_status status;
    } verbs[] = {
        {" owns this", HS_STATUS_UNKNOWN},
        {" owns it", HS_STATUS_UNKNOWN},
        {" will own this", HS_STATUS_UNKNOWN},
        {" is driving this", HS_STATUS_UNKNOWN},
        {" is leading this", HS_STATUS_UNKNOWN},
        {" is working on it", HS_STATUS_IN_PROGRESS},
        {" is working on this", HS_STATUS_IN_PROGRESS},
        {" is on it", HS_STATUS_IN_PROGRESS},
    };
    for (size_t i = 0; i < HS_ARRAY_LEN(verbs); i++) {
        const char *hit = strstr(b->data, verbs[i].verb), *st;
        size_t after;
        if (!hit)
            continue;
        after = (size_t)(hit - b->data) + strlen(verbs[i].verb);
        if (b->data[after] && b->data[after] != '.')
            continue;
        for (st = hit; st > b->data &&
                       !(st[-1] == ' ' && st - b->data >= 2 && st[-2] == '.');
             st--)
            ;
        if (st == b->data || !is_person(st, (size_t)(hit - st)))
            continue;
        if (!a->owner)
            a->owner = hs__xstrndup(st, (size_t)(hit - st));
        if (a->status == HS_STATUS_UNKNOWN)
            a->status = verbs[i].status;
        hs__buf_truncate(b, (size_t)(st - 1 - b->data));
        return;
    }
}

/*
 * Is s[0..len) people's initials ("FA", "JT, MK", "JT/MK"): two or three
 * capitals each, not a word teams put in brackets for a link or a state
 * ("[PR]", "[WIP]")?
 */
static int initials(const char *s, size_t len) {
    static const char *const tags[] = {"PR",  "MR",  "WIP", "TBD", "RFC",
                                       "ADR", "DOC", "BUG", "FYI", "NEW",
                                       "API", "UI",  "OK",  NULL};
    size_t i = 0;
    while (i < len) {
        size_t k = i;
        while (k < len && s[k] >= 'A' && s[k] <= 'Z')
            k++;
        if (k - i < 2 || k - i > 3)
            return 0;
        for (size_t t = 0; tags[t]; t++)
            if (strlen(tags[t]) == k - i && !strncmp(s + i, tags[t], k - i))
                return 0;
        if (k < len && s[k] == '/')
            k++;
        else if (k + 1 < len && s[k] == ',' && s[k + 1] == ' ')
            k += 2;
        else if (k < len)
            return 0;
        i = k;
    }
    return len > 0;
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
        /* "[Lee]", "[Dana Ruiz]"; "[FA]", "[JT, MK]": owners by initials */
        if (n && b->data[n - 1] == ']') {
            const char *open = NULL;
            size_t len;
            for (size_t i = n - 1; i-- > 0 && !open;)
                if (b->data[i] == '[')
                    open = b->data + i;
            len = open ? (size_t)(b->data + n - 1 - open - 1) : 0;
            if (open && open > b->data &&
                (is_person(open + 1, len) ||
                 (open[-1] == ' ' && initials(open + 1, len)))) {
                if (!a->owner)
                    a->owner = hs__strtrim(open + 1, len);
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
                /* ": shipped in v1.2", ": planned for Q3", ": merged in
                 * #123": a status word, then when or where */
                if (st != HS_STATUS_UNKNOWN && words > 2 && words <= 5) {
                    static const char *const preps[] = {
                        " in ", " for ", " on ", " by ", " via ", " at ", NULL};
                    const char *sp = strchr(t, ' ');
                    char *first = hs__xstrndup(t, (size_t)(sp - t));
                    int is_prep = 0;
                    for (size_t i = 0; preps[i] && !is_prep; i++)
                        is_prep =
                            !hs__strncasecmp(sp, preps[i], strlen(preps[i]));
                    if (is_prep && hs_status_parse(first) == st)
                        words = 2;
                    free(first);
                }
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

/* Is s[0..len) one to three words of letters, as a name is? */
static int is_name_words(const char *s, size_t len) {
    size_t words = 1;
    if (!len || len > 32)
        return 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] == ' ')
            words++;
        else if (!hs__isalpha((unsigned char)s[i]) && s[i] != '-')
            return 0;
    }
    return words <= 3;
}

/*
 * An action item's own label before its text: its number in the review
 * ("AI-1:", "AI2.", "A3)") and its owner in brackets ("[Bea Santos]",
 * "[Web platform]"). The number goes; the owner is read into `a`.
 */
static void strip_item_label(hs_action_item *a, hs__buf *b) {
    size_t n = 0;
    if (b->len > 3 && (b->data[0] == 'A' || b->data[0] == 'a')) {
        n = 1;
        if (b->data[n] == 'I' || b->data[n] == 'i')
            n++;
        if (b->data[n] == '-' || b->data[n] == ' ')
            n++;
        if (!hs__isdigit((unsigned char)b->data[n]))
            n = 0;
        while (n && hs__isdigit((unsigned char)b->data[n]))
            n++;
        if (n &&
            (b->data[n] == ':' || b->data[n] == '.' || b->data[n] == ')') &&
            b->data[n + 1] == ' ')
            n += 2;
        else
            n = 0;
    }
    /* meeting minutes' "AI Lars — remove the stale mount", "AP Kim:
     * rotate the key" (an action item or point, then who takes it): the
     * mark goes, the name is the owner */
    if (!n && b->len > 6 && b->data[0] == 'A' &&
        (b->data[1] == 'I' || b->data[1] == 'P') && b->data[2] == ' ' &&
        b->data[3] >= 'A' && b->data[3] <= 'Z') {
        const char *who = b->data + 3, *sep = NULL;
        size_t skip = 0;
        for (const char *c = who; *c && c - who <= 32 && !sep; c++)
            if (!strncmp(c, " \xe2\x80\x94 ", 5) ||
                !strncmp(c, " \xe2\x80\x93 ", 5))
                sep = c, skip = 5;
            else if (!strncmp(c, " - ", 3))
                sep = c, skip = 3;
            else if (c[0] == ':' && c[1] == ' ')
                sep = c, skip = 2;
        if (sep && is_name_words(who, (size_t)(sep - who))) {
            if (!a->owner)
                a->owner = hs__xstrndup(who, (size_t)(sep - who));
            buf_drop(b, 0, (size_t)(sep + skip - b->data));
            return;
        }
    }
    if (!n && hs__isdigit((unsigned char)b->data[0])) {
        /* an outline number of the report's own section: "6.1 Add ...",
         * "2.3. Alert ..." (not "2.5x faster", not "3 hosts") */
        size_t k = 0;
        int dots = 0;
        while (hs__isdigit((unsigned char)b->data[k])) {
            while (hs__isdigit((unsigned char)b->data[k]))
                k++;
            if (b->data[k] != '.' ||
                !hs__isdigit((unsigned char)b->data[k + 1]))
                break;
            k++;
            dots++;
        }
        if (b->data[k] == '.')
            k++;
        if (dots && b->data[k] == ' ' &&
            hs__isalpha((unsigned char)b->data[k + 1])) {
            buf_drop(b, 0, k + 1);
            return;
        }
    }
    if (b->data[n] == '[') {
        const char *close = strchr(b->data + n, ']');
        size_t len = close ? (size_t)(close - b->data - n - 1) : 0;
        const char *who = b->data + n + 1;
        /* after a number any capitalised name ("[Web platform]"); alone
         * a full name or a team, not a tag ("[Security] Rotate keys") */
        if (close && close[1] == ' ' &&
            (is_full_name(who, len) || (n && who[0] >= 'A' && who[0] <= 'Z' &&
                                        is_name_words(who, len)))) {
            if (!a->owner)
                a->owner = hs__xstrndup(b->data + n + 1, len);
            n = (size_t)(close + 2 - b->data);
        }
    }
    if (n)
        buf_drop(b, 0, n);
}

void hs__action_from_text(hs_action_item *a, const char *text,
                          hs_postmortem *pm) {
    hs__buf b = HS_BUF_INIT;
    const char *start = hs__skip_glyphs(text);
    (void)pm;
    if (hs__done_in_incident(text)) {
        a->action = hs__xstrdup(""); /* no item: the caller drops it */
        return;
    }
    /* a leading emoji is a status: "✅ Add alerts" */
    if (start != text && a->status == HS_STATUS_UNKNOWN) {
        char *glyphs = hs__xstrndup(text, (size_t)(start - text));
        a->status = hs_status_parse(glyphs);
        free(glyphs);
    }
    hs__buf_puts(&b, start);
    strip_item_label(a, &b);
    /* "TODO(dana): ...": the marker's status, and its owner in brackets */
    {
        size_t n = hs__marker_len(b.data);
        const char *open = n ? memchr(b.data, '(', n) : NULL;
        if (open) {
            const char *who = open + 1 + (open[1] == '@');
            if (!a->owner)
                a->owner = hs__strtrim(who, strcspn(who, ")"));
            if (a->status == HS_STATUS_UNKNOWN) {
                char *marker = hs__xstrndup(b.data, (size_t)(open - b.data));
                a->status = hs_status_parse(marker);
                free(marker);
            }
            buf_drop(&b, 0, n);
            buf_drop(&b, 0, strspn(b.data, " "));
        }
    }
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
                buf_drop(&b, 0, w + 1);
            }
        }
    }
    /* "TODO Only drop indexes ...": an org-mode keyword, in capitals */
    {
        static const char *const keywords[] = {"TODO ", "DONE ", "DOING ",
                                               NULL};
        for (size_t i = 0; keywords[i]; i++) {
            size_t n = strlen(keywords[i]);
            if (b.len > n && !strncmp(b.data, keywords[i], n) &&
                hs__isalnum((unsigned char)b.data[n])) {
                if (a->status == HS_STATUS_UNKNOWN)
                    a->status = hs_status_parse(keywords[i]);
                buf_drop(&b, 0, n);
                break;
            }
        }
    }
    owns_sentence(a, &b);
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

/*
 * Whether w opens with a verb teams use to name follow-up work in its
 * plain form ("review", "strengthen"): common English, not any file's
 * wording. Used to split "review A and strengthen B" into two items.
 */
int hs__work_verb(const char *w) {
    static const char *const verbs[] = {
        "add",        "audit",    "automate",  "build",    "create",
        "deploy",     "develop",  "document",  "enhance",  "establish",
        "evaluate",   "expand",   "explore",   "extend",   "implement",
        "improve",    "increase", "introduce", "invest",   "investigate",
        "migrate",    "monitor",  "move",      "reduce",   "refine",
        "remove",     "replace",  "review",    "revise",   "rewrite",
        "strengthen", "update",   "upgrade",   "validate", "write",
        NULL};
    for (size_t i = 0; verbs[i]; i++) {
        size_t n = strlen(verbs[i]);
        if (!hs__strncasecmp(w, verbs[i], n) && w[n] == ' ')
            return 1;
    }
    return 0;
}

/* Does w open with a work verb's -ing form ("adding", "moving")? */
int hs__work_verb_ing(const char *w) {
    char plain[24];
    size_t n = 0;
    while (hs__isalpha((unsigned char)w[n]) && n + 2 < sizeof(plain))
        n++;
    if (n < 5 || strncmp(w + n - 3, "ing", 3) || w[n] != ' ')
        return 0;
    /* "adding" -> "add ", "moving" -> "move " */
    memcpy(plain, w, n - 3);
    memcpy(plain + n - 3, " ", 2);
    if (hs__work_verb(plain))
        return 1;
    memcpy(plain + n - 3, "e ", 3);
    return hs__work_verb(plain);
}
