/*
 * replay_main.c: run a fuzz target over files without libFuzzer, as an
 * ordinary test. Usage: replay_<target> FILE|DIR...
 *
 * Each file runs in a child process, so that a property failure (abort), a
 * crash or a guard-page fault counts against that file alone and the rest
 * still run. Prints one line per file and ends with "N passed, N failed";
 * exits non-zero if any file failed.
 */
#define _DEFAULT_SOURCE			/* DT_DIR, strdup */

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fuzz.h"

static int	passed;
static int	failed;

/* Read a whole file into a malloc'd buffer. */
static uint8_t *
read_file(const char *path, size_t *len)
{
	FILE	   *f = fopen(path, "rb");
	uint8_t    *buf = NULL;
	size_t		cap = 0;

	*len = 0;
	if (f == NULL)
		return NULL;
	for (;;)
	{
		size_t		n;

		if (*len == cap)
		{
			uint8_t    *bigger = realloc(buf, cap = cap * 2 + 4096);

			if (bigger == NULL)
			{
				free(buf);
				fclose(f);
				return NULL;
			}
			buf = bigger;
		}
		n = fread(buf + *len, 1, cap - *len, f);
		*len += n;
		if (n == 0)
			break;
	}
	if (ferror(f))
	{
		free(buf);
		buf = NULL;
	}
	fclose(f);
	return buf;
}

/* Run one file in a child; count and report the outcome. */
static void
replay_file(const char *path)
{
	pid_t		pid;
	int			wstatus = 0;

	fflush(stdout);
	pid = fork();
	if (pid < 0)
	{
		perror("fork");
		failed++;
		return;
	}
	if (pid == 0)
	{
		size_t		len;
		uint8_t    *data = read_file(path, &len);
		/* The exact size, so that a read past the input is caught under ASan. */
		uint8_t    *exact;

		if (data == NULL)
		{
			perror(path);
			_exit(2);
		}
		exact = malloc(len > 0 ? len : 1);
		if (exact == NULL)
			_exit(2);
		memcpy(exact, data, len);
		LLVMFuzzerTestOneInput(exact, len);
		free(exact);
		free(data);
		/* exit, not _exit: coverage and leak checks run at exit. */
		exit(0);
	}
	if (waitpid(pid, &wstatus, 0) < 0)
	{
		perror("waitpid");
		failed++;
		return;
	}
	if (WIFEXITED(wstatus) && WEXITSTATUS(wstatus) == 0)
	{
		passed++;
		printf("ok    %s\n", path);
	}
	else
	{
		failed++;
		if (WIFSIGNALED(wstatus))
			printf("FAIL  %s (signal %d)\n", path, WTERMSIG(wstatus));
		else
			printf("FAIL  %s (exit %d)\n", path, WEXITSTATUS(wstatus));
	}
}

static int
compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *) a, *(char *const *) b);
}

/* Replay every regular file in dir, in name order. */
static void
replay_dir(const char *dir)
{
	DIR		   *d = opendir(dir);
	struct dirent *e;
	char	  **names = NULL;
	size_t		count = 0;

	if (d == NULL)
	{
		perror(dir);
		failed++;
		return;
	}
	while ((e = readdir(d)) != NULL)
	{
		char	  **bigger;

		if (e->d_name[0] == '.')
			continue;
		bigger = realloc(names, (count + 1) * sizeof(*names));
		if (bigger == NULL)
			break;
		names = bigger;
		names[count] = malloc(strlen(dir) + strlen(e->d_name) + 2);
		if (names[count] == NULL)
			break;
		sprintf(names[count], "%s/%s", dir, e->d_name);
		count++;
	}
	closedir(d);
	qsort(names, count, sizeof(*names), compare_names);
	for (size_t i = 0; i < count; i++)
	{
		struct stat st;

		if (stat(names[i], &st) == 0 && S_ISREG(st.st_mode))
			replay_file(names[i]);
		free(names[i]);
	}
	free(names);
}

int
main(int argc, char **argv)
{
	if (argc < 2)
	{
		fprintf(stderr, "usage: %s FILE|DIR...\n", argv[0]);
		return 2;
	}
	/* Once, before forking: the children inherit the fixtures it builds. */
	LLVMFuzzerInitialize(&argc, &argv);
	for (int i = 1; i < argc; i++)
	{
		struct stat st;

		if (stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode))
			replay_dir(argv[i]);
		else
			replay_file(argv[i]);
	}
	printf("%d passed, %d failed\n", passed, failed);
	return failed == 0 ? 0 : 1;
}
