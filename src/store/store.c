/*
 * The index database: opening (with the schema created or migrated), the
 * prepared-statement cache, and putting, getting and deleting records.
 * Records are stored whole as JSON (for `show`) and in pieces (postmortem
 * columns, action items, labels, the FTS5 table) for queries. Nothing here
 * reads markdown or decides what a query means.
 */
#include "store/store.h"
#include "base/buf.h"
#include "base/error.h"
#include "base/text.h"
#include "base/thread.h"
#include "base/util.h"
#include "model/json.h"
#include "model/record.h"
#include "store/facets.h"
#include "store/index.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/banned.h"

#define HS_SCHEMA_VERSION 5
/*
 * The page cache of an HS_STORE_SERVE store, in KiB. serve's similar
 * incidents at 10k and 100k postmortems read 120-190 pages a question from
 * the file through SQLite's default 2 MiB (pages read before and pushed
 * out since; a pread and a copy each, a tenth of the question's CPU time),
 * none through 8 MiB once warm. Filled as pages are read: a worker that
 * reads little keeps little.
 */
#define SERVE_CACHE_KIB 8192

/* PRAGMA application_id of a hindsight index: "HsDb", so that file(1) and
 * hs_store_is_replaceable know the file without opening it */
#define HS_APPLICATION_ID 0x48734462

static const char *const schema_sql =
    "CREATE TABLE IF NOT EXISTS postmortems("
    "  rowid INTEGER PRIMARY KEY,"
    "  id TEXT NOT NULL UNIQUE,"
    "  path TEXT NOT NULL," /* as named in the index run, for display */
    "  abspath TEXT NOT NULL UNIQUE," /* identity of the file */
    "  root TEXT NOT NULL," /* the folder (or file) named in that run */
    "  hash TEXT NOT NULL,"
    "  size INTEGER NOT NULL,"
    "  mtime INTEGER NOT NULL,"
    "  title TEXT, date TEXT, severity INTEGER, duration INTEGER,"
    "  record TEXT NOT NULL);"
    "CREATE INDEX IF NOT EXISTS pm_date ON postmortems(date);"
    /* schema 3: the web view's lists and trends read these columns only;
     * the table's rows carry whole records (a full scan at 100k is 0.5 s) */
    "CREATE INDEX IF NOT EXISTS pm_list ON postmortems("
    "  date DESC, id, severity, duration, title);"
    "CREATE TABLE IF NOT EXISTS action_items("
    "  pm INTEGER NOT NULL REFERENCES postmortems(rowid) ON DELETE CASCADE,"
    "  seq INTEGER NOT NULL, action TEXT NOT NULL, owner TEXT, due TEXT,"
    "  status TEXT NOT NULL);"
    "CREATE INDEX IF NOT EXISTS ai_pm ON action_items(pm);"
    /* schema 4: the open items by due date and by owner, from which a page
     * of the action-item lists reads (query/report_page.c); they replace
     * ai_due */
    "DROP INDEX IF EXISTS ai_due;"
    "CREATE INDEX IF NOT EXISTS ai_open ON action_items(due, owner)"
    "  WHERE status != 'done';"
    "CREATE INDEX IF NOT EXISTS ai_owner ON action_items(owner, due)"
    "  WHERE status != 'done';"
    "CREATE TABLE IF NOT EXISTS labels("
    "  pm INTEGER NOT NULL REFERENCES postmortems(rowid) ON DELETE CASCADE,"
    "  kind TEXT NOT NULL, value TEXT NOT NULL);"
    /* schema 3: with pm, counting a label's postmortems (tags.html,
     * trends.html) reads this index alone; it replaces labels_value */
    "DROP INDEX IF EXISTS labels_value;"
    "CREATE INDEX IF NOT EXISTS labels_kvp ON labels(kind, value, pm);"
    "CREATE INDEX IF NOT EXISTS labels_pm ON labels(pm);"
    /* schema 5: facets holds the filter tokens of facets.c, so that
     * tag:, service:, sev:, owner:, since: and until: are words of the
     * same MATCH as the text (HS__FTS_FACETS_COL is its number) */
    "CREATE VIRTUAL TABLE IF NOT EXISTS fts USING fts5("
    "  title, summary, root_cause, impact, timeline, lessons, labels, body,"
    "  facets,"
    "  tokenize = 'porter unicode61 remove_diacritics 2');"
    "CREATE VIRTUAL TABLE IF NOT EXISTS fts_vocab USING fts5vocab(fts, 'row');"
    /* document frequencies, like sqlite_stat1 for the planner: fts_vocab
     * counts a term by reading its whole doclist, which for a common term
     * in a large index costs milliseconds; similar.c needs dozens */
    "CREATE TABLE IF NOT EXISTS term_df("
    "  term TEXT PRIMARY KEY, df INTEGER NOT NULL) WITHOUT ROWID;"
    /* schema 4: each postmortem's related ones (related.c), computed with
     * the families after an index run, read by the static and live pages;
     * by id, as a changed file's row gets a new rowid */
    "CREATE TABLE IF NOT EXISTS related("
    "  pm TEXT NOT NULL, rank INTEGER NOT NULL, other TEXT NOT NULL,"
    "  weight REAL NOT NULL, terms TEXT NOT NULL,"
    "  PRIMARY KEY(pm, rank)) WITHOUT ROWID;";

/* Set last, in the migration's transaction. */
/* clang-format off */
static const char *const version_sql =
    "PRAGMA application_id = " HS__STR(HS_APPLICATION_ID) ";"
    "PRAGMA user_version = " HS__STR(HS_SCHEMA_VERSION);
/* clang-format on */

/* Schema 1 had no term_df: created by schema_sql, filled from fts_vocab. */
static const char *const stats_sql = "DELETE FROM term_df;"
                                     "INSERT INTO term_df SELECT term, doc "
                                     "FROM fts_vocab;";

/*
 * Schema 5 added the fts column `facets`. FTS5 cannot add a column, so the
 * old table is renamed, the new one created by schema_sql and filled from
 * the old one's text and each stored record's facets (hs_facets below):
 * about the cost of the FTS part of an index run, once, and no file needs
 * to be read again. A read-only store of an older schema keeps working
 * through the labels tables (s->has_facets is 0).
 */
static const char *const facets_before_sql =
    "ALTER TABLE fts RENAME TO fts_v4;";
static const char *const facets_after_sql =
    "INSERT INTO fts(rowid, title, summary, root_cause, impact, timeline, "
    "  lessons, labels, body, facets) "
    "SELECT o.rowid, o.title, o.summary, o.root_cause, o.impact, o.timeline, "
    "  o.lessons, o.labels, o.body, hs_facets(p.record) "
    "FROM fts_v4 o JOIN postmortems p ON p.rowid = o.rowid;"
    "DROP TABLE fts_v4;";

/* hs_facets(record JSON) -> the facets column text of that record. */
static void sql_facets(sqlite3_context *ctx, int n, sqlite3_value **v) {
    hs_postmortem *pm;
    char *text;
    (void)n;
    pm = hs__postmortem_from_json((const char *)sqlite3_value_text(v[0]));
    if (!pm) {
        sqlite3_result_error(ctx, "a stored record is damaged", -1);
        return;
    }
    text = hs__facets_text(pm);
    sqlite3_result_text(ctx, text, -1, free);
    hs_postmortem_free(pm);
}

/*
 * Received alerts live in a database file of their own beside the index
 * (PATH-alerts), attached as hs_alerts: an index run holds the index's
 * write lock for its whole transaction, and the webhook must still be able
 * to record an alert in the meantime.
 */
static const char *const alerts_sql =
    "PRAGMA hs_alerts.journal_mode = WAL;"
    "PRAGMA hs_alerts.synchronous = NORMAL;"
    "CREATE TABLE IF NOT EXISTS hs_alerts.alerts("
    "  rowid INTEGER PRIMARY KEY,"
    "  key TEXT NOT NULL UNIQUE," /* source + fingerprint */
    "  source TEXT NOT NULL, title TEXT, service TEXT,"
    "  status TEXT NOT NULL," /* firing | resolved */
    "  first_seen TEXT NOT NULL, last_seen TEXT NOT NULL,"
    "  deliveries INTEGER NOT NULL DEFAULT 1,"
    "  incident TEXT NOT NULL," /* the symptoms as JSON */
    "  matches TEXT NOT NULL);" /* similar postmortems as JSON */
    "CREATE INDEX IF NOT EXISTS hs_alerts.alerts_seen ON alerts(last_seen);";

/*
 * The columns added to an alerts file since its first version, each added
 * when missing (a file of an older hindsight gets them, NULL in its rows).
 * starts_at: when the stored firing began; resolved_at: when it resolved
 * (the resolution's end, else when it was received). Both in UTC as
 * hs__time_utc writes them, so that a late firing can be told from a new
 * one. Two servers may add a column at once: the loser's "duplicate
 * column" is success.
 */
static int migrate_alerts(hs_store *s, hs_error *err) {
    static const char *const cols[] = {"starts_at", "resolved_at"};
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < HS_ARRAY_LEN(cols); i++) {
        sqlite3_stmt *st = NULL;
        int has = 0;
        rc = sqlite3_prepare_v2(s->db,
                                "SELECT 1 FROM pragma_table_info('alerts', "
                                "'hs_alerts') WHERE name = ?1",
                                -1, &st, NULL);
        if (rc == SQLITE_OK) {
            sqlite3_bind_text(st, 1, cols[i], -1, SQLITE_STATIC);
            rc = sqlite3_step(st);
            has = rc == SQLITE_ROW;
            rc = rc == SQLITE_ROW || rc == SQLITE_DONE ? SQLITE_OK : rc;
        }
        sqlite3_finalize(st);
        if (rc != SQLITE_OK)
            return hs__store_err(s, rc, err, "cannot read the alerts database");
        if (!has) {
            hs__buf sql = HS_BUF_INIT;
            hs__buf_printf(&sql,
                           "ALTER TABLE hs_alerts.alerts ADD COLUMN %s "
                           "TEXT",
                           cols[i]);
            rc = sqlite3_exec(s->db, sql.data, NULL, NULL, NULL);
            if (rc != SQLITE_OK &&
                strstr(sqlite3_errmsg(s->db), "duplicate column"))
                rc = SQLITE_OK;
            hs__buf_release(&sql);
            if (rc != SQLITE_OK)
                return hs__store_err(s, rc, err,
                                     "cannot update the alerts database");
        }
    }
    return 0;
}

/*
 * Attach PATH-alerts when first needed, never at open: BEGIN IMMEDIATE
 * (an index run) locks every attached database, which would block the
 * webhook for the whole run. Read-only stores attach it only if it exists.
 */
int hs__store_attach_alerts(hs_store *s, hs_error *err) {
    hs__buf p = HS_BUF_INIT;
    sqlite3_stmt *st;
    int rc;
    if (s->has_alerts)
        return 0;
    hs__buf_printf(&p, "%s-alerts", s->path);
    if (s->is_readonly && access(p.data, F_OK) != 0) {
        hs__buf_release(&p);
        return 0;
    }
    rc = sqlite3_prepare_v2(s->db, "ATTACH DATABASE ?1 AS hs_alerts", -1, &st,
                            NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(st, 1, p.data, -1, SQLITE_TRANSIENT);
        rc = sqlite3_step(st);
        sqlite3_finalize(st);
    }
    hs__buf_release(&p);
    if (rc != SQLITE_DONE)
        return hs__store_err(s, rc, err, "cannot open the alerts database");
    s->has_alerts = 1;
    if (s->is_readonly)
        return 0;
    rc = hs__store_exec(s, alerts_sql, err);
    return rc ? rc : migrate_alerts(s, err);
}

int hs__store_err(hs_store *s, int rc, hs_error *err, const char *what) {
    const char *msg = s && s->db ? sqlite3_errmsg(s->db) : sqlite3_errstr(rc);
    int code;
    switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        code = HS_EBUSY;
        break;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
        code = HS_ECORRUPT;
        break;
    case SQLITE_READONLY:
        code = HS_EREADONLY;
        break;
    case SQLITE_FULL:
        code = HS_EFULL;
        break;
    case SQLITE_CANTOPEN:
    case SQLITE_IOERR:
        code = HS_EIO;
        break;
    default:
        /* a damaged FTS5 table fails to load with a generic error */
        code = strstr(msg, "malformed") || strstr(msg, "vtable constructor")
                   ? HS_ECORRUPT
                   : HS_EDB;
    }
    if (code == HS_ECORRUPT)
        return hs__seterr(err, code,
                          "%s: index '%s' is damaged; rebuild it from the "
                          "markdown with 'hindsight index --full DIR'",
                          what, s && s->path ? s->path : "?");
    /* a writer of an index it may only read: the first statement to fail
     * may be a read (SQLite writes the WAL's index as it reads), so `what`
     * ('cannot read index') would send the user looking for damage */
    if (code == HS_EREADONLY && s && s->path && !s->is_readonly)
        return hs__seterr(err, code,
                          "cannot write index '%s': the file or its folder "
                          "is read-only to this user (%s)",
                          s->path, msg);
    /* SQLite's 'unable to open database file' and 'disk I/O error' say
     * neither which file nor why: --db in a folder that does not exist, or
     * a write past the file size limit (ulimit -f), is named by the
     * system's reason */
    if (code == HS_EIO && s && s->path) {
        int e = s->db ? sqlite3_system_errno(s->db) : 0;
        /* a failed write keeps its errno on the file it wrote, the
         * index or its WAL, not on the handle */
        if (!e && s->db)
            sqlite3_file_control(s->db, "main", SQLITE_FCNTL_LAST_ERRNO, &e);
        if (!e && s->db) {
            sqlite3_file *j = NULL;
            if (sqlite3_file_control(s->db, "main",
                                     SQLITE_FCNTL_JOURNAL_POINTER,
                                     &j) == SQLITE_OK &&
                j && j->pMethods)
                j->pMethods->xFileControl(j, SQLITE_FCNTL_LAST_ERRNO, &e);
        }
        return hs__seterr(err, code, "%s '%s': %s", what, s->path,
                          e ? strerror(e) : msg);
    }
    return hs__seterr(err, code, "%s: %s", what, msg);
}

int hs__store_exec(hs_store *s, const char *sql, hs_error *err) {
    int rc = sqlite3_exec(s->db, sql, NULL, NULL, NULL);
    if (rc != SQLITE_OK)
        return hs__store_err(s, rc, err, "cannot update index");
    return 0;
}

/*
 * After a run that changed `changed` of `total` documents: merge the FTS5
 * segments into one when the run rewrote a tenth of the index or more (a
 * fresh build leaves a dozen segments, and every query term is looked up in
 * each; merging 100k documents takes about 2 s, less than the segments
 * cost a day of queries), then recount term_df, exact, in the same
 * transaction (about 1 s per 100k documents).
 */
/*
 * term_df after a small run: only the terms of the documents it put or
 * deleted can have changed their counts, and each by the number of those
 * documents that hold it: +1 for a document put, -1 for one deleted (an
 * updated file is both). Moving the counts by these deltas gives what
 * fts_vocab would count, without reading a doclist: recounting a term
 * there reads its whole doclist (2.5 M instructions a term at 10k
 * postmortems, 344 terms after a one-file change: 16% of that run; ten
 * times that at 100k), and recounting all of them reads the whole index
 * (1.4 s of CPU at 100k). A run past DIRTY_DOCS_MAX documents, or a tenth
 * of the index, recounts every term from fts_vocab instead.
 */
#define DIRTY_DOCS_MAX 1000
#define DIRTY_TOKEN_MAX 32768 /* FTS5_MAX_TOKEN_SIZE */

static void dirty_release(hs_store *s) {
    for (size_t i = 0; i < s->n_dirty; i++)
        free(s->dirty[i].term);
    free(s->dirty);
    s->dirty = NULL;
    s->n_dirty = s->alloc_dirty = s->n_dirty_docs = 0;
    s->is_dirty_full = 0;
}

static int on_dirty_token(void *ctx, int flags, const char *tok, int n,
                          int start, int end) {
    hs_store *s = ctx;
    (void)flags;
    (void)start;
    (void)end;
    if (n > 0) {
        /* FTS5 stores a token cut at FTS5_MAX_TOKEN_SIZE bytes
         * (fts5StorageInsertCallback): the term it counts */
        if (n > DIRTY_TOKEN_MAX)
            n = DIRTY_TOKEN_MAX;
        HS_ALLOC_GROW(s->dirty, s->n_dirty + 1, s->alloc_dirty);
        s->dirty[s->n_dirty].term = hs__xstrndup(tok, (size_t)n);
        s->dirty[s->n_dirty++].delta = 0;
    }
    return SQLITE_OK;
}

/* The index's own tokenizer ('porter unicode61 remove_diacritics 2'). */
static int dirty_tokenizer(hs_store *s) {
    const char *args[] = {"unicode61", "remove_diacritics", "2"};
    fts5_api *api = NULL;
    sqlite3_stmt *st = NULL;
    void *api_ctx = NULL;
    if (s->dirty_tok)
        return 0;
    if (sqlite3_prepare_v2(s->db, "SELECT fts5(?1)", -1, &st, NULL) ==
        SQLITE_OK) {
        sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
        sqlite3_step(st);
    }
    sqlite3_finalize(st);
    if (!api ||
        api->xFindTokenizer(api, "porter", &api_ctx, &s->dirty_api) !=
            SQLITE_OK ||
        s->dirty_api.xCreate(api_ctx, args, 3, &s->dirty_tok) != SQLITE_OK) {
        s->dirty_tok = NULL;
        return -1;
    }
    return 0;
}

static int cmp_dirty(const void *a, const void *b) {
    return strcmp(((const struct hs__dirty_term *)a)->term,
                  ((const struct hs__dirty_term *)b)->term);
}

/* Note the terms of a document's FTS5 columns (n texts, NULLs skipped),
 * each once with `delta`: +1 for a document put, -1 for one deleted. */
static void note_terms(hs_store *s, const char *const *texts, size_t n,
                       int delta) {
    size_t first = s->n_dirty, kept = first;
    if (s->is_dirty_full)
        return;
    if (++s->n_dirty_docs > DIRTY_DOCS_MAX || dirty_tokenizer(s)) {
        s->is_dirty_full = 1;
        return;
    }
    for (size_t i = 0; i < n; i++)
        if (texts[i] && *texts[i])
            s->dirty_api.xTokenize(s->dirty_tok, s, FTS5_TOKENIZE_DOCUMENT,
                                   texts[i], (int)strlen(texts[i]),
                                   on_dirty_token);
    /* a document counts once for each term it holds, in any column */
    hs__qsort(s->dirty + first, s->n_dirty - first,
              sizeof(struct hs__dirty_term), cmp_dirty);
    for (size_t i = first; i < s->n_dirty; i++) {
        if (kept > first &&
            !strcmp(s->dirty[i].term, s->dirty[kept - 1].term)) {
            free(s->dirty[i].term);
            continue;
        }
        s->dirty[kept].term = s->dirty[i].term;
        s->dirty[kept++].delta = delta;
    }
    s->n_dirty = kept;
}

/* Note the terms of the FTS5 row `rowid`, before it is deleted. */
static int note_row(hs_store *s, int64_t rowid, hs_error *err) {
    sqlite3_stmt *st = NULL;
    int rc;
    if (s->is_dirty_full)
        return 0;
    if (sqlite3_prepare_v2(s->db,
                           "SELECT title, summary, root_cause, impact, "
                           "timeline, lessons, labels, body, facets FROM fts "
                           "WHERE rowid = ?1",
                           -1, &st, NULL) != SQLITE_OK) {
        s->is_dirty_full = 1; /* an older layout: recount every term */
        sqlite3_finalize(st);
        return 0;
    }
    sqlite3_bind_int64(st, 1, rowid);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        const char *t[9];
        for (int i = 0; i < 9; i++)
            t[i] = (const char *)sqlite3_column_text(st, i);
        note_terms(s, t, 9, -1);
        rc = SQLITE_DONE;
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0
                             : hs__store_err(s, rc, err, "cannot read index");
}

/* Move term_df by the noted deltas; a term no document holds any more
 * leaves it, as fts_vocab would not list it. */
static int refresh_dirty(hs_store *s, hs_error *err) {
    sqlite3_stmt *add = NULL, *del = NULL;
    int rc = SQLITE_OK;
    hs__qsort(s->dirty, s->n_dirty, sizeof(struct hs__dirty_term), cmp_dirty);
    if (sqlite3_prepare_v2(s->db,
                           "INSERT INTO term_df(term, df) VALUES (?1, ?2) "
                           "ON CONFLICT(term) DO UPDATE SET df = df + ?2",
                           -1, &add, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(s->db,
                           "DELETE FROM term_df WHERE term = ?1 AND df <= 0",
                           -1, &del, NULL) != SQLITE_OK)
        rc = sqlite3_errcode(s->db);
    for (size_t i = 0, j; rc == SQLITE_OK && i < s->n_dirty; i = j) {
        int delta = 0;
        for (j = i;
             j < s->n_dirty && !strcmp(s->dirty[j].term, s->dirty[i].term); j++)
            delta += s->dirty[j].delta;
        if (delta == 0) /* an updated file that kept the term */
            continue;
        sqlite3_bind_text(add, 1, s->dirty[i].term, -1, SQLITE_STATIC);
        sqlite3_bind_int(add, 2, delta);
        if (sqlite3_step(add) != SQLITE_DONE)
            rc = sqlite3_errcode(s->db);
        sqlite3_reset(add);
        if (rc == SQLITE_OK && delta < 0) {
            sqlite3_bind_text(del, 1, s->dirty[i].term, -1, SQLITE_STATIC);
            if (sqlite3_step(del) != SQLITE_DONE)
                rc = sqlite3_errcode(s->db);
            sqlite3_reset(del);
        }
    }
    sqlite3_finalize(add);
    sqlite3_finalize(del);
    return rc == SQLITE_OK ? 0
                           : hs__store_err(s, rc, err, "cannot update index");
}

/*
 * FTS5 merges segments as it writes them (automerge: four of a level into
 * one of the next), so a first index of 100k postmortems rewrote most of
 * its terms once or twice before the final optimize rewrote them all
 * again. Into an empty index, which always ends with that optimize, the
 * run turns automerge off and puts FTS5's default (AUTOMERGE) back after
 * the optimize, in the same transaction: 1.1 s less CPU of 11 s of FTS5
 * inserts at 100k (sqlite3 shell, the same texts), the same segment after
 * the optimize; at 10k the run writes one segment and nothing changes.
 */
#define AUTOMERGE 4

int hs__store_refresh_stats(hs_store *s, size_t changed, size_t total,
                            hs_error *err) {
    int rc = 0;
    if (changed && changed * 10 >= total)
        rc = hs__store_exec(s, "INSERT INTO fts(fts) VALUES('optimize')", err);
    if (rc == 0 && s->is_merge_deferred)
        rc = hs__store_exec(s,
                            "INSERT INTO fts(fts, rank) "
                            "VALUES('automerge', " HS__STR(AUTOMERGE) ")",
                            err);
    s->is_merge_deferred = 0;
    if (rc == 0 && changed)
        rc = changed * 10 >= total || s->is_dirty_full
                 ? hs__store_exec(s, stats_sql, err)
                 : refresh_dirty(s, err);
    dirty_release(s);
    return rc;
}

void hs__store_note_all(hs_store *s) {
    s->is_dirty_full = 1;
}

/*
 * FTS5 gathers the terms a transaction inserts in memory and writes them
 * out as a new segment whenever they reach its 'hashsize' (1 MiB by
 * default); the segments are then merged, level by level, and once more by
 * the optimize after a large run. A first index of 10k postmortems wrote
 * some 60 segments and spent a third of its FTS5 time merging them; with
 * HASH_BYTES it writes a few. The answers are the same; the memory of a
 * run at most HASH_BYTES more. Kept in the index's FTS5 config (fts_config),
 * written only when it differs.
 */
#define HASH_BYTES 33554432 /* 32 MiB */

int hs__store_bulk_setup(hs_store *s, hs_error *err) {
    sqlite3_stmt *st = NULL;
    int is_set = 0, rc;
    if (sqlite3_prepare_v2(
            s->db,
            "SELECT v = " HS__STR(HASH_BYTES) " FROM fts_config "
                                              "WHERE k = 'hashsize'",
            -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        is_set = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    dirty_release(s);
    s->is_merge_deferred = 0;
    /* into an empty index every term is new: no need to note them */
    if (sqlite3_prepare_v2(s->db, "SELECT 1 FROM postmortems LIMIT 1", -1, &st,
                           NULL) != SQLITE_OK ||
        sqlite3_step(st) != SQLITE_ROW)
        s->is_dirty_full = s->is_merge_deferred = 1;
    sqlite3_finalize(st);
    if (s->is_merge_deferred &&
        (rc = hs__store_exec(
             s, "INSERT INTO fts(fts, rank) VALUES('automerge', 0)", err)))
        return rc;
    if (is_set)
        return 0;
    return hs__store_exec(
        s,
        "INSERT INTO fts(fts, rank) VALUES('hashsize', " HS__STR(
            HASH_BYTES) ")",
        err);
}

/*
 * The statement cached in *slot, prepared from `sql` on first use, else
 * reset with its bindings cleared: the one body of hs__store_stmt and
 * hs__store_stmt_sql, which differ in where the SQL and the slot come from.
 */
static int cached_stmt(hs_store *s,
                       sqlite3_stmt **slot, /* IN/OUT: the cache's slot */
                       const char *sql,
                       sqlite3_stmt **out, /* OUT: ready to bind and step */
                       hs_error *err) {
    int rc;
    *out = NULL;
    if (!*slot) {
        rc = sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, slot,
                                NULL);
        if (rc != SQLITE_OK)
            return hs__store_err(s, rc, err, "cannot prepare query");
    } else {
        sqlite3_reset(*slot);
        sqlite3_clear_bindings(*slot);
    }
    *out = *slot;
    return 0;
}

int hs__store_stmt(hs_store *s, int which, sqlite3_stmt **out, hs_error *err) {
    static const char *const sql[] = {
#define HS__STMT_SQL(name, text) text,
        HS__STMT_MAP(HS__STMT_SQL)
#undef HS__STMT_SQL
    };
    if (which < 0 || which >= HS__STMT_N)
        HS_BUG("bad statement number");
    return cached_stmt(s, &s->stmts[which], sql[which], out, err);
}

int hs__store_stmt_sql(hs_store *s, int which, const char *sql,
                       sqlite3_stmt **out, hs_error *err) {
    if (which < 0 || which >= HS__QSTMT_N)
        HS_BUG("bad statement number");
    return cached_stmt(s, &s->qstmts[which], sql, out, err);
}

int hs__bind_text(sqlite3_stmt *st, int i, const char *v) {
    return v ? sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT)
             : sqlite3_bind_null(st, i);
}

/* Bind a possibly-NULL string that outlives the statement's step (it is
 * stepped and reset before the caller frees it): no copy. */
static int bind_static(sqlite3_stmt *st, int i, const char *v) {
    return v ? sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC)
             : sqlite3_bind_null(st, i);
}

/*
 * Schema versions an index may carry without our application_id: those
 * written before it was set. Every later index has it.
 */
#define HS_LEGACY_SCHEMA_MAX 2

/* The first column of the one row `sql` gives, as *out; a query that
 * fails or gives no row is an error ('cannot read index'). */
static int read_int(hs_store *s, const char *sql, int *out /* OUT */,
                    hs_error *err) {
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
    if (rc != SQLITE_OK)
        return hs__store_err(s, rc, err, "cannot read index");
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *out = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW)
        return hs__store_err(s, rc, err, "cannot read index");
    return 0;
}

/*
 * Someone else's SQLite file, not an index to create or update: tables
 * but no schema version, or a schema version with neither our
 * application_id nor (a legacy index) our postmortems table. Checked
 * before anything is written to it (even the switch to WAL changes its
 * header).
 */
static int refuse_foreign(hs_store *s, hs_error *err) {
    int is_foreign = 0;
    int rc = read_int(
        s,
        "WITH h(uv, app) AS (SELECT (SELECT user_version FROM "
        "pragma_user_version), (SELECT application_id FROM "
        "pragma_application_id)) "
        "SELECT (uv = 0 AND EXISTS (SELECT 1 FROM sqlite_master)) OR "
        "(uv > 0 AND app != " HS__STR(
            HS_APPLICATION_ID) " AND (app != 0 OR "
                               "uv > " HS__STR(
                                   HS_LEGACY_SCHEMA_MAX) " OR NOT EXISTS "
                                                         "(SELECT 1 FROM "
                                                         "sqlite_master WHERE "
                                                         "type = 'table' AND "
                                                         "name = "
                                                         "'postmortems'))) "
                                                         "FROM h",
        &is_foreign, err);
    if (rc)
        return rc;
    if (is_foreign)
        return hs__seterr(err, HS_EFORMAT,
                          "'%s' is an SQLite database but not a hindsight "
                          "index; give --db another path",
                          s->path);
    return 0;
}

/* A big-endian 32-bit field of the database header. */
static uint32_t header_u32(const unsigned char *h) {
    return (uint32_t)h[0] << 24 | (uint32_t)h[1] << 16 | (uint32_t)h[2] << 8 |
           h[3];
}

/*
 * Does the file at `path` look like a hindsight index, read from its
 * 100-byte SQLite header without trusting the rest (it may be damaged):
 * our application_id, or an index written before it was set (schema
 * version 1..HS_LEGACY_SCHEMA_MAX), or a header with no version yet beside a
 * -wal file (an index created by a run killed before its first checkpoint).
 */
static int header_is_index(const char *path, const unsigned char *h) {
    uint32_t version = header_u32(h + 60), app = header_u32(h + 68);
    hs__buf wal = HS_BUF_INIT;
    int has_wal;
    if (memcmp(h, "SQLite format 3", 16))
        return 0;
    if (app == HS_APPLICATION_ID)
        return 1;
    if (app != 0)
        return 0;
    if (version >= 1 && version <= HS_LEGACY_SCHEMA_MAX)
        return 1;
    hs__buf_printf(&wal, "%s-wal", path);
    has_wal = version == 0 && access(wal.data, F_OK) == 0;
    hs__buf_release(&wal);
    return has_wal;
}

int hs_store_is_replaceable(const char *path, hs_error *err) {
    unsigned char h[100];
    struct stat st = {0};
    ssize_t n = 0;
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK), is_index;
    if (fd < 0)
        return errno == ENOENT ? 0
                               : hs__seterr(err, HS_EIO, "cannot read '%s': %s",
                                            path, strerror(errno));
    if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0)
        n = read(fd, h, sizeof(h));
    close(fd);
    is_index = n == (ssize_t)sizeof(h) && header_is_index(path, h);
    if (S_ISREG(st.st_mode) && (st.st_size == 0 || is_index))
        return 0;
    return hs__seterr(err, HS_EFORMAT,
                      "'%s' is not a hindsight index; refusing to replace it "
                      "(give --db another path)",
                      path);
}

/* Create or check the schema. */
static int store_migrate(hs_store *s, hs_error *err) {
    int version = 0, rc = read_int(s, "PRAGMA user_version", &version, err);
    if (rc)
        return rc;
    if (version > HS_SCHEMA_VERSION)
        return hs__seterr(err, HS_EDB,
                          "index '%s' was written by a newer hindsight "
                          "(schema %d, this one knows %d)",
                          s->path, version, HS_SCHEMA_VERSION);
    /*
     * An empty file (`touch hindsight.db`, a copy cut short) opens as a
     * database with no tables: a reader said "no such table: fts".
     */
    if (version == 0 && s->is_readonly)
        return hs__seterr(err, HS_ENOTFOUND,
                          "index '%s' is empty (run 'hindsight index DIR' "
                          "first)",
                          s->path);
    s->has_facets = version >= 5 || version == 0;
    if (version == HS_SCHEMA_VERSION || s->is_readonly)
        return 0;
    rc = hs__store_exec(s, "BEGIN IMMEDIATE", err);
    if (rc == 0 && version > 0 && version < 5)
        rc = hs__store_exec(s, facets_before_sql, err);
    if (rc == 0)
        rc = hs__store_exec(s, schema_sql, err);
    if (rc == 0 && version > 0 && version < 5) {
        rc = sqlite3_create_function(s->db, "hs_facets", 1, SQLITE_UTF8, NULL,
                                     sql_facets, NULL, NULL);
        rc = rc == SQLITE_OK
                 ? hs__store_exec(s, facets_after_sql, err)
                 : hs__store_err(s, rc, err, "cannot migrate index");
    }
    if (rc == 0 && version > 0)
        rc = hs__store_exec(s, stats_sql, err);
    if (rc == 0)
        rc = hs__store_exec(s, version_sql, err);
    if (rc == 0)
        rc = hs__store_exec(s, "COMMIT", err);
    else
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    if (rc == 0)
        s->has_facets = 1;
    return rc;
}

/*
 * The file did not open as an index: a damaged index is rebuilt by
 * index --full, but a file that is not an index at all must never be
 * offered for replacing. A reader (`is_readonly`) replaces nothing, so
 * its message does not say it refuses to. Returns the code set in err.
 */
static int damaged_or_foreign(const char *path, int is_readonly,
                              hs_error *err) {
    hs_error probe = {0, ""};
    if (hs_store_is_replaceable(path, &probe) != 0) {
        if (is_readonly && probe.code == HS_EFORMAT)
            return hs__seterr(err, HS_EFORMAT,
                              "'%s' is not a hindsight index; give --db "
                              "another path",
                              path);
        if (err)
            *err = probe;
        return probe.code;
    }
    return hs__seterr(err, HS_ECORRUPT,
                      "index '%s' is damaged; rebuild it with "
                      "'hindsight index --full DIR'",
                      path);
}

/*
 * A reader of a WAL database creates PATH-shm, which a user who may read
 * but not write the index's folder cannot do ("attempt to write a readonly
 * database"). When no index run is in progress or was cut short (no
 * PATH-wal with frames in it), the main file holds the whole index, and
 * SQLite may read it as immutable, with no -shm and no locks. Otherwise
 * `rc` stands: reading it without the WAL would give an old answer.
 */
static int reopen_immutable(hs_store *s, int rc, hs_error *err) {
    hs__buf uri = HS_BUF_INIT, wal = HS_BUF_INIT;
    struct stat st;
    int step;
    hs__buf_printf(&wal, "%s-wal", s->path);
    if (stat(wal.data, &st) == 0 && st.st_size > 0)
        goto out;
    /* file:///abs/path or file:rel/path, every other byte %-escaped */
    hs__buf_puts(&uri, s->path[0] == '/' ? "file://" : "file:");
    for (const unsigned char *p = (const unsigned char *)s->path; *p; p++) {
        if (hs__isalnum(*p) || strchr("/._-", *p))
            hs__buf_putc(&uri, *p);
        else
            hs__buf_printf(&uri, "%%%02X", *p);
    }
    hs__buf_puts(&uri, "?immutable=1");
    sqlite3_close(s->db);
    s->db = NULL;
    step = sqlite3_open_v2(
        uri.data, &s->db,
        SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, NULL);
    if (step != SQLITE_OK) {
        rc = hs__store_err(s, step, err, "cannot open index");
        goto out;
    }
    sqlite3_extended_result_codes(s->db, 1);
    if (err)
        err->code = 0;
    rc = refuse_foreign(s, err);
out:
    hs__buf_release(&uri);
    hs__buf_release(&wal);
    return rc;
}

/* Is the file empty or an SQLite database (a run's that was killed)? */
static int is_sqlite_or_empty(int fd) {
    char h[16];
    ssize_t n = pread(fd, h, sizeof(h), 0);
    return n == 0 ||
           (n == (ssize_t)sizeof(h) && !memcmp(h, "SQLite format 3", 16));
}

/*
 * HS_STORE_BUILD_ASIDE with no index at s->path: build it in PATH-new,
 * held with flock. Another first run holding it is waited for as SQLite
 * waits for a lock (up to 5 s); when it has put its index in place, this
 * run updates that one. A file left there by a killed run is emptied.
 * Returns 0, building aside or not, or HS_EBUSY.
 */
static int begin_aside(hs_store *s, hs_error *err) {
    hs__buf p = HS_BUF_INIT;
    struct stat st;
    int fd, waited = 0, is_locked = 0;
    hs__buf_printf(&p, "%s-new", s->path);
    fd = open(p.data, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
    while (fd >= 0 && !(is_locked = flock(fd, LOCK_EX | LOCK_NB) == 0) &&
           errno == EWOULDBLOCK) {
        if (waited++ >= 100) {
            close(fd);
            hs__buf_release(&p);
            return hs__seterr(err, HS_EBUSY,
                              "index '%s' is locked: another index run is "
                              "building it",
                              s->path);
        }
        usleep(50000);
    }
    if (fd >= 0 && (!is_locked || !is_sqlite_or_empty(fd))) {
        /* no flock here, or a file of the user's by that name: left alone,
         * and the index is built in place */
        close(fd);
        fd = -1;
    }
    if (fd >= 0 && lstat(s->path, &st) == 0) {
        /* the other run's index is in place: index into it as ever */
        unlink(p.data);
        close(fd);
        fd = -1;
    }
    if (fd >= 0 && ftruncate(fd, 0) != 0) {
        close(fd);
        fd = -1;
    }
    if (fd < 0) {
        hs__buf_release(&p);
        return 0;
    }
    s->build_fd = fd;
    s->build_path = hs__buf_detach(&p, NULL);
    return 0;
}

/*
 * Open the connection to `file` with the settings of every store: an
 * index being built aside has no journal (the file is thrown away if the
 * run fails) and no other connection; any other writes through a WAL.
 */
static int connect_db(hs_store *s, const char *file, int oflags,
                      hs_error *err) {
    int rc = sqlite3_open_v2(file, &s->db, oflags | SQLITE_OPEN_NOMUTEX, NULL);
    if (rc != SQLITE_OK)
        return hs__store_err(s, rc, err, "cannot open index");
    sqlite3_busy_timeout(s->db, 5000);
    sqlite3_extended_result_codes(s->db, 1);
    rc = refuse_foreign(s, err);
    if (s->is_readonly && (rc == HS_EREADONLY || rc == HS_EIO))
        rc = reopen_immutable(s, rc, err);
    if (rc == 0 && s->build_path)
        rc = hs__store_exec(s,
                            "PRAGMA journal_mode = OFF;"
                            "PRAGMA synchronous = OFF;"
                            "PRAGMA locking_mode = EXCLUSIVE",
                            err);
    else if (rc == 0 && !s->is_readonly)
        rc = hs__store_exec(s,
                            "PRAGMA journal_mode = WAL;"
                            "PRAGMA synchronous = NORMAL",
                            err);
    if (rc == 0)
        rc = hs__store_exec(s, "PRAGMA foreign_keys = ON", err);
    return rc;
}

int hs_store_open(const char *path, unsigned flags, hs_store **out,
                  hs_error *err) {
    hs_store *s;
    struct stat st;
    int rc, oflags;
    *out = NULL;
    if (!path || !*path)
        return hs__seterr(err, HS_EINVAL, "no index path given");
    /*
     * SQLite says only "disk I/O error" for a folder, without its name;
     * a FIFO would block it in open() for ever, and a device (/dev/null)
     * reads as an empty database that no write reaches.
     */
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode))
        return hs__seterr(
            err, HS_EINVAL, "index '%s' is %s: --db names the index file", path,
            S_ISDIR(st.st_mode) ? "a directory" : "not a regular file");
    if ((flags & HS_STORE_READONLY) && access(path, F_OK) != 0) {
        /* a link loop or a folder that cannot be searched is no missing
         * index: say what stops the open */
        if (errno != ENOENT)
            return hs__seterr(err, HS_EIO, "cannot open index '%s': %s", path,
                              strerror(errno));
        return hs__seterr(err, HS_ENOTFOUND,
                          "no index at '%s' (run 'hindsight index DIR' first)",
                          path);
    }
    s = hs__xcalloc(1, sizeof(*s));
    s->path = hs__xstrdup(path);
    for (int i = 0; i < HS__CACHE_N; i++)
        s->cache[i].version = -1;
    s->build_fd = -1;
    s->is_readonly = (flags & HS_STORE_READONLY) != 0;
    oflags = s->is_readonly ? SQLITE_OPEN_READONLY
                            : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
    rc = (flags & HS_STORE_BUILD_ASIDE) && !s->is_readonly &&
                 lstat(path, &st) != 0 && errno == ENOENT
             ? begin_aside(s, err)
             : 0;
    if (rc == 0)
        rc = connect_db(s, s->build_path ? s->build_path : path, oflags, err);
    if (rc == 0)
        rc = store_migrate(s, err);
    if (rc == 0 && s->is_readonly && (flags & HS_STORE_SERVE))
        rc = hs__store_exec(s, "PRAGMA cache_size = -" HS__STR(SERVE_CACHE_KIB),
                            err);
    if (rc != 0)
        goto fail;
    *out = s;
    return 0;
fail:
    if (rc == HS_ECORRUPT)
        rc = damaged_or_foreign(path, s->is_readonly, err);
    hs_store_close(s);
    return rc;
}

/* Free what slot c holds and empty it. */
static void cache_empty(hs__cache_slot *c) {
    if (c->p && c->release)
        c->release(c->p);
    free(c->p);
    c->p = NULL;
}

/* Close the connection and forget what was prepared on it. */
static void disconnect(hs_store *s) {
    for (int i = 0; i < HS__STMT_N; i++) {
        sqlite3_finalize(s->stmts[i]);
        s->stmts[i] = NULL;
    }
    for (int i = 0; i < HS__QSTMT_N; i++) {
        sqlite3_finalize(s->qstmts[i]);
        s->qstmts[i] = NULL;
    }
    if (s->porter)
        s->porter_api.xDelete(s->porter);
    s->porter = NULL;
    if (s->dirty_tok)
        s->dirty_api.xDelete(s->dirty_tok);
    s->dirty_tok = NULL;
    dirty_release(s);
    s->is_merge_deferred = 0;
    s->is_similar_ready = 0;
    s->rank = NULL; /* freed with the connection */
    sqlite3_close(s->db);
    s->db = NULL;
}

static void *flush_main(void *arg) {
    hs_store *s = arg;
    s->flush_errno = fdatasync(s->build_fd) == 0 ? 0 : errno;
    return NULL;
}

void hs__store_flush_start(hs_store *s) {
    if (!s->build_path || s->is_flushing)
        return;
    s->is_flushing = hs__thread_start(&s->flush_thread, flush_main, s) == 0;
}

/* Wait for hs__store_flush_start's thread; its errno, or 0. */
static int flush_wait(hs_store *s) {
    if (s->is_flushing) {
        pthread_join(s->flush_thread, NULL);
        s->is_flushing = 0;
    }
    return s->flush_errno;
}

/* Stop building aside: the file goes unless it was given PATH. */
static void end_aside(hs_store *s, int is_published) {
    if (!s->build_path)
        return;
    flush_wait(s);
    unlink(s->build_path);
    if (!is_published) {
        hs__buf p = HS_BUF_INIT;
        hs__buf_printf(&p, "%s-wal", s->build_path);
        unlink(p.data);
        hs__buf_release(&p);
    }
    close(s->build_fd); /* after SQLite's: closing drops its locks */
    s->build_fd = -1;
    HS_FREE_AND_NULL(s->build_path);
}

int hs__store_publish(hs_store *s, hs_error *err) {
    int rc;
    if (!s->build_path)
        return 0;
    /* WAL is written into the file's header; the empty WAL goes at close */
    rc = hs__store_exec(s, "PRAGMA journal_mode = WAL", err);
    if (rc)
        return rc;
    disconnect(s);
    /* an error the early sync saw is not reported to this fd again */
    if (flush_wait(s) != 0)
        rc = hs__seterr(err, HS_EIO, "cannot write index '%s': %s",
                        s->build_path, strerror(s->flush_errno));
    else if (fsync(s->build_fd) != 0)
        rc = hs__seterr(err, HS_EIO, "cannot write index '%s': %s",
                        s->build_path, strerror(errno));
    else if (link(s->build_path, s->path) != 0)
        rc = errno == EEXIST
                 ? hs__seterr(err, HS_EBUSY,
                              "cannot put the new index at '%s': another "
                              "run created it meanwhile; run index again",
                              s->path)
                 : hs__seterr(err, HS_EIO,
                              "cannot put the new index at '%s': %s", s->path,
                              strerror(errno));
    end_aside(s, rc == 0);
    if (rc == 0)
        rc = connect_db(s, s->path, SQLITE_OPEN_READWRITE, err);
    return rc;
}

void hs_store_close(hs_store *s) {
    if (!s)
        return;
    for (int i = 0; i < HS__CACHE_N; i++)
        cache_empty(&s->cache[i]);
    disconnect(s);
    end_aside(s, 0);
    free(s->path);
    free(s);
}

/* PRAGMA data_version: changes when another connection commits; -1 when
 * it cannot be read. */
static sqlite3_int64 data_version(hs_store *s) {
    sqlite3_stmt *st;
    sqlite3_int64 version = -1;
    if (hs__store_stmt(s, HS__STMT_DATA_VERSION, &st, NULL) != 0)
        return -1;
    if (sqlite3_step(st) == SQLITE_ROW)
        version = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    return version;
}

static const unsigned char cache_is_indexed[HS__CACHE_N] = {
#define HS__CACHE_INDEXED(name, is_indexed) is_indexed,
    HS__CACHE_MAP(HS__CACHE_INDEXED)
#undef HS__CACHE_INDEXED
};

void *hs__store_cache_get(hs_store *s, int slot) {
    hs__cache_slot *c = &s->cache[slot];
    if (cache_is_indexed[slot]) {
        sqlite3_int64 version = s->is_readonly ? data_version(s) : -1;
        if (version < 0 || version != c->version)
            cache_empty(c);
        c->version = version;
    }
    return c->p;
}

void *hs__store_cache_put(hs_store *s, int slot, void *p,
                          hs__cache_release_fn *release) {
    hs__cache_slot *c = &s->cache[slot];
    cache_empty(c);
    c->p = p;
    c->release = release;
    if (cache_is_indexed[slot] && c->version < 0)
        cache_empty(c);
    return c->p;
}

/*
 * The count is kept until another connection commits (PRAGMA data_version
 * changes), since count(*) walks a whole index and /api/health asks often.
 */
int hs_store_count(hs_store *s, hs_error *err) {
    sqlite3_stmt *st;
    int *kept = hs__store_cache_get(s, HS__CACHE_COUNT);
    int rc;
    if (kept)
        return *kept;
    rc = hs__store_stmt(s, HS__STMT_COUNT, &st, err);
    if (rc)
        return rc;
    rc = sqlite3_step(st);
    if (rc != SQLITE_ROW)
        return hs__store_err(s, rc, err, "cannot count postmortems");
    rc = sqlite3_column_int(st, 0);
    sqlite3_reset(st);
    kept =
        hs__store_cache_put(s, HS__CACHE_COUNT, hs__xmalloc(sizeof(int)), NULL);
    if (kept)
        *kept = rc;
    return rc;
}

int hs_store_has_label(hs_store *s, int is_service, const char *name,
                       hs_error *err) {
    sqlite3_stmt *st;
    int rc = hs__store_stmt(s, HS__STMT_HAS_LABEL, &st, err);
    if (rc)
        return rc;
    hs__bind_text(st, 1, is_service ? "service" : "tag");
    hs__bind_text(st, 2, name);
    rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc == SQLITE_ROW)
        return 1;
    return rc == SQLITE_DONE ? 0
                             : hs__store_err(s, rc, err, "cannot read labels");
}

int hs__store_long_slug(hs_store *s, int kind, const char *slug, size_t len,
                        hs__buf *out, hs_error *err) {
    hs__buf prefix = HS_BUF_INIT, cand = HS_BUF_INIT;
    sqlite3_stmt *st;
    int rc, found = 0;
    if (hs__slug_long_prefix(slug, len, &prefix) != 0) {
        hs__buf_release(&prefix);
        return 0;
    }
    rc = hs__store_stmt(s, kind ? HS__STMT_LABELS_FROM : HS__STMT_IDS_FROM, &st,
                        err);
    if (rc) {
        hs__buf_release(&prefix);
        return rc;
    }
    if (kind) {
        hs__bind_text(st, 1, kind == 2 ? "service" : "tag");
        hs__bind_text(st, 2, prefix.data);
    } else {
        hs__bind_text(st, 1, prefix.data);
    }
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *v = (const char *)sqlite3_column_text(st, 0);
        if (!v || strncmp(v, prefix.data, prefix.len))
            break; /* past the values that start with it */
        hs__buf_reset(&cand);
        hs__slug(v, &cand);
        if (cand.len == len && !memcmp(cand.data, slug, len)) {
            hs__buf_puts(out, v);
            found = 1;
            break;
        }
    }
    rc = rc == SQLITE_ROW || rc == SQLITE_DONE
             ? found
             : hs__store_err(s, rc, err, "cannot read the index");
    sqlite3_reset(st);
    hs__buf_release(&prefix);
    hs__buf_release(&cand);
    return rc;
}

int hs_store_get(hs_store *s, const char *id, hs_postmortem **out,
                 hs_error *err) {
    sqlite3_stmt *st;
    int rc;
    *out = NULL;
    rc = hs__store_stmt(s, HS__STMT_GET_RECORD, &st, err);
    if (rc)
        return rc;
    hs__bind_text(st, 1, id);
    rc = sqlite3_step(st);
    if (rc == SQLITE_DONE) {
        sqlite3_reset(st);
        return hs__seterr(err, HS_ENOTFOUND, "no postmortem with id '%s'", id);
    }
    if (rc != SQLITE_ROW)
        return hs__store_err(s, rc, err, "cannot read postmortem");
    *out = hs__postmortem_from_json((const char *)sqlite3_column_text(st, 0));
    sqlite3_reset(st);
    if (!*out)
        return hs__seterr(err, HS_ECORRUPT, "stored record of '%s' is damaged",
                          id);
    return 0;
}

/* Run a statement that returns no rows. */
static int step_done(hs_store *s, sqlite3_stmt *st, hs_error *err) {
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return hs__store_err(s, rc, err, "cannot update index");
    return 0;
}

int hs__store_delete(hs_store *s, int64_t rowid, hs_error *err) {
    static const int which[] = {HS__STMT_DELETE_FTS, HS__STMT_DELETE_AI,
                                HS__STMT_DELETE_LABELS, HS__STMT_DELETE_PM};
    int rc = note_row(s, rowid, err);
    for (size_t i = 0; i < HS_ARRAY_LEN(which) && rc == 0; i++) {
        sqlite3_stmt *st;
        rc = hs__store_stmt(s, which[i], &st, err);
        if (rc == 0) {
            sqlite3_bind_int64(st, 1, rowid);
            rc = step_done(s, st, err);
        }
    }
    return rc;
}

/* Text of a list joined by newlines, into a new string. */
static char *joined(const hs_strlist *a, const hs_strlist *b,
                    const hs_strlist *c) {
    size_t len = 1;
    const hs_strlist *lists[3] = {a, b, c};
    char *out, *p;
    for (int k = 0; k < 3; k++)
        if (lists[k])
            for (size_t i = 0; i < lists[k]->n; i++)
                len += strlen(lists[k]->v[i]) + 1;
    out = p = hs__xmalloc(len);
    for (int k = 0; k < 3; k++)
        if (lists[k])
            for (size_t i = 0; i < lists[k]->n; i++) {
                size_t n = strlen(lists[k]->v[i]);
                memcpy(p, lists[k]->v[i], n);
                p += n;
                *p++ = '\n';
            }
    *p = '\0';
    return out;
}

static char *timeline_text(const hs_postmortem *pm) {
    size_t len = 1;
    char *out, *p;
    for (size_t i = 0; i < pm->n_timeline; i++)
        len += strlen(pm->timeline[i].time) + strlen(pm->timeline[i].event) + 2;
    out = p = hs__xmalloc(len);
    for (size_t i = 0; i < pm->n_timeline; i++) {
        size_t n = strlen(pm->timeline[i].time);
        memcpy(p, pm->timeline[i].time, n);
        p += n;
        *p++ = ' ';
        n = strlen(pm->timeline[i].event);
        memcpy(p, pm->timeline[i].event, n);
        p += n;
        *p++ = '\n';
    }
    *p = '\0';
    return out;
}

static int put_labels(hs_store *s, int64_t rowid, const char *kind,
                      const hs_strlist *l, hs_error *err) {
    int rc = 0;
    for (size_t i = 0; i < l->n && rc == 0; i++) {
        sqlite3_stmt *st;
        rc = hs__store_stmt(s, HS__STMT_INSERT_LABEL, &st, err);
        if (rc == 0) {
            sqlite3_bind_int64(st, 1, rowid);
            bind_static(st, 2, kind);
            bind_static(st, 3, l->v[i]);
            rc = step_done(s, st, err);
        }
    }
    return rc;
}

void hs__store_texts_build(const hs_postmortem *pm, hs__store_texts *out) {
    out->id = hs__xstrdup(pm->id ? pm->id : "");
    out->record = hs_postmortem_to_json(pm, 0);
    out->timeline = timeline_text(pm);
    out->lessons = joined(&pm->lessons, &pm->went_well, &pm->went_wrong);
    out->labels = joined(&pm->tags, &pm->auto_tags, &pm->services);
    out->facets = hs__facets_text(pm);
}

void hs__store_texts_release(hs__store_texts *t) {
    if (!t)
        return;
    free(t->id);
    free(t->record);
    free(t->timeline);
    free(t->lessons);
    free(t->labels);
    free(t->facets);
    memset(t, 0, sizeof(*t));
}

int hs__store_put(hs_store *s, const hs_postmortem *pm,
                  const hs__store_texts *t, const char *abspath,
                  const char *root, const char *hash, int64_t size,
                  int64_t mtime, hs_error *err) {
    sqlite3_stmt *st;
    hs__store_texts own = {0};
    int64_t rowid = 0;
    int rc = hs__store_stmt(s, HS__STMT_INSERT_PM, &st, err);
    if (!t || !t->record || strcmp(t->id, pm->id ? pm->id : "")) {
        hs__store_texts_build(pm, &own);
        t = &own;
    }
    if (rc == 0) {
        bind_static(st, 1, pm->id);
        bind_static(st, 2, pm->path);
        bind_static(st, 3, abspath);
        bind_static(st, 4, root);
        bind_static(st, 5, hash);
        sqlite3_bind_int64(st, 6, size);
        sqlite3_bind_int64(st, 7, mtime);
        bind_static(st, 8, pm->title);
        bind_static(st, 9, *pm->date ? pm->date : NULL);
        if (pm->severity)
            sqlite3_bind_int(st, 10, pm->severity);
        if (pm->duration_minutes >= 0)
            sqlite3_bind_int(st, 11, pm->duration_minutes);
        bind_static(st, 12, t->record);
        rc = step_done(s, st, err);
        rowid = sqlite3_last_insert_rowid(s->db);
    }
    if (rc == 0)
        rc = hs__store_stmt(s, HS__STMT_INSERT_FTS, &st, err);
    if (rc == 0) {
        sqlite3_bind_int64(st, 1, rowid);
        bind_static(st, 2, pm->title);
        bind_static(st, 3, pm->summary);
        bind_static(st, 4, pm->root_cause);
        bind_static(st, 5, pm->impact);
        bind_static(st, 6, t->timeline);
        bind_static(st, 7, t->lessons);
        bind_static(st, 8, t->labels);
        bind_static(st, 9, pm->body);
        bind_static(st, 10, t->facets);
        rc = step_done(s, st, err);
    }
    if (rc == 0 && !s->is_dirty_full) {
        const char *texts[] = {pm->title,  pm->summary, pm->root_cause,
                               pm->impact, t->timeline, t->lessons,
                               t->labels,  pm->body,    t->facets};
        note_terms(s, texts, HS_ARRAY_LEN(texts), 1);
    }
    for (size_t i = 0; i < pm->n_actions && rc == 0; i++) {
        const hs_action_item *a = &pm->actions[i];
        rc = hs__store_stmt(s, HS__STMT_INSERT_AI, &st, err);
        if (rc == 0) {
            sqlite3_bind_int64(st, 1, rowid);
            sqlite3_bind_int64(st, 2, (int64_t)i);
            bind_static(st, 3, a->action);
            bind_static(st, 4, a->owner);
            bind_static(st, 5, *a->due ? a->due : NULL);
            bind_static(st, 6, hs_status_name(a->status));
            rc = step_done(s, st, err);
        }
    }
    if (rc == 0)
        rc = put_labels(s, rowid, "tag", &pm->tags, err);
    if (rc == 0)
        rc = put_labels(s, rowid, "tag", &pm->auto_tags, err);
    if (rc == 0)
        rc = put_labels(s, rowid, "service", &pm->services, err);
    hs__store_texts_release(&own);
    return rc;
}

/* The order of every walk: newest first, undated last, then by id. */
#define EACH_ORDER " ORDER BY date IS NULL, date DESC, id"

/* A record of the columns only (hs__store_each_brief). */
static hs_postmortem *brief_of(sqlite3_stmt *st) {
    hs_postmortem *pm = hs__pm_new();
    const char *id = (const char *)sqlite3_column_text(st, 0);
    const char *title = (const char *)sqlite3_column_text(st, 1);
    const char *date = (const char *)sqlite3_column_text(st, 2);
    pm->id = hs__xstrdup(id ? id : "");
    pm->title = title ? hs__xstrdup(title) : NULL;
    if (date && strlen(date) < HS_DATE_LEN)
        memcpy(pm->date, date, strlen(date) + 1);
    pm->severity = sqlite3_column_int(st, 3);
    if (sqlite3_column_type(st, 4) != SQLITE_NULL)
        pm->duration_minutes = sqlite3_column_int(st, 4);
    return pm;
}

static int each(hs_store *s, const char *id, int is_brief, hs_store_each_fn *fn,
                void *ctx, hs_error *err) {
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(
        s->db,
        is_brief ? "SELECT id, title, date, severity, duration, abspath "
                   "FROM postmortems" EACH_ORDER
        : id     ? "SELECT record, abspath FROM postmortems WHERE id = ?1"
                 : "SELECT record, abspath FROM postmortems" EACH_ORDER,
        -1, &st, NULL);
    int step, col = is_brief ? 5 : 1;
    if (rc != SQLITE_OK)
        return hs__store_err(s, rc, err, "cannot read postmortems");
    if (id)
        sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
    rc = 0;
    while (rc == 0 && (step = sqlite3_step(st)) == SQLITE_ROW) {
        hs_postmortem *pm = is_brief
                                ? brief_of(st)
                                : hs__postmortem_from_json(
                                      (const char *)sqlite3_column_text(st, 0));
        if (!pm) {
            rc = hs__seterr(err, HS_ECORRUPT, "a stored record is damaged");
            break;
        }
        rc = fn(ctx, pm, (const char *)sqlite3_column_text(st, col));
    }
    if (rc == 0 && step != SQLITE_DONE)
        rc = hs__store_err(s, step, err, "cannot read postmortems");
    sqlite3_finalize(st);
    return rc;
}

int hs__store_each_brief(hs_store *s, hs_store_each_fn *fn, void *ctx,
                         hs_error *err) {
    return each(s, NULL, 1, fn, ctx, err);
}

int hs__store_read_begin(hs_store *s, int *is_own, hs_error *err) {
    *is_own = sqlite3_get_autocommit(s->db);
    return *is_own ? hs__store_exec(s, "BEGIN", err) : 0;
}

int hs__store_read_end(hs_store *s, int is_own, hs_error *err) {
    return is_own ? hs__store_exec(s, "COMMIT", err) : 0;
}

int hs_store_each(hs_store *s, hs_store_each_fn *fn, void *ctx, hs_error *err) {
    return each(s, NULL, 0, fn, ctx, err);
}

int hs_store_each_id(hs_store *s, const char *id, hs_store_each_fn *fn,
                     void *ctx, hs_error *err) {
    return each(s, id, 0, fn, ctx, err);
}
