site_write.o: src/web/site_write.c src/base/error.h include/hindsight.h \
 src/base/util.h src/model/record.h src/store/index.h src/base/buf.h \
 src/web/site.h src/query/pages.h src/web/tmpl.h src/base/banned.h
src/base/error.h:
include/hindsight.h:
src/base/util.h:
src/model/record.h:
src/store/index.h:
src/base/buf.h:
src/web/site.h:
src/query/pages.h:
src/web/tmpl.h:
src/base/banned.h:
