# tests/elm-codegen/suite.mk - persist-elm-codegen's golden, error, --check and exit-code tests
# (tests/elm-codegen/run.sh), and the generated elm-counter codecs kept up to date. Runs in
# `make test`; `make check-elm-format` checks the golden Elm files with elm-format when installed.
.PHONY: elm-codegen-test check-elm-format
elm-codegen-test: $(ELM_CODEGEN)
	@./tests/elm-codegen/run.sh $(ELM_CODEGEN)

ELM_FORMAT ?= elm-format
check-elm-format:
	@if command -v $(ELM_FORMAT) >/dev/null 2>&1; then \
	    $(ELM_FORMAT) --validate $$(find tests/elm-codegen -path '*/expected/*.elm') && \
	    echo "check-elm-format: the golden Elm files are elm-format's formatting"; \
	else ./tests/skip.sh check-elm-format "elm-format is not installed" "npm install -g elm-format"; fi

EXTRA_TESTS += elm-codegen-test
