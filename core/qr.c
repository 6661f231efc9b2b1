/*
 * qr.c: QR codes of otpauth URIs for enrolment, as SVG for web pages and as
 * Unicode half blocks for terminals. libqrencode (Debian's libqrencode4)
 * builds the symbol; this file only checks the URI and draws the modules.
 */
#include <errno.h>
#include <string.h>

#include <qrencode.h>

#include "otp_internal.h"

/* Pixels per module in the SVG's width and height (it scales anyway). */
#define SVG_MODULE_PX 4

/* 1 if s[0..len) has a byte outside ASCII. */
static int
has_non_ascii(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if ((unsigned char) s[i] >= 0x80)
			return 1;
	return 0;
}

/*
 * The symbol for text (NUL-terminated, len bytes), or NULL with errno set
 * (ERANGE: too long). Level M (15% of the symbol may be damaged) keeps the
 * code small enough for a phone to scan off a screen.
 */
static QRcode *
encode_symbol(const char *text, size_t len)
{
	QRinput    *input;
	QRcode	   *code = NULL;

	errno = 0;
	if (!has_non_ascii(text, len))
	{
		/* Case-sensitive 8-bit mode; the encoder still switches to numeric
		 * or alphanumeric mode where that is shorter (an upper-case secret). */
		return QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	}

	/*
	 * Raw UTF-8 (a label nobody percent-encoded): without an ECI header
	 * saying "UTF-8" (assignment 26), readers guess Latin-1 or Shift JIS and
	 * the account name comes out garbled.
	 */
	input = QRinput_new2(0, QR_ECLEVEL_M);
	if (input == NULL)
		return NULL;
	if (QRinput_appendECIheader(input, 26) == 0 &&
		QRinput_append(input, QR_MODE_8, (int) len, (const unsigned char *) text) == 0)
		code = QRcode_encodeInput(input);
	QRinput_free(input);
	return code;
}

int
otp_qr_encode(const char *uri, size_t uri_len, otp_qr *qr)
{
	char		text[OTP_QR_MAX_URI + 1];
	char		fields_buf[OTP_QR_MAX_URI + 4];
	otp_uri_fields fields;
	QRcode	   *code;
	int			encode_errno;
	int			status;

	qr->width = 0;
	if (uri_len > OTP_QR_MAX_URI)
		return OTP_ERR_QR_TOO_LONG;
	/* libqrencode reads a C string: a NUL would cut the URI short. */
	if (memchr(uri, '\0', uri_len) != NULL)
		return OTP_ERR_URI_ENCODING;
	if (uri_len > OTP_QR_MAX_URI_UTF8 && has_non_ascii(uri, uri_len))
		return OTP_ERR_QR_TOO_LONG;
	/* Draw only what an authenticator app can read back. */
	status = otp_uri_parse(uri, uri_len, fields_buf, sizeof(fields_buf), &fields);
	otp_wipe(fields_buf, sizeof(fields_buf));
	if (status != OTP_OK)
		return status;

	memcpy(text, uri, uri_len);
	text[uri_len] = '\0';
	code = encode_symbol(text, uri_len);
	encode_errno = errno;
	otp_wipe(text, uri_len);
	if (code == NULL)
		return encode_errno == ERANGE ? OTP_ERR_QR_TOO_LONG : OTP_ERR_QR;
	if (code->width <= 0 || code->width > OTP_QR_MAX_WIDTH)
		status = OTP_ERR_QR;
	else
	{
		size_t		modules = (size_t) code->width * (size_t) code->width;

		/* Bit 0 of each byte is the module's colour; the rest is encoder
		 * bookkeeping. */
		for (size_t i = 0; i < modules; i++)
			qr->dark[i] = (uint8_t) (code->data[i] & 1);
		qr->width = code->width;
		otp_wipe(code->data, modules);
	}
	QRcode_free(code);
	return status;
}

/* Output that counts what it would write and writes only what fits. */
typedef struct writer
{
	char	   *out;			/* NULL: count only */
	size_t		size;
	size_t		len;
} writer;

static void
put(writer *w, const char *s, size_t n)
{
	if (w->out != NULL && w->len + n < w->size)
		memcpy(w->out + w->len, s, n);
	w->len += n;
}

static void
put_str(writer *w, const char *s)
{
	put(w, s, strlen(s));
}

static void
put_int(writer *w, int value)
{
	char		digits[12];
	size_t		n = 0;

	do
		digits[sizeof(digits) - 1 - n++] = (char) ('0' + value % 10);
	while ((value /= 10) > 0);
	put(w, digits + sizeof(digits) - n, n);
}

/* NUL-terminate and report, or OTP_ERR_BUFFER when out was too small. */
static int
finish(writer *w, size_t *out_len)
{
	*out_len = w->len;
	if (w->out == NULL)
		return OTP_OK;
	if (w->len + 1 > w->size)
	{
		if (w->size > 0)
			w->out[0] = '\0';
		return OTP_ERR_BUFFER;
	}
	w->out[w->len] = '\0';
	return OTP_OK;
}

/* Module (x, y) of the symbol with its quiet zone: outside is light. */
static int
is_dark(const otp_qr *qr, int x, int y)
{
	if (x < 0 || y < 0 || x >= qr->width || y >= qr->width)
		return 0;
	return qr->dark[y * qr->width + x];
}

int
otp_qr_svg(const otp_qr *qr, char *out, size_t out_size, size_t *out_len)
{
	writer		w = {out, out_size, 0};
	int			side = qr->width + 2 * OTP_QR_QUIET_ZONE;

	put_str(&w, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"");
	put_int(&w, side * SVG_MODULE_PX);
	put_str(&w, "\" height=\"");
	put_int(&w, side * SVG_MODULE_PX);
	put_str(&w, "\" viewBox=\"0 0 ");
	put_int(&w, side);
	put_str(&w, " ");
	put_int(&w, side);
	put_str(&w, "\" shape-rendering=\"crispEdges\"><path fill=\"#fff\" d=\"M0 0h");
	put_int(&w, side);
	put_str(&w, "v");
	put_int(&w, side);
	put_str(&w, "H0z\"/><path fill=\"#000\" d=\"");

	/* Each horizontal run of dark modules as one rectangle. */
	for (int y = 0; y < qr->width; y++)
	{
		for (int x = 0; x < qr->width;)
		{
			int			run = 0;

			while (x + run < qr->width && is_dark(qr, x + run, y))
				run++;
			if (run == 0)
			{
				x++;
				continue;
			}
			put_str(&w, "M");
			put_int(&w, x + OTP_QR_QUIET_ZONE);
			put_str(&w, " ");
			put_int(&w, y + OTP_QR_QUIET_ZONE);
			put_str(&w, "h");
			put_int(&w, run);
			put_str(&w, "v1h-");
			put_int(&w, run);
			put_str(&w, "z");
			x += run;
		}
	}
	put_str(&w, "\"/></svg>\n");
	return finish(&w, out_len);
}

int
otp_qr_text(const otp_qr *qr, char *out, size_t out_size, size_t *out_len)
{
	/* Indexed by (top dark) << 1 | (bottom dark); ink is a light module. */
	static const char *const cells[4] = {
		"\xe2\x96\x88",			/* U+2588 full block: both light */
		"\xe2\x96\x80",			/* U+2580 upper half: top light */
		"\xe2\x96\x84",			/* U+2584 lower half: bottom light */
		" "						/* both dark */
	};
	writer		w = {out, out_size, 0};
	int			q = OTP_QR_QUIET_ZONE;

	for (int y = -q; y < qr->width + q; y += 2)
	{
		for (int x = -q; x < qr->width + q; x++)
			put_str(&w, cells[is_dark(qr, x, y) << 1 | is_dark(qr, x, y + 1)]);
		put_str(&w, "\n");
	}
	return finish(&w, out_len);
}
