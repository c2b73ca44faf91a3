/* o3: the library's configuration, compiled with -O3 (o3.cflags). */
