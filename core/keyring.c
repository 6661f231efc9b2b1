/*
 * keyring.c: the sealing keys, read from a text file of lines
 *
 *   <key id>:<64 hex digits>      # an AES-256 key
 *
 * with '#' comments and blank lines allowed. Every key unseals; the last one
 * seals, so rotation is "append a key, then reseal". The file is read with
 * open/read into a buffer on the stack, wiped afterwards: stdio would keep
 * key bytes in a heap buffer it frees without clearing.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <openssl/evp.h>

#include "otp_internal.h"

#define KEYRING_MAX_FILE 16384

static int
is_key_id_char(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		(c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.';
}

static int
is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

/* Parse one line (no newline) into ring; blank and comment lines are fine. */
static int
parse_line(otp_keyring *ring, const char *line, size_t len)
{
	const char *colon;
	size_t		id_len;
	const char *hex;
	size_t		hex_len;
	otp_keyring_key *entry;

	while (len > 0 && is_blank(line[0]))
		line++, len--;
	while (len > 0 && is_blank(line[len - 1]))
		len--;
	if (len == 0 || line[0] == '#')
		return OTP_OK;

	colon = memchr(line, ':', len);
	if (colon == NULL)
		return OTP_ERR_KEYRING_SYNTAX;
	id_len = (size_t) (colon - line);
	if (id_len == 0 || id_len > OTP_KEY_ID_MAX)
		return OTP_ERR_KEYRING_SYNTAX;
	for (size_t i = 0; i < id_len; i++)
		if (!is_key_id_char(line[i]))
			return OTP_ERR_KEYRING_SYNTAX;
	hex = colon + 1;
	hex_len = len - id_len - 1;
	for (size_t i = 0; i < hex_len; i++)
		if (otp_hex_digit(hex[i]) < 0)
			return OTP_ERR_KEYRING_SYNTAX;
	if (hex_len != 2 * OTP_SEAL_KEY_BYTES)
		return OTP_ERR_KEYRING_KEY_LENGTH;
	for (size_t i = 0; i < ring->count; i++)
		if (strlen(ring->keys[i].id) == id_len &&
			memcmp(ring->keys[i].id, line, id_len) == 0)
			return OTP_ERR_KEYRING_DUPLICATE;
	if (ring->count == OTP_KEYRING_MAX_KEYS)
		return OTP_ERR_KEYRING_TOO_MANY;

	entry = &ring->keys[ring->count++];
	memcpy(entry->id, line, id_len);
	entry->id[id_len] = '\0';
	for (size_t i = 0; i < OTP_SEAL_KEY_BYTES; i++)
		entry->key[i] = (uint8_t) (otp_hex_digit(hex[2 * i]) << 4 | otp_hex_digit(hex[2 * i + 1]));
	return OTP_OK;
}

int
otp_keyring_parse(otp_keyring *ring, const char *text, size_t len,
				  size_t *bad_line)
{
	size_t		line_no = 0;
	size_t		start = 0;
	int			status = OTP_OK;

	/*
	 * No key of an earlier keyring may survive in the slots we do not fill.
	 * Only zeroed: ring may be uninitialised, so nothing in it is freed.
	 */
	otp_wipe(ring, sizeof(*ring));
	*bad_line = 0;
	while (start < len && status == OTP_OK)
	{
		const char *nl = memchr(text + start, '\n', len - start);
		size_t		end = nl != NULL ? (size_t) (nl - text) : len;

		line_no++;
		if (memchr(text + start, '\0', end - start) != NULL)
			status = OTP_ERR_KEYRING_SYNTAX;
		else
			status = parse_line(ring, text + start, end - start);
		start = end + 1;
	}
	if (status == OTP_OK && ring->count == 0)
		status = OTP_ERR_KEYRING_EMPTY;
	if (status != OTP_OK)
	{
		if (status != OTP_ERR_KEYRING_EMPTY)
			*bad_line = line_no;
		otp_keyring_wipe(ring);
	}
	return status;
}

int
otp_keyring_load(otp_keyring *ring, const char *path, size_t *bad_line,
				 int *os_errno)
{
	char		buf[KEYRING_MAX_FILE + 1];
	size_t		len = 0;
	int			fd;
	int			status = OTP_OK;

	*bad_line = 0;
	*os_errno = 0;
	otp_wipe(ring, sizeof(*ring));	/* as otp_keyring_parse: nothing freed */
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
	{
		*os_errno = errno;
		return OTP_ERR_KEYRING_OPEN;
	}
	for (;;)
	{
		ssize_t		n = read(fd, buf + len, sizeof(buf) - len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
		{
			*os_errno = errno;
			status = OTP_ERR_KEYRING_OPEN;
			break;
		}
		if (n == 0)
			break;
		len += (size_t) n;
		if (len == sizeof(buf))
		{
			status = OTP_ERR_KEYRING_TOO_LARGE;
			break;
		}
	}
	close(fd);
	if (status == OTP_OK)
		status = otp_keyring_parse(ring, buf, len, bad_line);
	otp_wipe(buf, sizeof(buf));
	return status;
}

const otp_keyring_key *
otp_keyring_find(const otp_keyring *ring, const char *id, size_t id_len)
{
	for (size_t i = 0; i < ring->count; i++)
		if (strlen(ring->keys[i].id) == id_len &&
			memcmp(ring->keys[i].id, id, id_len) == 0)
			return &ring->keys[i];
	return NULL;
}

void
otp_keyring_wipe(otp_keyring *ring)
{
	/* Every slot, not just count: no context may outlive its ring. */
	for (size_t i = 0; i < OTP_KEYRING_MAX_KEYS; i++)
		EVP_CIPHER_CTX_free(ring->keys[i].opener);	/* cleanses the schedule */
	otp_wipe(ring, sizeof(*ring));
}
