/*
 * libFuzzer target: the small readers of the server's and the site's
 * outside input that no other target reaches. The bytes up to the first
 * NUL are one string, tried as each of:
 *   - a login form body (hs__http_form_value of "token" and "next") and
 *     the Location made of its "next" (hs__http_next_location),
 *   - a Host header (hs__http_host_ok), a Content-Type (is_json_type),
 *   - text for a log line (hs__http_log_escape), an error page and the
 *     login page (escaped HTML),
 *   - a list cursor (hs__list_cursor_parse),
 *   - an id made a site file name (hs__slug, hs__unslug).
 *
 * Checks: a Location never leaves the site (no "//", "\\", scheme or
 * control byte); a log line holds no control byte, '"' or '\\' unescaped;
 * the pages hold no '<' the input brought; a cursor that parses is the
 * cursor of its offset; a slug is [A-Za-z0-9._~-] without a leading '.',
 * at most HS__SLUG_MAX bytes, and unslugs to the id (a long id's: its
 * first bytes and its hash), and no other bytes unslug.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/http_guard.h"
#include "base/buf.h"
#include "base/text.h"
#include "base/util.h"
#include "query/pages.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void fail(const char *what, const char *detail) {
    fprintf(stderr, "fuzz_http: %s %s\n", what, detail ? detail : "");
    abort();
}

static void check_location(const char *next) {
    char *loc = hs__http_next_location(next);
    const char *slash = strpbrk(loc, "/?#");
    const char *colon = strchr(loc, ':');
    if (!strncmp(loc, "//", 2) || loc[0] == '/' || strchr(loc, '\\'))
        fail("Location leaves the site:", loc);
    if (colon && (!slash || colon < slash))
        fail("Location has a scheme:", loc);
    for (const unsigned char *p = (const unsigned char *)loc; *p; p++)
        if (*p < 0x21 || *p >= 0x7f)
            fail("Location has a control or non-ASCII byte:", loc);
    free(loc);
}

static void check_log(const char *s) {
    hs__buf b = HS_BUF_INIT;
    hs__http_log_escape(&b, s);
    for (size_t i = 0; i < b.len; i++) {
        unsigned char c = (unsigned char)b.data[i];
        if (c < 0x20 || c == 0x7f || c == '"')
            fail("log line keeps a raw byte", NULL);
        if (c == '\\' && b.data[i + 1] != 'x')
            fail("log line keeps a raw backslash", NULL);
    }
    hs__buf_release(&b);
}

/* The pages are ours but for the escaped input: a "<zz" or "<img" the
 * input holds must not come out as markup. */
static void check_page(const char *page, const char *in) {
    static const char *const tags[] = {"<zz", "<img", "<svg", "<iframe"};
    for (size_t i = 0; i < sizeof(tags) / sizeof(tags[0]); i++)
        if (strstr(in, tags[i]) && strstr(page, tags[i]))
            fail("page passes markup through:", tags[i]);
}

static void check_cursor(const char *s) {
    long off = hs__list_cursor_parse(s);
    char out[HS__CURSOR_LEN];
    if (off < 0)
        return;
    hs__list_cursor((size_t)off, out);
    if (hs__list_cursor_parse(out) != off)
        fail("cursor does not read back:", out);
}

static void check_slug(const char *s, size_t len) {
    hs__buf slug = HS_BUF_INIT, back = HS_BUF_INIT;
    hs__slug(s, &slug);
    for (size_t i = 0; i < slug.len; i++) {
        char c = slug.data[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
              (c >= '0' && c <= '9') || strchr("._~-", c)))
            fail("slug has a byte a file name should not:", slug.data);
    }
    if (slug.len && slug.data[0] == '.')
        fail("slug starts with '.':", slug.data);
    if (slug.len > HS__SLUG_MAX)
        fail("slug is longer than a file name may be:", slug.data);
    if (slug.data && strstr(slug.data, "~~")) {
        /* a long id's: its first bytes, then its hash */
        char h[17];
        hs__hash_hex(s, len, h);
        if (hs__slug_long_prefix(slug.data, slug.len, &back) != 0 ||
            back.len > len || memcmp(back.data, s, back.len) ||
            strcmp(slug.data + slug.len - 16, h))
            fail("long slug is not its id's first bytes and hash:",
                 slug.data);
    } else if (hs__unslug(slug.data ? slug.data : "", slug.len, &back) != 0 ||
               back.len != len || (len && memcmp(back.data, s, len)))
        fail("slug does not unslug to its id:", slug.data);
    /* the input as a slug: only the slug of its own decoding */
    hs__buf_reset(&back);
    if (hs__unslug(s, len, &back) == 0) {
        hs__buf again = HS_BUF_INIT;
        hs__slug(back.data ? back.data : "", &again);
        if (again.len != len || (len && memcmp(again.data, s, len)))
            fail("two slugs name one id:", s);
        hs__buf_release(&again);
    }
    hs__buf_release(&slug);
    hs__buf_release(&back);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const char *allowed[] = {"postmortems.example.com", "Hindsight"};
    char *s = malloc(size + 1), *v, *page;
    size_t len;
    if (!s)
        return 0;
    memcpy(s, data, size);
    s[size] = '\0';
    len = strlen(s);

    v = hs__http_form_value(s, size, "token");
    free(v);
    v = hs__http_form_value(s, size, "next");
    check_location(v ? v : "");
    free(v);
    check_location(s);

    (void)hs__http_host_ok(s, allowed, 2);
    (void)hs__http_host_ok(s, NULL, 0);
    (void)hs__http_is_json_type(s);
    (void)hs__http_is_identity_coding(s);
    (void)hs__http_token_eq("0123456789abcdef", s);
    check_log(s);

    page = hs__http_error_page(404, s);
    check_page(page, s);
    free(page);
    page = hs__http_login_page(len && s[0] == '/' ? s : "/login", s, s);
    check_page(page, s);
    free(page);

    check_cursor(s);
    check_slug(s, len);
    free(s);
    return 0;
}
