/*
 * totp_pg.h: glue between the core's status codes and PostgreSQL errors.
 */
#ifndef TOTP_PG_H
#define TOTP_PG_H

#include "fmgr.h"
#include "mb/pg_wchar.h"

#include "otp.h"

/*
 * Raise status as an ERROR with its SQLSTATE unless it is OTP_OK. Call it
 * only when no OpenSSL object or unwiped key is alive: it does not return
 * on error.
 */
void		totp_check(int status);

/*
 * Raise an ERROR with this SQLSTATE, message and optional hint, keeping the
 * statement out of the server log. Messages never contain an argument's
 * value: it might be a secret or a code.
 */
pg_attribute_noreturn() void totp_raise(int sqlstate, const char *message,
										const char *hint);

/* Keep statements of totp errors re-raised from parallel workers out of the log. */
void		totp_install_log_hook(void);

/* Define the totp.keyring setting (from _PG_init). */
void		totp_keyring_define_setting(void);

/*
 * The keyring a secret needs: NULL for a plain secret, else the loaded
 * keyring (read on first use and after a reload; errors are raised).
 */
const otp_keyring *totp_keyring_for(const char *secret, size_t len);

/* The loaded keyring, for sealing (totp_seal, totp_reseal). */
const otp_keyring *totp_keyring_for_sealing(void);

/*
 * True when text goes between this database and UTF-8 unconverted: a UTF8
 * database, or SQL_ASCII, which promises no encoding at all.
 */
static inline bool
totp_db_text_is_utf8(void)
{
	int			encoding = GetDatabaseEncoding();

	return encoding == PG_UTF8 || encoding == PG_SQL_ASCII;
}

/*
 * UTF-8 bytes of text argument i, converted from the server encoding (the
 * bytes themselves in UTF8 and SQL_ASCII databases); *len gets the length.
 */
const char *totp_utf8_arg(FunctionCallInfo fcinfo, int i, size_t *len);

#endif							/* TOTP_PG_H */
