/* codec.c - writes the encoder and decoder definitions, the helpers, and the codec module around
 * them. */
#include "generate.h"

#include <string.h>

static const char *const HELPER_ENC[H_COUNT] = {
    [H_CHAR] = "jsonEncode_Char : Char -> Json.Encode.Value\n"
               "jsonEncode_Char x1 =\n"
               "    Json.Encode.string (String.fromChar x1)\n",
    [H_UNIT] = "jsonEncode_Unit : () -> Json.Encode.Value\n"
               "jsonEncode_Unit () =\n"
               "    Json.Encode.list identity []\n",
    [H_MAYBE] =
        "jsonEncode_Maybe : (a -> Json.Encode.Value) -> Maybe a -> Json.Encode.Value\n"
        "jsonEncode_Maybe encode_a x1 =\n"
        "    case x1 of\n"
        "        Nothing ->\n"
        "            Json.Encode.object [ ( \"Nothing\", Json.Encode.list identity [] ) ]\n\n"
        "        Just x2 ->\n"
        "            Json.Encode.object [ ( \"Just\", Json.Encode.list identity [ encode_a x2 "
        "] ) ]\n",
    [H_RESULT] =
        "jsonEncode_Result : (e -> Json.Encode.Value) -> (a -> Json.Encode.Value) -> Result "
        "e a -> Json.Encode.Value\n"
        "jsonEncode_Result encode_e encode_a x1 =\n"
        "    case x1 of\n"
        "        Err x2 ->\n"
        "            Json.Encode.object [ ( \"Err\", Json.Encode.list identity [ encode_e x2 ] "
        ") ]\n\n"
        "        Ok x2 ->\n"
        "            Json.Encode.object [ ( \"Ok\", Json.Encode.list identity [ encode_a x2 ] "
        ") ]\n",
    [H_DICT] =
        "jsonEncode_Dict : (k -> Json.Encode.Value) -> (v -> Json.Encode.Value) -> Dict.Dict k "
        "v -> Json.Encode.Value\n"
        "jsonEncode_Dict encode_k encode_v x1 =\n"
        "    Json.Encode.list (jsonEncode_Tuple2 encode_k encode_v) (Dict.toList x1)\n",
    [H_TUPLE2] =
        "jsonEncode_Tuple2 : (a -> Json.Encode.Value) -> (b -> Json.Encode.Value) -> ( a, b "
        ") -> Json.Encode.Value\n"
        "jsonEncode_Tuple2 encode_a encode_b ( x1, x2 ) =\n"
        "    Json.Encode.list identity [ encode_a x1, encode_b x2 ]\n",
    [H_TUPLE3] =
        "jsonEncode_Tuple3 : (a -> Json.Encode.Value) -> (b -> Json.Encode.Value) -> (c -> "
        "Json.Encode.Value) -> ( a, b, c ) -> Json.Encode.Value\n"
        "jsonEncode_Tuple3 encode_a encode_b encode_c ( x1, x2, x3 ) =\n"
        "    Json.Encode.list identity [ encode_a x1, encode_b x2, encode_c x3 ]\n",
};

static const char *const HELPER_DEC[H_COUNT] = {
    [H_CHAR] = "jsonDecode_Char : Json.Decode.Decoder Char\n"
               "jsonDecode_Char =\n"
               "    Json.Decode.andThen\n"
               "        (\\x1 ->\n"
               "            case String.uncons x1 of\n"
               "                Just ( x2, \"\" ) ->\n"
               "                    Json.Decode.succeed x2\n\n"
               "                _ ->\n"
               "                    Json.Decode.fail \"Expecting a string of one character\"\n"
               "        )\n"
               "        Json.Decode.string\n",
    [H_UNIT] = "jsonDecode_Unit : Json.Decode.Decoder ()\n"
               "jsonDecode_Unit =\n"
               "    Json.Decode.succeed ()\n",
    [H_MAYBE] = "jsonDecode_Maybe : Json.Decode.Decoder a -> Json.Decode.Decoder (Maybe a)\n"
                "jsonDecode_Maybe decode_a =\n"
                "    Json.Decode.oneOf\n"
                "        [ Json.Decode.field \"Nothing\" (Json.Decode.succeed Nothing)\n"
                "        , Json.Decode.field \"Just\" (Json.Decode.map Just (Json.Decode.index 0 "
                "decode_a))\n"
                "        ]\n",
    [H_RESULT] = "jsonDecode_Result : Json.Decode.Decoder e -> Json.Decode.Decoder a -> "
                 "Json.Decode.Decoder (Result e a)\n"
                 "jsonDecode_Result decode_e decode_a =\n"
                 "    Json.Decode.oneOf\n"
                 "        [ Json.Decode.field \"Err\" (Json.Decode.map Err (Json.Decode.index 0 "
                 "decode_e))\n"
                 "        , Json.Decode.field \"Ok\" (Json.Decode.map Ok (Json.Decode.index 0 "
                 "decode_a))\n"
                 "        ]\n",
    [H_DICT] = "jsonDecode_Dict : Json.Decode.Decoder comparable -> Json.Decode.Decoder v -> "
               "Json.Decode.Decoder (Dict.Dict comparable v)\n"
               "jsonDecode_Dict decode_k decode_v =\n"
               "    Json.Decode.map Dict.fromList (Json.Decode.list (jsonDecode_Tuple2 decode_k "
               "decode_v))\n",
    [H_TUPLE2] = "jsonDecode_Tuple2 : Json.Decode.Decoder a -> Json.Decode.Decoder b -> "
                 "Json.Decode.Decoder ( a, b )\n"
                 "jsonDecode_Tuple2 decode_a decode_b =\n"
                 "    Json.Decode.map2 Tuple.pair (Json.Decode.index 0 decode_a) "
                 "(Json.Decode.index 1 decode_b)\n",
    [H_TUPLE3] = "jsonDecode_Tuple3 : Json.Decode.Decoder a -> Json.Decode.Decoder b -> "
                 "Json.Decode.Decoder c -> Json.Decode.Decoder ( a, b, c )\n"
                 "jsonDecode_Tuple3 decode_a decode_b decode_c =\n"
                 "    Json.Decode.map3 (\\x1 x2 x3 -> ( x1, x2, x3 )) (Json.Decode.index 0 "
                 "decode_a) (Json.Decode.index 1 decode_b) (Json.Decode.index 2 decode_c)\n",
    [H_ANDMAP] = "jsonDecode_andMap : Json.Decode.Decoder a -> Json.Decode.Decoder (a -> b) -> "
                 "Json.Decode.Decoder b\n"
                 "jsonDecode_andMap =\n"
                 "    Json.Decode.map2 (|>)\n",
};

void cg_write_helpers(gen *g, cg_buf *b, int encoders)
{
    for (int h = 0; h < H_COUNT; h++) {
        if (!(g->helpers >> h & 1u))
            continue;
        if (encoders && HELPER_ENC[h] != NULL)
            cg_buf_printf(b, "\n\n%s", HELPER_ENC[h]);
        if (HELPER_DEC[h] != NULL)
            cg_buf_printf(b, "\n\n%s", HELPER_DEC[h]);
    }
}

/* ---- one type's encoder ---- */

static void params(cg_buf *b, const cg_named *n, const char *prefix)
{
    for (int i = 0; i < n->decl->nparams; i++)
        cg_buf_printf(b, " %s_%s", prefix, n->decl->params[i]);
}

static void encode_ctors(gen *g, cg_buf *b, const cg_named *n)
{
    cg_buf_puts(b, "    case x1 of\n");
    for (int k = 0; k < n->nctors; k++) {
        int first = g->counter + 1;
        cg_buf_printf(b, "%s        %s", k ? "\n" : "", cg_ctor_name(g->a, n, k, &g->nm));
        for (int i = 0; i < n->ctor_nargs[k]; i++)
            cg_buf_printf(b, " x%d", ++g->counter);
        cg_buf_printf(b,
                      " ->\n            Json.Encode.object [ ( \"%s\", Json.Encode.list identity [",
                      n->ctor_names[k]);
        for (int i = 0; i < n->ctor_nargs[k]; i++) {
            cg_buf_puts(b, i ? ", " : " ");
            cg_enc_value(g, b, n->ctor_args[k][i], cg_printf(g->a, "x%d", first + i));
        }
        cg_buf_puts(b, n->ctor_nargs[k] ? " ] ) ]\n" : "] ) ]\n");
    }
}

static void write_encoder(gen *g, cg_buf *b, const cg_named *n)
{
    cg_naming nm = g->nm;
    const cg_type *body = n->alias_body;
    g->counter = 1;
    g->current = n;
    cg_buf_printf(b, "\n\njsonEncode_%s : ", n->mangled);
    for (int i = 0; i < n->decl->nparams; i++)
        cg_buf_printf(b, "(%s -> Json.Encode.Value) -> ", n->decl->params[i]);
    cg_write_named_self(b, n, &nm, 0);
    cg_buf_printf(b, " -> Json.Encode.Value\njsonEncode_%s", n->mangled);
    params(b, n, "encode");
    cg_buf_puts(b, " x1 =\n");
    if (!n->is_alias) {
        encode_ctors(g, b, n);
    } else if (body->kind == RT_RECORD && body->nfields > 0) {
        cg_buf_puts(b, "    Json.Encode.object\n");
        for (int i = 0; i < body->nfields; i++) {
            cg_buf_printf(b, "        %s ( \"%s\", ", i ? "," : "[", body->fields[i]);
            cg_enc_value(g, b, body->ftypes[i], cg_printf(g->a, "x1.%s", body->fields[i]));
            cg_buf_puts(b, " )\n");
        }
        cg_buf_puts(b, "        ]\n");
    } else {
        cg_buf_puts(b, "    ");
        cg_enc_value(g, b, body, "x1");
        cg_buf_puts(b, "\n");
    }
}

/* ---- one type's decoder ---- */

typedef struct ctor_ud {
    const cg_named *n;
    int k;
} ctor_ud;

static void index_arg(gen *g, cg_buf *b, int i, void *ud)
{
    const ctor_ud *c = ud;
    cg_buf_printf(b, "Json.Decode.index %d ", i);
    cg_dec(g, b, c->n->ctor_args[c->k][i], 1);
}

static void decode_ctors(gen *g, cg_buf *b, const cg_named *n)
{
    cg_buf_puts(b, "    Json.Decode.oneOf\n");
    for (int k = 0; k < n->nctors; k++) {
        ctor_ud ud = {n, k};
        cg_buf_printf(b, "        %s Json.Decode.field \"%s\" (", k ? "," : "[", n->ctor_names[k]);
        cg_dec_apply(g, b, cg_ctor_name(g->a, n, k, &g->nm), n->ctor_nargs[k], " ", index_arg, &ud);
        cg_buf_puts(b, ")\n");
    }
    cg_buf_puts(b, "        ]\n");
}

void cg_write_decoder(gen *g, cg_buf *b, const cg_named *n)
{
    cg_naming nm = cg_naming_for(g, n);
    const cg_type *body = n->alias_body;
    g->counter = 0;
    g->current = n;
    cg_buf_printf(b, "\n\njsonDecode_%s : ", n->mangled);
    for (int i = 0; i < n->decl->nparams; i++) {
        cg_buf_puts(b, "Json.Decode.Decoder ");
        cg_write_type(b, &(cg_type){.kind = RT_VAR, .var = n->decl->params[i]}, &nm, 1);
        cg_buf_puts(b, " -> ");
    }
    cg_buf_puts(b, "Json.Decode.Decoder ");
    cg_write_named_self(b, n, &nm, 1);
    cg_buf_printf(b, "\njsonDecode_%s", n->mangled);
    params(b, n, "decode");
    cg_buf_puts(b, " =\n");
    if (!n->is_alias) {
        decode_ctors(g, b, n);
    } else {
        cg_buf_puts(b, "    ");
        if (body->kind == RT_RECORD)
            cg_dec_record(g, b, body, "\n        ");
        else
            cg_dec(g, b, body, 0);
        cg_buf_puts(b, "\n");
    }
}

/* ---- the codec module ---- */

static void write_serialize(gen *g, cg_buf *b)
{
    cg_naming nm = g->nm;
    g->counter = 1;
    g->current = NULL;
    cg_buf_puts(b, "\n\nserializeState : ");
    cg_write_type(b, g->app->state, &nm, 0);
    cg_buf_puts(b, " -> String\nserializeState x1 =\n    Json.Encode.encode 0 (");
    cg_enc_value(g, b, g->app->state, "x1");
    cg_buf_puts(b, ")\n\n\ndeserializeState : String -> Result String ");
    cg_write_type(b, g->app->state, &nm, 1);
    cg_buf_puts(b, "\ndeserializeState x1 =\n    Result.mapError Json.Decode.errorToString "
                   "(Json.Decode.decodeString ");
    cg_dec(g, b, g->app->state, 1);
    cg_buf_puts(b, " x1)\n");
}

void cg_generate(const cg_app *app, const cg_gen_opts *o, cg_buf *out)
{
    gen g;
    cg_buf body;
    static const char *const enc_imports[] = {"Json.Decode", "Json.Encode", NULL};
    static const char *const dec_imports[] = {"Json.Decode", NULL};
    cg_gen_init(&g, app, out->arena, o->declare_types);
    cg_buf_init(&body, out->arena);
    if (o->declare_types)
        cg_write_type_copies(&g, &body);
    if (o->serialize_fns)
        write_serialize(&g, &body);
    if (o->decode_state_fn) {
        g.current = NULL;
        cg_buf_puts(&body, "\n\ndecodeState : Json.Decode.Decoder ");
        cg_write_type(&body, app->state, &g.nm, 1);
        cg_buf_puts(&body, "\ndecodeState =\n    ");
        cg_dec(&g, &body, app->state, 0);
        cg_buf_puts(&body, "\n");
    }
    for (int i = 0; i < app->nnamed; i++) {
        if (o->encoders)
            write_encoder(&g, &body, app->named[i]);
        cg_write_decoder(&g, &body, app->named[i]);
    }
    cg_write_helpers(&g, &body, o->encoders);
    cg_buf_printf(out, "%s\n\nmodule %s exposing (..)\n\n", o->header, o->module);
    cg_write_imports(app, out, !o->declare_types, o->encoders ? enc_imports : dec_imports);
    cg_buf_puts(out, body.data);
}
