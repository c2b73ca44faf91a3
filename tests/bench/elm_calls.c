/* elm_calls IN OUT - writes to OUT the compiled Elm code of IN as the library loads it, with its
 * calls through A2..A9 made direct (lib/elm_calls.c), and prints how many call sites changed
 * (sites=0: OUT is IN unchanged). For bench_engine, which runs code without the library: the bare
 * engine loop of the same code the library runs. */
#include <stdio.h>
#include <stdlib.h>

#include "alloc.h"
#include "bench_util.h"
#include "elm_calls.h"
#include "fork_guard.h"

/* lib/fork_guard.c is not linked (it would bring the whole library): this tool never forks, so
 * the lock of elm_calls.c's memo needs no guard. */
void persist__fork_mutex(pthread_mutex_t *mu, int phase)
{
    (void)mu;
    (void)phase;
}

int main(int argc, char **argv)
{
    FILE *f;
    char *code, *rewritten;
    size_t len, out_len = 0, sites = 0;
    if (argc != 3) {
        fprintf(stderr, "usage: elm_calls IN OUT\n");
        return 2;
    }
    code = bench_slurp(argv[1], &len, 1);
    rewritten = persist__elm_direct_calls(code, len, &out_len, &sites);
    f = fopen(argv[2], "wb");
    if (f == NULL ||
        fwrite(rewritten != NULL ? rewritten : code, 1, rewritten != NULL ? out_len : len, f) ==
            0 ||
        fclose(f) != 0) {
        perror(argv[2]);
        return 1;
    }
    printf("sites=%zu bytes_in=%zu bytes_out=%zu\n", sites, len, rewritten != NULL ? out_len : len);
    persist__free(rewritten);
    free(code);
    return 0;
}
