package org.lungprep.io.tiff;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

import org.lungprep.core.Geometry;
import org.lungprep.core.Volume;
import org.lungprep.io.RawVolumes;

/**
 * Writes a volume as a multi-page TIFF that ImageJ opens as a calibrated stack (pure Java, no ImageJ at run time):
 * voxel size in mm and origin in the ImageJ description and resolution tags; int16 stored the way ImageJ stores
 * signed 16-bit images (raw = value + 32768 with a linear calibration c0 = -32768, c1 = 1, unit "HU"), so pixel
 * values read as HU in ImageJ and Fiji; uint8 and float32 as they are. Every page has its own IFD, so other TIFF
 * readers see the stack too.
 * <p>
 * ImageJ's calibration has no direction cosines: the origin is written along the image axes (xorigin = -origin/spacing
 * in pixels), exact for axis-aligned volumes.
 */
public final class ImageJTiffWriter {

	private ImageJTiffWriter() { }

	private static final int ENTRIES = 14;

	/**
	 * @param v a ShortType (HU), UnsignedByteType or FloatType volume
	 * @param file the .tif file
	 * @throws IOException when writing fails
	 */
	public static void write(final Volume<?> v, final Path file) throws IOException {
		final RawVolumes.Planes planes = new RawVolumes.Planes(v.image());
		final int bits = planes.type().bytes() * 8;
		final int nx = v.size(0), ny = v.size(1), nz = v.size(2);
		final long planeBytes = (long) nx * ny * bits / 8;
		final Geometry g = v.geometry();
		final byte[] description = description(g, nz, bits).getBytes(StandardCharsets.US_ASCII);
		// layout: header | IFD 0 | description | resolution rationals | pixel data | IFDs 1..n-1
		final int ifdBytes = 2 + ENTRIES * 12 + 4;
		final long ifd0 = 8;
		final long descOffset = ifd0 + ifdBytes;
		final long resOffset = descOffset + description.length + (description.length & 1);
		final long dataOffset = resOffset + 16;
		final long moreIfds = dataOffset + planeBytes * nz;
		if (moreIfds + (long) ifdBytes * nz > 0xFFFFFFFFL) throw new IOException(file + ": volume too large for a classic TIFF (4 GB)");
		try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
			final ByteBuffer head = ByteBuffer.allocate((int) dataOffset).order(ByteOrder.LITTLE_ENDIAN);
			head.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt((int) ifd0);
			ifd(head, nx, ny, bits, dataOffset, planeBytes, description.length, descOffset, resOffset, nz > 1 ? moreIfds : 0);
			head.put(description);
			if ((description.length & 1) == 1) head.put((byte) 0);
			final long[] xr = resolution(g.spacing(0)), yr = resolution(g.spacing(1));
			head.putInt((int) xr[0]).putInt((int) xr[1]).putInt((int) yr[0]).putInt((int) yr[1]);
			head.flip();
			while (head.hasRemaining())
				ch.write(head);
			final ByteBuffer buf = ByteBuffer.allocateDirect((int) planeBytes).order(ByteOrder.LITTLE_ENDIAN);
			for (int z = 0; z < nz; z++) {
				buf.clear();
				final Object plane = planes.plane(z);
				if (bits == 16) {
					for (final short s : (short[]) plane)
						buf.putShort((short) (s + 32768));
				}
				else if (bits == 8) buf.put((byte[]) plane);
				else buf.asFloatBuffer().put((float[]) plane);
				buf.position(0).limit((int) planeBytes);
				while (buf.hasRemaining())
					ch.write(buf);
			}
			final ByteBuffer rest = ByteBuffer.allocate(ifdBytes * Math.max(0, nz - 1)).order(ByteOrder.LITTLE_ENDIAN);
			for (int z = 1; z < nz; z++) {
				final long next = z + 1 < nz ? moreIfds + (long) ifdBytes * z : 0;
				ifd(rest, nx, ny, bits, dataOffset + planeBytes * z, planeBytes, 0, 0, resOffset, next);
			}
			rest.flip();
			while (rest.hasRemaining())
				ch.write(rest);
		}
	}

	private static void ifd(final ByteBuffer b, final int nx, final int ny, final int bits, final long strip, final long stripBytes, final int descLength,
		final long descOffset, final long resOffset, final long next)
	{
		b.putShort((short) ENTRIES);
		entry(b, 254, 4, 1, 0); // NewSubfileType
		entry(b, 256, 4, 1, nx); // ImageWidth
		entry(b, 257, 4, 1, ny); // ImageLength
		entry(b, 258, 3, 1, bits); // BitsPerSample
		entry(b, 259, 3, 1, 1); // Compression: none
		entry(b, 262, 3, 1, 1); // PhotometricInterpretation: BlackIsZero
		if (descLength > 0) entry(b, 270, 2, descLength, descOffset); // ImageDescription (first page only)
		else entry(b, 269, 2, 1, 0); // DocumentName, empty: keeps the entry count fixed
		entry(b, 273, 4, 1, strip); // StripOffsets
		entry(b, 277, 3, 1, 1); // SamplesPerPixel
		entry(b, 278, 4, 1, ny); // RowsPerStrip
		entry(b, 279, 4, 1, stripBytes); // StripByteCounts
		entry(b, 282, 5, 1, resOffset); // XResolution
		entry(b, 283, 5, 1, resOffset + 8); // YResolution
		entry(b, 339, 3, 1, bits == 32 ? 3 : 1); // SampleFormat: IEEE float or unsigned
		b.putInt((int) next);
	}

	private static void entry(final ByteBuffer b, final int tag, final int type, final int count, final long value) {
		b.putShort((short) tag).putShort((short) type).putInt(count);
		if (type == 3 && count == 1) b.putShort((short) value).putShort((short) 0);
		else b.putInt((int) value);
	}

	/**
	 * @return pixels per mm (1 / spacing) as a TIFF rational: scale / (spacing * scale) with the largest power-of-ten
	 *         scale that fits 32 bits, so typical spacings (0.564453125 mm) are exact
	 */
	static long[] resolution(final double spacing) {
		long scale = 1_000_000_000L;
		while (scale > 1 && (spacing * scale > 0xFFFFFFFFL || scale > 0xFFFFFFFFL))
			scale /= 10;
		return new long[] { scale, Math.max(1, Math.round(spacing * scale)) };
	}

	static String description(final Geometry g, final int nz, final int bits) {
		final StringBuilder sb = new StringBuilder();
		sb.append("ImageJ=1.54p\n");
		sb.append("images=").append(nz).append('\n');
		if (nz > 1) sb.append("slices=").append(nz).append('\n');
		sb.append("unit=mm\n");
		if (bits == 16) sb.append("cf=0\nc0=-32768.0\nc1=1.0\nvunit=HU\n");
		sb.append(String.format(Locale.ROOT, "spacing=%s\n", g.spacing(2)));
		sb.append("loop=false\n");
		final double[] o = g.origin();
		sb.append(String.format(Locale.ROOT, "xorigin=%s\nyorigin=%s\nzorigin=%s\n", -o[0] / g.spacing(0), -o[1] / g.spacing(1), -o[2] / g.spacing(2)));
		sb.append('\0');
		return sb.toString();
	}
}
