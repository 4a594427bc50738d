deliver.o: src/app/deliver.c src/app/deliver.h include/hindsight.h \
 src/base/buf.h src/base/dynlib.h src/base/util.h src/model/record.h \
 src/base/banned.h
src/app/deliver.h:
include/hindsight.h:
src/base/buf.h:
src/base/dynlib.h:
src/base/util.h:
src/model/record.h:
src/base/banned.h:
