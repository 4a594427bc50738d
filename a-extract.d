extract.o: src/read/extract.c src/read/extract.h include/hindsight.h \
 src/read/parse.h src/base/buf.h src/read/frontmatter.h \
 src/read/sections.h src/base/error.h src/base/text.h src/base/util.h \
 src/model/normalize.h src/model/record.h src/read/config.h \
 src/read/extract_actions.h src/base/banned.h
src/read/extract.h:
include/hindsight.h:
src/read/parse.h:
src/base/buf.h:
src/read/frontmatter.h:
src/read/sections.h:
src/base/error.h:
src/base/text.h:
src/base/util.h:
src/model/normalize.h:
src/model/record.h:
src/read/config.h:
src/read/extract_actions.h:
src/base/banned.h:
