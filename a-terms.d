terms.o: src/query/terms.c src/query/terms.h src/base/util.h \
 src/base/banned.h
src/query/terms.h:
src/base/util.h:
src/base/banned.h:
