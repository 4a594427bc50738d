/*
 * Starting a helper thread of the library. Nothing here knows what the
 * thread does.
 */
#ifndef HS_THREAD_H
#define HS_THREAD_H

#include <pthread.h>

/*
 * Start `fn(arg)` on a new thread `*t` with every signal blocked, so that a
 * handler the program installed keeps running on the thread it expects
 * (the caller's mask is restored before this returns). Returns 0, or -1
 * when no thread could start: callers then do the work on their own
 * thread (slower, not wrong).
 */
int hs__thread_start(pthread_t *t, void *(*fn)(void *), void *arg);

#endif
