fix.o: src/query/fix.c src/query/fix.h src/store/store.h \
 include/hindsight.h src/base/buf.h src/base/error.h src/base/util.h \
 src/model/record.h src/base/banned.h
src/query/fix.h:
src/store/store.h:
include/hindsight.h:
src/base/buf.h:
src/base/error.h:
src/base/util.h:
src/model/record.h:
src/base/banned.h:
