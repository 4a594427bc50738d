/*
 * The house-style file (hindsight.yml): extra names a team gives its
 * sections and fields, its date order, its severity scale and its own
 * thesaurus lines (`concepts:`, for similar), the largest markdown file it
 * reads (`max_file_size:`). The front matter's YAML
 * reader (hs__yaml_read, with its depth and size limits) builds the tree
 * and we walk two levels of it; anything we do not
 * understand is an error naming the file and line, so a typo is not
 * silently ignored. Bytes in, config out: no I/O here.
 */
#include "read/config.h"
#include "base/buf.h"
#include "base/error.h"
#include "base/text.h"
#include "base/util.h"
#include "model/normalize.h"
#include "model/record.h"
#include "read/frontmatter.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

/* The facts a team can name, as the keys of `names:` spell them. */
static const char *const fact_keys[HS__NFACTS] = {
    "root_cause", "timeline",  "action_items", "impact",    "summary",
    "resolution", "detection", "lessons",      "went_well", "went_wrong",
    "duration",   "severity",  "date"};

int hs__fact_of(const char *key) {
    for (int i = 0; i < HS__NFACTS; i++)
        if (!strcmp(fact_keys[i], key))
            return i;
    return -1;
}

/* What the readers of one file share. */
typedef struct reading {
    const char *name; /* the file's, for messages */
    hs_config *c;
    hs_error *err;
} reading;

static const char *scalar(const hs__ynode *n) {
    return n && n->type == HS__Y_SCALAR ? n->value : NULL;
}

/*
 * A wrong key or value: "FILE:LINE: what 'subject'". Without a subject
 * (NULL) the message names what n is instead, its text if it is a scalar,
 * so that `dates: [dmy]` says "not a list" rather than "not ''".
 */
static int bad(reading *rd, const hs__ynode *n, const char *what,
               const char *subject) {
    int line = n ? n->line : 0;
    if (!subject && n && n->type != HS__Y_SCALAR)
        return hs__seterr(rd->err, HS_EFORMAT, "%s:%d: %s %s", rd->name, line,
                          what,
                          n->type == HS__Y_SEQUENCE  ? "a list"
                          : n->type == HS__Y_MAPPING ? "a map"
                                                     : "an alias");
    if (!subject)
        subject = n && n->value ? n->value : "";
    return hs__seterr(rd->err, HS_EFORMAT, "%s:%d: %s '%s'", rd->name, line,
                      what, subject);
}

/* A wrong value that the message needs not quote. */
static int bad_shape(reading *rd, const hs__ynode *n, const char *what) {
    return hs__seterr(rd->err, HS_EFORMAT, "%s:%d: %s", rd->name,
                      n ? n->line : 0, what);
}

/*
 * A key that is none of table's: the message lists them. The table holds n
 * entries of `size` bytes, each starting with its key (a const char *).
 */
static int unknown_key(reading *rd, const hs__ynode *k, const char *what,
                       const void *table, size_t n, size_t size) {
    hs__buf b = HS_BUF_INIT;
    int rc;
    hs__buf_printf(&b, "unknown %s (", what);
    for (size_t i = 0; i < n; i++)
        hs__buf_printf(&b, "%s%s", i ? ", " : "",
                       *(const char *const *)((const char *)table + i * size));
    hs__buf_puts(&b, ")");
    rc = bad(rd, k, b.data, scalar(k));
    hs__buf_release(&b);
    return rc;
}

/* The i-th key and value of mapping m into *k and *v; 0 past its end. */
static int pair_at(const hs__ynode *m, size_t i, hs__ynode **k, hs__ynode **v) {
    if (2 * i + 1 >= m->n)
        return 0;
    *k = m->kids[2 * i];
    *v = m->kids[2 * i + 1];
    return 1;
}

/* The i-th item of sequence m (*s), 0 past its end. */
static int item_at(const hs__ynode *m, size_t i, hs__ynode **s) {
    if (i >= m->n)
        return 0;
    *s = m->kids[i];
    return 1;
}

/*
 * A fact has at most this many names. Aliases are refused (below), and so
 * is a key given twice: 3,000 lines of "action_items: *b" naming one list
 * of 20,000 took 2.3 GB from a 97 KB file when libyaml's loader expanded
 * them.
 */
#define MAX_NAMES_PER_FACT 1000

/*
 * And each name at most this long: every heading and field label is
 * compared with every name, so a 1 MB name made `index` of 44 files take
 * 4 s. The longest built-in name is under 40 bytes.
 */
#define MAX_NAME_BYTES 200

static int push_name(reading *rd, hs__ynode *s, int f, const char *fact) {
    if (!scalar(s) || hs__is_space_only(scalar(s)))
        return bad(rd, s, "a name must be text, for", fact);
    if (strlen(scalar(s)) > MAX_NAME_BYTES)
        return bad(rd, s, "a name over " HS_XSTR(MAX_NAME_BYTES) " bytes, for",
                   fact);
    hs__strlist_push(&rd->c->names[f], scalar(s));
    return 0;
}

/* names: {fact: [name, ...] | name} */
static int read_names(reading *rd, hs__ynode *m) {
    hs__ynode *k, *v, *s;
    unsigned seen = 0;
    int rc;
    if (m->type != HS__Y_MAPPING)
        return bad(rd, m, "names must map a fact to its names, not", scalar(m));
    for (size_t i = 0; pair_at(m, i, &k, &v); i++) {
        int f = scalar(k) ? hs__fact_of(scalar(k)) : -1;
        if (f < 0)
            return unknown_key(rd, k, "fact", fact_keys, HS__NFACTS,
                               sizeof(fact_keys[0]));
        if (seen & (1u << f))
            return bad(rd, k, "names: a fact given twice:", scalar(k));
        seen |= 1u << f;
        if (v && v->type == HS__Y_SEQUENCE && v->n > MAX_NAMES_PER_FACT)
            return bad(rd, v, "over " HS_XSTR(MAX_NAMES_PER_FACT) " names for",
                       scalar(k));
        if (scalar(v)) {
            if ((rc = push_name(rd, v, f, scalar(k))) != 0)
                return rc;
            continue;
        }
        if (!v || v->type != HS__Y_SEQUENCE)
            return bad(rd, v, "names of a fact are a list, for", scalar(k));
        for (size_t j = 0; item_at(v, j, &s); j++)
            if ((rc = push_name(rd, s, f, scalar(k))) != 0)
                return rc;
    }
    return 0;
}

/*
 * One word of the scale at node w. hs__config_severity matches a word at
 * the start of a severity value, case aside, up to a character that is no
 * letter or digit, and the first word listed wins. So a word must say
 * something: "" matched every value that starts with no letter or digit,
 * and "Severity: (to be decided)" was SEV1. A word given twice (Critical:
 * SEV1, critical: SEV3) is refused, as a key given twice is: the second
 * one was silently never read. The look for it is over the words so far,
 * so a scale has at most MAX_NAMES_PER_FACT words, as a fact has names.
 */
static int scale_add(reading *rd, hs__ynode *w, int level) {
    hs_config *c = rd->c;
    const char *word = scalar(w);
    if (!word || hs__is_space_only(word))
        return bad_shape(rd, w, "a severity word must be text");
    if (strlen(word) > MAX_NAME_BYTES)
        return bad(rd, w,
                   "a severity word over " HS_XSTR(MAX_NAME_BYTES) " bytes",
                   "");
    for (size_t i = 0; i < c->n_scale; i++)
        if (!hs__strcasecmp(c->scale[i].word, word))
            return bad(rd, w, "severity_scale: a word given twice:", word);
    c->scale = hs__xreallocarray(c->scale, c->n_scale + 1, sizeof(*c->scale));
    c->scale[c->n_scale].word = hs__xstrdup(word);
    c->scale[c->n_scale].level = level;
    c->n_scale++;
    return 0;
}

/* severity_scale: {word: SEVn} or [word, ...] from SEV1 down */
static int read_scale(reading *rd, hs__ynode *m) {
    hs__ynode *k, *v;
    int rc;
    if (m->type == HS__Y_SEQUENCE) {
        for (size_t i = 0; item_at(m, i, &v); i++) {
            if (i >= 4)
                return bad(rd, v,
                           "severity_scale lists at most four words, not",
                           scalar(v));
            if ((rc = scale_add(rd, v, (int)i + 1)) != 0)
                return rc;
        }
        return 0;
    }
    if (m->type != HS__Y_MAPPING)
        return bad(rd, m, "severity_scale must be a list or a map, not",
                   scalar(m));
    if (m->n / 2 > MAX_NAMES_PER_FACT)
        return bad(
            rd, m,
            "severity_scale has over " HS_XSTR(MAX_NAMES_PER_FACT) " words",
            "");
    for (size_t i = 0; pair_at(m, i, &k, &v); i++) {
        int level = scalar(v) ? hs_severity_parse(scalar(v)) : 0;
        if (!level && scalar(k))
            return bad(rd, v, "not a severity (SEV1..SEV4)", scalar(v));
        if ((rc = scale_add(rd, k, level)) != 0)
            return rc;
    }
    return 0;
}

void hs__concept_lines_init(hs__concept_lines *w, const char *text,
                            size_t len) {
    memset(w, 0, sizeof(*w));
    w->p = text;
    w->end = text + len;
}

int hs__concept_lines_next(hs__concept_lines *w) {
    while (w->p < w->end) {
        const char *p = w->p, *eol = memchr(p, '\n', (size_t)(w->end - p));
        const char *colon, *q;
        size_t name_len = 0;
        if (!eol)
            eol = w->end;
        w->p = eol < w->end ? eol + 1 : w->end;
        w->line++;
        while (p < eol && hs__isspace((unsigned char)*p))
            p++;
        if (p == eol || *p == '#')
            continue;
        w->start = p;
        w->eol = eol;
        colon = memchr(p, ':', (size_t)(eol - p));
        for (q = p; colon && q < colon; q++)
            if (hs__isalnum((unsigned char)*q) || *q == '_' || *q == '-')
                name_len++;
            else if (!hs__isspace((unsigned char)*q))
                return -1;
        if (!name_len)
            return -1;
        for (q = colon; q > p && hs__isspace((unsigned char)q[-1]);)
            q--;
        w->name_len = (size_t)(q - p);
        w->phrases = colon + 1;
        return 1;
    }
    return 0;
}

/*
 * Each line of a `concepts:` value is a thesaurus line, a '#' comment or
 * blank: refused here with the file's line, not when `similar` loads it.
 */
static int check_concept_lines(reading *rd, const hs__ynode *n) {
    hs__concept_lines w;
    int rc;
    hs__concept_lines_init(&w, scalar(n), strlen(scalar(n)));
    while ((rc = hs__concept_lines_next(&w)) > 0)
        ;
    if (rc < 0) {
        char line[81]; /* the line at fault, cut to fit a message */
        size_t len = hs__utf8_cut(w.start, (size_t)(w.eol - w.start), 80);
        memcpy(line, w.start, len);
        line[len] = '\0';
        return bad(rd, n, "a concepts line is 'name: phrase, phrase', not",
                   line);
    }
    hs__strlist_push(&rd->c->concepts, scalar(n));
    return 0;
}

/* concepts: ["name: phrase, phrase", ...], or the lines as one text */
static int read_concepts(reading *rd, hs__ynode *m) {
    hs__ynode *s;
    int rc;
    if (!m)
        return 0;
    if (scalar(m))
        return check_concept_lines(rd, m);
    if (m->type != HS__Y_SEQUENCE)
        return bad_shape(rd, m, "concepts must be a list of lines");
    for (size_t i = 0; item_at(m, i, &s); i++) {
        if (!scalar(s))
            return bad_shape(rd, s,
                             "a concepts line is text 'name: phrase, phrase'");
        if ((rc = check_concept_lines(rd, s)) != 0)
            return rc;
    }
    return 0;
}

/* dates: dmy | mdy */
static int read_dates(reading *rd, hs__ynode *v) {
    const char *s = scalar(v);
    if (s && !strcmp(s, "dmy"))
        rd->c->dates = HS__DATES_DMY;
    else if (s && !strcmp(s, "mdy"))
        rd->c->dates = HS__DATES_MDY;
    else
        return bad(rd, v, "dates must be dmy or mdy, not", s);
    return 0;
}

/* A size as people write it: "2 MiB", "512KiB", "300 KB", "2097152". */
static size_t size_parse(const char *s) {
    static const struct {
        const char *unit;
        size_t bytes;
    } units[] = {{"", 1},        {"b", 1},        {"bytes", 1},
                 {"k", 1024},    {"kb", 1000},    {"kib", 1024},
                 {"m", 1048576}, {"mb", 1000000}, {"mib", 1048576}};
    size_t n = 0;
    const char *p = s;
    if (!hs__isdigit((unsigned char)*p))
        return 0;
    for (; hs__isdigit((unsigned char)*p); p++) {
        if (n > HS_MAX_FILE_BYTES)
            return 0;
        n = n * 10 + (size_t)(*p - '0');
    }
    while (*p == ' ')
        p++;
    for (size_t i = 0; i < HS_ARRAY_LEN(units); i++)
        if (!hs__strcasecmp(p, units[i].unit))
            return n > HS_MAX_FILE_BYTES ? 0 : n * units[i].bytes;
    return 0;
}

/* max_file_size: a size, at most HS_MAX_FILE_BYTES */
static int read_max_size(reading *rd, hs__ynode *v) {
    size_t n = scalar(v) ? size_parse(scalar(v)) : 0;
    if (!n || n > HS_MAX_FILE_BYTES)
        return bad(rd, v,
                   "max_file_size is a size from 1 byte to 8 MiB "
                   "(like 4 MiB), not",
                   scalar(v));
    rd->c->max_file_bytes = n;
    return 0;
}

/* The settings of the file's top level, and their readers. */
static const struct setting {
    const char *key;
    int (*read)(reading *rd, hs__ynode *v);
} settings[] = {
    {"names", read_names},
    {"dates", read_dates},
    {"severity_scale", read_scale},
    {"concepts", read_concepts},
    {"max_file_size", read_max_size},
};

static int read_root(reading *rd, const hs__ynode *root) {
    hs__ynode *k, *v;
    unsigned seen = 0;
    int rc = 0;
    if (!root)
        return 0; /* an empty file: the defaults */
    if (root->type != HS__Y_MAPPING)
        return bad(rd, root, "expected a map of settings, not", scalar(root));
    for (size_t i = 0; rc == 0 && pair_at(root, i, &k, &v); i++) {
        size_t at = 0;
        while (at < HS_ARRAY_LEN(settings) &&
               !(scalar(k) && !strcmp(scalar(k), settings[at].key)))
            at++;
        if (at == HS_ARRAY_LEN(settings))
            return unknown_key(rd, k, "key", settings, HS_ARRAY_LEN(settings),
                               sizeof(settings[0]));
        /* which of two values was meant is a guess: say so instead */
        if (seen & (1u << at))
            return bad(rd, k, "a key given twice:", scalar(k));
        seen |= 1u << at;
        rc = settings[at].read(rd, v);
    }
    return rc;
}

int hs_config_parse(const char *buf, size_t len, const char *name,
                    hs_config **out, hs_error *err) {
    const char *problem = NULL;
    const hs__ynode *alias;
    int line = 0, rc = 0;
    hs__ynode *root = hs__yaml_read_one(buf, len, &problem, &line);
    reading rd;
    hs_config *c;
    *out = NULL;
    if (problem == hs__yaml_too_deep || problem == hs__yaml_too_many ||
        problem == hs__yaml_has_nul || problem == hs__yaml_two_docs)
        return hs__seterr(err, HS_EFORMAT, "%s:%d: %s", name, line, problem);
    if (problem)
        return hs__seterr(err, HS_EFORMAT, "%s:%d: not valid YAML: %s", name,
                          line, problem);
    /* an alias in a house-style file is refused rather than read as
     * nothing: a setting that silently vanished would be a typo ignored */
    if (root && (alias = hs__yaml_first_alias(root)) != NULL) {
        rc = hs__seterr(err, HS_EFORMAT,
                        "%s:%d: an alias (*name) is not read; write the "
                        "value out",
                        name, alias->line);
        hs__yaml_free(root);
        return rc;
    }
    c = hs__xcalloc(1, sizeof(*c));
    rd = (reading){name, c, err};
    rc = read_root(&rd, root);
    hs__yaml_free(root);
    if (rc) {
        hs_config_free(c);
        return rc;
    }
    hs__hash_hex(buf, len, c->hash); /* changes when the file does */
    *out = c;
    return 0;
}

void hs_config_free(hs_config *c) {
    if (!c)
        return;
    for (int i = 0; i < HS__NFACTS; i++)
        hs_strlist_release(&c->names[i]);
    for (size_t i = 0; i < c->n_scale; i++)
        free(c->scale[i].word);
    free(c->scale);
    hs_strlist_release(&c->concepts);
    free(c);
}

/* "2 MiB" for 2097152, "512 KiB", else "1000 bytes". */
static void size_text(size_t n, char *out, size_t cap) {
    if (n >= 1048576 && n % 1048576 == 0)
        snprintf(out, cap, "%zu MiB", n / 1048576);
    else if (n >= 1024 && n % 1024 == 0)
        snprintf(out, cap, "%zu KiB", n / 1024);
    else
        snprintf(out, cap, "%zu bytes", n);
}

int hs__config_check_size(const hs_config *c, size_t len, hs_error *err) {
    size_t limit =
        c && c->max_file_bytes ? c->max_file_bytes : HS_DEFAULT_FILE_BYTES;
    char text[32];
    if (len <= limit)
        return 0;
    size_text(limit, text, sizeof(text));
    return hs__seterr(err, HS_ETOOBIG,
                      "the file is %zu bytes, over the limit of %s "
                      "(max_file_size in hindsight.yml)",
                      len, text);
}

const char *hs_config_hash(const hs_config *c) {
    return c ? c->hash : "";
}

int hs__config_severity(const hs_config *c, const char *text) {
    if (!c || !text)
        return 0;
    for (size_t i = 0; i < c->n_scale; i++) {
        size_t n = strlen(c->scale[i].word);
        const char *p = text;
        while (*p == ' ' || *p == '*')
            p++;
        if (!hs__strncasecmp(p, c->scale[i].word, n) &&
            !hs__isalnum((unsigned char)p[n]))
            return c->scale[i].level;
    }
    return 0;
}
