module libpersist.example/examples

go 1.19

require libpersist.example/persist v0.0.0

// The binding from this source tree (no network needed).
replace libpersist.example/persist => ../../bindings/go
