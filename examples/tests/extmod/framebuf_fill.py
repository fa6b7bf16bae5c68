# framebuf drawing on a 1-bit MONO_HLSB buffer: 8 pixels wide, one byte per
# row, bit 7 is the leftmost pixel
import framebuf

buf = bytearray(4)
fb = framebuf.FrameBuffer(buf, 8, 4, framebuf.MONO_HLSB)


def show():
    print(["{:08b}".format(b) for b in buf])


fb.pixel(0, 0, 1)
fb.pixel(7, 3, 1)
show()
print(fb.pixel(0, 0), fb.pixel(1, 0), fb.pixel(7, 3))
fb.fill(0)
fb.hline(1, 1, 4, 1)
fb.vline(6, 0, 4, 1)
show()
fb.fill(1)
fb.fill_rect(2, 1, 4, 2, 0)
show()
fb.fill(0)
fb.rect(0, 0, 8, 4, 1)
show()
fb.scroll(1, 0)  # shift right; the vacated column keeps its old pixels
show()
fb.pixel(100, 100, 1)  # outside the buffer: ignored
print(fb.pixel(100, 100))
