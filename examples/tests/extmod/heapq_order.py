# heapq: a priority queue of (priority, name) tuples
import heapq

heap = []
for item in [(5, "write"), (1, "wake"), (3, "code"), (4, "test"), (2, "coffee")]:
    heapq.heappush(heap, item)
print(heap[0], len(heap))
print([heapq.heappop(heap)[1] for _ in range(len(heap))])
data = [9, 4, 7, 1, 8, 2]
heapq.heapify(data)
print(data[0], [heapq.heappop(data) for _ in range(3)], sorted(data))
try:
    heapq.heappop([])
except IndexError:
    print("IndexError")
