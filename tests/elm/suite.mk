# tests/elm/suite.mk - the Elm fixtures' build (tests/elm/README.md). Not part of `make test`:
# `make elm-fixtures` compiles every Elm fixture app with a real elm 0.19.1 against the package
# stand-ins in tests/elm/packages and writes the committed compiled files; `make
# check-elm-fixtures` only compares. Both skip when the compiler is not installed.
.PHONY: elm-fixtures check-elm-fixtures
ELM ?= elm
ELM_NOT_FOUND = ./tests/skip.sh $@ "the elm 0.19.1 compiler is not installed" \
    "npm install @elm_binaries/linux_x64@0.19.1-0 and put its elm on PATH or set ELM"

elm-fixtures:
	@if command -v $(ELM) >/dev/null 2>&1; then ELM=$(ELM) ./tests/elm/build-fixtures.sh; \
	else $(ELM_NOT_FOUND); fi
check-elm-fixtures:
	@if command -v $(ELM) >/dev/null 2>&1; then ELM=$(ELM) ./tests/elm/build-fixtures.sh --check; \
	else $(ELM_NOT_FOUND); fi
