incident.o: src/query/incident.c src/base/buf.h src/base/error.h \
 include/hindsight.h src/base/util.h src/model/record.h src/base/banned.h
src/base/buf.h:
src/base/error.h:
include/hindsight.h:
src/base/util.h:
src/model/record.h:
src/base/banned.h:
