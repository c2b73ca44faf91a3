# Documentation checks: every relative link in the Markdown points to a file (and heading) that
# exists, and every `persist COMMAND` the docs name is a command of the built tool.
.PHONY: docs-test
docs-test: $(BUILD)/persist
	@if command -v python3 >/dev/null 2>&1; then \
	    python3 tests/docs/check_docs.py $(BUILD)/persist; \
	else \
	    ./tests/skip.sh docs "python3 is not installed" "apt-get install python3"; \
	fi

EXTRA_TESTS += docs-test
