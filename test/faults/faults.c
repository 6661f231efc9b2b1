/*
 * faults.c: the fault-injection harness (see faults.h): the seams, the
 * OpenSSL allocator, and the loop that reruns each scenario in a fork with
 * each call failing in turn.
 */
#define _GNU_SOURCE
#define OPENSSL_SUPPRESS_DEPRECATED

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <openssl/sha.h>

#include "faults.h"

static const char *const kind_names[F_KINDS] = {
	"RAND_bytes", "SHA1_Init", "SHA1_Update", "SHA1_Final",
	"SHA256_Init", "SHA256_Update", "SHA256_Final",
	"SHA512_Init", "SHA512_Update", "SHA512_Final",
	"PKCS5_PBKDF2_HMAC", "EVP_Digest", "EVP_CIPHER_CTX_new",
	"EVP_EncryptInit_ex", "EVP_EncryptUpdate", "EVP_EncryptFinal_ex",
	"EVP_DecryptInit_ex", "EVP_DecryptUpdate", "EVP_DecryptFinal_ex",
	"EVP_CIPHER_CTX_ctrl", "open", "read", "read (EINTR)",
	"OpenSSL allocation", "SQLite allocation",
};

#define IS_ALLOC(k) ((k) == F_OPENSSL_MALLOC || (k) == F_SQLITE_MALLOC)
/* Faults a callee may absorb, so that success (with the right result) is fine. */
#define ABSORBABLE(k) (IS_ALLOC(k) || (k) == F_READ_EINTR)

/* The plan of this process: which call of which kind fails. */
static struct
{
	int			active;			/* 0: count only (the fault-free run) */
	fault_kind	kind;
	unsigned long n;			/* 1-based call number */
	int			persistent;		/* allocations: fail from n on */
	int			quiet;			/* don't print broken invariants */
}			plan;

static const char *scenario_name = "";
const fault_scenario *fault_current;
static int	armed;
static int	fired;
static char fired_where[160];
static unsigned long calls[F_KINDS];
static int	broken;

long		fault_live_openssl;
long		fault_live_sqlite;

void
fault_arm(void)
{
	memset(calls, 0, sizeof(calls));
	fired = 0;
	armed = 1;
}

void
fault_disarm(void)
{
	armed = 0;
}

int
fault_fired(void)
{
	return fired;
}

int
fault_fired_seam(void)
{
	return fired && !ABSORBABLE(plan.kind);
}

int
fault_fired_kind(void)
{
	return fired ? (int) plan.kind : -1;
}

/* Count one call of kind; 1 if the plan says it fails. */
static int
fails(fault_kind kind, const char *where)
{
	if (!armed)
		return 0;
	calls[kind]++;
	if (!plan.active || plan.kind != kind)
		return 0;
	if (calls[kind] == plan.n || (plan.persistent && calls[kind] > plan.n))
	{
		if (!fired && where != NULL)
			snprintf(fired_where, sizeof(fired_where), "%s", where);
		fired = 1;
		return 1;
	}
	return 0;
}

int
fault_alloc_fails(fault_kind kind, const char *where)
{
	return fails(kind, where);
}

int
expect(int cond, const char *what)
{
	if (cond)
		return 1;
	broken++;
	if (!plan.quiet)
	{
		if (plan.active)
			printf("     %s, %s #%lu%s fails%s%s: %s\n", scenario_name,
				   kind_names[plan.kind], plan.n,
				   plan.persistent ? " and on" : "",
				   fired_where[0] ? " at " : "", fired_where, what);
		else
			printf("     %s, no fault: %s\n", scenario_name, what);
	}
	return 0;
}

/* --- seams ------------------------------------------------------------------ */

/*
 * __wrap_<name> stands in for <name> in the objects under test; it calls
 * the real function unless the plan fails this call, and then returns what
 * OpenSSL returns on failure.
 */
#define SEAM(kind, ret, name, params, args, failure) \
	ret __real_##name params; \
	ret __wrap_##name params; \
	ret __wrap_##name params \
	{ \
		if (fails(kind, NULL)) \
			return failure; \
		return __real_##name args; \
	}

/*
 * A failed RAND_bytes may have written part of the buffer: write a
 * predictable pattern, so that a caller that ignored the failure would hand
 * out a secret made of it (and be caught: a fired fault must give an error).
 */
int			__real_RAND_bytes(unsigned char *buf, int num);
int			__wrap_RAND_bytes(unsigned char *buf, int num);

int
__wrap_RAND_bytes(unsigned char *buf, int num)
{
	if (fails(F_RAND_bytes, NULL))
	{
		if (num > 0)
			memset(buf, 0, (size_t) num);
		return 0;
	}
	return __real_RAND_bytes(buf, num);
}

SEAM(F_SHA1_Init, int, SHA1_Init, (SHA_CTX *c), (c), 0)
SEAM(F_SHA1_Update, int, SHA1_Update, (SHA_CTX *c, const void *d, size_t n), (c, d, n), 0)
SEAM(F_SHA1_Final, int, SHA1_Final, (unsigned char *md, SHA_CTX *c), (md, c), 0)
SEAM(F_SHA256_Init, int, SHA256_Init, (SHA256_CTX *c), (c), 0)
SEAM(F_SHA256_Update, int, SHA256_Update, (SHA256_CTX *c, const void *d, size_t n), (c, d, n), 0)
SEAM(F_SHA256_Final, int, SHA256_Final, (unsigned char *md, SHA256_CTX *c), (md, c), 0)
SEAM(F_SHA512_Init, int, SHA512_Init, (SHA512_CTX *c), (c), 0)
SEAM(F_SHA512_Update, int, SHA512_Update, (SHA512_CTX *c, const void *d, size_t n), (c, d, n), 0)
SEAM(F_SHA512_Final, int, SHA512_Final, (unsigned char *md, SHA512_CTX *c), (md, c), 0)
SEAM(F_EVP_Digest, int, EVP_Digest,
	 (const void *data, size_t count, unsigned char *md, unsigned int *size,
	  const EVP_MD *type, ENGINE *impl),
	 (data, count, md, size, type, impl), 0)
SEAM(F_EVP_CIPHER_CTX_new, EVP_CIPHER_CTX *, EVP_CIPHER_CTX_new, (void), (), NULL)
SEAM(F_EVP_EncryptInit_ex, int, EVP_EncryptInit_ex,
	 (EVP_CIPHER_CTX *ctx, const EVP_CIPHER *type, ENGINE *impl,
	  const unsigned char *key, const unsigned char *iv),
	 (ctx, type, impl, key, iv), 0)
SEAM(F_EVP_EncryptUpdate, int, EVP_EncryptUpdate,
	 (EVP_CIPHER_CTX *ctx, unsigned char *out, int *outl,
	  const unsigned char *in, int inl),
	 (ctx, out, outl, in, inl), 0)
SEAM(F_EVP_EncryptFinal_ex, int, EVP_EncryptFinal_ex,
	 (EVP_CIPHER_CTX *ctx, unsigned char *out, int *outl), (ctx, out, outl), 0)
SEAM(F_EVP_DecryptInit_ex, int, EVP_DecryptInit_ex,
	 (EVP_CIPHER_CTX *ctx, const EVP_CIPHER *type, ENGINE *impl,
	  const unsigned char *key, const unsigned char *iv),
	 (ctx, type, impl, key, iv), 0)
SEAM(F_EVP_DecryptUpdate, int, EVP_DecryptUpdate,
	 (EVP_CIPHER_CTX *ctx, unsigned char *out, int *outl,
	  const unsigned char *in, int inl),
	 (ctx, out, outl, in, inl), 0)
SEAM(F_EVP_DecryptFinal_ex, int, EVP_DecryptFinal_ex,
	 (EVP_CIPHER_CTX *ctx, unsigned char *out, int *outl), (ctx, out, outl), 0)
SEAM(F_EVP_CIPHER_CTX_ctrl, int, EVP_CIPHER_CTX_ctrl,
	 (EVP_CIPHER_CTX *ctx, int type, int arg, void *ptr), (ctx, type, arg, ptr), 0)

int			fault_pbkdf2_cap;

/* PBKDF2, with the iteration count capped when fault_pbkdf2_cap is set. */
int			__real_PKCS5_PBKDF2_HMAC(const char *pass, int passlen,
									 const unsigned char *salt, int saltlen,
									 int iter, const EVP_MD *digest, int keylen,
									 unsigned char *out);
int			__wrap_PKCS5_PBKDF2_HMAC(const char *pass, int passlen,
									 const unsigned char *salt, int saltlen,
									 int iter, const EVP_MD *digest, int keylen,
									 unsigned char *out);

int
__wrap_PKCS5_PBKDF2_HMAC(const char *pass, int passlen, const unsigned char *salt,
						 int saltlen, int iter, const EVP_MD *digest, int keylen,
						 unsigned char *out)
{
	if (fails(F_PKCS5_PBKDF2_HMAC, NULL))
		return 0;
	if (fault_pbkdf2_cap > 0 && iter > fault_pbkdf2_cap)
		iter = fault_pbkdf2_cap;
	return __real_PKCS5_PBKDF2_HMAC(pass, passlen, salt, saltlen, iter, digest,
									keylen, out);
}

/* The keyring file (keyring.c). */
int			__real_open(const char *path, int flags, ...);
int			__wrap_open(const char *path, int flags, ...);
ssize_t		__real_read(int fd, void *buf, size_t count);
ssize_t		__wrap_read(int fd, void *buf, size_t count);

int
__wrap_open(const char *path, int flags, ...)
{
	if (fails(F_OPEN, NULL))
	{
		errno = EACCES;
		return -1;
	}
	return __real_open(path, flags);	/* keyring.c never passes O_CREAT */
}

ssize_t
__wrap_read(int fd, void *buf, size_t count)
{
	if (fails(F_READ, NULL))
	{
		errno = EIO;
		return -1;
	}
	if (fails(F_READ_EINTR, NULL))
	{
		errno = EINTR;
		return -1;
	}
	return __real_read(fd, buf, count);
}

/* --- the OpenSSL allocator --------------------------------------------------- */

static void *
openssl_malloc(size_t num, const char *file, int line)
{
	char		where[160];
	void	   *p;

	snprintf(where, sizeof(where), "%s:%d", file ? file : "?", line);
	if (fault_alloc_fails(F_OPENSSL_MALLOC, where))
		return NULL;
	p = malloc(num == 0 ? 1 : num);
	if (p != NULL)
		fault_live_openssl++;
	return p;
}

static void *
openssl_realloc(void *addr, size_t num, const char *file, int line)
{
	char		where[160];
	void	   *p;

	if (addr == NULL)
		return openssl_malloc(num, file, line);
	if (num == 0)
	{
		free(addr);
		fault_live_openssl--;
		return NULL;
	}
	snprintf(where, sizeof(where), "%s:%d", file ? file : "?", line);
	if (fault_alloc_fails(F_OPENSSL_MALLOC, where))
		return NULL;
	p = realloc(addr, num);
	return p;
}

static void
openssl_free(void *addr, const char *file, int line)
{
	(void) file;
	(void) line;
	if (addr != NULL)
		fault_live_openssl--;
	free(addr);
}

void
fault_init(void)
{
	if (!CRYPTO_set_mem_functions(openssl_malloc, openssl_realloc, openssl_free))
	{
		fprintf(stderr, "CRYPTO_set_mem_functions failed: OpenSSL allocated first\n");
		exit(2);
	}
}

/* --- the loop ----------------------------------------------------------------- */

/*
 * Calls per kind beyond which a sample is tested: the first and last
 * SAMPLE_EDGE and evenly spaced ones between, about SAMPLE_LIMIT in all
 * (PBKDF2 allocates on each of its iterations, all alike). FAULTS_ALL=1
 * tries all; FAULTS_SAMPLE=N changes the limit.
 */
#define SAMPLE_LIMIT 400
#define SAMPLE_EDGE 150

static unsigned long sample_limit = SAMPLE_LIMIT;
static unsigned long sample_edge = SAMPLE_EDGE;

/* The exit status run.sh gives LeakSanitizer (LSAN_OPTIONS=exitcode=23). */
#define LSAN_EXIT 23

static int	total_passed;
static int	total_failed;

/*
 * In the child: run the scenario under the plan, then the leak check.
 * Returns the exit status: 0 ok, 1 an invariant broken, 3 a leak. The
 * fault-free run (plan.active == 0) also sends the call counts back
 * through pipe_fd.
 */
static int
run_child(const fault_scenario *s, int pipe_fd)
{
	long		openssl_before;
	long		sqlite_before;
	int			status = 0;

	alarm(30);					/* a hang (a retry loop on failure) is a failure */
	scenario_name = s->name;
	fault_current = s;
	broken = 0;
	fired_where[0] = '\0';
	openssl_before = fault_live_openssl;
	sqlite_before = fault_live_sqlite;
	s->run();
	fault_disarm();
	/* Per-thread OpenSSL state (error queue, DRBGs) goes; what is left leaked. */
	OPENSSL_thread_stop();
	if (broken)
		status = 1;
	else if (!expect(fault_live_openssl == openssl_before,
					 "every OpenSSL block allocated is freed (leak)") ||
			 !expect(fault_live_sqlite == sqlite_before,
					 "every SQLite block allocated is freed (leak)"))
		status = 3;
	if (pipe_fd >= 0)
	{
		ssize_t		w = write(pipe_fd, calls, sizeof(calls));

		if (w != (ssize_t) sizeof(calls))
			status = 2;
	}
	fflush(stdout);
	return status;
}

static int
fork_run(const fault_scenario *s, unsigned long counts[F_KINDS])
{
	int			fds[2] = {-1, -1};
	pid_t		pid;
	int			wstatus;

	fflush(stdout);
	if (counts != NULL && pipe(fds) != 0)
	{
		perror("pipe");
		exit(2);
	}
	pid = fork();
	if (pid < 0)
	{
		perror("fork");
		exit(2);
	}
	if (pid == 0)
	{
		if (fds[0] >= 0)
			close(fds[0]);
		exit(run_child(s, fds[1]));
	}
	if (counts != NULL)
	{
		ssize_t		r;

		close(fds[1]);
		memset(counts, 0, sizeof(unsigned long) * F_KINDS);
		r = read(fds[0], counts, sizeof(unsigned long) * F_KINDS);
		(void) r;
		close(fds[0]);
	}
	if (waitpid(pid, &wstatus, 0) < 0)
	{
		perror("waitpid");
		exit(2);
	}
	if (WIFSIGNALED(wstatus))
		return 128 + WTERMSIG(wstatus);
	return WEXITSTATUS(wstatus);
}

static void
report(int ok, const char *name, const char *what, int bad)
{
	if (ok)
		total_passed++;
	else
		total_failed++;
	printf("%s %s: %s", ok ? "ok  " : "FAIL", name, what);
	if (!ok && bad > 0)
		printf(" (%d runs broke an invariant)", bad);
	printf("\n");
}

/* Whether call n of count is tried: all of them, or a sample of the middle. */
static int
sampled(unsigned long n, unsigned long count)
{
	unsigned long stride;

	if (getenv("FAULTS_ALL") != NULL || count <= sample_limit ||
		n <= sample_edge || n > count - sample_edge)
		return 1;
	stride = (count - 2 * sample_edge + sample_limit - 2 * sample_edge - 1) /
		(sample_limit - 2 * sample_edge);
	return (n - sample_edge) % stride == 0;
}

/* Fail each call of one kind in turn (a sample when there are very many). */
static void
inject_kind(const fault_scenario *s, fault_kind kind, unsigned long count, int persistent)
{
	unsigned long tried = 0;
	int			bad = 0;
	char		what[160];

	for (unsigned long n = 1; n <= count; n++)
	{
		int			status;

		if (!sampled(n, count))
			continue;
		plan.active = 1;
		plan.kind = kind;
		plan.n = n;
		plan.persistent = persistent;
		plan.quiet = bad >= 3;
		status = fork_run(s, NULL);
		tried++;
		if (status != 0)
		{
			bad++;
			if (status >= 128 && bad <= 3)
				printf("     %s, %s #%lu%s fails: %s with signal %d\n", s->name,
					   kind_names[kind], n, persistent ? " and on" : "",
					   status - 128 == SIGALRM ? "hung, killed" : "crashed",
					   status - 128);
			else if (status == LSAN_EXIT && bad <= 3)
				printf("     %s, %s #%lu%s fails: LeakSanitizer reports a leak\n",
					   s->name, kind_names[kind], n, persistent ? " and on" : "");
		}
	}
	snprintf(what, sizeof(what), "%s %s (%lu of %lu calls)", kind_names[kind],
			 persistent ? "fails from each call on" : "fails at each call",
			 tried, count);
	report(bad == 0, s->name, what, bad);
}

int
fault_main(const fault_scenario *scenarios, size_t count, int argc, char **argv)
{
	/*
	 * The fixtures have warmed OpenSSL's global caches up. Its per-thread
	 * state (error queue, DRBGs) goes now, as it will after each run, so
	 * that the leak check compares like with like.
	 */
	ERR_raise(ERR_LIB_USER, 1);
	ERR_clear_error();
	OPENSSL_thread_stop();
	/* FAULTS_SAMPLE=N: try at most about N calls per kind (slow runs). */
	if (getenv("FAULTS_SAMPLE") != NULL && atol(getenv("FAULTS_SAMPLE")) >= 8)
	{
		sample_limit = (unsigned long) atol(getenv("FAULTS_SAMPLE"));
		sample_edge = sample_limit * 3 / 8;
	}
	for (size_t i = 0; i < count; i++)
	{
		const fault_scenario *s = &scenarios[i];
		unsigned long counts[F_KINDS];
		int			status;

		if (argc > 1 && strstr(s->name, argv[1]) == NULL)
			continue;
		memset(&plan, 0, sizeof(plan));
		status = fork_run(s, counts);
		report(status == 0, s->name, "the fault-free run gives the reference result", 0);
		if (status != 0)
			continue;
		for (int k = 0; k < F_KINDS; k++)
		{
			if (counts[k] == 0)
				continue;
			inject_kind(s, (fault_kind) k, counts[k], 0);
			if (IS_ALLOC(k))
				inject_kind(s, (fault_kind) k, counts[k], 1);
		}
	}
	printf("%d passed, %d failed\n", total_passed, total_failed);
	return total_failed == 0 && total_passed > 0 ? 0 : 1;
}
