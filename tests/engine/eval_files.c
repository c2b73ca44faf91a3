/* eval_files.c FILE... - evaluates each file in a fresh Duktape heap and prints "FILE: VALUE" (or
 * "FILE: error: MESSAGE"), for tests/engine/differential.sh, which builds it twice: against the
 * library's patched Duktape and against Debian's unpatched amalgamation. The library's build calls
 * the two hooks of lib/duktape/duk_persist_config.h; here the budget never runs out (the heap's
 * udata is the work counter they expect). */
#include <stdio.h>
#include <stdlib.h>

#include "duktape.h"

int persist__js_exec_timeout(void *udata);
int persist__js_checkpoint(void *udata);

int persist__js_exec_timeout(void *udata)
{
    (void)udata;
    return 0;
}

int persist__js_checkpoint(void *udata)
{
    *(long *)udata = 1L << 40;
    return 0;
}

int main(int argc, char **argv)
{
    static char code[1 << 20];
    for (int i = 1; i < argc; i++) {
        long work = 1L << 40;
        FILE *f = fopen(argv[i], "rb");
        size_t n;
        duk_context *ctx;
        if (f == NULL) {
            perror(argv[i]);
            return 2;
        }
        n = fread(code, 1, sizeof code - 1, f);
        fclose(f);
        code[n] = '\0';
        ctx = duk_create_heap(NULL, NULL, NULL, &work, NULL);
        if (ctx == NULL)
            return 2;
        if (duk_peval_string(ctx, code) != 0)
            printf("%s: error: %s\n", argv[i], duk_safe_to_string(ctx, -1));
        else
            printf("%s: %s\n", argv[i], duk_safe_to_string(ctx, -1));
        duk_destroy_heap(ctx);
    }
    return 0;
}
