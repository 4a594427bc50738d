similar.o: src/query/similar.c src/query/similar.h src/store/store.h \
 include/hindsight.h src/base/error.h src/base/util.h \
 src/model/normalize.h src/model/record.h src/query/concepts.h \
 src/query/fix.h src/query/search.h src/base/buf.h src/query/query.h \
 src/query/terms.h src/base/banned.h
src/query/similar.h:
src/store/store.h:
include/hindsight.h:
src/base/error.h:
src/base/util.h:
src/model/normalize.h:
src/model/record.h:
src/query/concepts.h:
src/query/fix.h:
src/query/search.h:
src/base/buf.h:
src/query/query.h:
src/query/terms.h:
src/base/banned.h:
