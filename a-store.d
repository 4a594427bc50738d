store.o: src/store/store.c src/store/store.h include/hindsight.h \
 src/base/buf.h src/base/error.h src/base/util.h src/model/json.h \
 src/store/facets.h src/base/banned.h
src/store/store.h:
include/hindsight.h:
src/base/buf.h:
src/base/error.h:
src/base/util.h:
src/model/json.h:
src/store/facets.h:
src/base/banned.h:
