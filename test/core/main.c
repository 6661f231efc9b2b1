/*
 * main.c: run every core test group. The last line is always
 * "N passed, N failed"; the exit status is non-zero on any failure.
 */
#include <stdio.h>

#include "unit.h"

int
main(void)
{
	static void (*const groups[]) (void) = {
		test_base32,
		test_hmac,
		test_hotp_totp,
		test_verify,
		test_params,
		test_secret,
		test_uri,
		test_uri_parse,
		test_qr,
		test_base64,
		test_backup,
		test_keyring,
		test_seal,
	};

	/* Failure lines interleave with nothing else, in order. */
	setvbuf(stdout, NULL, _IOLBF, 0);
	for (size_t i = 0; i < sizeof(groups) / sizeof(groups[0]); i++)
		groups[i] ();
	printf("%d passed, %d failed\n", unit_passed, unit_failed);
	return unit_failed == 0 && unit_passed > 0 ? 0 : 1;
}
