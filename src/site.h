/*
 * Internal pieces of the web view shared with its tests: reversible slugs
 * that turn ids and tags into file names.
 */
#ifndef HS_SITE_H
#define HS_SITE_H

#include "buf.h"

/* Append `id` as a file name: [A-Za-z0-9._-] kept, other bytes as ~XX. */
void hs__slug(const char *id, hs__buf *out);
/* Decode a slug of `len` bytes; -1 if it is not one. */
int hs__unslug(const char *slug, size_t len, hs__buf *out);

#endif
