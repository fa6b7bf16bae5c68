# Instances that never read their input (multitest.wait): this runs on instances that cannot be
# written to while they run, such as the webassembly REPL on a pty.


def instance0():
    # The globals an instance sets are for the instances started after it, not for itself.
    multitest.globals(LIMIT=4)
    print("squares", [i * i for i in range(4)])
    multitest.next()
    multitest.output_metric("items 4")


def instance1():
    print("cubes", [i * i * i for i in range(LIMIT)])
    multitest.next()
    print("instance1 end")
