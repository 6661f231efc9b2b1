/*
 * fuzz_common.c: property checks, the input reader, guarded buffers and the
 * independent references every target uses (see fuzz.h).
 */
#define _DEFAULT_SOURCE			/* MAP_ANONYMOUS */

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "fuzz.h"

#if defined(__SANITIZE_ADDRESS__)
#define FUZZ_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define FUZZ_ASAN 1
#endif
#endif

void
fuzz_fail(const char *file, int line, const char *cond, const char *fmt,...)
{
	va_list		ap;

	fprintf(stderr, "\nFUZZ PROPERTY FAILED at %s:%d: %s\n  ", file, line, cond);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	fflush(stderr);
	abort();
}

void
fuzz_status(int status)
{
	const char *message = otp_strerror(status);

	FUZZ_CHECK(message != NULL && message[0] != '\0' &&
			   strcmp(message, "unknown error") != 0,
			   "status %d has no message", status);
}

void
fuzz_dump(const char *label, const void *p, size_t len)
{
	const unsigned char *s = p;

	fprintf(stderr, "  %s (%zu bytes): \"", label, len);
	for (size_t i = 0; i < len && i < 200; i++)
	{
		if (s[i] >= 0x20 && s[i] < 0x7f && s[i] != '"' && s[i] != '\\')
			fputc(s[i], stderr);
		else
			fprintf(stderr, "\\x%02x", s[i]);
	}
	fprintf(stderr, "%s\"\n", len > 200 ? "..." : "");
}

/* --- input reader -------------------------------------------------------- */

uint8_t
fuzz_u8(fuzz_reader *r)
{
	uint8_t		b = 0;

	if (r->len > 0)
	{
		b = r->p[0];
		r->p++;
		r->len--;
	}
	return b;
}

uint16_t
fuzz_u16(fuzz_reader *r)
{
	uint16_t	hi = fuzz_u8(r);

	return (uint16_t) (hi << 8 | fuzz_u8(r));
}

uint64_t
fuzz_u64(fuzz_reader *r)
{
	uint64_t	v = 0;

	for (int i = 0; i < 8; i++)
		v = v << 8 | fuzz_u8(r);
	return v;
}

const uint8_t *
fuzz_bytes(fuzz_reader *r, size_t n, size_t *got)
{
	const uint8_t *p = r->p;

	if (n > r->len)
		n = r->len;
	r->p += n;
	r->len -= n;
	*got = n;
	return p;
}

size_t
fuzz_mutate(fuzz_reader *r, char *text, size_t len, size_t cap)
{
	while (r->len >= 4)
	{
		uint8_t		op = fuzz_u8(r) % 3;
		size_t		pos = fuzz_u16(r);
		uint8_t		byte = fuzz_u8(r);

		if (op == 0 && len > 0)
			text[pos % len] = (char) byte;
		else if (op == 1 && len + 1 < cap)
		{
			pos %= len + 1;
			memmove(text + pos + 1, text + pos, len - pos);
			text[pos] = (char) byte;
			len++;
		}
		else if (op == 2 && len > 0)
		{
			pos %= len;
			memmove(text + pos, text + pos + 1, len - pos - 1);
			len--;
		}
	}
	return len;
}

/* --- guarded buffers ----------------------------------------------------- */

#ifdef FUZZ_ASAN

void *
fuzz_guard_alloc(size_t len)
{
	void	   *p = malloc(len > 0 ? len : 1);

	FUZZ_CHECK(p != NULL, "out of memory");
	/* A 0-byte request: hand out the end of a 1-byte block. */
	return len > 0 ? p : (char *) p + 1;
}

void
fuzz_guard_free(void *p, size_t len)
{
	free(len > 0 ? p : (char *) p - 1);
}

#else

static size_t
page_size(void)
{
	static size_t size;

	if (size == 0)
		size = (size_t) sysconf(_SC_PAGESIZE);
	return size;
}

/* Bytes of accessible pages in front of the guard for a len-byte buffer. */
static size_t
guard_span(size_t len)
{
	size_t		ps = page_size();

	return (len + ps - 1) / ps * ps;
}

void *
fuzz_guard_alloc(size_t len)
{
	size_t		span = guard_span(len);
	char	   *base = mmap(NULL, span + page_size(), PROT_READ | PROT_WRITE,
							MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	FUZZ_CHECK(base != MAP_FAILED, "mmap failed");
	FUZZ_CHECK(mprotect(base + span, page_size(), PROT_NONE) == 0,
			   "mprotect failed");
	return base + span - len;
}

void
fuzz_guard_free(void *p, size_t len)
{
	size_t		span = guard_span(len);

	munmap((char *) p + len - span, span + page_size());
}

#endif

char *
fuzz_guard_copy(const void *p, size_t len)
{
	char	   *copy = fuzz_guard_alloc(len);

	if (len > 0)
		memcpy(copy, p, len);
	return copy;
}

/* --- references ---------------------------------------------------------- */

static const char b32_alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

int
ref_base32_decode(const char *in, size_t len, uint8_t *out, size_t *out_len)
{
	uint32_t	buf = 0;
	int			bits = 0;
	size_t		symbols = 0;
	size_t		n = 0;
	int			padding = 0;

	*out_len = 0;
	for (size_t i = 0; i < len; i++)
	{
		char		c = in[i];
		const char *hit;

		if (c == ' ' || c == '-')
			continue;
		if (c == '=')
		{
			padding = 1;
			continue;
		}
		if (padding)
			return 0;			/* data after padding */
		if (c >= 'a' && c <= 'z')
			c = (char) (c - 'a' + 'A');
		hit = c != '\0' ? strchr(b32_alphabet, c) : NULL;
		if (hit == NULL)
			return 0;
		buf = buf << 5 | (uint32_t) (hit - b32_alphabet);
		bits += 5;
		symbols++;
		if (bits >= 8)
		{
			bits -= 8;
			out[n++] = (uint8_t) (buf >> bits);
			buf &= (1u << bits) - 1;
		}
	}
	if (symbols % 8 == 1 || symbols % 8 == 3 || symbols % 8 == 6)
		return 0;
	*out_len = n;
	return 1;
}

void
ref_base32_encode(const uint8_t *in, size_t len, char *out)
{
	size_t		n = 0;

	/* Bit i of the input is bit 7 - i % 8 of byte i / 8. */
	for (size_t bit = 0; bit < len * 8; bit += 5)
	{
		unsigned	v = 0;

		for (size_t k = bit; k < bit + 5; k++)
			v = v << 1 | (k < len * 8 ? (in[k / 8] >> (7 - k % 8)) & 1u : 0u);
		out[n++] = b32_alphabet[v];
	}
	out[n] = '\0';
}

void
ref_hotp(otp_algorithm algorithm, const uint8_t *key, size_t key_len,
		 uint64_t counter, int digits, char out[OTP_CODE_BUFSIZE])
{
	const EVP_MD *md = algorithm == OTP_SHA256 ? EVP_sha256() :
		algorithm == OTP_SHA512 ? EVP_sha512() : EVP_sha1();
	uint8_t		msg[8];
	uint8_t		mac[EVP_MAX_MD_SIZE];
	unsigned int mac_len = 0;
	unsigned	offset;
	uint32_t	bin;
	uint32_t	mod = 1;

	for (int i = 7; i >= 0; i--, counter >>= 8)
		msg[i] = (uint8_t) counter;
	FUZZ_CHECK(HMAC(md, key, (int) key_len, msg, sizeof(msg), mac, &mac_len) != NULL,
			   "reference HMAC failed");
	offset = mac[mac_len - 1] & 0x0f;
	bin = (uint32_t) (mac[offset] & 0x7f) << 24 | (uint32_t) mac[offset + 1] << 16 |
		(uint32_t) mac[offset + 2] << 8 | mac[offset + 3];
	for (int i = 0; i < digits; i++)
		mod *= 10;
	snprintf(out, OTP_CODE_BUFSIZE, "%0*u", digits, (unsigned) (bin % mod));
}

int
ref_utf8_valid(const uint8_t *s, size_t len)
{
	size_t		i = 0;

	while (i < len)
	{
		uint8_t		c = s[i];
		size_t		n;
		uint8_t		lo = 0x80;	/* range of the second byte */
		uint8_t		hi = 0xbf;

		if (c <= 0x7f)
		{
			i++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf)
			n = 2;
		else if (c >= 0xe0 && c <= 0xef)
		{
			n = 3;
			if (c == 0xe0)
				lo = 0xa0;
			if (c == 0xed)
				hi = 0x9f;
		}
		else if (c >= 0xf0 && c <= 0xf4)
		{
			n = 4;
			if (c == 0xf0)
				lo = 0x90;
			if (c == 0xf4)
				hi = 0x8f;
		}
		else
			return 0;
		if (len - i < n || s[i + 1] < lo || s[i + 1] > hi)
			return 0;
		for (size_t k = 2; k < n; k++)
			if (s[i + k] < 0x80 || s[i + k] > 0xbf)
				return 0;
		i += n;
	}
	return 1;
}

void
ref_base64_encode(const uint8_t *in, size_t len, char *out)
{
	EVP_EncodeBlock((unsigned char *) out, in, (int) len);
}

int
ref_base64_decode(const char *in, size_t len, uint8_t *out, size_t *out_len)
{
	uint8_t		block[3];
	char		again[5];
	size_t		n = 0;

	*out_len = 0;
	if (len % 4 != 0)
		return 0;
	for (size_t i = 0; i < len; i += 4)
	{
		size_t		take = 3;

		if (EVP_DecodeBlock(block, (const unsigned char *) in + i, 4) != 3)
			return 0;
		/* Padding only in the last quantum. */
		if (in[i + 3] == '=')
		{
			if (i + 4 != len)
				return 0;
			take = in[i + 2] == '=' ? 1 : 2;
		}
		else if (in[i + 2] == '=')
			return 0;
		/* Canonical: re-encoding the bytes gives the same four characters. */
		EVP_EncodeBlock((unsigned char *) again, block, (int) take);
		if (memcmp(again, in + i, 4) != 0)
			return 0;
		memcpy(out + n, block, take);
		n += take;
	}
	*out_len = n;
	return 1;
}

/* --- fixtures ------------------------------------------------------------ */

const char	fuzz_keyring_text[] =
"k2025:cb61667c32a52350f87dd76712a3d1c8abc3019874db7f0b34f8f0048b35c430\n"
"k2026:315cf35043d43de1c9314335da5ebefe85c1bfae795033e519263af7643f77df\n";

const char	fuzz_keyring_wrong_text[] =
"k2025:cb61667c32a52350f87dd76712a3d1c8abc3019874db7f0b34f8f0048b35c430\n"
"k2026:932869f703f3f5d20ac4afa5dd630b581d93c2821c7699262695d7e1cb71c444\n";

const char	fuzz_keyring_old_text[] =
"k2025:cb61667c32a52350f87dd76712a3d1c8abc3019874db7f0b34f8f0048b35c430\n";

void
fuzz_keyring(otp_keyring *ring, const char *text)
{
	size_t		bad_line = 0;
	int			status = otp_keyring_parse(ring, text, strlen(text), &bad_line);

	FUZZ_CHECK(status == OTP_OK, "fixture keyring: %s (line %zu)",
			   otp_strerror(status), bad_line);
}

void
fuzz_fill(uint8_t *buf, size_t len, uint32_t seed)
{
	uint32_t	x = seed * 2654435761u + 0x9e3779b9u;

	for (size_t i = 0; i < len; i++)
	{
		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		buf[i] = (uint8_t) (x >> 24);
	}
}
