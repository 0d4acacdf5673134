/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * plat-kvm: the console on the first 16550 serial port (COM1): output
 * polled, input signalled by IRQ 4.
 */
#include <stdbool.h>
#include <uk/param.h>
#include "kvm.h"

#define COM1		0x3f8
#define UART_DATA	0	/* DLAB=0: rx/tx; DLAB=1: divisor low */
#define UART_IER	1	/* DLAB=1: divisor high */
#define UART_LCR	3
#define UART_MCR	4
#define UART_LSR	5
#define LCR_DLAB	0x80
#define LCR_8N1		0x03
#define LSR_DATA_READY	0x01
#define LSR_THR_EMPTY	0x20
#define IER_RX_DATA	0x01
#define MCR_OUT2	0x08	/* gates the UART's interrupt line */
#define COM1_IRQ	4

/* Send "\r\n" for "\n", for terminals in raw mode; the runner sets it. */
static bool serial_crlf;
UK_PARAM(kvm, crlf, UK_PARAM_BOOL, serial_crlf);

/*
 * 115200 8N1. The FIFO control register is left alone: switching FIFOs
 * on clears them, losing input that arrived during firmware boot.
 */
void kvm_serial_init(void)
{
	ukarch_outb(COM1 + UART_IER, 0x00);
	ukarch_outb(COM1 + UART_LCR, LCR_DLAB);
	ukarch_outb(COM1 + UART_DATA, 1);	/* 115200 baud */
	ukarch_outb(COM1 + UART_IER, 0);
	ukarch_outb(COM1 + UART_LCR, LCR_8N1);
	ukarch_outb(COM1 + UART_MCR, 0x03);	/* DTR, RTS */
}

static void serial_putc(char c)
{
	while (!(ukarch_inb(COM1 + UART_LSR) & LSR_THR_EMPTY))
		ukarch_pause();
	ukarch_outb(COM1 + UART_DATA, (uint8_t)c);
}

void ukplat_coutk(const char *buf, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		if (buf[i] == '\n' && serial_crlf)
			serial_putc('\r');
		serial_putc(buf[i]);
	}
}

/* Nothing to do: the interrupt only ends the idle wait of a reader. */
static void serial_irq(void *arg)
{
}

/* Input raises IRQ 4, so readers can halt instead of polling. */
void kvm_serial_irq_init(void)
{
	if (ukplat_irq_register(COM1_IRQ, serial_irq, NULL) < 0)
		return;
	ukarch_outb(COM1 + UART_MCR, 0x03 | MCR_OUT2);
	ukarch_outb(COM1 + UART_IER, IER_RX_DATA);
}

bool ukplat_cin_pending(void)
{
	return ukarch_inb(COM1 + UART_LSR) & LSR_DATA_READY;
}

size_t ukplat_cink(char *buf, size_t len)
{
	size_t n = 0;

	while (n < len && (ukarch_inb(COM1 + UART_LSR) & LSR_DATA_READY))
		buf[n++] = (char)ukarch_inb(COM1 + UART_DATA);
	return n;
}
