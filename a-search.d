search.o: src/query/search.c src/query/search.h src/base/buf.h \
 src/query/query.h include/hindsight.h src/store/store.h src/base/error.h \
 src/base/text.h src/base/util.h src/model/normalize.h src/model/record.h \
 src/query/similar.h src/store/facets.h src/base/banned.h
src/query/search.h:
src/base/buf.h:
src/query/query.h:
include/hindsight.h:
src/store/store.h:
src/base/error.h:
src/base/text.h:
src/base/util.h:
src/model/normalize.h:
src/model/record.h:
src/query/similar.h:
src/store/facets.h:
src/base/banned.h:
