/*
 * Functions that are easy to misuse: unbounded copies, hidden static state,
 * locale-dependent parsing. Including this header turns their use into a
 * compile error (after git's banned.h). Include it last.
 */
#ifndef HS_BANNED_H
#define HS_BANNED_H

#define HS__BANNED(func) sorry_##func##_is_banned

#undef strcpy
#define strcpy(x, y) HS__BANNED(strcpy)
#undef strcat
#define strcat(x, y) HS__BANNED(strcat)
#undef strncpy
#define strncpy(x, y, n) HS__BANNED(strncpy)
#undef sprintf
#define sprintf(...) HS__BANNED(sprintf)
#undef vsprintf
#define vsprintf(...) HS__BANNED(vsprintf)
#undef strtok
#define strtok(x, y) HS__BANNED(strtok)
#undef gmtime
#define gmtime(x) HS__BANNED(gmtime)
#undef localtime
#define localtime(x) HS__BANNED(localtime)
#undef atoi
#define atoi(x) HS__BANNED(atoi)
/* threads start through hs__thread_start (base/thread.h), which blocks
 * signals on them so the program's handlers stay on its own thread */
#undef pthread_create
#define pthread_create(t, attr, fn, arg) HS__BANNED(pthread_create)

#endif
