# micropython.opt_level: from level 1 on, newly compiled code drops assert
# statements and sees __debug__ as False. It only affects code compiled
# after the call, so the snippets are compiled with exec().
import micropython


def run(level):
    micropython.opt_level(level)
    print("level", micropython.opt_level())
    exec("print('__debug__', __debug__)")
    try:
        exec("assert False, 'checked'")
        print("assert removed")
    except AssertionError as e:
        print("AssertionError", e.args[0])


run(0)
run(1)
run(3)
run(0)
