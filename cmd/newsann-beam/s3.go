//go:build s3

package main

// Amazon S3: build with `go build -tags s3` to read and write s3:// paths.
// It is not in the default build because the AWS SDK is large.
import _ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/s3"
