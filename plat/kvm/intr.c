/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * plat-kvm: interrupt routing. Device lines go through the IOAPIC when
 * the machine has one, through the 8259 PIC otherwise; the PIC is
 * remapped away from the exception vectors and masked in any case. The
 * PIT stands in for the timer on a CPU without a local APIC.
 */
#include <errno.h>
#include <stdbool.h>
#include <uk/print.h>
#include "kvm.h"

#define PIC1_CMD	0x20
#define PIC1_DATA	0x21
#define PIC2_CMD	0xa0
#define PIC2_DATA	0xa1
#define PIC_EOI		0x20
#define IOAPIC_BASE	0xfec00000UL
#define IOAPIC_VER	0x01
#define IOAPIC_REDIR	0x10
#define IRQ_MAX		24
#define PIT_HZ		1193182ULL

struct irq_slot {
	ukplat_irq_fn fn;
	void *arg;
};

static struct irq_slot irqs[IRQ_MAX];
static volatile uint32_t *ioapic;
static unsigned int ioapic_lines;
static uint16_t pic_mask = 0xffff;

static void pic_write_mask(void)
{
	ukarch_outb(PIC1_DATA, pic_mask & 0xff);
	ukarch_outb(PIC2_DATA, pic_mask >> 8);
}

/* ICW1-4: edge, cascaded, vectors KVM_VEC_PIC.., 8086 mode; all masked. */
static void pic_init(void)
{
	ukarch_outb(PIC1_CMD, 0x11);
	ukarch_outb(PIC2_CMD, 0x11);
	ukarch_outb(PIC1_DATA, KVM_VEC_PIC);
	ukarch_outb(PIC2_DATA, KVM_VEC_PIC + 8);
	ukarch_outb(PIC1_DATA, 0x04);
	ukarch_outb(PIC2_DATA, 0x02);
	ukarch_outb(PIC1_DATA, 0x01);
	ukarch_outb(PIC2_DATA, 0x01);
	pic_write_mask();
}

static uint32_t ioapic_read(uint32_t reg)
{
	ioapic[0] = reg;
	return ioapic[4];
}

static void ioapic_write(uint32_t reg, uint32_t v)
{
	ioapic[0] = reg;
	ioapic[4] = v;
}

static void ioapic_init(void)
{
	uint32_t ver;
	unsigned int i;

	if (!kvm_lapic_present)
		return;
	ioapic = (volatile uint32_t *)IOAPIC_BASE;
	ver = ioapic_read(IOAPIC_VER);
	if (ver == 0xffffffff) {
		ioapic = NULL;
		return;
	}
	ioapic_lines = UK_MIN(((ver >> 16) & 0xff) + 1, IRQ_MAX);
	for (i = 0; i < ioapic_lines; i++) {
		ioapic_write(IOAPIC_REDIR + 2 * i, 1u << 16);	/* masked */
		ioapic_write(IOAPIC_REDIR + 2 * i + 1, 0);
	}
}

void kvm_intr_init(void)
{
	pic_init();
	kvm_lapic_init();
	ioapic_init();
}

int ukplat_irq_register(unsigned int irq, ukplat_irq_fn fn, void *arg)
{
	if (irq >= IRQ_MAX || !fn)
		return -EINVAL;
	if (irqs[irq].fn)
		return -EBUSY;
	if (ioapic && irq >= ioapic_lines)
		return -ENODEV;
	if (!ioapic && irq >= 16)
		return -ENODEV;
	irqs[irq] = (struct irq_slot){ fn, arg };
	if (ioapic) {
		/* ISA lines: edge-triggered, active high, to APIC 0. */
		ioapic_write(IOAPIC_REDIR + 2 * irq + 1, 0);
		ioapic_write(IOAPIC_REDIR + 2 * irq, KVM_VEC_IOAPIC + irq);
	} else {
		pic_mask &= ~(1u << irq);
		if (irq >= 8)
			pic_mask &= ~(1u << 2);
		pic_write_mask();
	}
	return 0;
}

static void pic_eoi(unsigned int irq)
{
	if (irq >= 8)
		ukarch_outb(PIC2_CMD, PIC_EOI);
	ukarch_outb(PIC1_CMD, PIC_EOI);
}

/*
 * The PIT as a one-shot timer (mode 0 on channel 0, IRQ 0): at most 55 ms
 * per shot; an early wake-up just re-arms.
 */
static void pit_irq(void *arg)
{
}

void kvm_pit_set(uint64_t deadline_ns)
{
	uint64_t now = ukplat_monotonic_ns(), count;

	if (!irqs[0].fn)
		ukplat_irq_register(0, pit_irq, NULL);
	if (!deadline_ns)
		return;
	count = deadline_ns > now ?
		(deadline_ns - now) * PIT_HZ / 1000000000 : 1;
	count = UK_MAX(UK_MIN(count, 0xffffULL), 1ULL);
	ukarch_outb(0x43, 0x30);	/* channel 0, lo/hi, mode 0 */
	ukarch_outb(0x40, count & 0xff);
	ukarch_outb(0x40, count >> 8);
}

void kvm_irq_dispatch(unsigned int vector)
{
	unsigned int irq;

	if (vector == KVM_VEC_TIMER) {
		kvm_lapic_eoi();
	} else if (vector >= KVM_VEC_IOAPIC &&
		   vector < KVM_VEC_IOAPIC + IRQ_MAX) {
		irq = vector - KVM_VEC_IOAPIC;
		if (irqs[irq].fn)
			irqs[irq].fn(irqs[irq].arg);
		kvm_lapic_eoi();
	} else if (vector >= KVM_VEC_PIC && vector < KVM_VEC_PIC + 16) {
		irq = vector - KVM_VEC_PIC;
		if (!irqs[irq].fn)
			return;		/* spurious IRQ 7 or 15: no EOI */
		irqs[irq].fn(irqs[irq].arg);
		pic_eoi(irq);
	} else if (vector != KVM_VEC_SPURIOUS) {
		uk_pr_once(UK_PRWARN, "unexpected interrupt vector %u",
			   vector);
		kvm_lapic_eoi();
	}
}

void ukplat_idle_wait(void)
{
	ukarch_sti_hlt();
}
