/*
 * kvm_err: counted, and printed to stderr only when asked
 * (dbgref_port_set_kvm_err_print, or DBGREF_KVM_ERR=print in the
 * environment).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/kernel.h>

#include "port/driver.h"

static _Thread_local unsigned long kvm_err_count;
static int kvm_err_print = -1;	/* -1: not decided yet */

void dbgref_port_set_kvm_err_print(bool print)
{
	kvm_err_print = print;
}

unsigned long dbgref_port_kvm_err_count(void)
{
	return kvm_err_count;
}

void dbgref_shim_kvm_err(const char *fmt, ...)
{
	va_list ap;

	kvm_err_count++;
	if (kvm_err_print < 0) {
		const char *env = getenv("DBGREF_KVM_ERR");

		kvm_err_print = env && !strcmp(env, "print");
	}
	if (!kvm_err_print)
		return;
	fputs("kvm [port]: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
}
