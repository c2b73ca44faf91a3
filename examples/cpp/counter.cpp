// counter.cpp - the counter host in C++17 with persist.hpp, the library's C++ interface.
//
// Usage: counter STORE_DIR APP_JS [EVENT...]   (the same as examples/counter/counter.c)
// The app in APP_JS is deployed only when the store has no app yet; after that the store restores
// the app and its state by itself.
//
// persist::Store closes its handle in its destructor (also after a failed open, inside the
// constructor), results come back as std::string with the library's memory already released, and
// every failure is a persist::Error carrying the status code and the store's message for that call.
#include <persist.hpp>

#include <fstream>
#include <iostream>
#include <iterator>
#include <optional>
#include <stdexcept>
#include <string>

static std::string read_file(const std::string &path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw std::runtime_error("cannot read " + path);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        std::cerr << "usage: " << argv[0] << " STORE_DIR APP_JS [EVENT...]\n";
        return 2;
    }
    try {
        persist::Store store(argv[1]);
        if (std::optional<std::string> hash = store.app_hash()) {
            std::cout << "store already has app " << hash->substr(0, 12) << "; " << argv[2]
                      << " is not deployed again\n";
        } else {
            store.deploy(read_file(argv[2]));
            std::cout << "deployed " << argv[2] << " as app " << store.app_hash()->substr(0, 12)
                      << "\n";
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
