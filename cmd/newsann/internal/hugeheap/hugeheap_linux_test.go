package hugeheap

import (
	"bufio"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"testing"
)

func TestModeOf(t *testing.T) {
	for text, want := range map[string]string{
		"always [madvise] never\n": "madvise",
		"[always] madvise never\n": "always",
		"always madvise [never]\n": "never",
		"always madvise never\n":   "",
		"always [madvise":          "",
		"":                         "",
		"]x[y]":                    "y",
	} {
		if got := modeOf(text); got != want {
			t.Errorf("modeOf(%q) = %q, want %q", text, got, want)
		}
	}
}

func TestWanted(t *testing.T) {
	for _, c := range []struct {
		env  map[string]string
		mode string
		want bool
	}{
		{nil, "madvise", true},
		{nil, "always", false},
		{nil, "never", false},
		{nil, "", false},
		{map[string]string{"NEWSANN_HUGEPAGES": "0"}, "madvise", false},
		{map[string]string{"NEWSANN_HUGEPAGES": "1"}, "madvise", true},
		{map[string]string{"GODEBUG": "disablethp=1"}, "madvise", false},
		{map[string]string{"GODEBUG": "gctrace=1,disablethp=1"}, "madvise", false},
		{map[string]string{"GODEBUG": "disablethp=1,disablethp=0"}, "madvise", true},
		{map[string]string{"GODEBUG": "xdisablethp=1"}, "madvise", true},
	} {
		getenv := func(k string) (string, bool) { v, ok := c.env[k]; return v, ok }
		if got := wanted(getenv, c.mode); got != c.want {
			t.Errorf("wanted(%v, %q) = %v, want %v", c.env, c.mode, got, c.want)
		}
	}
}

func TestPopulated(t *testing.T) {
	const mib = 1 << 20
	base := uintptr(0x2000_0000_0000)
	for _, c := range []struct {
		addr        uintptr
		head, below span
	}{
		// On a boundary: no head; below is the whole huge page before it.
		{base, span{base, base}, span{base - 2*mib, base}},
		// 512 KiB in: the head runs to the next boundary, below from the
		// last one.
		{base + mib/2, span{base + mib/2, base + 2*mib}, span{base, base + mib/2}},
		// One page short of a boundary.
		{base + 2*mib - 4096, span{base + 2*mib - 4096, base + 2*mib}, span{base, base + 2*mib - 4096}},
	} {
		head, below := populated(c.addr)
		if head != c.head || below != c.below {
			t.Errorf("populated(%#x) = %#x, %#x; want %#x, %#x", c.addr, head, below, c.head, c.below)
		}
		if head.hi-below.lo > hugePage+hugePage-4096 || head.lo != below.hi {
			t.Errorf("populated(%#x): head %#x and below %#x are not adjacent within two huge pages", c.addr, head, below)
		}
	}
}

// advisedBytes returns the size of the process's mappings that carry the
// huge page advice ("hg" among an smaps entry's VmFlags).
func advisedBytes(t *testing.T) int {
	t.Helper()
	f, err := os.Open("/proc/self/smaps")
	if err != nil {
		t.Skipf("no smaps: %v", err)
	}
	defer f.Close()
	total, vmaSize := 0, 0
	s := bufio.NewScanner(f)
	for s.Scan() {
		line := s.Text()
		if v, ok := strings.CutPrefix(line, "Size:"); ok {
			kb, err := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")))
			if err != nil {
				t.Fatalf("smaps: %q: %v", line, err)
			}
			vmaSize = kb << 10
		}
		if v, ok := strings.CutPrefix(line, "VmFlags:"); ok && strings.Contains(" "+v+" ", " hg ") {
			total += vmaSize
		}
	}
	if err := s.Err(); err != nil {
		t.Fatal(err)
	}
	return total
}

// TestHeapAdvised checks what init did in this test process: the block
// advised and still mapped for the heap, unless the environment or the
// kernel said not to.
func TestHeapAdvised(t *testing.T) {
	want := wanted(syscall.Getenv, readMode())
	got := advisedBytes(t)
	switch {
	case want && got < size:
		t.Errorf("advised %d bytes of mappings, want at least %d (the kernel's setting is %q)", got, size, readMode())
	case !want && got != 0:
		t.Errorf("advised %d bytes of mappings, want none (NEWSANN_HUGEPAGES=%q, setting %q)", got, os.Getenv("NEWSANN_HUGEPAGES"), readMode())
	}
}

// TestOptOut runs TestHeapAdvised in a process of its own with
// NEWSANN_HUGEPAGES=0 and with GODEBUG=disablethp=1: init runs once a
// process, before any test can change the environment.
func TestOptOut(t *testing.T) {
	if readMode() != "madvise" {
		t.Skipf("the kernel's setting is %q: init advises nothing anyway", readMode())
	}
	if os.Getenv("NEWSANN_HUGEPAGES_CHILD") != "" {
		t.Skip("already the child")
	}
	for _, env := range []string{"NEWSANN_HUGEPAGES=0", "GODEBUG=disablethp=1"} {
		cmd := exec.Command(os.Args[0], "-test.run=^TestHeapAdvised$", "-test.v")
		cmd.Env = append(os.Environ(), env, "NEWSANN_HUGEPAGES_CHILD=1")
		out, err := cmd.CombinedOutput()
		if err != nil || !strings.Contains(string(out), "--- PASS: TestHeapAdvised") {
			t.Errorf("%s: TestHeapAdvised in a child process: %v\n%s", env, err, out)
		}
	}
}

// FuzzParsers: the kernel's setting and GODEBUG come from outside; their
// parsers never panic, and a mode is always the text between a '[' and
// the next ']'.
func FuzzParsers(f *testing.F) {
	f.Add("always [madvise] never\n")
	f.Add("gctrace=1,disablethp=1")
	f.Add("[]")
	f.Fuzz(func(t *testing.T, text string) {
		disablesTHP(text)
		mode := modeOf(text)
		if mode == "" {
			return
		}
		if !strings.Contains(text, "["+mode+"]") || strings.Contains(mode, "]") {
			t.Errorf("modeOf(%q) = %q", text, mode)
		}
	})
}
