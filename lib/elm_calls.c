/* elm_calls.c - direct calls in compiled Elm code, rewritten when the code is loaded.
 *
 * Elm compiles a call of a function with n arguments (2 <= n <= 9) to `An(f, x1, .., xn)`, a
 * kernel helper that checks f's arity (`f.a === n`, set by the `Fn` wrapper that defined f) and
 * calls `f.f(x1, .., xn)`, or else applies f one argument at a time. In Duktape a call is the
 * costliest thing compiled Elm does (an activation, and a frame of registers released at the
 * return), and the helper makes two calls of one. As elm-optimize-level-2 does, this file removes
 * the helper where the result is the same:
 * - `An(name, x1, .., xn)`, where `name` is declared once, at the top level, as
 *   `var name = Fn(...);` with the same n, or as `var name = other;` where other is such a name
 *   (at most four steps, each name's `var` after the one it names: var_of()), and is bound or
 *   assigned nowhere else, becomes
 *   `name.f(x1, .., xn)`: An would read name.a, find n, and make that very call;
 * - `An(g, x1, .., xn)` with any other identifier g and simple arguments (a name, a number or a
 *   negated one, a string on one line, or a chain of property reads, which may be written twice
 *   without changing what is computed or moving a line)
 *   becomes `(g.a === n ? g.f(x1, .., xn) : An(g, x1, .., xn))`: An's own test, made in place;
 *   only where an expression must start (after an operator, `(`, `,`, `return`, ...), so that the
 *   `(` cannot call what precedes it.
 * It also makes every `_Utils_update(` (a record update: a new object, then two for-in loops that
 * copy the old record's fields and the changed ones) call the native record update that
 * lib/js_host.c installs as the global PERSIST__ELM_RECORD_UPDATE (lib/duktape/records.patch: the
 * same object, made directly where that is sure to give the same, else the same steps in C), when
 * the code is strict ('use strict' opens the wrapper, as elm make writes it), _Utils_update has
 * elm make's definition token by token (its parameters' and locals' names aside), is declared once
 * and never bound or assigned elsewhere, and the code never uses the native's name.
 * And a comparison `_Utils_cmp(a, b)` with simple arguments becomes
 * `(typeof a !== 'object' ? (a === b ? 0 : a < b ? -1 : 1) : _Utils_cmp(a, b))`, where an
 * expression must start, when _Utils_cmp is declared once (never bound or assigned elsewhere) by a
 * function whose first statement, or the first of a `for (;;)` or `while (true)` loop that is its
 * first statement, is exactly that test and return (compare_starts()): the function would return
 * that very value for any a that is not an object. Most comparisons in Elm code are of numbers
 * and strings (Dict keys, `<` on comparables), and each was a call.
 * And, in strict code, a call of a constructor (constructor(): a function declared once, never
 * bound or assigned elsewhere, that only returns an object literal of constants and its parameters,
 * each once and in order, as the kernel's _List_Cons, _Utils_Tuple2 and _Utils_Tuple3) becomes that
 * literal, with the call's arguments, whatever they are, in the parameters' places: the same
 * object, made after computing the same things in the same order, where an expression must start.
 * Through An, where the in-place test is written and g is `var g = Fn(ctor);` or an alias of such a
 * name, the test also checks `g.f === ctor`, and the literal replaces the call.
 *
 * It relies on, and checks: the kernel's F, F2..F9 and A2..A9 have elm make's definitions token by
 * token, each declared once and never bound or assigned elsewhere; there is no `eval` or `with`
 * (they could bind or assign any name unseen); the code is in the language elm make writes (no
 * template literals, arrow functions, spread, generators or method shorthands). Code that breaks
 * any of these is loaded unchanged. What can differ: one call level fewer (a deep recursion meets
 * Duktape's limit later), when a property getter could see `g.a` read or a simple argument read
 * more than once (Elm values have none), and what getters, setters and Proxies (which Elm records
 * never have) see of a record update: a stack taken or an error thrown inside it shows a native
 * call where _Utils_update was, with the caller's line, and a recursion through getters called
 * from it meets the C stack's limit at half the depth. A declaration is a `function` that starts a
 * statement; a top-level function expression's name counts as bound elsewhere.
 * Only calls inside the wrapper are rewritten: after it, names are the global object's. A
 * declaration is one in the wrapper's own scope (depth 2, inside its braces).
 * Every line stays where it was, so error stacks name the same lines (but for the record update's
 * native frame). */
#include "elm_calls.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "alloc.h"
#include "fork_guard.h"

enum kind { T_ID, T_NUM, T_STR, T_REGEX, T_PUNCT, SPACE };

#define ARGS_CAP 10 /* An's function and its 9 arguments */

typedef struct tok {
    size_t at, len;
    size_t match; /* a bracket's partner (the offset of its token); SIZE_MAX for other tokens */
    int kind;
} tok;

/* A growable array of tokens, or of bracket positions; persist__realloc'd. */
typedef struct vec {
    void *items;
    size_t count, cap, size;
} vec;

static void *vec_push(vec *v)
{
    if (v->count == v->cap) {
        size_t cap = v->cap > 0 ? v->cap * 2 : 1024;
        void *items = persist__realloc(v->items, cap * v->size);
        if (items == NULL)
            return NULL;
        v->items = items;
        v->cap = cap;
    }
    return (char *)v->items + v->size * v->count++;
}

/* The code and its tokens; spaces and comments are not tokens (the rewrite copies the text
 * between tokens as it is). */
typedef struct code {
    const char *s;
    size_t n;
    vec toks;
} code;

static const tok *tok_at(const code *c, size_t i)
{
    return (const tok *)c->toks.items + i;
}

/* Inlined, so that strlen of the literal texts it is called with is folded. */
static inline __attribute__((always_inline)) int is(const code *c, size_t i, const char *text)
{
    const tok *t;
    size_t n = strlen(text);
    if (i >= c->toks.count)
        return 0;
    t = tok_at(c, i);
    return t->len == n && memcmp(c->s + t->at, text, n) == 0;
}

static int id_start(unsigned char ch)
{
    return ch == '_' || ch == '$' || ((ch | 32) >= 'a' && (ch | 32) <= 'z');
}

static int id_char(unsigned char ch)
{
    return id_start(ch) || (ch >= '0' && ch <= '9');
}

/* ---- Tokens ---------------------------------------------------------------------------------- */

/* Punctuators, longest first, and those of later editions than ES5, which end the rewrite. */
static const char *const PUNCTS[] = {
    ">>>=", "===", "!==", "**=", "<<=", ">>=", ">>>", "&&=", "||=", "==", "!=", "<=", ">=",
    "&&",   "||",  "++",  "--",  "+=",  "-=",  "*=",  "/=",  "%=",  "&=", "|=", "^=", "<<",
    ">>",   "**",  "{",   "}",   "(",   ")",   "[",   "]",   ";",   ",",  "<",  ">",  "+",
    "-",    "*",   "%",   "&",   "|",   "^",   "!",   "~",   "?",   ":",  "=",  ".",  "/"};
static const char *const LATER[] = {"...", "=>", "\?\?", "?."};

/* Whether a `/` after the previous significant token starts a regular expression. */
static int regex_allowed(const code *c, int after_header)
{
    static const char *const kws[] = {"return", "typeof", "instanceof", "in", "new", "delete",
                                      "void",   "throw",  "case",       "do", "else"};
    const tok *t;
    if (c->toks.count == 0)
        return 1;
    t = tok_at(c, c->toks.count - 1);
    if (t->kind == T_ID && c->toks.count > 1 && is(c, c->toks.count - 2, "."))
        return 0; /* a property named like a keyword: `a.return / 2` */
    if (t->kind == T_ID) {
        for (size_t k = 0; k < sizeof kws / sizeof kws[0]; k++)
            if (is(c, c->toks.count - 1, kws[k]))
                return 1;
        return 0;
    }
    if (t->kind != T_PUNCT)
        return 0;
    if (is(c, c->toks.count - 1, ")"))
        return after_header; /* `if (x) /re/.test(s)` */
    /* `i++ / 2`: a postfix ++ or -- ends an operand */
    return !is(c, c->toks.count - 1, "]") && !is(c, c->toks.count - 1, "++") &&
           !is(c, c->toks.count - 1, "--");
}

static size_t scan_string(const char *s, size_t n, size_t i)
{
    char q = s[i++];
    while (i < n && s[i] != q) {
        if (s[i] == '\n' || s[i] == '\r')
            return 0;
        if (s[i] == '\\') {
            i++;
            if (i + 1 < n && s[i] == '\r' && s[i + 1] == '\n')
                i++;
        }
        i++;
    }
    return i < n ? i + 1 : 0;
}

static size_t scan_regex(const char *s, size_t n, size_t i)
{
    int in_class = 0;
    for (i++; i < n; i++) {
        if (s[i] == '\n' || s[i] == '\r')
            return 0;
        if (s[i] == '\\')
            i++;
        else if (s[i] == '[')
            in_class = 1;
        else if (s[i] == ']')
            in_class = 0;
        else if (s[i] == '/' && !in_class)
            break;
    }
    if (i >= n)
        return 0;
    for (i++; i < n && id_char((unsigned char)s[i]); i++)
        ;
    return i;
}

static size_t scan_number(const char *s, size_t n, size_t i)
{
    while (i < n && (id_char((unsigned char)s[i]) || s[i] == '.' ||
                     ((s[i] == '+' || s[i] == '-') && (s[i - 1] | 32) == 'e')))
        i++;
    return i;
}

/* Splits the code into tokens and checks that its brackets match. Returns 0, or -1 for code this
 * file does not rewrite (or no memory). */
static int tokenize(code *c)
{
    /* Open brackets: the token's offset, and whether a `(` follows if/while/for/with. */
    vec open = {NULL, 0, 0, sizeof(size_t)};
    const char *s = c->s;
    size_t n = c->n, i = 0;
    int after_header = 0, rc = -1;
    while (i < n) {
        unsigned char ch = (unsigned char)s[i];
        size_t end = i + 1;
        int kind = T_PUNCT;
        tok *t;
        if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\v' || ch == '\f') {
            kind = SPACE;
        } else if (ch == '/' && end < n && (s[end] == '/' || s[end] == '*')) {
            const char *stop = s[end] == '/' ? memchr(s + end, '\n', n - end)
                                             : memmem(s + end + 1, n - end - 1, "*/", 2);
            end = stop == NULL ? (s[end] == '/' ? n : 0) : (size_t)(stop - s) + (s[end] == '*') * 2;
            kind = SPACE;
        } else if (ch == '"' || ch == '\'') {
            end = scan_string(s, n, i);
            kind = T_STR;
        } else if (id_start(ch)) {
            while (end < n && id_char((unsigned char)s[end]))
                end++;
            kind = T_ID;
        } else if ((ch >= '0' && ch <= '9') ||
                   (ch == '.' && end < n && s[end] >= '0' && s[end] <= '9')) {
            end = scan_number(s, n, i);
            kind = T_NUM;
        } else if (ch == '/' && c->toks.count > 0 && is(c, c->toks.count - 1, "}")) {
            goto out; /* a division or a regular expression: not decidable without parsing */
        } else if (ch == '/' && regex_allowed(c, after_header)) {
            end = scan_regex(s, n, i);
            kind = T_REGEX;
        } else if (ch >= 0x80 || ch == '\\' || ch == '`' || ch == '#' || ch == '@') {
            goto out; /* Unicode spaces or names, escapes in names, template literals */
        } else {
            size_t k = 0, len = 0;
            for (size_t l = 0; l < sizeof LATER / sizeof LATER[0]; l++)
                if (LATER[l][0] == s[i] && strlen(LATER[l]) <= n - i &&
                    memcmp(s + i, LATER[l], strlen(LATER[l])) == 0 &&
                    !(LATER[l][1] == '.' && i + 2 < n && s[i + 2] >= '0' && s[i + 2] <= '9'))
                    goto out; /* `a?.5:b` is a conditional */
            for (; k < sizeof PUNCTS / sizeof PUNCTS[0]; k++) {
                if (PUNCTS[k][0] != s[i])
                    continue;
                len = strlen(PUNCTS[k]);
                if (len <= n - i && memcmp(s + i, PUNCTS[k], len) == 0)
                    break;
            }
            if (k == sizeof PUNCTS / sizeof PUNCTS[0])
                goto out;
            end = i + len;
        }
        if (end <= i)
            goto out; /* unterminated string, comment or regular expression */
        if (kind == SPACE) {
            i = end;
            continue;
        }
        if (kind == T_PUNCT && (s[i] == ')' || s[i] == ']' || s[i] == '}')) {
            size_t o;
            if (open.count == 0)
                goto out;
            o = ((size_t *)open.items)[--open.count];
            if (!is(c, o >> 1, s[i] == ')' ? "(" : s[i] == ']' ? "[" : "{"))
                goto out;
            ((tok *)c->toks.items)[o >> 1].match = c->toks.count;
            after_header = (int)(o & 1);
        }
        if (kind == T_PUNCT && (s[i] == '(' || s[i] == '[' || s[i] == '{')) {
            size_t *o = vec_push(&open);
            size_t at = c->toks.count;
            int header = s[i] == '(' && at > 0 &&
                         (is(c, at - 1, "if") || is(c, at - 1, "while") || is(c, at - 1, "for") ||
                          is(c, at - 1, "with"));
            if (o == NULL)
                goto out;
            *o = at << 1 | (size_t)header;
        }
        t = vec_push(&c->toks);
        if (t == NULL)
            goto out;
        *t = (tok){i, end - i, SIZE_MAX, kind};
        if (kind == T_PUNCT && (s[i] == ')' || s[i] == ']' || s[i] == '}'))
            t->match = ((size_t *)open.items)[open.count] >> 1;
        i = end;
    }
    rc = open.count == 0 ? 0 : -1;
out:
    persist__free(open.items);
    return rc;
}

/* ---- Names ----------------------------------------------------------------------------------- */

typedef struct name {
    size_t tok;    /* a token with the name; SIZE_MAX: an empty slot */
    size_t decl;   /* the `function` or `var` of its top-level declaration */
    int decls;     /* top-level declarations (`var name = ...` or `function name`) */
    int arity;     /* n of a top-level `var name = Fn(...);`, else 0 */
    int elsewhere; /* bound or assigned anywhere else */
} name;

/* Names by their text: open addressing, at most half full. */
typedef struct names {
    name *slots;
    size_t cap, used;
} names;

static size_t slot_of(const names *m, const code *c, const char *text, size_t len)
{
    uint64_t h = 1469598103934665603u;
    size_t at;
    for (size_t k = 0; k < len; k++)
        h = (h ^ (unsigned char)text[k]) * 1099511628211u;
    for (at = (size_t)h & (m->cap - 1); m->slots[at].tok != SIZE_MAX;
         at = (at + 1) & (m->cap - 1)) {
        const tok *t = tok_at(c, m->slots[at].tok);
        if (t->len == len && memcmp(c->s + t->at, text, len) == 0)
            break;
    }
    return at;
}

static int grow(names *m, const code *c)
{
    names bigger = {NULL, m->cap > 0 ? m->cap * 2 : 1024, m->used};
    bigger.slots = persist__malloc(bigger.cap * sizeof *bigger.slots);
    if (bigger.slots == NULL)
        return -1;
    for (size_t k = 0; k < bigger.cap; k++)
        bigger.slots[k].tok = SIZE_MAX;
    for (size_t k = 0; k < m->cap; k++)
        if (m->slots[k].tok != SIZE_MAX) {
            const tok *t = tok_at(c, m->slots[k].tok);
            bigger.slots[slot_of(&bigger, c, c->s + t->at, t->len)] = m->slots[k];
        }
    persist__free(m->slots);
    *m = bigger;
    return 0;
}

/* The entry of the name of token i, added if new; NULL when out of memory. */
static name *lookup(names *m, const code *c, size_t i)
{
    const tok *t = tok_at(c, i);
    size_t at;
    if ((m->used + 1) * 2 > m->cap && grow(m, c) != 0)
        return NULL;
    at = slot_of(m, c, c->s + t->at, t->len);
    if (m->slots[at].tok == SIZE_MAX) {
        m->slots[at] = (name){i, SIZE_MAX, 0, 0, 0};
        m->used++;
    }
    return &m->slots[at];
}

/* The entry of a name collect() met, by its text; NULL for a name the code does not have. */
static const name *find(const names *m, const code *c, const char *text, size_t len)
{
    const name *e = m->cap > 0 ? &m->slots[slot_of(m, c, text, len)] : NULL;
    return e != NULL && e->tok != SIZE_MAX ? e : NULL;
}

/* n when token i is `<letter>n` with 2 <= n <= 9 (F2..F9, A2..A9), else 0. */
static int kernel_arity(const code *c, size_t i, char letter)
{
    const tok *t = tok_at(c, i);
    const char *p = c->s + t->at;
    return t->kind == T_ID && t->len == 2 && p[0] == letter && p[1] >= '2' && p[1] <= '9'
               ? p[1] - '0'
               : 0;
}

static int assigns(const code *c, size_t i)
{
    static const char *const ops[] = {"=",   "+=",  "-=",   "*=",  "/=", "%=", "&=", "|=", "^=",
                                      "<<=", ">>=", ">>>=", "**=", "++", "--", "in", "of"};
    for (size_t k = 0; k < sizeof ops / sizeof ops[0]; k++)
        if (is(c, i, ops[k]))
            return 1;
    return 0;
}

static int is_keyword_before_paren(const code *c, size_t i)
{
    static const char *const kws[] = {"if", "while", "for", "switch", "catch", "with", "function"};
    for (size_t k = 0; k < sizeof kws / sizeof kws[0]; k++)
        if (is(c, i, kws[k]))
            return 1;
    return 0;
}

/* Finds where every name is declared, bound and assigned. Returns -1 for code this file does not
 * rewrite. The wrapper `(function(scope){` (its `{` is token 5) puts its body at depth 2. */
static int collect(names *m, const code *c)
{
    /* Depths of the `var` statements being read (a declarator follows each `,` at that depth). */
    vec vars = {NULL, 0, 0, sizeof(size_t)};
    /* Offsets of open `(`: for method shorthands `m(x) {`. */
    vec parens = {NULL, 0, 0, sizeof(size_t)};
    size_t depth = 0, params = SIZE_MAX; /* depth inside a function's parameter list */
    int rc = -1;
    for (size_t i = 0; i < c->toks.count; i++) {
        const tok *t = tok_at(c, i);
        int after_dot = i > 0 && is(c, i - 1, ".");
        if (t->kind == T_PUNCT) {
            char ch = c->s[t->at];
            if (t->len == 1 && (ch == '(' || ch == '[' || ch == '{')) {
                if (ch == '(') {
                    size_t *p = vec_push(&parens);
                    if (p == NULL)
                        goto out;
                    *p = i;
                    if (i > 0 && (is(c, i - 1, "function") || (i > 1 && is(c, i - 2, "function"))))
                        params = depth + 1;
                }
                if (ch == '{' && i > 0 && is(c, i - 1, ")")) {
                    /* `) {` after a call-like `m(x)`: a method shorthand or an accessor. The
                     * `(` of that `)` is the entry just popped. */
                    size_t o = ((size_t *)parens.items)[parens.count];
                    if (o > 0 && tok_at(c, o - 1)->kind == T_ID &&
                        !is_keyword_before_paren(c, o - 1) && !(o > 1 && is(c, o - 2, "function")))
                        goto out;
                }
                depth++;
            } else if (t->len == 1 && (ch == ')' || ch == ']' || ch == '}')) {
                if (ch == ')')
                    parens.count--;
                if (depth == params)
                    params = SIZE_MAX;
                depth--;
                while (vars.count > 0 && ((size_t *)vars.items)[vars.count - 1] > depth)
                    vars.count--;
            } else if (ch == ';' && vars.count > 0 &&
                       ((size_t *)vars.items)[vars.count - 1] == depth) {
                vars.count--;
            }
            continue;
        }
        if (t->kind != T_ID || after_dot)
            continue;
        if (is(c, i, "eval") || is(c, i, "with") || is(c, i, "yield") || is(c, i, "import") ||
            (is(c, i, "function") && is(c, i + 1, "*")))
            goto out;
        if (is(c, i, "var") || is(c, i, "let") || is(c, i, "const")) {
            size_t *d = vec_push(&vars);
            if (d == NULL || is(c, i + 1, "{") || is(c, i + 1, "["))
                goto out; /* destructuring */
            *d = depth;
            continue;
        }
        {
            name *e = lookup(m, c, i);
            int declared =
                i > 0 && (is(c, i - 1, "var") || is(c, i - 1, "let") || is(c, i - 1, "const") ||
                          is(c, i - 1, "function") || is(c, i - 1, "class"));
            if (e == NULL)
                goto out;
            int bound = declared || depth >= params ||
                        (i > 1 && is(c, i - 1, "(") && is(c, i - 2, "catch")) ||
                        (i > 0 && is(c, i - 1, ",") && vars.count > 0 &&
                         ((size_t *)vars.items)[vars.count - 1] == depth);
            /* the wrapper's own scope: depth 2 inside its braces (code after the wrapper can
             * reach depth 2 in functions of its own) */
            int top = depth == 2 && i < tok_at(c, 5)->match;
            if (top && is(c, i - 1, "function") &&
                (i < 2 || is(c, i - 2, ";") || is(c, i - 2, "{") || is(c, i - 2, "}"))) {
                e->decls++; /* a declaration: `function` starts a statement */
                e->decl = i - 1;
            } else if (top && is(c, i - 1, "function")) {
                e->elsewhere = 1; /* a function expression's name, bound only inside it */
            } else if (top && is(c, i - 1, "var") && is(c, i + 1, "=")) {
                e->decls++;
                e->decl = i - 1;
                /* `var name = Fn(...);` */
                if (i + 3 < c->toks.count && kernel_arity(c, i + 2, 'F') > 0 && is(c, i + 3, "(") &&
                    is(c, tok_at(c, i + 3)->match + 1, ";"))
                    e->arity = kernel_arity(c, i + 2, 'F');
            } else if (bound || assigns(c, i + 1) ||
                       (i > 0 && (is(c, i - 1, "++") || is(c, i - 1, "--")))) {
                e->elsewhere = 1;
            }
        }
    }
    rc = 0;
out:
    persist__free(vars.items);
    persist__free(parens.items);
    return rc;
}

/* Whether tokens a and b have the same text. */
static int same_text(const code *c, size_t a, size_t b)
{
    const tok *x = tok_at(c, a), *y = tok_at(c, b);
    return x->len == y->len && memcmp(c->s + x->at, c->s + y->at, x->len) == 0;
}

/* Whether placeholder `$k` (k = 1..9) of a template can stand for token i: any name but
 * `arguments`, the same name at each use of k, and a name no other placeholder stands for.
 * bound[k] is the token of k's first use (SIZE_MAX before it). */
static int binds(const code *c, size_t i, size_t bound[10], int k)
{
    if (tok_at(c, i)->kind != T_ID || is(c, i, "arguments"))
        return 0;
    for (int j = 1; j <= 9; j++)
        if (bound[j] != SIZE_MAX && same_text(c, bound[j], i) != (j == k))
            return 0;
    if (bound[k] == SIZE_MAX)
        bound[k] = i;
    return 1;
}

/* Whether the tokens from offset `at` are `expect`'s (separated by single spaces there; a
 * token written "@;" may be absent; `$1`..`$9` stand for names, binds(); a string written 'text'
 * may have either quotes), and no `return` there is followed by a line break. */
static int matches(const code *c, size_t at, const char *expect)
{
    size_t bound[10];
    for (int k = 0; k < 10; k++)
        bound[k] = SIZE_MAX;
    while (*expect != '\0') {
        size_t n = strcspn(expect, " ");
        int optional = expect[0] == '@';
        const tok *t;
        if (at >= c->toks.count)
            return 0;
        t = tok_at(c, at);
        if (n == 2 && expect[0] == '$' && expect[1] >= '1' && expect[1] <= '9') {
            if (!binds(c, at, bound, expect[1] - '0'))
                return 0;
            at++;
        } else if (expect[0] == '\'' && t->kind == T_STR && t->len == n &&
                   memcmp(c->s + t->at + 1, expect + 1, n - 2) == 0) {
            at++; /* 'text' or "text" */
        } else if (t->len == n - (size_t)optional &&
                   memcmp(c->s + t->at, expect + optional, n - (size_t)optional) == 0) {
            if (is(c, at, "return") && at + 1 < c->toks.count) {
                const tok *next = tok_at(c, at + 1);
                for (size_t k = t->at + t->len; k < next->at; k++)
                    if (c->s[k] == '\n' || c->s[k] == '\r')
                        return 0;
            }
            at++;
        } else if (!optional) {
            return 0;
        }
        expect += n + (expect[n] == ' ');
    }
    return 1;
}

/* The kernel's definitions of F, Fn and An, as elm make 0.19.1 writes them. */
static void kernel_text(char *out, size_t cap, char which, int n)
{
    size_t used = 0;
#define ADD(...) used += (size_t)snprintf(out + used, cap - used, __VA_ARGS__)
    if (which == 'F' && n == 0) {
        ADD("function F ( arity , fun , wrapper ) { wrapper . a = arity ; wrapper . f = fun ; "
            "return wrapper ; }");
        return;
    }
    ADD("function %c%d ( fun", which, n);
    if (which == 'A') {
        for (int k = 0; k < n; k++)
            ADD(" , %c", 'a' + k);
        ADD(" ) { return fun . a === %d ? fun . f (", n);
        for (int k = 0; k < n; k++)
            ADD("%s %c", k > 0 ? " ," : "", 'a' + k);
        ADD(" ) : fun");
        for (int k = 0; k < n; k++)
            ADD(" ( %c )", 'a' + k);
        ADD(" @; }");
        return;
    }
    ADD(" ) { return F ( %d , fun ,", n);
    for (int k = 0; k < n; k++)
        ADD(" function ( %c ) { return", 'a' + k);
    ADD(" fun (");
    for (int k = 0; k < n; k++)
        ADD("%s %c", k > 0 ? " ," : "", 'a' + k);
    ADD(" ) ;");
    for (int k = 1; k < n; k++)
        ADD(" } ;");
    ADD(" } ) @; }");
#undef ADD
}

/* Whether the name is declared once, by a `function` of exactly elm make's text for the kernel's
 * `which` and n (kernel_text()), and bound or assigned nowhere else. */
static int is_kernel(const names *m, const code *c, const char *nm, char which, int n)
{
    char text[512];
    const name *e = find(m, c, nm, strlen(nm));
    kernel_text(text, sizeof text, which, n);
    return e != NULL && e->decls == 1 && !e->elsewhere && matches(c, e->decl, text);
}

/* Which of A2..A9 (bit n) and F2..F9 (bit 16 + n) are the kernel's; none without F. */
static unsigned kernel(const names *m, const code *c)
{
    char nm[4];
    unsigned ok = 0;
    if (!is_kernel(m, c, "F", 'F', 0))
        return 0;
    for (int n = 2; n <= 9; n++) {
        for (int w = 0; w < 2; w++) {
            snprintf(nm, sizeof nm, "%c%d", w ? 'F' : 'A', n);
            if (is_kernel(m, c, nm, w ? 'F' : 'A', n))
                ok |= 1u << (n + 16 * w);
        }
    }
    return ok;
}

/* The kernel's record update as elm make writes it, its names aside (`oldRecord`, `updatedFields`,
 * `newRecord`, `key` in elm/core 1.0.5): a new object, each name of the old record and then of
 * the changes written to it by [[Set]]. */
static const char UPDATE_TEXT[] =
    "function _Utils_update ( $1 , $2 ) { var $3 = { } @; for ( var $4 in $1 ) { $3 [ $4 ] = $1 "
    "[ $4 ] @; } for ( var $4 in $2 ) { $3 [ $4 ] = $2 [ $4 ] @; } return $3 @; }";

/* Whether 'use strict' opens the wrapper, as elm make writes it: all of the code is strict. */
static int strict(const code *c)
{
    const tok *directive = c->toks.count > 6 ? tok_at(c, 6) : NULL; /* after `(function(scope){` */
    return directive != NULL && directive->kind == T_STR && directive->len == 12 &&
           memcmp(c->s + directive->at + 1, "use strict", 10) == 0;
}

/* Whether calls of _Utils_update can call the native record update instead: the code is strict
 * (the kernel's writes throw where a sloppy program's fail silently; the native's are strict), the
 * name is declared once, by that text, and bound or assigned nowhere else, and the code does not
 * use the native's name. */
static int record_update(const names *m, const code *c)
{
    const name *e = find(m, c, "_Utils_update", 13);
    return strict(c) && e != NULL && e->decls == 1 && !e->elsewhere &&
           matches(c, e->decl, UPDATE_TEXT) &&
           find(m, c, PERSIST__ELM_RECORD_UPDATE, strlen(PERSIST__ELM_RECORD_UPDATE)) == NULL;
}

/* How the kernel's _Utils_cmp(x, y) starts, in elm make's words (elm/core 1.0.5, with a third
 * parameter `ord` it uses as a local), or as the first statement of a loop around the rest: for any
 * x that is not an object (or null), it returns at once what the expression gives. */
static int compare_starts(const code *c, size_t at)
{
    static const char *const params[] = {"$1 , $2", "$1 , $2 , $3"};
    static const char *const loops[] = {"", "for ( ; ; ) { ", "while ( true ) { "};
    char text[256];
    for (size_t p = 0; p < sizeof params / sizeof params[0]; p++)
        for (size_t l = 0; l < sizeof loops / sizeof loops[0]; l++) {
            snprintf(text, sizeof text,
                     "function _Utils_cmp ( %s ) { %sif ( typeof $1 !== 'object' ) { return $1 === "
                     "$2 ? 0 : $1 < $2 ? - 1 : 1 @; }",
                     params[p], loops[l]);
            if (matches(c, at, text))
                return 1;
        }
    return 0;
}

/* Whether calls of _Utils_cmp may test its first case in place: declared once, by a function that
 * starts as compare_starts() says, and bound or assigned nowhere else. */
static int compare_in_place(const names *m, const code *c)
{
    const name *e = find(m, c, "_Utils_cmp", 10);
    return e != NULL && e->decls == 1 && !e->elsewhere && compare_starts(c, e->decl);
}

/* Whether token i holds a line terminator (a string continued on the next line): written twice,
 * it would move every later line. */
static int breaks_inside(const code *c, size_t i)
{
    const tok *t = tok_at(c, i);
    for (size_t k = t->at; k < t->at + t->len; k++)
        if (c->s[k] == '\n' || c->s[k] == '\r' ||
            (k + 2 < t->at + t->len && (unsigned char)c->s[k] == 0xe2 &&
             (unsigned char)c->s[k + 1] == 0x80 &&
             ((unsigned char)c->s[k + 2] == 0xa8 || (unsigned char)c->s[k + 2] == 0xa9)))
            return 1;
    return 0;
}

/* ---- Constructors ---------------------------------------------------------------------------- */

/* A constructor: a function declared at the top level as `function name(p1, .., pn) { return {
 * k1: v1, .. }; }` (n < ARGS_CAP), declared once and never bound or assigned elsewhere, whose
 * values are literals and its parameters, each parameter once and in their order: the kernel's
 * _List_Cons, _Utils_Tuple2, _Utils_Tuple3. A call with n arguments makes the object the literal
 * makes with the arguments in place of the parameters, evaluated in the same order. lit and end are
 * the literal's braces, value[k] the token of parameter k's value. */
typedef struct ctor {
    size_t name, lit, end, n, value[ARGS_CAP];
} ctor;

static int constructor(const names *m, const code *c, size_t name_tok, ctor *k)
{
    const tok *t = tok_at(c, name_tok);
    const name *e = find(m, c, c->s + t->at, t->len);
    size_t params[ARGS_CAP], at, body, next = 0;
    /* Strict code only: a sloppy literal (`010`) could not be copied into strict code, and
     * parameters could share a name. */
    if (!strict(c) || e == NULL || e->decls != 1 || e->elsewhere || !is(c, e->decl, "function") ||
        !is(c, e->decl + 2, "("))
        return 0;
    k->name = e->decl + 1;
    k->n = 0;
    for (at = e->decl + 3; !is(c, at, ")"); at++) {
        if (k->n + 1 == ARGS_CAP || tok_at(c, at)->kind != T_ID)
            return 0;
        params[k->n++] = at++;
        if (!is(c, at, ",") && !is(c, at, ")"))
            return 0;
        if (is(c, at, ")"))
            break;
    }
    body = at + 1;
    if (!is(c, body, "{") || !matches(c, body + 1, "return {"))
        return 0;
    k->lit = body + 2;
    k->end = tok_at(c, k->lit)->match;
    at = k->end + 1;
    if (is(c, at, ";"))
        at++;
    if (at != tok_at(c, body)->match)
        return 0; /* more than the return */
    for (at = k->lit + 1; at < k->end;) {
        int kind = tok_at(c, at)->kind;
        if ((kind != T_ID && kind != T_STR && kind != T_NUM) || breaks_inside(c, at) ||
            !is(c, at + 1, ":"))
            return 0;
        at += 2;
        if (tok_at(c, at)->kind == T_ID) {
            if (next == k->n || !same_text(c, at, params[next]))
                return 0;
            k->value[next++] = at++;
        } else if (tok_at(c, at)->kind == T_NUM ||
                   (tok_at(c, at)->kind == T_STR && !breaks_inside(c, at))) {
            at++;
        } else if (is(c, at, "-") && tok_at(c, at + 1)->kind == T_NUM) {
            at += 2;
        } else {
            return 0;
        }
        if (is(c, at, ","))
            at++;
        else if (at != k->end)
            return 0;
    }
    return next == k->n;
}

/* The top-level `var` a name stands for: its own `var name = ...;`, or, when that is
 * `var name = other;`, other's (at most 4 such steps); each declared once and bound or assigned
 * nowhere else. NULL when there is no such `var`. */
static const name *var_of(const names *m, const code *c, const name *e)
{
    for (int hops = 0; hops < 5; hops++) {
        const tok *t;
        if (e == NULL || e->decls != 1 || e->elsewhere || !is(c, e->decl, "var"))
            return NULL;
        if (e->decl + 4 >= c->toks.count || tok_at(c, e->decl + 3)->kind != T_ID ||
            !is(c, e->decl + 4, ";"))
            return e;
        t = tok_at(c, e->decl + 3); /* var name = other; */
        {
            const name *other = find(m, c, c->s + t->at, t->len);
            /* other's `var` must have run first, or name keeps undefined */
            if (other == NULL || other->decl >= e->decl)
                return NULL;
            e = other;
        }
    }
    return NULL;
}

/* The constructor An's function g calls when g stands for `var h = Fn(ctor);` (var_of(); collect()
 * found `var h = Fn(...);` and its n). */
static int wrapped_constructor(const names *m, const code *c, size_t g, int n, ctor *k)
{
    const tok *t = tok_at(c, g);
    const name *e = var_of(m, c, find(m, c, c->s + t->at, t->len));
    return e != NULL && e->arity == n && tok_at(c, e->decl + 5)->kind == T_ID &&
           is(c, e->decl + 6, ")") && constructor(m, c, e->decl + 5, k) && (int)k->n == n;
}

/* ---- The rewrite ----------------------------------------------------------------------------- */

typedef struct out {
    char *buf;
    size_t len, cap;
    int failed;
} out;

static void put(out *o, const char *text, size_t n)
{
    if (o->failed)
        return;
    if (o->len + n + 1 > o->cap) {
        size_t cap = (o->len + n + 1) * 2;
        char *buf = persist__realloc(o->buf, cap);
        if (buf == NULL) {
            o->failed = 1;
            return;
        }
        o->buf = buf;
        o->cap = cap;
    }
    memcpy(o->buf + o->len, text, n);
    o->len += n;
    o->buf[o->len] = '\0';
}

static void put_tok(out *o, const code *c, size_t i)
{
    put(o, c->s + tok_at(c, i)->at, tok_at(c, i)->len);
}

/* The line breaks in code[from, to), so that every later line stays where it was. */
static void put_breaks(out *o, const code *c, size_t from, size_t to)
{
    for (size_t k = from; k < to; k++)
        if (c->s[k] == '\n' || (c->s[k] == '\r' && (k + 1 == to || c->s[k + 1] != '\n')))
            put(o, "\n", 1);
}

/* Whether only spaces and line breaks separate tokens from..to: the rewrite drops what lies
 * between the tokens of a call's head (`An(`, the function, its comma) but its line breaks, and a
 * comment there may hold what the engine rejects (bytes that are not UTF-8), so that the original
 * fails to load where the rewrite would not. */
static int spaces_between(const code *c, size_t from, size_t to)
{
    for (size_t k = from; k < to; k++)
        for (size_t p = tok_at(c, k)->at + tok_at(c, k)->len; p < tok_at(c, k + 1)->at; p++)
            if (c->s[p] != ' ' && c->s[p] != '\t' && c->s[p] != '\n' && c->s[p] != '\r')
                return 0;
    return 1;
}

/* A simple argument: a name, a string on one line, or a chain of property reads; a number, or a
 * negated one. */
static int simple(const code *c, size_t from, size_t to)
{
    const tok *t;
    if (from < to && is(c, from, "-")) {
        from++; /* only a number: `-a` would call a's valueOf at each copy */
        return from + 1 == to && tok_at(c, from)->kind == T_NUM;
    }
    if (from >= to)
        return 0;
    t = tok_at(c, from);
    if (t->kind == T_NUM)
        return to - from == 1;
    if (t->kind != T_ID && (t->kind != T_STR || breaks_inside(c, from)))
        return 0; /* a string continued on the next line would move the lines after each copy */
    for (size_t i = from + 1; i < to; i += 2)
        if (i + 1 >= to || !is(c, i, ".") || tok_at(c, i + 1)->kind != T_ID)
            return 0;
    return 1;
}

/* Whether an expression must start at token i: then `(` there starts one, as the `An` it
 * replaces did. After a token that can end one (a name, a literal, `)`, `]`, `}`), a `(` would
 * instead call what came before, where `An` either was a syntax error or began a new statement
 * (a line break without `;`). */
static int expression_starts(const code *c, size_t i)
{
    static const char *const kws[] = {"return", "typeof", "void",       "delete", "throw",
                                      "case",   "in",     "instanceof", "else",   "do"};
    const tok *t;
    if (i == 0)
        return 0;
    t = tok_at(c, i - 1);
    if (t->kind == T_PUNCT)
        return !is(c, i - 1, ")") && !is(c, i - 1, "]") && !is(c, i - 1, "}") &&
               !is(c, i - 1, "++") && !is(c, i - 1, "--");
    if (i > 1 && is(c, i - 2, "."))
        return 0; /* a property named like a keyword: `o.else` */
    for (size_t k = 0; t->kind == T_ID && k < sizeof kws / sizeof kws[0]; k++)
        if (is(c, i - 1, kws[k]))
            return 1;
    return 0;
}

/* The arguments of the call whose `(` is token `open`: args[k] is the offset of the `(` or the
 * comma before argument k (nested brackets are skipped whole) and *close the `)`. Returns their
 * number, ARGS_CAP + 1 for more than ARGS_CAP. */
static size_t call_args(const code *c, size_t open, size_t args[ARGS_CAP], size_t *close)
{
    size_t nargs = 0;
    args[nargs++] = open;
    *close = tok_at(c, open)->match;
    for (size_t k = open + 1; k < *close && nargs <= ARGS_CAP; k++) {
        if (tok_at(c, k)->match != SIZE_MAX)
            k = tok_at(c, k)->match;
        else if (is(c, k, ",") && nargs++ < ARGS_CAP)
            args[nargs - 1] = k;
    }
    return nargs;
}

/* Tokens from..to as one text (a simple argument: nothing between them to keep). */
static void put_toks(out *o, const code *c, size_t from, size_t to)
{
    for (size_t k = from; k < to; k++)
        put_tok(o, c, k);
}

/* Part p (0..n) of a constructor's literal: what comes before its parameter p's value, or after
 * the last, each token followed by a space. */
static void put_part(out *o, const code *c, const ctor *k, size_t p)
{
    size_t from = p == 0 ? k->lit : k->value[p - 1] + 1, to = p < k->n ? k->value[p] : k->end + 1;
    for (size_t t = from; t < to; t++) {
        put_tok(o, c, t);
        put(o, " ", 1);
    }
}

/* A token to be written otherwise when the rewrite reaches it: a comma or the `)` of a
 * constructor's call, which become parts of its literal. */
typedef struct edit {
    size_t tok, part;
    const ctor *k;
} edit;
#define EDITS_MAX 64

/* A rewrite under way: the code, its names, the output and what is copied of the code so far
 * (the text up to `copied`), and the constructor calls whose literals are being written. */
typedef struct rewrite {
    code c;
    names m;
    out o;
    size_t copied, count, body_end;
    unsigned ok; /* kernel() */
    int update, compare;
    ctor ctors[EDITS_MAX]; /* of the calls whose literal is being written */
    edit edits[EDITS_MAX];
    size_t nedits, nctors;
} rewrite;

/* The code up to token i, which the rule then writes otherwise. */
static void copy_to(rewrite *r, size_t i)
{
    put(&r->o, r->c.s + r->copied, tok_at(&r->c, i)->at - r->copied);
}

/* Each rule below returns the last token it wrote for, or SIZE_MAX where it does not apply. */

/* A constructor call's `,` or `)`: the literal's next part. */
static size_t at_edit(rewrite *r, size_t i)
{
    const tok *t = tok_at(&r->c, i);
    size_t x = 0;
    while (x < r->nedits && r->edits[x].tok != i)
        x++;
    if (x == r->nedits)
        return SIZE_MAX;
    copy_to(r, i);
    put_part(&r->o, &r->c, r->edits[x].k, r->edits[x].part);
    if (r->edits[x].part == r->edits[x].k->n) {
        put(&r->o, ")", 1);
        r->nctors--; /* calls close in the order they opened, innermost first */
    }
    r->copied = t->at + t->len;
    r->edits[x] = r->edits[--r->nedits];
    return i;
}

/* `_Utils_update(` -> `__persist_update(` */
static size_t update_call(rewrite *r, size_t i)
{
    const tok *t = tok_at(&r->c, i);
    if (!r->update || !is(&r->c, i, "_Utils_update"))
        return SIZE_MAX;
    copy_to(r, i);
    put(&r->o, PERSIST__ELM_RECORD_UPDATE, strlen(PERSIST__ELM_RECORD_UPDATE));
    r->copied = t->at + t->len;
    return i;
}

/* `_Utils_cmp(a, b)` -> the kernel's first case, in place (\1: a, \2: b) */
static size_t compare_call(rewrite *r, size_t i)
{
    static const char first_case[] = "(typeof \1 !== 'object' ? (\1 === \2 ? 0 : \1 < \2 ? -1 : 1) "
                                     ": _Utils_cmp(\1, \2))";
    const code *c = &r->c;
    size_t args[ARGS_CAP], j;
    if (!r->compare || !is(c, i, "_Utils_cmp") || !expression_starts(c, i) ||
        call_args(c, i + 1, args, &j) != 2 || !simple(c, i + 2, args[1]) ||
        !simple(c, args[1] + 1, j) || !spaces_between(c, i, j))
        return SIZE_MAX;
    copy_to(r, i);
    /* The call's line breaks right after the first `(`, where no line break can end a statement:
     * the `)` that ends the test stays on the line of the call's `)`, so what follows it is
     * parsed as it was (a break after it could end a statement the original could not). */
    put(&r->o, first_case, 1);
    put_breaks(&r->o, c, tok_at(c, i)->at, tok_at(c, j)->at);
    for (const char *p = first_case + 1; *p != '\0'; p++) {
        size_t run = strcspn(p, "\1\2");
        put(&r->o, p, run);
        p += run;
        if (*p == '\1')
            put_toks(&r->o, c, i + 2, args[1]);
        else if (*p == '\2')
            put_toks(&r->o, c, args[1] + 1, j);
        else
            break;
    }
    r->copied = tok_at(c, j)->at + 1;
    return j;
}

/* `ctor(x, y)` -> `({ $: 1, a: x, b: y })`: the literal's parts in place of `ctor(`, the commas
 * and the `)` (edits, written as the rewrite reaches them). */
static size_t constructor_call(rewrite *r, size_t i)
{
    const code *c = &r->c;
    size_t args[ARGS_CAP], j = 0;
    ctor *k = &r->ctors[r->nctors];
    if (r->nctors == EDITS_MAX || tok_at(c, i)->kind != T_ID || !constructor(&r->m, c, i, k) ||
        r->nedits + k->n > EDITS_MAX || !expression_starts(c, i) || !spaces_between(c, i, i + 1) ||
        (tok_at(c, i + 1)->match == i + 2 ? (spaces_between(c, i, i + 2) ? 0 : SIZE_MAX)
                                          : call_args(c, i + 1, args, &j)) != k->n)
        return SIZE_MAX;
    copy_to(r, i);
    put(&r->o, "(", 1);
    put_part(&r->o, c, k, 0);
    put_breaks(&r->o, c, tok_at(c, i)->at, tok_at(c, i + 1)->at);
    r->copied = tok_at(c, i + 1)->at + 1;
    if (k->n == 0) {
        put(&r->o, ")", 1);
        put_breaks(&r->o, c, tok_at(c, i + 1)->at, tok_at(c, i + 2)->at);
        r->copied = tok_at(c, i + 2)->at + 1;
        return i + 2;
    }
    for (size_t p = 1; p <= k->n; p++)
        r->edits[r->nedits++] = (edit){p < k->n ? args[p] : j, p, k};
    r->nctors++;
    return i + 1;
}

/* `An(g, x, y)`: a direct call, An's test in place, or a constructor's literal behind it. */
static size_t an_call(rewrite *r, size_t i)
{
    const code *c = &r->c;
    const tok *t = tok_at(c, i);
    size_t args[ARGS_CAP], nargs, j, close;
    int n = kernel_arity(c, i, 'A'), direct, in_place = 1, literal;
    const name *e;
    char head[32];
    ctor k;
    if (n == 0 || !(r->ok >> n & 1))
        return SIZE_MAX;
    nargs = call_args(c, i + 1, args, &j);
    if (nargs != (size_t)n + 1 || args[1] != i + 3 || tok_at(c, i + 2)->kind != T_ID ||
        !spaces_between(c, i, i + 3))
        return SIZE_MAX;
    e = var_of(&r->m, c, find(&r->m, c, c->s + tok_at(c, i + 2)->at, tok_at(c, i + 2)->len));
    direct = e != NULL && e->arity == n && (r->ok >> (16 + n) & 1);
    for (size_t a = 1; a < nargs; a++)
        in_place &= simple(c, args[a] + 1, a + 1 < nargs ? args[a + 1] : j);
    /* a constructor's wrapper: its literal, tested in place, rather than a direct call; the
     * literal keeps only the arguments' tokens, so nothing else may lie in the call (a comment
     * with bytes that are not UTF-8 fails the original's load) */
    literal = in_place && expression_starts(c, i) && spaces_between(c, i, j) &&
              wrapped_constructor(&r->m, c, i + 2, n, &k);
    if (literal)
        direct = 0;
    else if (!direct && (!in_place || !expression_starts(c, i)))
        return SIZE_MAX;
    copy_to(r, i);
    if (direct) {
        /* `An(name, ` -> `name.f(` */
        put_tok(&r->o, c, i + 2);
        put(&r->o, ".f(", 3);
        r->copied = tok_at(c, i + 3)->at + 1;
        put_breaks(&r->o, c, t->at, r->copied);
        return i + 3;
    }
    /* `An(g, x, y)` -> `(g.a === n ? g.f(x, y) : An(g, x, y))`; where g was made from a
     * constructor, `(g.a === n && g.f === ctor ? ({ a: x, b: y }) : An(g, x, y))` */
    close = tok_at(c, j)->at;
    put(&r->o, "(", 1);
    put_tok(&r->o, c, i + 2);
    snprintf(head, sizeof head, ".a === %d ", n);
    put(&r->o, head, strlen(head));
    if (literal) {
        put(&r->o, "&& ", 3);
        put_tok(&r->o, c, i + 2);
        put(&r->o, ".f === ", 7);
        put_tok(&r->o, c, k.name);
        put(&r->o, " ? (", 4);
        for (size_t p = 0; p <= k.n; p++) {
            put_part(&r->o, c, &k, p);
            if (p < k.n)
                put_toks(&r->o, c, args[p + 1] + 1, p + 2 < nargs ? args[p + 2] : j);
        }
        put(&r->o, ")", 1);
        put_breaks(&r->o, c, t->at, close);
    } else {
        put(&r->o, "? ", 2);
        put_tok(&r->o, c, i + 2);
        put(&r->o, ".f(", 3);
        put_breaks(&r->o, c, t->at, tok_at(c, i + 3)->at + 1);
        put(&r->o, c->s + tok_at(c, i + 3)->at + 1, close - tok_at(c, i + 3)->at - 1);
        put(&r->o, ")", 1);
    }
    put(&r->o, " : ", 3);
    put_tok(&r->o, c, i);
    put(&r->o, "(", 1);
    put_tok(&r->o, c, i + 2);
    for (size_t a = i + 3; a < j; a++) {
        if (is(c, a, ","))
            put(&r->o, ", ", 2);
        else
            put_tok(&r->o, c, a);
    }
    put(&r->o, "))", 2);
    r->copied = close + 1;
    return j;
}

char *persist__elm_direct_calls(const char *text, size_t len, size_t *out_len, size_t *sites)
{
    rewrite *r = persist__calloc(1, sizeof *r);
    char *result = NULL;
    *sites = 0;
    if (r == NULL)
        return NULL;
    r->c = (code){text, len, {NULL, 0, 0, sizeof(tok)}};
    if (tokenize(&r->c) != 0 || !matches(&r->c, 0, "( function ( scope ) {") ||
        collect(&r->m, &r->c) != 0)
        goto done;
    r->body_end = tok_at(&r->c, 5)->match;
    r->ok = kernel(&r->m, &r->c);
    r->update = record_update(&r->m, &r->c);
    r->compare = compare_in_place(&r->m, &r->c);
    for (size_t i = 0; i < r->c.toks.count; i++) {
        size_t last = at_edit(r, i);
        if (last != SIZE_MAX)
            continue;
        /* after the wrapper, names are the global object's; then a call of a name of its own */
        if (i >= r->body_end || !is(&r->c, i + 1, "(") ||
            (i > 0 &&
             (is(&r->c, i - 1, ".") || is(&r->c, i - 1, "function") || is(&r->c, i - 1, "new"))))
            continue;
        if ((last = update_call(r, i)) == SIZE_MAX && (last = compare_call(r, i)) == SIZE_MAX &&
            (last = constructor_call(r, i)) == SIZE_MAX && (last = an_call(r, i)) == SIZE_MAX)
            continue;
        r->count++;
        i = last;
    }
    if (r->count > 0)
        put(&r->o, r->c.s + r->copied, len - r->copied);
    if (r->count > 0 && !r->o.failed) {
        result = r->o.buf;
        r->o.buf = NULL;
        *out_len = r->o.len;
        *sites = r->count;
    }
done:
    persist__free(r->c.toks.items);
    persist__free(r->m.slots);
    persist__free(r->o.buf);
    persist__free(r);
    return result;
}

/* ---- The results of the last rewrites ------------------------------------------------------- */

#define MEMO_ENTRIES 8
#define MEMO_BYTES   (16u << 20)

typedef struct memo {
    uint8_t hash[PERSIST__HASH_LEN];
    int used;
    char *code; /* NULL: the code was not rewritten */
    size_t len, sites;
    unsigned long tick; /* of the last use */
} memo;

static pthread_mutex_t memo_mu = PTHREAD_MUTEX_INITIALIZER;
static memo memos[MEMO_ENTRIES];
static size_t memo_bytes;
static unsigned long memo_tick;

/* Looks the hash up; on a hit *result is a copy of the result (NULL for code left unchanged, or
 * when the copy failed). */
static int memo_get(const uint8_t hash[PERSIST__HASH_LEN], char **result, size_t *out_len,
                    size_t *sites)
{
    int hit = 0;
    pthread_mutex_lock(&memo_mu);
    for (size_t i = 0; i < MEMO_ENTRIES && !hit; i++) {
        memo *m = &memos[i];
        if (!m->used || memcmp(m->hash, hash, PERSIST__HASH_LEN) != 0)
            continue;
        hit = 1;
        m->tick = ++memo_tick;
        *result = m->code != NULL ? persist__memdup0(m->code, m->len) : NULL;
        *out_len = m->len;
        *sites = *result != NULL ? m->sites : 0;
    }
    pthread_mutex_unlock(&memo_mu);
    return hit;
}

static void memo_put(const uint8_t hash[PERSIST__HASH_LEN], const char *text, size_t len,
                     size_t sites)
{
    char *copy = NULL;
    if (len > MEMO_BYTES || (text != NULL && (copy = persist__memdup0(text, len)) == NULL))
        return;
    pthread_mutex_lock(&memo_mu);
    for (;;) {
        /* A free entry if the new result fits in the bytes kept; else the least recently used
         * entry goes. */
        memo *free_slot = NULL, *lru = NULL;
        for (size_t i = 0; i < MEMO_ENTRIES; i++) {
            if (!memos[i].used)
                free_slot = free_slot != NULL ? free_slot : &memos[i];
            else if (lru == NULL || memos[i].tick < lru->tick)
                lru = &memos[i];
        }
        if (free_slot != NULL && memo_bytes + (copy != NULL ? len : 0) <= MEMO_BYTES) {
            memcpy(free_slot->hash, hash, PERSIST__HASH_LEN);
            free_slot->used = 1;
            free_slot->code = copy;
            free_slot->len = copy != NULL ? len : 0;
            free_slot->sites = sites;
            free_slot->tick = ++memo_tick;
            memo_bytes += free_slot->len;
            break;
        }
        memo_bytes -= lru->len;
        persist__free(lru->code);
        *lru = (memo){{0}, 0, NULL, 0, 0, 0};
    }
    pthread_mutex_unlock(&memo_mu);
}

char *persist__elm_direct_calls_of(const uint8_t hash[PERSIST__HASH_LEN], const char *text,
                                   size_t len, size_t *out_len, size_t *sites)
{
    char *result = NULL;
    *sites = 0;
    if (memo_get(hash, &result, out_len, sites))
        return result;
    result = persist__elm_direct_calls(text, len, out_len, sites);
    memo_put(hash, result, result != NULL ? *out_len : 0, *sites);
    return result;
}

void persist__elm_calls_fork(int phase)
{
    persist__fork_mutex(&memo_mu, phase);
}
