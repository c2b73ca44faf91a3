/* json_codec.h - the portable snapshot file (export/import) as JSON, through Jansson. */
#ifndef PERSIST_JSON_CODEC_H
#define PERSIST_JSON_CODEC_H

#include "internal.h"

/* The content of an export file; decode fills the strings with persist__malloc'd copies. */
typedef struct persist__export {
    uint64_t seq;     /* the record the state follows in the exporting store */
    uint64_t time_us; /* when it was exported */
    char app_hash[PERSIST__HASH_LEN * 2 + 1];
    char *module;
    size_t module_len;
    char *code;
    size_t code_len;
    char *state;
    size_t state_len;
} persist__export;

/* JSON text (persist__malloc'd, NUL-terminated) for an export. */
int persist__export_encode(const persist__export *ex, char **out, size_t *out_len,
                           persist__err *err);

/* Parse an export file's text; PERSIST_EINVAL with the reason when it is not one. */
int persist__export_decode(const char *text, size_t len, persist__export *out, persist__err *err);
void persist__export_clear(persist__export *ex);

#endif
