index_pool.o: src/store/index_pool.c src/store/index_pool.h \
 src/base/util.h include/hindsight.h src/base/banned.h
src/store/index_pool.h:
src/base/util.h:
include/hindsight.h:
src/base/banned.h:
