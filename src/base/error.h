/*
 * Internal error helpers: fill a caller's hs_error (which may be NULL) and
 * return the code, so call sites read `return hs__seterr(err, HS_EIO, ...)`.
 */
#ifndef HS_ERROR_H
#define HS_ERROR_H

#include "hindsight.h"

#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
int hs__seterr(hs_error *err, int code, const char *fmt, ...);

/* The refusal of a list cursor no answer gave, whichever list it is for
 * (the alerts' said "this server's answer gave", the others "this server
 * gave"). */
#define HS__CURSOR_REFUSED "cursor is not one this server gave"

#endif
