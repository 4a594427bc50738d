site_charts.o: src/web/site_charts.c src/base/text.h src/base/buf.h \
 src/base/util.h src/model/record.h include/hindsight.h src/web/site.h \
 src/query/pages.h src/web/tmpl.h src/base/banned.h
src/base/text.h:
src/base/buf.h:
src/base/util.h:
src/model/record.h:
include/hindsight.h:
src/web/site.h:
src/query/pages.h:
src/web/tmpl.h:
src/base/banned.h:
