/*
 * hs__thread_start: the one place the library creates a thread (the index
 * run's workers, its early sync, the related lists and their slices).
 * It decides nothing about how many threads run or what they do.
 */
#include "base/thread.h"

#include <signal.h>

#include "base/banned.h"

int hs__thread_start(pthread_t *t, void *(*fn)(void *), void *arg) {
    sigset_t all, old;
    int rc;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &old);
    rc = (pthread_create)(t, NULL, fn, arg); /* the one allowed call */
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    return rc == 0 ? 0 : -1;
}
