# tools/elm-codegen.mk - persist-elm-codegen, the Elm codec and migration generator (issue 12).
# Built by `make` (TOOLS), installed by `make install` with its man page.
ELM_CODEGEN_SRC := $(wildcard tools/elm-codegen/*.c)
ELM_CODEGEN := $(BUILD)/persist-elm-codegen
TOOLS += $(ELM_CODEGEN)
FORMAT_FILES += $(ELM_CODEGEN_SRC) $(wildcard tools/elm-codegen/*.h)

$(ELM_CODEGEN): $(ELM_CODEGEN_SRC) $(wildcard tools/elm-codegen/*.h)
	@mkdir -p $(dir $@)
	$(CC) -std=c11 -D_GNU_SOURCE $(WARN) $(CFLAGS) $(if $(SANITIZE),-fsanitize=$(SANITIZE) \
	    -fno-omit-frame-pointer -fno-sanitize-recover=all) $(ELM_CODEGEN_SRC) -o $@ \
	    $(SAN_LDFLAGS) $(shell $(PKG_CONFIG) --cflags --libs jansson 2>/dev/null || echo -ljansson)

.PHONY: install-elm-codegen uninstall-elm-codegen
INSTALL_HOOKS += install-elm-codegen
UNINSTALL_HOOKS += uninstall-elm-codegen
install-elm-codegen: $(ELM_CODEGEN)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1
	install -m 755 $(ELM_CODEGEN) $(DESTDIR)$(BINDIR)/persist-elm-codegen
	install -m 644 docs/persist-elm-codegen.1 $(DESTDIR)$(MANDIR)/man1/persist-elm-codegen.1
uninstall-elm-codegen:
	rm -f $(DESTDIR)$(BINDIR)/persist-elm-codegen $(DESTDIR)$(MANDIR)/man1/persist-elm-codegen.1
