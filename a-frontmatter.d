frontmatter.o: src/read/frontmatter.c src/read/frontmatter.h \
 include/hindsight.h src/base/util.h src/model/record.h src/base/banned.h
src/read/frontmatter.h:
include/hindsight.h:
src/base/util.h:
src/model/record.h:
src/base/banned.h:
