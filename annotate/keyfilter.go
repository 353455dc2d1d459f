package annotate

// A keyFilter is a set of folded keys that may answer yes for a key not
// in it but never no for a key in it: a bit by a hash of the key's
// length and its first and last bytes. applyAliases, which looks at
// every token for the first words of a document's aliases, tells most
// tokens by their vocabulary id; the words of a document's aliases,
// unlike the rules' words, may have no id of their own, and for those
// it asks the filter of the tokens without one: it refuses nearly every
// other token for the cost of a hash, where the exact test is a lookup
// in a map.
//
// Empty keys, and keys that begin with a NUL byte as the rule set's
// pseudo-words do (rules.RuleSet.Words leaves those out), always pass.
type keyFilter [keyFilterBits / 64]uint64

const (
	keyFilterLog  = 14
	keyFilterBits = 1 << keyFilterLog // 2 KB
)

func keyFilterBit(k string) uint {
	x := uint64(len(k))<<16 | uint64(k[0])<<8 | uint64(k[len(k)-1])
	return uint(x * 0x9E3779B97F4A7C15 >> (64 - keyFilterLog))
}

func (f *keyFilter) add(k string) {
	if k != "" {
		b := keyFilterBit(k)
		f[b/64] |= 1 << (b % 64)
	}
}

// mayHave reports whether k may be one of the keys added: false only
// when it is none of them.
func (f *keyFilter) mayHave(k string) bool {
	if k == "" || k[0] == 0 {
		return true
	}
	b := keyFilterBit(k)
	return f[b/64]&(1<<(b%64)) != 0
}
