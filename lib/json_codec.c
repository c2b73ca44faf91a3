/* json_codec.c - encodes and decodes the portable snapshot file (docs/format.md) with Jansson
 * (the only file that includes jansson.h; the process-wide Jansson settings are left alone). */
#include "json_codec.h"

#include <jansson.h>
#include <string.h>

#include "alloc.h"
#include "errors.h"

#define EXPORT_FORMAT  "libpersist-export"
#define EXPORT_VERSION 1

int persist__export_encode(const persist__export *ex, char **out, size_t *out_len,
                           persist__err *err)
{
    json_t *root = json_pack("{s:s, s:i, s:I, s:I, s:{s:s, s:s%, s:s%}, s:s%}", "format",
                             EXPORT_FORMAT, "version", EXPORT_VERSION, "record",
                             (json_int_t)ex->seq, "exported_at_us", (json_int_t)ex->time_us, "app",
                             "sha256", ex->app_hash, "module", ex->module, ex->module_len, "code",
                             ex->code, ex->code_len, "state", ex->state, ex->state_len);
    char *text;
    *out = NULL;
    if (root == NULL)
        return persist__err_set(err, PERSIST_ENOMEM, "cannot build the export document");
    text = json_dumps(root, JSON_INDENT(2));
    json_decref(root);
    if (text == NULL)
        return persist__err_set(err, PERSIST_ENOMEM, "cannot write the export document");
    *out_len = strlen(text);
    *out = persist__malloc(*out_len + 2);
    if (*out != NULL) {
        memcpy(*out, text, *out_len);
        (*out)[(*out_len)++] = '\n';
        (*out)[*out_len] = '\0';
    }
    free(text); /* Jansson allocated it with the C library */
    return *out != NULL ? PERSIST_OK : persist__err_set(err, PERSIST_ENOMEM, "out of memory");
}

int persist__export_decode(const char *text, size_t len, persist__export *out, persist__err *err)
{
    json_error_t jerr;
    json_t *root = json_loadb(text, len, JSON_ALLOW_NUL, &jerr);
    const char *format = NULL, *hash = NULL, *module = NULL, *code = NULL, *state = NULL;
    size_t module_len = 0, code_len = 0, state_len = 0;
    json_int_t version = 0, seq = 0, at = 0;
    memset(out, 0, sizeof *out);
    if (root == NULL)
        return persist__err_set(err, PERSIST_EINVAL, "not an export file: %s (line %d)", jerr.text,
                                jerr.line);
    if (json_unpack_ex(root, &jerr, 0, "{s:s, s:I, s:I, s:I, s:{s:s, s:s%, s:s%}, s:s%}", "format",
                       &format, "version", &version, "record", &seq, "exported_at_us", &at, "app",
                       "sha256", &hash, "module", &module, &module_len, "code", &code, &code_len,
                       "state", &state, &state_len) != 0) {
        json_decref(root);
        return persist__err_set(err, PERSIST_EINVAL, "not an export file: %s", jerr.text);
    }
    if (strcmp(format, EXPORT_FORMAT) != 0 || version != EXPORT_VERSION ||
        strlen(hash) != PERSIST__HASH_LEN * 2 || seq < 0 || at < 0) {
        json_decref(root);
        return persist__err_set(err, version > EXPORT_VERSION ? PERSIST_EVERSION : PERSIST_EINVAL,
                                "not a version %d libpersist export file", EXPORT_VERSION);
    }
    out->seq = (uint64_t)seq;
    out->time_us = (uint64_t)at;
    memcpy(out->app_hash, hash, sizeof out->app_hash);
    out->module = persist__memdup0(module, module_len);
    out->module_len = module_len;
    out->code = persist__memdup0(code, code_len);
    out->code_len = code_len;
    out->state = persist__memdup0(state, state_len);
    out->state_len = state_len;
    json_decref(root);
    if (out->module == NULL || out->code == NULL || out->state == NULL) {
        persist__export_clear(out);
        return persist__err_set(err, PERSIST_ENOMEM, "out of memory");
    }
    return PERSIST_OK;
}

void persist__export_clear(persist__export *ex)
{
    persist__free(ex->module);
    persist__free(ex->code);
    persist__free(ex->state);
    memset(ex, 0, sizeof *ex);
}
