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

#endif							/* TOTP_PG_H */
