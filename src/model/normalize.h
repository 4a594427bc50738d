/*
 * Normalisation of the facts people write by hand: dates, durations,
 * severities and statuses. Pure functions over UTF-8 text; no allocation
 * except where a function says so.
 */
#ifndef HS_NORMALIZE_H
#define HS_NORMALIZE_H

#include "hindsight.h"

/*
 * Find the first calendar date in `text`. On success writes YYYY-MM-DD to
 * `out`, sets *start and *end (may be NULL) to the byte offsets of the match
 * and returns 0; returns -1 when there is none. With `anchored`, the date must
 * start the text (after white space, a weekday name and punctuation).
 */
int hs__date_find(const char *text, int anchored, char out[HS_DATE_LEN],
                  size_t *start, size_t *end);

/* The last day of a range of days in one month at the start of `text`
 * ("3-4 December 2025": 2025-12-04), as hs__date_find read its first: 0,
 * or -1 when no such range starts there. */
int hs__date_range_last(const char *text, char out[HS_DATE_LEN]);

/* A day written without its year at the start of `text` ("Tue 3 Sep,
 * 16:05", "Sept 3rd") in `year`: YYYY-MM-DD in `out`, 0; -1 if none. */
int hs__date_yearless(const char *text, int year, char out[HS_DATE_LEN]);

/* The status named by hs_status_name ("in_progress" -> HS_STATUS_IN_PROGRESS);
 * HS_STATUS_UNKNOWN for NULL or any other text. */
hs_status hs__status_from_name(const char *name);
/* The status in words for people: "in progress", "not started". */
const char *hs__status_words(hs_status s);

/* Today's date in UTC, YYYY-MM-DD: the as-of day of reports and pages. */
void hs__date_today(char out[HS_DATE_LEN]);
/* Copy `s` to `out` when it is a date as text (ten bytes, as stored);
 * leave `out` as it is otherwise. Returns 1 when it copied. */
int hs__date_copy(char out[HS_DATE_LEN], const char *s);

/* Days since 1970-01-01 for a valid YYYY-MM-DD, or INT32_MIN if invalid. */
long hs__date_days(const char *ymd);
/* The YYYY-MM-DD of `days` since 1970-01-01. */
void hs__date_from_days(long days, char out[HS_DATE_LEN]);

/* The length of an instant as hs__time_utc writes it, with its NUL. */
#define HS__UTC_LEN 31 /* 2026-01-31T12:00:00.000000000Z */
/* A time stamp as RFC 3339 writes it ("2026-11-24T01:10:54.72Z",
 * "...+01:00"): the instant in UTC as YYYY-MM-DDTHH:MM:SS.nnnnnnnnnZ in
 * `out` (two such compare as text), 0; -1 for anything else. */
int hs__time_utc(const char *s, char out[HS__UTC_LEN]);
/* An instant as hs__time_utc writes it, shown with the fraction's
 * trailing zeros left out ("...10:00:00.000000000Z" is "...10:00:00Z",
 * "...:54.720000000Z" is "...:54.72Z"); any other text as it is. */
void hs__time_shown(const char *utc, char out[HS__UTC_LEN]);

/*
 * Minutes between two clock times written in `text` as "from 14:32 to 14:55"
 * or "between 9:16 PM and 11:16 PM"; -1 if none. An end before the start
 * wraps past midnight.
 */
int hs__duration_from_clock_range(const char *text);

/* A clock window written with a dash ("14:02-15:10 UTC"); -1 if none. */
int hs__duration_from_clock_dash(const char *text);
/* The same window, opening `text` itself: its minutes, -1 if none. */
int hs__clock_dash_opens(const char *text);

/* A prose duration tied to an outage ("48-minute outage", "lasted 2 hours"). */
int hs__duration_from_prose(const char *text);

/*
 * Do the bytes from `from` to `to` (a sentence, or with `is_lead` the
 * words just before a date) place what they speak of in another
 * occurrence than this incident ("the previous outage", "once before";
 * in a lead also "last week", "earlier", "similar to")? A date or length
 * so placed is not this incident's. One list for dates and lengths.
 */
int hs__names_other_occurrence(const char *from, const char *to, int is_lead);

/* Does `text` state only a bound of a length ("for over 3 hours", "lasted
 * at least two days")? A bound is no duration. */
int hs__duration_bound(const char *text);

/* The length of a hedge on the clock time after it at `p` ("~", "approx. ",
 * "about ", "circa "), as in "~13:42" or "from about 10:12 to 10:31"; 0 if
 * none. */
size_t hs__time_hedge(const char *p);

/* A leading time relative to the incident's start, as some timelines are
 * written ("T+0", "T+10m", "T + 1h15m", "[T+01:15]"): its length, 0 if
 * none, and its minutes in *minutes. */
size_t hs__relative_time(const char *t, int *minutes);

/* A level given with the scale it is one of, in brackets after it ("Major
 * (scale: Critical / Major / Minor / Negligible)", "AMBER (levels: GREEN,
 * AMBER, RED)"): its place from the scale's worst end, 1 to 4 (the fifth
 * and below are 4); 0 if text holds no such scale or does not say which
 * end is the worst. */
int hs__severity_on_scale(const char *text);

/* A level written as a letter beside the letters of its scale ("Sev B
 * (scale A-D, A worst)", "B (grades: A total loss, B one channel, C
 * degraded, D none)"): its place from A, the worst end as lettered grades
 * run, or from the end the scale names worst ("A-D, D worst"), 1 to 4;
 * 0 if text is no such level. */
int hs__severity_letter(const char *text);

/* A clock time written with an h at s, as French and Spanish teams write
 * one ("9h30", "14h10") and as operations rooms do ("0930h", "0930 hrs"),
 * nothing alphanumeric after it: minutes since midnight and its length in *len;
 * -1 if none. */
int hs__clock_h_form(const char *s, size_t *len);

/* A leading clock time or date-time ("14:32", "2022-01-25 10:21", "10:21
 * UTC"); returns the length of the prefix, 0 if none. */
size_t hs__time_prefix(const char *text);

/* A count of the incident's days opening s ("Day 2", "day 12", "D+1",
 * "D-1"): its length, and the count in *n; 0 if none. */
size_t hs__day_counter(const char *s, long *n);

/* Minutes since midnight of the first clock time ("23:04", "4:49 PM")
 * that starts within the first `within` bytes of text; -1 if none. */
int hs__clock_find(const char *text, size_t within);

/* No zone named after a clock time. */
#define HS__NO_ZONE (-100000)

/* hs__clock_find, and in *offset the minutes east of UTC of the zone
 * named after the time ("6:40 AM PT", "14:25 UTC"), US zones without S or
 * D read by the day ymd (may be NULL); HS__NO_ZONE if none. */
int hs__clock_find_zone(const char *text, size_t within, const char *ymd,
                        int *offset);

/* Is the zone named by the capitals at s ("CET", "BRT" in "14:02 BRT,")
 * one of a country that writes a date's day before its month? */
int hs__zone_day_first(const char *s);

#endif
