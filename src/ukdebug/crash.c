/* SPDX-License-Identifier: BSD-3-Clause */
/* ukdebug: the crash path behind UK_CRASH() and failed assertions. */
#include <uk/assert.h>
#include <uk/plat.h>
#include <uk/print.h>

void uk_crash(const char *lib, const char *fmt, ...)
{
	char msg[192];
	va_list ap;

	va_start(ap, fmt);
	uk_vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	uk_printk(UK_PRCRIT, lib, "crash: %s", msg);
	ukplat_backtrace();
	ukplat_halt(UKPLAT_STATUS_CRASH);
}
