/*
 * The ordered pool of index_pool.h: a ring of `cap` job slots between one
 * producer-consumer (the thread that owns the database) and the worker
 * threads. Jobs are taken by workers in the order they were submitted and
 * given back in that order, so whatever the caller does with a job's
 * result happens in the same order as on one thread. It knows nothing of
 * files or SQLite.
 */
#include "store/index_pool.h"
#include "base/thread.h"
#include "base/util.h"
#include "hindsight.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/banned.h"

/* More threads than this only wait for the one writer. */
#define MAX_THREADS HS_INDEX_JOBS_MAX

struct hs__pool {
    pthread_mutex_t mu;
    pthread_cond_t work_cv; /* a job was submitted, or stop */
    pthread_cond_t done_cv; /* a job was worked */
    unsigned char *slots;   /* cap jobs of job_size bytes */
    unsigned char *is_done; /* per slot */
    size_t cap, job_size;
    /* job numbers, counted from 0 and never reused: the jobs in
     * [head, submitted) are out, those in [head, claimed) are taken */
    size_t head, claimed, submitted;
    int is_stopping, is_waiting;
    hs__pool_work_fn *work;
    void *ctx;
    pthread_t threads[MAX_THREADS];
    size_t n_started;
};

static void *job_at(hs__pool *p, size_t n) {
    return p->slots + (n % p->cap) * p->job_size;
}

static void *worker_main(void *arg) {
    hs__pool *p = arg;
    pthread_mutex_lock(&p->mu);
    for (;;) {
        size_t n;
        while (!p->is_stopping && p->claimed == p->submitted)
            pthread_cond_wait(&p->work_cv, &p->mu);
        if (p->is_stopping)
            break;
        n = p->claimed++;
        pthread_mutex_unlock(&p->mu);
        p->work(p->ctx, job_at(p, n));
        pthread_mutex_lock(&p->mu);
        p->is_done[n % p->cap] = 1;
        if (p->is_waiting)
            pthread_cond_signal(&p->done_cv);
    }
    pthread_mutex_unlock(&p->mu);
    return NULL;
}

hs__pool *hs__pool_new(size_t n_threads, size_t cap, size_t job_size,
                       hs__pool_work_fn *work, void *ctx) {
    hs__pool *p = hs__xcalloc(1, sizeof(*p));
    cap = cap ? cap : 1;
    p->cap = cap;
    p->job_size = job_size;
    p->slots = hs__xcalloc(cap, job_size);
    p->is_done = hs__xcalloc(cap, 1);
    p->work = work;
    p->ctx = ctx;
    pthread_mutex_init(&p->mu, NULL);
    pthread_cond_init(&p->work_cv, NULL);
    pthread_cond_init(&p->done_cv, NULL);
    if (n_threads > MAX_THREADS)
        n_threads = MAX_THREADS;
    for (size_t i = 1; i < n_threads; i++) {
        if (hs__thread_start(&p->threads[p->n_started], worker_main, p))
            break; /* fewer threads: slower, not wrong */
        p->n_started++;
    }
    return p;
}

size_t hs__pool_threads(const hs__pool *p) {
    return p->n_started + 1;
}

void *hs__pool_slot(hs__pool *p) {
    void *job;
    /* only this thread moves head and submitted: no lock needed to read */
    if (p->submitted - p->head >= p->cap)
        return NULL;
    job = job_at(p, p->submitted);
    memset(job, 0, p->job_size);
    p->is_done[p->submitted % p->cap] = 0;
    return job;
}

void hs__pool_submit(hs__pool *p) {
    pthread_mutex_lock(&p->mu);
    p->submitted++;
    if (p->n_started)
        pthread_cond_signal(&p->work_cv);
    pthread_mutex_unlock(&p->mu);
}

void *hs__pool_next(hs__pool *p) {
    size_t n = p->head;
    void *job = job_at(p, n);
    if (n == p->submitted)
        return NULL;
    pthread_mutex_lock(&p->mu);
    while (!p->is_done[n % p->cap]) {
        if (p->claimed < p->submitted) {
            /*
             * Waiting would only idle this thread: it works the next job
             * no worker has taken (job n itself if none has). With two
             * threads the parsing is most of a run, and the writer would
             * otherwise wait for the one worker about half of the time.
             */
            size_t m = p->claimed++;
            pthread_mutex_unlock(&p->mu);
            p->work(p->ctx, job_at(p, m));
            pthread_mutex_lock(&p->mu);
            p->is_done[m % p->cap] = 1;
            continue;
        }
        p->is_waiting = 1;
        pthread_cond_wait(&p->done_cv, &p->mu);
        p->is_waiting = 0;
    }
    pthread_mutex_unlock(&p->mu);
    return job;
}

void hs__pool_done(hs__pool *p) {
    p->head++;
}

void hs__pool_free(hs__pool *p, void (*release)(void *job)) {
    if (!p)
        return;
    pthread_mutex_lock(&p->mu);
    p->is_stopping = 1;
    pthread_cond_broadcast(&p->work_cv);
    pthread_mutex_unlock(&p->mu);
    for (size_t i = 0; i < p->n_started; i++)
        pthread_join(p->threads[i], NULL);
    for (size_t n = p->head; release && n < p->submitted; n++)
        release(job_at(p, n));
    pthread_cond_destroy(&p->done_cv);
    pthread_cond_destroy(&p->work_cv);
    pthread_mutex_destroy(&p->mu);
    free(p->is_done);
    free(p->slots);
    free(p);
}

size_t hs__pool_cpus(void) {
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : (size_t)n;
}
