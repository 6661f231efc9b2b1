/*
 * faults.h: the fault-injection harness shared by faults_core.c and
 * faults_sqlite.c.
 *
 * A fault is one failing dependency call: a seam (an OpenSSL function the
 * core calls, or open/read of the keyring file, reached through
 * -Wl,--wrap=<name> so that only the calls of the objects under test are
 * redirected, never libcrypto's or libsqlite3's calls to themselves)
 * or an allocation (OpenSSL's, through CRYPTO_set_mem_functions, or
 * SQLite's, through SQLITE_CONFIG_MALLOC). A scenario arms the harness
 * around the operation under test; the harness counts the calls of every
 * kind in a fault-free run, then reruns the scenario in a fresh fork once
 * per call with that call failing (for allocations also from that call on,
 * the "persistent" mode of SQLite's own malloc tests), and the scenario
 * checks its invariants: an error, or (for an allocation the callee could
 * absorb) exactly the fault-free result; never a "valid" answer, a secret
 * made from failed randomness, or a half-consumed set. The harness adds a
 * leak check: the blocks allocated while armed must all be freed.
 */
#ifndef FAULTS_H
#define FAULTS_H

#include <stddef.h>

/* The kinds of faults: the seams, then the allocators. */
typedef enum fault_kind
{
	F_RAND_bytes,
	F_SHA1_Init,
	F_SHA1_Update,
	F_SHA1_Final,
	F_SHA256_Init,
	F_SHA256_Update,
	F_SHA256_Final,
	F_SHA512_Init,
	F_SHA512_Update,
	F_SHA512_Final,
	F_PKCS5_PBKDF2_HMAC,
	F_EVP_Digest,
	F_EVP_CIPHER_CTX_new,
	F_EVP_EncryptInit_ex,
	F_EVP_EncryptUpdate,
	F_EVP_EncryptFinal_ex,
	F_EVP_DecryptInit_ex,
	F_EVP_DecryptUpdate,
	F_EVP_DecryptFinal_ex,
	F_EVP_CIPHER_CTX_ctrl,
	F_OPEN,						/* the keyring file: fails with EACCES */
	F_READ,						/* fails with EIO */
	F_READ_EINTR,				/* interrupted: must be retried, not an error */
	F_OPENSSL_MALLOC,			/* CRYPTO_set_mem_functions */
	F_SQLITE_MALLOC,			/* SQLITE_CONFIG_MALLOC */
	F_KINDS
} fault_kind;

/* Install the OpenSSL allocator. Call first in main, before any OpenSSL call. */
void		fault_init(void);

/* Count calls (and fail the planned one) from here to fault_disarm(). */
void		fault_arm(void);
void		fault_disarm(void);

/*
 * Whether the planned fault fired; whether it was a failing call that must
 * give an error (a seam, not an allocation the callee may absorb nor an
 * interrupted read it must retry); which kind fired (or -1).
 */
int			fault_fired(void);
int			fault_fired_seam(void);
int			fault_fired_kind(void);

/* For allocators: called on each allocation; 1 if it must fail. */
int			fault_alloc_fails(fault_kind kind, const char *where);

/*
 * When > 0, PKCS5_PBKDF2_HMAC runs at most this many iterations, whatever
 * it is asked (the SQLite driver hashes at the production 600,000; hash and
 * consume are capped alike, so they agree).
 */
extern int	fault_pbkdf2_cap;

/* Blocks allocated and not yet freed, per allocator (leak check). */
extern long fault_live_openssl;
extern long fault_live_sqlite;

/*
 * Record a broken invariant of the current scenario and plan; returns 0 so
 * that checks read "ok &= expect(...)".
 */
int			expect(int cond, const char *what);

typedef struct fault_scenario
{
	const char *name;
	/* Runs the operation with fault_arm()/fault_disarm() around it and
	 * checks the result with expect(). */
	void		(*run) (void);
	const void *arg;			/* for run, as fault_current->arg */
} fault_scenario;

/* The scenario being run. */
extern const fault_scenario *fault_current;

/* Run every scenario under every fault; print "N passed, N failed"; exit status. */
int			fault_main(const fault_scenario *scenarios, size_t count, int argc,
					   char **argv);

#endif							/* FAULTS_H */
