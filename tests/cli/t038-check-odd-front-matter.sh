#!/bin/sh
# t038: check and show --file on odd files: a folder named like a
# postmortem, a 0-byte file, a file of only front matter, front matter
# that is a billion-laughs bomb of anchors and aliases, YAML tags
# (!!python/object), a key given twice, a front matter that never closes;
# and hindsight.yml with a bomb, a tag and a list left open. Each is
# answered in well under the timeout, and a front matter key given twice
# is named (it was read as the first without a word; Jekyll reads the
# last, Hugo refuses the file).
. "$REPO/tests/cli/lib.sh"
keep_going

mkdir folder.md
: > empty.md
printf -- '---\ntitle: Only front matter\nseverity: SEV2\n---\n' > onlyfm.md
python3 - << 'PY'
bomb = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
prev = 'a'
for n in 'bcdefghi':
    bomb += '%s: &%s [%s]\n' % (n, n, ','.join(['*' + prev] * 9))
    prev = n
open('bomb.md', 'w').write('---\n' + bomb + 'title: *i\n---\n# Bomb\n\n'
                           '## Root cause\n\nThe pool.\n')
open('bomb.yml', 'w').write(bomb + 'names:\n  root_cause: *i\n')
open('tags.md', 'w').write(
    "---\ntitle: !!python/object/apply:os.system ['touch pwned']\n"
    "severity: !!binary U0VWMQ==\n---\n# Tagged\n")
open('dup.md', 'w').write('---\ntitle: First\nseverity: SEV1\n'
                          'Title: Second\nseverity: SEV3\n---\n# Dup\n')
open('noclose.md', 'w').write('---\ntitle: Never closed\nseverity: SEV1\n\n'
                              '# Heading\n\n## Root cause\n\nThe pool.\n')
PY

run timeout 20 "$HINDSIGHT" show --file folder.md
assert_exit 1
assert_contains err "'folder.md' is not a regular file"
run timeout 20 "$HINDSIGHT" check folder.md
assert_exit 0
assert_contains err "checked 0 files"

run timeout 20 "$HINDSIGHT" check empty.md
assert_exit 1
assert_contains out "empty.md:1: missing title"
run timeout 20 "$HINDSIGHT" show --file empty.md
assert_exit 0
assert_contains out "(no title)"

run timeout 20 "$HINDSIGHT" show --file onlyfm.md
assert_exit 0
assert_contains out "Only front matter"
assert_contains out "severity: SEV2"

# aliases are not expanded: the title is the H1, in no time
run timeout 20 "$HINDSIGHT" check bomb.md
assert_exit 1
assert_not_contains out "lol"
run timeout 20 "$HINDSIGHT" show --file --json bomb.md
assert_exit 0
assert_json out "j['title'] == 'Bomb' and j['root_cause'] == 'The pool.'"

# tags are not run: the values are text, or not read at all
run timeout 20 "$HINDSIGHT" show --file --json tags.md
assert_exit 0
assert_json out "j['title'] == 'Tagged'"
assert_eq "$(ls pwned 2> /dev/null)" "" "no tag ran"
run timeout 20 "$HINDSIGHT" check tags.md
assert_contains out "tags.md:3: unrecognised severity 'U0VWMQ=='"

run timeout 20 "$HINDSIGHT" check dup.md
assert_exit 1
assert_contains out "dup.md:4: front matter key 'Title' given twice (first on line 2): the first is read"
run timeout 20 "$HINDSIGHT" show --file --json dup.md
assert_json out "j['title'] == 'First' and j['severity'] == 'SEV1'"

# a '---' never closed is a thematic break: the lines are markdown
run timeout 20 "$HINDSIGHT" show --file --json noclose.md
assert_exit 0
assert_json out "j['title'] == 'Heading' and j['severity'] == 'SEV1'"

mkdir team
cp empty.md team/
cp bomb.yml team/hindsight.yml
run timeout 20 "$HINDSIGHT" check team
assert_exit 1
assert_contains err "hindsight.yml:2: an alias (*name) is not read; write the value out"
printf 'names: !!python/object/apply:os.system ["touch pwned"]\n' > team/hindsight.yml
run timeout 20 "$HINDSIGHT" check team
assert_exit 1
assert_contains err "hindsight.yml:1: names must map a fact to its names"
assert_eq "$(ls pwned 2> /dev/null)" "" "no tag in hindsight.yml ran"
printf 'names: [root_cause\n' > team/hindsight.yml
run timeout 20 "$HINDSIGHT" check team
assert_exit 1
assert_contains err "hindsight.yml:2: not valid YAML"
printf 'names:\n  root_cause: [cause]\nnames:\n  timeline: [log]\n' > team/hindsight.yml
run timeout 20 "$HINDSIGHT" check team
assert_exit 1
assert_contains err "hindsight.yml:3: a key given twice: 'names'"
finish
