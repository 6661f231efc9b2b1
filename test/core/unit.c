/*
 * unit.c: the recorders behind unit.h's CHECK_* macros. A pass is counted
 * silently; a failure is counted and printed with file:line, the check's
 * name and expected against got.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "unit.h"

int			unit_passed = 0;
int			unit_failed = 0;

int
unit_check(int ok, const char *file, int line, const char *name,
		   const char *expected, const char *got)
{
	if (ok)
	{
		unit_passed++;
		return 1;
	}
	unit_failed++;
	printf("FAIL %s:%d: %s\n    expected: %s\n    got:      %s\n",
		   file, line, name, expected, got);
	return 0;
}

int
unit_check_int(const char *file, int line, const char *name,
			   long long got, long long expected)
{
	char		e[32];
	char		g[32];

	snprintf(e, sizeof(e), "%lld", expected);
	snprintf(g, sizeof(g), "%lld", got);
	return unit_check(got == expected, file, line, name, e, g);
}

const char *
unit_status_name(int status)
{
	static const char *const names[] = {
		"OTP_OK", "OTP_ERR_SECRET_BASE32", "OTP_ERR_SECRET_SHORT",
		"OTP_ERR_SECRET_LONG", "OTP_ERR_DIGITS", "OTP_ERR_PERIOD",
		"OTP_ERR_WINDOW", "OTP_ERR_ALGORITHM", "OTP_ERR_TIME",
		"OTP_ERR_COUNTER", "OTP_ERR_LOOK_AHEAD", "OTP_ERR_SECRET_BYTES",
		"OTP_ERR_ACCOUNT_EMPTY", "OTP_ERR_ACCOUNT_UTF8", "OTP_ERR_ISSUER_EMPTY",
		"OTP_ERR_ISSUER_UTF8", "OTP_ERR_ISSUER_COLON", "OTP_ERR_BUFFER",
		"OTP_ERR_CRYPTO", "OTP_ERR_RANDOM", "OTP_ERR_BASE64",
		"OTP_ERR_BACKUP_COUNT", "OTP_ERR_BACKUP_CODE", "OTP_ERR_BACKUP_DUPLICATE",
		"OTP_ERR_BACKUP_COST", "OTP_ERR_BACKUP_MALFORMED", "OTP_ERR_BACKUP_VERSION",
		"OTP_ERR_BACKUP_CHECK", "OTP_ERR_KEYRING_NONE", "OTP_ERR_KEYRING_OPEN",
		"OTP_ERR_KEYRING_TOO_LARGE", "OTP_ERR_KEYRING_SYNTAX",
		"OTP_ERR_KEYRING_KEY_LENGTH", "OTP_ERR_KEYRING_DUPLICATE",
		"OTP_ERR_KEYRING_EMPTY", "OTP_ERR_KEYRING_TOO_MANY",
		"OTP_ERR_SEALED_MALFORMED", "OTP_ERR_SEALED_VERSION",
		"OTP_ERR_SEALED_KEY_ID", "OTP_ERR_SEALED_AUTH", "OTP_ERR_SEALED_NOT",
		"OTP_ERR_BACKUP_TOO_MANY", "OTP_ERR_URI_SCHEME", "OTP_ERR_URI_TYPE",
		"OTP_ERR_URI_ENCODING", "OTP_ERR_URI_SECRET_MISSING", "OTP_ERR_URI_COUNTER",
		"OTP_ERR_URI_DUPLICATE", "OTP_ERR_QR_TOO_LONG", "OTP_ERR_QR",
		"OTP_ERR_ACCOUNT_COLON"
	};

	/* Statuses added to otp.h after this list still get their message. */
	if (status > 0 || -status >= (int) (sizeof(names) / sizeof(names[0])))
		return otp_strerror(status);
	return names[-status];
}

int
unit_check_status(const char *file, int line, const char *name,
				  int got, int expected)
{
	char		e[64];
	char		g[64];

	snprintf(e, sizeof(e), "%s (%d)", unit_status_name(expected), expected);
	snprintf(g, sizeof(g), "%s (%d)", unit_status_name(got), got);
	return unit_check(got == expected, file, line, name, e, g);
}

/* Quote s for a failure message, escaping what a terminal would mangle. */
static void
quote(char *out, size_t out_size, const char *s)
{
	size_t		n = 0;

	if (s == NULL)
	{
		snprintf(out, out_size, "(null)");
		return;
	}
	out[n++] = '"';
	for (; *s != '\0' && n + 8 < out_size; s++)
	{
		unsigned char c = (unsigned char) *s;

		if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\')
			out[n++] = (char) c;
		else
			n += (size_t) snprintf(out + n, out_size - n, "\\x%02x", c);
	}
	if (*s != '\0')
	{
		memcpy(out + n, "...", 3);
		n += 3;
	}
	out[n++] = '"';
	out[n] = '\0';
}

int
unit_check_str(const char *file, int line, const char *name,
			   const char *got, const char *expected)
{
	char		e[512];
	char		g[512];
	int			ok = got != NULL && expected != NULL && strcmp(got, expected) == 0;

	quote(e, sizeof(e), expected);
	quote(g, sizeof(g), got);
	return unit_check(ok, file, line, name, e, g);
}

/* Hex of at most the first 96 bytes of p. */
static void
hex(char *out, size_t out_size, const void *p, size_t len)
{
	const unsigned char *b = p;
	size_t		n = 0;

	out[0] = '\0';
	for (size_t i = 0; i < len && n + 6 < out_size; i++)
		n += (size_t) snprintf(out + n, out_size - n, "%02x", b[i]);
	if (2 * len + 1 > out_size)
		snprintf(out + n, out_size - n, "...");
}

int
unit_check_mem(const char *file, int line, const char *name,
			   const void *got, const void *expected, size_t len)
{
	char		e[200];
	char		g[200];
	int			ok = memcmp(got, expected, len) == 0;

	hex(e, sizeof(e), expected, len);
	hex(g, sizeof(g), got, len);
	return unit_check(ok, file, line, name, e, g);
}

const char *
unit_name(const char *fmt,...)
{
	static char buf[256];
	va_list		ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	return buf;
}
