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
 * Markdown
 */

/*
 * Text from a postmortem, in a table cell or a line: pipes escaped, line
 * breaks folded, control characters shown (the report is read on
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

static void md_pm(hs__buf *b, const hs_report_item *it) {
    if (it->pm_severity)
        hs__buf_printf(b, "%s ", sev(it->pm_severity));
    md_cell(b, it->pm_title ? it->pm_title : it->pm_id);
    hs__buf_puts(b, " (`");
    md_cell(b, it->pm_path ? it->pm_path : it->pm_id);
    hs__buf_puts(b, "`)");
}

static void md_items(out *o, const hs_report_item *v, size_t n,
                     int with_owner) {
    hs__buf *b = &o->b;
    hs__buf_puts(b, with_owner
                        ? "| Action | Owner | Due | Status | Postmortem |\n"
                          "|---|---|---|---|---|\n"
                        : "| Action | Due | Status | Postmortem |\n"
                          "|---|---|---|---|\n");
    for (size_t i = 0; i < n; i++) {
        hs__buf_puts(b, "| ");
        md_cell(b, v[i].item.action);
        if (with_owner) {
            hs__buf_puts(b, " | ");
            md_cell(b, v[i].item.owner ? v[i].item.owner : "—");
        }
        hs__buf_printf(b, " | %s | %s | ", *v[i].item.due ? v[i].item.due : "—",
                       hs__status_words(v[i].item.status));
        md_pm(b, &v[i]);
        hs__buf_puts(b, " |\n");
        out_step(o);
    }
}

/*
 * "Repeat incidents": each of the week's postmortems that repeats an
 * earlier one, and the earlier one's promises still open when it did.
 */
static void md_repeats(hs__buf *b, const hs_report *r) {
    hs__buf_printf(b, "## Repeat incidents (%zu)\n\n", r->n_repeats);
    for (size_t i = 0; i < r->n_repeats; i++) {
        const hs_report_repeat *p = &r->repeats[i];
        hs__buf_printf(b, "- %s ", p->pm.date);
        md_cell(b, p->pm.title ? p->pm.title : p->pm.id);
        hs__buf_printf(b, " repeats %s ", p->earlier.date);
        md_cell(b, p->earlier.title ? p->earlier.title : p->earlier.id);
        hs__buf_puts(b, " (`");
        md_cell(b, p->earlier.path ? p->earlier.path : p->earlier.id);
        hs__buf_puts(b, "`)\n");
        for (size_t k = 0; k < p->n_open; k++) {
            hs__buf_puts(b, "  - ");
            md_cell(b, p->open[k].action);
            if (p->open[k].owner) {
                hs__buf_puts(b, " (");
                md_cell(b, p->open[k].owner);
                hs__buf_putc(b, ')');
            }
            hs__buf_printf(b,
                           ": promised on %s, still open when it "
                           "recurred on %s\n",
                           p->earlier.date, p->pm.date);
        }
    }
    if (!r->n_repeats)
        hs__buf_puts(b, "None this week.\n");
    hs__buf_putc(b, '\n');
}

static void render_md(out *o, const hs_report *r) {
    hs__buf *b = &o->b;
    hs__owner_groups og;
    const hs__owner_group *g;
    size_t n_groups;
    hs__owner_groups_init(&og, r);
    g = og.v;
    n_groups = og.n;
    if (r->is_weekly) {
        hs__buf_printf(b, "# Weekly postmortem review, week ending %s\n\n",
                       r->as_of);
        hs__buf_printf(b, "## New postmortems (%zu)\n\n", r->n_new_pms);
        for (size_t i = 0; i < r->n_new_pms; i++) {
            hs__buf_printf(b, "- %s ", r->new_pms[i].date);
            if (r->new_pms[i].severity)
                hs__buf_printf(b, "**%s** ", sev(r->new_pms[i].severity));
            md_cell(b, r->new_pms[i].title ? r->new_pms[i].title
                                           : r->new_pms[i].id);
            hs__buf_puts(b, " (`");
            md_cell(b,
                    r->new_pms[i].path ? r->new_pms[i].path : r->new_pms[i].id);
            hs__buf_puts(b, "`)\n");
        }
        if (!r->n_new_pms)
            hs__buf_puts(b, "None this week.\n");
        hs__buf_putc(b, '\n');
        md_repeats(b, r);
    } else {
        hs__buf_printf(b, "# Overdue action items as of %s\n\n", r->as_of);
    }
    hs__buf_printf(b, "## Overdue (%zu item%s, %zu owner%s)\n\n", r->n_overdue,
                   r->n_overdue == 1 ? "" : "s", n_groups,
                   n_groups == 1 ? "" : "s");
    if (!r->n_overdue)
        hs__buf_puts(b, "Nothing is overdue.\n\n");
    for (size_t k = 0; k < n_groups; k++) {
        hs__buf_puts(b, "### ");
        md_cell(b, g[k].owner ? g[k].owner : "No owner");
        hs__buf_printf(b, " (%zu overdue)\n\n", g[k].n);
        hs__buf_puts(b, "| Action | Due | Days overdue | Status | "
                        "Postmortem |\n|---|---|---:|---|---|\n");
        for (size_t j = 0; j < g[k].n; j++) {
            const hs_report_item *it = g[k].items[j];
            hs__buf_puts(b, "| ");
            md_cell(b, it->item.action);
            hs__buf_printf(b, " | %s | %d | %s | ", it->item.due,
                           it->days_overdue, hs__status_words(it->item.status));
            md_pm(b, it);
            hs__buf_puts(b, " |\n");
            out_step(o);
        }
        hs__buf_putc(b, '\n');
    }
    if (r->is_weekly) {
        hs__buf_printf(b, "## Due in the next 7 days (%zu)\n\n", r->n_due_soon);
        if (r->n_due_soon)
            md_items(o, r->due_soon, r->n_due_soon, 1);
        else
            hs__buf_puts(b, "Nothing is due.\n");
        hs__buf_putc(b, '\n');
    }
    hs__buf_printf(b, "## Open items with no owner (%zu)\n\n", r->n_no_owner);
    if (r->n_no_owner)
        md_items(o, r->no_owner, r->n_no_owner, 0);
    else
        hs__buf_puts(b, "None.\n");
    hs__buf_printf(b, "\n## Open items with no due date (%zu)\n\n",
                   r->n_no_due_date);
    if (r->n_no_due_date)
        md_items(o, r->no_due_date, r->n_no_due_date, 1);
    else
        hs__buf_puts(b, "None.\n");
    hs__owner_groups_release(&og);
}

/* ---------------------------------------------------------------------
 * HTML
 */

static void html_row(hs__buf *b, const hs_report_item *it, int with_owner,
                     int with_days) {
    hs__buf_puts(b, "<tr><td>");
    hs__html_escape(b, it->item.action);
    if (with_owner) {
        hs__buf_puts(b, "</td><td>");
        hs__html_escape(b, it->item.owner ? it->item.owner : "\xe2\x80\x94");
    }
    hs__buf_printf(b, "</td><td>%s</td>",
                   *it->item.due ? it->item.due : "\xe2\x80\x94");
    if (with_days)
        hs__buf_printf(b, "<td class=\"n\"><span class=\"late\">%d</span></td>",
                       it->days_overdue);
    hs__buf_printf(b, "<td>%s</td><td>", hs__status_words(it->item.status));
    if (it->pm_severity)
        hs__buf_printf(b, "<span class=\"sev s%d\">%s</span> ", it->pm_severity,
                       sev(it->pm_severity));
    hs__html_escape(b, it->pm_title ? it->pm_title : it->pm_id);
    hs__buf_puts(b, "<br><small>");
    hs__html_escape(b, it->pm_path ? it->pm_path : it->pm_id);
    hs__buf_puts(b, "</small></td></tr>\n");
}

static void html_table(out *o, const char *title, const hs_report_item *v,
                       size_t n) {
    hs__buf *b = &o->b;
    hs__buf_printf(b, "<h2>%s (%zu)</h2>\n", title, n);
    if (!n) {
        hs__buf_puts(b, "<p>None.</p>\n");
        return;
    }
    hs__buf_puts(b, "<table><tr><th>Action</th><th>Owner</th><th>Due</th>"
                    "<th>Status</th><th>Postmortem</th></tr>\n");
    for (size_t i = 0; i < n; i++) {
        html_row(b, &v[i], 1, 0);
        out_step(o);
    }
    hs__buf_puts(b, "</table>\n");
}

static void html_repeats(hs__buf *b, const hs_report *r) {
    hs__buf_printf(b, "<h2>Repeat incidents (%zu)</h2>\n", r->n_repeats);
    if (!r->n_repeats)
        hs__buf_puts(b, "<p>None this week.</p>\n");
    for (size_t i = 0; i < r->n_repeats; i++) {
        const hs_report_repeat *p = &r->repeats[i];
        hs__buf_printf(b, "<p>%s ", p->pm.date);
        hs__html_escape(b, p->pm.title ? p->pm.title : p->pm.id);
        hs__buf_printf(b, " repeats %s ", p->earlier.date);
        hs__html_escape(b, p->earlier.title ? p->earlier.title : p->earlier.id);
        hs__buf_puts(b, "</p>\n");
        if (p->n_open)
            hs__buf_puts(b, "<ul>\n");
        for (size_t k = 0; k < p->n_open; k++) {
            hs__buf_puts(b, "<li>");
            hs__html_escape(b, p->open[k].action);
            if (p->open[k].owner) {
                hs__buf_puts(b, " <small>");
                hs__html_escape(b, p->open[k].owner);
                hs__buf_puts(b, "</small>");
            }
            hs__buf_printf(b,
                           ": <span class=\"late\">promised on %s, "
                           "still open when it recurred on %s</span></li>\n",
                           p->earlier.date, p->pm.date);
        }
        if (p->n_open)
            hs__buf_puts(b, "</ul>\n");
    }
}

static void render_html(out *o, const hs_report *r) {
    hs__buf *b = &o->b;
    hs__owner_groups og;
    const hs__owner_group *g;
    size_t n_groups;
    hs__owner_groups_init(&og, r);
    g = og.v;
    n_groups = og.n;
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
        r->is_weekly ? "Weekly postmortem review" : "Overdue action items",
        r->as_of);
    if (r->is_weekly) {
        hs__buf_printf(b, "<h1>Weekly postmortem review, week ending %s</h1>\n",
                       r->as_of);
        hs__buf_printf(b, "<h2>New postmortems (%zu)</h2>\n<ul>\n",
                       r->n_new_pms);
        for (size_t i = 0; i < r->n_new_pms; i++) {
            hs__buf_printf(b, "<li>%s ", r->new_pms[i].date);
            if (r->new_pms[i].severity)
                hs__buf_printf(b, "<span class=\"sev s%d\">%s</span> ",
                               r->new_pms[i].severity,
                               sev(r->new_pms[i].severity));
            hs__html_escape(b, r->new_pms[i].title ? r->new_pms[i].title
                                                   : r->new_pms[i].id);
            hs__buf_puts(b, "</li>\n");
        }
        hs__buf_puts(b, "</ul>\n");
        html_repeats(b, r);
    } else {
        hs__buf_printf(b, "<h1>Overdue action items as of %s</h1>\n", r->as_of);
    }
    hs__buf_printf(b, "<h2>Overdue (%zu)</h2>\n", r->n_overdue);
    if (!r->n_overdue)
        hs__buf_puts(b, "<p>Nothing is overdue.</p>\n");
    for (size_t k = 0; k < n_groups; k++) {
        hs__buf_puts(b, "<h3>");
        hs__html_escape(b, g[k].owner ? g[k].owner : "No owner");
        hs__buf_printf(b, " (%zu overdue)</h3>\n", g[k].n);
        hs__buf_puts(b, "<table><tr><th>Action</th><th>Due</th>"
                        "<th>Days overdue</th><th>Status</th>"
                        "<th>Postmortem</th></tr>\n");
        for (size_t j = 0; j < g[k].n; j++) {
            html_row(b, g[k].items[j], 0, 1);
            out_step(o);
        }
        hs__buf_puts(b, "</table>\n");
    }
    if (r->is_weekly)
        html_table(o, "Due in the next 7 days", r->due_soon, r->n_due_soon);
    html_table(o, "Open items with no owner", r->no_owner, r->n_no_owner);
    html_table(o, "Open items with no due date", r->no_due_date,
               r->n_no_due_date);
    hs__buf_puts(b, "</body></html>\n");
    hs__owner_groups_release(&og);
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

static void render_json(out *o, const hs_report *r) {
    /* repeats are few: the tree prints them, and the rest the same */
    if (!report_is_utf8(r) || r->n_repeats) {
        char *s = hs__json_dump(hs__json_report(r), 2);
        hs__buf_puts(&o->b, s);
        free(s);
        return;
    }
    hs__buf_puts(&o->b, "{\n  \"as_of\": ");
    json_str(&o->b, r->as_of);
    if (r->is_weekly) {
        json_new_pms(&o->b, r);
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
        render_html(o, r);
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
    render_md(o, r);
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
