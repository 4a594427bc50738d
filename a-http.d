http.o: src/app/http.c src/app/http.h include/hindsight.h \
 src/app/http_guard.h src/base/buf.h src/base/dynlib.h src/base/error.h \
 src/base/util.h src/model/json.h src/model/record.h src/query/pages.h \
 src/query/report.h src/store/state.h src/web/site.h src/web/tmpl.h \
 src/base/banned.h
src/app/http.h:
include/hindsight.h:
src/app/http_guard.h:
src/base/buf.h:
src/base/dynlib.h:
src/base/error.h:
src/base/util.h:
src/model/json.h:
src/model/record.h:
src/query/pages.h:
src/query/report.h:
src/store/state.h:
src/web/site.h:
src/web/tmpl.h:
src/base/banned.h:
