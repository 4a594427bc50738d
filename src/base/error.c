/*
 * Error codes, their names and HTTP statuses, all generated from the one
 * HS_ERRNO_MAP table in hindsight.h (after libuv), and hs__seterr, which
 * formats a message into caller memory without allocating.
 */
#include "base/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "base/banned.h"

const char *hs_strerror(int code) {
    switch (code) {
#define XX(name, val, msg, http)                                               \
    case HS_##name:                                                            \
        return msg;
        HS_ERRNO_MAP(XX)
#undef XX
    case 0:
        return "success";
    }
    return "unknown error";
}

const char *hs_errname(int code) {
    switch (code) {
#define XX(name, val, msg, http)                                               \
    case HS_##name:                                                            \
        return #name;
        HS_ERRNO_MAP(XX)
#undef XX
    }
    return "EUNKNOWN";
}

int hs_err_http_status(int code) {
    switch (code) {
#define XX(name, val, msg, http)                                               \
    case HS_##name:                                                            \
        return http;
        HS_ERRNO_MAP(XX)
#undef XX
    case 0:
        return 200;
    }
    return 500;
}

/* Is `c` a byte inside a UTF-8 sequence (not its first)? */
static int is_cont(char c) {
    return ((unsigned char)c & 0xC0) == 0x80;
}

/*
 * Shorten the quoted subject that starts at m[q] (after its quote) and is
 * `len` bytes long by `cut` bytes or as many as it can spare (it keeps 16),
 * writing "..." in its middle; never half a UTF-8 character. Returns the
 * bytes removed. `m` is NUL-terminated and `n` bytes long.
 */
static size_t elide(char *m, size_t n, size_t q, size_t len, size_t cut) {
    size_t keep, head, tail;
    if (len <= 16 + 3)
        return 0;
    keep = len - 3 > cut + 16 ? len - 3 - cut : 16;
    head = q + keep / 2;
    tail = q + len - (keep - keep / 2);
    while (head > q && is_cont(m[head]))
        head--;
    while (tail < q + len && is_cont(m[tail]))
        tail++;
    if (tail - head <= 3)
        return 0;
    memcpy(m + head, "...", 3);
    memmove(m + head + 3, m + tail, n - tail + 1);
    return tail - head - 3;
}

/*
 * Fit the message `m` of `n` bytes in `cap` bytes with its NUL. The subject
 * of a message comes quoted first and the reason last ("cannot open
 * 'PATH': Permission denied"), so a cut at the end lost the reason of any
 * long path; the longest quoted subject loses its middle instead, then the
 * next, and what still does not fit is cut at the end as before.
 */
static void fit(char *m, size_t n, size_t cap) {
    while (n >= cap) {
        size_t best = 0, best_len = 0, got;
        for (size_t i = 0; i < n; i++) {
            const char *close;
            if (m[i] != '\'')
                continue;
            close = strchr(m + i + 1, '\'');
            if (!close)
                break;
            if ((size_t)(close - (m + i + 1)) > best_len) {
                best = i + 1;
                best_len = (size_t)(close - (m + i + 1));
            }
            i = (size_t)(close - m);
        }
        got = best_len ? elide(m, n, best, best_len, n - cap + 1) : 0;
        if (!got)
            break;
        n -= got;
    }
    if (n >= cap) {
        n = cap - 1;
        while (n > 0 && is_cont(m[n]))
            n--;
        m[n] = '\0';
    }
}

int hs__seterr(hs_error *err, int code, const char *fmt, ...) {
    if (err) {
        char m[4096 + 512]; /* a PATH_MAX path and its reason */
        va_list ap;
        int n;
        err->code = code;
        va_start(ap, fmt);
        n = vsnprintf(m, sizeof(m), fmt, ap);
        va_end(ap);
        if (n < 0)
            n = 0, m[0] = '\0';
        fit(m, (size_t)n < sizeof(m) ? (size_t)n : sizeof(m) - 1,
            sizeof(err->msg));
        memcpy(err->msg, m, strlen(m) + 1);
    }
    return code;
}
