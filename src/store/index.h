/*
 * What index.c shares with the rest of the library: reading a markdown file
 * the way the indexer does (read-only, at most HS_MAX_FILE_BYTES).
 */
#ifndef HS_INDEX_H
#define HS_INDEX_H

#include "base/buf.h"
#include "hindsight.h"

/* Append the file's bytes to `out`. Errors: HS_EIO, HS_ETOOBIG. */
int hs__read_file(const char *path, hs__buf *out, hs_error *err);

#endif
