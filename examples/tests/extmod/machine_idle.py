# machine exists on boards and the unix port but not on webassembly, where
# this test reports SKIP (and run-tests.py counts it as skipped)
try:
    import machine
except ImportError:
    print("SKIP")
    raise SystemExit

print(machine.idle())
print("idle returned")
