/*
 * fuzz_backup.c: stored backup-code sets (core/backup.c) through
 * otp_backup_remaining and otp_backup_consume.
 *
 * Input layout (short inputs read as zeros):
 *   0      mode = b % 3:
 *          0  raw: the set text is taken as it is
 *          1  re-checked: the text gets a correct ":<check>" appended, as
 *             someone who can write the column could do (the check is an
 *             unkeyed SHA-256), so the parser behind the check is reached
 *          2  mutated: a valid set built at start-up (cost 1000), changed
 *             by the mutations that follow
 *   modes 0, 1:
 *   1      code length (b % 40), then that many code bytes; the rest is
 *          the set text
 *   mode 2:
 *   1      set (see sets[]); 2 code kind: b % 4 = 0, 1 a code of the set
 *          (number b >> 2), 2 a code in no set, 3 a code of the set with one
 *          character changed; 3 typing: bit 0 upper case, bit 1 no '-',
 *          bit 2 a space after each character, bit 3 look-alikes (o for 0,
 *          l for 1), bit 4 spaces around; then mutations of 4 bytes each:
 *          operation (b % 3: replace, insert, delete), position (be16), byte
 *
 * Properties:
 * - otp_backup_remaining accepts exactly the sets a reference parser of the
 *   documented format accepts (prefix, iterations 1000..10^7 without a
 *   leading zero, canonical base64 salt and hashes of 16 bytes, at most 100,
 *   ',' between them, ":" and the base64 of the first 9 bytes of SHA-256 of
 *   everything before it) and counts the same codes; consume fails likewise.
 * - On a valid set (cost <= 2000, to keep executions fast), consume matches
 *   iff PBKDF2-HMAC-SHA256 of the normalised code equals an entry, and its
 *   output is, byte for byte, the set without the first such entry and with
 *   a fresh check: a valid set with one code fewer. The same code then no
 *   longer matches it (single use). An output buffer of set_len bytes is
 *   OTP_ERR_BUFFER.
 * - A valid set changed in any way (mode 2) is an error, never a match.
 * - No read or write outside the buffers (guard pages in the plain build).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>

#include "fuzz.h"
#include "otp_internal.h"

#define PREFIX "totp-bc1:pbkdf2-sha256:"
#define PREFIX_LEN (sizeof(PREFIX) - 1)
#define CODE_CHARS 10
#define SALT_BYTES 16
#define HASH_BYTES 16
#define B64_16 24				/* base64 of 16 bytes */
#define CHECK_B64 12			/* base64 of 9 bytes */
#define FUZZ_COST 1000
#define MAX_COST 2000			/* consume only sets this cheap */
#define MAX_TEXT 8192
#define NSETS 5

static const char alphabet[] = "0123456789abcdefghjkmnpqrstvwxyz";

/* A set as the reference parser sees it. */
typedef struct ref_set
{
	int			iterations;
	uint8_t		salt[SALT_BYTES];
	size_t		count;
	uint8_t		hashes[OTP_BACKUP_MAX_COUNT][HASH_BYTES];
	size_t		hashes_at;		/* offset of the first entry in the text */
} ref_set;

/* A valid set built at start-up, and its codes. */
typedef struct fixture
{
	char		text[MAX_TEXT];
	size_t		len;
	size_t		count;
	char		codes[OTP_BACKUP_MAX_COUNT][OTP_BACKUP_CODE_BUFSIZE];
} fixture;

static fixture sets[NSETS];

/* The check of a set: base64 of SHA-256(body)[0..9), NUL-terminated. */
static void
ref_check(const char *body, size_t len, char out[CHECK_B64 + 1])
{
	uint8_t		digest[EVP_MAX_MD_SIZE];
	unsigned int digest_len;

	FUZZ_CHECK(EVP_Digest(body, len, digest, &digest_len, EVP_sha256(), NULL) == 1,
			   "SHA-256 failed");
	ref_base64_encode(digest, 9, out);
}

/* Parse a stored set per its documented format; 1 if valid. */
static int
ref_parse(const char *t, size_t len, ref_set *s)
{
	char		check[CHECK_B64 + 1];
	size_t		body;
	size_t		i = PREFIX_LEN;
	size_t		start;
	long		value = 0;
	size_t		got;

	if (len < PREFIX_LEN + 1 + CHECK_B64 || memcmp(t, PREFIX, PREFIX_LEN) != 0)
		return 0;
	body = len - CHECK_B64 - 1;
	if (body < PREFIX_LEN || t[body] != ':')
		return 0;
	ref_check(t, body, check);
	if (memcmp(check, t + body + 1, CHECK_B64) != 0)
		return 0;

	start = i;
	while (i < body && t[i] >= '0' && t[i] <= '9' && i - start < 9)
		value = value * 10 + (t[i++] - '0');
	if (i == start || i - start > 8 || t[start] == '0' || i >= body || t[i] != ':' ||
		value < 1000 || value > 10000000)
		return 0;
	s->iterations = (int) value;
	i++;

	if (body - i < B64_16 + 1 || t[i + B64_16] != ':' ||
		!ref_base64_decode(t + i, B64_16, s->salt, &got) || got != SALT_BYTES)
		return 0;
	i += B64_16 + 1;

	s->hashes_at = i;
	s->count = 0;
	while (i < body)
	{
		if (s->count == OTP_BACKUP_MAX_COUNT || body - i < B64_16 ||
			!ref_base64_decode(t + i, B64_16, s->hashes[s->count], &got) ||
			got != HASH_BYTES)
			return 0;
		s->count++;
		i += B64_16;
		if (i == body)
			break;
		if (t[i] != ',' || i + 1 == body)
			return 0;
		i++;
	}
	return 1;
}

/* The 10 canonical characters of a typed code; 1 if it can be a code. */
static int
ref_code(const char *code, size_t len, char out[CODE_CHARS])
{
	size_t		n = 0;

	for (size_t i = 0; i < len; i++)
	{
		char		c = code[i];

		if (c == '-' || c == ' ')
			continue;
		if (c >= 'A' && c <= 'Z')
			c = (char) (c - 'A' + 'a');
		if (c == 'o')
			c = '0';
		if (c == 'i' || c == 'l')
			c = '1';
		if (memchr(alphabet, c, 32) == NULL || n == CODE_CHARS)
			return 0;
		out[n++] = c;
	}
	return n == CODE_CHARS;
}

static void
ref_derive(const char code[CODE_CHARS], const ref_set *s, uint8_t out[HASH_BYTES])
{
	FUZZ_CHECK(PKCS5_PBKDF2_HMAC(code, CODE_CHARS, s->salt, SALT_BYTES,
								 s->iterations, EVP_sha256(), HASH_BYTES, out) == 1,
			   "PBKDF2 failed");
}

/* Deterministic, distinct codes "xxxxx-xxxxx" for the fixtures. */
static void
make_codes(fixture *f, size_t count, uint32_t seed)
{
	uint8_t		r[CODE_CHARS];

	f->count = count;
	for (size_t i = 0; i < count; i++)
	{
		char	   *c = f->codes[i];

		fuzz_fill(r, sizeof(r), seed + (uint32_t) i);
		for (int k = 0, pos = 0; k < CODE_CHARS; k++)
		{
			if (k == 5)
				c[pos++] = '-';
			c[pos++] = alphabet[r[k] & 31];
		}
		c[OTP_BACKUP_CODE_LEN] = '\0';
	}
}

static void
hash_fixture(fixture *f)
{
	otp_text	texts[OTP_BACKUP_MAX_COUNT];
	int			status;

	for (size_t i = 0; i < f->count; i++)
		texts[i] = (otp_text) {f->codes[i], strlen(f->codes[i])};
	status = otp_backup_hash_cost(texts, f->count, FUZZ_COST, f->text,
								  sizeof(f->text), &f->len);
	FUZZ_CHECK(status == OTP_OK, "hash fixture: %s", otp_strerror(status));
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	static const char *const fixed[] = {
		"k7m2q-x9trb", "00000-00000", "zzzzz-zzzzz", "11111-abcde", "q0q1q-2q3q4",
	};
	int			matched;
	int			status;

	(void) argc;
	(void) argv;
	/* 0: one code; 1: five chosen codes; 2: ten; 3: a hundred (the most). */
	sets[0].count = 1;
	strcpy(sets[0].codes[0], fixed[0]);
	sets[1].count = 5;
	for (size_t i = 0; i < 5; i++)
		strcpy(sets[1].codes[i], fixed[i]);
	make_codes(&sets[2], 10, 100);
	make_codes(&sets[3], OTP_BACKUP_MAX_COUNT, 1000);
	for (int i = 0; i < 4; i++)
		hash_fixture(&sets[i]);
	/* 4: empty, what consuming the last code leaves. */
	status = otp_backup_consume(sets[0].text, sets[0].len, fixed[0], strlen(fixed[0]),
								sets[4].text, sizeof(sets[4].text), &sets[4].len,
								&matched);
	FUZZ_CHECK(status == OTP_OK && matched == 1, "empty fixture: %s, matched %d",
			   otp_strerror(status), matched);
	sets[4].count = 0;

	for (int i = 0; i < NSETS; i++)
	{
		ref_set		s;

		FUZZ_CHECK(ref_parse(sets[i].text, sets[i].len, &s) && s.count == sets[i].count,
				   "fixture set %d fails the reference parser", i);
	}
	return 0;
}

/*
 * Check remaining and consume on any text against the reference; return
 * the consume status and set *matched.
 */
static int
check_set(const char *text, size_t len, const char *code, size_t code_len,
		  int *matched)
{
	ref_set		s;
	int			ref_ok = ref_parse(text, len, &s);
	int			remaining = -1;
	int			status = otp_backup_remaining(text, len, &remaining);
	char	   *out;
	size_t		out_len = 12345;
	char		normal[CODE_CHARS];
	uint8_t		derived[HASH_BYTES];
	size_t		hit = 0;
	int			want_match = 0;

	*matched = 0;
	fuzz_status(status);
	if ((status == OTP_OK) != ref_ok)
		fuzz_dump("set", text, len);
	FUZZ_CHECK((status == OTP_OK) == ref_ok, "remaining: %s, reference says %s",
			   otp_strerror(status), ref_ok ? "valid" : "invalid");
	if (ref_ok)
		FUZZ_CHECK(remaining == (int) s.count, "remaining %d, reference %zu",
				   remaining, s.count);

	/* One byte short for the output: a valid set is OTP_ERR_BUFFER. */
	out = fuzz_guard_alloc(len);
	status = otp_backup_consume(text, len, code, code_len, out, len, &out_len, matched);
	FUZZ_CHECK(*matched == 0, "matched with a short output buffer");
	FUZZ_CHECK(ref_ok ? status == OTP_ERR_BUFFER : status != OTP_OK,
			   "consume into set_len bytes: %s", otp_strerror(status));
	fuzz_guard_free(out, len);
	if (!ref_ok)
		return status;
	if (s.iterations > MAX_COST)
		return OTP_OK;

	out = fuzz_guard_alloc(len + 1);
	status = otp_backup_consume(text, len, code, code_len, out, len + 1, &out_len,
								matched);
	FUZZ_CHECK(status == OTP_OK, "consume on a valid set: %s", otp_strerror(status));
	if (s.count > 0 && ref_code(code, code_len, normal))
	{
		ref_derive(normal, &s, derived);
		for (hit = 0; hit < s.count; hit++)
			if (memcmp(s.hashes[hit], derived, HASH_BYTES) == 0)
				break;
		want_match = hit < s.count;
	}
	if (*matched != want_match)
	{
		fuzz_dump("set", text, len);
		fuzz_dump("code", code, code_len);
	}
	FUZZ_CHECK(*matched == want_match, "consume matched %d, reference %d",
			   *matched, want_match);

	if (want_match)
	{
		char	   *want = malloc(len + 1);
		size_t		n = s.hashes_at;
		int			again = -1;
		int			left = -1;
		char		again_buf[MAX_TEXT];
		size_t		again_len;

		FUZZ_CHECK(want != NULL, "out of memory");
		memcpy(want, text, n);
		for (size_t i = 0; i < s.count; i++)
		{
			if (i == hit)
				continue;
			if (n > s.hashes_at)
				want[n++] = ',';
			memcpy(want + n, text + s.hashes_at + i * (B64_16 + 1), B64_16);
			n += B64_16;
		}
		want[n] = ':';
		ref_check(want, n, want + n + 1);
		n += 1 + CHECK_B64;
		if (out_len != n || memcmp(out, want, n) != 0)
		{
			fuzz_dump("set", text, len);
			fuzz_dump("consumed", out, out_len <= len ? out_len : len);
			fuzz_dump("expected", want, n);
		}
		FUZZ_CHECK(out_len == n && memcmp(out, want, n) == 0,
				   "consume output is not the set without entry %zu", hit);
		FUZZ_CHECK(out[out_len] == '\0', "consume output not NUL-terminated");
		status = otp_backup_remaining(out, out_len, &left);
		FUZZ_CHECK(status == OTP_OK && left == (int) s.count - 1,
				   "consume output: %s, %d left of %zu", otp_strerror(status),
				   left, s.count);
		/* Single use: the same code no longer matches what is left. */
		status = otp_backup_consume(out, out_len, code, code_len, again_buf,
									sizeof(again_buf), &again_len, &again);
		FUZZ_CHECK(status == OTP_OK, "second consume: %s", otp_strerror(status));
		if (again)
		{
			/* Only if the set held the same hash twice. */
			size_t		twin;

			for (twin = hit + 1; twin < s.count; twin++)
				if (memcmp(s.hashes[twin], derived, HASH_BYTES) == 0)
					break;
			FUZZ_CHECK(twin < s.count, "a consumed code matched again");
		}
		free(want);
	}
	fuzz_guard_free(out, len + 1);
	return status;
}

/* Type code as the typing byte says (see the layout). */
static size_t
type_code(const char *code, uint8_t typing, char *out)
{
	size_t		n = 0;

	if (typing & 16)
		out[n++] = ' ';
	for (const char *c = code; *c != '\0'; c++)
	{
		char		ch = *c;

		if (ch == '-' && (typing & 2))
			continue;
		if (typing & 8)
			ch = ch == '0' ? 'o' : ch == '1' ? 'l' : ch;
		if ((typing & 1) && ch >= 'a' && ch <= 'z')
			ch = (char) (ch - 'a' + 'A');
		out[n++] = ch;
		if (typing & 4)
			out[n++] = ' ';
	}
	if (typing & 16)
		out[n++] = ' ';
	return n;
}

static void
mutated_set(fuzz_reader *r)
{
	const fixture *f = &sets[fuzz_u8(r) % NSETS];
	uint8_t		kind = fuzz_u8(r);
	uint8_t		typing = fuzz_u8(r);
	char		code[OTP_BACKUP_CODE_BUFSIZE];
	char		typed[4 * OTP_BACKUP_CODE_BUFSIZE];
	size_t		typed_len;
	char	   *text = malloc(MAX_TEXT);
	size_t		len = f->len;
	char	   *guarded;
	int			matched;
	int			status;

	FUZZ_CHECK(text != NULL, "out of memory");
	switch (kind % 4)
	{
		case 0:
		case 1:
		case 3:
			{
				const fixture *from = f->count > 0 ? f : &sets[1];

				strcpy(code, from->codes[(kind >> 2) % from->count]);
				if (kind % 4 == 3)
				{
					size_t		at = (size_t) (kind >> 2) % OTP_BACKUP_CODE_LEN;
					const char *p;

					if (code[at] == '-')
						at++;
					p = strchr(alphabet, code[at]);
					code[at] = alphabet[(p - alphabet + 1) % 32];
				}
				break;
			}
		default:
			strcpy(code, "wwwww-wwwww");	/* in no fixture */
			break;
	}
	typed_len = type_code(code, typing, typed);

	memcpy(text, f->text, len);
	len = fuzz_mutate(r, text, len, MAX_TEXT);

	guarded = fuzz_guard_copy(text, len);
	if (len == f->len && memcmp(text, f->text, len) == 0)
	{
		/* Unchanged: valid, and the code matches iff it is one of the set's. */
		char		normal[CODE_CHARS];
		int			member = 0;

		FUZZ_CHECK(ref_code(typed, typed_len, normal), "typed code is malformed");
		for (size_t i = 0; i < f->count; i++)
		{
			char		own[CODE_CHARS];

			FUZZ_CHECK(ref_code(f->codes[i], strlen(f->codes[i]), own), "fixture code");
			member |= memcmp(own, normal, CODE_CHARS) == 0;
		}
		status = check_set(guarded, len, typed, typed_len, &matched);
		FUZZ_CHECK(status == OTP_OK && matched == member,
				   "valid set: %s, matched %d, member %d", otp_strerror(status),
				   matched, member);
	}
	else
	{
		ref_set		s;
		int			remaining;
		char	   *out = fuzz_guard_alloc(len + 1);
		size_t		out_len;

		matched = 0;
		status = otp_backup_consume(guarded, len, typed, typed_len, out, len + 1,
									&out_len, &matched);
		fuzz_status(status);
		if (status == OTP_OK || matched)
			fuzz_dump("changed set", guarded, len);
		FUZZ_CHECK(status != OTP_OK && !matched,
				   "a changed set was accepted: %s, matched %d",
				   otp_strerror(status), matched);
		status = otp_backup_remaining(guarded, len, &remaining);
		FUZZ_CHECK(status != OTP_OK, "a changed set counts %d codes", remaining);
		FUZZ_CHECK(!ref_parse(guarded, len, &s), "reference accepts a changed set");
		fuzz_guard_free(out, len + 1);
	}
	fuzz_guard_free(guarded, len);
	free(text);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_reader r = {data, size};
	uint8_t		mode = fuzz_u8(&r) % 3;

	if (mode == 2)
		mutated_set(&r);
	else
	{
		size_t		code_len;
		const uint8_t *code_in = fuzz_bytes(&r, fuzz_u8(&r) % 40, &code_len);
		size_t		body_len;
		const uint8_t *body = fuzz_bytes(&r, MAX_TEXT - CHECK_B64 - 2, &body_len);
		size_t		len = body_len + (mode == 1 ? 1 + CHECK_B64 : 0);
		char	   *text = malloc(len + 1);
		char	   *guarded;
		char	   *code = fuzz_guard_copy(code_in, code_len);
		int			matched;

		FUZZ_CHECK(text != NULL, "out of memory");
		memcpy(text, body, body_len);
		if (mode == 1)
		{
			text[body_len] = ':';
			ref_check(text, body_len, text + body_len + 1);
		}
		guarded = fuzz_guard_copy(text, len);
		check_set(guarded, len, code, code_len, &matched);
		fuzz_guard_free(guarded, len);
		fuzz_guard_free(code, code_len);
		free(text);
	}
	return 0;
}
