similar_row.o: src/query/similar_row.c src/base/error.h \
 include/hindsight.h src/base/util.h src/query/similar.h \
 src/store/store.h src/base/banned.h
src/base/error.h:
include/hindsight.h:
src/base/util.h:
src/query/similar.h:
src/store/store.h:
src/base/banned.h:
