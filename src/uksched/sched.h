/* SPDX-License-Identifier: BSD-3-Clause */
/* uksched: what the library's own files share. */
#ifndef UKSCHED_SCHED_H
#define UKSCHED_SCHED_H

#include <uk/sched.h>

/* Wake up to n threads waiting on the futex at addr; returns how many. */
int uksched_futex_wake(const void *addr, int n);

/* The running thread's signal mask, for uksyscall's signals. */
uint64_t *uk_thread_sigmask(void);

/* Name of the running thread, for crash reports. */
const char *uk_thread_current_name(void);

#endif /* UKSCHED_SCHED_H */
