state_pg.o: src/store/state_pg.c src/base/buf.h src/base/dynlib.h \
 include/hindsight.h src/base/error.h src/base/util.h src/store/state.h \
 /usr/include/postgresql/libpq-fe.h \
 /usr/include/postgresql/postgres_ext.h \
 /usr/include/postgresql/pg_config_ext.h src/base/banned.h
src/base/buf.h:
src/base/dynlib.h:
include/hindsight.h:
src/base/error.h:
src/base/util.h:
src/store/state.h:
/usr/include/postgresql/libpq-fe.h:
/usr/include/postgresql/postgres_ext.h:
/usr/include/postgresql/pg_config_ext.h:
src/base/banned.h:
