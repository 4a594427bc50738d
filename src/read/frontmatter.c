/*
 * Front matter as Jekyll and Hugo write it: a YAML mapping between "---"
 * lines at the very top. libyaml builds the node graph; we only read two
 * levels of it (key -> scalar | sequence | sequence of mappings), so
 * anchors and aliases cannot make the walk expensive. Invalid YAML is not
 * an error for the caller: the block is dropped with a problem message.
 */
#include "read/frontmatter.h"
#include "model/record.h"
#include "base/util.h"

#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "base/banned.h"

struct hs__fm {
    yaml_document_t doc;
    int line_offset; /* lines before the YAML text (the opening "---") */
};

/* Length of the line at p (without its newline) and offset of the next. */
static size_t line_end(const char *p, size_t len, size_t *next) {
    const char *nl = memchr(p, '\n', len);
    size_t n = nl ? (size_t)(nl - p) : len;
    *next = nl ? n + 1 : len;
    if (n && p[n - 1] == '\r')
        n--;
    return n;
}

static int is_fence(const char *p, size_t n, int is_open) {
    while (n && (p[n - 1] == ' ' || p[n - 1] == '\t'))
        n--;
    if (n == 3 && !memcmp(p, "---", 3))
        return 1;
    return !is_open && n == 3 && !memcmp(p, "...", 3);
}

void hs__fm_split(const char *text, size_t len, hs__fm **out, size_t *body_off,
                  int *n_lines, const char **problem, int *problem_line) {
    size_t off = 0, next, yaml_start, yaml_end = 0;
    int lines = 1, is_closed = 0;
    yaml_parser_t parser;
    hs__fm *fm;

    *out = NULL;
    *body_off = 0;
    *n_lines = 0;
    *problem = NULL;
    *problem_line = 0;
    if (!is_fence(text, line_end(text, len, &next), 1))
        return;
    off = yaml_start = next;
    while (off < len) {
        size_t n = line_end(text + off, len - off, &next);
        lines++;
        if (is_fence(text + off, n, 0)) {
            yaml_end = off;
            off += next;
            is_closed = 1;
            break;
        }
        off += next;
    }
    if (!is_closed) /* a lone "---" is a thematic break, not front matter */
        return;
    *body_off = off;
    *n_lines = lines;

    fm = hs__xcalloc(1, sizeof(*fm));
    fm->line_offset = 1;
    if (!yaml_parser_initialize(&parser))
        HS_BUG("yaml_parser_initialize failed");
    yaml_parser_set_input_string(&parser,
                                 (const unsigned char *)text + yaml_start,
                                 yaml_end - yaml_start);
    if (!yaml_parser_load(&parser, &fm->doc)) {
        *problem = parser.problem ? parser.problem : "invalid YAML";
        *problem_line = (int)parser.problem_mark.line + 2;
        yaml_parser_delete(&parser);
        free(fm);
        return;
    }
    yaml_parser_delete(&parser);
    {
        yaml_node_t *root = yaml_document_get_root_node(&fm->doc);
        if (!root || root->type != YAML_MAPPING_NODE) {
            if (root) {
                *problem = "front matter is not a mapping of keys to values";
                *problem_line = 2;
            }
            yaml_document_delete(&fm->doc);
            free(fm);
            return;
        }
    }
    *out = fm;
}

void hs__fm_free(hs__fm *fm) {
    if (!fm)
        return;
    yaml_document_delete(&fm->doc);
    free(fm);
}

/* Keys match ignoring case and the difference between '-', '_' and ' '. */
static int key_eq(const char *a, size_t alen, const char *b) {
    size_t i;
    for (i = 0; i < alen && b[i]; i++) {
        int ca = hs__tolower((unsigned char)a[i]);
        int cb = hs__tolower((unsigned char)b[i]);
        if (ca == '-' || ca == ' ')
            ca = '_';
        if (cb == '-' || cb == ' ')
            cb = '_';
        if (ca != cb)
            return 0;
    }
    return i == alen && !b[i];
}

static yaml_node_t *map_get(yaml_document_t *doc, yaml_node_t *map,
                            const char *key) {
    yaml_node_pair_t *pair;
    if (!map || map->type != YAML_MAPPING_NODE)
        return NULL;
    for (pair = map->data.mapping.pairs.start;
         pair < map->data.mapping.pairs.top; pair++) {
        yaml_node_t *k = yaml_document_get_node(doc, pair->key);
        if (k && k->type == YAML_SCALAR_NODE &&
            key_eq((const char *)k->data.scalar.value, k->data.scalar.length,
                   key))
            return yaml_document_get_node(doc, pair->value);
    }
    return NULL;
}

static const char *scalar_of(const hs__fm *fm, yaml_node_t *n, int *line) {
    if (!n || n->type != YAML_SCALAR_NODE)
        return NULL;
    if (line)
        *line = (int)n->start_mark.line + 1 + fm->line_offset;
    /* an explicit null (`key:`, `~`, `null`) is absent */
    if (n->data.scalar.length == 0 ||
        (n->data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
         (!strcmp((const char *)n->data.scalar.value, "~") ||
          !hs__strcasecmp((const char *)n->data.scalar.value, "null"))))
        return NULL;
    return (const char *)n->data.scalar.value;
}

const char *hs__fm_scalar(const hs__fm *fm, const char *key, int *line) {
    yaml_document_t *doc;
    if (!fm)
        return NULL;
    doc = (yaml_document_t *)&fm->doc;
    return scalar_of(fm, map_get(doc, yaml_document_get_root_node(doc), key),
                     line);
}

size_t hs__fm_list(const hs__fm *fm, const char *key, hs_strlist *out) {
    yaml_document_t *doc;
    yaml_node_t *n;
    size_t before = out->n;
    if (!fm)
        return 0;
    doc = (yaml_document_t *)&fm->doc;
    n = map_get(doc, yaml_document_get_root_node(doc), key);
    if (!n)
        return 0;
    if (n->type == YAML_SCALAR_NODE) {
        const char *s = scalar_of(fm, n, NULL);
        if (s)
            hs__strlist_split(out, s, ",;");
    } else if (n->type == YAML_SEQUENCE_NODE) {
        yaml_node_item_t *it;
        for (it = n->data.sequence.items.start; it < n->data.sequence.items.top;
             it++) {
            const char *s =
                scalar_of(fm, yaml_document_get_node(doc, *it), NULL);
            if (s)
                hs__strlist_push_trimmed(out, s, strlen(s));
        }
    }
    return out->n - before;
}

static yaml_node_t *seq_item(const hs__fm *fm, const char *key, size_t i,
                             size_t *count) {
    yaml_document_t *doc = (yaml_document_t *)&fm->doc;
    yaml_node_t *n = map_get(doc, yaml_document_get_root_node(doc), key);
    size_t len;
    if (!n || n->type != YAML_SEQUENCE_NODE) {
        *count = 0;
        return NULL;
    }
    len = (size_t)(n->data.sequence.items.top - n->data.sequence.items.start);
    *count = len;
    if (i >= len)
        return NULL;
    return yaml_document_get_node(doc, n->data.sequence.items.start[i]);
}

size_t hs__fm_maps(const hs__fm *fm, const char *key) {
    size_t count;
    if (!fm)
        return 0;
    seq_item(fm, key, 0, &count);
    return count;
}

const char *hs__fm_map_field(const hs__fm *fm, const char *key, size_t i,
                             const char *field, int *line) {
    size_t count;
    yaml_node_t *item;
    if (!fm)
        return NULL;
    item = seq_item(fm, key, i, &count);
    if (!item)
        return NULL;
    if (item->type == YAML_SCALAR_NODE)
        return !strcmp(field, "") ? scalar_of(fm, item, line) : NULL;
    return scalar_of(fm, map_get((yaml_document_t *)&fm->doc, item, field),
                     line);
}
