/*
 * leaky.c: a deliberately leaking CRYPTO_memcmp for build/ct/ct-test-leaky,
 * linked with -Wl,--wrap=CRYPTO_memcmp so that only the core's calls reach
 * it. It stops at the first difference, as memcmp does; test/ct/run.sh
 * requires valgrind to report it, or the check would be blind.
 */
#include <stddef.h>

int			__wrap_CRYPTO_memcmp(const void *a, const void *b, size_t len);

int
__wrap_CRYPTO_memcmp(const void *a, const void *b, size_t len)
{
	const unsigned char *x = a;
	const unsigned char *y = b;

	for (size_t i = 0; i < len; i++)
		if (x[i] != y[i])
			return 1;
	return 0;
}
