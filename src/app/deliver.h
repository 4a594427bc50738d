/*
 * Delivering a report where people read it: a chat incoming webhook
 * (Slack, Mattermost, Rocket.Chat) over libcurl, or a mail handed to
 * sendmail. deliver.c is the only libcurl includer; it prints nothing and
 * reports failures through hs_error, for cli_report.c to print.
 */
#ifndef HS_DELIVER_H
#define HS_DELIVER_H

#include "hindsight.h"

/*
 * One chat message holds at most this many bytes of text: under Slack's
 * 4,000 characters shown before "show more", Rocket.Chat's default 5,000
 * and Mattermost's 16,383.
 */
#define HS_POST_MESSAGE_MAX 3500

typedef struct hs__post_opts {
    long timeout_s;     /* per request, connecting included; <= 0: 10 */
    int max_tries;      /* per message, on 429 and 5xx; <= 0: 5 */
    size_t message_max; /* bytes per message; 0: HS_POST_MESSAGE_MAX */
} hs__post_opts;

/*
 * Post `markdown` to the incoming webhook at `url` as {"text": ...}
 * messages, split on line boundaries. A 429 or 5xx answer is retried after
 * its Retry-After, else after 1, 2, 4 ... s; a timeout is not retried (the
 * chat may have taken the message). The answer is its status: a 2xx body
 * is not read, and of any other only its first 200 bytes, for err->msg.
 * `*n_sent` counts the messages delivered. Errors (with err->msg naming only
 * scheme://host of the URL, whose path is the secret): HS_EINVAL (not an
 * http(s) URL), HS_EIO.
 */
int hs__deliver_post(const char *url, const char *markdown,
                     const hs__post_opts *o, size_t *n_sent, hs_error *err);

/*
 * Mail a multipart/alternative message (text/plain `text`, text/html
 * `html`, both UTF-8, quoted-printable) with `subject` to `to` through
 * `sendmail -t` ($SENDMAIL names another program). Errors: HS_EINVAL (an
 * address or subject with a line break), HS_EIO (sendmail could not be
 * run or failed).
 */
int hs__deliver_mail(const char *to, const char *subject, const char *text,
                     const char *html, hs_error *err);

#endif
