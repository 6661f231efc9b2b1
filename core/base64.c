/*
 * base64.c: strict RFC 4648 base64 (standard alphabet, padded) for the
 * fields of stored values. Strict because a stored value is machine-written:
 * anything non-canonical means corruption. Characters are mapped with masks
 * rather than tables or branches, since the fields hold backup-code hashes
 * and sealed payloads, which are secret (test/ct checks it).
 */
#include <limits.h>

#include "otp_internal.h"

/* The character for a 6-bit value. */
static inline char
base64_char(uint32_t v)
{
	uint32_t	c = 'A' + v;

	c += otp_mask_in_range(v, 26, 51) & (uint32_t) ('a' - 26 - 'A');
	c += otp_mask_in_range(v, 52, 61) & (uint32_t) ('0' - 52 - 'A');
	c += otp_mask_eq(v, 62) & (uint32_t) ('+' - 62 - 'A');
	c += otp_mask_eq(v, 63) & (uint32_t) ('/' - 63 - 'A');
	return (char) c;
}

/* Value (0..63) of a base64 character, or all ones for any other byte. */
static inline uint32_t
base64_value(unsigned char ch)
{
	uint32_t	c = ch;
	uint32_t	upper = otp_mask_in_range(c, 'A', 'Z');
	uint32_t	lower = otp_mask_in_range(c, 'a', 'z');
	uint32_t	digit = otp_mask_in_range(c, '0', '9');
	uint32_t	plus = otp_mask_eq(c, '+');
	uint32_t	slash = otp_mask_eq(c, '/');

	return (upper & (c - 'A')) | (lower & (c - 'a' + 26)) |
		(digit & (c - '0' + 52)) | (plus & 62) | (slash & 63) |
		~(upper | lower | digit | plus | slash);
}

int
otp_base64_encode(const uint8_t *in, size_t len, char *out, size_t out_size)
{
	size_t		n = 0;

	if (len > INT_MAX / 2 || out_size < OTP_BASE64_LEN(len) + 1)
		return OTP_ERR_BUFFER;
	for (size_t i = 0; i < len; i += 3)
	{
		size_t		left = len - i;
		uint32_t	v = (uint32_t) in[i] << 16;

		if (left > 1)
			v |= (uint32_t) in[i + 1] << 8;
		if (left > 2)
			v |= in[i + 2];
		out[n++] = base64_char(v >> 18);
		out[n++] = base64_char((v >> 12) & 63);
		out[n++] = (char) (left > 1 ? base64_char((v >> 6) & 63) : '=');
		out[n++] = (char) (left > 2 ? base64_char(v & 63) : '=');
	}
	out[n] = '\0';
	return OTP_OK;
}

/* A byte repeated in all 8 bytes of a word. */
#define REPEAT8(b) ((uint64_t) (b) * 0x0101010101010101u)
#define HIGH_BITS REPEAT8(0x80)

/*
 * Per byte of w7 (bytes < 0x80): the high bit set iff lo <= byte <= hi. Adding
 * 0x80 - lo sets it iff the byte is >= lo, with no carry between bytes.
 */
static inline uint64_t
bytes_in_range(uint64_t w7, unsigned lo, unsigned hi)
{
	return (w7 + REPEAT8(0x80 - lo)) & ~(w7 + REPEAT8(0x7f - hi)) & HIGH_BITS;
}

/*
 * Decode 8 characters at p (SWAR: all 8 bytes of a word at once) into the
 * 48-bit value they spell, in *value; return all ones in the high bit of
 * each byte that is not a base64 character (padding included), else 0. Per
 * byte, the value is the character minus 65 ('A'..'Z'), minus 71
 * ('a'..'z'), plus 4 ('0'..'9'), plus 19 ('+') or plus 16 ('/'), done as one
 * subtraction then one addition on bytes first raised to 0x80..0xff, which
 * neither borrows nor carries between bytes.
 */
static inline uint64_t
decode_chunk8(const char *p, uint64_t *value)
{
	uint64_t	w;
	uint64_t	ascii;
	uint64_t	w7;
	uint64_t	upper;
	uint64_t	lower;
	uint64_t	digit;
	uint64_t	plus;
	uint64_t	slash;
	uint64_t	v;

	/* p[0] in the low byte; compilers make this one load. */
	w = (uint64_t) (unsigned char) p[0] | (uint64_t) (unsigned char) p[1] << 8 |
		(uint64_t) (unsigned char) p[2] << 16 | (uint64_t) (unsigned char) p[3] << 24 |
		(uint64_t) (unsigned char) p[4] << 32 | (uint64_t) (unsigned char) p[5] << 40 |
		(uint64_t) (unsigned char) p[6] << 48 | (uint64_t) (unsigned char) p[7] << 56;
	ascii = ~w & HIGH_BITS;
	w7 = w & ~HIGH_BITS;
	upper = bytes_in_range(w7, 'A', 'Z') & ascii;
	lower = bytes_in_range(w7, 'a', 'z') & ascii;
	digit = bytes_in_range(w7, '0', '9') & ascii;
	plus = bytes_in_range(w7, '+', '+') & ascii;
	slash = bytes_in_range(w7, '/', '/') & ascii;
	v = (w7 | HIGH_BITS) - ((upper >> 7) * 65 + (lower >> 7) * 71);
	v = (v + (digit >> 7) * 4 + (plus >> 7) * 19 + (slash >> 7) * 16) & REPEAT8(0x3f);

	/*
	 * Pack: p[0] (the low byte) supplies the highest 6 bits. Merge adjacent
	 * bytes into 12-bit lanes, those into 24-bit lanes, then the two halves.
	 */
	v = ((v & 0x003f003f003f003fu) << 6) | ((v >> 8) & 0x003f003f003f003fu);
	v = ((v & 0x00000fff00000fffu) << 12) | ((v >> 16) & 0x00000fff00000fffu);
	*value = ((v & 0xffffffu) << 24) | (v >> 32);
	return ~(upper | lower | digit | plus | slash) & HIGH_BITS;
}

/* Value of one quantum of 4 characters (or all ones bits where invalid). */
static inline uint32_t
quantum_value(const char *p)
{
	uint32_t	quantum = 0;

	for (size_t k = 0; k < 4; k++)
		quantum = (quantum << 6) | (base64_value((unsigned char) p[k]) & 63);
	return quantum;
}

int
otp_base64_decode(const char *in, size_t len, uint8_t *out, size_t out_size,
				  size_t *out_len)
{
	size_t		padding = 0;
	size_t		body;			/* characters before the padded quantum */
	uint64_t	bad = 0;
	uint64_t	chunk = 0;
	uint32_t	quantum = 0;
	size_t		i = 0;
	size_t		n = 0;
	int			room;
	int			malformed;

	*out_len = 0;
	if (len % 4 != 0)
		return OTP_ERR_BASE64;
	if (len > 0)
	{
		uint32_t	last = otp_mask_eq((unsigned char) in[len - 1], '=') & 1;

		/* Where the padding stands is layout: public. */
		padding = last + (last & otp_mask_eq((unsigned char) in[len - 2], '='));
		OTP_DECLASSIFY(&padding, sizeof(padding));
	}
	body = padding > 0 ? len - 4 : len;
	/* Decode as we check only when out has room; else check, then say so. */
	room = len / 4 * 3 - padding <= out_size;

	/* Whole 8-character chunks, then perhaps one 4-character quantum. */
	for (; body - i >= 8; i += 8)
	{
		bad |= decode_chunk8(in + i, &chunk);
		if (room)
		{
			otp_put_be32(out + n, (uint32_t) (chunk >> 16));
			out[n + 4] = (uint8_t) (chunk >> 8);
			out[n + 5] = (uint8_t) chunk;
			n += 6;
		}
	}
	for (; i < body; i += 4)
	{
		for (size_t k = 0; k < 4; k++)
			bad |= base64_value((unsigned char) in[i + k]) >> 6;
		quantum = quantum_value(in + i);
		if (room)
		{
			for (size_t k = 0; k < 3; k++)
				out[n++] = (uint8_t) (quantum >> (16 - 8 * k));
		}
	}

	/*
	 * The padded quantum: its characters before the padding must be base64
	 * and the bits below the padding zero, or two texts mean one value. A
	 * '=' maps to all ones, but only into the low bits of bytes not taken.
	 */
	if (padding > 0)
	{
		for (size_t k = 0; k < 4 - padding; k++)
			bad |= base64_value((unsigned char) in[i + k]) >> 6;
		bad |= base64_value((unsigned char) in[len - padding - 1]) &
			(padding == 2 ? 0x0f : 0x03);
		quantum = quantum_value(in + i);
		if (room)
		{
			for (size_t k = 0; k < 3 - padding; k++)
				out[n++] = (uint8_t) (quantum >> (16 - 8 * k));
		}
	}
	otp_wipe(&chunk, sizeof(chunk));
	otp_wipe(&quantum, sizeof(quantum));

	/* A malformed field is an error the caller sees: public. */
	malformed = bad != 0;
	OTP_DECLASSIFY(&malformed, sizeof(malformed));
	if (malformed)
		return OTP_ERR_BASE64;
	if (!room)
		return OTP_ERR_BUFFER;
	*out_len = n;
	return OTP_OK;
}
