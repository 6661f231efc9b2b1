/*
 * connection.c: state kept per database connection (today: its keyring),
 * shared by every function registered on it and freed with the last one.
 */
#include <sqlite3ext.h>
SQLITE_EXTENSION_INIT3

#include "totp_sqlite.h"

totp_connection *
connection_new(size_t nbindings)
{
	totp_connection *conn;

	conn = sqlite3_malloc64(sizeof(*conn) + nbindings * sizeof(totp_binding));
	if (conn == NULL)
		return NULL;
	conn->refs = (int) nbindings;
	conn->keyring = NULL;
	for (size_t i = 0; i < nbindings; i++)
		conn->bindings[i].conn = conn;
	return conn;
}

/* xDestroy of every registration: SQLite calls it once per binding. */
void
binding_release(void *binding)
{
	totp_connection *conn = ((totp_binding *) binding)->conn;

	if (--conn->refs > 0)
		return;
	if (conn->keyring != NULL)
	{
		otp_keyring_wipe(conn->keyring);
		sqlite3_free(conn->keyring);
	}
	sqlite3_free(conn);
}

const totp_function *
function_of(sqlite3_context *ctx)
{
	return ((const totp_binding *) sqlite3_user_data(ctx))->fn;
}
