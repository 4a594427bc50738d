report_render.o: src/query/report_render.c src/base/buf.h \
 src/base/error.h include/hindsight.h src/base/text.h src/base/util.h \
 src/model/json.h src/model/normalize.h src/query/report.h \
 src/base/banned.h
src/base/buf.h:
src/base/error.h:
include/hindsight.h:
src/base/text.h:
src/base/util.h:
src/model/json.h:
src/model/normalize.h:
src/query/report.h:
src/base/banned.h:
