cli_similar.o: src/app/cli_similar.c src/app/cli.h include/hindsight.h \
 src/base/buf.h src/base/util.h src/model/record.h src/store/index.h \
 src/base/banned.h
src/app/cli.h:
include/hindsight.h:
src/base/buf.h:
src/base/util.h:
src/model/record.h:
src/store/index.h:
src/base/banned.h:
