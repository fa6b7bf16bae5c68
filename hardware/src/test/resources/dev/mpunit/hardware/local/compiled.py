# A test of mpunit's own, compiled by mpy-cross (v1.29.0-preview) into compiled.mpy beside it.
print('compiled', __name__)
for i in range(3):
    print(i * i)
