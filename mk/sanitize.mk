# Sanitizers and valgrind (issue 5): the core unit tests and the SQLite suite,
# rebuilt with ASan+UBSan, and run under valgrind memcheck; leaks are errors.
#
#   make sanitize   test/sanitize/run.sh: builds core, test-core and the SQLite
#                   extension with -fsanitize=address,undefined into
#                   $(SANITIZE_BUILD) (never sqlite/totp.so), then runs both
#                   suites (the sqlite3 shell with the ASan runtime preloaded)
#   make valgrind   test/sanitize/valgrind.sh: the normal build, both suites
#                   under memcheck
#
# SANITIZE_CC=clang builds the sanitizer run with clang instead of $(CC).
# Both scripts also run on their own (test/run-all.sh calls them directly).

SANITIZE_BUILD ?= $(BUILD)/asan
SANITIZE_CC ?= $(CC)
SANITIZE_FLAGS = -fsanitize=address,undefined -fno-sanitize-recover=all \
	-fno-omit-frame-pointer

.PHONY: sanitize sanitize-build valgrind valgrind-build

# The canary: a SQLite extension with deliberate memory errors that each
# instrumented run must report (test/sanitize/canary.c), built with the same
# flags as the extension under test.
$(BUILD)/sanitize-canary.so: test/sanitize/canary.c
	@mkdir -p $(dir $@)
	$(CC) -std=c99 -O1 -g -fPIC -shared $(WARN_CFLAGS) $(EXTRA_CFLAGS) $< -o $@ \
		$(EXTRA_LDFLAGS)

# Only $(BUILD)/totp.so, not the `sqlite` target: that one copies the build
# over sqlite/totp.so, the user-facing artifact.
sanitize-build:
	@$(MAKE) --no-print-directory CC='$(SANITIZE_CC)' BUILD='$(SANITIZE_BUILD)' \
		EXTRA_CFLAGS='$(SANITIZE_FLAGS)' EXTRA_LDFLAGS='$(SANITIZE_FLAGS)' \
		$(SANITIZE_BUILD)/test-core $(SANITIZE_BUILD)/totp.so \
		$(SANITIZE_BUILD)/sanitize-canary.so

sanitize:
	@SANITIZE_CC='$(SANITIZE_CC)' SANITIZE_BUILD='$(SANITIZE_BUILD)' test/sanitize/run.sh

valgrind-build: $(SQLITE_ARTIFACT) $(CORE_TEST_BIN) $(BUILD)/sanitize-canary.so

valgrind:
	@BUILD='$(BUILD)' test/sanitize/valgrind.sh
