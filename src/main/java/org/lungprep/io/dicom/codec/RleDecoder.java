package org.lungprep.io.dicom.codec;

import java.nio.file.Path;

import org.lungprep.core.VolumeIOException;

/**
 * DICOM RLE Lossless (PS3.5 annex G): a 64-byte header with up to 15 segment offsets, one PackBits-coded segment per
 * byte plane, most significant byte first. Grey-level frames of 8 or 16 bits.
 */
final class RleDecoder implements FrameDecoder {

	@Override
	public short[] decode(final byte[] frame, final FrameFormat f, final Path file) throws VolumeIOException {
		if (f.samplesPerPixel() != 1) throw new VolumeIOException(file, "RLE with " + f.samplesPerPixel() + " samples per pixel is not supported");
		final int bytesPerSample = f.bitsAllocated() / 8;
		if (frame.length < 64) throw new VolumeIOException(file, "RLE frame of " + frame.length + " bytes has no header");
		final int segments = (int) u32(frame, 0);
		if (segments != bytesPerSample) throw new VolumeIOException(file, "RLE frame has " + segments + " segments, expected " + bytesPerSample);
		final int n = f.pixelCount();
		final byte[][] planes = new byte[segments][];
		for (int s = 0; s < segments; s++) {
			final long start = u32(frame, 4 + 4 * s);
			final long end = s + 1 < segments ? u32(frame, 8 + 4 * s) : frame.length;
			if (start < 64 || end > frame.length || start > end) throw new VolumeIOException(file, "RLE segment " + s + " offsets " + start + ".." + end + " are outside the frame");
			planes[s] = packBits(frame, (int) start, (int) end, n, file);
		}
		final short[] out = new short[n];
		if (bytesPerSample == 1) {
			for (int i = 0; i < n; i++)
				out[i] = (short) (f.signed() ? planes[0][i] : planes[0][i] & 0xff);
		}
		else {
			for (int i = 0; i < n; i++)
				out[i] = (short) ((planes[0][i] & 0xff) << 8 | planes[1][i] & 0xff);
		}
		return out;
	}

	/** PackBits: n >= 0 copies n+1 literal bytes, -127..-1 repeats the next byte 1-n times, -128 is a no-op. */
	private static byte[] packBits(final byte[] in, int pos, final int end, final int size, final Path file) throws VolumeIOException {
		final byte[] out = new byte[size];
		int o = 0;
		while (o < size) {
			if (pos >= end) throw new VolumeIOException(file, "RLE segment ends after " + o + " of " + size + " bytes");
			final int h = in[pos++];
			if (h >= 0) {
				final int count = h + 1;
				if (pos + count > end || o + count > size) throw new VolumeIOException(file, "corrupt RLE literal run");
				System.arraycopy(in, pos, out, o, count);
				pos += count;
				o += count;
			}
			else if (h != -128) {
				final int count = 1 - h;
				if (pos >= end || o + count > size) throw new VolumeIOException(file, "corrupt RLE replicate run");
				java.util.Arrays.fill(out, o, o + count, in[pos++]);
				o += count;
			}
		}
		return out;
	}

	private static long u32(final byte[] b, final int o) {
		return (b[o] & 0xffL) | (b[o + 1] & 0xffL) << 8 | (b[o + 2] & 0xffL) << 16 | (b[o + 3] & 0xffL) << 24;
	}
}
