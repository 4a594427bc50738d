snippet.o: src/query/snippet.c src/base/buf.h src/query/search.h \
 src/query/query.h include/hindsight.h src/store/store.h \
 src/store/facets.h src/base/banned.h
src/base/buf.h:
src/query/search.h:
src/query/query.h:
include/hindsight.h:
src/store/store.h:
src/store/facets.h:
src/base/banned.h:
