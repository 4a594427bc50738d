#!/bin/sh
# t957: every command answers a mistyped option or a missing argument as git
# does: exit 2, nothing on stdout, one line naming the mistake, then a line
# pointing to that command's --help. An option is called an option in every
# command (site and serve said "unknown argument"); `help --help` is the
# general help; no help text sends the user to SPEC.md, which is not shipped.
. "$REPO/tests/cli/lib.sh"
keep_going

# usage_error_pointer CMD WORD ARGS...: hindsight ARGS is a usage error whose
# stderr is exactly two lines, the first naming WORD, the second the pointer
# to 'hindsight CMD --help' ('hindsight --help' when CMD is -).
usage_error_pointer() {
    cmd=$1
    word=$2
    shift 2
    usage_error "$word" "$@" || return
    [ "$(wc -l <err)" -eq 2 ] || {
        fail "'hindsight $*' should print two lines on stderr"
        return
    }
    if [ "$cmd" = - ]; then
        ptr="Try 'hindsight --help' for more information."
    else
        ptr="Try 'hindsight $cmd --help' for more information."
    fi
    assert_eq "$(sed -n 2p err)" "$ptr" "second line of 'hindsight $*'"
}

# A mistyped option: "unknown option '--X'", for every command.
usage_error_pointer - "unknown option '--lmit'" --lmit 2 search x
usage_error_pointer index "unknown option '--ful'" index --ful corpus
usage_error_pointer search "unknown option '--lmit'" search --lmit 2 x
usage_error_pointer show "unknown option '--explian'" show --explian x
usage_error_pointer similar "unknown option '--stdn'" similar --stdn
usage_error_pointer families "unknown option '--jsn'" families --jsn
usage_error_pointer report "unknown option '--fmt'" report overdue --fmt csv
usage_error_pointer site "unknown option '--ot'" site --ot x
usage_error_pointer serve "unknown option '--listn'" serve --listn 127.0.0.1:1
usage_error_pointer check "unknown option '--quite'" check --quite x.md
# A word where none is taken.
usage_error_pointer site "unexpected argument 'x'" site x
usage_error_pointer serve "unexpected argument 'x'" serve x
usage_error_pointer - "unknown command 'serach'" serach x

# A missing argument or value.
usage_error_pointer index "name at least one folder or file" index
usage_error_pointer search "give words to search for" search
usage_error_pointer show "give its ID" show
usage_error_pointer show "--file needs a value" show --file
usage_error_pointer similar "describe the incident" similar
usage_error_pointer report "which report?" report
usage_error_pointer site "give --out DIR" site
usage_error_pointer site "--out needs a value" site --out
usage_error_pointer serve "--listen needs a value" serve --listen
usage_error_pointer check "name at least one folder or file" check
usage_error_pointer - "--db needs a path" --db
# A bad value of serve's --listen (checked when the server starts).
cp -r "$CORPUS" corpus
hs index corpus
usage_error_pointer serve "--listen needs ADDR:PORT" serve --listen nonsense
usage_error_pointer serve "bad port in '127.0.0.1:99999'" serve --listen 127.0.0.1:99999

# A --post that is no webhook URL and a --mail address that is none are bad
# option values (exit 2, the pointer), as a bad --out or --timeout is.
usage_error_pointer report "--post needs an http:// or https:// webhook URL" report overdue --post ''
usage_error_pointer report "--mail needs an address" report overdue --mail ''

# help --help and help -h are the general help, like --help.
for h in --help -h; do
    hs help $h
    assert_exit 0
    assert_empty err
    assert_contains out "usage: hindsight [--db PATH] COMMAND"
done

# No help text points to SPEC.md (a file users do not have).
for c in "" index search show similar families report site serve check; do
    hs $c --help
    assert_exit 0
    assert_not_contains out "SPEC"
done

# similar's help names every option it takes (--title was missing).
hs similar --help
for o in --symptom --service --tag --title --concepts --stdin --json --limit; do
    assert_contains out "$o"
done

# check's help says what --quiet leaves out, and does: the notes too.
hs check --help
assert_contains out "no notes and no 'FILE: ok' lines"
printf '# T\n\nDate: 2026-01-01\nSeverity: SEV2\n\n## Fishbone\n\nx\n\n## Root cause\n\nA disk filled.\n' >q.md
hs check q.md
assert_exit 0
assert_contains out "q.md:6: note: section name not recognised: 'Fishbone'"
hs check -q q.md
assert_exit 0
assert_empty out
# --config where the command would ignore it is refused, as a mistyped
# option is; it was accepted (even naming no file) by search, report,
# site and families
for c in search report site families; do
    hs --config absent.yml "$c" x
    assert_exit 2
    assert_contains err "$c has no --config option"
    assert_contains err "Try 'hindsight $c --help'"
done
finish
