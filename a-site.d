site.o: src/web/site.c src/web/site.h src/base/buf.h include/hindsight.h \
 src/query/pages.h src/web/tmpl.h src/base/error.h src/base/text.h \
 src/base/util.h src/model/json.h src/model/normalize.h \
 src/model/record.h src/query/related.h src/query/report.h \
 src/store/index.h src/store/state.h src/web/assets.h src/base/banned.h
src/web/site.h:
src/base/buf.h:
include/hindsight.h:
src/query/pages.h:
src/web/tmpl.h:
src/base/error.h:
src/base/text.h:
src/base/util.h:
src/model/json.h:
src/model/normalize.h:
src/model/record.h:
src/query/related.h:
src/query/report.h:
src/store/index.h:
src/store/state.h:
src/web/assets.h:
src/base/banned.h:
