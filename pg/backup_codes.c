/*
 * backup_codes.c: SQL functions for single-use backup codes (core/backup.c).
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "fmgr.h"
#include "utils/array.h"
#include "utils/builtins.h"

#include "otp.h"
#include "totp_pg.h"

/* SQL function: backup_codes_new(count int) returns text[] */
PG_FUNCTION_INFO_V1(backup_codes_new);
Datum
backup_codes_new(PG_FUNCTION_ARGS)
{
	int			count = PG_GETARG_INT32(0);
	char		codes[OTP_BACKUP_MAX_COUNT * OTP_BACKUP_CODE_BUFSIZE];
	Datum		elems[OTP_BACKUP_MAX_COUNT];
	ArrayType  *result;

	totp_check(otp_backup_codes_new(count, codes, sizeof(codes)));
	for (int i = 0; i < count; i++)
		elems[i] = PointerGetDatum(cstring_to_text(codes + i * OTP_BACKUP_CODE_BUFSIZE));
	otp_wipe(codes, sizeof(codes));
	result = construct_array(elems, count, TEXTOID, -1, false, TYPALIGN_INT);
	PG_RETURN_ARRAYTYPE_P(result);
}

/* SQL function: backup_codes_hash(codes text[]) returns text */
PG_FUNCTION_INFO_V1(backup_codes_hash);
Datum
backup_codes_hash(PG_FUNCTION_ARGS)
{
	ArrayType  *array = PG_GETARG_ARRAYTYPE_P(0);
	Datum	   *elems;
	bool	   *nulls;
	int			count;
	otp_text   *codes;
	size_t		bufsize;
	size_t		len;
	text	   *result;

	if (ARR_NDIM(array) > 1)
		totp_raise(ERRCODE_ARRAY_SUBSCRIPT_ERROR,
				   "codes must be a one-dimensional array", NULL);
	deconstruct_array(array, TEXTOID, -1, false, TYPALIGN_INT,
					  &elems, &nulls, &count);
	if (count > OTP_BACKUP_MAX_COUNT)
		totp_check(OTP_ERR_BACKUP_TOO_MANY);
	codes = palloc(sizeof(otp_text) * (count > 0 ? count : 1));
	for (int i = 0; i < count; i++)
	{
		text	   *t;

		if (nulls[i])
			totp_raise(ERRCODE_NULL_VALUE_NOT_ALLOWED,
				   "codes must not contain NULL", NULL);
		t = DatumGetTextPP(elems[i]);
		codes[i].ptr = VARDATA_ANY(t);
		codes[i].len = VARSIZE_ANY_EXHDR(t);
	}

	bufsize = otp_backup_set_bufsize((size_t) count);
	result = palloc(VARHDRSZ + bufsize);
	totp_check(otp_backup_hash(codes, (size_t) count, VARDATA(result), bufsize, &len));
	SET_VARSIZE(result, VARHDRSZ + len);
	PG_RETURN_TEXT_P(result);
}

/*
 * SQL function: consume_backup_code(codes_hashed text, code text) returns text
 * The set without the matched code, or NULL when nothing matches.
 */
PG_FUNCTION_INFO_V1(consume_backup_code);
Datum
consume_backup_code(PG_FUNCTION_ARGS)
{
	text	   *set = PG_GETARG_TEXT_PP(0);
	text	   *code = PG_GETARG_TEXT_PP(1);
	size_t		set_len = VARSIZE_ANY_EXHDR(set);
	text	   *result = palloc(VARHDRSZ + set_len + 1);
	size_t		len;
	int			matched;

	totp_check(otp_backup_consume(VARDATA_ANY(set), set_len,
								  VARDATA_ANY(code), VARSIZE_ANY_EXHDR(code),
								  VARDATA(result), set_len + 1, &len, &matched));
	if (!matched)
		PG_RETURN_NULL();
	SET_VARSIZE(result, VARHDRSZ + len);
	PG_RETURN_TEXT_P(result);
}

/* SQL function: backup_codes_remaining(codes_hashed text) returns int */
PG_FUNCTION_INFO_V1(backup_codes_remaining);
Datum
backup_codes_remaining(PG_FUNCTION_ARGS)
{
	text	   *set = PG_GETARG_TEXT_PP(0);
	int			remaining;

	totp_check(otp_backup_remaining(VARDATA_ANY(set), VARSIZE_ANY_EXHDR(set),
									&remaining));
	PG_RETURN_INT32(remaining);
}
