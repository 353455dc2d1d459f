// Command newsann annotates news text with the states, officials and
// organizations it names, and how they relate.
package main

import "os"

func main() {
	os.Exit(Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
