package rules

import "testing"

// BenchmarkDefaultFiles is the start-up cost of reading the embedded rules.
func BenchmarkDefaultFiles(b *testing.B) {
	for b.Loop() {
		if _, err := DefaultFiles(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCompileDefault is the start-up cost of compiling them.
func BenchmarkCompileDefault(b *testing.B) {
	files, err := DefaultFiles()
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := Compile(files); err != nil {
			b.Fatal(err)
		}
	}
}
