// SPDX-License-Identifier: GPL-2.0
/*
 * Print the host's TSC rate in kHz, measured against CLOCK_MONOTONIC_RAW.
 *
 * Under QEMU TCG the guest reads the host's TSC. microvm has neither HPET
 * nor an ACPI PM timer, so a guest whose PIT calibration is upset by host
 * load has no other reference and stalls; the harness hands it this rate
 * (tsc_early_khz=) instead. See pvh-boot.
 */
#include <stdio.h>
#include <time.h>
#include <x86intrin.h>

static long long ns_between(const struct timespec *a, const struct timespec *b)
{
	return (b->tv_sec - a->tv_sec) * 1000000000LL + (b->tv_nsec - a->tv_nsec);
}

int main(void)
{
	struct timespec start, now;
	unsigned long long t0, t1;
	long long ns;

	clock_gettime(CLOCK_MONOTONIC_RAW, &start);
	t0 = __rdtsc();
	do {
		clock_gettime(CLOCK_MONOTONIC_RAW, &now);
		ns = ns_between(&start, &now);
	} while (ns < 200000000LL);
	t1 = __rdtsc();
	printf("%llu\n", (t1 - t0) * 1000000ULL / (unsigned long long)ns);
	return 0;
}
