/*
 * fuzz.h: what every fuzz target shares.
 *
 * - FUZZ_CHECK: a property check that prints what failed and aborts, so that
 *   libFuzzer saves the input and the replay counts the file as failed.
 * - fuzz_reader: typed fields taken from the front of the input (zeros once
 *   it runs out), so that every input, however short, is a valid test case.
 * - Guarded buffers: the core gets its input and output in buffers that end
 *   exactly at a PROT_NONE page, so that reading or writing one byte past
 *   them faults in the plain replay build too, not only under ASan.
 * - References written here from the RFCs and the documented formats
 *   (base32, HOTP over OpenSSL's HMAC(), UTF-8, base64 via EVP_EncodeBlock),
 *   so that the core is never checked against itself.
 * - The test keyrings of test/fixtures, as text.
 */
#ifndef FUZZ_H
#define FUZZ_H

#include <stddef.h>
#include <stdint.h>

#include "otp.h"

int			LLVMFuzzerInitialize(int *argc, char ***argv);
int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Abort with a message naming the property, the file and the line. */
#define FUZZ_CHECK(cond, ...) \
	do { \
		if (!(cond)) \
			fuzz_fail(__FILE__, __LINE__, #cond, __VA_ARGS__); \
	} while (0)

void		fuzz_fail(const char *file, int line, const char *cond,
					  const char *fmt,...)
			__attribute__((noreturn, format(printf, 4, 5)));

/* Every status the core returns has its own message (otp_strerror). */
void		fuzz_status(int status);

/* Print label and len bytes (escaped, cut at 200) to stderr: failure context. */
void		fuzz_dump(const char *label, const void *p, size_t len);

/* --- input reader -------------------------------------------------------- */

typedef struct fuzz_reader
{
	const uint8_t *p;
	size_t		len;
} fuzz_reader;

uint8_t		fuzz_u8(fuzz_reader *r);
uint16_t	fuzz_u16(fuzz_reader *r);	/* big-endian */
uint64_t	fuzz_u64(fuzz_reader *r);	/* big-endian */
/* Take up to n bytes; *got is how many there were. */
const uint8_t *fuzz_bytes(fuzz_reader *r, size_t n, size_t *got);

/*
 * Edit text[0..len) in place while r holds 4 more bytes, each 4 an edit: an
 * op (replace, insert or delete a byte), a position (taken modulo the
 * length) and a byte; an insert that would reach cap is skipped. Returns
 * the new length (< cap if len was).
 */
size_t		fuzz_mutate(fuzz_reader *r, char *text, size_t len, size_t cap);

/* --- guarded buffers ----------------------------------------------------- */

/*
 * len bytes (len may be 0) that end exactly where an inaccessible page
 * starts (under ASan: a plain malloc, which ASan guards better). Never NULL.
 */
void	   *fuzz_guard_alloc(size_t len);
void		fuzz_guard_free(void *p, size_t len);
/* A guarded copy of p[0..len). */
char	   *fuzz_guard_copy(const void *p, size_t len);

/* --- references ---------------------------------------------------------- */

/*
 * RFC 4648 base32 as otp.h documents the decoder: any case, ' ' and '-'
 * skipped, '=' only at the end, a symbol count that is not 1, 3 or 6 modulo
 * 8. out must hold len * 5 / 8 bytes. Return 1 and set *out_len if valid.
 */
int			ref_base32_decode(const char *in, size_t len, uint8_t *out,
							  size_t *out_len);

/* Upper-case unpadded base32 of in[0..len) plus NUL (OTP_BASE32_LEN(len) + 1). */
void		ref_base32_encode(const uint8_t *in, size_t len, char *out);

/* RFC 4226 HOTP with OpenSSL's one-shot HMAC(): code into out[9]. */
void		ref_hotp(otp_algorithm algorithm, const uint8_t *key, size_t key_len,
					 uint64_t counter, int digits, char out[OTP_CODE_BUFSIZE]);

/* 1 if s[0..len) is well-formed UTF-8 per Unicode Table 3-7, else 0. */
int			ref_utf8_valid(const uint8_t *s, size_t len);

/*
 * Strict canonical base64 (padded, standard alphabet): decode into out
 * (len / 4 * 3 bytes) and return 1 iff re-encoding gives the text back.
 */
int			ref_base64_decode(const char *in, size_t len, uint8_t *out,
							  size_t *out_len);

/* Padded base64 of in[0..len) plus NUL. */
void		ref_base64_encode(const uint8_t *in, size_t len, char *out);

/* --- fixtures ------------------------------------------------------------ */

/* test/fixtures/keyring: k2025, k2026 (k2026 seals). */
extern const char fuzz_keyring_text[];
/* test/fixtures/keyring-wrong: same ids, another k2026. */
extern const char fuzz_keyring_wrong_text[];
/* test/fixtures/keyring-old: k2025 only. */
extern const char fuzz_keyring_old_text[];

/* Parse a keyring text into ring, or abort. */
void		fuzz_keyring(otp_keyring *ring, const char *text);

/* xorshift32 for deterministic filler bytes. */
void		fuzz_fill(uint8_t *buf, size_t len, uint32_t seed);

#endif							/* FUZZ_H */
