/*
 * Related postmortems, all at once. A site of N pages asking the
 * similar-incidents ranking once per page costs N index queries (minutes
 * at 100k); here every postmortem gets a signature instead, and the
 * signatures are compared through an inverted index in memory:
 *
 *   1. The facts (title 3, summary 2.5, root cause 3, tags and services 2:
 *      the column weights of the similar ranking) are tokenized with the
 *      index's tokenizer, stop words and numbers left out; tf is the
 *      weighted count of a stem. What this step counts of a postmortem is
 *      kept in the index under a key of its facts (related_cache.c), so a
 *      run after a small change tokenizes the changed postmortems only;
 *      the others are counted from their rows, to the same terms in the
 *      same order. Steps 2 to 4 run over every postmortem each time: a
 *      changed document frequency, or mean length, moves every weight.
 *   2. w(t, d) = idf(t) * tf (k1 + 1) / (tf + k1 (1 - b + b |d| / avgdl)),
 *      with idf, k1 = 1.2 and b = 0.5 as in similar_rank.c; the document
 *      frequencies are counted over these facts.
 *      A thesaurus concept the title, summary or root cause mentions is a
 *      term too (weight REL_CONCEPT per mention), so "pool exhausted" and
 *      "ran out of connections" meet. A concept the title mentions is a
 *      second term of its own besides (REL_TITLE_CONCEPT): what the title
 *      names is what failed, while the summary and root cause also tell
 *      the mechanisms on the way (a slow query, CPU saturation), which
 *      other failures share; without it a connection pool exhaustion
 *      whose cause was a slow query was most related to a CPU saturation.
 *   3. The signature of d is its REL_SIG heaviest terms (terms of no other
 *      postmortem left out), scaled to unit length.
 *   4. related(d) = the HS__RELATED_K others with the largest dot product
 *      of signatures (cosine). A term's postings keep only its
 *      REL_POSTINGS heaviest signatures, which bounds the work by
 *      N * REL_SIG * REL_POSTINGS whatever the vocabulary; a term carried
 *      by thousands of signatures tells little about any one of them.
 *
 * Ties go to the earlier postmortem in `pms` (the site sorts newest first).
 *
 * Also tried for families and left out (README, "Families": the figures):
 * a factor on the cosine when the titles name different failures (or a
 * bonus when they name the same one), symptom concepts weighed down, the
 * summary's concepts below the root cause's, other field and concept
 * weights, 16 or 32 signature terms, the file name as a second title. None
 * found more TUNE pairs; the two that left a CPU saturation out of the pool
 * exhaustions' family lost HELD-OUT pairs.
 */
#include "query/related.h"
#include "base/buf.h"
#include "base/error.h"
#include "base/strmap.h"
#include "base/thread.h"
#include "base/util.h"
#include "model/record.h"
#include "query/concepts.h"
#include "query/related_cache.h"
#include "query/similar.h"
#include "query/terms.h"
#include "store/index_pool.h"
#include "store/store.h"

#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

#define REL_SIG 24
#define REL_POSTINGS 128
#define REL_K1 1.2
#define REL_B 0.5
/* the field weight of a title's concepts as terms of their own (families:
 * 12 of the 15 labelled pairs of corpus/, 10 without; 1.5 as without on
 * the TUNE half, 2 to 4 alike) */
#define REL_TITLE_CONCEPT 2.0f
#define REL_CONCEPT                                                            \
    2.0 /* twice a word's weight in its field (families:
                         * 12 of 15 labelled pairs of corpus/, 10 at 1.0) */ /* a concept's weight, as a word's in its field */

typedef struct rel_entry {
    uint32_t term;
    float w; /* tf while counting, then the signature weight */
} rel_entry;

typedef struct rel_term {
    char *stem;
    char *surface; /* first spelling seen, lower case */
    uint32_t df;
    uint32_t last_doc; /* doc index + 1 that last counted it */
    uint32_t at;       /* its entry in that doc's list */
    rel_entry *post;   /* doc (as term) and weight */
    uint32_t n_post, alloc_post;
} rel_term;

struct hs__related {
    rel_term *terms;
    size_t n_terms, alloc_terms;
    hs__strmap ids; /* stem -> term id */
    rel_entry *ent; /* every doc's terms, doc i at ent[off[i]..off[i+1]) */
    size_t n_ent, alloc_ent;
    size_t *off;
    double *dl;
    size_t n;
    int32_t *best;        /* n * HS__RELATED_K doc indexes, -1 for none */
    float *best_w;        /* their cosines */
    char **shared;        /* their shared terms as stored, or NULL */
    int is_concepts_only; /* words count toward |d| but are not terms */
    hs__rcache cache;     /* step 1's, as read; new rows for the others */
};

/* The id of `stem`, added with its spelling if new. */
static uint32_t term_id(hs__related *r, const char *stem, size_t len,
                        const char *surface, size_t surface_len) {
    int is_new;
    hs__strmap_slot *sl = hs__strmap_put(&r->ids, stem, len, &is_new);
    rel_term *t;
    if (!is_new)
        return (uint32_t)sl->val.index;
    HS_ALLOC_GROW(r->terms, r->n_terms + 1, r->alloc_terms);
    t = &r->terms[r->n_terms];
    memset(t, 0, sizeof(*t));
    t->stem = hs__xstrndup(stem, len);
    t->surface = hs__strtrim(surface, surface_len);
    for (char *p = t->surface; *p; p++)
        *p = (char)hs__tolower((unsigned char)*p);
    sl->key = t->stem;
    sl->val.index = r->n_terms;
    return (uint32_t)r->n_terms++;
}

/*
 * Step 1 runs on every core: a doc's words and concepts are found on any
 * thread (tok_work, with a tokenizer of its own) as a list of terms, and
 * counted into the shared term table on this thread in doc order
 * (count_doc), so the terms and their ids do not depend on the threads.
 */
typedef struct tok_job {
    const hs_postmortem *pm;
    hs__buf text; /* per term: stem, NUL, spelling, NUL */
    float *w;     /* per term: its weight */
    size_t n, alloc;
    double dl; /* the doc's words, weak ones included */
} tok_job;

typedef struct tok_pool {
    /* the store as it was at the start, whose tokenizer fields each
     * thread's copy replaces: concepts.c tokenizes with the store's */
    hs_store view;
    const hs__concepts *concepts;
    int is_concepts_only;
    fts5_tokenizer api;
    void *api_ctx;
    pthread_mutex_t mu;
    Fts5Tokenizer **idle; /* tokenizers no thread is using */
    size_t n_idle, alloc_idle;
} tok_pool;

typedef struct tok_ctx {
    tok_job *j;
    const char *text;
    float weight;
    int is_concepts_only;
    char concept_mark; /* a concept's term starts with it: 1, or 2 (title) */
    hs__concept_tokens *keep; /* where the tokens go too, or NULL */
    /* the concepts found while is_noting, in order (names borrowed from
     * the thesaurus): the title's, added again as its own terms */
    const char **noted;
    size_t n_noted, alloc_noted;
    int is_noting;
} tok_ctx;

static void add_term(tok_job *j, const char *stem, size_t len,
                     const char *surface, size_t surface_len, float w) {
    hs__buf_put(&j->text, stem, len);
    hs__buf_putc(&j->text, '\0');
    hs__buf_put(&j->text, surface, surface_len);
    hs__buf_putc(&j->text, '\0');
    HS_ALLOC_GROW(j->w, j->n + 1, j->alloc);
    j->w[j->n++] = w;
}

static int on_token(void *ctx, int flags, const char *tok, int n, int start,
                    int end) {
    tok_ctx *c = ctx;
    if (flags & FTS5_TOKEN_COLOCATED)
        return SQLITE_OK;
    if (c->keep)
        hs__concept_tokens_add(c->keep, tok, n, start, end);
    if (n <= 0)
        return SQLITE_OK;
    c->j->dl++;
    if (c->is_concepts_only ||
        hs__is_weak_word(c->text + start, (size_t)(end - start)))
        return SQLITE_OK;
    add_term(c->j, tok, (size_t)n, c->text + start, (size_t)(end - start),
             c->weight);
    return SQLITE_OK;
}

/* Tokenize `text` for its words, its tokens into `keep` (NULL: not
 * kept) for its concepts. */
static void add_text(const tok_pool *p, Fts5Tokenizer *tok, tok_ctx *c,
                     const char *text, float w, hs__concept_tokens *keep) {
    if (!text || !*text)
        return;
    c->text = text;
    c->weight = w;
    c->keep = keep;
    p->api.xTokenize(tok, c, FTS5_TOKENIZE_DOCUMENT, text, (int)strlen(text),
                     on_token);
    c->keep = NULL;
    if (keep)
        hs__concept_tokens_done(keep);
}

/* A concept the text mentions is a term of its own ("\x01name", or
 * "\x02name" for the title's, which no word can be), so "pool exhausted"
 * and "ran out of connections" meet. */
static void on_concept(void *ctx, const char *name) {
    tok_ctx *c = ctx;
    hs__buf b = HS_BUF_INIT;
    if (c->is_noting) {
        HS_ALLOC_GROW(c->noted, c->n_noted + 1, c->alloc_noted);
        c->noted[c->n_noted++] = name;
    }
    hs__buf_putc(&b, c->concept_mark);
    hs__buf_puts(&b, name);
    add_term(c->j, b.data, b.len, name, strlen(name), c->weight * REL_CONCEPT);
    hs__buf_release(&b);
}

/* The concepts `text` mentions, from its tokens in `toks` when concepts.c
 * would find the same ones (no camel case to split): a fact is tokenized
 * once for its words and its concepts (a tenth of an index run's
 * instructions went to tokenizing them again). */
static void add_concepts(hs_store *view, const tok_pool *p, tok_ctx *c,
                         const char *text, float w,
                         const hs__concept_tokens *toks) {
    if (!text || !*text)
        return;
    c->weight = w;
    if (!hs__concepts_is_split(text))
        hs__concepts_each_token(p->concepts, text, toks->v, toks->n, on_concept,
                                c);
    else
        hs__concepts_each(view, p->concepts, text, on_concept, c);
}

static void add_labels(const tok_pool *p, Fts5Tokenizer *tok, tok_ctx *c,
                       const hs_strlist *l) {
    for (size_t i = 0; i < l->n; i++)
        add_text(p, tok, c, l->v[i], 2.0f, NULL);
}

/* The pool's work: one doc's terms, in the order of the facts. */
static void tok_work(void *ctx, void *arg) {
    tok_pool *p = ctx;
    tok_job *j = arg;
    const hs_postmortem *pm = j->pm;
    const char *args[] = {"unicode61", "remove_diacritics", "2"};
    Fts5Tokenizer *tok = NULL;
    tok_ctx c = {j, NULL, 0, p->is_concepts_only, '\x01', NULL, NULL, 0, 0, 0};
    hs__concept_tokens ft[3] = {{0}, {0}, {0}}; /* title, summary, root cause */
    hs_store view;
    pthread_mutex_lock(&p->mu);
    if (p->n_idle)
        tok = p->idle[--p->n_idle];
    pthread_mutex_unlock(&p->mu);
    if (!tok && p->api.xCreate(p->api_ctx, args, 3, &tok) != SQLITE_OK)
        HS_BUG("cannot create a tokenizer");
    /* concepts.c tokenizes with the store's tokenizer: this thread's */
    view = p->view;
    view.porter = tok;
    for (size_t i = 0; i < HS_ARRAY_LEN(ft); i++)
        hs__buf_init(&ft[i].stems);
    add_text(p, tok, &c, pm->title, 3.0f, &ft[0]);
    add_text(p, tok, &c, pm->summary, 2.5f, &ft[1]);
    add_text(p, tok, &c, pm->root_cause, 3.0f, &ft[2]);
    c.is_noting = 1;
    add_concepts(&view, p, &c, pm->title, 3.0f, &ft[0]);
    c.is_noting = 0;
    add_concepts(&view, p, &c, pm->summary, 2.5f, &ft[1]);
    add_concepts(&view, p, &c, pm->root_cause, 3.0f, &ft[2]);
    /* the title's concepts again, as found the first time, rather than
     * matching the title twice */
    c.concept_mark = '\x02';
    c.weight = REL_TITLE_CONCEPT;
    for (size_t i = 0; i < c.n_noted; i++)
        on_concept(&c, c.noted[i]);
    free(c.noted);
    for (size_t i = 0; i < HS_ARRAY_LEN(ft); i++)
        hs__concept_tokens_release(&ft[i]);
    if (!p->is_concepts_only) {
        add_labels(p, tok, &c, &pm->tags);
        add_labels(p, tok, &c, &pm->auto_tags);
        add_labels(p, tok, &c, &pm->services);
    }
    pthread_mutex_lock(&p->mu);
    HS_ALLOC_GROW(p->idle, p->n_idle + 1, p->alloc_idle);
    p->idle[p->n_idle++] = tok;
    pthread_mutex_unlock(&p->mu);
}

static void tok_release(void *arg) {
    tok_job *j = arg;
    hs__buf_release(&j->text);
    free(j->w);
    memset(j, 0, sizeof(*j));
}

/* Doc d's cache row: its entries ent[first..] with the stems and first
 * spellings they were counted from (at[2 i], at[2 i + 1], in j's text). */
static void cache_put(hs__related *r, size_t d, size_t first,
                      const char *const *at, size_t n_at) {
    hs__buf b = HS_BUF_INIT;
    if (n_at != 2 * (r->n_ent - first))
        HS_BUG("a new entry without its stem and spelling");
    hs__rcache_row_start(&b, r->dl[d]);
    for (size_t i = 0; i < n_at; i += 2)
        hs__rcache_row_add(&b, at[i], at[i + 1], r->ent[first + i / 2].w);
    hs__rcache_put(&r->cache, d, &b);
}

/* Count one term of doc d (stem and spelling NUL-terminated) with weight
 * w into r: df, and tf into its entry. */
static void count_term(hs__related *r, size_t d, const char *stem,
                       const char *surface, float w, int *is_new) {
    size_t len = strlen(stem);
    uint32_t id = term_id(r, stem, len, surface, strlen(surface));
    rel_term *t = &r->terms[id];
    *is_new = t->last_doc != d + 1;
    if (*is_new) {
        t->last_doc = (uint32_t)d + 1;
        t->at = (uint32_t)r->n_ent;
        t->df++;
        HS_ALLOC_GROW(r->ent, r->n_ent + 1, r->alloc_ent);
        r->ent[r->n_ent].term = id;
        r->ent[r->n_ent++].w = 0;
    }
    r->ent[t->at].w += w;
}

/* Count doc d's terms (job j) into r, and keep its cache row when the
 * cache is on. */
static void count_doc(hs__related *r, size_t d, const tok_job *j) {
    const char *at = j->text.data;
    const char **seen = NULL; /* per entry: its stem and spelling in j */
    size_t first = r->n_ent, n_seen = 0, alloc_seen = 0;
    r->dl[d] = j->dl;
    for (size_t i = 0; i < j->n; i++) {
        const char *surface = at + strlen(at) + 1;
        int is_new;
        count_term(r, d, at, surface, j->w[i], &is_new);
        if (is_new && r->cache.is_on) {
            HS_ALLOC_GROW(seen, n_seen + 2, alloc_seen);
            seen[n_seen++] = at;
            seen[n_seen++] = surface;
        }
        at = surface + strlen(surface) + 1;
    }
    if (r->cache.is_on)
        cache_put(r, d, first, seen, n_seen);
    free(seen);
}

/* Count doc d from its cache row: the same term_id calls in the same
 * order as count_doc made, with the summed weights. */
static void count_row(hs__related *r, size_t d, const hs__rcache_row *row) {
    const unsigned char *p = row->row + 8, *end = row->row + row->len;
    r->dl[d] = hs__rcache_dl(row);
    while (p < end) {
        const char *stem, *surface;
        float w;
        int is_new;
        p = hs__rcache_next(p, &stem, &surface, &w);
        count_term(r, d, stem, surface, w, &is_new);
    }
}

/* The fts5 API's porter tokenizer, which every thread creates its own of. */
static int find_porter(hs_store *s, tok_pool *p, hs_error *err) {
    fts5_api *api = NULL;
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(s->db, "SELECT fts5(?1)", -1, &st, NULL);
    if (rc != SQLITE_OK)
        return hs__store_err(s, rc, err, "FTS5 is not available");
    sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
    sqlite3_step(st);
    sqlite3_finalize(st);
    if (!api ||
        api->xFindTokenizer(api, "porter", &p->api_ctx, &p->api) != SQLITE_OK)
        return hs__seterr(err, HS_EDB, "FTS5 is not available");
    return 0;
}

/*
 * What step 1 needs of the store, read on the store's thread: the porter
 * tokenizer's API, the thesaurus and a copy of the store for concepts.c.
 * Nothing after this touches the store's connection.
 */
static int tok_setup(hs_store *s, tok_pool *p, int is_concepts_only,
                     hs_error *err) {
    int rc = hs__similar_setup(s, err);
    if (rc == 0)
        rc = find_porter(s, p, err);
    if (rc)
        return rc;
    p->concepts = hs__concepts_get(s); /* parsed here, read by every thread */
    p->view = *s;
    p->is_concepts_only = is_concepts_only;
    pthread_mutex_init(&p->mu, NULL);
    return 0;
}

/* Step 1 for pms[0..n-1] on every core: the docs step 1's cache has a
 * row for are counted from it on this thread, the others tokenized. */
static void count_all(hs__related *r, tok_pool *p, hs_postmortem *const *pms,
                      size_t n) {
    hs__rcache_row **hit = r->cache.is_on ? r->cache.hit : NULL;
    size_t n_threads = hs__pool_cpus(), n_submitted = 0, n_misses = 0;
    hs__pool *pool;
    for (size_t d = 0; d < n; d++)
        n_misses += !(hit && hit[d]);
    if (n_threads > n_misses)
        n_threads = n_misses ? n_misses : 1;
    pool = hs__pool_new(n_threads, n_threads > 1 ? 8 * n_threads : 1,
                        sizeof(tok_job), tok_work, p);
    for (size_t d = 0; d < n; d++) {
        tok_job *j;
        r->off[d] = r->n_ent;
        if (hit && hit[d]) {
            count_row(r, d, hit[d]);
            continue;
        }
        for (;;) {
            while (n_submitted < n && hit && hit[n_submitted])
                n_submitted++;
            if (n_submitted >= n || (j = hs__pool_slot(pool)) == NULL)
                break;
            j->pm = pms[n_submitted++];
            hs__pool_submit(pool);
        }
        j = hs__pool_next(pool);
        count_doc(r, d, j);
        tok_release(j);
        hs__pool_done(pool);
    }
    r->off[n] = r->n_ent;
    hs__pool_free(pool, tok_release);
    for (size_t i = 0; i < p->n_idle; i++)
        p->api.xDelete(p->idle[i]);
    free(p->idle);
    p->idle = NULL;
    p->n_idle = p->alloc_idle = 0;
    pthread_mutex_destroy(&p->mu);
}

static int cmp_entry_w(const void *a, const void *b) {
    const rel_entry *x = a, *y = b;
    if (x->w != y->w)
        return x->w < y->w ? 1 : -1;
    return x->term < y->term ? -1 : x->term > y->term;
}

/* Steps 2 and 3: weigh a doc's terms, keep its signature, post it. */
static void sign(hs__related *r, size_t d, double avgdl) {
    rel_entry *e = r->ent + r->off[d];
    size_t n = r->off[d + 1] - r->off[d], kept = 0;
    double norm = 0, len = 1 - REL_B + REL_B * r->dl[d] / avgdl;
    for (size_t i = 0; i < n; i++) {
        const rel_term *t = &r->terms[e[i].term];
        double idf = log(((double)r->n - t->df + 0.5) / (t->df + 0.5));
        double tf = e[i].w;
        if (t->df < 2)
            continue;
        e[kept].term = e[i].term;
        e[kept++].w = (float)((idf < 0.1 ? 0.1 : idf) * tf * (REL_K1 + 1) /
                              (tf + REL_K1 * len));
    }
    hs__qsort(e, kept, sizeof(rel_entry), cmp_entry_w);
    if (kept > REL_SIG)
        kept = REL_SIG;
    for (size_t i = 0; i < kept; i++)
        norm += (double)e[i].w * e[i].w;
    norm = norm > 0 ? sqrt(norm) : 1;
    for (size_t i = 0; i < kept; i++) {
        rel_term *t = &r->terms[e[i].term];
        e[i].w = (float)(e[i].w / norm);
        HS_ALLOC_GROW(t->post, t->n_post + 1, t->alloc_post);
        t->post[t->n_post].term = (uint32_t)d; /* a posting names a doc */
        t->post[t->n_post++].w = e[i].w;
    }
    /* the signature stays in place; a weight of 0 ends it for best_of and
     * hs__related_shared */
    for (size_t i = kept; i < n; i++)
        e[i].w = 0;
}

/* Step 4 for doc d, with acc (n zeros on entry and on return). */
static void best_of(hs__related *r, size_t d, float *acc, uint32_t *touched) {
    const rel_entry *e = r->ent + r->off[d];
    size_t n = r->off[d + 1] - r->off[d], n_touched = 0;
    int32_t *best = r->best + d * HS__RELATED_K;
    float *best_w = r->best_w + d * HS__RELATED_K;
    for (size_t i = 0; i < n && e[i].w > 0; i++) {
        const rel_term *t = &r->terms[e[i].term];
        for (uint32_t p = 0; p < t->n_post; p++) {
            uint32_t o = t->post[p].term;
            if (o == d)
                continue;
            if (acc[o] == 0)
                touched[n_touched++] = o;
            acc[o] += e[i].w * t->post[p].w;
        }
    }
    for (size_t k = 0; k < HS__RELATED_K; k++)
        best[k] = -1;
    for (size_t i = 0; i < n_touched; i++) {
        uint32_t o = touched[i];
        float v = acc[o];
        size_t k = HS__RELATED_K;
        while (k > 0 && (best[k - 1] < 0 || v > acc[best[k - 1]] ||
                         (v == acc[best[k - 1]] && (int32_t)o < best[k - 1])))
            k--;
        if (k < HS__RELATED_K) {
            memmove(best + k + 1, best + k,
                    (HS__RELATED_K - k - 1) * sizeof(int32_t));
            memmove(best_w + k + 1, best_w + k,
                    (HS__RELATED_K - k - 1) * sizeof(float));
            best[k] = (int32_t)o;
            best_w[k] = v;
        }
    }
    for (size_t i = 0; i < n_touched; i++)
        acc[touched[i]] = 0;
}

static char *shared_text(const hs__related *r, size_t i, size_t j);

/* Step 4 for every `step`-th doc from `first`, and the terms each shares
 * with its related ones as the `related` table stores them: each doc's
 * lists are its own, so threads share only what they read. */
typedef struct best_slice {
    hs__related *r;
    size_t first, step;
    pthread_t thread;
} best_slice;

static void *best_slice_main(void *arg) {
    best_slice *b = arg;
    float *acc = hs__xcalloc(b->r->n + 1, sizeof(float));
    uint32_t *touched = hs__xcalloc(b->r->n + 1, sizeof(uint32_t));
    for (size_t d = b->first; d < b->r->n; d += b->step) {
        best_of(b->r, d, acc, touched);
        for (size_t k = 0; k < HS__RELATED_K; k++) {
            int32_t j = b->r->best[d * HS__RELATED_K + k];
            if (j >= 0)
                b->r->shared[d * HS__RELATED_K + k] =
                    shared_text(b->r, d, (size_t)j);
        }
    }
    free(acc);
    free(touched);
    return NULL;
}

/* Step 4 on every core (on this thread alone if no thread starts). */
static void best_all(hs__related *r) {
    best_slice b[HS_INDEX_JOBS_MAX];
    size_t n_threads = hs__pool_cpus(), n_started = 0;
    if (n_threads > HS_ARRAY_LEN(b))
        n_threads = HS_ARRAY_LEN(b);
    if (n_threads > r->n / 64 + 1)
        n_threads = r->n / 64 + 1; /* a small index: not worth a thread */
    for (size_t t = 0; t < n_threads; t++)
        b[t] = (best_slice){r, t, n_threads, 0};
    for (size_t t = 1; t < n_threads; t++) {
        if (hs__thread_start(&b[t].thread, best_slice_main, &b[t]))
            break;
        n_started = t;
    }
    /* the slices no thread took are this thread's */
    for (size_t t = n_started + 1; t < n_threads; t++)
        best_slice_main(&b[t]);
    best_slice_main(&b[0]);
    for (size_t t = 1; t <= n_started; t++)
        pthread_join(b[t].thread, NULL);
}

int hs__related_build(hs_store *s, hs_postmortem *const *pms, size_t n,
                      hs__related **out, hs_error *err) {
    return hs__related_build_by(s, pms, n, 0, out, err);
}

/* Steps 1 to 4, touching no store: on any thread. r takes the cache. */
static hs__related *compute(tok_pool *p, hs__rcache *cache,
                            hs_postmortem *const *pms, size_t n) {
    hs__related *r = hs__xcalloc(1, sizeof(*r));
    double total = 0;
    r->n = n;
    r->cache = *cache;
    memset(cache, 0, sizeof(*cache));
    hs__rcache_want_fresh(&r->cache, n);
    r->off = hs__xcalloc(n + 1, sizeof(size_t));
    r->dl = hs__xcalloc(n + 1, sizeof(double));
    r->is_concepts_only = p->is_concepts_only;
    count_all(r, p, pms, n);
    for (size_t d = 0; d < n; d++)
        total += r->dl[d];
    for (size_t d = 0; d < n; d++)
        sign(r, d, n && total > 0 ? total / (double)n : 1);
    for (size_t t = 0; t < r->n_terms; t++) {
        rel_term *term = &r->terms[t];
        if (term->n_post > REL_POSTINGS) {
            hs__qsort(term->post, term->n_post, sizeof(rel_entry), cmp_entry_w);
            term->n_post = REL_POSTINGS;
        }
    }
    r->best = hs__xcalloc(n * HS__RELATED_K + 1, sizeof(int32_t));
    r->best_w = hs__xcalloc(n * HS__RELATED_K + 1, sizeof(float));
    r->shared = hs__xcalloc(n * HS__RELATED_K + 1, sizeof(char *));
    best_all(r);
    return r;
}

int hs__related_build_by(hs_store *s, hs_postmortem *const *pms, size_t n,
                         int is_concepts_only, hs__related **out,
                         hs_error *err) {
    hs__related_task *t;
    int rc = hs__related_start(s, pms, n, is_concepts_only, 0, &t, err);
    *out = rc ? NULL : hs__related_finish(t);
    return rc;
}

struct hs__related_task {
    tok_pool p;
    hs__rcache cache;
    hs_postmortem *const *pms;
    size_t n;
    hs__related *r;
    pthread_t thread;
    int is_threaded;
};

static void *task_main(void *arg) {
    hs__related_task *t = arg;
    t->r = compute(&t->p, &t->cache, t->pms, t->n);
    return NULL;
}

int hs__related_start(hs_store *s, hs_postmortem *const *pms, size_t n,
                      int is_concepts_only, int is_background,
                      hs__related_task **out, hs_error *err) {
    hs__related_task *t;
    int rc;
    *out = NULL;
    if (n >= UINT32_MAX)
        return hs__seterr(err, HS_EINVAL, "too many postmortems");
    t = hs__xcalloc(1, sizeof(*t));
    rc = tok_setup(s, &t->p, is_concepts_only, err);
    if (rc) {
        free(t);
        return rc;
    }
    t->pms = pms;
    t->n = n;
    if (!is_concepts_only) {
        rc = hs__rcache_read(s, 0, hs__concepts_fingerprint(t->p.concepts), pms,
                             n, &t->cache, err);
        if (rc) {
            hs__rcache_release(&t->cache, n);
            pthread_mutex_destroy(&t->p.mu);
            free(t);
            return rc;
        }
    }
    if (is_background)
        t->is_threaded = hs__thread_start(&t->thread, task_main, t) == 0;
    *out = t;
    return 0;
}

hs__related *hs__related_finish(hs__related_task *t) {
    hs__related *r;
    if (!t)
        return NULL;
    if (t->is_threaded)
        pthread_join(t->thread, NULL);
    else
        task_main(t);
    r = t->r;
    free(t);
    return r;
}

long hs__related_get(const hs__related *r, size_t i, size_t k) {
    if (!r || i >= r->n || k >= HS__RELATED_K)
        return -1;
    return r->best[i * HS__RELATED_K + k];
}

double hs__related_weight(const hs__related *r, size_t i, size_t k) {
    if (!r || i >= r->n || k >= HS__RELATED_K ||
        r->best[i * HS__RELATED_K + k] < 0)
        return 0;
    return r->best_w[i * HS__RELATED_K + k];
}

void hs__related_shared(const hs__related *r, size_t i, size_t j, size_t max,
                        hs_strlist *out) {
    const rel_entry *a, *b;
    size_t na, nb;
    if (!r || i >= r->n || j >= r->n)
        return;
    a = r->ent + r->off[i];
    na = r->off[i + 1] - r->off[i];
    b = r->ent + r->off[j];
    nb = r->off[j + 1] - r->off[j];
    /* signatures are short and sorted by weight: i's order decides */
    for (size_t x = 0; x < na && a[x].w > 0 && out->n < max; x++)
        for (size_t y = 0; y < nb && b[y].w > 0; y++)
            if (a[x].term == b[y].term) {
                /* a title's concept is shared as a concept too */
                if (r->terms[a[x].term].stem[0] != '\x02')
                    hs__strlist_push(out, r->terms[a[x].term].surface);
                break;
            }
}

/* The terms i and j share, as the `related` table stores them. */
static char *shared_text(const hs__related *r, size_t i, size_t j) {
    hs_strlist shared = {0};
    hs__buf b = HS_BUF_INIT;
    hs__related_shared(r, i, j, HS__RELATED_TERMS, &shared);
    for (size_t t = 0; t < shared.n; t++) {
        if (t)
            hs__buf_puts(&b, ", ");
        hs__buf_puts(&b, shared.v[t]);
    }
    hs_strlist_release(&shared);
    return hs__buf_detach(&b, NULL);
}

void hs__related_free(hs__related *r) {
    if (!r)
        return;
    hs__rcache_release(&r->cache, r->n);
    for (size_t i = 0; r->shared && i < r->n * HS__RELATED_K; i++)
        free(r->shared[i]);
    free(r->shared);
    for (size_t t = 0; t < r->n_terms; t++) {
        free(r->terms[t].stem);
        free(r->terms[t].surface);
        free(r->terms[t].post);
    }
    free(r->terms);
    hs__strmap_release(&r->ids);
    free(r->ent);
    free(r->off);
    free(r->dl);
    free(r->best);
    free(r->best_w);
    free(r);
}

/* ---------------------------------------------------------------------
 * The `related` table: written with the families, read by every page
 */

typedef struct by_id {
    const char *id;
    size_t i;
} by_id;

static int cmp_by_id(const void *a, const void *b) {
    return strcmp(((const by_id *)a)->id, ((const by_id *)b)->id);
}

/*
 * The table is emptied and filled again. Writing only the rows that differ
 * from the stored ones was tried: after a one-file edit at 10k, 47,934 of
 * the 50,000 rows differ (a weight moves with every document frequency and
 * with the mean length), and reading them to compare made this step 20%
 * dearer.
 */
int hs__related_store(hs_store *s, hs_postmortem *const *pms, size_t n,
                      const hs__related *r, hs_error *err) {
    sqlite3_stmt *ins = NULL;
    by_id *order;
    int rc = hs__store_exec(s, "DELETE FROM related", err);
    if (rc)
        return rc;
    /* in key order, so that the table's pages fill (in the site's order
     * they were half empty: 310 bytes a row at 10k postmortems) */
    order = hs__xcalloc(n + 1, sizeof(*order));
    for (size_t i = 0; i < n; i++) {
        order[i].id = pms[i]->id;
        order[i].i = i;
    }
    hs__qsort(order, n, sizeof(*order), cmp_by_id);
    rc = sqlite3_prepare_v2(s->db,
                            "INSERT INTO related(pm, rank, other, weight, "
                            "terms) VALUES (?1, ?2, ?3, ?4, ?5)",
                            -1, &ins, NULL);
    for (size_t o = 0; rc == SQLITE_OK && o < n; o++)
        for (size_t k = 0; rc == SQLITE_OK && k < HS__RELATED_K; k++) {
            size_t i = order[o].i;
            long j = hs__related_get(r, i, k);
            if (j < 0)
                break;
            sqlite3_reset(ins);
            sqlite3_bind_text(ins, 1, pms[i]->id, -1, SQLITE_STATIC);
            sqlite3_bind_int64(ins, 2, (sqlite3_int64)k);
            sqlite3_bind_text(ins, 3, pms[j]->id, -1, SQLITE_STATIC);
            sqlite3_bind_double(ins, 4, hs__related_weight(r, i, k));
            sqlite3_bind_text(ins, 5, r->shared[i * HS__RELATED_K + k], -1,
                              SQLITE_STATIC);
            rc = sqlite3_step(ins) == SQLITE_DONE ? SQLITE_OK
                                                  : sqlite3_errcode(s->db);
        }
    sqlite3_finalize(ins);
    free(order);
    return rc == SQLITE_OK
               ? 0
               : hs__store_err(s, rc, err, "cannot store related postmortems");
}

int hs__related_store_terms(hs_store *s, const hs__related *r, hs_error *err) {
    return hs__rcache_store(s, &r->cache, r->n, err);
}

int hs__related_forget_terms(hs_store *s, hs_error *err) {
    return hs__rcache_forget(s, err);
}

size_t hs__related_n_counted(const hs__related *r) {
    size_t n = 0;
    for (size_t d = 0; r && d < r->n; d++)
        n += !(r->cache.is_on && r->cache.hit[d]);
    return n;
}

struct hs__related_reader {
    hs_store *s;
    sqlite3_stmt *st; /* NULL: no table (an older index) */
};

int hs__related_reader_new(hs_store *s, hs__related_reader **out,
                           hs_error *err) {
    hs__related_reader *r = hs__xcalloc(1, sizeof(*r));
    (void)err;
    r->s = s;
    if (sqlite3_prepare_v2(s->db,
                           "SELECT other, terms FROM related WHERE pm = ?1 "
                           "ORDER BY rank",
                           -1, &r->st, NULL) != SQLITE_OK) {
        sqlite3_finalize(r->st);
        r->st = NULL;
    }
    *out = r;
    return 0;
}

int hs__related_reader_of(hs__related_reader *r, const char *id,
                          hs_strlist *ids, hs_strlist *terms, hs_error *err) {
    int step;
    if (!r->st)
        return 0;
    sqlite3_bind_text(r->st, 1, id, -1, SQLITE_STATIC);
    while ((step = sqlite3_step(r->st)) == SQLITE_ROW) {
        const char *other = (const char *)sqlite3_column_text(r->st, 0);
        const char *shared = (const char *)sqlite3_column_text(r->st, 1);
        hs__strlist_push(ids, other ? other : "");
        hs__strlist_push(terms, shared ? shared : "");
    }
    sqlite3_reset(r->st);
    sqlite3_clear_bindings(r->st);
    return step == SQLITE_DONE
               ? 0
               : hs__store_err(r->s, step, err,
                               "cannot read related postmortems");
}

void hs__related_reader_free(hs__related_reader *r) {
    if (!r)
        return;
    sqlite3_finalize(r->st);
    free(r);
}

int hs__related_of(hs_store *s, const char *id, hs_strlist *ids,
                   hs_strlist *terms, hs_error *err) {
    hs__related_reader *r;
    int rc = hs__related_reader_new(s, &r, err);
    if (rc == 0)
        rc = hs__related_reader_of(r, id, ids, terms, err);
    hs__related_reader_free(r);
    return rc;
}
