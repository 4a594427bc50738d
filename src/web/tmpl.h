/*
 * Logic-less Mustache templates over jansson values, HTML-escaping by
 * default (templates/README.md is the syntax for template authors). A
 * template is compiled once into a flat op list and then rendered any number
 * of times; hs__tmpl_render does both for one-off use.
 */
#ifndef HS_TMPL_H
#define HS_TMPL_H

#include <stddef.h>

#include <jansson.h>

#include "base/buf.h"
#include "hindsight.h"

/* Sections nest at most this deep within one template or partial. */
#define HS_TMPL_MAX_NESTING 64
/* Partials include partials at most this deep while rendering. */
#define HS_TMPL_MAX_PARTIAL_DEPTH 16
/* One render never writes more than this many bytes. */
#define HS_TMPL_MAX_OUTPUT ((size_t)256 << 20)

typedef struct hs__tmpl hs__tmpl;

/*
 * Look up partial `name` (NUL-terminated, as written in `{{> name}}`). Return
 * its template text, NUL-terminated, or NULL if there is no such partial.
 * The text is borrowed: it needs to stay valid only until the callback
 * returns again or compilation ends, since the compiler copies what it keeps.
 * Each distinct name is asked for once per compilation.
 */
typedef const char *hs__tmpl_partial_fn(void *ctx, const char *name);

/*
 * Compile the template `tmpl` (`len` bytes, any bytes at all) and every
 * partial it reaches, transitively, through `partial` (which may be NULL
 * when no partial is used). `name` labels error messages. On success,
 * *out is a template the caller frees with hs__tmpl_free(). Errors:
 * HS_EINVAL with "template 'NAME' line N: ..." for any syntax error, an
 * unknown partial, or sections nested deeper than HS_TMPL_MAX_NESTING;
 * *out is then NULL.
 */
int hs__tmpl_compile(const char *name, const char *tmpl, size_t len,
                     hs__tmpl_partial_fn *partial, void *ctx, hs__tmpl **out,
                     hs_error *err);

/*
 * Render `t` with `data` (borrowed; may be NULL) as the root context,
 * appending to `out`. `t` is not modified, so threads may share it. Errors:
 * HS_EINVAL when partials nest deeper than HS_TMPL_MAX_PARTIAL_DEPTH, the
 * output would exceed HS_TMPL_MAX_OUTPUT, or the render does a runaway
 * amount of work for the output it makes (exponential partial recursion);
 * `out` is then restored to its length on entry.
 */
int hs__tmpl_exec(const hs__tmpl *t, const json_t *data, hs__buf *out,
                  hs_error *err);

/* Free a compiled template; hs__tmpl_free(NULL) is a no-op. */
void hs__tmpl_free(hs__tmpl *t);

/*
 * Compile and render once: hs__tmpl_compile then hs__tmpl_exec, with the
 * errors of both. For a template rendered many times, compile it once.
 */
int hs__tmpl_render(const char *name, const char *tmpl, size_t len,
                    const json_t *data, hs__tmpl_partial_fn *partial, void *ctx,
                    hs__buf *out, hs_error *err);

#endif
