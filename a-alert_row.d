alert_row.o: src/store/alert_row.c src/base/buf.h src/base/error.h \
 include/hindsight.h src/base/util.h src/store/state.h src/base/banned.h
src/base/buf.h:
src/base/error.h:
include/hindsight.h:
src/base/util.h:
src/store/state.h:
src/base/banned.h:
