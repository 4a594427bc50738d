/*
 * The checks `serve` makes before routing a request, and the pages they
 * answer with, over plain strings (http.c hands them the headers). Nothing
 * here reads the index or includes libmicrohttpd; everything that shows
 * request data, in HTML or in a log line, escapes it here.
 */
#include "app/http_guard.h"
#include "base/buf.h"
#include "base/text.h"
#include "base/util.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/banned.h"

/* ---------------------------------------------------------------------
 * Host
 */

static int is_loopback_name(const char *name) {
    struct in_addr a;
    if (!hs__strcasecmp(name, "localhost") || !strcmp(name, "[::1]"))
        return 1;
    return inet_pton(AF_INET, name, &a) == 1 && (ntohl(a.s_addr) >> 24) == 127;
}

int hs__http_host_ok(const char *host, const char *const *allowed, size_t n) {
    char name[256];
    const char *end, *p;
    size_t len;
    if (!host)
        return 1;
    if (host[0] == '[') { /* an IPv6 literal: "[::1]" or "[::1]:8080" */
        if (!(end = strchr(host, ']')))
            return 0;
        end++;
    } else {
        end = strchr(host, ':');
        if (!end)
            end = host + strlen(host);
    }
    if (*end == ':') /* a port: digits only */
        for (p = end + 1; *p; p++)
            if (*p < '0' || *p > '9')
                return 0;
    if (*end && *end != ':')
        return 0;
    len = (size_t)(end - host);
    if (len && host[len - 1] == '.') /* "localhost." is localhost */
        len--;
    if (!len || len >= sizeof(name))
        return 0;
    memcpy(name, host, len);
    name[len] = '\0';
    if (is_loopback_name(name))
        return 1;
    for (size_t i = 0; i < n; i++)
        if (!hs__strcasecmp(name, allowed[i]))
            return 1;
    return 0;
}

/* ---------------------------------------------------------------------
 * Token and session
 */

int hs__http_token_eq(const char *want, const char *got) {
    size_t n = strlen(want), m = got ? strlen(got) : 0;
    unsigned diff = (unsigned)(m != n) | (unsigned)!got;
    for (size_t i = 0; i < n; i++)
        diff |= (unsigned char)want[i] ^ (unsigned char)(i < m ? got[i] : 0);
    return diff == 0;
}

int hs__http_session_new(char out[65]) {
    unsigned char raw[32];
    size_t got = 0;
    int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    while (got < sizeof(raw)) {
        ssize_t k = read(fd, raw + got, sizeof(raw) - got);
        if (k <= 0 && errno != EINTR)
            break;
        if (k > 0)
            got += (size_t)k;
    }
    close(fd);
    if (got < sizeof(raw))
        return -1;
    for (size_t i = 0; i < sizeof(raw); i++)
        snprintf(out + 2 * i, 3, "%02x", raw[i]);
    return 0;
}

/* ---------------------------------------------------------------------
 * Content type
 */

int hs__http_is_json_type(const char *t) {
    static const char json[] = "application/json";
    if (!t)
        return 0;
    while (*t == ' ' || *t == '\t')
        t++;
    if (hs__strncasecmp(t, json, sizeof(json) - 1))
        return 0;
    t += sizeof(json) - 1;
    while (*t == ' ' || *t == '\t')
        t++;
    if (*t && *t != ';')
        return 0;
    /* the body is read as UTF-8: a charset parameter must say so (a
     * UTF-16 body was taken and read as bytes of UTF-8) */
    while (*t == ';') {
        size_t n, vn;
        const char *v;
        t++;
        while (*t == ' ' || *t == '\t')
            t++;
        n = strcspn(t, "=;");
        if (t[n] != '=') {
            t += n;
            continue;
        }
        v = t + n + 1;
        vn = strcspn(v, ";");
        while (vn && (v[vn - 1] == ' ' || v[vn - 1] == '\t'))
            vn--;
        if (vn >= 2 && v[0] == '"' && v[vn - 1] == '"')
            v++, vn -= 2;
        if (n == 7 && !hs__strncasecmp(t, "charset", 7) &&
            !((vn == 5 && !hs__strncasecmp(v, "utf-8", 5)) ||
              (vn == 4 && !hs__strncasecmp(v, "utf8", 4))))
            return 0;
        t += n + 1 + strcspn(t + n + 1, ";");
    }
    return 1;
}

int hs__http_is_identity_coding(const char *v) {
    static const char identity[] = "identity";
    if (!v)
        return 1;
    while (*v == ' ' || *v == '\t')
        v++;
    if (!hs__strncasecmp(v, identity, sizeof(identity) - 1))
        v += sizeof(identity) - 1;
    while (*v == ' ' || *v == '\t')
        v++;
    return !*v;
}

/* ---------------------------------------------------------------------
 * Pages
 */

/* The style of the login and error pages: inline, no external resource. */
static const char page_head[] =
    "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
    "<meta name=\"viewport\" content=\"width=device-width, "
    "initial-scale=1\"><meta name=\"referrer\" content=\"no-referrer\">"
    "<style>body{font:16px/1.5 system-ui,sans-serif;max-width:26rem;"
    "margin:4rem auto;padding:0 1rem;color:#222}input,button{font:inherit;"
    "width:100%;box-sizing:border-box;padding:.4rem;margin:.3rem 0}"
    "</style>";

/* Append `s` with every byte but [A-Za-z0-9._~/-] as %XX. */
static void url_encode(hs__buf *b, const char *s) {
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
            (*p >= '0' && *p <= '9') || strchr("._~/-", *p))
            hs__buf_putc(b, (char)*p);
        else
            hs__buf_printf(b, "%%%02X", *p);
    }
}

char *hs__http_login_page(const char *url, const char *next, const char *msg) {
    hs__buf b = HS_BUF_INIT;
    const char *path = url[0] == '/' ? url + 1 : url;
    hs__buf_puts(&b, page_head);
    hs__buf_puts(&b, "<title>hindsight: sign in</title></head><body>"
                     "<h1>hindsight</h1><p>");
    hs__html_escape(&b, msg);
    /* the form posts to ROOT/login, ROOT relative to this page */
    hs__buf_puts(&b, "</p><form method=\"post\" action=\"");
    for (const char *p = path; *p; p++)
        if (*p == '/')
            hs__buf_puts(&b, "../");
    hs__buf_puts(&b, "login\"><input type=\"hidden\" name=\"next\" value=\"");
    hs__html_escape(&b, next ? next : "");
    hs__buf_puts(&b, "\"><label>Token <input type=\"password\" name=\"token\" "
                     "autocomplete=\"current-password\" autofocus "
                     "required></label><button type=\"submit\">Sign in"
                     "</button></form></body></html>\n");
    return hs__buf_detach(&b, NULL);
}

char *hs__http_error_page(int status, const char *msg) {
    hs__buf b = HS_BUF_INIT;
    hs__buf_puts(&b, page_head);
    hs__buf_printf(&b, "<title>%d</title></head><body><h1>%d</h1><p>", status,
                   status);
    hs__html_escape(&b, msg);
    hs__buf_puts(&b, "</p></body></html>\n");
    return hs__buf_detach(&b, NULL);
}

static int hex_value(char c) {
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

char *hs__http_form_value(const char *body, size_t len, const char *key) {
    size_t kl = strlen(key), i = 0;
    while (i < len) {
        size_t end = i;
        while (end < len && body[end] != '&')
            end++;
        if (end - i > kl && !memcmp(body + i, key, kl) && body[i + kl] == '=') {
            hs__buf v = HS_BUF_INIT;
            for (size_t k = i + kl + 1; k < end; k++) {
                int hi, lo;
                if (body[k] == '+')
                    hs__buf_putc(&v, ' ');
                else if (body[k] == '%' && k + 2 < end &&
                         (hi = hex_value(body[k + 1])) >= 0 &&
                         (lo = hex_value(body[k + 2])) >= 0) {
                    if (!hi && !lo) {
                        /* %00 would end the value early: the token
                         * "right%00anything" signed in as "right" */
                        hs__buf_release(&v);
                        return NULL;
                    }
                    hs__buf_putc(&v, (char)(hi * 16 + lo));
                    k += 2;
                } else
                    hs__buf_putc(&v, body[k]);
            }
            return hs__buf_detach(&v, NULL);
        }
        i = end + 1;
    }
    return NULL;
}

char *hs__http_next_location(const char *next) {
    hs__buf b = HS_BUF_INIT;
    if (!next || !*next || next[0] == '/' || next[0] == '\\' ||
        strchr(next, '\\'))
        return hs__xstrdup("./");
    url_encode(&b, next);
    return hs__buf_detach(&b, NULL);
}

/* ---------------------------------------------------------------------
 * Logs
 */

void hs__http_log_escape(hs__buf *b, const char *s) {
    for (const unsigned char *p = (const unsigned char *)s; p && *p; p++) {
        if (*p < 0x20 || *p == 0x7f || *p == '"' || *p == '\\')
            hs__buf_printf(b, "\\x%02x", *p);
        else
            hs__buf_putc(b, (char)*p);
    }
}
