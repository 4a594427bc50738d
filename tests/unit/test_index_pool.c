/*
 * The index run's ordered pool (store/index_pool.c): every job is worked
 * exactly once, jobs come back in the order they were submitted whatever
 * thread worked them, no more than `cap` are out at once, one thread means
 * no thread started, and freeing a pool releases the jobs not taken back.
 */
#include "store/index_pool.h"

#include <criterion/criterion.h>
#include <pthread.h>
#include <stdint.h>
#include <time.h>

typedef struct job {
    size_t n;
    uint64_t result;
    int times_worked;
    pthread_t worker;
} job;

static void work(void *ctx, void *arg) {
    job *j = arg;
    struct timespec pause = {0, (long)(j->n % 7) * 20000};
    (void)ctx;
    /* uneven work, so later jobs often finish before earlier ones */
    nanosleep(&pause, NULL);
    j->result = (uint64_t)j->n * j->n;
    j->times_worked++;
    j->worker = pthread_self();
}

static int n_released;

static void release(void *arg) {
    (void)arg;
    n_released++;
}

/* Submit jobs 0..n_jobs-1 through p, checking each as it comes back. */
static void run_jobs(hs__pool *p, size_t n_jobs) {
    size_t n_submitted = 0;
    for (size_t i = 0; i < n_jobs; i++) {
        job *j;
        while (n_submitted < n_jobs && (j = hs__pool_slot(p)) != NULL) {
            cr_assert_eq(j->times_worked, 0, "a slot comes back zeroed");
            j->n = n_submitted++;
            hs__pool_submit(p);
        }
        j = hs__pool_next(p);
        cr_assert_not_null(j);
        cr_assert_eq(j->n, i, "job %zu came back before job %zu", j->n, i);
        cr_assert_eq(j->result, (uint64_t)i * i);
        cr_assert_eq(j->times_worked, 1);
        hs__pool_done(p);
    }
    cr_assert_null(hs__pool_next(p), "no job is out");
}

Test(index_pool, jobs_come_back_in_order) {
    hs__pool *p = hs__pool_new(4, 8, sizeof(job), work, NULL);
    cr_assert_eq(hs__pool_threads(p), 4);
    run_jobs(p, 2000);
    hs__pool_free(p, release);
}

Test(index_pool, one_thread_works_on_the_caller) {
    hs__pool *p = hs__pool_new(1, 1, sizeof(job), work, NULL);
    job *j;
    cr_assert_eq(hs__pool_threads(p), 1);
    run_jobs(p, 50);
    j = hs__pool_slot(p);
    j->n = 3;
    hs__pool_submit(p);
    cr_assert_null(hs__pool_slot(p), "one job out fills a pool of one");
    j = hs__pool_next(p);
    cr_assert(pthread_equal(j->worker, pthread_self()));
    hs__pool_done(p);
    hs__pool_free(p, release);
}

Test(index_pool, at_most_cap_jobs_are_out) {
    hs__pool *p = hs__pool_new(3, 5, sizeof(job), work, NULL);
    for (size_t i = 0; i < 5; i++) {
        job *j = hs__pool_slot(p);
        cr_assert_not_null(j, "slot %zu of 5", i);
        j->n = i;
        hs__pool_submit(p);
    }
    cr_assert_null(hs__pool_slot(p));
    cr_assert_eq(((job *)hs__pool_next(p))->n, 0);
    hs__pool_done(p);
    cr_assert_not_null(hs__pool_slot(p), "giving one back frees a slot");
    hs__pool_free(p, release);
}

Test(index_pool, free_releases_the_jobs_not_taken_back) {
    hs__pool *p = hs__pool_new(2, 16, sizeof(job), work, NULL);
    n_released = 0;
    for (size_t i = 0; i < 16; i++) {
        job *j = hs__pool_slot(p);
        j->n = i;
        hs__pool_submit(p);
    }
    hs__pool_next(p);
    hs__pool_done(p);
    hs__pool_free(p, release);
    cr_assert_eq(n_released, 15);
    hs__pool_free(NULL, release);
}

/* Job 0 waits (up to 2 s) for job 1 to be worked: the caller, waiting
 * for job 0 while the one worker holds it, must work job 1 meanwhile. */
static pthread_mutex_t gate_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t gate_cv = PTHREAD_COND_INITIALIZER;
static int gate_started, gate_open;

static void gated_work(void *ctx, void *arg) {
    job *j = arg;
    (void)ctx;
    j->worker = pthread_self();
    j->times_worked++;
    pthread_mutex_lock(&gate_mu);
    if (j->n == 0) {
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_sec += 2;
        gate_started = 1;
        pthread_cond_broadcast(&gate_cv);
        while (!gate_open &&
               pthread_cond_timedwait(&gate_cv, &gate_mu, &until) == 0)
            ;
    } else {
        gate_open = 1;
        pthread_cond_broadcast(&gate_cv);
    }
    pthread_mutex_unlock(&gate_mu);
}

Test(index_pool, the_caller_works_later_jobs_while_it_waits) {
    hs__pool *p = hs__pool_new(2, 4, sizeof(job), gated_work, NULL);
    job *j;
    cr_assert_eq(hs__pool_threads(p), 2);
    j = hs__pool_slot(p);
    j->n = 0;
    hs__pool_submit(p);
    pthread_mutex_lock(&gate_mu);
    while (!gate_started)
        pthread_cond_wait(&gate_cv, &gate_mu); /* the worker holds job 0 */
    pthread_mutex_unlock(&gate_mu);
    j = hs__pool_slot(p);
    j->n = 1;
    hs__pool_submit(p);
    j = hs__pool_next(p);
    cr_assert_eq(j->n, 0);
    cr_assert(!pthread_equal(j->worker, pthread_self()));
    hs__pool_done(p);
    j = hs__pool_next(p);
    cr_assert_eq(j->n, 1);
    cr_assert_eq(j->times_worked, 1);
    cr_assert(pthread_equal(j->worker, pthread_self()),
              "job 1 was worked by the caller while job 0 was out");
    hs__pool_done(p);
    hs__pool_free(p, release);
}

Test(index_pool, cpus) {
    cr_assert_geq(hs__pool_cpus(), 1);
}
