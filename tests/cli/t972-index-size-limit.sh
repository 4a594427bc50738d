#!/bin/sh
# t972: a markdown file over 2 MiB is skipped, named with the limit, and
# the rest of the folder is indexed; check reports it. cmark-gfm takes
# ~140 bytes of memory per byte of one-character paragraphs (8 MiB cost
# 1.4 GB and 15 s). max_file_size in hindsight.yml moves the limit (up to
# 8 MiB), and changing it reads the skipped file on the next run.
. "$REPO/tests/cli/lib.sh"
command -v python3 > /dev/null || skip "python3 is not installed"
keep_going

mkdir pm
printf '# Pool exhausted\n\n## Root cause\n\nThe connection pool was exhausted.\n' \
    > pm/a.md
python3 -c "
import sys
sys.stdout.write('# Huge log\n\n' + 'a\n\n' * 720000)" > pm/huge.md
hs index pm
assert_exit 1
assert_contains err "skipped 'pm/huge.md': the file is 2160012 bytes, over the limit of 2 MiB (max_file_size in hindsight.yml)"
assert_contains out 'added 1,'
assert_contains out 'failed 1'
hs search pool
assert_exit 0
assert_contains out 'Pool exhausted'
hs check pm
assert_exit 1
assert_contains out 'pm/huge.md: the file is 2160012 bytes, over the limit of 2 MiB'

# the house style moves the limit (a small one here: reading megabytes of
# paragraphs takes seconds, under ASan more)
mkdir team
cp pm/a.md team/
python3 -c "
import sys
sys.stdout.write('# Long log\n\n' + 'a\n\n' * 40000)" > team/long.md
printf 'max_file_size: 100 KiB\n' > team/hindsight.yml
hs index team
assert_exit 1
assert_contains err "skipped 'team/long.md': the file is 120012 bytes, over the limit of 100 KiB"
printf 'max_file_size: 200 KiB\n' > team/hindsight.yml
hs index team
assert_exit 0
assert_contains out 'added 1,'
hs search long
assert_exit 0
assert_contains out 'Long log'
printf 'max_file_size: 9 MiB\n' > team/hindsight.yml
hs index team
assert_exit 1
assert_contains err "hindsight.yml:1: max_file_size is a size from 1 byte to 8 MiB (like 4 MiB), not '9 MiB'"
finish
