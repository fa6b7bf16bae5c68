# socket is optional in MicroPython; webassembly has none and reports SKIP.
# Where it exists the output is compared with CPython's.
try:
    import socket
except ImportError:
    print("SKIP")
    raise SystemExit

s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
print(socket.AF_INET != socket.AF_INET6 if hasattr(socket, "AF_INET6") else True)
s.close()
print("created and closed")
