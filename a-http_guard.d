http_guard.o: src/app/http_guard.c src/app/http_guard.h src/base/buf.h \
 src/base/text.h src/base/util.h src/base/banned.h
src/app/http_guard.h:
src/base/buf.h:
src/base/text.h:
src/base/util.h:
src/base/banned.h:
