/*
 * The concept layer of the similar ranking: an operations thesaurus
 * (data/concepts.txt, compiled in, plus a team's own lines) and the query
 * expansion it drives. A phrase of the input that is one phrasing of a
 * concept brings in the concept's other phrasings as weaker terms.
 */
#ifndef HS_CONCEPTS_H
#define HS_CONCEPTS_H
#include "base/buf.h"
#include "base/util.h"
#include "store/store.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

typedef struct hs__concepts hs__concepts;

/* One word brought in by a concept. */
typedef struct hs__expansion {
    char *word;    /* as the thesaurus writes it, lower case */
    char *via;     /* the input's phrase that matched, as written */
    double weight; /* the input's weight times EXP_* (concepts.c) */
    int group;     /* the matched concept, 0..: one group per concept */
} hs__expansion;

typedef struct hs__expansions {
    hs__expansion *v;
    size_t n, alloc;
    int n_groups;
    struct hs__concept_group {
        uint32_t concept; /* the concept's index */
        double weight;    /* the largest input weight it was matched with */
        char *first_key;  /* the phrase it was first matched by (stems) */
    } * concept_of;       /* by group */
    size_t alloc_groups;
} hs__expansions;

/*
 * The store's thesaurus, parsed on first use from the compiled-in
 * data/concepts.txt (needs hs__similar_setup first). Borrowed; valid until
 * the store is closed.
 */
hs__concepts *hs__concepts_get(hs_store *s);
/* Which thesaurus `c` holds: a hash of every text parsed into it, in
 * order (the built-in one, then any added), for caches of what it finds. */
uint64_t hs__concepts_fingerprint(const hs__concepts *c);

/*
 * Add the expansions of `text` (input weight `w`) to `out`. Concepts
 * already matched keep their group and the larger weight. At most
 * HS__CONCEPTS_MAX_GROUPS concepts are expanded, the first matched: a
 * query keeps at most 40 expansions (similar.c), and expanding the
 * hundred concepts of a 2,000-word input cost more than the ranking.
 */
#define HS__CONCEPTS_MAX_GROUPS 32
/* Phrasings expanded per concept and call, the first written (the built-in
 * thesaurus has at most 29 a concept). */
#define HS__CONCEPTS_MAX_PHRASINGS 64
void hs__concepts_expand(hs_store *s, hs__concepts *c, const char *text,
                         double w, hs__expansions *out);
void hs__expansions_release(hs__expansions *e);

/* Call fn with the name of each concept `text` mentions, once per mention. */
typedef void hs__concept_fn(void *ctx, const char *name);
void hs__concepts_each(hs_store *s, const hs__concepts *c, const char *text,
                       hs__concept_fn *fn, void *ctx);

/* A token of a text as the store's porter tokenizer gives it. */
typedef struct hs__concept_token {
    const char *stem; /* len bytes (borrowed) */
    size_t len;
    size_t off;     /* concepts.c's own use */
    int start, end; /* its bytes in the text */
} hs__concept_token;

/* The porter stems of `text` (tokenized for FTS5_TOKENIZE_* `reason`)
 * appended to `out`, a space before each unless `out` is empty; returns
 * how many (needs hs__similar_setup): the key of a thesaurus phrase and
 * of a query term. */
size_t hs__stems_join(hs_store *s, int reason, const char *text, hs__buf *out);

/*
 * A text's tokens, gathered by hs__concept_tokens_add from a tokenizer's
 * callback (colocated ones left out by the caller); their stems, NUL-ended,
 * in `stems`, where hs__concept_tokens_done points each token's stem once
 * the text is tokenized whole (`stems` moves as it grows). Start it zeroed
 * with hs__buf_init(&stems); hs__concept_tokens_release frees it.
 */
typedef struct hs__concept_tokens {
    hs__concept_token *v;
    size_t n, alloc;
    hs__buf stems;
} hs__concept_tokens;

/* Inline: it runs for every token of every postmortem's facts. */
static inline void hs__concept_tokens_add(hs__concept_tokens *t,
                                          const char *tok, int n, int start,
                                          int end) {
    HS_ALLOC_GROW(t->v, t->n + 1, t->alloc);
    t->v[t->n].stem = NULL;
    t->v[t->n].len = strnlen(tok, (size_t)(n > 0 ? n : 0));
    t->v[t->n].off = t->stems.len;
    t->v[t->n].start = start;
    t->v[t->n].end = end;
    hs__buf_put(&t->stems, tok, t->v[t->n].len);
    hs__buf_putc(&t->stems, '\0');
    t->n++;
}
void hs__concept_tokens_done(hs__concept_tokens *t);
void hs__concept_tokens_release(hs__concept_tokens *t);

/* Does hs__concepts_each split `text`'s words at case changes
 * ("DbPoolExhausted"), so that its tokens are not the text's own? */
int hs__concepts_is_split(const char *text);

/*
 * hs__concepts_each for a text already tokenized, when
 * !hs__concepts_is_split(text): its tokens t[0..n) in order, colocated
 * ones left out, with any flags (porter and unicode61 ignore them). The
 * same calls as hs__concepts_each, without tokenizing again.
 */
void hs__concepts_each_token(const hs__concepts *c, const char *text,
                             const hs__concept_token *t, size_t n,
                             hs__concept_fn *fn, void *ctx);
#endif
