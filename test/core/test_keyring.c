/*
 * test_keyring.c: the sealing keyring (keyring.c): the <id>:<64 hex> line
 * format with its comments, blanks and line ends, every syntax error with
 * its status and 1-based line, the 64-key limit, the wipe on error and on
 * otp_keyring_wipe, and otp_keyring_load on real files in /tmp (missing,
 * directory, unreadable, and both sides of the 16384-byte limit).
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "unit.h"

#define TEXT_MAX 20000			/* more than the 16384-byte file limit */
#define FILE_LIMIT 16384		/* keyring.c: KEYRING_MAX_FILE */
#define TEMP_TEMPLATE "/tmp/totp-test-keyring-XXXXXX"

/* A 32-character id, the longest allowed, and one of 33. */
#define ID_32 "abcdefghijklmnopqrstuvwxyz012345"
#define ID_33 "abcdefghijklmnopqrstuvwxyz0123456"

/* Every hex digit in both cases, and the bytes it must give. */
#define ALL_DIGITS_HEX \
	"0123456789abcdef0123456789ABCDEFfedcba9876543210FEDCBA9876543210"
static const uint8_t all_digits_key[OTP_SEAL_KEY_BYTES] = {
	0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef,
	0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef,
	0xfe, 0xdc, 0xba, 0x98, 0x76, 0x54, 0x32, 0x10,
	0xfe, 0xdc, 0xba, 0x98, 0x76, 0x54, 0x32, 0x10,
};

/* Hex case for key_hex(). */
enum hex_case
{
	HEX_LOWER, HEX_UPPER, HEX_MIXED
};

/* The pseudo-random test key for seed, as bytes and as 64 hex digits. */
static void
key_bytes(uint32_t seed, uint8_t out[OTP_SEAL_KEY_BYTES])
{
	unit_fill(out, OTP_SEAL_KEY_BYTES, seed);
}

static void
key_hex(uint32_t seed, enum hex_case hex_case, char out[2 * OTP_SEAL_KEY_BYTES + 1])
{
	static const char lower[] = "0123456789abcdef";
	static const char upper[] = "0123456789ABCDEF";
	uint8_t		key[OTP_SEAL_KEY_BYTES];

	key_bytes(seed, key);
	for (size_t i = 0; i < 2 * OTP_SEAL_KEY_BYTES; i++)
	{
		unsigned	nibble = (i % 2 == 0) ? key[i / 2] >> 4 : key[i / 2] & 0x0f;
		int			up = hex_case == HEX_UPPER || (hex_case == HEX_MIXED && i % 3 == 0);

		out[i] = up ? upper[nibble] : lower[nibble];
	}
	out[2 * OTP_SEAL_KEY_BYTES] = '\0';
}

/* Append printf output to text[TEXT_MAX] at *len. */
static void
append(char *text, size_t *len, const char *fmt,...) UNIT_PRINTF(3, 4);

static void
append(char *text, size_t *len, const char *fmt,...)
{
	va_list		ap;
	int			n;

	va_start(ap, fmt);
	n = vsnprintf(text + *len, TEXT_MAX - *len, fmt, ap);
	va_end(ap);
	if (n > 0)
		*len += (size_t) n < TEXT_MAX - *len ? (size_t) n : TEXT_MAX - *len - 1;
}

/*
 * Expand a row template: "@A" and "@B" are two valid 64-digit keys (lower
 * and upper case), "@S" 62 digits, "@O" 63, "@L" 66. Returns the length.
 */
static size_t
expand(const char *template, char *out)
{
	char		a[65];
	char		b[65];
	size_t		n = 0;

	key_hex(1, HEX_LOWER, a);
	key_hex(2, HEX_UPPER, b);
	for (const char *p = template; *p != '\0'; p++)
	{
		const char *with = NULL;
		size_t		with_len = 0;
		const char *extra = "";

		if (p[0] == '@')
		{
			switch (p[1])
			{
				case 'A':
					with = a, with_len = 64;
					break;
				case 'B':
					with = b, with_len = 64;
					break;
				case 'S':
					with = a, with_len = 62;
					break;
				case 'O':
					with = a, with_len = 63;
					break;
				case 'L':
					with = a, with_len = 64, extra = "00";
					break;
			}
		}
		if (with == NULL)
		{
			out[n++] = *p;
			continue;
		}
		memcpy(out + n, with, with_len);
		n += with_len;
		memcpy(out + n, extra, strlen(extra));
		n += strlen(extra);
		p++;
	}
	out[n] = '\0';
	return n;
}

/* 1 if every one of len bytes at p is zero. */
static int
all_zero(const void *p, size_t len)
{
	const uint8_t *b = p;

	for (size_t i = 0; i < len; i++)
		if (b[i] != 0)
			return 0;
	return 1;
}

/* Find id in ring; NULL if absent. */
static const otp_keyring_key *
find_id(const otp_keyring *ring, const char *id)
{
	for (size_t i = 0; i < ring->count && i < OTP_KEYRING_MAX_KEYS; i++)
		if (strcmp(ring->keys[i].id, id) == 0)
			return &ring->keys[i];
	return NULL;
}

/*
 * Parse len bytes of text into a ring pre-filled with junk, and check the
 * error status, the line it names, and that the whole ring is wiped.
 */
static void
check_parse_error(const char *what, const char *text, size_t len,
				  int expected_status, size_t expected_line)
{
	char		name[256];
	otp_keyring ring;
	size_t		bad_line = 999;

	snprintf(name, sizeof(name), "%s", what);	/* what may be unit_name's buffer */

	memset(&ring, 0xa5, sizeof(ring));
	CHECK_STATUS(unit_name("%s: status", name),
				 otp_keyring_parse(&ring, text, len, &bad_line), expected_status);
	CHECK_INT(unit_name("%s: names line %zu", name, expected_line),
			  bad_line, expected_line);
	CHECK(unit_name("%s: the ring is wiped (count 0, every byte zero)", name),
		  ring.count == 0 && all_zero(&ring, sizeof(ring)));
}

/* --- otp_keyring_parse: valid files -------------------------------------- */

static void
test_parse_valid_file(void)
{
	char		text[TEXT_MAX];
	char		hex1[65];
	char		hex2[65];
	char		hex3[65];
	char		hex4[65];
	uint8_t		key[OTP_SEAL_KEY_BYTES];
	size_t		len = 0;
	size_t		bad_line = 999;
	otp_keyring ring;

	key_hex(11, HEX_LOWER, hex1);
	key_hex(12, HEX_UPPER, hex2);
	key_hex(13, HEX_MIXED, hex3);
	key_hex(14, HEX_LOWER, hex4);
	append(text, &len, "# totp keyring: <id>:<64 hex digits>, the last one seals\r\n");
	append(text, &len, "\r\n");
	append(text, &len, "  k1:%s  \r\n", hex1);
	append(text, &len, "\t# rotated in 2024\r\n");
	append(text, &len, " \t \r\n");
	append(text, &len, "\tK_2-b.3:%s\t\r\n", hex2);
	append(text, &len, "\n");
	append(text, &len, "%s:%s\n", ID_32, hex3);
	append(text, &len, "   # a comment with : and hex %s\n", hex4);
	append(text, &len, "z:%s", hex4);	/* last line, no newline */

	memset(&ring, 0xa5, sizeof(ring));
	if (!CHECK_STATUS("a keyring with comments, blank lines, CRLF, spaces, tabs and "
					  "upper/lower hex parses",
					  otp_keyring_parse(&ring, text, len, &bad_line), OTP_OK))
		return;
	CHECK_INT("a parsed keyring sets bad_line to 0", bad_line, 0);
	CHECK_INT("comments and blank lines are not keys: 4 keys", ring.count, 4);
	CHECK_STR("keys are kept in file order (1st)", ring.keys[0].id, "k1");
	CHECK_STR("an id of letters, digits, '_', '-' and '.' is kept (2nd)",
			  ring.keys[1].id, "K_2-b.3");
	CHECK_STR("a 32-character id is kept whole (3rd)", ring.keys[2].id, ID_32);
	CHECK_STR("the last key, on a line without a newline, is last", ring.keys[3].id,
			  "z");

	key_bytes(11, key);
	CHECK_MEM("lower-case hex between spaces decodes to the key bytes",
			  ring.keys[0].key, key, sizeof(key));
	key_bytes(12, key);
	CHECK_MEM("upper-case hex between a tab and CRLF decodes to the key bytes",
			  ring.keys[1].key, key, sizeof(key));
	key_bytes(13, key);
	CHECK_MEM("mixed-case hex decodes to the key bytes", ring.keys[2].key, key,
			  sizeof(key));
	key_bytes(14, key);
	CHECK_MEM("the key on the last line decodes to the key bytes", ring.keys[3].key,
			  key, sizeof(key));
	otp_keyring_wipe(&ring);
}

static void
test_parse_every_hex_digit(void)
{
	static const char text[] = "d:" ALL_DIGITS_HEX "\n";
	otp_keyring ring;
	size_t		bad_line;

	if (CHECK_STATUS("a key with every hex digit in both cases parses",
					 otp_keyring_parse(&ring, text, sizeof(text) - 1, &bad_line),
					 OTP_OK))
		CHECK_MEM("each pair of hex digits is one byte, high nibble first",
				  ring.keys[0].key, all_digits_key, sizeof(all_digits_key));
	otp_keyring_wipe(&ring);
}

static void
test_parse_id_characters(void)
{
	static const char *const ids[] = {
		"abcdefghijklmnopqrstuvwxyz", "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
		"0123456789", "_", "-", ".", "x", "2025-06-01.primary_key", ID_32,
	};
	char		hex[65];

	key_hex(3, HEX_LOWER, hex);
	for (size_t i = 0; i < sizeof(ids) / sizeof(ids[0]); i++)
	{
		char		text[TEXT_MAX];
		size_t		len = 0;
		size_t		bad_line = 999;
		otp_keyring ring;

		append(text, &len, "%s:%s\n", ids[i], hex);
		if (CHECK_STATUS(unit_name("the id \"%s\" is accepted", ids[i]),
						 otp_keyring_parse(&ring, text, len, &bad_line), OTP_OK))
			CHECK_STR(unit_name("the id \"%s\" is stored as written", ids[i]),
					  ring.keys[0].id, ids[i]);
		otp_keyring_wipe(&ring);
	}
}

static void
test_parse_last_key_seals(void)
{
	char		text[TEXT_MAX];
	char		last_only[TEXT_MAX];
	char		other[TEXT_MAX];
	char		hex[65];
	char		sealed[OTP_SEALED_BUFSIZE];
	char		plain[OTP_BASE32_LEN(OTP_MAX_KEY_BYTES) + 1];
	size_t		len = 0;
	size_t		last_len = 0;
	size_t		other_len = 0;
	size_t		sealed_len = 0;
	size_t		bad_line;
	otp_keyring ring;
	otp_keyring ring_last;
	otp_keyring ring_other;

	for (uint32_t i = 1; i <= 3; i++)
	{
		key_hex(20 + i, HEX_LOWER, hex);
		append(text, &len, "key%u:%s\n# between\n", i, hex);
	}
	append(last_only, &last_len, "key3:%s\n", hex);
	key_hex(99, HEX_LOWER, hex);
	append(other, &other_len, "key3:%s\n", hex);
	if (!CHECK_STATUS("fixture: a 3-key ring parses",
					  otp_keyring_parse(&ring, text, len, &bad_line), OTP_OK) ||
		!CHECK_STATUS("fixture: the ring of the last key alone parses",
					  otp_keyring_parse(&ring_last, last_only, last_len, &bad_line),
					  OTP_OK) ||
		!CHECK_STATUS("fixture: the same id with another key parses",
					  otp_keyring_parse(&ring_other, other, other_len, &bad_line),
					  OTP_OK))
		return;
	if (CHECK_STATUS("sealing with a parsed 3-key ring succeeds",
					 otp_seal("JBSWY3DPEHPK3PXP", 16, &ring, sealed, sizeof(sealed),
							  &sealed_len), OTP_OK))
	{
		CHECK(unit_name("the sealed value names the file's last key (got \"%.20s\")",
						sealed),
			  strncmp(sealed, "totp:v1:key3:", 13) == 0);
		CHECK_STATUS("a value sealed by the ring opens with the last key alone",
					 otp_unseal(sealed, sealed_len, &ring_last, plain, sizeof(plain)),
					 OTP_OK);
		CHECK_STATUS("it does not open with other bytes under the last key's id",
					 otp_unseal(sealed, sealed_len, &ring_other, plain, sizeof(plain)),
					 OTP_ERR_SEALED_AUTH);
	}
	otp_keyring_wipe(&ring);
	otp_keyring_wipe(&ring_last);
	otp_keyring_wipe(&ring_other);
}

static void
test_parse_replaces_previous_ring(void)
{
	char		text[TEXT_MAX];
	char		hex[65];
	size_t		len = 0;
	size_t		bad_line;
	otp_keyring ring;

	for (uint32_t i = 1; i <= 3; i++)
	{
		key_hex(30 + i, HEX_LOWER, hex);
		append(text, &len, "old%u:%s\n", i, hex);
	}
	if (!CHECK_STATUS("fixture: a 3-key ring parses",
					  otp_keyring_parse(&ring, text, len, &bad_line), OTP_OK))
		return;
	len = 0;
	append(text, &len, "new:%s\n", hex);
	if (CHECK_STATUS("parsing a second file into the same ring succeeds",
					 otp_keyring_parse(&ring, text, len, &bad_line), OTP_OK))
	{
		CHECK_INT("the second parse replaces the keys: count 1", ring.count, 1);
		CHECK_STR("the second parse's key is the one kept", ring.keys[0].id, "new");
	}
	otp_keyring_wipe(&ring);
}

/* --- otp_keyring_parse: errors ------------------------------------------ */

static const struct
{
	const char *what;
	const char *template;		/* see expand() */
	int			status;
	size_t		line;
}			parse_errors[] = {
	{"a line without ':'", "k1:@A\nk2@B\n", OTP_ERR_KEYRING_SYNTAX, 2},
	{"a line without ':' after a comment and CRLF blanks",
	"# keys\r\n\r\n  \r\nk1@A\r\n", OTP_ERR_KEYRING_SYNTAX, 4},
	{"an id alone", "k1\n", OTP_ERR_KEYRING_SYNTAX, 1},
	{"an empty id", "k1:@A\n:@B\n", OTP_ERR_KEYRING_SYNTAX, 2},
	{"an empty id after leading spaces", "  :@A\n", OTP_ERR_KEYRING_SYNTAX, 1},
	{"an id of 33 characters", ID_33 ":@A\n", OTP_ERR_KEYRING_SYNTAX, 1},
	{"an id of 33 characters on line 3", "\n#\n" ID_33 ":@A", OTP_ERR_KEYRING_SYNTAX, 3},
	{"an id with a space", "k 1:@A\n", OTP_ERR_KEYRING_SYNTAX, 1},
	{"an id with a tab", "k\t1:@A\n", OTP_ERR_KEYRING_SYNTAX, 1},
	{"an id with '/'", "k1:@A\nkeys/2:@B\n", OTP_ERR_KEYRING_SYNTAX, 2},
	{"an id with non-ASCII UTF-8 (e acute)", "cl\xc3\xa9:@A\n", OTP_ERR_KEYRING_SYNTAX, 1},
	{"an id with a lone high byte", "k\xff:@A\n", OTP_ERR_KEYRING_SYNTAX, 1},
	{"a second ':' (an id cannot hold ':')", "k:1:@A\n", OTP_ERR_KEYRING_SYNTAX, 1},
	{"a non-hex digit 'g'", "k1:@Sg0\n", OTP_ERR_KEYRING_SYNTAX, 1},
	{"a non-hex digit 'G' as the last digit", "k1:@OG\n", OTP_ERR_KEYRING_SYNTAX, 1},
	{"a space inside the hex", "k1:@S 00\n", OTP_ERR_KEYRING_SYNTAX, 1},
	{"a 0x prefix", "k1:0x@S\n", OTP_ERR_KEYRING_SYNTAX, 1},
	{"62 hex digits", "k1:@A\nk2:@S\n", OTP_ERR_KEYRING_KEY_LENGTH, 2},
	{"63 hex digits", "k1:@O\n", OTP_ERR_KEYRING_KEY_LENGTH, 1},
	{"66 hex digits", "k1:@L\n", OTP_ERR_KEYRING_KEY_LENGTH, 1},
	{"66 hex digits on the last line, no newline", "k1:@A\r\n\r\nk2:@L",
	OTP_ERR_KEYRING_KEY_LENGTH, 3},
	{"no hex digits at all", "k1:\n", OTP_ERR_KEYRING_KEY_LENGTH, 1},
	{"the same id twice", "k1:@A\n# again\nk1:@B\n", OTP_ERR_KEYRING_DUPLICATE, 3},
	{"the same id twice with the same key", "k1:@A\nk1:@A\n",
	OTP_ERR_KEYRING_DUPLICATE, 2},
	{"the same id twice, once with spaces around", "k1:@A\n\t k1:@B \n",
	OTP_ERR_KEYRING_DUPLICATE, 2},
	{"an empty text", "", OTP_ERR_KEYRING_EMPTY, 0},
	{"only newlines", "\n\n\n", OTP_ERR_KEYRING_EMPTY, 0},
	{"only blanks and CRLF", " \t\r\n\r\n  ", OTP_ERR_KEYRING_EMPTY, 0},
	{"only comments", "# keyring\n# k1:@A\n   # nothing here\n", OTP_ERR_KEYRING_EMPTY, 0},
};

static void
test_parse_errors(void)
{
	for (size_t i = 0; i < sizeof(parse_errors) / sizeof(parse_errors[0]); i++)
	{
		char		text[TEXT_MAX];
		size_t		len = expand(parse_errors[i].template, text);

		check_parse_error(unit_name("keyring text with %s is %s on line %zu",
									parse_errors[i].what,
									unit_status_name(parse_errors[i].status),
									parse_errors[i].line),
						  text, len, parse_errors[i].status, parse_errors[i].line);
	}
}

static void
test_parse_every_bad_id_byte(void)
{
	char		hex[65];
	int			not_syntax = 0;
	int			first = -1;

	key_hex(4, HEX_LOWER, hex);
	for (int c = 1; c < 256; c++)
	{
		otp_keyring ring;
		char		text[TEXT_MAX];
		size_t		len = 0;
		size_t		bad_line = 0;
		int			status;

		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			(c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.')
			continue;
		/* A bad byte in the middle of the id on line 2 ('\n' splits it there). */
		append(text, &len, "ok:%s\nk%c1:%s\n", hex, c, hex);
		memset(&ring, 0xa5, sizeof(ring));
		status = otp_keyring_parse(&ring, text, len, &bad_line);
		if ((status != OTP_ERR_KEYRING_SYNTAX || bad_line != 2 ||
			 !all_zero(&ring, sizeof(ring))) && not_syntax++ == 0)
			first = c;
	}
	CHECK_INT(unit_name("every byte but letters, digits, '_', '-' and '.' inside an id "
						"is SYNTAX on its line, with the ring wiped (first that is "
						"not: 0x%02x)", (unsigned) first), not_syntax, 0);
}

static void
test_parse_nul_bytes(void)
{
	char		text[TEXT_MAX];
	size_t		len;

	/* A NUL in a key line, in a comment, alone on a line, and after the end. */
	len = expand("k1:@A\nk2:@B", text);
	text[len - 10] = '\0';
	check_parse_error("a NUL inside the hex of line 2 is SYNTAX", text, len,
					  OTP_ERR_KEYRING_SYNTAX, 2);

	len = expand("k1:@A\n# a comment with a NUL\nk2:@B\n", text);
	text[strchr(text, '#') - text + 10] = '\0';
	check_parse_error("a NUL inside a comment on line 2 is SYNTAX", text, len,
					  OTP_ERR_KEYRING_SYNTAX, 2);

	len = expand("k1:@A\n\n", text);
	text[len - 1] = '\0';		/* line 2 is "\0" */
	check_parse_error("a line holding only a NUL is SYNTAX", text, len,
					  OTP_ERR_KEYRING_SYNTAX, 2);

	len = expand("k1:@A\n", text);
	text[len] = '\0';
	check_parse_error("a text that counts its terminating NUL is SYNTAX on the line "
					  "after the last", text, len + 1, OTP_ERR_KEYRING_SYNTAX, 2);

	len = expand("k1:@A", text);
	text[2] = '\0';
	check_parse_error("a NUL in place of the ':' is SYNTAX", text, len,
					  OTP_ERR_KEYRING_SYNTAX, 1);
}

static void
test_parse_key_limit(void)
{
	char		text[TEXT_MAX];
	char		hex[65];
	size_t		len = 0;
	size_t		bad_line = 999;
	otp_keyring ring;

	/* A comment first, so line numbers are one more than key numbers. */
	append(text, &len, "# 64 keys\n");
	for (int i = 1; i <= OTP_KEYRING_MAX_KEYS; i++)
	{
		key_hex((uint32_t) (100 + i), i % 2 ? HEX_LOWER : HEX_UPPER, hex);
		append(text, &len, "key-%02d:%s\n", i, hex);
	}
	memset(&ring, 0xa5, sizeof(ring));
	if (CHECK_STATUS("a keyring of exactly 64 keys parses",
					 otp_keyring_parse(&ring, text, len, &bad_line), OTP_OK))
	{
		uint8_t		key[OTP_SEAL_KEY_BYTES];

		CHECK_INT("a 64-key ring has count 64", ring.count, OTP_KEYRING_MAX_KEYS);
		CHECK_STR("the 64th key is last", ring.keys[63].id, "key-64");
		key_bytes(164, key);
		CHECK_MEM("the 64th key's bytes are kept", ring.keys[63].key, key, sizeof(key));
	}
	otp_keyring_wipe(&ring);

	key_hex(165, HEX_LOWER, hex);
	append(text, &len, "key-65:%s\n", hex);
	check_parse_error("a 65th key (on line 66) is TOO_MANY", text, len,
					  OTP_ERR_KEYRING_TOO_MANY, 66);

	/* The 65th key line is at fault even if a later line is bad too. */
	append(text, &len, "not a key line\n");
	check_parse_error("a 65th key followed by a bad line is TOO_MANY at the 65th",
					  text, len, OTP_ERR_KEYRING_TOO_MANY, 66);
}

static void
test_parse_error_after_keys_wipes_them(void)
{
	char		text[TEXT_MAX];
	char		hex[65];
	size_t		len = 0;
	size_t		bad_line = 0;
	otp_keyring ring;

	for (uint32_t i = 1; i <= 10; i++)
	{
		key_hex(200 + i, HEX_LOWER, hex);
		append(text, &len, "good%u:%s\n", i, hex);
	}
	append(text, &len, "bad:%.62s\n", hex);
	memset(&ring, 0xa5, sizeof(ring));
	CHECK_STATUS("10 good keys then a 62-digit key is KEY_LENGTH",
				 otp_keyring_parse(&ring, text, len, &bad_line),
				 OTP_ERR_KEYRING_KEY_LENGTH);
	CHECK_INT("the error names line 11", bad_line, 11);
	CHECK_INT("after an error the ring's count is 0", ring.count, 0);
	CHECK(("after an error no byte of the 10 keys parsed before it is left"),
		  all_zero(ring.keys, sizeof(ring.keys)));
}

/* --- otp_keyring_wipe ---------------------------------------------------- */

static void
test_wipe_zeroes_every_byte(void)
{
	char		text[TEXT_MAX];
	char		hex[65];
	size_t		len = 0;
	size_t		bad_line;
	otp_keyring ring;

	for (int i = 1; i <= OTP_KEYRING_MAX_KEYS; i++)
	{
		key_hex((uint32_t) (300 + i), HEX_LOWER, hex);
		append(text, &len, "%.*s%02d:%s\n", 30, ID_32, i, hex);
	}
	memset(&ring, 0xa5, sizeof(ring));
	if (!CHECK_STATUS("fixture: a full 64-key ring with 32-character ids parses",
					  otp_keyring_parse(&ring, text, len, &bad_line), OTP_OK))
		return;
	CHECK(("fixture: the full ring holds non-zero key bytes"),
		  !all_zero(ring.keys[63].key, OTP_SEAL_KEY_BYTES));
	otp_keyring_wipe(&ring);
	CHECK(unit_name("otp_keyring_wipe zeroes every one of the %zu bytes of the ring",
					sizeof(ring)), all_zero(&ring, sizeof(ring)));
}

/*
 * Unsealing caches a cipher context in the key's slot; otp_keyring_wipe
 * frees it (the sanitizer and valgrind runs of this suite would report the
 * leak otherwise) and leaves no byte, pointer included, behind.
 */
static void
test_wipe_frees_cached_contexts(void)
{
	static const char text[] =
		"a:000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f\n"
		"b:f0e1d2c3b4a5968778695a4b3c2d1e0ff0e1d2c3b4a5968778695a4b3c2d1e0f\n";
	static const char secret[] = "JBSWY3DPEHPK3PXPJBSWY3DP";
	char		sealed[OTP_SEALED_BUFSIZE];
	char		plain[OTP_BASE32_LEN(OTP_MAX_KEY_BYTES) + 1];
	size_t		sealed_len = 0;
	size_t		bad_line;
	otp_keyring ring;

	if (!CHECK_STATUS("fixture: a two-key ring parses",
					  otp_keyring_parse(&ring, text, sizeof(text) - 1, &bad_line), OTP_OK) ||
		!CHECK_STATUS("fixture: a secret seals under the ring's newest key",
					  otp_seal(secret, strlen(secret), &ring, sealed, sizeof(sealed),
							   &sealed_len), OTP_OK))
	{
		otp_keyring_wipe(&ring);
		return;
	}
	CHECK(("a parsed ring caches no cipher context"),
		  ring.keys[0].opener == NULL && ring.keys[1].opener == NULL);
	for (int round = 0; round < 2; round++)
		CHECK(unit_name("unsealing with the cached context works (use %d)", round + 1),
			  otp_unseal(sealed, sealed_len, &ring, plain, sizeof(plain)) == OTP_OK &&
			  strcmp(plain, secret) == 0);
	CHECK(("unsealing caches a context for the key it used, and only that one"),
		  ring.keys[1].opener != NULL && ring.keys[0].opener == NULL);
	otp_keyring_wipe(&ring);
	CHECK(unit_name("otp_keyring_wipe of a ring with a cached context zeroes all %zu "
					"bytes", sizeof(ring)), all_zero(&ring, sizeof(ring)));
}

/* --- otp_keyring_load ---------------------------------------------------- */

/* Write len bytes to a fresh temp file; its path into path. 1 on success. */
static int
write_temp(const void *data, size_t len, char path[sizeof(TEMP_TEMPLATE)])
{
	const char *p = data;
	int			fd;

	memcpy(path, TEMP_TEMPLATE, sizeof(TEMP_TEMPLATE));
	fd = mkstemp(path);
	if (!CHECK(unit_name("fixture: mkstemp in /tmp (errno %d)", errno), fd >= 0))
		return 0;
	while (len > 0)
	{
		ssize_t		n = write(fd, p, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (!CHECK(unit_name("fixture: write the temp file (errno %d)", errno), n > 0))
		{
			close(fd);
			unlink(path);
			return 0;
		}
		p += n;
		len -= (size_t) n;
	}
	close(fd);
	return 1;
}

/* Load path into a junk-filled ring; check status, line and errno. */
static void
check_load(const char *what, const char *path, int expected_status,
		   size_t expected_line, int expected_errno, otp_keyring *ring)
{
	char		name[256];
	size_t		bad_line = 999;
	int			os_errno = -1;

	snprintf(name, sizeof(name), "%s", what);	/* what may be unit_name's buffer */

	memset(ring, 0xa5, sizeof(*ring));
	CHECK_STATUS(unit_name("%s: status", name),
				 otp_keyring_load(ring, path, &bad_line, &os_errno), expected_status);
	CHECK_INT(unit_name("%s: bad_line", name), bad_line, expected_line);
	CHECK_INT(unit_name("%s: os_errno is %d", name, expected_errno), os_errno,
			  expected_errno);
	if (expected_status != OTP_OK)
		CHECK_INT(unit_name("%s: the ring's count is 0", name), ring->count, 0);
}

static void
test_load_good_file(void)
{
	char		text[TEXT_MAX];
	char		hex[65];
	char		path[sizeof(TEMP_TEMPLATE)];
	uint8_t		key[OTP_SEAL_KEY_BYTES];
	size_t		len = 0;
	otp_keyring ring;

	append(text, &len, "# production keyring\r\n");
	key_hex(401, HEX_LOWER, hex);
	append(text, &len, "2024-01:%s\r\n", hex);
	key_hex(402, HEX_UPPER, hex);
	append(text, &len, "  2025-06:%s\r\n", hex);
	if (!write_temp(text, len, path))
		return;
	check_load("loading a good keyring file", path, OTP_OK, 0, 0, &ring);
	if (CHECK_INT("the loaded file has 2 keys", ring.count, 2))
	{
		CHECK_STR("the loaded file's last key is last", ring.keys[1].id, "2025-06");
		key_bytes(402, key);
		CHECK_MEM("the loaded key bytes are the file's", ring.keys[1].key, key,
				  sizeof(key));
	}
	otp_keyring_wipe(&ring);
	unlink(path);
}

static void
test_load_passes_parse_errors_through(void)
{
	char		path[sizeof(TEMP_TEMPLATE)];
	char		text[TEXT_MAX];
	size_t		len = expand("# keys\nk1:@A\nk2:@S\n", text);
	otp_keyring ring;

	if (write_temp(text, len, path))
	{
		check_load("a file with a 62-digit key on line 3", path,
				   OTP_ERR_KEYRING_KEY_LENGTH, 3, 0, &ring);
		CHECK(("a file that fails to parse leaves the ring wiped"),
			  all_zero(&ring, sizeof(ring)));
		unlink(path);
	}
	if (write_temp("", 0, path))
	{
		check_load("an empty file", path, OTP_ERR_KEYRING_EMPTY, 0, 0, &ring);
		unlink(path);
	}
	if (write_temp("# nothing yet\n", 14, path))
	{
		check_load("a file of only a comment", path, OTP_ERR_KEYRING_EMPTY, 0, 0, &ring);
		unlink(path);
	}
}

static void
test_load_missing_file(void)
{
	char		path[sizeof(TEMP_TEMPLATE)];
	otp_keyring ring;

	if (!write_temp("", 0, path))
		return;
	unlink(path);				/* a name that was free a moment ago */
	check_load("a missing keyring file is OPEN with ENOENT", path,
			   OTP_ERR_KEYRING_OPEN, 0, ENOENT, &ring);
	check_load("a path through a missing directory is OPEN with ENOENT",
			   "/tmp/totp-test-no-such-dir-4f1b/keyring", OTP_ERR_KEYRING_OPEN, 0,
			   ENOENT, &ring);
}

static void
test_load_directory(void)
{
	char		path[sizeof(TEMP_TEMPLATE)];
	otp_keyring ring;
	size_t		bad_line = 999;
	int			os_errno = 0;
	int			status;

	memcpy(path, TEMP_TEMPLATE, sizeof(TEMP_TEMPLATE));
	if (!CHECK(unit_name("fixture: mkdtemp in /tmp (errno %d)", errno),
			   mkdtemp(path) != NULL))
		return;
	memset(&ring, 0xa5, sizeof(ring));
	status = otp_keyring_load(&ring, path, &bad_line, &os_errno);
	CHECK_STATUS("a directory as the keyring file is OTP_ERR_KEYRING_OPEN", status,
				 OTP_ERR_KEYRING_OPEN);
	CHECK(unit_name("a directory fails with EISDIR from open or read (got errno %d)",
					os_errno), os_errno == EISDIR);
	CHECK_INT("a directory names no line", bad_line, 0);
	CHECK_INT("a directory leaves count 0", ring.count, 0);
	rmdir(path);
}

/*
 * A file of `size` bytes in text (room for 4 * FILE_LIMIT): a long comment,
 * then one key line that ends exactly at the last byte, so the key is only
 * found if all of it was read.
 */
static size_t
sized_file(size_t size, char *text)
{
	char		key_line[128];
	char		hex[65];
	size_t		key_len;

	key_hex(500, HEX_LOWER, hex);
	key_len = (size_t) snprintf(key_line, sizeof(key_line), "\nlimit:%s", hex);
	memset(text, 'x', size - key_len);
	text[0] = '#';
	memcpy(text + size - key_len, key_line, key_len);
	return size;
}

static void
test_load_size_limit(void)
{
	static const size_t too_large[] = {FILE_LIMIT + 1, FILE_LIMIT + 2, 2 * FILE_LIMIT,
	4 * FILE_LIMIT};
	static char text[4 * FILE_LIMIT];
	char		path[sizeof(TEMP_TEMPLATE)];
	uint8_t		key[OTP_SEAL_KEY_BYTES];
	otp_keyring ring;

	if (write_temp(text, sized_file(FILE_LIMIT, text), path))
	{
		const otp_keyring_key *last;

		check_load("a keyring file of exactly 16384 bytes loads", path, OTP_OK, 0, 0,
				   &ring);
		key_bytes(500, key);
		last = find_id(&ring, "limit");
		CHECK(("the key in the last bytes of a 16384-byte file is read"),
			  last != NULL && memcmp(last->key, key, sizeof(key)) == 0);
		otp_keyring_wipe(&ring);
		unlink(path);
	}
	for (size_t i = 0; i < sizeof(too_large) / sizeof(too_large[0]); i++)
	{
		if (!write_temp(text, sized_file(too_large[i], text), path))
			continue;
		check_load(unit_name("a keyring file of %zu bytes is TOO_LARGE", too_large[i]),
				   path, OTP_ERR_KEYRING_TOO_LARGE, 0, 0, &ring);
		unlink(path);
	}
	/* A file that never ends is cut off at the limit, not read forever. */
	if (access("/dev/zero", R_OK) == 0)
		check_load("/dev/zero as the keyring file is TOO_LARGE", "/dev/zero",
				   OTP_ERR_KEYRING_TOO_LARGE, 0, 0, &ring);
}

/* Load path with the effective uid of nobody in a child; exit code 0 if EACCES. */
static int
load_as_nobody(const char *path)
{
	pid_t		pid;
	int			wstatus = 0;

	fflush(stdout);
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0)
	{
		otp_keyring ring;
		size_t		bad_line;
		int			os_errno = 0;
		int			status;

		if (setgid(65534) != 0 || setuid(65534) != 0)
			_exit(77);
		status = otp_keyring_load(&ring, path, &bad_line, &os_errno);
		_exit(status == OTP_ERR_KEYRING_OPEN && os_errno == EACCES && ring.count == 0
			  ? 0 : 1);
	}
	if (waitpid(pid, &wstatus, 0) != pid || !WIFEXITED(wstatus))
		return -1;
	return WEXITSTATUS(wstatus);
}

static void
test_load_unreadable_file(void)
{
	char		path[sizeof(TEMP_TEMPLATE)];
	char		text[TEXT_MAX];
	size_t		len = expand("k1:@A\n", text);
	otp_keyring ring;

	if (!write_temp(text, len, path))
		return;
	if (!CHECK(("fixture: chmod 000 on the temp file"), chmod(path, 0) == 0))
	{
		unlink(path);
		return;
	}
	if (geteuid() != 0)
		check_load("an unreadable keyring file is OPEN with EACCES", path,
				   OTP_ERR_KEYRING_OPEN, 0, EACCES, &ring);
	else
	{
		/* root reads anything: try as nobody in a child, else skip. */
		int			rc = load_as_nobody(path);

		if (rc == 77)
			printf("note: running as root and cannot become nobody: the "
				   "unreadable-keyring-file test is skipped\n");
		else
			CHECK_INT("an unreadable keyring file is OPEN with EACCES (loaded as "
					  "nobody in a child; exit 0 means so)", rc, 0);
	}
	unlink(path);
}

void
test_keyring(void)
{
	test_parse_valid_file();
	test_parse_every_hex_digit();
	test_parse_id_characters();
	test_parse_last_key_seals();
	test_parse_replaces_previous_ring();
	test_parse_errors();
	test_parse_every_bad_id_byte();
	test_parse_nul_bytes();
	test_parse_key_limit();
	test_parse_error_after_keys_wipes_them();
	test_wipe_zeroes_every_byte();
	test_wipe_frees_cached_contexts();
	test_load_good_file();
	test_load_passes_parse_errors_through();
	test_load_missing_file();
	test_load_directory();
	test_load_size_limit();
	test_load_unreadable_file();
}
