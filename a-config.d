config.o: src/read/config.c src/read/config.h include/hindsight.h \
 src/base/buf.h src/base/error.h src/base/util.h src/model/normalize.h \
 src/model/record.h src/base/banned.h
src/read/config.h:
include/hindsight.h:
src/base/buf.h:
src/base/error.h:
src/base/util.h:
src/model/normalize.h:
src/model/record.h:
src/base/banned.h:
