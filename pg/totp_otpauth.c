/*
 * totp_otpauth.c: reading otpauth URIs and drawing them as QR codes.
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "fmgr.h"
#include "funcapi.h"
#include "mb/pg_wchar.h"
#include "utils/builtins.h"
#include "utils/memutils.h"

#include "otp.h"
#include "totp_pg.h"

/*
 * UTF-8 text as text in the server encoding (UTF8 and SQL_ASCII databases
 * take the bytes as they are). A character the encoding cannot hold is our
 * error, with message: the conversion's own would log the statement, and
 * with it the URI's secret.
 */
static text *
utf8_to_server_text(const char *s, size_t len, const char *message)
{
	char	   *volatile converted = NULL;
	MemoryContext caller_context = CurrentMemoryContext;

	if (totp_db_text_is_utf8())
		return cstring_to_text_with_len(s, (int) len);

	PG_TRY();
	{
		converted = pg_any_to_server(s, (int) len, PG_UTF8);
	}
	PG_CATCH();
	{
		ErrorData  *error;

		/* The conversion holds no resource; anything but its error goes on. */
		MemoryContextSwitchTo(caller_context);
		error = CopyErrorData();
		if (error->sqlerrcode != ERRCODE_UNTRANSLATABLE_CHARACTER)
			PG_RE_THROW();
		FlushErrorState();
		FreeErrorData(error);
		converted = NULL;
	}
	PG_END_TRY();
	if (converted == NULL)
		totp_raise(ERRCODE_UNTRANSLATABLE_CHARACTER, message, NULL);
	return cstring_to_text(converted);
}

/* A field of a parsed URI as text. */
static Datum
field_datum(const otp_text *field, const char *message)
{
	return PointerGetDatum(utf8_to_server_text(field->ptr, field->len, message));
}

/*
 * SQL function: otpauth_parse(uri text, OUT type text, OUT issuer text,
 *                             OUT account text, OUT secret text,
 *                             OUT algorithm text, OUT digits int,
 *                             OUT period int, OUT counter bigint)
 *                             returns record
 * issuer is NULL when the URI names none, period NULL for hotp, counter NULL
 * for totp.
 */
PG_FUNCTION_INFO_V1(otpauth_parse);
Datum
otpauth_parse(PG_FUNCTION_ARGS)
{
	enum
	{
		F_TYPE, F_ISSUER, F_ACCOUNT, F_SECRET, F_ALGORITHM, F_DIGITS, F_PERIOD,
		F_COUNTER, N_FIELDS
	};
	Datum		values[N_FIELDS];
	bool		nulls[N_FIELDS] = {false};
	TupleDesc	desc;
	otp_uri_fields fields;
	size_t		uri_len;
	const char *uri = totp_utf8_arg(fcinfo, 0, &uri_len);
	size_t		bufsize = otp_uri_parse_bufsize(uri_len);
	char	   *buf;
	int			status;
	HeapTuple	tuple;

	if (get_call_result_type(fcinfo, NULL, &desc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "otpauth_parse must be declared with OUT parameters");
	if (bufsize == 0 || bufsize > MaxAllocSize)
		totp_raise(ERRCODE_PROGRAM_LIMIT_EXCEEDED, "uri is too long", NULL);
	buf = palloc(bufsize);
	status = otp_uri_parse(uri, uri_len, buf, bufsize, &fields);
	if (status != OTP_OK)
	{
		otp_wipe(buf, bufsize);
		totp_check(status);
	}

	values[F_TYPE] = CStringGetTextDatum(otp_otpauth_type_name(fields.type));
	if (fields.issuer.ptr == NULL)
		nulls[F_ISSUER] = true;
	else
		values[F_ISSUER] = field_datum(&fields.issuer,
									   "otpauth URI issuer has a character the database encoding cannot represent");
	values[F_ACCOUNT] = field_datum(&fields.account,
									"otpauth URI account has a character the database encoding cannot represent");
	values[F_SECRET] = PointerGetDatum(cstring_to_text_with_len(fields.secret.ptr,
																(int) fields.secret.len));
	values[F_ALGORITHM] = CStringGetTextDatum(otp_algorithm_name(fields.params.algorithm));
	values[F_DIGITS] = Int32GetDatum(fields.params.digits);
	values[F_PERIOD] = Int32GetDatum(fields.params.period);
	nulls[F_PERIOD] = fields.type != OTP_OTPAUTH_TOTP;
	values[F_COUNTER] = Int64GetDatum(fields.counter);
	nulls[F_COUNTER] = fields.type != OTP_OTPAUTH_HOTP;
	otp_wipe(buf, bufsize);
	pfree(buf);

	tuple = heap_form_tuple(BlessTupleDesc(desc), values, nulls);
	PG_RETURN_DATUM(HeapTupleGetDatum(tuple));
}

/*
 * The URI argument's QR code drawn by draw (otp_qr_svg or otp_qr_text), in
 * the server encoding.
 */
static text *
draw_qr(FunctionCallInfo fcinfo,
		int (*draw) (const otp_qr *, char *, size_t, size_t *))
{
	size_t		uri_len;
	const char *uri = totp_utf8_arg(fcinfo, 0, &uri_len);
	otp_qr	   *qr = palloc(sizeof(otp_qr));
	size_t		len = 0;
	text	   *result = NULL;
	int			status;

	status = otp_qr_encode(uri, uri_len, qr);
	if (status == OTP_OK)
		status = draw(qr, NULL, 0, &len);
	if (status == OTP_OK)
	{
		/* At most a few hundred kB: a version 40 symbol. */
		result = palloc(VARHDRSZ + len + 1);
		status = draw(qr, VARDATA(result), len + 1, &len);
		SET_VARSIZE(result, VARHDRSZ + len);
	}
	otp_wipe(qr, sizeof(otp_qr));
	pfree(qr);
	totp_check(status);
	/*
	 * The SVG is ASCII; the half blocks need an encoding that has them (and
	 * are already in it where text is UTF-8: no second copy).
	 */
	if (draw == otp_qr_text && !totp_db_text_is_utf8())
		result = utf8_to_server_text(VARDATA(result), len,
									 "otpauth_qr_text draws with Unicode half blocks, which the database encoding cannot represent (use otpauth_qr_svg)");
	return result;
}

/* SQL function: otpauth_qr_svg(uri text) returns text */
PG_FUNCTION_INFO_V1(otpauth_qr_svg);
Datum
otpauth_qr_svg(PG_FUNCTION_ARGS)
{
	PG_RETURN_TEXT_P(draw_qr(fcinfo, otp_qr_svg));
}

/* SQL function: otpauth_qr_text(uri text) returns text */
PG_FUNCTION_INFO_V1(otpauth_qr_text);
Datum
otpauth_qr_text(PG_FUNCTION_ARGS)
{
	PG_RETURN_TEXT_P(draw_qr(fcinfo, otp_qr_text));
}
