/*
 * Construction and destruction of hs_postmortem and its lists. Everything a
 * record points to is owned by it and freed by hs_postmortem_free.
 */
#include "model/record.h"
#include "base/buf.h"
#include "base/util.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

void hs__strlist_push(hs_strlist *l, const char *s) {
    HS_ALLOC_GROW(l->v, l->n + 1, l->alloc);
    l->v[l->n++] = hs__xstrdup(s);
}

void hs__ignored_add(hs_strlist *l, const char *fmt, ...) {
    hs__buf msg = HS_BUF_INIT;
    va_list ap;
    if (l->n > HS_IGNORED_MAX)
        return;
    if (l->n == HS_IGNORED_MAX) {
        hs__strlist_push(l, "more was ignored: only the first " HS_XSTR(
                                HS_IGNORED_MAX) " are named");
        return;
    }
    va_start(ap, fmt);
    hs__buf_vprintf(&msg, fmt, ap);
    va_end(ap);
    hs__strlist_push(l, msg.data);
    hs__buf_release(&msg);
}

void hs__strlist_push_trimmed(hs_strlist *l, const char *s, size_t len) {
    char *t = hs__strtrim(s, len);
    if (!*t) {
        free(t);
        return;
    }
    HS_ALLOC_GROW(l->v, l->n + 1, l->alloc);
    l->v[l->n++] = t;
}

void hs__strlist_split(hs_strlist *l, const char *s, const char *seps) {
    while (*s) {
        size_t n = strcspn(s, seps);
        hs__strlist_push_trimmed(l, s, n);
        s += n;
        if (*s)
            s++;
    }
}

int hs__strlist_has(const hs_strlist *l, const char *s) {
    for (size_t i = 0; i < l->n; i++)
        if (!hs__strcasecmp(l->v[i], s))
            return 1;
    return 0;
}

void hs_strlist_release(hs_strlist *l) {
    for (size_t i = 0; i < l->n; i++)
        free(l->v[i]);
    free(l->v);
    l->v = NULL;
    l->n = l->alloc = 0;
}

/*
 * Grow an array of n elements so that element n fits: capacity doubles at
 * 8, 16, 32 ..., so adding n elements costs O(n) copies, not O(n^2) (the
 * records keep no capacity field; it is implied by n).
 */
static void *grow_for(void *v, size_t n, size_t size) {
    if (n == 0)
        return hs__xreallocarray(v, 8, size);
    if (n >= 8 && (n & (n - 1)) == 0)
        return hs__xreallocarray(v, n * 2, size);
    return v;
}

void hs__pm_warn(hs_postmortem *pm, int line, const char *fmt, ...) {
    hs__buf b = HS_BUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    hs__buf_vprintf(&b, fmt, ap);
    va_end(ap);
    pm->warnings =
        grow_for(pm->warnings, pm->n_warnings, sizeof(*pm->warnings));
    pm->warnings[pm->n_warnings].line = line;
    pm->warnings[pm->n_warnings].msg = hs__buf_detach(&b, NULL);
    pm->n_warnings++;
}

void hs__pm_source(hs_postmortem *pm, const char *field, int line,
                   const char *fmt, ...) {
    hs__buf b = HS_BUF_INIT;
    hs_source *src = NULL;
    va_list ap;
    va_start(ap, fmt);
    hs__buf_vprintf(&b, fmt, ap);
    va_end(ap);
    for (size_t i = 0; i < pm->n_sources; i++)
        if (!strcmp(pm->sources[i].field, field))
            src = &pm->sources[i];
    if (src) {
        free(src->rule);
    } else {
        pm->sources =
            grow_for(pm->sources, pm->n_sources, sizeof(*pm->sources));
        src = &pm->sources[pm->n_sources++];
        src->field = hs__xstrdup(field);
    }
    src->line = line;
    src->rule = hs__buf_detach(&b, NULL);
}

const hs_source *hs__pm_source_of(const hs_postmortem *pm, const char *field) {
    for (size_t i = 0; i < pm->n_sources; i++)
        if (!strcmp(pm->sources[i].field, field))
            return &pm->sources[i];
    return NULL;
}

hs_action_item *hs__pm_add_action(hs_postmortem *pm) {
    hs_action_item *a;
    pm->actions = grow_for(pm->actions, pm->n_actions, sizeof(*a));
    a = &pm->actions[pm->n_actions++];
    memset(a, 0, sizeof(*a));
    return a;
}

hs_timeline_entry *hs__pm_add_timeline(hs_postmortem *pm) {
    hs_timeline_entry *t;
    pm->timeline = grow_for(pm->timeline, pm->n_timeline, sizeof(*t));
    t = &pm->timeline[pm->n_timeline++];
    memset(t, 0, sizeof(*t));
    return t;
}

hs_postmortem *hs__pm_new(void) {
    hs_postmortem *pm = hs__xcalloc(1, sizeof(*pm));
    pm->duration_minutes = -1;
    return pm;
}

void hs__action_release(hs_action_item *a) {
    free(a->action);
    free(a->owner);
    a->action = a->owner = NULL;
}

void hs_postmortem_free(hs_postmortem *pm) {
    size_t i;
    if (!pm)
        return;
    free(pm->id);
    free(pm->path);
    free(pm->title);
    free(pm->impact);
    free(pm->incident_commander);
    hs_strlist_release(&pm->responders);
    free(pm->summary);
    free(pm->root_cause);
    for (i = 0; i < pm->n_timeline; i++) {
        free(pm->timeline[i].time);
        free(pm->timeline[i].event);
    }
    free(pm->timeline);
    hs_strlist_release(&pm->went_well);
    hs_strlist_release(&pm->went_wrong);
    hs_strlist_release(&pm->lessons);
    for (i = 0; i < pm->n_actions; i++)
        hs__action_release(&pm->actions[i]);
    free(pm->actions);
    hs_strlist_release(&pm->tags);
    hs_strlist_release(&pm->auto_tags);
    hs_strlist_release(&pm->services);
    free(pm->document_url);
    hs_strlist_release(&pm->references);
    free(pm->body);
    for (i = 0; i < pm->n_warnings; i++)
        free(pm->warnings[i].msg);
    free(pm->warnings);
    for (i = 0; i < pm->n_sources; i++) {
        free(pm->sources[i].field);
        free(pm->sources[i].rule);
    }
    free(pm->sources);
    free(pm);
}
