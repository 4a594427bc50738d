watch.o: src/app/watch.c src/app/watch.h include/hindsight.h \
 src/base/buf.h src/base/error.h src/base/util.h src/model/record.h \
 src/store/index.h src/base/banned.h
src/app/watch.h:
include/hindsight.h:
src/base/buf.h:
src/base/error.h:
src/base/util.h:
src/model/record.h:
src/store/index.h:
src/base/banned.h:
