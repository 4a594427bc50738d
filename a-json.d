json.o: src/model/json.c src/model/json.h include/hindsight.h \
 src/base/text.h src/base/buf.h src/base/util.h src/model/normalize.h \
 src/model/record.h src/base/banned.h
src/model/json.h:
include/hindsight.h:
src/base/text.h:
src/base/buf.h:
src/base/util.h:
src/model/normalize.h:
src/model/record.h:
src/base/banned.h:
