/*
 * What each section of a postmortem is: headings classified into kinds
 * ("Root Causes" -> HS_KIND_ROOT_CAUSE) and the nesting rule that keeps a
 * subsection inside its owner. Shared by extract.c and extract_actions.c;
 * no I/O, no facts read here.
 */
#include "read/sections.h"
#include "base/util.h"

#include <string.h>

#include "base/banned.h"

/* ---------------------------------------------------------------------
 * Headings
 */

static const struct {
    hs__kind kind;
    const char *phrase; /* matched as whole words anywhere in the heading */
} heading_rules[] = {
    /* order matters: "Root cause and mitigation" is a root cause */
    {HS_KIND_ROOT_CAUSE, "root cause"},
    {HS_KIND_ROOT_CAUSE, "root causes"},
    {HS_KIND_ROOT_CAUSE, "contributing"},
    {HS_KIND_ROOT_CAUSE, "cause analysis"},
    {HS_KIND_ROOT_CAUSE, "causes"},
    {HS_KIND_ROOT_CAUSE, "cause"},
    {HS_KIND_ROOT_CAUSE, "why it failed"},
    {HS_KIND_ROOT_CAUSE, "what caused"},
    {HS_KIND_WENT_WELL, "went well"},
    {HS_KIND_WENT_WELL, "went right"},
    {HS_KIND_WENT_WELL, "what worked"},
    {HS_KIND_WENT_WRONG, "went wrong"},
    {HS_KIND_WENT_WRONG, "went poorly"},
    {HS_KIND_WENT_WRONG, "went badly"},
    {HS_KIND_WENT_WRONG, "didn t go well"},
    {HS_KIND_WENT_WRONG, "did not go well"},
    {HS_KIND_WENT_WRONG, "could have gone better"},
    {HS_KIND_WENT_WRONG, "could have been better"},
    {HS_KIND_WENT_WRONG, "needs improvement"},
    {HS_KIND_WENT_WRONG, "what didn t work"},
    {HS_KIND_WENT_WRONG, "what could be improved"},
    {HS_KIND_LUCKY, "got lucky"},
    {HS_KIND_LUCKY, "where we got lucky"},
    {HS_KIND_ACTIONS, "action items"},
    {HS_KIND_ACTIONS, "action item"},
    {HS_KIND_ACTIONS, "actions"},
    {HS_KIND_ACTIONS, "corrective"},
    {HS_KIND_ACTIONS, "preventative"},
    {HS_KIND_ACTIONS, "preventive"},
    {HS_KIND_ACTIONS, "next steps"},
    {HS_KIND_ACTIONS, "recommendations"},
    {HS_KIND_ACTIONS, "recommendation"},
    {HS_KIND_ACTIONS, "follow up"},
    {HS_KIND_ACTIONS, "follow ups"},
    {HS_KIND_ACTIONS, "followup"},
    {HS_KIND_ACTIONS, "followups"},
    {HS_KIND_ACTIONS, "remediation"},
    {HS_KIND_ACTIONS, "improvements"},
    {HS_KIND_ACTIONS, "future work"},
    {HS_KIND_ACTIONS, "prevention"},
    {HS_KIND_ACTIONS, "what we re doing"},
    {HS_KIND_ACTIONS, "what we are doing"},
    {HS_KIND_ACTIONS, "todo"},
    {HS_KIND_TIMELINE, "timeline"},
    {HS_KIND_TIMELINE, "chronology"},
    {HS_KIND_TIMELINE, "sequence of events"},
    {HS_KIND_LESSONS, "lessons"},
    {HS_KIND_LESSONS, "lesson"},
    {HS_KIND_LESSONS, "learnings"},
    {HS_KIND_LESSONS, "takeaways"},
    {HS_KIND_LESSONS, "what we learned"},
    {HS_KIND_LESSONS, "reflections"},
    {HS_KIND_SUMMARY, "summary"},
    {HS_KIND_SUMMARY, "overview"},
    {HS_KIND_SUMMARY, "tl dr"},
    {HS_KIND_SUMMARY, "tldr"},
    {HS_KIND_SUMMARY, "what happened"},
    {HS_KIND_SUMMARY, "description"},
    {HS_KIND_SUMMARY, "abstract"},
    {HS_KIND_IMPACT, "impact"},
    {HS_KIND_IMPACT, "scope"},
    {HS_KIND_TRIGGER, "trigger"},
    {HS_KIND_RESOLUTION, "resolution"},
    {HS_KIND_RESOLUTION, "recovery"},
    {HS_KIND_RESOLUTION, "mitigation"},
    {HS_KIND_DETECTION, "detection"},
    {HS_KIND_REFERENCES, "references"},
    {HS_KIND_REFERENCES, "links"},
    {HS_KIND_REFERENCES, "supporting information"},
    {HS_KIND_REFERENCES, "related"},
    {HS_KIND_REFERENCES, "resources"},
    {HS_KIND_STATS, "stats"},
    {HS_KIND_STATS, "statistics"},
    {HS_KIND_STATS, "metrics"},
    {HS_KIND_STATS, "incident details"},
    {HS_KIND_STATS, "metadata"},
};

/* " word word " form of a heading, lower case letters only. */
static void heading_words(const char *h, char *out, size_t cap) {
    size_t n = 0;
    out[n++] = ' ';
    for (; *h && n + 2 < cap; h++) {
        unsigned char c = (unsigned char)*h;
        if (hs__isalpha(c))
            out[n++] = (char)hs__tolower(c);
        else if (out[n - 1] != ' ')
            out[n++] = ' ';
    }
    if (out[n - 1] != ' ')
        out[n++] = ' ';
    out[n] = '\0';
}

hs__kind hs__classify_heading(const char *heading) {
    char w[256], pat[64];
    heading_words(heading, w, sizeof(w));
    for (size_t i = 0; i < HS_ARRAY_LEN(heading_rules); i++) {
        size_t n = strlen(heading_rules[i].phrase);
        pat[0] = ' ';
        memcpy(pat + 1, heading_rules[i].phrase, n);
        pat[n + 1] = ' ';
        pat[n + 2] = '\0';
        if (strstr(w, pat))
            return heading_rules[i].kind;
    }
    return HS_KIND_OTHER;
}

/* ---------------------------------------------------------------------
 * Nesting
 */

int hs__section_contains(const hs__doc *doc, const hs__kind *kinds,
                         size_t owner, size_t i) {
    if (i == owner)
        return 1;
    if (i < owner || doc->sections[owner].level == 0 ||
        i >= doc->sections[owner].sub_end)
        return 0;
    return kinds[i] == HS_KIND_OTHER || kinds[i] == kinds[owner];
}

