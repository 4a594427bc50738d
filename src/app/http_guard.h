/*
 * What a request to `hindsight serve` must pass before a route sees it:
 * the Host check against DNS rebinding, the token (header or cookie) and
 * its login page, the JSON content type, and the escaping of request data
 * in log lines. Plain strings in and out: http.c owns libmicrohttpd.
 */
#ifndef HS_HTTP_GUARD_H
#define HS_HTTP_GUARD_H

#include "base/buf.h"

#include <stddef.h>

/* The session cookie a login sets; its value is hs__http_session_new's. */
#define HS__HTTP_COOKIE "hindsight_session"

/*
 * Is `host` (a Host header: a name or address, an optional :port) one to
 * answer? Loopback names and addresses (localhost, 127.x.y.z, [::1]) always
 * are; so are the `n` names of `allowed`, ignoring case. A missing header
 * (HTTP/1.0) passes: browsers, the DNS rebinding vector, always send one.
 */
int hs__http_host_ok(const char *host, const char *const *allowed, size_t n);

/* 1 if `got` equals `want`, in time that depends on want's length only. */
int hs__http_token_eq(const char *want, const char *got);

/* Is a Content-Type header application/json (any case, any parameters
 * but a charset other than UTF-8)? */
int hs__http_is_json_type(const char *content_type);
/* Is a Content-Encoding header's value "identity", empty or absent (NULL):
 * a body as sent? */
int hs__http_is_identity_coding(const char *value);

/*
 * A new random session id for the cookie, as 64 hex digits in `out`.
 * Returns 0, or -1 when the system has no randomness to give.
 */
int hs__http_session_new(char out[65]);

/*
 * The login page, answered at `url` (the path, from '/') to a browser that
 * has no token: a form that POSTs the token to the login path, relative to
 * `url` so that it works behind a proxy's path prefix, and `next`, the page
 * to return to (relative to the site root). `msg` is shown above the form.
 * No external resources. Caller frees with free().
 */
char *hs__http_login_page(const char *url, const char *next, const char *msg);

/*
 * The value of `key` in an application/x-www-form-urlencoded body, decoded
 * ('+' and %XX), or NULL when absent or holding %00. Caller frees with
 * free().
 */
char *hs__http_form_value(const char *body, size_t len, const char *key);

/*
 * The Location to send after a login: `next` (a path relative to the site
 * root, as the login form carries it) percent-encoded, or "./" when it is
 * empty or could leave the site ("//host", "/x", "\\x"). Caller frees.
 */
char *hs__http_next_location(const char *next);

/* A small HTML error page (not JSON) for the web view. Caller frees. */
char *hs__http_error_page(int status, const char *msg);

/*
 * Append request data to a log line with control bytes, '"' and '\\' as
 * \xNN: a URL with %0a (decoded before we see it) cannot forge a line, and
 * ESC cannot reach the terminal that reads the log.
 */
void hs__http_log_escape(hs__buf *b, const char *s);

#endif
