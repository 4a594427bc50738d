index.o: src/store/index.c src/store/index.h src/base/buf.h \
 include/hindsight.h src/base/error.h src/base/util.h src/model/record.h \
 src/read/extract.h src/read/parse.h src/read/frontmatter.h \
 src/read/sections.h src/store/index_pool.h src/store/store.h \
 src/base/banned.h
src/store/index.h:
src/base/buf.h:
include/hindsight.h:
src/base/error.h:
src/base/util.h:
src/model/record.h:
src/read/extract.h:
src/read/parse.h:
src/read/frontmatter.h:
src/read/sections.h:
src/store/index_pool.h:
src/store/store.h:
src/base/banned.h:
