// headers.cpp - the public header from C++: built as -std=c++11 -pedantic -Wall -Wextra -Werror
// (tests/bindings/header-test.sh), linked against the shared library and run. Checks C linkage,
// that every constant is a constant expression, and the exact type of every function.
#include <persist.h>
#include <persist.h> // the include guard works

#include <cstdio>
#include <cstring>
#include <type_traits>

// Status values are pinned forever (persist.h): a renumbering breaks every binding.
static_assert(PERSIST_OK == 0 && PERSIST_ERROR == -1 && PERSIST_ENOMEM == -2, "status");
static_assert(PERSIST_EINVAL == -3 && PERSIST_EMISUSE == -4 && PERSIST_ECANCELED == -5, "status");
static_assert(PERSIST_ENOTFOUND == -10 && PERSIST_EEXISTS == -11 && PERSIST_EBUSY == -12, "status");
static_assert(PERSIST_ENOAPP == -13 && PERSIST_EREADONLY == -14, "status");
static_assert(PERSIST_EIO == -20 && PERSIST_ECORRUPT == -21 && PERSIST_EFULL == -22, "status");
static_assert(PERSIST_EVERSION == -23, "status");
static_assert(PERSIST_ESCRIPT == -30 && PERSIST_ETIMEOUT == -31 && PERSIST_ELOAD == -32, "status");
static_assert(PERSIST_ECONTRACT == -33 && PERSIST_EREJECTED == -34, "status");
static_assert(PERSIST_EMIGRATE == -35 && PERSIST_EROUNDTRIP == -36 && PERSIST_EMEMORY == -37,
              "status");
static_assert(PERSIST_EFATAL == -40, "status");
static_assert(PERSIST_VERSION_NUMBER == PERSIST_VERSION_MAJOR * 10000 +
                                            PERSIST_VERSION_MINOR * 100 + PERSIST_VERSION_PATCH,
              "version number");
static_assert(PERSIST_NO_LIMIT_MS == 0xffffffffu && PERSIST_NO_LIMIT_BYTES == ~0ull, "limits");
static_assert((PERSIST_OPEN_READONLY | PERSIST_OPEN_NO_CREATE | PERSIST_LOG_ALL_EVENTS) == 7u,
              "flags");
static_assert(PERSIST_DEPLOY_INIT != PERSIST_DEPLOY_MIGRATE, "deploy modes");
static_assert(PERSIST_DURABILITY_SYNC != PERSIST_DURABILITY_RELAXED, "durability");
static_assert(PERSIST_OPEN_NO_RESTORE == 8u && PERSIST_VERIFY_ALL_SNAPSHOTS == 1u, "flags");
static_assert(PERSIST_RECORD_EVENT == 1u && PERSIST_RECORD_SET_STATE == 2u &&
                  PERSIST_RECORD_DEPLOY_INIT == 3u && PERSIST_RECORD_DEPLOY_MIGRATE == 4u &&
                  PERSIST_RECORD_RESET == 5u,
              "record kinds");
// Plain C structs, so C++ code can hold and copy them.
static_assert(std::is_standard_layout<persist_options>::value, "options layout");
static_assert(std::is_trivially_copyable<persist_options>::value, "options copy");
static_assert(std::is_standard_layout<persist_batch_item>::value, "batch item layout");
static_assert(std::is_trivially_copyable<persist_record>::value, "record");
static_assert(std::is_trivially_copyable<persist_snapshot_info>::value, "snapshot info");
static_assert(std::is_trivially_copyable<persist_app_info>::value, "app info");
static_assert(std::is_trivially_copyable<persist_verify_report>::value, "verify report");
static_assert(std::is_trivially_copyable<persist_prune_report>::value, "prune report");
static_assert(std::is_same<decltype(&persist_version_number), uint32_t (*)()>::value, "version");
static_assert(std::is_same<decltype(&persist_version_string), const char *(*)()>::value, "vs");
static_assert(std::is_same<decltype(&persist_strerror), const char *(*)(int)>::value, "strerror");
static_assert(std::is_same<decltype(&persist_options_init), int (*)(persist_options *, size_t)>::value,
              "options_init");
static_assert(std::is_same<decltype(&persist_free), void (*)(void *)>::value, "free");
static_assert(std::is_same<decltype(&persist_store_open),
                           int (*)(persist_store **, const char *, const persist_options *)>::value,
              "open");
static_assert(std::is_same<decltype(&persist_store_close), int (*)(persist_store *)>::value,
              "close");
static_assert(std::is_same<decltype(&persist_store_errmsg),
                           size_t (*)(persist_store *, char *, size_t)>::value,
              "errmsg");
static_assert(
    std::is_same<decltype(&persist_store_deploy),
                 int (*)(persist_store *, const char *, size_t, uint32_t, const char *)>::value,
    "deploy");
static_assert(
    std::is_same<decltype(&persist_store_submit),
                 int (*)(persist_store *, const char *, size_t, char **, size_t *)>::value,
    "submit");
static_assert(std::is_same<decltype(&persist_store_submit_batch),
                           int (*)(persist_store *, persist_batch_item *, size_t)>::value,
              "submit_batch");
static_assert(std::is_same<decltype(&persist_store_flush), int (*)(persist_store *)>::value,
              "flush");
static_assert(std::is_same<decltype(&persist_store_set_state),
                           int (*)(persist_store *, const char *, size_t)>::value,
              "set_state");
static_assert(std::is_same<decltype(&persist_store_snapshot), int (*)(persist_store *)>::value,
              "snapshot");
static_assert(std::is_same<decltype(&persist_store_restore), int (*)(persist_store *)>::value,
              "restore");
static_assert(std::is_same<decltype(&persist_store_state),
                           int (*)(persist_store *, char **, size_t *)>::value,
              "state");
static_assert(
    std::is_same<decltype(&persist_store_head), int (*)(persist_store *, uint64_t *)>::value,
    "head");
static_assert(std::is_same<decltype(&persist_store_record_count),
                           int (*)(persist_store *, uint64_t *)>::value,
              "record_count");
static_assert(std::is_same<decltype(&persist_store_snapshot_seq),
                           int (*)(persist_store *, uint64_t *)>::value,
              "snapshot_seq");
static_assert(std::is_same<decltype(&persist_store_app_hash),
                           int (*)(persist_store *, char *, size_t)>::value,
              "app_hash");
static_assert(std::is_same<persist_log_fn, void (*)(int, const char *, size_t, void *)>::value,
              "log_fn");
static_assert(std::is_same<persist_progress_fn, int (*)(uint64_t, uint64_t, void *)>::value,
              "progress_fn");
static_assert(std::is_same<decltype(&persist_store_records),
                           int (*)(persist_store *, uint64_t, uint32_t, uint32_t, persist_record **,
                                   size_t *)>::value,
              "records");
static_assert(std::is_same<decltype(&persist_store_state_at),
                           int (*)(persist_store *, uint64_t, char **, size_t *)>::value,
              "state_at");
static_assert(std::is_same<decltype(&persist_store_response_at),
                           int (*)(persist_store *, uint64_t, char **, size_t *)>::value,
              "response_at");
static_assert(std::is_same<decltype(&persist_store_snapshots),
                           int (*)(persist_store *, persist_snapshot_info **, size_t *)>::value,
              "snapshots");
static_assert(std::is_same<decltype(&persist_store_apps),
                           int (*)(persist_store *, persist_app_info **, size_t *)>::value,
              "apps");
static_assert(std::is_same<decltype(&persist_store_app_code),
                           int (*)(persist_store *, const char *, char **, size_t *)>::value,
              "app_code");
static_assert(std::is_same<decltype(&persist_store_verify),
                           int (*)(persist_store *, uint32_t, persist_verify_report *)>::value,
              "verify");
static_assert(
    std::is_same<decltype(&persist_store_revert), int (*)(persist_store *, uint64_t)>::value,
    "revert");
static_assert(std::is_same<decltype(&persist_store_prune),
                           int (*)(persist_store *, uint64_t, persist_prune_report *)>::value,
              "prune");
static_assert(
    std::is_same<decltype(&persist_store_backup), int (*)(persist_store *, const char *)>::value,
    "backup");
static_assert(
    std::is_same<decltype(&persist_store_export), int (*)(persist_store *, const char *)>::value,
    "export");
static_assert(
    std::is_same<decltype(&persist_store_import), int (*)(persist_store *, const char *)>::value,
    "import");

namespace host
{
// The header's names work inside a namespace and with C linkage callbacks.
extern "C" void log_to_nowhere(int, const char *, size_t, void *) {}
extern "C" int keep_going(uint64_t, uint64_t, void *)
{
    return 0;
}
} // namespace host

int main()
{
    persist_options opts;
    persist_options_init(&opts, sizeof opts);
    opts.log_fn = host::log_to_nowhere;
    opts.progress_fn = host::keep_going;
    persist_verify_report report = persist_verify_report();
    report.struct_size = sizeof report;
    opts.flags = PERSIST_OPEN_NO_CREATE;
    persist_batch_item item = persist_batch_item();
    item.event = "x";
    item.event_len = 1;
    bool bad = false;
    if (persist_version_number() != PERSIST_VERSION_NUMBER ||
        std::strcmp(persist_version_string(), PERSIST_VERSION_STRING) != 0) {
        std::fprintf(stderr, "header %s, library %s\n", PERSIST_VERSION_STRING,
                     persist_version_string());
        bad = true;
    }
    if (persist_store_close(nullptr) != PERSIST_OK ||
        persist_store_submit_batch(nullptr, &item, 1) != PERSIST_EMISUSE ||
        persist_store_open(nullptr, "x", &opts) != PERSIST_EINVAL ||
        persist_store_verify(nullptr, PERSIST_VERIFY_ALL_SNAPSHOTS, &report) != PERSIST_EMISUSE) {
        std::fprintf(stderr, "NULL handle handling\n");
        bad = true;
    }
    persist_free(nullptr);
    if (!bad)
        std::printf("headers (C++ %ld): ok, libpersist %s\n", static_cast<long>(__cplusplus),
                    persist_version_string());
    return bad ? 1 : 0;
}
