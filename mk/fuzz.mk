# Fuzzing (issue 5). Targets in fuzz/fuzz_<name>.c, committed seed corpora
# in fuzz/corpus/<name>/, dictionaries in fuzz/dict/<name>.dict.
#
#   make fuzz FUZZ_SECONDS=N  every target N seconds (default 60) under clang's
#                             libFuzzer with ASan and UBSan; the corpus grows in
#                             $(BUILD)/fuzz/corpus/<name>/ (the committed one is
#                             only read), findings land in $(BUILD)/fuzz/artifacts/
#   make fuzz-replay          replay every committed corpus file as a test, with
#                             the normal compiler (test/fuzz/run.sh, in make check)
#   make fuzz-coverage        the replay under clang source coverage, then
#                             llvm-cov's report (branches included) for core/;
#                             FUZZ_COV_CORPUS=build adds the grown corpus
#
# One target: make fuzz FUZZ_TARGETS=backup. Extra libFuzzer flags:
# FUZZ_ARGS='-jobs=2'. A finding's input replays with
# $(BUILD)/fuzz-replay/replay_<name> FILE (no libFuzzer needed).

FUZZ_TARGETS ?= base32 codes uri backup sealed keyring otpauth
FUZZ_SECONDS ?= 60
FUZZ_ARGS ?=
# clang-14 is what Debian 12 ships libFuzzer with (libclang-rt-14-dev).
FUZZ_CC ?= $(firstword $(shell command -v clang-14 clang 2>/dev/null) clang)
FUZZ_WARN = -Wall -Wextra -Werror -Wshadow
FUZZ_BASE_CFLAGS = -std=c99 -g -D_POSIX_C_SOURCE=200809L -Icore -Ifuzz
FUZZ_SAN = -fsanitize=address,undefined -fno-sanitize-recover=undefined
FUZZ_DIR = $(BUILD)/fuzz
FUZZ_HDRS = fuzz/fuzz.h $(CORE_HDRS)
FUZZ_CORE_OBJS = $(CORE_SRCS:core/%.c=$(FUZZ_DIR)/core/%.o)
FUZZ_BINS = $(FUZZ_TARGETS:%=$(FUZZ_DIR)/fuzz_%)

# The replay: any C compiler, no libFuzzer. FUZZ_REPLAY_CFLAGS may add
# sanitizers (e.g. -fsanitize=address,undefined).
FUZZ_REPLAY_CC ?= $(CC)
FUZZ_REPLAY_CFLAGS ?=
FUZZ_REPLAY_DIR = $(BUILD)/fuzz-replay
FUZZ_REPLAY_CORE_OBJS = $(CORE_SRCS:core/%.c=$(FUZZ_REPLAY_DIR)/core/%.o)
FUZZ_REPLAY_BINS = $(FUZZ_TARGETS:%=$(FUZZ_REPLAY_DIR)/replay_%)

# Coverage: the replay built by clang with source-based coverage.
FUZZ_COV_DIR = $(BUILD)/fuzz-cov
FUZZ_COV_FLAGS = -fprofile-instr-generate -fcoverage-mapping
FUZZ_COV_CORE_OBJS = $(CORE_SRCS:core/%.c=$(FUZZ_COV_DIR)/core/%.o)
FUZZ_COV_BINS = $(FUZZ_TARGETS:%=$(FUZZ_COV_DIR)/replay_%)
FUZZ_COV_CORPUS ?= committed
LLVM_PROFDATA ?= $(firstword $(shell command -v llvm-profdata-14 llvm-profdata 2>/dev/null) llvm-profdata)
LLVM_COV ?= $(firstword $(shell command -v llvm-cov-14 llvm-cov 2>/dev/null) llvm-cov)

.PHONY: fuzz fuzz-build fuzz-replay fuzz-replay-build fuzz-coverage fuzz-deps

# --- libFuzzer binaries -----------------------------------------------------

# libFuzzer ships with clang (Debian: clang-14 and libclang-rt-14-dev).
fuzz-deps:
	@if ! echo 'int LLVMFuzzerTestOneInput(const char *d, long n) { (void) d; (void) n; return 0; }' | \
		$(FUZZ_CC) -x c - -fsanitize=fuzzer -o /dev/null >/dev/null 2>&1; then \
		echo "fuzz: $(FUZZ_CC) cannot link libFuzzer; installing clang-14 libclang-rt-14-dev"; \
		.ci/install-deps.sh clang-14 libclang-rt-14-dev llvm-14; \
	fi

$(FUZZ_DIR)/core/%.o: core/%.c $(CORE_HDRS)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_BASE_CFLAGS) -O1 $(FUZZ_WARN) $(FUZZ_SAN) -fsanitize=fuzzer-no-link -c $< -o $@

$(FUZZ_DIR)/obj/%.o: fuzz/%.c $(FUZZ_HDRS)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_BASE_CFLAGS) -O1 $(FUZZ_WARN) $(FUZZ_SAN) -fsanitize=fuzzer-no-link -c $< -o $@

$(FUZZ_DIR)/fuzz_%: $(FUZZ_DIR)/obj/fuzz_%.o $(FUZZ_DIR)/obj/fuzz_common.o $(FUZZ_CORE_OBJS)
	$(FUZZ_CC) $(FUZZ_SAN) -fsanitize=fuzzer $^ -o $@ $(CORE_LIBS)

fuzz-build: fuzz-deps
	@$(MAKE) --no-print-directory $(FUZZ_BINS)

fuzz: fuzz-build
	@FUZZ_DIR=$(FUZZ_DIR) FUZZ_SECONDS=$(FUZZ_SECONDS) FUZZ_ARGS='$(FUZZ_ARGS)' \
		fuzz/run-fuzzers.sh $(FUZZ_TARGETS)

# --- replay (make check) ------------------------------------------------------

$(FUZZ_REPLAY_DIR)/core/%.o: core/%.c $(CORE_HDRS)
	@mkdir -p $(dir $@)
	$(FUZZ_REPLAY_CC) $(FUZZ_BASE_CFLAGS) -O1 $(FUZZ_WARN) $(FUZZ_REPLAY_CFLAGS) -c $< -o $@

$(FUZZ_REPLAY_DIR)/obj/%.o: fuzz/%.c $(FUZZ_HDRS)
	@mkdir -p $(dir $@)
	$(FUZZ_REPLAY_CC) $(FUZZ_BASE_CFLAGS) -O1 $(FUZZ_WARN) $(FUZZ_REPLAY_CFLAGS) -c $< -o $@

$(FUZZ_REPLAY_DIR)/replay_%: $(FUZZ_REPLAY_DIR)/obj/fuzz_%.o $(FUZZ_REPLAY_DIR)/obj/replay_main.o \
		$(FUZZ_REPLAY_DIR)/obj/fuzz_common.o $(FUZZ_REPLAY_CORE_OBJS)
	$(FUZZ_REPLAY_CC) $(FUZZ_REPLAY_CFLAGS) $^ -o $@ $(CORE_LIBS)

fuzz-replay-build: $(FUZZ_REPLAY_BINS)

fuzz-replay:
	@test/fuzz/run.sh

# --- coverage -----------------------------------------------------------------

$(FUZZ_COV_DIR)/core/%.o: core/%.c $(CORE_HDRS)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_BASE_CFLAGS) -O0 $(FUZZ_COV_FLAGS) -c $< -o $@

$(FUZZ_COV_DIR)/obj/%.o: fuzz/%.c $(FUZZ_HDRS)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_BASE_CFLAGS) -O0 -c $< -o $@

$(FUZZ_COV_DIR)/replay_%: $(FUZZ_COV_DIR)/obj/fuzz_%.o $(FUZZ_COV_DIR)/obj/replay_main.o \
		$(FUZZ_COV_DIR)/obj/fuzz_common.o $(FUZZ_COV_CORE_OBJS)
	$(FUZZ_CC) $(FUZZ_COV_FLAGS) $^ -o $@ $(CORE_LIBS)

# Only core/ is instrumented, so the report is the core's coverage alone.
fuzz-coverage: $(FUZZ_COV_BINS)
	@rm -rf $(FUZZ_COV_DIR)/prof && mkdir -p $(FUZZ_COV_DIR)/prof
	@for t in $(FUZZ_TARGETS); do \
		dirs=fuzz/corpus/$$t; \
		if [ "$(FUZZ_COV_CORPUS)" = build ] && [ -d $(FUZZ_DIR)/corpus/$$t ]; then \
			dirs="$$dirs $(FUZZ_DIR)/corpus/$$t"; fi; \
		LLVM_PROFILE_FILE=$(FUZZ_COV_DIR)/prof/$$t-%4m.profraw \
			$(FUZZ_COV_DIR)/replay_$$t $$dirs | tail -n 1 | sed "s/^/$$t: /"; \
	done
	$(LLVM_PROFDATA) merge -sparse $(FUZZ_COV_DIR)/prof/*.profraw -o $(FUZZ_COV_DIR)/fuzz.profdata
	$(LLVM_COV) report $(firstword $(FUZZ_COV_BINS)) $(patsubst %,-object %,$(wordlist 2,99,$(FUZZ_COV_BINS))) \
		-instr-profile=$(FUZZ_COV_DIR)/fuzz.profdata $(CORE_SRCS)

# Keep the objects between builds (they are intermediates of pattern rules).
.SECONDARY: $(FUZZ_CORE_OBJS) $(FUZZ_REPLAY_CORE_OBJS) $(FUZZ_COV_CORE_OBJS) \
	$(patsubst %,$(FUZZ_DIR)/obj/%.o,fuzz_common $(FUZZ_TARGETS:%=fuzz_%)) \
	$(patsubst %,$(FUZZ_REPLAY_DIR)/obj/%.o,fuzz_common replay_main $(FUZZ_TARGETS:%=fuzz_%)) \
	$(patsubst %,$(FUZZ_COV_DIR)/obj/%.o,fuzz_common replay_main $(FUZZ_TARGETS:%=fuzz_%))
