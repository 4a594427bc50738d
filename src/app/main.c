/* The hindsight program: everything happens in cli.c. */
#include "app/cli.h"

int main(int argc, char **argv) {
    return hs__cli_main(argc, argv);
}
