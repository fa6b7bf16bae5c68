# mpunit REPL check: Ctrl-W deletes the word left of the cursor
w = 997
w == 7
