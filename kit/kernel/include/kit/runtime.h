/* SPDX-License-Identifier: MIT */
/*
 * The kit's runtime: what the kernel stand-ins share with the protocol main.
 *
 * Rules:
 *  1. Every call the main makes into the IOASID file runs in a call frame (kit_guarded). Frames
 *     nest: a call a notifier handler makes runs in its own frame inside the delivering one.
 *  2. A warning (WARN*, pr_emerg..pr_warn, a stand-in's own complaint) is printed on stderr and
 *     recorded in the innermost frame, so the main can carry it in that call's answer.
 *  3. kit_abort_call() ends the innermost frame at once (longjmp): the call answers the given
 *     errno. Locks taken inside the frame are released; nothing else is undone.
 *  4. Outside any frame an abort ends the process (exit 70): it is a bug in the kit's caller.
 *  5. Locks: taking a lock this thread already holds aborts with EDEADLK instead of hanging; a
 *     lockdep assertion on a lock not held aborts with EINVAL; sleeping while a spinlock or an
 *     RCU read section is held is a warning.
 */
#ifndef KIT_RUNTIME_H
#define KIT_RUNTIME_H

#include <setjmp.h>
#include <stdbool.h>
#include <stddef.h>

#define KIT_MAX_WARNINGS 16
#define KIT_MAX_LOCKS 64

/* A lock as the runtime tracks it; every kit lock type embeds one as `kit_dep`. */
struct kit_lock {
	const char *name;
	bool atomic;		/* a spinlock: sleeping under it is a bug */
	bool held;
	const char *held_file;	/* where it was taken, while held */
	int held_line;
};

#define KIT_LOCK_INIT(lockname, is_atomic) { .name = (lockname), .atomic = (is_atomic) }

struct kit_frame {
	jmp_buf env;
	struct kit_frame *outer;
	unsigned int locks_at_entry;
	unsigned int rcu_at_entry;
	unsigned int nwarnings;
	char *warnings[KIT_MAX_WARNINGS];
	unsigned int dropped;	/* warnings beyond KIT_MAX_WARNINGS */
	int aborted;		/* the errno of kit_abort_call, 0 otherwise */
};

/* Rule 1: run fn(arg) in frame f. 0 when it returned, else the errno it was aborted with. */
int kit_guarded(struct kit_frame *f, void (*fn)(void *), void *arg);
/* Free the warnings a frame collected. */
void kit_frame_release(struct kit_frame *f);
/* The innermost frame, or NULL. */
struct kit_frame *kit_current_frame(void);

/* Rule 2. */
void kit_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Rule 3 and 4. */
_Noreturn void kit_abort_call(int err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* A BUG(): print and end the process with SIGABRT (a crash the harness reports). */
_Noreturn void kit_bug(const char *file, int line, const char *func, const char *what);

/* Rule 5. */
void kit_lock_acquire(struct kit_lock *l, const char *file, int line);
void kit_lock_release(struct kit_lock *l, const char *file, int line);
bool kit_lock_try(struct kit_lock *l, const char *file, int line);
bool kit_lock_is_held(const struct kit_lock *l);
void kit_lock_assert_held(const struct kit_lock *l, const char *file, int line);
void kit_might_sleep(const char *file, int line);
/* The same, not counting `except` (the xarray's own lock, which it would drop to sleep). */
void kit_might_sleep_except(const struct kit_lock *except, const char *file, int line);
unsigned int kit_locks_held(void);
void kit_rcu_read_enter(void);
void kit_rcu_read_exit(void);

#endif
