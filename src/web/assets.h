/*
 * Templates and web assets compiled into the program (scripts/embed.py
 * writes build/gen/assets.c from templates/ and web/).
 */
#ifndef HS_ASSETS_H
#define HS_ASSETS_H

#include <stddef.h>

typedef struct hs__asset {
    const char *name; /* "templates/index.html", "web/app.js" */
    const char *data; /* NUL-terminated */
    size_t len;
} hs__asset;

extern const hs__asset hs__assets[];
extern const size_t hs__n_assets;

/* The asset called `name`, or NULL. */
const hs__asset *hs__asset_find(const char *name);

#endif
