package org.lungprep.io.dicom.codec;

import java.nio.file.Path;

import org.lungprep.core.VolumeIOException;

/**
 * Lossless JPEG (ITU T.81 process 14, DICOM 1.2.840.10008.1.2.4.57 and .70), single component, 2 to 16 bits: Huffman
 * coded differences to one of the seven predictors, point transform, restart intervals. Our own, because the library
 * decoder drops the last sample of some streams (NEMA WG-04 CT2_JPLL). When the entropy-coded data run into a marker,
 * the missing bits are read as ones, as T.81 pads them.
 */
final class LosslessJpegDecoder implements FrameDecoder {

	@Override
	public short[] decode(final byte[] data, final FrameFormat f, final Path file) throws VolumeIOException {
		try {
			return new Decoder(data, file).run(f);
		}
		catch (final ArrayIndexOutOfBoundsException e) {
			throw new VolumeIOException(file, "corrupt lossless JPEG stream (ends early)", e);
		}
	}

	/** One decoding. */
	private static final class Decoder {
		private final byte[] b;
		private final Path file;
		private int pos;
		private final int[][] bits = new int[4][];
		private final int[][] values = new int[4][];
		private int precision, width, height, restart;
		private int bitBuffer, bitCount;
		private boolean hitMarker;

		Decoder(final byte[] b, final Path file) {
			this.b = b;
			this.file = file;
		}

		private VolumeIOException error(final String what) {
			return new VolumeIOException(file, "lossless JPEG: " + what);
		}

		short[] run(final FrameFormat f) throws VolumeIOException {
			if (b.length < 4 || (b[0] & 0xff) != 0xFF || (b[1] & 0xff) != 0xD8) throw error("no SOI marker");
			pos = 2;
			while (true) {
				final int marker = nextMarker();
				final int length = u16(pos);
				if (length < 2 || pos + length > b.length) throw error("segment " + Integer.toHexString(marker) + " of bad length " + length);
				switch (marker) {
					case 0xC3:
						precision = b[pos + 2] & 0xff;
						height = u16(pos + 3);
						width = u16(pos + 5);
						if ((b[pos + 7] & 0xff) != 1) throw error((b[pos + 7] & 0xff) + " components (only grey-level is supported)");
						if (precision < 2 || precision > 16) throw error("precision " + precision);
						break;
					case 0xC4:
						huffman(pos + 2, pos + length);
						break;
					case 0xDD:
						restart = u16(pos + 2);
						break;
					case 0xDA:
						if (width == 0) throw error("no SOF3 (lossless) frame header before the scan");
						if (width != f.columns() || height != f.rows()) throw error("frame is " + width + "x" + height + ", the header says " + f.columns() + "x" + f.rows());
						final int table = (b[pos + 4] & 0xff) >> 4;
						final int predictor = b[pos + 2 + 1 + 2] & 0xff;
						final int pt = b[pos + 2 + 1 + 2 + 2] & 0x0f;
						if (table > 3 || bits[table] == null) throw error("missing Huffman table " + table);
						if (predictor < 1 || predictor > 7) throw error("predictor " + predictor);
						pos += length;
						return scan(table, predictor, pt);
					default:
						if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC)
							throw error("not a lossless (process 14) stream: SOF marker FF" + Integer.toHexString(marker).toUpperCase());
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

		private void huffman(int p, final int end) throws VolumeIOException {
			while (p < end) {
				final int id = b[p] & 0x0f;
				if (id > 3) throw error("Huffman table id " + id);
				final int[] counts = new int[17];
				int total = 0;
				for (int i = 1; i <= 16; i++)
					total += counts[i] = b[p + i] & 0xff;
				if (p + 17 + total > end) throw error("Huffman table longer than its segment");
				final int[] vals = new int[total];
				for (int i = 0; i < total; i++)
					vals[i] = b[p + 17 + i] & 0xff;
				bits[id] = counts;
				values[id] = vals;
				p += 17 + total;
			}
		}

		private short[] scan(final int table, final int predictor, final int pt) throws VolumeIOException {
			final int[] counts = bits[table], vals = values[table];
			// canonical codes: maxCode[l] and valPtr[l] for each length l
			final int[] minCode = new int[17], maxCode = new int[18], valPtr = new int[17];
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
			final int n = width * height;
			final int[] out = new int[n];
			final int mask = (1 << 16) - 1;
			final int initial = 1 << (precision - pt - 1);
			int sinceRestart = 0;
			boolean fresh = true;
			for (int y = 0; y < height; y++)
				for (int x = 0; x < width; x++) {
					if (restart > 0 && sinceRestart == restart) {
						restartMarker();
						sinceRestart = 0;
						fresh = true;
					}
					sinceRestart++;
					// the category of the difference
					int l = 1;
					int c = bit();
					while (c > maxCode[l]) {
						if (++l > 16) throw error("bad Huffman code at row " + y);
						c = (c << 1) | bit();
					}
					final int s = vals[valPtr[l] + c - minCode[l]];
					int diff;
					if (s == 0) diff = 0;
					else if (s == 16) diff = 32768;
					else {
						final int v = receive(s);
						diff = v < (1 << (s - 1)) ? v - (1 << s) + 1 : v;
					}
					final int i = y * width + x;
					final int pred;
					if (fresh) {
						pred = initial;
						fresh = false;
					}
					else if (y == 0 || (restart > 0 && i - width < 0)) pred = out[i - 1];
					else if (x == 0) pred = out[i - width];
					else {
						final int ra = out[i - 1], rb = out[i - width], rc = out[i - width - 1];
						switch (predictor) {
							case 1: pred = ra; break;
							case 2: pred = rb; break;
							case 3: pred = rc; break;
							case 4: pred = ra + rb - rc; break;
							case 5: pred = ra + ((rb - rc) >> 1); break;
							case 6: pred = rb + ((ra - rc) >> 1); break;
							default: pred = (ra + rb) >> 1; break;
						}
					}
					out[i] = (pred + diff) & mask;
				}
			final short[] result = new short[n];
			for (int i = 0; i < n; i++)
				result[i] = (short) (out[i] << pt);
			return result;
		}

		private void restartMarker() throws VolumeIOException {
			bitCount = 0;
			bitBuffer = 0;
			hitMarker = false;
			while (pos + 1 < b.length && !((b[pos] & 0xff) == 0xFF && (b[pos + 1] & 0xff) >= 0xD0 && (b[pos + 1] & 0xff) <= 0xD7))
				pos++;
			if (pos + 1 >= b.length) throw error("restart marker missing");
			pos += 2;
		}

		private int bit() {
			if (bitCount == 0) {
				int v = 0xFF;
				if (!hitMarker && pos < b.length) {
					v = b[pos] & 0xff;
					if (v == 0xFF) {
						final int next = pos + 1 < b.length ? b[pos + 1] & 0xff : 0xD9;
						if (next == 0) pos += 2;
						else {
							// a marker: no more data, pad with ones
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
}
