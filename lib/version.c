/* version.c - runtime version of the library. */
#include "internal.h"

uint32_t persist_version_number(void)
{
    return PERSIST_VERSION_NUMBER;
}

const char *persist_version_string(void)
{
    return PERSIST_VERSION_STRING;
}
