# mpunit REPL check: Ctrl-B moves the cursor left (emacs keys)
v = 54
v == 45
