extract_actions.o: src/read/extract_actions.c src/read/extract_actions.h \
 include/hindsight.h src/read/sections.h src/read/parse.h src/base/buf.h \
 src/read/frontmatter.h src/base/text.h src/base/util.h \
 src/model/normalize.h src/model/record.h src/base/banned.h
src/read/extract_actions.h:
include/hindsight.h:
src/read/sections.h:
src/read/parse.h:
src/base/buf.h:
src/read/frontmatter.h:
src/base/text.h:
src/base/util.h:
src/model/normalize.h:
src/model/record.h:
src/base/banned.h:
