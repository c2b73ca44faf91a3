/* jsonfast: JSON.stringify fast path (DUK_USE_JSON_STRINGIFY_FASTPATH). */
#define DUK_USE_JSON_STRINGIFY_FASTPATH
