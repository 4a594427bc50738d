report.o: src/query/report.c src/query/report.h include/hindsight.h \
 src/base/error.h src/base/text.h src/base/buf.h src/base/util.h \
 src/model/normalize.h src/store/store.h src/base/banned.h
src/query/report.h:
include/hindsight.h:
src/base/error.h:
src/base/text.h:
src/base/buf.h:
src/base/util.h:
src/model/normalize.h:
src/store/store.h:
src/base/banned.h:
