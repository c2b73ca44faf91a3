/* codegen.h - shared types of persist-elm-codegen: arena, buffers, tokens, syntax, resolved types.
 */
#ifndef PERSIST_ELM_CODEGEN_H
#define PERSIST_ELM_CODEGEN_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#define CG_VERSION "1.0.0"

/* Exit codes (docs/persist-elm-codegen.1). */
enum {
    CG_EXIT_OK = 0,
    CG_EXIT_STALE = 1, /* --check: a generated file is missing or differs */
    CG_EXIT_USAGE = 2, /* bad command line */
    CG_EXIT_ELM = 3,   /* Elm the tool cannot read, or a state it cannot serialize */
    CG_EXIT_IO = 4     /* a file cannot be read or written, a bad elm.json, out of memory */
};

/* ---- memory: everything lives in one arena, freed at exit ---- */

typedef struct cg_block cg_block;
typedef struct cg_arena {
    cg_block *head;
} cg_arena;

void *cg_alloc(cg_arena *a, size_t n);
char *cg_strndup(cg_arena *a, const char *s, size_t n);
char *cg_strdup(cg_arena *a, const char *s);
char *cg_printf(cg_arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void cg_arena_free(cg_arena *a);
/* Grows an arena array of pointers: *items has *n used of *cap slots. */
void cg_push(cg_arena *a, void ***items, int *n, int *cap, void *item);

/* ---- growable text buffer (arena-backed) ---- */

typedef struct cg_buf {
    cg_arena *arena;
    char *data;
    size_t len, cap;
} cg_buf;

void cg_buf_init(cg_buf *b, cg_arena *a);
void cg_buf_add(cg_buf *b, const char *s, size_t n);
void cg_buf_puts(cg_buf *b, const char *s);
void cg_buf_printf(cg_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* ---- errors: the first one wins; `file:line:column: message` ---- */

typedef struct cg_ctx {
    cg_arena arena;
    char *error; /* NULL while all is well */
    int error_code;
} cg_ctx;

int cg_fail(cg_ctx *c, int code, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
int cg_fail_at(cg_ctx *c, const char *file, int line, int col, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/* Reads a whole file into the arena (NUL-terminated); NULL and an I/O error if it cannot. */
char *cg_read_file(cg_ctx *c, const char *path, size_t *len);
uint64_t cg_fnv1a(uint64_t h, const char *s, size_t n);

/* ---- lexer ---- */

typedef enum tk_kind {
    TK_EOF,
    TK_LOWER,  /* name, or a keyword */
    TK_UPPER,  /* Name or Qualified.Name */
    TK_QLOWER, /* Qualified.name */
    TK_SYM,    /* operator characters: = : -> | . , etc. (comma is TK_COMMA) */
    TK_LPAREN,
    TK_RPAREN,
    TK_LBRACKET,
    TK_RBRACKET,
    TK_LBRACE,
    TK_RBRACE,
    TK_COMMA,
    TK_LITERAL /* string, character, number or shader: skipped */
} tk_kind;

typedef struct cg_token {
    tk_kind kind;
    const char *text;
    int len;
    int line, col;
} cg_token;

typedef struct cg_tokens {
    cg_token *items;
    int n;
} cg_tokens;

/* Tokenizes an Elm file; comments and whitespace are dropped. 0, or -1 with the error set. */
int cg_lex(cg_ctx *c, const char *file, const char *src, size_t len, cg_tokens *out);
int cg_tok_is(const cg_token *t, tk_kind kind, const char *text);

/* ---- syntax ---- */

typedef enum tx_kind { TX_NAME, TX_VAR, TX_UNIT, TX_TUPLE, TX_RECORD, TX_FUNC } tx_kind;

typedef struct cg_texpr cg_texpr;
struct cg_texpr {
    tx_kind kind;
    const char *name; /* TX_NAME: as written (maybe qualified); TX_VAR; TX_RECORD: extended var */
    cg_texpr **args;  /* TX_NAME arguments, TX_TUPLE items, TX_FUNC: argument and result */
    int nargs;
    const char **fields; /* TX_RECORD */
    cg_texpr **ftypes;
    int nfields;
    int line, col;
};

typedef struct cg_ctor {
    const char *name;
    cg_texpr **args;
    int nargs;
    int line, col;
} cg_ctor;

typedef struct cg_module cg_module;

typedef struct cg_decl {
    int is_alias;
    const char *name;
    const char **params;
    int nparams;
    cg_texpr *body; /* alias */
    cg_ctor *ctors; /* custom type */
    int nctors;
    int line, col;
    cg_module *mod;
} cg_decl;

typedef struct cg_exposing {
    int all; /* (..) */
    const char **types;
    int *with_ctors; /* Type(..) */
    int ntypes;
} cg_exposing;

typedef struct cg_import {
    const char *module;
    const char *alias;
    cg_exposing exposing;
    int has_exposing;
    int line, col;
} cg_import;

struct cg_module {
    const char *name;
    const char *file;   /* as shown in messages and in the header */
    const char *source; /* the text */
    size_t source_len;
    cg_exposing exposing;
    cg_import *imports;
    int nimports;
    cg_decl **decls;
    int ndecls;
    cg_texpr *process_event; /* the annotation of interfaceToHost_processEvent, if any */
    int synthetic;           /* the --state option: qualifiers are full module names */
};

/* Parses the module header, imports, type declarations and the annotation of
 * interfaceToHost_processEvent; skips everything else. 0, or -1 with the error set. */
int cg_parse_module(cg_ctx *c, const char *file, const char *src, size_t len, cg_module *out);
/* Parses a type expression from a string (the --state option), for resolution in `mod`. */
cg_texpr *cg_parse_type_text(cg_ctx *c, const char *text);

/* ---- resolved types ---- */

typedef enum rt_kind {
    RT_INT,
    RT_FLOAT,
    RT_STRING,
    RT_BOOL,
    RT_CHAR,
    RT_UNIT,
    RT_VALUE, /* Json.Encode.Value / Json.Decode.Value */
    RT_LIST,
    RT_ARRAY,
    RT_SET,
    RT_MAYBE,
    RT_RESULT, /* args: error, value */
    RT_DICT,   /* args: key, value */
    RT_TUPLE,  /* 2 or 3 args */
    RT_RECORD,
    RT_VAR,
    RT_NAMED /* an app type: alias or custom type */
} rt_kind;

typedef struct cg_named cg_named;
typedef struct cg_type cg_type;

struct cg_type {
    rt_kind kind;
    cg_type **args;
    int nargs;
    cg_named *named;     /* RT_NAMED */
    const char *var;     /* RT_VAR */
    const char **fields; /* RT_RECORD, in declaration order */
    cg_type **ftypes;
    int nfields;
};

struct cg_named {
    cg_decl *decl;
    const char *module;  /* "Game.Types" */
    const char *name;    /* "Player" */
    const char *mangled; /* "Game_Types_Player" */
    int is_alias;
    cg_type *alias_body;
    const char **ctor_names;
    cg_type ***ctor_args;
    int *ctor_nargs;
    int nctors;
    int done; /* body resolved */
    int index;
};

/* One version of the app: its modules and every type the state involves. */
typedef struct cg_app {
    cg_ctx *ctx;
    const char *root;  /* directory of elm.json */
    const char *shown; /* prefix for file names in messages and headers ("" or "previous/") */
    const char **srcdirs;
    int nsrcdirs;
    cg_module **modules;
    int nmodules, capmodules;
    cg_named **named; /* in the order first reached from the state */
    int nnamed, capnamed;
    cg_type *state;
    const char *state_text; /* the state type as written */
    const char *main_module;
    const char *generated_module; /* must not be imported by a module that defines a type */
    const char **files;           /* input files, relative, in reading order */
    int nfiles, capfiles;
    int depth; /* named types being resolved, one inside the other */
} cg_app;

/* Reads elm.json in `dir`, the main module, and resolves the state type (from the annotation of
 * interfaceToHost_processEvent, or `state_option` such as "Backend.State.State"). */
int cg_app_load(cg_app *app, cg_ctx *c, const char *dir, const char *shown, const char *main_module,
                const char *state_option, const char *generated_module);
/* True when the type contains a named type (so a migration converts it). */
int cg_type_has_named(const cg_type *t);
/* A stable textual form of every type the state involves, for the header's hash. */
void cg_app_schema(const cg_app *app, cg_buf *out);

/* ---- generation ---- */

/* How type and constructor names are written: qualified ("Game.Player", for the app's own
 * modules) or flattened ("Game_Player", inside the module holding the previous version's types). */
typedef struct cg_naming {
    int flat;
    const char *prefix; /* flat names referred to from another module: "Migrate.V1" */
    /* Type variables for which this returns true are written comparable_<name> (Dict keys). */
    int (*comparable)(const void *ctx, const char *var);
    const void *ctx;
} cg_naming;

void cg_write_type(cg_buf *b, const cg_type *t, const cg_naming *nm, int atomic);
const char *cg_type_name(cg_arena *a, const cg_named *n, const cg_naming *nm);
const char *cg_ctor_name(cg_arena *a, const cg_named *n, int i, const cg_naming *nm);

typedef struct cg_gen_opts {
    const char *module;  /* the generated module */
    const char *header;  /* the leading comment */
    int encoders;        /* 0: decoders only (the previous version's module) */
    int declare_types;   /* 1: declare copies of the types (the previous version's module) */
    int serialize_fns;   /* 1: serializeState/deserializeState */
    int decode_state_fn; /* 1: decodeState (the previous version's module) */
} cg_gen_opts;

/* Writes the codec module for `app` into `out`. */
void cg_generate(const cg_app *app, const cg_gen_opts *o, cg_buf *out);
/* Writes the migration scaffold: conversions from `prev`'s types to `cur`'s. */
void cg_generate_migration(const cg_app *prev, const cg_app *cur, const char *module,
                           const char *codec_module, const char *prev_module, const char *header,
                           cg_buf *out, int *unwritten);

#endif
