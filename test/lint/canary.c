/*
 * canary.c: deliberate defects, never built. test/lint/run.sh lints this file
 * with the same settings as the tree and requires each tool to report them,
 * so that a configuration that checks nothing (a typo in the check list, a
 * tool that exits 0 on findings) cannot pass.
 *
 *   cppcheck:   arrayIndexOutOfBounds, memleak, memsetZeroBytes
 *   clang-tidy: bugprone-suspicious-memset-usage, cert-err34-c and the
 *               static analyzer (clang-analyzer-*: the uninitialised buf)
 */
#include <stdlib.h>
#include <string.h>

int			lint_canary(const char *s);

int
lint_canary(const char *s)
{
	char		buf[8];
	char	   *p = malloc(16);

	if (p == NULL)
		return -1;
	memset(buf, sizeof(buf), 0);	/* fill value and length swapped */
	buf[8] = s[0];				/* one past the end */
	if (s[1] == 'x')
		return buf[0];			/* p leaks */
	free(p);
	return atoi(s);				/* no error detection */
}
