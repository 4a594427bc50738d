cli.o: src/app/cli.c src/app/cli.h include/hindsight.h src/base/buf.h \
 src/base/util.h src/base/banned.h
src/app/cli.h:
include/hindsight.h:
src/base/buf.h:
src/base/util.h:
src/base/banned.h:
