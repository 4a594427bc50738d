/*
 * "Have we seen this before?": past postmortems ranked against the symptoms
 * of a live incident. Keyword search wants every word; symptoms are a bag of
 * partial evidence, so this ranks documents by how much of the evidence they
 * explain, weighting rare terms and telling fields.
 *
 * Pipeline: terms.c turns the input into weighted terms; each is stemmed
 * with FTS5's own porter tokenizer and looked up in term_df for its
 * document frequency; the most telling terms (weight * idf, at most 64)
 * are ranked by similar_rank.c (hs_sim(), a bm25 variant over weighted
 * fields, whose formula and constants are documented there).
 *
 * The best 100 rows are then boosted in C: x1.25 when the postmortem names
 * the incident's service, x(1 + 0.1 per shared tag) up to x1.3.
 */
#include "query/similar.h"
#include "base/error.h"
#include "base/strmap.h"
#include "base/text.h"
#include "base/util.h"
#include "model/normalize.h"
#include "model/record.h"
#include "query/concepts.h"
#include "query/fix.h"
#include "query/search.h"
#include "query/terms.h"
#include "store/store.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

/* Expansions kept among the terms of one query (at most 64 in all): room
 * for the input's own words whatever the thesaurus brings. */
#define SIM_MAX_EXPANSIONS 40

#define NOVELTY_MIN_COVERAGE 0.55
#define NOVELTY_FREQUENT 3

static int cmp_cand(const void *a, const void *b) {
    const hs__sim_term *x = a, *y = b;
    double sx = x->weight * x->idf, sy = y->weight * y->idf;
    return sx < sy ? 1 : sx > sy ? -1 : strcmp(x->text, y->text);
}

/*
 * Document frequencies looked up already, by stem. A read-only store (serve's
 * workers) keeps its memo in the HS__CACHE_DF slot until another
 * connection commits, so that the words a question shares with earlier
 * ones, which are most of them, cost a probe here rather than a b-tree
 * search of term_df (three quarters of the pages a 2,000-word question
 * read at 100k postmortems); any other store keeps one for the question.
 */
#define DF_MEMO_MAX 65536 /* stems; emptied when it would hold more */

typedef struct df_entry {
    double df;
    char stem[]; /* NUL-ended; the map's key */
} df_entry;

typedef struct df_memo {
    hs__strmap map; /* stem -> its df_entry */
} df_memo;

static void df_memo_release(void *p) {
    df_memo *m = p;
    hs__strmap_slot *sl;
    for (size_t i = 0; (sl = hs__strmap_next(&m->map, &i)) != NULL;)
        free(sl->val.ptr);
    hs__strmap_release(&m->map);
}

static void df_memo_put(df_memo *m, const char *stem, size_t len, double df) {
    hs__strmap_slot *sl;
    int is_new;
    if (m->map.n >= DF_MEMO_MAX)
        df_memo_release(m); /* full: start again */
    sl = hs__strmap_put(&m->map, stem, len, &is_new);
    if (is_new) {
        df_entry *e = hs__xmalloc(sizeof(*e) + len + 1);
        memcpy(e->stem, stem, len);
        e->stem[len] = '\0';
        sl->key = e->stem;
        sl->val.ptr = e;
    }
    ((df_entry *)sl->val.ptr)->df = df;
}

/*
 * Where document frequencies come from: term_df, which the index run keeps
 * exact, else (an index written by schema 1, opened read-only) fts_vocab,
 * which reads the term's whole doclist; before either, the memo.
 */
typedef struct df_source {
    sqlite3_stmt *stat, *vocab;
    df_memo *memo;
} df_source;

/*
 * A stem's document frequency; *df is 0 when no document has the term.
 * Returns SQLITE_OK or the error of the step.
 */
static int doc_freq(df_source *src, const char *stem, double *df /* OUT */
) {
    sqlite3_stmt *st = src->stat ? src->stat : src->vocab;
    size_t len = strlen(stem);
    int step;
    const hs__strmap_slot *sl = hs__strmap_find(&src->memo->map, stem, len);
    if (sl) {
        *df = ((const df_entry *)sl->val.ptr)->df;
        return SQLITE_OK;
    }
    *df = 0;
    sqlite3_reset(st);
    sqlite3_bind_text(st, 1, stem, -1, SQLITE_STATIC);
    step = sqlite3_step(st);
    if (step == SQLITE_ROW)
        *df = sqlite3_column_double(st, 0);
    sqlite3_reset(st); /* a cached statement holds no read cursor */
    if (step != SQLITE_ROW && step != SQLITE_DONE)
        return step;
    df_memo_put(src->memo, stem, len, *df);
    return SQLITE_OK;
}

/* A phrase is in at most as many documents as its rarest word. */
static int phrase_doc_freq(df_source *src, const char *stems,
                           double *out /* OUT */
) {
    double df = -1;
    const char *p = stems;
    int rc = SQLITE_OK;
    while (*p && rc == SQLITE_OK) {
        size_t n = strcspn(p, " ");
        char *one = hs__strtrim(p, n);
        double d;
        rc = doc_freq(src, one, &d);
        free(one);
        if (df < 0 || d < df)
            df = d;
        p += n;
        while (*p == ' ')
            p++;
    }
    *out = df < 0 ? 0 : df;
    return rc;
}

/*
 * Stem one term and merge it into `all` (its stems in `seen`): a stem written
 * by the input adds up; an expansion of a stem the input wrote is dropped (the
 * exact word outweighs it), and an expansion seen before keeps the larger
 * weight. A new stem gets its df looked up.
 */
static int merge_term(hs_store *s, df_source *src, double n_docs,
                      const char *text, double weight, const char *via,
                      const char *from, int group, hs__sim_term *all,
                      size_t *n_seen, hs__strmap *seen) {
    hs__buf stems = HS_BUF_INIT;
    hs__strmap_slot *sl;
    size_t stem_len;
    double df, idf;
    int rc, is_new;
    hs__stems_join(s, FTS5_TOKENIZE_QUERY, text, &stems);
    /*
     * A stem of one byte is a single letter or digit once the tokenizer
     * has folded it: terms.c drops such words ("e"), and "é" or "É",
     * which it keeps as two bytes, became "e" here and matched the "e" of
     * "i.e." (a one-letter term of high idf ranked a postmortem 'rare').
     */
    if (stems.len < 2 || (strchr(stems.data, ' ') && !via)) {
        hs__buf_release(&stems);
        return SQLITE_OK;
    }
    if ((sl = hs__strmap_find(seen, stems.data, stems.len)) != NULL) {
        hs__sim_term *t = &all[sl->val.index];
        if (!via && !from) {
            free(t->from); /* the caller wrote it too */
            t->from = NULL;
        }
        if (!via)
            t->weight += weight;
        else if (t->via && weight > t->weight)
            t->weight = weight;
        hs__buf_release(&stems);
        return SQLITE_OK;
    }
    /* a stem in no document stays in `all` with df 0, looked up once */
    if ((rc = phrase_doc_freq(src, stems.data, &df)) != SQLITE_OK) {
        hs__buf_release(&stems);
        return rc;
    }
    idf = log((n_docs - df + 0.5) / (df + 0.5));
    stem_len = stems.len;
    all[*n_seen].text = hs__xstrdup(text);
    all[*n_seen].stem = hs__buf_detach(&stems, NULL);
    all[*n_seen].weight = weight;
    all[*n_seen].df = df;
    all[*n_seen].idf = idf < 0.1 ? 0.1 : idf;
    all[*n_seen].via = via ? hs__xstrdup(via) : NULL;
    all[*n_seen].from = from && !via ? hs__xstrdup(from) : NULL;
    all[*n_seen].group = via ? group : -1;
    sl = hs__strmap_put(seen, all[*n_seen].stem, stem_len, &is_new);
    sl->val.index = (*n_seen)++;
    return SQLITE_OK;
}

static void sim_term_release(hs__sim_term *t) {
    free(t->text);
    free(t->stem);
    free(t->via);
    free(t->from);
}

/*
 * Stem the terms and the expansions, merge those with the same stem, look
 * up their document frequencies and keep the most telling ones (weight *
 * idf), of which at most SIM_MAX_EXPANSIONS expansions. Returns how many
 * are in `out` (sorted best first); the kept expansions' concept groups
 * are renumbered 0.. in `out`.
 */
static int choose_terms(hs_store *s, const hs__termset *ts,
                        const hs__expansions *ex, hs__sim_term *out, size_t max,
                        size_t *n_out, hs_error *err) {
    df_source src = {0};
    df_memo local = {0};
    hs__sim_term *all = hs__xcalloc(ts->n + ex->n + 1, sizeof(hs__sim_term));
    size_t n = 0, n_seen = 0, n_ex = 0;
    hs__strmap seen = HS__STRMAP_INIT; /* stems of `all`: their index */
    int *renum, next_group = 0;
    double n_docs;
    int rc = hs_store_count(s, err);
    if (rc < 0) {
        free(all);
        return rc;
    }
    n_docs = rc;
    /* the memo is read after the count, so that a commit between the two
     * empties it */
    src.memo = hs__store_cache_get(s, HS__CACHE_DF);
    if (!src.memo)
        src.memo = hs__store_cache_put(
            s, HS__CACHE_DF, hs__xcalloc(1, sizeof(df_memo)), df_memo_release);
    if (!src.memo)
        src.memo = &local;
    if (hs__store_stmt(s, HS__STMT_TERM_DF, &src.stat, NULL) != 0)
        src.stat = NULL;
    rc = src.stat
             ? SQLITE_OK
             : sqlite3_prepare_v2(s->db,
                                  "SELECT doc FROM fts_vocab WHERE term = ?",
                                  -1, &src.vocab, NULL);
    if (rc != SQLITE_OK) {
        free(all);
        return hs__store_err(s, rc, err, "cannot read term statistics");
    }
    rc = 0;
    hs__strmap_reserve(&seen, ts->n + ex->n);
    for (size_t i = 0; rc == 0 && i < ts->n; i++)
        rc = merge_term(s, &src, n_docs, ts->v[i].text, ts->v[i].weight, NULL,
                        ts->v[i].from, -1, all, &n_seen, &seen);
    for (size_t i = 0; rc == 0 && i < ex->n; i++)
        rc =
            merge_term(s, &src, n_docs, ex->v[i].word, ex->v[i].weight,
                       ex->v[i].via, NULL, ex->v[i].group, all, &n_seen, &seen);
    if (rc)
        rc = hs__store_err(s, rc, err, "cannot read term statistics");
    hs__strmap_release(&seen);
    if (rc) {
        for (size_t i = 0; i < n_seen; i++)
            sim_term_release(&all[i]);
        n_seen = 0;
    }
    /* keep the stems that some document has */
    for (size_t i = 0; i < n_seen; i++) {
        if (all[i].df > 0)
            all[n++] = all[i];
        else
            sim_term_release(&all[i]);
    }
    sqlite3_finalize(src.vocab);
    df_memo_release(&local);
    hs__qsort(all, n, sizeof(hs__sim_term), cmp_cand);
    renum = hs__xcalloc((size_t)ex->n_groups + 1, sizeof(int));
    for (int g = 0; g < ex->n_groups; g++)
        renum[g] = -1;
    *n_out = 0;
    for (size_t i = 0; i < n; i++) {
        int is_kept = *n_out < max;
        if (is_kept && all[i].via) {
            is_kept = n_ex < SIM_MAX_EXPANSIONS;
            n_ex += is_kept;
        }
        if (!is_kept) {
            sim_term_release(&all[i]);
            continue;
        }
        if (all[i].via && all[i].group >= 0 && all[i].group < ex->n_groups) {
            int *g = &renum[all[i].group];
            if (*g < 0)
                *g = next_group++;
            all[i].group = *g;
        }
        out[(*n_out)++] = all[i];
    }
    free(renum);
    free(all);
    return rc;
}

/* Does the postmortem name this service, or share tags? */
/*
 * Boost for a candidate: x1.25 when it names the incident's service,
 * x(1 + 0.1 per shared tag) up to x1.3. `st` selects a postmortem's labels.
 * Returns SQLITE_DONE, or the error of the step that failed.
 */
static int boost(sqlite3_stmt *st, sqlite3_int64 rowid, const hs_incident *inc,
                 double *out /* OUT: the factor */
) {
    double f = 1.0, tag_boost = 1.0;
    int step;
    sqlite3_reset(st);
    sqlite3_bind_int64(st, 1, rowid);
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        const char *kind = (const char *)sqlite3_column_text(st, 0);
        const char *v = (const char *)sqlite3_column_text(st, 1);
        if (!kind || !v)
            continue;
        if (!strcmp(kind, "service") && inc->service &&
            !hs__strcasecmp(v, inc->service))
            f = 1.25;
        if (!strcmp(kind, "tag") && hs__strlist_has(&inc->tags, v))
            tag_boost += 0.1;
    }
    *out = f * (tag_boost > 1.3 ? 1.3 : tag_boost);
    return step;
}

static int cmp_cand_hit(const void *a, const void *b) {
    const hs__sim_hit *x = a, *y = b;
    if (x->score != y->score)
        return x->score < y->score ? 1 : -1;
    return x->rowid < y->rowid ? 1 : x->rowid > y->rowid ? -1 : 0;
}

/*
 * Matched terms, in order of how telling they are (terms are sorted so),
 * and the MATCH expression the snippets are taken with. An expansion reads
 * "maxed out ~ exhausted": the input's words, then the thesaurus word the
 * postmortem has.
 *
 * The snippets come from the summary and the root cause alone, so the
 * MATCH names only the terms the row has there (`in_lead`), in the same
 * order: a term with no hit in those columns adds no hit to their
 * snippets, while FTS5 would still seek its doclist to the row, a few
 * pages each, and at 100k postmortems the doclists of common terms were
 * most of what the details cost. A row with none of its terms there
 * matches by its most telling term, for an unmarked snippet.
 */
static void matched_terms(hs_hit *h, uint64_t matched, uint64_t in_lead,
                          const hs__sim_term *terms, size_t n_terms,
                          hs__buf *match) {
    hs__buf_reset(match);
    if (!(matched & in_lead) && matched)
        in_lead = matched & (~matched + 1); /* its lowest bit */
    for (size_t i = 0; i < n_terms; i++) {
        if (!(matched & ((uint64_t)1 << i)))
            continue;
        if (terms[i].via || terms[i].from) {
            hs__buf how = HS_BUF_INIT;
            hs__buf_printf(&how, "%s ~ %s",
                           terms[i].via ? terms[i].via : terms[i].from,
                           terms[i].text);
            hs__strlist_push(&h->matched_terms, how.data);
            hs__buf_release(&how);
        } else {
            hs__strlist_push(&h->matched_terms, terms[i].text);
        }
        if (!(in_lead & ((uint64_t)1 << i)))
            continue;
        if (match->len)
            hs__buf_puts(match, " OR ");
        hs__fts_quote(match, terms[i].text, strlen(terms[i].text));
    }
}

/*
 * The share of the input's evidence a row explains: the matched terms'
 * q_i idf_i over all of the input's own terms; a concept the row has
 * through an expansion counts with its best matched phrasing, as in the
 * score's C(d). 0..1.
 */
static double coverage(uint64_t matched, const hs__sim_term *terms, size_t n) {
    double total = 0, got = 0, best[HS__SIM_MAX_TERMS] = {0};
    for (size_t i = 0; i < n; i++) {
        double q = terms[i].weight * terms[i].idf;
        int is_hit = (matched >> i) & 1;
        if (!terms[i].via) {
            total += q;
            got += is_hit ? q : 0;
        } else if (is_hit && terms[i].group >= 0 &&
                   terms[i].group < HS__SIM_MAX_TERMS &&
                   q > best[terms[i].group]) {
            best[terms[i].group] = q;
        }
    }
    for (size_t g = 0; g < HS__SIM_MAX_TERMS; g++)
        got += best[g];
    return total <= 0 ? 0 : got < total ? got / total : 1;
}

/* The size of the row's family and its latest date (family.c); a row of
 * no stored family is a family of one. */
static void family_fill(sqlite3_stmt *st, sqlite3_int64 rowid, hs_hit *h) {
    h->family_size = 1;
    memcpy(h->family_last, h->date, sizeof(h->family_last));
    if (!st)
        return;
    sqlite3_reset(st);
    sqlite3_bind_int64(st, 1, rowid);
    if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0) > 0) {
        const char *v = (const char *)sqlite3_column_text(st, 1);
        h->family_size = sqlite3_column_int(st, 0);
        hs__date_copy(h->family_last, v);
    }
}

/*
 * Has this been seen before? new: even the best match explains less than
 * NOVELTY_MIN_COVERAGE of the evidence; frequent: the best match's family
 * has NOVELTY_FREQUENT postmortems or more; else rare. NOVELTY_MIN_COVERAGE
 * was chosen on the TUNE half of make eval (paraphrases asked with and
 * without their incident indexed: 0.55 labels 78 of 104 right, 0.45 73,
 * 0.65 65); NOVELTY_FREQUENT is a judgement (three of a kind is a pattern)
 * that the eval has no labels to check.
 */
static int novelty(const hs_results *r) {
    if (!r->n || r->hits[0].coverage < NOVELTY_MIN_COVERAGE)
        return HS_NOVELTY_NEW;
    return r->hits[0].family_size >= NOVELTY_FREQUENT ? HS_NOVELTY_FREQUENT
                                                      : HS_NOVELTY_RARE;
}

/* The postmortem's open action items. Returns SQLITE_DONE, or the error of
 * the step that failed. */
static int open_actions(sqlite3_stmt *st, hs_hit *h, sqlite3_int64 rowid) {
    size_t alloc = 0;
    int step;
    sqlite3_reset(st);
    sqlite3_bind_int64(st, 1, rowid);
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        hs_action_item *a;
        const char *v;
        HS_ALLOC_GROW(h->open_actions, h->n_open_actions + 1, alloc);
        a = &h->open_actions[h->n_open_actions++];
        memset(a, 0, sizeof(*a));
        v = (const char *)sqlite3_column_text(st, 0);
        a->action = hs__xstrdup(v ? v : "");
        v = (const char *)sqlite3_column_text(st, 1);
        a->owner = v ? hs__xstrdup(v) : NULL;
        v = (const char *)sqlite3_column_text(st, 2);
        hs__date_copy(a->due, v);
        a->status =
            hs__status_from_name((const char *)sqlite3_column_text(st, 3));
    }
    return step;
}

/*
 * HS_EINVAL naming the first text of `inc` that is not UTF-8 (a Latin-1
 * terminal's 'similar \xe9chec', GET /api/similar?q=%FF): its invalid
 * bytes became parts of terms, which the JSON answer's matched_terms
 * could not hold, so --json and the text output named different terms.
 */
static int check_utf8(const hs_incident *inc, hs_error *err) {
    int rc = hs__utf8_refuse("the title", inc->title, HS_EINVAL, err);
    if (!rc)
        rc = hs__utf8_refuse("the service", inc->service, HS_EINVAL, err);
    for (size_t k = 0; !rc && k < inc->symptoms.n; k++)
        rc = hs__utf8_refuse("a symptom", inc->symptoms.v[k], HS_EINVAL, err);
    for (size_t k = 0; !rc && k < inc->tags.n; k++)
        rc = hs__utf8_refuse("a tag", inc->tags.v[k], HS_EINVAL, err);
    return rc;
}

/*
 * similar_rank.c ranks the matches and keeps the best HS__SIM_CANDIDATES
 * (or fewer); only those get boosts, and only the `limit` best get the
 * costlier details (matched terms, snippet, open action items). The
 * snippet's MATCH names only the terms the row has in the snippet's
 * columns (matched_terms): the same snippet as with every term, without
 * looking up the others' doclists.
 */
int hs_similar(hs_store *s, const hs_incident *inc, int limit, hs_results **out,
               hs_error *err) {
    static const char *const detail_sql =
        "SELECT p.id, p.title, p.path, p.date, p.severity, "
        "json_extract(p.record, '$.root_cause'), "
        "hs_snippet(fts, " HS__STR(
            HS__SIM_COL_ROOT_CAUSE) ", '" HS__MARK_OPEN "', '" HS__MARK_CLOSE
                                    "', '\xe2\x80\xa6', 24), "
                                    "hs_snippet(fts, " HS__STR(
                                        HS__SIM_COL_SUMMARY) ", '" HS__MARK_OPEN
                                                             "', "
                                                             "'" HS__MARK_CLOSE
                                                             "', "
                                                             "'\xe2\x80\xa6', "
                                                             "24) "
                                                             "FROM fts JOIN "
                                                             "postmortems p ON "
                                                             "p.rowid = "
                                                             "fts.rowid "
                                                             "WHERE fts MATCH "
                                                             "?1 AND fts.rowid "
                                                             "= ?2";
    hs__termset ts = {0};
    hs__expansions ex = {0};
    hs__concepts *concepts;
    hs__sim_term terms[HS__SIM_MAX_TERMS];
    size_t n_terms = 0, n_cands = 0;
    hs__sim_hit cands[HS__SIM_CANDIDATES];
    hs__buf match = HS_BUF_INIT;
    hs__sim_reader reader = {0};
    hs__fix fix = {0};
    sqlite3_stmt *labels = NULL, *detail = NULL, *acts = NULL, *fam = NULL;
    hs_results *r = NULL;
    int rc, step, own_txn;

    *out = NULL;
    if ((rc = check_utf8(inc, err)) != 0)
        return rc;
    if (limit <= 0)
        limit = inc->limit > 0 ? inc->limit : 10;
    if (limit > HS__SIM_CANDIDATES)
        limit = HS__SIM_CANDIDATES;
    rc = hs__similar_setup(s, err);
    if (rc)
        return rc;
    /* one read transaction: one snapshot, and the file locks taken once
     * rather than for each of the many small statements */
    own_txn = sqlite3_get_autocommit(s->db);
    if (own_txn && (rc = hs__store_exec(s, "BEGIN", err)) != 0)
        return rc;
    hs__terms_add_text(&ts, inc->title, 1.5);
    for (size_t i = 0; i < inc->symptoms.n; i++)
        hs__terms_add_text(&ts, inc->symptoms.v[i], 1.0);
    hs__terms_add_text(&ts, inc->service, 0.8);
    for (size_t i = 0; i < inc->tags.n; i++)
        hs__terms_add_text(&ts, inc->tags.v[i], 1.0);
    concepts = hs__concepts_get(s);
    hs__concepts_expand(s, concepts, inc->title, 1.5, &ex);
    for (size_t i = 0; i < inc->symptoms.n; i++)
        hs__concepts_expand(s, concepts, inc->symptoms.v[i], 1.0, &ex);
    for (size_t i = 0; i < inc->tags.n; i++)
        hs__concepts_expand(s, concepts, inc->tags.v[i], 1.0, &ex);
    rc = choose_terms(s, &ts, &ex, terms,
                      inc->max_terms > 0 && inc->max_terms < HS__SIM_MAX_TERMS
                          ? (size_t)inc->max_terms
                          : HS__SIM_MAX_TERMS,
                      &n_terms, err);
    hs__termset_release(&ts);
    hs__expansions_release(&ex);
    r = hs__xcalloc(1, sizeof(*r));
    if (rc || !n_terms) /* none: nothing in the input occurs anywhere */
        goto out;
    rc = hs__sim_reader_init(&reader, s, terms, n_terms, err);
    if (rc == 0)
        rc = hs__similar_rank(&reader, (size_t)limit, cands, &n_cands, err);
    if (rc)
        goto out;
    if (inc->service || inc->tags.n) {
        rc = hs__store_stmt_sql(s, HS__QSTMT_SIM_LABELS,
                                "SELECT kind, value FROM labels WHERE pm = ?",
                                &labels, err);
        if (rc)
            goto out;
        for (size_t i = 0; rc == SQLITE_OK && i < n_cands; i++) {
            double f;
            if ((rc = boost(labels, cands[i].rowid, inc, &f)) == SQLITE_DONE)
                rc = SQLITE_OK;
            cands[i].score *= f;
        }
        if (rc != SQLITE_OK) {
            rc = hs__store_err(s, rc, err, "cannot read labels");
            goto out;
        }
    }
    hs__qsort(cands, n_cands, sizeof(hs__sim_hit), cmp_cand_hit);
    r->total = n_cands;
    if (n_cands > (size_t)limit)
        n_cands = (size_t)limit;
    rc = hs__store_stmt_sql(s, HS__QSTMT_SIM_DETAIL, detail_sql, &detail, err);
    if (rc == 0)
        rc = hs__store_stmt_sql(s, HS__QSTMT_SIM_ACTIONS,
                                "SELECT action, owner, due, status FROM "
                                "action_items WHERE pm = ? AND status != "
                                "'done' ORDER BY due IS NULL, due, seq",
                                &acts, err);
    if (rc)
        goto out;
    /* absent until an index run computes families: then a family of one */
    if (hs__store_stmt_sql(s, HS__QSTMT_SIM_FAMILY,
                           "SELECT count(*), max(p.date) FROM families f "
                           "JOIN postmortems p ON p.rowid = f.pm WHERE "
                           "f.family = (SELECT family FROM families WHERE "
                           "pm = ?1)",
                           &fam, NULL) != 0)
        fam = NULL;
    r->hits = hs__xcalloc(n_cands + 1, sizeof(hs_hit));
    for (size_t i = 0; i < n_cands; i++) {
        hs_hit *h = &r->hits[r->n];
        const char *v;
        if (!cands[i].has_matched) {
            hs__sim_row row;
            rc = hs__sim_row_read(&reader, cands[i].rowid, &row, err);
            if (rc == 1) { /* gone since it was ranked */
                rc = 0;
                continue;
            }
            if (rc)
                break;
            cands[i].matched = row.matched;
            cands[i].in_lead = row.in_lead;
        }
        matched_terms(h, cands[i].matched, cands[i].in_lead, terms, n_terms,
                      &match);
        sqlite3_reset(detail);
        sqlite3_bind_text(detail, 1, match.len ? match.data : "\"\"", -1,
                          SQLITE_STATIC);
        sqlite3_bind_int64(detail, 2, cands[i].rowid);
        if ((step = sqlite3_step(detail)) != SQLITE_ROW) {
            hs_strlist_release(&h->matched_terms);
            if (step != SQLITE_DONE) {
                rc = hs__store_err(s, step, err, "similarity query failed");
                break;
            }
            continue;
        }
        hs__hit_fill(h, detail);
        h->score = round(cands[i].score * 1000) / 1000;
        v = (const char *)sqlite3_column_text(detail, 5);
        h->root_cause = v ? hs__xstrdup(v) : NULL;
        v = (const char *)sqlite3_column_text(detail, 6);
        if (!v || !*v)
            v = (const char *)sqlite3_column_text(detail, 7);
        /* as search's for the API: HTML-escaped, matches in <mark>; the
         * CLI turns it into [word] for a terminal */
        {
            hs_search_opts html = {0};
            html.is_html = 1;
            h->snippet = hs__snippet_finish(v, &html);
        }
        h->coverage = coverage(cands[i].matched, terms, n_terms);
        family_fill(fam, cands[i].rowid, h);
        r->n++;
        if ((step = open_actions(acts, h, cands[i].rowid)) != SQLITE_DONE) {
            rc = hs__store_err(s, step, err, "cannot read action items");
            break;
        }
        if ((rc = hs__fix_fill(s, &fix, cands[i].rowid, h, err)) != 0)
            break;
    }
out:
    if (r)
        r->novelty = novelty(r);
    hs__sim_reader_release(&reader);
    hs__fix_release(&fix);
    /* the store's statements, kept for the next question: none may stay
     * on a row (reset of NULL does nothing) */
    sqlite3_reset(fam);
    sqlite3_reset(labels);
    sqlite3_reset(detail);
    sqlite3_reset(acts);
    for (size_t i = 0; i < n_terms; i++)
        sim_term_release(&terms[i]);
    hs__buf_release(&match);
    if (own_txn) {
        /* a read transaction: COMMIT only ends it, but a failure to end it
         * leaves the store in a transaction, which the caller must know */
        int c = hs__store_exec(s, "COMMIT", rc ? NULL : err);
        if (rc == 0)
            rc = c;
    }
    if (rc) {
        hs_results_free(r);
        return rc;
    }
    *out = r;
    return 0;
}
