package hugeheap

import (
	"runtime"
	"syscall"
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
	runtime.GC()
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
