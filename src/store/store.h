/*
 * The index database: shared by store.c, index.c, search.c, report.c, cli.c,
 * alerts.c and the similarity files (similar*.c, related.c through
 * similar.h), which are the only files that include sqlite3.h. store.c
 * owns the connection, the schema and the prepared-statement cache.
 */
#ifndef HS_STORE_H
#define HS_STORE_H

#include "hindsight.h"
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
    XX(DATA_VERSION, "PRAGMA data_version")                                    \
    XX(ALL_FILES, "SELECT rowid, abspath, root FROM postmortems")

enum {
#define HS__STMT_ENUM(name, sql) HS__STMT_##name,
    HS__STMT_MAP(HS__STMT_ENUM)
#undef HS__STMT_ENUM
        HS__STMT_N
};

struct hs__concepts; /* query/concepts.c */

struct hs_store {
    sqlite3 *db;
    sqlite3_stmt *stmts[HS__STMT_N];
    int is_readonly;
    int has_alerts; /* PATH-alerts is attached as hs_alerts */
    int has_facets; /* fts has the facets column (schema 5, facets.h) */
    int count;      /* hs_store_count's last answer, -1 for none */
    sqlite3_int64 count_version; /* PRAGMA data_version it was read at */
    char *path;
    /* HS_STORE_BUILD_ASIDE: the file being built (PATH-new) and a
     * descriptor holding flock on it, until hs__store_publish; else NULL */
    char *build_path;
    int build_fd;
    struct hs__state *state; /* borrowed: alerts live there (state.h) */
    /* pages.c: label counts as "name\tcount\n" lines, kept like count
     * until data_version changes (read-only stores only); freed here */
    char *label_counts[2];
    sqlite3_int64 label_counts_version[2];
    /* report_page.c: actions.html's counts, kept the same way; freed here
     * through actions_free */
    void *actions;
    void (*actions_free)(void *);
    sqlite3_int64 actions_version;
    /* search.c: recent answers of a read-only store, kept until
     * data_version changes; freed here through search_cache_free */
    void *search_cache;
    void (*search_cache_free)(void *);
    /* similar.c: the FTS5 porter tokenizer and our rank functions */
    int is_similar_ready;
    fts5_tokenizer porter_api;
    Fts5Tokenizer *porter;
    /* query/concepts.c: the operations thesaurus, parsed on first use and
     * freed through concepts_free (the store does not know its shape) */
    struct hs__concepts *concepts;
    void (*concepts_free)(struct hs__concepts *);
};

/*
 * Get a cached statement, reset and with bindings cleared. Borrowed: valid
 * until the store is closed.
 */
int hs__store_stmt(hs_store *s, int which, sqlite3_stmt **out, hs_error *err);

/* Map a SQLite result code to an HS_E* code and copy sqlite3_errmsg. */
int hs__store_err(hs_store *s, int rc, hs_error *err, const char *what);

int hs__store_exec(hs_store *s, const char *sql, hs_error *err);

/* PRAGMA data_version: changes when another connection commits; -1 when
 * it cannot be read. */
sqlite3_int64 hs__store_data_version(hs_store *s);

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

/* Attach the alerts database (PATH-alerts) if it is not yet; a read-only
 * store attaches it only if it exists (check has_alerts after). */
int hs__store_attach_alerts(hs_store *s, hs_error *err);

/* After an index run that changed documents: merge FTS5 segments when the
 * run was large, and recount term_df. Inside the run's transaction. */
int hs__store_refresh_stats(hs_store *s, size_t changed, size_t total,
                            hs_error *err);
/* Bind a possibly-NULL string. */
int hs__bind_text(sqlite3_stmt *st, int i, const char *v);

#endif
