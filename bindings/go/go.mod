module github.com/libpersist/libpersist/bindings/go

go 1.19
