/*
 * hindsight: a postmortem learning library.
 *
 * This is the only public header. It declares the record extracted from one
 * markdown postmortem, the index that stores them, and the queries that run
 * over it (search, similar, reports). Every function that can fail returns 0
 * or a negative HS_E* code and fills an optional caller-allocated hs_error.
 * Nothing here prints or exits. Link with `pkg-config --libs hindsight`.
 *
 * Simple interface, after cmark's: index a folder, then ask it.
 *
 *     hs_store *s;
 *     hs_error err;
 *     hs_results *r;
 *     const char *dirs[] = {"postmortems"};
 *     if (hs_store_open("hindsight.db", 0, &s, &err) != 0)
 *         return fprintf(stderr, "%s\n", err.msg), 1;
 *     if (hs_index_run(s, dirs, 1, NULL, NULL, &err) == 0 &&
 *         hs_search(s, "connection pool sev:1", NULL, &r, &err) == 0) {
 *         for (size_t i = 0; i < r->n; i++)
 *             printf("%s  %s\n", r->hits[i].date, r->hits[i].title);
 *         hs_results_free(r);
 *     }
 *     hs_store_close(s);
 *
 * Threads: the library keeps no global mutable state of its own, so threads
 * may use it at once, each with its own handles. An hs_store (and every
 * result or statement tied to it) must not be used by two threads at the
 * same time: open one store per thread, as `serve` does (one read-only
 * store per worker). Records, results and lists are plain memory, owned by
 * whoever holds them. Parsing takes a lock around cmark-gfm, whose 0.29
 * releases keep a table in a global.
 *
 * Ownership: a function that returns new memory says how to free it (the
 * _free and _release functions below); everything else is borrowed.
 */
#ifndef HINDSIGHT_H
#define HINDSIGHT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#define HS_VERSION "0.1.0"

/* A date as text, "YYYY-MM-DD", and its NUL: the size of every date field. */
#define HS_DATE_LEN 11

/* Result counts: the default when none is asked for, and the most any
 * command or endpoint returns at once (CLI --limit, HTTP limit=). */
#define HS_LIMIT_DEFAULT 20
#define HS_LIMIT_MAX 1000

/*
 * Error codes. XX(name, value, message, http status). http.c and cli.c map
 * codes to statuses and exit codes through this one table.
 */
#define HS_ERRNO_MAP(XX)                                                       \
    XX(EINVAL, -1, "invalid argument", 400)                                    \
    XX(EQUERY, -2, "invalid query", 400)                                       \
    XX(ENOTFOUND, -3, "not found", 404)                                        \
    XX(EIO, -4, "input/output error", 500)                                     \
    XX(EDB, -5, "database error", 500)                                         \
    XX(EBUSY, -6, "database is locked", 503)                                   \
    XX(ECORRUPT, -7, "database is corrupt", 500)                               \
    XX(ETOOBIG, -8, "input too large", 413)                                    \
    XX(EREADONLY, -9, "database is read-only", 500)                            \
    XX(EFORMAT, -10, "unrecognised input format", 400)                         \
    XX(EFULL, -11, "disk is full", 500)                                        \
    XX(EUNAVAIL, -12, "shared state is unavailable", 503)

enum {
#define HS__ERR_ENUM(name, val, msg, http) HS_##name = (val),
    HS_ERRNO_MAP(HS__ERR_ENUM)
#undef HS__ERR_ENUM
};

/** Caller-allocated error detail; reporting never allocates. */
typedef struct hs_error {
    int code;      /* 0 or a HS_E* code */
    char msg[256]; /* lowercase, no trailing period, subject quoted */
} hs_error;

/** The generic message for `code` ("unknown error" for unknown codes). */
const char *hs_strerror(int code);
/** The symbolic name for `code`, e.g. "EQUERY". */
const char *hs_errname(int code);
/** The HTTP status that `code` maps to (500 for unknown codes). */
int hs_err_http_status(int code);

/* ---------------------------------------------------------------------
 * The record
 */

/** A growable list of owned UTF-8 strings; a zeroed one is empty. */
typedef struct hs_strlist {
    char **v;
    size_t n;
    size_t alloc;
} hs_strlist;

/** Free the strings of `l` and the array; `l` is empty and reusable after. */
void hs_strlist_release(hs_strlist *l);

typedef enum hs_status {
    HS_STATUS_UNKNOWN = 0,
    HS_STATUS_NOT_STARTED,
    HS_STATUS_IN_PROGRESS,
    HS_STATUS_DONE
} hs_status;

/** "done", "in_progress", "not_started" or "unknown". */
const char *hs_status_name(hs_status s);

/**
 * Normalise a written status ("✅ Done", "WIP", "Blocked", "[TODO]") to a
 * hs_status. Words win over emoji, so text whose emoji were mangled by a
 * broken encoding still reads right. Unrecognised text is HS_STATUS_UNKNOWN.
 */
hs_status hs_status_parse(const char *text);

/**
 * Normalise a written severity ("SEV1", "Sev 2", "sev-3", "P1", "Critical")
 * to 1..4. Returns 0 when the text names no severity.
 */
int hs_severity_parse(const char *text);

/**
 * The name of severity 1..4: "SEV1".."SEV4", a static string. Returns NULL
 * for any other value (0 is "no severity stated").
 */
const char *hs_severity_name(int sev);

/**
 * Parse a duration ("23 minutes", "1h 30m", "4h 12m", "2 hours",
 * "279 minutes", "90", "02:15" as hours and minutes) to minutes. Returns -1
 * when it is not a duration.
 */
int hs_duration_parse(const char *text);

/** The years a date may have: others are not dates to hindsight. Postmortems
 * of historic failures (a moon landing, an early network) predate 1970. */
#define HS_YEAR_MIN 1900
#define HS_YEAR_MAX 2199

/**
 * Parse a date written as YYYY-MM-DD, YYYY/MM/DD, MM/DD/YYYY, "February 17,
 * 2026", "17 Feb 2026" or an ISO timestamp into `out` as YYYY-MM-DD. The
 * date must exist in the calendar, in the years HS_YEAR_MIN to HS_YEAR_MAX.
 * Returns 0 or HS_EINVAL.
 */
int hs_date_parse(const char *text, char out[HS_DATE_LEN]);

typedef struct hs_action_item {
    char *action;
    char *owner;           /* NULL when none */
    char due[HS_DATE_LEN]; /* YYYY-MM-DD, or "" when none */
    hs_status status;
    int line; /* 1-based line in the file, 0 if unknown */
} hs_action_item;

typedef struct hs_timeline_entry {
    char *time; /* as written, e.g. "14:32" or "2022-01-25 10:21" */
    char *event;
} hs_timeline_entry;

/** A problem found while reading a file; `check` prints these. */
typedef struct hs_warning {
    int line; /* 1-based, 0 for the whole file */
    char *msg;
} hs_warning;

/**
 * Where one fact came from: the record's field name ("duration_minutes"),
 * the 1-based line of the file (front matter counted) and the rule that
 * found it ("field 'Time to repair'", "section 'Root Cause'", "prose").
 */
typedef struct hs_source {
    char *field;
    int line;
    char *rule;
} hs_source;

/**
 * One postmortem, as extracted from its markdown. Missing facts are NULL,
 * "" (dates), 0 (severity), -1 (duration) or empty lists: never invented.
 * Owned by whoever got it; free with hs_postmortem_free().
 */
typedef struct hs_postmortem {
    char *id;
    char *path;
    char *title;
    char date[HS_DATE_LEN];
    int severity;         /* 1..4, or 0 when unknown */
    int duration_minutes; /* -1 when unknown */
    char *impact;
    char *incident_commander;
    hs_strlist responders;
    char *summary;
    char *root_cause;
    hs_timeline_entry *timeline;
    size_t n_timeline;
    hs_strlist went_well;
    hs_strlist went_wrong;
    hs_strlist lessons;
    hs_action_item *actions;
    size_t n_actions;
    hs_strlist tags;
    hs_strlist auto_tags;
    hs_strlist services;
    char *document_url;
    hs_strlist references;
    char *body; /* the whole document as plain text, for the full-text index */
    hs_warning *warnings;
    size_t n_warnings;
    hs_source *sources; /* one per fact found, in extraction order */
    size_t n_sources;
} hs_postmortem;

/**
 * At most this many tags and this many services are kept per postmortem;
 * the rest are dropped with a warning (`check` shows it). The site has a
 * page per tag and per service, so this keeps its size linear in the input.
 */
#define HS_MAX_LABELS 64

/**
 * Markdown files over HS_DEFAULT_FILE_BYTES are skipped with a message
 * naming the file and the limit: the markdown parser takes about 140 bytes
 * of memory per input byte on some inputs (an 8 MiB file of one-character
 * paragraphs took 1.4 GB and 15 s), and real postmortems are under 300 KB.
 * A house-style file may set another limit (`max_file_size: 4 MiB`), at
 * most HS_MAX_FILE_BYTES, which is also the most any file read may be.
 */
#define HS_DEFAULT_FILE_BYTES (2u * 1024u * 1024u)
#define HS_MAX_FILE_BYTES (8u * 1024u * 1024u)

enum hs_parse_flags { HS_PARSE_DEFAULT = 0 };

/**
 * Parse and extract one postmortem from markdown bytes.
 *
 * buf, len: the file's bytes, in any encoding (UTF-8, UTF-8 with BOM,
 *   UTF-16 with BOM, or Latin-1/Windows-1252, which are converted).
 * id: the id to use when the front matter names none (borrowed, copied).
 * path: the path to record (borrowed, copied; may be NULL).
 * out: set to a new record, caller frees with hs_postmortem_free(); set to
 *   NULL on error.
 *
 * Parsing is total: malformed markdown gives missing fields and warnings,
 * never an error. Errors: HS_ETOOBIG (len over HS_DEFAULT_FILE_BYTES, or
 * the house style's max_file_size with hs_postmortem_parse_with),
 * HS_EFORMAT (binary data: NUL bytes outside a UTF-16 text).
 */
int hs_postmortem_parse(const char *buf, size_t len, const char *id,
                        const char *path, unsigned flags, hs_postmortem **out,
                        hs_error *err);

/**
 * A house-style file (hindsight.yml): the names a team gives its sections
 * and fields, its date order and its severity scale. Opaque.
 */
typedef struct hs_config hs_config;

/**
 * Read a house-style file from its bytes. name: the file name, for error
 * messages (borrowed). out: a new config, free with hs_config_free(); NULL
 * on error. Errors: HS_EFORMAT, with "FILE:LINE: problem" in err.
 */
int hs_config_parse(const char *buf, size_t len, const char *name,
                    hs_config **out, hs_error *err);
/** Read the house-style file at path. Errors: as hs_config_parse, HS_EIO. */
int hs_config_load(const char *path, hs_config **out, hs_error *err);
/** Free a config; NULL is a no-op. */
void hs_config_free(hs_config *c);
/** 16 hex digits that change when the file does; "" for NULL. Borrowed. */
const char *hs_config_hash(const hs_config *c);

/**
 * hs_postmortem_parse with a house-style file (borrowed; may be NULL for
 * the defaults).
 */
int hs_postmortem_parse_with(const char *buf, size_t len, const char *id,
                             const char *path, const hs_config *cfg,
                             hs_postmortem **out, hs_error *err);

/** Free a record; NULL is a no-op. */
void hs_postmortem_free(hs_postmortem *pm);

/**
 * The record as SPEC.md's JSON. Returns a NUL-terminated string; caller
 * frees with free(). `indent` is 0 for compact output.
 */
char *hs_postmortem_to_json(const hs_postmortem *pm, int indent);

/**
 * The markdown rendered to HTML with cmark-gfm in safe mode (raw HTML and
 * unsafe links are dropped). Caller frees with free().
 */
char *hs_markdown_to_html(const char *buf, size_t len);

/* ---------------------------------------------------------------------
 * The index
 */

typedef struct hs_store hs_store;

enum hs_store_flags {
    HS_STORE_READONLY = 1 << 0, /* open an existing index for reading */
    /* for hs_index_update: when no file is at `path` yet, the run builds
     * the index in a new file beside it (PATH-new) without a journal and
     * moves it into place when it is done; a run that fails or is killed
     * leaves no index at `path`. Ignored when `path` exists. */
    HS_STORE_BUILD_ASIDE = 1 << 1,
    /* with HS_STORE_READONLY: a long-lived reader that answers many
     * requests (serve's workers), given a larger page cache than SQLite's
     * default 2 MiB */
    HS_STORE_SERVE = 1 << 2,
};

/**
 * Open (and create or migrate, unless read-only) the index at `path`.
 * `out` is set to the handle, caller frees with hs_store_close(), or NULL on
 * error. Errors: HS_EIO, HS_EDB, HS_ECORRUPT, HS_EBUSY, HS_EREADONLY,
 * HS_ENOTFOUND (read-only open of a missing file).
 */
int hs_store_open(const char *path, unsigned flags, hs_store **out,
                  hs_error *err);

/**
 * May the file at `path` be deleted and replaced by a new index? Yes (0)
 * when it is absent, empty, or a hindsight index by its SQLite header
 * (damaged or not); anything else is HS_EFORMAT, with a message saying so.
 * Errors: HS_EFORMAT, HS_EIO.
 */
int hs_store_is_replaceable(const char *path, hs_error *err);

/** Close the index; NULL is a no-op. */
void hs_store_close(hs_store *s);

/**
 * Called by hs_store_each for every postmortem, newest first. The callback
 * owns `pm` (free it with hs_postmortem_free) and borrows `abspath`, the
 * resolved path of its markdown file. A non-zero return stops the walk and
 * is returned by hs_store_each.
 */
typedef int hs_store_each_fn(void *ctx, hs_postmortem *pm, const char *abspath);

/** Walk every stored postmortem. Errors: HS_EDB, HS_ECORRUPT. */
int hs_store_each(hs_store *s, hs_store_each_fn *fn, void *ctx, hs_error *err);

/** The same for the one postmortem with this id, if there is one. */
int hs_store_each_id(hs_store *s, const char *id, hs_store_each_fn *fn,
                     void *ctx, hs_error *err);

/** Number of postmortems in the index, or a negative HS_E* code. */
int hs_store_count(hs_store *s, hs_error *err);

/**
 * Does some postmortem carry the tag (`is_service` 0; written or derived)
 * or the service (1) `name`, ignoring ASCII case? 1 or 0 from one index
 * lookup, or a negative HS_E* code (HS_EDB).
 */
int hs_store_has_label(hs_store *s, int is_service, const char *name,
                       hs_error *err);

/**
 * Load one record by id. `out` is set to a new record (caller frees with
 * hs_postmortem_free()) or NULL. Errors: HS_ENOTFOUND, HS_EDB.
 */
int hs_store_get(hs_store *s, const char *id, hs_postmortem **out,
                 hs_error *err);

/** The steps of an index run, as hs_index_stats times them. */
enum hs_index_step {
    HS_INDEX_STEP_READ,  /* read, parse and store the files, remove gone ones */
    HS_INDEX_STEP_MERGE, /* merge the full-text index, count its terms */
    HS_INDEX_STEP_COMMIT,  /* commit the run */
    HS_INDEX_STEP_RELATED, /* related lists and families (hs_index_update) */
    HS_INDEX_STEP_PUBLISH, /* move a first index into place (hs_index_update) */
    HS_INDEX_STEPS
};

/**
 * How long one step took: wall-clock seconds, and the CPU seconds the whole
 * process spent meanwhile (every thread's, so work a step started on other
 * threads counts where it ran: the related lists, for one, are computed on
 * other threads from the end of the read step on).
 */
typedef struct hs_index_time {
    double wall, cpu;
} hs_index_time;

/** What an index run did. */
typedef struct hs_index_stats {
    size_t added, updated, removed, unchanged, failed;
    size_t
        threads; /* that read and parsed the files, the caller's among them */
    hs_index_time steps[HS_INDEX_STEPS]; /* by enum hs_index_step; 0: not run */
} hs_index_stats;

/* The most threads an index run reads and parses files on. */
#define HS_INDEX_JOBS_MAX 64

enum hs_index_flags {
    HS_INDEX_FULL = 1 << 0, /* re-read every file, drop the rest */
};

/**
 * Called once per file that could not be indexed, and once per warning, so
 * the caller can report it. `line` is 0 for a whole-file problem.
 */
typedef void hs_index_report_fn(void *ctx, const char *path, int line,
                                const char *msg, int is_failure);
/** Called every so often with the number of files seen and their total. */
typedef void hs_index_progress_fn(void *ctx, size_t done, size_t total);

typedef struct hs_index_opts {
    unsigned flags;
    hs_index_report_fn *report;
    hs_index_progress_fn *progress;
    void *ctx;
    /* a house-style file for every path, or NULL: each folder's own
     * hindsight.yml, if it has one */
    const char *config_path;
    /* threads that read and parse files while the calling thread writes
     * (it is one of them): 0 for one per online CPU, 1 for none but the
     * caller's, at most HS_INDEX_JOBS_MAX. The index is the same whatever
     * the number. */
    unsigned jobs;
} hs_index_opts;

/**
 * Index the markdown files under each path (a folder, walked recursively for
 * *.md, or a single file). Unchanged files (same content hash) are skipped.
 * A file that disappeared is removed only if it lay under a folder named in
 * this run. The run is one transaction: on error the previous index stays
 * intact. Errors: HS_ENOTFOUND (a path does not exist), HS_EIO, HS_EDB,
 * HS_EBUSY, HS_EFULL.
 */
int hs_index_run(hs_store *s, const char *const *paths, size_t n_paths,
                 const hs_index_opts *opts, hs_index_stats *stats,
                 hs_error *err);

/**
 * Read one markdown file (read-only, at most HS_MAX_FILE_BYTES) and parse
 * it as hs_postmortem_parse does, with `id` as the fallback id. Errors:
 * HS_EIO, HS_ENOTFOUND, HS_ETOOBIG, HS_EFORMAT.
 */
int hs_postmortem_load(const char *path, const char *id, hs_postmortem **out,
                       hs_error *err);
/** hs_postmortem_load with a house-style file (borrowed; may be NULL). */
int hs_postmortem_load_with(const char *path, const char *id,
                            const hs_config *cfg, hs_postmortem **out,
                            hs_error *err);

/**
 * The markdown files that an index run over `paths` would read, in the
 * order it reads them, appended to `out` (release each string with free()).
 * `skipped` (may be NULL) gets what that run would name and not read, as
 * pairs: the path, then why (a FIFO, device or socket; a link that leads
 * out of the folder). Errors: HS_ENOTFOUND, HS_EIO.
 */
int hs_markdown_files(const char *const *paths, size_t n_paths, hs_strlist *out,
                      hs_strlist *skipped, hs_error *err);

/* ---------------------------------------------------------------------
 * Search
 */

/** One hit; strings are owned by the hs_results that holds it. */
typedef struct hs_hit {
    char *id;
    char *title;
    char *path;
    char date[HS_DATE_LEN];
    int severity;
    double score;  /* higher is better */
    char *snippet; /* with match markers, see hs_search_opts */
    /* similar only: */
    hs_strlist matched_terms;
    char *root_cause;
    hs_action_item *open_actions; /* open items of this postmortem */
    size_t n_open_actions;
    char *resolution;     /* how service was restored that time, or NULL */
    hs_strlist links;     /* runbook and dashboard URLs found in it */
    double coverage;      /* share of the input's evidence it explains, 0..1 */
    int family_size;      /* postmortems of the same failure, itself included */
    char family_last[11]; /* the latest one's date, "" if none has one */
} hs_hit;

/* Has the incident been seen before? (similar only; see README) */
enum hs_novelty {
    HS_NOVELTY_NONE,
    HS_NOVELTY_NEW,
    HS_NOVELTY_RARE,
    HS_NOVELTY_FREQUENT
};

typedef struct hs_results {
    size_t total; /* matches before the limit */
    hs_hit *hits;
    size_t n;
    int novelty; /* enum hs_novelty; HS_NOVELTY_NONE for search */
} hs_results;

/** Free results; NULL is a no-op. */
void hs_results_free(hs_results *r);

/**
 * Results as SPEC.md's JSON: `is_similar` 0 for GET /api/search's shape, 1
 * for /api/similar's. Caller frees with free().
 */
char *hs_results_to_json(const hs_results *r, int is_similar, int indent);

typedef struct hs_search_opts {
    int limit;             /* <= 0: HS_LIMIT_DEFAULT; at most HS_LIMIT_MAX */
    const char *mark_open; /* snippet highlight; NULL: "[" */
    const char *mark_close;
    int is_html; /* snippets HTML-escaped, matches in <mark></mark> */
    int is_list; /* an empty query lists every postmortem, newest first */
} hs_search_opts;

/**
 * Keyword search with SPEC.md's query syntax: words, "quoted phrases" and
 * filters (severity:, sev:, tag:, service:, owner:, since:, until:). Any text
 * is accepted or refused with HS_EQUERY and a message that says why; it never
 * reaches FTS5 as raw syntax. `out`: new results, caller frees with
 * hs_results_free(), NULL on error.
 */
int hs_search(hs_store *s, const char *query, const hs_search_opts *opts,
              hs_results **out, hs_error *err);

/**
 * Check a query's syntax without running it: 0, or HS_EQUERY with the
 * message hs_search would give.
 */
int hs_query_check(const char *query, hs_error *err);

/* ---------------------------------------------------------------------
 * Similar incidents
 */

/** What a caller knows about a live incident. */
typedef struct hs_incident {
    hs_strlist symptoms;
    char *title;
    char *service;
    hs_strlist tags;
    int limit;          /* from a JSON body; 0 when not given */
    int max_terms;      /* most telling terms to rank by; 0: 64 */
    char *fingerprint;  /* webhook alerts: a stable identity, else NULL */
    int is_resolved;    /* webhook alerts: the notification says resolved */
    char *source;       /* "alertmanager", "pagerduty", "grafana", "json" */
    char *starts_at;    /* webhook alerts: when this firing began, else NULL */
    char *ends_at;      /* webhook alerts: when it ended, else NULL */
    char *event_at;     /* PagerDuty: when the event occurred, else NULL;
                           the three as the sender wrote them, checked as
                           RFC 3339 */
    hs_strlist ignored; /* webhooks: what of the body was not read and why,
                           one message each, naming the field ('"alerts[0]
                           .labels" is a list, not an object: ignored',
                           'alerts[1] left out: ...'); at most
                           HS_IGNORED_MAX, then one saying there is more */
    int is_left_out;    /* hs_incidents_from_json: this alert was not read
                           (a bad time, not an object, no symptoms); why is
                           in `ignored` */
} hs_incident;

/** The messages an hs_incident's `ignored` names, past which it says so. */
#define HS_IGNORED_MAX 16

/**
 * Free what `inc` owns (its lists and strings); `inc` is zeroed and
 * reusable after. A zeroed incident may be released.
 */
void hs_incident_release(hs_incident *inc);

/**
 * Read a JSON incident or an Alertmanager (version 4), PagerDuty (V3
 * webhook) or Grafana alerting payload, told apart by shape, into `out`
 * (zeroed first; release with hs_incident_release even on error). A payload
 * with several alerts becomes one incident whose symptoms are all of them.
 * An alert that cannot be read (a time stamp that is no RFC 3339 time, a
 * value that is no object) is left out, and a label or annotation that is
 * not a string ignored, each named in `out->ignored`; the others are read.
 * Errors: HS_EINVAL (not JSON, or a webhook time stamp that is no RFC 3339
 * time where no alert could be read, named in err), HS_EFORMAT (JSON of no
 * known shape, or no symptoms).
 */
int hs_incident_from_json(const char *buf, size_t len, hs_incident *out,
                          hs_error *err);

/**
 * Split a webhook payload into its alerts, one hs_incident each (Alertmanager
 * and Grafana send several per notification). `*out` is a new array of `*n`
 * incidents; caller releases each and frees the array. An alert that cannot
 * be read, or names no symptoms, is kept in its place with `is_left_out`
 * set and why in its `ignored`; the call fails, as hs_incident_from_json
 * does, only when no alert can be read.
 */
int hs_incidents_from_json(const char *buf, size_t len, hs_incident **out,
                           size_t *n, hs_error *err);

/* One postmortem of a family (postmortems of the same failure). */
typedef struct hs_family_member {
    char *id;
    char *title;
    char date[11]; /* "" when unknown */
} hs_family_member;

/** A family, newest first. */
typedef struct hs_family {
    hs_family_member *v;
    size_t n;
} hs_family;

/**
 * Group the index's postmortems into families of the same failure and
 * store them (README, "Does it keep happening?"); `hindsight index` does
 * this after a run that changed something (hs_index_update). Errors: HS_EDB,
 * HS_EREADONLY.
 */
int hs_families_update(hs_store *s, hs_error *err);

/**
 * hs_index_run, then hs_families_update when the run changed the index
 * (or was HS_INDEX_FULL, or the families were never computed for it), so
 * families and related postmortems follow every change: what `index` and
 * `serve --watch` run. The run and the families are two transactions; a
 * reader between them sees the new records with the old families. Errors:
 * those of both.
 */
int hs_index_update(hs_store *s, const char *const *paths, size_t n_paths,
                    const hs_index_opts *opts, hs_index_stats *stats,
                    hs_error *err);

/**
 * The family of postmortem `id` (itself included; just itself when it has
 * none, or families were never computed). `out` is filled; release with
 * hs_family_release. Errors: HS_ENOTFOUND, HS_EDB.
 */
int hs_family_of(hs_store *s, const char *id, hs_family *out, hs_error *err);

/**
 * Every family of two or more postmortems, largest first: `*out` is a new
 * array of `*n`; release each and free the array. Errors: HS_EDB.
 */
int hs_families_all(hs_store *s, hs_family **out, size_t *n, hs_error *err);
void hs_family_release(hs_family *f);

/** Families as JSON, {"families": [{"size", "members": [...]}]}. Caller
 * frees with free(). */
char *hs_families_to_json(const hs_family *v, size_t n, int indent);

/**
 * Extend the operations thesaurus that similar-incident ranking expands
 * queries with (data/concepts.txt is compiled in): `text` holds lines of
 * the same form, `name: phrase, phrase, ...` ('#' starts a comment line).
 * A name already known gains the phrases. This is what a house-style
 * file's `concepts:` key and `--concepts FILE` feed. `origin` names the
 * source in errors (may be NULL). Errors: HS_EINVAL naming the first line
 * that is not of that form (the lines before it are kept), HS_EDB.
 */
int hs_similar_add_concepts(hs_store *s, const char *text, const char *origin,
                            hs_error *err);

/**
 * Past postmortems most like the incident, best first. `limit` results at
 * most: when it is 0 or less, `inc->limit`, else 10; never more than 100
 * (the candidates ranked further). `out`: new results with matched_terms,
 * root_cause and open_actions filled; caller frees with hs_results_free().
 * An incident none of whose terms occurs in the index gives no results, not
 * an error. Errors: HS_EDB, HS_ECORRUPT, HS_EBUSY.
 */
int hs_similar(hs_store *s, const hs_incident *inc, int limit, hs_results **out,
               hs_error *err);

/* ---------------------------------------------------------------------
 * Received alerts (the webhook receiver of `serve`)
 */

/**
 * Record one received alert with the postmortems it resembles. The same
 * alert (same source and fingerprint, or the same text when there is no
 * fingerprint) delivered again updates the one record: its last-seen time,
 * delivery count and status (a resolved notification marks it resolved).
 * `s` must be writable. Errors: HS_EDB, HS_EBUSY, HS_EREADONLY.
 */
int hs_alert_record(hs_store *s, const hs_incident *inc,
                    const hs_results *matches, hs_error *err);

/**
 * The alerts received most recently, newest first, as JSON
 * {"alerts":[{"key","source","title","service","status","first_seen",
 * "last_seen","deliveries","symptoms":[],"matches":[...]}]}. `*out` is a
 * new string; caller frees with free().
 */
int hs_alerts_json(hs_store *s, int limit, char **out, hs_error *err);

/* ---------------------------------------------------------------------
 * Reports
 */

/** One action item with the postmortem it came from. */
typedef struct hs_report_item {
    hs_action_item item; /* strings owned by the report */
    int days_overdue;    /* > 0 for overdue items, else 0 */
    char *pm_id;
    char *pm_title;
    char *pm_path;
    int pm_severity;
} hs_report_item;

typedef struct hs_report_pm {
    char *id, *title, *path;
    char date[HS_DATE_LEN];
    int severity;
} hs_report_pm;

/* A postmortem of the week that repeats an earlier one of its family. */
typedef struct hs_report_repeat {
    hs_report_pm pm;      /* this week's */
    hs_report_pm earlier; /* the latest earlier one of the same family */
    hs_action_item *open; /* earlier's items not done: open when it recurred */
    size_t n_open;
} hs_report_repeat;

typedef struct hs_report {
    char as_of[HS_DATE_LEN];
    int is_weekly;
    int is_not_overdue;      /* hs_report_opts.is_not_overdue */
    hs_report_item *overdue; /* most overdue first */
    size_t n_overdue;
    hs_report_item *no_due_date; /* open items only */
    size_t n_no_due_date;
    hs_report_item *no_owner; /* open items only */
    size_t n_no_owner;
    hs_report_item *due_soon; /* weekly: open, due in the 7 days after;
                                 is_not_overdue: open, due on or after as_of */
    size_t n_due_soon;
    hs_report_pm *new_pms; /* weekly: dated in the 7 days up to as_of */
    size_t n_new_pms;
    hs_report_repeat *repeats; /* weekly: new_pms that repeat an earlier */
    size_t n_repeats;
} hs_report;

typedef struct hs_report_opts {
    const char *as_of; /* YYYY-MM-DD; NULL: today in UTC */
    const char *owner; /* NULL: everyone; else case-insensitive match */
    int is_weekly;
    /*
     * The open items that are not overdue instead of the overdue ones
     * (GET /api/action-items?overdue=false): due_soon holds every open item
     * due on or after as_of, soonest first, no_due_date and no_owner only
     * items that are not overdue, and `overdue` stays empty. Not with
     * is_weekly. JSON names due_soon "not_overdue".
     */
    int is_not_overdue;
} hs_report_opts;

/**
 * Build the overdue (or weekly) report. `out`: new report, caller frees with
 * hs_report_free(). Errors: HS_EINVAL (bad as_of), HS_EDB.
 */
int hs_report_build(hs_store *s, const hs_report_opts *opts, hs_report **out,
                    hs_error *err);

/**
 * Free a report that hs_report_build made (its strings live in memory that
 * comes with it: never free them one by one). NULL is a no-op.
 */
void hs_report_free(hs_report *r);

typedef enum hs_report_format {
    HS_FORMAT_MD,
    HS_FORMAT_HTML,
    HS_FORMAT_JSON,
    HS_FORMAT_CSV
} hs_report_format;

/** Render a report. Caller frees the string with free(). */
char *hs_report_render(const hs_report *r, hs_report_format fmt);

/**
 * Write the report to `f`, byte for byte as hs_report_render returns it,
 * in chunks as it is rendered rather than whole at the end: use it for big
 * reports. `f` is neither flushed nor closed. Errors: HS_EIO (a write
 * failed; errno is left as that write set it).
 */
int hs_report_write(const hs_report *r, hs_report_format fmt, FILE *f,
                    hs_error *err);

/* ---------------------------------------------------------------------
 * The web view
 */

typedef struct hs_site_stats {
    size_t pages;     /* pages and assets the site has */
    size_t written;   /* files written because they are new or changed */
    size_t unchanged; /* files left alone: same bytes already there */
    size_t removed;   /* pages of postmortems no longer in the index */
} hs_site_stats;

/**
 * Write the static web view into `out_dir` (created if missing): the index,
 * one page per postmortem, per tag and per service, action items, trends,
 * the search index and the assets. Only files whose bytes change are
 * written. Links are relative; no page makes a network request.
 * `as_of` (YYYY-MM-DD, NULL for today in UTC) dates overdue badges.
 * out_dir/.hindsight-site lists the files written; a later run removes
 * only files listed there, and a non-empty folder without that list is
 * refused unless `flags` has HS_SITE_FORCE.
 * Errors: HS_EIO, HS_EDB, HS_EINVAL, HS_EFORMAT (a folder site did not
 * write).
 */
enum hs_site_flags {
    HS_SITE_FORCE = 1 << 0, /* write into a non-empty folder site did not */
};

int hs_site_build(hs_store *s, const char *out_dir, const char *as_of,
                  unsigned flags, hs_site_stats *st, hs_error *err);

/**
 * One page of the live web view (as `serve` answers GET /PATH): `path` is
 * relative to the site root ("index.html", "pm/ID.html", "web/app.js",
 * "alerts.html"). `*out` is a new buffer of `*len` bytes (free with free());
 * `*content_type` is static text. Errors: HS_ENOTFOUND, HS_EDB.
 */
int hs_site_page(hs_store *s, const char *path, char **out, size_t *len,
                 const char **content_type, hs_error *err);

#ifdef __cplusplus
}
#endif

#endif
