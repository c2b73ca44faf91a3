/*
 * persist.hpp - header-only C++17 interface to libpersist (wraps every function of persist.h).
 *
 * Use: `#include <persist.hpp>`, compile as C++17 or later and link with libpersist as for the C
 * API (`c++ -std=c++17 app.cpp $(pkg-config --cflags --libs libpersist)`). Nothing here is part of
 * the library's ABI: the header only calls the C functions of persist.h, so a program built
 * against it keeps working with every later 1.y library.
 *
 *     persist::Store store("counter-store", persist::Options().snapshot_every(500));
 *     if (!store.app_hash())
 *         store.deploy(code);                      // std::string_view
 *     std::string response = store.submit("add 5"); // the event is on disk now
 *
 * The functions marked "since 1.1" (client ids, queries, followers) need a 1.1 library at run time:
 * a program that calls them does not start with a 1.0 one (their symbols are versioned
 * PERSIST_1.1); one that does not call them still runs with it.
 *
 * Conventions
 * - persist::Store owns one store handle. It is move-only; the destructor closes the handle. A
 *   moved-from Store may be destroyed or assigned to; any other use throws persist::Error with
 *   PERSIST_EMISUSE. close() closes early; later calls on that Store throw PERSIST_EMISUSE too.
 * - Every failure throws persist::Error (a std::runtime_error): code() is the persist_status and
 *   message() the store's message for that very call ("" where the library keeps none: the
 *   per-event results of submit_batch and of submit_events with several events, close). Checks
 *   made by this header (a text input with a NUL where the C API needs a C string, a moved-from
 *   or closed Store, a re-entrant call) throw persist::Error with PERSIST_EINVAL or
 *   PERSIST_EMISUSE and a message of their own.
 * - Text inputs are std::string_view (UTF-8; the library copies them). Results are std::string
 *   (or structs holding std::string): memory the library returns is copied and handed back to
 *   persist_free() before the call returns, also when something throws.
 * - version() and strerror() return std::string_view on the library's static strings (valid for
 *   the life of the process; nothing to free).
 * - Callbacks (Options::on_log, Options::on_progress) are std::function. They run on the calling
 *   thread while the store is locked. An exception thrown by a callback never unwinds through the
 *   library's C frames: it is caught and stored, the library call finishes (a throwing progress
 *   callback also cancels the operation, as returning false does: nothing is changed), and the
 *   Store method then rethrows it, instead of any persist::Error of that call. Callbacks that
 * follow in the same call are not invoked any more.
 *
 * Threads (as persist.h)
 * - The free functions (version, strerror) are thread-safe.
 * - Any thread may call into a Store: each Store has a mutex held from the library call until its
 *   error message has been copied, so every persist::Error carries its own call's message.
 * - Moving, assigning, closing or destroying a Store must not race with other calls on it.
 * - A callback that calls into its own store gets persist::Error(PERSIST_EMISUSE) (detected here,
 *   instead of a deadlock); it must not move, assign or destroy that Store either.
 * - One open Store per store directory per process (a second one throws PERSIST_EBUSY); other
 *   processes may open it read-only while one process writes. Not usable in a child after fork().
 */
#ifndef PERSIST_HPP
#define PERSIST_HPP

#include <persist.h>

#include <cstddef>
#include <cstdint>
#include <exception>
#include <functional>
#include <initializer_list>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#if !defined(__cplusplus) ||                                                                       \
    (__cplusplus < 201703L && !(defined(_MSVC_LANG) && _MSVC_LANG >= 201703L))
#error "persist.hpp needs C++17 or later; older C++ code can use persist.h"
#endif

namespace persist
{

/** Version of the loaded library as major * 10000 + minor * 100 + patch. Thread: safe. */
inline uint32_t version_number() noexcept
{
    return persist_version_number();
}

/** Version of the loaded library, e.g. "1.0.0" (a static string). Thread: safe. */
inline std::string_view version() noexcept
{
    return persist_version_string();
}

/** The library's static description of a status code ("unknown status" for unknown codes). */
inline std::string_view strerror(int code) noexcept
{
    return persist_strerror(code);
}

/**
 * A failed libpersist call. code() is the status; message() the store's message for the call.
 * what() is "<strerror(code)>: <message>" (or only the description when the message is empty).
 */
class Error : public std::runtime_error
{
  public:
    Error(int code, std::string message)
        : std::runtime_error(describe(code, message)), code_(code), message_(std::move(message))
    {
    }
    /** The status. A code newer than this header is passed through unchanged. */
    persist_status code() const noexcept
    {
        return static_cast<persist_status>(code_);
    }
    const std::string &message() const noexcept
    {
        return message_;
    }

  private:
    static std::string describe(int code, const std::string &message)
    {
        std::string text(persist_strerror(code));
        return message.empty() ? text : text + ": " + message;
    }
    int code_;
    std::string message_;
};

enum class LogLevel : int {
    debug = PERSIST_LOG_DEBUG,
    info = PERSIST_LOG_INFO,
    warn = PERSIST_LOG_WARN,
    error = PERSIST_LOG_ERROR
};

enum class Durability : uint32_t {
    sync = PERSIST_DURABILITY_SYNC,      /* default: every commit is fsynced */
    relaxed = PERSIST_DURABILITY_RELAXED /* no fsync per commit; Store::flush() syncs */
};

enum class DeployMode : uint32_t {
    init = PERSIST_DEPLOY_INIT,      /* start from the new app's initial state */
    migrate = PERSIST_DEPLOY_MIGRATE /* migrate the current state with the new app */
};

/** Record kinds; a newer library may report values not listed here (keep them as numbers). */
enum class RecordKind : uint32_t {
    event = PERSIST_RECORD_EVENT,
    set_state = PERSIST_RECORD_SET_STATE,
    deploy_init = PERSIST_RECORD_DEPLOY_INIT,
    deploy_migrate = PERSIST_RECORD_DEPLOY_MIGRATE,
    reset = PERSIST_RECORD_RESET
};

/** The bit of `kind` in the `kinds` mask of Store::records(); combine with |. */
constexpr uint32_t kind_mask(RecordKind kind) noexcept
{
    return 1u << static_cast<uint32_t>(kind);
}

inline constexpr uint32_t no_limit_ms = PERSIST_NO_LIMIT_MS;       /* Options::js_budget_ms */
inline constexpr uint64_t no_limit_bytes = PERSIST_NO_LIMIT_BYTES; /* Options::js_memory_limit */
inline constexpr uint32_t no_limit = PERSIST_NO_LIMIT; /* Options::client_id_keep(_s) (1.1) */

/** Receives the app's console output and library messages (the view is valid for the call). */
using LogFn = std::function<void(LogLevel level, std::string_view message)>;
/** Progress of a long operation: `done` of `total` steps (0 = unknown); return false to cancel. */
using ProgressFn = std::function<bool(uint64_t done, uint64_t total)>;

/**
 * Options for Store: a builder over persist_options (initialized with persist_options_init, so
 * every setting left alone is the library's default).
 *     persist::Options().read_only().on_log([](persist::LogLevel, std::string_view m) { ... })
 */
class Options
{
  public:
    Options() noexcept
    {
        persist_options_init(&c_, sizeof c_);
    }
    /** Inspection handle: no writes; works while another process writes. */
    Options &read_only(bool on = true) noexcept
    {
        return flag(PERSIST_OPEN_READONLY, on);
    }
    /** Throw PERSIST_ENOTFOUND instead of creating a missing store. */
    Options &no_create(bool on = true) noexcept
    {
        return flag(PERSIST_OPEN_NO_CREATE, on);
    }
    /** Do not restore the live app (inspect or repair a store whose restore fails). */
    Options &no_restore(bool on = true) noexcept
    {
        return flag(PERSIST_OPEN_NO_RESTORE, on);
    }
    /** Also log events whose update returned the identical state. */
    Options &log_all_events(bool on = true) noexcept
    {
        return flag(PERSIST_LOG_ALL_EVENTS, on);
    }
    /** Initial LMDB map size in bytes (grows when full); 0 = 64 MiB. */
    Options &map_size(uint64_t bytes) noexcept
    {
        return set(&persist_options::map_size, bytes);
    }
    /** Snapshot after this many records; 0 = 1000. */
    Options &snapshot_every(uint32_t records) noexcept
    {
        return set(&persist_options::snapshot_every, records);
    }
    /** Also snapshot when the estimated replay time exceeds this; 0 = off. */
    Options &snapshot_budget_ms(uint32_t ms) noexcept
    {
        return set(&persist_options::snapshot_budget_ms, ms);
    }
    Options &durability(Durability mode) noexcept
    {
        return set(&persist_options::durability, static_cast<uint32_t>(mode));
    }
    /** Time per call into the app; 0 = 10000; no_limit_ms for none. */
    Options &js_budget_ms(uint32_t ms) noexcept
    {
        return set(&persist_options::js_budget_ms, ms);
    }
    /** Bytes per app heap; 0 = 512 MiB; no_limit_bytes for none. */
    Options &js_memory_limit(uint64_t bytes) noexcept
    {
        return set(&persist_options::js_memory_limit, bytes);
    }
    /** How many client ids (Event::client_id) are remembered; 0 = 100000; no_limit. Since 1.1. */
    Options &client_id_keep(uint32_t ids) noexcept
    {
        return set(&persist_options::client_id_keep, ids);
    }
    /** For how many seconds of record time a client id is remembered; 0 = 86400; no_limit. A
     * forgotten id is applied again if it comes back. Since 1.1. */
    Options &client_id_keep_s(uint32_t seconds) noexcept
    {
        return set(&persist_options::client_id_keep_s, seconds);
    }
    Options &on_log(LogFn fn)
    {
        log_ = std::move(fn);
        return *this;
    }
    /** The app's console output goes to `fn` instead of to on_log's function, which then gets
     * only the library's own messages (sets PERSIST_LOG_TAG_APP). Since 1.1. */
    Options &on_app_log(LogFn fn)
    {
        app_log_ = std::move(fn);
        return flag(PERSIST_LOG_TAG_APP, static_cast<bool>(app_log_));
    }
    Options &on_progress(ProgressFn fn)
    {
        progress_ = std::move(fn);
        return *this;
    }
    /** The C options (without the callbacks, which Store installs itself). */
    const persist_options &c_options() const noexcept
    {
        return c_;
    }
    const LogFn &log() const noexcept
    {
        return log_;
    }
    const LogFn &app_log() const noexcept
    {
        return app_log_;
    }
    const ProgressFn &progress() const noexcept
    {
        return progress_;
    }

  private:
    template <class T> Options &set(T persist_options::*field, T value) noexcept
    {
        c_.*field = value;
        return *this;
    }
    Options &flag(uint32_t bit, bool on) noexcept
    {
        return set(&persist_options::flags, on ? (c_.flags | bit) : (c_.flags & ~bit));
    }
    persist_options c_;
    LogFn log_;
    LogFn app_log_;
    ProgressFn progress_;
};

/** One event's outcome in Store::submit_batch(). */
struct BatchResult {
    persist_status status = PERSIST_OK; /* PERSIST_OK or the event's error */
    std::string response;               /* the app's response when ok() */
    std::string message; /* the event's error message; "" where the C API keeps none (batches) */
    bool ok() const noexcept
    {
        return status == PERSIST_OK;
    }
    /** The response; throws Error(status, message). */
    const std::string &value() const
    {
        if (!ok())
            throw Error(status, message);
        return response;
    }
};

/**
 * One event of Store::submit_events() (persist_event's inputs, since 1.1). The views must stay
 * valid during the call; the library copies what it keeps.
 *     store.submit_events({{"add 1", "req-1"}, {"add 2"}, {"tick", {}, time_us}})
 */
struct Event {
    Event(std::string_view text = {}, std::string_view id = {}, uint64_t time = 0) noexcept
        : event(text), client_id(id), time_us(time)
    {
    }
    std::string_view event;
    std::string_view client_id; /* "" = none; else 1 to 256 bytes of UTF-8 the client chose */
    uint64_t time_us = 0;       /* the record's time, microseconds since the epoch; 0 = now */
};

/**
 * One event's outcome in Store::submit_events(): a BatchResult with the event's record (a
 * duplicate's is the first one's; 0 when it was not logged) and whether its client id was applied
 * before (then nothing was applied again and the response is the first one's).
 */
struct EventResult : BatchResult {
    uint64_t seq = 0;
    bool duplicate = false;
};

/** The store's identity and position (persist_sync_info, since 1.1). */
struct SyncInfo {
    bool follower = false;     /* takes its records from a leader (Store::apply) */
    uint64_t head = 0;         /* newest record */
    uint64_t first = 0;        /* oldest record stored (older ones were pruned); 0 when empty */
    uint64_t snapshot_seq = 0; /* newest snapshot */
    std::string store_id;      /* 32 lowercase hex digits, shared by a leader and its followers */
};

/** A log record (persist_record) with owned strings. */
struct Record {
    uint64_t seq = 0;
    uint64_t time_us = 0;    /* microseconds since the Unix epoch (UTC) */
    uint64_t source_seq = 0; /* RESET made by a revert: the record reverted to */
    RecordKind kind = RecordKind::event;
    std::optional<std::string> payload; /* event or state text; none for deploys */
    std::string module;                 /* deploys and RESET ("" = the default) */
    std::string app_hash;               /* deploys and RESET; else "" */
};

struct SnapshotInfo {
    uint64_t seq = 0; /* the record it follows */
    uint64_t time_us = 0;
    uint64_t state_len = 0;
    std::string app_hash;
};

struct AppInfo {
    uint64_t seq = 0; /* the deploy or RESET record */
    uint64_t code_len = 0;
    RecordKind kind = RecordKind::deploy_init;
    std::string app_hash;
};

/** What Store::verify() checked and found. */
struct VerifyReport {
    /* PERSIST_OK; PERSIST_ECORRUPT when problems were found; the app's code (PERSIST_ESCRIPT,
     * PERSIST_ETIMEOUT, ...) when they all are the app failing on what verify checks */
    persist_status status = PERSIST_OK;
    std::string message; /* the store's message naming the first problem */
    uint32_t problems = 0;
    uint64_t records_checked = 0;
    uint64_t snapshots_checked = 0;
    uint64_t apps_checked = 0;
    uint64_t first_problem_seq = 0;
    bool ok() const noexcept
    {
        return status == PERSIST_OK;
    }
};

/** What Store::prune() removed. */
struct PruneReport {
    bool compacted = false;
    uint64_t kept_from = 0;
    uint64_t records_removed = 0;
    uint64_t snapshots_removed = 0;
    uint64_t apps_removed = 0;
    uint64_t bytes_before = 0;
    uint64_t bytes_after = 0;
};

namespace detail
{

/* An out-parameter for memory the library allocates: persist_free()d when it goes out of scope. */
template <class T> class Owned
{
  public:
    Owned() noexcept = default;
    Owned(const Owned &) = delete;
    Owned &operator=(const Owned &) = delete;
    ~Owned()
    {
        persist_free(p_);
    }
    T **out() noexcept
    {
        return &p_;
    }
    T *get() const noexcept
    {
        return p_;
    }

  private:
    T *p_ = nullptr;
};

/* The responses the library put into batch items or events, freed when this goes out of scope. */
template <class Item> class Responses
{
  public:
    explicit Responses(std::vector<Item> &items) noexcept : items_(items) {}
    Responses(const Responses &) = delete;
    Responses &operator=(const Responses &) = delete;
    ~Responses()
    {
        for (Item &item : items_)
            persist_free(item.response);
    }

  private:
    std::vector<Item> &items_;
};

/* The failures of one event's own update (the app threw or broke its contract), which
 * submit_events reports per event as submit_batch does. With one event the library returns that
 * event's failure as the call's, with the same status in the event as a whole-call failure would
 * leave there, so the status is what tells them apart. */
inline bool event_failure(int rc) noexcept
{
    return rc == PERSIST_ESCRIPT || rc == PERSIST_ECONTRACT;
}

/* A pointer the library accepts for `s` (never NULL, also for an empty view). */
inline const char *data(std::string_view s) noexcept
{
    return s.data() != nullptr ? s.data() : "";
}

inline std::string copy(const char *p, size_t len)
{
    return p != nullptr ? std::string(p, len) : std::string();
}

/* A NUL-terminated copy of `s` for the C API, which takes these texts as C strings. */
inline std::string c_string(std::string_view s, const char *what)
{
    if (s.find('\0') != std::string_view::npos)
        throw Error(PERSIST_EINVAL, std::string(what) + " must not contain NUL");
    return std::string(s);
}

inline std::string errmsg(persist_store *s)
{
    std::string buf(256, '\0');
    size_t n = persist_store_errmsg(s, buf.data(), buf.size());
    if (n >= buf.size()) {
        buf.assign(n + 1, '\0');
        n = persist_store_errmsg(s, buf.data(), buf.size());
    }
    buf.resize(n < buf.size() ? n : buf.size() - 1);
    return buf;
}

/* Everything a Store owns, on the heap: its address is the callbacks' userdata, so it must not
 * move when the Store does. */
struct State {
    persist_store *handle = nullptr;
    std::recursive_mutex mu; /* recursive: a callback's call into its own store is detected */
    int depth = 0;           /* > 0 while a library call runs (on the thread holding mu) */
    LogFn log;
    LogFn app_log; /* the app's console output, when set (PERSIST_LOG_TAG_APP) */
    ProgressFn progress;
    std::exception_ptr pending; /* a callback's exception, rethrown after the call */

    State() = default;
    State(const State &) = delete;
    State &operator=(const State &) = delete;
    ~State()
    {
        persist_store_close(handle); /* NULL is ignored */
    }

    static void log_trampoline(int level, const char *message, size_t len, void *userdata) noexcept
    {
        auto *st = static_cast<State *>(userdata);
        const LogFn *fn = &st->log;
        if ((level & PERSIST_LOG_FROM_APP) != 0) { /* only with PERSIST_LOG_TAG_APP */
            fn = &st->app_log;
            level &= ~PERSIST_LOG_FROM_APP;
        }
        if (st->pending || !*fn)
            return;
        try {
            (*fn)(static_cast<LogLevel>(level), std::string_view(message, len));
        } catch (...) {
            st->pending = std::current_exception();
        }
    }

    static int progress_trampoline(uint64_t done, uint64_t total, void *userdata) noexcept
    {
        auto *st = static_cast<State *>(userdata);
        if (st->pending)
            return 1;
        try {
            return st->progress(done, total) ? 0 : 1;
        } catch (...) {
            st->pending = std::current_exception();
            return 1; /* cancel: nothing is changed */
        }
    }

    /* Rethrow a callback's exception, if one was caught during the call. */
    void rethrow_pending()
    {
        if (pending)
            std::rethrow_exception(std::exchange(pending, nullptr));
    }
};

/* One library call on a store: holds the lock, refuses moved-from, closed and re-entrant use, and
 * turns the status into an exception while the message is still this call's. */
class Call
{
  public:
    explicit Call(State *st) : st_(st)
    {
        if (st_ == nullptr)
            throw Error(PERSIST_EMISUSE, "persist::Store was moved from");
        lock_ = std::unique_lock<std::recursive_mutex>(st_->mu);
        if (st_->depth > 0)
            throw Error(PERSIST_EMISUSE, "re-entrant call: a log or progress callback must not "
                                         "call into its own store");
        if (st_->handle == nullptr)
            throw Error(PERSIST_EMISUSE, "the store is closed");
        st_->depth++;
        st_->pending = nullptr;
    }
    Call(const Call &) = delete;
    Call &operator=(const Call &) = delete;
    ~Call()
    {
        st_->depth--;
    }
    persist_store *handle() const noexcept
    {
        return st_->handle;
    }
    std::string message() const
    {
        return errmsg(st_->handle);
    }
    /* Rethrows a callback's exception, or throws Error(rc) unless rc is PERSIST_OK. */
    void check(int rc)
    {
        st_->rethrow_pending();
        if (rc != PERSIST_OK)
            throw Error(rc, message());
    }

  private:
    State *st_;
    std::unique_lock<std::recursive_mutex> lock_;
};

} // namespace detail

/**
 * An open store (persist_store). Move-only; the destructor closes it. See the top of this file
 * for errors and threads; each method lists the status codes a caller can act on.
 */
class Store
{
  public:
    /**
     * Open (by default create) the store in directory `path` and restore the live app.
     * Throws PERSIST_EBUSY, PERSIST_ENOTFOUND, PERSIST_EVERSION, PERSIST_ECORRUPT, PERSIST_EIO,
     * PERSIST_EINVAL, app errors from the replay, or a callback's exception (the store is then
     * closed).
     */
    explicit Store(std::string_view path, const Options &options = Options())
        : state_(std::make_unique<detail::State>())
    {
        std::string cpath = detail::c_string(path, "path");
        persist_options c = options.c_options();
        state_->log = options.log();
        state_->app_log = options.app_log();
        state_->progress = options.progress();
        if (state_->log || state_->app_log) {
            c.log_fn = &detail::State::log_trampoline;
            c.log_userdata = state_.get();
        }
        if (state_->progress) {
            c.progress_fn = &detail::State::progress_trampoline;
            c.progress_userdata = state_.get();
        }
        persist_store *handle = nullptr;
        int rc = persist_store_open(&handle, cpath.c_str(), &c);
        state_->handle = handle; /* closed by ~State, also after a failed open */
        std::string message = rc != PERSIST_OK && handle != nullptr ? detail::errmsg(handle) : "";
        state_->rethrow_pending();
        if (rc != PERSIST_OK)
            throw Error(rc, message);
    }
    Store(Store &&) noexcept = default;
    /** Closes this store (ignoring errors), then takes over `other`'s. */
    Store &operator=(Store &&) noexcept = default;
    Store(const Store &) = delete;
    Store &operator=(const Store &) = delete;
    ~Store() = default;

    /**
     * Close the store now (idempotent). Waits for calls running on other threads; later calls
     * throw PERSIST_EMISUSE. Throws PERSIST_EMISUSE when called from the store's own callback or
     * on a moved-from Store.
     */
    void close()
    {
        if (!state_)
            throw Error(PERSIST_EMISUSE, "persist::Store was moved from");
        std::lock_guard<std::recursive_mutex> lock(state_->mu);
        if (state_->depth > 0)
            throw Error(PERSIST_EMISUSE,
                        "re-entrant call: a callback must not close its own store");
        if (state_->handle == nullptr)
            return;
        int rc = persist_store_close(std::exchange(state_->handle, nullptr));
        if (rc != PERSIST_OK)
            throw Error(rc, std::string());
    }

    /** True until close() or a move away from this Store. */
    bool is_open() const
    {
        if (!state_)
            return false;
        std::lock_guard<std::recursive_mutex> lock(state_->mu);
        return state_->handle != nullptr;
    }
    explicit operator bool() const
    {
        return is_open();
    }

    /**
     * The C handle, for persist.h functions called directly (NULL after close or a move). Such
     * calls bypass this Store's lock: their messages may mix with other threads' calls.
     */
    persist_store *native_handle() const noexcept
    {
        return state_ ? state_->handle : nullptr;
    }

    /* ---- the app ---- */

    /**
     * Deploy app code; `module` is where the contract lives ("" = the default, "app" in plain JS).
     * Nothing changes on failure. Throws PERSIST_ELOAD, PERSIST_ECONTRACT, PERSIST_ESCRIPT,
     * PERSIST_EMIGRATE, PERSIST_EROUNDTRIP, PERSIST_ENOAPP (migrate with nothing deployed),
     * PERSIST_EREADONLY, I/O errors.
     */
    void deploy(std::string_view code, DeployMode mode = DeployMode::init,
                std::string_view module = {})
    {
        std::string mod = detail::c_string(module, "module");
        detail::Call call(state_.get());
        call.check(persist_store_deploy(call.handle(), detail::data(code), code.size(),
                                        static_cast<uint32_t>(mode),
                                        mod.empty() ? nullptr : mod.c_str()));
    }

    /**
     * Submit an event; returns the app's response once the event is on disk. Throws
     * PERSIST_ESCRIPT (nothing written), PERSIST_ETIMEOUT, PERSIST_EMEMORY, PERSIST_ECONTRACT,
     * PERSIST_ENOAPP, PERSIST_EREADONLY, PERSIST_EINVAL (not UTF-8), PERSIST_EIO, PERSIST_EFULL.
     */
    std::string submit(std::string_view event)
    {
        detail::Call call(state_.get());
        detail::Owned<char> out;
        size_t len = 0;
        call.check(persist_store_submit(call.handle(), detail::data(event), event.size(), out.out(),
                                        &len));
        return detail::copy(out.get(), len);
    }

    /**
     * Group commit: the events in order, committed with one fsync. Returns one result per event
     * (a failed event is not written and the next continues from the state before it). Throws
     * only when the whole batch fails and nothing is committed: PERSIST_EINVAL, PERSIST_ENOAPP,
     * PERSIST_EREADONLY, PERSIST_ETIMEOUT, PERSIST_EMEMORY, PERSIST_EFATAL, PERSIST_EIO,
     * PERSIST_EFULL.
     */
    std::vector<BatchResult> submit_batch(const std::vector<std::string_view> &events)
    {
        std::vector<persist_batch_item> items(events.size());
        for (size_t i = 0; i < events.size(); i++) {
            items[i].event = detail::data(events[i]);
            items[i].event_len = events[i].size();
        }
        detail::Responses<persist_batch_item> responses(items);
        {
            detail::Call call(state_.get());
            call.check(persist_store_submit_batch(call.handle(), items.data(), items.size()));
        }
        std::vector<BatchResult> results(items.size());
        for (size_t i = 0; i < items.size(); i++) {
            results[i].status = static_cast<persist_status>(items[i].status);
            if (items[i].status == PERSIST_OK)
                results[i].response = detail::copy(items[i].response, items[i].response_len);
        }
        return results;
    }
    /** The same for any range of strings (std::vector<std::string>, std::array, ...). */
    template <class Range> std::vector<BatchResult> submit_batch(const Range &events)
    {
        std::vector<std::string_view> views;
        for (const auto &event : events)
            views.emplace_back(event);
        return submit_batch(views);
    }

    /**
     * Events with client ids and times, committed with one fsync (since 1.1). An event whose
     * client id was applied before (by this store, or by the leader a follower took it from) is
     * not applied again: its result has the first response, its record and duplicate == true; the
     * same id twice in one call is one event. As with submit_batch, an event whose update fails
     * (PERSIST_ESCRIPT, PERSIST_ECONTRACT) gets its status in its result (and with a single
     * event, the library's message) and is not written. Throws when the call fails as a whole and
     * nothing is committed: PERSIST_EINVAL (not UTF-8, a bad client id), PERSIST_ENOAPP,
     * PERSIST_EREADONLY, PERSIST_EFOLLOWER, PERSIST_ETIMEOUT, PERSIST_EMEMORY, PERSIST_EFATAL,
     * PERSIST_EIO, PERSIST_EFULL.
     */
    std::vector<EventResult> submit_events(const std::vector<Event> &events)
    {
        std::vector<persist_event> items(events.size());
        for (size_t i = 0; i < events.size(); i++) {
            items[i].event = detail::data(events[i].event);
            items[i].event_len = events[i].event.size();
            if (!events[i].client_id.empty()) {
                items[i].client_id = events[i].client_id.data();
                items[i].client_id_len = events[i].client_id.size();
            }
            items[i].time_us = events[i].time_us;
        }
        detail::Responses<persist_event> responses(items);
        int rc;
        std::string message;
        {
            detail::Call call(state_.get());
            rc = persist_store_submit_events(call.handle(), items.data(), items.size(),
                                             sizeof(persist_event));
            bool per_event = items.size() == 1 && detail::event_failure(rc);
            call.check(per_event ? PERSIST_OK : rc); /* a callback's exception still wins */
            if (per_event)
                message = call.message();
        }
        std::vector<EventResult> results(items.size());
        for (size_t i = 0; i < items.size(); i++) {
            results[i].status =
                static_cast<persist_status>(rc != PERSIST_OK ? rc : items[i].status);
            if (results[i].ok()) {
                results[i].response = detail::copy(items[i].response, items[i].response_len);
                results[i].seq = items[i].seq;
                results[i].duplicate = items[i].duplicate != 0;
            }
            results[i].message = message;
        }
        return results;
    }

    /**
     * One event with its client id and time (since 1.1): its result, like submit_events(), but
     * the event's failure is thrown (with the library's message), like submit().
     */
    EventResult submit_event(const Event &event)
    {
        EventResult result = submit_events({event}).at(0);
        result.value();
        return result;
    }

    /** Force committed records to disk (needed only with Durability::relaxed). */
    void flush()
    {
        detail::Call call(state_.get());
        call.check(persist_store_flush(call.handle()));
    }

    /**
     * Replace the live state with the app's deserialization of `text`. Throws
     * PERSIST_EREJECTED, PERSIST_EROUNDTRIP, PERSIST_ENOAPP, PERSIST_EREADONLY, I/O errors.
     */
    void set_state(std::string_view text)
    {
        detail::Call call(state_.get());
        call.check(persist_store_set_state(call.handle(), detail::data(text), text.size()));
    }

    /** Write a snapshot of the live state after the head record (no-op if one exists there). */
    void snapshot()
    {
        detail::Call call(state_.get());
        call.check(persist_store_snapshot(call.handle()));
    }

    /** Re-run the restore path from disk (a read-only Store sees the writer's progress). */
    void restore()
    {
        detail::Call call(state_.get());
        call.check(persist_store_restore(call.handle()));
    }

    /** The live state, serialized by the app. Throws PERSIST_ENOAPP, PERSIST_ESCRIPT. */
    std::string state()
    {
        detail::Call call(state_.get());
        detail::Owned<char> out;
        size_t len = 0;
        call.check(persist_store_state(call.handle(), out.out(), &len));
        return detail::copy(out.get(), len);
    }

    /* ---- facts ---- */

    /** Number of the newest record (0 for an empty log), read from disk. */
    uint64_t head()
    {
        return number(persist_store_head);
    }
    uint64_t record_count()
    {
        return number(persist_store_record_count);
    }
    /** The record the newest snapshot follows; 0 when there is none. */
    uint64_t snapshot_seq()
    {
        return number(persist_store_snapshot_seq);
    }
    /** Hex SHA-256 of the live app's code; std::nullopt when no app is deployed. */
    std::optional<std::string> app_hash()
    {
        detail::Call call(state_.get());
        char buf[65];
        int rc = persist_store_app_hash(call.handle(), buf, sizeof buf);
        call.check(rc == PERSIST_ENOAPP ? PERSIST_OK : rc);
        if (rc == PERSIST_ENOAPP)
            return std::nullopt;
        return std::string(buf);
    }

    /* ---- history, inspection and maintenance ---- */

    /**
     * Up to `limit` records (0 = 1000) from record `from` on (0 = the oldest stored), of the kinds
     * in the `kinds` mask (kind_mask(...) | ...; 0 = all). Continue from the last seq + 1; an empty
     * result means there is nothing more. Throws PERSIST_ECORRUPT for a damaged record.
     */
    std::vector<Record> records(uint64_t from = 0, uint32_t limit = 0, uint32_t kinds = 0)
    {
        detail::Call call(state_.get());
        detail::Owned<persist_record> out;
        size_t count = 0;
        call.check(persist_store_records(call.handle(), from, limit, kinds, out.out(), &count));
        std::vector<Record> list(count);
        for (size_t i = 0; i < count; i++) {
            const persist_record &r = out.get()[i];
            list[i].seq = r.seq;
            list[i].time_us = r.time_us;
            list[i].source_seq = r.source_seq;
            list[i].kind = static_cast<RecordKind>(r.kind);
            if (r.payload != nullptr)
                list[i].payload = std::string(r.payload, r.payload_len);
            list[i].module = detail::copy(r.module, r.module_len);
            list[i].app_hash = r.app_hash;
        }
        return list;
    }

    /**
     * The serialized state after record `seq` (scratch heap; the live app is untouched). Throws
     * PERSIST_EINVAL (0 or after the head), PERSIST_ENOTFOUND (pruned), PERSIST_ECORRUPT,
     * PERSIST_ECANCELED, app errors.
     */
    std::string state_at(uint64_t seq)
    {
        return text_at(persist_store_state_at, seq);
    }
    /** The response to event record `seq` when replayed. Throws as state_at(). */
    std::string response_at(uint64_t seq)
    {
        return text_at(persist_store_response_at, seq);
    }
    /**
     * The client id event record `seq` was submitted with (since 1.2), or none (an event without
     * one, or not an event); read from the record, so also once the store forgot the id, and on a
     * follower. Throws PERSIST_EINVAL (0 or after the head), PERSIST_ENOTFOUND (pruned),
     * PERSIST_ECORRUPT.
     */
    std::optional<std::string> client_id_at(uint64_t seq)
    {
        detail::Call call(state_.get());
        detail::Owned<char> out;
        size_t len = 0;
        call.check(persist_store_client_id_at(call.handle(), seq, out.out(), &len));
        if (out.get() == nullptr)
            return std::nullopt;
        return detail::copy(out.get(), len);
    }

    /** The snapshots, oldest first. */
    std::vector<SnapshotInfo> snapshots()
    {
        detail::Call call(state_.get());
        detail::Owned<persist_snapshot_info> out;
        size_t count = 0;
        call.check(persist_store_snapshots(call.handle(), out.out(), &count));
        std::vector<SnapshotInfo> list(count);
        for (size_t i = 0; i < count; i++) {
            const persist_snapshot_info &r = out.get()[i];
            list[i] = SnapshotInfo{r.seq, r.time_us, r.state_len, r.app_hash};
        }
        return list;
    }

    /** Every deployment (deploy and RESET records), oldest first. */
    std::vector<AppInfo> apps()
    {
        detail::Call call(state_.get());
        detail::Owned<persist_app_info> out;
        size_t count = 0;
        call.check(persist_store_apps(call.handle(), out.out(), &count));
        std::vector<AppInfo> list(count);
        for (size_t i = 0; i < count; i++) {
            const persist_app_info &r = out.get()[i];
            list[i] = AppInfo{r.seq, r.code_len, static_cast<RecordKind>(r.kind), r.app_hash};
        }
        return list;
    }

    /** An app's code by its hex SHA-256. Throws PERSIST_ENOTFOUND, PERSIST_EINVAL. */
    std::string app_code(std::string_view hash_hex)
    {
        std::string hash = detail::c_string(hash_hex, "app hash");
        detail::Call call(state_.get());
        detail::Owned<char> out;
        size_t len = 0;
        call.check(persist_store_app_code(call.handle(), hash.c_str(), out.out(), &len));
        return detail::copy(out.get(), len);
    }

    /**
     * Verify the store (checksums, app hashes, snapshots against a replay: the newest few, or all
     * with `all_snapshots`; the live state). Problems found are the answer, not a failure of the
     * call: they come back in the report (status PERSIST_ECORRUPT, or the app's own code such as
     * PERSIST_ESCRIPT when every problem is the app failing on what it checks; the message names
     * the first one), so check ok(). Throws for anything else: PERSIST_ECANCELED, I/O errors.
     */
    [[nodiscard]] VerifyReport verify(bool all_snapshots = false)
    {
        detail::Call call(state_.get());
        persist_verify_report r{};
        r.struct_size = sizeof r;
        int rc = persist_store_verify(call.handle(),
                                      all_snapshots ? PERSIST_VERIFY_ALL_SNAPSHOTS : 0u, &r);
        VerifyReport report;
        if (rc != PERSIST_OK && rc != PERSIST_ECANCELED && r.problems > 0) {
            call.check(PERSIST_OK); /* a callback's exception still wins */
            report.status = static_cast<persist_status>(rc);
            report.message = call.message();
        } else {
            call.check(rc);
        }
        report.problems = r.problems;
        report.records_checked = r.records_checked;
        report.snapshots_checked = r.snapshots_checked;
        report.apps_checked = r.apps_checked;
        report.first_problem_seq = r.first_problem_seq;
        return report;
    }

    /**
     * Make the live state the state after record `seq` by appending a RESET record. Throws
     * PERSIST_EINVAL, PERSIST_ENOTFOUND (pruned), app errors, PERSIST_EREADONLY, I/O errors.
     */
    void revert(uint64_t seq)
    {
        detail::Call call(state_.get());
        call.check(persist_store_revert(call.handle(), seq));
    }

    /**
     * Remove history older than the newest snapshot at or before record `before`, then compact.
     * Throws PERSIST_ENOTFOUND (no snapshot there), PERSIST_EREADONLY, I/O errors.
     */
    PruneReport prune(uint64_t before)
    {
        detail::Call call(state_.get());
        persist_prune_report r{};
        r.struct_size = sizeof r;
        call.check(persist_store_prune(call.handle(), before, &r));
        return PruneReport{r.compacted != 0, r.kept_from,    r.records_removed, r.snapshots_removed,
                           r.apps_removed,   r.bytes_before, r.bytes_after};
    }

    /** Hot backup into directory `dir`. Throws PERSIST_EEXISTS, PERSIST_EIO, PERSIST_EFULL. */
    void backup(std::string_view dir)
    {
        with_path(persist_store_backup, dir);
    }
    /** persist_store_export (`export` is a C++ keyword). Throws PERSIST_ENOAPP, PERSIST_EIO. */
    void export_to(std::string_view file)
    {
        with_path(persist_store_export, file);
    }
    /**
     * persist_store_import: start this empty store from an exported file. Throws
     * PERSIST_EEXISTS (the store has records), PERSIST_ENOTFOUND, PERSIST_EINVAL,
     * PERSIST_ECORRUPT, app errors, I/O errors.
     */
    void import_from(std::string_view file)
    {
        with_path(persist_store_import, file);
    }

    /* ---- queries and followers (since 1.1) ---- */

    /**
     * Answer a query: the app's update runs on the live state and its response is returned;
     * nothing is written. Works on every Store: read-only (see refresh()), follower and writer.
     * Throws PERSIST_ENOTQUERY (the update changed the state; it stays as it was),
     * PERSIST_ENOAPP, PERSIST_ESCRIPT, PERSIST_ETIMEOUT, PERSIST_EMEMORY, PERSIST_ECONTRACT.
     */
    std::string query(std::string_view event)
    {
        detail::Call call(state_.get());
        detail::Owned<char> out;
        size_t len = 0;
        call.check(
            persist_store_query(call.handle(), detail::data(event), event.size(), out.out(), &len));
        return detail::copy(out.get(), len);
    }

    /**
     * Bring a read-only Store up to the records the writer committed since (no change on a writer
     * or a follower). Throws PERSIST_ECORRUPT, app errors.
     */
    void refresh()
    {
        detail::Call call(state_.get());
        call.check(persist_store_refresh(call.handle()));
    }

    /** The store's identity and position. */
    SyncInfo sync_info()
    {
        detail::Call call(state_.get());
        persist_sync_info r{};
        r.struct_size = sizeof r;
        call.check(persist_store_sync_info(call.handle(), &r));
        return SyncInfo{r.follower != 0, r.head, r.first, r.snapshot_seq, r.store_id};
    }

    /**
     * The records after record `after` as one sync batch for apply() on a follower, and the last
     * record in it (continue from there); std::nullopt when there is nothing after `after`. At
     * least one record, more while the batch stays under max_bytes (0 = 8 MiB). The batch is
     * binary (a std::string of bytes). Throws PERSIST_ENOTFOUND (the records after `after` were
     * pruned: bootstrap the follower again), PERSIST_EINVAL (after the head).
     */
    std::optional<std::pair<std::string, uint64_t>> export_records(uint64_t after,
                                                                   uint64_t max_bytes = 0)
    {
        detail::Call call(state_.get());
        detail::Owned<char> out;
        size_t len = 0;
        uint64_t last = 0;
        call.check(
            persist_store_export_records(call.handle(), after, max_bytes, out.out(), &len, &last));
        if (out.get() == nullptr)
            return std::nullopt;
        return std::make_pair(std::string(out.get(), len), last);
    }

    /**
     * A bootstrap package (the newest snapshot, its record and the app code it needs), from which
     * apply() starts a follower in an empty store, and the snapshot's record (the follower's head
     * after it). Throws PERSIST_ENOTFOUND (no snapshot yet).
     */
    std::pair<std::string, uint64_t> export_bootstrap()
    {
        detail::Call call(state_.get());
        detail::Owned<char> out;
        size_t len = 0;
        uint64_t seq = 0;
        call.check(persist_store_export_bootstrap(call.handle(), out.out(), &len, &seq));
        return std::make_pair(detail::copy(out.get(), len), seq);
    }

    /**
     * Apply a sync batch or a bootstrap package; returns the head after it. A bootstrap makes an
     * empty store a follower; a batch is applied in one transaction (records held already are
     * checked and skipped: applying one twice changes nothing). Nothing is applied on failure.
     * Throws PERSIST_EGAP (records before the batch are missing), PERSIST_EFOREIGN (another
     * store's), PERSIST_EFORKED (the histories differ), PERSIST_ECORRUPT (damaged),
     * PERSIST_EEXISTS (a bootstrap into a store with records), PERSIST_EVERSION,
     * PERSIST_EREADONLY, app errors.
     */
    uint64_t apply(std::string_view data)
    {
        detail::Call call(state_.get());
        uint64_t head = 0;
        call.check(persist_store_apply(call.handle(), detail::data(data), data.size(), &head));
        return head;
    }

    /**
     * Make a follower a writer: it keeps the store's identity and continues its sequence (no
     * change on a store that is no follower). A writer of the same store elsewhere that did not
     * stop is now a fork (PERSIST_EFORKED for its batches). Throws PERSIST_EREADONLY.
     */
    void promote()
    {
        detail::Call call(state_.get());
        call.check(persist_store_promote(call.handle()));
    }

  private:
    uint64_t number(int (*fn)(persist_store *, uint64_t *))
    {
        detail::Call call(state_.get());
        uint64_t value = 0;
        call.check(fn(call.handle(), &value));
        return value;
    }

    std::string text_at(int (*fn)(persist_store *, uint64_t, char **, size_t *), uint64_t seq)
    {
        detail::Call call(state_.get());
        detail::Owned<char> out;
        size_t len = 0;
        call.check(fn(call.handle(), seq, out.out(), &len));
        return detail::copy(out.get(), len);
    }

    void with_path(int (*fn)(persist_store *, const char *), std::string_view path)
    {
        std::string cpath = detail::c_string(path, "path");
        detail::Call call(state_.get());
        call.check(fn(call.handle(), cpath.c_str()));
    }

    std::unique_ptr<detail::State> state_;
};

} // namespace persist

#endif /* PERSIST_HPP */
