"""The command-line commands, apart from the stages they call: build, check, bib, import,
init."""
