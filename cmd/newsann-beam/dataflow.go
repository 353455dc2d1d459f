//go:build dataflow

package main

// Google Cloud Dataflow: build with `go build -tags dataflow` to submit
// with --runner dataflow (docs/scale.md has the command).
import _ "github.com/apache/beam/sdks/v2/go/pkg/beam/runners/dataflow"
