# The runner, with the configured QEMU path filled in.
bin_SCRIPTS += scripts/microkraft-run
CLEANFILES += scripts/microkraft-run
EXTRA_DIST += scripts/microkraft-run.in scripts/install-deps.sh
scripts/microkraft-run: $(srcdir)/scripts/microkraft-run.in Makefile
	$(AM_V_GEN)$(MKDIR_P) scripts && \
	$(SED) -e 's|@QEMU[@]|$(QEMU)|g' $< > $@ && chmod +x $@
