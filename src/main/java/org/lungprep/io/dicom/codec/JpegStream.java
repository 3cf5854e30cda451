package org.lungprep.io.dicom.codec;

import java.nio.file.Path;

import org.lungprep.core.VolumeIOException;

/**
 * What the JPEG decoders share: walking the marker segments, the entropy-coded bit stream (byte stuffing, restart
 * markers, ones read as padding when the data run into a marker, as T.81 pads them) and canonical Huffman tables.
 */
final class JpegStream {

	final byte[] b;
	final Path file;
	int pos;
	private int bitBuffer, bitCount;
	private boolean hitMarker;

	JpegStream(final byte[] b, final Path file) throws VolumeIOException {
		this.b = b;
		this.file = file;
		if (b.length < 4 || (b[0] & 0xff) != 0xFF || (b[1] & 0xff) != 0xD8) throw error("no SOI marker");
		pos = 2;
	}

	VolumeIOException error(final String what) {
		return new VolumeIOException(file, "JPEG: " + what);
	}

	/** @return the next marker (without FF) before the scan; pos is then at its segment length */
	int nextMarker() throws VolumeIOException {
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

	/** @return the length of the segment at pos, checked against the stream */
	int segmentLength() throws VolumeIOException {
		final int length = u16(pos);
		if (length < 2 || pos + length > b.length) throw error("segment of bad length " + length);
		return length;
	}

	/** Reads DHT tables between p and end into tables[class][id] (class 0 DC or lossless, 1 AC). */
	void huffmanTables(int p, final int end, final Huffman[][] tables) throws VolumeIOException {
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
			tables[tc][id] = new Huffman(counts, vals);
			p += 17 + total;
		}
	}

	/** Skips to after the next RSTn marker and resets the bit reader. */
	void restart() throws VolumeIOException {
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

	int receive(final int n) {
		int v = 0;
		for (int i = 0; i < n; i++)
			v = (v << 1) | bit();
		return v;
	}

	/** @return the signed value of n received bits (T.81 EXTEND) */
	static int extend(final int v, final int n) {
		return v < (1 << (n - 1)) ? v - (1 << n) + 1 : v;
	}

	int u16(final int p) {
		return (b[p] & 0xff) << 8 | (b[p + 1] & 0xff);
	}

	/** A canonical Huffman table decoded bit by bit. */
	static final class Huffman {
		private final int[] minCode = new int[17], maxCode = new int[18], valPtr = new int[17];
		private final int[] vals;

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

		int decode(final JpegStream s) throws VolumeIOException {
			int c = s.bit(), l = 1;
			while (c > maxCode[l]) {
				if (++l > 16) throw s.error("bad Huffman code");
				c = (c << 1) | s.bit();
			}
			final int i = valPtr[l] + c - minCode[l];
			if (i < 0 || i >= vals.length) throw s.error("bad Huffman code");
			return vals[i];
		}
	}
}
