/*
 * An ordered pool for the index run: the calling thread (the one that owns
 * the database) prepares jobs in order, up to `cap` ahead; worker threads
 * do the pure part of each (read, hash, parse, extract); the calling
 * thread takes the finished jobs back in the order it prepared them.
 */
#ifndef HS_INDEX_POOL_H
#define HS_INDEX_POOL_H

#include <stddef.h>

typedef struct hs__pool hs__pool;

/* The part of a job any thread may do: it must touch only the job and
 * what `ctx` lets every thread read. */
typedef void hs__pool_work_fn(void *ctx, void *job);

/*
 * A pool of `n_threads` threads in all, the caller's among them: with 1
 * it starts no thread and hs__pool_next() does each job on the caller's
 * thread, in turn. Jobs are `job_size` bytes, at most `cap` (>= 1)
 * prepared and not yet taken back at once, so memory does not grow with
 * the number of jobs. Caller frees with hs__pool_free(). The threads
 * block every signal, so signals reach the caller's thread as before.
 */
hs__pool *hs__pool_new(size_t n_threads, size_t cap, size_t job_size,
                       hs__pool_work_fn *work, void *ctx);

/* The number of threads working, the caller's among them. */
size_t hs__pool_threads(const hs__pool *p);

/* A zeroed job to prepare, or NULL while `cap` jobs are out. Borrowed
 * until hs__pool_submit() hands it to the pool. */
void *hs__pool_slot(hs__pool *p);

/* Hand the job from hs__pool_slot() to the workers. */
void hs__pool_submit(hs__pool *p);

/*
 * The oldest submitted job, once it is worked, or NULL when none is out.
 * While a worker has it, this thread works the later jobs no worker has
 * taken yet (and the oldest itself if none has). Borrowed until
 * hs__pool_done().
 */
void *hs__pool_next(hs__pool *p);

/* Give back the job from hs__pool_next(). */
void hs__pool_done(hs__pool *p);

/*
 * Stop the workers (each finishes the job in its hands), call `release`
 * on every job submitted and not given back, worked or not, and free the
 * pool. NULL is a no-op.
 */
void hs__pool_free(hs__pool *p, void (*release)(void *job));

/* The number of online CPUs, at least 1: the default thread count. */
size_t hs__pool_cpus(void);

#endif
