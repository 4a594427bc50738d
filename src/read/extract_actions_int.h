/*
 * What the files that read action items share, and nothing outside them
 * uses. Each calls only those listed before it: extract_actions_text.c
 * reads an item's own text (owner, due date, status),
 * extract_actions_items.c tables, lists and to-do markers,
 * extract_actions_prose.c an action section written as prose,
 * extract_actions_plans.c plans told in the prose of other sections, and
 * extract_actions.c drives them all. The comment at each definition says
 * more.
 */
#ifndef HS_EXTRACT_ACTIONS_INT_H
#define HS_EXTRACT_ACTIONS_INT_H

#include "read/extract_actions.h"

#include <stddef.h>

/* extract_actions_text.c: table columns, owners and dates */

/* The first column whose header names `kind`, or -1; the cell at row r of
 * column c, "" for column -1. */
int hs__find_col(const hs__table *t, hs__kind kind);
const char *hs__cell(const hs__table *t, size_t r, int c);
/* "" "-" "TBD" "N/A" "none" "unassigned" mean no owner or no date. */
int hs__is_blank_value(const char *s);
/* The owner s..len names ("@x" without its '@'), NULL if blank. */
char *hs__owner_of(const char *s, size_t len);
/* Set a->due from s, warning at `line` of pm (when pm) if no date. */
void hs__set_due(hs_action_item *a, const char *s, hs_postmortem *pm, int line);

/* extract_actions_text.c: inline notations and the words of a sentence */

int hs__starts_word(const char *s, const char *w);
/* Read one "owner: X" / "due D" / status part into `a`; 1 if understood. */
int hs__meta_part(hs_action_item *a, const char *part, size_t len);
/* Does s open with a key naming an item's owner ("Owner", "Responsible:")? */
int hs__owner_key(const char *s);
/* Does the word at w end in "ed" like a past tense, in "ing", or is it a
 * past participle? */
int hs__past_word(const char *w);
int hs__ing_word(const char *w);
int hs__participle(const char *w);
/* The first "during the incident" (or "during the outage") in t as
 * words, or NULL. */
const char *hs__during_incident(const char *t);
/* Does item text (or a status cell) t say the work was done in the
 * incident itself ("(done during the incident)")? No follow-up then. */
int hs__done_in_incident(const char *t);
/* Does item t say the work was filed ("Opened a ticket to ...")? */
int hs__files_work(const char *t);
/* Items that each end in "(Who)" ("... (Giulia)", "... (billing)"): the
 * list's convention names an owner there; read it into each item. */
void hs__owners_in_parentheses(hs_postmortem *pm);
/* Items that each end in ", Who" ("... (WH-312), Petr"): likewise, the
 * list's convention names an owner there. */
void hs__owners_after_comma(hs_postmortem *pm);
/* Items that open with a person the document names elsewhere (its
 * commander, a responder, another item's owner) and then the work: "Bo to
 * raise the alarm threshold", "Ana: add a config check". */
void hs__owners_named_first(hs_postmortem *pm);
/* The status and owner an item written as a sentence gives itself. */
void hs__status_from_sentence(hs_action_item *a);

/* extract_actions_items.c: tables, list items, front matter, markers */

/* The items of table t: its action column, or in an action section the
 * column with the most text when none is named so. */
void hs__actions_from_table(const hs__table *t, int is_action_section,
                            hs_postmortem *pm);
/* Is list item `it` a sub-heading grouping the items nested below it? */
int hs__is_group_item(const hs__item *it);
/*
 * A paragraph of an action section that opens by telling follow-up work
 * already done ("We have already changed the runbook so that ... In
 * addition:" before the list of what is still to do): its first sentence
 * is an item (done). Returns 1 if it was one. In extract_actions_plans.c,
 * beside the other "we" clauses.
 */
int hs__already_done_paragraph(const hs__item *para, hs_postmortem *pm);
/* A paragraph "Action item: ..." read as an item; 1 if it was one. */
int hs__labelled_action(const hs__item *para, hs_postmortem *pm);
/* The items a list in the front matter gives ("action_items:"). */
void hs__actions_from_front_matter(const hs__doc *doc, hs_postmortem *pm);
/* To-dos ("- [ ]", "TODO:") outside the sections is_action[] marks. */
void hs__actions_from_markers(const hs__doc *doc, const hs__kind *kinds,
                              const unsigned char *is_action,
                              hs_postmortem *pm);

/* Add the action of list item `it` (nested `depth` below its group). */
void hs__action_from_item(const hs__item *it, int depth,
                          hs_status heading_status, hs_postmortem *pm);
/* Is nested item `it` a field of its parent `a` ("- Owner: Jo")? Then it
 * is read into `a`; returns 1. */
int hs__meta_item(hs_action_item *a, const hs__item *it);
/* The length of a "TODO:" / "DONE -" / "DOING:" marker opening p, or 0. */
size_t hs__marker_len(const char *p);

/* extract_actions_prose.c: an action section written as prose */

/* The actions of action section `owner` written a paragraph or a
 * sub-heading per item, when it has no list or table. */
void hs__actions_from_paragraphs(const hs__doc *doc, const hs__kind *kinds,
                                 size_t owner, hs_postmortem *pm);
/* The status a lead-in line ("In progress:", "Planned:") gives its list. */
hs_status hs__lead_in_status(const char *p);
/* Does lead-in line p ("Lessons learned:", "Things we did during the
 * incident:") start a list that is no follow-up work? */
int hs__lead_in_ends_actions(const char *p);
/* Add the action text..len, read from a sentence of prose, at `line`. */
void hs__add_prose_action(const char *text, size_t len, hs_status status,
                          int line, hs_postmortem *pm);
/* Does sentence s open with a commitment ("We will ...") (nonzero), or
 * with a subject of a few words and "will"? */
int hs__commitment_cue(const char *s);
/* Does t open with a courtesy ("We apologise ...", "Thank you ...")? No
 * work, wherever it stands. */
int hs__is_courtesy(const char *t);
/* Does w open with a verb teams name follow-up work with in its plain
 * form ("review", "add"), or in its -ing form ("adding", "writing")? */
int hs__work_verb(const char *w);
int hs__work_verb_ing(const char *w);
int hs__subject_will(const char *s);
/* The end of the sentence at p; the status the words p..end give a list. */
const char *hs__sentence_end(const char *p);
hs_status hs__clause_status(const char *p, const char *end);

/* extract_actions_plans.c: plans told in the prose of other sections */

/* Does a section of this kind tell of other things than follow-up work
 * (the timeline, lessons, what went well or wrong, luck, references), so
 * that prose plans and announced lists are not looked for in it? */
int hs__kind_tells_no_plans(hs__kind kind);

void hs__actions_from_plans(const hs__doc *doc, const hs__kind *kinds,
                            hs_postmortem *pm);

#endif
