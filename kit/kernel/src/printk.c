// SPDX-License-Identifier: MIT
/*
 * printk: every message goes to stderr; levels KERN_EMERG..KERN_WARNING, and messages without
 * a level, are also warnings of the call in progress (linux/printk.h).
 */
#include <stdarg.h>
#include <stdio.h>
#include <linux/printk.h>
#include <kit/runtime.h>

static const char *const level_names[] = {
	"pr_emerg", "pr_alert", "pr_crit", "pr_err", "pr_warn", "pr_notice", "pr_info", "pr_debug",
};

int printk(const char *fmt, ...)
{
	char text[1024];
	int level = 4;
	va_list ap;
	int n;

	if (fmt[0] == KERN_SOH[0] && fmt[1] != '\0') {
		if (fmt[1] >= '0' && fmt[1] <= '7')
			level = fmt[1] - '0';
		else if (fmt[1] == 'c')
			level = 6;
		fmt += 2;
	}
	va_start(ap, fmt);
	n = vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	if (n < 0)
		return n;
	if (level <= 4)
		kit_warn("%s: %s", level_names[level], text);
	else
		fprintf(stderr, "%s: %s%s", level_names[level], text, n > 0 && text[n - 1] == '\n' ? "" : "\n");
	return n;
}
