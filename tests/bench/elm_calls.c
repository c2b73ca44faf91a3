/* elm_calls IN OUT - writes to OUT the compiled Elm code of IN as the library loads it, with its
 * calls through A2..A9 made direct (lib/elm_calls.c), and prints how many call sites changed
 * (sites=0: OUT is IN unchanged). For bench_engine, which runs code without the library: the bare
 * engine loop of the same code the library runs. */
#include <stdio.h>
#include <stdlib.h>

#include "alloc.h"
#include "elm_calls.h"

int main(int argc, char **argv)
{
    FILE *f;
    char *code, *rewritten;
    long len;
    size_t out_len = 0, sites = 0;
    if (argc != 3) {
        fprintf(stderr, "usage: elm_calls IN OUT\n");
        return 2;
    }
    f = fopen(argv[1], "rb");
    if (f == NULL || fseek(f, 0, SEEK_END) != 0 || (len = ftell(f)) < 0 ||
        fseek(f, 0, SEEK_SET) != 0 || (code = malloc((size_t)len + 1)) == NULL ||
        fread(code, 1, (size_t)len, f) != (size_t)len) {
        perror(argv[1]);
        return 1;
    }
    fclose(f);
    rewritten = persist__elm_direct_calls(code, (size_t)len, &out_len, &sites);
    f = fopen(argv[2], "wb");
    if (f == NULL ||
        fwrite(rewritten != NULL ? rewritten : code, 1, rewritten != NULL ? out_len : (size_t)len,
               f) == 0 ||
        fclose(f) != 0) {
        perror(argv[2]);
        return 1;
    }
    printf("sites=%zu bytes_in=%ld bytes_out=%zu\n", sites, len,
           rewritten != NULL ? out_len : (size_t)len);
    persist__free(rewritten);
    free(code);
    return 0;
}
