report_page.o: src/query/report_page.c src/base/buf.h src/base/error.h \
 include/hindsight.h src/base/util.h src/model/normalize.h \
 src/query/pages.h src/query/report.h src/store/store.h src/base/banned.h
src/base/buf.h:
src/base/error.h:
include/hindsight.h:
src/base/util.h:
src/model/normalize.h:
src/query/pages.h:
src/query/report.h:
src/store/store.h:
src/base/banned.h:
