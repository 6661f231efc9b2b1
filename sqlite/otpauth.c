/*
 * otpauth.c: reading and drawing otpauth URIs.
 *
 *   otpauth_parse(uri)   -> JSON object text: {"type", "issuer", "account",
 *                           "secret", "algorithm", "digits", "period",
 *                           "counter"}; issuer null when the URI names none,
 *                           period null for hotp, counter null for totp
 *   otpauth_qr_svg(uri)  -> text: a standalone SVG of the URI's QR code
 *   otpauth_qr_text(uri) -> text: the QR code in Unicode half blocks
 */
#include <sqlite3ext.h>
SQLITE_EXTENSION_INIT3

#include "totp_sqlite.h"

/* Append s[0..len) as a JSON string (RFC 8259); s is valid UTF-8. */
static void
append_json_string(sqlite3_str *out, const char *s, size_t len)
{
	sqlite3_str_appendchar(out, 1, '"');
	for (size_t i = 0; i < len; i++)
	{
		unsigned char c = (unsigned char) s[i];

		if (c == '"' || c == '\\')
			sqlite3_str_appendf(out, "\\%c", c);
		else if (c < 0x20)
			sqlite3_str_appendf(out, "\\u%04x", c);
		else
			sqlite3_str_appendchar(out, 1, (char) c);
	}
	sqlite3_str_appendchar(out, 1, '"');
}

static void
append_json_field(sqlite3_str *out, const char *name, const otp_text *value)
{
	sqlite3_str_appendf(out, ",\"%s\":", name);
	if (value->ptr == NULL)
		sqlite3_str_appendall(out, "null");
	else
		append_json_string(out, value->ptr, value->len);
}

/* otpauth_parse(uri) */
void
otpauth_parse(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	otp_uri_fields fields;
	const char *uri;
	size_t		uri_len;
	size_t		bufsize;
	char	   *buf;
	sqlite3_str *json;
	int			status;

	if (any_null(ctx, argc, argv))
		return;
	uri = arg_text(argv, 0, &uri_len);
	bufsize = otp_uri_parse_bufsize(uri_len);
	buf = bufsize > 0 ? sqlite3_malloc64(bufsize) : NULL;
	if (buf == NULL)
	{
		sqlite3_result_error_nomem(ctx);
		return;
	}
	status = otp_uri_parse(uri, uri_len, buf, bufsize, &fields);
	if (status != OTP_OK)
	{
		result_status(ctx, status);
		goto cleanup;
	}

	json = sqlite3_str_new(sqlite3_context_db_handle(ctx));
	sqlite3_str_appendf(json, "{\"type\":\"%s\"", otp_otpauth_type_name(fields.type));
	append_json_field(json, "issuer", &fields.issuer);
	append_json_field(json, "account", &fields.account);
	append_json_field(json, "secret", &fields.secret);
	sqlite3_str_appendf(json, ",\"algorithm\":\"%s\",\"digits\":%d",
						otp_algorithm_name(fields.params.algorithm),
						fields.params.digits);
	if (fields.type == OTP_OTPAUTH_TOTP)
		sqlite3_str_appendf(json, ",\"period\":%d,\"counter\":null}",
							fields.params.period);
	else
		sqlite3_str_appendf(json, ",\"period\":null,\"counter\":%lld}",
							(long long) fields.counter);

	if (sqlite3_str_errcode(json) != SQLITE_OK)
	{
		/* Wipe what was built: it holds the secret. */
		otp_wipe(sqlite3_str_value(json), (size_t) sqlite3_str_length(json));
		sqlite3_free(sqlite3_str_finish(json));
		sqlite3_result_error_nomem(ctx);
	}
	else
	{
		int			len = sqlite3_str_length(json);

		sqlite3_result_text(ctx, sqlite3_str_finish(json), len, sqlite3_free);
	}

cleanup:
	otp_wipe(buf, bufsize);
	sqlite3_free(buf);
}

/* Draw the URI's QR code with draw (otp_qr_svg or otp_qr_text). */
static void
draw_qr(sqlite3_context *ctx, sqlite3_value **argv,
		int (*draw) (const otp_qr *, char *, size_t, size_t *))
{
	otp_qr	   *qr;
	const char *uri;
	size_t		uri_len;
	size_t		len = 0;
	char	   *out = NULL;
	int			status;

	uri = arg_text(argv, 0, &uri_len);
	/* 31 kB of modules: on the heap, not on a thread's small stack. */
	qr = sqlite3_malloc64(sizeof(*qr));
	if (qr == NULL)
	{
		sqlite3_result_error_nomem(ctx);
		return;
	}
	status = otp_qr_encode(uri, uri_len, qr);
	if (status == OTP_OK)
		status = draw(qr, NULL, 0, &len);
	if (status == OTP_OK)
	{
		out = sqlite3_malloc64(len + 1);
		if (out == NULL)
		{
			sqlite3_result_error_nomem(ctx);
			goto cleanup;
		}
		status = draw(qr, out, len + 1, &len);
	}
	if (status != OTP_OK)
	{
		result_status(ctx, status);
		sqlite3_free(out);
	}
	else
		sqlite3_result_text64(ctx, out, len, sqlite3_free, SQLITE_UTF8);

cleanup:
	otp_wipe(qr, sizeof(*qr));
	sqlite3_free(qr);
}

/* otpauth_qr_svg(uri) */
void
otpauth_qr_svg(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	if (!any_null(ctx, argc, argv))
		draw_qr(ctx, argv, otp_qr_svg);
}

/* otpauth_qr_text(uri) */
void
otpauth_qr_text(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	if (!any_null(ctx, argc, argv))
		draw_qr(ctx, argv, otp_qr_text);
}
