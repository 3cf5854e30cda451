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
			return decode(new JpegStream(data, file), f);
		}
		catch (final ArrayIndexOutOfBoundsException e) {
			throw new VolumeIOException(file, "corrupt JPEG stream (ends early)", e);
		}
	}

	private static short[] decode(final JpegStream s, final FrameFormat f) throws VolumeIOException {
		final int[][] quant = new int[4][];
		final JpegStream.Huffman[][] tables = new JpegStream.Huffman[2][4];
		int precision = 0, width = 0, height = 0, quantId = 0, restart = 0;
		while (true) {
			final int marker = s.nextMarker();
			final int p = s.pos, length = s.segmentLength();
			if (marker == 0xC0 || marker == 0xC1) {
				precision = s.b[p + 2] & 0xff;
				height = s.u16(p + 3);
				width = s.u16(p + 5);
				if ((s.b[p + 7] & 0xff) != 1) throw s.error((s.b[p + 7] & 0xff) + " components (only grey-level is supported)");
				// a single component is coded in 8x8 blocks whatever its sampling factors say (T.81 A.2.2)
				quantId = s.b[p + 10] & 0x0f;
				if (precision != 8 && precision != 12) throw s.error("precision " + precision);
			}
			else if (marker == 0xC4) s.huffmanTables(p + 2, p + length, tables);
			else if (marker == 0xDB) quantTables(s, p + 2, p + length, quant);
			else if (marker == 0xDD) restart = s.u16(p + 2);
			else if (marker == 0xDA) {
				if (width == 0) throw s.error("no SOF0/SOF1 frame header before the scan");
				if (width != f.columns() || height != f.rows()) throw s.error("frame is " + width + "x" + height + ", the header says " + f.columns() + "x" + f.rows());
				final int sel = s.b[p + 4] & 0xff, dc = sel >> 4, ac = sel & 0x0f;
				if (dc > 3 || ac > 3 || tables[0][dc] == null || tables[1][ac] == null) throw s.error("missing Huffman tables");
				if (quant[quantId] == null) throw s.error("missing quantization table " + quantId);
				s.pos = p + length;
				return scan(s, tables[0][dc], tables[1][ac], quant[quantId], precision, width, height, restart);
			}
			else if (marker >= 0xC2 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC)
				throw s.error("SOF marker FF" + Integer.toHexString(marker).toUpperCase() + " (progressive, lossless or arithmetic coding) is not a sequential DCT stream");
			s.pos = p + length;
		}
	}

	private static void quantTables(final JpegStream s, int p, final int end, final int[][] quant) throws VolumeIOException {
		while (p < end) {
			final int pq = (s.b[p] & 0xff) >> 4, id = s.b[p] & 0x0f;
			if (id > 3) throw s.error("quantization table id " + id);
			final int[] q = new int[64];
			for (int k = 0; k < 64; k++)
				q[ZIGZAG[k]] = pq == 0 ? s.b[p + 1 + k] & 0xff : s.u16(p + 1 + 2 * k);
			quant[id] = q;
			p += 1 + 64 * (pq == 0 ? 1 : 2);
		}
	}

	private static short[] scan(final JpegStream s, final JpegStream.Huffman dcTable, final JpegStream.Huffman acTable, final int[] q, final int precision,
		final int width, final int height, final int restart) throws VolumeIOException
	{
		final int bw = (width + 7) / 8, bh = (height + 7) / 8;
		final short[] out = new short[width * height];
		final int max = (1 << precision) - 1, shift = 1 << (precision - 1);
		final int[] coef = new int[64];
		final double[] tmp = new double[64];
		int pred = 0, count = 0;
		for (int by = 0; by < bh; by++)
			for (int bx = 0; bx < bw; bx++) {
				if (restart > 0 && count == restart) {
					s.restart();
					pred = 0;
					count = 0;
				}
				count++;
				java.util.Arrays.fill(coef, 0);
				final int t = dcTable.decode(s);
				pred += t == 0 ? 0 : JpegStream.extend(s.receive(t), t);
				coef[0] = pred * q[0];
				for (int k = 1; k < 64;) {
					final int rs = acTable.decode(s);
					final int r = rs >> 4, sz = rs & 15;
					if (sz == 0) {
						if (r == 15) {
							k += 16;
							continue;
						}
						break;
					}
					k += r;
					if (k > 63) throw s.error("corrupt AC coefficients");
					final int z = ZIGZAG[k];
					coef[z] = JpegStream.extend(s.receive(sz), sz) * q[z];
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
}
