# newsann build, test and benchmark entry points. `make` builds bin/newsann;
# `make test` is what CI runs (see .ci/run).
GO      ?= go
BIN     := bin/newsann
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS := -X main.version=$(VERSION)
# FUZZTIME is how long `make fuzz` runs each fuzz target.
FUZZTIME ?= 10s

# PGO is the CPU profile the compiler optimises with (profile-guided
# optimisation). `go build` of the CLI reads cmd/newsann/default.pgo by
# itself; the benchmarks are built with it too, so that they measure the
# code the CLI runs. `make pgo` records it anew (testdata/bench/pgo.sh).
PGO     ?= $(if $(wildcard cmd/newsann/default.pgo),$(CURDIR)/cmd/newsann/default.pgo,off)

.PHONY: all build test fmtcheck vet unit bench fuzz clean beam pgo

all: build

# The CLI is linked statically (no cgo): it needs nothing of the C
# library, and a one-article run then skips the dynamic loader, 0.91x
# the wall time (docs/performance.md). The tests keep cgo: the race
# detector needs it.
build:
	CGO_ENABLED=0 $(GO) build -ldflags "$(LDFLAGS)" -o $(BIN) ./cmd/newsann

test: fmtcheck vet unit

fmtcheck:
	@out=$$(gofmt -l $$(find . -name '*.go' -not -path './cmd/newsann-beam/*')); \
	if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi

vet:
	$(GO) vet ./...

# The tests need no profile: without it the race build of the packages
# is shared by every test binary, cmd/newsann's too.
unit:
	$(GO) test -race -pgo=off ./...

# The Beam pipeline (cmd/newsann-beam) is a module of its own, so `go vet
# ./...` and `go test ./...` above do not reach it and the CLI keeps its
# small dependency graph. Its cold build takes minutes; CI runs it after
# `make test`. It also builds bin/newsann-beam.
beam:
	@cd cmd/newsann-beam && out=$$(gofmt -l .); \
	if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi
	cd cmd/newsann-beam && $(GO) vet ./... && $(GO) test ./... && \
	  $(GO) build -ldflags "$(LDFLAGS)" -o ../../bin/newsann-beam .

# Benchmarks: MB/s and allocations per stage and for the whole pipeline.
bench:
	$(GO) test -pgo=$(PGO) -run '^$$' -bench . -benchmem ./...

pgo:
	testdata/bench/pgo.sh

# Each fuzz target briefly; run one longer with
#   go test -fuzz FuzzName -fuzztime 10m ./path/to/package
fuzz:
	@set -e; for pkg in $$($(GO) list ./...); do \
	  for t in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz' || true); do \
	    echo "fuzz $$pkg $$t"; \
	    $(GO) test -run '^$$' -fuzz "^$$t$$" -fuzztime $(FUZZTIME) $$pkg; \
	  done; \
	done

clean:
	rm -rf bin
