/*
 * fuzz_base32.c: base32 decode and encode (core/base32.c) and the secret
 * decoding every code function goes through.
 *
 * Input: the whole input is the text to decode, and also the raw bytes to
 * encode.
 *
 * Properties:
 * - otp_base32_decode agrees with a bit-at-a-time reference written from
 *   otp.h's contract (same verdict, same bytes), whatever the SWAR fast path
 *   does; with out_size exactly the decoded length it succeeds, one byte
 *   less is OTP_ERR_BUFFER, and it never writes past out_size (the buffer
 *   ends at a guard page).
 * - On success, encode gives the reference's canonical text (upper case, no
 *   padding, OTP_BASE32_LEN characters), which decodes to the same bytes.
 * - encode(input bytes) then decode gives the input back; encode into a
 *   buffer one byte short is OTP_ERR_BUFFER.
 * - As a secret (otp_unseal with no keyring): valid iff the reference
 *   decodes 10..1024 bytes, giving the canonical text; otherwise the error
 *   names the defect (base32, short, long, or a sealed value without keyring).
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void) argc;
	(void) argv;
	return 0;
}

/* Decode text into a guarded buffer of out_size bytes; compare if expected. */
static void
check_decode(const char *text, size_t len, size_t out_size, int expect,
			 const uint8_t *ref, size_t ref_len)
{
	uint8_t    *out = fuzz_guard_alloc(out_size);
	size_t		out_len = 12345;
	int			status = otp_base32_decode(text, len, out, out_size, &out_len);

	fuzz_status(status);

	if (expect == OTP_OK)
	{
		if (status != OTP_OK || out_len != ref_len || memcmp(out, ref, ref_len) != 0)
		{
			fuzz_dump("text", text, len);
			fuzz_dump("reference", ref, ref_len);
			fuzz_dump("decoded", out, status == OTP_OK && out_len <= out_size ? out_len : 0);
		}
		FUZZ_CHECK(status == OTP_OK, "valid base32 (out_size %zu) gave %s",
				   out_size, otp_strerror(status));
		FUZZ_CHECK(out_len == ref_len && memcmp(out, ref, ref_len) == 0,
				   "decoded %zu bytes, the reference %zu, or other bytes",
				   out_len, ref_len);
	}
	else
	{
		if (status != expect)
			fuzz_dump("text", text, len);
		FUZZ_CHECK(status == expect, "out_size %zu: expected %s, got %s",
				   out_size, otp_strerror(expect), otp_strerror(status));
	}
	fuzz_guard_free(out, out_size);
}

/* Encode bytes and check the text against the reference, then decode it. */
static void
check_encode(const uint8_t *bytes, size_t len)
{
	size_t		need = OTP_BASE32_LEN(len) + 1;
	char	   *text = fuzz_guard_alloc(need);
	char	   *ref = malloc(need);
	uint8_t    *back = fuzz_guard_alloc(len);
	size_t		back_len = 0;
	int			status;

	FUZZ_CHECK(ref != NULL, "out of memory");
	ref_base32_encode(bytes, len, ref);
	status = otp_base32_encode(bytes, len, text, need);
	FUZZ_CHECK(status == OTP_OK, "encode of %zu bytes into %zu: %s", len, need,
			   otp_strerror(status));
	if (strcmp(text, ref) != 0)
	{
		fuzz_dump("bytes", bytes, len);
		fuzz_dump("encoded", text, strlen(text));
		fuzz_dump("reference", ref, strlen(ref));
	}
	FUZZ_CHECK(strcmp(text, ref) == 0, "encode differs from the reference");
	FUZZ_CHECK(strlen(text) == OTP_BASE32_LEN(len), "encoded length %zu, not %zu",
			   strlen(text), (size_t) OTP_BASE32_LEN(len));

	/* The canonical text decodes back, into exactly len bytes. */
	status = otp_base32_decode(text, strlen(text), back, len, &back_len);
	FUZZ_CHECK(status == OTP_OK && back_len == len && memcmp(back, bytes, len) == 0,
			   "canonical text does not decode back (%s, %zu of %zu bytes)",
			   otp_strerror(status), back_len, len);
	fuzz_guard_free(text, need);

	/* One byte short for the NUL: an error, and no write past the buffer. */
	text = fuzz_guard_alloc(need - 1);
	status = otp_base32_encode(bytes, len, text, need - 1);
	FUZZ_CHECK(status == OTP_ERR_BUFFER, "encode into %zu bytes gave %s",
			   need - 1, otp_strerror(status));
	fuzz_guard_free(text, need - 1);
	fuzz_guard_free(back, len);
	free(ref);
}

/* The same text as a stored secret: what every code function decodes. */
static void
check_secret(const char *text, size_t len, int ref_ok, const uint8_t *ref,
			 size_t ref_len)
{
	size_t		out_size = OTP_BASE32_LEN(OTP_MAX_KEY_BYTES) + 1;
	char	   *out = fuzz_guard_alloc(out_size);
	int			status = otp_unseal(text, len, NULL, out, out_size);
	int			expect;

	fuzz_status(status);
	if (otp_is_sealed(text, len))
		expect = OTP_ERR_KEYRING_NONE;
	else if (!ref_ok)
		expect = OTP_ERR_SECRET_BASE32;
	else if (ref_len < OTP_MIN_KEY_BYTES)
		expect = OTP_ERR_SECRET_SHORT;
	else if (ref_len > OTP_MAX_KEY_BYTES)
		expect = OTP_ERR_SECRET_LONG;
	else
		expect = OTP_OK;

	/* Invalid text past 1024 bytes' worth may hit the size limit first. */
	if (expect == OTP_ERR_SECRET_BASE32 && status == OTP_ERR_SECRET_LONG &&
		len * 5 / 8 > OTP_MAX_KEY_BYTES)
		expect = OTP_ERR_SECRET_LONG;
	if (status != expect)
		fuzz_dump("secret", text, len);
	FUZZ_CHECK(status == expect, "secret: expected %s, got %s",
			   otp_strerror(expect), otp_strerror(status));
	if (expect == OTP_OK)
	{
		char	   *canonical = malloc(OTP_BASE32_LEN(ref_len) + 1);

		FUZZ_CHECK(canonical != NULL, "out of memory");
		ref_base32_encode(ref, ref_len, canonical);
		FUZZ_CHECK(strcmp(out, canonical) == 0,
				   "otp_unseal of a plain secret is not its canonical form");
		free(canonical);
	}
	else
		FUZZ_CHECK(out[0] == '\0', "failed otp_unseal left output behind");
	fuzz_guard_free(out, out_size);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	   *text = fuzz_guard_copy(data, size);
	size_t		cap = size * 5 / 8 + 1;
	uint8_t    *ref = malloc(cap);
	size_t		ref_len = 0;
	int			ref_ok;

	FUZZ_CHECK(ref != NULL, "out of memory");
	ref_ok = ref_base32_decode(text, size, ref, &ref_len);

	if (ref_ok)
	{
		check_decode(text, size, cap, OTP_OK, ref, ref_len);
		check_decode(text, size, ref_len, OTP_OK, ref, ref_len);
		if (ref_len > 0)
			check_decode(text, size, ref_len - 1, OTP_ERR_BUFFER, NULL, 0);
		check_encode(ref, ref_len);
	}
	else
	{
		check_decode(text, size, cap, OTP_ERR_SECRET_BASE32, NULL, 0);
		/* Too small as well as invalid: either error, never a write past. */
		{
			uint8_t    *out = fuzz_guard_alloc(0);
			size_t		out_len;
			int			status = otp_base32_decode(text, size, out, 0, &out_len);

			FUZZ_CHECK(status == OTP_ERR_SECRET_BASE32 || status == OTP_ERR_BUFFER,
					   "invalid text into 0 bytes gave %s", otp_strerror(status));
			fuzz_guard_free(out, 0);
		}
	}

	/* Any bytes: encode, decode back. */
	check_encode(data, size);
	check_secret(text, size, ref_ok, ref, ref_len);

	free(ref);
	fuzz_guard_free(text, size);
	return 0;
}
