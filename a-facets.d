facets.o: src/store/facets.c src/store/facets.h src/base/buf.h \
 include/hindsight.h src/base/util.h src/base/banned.h
src/store/facets.h:
src/base/buf.h:
include/hindsight.h:
src/base/util.h:
src/base/banned.h:
