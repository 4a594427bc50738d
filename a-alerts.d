alerts.o: src/store/alerts.c src/base/buf.h src/base/error.h \
 include/hindsight.h src/base/util.h src/store/state.h src/store/store.h \
 src/base/banned.h
src/base/buf.h:
src/base/error.h:
include/hindsight.h:
src/base/util.h:
src/store/state.h:
src/store/store.h:
src/base/banned.h:
