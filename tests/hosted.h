/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Helpers shared by the hosted Check suites. The platform double in
 * hosted_plat.c writes the console to a buffer and turns ukplat_halt()
 * into _exit(status), so tcase_add_exit_test() can check a halt.
 */
#ifndef TESTS_HOSTED_H
#define TESTS_HOSTED_H

/*
 * Everything the kernel printed since the last call, NUL-terminated;
 * the buffer is reset by the call. Lets a test assert on a log line.
 */
const char *hosted_console_take(void);

#endif /* TESTS_HOSTED_H */
