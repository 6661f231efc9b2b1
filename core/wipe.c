/*
 * wipe.c: clearing secret memory. OPENSSL_cleanse writes through a volatile
 * function pointer, so the compiler cannot drop it as a dead store.
 */
#include <openssl/crypto.h>

#include "otp.h"

void
otp_wipe(void *p, size_t len)
{
	OPENSSL_cleanse(p, len);
}
