/*
 * The index database: shared by store.c, index.c, search.c, report.c, cli.c,
 * alerts.c and the similarity files (similar*.c, related.c through
 * similar.h), which are the only files that include sqlite3.h. store.c
 * owns the connection, the schema and the prepared-statement cache.
 */
#ifndef HS_STORE_H
#define HS_STORE_H

#include "hindsight.h"
#include <pthread.h>
#include <sqlite3.h>
#include <stdint.h>

/* The statement cache: one labelled SQL text each, prepared on first use. */
#define HS__STMT_MAP(XX)                                                       \
    XX(FILE_BY_PATH, "SELECT rowid, hash, size, mtime, root FROM postmortems " \
                     "WHERE abspath = ?1")                                     \
    XX(ROWID_BY_ID, "SELECT rowid, abspath FROM postmortems WHERE id = ?1")    \
    XX(TOUCH, "UPDATE postmortems SET size = ?2, mtime = ?3, path = ?4, "      \
              "root = ?5 WHERE rowid = ?1")                                    \
    XX(DELETE_PM, "DELETE FROM postmortems WHERE rowid = ?1")                  \
    XX(DELETE_FTS, "DELETE FROM fts WHERE rowid = ?1")                         \
    XX(DELETE_AI, "DELETE FROM action_items WHERE pm = ?1")                    \
    XX(DELETE_LABELS, "DELETE FROM labels WHERE pm = ?1")                      \
    XX(INSERT_PM,                                                              \
       "INSERT INTO postmortems(id, path, abspath, root, hash, size, mtime, "  \
       "title, date, severity, duration, record) "                             \
       "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)")            \
    XX(INSERT_FTS, "INSERT INTO fts(rowid, title, summary, root_cause, "       \
                   "impact, timeline, lessons, labels, body, facets) "         \
                   "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)")          \
    XX(INSERT_AI, "INSERT INTO action_items(pm, seq, action, owner, due, "     \
                  "status) VALUES(?1, ?2, ?3, ?4, ?5, ?6)")                    \
    XX(INSERT_LABEL,                                                           \
       "INSERT INTO labels(pm, kind, value) VALUES(?1, ?2, lower(?3))")        \
    XX(GET_RECORD, "SELECT record FROM postmortems WHERE id = ?1")             \
    XX(COUNT, "SELECT count(*) FROM postmortems")                              \
    XX(HAS_LABEL,                                                              \
       "SELECT 1 FROM labels WHERE kind = ?1 AND value = lower(?2) "           \
       "LIMIT 1")                                                              \
    XX(IDS_FROM, "SELECT id FROM postmortems WHERE id >= ?1 ORDER BY id")      \
    XX(LABELS_FROM, "SELECT DISTINCT value FROM labels WHERE kind = ?1 "       \
                    "AND value >= ?2 ORDER BY value")                          \
    XX(DATA_VERSION, "PRAGMA data_version")                                    \
    XX(TERM_DF, "SELECT df FROM term_df WHERE term = ?1")                      \
    XX(ALL_FILES, "SELECT rowid, abspath, root FROM postmortems")

enum {
#define HS__STMT_ENUM(name, sql) HS__STMT_##name,
    HS__STMT_MAP(HS__STMT_ENUM)
#undef HS__STMT_ENUM
        HS__STMT_N
};

/*
 * Statements of the layers above that keep their SQL themselves (it names
 * their own SQL functions and markers), one label each: hs__store_stmt_sql
 * prepares one once per connection; the connection's close finalizes it.
 * similar's: the questions of serve's workers prepared seven a question.
 */
#define HS__QSTMT_MAP(XX)                                                      \
    XX(SIM_ROW)      /* query/similar_row.c: a row's text columns */           \
    XX(SIM_DETAIL)   /* query/similar.c: a hit's facts and snippets */         \
    XX(SIM_ACTIONS)  /* query/similar.c: a hit's open action items */          \
    XX(SIM_FAMILY)   /* query/similar.c: a hit's family */                     \
    XX(SIM_LABELS)   /* query/similar.c: a candidate's service and tags */     \
    XX(FIX_RECORD)   /* query/fix.c: a hit's resolution fields */              \
    XX(FIX_TIMELINE) /* query/fix.c: a hit's timeline */

enum {
#define HS__QSTMT_ENUM(name) HS__QSTMT_##name,
    HS__QSTMT_MAP(HS__QSTMT_ENUM)
#undef HS__QSTMT_ENUM
        HS__QSTMT_N
};

/*
 * The caches a store keeps for the layers above it, one slot each: the
 * slot's name, and whether it holds what the index says. Such a slot is
 * kept only by a read-only store, and only until another connection
 * commits (PRAGMA data_version changes); the others last as long as the
 * store. hs__store_cache_get is the one place that decides.
 */
#define HS__CACHE_MAP(XX)                                                      \
    XX(COUNT, 1)          /* hs_store_count's answer */                        \
    XX(LABELS_TAG, 1)     /* query/pages.c: the tags' counts */                \
    XX(LABELS_SERVICE, 1) /* query/pages.c: the services' counts */            \
    XX(ACTIONS, 1)        /* query/report_page.c: actions.html's counts */     \
    XX(SEARCH, 1)         /* query/search.c: recent answers */                 \
    XX(IDF, 1)            /* query/rank.c: the phrases' row counts */          \
    XX(DF, 1)             /* query/similar.c: the stems' document counts */    \
    XX(CONCEPTS, 0)       /* query/concepts.c: the thesaurus, parsed once */

enum {
#define HS__CACHE_ENUM(name, is_indexed) HS__CACHE_##name,
    HS__CACHE_MAP(HS__CACHE_ENUM)
#undef HS__CACHE_ENUM
        HS__CACHE_N
};

/* Frees what a cached object holds, not the object (the store frees it). */
typedef void hs__cache_release_fn(void *p);

typedef struct hs__cache_slot {
    void *p; /* NULL: empty */
    hs__cache_release_fn *release;
    sqlite3_int64 version; /* data_version at the last get; -1: none */
} hs__cache_slot;

/* A term of a document an index run put or deleted: delta +1 or -1. */
struct hs__dirty_term {
    char *term;
    int delta;
};

struct hs_store {
    sqlite3 *db;
    sqlite3_stmt *stmts[HS__STMT_N];
    sqlite3_stmt *qstmts[HS__QSTMT_N];
    int is_readonly;
    int has_alerts; /* PATH-alerts is attached as hs_alerts */
    int has_facets; /* fts has the facets column (schema 5, facets.h) */
    char *path;
    /* HS_STORE_BUILD_ASIDE: the file being built (PATH-new) and a
     * descriptor holding flock on it, until hs__store_publish; else NULL */
    char *build_path;
    int build_fd;
    /* hs__store_flush_start: a thread syncing build_fd, and its errno */
    pthread_t flush_thread;
    int is_flushing, flush_errno;
    struct hs__state *state; /* borrowed: alerts live there (state.h) */
    hs__cache_slot cache[HS__CACHE_N];
    /* similar.c: the FTS5 porter tokenizer and our rank functions */
    int is_similar_ready;
    fts5_tokenizer porter_api;
    Fts5Tokenizer *porter;
    /* query/rank.c: hs_bm25's state, borrowed (FTS5 frees it) */
    struct hs__rank *rank;
    /* the terms of the documents an index run put (+1) or deleted (-1),
     * each once per document, so that hs__store_refresh_stats moves only
     * their counts after a small run; is_dirty_full: too many documents
     * (or a table emptied) to note */
    struct hs__dirty_term *dirty;
    size_t n_dirty, alloc_dirty, n_dirty_docs;
    int is_dirty_full;
    /* a first index run turned FTS5's automerge off until its optimize */
    int is_merge_deferred;
    fts5_tokenizer dirty_api;
    Fts5Tokenizer *dirty_tok;
};

/*
 * Get a cached statement, reset and with bindings cleared. Borrowed: valid
 * until the store is closed.
 */
int hs__store_stmt(hs_store *s, int which, sqlite3_stmt **out, hs_error *err);

/*
 * The same for HS__QSTMT_* `which`, whose SQL the caller gives (always
 * the same text for one label). Reset it when done with it: a statement
 * left on a row holds the connection's read transaction open.
 */
int hs__store_stmt_sql(hs_store *s, int which, const char *sql,
                       sqlite3_stmt **out, hs_error *err);

/* Map a SQLite result code to an HS_E* code and copy sqlite3_errmsg. */
int hs__store_err(hs_store *s, int rc, hs_error *err, const char *what);

int hs__store_exec(hs_store *s, const char *sql, hs_error *err);

/*
 * The object cached in `slot` (HS__CACHE_*), or NULL: none yet, or the
 * slot holds what the index says and another connection has committed
 * since (the old object is freed), or the store is not read-only. Read the
 * index after this call, not before, and hand what was read to
 * hs__store_cache_put: a commit in between then empties the slot at the
 * next get. Borrowed: valid until the next get or put of this slot, or
 * hs_store_close.
 */
void *hs__store_cache_get(hs_store *s, int slot);

/*
 * Keep `p` (allocated with malloc; release, if not NULL, frees what it
 * holds) in `slot` as of the last hs__store_cache_get of it, replacing
 * what was there. Returns p, borrowed as above; or NULL when the store
 * keeps no such cache, having released and freed p.
 */
void *hs__store_cache_put(hs_store *s, int slot, void *p,
                          hs__cache_release_fn *release);

/*
 * The texts hs__store_put writes for a record besides its columns: the
 * record as JSON and the FTS5 columns made of lists. Built from the record
 * alone, so an index run builds them on its parsing threads and leaves
 * the writer only the SQLite calls.
 */
typedef struct hs__store_texts {
    char *id; /* the record's id they were built with: JSON holds it */
    char *record, *timeline, *lessons, *labels, *facets;
} hs__store_texts;

void hs__store_texts_build(const hs_postmortem *pm, hs__store_texts *out);
void hs__store_texts_release(hs__store_texts *t);

/* Insert one record. `t`: its texts, or NULL to build them here; texts
 * built under another id than pm's are built again. */
int hs__store_put(hs_store *s, const hs_postmortem *pm,
                  const hs__store_texts *t, const char *abspath,
                  const char *root, const char *hash, int64_t size,
                  int64_t mtime, hs_error *err);
/* Delete one record and everything that hangs off it. */
int hs__store_delete(hs_store *s, int64_t rowid, hs_error *err);

/*
 * A store opened with HS_STORE_BUILD_ASIDE that is building its index in
 * PATH-new: make that file a WAL database, write it to disk and give it
 * PATH (refused if a file appeared there meanwhile), then go on with a
 * connection to PATH as hs_store_open would. A no-op for other stores.
 */
int hs__store_publish(hs_store *s, hs_error *err);

/*
 * Building aside, after a commit: start writing the file's pages to disk
 * on a thread of its own, so that most of the sync hs__store_publish must
 * do (hundreds of MB at 100k postmortems, from the FTS5 optimize) happens
 * while the caller goes on (the families). Publishing or closing waits for
 * it; a failure fails the publish. Not building aside: a no-op.
 */
void hs__store_flush_start(hs_store *s);

/* Attach the alerts database (PATH-alerts) if it is not yet; a read-only
 * store attaches it only if it exists (check has_alerts after). */
int hs__store_attach_alerts(hs_store *s, hs_error *err);

/* After an index run that changed documents: merge FTS5 segments when the
 * run was large, and recount term_df (after a small run, only the terms of
 * the documents it put or deleted). Inside the run's transaction. */
int hs__store_refresh_stats(hs_store *s, size_t changed, size_t total,
                            hs_error *err);
/* The run emptied a table: recount every term after it. */
void hs__store_note_all(hs_store *s);
/* Before an index run writes (in its transaction): let FTS5 gather more
 * of the run's terms in memory before it writes them out (and, into an
 * empty index, merge them only once, at the end), and start noting the
 * terms of the documents it changes. */
int hs__store_bulk_setup(hs_store *s, hs_error *err);
/* Bind a possibly-NULL string. */
int hs__bind_text(sqlite3_stmt *st, int i, const char *v);

#endif
