/*
 * The operations thesaurus and query expansion. Responders write "db
 * connections maxed out" about the incident whose postmortem says
 * "connection pool exhausted"; the thesaurus (data/concepts.txt, compiled
 * in; a team adds lines through hs_similar_add_concepts) says these are
 * phrasings of one concept. Matching is on FTS5's porter stems, word by
 * word, longest phrase first, so "maxed out", "Maxed-Out" and "max out"
 * all match. This file parses and matches; it does not rank: similar.c
 * adds the expansions as weaker terms, and similar_row.c counts a concept's
 * phrasings as one piece of evidence (the best of them), not one per word.
 *
 * Expansions are a concept's other phrasings: one word, or a phrase of two to
 * four that the ranking matches as a phrase. A one-word phrasing gets
 * EXP_WORD of the weight of the input phrase that matched, a longer one
 * EXP_PHRASE. Both 0.8, chosen on the TUNE half of make eval: vague-symptom
 * MRR@10 rises from 0.66 (0.6 and 0.3) to 0.72 and stays within 0.03 from
 * 0.7 to 0.9, while known-item prose stays at 0.94-0.96; phrases matched as
 * phrases keep expansions from costing prose what loose words did. Below
 * 1, so the words the input wrote count most.
 */
#include "query/concepts.h"
#include "base/buf.h"
#include "base/error.h"
#include "base/strmap.h"
#include "base/util.h"
#include "query/similar.h"
#include "query/terms.h"
#include "read/config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

typedef struct stem_ctx {
    hs__buf *out;
    size_t n;
} stem_ctx;

static int on_stem(void *ctx, int flags, const char *tok, int n, int start,
                   int end) {
    stem_ctx *c = ctx;
    (void)start;
    (void)end;
    if (flags & FTS5_TOKEN_COLOCATED)
        return SQLITE_OK;
    if (c->out->len)
        hs__buf_putc(c->out, ' ');
    hs__buf_put(c->out, tok, (size_t)n);
    c->n++;
    return SQLITE_OK;
}

size_t hs__stems_join(hs_store *s, int reason, const char *text, hs__buf *out) {
    stem_ctx c = {out, 0};
    s->porter_api.xTokenize(s->porter, &c, reason, text, (int)strlen(text),
                            on_stem);
    return c.n;
}

#define EXP_WORD 0.8
#define EXP_PHRASE 0.8
#define MAX_PHRASE_WORDS 4
#define FIRST_BITS 65536

extern const char hs__concepts_data[];
extern const size_t hs__concepts_data_len;

typedef struct cphrase {
    char *key;          /* stems joined by one space */
    char *text;         /* as written */
    uint32_t concept;   /* index into c */
    uint32_t next_same; /* index + 1 of the next phrase with this key */
    uint32_t last_same; /* a chain's head: index + 1 of its last; 0: itself */
} cphrase;

typedef struct cconcept {
    char *name;
    uint32_t *ph; /* its phrases */
    size_t n_ph, alloc_ph;
} cconcept;

struct hs__concepts {
    cphrase *ph;
    size_t n_ph, alloc_ph;
    cconcept *c;
    size_t n_c, alloc_c;
    hs__strmap keys;  /* phrase key -> its first phrase's index */
    hs__strmap names; /* concept name -> its index */
    /* at hash & FIRST_BITS-1: the most words of a phrase that starts
     * with a stem of that hash, 0 for none; most words of an input start
     * none, and are passed over with one hash rather than four lookups,
     * and the others are looked up at no more words than that (a phrase
     * of four words was looked for after every stem that starts one of
     * two: 204,006 look-ups of index --jobs 1 at 1k, now 128,189) */
    unsigned char first_words[FIRST_BITS];
    /* FNV-64 of every text parsed into it, in order: which thesaurus */
    uint64_t fingerprint;
};

static void concepts_release(void *p) {
    hs__concepts *c = p;
    for (size_t i = 0; i < c->n_ph; i++) {
        free(c->ph[i].key);
        free(c->ph[i].text);
    }
    for (size_t i = 0; i < c->n_c; i++) {
        free(c->c[i].name);
        free(c->c[i].ph);
    }
    free(c->ph);
    free(c->c);
    hs__strmap_release(&c->keys);
    hs__strmap_release(&c->names);
}

/*
 * The concept named `name` (trimmed, `len` bytes), added if new. Looked up
 * by hash: a scan of every concept made a --concepts file or a house
 * style's concepts of 32,000 lines take 11 s to load (150,000: minutes).
 */
static uint32_t concept_id(hs__concepts *c, const char *name, size_t len) {
    int is_new;
    hs__strmap_slot *sl = hs__strmap_put(&c->names, name, len, &is_new);
    if (!is_new)
        return (uint32_t)sl->val.index;
    HS_ALLOC_GROW(c->c, c->n_c + 1, c->alloc_c);
    memset(&c->c[c->n_c], 0, sizeof(cconcept));
    c->c[c->n_c].name = hs__xstrndup(name, len);
    sl->key = c->c[c->n_c].name;
    sl->val.index = c->n_c;
    return (uint32_t)c->n_c++;
}

/* Add one phrasing to concept `id`; an empty or too long one is skipped. */
static void add_phrase(hs_store *s, hs__concepts *c, uint32_t id, const char *p,
                       size_t len) {
    hs__buf key = HS_BUF_INIT;
    size_t n_stems, key_len;
    cphrase *ph;
    hs__strmap_slot *sl;
    int is_new;
    char *text = hs__strtrim(p, len);
    for (char *q = text; *q; q++)
        *q = (char)hs__tolower((unsigned char)*q);
    n_stems = hs__stems_join(s, FTS5_TOKENIZE_DOCUMENT, text, &key);
    if (!n_stems || n_stems > MAX_PHRASE_WORDS) {
        free(text);
        hs__buf_release(&key);
        return;
    }
    HS_ALLOC_GROW(c->ph, c->n_ph + 1, c->alloc_ph);
    ph = &c->ph[c->n_ph];
    key_len = key.len;
    ph->key = hs__buf_detach(&key, NULL);
    {
        size_t h = hs__hash(ph->key, strcspn(ph->key, " ")) & (FIRST_BITS - 1);
        if (n_stems > c->first_words[h])
            c->first_words[h] = (unsigned char)n_stems;
    }
    ph->text = text;
    ph->concept = id;
    ph->next_same = 0;
    ph->last_same = 0;
    sl = hs__strmap_put(&c->keys, ph->key, key_len, &is_new);
    if (!is_new) { /* same key in another concept (or twice): chain it */
        cphrase *head = &c->ph[sl->val.index];
        uint32_t last =
            head->last_same ? head->last_same : (uint32_t)sl->val.index + 1;
        c->ph[last - 1].next_same = (uint32_t)c->n_ph + 1;
        head->last_same = (uint32_t)c->n_ph + 1;
    } else {
        sl->val.index = c->n_ph;
    }
    HS_ALLOC_GROW(c->c[id].ph, c->c[id].n_ph + 1, c->c[id].alloc_ph);
    c->c[id].ph[c->c[id].n_ph++] = (uint32_t)c->n_ph;
    c->n_ph++;
}

/*
 * Parse `name: phrase, phrase, ...` lines; '#' lines and blank lines are
 * skipped. Returns 0, or the 1-based number of the first line that is not
 * of that form (the lines before it are kept).
 */
static size_t parse(hs_store *s, hs__concepts *c, const char *text,
                    size_t len) {
    hs__concept_lines w;
    int rc;
    c->fingerprint =
        hs__fnv64(c->fingerprint ? c->fingerprint : HS__FNV64_START, text, len);
    c->fingerprint = hs__fnv64(c->fingerprint, "\n\0", 2); /* text's end */
    hs__concept_lines_init(&w, text, len);
    while ((rc = hs__concept_lines_next(&w)) > 0) {
        uint32_t id = concept_id(c, w.start, w.name_len);
        for (const char *q = w.phrases; q < w.eol;) {
            const char *comma = memchr(q, ',', (size_t)(w.eol - q));
            if (!comma)
                comma = w.eol;
            add_phrase(s, c, id, q, (size_t)(comma - q));
            q = comma + 1;
        }
    }
    return rc < 0 ? w.line : 0;
}

uint64_t hs__concepts_fingerprint(const hs__concepts *c) {
    return c->fingerprint;
}

hs__concepts *hs__concepts_get(hs_store *s) {
    hs__concepts *c = hs__store_cache_get(s, HS__CACHE_CONCEPTS);
    if (!c) {
        c = hs__store_cache_put(s, HS__CACHE_CONCEPTS,
                                hs__xcalloc(1, sizeof(*c)), concepts_release);
        parse(s, c, hs__concepts_data, hs__concepts_data_len);
    }
    return c;
}

int hs_similar_add_concepts(hs_store *s, const char *text, const char *origin,
                            hs_error *err) {
    size_t bad;
    int rc = hs__similar_setup(s, err);
    if (rc)
        return rc;
    bad = parse(s, hs__concepts_get(s), text, strlen(text));
    if (bad)
        return hs__seterr(err, HS_EINVAL,
                          "%s:%zu: a concept line is 'name: phrase, phrase'",
                          origin ? origin : "concepts", bad);
    return 0;
}

void hs__concept_tokens_done(hs__concept_tokens *t) {
    for (size_t i = 0; i < t->n; i++)
        t->v[i].stem = t->stems.data + t->v[i].off;
}

void hs__concept_tokens_release(hs__concept_tokens *t) {
    free(t->v);
    hs__buf_release(&t->stems);
    t->v = NULL;
    t->n = t->alloc = 0;
}

static int on_qtok(void *ctx, int flags, const char *tok, int n, int start,
                   int end) {
    if (!(flags & FTS5_TOKEN_COLOCATED))
        hs__concept_tokens_add(ctx, tok, n, start, end);
    return SQLITE_OK;
}

/* A word of a phrasing worth searching for: not a stop word or a number,
 * but status codes (503) and exit codes (137) are kept. */
static int is_telling(const char *w, size_t n) {
    size_t digits = 0;
    for (size_t i = 0; i < n; i++)
        digits += hs__isdigit((unsigned char)w[i]) != 0;
    if (digits == n)
        return n == 3;
    return !hs__is_weak_word(w, n);
}

/* Add an expansion, or raise its weight. */
static void add_expansion(hs__expansions *out, const char *text, size_t n,
                          const char *via, double w, int group) {
    size_t k;
    for (k = 0; k < out->n; k++)
        if (out->v[k].group == group && !strncmp(out->v[k].word, text, n) &&
            !out->v[k].word[n])
            break;
    if (k == out->n) {
        HS_ALLOC_GROW(out->v, out->n + 1, out->alloc);
        out->v[k].word = hs__strtrim(text, n);
        out->v[k].via = hs__xstrdup(via);
        out->v[k].weight = 0;
        out->v[k].group = group;
        out->n++;
    }
    if (w > out->v[k].weight)
        out->v[k].weight = w;
}

/*
 * Add concept `id`'s phrasings but `except` (a key), or when `only` is not
 * NULL those of key `only` alone: a one-word phrasing as a word, a longer
 * one as a phrase (its words in that order), since the words of
 * "maintenance mode" or "too many connections" say little alone. At most
 * HS__CONCEPTS_MAX_PHRASINGS of them: add_expansion looks through those
 * already added, and a concept line of 100,000 phrasings (a --concepts
 * file, a house style's concepts) made one similar call take 70 s.
 */
static void expand_concept(const hs__concepts *c, uint32_t id,
                           const char *except, const char *only,
                           const char *via, double w, int group,
                           hs__expansions *out) {
    const cconcept *cc = &c->c[id];
    size_t n_added = 0;
    for (size_t i = 0; i < cc->n_ph && n_added < HS__CONCEPTS_MAX_PHRASINGS;
         i++) {
        const cphrase *ph = &c->ph[cc->ph[i]];
        const char *t = ph->text;
        if (!strcmp(ph->key, except) || (only && strcmp(ph->key, only)))
            continue;
        if (strchr(ph->key, ' '))
            add_expansion(out, t, strlen(t), via, w * EXP_PHRASE, group);
        else if (is_telling(ph->key, strlen(ph->key)))
            add_expansion(out, t, strlen(t), via, w * EXP_WORD, group);
        else
            continue;
        n_added++;
    }
}

/* Copy `text` with a space at each lower-to-upper case change, so the
 * alert name DbPoolExhausted reads as "Db Pool Exhausted". */
/* Does a word break at p, a capital after a small letter ("DbPool")? */
static int is_case_break(const char *text, const char *p) {
    return p > text && *p >= 'A' && *p <= 'Z' && p[-1] >= 'a' && p[-1] <= 'z';
}

static char *split_case(const char *text) {
    hs__buf b = HS_BUF_INIT;
    for (const char *p = text; *p; p++) {
        if (is_case_break(text, p))
            hs__buf_putc(&b, ' ');
        hs__buf_putc(&b, *p);
    }
    return hs__buf_detach(&b, NULL);
}

typedef void match_fn(void *ctx, const hs__concepts *c, uint32_t id,
                      const char *key, const char *via);

/*
 * Walk the phrases of tokens t[0..n) of `text` that are phrasings of a
 * concept, longest first, calling fn for each concept of each (a phrase
 * may mean two); `via` (the phrase as written, lower case) only when
 * want_via, else NULL.
 */
static void match_tokens(const hs__concepts *c, const char *text,
                         const hs__concept_token *t, size_t n, match_fn *fn,
                         void *ctx, int want_via) {
    hs__buf key = HS_BUF_INIT;
    if (!c || !c->keys.n)
        return;
    for (size_t i = 0; i < n;) {
        size_t len = n - i, end[MAX_PHRASE_WORDS];
        const hs__strmap_slot *head = NULL;
        char *via = NULL;
        size_t h = hs__hash(t[i].stem, t[i].len) & (FIRST_BITS - 1);
        if (len > c->first_words[h])
            len = c->first_words[h];
        /* the longest phrase's key once; the shorter ones are its
         * prefixes, end[j] bytes long for j + 1 words */
        hs__buf_reset(&key);
        for (size_t j = 0; j < len; j++) {
            if (j)
                hs__buf_putc(&key, ' ');
            hs__buf_put(&key, t[i + j].stem, t[i + j].len);
            end[j] = key.len;
        }
        for (; len > 0; len--)
            if ((head = hs__strmap_find(&c->keys, key.data, end[len - 1])))
                break;
        if (!head) {
            i++;
            continue;
        }
        hs__buf_truncate(&key, end[len - 1]); /* fn reads it as a string */
        if (want_via) {
            via = hs__strtrim(text + t[i].start,
                              (size_t)(t[i + len - 1].end - t[i].start));
            for (char *p = via; *p; p++)
                *p = (char)hs__tolower((unsigned char)*p);
        }
        for (uint32_t k = (uint32_t)head->val.index + 1; k;
             k = c->ph[k - 1].next_same)
            fn(ctx, c, c->ph[k - 1].concept, key.data, via);
        free(via);
        i += len;
    }
    hs__buf_release(&key);
}

/* match_tokens over `text`, tokenized here with its camel case split. */
static void match_text(hs_store *s, const hs__concepts *c, const char *text,
                       match_fn *fn, void *ctx, int want_via) {
    hs__concept_tokens q = {0};
    char *split;
    if (!text || !*text || !c || !c->keys.n)
        return;
    hs__buf_init(&q.stems);
    split = split_case(text);
    s->porter_api.xTokenize(s->porter, &q, FTS5_TOKENIZE_QUERY, split,
                            (int)strlen(split), on_qtok);
    hs__concept_tokens_done(&q);
    match_tokens(c, split, q.v, q.n, fn, ctx, want_via);
    hs__concept_tokens_release(&q);
    free(split);
}

typedef struct expand_ctx {
    hs__expansions *out;
    double w;
} expand_ctx;

static void on_expand(void *ctx, const hs__concepts *c, uint32_t id,
                      const char *key, const char *via) {
    expand_ctx *x = ctx;
    hs__expansions *out = x->out;
    int group = -1;
    /* one group per concept and query */
    for (int g = 0; g < out->n_groups && group < 0; g++)
        if (out->concept_of[g].concept == id)
            group = g;
    if (group >= 0) {
        struct hs__concept_group *cg = &out->concept_of[group];
        /* said again, no stronger: its phrasings are there already at this
         * weight or more, but for the one it was first said with */
        if (x->w <= cg->weight) {
            if (strcmp(key, cg->first_key))
                expand_concept(c, id, key, cg->first_key, via, x->w, group,
                               out);
            return;
        }
        cg->weight = x->w;
    } else {
        if (out->n_groups >= HS__CONCEPTS_MAX_GROUPS)
            return;
        HS_ALLOC_GROW(out->concept_of, (size_t)out->n_groups + 1,
                      out->alloc_groups);
        out->concept_of[out->n_groups].concept = id;
        out->concept_of[out->n_groups].weight = x->w;
        out->concept_of[out->n_groups].first_key = hs__xstrdup(key);
        group = out->n_groups++;
    }
    expand_concept(c, id, key, NULL, via, x->w, group, out);
}

void hs__concepts_expand(hs_store *s, hs__concepts *c, const char *text,
                         double w, hs__expansions *out) {
    expand_ctx x = {out, w};
    match_text(s, c, text, on_expand, &x, 1);
}

typedef struct each_ctx {
    hs__concept_fn *fn;
    void *ctx;
} each_ctx;

static void on_each(void *ctx, const hs__concepts *c, uint32_t id,
                    const char *key, const char *via) {
    each_ctx *e = ctx;
    (void)key;
    (void)via;
    e->fn(e->ctx, c->c[id].name);
}

void hs__concepts_each(hs_store *s, const hs__concepts *c, const char *text,
                       hs__concept_fn *fn, void *ctx) {
    each_ctx e = {fn, ctx};
    match_text(s, c, text, on_each, &e, 0);
}

int hs__concepts_is_split(const char *text) {
    for (const char *p = text; *p; p++)
        if (is_case_break(text, p))
            return 1;
    return 0;
}

void hs__concepts_each_token(const hs__concepts *c, const char *text,
                             const hs__concept_token *t, size_t n,
                             hs__concept_fn *fn, void *ctx) {
    each_ctx e = {fn, ctx};
    match_tokens(c, text, t, n, on_each, &e, 0);
}

void hs__expansions_release(hs__expansions *e) {
    for (size_t i = 0; i < e->n; i++) {
        free(e->v[i].word);
        free(e->v[i].via);
    }
    free(e->v);
    for (int g = 0; g < e->n_groups; g++)
        free(e->concept_of[g].first_key);
    free(e->concept_of);
    memset(e, 0, sizeof(*e));
}
