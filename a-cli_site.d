cli_site.o: src/app/cli_site.c src/app/cli.h include/hindsight.h \
 src/base/banned.h
src/app/cli.h:
include/hindsight.h:
src/base/banned.h:
