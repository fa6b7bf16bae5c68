# a feature check that finds the feature present and runs: json exists on
# webassembly (and CPython), so the test body executes
try:
    import json
except ImportError:
    print("SKIP")
    raise SystemExit

config = json.loads('{"retries": 3, "hosts": ["a", "b"]}')
print(config["retries"], config["hosts"])
print(json.dumps(config["hosts"]))
