/*
 * params.c: algorithm names and the range checks every function shares.
 */
#include <string.h>

#include "otp_internal.h"

static const struct
{
	const char *sql_name;
	const char *uri_name;
}			algorithm_names[] = {
	[OTP_SHA1] = {"sha1", "SHA1"},
	[OTP_SHA256] = {"sha256", "SHA256"},
	[OTP_SHA512] = {"sha512", "SHA512"},
};

int
otp_algorithm_parse(const char *name, size_t len, otp_algorithm *out)
{
	for (size_t i = 0; i < sizeof(algorithm_names) / sizeof(algorithm_names[0]); i++)
	{
		const char *candidate = algorithm_names[i].sql_name;

		if (strlen(candidate) == len && otp_ascii_equal_nocase(candidate, name, len))
		{
			*out = (otp_algorithm) i;
			return OTP_OK;
		}
	}
	return OTP_ERR_ALGORITHM;
}

const char *
otp_algorithm_uri_name(otp_algorithm algorithm)
{
	if ((unsigned) algorithm >= sizeof(algorithm_names) / sizeof(algorithm_names[0]))
		return "";
	return algorithm_names[algorithm].uri_name;
}

int
otp_params_check(const otp_params *params, int check_period)
{
	if (params->digits < OTP_MIN_DIGITS || params->digits > OTP_MAX_DIGITS)
		return OTP_ERR_DIGITS;
	if (check_period &&
		(params->period < OTP_MIN_PERIOD || params->period > OTP_MAX_PERIOD))
		return OTP_ERR_PERIOD;
	if (params->algorithm != OTP_SHA1 && params->algorithm != OTP_SHA256 &&
		params->algorithm != OTP_SHA512)
		return OTP_ERR_ALGORITHM;
	return OTP_OK;
}

const char *
otp_algorithm_name(otp_algorithm algorithm)
{
	if ((unsigned) algorithm >= sizeof(algorithm_names) / sizeof(algorithm_names[0]))
		return "";
	return algorithm_names[algorithm].sql_name;
}
