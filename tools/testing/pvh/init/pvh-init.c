// SPDX-License-Identifier: GPL-2.0
/*
 * Guest init for the PVH boot matrix.
 *
 * Built freestanding (no libc) so one source runs on x86_64, i686 and i486
 * guests. It reports, on the console, only what the kernel itself exposes:
 * how it was entered (the boot_params it was handed), what it detected and
 * decided (its log), how long it took (/proc/uptime) and the KUnit results,
 * then powers the guest off. The harness reads nothing but these lines.
 */
#include <linux/reboot.h>

/* The syscall ABI is stable; no multilib headers needed for -m32. */
#ifdef __x86_64__
enum { NR_read = 0, NR_write = 1, NR_open = 2, NR_close = 3, NR_pause = 34,
       NR_mkdir = 83, NR_syslog = 103, NR_mount = 165, NR_reboot = 169,
       NR_getdents64 = 217, NR_clock_gettime = 228 };
#else
enum { NR_read = 3, NR_write = 4, NR_open = 5, NR_close = 6, NR_pause = 29,
       NR_mkdir = 39, NR_syslog = 103, NR_mount = 21, NR_reboot = 88,
       NR_getdents64 = 220,
       NR_clock_gettime = 403 /* clock_gettime64: 32-bit time may be off */ };
#endif

#define TAG "pvh-test: "

typedef unsigned long ulong;

static long sys3(long nr, long a, long b, long c)
{
	long ret;
#ifdef __x86_64__
	asm volatile("syscall" : "=a"(ret) : "a"(nr), "D"(a), "S"(b), "d"(c)
		     : "rcx", "r11", "memory");
#else
	asm volatile("int $0x80" : "=a"(ret) : "a"(nr), "b"(a), "c"(b), "d"(c)
		     : "memory");
#endif
	return ret;
}

static long sys5(long nr, long a, long b, long c, long d, long e)
{
	long ret;
#ifdef __x86_64__
	register long r10 asm("r10") = d;
	register long r8 asm("r8") = e;

	asm volatile("syscall" : "=a"(ret)
		     : "a"(nr), "D"(a), "S"(b), "d"(c), "r"(r10), "r"(r8)
		     : "rcx", "r11", "memory");
#else
	asm volatile("int $0x80" : "=a"(ret)
		     : "a"(nr), "b"(a), "c"(b), "d"(c), "S"(d), "D"(e)
		     : "memory");
#endif
	return ret;
}

#define sys_open(path) sys3(NR_open, (long)(path), 0 /* O_RDONLY */, 0)

static ulong slen(const char *s)
{
	ulong n = 0;

	while (s[n])
		n++;
	return n;
}

static int starts(const char *s, const char *prefix)
{
	while (*prefix)
		if (*s++ != *prefix++)
			return 0;
	return 1;
}

static const char *find(const char *s, const char *end, const char *needle)
{
	ulong n = slen(needle);

	for (; s + n <= end; s++) {
		ulong i = 0;

		while (i < n && s[i] == needle[i])
			i++;
		if (i == n)
			return s;
	}
	return 0;
}

/*
 * The report goes out a whole line per write(): the kernel prints to the
 * same console, from a printer thread on newer kernels, and a message of
 * its may otherwise land in the middle of a report line.
 */
static char line[1024];
static ulong line_len;

static void out_flush(void)
{
	if (line_len)
		sys3(NR_write, 1, (long)line, line_len);
	line_len = 0;
}

static void out_n(const char *s, ulong n)
{
	ulong i;

	for (i = 0; i < n; i++) {
		if (line_len == sizeof(line))
			out_flush();
		line[line_len++] = s[i];
		if (s[i] == '\n')
			out_flush();
	}
}

static void out(const char *s)
{
	out_n(s, slen(s));
}

static void out_num(ulong v)
{
	char buf[24];
	int i = sizeof(buf);

	do {
		buf[--i] = '0' + v % 10;
		v /= 10;
	} while (v);
	out_n(buf + i, sizeof(buf) - i);
}

static void out_hex(ulong v, int digits)
{
	static const char hex[] = "0123456789abcdef";
	char buf[2 + 16];
	int i;

	buf[0] = '0';
	buf[1] = 'x';
	for (i = 0; i < digits; i++)
		buf[2 + i] = hex[(v >> (4 * (digits - 1 - i))) & 0xf];
	out_n(buf, 2 + digits);
}

/* Read a whole file into buf; returns its length, or -1. */
static long slurp(const char *path, char *buf, ulong size)
{
	long fd = sys_open(path), n, total = 0;

	if (fd < 0)
		return -1;
	while (total < (long)size - 1) {
		n = sys3(NR_read, fd, (long)(buf + total), size - 1 - total);
		if (n <= 0)
			break;
		total += n;
	}
	sys3(NR_close, fd, 0, 0);
	buf[total] = 0;
	return total;
}

static char logbuf[1 << 20];
static char small[4096];

/* boot_params: the kernel exposes exactly what it was handed. */
#define BP_EFI_LOADER	0x1c0	/* efi_info.efi_loader_signature */
#define BP_HDR_MAGIC	0x202	/* "HdrS" in a real-mode setup header */
#define BP_HDR_VERSION	0x206	/* hdr.version */
#define BP_LOADER	0x210	/* hdr.type_of_loader */
#define BP_SUBARCH	0x23c	/* hdr.hardware_subarch */

static void report_entry(void)
{
	long n = slurp("/sys/kernel/boot_params/data", small, sizeof(small));
	unsigned int version, loader;

	if (n < BP_LOADER + 1) {
		out(TAG "entry=unknown (no /sys/kernel/boot_params)\n");
		return;
	}
	version = (unsigned char)small[BP_HDR_VERSION] |
		  (unsigned char)small[BP_HDR_VERSION + 1] << 8;
	loader = (unsigned char)small[BP_LOADER];
	/*
	 * Each way in leaves its own mark: the 16-bit boot protocol copies the
	 * bzImage setup header ("HdrS"), the EFI stub signs efi_info ("EL64"
	 * or "EL32"), and the PVH entry, which builds boot_params itself from
	 * hvm_start_info, writes boot protocol version 2.12 and a loader type
	 * of its own (0x9 Xen, 0xb QEMU, 0xf undefined, in the high nibble);
	 * a Xen PV kernel's start writes the Xen subarchitecture (2) and Xen's
	 * loader type. Anything else is reported as unknown, never guessed.
	 */
	out(TAG "entry=");
	if (starts(small + BP_HDR_MAGIC, "HdrS"))
		out("bios");
	else if (starts(small + BP_EFI_LOADER, "EL64") ||
		 starts(small + BP_EFI_LOADER, "EL32"))
		out("efi");
	else if (version == 0x020c &&
		 (loader >> 4 == 0x9 || loader >> 4 == 0xb || loader >> 4 == 0xf))
		out("pvh");
	else if ((unsigned char)small[BP_SUBARCH] == 2 && loader >> 4 == 0x9)
		out("xenpv");
	else
		out("unknown");
	out(" loader=");
	out_hex(loader, 2);
	out(" version=");
	out_hex(version, 4);
	out("\n");
}

/* Lines of the kernel log worth relaying, by what they start with. */
static const char *const relayed[] = {
	"Hypervisor detected:",
	"pvh:",
	"PVH:",
	"x86/legacy:",
	"tsc:",
	"Kernel command line:",
	"VGA console not registered",
	"serio:",
	"rtc_cmos",
	/* With initcall_debug: each initcall's verdict and time. */
	"initcall ",
};

/* KUnit prints one "# Totals: pass:P fail:F skip:S" per suite. */
static ulong num_after(const char *s, const char *end, const char *key)
{
	const char *p = find(s, end, key);
	ulong v = 0;

	if (!p)
		return 0;
	for (p += slen(key); p < end && *p >= '0' && *p <= '9'; p++)
		v = v * 10 + (*p - '0');
	return v;
}

static void report_log(void)
{
	long n = sys3(NR_syslog, 3 /* READ_ALL */, (long)logbuf, sizeof(logbuf) - 1);
	const char *line, *end, *text, *nl;
	ulong pass = 0, fail = 0, skip = 0, suites = 0;
	int hv = 0;
	unsigned int i;

	if (n < 0) {
		out(TAG "log=unreadable\n");
		return;
	}
	end = logbuf + n;
	for (line = logbuf; line < end; line = nl + 1) {
		nl = find(line, end, "\n");
		if (!nl)
			nl = end;
		/* Skip "<6>[    0.000000] " */
		text = line;
		if (*text == '<')
			while (text < nl && *text++ != '>')
				;
		if (*text == '[')
			while (text < nl && *text++ != ']')
				;
		while (text < nl && *text == ' ')
			text++;

		for (i = 0; i < sizeof(relayed) / sizeof(relayed[0]); i++) {
			if (starts(text, relayed[i])) {
				out(TAG "klog: ");
				out_n(text, nl - text);
				out("\n");
				if (i == 0)
					hv = 1;
			}
		}
		if (find(text, nl, "# Totals: pass:")) {
			suites++;
			pass += num_after(text, nl, "pass:");
			fail += num_after(text, nl, "fail:");
			skip += num_after(text, nl, "skip:");
		}
	}
	if (!hv)
		out(TAG "hypervisor=none reported\n");
	out(TAG "kunit suites=");
	out_num(suites);
	out(" pass=");
	out_num(pass);
	out(" fail=");
	out_num(fail);
	out(" skip=");
	out_num(skip);
	out("\n");
}

/*
 * The kernel's clock at init, to the microsecond (CLOCK_BOOTTIME; /proc/uptime
 * has only hundredths): under QEMU's icount it is the same on every boot.
 */
static void report_uptime(void)
{
	struct { long long sec, nsec; } ts;	/* __kernel_timespec, both ABIs */
	ulong us;
	int i;

	out(TAG "uptime=");
	if (sys3(NR_clock_gettime, 7 /* CLOCK_BOOTTIME */, (long)&ts, 0) < 0) {
		out("unknown\n");
		return;
	}
	/* Both fit a ulong: no 64-bit division on i486. */
	out_num((ulong)ts.sec);
	out(".");
	us = (ulong)ts.nsec / 1000;
	for (i = 100000; i > 1; i /= 10)
		if (us < (ulong)i)
			out("0");
	out_num(us);
	out("\n");
}

static void report_hypervisor_fs(void)
{
	long n = slurp("/sys/hypervisor/type", small, sizeof(small));

	if (n > 0) {
		out(TAG "sys-hypervisor-type=");
		out_n(small, small[n - 1] == '\n' ? n - 1 : n);
		out("\n");
	}
	n = slurp("/sys/hypervisor/guest_type", small, sizeof(small));
	if (n > 0) {
		out(TAG "sys-hypervisor-guest-type=");
		out_n(small, small[n - 1] == '\n' ? n - 1 : n);
		out("\n");
	}
}

/*
 * The 8250 driver's ports as it left them: "N: uart:TYPE port:ADDR ...",
 * where port 0 means the line was never given an address to probe.
 */
static void report_serial(void)
{
	/* The 8250 driver is "serial" in 6.12, "serial_8250" in 7.x. */
	long n = slurp("/proc/tty/driver/serial", small, sizeof(small));
	const char *line, *nl, *end;

	if (n < 0)
		n = slurp("/proc/tty/driver/serial_8250", small, sizeof(small));
	if (n < 0)
		out(TAG "serial: (no /proc/tty/driver/serial or serial_8250)\n");
	end = small + (n > 0 ? n : 0);

	for (line = small; line < end; line = nl + 1) {
		nl = find(line, end, "\n");
		if (!nl)
			nl = end;
		if (*line < '0' || *line > '9')
			continue;
		out(TAG "serial: ");
		out_n(line, nl - line);
		out("\n");
	}
}

/* EFLAGS.ID can be flipped exactly when the CPU has CPUID. */
static int have_cpuid(void)
{
#ifdef __x86_64__
	return 1;
#else
	ulong before, after;

	asm volatile("pushfl\n\tpopl %0\n\tmovl %0, %1\n\t"
		     "xorl $0x200000, %1\n\tpushl %1\n\tpopfl\n\t"
		     "pushfl\n\tpopl %1\n\tpushl %0\n\tpopfl"
		     : "=&r"(before), "=&r"(after));
	return ((before ^ after) & 0x200000) != 0;
#endif
}

static void cpuid(unsigned int leaf, unsigned int r[4])
{
	asm volatile("cpuid" : "=a"(r[0]), "=b"(r[1]), "=c"(r[2]), "=d"(r[3])
		     : "a"(leaf), "c"(0));
}

/*
 * The hypervisor as the CPU reports it to userspace, found independently
 * of the kernel, so the harness can hold the kernel's claim against it.
 */
static void report_cpuid(void)
{
	static const struct {
		char sig[13];
		const char *name;
		unsigned int min_leaves;
	} known[] = {
		{ "XenVMMXenVMM", "xen", 2 },
		{ "KVMKVMKVM", "kvm", 0 },
		{ "TCGTCGTCGTCG", "tcg", 0 },
	};
	unsigned int base, r[4], i, j;

	out(TAG "cpuid-hypervisor=");
	if (!have_cpuid()) {
		out("no-cpuid\n");
		return;
	}
	for (base = 0x40000000; base <= 0x4000ff00; base += 0x100) {
		cpuid(base, r);
		for (i = 0; i < sizeof(known) / sizeof(known[0]); i++) {
			const char *sig = (const char *)&r[1];

			for (j = 0; j < 12 && sig[j] == known[i].sig[j]; j++)
				;
			if (j == 12 && r[0] >= base + known[i].min_leaves) {
				out(known[i].name);
				out("\n");
				return;
			}
		}
	}
	out("none\n");
}

/*
 * The guest's TSC at init. Under QEMU's icount it counts the virtual
 * nanoseconds since the machine started, firmware and decompression
 * included: an exact "VMM start to init" for every way in. A CPU without
 * a TSC (a 486) reports none.
 */
static void report_tsc(void)
{
	unsigned int r[4], lo, hi;

	out(TAG "tsc=");
	if (!have_cpuid()) {
		out("none\n");
		return;
	}
	cpuid(0, r);
	if (r[0] < 1) {
		out("none\n");
		return;
	}
	cpuid(1, r);
	if (!(r[3] & (1u << 4))) {
		out("none\n");
		return;
	}
	asm volatile("rdtsc" : "=a"(lo), "=d"(hi));
	/* "HIGH:LOW", two 32-bit halves: no 64-bit arithmetic on i486. */
	out_hex(hi, 8);
	out(":");
	out_hex(lo, 8);
	out("\n");
}

/*
 * The CPU's LA57 (CPUID leaf 7, ECX bit 16) and the paging depth the kernel
 * runs with, as a process sees it: only 5-level paging gives user space
 * addresses above 2^47, and the kernel hands one out only to an mmap()
 * that asks for it. 64-bit guests only.
 */
static void report_paging(void)
{
#ifdef __x86_64__
	unsigned int r[4];
	ulong addr;

	cpuid(0, r);
	out(TAG "cpu-la57=");
	if (r[0] >= 7) {
		cpuid(7, r);
		out(r[2] & (1u << 16) ? "yes\n" : "no\n");
	} else {
		out("no\n");
	}

	/* Set right before the asm: calls in between may clobber them. */
	{
		register long r10 asm("r10") = 0x22;	/* MAP_PRIVATE | MAP_ANONYMOUS */
		register long r8 asm("r8") = -1;
		register long r9 asm("r9") = 0;

		asm volatile("syscall" : "=a"(addr)
			     : "a"(9L /* mmap */), "D"(1UL << 52), "S"(4096L),
			       "d"(1L /* PROT_READ */), "r"(r10), "r"(r8), "r"(r9)
			     : "rcx", "r11", "memory");
	}
	out(TAG "va-bits=");
	if (addr >= -4095UL) {
		out("unknown (mmap: ");
		out_num(-addr);
		out(")\n");
	} else {
		out(addr >= 1UL << 47 ? "57\n" : "48\n");
	}
#endif
}

/*
 * Read what KUnit keeps in debugfs of every suite (CONFIG_KUNIT_DEBUGFS): a
 * suite of init-section tests must not leave debugfs pointing at freed init
 * memory (KASAN reports the read; the judge fails the boot on it).
 */
static void report_kunit_debugfs(void)
{
	static char dents[4096], path[256];
	const char dir[] = "/sys/kernel/debug/kunit/";
	long fd, n, off, files = 0;
	ulong i, j;

	sys5(NR_mount, (long)"debugfs", (long)"/sys/kernel/debug", (long)"debugfs", 0, 0);
	fd = sys3(NR_open, (long)dir, 0200000 /* O_RDONLY | O_DIRECTORY */, 0);
	if (fd < 0)
		return;
	while ((n = sys3(NR_getdents64, fd, (long)dents, sizeof(dents))) > 0) {
		/* struct linux_dirent64: u64 ino, s64 off, u16 reclen, u8 type, name */
		for (off = 0; off < n; off += *(unsigned short *)(dents + off + 16)) {
			const char *name = dents + off + 19;

			if (name[0] == '.')
				continue;
			for (i = 0; dir[i]; i++)
				path[i] = dir[i];
			for (j = 0; name[j] && i < sizeof(path) - 9; j++)
				path[i++] = name[j];
			for (j = 0; "/results"[j]; j++)
				path[i++] = "/results"[j];
			path[i] = 0;
			if (slurp(path, logbuf, sizeof(logbuf)) >= 0)
				files++;
		}
	}
	sys3(NR_close, fd, 0, 0);
	out(TAG "kunit-debugfs=");
	out_num(files);
	out(" read\n");
}

#ifdef __x86_64__
/* Up to 16 hex digits from *q on, into *v; how many there were. */
static int parse_hex(const char **q, const char *end, ulong *v)
{
	int digits = 0;

	for (*v = 0; *q < end && digits < 16; (*q)++, digits++) {
		if (**q >= '0' && **q <= '9')
			*v = *v << 4 | (**q - '0');
		else if (**q >= 'a' && **q <= 'f')
			*v = *v << 4 | (**q - 'a' + 10);
		else
			break;
	}
	return digits;
}

/*
 * Print "KEY=" and the region base the page-table dump gives under HEADER
 * in buf..end, or "none". The line after the heading reads
 * "0xffff888000000000-0xffff888040000000 ..."; the dump prints a heading
 * one entry late where two regions meet (the LDT remap and the direct
 * map), so that line may start a page or more into the region. Every base
 * these regions have, fixed or randomized, is 1 GiB aligned: round down.
 */
static void report_dump_start(const char *key, const char *buf, const char *end,
			      const char *header)
{
	const char *p = find(buf, end, header), *q;
	ulong v = 0;
	int digits = 0;

	out(TAG);
	out(key);
	out("=");
	if (p)
		p = find(p, end, "\n");
	if (p && starts(p + 1, "0x")) {
		q = p + 3;
		digits = parse_hex(&q, end, &v);
	}
	if (digits == 16) {
		out_hex(v & ~((1UL << 30) - 1), 16);
		out("\n");
	} else {
		out("none\n");
	}
}
#endif

#ifdef __x86_64__
/*
 * Where the kernel image lies physically: the start of /proc/iomem's
 * "Kernel code" (init runs as root, which sees real addresses).
 */
static void report_kernel_code(void)
{
	long n = slurp("/proc/iomem", logbuf, sizeof(logbuf));
	const char *p = n > 0 ? find(logbuf, logbuf + n, " : Kernel code\n") : 0;
	const char *q;
	ulong v = 0;
	int digits = 0;

	out(TAG "kaslr-phys=");
	for (q = p; p && q > logbuf && q[-1] != '\n'; q--)
		;
	while (p && q < p && *q == ' ')
		q++;
	if (p)
		digits = parse_hex(&q, p, &v);
	if (p && digits && *q == '-') {
		out_hex(v, 16);
		out("\n");
	} else {
		out("none\n");
	}
}
#endif

/*
 * Where the kernel put itself and its memory regions, for the KASLR runs
 * (pvh-kaslr): _text as /proc/kallsyms gives it (CONFIG_KALLSYMS; real
 * addresses for root with the default kptr_restrict), its physical start,
 * and the start of the direct map, the vmalloc area and the vmemmap as the
 * kernel's page-table dump gives them (CONFIG_PTDUMP_DEBUGFS). 64-bit
 * guests with those only.
 */
static void report_kaslr(void)
{
#ifdef __x86_64__
	long n = slurp("/proc/kallsyms", logbuf, sizeof(logbuf));
	const char *p, *q;

	if (n > 0) {
		/* "ffffffff81000000 T _text" */
		p = find(logbuf, logbuf + n, " T _text\n");
		for (q = p; p && q > logbuf && q[-1] != '\n'; q--)
			;
		if (p && p > q) {
			out(TAG "kaslr-text=0x");
			out_n(q, p - q);
			out("\n");
		}
	}
	report_kernel_code();
	sys5(NR_mount, (long)"debugfs", (long)"/sys/kernel/debug", (long)"debugfs", 0, 0);
	n = slurp("/sys/kernel/debug/page_tables/kernel", logbuf, sizeof(logbuf));
	if (n > 0) {
		report_dump_start("kaslr-direct-map", logbuf, logbuf + n,
				  "---[ Low Kernel Mapping ]---");
		report_dump_start("kaslr-vmalloc", logbuf, logbuf + n,
				  "---[ vmalloc() Area ]---");
		report_dump_start("kaslr-vmemmap", logbuf, logbuf + n,
				  "---[ Vmemmap ]---");
	}
#endif
}

/* The command line the kernel ran with (no5lvl, nokaslr, ...). */
static void report_cmdline(void)
{
	long n = slurp("/proc/cmdline", small, sizeof(small));

	out(TAG "cmdline=");
	if (n > 0)
		out_n(small, small[n - 1] == '\n' ? n - 1 : n);
	out("\n");
}

void pvh_init_main(void)
{
	sys3(NR_mkdir, (long)"/proc", 0555, 0);
	sys3(NR_mkdir, (long)"/sys", 0555, 0);
	sys5(NR_mount, (long)"proc", (long)"/proc", (long)"proc", 0, 0);
	sys5(NR_mount, (long)"sysfs", (long)"/sys", (long)"sysfs", 0, 0);

	/* Uptime first: it is the boot-to-init time. */
	out("\n" TAG "start\n");
	report_uptime();
	report_tsc();
	report_entry();
	report_hypervisor_fs();
	report_cpuid();
	report_paging();
	report_cmdline();
	report_serial();
	report_kunit_debugfs();
	report_kaslr();
	report_log();
	out(TAG "done\n");
	out_flush();

	sys5(NR_reboot, LINUX_REBOOT_MAGIC1, LINUX_REBOOT_MAGIC2,
	     LINUX_REBOOT_CMD_POWER_OFF, 0, 0);
	/* No way to power off (no ACPI): the harness stops the VM at "done". */
	for (;;)
		sys3(NR_pause, 0, 0, 0);
}

asm(".globl _start\n"
    "_start:\n"
#ifdef __x86_64__
    "	and $-16, %rsp\n"
    "	call pvh_init_main\n"
#else
    "	and $-16, %esp\n"
    "	call pvh_init_main\n"
#endif
    "	hlt\n");
