// Package hugeheap asks Linux to back the first part of the newsann
// command's heap with transparent huge pages (2 MiB instead of 4 KiB), as
// a side effect of being imported:
//
//	import _ "github.com/newsann/newsann/cmd/newsann/internal/hugeheap"
//
// A run over one article spends most of its time building the gazetteer,
// the rules and the time tables, about 10 MB of fresh heap; touching it
// page by page took some 2,500 page faults, and on a virtual machine,
// where a fault costs several microseconds, they were half of the run.
// The Go runtime no longer advises huge pages for the heap itself (Go
// 1.21.1 stopped: long stalls in servers), and the kernel's common
// setting, "madvise", gives them only to memory that asks.
//
// So, when the kernel's setting is "madvise", the package's init
// allocates a 32 MiB block, advises huge pages for it and collects it at
// once: the runtime hands out the freed pages, which keep the advice,
// before it maps new ones. The two parts of that memory the kernel cannot
// back with a huge page (the block's head before its first 2 MiB
// boundary, and the heap's huge page just below the block) are mapped
// ahead in one call each (MADV_POPULATE_WRITE). It runs among the first initialisers (it
// imports only runtime and syscall), so that the other packages' own
// tables land there too. It does nothing on other systems, when the
// setting is "always" (nothing to ask) or "never", when GODEBUG has
// disablethp=1, or when NEWSANN_HUGEPAGES=0. Every failure is ignored:
// the advice is only ever a speed-up.
//
// The library (package annotate) does not do this: a program embedding
// it owns its process's memory policy.
package hugeheap
