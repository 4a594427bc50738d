concepts.o: src/query/concepts.c src/query/concepts.h src/store/store.h \
 include/hindsight.h src/base/buf.h src/base/error.h src/base/util.h \
 src/query/similar.h src/query/terms.h src/base/banned.h
src/query/concepts.h:
src/store/store.h:
include/hindsight.h:
src/base/buf.h:
src/base/error.h:
src/base/util.h:
src/query/similar.h:
src/query/terms.h:
src/base/banned.h:
