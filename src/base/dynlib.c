/*
 * dlopen at first use (dynlib.h). The one lock below serialises loading;
 * once `handle` is set the slots are filled and only read, so a caller that
 * sees the handle (under the lock) may call through them from any thread.
 */
#include "base/dynlib.h"
#include "base/error.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "base/banned.h"

/* Loading touches dlerror's per-thread state and the callers' tables. */
static pthread_mutex_t load_lock = PTHREAD_MUTEX_INITIALIZER;

int hs__dynlib_load(hs__dynlib *lib, hs_error *err) {
    void *h;
    char why[200] = "";
    int rc = 0;

    pthread_mutex_lock(&load_lock);
    if (lib->handle)
        goto out;
    h = dlopen(lib->soname, RTLD_NOW | RTLD_LOCAL);
    if (!h)
        snprintf(why, sizeof(why), "%s", dlerror());
    for (const hs__dynsym *s = lib->syms; h && s->name; s++) {
        void *fn;
        dlerror();
        fn = dlsym(h, s->name);
        if (!fn) {
            snprintf(why, sizeof(why), "%s", dlerror());
            dlclose(h);
            h = NULL;
            break;
        }
        /* POSIX: a function pointer and void * share a representation.
         * GCC 12's analyzer reads the copy of fn as uninitialised. */
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wanalyzer-use-of-uninitialized-value"
#endif
        memcpy(s->slot, &fn, sizeof(fn));
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif
    }
    if (h)
        lib->handle = h;
    else
        rc = hs__seterr(err, HS_EIO, "%s needs %s (apt-get install %s): %s",
                        lib->use, lib->package, lib->package, why);
out:
    pthread_mutex_unlock(&load_lock);
    return rc;
}
