#!/bin/sh
# t962: text from a postmortem (title, id, file name, heading) that reaches
# a terminal shows its control characters as \xNN (or quotes the name as
# show does), so ESC [2J cannot clear the screen and OSC 52 cannot write the
# clipboard.
# - families printed ids and titles raw (ESC, BEL, CR, BS reached stdout).
# - show --explain printed the path and the rules (which quote headings) raw.
# - index's warnings and skipped lines (on stderr) printed file names and
#   ids raw.
# - serve --watch logged the folders it watches and the files it could not
#   index with their names raw.
# - check --format github wrote ESC and BEL of names and messages raw into
#   the Actions log; they are percent-encoded (%1B) as CR and LF were.
. "$REPO/tests/cli/lib.sh"
keep_going

esc=$(printf '\033')
mkdir pm
printf -- '---\ntitle: "Disk full \\e[2J\\e]52;c;ZXZpbA==\\a on db\\rX\\b"\ndate: 2026-01-02\nseverity: SEV2\n---\n# Summary\nThe ledger database disk filled up and writes failed.\n' \
    > pm/a.md
printf '# Ledger database disk full again\n\nThe ledger database disk filled up and writes failed.\n' \
    > "pm/b-${esc}[2Jname.md"
hs index pm
assert_exit 0

hs families
assert_exit 0
assert_contains out '2 incidents of this kind'
assert_not_contains out "$esc"
assert_not_contains out "$(printf '\007')"
assert_not_contains out "$(printf '\r')"
assert_contains out 'Disk full \x1b[2J\x1b]52;c;ZXZpbA==\x07 on db\x0dX\x08'
assert_contains out '"b-\033[2Jname"'
hs families a
assert_exit 0
assert_not_contains out "$esc"

printf '# Pool exhausted\n\n## Root cause \033]0;pwned\007\n\nThe pool was exhausted by a leak.\n' \
    > "pm/c-${esc}[31m.md"
hs index pm
assert_exit 0
hs show --explain "c-${esc}[31m"
assert_exit 0
assert_contains out 'Where each fact came from:'
assert_not_contains out "$esc"
assert_not_contains out "$(printf '\007')"
assert_contains out '"pm/c-\033[31m.md":'

hs check --format github pm
assert_exit 1
assert_contains out '::warning file=pm/c-%1B[31m.md,line=1::'
assert_contains out '::warning file=pm/b-%1B[2Jname.md,line=1::'
assert_not_contains out "$esc"

mkdir pm2
cp "pm/b-${esc}[2Jname.md" pm2/
hs --db two.db index pm pm2
assert_exit 0
assert_contains err "warning: 'pm2/b-\x1b[2Jname.md': id 'b-\x1b[2Jname' is already used"
assert_not_contains err "$esc"

mkdir "w-${esc}[2J"
printf '# Pool\n\nThe pool was exhausted.\n' > "w-${esc}[2J/a.md"
hs --db w.db index "w-${esc}[2J"
assert_exit 0
HINDSIGHT_DB=w.db start_serve --watch
head -c 3000000 /dev/zero | tr '\0' a > "w-${esc}[2J/big-${esc}]0;x.md"
i=0
while ! grep -q 'not indexed' serve.log && [ $i -lt 100 ]; do
    sleep 0.1
    i=$((i + 1))
done
stop_serve
assert_contains serve.log "watching '$PWD/w-\x1b[2J' for changed markdown"
assert_contains serve.log "w-\x1b[2J/big-\x1b]0;x.md: the file is 3000000 bytes"
assert_not_contains serve.log "$esc"

finish
