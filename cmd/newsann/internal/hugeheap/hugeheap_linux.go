package hugeheap

import (
	"runtime"
	"syscall"
	"unsafe"
)

// size is the part of the heap advised: the start-up tables (about 10 MB)
// and the documents in flight of a one-worker corpus run fit in it. 64 and
// 128 MiB ran no faster over a 4.3 MB corpus.
const size = 32 << 20

// modeFile holds the kernel's transparent huge page setting, as
// "always [madvise] never" with the one in force in brackets.
const modeFile = "/sys/kernel/mm/transparent_hugepage/enabled"

func init() {
	if !wanted(syscall.Getenv, readMode()) {
		return
	}
	// Fresh pages from the kernel: the runtime does not clear them, so
	// they are not faulted in here. The collection frees the block (b is
	// dead after Madvise). The allocation itself starts one collection
	// (32 MiB is past the first heap goal) and runtime.GC runs another:
	// 3-7 ms of clock on the VM measured, mostly waking threads, against
	// the ~2,500 faults of several µs they save (a one-article run pinned
	// to a core took 1.84x the time without this package). Without
	// runtime.GC the block is freed too late (1.057x); with the
	// collector paused around the allocation, one collection would do,
	// but importing runtime/debug moves this init from 4 ms to 22 ms into
	// the process, after the tables it is for.
	b := make([]byte, size)
	if syscall.Madvise(b, syscall.MADV_HUGEPAGE) != nil {
		return
	}
	// The kernel backs with a huge page only a whole aligned 2 MiB that
	// the advice covers, so the block's head, up to its first boundary,
	// still faults page by page, and so does the free rest of the heap's
	// region just below the block: the runtime hands out those lowest
	// pages first. Both are mapped here in one call each, some 20 times
	// cheaper than a fault a page (0.66 against 12 µs on the VM measured):
	// a one-article run took 0.91x the time free and 0.92x pinned to a
	// core (100 and 60 runs in turn), with 700 page faults instead of
	// 925. The region below may be unmapped (the heap's first page):
	// that call then fails, and the failure is ignored like the others.
	head, below := populated(uintptr(unsafe.Pointer(&b[0])))
	populate(head)
	populate(below)
	runtime.GC()
}

// hugePage is the size of a transparent huge page on amd64 and arm64
// with 4 KiB pages.
const hugePage = 2 << 20

// span is a range of addresses, [lo, hi).
type span struct{ lo, hi uintptr }

// populated returns what to map ahead for a block that starts at addr:
// its head before the first huge page boundary (empty when addr is on
// one), and the huge page's worth of addresses just below it.
func populated(addr uintptr) (head, below span) {
	up := (addr + hugePage - 1) &^ (hugePage - 1)
	down := (addr - 1) &^ (hugePage - 1)
	return span{addr, up}, span{down, addr}
}

// populate asks the kernel to map s with writable zeroed pages now
// (MADV_POPULATE_WRITE, Linux 5.14; older kernels refuse it).
func populate(s span) {
	const madvPopulateWrite = 23
	if s.hi > s.lo {
		syscall.Syscall(syscall.SYS_MADVISE, s.lo, s.hi-s.lo, madvPopulateWrite)
	}
}

// wanted reports whether to advise huge pages, given the environment and
// the kernel's setting.
func wanted(getenv func(string) (string, bool), mode string) bool {
	if v, _ := getenv("NEWSANN_HUGEPAGES"); v == "0" {
		return false
	}
	if v, _ := getenv("GODEBUG"); disablesTHP(v) {
		return false
	}
	return mode == "madvise"
}

// disablesTHP reports whether a GODEBUG value sets disablethp=1 (the
// last setting of a name wins, as in the runtime).
func disablesTHP(godebug string) bool {
	on := false
	for godebug != "" {
		kv := godebug
		if i := index(godebug, ','); i >= 0 {
			kv, godebug = godebug[:i], godebug[i+1:]
		} else {
			godebug = ""
		}
		switch kv {
		case "disablethp=1":
			on = true
		case "disablethp=0":
			on = false
		}
	}
	return on
}

// readMode returns the kernel's setting, or "" when it cannot be read.
// It reads with syscall, not os, to keep the package's imports few and
// its init early.
func readMode() string {
	fd, err := syscall.Open(modeFile, syscall.O_RDONLY|syscall.O_CLOEXEC, 0)
	if err != nil {
		return ""
	}
	defer syscall.Close(fd)
	var buf [128]byte
	n, err := syscall.Read(fd, buf[:])
	if err != nil || n <= 0 {
		return ""
	}
	return modeOf(string(buf[:n]))
}

// modeOf returns the bracketed word of the setting's text, or "" when it
// has none.
func modeOf(text string) string {
	open := index(text, '[')
	if open < 0 {
		return ""
	}
	n := index(text[open+1:], ']')
	if n < 0 {
		return ""
	}
	return text[open+1 : open+1+n]
}

// index is strings.IndexByte: importing strings would put this package's
// init after unicode's and others', 10 ms into the start of a process
// instead of 3 ms.
func index(s string, c byte) int {
	for i := range len(s) {
		if s[i] == c {
			return i
		}
	}
	return -1
}
