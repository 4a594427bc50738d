/*
 * YAML front matter: split it from the markdown and read it with libyaml.
 * Also the one YAML reader of the program (hs__yaml_read), with its depth
 * and size limits, which hindsight.yml is read with too. Keys are matched
 * case-insensitively, with '-' and '_' and ' ' treated alike.
 */
#ifndef HS_FRONTMATTER_H
#define HS_FRONTMATTER_H

#include "hindsight.h"
#include <stddef.h>

typedef struct hs__fm hs__fm;

typedef enum hs__ytype {
    HS__Y_SCALAR,
    HS__Y_SEQUENCE,
    HS__Y_MAPPING,
    HS__Y_ALIAS /* "*name": not expanded, it has no value */
} hs__ytype;

/* A YAML node: a scalar, or a collection of kids (a mapping's are key,
 * value, key, value ...). */
typedef struct hs__ynode {
    hs__ytype type;
    int line;     /* 1-based line in the file */
    int is_plain; /* a plain (unquoted) scalar */
    char *value;  /* scalars: NUL-terminated */
    size_t len;
    struct hs__ynode **kids;
    size_t n, alloc;
} hs__ynode;

/* Deepest nesting of collections read; deeper front matter is ignored
 * with a problem message (issue 12: nesting cost libyaml quadratic time). */
#define HS__FM_MAX_DEPTH 64
#define HS__FM_MAX_DEPTH_TEXT "64"

/* At most this many nodes are read (a real front matter has under 100, a
 * house-style file a few thousand): the tree costs ~100 bytes a node, so a
 * flow list of 2 MiB of "a," would take 100 MB. */
#define HS__YAML_MAX_NODES 100000
#define HS__YAML_MAX_NODES_TEXT "100000"

/*
 * Read the first YAML document of `yaml` into a tree, at most
 * HS__FM_MAX_DEPTH collections deep and HS__YAML_MAX_NODES nodes, in time
 * and memory linear in len; its first line is line_offset + 1 of the file
 * and no line is past last_line. Returns the root (caller frees with
 * hs__yaml_free), NULL for an empty document or on a problem: then
 * *problem (borrowed static text) and *line say why.
 */
/* The problems that are our limits, not libyaml's findings (compare the
 * pointers). */
extern const char hs__yaml_too_deep[], hs__yaml_too_many[], hs__yaml_has_nul[],
    hs__yaml_two_docs[];

hs__ynode *hs__yaml_read(const char *yaml, size_t len, int line_offset,
                         int last_line, const char **problem, int *line);
/* The same for a file that is one document (a house-style file): a second
 * one that is not empty is a problem (hs__yaml_two_docs), as its settings
 * would be left unread. */
hs__ynode *hs__yaml_read_one(const char *yaml, size_t len, const char **problem,
                             int *line);
void hs__yaml_free(hs__ynode *n);

/*
 * If `text` starts with a front matter block ("---" line ... "---" or
 * "..." line), set *body_off to the offset of what follows it and
 * *n_lines to the lines it spans, and parse it into *out (NULL if it is not
 * a YAML mapping; then *problem says why, borrowed static text, with
 * *problem_line). Without a block, *body_off = 0 and *out = NULL.
 */
void hs__fm_split(const char *text, size_t len, hs__fm **out, size_t *body_off,
                  int *n_lines, const char **problem, int *problem_line);

void hs__fm_free(hs__fm *fm);

/* The first alias ("*name") under n, or NULL: aliases are not expanded,
 * so what one stands for is not read. Recursion is bounded by
 * HS__FM_MAX_DEPTH. */
const hs__ynode *hs__yaml_first_alias(const hs__ynode *n);

/* The line of top-level `key`'s value when it is a list or a mapping
 * (*is_mapping says which), else 0. */
int hs__fm_collection_line(const hs__fm *fm, const char *key, int *is_mapping);

/* The line of the front matter's first alias, or 0 for none. */
int hs__fm_alias_line(const hs__fm *fm);

/* A top-level key written again (ignoring case and '-', '_', ' '), the
 * first such in the file: its text (borrowed, valid until hs__fm_free),
 * its line in *line and the earlier key's in *first_line; NULL for none.
 * Lookups read the first (which of two was meant is a guess). */
const char *hs__fm_duplicate(const hs__fm *fm, int *line, int *first_line);

/*
 * The lookups below read top-level keys and, after them, the keys of a
 * top-level mapping that wraps the facts ("incident:", "postmortem:",
 * "metadata:", "params:" ...; the list is in frontmatter.c): a key at the
 * top wins over a wrapped one of the same name.
 */
/* A scalar value by key; borrowed, valid until hs__fm_free. NULL if absent
 * or not a scalar. *line gets its 1-based line in the file. */
const char *hs__fm_scalar(const hs__fm *fm, const char *key, int *line);

/* The i-th top-level key in the order written (borrowed), NULL past the
 * last: the extractor asks the names table what each key names. */
const char *hs__fm_key(const hs__fm *fm, size_t i);

/* A slot the reader may keep one int in for key i (what the key names,
 * so it is looked up once per file), -1 until set; NULL past the last
 * key. Lives as long as fm. */
int *hs__fm_key_memo(const hs__fm *fm, size_t i);

/* Append a list value (a sequence of scalars, or one scalar split on
 * commas) to `out`. Returns how many were added. */
size_t hs__fm_list(const hs__fm *fm, const char *key, hs_strlist *out);

/* Number of items in a sequence of mappings (e.g. action_items), and a
 * field of item i (borrowed). */
size_t hs__fm_maps(const hs__fm *fm, const char *key);
const char *hs__fm_map_field(const hs__fm *fm, const char *key, size_t i,
                             const char *field, int *line);

#endif
