# plat-kvm: the x86_64 KVM/QEMU platform, its linker script and ukplat.pc.
lib_LIBRARIES += plat/kvm/libplat-kvm.a
plat_kvm_libplat_kvm_a_SOURCES = \
	plat/kvm/boot32.S \
	plat/kvm/bootinfo.c \
	plat/kvm/cpu.c \
	plat/kvm/entry.c \
	plat/kvm/fpu.c \
	plat/kvm/intr.c \
	plat/kvm/lapic.c \
	plat/kvm/paging.c \
	plat/kvm/halt.c \
	plat/kvm/kvm.h \
	plat/kvm/memory.c \
	plat/kvm/serial.c \
	plat/kvm/time.c \
	plat/kvm/trapentry.S \
	plat/kvm/traps.c
plat_kvm_libplat_kvm_a_CPPFLAGS = $(KERNEL_CPPFLAGS_ALL) \
	-DUK_LIBNAME='"plat-kvm"'
plat_kvm_libplat_kvm_a_CFLAGS = $(KERNEL_CFLAGS)
plat_kvm_libplat_kvm_a_CCASFLAGS = $(KERNEL_CPPFLAGS_ALL)

pkgconfig_DATA += pkgconfig/plat-kvm.pc pkgconfig/ukplat.pc
EXTRA_DIST += pkgconfig/plat-kvm.pc.in pkgconfig/ukplat.pc.in \
	linker/kvm-x86_64.ld.in plat/kvm/README.md

# The installed linker script: self-contained, the load address filled in.
ldscript_DATA += linker/kvm-x86_64.ld
CLEANFILES += linker/kvm-x86_64.ld
KVM_LOAD_ADDR = 0x100000
linker/kvm-x86_64.ld: $(srcdir)/linker/kvm-x86_64.ld.in Makefile
	$(AM_V_GEN)$(MKDIR_P) linker && \
	$(SED) -e 's|@LOAD_ADDR[@]|$(KVM_LOAD_ADDR)|g' $< > $@
