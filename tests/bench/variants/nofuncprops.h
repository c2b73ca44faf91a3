/* nofuncprops: function instances get no .name and no .fileName (tracebacks lose file names). */
#undef DUK_USE_FUNC_NAME_PROPERTY
#undef DUK_USE_FUNC_FILENAME_PROPERTY
