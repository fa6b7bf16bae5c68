# multitest.get_network_ip(): a board's own address, or on a port without a network module
# (unix, CPython) HOST_IP, the address of the machine that runs the test, which the runner
# injects into tests that call it.


def instance0():
    ip = multitest.get_network_ip()
    print("address", isinstance(ip, str) and ip.count(".") == 3)
    multitest.globals(PEER=ip)
    multitest.next()


def instance1():
    print("peer known", PEER == multitest.get_network_ip() or PEER.count(".") == 3)
    multitest.next()
