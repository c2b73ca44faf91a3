/* parser.c - reads an Elm module's header, imports, type declarations and one annotation; skips the
 * rest by the layout rule. */
#include "codegen.h"

#include <string.h>

/* How deep type expressions may nest (parentheses, records, arguments, arrows): far beyond any real
 * type, and shallow enough that the recursion here and in the later passes stays on the stack. */
#define MAX_TYPE_DEPTH 200

typedef struct parser {
    cg_ctx *c;
    const char *file;
    cg_token *t;
    int i, end; /* the current declaration is t[i..end) */
    int depth;  /* of p_type calls */
    cg_token eof;
} parser;

static const cg_token *cur(parser *p)
{
    return p->i < p->end ? &p->t[p->i] : &p->eof;
}

static const cg_token *ahead(parser *p, int k)
{
    return p->i + k < p->end ? &p->t[p->i + k] : &p->eof;
}

static char *text(parser *p, const cg_token *t)
{
    return cg_strndup(&p->c->arena, t->text, (size_t)t->len);
}

static int fail_here(parser *p, const char *expected)
{
    const cg_token *t = cur(p);
    if (t->kind == TK_EOF)
        return cg_fail_at(p->c, p->file, t->line, t->col, "expected %s, found the end of the %s",
                          expected, p->end < 0x7fffffff ? "declaration" : "file");
    return cg_fail_at(p->c, p->file, t->line, t->col, "expected %s, found `%.*s`", expected, t->len,
                      t->text);
}

static int expect(parser *p, tk_kind kind, const char *txt, const char *what)
{
    if (!cg_tok_is(cur(p), kind, txt))
        return fail_here(p, what);
    p->i++;
    return 0;
}

static const char *const KEYWORDS[] = {"if", "then", "else",  "case",   "of",     "let",
                                       "in", "type", "alias", "module", "import", "exposing",
                                       "as", "port", "where", "infix",  "effect", NULL};

static int is_keyword(const cg_token *t)
{
    for (int k = 0; KEYWORDS[k] != NULL; k++)
        if (cg_tok_is(t, TK_LOWER, KEYWORDS[k]))
            return 1;
    return 0;
}

static cg_texpr *node(parser *p, tx_kind kind, const cg_token *at)
{
    cg_texpr *e = cg_alloc(&p->c->arena, sizeof *e);
    e->kind = kind;
    e->line = at->line;
    e->col = at->col;
    return e;
}

static cg_texpr *p_type(parser *p);

static void add_arg(parser *p, cg_texpr *e, cg_texpr *arg, int *cap)
{
    cg_push(&p->c->arena, (void ***)&e->args, &e->nargs, cap, arg);
}

static cg_texpr *p_record(parser *p)
{
    cg_texpr *e = node(p, TX_RECORD, cur(p));
    int cap = 0, tcap = 0;
    p->i++; /* { */
    if (cur(p)->kind == TK_LOWER && cg_tok_is(ahead(p, 1), TK_SYM, "|")) {
        e->name = text(p, cur(p));
        p->i += 2;
    }
    while (!cg_tok_is(cur(p), TK_RBRACE, NULL)) {
        cg_texpr *ft;
        if (e->nfields > 0 && expect(p, TK_COMMA, NULL, "`,` or `}` in the record type") < 0)
            return NULL;
        if (cur(p)->kind != TK_LOWER || is_keyword(cur(p)))
            return fail_here(p, "a field name"), NULL;
        cg_push(&p->c->arena, (void ***)&e->fields, &e->nfields, &cap, text(p, cur(p)));
        p->i++;
        if (expect(p, TK_SYM, ":", "`:` after the field name") < 0 || !(ft = p_type(p)))
            return NULL;
        e->nfields--;
        cg_push(&p->c->arena, (void ***)&e->ftypes, &e->nfields, &tcap, ft);
    }
    if (e->name != NULL && e->nfields == 0)
        return fail_here(p, "a field after `|`"), NULL;
    p->i++;
    return e;
}

static cg_texpr *p_paren(parser *p)
{
    const cg_token *open = cur(p);
    cg_texpr *first, *e;
    int cap = 0;
    p->i++;
    if (cg_tok_is(cur(p), TK_RPAREN, NULL)) {
        p->i++;
        return node(p, TX_UNIT, open);
    }
    if (!(first = p_type(p)))
        return NULL;
    if (cg_tok_is(cur(p), TK_RPAREN, NULL)) {
        p->i++;
        return first;
    }
    e = node(p, TX_TUPLE, open);
    add_arg(p, e, first, &cap);
    while (cg_tok_is(cur(p), TK_COMMA, NULL)) {
        cg_texpr *item;
        p->i++;
        if (!(item = p_type(p)))
            return NULL;
        add_arg(p, e, item, &cap);
    }
    if (expect(p, TK_RPAREN, NULL, "`,` or `)`") < 0)
        return NULL;
    if (e->nargs > 3)
        return cg_fail_at(p->c, p->file, open->line, open->col,
                          "a tuple has at most three items (Elm 0.19)"),
               NULL;
    return e;
}

static int atype_start(const cg_token *t)
{
    return (t->kind == TK_LOWER && !is_keyword(t)) || t->kind == TK_UPPER || t->kind == TK_LPAREN ||
           t->kind == TK_LBRACE;
}

static cg_texpr *p_atype(parser *p)
{
    const cg_token *t = cur(p);
    cg_texpr *e;
    if (t->kind == TK_LOWER && !is_keyword(t)) {
        e = node(p, TX_VAR, t);
        e->name = text(p, t);
        p->i++;
        return e;
    }
    if (t->kind == TK_UPPER) {
        e = node(p, TX_NAME, t);
        e->name = text(p, t);
        p->i++;
        return e;
    }
    if (t->kind == TK_LPAREN)
        return p_paren(p);
    if (t->kind == TK_LBRACE)
        return p_record(p);
    return fail_here(p, "a type"), NULL;
}

static cg_texpr *p_btype(parser *p)
{
    cg_texpr *e;
    int cap = 0;
    if (cur(p)->kind != TK_UPPER)
        return p_atype(p);
    e = p_atype(p);
    while (atype_start(cur(p))) {
        cg_texpr *arg = p_atype(p);
        if (arg == NULL)
            return NULL;
        add_arg(p, e, arg, &cap);
    }
    return e;
}

static cg_texpr *p_type_at(parser *p)
{
    cg_texpr *a = p_btype(p), *f, *b;
    int cap = 0;
    if (a == NULL || !cg_tok_is(cur(p), TK_SYM, "->"))
        return a;
    f = node(p, TX_FUNC, cur(p));
    f->line = a->line;
    f->col = a->col;
    p->i++;
    if (!(b = p_type(p)))
        return NULL;
    add_arg(p, f, a, &cap);
    add_arg(p, f, b, &cap);
    return f;
}

static cg_texpr *p_type(parser *p)
{
    cg_texpr *e;
    if (p->depth >= MAX_TYPE_DEPTH)
        return cg_fail_at(p->c, p->file, cur(p)->line, cur(p)->col,
                          "this type nests more than %d levels deep (parentheses, records, type "
                          "arguments and arrows); split it with type aliases",
                          MAX_TYPE_DEPTH),
               NULL;
    p->depth++;
    e = p_type_at(p);
    p->depth--;
    return e;
}

/* (..) or (a, B, C(..), (+)) */
static int p_exposing(parser *p, cg_exposing *x)
{
    int cap = 0, wcap = 0, nw = 0;
    if (expect(p, TK_LPAREN, NULL, "`(` after `exposing`") < 0)
        return -1;
    if (cg_tok_is(cur(p), TK_SYM, "..")) {
        x->all = 1;
        p->i++;
        return expect(p, TK_RPAREN, NULL, "`)` after `(..`");
    }
    for (;;) {
        const cg_token *t = cur(p);
        if (t->kind == TK_UPPER && memchr(t->text, '.', (size_t)t->len) == NULL) {
            int ctors = 0;
            p->i++;
            if (cg_tok_is(cur(p), TK_LPAREN, NULL)) {
                if (!cg_tok_is(ahead(p, 1), TK_SYM, "..") ||
                    !cg_tok_is(ahead(p, 2), TK_RPAREN, NULL))
                    return fail_here(p, "`(..)` after the type name");
                p->i += 3;
                ctors = 1;
            }
            cg_push(&p->c->arena, (void ***)&x->types, &x->ntypes, &cap, text(p, t));
            if (nw == wcap) {
                int *w = cg_alloc(&p->c->arena, sizeof *w * (size_t)(wcap = wcap ? wcap * 2 : 8));
                if (nw)
                    memcpy(w, x->with_ctors, sizeof *w * (size_t)nw);
                x->with_ctors = w;
            }
            x->with_ctors[nw++] = ctors;
        } else if (t->kind == TK_LOWER && !is_keyword(t)) {
            p->i++;
        } else if (t->kind == TK_LPAREN && ahead(p, 1)->kind == TK_SYM &&
                   ahead(p, 2)->kind == TK_RPAREN) {
            p->i += 3;
        } else {
            return fail_here(p, "a name in the exposing list");
        }
        if (cg_tok_is(cur(p), TK_RPAREN, NULL)) {
            p->i++;
            return 0;
        }
        if (expect(p, TK_COMMA, NULL, "`,` or `)` in the exposing list") < 0)
            return -1;
    }
}

static const char *p_module_name(parser *p, const char *what)
{
    const cg_token *t = cur(p);
    if (t->kind != TK_UPPER)
        return fail_here(p, what), NULL;
    p->i++;
    return text(p, t);
}

static int p_header(parser *p, cg_module *m)
{
    if (cg_tok_is(cur(p), TK_LOWER, "effect"))
        return cg_fail_at(p->c, p->file, cur(p)->line, cur(p)->col,
                          "effect modules are not supported (only elm/* packages may define them)");
    if (cg_tok_is(cur(p), TK_LOWER, "port"))
        p->i++;
    if (expect(p, TK_LOWER, "module", "`module`") < 0 ||
        !(m->name = p_module_name(p, "the module name")) ||
        expect(p, TK_LOWER, "exposing", "`exposing` after the module name") < 0 ||
        p_exposing(p, &m->exposing) < 0)
        return -1;
    return p->i == p->end ? 0 : fail_here(p, "a new line after the exposing list");
}

static int p_import(parser *p, cg_module *m, int *cap)
{
    cg_import imp;
    memset(&imp, 0, sizeof imp);
    imp.line = cur(p)->line;
    imp.col = cur(p)->col;
    p->i++;
    if (!(imp.module = p_module_name(p, "a module name after `import`")))
        return -1;
    if (cg_tok_is(cur(p), TK_LOWER, "as")) {
        p->i++;
        if (!(imp.alias = p_module_name(p, "a name after `as`")))
            return -1;
        if (strchr(imp.alias, '.') != NULL)
            return cg_fail_at(p->c, p->file, p->t[p->i - 1].line, p->t[p->i - 1].col,
                              "the name after `as` cannot contain a dot");
    }
    if (cg_tok_is(cur(p), TK_LOWER, "exposing")) {
        p->i++;
        imp.has_exposing = 1;
        if (p_exposing(p, &imp.exposing) < 0)
            return -1;
    }
    if (p->i != p->end)
        return fail_here(p, "`as`, `exposing` or a new line");
    if (m->nimports == *cap) {
        cg_import *n = cg_alloc(&p->c->arena, sizeof *n * (size_t)(*cap = *cap ? *cap * 2 : 8));
        if (m->nimports)
            memcpy(n, m->imports, sizeof *n * (size_t)m->nimports);
        m->imports = n;
    }
    m->imports[m->nimports++] = imp;
    return 0;
}

static int p_params(parser *p, cg_decl *d)
{
    int cap = 0;
    while (cur(p)->kind == TK_LOWER && !is_keyword(cur(p))) {
        cg_push(&p->c->arena, (void ***)&d->params, &d->nparams, &cap, text(p, cur(p)));
        p->i++;
    }
    return expect(p, TK_SYM, "=", "a type parameter or `=`");
}

static int p_ctors(parser *p, cg_decl *d)
{
    int cap = 0;
    do {
        cg_ctor k;
        int acap = 0;
        memset(&k, 0, sizeof k);
        if (cur(p)->kind != TK_UPPER || memchr(cur(p)->text, '.', (size_t)cur(p)->len))
            return fail_here(p, "a constructor name");
        k.name = text(p, cur(p));
        k.line = cur(p)->line;
        k.col = cur(p)->col;
        p->i++;
        while (atype_start(cur(p))) {
            cg_texpr *a = p_atype(p);
            if (a == NULL)
                return -1;
            cg_push(&p->c->arena, (void ***)&k.args, &k.nargs, &acap, a);
        }
        if (d->nctors == cap) {
            cg_ctor *n = cg_alloc(&p->c->arena, sizeof *n * (size_t)(cap = cap ? cap * 2 : 8));
            if (d->nctors)
                memcpy(n, d->ctors, sizeof *n * (size_t)d->nctors);
            d->ctors = n;
        }
        d->ctors[d->nctors++] = k;
    } while (cg_tok_is(cur(p), TK_SYM, "|") && ++p->i);
    return 0;
}

static int p_type_decl(parser *p, cg_module *m, int *cap)
{
    cg_decl *d = cg_alloc(&p->c->arena, sizeof *d);
    d->line = cur(p)->line;
    d->col = cur(p)->col;
    d->mod = m;
    p->i++;
    if (cg_tok_is(cur(p), TK_LOWER, "alias")) {
        d->is_alias = 1;
        p->i++;
    }
    if (cur(p)->kind != TK_UPPER || memchr(cur(p)->text, '.', (size_t)cur(p)->len))
        return fail_here(p, "a type name");
    d->name = text(p, cur(p));
    p->i++;
    if (p_params(p, d) < 0)
        return -1;
    if (d->is_alias ? !(d->body = p_type(p)) : p_ctors(p, d) < 0)
        return -1;
    if (p->i != p->end)
        return fail_here(p, d->is_alias ? "the end of the type alias" : "`|` or a new line");
    cg_push(&p->c->arena, (void ***)&m->decls, &m->ndecls, cap, d);
    return 0;
}

/* One top-level declaration t[i..end). */
static int p_decl(parser *p, cg_module *m, int *icap, int *dcap)
{
    const cg_token *t = cur(p);
    if (cg_tok_is(t, TK_LOWER, "import"))
        return p_import(p, m, icap);
    if (cg_tok_is(t, TK_LOWER, "type"))
        return p_type_decl(p, m, dcap);
    if (cg_tok_is(t, TK_LOWER, "module") || cg_tok_is(t, TK_LOWER, "port") ||
        cg_tok_is(t, TK_LOWER, "effect")) {
        if (cg_tok_is(t, TK_LOWER, "port") && m->ndecls + m->nimports > 0)
            return 0; /* a port declaration */
        return cg_fail_at(p->c, p->file, t->line, t->col,
                          "the module declaration must come first, and only once");
    }
    if (cg_tok_is(t, TK_LOWER, "interfaceToHost_processEvent") &&
        cg_tok_is(ahead(p, 1), TK_SYM, ":")) {
        p->i += 2;
        if (!(m->process_event = p_type(p)))
            return -1;
        return p->i == p->end ? 0 : fail_here(p, "the end of the type annotation");
    }
    if ((t->kind == TK_LOWER && !is_keyword(t)) || cg_tok_is(t, TK_LOWER, "infix") ||
        t->kind == TK_LPAREN)
        return 0; /* a value, function, pattern or operator definition: not needed */
    return cg_fail_at(p->c, p->file, t->line, t->col,
                      "`%.*s` cannot start a top-level declaration (declarations start in column "
                      "1; continuation lines are indented)",
                      t->len, t->text);
}

int cg_parse_module(cg_ctx *c, const char *file, const char *src, size_t len, cg_module *out)
{
    cg_tokens toks;
    parser p;
    int icap = 0, dcap = 0;
    if (cg_lex(c, file, src, len, &toks) < 0)
        return -1;
    memset(&p, 0, sizeof p);
    p.c = c;
    p.file = file;
    p.t = toks.items;
    p.eof = toks.items[toks.n - 1];
    out->file = file;
    out->source = src;
    out->source_len = len;
    for (int start = 0; start < toks.n - 1;) {
        int end = start + 1;
        while (end < toks.n - 1 && toks.items[end].col > 1)
            end++;
        p.i = start;
        p.end = end;
        p.eof.line = toks.items[end].line;
        p.eof.col = toks.items[end].col;
        if (toks.items[start].col != 1)
            return cg_fail_at(c, file, toks.items[start].line, toks.items[start].col,
                              "the module declaration must start in column 1");
        if (start == 0 ? p_header(&p, out) < 0 : p_decl(&p, out, &icap, &dcap) < 0)
            return -1;
        start = end;
    }
    if (out->name == NULL)
        return cg_fail_at(c, file, 1, 1, "no `module ... exposing (...)` declaration");
    return 0;
}

cg_texpr *cg_parse_type_text(cg_ctx *c, const char *txt)
{
    cg_tokens toks;
    parser p;
    cg_texpr *e;
    if (cg_lex(c, "--state", txt, strlen(txt), &toks) < 0)
        return NULL;
    memset(&p, 0, sizeof p);
    p.c = c;
    p.file = "--state";
    p.t = toks.items;
    p.end = toks.n - 1;
    p.eof = toks.items[toks.n - 1];
    e = p_type(&p);
    if (e != NULL && p.i != p.end)
        return fail_here(&p, "the end of the type"), NULL;
    return e;
}
