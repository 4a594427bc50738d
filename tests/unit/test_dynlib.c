/*
 * Libraries loaded at first use (base/dynlib.h): a present library fills
 * the table once; a missing library or a missing function fails with
 * HS_EIO and a message naming the package to install, leaves the handle
 * unset, and a later call tries again.
 */
#include "base/dynlib.h"

#include <criterion/criterion.h>
#include <math.h>
#include <string.h>

typedef double (*unary_fn)(double);

Test(dynlib, loads_once_and_fills_the_table) {
    unary_fn fn = NULL;
    hs__dynsym syms[] = {{"cos", &fn}, {NULL, NULL}};
    hs__dynlib lib = {"libm.so.6", "libc6", "the test", syms, NULL};
    hs_error err = {0, ""};
    cr_assert_eq(hs__dynlib_load(&lib, &err), 0, "%s", err.msg);
    cr_assert_not_null(lib.handle);
    cr_assert_not_null(fn);
    cr_assert_float_eq(fn(0.0), 1.0, 1e-12);
    fn = NULL; /* a second load is a no-op: the table is not filled again */
    cr_assert_eq(hs__dynlib_load(&lib, NULL), 0);
    cr_assert_null(fn);
}

Test(dynlib, missing_library_names_the_package) {
    unary_fn fn = NULL;
    hs__dynsym syms[] = {{"cos", &fn}, {NULL, NULL}};
    hs__dynlib lib = {"libhs-no-such.so.9", "libhs-no-such9", "the feature",
                      syms, NULL};
    hs_error err = {0, ""};
    cr_assert_eq(hs__dynlib_load(&lib, &err), HS_EIO);
    cr_assert_eq(err.code, HS_EIO);
    cr_assert(strstr(err.msg, "the feature needs libhs-no-such9 (apt-get "
                              "install libhs-no-such9): libhs-no-such.so.9"),
              "%s", err.msg);
    cr_assert_null(lib.handle);
    cr_assert_null(fn);
    cr_assert_eq(hs__dynlib_load(&lib, NULL), HS_EIO); /* err may be NULL */
}

Test(dynlib, missing_function_fails_the_load) {
    unary_fn fn = NULL, none = NULL;
    hs__dynsym syms[] = {
        {"cos", &fn}, {"hs_no_such_function", &none}, {NULL, NULL}};
    hs__dynlib lib = {"libm.so.6", "libc6", "the test", syms, NULL};
    hs_error err = {0, ""};
    cr_assert_eq(hs__dynlib_load(&lib, &err), HS_EIO);
    cr_assert(strstr(err.msg, "hs_no_such_function"), "%s", err.msg);
    cr_assert(strstr(err.msg, "apt-get install libc6"), "%s", err.msg);
    cr_assert_null(lib.handle);
    cr_assert_null(none);
}

/* What the users declare: a table typed from the header, and its library. */
#define LIBM_FUNCS(X, ...) X(__VA_ARGS__, cos) X(__VA_ARGS__, sin)
HS__DYNLIB(libm_lib, libm, LIBM_FUNCS, , "libm.so.6", "libc6", "the test");

Test(dynlib, declared_table_is_filled_by_name) {
    hs_error err = {0, ""};
    cr_assert_str_eq(libm_lib_syms[0].name, "cos");
    cr_assert_str_eq(libm_lib_syms[1].name, "sin");
    cr_assert_null(libm_lib_syms[2].name);
    cr_assert_eq(hs__dynlib_load(&libm_lib, &err), 0, "%s", err.msg);
    cr_assert_float_eq(libm.cos(0.0), 1.0, 1e-12);
    cr_assert_float_eq(libm.sin(0.0), 0.0, 1e-12);
}
