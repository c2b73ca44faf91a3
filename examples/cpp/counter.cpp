// counter.cpp - the counter host in C++, with a small RAII wrapper around libpersist.
//
// Usage: counter STORE_DIR APP_JS [EVENT...]   (the same as examples/counter/counter.c)
// The app in APP_JS is deployed only when the store has no app yet; after that the store restores
// the app and its state by itself.
//
// The wrapper lives here, in the example, not in the library: libpersist's API is C, and a host
// is free to wrap it as it likes. This one shows the three rules that matter:
//  - a store handle is closed exactly once, also after a failed open (persist::Store's destructor);
//  - memory the library returns goes back to persist_free (persist::Text);
//  - the error message is copied right after the failing call, under the same lock as the call,
//    so that threads sharing a store never read each other's messages (persist::Store::mu_).
#include <persist.h>

#include <cstdint>
#include <fstream>
#include <iostream>
#include <memory>
#include <mutex>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace persist
{

// A libpersist failure: the status code and the store's message for that call.
class Error : public std::runtime_error
{
  public:
    Error(int code, const std::string &message)
        : std::runtime_error(std::string(persist_strerror(code)) + ": " + message), code_(code)
    {
    }
    int code() const noexcept
    {
        return code_;
    }

  private:
    int code_;
};

// Memory returned by the library (responses, states), released with persist_free.
struct Free {
    void operator()(char *p) const noexcept
    {
        persist_free(p);
    }
};
using Text = std::unique_ptr<char, Free>;

// An open store. Not copyable or movable: it owns the handle and the lock that guards it.
class Store
{
  public:
    explicit Store(const std::string &path, const persist_options *opts = nullptr)
    {
        persist_store *s = nullptr;
        int rc = persist_store_open(&s, path.c_str(), opts);
        handle_.reset(s); // closed by the destructor even when the open failed
        if (rc != PERSIST_OK)
            throw Error(rc, message());
    }
    Store(const Store &) = delete;
    Store &operator=(const Store &) = delete;

    void deploy(const std::string &code, uint32_t mode = PERSIST_DEPLOY_INIT,
                const char *module = nullptr)
    {
        std::lock_guard<std::mutex> lock(mu_);
        check(persist_store_deploy(handle_.get(), code.data(), code.size(), mode, module));
    }

    std::string submit(const std::string &event)
    {
        std::lock_guard<std::mutex> lock(mu_);
        char *out = nullptr;
        size_t len = 0;
        check(persist_store_submit(handle_.get(), event.data(), event.size(), &out, &len));
        return std::string(Text(out).get(), len);
    }

    std::string state()
    {
        std::lock_guard<std::mutex> lock(mu_);
        char *out = nullptr;
        size_t len = 0;
        check(persist_store_state(handle_.get(), &out, &len));
        return std::string(Text(out).get(), len);
    }

    uint64_t head()
    {
        std::lock_guard<std::mutex> lock(mu_);
        uint64_t v = 0;
        check(persist_store_head(handle_.get(), &v));
        return v;
    }

    // The live app's hash, or "" when no app is deployed yet.
    std::string app_hash()
    {
        std::lock_guard<std::mutex> lock(mu_);
        char buf[65];
        int rc = persist_store_app_hash(handle_.get(), buf, sizeof buf);
        if (rc == PERSIST_ENOAPP)
            return std::string();
        check(rc);
        return buf;
    }

  private:
    struct Close {
        void operator()(persist_store *s) const noexcept
        {
            persist_store_close(s);
        }
    };

    // Called with mu_ held, right after the call that returned rc.
    void check(int rc) const
    {
        if (rc != PERSIST_OK)
            throw Error(rc, message());
    }

    std::string message() const
    {
        std::vector<char> buf(1024);
        size_t n = persist_store_errmsg(handle_.get(), buf.data(), buf.size());
        if (n >= buf.size()) {
            buf.resize(n + 1);
            persist_store_errmsg(handle_.get(), buf.data(), buf.size());
        }
        return std::string(buf.data());
    }

    std::unique_ptr<persist_store, Close> handle_;
    std::mutex mu_;
};

} // namespace persist

static std::string read_file(const std::string &path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw std::runtime_error("cannot read " + path);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        std::cerr << "usage: " << argv[0] << " STORE_DIR APP_JS [EVENT...]\n";
        return 2;
    }
    try {
        persist::Store store(argv[1]);
        std::string hash = store.app_hash();
        if (hash.empty()) {
            store.deploy(read_file(argv[2]));
            std::cout << "deployed " << argv[2] << " as app " << store.app_hash().substr(0, 12)
                      << "\n";
        } else {
            std::cout << "store already has app " << hash.substr(0, 12) << "; " << argv[2]
                      << " is not deployed again\n";
        }
        for (int i = 3; i < argc; i++)
            std::cout << argv[i] << " -> " << store.submit(argv[i]) << "\n";
        std::cout << "head: record " << store.head() << "\nstate: " << store.state() << "\n";
    } catch (const persist::Error &e) {
        std::cerr << "counter: " << e.what() << " (" << e.code() << ")\n";
        return 1;
    } catch (const std::exception &e) {
        std::cerr << "counter: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
