sections.o: src/read/sections.c src/read/sections.h src/read/parse.h \
 src/base/buf.h include/hindsight.h src/read/frontmatter.h \
 src/base/util.h src/model/normalize.h src/read/config.h \
 src/base/banned.h
src/read/sections.h:
src/read/parse.h:
src/base/buf.h:
include/hindsight.h:
src/read/frontmatter.h:
src/base/util.h:
src/model/normalize.h:
src/read/config.h:
src/base/banned.h:
