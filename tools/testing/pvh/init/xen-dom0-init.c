// SPDX-License-Identifier: GPL-2.0
/*
 * init for the dom0 of the xen-domu boot mode: bring up the minimal Xen
 * toolstack (xenstored, xen-init-dom0, xenconsoled), start the PVH guest
 * described by /etc/xen/domu.cfg with xl, and relay the guest's console to
 * this dom0's console with a "domU| " prefix, so that the harness can read
 * the guest's own report (init/pvh-init.c). Then power dom0 off.
 *
 * Static glibc program; lines of its own start with "pvh-dom0: ".
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define XENBIN		"/usr/lib/xen-4.17/bin/"
#define GUEST_LOG	"/var/log/xen/console/guest-pvh-domu.log"
#define GUEST_TIMEOUT	180	/* seconds for the guest to report "done" */

static void say(const char *fmt, ...)
{
	va_list ap;

	printf("pvh-dom0: ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
}

static void __attribute__((noreturn)) power_off(void)
{
	sync();
	reboot(RB_POWER_OFF);
	for (;;)
		pause();
}

static void __attribute__((noreturn)) give_up(const char *what)
{
	say("FAILED: %s (%s)", what, strerror(errno));
	power_off();
}

static void mount_or_die(const char *src, const char *dir, const char *type)
{
	mkdir(dir, 0755);
	if (mount(src, dir, type, 0, NULL) && errno != EBUSY)
		give_up(dir);
}

/* Start a program; with wait_for_it, return its exit status. */
static int run(char *const argv[], int wait_for_it)
{
	int status;
	pid_t pid = fork();

	if (pid < 0)
		give_up("fork");
	if (pid == 0) {
		execv(argv[0], argv);
		say("cannot run %s: %s", argv[0], strerror(errno));
		_exit(127);
	}
	if (!wait_for_it)
		return 0;
	if (waitpid(pid, &status, 0) < 0)
		give_up("waitpid");
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

static void nap_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

static int wait_for_path(const char *path, int seconds)
{
	struct stat st;
	int i;

	for (i = 0; i < seconds * 10; i++) {
		if (!stat(path, &st))
			return 0;
		nap_ms(100);
	}
	return -1;
}

/* Copy new lines of the guest's console log to ours; 1 once "done" passed. */
static int relay(FILE *log, char *pending, size_t size, size_t *used)
{
	int done = 0, c;
	char *nl;

	while ((c = fgetc(log)) != EOF) {
		if (*used < size - 1)
			pending[(*used)++] = (char)c;
		if (c != '\n')
			continue;
		pending[*used] = 0;
		if ((nl = strchr(pending, '\r')))
			*nl = '\n', nl[1] = 0;
		printf("domU| %s", pending);
		if (!strncmp(pending, "pvh-test: done", 14))
			done = 1;
		*used = 0;
	}
	clearerr(log);
	fflush(stdout);
	return done;
}

int main(void)
{
	char *xenstored[] = { XENBIN "xenstored", "--no-fork", NULL };
	char *init_dom0[] = { XENBIN "xen-init-dom0", NULL };
	char *xenconsoled[] = { XENBIN "xenconsoled", "--interactive",
				"--log=guest", "--log-dir=/var/log/xen/console", NULL };
	char *create[] = { XENBIN "xl", "create", "/etc/xen/domu.cfg", NULL };
	char pending[4096];
	size_t used = 0;
	FILE *log = NULL;
	int i;

	mount_or_die("proc", "/proc", "proc");
	mount_or_die("sysfs", "/sys", "sysfs");
	mount_or_die("devtmpfs", "/dev", "devtmpfs");
	mount_or_die("devpts", "/dev/pts", "devpts");
	mount_or_die("xenfs", "/proc/xen", "xenfs");
	mount_or_die("tmpfs", "/run", "tmpfs");
	mount_or_die("tmpfs", "/var", "tmpfs");
	mkdir("/var/run", 0755);
	mount("/run", "/var/run", NULL, MS_BIND, NULL);
	mkdir("/var/lib", 0755);
	mkdir("/var/lib/xen", 0755);
	mkdir("/var/lib/xenstored", 0755);
	mkdir("/run/xenstored", 0755);
	mkdir("/var/log", 0755);
	mkdir("/var/log/xen", 0755);
	mkdir("/var/log/xen/console", 0755);
	say("start");

	run(xenstored, 0);
	if (wait_for_path("/run/xenstored/socket", 30))
		give_up("xenstored did not come up");
	if (run(init_dom0, 1))
		give_up("xen-init-dom0");
	run(xenconsoled, 0);
	if (run(create, 1))
		give_up("xl create");
	say("guest created");

	for (i = 0; i < GUEST_TIMEOUT * 10; i++) {
		if (!log)
			log = fopen(GUEST_LOG, "r");
		if (log && relay(log, pending, sizeof(pending), &used)) {
			say("guest reported done");
			/* Let the guest power itself off; its log ends there. */
			nap_ms(2000);
			relay(log, pending, sizeof(pending), &used);
			power_off();
		}
		nap_ms(100);
	}
	say("FAILED: no report from the guest within %d s", GUEST_TIMEOUT);
	power_off();
}
