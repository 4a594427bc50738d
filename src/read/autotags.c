/*
 * Derived tags: the topics (database, dns, tls, ...) a postmortem is about,
 * found by counting rule words in its text. Pure: no I/O.
 */
#include "read/autotags.h"
#include "base/buf.h"
#include "base/error.h"
#include "base/text.h"
#include "base/util.h"
#include "model/record.h"

#include <string.h>

#include "base/banned.h"

#define AUTO_WORDS 6

static const struct {
    const char *tag;
    const char *const words[AUTO_WORDS];
} auto_rules[] = {
    {"database", {"database", "postgres", "mysql", "postgresql", "rds", "db"}},
    {"connection-pool", {"connection pool", "pgbouncer", "connections"}},
    {"dns", {"dns", "coredns", "resolver", "nameserver"}},
    {"tls", {"certificate", "tls", "ssl", "cert-manager", "x509"}},
    {"deploy", {"deploy", "deployment", "rollout", "release"}},
    {"rollback", {"rollback", "rolled back", "revert"}},
    {"config", {"config", "configuration", "misconfiguration"}},
    {"kubernetes", {"kubernetes", "k8s", "pod", "pods", "kubelet", "eks"}},
    {"memory", {"oom", "out of memory", "memory leak", "oom-killer"}},
    {"cpu", {"cpu"}},
    {"disk", {"disk", "inode", "inodes", "volume full"}},
    {"network", {"network", "packet loss", "latency", "bgp"}},
    {"queue", {"queue", "backlog", "consumer lag", "kafka", "rabbitmq", "sqs"}},
    {"cache", {"cache", "redis", "memcached"}},
    {"security",
     {"security", "vulnerability", "credential", "phishing", "compromise",
      "ddos"}},
    {"cloud-provider", {"aws", "gcp", "azure", "region", "availability zone"}},
    {"time", {"ntp", "clock", "leap second", "timezone", "clock skew"}},
    {"load-balancer", {"load balancer", "alb", "elb", "ingress", "traefik"}},
    {"rate-limiting", {"rate limit", "rate limiter", "throttling", "429"}},
    {"replication", {"replication", "replica", "failover"}},
    {"migration", {"migration", "schema change"}},
    {"capacity", {"capacity", "autoscaling", "scaling", "exhaustion"}},
    {"timeout", {"timeout", "timeouts", "timed out"}},
};

/*
 * Count, in lower-case text `t`, the whole-word occurrences of every rule
 * word into counts[rule]: one pass over the text, trying at each word start
 * only the rule words that begin with its letter.
 */
static void count_rule_words(const char *t, int *counts) {
    /* rule words by first byte: each holds k = rule * AUTO_WORDS + word */
    unsigned char by_first[256][32], n_first[256] = {0};
    size_t lens[HS_ARRAY_LEN(auto_rules) * AUTO_WORDS];
    for (size_t k = 0; k < HS_ARRAY_LEN(auto_rules) * AUTO_WORDS; k++) {
        const char *w = auto_rules[k / AUTO_WORDS].words[k % AUTO_WORDS];
        unsigned char c = w ? (unsigned char)w[0] : 0;
        if (!c)
            continue;
        lens[k] = strlen(w);
        if (n_first[c] == sizeof(by_first[c]))
            HS_BUG("too many rule words with one first letter");
        by_first[c][n_first[c]++] = (unsigned char)k;
    }
    for (const char *p = t; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if (!n_first[c] || (p > t && hs__isalnum((unsigned char)p[-1])))
            continue;
        for (size_t i = 0; i < n_first[c]; i++) {
            size_t k = by_first[c][i];
            const char *w = auto_rules[k / AUTO_WORDS].words[k % AUTO_WORDS];
            size_t len = lens[k];
            if (!strncmp(p, w, len) && !hs__isalnum((unsigned char)p[len]))
                counts[k / AUTO_WORDS]++;
        }
    }
}

void hs__extract_auto_tags(const hs__doc *doc, hs_postmortem *pm) {
    hs__buf key = HS_BUF_INIT, all = HS_BUF_INIT;
    int n_key[HS_ARRAY_LEN(auto_rules)] = {0},
        n_all[HS_ARRAY_LEN(auto_rules)] = {0};
    const char *parts[3] = {pm->title, pm->summary, pm->root_cause};
    for (size_t i = 0; i < HS_ARRAY_LEN(parts); i++)
        if (parts[i]) {
            hs__buf_puts(&key, parts[i]);
            hs__buf_putc(&key, ' ');
        }
    hs__buf_put(&all, doc->body.data, doc->body.len);
    for (size_t i = 0; i < key.len; i++)
        key.data[i] = (char)hs__tolower((unsigned char)key.data[i]);
    for (size_t i = 0; i < all.len; i++)
        all.data[i] = (char)hs__tolower((unsigned char)all.data[i]);
    count_rule_words(key.data, n_key);
    count_rule_words(all.data, n_all);
    for (size_t r = 0; r < HS_ARRAY_LEN(auto_rules); r++) {
        if ((n_key[r] > 0 || n_all[r] >= 3) &&
            !hs__strlist_has(&pm->tags, auto_rules[r].tag))
            hs__strlist_push(&pm->auto_tags, auto_rules[r].tag);
    }
    hs__buf_release(&key);
    hs__buf_release(&all);
}
