package namaskah

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// Opt is a value that may be absent: the type of every optional field and parameter. The zero Opt is
// unset and is left out of JSON (fields carry `omitzero`) and of query strings. Build one with Some.
//
// Optional and nullable are different things in the contract and stay different here: Opt[T] is
// "absent or a T", Nullable[T] is "null or a T", and Opt[Nullable[T]] is all three (absent, null, a T).
//
//	params := namaskah.CreateVerificationRequest{Service: "whatsapp", Country: "US", AreaCode: namaskah.Some("212")}
type Opt[T any] struct {
	value T
	set   bool
}

// Some returns a set Opt holding v.
func Some[T any](v T) Opt[T] { return Opt[T]{value: v, set: true} }

// Get returns the value and whether it is set.
func (o Opt[T]) Get() (T, bool) { return o.value, o.set }

// IsSet reports whether the value is present.
func (o Opt[T]) IsSet() bool { return o.set }

// Value returns the value, or T's zero value when unset.
func (o Opt[T]) Value() T { return o.value }

// Or returns the value, or fallback when unset.
func (o Opt[T]) Or(fallback T) T {
	if o.set {
		return o.value
	}
	return fallback
}

// IsZero reports whether the value is unset; encoding/json's `omitzero` uses it to leave the field out.
func (o Opt[T]) IsZero() bool { return !o.set }

// String formats the value, or "<unset>".
func (o Opt[T]) String() string {
	if !o.set {
		return "<unset>"
	}
	return fmt.Sprint(o.value)
}

// MarshalJSON encodes the value (an unset Opt outside an `omitzero` field encodes as null).
func (o Opt[T]) MarshalJSON() ([]byte, error) {
	if !o.set {
		return []byte("null"), nil
	}
	return marshalJSON(o.value)
}

// UnmarshalJSON sets the value. A JSON null sets an Opt[Nullable[T]] to null; for any other T the
// contract does not allow null, so it is read as absent rather than as a zero value.
func (o *Opt[T]) UnmarshalJSON(data []byte) error {
	if isJSONNull(data) {
		if u, ok := any(&o.value).(json.Unmarshaler); ok {
			o.set = true
			return u.UnmarshalJSON(data)
		}
		*o = Opt[T]{}
		return nil
	}
	if err := json.Unmarshal(data, &o.value); err != nil {
		return err
	}
	o.set = true
	return nil
}

func (o Opt[T]) present() (any, bool) { return o.value, o.set }

// Nullable is a value that may be null: the type of every field the contract marks nullable. The zero
// Nullable is null. Build one with NewNullable (a value) or Null (explicit null).
type Nullable[T any] struct {
	value T
	valid bool
}

// NewNullable returns a non-null Nullable holding v.
func NewNullable[T any](v T) Nullable[T] { return Nullable[T]{value: v, valid: true} }

// Null returns a null Nullable[T].
func Null[T any]() Nullable[T] { return Nullable[T]{} }

// Get returns the value and whether it is non-null.
func (n Nullable[T]) Get() (T, bool) { return n.value, n.valid }

// IsNull reports whether the value is null.
func (n Nullable[T]) IsNull() bool { return !n.valid }

// Value returns the value, or T's zero value when null.
func (n Nullable[T]) Value() T { return n.value }

// Or returns the value, or fallback when null.
func (n Nullable[T]) Or(fallback T) T {
	if n.valid {
		return n.value
	}
	return fallback
}

// String formats the value, or "<null>".
func (n Nullable[T]) String() string {
	if !n.valid {
		return "<null>"
	}
	return fmt.Sprint(n.value)
}

// MarshalJSON encodes the value or null.
func (n Nullable[T]) MarshalJSON() ([]byte, error) {
	if !n.valid {
		return []byte("null"), nil
	}
	return marshalJSON(n.value)
}

// UnmarshalJSON reads null or a value.
func (n *Nullable[T]) UnmarshalJSON(data []byte) error {
	if isJSONNull(data) {
		*n = Nullable[T]{}
		return nil
	}
	if err := json.Unmarshal(data, &n.value); err != nil {
		return err
	}
	n.valid = true
	return nil
}

func (n Nullable[T]) present() (any, bool) { return n.value, n.valid }

// presence is implemented by Opt and Nullable: the value and whether it is there (set, non-null).
type presence interface{ present() (any, bool) }

func isJSONNull(data []byte) bool { return string(bytes.TrimSpace(data)) == "null" }

// marshalJSON encodes like json.Marshal but leaves <, > and & alone, as every other SDK sends them.
func marshalJSON(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(buf.Bytes(), "\n"), nil
}

// decodeStrict decodes data into v refusing unknown fields: how a union without a discriminator finds
// the variant the JSON describes.
func decodeStrict(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	return dec.Decode(v)
}

// decodeConst accepts only the JSON string want (a spec `const`).
func decodeConst(data []byte, want string) error {
	var got string
	if err := json.Unmarshal(data, &got); err != nil {
		return err
	}
	if got != want {
		return fmt.Errorf("namaskah: expected %q, got %q", want, got)
	}
	return nil
}
