/*
 * backup.c: single-use backup codes, stored as one salted, versioned value.
 *
 * Codes are 10 characters of Crockford's base32 (no i, l, o, u), 50 bits
 * from the CSPRNG, shown as "xxxxx-xxxxx". The stored set is
 *
 *   totp-bc1:pbkdf2-sha256:<iterations>:<salt>:<hash>,<hash>,...:<check>
 *
 * with one 16-byte salt for the set, so that checking a code costs one
 * PBKDF2 evaluation however many codes are left, each code's 16-byte PBKDF2
 * output in base64, and a SHA-256 check over everything before it that turns
 * a truncated or edited value into an error instead of a silent miss. The
 * iteration count is stored, so raising the default later keeps old sets
 * working.
 */
#include <stdio.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include "otp_internal.h"

#define CODE_CHARS 10			/* 10 x 5 bits = 50 bits */
#define SALT_BYTES 16
#define HASH_BYTES 16
#define CHECK_BYTES 9			/* 12 base64 characters, no padding */
#define SALT_B64 OTP_BASE64_LEN(SALT_BYTES)
#define HASH_B64 OTP_BASE64_LEN(HASH_BYTES)
#define CHECK_B64 OTP_BASE64_LEN(CHECK_BYTES)
#define MIN_ITERATIONS 1000
#define MAX_ITERATIONS 10000000

static const char version_prefix[] = "totp-bc";
static const char set_prefix[] = "totp-bc1:pbkdf2-sha256:";

/* A parsed stored set; hashes points into the caller's text. */
typedef struct backup_set
{
	int			iterations;
	uint8_t		salt[SALT_BYTES];
	const char *hashes;			/* count entries of HASH_B64 chars, ','-separated */
	size_t		count;
	size_t		body_len;		/* length of the text the check covers */
} backup_set;

/*
 * The character of "0123456789abcdefghjkmnpqrstvwxyz" (Crockford's, lower
 * case) for a 5-bit value, computed rather than looked up, since the index
 * is a fresh code's random bits: digits, then the letters but i, l, o, u.
 */
static inline char
code_char(uint32_t v)
{
	uint32_t	c = '0' + v;

	c += otp_mask_in_range(v, 10, 31) & (uint32_t) ('a' - '0' - 10);
	c += (otp_mask_in_range(v, 18, 31) & 1) + (otp_mask_in_range(v, 20, 31) & 1) +
		(otp_mask_in_range(v, 22, 31) & 1) + (otp_mask_in_range(v, 27, 31) & 1);
	return (char) c;
}

/*
 * Map a typed code to its 10 canonical characters: case, '-' and spaces do
 * not matter, and the look-alikes o, i and l read as 0, 1 and 1. Return 1 on
 * success, 0 if it cannot be a code. A typed code may be the right one, so
 * its characters are mapped and checked with masks; only where separators
 * stand, how many characters are left and whether the code is well-formed
 * (else it is no match) are public.
 */
static int
normalize_code(const char *in, size_t len, char out[CODE_CHARS])
{
	uint32_t	bad = 0;
	size_t		n = 0;
	int			ok;

	for (size_t i = 0; i < len; i++)
	{
		uint32_t	c = (unsigned char) in[i];
		int			separator = (int) ((otp_mask_eq(c, '-') | otp_mask_eq(c, ' ')) & 1);
		uint32_t	one;

		OTP_DECLASSIFY(&separator, sizeof(separator));
		if (separator)
			continue;
		if (n == CODE_CHARS)
			return 0;
		c |= otp_mask_in_range(c, 'A', 'Z') & 0x20;
		c ^= otp_mask_eq(c, 'o') & ('o' ^ '0');
		one = otp_mask_eq(c, 'i') | otp_mask_eq(c, 'l');
		c = (c & ~one) | ('1' & one);
		/* the alphabet: digits and lower-case letters but u (i, l, o mapped) */
		bad |= ~(otp_mask_in_range(c, '0', '9') | (otp_mask_in_range(c, 'a', 'z') & ~otp_mask_eq(c, 'u')));
		out[n++] = (char) c;
	}
	ok = (n == CODE_CHARS) & (bad == 0);
	OTP_DECLASSIFY(&ok, sizeof(ok));
	return ok;
}

/* PBKDF2-HMAC-SHA256 of a normalized code. */
static int
derive(const char code[CODE_CHARS], const uint8_t *salt, int iterations,
	   uint8_t out[HASH_BYTES])
{
	if (PKCS5_PBKDF2_HMAC(code, CODE_CHARS, salt, SALT_BYTES, iterations,
						  EVP_sha256(), HASH_BYTES, out) != 1)
		return OTP_ERR_CRYPTO;
	return OTP_OK;
}

/* The base64 check over body[0..len), NUL-terminated, into out[CHECK_B64+1]. */
static int
compute_check(const char *body, size_t len, char *out)
{
	uint8_t		digest[EVP_MAX_MD_SIZE];
	unsigned int digest_len;

	if (EVP_Digest(body, len, digest, &digest_len, EVP_sha256(), NULL) != 1)
		return OTP_ERR_CRYPTO;
	return otp_base64_encode(digest, CHECK_BYTES, out, CHECK_B64 + 1);
}

int
otp_backup_codes_new(int count, char *out, size_t out_size)
{
	uint8_t		random[7];		/* 56 bits, of which 50 are used */
	int			status = OTP_OK;

	if (out_size > 0)
		out[0] = '\0';
	if (count < OTP_BACKUP_MIN_COUNT || count > OTP_BACKUP_MAX_COUNT)
		return OTP_ERR_BACKUP_COUNT;
	if (out_size < (size_t) count * OTP_BACKUP_CODE_BUFSIZE)
		return OTP_ERR_BUFFER;

	for (int i = 0; i < count && status == OTP_OK; i++)
	{
		char	   *code = out + (size_t) i * OTP_BACKUP_CODE_BUFSIZE;
		uint64_t	bits = 0;

		status = otp_random_bytes(random, sizeof(random));
		for (size_t k = 0; k < sizeof(random); k++)
			bits = (bits << 8) | random[k];
		/* 5 bits per character: 32 symbols, so no modulo bias. */
		for (int k = 0, pos = 0; k < CODE_CHARS; k++)
		{
			if (k == CODE_CHARS / 2)
				code[pos++] = '-';
			code[pos++] = code_char((uint32_t) (bits >> (5 * k)) & 31);
		}
		code[OTP_BACKUP_CODE_LEN] = '\0';
		otp_wipe(&bits, sizeof(bits));
	}
	otp_wipe(random, sizeof(random));
	if (status != OTP_OK)
		otp_wipe(out, out_size);
	return status;
}

size_t
otp_backup_set_bufsize(size_t count)
{
	if (count > OTP_BACKUP_MAX_COUNT)
		return 0;
	return sizeof(set_prefix) + 8 + 1 + SALT_B64 + 1 +
		count * (HASH_B64 + 1) + 1 + CHECK_B64 + 1;
}

/* Append the ":<check>" over out[0..*len) and the NUL. */
static int
append_check(char *out, size_t *len)
{
	int			status = compute_check(out, *len, out + *len + 1);

	if (status == OTP_OK)
	{
		out[*len] = ':';
		*len += 1 + CHECK_B64;
	}
	return status;
}

int
otp_backup_hash_cost(const otp_text *codes, size_t count, int iterations,
					 char *out, size_t out_size, size_t *out_len)
{
	char		normal[OTP_BACKUP_MAX_COUNT][CODE_CHARS];
	uint8_t		salt[SALT_BYTES];
	uint8_t		hash[HASH_BYTES];
	size_t		len;
	int			status;

	*out_len = 0;
	if (out_size > 0)
		out[0] = '\0';
	if (count > OTP_BACKUP_MAX_COUNT)
		return OTP_ERR_BACKUP_TOO_MANY;
	if (iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS)
		return OTP_ERR_BACKUP_COST;
	if (out_size < otp_backup_set_bufsize(count))
		return OTP_ERR_BUFFER;

	status = OTP_OK;
	for (size_t i = 0; i < count && status == OTP_OK; i++)
	{
		if (!normalize_code(codes[i].ptr, codes[i].len, normal[i]))
			status = OTP_ERR_BACKUP_CODE;
		for (size_t k = 0; k < i && status == OTP_OK; k++)
		{
			/* Codes compare in constant time; a duplicate is an error: public. */
			int			same = CRYPTO_memcmp(normal[k], normal[i], CODE_CHARS) == 0;

			OTP_DECLASSIFY(&same, sizeof(same));
			if (same)
				status = OTP_ERR_BACKUP_DUPLICATE;
		}
	}
	if (status == OTP_OK)
		status = otp_random_bytes(salt, sizeof(salt));
	if (status != OTP_OK)
		goto cleanup;

	len = (size_t) snprintf(out, out_size, "%s%d:", set_prefix, iterations);
	status = otp_base64_encode(salt, SALT_BYTES, out + len, out_size - len);
	len += SALT_B64;
	out[len++] = ':';
	for (size_t i = 0; i < count && status == OTP_OK; i++)
	{
		status = derive(normal[i], salt, iterations, hash);
		if (status == OTP_OK)
			status = otp_base64_encode(hash, HASH_BYTES, out + len, out_size - len);
		len += HASH_B64;
		if (i + 1 < count)
			out[len++] = ',';
	}
	if (status == OTP_OK)
		status = append_check(out, &len);
	if (status == OTP_OK)
		*out_len = len;

cleanup:
	if (status != OTP_OK)
		otp_wipe(out, out_size);
	otp_wipe(normal, sizeof(normal));
	otp_wipe(hash, sizeof(hash));
	return status;
}

int
otp_backup_hash(const otp_text *codes, size_t count,
				char *out, size_t out_size, size_t *out_len)
{
	return otp_backup_hash_cost(codes, count, OTP_BACKUP_ITERATIONS,
								out, out_size, out_len);
}

/* Parse a decimal iteration count of exactly len digits, no leading zero. */
static int
parse_iterations(const char *s, size_t len, int *out)
{
	long		value = 0;

	if (len == 0 || len > 8 || s[0] == '0')
		return 0;
	for (size_t i = 0; i < len; i++)
	{
		if (s[i] < '0' || s[i] > '9')
			return 0;
		value = value * 10 + (s[i] - '0');
	}
	if (value < MIN_ITERATIONS || value > MAX_ITERATIONS)
		return 0;
	*out = (int) value;
	return 1;
}

/* Validate and parse a stored set. */
static int
parse_set(const char *text, size_t len, backup_set *set)
{
	char		check[CHECK_B64 + 1];
	int			edited;
	const char *p;
	const char *end;
	const char *colon;
	size_t		salt_len;
	size_t		list_len;
	int			status;

	/* "totp-bc<version>:" first, so that a future version says so. */
	if (len < sizeof(version_prefix) - 1 ||
		memcmp(text, version_prefix, sizeof(version_prefix) - 1) != 0)
		return OTP_ERR_BACKUP_MALFORMED;
	p = text + sizeof(version_prefix) - 1;
	end = text + len;
	colon = memchr(p, ':', (size_t) (end - p));
	if (colon == NULL)
		return OTP_ERR_BACKUP_MALFORMED;
	if (colon - p != 1 || *p != '1')
		return OTP_ERR_BACKUP_VERSION;
	/* Then the KDF: a complete but unknown name is from a newer release. */
	p = colon + 1;
	colon = memchr(p, ':', (size_t) (end - p));
	if (colon == NULL)
		return OTP_ERR_BACKUP_MALFORMED;
	if (colon + 1 - text != (ptrdiff_t) sizeof(set_prefix) - 1 ||
		memcmp(text, set_prefix, sizeof(set_prefix) - 1) != 0)
		return OTP_ERR_BACKUP_VERSION;

	/*
	 * The check first: after it, any defect is ours, not the storage's. The
	 * body must hold at least the prefix: the check is unkeyed, so a short
	 * body can carry a valid one, and the parse below starts past the prefix.
	 */
	if (len < sizeof(set_prefix) - 1 + 1 + CHECK_B64 ||
		text[len - CHECK_B64 - 1] != ':')
		return OTP_ERR_BACKUP_MALFORMED;
	set->body_len = len - CHECK_B64 - 1;
	status = compute_check(text, set->body_len, check);
	if (status != OTP_OK)
		return status;
	/* The check covers the hashes, so compare it in constant time; a set
	 * that fails it is an error the caller sees: public. */
	edited = CRYPTO_memcmp(check, text + set->body_len + 1, CHECK_B64) != 0;
	OTP_DECLASSIFY(&edited, sizeof(edited));
	if (edited)
		return OTP_ERR_BACKUP_CHECK;

	p = text + sizeof(set_prefix) - 1;
	end = text + set->body_len;
	colon = memchr(p, ':', (size_t) (end - p));
	if (colon == NULL || !parse_iterations(p, (size_t) (colon - p), &set->iterations))
		return OTP_ERR_BACKUP_MALFORMED;
	p = colon + 1;
	if (end - p < (ptrdiff_t) SALT_B64 + 1 || p[SALT_B64] != ':' ||
		otp_base64_decode(p, SALT_B64, set->salt, SALT_BYTES, &salt_len) != OTP_OK ||
		salt_len != SALT_BYTES)
		return OTP_ERR_BACKUP_MALFORMED;
	p += SALT_B64 + 1;

	/* count entries of HASH_B64 characters with a ',' between them */
	list_len = (size_t) (end - p);
	set->hashes = p;
	set->count = list_len == 0 ? 0 : (list_len + 1) / (HASH_B64 + 1);
	if (list_len != 0 && list_len != set->count * (HASH_B64 + 1) - 1)
		return OTP_ERR_BACKUP_MALFORMED;
	if (set->count > OTP_BACKUP_MAX_COUNT)
		return OTP_ERR_BACKUP_MALFORMED;
	for (size_t i = 0; i < set->count; i++)
	{
		uint8_t		hash[HASH_BYTES];
		size_t		hash_len;
		const char *entry = p + i * (HASH_B64 + 1);

		if ((i + 1 < set->count && entry[HASH_B64] != ',') ||
			otp_base64_decode(entry, HASH_B64, hash, HASH_BYTES, &hash_len) != OTP_OK ||
			hash_len != HASH_BYTES)
			return OTP_ERR_BACKUP_MALFORMED;
	}
	return OTP_OK;
}

int
otp_backup_remaining(const char *set_text, size_t set_len, int *remaining)
{
	backup_set	set;
	int			status = parse_set(set_text, set_len, &set);

	*remaining = status == OTP_OK ? (int) set.count : 0;
	return status;
}

int
otp_backup_consume(const char *set_text, size_t set_len,
				   const char *code, size_t code_len,
				   char *out, size_t out_size, size_t *out_len, int *matched)
{
	backup_set	set;
	char		normal[CODE_CHARS];
	uint8_t		derived[HASH_BYTES];
	size_t		match_index = 0;
	int			found = 0;
	size_t		len;
	int			status;

	*matched = 0;
	*out_len = 0;
	status = parse_set(set_text, set_len, &set);
	if (status != OTP_OK)
		return status;
	if (out_size < set_len + 1)
		return OTP_ERR_BUFFER;
	if (set.count == 0 || !normalize_code(code, code_len, normal))
		goto cleanup;

	status = derive(normal, set.salt, set.iterations, derived);
	if (status != OTP_OK)
		goto cleanup;

	/* Compare against every entry, selecting the match without branching. */
	for (size_t i = 0; i < set.count; i++)
	{
		uint8_t		stored[HASH_BYTES];
		size_t		stored_len;
		size_t		hit;

		otp_base64_decode(set.hashes + i * (HASH_B64 + 1), HASH_B64,
						  stored, HASH_BYTES, &stored_len);
		hit = (size_t) (CRYPTO_memcmp(stored, derived, HASH_BYTES) == 0) & (size_t) !found;
		match_index |= i & (0 - hit);
		found |= (int) hit;
	}
	/* Match or not is the answer, and the new set shows which entry went. */
	OTP_DECLASSIFY(&found, sizeof(found));
	OTP_DECLASSIFY(&match_index, sizeof(match_index));
	if (!found)
		goto cleanup;

	/* Copy the set without the matched entry, then a fresh check. */
	len = (size_t) (set.hashes - set_text);
	memcpy(out, set_text, len);
	for (size_t i = 0; i < set.count; i++)
	{
		if (i == match_index)
			continue;
		if (len > (size_t) (set.hashes - set_text))
			out[len++] = ',';
		memcpy(out + len, set.hashes + i * (HASH_B64 + 1), HASH_B64);
		len += HASH_B64;
	}
	status = append_check(out, &len);
	if (status == OTP_OK)
	{
		*out_len = len;
		*matched = 1;
	}

cleanup:
	otp_wipe(normal, sizeof(normal));
	otp_wipe(derived, sizeof(derived));
	return status;
}
