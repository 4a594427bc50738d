/*
 * How the similar ranking weighs the thesaurus's expansions against the
 * words the input wrote, on small folders of postmortems written for each
 * rule (the concepts are a test's own lines, so the built-in thesaurus
 * does not decide the outcome).
 */
#include "hindsight.h"
#include "model/record.h"

#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct fixture {
    char dir[64];
    hs_store *s;
} fixture;

/* Index `docs` (name, markdown pairs, NULL-ended) in a fresh folder. */
static void fixture_open(fixture *f, const char *const *docs) {
    char path[160];
    const char *paths[1];
    hs_index_stats st;
    hs_error err;
    snprintf(f->dir, sizeof(f->dir), "/tmp/hs-simc-XXXXXX");
    cr_assert(mkdtemp(f->dir));
    snprintf(path, sizeof(path), "%s/pm", f->dir);
    cr_assert_eq(mkdir(path, 0700), 0);
    for (size_t i = 0; docs[i]; i += 2) {
        FILE *fp;
        snprintf(path, sizeof(path), "%s/pm/%s.md", f->dir, docs[i]);
        fp = fopen(path, "w");
        cr_assert(fp, "%s", path);
        fputs(docs[i + 1], fp);
        fclose(fp);
    }
    snprintf(path, sizeof(path), "%s/x.db", f->dir);
    cr_assert_eq(hs_store_open(path, 0, &f->s, &err), 0, "%s", err.msg);
    snprintf(path, sizeof(path), "%s/pm", f->dir);
    paths[0] = path;
    cr_assert_eq(hs_index_run(f->s, paths, 1, NULL, &st, &err), 0, "%s",
                 err.msg);
}

static void fixture_close(fixture *f) {
    char cmd[128];
    hs_store_close(f->s);
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", f->dir);
    cr_expect_eq(system(cmd), 0);
}

/* The results of `symptom` with the concept lines `concepts` added. */
static hs_results *ask(fixture *f, const char *concepts, const char *symptom) {
    hs_incident inc = {0};
    hs_results *r = NULL;
    hs_error err;
    if (concepts)
        cr_assert_eq(hs_similar_add_concepts(f->s, concepts, "test", &err), 0,
                     "%s", err.msg);
    hs__strlist_push(&inc.symptoms, symptom);
    cr_assert_eq(hs_similar(f->s, &inc, 10, &r, &err), 0, "%s", err.msg);
    hs_incident_release(&inc);
    return r;
}

static const hs_hit *hit(const hs_results *r, const char *id) {
    for (size_t i = 0; i < r->n; i++)
        if (!strcmp(r->hits[i].id, id))
            return &r->hits[i];
    return NULL;
}

/*
 * "zorb" brings in "quibble", which one postmortem says, and "frobnicate",
 * which five do: the input named the concept, not either phrasing, so the
 * rarity of the phrasing a postmortem happens to use is weaker evidence
 * than its rarity says. A postmortem that has only "quibble" ranks below
 * one with "crash", a word the input wrote, in two postmortems.
 */
Test(similar_concepts, rare_phrasing_of_a_common_concept_counts_less) {
    static const char *const docs[] = {
        "a", "# Quibble failure\n\n## Summary\nIt happened.\n",
        "b", "# Crash report\n\n## Summary\nIt happened.\n",
        "c", "# Crash notes\n\n## Summary\nIt moved.\n",
        "d", "# Frobnicate notes one\n\n## Summary\nIt moved.\n",
        "e", "# Frobnicate notes two\n\n## Summary\nIt moved.\n",
        "f", "# Frobnicate notes three\n\n## Summary\nIt moved.\n",
        "g", "# Frobnicate notes four\n\n## Summary\nIt moved.\n",
        "h", "# Frobnicate notes five\n\n## Summary\nIt moved.\n",
        "i", "# Unrelated\n\n## Summary\nThe disk filled up.\n",
        "j", "# Unrelated too\n\n## Summary\nThe lights went out.\n",
        NULL};
    fixture f;
    hs_results *r;
    const hs_hit *a, *b;
    fixture_open(&f, docs);
    r = ask(&f, "zorbing: zorb, quibble, frobnicate", "zorb crash");
    a = hit(r, "a");
    b = hit(r, "b");
    cr_assert(a && b, "both are found");
    cr_expect_gt(b->score, a->score, "crash %.3f, quibble %.3f", b->score,
                 a->score);
    cr_expect(a->matched_terms.n == 1 &&
                  !strcmp(a->matched_terms.v[0], "zorb ~ quibble"),
              "the explanation shows the expansion");
    hs_results_free(r);
    fixture_close(&f);
}

/*
 * Responders describe what they see, which a postmortem tells in its
 * narrative more often than in its title: a postmortem whose text explains
 * two of the input's words ranks above one whose title has one of them.
 */
Test(similar_concepts, narrative_evidence_outweighs_one_title_word) {
    static const char *const docs[] = {
        "a",
        "# Outage of a Tuesday\n\n## Notes\nWe saw the grommet wobble and "
        "the sprocket creak all morning.\n",
        "b",
        "# Flange failure\n\n## Notes\nSomething went wrong that morning, we "
        "were told.\n",
        "c",
        "# Unrelated\n\n## Notes\nThe disk filled up.\n",
        "d",
        "# Unrelated too\n\n## Notes\nThe cache went cold.\n",
        "e",
        "# Unrelated three\n\n## Notes\nThe queue backed up.\n",
        "f",
        "# Unrelated four\n\n## Notes\nThe lights went out.\n",
        NULL};
    fixture f;
    hs_results *r;
    fixture_open(&f, docs);
    r = ask(&f, NULL, "grommet sprocket flange");
    cr_assert_geq(r->n, 2);
    cr_expect_str_eq(r->hits[0].id, "a", "first %s %.3f, then %s %.3f",
                     r->hits[0].id, r->hits[0].score, r->hits[1].id,
                     r->hits[1].score);
    hs_results_free(r);
    fixture_close(&f);
}

/*
 * The abbreviations' synonyms ("503" -> "unavailable", "db" -> "database")
 * are expansions like the thesaurus's: shown as such, and below the word
 * the input wrote, which a postmortem that only has the synonym, in its
 * title, does not outrank.
 */
Test(similar_concepts, synonyms_are_shown_and_weigh_less_than_the_word) {
    static const char *const docs[] = {
        "a", "# Checkout unavailable\n\n## Summary\nIt happened.\n",
        "b", "# Checkout errors\n\n## Summary\nWe served 503 to buyers.\n",
        "c", "# Unrelated\n\n## Summary\nThe disk filled up.\n",
        "d", "# Unrelated too\n\n## Summary\nThe cache went cold.\n",
        "e", "# Unrelated three\n\n## Summary\nThe queue backed up.\n",
        "f", "# Unrelated four\n\n## Summary\nThe lights went out.\n",
        NULL};
    fixture f;
    hs_results *r;
    const hs_hit *a;
    int is_shown = 0;
    fixture_open(&f, docs);
    r = ask(&f, NULL, "checkout 503");
    cr_assert_geq(r->n, 2);
    cr_expect_str_eq(r->hits[0].id, "b");
    a = hit(r, "a");
    cr_assert(a);
    for (size_t i = 0; i < a->matched_terms.n; i++)
        is_shown |= !strcmp(a->matched_terms.v[i], "503 ~ unavailable");
    cr_expect(is_shown, "the explanation shows 503 ~ unavailable");
    hs_results_free(r);
    fixture_close(&f);
}
