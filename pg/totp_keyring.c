/*
 * totp_keyring.c: this backend's sealing keyring, read from the file named by
 * the setting totp.keyring (postgresql.conf or ALTER SYSTEM; a reload
 * applies a change). The file is read at the first use of a sealed secret
 * and again after every reload, so rotating keys needs no restart.
 */
#include "postgres.h"

#include <string.h>

#include "utils/guc.h"
#include "utils/memutils.h"

#include "otp.h"
#include "totp_pg.h"

static char *keyring_path = NULL;
/*
 * TopMemoryContext; wiped on reload. It owns the cipher contexts that
 * unsealing caches per key (OpenSSL memory, freed by otp_keyring_wipe), the
 * one OpenSSL object alive across an ereport: it is owned by this
 * backend-long keyring, not by the call that raises, so nothing leaks.
 */
static otp_keyring *keyring = NULL;
static bool keyring_current = false;

/* A reload (or any assignment) may change the file: read it again. */
static void
keyring_path_assigned(const char *newval pg_attribute_unused(),
					  void *extra pg_attribute_unused())
{
	keyring_current = false;
}

void
totp_keyring_define_setting(void)
{
	DefineCustomStringVariable("totp.keyring",
							   "Path of the keyring file whose keys seal TOTP secrets.",
							   "One key per line as <key id>:<64 hex digits>; the last key seals, every key unseals.",
							   &keyring_path,
							   NULL,
							   PGC_SIGHUP,
							   GUC_SUPERUSER_ONLY,
							   NULL, keyring_path_assigned, NULL);
	MarkGUCPrefixReserved("totp");
}

/*
 * The keyring, loaded if needed; raises an error naming the setting and the
 * file. `need` says why one is needed, for the message.
 */
static const otp_keyring *
current_keyring(const char *need)
{
	size_t		bad_line;
	int			os_errno;
	int			status;

	if (keyring_current)
		return keyring;
	if (keyring == NULL)
		keyring = MemoryContextAllocZero(TopMemoryContext, sizeof(otp_keyring));
	else
		otp_keyring_wipe(keyring);

	if (keyring_path == NULL || keyring_path[0] == '\0')
		totp_raise(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE,
				   psprintf("%s, but totp.keyring is not set", need),
				   "Set totp.keyring to the path of a keyring file in postgresql.conf or with ALTER SYSTEM, then reload.");

	status = otp_keyring_load(keyring, keyring_path, &bad_line, &os_errno);
	if (status == OTP_ERR_KEYRING_OPEN)
		totp_raise(ERRCODE_CONFIG_FILE_ERROR,
				   psprintf("could not read keyring file \"%s\" (totp.keyring): %s",
							keyring_path, strerror(os_errno)),
				   NULL);
	if (status != OTP_OK && bad_line > 0)
		totp_raise(ERRCODE_CONFIG_FILE_ERROR,
				   psprintf("invalid keyring file \"%s\" (totp.keyring), line %zu: %s",
							keyring_path, bad_line, otp_strerror(status)),
				   NULL);
	if (status != OTP_OK)
		totp_raise(ERRCODE_CONFIG_FILE_ERROR,
				   psprintf("invalid keyring file \"%s\" (totp.keyring): %s",
							keyring_path, otp_strerror(status)),
				   NULL);
	keyring_current = true;
	return keyring;
}

const otp_keyring *
totp_keyring_for(const char *secret, size_t len)
{
	return otp_is_sealed(secret, len) ? current_keyring("secret is sealed") : NULL;
}

const otp_keyring *
totp_keyring_for_sealing(void)
{
	return current_keyring("sealing needs a keyring");
}
