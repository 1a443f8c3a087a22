//go:build !unix

package cli

import "time"

// cpuTime is unknown here; the CPU rate is then meaningless.
func cpuTime() time.Duration { return 0 }
