/*
 * base32.c: RFC 4648 base32, decoded leniently (any case, spaces and hyphens
 * ignored, padding optional) because people type and paste these secrets,
 * and encoded strictly (upper case, no padding) as authenticator apps expect.
 */
#include "otp_internal.h"

/*
 * Value of a base32 character in any case, or -1, computed with masks
 * rather than branches or a table: the characters are key material.
 */
static inline int32_t
base32_value(unsigned char c)
{
	uint32_t	folded = (uint32_t) c | 0x20;	/* 'A'..'Z' -> 'a'..'z' */
	uint32_t	letter = otp_mask_in_range(folded, 'a', 'z');
	uint32_t	digit = otp_mask_in_range(c, '2', '7');

	return (int32_t) ((letter & (folded - 'a')) | (digit & ((uint32_t) c - '2' + 26)) |
					  ~(letter | digit));
}

/*
 * The character for a 5-bit value: 'A'..'Z' then '2'..'7', computed rather
 * than looked up, since a table index would depend on key bits.
 */
static inline char
base32_char(uint32_t v)
{
	return (char) ('A' + v + (~otp_mask_in_range(v, 0, 25) & (uint32_t) ('2' - 26 - 'A')));
}

/* A byte repeated in all 8 bytes of a word. */
#define REPEAT8(b) ((uint64_t) (b) * 0x0101010101010101u)
#define HIGH_BITS REPEAT8(0x80)

/*
 * Decode 8 characters at p (SWAR: all 8 bytes of a word at once) into the
 * 40-bit value they spell. Return 0 if any of them is not a base32 letter
 * or digit (a separator, padding, anything else): the caller then takes the
 * one-character path. Per byte, adding 0x80 - lo sets the high bit iff the
 * byte is >= lo, with no carry between bytes since bytes are first cut to 7
 * bits; non-ASCII bytes are excluded by their own high bit.
 */
static OTP_ALWAYS_INLINE int
decode_chunk8(const char *p, uint64_t *value)
{
	uint64_t	w;
	uint64_t	ascii;
	uint64_t	folded;
	uint64_t	w7;
	uint64_t	letter;
	uint64_t	digit;
	uint64_t	v;
	int			clean;

	/* Little-endian, so p[0] is the low byte; compilers make this one load. */
	w = (uint64_t) (unsigned char) p[0] | (uint64_t) (unsigned char) p[1] << 8 |
		(uint64_t) (unsigned char) p[2] << 16 | (uint64_t) (unsigned char) p[3] << 24 |
		(uint64_t) (unsigned char) p[4] << 32 | (uint64_t) (unsigned char) p[5] << 40 |
		(uint64_t) (unsigned char) p[6] << 48 | (uint64_t) (unsigned char) p[7] << 56;
	ascii = ~w & HIGH_BITS;
	w7 = w & ~HIGH_BITS;
	folded = w7 | REPEAT8(0x20);
	letter = ((folded + REPEAT8(0x80 - 'a')) & ~(folded + REPEAT8(0x7f - 'z'))) &
		HIGH_BITS & ascii;
	digit = ((w7 + REPEAT8(0x80 - '2')) & ~(w7 + REPEAT8(0x7f - '7'))) &
		HIGH_BITS & ascii;
	/* Whether all 8 are letters or digits is layout (see below): public. */
	clean = (letter | digit) == HIGH_BITS;
	OTP_DECLASSIFY(&clean, sizeof(clean));
	if (!clean)
		return 0;

	/*
	 * Per byte, a letter's value is c - 1 modulo 32 in either case ('A' and
	 * 'a' are 1 modulo 32), a digit's c + 8 ('2' + 8 is 26 modulo 32): add
	 * 31, plus 9 for digits. No carry crosses bytes, since w7's are < 0x80.
	 */
	v = (w7 + REPEAT8(0x1f) + (digit >> 7) * 9) & REPEAT8(0x1f);

	/*
	 * Pack: p[0] (the low byte) supplies the highest 5 bits. Merge adjacent
	 * bytes into 10-bit lanes, those into 20-bit lanes, then the two halves.
	 */
	v = ((v & 0x001f001f001f001fu) << 5) | ((v >> 8) & 0x001f001f001f001fu);
	v = ((v & 0x000003ff000003ffu) << 10) | ((v >> 16) & 0x000003ff000003ffu);
	*value = ((v & 0xfffffu) << 20) | ((v >> 32) & 0xfffffu);
	return 1;
}

/* Store the 40-bit value of a group of 8 characters as 5 bytes. */
static inline void
put_group(uint8_t *out, uint64_t group)
{
	otp_put_be32(out, (uint32_t) (group >> 8));
	out[4] = (uint8_t) group;
}

/*
 * The general decoder, one character at a time, from in[i] on with n bytes
 * already in out: separators, padding, lower case runs, the tail.
 */
static OTP_NOINLINE int
decode_slow(const char *in, size_t in_len, size_t i, uint8_t *out,
			size_t out_size, size_t n, size_t *out_len)
{
	uint64_t	acc = 0;		/* up to 8 characters, 5 bits each */
	int			chars = 0;
	int			in_padding = 0;
	int			status = OTP_OK;

	for (; i < in_len; i++)
	{
		unsigned char c;
		int32_t		v;
		uint64_t	group;
		uint32_t	layout;
		int			bad;

		/* Fast path: 8 clean characters starting a group become 5 bytes. */
		if (chars == 0 && !in_padding && in_len - i >= 8 && out_size - n >= 5 &&
			decode_chunk8(in + i, &group))
		{
			put_group(out + n, group);
			n += 5;
			i += 7;
			continue;
		}
		c = (unsigned char) in[i];

		/*
		 * Where separators and padding stand is layout, not key material, so
		 * it is declassified and branched on; the character's value is not.
		 */
		layout = ((otp_mask_eq(c, ' ') | otp_mask_eq(c, '-')) & 1) | (otp_mask_eq(c, '=') & 2);
		OTP_DECLASSIFY(&layout, sizeof(layout));
		if (layout & 1)
			continue;
		if (layout & 2)
		{
			in_padding = 1;
			continue;
		}
		v = base32_value(c);
		/* A bad character is an error the caller sees: public. */
		bad = (int) ((uint32_t) v >> 31) | in_padding;
		OTP_DECLASSIFY(&bad, sizeof(bad));
		if (bad)
		{
			status = OTP_ERR_SECRET_BASE32;
			goto done;
		}
		acc = (acc << 5) | (uint64_t) v;
		if (++chars == 8)
		{
			if (out_size - n < 5)
			{
				status = OTP_ERR_BUFFER;
				goto done;
			}
			put_group(out + n, acc);
			n += 5;
			chars = 0;
		}
	}

	/*
	 * 1, 3 or 6 characters past a multiple of 8 leave 5 or more bits that
	 * cannot complete a byte: no encoder produces that. Otherwise the tail
	 * holds chars * 5 / 8 whole bytes, its leftover low bits ignored.
	 */
	if (chars == 1 || chars == 3 || chars == 6)
		status = OTP_ERR_SECRET_BASE32;
	else
	{
		size_t		tail = (size_t) chars * 5 / 8;

		if (out_size - n < tail)
			status = OTP_ERR_BUFFER;
		else
		{
			acc <<= 40 - chars * 5;
			for (size_t k = 0; k < tail; k++)
				out[n++] = (uint8_t) (acc >> (32 - 8 * k));
			*out_len = n;
		}
	}

done:
	/* Not `acc = 0`: a dead store, which the compiler removes. */
	otp_wipe(&acc, sizeof(acc));
	return status;
}

int
otp_base32_decode(const char *in, size_t in_len,
				  uint8_t *out, size_t out_size, size_t *out_len)
{
	size_t		i = 0;
	size_t		n = 0;
	uint64_t	group;

	*out_len = 0;

	/*
	 * Canonical text (upper case, no separators) is whole groups of 8 clean
	 * characters, then perhaps a tail: decode the groups here, and leave
	 * anything else to the general decoder.
	 */
	while (in_len - i >= 8 && out_size - n >= 5 && decode_chunk8(in + i, &group))
	{
		put_group(out + n, group);
		n += 5;
		i += 8;
	}
	if (i == in_len)
	{
		*out_len = n;
		return OTP_OK;
	}
	return decode_slow(in, in_len, i, out, out_size, n, out_len);
}

int
otp_base32_encode(const uint8_t *in, size_t len, char *out, size_t out_size)
{
	uint32_t	bits = 0;
	int			nbits = 0;
	size_t		n = 0;

	if (len > (SIZE_MAX - 4) / 8 || out_size < OTP_BASE32_LEN(len) + 1)
		return OTP_ERR_BUFFER;

	for (size_t i = 0; i < len; i++)
	{
		bits = (bits << 8) | in[i];
		nbits += 8;
		while (nbits >= 5)
		{
			nbits -= 5;
			out[n++] = base32_char((bits >> nbits) & 31);
		}
		bits &= (1u << nbits) - 1;
	}
	if (nbits > 0)
		out[n++] = base32_char((bits << (5 - nbits)) & 31);
	out[n] = '\0';
	otp_wipe(&bits, sizeof(bits));
	return OTP_OK;
}
