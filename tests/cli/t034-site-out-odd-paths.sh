#!/bin/sh
# t034: site --out PATH where PATH is no plain folder. A symbolic link in a
# loop was "'loop' is not empty and was not written by 'hindsight site'",
# and so were 'FILE/x' (a file on the way) and a folder the user cannot
# read; a link to nothing failed on "cannot create folder 'dl/web': No such
# file or directory". Each is now named for what it is. Also pinned: a
# file is no folder, a link to a folder writes there, and a folder of the
# user's own files is refused and, with --force, keeps them.
. "$REPO/tests/cli/lib.sh"
keep_going
hs index "$CORPUS"
assert_exit 0
# site_refused WHAT STATUS OUT: site --out OUT exits STATUS saying WHAT
site_refused() {
    hs site --out "$3"
    assert_exit "$2"
    assert_empty out
    assert_contains err "$1"
}
ln -s loop2 loop1
ln -s loop1 loop2
site_refused "'loop1' leads through symbolic links in a loop" 2 loop1
site_refused "'loop1/x' leads through symbolic links in a loop" 2 loop1/x
ln -s "$PWD/nowhere/site" dangling
site_refused "'dangling' is a symbolic link to a folder that does not exist" 2 dangling
[ ! -e nowhere ] || fail "site created the link's target"
echo text > afile
site_refused "'afile' is not a folder" 2 afile
site_refused "cannot use folder 'afile/x': Not a directory" 1 afile/x
assert_eq "$(cat afile)" text "the file is untouched"

# a folder of the user's: refused; with --force, written beside its files
mkdir mine
echo notes > mine/notes.txt
site_refused "'mine' is not empty and was not written by 'hindsight site'" 1 mine
assert_eq "$(ls mine)" notes.txt "nothing written into a refused folder"
hs site --out mine --force
assert_exit 0
assert_eq "$(cat mine/notes.txt)" notes "the user's file is kept with --force"
# a run after that still keeps it (the manifest names only pages)
hs site --out mine
assert_exit 0
assert_eq "$(cat mine/notes.txt)" notes "the user's file is kept on a re-run"

# a link to a folder: the pages go to the folder
mkdir real
ln -s real linked
hs site --out linked
assert_exit 0
[ -f real/index.html ] || fail "site --out LINK did not write into its folder"

# a folder the user cannot read (but may write) is not "not empty"
as_nobody
if [ -n "$as_user" ]; then
    cp hindsight.db nobody.db
    chmod 644 nobody.db
    mkdir unreadable
    chmod 333 unreadable
    run $as_user "$HINDSIGHT" --db nobody.db site --out unreadable
    assert_exit 1
    assert_contains err "cannot read folder 'unreadable': Permission denied"
    mkdir -p locked/in
    chmod 666 locked
    run $as_user "$HINDSIGHT" --db nobody.db site --out locked/in
    assert_exit 1
    assert_contains err "cannot use folder 'locked/in': Permission denied"
    chmod 755 locked
fi
finish
