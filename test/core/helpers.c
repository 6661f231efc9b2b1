/*
 * helpers.c: shared fixtures. Pseudo-random data is deterministic so that a
 * failure reproduces; the references use OpenSSL's own HMAC and a truncation
 * written here from RFC 4226, so the core is never checked against itself.
 */
#include <string.h>

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>

#include "unit.h"

unit_pbkdf2_log unit_pbkdf2;

/* xorshift32: fast, deterministic, good enough for test data. */
uint32_t
unit_rand(uint32_t *state)
{
	uint32_t	x = *state ? *state : 0x9e3779b9u;

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	*state = x;
	return x;
}

void
unit_fill(uint8_t *buf, size_t len, uint32_t seed)
{
	uint32_t	state = seed * 2654435761u + 1;

	for (size_t i = 0; i < len; i++)
		buf[i] = (uint8_t) (unit_rand(&state) >> 24);
}

size_t
ref_hmac(otp_algorithm algorithm, const uint8_t *key, size_t key_len,
		 const uint8_t *msg, size_t msg_len, uint8_t *out)
{
	static const char *const digests[] = {"SHA1", "SHA256", "SHA512"};
	static const uint8_t empty[1] = {0};
	size_t		out_len = 0;

	/* EVP_Q_mac wants real pointers even for empty inputs. */
	if (EVP_Q_mac(NULL, "HMAC", NULL, digests[algorithm], NULL,
				  key_len ? key : empty, key_len,
				  msg_len ? msg : empty, msg_len,
				  out, REF_HMAC_MAX_LEN, &out_len) == NULL)
		return 0;
	return out_len;
}

void
ref_hotp(otp_algorithm algorithm, const uint8_t *key, size_t key_len,
		 uint64_t counter, int digits, char out[OTP_CODE_BUFSIZE])
{
	uint8_t		msg[8];
	uint8_t		mac[REF_HMAC_MAX_LEN];
	size_t		mac_len;
	uint32_t	value;
	uint32_t	modulus = 1;
	unsigned	offset;

	for (int i = 0; i < 8; i++)
		msg[i] = (uint8_t) (counter >> (56 - 8 * i));
	mac_len = ref_hmac(algorithm, key, key_len, msg, sizeof(msg), mac);
	if (mac_len == 0)
	{
		unit_check(0, __FILE__, __LINE__, "fixture: OpenSSL HMAC for ref_hotp",
				   "a digest", "EVP_Q_mac failed");
		out[0] = '\0';
		return;
	}
	/* RFC 4226 section 5.3, dynamic truncation. */
	offset = mac[mac_len - 1] & 0x0f;
	value = ((uint32_t) (mac[offset] & 0x7f) << 24) |
		((uint32_t) mac[offset + 1] << 16) |
		((uint32_t) mac[offset + 2] << 8) |
		(uint32_t) mac[offset + 3];
	for (int i = 0; i < digits; i++)
		modulus *= 10;
	value %= modulus;
	for (int i = digits - 1; i >= 0; i--, value /= 10)
		out[i] = (char) ('0' + value % 10);
	out[digits] = '\0';
}

void
unit_base32(const uint8_t *key, size_t len, char *out, size_t out_size)
{
	int			status = otp_base32_encode(key, len, out, out_size);

	if (status != OTP_OK)
	{
		unit_check(0, __FILE__, __LINE__, "fixture: base32 of a test key",
				   "OTP_OK", unit_status_name(status));
		if (out_size > 0)
			out[0] = '\0';
	}
}

/* PBKDF2 through EVP_KDF, as OpenSSL's own PKCS5_PBKDF2_HMAC does it. */
static int
pbkdf2_evp(const void *pass, size_t pass_len, const uint8_t *salt,
		   size_t salt_len, int iterations, const char *digest,
		   uint8_t *out, size_t out_len)
{
	EVP_KDF    *kdf = EVP_KDF_fetch(NULL, OSSL_KDF_NAME_PBKDF2, NULL);
	EVP_KDF_CTX *ctx = kdf != NULL ? EVP_KDF_CTX_new(kdf) : NULL;
	OSSL_PARAM	params[6];
	OSSL_PARAM *p = params;
	int			pkcs5 = 1;		/* no SP 800-132 floors, like the legacy call */
	int			ok = 0;

	EVP_KDF_free(kdf);
	if (ctx == NULL)
		return 0;
	*p++ = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_PASSWORD,
											 (void *) pass, pass_len);
	*p++ = OSSL_PARAM_construct_int(OSSL_KDF_PARAM_PKCS5, &pkcs5);
	*p++ = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SALT,
											 (void *) salt, salt_len);
	*p++ = OSSL_PARAM_construct_int(OSSL_KDF_PARAM_ITER, &iterations);
	*p++ = OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST,
											(char *) digest, 0);
	*p = OSSL_PARAM_construct_end();
	ok = EVP_KDF_derive(ctx, out, out_len, params) == 1;
	EVP_KDF_CTX_free(ctx);
	return ok;
}

int
ref_pbkdf2_sha256(const void *pass, size_t pass_len, const uint8_t *salt,
				  size_t salt_len, int iterations, uint8_t *out, size_t out_len)
{
	return pbkdf2_evp(pass, pass_len, salt, salt_len, iterations, "SHA256",
					  out, out_len);
}

/*
 * The seam (see unit.h): this definition in the test binary takes the place
 * of libcrypto's for the core objects linked with it.
 */
int
PKCS5_PBKDF2_HMAC(const char *pass, int passlen, const unsigned char *salt,
				  int saltlen, int iter, const EVP_MD *digest, int keylen,
				  unsigned char *out)
{
	static const uint8_t empty[1] = {0};

	if (passlen < 0)
		passlen = (int) strlen(pass);
	unit_pbkdf2.calls++;
	unit_pbkdf2.iterations = iter;
	unit_pbkdf2.pass_len = passlen;
	unit_pbkdf2.salt_len = saltlen;
	unit_pbkdf2.key_len = keylen;
	unit_pbkdf2.md_type = digest != NULL ? EVP_MD_get_type(digest) : 0;
	if (digest == NULL || saltlen < 0 || keylen < 0)
		return 0;
	return pbkdf2_evp(passlen ? (const void *) pass : empty, (size_t) passlen,
					  saltlen ? salt : empty, (size_t) saltlen, iter,
					  EVP_MD_get0_name(digest), out, (size_t) keylen);
}
