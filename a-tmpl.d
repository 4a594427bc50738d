tmpl.o: src/web/tmpl.c src/web/tmpl.h src/base/buf.h include/hindsight.h \
 src/base/error.h src/base/text.h src/base/util.h src/base/banned.h
src/web/tmpl.h:
src/base/buf.h:
include/hindsight.h:
src/base/error.h:
src/base/text.h:
src/base/util.h:
src/base/banned.h:
