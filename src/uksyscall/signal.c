/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * uksyscall: signals, as far as one address space without preemption can
 * honour them. Dispositions and the mask are process-wide. A signal a
 * thread sends itself (raise, abort) is delivered at once: its handler
 * runs, or the default action happens, and a terminating default stops
 * the machine with the crash status. Signals to other threads are
 * refused with EINVAL. The mask is per thread when a scheduler provides
 * uk_thread_sigmask(), as on Linux.
 */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <uk/arch/x86_64.h>
#include <uk/plat.h>
#include <uk/print.h>
#include <uk/syscall.h>

#define NSIG_LINUX	64
#define SIGCANCEL_MUSL	33	/* musl's implementation-internal signal */

/* The kernel's sigaction layout (not libc's). */
struct k_sigaction {
	void (*handler)(int);
	unsigned long flags;
	void (*restorer)(void);
	uint64_t mask;
};

/* Linked only with a scheduler: the running thread's mask. */
uint64_t *uk_thread_sigmask(void) __attribute__((weak));

static struct k_sigaction actions[NSIG_LINUX + 1];
static uint64_t process_mask;
static uint64_t pending;
static stack_t altstack = { .ss_flags = SS_DISABLE };

static uint64_t bit(int sig)
{
	return 1ULL << (sig - 1);
}

static uint64_t *mask(void)
{
	return uk_thread_sigmask ? uk_thread_sigmask() : &process_mask;
}

static bool ignored_by_default(int sig)
{
	return sig == SIGCHLD || sig == SIGURG || sig == SIGWINCH ||
	       sig == SIGCONT;
}

/*
 * The handler runs inside the system call, and musl's caller expects its
 * vector registers intact across the `syscall` instruction: keep them.
 */
static void run_handler(void (*h)(int), int sig)
{
	uint8_t fpu[UKARCH_FPU_STATE_MAX] __attribute__((aligned(64)));

	ukarch_fpu_save(fpu);
	h(sig);
	ukarch_fpu_restore(fpu);
}

static void deliver(int sig)
{
	void (*h)(int) = actions[sig].handler;

	if (h == SIG_IGN || (h == SIG_DFL && ignored_by_default(sig)))
		return;
	if (h != SIG_DFL) {
		run_handler(h, sig);
		return;
	}
	uk_pr_crit("terminated by signal %d (%s)", sig, strsignal(sig));
	ukplat_backtrace();
	ukplat_halt(UKPLAT_STATUS_CRASH);
}

static void deliver_pending(void)
{
	int sig;

	for (sig = 1; sig <= NSIG_LINUX; sig++)
		if ((pending & bit(sig)) && !(*mask() & bit(sig))) {
			pending &= ~bit(sig);
			deliver(sig);
		}
}

int uk_sys_rt_sigaction(int sig, const void *new_act, void *old_act,
			size_t setsize)
{
	const struct k_sigaction *act = new_act;
	struct k_sigaction *old = old_act;

	if (sig < 1 || sig > NSIG_LINUX || setsize != sizeof(uint64_t))
		return -EINVAL;
	if ((act && !ukplat_access_ok(act, sizeof(*act))) ||
	    (old && !ukplat_access_ok(old, sizeof(*old))))
		return -EFAULT;
	if (act && (sig == SIGKILL || sig == SIGSTOP))
		return -EINVAL;
	if (old)
		*old = actions[sig];
	if (act)
		actions[sig] = *act;
	return 0;
}

int uk_sys_rt_sigprocmask(int how, const uint64_t *set, uint64_t *old,
			  size_t setsize)
{
	uint64_t s;

	if (setsize != sizeof(uint64_t))
		return -EINVAL;
	if ((set && !ukplat_access_ok(set, sizeof(*set))) ||
	    (old && !ukplat_access_ok(old, sizeof(*old))))
		return -EFAULT;
	if (set && how != SIG_BLOCK && how != SIG_UNBLOCK &&
	    how != SIG_SETMASK)
		return -EINVAL;
	if (old)
		*old = *mask();
	if (!set)
		return 0;
	s = *set & ~(bit(SIGKILL) | bit(SIGSTOP));
	if (how == SIG_BLOCK)
		*mask() |= s;
	else if (how == SIG_UNBLOCK)
		*mask() &= ~s;
	else
		*mask() = s;
	deliver_pending();
	return 0;
}

int uk_sys_sigaltstack(const void *new_ss, void *old_ss)
{
	const stack_t *ss = new_ss;
	stack_t *old = old_ss;

	if ((ss && !ukplat_access_ok(ss, sizeof(*ss))) ||
	    (old && !ukplat_access_ok(old, sizeof(*old))))
		return -EFAULT;
	if (old)
		*old = altstack;
	if (ss) {
		if (ss->ss_flags & ~SS_DISABLE)
			return -EINVAL;
		if (!(ss->ss_flags & SS_DISABLE) && ss->ss_size < MINSIGSTKSZ)
			return -ENOMEM;
		altstack = *ss;
	}
	return 0;
}

int uk_sys_tgkill(int tgid, int tid, int sig)
{
	if (sig < 0 || sig > NSIG_LINUX || (tgid != -1 && tgid != 1))
		return -EINVAL;
	if (tid != uk_syscall(SYS_gettid, 0, 0, 0, 0, 0, 0)) {
		/*
		 * musl's pthread_cancel has already flagged the target,
		 * which acts on it at its next cancellation point.
		 */
		if (sig == SIGCANCEL_MUSL)
			return 0;
		uk_pr_once(UK_PRWARN, "signals to other threads are not "
			   "supported");
		return -EINVAL;
	}
	if (sig == 0)
		return 0;
	if ((*mask() & bit(sig)) && sig != SIGKILL && sig != SIGSTOP) {
		pending |= bit(sig);
		return 0;
	}
	deliver(sig);
	return 0;
}

int uk_sys_tkill(int tid, int sig)
{
	return uk_sys_tgkill(-1, tid, sig);
}

int uk_sys_kill(pid_t pid, int sig)
{
	if (pid != 1 && pid != 0 && pid != -1)
		return -ESRCH;
	return uk_sys_tgkill(-1, uk_syscall(SYS_gettid, 0, 0, 0, 0, 0, 0),
			     sig);
}
