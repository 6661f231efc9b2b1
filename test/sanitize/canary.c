/*
 * canary.c: a SQLite extension with deliberate memory errors, never shipped.
 * test/sanitize/run.sh and valgrind.sh load it into the same instrumented
 * sqlite3 shell as the real extension and require each error to be reported
 * with the tool's exit status: proof that the sanitizer runtime really is
 * active in the shell, that leaks are errors, and that the exit status
 * reaches the suite, so that a tool silently doing nothing cannot pass.
 *
 *   canary_ok()            1; no error (the shell and the canary are clean)
 *   canary_leak()          allocates and drops 4 blocks of 1000 bytes
 *   canary_overflow(n)     writes byte n of an 8-byte heap buffer (n = 8)
 *   canary_signed_add(x)   x + 1 in int: undefined for x = 2147483647 (UBSan)
 *   canary_uninit()        branches on uninitialised heap memory (valgrind)
 *
 * Entry point: .load ./sanitize-canary sqlite3_canary_init
 */
#include <stdlib.h>

#include <sqlite3ext.h>
SQLITE_EXTENSION_INIT1

/* Stores through it cannot be dropped, whatever the optimiser proves. */
static void *volatile canary_sink;

static void
canary_ok(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void) argc;
	(void) argv;
	sqlite3_result_int(ctx, 1);
}

/*
 * Several blocks, each pointer overwritten at once, so that no stale copy
 * on the stack or in a register can make one of them look reachable.
 */
static void
canary_leak(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void) argc;
	(void) argv;
	for (int i = 0; i < 4; i++)
	{
		canary_sink = malloc(1000);
		canary_sink = NULL;
	}
	sqlite3_result_int(ctx, 1);
}

static void
canary_overflow(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	char	   *p = malloc(8);
	int			n = sqlite3_value_int(argv[0]);

	(void) argc;
	if (p == NULL)
	{
		sqlite3_result_error_nomem(ctx);
		return;
	}
	/*
	 * Through the volatile, so that UBSan's object-size check cannot size
	 * the buffer: the write is left for ASan to catch.
	 */
	canary_sink = p;
	((char *) canary_sink)[n] = 'x';
	canary_sink = NULL;
	free(p);
	sqlite3_result_int(ctx, n);
}

static void
canary_signed_add(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	int			x = sqlite3_value_int(argv[0]);

	(void) argc;
	sqlite3_result_int(ctx, x + 1);
}

static void
canary_uninit(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	unsigned char *p = malloc(16);
	int			result;

	(void) argc;
	(void) argv;
	if (p == NULL)
	{
		sqlite3_result_error_nomem(ctx);
		return;
	}
	/* Read back through the volatile: the compiler cannot see it is p. */
	canary_sink = p;
	result = ((unsigned char *) canary_sink)[3] == 42 ? 2 : 1;
	canary_sink = NULL;
	free(p);
	sqlite3_result_int(ctx, result);
}

int
sqlite3_canary_init(sqlite3 *db, char **errmsg, const sqlite3_api_routines *api)
{
	int			rc;

	(void) errmsg;
	SQLITE_EXTENSION_INIT2(api);
	rc = sqlite3_create_function(db, "canary_ok", 0, SQLITE_UTF8, NULL,
								 canary_ok, NULL, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_create_function(db, "canary_leak", 0, SQLITE_UTF8, NULL,
									 canary_leak, NULL, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_create_function(db, "canary_overflow", 1, SQLITE_UTF8, NULL,
									 canary_overflow, NULL, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_create_function(db, "canary_signed_add", 1, SQLITE_UTF8, NULL,
									 canary_signed_add, NULL, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_create_function(db, "canary_uninit", 0, SQLITE_UTF8, NULL,
									 canary_uninit, NULL, NULL);
	return rc;
}
