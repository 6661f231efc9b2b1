/*
 * totp_pg.h: glue between the core's status codes and PostgreSQL errors.
 */
#ifndef TOTP_PG_H
#define TOTP_PG_H

/*
 * Raise status as an ERROR with its SQLSTATE unless it is OTP_OK. Call it
 * only when no OpenSSL object or unwiped key is alive: it does not return
 * on error.
 */
void		totp_check(int status);

/*
 * Raise an ERROR with this SQLSTATE and a fixed message (never one built
 * from arguments), keeping the statement out of the server log.
 */
pg_attribute_noreturn() void totp_raise(int sqlstate, const char *message);

#endif							/* TOTP_PG_H */
