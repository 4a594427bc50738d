cli_common.o: src/app/cli_common.c src/app/cli.h include/hindsight.h \
 src/base/buf.h src/base/text.h src/base/util.h src/base/banned.h
src/app/cli.h:
include/hindsight.h:
src/base/buf.h:
src/base/text.h:
src/base/util.h:
src/base/banned.h:
