# Waymark: the commands a newcomer runs. `make demo` runs the main job, `make test` the whole suite.
BUILD ?= build
ASAN_BUILD ?= build-asan
FUZZ_BUILD ?= build-fuzz
FUZZ_SECONDS ?= 60
FUZZ_TARGETS := period csv_reader data_import plan_file figure_block
JOBS ?= $(shell nproc)
CMAKE_FLAGS ?=

.PHONY: all deps build demo test unit-test asan-test browser-test tidy format bench fuzz clean

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

unit-test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

$(ASAN_BUILD)/build.ninja:
	cmake -S . -B $(ASAN_BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Debug -DWAYMARK_SANITIZE=ON -DWAYMARK_BENCH=OFF

asan-test: deps $(ASAN_BUILD)/build.ninja
	cmake --build $(ASAN_BUILD) -j $(JOBS)
	cd $(ASAN_BUILD) && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 ctest --output-on-failure -j $(JOBS)

# Browser tests of the web pages (axe-core, keyboard, 320 px) in Debian's chromium, and the
# checks of the test OpenID provider they sign in through (tests/oidc).
browser-test: build
	WAYMARK_BIN=$(BUILD)/waymark node --test tests/oidc/*.test.mjs tests/browser/*.test.mjs

# The whole test suite: release build, the same tests under ASan+UBSan, then the browser tests.
test: unit-test asan-test browser-test

tidy: build
	run-clang-tidy -quiet -p $(BUILD) 'src/.*\.cc$$'

format:
	clang-format -i $$(git ls-files '*.cc' '*.h' '*.cpp')

bench: build
	@for b in $(BUILD)/bench/*_bench; do echo "== $$b"; $$b; done

# libFuzzer (clang, ASan+UBSan) on each fuzz target for FUZZ_SECONDS, from fuzz/corpus; new
# inputs are kept in $(FUZZ_BUILD)/corpus. (`make test` replays the checked-in corpus.)
$(FUZZ_BUILD)/build.ninja:
	CC=clang CXX=clang++ cmake -S . -B $(FUZZ_BUILD) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  -DWAYMARK_FUZZ=ON -DWAYMARK_SANITIZE=ON -DWAYMARK_BENCH=OFF

fuzz: deps $(FUZZ_BUILD)/build.ninja
	cmake --build $(FUZZ_BUILD) -j $(JOBS) --target $(addsuffix _fuzz,$(FUZZ_TARGETS))
	@for t in $(FUZZ_TARGETS); do \
	  mkdir -p $(FUZZ_BUILD)/corpus/$$t; \
	  echo "== $$t"; \
	  $(FUZZ_BUILD)/fuzz/$${t}_fuzz -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 \
	    $(FUZZ_BUILD)/corpus/$$t fuzz/corpus/$$t || exit 1; \
	done

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(FUZZ_BUILD)
