cli_serve.o: src/app/cli_serve.c src/app/cli.h include/hindsight.h \
 src/app/http.h src/app/watch.h src/base/buf.h src/base/util.h \
 src/model/record.h src/store/index.h src/base/banned.h
src/app/cli.h:
include/hindsight.h:
src/app/http.h:
src/app/watch.h:
src/base/buf.h:
src/base/util.h:
src/model/record.h:
src/store/index.h:
src/base/banned.h:
