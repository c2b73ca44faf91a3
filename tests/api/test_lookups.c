/* test_lookups.c - lib/duktape/lookups.patch answers property reads by name, `instanceof` and
 * variable reads and calls by name through shortcuts; what apps can observe must stay what
 * Duktape's generic paths give. The probe (tests/fixtures/lookups_probe.js) asks at every edge of
 * the shortcuts' conditions: accessors own and inherited (also on Object.prototype), Proxies,
 * virtual properties (arrays, String objects, typed arrays) met on the prototype chain, the lazily
 * created `prototype`, `caller`, arguments, symbols, index-like keys, hash-part objects, the
 * prototype chain limit; a custom @@hasInstance, bound functions, a changed or invalid
 * `prototype` (instanceof.patch: an own @@hasInstance accessor, one on a prototype in between, a
 * function inheriting from Object.prototype, a non-callable right-hand side, natives, bound
 * functions, a Proxy; instancewalk.patch: Proxies on the left-hand side's chain, a `prototype` not
 * made yet, replaced or not an object, primitives, the chain's length limit); closures of one
 * function with different outer records created and dropped in turn, shadowing, variables
 * declared later by eval in a record the closure's lookup passes through, catch and with scopes,
 * globals, recompiled code, undeclared names; object literals (literals.patch): duplicate,
 * computed, index-like and `__proto__` keys, accessors, a literal larger than the entry part's
 * first size, a setter on Object.prototype; for-in (forin.patch reads the enumerator's own state
 * from its slots): keys deleted or added during the loop, nested loops over one object, inherited,
 * shadowed, non-enumerable and index-like keys, arrays and strings, Proxies as the object and on
 * its prototype chain; closures (newprops.patch writes a new closure's properties and a new scope's
 * variables straight into their tables): own property names, order and descriptors, length and name
 * of named, anonymous and getter functions, properties redefined, deleted and added later, frozen
 * functions, errors' line numbers and stacks, twenty variables captured (a table with a hash part),
 * arguments, variables added by eval to a scope with closures, a record freed and another made at
 * its address while a cache slot still named it (lookups.patch read that new, still open record's
 * placeholder as the variable's value: fixed in 2026-11); calls (calls.patch sets up a call from
 * compiled code to a compiled function directly): 'this' of sloppy and strict functions, primitives
 * as 'this', missing and extra arguments (the registers past a function's parameters start
 * undefined), 'arguments', closures and eval in the callee, recursion deep enough to grow the value
 * stack after activations were cached, the call stack and native call depth limits, tail calls,
 * errors thrown through callers and their stacks' line numbers, bound functions, Proxies,
 * constructors and calls from getters and sort callbacks; returns (returns.patch returns to a
 * compiled caller in place): values of every kind, through finally, catch and labelled loops, from
 * calls that made closures or used eval, arguments or with; strings (strings.patch): concatenations
 * whose results are shorter and longer than 256 bytes, multi-byte characters and surrogate halves,
 * method reads on primitive strings, alone and with objects at one site, String.prototype's
 * methods replaced, deleted and defined again, getters on it, symbols; RegExp.prototype.test()
 * (regexp.patch drops the result array): global and not, lastIndex set out of range and to an
 * object, errors, and exec, replace, split, match and search beside it; new RegExp instances
 * (regexp.patch adds their properties to a table sized once): own names, lastIndex's descriptor,
 * source and flags; new object literals (newobj.patch allocates the table of a literal of 1 to 7
 * names at its size at once): literals of 0 to 9 names grown past their table, shrunk and
 * enumerated, lists of cells, duplicate names, frozen literals, accessors; labels (labels.patch
 * drops the run-time catchers no break or continue looks up): breaks and continues through
 * switches, nested loops, finally, catch and with, labelled blocks and ifs, returns and errors from
 * inside loops, recursion, elm make's tail-call loop, a labelled try; names an object lacks
 * (misses.patch reads them from the prototype chain in place): on plain objects, on objects without
 * a prototype, elm make's tuple comparison, arrays' methods, properties and accessors added to and
 * deleted from Object.prototype and Array.prototype between reads, functions, bound functions,
 * arguments, String objects, arrays, typed arrays and Proxies as prototypes, methods called and
 * missing, chains of 12 to 20 prototypes (the walk stops at 16); tail calls (tailcalls.patch
 * sets up `return f(...)` in place): 30,000 deep through two functions, more and fewer arguments
 * than the function takes, 'this' for strict and non-strict functions, and tail calls the patch
 * leaves to the general path (native, bound, from a function with a closure, 'arguments', a try,
 * a labelled loop or a with, to an undefined name). The expected answer below
 * is what Duktape gives without these patches (checked by building the library without them), but
 * for label-try, where Duktape 2.7.0 threw "INVALID opcode" (labels.patch fixes it). The probe runs
 * three times in one heap (the cache filled), and again in a fresh heap loaded from the process's
 * bytecode cache. PROBE_OUT=1 prints its answers. */
#include "support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char EXPECTED[] =
    "own=oo\n"
    "inherited=i,i\n"
    "missing=undefined,false\n"
    "changed=op\n"
    "getter-inherited=getter:mine\n"
    "getter-own=mine!\n"
    "setter-only=undefined\n"
    "getter-object-prototype=proto-getter,proto-getter\n"
    "getter-deleted=undefined\n"
    "array-length=3n2undefined\n"
    "inherits-array=3,8\n"
    "string-object=3b3\n"
    "string-primitive=4c\n"
    "typed-array=4,5,4,4\n"
    "function-prototype=objecttruetrue\n"
    "arguments=2,x,function\n"
    "caller=undefined\n"
    "symbol-key=symsym\n"
    "numeric-string-key=zerozeronot-index\n"
    "many-props=349\n"
    "proxy=trap:a,undefined\n"
    "primitive-bases=5.0trueundefined\n"
    "null-base=throws TypeError\n"
    "chain-limit-missing=throws RangeError\n"
    "chain-near-limit=top\n"
    "class-method=9\n"
    "instanceof-string=true,false,false\n"
    "instanceof-chain=true,true,true\n"
    "instanceof-custom=true,false\n"
    "instanceof-bound=true\n"
    "instanceof-prototype-changed=false\n"
    "instanceof-not-callable=throws TypeError\n"
    "instanceof-bad-prototype=throws TypeError\n"
    "instanceof-primitive=false\n"
    "hasinstance-direct=true\n"
    "hasinstance-desc=false,false,false\n"
    "hasinstance-on-prototype-chain=true,function\n"
    "instanceof-own-accessor=true,false,2\n"
    "instanceof-hasinstance-between=true,false\n"
    "instanceof-proto-changed-plain=true,undefined\n"
    "instanceof-non-callable-fnproto=throws TypeError\n"
    "instanceof-native-and-bound=true,true,true,true,false\n"
    "instanceof-prototype-accessor=throws TypeError\n"
    "instanceof-prototype-getter-added=true,false,2\n"
    "instanceof-proxy-rhs=true,sym/prototype\n"
    "instanceof-proxy-lhs=true,true,true,true,false,true\n"
    "instanceof-lazy-prototype=false,false,true,true\n"
    "instanceof-chain-limit=true,false,true,false,true,false,true,false,RangeError,RangeError\n"
    "instanceof-primitives-and-natives=false,false,false,false,false,true,true,true,true,true\n"
    "instanceof-prototype-replaced=true,false,true,TypeError,false\n"
    "outer-updated=0:1,1:2\n"
    "outer-loop=100,102\n"
    "closures=0/0,1/3,2/4,3/5...298/596,299/301\n"
    "shadowing=wrapper,inner,inner,wrapper\n"
    "assigned-later=wrapper,changed\n"
    "eval-declares=changed,changed,changed,ex\n"
    "eval-shadows-later=changed,,eval;changed,,eval\n"
    "eval-in-closure=changed,mine,changed,mine\n"
    "catch-scope=thrown,outer\n"
    "with-scope=string,undefined\n"
    "global=none,set,none\n"
    "undeclared=throws ReferenceError\n"
    "recompiled=10,21,32\n"
    "recursion=610\n"
    "call-by-name-this=undefined\n"
    "call-by-name-this-after-temporaries=undefined,object,undefined,undefined,undefined,"
    "undefined2undefined\n"
    "literal-fields=$:1wec,a:xwec,b:7wec\n"
    "literal-order={\"z\":1,\"a\":2,\"m\":3}b,a\n"
    "literal-duplicate=a:3wec,b:2wec|{\"a\":3,\"b\":2}\n"
    "literal-proto-key=__proto__,own|undefined|true\n"
    "literal-computed=0,1,3,c1|2|threezeroone\n"
    "literal-index-keys=1,2,x{\"1\":\"a\",\"2\":\"b\",\"x\":\"x\"}\n"
    "literal-accessor=6p:1wec\n"
    "literal-big=39,k0=again,38,21\n"
    "literal-nested=e{\"a\":{\"b\":{\"c\":[1,{\"d\":\"e\"}]}}}\n"
    "literal-in-loop=[{\"i\":0,\"sq\":0,\"tag\":\"even\"},{\"i\":1,"
    "\"sq\":1,\"tag\":\"odd\"},{\"i\":2,\"sq\":4,\"tag\":\"even\"}]\n"
    "literal-frozen-after=1true\n"
    "literal-object-prototype-setter=none,trap:1wec\n"
    "forin-plain=b,a,c\n"
    "forin-inherited=own,shadow,inh\n"
    "forin-delete-during=a,b,d\n"
    "forin-add-during=a,b|a,b,na,nb\n"
    "forin-nested-same=xx,xy,yx,yy\n"
    "forin-break-continue=a,c\n"
    "forin-array-string=0,1,extra|0,1|0,1\n"
    "forin-index-keys=1,2,b,a\n"
    "forin-proxy=|t1,t2\n"
    "forin-proxy-on-chain=own\n"
    "forin-nonenumerable=a|a\n"
    "forin-null-undefined=||\n"
    "forin-many-keys=k0,k7,k14,k1,k8,k15,k2,k9,k16,k3,k10,k17,k4,k11,k18,k5,k12,k19,k6,k13|161|"
    "20\n"
    "forin-deleted-before=a,c,e,f|only|\n"
    "forin-symbols-and-hidden=a,b,d\n"
    "forin-object-prototype-enumerable=a,zzExtra,b|a,zzExtra|p,a,zzExtra|a\n"
    "forin-record-update={\"name\":\"n\",\"score\":2,\"pos\":{\"x\":1}}\n"
    "closure-own-names=fileName,length,name,prototype|fileName,length,name,prototype|fileName,"
    "length,prototype\n"
    "closure-descriptors=length:3c,name:\"named3\"c,name:\"inner\"c,name:none,length:0c\n"
    "closure-lengths=0,1,2,9\n"
    "closure-inherited-name=string:\"\",false\n"
    "closure-to-string=function inner() { [ecmascript code] }|function () { [ecmascript code] }\n"
    "closure-redefine=fileName,length,extra,more,prototype|9,,12\n"
    "closure-frozen=true,undefined,length:0\n"
    "closure-self-name=120\n"
    "closure-getter-method=fileName,length,name|undefined\n"
    "closure-error-line=1,string,a line below the reference\n"
    "closure-stack-names=innerName>[anon]\n"
    "closure-many-vars=7.55.9.10.15.14|0.55.9.10.15.19|3.55.9.10.15.6|7.55.9.10.15.14\n"
    "closure-loop-capture=0:0,5:25,10:100\n"
    "closure-arguments=3:Ay,A\n"
    "closure-eval-adds-var=number\n"
    "closure-eval-in-scope=3\n"
    "closure-record-reused-open=0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,"
    "25,26,27,28,29\n"
    "closure-nested-depth=10,11\n"
    "site-shapes=1,2,3,inh,undefined,acc,trap,arr,fn,str,args,hashed,moved,gone,frozen,acc,1,"
    "changed,now-acc,inh,undefined,acc,trap,arr,fn,str,args,hashed,moved,undefined,frozen,acc"
    "\n"
    "site-prototype=string,object=Ctor,string,undefined,undefined,object=Ctor,string|true\n"
    "site-caller=plain,plain2,undefined,,again,TypeError,TypeError,function\n"
    "site-index-key=lit,added,b,x,b,y\n"
    "site-arguments-mapped=orig,changed,changed;o2,changed,changed\n"
    "site-length=3,4,2,7,8,3,2,5,9\n"
    "site-method=one,two,TypeError:5 not callable (property 'm' of [object Object]),TypeError"
    ":'str' not callable (property 'm' of [object Object]),via-getter,one,TypeError:undefined"
    " not callable (property 'm' of [object Object]),trap,one,-Infinity,one\n"
    "deep-chains=shadow0:0b/shadow0:0b,l0:1a/shadow0:0b,l0:2b/l0:1a,shadow3:3a/l0:2b...l0:37a"
    "/shadow36:36b,l0:38b/l0:37a,shadow39:39a/l0:38b\n"
    "deep-open-between=l01,l01,l01;l02,l02,declared2;l03,l03,l03\n"
    "deep-eval-after-cache=l01,l01,l01;l02,l02,declared2;l03,l03,l03;l0,l0,,eval;l0,l0,,eval"
    "\n"
    "deep-open-holds=l0,p1p1,l0,p2p2\n"
    "deep-eval-binding-deleted=evalvar,evalvar,true,near,near\n"
    "deep-catch-between=c0l0,c1l0,c2l0,outer-e\n"
    "deep-global=ReferenceError,a,a,b,ReferenceError,getter,data,data,in-place,c,c,functionnu"
    "mber\n"
    "deep-global-shadowed-later=number,string,string\n"
    "call-this=object,true,true,undefined,true,true,object,object,\n"
    "call-this-primitive=objecttrue,stringfalse,objectfalse,Boolean\n"
    "call-args=undefined,undefined|number,undefined|number,string|number,string|0:undefined:u"
    "ndefined|3:1:3|0|2|undefinedundefinedundefined|numberundefinedundefined\n"
    "call-tail=done\n"
    "call-extra-args-released=100,x\n"
    "call-closure-of-callee=1:2:13,1:2:113,x:y:xyz,3:undefined:NaN\n"
    "call-eval-in-callee=42,7,undefined\n"
    "call-deep=3000,1110770,76220,10\n"
    "call-too-deep=RangeError9994,RangeError9994,5\n"
    "call-native-depth=RangeError,499,RangeError,499\n"
    "call-throw-through=from thrower:1,from thrower:1\n"
    "call-stack-lines=inner@1>mid@4>[anon]@6\n"
    "return-kinds=true,3,4.5,v4,const,undefined,true,12884901888,-Infinity,iife,function\n"
    "return-through-finally=2,2,c3,after,inner,f1o2\n"
    "return-with-scope=11,12,1,5,2,w\n"
    "call-non-functions=string,number|number,number|4|3|iife|TypeError|TypeError\n"
    "call-recursion-in-getter=23,123\n"
    "regexp-test=true,false,false,0,false,true,true,false,true,true,true\n"
    "regexp-test-global=true:2,true:4,true:7,false:0,true:2,false:0,false:0\n"
    "regexp-test-lastindex=true,1,object,false,0,2,true,7,false,0\n"
    "regexp-test-errors=TypeError,coerce,true\n"
    "regexp-instance=true,5,0,Infinity,number,lastIndex/extra,lastIndex,,true,false,false,{},"
    "x(y),true,true,false,a+,true,/x(y)/gi,true,true,true,true,false\n"
    "regexp-others=3,12-,12,,3,ab 12- cd,a#b#c,a|b|c,[\"1\",\"2\"],1\n"
    "string-concat-lengths=0:true:NaN 128:true:233 257:true:233 1:true:97 129:true:233 258:tr"
    "ue:233 127:true:97 255:true:233 384:true:233 128:true:97 256:true:233 385:true:233 255:t"
    "rue:97 383:true:233 512:true:233 256:true:97 384:true:233 513:true:233 257:true:97 385:t"
    "rue:233 514:true:233 300:true:97 428:true:233 557:true:233|1,true,2,true,12nullxT!\n"
    "string-method-reads=e,el,5,h,undefined,true,hello,own0,object-proto,string-proto,object-"
    "proto,own2,object-proto,e,obj,replaced,undefined,undefined,ello,object,string,,Symbol(d)"
    ",undefined,e,0\n"
    "newobj-sizes=13:5x0x1x2x4x5x6x7x8x9x10x11a:again11undefinedtruefive "
    "13:5x0x1x2x4x5x6x7x8x9x10x11"
    "a:again11undefinedtruefive 14:5bx0x1x2x4x5x6x7x8x9x10x11a:again112truefive "
    "15:5bcx0x1x2x4x5x6x7x"
    "8x9x10x11a:again112truefive 16:5$bcx0x1x2x4x5x6x7x8x9x10x11a:again112truefive "
    "17:5bcdex0x1x2x4x5"
    "x6x7x8x9x10x11a:again112truefive 18:5bcdefx0x1x2x4x5x6x7x8x9x10x11a:again112truefive "
    "19:5bcdefgx"
    "0x1x2x4x5x6x7x8x9x10x11a:again112truefive "
    "20:5bcdefghx0x1x2x4x5x6x7x8x9x10x11a:again112truefive "
    "21:5bcdefghix0x1x2x4x5x6x7x8x9x10x11a:again112truefive\n"
    "newobj-shapes=19900,{\"$\":\"Just\",\"a\":{\"x\":1,\"y\":[2,{\"z\":3}]}},{\"a\":3,\"b\":2,"
    "\"c\":"
    "4},abc,true,,g,function,a,hidden,ah\n"
    "label-continue-own=24:6\n"
    "label-continue-from-switch=o1.t2.z3o4.t5:1\n"
    "label-break-nested=00,01,10,|:20\n"
    "label-finally=b0f0e0f1b2f2e2f3:3\n"
    "label-finally-nested=in00,o00,in01,o01,in10,o10,in11,o11,in20,o20:20\n"
    "label-catch=t1a1ce2t3a3t5a5:5\n"
    "label-block=13k056\n"
    "label-with=w0w1:1\n"
    "label-return=2,-1,r1,f2\n"
    "label-throw-through=at0,at1,at2,done3\n"
    "label-recursion=126\n"
    "label-tail-loop=1275\n"
    "label-try=123456\n"
    "label-for-in=a0c0\n"
    "miss-plain=undefined,,undefined,true\n"
    "miss-tuple-compare=-1,1,1,9\n"
    "miss-array-methods=4,function,3,3-1-2,own,undefined\n"
    "miss-prototype-changes=//,op/op/,op/ap/s1,op/ap/s2,op/getter1/s2,//s2\n"
    "miss-special-holders=function,undefined,undefined,2,object,3,2,2,\n"
    "miss-chain-lengths=t12undefined,t13undefined,t14undefined,t15undefined,t16undefined,"
    "t17undefined,t18undefined,t19undefined,t20undefined\n"
    "miss-method-calls=[object Object],true,3,TypeError,TypeError\n"
    "tail-deep=e30000\n"
    "tail-args=12undefined,5undefinedundefined,undefinedundefinedundefined\n"
    "tail-this=Guobjectobjectobjectobject\n"
    "tail-kinds=4bc2tl2wkReferenceError";

static void expect_probe(persist_store *s)
{
    int round;
    for (round = 0; round < 3; round++) {
        char *resp = ts_submit(s, "probe");
        if (getenv("PROBE_OUT") != NULL)
            fprintf(stderr, "%s\n----\n", resp);
        assert_string_equal(resp, EXPECTED);
        persist_free(resp);
    }
}

static void test_shortcuts_answer_as_the_generic_paths(void **state)
{
    char *dir = ts_tmpdir();
    persist_store *s = ts_open(dir, NULL);
    (void)state;
    ts_deploy(s, "lookups_probe.js", PERSIST_DEPLOY_INIT);
    expect_probe(s);
    TS_OK(s, persist_store_restore(s));
    expect_probe(s);
    persist_store_close(s);
    ts_rmrf(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_shortcuts_answer_as_the_generic_paths),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
