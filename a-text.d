text.o: src/base/text.c src/base/text.h src/base/buf.h src/base/util.h \
 src/base/banned.h
src/base/text.h:
src/base/buf.h:
src/base/util.h:
src/base/banned.h:
