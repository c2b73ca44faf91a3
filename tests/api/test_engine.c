/* test_engine.c - what apps can observe of the engine's functions stays as ECMAScript 5.1 and
 * unpatched Duktape 2.7 have it, with the two differences lib/duktape/closures.patch makes on
 * purpose: a strict function has no own `caller`/`arguments` throwers (reading them gives
 * undefined, as since ES2015; unpatched: a TypeError), and its own property names list `prototype`
 * after `name` (the prototype object is created when first looked for). The probe
 * (tests/fixtures/engine_probe.js) covers constructors, instanceof, the prototype's descriptor,
 * delete, enumeration, freeze/seal/preventExtensions, defineProperty, assignment, bound and native
 * functions and a thousand closures; its expected answer below is what unpatched Duktape gives,
 * apart from those two. It is asked twice: in the heap that compiled the probe, and in a fresh heap
 * that loads the probe's bytecode from the process's cache (lib/code_cache.c), which must not
 * differ either (lib/duktape/bytecode.patch). */
#include "support.h"

#include <stdlib.h>
#include <string.h>

static const char EXPECTED[] = "new=3\n"
                               "instanceof=true\n"
                               "instanceof-fresh=true\n"
                               "proto-ctor=true\n"
                               "proto-type=object\n"
                               "own-names=fileName,length,prototype\n"
                               "own-names-strict=fileName,length,name,prototype\n"
                               "has-own=true\n"
                               "in=true\n"
                               "keys=0\n"
                               "for-in=0\n"
                               "desc=true,false,false,object\n"
                               "delete=false\n"
                               "delete-strict=throws TypeError\n"
                               "freeze=true,object,false\n"
                               "prevent=object\n"
                               "seal=true,object\n"
                               "define=true\n"
                               "assign=2\n"
                               "getproto=true\n"
                               "create=true\n"
                               "bound=undefined\n"
                               "native=undefined\n"
                               "length=3\n"
                               "name=named,true\n"
                               "caller=undefined\n"
                               "arguments=undefined\n"
                               "sloppy-caller=undefined\n"
                               "tostring=[object Function]\n"
                               "json={\"p\":{}}\n"
                               "proto-of-proto=true\n"
                               "ctor-enum=0,false\n"
                               "many=10";

static void test_functions_and_prototypes_behave_as_before(void **state)
{
    char *dir = ts_tmpdir(), *resp;
    persist_store *s = ts_open(dir, NULL);
    (void)state;
    ts_deploy(s, "engine_probe.js", PERSIST_DEPLOY_INIT);
    resp = ts_submit(s, "probe");
    assert_string_equal(resp, EXPECTED);
    persist_free(resp);
    TS_OK(s,
          persist_store_restore(s)); /* a fresh heap, from the bytecode cache, answers the same */
    resp = ts_submit(s, "probe");
    assert_string_equal(resp, EXPECTED);
    persist_free(resp);
    persist_store_close(s);
    ts_rmrf(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_functions_and_prototypes_behave_as_before),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
