// Command yaml2bin parses each YAML file named on the command line and
// writes its tree beside it in yamlbin's form (x.yaml -> x.bin). It is run
// by `go generate`; see package yamlbin.
package main

import (
	"fmt"
	"os"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/newsann/newsann/annotate/internal/yamlbin"
)

func main() {
	for _, p := range os.Args[1:] {
		b, err := os.ReadFile(p)
		if err == nil {
			var n yaml.Node
			if err = yaml.Unmarshal(b, &n); err == nil {
				err = os.WriteFile(strings.TrimSuffix(p, ".yaml")+".bin", yamlbin.Encode(&n), 0o644)
			}
		}
		if err != nil {
			fmt.Fprintf(os.Stderr, "yaml2bin: %s: %v\n", p, err)
			os.Exit(1)
		}
	}
}
