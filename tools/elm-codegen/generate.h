/* generate.h - the expression writers shared by the codec and migration generators (generate.c). */
#ifndef PERSIST_ELM_CODEGEN_GENERATE_H
#define PERSIST_ELM_CODEGEN_GENERATE_H

#include "codegen.h"

/* Helper definitions written after the types' own, only when used. */
enum { H_CHAR, H_UNIT, H_MAYBE, H_RESULT, H_DICT, H_TUPLE2, H_TUPLE3, H_ANDMAP, H_COUNT };

typedef struct gen gen;
struct gen {
    const cg_app *app;
    cg_arena *a;
    cg_naming nm;
    int counter;             /* local names x1, x2, ... are unique within a definition */
    const cg_named *current; /* the definition being written */
    unsigned helpers;        /* 1 << H_* */
    unsigned char *reach;    /* reach[i * n + j]: type i refers to type j, directly or not */
    unsigned *comparable;    /* per type: bit k set when parameter k must be comparable */
    int (*reaches)(const gen *g, const cg_named *from, const cg_named *to);
};

void cg_gen_init(gen *g, const cg_app *app, cg_arena *a, int flat);
void cg_write_named_self(cg_buf *b, const cg_named *n, const cg_naming *nm, int atomic);
void cg_enc_value(gen *g, cg_buf *b, const cg_type *t, const char *v);
void cg_dec(gen *g, cg_buf *b, const cg_type *t, int atomic);
void cg_dec_record(gen *g, cg_buf *b, const cg_type *t, const char *sep);
const char *cg_record_lambda(gen *g, const cg_type *t);
void cg_dec_apply(gen *g, cg_buf *b, const char *f, int n, const char *sep,
                  void (*arg)(gen *, cg_buf *, int, void *), void *ud);
/* Annotation naming for the definitions of `n`: its comparable parameters renamed. */
cg_naming cg_naming_for(const gen *g, const cg_named *n);
/* `import X` lines for Array, Dict, Set and (qualified naming) the app's modules. */
void cg_write_imports(const cg_app *app, cg_buf *b, int app_modules, const char *const *extra);
void cg_write_helpers(gen *g, cg_buf *b, int encoders);
void cg_write_decoder(gen *g, cg_buf *b, const cg_named *n);
/* `type alias Game_Player = ...` copies of the types, flat names (migrate.c). */
void cg_write_type_copies(gen *g, cg_buf *b);

#endif
