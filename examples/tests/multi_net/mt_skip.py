# A test that finds its instance unable to take part skips while being started: the whole test
# is skipped and later instances are not started.


def instance0():
    try:
        import no_such_module_for_mpunit
    except ImportError:
        multitest.skip()
    multitest.next()


def instance1():
    multitest.next()
    print("never started")
