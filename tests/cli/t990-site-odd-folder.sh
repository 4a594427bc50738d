#!/bin/sh
# t990: site --out into a folder an earlier run wrote, with odd things
# planted in it since. A symbolic link at the temporary name a changed page
# is written to (PAGE.tmpPID: the pid is guessable) had the run write the
# page through it, outside the folder, and rename the link over the page;
# a FIFO at a page's name hung the run for ever (open() waited for a
# writer); a dangling link at a page's name failed with 'File exists'; a
# file where a folder of pages should be was 'cannot write
# 'pm/x.html.tmp123': Not a directory'. Now the link and the FIFO are
# replaced by the page, never written through, and the file is named.
. "$REPO/tests/cli/lib.sh"
keep_going

hs index "$CORPUS"
assert_exit 0
hs site --out site
assert_exit 0
mkdir outside
echo precious >outside/victim

# a link at the temporary name of a changed page (exec keeps the pid)
echo changed >site/index.html
run sh -c 'ln -s "$PWD/outside/victim" site/index.html.tmp$$ &&
    exec "$HINDSIGHT" site --out site'
assert_exit 0
assert_eq "$(cat outside/victim)" precious "the file the planted link named"
[ ! -L site/index.html ] || fail "index.html is a link: $(ls -l site/index.html)"
assert_contains site/index.html "<!DOCTYPE html>"

# a FIFO at a page's name
rm site/actions.html
mkfifo site/actions.html
run timeout 20 "$HINDSIGHT" site --out site
assert_exit 0
[ -f site/actions.html ] || fail "actions.html is not a file: $(ls -l site/actions.html)"

# a dangling link at a page's name
rm site/trends.html
ln -s "$PWD/outside/nothing" site/trends.html
hs site --out site
assert_exit 0
[ -f site/trends.html ] && [ ! -L site/trends.html ] ||
    fail "trends.html is not a file: $(ls -l site/trends.html)"
[ ! -e outside/nothing ] || fail "written through the dangling link"

# a file where the folder of pages should be
rm -r site/pm
echo x >site/pm
hs site --out site
assert_exit 1
assert_contains err "'site/pm' is not a folder"
assert_not_contains err ".tmp"
finish
