family.o: src/query/family.c src/base/buf.h src/base/error.h \
 include/hindsight.h src/base/util.h src/model/normalize.h \
 src/model/record.h src/query/related.h src/store/store.h \
 src/base/banned.h
src/base/buf.h:
src/base/error.h:
include/hindsight.h:
src/base/util.h:
src/model/normalize.h:
src/model/record.h:
src/query/related.h:
src/store/store.h:
src/base/banned.h:
