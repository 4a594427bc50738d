/*
 * bench/mhd_min.c: the smallest libmicrohttpd server that answers like
 * `hindsight serve` does for /api/health, as the peer of the HTTP benchmark.
 *
 *   cc -O2 bench/mhd_min.c $(pkg-config --cflags --libs libmicrohttpd) \
 *      -o build/bench/mhd_min
 *   build/bench/mhd_min PORT [THREADS]
 *
 * Same daemon setup as src/app/http.c: MHD_USE_EPOLL_INTERNAL_THREAD with a
 * thread pool of one thread per online core (or THREADS), the same
 * connection timeout, connection limit and per-connection memory limit, the
 * request answered on the second call of the access handler, and the same
 * three response headers. Every request, whatever its URL, gets
 * {"status":"ok","postmortems":100000}. Listens on 127.0.0.1 only; prints
 * "ready PORT" on stdout once listening and stops on SIGINT/SIGTERM.
 */
#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static const char BODY[] = "{\"status\":\"ok\",\"postmortems\":100000}";

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c,
                                  const char *url, const char *method,
                                  const char *version, const char *upload,
                                  size_t *upload_size, void **con_cls) {
    static int marker;
    struct MHD_Response *resp;
    enum MHD_Result ret;
    (void)cls, (void)url, (void)method, (void)version, (void)upload;
    if (*con_cls != &marker) { /* first call: headers only */
        *con_cls = &marker;
        return MHD_YES;
    }
    if (*upload_size) { /* discard any body */
        *upload_size = 0;
        return MHD_YES;
    }
    resp = MHD_create_response_from_buffer(sizeof(BODY) - 1, (void *)BODY,
                                           MHD_RESPMEM_PERSISTENT);
    if (!resp)
        return MHD_NO;
    MHD_add_response_header(resp, "Content-Type",
                            "application/json; charset=utf-8");
    MHD_add_response_header(resp, "Cache-Control", "no-store");
    MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
    ret = MHD_queue_response(c, MHD_HTTP_OK, resp);
    MHD_destroy_response(resp);
    return ret;
}

int main(int argc, char **argv) {
    struct sockaddr_in sa;
    struct MHD_Daemon *d;
    sigset_t set;
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    unsigned threads = (unsigned)(cores > 0 ? cores : 2);
    int sig;
    if (argc < 2 || argc > 3) {
        fprintf(stderr, "usage: mhd_min PORT [THREADS]\n");
        return 2;
    }
    if (argc == 3)
        threads = (unsigned)atoi(argv[2]);
    memset(&sa, 0, sizeof(sa));
    sa.sin_family = AF_INET;
    sa.sin_port = htons((unsigned short)atoi(argv[1]));
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    /* block the stop signals in every thread; main waits for them */
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set, NULL);
    d = MHD_start_daemon(
        MHD_USE_EPOLL_INTERNAL_THREAD | MHD_USE_ITC | MHD_USE_ERROR_LOG, 0,
        NULL, NULL, on_request, NULL, MHD_OPTION_SOCK_ADDR,
        (struct sockaddr *)&sa, MHD_OPTION_THREAD_POOL_SIZE, threads,
        MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)30,
        MHD_OPTION_CONNECTION_LIMIT, (unsigned)1024,
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(256 * 1024),
        MHD_OPTION_END);
    if (!d) {
        fprintf(stderr, "mhd_min: cannot listen on 127.0.0.1:%s\n", argv[1]);
        return 1;
    }
    printf("ready %s\n", argv[1]);
    fflush(stdout);
    sigwait(&set, &sig);
    MHD_quiesce_daemon(d);
    MHD_stop_daemon(d);
    return 0;
}
