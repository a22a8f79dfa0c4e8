package stats

import (
	"bytes"
	"encoding/json"
)

// KV is one entry of a Keyed map.
type KV[T any] struct {
	Key   string
	Value T
}

// Keyed is a map that keeps its keys in a chosen order (the profile's), so that JSON, tables and
// templates list codes the way the office configured them, identically on every run.
type Keyed[T any] []KV[T]

// Counts is a Keyed of integers, e.g. cases per outcome code.
type Counts = Keyed[int]

// keyedOf makes a Keyed holding each key once, with zero values, in the order given.
func keyedOf[T any](keys []string, zero func() T) Keyed[T] {
	out := make(Keyed[T], 0, len(keys))
	for _, k := range keys {
		if out.index(k) < 0 {
			out = append(out, KV[T]{Key: k, Value: zero()})
		}
	}
	return out
}

func countsOf(keys []string) Counts { return keyedOf(keys, func() int { return 0 }) }

func (m Keyed[T]) index(key string) int {
	for i := range m {
		if m[i].Key == key {
			return i
		}
	}
	return -1
}

// Get returns the value of key and whether it is there.
func (m Keyed[T]) Get(key string) (T, bool) {
	if i := m.index(key); i >= 0 {
		return m[i].Value, true
	}
	var zero T
	return zero, false
}

// At returns a pointer to the value of key, adding key (with zero()) at the end when missing:
// a code a record holds but the profile no longer lists is still counted, never dropped.
func (m *Keyed[T]) At(key string, zero func() T) *T {
	if i := m.index(key); i >= 0 {
		return &(*m)[i].Value
	}
	*m = append(*m, KV[T]{Key: key, Value: zero()})
	return &(*m)[len(*m)-1].Value
}

// Keys lists the keys in order.
func (m Keyed[T]) Keys() []string {
	out := make([]string, len(m))
	for i := range m {
		out[i] = m[i].Key
	}
	return out
}

// Total sums the values of a Counts.
func Total(m Counts) int {
	n := 0
	for _, kv := range m {
		n += kv.Value
	}
	return n
}

// inc adds one to key of a Counts.
func inc(m *Counts, key string) { *m.At(key, func() int { return 0 })++ }

// MarshalJSON writes an object with the keys in order.
func (m Keyed[T]) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, kv := range m {
		if i > 0 {
			b.WriteByte(',')
		}
		k, err := json.Marshal(kv.Key)
		if err != nil {
			return nil, err
		}
		v, err := json.Marshal(kv.Value)
		if err != nil {
			return nil, err
		}
		b.Write(k)
		b.WriteByte(':')
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}
