/*
 * test_seal.c: sealed secrets (seal.c): "totp:v1:<key id>:<base64 of nonce |
 * ciphertext | tag>" under AES-256-GCM with "totp:v1:<key id>:" as associated
 * data. Round trips for every key size, the exact format checked against an
 * independent OpenSSL decryption, fresh nonces, identical results from every
 * secret-taking function for plain and sealed secrets, tampering and
 * truncation at every byte, key rotation and otp_reseal, buffer sizes, and
 * the messages of the keyring and sealing statuses.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>

#include "unit.h"

#define NONCE_BYTES 12
#define TAG_BYTES 16
#define V1 "totp:v1:"
#define V1_LEN (sizeof(V1) - 1)

/* Padded base64 length of n bytes, written out here rather than borrowed. */
#define B64_LEN(n) ((((n) + 2) / 3) * 4)

/* Length of a sealed value of an n-byte key under an id of id_len. */
#define SEALED_LEN(id_len, n) (V1_LEN + (id_len) + 1 + B64_LEN(NONCE_BYTES + (n) + TAG_BYTES))

#define ID_OLD "2024-01"
#define ID_NEW "2025-06.b"
#define ID_32 "abcdefghijklmnopqrstuvwxyz012345"
#define SEED_OLD 7001
#define SEED_NEW 7002
#define SEED_WRONG 7003
#define SEED_TWIN 7004

#define PLAIN_MAX (OTP_BASE32_LEN(OTP_MAX_KEY_BYTES) + 1)
#define TEXT_MAX 4096			/* lenient forms of a 1024-byte key */
#define URI_MAX 8192

/* Time and counter at which tampered values are asked to verify a real code. */
#define AT INT64_C(1111111109)
#define COUNTER 7

/* The keyrings every test uses, built by rings_setup() from the parser. */
static otp_keyring ring_old;	/* ID_OLD */
static otp_keyring ring_both;	/* ID_OLD, ID_NEW: ID_NEW seals */
static otp_keyring ring_new;	/* ID_NEW alone: ID_OLD retired */
static otp_keyring ring_wrong;	/* ID_NEW with other key bytes */
static otp_keyring ring_twins;	/* "x" and "y" with the same key bytes */
static otp_keyring ring_max_id;	/* one key under a 32-character id */
static otp_keyring ring_k_k1;	/* "k" then "k1": "k1" seals */
static otp_keyring ring_k1_k;	/* "k1" then "k": "k" seals */

/* --- fixtures ------------------------------------------------------------ */

static void
seal_key_bytes(uint32_t seed, uint8_t key[OTP_SEAL_KEY_BYTES])
{
	unit_fill(key, OTP_SEAL_KEY_BYTES, seed);
}

/* Parse "<id>:<hex of seed's key>" lines for n keys into ring; 1 on success. */
static int
make_ring(otp_keyring *ring, const char *name, size_t n, const char *const *ids,
		  const uint32_t *seeds)
{
	char		text[OTP_KEYRING_MAX_KEYS * 100];
	size_t		len = 0;
	size_t		bad_line = 0;

	for (size_t i = 0; i < n; i++)
	{
		uint8_t		key[OTP_SEAL_KEY_BYTES];

		seal_key_bytes(seeds[i], key);
		len += (size_t) snprintf(text + len, sizeof(text) - len, "%s:", ids[i]);
		for (size_t k = 0; k < sizeof(key); k++)
			len += (size_t) snprintf(text + len, sizeof(text) - len, "%02x", key[k]);
		text[len++] = '\n';
	}
	return CHECK_STATUS(unit_name("fixture: keyring %s parses", name),
						otp_keyring_parse(ring, text, len, &bad_line), OTP_OK);
}

static int
rings_setup(void)
{
	static const char *const old_new[] = {ID_OLD, ID_NEW};
	static const uint32_t old_new_seeds[] = {SEED_OLD, SEED_NEW};
	static const char *const twins[] = {"x", "y"};
	static const uint32_t twin_seeds[] = {SEED_TWIN, SEED_TWIN};
	static const char *const max_id[] = {ID_32};
	static const char *const k_k1[] = {"k", "k1"};
	static const char *const k1_k[] = {"k1", "k"};
	static const uint32_t k_k1_seeds[] = {SEED_OLD, SEED_NEW};
	static const uint32_t k1_k_seeds[] = {SEED_NEW, SEED_OLD};
	static const uint32_t wrong_seed[] = {SEED_WRONG};

	return make_ring(&ring_old, "old", 1, old_new, old_new_seeds) &&
		make_ring(&ring_both, "old+new", 2, old_new, old_new_seeds) &&
		make_ring(&ring_new, "new", 1, old_new + 1, old_new_seeds + 1) &&
		make_ring(&ring_wrong, "wrong", 1, old_new + 1, wrong_seed) &&
		make_ring(&ring_twins, "twins", 2, twins, twin_seeds) &&
		make_ring(&ring_max_id, "max id", 1, max_id, old_new_seeds) &&
		make_ring(&ring_k_k1, "k,k1", 2, k_k1, k_k1_seeds) &&
		make_ring(&ring_k1_k, "k1,k", 2, k1_k, k1_k_seeds);
}

static void
rings_wipe(void)
{
	otp_keyring_wipe(&ring_old);
	otp_keyring_wipe(&ring_both);
	otp_keyring_wipe(&ring_new);
	otp_keyring_wipe(&ring_wrong);
	otp_keyring_wipe(&ring_twins);
	otp_keyring_wipe(&ring_max_id);
	otp_keyring_wipe(&ring_k_k1);
	otp_keyring_wipe(&ring_k1_k);
}

/*
 * Open a sealed value with OpenSSL directly, following the documented format
 * and nothing of seal.c: split "totp:v1:<id>:" from the base64, decode, and
 * AES-256-GCM-decrypt with that prefix as associated data. Returns 1 and the
 * key bytes in out (room for 2048) if the tag checks.
 */
static int
ref_open(const char *sealed, size_t len, const uint8_t key[OTP_SEAL_KEY_BYTES],
		 uint8_t *out, size_t *out_len)
{
	uint8_t		payload[2048];
	const char *colon;
	EVP_CIPHER_CTX *ctx;
	size_t		aad_len;
	size_t		b64_len;
	size_t		payload_len;
	size_t		ct_len;
	int			n;
	int			ok;

	*out_len = 0;
	if (len < V1_LEN || memcmp(sealed, V1, V1_LEN) != 0)
		return 0;
	colon = memchr(sealed + V1_LEN, ':', len - V1_LEN);
	if (colon == NULL)
		return 0;
	aad_len = (size_t) (colon + 1 - sealed);
	b64_len = len - aad_len;
	if (b64_len == 0 || b64_len % 4 != 0 || b64_len / 4 * 3 > sizeof(payload))
		return 0;
	n = EVP_DecodeBlock(payload, (const unsigned char *) colon + 1, (int) b64_len);
	if (n < 0)
		return 0;
	payload_len = (size_t) n - (sealed[len - 1] == '=') - (sealed[len - 2] == '=');
	if (payload_len < NONCE_BYTES + TAG_BYTES)
		return 0;
	ct_len = payload_len - NONCE_BYTES - TAG_BYTES;

	ctx = EVP_CIPHER_CTX_new();
	ok = ctx != NULL &&
		EVP_DecryptInit_ex(ctx, EVP_aes_256_gcm(), NULL, key, payload) == 1 &&
		EVP_DecryptUpdate(ctx, NULL, &n, (const uint8_t *) sealed, (int) aad_len) == 1 &&
		EVP_DecryptUpdate(ctx, out, &n, payload + NONCE_BYTES, (int) ct_len) == 1 &&
		EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_TAG, TAG_BYTES,
							payload + NONCE_BYTES + ct_len) == 1 &&
		EVP_DecryptFinal_ex(ctx, out + ct_len, &n) == 1;
	EVP_CIPHER_CTX_free(ctx);
	if (ok)
		*out_len = ct_len;
	return ok;
}

/*
 * Seal plain[0..len) with OpenSSL directly into out[TEXT_MAX]: "totp:v1:<id>:"
 * and base64(nonce | ciphertext | tag), authenticating aad (the documented
 * "totp:v1:<id>:" when NULL). Returns the length, 0 on failure.
 */
static size_t
ref_seal(const char *id, const uint8_t key[OTP_SEAL_KEY_BYTES],
		 const uint8_t nonce[NONCE_BYTES], const uint8_t *plain, size_t len,
		 const char *aad, char *out)
{
	uint8_t		payload[2048];
	EVP_CIPHER_CTX *ctx;
	size_t		prefix_len;
	int			n;
	int			ok;

	prefix_len = (size_t) snprintf(out, TEXT_MAX, V1 "%s:", id);
	if (aad == NULL)
		aad = out;
	memcpy(payload, nonce, NONCE_BYTES);
	ctx = EVP_CIPHER_CTX_new();
	ok = ctx != NULL &&
		EVP_EncryptInit_ex(ctx, EVP_aes_256_gcm(), NULL, key, nonce) == 1 &&
		EVP_EncryptUpdate(ctx, NULL, &n, (const uint8_t *) aad,
						  (int) (aad == out ? prefix_len : strlen(aad))) == 1 &&
		EVP_EncryptUpdate(ctx, payload + NONCE_BYTES, &n, plain, (int) len) == 1 &&
		EVP_EncryptFinal_ex(ctx, payload + NONCE_BYTES + len, &n) == 1 &&
		EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_GET_TAG, TAG_BYTES,
							payload + NONCE_BYTES + len) == 1;
	EVP_CIPHER_CTX_free(ctx);
	if (!CHECK(("fixture: OpenSSL reference AES-256-GCM seal"), ok))
		return 0;
	return prefix_len + (size_t) EVP_EncodeBlock((unsigned char *) out + prefix_len,
												 payload,
												 (int) (NONCE_BYTES + len + TAG_BYTES));
}

/* otp_seal of a NUL-terminated secret into out[OTP_SEALED_BUFSIZE]. */
static int
seal_str(const char *secret, const otp_keyring *ring, char *out, size_t *out_len)
{
	return otp_seal(secret, strlen(secret), ring, out, OTP_SEALED_BUFSIZE, out_len);
}

/* The sealed value's prefix is exactly "totp:v1:<id>:". */
static int
sealed_under(const char *sealed, const char *id)
{
	return strncmp(sealed, V1, V1_LEN) == 0 &&
		strncmp(sealed + V1_LEN, id, strlen(id)) == 0 &&
		sealed[V1_LEN + strlen(id)] == ':';
}

/* --- recognising sealed values ------------------------------------------ */

static void
test_is_sealed(void)
{
	static const struct
	{
		const char *text;
		size_t		len;
		int			sealed;
	}			rows[] = {
		{"totp:v1:k:AAAA", 14, 1},
		{"totp:", 5, 1},
		{"totp:anything", 13, 1},
		{"totp", 4, 0},
		{"totp:v1:k:AAAA", 4, 0},	/* only the first 4 bytes count */
		{"", 0, 0},
		{"TOTP:v1:k:AAAA", 14, 0},
		{" totp:v1:k:AAAA", 15, 0},
		{"JBSWY3DPEHPK3PXP", 16, 0},
		{"totpv1", 6, 0},
	};

	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
		CHECK_INT(unit_name("otp_is_sealed(\"%.*s\") is %d", (int) rows[i].len,
							rows[i].text, rows[i].sealed),
				  otp_is_sealed(rows[i].text, rows[i].len), rows[i].sealed);
}

/* --- round trips and the format ----------------------------------------- */

/* Lenient forms of the canonical base32 text b32 into out[TEXT_MAX]. */
static void
lenient_form(int form, const char *b32, char *out)
{
	size_t		n = 0;
	size_t		len = strlen(b32);

	for (size_t i = 0; i < len; i++)
	{
		char		c = b32[i];

		if (form == 1 || form == 3)
			c = (char) (c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
		if (form == 2 && i > 0 && i % 4 == 0)
			out[n++] = ' ';
		if (form == 3 && i > 0 && i % 5 == 0)
			out[n++] = '-';
		out[n++] = c;
	}
	if (form == 4)
		while (n % 8 != 0)
			out[n++] = '=';
	out[n] = '\0';
}

static const char *const form_names[] = {
	"canonical", "lower case", "spaces every 4", "lower case with hyphens",
	"'=' padded"
};

static void
test_round_trip_key_sizes(void)
{
	static const size_t sizes[] = {10, 20, 32, 64, 1024};
	uint8_t		new_key[OTP_SEAL_KEY_BYTES];

	seal_key_bytes(SEED_NEW, new_key);
	for (size_t s = 0; s < sizeof(sizes) / sizeof(sizes[0]); s++)
	{
		size_t		n = sizes[s];
		uint8_t		raw[OTP_MAX_KEY_BYTES];
		char		canonical[PLAIN_MAX];

		unit_fill(raw, n, (uint32_t) (8000 + n));
		raw[n / 2] = 0x00;		/* keys are raw bytes: a zero is fine */
		unit_base32(raw, n, canonical, sizeof(canonical));
		for (int form = 0; form < 5; form++)
		{
			char		input[TEXT_MAX];
			char		sealed[OTP_SEALED_BUFSIZE];
			char		plain[PLAIN_MAX];
			uint8_t		opened[2048];
			size_t		opened_len = 0;
			size_t		sealed_len = 0;

			lenient_form(form, canonical, input);
			if (!CHECK_STATUS(unit_name("seal of a %zu-byte key (%s) succeeds", n,
										form_names[form]),
							  seal_str(input, &ring_both, sealed, &sealed_len), OTP_OK))
				continue;
			CHECK_INT(unit_name("a sealed %zu-byte key is %zu characters: 8 + id + 1 + "
								"base64 of 12 + %zu + 16", n,
								SEALED_LEN(sizeof(ID_NEW) - 1, n), n),
					  sealed_len, SEALED_LEN(sizeof(ID_NEW) - 1, n));
			CHECK_INT(unit_name("seal of a %zu-byte key (%s): out_len is strlen(out)",
								n, form_names[form]), strlen(sealed), sealed_len);
			CHECK(unit_name("a sealed %zu-byte key starts \"totp:v1:" ID_NEW ":\", the "
							"newest key (%s)", n, form_names[form]),
				  sealed_under(sealed, ID_NEW));
			CHECK(unit_name("a sealed %zu-byte key (%s) opens with OpenSSL directly "
							"(AES-256-GCM, nonce | ciphertext | tag, the prefix as "
							"associated data)", n, form_names[form]),
				  ref_open(sealed, sealed_len, new_key, opened, &opened_len) &&
				  opened_len == n && memcmp(opened, raw, n) == 0);
			if (CHECK_STATUS(unit_name("unseal of a sealed %zu-byte key (%s) succeeds",
									   n, form_names[form]),
							 otp_unseal(sealed, sealed_len, &ring_both, plain,
										sizeof(plain)), OTP_OK))
				CHECK_STR(unit_name("unseal of a sealed %zu-byte key (%s) gives the "
									"canonical base32", n, form_names[form]),
						  plain, canonical);
			if (CHECK_STATUS(unit_name("unseal of the %zu-byte key's plain input (%s) "
									   "succeeds", n, form_names[form]),
							 otp_unseal(input, strlen(input), NULL, plain,
										sizeof(plain)), OTP_OK))
				CHECK_STR(unit_name("unseal of a plain %zu-byte key (%s) canonicalises "
									"it", n, form_names[form]), plain, canonical);
		}
	}
}

/* Values made by OpenSSL in the documented format open; bad sizes do not. */
static void
test_reference_values_open(void)
{
	static const struct
	{
		size_t		len;
		int			status;
	}			sizes[] = {
		{10, OTP_OK}, {11, OTP_OK}, {12, OTP_OK}, {1024, OTP_OK},
		{9, OTP_ERR_SEALED_MALFORMED}, {0, OTP_ERR_SEALED_MALFORMED},
		{1025, OTP_ERR_SEALED_MALFORMED},
	};
	uint8_t		key[OTP_SEAL_KEY_BYTES];
	uint8_t		nonce[NONCE_BYTES];
	uint8_t		raw[OTP_MAX_KEY_BYTES + 1];
	char		sealed[TEXT_MAX];
	char		plain[PLAIN_MAX];
	char		expected[PLAIN_MAX];
	size_t		len;

	seal_key_bytes(SEED_NEW, key);
	unit_fill(nonce, sizeof(nonce), 42);
	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++)
	{
		unit_fill(raw, sizes[i].len, (uint32_t) (9000 + i));
		len = ref_seal(ID_NEW, key, nonce, raw, sizes[i].len, NULL, sealed);
		if (len == 0)
			continue;
		if (!CHECK_STATUS(unit_name("a %zu-byte key sealed by OpenSSL in the documented "
									"format unseals with %s", sizes[i].len,
									unit_status_name(sizes[i].status)),
						  otp_unseal(sealed, len, &ring_both, plain, sizeof(plain)),
						  sizes[i].status) || sizes[i].status != OTP_OK)
			continue;
		unit_base32(raw, sizes[i].len, expected, sizeof(expected));
		CHECK_STR(unit_name("a %zu-byte key sealed by OpenSSL unseals to its base32",
							sizes[i].len), plain, expected);
	}

	/* The associated data is exactly "totp:v1:<id>:", no more, no less. */
	unit_fill(raw, 20, 77);
	len = ref_seal(ID_NEW, key, nonce, raw, 20, "", sealed);
	CHECK_STATUS("a value sealed without associated data is OTP_ERR_SEALED_AUTH",
				 otp_unseal(sealed, len, &ring_both, plain, sizeof(plain)),
				 OTP_ERR_SEALED_AUTH);
	len = ref_seal(ID_NEW, key, nonce, raw, 20, V1 ID_NEW, sealed);
	CHECK_STATUS("a value whose associated data lacks the final ':' is "
				 "OTP_ERR_SEALED_AUTH",
				 otp_unseal(sealed, len, &ring_both, plain, sizeof(plain)),
				 OTP_ERR_SEALED_AUTH);
	len = ref_seal(ID_NEW, key, nonce, raw, 20, ID_NEW, sealed);
	CHECK_STATUS("a value authenticating only the key id is OTP_ERR_SEALED_AUTH",
				 otp_unseal(sealed, len, &ring_both, plain, sizeof(plain)),
				 OTP_ERR_SEALED_AUTH);
}

static int
compare_nonces(const void *a, const void *b)
{
	return memcmp(a, b, NONCE_BYTES);
}

static void
test_nonces_never_repeat(void)
{
	enum
	{
		SEALS = 10000
	};
	static uint8_t nonces[SEALS][NONCE_BYTES];
	const size_t b64_at = V1_LEN + sizeof(ID_NEW);	/* past "totp:v1:<id>:" */
	size_t		failed = 0;
	size_t		repeats = 0;

	for (size_t i = 0; i < SEALS; i++)
	{
		char		sealed[OTP_SEALED_BUFSIZE];
		size_t		sealed_len = 0;

		/* 12 nonce bytes are exactly the first 16 base64 characters. */
		if (seal_str("JBSWY3DPEHPK3PXP", &ring_both, sealed, &sealed_len) != OTP_OK ||
			sealed_len < b64_at + 16 ||
			EVP_DecodeBlock(nonces[i], (const unsigned char *) sealed + b64_at, 16) != 12)
			failed++;
	}
	CHECK_INT("10000 seals of one secret all succeed and carry a decodable nonce",
			  failed, 0);
	qsort(nonces, SEALS, NONCE_BYTES, compare_nonces);
	for (size_t i = 1; i < SEALS; i++)
		repeats += memcmp(nonces[i - 1], nonces[i], NONCE_BYTES) == 0;
	CHECK_INT("10000 seals of the same secret use 10000 different nonces", repeats, 0);
}

static void
test_sealing_a_sealed_value_reencrypts(void)
{
	char		first[OTP_SEALED_BUFSIZE];
	char		second[OTP_SEALED_BUFSIZE];
	char		third[OTP_SEALED_BUFSIZE];
	char		plain[PLAIN_MAX];
	size_t		first_len = 0;
	size_t		second_len = 0;
	size_t		third_len = 0;

	if (!CHECK_STATUS("fixture: seal a plain secret",
					  seal_str("JBSWY3DPEHPK3PXP", &ring_both, first, &first_len), OTP_OK))
		return;
	if (CHECK_STATUS("sealing a sealed value succeeds",
					 otp_seal(first, first_len, &ring_both, second, sizeof(second),
							  &second_len), OTP_OK))
	{
		CHECK(("sealing a sealed value gives a different value (fresh nonce)"),
			  second_len == first_len && memcmp(first, second, first_len) != 0);
		CHECK(("sealing a sealed value does not nest it: same length, one prefix"),
			  second_len == first_len && strstr(second + 1, "totp:") == NULL);
		CHECK(("sealing a sealed value keeps the secret"),
			  otp_unseal(second, second_len, &ring_both, plain, sizeof(plain)) == OTP_OK &&
			  strcmp(plain, "JBSWY3DPEHPK3PXP") == 0);
	}

	/* Sealing a value under an old key moves it to the newest. */
	if (CHECK_STATUS("fixture: seal under the old key",
					 seal_str("JBSWY3DPEHPK3PXP", &ring_old, first, &first_len), OTP_OK) &&
		CHECK_STATUS("sealing an old-key value with the rotated ring succeeds",
					 otp_seal(first, first_len, &ring_both, third, sizeof(third),
							  &third_len), OTP_OK))
		CHECK(("sealing an old-key value puts it under the newest key"),
			  sealed_under(third, ID_NEW) &&
			  otp_unseal(third, third_len, &ring_new, plain, sizeof(plain)) == OTP_OK &&
			  strcmp(plain, "JBSWY3DPEHPK3PXP") == 0);
}

static void
test_seal_rejects_bad_secrets(void)
{
	static const struct
	{
		const char *what;
		const char *secret;
		int			status;
	}			rows[] = {
		{"an empty secret", "", OTP_ERR_SECRET_SHORT},
		{"a 5-byte secret", "JBSWY3DP", OTP_ERR_SECRET_SHORT},
		{"a 9-byte secret", "JBSWY3DPEHPK3PQ", OTP_ERR_SECRET_SHORT},
		{"a secret with '!'", "JBSWY3DP!HPK3PXP", OTP_ERR_SECRET_BASE32},
		{"a secret with '1'", "JBSWY3DP1HPK3PXP", OTP_ERR_SECRET_BASE32},
	};
	char		big[TEXT_MAX];
	uint8_t		raw[OTP_MAX_KEY_BYTES + 1];
	char		out[OTP_SEALED_BUFSIZE];
	size_t		out_len;

	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
	{
		out_len = 99;
		CHECK_STATUS(unit_name("sealing %s is %s", rows[i].what,
							   unit_status_name(rows[i].status)),
					 seal_str(rows[i].secret, &ring_both, out, &out_len), rows[i].status);
		CHECK_INT(unit_name("sealing %s sets out_len 0", rows[i].what), out_len, 0);
	}
	unit_fill(raw, sizeof(raw), 5);
	unit_base32(raw, sizeof(raw), big, sizeof(big));
	CHECK_STATUS("sealing a 1025-byte secret is OTP_ERR_SECRET_LONG",
				 seal_str(big, &ring_both, out, &out_len), OTP_ERR_SECRET_LONG);
}

/* --- every function agrees on plain and sealed secrets ------------------- */


/* A secret as plain base32 (lower case, spaced) and as a sealed value. */
typedef struct secret_pair
{
	char		plain[TEXT_MAX];
	char		sealed[OTP_SEALED_BUFSIZE];
	size_t		sealed_len;
} secret_pair;

static int
make_pair(const char *seed, secret_pair *pair)
{
	char		canonical[PLAIN_MAX];

	unit_base32((const uint8_t *) seed, strlen(seed), canonical, sizeof(canonical));
	lenient_form(2, canonical, pair->plain);
	return CHECK_STATUS(unit_name("fixture: seal the %zu-byte RFC seed", strlen(seed)),
						seal_str(pair->plain, &ring_both, pair->sealed,
								 &pair->sealed_len), OTP_OK);
}

static void
test_totp_agrees_plain_and_sealed(void)
{
	secret_pair pairs[3];

	for (int a = 0; a < 3; a++)
		if (!make_pair(rfc6238_seeds[a], &pairs[a]))
			return;
	for (size_t i = 0; i < sizeof(rfc6238) / sizeof(rfc6238[0]); i++)
	{
		const secret_pair *pair = &pairs[rfc6238[i].algorithm];
		otp_params	params = {8, 30, rfc6238[i].algorithm};
		int64_t		t = rfc6238[i].time;
		char		plain_code[OTP_CODE_BUFSIZE];
		char		sealed_code[OTP_CODE_BUFSIZE];
		int64_t		plain_step = 12345;
		int64_t		sealed_step = 12345;

		CHECK_STATUS(unit_name("totp_code of the plain RFC seed at %lld succeeds "
							   "without a keyring", (long long) t),
					 otp_totp_code(pair->plain, strlen(pair->plain), NULL, t, &params,
								   plain_code), OTP_OK);
		CHECK_STATUS(unit_name("totp_code of the sealed RFC seed at %lld succeeds",
							   (long long) t),
					 otp_totp_code(pair->sealed, pair->sealed_len, &ring_both, t,
								   &params, sealed_code), OTP_OK);
		CHECK_STR(unit_name("totp_code of the plain seed at %lld is RFC 6238's %s",
							(long long) t, rfc6238[i].code), plain_code, rfc6238[i].code);
		CHECK_STR(unit_name("totp_code of the sealed seed at %lld is RFC 6238's %s",
							(long long) t, rfc6238[i].code), sealed_code, rfc6238[i].code);

		CHECK_STATUS(unit_name("totp_verify of the plain seed at %lld succeeds",
							   (long long) t),
					 otp_totp_verify(pair->plain, strlen(pair->plain), NULL,
									 rfc6238[i].code, 8, 1, t, -1, &params,
									 &plain_step), OTP_OK);
		CHECK_STATUS(unit_name("totp_verify of the sealed seed at %lld succeeds",
							   (long long) t),
					 otp_totp_verify(pair->sealed, pair->sealed_len, &ring_both,
									 rfc6238[i].code, 8, 1, t, -1, &params,
									 &sealed_step), OTP_OK);
		CHECK_INT(unit_name("totp_verify of the plain seed at %lld matches step t/30",
							(long long) t), plain_step, t / 30);
		CHECK_INT(unit_name("totp_verify of the sealed seed at %lld matches step t/30",
							(long long) t), sealed_step, t / 30);
		CHECK_STATUS(unit_name("totp_verify of the sealed seed at %lld with the step "
							   "already used is no match", (long long) t),
					 otp_totp_verify(pair->sealed, pair->sealed_len, &ring_both,
									 rfc6238[i].code, 8, 1, t, t / 30, &params,
									 &sealed_step), OTP_OK);
		CHECK_INT(unit_name("the replay guard holds for the sealed seed at %lld",
							(long long) t), sealed_step, OTP_NO_MATCH);
	}
}

static void
test_hotp_agrees_plain_and_sealed(void)
{
	const otp_params params = {6, 30, OTP_SHA1};
	secret_pair pair;

	if (!make_pair(rfc6238_seeds[0], &pair))
		return;
	for (int64_t c = 0; c < 10; c++)
	{
		char		plain_code[OTP_CODE_BUFSIZE];
		char		sealed_code[OTP_CODE_BUFSIZE];
		int64_t		plain_next = 12345;
		int64_t		sealed_next = 12345;

		if (CHECK_STATUS(unit_name("hotp_code of the sealed RFC 4226 seed, counter %lld, "
								   "succeeds", (long long) c),
						 otp_hotp_code(pair.sealed, pair.sealed_len, &ring_both, c,
									   &params, sealed_code), OTP_OK))
			CHECK_STR(unit_name("hotp_code of the sealed seed, counter %lld, is RFC "
								"4226's %s", (long long) c, rfc4226_codes[c]),
					  sealed_code, rfc4226_codes[c]);
		if (CHECK_STATUS(unit_name("hotp_code of the plain seed, counter %lld, succeeds "
								   "without a keyring", (long long) c),
						 otp_hotp_code(pair.plain, strlen(pair.plain), NULL, c, &params,
									   plain_code), OTP_OK))
			CHECK_STR(unit_name("hotp_code of the plain seed, counter %lld, is RFC "
								"4226's %s", (long long) c, rfc4226_codes[c]),
					  plain_code, rfc4226_codes[c]);

		/* From counter 0 with look-ahead 9, every code is found at c. */
		otp_hotp_verify(pair.plain, strlen(pair.plain), NULL, rfc4226_codes[c], 6,
						0, 9, &params, &plain_next);
		CHECK_STATUS(unit_name("hotp_verify of the sealed seed, code %lld, succeeds",
							   (long long) c),
					 otp_hotp_verify(pair.sealed, pair.sealed_len, &ring_both,
									 rfc4226_codes[c], 6, 0, 9, &params,
									 &sealed_next), OTP_OK);
		CHECK_INT(unit_name("hotp_verify of the plain seed finds code %lld: next %lld",
							(long long) c, (long long) c + 1), plain_next, c + 1);
		CHECK_INT(unit_name("hotp_verify of the sealed seed finds code %lld: next %lld",
							(long long) c, (long long) c + 1), sealed_next, c + 1);
	}
}

static void
test_uri_agrees_plain_and_sealed(void)
{
	static const char account[] = "alice@example.com";
	static const char issuer[] = "ACME Co";

	for (int a = 0; a < 3; a++)
	{
		otp_params	params = {a == 0 ? 6 : 8, a == 2 ? 60 : 30, (otp_algorithm) a};
		secret_pair pair;
		char		plain_uri[URI_MAX];
		char		sealed_uri[URI_MAX];
		char		canonical[PLAIN_MAX];
		char		want[URI_MAX];
		size_t		plain_len = 0;
		size_t		sealed_len = 0;
		size_t		size;

		if (!make_pair(rfc6238_seeds[a], &pair))
			continue;
		size = otp_uri_bufsize(pair.sealed_len, sizeof(account) - 1, sizeof(issuer) - 1);
		CHECK_STATUS(unit_name("otp_uri of the plain %s seed succeeds without a "
							   "keyring", otp_algorithm_uri_name(params.algorithm)),
					 otp_uri(pair.plain, strlen(pair.plain), NULL, account,
							 sizeof(account) - 1, issuer, sizeof(issuer) - 1, &params,
							 plain_uri, size, &plain_len), OTP_OK);
		CHECK_STATUS(unit_name("otp_uri of the sealed %s seed succeeds",
							   otp_algorithm_uri_name(params.algorithm)),
					 otp_uri(pair.sealed, pair.sealed_len, &ring_both, account,
							 sizeof(account) - 1, issuer, sizeof(issuer) - 1, &params,
							 sealed_uri, size, &sealed_len), OTP_OK);
		CHECK_STR(unit_name("otp_uri of the sealed %s seed is the plain seed's URI",
							otp_algorithm_uri_name(params.algorithm)),
				  sealed_uri, plain_uri);
		CHECK_INT(unit_name("otp_uri's out_len agrees for the %s seed",
							otp_algorithm_uri_name(params.algorithm)),
				  sealed_len, plain_len);

		/* The URI carries the canonical base32, never the sealed value. */
		unit_base32((const uint8_t *) rfc6238_seeds[a], strlen(rfc6238_seeds[a]),
					canonical, sizeof(canonical));
		snprintf(want, sizeof(want), "?secret=%s&", canonical);
		CHECK(unit_name("the %s URI of a sealed seed holds its canonical base32 and "
						"nothing sealed", otp_algorithm_uri_name(params.algorithm)),
			  strstr(sealed_uri, want) != NULL && strstr(sealed_uri, "totp:") == NULL);
	}
}

/* --- no keyring, and an empty one ---------------------------------------- */

/* Every secret-taking function, by name, for loops and messages. */
enum
{
	F_UNSEAL, F_TOTP_CODE, F_TOTP_VERIFY, F_HOTP_CODE, F_HOTP_VERIFY, F_URI,
	F_SEAL, F_RESEAL, F_COUNT
};
static const char *const f_names[F_COUNT] = {
	"otp_unseal", "otp_totp_code", "otp_totp_verify", "otp_hotp_code",
	"otp_hotp_verify", "otp_uri", "otp_seal", "otp_reseal"
};

/*
 * Call every function with value under ring, asking the verifiers to match
 * the real codes of key[0..key_len) at AT and COUNTER. Statuses go to st;
 * returns 1 if any call matched a code or wrote output despite failing.
 */
static int
call_all(const char *value, size_t len, const otp_keyring *ring,
		 const uint8_t *key, size_t key_len, int st[F_COUNT])
{
	static const otp_params params = {6, 30, OTP_SHA1};
	char		totp[OTP_CODE_BUFSIZE];
	char		hotp[OTP_CODE_BUFSIZE];
	char		out[URI_MAX];
	size_t		out_len;
	int64_t		matched;
	int			leaked = 0;

	ref_hotp(OTP_SHA1, key, key_len, (uint64_t) (AT / 30), 6, totp);
	ref_hotp(OTP_SHA1, key, key_len, COUNTER, 6, hotp);

	memset(out, 'x', sizeof(out));
	st[F_UNSEAL] = otp_unseal(value, len, ring, out, PLAIN_MAX);
	leaked |= st[F_UNSEAL] != OTP_OK && out[0] != '\0';

	memset(out, 'x', sizeof(out));
	st[F_TOTP_CODE] = otp_totp_code(value, len, ring, AT, &params, out);
	leaked |= st[F_TOTP_CODE] != OTP_OK && out[0] != '\0';

	matched = 12345;
	st[F_TOTP_VERIFY] = otp_totp_verify(value, len, ring, totp, 6, 1, AT, -1, &params,
										&matched);
	leaked |= st[F_TOTP_VERIFY] != OTP_OK && matched != OTP_NO_MATCH;

	memset(out, 'x', sizeof(out));
	st[F_HOTP_CODE] = otp_hotp_code(value, len, ring, COUNTER, &params, out);
	leaked |= st[F_HOTP_CODE] != OTP_OK && out[0] != '\0';

	matched = 12345;
	st[F_HOTP_VERIFY] = otp_hotp_verify(value, len, ring, hotp, 6, COUNTER, 0, &params,
										&matched);
	leaked |= st[F_HOTP_VERIFY] != OTP_OK && matched != OTP_NO_MATCH;

	memset(out, 'x', sizeof(out));
	out_len = 99;
	st[F_URI] = otp_uri(value, len, ring, "a", 1, "b", 1, &params, out, sizeof(out),
						&out_len);
	leaked |= st[F_URI] != OTP_OK && (out[0] != '\0' || out_len != 0);

	out_len = 99;
	st[F_SEAL] = otp_seal(value, len, ring, out, sizeof(out), &out_len);
	leaked |= st[F_SEAL] != OTP_OK && out_len != 0;

	out_len = 99;
	st[F_RESEAL] = otp_reseal(value, len, ring, out, sizeof(out), &out_len);
	leaked |= st[F_RESEAL] != OTP_OK && out_len != 0;
	return leaked;
}

/* n pseudo-random key bytes, and their sealed value under ring_both. */
static int
sealed_fixture(uint32_t seed, size_t n, uint8_t *raw, char *sealed, size_t *len)
{
	char		b32[PLAIN_MAX];

	unit_fill(raw, n, seed);
	unit_base32(raw, n, b32, sizeof(b32));
	return CHECK_STATUS(unit_name("fixture: seal a %zu-byte key", n),
						seal_str(b32, &ring_both, sealed, len), OTP_OK);
}

static void
test_no_keyring(void)
{
	uint8_t		raw[20];
	char		sealed[OTP_SEALED_BUFSIZE];
	char		b32[PLAIN_MAX];
	size_t		len = 0;
	int			st[F_COUNT];

	if (!sealed_fixture(11, 20, raw, sealed, &len))
		return;
	CHECK_INT("with no keyring, no function matches or writes for a sealed secret",
			  call_all(sealed, len, NULL, raw, 20, st), 0);
	for (int f = 0; f < F_COUNT; f++)
		CHECK_STATUS(unit_name("%s of a sealed secret with keyring NULL is "
							   "OTP_ERR_KEYRING_NONE", f_names[f]),
					 st[f], OTP_ERR_KEYRING_NONE);

	unit_base32(raw, 20, b32, sizeof(b32));
	call_all(b32, strlen(b32), NULL, raw, 20, st);
	for (int f = 0; f < F_SEAL; f++)
		CHECK_STATUS(unit_name("%s of a plain secret with keyring NULL works",
							   f_names[f]), st[f], OTP_OK);
	CHECK_STATUS("otp_seal with keyring NULL is OTP_ERR_KEYRING_NONE", st[F_SEAL],
				 OTP_ERR_KEYRING_NONE);
	CHECK_STATUS("otp_reseal of a plain secret with keyring NULL is "
				 "OTP_ERR_SEALED_NOT", st[F_RESEAL], OTP_ERR_SEALED_NOT);
}

/*
 * A keyring with no keys is what otp_keyring_wipe and every failed parse
 * leave. It has no newest key, so sealing with it must fail. The ring sits
 * after a zeroed guard so that a regression to reading keys[count - 1] with
 * count 0 (as otp_seal once did) stays inside this object and is reported
 * as a failed check instead of a crash.
 */
static void
test_empty_keyring(void)
{
	static struct
	{
		uint8_t		guard[256];
		otp_keyring ring;
	}			empty;
	uint8_t		raw[20];
	char		sealed[OTP_SEALED_BUFSIZE];
	char		out[OTP_SEALED_BUFSIZE];
	char		plain[PLAIN_MAX];
	size_t		len = 0;
	size_t		out_len = 99;

	memset(&empty, 0, sizeof(empty));
	if (!sealed_fixture(12, 20, raw, sealed, &len))
		return;
	memset(out, 0, sizeof(out));
	CHECK_STATUS("otp_seal with a keyring of no keys (count 0) is "
				 "OTP_ERR_KEYRING_EMPTY",
				 seal_str("JBSWY3DPEHPK3PXP", &empty.ring, out, &out_len),
				 OTP_ERR_KEYRING_EMPTY);
	CHECK(unit_name("otp_seal with a keyring of no keys writes no sealed value (got "
					"out_len %zu, \"%.16s\")", out_len, out),
		  out_len == 0 && out[0] == '\0');
	CHECK_STATUS("otp_unseal of a sealed secret with a keyring of no keys is "
				 "OTP_ERR_SEALED_KEY_ID",
				 otp_unseal(sealed, len, &empty.ring, plain, sizeof(plain)),
				 OTP_ERR_SEALED_KEY_ID);
	out_len = 99;
	CHECK_STATUS("otp_reseal with a keyring of no keys is OTP_ERR_KEYRING_EMPTY",
				 otp_reseal(sealed, len, &empty.ring, out, sizeof(out), &out_len),
				 OTP_ERR_KEYRING_EMPTY);
	CHECK_INT("otp_reseal with a keyring of no keys sets out_len 0", out_len, 0);
}

/* --- damaged values ------------------------------------------------------ */

static int
is_sealed_error(int status)
{
	return status == OTP_ERR_SEALED_AUTH || status == OTP_ERR_SEALED_MALFORMED ||
		status == OTP_ERR_SEALED_VERSION || status == OTP_ERR_SEALED_KEY_ID;
}

/*
 * Whether status is the right error from function f for a damaged value: a
 * value without the "totp:" prefix is an (invalid) plain secret, so base32
 * errors (reseal: SEALED_NOT); otherwise a sealed error, narrowed by where
 * the damage is when `region` says.
 */
enum region
{
	ANYWHERE, IN_VERSION, IN_ID, IN_ID_COLON, IN_PAYLOAD
};

static int
right_error(int f, const char *value, size_t len, enum region region, int status)
{
	if (len < 5 || memcmp(value, "totp:", 5) != 0)
		return f == F_RESEAL ? status == OTP_ERR_SEALED_NOT :
			status == OTP_ERR_SECRET_BASE32 || status == OTP_ERR_SECRET_SHORT;
	switch (region)
	{
		case IN_VERSION:
			return status == OTP_ERR_SEALED_VERSION;
		case IN_ID:
			return status == OTP_ERR_SEALED_KEY_ID || status == OTP_ERR_SEALED_MALFORMED;
		case IN_ID_COLON:
			return status == OTP_ERR_SEALED_MALFORMED;
		case IN_PAYLOAD:
			return status == OTP_ERR_SEALED_AUTH || status == OTP_ERR_SEALED_MALFORMED;
		case ANYWHERE:
			break;
	}
	return is_sealed_error(status);
}

static void
test_tamper_every_byte(void)
{
	/* xor values, then replacement bytes. */
	static const struct
	{
		int			flip;		/* xor the byte with this, */
		char		c;			/* or, when flip is 0, replace it */
	}			edits[] = {
		{0x01, 0}, {0x02, 0}, {0x04, 0}, {0x08, 0}, {0x10, 0}, {0x20, 0},
		{0x40, 0}, {0x80, 0}, {0xff, 0},
		{0, 'A'}, {0, 'z'}, {0, '0'}, {0, '+'}, {0, '/'}, {0, '='}, {0, ':'},
		{0, ' '}, {0, '-'}, {0, '\0'},
	};
	/* 10 bytes: one '=' of padding; 12: two; 20: none. */
	static const size_t sizes[] = {10, 12, 20};
	const size_t id_at = V1_LEN;
	const size_t colon_at = V1_LEN + sizeof(ID_NEW) - 1;

	for (size_t s = 0; s < sizeof(sizes) / sizeof(sizes[0]); s++)
	{
		uint8_t		raw[20];
		char		sealed[OTP_SEALED_BUFSIZE];
		size_t		len = 0;

		if (!sealed_fixture(20 + (uint32_t) s, sizes[s], raw, sealed, &len))
			continue;
		for (size_t e = 0; e < sizeof(edits) / sizeof(edits[0]); e++)
		{
			int			wrong = 0;
			int			leaked = 0;
			size_t		first_at = 0;
			int			first_f = 0;
			int			first_status = 0;

			for (size_t p = 0; p < len; p++)
			{
				char		bad[OTP_SEALED_BUFSIZE];
				int			st[F_COUNT];
				enum region region;

				memcpy(bad, sealed, len);
				bad[p] = edits[e].flip ? (char) (bad[p] ^ edits[e].flip) : edits[e].c;
				if (bad[p] == sealed[p])
					continue;
				region = p < 5 ? ANYWHERE : p < id_at ? IN_VERSION :
					p < colon_at ? IN_ID : p == colon_at ? IN_ID_COLON : IN_PAYLOAD;
				leaked |= call_all(bad, len, &ring_both, raw, sizes[s], st);
				for (int f = 0; f < F_COUNT; f++)
					if (!right_error(f, bad, len, region, st[f]) && wrong++ == 0)
						first_at = p, first_f = f, first_status = st[f];
			}
			CHECK_INT(unit_name("changing any one byte of a sealed %zu-byte key (%s "
								"0x%02x) makes every function fail with the error for "
								"that place (first wrong: byte %zu, %s, %s)", sizes[s],
								edits[e].flip ? "xor" : "to", edits[e].flip ?
								edits[e].flip : (unsigned char) edits[e].c, first_at,
								f_names[first_f], unit_status_name(first_status)),
					  wrong, 0);
			CHECK_INT(unit_name("changing any one byte of a sealed %zu-byte key (%s "
								"0x%02x) never matches a code or writes output",
								sizes[s], edits[e].flip ? "xor" : "to", edits[e].flip ?
								edits[e].flip : (unsigned char) edits[e].c), leaked, 0);
		}
	}
}

static void
test_truncation_and_additions(void)
{
	static const char *const suffixes[] = {"\n", " ", "A", "=", ":", "AAAA", "====", "\r\n"};
	uint8_t		raw[20];
	char		sealed[OTP_SEALED_BUFSIZE];
	char		bad[OTP_SEALED_BUFSIZE + 8];
	size_t		len = 0;
	int			wrong = 0;
	int			leaked = 0;
	size_t		first_cut = 0;
	int			st[F_COUNT];

	if (!sealed_fixture(30, 20, raw, sealed, &len))
		return;
	for (size_t cut = 0; cut < len; cut++)
	{
		leaked |= call_all(sealed, cut, &ring_both, raw, 20, st);
		for (int f = 0; f < F_COUNT; f++)
			if (!(cut < 5 ? right_error(f, sealed, cut, ANYWHERE, st[f]) :
				  st[f] == OTP_ERR_SEALED_MALFORMED || st[f] == OTP_ERR_SEALED_AUTH) &&
				wrong++ == 0)
				first_cut = cut;
	}
	CHECK_INT(unit_name("every truncation of a sealed value is an error from every "
						"function: MALFORMED or AUTH once \"totp:\" is whole (first "
						"length that is not: %zu)", first_cut), wrong, 0);
	CHECK_INT("no truncation of a sealed value matches a code or writes output",
			  leaked, 0);

	for (size_t i = 0; i < sizeof(suffixes) / sizeof(suffixes[0]); i++)
	{
		size_t		n = strlen(suffixes[i]);
		int			not_error = 0;

		memcpy(bad, sealed, len);
		memcpy(bad + len, suffixes[i], n);
		CHECK_INT(unit_name("a sealed value with \"%s\" appended never matches or "
							"writes", suffixes[i][0] == '\n' ? "\\n" :
							suffixes[i][0] == '\r' ? "\\r\\n" : suffixes[i]),
				  call_all(bad, len + n, &ring_both, raw, 20, st), 0);
		for (int f = 0; f < F_COUNT; f++)
			not_error += !(st[f] == OTP_ERR_SEALED_MALFORMED || st[f] == OTP_ERR_SEALED_AUTH);
		CHECK_INT(unit_name("a sealed value with \"%s\" appended is MALFORMED or AUTH "
							"from every function", suffixes[i][0] == '\n' ? "\\n" :
							suffixes[i][0] == '\r' ? "\\r\\n" : suffixes[i]),
				  not_error, 0);
	}
	bad[0] = ' ';
	memcpy(bad + 1, sealed, len);
	CHECK_STATUS("a sealed value with a leading space is not sealed: "
				 "OTP_ERR_SECRET_BASE32",
				 otp_unseal(bad, len + 1, &ring_both, (char[PLAIN_MAX]) {0}, PLAIN_MAX),
				 OTP_ERR_SECRET_BASE32);
	CHECK_STATUS("a sealed value with a NUL appended is OTP_ERR_SEALED_MALFORMED",
				 otp_unseal(sealed, len + 1, &ring_both, (char[PLAIN_MAX]) {0}, PLAIN_MAX),
				 OTP_ERR_SEALED_MALFORMED);
}

static void
test_versions_and_malformed(void)
{
	uint8_t		raw[20];
	char		sealed[OTP_SEALED_BUFSIZE];
	const char *b64;
	char		bad[TEXT_MAX];
	char		plain[PLAIN_MAX];
	size_t		len = 0;
	static const struct
	{
		const char *format;		/* %s: a real base64 payload */
		int			status;
	}			rows[] = {
		{"totp:v2:" ID_NEW ":%s", OTP_ERR_SEALED_VERSION},
		{"totp:v0:" ID_NEW ":%s", OTP_ERR_SEALED_VERSION},
		{"totp:V1:" ID_NEW ":%s", OTP_ERR_SEALED_VERSION},
		{"totp:v11:" ID_NEW ":%s", OTP_ERR_SEALED_VERSION},
		{"totp:v1.1:" ID_NEW ":%s", OTP_ERR_SEALED_VERSION},
		{"totp::" ID_NEW ":%s", OTP_ERR_SEALED_VERSION},
		{"totp:x:%s", OTP_ERR_SEALED_VERSION},
		{"totp:", OTP_ERR_SEALED_MALFORMED},
		{"totp:v1", OTP_ERR_SEALED_MALFORMED},
		{"totp:v2", OTP_ERR_SEALED_MALFORMED},
		{"totp:v1:", OTP_ERR_SEALED_MALFORMED},
		{"totp:v1:k", OTP_ERR_SEALED_MALFORMED},
		{"totp:v1:k:", OTP_ERR_SEALED_MALFORMED},
		{"totp:v1:" ID_NEW ":", OTP_ERR_SEALED_MALFORMED},
		{"totp:v1:" ID_NEW, OTP_ERR_SEALED_MALFORMED},
		{"totp:v1::%s", OTP_ERR_SEALED_MALFORMED},
		{"totp:v1:" ID_32 "x:%s", OTP_ERR_SEALED_MALFORMED},
		{"totp:v1:" ID_NEW ":!!!!", OTP_ERR_SEALED_MALFORMED},
		{"totp:v1:" ID_NEW ":AAAA", OTP_ERR_SEALED_MALFORMED},
		{"totp:v1:" ID_NEW ":not base64 at all", OTP_ERR_SEALED_MALFORMED},
		{"totp:v1:" ID_NEW ": %s", OTP_ERR_SEALED_MALFORMED},
		{"totp:v1:" ID_NEW ":%s:", OTP_ERR_SEALED_MALFORMED},
		{"totp:v1:" ID_NEW ":%s:extra", OTP_ERR_SEALED_MALFORMED},
		{"totp:v1:" ID_NEW ":%sA", OTP_ERR_SEALED_MALFORMED},
		{"totp:v1:nope:%s", OTP_ERR_SEALED_KEY_ID},
		{"totp:v1:" ID_32 ":%s", OTP_ERR_SEALED_KEY_ID},
		{"totp:v1:2025-06.B:%s", OTP_ERR_SEALED_KEY_ID},
		{"totp:v1:2025-06.b :%s", OTP_ERR_SEALED_KEY_ID},
		{"totp:v1:" ID_NEW ":%sAAAA", OTP_ERR_SEALED_AUTH},
	};

	if (!sealed_fixture(40, 20, raw, sealed, &len))
		return;
	b64 = sealed + V1_LEN + sizeof(ID_NEW);
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
	{
		int			st[F_COUNT];
		int			wrong = 0;
		int			n = snprintf(bad, sizeof(bad), rows[i].format, b64);

		CHECK_STATUS(unit_name("unseal of \"%.40s\" is %s", bad,
							   unit_status_name(rows[i].status)),
					 otp_unseal(bad, (size_t) n, &ring_both, plain, sizeof(plain)),
					 rows[i].status);
		CHECK_INT(unit_name("\"%.40s\" never matches or writes", bad),
				  call_all(bad, (size_t) n, &ring_both, raw, 20, st), 0);
		for (int f = 0; f < F_COUNT; f++)
			wrong += st[f] != rows[i].status;
		CHECK_INT(unit_name("every function gives %s for \"%.40s\"",
							unit_status_name(rows[i].status), bad), wrong, 0);
	}

	/*
	 * The payload in base64url spelling. A random payload need not hold '+'
	 * or '/', so force one url-safe character: the check must always run.
	 */
	for (size_t i = 0; b64[i] != '\0'; i++)
		bad[i] = b64[i] == '+' ? '-' : b64[i] == '/' ? '_' : b64[i];
	bad[strlen(b64)] = '\0';
	if (strcmp(bad, b64) == 0)
		bad[0] = '-';
	{
		char		url[TEXT_MAX];
		int			n = snprintf(url, sizeof(url), V1 ID_NEW ":%s", bad);

		CHECK_STATUS("a payload in base64url is OTP_ERR_SEALED_MALFORMED",
					 otp_unseal(url, (size_t) n, &ring_both, plain, sizeof(plain)),
					 OTP_ERR_SEALED_MALFORMED);
	}
}

static void
test_key_id_is_authenticated(void)
{
	char		sealed[OTP_SEALED_BUFSIZE];
	char		swapped[TEXT_MAX];
	char		plain[PLAIN_MAX];
	size_t		len = 0;
	int			n;

	/* Twins: "x" and "y" hold the same key, so only the AAD can tell them apart. */
	if (CHECK_STATUS("fixture: seal with the twin ring (under \"y\")",
					 seal_str("JBSWY3DPEHPK3PXP", &ring_twins, sealed, &len), OTP_OK) &&
		CHECK(("fixture: the twin value is under \"y\""), sealed_under(sealed, "y")))
	{
		CHECK_STATUS("the twin value opens under its own id",
					 otp_unseal(sealed, len, &ring_twins, plain, sizeof(plain)), OTP_OK);
		memcpy(swapped, sealed, len);
		swapped[V1_LEN] = 'x';
		CHECK_STATUS("the id swapped for another id with the very same key bytes is "
					 "OTP_ERR_SEALED_AUTH: the id is authenticated",
					 otp_unseal(swapped, len, &ring_twins, plain, sizeof(plain)),
					 OTP_ERR_SEALED_AUTH);
	}

	/* An old-key value relabelled as the newest key. */
	if (CHECK_STATUS("fixture: seal under the old key",
					 seal_str("JBSWY3DPEHPK3PXP", &ring_old, sealed, &len), OTP_OK))
	{
		n = snprintf(swapped, sizeof(swapped), V1 ID_NEW "%s",
					 sealed + V1_LEN + sizeof(ID_OLD) - 1);
		CHECK_STATUS("an old-key value relabelled with the newest id (in the ring) is "
					 "OTP_ERR_SEALED_AUTH",
					 otp_unseal(swapped, (size_t) n, &ring_both, plain, sizeof(plain)),
					 OTP_ERR_SEALED_AUTH);
		CHECK_STATUS("reseal of the relabelled value is OTP_ERR_SEALED_AUTH, not "
					 "returned as already current",
					 otp_reseal(swapped, (size_t) n, &ring_both, (char[OTP_SEALED_BUFSIZE]) {0},
								OTP_SEALED_BUFSIZE, &(size_t) {0}),
					 OTP_ERR_SEALED_AUTH);
	}
}

static void
test_wrong_key_same_id(void)
{
	char		sealed[OTP_SEALED_BUFSIZE];
	char		plain[PLAIN_MAX];
	size_t		len = 0;
	int			st[F_COUNT];
	uint8_t		raw[20];
	int			wrong = 0;

	if (!sealed_fixture(50, 20, raw, sealed, &len))
		return;
	CHECK_INT("under the right id with the wrong key, nothing matches or writes",
			  call_all(sealed, len, &ring_wrong, raw, 20, st), 0);
	for (int f = 0; f < F_COUNT; f++)
		wrong += st[f] != OTP_ERR_SEALED_AUTH;
	CHECK_INT("a keyring with other bytes under the value's id gives "
			  "OTP_ERR_SEALED_AUTH from every function", wrong, 0);
	CHECK(("the wrong key leaves unseal's output empty"),
		  otp_unseal(sealed, len, &ring_wrong, plain, sizeof(plain)) ==
		  OTP_ERR_SEALED_AUTH && plain[0] == '\0');
}

/* --- rotation ------------------------------------------------------------ */

static void
test_rotation(void)
{
	char		old_value[OTP_SEALED_BUFSIZE];
	char		new_value[OTP_SEALED_BUFSIZE];
	char		again[OTP_SEALED_BUFSIZE];
	char		plain[PLAIN_MAX];
	uint8_t		new_key[OTP_SEAL_KEY_BYTES];
	uint8_t		opened[2048];
	size_t		opened_len = 0;
	size_t		old_len = 0;
	size_t		new_len = 0;
	size_t		again_len = 0;
	static const char secret[] = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

	if (!CHECK_STATUS("fixture: seal under the old ring",
					  seal_str(secret, &ring_old, old_value, &old_len), OTP_OK))
		return;
	CHECK(("a value sealed before rotation names the old key"),
		  sealed_under(old_value, ID_OLD));
	CHECK(("after a newer key is appended, an old-key value still unseals"),
		  otp_unseal(old_value, old_len, &ring_both, plain, sizeof(plain)) == OTP_OK &&
		  strcmp(plain, secret) == 0);
	CHECK_STATUS("once the old key is removed, an old-key value is "
				 "OTP_ERR_SEALED_KEY_ID",
				 otp_unseal(old_value, old_len, &ring_new, plain, sizeof(plain)),
				 OTP_ERR_SEALED_KEY_ID);

	/* otp_reseal moves an old-key value to the newest key. */
	if (CHECK_STATUS("reseal of an old-key value with the rotated ring succeeds",
					 otp_reseal(old_value, old_len, &ring_both, new_value,
								sizeof(new_value), &new_len), OTP_OK))
	{
		seal_key_bytes(SEED_NEW, new_key);
		CHECK(("reseal of an old-key value puts it under the newest id"),
			  sealed_under(new_value, ID_NEW));
		CHECK_INT("reseal's out_len is strlen(out)", new_len, strlen(new_value));
		CHECK(("the resealed value opens with OpenSSL under the newest key"),
			  ref_open(new_value, new_len, new_key, opened, &opened_len) &&
			  opened_len == 20);
		CHECK(("the resealed value unseals, without the old key, to the same secret"),
			  otp_unseal(new_value, new_len, &ring_new, plain, sizeof(plain)) == OTP_OK &&
			  strcmp(plain, secret) == 0);
	}

	/* A value already under the newest key comes back byte for byte. */
	memset(again, 'x', sizeof(again));
	if (CHECK_STATUS("reseal of a value already under the newest key succeeds",
					 otp_reseal(new_value, new_len, &ring_both, again, sizeof(again),
								&again_len), OTP_OK))
		CHECK(("reseal of a value under the newest key returns it byte-identical"),
			  again_len == new_len && memcmp(again, new_value, new_len) == 0 &&
			  again[new_len] == '\0');
	if (CHECK_STATUS("reseal with the unrotated ring (its newest is the old key) "
					 "succeeds",
					 otp_reseal(old_value, old_len, &ring_old, again, sizeof(again),
								&again_len), OTP_OK))
		CHECK(("reseal with the unrotated ring returns the old-key value unchanged"),
			  again_len == old_len && memcmp(again, old_value, old_len) == 0);

	/* Whole ids are compared: "k" is not "k1". */
	if (CHECK_STATUS("fixture: seal under \"k1\"",
					 seal_str(secret, &ring_k_k1, old_value, &old_len), OTP_OK) &&
		CHECK_STATUS("reseal of a \"k1\" value when \"k\" is newest succeeds",
					 otp_reseal(old_value, old_len, &ring_k1_k, again, sizeof(again),
								&again_len), OTP_OK))
		CHECK(("reseal of a \"k1\" value when \"k\" is newest re-encrypts under \"k\""),
			  sealed_under(again, "k"));
	if (CHECK_STATUS("fixture: seal under \"k\"",
					 seal_str(secret, &ring_k1_k, old_value, &old_len), OTP_OK) &&
		CHECK_STATUS("reseal of a \"k\" value when \"k1\" is newest succeeds",
					 otp_reseal(old_value, old_len, &ring_k_k1, again, sizeof(again),
								&again_len), OTP_OK))
		CHECK(("reseal of a \"k\" value when \"k1\" is newest re-encrypts under \"k1\""),
			  sealed_under(again, "k1"));
}

static void
test_reseal_refuses(void)
{
	static const char *const plains[] = {
		"JBSWY3DPEHPK3PXP", "jbsw y3dp ehpk 3pxp", "JBSWY3DPEHPK3PXP====", "!!", ""
	};
	char		out[OTP_SEALED_BUFSIZE];
	char		sealed[OTP_SEALED_BUFSIZE];
	size_t		out_len;
	size_t		len = 0;
	uint8_t		raw[20];

	for (size_t i = 0; i < sizeof(plains) / sizeof(plains[0]); i++)
	{
		out_len = 99;
		CHECK_STATUS(unit_name("reseal of the plain secret \"%s\" is OTP_ERR_SEALED_NOT",
							   plains[i]),
					 otp_reseal(plains[i], strlen(plains[i]), &ring_both, out,
								sizeof(out), &out_len), OTP_ERR_SEALED_NOT);
		CHECK_INT(unit_name("reseal of \"%s\" sets out_len 0", plains[i]), out_len, 0);
	}
	if (!sealed_fixture(60, 20, raw, sealed, &len))
		return;
	sealed[len - 5] = (char) (sealed[len - 5] == 'A' ? 'B' : 'A');
	CHECK_STATUS("reseal of an altered value under the newest key is "
				 "OTP_ERR_SEALED_AUTH, not returned unchanged",
				 otp_reseal(sealed, len, &ring_both, out, sizeof(out), &out_len),
				 OTP_ERR_SEALED_AUTH);
}

/* --- buffers ------------------------------------------------------------- */

static void
test_buffers(void)
{
	static const char secret[] = "JBSWY3DPEHPK3PXP";	/* 10 bytes */
	const size_t need = SEALED_LEN(sizeof(ID_NEW) - 1, 10) + 1;
	char		out[OTP_SEALED_BUFSIZE + 16];
	char		old_value[OTP_SEALED_BUFSIZE];
	char		plain[PLAIN_MAX];
	size_t		out_len;
	size_t		old_len = 0;

	out_len = 99;
	if (CHECK_STATUS("seal into exactly the bytes it needs succeeds",
					 otp_seal(secret, 16, &ring_both, out, need, &out_len), OTP_OK))
		CHECK_INT("seal into exactly the bytes it needs fills them", out_len, need - 1);
	memset(out, '#', sizeof(out));
	out_len = 99;
	CHECK_STATUS("seal into one byte less is OTP_ERR_BUFFER",
				 otp_seal(secret, 16, &ring_both, out, need - 1, &out_len),
				 OTP_ERR_BUFFER);
	CHECK_INT("seal into one byte less sets out_len 0", out_len, 0);
	CHECK(("seal into one byte less writes no sealed value"),
		  strncmp(out, "totp:", 5) != 0 && out[need - 1] == '#');
	CHECK_STATUS("seal into 0 bytes is OTP_ERR_BUFFER",
				 otp_seal(secret, 16, &ring_both, out, 0, &out_len), OTP_ERR_BUFFER);

	/* Reseal that re-encrypts needs the new value's size. */
	if (!CHECK_STATUS("fixture: seal under the old key",
					  seal_str(secret, &ring_old, old_value, &old_len), OTP_OK))
		return;
	CHECK_STATUS("reseal (re-encrypting) into exactly the bytes it needs succeeds",
				 otp_reseal(old_value, old_len, &ring_both, out, need, &out_len), OTP_OK);
	CHECK_STATUS("reseal (re-encrypting) into one byte less is OTP_ERR_BUFFER",
				 otp_reseal(old_value, old_len, &ring_both, out, need - 1, &out_len),
				 OTP_ERR_BUFFER);
	CHECK_INT("reseal into one byte less sets out_len 0", out_len, 0);

	/* Reseal that returns the value unchanged needs its length + 1. */
	CHECK_STATUS("reseal (unchanged) into the value's length + 1 succeeds",
				 otp_reseal(old_value, old_len, &ring_old, out, old_len + 1, &out_len),
				 OTP_OK);
	CHECK_STATUS("reseal (unchanged) into the value's length is OTP_ERR_BUFFER",
				 otp_reseal(old_value, old_len, &ring_old, out, old_len, &out_len),
				 OTP_ERR_BUFFER);
	CHECK_INT("reseal (unchanged) into a short buffer sets out_len 0", out_len, 0);

	/* Unseal needs the canonical base32 + 1. */
	CHECK_STATUS("unseal into exactly base32 length + 1 succeeds",
				 otp_unseal(old_value, old_len, &ring_both, plain, 17), OTP_OK);
	CHECK_STR("unseal into exactly base32 length + 1 gives the secret", plain, secret);
	memset(plain, '#', sizeof(plain));
	CHECK_STATUS("unseal into one byte less is OTP_ERR_BUFFER",
				 otp_unseal(old_value, old_len, &ring_both, plain, 16), OTP_ERR_BUFFER);
	CHECK(("unseal into a short buffer leaves \"\", not part of the secret"),
		  plain[0] == '\0');
}

static void
test_sealed_bufsize_holds_the_largest(void)
{
	uint8_t		raw[OTP_MAX_KEY_BYTES];
	char		b32[PLAIN_MAX];
	char		sealed[OTP_SEALED_BUFSIZE + 1];
	char		again[OTP_SEALED_BUFSIZE];
	char		plain[PLAIN_MAX];
	size_t		len = 0;
	size_t		again_len = 0;

	CHECK_INT("OTP_SEALED_BUFSIZE is 8 + 32 + 1 + base64 of 12 + 1024 + 16 + 1 = 1446",
			  OTP_SEALED_BUFSIZE, SEALED_LEN(OTP_KEY_ID_MAX, OTP_MAX_KEY_BYTES) + 1);
	CHECK_INT("OTP_SEALED_BUFSIZE is 1446", OTP_SEALED_BUFSIZE, 1446);

	unit_fill(raw, sizeof(raw), 1024);
	unit_base32(raw, sizeof(raw), b32, sizeof(b32));
	sealed[OTP_SEALED_BUFSIZE] = '#';
	if (CHECK_STATUS("a 1024-byte key under a 32-character id seals into "
					 "OTP_SEALED_BUFSIZE bytes",
					 otp_seal(b32, strlen(b32), &ring_max_id, sealed,
							  OTP_SEALED_BUFSIZE, &len), OTP_OK))
	{
		CHECK_INT("the largest sealed value fills OTP_SEALED_BUFSIZE but its NUL",
				  len, OTP_SEALED_BUFSIZE - 1);
		CHECK(("the largest sealed value names the 32-character id"),
			  sealed_under(sealed, ID_32));
		CHECK(("sealing the largest value writes nothing past OTP_SEALED_BUFSIZE"),
			  sealed[OTP_SEALED_BUFSIZE] == '#');
		CHECK(("the largest sealed value unseals to its base32"),
			  otp_unseal(sealed, len, &ring_max_id, plain, sizeof(plain)) == OTP_OK &&
			  strcmp(plain, b32) == 0);
		CHECK_STATUS("the largest sealed value reseals (unchanged) into "
					 "OTP_SEALED_BUFSIZE bytes",
					 otp_reseal(sealed, len, &ring_max_id, again, OTP_SEALED_BUFSIZE,
								&again_len), OTP_OK);
	}
	CHECK_STATUS("the largest value into OTP_SEALED_BUFSIZE - 1 bytes is "
				 "OTP_ERR_BUFFER",
				 otp_seal(b32, strlen(b32), &ring_max_id, sealed,
						  OTP_SEALED_BUFSIZE - 1, &len), OTP_ERR_BUFFER);
}

/*
 * A sealed secret is shorter than the base32 it opens to once the key is
 * large, so otp_uri_bufsize must not size the secret part from the input:
 * a 1024-byte sealed key's URI fits exactly otp_uri_bufsize() bytes and
 * equals the URI of the plain secret.
 */
static void
test_uri_of_largest_sealed_key_fits_bufsize(void)
{
	static const otp_params defaults = {6, 30, OTP_SHA1};
	uint8_t		raw[OTP_MAX_KEY_BYTES];
	char		b32[PLAIN_MAX];
	char		sealed[OTP_SEALED_BUFSIZE];
	char		from_plain[4096];
	char	   *from_sealed;
	size_t		sealed_len = 0;
	size_t		plain_uri_len = 0;
	size_t		sealed_uri_len = 0;
	size_t		bufsize;

	unit_fill(raw, sizeof(raw), 4242);
	unit_base32(raw, sizeof(raw), b32, sizeof(b32));
	if (!CHECK_STATUS("a 1024-byte key seals",
					  otp_seal(b32, strlen(b32), &ring_max_id, sealed, sizeof(sealed),
							   &sealed_len), OTP_OK))
		return;
	bufsize = otp_uri_bufsize(sealed_len, 5, 4);
	CHECK(unit_name("otp_uri_bufsize of the %zu-character sealed value covers the "
					"%zu-character base32 it opens to", sealed_len, strlen(b32)),
		  bufsize > strlen(b32));
	from_sealed = malloc(bufsize);
	if (from_sealed == NULL)
		return;
	if (CHECK_STATUS("otp_uri of the largest sealed key fits otp_uri_bufsize() bytes",
					 otp_uri(sealed, sealed_len, &ring_max_id, "alice", 5, "ACME", 4,
							 &defaults, from_sealed, bufsize, &sealed_uri_len), OTP_OK) &&
		CHECK_STATUS("otp_uri of the same plain key succeeds",
					 otp_uri(b32, strlen(b32), NULL, "alice", 5, "ACME", 4, &defaults,
							 from_plain, sizeof(from_plain), &plain_uri_len), OTP_OK))
	{
		CHECK_STR("the sealed key's URI equals the plain key's", from_sealed, from_plain);
		CHECK_STATUS("one byte short of the URI is OTP_ERR_BUFFER",
					 otp_uri(sealed, sealed_len, &ring_max_id, "alice", 5, "ACME", 4,
							 &defaults, from_sealed, sealed_uri_len, &sealed_uri_len),
					 OTP_ERR_BUFFER);
	}
	free(from_sealed);
}

/* --- messages ------------------------------------------------------------ */

/* 1 if s has a run of at least 16 characters from set. */
static int
has_run(const char *s, const char *set)
{
	size_t		run = 0;

	for (; *s != '\0'; s++)
	{
		run = strchr(set, *s) != NULL ? run + 1 : 0;
		if (run >= 16)
			return 1;
	}
	return 0;
}

static void
test_messages(void)
{
	const int	first = OTP_ERR_KEYRING_NONE;
	const int	last = OTP_ERR_BACKUP_TOO_MANY;
	char		hex[2 * OTP_SEAL_KEY_BYTES + 1];
	uint8_t		key[OTP_SEAL_KEY_BYTES];

	seal_key_bytes(SEED_NEW, key);
	for (size_t i = 0; i < sizeof(key); i++)
		snprintf(hex + 2 * i, 3, "%02x", key[i]);

	CHECK_INT("the keyring and sealing statuses run from -28 to -41", first - last, 13);
	for (int s = first; s >= last; s--)
	{
		const char *msg = otp_strerror(s);
		int			same = 0;

		CHECK(unit_name("otp_strerror(%d) is a real message (\"%s\")", s, msg),
			  msg != NULL && msg[0] != '\0' && strcmp(msg, "unknown error") != 0);
		for (int t = 0; t >= last; t--)
			same += t != s && strcmp(otp_strerror(t), msg) == 0;
		CHECK_INT(unit_name("otp_strerror(%d) differs from every other status's", s),
				  same, 0);
		CHECK(unit_name("otp_strerror(%d) holds no key material: no run of 16 hex or "
						"base32 characters, no fixture key", s),
			  !has_run(msg, "0123456789abcdefABCDEF") &&
			  !has_run(msg, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567=") &&
			  strstr(msg, hex) == NULL && strstr(msg, hex + 32) == NULL);
	}
}

void
test_seal(void)
{
	if (!rings_setup())
		return;
	test_is_sealed();
	test_round_trip_key_sizes();
	test_reference_values_open();
	test_nonces_never_repeat();
	test_sealing_a_sealed_value_reencrypts();
	test_seal_rejects_bad_secrets();
	test_totp_agrees_plain_and_sealed();
	test_hotp_agrees_plain_and_sealed();
	test_uri_agrees_plain_and_sealed();
	test_uri_of_largest_sealed_key_fits_bufsize();
	test_no_keyring();
	test_empty_keyring();
	test_tamper_every_byte();
	test_truncation_and_additions();
	test_versions_and_malformed();
	test_key_id_is_authenticated();
	test_wrong_key_same_id();
	test_rotation();
	test_reseal_refuses();
	test_buffers();
	test_sealed_bufsize_holds_the_largest();
	test_messages();
	rings_wipe();
}
