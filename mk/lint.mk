# Static checks (issue 5): cppcheck and clang-tidy on core/, pg/ and sqlite/,
# every finding an error (test/lint/run.sh, which make check also runs).
# Configuration: test/lint/.clang-tidy (which checks, and why some are off)
# and the per-directory flags at the top of test/lint/run.sh. Tools:
# CPPCHECK, CLANG_TIDY, PG_CONFIG (Debian 12: cppcheck 2.10, clang-tidy 14,
# postgresql-server-dev-15).

.PHONY: lint

lint:
	@test/lint/run.sh
