/* lexer.c - splits Elm 0.19.1 source into tokens with line and column, skipping comments and
 * literals. */
#include "codegen.h"

#include <ctype.h>
#include <string.h>

typedef struct lexer {
    cg_ctx *c;
    const char *file;
    const char *s;
    size_t n, i;
    int line, col;
    cg_token *items;
    int count, cap;
} lexer;

static int peek(const lexer *l, size_t k)
{
    return l->i + k < l->n ? (unsigned char)l->s[l->i + k] : -1;
}

/* Advances one byte; columns count characters, so UTF-8 continuation bytes do not move it. */
static void advance(lexer *l)
{
    unsigned char ch = (unsigned char)l->s[l->i++];
    if (ch == '\n') {
        l->line++;
        l->col = 1;
    } else if ((ch & 0xC0) != 0x80) {
        l->col++;
    }
}

static void push(lexer *l, tk_kind kind, size_t start, int line, int col)
{
    cg_token t = {kind, l->s + start, (int)(l->i - start), line, col};
    if (l->count == l->cap) {
        int ncap = l->cap ? l->cap * 2 : 256;
        cg_token *p = cg_alloc(&l->c->arena, sizeof *p * (size_t)ncap);
        if (l->count)
            memcpy(p, l->items, sizeof *p * (size_t)l->count);
        l->items = p;
        l->cap = ncap;
    }
    l->items[l->count++] = t;
}

/* {- ... -}, nested; the opening {- is at l->i. */
static int block_comment(lexer *l)
{
    int line = l->line, col = l->col, depth = 0;
    while (l->i < l->n) {
        if (peek(l, 0) == '{' && peek(l, 1) == '-') {
            depth++;
            advance(l);
            advance(l);
        } else if (peek(l, 0) == '-' && peek(l, 1) == '}') {
            advance(l);
            advance(l);
            if (--depth == 0)
                return 0;
        } else {
            advance(l);
        }
    }
    return cg_fail_at(l->c, l->file, line, col, "unterminated comment {- (no matching -})");
}

/* A backslash escape inside a string or character literal: \n \" \' \\ \u{1F600} ... */
static int escape(lexer *l)
{
    int line = l->line, col = l->col;
    advance(l); /* the backslash */
    if (peek(l, 0) == 'u' && peek(l, 1) == '{') {
        while (l->i < l->n && peek(l, 0) != '}' && peek(l, 0) != '\n')
            advance(l);
        if (peek(l, 0) != '}')
            return cg_fail_at(l->c, l->file, line, col, "unterminated \\u{...} escape");
        advance(l);
        return 0;
    }
    if (l->i >= l->n || peek(l, 0) == '\n')
        return cg_fail_at(l->c, l->file, line, col, "a backslash at the end of a line");
    advance(l);
    return 0;
}

static int string_literal(lexer *l)
{
    int line = l->line, col = l->col;
    int triple = peek(l, 1) == '"' && peek(l, 2) == '"';
    size_t start = l->i;
    for (int k = 0; k < (triple ? 3 : 1); k++)
        advance(l);
    for (;;) {
        int ch = peek(l, 0);
        if (ch < 0 || (!triple && ch == '\n'))
            return cg_fail_at(l->c, l->file, line, col, "unterminated string literal");
        if (ch == '\\') {
            if (escape(l) < 0)
                return -1;
        } else if (ch == '"' && (!triple || (peek(l, 1) == '"' && peek(l, 2) == '"'))) {
            for (int k = 0; k < (triple ? 3 : 1); k++)
                advance(l);
            break;
        } else {
            advance(l);
        }
    }
    push(l, TK_LITERAL, start, line, col);
    return 0;
}

/* 'a', '\'', '\u{1F600}', or one UTF-8 encoded character. */
static int char_literal(lexer *l)
{
    int line = l->line, col = l->col;
    size_t start = l->i;
    advance(l);
    if (peek(l, 0) == '\\') {
        if (escape(l) < 0)
            return -1;
    } else if (peek(l, 0) >= 0 && peek(l, 0) != '\'' && peek(l, 0) != '\n') {
        advance(l);
        while (l->i < l->n && (peek(l, 0) & 0xC0) == 0x80)
            advance(l);
    }
    if (peek(l, 0) != '\'')
        return cg_fail_at(l->c, l->file, line, col, "a character literal must hold one character");
    advance(l);
    push(l, TK_LITERAL, start, line, col);
    return 0;
}

/* [glsl| ... |] */
static int shader(lexer *l)
{
    int line = l->line, col = l->col;
    size_t start = l->i;
    while (l->i < l->n && !(peek(l, 0) == '|' && peek(l, 1) == ']'))
        advance(l);
    if (l->i >= l->n)
        return cg_fail_at(l->c, l->file, line, col, "unterminated [glsl| shader");
    advance(l);
    advance(l);
    push(l, TK_LITERAL, start, line, col);
    return 0;
}

static int is_ident(int ch)
{
    return ch >= 0 && (isalnum(ch) || ch == '_');
}

/* Upper-case names take their qualifiers: Json.Decode.Value, Dict.empty, A.B. */
static void name(lexer *l)
{
    int line = l->line, col = l->col;
    size_t start = l->i;
    tk_kind kind = isupper(peek(l, 0)) ? TK_UPPER : TK_LOWER;
    while (is_ident(peek(l, 0)))
        advance(l);
    while (kind == TK_UPPER && peek(l, 0) == '.' && peek(l, 1) >= 0 && isalpha(peek(l, 1))) {
        int lower = islower(peek(l, 1));
        advance(l);
        while (is_ident(peek(l, 0)))
            advance(l);
        if (lower) {
            kind = TK_QLOWER;
            break;
        }
    }
    push(l, kind, start, line, col);
}

static const char SYMBOLS[] = "+-*/=<>:!&|^?%.~\\#@$";

static int one_token(lexer *l)
{
    int ch = peek(l, 0), line = l->line, col = l->col;
    size_t start = l->i;
    static const char punct[] = "()[]{},";
    static const tk_kind pkind[] = {TK_LPAREN, TK_RPAREN, TK_LBRACKET, TK_RBRACKET,
                                    TK_LBRACE, TK_RBRACE, TK_COMMA};
    if (ch == '"')
        return string_literal(l);
    if (ch == '\'')
        return char_literal(l);
    if (ch == '[' && strncmp(l->s + l->i, "[glsl|", 6) == 0)
        return shader(l);
    if (isalpha(ch) || ch == '_') {
        name(l);
        return 0;
    }
    if (isdigit(ch)) {
        while (is_ident(peek(l, 0)) || (peek(l, 0) == '.' && isdigit(peek(l, 1))) ||
               ((peek(l, 0) == '+' || peek(l, 0) == '-') && (l->s[l->i - 1] | 0x20) == 'e'))
            advance(l);
        push(l, TK_LITERAL, start, line, col);
        return 0;
    }
    if (ch > 0 && strchr(punct, ch) != NULL) { /* strchr finds the terminator too */
        advance(l);
        push(l, pkind[strchr(punct, ch) - punct], start, line, col);
        return 0;
    }
    if (ch > 0 && strchr(SYMBOLS, ch) != NULL) {
        while (peek(l, 0) > 0 && strchr(SYMBOLS, peek(l, 0)) != NULL)
            advance(l);
        push(l, TK_SYM, start, line, col);
        return 0;
    }
    if (ch == '\t')
        return cg_fail_at(l->c, l->file, line, col, "a tab character (Elm allows only spaces)");
    return cg_fail_at(l->c, l->file, line, col, "unexpected character '%c' (0x%02x)",
                      ch >= 32 && ch < 127 ? ch : '?', ch);
}

int cg_lex(cg_ctx *c, const char *file, const char *src, size_t len, cg_tokens *out)
{
    lexer l = {c, file, src, len, 0, 1, 1, NULL, 0, 0};
    while (l.i < l.n) {
        int ch = peek(&l, 0);
        if (ch == ' ' || ch == '\n' || ch == '\r') {
            advance(&l);
        } else if (ch == '-' && peek(&l, 1) == '-') {
            while (l.i < l.n && peek(&l, 0) != '\n')
                advance(&l);
        } else if (ch == '{' && peek(&l, 1) == '-') {
            if (block_comment(&l) < 0)
                return -1;
        } else if (one_token(&l) < 0) {
            return -1;
        }
    }
    l.i = l.n;
    push(&l, TK_EOF, l.n, l.line, l.col);
    out->items = l.items;
    out->n = l.count;
    return 0;
}

int cg_tok_is(const cg_token *t, tk_kind kind, const char *text)
{
    return t->kind == kind && (text == NULL || ((size_t)t->len == strlen(text) &&
                                                memcmp(t->text, text, (size_t)t->len) == 0));
}
