query.o: src/query/query.c src/query/query.h src/base/buf.h \
 include/hindsight.h src/base/error.h src/base/text.h src/base/util.h \
 src/model/normalize.h src/model/record.h src/base/banned.h
src/query/query.h:
src/base/buf.h:
include/hindsight.h:
src/base/error.h:
src/base/text.h:
src/base/util.h:
src/model/normalize.h:
src/model/record.h:
src/base/banned.h:
