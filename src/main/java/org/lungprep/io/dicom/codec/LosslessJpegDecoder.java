package org.lungprep.io.dicom.codec;

import java.nio.file.Path;

import org.lungprep.core.VolumeIOException;

/**
 * Lossless JPEG (ITU T.81 process 14, DICOM 1.2.840.10008.1.2.4.57 and .70), single component, 2 to 16 bits: Huffman
 * coded differences to one of the seven predictors, point transform, restart intervals. Our own, because the library
 * decoder drops the last sample of some streams (NEMA WG-04 CT2_JPLL).
 */
final class LosslessJpegDecoder implements FrameDecoder {

	@Override
	public short[] decode(final byte[] data, final FrameFormat f, final Path file) throws VolumeIOException {
		try {
			return decode(new JpegStream(data, file), f);
		}
		catch (final ArrayIndexOutOfBoundsException e) {
			throw new VolumeIOException(file, "corrupt lossless JPEG stream (ends early)", e);
		}
	}

	private static short[] decode(final JpegStream s, final FrameFormat f) throws VolumeIOException {
		final JpegStream.Huffman[][] tables = new JpegStream.Huffman[2][4];
		int precision = 0, width = 0, height = 0, restart = 0;
		while (true) {
			final int marker = s.nextMarker();
			final int p = s.pos, length = s.segmentLength();
			if (marker == 0xC3) {
				precision = s.b[p + 2] & 0xff;
				height = s.u16(p + 3);
				width = s.u16(p + 5);
				if ((s.b[p + 7] & 0xff) != 1) throw s.error((s.b[p + 7] & 0xff) + " components (only grey-level is supported)");
				if (precision < 2 || precision > 16) throw s.error("precision " + precision);
			}
			else if (marker == 0xC4) s.huffmanTables(p + 2, p + length, tables);
			else if (marker == 0xDD) restart = s.u16(p + 2);
			else if (marker == 0xDA) {
				if (width == 0) throw s.error("no SOF3 (lossless) frame header before the scan");
				if (width != f.columns() || height != f.rows()) throw s.error("frame is " + width + "x" + height + ", the header says " + f.columns() + "x" + f.rows());
				final int table = (s.b[p + 4] & 0xff) >> 4;
				final int predictor = s.b[p + 5] & 0xff;
				final int pt = s.b[p + 7] & 0x0f;
				if (table > 3 || tables[0][table] == null) throw s.error("missing Huffman table " + table);
				if (predictor < 1 || predictor > 7) throw s.error("predictor " + predictor);
				s.pos = p + length;
				return scan(s, tables[0][table], precision, width, height, restart, predictor, pt);
			}
			else if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC8 && marker != 0xCC)
				throw s.error("not a lossless (process 14) stream: SOF marker FF" + Integer.toHexString(marker).toUpperCase());
			s.pos = p + length;
		}
	}

	private static short[] scan(final JpegStream s, final JpegStream.Huffman h, final int precision, final int width, final int height, final int restart,
		final int predictor, final int pt) throws VolumeIOException
	{
		final int n = width * height;
		final int[] out = new int[n];
		final int initial = 1 << (precision - pt - 1);
		int sinceRestart = 0;
		boolean fresh = true;
		for (int y = 0; y < height; y++)
			for (int x = 0; x < width; x++) {
				if (restart > 0 && sinceRestart == restart) {
					s.restart();
					sinceRestart = 0;
					fresh = true;
				}
				sinceRestart++;
				final int t = h.decode(s);
				final int diff = t == 0 ? 0 : t == 16 ? 32768 : JpegStream.extend(s.receive(t), t);
				final int i = y * width + x;
				final int pred;
				if (fresh) {
					pred = initial;
					fresh = false;
				}
				else if (y == 0) pred = out[i - 1];
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
				out[i] = (pred + diff) & 0xFFFF;
			}
		final short[] result = new short[n];
		for (int i = 0; i < n; i++)
			result[i] = (short) (out[i] << pt);
		return result;
	}
}
