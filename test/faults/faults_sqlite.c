/*
 * faults_sqlite.c: fault injection into the SQLite extension (harness in
 * faults.c). The extension's sources are compiled in with -DSQLITE_CORE and
 * sqlite3_totp_init is called directly, with SQLite's allocator replaced
 * (SQLITE_CONFIG_MALLOC, lookaside off so that every allocation reaches it).
 *
 * Each case prepares and steps one statement with the harness armed, so
 * that the Nth SQLite allocation (or OpenSSL allocation, or seam call)
 * fails. The verdict: either the row holds exactly the fault-free value (a
 * shape check for random results), or the statement fails with SQLITE_NOMEM
 * or SQLITE_ERROR; never a wrong value, such as NULL ("no match") or 0 for
 * a code that matches, and never a row after a failed seam call. The
 * connection then closes cleanly and every block is freed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "faults.h"
#include "otp_internal.h"

int			sqlite3_totp_init(sqlite3 *db, char **pzErrMsg,
							  const sqlite3_api_routines *pApi);

#define AT_START INT64_C(1111111109)
#define BIG 4096
#define KEYRING "test/fixtures/keyring"
#define KEYRING_OLD "test/fixtures/keyring-old"

static const char secret[] = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
static otp_keyring ring;

/* --- SQLite's allocator ------------------------------------------------------ */

/* Each block carries its size in front (xSize must answer it). */
#define HEADER 8

static void *
sq_malloc(int n)
{
	char	   *p;

	if (fault_alloc_fails(F_SQLITE_MALLOC, NULL))
		return NULL;
	p = malloc((size_t) n + HEADER);
	if (p == NULL)
		return NULL;
	memcpy(p, &n, sizeof(n));
	fault_live_sqlite++;
	return p + HEADER;
}

static void
sq_free(void *p)
{
	if (p == NULL)
		return;
	fault_live_sqlite--;
	free((char *) p - HEADER);
}

static void *
sq_realloc(void *p, int n)
{
	char	   *q;

	if (fault_alloc_fails(F_SQLITE_MALLOC, NULL))
		return NULL;
	q = realloc((char *) p - HEADER, (size_t) n + HEADER);
	if (q == NULL)
		return NULL;
	memcpy(q, &n, sizeof(n));
	return q + HEADER;
}

static int
sq_size(void *p)
{
	int			n = 0;

	if (p != NULL)
		memcpy(&n, (char *) p - HEADER, sizeof(n));
	return n;
}

static int
sq_roundup(int n)
{
	return (n + 7) & ~7;
}

static int
sq_init(void *unused)
{
	(void) unused;
	return SQLITE_OK;
}

static void
sq_shutdown(void *unused)
{
	(void) unused;
}

static const sqlite3_mem_methods sq_methods = {
	sq_malloc, sq_free, sq_realloc, sq_size, sq_roundup, sq_init, sq_shutdown, NULL
};

/* --- running one statement ----------------------------------------------------- */

typedef struct sql_result
{
	int			answered;		/* a row, its value fetched */
	int			type;			/* of the value */
	char		text[BIG];		/* the value as text */
	int			rc;				/* first failing return code, else SQLITE_OK */
	char		errmsg[256];
} sql_result;

/* An in-memory connection with the extension, every allocation via malloc. */
static sqlite3 *
open_db(const char *setup)
{
	sqlite3    *db = NULL;
	char	   *err = NULL;

	if (sqlite3_open(":memory:", &db) != SQLITE_OK ||
		sqlite3_db_config(db, SQLITE_DBCONFIG_LOOKASIDE, NULL, 0, 0) != SQLITE_OK ||
		sqlite3_totp_init(db, &err, NULL) != SQLITE_OK ||
		(setup != NULL && sqlite3_exec(db, setup, NULL, NULL, &err) != SQLITE_OK))
	{
		fprintf(stderr, "faults_sqlite: connection setup: %s\n",
				err ? err : sqlite3_errmsg(db));
		exit(2);
	}
	return db;
}

/* Prepare, step and finalize sql, recording the outcome. */
static void
exec_sql(sqlite3 *db, const char *sql, sql_result *r)
{
	sqlite3_stmt *stmt = NULL;
	int			rc;

	memset(r, 0, sizeof(*r));
	rc = sqlite3_prepare_v2(db, sql, -1, &stmt, NULL);
	if (rc == SQLITE_OK)
	{
		rc = sqlite3_step(stmt);
		if (rc == SQLITE_ROW)
		{
			r->type = sqlite3_column_type(stmt, 0);
			if (r->type == SQLITE_INTEGER)
			{
				snprintf(r->text, sizeof(r->text), "%lld",
						 (long long) sqlite3_column_int64(stmt, 0));
				r->answered = 1;
			}
			else if (r->type == SQLITE_TEXT)
			{
				const unsigned char *t = sqlite3_column_text(stmt, 0);

				if (t != NULL)
				{
					snprintf(r->text, sizeof(r->text), "%s", t);
					r->answered = 1;
				}
			}
			else if (r->type == SQLITE_NULL)
				r->answered = 1;
			rc = sqlite3_step(stmt);
			if (rc == SQLITE_DONE)
				rc = SQLITE_OK;
			else
				r->answered = 0;
		}
		else if (rc == SQLITE_DONE)
			rc = SQLITE_OK;
	}
	if (rc != SQLITE_OK)
		snprintf(r->errmsg, sizeof(r->errmsg), "%s", sqlite3_errmsg(db));
	if (sqlite3_finalize(stmt) != SQLITE_OK && rc == SQLITE_OK)
		rc = sqlite3_errcode(db);
	if (!r->answered && rc == SQLITE_OK)
		rc = sqlite3_errcode(db);	/* a value SQLite could not hand over */
	r->rc = rc;
}

/* --- the cases ----------------------------------------------------------------- */

typedef struct sql_case
{
	const char *name;
	const char *setup;			/* run before, unarmed; may be NULL */
	char		sql[BIG];
	/* Random results: whether the value is right; else it must be the reference. */
	int			(*shape) (const char *text);
} sql_case;

static int
base32_secret(const char *t)
{
	return strlen(t) == 32 && strspn(t, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567") == 32;
}

static int
five_codes(const char *t)
{
	/* ["xxxxx-xxxxx",...] */
	if (strlen(t) != 2 + 5 * 13 + 4 || t[0] != '[')
		return 0;
	for (int i = 0; i < 5; i++)
	{
		const char *c = t + 1 + i * 14;

		if (c[0] != '"' || c[12] != '"' || c[6] != '-' ||
			strspn(c + 1, "0123456789abcdefghjkmnpqrstvwxyz-") != 11)
			return 0;
	}
	return 1;
}

/* A set of the two codes hashed in the case: both consume (core, unarmed). */
static int
set_of_two(const char *t)
{
	static const char *const codes[] = {"k7m2q-x9trb", "01abc-defgh"};
	char		out[BIG];
	size_t		len;
	int			remaining = 0;
	int			matched;

	if (otp_backup_remaining(t, strlen(t), &remaining) != OTP_OK || remaining != 2)
		return 0;
	for (int i = 0; i < 2; i++)
		if (otp_backup_consume(t, strlen(t), codes[i], strlen(codes[i]), out, sizeof(out),
							   &len, &matched) != OTP_OK || !matched)
			return 0;
	return 1;
}

/* Sealed under the keyring's newest key, opening to the secret. */
static int
sealed_secret(const char *t)
{
	char		plain[BIG];

	return strncmp(t, "totp:v1:k2026:", 14) == 0 &&
		otp_unseal(t, strlen(t), &ring, plain, sizeof(plain)) == OTP_OK &&
		strcmp(plain, secret) == 0;
}

static sql_case cases[] = {
	{"totp_new_secret()", NULL, "SELECT totp_new_secret()", base32_secret},
	{"totp_code", NULL, "", NULL},
	{"totp_code sha512", NULL, "", NULL},
	{"totp_verify", NULL, "", NULL},
	{"totp_verify integer code", NULL, "", NULL},
	{"totp_verify wrong code", NULL, "", NULL},
	{"totp_verify_step", NULL, "", NULL},
	{"totp_verify_step replay", NULL, "", NULL},
	{"hotp_code", NULL, "", NULL},
	{"hotp_verify", NULL, "", NULL},
	{"otpauth_uri", NULL, "", NULL},
	{"backup_codes_new", NULL, "SELECT backup_codes_new(5)", five_codes},
	{"backup_codes_hash", NULL,
	"SELECT backup_codes_hash('[\"k7m2q-x9trb\",\"01abc-defgh\"]')", set_of_two},
	{"consume_backup_code match", NULL, "", NULL},
	{"consume_backup_code no match", NULL, "", NULL},
	{"backup_codes_remaining", NULL, "", NULL},
	{"totp_keyring", NULL, "SELECT totp_keyring('" KEYRING "')", NULL},
	{"totp_seal", "SELECT totp_keyring('" KEYRING "')", "", sealed_secret},
	{"totp_unseal", "SELECT totp_keyring('" KEYRING "')", "", NULL},
	{"totp_reseal", "SELECT totp_keyring('" KEYRING "')", "", sealed_secret},
	{"totp_verify sealed, keyring from TOTP_KEYRING", NULL, "", NULL},
	{"hotp_verify sealed", "SELECT totp_keyring('" KEYRING "')", "", NULL},
};

#define N_CASES (sizeof(cases) / sizeof(cases[0]))

/* The fault-free result of each case. */
static sql_result references[N_CASES];

#define REFERENCE(c) (&references[(c) - cases])

static sql_case *
find_case(const char *name)
{
	for (size_t i = 0; i < N_CASES; i++)
		if (strcmp(cases[i].name, name) == 0)
			return &cases[i];
	fprintf(stderr, "faults_sqlite: no case %s\n", name);
	exit(2);
}

#define SET_SQL(name, ...) \
	snprintf(find_case(name)->sql, sizeof(cases[0].sql), __VA_ARGS__)

static void
run_case(void)
{
	const sql_case *c = fault_current->arg;
	sqlite3    *db = open_db(c->setup);
	sql_result	r;
	char		what[BIG + 128];

	fault_arm();
	exec_sql(db, c->sql, &r);
	fault_disarm();
	expect(sqlite3_close(db) == SQLITE_OK, "the connection closes");

	if (r.answered)
	{
		int			right = c->shape ? r.type == SQLITE_TEXT && c->shape(r.text) :
			r.type == REFERENCE(c)->type && strcmp(r.text, REFERENCE(c)->text) == 0;

		snprintf(what, sizeof(what), "a row must hold the fault-free value, got %s%s",
				 r.type == SQLITE_NULL ? "NULL" : "", r.text);
		expect(right, what);
		expect(!fault_fired_seam(), "a row although a call the core needs failed");
	}
	else
	{
		snprintf(what, sizeof(what), "SQLITE_NOMEM or SQLITE_ERROR, got %d (%s)", r.rc,
				 r.errmsg);
		expect(fault_fired(), "an error without a fault");
		expect(r.rc == SQLITE_NOMEM || r.rc == SQLITE_ERROR, what);
		if (getenv("FAULTS_VERBOSE") != NULL)
			printf("     %s: error %d: %s\n", c->name, r.rc, r.errmsg);
	}
}

/* sqlite3_totp_init itself, each registration's allocation failing in turn. */
static void
run_init(void)
{
	sqlite3    *db = NULL;
	char	   *err = NULL;
	sql_result	r;
	int			rc;

	if (sqlite3_open(":memory:", &db) != SQLITE_OK ||
		sqlite3_db_config(db, SQLITE_DBCONFIG_LOOKASIDE, NULL, 0, 0) != SQLITE_OK)
		exit(2);
	fault_arm();
	rc = sqlite3_totp_init(db, &err, NULL);
	fault_disarm();
	sqlite3_free(err);
	if (rc == SQLITE_OK)
	{
		exec_sql(db, find_case("totp_code")->sql, &r);
		expect(r.answered && strcmp(r.text, REFERENCE(find_case("totp_code"))->text) == 0,
			   "the functions work after a successful init");
	}
	else
	{
		expect(fault_fired(), "an error without a fault");
		expect(rc == SQLITE_NOMEM, "init fails with SQLITE_NOMEM");
	}
	expect(sqlite3_close(db) == SQLITE_OK, "the connection closes");
}

/* The SQL of each case, and its fault-free result as the reference. */
static void
fixtures(void)
{
	otp_params	sha1 = {6, 30, OTP_SHA1};
	char		code[OTP_CODE_BUFSIZE];
	char		wrong[OTP_CODE_BUFSIZE];
	char		hcode[OTP_CODE_BUFSIZE];
	char		sealed[OTP_SEALED_BUFSIZE];
	char		sealed_old[OTP_SEALED_BUFSIZE];
	char		set[1024];
	size_t		len;
	size_t		bad_line;
	int			os_errno;
	int64_t		at = AT_START;
	otp_keyring old;
	otp_text	codes[3] = {{"k7m2q-x9trb", 11}, {"01abc-defgh", 11}, {"zzzzz-00000", 11}};
	int			ok = 1;

	/* A time whose code has no leading zero, so that it can be an integer. */
	do
	{
		at += 30;
		ok &= otp_totp_code(secret, strlen(secret), NULL, at, &sha1, code) == OTP_OK;
	} while (ok && code[0] == '0');
	strcpy(wrong, code);
	wrong[5] = (char) ('0' + (wrong[5] - '0' + 1) % 10);
	ok &= otp_hotp_code(secret, strlen(secret), NULL, 9, &sha1, hcode) == OTP_OK;
	ok &= otp_keyring_load(&ring, KEYRING, &bad_line, &os_errno) == OTP_OK;
	ok &= otp_keyring_load(&old, KEYRING_OLD, &bad_line, &os_errno) == OTP_OK;
	ok &= otp_seal(secret, strlen(secret), &ring, sealed, sizeof(sealed), &len) == OTP_OK;
	ok &= otp_seal(secret, strlen(secret), &old, sealed_old, sizeof(sealed_old), &len) == OTP_OK;
	ok &= otp_backup_hash_cost(codes, 3, 1000, set, sizeof(set), &len) == OTP_OK;
	otp_keyring_wipe(&old);
	if (!ok)
	{
		fprintf(stderr, "faults_sqlite: fixtures failed\n");
		exit(2);
	}

	SET_SQL("totp_code", "SELECT totp_code('%s', %lld)", secret, (long long) at);
	SET_SQL("totp_code sha512", "SELECT totp_code('%s', %lld, 8, 60, 'SHA512')", secret,
			(long long) at);
	SET_SQL("totp_verify", "SELECT totp_verify('%s', '%s', 1, %lld)", secret, code,
			(long long) at);
	SET_SQL("totp_verify integer code", "SELECT totp_verify('%s', %s, 1, %lld)", secret,
			code, (long long) at);
	SET_SQL("totp_verify wrong code", "SELECT totp_verify('%s', '%s', 1, %lld)", secret,
			wrong, (long long) at);
	SET_SQL("totp_verify_step", "SELECT totp_verify_step('%s', '%s', NULL, 1, %lld)",
			secret, code, (long long) at);
	SET_SQL("totp_verify_step replay", "SELECT totp_verify_step('%s', '%s', %lld, 1, %lld)",
			secret, code, (long long) (at / 30), (long long) at);
	SET_SQL("hotp_code", "SELECT hotp_code('%s', 7)", secret);
	SET_SQL("hotp_verify", "SELECT hotp_verify('%s', '%s', 7, 3)", secret, hcode);
	SET_SQL("otpauth_uri",
			"SELECT otpauth_uri('%s', 'alice@example.com', 'Example Co', 8, 60, 'sha256')",
			secret);
	SET_SQL("consume_backup_code match", "SELECT consume_backup_code('%s', '01ABC DEFGH')",
			set);
	SET_SQL("consume_backup_code no match",
			"SELECT consume_backup_code('%s', 'aaaaa-aaaaa')", set);
	SET_SQL("backup_codes_remaining", "SELECT backup_codes_remaining('%s')", set);
	SET_SQL("totp_seal", "SELECT totp_seal('%s')", secret);
	SET_SQL("totp_unseal", "SELECT totp_unseal('%s')", sealed_old);
	SET_SQL("totp_reseal", "SELECT totp_reseal('%s')", sealed_old);
	SET_SQL("totp_verify sealed, keyring from TOTP_KEYRING",
			"SELECT totp_verify('%s', '%s', 1, %lld)", sealed, code, (long long) at);
	SET_SQL("hotp_verify sealed", "SELECT hotp_verify('%s', '%s', 7, 3)", sealed, hcode);

	for (size_t i = 0; i < N_CASES; i++)
	{
		sqlite3    *db = open_db(cases[i].setup);

		exec_sql(db, cases[i].sql, &references[i]);
		sqlite3_close(db);
		if (!references[i].answered ||
			(cases[i].shape && !cases[i].shape(references[i].text)))
		{
			fprintf(stderr, "faults_sqlite: fixture %s: %s\n", cases[i].name,
					references[i].errmsg);
			exit(2);
		}
	}
	/* Expected results that a wrong answer could be confused with. */
	if (strcmp(REFERENCE(find_case("totp_verify integer code"))->text, "1") != 0 ||
		strcmp(REFERENCE(find_case("hotp_verify"))->text, "10") != 0 ||
		REFERENCE(find_case("consume_backup_code no match"))->type != SQLITE_NULL ||
		REFERENCE(find_case("totp_verify_step replay"))->type != SQLITE_NULL)
	{
		fprintf(stderr, "faults_sqlite: fixtures give unexpected references\n");
		exit(2);
	}
}

int
main(int argc, char **argv)
{
	fault_scenario scenarios[N_CASES + 1];

	fault_init();				/* before OpenSSL allocates anything */
	if (sqlite3_config(SQLITE_CONFIG_MALLOC, &sq_methods) != SQLITE_OK ||
		sqlite3_config(SQLITE_CONFIG_LOOKASIDE, 0, 0) != SQLITE_OK)
	{
		fprintf(stderr, "faults_sqlite: sqlite3_config failed\n");
		return 2;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	setenv("TOTP_KEYRING", KEYRING, 1);
	fault_pbkdf2_cap = 1000;	/* backup_codes_hash asks for 600,000 */
	fixtures();
	for (size_t i = 0; i < N_CASES; i++)
		scenarios[i] = (fault_scenario) {cases[i].name, run_case, &cases[i]};
	scenarios[N_CASES] = (fault_scenario) {"sqlite3_totp_init", run_init, NULL};
	return fault_main(scenarios, N_CASES + 1, argc, argv);
}
