scope.app = (function (parse, process, context) {
    // elm-analyse's parser as a plain JavaScript app: every event is an Elm module's source, parsed
    // and processed as analyse.driver.js does; the state counts the modules, so every event is
    // logged.
    return {
        init: function () { return { modules: 0 }; },
        update: function (event, state) {
            var r = parse(event);
            if (r.$ !== 0 && r.$ !== 'Ok')
                return [state, 'error: the module does not parse'];
            A2(process, context, r.a);
            var next = { modules: state.modules + 1 };
            return [next, 'parsed=' + next.modules];
        },
        serialize: function (state) { return JSON.stringify(state); },
        deserialize: function (text) { return JSON.parse(text); }
    };
}($stil4m$elm_syntax$Elm$Parser$parse, $stil4m$elm_syntax$Elm$Processing$process, $stil4m$elm_syntax$Elm$Processing$init));
