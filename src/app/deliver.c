/*
 * Delivery of reports: chat incoming webhooks through libcurl and mail
 * through sendmail -t. This is I/O of the program, so it lives in app/,
 * but it prints nothing: failures come back in hs_error for cli_report.c.
 * A webhook URL's path is its secret, so no message here ever contains more
 * of it than scheme://host[:port]. libcurl is loaded at the first post
 * (base/dynlib.h), so no other command maps it; every call goes through
 * `curl`.
 */
#include "app/deliver.h"
#include "base/buf.h"
#include "base/dynlib.h"
#include "base/error.h"
#include "base/text.h"
#include "base/util.h"
#include "model/record.h"

#include <curl/curl.h>
#include <errno.h>
#include <jansson.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "base/banned.h"

/*
 * The libcurl functions this file calls, as curl.<name> for curl_<name>.
 * (Calls through the table skip curl.h's compile-time check of
 * curl_easy_setopt's argument types: keep the CURLOPT_* values plain.)
 */
#define CURL_FUNCS(X, ...)                                                     \
    X(__VA_ARGS__, easy_cleanup)                                               \
    X(__VA_ARGS__, easy_getinfo)                                               \
    X(__VA_ARGS__, easy_init)                                                  \
    X(__VA_ARGS__, easy_perform)                                               \
    X(__VA_ARGS__, easy_setopt)                                                \
    X(__VA_ARGS__, easy_strerror)                                              \
    X(__VA_ARGS__, free)                                                       \
    X(__VA_ARGS__, global_cleanup)                                             \
    X(__VA_ARGS__, global_init)                                                \
    X(__VA_ARGS__, slist_append)                                               \
    X(__VA_ARGS__, slist_free_all)                                             \
    X(__VA_ARGS__, url)                                                        \
    X(__VA_ARGS__, url_cleanup)                                                \
    X(__VA_ARGS__, url_get)                                                    \
    X(__VA_ARGS__, url_set)

/* Filled once per process by hs__dynlib_load, read-only after. */
HS__DYNLIB(libcurl, curl, CURL_FUNCS, curl_, "libcurl.so.4", "libcurl4",
           "report delivery");

/* ---------------------------------------------------------------------
 * Splitting a report into chat messages
 */

/* Length of the line at `p`, without its newline. */
static size_t line_len(const char *p) {
    return strcspn(p, "\n");
}

static int is_table_row(const char *p) {
    return *p == '|';
}

/* The line after the one at `p` is a table's |---| separator. */
static int next_is_separator(const char *p) {
    const char *next = p + line_len(p);
    if (!*next)
        return 0;
    next++;
    return next[0] == '|' && strspn(next, "|-: ") >= 3 &&
           (next[strspn(next, "|-: ")] == '\n' ||
            next[strspn(next, "|-: ")] == '\0');
}

static void push_message(hs_strlist *out, hs__buf *cur) {
    hs__buf_rtrim(cur);
    if (cur->len)
        hs__strlist_push(out, cur->data);
    hs__buf_reset(cur);
}

/*
 * Split `md` into messages of at most `max` bytes, between lines. A table
 * cut in two gets its header again at the top of the next message, so
 * that each message renders on its own. A line longer than `max` is cut
 * between characters.
 */
static void split_messages(const char *md, size_t max, hs_strlist *out) {
    hs__buf cur = HS_BUF_INIT, head = HS_BUF_INIT;
    const char *p = md;
    while (*p) {
        size_t n = line_len(p), take = n;
        int is_head = is_table_row(p) && next_is_separator(p);
        if (is_head) { /* the header and its separator stay together */
            take = n + 1 + line_len(p + n + 1);
            hs__buf_reset(&head);
            hs__buf_put(&head, p, take);
            hs__buf_putc(&head, '\n');
        } else if (!is_table_row(p)) {
            hs__buf_reset(&head);
        }
        if (cur.len && cur.len + take + 1 > max) {
            push_message(out, &cur);
            if (!is_head && is_table_row(p) && head.len && head.len < max / 2)
                hs__buf_put(&cur, head.data, head.len);
        }
        while (cur.len + take + 1 > max) { /* a line longer than a message */
            size_t k = hs__utf8_cut(p, take, max - cur.len - 1);
            if (k == 0) /* only if max is tiny; take one byte */
                k = 1;
            hs__buf_put(&cur, p, k);
            push_message(out, &cur);
            p += k;
            take -= k;
        }
        hs__buf_put(&cur, p, take);
        hs__buf_putc(&cur, '\n');
        p += take;
        if (*p == '\n')
            p++;
    }
    push_message(out, &cur);
    hs__buf_release(&cur);
    hs__buf_release(&head);
}

/* ---------------------------------------------------------------------
 * Posting to a webhook
 */

/*
 * "scheme://host[:port]" of `url` into `origin`, the only part of the URL
 * that messages may show. Returns 0, or HS_EINVAL for anything but an
 * http(s) URL with a host.
 */
static int url_origin(const char *url, hs__buf *origin) {
    CURLU *u = curl.url();
    char *scheme = NULL, *host = NULL, *port = NULL;
    int rc = HS_EINVAL;
    if (u && curl.url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK &&
        curl.url_get(u, CURLUPART_SCHEME, &scheme, 0) == CURLUE_OK &&
        curl.url_get(u, CURLUPART_HOST, &host, 0) == CURLUE_OK &&
        (!strcmp(scheme, "http") || !strcmp(scheme, "https"))) {
        curl.url_get(u, CURLUPART_PORT, &port, 0); /* none unless written */
        hs__buf_printf(origin, "%s://%s%s%s", scheme, host, port ? ":" : "",
                       port ? port : "");
        rc = 0;
    }
    curl.free(scheme);
    curl.free(host);
    curl.free(port);
    curl.url_cleanup(u);
    return rc;
}

/* What a post keeps of an answer. */
typedef struct answer {
    CURL *c;
    hs__buf body; /* its first ANSWER_KEEP bytes */
    int is_cut;   /* reading stopped by keep_body */
} answer;

#define ANSWER_KEEP 200

/*
 * The start of the answer's body, for the message when a post is refused
 * (Slack says "invalid_payload", "no_text", ...). Reading stops once a
 * 2xx status is known (its body says nothing we use) or the excerpt is
 * full: a receiver that sends an endless or dripping body has answered,
 * and waiting for the body's end ran into the timeout, so a message that
 * arrived was reported as "no answer" (and a 5xx was never retried).
 */
static size_t keep_body(char *data, size_t size, size_t n, void *ctx) {
    answer *a = ctx;
    size_t len = size * n;
    long status = 0;
    curl.easy_getinfo(a->c, CURLINFO_RESPONSE_CODE, &status);
    if (status < 200 || status >= 300)
        hs__buf_put(
            &a->body, data,
            len < ANSWER_KEEP - a->body.len ? len : ANSWER_KEEP - a->body.len);
    if ((status >= 200 && status < 300) || a->body.len >= ANSWER_KEEP) {
        a->is_cut = 1;
        return 0; /* not len: libcurl stops the transfer */
    }
    return len;
}

/* The body excerpt on one line, control characters dropped. */
static void clean_excerpt(hs__buf *b) {
    size_t j = 0;
    for (size_t i = 0; i < b->len; i++)
        if ((unsigned char)b->data[i] >= 0x20)
            b->data[j++] = b->data[i];
    hs__buf_truncate(b, j);
    hs__buf_rtrim(b);
}

/*
 * A redirect is not followed: a webhook's POST must not be re-sent
 * elsewhere (nor, after a 302, as a GET), and a receiver could send it in
 * a loop or to file://. The message names where it led, by origin only
 * (the path of a webhook URL is its secret); it said "answered 302",
 * which left the user to find out why.
 */
static void redirect_err(CURL *c, const char *origin, long status,
                         hs_error *err) {
    char *to = NULL;
    hs__buf where = HS_BUF_INIT;
    curl.easy_getinfo(c, CURLINFO_REDIRECT_URL, &to);
    if (!to)
        hs__seterr(err, HS_EIO,
                   "%s answered %ld, a redirect with no Location; give the "
                   "webhook URL itself",
                   origin, status);
    else if (url_origin(to, &where) != 0)
        hs__seterr(err, HS_EIO,
                   "%s answered %ld, a redirect to a URL that is not http or "
                   "https; not followed",
                   origin, status);
    else
        hs__seterr(err, HS_EIO,
                   "%s answered %ld, a redirect to %s; redirects are not "
                   "followed: give --post the URL it leads to",
                   origin, status, where.data);
    hs__buf_release(&where);
}

/*
 * POST one message, retrying on 429, 5xx and connections that could not be
 * made. Returns 0 or HS_EIO with err naming `origin`.
 */
static int post_one(CURL *c, const char *body, const hs__post_opts *o,
                    const char *origin, hs_error *err) {
    answer a = {c, HS_BUF_INIT, 0};
    long wait_s = 1, status = 0;
    int rc = HS_EIO;
    curl.easy_setopt(c, CURLOPT_POSTFIELDS, body);
    curl.easy_setopt(c, CURLOPT_WRITEDATA, &a);
    for (int attempt = 1;; attempt++) {
        CURLcode res;
        curl_off_t retry_after = 0;
        int is_retryable;
        hs__buf_reset(&a.body);
        a.is_cut = 0;
        res = curl.easy_perform(c);
        status = 0;
        curl.easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
        /* a status line that came is the answer, whatever its body did */
        if ((res == CURLE_WRITE_ERROR && a.is_cut) ||
            (res == CURLE_OPERATION_TIMEDOUT && status >= 200))
            res = CURLE_OK;
        if (res == CURLE_OPERATION_TIMEDOUT) {
            /* it may have arrived: retrying could post it twice */
            hs__seterr(err, HS_EIO, "no answer from %s within %ld s", origin,
                       o->timeout_s);
            break;
        }
        if (res == CURLE_OK) {
            if (status >= 200 && status < 300) {
                rc = 0;
                break;
            }
            curl.easy_getinfo(c, CURLINFO_RETRY_AFTER, &retry_after);
            is_retryable = status == 429 || status >= 500;
            clean_excerpt(&a.body);
            if (status >= 300 && status < 400)
                redirect_err(c, origin, status, err);
            else
                hs__seterr(err, HS_EIO, "%s answered %ld%s%s", origin, status,
                           a.body.len ? ": " : "",
                           a.body.len ? a.body.data : "");
        } else {
            is_retryable = res == CURLE_COULDNT_CONNECT ||
                           res == CURLE_COULDNT_RESOLVE_HOST;
            /* libcurl 7.88 refuses an answer's header line over 100 KiB
             * as "Out of memory", which sent the user looking at the
             * machine (8.x says CURLE_TOO_LARGE, clear as it is) */
            if (res == CURLE_OUT_OF_MEMORY)
                hs__seterr(err, HS_EIO,
                           "cannot read the answer of %s: libcurl says 'Out of "
                           "memory', as it does of a header over 100 KiB",
                           origin);
            else
                hs__seterr(err, HS_EIO, "cannot post to %s: %s", origin,
                           curl.easy_strerror(res));
        }
        if (!is_retryable || attempt >= o->max_tries)
            break;
        /* Retry-After wins (capped: a cron job should not hang for hours) */
        if (retry_after > 0)
            wait_s = retry_after < 300 ? (long)retry_after : 300;
        sleep((unsigned)wait_s);
        wait_s = wait_s < 32 ? wait_s * 2 : 64;
    }
    hs__buf_release(&a.body);
    return rc;
}

int hs__deliver_post(const char *url, const char *markdown,
                     const hs__post_opts *opts, size_t *n_sent, hs_error *err) {
    hs__post_opts o = {10, 5, HS_POST_MESSAGE_MAX};
    hs__buf origin = HS_BUF_INIT;
    hs_strlist msgs = {0};
    struct curl_slist *headers = NULL;
    CURL *c = NULL;
    int rc = 0;

    *n_sent = 0;
    if (opts && opts->timeout_s > 0)
        o.timeout_s = opts->timeout_s;
    if (opts && opts->max_tries > 0)
        o.max_tries = opts->max_tries;
    if (opts && opts->message_max >= 64)
        o.message_max = opts->message_max;
    if ((rc = hs__dynlib_load(&libcurl, err)) != 0)
        return rc;
    if (curl.global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
        return hs__seterr(err, HS_EIO, "cannot start libcurl");
    if (url_origin(url, &origin) != 0) {
        rc = hs__seterr(err, HS_EINVAL,
                        "--post needs an http:// or https:// webhook URL");
        goto out;
    }
    split_messages(markdown, o.message_max, &msgs);
    c = curl.easy_init();
    headers = curl.slist_append(headers, "Content-Type: application/json");
    if (!c || !headers) {
        rc = hs__seterr(err, HS_EIO, "cannot start libcurl");
        goto out;
    }
    curl.easy_setopt(c, CURLOPT_URL, url);
    curl.easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
    curl.easy_setopt(c, CURLOPT_HTTPHEADER, headers);
    curl.easy_setopt(c, CURLOPT_USERAGENT, "hindsight/" HS_VERSION);
    curl.easy_setopt(c, CURLOPT_TIMEOUT, o.timeout_s);
    curl.easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl.easy_setopt(c, CURLOPT_WRITEFUNCTION, keep_body);
    for (size_t i = 0; rc == 0 && i < msgs.n; i++) {
        json_t *j = json_pack("{s:s}", "text", msgs.v[i]);
        char *body = j ? json_dumps(j, JSON_COMPACT) : NULL;
        json_decref(j);
        if (!body)
            rc = hs__seterr(err, HS_EIO, "report is not valid UTF-8");
        if (rc == 0)
            rc = post_one(c, body, &o, origin.data, err);
        if (rc == 0)
            (*n_sent)++;
        free(body);
    }
    if (rc && err && msgs.n > 1) {
        hs__buf m = HS_BUF_INIT;
        hs__buf_printf(&m, "%s (message %zu of %zu)", err->msg, *n_sent + 1,
                       msgs.n);
        hs__seterr(err, err->code, "%s", m.data);
        hs__buf_release(&m);
    }
out:
    curl.slist_free_all(headers);
    curl.easy_cleanup(c);
    curl.global_cleanup();
    for (size_t i = 0; i < msgs.n; i++)
        free(msgs.v[i]);
    free(msgs.v);
    hs__buf_release(&origin);
    return rc;
}

/* ---------------------------------------------------------------------
 * Mail
 */

static const char b64[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

static void put_base64(hs__buf *b, const unsigned char *s, size_t n) {
    for (size_t i = 0; i < n; i += 3) {
        unsigned v = (unsigned)s[i] << 16;
        if (i + 1 < n)
            v |= (unsigned)s[i + 1] << 8;
        if (i + 2 < n)
            v |= s[i + 2];
        hs__buf_putc(b, b64[(v >> 18) & 63]);
        hs__buf_putc(b, b64[(v >> 12) & 63]);
        hs__buf_putc(b, i + 1 < n ? b64[(v >> 6) & 63] : '=');
        hs__buf_putc(b, i + 2 < n ? b64[v & 63] : '=');
    }
}

/*
 * A header value: as it is when it is printable ASCII, else RFC 2047
 * encoded words of whole UTF-8 characters, folded onto lines of their own.
 */
static void put_header_text(hs__buf *b, const char *s) {
    size_t n = strlen(s);
    int is_ascii = 1;
    for (size_t i = 0; i < n; i++)
        is_ascii &= (unsigned char)s[i] >= 0x20 && (unsigned char)s[i] < 0x7f;
    if (is_ascii) {
        hs__buf_puts(b, s);
        return;
    }
    while (n) {
        size_t k = hs__utf8_cut(s, n, 45); /* 60 characters encoded */
        if (k == 0)
            k = n < 45 ? n : 45;
        hs__buf_puts(b, "=?UTF-8?B?");
        put_base64(b, (const unsigned char *)s, k);
        hs__buf_puts(b, "?=");
        s += k;
        n -= k;
        if (n)
            hs__buf_puts(b, "\n "); /* folded: one encoded word a line */
    }
}

/*
 * Quoted-printable (RFC 2045 6.7): lines of at most 76 characters with
 * soft breaks, '=' and bytes outside printable ASCII encoded, and white
 * space at a line's end. A '.' or "From " starting a line is encoded too,
 * so that no mail system reads it as the end of the message or an mbox
 * separator.
 */
static void put_qp(hs__buf *b, const char *s) {
    static const char hex[] = "0123456789ABCDEF";
    size_t col = 0;
    for (const char *p = s; *p; p++) {
        unsigned char c = (unsigned char)*p;
        int is_enc;
        if (c == '\r')
            continue;
        if (c == '\n') {
            hs__buf_putc(b, '\n');
            col = 0;
            continue;
        }
        is_enc = c == '=' || c > 126 || (c < 32 && c != '\t') ||
                 ((c == ' ' || c == '\t') &&
                  (p[1] == '\n' || !p[1] || (p[1] == '\r' && p[2] == '\n')));
        if (col + (is_enc ? 3 : 1) > 75) {
            hs__buf_puts(b, "=\n");
            col = 0;
        }
        if (col == 0 && (c == '.' || !strncmp(p, "From ", 5)))
            is_enc = 1;
        if (is_enc) {
            hs__buf_putc(b, '=');
            hs__buf_putc(b, hex[c >> 4]);
            hs__buf_putc(b, hex[c & 15]);
            col += 3;
        } else {
            hs__buf_putc(b, c);
            col++;
        }
    }
    if (col)
        hs__buf_putc(b, '\n');
}

/* Eight random bytes as hex, for the Message-ID and the boundary. */
static void put_random_hex(hs__buf *b) {
    unsigned char r[8];
    FILE *f = fopen("/dev/urandom", "rb");
    if (!f || fread(r, 1, sizeof(r), f) != sizeof(r)) {
        unsigned long v = (unsigned long)time(NULL) ^
                          ((unsigned long)getpid() << 16) ^
                          (unsigned long)clock();
        for (size_t i = 0; i < sizeof(r); i++, v = v * 6364136223846793005u + 1)
            r[i] = (unsigned char)(v >> 33);
    }
    if (f)
        fclose(f);
    for (size_t i = 0; i < sizeof(r); i++)
        hs__buf_printf(b, "%02x", r[i]);
}

/* RFC 5322 date in UTC, with English names whatever the locale. */
static void put_date(hs__buf *b) {
    static const char *days[] = {"Sun", "Mon", "Tue", "Wed",
                                 "Thu", "Fri", "Sat"};
    static const char *months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    hs__buf_printf(b, "%s, %02d %s %04d %02d:%02d:%02d +0000", days[tm.tm_wday],
                   tm.tm_mday, months[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour,
                   tm.tm_min, tm.tm_sec);
}

/* The host name for From and Message-ID; "localhost" if it has none. */
static void put_hostname(hs__buf *b) {
    char host[256] = "";
    if (gethostname(host, sizeof(host) - 1) != 0 || !*host)
        hs__buf_puts(b, "localhost");
    else
        hs__buf_puts(b, host);
}

/* From: $EMAIL, else "hindsight <user@host>" for the user running it. */
static void put_from(hs__buf *b) {
    const char *email = getenv("EMAIL");
    const struct passwd *pw;
    if (email && *email && !strpbrk(email, "\r\n")) {
        hs__buf_puts(b, email);
        return;
    }
    pw = getpwuid(geteuid());
    hs__buf_printf(b, "hindsight <%s@",
                   pw && pw->pw_name ? pw->pw_name : "hindsight");
    put_hostname(b);
    hs__buf_putc(b, '>');
}

static void put_part(hs__buf *b, const char *boundary, const char *type,
                     const char *body) {
    hs__buf_printf(b,
                   "\n--%s\n"
                   "Content-Type: %s; charset=utf-8\n"
                   "Content-Transfer-Encoding: quoted-printable\n\n",
                   boundary, type);
    put_qp(b, body);
}

/* The whole message, with LF line ends as sendmail expects on its input. */
static void build_message(hs__buf *m, const char *to, const char *subject,
                          const char *text, const char *html) {
    hs__buf boundary = HS_BUF_INIT;
    /* "=_" never occurs in quoted-printable text, so it cannot clash */
    hs__buf_puts(&boundary, "=_hindsight_");
    put_random_hex(&boundary);
    hs__buf_puts(m, "From: ");
    put_from(m);
    hs__buf_printf(m, "\nTo: %s\nSubject: ", to);
    put_header_text(m, subject);
    hs__buf_puts(m, "\nDate: ");
    put_date(m);
    hs__buf_puts(m, "\nMessage-ID: <");
    put_random_hex(m);
    hs__buf_printf(m, ".%ld@", (long)time(NULL));
    put_hostname(m);
    hs__buf_printf(m,
                   ">\nMIME-Version: 1.0\n"
                   "Content-Type: multipart/alternative; boundary=\"%s\"\n"
                   "\nThis is a multipart message in MIME format.\n",
                   boundary.data);
    put_part(m, boundary.data, "text/plain", text);
    put_part(m, boundary.data, "text/html", html);
    hs__buf_printf(m, "\n--%s--\n", boundary.data);
    hs__buf_release(&boundary);
}

int hs__deliver_mail(const char *to, const char *subject, const char *text,
                     const char *html, hs_error *err) {
    const char *sendmail = getenv("SENDMAIL");
    hs__buf msg = HS_BUF_INIT, cmd = HS_BUF_INIT;
    void (*old_pipe)(int);
    FILE *p;
    int st, rc = 0;

    if (!*to || strpbrk(to, "\r\n") || strpbrk(subject, "\r\n"))
        return hs__seterr(err, HS_EINVAL,
                          "--mail needs an address without line breaks");
    if (!sendmail || !*sendmail)
        sendmail = access("/usr/sbin/sendmail", X_OK) == 0
                       ? "/usr/sbin/sendmail"
                       : "sendmail";
    build_message(&msg, to, subject, text, html);
    /* the addresses are read from the headers (-t), never from a shell */
    hs__buf_printf(&cmd, "%s -t", sendmail);
    old_pipe = signal(SIGPIPE, SIG_IGN); /* sendmail may exit early */
    fflush(NULL);
    p = popen(cmd.data, "w");
    if (!p) {
        rc = hs__seterr(err, HS_EIO, "cannot run '%s': %s", sendmail,
                        strerror(errno));
    } else {
        size_t n = fwrite(msg.data, 1, msg.len, p);
        int is_ok = n == msg.len && fflush(p) == 0;
        st = pclose(p);
        if (st == -1 || !WIFEXITED(st))
            rc = hs__seterr(err, HS_EIO, "'%s -t' did not finish", sendmail);
        else if (WEXITSTATUS(st) == 127)
            rc = hs__seterr(err, HS_EIO, "cannot run '%s'", sendmail);
        else if (WEXITSTATUS(st) != 0)
            rc = hs__seterr(err, HS_EIO, "'%s -t' failed with exit status %d",
                            sendmail, WEXITSTATUS(st));
        else if (!is_ok)
            rc = hs__seterr(err, HS_EIO, "'%s -t' did not read the message",
                            sendmail);
    }
    signal(SIGPIPE, old_pipe);
    hs__buf_release(&msg);
    hs__buf_release(&cmd);
    return rc;
}
