# unittest-based tests of a tiny record codec built on json and struct
import json
import struct
import unittest


def encode(record):
    body = json.dumps(record).encode()
    return struct.pack("<H", len(body)) + body


def decode(frame):
    (n,) = struct.unpack("<H", frame[:2])
    if len(frame) != n + 2:
        raise ValueError("bad length")
    return json.loads(frame[2:])


class TestCodec(unittest.TestCase):
    def test_round_trip(self):
        rec = {"id": 7, "tags": ["a", "b"], "ok": True}
        self.assertEqual(decode(encode(rec)), rec)

    def test_header_is_little_endian_length(self):
        frame = encode([1])
        self.assertEqual(frame[:2], b"\x03\x00")
        self.assertEqual(frame[2:], b"[1]")

    def test_truncated_frame_is_rejected(self):
        with self.assertRaises(ValueError):
            decode(encode("hello")[:-1])

    def test_empty_containers(self):
        for value in ([], {}, ""):
            self.assertEqual(decode(encode(value)), value)

    @unittest.skip("demonstrates a skipped case")
    def test_compression(self):
        self.fail("not implemented")


if __name__ == "__main__":
    unittest.main()
