normalize.o: src/model/normalize.c src/model/normalize.h \
 include/hindsight.h src/base/util.h src/base/banned.h
src/model/normalize.h:
include/hindsight.h:
src/base/util.h:
src/base/banned.h:
