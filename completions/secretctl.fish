complete --keep-order --exclusive --command secretctl --arguments "(SECRETCTL_COMPLETE=fish secretctl -- (commandline --current-process --tokenize --cut-at-cursor) (commandline --current-token))"
