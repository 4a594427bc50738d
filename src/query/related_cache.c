/*
 * Step 1's cache of related.c (related_cache.h says what it holds and
 * why): the keys, the rows' bytes, and the table `related_terms`. It must
 * not decide anything about the lists: related.c counts a row exactly as
 * it counted the facts the row came from. Bump HS__RCACHE_VERSION when
 * step 1 changes (a field, a weight, a mark, the stop words): every key
 * changes with it, so no row of an older step is read.
 *
 * A row is [|d|: 8 bytes][per term: stem NUL, 's' (spelled as the stem)
 * or 'd' spelling NUL, weight: 4 bytes], numbers little-endian IEEE 754.
 * A key is two FNV-64 of the inputs with different starts (128 bits: at
 * 100k postmortems a collision is about 1 in 10^28).
 */
#include "query/related_cache.h"
#include "base/buf.h"
#include "base/error.h"
#include "base/util.h"
#include "model/record.h"
#include "store/store.h"

#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

#define HS__RCACHE_VERSION "related-terms 1"
#define KEY_LEN HS__RCACHE_KEY_LEN

static void put_u32(hs__buf *b, uint32_t v) {
    unsigned char x[4] = {(unsigned char)v, (unsigned char)(v >> 8),
                          (unsigned char)(v >> 16), (unsigned char)(v >> 24)};
    hs__buf_put(b, x, 4);
}

static uint32_t get_u32(const unsigned char *p) {
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
           (uint32_t)p[3] << 24;
}

static float get_f32(const unsigned char *p) {
    uint32_t v = get_u32(p);
    float f;
    memcpy(&f, &v, sizeof(f));
    return f;
}

static double get_f64(const unsigned char *p) {
    uint64_t v = (uint64_t)get_u32(p) | (uint64_t)get_u32(p + 4) << 32;
    double f;
    memcpy(&f, &v, sizeof(f));
    return f;
}

void hs__rcache_row_start(hs__buf *b, double dl) {
    uint64_t v;
    memcpy(&v, &dl, sizeof(v));
    put_u32(b, (uint32_t)v);
    put_u32(b, (uint32_t)(v >> 32));
}

void hs__rcache_row_add(hs__buf *b, const char *stem, const char *surface,
                        float w) {
    uint32_t v;
    hs__buf_puts(b, stem);
    hs__buf_putc(b, '\0');
    if (!strcmp(stem, surface)) {
        hs__buf_putc(b, 's');
    } else {
        hs__buf_putc(b, 'd');
        hs__buf_puts(b, surface);
        hs__buf_putc(b, '\0');
    }
    memcpy(&v, &w, sizeof(v));
    put_u32(b, v);
}

void hs__rcache_put(hs__rcache *c, size_t d, hs__buf *b) {
    char *row = hs__buf_detach(b, &c->fresh_len[d]);
    /* held until the lists are stored (the whole index after a first
     * run): not the buffer's spare room too */
    c->fresh[d] = hs__xrealloc(row, c->fresh_len[d] + 1);
}

double hs__rcache_dl(const hs__rcache_row *row) {
    return get_f64(row->row);
}

const unsigned char *hs__rcache_next(const unsigned char *p, const char **stem,
                                     const char **surface, float *w) {
    *stem = *surface = (const char *)p;
    p += strlen(*stem) + 1;
    if (*p++ == 'd') {
        *surface = (const char *)p;
        p += strlen(*surface) + 1;
    }
    *w = get_f32(p);
    return p + 4;
}

/* Is `row` a row that hs__rcache_next can read? */
static int is_valid(const unsigned char *row, size_t len) {
    const unsigned char *p = row + 8, *end = row + len, *nul;
    if (len < 8)
        return 0;
    while (p < end) {
        if (!(nul = memchr(p, '\0', (size_t)(end - p))) || nul == p ||
            nul + 1 >= end)
            return 0;
        p = nul + 1;
        if (*p == 'd') {
            p++;
            if (!(nul = memchr(p, '\0', (size_t)(end - p))))
                return 0;
            p = nul + 1;
        } else if (*p++ != 's') {
            return 0;
        }
        if (end - p < 4)
            return 0;
        p += 4;
    }
    return 1;
}

/* The inputs every key shares: this step's version, SQLite's (its
 * tokenizer), the thesaurus, and whether words are terms. */
static void key_start(int is_concepts_only, uint64_t thesaurus,
                      uint64_t out[2]) {
    hs__buf b = HS_BUF_INIT;
    hs__buf_puts(&b, HS__RCACHE_VERSION);
    hs__buf_printf(&b, " %d %d %016llx", sqlite3_libversion_number(),
                   is_concepts_only, (unsigned long long)thesaurus);
    out[0] = hs__fnv64(HS__FNV64_START, b.data, b.len + 1);
    out[1] =
        hs__fnv64(HS__FNV64_START ^ 0x9e3779b97f4a7c15ULL, b.data, b.len + 1);
    hs__buf_release(&b);
}

static uint64_t key_text(uint64_t h, const char *text) {
    if (!text)
        return hs__fnv64(h, "\x01", 1); /* none, unlike an empty text */
    h = hs__fnv64(h, "\x02", 1);
    return hs__fnv64(h, text, strlen(text) + 1);
}

static uint64_t key_list(uint64_t h, const hs_strlist *l) {
    for (size_t i = 0; i < l->n; i++)
        h = key_text(h, l->v[i]);
    return hs__fnv64(h, "\x03", 1); /* the list's end */
}

/* The key of pm's row: everything step 1 reads of it (related.c's
 * tok_work). */
static void doc_key(const uint64_t start[2], const hs_postmortem *pm,
                    unsigned char out[KEY_LEN]) {
    for (int k = 0; k < 2; k++) {
        uint64_t h = start[k];
        h = key_text(h, pm->title);
        h = key_text(h, pm->summary);
        h = key_text(h, pm->root_cause);
        h = key_list(h, &pm->tags);
        h = key_list(h, &pm->auto_tags);
        h = key_list(h, &pm->services);
        for (int i = 0; i < 8; i++)
            out[k * 8 + i] = (unsigned char)(h >> (8 * i));
    }
}

static int cmp_row_key(const void *a, const void *b) {
    return memcmp(((const hs__rcache_row *)a)->key,
                  ((const hs__rcache_row *)b)->key, KEY_LEN);
}

static const char *const table_sql =
    "CREATE TABLE IF NOT EXISTS related_terms("
    "key BLOB NOT NULL UNIQUE, terms BLOB NOT NULL)";

/* The rows are read whole: at 10k postmortems, about 1.2 KB a row, 12 MB
 * while the lists compute. */
int hs__rcache_read(hs_store *s, int is_concepts_only, uint64_t thesaurus,
                    hs_postmortem *const *pms, size_t n, hs__rcache *c,
                    hs_error *err) {
    sqlite3_stmt *st = NULL;
    size_t alloc = 0;
    uint64_t start[2];
    int step = SQLITE_DONE;
    memset(c, 0, sizeof(*c));
    key_start(is_concepts_only, thesaurus, start);
    c->is_on = 1;
    c->key = hs__xcalloc(n + 1, KEY_LEN);
    c->hit = hs__xcalloc(n + 1, sizeof(hs__rcache_row *));
    for (size_t d = 0; d < n; d++)
        doc_key(start, pms[d], c->key[d]);
    if (sqlite3_prepare_v2(s->db, "SELECT key, terms FROM related_terms", -1,
                           &st, NULL) == SQLITE_OK) {
        while ((step = sqlite3_step(st)) == SQLITE_ROW) {
            const void *key = sqlite3_column_blob(st, 0);
            const void *row = sqlite3_column_blob(st, 1);
            size_t len = (size_t)sqlite3_column_bytes(st, 1);
            hs__rcache_row *x;
            if (sqlite3_column_bytes(st, 0) != KEY_LEN || !key || !row ||
                !is_valid(row, len))
                continue; /* damaged: left unused, so replaced */
            HS_ALLOC_GROW(c->rows, c->n_rows + 1, alloc);
            x = &c->rows[c->n_rows++];
            memcpy(x->key, key, KEY_LEN);
            x->row = hs__xmalloc(len);
            memcpy(x->row, row, len);
            x->len = len;
            x->is_used = 0;
        }
    }
    sqlite3_finalize(st);
    if (step != SQLITE_DONE)
        return hs__store_err(s, step, err, "cannot read related terms");
    hs__qsort(c->rows, c->n_rows, sizeof(hs__rcache_row), cmp_row_key);
    for (size_t d = 0; d < n; d++) {
        hs__rcache_row key, *x;
        memcpy(key.key, c->key[d], KEY_LEN);
        x = c->n_rows ? bsearch(&key, c->rows, c->n_rows,
                                sizeof(hs__rcache_row), cmp_row_key)
                      : NULL;
        if (x) {
            x->is_used = 1;
            c->hit[d] = x;
        }
    }
    return 0;
}

void hs__rcache_want_fresh(hs__rcache *c, size_t n) {
    if (!c->is_on)
        return;
    c->fresh = hs__xcalloc(n + 1, sizeof(unsigned char *));
    c->fresh_len = hs__xcalloc(n + 1, sizeof(size_t));
}

void hs__rcache_release(hs__rcache *c, size_t n) {
    for (size_t i = 0; i < c->n_rows; i++)
        free(c->rows[i].row);
    for (size_t d = 0; c->fresh && d < n; d++)
        free(c->fresh[d]);
    free(c->fresh);
    free(c->fresh_len);
    free(c->rows);
    free(c->key);
    free(c->hit);
    memset(c, 0, sizeof(*c));
}

/* A fresh row to write, by key, so that the key index fills in order. */
typedef struct fresh_ref {
    unsigned char key[KEY_LEN];
    size_t d;
} fresh_ref;

static int cmp_fresh(const void *a, const void *b) {
    return memcmp(((const fresh_ref *)a)->key, ((const fresh_ref *)b)->key,
                  KEY_LEN);
}

int hs__rcache_store(hs_store *s, const hs__rcache *c, size_t n,
                     hs_error *err) {
    sqlite3_stmt *del = NULL, *ins = NULL;
    fresh_ref *order;
    size_t n_fresh = 0;
    int rc;
    if (!c->is_on)
        return 0;
    rc = hs__store_exec(s, table_sql, err);
    if (rc)
        return rc;
    rc = sqlite3_prepare_v2(s->db, "DELETE FROM related_terms WHERE key = ?1",
                            -1, &del, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(s->db,
                                "INSERT OR REPLACE INTO related_terms(key, "
                                "terms) VALUES (?1, ?2)",
                                -1, &ins, NULL);
    /* the rows no postmortem has now (a file changed or gone) */
    for (size_t i = 0; rc == SQLITE_OK && i < c->n_rows; i++) {
        if (c->rows[i].is_used)
            continue;
        sqlite3_reset(del);
        sqlite3_bind_blob(del, 1, c->rows[i].key, KEY_LEN, SQLITE_STATIC);
        rc = sqlite3_step(del) == SQLITE_DONE ? SQLITE_OK
                                              : sqlite3_errcode(s->db);
    }
    order = hs__xcalloc(n + 1, sizeof(*order));
    for (size_t d = 0; d < n; d++)
        if (c->fresh[d]) {
            memcpy(order[n_fresh].key, c->key[d], KEY_LEN);
            order[n_fresh++].d = d;
        }
    hs__qsort(order, n_fresh, sizeof(*order), cmp_fresh);
    for (size_t i = 0; rc == SQLITE_OK && i < n_fresh; i++) {
        size_t d = order[i].d;
        sqlite3_reset(ins);
        sqlite3_bind_blob(ins, 1, c->key[d], KEY_LEN, SQLITE_STATIC);
        sqlite3_bind_blob64(ins, 2, c->fresh[d], c->fresh_len[d],
                            SQLITE_STATIC);
        rc = sqlite3_step(ins) == SQLITE_DONE ? SQLITE_OK
                                              : sqlite3_errcode(s->db);
    }
    free(order);
    sqlite3_finalize(del);
    sqlite3_finalize(ins);
    return rc == SQLITE_OK
               ? 0
               : hs__store_err(s, rc, err, "cannot store related terms");
}

int hs__rcache_forget(hs_store *s, hs_error *err) {
    int rc = hs__store_exec(s, table_sql, err);
    return rc ? rc : hs__store_exec(s, "DELETE FROM related_terms", err);
}
