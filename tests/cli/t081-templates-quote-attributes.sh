#!/bin/sh
# t081: every attribute value in templates/*.html is quoted. The one HTML
# escaper (& < > " ') is safe only inside quoted attributes, so an unquoted
# attribute holding a {{value}} would let a postmortem add attributes.
. "$REPO/tests/cli/lib.sh"
python3 - "$REPO"/templates/*.html <<'PY' >out 2>&1
import re, sys
bad = 0
for path in sys.argv[1:]:
    text = open(path, encoding='utf-8').read()
    for tag in re.finditer(r'<[a-zA-Z][^<>]*>', text):
        # attributes in order; a value without quotes is the third form
        attrs = re.finditer(r'\s+[^\s=/>]+(?:\s*=\s*(?:"[^"]*"|\'[^\']*\'|([^\s>]+)))?',
                            tag.group(0))
        for m in (a for a in attrs if a.group(1)):
            line = text.count('\n', 0, tag.start()) + 1
            print(f'{path}:{line}: unquoted attribute in {tag.group(0)[:80]}')
            bad = 1
sys.exit(bad)
PY
rc=$?
last_cmd="unquoted attributes in templates/"
assert_exit 0
