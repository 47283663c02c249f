// SPDX-License-Identifier: MIT
/*
 * The kit's runtime: call frames, warnings and lock tracking (kit/runtime.h states the rules).
 * One thread runs everything, so "held by this thread" is simply "held".
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <kit/runtime.h>

static struct kit_frame *innermost;
static struct kit_lock *held[KIT_MAX_LOCKS];
static unsigned int nheld;
static unsigned int rcu_depth;

struct kit_frame *kit_current_frame(void)
{
	return innermost;
}

/* Release every lock taken since index `keep` (an aborted frame's), newest first. */
static void release_above(unsigned int keep)
{
	while (nheld > keep) {
		struct kit_lock *l = held[--nheld];

		l->held = false;
		l->held_file = NULL;
	}
}

int kit_guarded(struct kit_frame *f, void (*fn)(void *), void *arg)
{
	memset(f, 0, sizeof(*f));
	f->outer = innermost;
	f->locks_at_entry = nheld;
	f->rcu_at_entry = rcu_depth;
	innermost = f;
	if (setjmp(f->env) == 0) {
		fn(arg);
		innermost = f->outer;
		return 0;
	}
	release_above(f->locks_at_entry);
	rcu_depth = f->rcu_at_entry;
	innermost = f->outer;
	return f->aborted;
}

void kit_frame_release(struct kit_frame *f)
{
	for (unsigned int i = 0; i < f->nwarnings; i++)
		free(f->warnings[i]);
	f->nwarnings = 0;
}

static char *vformat(const char *fmt, va_list ap)
{
	char small[512];
	va_list again;
	int n;
	char *s;

	va_copy(again, ap);
	n = vsnprintf(small, sizeof(small), fmt, ap);
	if (n < 0) {
		va_end(again);
		return strdup("(unprintable message)");
	}
	s = malloc((size_t)n + 1);
	if (s == NULL) {
		va_end(again);
		return NULL;
	}
	if ((size_t)n < sizeof(small))
		memcpy(s, small, (size_t)n + 1);
	else
		vsnprintf(s, (size_t)n + 1, fmt, again);
	va_end(again);
	while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == ' '))
		s[--n] = '\0';
	return s;
}

static void record(char *text)
{
	fprintf(stderr, "%s\n", text);
	if (innermost == NULL) {
		free(text);
		return;
	}
	if (innermost->nwarnings == KIT_MAX_WARNINGS) {
		innermost->dropped++;
		free(text);
		return;
	}
	innermost->warnings[innermost->nwarnings++] = text;
}

void kit_warn(const char *fmt, ...)
{
	va_list ap;
	char *text;

	va_start(ap, fmt);
	text = vformat(fmt, ap);
	va_end(ap);
	if (text != NULL)
		record(text);
}

void kit_abort_call(int err, const char *fmt, ...)
{
	va_list ap;

	fputs("kit: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	if (innermost == NULL) {
		fputs("kit: no call in progress to abort; stopping\n", stderr);
		exit(70);
	}
	innermost->aborted = err;
	longjmp(innermost->env, 1);
}

void kit_bug(const char *file, int line, const char *func, const char *what)
{
	fprintf(stderr, "kernel BUG at %s:%d in %s: %s\n", file, line, func, what);
	fflush(stderr);
	abort();
}

void kit_lock_acquire(struct kit_lock *l, const char *file, int line)
{
	if (l->held)
		kit_abort_call(EDEADLK, "deadlock: %s at %s:%d is already held (taken at %s:%d)",
			       l->name, file, line, l->held_file, l->held_line);
	if (nheld == KIT_MAX_LOCKS)
		kit_abort_call(EDEADLK, "more than %d locks held at %s:%d", KIT_MAX_LOCKS, file, line);
	l->held = true;
	l->held_file = file;
	l->held_line = line;
	held[nheld++] = l;
}

bool kit_lock_try(struct kit_lock *l, const char *file, int line)
{
	if (l->held)
		return false;
	kit_lock_acquire(l, file, line);
	return true;
}

void kit_lock_release(struct kit_lock *l, const char *file, int line)
{
	for (unsigned int i = nheld; i-- > 0;) {
		if (held[i] != l)
			continue;
		memmove(&held[i], &held[i + 1], (nheld - i - 1) * sizeof(held[0]));
		nheld--;
		l->held = false;
		l->held_file = NULL;
		return;
	}
	kit_warn("WARNING: %s:%d: unlock of %s, which is not held", file, line, l->name);
}

bool kit_lock_is_held(const struct kit_lock *l)
{
	return l->held;
}

void kit_lock_assert_held(const struct kit_lock *l, const char *file, int line)
{
	if (!l->held)
		kit_abort_call(EINVAL, "lockdep: %s:%d expects %s to be held", file, line, l->name);
}

unsigned int kit_locks_held(void)
{
	return nheld;
}

void kit_might_sleep(const char *file, int line)
{
	kit_might_sleep_except(NULL, file, line);
}

void kit_might_sleep_except(const struct kit_lock *except, const char *file, int line)
{
	for (unsigned int i = 0; i < nheld; i++) {
		if (held[i]->atomic && held[i] != except) {
			kit_warn("BUG: sleeping function called from invalid context at %s:%d (%s held since %s:%d)",
				 file, line, held[i]->name, held[i]->held_file, held[i]->held_line);
			return;
		}
	}
	if (rcu_depth > 0)
		kit_warn("BUG: sleeping function called from invalid context at %s:%d (inside an RCU read section)",
			 file, line);
}

void kit_rcu_read_enter(void)
{
	rcu_depth++;
}

void kit_rcu_read_exit(void)
{
	if (rcu_depth == 0) {
		kit_warn("WARNING: rcu_read_unlock() without rcu_read_lock()");
		return;
	}
	rcu_depth--;
}
