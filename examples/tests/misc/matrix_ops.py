# integer matrices as lists of lists


def matmul(a, b):
    return [[sum(a[i][k] * b[k][j] for k in range(len(b))) for j in range(len(b[0]))]
            for i in range(len(a))]


def transpose(m):
    return [list(row) for row in zip(*m)]


def identity(n):
    return [[1 if i == j else 0 for j in range(n)] for i in range(n)]


a = [[1, 2], [3, 4]]
b = [[0, 1], [1, 0]]
print(matmul(a, b), matmul(b, a))
print(transpose([[1, 2, 3], [4, 5, 6]]))
print(matmul(a, identity(2)) == a)
p = identity(2)
for _ in range(5):
    p = matmul(p, a)
print(p)
