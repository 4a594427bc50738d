/*
 * The trends page's charts, drawn here as SVG: incidents per month stacked
 * by severity, time to resolve by severity, top tags. Every text is either
 * a number, one of our labels, or a tag name passed through hs__html_escape.
 */
#include "model/record.h"
#include "web/site.h"
#include "base/text.h"
#include "base/util.h"

#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

/* ---------------------------------------------------------------------
 * Trends: SVG drawn here, escaped by construction (numbers and our own
 * labels; tag names go through hs__html_escape)
 */

/* Incidents per month, stacked by severity (unknown severity on top). */
void hs__chart_months(const hs__site *st, hs__buf *b) {
    long first = 0, last = 0;
    size_t n_months, max = 1;
    size_t(*counts)[5];
    const double W = 900, H = 260, L = 36, B = 40;
    for (size_t i = 0; i < st->n; i++) {
        const char *d = st->pms[i]->date;
        long m;
        if (!*d)
            continue;
        m = (d[0] - '0') * 12000L + (d[1] - '0') * 1200 + (d[2] - '0') * 120 +
            (d[3] - '0') * 12 + ((d[5] - '0') * 10 + (d[6] - '0') - 1);
        if (!first || m < first)
            first = m;
        if (m > last)
            last = m;
    }
    if (!first) {
        hs__buf_puts(b, "<p>No dated postmortems yet.</p>");
        return;
    }
    if (last - first > 119)
        first = last - 119; /* the last ten years */
    n_months = (size_t)(last - first + 1);
    counts = hs__xcalloc(n_months, sizeof(*counts));
    for (size_t i = 0; i < st->n; i++) {
        const char *d = st->pms[i]->date;
        long m;
        size_t tot = 0;
        if (!*d)
            continue;
        m = (d[0] - '0') * 12000L + (d[1] - '0') * 1200 + (d[2] - '0') * 120 +
            (d[3] - '0') * 12 + ((d[5] - '0') * 10 + (d[6] - '0') - 1);
        if (m < first)
            continue;
        counts[m - first][st->pms[i]->severity]++;
        for (int k = 0; k < 5; k++)
            tot += counts[m - first][k];
        if (tot > max)
            max = tot;
    }
    hs__buf_printf(b,
                   "<svg class=\"hs-chart\" viewBox=\"0 0 %.0f %.0f\" "
                   "role=\"img\" aria-label=\"Incidents per month by "
                   "severity\"><title>Incidents per month by severity</title>",
                   W, H);
    /* whole-number gridlines: a step of ceil(max / 4), the top at 4 steps */
    {
        size_t step = (max + 3) / 4;
        max = step * 4;
        for (int g = 0; g <= 4; g++) {
            double y = H - B - (H - B - 10) * g / 4.0;
            hs__buf_printf(b,
                           "<line class=\"grid\" x1=\"%.0f\" x2=\"%.0f\" "
                           "y1=\"%.1f\" y2=\"%.1f\"/><text class=\"label\" "
                           "x=\"%.0f\" y=\"%.1f\" "
                           "text-anchor=\"end\">%zu</text>",
                           L, W, y, y, L - 4, y + 4, step * (size_t)g);
        }
    }
    for (size_t m = 0; m < n_months; m++) {
        double bw = (W - L) / (double)n_months;
        double x = L + bw * (double)m, y = H - B;
        static const int order[5] = {1, 2, 3, 4, 0};
        for (int k = 0; k < 5; k++) {
            size_t c = counts[m][order[k]];
            double h = (H - B - 10) * (double)c / (double)max;
            if (!c)
                continue;
            y -= h;
            hs__buf_printf(b,
                           "<rect class=\"bar sev%d\" x=\"%.1f\" y=\"%.1f\" "
                           "width=\"%.1f\" height=\"%.1f\"><title>%ld-%02ld: "
                           "%zu %s</title></rect>",
                           order[k], x + 1, y, bw > 3 ? bw - 2 : bw, h,
                           (first + (long)m) / 12, (first + (long)m) % 12 + 1,
                           c,
                           order[k] ? hs_severity_name(order[k]) : "unknown");
        }
        if (n_months <= 24 || m % (n_months / 12 + 1) == 0)
            hs__buf_printf(b,
                           "<text class=\"label\" x=\"%.1f\" y=\"%.0f\" "
                           "text-anchor=\"middle\">%ld-%02ld</text>",
                           x + bw / 2, H - B + 16, (first + (long)m) / 12,
                           (first + (long)m) % 12 + 1);
    }
    hs__buf_printf(b,
                   "<line class=\"axis\" x1=\"%.0f\" x2=\"%.0f\" y1=\"%.0f\" "
                   "y2=\"%.0f\"/></svg>",
                   L, W, H - B, H - B);
    free(counts);
}

static int cmp_int(const void *a, const void *b) {
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

/* Median and longest duration per severity, as horizontal bars. */
size_t hs__chart_durations(const hs__site *st, hs__buf *b) {
    int *v[5];
    size_t n[5] = {0}, total = 0;
    int longest = 1;
    const double W = 900, row = 34, L = 90;
    for (int k = 0; k < 5; k++)
        v[k] = hs__xcalloc(st->n + 1, sizeof(int));
    for (size_t i = 0; i < st->n; i++) {
        int d = st->pms[i]->duration_minutes, sev = st->pms[i]->severity;
        if (d < 0)
            continue;
        v[sev][n[sev]++] = d;
        total++;
        if (d > longest)
            longest = d;
    }
    hs__buf_printf(b,
                   "<svg class=\"hs-chart\" viewBox=\"0 0 %.0f %.0f\" "
                   "role=\"img\" aria-label=\"Time to resolve by severity\">"
                   "<title>Time to resolve by severity</title>",
                   W, row * 5 + 10);
    for (int k = 1; k <= 5; k++) {
        int sev = k == 5 ? 0 : k;
        double y = row * (k - 1) + 6;
        hs__buf_printf(b, "<text class=\"label\" x=\"4\" y=\"%.0f\">%s</text>",
                       y + 18, sev ? hs_severity_name(sev) : "unknown");
        if (!n[sev]) {
            hs__buf_printf(b,
                           "<text class=\"label\" x=\"%.0f\" y=\"%.0f\">no "
                           "durations</text>",
                           L, y + 18);
            continue;
        }
        hs__qsort(v[sev], n[sev], sizeof(int), cmp_int);
        {
            int med = v[sev][n[sev] / 2], max = v[sev][n[sev] - 1];
            /* the right 300 units are kept for the label */
            double scale = (W - L - 300) / (double)longest;
            hs__buf_printf(b,
                           "<rect class=\"bar sev%d\" x=\"%.0f\" y=\"%.0f\" "
                           "width=\"%.1f\" height=\"22\"><title>median %d "
                           "min</title></rect><line class=\"axis\" "
                           "x1=\"%.1f\" x2=\"%.1f\" y1=\"%.0f\" y2=\"%.0f\"/>"
                           "<text class=\"label\" x=\"%.1f\" y=\"%.0f\">median "
                           "%d min, longest %d min (%zu)</text>",
                           sev, L, y, med * scale + 1, med, L + max * scale,
                           L + max * scale, y, y + 22, L + max * scale + 6,
                           y + 16, med, max, n[sev]);
        }
    }
    hs__buf_puts(b, "</svg>");
    for (int k = 0; k < 5; k++)
        free(v[k]);
    return total;
}

typedef struct tag_count {
    const char *name;
    size_t n;
} tag_count;

static int cmp_tag_count(const void *a, const void *b) {
    const tag_count *x = a, *y = b;
    if (x->n != y->n)
        return x->n < y->n ? 1 : -1;
    return strcmp(x->name, y->name);
}

void hs__chart_tags(const hs__site *st, hs__buf *b) {
    hs_strlist l = {0};
    tag_count *tc;
    size_t shown;
    const double W = 900, row = 24, L = 170;
    hs__site_all_labels(st, 0, &l);
    tc = hs__xcalloc(l.n + 1, sizeof(*tc));
    for (size_t i = 0; i < l.n; i++) {
        tc[i].name = l.v[i];
        tc[i].n = st->label_n[0][i];
    }
    hs__qsort(tc, l.n, sizeof(*tc), cmp_tag_count);
    shown = l.n < 15 ? l.n : 15;
    hs__buf_printf(b,
                   "<svg class=\"hs-chart\" viewBox=\"0 0 %.0f %.0f\" "
                   "role=\"img\" aria-label=\"Top tags\"><title>Top "
                   "tags</title>",
                   W, row * (double)shown + 10);
    for (size_t i = 0; i < shown; i++) {
        double w = (W - L - 60) * (double)tc[i].n / (double)tc[0].n;
        double y = row * (double)i + 4;
        hs__buf_printf(b,
                       "<text class=\"label\" x=\"%.0f\" y=\"%.0f\" "
                       "text-anchor=\"end\">",
                       L - 6, y + 15);
        hs__html_escape(b, tc[i].name);
        hs__buf_printf(b,
                       "</text><rect class=\"bar sev0\" x=\"%.0f\" "
                       "y=\"%.0f\" width=\"%.1f\" height=\"18\"/><text "
                       "class=\"label\" x=\"%.1f\" y=\"%.0f\">%zu</text>",
                       L, y, w, L + w + 6, y + 15, tc[i].n);
    }
    hs__buf_puts(b, "</svg>");
    free(tc);
    hs__strlist_release(&l);
}
