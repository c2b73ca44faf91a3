# tests/elm-codegen/suite.mk - persist-elm-codegen's golden, error, --check and exit-code tests
# (tests/elm-codegen/run.sh). Runs in
# `make test`. Not in `make test` (npm tools): `make check-elm-format` (elm-format --validate on the
# golden Elm files) and `make check-elm-types` (elm 0.19.1 type-checks them); each skips when absent.
.PHONY: elm-codegen-test check-elm-format check-elm-types
elm-codegen-test: $(ELM_CODEGEN)
	@./tests/elm-codegen/run.sh $(ELM_CODEGEN)

ELM_FORMAT ?= elm-format
check-elm-format:
	@if command -v $(ELM_FORMAT) >/dev/null 2>&1; then \
	    $(ELM_FORMAT) --validate $$(find tests/elm-codegen -path '*/expected/*.elm') && \
	    echo "check-elm-format: the golden Elm files are elm-format's formatting"; \
	else ./tests/skip.sh check-elm-format "elm-format is not installed" "npm install -g elm-format"; fi

EXTRA_TESTS += elm-codegen-test

# The golden modules compiled by a real elm 0.19.1 against the package stand-ins (tests/elm/README.md).
ELM ?= elm

check-elm-types:
	@if command -v $(ELM) >/dev/null 2>&1; then ELM=$(ELM) ./tests/elm-codegen/typecheck.sh; \
	else ./tests/skip.sh check-elm-types "the elm 0.19.1 compiler is not installed" \
	    "npm install @elm_binaries/linux_x64@0.19.1-0 and put its elm on PATH"; fi
