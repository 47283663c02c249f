// SPDX-License-Identifier: MIT
/*
 * The kit's protocol main: the IOASID file under test, served over the exec protocol.
 *
 * Rules:
 *  1. Every core the harness makes (every `init`) runs in a fresh process image: the first
 *     process never runs the file; it forks a child per core and waits. When a child reads a
 *     second `init` it hands that line and anything read after it back, and exits; the parent
 *     forks the next child with those bytes. The file's static state therefore starts pristine
 *     for every core, exactly as at boot.
 *  2. A child that dies of a signal (a crash in the file) takes the parent down with the same
 *     signal, after saying on stderr which call it was serving; the harness reports the crash.
 *  3. `init` runs the file's initcalls, then ioasid_install_capacity(capacity), then answers
 *     `ready`. A malformed `init` is fatal (exit 2): the harness never sends one.
 *  4. fd 1 is pointed at stderr; the protocol is written to a private copy of the original.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <linux/init.h>
#include <linux/slab.h>
#include "kit-main.h"

#define KIT_EXIT_REINIT 75
#define PR_SET_PDEATHSIG 1
extern int prctl(int option, ...);
extern char kit_crash_context[160];
extern kit_initcall_t __start_kit_initcalls[] __attribute__((weak));
extern kit_initcall_t __stop_kit_initcalls[] __attribute__((weak));

static int handover_fd = -1;
static bool initialized;

static void die(const char *what)
{
	fprintf(stderr, "kit: %s: %s\n", what, strerror(errno));
	exit(70);
}

static void write_all(int fd, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, p, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			die("handing over to the next core");
		p += w;
		n -= (size_t)w;
	}
}

void kit_reinit(struct msg *m)
{
	const char *rest;
	size_t n;

	wire_unread(&rest, &n);
	write_all(handover_fd, m->raw, m->rawlen);
	write_all(handover_fd, "\n", 1);
	write_all(handover_fd, rest, n);
	_exit(KIT_EXIT_REINIT);
}

static char *read_all(int fd, size_t *n)
{
	size_t cap = 4096;
	char *b = malloc(cap);

	*n = 0;
	for (;;) {
		ssize_t r;

		if (b == NULL)
			die("reading a handover");
		if (*n == cap)
			b = realloc(b, cap *= 2);
		if (b == NULL)
			die("reading a handover");
		r = read(fd, b + *n, cap - *n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return b;
		*n += (size_t)r;
	}
}

/* Rule 1 and 2: returns only in a child, primed with the bytes handed over. */
static void zygote(void)
{
	char *bytes = NULL;
	size_t n = 0;

	for (;;) {
		int p[2], status;
		pid_t pid;

		if (pipe(p) != 0)
			die("pipe");
		pid = fork();
		if (pid < 0)
			die("fork");
		if (pid == 0) {
			close(p[0]);
			handover_fd = p[1];
			prctl(PR_SET_PDEATHSIG, SIGKILL);
			if (getppid() == 1)
				_exit(0);
			wire_prime(bytes == NULL ? "" : bytes, n);
			free(bytes);
			return;
		}
		close(p[1]);
		free(bytes);
		bytes = read_all(p[0], &n);
		close(p[0]);
		while (waitpid(pid, &status, 0) < 0)
			if (errno != EINTR)
				die("waitpid");
		if (WIFEXITED(status) && WEXITSTATUS(status) == KIT_EXIT_REINIT)
			continue;
		if (WIFEXITED(status))
			exit(WEXITSTATUS(status));
		signal(WTERMSIG(status), SIG_DFL);
		raise(WTERMSIG(status));
		exit(128 + WTERMSIG(status));
	}
}

static void crashed(int sig)
{
	char line[256];
	int n = snprintf(line, sizeof(line), "kit: the IOASID file crashed with signal %d during %s\n", sig,
			 kit_crash_context[0] != '\0' ? kit_crash_context : "start-up");

	if (n > 0)
		write_all(2, line, (size_t)n < sizeof(line) ? (size_t)n : sizeof(line) - 1);
	signal(sig, SIG_DFL);
	raise(sig);
}

static void run_initcalls(void *unused)
{
	(void)unused;
	for (kit_initcall_t *fn = __start_kit_initcalls; fn != NULL && fn < __stop_kit_initcalls; fn++)
		if ((*fn)() != 0)
			fputs("kit: an initcall of the file failed\n", stderr);
}

static void install_capacity(void *capacity)
{
	ioasid_install_capacity(*(ioasid_t *)capacity);
}

/* Rule 3. */
static void start_core(const struct msg *m)
{
	static struct json_out o;
	struct kit_frame f;
	double version, capacity;
	ioasid_t cap;

	if (!json_integer(m->version, &version) || version != 1 ||
	    !json_integer(json_member(m->config, "capacity"), &capacity) || capacity < 0 || capacity > 4294967295.0) {
		fputs("kit: init needs version 1 and an integer capacity; exiting\n", stderr);
		exit(2);
	}
	cap = (ioasid_t)capacity;
	if (kit_guarded(&f, run_initcalls, NULL) != 0 || kit_guarded(&f, install_capacity, &cap) != 0)
		fputs("kit: starting the core was aborted\n", stderr);
	kit_frame_release(&f);
	initialized = true;
	jo_raw(&o, "{\"type\":\"ready\",\"version\":1,\"features\":[\"failNth\"]}");
	wire_send(&o);
}

int main(void)
{
	int protocol_fd = dup(1);
	struct msg m;

	if (protocol_fd < 0 || dup2(2, 1) < 0)
		die("redirecting stdout");
	wire_set_output(protocol_fd);
	zygote();
	kit_free_observer = kit_free_observed;
	signal(SIGSEGV, crashed);
	signal(SIGBUS, crashed);
	signal(SIGFPE, crashed);
	signal(SIGILL, crashed);
	signal(SIGABRT, crashed);
	while (wire_next(&m)) {
		switch (m.type) {
		case MSG_INIT:
			if (initialized)
				kit_reinit(&m);
			start_core(&m);
			break;
		case MSG_CALL:
			if (initialized) {
				kit_dispatch(&m);
			} else {
				struct kit_call c = { .msg = &m };

				untranslatable(&c, "no core yet: the first message must be init");
				reply_send(&c);
				call_release(&c);
			}
			break;
		case MSG_SHUTDOWN:
			exit(0);
		case MSG_HANDLER_DONE:
		case MSG_ALLOCATOR_ANSWER:
			fprintf(stderr, "kit: ignoring an answer with seq %lld: no callback is waiting\n", m.seq);
			break;
		}
		wire_free(&m);
	}
	return 0;
}
