# cryptolib.aes against the FIPS-197 AES-128 example vector; builds
# without cryptolib (webassembly) report SKIP
try:
    from cryptolib import aes
except ImportError:
    print("SKIP")
    raise SystemExit

from binascii import hexlify, unhexlify

MODE_ECB = 1
key = unhexlify(b"000102030405060708090a0b0c0d0e0f")
plain = unhexlify(b"00112233445566778899aabbccddeeff")
cipher = aes(key, MODE_ECB).encrypt(plain)
print(hexlify(cipher))
# an aes object works in one direction only: decrypt with a fresh one
print(aes(key, MODE_ECB).decrypt(cipher) == plain)
