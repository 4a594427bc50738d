#!/bin/sh
# t006: naming a folder or file that does not exist is a failure (exit 1, not
# a usage error) with a message on stderr quoting the path; it is reported
# even when other folders named in the same run exist, and an index run that
# failed this way does not remove postmortems already indexed.
. "$REPO/tests/cli/lib.sh"

hs index does-not-exist
assert_exit 1
assert_contains err "does-not-exist"
assert_not_contains err "usage:"

hs index does-not-exist.md
assert_exit 1
assert_contains err "does-not-exist.md"

hs index "$CORPUS"
assert_exit 0

hs index "$CORPUS" no-such-dir
assert_exit 1
assert_contains err "no-such-dir"

hs search --json --limit 100 since:2000-01-01
assert_exit 0
assert_json out 'j["total"] == 44' "indexed postmortems kept after a failed run"

hs check no-such-file.md
assert_exit 1
assert_contains err "no-such-file.md"
