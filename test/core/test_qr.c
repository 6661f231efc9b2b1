/*
 * test_qr.c: QR codes of otpauth URIs. The symbol is libqrencode's; what is
 * ours is checked here: the URI is validated first, the limits, and that the
 * SVG and the terminal text draw exactly the symbol's modules with a light
 * quiet zone (each drawing is read back into modules and compared). That a
 * real decoder reads the drawings back to the URI is test/qr/run.sh's job.
 */
#include <stdlib.h>
#include <string.h>

#include "unit.h"

#define URI "otpauth://totp/ACME%20Co:alice%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=ACME%20Co"

static otp_qr qr;
static otp_qr again;

/* Modules of a drawing, quiet zone included, row-major. */
#define SIDE_MAX (OTP_QR_MAX_WIDTH + 2 * OTP_QR_QUIET_ZONE)
static uint8_t drawn[SIDE_MAX * SIDE_MAX];

/* 1 if drawn[] shows qr's modules inside an all-light quiet zone. */
static int
drawn_matches(const otp_qr *code)
{
	int			side = code->width + 2 * OTP_QR_QUIET_ZONE;

	for (int y = 0; y < side; y++)
		for (int x = 0; x < side; x++)
		{
			int			mx = x - OTP_QR_QUIET_ZONE;
			int			my = y - OTP_QR_QUIET_ZONE;
			int			dark = mx >= 0 && my >= 0 && mx < code->width && my < code->width &&
				code->dark[my * code->width + mx];

			if (drawn[y * side + x] != dark)
				return 0;
		}
	return 1;
}

/* Read "M<x> <y>h<n>v1h-<n>z" runs of the SVG's dark path into drawn[]. */
static int
read_svg(const char *svg, int side)
{
	const char *path = strstr(svg, "fill=\"#000\" d=\"");

	memset(drawn, 0, sizeof(drawn));
	if (path == NULL)
		return 0;
	path += strlen("fill=\"#000\" d=\"");
	while (*path == 'M')
	{
		char	   *end;
		long		x = strtol(path + 1, &end, 10);
		long		y = strtol(end + 1, &end, 10);
		long		n = strtol(end + 1, &end, 10);	/* after 'h' */

		if (x < 0 || y < 0 || n <= 0 || x + n > side || y >= side)
			return 0;
		for (long k = 0; k < n; k++)
			drawn[y * side + x + k] = 1;
		path = strchr(end, 'z');
		if (path == NULL)
			return 0;
		path++;
	}
	return strcmp(path, "\"/></svg>\n") == 0;
}

/* Read the half-block text into drawn[]: ink is light, blank is dark. */
static int
read_text(const char *text, int side)
{
	int			y = 0;

	memset(drawn, 0, sizeof(drawn));
	while (*text != '\0')
	{
		int			x = 0;

		for (; *text != '\n' && *text != '\0'; x++)
		{
			int			top_dark;
			int			bottom_dark;

			if (strncmp(text, "\xe2\x96\x88", 3) == 0)
				top_dark = 0, bottom_dark = 0, text += 3;
			else if (strncmp(text, "\xe2\x96\x80", 3) == 0)
				top_dark = 0, bottom_dark = 1, text += 3;
			else if (strncmp(text, "\xe2\x96\x84", 3) == 0)
				top_dark = 1, bottom_dark = 0, text += 3;
			else if (*text == ' ')
				top_dark = 1, bottom_dark = 1, text += 1;
			else
				return 0;
			if (x >= side)
				return 0;
			drawn[y * side + x] = (uint8_t) top_dark;
			if (y + 1 < side)
				drawn[(y + 1) * side + x] = (uint8_t) bottom_dark;
			else if (bottom_dark)
				return 0;		/* the row below the symbol is light */
		}
		if (x != side || *text != '\n')
			return 0;
		text++;
		y += 2;
	}
	return y == side + 1 || y == side;
}

static int
encode(const char *uri, otp_qr *code)
{
	return otp_qr_encode(uri, strlen(uri), code);
}

static void
test_symbol(void)
{
	if (!CHECK_STATUS("a URI encodes", encode(URI, &qr), OTP_OK))
		return;
	CHECK("width is a QR version's (21 + 4k)", qr.width >= 21 && (qr.width - 21) % 4 == 0);
	/* Level M, 89 bytes: version 5 (37 modules) at most. */
	CHECK("a short URI gives a small symbol", qr.width <= 37);
	/* Finder patterns: dark 7x7 rings in three corners. */
	CHECK("top-left finder", qr.dark[0] && qr.dark[6] && qr.dark[6 * qr.width] &&
		  !qr.dark[1 * qr.width + 1] && qr.dark[3 * qr.width + 3]);
	CHECK("top-right finder", qr.dark[qr.width - 1] && qr.dark[qr.width - 7]);
	CHECK("bottom-left finder", qr.dark[(qr.width - 1) * qr.width] &&
		  qr.dark[(qr.width - 7) * qr.width]);
	CHECK("no finder bottom-right", !(qr.dark[qr.width * qr.width - 1] &&
									  qr.dark[qr.width * qr.width - 7] &&
									  qr.dark[(qr.width - 7) * qr.width + qr.width - 1]));
	CHECK_STATUS("the same URI encodes again", encode(URI, &again), OTP_OK);
	CHECK("deterministic: the same modules", again.width == qr.width &&
		  memcmp(again.dark, qr.dark, (size_t) (qr.width * qr.width)) == 0);
}

static void
test_drawings(void)
{
	int			side = qr.width + 2 * OTP_QR_QUIET_ZONE;
	size_t		len = 0;
	size_t		written = 0;
	char	   *out;

	/* SVG */
	CHECK_STATUS("svg: size query", otp_qr_svg(&qr, NULL, 0, &len), OTP_OK);
	out = malloc(len + 1);
	if (out == NULL)
		abort();
	CHECK_STATUS("svg: one byte short", otp_qr_svg(&qr, out, len, &written), OTP_ERR_BUFFER);
	CHECK("svg: a short buffer is left empty", out[0] == '\0');
	if (CHECK_STATUS("svg: drawn", otp_qr_svg(&qr, out, len + 1, &written), OTP_OK))
	{
		CHECK_INT("svg: length as queried", written, len);
		CHECK_INT("svg: NUL-terminated at its length", strlen(out), len);
		CHECK("svg: a standalone SVG document",
			  strncmp(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" ", 40) == 0);
		CHECK("svg: viewBox covers symbol and quiet zone",
			  strstr(out, unit_name("viewBox=\"0 0 %d %d\"", side, side)) != NULL);
		CHECK("svg: white background over the whole viewBox",
			  strstr(out, unit_name("<path fill=\"#fff\" d=\"M0 0h%dv%dH0z\"/>", side, side)) != NULL);
		CHECK("svg: the dark path draws exactly the symbol's modules",
			  read_svg(out, side) && drawn_matches(&qr));
	}
	free(out);

	/* Text */
	CHECK_STATUS("text: size query", otp_qr_text(&qr, NULL, 0, &len), OTP_OK);
	out = malloc(len + 1);
	if (out == NULL)
		abort();
	CHECK_STATUS("text: one byte short", otp_qr_text(&qr, out, len, &written), OTP_ERR_BUFFER);
	if (CHECK_STATUS("text: drawn", otp_qr_text(&qr, out, len + 1, &written), OTP_OK))
	{
		CHECK_INT("text: length as queried", written, len);
		CHECK("text: half blocks draw exactly the symbol's modules, light quiet zone",
			  read_text(out, side) && drawn_matches(&qr));
	}
	free(out);
}

/* A valid otpauth URI of exactly len bytes (ASCII), padded in the issuer. */
static char *
uri_of_length(size_t len)
{
	const char *head = "otpauth://totp/alice?secret=JBSWY3DPEHPK3PXP&issuer=";
	char	   *uri = malloc(len + 1);

	if (uri == NULL || len < strlen(head))
		abort();
	memcpy(uri, head, strlen(head));
	for (size_t i = strlen(head); i < len; i++)
		uri[i] = (char) ('a' + i % 26);
	uri[len] = '\0';
	return uri;
}

static void
test_limits(void)
{
	char	   *longest = uri_of_length(OTP_QR_MAX_URI);
	char	   *too_long = uri_of_length(OTP_QR_MAX_URI + 1);
	static const char with_nul[] = "otpauth://totp/a?secret=JBSWY3DPEHPK3PXP\0#x";

	if (CHECK_STATUS("the longest URI fits", encode(longest, &qr), OTP_OK))
	{
		CHECK_INT("it takes a version 40 symbol", qr.width, OTP_QR_MAX_WIDTH);
		test_drawings();
	}
	CHECK_STATUS("one byte more is too long", encode(too_long, &qr), OTP_ERR_QR_TOO_LONG);
	CHECK_INT("a refused URI leaves no symbol", qr.width, 0);
	free(longest);
	free(too_long);

	{
		/* The UTF-8 ECI header costs 12 bits: one byte less fits. */
		char	   *utf8 = uri_of_length(OTP_QR_MAX_URI);

		memcpy(utf8 + 15, "\xc3\xa9", 2);	/* "alice" -> "\u00e9ice" */
		CHECK_STATUS("raw UTF-8 at OTP_QR_MAX_URI bytes is too long",
					 otp_qr_encode(utf8, OTP_QR_MAX_URI, &qr), OTP_ERR_QR_TOO_LONG);
		utf8[OTP_QR_MAX_URI_UTF8] = '\0';
		CHECK_STATUS("raw UTF-8 at OTP_QR_MAX_URI_UTF8 bytes fits",
					 otp_qr_encode(utf8, OTP_QR_MAX_URI_UTF8, &qr), OTP_OK);
		free(utf8);
	}
	CHECK_STATUS("raw UTF-8 labels encode (with a UTF-8 ECI header)",
				 encode("otpauth://totp/Soci\xc3\xa9t\xc3\xa9:j\xc3\xbcrgen?secret=JBSWY3DPEHPK3PXP",
						&qr), OTP_OK);
	CHECK_STATUS("not an otpauth URI", encode("https://example.com/", &qr), OTP_ERR_URI_SCHEME);
	CHECK_STATUS("an otpauth URI without a secret", encode("otpauth://totp/a", &qr),
				 OTP_ERR_URI_SECRET_MISSING);
	CHECK_STATUS("a bad secret", encode("otpauth://totp/a?secret=1", &qr),
				 OTP_ERR_SECRET_BASE32);
	CHECK_STATUS("a NUL byte inside the URI",
				 otp_qr_encode(with_nul, sizeof(with_nul) - 1, &qr), OTP_ERR_URI_ENCODING);
	CHECK_STATUS("an empty URI", otp_qr_encode("", 0, &qr), OTP_ERR_URI_SCHEME);
}

void
test_qr(void)
{
	test_symbol();
	if (qr.width > 0)
		test_drawings();
	test_limits();
}
