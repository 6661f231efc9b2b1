/*
 * seal.c: TOTP secrets encrypted at rest. A sealed secret is the text
 *
 *   totp:v1:<key id>:<base64 of nonce (12) | ciphertext | tag (16)>
 *
 * where the ciphertext is the decoded key bytes under AES-256-GCM with a
 * fresh random nonce, and "totp:v1:<key id>:" is the associated data, so the
 * version and the key id cannot be changed without the tag failing. Base32
 * never contains ':', so a "totp:" prefix can never be a plain secret.
 */
#include <limits.h>
#include <stddef.h>
#include <string.h>

#include <openssl/evp.h>

#include "otp_internal.h"

#define NONCE_BYTES 12
#define TAG_BYTES 16
#define PAYLOAD_MAX (NONCE_BYTES + OTP_MAX_KEY_BYTES + TAG_BYTES)

static const char sealed_prefix[] = "totp:";
static const char v1_prefix[] = "totp:v1:";

int
otp_is_sealed(const char *secret, size_t len)
{
	uint32_t	diff = 0;
	int			sealed;

	if (len < sizeof(sealed_prefix) - 1)
		return 0;
	/*
	 * No early exit: the first characters of a plain secret are key
	 * material. Sealed or not is the storage format, public.
	 */
	for (size_t i = 0; i < sizeof(sealed_prefix) - 1; i++)
		diff |= (uint32_t) ((unsigned char) secret[i] ^ (unsigned char) sealed_prefix[i]);
	sealed = (int) ((diff - 1) >> 31);	/* diff < 256: 1 iff diff == 0 */
	OTP_DECLASSIFY(&sealed, sizeof(sealed));
	return sealed;
}

/*
 * The parts of a sealed value; pointers into the caller's text. The payload
 * comes last, so that a wipe of its used bytes is the struct's prefix.
 */
typedef struct sealed_parts
{
	const char *id;
	size_t		id_len;
	size_t		aad_len;		/* "totp:v1:<id>:" */
	size_t		payload_len;	/* bytes of payload written */
	uint8_t		payload[PAYLOAD_MAX];
} sealed_parts;

/* Wipe parts: the fields and the payload bytes written, not all 1 kB. */
static void
wipe_parts(sealed_parts *parts)
{
	otp_wipe(parts, offsetof(sealed_parts, payload) + parts->payload_len);
}

static int
parse_sealed(const char *s, size_t len, sealed_parts *parts)
{
	const char *p = s + sizeof(sealed_prefix) - 1;
	const char *end = s + len;
	const char *colon = memchr(p, ':', (size_t) (end - p));

	parts->payload_len = 0;
	if (colon == NULL)
		return OTP_ERR_SEALED_MALFORMED;
	if (colon + 1 - s != (ptrdiff_t) sizeof(v1_prefix) - 1 ||
		memcmp(s, v1_prefix, sizeof(v1_prefix) - 1) != 0)
		return OTP_ERR_SEALED_VERSION;

	parts->id = colon + 1;
	colon = memchr(parts->id, ':', (size_t) (end - parts->id));
	if (colon == NULL)
		return OTP_ERR_SEALED_MALFORMED;
	parts->id_len = (size_t) (colon - parts->id);
	if (parts->id_len == 0 || parts->id_len > OTP_KEY_ID_MAX)
		return OTP_ERR_SEALED_MALFORMED;
	parts->aad_len = (size_t) (colon + 1 - s);

	if (otp_base64_decode(colon + 1, (size_t) (end - colon - 1), parts->payload,
						  sizeof(parts->payload), &parts->payload_len) != OTP_OK)
	{
		/* A malformed text may have been partly decoded: wipe it all. */
		otp_wipe(parts->payload, sizeof(parts->payload));
		parts->payload_len = 0;
		return OTP_ERR_SEALED_MALFORMED;
	}
	if (parts->payload_len < NONCE_BYTES + OTP_MIN_KEY_BYTES + TAG_BYTES)
		return OTP_ERR_SEALED_MALFORMED;
	return OTP_OK;
}

/*
 * The context that opens values sealed under entry's key: made at the key's
 * first use, with the key schedule set up, and kept in the keyring (freed
 * by otp_keyring_wipe), because the setup (a provider fetch, two
 * allocations and the schedule) costs more than the decryption itself.
 * The keyring is const to its users, but this cache is not part of its
 * value: the one field written behind the const. A failed setup caches
 * nothing, so the next call starts over. Between calls the context holds
 * the last value's keystream, which reveals no more than the key beside it.
 */
static EVP_CIPHER_CTX *
opener(const otp_keyring_key *entry)
{
	otp_keyring_key *slot = (otp_keyring_key *) entry;
	EVP_CIPHER_CTX *ctx = slot->opener;

	if (ctx != NULL)
		return ctx;
	ctx = EVP_CIPHER_CTX_new();
	if (ctx == NULL)
		return NULL;
	if (EVP_DecryptInit_ex(ctx, EVP_aes_256_gcm(), NULL, entry->key, NULL) != 1)
	{
		EVP_CIPHER_CTX_free(ctx);
		return NULL;
	}
	slot->opener = ctx;
	return ctx;
}

int
otp_unseal_key(otp_key *key, const char *sealed, size_t len,
			   const otp_keyring *ring)
{
	sealed_parts parts;
	const otp_keyring_key *entry;
	EVP_CIPHER_CTX *ctx;
	size_t		ct_len;
	int			n;
	int			authentic;
	int			status;

	key->len = 0;
	if (ring == NULL)
		return OTP_ERR_KEYRING_NONE;
	status = parse_sealed(sealed, len, &parts);
	if (status != OTP_OK)
		goto cleanup;
	entry = otp_keyring_find(ring, parts.id, parts.id_len);
	if (entry == NULL)
	{
		status = OTP_ERR_SEALED_KEY_ID;
		goto cleanup;
	}

	/* The key is set: each value only sets its nonce, which resets GCM. */
	ct_len = parts.payload_len - NONCE_BYTES - TAG_BYTES;
	status = OTP_ERR_CRYPTO;
	ctx = opener(entry);
	if (ctx == NULL ||
		EVP_DecryptInit_ex(ctx, NULL, NULL, NULL, parts.payload) != 1 ||
		EVP_DecryptUpdate(ctx, NULL, &n, (const uint8_t *) sealed, (int) parts.aad_len) != 1 ||
		EVP_DecryptUpdate(ctx, key->bytes, &n, parts.payload + NONCE_BYTES, (int) ct_len) != 1 ||
		EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_TAG, TAG_BYTES,
							parts.payload + NONCE_BYTES + ct_len) != 1)
		goto cleanup;
	authentic = EVP_DecryptFinal_ex(ctx, key->bytes + n, &n);
	/* Whether the tag matched is what the caller is told: public. */
	OTP_DECLASSIFY(&authentic, sizeof(authentic));
	if (authentic != 1)
	{
		status = OTP_ERR_SEALED_AUTH;
		goto cleanup;
	}
	key->len = ct_len;
	status = OTP_OK;

cleanup:
	wipe_parts(&parts);
	if (status != OTP_OK)
		otp_wipe(key, sizeof(*key));
	return status;
}

/* Encrypt key under the keyring's newest key into out (OTP_SEALED_BUFSIZE). */
static int
seal_key(const otp_key *key, const otp_keyring *ring, char *out,
		 size_t out_size, size_t *out_len)
{
	const otp_keyring_key *entry = &ring->keys[ring->count - 1];
	uint8_t		payload[PAYLOAD_MAX];
	EVP_CIPHER_CTX *ctx = NULL;
	size_t		aad_len;
	int			n;
	int			status;

	aad_len = sizeof(v1_prefix) - 1 + strlen(entry->id) + 1;
	if (out_size < aad_len + OTP_BASE64_LEN(NONCE_BYTES + key->len + TAG_BYTES) + 1)
		return OTP_ERR_BUFFER;
	memcpy(out, v1_prefix, sizeof(v1_prefix) - 1);
	memcpy(out + sizeof(v1_prefix) - 1, entry->id, strlen(entry->id));
	out[aad_len - 1] = ':';

	status = otp_random_bytes(payload, NONCE_BYTES);
	if (status != OTP_OK)
		goto cleanup;
	status = OTP_ERR_CRYPTO;
	ctx = EVP_CIPHER_CTX_new();
	if (ctx == NULL ||
		EVP_EncryptInit_ex(ctx, EVP_aes_256_gcm(), NULL, entry->key, payload) != 1 ||
		EVP_EncryptUpdate(ctx, NULL, &n, (const uint8_t *) out, (int) aad_len) != 1 ||
		EVP_EncryptUpdate(ctx, payload + NONCE_BYTES, &n, key->bytes, (int) key->len) != 1 ||
		EVP_EncryptFinal_ex(ctx, payload + NONCE_BYTES + n, &n) != 1 ||
		EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_GET_TAG, TAG_BYTES,
							payload + NONCE_BYTES + key->len) != 1)
		goto cleanup;
	status = otp_base64_encode(payload, NONCE_BYTES + key->len + TAG_BYTES,
							   out + aad_len, out_size - aad_len);
	if (status == OTP_OK)
		*out_len = aad_len + OTP_BASE64_LEN(NONCE_BYTES + key->len + TAG_BYTES);

cleanup:
	EVP_CIPHER_CTX_free(ctx);
	otp_wipe(payload, sizeof(payload));
	if (status != OTP_OK)
		otp_wipe(out, out_size);
	return status;
}

int
otp_seal(const char *secret, size_t len, const otp_keyring *ring,
		 char *out, size_t out_size, size_t *out_len)
{
	otp_key		key;
	int			status;

	*out_len = 0;
	if (ring == NULL)
		return OTP_ERR_KEYRING_NONE;
	if (ring->count == 0)
		return OTP_ERR_KEYRING_EMPTY;
	status = otp_key_decode(&key, secret, len, ring);
	if (status == OTP_OK)
		status = seal_key(&key, ring, out, out_size, out_len);
	otp_key_wipe(&key);
	return status;
}

int
otp_reseal(const char *sealed, size_t len, const otp_keyring *ring,
		   char *out, size_t out_size, size_t *out_len)
{
	otp_key		key;
	const char *newest;
	int			status;

	*out_len = 0;
	if (!otp_is_sealed(sealed, len))
		return OTP_ERR_SEALED_NOT;
	if (ring != NULL && ring->count == 0)
		return OTP_ERR_KEYRING_EMPTY;
	status = otp_unseal_key(&key, sealed, len, ring);
	if (status != OTP_OK)
		return status;

	/* Already under the newest key: keep the value, so rotation is idempotent. */
	newest = ring->keys[ring->count - 1].id;
	if (len >= sizeof(v1_prefix) - 1 + strlen(newest) + 1 &&
		memcmp(sealed + sizeof(v1_prefix) - 1, newest, strlen(newest)) == 0 &&
		sealed[sizeof(v1_prefix) - 1 + strlen(newest)] == ':')
	{
		if (out_size < len + 1)
			status = OTP_ERR_BUFFER;
		else
		{
			memcpy(out, sealed, len);
			out[len] = '\0';
			*out_len = len;
		}
	}
	else
		status = seal_key(&key, ring, out, out_size, out_len);
	otp_key_wipe(&key);
	return status;
}

int
otp_unseal(const char *secret, size_t len, const otp_keyring *ring,
		   char *out, size_t out_size)
{
	otp_key		key;
	int			status;

	if (out_size > 0)
		out[0] = '\0';
	status = otp_key_decode(&key, secret, len, ring);
	if (status == OTP_OK)
		status = otp_base32_encode(key.bytes, key.len, out, out_size);
	otp_key_wipe(&key);
	return status;
}
