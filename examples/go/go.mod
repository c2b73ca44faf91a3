module github.com/libpersist/libpersist/examples/go

go 1.19

require github.com/libpersist/libpersist/bindings/go v0.0.0

// Until the binding is published, use the one in this source tree (no network needed).
replace github.com/libpersist/libpersist/bindings/go => ../../bindings/go
