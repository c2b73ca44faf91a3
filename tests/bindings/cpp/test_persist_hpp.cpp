// test_persist_hpp.cpp - include/persist.hpp, every wrapper, against the shared library.
//
// Built by tests/bindings/header-test.sh as C++17 (and C++20) with -pedantic -Wall -Wextra
// -Wshadow -Werror and run from the top directory (the fixtures are tests/fixtures, or
// $PERSIST_FIXTURES). Each check prints what failed; the last line is "N passed, N failed".
#include <persist.hpp>
#include <persist.hpp> // the include guard works

#include <algorithm>
#include <array>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <type_traits>
#include <vector>

#include <dirent.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

// ---- the API's shape ----------------------------------------------------------------------------
static_assert(std::is_base_of_v<std::runtime_error, persist::Error>, "Error is a runtime_error");
static_assert(std::is_same_v<decltype(std::declval<persist::Error>().code()), persist_status>,
              "code() is the persist_status");
static_assert(!std::is_copy_constructible_v<persist::Store>, "Store is move-only");
static_assert(!std::is_copy_assignable_v<persist::Store>, "Store is move-only");
static_assert(std::is_nothrow_move_constructible_v<persist::Store>, "Store moves");
static_assert(std::is_nothrow_move_assignable_v<persist::Store>, "Store moves");
static_assert(!std::is_default_constructible_v<persist::Store>, "a Store is always opened");
static_assert(
    std::is_same_v<decltype(std::declval<persist::Store>().app_hash()), std::optional<std::string>>,
    "app_hash is optional");
static_assert(persist::kind_mask(persist::RecordKind::event) == 2u, "kind bits");
static_assert(persist::no_limit_ms == PERSIST_NO_LIMIT_MS, "no limit");
static_assert(persist::no_limit_bytes == PERSIST_NO_LIMIT_BYTES, "no limit");
static_assert(persist::no_limit == PERSIST_NO_LIMIT, "no limit");
static_assert(std::is_base_of_v<persist::BatchResult, persist::EventResult>, "results");
static_assert(std::is_same_v<decltype(std::declval<persist::Store>().export_records(0)),
                             std::optional<std::pair<std::string, uint64_t>>>,
              "export_records: the batch and its last record, or nothing");
static_assert(std::is_same_v<decltype(std::declval<persist::Store>().export_bootstrap()),
                             std::pair<std::string, uint64_t>>,
              "export_bootstrap: the package and its record");
static_assert(std::is_same_v<decltype(std::declval<persist::Store>().apply("")), uint64_t>,
              "apply returns the head");

// ---- a tiny harness -----------------------------------------------------------------------------
static int passed, failed;

static void report(bool ok, const char *what, int line, const std::string &detail = "")
{
    if (ok) {
        passed++;
        return;
    }
    failed++;
    std::cerr << "test_persist_hpp.cpp:" << line << ": FAIL: " << what
              << (detail.empty() ? "" : " (" + detail + ")") << "\n";
}

#define CHECK(cond) report(static_cast<bool>(cond), #cond, __LINE__)
#define CHECK_EQ(a, b)                                                                             \
    do {                                                                                           \
        std::ostringstream got_;                                                                   \
        auto a_ = (a);                                                                             \
        auto b_ = (b);                                                                             \
        got_ << a_ << " != " << b_;                                                                \
        report(a_ == b_, #a " == " #b, __LINE__, got_.str());                                      \
    } while (0)
// The statement throws persist::Error with code `want` and a message containing `part`.
#define CHECK_ERROR(stmt, want, part)                                                              \
    do {                                                                                           \
        std::string detail_ = "no exception";                                                      \
        bool ok_ = false;                                                                          \
        try {                                                                                      \
            stmt;                                                                                  \
        } catch (const persist::Error &e_) {                                                       \
            ok_ = e_.code() == (want) && e_.message().find(part) != std::string::npos &&           \
                  std::string(e_.what()).find(persist::strerror(want)) == 0;                       \
            detail_ = std::to_string(e_.code()) + " '" + e_.message() + "'";                       \
        } catch (const std::exception &e_) {                                                       \
            detail_ = std::string("other exception: ") + e_.what();                                \
        }                                                                                          \
        report(ok_, #stmt " throws " #want " with '" part "'", __LINE__, detail_);                 \
    } while (0)

static std::string fixtures()
{
    const char *dir = std::getenv("PERSIST_FIXTURES");
    return dir != nullptr && *dir != '\0' ? dir : "tests/fixtures";
}

static std::string read_file(const std::string &path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        std::cerr << "cannot read " << path << "\n";
        std::exit(2);
    }
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

static void write_file(const std::string &path, const std::string &data)
{
    std::ofstream(path, std::ios::binary | std::ios::trunc) << data;
}

static std::string fixture(const char *name)
{
    return read_file(fixtures() + "/" + name);
}

static std::string tmp_root;
static int tmp_counter;

// A fresh path (not created) under the test's temporary directory.
static std::string fresh(const char *name)
{
    return tmp_root + "/" + std::to_string(++tmp_counter) + "-" + name;
}

static void remove_tree(const std::string &path)
{
    if (DIR *d = opendir(path.c_str())) {
        while (dirent *e = readdir(d)) {
            std::string n = e->d_name;
            if (n != "." && n != "..")
                remove_tree(path + "/" + n);
        }
        closedir(d);
        rmdir(path.c_str());
    } else {
        unlink(path.c_str());
    }
}

static const std::string V1 = fixture("testapp_v1.js");

// A store with testapp_v1 deployed and `events` submitted.
static persist::Store deployed(const std::string &path, std::initializer_list<const char *> events,
                               const persist::Options &opts = persist::Options())
{
    persist::Store s(path, opts);
    s.deploy(V1);
    for (const char *e : events)
        s.submit(e);
    return s; // moved out
}

// ---- tests --------------------------------------------------------------------------------------

static void test_free_functions()
{
    CHECK_EQ(persist::version_number(), static_cast<uint32_t>(PERSIST_VERSION_NUMBER));
    CHECK(persist::version() == PERSIST_VERSION_STRING);
    CHECK(persist::strerror(PERSIST_ENOAPP) == persist_strerror(PERSIST_ENOAPP));
    CHECK(!persist::strerror(PERSIST_ESCRIPT).empty());
    CHECK(persist::strerror(-99) == "unknown status");
    persist::Error e(PERSIST_ESCRIPT, "detail");
    CHECK_EQ(e.code(), PERSIST_ESCRIPT);
    CHECK_EQ(e.message(), std::string("detail"));
    CHECK_EQ(std::string(e.what()), std::string(persist_strerror(PERSIST_ESCRIPT)) + ": detail");
    CHECK_EQ(std::string(persist::Error(PERSIST_EBUSY, "").what()),
             std::string(persist_strerror(PERSIST_EBUSY)));
}

static void test_open_errors()
{
    std::string path = fresh("store");
    CHECK_ERROR(persist::Store(path, persist::Options().read_only()), PERSIST_ENOTFOUND, "");
    CHECK_ERROR(persist::Store(path, persist::Options().no_create()), PERSIST_ENOTFOUND, "");
    CHECK_ERROR(persist::Store(fresh("missing") + "/store"), PERSIST_ENOTFOUND,
                "missing does not exist; create it first");
    std::string data_dir = fresh("io");
    ::mkdir(data_dir.c_str(), 0755);
    ::mkdir((data_dir + "/data.mdb").c_str(), 0755); /* the data file is a directory */
    CHECK_ERROR(persist::Store{data_dir}, PERSIST_EIO, "Is a directory");
    CHECK_ERROR(persist::Store(std::string("a\0b", 3)), PERSIST_EINVAL,
                "path must not contain NUL");
    std::string file = fresh("file");
    write_file(file, "");
    CHECK_ERROR(persist::Store{file}, PERSIST_EINVAL, "");

    persist::Store s(path);
    CHECK_ERROR(persist::Store{path}, PERSIST_EBUSY, "already open");
    CHECK_ERROR(persist::Store(path, persist::Options().read_only()), PERSIST_EBUSY, "");
    // Failed opens closed their handles: the store is still usable, and opens again after close.
    CHECK_EQ(s.head(), 0u);
    s.close();
    persist::Store again(path, persist::Options().no_create());
    CHECK(again.is_open());
}

static void test_app_and_events()
{
    persist::Store s(fresh("store"));
    CHECK(!s.app_hash().has_value());
    CHECK_ERROR(s.submit("add 1"), PERSIST_ENOAPP, "");
    CHECK_ERROR(s.state(), PERSIST_ENOAPP, "");
    CHECK_ERROR(s.deploy(V1, persist::DeployMode::migrate), PERSIST_ENOAPP, "");
    CHECK_ERROR(s.set_state("{}"), PERSIST_ENOAPP, "");
    CHECK_ERROR(s.deploy(fixture("bad_syntax.js")), PERSIST_ELOAD, "");
    CHECK_ERROR(s.deploy(fixture("bad_load_throws.js")), PERSIST_ELOAD, "refusing to load");
    CHECK_ERROR(s.deploy(fixture("bad_no_update.js")), PERSIST_ECONTRACT, "");
    CHECK_ERROR(s.deploy(fixture("bad_contract_variants.js"), persist::DeployMode::init, "noInit"),
                PERSIST_ECONTRACT, "");
    CHECK_ERROR(s.deploy(fixture("bad_roundtrip_always.js")), PERSIST_EROUNDTRIP, "");
    CHECK_ERROR(s.deploy(V1, persist::DeployMode::init, std::string_view("a\0b", 3)),
                PERSIST_EINVAL, "module must not contain NUL");
    CHECK_ERROR(s.deploy("var app = '\xc3';"), PERSIST_EINVAL, "");
    CHECK_EQ(s.head(), 0u);

    s.deploy(V1, persist::DeployMode::init, "app"); // the default module, named
    std::optional<std::string> hash = s.app_hash();
    CHECK(hash.has_value() && hash->size() == 64 &&
          hash->find_first_not_of("0123456789abcdef") == std::string::npos);
    CHECK_EQ(s.submit("add 2"), std::string("n=2"));
    CHECK_EQ(s.submit(std::string("append xyz")), std::string("hist=xyz"));
    CHECK_EQ(s.submit(std::string_view()), std::string("unknown event")); // empty: not logged
    CHECK_ERROR(s.submit("throw"), PERSIST_ESCRIPT, "boom: the app refused throw");
    CHECK_ERROR(s.submit("badresp"), PERSIST_ECONTRACT, "");
    CHECK_ERROR(s.submit("add \xff"), PERSIST_EINVAL, "UTF-8");
    CHECK_EQ(s.submit("get"), std::string("n=2 hist=xyz"));
    CHECK_EQ(s.head(), 3u); // deploy, add 2, append
    CHECK_EQ(s.record_count(), 3u);
    CHECK_EQ(s.state(), std::string(R"({"v":1,"n":2,"hist":"xyz"})"));

    CHECK_ERROR(s.set_state(R"({"v":2})"), PERSIST_EREJECTED, "not a version 1 state");
    s.set_state(R"({"v":1,"n":40,"hist":""})");
    CHECK_EQ(s.submit("add 2"), std::string("n=42"));
    CHECK_ERROR(s.deploy(fixture("bad_migrate_throws.js"), persist::DeployMode::migrate),
                PERSIST_EMIGRATE, "will not migrate");
    s.deploy(fixture("testapp_v2.js"), persist::DeployMode::migrate);
    CHECK_EQ(s.submit("get"), std::string("v2 n=42 hist= tag=migrated"));
    CHECK(s.app_hash() != hash);

    uint64_t head = s.head();
    s.snapshot();
    CHECK_EQ(s.snapshot_seq(), head);
    s.restore();
    CHECK_EQ(s.submit("get"), std::string("v2 n=42 hist= tag=migrated"));
    s.flush(); // a no-op in sync mode
}

static void test_batch()
{
    persist::Store s = deployed(fresh("store"), {"add 1"});
    std::vector<persist::BatchResult> r = s.submit_batch({"add 1", "throw", "add 2", ""});
    CHECK_EQ(r.size(), 4u);
    CHECK(r[0].ok() && r[0].response == "n=2" && r[0].value() == "n=2");
    CHECK_EQ(r[1].status, PERSIST_ESCRIPT);
    CHECK(!r[1].ok() && r[1].response.empty());
    CHECK_ERROR(r[1].value(), PERSIST_ESCRIPT, "");
    CHECK(r[2].ok() && r[2].response == "n=4");
    CHECK(r[3].ok() && r[3].response == "unknown event");
    CHECK_EQ(s.head(), 4u);

    std::vector<std::string> owned = {"mul 3", "add 1"};
    r = s.submit_batch(owned);
    CHECK(r.size() == 2 && r[0].value() == "n=12" && r[1].value() == "n=13");
    std::array<std::string_view, 1> one = {"add 7"};
    CHECK_EQ(s.submit_batch(one).at(0).value(), std::string("n=20"));
    CHECK(s.submit_batch(std::vector<std::string_view>()).empty());
    CHECK_ERROR(s.submit_batch({"add 1", "\x80"}), PERSIST_EINVAL, "items[1]");
    CHECK_EQ(s.submit("get"), std::string("n=20 hist="));

    persist::Store empty(fresh("empty"));
    CHECK_ERROR(empty.submit_batch({"add 1"}), PERSIST_ENOAPP, "");
}

static void test_options()
{
    std::string path = fresh("store");
    {
        persist::Store w =
            deployed(path, {"add 1"}, persist::Options().snapshot_every(2).snapshot_budget_ms(50));
        CHECK_EQ(w.snapshot_seq(), 1u); // the deploy's
        w.submit("add 1");
        CHECK_EQ(w.snapshot_seq(), 3u); // two records later
        w.submit("get");
        CHECK_EQ(w.head(), 3u);
    }
    {
        persist::Store all(
            path, persist::Options().log_all_events().durability(persist::Durability::relaxed));
        all.submit("get"); // identical state, logged anyway
        CHECK_EQ(all.head(), 4u);
        all.flush();
    }
    {
        persist::Store ro(path, persist::Options().read_only());
        CHECK_ERROR(ro.submit("add 1"), PERSIST_EREADONLY, "read-only");
        CHECK_EQ(ro.state(), std::string(R"({"v":1,"n":2,"hist":""})"));
    }
    {
        persist::Store raw(path, persist::Options().no_restore());
        CHECK_ERROR(raw.submit("add 1"), PERSIST_ENOAPP, "");
        CHECK_EQ(raw.head(), 4u);
    }
    persist::Store full = deployed(fresh("full"), {}, persist::Options().map_size(1 << 16));
    CHECK_ERROR(full.submit("append " + std::string(20 << 20, 'x')), PERSIST_EFULL, "full");
    CHECK_EQ(full.submit("add 1"), std::string("n=1"));

    persist::Store hostile(fresh("hostile"), persist::Options().js_budget_ms(200));
    hostile.deploy(fixture("hostile.js"));
    CHECK_ERROR(hostile.submit("loop"), PERSIST_ETIMEOUT, "budget");
    CHECK_EQ(hostile.submit("add"), std::string("n=1"));
    persist::Store big(fresh("big"),
                       persist::Options().js_memory_limit(4 << 20).js_budget_ms(5000));
    big.deploy(fixture("hostile.js"));
    CHECK_ERROR(big.submit("bomb"), PERSIST_EMEMORY, "memory limit");
    persist::Store unlimited(fresh("unlimited"), persist::Options()
                                                     .js_budget_ms(persist::no_limit_ms)
                                                     .js_memory_limit(persist::no_limit_bytes));
    unlimited.deploy(fixture("hostile.js"));
    CHECK_EQ(unlimited.submit("add"), std::string("n=1"));

    persist::Options o = persist::Options().read_only().no_create().read_only(false);
    CHECK_EQ(o.c_options().flags, PERSIST_OPEN_NO_CREATE);
    CHECK_EQ(o.c_options().struct_size, static_cast<uint32_t>(sizeof(persist_options)));
    CHECK(o.c_options().log_fn == nullptr && !o.log() && !o.progress());
}

static void test_history()
{
    persist::Store s = deployed(fresh("store"), {"add 1", "add 2", "append q"},
                                persist::Options().snapshot_every(1000000));
    std::string hash = *s.app_hash();
    std::vector<persist::Record> all = s.records();
    CHECK_EQ(all.size(), 4u);
    CHECK(all[0].seq == 1 && all[0].kind == persist::RecordKind::deploy_init &&
          !all[0].payload.has_value() && all[0].app_hash == hash && all[0].module == "app");
    CHECK(all[1].kind == persist::RecordKind::event && all[1].payload == "add 1" &&
          all[1].app_hash.empty() && all[1].time_us > 0 && all[1].source_seq == 0);
    std::vector<persist::Record> events =
        s.records(3, 5, persist::kind_mask(persist::RecordKind::event));
    CHECK(events.size() == 2 && events[0].seq == 3 && events[1].payload == "append q");
    CHECK_EQ(s.records(2, 1).size(), 1u);
    CHECK(s.records(99).empty());

    CHECK_EQ(s.state_at(1), std::string(R"({"v":1,"n":0,"hist":""})"));
    CHECK_EQ(s.state_at(3), std::string(R"({"v":1,"n":3,"hist":""})"));
    CHECK_EQ(s.response_at(3), std::string("n=3"));
    CHECK_ERROR(s.state_at(0), PERSIST_EINVAL, "");
    CHECK_ERROR(s.state_at(99), PERSIST_EINVAL, "");
    CHECK_ERROR(s.response_at(1), PERSIST_EINVAL, "");

    std::vector<persist::SnapshotInfo> snaps = s.snapshots();
    CHECK(!snaps.empty() && snaps[0].seq == 1 && snaps[0].app_hash == hash &&
          snaps[0].state_len > 0);
    std::vector<persist::AppInfo> apps = s.apps();
    CHECK(apps.size() == 1 && apps[0].seq == 1 &&
          apps[0].kind == persist::RecordKind::deploy_init && apps[0].app_hash == hash &&
          apps[0].code_len == V1.size());
    CHECK(s.app_code(hash) == V1);
    CHECK_ERROR(s.app_code("zz"), PERSIST_EINVAL, "");
    CHECK_ERROR(s.app_code(std::string(64, '0')), PERSIST_ENOTFOUND, "");
    CHECK_ERROR(s.app_code(std::string("ab\0", 3)), PERSIST_EINVAL,
                "app hash must not contain NUL");

    persist::VerifyReport v = s.verify();
    CHECK(v.ok() && v.problems == 0 && v.records_checked == 4 && v.apps_checked == 1 &&
          v.message.empty());
    CHECK(s.verify(true).ok());

    s.revert(2);
    CHECK_EQ(s.state(), s.state_at(2));
    std::vector<persist::Record> reset = s.records(5);
    CHECK(reset.size() == 1 && reset[0].kind == persist::RecordKind::reset &&
          reset[0].source_seq == 2 && reset[0].app_hash == hash && reset[0].payload.has_value());
    CHECK_ERROR(s.revert(0), PERSIST_EINVAL, "");

    CHECK_ERROR(s.prune(0), PERSIST_ENOTFOUND, "");
    s.snapshot();
    persist::PruneReport p = s.prune(s.head());
    CHECK(p.kept_from == 5 && p.records_removed == 4 && p.bytes_before > 0);
    CHECK_ERROR(s.state_at(2), PERSIST_ENOTFOUND, "");

    std::string backup = fresh("backup");
    s.backup(backup);
    CHECK_ERROR(s.backup(backup), PERSIST_EEXISTS, "");
    {
        persist::Store b(backup, persist::Options().read_only());
        CHECK_EQ(b.head(), s.head());
    }
    std::string file = fresh("export.json");
    s.export_to(file);
    persist::Store imported(fresh("imported"));
    imported.import_from(file);
    CHECK_EQ(imported.state(), s.state());
    CHECK_ERROR(imported.import_from(file), PERSIST_EEXISTS, "");
    persist::Store other(fresh("other"));
    CHECK_ERROR(other.import_from(fresh("nothing.json")), PERSIST_ENOTFOUND, "");
    CHECK_ERROR(other.export_to(fresh("x.json")), PERSIST_ENOAPP, "");
    CHECK_ERROR(other.backup(std::string("a\0b", 3)), PERSIST_EINVAL, "path must not contain NUL");
}

// Flip a byte of every copy of `marker` in the store's data file.
static void corrupt(const std::string &store, const std::string &marker)
{
    std::string data = read_file(store + "/data.mdb");
    for (size_t at = data.find(marker); at != std::string::npos; at = data.find(marker, at + 1))
        data[at + 6] ^= 1;
    write_file(store + "/data.mdb", data);
}

static void test_damaged_stores()
{
    std::string path = fresh("store");
    deployed(path, {"add 2", "append CORRUPTIONMARKER0123456789", "add 4"},
             persist::Options().snapshot_every(1000000));
    corrupt(path, "CORRUPTIONMARKER0123456789");
    CHECK_ERROR(persist::Store{path}, PERSIST_ECORRUPT, "record 3");
    {
        persist::Store s(path, persist::Options().no_restore());
        persist::VerifyReport v = s.verify();
        CHECK(!v.ok() && v.status == PERSIST_ECORRUPT && v.problems >= 1 &&
              v.first_problem_seq == 3 && v.message.find("record 3") != std::string::npos);
    }
    {
        // The app cannot serialize a state it made: the report carries the app's status (1.2.1).
        persist::Store s(fresh("poisoned"));
        s.deploy("var app = { init: function () { return { n: 0, p: false }; },"
                 " update: function (e, s) { var n = { n: s.n + 1, p: s.p || e === 'poison' };"
                 " return [n, 'n=' + n.n]; },"
                 " serialize: function (s) { if (s.p) throw new Error('POISONED');"
                 " return JSON.stringify(s); },"
                 " deserialize: function (t) { return JSON.parse(t); } };");
        (void)s.submit("add");
        (void)s.submit("poison");
        persist::VerifyReport v = s.verify();
        CHECK(!v.ok() && v.status == PERSIST_ESCRIPT && v.problems == 1 &&
              v.first_problem_seq == 3 &&
              v.message.find("the app fails on the state at record 3") != std::string::npos);
    }
    std::string old = fresh("old");
    deployed(old, {});
    std::string data = read_file(old + "/data.mdb");
    const std::string v1("format\0\0\0\x01", 10), v3("format\0\0\0\x03", 10);
    size_t at = data.find(v1);
    CHECK(at != std::string::npos && data.find(v1, at + 1) == std::string::npos);
    if (at != std::string::npos) {
        data.replace(at, v1.size(), v3); // 2 is 1.1's own format: 3 is newer
        write_file(old + "/data.mdb", data);
        CHECK_ERROR(persist::Store{old}, PERSIST_EVERSION, "newer");
    }
}

static void test_moves()
{
    std::string path = fresh("store");
    persist::Store a = deployed(path, {"add 1"});
    persist::Store b(std::move(a));
    CHECK(!a.is_open() && !a && a.native_handle() == nullptr);
    CHECK(b.is_open() && static_cast<bool>(b) && b.native_handle() != nullptr);
    CHECK_ERROR(a.submit("add 1"), PERSIST_EMISUSE, "moved from");
    CHECK_ERROR(a.head(), PERSIST_EMISUSE, "moved from");
    CHECK_ERROR(a.close(), PERSIST_EMISUSE, "moved from");
    CHECK_EQ(b.submit("add 1"), std::string("n=2"));

    // Assignment closes the target's store (it can be opened again) and takes the source's.
    std::string other = fresh("other");
    persist::Store c = deployed(other, {"add 5"});
    c = std::move(b);
    CHECK_ERROR(b.state(), PERSIST_EMISUSE, "moved from");
    CHECK_EQ(c.submit("get"), std::string("n=2 hist="));
    {
        persist::Store reopened(other);
        CHECK_EQ(reopened.submit("get"), std::string("n=5 hist="));
    }
    a = std::move(c); // a moved-from Store can be assigned to
    CHECK_EQ(a.head(), 3u);

    std::vector<persist::Store> stores;
    stores.push_back(std::move(a));
    for (int i = 0; i < 4; i++)
        stores.emplace_back(fresh("many"));
    CHECK_EQ(stores[0].head(), 3u); // still the same handle after the vector grew

    stores[0].close();
    stores[0].close(); // idempotent
    CHECK(!stores[0].is_open());
    CHECK_ERROR(stores[0].submit("add 1"), PERSIST_EMISUSE, "closed");
    persist::Store back(path); // the handle was released
    CHECK_EQ(back.head(), 3u);

    // native_handle() works with the C API directly.
    uint64_t head = 0;
    CHECK_EQ(persist_store_head(back.native_handle(), &head), static_cast<int>(PERSIST_OK));
    CHECK_EQ(head, 3u);
    // A moved-from Store is destroyed when this function returns.
    persist::Store gone(std::move(back));
}

struct CallbackError : std::exception {
    const char *what() const noexcept override
    {
        return "callback error";
    }
};

// Submits `event` with `throw_now` set: the callback's CallbackError comes out of the call, not a
// persist::Error, and the event is committed anyway (the head is `head` after it).
static void check_rethrown(persist::Store &s, bool &throw_now, const char *event, uint64_t head)
{
    bool caught = false;
    throw_now = true;
    try {
        s.submit(event);
    } catch (const CallbackError &) {
        caught = true;
    } catch (...) {
    }
    throw_now = false;
    CHECK(caught);
    CHECK_EQ(s.head(), head);
}

static void test_log_callback()
{
    std::vector<std::pair<persist::LogLevel, std::string>> seen;
    std::vector<persist_status> misuse;
    persist::Store *self = nullptr;
    bool throw_now = false;
    persist::Store s(fresh("store"), persist::Options().on_log([&](persist::LogLevel level,
                                                                   std::string_view message) {
        seen.emplace_back(level, std::string(message));
        if (throw_now)
            throw CallbackError();
        if (self == nullptr)
            return;
        try {
            self->head();
        } catch (const persist::Error &e) {
            if (e.message().find("re-entrant") != std::string::npos)
                misuse.push_back(e.code());
        }
        try {
            self->close();
        } catch (const persist::Error &e) {
            misuse.push_back(e.code());
        }
    }));
    self = &s;
    s.deploy(fixture("bad_console.js"));
    seen.clear();
    CHECK_EQ(s.submit("add 2"), std::string("n=2"));
    CHECK(!seen.empty() && seen[0].first == persist::LogLevel::info &&
          seen[0].second.find("bad_console update add 2") != std::string::npos);
    CHECK(misuse.size() == 2 && misuse[0] == PERSIST_EMISUSE && misuse[1] == PERSIST_EMISUSE);
    CHECK_EQ(s.submit("warn careful"), std::string("warned"));
    CHECK(seen.back().first == persist::LogLevel::warn &&
          seen.back().second.find("careful") != std::string::npos);

    // A throwing callback: the call finishes (the event is committed), then its exception is
    // rethrown, not a persist::Error; the store goes on working.
    self = nullptr;
    check_rethrown(s, throw_now, "add 3", 3);
    CHECK_EQ(s.submit("add 1"), std::string("n=6"));

    // Another store may be called from a callback.
    persist::Store other = deployed(fresh("other"), {});
    std::string from_other;
    persist::Store logger(fresh("logger"),
                          persist::Options().on_log([&](persist::LogLevel, std::string_view) {
                              from_other = other.submit("add 1");
                          }));
    logger.deploy(fixture("bad_console.js"));
    logger.submit("add 1");
    CHECK_EQ(from_other, std::string("n=1"));
}

// on_app_log: the app's console output goes there, the library's messages to on_log.
static void test_app_log_callback()
{
    using Line = std::pair<persist::LogLevel, std::string>;
    std::string path = fresh("store");
    {
        persist::Store s(path, persist::Options().snapshot_every(1000000));
        s.deploy(fixture("sandbox.js"));
        for (int i = 0; i < 3; i++)
            CHECK_EQ(s.submit("log"), std::string("logged"));
    }
    std::vector<Line> lib, app;
    {
        // The reopen replays 3 records past a policy of 2, so it writes a snapshot and says so.
        persist::Store s(path, persist::Options()
                                   .snapshot_every(2)
                                   .on_log([&](persist::LogLevel level, std::string_view m) {
                                       lib.emplace_back(level, std::string(m));
                                   })
                                   .on_app_log([&](persist::LogLevel level, std::string_view m) {
                                       app.emplace_back(level, std::string(m));
                                   }));
        CHECK_EQ(s.submit("log"), std::string("logged"));
    }
    bool written = false;
    for (const Line &l : lib) {
        written = written || l.second.find("written at open") != std::string::npos;
        CHECK(l.second != "careful" && l.second != "bad");
    }
    CHECK(written);
    // 3 replayed events and the new one, each logging info, warn and error.
    const Line want[3] = {{persist::LogLevel::info, "hello 42 [object Object]"},
                          {persist::LogLevel::warn, "careful"},
                          {persist::LogLevel::error, "bad"}};
    CHECK_EQ(app.size(), size_t{12});
    for (size_t i = 0; i < app.size(); i++)
        CHECK(app[i] == want[i % 3]);

    // on_app_log alone; one that throws: the call finishes, then the exception is rethrown and
    // the store goes on working, as with on_log.
    app.clear();
    bool throw_now = false;
    persist::Store s(fresh("alone"), persist::Options().on_app_log(
                                         [&](persist::LogLevel level, std::string_view m) {
                                             app.emplace_back(level, std::string(m));
                                             if (throw_now)
                                                 throw CallbackError();
                                         }));
    s.deploy(fixture("sandbox.js"));
    CHECK_EQ(s.submit("log"), std::string("logged"));
    CHECK(app.size() == 3 && app[1] == want[1]);
    check_rethrown(s, throw_now, "log", 3);
    CHECK_EQ(s.submit("log"), std::string("logged"));
}

static void test_progress_callback()
{
    std::string path = fresh("store");
    deployed(path, {"add 1", "add 2", "add 3"}, persist::Options().snapshot_every(1000000));

    std::vector<std::pair<uint64_t, uint64_t>> steps;
    {
        persist::Store s(path, persist::Options().on_progress([&](uint64_t done, uint64_t total) {
            steps.emplace_back(done, total);
            return true;
        }));
        CHECK(!steps.empty()); // the restore at open reports progress
        steps.clear();
        CHECK_EQ(s.state_at(4), std::string(R"({"v":1,"n":6,"hist":""})"));
        CHECK(!steps.empty() && steps.back().first <= steps.back().second);
    }
    CHECK_ERROR(persist::Store(
                    path, persist::Options().on_progress([](uint64_t, uint64_t) { return false; })),
                PERSIST_ECANCELED, "");

    int calls = 0;
    bool stop = false, fail = false;
    persist::Store s(path, persist::Options().on_progress([&](uint64_t, uint64_t) {
        calls++;
        if (fail)
            throw CallbackError();
        return !stop;
    }));
    stop = true;
    CHECK_ERROR(s.restore(), PERSIST_ECANCELED, "");
    CHECK_ERROR(s.state_at(2), PERSIST_ECANCELED, "");
    stop = false;
    fail = true;
    calls = 0;
    bool caught = false;
    try {
        persist::VerifyReport v = s.verify(true);
        (void)v;
    } catch (const CallbackError &) {
        caught = true;
    } catch (...) {
    }
    CHECK(caught);
    CHECK_EQ(calls, 1); // cancelled at the first report; no further calls
    fail = false;
    CHECK_EQ(s.submit("add 4"), std::string("n=10")); // nothing was changed, the store works

    // A callback that throws during the open: the exception, and the store is closed again.
    s.close();
    caught = false;
    try {
        persist::Store t(path, persist::Options().on_progress(
                                   [](uint64_t, uint64_t) -> bool { throw CallbackError(); }));
    } catch (const CallbackError &) {
        caught = true;
    } catch (...) {
    }
    CHECK(caught);
    persist::Store again(path);
    CHECK_EQ(again.head(), 5u);
}

static void test_threads()
{
    persist::Store s = deployed(fresh("store"), {});
    std::atomic<int> bad_messages{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; t++) {
        threads.emplace_back([&s, &bad_messages, t] {
            for (int i = 0; i < 25; i++) {
                if (t % 2 == 0) {
                    s.submit("add 1");
                    continue;
                }
                try {
                    s.submit("throw");
                } catch (const persist::Error &e) {
                    if (e.code() != PERSIST_ESCRIPT ||
                        e.message().find("boom: the app refused throw") == std::string::npos)
                        bad_messages++;
                }
            }
        });
    }
    for (std::thread &t : threads)
        t.join();
    CHECK_EQ(bad_messages.load(), 0);
    CHECK_EQ(s.head(), 51u);
    CHECK_EQ(s.submit("get"), std::string("n=50 hist="));
}

// Every function persist.h declares is called by persist.hpp (outside comments).
static void test_every_function_is_wrapped()
{
    std::string header = read_file("include/persist.h");
    std::string hpp = read_file("include/persist.hpp");
    std::set<std::string> declared;
    std::regex decl(R"(PERSIST_API[^;(]*\b(persist_[a-z_]+)\()");
    for (auto it = std::sregex_iterator(header.begin(), header.end(), decl);
         it != std::sregex_iterator(); ++it)
        declared.insert((*it)[1]);
    // The header's list is the library's export list.
    std::istringstream symbols(read_file("tests/abi/libpersist.symbols"));
    std::set<std::string> exported;
    for (std::string line; std::getline(symbols, line);)
        if (!line.empty())
            exported.insert(line);
    CHECK(declared == exported);
    CHECK(declared.count("persist_store_submit_events") == 1 && declared.size() >= 40);
    std::string code =
        std::regex_replace(hpp, std::regex(R"(/\*[^*]*\*+([^/*][^*]*\*+)*/|//[^\n]*)"), " ");
    for (const std::string &name : declared) {
        bool called = false;
        for (size_t at = code.find(name); at != std::string::npos && !called;
             at = code.find(name, at + 1)) {
            char next = at + name.size() < code.size() ? code[at + name.size()] : '\0';
            called = next == '(' || next == ',' || next == ')';
        }
        report(called, "persist.hpp calls every function of persist.h", __LINE__, name);
    }
}

static std::string self_exe;

// Runs this program again as `self --write DIR EVENT` (a writer in another process); its output.
static std::string write_in_child(const std::string &dir, const char *event)
{
    std::string out = fresh("child-output");
    pid_t pid = fork();
    if (pid == 0) {
        if (std::freopen(out.c_str(), "w", stdout) != nullptr)
            execl(self_exe.c_str(), self_exe.c_str(), "--write", dir.c_str(), event,
                  (char *)nullptr);
        _exit(127);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    return read_file(out);
}

static int child_write(const char *dir, const char *event)
{
    try {
        persist::Store w(dir);
        std::cout << w.submit(event) << "\n";
        return 0;
    } catch (const std::exception &e) {
        std::cout << e.what() << "\n";
        return 1;
    }
}

static void test_client_ids()
{
    std::string path = fresh("store");
    {
        persist::Store s = deployed(path, {});
        persist::EventResult r = s.submit_event({"add 5", "req-1"});
        CHECK(r.ok() && r.value() == "n=5" && r.seq == 2 && !r.duplicate);
        r = s.submit_event({"add 5", "req-1"}); // a retry: not applied again
        CHECK(r.ok() && r.response == "n=5" && r.seq == 2 && r.duplicate);
        // An id seen before, the same new id twice, no id, an unlogged event with an id.
        std::string owned = "req-2";
        std::vector<persist::EventResult> res = s.submit_events(
            {{"add 5", "req-1"}, {"add 1", owned}, {"append x"}, {"add 1", "req-2"}, {"get", "q"}});
        CHECK_EQ(res.size(), 5u);
        CHECK(res[0].ok() && res[0].response == "n=5" && res[0].seq == 2 && res[0].duplicate);
        CHECK(res[1].ok() && res[1].response == "n=6" && res[1].seq == 3 && !res[1].duplicate);
        CHECK(res[2].ok() && res[2].response == "hist=x" && res[2].seq == 4 && !res[2].duplicate);
        CHECK(res[3].ok() && res[3].response == "n=6" && res[3].seq == 3 && res[3].duplicate);
        CHECK(res[4].ok() && res[4].response == "n=6 hist=x" && res[4].seq == 0);
        CHECK_EQ(s.head(), 4u);
        // Each record's id (since 1.2): none for the deploy and for an event without one.
        CHECK(!s.client_id_at(1) && s.client_id_at(2) == "req-1" && s.client_id_at(3) == "req-2");
        CHECK(!s.client_id_at(4));
        CHECK_ERROR(s.client_id_at(5), PERSIST_EINVAL, "does not exist");
        CHECK(!s.submit_event({"add 1", "q"}).duplicate); // an unlogged event's id is not kept
        CHECK(s.submit_events({}).empty());

        // An event whose update fails: its status in its result, the next one goes on.
        res = s.submit_events({{"throw", "t-1"}, {"badresp"}, {"add 2", "t-3"}});
        CHECK(res[0].status == PERSIST_ESCRIPT && res[0].response.empty() && res[0].seq == 0);
        CHECK(res[1].status == PERSIST_ECONTRACT && res[2].ok() && res[2].response == "n=9");
        CHECK_ERROR(res[0].value(), PERSIST_ESCRIPT, "");
        // A single event's failure carries the library's message; submit_event throws it.
        res = s.submit_events({{"throw", "t-4"}});
        CHECK(res.size() == 1 && res[0].status == PERSIST_ESCRIPT);
        CHECK_ERROR(res[0].value(), PERSIST_ESCRIPT, "boom: the app refused throw");
        CHECK_ERROR(s.submit_event({"throw", "t-5"}), PERSIST_ESCRIPT, "boom: the app refused");
        CHECK(!s.submit_event({"add 1", "t-1"}).duplicate); // a failed event's id is not kept
        // The call fails as a whole: nothing is applied.
        CHECK_ERROR(s.submit_events({{"add 1", std::string(257, 'x')}}), PERSIST_EINVAL,
                    "a client id has 1 to 256 bytes, not 257");
        CHECK_ERROR(s.submit_events({{"add 1"}, {"add 1", "\xff"}}), PERSIST_EINVAL,
                    "events[1]: the client id is not valid UTF-8");
        CHECK_EQ(s.head(), 7u);
    }
    {
        persist::Store again(path); // after a restart too
        persist::EventResult r = again.submit_event({"add 100", "req-2"});
        CHECK(r.duplicate && r.response == "n=6" && r.seq == 3);
        CHECK_EQ(again.head(), 7u);
    }
    // Record times: the given one, or one microsecond after the previous record's.
    persist::Store timed = deployed(fresh("timed"), {});
    const uint64_t later = 4000000000000000ull;
    timed.submit_events({{"add 1", {}, later}, {"add 1", {}, 1000}, {"add 1", "t", later + 10}});
    std::vector<persist::Record> recs = timed.records(2);
    CHECK(recs.size() == 3 && recs[0].time_us == later && recs[1].time_us == later + 1 &&
          recs[2].time_us == later + 10);
    persist::Store empty(fresh("empty"));
    CHECK_ERROR(empty.submit_events({{"add 1", "a"}}), PERSIST_ENOAPP, "deploy");

    // Retention: by count, then by age (seconds of record time).
    persist::Options keep3 =
        persist::Options().client_id_keep(3).client_id_keep_s(persist::no_limit);
    CHECK(keep3.c_options().client_id_keep == 3 &&
          keep3.c_options().client_id_keep_s == PERSIST_NO_LIMIT);
    persist::Store counted = deployed(fresh("counted"), {}, keep3);
    for (const char *id : {"id-1", "id-2", "id-3", "id-4", "id-5"})
        counted.submit_event({"add 1", id});
    std::vector<persist::EventResult> res =
        counted.submit_events({{"add 1", "id-2"}, {"add 1", "id-5"}});
    CHECK(!res[0].duplicate && res[1].duplicate);
    persist::Store aged =
        deployed(fresh("aged"), {},
                 persist::Options().client_id_keep(persist::no_limit).client_id_keep_s(10));
    const uint64_t t0 = 4000000000000000ull, s1 = 1000000;
    aged.submit_event({"add 1", "old", t0});
    aged.submit_event({"add 1", "new", t0 + 30 * s1});
    CHECK(!aged.submit_event({"add 1", "old", t0 + 31 * s1}).duplicate);
    CHECK(aged.submit_event({"add 1", "new", t0 + 32 * s1}).duplicate);
}

static void test_queries()
{
    std::string path = fresh("store");
    {
        persist::Store s = deployed(path, {"add 4"});
        CHECK_EQ(s.query("get"), std::string("n=4 hist="));
        CHECK_ERROR(s.query("add 1"), PERSIST_ENOTQUERY,
                    "the app's update changed the state, so this event is no query");
        CHECK_EQ(s.state(), std::string(R"({"v":1,"n":4,"hist":""})"));
        CHECK_EQ(s.head(), 2u);
        CHECK_ERROR(s.query("throw"), PERSIST_ESCRIPT, "boom");
        s.refresh(); // nothing to do on a writer
        CHECK_EQ(s.query("get"), std::string("n=4 hist="));
    }
    // A read-only Store answers queries and catches up with refresh() after another process wrote.
    persist::Store r(path, persist::Options().read_only());
    CHECK_EQ(r.query("get"), std::string("n=4 hist="));
    CHECK_EQ(write_in_child(path, "add 10"), std::string("n=14\n"));
    CHECK_EQ(r.query("get"), std::string("n=4 hist="));
    r.refresh();
    CHECK_EQ(r.query("get"), std::string("n=14 hist="));
    CHECK_ERROR(r.promote(), PERSIST_EREADONLY, "read-only");
}

// A follower of `leader` in a new directory, from its bootstrap package.
static persist::Store follower_of(persist::Store &leader)
{
    std::pair<std::string, uint64_t> pkg = leader.export_bootstrap();
    CHECK(pkg.first.compare(0, 5, "PSYNC") == 0);
    persist::Store f(fresh("follower"));
    CHECK_EQ(f.apply(pkg.first), pkg.second);
    CHECK_EQ(f.head(), pkg.second);
    return f;
}

// Everything after the follower's head, in batches of at most max_bytes; how many batches.
static int ship(persist::Store &leader, persist::Store &follower, uint64_t max_bytes = 0)
{
    int batches = 0;
    uint64_t after = follower.head();
    while (std::optional<std::pair<std::string, uint64_t>> b =
               leader.export_records(after, max_bytes)) {
        CHECK_EQ(follower.apply(b->first), b->second);
        after = b->second;
        batches++;
    }
    CHECK_EQ(follower.head(), leader.head());
    return batches;
}

static std::string batch_after(persist::Store &s, uint64_t after)
{
    std::optional<std::pair<std::string, uint64_t>> b = s.export_records(after);
    CHECK(b.has_value());
    return b ? b->first : std::string();
}

static void test_followers()
{
    persist::Store leader =
        deployed(fresh("leader"), {"add 3"}, persist::Options().snapshot_every(5));
    persist::Store f = follower_of(leader); // from the newest snapshot: after the deploy
    CHECK_EQ(f.head(), 1u);
    CHECK_EQ(ship(leader, f), 1);
    CHECK_EQ(f.state(), leader.state());
    persist::SyncInfo li = leader.sync_info(), fi = f.sync_info();
    CHECK(li.store_id.size() == 32 && li.store_id == fi.store_id && !li.follower && fi.follower);
    CHECK(li.head == 2 && li.first == 1 && fi.head == 2 && fi.snapshot_seq == f.snapshot_seq());
    CHECK(!leader.export_records(leader.head()).has_value());
    for (int i = 0; i < 12; i++)
        leader.submit(i % 2 ? "append x" : "add 2");
    leader.deploy(fixture("testapp_v2.js"), persist::DeployMode::migrate);
    leader.submit("tag hello");
    leader.set_state(R"({"v":2,"n":7,"hist":"h","tag":"set"})");
    leader.submit("add 1");
    CHECK(ship(leader, f, 200) > 5); // small batches: one record each
    CHECK_EQ(f.state(), leader.state());
    leader.revert(5);
    leader.deploy(V1);
    leader.submit("add 9");
    ship(leader, f);
    CHECK_EQ(f.state(), leader.state());
    CHECK(f.verify(true).ok());
    // A follower answers queries and refuses writes.
    CHECK_EQ(f.query("get"), std::string("n=9 hist="));
    CHECK_ERROR(f.submit("add 1"), PERSIST_EFOLLOWER, "takes its records from its leader");
    CHECK_ERROR(f.submit_events({{"add 1", "a"}, {"add 2"}}), PERSIST_EFOLLOWER, "promote");
    CHECK_ERROR(f.set_state("{}"), PERSIST_EFOLLOWER, "");
    // Applying a batch twice changes nothing.
    leader.submit("add 1");
    std::string b = batch_after(leader, f.head());
    uint64_t head = f.apply(b);
    CHECK(head == leader.head() && f.apply(b) == head && f.state() == leader.state());

    CHECK_ERROR(leader.export_records(leader.head() + 1), PERSIST_EINVAL, "after the head");
    persist::Store empty(fresh("empty"));
    CHECK_ERROR(empty.export_bootstrap(), PERSIST_ENOTFOUND, "no snapshot");
    leader.snapshot();
    leader.prune(leader.head());
    CHECK_ERROR(leader.export_records(1), PERSIST_ENOTFOUND, "");
}

static void test_wrong_batches()
{
    std::string lpath = fresh("leader");
    std::string backup = fresh("backup");
    std::optional<persist::Store> leader(deployed(lpath, {"add 1"}));
    leader->backup(backup); // the leader as it is now: 2 records
    persist::Store f = follower_of(*leader);
    ship(*leader, f);
    leader->submit("add 1");
    std::string b3 = batch_after(*leader, 2);
    leader->submit("add 1");
    std::string b4 = batch_after(*leader, 3);
    CHECK_EQ(f.apply(b3), 3u);
    std::string before = f.state();

    leader->submit("add 1");
    CHECK_ERROR(f.apply(batch_after(*leader, 4)), PERSIST_EGAP,
                "the sync batch follows record 4 but this store ends at 3");
    std::string damaged = b4;
    damaged[damaged.size() / 2] ^= 1;
    CHECK_ERROR(f.apply(damaged), PERSIST_ECORRUPT, "damaged");
    CHECK_ERROR(f.apply("PSYNC"), PERSIST_ECORRUPT, "");
    CHECK_ERROR(f.apply(std::string_view()), PERSIST_ECORRUPT, "");
    persist::Store other = deployed(fresh("other"), {"add 1", "add 1", "add 1"});
    CHECK_ERROR(f.apply(batch_after(other, 2)), PERSIST_EFOREIGN,
                "the sync batch comes from another store");
    CHECK_ERROR(f.apply(leader->export_bootstrap().first), PERSIST_EEXISTS,
                "the store has records");
    // Forked: the leader restored from the backup, then written differently.
    leader.reset();
    remove_tree(lpath);
    persist::Store restored(backup);
    restored.submit("mul 7");
    restored.submit("mul 7");
    CHECK_ERROR(f.apply(batch_after(restored, 2)), PERSIST_EFORKED, "forked");
    CHECK_ERROR(f.apply(batch_after(restored, 3)), PERSIST_EFORKED, "forked");
    // None of that changed the follower; the right batch still applies.
    CHECK(f.state() == before && f.head() == 3);
    CHECK_EQ(f.apply(b4), 4u);
}

static void test_promote()
{
    persist::Store leader = deployed(fresh("leader"), {});
    leader.submit_event({"add 10", "order-1"});
    persist::Store f = follower_of(leader), g = follower_of(leader);
    leader.submit_event({"add 5", "order-2"});
    ship(leader, f);
    ship(leader, g);
    // The leader acknowledges an event it never ships, then goes away.
    leader.submit_event({"add 1000", "order-3"});
    f.promote();
    f.promote(); // nothing happens on a writer
    CHECK(!f.sync_info().follower && f.sync_info().store_id == leader.sync_info().store_id);
    // The promoted follower continues the sequence and knows the ids it was shipped.
    std::vector<persist::EventResult> res =
        f.submit_events({{"add 5", "order-2"}, {"add 1", "order-4"}});
    CHECK(res[0].duplicate && res[0].response == "n=15" && res[0].seq == 3);
    CHECK(!res[1].duplicate && res[1].response == "n=16" && res[1].seq == 4);
    ship(f, g);
    CHECK_EQ(g.state(), f.state());
    // The old leader is a fork now: its batches are refused by the new leader's follower.
    CHECK_ERROR(g.apply(batch_after(leader, 3)), PERSIST_EFORKED, "a promotion replaced");
    CHECK_ERROR(g.apply(batch_after(leader, 2)), PERSIST_EFORKED, "a promotion replaced");
    CHECK_EQ(g.state(), f.state());
}

int main(int argc, char **argv)
{
    if (argc == 4 && std::string(argv[1]) == "--write")
        return child_write(argv[2], argv[3]);
    self_exe = "/proc/self/exe";
    const char *base = std::getenv("TMPDIR");
    std::string pattern =
        std::string(base != nullptr && *base != '\0' ? base : "/tmp") + "/persist-hpp.XXXXXX";
    std::vector<char> buf(pattern.begin(), pattern.end());
    buf.push_back('\0');
    if (mkdtemp(buf.data()) == nullptr) {
        std::perror("mkdtemp");
        return 2;
    }
    tmp_root = buf.data();
    try {
        test_free_functions();
        test_open_errors();
        test_app_and_events();
        test_batch();
        test_options();
        test_history();
        test_damaged_stores();
        test_moves();
        test_log_callback();
        test_app_log_callback();
        test_progress_callback();
        test_threads();
        test_every_function_is_wrapped();
        test_client_ids();
        test_queries();
        test_followers();
        test_wrong_batches();
        test_promote();
    } catch (const std::exception &e) {
        std::cerr << "test_persist_hpp.cpp: unexpected exception: " << e.what() << "\n";
        failed++;
    }
    remove_tree(tmp_root);
    std::cout << "persist.hpp: " << passed << " passed, " << failed << " failed\n";
    return failed == 0 ? 0 : 1;
}
