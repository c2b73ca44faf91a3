/* fuzz_elm_codegen.c - libFuzzer target: persist-elm-codegen on arbitrary Elm source. The input is
 * the module Backend.State of an app whose Backend.Main (fixed) takes its State; the tool's whole
 * path runs on it: lexing, parsing, resolving the state type, the codec module (as the current
 * version, and as the previous version's with its type copies), and the migration scaffold from a
 * fixed previous version to it and from it to that version. Must hold: cg_app_load returns 0, or
 * -1 with a message and exit code 3 (Elm it cannot read or serialize) or 4 (files); no crash,
 * hang or leak (everything lives in the context's arena). Seeds in corpus/elm_codegen/: the
 * states of the repository's Elm apps. */
#include <sys/stat.h>

#define FUZZ_NAME "fuzz_elm_codegen"
#include "codegen.h"
#include "fuzz_support.h"

static char base_dir[4096], cur_dir[4200], prev_dir[4200], state_path[4300];
static long loaded, refused;

static const char ELM_JSON[] =
    "{\"type\": \"application\", \"source-directories\": [\"src\"], \"elm-version\": \"0.19.1\",\n"
    " \"dependencies\": {\"direct\": {\"elm/core\": \"1.0.5\", \"elm/json\": \"1.1.3\"},\n"
    " \"indirect\": {}}, \"test-dependencies\": {\"direct\": {}, \"indirect\": {}}}\n";

static const char MAIN_ELM[] =
    "module Backend.Main exposing (main)\n\nimport Backend.State exposing (State)\n\n\n"
    "interfaceToHost_processEvent : String -> State -> ( State, String )\n"
    "interfaceToHost_processEvent event state =\n    ( state, event )\n";

static const char PREV_STATE_ELM[] =
    "module Backend.State exposing (..)\n\nimport Dict exposing (Dict)\n\n\n"
    "type alias State =\n    { count : Int, names : List String, board : Dict String Cell }\n\n\n"
    "type Cell\n    = Empty\n    | Taken Int (Maybe Float)\n";

/* An app directory: elm.json, src/Backend/Main.elm, and (when not NULL) src/Backend/State.elm. */
static void make_app(const char *dir, const char *state)
{
    char path[4400];
    REQUIRE(mkdir(dir, 0755) == 0);
    snprintf(path, sizeof path, "%s/elm.json", dir);
    fuzz_write_all(path, ELM_JSON, sizeof ELM_JSON - 1);
    snprintf(path, sizeof path, "%s/src", dir);
    REQUIRE(mkdir(path, 0755) == 0);
    snprintf(path, sizeof path, "%s/src/Backend", dir);
    REQUIRE(mkdir(path, 0755) == 0);
    snprintf(path, sizeof path, "%s/src/Backend/Main.elm", dir);
    fuzz_write_all(path, MAIN_ELM, sizeof MAIN_ELM - 1);
    if (state != NULL) {
        snprintf(path, sizeof path, "%s/src/Backend/State.elm", dir);
        fuzz_write_all(path, state, strlen(state));
    }
}

static void report(void)
{
    fprintf(stderr, FUZZ_NAME ": states generated for %ld inputs, %ld refused\n", loaded, refused);
    fuzz_remove_dir(base_dir);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fuzz_make_dir(base_dir, sizeof base_dir);
    snprintf(cur_dir, sizeof cur_dir, "%s/cur", base_dir);
    snprintf(prev_dir, sizeof prev_dir, "%s/prev", base_dir);
    snprintf(state_path, sizeof state_path, "%s/src/Backend/State.elm", cur_dir);
    make_app(cur_dir, NULL);
    make_app(prev_dir, PREV_STATE_ELM);
    atexit(report);
    return 0;
}

/* Loads an app; 0, or -1 after checking that the failure says what it is. */
static int load(cg_app *app, cg_ctx *c, const char *dir)
{
    if (cg_app_load(app, c, dir, "", "Backend.Main", NULL, "Generated.Persist") == 0) {
        REQUIRE(c->error == NULL && app->state != NULL);
        return 0;
    }
    REQUIRE(c->error != NULL && c->error[0] != '\0');
    REQUIRE(c->error_code == CG_EXIT_ELM || c->error_code == CG_EXIT_IO);
    return -1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    cg_ctx c, pc;
    cg_app app, prev;
    cg_buf out;
    int unwritten = 0;
    cg_gen_opts now = {"Generated.Persist", "-- now\n", 1, 0, 1, 0};
    cg_gen_opts before = {"Migrate.V1", "-- before\n", 0, 1, 0, 1};
    fuzz_write_all(state_path, data, size);
    memset(&c, 0, sizeof c);
    memset(&pc, 0, sizeof pc);
    if (load(&app, &c, cur_dir) != 0) {
        refused++;
    } else {
        loaded++;
        REQUIRE(load(&prev, &pc, prev_dir) == 0);
        cg_buf_init(&out, &c.arena);
        cg_generate(&app, &now, &out);
        REQUIRE(out.len > 0);
        cg_buf_init(&out, &c.arena);
        cg_generate(&app, &before, &out);
        REQUIRE(out.len > 0);
        cg_buf_init(&out, &c.arena);
        cg_generate_migration(&prev, &app, "Migrate", "Generated.Persist", "Migrate.V1", "-- m\n",
                              &out, &unwritten);
        REQUIRE(out.len > 0);
        cg_buf_init(&out, &c.arena);
        cg_generate_migration(&app, &prev, "Migrate", "Generated.Persist", "Migrate.V1", "-- m\n",
                              &out, &unwritten);
        REQUIRE(out.len > 0);
    }
    cg_arena_free(&pc.arena);
    cg_arena_free(&c.arena);
    return 0;
}
