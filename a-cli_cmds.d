cli_cmds.o: src/app/cli_cmds.c src/app/cli.h include/hindsight.h \
 src/base/buf.h src/base/util.h src/model/record.h src/base/banned.h
src/app/cli.h:
include/hindsight.h:
src/base/buf.h:
src/base/util.h:
src/model/record.h:
src/base/banned.h:
