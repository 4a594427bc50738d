error.o: src/base/error.c src/base/error.h include/hindsight.h \
 src/base/banned.h
src/base/error.h:
include/hindsight.h:
src/base/banned.h:
