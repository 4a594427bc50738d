site_labels.o: src/web/site_labels.c src/base/util.h src/model/record.h \
 include/hindsight.h src/web/site.h src/base/buf.h src/query/pages.h \
 src/web/tmpl.h src/base/banned.h
src/base/util.h:
src/model/record.h:
include/hindsight.h:
src/web/site.h:
src/base/buf.h:
src/query/pages.h:
src/web/tmpl.h:
src/base/banned.h:
