/*
 * fuzz_sealed.c: sealed secrets (core/seal.c) through otp_unseal,
 * otp_totp_code, otp_totp_verify and otp_reseal, with the test keyring.
 *
 * Input layout (short inputs read as zeros):
 *   0      mode: bit 0 clear: raw, the rest of the input is a stored secret
 *          (sealed or plain); set: built
 *   built: a sealed value is made here with OpenSSL's EVP AES-256-GCM from
 *          the documented format, then changed by mutations:
 *   1      bit 0: key k2025 or k2026
 *   2-3    key length = 10 + be16 % 1015 (10..1024 bytes)
 *   4      seed of the key bytes
 *   5-16   nonce
 *   17..   mutations of 4 bytes: operation (b % 3: replace, insert,
 *          delete), position (be16), byte
 *
 * Properties:
 * - Any text: otp_unseal succeeds iff a reference opens it (a sealed value
 *   "totp:v1:<id>:<canonical base64 of nonce | ciphertext | tag>" with an
 *   id of the keyring and a good tag over "totp:v1:<id>:", or a valid plain
 *   secret), giving the canonical base32 of the reference's key; and
 *   otp_totp_code and otp_totp_verify succeed exactly then, agreeing with
 *   HOTP computed from that key.
 * - A value sealed by the reference opens in the core (and the other way
 *   round through otp_seal and otp_reseal); reseal keeps a value under the
 *   newest key byte for byte and moves an older one to it; the wrong
 *   keyring fails the tag, a keyring without the id says so, and no keyring
 *   is OTP_ERR_KEYRING_NONE.
 * - A changed sealed value never opens: while it still starts with
 *   "totp:", otp_unseal and otp_totp_verify return an error.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>

#include "fuzz.h"

#define NONCE_BYTES 12
#define TAG_BYTES 16
#define V1 "totp:v1:"
#define V1_LEN (sizeof(V1) - 1)
#define MAX_TEXT 4096
#define PLAIN_SIZE (OTP_BASE32_LEN(OTP_MAX_KEY_BYTES) + 1)
#define AT 59					/* step 1 at period 30 */

static otp_keyring ring;		/* k2025, k2026 */
static otp_keyring ring_wrong;	/* another k2026 */
static otp_keyring ring_old;	/* k2025 only */
static const otp_params params = {6, 30, OTP_SHA1};

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void) argc;
	(void) argv;
	fuzz_keyring(&ring, fuzz_keyring_text);
	fuzz_keyring(&ring_wrong, fuzz_keyring_wrong_text);
	fuzz_keyring(&ring_old, fuzz_keyring_old_text);
	return 0;
}

static const otp_keyring_key *
ref_find(const otp_keyring *r, const char *id, size_t id_len)
{
	for (size_t i = 0; i < r->count; i++)
		if (strlen(r->keys[i].id) == id_len && memcmp(r->keys[i].id, id, id_len) == 0)
			return &r->keys[i];
	return NULL;
}

/* Open a sealed value per its documented format; 1 and the key if it opens. */
static int
ref_open(const char *t, size_t len, const otp_keyring *r, uint8_t *key,
		 size_t *key_len)
{
	const char *colon;
	size_t		aad_len;
	uint8_t    *payload;
	size_t		payload_len = 0;
	const otp_keyring_key *entry;
	EVP_CIPHER_CTX *ctx;
	int			n;
	int			ok = 0;

	if (len < V1_LEN || memcmp(t, V1, V1_LEN) != 0)
		return 0;
	colon = memchr(t + V1_LEN, ':', len - V1_LEN);
	if (colon == NULL || colon == t + V1_LEN || colon - t - V1_LEN > OTP_KEY_ID_MAX)
		return 0;
	entry = ref_find(r, t + V1_LEN, (size_t) (colon - t) - V1_LEN);
	aad_len = (size_t) (colon + 1 - t);
	payload = malloc((len - aad_len) / 4 * 3 + 1);
	FUZZ_CHECK(payload != NULL, "out of memory");
	if (entry == NULL ||
		!ref_base64_decode(colon + 1, len - aad_len, payload, &payload_len) ||
		payload_len < NONCE_BYTES + OTP_MIN_KEY_BYTES + TAG_BYTES ||
		payload_len > NONCE_BYTES + OTP_MAX_KEY_BYTES + TAG_BYTES)
	{
		free(payload);
		return 0;
	}
	*key_len = payload_len - NONCE_BYTES - TAG_BYTES;
	ctx = EVP_CIPHER_CTX_new();
	FUZZ_CHECK(ctx != NULL, "out of memory");
	FUZZ_CHECK(EVP_DecryptInit_ex(ctx, EVP_aes_256_gcm(), NULL, entry->key, payload) == 1 &&
			   EVP_DecryptUpdate(ctx, NULL, &n, (const uint8_t *) t, (int) aad_len) == 1 &&
			   EVP_DecryptUpdate(ctx, key, &n, payload + NONCE_BYTES, (int) *key_len) == 1 &&
			   EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_TAG, TAG_BYTES,
								   payload + NONCE_BYTES + *key_len) == 1,
			   "reference decryption setup failed");
	ok = EVP_DecryptFinal_ex(ctx, key + n, &n) == 1;
	EVP_CIPHER_CTX_free(ctx);
	free(payload);
	return ok;
}

/* Seal key under ring key `entry` with nonce, per the format; return length. */
static size_t
ref_seal(const otp_keyring_key *entry, const uint8_t *key, size_t key_len,
		 const uint8_t nonce[NONCE_BYTES], char *out)
{
	uint8_t		payload[NONCE_BYTES + OTP_MAX_KEY_BYTES + TAG_BYTES];
	size_t		aad_len = (size_t) sprintf(out, "%s%s:", V1, entry->id);
	EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
	int			n;

	memcpy(payload, nonce, NONCE_BYTES);
	FUZZ_CHECK(ctx != NULL &&
			   EVP_EncryptInit_ex(ctx, EVP_aes_256_gcm(), NULL, entry->key, nonce) == 1 &&
			   EVP_EncryptUpdate(ctx, NULL, &n, (const uint8_t *) out, (int) aad_len) == 1 &&
			   EVP_EncryptUpdate(ctx, payload + NONCE_BYTES, &n, key, (int) key_len) == 1 &&
			   EVP_EncryptFinal_ex(ctx, payload + NONCE_BYTES + n, &n) == 1 &&
			   EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_GET_TAG, TAG_BYTES,
								   payload + NONCE_BYTES + key_len) == 1,
			   "reference encryption failed");
	EVP_CIPHER_CTX_free(ctx);
	ref_base64_encode(payload, NONCE_BYTES + key_len + TAG_BYTES, out + aad_len);
	return strlen(out);
}

/* Earliest step in [0, 2] whose reference code is `code`, or OTP_NO_MATCH. */
static int64_t
ref_step(const uint8_t *key, size_t key_len, const char *code)
{
	for (int64_t step = 0; step <= 2; step++)
	{
		char		c[OTP_CODE_BUFSIZE];

		ref_hotp(OTP_SHA1, key, key_len, (uint64_t) step, 6, c);
		if (strcmp(c, code) == 0)
			return step;
	}
	return OTP_NO_MATCH;
}

/*
 * Every secret-taking call on text agrees with the reference; return 1 if
 * it opens.
 */
static int
check_text(const char *text, size_t len)
{
	uint8_t		key[OTP_MAX_KEY_BYTES + 1];
	uint8_t    *plain_key = malloc(len * 5 / 8 + 1);
	size_t		key_len = 0;
	int			opens;
	char	   *out = fuzz_guard_alloc(PLAIN_SIZE);
	char		want[PLAIN_SIZE];
	char		code[OTP_CODE_BUFSIZE];
	char		ref_code[OTP_CODE_BUFSIZE];
	int64_t		step = 12345;
	int			status;

	FUZZ_CHECK(plain_key != NULL, "out of memory");
	if (otp_is_sealed(text, len))
		opens = ref_open(text, len, &ring, key, &key_len);
	else
	{
		opens = ref_base32_decode(text, len, plain_key, &key_len) &&
			key_len >= OTP_MIN_KEY_BYTES && key_len <= OTP_MAX_KEY_BYTES;
		if (opens)
			memcpy(key, plain_key, key_len);
	}
	free(plain_key);

	status = otp_unseal(text, len, &ring, out, PLAIN_SIZE);
	fuzz_status(status);
	if ((status == OTP_OK) != opens)
		fuzz_dump("secret", text, len);
	FUZZ_CHECK((status == OTP_OK) == opens, "otp_unseal: %s, reference %s",
			   otp_strerror(status), opens ? "opens" : "does not open");
	if (opens)
	{
		ref_base32_encode(key, key_len, want);
		FUZZ_CHECK(strcmp(out, want) == 0, "otp_unseal gives another key");
		ref_hotp(OTP_SHA1, key, key_len, AT / 30, 6, ref_code);
	}
	else
	{
		FUZZ_CHECK(out[0] == '\0', "failed otp_unseal left output behind");
		strcpy(ref_code, "123456");
	}

	status = otp_totp_code(text, len, &ring, AT, &params, code);
	FUZZ_CHECK((status == OTP_OK) == opens, "otp_totp_code: %s", otp_strerror(status));
	if (opens)
		FUZZ_CHECK(strcmp(code, ref_code) == 0, "otp_totp_code \"%s\", reference \"%s\"",
				   code, ref_code);

	status = otp_totp_verify(text, len, &ring, ref_code, 6, 1, AT, -1, &params, &step);
	FUZZ_CHECK((status == OTP_OK) == opens, "otp_totp_verify: %s", otp_strerror(status));
	FUZZ_CHECK(step == (opens ? ref_step(key, key_len, ref_code) : OTP_NO_MATCH),
			   "otp_totp_verify matched step %lld", (long long) step);
	fuzz_guard_free(out, PLAIN_SIZE);
	return opens;
}

/* Unseal text (which must open) under r and compare with the canonical key. */
static void
check_unseal(const char *text, size_t len, const otp_keyring *r, int expect,
			 const char *canonical)
{
	char	   *guarded = fuzz_guard_copy(text, len);
	char		out[PLAIN_SIZE];
	int			status = otp_unseal(guarded, len, r, out, sizeof(out));

	fuzz_status(status);

	FUZZ_CHECK(status == expect, "unseal: expected %s, got %s",
			   otp_strerror(expect), otp_strerror(status));
	if (expect == OTP_OK)
		FUZZ_CHECK(strcmp(out, canonical) == 0, "unseal gives another key");
	fuzz_guard_free(guarded, len);
}

static void
built(fuzz_reader *r)
{
	int			newest = fuzz_u8(r) & 1;
	const otp_keyring_key *entry = &ring.keys[newest];
	size_t		key_len = 10 + fuzz_u16(r) % 1015;
	uint8_t		key[OTP_MAX_KEY_BYTES];
	uint8_t		nonce[NONCE_BYTES] = {0};
	size_t		got;
	const uint8_t *nonce_in;
	char	   *sealed = malloc(MAX_TEXT);
	char	   *changed = malloc(MAX_TEXT);
	size_t		len;
	size_t		changed_len;
	char		canonical[PLAIN_SIZE];
	char		resealed[OTP_SEALED_BUFSIZE];
	size_t		resealed_len = 0;
	uint8_t		back[OTP_MAX_KEY_BYTES + 1];
	size_t		back_len = 0;
	char	   *guarded;
	int			status;

	FUZZ_CHECK(sealed != NULL && changed != NULL, "out of memory");
	fuzz_fill(key, key_len, fuzz_u8(r));
	nonce_in = fuzz_bytes(r, NONCE_BYTES, &got);
	memcpy(nonce, nonce_in, got);
	len = ref_seal(entry, key, key_len, nonce, sealed);
	ref_base32_encode(key, key_len, canonical);

	/* The reference's value opens in the core, under every keyring. */
	guarded = fuzz_guard_copy(sealed, len);
	FUZZ_CHECK(check_text(guarded, len), "a value sealed by the reference does not open");
	fuzz_guard_free(guarded, len);
	check_unseal(sealed, len, &ring_wrong, newest ? OTP_ERR_SEALED_AUTH : OTP_OK, canonical);
	check_unseal(sealed, len, &ring_old, newest ? OTP_ERR_SEALED_KEY_ID : OTP_OK, canonical);
	check_unseal(sealed, len, NULL, OTP_ERR_KEYRING_NONE, canonical);

	/* Reseal: unchanged under the newest key, else moved to it. */
	status = otp_reseal(sealed, len, &ring, resealed, sizeof(resealed), &resealed_len);
	FUZZ_CHECK(status == OTP_OK, "reseal: %s", otp_strerror(status));
	if (newest)
		FUZZ_CHECK(resealed_len == len && memcmp(resealed, sealed, len) == 0,
				   "reseal changed a value already under the newest key");
	else
	{
		FUZZ_CHECK(strncmp(resealed, V1 "k2026:", V1_LEN + 6) == 0,
				   "reseal did not move the value to k2026");
		FUZZ_CHECK(ref_open(resealed, resealed_len, &ring, back, &back_len) &&
				   back_len == key_len && memcmp(back, key, key_len) == 0,
				   "the reference cannot open what otp_reseal wrote");
	}
	/* Seal the plain form: the reference opens it. */
	status = otp_seal(canonical, strlen(canonical), &ring, resealed, sizeof(resealed),
					  &resealed_len);
	FUZZ_CHECK(status == OTP_OK && resealed_len == strlen(resealed),
			   "seal: %s", otp_strerror(status));
	FUZZ_CHECK(ref_open(resealed, resealed_len, &ring, back, &back_len) &&
			   back_len == key_len && memcmp(back, key, key_len) == 0,
			   "the reference cannot open what otp_seal wrote");

	/* Mutations: a changed sealed value never opens. */
	memcpy(changed, sealed, len);
	changed_len = len;
	changed_len = fuzz_mutate(r, changed, changed_len, MAX_TEXT);
	if (changed_len != len || memcmp(changed, sealed, len) != 0)
	{
		int			opens;

		guarded = fuzz_guard_copy(changed, changed_len);
		opens = check_text(guarded, changed_len);
		if (otp_is_sealed(guarded, changed_len) && opens)
			fuzz_dump("changed", guarded, changed_len);
		FUZZ_CHECK(!(otp_is_sealed(guarded, changed_len) && opens),
				   "a changed sealed value opens");
		fuzz_guard_free(guarded, changed_len);
	}
	free(sealed);
	free(changed);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_reader r = {data, size};
	uint8_t		mode = fuzz_u8(&r);

	if (mode & 1)
		built(&r);
	else
	{
		char	   *text = fuzz_guard_copy(r.p, r.len);

		check_text(text, r.len);
		fuzz_guard_free(text, r.len);
	}
	return 0;
}
