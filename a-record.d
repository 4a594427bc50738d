record.o: src/model/record.c src/model/record.h include/hindsight.h \
 src/base/buf.h src/base/util.h src/base/banned.h
src/model/record.h:
include/hindsight.h:
src/base/buf.h:
src/base/util.h:
src/base/banned.h:
