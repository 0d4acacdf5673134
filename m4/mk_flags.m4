# SPDX-License-Identifier: BSD-3-Clause
# MK_KERNEL_FLAG(FLAG): append FLAG to KERNEL_CFLAGS when $CC accepts it.
AC_DEFUN([MK_KERNEL_FLAG], [
	AC_MSG_CHECKING([whether $CC accepts $1])
	mk_save_cflags=$CFLAGS
	CFLAGS="-Werror $1"
	AC_COMPILE_IFELSE([AC_LANG_PROGRAM([], [])],
		[KERNEL_CFLAGS="$KERNEL_CFLAGS $1"; AC_MSG_RESULT([yes])],
		[AC_MSG_RESULT([no])])
	CFLAGS=$mk_save_cflags
])

# MK_STRIP_HARDENING(VAR): drop the distribution's hardening flags from
# VAR; they assume a Linux process, not a kernel.
AC_DEFUN([MK_STRIP_HARDENING], [
	mk_kept=
	for mk_f in $$1; do
		case $mk_f in
		-fstack-protector*|-fstack-clash-protection|-fcf-protection*) ;;
		-D_FORTIFY_SOURCE*|-U_FORTIFY_SOURCE|-fPIE|-fpie|-fPIC|-fpic) ;;
		-pie|-specs=*|-fasynchronous-unwind-tables) ;;
		*) mk_kept="$mk_kept $mk_f" ;;
		esac
	done
	$1=$mk_kept
])
