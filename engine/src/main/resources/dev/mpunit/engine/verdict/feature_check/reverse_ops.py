# mpunit feature check: reflected operator methods. Only a target without
# them prints "TypeError"; one with them prints nothing.
class Reflected:
    def __rsub__(self, left):
        return None


try:
    7 - Reflected()
except TypeError:
    print("TypeError")
