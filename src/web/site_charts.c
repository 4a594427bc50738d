/*
 * The trends page's charts, drawn here as SVG: incidents per month stacked
 * by severity, time to resolve by severity, top tags. Every text is either
 * a number, one of our labels, or a tag name passed through hs__html_escape.
 */
#include "base/text.h"
#include "base/util.h"
#include "model/record.h"
#include "web/site.h"

#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

/* ---------------------------------------------------------------------
 * Trends: SVG drawn here, escaped by construction (numbers and our own
 * labels; tag names go through hs__html_escape)
 */

/* Incidents per month, stacked by severity (unknown severity on top). */
void hs__chart_months(const hs__trends *t, hs__buf *b) {
    long first = t->first, last = t->last;
    size_t n_months, max = 1;
    size_t(*counts)[5];
    const double W = 900, H = 260, L = 36, B = 40;
    if (!first) {
        hs__buf_puts(b, "<p>No dated postmortems yet.</p>");
        return;
    }
    if (last - first > 119)
        first = last - 119; /* the last ten years */
    n_months = (size_t)(last - first + 1);
    counts = t->months + (first - t->first);
    for (size_t m = 0; m < n_months; m++) {
        size_t tot = 0;
        for (int k = 0; k < 5; k++)
            tot += counts[m][k];
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
}

/* Median and longest duration per severity, as horizontal bars. */
size_t hs__chart_durations(const hs__trends *t, hs__buf *b) {
    int *const *v = t->dur;
    const size_t *n = t->n_dur;
    size_t total = 0;
    int longest = 1;
    const double W = 900, row = 34, L = 90;
    for (int k = 0; k < 5; k++) {
        total += n[k];
        if (n[k] && v[k][n[k] - 1] > longest)
            longest = v[k][n[k] - 1];
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

void hs__chart_tags(const hs__label_count *lc, size_t n, hs__buf *b) {
    tag_count *tc = hs__xcalloc(n + 1, sizeof(*tc));
    size_t shown;
    const double W = 900, row = 24, L = 170;
    for (size_t i = 0; i < n; i++) {
        tc[i].name = lc[i].name;
        tc[i].n = lc[i].n;
    }
    hs__qsort(tc, n, sizeof(*tc), cmp_tag_count);
    shown = n < 15 ? n : 15;
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
}
