/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * examples/sqlite/guest-init.c: /init of the Linux guest that
 * bench/sqlite.sh boots. It runs the command in /args (one argument per
 * line, a program path first) as a child, then leaves QEMU through the
 * isa-debug-exit port with the child's status, the way a microkraft image
 * leaves. PID 1 may not exit, so it never returns.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/io.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/wait.h>

#define DEBUG_EXIT_PORT 0x501
#define MAX_ARGS 32

/*
 * Leave as a microkraft image does: write status + 1 to the port, so that
 * QEMU exits with ((status + 1) << 1) | 1, which no QEMU error can be.
 * Without the port, power off.
 */
static void leave(int status)
{
	fflush(stdout);
	fflush(stderr);
	if (ioperm(DEBUG_EXIT_PORT, 2, 1) == 0)
		outb((unsigned char)(status + 1), DEBUG_EXIT_PORT);
	reboot(RB_POWER_OFF);
	for (;;)
		pause();
}

/* Fill argv from /args; the number of arguments, or -1. */
static int read_args(char *buf, size_t size, char **argv)
{
	FILE *f = fopen("/args", "r");
	int argc = 0;

	if (!f)
		return -1;
	while (argc < MAX_ARGS && fgets(buf, (int)size, f)) {
		size_t len = strlen(buf);

		if (len > 0 && buf[len - 1] == '\n')
			buf[--len] = '\0';
		argv[argc++] = buf;
		buf += len + 1;
		size -= len + 1;
		if (size < 2)
			break;
	}
	fclose(f);
	argv[argc] = NULL;
	return argc > 0 ? argc : -1;
}

int main(void)
{
	static char buf[8192];
	char *argv[MAX_ARGS + 1];
	int status;
	pid_t pid;

	/* /dev/null and friends; the kernel's initramfs has only console. */
	mkdir("/dev", 0755);
	mount("devtmpfs", "/dev", "devtmpfs", 0, NULL);
	mkdir("/data", 0755);

	if (read_args(buf, sizeof(buf), argv) < 0) {
		fprintf(stderr, "guest-init: no command in /args\n");
		leave(120);
	}
	pid = fork();
	if (pid == 0) {
		execv(argv[0], argv);
		perror("guest-init: execv");
		_exit(127);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid) {
		perror("guest-init: fork or wait");
		leave(121);
	}
	if (WIFEXITED(status))
		status = WEXITSTATUS(status);
	else
		status = 122;
	printf("guest-init: %s exited with status %d\n", argv[0], status);
	leave(status);
	return 0;
}
