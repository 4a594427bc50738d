/*
 * Logic-less Mustache over jansson values, HTML-escaping by default.
 * Compilation turns template text (and every partial it reaches) into one
 * flat array of ops whose section jumps are resolved; rendering walks that
 * array with explicit stacks, so neither step recurses on template depth
 * and bad template bytes end in HS_EINVAL, never in a crash. No I/O here:
 * partial text comes from the caller's callback.
 */
#include "web/tmpl.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "base/text.h"
#include "base/util.h"

#include "base/banned.h"

/*
 * A render may take this many ops for free; past it, it must write one
 * output byte per 4 ops or stop. This bounds data-driven partial recursion
 * (which can fan out exponentially up to the depth limit) without touching
 * any real page, whose ops nearly all write bytes.
 */
#define STEP_BASE ((size_t)1 << 22)
#define STEPS_PER_BYTE 4

/* Names in error messages are cut to this many bytes. */
#define NAME_SHOWN 48

enum op_type {
    OP_TEXT,     /* literal bytes */
    OP_ESCAPED,  /* {{name}} */
    OP_RAW,      /* {{{name}}} and {{& name}} */
    OP_SECTION,  /* {{#name}} */
    OP_INVERTED, /* {{^name}} */
    OP_END,      /* {{/name}} */
    OP_PARTIAL   /* {{> name}} */
};

enum op_flags {
    OP_BOL = 1 << 0,       /* starts a template line: emit the indent first */
    OP_INNER_NL = 1 << 1,  /* TEXT with a newline before its last byte */
    OP_STANDALONE = 1 << 2 /* PARTIAL alone on its line: indent its lines */
};

struct op {
    unsigned char type;  /* enum op_type */
    unsigned char flags; /* enum op_flags */
    size_t line;         /* of the tag, for render-time errors */
    size_t off, len;     /* pool bytes: TEXT text, PARTIAL indent, names */
    size_t nseg;         /* name segments ("a.b" is 2); 0 for "." */
    size_t arg; /* SECTION, INVERTED: END; END: opener; PARTIAL: unit */
};

/* The main template is unit 0; each distinct partial is one more unit. */
struct unit {
    size_t name_off;   /* in the pool, NUL-terminated */
    size_t first, end; /* its ops are [first, end) */
};

struct hs__tmpl {
    hs__buf pool; /* text, names and indents, referred to by offset */
    struct op *ops;
    size_t n_ops, alloc_ops;
    struct unit *units;
    size_t n_units, alloc_units;
};

/* One {{...}} tag as scanned. */
struct tag {
    int sigil;        /* 0 for {{name}}, else one of {&#^/>!= */
    const char *name; /* contents, white space trimmed */
    size_t name_len;
    size_t start, end; /* the tag's bytes in the source */
    size_t line;
};

struct open_section {
    size_t op;
    const char *name;
    size_t name_len;
    size_t line;
};

/* Partial sources waiting to be compiled (owned copies). */
struct source {
    char *text;
    size_t len;
};

struct compiler {
    hs__tmpl *t;
    hs__tmpl_partial_fn *partial;
    void *ctx;
    hs_error *err;
    json_t *index; /* partial name -> unit number, as a hash table */
    struct source *srcs;
    size_t n_srcs, alloc_srcs;
    /* The unit being compiled. */
    size_t unit;
    const char *src;
    size_t len;
    size_t text_start; /* literal text not yet emitted starts here */
    size_t line, line_pos;
    int at_bol; /* the next op starts a template line */
    struct open_section open[HS_TMPL_MAX_NESTING];
    size_t n_open;
};

static const char *unit_name(const hs__tmpl *t, size_t unit) {
    return t->pool.data + t->units[unit].name_off;
}

/*
 * Fill `err` with "template 'NAME' line N: WHAT" and return HS_EINVAL.
 */
#if defined(__GNUC__)
__attribute__((format(printf, 4, 5)))
#endif
static int
tmpl_error(hs_error *err, const char *name, size_t line, const char *fmt, ...) {
    char what[200];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof(what), fmt, ap);
    va_end(ap);
    return hs__seterr(err, HS_EINVAL, "template '%.*s' line %zu: %s",
                      NAME_SHOWN, name, line, what);
}

/* How many bytes of a name to show in a message. */
static int shown(size_t len) {
    return len > NAME_SHOWN ? NAME_SHOWN : (int)len;
}

/* The line number of byte `pos`; positions only move forward. */
static size_t line_at(struct compiler *c, size_t pos) {
    while (c->line_pos < pos) {
        const char *nl = memchr(c->src + c->line_pos, '\n', pos - c->line_pos);
        if (!nl) {
            c->line_pos = pos;
            break;
        }
        c->line++;
        c->line_pos = (size_t)(nl - c->src) + 1;
    }
    return c->line;
}

/* The next "{{" at or after `from`, or `len` if there is none. */
static size_t find_open(const char *s, size_t from, size_t len) {
    while (from + 1 < len) {
        const char *b = memchr(s + from, '{', len - from - 1);
        if (!b)
            break;
        from = (size_t)(b - s);
        if (s[from + 1] == '{')
            return from;
        from++;
    }
    return len;
}

/* The next run of `n` (2 or 3) closing braces, or SIZE_MAX. */
static size_t find_close(const char *s, size_t from, size_t len, size_t n) {
    while (from + n <= len) {
        const char *b = memchr(s + from, '}', len - from);
        if (!b)
            break;
        from = (size_t)(b - s);
        if (from + n <= len && s[from + 1] == '}' &&
            (n == 2 || s[from + 2] == '}'))
            return from;
        from++;
    }
    return (size_t)-1;
}

/* Append an op for the current unit and return its index. */
static size_t add_op(struct compiler *c, int type, size_t line,
                     int is_standalone) {
    hs__tmpl *t = c->t;
    struct op *op;
    HS_ALLOC_GROW(t->ops, t->n_ops + 1, t->alloc_ops);
    op = &t->ops[t->n_ops];
    memset(op, 0, sizeof(*op));
    op->type = (unsigned char)type;
    op->line = line;
    /* A standalone tag's line vanishes, so it neither starts nor ends one. */
    if (!is_standalone) {
        if (c->at_bol)
            op->flags |= OP_BOL;
        c->at_bol = 0;
    }
    return t->n_ops++;
}

/* Emit source bytes [from, to) as literal text. */
static void emit_text(struct compiler *c, size_t from, size_t to) {
    struct op *op;
    size_t i;
    if (from >= to)
        return;
    i = add_op(c, OP_TEXT, 0, 0);
    op = &c->t->ops[i];
    op->off = c->t->pool.len;
    op->len = to - from;
    hs__buf_put(&c->t->pool, c->src + from, to - from);
    if (memchr(c->src + from, '\n', to - from - 1))
        op->flags |= OP_INNER_NL;
    c->at_bol = c->src[to - 1] == '\n';
}

static int is_name_byte(unsigned char ch) {
    return ch > ' ' && ch != 0x7f && ch != '{' && ch != '}';
}

/*
 * Check a tag's name: not empty, no white space, control bytes or braces,
 * not starting with a sigil (so a misplaced "{{ #a }}" is an error rather
 * than a variable named "#a") nor with the inheritance sigils < and $, and
 * for dotted names no empty segment.
 */
static int check_name(struct compiler *c, const struct tag *tag) {
    const char *n = tag->name;
    size_t len = tag->name_len, i;
    const char *whole = unit_name(c->t, c->unit);
    if (!len)
        return tmpl_error(c->err, whole, tag->line, "empty name in tag");
    for (i = 0; i < len; i++)
        if (!is_name_byte((unsigned char)n[i]))
            return tmpl_error(c->err, whole, tag->line,
                              "invalid character in name '%.*s'", shown(len),
                              n);
    if (n[0] == '<' || n[0] == '$')
        return tmpl_error(c->err, whole, tag->line,
                          "template inheritance ('{{%c') is not supported",
                          n[0]);
    if (strchr("#^/>!&=", n[0]) != NULL)
        return tmpl_error(c->err, whole, tag->line,
                          "'%c' must come right after '{{' in '%.*s'", n[0],
                          shown(len), n);
    if (tag->sigil == '>' || (len == 1 && n[0] == '.'))
        return 0;
    for (i = 0; i < len; i++)
        if (n[i] == '.' && (i == 0 || i + 1 == len || n[i + 1] == '.'))
            return tmpl_error(c->err, whole, tag->line,
                              "empty segment in dotted name '%.*s'", shown(len),
                              n);
    return 0;
}

/* Store op `i`'s name in the pool as NUL-terminated segments. */
static void intern_name(struct compiler *c, size_t i, const struct tag *tag) {
    hs__buf *pool = &c->t->pool;
    size_t k, off = pool->len, nseg = 1;
    if (tag->name_len == 1 && tag->name[0] == '.') {
        c->t->ops[i].nseg = 0;
        return;
    }
    hs__buf_put(pool, tag->name, tag->name_len);
    hs__buf_putc(pool, '\0');
    for (k = off; k < off + tag->name_len; k++) {
        if (pool->data[k] == '.') {
            pool->data[k] = '\0';
            nseg++;
        }
    }
    c->t->ops[i].off = off;
    c->t->ops[i].nseg = nseg;
}

/*
 * Scan the tag at `p` (which holds "{{") into `tag`. Errors: an unclosed
 * tag, a set-delimiter tag, a bad name.
 */
static int scan_tag(struct compiler *c, size_t p, struct tag *tag) {
    const char *s = c->src;
    size_t i = p + 2, close;
    int is_triple = i < c->len && s[i] == '{';
    memset(tag, 0, sizeof(*tag));
    tag->start = p;
    tag->line = line_at(c, p);
    if (i < c->len && s[i] != '\0' && strchr("{&#^/>!=", s[i]))
        tag->sigil = s[i++];
    close = find_close(s, i, c->len, is_triple ? 3 : 2);
    if (close == (size_t)-1)
        return tmpl_error(c->err, unit_name(c->t, c->unit), tag->line,
                          "unclosed tag: '%s' without '%s'",
                          is_triple ? "{{{" : "{{", is_triple ? "}}}" : "}}");
    tag->end = close + (is_triple ? 3 : 2);
    while (i < close && hs__isspace((unsigned char)s[i]))
        i++;
    while (close > i && hs__isspace((unsigned char)s[close - 1]))
        close--;
    tag->name = s + i;
    tag->name_len = close - i;
    if (tag->sigil == '=')
        return tmpl_error(c->err, unit_name(c->t, c->unit), tag->line,
                          "set-delimiter tags are not supported");
    return tag->sigil == '!' ? 0 : check_name(c, tag);
}

/*
 * Is `tag` alone on its line, with only spaces and tabs around it? If so,
 * set *line_start to where its line begins and *next past its newline.
 */
static int is_standalone(const struct compiler *c, const struct tag *tag,
                         size_t *line_start, size_t *next) {
    const char *s = c->src;
    size_t q = tag->start, r = tag->end;
    while (q > c->text_start && (s[q - 1] == ' ' || s[q - 1] == '\t'))
        q--;
    if (q > 0 && s[q - 1] != '\n')
        return 0;
    while (r < c->len && (s[r] == ' ' || s[r] == '\t'))
        r++;
    if (r == c->len)
        *next = r;
    else if (s[r] == '\n')
        *next = r + 1;
    else if (s[r] == '\r' && r + 1 < c->len && s[r + 1] == '\n')
        *next = r + 2;
    else
        return 0;
    *line_start = q;
    return 1;
}

static int open_section(struct compiler *c, const struct tag *tag,
                        int is_alone) {
    struct open_section *o;
    size_t i;
    if (c->n_open == HS_TMPL_MAX_NESTING)
        return tmpl_error(c->err, unit_name(c->t, c->unit), tag->line,
                          "sections nested deeper than %d",
                          HS_TMPL_MAX_NESTING);
    i = add_op(c, tag->sigil == '#' ? OP_SECTION : OP_INVERTED, tag->line,
               is_alone);
    intern_name(c, i, tag);
    o = &c->open[c->n_open++];
    o->op = i;
    o->name = tag->name;
    o->name_len = tag->name_len;
    o->line = tag->line;
    return 0;
}

static int close_section(struct compiler *c, const struct tag *tag,
                         int is_alone) {
    const struct open_section *o;
    size_t i;
    if (!c->n_open)
        return tmpl_error(c->err, unit_name(c->t, c->unit), tag->line,
                          "'{{/%.*s}}' closes no open section",
                          shown(tag->name_len), tag->name);
    o = &c->open[c->n_open - 1];
    if (o->name_len != tag->name_len ||
        memcmp(o->name, tag->name, tag->name_len) != 0)
        return tmpl_error(c->err, unit_name(c->t, c->unit), tag->line,
                          "'{{/%.*s}}' does not match section '%.*s' "
                          "opened on line %zu",
                          shown(tag->name_len), tag->name, shown(o->name_len),
                          o->name, o->line);
    i = add_op(c, OP_END, tag->line, is_alone);
    c->t->ops[i].arg = o->op;
    c->t->ops[o->op].arg = i;
    c->n_open--;
    return 0;
}

/*
 * The unit number of partial `tag->name`, asking the callback and queueing
 * a new unit the first time the name is seen.
 */
static int find_partial(struct compiler *c, const struct tag *tag,
                        size_t *unit) {
    hs__tmpl *t = c->t;
    char *key = hs__xstrndup(tag->name, tag->name_len);
    json_t *known = json_object_get(c->index, key);
    const char *text;
    int rc = 0;
    if (known) {
        *unit = (size_t)json_integer_value(known);
        goto out;
    }
    text = c->partial ? c->partial(c->ctx, key) : NULL;
    if (!text) {
        rc = tmpl_error(c->err, unit_name(t, c->unit), tag->line,
                        "unknown partial '%.*s'", shown(tag->name_len), key);
        goto out;
    }
    HS_ALLOC_GROW(t->units, t->n_units + 1, t->alloc_units);
    HS_ALLOC_GROW(c->srcs, t->n_units + 1, c->alloc_srcs);
    *unit = t->n_units++;
    t->units[*unit].name_off = t->pool.len;
    hs__buf_put(&t->pool, key, tag->name_len + 1);
    c->srcs[*unit].len = strlen(text);
    c->srcs[*unit].text = hs__xstrndup(text, c->srcs[*unit].len);
    c->n_srcs = t->n_units;
    /* The key has no NUL and jansson need not check it is UTF-8. */
    json_object_set_new_nocheck(c->index, key, json_integer((json_int_t)*unit));
out:
    free(key);
    return rc;
}

static int add_partial(struct compiler *c, const struct tag *tag, int is_alone,
                       size_t line_start) {
    size_t unit = 0, i;
    struct op *op;
    int rc = find_partial(c, tag, &unit);
    if (rc)
        return rc;
    i = add_op(c, OP_PARTIAL, tag->line, is_alone);
    op = &c->t->ops[i];
    op->arg = unit;
    if (is_alone) {
        op->flags |= OP_STANDALONE;
        op->off = c->t->pool.len;
        op->len = tag->start - line_start;
        hs__buf_put(&c->t->pool, c->src + line_start, op->len);
    }
    return 0;
}

static int add_var(struct compiler *c, const struct tag *tag) {
    size_t i = add_op(c, tag->sigil ? OP_RAW : OP_ESCAPED, tag->line, 0);
    intern_name(c, i, tag);
    return 0;
}

/*
 * Emit the text before `tag` and the tag's op. Section, comment and
 * partial tags alone on their line take the whole line with them, as the
 * Mustache spec says, so they leave no blank lines behind.
 */
static int add_tag(struct compiler *c, const struct tag *tag) {
    size_t line_start = tag->start, next = tag->end;
    int is_alone = 0;
    if (tag->sigil && strchr("#^/>!", tag->sigil))
        is_alone = is_standalone(c, tag, &line_start, &next);
    emit_text(c, c->text_start, line_start);
    c->text_start = next;
    switch (tag->sigil) {
    case '!':
        return 0;
    case '#':
    case '^':
        return open_section(c, tag, is_alone);
    case '/':
        return close_section(c, tag, is_alone);
    case '>':
        return add_partial(c, tag, is_alone, line_start);
    default:
        return add_var(c, tag);
    }
}

static int compile_unit(struct compiler *c, size_t unit, const char *src,
                        size_t len) {
    hs__tmpl *t = c->t;
    size_t pos = 0;
    int rc = 0;
    c->unit = unit;
    c->src = src;
    c->len = len;
    c->text_start = 0;
    c->line = 1;
    c->line_pos = 0;
    c->at_bol = 1;
    c->n_open = 0;
    t->units[unit].first = t->n_ops;
    while (rc == 0 && (pos = find_open(src, pos, len)) < len) {
        struct tag tag;
        rc = scan_tag(c, pos, &tag);
        if (rc == 0)
            rc = add_tag(c, &tag);
        pos = c->text_start;
    }
    if (rc == 0)
        emit_text(c, c->text_start, len);
    if (rc == 0 && c->n_open) {
        const struct open_section *o = &c->open[c->n_open - 1];
        rc = tmpl_error(c->err, unit_name(t, unit), o->line,
                        "unclosed section '%.*s'", shown(o->name_len), o->name);
    }
    t->units[unit].end = t->n_ops;
    return rc;
}

int hs__tmpl_compile(const char *name, const char *tmpl, size_t len,
                     hs__tmpl_partial_fn *partial, void *ctx, hs__tmpl **out,
                     hs_error *err) {
    struct compiler c;
    hs__tmpl *t = hs__xcalloc(1, sizeof(*t));
    size_t i;
    int rc = 0;
    if (!tmpl || !len) {
        tmpl = "";
        len = 0;
    }
    hs__buf_init(&t->pool);
    memset(&c, 0, sizeof(c));
    c.t = t;
    c.partial = partial;
    c.ctx = ctx;
    c.err = err;
    c.index = json_object();
    HS_ALLOC_GROW(t->units, 1, t->alloc_units);
    HS_ALLOC_GROW(c.srcs, 1, c.alloc_srcs);
    t->n_units = c.n_srcs = 1;
    t->units[0].name_off = 0;
    hs__buf_puts(&t->pool, name ? name : "");
    hs__buf_putc(&t->pool, '\0');
    c.srcs[0].text = NULL;
    /* Units are appended as partials are found: a worklist, no recursion. */
    rc = compile_unit(&c, 0, tmpl, len);
    for (i = 1; rc == 0 && i < t->n_units; i++)
        rc = compile_unit(&c, i, c.srcs[i].text, c.srcs[i].len);
    for (i = 1; i < c.n_srcs; i++)
        free(c.srcs[i].text);
    free(c.srcs);
    json_decref(c.index);
    if (rc) {
        hs__tmpl_free(t);
        t = NULL;
    }
    *out = t;
    return rc;
}

void hs__tmpl_free(hs__tmpl *t) {
    if (!t)
        return;
    hs__buf_release(&t->pool);
    free(t->ops);
    free(t->units);
    free(t);
}

/* ---- Rendering ---- */

/* A section being rendered. */
struct frame {
    size_t opener;      /* its SECTION op */
    const json_t *list; /* the array iterated, or NULL for one pass */
    size_t i;           /* the element now on the context stack */
};

/* A partial being rendered: where to return to. */
struct call {
    size_t ret, end, unit;
    size_t ind_off, ind_len;
};

struct render {
    const hs__tmpl *t;
    hs__buf *out;
    size_t out_start;
    hs_error *err;
    size_t pc, end, unit; /* next op, end of the current unit's ops */
    size_t steps;
    const json_t **ctx; /* the context stack, innermost last */
    size_t n_ctx, alloc_ctx;
    struct frame *frames;
    size_t n_frames, alloc_frames;
    struct call *calls;
    size_t n_calls, alloc_calls;
    hs__buf indent; /* indents of enclosing partials, concatenated */
    size_t ind_off, ind_len;
};

static void push_ctx(struct render *r, const json_t *v) {
    HS_ALLOC_GROW(r->ctx, r->n_ctx + 1, r->alloc_ctx);
    r->ctx[r->n_ctx++] = v;
}

/*
 * Resolve op's name as Mustache does: "." is the innermost context; the
 * first segment is looked up from the innermost context outwards, and the
 * rest only inside what it found. NULL when missing.
 */
static const json_t *lookup(const struct render *r, const struct op *op) {
    const char *key = r->t->pool.data + op->off;
    const json_t *v = NULL;
    size_t i;
    if (op->nseg == 0)
        return r->ctx[r->n_ctx - 1];
    for (i = r->n_ctx; i-- > 0;)
        if (json_is_object(r->ctx[i]) &&
            (v = json_object_get(r->ctx[i], key)) != NULL)
            break;
    for (i = 1; v && i < op->nseg; i++) {
        key += strlen(key) + 1;
        v = json_is_object(v) ? json_object_get(v, key) : NULL;
    }
    return v;
}

static int is_truthy(const json_t *v) {
    if (!v)
        return 0;
    switch (json_typeof(v)) {
    case JSON_OBJECT:
    case JSON_TRUE:
        return 1;
    case JSON_ARRAY:
        return json_array_size(v) > 0;
    case JSON_STRING:
        return json_string_length(v) > 0;
    case JSON_INTEGER:
        return json_integer_value(v) != 0;
    case JSON_REAL:
        return json_real_value(v) != 0.0;
    default:
        return 0;
    }
}

/*
 * Append a value: strings as they are, numbers plainly (reals with up to
 * 15 significant digits, so 2.5 and 3, not 3.0 or 0.30000000000000004),
 * booleans as words; null, missing, arrays and objects as nothing.
 */
static void put_value(hs__buf *out, const json_t *v, int is_escaped) {
    char num[64];
    switch (v ? json_typeof(v) : JSON_NULL) {
    case JSON_STRING:
        if (is_escaped)
            hs__html_escape_n(out, json_string_value(v), json_string_length(v));
        else
            hs__buf_put(out, json_string_value(v), json_string_length(v));
        return;
    case JSON_INTEGER:
        snprintf(num, sizeof(num), "%" JSON_INTEGER_FORMAT,
                 json_integer_value(v));
        break;
    case JSON_REAL:
        snprintf(num, sizeof(num), "%.15g", json_real_value(v));
        break;
    case JSON_TRUE:
        hs__buf_puts(out, "true");
        return;
    case JSON_FALSE:
        hs__buf_puts(out, "false");
        return;
    default:
        return;
    }
    hs__buf_puts(out, num);
}

/* Append literal text, indenting each line after the first if need be. */
static void put_text(struct render *r, const struct op *op) {
    const char *s = r->t->pool.data + op->off, *nl;
    size_t len = op->len;
    if (!r->ind_len || !(op->flags & OP_INNER_NL)) {
        hs__buf_put(r->out, s, len);
        return;
    }
    /* A final newline is left alone: the next op carries OP_BOL. */
    while ((nl = memchr(s, '\n', len - 1)) != NULL) {
        size_t n = (size_t)(nl - s) + 1;
        hs__buf_put(r->out, s, n);
        hs__buf_put(r->out, r->indent.data + r->ind_off, r->ind_len);
        s += n;
        len -= n;
        if (len <= 1)
            break;
    }
    hs__buf_put(r->out, s, len);
}

static void enter_section(struct render *r, const struct op *op) {
    const json_t *v = lookup(r, op);
    struct frame *f;
    if (!is_truthy(v)) {
        r->pc = op->arg + 1;
        return;
    }
    HS_ALLOC_GROW(r->frames, r->n_frames + 1, r->alloc_frames);
    f = &r->frames[r->n_frames++];
    f->opener = r->pc;
    f->list = json_is_array(v) ? v : NULL;
    f->i = 0;
    /* Truthy scalars are pushed too, so {{.}} inside shows them. */
    push_ctx(r, f->list ? json_array_get(v, 0) : v);
    r->pc++;
}

static void end_section(struct render *r, const struct op *op) {
    struct frame *f;
    if (r->t->ops[op->arg].type == OP_INVERTED) {
        r->pc++;
        return;
    }
    f = &r->frames[r->n_frames - 1];
    if (f->list && ++f->i < json_array_size(f->list)) {
        r->ctx[r->n_ctx - 1] = json_array_get(f->list, f->i);
        r->pc = f->opener + 1;
        return;
    }
    r->n_frames--;
    r->n_ctx--;
    r->pc++;
}

/*
 * Render partial op->arg next. A standalone partial indents its lines by
 * the enclosing indent plus its own; any other partial is not indented.
 */
static int enter_partial(struct render *r, const struct op *op) {
    struct call *cl;
    if (r->n_calls == HS_TMPL_MAX_PARTIAL_DEPTH)
        return tmpl_error(r->err, unit_name(r->t, r->unit), op->line,
                          "partials nested deeper than %d (at '%.*s')",
                          HS_TMPL_MAX_PARTIAL_DEPTH, NAME_SHOWN,
                          unit_name(r->t, op->arg));
    HS_ALLOC_GROW(r->calls, r->n_calls + 1, r->alloc_calls);
    cl = &r->calls[r->n_calls++];
    cl->ret = r->pc + 1;
    cl->end = r->end;
    cl->unit = r->unit;
    cl->ind_off = r->ind_off;
    cl->ind_len = r->ind_len;
    if (op->flags & OP_STANDALONE) {
        hs__buf_truncate(&r->indent, r->ind_off + r->ind_len);
        hs__buf_put(&r->indent, r->t->pool.data + op->off, op->len);
        r->ind_len += op->len;
    } else {
        r->ind_off += r->ind_len;
        r->ind_len = 0;
        hs__buf_truncate(&r->indent, r->ind_off);
    }
    r->unit = op->arg;
    r->pc = r->t->units[r->unit].first;
    r->end = r->t->units[r->unit].end;
    return 0;
}

static void leave_partial(struct render *r) {
    const struct call *cl = &r->calls[--r->n_calls];
    r->pc = cl->ret;
    r->end = cl->end;
    r->unit = cl->unit;
    r->ind_off = cl->ind_off;
    r->ind_len = cl->ind_len;
    hs__buf_truncate(&r->indent, r->ind_off + r->ind_len);
}

/* Stop renders that write too much, or work far more than they write. */
static int check_budget(struct render *r, const struct op *op) {
    size_t made = r->out->len - r->out_start;
    if (made > HS_TMPL_MAX_OUTPUT)
        return tmpl_error(r->err, unit_name(r->t, r->unit), op->line,
                          "output exceeds %zu bytes", HS_TMPL_MAX_OUTPUT);
    if (++r->steps > STEP_BASE &&
        (r->steps - STEP_BASE) / STEPS_PER_BYTE > made)
        return tmpl_error(r->err, unit_name(r->t, r->unit), op->line,
                          "rendering runs away (%zu steps for %zu bytes; "
                          "recursive partials?)",
                          r->steps, made);
    return 0;
}

static int exec_op(struct render *r, const struct op *op) {
    if ((op->flags & OP_BOL) && r->ind_len)
        hs__buf_put(r->out, r->indent.data + r->ind_off, r->ind_len);
    switch (op->type) {
    case OP_TEXT:
        put_text(r, op);
        r->pc++;
        break;
    case OP_ESCAPED:
    case OP_RAW:
        put_value(r->out, lookup(r, op), op->type == OP_ESCAPED);
        r->pc++;
        break;
    case OP_SECTION:
        enter_section(r, op);
        break;
    case OP_INVERTED:
        r->pc = is_truthy(lookup(r, op)) ? op->arg + 1 : r->pc + 1;
        break;
    case OP_END:
        end_section(r, op);
        break;
    case OP_PARTIAL:
        if (enter_partial(r, op))
            return HS_EINVAL;
        break;
    default:
        HS_BUG("unknown template op");
    }
    return check_budget(r, op);
}

int hs__tmpl_exec(const hs__tmpl *t, const json_t *data, hs__buf *out,
                  hs_error *err) {
    struct render r;
    int rc = 0;
    memset(&r, 0, sizeof(r));
    r.t = t;
    r.out = out;
    r.out_start = out->len;
    r.err = err;
    r.pc = t->units[0].first;
    r.end = t->units[0].end;
    hs__buf_init(&r.indent);
    push_ctx(&r, data);
    while (rc == 0) {
        if (r.pc == r.end) {
            if (!r.n_calls)
                break;
            leave_partial(&r);
            continue;
        }
        rc = exec_op(&r, &t->ops[r.pc]);
    }
    if (rc)
        hs__buf_truncate(out, r.out_start);
    free(r.ctx);
    free(r.frames);
    free(r.calls);
    hs__buf_release(&r.indent);
    return rc;
}

int hs__tmpl_render(const char *name, const char *tmpl, size_t len,
                    const json_t *data, hs__tmpl_partial_fn *partial, void *ctx,
                    hs__buf *out, hs_error *err) {
    hs__tmpl *t;
    int rc = hs__tmpl_compile(name, tmpl, len, partial, ctx, &t, err);
    if (rc == 0)
        rc = hs__tmpl_exec(t, data, out, err);
    hs__tmpl_free(t);
    return rc;
}
