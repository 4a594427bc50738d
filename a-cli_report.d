cli_report.o: src/app/cli_report.c src/app/cli.h include/hindsight.h \
 src/app/deliver.h src/base/buf.h src/base/util.h src/base/banned.h
src/app/cli.h:
include/hindsight.h:
src/app/deliver.h:
src/base/buf.h:
src/base/util.h:
src/base/banned.h:
