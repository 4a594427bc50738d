/*
 * What incident tools send, read into hs_incident: a JSON incident of our
 * own shape, or a raw Alertmanager (version 4), PagerDuty (V3 webhook) or
 * Grafana alerting payload, told apart by shape. Besides json.c and http.c
 * this is the only jansson includer; it does no ranking, only reading.
 */
#include "base/buf.h"
#include "base/error.h"
#include "base/text.h"
#include "base/util.h"
#include "model/normalize.h"
#include "model/record.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

void hs_incident_release(hs_incident *inc) {
    if (!inc)
        return;
    hs_strlist_release(&inc->symptoms);
    hs_strlist_release(&inc->tags);
    free(inc->title);
    free(inc->service);
    free(inc->fingerprint);
    free(inc->source);
    free(inc->starts_at);
    free(inc->ends_at);
    free(inc->event_at);
    hs_strlist_release(&inc->ignored);
    memset(inc, 0, sizeof(*inc));
}

/* The string at `key`; white space alone is none ({"title": "  "} was a
 * title, so an incident of nothing was ranked rather than refused). */
static const char *str_at(json_t *o, const char *key) {
    json_t *v = json_object_get(o, key);
    const char *s = json_is_string(v) ? json_string_value(v) : NULL;
    return s && !hs__is_space_only(s) ? s : NULL;
}

static void push_str(hs_strlist *l, const char *s) {
    if (s && !hs__is_space_only(s))
        hs__strlist_push(l, s);
}

/* Labels that identify a place, not a symptom. */
static int is_noise_label(const char *k) {
    static const char *const keys[] = {"instance",
                                       "pod",
                                       "pod_name",
                                       "node",
                                       "job",
                                       "endpoint",
                                       "prometheus",
                                       "container",
                                       "namespace",
                                       "env",
                                       "environment",
                                       "region",
                                       "cluster",
                                       "severity",
                                       "priority",
                                       "fingerprint",
                                       "uid",
                                       "id",
                                       "replica",
                                       "__alert_rule_uid__",
                                       "grafana_folder",
                                       "datasource_uid",
                                       "ref_id",
                                       "team",
                                       "receiver",
                                       NULL};
    for (size_t i = 0; keys[i]; i++)
        if (!hs__strcasecmp(k, keys[i]))
            return 1;
    return 0;
}

/* What a JSON value is, as a message names it ("is a list"). */
static const char *type_name(const json_t *v) {
    switch (json_typeof(v)) {
    case JSON_OBJECT:
        return "an object";
    case JSON_ARRAY:
        return "a list";
    case JSON_STRING:
        return "a string";
    case JSON_INTEGER:
    case JSON_REAL:
        return "a number";
    case JSON_TRUE:
    case JSON_FALSE:
        return "true or false";
    default:
        return "null";
    }
}

/* The bytes of a label's name quoted in a message about its value. */
#define KEY_QUOTED_BYTES 64

/*
 * The labels or annotations (`key`) of an alert, the object `where` names:
 * NULL when absent or null, and when of another type, which is named in
 * inc->ignored, as is each member that is not a string (the caller reads
 * strings only). Alertmanager and Grafana send strings; anything else was
 * dropped without a word, so an alert of '"labels": ["alertname", "x"]'
 * was ranked on nothing and the sender never told.
 */
static json_t *string_map_at(json_t *alert, const char *where, const char *key,
                             hs_incident *inc) {
    json_t *m = json_object_get(alert, key), *v;
    const char *k;
    if (!m || json_is_null(m))
        return NULL;
    if (!json_is_object(m)) {
        hs__ignored_add(&inc->ignored,
                        "\"%s.%s\" is %s, not an object of strings: ignored",
                        where, key, type_name(m));
        return NULL;
    }
    json_object_foreach(m, k, v) {
        size_t n = strlen(k), keep = hs__utf8_cut(k, n, KEY_QUOTED_BYTES);
        if (!json_is_string(v))
            hs__ignored_add(
                &inc->ignored, "\"%s.%s.%.*s%s\" is %s, not a string: ignored",
                where, key, (int)keep, k, keep < n ? "..." : "", type_name(v));
    }
    return m;
}

/* Name the member `key` of `o` in inc->ignored when it is not a string. */
static void string_or_ignored(json_t *o, const char *where, const char *key,
                              hs_incident *inc) {
    json_t *v = json_object_get(o, key);
    if (v && !json_is_null(v) && !json_is_string(v))
        hs__ignored_add(&inc->ignored, "\"%s.%s\" is %s, not a string: ignored",
                        where, key, type_name(v));
}

/* The bytes of a refused time stamp quoted in the refusal. */
#define TIME_QUOTED_BYTES 40

/*
 * The time stamp at `key` of `o` (the object `where` names in the body,
 * "alerts[2]"), checked: 0 with `*out` a copy as the sender wrote it, or
 * NULL when absent, null, blank or Go's zero time (0001-01-01T00:00:00Z,
 * what Alertmanager and Grafana write for "not set"); HS_EINVAL naming the
 * field for anything that is no RFC 3339 time. Such a value was stored as
 * it came ("startsAt": "yesterday", a number dropped), and the order of a
 * firing and its resolution cannot be told from it.
 */
static int read_time(json_t *o, const char *where, const char *key, char **out,
                     hs_error *err) {
    json_t *v = json_object_get(o, key);
    const char *s = json_is_string(v) ? json_string_value(v) : NULL;
    char utc[HS__UTC_LEN];
    *out = NULL;
    if (!v || json_is_null(v) || (s && hs__is_space_only(s)))
        return 0;
    if (!s)
        return hs__seterr(err, HS_EINVAL,
                          "\"%s.%s\" must be a string, an RFC 3339 time such "
                          "as 2026-11-24T01:10:54Z",
                          where, key);
    if (hs__time_utc(s, utc) != 0) {
        size_t n = strlen(s), keep = hs__utf8_cut(s, n, TIME_QUOTED_BYTES);
        return hs__seterr(err, HS_EINVAL,
                          "\"%s.%s\" is not an RFC 3339 time such as "
                          "2026-11-24T01:10:54Z: '%.*s%s'",
                          where, key, (int)keep, s, keep < n ? "..." : "");
    }
    if (strncmp(utc, "0001-01-01T00:00:00.000000000Z", HS__UTC_LEN))
        *out = hs__xstrdup(s);
    return 0;
}

/* One Alertmanager or Grafana alert object, the i-th of the body's. */
static int read_alert(json_t *alert, size_t i, hs_incident *inc,
                      hs_error *err) {
    char where[32], *start = NULL, *end = NULL;
    json_t *labels, *ann;
    const char *k, *s;
    json_t *v;
    snprintf(where, sizeof(where), "alerts[%zu]", i);
    if (read_time(alert, where, "startsAt", &start, err) != 0 ||
        read_time(alert, where, "endsAt", &end, err) != 0) {
        free(start);
        return HS_EINVAL;
    }
    labels = string_map_at(alert, where, "labels", inc);
    ann = string_map_at(alert, where, "annotations", inc);
    string_or_ignored(alert, where, "fingerprint", inc);
    string_or_ignored(alert, where, "status", inc);
    push_str(&inc->symptoms, str_at(labels, "alertname"));
    if (!inc->title && str_at(labels, "alertname"))
        inc->title = hs__xstrdup(str_at(labels, "alertname"));
    json_object_foreach(ann, k, v) {
        if (json_is_string(v) && hs__strcasecmp(k, "runbook_url") &&
            hs__strcasecmp(k, "dashboard") &&
            hs__strcasecmp(k, "__dashboardUid__") &&
            hs__strcasecmp(k, "__panelId__"))
            push_str(&inc->symptoms, json_string_value(v));
    }
    json_object_foreach(labels, k, v) {
        if (!json_is_string(v) || !strcmp(k, "alertname"))
            continue;
        if (!hs__strcasecmp(k, "service") || !hs__strcasecmp(k, "app") ||
            !hs__strcasecmp(k, "app_kubernetes_io_name")) {
            if (!inc->service)
                inc->service = hs__xstrdup(json_string_value(v));
            continue;
        }
        if (!is_noise_label(k))
            push_str(&inc->symptoms, json_string_value(v));
    }
    if (!inc->fingerprint && (s = str_at(alert, "fingerprint")))
        inc->fingerprint = hs__xstrdup(s);
    /* with the fingerprint, the start tells one firing from the next (a
     * checked time is short: PostgreSQL's unique index of key and start
     * refused a 900 KB one, a 500 on every retry) */
    if (!inc->starts_at)
        inc->starts_at = start;
    else
        free(start);
    if (!inc->ends_at)
        inc->ends_at = end;
    else
        free(end);
    if ((s = str_at(alert, "status")) && !strcmp(s, "resolved"))
        inc->is_resolved = 1;
    return 0;
}

/*
 * A PagerDuty V3 event. It carries no start of a firing: the incident's
 * created_at is the same when it is reopened, so it is checked but not
 * kept. The event's occurred_at orders it against the resolution (a late
 * incident.triggered leaves a resolved incident resolved, a later
 * incident.reopened opens it), and a resolution's is its end. An event
 * whose incident is resolved (incident.annotated after the resolution)
 * is a resolved delivery: it reopened the incident.
 */
static int read_pagerduty(json_t *event, hs_incident *inc, hs_error *err) {
    json_t *data = json_object_get(event, "data");
    const char *type = str_at(event, "event_type"), *s;
    json_t *svc = json_object_get(data, "service");
    char *created = NULL;
    int rc;
    inc->source = hs__xstrdup("pagerduty");
    rc = read_time(data, "event.data", "created_at", &created, err);
    if (rc == 0)
        rc = read_time(event, "event", "occurred_at", &inc->event_at, err);
    free(created); /* checked, not kept (a good one leaked on a bad
                    * occurred_at) */
    if (rc)
        return HS_EINVAL;
    if ((s = str_at(data, "title"))) {
        inc->title = hs__xstrdup(s);
        push_str(&inc->symptoms, s);
    }
    push_str(&inc->symptoms, str_at(data, "description"));
    if ((s = str_at(svc, "summary")))
        inc->service = hs__xstrdup(s);
    if ((s = str_at(data, "id")))
        inc->fingerprint = hs__xstrdup(s);
    if ((type && !strcmp(type, "incident.resolved")) ||
        ((s = str_at(data, "status")) && !strcmp(s, "resolved"))) {
        inc->is_resolved = 1;
        if (inc->event_at)
            inc->ends_at = hs__xstrdup(inc->event_at);
    }
    return 0;
}

/*
 * Is v, a value of our own shape, absent, null, a string or (with
 * `is_list_ok`) a list of strings? A value of another type was dropped
 * without a word: {"title": {"text": "db down"}} or {"symptoms": ["db
 * down", 5]} ranked on less than the client sent, and {"title": 7} with
 * symptoms was a 200 that ignored it.
 */
static int is_text_value(json_t *v, int is_list_ok) {
    json_t *item;
    size_t i;
    if (!v || json_is_null(v) || json_is_string(v))
        return 1;
    if (!is_list_ok || !json_is_array(v))
        return 0;
    json_array_foreach(v, i, item) if (!json_is_string(item)) return 0;
    return 1;
}

static int read_own(json_t *root, hs_incident *inc, hs_error *err) {
    json_t *sym = json_object_get(root, "symptoms"), *v;
    json_t *tags = json_object_get(root, "tags");
    json_t *limit = json_object_get(root, "limit");
    size_t i;
    const char *s;
    inc->source = hs__xstrdup("json");
    if (!is_text_value(sym, 1))
        return hs__seterr(err, HS_EINVAL,
                          "\"symptoms\" must be a list of strings");
    if (!is_text_value(tags, 1))
        return hs__seterr(err, HS_EINVAL, "\"tags\" must be a list of strings");
    if (!is_text_value(json_object_get(root, "title"), 0))
        return hs__seterr(err, HS_EINVAL, "\"title\" must be a string");
    if (!is_text_value(json_object_get(root, "service"), 0))
        return hs__seterr(err, HS_EINVAL, "\"service\" must be a string");
    if (json_is_string(sym))
        push_str(&inc->symptoms, json_string_value(sym));
    else if (json_is_array(sym)) {
        json_array_foreach(sym, i, v)
            push_str(&inc->symptoms, json_string_value(v));
    }
    if ((s = str_at(root, "title")))
        inc->title = hs__xstrdup(s);
    if ((s = str_at(root, "service")))
        inc->service = hs__xstrdup(s);
    if (json_is_array(tags)) {
        json_array_foreach(tags, i, v)
            push_str(&inc->tags, json_string_value(v));
    } else if (json_is_string(tags))
        hs__strlist_split(&inc->tags, json_string_value(tags), ",");
    if (limit && !json_is_null(limit)) {
        /* JSON has one kind of number: 5.0 and 1e3 are whole numbers too
         * (jansson reads them as reals), as JavaScript and Python send */
        double d = json_number_value(limit);
        if (!json_is_number(limit) || !(d >= 1 && d <= HS_LIMIT_MAX) ||
            d != (double)(int)d)
            return hs__seterr(
                err, HS_EINVAL,
                "\"limit\" must be a number from 1 to " HS_XSTR(HS_LIMIT_MAX));
        inc->limit = (int)d;
    }
    if (!inc->symptoms.n && !inc->title)
        return hs__seterr(err, HS_EFORMAT,
                          "give \"symptoms\" (a list of strings) or \"title\"");
    return 0;
}

/*
 * Read the payload into n incidents: one per alert for Alertmanager and
 * Grafana (`split`), or all alerts in one incident otherwise.
 */
static int read_payload(const char *buf, size_t len, int split,
                        hs_incident **out, size_t *n, hs_error *err) {
    json_error_t jerr;
    json_t *root, *alerts, *event, *v;
    size_t i;
    int rc = 0;
    *out = NULL;
    *n = 0;
    /* a UTF-8 byte order mark, which RFC 8259 lets a reader ignore
     * (PowerShell's UTF8 encoding writes one) */
    if (len >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3)) {
        buf += 3;
        len -= 3;
    }
    /* any value decodes, so that null, 1 and [1] get the same answer */
    root =
        json_loadb(buf, len, JSON_REJECT_DUPLICATES | JSON_DECODE_ANY, &jerr);
    if (!root && strstr(jerr.text, "JSON_ALLOW_NUL"))
        return hs__seterr(err, HS_EINVAL,
                          "invalid JSON at line %d: a string contains "
                          "\\u0000 (a NUL character)",
                          jerr.line);
    if (!root)
        return hs__seterr(err, HS_EINVAL, "invalid JSON at line %d: %s",
                          jerr.line, jerr.text);
    if (!json_is_object(root)) {
        json_decref(root);
        return hs__seterr(err, HS_EFORMAT, "expected a JSON object");
    }
    alerts = json_object_get(root, "alerts");
    event = json_object_get(root, "event");
    if (json_is_array(alerts)) {
        /* Alertmanager says version "4"; Grafana adds orgId/state */
        const char *source =
            json_object_get(root, "orgId") || json_object_get(root, "state")
                ? "grafana"
                : "alertmanager";
        size_t count = json_array_size(alerts);
        if (!count) {
            json_decref(root);
            return hs__seterr(err, HS_EFORMAT, "the payload has no alerts");
        }
        size_t n_read = 0;
        hs_error first = {0, ""}; /* why the first alert left out was */
        *out = hs__xcalloc(split ? count : 1, sizeof(hs_incident));
        *n = split ? count : 1;
        /* an alert that cannot be read is left out and named, and the
         * others are read: one bad startsAt refused the whole body, so a
         * group's other alerts went unrecorded on every retry */
        json_array_foreach(alerts, i, v) {
            hs_incident *inc = &(*out)[split ? i : 0];
            hs_error why = {0, ""};
            if (!inc->source)
                inc->source = hs__xstrdup(source);
            if (!json_is_object(v))
                hs__seterr(&why, HS_EFORMAT,
                           "\"alerts[%zu]\" is %s, not an alert object", i,
                           type_name(v));
            else if (read_alert(v, i, inc, &why) == 0 &&
                     (!split || inc->symptoms.n || inc->title)) {
                n_read++;
                continue;
            } else if (!why.code)
                hs__seterr(&why, HS_EFORMAT,
                           "it names no symptoms (no alertname label, no "
                           "annotation)");
            hs__ignored_add(&inc->ignored, "alerts[%zu] left out: %s", i,
                            why.msg);
            inc->is_left_out = split;
            if (!first.code)
                first = why;
        }
        /* none read: a bad time is refused as it was, naming the field */
        if (!n_read && first.code == HS_EINVAL) {
            rc = first.code;
            if (err)
                *err = first;
        }
        const char *status = str_at(root, "status");
        if (!split && status && !strcmp(status, "resolved"))
            (*out)[0].is_resolved = 1;
        for (i = 0; i < *n; i++)
            if (!(*out)[i].source)
                (*out)[i].source = hs__xstrdup(source);
    } else if (json_is_object(event) && json_object_get(event, "event_type")) {
        *out = hs__xcalloc(1, sizeof(hs_incident));
        *n = 1;
        rc = read_pagerduty(event, *out, err);
    } else if (json_object_get(root, "ruleName") ||
               json_object_get(root, "evalMatches")) {
        /* legacy Grafana alerting */
        const char *s;
        *out = hs__xcalloc(1, sizeof(hs_incident));
        *n = 1;
        (*out)->source = hs__xstrdup("grafana");
        if ((s = str_at(root, "ruleName")))
            (*out)->title = hs__xstrdup(s);
        push_str(&(*out)->symptoms, str_at(root, "ruleName"));
        push_str(&(*out)->symptoms, str_at(root, "title"));
        push_str(&(*out)->symptoms, str_at(root, "message"));
        if ((s = str_at(root, "state")) && !strcmp(s, "ok"))
            (*out)->is_resolved = 1;
    } else if (json_object_get(root, "symptoms") ||
               json_object_get(root, "title")) {
        *out = hs__xcalloc(1, sizeof(hs_incident));
        *n = 1;
        rc = read_own(root, *out, err);
    } else {
        rc = hs__seterr(err, HS_EFORMAT,
                        "unrecognised JSON: expected {\"symptoms\": [...]} or "
                        "an Alertmanager, PagerDuty or Grafana webhook");
    }
    json_decref(root);
    for (i = 0; rc == 0 && i < *n; i++) {
        const hs_incident *inc = &(*out)[i];
        if (inc->is_left_out || inc->symptoms.n || inc->title)
            continue;
        /* ...with what was ignored, which may be why */
        rc = hs__seterr(err, HS_EFORMAT, "the payload names no symptoms%s%s%s",
                        inc->ignored.n ? " (" : "",
                        inc->ignored.n ? inc->ignored.v[0] : "",
                        inc->ignored.n ? ")" : "");
    }
    if (rc == 0 && split) {
        size_t n_kept = 0;
        for (i = 0; i < *n; i++)
            n_kept += !(*out)[i].is_left_out;
        if (!n_kept)
            rc = hs__seterr(err, HS_EFORMAT,
                            "the payload names no symptoms (%s)",
                            (*out)[0].ignored.v[0]);
    }
    if (rc) {
        for (i = 0; i < *n; i++)
            hs_incident_release(&(*out)[i]);
        free(*out);
        *out = NULL;
        *n = 0;
    }
    return rc;
}

int hs_incident_from_json(const char *buf, size_t len, hs_incident *out,
                          hs_error *err) {
    hs_incident *v;
    size_t n;
    int rc;
    memset(out, 0, sizeof(*out));
    rc = read_payload(buf, len, 0, &v, &n, err);
    if (rc)
        return rc;
    *out = v[0];
    free(v);
    return 0;
}

int hs_incidents_from_json(const char *buf, size_t len, hs_incident **out,
                           size_t *n, hs_error *err) {
    return read_payload(buf, len, 1, out, n, err);
}
