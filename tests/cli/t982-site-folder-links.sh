#!/bin/sh
# t982: `site` does not write or delete through a folder of its output that
# is a symbolic link. A "pm" link planted in a shared output folder had a
# run write every postmortem page (and delete stale ones named in the
# folder's manifest) wherever the link pointed. Now the run stops, names
# the link and leaves its target alone; an output folder that is itself a
# link is still fine.
. "$REPO/tests/cli/lib.sh"

hs index "$CORPUS"
assert_exit 0
hs site --out site
assert_exit 0
keep_going
mkdir elsewhere
echo precious > elsewhere/2024-07-16-payment-provider-outage.html
rm -r site/pm
ln -s "$PWD/elsewhere" site/pm
hs site --out site
assert_exit 1
assert_contains err "'site/pm' is a symbolic link"
assert_eq "$(ls elsewhere | wc -l | tr -d ' ')" 1 "files in the link's target"
assert_eq "$(cat elsewhere/2024-07-16-payment-provider-outage.html)" precious \
    "the target's file"
# the manifest names pages under pm/: none is deleted through the link
printf 'pm/2024-07-16-payment-provider-outage.html\n' >> site/.hindsight-site
rm site/pm
mkdir site/pm
ln -s "$PWD/elsewhere" site/tag2
printf 'tag2/2024-07-16-payment-provider-outage.html\n' >> site/.hindsight-site
hs site --out site
assert_exit 0
assert_eq "$(cat elsewhere/2024-07-16-payment-provider-outage.html)" precious \
    "a stale page through a link"
# an output folder that is a link is followed as given
ln -s site site-link
hs site --out site-link
assert_exit 0
finish
