/*
 * keyring.c: the connection's sealing keyring, read from the file named by
 * the environment variable TOTP_KEYRING at the first use of a sealed secret,
 * or from the file given to totp_keyring(path) for this connection.
 *
 *   totp_keyring(path)   -> id of the key that now seals (the file's last)
 */
#include <sqlite3ext.h>
SQLITE_EXTENSION_INIT3

#include <stdlib.h>
#include <string.h>

#include "totp_sqlite.h"

/*
 * Read path into the connection's keyring, keeping the old one on failure.
 * source names where the path came from. Returns 0 after setting an error.
 */
static int
load_keyring(sqlite3_context *ctx, const char *path, const char *source)
{
	totp_connection *conn = ((const totp_binding *) sqlite3_user_data(ctx))->conn;
	otp_keyring fresh;
	size_t		bad_line;
	int			os_errno;
	int			status;
	char	   *msg;

	if (conn->keyring == NULL)
	{
		conn->keyring = sqlite3_malloc(sizeof(otp_keyring));
		if (conn->keyring == NULL)
		{
			sqlite3_result_error_nomem(ctx);
			return 0;
		}
		/* Zeroed: an empty ring that otp_keyring_wipe can free. */
		memset(conn->keyring, 0, sizeof(otp_keyring));
	}
	status = otp_keyring_load(&fresh, path, &bad_line, &os_errno);
	if (status == OTP_OK)
	{
		/*
		 * The old ring goes, with the cipher contexts unsealing cached in
		 * it; the new one moves in (it has cached none yet), and the copy
		 * left on the stack is only zeroed, as it owns nothing now.
		 */
		otp_keyring_wipe(conn->keyring);
		memcpy(conn->keyring, &fresh, sizeof(fresh));
		otp_wipe(&fresh, sizeof(fresh));
		return 1;
	}
	if (status == OTP_ERR_KEYRING_OPEN)
		msg = sqlite3_mprintf("could not read keyring file \"%s\" (%s): %s",
							  path, source, strerror(os_errno));
	else if (bad_line > 0)
		msg = sqlite3_mprintf("invalid keyring file \"%s\" (%s), line %llu: %s",
							  path, source, (unsigned long long) bad_line,
							  otp_strerror(status));
	else
		msg = sqlite3_mprintf("invalid keyring file \"%s\" (%s): %s",
							  path, source, otp_strerror(status));
	if (msg == NULL)
		sqlite3_result_error_nomem(ctx);
	else
	{
		result_error(ctx, msg);
		sqlite3_free(msg);
	}
	return 0;
}

/* The connection's keyring, loaded if needed; `need` explains why, if missing. */
static int
current_keyring(sqlite3_context *ctx, const char *need, const otp_keyring **ring)
{
	totp_connection *conn = ((const totp_binding *) sqlite3_user_data(ctx))->conn;
	const char *path;

	if (conn->keyring == NULL || conn->keyring->count == 0)
	{
		path = getenv("TOTP_KEYRING");
		if (path == NULL || path[0] == '\0')
		{
			char	   *msg = sqlite3_mprintf("%s, but no keyring is configured: set the "
											  "environment variable TOTP_KEYRING to a keyring "
											  "file, or call totp_keyring('path')", need);

			if (msg == NULL)
				sqlite3_result_error_nomem(ctx);
			else
				result_error(ctx, msg);
			sqlite3_free(msg);
			return 0;
		}
		if (!load_keyring(ctx, path, "TOTP_KEYRING"))
			return 0;
	}
	*ring = conn->keyring;
	return 1;
}

int
keyring_for(sqlite3_context *ctx, const char *secret, size_t len,
			const otp_keyring **ring)
{
	*ring = NULL;
	return !otp_is_sealed(secret, len) ||
		current_keyring(ctx, "secret is sealed", ring);
}

int
keyring_for_sealing(sqlite3_context *ctx, const otp_keyring **ring)
{
	return current_keyring(ctx, "sealing needs a keyring", ring);
}

/* totp_keyring(path) */
void
totp_keyring(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const otp_keyring *ring;
	size_t		len;
	const char *path;

	if (any_null(ctx, argc, argv))
		return;
	path = arg_text(argv, 0, &len);
	if (len == 0 || strlen(path) != len)
	{
		result_error(ctx, "path must be a non-empty file name");
		return;
	}
	if (!load_keyring(ctx, path, "totp_keyring()"))
		return;
	ring = ((const totp_binding *) sqlite3_user_data(ctx))->conn->keyring;
	sqlite3_result_text(ctx, ring->keys[ring->count - 1].id, -1, SQLITE_TRANSIENT);
}
