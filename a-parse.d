parse.o: src/read/parse.c src/read/parse.h src/base/buf.h \
 include/hindsight.h src/read/frontmatter.h src/base/text.h \
 src/base/util.h src/model/record.h src/read/sections.h src/base/banned.h
src/read/parse.h:
src/base/buf.h:
include/hindsight.h:
src/read/frontmatter.h:
src/base/text.h:
src/base/util.h:
src/model/record.h:
src/read/sections.h:
src/base/banned.h:
