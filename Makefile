# totp: top-level build. `make` builds both extensions, `make check` runs
# every suite, `make demo` walks the user journey in SQLite, `make install`
# installs the PostgreSQL extension (PGXS, pg/Makefile).

CC ?= cc
BUILD ?= build
# Extra flags for instrumented builds (sanitizers, coverage).
EXTRA_CFLAGS ?=
EXTRA_LDFLAGS ?=

WARN_CFLAGS = -Wall -Wextra -Werror
CORE_CFLAGS = -std=c99 -O2 -g -fPIC $(WARN_CFLAGS) -Wconversion -Wshadow \
	-D_POSIX_C_SOURCE=200809L $(EXTRA_CFLAGS)
# The core needs OpenSSL, and libqrencode for the QR functions only.
CORE_LIBS = -lcrypto -lqrencode

CORE_SRCS = $(wildcard core/*.c)
CORE_HDRS = $(wildcard core/*.h)
CORE_OBJS = $(CORE_SRCS:core/%.c=$(BUILD)/core/%.o)

SQLITE_SRCS = $(wildcard sqlite/*.c)
SQLITE_HDRS = $(wildcard sqlite/*.h)
SQLITE_EXT_BUILD = $(BUILD)/totp.so
# The user-facing SQLite artifact: `.load ./sqlite/totp`.
SQLITE_ARTIFACT = sqlite/totp.so

CORE_TEST_SRCS = $(wildcard test/core/*.c)
CORE_TEST_BIN = $(BUILD)/test-core

.PHONY: all sqlite pg install deps check demo clean test-core

all: sqlite pg

sqlite: $(SQLITE_ARTIFACT)

$(BUILD)/core/%.o: core/%.c $(CORE_HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(CORE_CFLAGS) -c $< -o $@

$(SQLITE_EXT_BUILD): $(SQLITE_SRCS) $(SQLITE_HDRS) $(CORE_OBJS)
	$(CC) -std=c99 -O2 -g -fPIC -shared $(WARN_CFLAGS) $(EXTRA_CFLAGS) -Icore \
		$(SQLITE_SRCS) $(CORE_OBJS) -o $@ $(CORE_LIBS) $(EXTRA_LDFLAGS)

# Copy then rename: a sqlite3 process that has the old file loaded must not
# see it rewritten under its feet.
$(SQLITE_ARTIFACT): $(SQLITE_EXT_BUILD)
	cp $< $@.tmp && mv -f $@.tmp $@

$(CORE_TEST_BIN): $(CORE_TEST_SRCS) test/core/unit.h $(CORE_OBJS)
	$(CC) -std=c99 -O1 -g $(WARN_CFLAGS) $(EXTRA_CFLAGS) -Icore \
		$(CORE_TEST_SRCS) $(CORE_OBJS) -o $@ $(CORE_LIBS) $(EXTRA_LDFLAGS)

test-core: $(CORE_TEST_BIN)
	$(CORE_TEST_BIN)

pg:
	$(MAKE) -C pg

install: pg
	$(MAKE) -C pg install

# Debian packages the build and the test suites need (root, or skipped).
deps:
	@.ci/install-deps.sh

check: deps
	@$(MAKE) --no-print-directory all $(CORE_TEST_BIN)
	@test/run-all.sh

demo: sqlite
	@examples/demo.sh

clean:
	rm -rf $(BUILD) $(SQLITE_ARTIFACT)
	$(MAKE) -C pg clean

# Further targets (sanitizers, fuzzing, static checks, benchmarks), one
# fragment per concern.
-include $(wildcard mk/*.mk)
