similar_rank.o: src/query/similar_rank.c src/base/buf.h src/base/error.h \
 include/hindsight.h src/base/util.h src/query/search.h src/query/query.h \
 src/store/store.h src/query/similar.h src/base/banned.h
src/base/buf.h:
src/base/error.h:
include/hindsight.h:
src/base/util.h:
src/query/search.h:
src/query/query.h:
src/store/store.h:
src/query/similar.h:
src/base/banned.h:
