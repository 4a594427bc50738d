/*
 * Symptom text -> weighted terms. Alerting tools write "KubePodCrashLooping
 * on payment-api-7f9c8d-x2bz 10.0.3.7:8080 since 2026-11-24T01:10:54Z";
 * what says something about the incident is "kube pod crash looping payment
 * api". Each chunk between spaces is dropped whole when it is an address,
 * URL, UUID, hash or timestamp; the rest is split at case changes and
 * punctuation, lower-cased, stripped of stop words and of a responder's
 * conversational filler ("seeing lots of", "getting", "looks like") and
 * adverbs ("newly", "exactly"), and
 * the operations abbreviations are expanded (db -> database, k8s -> kubernetes,
 * ...). Weights add up when a term repeats, to at most three times its base.
 */
#include "query/terms.h"
#include "base/util.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

static int is_hex(int c) {
    return hs__isdigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

int hs__is_noise(const char *s, size_t n) {
    size_t digits = 0, hex = 0, alpha = 0, dots = 0, colons = 0, dashes = 0;
    for (size_t i = 0; i + 3 <= n; i++)
        if (!memcmp(s + i, "://", 3))
            return 1;
    if (n >= 4 && !hs__strncasecmp(s, "www.", 4))
        return 1;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        digits += hs__isdigit(c) != 0;
        hex += is_hex(c) != 0;
        alpha += hs__isalpha(c) != 0;
        dots += c == '.';
        colons += c == ':';
        dashes += c == '-';
    }
    /* 10.0.3.7, 10.0.3.7:8080, 2026-11-24T01:10:54Z, 01:10:54, 1.2.3 */
    if (digits && digits + dots + colons + dashes == n && n > 4)
        return 1;
    if (n >= 10 && hs__isdigit((unsigned char)s[0]) && s[4] == '-' &&
        digits >= 8)
        return 1;
    /* UUIDs and hashes: long runs of hex with digits in them */
    if (n >= 7 && hex + dashes == n && digits >= 2 && alpha + digits >= 7)
        return 1;
    /* host:port */
    if (colons == 1) {
        const char *c = memchr(s, ':', n);
        size_t k = (size_t)(c - s) + 1;
        int is_port = k < n;
        for (; k < n; k++)
            if (!hs__isdigit((unsigned char)s[k]))
                is_port = 0;
        if (is_port)
            return 1;
    }
    return 0;
}

/*
 * Pieces like "7f9c8d" or "x2bz9" in pod names: random, so noise. They mix
 * letters and digits back and forth; names of things (x509, log4j, ipv6,
 * http2, sha256, 2fa) have one run of digits, so they are kept.
 */
static int is_random_piece(const char *s, size_t n) {
    size_t digits = 0, digit_runs = 0;
    for (size_t i = 0; i < n; i++) {
        int is_digit = hs__isdigit((unsigned char)s[i]) != 0;
        digits += is_digit;
        digit_runs += is_digit && (!i || !hs__isdigit((unsigned char)s[i - 1]));
    }
    if (digits == n)
        return !(n == 3 && (s[0] == '4' || s[0] == '5')); /* keep 503 */
    return n >= 4 && digit_runs >= 2;
}

static const char *const stop_words[] = {
    "a",           "an",         "and",         "are",       "as",
    "at",          "be",         "been",        "but",       "by",
    "for",         "from",       "has",         "have",      "in",
    "into",        "is",         "it",          "its",       "of",
    "on",          "or",         "than",        "that",      "the",
    "their",       "then",       "there",       "this",      "to",
    "was",         "were",       "will",        "with",      "we",
    "our",         "more",       "less",        "over",      "under",
    "after",       "before",     "since",       "while",     "all",
    "any",         "some",       "no",          "not",       "can",
    "could",       "should",     "would",       "may",       "might",
    "so",          "alert",      "alerts",      "firing",    "fired",
    "alertname",   "summary",    "description", "value",     "labels",
    "annotations", "instance",   "job",         "env",       "staging",
    "prod",        "production", "minutes",     "minute",    "seconds",
    "second",      "hours",      "hour",        "currently", "please",
    "check",       "runbook",    "url",         "www",       "com",
    "io",          "dev",        "svc",         "cluster",   "local",
    "default",     "namespace",  "pod_name",    "container", "i",
    "you",         "he",         "she",         "they",      "them",
    "what",        "which",      "who",         "when",      "where",
    "why",         "how",        "also",        "very",      "just",
    "about",       "up",         "out",         "if",        "one",
    "two",         "such",       "these",       "those",     "had",
    "did",         "do",         "does",        "being",     "other",
    "only",        "own",        "same",        "too",       NULL};

/*
 * The words of a responder's message that describe no failure: "seeing
 * lots of timeouts", "getting 502s", "looks like the cert ran out". They
 * name no component or symptom and, in a long postmortem, match its
 * narrative by chance. Dropped from the input's terms only: a thesaurus
 * phrasing that contains one ("keeps climbing") still matches (concepts.c
 * reads the input text itself). Chosen on the TUNE half of the eval;
 * "users", "customers", "many", "new" stay, since postmortems' titles and
 * impacts use them.
 */
static const char *const filler_words[] = {
    "seeing",    "getting",    "got",       "lots",     "lot",    "keep",
    "keeps",     "still",      "looks",     "seems",    "seem",   "like",
    "something", "everything", "anything",  "stuff",    "things", "thing",
    "really",    "totally",    "basically", "appears",  "appear", "bunch",
    "tons",      "folks",      "anyone",    "everyone", "think",  "going",
    "happening", "suddenly",   NULL};

static int is_in(const char *const *list, const char *w) {
    for (size_t i = 0; list[i]; i++)
        if (w[0] == list[i][0] && !strcmp(w, list[i]))
            return 1;
    return 0;
}

/*
 * Words in -ly that are not manner or degree adverbs, or are adverbs that
 * describe the failure: schedules (a nightly job), nouns and verbs, and the
 * scope and shape of a symptom (partially, intermittently, slowly).
 */
static const char *const ly_words[] = {
    "daily",     "weekly",         "monthly",  "hourly",     "yearly",
    "nightly",   "quarterly",      "assembly", "supply",     "reply",
    "apply",     "comply",         "multiply", "imply",      "anomaly",
    "family",    "tally",          "rally",    "poly",       "monopoly",
    "partially", "intermittently", "globally", "regionally", "slowly",
    "gradually", "periodically",   NULL};

/*
 * A responder's adverb: "newly edited", "exactly at", "fully down",
 * "recently switched": how the writer sees it, not what failed, which a
 * postmortem names with nouns and verbs. Any word of five letters or more
 * in -ly but those of ly_words.
 */
static int is_adverb(const char *w) {
    size_t n = strlen(w);
    return n >= 5 && w[n - 2] == 'l' && w[n - 1] == 'y' && !is_in(ly_words, w);
}

/* The stop words by hash: related.c asks for every word of every
 * postmortem's facts, and the list is long. Filled once, never freed. */
static hs__strmap stop_map;
static pthread_once_t stop_once = PTHREAD_ONCE_INIT;

static void stop_init(void) {
    for (size_t i = 0; stop_words[i]; i++) {
        int is_new;
        hs__strmap_put(&stop_map, stop_words[i], strlen(stop_words[i]),
                       &is_new);
    }
}

static int is_stop(const char *w) {
    pthread_once(&stop_once, stop_init);
    return hs__strmap_find(&stop_map, w, strlen(w)) != NULL;
}

int hs__is_weak_word(const char *w, size_t n) {
    char low[32];
    size_t digits = 0;
    if (n < 2 || n >= sizeof(low))
        return n < 2;
    for (size_t i = 0; i < n; i++) {
        low[i] = (char)hs__tolower((unsigned char)w[i]);
        digits += hs__isdigit((unsigned char)w[i]) != 0;
    }
    low[n] = 0;
    return digits == n || is_stop(low);
}

/* Abbreviations and synonyms of operations; expansions get 0.7 of the
 * weight of the word that brought them. */
static const struct {
    const char *word;
    const char *expansions;
} synonyms[] = {
    {"db", "database"},
    {"dbs", "database"},
    {"database", "db"},
    {"pg", "postgres postgresql database"},
    {"postgres", "postgresql database"},
    {"postgresql", "postgres database"},
    {"mysql", "database"},
    {"k8s", "kubernetes"},
    {"kube", "kubernetes"},
    {"kubernetes", "k8s"},
    {"oom", "memory oomkilled"},
    {"oomkilled", "oom memory killed"},
    {"5xx", "503 500 502 error unavailable"},
    {"503", "unavailable 5xx"},
    {"502", "gateway 5xx"},
    {"504", "gateway timeout 5xx"},
    {"500", "error 5xx"},
    {"4xx", "error"},
    {"unavailable", "outage down 503"},
    {"down", "outage unavailable"},
    {"cert", "certificate tls"},
    {"certs", "certificate tls"},
    {"certificate", "cert tls"},
    {"ssl", "tls certificate"},
    {"tls", "certificate ssl"},
    {"x509", "certificate tls"},
    {"lb", "load balancer"},
    {"alb", "load balancer"},
    {"elb", "load balancer"},
    {"conn", "connection"},
    {"conns", "connection"},
    {"connections", "connection"},
    {"mem", "memory"},
    {"cpu", "saturation"},
    {"latency", "slow"},
    {"slow", "latency"},
    {"crashloop", "crash loop restart"},
    {"crashloopbackoff", "crash loop restart"},
    {"crashlooping", "crash loop restart"},
    {"looping", "loop"},
    {"timeout", "timed"},
    {"timeouts", "timeout"},
    {"exhausted", "exhaustion"},
    {"exhaustion", "exhausted"},
    {"auth", "authentication"},
    {"authn", "authentication"},
    {"authz", "authorization"},
    {"repl", "replication"},
    {"replica", "replication"},
    {"lag", "delay backlog"},
    {"backlog", "lag queue"},
    {"queue", "backlog"},
    {"dns", "resolver"},
    {"nxdomain", "dns resolver"},
    {"servfail", "dns resolver"},
    {"ntp", "clock time"},
    {"skew", "clock drift"},
    {"disk", "storage"},
    {"full", "space"},
    {"ddos", "attack traffic"},
    {"err", "error"},
    {"errs", "error"},
    {"errors", "error"},
    {"msg", "message"},
    {"cfg", "config"},
    {"conf", "config"},
    {"config", "configuration"},
    {"deploy", "deployment rollout release"},
    {"deployment", "deploy rollout"},
    {"rollout", "deploy deployment"},
    {"kafka", "consumer queue"},
    {"redis", "cache"},
    {"cache", "redis"},
    {"s3", "storage bucket"},
    {"az", "availability zone"},
    {"pgbouncer", "connection pool database"},
};

/*
 * Add a term or add to its weight. Lookups go through a hash, so a long
 * input with many distinct words costs linear time.
 */
static void add_term(hs__termset *ts, const char *w, double weight,
                     const char *from) {
    int is_new;
    hs__strmap_slot *sl = hs__strmap_put(&ts->map, w, strlen(w), &is_new);
    if (!is_new) {
        hs__term *t = &ts->v[sl->val.index];
        double cap;
        /* repeats add up, to three times the strongest single use */
        if (weight > t->base)
            t->base = weight;
        cap = 3.0 * t->base;
        t->weight += weight;
        if (t->weight > cap)
            t->weight = cap;
        if (!from) {
            free(t->from);
            t->from = NULL;
        }
        return;
    }
    HS_ALLOC_GROW(ts->v, ts->n + 1, ts->alloc);
    ts->v[ts->n].text = hs__xstrdup(w);
    ts->v[ts->n].weight = weight;
    ts->v[ts->n].base = weight;
    ts->v[ts->n].from = from ? hs__xstrdup(from) : NULL;
    sl->key = ts->v[ts->n].text;
    sl->val.index = ts->n++;
}

static void add_word(hs__termset *ts, const char *w, double weight) {
    if (strlen(w) < 2 || is_stop(w) || is_in(filler_words, w) || is_adverb(w))
        return;
    add_term(ts, w, weight, NULL);
    for (size_t i = 0; i < HS_ARRAY_LEN(synonyms); i++) {
        if (w[0] != synonyms[i].word[0] || strcmp(w, synonyms[i].word))
            continue;
        {
            const char *p = synonyms[i].expansions;
            while (*p) {
                size_t n = strcspn(p, " ");
                char *e = hs__xstrndup(p, n);
                add_term(ts, e, weight * 0.7, w);
                free(e);
                p += n;
                while (*p == ' ')
                    p++;
            }
        }
    }
}

/*
 * Split one chunk at punctuation and case changes: "KubePodCrashLooping"
 * -> kube pod crash looping, "HTTPServerDown" -> http server down,
 * "db_pool_available" -> db pool available. Non-ASCII letters stay inside
 * words. A word that does not fit `word` (a base64 blob, a pasted hash) is
 * no term: it was cut every 127 bytes into terms of its own, the last of
 * them any length (a word of 1,000,000 x's gave the term "xx", which
 * matched a postmortem), and a cut could split a UTF-8 character.
 */
static void split_chunk(hs__termset *ts, const char *s, size_t n, double w) {
    char word[128];
    size_t wl = 0;
    int is_long = 0; /* the word being read did not fit: skip to its end */
    for (size_t i = 0; i <= n; i++) {
        unsigned char c = i < n ? (unsigned char)s[i] : 0;
        int is_part = c && (hs__isalnum(c) || c >= 0x80);
        int is_boundary = 0;
        if (is_part && wl && hs__isalpha(c) && c >= 'A' && c <= 'Z') {
            unsigned char prev = (unsigned char)s[i - 1];
            unsigned char next = i + 1 < n ? (unsigned char)s[i + 1] : 0;
            /* aB -> a|B ; ABc -> A|Bc */
            if ((prev >= 'a' && prev <= 'z') ||
                (prev >= 'A' && prev <= 'Z' && next >= 'a' && next <= 'z'))
                is_boundary = 1;
        }
        if (is_part && !is_boundary && (is_long || wl + 1 >= sizeof(word))) {
            is_long = 1;
            wl = 0;
            continue;
        }
        if (!is_part || is_boundary) {
            if (wl) {
                word[wl] = '\0';
                if (!is_random_piece(word, wl))
                    add_word(ts, word, w);
                wl = 0;
            }
            is_long = 0;
            if (!is_part)
                continue;
        }
        word[wl++] = (char)hs__tolower(c);
    }
}

void hs__terms_add_text(hs__termset *ts, const char *text, double w) {
    const char *p = text;
    if (!text)
        return;
    while (*p) {
        size_t n;
        while (*p &&
               (hs__isspace((unsigned char)*p) || *p == ',' || *p == ';' ||
                *p == '(' || *p == ')' || *p == '"' || *p == '\'' ||
                *p == '[' || *p == ']' || *p == '{' || *p == '}'))
            p++;
        n = 0;
        while (p[n] && !hs__isspace((unsigned char)p[n]) && p[n] != ',' &&
               p[n] != ';' && p[n] != '(' && p[n] != ')' && p[n] != '"' &&
               p[n] != '\'' && p[n] != '[' && p[n] != ']' && p[n] != '{' &&
               p[n] != '}')
            n++;
        /* a trailing full stop or colon belongs to the sentence */
        while (n && (p[n - 1] == '.' || p[n - 1] == ':' || p[n - 1] == '!' ||
                     p[n - 1] == '?'))
            n--;
        if (n && !hs__is_noise(p, n))
            split_chunk(ts, p, n, w);
        while (*p && !hs__isspace((unsigned char)*p) && *p != ',' &&
               *p != ';' && *p != '(' && *p != ')' && *p != '"' && *p != '\'' &&
               *p != '[' && *p != ']' && *p != '{' && *p != '}')
            p++;
    }
}

void hs__termset_release(hs__termset *ts) {
    for (size_t i = 0; i < ts->n; i++) {
        free(ts->v[i].text);
        free(ts->v[i].from);
    }
    free(ts->v);
    hs__strmap_release(&ts->map);
    ts->v = NULL;
    ts->n = ts->alloc = 0;
}
