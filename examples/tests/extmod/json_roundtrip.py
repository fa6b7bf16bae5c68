# json: dumps/loads round trips (dicts have one key each, or are compared
# after loading, so the output does not depend on dict ordering)
import json

docs = [
    None, True, False, 0, -17, 3.5, "text", "quote \" and \\ backslash",
    [], [1, [2, [3]]], {}, {"key": [1, 2, {"deep": None}]},
]
for doc in docs:
    text = json.dumps(doc)
    print(text, json.loads(text) == doc)

data = json.loads('{"name": "mpunit", "tags": ["a", "b"], "n": 2, "ok": true}')
print(sorted(data.keys()), data["tags"], data["n"] + 1, data["ok"])
print(json.loads(" [1 , 2 ,\n 3] "), json.loads('"\\u0041\\n"'))
for bad in ("[1, 2", "{'single': 1}", ""):
    try:
        json.loads(bad)
        print("parsed", bad)
    except ValueError:
        print("ValueError")
