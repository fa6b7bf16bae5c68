# list construction, mutation and the common list methods
a = [3, 1, 4, 1, 5, 9, 2, 6]
print(len(a), a[0], a[-1])
a.append(5)
a.extend([3, 5])
print(a)
print(a.count(5), a.index(9))
a.insert(0, 0)
a.insert(100, 7)
print(a)
print(a.pop(), a.pop(0), a)
a.remove(1)
print(a)
a.reverse()
print(a)
a.sort()
print(a)
print([1, 2] + [3], [0] * 3, [] * 5)
print([1, 2, 3] == [1, 2, 3], [1, 2] < [1, 3], [2] > [1, 9])
b = a.copy()
b.clear()
print(a != b, b)
del a[1]
print(a)
print(5 in a, 8 in a)

try:
    [].pop()
except IndexError:
    print("IndexError")
try:
    [1].index(2)
except ValueError:
    print("ValueError")
