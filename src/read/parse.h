/*
 * Markdown bytes -> hs__doc: front matter, sections by heading, and in each
 * section its prose, list items, tables and `**Field**: value` lines. The
 * only cmark-gfm includer. Parsing is total: any input gives a doc.
 */
#ifndef HS_PARSE_H
#define HS_PARSE_H

#include "base/buf.h"
#include "hindsight.h"
#include "read/frontmatter.h"

typedef struct hs__item {
    char *text;
    int checked; /* -1: no task box, 0: [ ], 1: [x] */
    int line;
    int depth;  /* 0 for a top-level item */
    int seq;    /* position in the document among items, paragraphs, tables */
    int struck; /* its text is struck through (~~...~~): work done */
    int quoted; /* inside a block quote: a quoted chat log or alert, not
                   the author's own entry */
    const void *node; /* internal: the cmark node, only during parsing */
    /* internal, while parsing: text's length and allocation, which grows
     * by doubling as the item's paragraphs join it */
    size_t text_len, text_cap;
} hs__item;

typedef struct hs__table {
    size_t n_cols, n_rows; /* row 0 is the header */
    char **cells;          /* row-major, n_rows * n_cols, never NULL */
    int *lines;            /* per row */
    int seq;               /* position in the document, as hs__item.seq */
} hs__table;

typedef struct hs__field {
    char *key, *value;
    int line;
    int is_bold; /* written as **Key**: value, or a key/value table row */
    int kind;    /* hs__kind its key names; set by the extractor */
} hs__field;

typedef struct hs__section {
    char *heading; /* "" for the part before the first heading */
    int level;     /* 0 for that part */
    int line;
    /*
     * 0: a markdown heading. 1: a paragraph of bold text alone
     * ("**Root cause**"). 2: a bullet `- **Key events**` whose nested list
     * is its body. 3: the rest of the section a bullet of kind 2 interrupted
     * (no heading, level of that bullet). 4: a paragraph's run-in heading
     * ("**Why it happened.** The task ...").
     */
    int synthetic;
    size_t body_off; /* where its text starts in hs__doc.body */
    size_t sub_end;  /* index of the first later section not below it */
    hs__buf text;    /* prose: paragraphs separated by blank lines */
    hs__item *paras; /* each paragraph, with its line */
    size_t n_paras, alloc_paras;
    hs__item *items;
    size_t n_items, alloc_items;
    hs__table *tables;
    size_t n_tables, alloc_tables;
    hs__field *fields;
    size_t n_fields, alloc_fields;
} hs__section;

/*
 * A bold line alone (`**Key**`) or a `- **Key**` bullet over a nested list
 * that is shaped like a section name but is no name the names table (or
 * the house style) knows: it stays a paragraph or a list item, and is
 * listed here only so that `check` can name it.
 */
typedef struct hs__label {
    char *text;
    int line;
    size_t section; /* index of the section it is written in */
    int is_bullet;  /* 1: `- **Key**` over a nested list; 0: a bold line */
} hs__label;

typedef struct hs__doc {
    hs__fm *fm;
    const char *fm_problem; /* static text, NULL if none */
    int fm_problem_line;
    /* a fenced yaml block was read for the front matter the file lacks
     * (yaml_block_front_matter): the first such block only */
    int is_yaml_block_read;
    hs__section *sections; /* [0] is the preamble */
    size_t n_sections, alloc_sections;
    hs_strlist links;  /* every link destination, in order */
    hs__label *labels; /* unrecognised bold labels, in order */
    size_t n_labels, alloc_labels;
    hs__buf body;         /* the whole document as plain text */
    int next_seq;         /* the next hs__item/hs__table seq */
    const hs_config *cfg; /* the house style, borrowed; NULL: defaults */
    /* internal, during parsing: the level of the last markdown heading and
     * the open `- **Key**` bullets that are sections */
    int heading_level;
    struct hs__open_key {
        const void *node;
        int level;
    } * open_keys;
    size_t n_open_keys, alloc_open_keys;
    hs__buf scratch; /* the text of one node at a time (node_text_sep) */
} hs__doc;

/*
 * Parse UTF-8 markdown (no NUL bytes) into a new doc; free with
 * hs__doc_free. Besides markdown headings, a paragraph of bold text alone
 * ("**Timeline:**") and a bullet `- **Key**` whose item holds a nested
 * list start a section, when the text is a name the names table (or the
 * house style cfg, may be NULL) knows. `- **Key**: value`
 * list items, `Key: value` lines and the rows of two-column tables are
 * fields.
 */
hs__doc *hs__doc_parse_with(const char *text, size_t len, const hs_config *cfg);
hs__doc *hs__doc_parse(const char *text, size_t len);

/*
 * Register cmark-gfm's extensions, once per process (hs__doc_parse does it
 * too). A program that parses on several threads calls it before starting
 * them, so the threads only ever read what registration wrote.
 */
void hs__parse_setup(void);
void hs__doc_free(hs__doc *doc);

#endif
