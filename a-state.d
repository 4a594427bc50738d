state.o: src/store/state.c src/store/state.h include/hindsight.h \
 src/base/error.h src/base/util.h src/store/store.h src/base/banned.h
src/store/state.h:
include/hindsight.h:
src/base/error.h:
src/base/util.h:
src/store/store.h:
src/base/banned.h:
