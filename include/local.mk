# Public headers, installed under $(includedir)/uk/.
ukincludedir = $(includedir)/uk
ukinclude_HEADERS = \
	include/uk/alloc.h \
	include/uk/assert.h \
	include/uk/boot.h \
	include/uk/essentials.h \
	include/uk/init.h \
	include/uk/param.h \
	include/uk/plat.h \
	include/uk/print.h \
	include/uk/sched.h \
	include/uk/syscall.h \
	include/uk/vfs.h
ukarchincludedir = $(includedir)/uk/arch
ukarchinclude_HEADERS = include/uk/arch/x86_64.h
