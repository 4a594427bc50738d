related.o: src/query/related.c src/query/related.h include/hindsight.h \
 src/base/buf.h src/base/error.h src/base/util.h src/model/record.h \
 src/query/concepts.h src/store/store.h src/query/similar.h \
 src/query/terms.h src/base/banned.h
src/query/related.h:
include/hindsight.h:
src/base/buf.h:
src/base/error.h:
src/base/util.h:
src/model/record.h:
src/query/concepts.h:
src/store/store.h:
src/query/similar.h:
src/query/terms.h:
src/base/banned.h:
