/*
 * fuzz_keyring.c: keyring text (core/keyring.c) through otp_keyring_parse,
 * the file both engines read their sealing keys from.
 *
 * Input: the whole input is the keyring text.
 *
 * Properties, against a reference parser of the format keyring.c documents
 * (lines split at '\n'; blanks ' ', '\t', '\r' trimmed at both ends; empty
 * and '#' lines skipped; otherwise "<id>:<64 hex digits>" with an id of 1..32
 * characters from [A-Za-z0-9_.-], unique, at most 64 keys, at least one; a
 * NUL byte anywhere in a line is a syntax error):
 * - the same status, and on error the same 1-based bad line (0 for an
 *   empty keyring) and a ring wiped to zeros, even if it held keys before;
 * - on success the same ids and key bytes in file order;
 * - no read past the text (it ends at a guard page).
 */
#include <string.h>

#include "fuzz.h"

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void) argc;
	(void) argv;
	return 0;
}

static int
hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static int
is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

static int
is_id_char(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		(c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.';
}

/* One line into ring (a plain struct written here, not the core's parser). */
static int
ref_line(otp_keyring *ring, const char *line, size_t len)
{
	const char *colon;
	size_t		id_len;
	size_t		hex_len;

	if (memchr(line, '\0', len) != NULL)
		return OTP_ERR_KEYRING_SYNTAX;
	while (len > 0 && is_blank(*line))
		line++, len--;
	while (len > 0 && is_blank(line[len - 1]))
		len--;
	if (len == 0 || *line == '#')
		return OTP_OK;
	colon = memchr(line, ':', len);
	if (colon == NULL)
		return OTP_ERR_KEYRING_SYNTAX;
	id_len = (size_t) (colon - line);
	if (id_len == 0 || id_len > OTP_KEY_ID_MAX)
		return OTP_ERR_KEYRING_SYNTAX;
	for (size_t i = 0; i < id_len; i++)
		if (!is_id_char(line[i]))
			return OTP_ERR_KEYRING_SYNTAX;
	hex_len = len - id_len - 1;
	for (size_t i = 0; i < hex_len; i++)
		if (hex_value(colon[1 + i]) < 0)
			return OTP_ERR_KEYRING_SYNTAX;
	if (hex_len != 2 * OTP_SEAL_KEY_BYTES)
		return OTP_ERR_KEYRING_KEY_LENGTH;
	for (size_t i = 0; i < ring->count; i++)
		if (strlen(ring->keys[i].id) == id_len && memcmp(ring->keys[i].id, line, id_len) == 0)
			return OTP_ERR_KEYRING_DUPLICATE;
	if (ring->count == OTP_KEYRING_MAX_KEYS)
		return OTP_ERR_KEYRING_TOO_MANY;
	memcpy(ring->keys[ring->count].id, line, id_len);
	ring->keys[ring->count].id[id_len] = '\0';
	for (size_t i = 0; i < OTP_SEAL_KEY_BYTES; i++)
		ring->keys[ring->count].key[i] =
			(uint8_t) (hex_value(colon[1 + 2 * i]) * 16 + hex_value(colon[2 + 2 * i]));
	ring->count++;
	return OTP_OK;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static otp_keyring ring;
	static otp_keyring want;
	static const otp_keyring zero;
	char	   *text = fuzz_guard_copy(data, size);
	size_t		bad_line = 12345;
	size_t		want_line = 0;
	size_t		line_no = 0;
	int			want_status = OTP_OK;
	int			status;

	memset(&want, 0, sizeof(want));
	for (size_t start = 0; start < size && want_status == OTP_OK;)
	{
		const char *nl = memchr(text + start, '\n', size - start);
		size_t		end = nl != NULL ? (size_t) (nl - text) : size;

		line_no++;
		want_status = ref_line(&want, text + start, end - start);
		start = end + 1;
	}
	if (want_status != OTP_OK)
		want_line = line_no;
	else if (want.count == 0)
		want_status = OTP_ERR_KEYRING_EMPTY;

	/* A ring that held keys before: none of them may survive an error. */
	fuzz_keyring(&ring, fuzz_keyring_text);
	status = otp_keyring_parse(&ring, text, size, &bad_line);
	fuzz_status(status);
	if (status != want_status)
		fuzz_dump("keyring", text, size);
	FUZZ_CHECK(status == want_status, "parse: %s, reference %s",
			   otp_strerror(status), otp_strerror(want_status));
	if (status != OTP_OK)
	{
		FUZZ_CHECK(bad_line == want_line, "bad line %zu, reference %zu", bad_line,
				   want_line);
		FUZZ_CHECK(memcmp(&ring, &zero, sizeof(ring)) == 0,
				   "a failed parse left key material in the ring");
	}
	else
	{
		FUZZ_CHECK(ring.count == want.count, "%zu keys, reference %zu", ring.count,
				   want.count);
		for (size_t i = 0; i < ring.count; i++)
			FUZZ_CHECK(strcmp(ring.keys[i].id, want.keys[i].id) == 0 &&
					   memcmp(ring.keys[i].key, want.keys[i].key, OTP_SEAL_KEY_BYTES) == 0,
					   "key %zu differs from the reference", i);
	}
	otp_keyring_wipe(&ring);
	fuzz_guard_free(text, size);
	return 0;
}
