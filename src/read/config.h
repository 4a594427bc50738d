/*
 * The house-style file (hindsight.yml), read from bytes: extra names per
 * fact, the date order for ambiguous dates, the severity scale, the team's
 * thesaurus lines.
 */
#ifndef HS_CONFIG_H
#define HS_CONFIG_H

#include "hindsight.h"

/* The facts a house-style file can give names to, in fact_keys order. */
enum {
    HS__FACT_ROOT_CAUSE,
    HS__FACT_TIMELINE,
    HS__FACT_ACTIONS,
    HS__FACT_IMPACT,
    HS__FACT_SUMMARY,
    HS__FACT_RESOLUTION,
    HS__FACT_DETECTION,
    HS__FACT_LESSONS,
    HS__FACT_WENT_WELL,
    HS__FACT_WENT_WRONG,
    HS__FACT_DURATION,
    HS__FACT_SEVERITY,
    HS__FACT_DATE,
    HS__NFACTS
};

enum { HS__DATES_DEFAULT = 0, HS__DATES_DMY, HS__DATES_MDY };

struct hs_config {
    hs_strlist names[HS__NFACTS];
    int dates; /* HS__DATES_* */
    struct hs__scale_word {
        char *word;
        int level; /* 1..4 */
    } * scale;
    size_t n_scale;
    /* `concepts:` thesaurus lines ('name: phrase, phrase'), as
     * data/concepts.txt writes them; hs_similar_add_concepts reads them */
    hs_strlist concepts;
    size_t max_file_bytes; /* max_file_size:, 0 for HS_DEFAULT_FILE_BYTES */
    char hash[17];
};

/*
 * HS_ETOOBIG, with a message naming the limit and how to change it, when a
 * markdown file of len bytes is over the limit of c (which may be NULL:
 * the default); else 0.
 */
int hs__config_check_size(const hs_config *c, size_t len, hs_error *err);

/* The HS__FACT_* for a `names:` key, or -1. */
int hs__fact_of(const char *key);
/* The level (1..4) the team's scale gives the word that starts text; 0. */
int hs__config_severity(const hs_config *c, const char *text);

/*
 * A walk of thesaurus lines, as data/concepts.txt, a --concepts file and
 * hindsight.yml's `concepts:` write them: `name: phrase, phrase, ...`,
 * the name of letters, digits, '_', '-' and spaces; blank lines and lines
 * that begin with '#' are skipped. The one parser of these lines: config.c
 * checks them at reading, concepts.c loads them.
 */
typedef struct hs__concept_lines {
    const char *p, *end; /* what is left to walk */
    size_t line;         /* 1-based number of the line returned */
    /* the line returned, from its first byte that is not white space to
     * its end (without the '\n') */
    const char *start, *eol;
    size_t name_len;     /* its name: start, without white space after it */
    const char *phrases; /* the byte after its colon; phrases to eol */
} hs__concept_lines;

/* Walk text[0..len), which need not end with a NUL. */
void hs__concept_lines_init(hs__concept_lines *w, const char *text, size_t len);
/*
 * The next line that is not blank or a comment: 1 for a thesaurus line,
 * -1 for a line not of that form (start..eol), 0 at the end of the text.
 */
int hs__concept_lines_next(hs__concept_lines *w);

#endif
