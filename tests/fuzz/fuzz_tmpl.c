/*
 * libFuzzer target: Mustache-like templates. The bytes up to the first NUL
 * are the template; the rest is JSON data (any JSON value; NULL data when
 * it does not parse). Partials come from the data's "partials" object
 * (name -> template text) and three built-ins: "self" (the template
 * itself), "item" and "tree" (a recursive one), so the fuzzer can build
 * partial recursion and fan-out.
 *
 * Checks: compile gives 0 or HS_EINVAL ("template 'NAME' line N: ...",
 * *out NULL); exec gives 0 or HS_EINVAL, restores the buffer on error, and
 * renders the same bytes twice from one compiled template.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "hindsight.h"
#include "web/tmpl.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct pctx {
    const char *self; /* the template, NUL-terminated */
    json_t *partials; /* borrowed from the data, or NULL */
    int calls;
};

static void fail(const char *what, const char *detail) {
    fprintf(stderr, "fuzz_tmpl: %s %s\n", what, detail ? detail : "");
    abort();
}

static const char *partial(void *vctx, const char *name) {
    struct pctx *c = vctx;
    json_t *v = c->partials ? json_object_get(c->partials, name) : NULL;
    c->calls++;
    if (!name)
        fail("partial callback got a NULL name", NULL);
    if (json_is_string(v))
        return json_string_value(v);
    if (!strcmp(name, "self"))
        return c->self;
    if (!strcmp(name, "item"))
        return "  <li>{{name}}: {{{raw}}} {{& raw}}</li>\n";
    if (!strcmp(name, "tree"))
        return "{{#children}}\n  {{> tree}}\n{{/children}}{{name}}\n";
    return NULL;
}

static void check_err(const hs_error *err, int rc, const char *what) {
    /* the unit named is the template or the partial at fault */
    if (err->code != rc || strncmp(err->msg, "template '", 10) ||
        !strstr(err->msg, "' line "))
        fail(what, err->msg);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const uint8_t *nul = memchr(data, '\0', size);
    size_t tlen = nul ? (size_t)(nul - data) : size;
    char *tmpl = malloc(tlen + 1);
    json_t *root = NULL;
    struct pctx pc = {0};
    hs__tmpl *t = (hs__tmpl *)1;
    hs_error err = {0, ""};
    int rc;

    if (!tmpl)
        return 0;
    memcpy(tmpl, data, tlen);
    tmpl[tlen] = '\0';
    if (nul)
        root = json_loadb((const char *)nul + 1, size - tlen - 1,
                          JSON_DECODE_ANY | JSON_ALLOW_NUL, NULL);
    pc.self = tmpl;
    pc.partials =
        json_is_object(root) ? json_object_get(root, "partials") : NULL;
    rc = hs__tmpl_compile("fuzz", tmpl, tlen, partial, &pc, &t, &err);
    if (rc != 0 && rc != HS_EINVAL)
        fail("hs__tmpl_compile: unexpected code", err.msg);
    if (rc != 0 && t)
        fail("hs__tmpl_compile: out not NULL on error", NULL);
    if (rc != 0)
        check_err(&err, rc, "hs__tmpl_compile: bad message:");
    if (rc == 0) {
        hs__buf a = HS_BUF_INIT, b = HS_BUF_INIT;
        int r1, r2;
        if (!t)
            fail("hs__tmpl_compile: out NULL on success", NULL);
        hs__buf_puts(&a, "prefix");
        r1 = hs__tmpl_exec(t, root, &a, &err);
        if (r1 != 0 && r1 != HS_EINVAL)
            fail("hs__tmpl_exec: unexpected code", err.msg);
        if (r1 != 0 && (a.len != 6 || memcmp(a.data, "prefix", 6)))
            fail("hs__tmpl_exec: buffer not restored on error", NULL);
        if (r1 != 0)
            check_err(&err, r1, "hs__tmpl_exec: bad message:");
        if (a.len < 6 || memcmp(a.data, "prefix", 6))
            fail("hs__tmpl_exec: overwrote what was in the buffer", NULL);
        if (a.data[a.len] != '\0')
            fail("hs__tmpl_exec: buffer not NUL-terminated", NULL);
        /* the same template renders the same bytes again (skipped for
         * big renders, which would only cost time and memory) */
        if (a.len < ((size_t)4 << 20) &&
            !(r1 && strstr(err.msg, "output exceeds"))) {
            hs__buf_puts(&b, "prefix");
            r2 = hs__tmpl_exec(t, root, &b, NULL);
            if (r1 != r2 || a.len != b.len || memcmp(a.data, b.data, a.len))
                fail("hs__tmpl_exec: second render differs", NULL);
        }
        hs__buf_release(&a);
        hs__buf_release(&b);
    }
    hs__tmpl_free(t);
    json_decref(root);
    free(tmpl);
    return 0;
}
