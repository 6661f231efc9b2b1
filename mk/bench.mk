# make bench: benchmarks side by side, printing medians and ratios against
# the targets of SPEC.md section 5. They print; they never fail on a ratio.

# `$(BUILD)/core-bench loop <plain|sealed|liboath|floor|none> N` runs one
# case N times, untimed, for profilers: e.g. valgrind --tool=callgrind
# --collect-atstart=no --toggle-collect=loop_only, or perf record.
CORE_BENCH_BIN = $(BUILD)/core-bench

.PHONY: bench bench-deps bench-core

# liboath is the core benchmark's peer; the others install what they need.
bench-deps:
	@.ci/install-deps.sh liboath-dev

$(CORE_BENCH_BIN): bench/core_bench.c $(CORE_OBJS) $(CORE_HDRS)
	$(CC) -std=c99 -O2 -D_POSIX_C_SOURCE=200809L $(WARN_CFLAGS) -Icore \
		bench/core_bench.c $(CORE_OBJS) -o $@ -loath $(CORE_LIBS)

bench-core: bench-deps $(CORE_BENCH_BIN)
	@$(CORE_BENCH_BIN)

bench: bench-deps all $(CORE_BENCH_BIN)
	@echo "=== core"
	@$(CORE_BENCH_BIN)
	@echo "=== SQLite bulk verify vs otplib"
	@bench/sqlite_vs_otplib.sh
	@echo "=== PostgreSQL bulk verify vs PL/pgSQL + pgcrypto"
	@bench/pg_bulk.sh
	@echo "=== pgbench login transaction"
	@bench/pgbench.sh
