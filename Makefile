# Waymark: the commands a newcomer runs. `make demo` runs the main job, `make test` the whole suite.
BUILD ?= build
ASAN_BUILD ?= build-asan
FUZZ_BUILD ?= build-fuzz
TIDY_BUILD ?= build-tidy
FUZZ_SECONDS ?= 60
TEST_FUZZ_SECONDS ?= 20
# libFuzzer's seed: 0 picks one at random; `make test` derives it from the commit, so that a run
# can be repeated and each commit explores a little differently.
FUZZ_SEED ?= 0
FUZZ_TARGETS := period csv_reader data_import plan_file figure_block judgement_block
JOBS ?= $(shell nproc)
CMAKE_FLAGS ?=

.PHONY: all deps build demo test unit-test asan-test stress-test browser-test tidy format bench fuzz \
  fuzz-test clean

all: build

deps:
	@scripts/install-deps.sh

$(BUILD)/build.ninja:
	cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Release $(CMAKE_FLAGS)

build: deps $(BUILD)/build.ninja
	cmake --build $(BUILD) -j $(JOBS)

# The main job: a fresh demo database for Barnet, shown back and served on loopback, where the
# session cookie goes over plain HTTP (--insecure-cookies). demo-db.sh prints the demo users and
# their password.
demo: build
	@scripts/demo-db.sh demo.db > $(BUILD)/demo-db.log || { cat $(BUILD)/demo-db.log; exit 1; }
	@cat $(BUILD)/demo-db.log
	$(BUILD)/waymark --db demo.db plan show barnet-2019-23
	@echo "demo: sign in at http://127.0.0.1:8080/sign-in as one of the"
	@grep '^demo users:' $(BUILD)/demo-db.log
	$(BUILD)/waymark --db demo.db serve --port 8080 --insecure-cookies

# The unit tests run beside a throwaway PostgreSQL cluster (scripts/pg-test-cluster.sh), so that
# the PostgreSQL half of the store's tests runs too.
unit-test: build
	cd $(BUILD) && $(CURDIR)/scripts/pg-test-cluster.sh ctest --output-on-failure -j $(JOBS)

$(ASAN_BUILD)/build.ninja:
	cmake -S . -B $(ASAN_BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Debug -DWAYMARK_SANITIZE=ON -DWAYMARK_BENCH=OFF

asan-test: deps $(ASAN_BUILD)/build.ninja
	cmake --build $(ASAN_BUILD) -j $(JOBS)
	cd $(ASAN_BUILD) && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
	  $(CURDIR)/scripts/pg-test-cluster.sh ctest --output-on-failure -j $(JOBS)

# Browser tests of the web pages (axe-core, keyboard, 320 px) in Debian's chromium, and the
# checks of the test OpenID provider they sign in through (tests/oidc).
browser-test: build
	WAYMARK_BIN=$(BUILD)/waymark node --test tests/oidc/*.test.mjs tests/browser/*.test.mjs

# Stress tests of the release binary: killed at random moments of its writes (crash safety),
# given hostile input files, and two nodes on one PostgreSQL database beside a throwaway cluster
# (tests/stress/README.md); and the checks of the load run's counting.
stress-test: build
	WAYMARK_BIN=$(BUILD)/waymark scripts/pg-test-cluster.sh \
	  node --test tests/stress/*.test.mjs bench/*.test.mjs

# The whole test suite: release build, the same tests under ASan+UBSan, the stress tests, the
# fuzzers for a bounded time, then the browser tests.
test: unit-test asan-test stress-test fuzz-test browser-test

# clang-tidy reads compile_commands.json, where a unity build lists its combined files instead
# of the test files; so it has a build directory of its own with the test files one by one, only
# configured: the compile commands and the generated sources are written then.
tidy: deps
	cmake -S . -B $(TIDY_BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Release -DWAYMARK_UNITY_TESTS=OFF \
	  $(CMAKE_FLAGS)
	run-clang-tidy -quiet -p $(TIDY_BUILD) 'src/.*\.cc$$'

format:
	clang-format -i $$(git ls-files '*.cc' '*.h' '*.cpp')

# The benchmarks, the load run with writers (bench/load_writers.mjs, about 2 minutes), then
# Waymark and DuckDB side by side on the national dataset (bench/national.sh, about 5 million
# observations; ROWS=200000 for a quick run; the table is also written to build/national.md).
bench: build
	@for b in $(BUILD)/bench/*_bench; do echo "== $$b"; $$b; done
	@WAYMARK_BIN=$(BUILD)/waymark node bench/load_writers.mjs
	@echo "== bench/national.sh"
	@WAYMARK=$(BUILD)/waymark OUT=$(BUILD)/national.md bench/national.sh

# libFuzzer (clang, ASan+UBSan) on each fuzz target for FUZZ_SECONDS, from fuzz/corpus; new
# inputs are kept in $(FUZZ_BUILD)/corpus. Every build replays the checked-in corpus (ctest), and
# `make test` runs each fuzzer for TEST_FUZZ_SECONDS.
$(FUZZ_BUILD)/build.ninja:
	CC=clang CXX=clang++ cmake -S . -B $(FUZZ_BUILD) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  -DWAYMARK_FUZZ=ON -DWAYMARK_SANITIZE=ON -DWAYMARK_BENCH=OFF

# A crash stops the run and prints the input that caused it in base64 (it is also kept in
# $(FUZZ_BUILD)/crashes/): saved under fuzz/corpus/NAME/ once fixed, every later build replays it.
fuzz: deps $(FUZZ_BUILD)/build.ninja
	cmake --build $(FUZZ_BUILD) -j $(JOBS) --target $(addsuffix _fuzz,$(FUZZ_TARGETS))
	@mkdir -p $(FUZZ_BUILD)/crashes
	@for t in $(FUZZ_TARGETS); do \
	  mkdir -p $(FUZZ_BUILD)/corpus/$$t; \
	  echo "== $$t"; \
	  $(FUZZ_BUILD)/fuzz/$${t}_fuzz -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 \
	    -seed=$(FUZZ_SEED) -artifact_prefix=$(FUZZ_BUILD)/crashes/$$t- \
	    $(FUZZ_BUILD)/corpus/$$t fuzz/corpus/$$t \
	    > $(FUZZ_BUILD)/$$t.log 2>&1 || { \
	    tail -n 60 $(FUZZ_BUILD)/$$t.log; \
	    for f in $(FUZZ_BUILD)/crashes/$$t-*; do [ -f "$$f" ] || continue; \
	      echo "input $$f (base64):"; base64 -w 0 "$$f"; echo; done; \
	    exit 1; }; \
	  grep '^stat::\(number_of_executed_units\|new_units_added\|peak_rss_mb\)' $(FUZZ_BUILD)/$$t.log; \
	done

# The fuzzers as part of `make test`, for a bounded time each.
fuzz-test: FUZZ_SECONDS = $(TEST_FUZZ_SECONDS)
fuzz-test: FUZZ_SEED = $(shell printf '%d' 0x$$(git rev-parse --short=7 HEAD 2>/dev/null || echo 1))
fuzz-test: fuzz

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(FUZZ_BUILD) $(TIDY_BUILD)
