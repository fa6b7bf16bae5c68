# classes: inheritance, super(), class attributes, properties, special methods


class Shape:
    count = 0

    def __init__(self, name):
        self.name = name
        Shape.count += 1

    def area(self):
        return 0

    def describe(self):
        return "%s with area %d" % (self.name, self.area())

    def __str__(self):
        return "Shape(%s)" % self.name


class Rect(Shape):
    def __init__(self, w, h):
        super().__init__("rect")
        self.w = w
        self.h = h

    def area(self):
        return self.w * self.h


class Square(Rect):
    def __init__(self, side):
        super().__init__(side, side)
        self.name = "square"

    @property
    def side(self):
        return self.w

    @side.setter
    def side(self, value):
        self.w = self.h = value


shapes = [Shape("blob"), Rect(2, 3), Square(4)]
for s in shapes:
    print(s.describe(), str(s))
print(Shape.count)

sq = shapes[2]
sq.side = 5
print(sq.side, sq.area())
print(isinstance(sq, Rect), isinstance(sq, Shape), isinstance(shapes[1], Square))
print(issubclass(Square, Shape), issubclass(Shape, Rect))
print(type(sq).__name__, type(sq) is Square)


class Vec:
    def __init__(self, x, y):
        self.x, self.y = x, y

    def __add__(self, other):
        return Vec(self.x + other.x, self.y + other.y)

    def __eq__(self, other):
        return self.x == other.x and self.y == other.y

    def __len__(self):
        return 2

    def __getitem__(self, i):
        return (self.x, self.y)[i]

    def __repr__(self):
        return "Vec(%d, %d)" % (self.x, self.y)


v = Vec(1, 2) + Vec(3, 4)
print(v, v == Vec(4, 6), len(v), v[0], v[1], list(v))


class Mixin:
    def hello(self):
        return "hello from " + self.who()


class Greeter(Mixin):
    def who(self):
        return "greeter"


print(Greeter().hello())
