/*
 * Reports as Markdown (for chat and issues), a self-contained HTML page
 * (for mail), CSV (RFC 4180, for spreadsheets) and JSON (json.c's shape).
 * Overdue items are grouped by owner, owners with the most overdue first.
 * Every value from a postmortem is escaped for the format it lands in.
 * Output streams to a FILE in chunks, or collects in one string.
 */
#include "base/buf.h"
#include "base/error.h"
#include "base/text.h"
#include "base/util.h"
#include "model/json.h"
#include "model/normalize.h"
#include "query/report.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

/*
 * Where a rendering goes: a buffer that is written to `f`, when there is
 * one, each time it holds OUT_CHUNK bytes. At 100k postmortems a report is
 * 40-90 MB; built whole (and for JSON, as a jansson tree first) it took
 * 120-590 MB of memory.
 */
typedef struct out {
    hs__buf b;
    FILE *f;       /* NULL: keep everything in b */
    int write_err; /* errno of the first failed write, else 0 */
} out;

enum { OUT_CHUNK = 64 * 1024 };

static void out_flush(out *o) {
    if (!o->f || !o->b.len)
        return;
    if (!o->write_err && fwrite(o->b.data, 1, o->b.len, o->f) != o->b.len)
        o->write_err = errno ? errno : EIO;
    hs__buf_reset(&o->b);
}

/* Called between items: write out what has piled up. */
static void out_step(out *o) {
    if (o->f && o->b.len >= OUT_CHUNK)
        out_flush(o);
}

static const char *sev(int s) {
    const char *name = hs_severity_name(s);
    return name ? name : "";
}

/* ---------------------------------------------------------------------
 * Markdown and HTML: one walk of the report (render_doc) writes both,
 * through the markup of each (doc_fmt), so that a section added to the
 * walk appears in both formats.
 */

/*
 * Text from a postmortem, in a Markdown table cell or line: pipes escaped,
 * line breaks folded, control characters shown (the report is read on
 * terminals too), and < > & as entities, so that raw HTML such as
 * <img onerror=...> never passes to whatever renders the Markdown.
 */
static void md_cell(hs__buf *b, const char *s) {
    while (s && *s) {
        size_t n = strcspn(s, "|\n\r<>&");
        hs__buf_put_visible(b, s, n);
        s += n;
        switch (*s) {
        case '|':
            hs__buf_puts(b, "\\|");
            break;
        case '<':
            hs__buf_puts(b, "&lt;");
            break;
        case '>':
            hs__buf_puts(b, "&gt;");
            break;
        case '&':
            hs__buf_puts(b, "&amp;");
            break;
        case '\0':
            return;
        default: /* CR, LF */
            hs__buf_putc(b, ' ');
        }
        s++;
    }
}

/* The columns of an item table beside Action, Due, Status, Postmortem. */
enum { COL_OWNER = 1 << 0, COL_DAYS = 1 << 1 };

/*
 * How a format writes each part of the walk; pairs are {open, close}.
 * The last members are the details in which the two formats have always
 * differed.
 */
typedef struct doc_fmt {
    void (*text)(hs__buf *b, const char *s); /* text from a postmortem */
    /* what comes before the title (HTML's head); NULL: nothing */
    void (*begin)(hs__buf *b, const hs_report *r, const char *kind);
    const char *end;             /* after the last section */
    const char *gap;             /* between a block and the next heading */
    const char *heading[4][2];   /* by level, 1 (the title) to 3 */
    const char *para[2];         /* "None." */
    const char *list[2], *li[2]; /* the new postmortems */
    const char *repeat[2];       /* an incident and the one it repeats */
    const char *sub_list[2], *sub_li[2]; /* ... the earlier one's promises */
    const char *owner[2];                /* an owner after an action */
    const char *late[2];                 /* days overdue, a broken promise */
    const char *path_li[2]; /* a postmortem's path in a list; NULL: none */
    const char *path_td[2]; /* ... in a table cell */
    /* a postmortem's severity (1..4) and a space, in a list or a cell */
    void (*sev)(hs__buf *b, int severity, int is_cell);
    void (*table_head)(hs__buf *b, unsigned cols); /* COL_* */
    const char *table_end;
    const char *tr[2];          /* an item's row */
    const char *td, *td_number; /* between cells; before a number's */
    /* said when no postmortem is new; NULL: an empty list */
    const char *no_new;
    const char *no_due_soon; /* said when nothing is due soon */
    int counts_owners;       /* the Overdue heading counts owners too */
    unsigned no_owner_cols;  /* the columns of the items with no owner */
} doc_fmt;

static void md_sev(hs__buf *b, int s, int is_cell) {
    hs__buf_printf(b, is_cell ? "%s " : "**%s** ", sev(s));
}

static void md_table_head(hs__buf *b, unsigned cols) {
    hs__buf_printf(b, "| Action |%s Due |%s Status | Postmortem |\n",
                   cols & COL_OWNER ? " Owner |" : "",
                   cols & COL_DAYS ? " Days overdue |" : "");
    hs__buf_printf(b, "|---|%s---|%s---|---|\n", cols & COL_OWNER ? "---|" : "",
                   cols & COL_DAYS ? "---:|" : "");
}

static const doc_fmt md_fmt = {
    .text = md_cell,
    .end = "",
    .heading = {{"", ""}, {"# ", "\n\n"}, {"## ", "\n\n"}, {"### ", "\n\n"}},
    .gap = "\n",
    .para = {"", "\n"},
    .list = {"", ""},
    .li = {"- ", "\n"},
    .repeat = {"- ", "\n"},
    .sub_list = {"", ""},
    .sub_li = {"  - ", "\n"},
    .owner = {" (", ")"},
    .late = {"", ""},
    .path_li = {" (`", "`)"},
    .path_td = {" (`", "`)"},
    .sev = md_sev,
    .table_head = md_table_head,
    .table_end = "",
    .tr = {"| ", " |\n"},
    .td = " | ",
    .td_number = " | ",
    .no_new = "None this week.",
    .no_due_soon = "Nothing is due.",
    .counts_owners = 1,
    .no_owner_cols = 0, /* every item would say "—" */
};

/* A self-contained page for mail: its style inline, nothing to fetch. */
static void html_begin(hs__buf *b, const hs_report *r, const char *kind) {
    hs__buf_printf(
        b,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, "
        "initial-scale=1\">\n<title>%s %s</title>\n<style>\n"
        "body{font:15px/1.45 system-ui,sans-serif;margin:2em auto;"
        "max-width:60em;padding:0 1em;color:#1d232a}\n"
        "table{border-collapse:collapse;width:100%%;margin:.5em 0 1.5em}\n"
        "th,td{border-bottom:1px solid #d8dee4;padding:.35em .5em;"
        "text-align:left;vertical-align:top}\n"
        "th{background:#f3f5f7}td.n{text-align:right}small{color:#57606a}\n"
        ".late{color:#b42318;font-weight:600}\n"
        ".sev{font-size:.8em;padding:0 .35em;border-radius:3px;color:#fff;"
        "background:#57606a}.s1{background:#b42318}.s2{background:#c4320a}"
        ".s3{background:#b54708}\n</style></head><body>\n",
        kind, r->as_of);
}

static void html_sev(hs__buf *b, int s, int is_cell) {
    (void)is_cell;
    hs__buf_printf(b, "<span class=\"sev s%d\">%s</span> ", s, sev(s));
}

static void html_table_head(hs__buf *b, unsigned cols) {
    hs__buf_printf(b,
                   "<table><tr><th>Action</th>%s<th>Due</th>%s"
                   "<th>Status</th><th>Postmortem</th></tr>\n",
                   cols & COL_OWNER ? "<th>Owner</th>" : "",
                   cols & COL_DAYS ? "<th>Days overdue</th>" : "");
}

static const doc_fmt html_fmt = {
    .text = hs__html_escape,
    .begin = html_begin,
    .end = "</body></html>\n",
    .gap = "",
    .heading = {{"", ""},
                {"<h1>", "</h1>\n"},
                {"<h2>", "</h2>\n"},
                {"<h3>", "</h3>\n"}},
    .para = {"<p>", "</p>\n"},
    .list = {"<ul>\n", "</ul>\n"},
    .li = {"<li>", "</li>\n"},
    .repeat = {"<p>", "</p>\n"},
    .sub_list = {"<ul>\n", "</ul>\n"},
    .sub_li = {"<li>", "</li>\n"},
    .owner = {" <small>", "</small>"},
    .late = {"<span class=\"late\">", "</span>"},
    .path_li = {NULL, NULL},
    .path_td = {"<br><small>", "</small>"},
    .sev = html_sev,
    .table_head = html_table_head,
    .table_end = "</table>\n",
    .tr = {"<tr><td>", "</td></tr>\n"},
    .td = "</td><td>",
    .td_number = "</td><td class=\"n\">",
    .no_new = NULL,
    .no_due_soon = "None.",
    .counts_owners = 0,
    .no_owner_cols = COL_OWNER,
};

/*
 * One rendering: where it goes, its format, and whether a block (not a
 * heading) was the last thing written.
 */
typedef struct doc {
    out *o;
    hs__buf *b;
    const doc_fmt *f;
    int is_after_block;
} doc;

/* Open a heading of `level`, after a gap when it follows a block. */
static void doc_heading(doc *d, int level) {
    if (d->is_after_block)
        hs__buf_puts(d->b, d->f->gap);
    d->is_after_block = 0;
    hs__buf_puts(d->b, d->f->heading[level][0]);
}

static void doc_heading_end(doc *d, int level) {
    hs__buf_puts(d->b, d->f->heading[level][1]);
}

/* A whole heading of plain words (no text from a postmortem). */
__attribute__((format(printf, 3, 4))) static void
doc_title(doc *d, int level, const char *fmt, ...) {
    va_list ap;
    doc_heading(d, level);
    va_start(ap, fmt);
    hs__buf_vprintf(d->b, fmt, ap);
    va_end(ap);
    doc_heading_end(d, level);
}

/* A paragraph of plain words (no text from a postmortem). */
static void doc_para(doc *d, const char *words) {
    hs__buf_puts(d->b, d->f->para[0]);
    hs__buf_puts(d->b, words);
    hs__buf_puts(d->b, d->f->para[1]);
    d->is_after_block = 1;
}

/* A postmortem's path (its id when it has none), in `pair`'s markup. */
static void doc_path(doc *d, const char *const pair[2], const char *path,
                     const char *id) {
    if (!pair[0])
        return;
    hs__buf_puts(d->b, pair[0]);
    d->f->text(d->b, path ? path : id);
    hs__buf_puts(d->b, pair[1]);
}

/* One item's row of a table with the columns `cols`. */
static void doc_row(doc *d, const hs_report_item *it, unsigned cols) {
    hs__buf *b = d->b;
    const doc_fmt *f = d->f;
    hs__buf_puts(b, f->tr[0]);
    f->text(b, it->item.action);
    if (cols & COL_OWNER) {
        hs__buf_puts(b, f->td);
        f->text(b, it->item.owner ? it->item.owner : "\xe2\x80\x94");
    }
    hs__buf_puts(b, f->td);
    hs__buf_puts(b, *it->item.due ? it->item.due : "\xe2\x80\x94");
    if (cols & COL_DAYS) {
        hs__buf_puts(b, f->td_number);
        hs__buf_printf(b, "%s%d%s", f->late[0], it->days_overdue, f->late[1]);
    }
    hs__buf_puts(b, f->td);
    hs__buf_puts(b, hs__status_words(it->item.status));
    hs__buf_puts(b, f->td);
    if (it->pm_severity)
        f->sev(b, it->pm_severity, 1);
    f->text(b, it->pm_title ? it->pm_title : it->pm_id);
    doc_path(d, f->path_td, it->pm_path, it->pm_id);
    hs__buf_puts(b, f->tr[1]);
    out_step(d->o);
}

/* A section of items: its heading, then their table or `none`. */
static void doc_items(doc *d, const char *title, const hs_report_item *v,
                      size_t n, unsigned cols, const char *none) {
    doc_title(d, 2, "%s (%zu)", title, n);
    if (!n) {
        doc_para(d, none);
        return;
    }
    d->f->table_head(d->b, cols);
    for (size_t i = 0; i < n; i++)
        doc_row(d, &v[i], cols);
    hs__buf_puts(d->b, d->f->table_end);
    d->is_after_block = 1;
}

/* The week's new postmortems. */
static void doc_new_pms(doc *d, const hs_report *r) {
    hs__buf *b = d->b;
    const doc_fmt *f = d->f;
    doc_title(d, 2, "New postmortems (%zu)", r->n_new_pms);
    if (!r->n_new_pms && f->no_new) {
        doc_para(d, f->no_new);
        return;
    }
    hs__buf_puts(b, f->list[0]);
    for (size_t i = 0; i < r->n_new_pms; i++) {
        const hs_report_pm *p = &r->new_pms[i];
        hs__buf_printf(b, "%s%s ", f->li[0], p->date);
        if (p->severity)
            f->sev(b, p->severity, 0);
        f->text(b, p->title ? p->title : p->id);
        doc_path(d, f->path_li, p->path, p->id);
        hs__buf_puts(b, f->li[1]);
    }
    hs__buf_puts(b, f->list[1]);
    d->is_after_block = 1;
}

/* An earlier incident's promises still open when it recurred. */
static void doc_open_then(doc *d, const hs_report_repeat *p) {
    hs__buf *b = d->b;
    const doc_fmt *f = d->f;
    hs__buf_puts(b, f->sub_list[0]);
    for (size_t k = 0; k < p->n_open; k++) {
        hs__buf_puts(b, f->sub_li[0]);
        f->text(b, p->open[k].action);
        if (p->open[k].owner) {
            hs__buf_puts(b, f->owner[0]);
            f->text(b, p->open[k].owner);
            hs__buf_puts(b, f->owner[1]);
        }
        hs__buf_printf(b,
                       ": %spromised on %s, still open when it recurred on "
                       "%s%s",
                       f->late[0], p->earlier.date, p->pm.date, f->late[1]);
        hs__buf_puts(b, f->sub_li[1]);
    }
    hs__buf_puts(b, f->sub_list[1]);
}

/*
 * "Repeat incidents": each of the week's postmortems that repeats an
 * earlier one, and the earlier one's promises still open when it did.
 */
static void doc_repeats(doc *d, const hs_report *r) {
    hs__buf *b = d->b;
    const doc_fmt *f = d->f;
    doc_title(d, 2, "Repeat incidents (%zu)", r->n_repeats);
    if (!r->n_repeats) {
        doc_para(d, "None this week.");
        return;
    }
    for (size_t i = 0; i < r->n_repeats; i++) {
        const hs_report_repeat *p = &r->repeats[i];
        hs__buf_printf(b, "%s%s ", f->repeat[0], p->pm.date);
        f->text(b, p->pm.title ? p->pm.title : p->pm.id);
        hs__buf_printf(b, " repeats %s ", p->earlier.date);
        f->text(b, p->earlier.title ? p->earlier.title : p->earlier.id);
        doc_path(d, f->path_li, p->earlier.path, p->earlier.id);
        hs__buf_puts(b, f->repeat[1]);
        if (p->n_open)
            doc_open_then(d, p);
    }
    d->is_after_block = 1;
}

/* The overdue items, a table for each owner. */
static void doc_overdue(doc *d, const hs_report *r) {
    hs__buf *b = d->b;
    const doc_fmt *f = d->f;
    hs__owner_groups og;
    hs__owner_groups_init(&og, r);
    if (f->counts_owners)
        doc_title(d, 2, "Overdue (%zu item%s, %zu owner%s)", r->n_overdue,
                  r->n_overdue == 1 ? "" : "s", og.n, og.n == 1 ? "" : "s");
    else
        doc_title(d, 2, "Overdue (%zu)", r->n_overdue);
    if (!r->n_overdue)
        doc_para(d, "Nothing is overdue.");
    for (size_t k = 0; k < og.n; k++) {
        const hs__owner_group *g = &og.v[k];
        doc_heading(d, 3);
        f->text(b, g->owner ? g->owner : "No owner");
        hs__buf_printf(b, " (%zu overdue)", g->n);
        doc_heading_end(d, 3);
        f->table_head(b, COL_DAYS);
        for (size_t j = 0; j < g->n; j++)
            doc_row(d, g->items[j], COL_DAYS);
        hs__buf_puts(b, f->table_end);
        d->is_after_block = 1;
    }
    hs__owner_groups_release(&og);
}

static void render_doc(out *o, const hs_report *r, const doc_fmt *f) {
    doc d = {o, &o->b, f, 0};
    const char *kind =
        r->is_weekly ? "Weekly postmortem review" : "Overdue action items";
    if (f->begin)
        f->begin(d.b, r, kind);
    doc_title(&d, 1, "%s%s %s", kind, r->is_weekly ? ", week ending" : " as of",
              r->as_of);
    if (r->is_weekly) {
        doc_new_pms(&d, r);
        doc_repeats(&d, r);
    }
    doc_overdue(&d, r);
    if (r->is_weekly)
        doc_items(&d, "Due in the next 7 days", r->due_soon, r->n_due_soon,
                  COL_OWNER, f->no_due_soon);
    doc_items(&d, "Open items with no owner", r->no_owner, r->n_no_owner,
              f->no_owner_cols, "None.");
    doc_items(&d, "Open items with no due date", r->no_due_date,
              r->n_no_due_date, COL_OWNER, "None.");
    hs__buf_puts(d.b, f->end);
}

/* ---------------------------------------------------------------------
 * CSV (RFC 4180: CRLF line ends, fields with , " CR LF quoted)
 */

/*
 * Control characters other than tab, CR and LF are shown as \xNN: a CSV
 * file is read on terminals too. A cell that a spreadsheet would read as
 * a formula (it begins with = + - @, tab or CR) gets a leading ' and is
 * quoted, as OWASP's "CSV Injection" page recommends: a postmortem must
 * not make a spreadsheet run =HYPERLINK(...) or =cmd|...
 */
static void csv_field(hs__buf *b, const char *s, int is_last) {
    int is_formula = s && *s && strchr("=+-@\t\r", *s);
    if (s && (is_formula || strpbrk(s, ",\"\r\n"))) {
        hs__buf_putc(b, '"');
        if (is_formula)
            hs__buf_putc(b, '\'');
        while (*s) {
            size_t n = strcspn(s, "\"\r");
            hs__buf_put_visible(b, s, n);
            s += n;
            if (*s == '"')
                hs__buf_puts(b, "\"\"");
            else if (*s == '\r')
                hs__buf_putc(b, '\r');
            if (*s)
                s++;
        }
        hs__buf_putc(b, '"');
    } else if (s) {
        hs__buf_put_visible(b, s, strlen(s));
    }
    hs__buf_puts(b, is_last ? "\r\n" : ",");
}

static void csv_items(out *o, const char *section, const hs_report_item *v,
                      size_t n) {
    hs__buf *b = &o->b;
    for (size_t i = 0; i < n; i++) {
        char days[16] = "";
        if (!strcmp(section, "overdue"))
            snprintf(days, sizeof(days), "%d", v[i].days_overdue);
        csv_field(b, section, 0);
        csv_field(b, v[i].item.action, 0);
        csv_field(b, v[i].item.owner, 0);
        csv_field(b, v[i].item.due, 0);
        csv_field(b, hs_status_name(v[i].item.status), 0);
        csv_field(b, days, 0);
        csv_field(b, v[i].pm_id, 0);
        csv_field(b, v[i].pm_title, 0);
        csv_field(b, sev(v[i].pm_severity), 0);
        csv_field(b, v[i].pm_path, 1);
        out_step(o);
    }
}

static void render_csv(out *o, const hs_report *r) {
    hs__buf_puts(&o->b, "section,action,owner,due,status,days_overdue,"
                        "postmortem_id,postmortem_title,severity,path\r\n");
    csv_items(o, "overdue", r->overdue, r->n_overdue);
    if (r->is_weekly)
        csv_items(o, "due_soon", r->due_soon, r->n_due_soon);
    csv_items(o, "no_owner", r->no_owner, r->n_no_owner);
    csv_items(o, "no_due_date", r->no_due_date, r->n_no_due_date);
}

/* ---------------------------------------------------------------------
 * JSON: the shape of json.c's hs__json_report, byte for byte as jansson
 * prints it (json_dumps, JSON_INDENT(2) | JSON_PRESERVE_ORDER) plus a final
 * newline, but item by item. The jansson tree of 150k items cost ~70% of
 * the run and 590 MB at 100k postmortems. jansson refuses strings that are
 * not UTF-8, and the tree then lacks those values; a report with such a
 * string (a file name, say) still goes through the tree, so it prints the
 * same as before.
 */

/* The bytes jansson escapes: '"', '\\' and control characters. */
static int json_needs_escape(unsigned char c) {
    return c < 0x20 || c == '"' || c == '\\';
}

/* A string as jansson dumps it; NULL is null. */
static void json_str(hs__buf *b, const char *s) {
    const unsigned char *p = (const unsigned char *)s, *run;
    if (!s) {
        hs__buf_put(b, "null", 4);
        return;
    }
    hs__buf_putc(b, '"');
    for (;;) {
        for (run = p; *p && !json_needs_escape(*p); p++)
            ;
        hs__buf_put(b, run, (size_t)(p - run));
        if (!*p)
            break;
        switch (*p) {
        case '"':
            hs__buf_puts(b, "\\\"");
            break;
        case '\\':
            hs__buf_puts(b, "\\\\");
            break;
        case '\b':
            hs__buf_puts(b, "\\b");
            break;
        case '\f':
            hs__buf_puts(b, "\\f");
            break;
        case '\n':
            hs__buf_puts(b, "\\n");
            break;
        case '\r':
            hs__buf_puts(b, "\\r");
            break;
        case '\t':
            hs__buf_puts(b, "\\t");
            break;
        default:
            hs__buf_printf(b, "\\u%04X", *p);
        }
        p++;
    }
    hs__buf_putc(b, '"');
}

static const char *sev_or_null(int s) {
    return s >= 1 && s <= 4 ? sev(s) : NULL;
}

static int is_utf8(const char *s) {
    const unsigned char *p = (const unsigned char *)s;
    while (p && *p) {
        size_t n = *p < 0x80 ? 1 : hs__utf8_seq_len(p, 4);
        if (!n)
            return 0;
        p += n;
    }
    return 1;
}

static int items_are_utf8(const hs_report_item *v, size_t n) {
    for (size_t i = 0; i < n; i++)
        if (!is_utf8(v[i].item.action) || !is_utf8(v[i].item.owner) ||
            !is_utf8(v[i].item.due) || !is_utf8(v[i].pm_id) ||
            !is_utf8(v[i].pm_title) || !is_utf8(v[i].pm_path))
            return 0;
    return 1;
}

/* Would jansson take every string of r? */
static int report_is_utf8(const hs_report *r) {
    for (size_t i = 0; i < r->n_new_pms; i++)
        if (!is_utf8(r->new_pms[i].id) || !is_utf8(r->new_pms[i].title) ||
            !is_utf8(r->new_pms[i].path) || !is_utf8(r->new_pms[i].date))
            return 0;
    return is_utf8(r->as_of) && items_are_utf8(r->overdue, r->n_overdue) &&
           items_are_utf8(r->due_soon, r->n_due_soon) &&
           items_are_utf8(r->no_due_date, r->n_no_due_date) &&
           items_are_utf8(r->no_owner, r->n_no_owner);
}

/* One item at depth 2 of the report (hs__json_action plus its extras). */
static void json_item(hs__buf *b, const hs_report_item *it, int with_days) {
    hs__buf_puts(b, "{\n      \"action\": ");
    json_str(b, it->item.action);
    hs__buf_puts(b, ",\n      \"owner\": ");
    json_str(b, it->item.owner);
    hs__buf_puts(b, ",\n      \"due\": ");
    json_str(b, *it->item.due ? it->item.due : NULL);
    hs__buf_puts(b, ",\n      \"status\": ");
    json_str(b, hs_status_name(it->item.status));
    if (with_days)
        hs__buf_printf(b, ",\n      \"days_overdue\": %d", it->days_overdue);
    hs__buf_puts(b, ",\n      \"postmortem\": {\n        \"id\": ");
    json_str(b, it->pm_id);
    hs__buf_puts(b, ",\n        \"title\": ");
    json_str(b, it->pm_title);
    hs__buf_puts(b, ",\n        \"severity\": ");
    json_str(b, sev_or_null(it->pm_severity));
    hs__buf_puts(b, ",\n        \"path\": ");
    json_str(b, it->pm_path);
    hs__buf_puts(b, "\n      }\n    }");
}

/* `,"key": [items]` at depth 1; jansson prints an empty array as []. */
static void json_items(out *o, const char *key, const hs_report_item *v,
                       size_t n, int with_days) {
    hs__buf_printf(&o->b, ",\n  \"%s\": [", key);
    for (size_t i = 0; i < n; i++) {
        hs__buf_puts(&o->b, i ? ",\n    " : "\n    ");
        json_item(&o->b, &v[i], with_days);
        out_step(o);
    }
    hs__buf_puts(&o->b, n ? "\n  ]" : "]");
}

static void json_new_pms(hs__buf *b, const hs_report *r) {
    hs__buf_puts(b, ",\n  \"new_postmortems\": [");
    for (size_t i = 0; i < r->n_new_pms; i++) {
        const hs_report_pm *p = &r->new_pms[i];
        hs__buf_puts(b, i ? ",\n    {\n      \"id\": "
                          : "\n    {\n      \"id\": ");
        json_str(b, p->id);
        hs__buf_puts(b, ",\n      \"title\": ");
        json_str(b, p->title);
        hs__buf_puts(b, ",\n      \"date\": ");
        json_str(b, *p->date ? p->date : NULL);
        hs__buf_puts(b, ",\n      \"severity\": ");
        json_str(b, sev_or_null(p->severity));
        hs__buf_puts(b, ",\n      \"path\": ");
        json_str(b, p->path);
        hs__buf_puts(b, "\n    }");
    }
    hs__buf_puts(b, r->n_new_pms ? "\n  ]" : "]");
}

/*
 * `,"repeat_incidents": [...]` at depth 1, printed by jansson (repeats are
 * few, and their shape is json.c's): the member of a one-member object,
 * dumped as the whole report is, is that member as it stands in the
 * report. The whole report went through the tree when the week had a
 * repeat: 3.5 s of CPU for a weekly report at 100k postmortems, against
 * 1.4 s without one.
 */
static void json_repeats(hs__buf *b, const hs_report *r) {
    json_t *obj = json_object();
    char *s;
    size_t n;
    json_object_set_new(obj, "repeat_incidents", hs__json_report_repeats(r));
    s = hs__json_dump(obj, 2); /* "{\n  \"repeat_incidents\": ...\n}\n" */
    n = strlen(s);
    hs__buf_puts(b, ",\n");
    hs__buf_put(b, s + 2, n - 5);
    free(s);
}

static void render_json(out *o, const hs_report *r) {
    if (!report_is_utf8(r)) {
        char *s = hs__json_dump(hs__json_report(r), 2);
        hs__buf_puts(&o->b, s);
        free(s);
        return;
    }
    hs__buf_puts(&o->b, "{\n  \"as_of\": ");
    json_str(&o->b, r->as_of);
    if (r->is_weekly) {
        json_new_pms(&o->b, r);
        if (r->n_repeats)
            json_repeats(&o->b, r);
        else
            hs__buf_puts(&o->b, ",\n  \"repeat_incidents\": []");
    }
    if (r->is_not_overdue)
        json_items(o, "not_overdue", r->due_soon, r->n_due_soon, 0);
    else
        json_items(o, "overdue", r->overdue, r->n_overdue, 1);
    if (r->is_weekly)
        json_items(o, "due_soon", r->due_soon, r->n_due_soon, 0);
    json_items(o, "no_due_date", r->no_due_date, r->n_no_due_date, 0);
    json_items(o, "no_owner", r->no_owner, r->n_no_owner, 0);
    hs__buf_puts(&o->b, "\n}\n");
}

static void render(out *o, const hs_report *r, hs_report_format fmt) {
    switch (fmt) {
    case HS_FORMAT_HTML:
        render_doc(o, r, &html_fmt);
        return;
    case HS_FORMAT_JSON:
        render_json(o, r);
        return;
    case HS_FORMAT_CSV:
        render_csv(o, r);
        return;
    case HS_FORMAT_MD:
        break;
    }
    render_doc(o, r, &md_fmt);
}

char *hs_report_render(const hs_report *r, hs_report_format fmt) {
    out o = {HS_BUF_INIT, NULL, 0};
    render(&o, r, fmt);
    return hs__buf_detach(&o.b, NULL);
}

int hs_report_write(const hs_report *r, hs_report_format fmt, FILE *f,
                    hs_error *err) {
    out o = {HS_BUF_INIT, f, 0};
    errno = 0;
    render(&o, r, fmt);
    out_flush(&o);
    hs__buf_release(&o.b);
    if (o.write_err) {
        int rc = hs__seterr(err, HS_EIO, "cannot write report: %s",
                            strerror(o.write_err));
        errno = o.write_err;
        return rc;
    }
    return 0;
}
