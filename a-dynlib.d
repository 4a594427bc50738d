dynlib.o: src/base/dynlib.c src/base/dynlib.h include/hindsight.h \
 src/base/error.h src/base/banned.h
src/base/dynlib.h:
include/hindsight.h:
src/base/error.h:
src/base/banned.h:
