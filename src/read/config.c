/*
 * The house-style file (hindsight.yml): extra names a team gives its
 * sections and fields, its date order, its severity scale and its own
 * thesaurus lines (`concepts:`, for similar). libyaml
 * builds the node graph and we walk two levels of it; anything we do not
 * understand is an error naming the file and line, so a typo is not
 * silently ignored. Bytes in, config out: no I/O here.
 */
#include "read/config.h"
#include "base/buf.h"
#include "base/error.h"
#include "base/util.h"
#include "model/normalize.h"
#include "model/record.h"

#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "base/banned.h"

/* The facts a team can name, as the keys of `names:` spell them. */
static const char *const fact_keys[HS__NFACTS] = {
    "root_cause", "timeline",  "action_items", "impact",    "summary",
    "resolution", "detection", "lessons",      "went_well", "went_wrong",
    "duration",   "severity",  "date"};

int hs__fact_of(const char *key) {
    for (int i = 0; i < HS__NFACTS; i++)
        if (!strcmp(fact_keys[i], key))
            return i;
    return -1;
}

static const char *scalar(yaml_node_t *n) {
    return n && n->type == YAML_SCALAR_NODE ? (const char *)n->data.scalar.value
                                            : NULL;
}

static int line_of(yaml_node_t *n) {
    return n ? (int)n->start_mark.line + 1 : 0;
}

static int bad(hs_error *err, const char *name, yaml_node_t *n,
               const char *what, const char *subject) {
    return hs__seterr(err, HS_EFORMAT, "%s:%d: %s '%s'", name, line_of(n), what,
                      subject ? subject : "");
}

/* names: {fact: [name, ...] | name} */
static int read_names(yaml_document_t *d, yaml_node_t *m, const char *name,
                      hs_config *c, hs_error *err) {
    if (m->type != YAML_MAPPING_NODE)
        return bad(err, name, m, "names must map a fact to its names, not",
                   scalar(m));
    for (yaml_node_pair_t *p = m->data.mapping.pairs.start;
         p < m->data.mapping.pairs.top; p++) {
        yaml_node_t *k = yaml_document_get_node(d, p->key);
        yaml_node_t *v = yaml_document_get_node(d, p->value);
        int f = scalar(k) ? hs__fact_of(scalar(k)) : -1;
        if (f < 0)
            return bad(err, name, k,
                       "unknown fact (root_cause, timeline, action_items, "
                       "impact, summary, resolution, detection, lessons, "
                       "went_well, went_wrong, duration, severity, date)",
                       scalar(k));
        if (scalar(v)) {
            hs__strlist_push(&c->names[f], scalar(v));
            continue;
        }
        if (!v || v->type != YAML_SEQUENCE_NODE)
            return bad(err, name, v, "names of a fact are a list, for",
                       scalar(k));
        for (yaml_node_item_t *i = v->data.sequence.items.start;
             i < v->data.sequence.items.top; i++) {
            yaml_node_t *s = yaml_document_get_node(d, *i);
            if (!scalar(s) || !*scalar(s))
                return bad(err, name, s, "a name must be text, for", scalar(k));
            hs__strlist_push(&c->names[f], scalar(s));
        }
    }
    return 0;
}

static void scale_add(hs_config *c, const char *word, int level) {
    c->scale = hs__xreallocarray(c->scale, c->n_scale + 1, sizeof(*c->scale));
    c->scale[c->n_scale].word = hs__xstrdup(word);
    c->scale[c->n_scale].level = level;
    c->n_scale++;
}

/* severity_scale: {word: SEVn} or [word, ...] from SEV1 down */
static int read_scale(yaml_document_t *d, yaml_node_t *m, const char *name,
                      hs_config *c, hs_error *err) {
    if (m->type == YAML_SEQUENCE_NODE) {
        int level = 1;
        for (yaml_node_item_t *i = m->data.sequence.items.start;
             i < m->data.sequence.items.top; i++, level++) {
            yaml_node_t *s = yaml_document_get_node(d, *i);
            if (!scalar(s) || level > 4)
                return bad(err, name, s,
                           "severity_scale lists at most four words, not",
                           scalar(s));
            scale_add(c, scalar(s), level);
        }
        return 0;
    }
    if (m->type != YAML_MAPPING_NODE)
        return bad(err, name, m, "severity_scale must be a list or a map, not",
                   scalar(m));
    for (yaml_node_pair_t *p = m->data.mapping.pairs.start;
         p < m->data.mapping.pairs.top; p++) {
        yaml_node_t *k = yaml_document_get_node(d, p->key);
        yaml_node_t *v = yaml_document_get_node(d, p->value);
        int level = scalar(v) ? hs_severity_parse(scalar(v)) : 0;
        if (!scalar(k))
            return bad(err, name, k, "a severity word must be text", "");
        if (!level)
            return bad(err, name, v, "not a severity (SEV1..SEV4)", scalar(v));
        scale_add(c, scalar(k), level);
    }
    return 0;
}

/* concepts: ["name: phrase, phrase", ...], or the lines as one text */
static int read_concepts(yaml_document_t *d, yaml_node_t *m, const char *name,
                         hs_config *c, hs_error *err) {
    if (scalar(m)) {
        hs__strlist_push(&c->concepts, scalar(m));
        return 0;
    }
    if (m->type != YAML_SEQUENCE_NODE)
        return bad(err, name, m, "concepts must be a list of lines", "");
    for (yaml_node_item_t *i = m->data.sequence.items.start;
         i < m->data.sequence.items.top; i++) {
        yaml_node_t *s = yaml_document_get_node(d, *i);
        if (!scalar(s))
            return bad(err, name, s,
                       "a concepts line is text 'name: phrase, phrase'", "");
        hs__strlist_push(&c->concepts, scalar(s));
    }
    return 0;
}

static int read_root(yaml_document_t *d, const char *name, hs_config *c,
                     hs_error *err) {
    yaml_node_t *root = yaml_document_get_root_node(d);
    if (!root)
        return 0; /* an empty file: the defaults */
    if (root->type != YAML_MAPPING_NODE)
        return bad(err, name, root, "expected a map of settings, not",
                   scalar(root));
    for (yaml_node_pair_t *p = root->data.mapping.pairs.start;
         p < root->data.mapping.pairs.top; p++) {
        yaml_node_t *k = yaml_document_get_node(d, p->key);
        yaml_node_t *v = yaml_document_get_node(d, p->value);
        const char *key = scalar(k);
        int rc;
        if (key && !strcmp(key, "names"))
            rc = read_names(d, v, name, c, err);
        else if (key && !strcmp(key, "severity_scale"))
            rc = read_scale(d, v, name, c, err);
        else if (key && !strcmp(key, "concepts"))
            rc = read_concepts(d, v, name, c, err);
        else if (key && !strcmp(key, "dates")) {
            const char *s = scalar(v);
            if (s && !strcmp(s, "dmy"))
                c->dates = HS__DATES_DMY;
            else if (s && !strcmp(s, "mdy"))
                c->dates = HS__DATES_MDY;
            else
                return bad(err, name, v, "dates must be dmy or mdy, not", s);
            rc = 0;
        } else {
            return bad(err, name, k,
                       "unknown key (names, dates, severity_scale, concepts)",
                       key);
        }
        if (rc)
            return rc;
    }
    return 0;
}

/* 64-bit FNV-1a, as 16 hex digits: changes when the file does. */
static void hash_of(const char *buf, size_t len, char out[17]) {
    static const char hex[] = "0123456789abcdef";
    unsigned long long h = 1469598103934665603ULL;
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)buf[i];
        h *= 1099511628211ULL;
    }
    for (int i = 15; i >= 0; i--) {
        out[i] = hex[h & 0xf];
        h >>= 4;
    }
    out[16] = '\0';
}

int hs_config_parse(const char *buf, size_t len, const char *name,
                    hs_config **out, hs_error *err) {
    yaml_parser_t parser;
    yaml_document_t doc;
    hs_config *c;
    int rc;
    *out = NULL;
    if (!yaml_parser_initialize(&parser))
        return hs__seterr(err, HS_EFORMAT, "%s: cannot start the YAML parser",
                          name);
    yaml_parser_set_input_string(&parser, (const unsigned char *)buf, len);
    if (!yaml_parser_load(&parser, &doc)) {
        rc = hs__seterr(err, HS_EFORMAT, "%s:%d: not valid YAML: %s", name,
                        (int)parser.problem_mark.line + 1,
                        parser.problem ? parser.problem : "syntax error");
        yaml_parser_delete(&parser);
        return rc;
    }
    c = hs__xcalloc(1, sizeof(*c));
    rc = read_root(&doc, name, c, err);
    yaml_document_delete(&doc);
    yaml_parser_delete(&parser);
    if (rc) {
        hs_config_free(c);
        return rc;
    }
    hash_of(buf, len, c->hash);
    *out = c;
    return 0;
}

void hs_config_free(hs_config *c) {
    if (!c)
        return;
    for (int i = 0; i < HS__NFACTS; i++)
        hs_strlist_release(&c->names[i]);
    for (size_t i = 0; i < c->n_scale; i++)
        free(c->scale[i].word);
    free(c->scale);
    hs_strlist_release(&c->concepts);
    free(c);
}

const char *hs_config_hash(const hs_config *c) {
    return c ? c->hash : "";
}

int hs__config_severity(const hs_config *c, const char *text) {
    if (!c || !text)
        return 0;
    for (size_t i = 0; i < c->n_scale; i++) {
        size_t n = strlen(c->scale[i].word);
        const char *p = text;
        while (*p == ' ' || *p == '*')
            p++;
        if (!hs__strncasecmp(p, c->scale[i].word, n) &&
            !hs__isalnum((unsigned char)p[n]))
            return c->scale[i].level;
    }
    return 0;
}
