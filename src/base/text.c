/*
 * Encoding detection and conversion. Postmortems arrive as UTF-8, UTF-8
 * with a BOM, UTF-16 from Windows editors, or Latin-1/Windows-1252 from old
 * wikis; everything downstream sees valid UTF-8 with no NUL bytes. Binary
 * files are refused, not guessed at.
 */
#include "base/text.h"
#include "base/error.h"
#include "base/util.h"

#include <stdint.h>
#include <string.h>

#include "base/banned.h"

size_t hs__utf8_seq_len(const unsigned char *p, size_t avail) {
    unsigned c = p[0];
    size_t n;
    unsigned cp;
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF)
        n = 2;
    else if (c >= 0xE0 && c <= 0xEF)
        n = 3;
    else if (c >= 0xF0 && c <= 0xF4)
        n = 4;
    else
        return 0;
    if (avail < n)
        return 0;
    for (size_t i = 1; i < n; i++)
        if ((p[i] & 0xC0) != 0x80)
            return 0;
    cp = hs__utf8_decode(p, &n);
    if ((n == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
        (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)))
        return 0;
    return n;
}

unsigned hs__utf8_decode(const unsigned char *p, size_t *len) {
    unsigned c = p[0];
    if (c < 0x80) {
        *len = 1;
        return c;
    }
    if (c < 0xE0) {
        *len = 2;
        return ((c & 0x1Fu) << 6) | (p[1] & 0x3Fu);
    }
    if (c < 0xF0) {
        *len = 3;
        return ((c & 0x0Fu) << 12) | ((p[1] & 0x3Fu) << 6) | (p[2] & 0x3Fu);
    }
    *len = 4;
    return ((c & 0x07u) << 18) | ((p[1] & 0x3Fu) << 12) |
           ((p[2] & 0x3Fu) << 6) | (p[3] & 0x3Fu);
}

void hs__utf8_put(hs__buf *out, unsigned cp) {
    if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        cp = 0xFFFD;
    if (cp < 0x80) {
        hs__buf_putc(out, (int)cp);
    } else if (cp < 0x800) {
        hs__buf_putc(out, (int)(0xC0 | (cp >> 6)));
        hs__buf_putc(out, (int)(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        hs__buf_putc(out, (int)(0xE0 | (cp >> 12)));
        hs__buf_putc(out, (int)(0x80 | ((cp >> 6) & 0x3F)));
        hs__buf_putc(out, (int)(0x80 | (cp & 0x3F)));
    } else {
        hs__buf_putc(out, (int)(0xF0 | (cp >> 18)));
        hs__buf_putc(out, (int)(0x80 | ((cp >> 12) & 0x3F)));
        hs__buf_putc(out, (int)(0x80 | ((cp >> 6) & 0x3F)));
        hs__buf_putc(out, (int)(0x80 | (cp & 0x3F)));
    }
}

/*
 * Append len bytes of valid UTF-8 without any U+FEFF (EF BB BF). One
 * opens many files, and files joined end to end (cat a.md b.md) keep the
 * second one's in the middle, where no editor shows it but it stopped
 * "## Root cause" from being a heading, "**Severity**: SEV1" a field and
 * "- 12:30 ..." a timed entry. In the middle of a line it is a zero-width
 * no-break space, which Unicode has long replaced with U+2060.
 */
static void put_without_bom(hs__buf *out, const unsigned char *p, size_t len) {
    size_t done = 0;
    for (size_t i = 0; i + 3 <= len;) {
        const unsigned char *e = memchr(p + i, 0xEF, len - i - 2);
        if (!e)
            break;
        i = (size_t)(e - p);
        if (p[i + 1] == 0xBB && p[i + 2] == 0xBF) {
            hs__buf_put(out, p + done, i - done);
            done = i + 3;
        }
        i += 3; /* valid UTF-8: an EF starts a 3-byte sequence */
    }
    hs__buf_put(out, p + done, len - done);
}

static int from_utf16(const unsigned char *p, size_t len, int is_be,
                      hs__buf *out) {
    size_t i = 0;
    while (i + 1 < len) {
        unsigned u = is_be ? (unsigned)(p[i] << 8 | p[i + 1])
                           : (unsigned)(p[i + 1] << 8 | p[i]);
        i += 2;
        if (u >= 0xD800 && u <= 0xDBFF && i + 1 < len) {
            unsigned lo = is_be ? (unsigned)(p[i] << 8 | p[i + 1])
                                : (unsigned)(p[i + 1] << 8 | p[i]);
            if (lo >= 0xDC00 && lo <= 0xDFFF) {
                i += 2;
                u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
            }
        }
        if (u != 0xFEFF) /* see put_without_bom */
            hs__utf8_put(out, u);
    }
    return HS_TEXT_UTF16;
}

/* Windows-1252 0x80..0x9F; 0 marks the five unassigned bytes. */
static const unsigned short cp1252_high[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,
    0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

/*
 * The length of the run of ASCII bytes at p (at most n), eight bytes at a
 * time: a file is checked byte by byte once on reading and each paragraph
 * again, and nearly all of it is ASCII (the byte loops were 1.8% of an
 * index run).
 */
static size_t ascii_run(const unsigned char *p, size_t n) {
    size_t i = 0;
    uint64_t w;
    while (i + 8 <= n) {
        memcpy(&w, p + i, 8);
        if (w & 0x8080808080808080u)
            break;
        i += 8;
    }
    while (i < n && p[i] < 0x80)
        i++;
    return i;
}

int hs__text_to_utf8(const char *buf, size_t len, hs__buf *out) {
    const unsigned char *p = (const unsigned char *)buf;
    size_t i, n_multi = 0, n_invalid = 0;

    if (len >= 2 && p[0] == 0xFF && p[1] == 0xFE)
        return from_utf16(p + 2, len - 2, 0, out);
    if (len >= 2 && p[0] == 0xFE && p[1] == 0xFF)
        return from_utf16(p + 2, len - 2, 1, out);
    if (len >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF) {
        p += 3;
        len -= 3;
    }
    if (memchr(p, '\0', len))
        return HS_TEXT_BINARY;
    for (i = 0; i < len;) {
        size_t n;
        if (p[i] < 0x80) { /* most text: no call per byte */
            i += ascii_run(p + i, len - i);
            continue;
        }
        n = hs__utf8_seq_len(p + i, len - i);
        n_multi += n > 1;
        n_invalid += !n;
        i += n ? n : 1;
    }
    hs__buf_grow(out, len);
    if (!n_invalid) {
        if (n_multi)
            put_without_bom(out, p, len);
        else
            hs__buf_put(out, p, len);
        return HS_TEXT_UTF8;
    }
    /*
     * Latin-1 text almost never forms a valid UTF-8 sequence by chance
     * ("é " is not one), so a file with at least as many valid multi-byte
     * sequences as invalid bytes is UTF-8 with a few damaged bytes: only
     * those become U+FFFD. A file that is mostly invalid is Windows-1252.
     */
    if (n_multi >= n_invalid) {
        hs__buf text = HS_BUF_INIT;
        hs__buf_put(&text, p, len);
        hs__utf8_repair(&text);
        put_without_bom(out, (const unsigned char *)text.data, text.len);
        hs__buf_release(&text);
        return HS_TEXT_UTF8_REPAIRED;
    }
    for (i = 0; i < len; i++) {
        unsigned c = p[i];
        if (c >= 0x80 && c <= 0x9F)
            c = cp1252_high[c - 0x80] ? cp1252_high[c - 0x80] : 0xFFFD;
        hs__utf8_put(out, c);
    }
    return HS_TEXT_CP1252;
}

static unsigned fold_cp(unsigned cp) {
    if (cp >= 'A' && cp <= 'Z')
        return cp + 32;
    if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7)
        return cp + 0x20;
    if (cp >= 0x100 && cp <= 0x17F && cp != 0x130 && cp != 0x131 &&
        cp != 0x138 && cp != 0x149 && cp != 0x17F) {
        /* pairs: even upper, odd lower, except 0x139..0x148, 0x179..0x17E */
        int is_odd_upper =
            (cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E);
        if (is_odd_upper ? (cp & 1) : !(cp & 1))
            return cp + 1;
        return cp;
    }
    if (cp >= 0x391 && cp <= 0x3A9 && cp != 0x3A2)
        return cp + 0x20;
    if (cp >= 0x410 && cp <= 0x42F)
        return cp + 0x20;
    if (cp >= 0x400 && cp <= 0x40F)
        return cp + 0x50;
    return cp;
}

void hs__utf8_fold(hs__buf *out, const char *s) {
    const unsigned char *p = (const unsigned char *)s;
    size_t avail = strlen(s);
    while (avail) {
        size_t n = hs__utf8_seq_len(p, avail);
        if (!n) {
            hs__buf_putc(out, *p);
            n = 1;
        } else {
            hs__utf8_put(out, fold_cp(hs__utf8_decode(p, &n)));
        }
        p += n;
        avail -= n;
    }
}

/*
 * Slugs: ids as file names, reversibly ("a/b c" -> "a~2Fb~20c"), up to
 * HS__SLUG_MAX bytes. A longer one is cut and names its id by hash
 * ("PREFIX~~HASH"): a page's file name must fit the 255 bytes a file
 * system allows with ".html" and a temporary suffix, and an id of 90
 * Japanese characters is 270 bytes, 810 as a slug. hs__slug never
 * writes "~~" otherwise, so the two forms cannot meet.
 */

void hs__slug(const char *id, hs__buf *out) {
    static const char hex[] = "0123456789ABCDEF";
    size_t start = out->len, cut = 0;
    for (const unsigned char *p = (const unsigned char *)id; *p; p++) {
        if (out->len - start <= HS__SLUG_KEEP)
            cut = out->len - start; /* never inside a ~XX */
        if (hs__isalnum(*p) || *p == '-' || *p == '_' ||
            (*p == '.' && p != (const unsigned char *)id)) {
            hs__buf_putc(out, *p);
        } else {
            hs__buf_putc(out, '~');
            hs__buf_putc(out, hex[*p >> 4]);
            hs__buf_putc(out, hex[*p & 15]);
        }
    }
    if (out->len - start > HS__SLUG_MAX) {
        char h[17];
        hs__hash_hex(id, strlen(id), h);
        out->len = start + cut;
        hs__buf_puts(out, "~~");
        hs__buf_puts(out, h);
    }
}

int hs__slug_long_prefix(const char *slug, size_t len, hs__buf *out) {
    const char *mark;
    /* hs__slug cuts at HS__SLUG_KEEP or up to two bytes before (a ~XX is
     * never split); a shorter prefix, "~~HASH" alone above all, would
     * have the caller compute the slug of every id */
    if (len < HS__SLUG_KEEP - 2 + 18 || len > HS__SLUG_KEEP + 18 ||
        slug[len - 18] != '~' || slug[len - 17] != '~')
        return -1;
    for (size_t i = len - 16; i < len; i++)
        if (!((slug[i] >= '0' && slug[i] <= '9') ||
              (slug[i] >= 'a' && slug[i] <= 'f')))
            return -1;
    mark = slug + len - 18;
    return hs__unslug(slug, (size_t)(mark - slug), out);
}

/* Does hs__slug keep byte `c` as it is, `at` bytes into the id? */
static int slug_keeps(unsigned char c, size_t at) {
    return hs__isalnum(c) || c == '-' || c == '_' || (c == '.' && at);
}

int hs__unslug(const char *slug, size_t len, hs__buf *out) {
    size_t start = out->len;
    /* past HS__SLUG_MAX, hs__slug writes the cut and hashed form: the
     * uncut one was a second name of a long id's page */
    if (len > HS__SLUG_MAX)
        return -1;
    for (size_t i = 0; i < len; i++) {
        if (slug[i] != '~') {
            /* only the slug hs__slug writes: one name per page (a '.'
             * first, or "~41" for 'A', named the page of ".x" or "A"
             * a second time) */
            if (!slug_keeps((unsigned char)slug[i], out->len - start))
                return -1;
            hs__buf_putc(out, slug[i]);
            continue;
        }
        if (i + 2 >= len)
            return -1;
        {
            int v = 0;
            for (int k = 1; k <= 2; k++) {
                char c = slug[i + (size_t)k];
                v <<= 4;
                if (c >= '0' && c <= '9')
                    v |= c - '0';
                else if (c >= 'A' && c <= 'F')
                    v |= c - 'A' + 10;
                else
                    return -1;
            }
            if (v == 0 || slug_keeps((unsigned char)v, out->len - start))
                return -1;
            hs__buf_putc(out, v);
            i += 2;
        }
    }
    return 0;
}

size_t hs__utf8_valid_len(const char *s, size_t len) {
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0, n;
    while ((i += ascii_run(p + i, len - i)) < len &&
           (n = hs__utf8_seq_len(p + i, len - i)) != 0)
        i += n;
    return i;
}

int hs__utf8_refuse(const char *what, const char *v, int code,
                    struct hs_error *err) {
    size_t n = v ? strlen(v) : 0, at;
    if (!n || (at = hs__utf8_valid_len(v, n)) == n)
        return 0;
    return hs__seterr(err, code,
                      "%s is not UTF-8 (byte 0x%02X at byte %zu): write it "
                      "in UTF-8",
                      what, (unsigned char)v[at], at + 1);
}

void hs__utf8_repair(hs__buf *b) {
    const unsigned char *p = (const unsigned char *)b->data;
    hs__buf out = HS_BUF_INIT;
    size_t i = hs__utf8_valid_len(b->data, b->len), n;
    if (i == b->len)
        return; /* valid, the usual case */
    hs__buf_put(&out, b->data, i);
    while (i < b->len) {
        n = hs__utf8_seq_len(p + i, b->len - i);
        if (n) {
            hs__buf_put(&out, p + i, n);
            i += n;
        } else {
            hs__utf8_put(&out, 0xFFFD);
            i++;
        }
    }
    hs__buf_release(b);
    *b = out;
}

static unsigned bidi_control(const unsigned char *p, size_t n);

void hs__html_escape_n(hs__buf *out, const char *s, size_t len) {
    /* Runs between the special characters are copied whole: reports and
     * pages escape tens of MB at 100k postmortems. */
    size_t run = 0;
    for (size_t i = 0; i < len; i++) {
        const char *ent;
        unsigned bidi;
        switch (s[i]) {
        case '\xe2':
            /* a bidirectional control shows as "\u202e", as on a
             * terminal: in a title it would reorder the page's text */
            if (!(bidi = bidi_control((const unsigned char *)s + i, len - i)))
                continue;
            hs__buf_put(out, s + run, i - run);
            hs__buf_printf(out, "\\u%04x", bidi);
            i += 2;
            run = i + 1;
            continue;
        case '&':
            ent = "&amp;";
            break;
        case '<':
            ent = "&lt;";
            break;
        case '>':
            ent = "&gt;";
            break;
        case '"':
            ent = "&quot;";
            break;
        case '\'':
            ent = "&#39;";
            break;
        default:
            continue;
        }
        hs__buf_put(out, s + run, i - run);
        hs__buf_puts(out, ent);
        run = i + 1;
    }
    hs__buf_put(out, s + run, len - run);
}

void hs__html_escape(hs__buf *out, const char *s) {
    if (s)
        hs__html_escape_n(out, s, strlen(s));
}

/*
 * The code point of the bidirectional embedding, override or isolate
 * (U+202A..U+202E, U+2066..U+2069) whose UTF-8 starts at p, or 0. On a
 * terminal one reorders the rest of its line: a title holding U+202E
 * 'gnp.exe' reads 'exe.png', as in the Trojan Source attacks (CVE-2021-42574).
 */
static unsigned bidi_control(const unsigned char *p, size_t n) {
    if (n < 3 || p[0] != 0xE2)
        return 0;
    if (p[1] == 0x80 && p[2] >= 0xAA && p[2] <= 0xAE)
        return 0x2000u + (p[2] - 0x80u);
    if (p[1] == 0x81 && p[2] >= 0xA6 && p[2] <= 0xA9)
        return 0x2040u + (p[2] - 0x80u);
    return 0;
}

void hs__bidi_visible(hs__buf *b) {
    hs__buf out = HS_BUF_INIT;
    const char *p = b->data, *end, *hit;
    unsigned bidi = 0;
    if (!b->len)
        return;
    end = p + b->len;
    /* the first control: none (the usual case, em dashes and all) leaves
     * the text as it is, uncopied */
    for (hit = memchr(p, 0xE2, b->len);
         hit && !(bidi = bidi_control((const unsigned char *)hit,
                                      (size_t)(end - hit)));
         hit = memchr(hit + 1, 0xE2, (size_t)(end - hit - 1)))
        ;
    if (!hit)
        return;
    for (; hit; hit = memchr(p, 0xE2, (size_t)(end - p))) {
        bidi = bidi_control((const unsigned char *)hit, (size_t)(end - hit));
        hs__buf_put(&out, p, (size_t)(hit - p) + (bidi ? 0 : 1));
        if (bidi)
            hs__buf_printf(&out, "\\u%04x", bidi);
        p = hit + (bidi ? 3 : 1);
    }
    hs__buf_put(&out, p, (size_t)(end - p));
    hs__buf_release(b);
    *b = out;
}

void hs__buf_put_visible(hs__buf *out, const char *s, size_t len) {
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < len) {
        size_t run = i, n;
        unsigned bidi;
        /* copy printable ASCII, tab, newline and UTF-8 above U+009F whole,
         * bar the bidirectional controls */
        while (run < len) {
            unsigned c = p[run];
            if (c >= 0x20 && c < 0x7f) {
                run++;
            } else if (c == '\t' || c == '\n') {
                run++;
            } else if (c >= 0x80 &&
                       (n = hs__utf8_seq_len(p + run, len - run)) &&
                       !(c == 0xC2 && p[run + 1] < 0xA0) &&
                       !bidi_control(p + run, len - run)) {
                run += n;
            } else {
                break;
            }
        }
        hs__buf_put(out, s + i, run - i);
        i = run;
        if (i >= len)
            break;
        if ((bidi = bidi_control(p + i, len - i)) != 0) {
            hs__buf_printf(out, "\\u%04x", bidi);
            i += 3;
        } else if (p[i] == 0xC2 && i + 1 < len && p[i + 1] >= 0x80 &&
                   p[i + 1] < 0xA0) {
            hs__buf_printf(out, "\\x%02x", p[i + 1]); /* C1: U+0080..9F */
            i += 2;
        } else {
            hs__buf_printf(out, "\\x%02x", p[i]);
            i++;
        }
    }
}

size_t hs__utf8_cut(const char *s, size_t n, size_t max) {
    if (n <= max)
        return n;
    while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80)
        max--;
    return max;
}
