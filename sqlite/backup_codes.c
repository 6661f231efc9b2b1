/*
 * backup_codes.c: SQL functions for single-use backup codes (core/backup.c).
 * Code lists cross SQL as JSON arrays of strings, SQLite having no arrays.
 *
 *   backup_codes_new([count])                     -> JSON array text
 *   backup_codes_hash(codes_json)                 -> stored set text
 *   consume_backup_code(codes_hashed, code)       -> set minus code, or NULL
 *   backup_codes_remaining(codes_hashed)          -> integer
 */
#include <sqlite3ext.h>
SQLITE_EXTENSION_INIT3

#include <string.h>

#include "totp_sqlite.h"

/* backup_codes_new([count]) */
void
backup_codes_new(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	char		codes[OTP_BACKUP_MAX_COUNT * OTP_BACKUP_CODE_BUFSIZE];
	/* '["' + codes joined by '","' + '"]': each code takes its length + 3 */
	char		json[OTP_BACKUP_MAX_COUNT * (OTP_BACKUP_CODE_LEN + 3) + 2];
	size_t		pos = 0;
	int			count;
	int			status;

	if (any_null(ctx, argc, argv) ||
		!arg_int(ctx, argc, argv, 0, "count", OTP_BACKUP_DEFAULT_COUNT, &count))
		return;
	status = otp_backup_codes_new(count, codes, sizeof(codes));
	if (status != OTP_OK)
	{
		result_status(ctx, status);
		return;
	}
	/* The codes are [0-9a-z-] only, so they need no JSON escaping. */
	json[pos++] = '[';
	for (int i = 0; i < count; i++)
	{
		if (i > 0)
			json[pos++] = ',';
		json[pos++] = '"';
		memcpy(json + pos, codes + i * OTP_BACKUP_CODE_BUFSIZE, OTP_BACKUP_CODE_LEN);
		pos += OTP_BACKUP_CODE_LEN;
		json[pos++] = '"';
	}
	json[pos++] = ']';
	sqlite3_result_text(ctx, json, (int) pos, SQLITE_TRANSIENT);
	otp_wipe(codes, sizeof(codes));
	otp_wipe(json, sizeof(json));
}

/* Wipe and free the copies read_code_list made: they are plaintext codes. */
static void
free_code_list(otp_text *codes, size_t count)
{
	for (size_t i = 0; i < count; i++)
	{
		otp_wipe((void *) codes[i].ptr, codes[i].len);
		sqlite3_free((void *) codes[i].ptr);
	}
}

/*
 * Read a JSON array of strings into codes (at most OTP_BACKUP_MAX_COUNT
 * copies, which the caller frees with free_code_list), parsing it with
 * SQLite's own json_each. Returns 0 after setting an error.
 */
static int
read_code_list(sqlite3_context *ctx, sqlite3_value *json,
			   otp_text *codes, size_t *count)
{
	sqlite3    *db = sqlite3_context_db_handle(ctx);
	sqlite3_stmt *stmt = NULL;
	const char *problem = NULL;
	int			rc;

	*count = 0;
	/* Row -1 gives the document's type, then one row per element in order. */
	rc = sqlite3_prepare_v2(db,
							"SELECT -1, CASE WHEN json_valid(?1) THEN json_type(?1) END, NULL, NULL "
							"UNION ALL SELECT key, NULL, type, value FROM json_each(?1) "
							"WHERE json_valid(?1) AND json_type(?1) = 'array' ORDER BY 1",
							-1, &stmt, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_value(stmt, 1, json);
	if (rc == SQLITE_OK && (rc = sqlite3_step(stmt)) == SQLITE_ROW)
	{
		const char *type = (const char *) sqlite3_column_text(stmt, 1);

		if (type == NULL || sqlite3_stricmp(type, "array") != 0)
			problem = "codes must be a JSON array of strings";
		/* Stop at an allocation failure: stepping on would lose a code. */
		while (problem == NULL && rc != SQLITE_NOMEM &&
			   (rc = sqlite3_step(stmt)) == SQLITE_ROW)
		{
			const char *elem_type = (const char *) sqlite3_column_text(stmt, 2);
			char	   *copy;

			if (sqlite3_stricmp(elem_type, "text") != 0)
				problem = "codes must be a JSON array of strings";
			else if (*count == OTP_BACKUP_MAX_COUNT)
				problem = otp_strerror(OTP_ERR_BACKUP_TOO_MANY);
			else if ((copy = sqlite3_mprintf("%s", sqlite3_column_text(stmt, 3))) == NULL)
				rc = SQLITE_NOMEM;
			else
			{
				codes[*count].ptr = copy;
				codes[(*count)++].len = (size_t) sqlite3_column_bytes(stmt, 3);
			}
		}
	}
	sqlite3_finalize(stmt);
	if (problem != NULL)
		result_error(ctx, problem);
	else if (rc == SQLITE_NOMEM)
		sqlite3_result_error_nomem(ctx);
	else if (rc != SQLITE_DONE)
		result_error(ctx, sqlite3_errmsg(db));
	else
		return 1;
	free_code_list(codes, *count);
	*count = 0;
	return 0;
}

/* backup_codes_hash(codes_json) */
void
backup_codes_hash(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	otp_text	codes[OTP_BACKUP_MAX_COUNT];
	size_t		count;
	size_t		bufsize;
	size_t		len;
	char	   *set;
	int			status;

	if (any_null(ctx, argc, argv) || !read_code_list(ctx, argv[0], codes, &count))
		return;
	bufsize = otp_backup_set_bufsize(count);
	set = sqlite3_malloc64(bufsize);
	if (set == NULL)
	{
		free_code_list(codes, count);
		sqlite3_result_error_nomem(ctx);
		return;
	}
	status = otp_backup_hash(codes, count, set, bufsize, &len);
	free_code_list(codes, count);
	if (status != OTP_OK)
	{
		result_status(ctx, status);
		sqlite3_free(set);
	}
	else
		sqlite3_result_text64(ctx, set, len, sqlite3_free, SQLITE_UTF8);
}

/* consume_backup_code(codes_hashed, code) */
void
consume_backup_code(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	size_t		set_len;
	size_t		code_len;
	const char *set;
	const char *code;
	char	   *out;
	size_t		out_len;
	int			matched;
	int			status;

	if (any_null(ctx, argc, argv))
		return;
	set = arg_text(argv, 0, &set_len);
	code = arg_text(argv, 1, &code_len);
	out = sqlite3_malloc64(set_len + 1);
	if (out == NULL)
	{
		sqlite3_result_error_nomem(ctx);
		return;
	}
	status = otp_backup_consume(set, set_len, code, code_len, out, set_len + 1,
								&out_len, &matched);
	if (status != OTP_OK)
		result_status(ctx, status);
	else if (matched)
	{
		sqlite3_result_text64(ctx, out, out_len, sqlite3_free, SQLITE_UTF8);
		return;
	}
	sqlite3_free(out);
}

/* backup_codes_remaining(codes_hashed) */
void
backup_codes_remaining(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	size_t		set_len;
	const char *set;
	int			remaining;
	int			status;

	if (any_null(ctx, argc, argv))
		return;
	set = arg_text(argv, 0, &set_len);
	status = otp_backup_remaining(set, set_len, &remaining);
	if (status != OTP_OK)
		result_status(ctx, status);
	else
		sqlite3_result_int(ctx, remaining);
}
