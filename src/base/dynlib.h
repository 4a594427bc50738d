/*
 * Libraries loaded at first use rather than at start-up: libcurl (report
 * delivery) and libpq (shared state in PostgreSQL) serve a few commands, and
 * linking them would make every process, `--version` and `search` included,
 * map and relocate them and the thirty libraries they pull in. Their users
 * keep the -dev headers for types and constants and call through a table of
 * function pointers that hs__dynlib_load fills with dlsym.
 */
#ifndef HS_DYNLIB_H
#define HS_DYNLIB_H

#include "hindsight.h"

/* One function to resolve: its symbol, and where the pointer goes. */
typedef struct hs__dynsym {
    const char *name; /* symbol, e.g. "PQexec" */
    void *slot;       /* OUT: address of the function pointer to fill */
} hs__dynsym;

/*
 * A library and the functions its user calls. The caller owns it (one
 * static per user); hs__dynlib_load fills `handle` and the slots once per
 * process, under a lock, and never unloads.
 */
typedef struct hs__dynlib {
    const char *soname;     /* "libpq.so.5" */
    const char *package;    /* the Debian package that ships it: "libpq5" */
    const char *use;        /* what needs it, for the message */
    const hs__dynsym *syms; /* ends with {NULL, NULL} */
    void *handle;           /* NULL until loaded */
} hs__dynlib;

/*
 * Load `lib` and resolve every symbol, unless already done. Returns 0, or
 * HS_EIO when the library or one of its functions is missing, with a
 * message naming the package to install ("report delivery needs libcurl4
 * (apt-get install libcurl4): ..."). After a failure `handle` stays NULL
 * and the next call tries again. Thread-safe.
 */
int hs__dynlib_load(hs__dynlib *lib, hs_error *err);

/*
 * What a user declares, once per library, static in its file:
 *
 *   #define CURL_FUNCS(X, ...) X(__VA_ARGS__, easy_init) X(__VA_ARGS__, ...)
 *   HS__DYNLIB(libcurl, curl, CURL_FUNCS, curl_, "libcurl.so.4", "libcurl4",
 *              "report delivery");
 *
 * defines `curl`, a table with one function pointer per name in the list,
 * typed from the library's header (curl.easy_init has curl_easy_init's
 * type), and `libcurl`, the hs__dynlib whose load fills it. The list is an
 * X-macro that hands its extra arguments to X before each name.
 */
#define HS__DYNLIB_FIELD(prefix, name) __typeof__(prefix##name) *name;
#define HS__DYNLIB_SYM(prefix, table, name) {#prefix #name, &table.name},
#define HS__DYNLIB(lib, table, FUNCS, prefix, soname, package, use)            \
    static struct { FUNCS(HS__DYNLIB_FIELD, prefix) } table;                   \
    static const hs__dynsym lib##_syms[] = {                                   \
        FUNCS(HS__DYNLIB_SYM, prefix, table){NULL, NULL}};                     \
    static hs__dynlib lib = {soname, package, use, lib##_syms, NULL}

#endif
