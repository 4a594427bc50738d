/*
 * Error codes, their names and HTTP statuses, all generated from the one
 * HS_ERRNO_MAP table in hindsight.h (after libuv), and hs__seterr, which
 * formats a message into caller memory without allocating.
 */
#include "base/error.h"

#include <stdarg.h>
#include <stdio.h>

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

int hs__seterr(hs_error *err, int code, const char *fmt, ...) {
    if (err) {
        va_list ap;
        err->code = code;
        va_start(ap, fmt);
        vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
        va_end(ap);
    }
    return code;
}
