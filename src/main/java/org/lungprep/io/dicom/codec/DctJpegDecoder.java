package org.lungprep.io.dicom.codec;

import java.nio.file.Path;

import org.lungprep.core.VolumeIOException;

/**
 * Sequential DCT JPEG (ITU T.81 baseline and extended, processes 1, 2 and 4: 8 or 12 bits, Huffman coding), single
 * component, for DICOM 1.2.840.10008.1.2.4.51 whose 12-bit streams the library decoders refuse. Blocks are decoded in
 * raster order (one component: one block per MCU), dequantized, inverse transformed with a separable floating-point
 * IDCT, level-shifted and clamped to the sample precision.
 */
final class DctJpegDecoder implements FrameDecoder {

	private static final int[] ZIGZAG = {
		0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21, 28,
		35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63 };
	private static final double[][] COS = new double[8][8];
	static {
		for (int x = 0; x < 8; x++)
			for (int u = 0; u < 8; u++)
				COS[x][u] = (u == 0 ? Math.sqrt(0.5) : 1) * Math.cos((2 * x + 1) * u * Math.PI / 16) / 2;
	}

	@Override
	public short[] decode(final byte[] data, final FrameFormat f, final Path file) throws VolumeIOException {
		try {
			return new Decoder(data, file).run(f);
		}
		catch (final ArrayIndexOutOfBoundsException e) {
			throw new VolumeIOException(file, "corrupt JPEG stream (ends early)", e);
		}
	}

	/** One decoding. */
	private static final class Decoder {
		private final byte[] b;
		private final Path file;
		private int pos;
		private final int[][] quant = new int[4][];
		private final Huffman[] dc = new Huffman[4], ac = new Huffman[4];
		private int precision, width, height, quantId, restart, hSamp = 1, vSamp = 1;
		private int bitBuffer, bitCount;
		private boolean hitMarker;

		Decoder(final byte[] b, final Path file) {
			this.b = b;
			this.file = file;
		}

		private VolumeIOException error(final String what) {
			return new VolumeIOException(file, "JPEG: " + what);
		}

		short[] run(final FrameFormat f) throws VolumeIOException {
			if (b.length < 4 || (b[0] & 0xff) != 0xFF || (b[1] & 0xff) != 0xD8) throw error("no SOI marker");
			pos = 2;
			while (true) {
				final int marker = nextMarker();
				final int length = u16(pos);
				if (length < 2 || pos + length > b.length) throw error("segment of bad length " + length);
				switch (marker) {
					case 0xC0:
					case 0xC1:
						precision = b[pos + 2] & 0xff;
						height = u16(pos + 3);
						width = u16(pos + 5);
						if ((b[pos + 7] & 0xff) != 1) throw error((b[pos + 7] & 0xff) + " components (only grey-level is supported)");
						hSamp = (b[pos + 9] & 0xff) >> 4;
						vSamp = b[pos + 9] & 0x0f;
						quantId = b[pos + 10] & 0x0f;
						if (precision != 8 && precision != 12) throw error("precision " + precision);
						break;
					case 0xC4:
						huffman(pos + 2, pos + length);
						break;
					case 0xDB:
						quantTables(pos + 2, pos + length);
						break;
					case 0xDD:
						restart = u16(pos + 2);
						break;
					case 0xDA:
						if (width == 0) throw error("no SOF0/SOF1 frame header before the scan");
						if (width != f.columns() || height != f.rows()) throw error("frame is " + width + "x" + height + ", the header says " + f.columns() + "x" + f.rows());
						final int sel = b[pos + 4] & 0xff;
						pos += length;
						return scan(sel >> 4, sel & 0x0f);
					default:
						if (marker >= 0xC2 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC)
							throw error("SOF marker FF" + Integer.toHexString(marker).toUpperCase() + " (progressive, lossless or arithmetic coding) is not a sequential DCT stream");
						break;
				}
				pos += length;
			}
		}

		private int nextMarker() throws VolumeIOException {
			while (pos + 1 < b.length) {
				if ((b[pos] & 0xff) == 0xFF && (b[pos + 1] & 0xff) != 0xFF && (b[pos + 1] & 0xff) != 0) {
					final int m = b[pos + 1] & 0xff;
					pos += 2;
					if (m == 0xD9) throw error("end of image before the scan");
					return m;
				}
				pos++;
			}
			throw error("stream ends before the scan");
		}

		private void quantTables(int p, final int end) throws VolumeIOException {
			while (p < end) {
				final int pq = (b[p] & 0xff) >> 4, id = b[p] & 0x0f;
				if (id > 3) throw error("quantization table id " + id);
				final int[] q = new int[64];
				for (int k = 0; k < 64; k++)
					q[ZIGZAG[k]] = pq == 0 ? b[p + 1 + k] & 0xff : u16(p + 1 + 2 * k);
				quant[id] = q;
				p += 1 + 64 * (pq == 0 ? 1 : 2);
			}
		}

		private void huffman(int p, final int end) throws VolumeIOException {
			while (p < end) {
				final int tc = (b[p] & 0xff) >> 4, id = b[p] & 0x0f;
				if (id > 3 || tc > 1) throw error("Huffman table " + tc + "/" + id);
				final int[] counts = new int[17];
				int total = 0;
				for (int i = 1; i <= 16; i++)
					total += counts[i] = b[p + i] & 0xff;
				if (p + 17 + total > end) throw error("Huffman table longer than its segment");
				final int[] vals = new int[total];
				for (int i = 0; i < total; i++)
					vals[i] = b[p + 17 + i] & 0xff;
				(tc == 0 ? dc : ac)[id] = new Huffman(counts, vals);
				p += 17 + total;
			}
		}

		private short[] scan(final int dcId, final int acId) throws VolumeIOException {
			if (dcId > 3 || acId > 3 || dc[dcId] == null || ac[acId] == null) throw error("missing Huffman tables");
			if (quant[quantId] == null) throw error("missing quantization table " + quantId);
			if (hSamp != 1 || vSamp != 1) {
				// a single component is coded in 8x8 blocks whatever its sampling factors say (T.81 A.2.2)
				hSamp = 1;
				vSamp = 1;
			}
			final int[] q = quant[quantId];
			final int bw = (width + 7) / 8, bh = (height + 7) / 8;
			final short[] out = new short[width * height];
			final int max = (1 << precision) - 1, shift = 1 << (precision - 1);
			final int[] coef = new int[64];
			final double[] tmp = new double[64];
			int pred = 0, count = 0;
			for (int by = 0; by < bh; by++)
				for (int bx = 0; bx < bw; bx++) {
					if (restart > 0 && count == restart) {
						restartMarker();
						pred = 0;
						count = 0;
					}
					count++;
					java.util.Arrays.fill(coef, 0);
					final int t = dc[dcId].decode(this);
					final int diff = t == 0 ? 0 : extend(receive(t), t);
					pred += diff;
					coef[0] = pred * q[0];
					for (int k = 1; k < 64;) {
						final int rs = ac[acId].decode(this);
						final int r = rs >> 4, s = rs & 15;
						if (s == 0) {
							if (r == 15) {
								k += 16;
								continue;
							}
							break;
						}
						k += r;
						if (k > 63) throw error("corrupt AC coefficients");
						final int z = ZIGZAG[k];
						coef[z] = extend(receive(s), s) * q[z];
						k++;
					}
					// separable IDCT: rows then columns
					for (int y = 0; y < 8; y++)
						for (int x = 0; x < 8; x++) {
							double sum = 0;
							for (int u = 0; u < 8; u++)
								sum += COS[x][u] * coef[y * 8 + u];
							tmp[y * 8 + x] = sum;
						}
					for (int x = 0; x < 8; x++)
						for (int y = 0; y < 8; y++) {
							double sum = 0;
							for (int v = 0; v < 8; v++)
								sum += COS[y][v] * tmp[v * 8 + x];
							final int px = bx * 8 + x, py = by * 8 + y;
							if (px < width && py < height) {
								final int val = (int) Math.round(sum) + shift;
								out[py * width + px] = (short) (val < 0 ? 0 : val > max ? max : val);
							}
						}
				}
			return out;
		}

		private static int extend(final int v, final int t) {
			return v < (1 << (t - 1)) ? v - (1 << t) + 1 : v;
		}

		private void restartMarker() throws VolumeIOException {
			bitCount = 0;
			hitMarker = false;
			while (pos + 1 < b.length && !((b[pos] & 0xff) == 0xFF && (b[pos + 1] & 0xff) >= 0xD0 && (b[pos + 1] & 0xff) <= 0xD7))
				pos++;
			if (pos + 1 >= b.length) throw error("restart marker missing");
			pos += 2;
		}

		int bit() {
			if (bitCount == 0) {
				int v = 0xFF;
				if (!hitMarker && pos < b.length) {
					v = b[pos] & 0xff;
					if (v == 0xFF) {
						final int next = pos + 1 < b.length ? b[pos + 1] & 0xff : 0xD9;
						if (next == 0) pos += 2;
						else {
							hitMarker = true;
							v = 0xFF;
						}
					}
					else pos++;
				}
				bitBuffer = v;
				bitCount = 8;
			}
			bitCount--;
			return (bitBuffer >> bitCount) & 1;
		}

		private int receive(final int n) {
			int v = 0;
			for (int i = 0; i < n; i++)
				v = (v << 1) | bit();
			return v;
		}

		private int u16(final int p) {
			return (b[p] & 0xff) << 8 | (b[p + 1] & 0xff);
		}
	}

	/** A canonical Huffman table decoded bit by bit. */
	private static final class Huffman {
		final int[] minCode = new int[17], maxCode = new int[18], valPtr = new int[17];
		final int[] vals;

		Huffman(final int[] counts, final int[] vals) {
			this.vals = vals;
			int code = 0, k = 0;
			for (int l = 1; l <= 16; l++) {
				valPtr[l] = k;
				minCode[l] = code;
				code += counts[l];
				k += counts[l];
				maxCode[l] = counts[l] == 0 ? -1 : code - 1;
				code <<= 1;
			}
			maxCode[17] = Integer.MAX_VALUE;
		}

		int decode(final Decoder d) throws VolumeIOException {
			int c = d.bit(), l = 1;
			while (c > maxCode[l]) {
				if (++l > 16) throw d.error("bad Huffman code");
				c = (c << 1) | d.bit();
			}
			final int i = valPtr[l] + c - minCode[l];
			if (i < 0 || i >= vals.length) throw d.error("bad Huffman code");
			return vals[i];
		}
	}
}
