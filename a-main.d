main.o: src/app/main.c src/app/cli.h include/hindsight.h
src/app/cli.h:
include/hindsight.h:
