/*
 * hs_snippet(fts, col, open, close, ellipsis, n_tokens): FTS5's snippet()
 * with bounded work. FTS5's own snippet() scores every window of the
 * column against every hit, so a postmortem with a pasted 4 MB log and
 * 100k hits took a minute (issue 12). Here the column is chosen from the
 * hits in one pass, the window from the first HS__SNIPPET_CANDIDATES hits
 * of that column, and the text is tokenized only up to the window's end:
 * time linear in the hits plus the window's offset, whatever the column's
 * size. It must not read the whole column when the window is near its
 * start, nor allocate per hit beyond the candidates, nor show more than
 * HS__SNIPPET_PIECE_MAX bytes of one token or of the text between two.
 */
#include "base/buf.h"
#include "base/text.h"
#include "query/search.h"
#include "store/facets.h"

#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

/* Hits of the chosen column among which the window is chosen. */
#define HS__SNIPPET_CANDIDATES 256
/* Longest window, in tokens. */
#define HS__SNIPPET_MAX_TOKENS 64
/*
 * Most bytes shown of one token, or of the text between two tokens (or
 * after the last): a pasted 1 MB word (a base64 blob, a minified line) or
 * a 1 MB run of dashes was shown whole, a 1 MB snippet per result.
 */
#define HS__SNIPPET_PIECE_MAX 120

typedef struct window {
    int first, end; /* token range [first, end) of the column */
    int n_tok;      /* tokens seen so far */
    int is_more;    /* tokens follow the window */
    int start[HS__SNIPPET_MAX_TOKENS];  /* byte offsets of window tokens */
    int finish[HS__SNIPPET_MAX_TOKENS]; /* byte ends of window tokens */
    int n_start;
} window;

/* The tokenizer callback: record the window's tokens, then stop. */
static int on_token(void *ctx, int tflags, const char *tok, int n_tok,
                    int i_start, int i_end) {
    window *w = ctx;
    (void)tok;
    (void)n_tok;
    if (tflags & FTS5_TOKEN_COLOCATED)
        return SQLITE_OK;
    if (w->n_tok >= w->end) {
        w->is_more = 1;
        return SQLITE_DONE;
    }
    if (w->n_tok >= w->first) {
        w->start[w->n_start] = i_start;
        w->finish[w->n_start++] = i_end;
    }
    w->n_tok++;
    return SQLITE_OK;
}

/* The column with the most distinct phrases among its hits, or 0 with no
 * hits. On a tie, not the title (search prints it already), then the first
 * column. One pass over the hits. */
static int best_column(const Fts5ExtensionApi *api, Fts5Context *fts,
                       int n_inst) {
    int n_col = api->xColumnCount(fts), best = 0, best_n = 0;
    uint64_t *seen = calloc((size_t)(n_col > 0 ? n_col : 1), sizeof(*seen));
    if (!seen)
        return 0;
    for (int i = 0; i < n_inst; i++) {
        int phrase, col, off;
        if (api->xInst(fts, i, &phrase, &col, &off) != SQLITE_OK)
            break;
        if (col >= 0 && col < n_col)
            seen[col] |= (uint64_t)1 << (phrase & 63);
    }
    for (int c = 0; c < n_col; c++) {
        int n = 0;
        if (c == HS__FTS_FACETS_COL) /* filter tokens, never shown */
            continue;
        for (uint64_t m = seen[c]; m; m &= m - 1)
            n++;
        if (n > best_n || (n == best_n && n && best == 0)) {
            best_n = n;
            best = c;
        }
    }
    free(seen);
    return best;
}

/* text[0..len) into b, cut on a character past HS__SNIPPET_PIECE_MAX
 * bytes with `ell` after. */
static void put_piece(hs__buf *b, const char *text, int len, const char *ell) {
    size_t n = len > 0 ? (size_t)len : 0;
    size_t keep = hs__utf8_cut(text, n, HS__SNIPPET_PIECE_MAX);
    hs__buf_put(b, text, keep);
    if (keep < n)
        hs__buf_puts(b, ell);
}

void hs__fts_snippet(const Fts5ExtensionApi *api, Fts5Context *fts,
                     sqlite3_context *ctx, int n_args, sqlite3_value **args) {
    int col, n_inst = 0, n_tokens, n_cand = 0, best = 0, best_n = -1;
    int cand_off[HS__SNIPPET_CANDIDATES], cand_end[HS__SNIPPET_CANDIDATES];
    int cand_phrase[HS__SNIPPET_CANDIDATES];
    const char *mo, *mc, *ell, *text = NULL;
    int text_len = 0, rc;
    window w;
    hs__buf b = HS_BUF_INIT;

    if (n_args != 5) {
        sqlite3_result_error(ctx, "hs_snippet: wrong number of arguments", -1);
        return;
    }
    col = sqlite3_value_int(args[0]);
    mo = (const char *)sqlite3_value_text(args[1]);
    mc = (const char *)sqlite3_value_text(args[2]);
    ell = (const char *)sqlite3_value_text(args[3]);
    n_tokens = sqlite3_value_int(args[4]);
    if (n_tokens < 1)
        n_tokens = 1;
    if (n_tokens > HS__SNIPPET_MAX_TOKENS)
        n_tokens = HS__SNIPPET_MAX_TOKENS;
    if (api->xInstCount(fts, &n_inst) != SQLITE_OK)
        n_inst = 0;
    if (col < 0 || col >= api->xColumnCount(fts))
        col = best_column(api, fts, n_inst);

    /* the first hits of the column: where each starts and ends */
    for (int i = 0; i < n_inst && n_cand < HS__SNIPPET_CANDIDATES; i++) {
        int phrase, c, off;
        if (api->xInst(fts, i, &phrase, &c, &off) != SQLITE_OK)
            break;
        if (c != col)
            continue;
        cand_off[n_cand] = off;
        cand_end[n_cand] = off + api->xPhraseSize(fts, phrase);
        cand_phrase[n_cand++] = phrase;
    }
    /* the window starting at a hit that covers the most distinct phrases
     * (two pointers over the candidates: linear) */
    for (int i = 0, j = 0; i < n_cand; i++) {
        uint64_t m = 0;
        int n = 0;
        if (j < i)
            j = i;
        while (j < n_cand && cand_end[j] <= cand_off[i] + n_tokens)
            j++;
        for (int k = i; k < j; k++)
            m |= (uint64_t)1 << (cand_phrase[k] & 63);
        for (; m; m &= m - 1)
            n++;
        if (n > best_n) {
            best_n = n;
            best = i;
        }
    }
    memset(&w, 0, sizeof(w));
    if (n_cand) {
        /* a little context before the first hit, as FTS5 gives */
        w.first = cand_off[best] - n_tokens / 4;
        if (w.first < 0 || cand_off[best] < n_tokens - 1)
            w.first = 0;
    }
    w.end = w.first + n_tokens;
    rc = api->xColumnText(fts, col, &text, &text_len);
    if (rc == SQLITE_OK && text && text_len > 0) {
        rc = api->xTokenize(fts, text, text_len, &w, on_token);
        if (rc == SQLITE_DONE)
            rc = SQLITE_OK;
    }
    if (rc != SQLITE_OK) {
        sqlite3_result_error_code(ctx, rc);
        return;
    }
    if (!w.n_start) {
        sqlite3_result_text(ctx, "", 0, SQLITE_STATIC);
        return;
    }
    if (w.first > 0)
        hs__buf_puts(&b, ell);
    {
        /* a span opens where a hit starts (or, cut by the window, is
         * already open) and closes after the last token of the hits that
         * overlap it: [connection] [pool] for two words, [connection
         * pool] for a phrase, always balanced */
        int pos = w.first ? w.start[0] : 0, span_end = -1;
        for (int t = 0; t < w.n_start; t++) {
            int tok = w.first + t;
            for (int k = 0; k < n_cand; k++) {
                int is_here =
                    cand_off[k] == tok ||
                    (t == 0 && cand_off[k] < tok && cand_end[k] > tok);
                if (!is_here)
                    continue;
                if (span_end < 0 && pos <= w.start[t]) {
                    put_piece(&b, text + pos, w.start[t] - pos, ell);
                    pos = w.start[t];
                    hs__buf_puts(&b, mo);
                    span_end = cand_end[k];
                } else if (cand_end[k] > span_end) {
                    span_end = cand_end[k];
                }
            }
            if (pos < w.start[t]) { /* the text before it */
                put_piece(&b, text + pos, w.start[t] - pos, ell);
                pos = w.start[t];
            }
            put_piece(&b, text + pos, w.finish[t] - pos, ell);
            pos = w.finish[t];
            if (span_end >= 0 && (tok + 1 >= span_end || t + 1 == w.n_start)) {
                hs__buf_puts(&b, mc);
                span_end = -1;
            }
        }
    }
    if (w.is_more)
        hs__buf_puts(&b, ell);
    else /* the column's end: its last punctuation too */
        put_piece(&b, text + w.finish[w.n_start - 1],
                  text_len - w.finish[w.n_start - 1], ell);
    sqlite3_result_text(ctx, b.data ? b.data : "", (int)b.len,
                        SQLITE_TRANSIENT);
    hs__buf_release(&b);
}
