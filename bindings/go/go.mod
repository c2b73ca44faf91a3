module libpersist.example/persist

go 1.19
