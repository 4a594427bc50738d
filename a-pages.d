pages.o: src/query/pages.c src/query/pages.h include/hindsight.h \
 src/base/buf.h src/base/error.h src/base/util.h src/model/json.h \
 src/model/record.h src/store/store.h src/base/banned.h
src/query/pages.h:
include/hindsight.h:
src/base/buf.h:
src/base/error.h:
src/base/util.h:
src/model/json.h:
src/model/record.h:
src/store/store.h:
src/base/banned.h:
