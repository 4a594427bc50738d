/*
 * Front matter as Jekyll and Hugo write it: a YAML mapping between "---"
 * lines at the very top. It is read from libyaml's events into a small tree
 * of our own, at most HS__FM_MAX_DEPTH collections deep: libyaml's loader
 * had no depth limit, and 100k nested '[' took 23 s (its scanner does work
 * per open level for each token), and at most HS__YAML_MAX_NODES nodes.
 * Past a limit the parse stops at once and the block is dropped with a
 * problem message, so time and memory stay linear in the input. Aliases
 * are not expanded. Invalid YAML is not an error for the caller either:
 * the block is dropped with a problem message. hindsight.yml is read by
 * the same hs__yaml_read (config.c), so both have the same limits.
 */
#include "read/frontmatter.h"
#include "base/util.h"
#include "model/record.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "base/banned.h"

struct hs__fm {
    hs__ynode *root;
    /* the keys read as top-level: root's, then those of its wrappers
     * (hoist); a mapping that borrows root's nodes */
    hs__ynode keys;
    /* the last top-level key looked up, and its value: action items ask
     * for the same key once per item and field */
    struct fm_last {
        const char *key;
        hs__ynode *val;
    } * last;  /* allocated with the doc, so a const doc can still cache */
    int *memo; /* one int per top-level key for the reader, -1 at first */
    /* the keys of `keys` as key_eq compares them, sorted, the first of each
     * name only: a lookup is a binary search, so reading each of 30,000
     * keys ("tags: []", "labels: []") does not scan all those before it */
    struct key_at *index;
    size_t n_index;
    /* the first top-level key written again (key_eq), and its first */
    const hs__ynode *dup, *dup_first;
};

void hs__yaml_free(hs__ynode *n) {
    if (!n)
        return;
    /* recursion is bounded by HS__FM_MAX_DEPTH */
    for (size_t i = 0; i < n->n; i++)
        hs__yaml_free(n->kids[i]);
    free(n->kids);
    free(n->value);
    free(n);
}

const char hs__yaml_too_deep[] =
    "nested deeper than " HS__FM_MAX_DEPTH_TEXT " levels";
const char hs__yaml_too_many[] = "over " HS__YAML_MAX_NODES_TEXT " values";
const char hs__yaml_has_nul[] = "a value holds a NUL character (\\0)";
const char hs__yaml_two_docs[] =
    "a second YAML document ('---'): write one document";

/*
 * After the first document's end: what is wrong with the text after it,
 * or NULL if nothing is: a later document that is not empty (a '---' that
 * ends the file opens an empty one, which loses nothing), or text that is
 * not YAML ("...", then settings with no '---': libyaml stops at them, and
 * they were left unread without a word). Sets *line to its line. Reads at
 * most a few events per document.
 */
static const char *later_document(yaml_parser_t *parser, int line_offset,
                                  int *line) {
    yaml_event_t ev;
    for (;;) {
        int is_start, is_empty;
        if (!yaml_parser_parse(parser, &ev))
            goto bad;
        is_start = ev.type == YAML_DOCUMENT_START_EVENT;
        *line = (int)ev.start_mark.line + 1 + line_offset;
        yaml_event_delete(&ev);
        if (!is_start)
            return NULL;
        if (!yaml_parser_parse(parser, &ev))
            goto bad;
        is_empty = ev.type == YAML_SCALAR_EVENT && !ev.data.scalar.length &&
                   ev.data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
        yaml_event_delete(&ev);
        if (!is_empty)
            return hs__yaml_two_docs;
        if (!yaml_parser_parse(parser, &ev)) /* its end */
            goto bad;
        yaml_event_delete(&ev);
    }
bad:
    *line = (int)parser->problem_mark.line + 1 + line_offset;
    return parser->problem ? parser->problem : "invalid YAML";
}

static hs__ynode *yaml_read(const char *yaml, size_t len, int line_offset,
                            int last_line, int is_one, const char **problem,
                            int *line) {
    yaml_parser_t parser;
    yaml_event_t ev;
    hs__ynode *stack[HS__FM_MAX_DEPTH + 1];
    hs__ynode *root = NULL;
    int depth = 0, is_done = 0;
    size_t n_nodes = 0;

    if (!yaml_parser_initialize(&parser))
        HS_BUG("yaml_parser_initialize failed");
    yaml_parser_set_input_string(&parser, (const unsigned char *)yaml, len);
    while (!is_done) {
        hs__ynode *n = NULL;
        if (!yaml_parser_parse(&parser, &ev)) {
            *problem = parser.problem ? parser.problem : "invalid YAML";
            *line = (int)parser.problem_mark.line + 1 + line_offset;
            hs__yaml_free(root);
            root = NULL;
            break;
        }
        switch (ev.type) {
        case YAML_SCALAR_EVENT:
            /*
             * A double-quoted "\0" or "\x00" is a NUL inside the value,
             * which every reader of a C string cut there: 'id: "a\0b"'
             * was the id "a" (two files could share it) and 'date:
             * "2026-01-01\0junk"' a date. A file of raw NUL bytes is
             * refused as binary; this one is refused as that value's.
             */
            if (memchr(ev.data.scalar.value, 0, ev.data.scalar.length)) {
                *problem = hs__yaml_has_nul;
                *line = (int)ev.start_mark.line + 1 + line_offset;
                hs__yaml_free(root);
                root = NULL;
                is_done = 1;
                break;
            }
            n = hs__xcalloc(1, sizeof(*n));
            n->type = HS__Y_SCALAR;
            n->value = hs__xstrndup((const char *)ev.data.scalar.value,
                                    ev.data.scalar.length);
            n->len = ev.data.scalar.length;
            n->is_plain = ev.data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
            break;
        case YAML_ALIAS_EVENT:
            n = hs__xcalloc(1, sizeof(*n));
            n->type = HS__Y_ALIAS;
            break;
        case YAML_SEQUENCE_START_EVENT:
        case YAML_MAPPING_START_EVENT:
            if (depth == HS__FM_MAX_DEPTH) {
                *problem = hs__yaml_too_deep;
                *line = (int)ev.start_mark.line + 1 + line_offset;
                hs__yaml_free(root);
                root = NULL;
                is_done = 1;
                break;
            }
            n = hs__xcalloc(1, sizeof(*n));
            n->type = ev.type == YAML_SEQUENCE_START_EVENT ? HS__Y_SEQUENCE
                                                           : HS__Y_MAPPING;
            break;
        case YAML_SEQUENCE_END_EVENT:
        case YAML_MAPPING_END_EVENT:
            if (depth)
                depth--;
            break;
        case YAML_DOCUMENT_END_EVENT:
            /* the first document; with is_one, a second one ('---'
             * again) is a problem, as it would be left unread */
            is_done = 1;
            if (is_one && (*problem = later_document(&parser, line_offset,
                                                     line)) != NULL) {
                hs__yaml_free(root);
                root = NULL;
            }
            break;
        case YAML_STREAM_END_EVENT:
            is_done = 1;
            break;
        default:
            break;
        }
        if (n && ++n_nodes > HS__YAML_MAX_NODES) {
            *problem = hs__yaml_too_many;
            *line = (int)ev.start_mark.line + 1 + line_offset;
            hs__yaml_free(n);
            hs__yaml_free(root);
            n = root = NULL;
            is_done = 1;
        }
        if (n) {
            /* libyaml also ends lines at a lone CR; we count LFs only */
            n->line = (int)ev.start_mark.line + 1 + line_offset;
            if (n->line > last_line)
                n->line = last_line;
            if (!depth && !root) {
                root = n;
            } else if (depth) {
                hs__ynode *top = stack[depth - 1];
                HS_ALLOC_GROW(top->kids, top->n + 1, top->alloc);
                top->kids[top->n++] = n;
            } else {
                hs__yaml_free(
                    n); /* a second root: not possible in one document */
                n = NULL;
            }
            if (n && (n->type == HS__Y_SEQUENCE || n->type == HS__Y_MAPPING))
                stack[depth++] = n;
        }
        yaml_event_delete(&ev);
    }
    yaml_parser_delete(&parser);
    return root;
}

hs__ynode *hs__yaml_read(const char *yaml, size_t len, int line_offset,
                         int last_line, const char **problem, int *line) {
    return yaml_read(yaml, len, line_offset, last_line, 0, problem, line);
}

hs__ynode *hs__yaml_read_one(const char *yaml, size_t len, const char **problem,
                             int *line) {
    return yaml_read(yaml, len, 0, INT_MAX, 1, problem, line);
}

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

/* A key as key_eq compares it, and where it is among the mapping's keys. */
typedef struct key_at {
    char *norm;
    size_t i;
} key_at;

static int key_at_cmp(const void *pa, const void *pb) {
    const key_at *a = pa, *b = pb;
    int c = strcmp(a->norm, b->norm);
    return c ? c : (a->i > b->i) - (a->i < b->i);
}

/* A key's byte as key_eq compares it: '-' and ' ' are '_', in lower case. */
static char norm_char(char c) {
    return c == '-' || c == ' ' ? '_' : (char)hs__tolower((unsigned char)c);
}

/* The scalar keys of `map` as key_eq compares them, sorted by that form
 * and then by where they are written; their count in *n (free_keys). */
static key_at *sorted_keys(const hs__ynode *map, size_t *n_out) {
    size_t n = 0;
    key_at *keys = hs__xcalloc(map->n / 2 + 1, sizeof(*keys));
    for (size_t i = 0; i + 1 < map->n; i += 2) {
        const hs__ynode *k = map->kids[i];
        if (k->type != HS__Y_SCALAR)
            continue;
        keys[n].norm = hs__xstrndup(k->value, k->len);
        for (char *c = keys[n].norm; *c; c++)
            *c = norm_char(*c);
        keys[n++].i = i;
    }
    qsort(keys, n, sizeof(*keys), key_at_cmp);
    *n_out = n;
    return keys;
}

static void free_keys(key_at *keys, size_t n) {
    for (size_t j = 0; j < n; j++)
        free(keys[j].norm);
    free(keys);
}

/*
 * The first key of `map` (in the order written) that an earlier key
 * already named, ignoring case and '-', '_', ' ' as key_eq does, into
 * fm->dup, with that earlier key in fm->dup_first. Sorted, so a mapping
 * of 50,000 keys costs n log n, not n squared.
 */
static void find_duplicate(hs__fm *fm, const hs__ynode *map) {
    size_t n, dup_i = SIZE_MAX;
    key_at *keys = sorted_keys(map, &n);
    for (size_t j = 1, first = 0; j < n; j++) {
        /* the first of a run of equal keys is the one read */
        if (strcmp(keys[j].norm, keys[j - 1].norm)) {
            first = j;
            continue;
        }
        if (keys[j].i < dup_i) {
            dup_i = keys[j].i;
            fm->dup = map->kids[keys[j].i];
            fm->dup_first = map->kids[keys[first].i];
        }
    }
    free_keys(keys, n);
}

/* fm->index: the first of each name among fm->keys, as map_get finds it
 * (hs__yaml_read refuses a NUL byte, so a key's form is all of it). */
static void index_keys(hs__fm *fm) {
    size_t n;
    key_at *keys = sorted_keys(&fm->keys, &n);
    fm->index = hs__xcalloc(n + 1, sizeof(*fm->index));
    for (size_t j = 0; j < n; j++) {
        if (fm->n_index &&
            !strcmp(keys[j].norm, fm->index[fm->n_index - 1].norm)) {
            free(keys[j].norm);
            continue;
        }
        fm->index[fm->n_index++] = keys[j];
    }
    free(keys);
}

static void hoist(hs__fm *fm);

void hs__fm_split(const char *text, size_t len, hs__fm **out, size_t *body_off,
                  int *n_lines, const char **problem, int *problem_line) {
    size_t off = 0, next, yaml_start, yaml_end = 0;
    int lines = 1, is_closed = 0;
    hs__ynode *root;
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

    root = hs__yaml_read(text + yaml_start, yaml_end - yaml_start, 1, lines,
                         problem, problem_line);
    if (*problem_line > lines)
        *problem_line = lines;
    if (!root || root->type != HS__Y_MAPPING) {
        if (root && !*problem) {
            *problem = "front matter is not a mapping of keys to values";
            *problem_line = 2;
        }
        hs__yaml_free(root);
        return;
    }
    fm = hs__xcalloc(1, sizeof(*fm));
    fm->last = hs__xcalloc(1, sizeof(*fm->last));
    fm->root = root;
    hoist(fm);
    fm->memo = hs__xcalloc(fm->keys.n / 2 + 1, sizeof(*fm->memo));
    for (size_t i = 0; i < fm->keys.n / 2 + 1; i++)
        fm->memo[i] = -1;
    find_duplicate(fm, root);
    index_keys(fm);
    *out = fm;
}

void hs__fm_free(hs__fm *fm) {
    if (!fm)
        return;
    hs__yaml_free(fm->root);
    free(fm->keys.kids);
    free(fm->last);
    free(fm->memo);
    free_keys(fm->index, fm->n_index);
    free(fm);
}

/* Keys match ignoring case and the difference between '-', '_' and ' '. */
static int key_eq(const char *a, size_t alen, const char *b) {
    size_t i;
    for (i = 0; i < alen && b[i]; i++)
        if (norm_char(a[i]) != norm_char(b[i]))
            return 0;
    return i == alen && !b[i];
}

static hs__ynode *map_get(const hs__ynode *map, const char *key) {
    if (!map || map->type != HS__Y_MAPPING)
        return NULL;
    for (size_t i = 0; i + 1 < map->n; i += 2) {
        const hs__ynode *k = map->kids[i];
        if (k->type == HS__Y_SCALAR && key_eq(k->value, k->len, key))
            return map->kids[i + 1];
    }
    return NULL;
}

/*
 * Mappings whose keys are read as if written at the top: incident tools
 * and site generators nest the facts one level down ("incident:" then
 * "  severity: SEV2", Hugo's "params:"). Other mappings (an author, a
 * review meeting) hold keys of the same names ("date", "name") that are
 * not the incident's, so they are not read.
 */
static const char *const wrappers[] = {
    "incident", "postmortem", "post_mortem", "meta",     "metadata", "params",
    "extra",    "data",       "details",     "info",     "facts",    "summary",
    "impact",   "outage",     "event",       "overview", NULL};

static int is_wrapper(const hs__ynode *k, const hs__ynode *v) {
    if (k->type != HS__Y_SCALAR || v->type != HS__Y_MAPPING)
        return 0;
    for (size_t w = 0; wrappers[w]; w++)
        if (key_eq(k->value, k->len, wrappers[w]))
            return 1;
    return 0;
}

/* fm->keys: root's pairs, then each wrapper's, in the order written; a
 * key written at the top wins over a wrapper's of the same name, as
 * map_get reads the first. */
static void hoist(hs__fm *fm) {
    const hs__ynode *root = fm->root;
    size_t n = root->n;
    for (size_t i = 0; i + 1 < root->n; i += 2)
        if (is_wrapper(root->kids[i], root->kids[i + 1]))
            n += root->kids[i + 1]->n;
    fm->keys.type = HS__Y_MAPPING;
    fm->keys.line = root->line;
    fm->keys.kids = hs__xcalloc(n + 1, sizeof(*fm->keys.kids));
    /* an empty mapping ("{}", "incident: {}") has no kids array, and
     * memcpy from NULL is undefined even for 0 bytes */
    if (root->n)
        memcpy(fm->keys.kids, root->kids, root->n * sizeof(*root->kids));
    fm->keys.n = fm->keys.alloc = root->n;
    for (size_t i = 0; i + 1 < root->n; i += 2) {
        const hs__ynode *v = root->kids[i + 1];
        if (!is_wrapper(root->kids[i], v) || !v->n)
            continue;
        memcpy(fm->keys.kids + fm->keys.n, v->kids, v->n * sizeof(*v->kids));
        fm->keys.n += v->n;
    }
}

/* `key` against a key of fm->index, as strcmp orders their forms. */
static int norm_cmp(const char *key, const char *norm) {
    for (;; key++, norm++) {
        unsigned char a = (unsigned char)norm_char(*key),
                      b = (unsigned char)*norm;
        if (a != b || !a)
            return (a > b) - (a < b);
    }
}

/* A top-level key's value (the first of its name, as map_get finds it in
 * fm->keys), through the one-entry cache and fm->index. */
static hs__ynode *root_get(const hs__fm *fm, const char *key) {
    struct fm_last *m = fm->last;
    size_t lo = 0, hi = fm->n_index;
    if (m->key && !strcmp(m->key, key))
        return m->val;
    m->key = key;
    m->val = NULL;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = norm_cmp(key, fm->index[mid].norm);
        if (!c) {
            m->val = fm->keys.kids[fm->index[mid].i + 1];
            break;
        }
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return m->val;
}

static const char *scalar_of(const hs__ynode *n, int *line) {
    if (!n || n->type != HS__Y_SCALAR)
        return NULL;
    if (line)
        *line = n->line;
    /* an explicit null (`key:`, `~`, `null`) is absent */
    if (n->len == 0 || (n->is_plain && (!strcmp(n->value, "~") ||
                                        !hs__strcasecmp(n->value, "null"))))
        return NULL;
    return n->value;
}

const hs__ynode *hs__yaml_first_alias(const hs__ynode *n) {
    if (n->type == HS__Y_ALIAS)
        return n;
    for (size_t i = 0; i < n->n; i++) {
        const hs__ynode *a = hs__yaml_first_alias(n->kids[i]);
        if (a)
            return a;
    }
    return NULL;
}

int hs__fm_collection_line(const hs__fm *fm, const char *key, int *is_mapping) {
    const hs__ynode *n = fm ? root_get(fm, key) : NULL;
    if (!n || (n->type != HS__Y_SEQUENCE && n->type != HS__Y_MAPPING))
        return 0;
    *is_mapping = n->type == HS__Y_MAPPING;
    return n->line;
}

int hs__fm_alias_line(const hs__fm *fm) {
    const hs__ynode *a = fm && fm->root ? hs__yaml_first_alias(fm->root) : NULL;
    return a ? a->line : 0;
}

const char *hs__fm_duplicate(const hs__fm *fm, int *line, int *first_line) {
    if (!fm || !fm->dup)
        return NULL;
    *line = fm->dup->line;
    *first_line = fm->dup_first->line;
    return fm->dup->value;
}

const char *hs__fm_scalar(const hs__fm *fm, const char *key, int *line) {
    if (!fm)
        return NULL;
    return scalar_of(root_get(fm, key), line);
}

const char *hs__fm_key(const hs__fm *fm, size_t i) {
    const hs__ynode *k;
    if (!fm || 2 * i + 1 >= fm->keys.n)
        return NULL;
    k = fm->keys.kids[2 * i];
    /* a key that is no scalar ("? [a, b]") names nothing */
    return k->type == HS__Y_SCALAR ? k->value : "";
}

int *hs__fm_key_memo(const hs__fm *fm, size_t i) {
    if (!fm || 2 * i + 1 >= fm->keys.n)
        return NULL;
    return &fm->memo[i];
}

size_t hs__fm_list(const hs__fm *fm, const char *key, hs_strlist *out) {
    const hs__ynode *n;
    size_t before = out->n;
    if (!fm || !(n = root_get(fm, key)))
        return 0;
    if (n->type == HS__Y_SCALAR) {
        const char *s = scalar_of(n, NULL);
        if (s)
            hs__strlist_split(out, s, ",;");
    } else if (n->type == HS__Y_SEQUENCE) {
        for (size_t i = 0; i < n->n; i++) {
            const char *s = scalar_of(n->kids[i], NULL);
            if (s)
                hs__strlist_push_trimmed(out, s, strlen(s));
        }
    }
    return out->n - before;
}

static const hs__ynode *seq_item(const hs__fm *fm, const char *key, size_t i,
                                 size_t *count) {
    const hs__ynode *n = root_get(fm, key);
    if (!n || n->type != HS__Y_SEQUENCE) {
        *count = 0;
        return NULL;
    }
    *count = n->n;
    return i < n->n ? n->kids[i] : NULL;
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
    const hs__ynode *item;
    if (!fm)
        return NULL;
    item = seq_item(fm, key, i, &count);
    if (!item)
        return NULL;
    if (item->type == HS__Y_SCALAR)
        return !strcmp(field, "") ? scalar_of(item, line) : NULL;
    return scalar_of(map_get(item, field), line);
}
