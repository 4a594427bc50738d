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

#include <pthread.h>
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
 * The rule words by their first word (the letters and digits before any
 * other byte, "rate" of "rate limit"), in a hash table built once: index
 * parses files on several threads, so the tables are written only under
 * pthread_once and read-only after. A word of the text is read once and
 * looked up once, instead of trying every rule word at each word start
 * (which was 7% of an index run's instructions).
 */
#define N_RULE_WORDS (HS_ARRAY_LEN(auto_rules) * AUTO_WORDS)
#define FIRST_MAX 24    /* longest first word */
#define FIRST_SLOTS 512 /* a power of two, over twice the rule words */
#define FIRST_RULES 4   /* rule words that share a first word */

static struct {
    char word[FIRST_MAX]; /* lower case, not NUL-terminated */
    unsigned char len;    /* 0: an empty slot */
    unsigned char n;
    unsigned char k[FIRST_RULES]; /* rule * AUTO_WORDS + word */
} firsts[FIRST_SLOTS];
static unsigned char rule_lens[N_RULE_WORDS];
/* a letter or digit in lower case; 0 for every other byte */
static unsigned char word_byte[256];
/* 1-36 for a letter (either case) or a digit; 0 for every other byte */
static unsigned char word_code[256];
/*
 * Whether some first word starts with these two bytes (by word_code; 0 as
 * the second: a one-byte word). Most words of a text fail it and are
 * passed over without being copied, hashed and looked up.
 */
static unsigned char pair_starts[37][37];
static pthread_once_t firsts_once = PTHREAD_ONCE_INIT;

/* The slot of first word w[0..n) (hash h): its own or the empty one where
 * it would go. */
static size_t first_slot(size_t h, const char *w, size_t n) {
    size_t i = h & (FIRST_SLOTS - 1);
    while (firsts[i].len &&
           (firsts[i].len != n || memcmp(firsts[i].word, w, n) != 0))
        i = (i + 1) & (FIRST_SLOTS - 1);
    return i;
}

static void firsts_init(void) {
    unsigned char code = 0;
    for (int c = 0; c < 256; c++)
        word_byte[c] = hs__isalnum(c) ? (unsigned char)hs__tolower(c) : 0;
    for (int c = 0; c < 256; c++)
        if (word_byte[c] && !word_code[word_byte[c]])
            word_code[word_byte[c]] = ++code;
    for (int c = 0; c < 256; c++)
        word_code[c] = word_code[word_byte[c]];
    for (size_t k = 0; k < N_RULE_WORDS; k++) {
        const char *w = auto_rules[k / AUTO_WORDS].words[k % AUTO_WORDS];
        if (!w)
            continue;
        size_t n = 0;
        while (hs__isalnum((unsigned char)w[n]))
            n++;
        if (!n || n > FIRST_MAX || strlen(w) > 255)
            HS_BUG("a rule word starts with no word or is too long");
        size_t i = first_slot(hs__hash(w, n), w, n);
        if (!firsts[i].len) {
            memcpy(firsts[i].word, w, n);
            firsts[i].len = (unsigned char)n;
        }
        if (firsts[i].n == FIRST_RULES)
            HS_BUG("too many rule words with one first word");
        firsts[i].k[firsts[i].n++] = (unsigned char)k;
        pair_starts[word_code[(unsigned char)w[0]]]
                   [n > 1 ? word_code[(unsigned char)w[1]] : 0] = 1;
        rule_lens[k] = (unsigned char)strlen(w);
    }
}

/*
 * Count, in text `t` (any case), the whole-word occurrences of every rule
 * word into OUT: counts[rule] (added to). Whole: no ASCII letter or digit just
 * before or after; a rule word with a space or hyphen goes on past its first
 * word.
 */
static void count_rule_words(const char *t, int *counts) {
    pthread_once(&firsts_once, firsts_init);
    const unsigned char *p = (const unsigned char *)t;
    while (*p) {
        if (!word_byte[*p]) {
            p++;
            continue;
        }
        const unsigned char *start = p;
        char low[FIRST_MAX];
        if (!pair_starts[word_code[p[0]]][word_code[p[1]]]) {
            p++;
            while (word_byte[*p])
                p++;
            continue;
        }
        size_t n = 0;
        unsigned char c;
        while ((c = word_byte[*p]) && n < FIRST_MAX) {
            low[n++] = (char)c;
            p++;
        }
        if (c) { /* longer than any first word */
            while (word_byte[*p])
                p++;
            continue;
        }
        size_t i = first_slot(hs__hash(low, n), low, n);
        for (size_t j = 0; j < firsts[i].n; j++) {
            size_t k = firsts[i].k[j], len = rule_lens[k], m = n;
            const char *w = auto_rules[k / AUTO_WORDS].words[k % AUTO_WORDS];
            while (m < len && hs__tolower(start[m]) == (unsigned char)w[m])
                m++;
            if (m == len && !word_byte[start[len]])
                counts[k / AUTO_WORDS]++;
        }
    }
}

void hs__extract_auto_tags(const hs__doc *doc, hs_postmortem *pm) {
    hs__buf key = HS_BUF_INIT;
    int n_key[HS_ARRAY_LEN(auto_rules)] = {0},
        n_all[HS_ARRAY_LEN(auto_rules)] = {0};
    const char *parts[3] = {pm->title, pm->summary, pm->root_cause};
    for (size_t i = 0; i < HS_ARRAY_LEN(parts); i++)
        if (parts[i]) {
            hs__buf_puts(&key, parts[i]);
            hs__buf_putc(&key, ' ');
        }
    count_rule_words(key.data, n_key);
    count_rule_words(doc->body.data, n_all);
    for (size_t r = 0; r < HS_ARRAY_LEN(auto_rules); r++) {
        if ((n_key[r] > 0 || n_all[r] >= 3) &&
            !hs__strlist_has(&pm->tags, auto_rules[r].tag))
            hs__strlist_push(&pm->auto_tags, auto_rules[r].tag);
    }
    hs__buf_release(&key);
}

int hs__auto_tag_words(const char *text, const char *tag) {
    int counts[HS_ARRAY_LEN(auto_rules)] = {0};
    count_rule_words(text, counts);
    for (size_t r = 0; r < HS_ARRAY_LEN(auto_rules); r++)
        if (!strcmp(auto_rules[r].tag, tag))
            return counts[r];
    return -1;
}
