package org.lungprep.io.npy;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.lungprep.core.Geometry;
import org.lungprep.core.Volume;
import org.lungprep.core.VolumeIOException;
import org.lungprep.core.VolumeInfo;
import org.lungprep.io.RawVolumes;
import org.lungprep.io.RawVolumes.Element;

import net.imglib2.RandomAccessibleInterval;

/**
 * NumPy {@code .npy} for volumes. Writes format 1.0: int16 ({@code <i2}), uint8 ({@code |u1}) and float32
 * ({@code <f4}) in numpy's C order with shape (z, y, x), {@code fortran_order False}, so {@code np.load} gives
 * {@code arr[z, y, x]} as the tutorial's arrays (LungPrep's images are (x, y, z) with x fastest: the same bytes).
 * Slices are streamed from any image, views included, so writing needs no second copy of the volume. Reads formats
 * 1.0, 2.0 and 3.0 (see {@link #read}). A .npy file has no geometry: reading gives 1 mm spacing, zero origin and the
 * identity direction; keep the spacing from report.json.
 */
public final class NpyIO {

	private static final byte[] MAGIC = { (byte) 0x93, 'N', 'U', 'M', 'P', 'Y' };
	private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
	private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
	private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

	private NpyIO() { }

	/**
	 * Writes a volume's image in (z, y, x) order.
	 *
	 * @param v a ShortType, UnsignedByteType or FloatType volume
	 * @param file the .npy file
	 * @throws IOException when writing fails or the type is not supported
	 */
	public static void write(final Volume<?> v, final Path file) throws IOException {
		write(v.image(), file);
	}

	/**
	 * Writes an (x, y, z) image in (z, y, x) order.
	 *
	 * @param img a ShortType, UnsignedByteType or FloatType image
	 * @param file the .npy file
	 * @throws IOException when writing fails or the type is not supported
	 */
	public static void write(final RandomAccessibleInterval<?> img, final Path file) throws IOException {
		final RawVolumes.Planes planes = new RawVolumes.Planes(img);
		final String descr = planes.type() == Element.INT16 ? "<i2" : planes.type() == Element.UINT8 ? "|u1" : "<f4";
		final long nx = img.dimension(0), ny = img.dimension(1), nz = img.dimension(2);
		final int planeBytes = (int) (nx * ny * planes.type().bytes());
		try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
			ch.write(ByteBuffer.wrap(header(descr, nz, ny, nx)));
			final ByteBuffer buf = ByteBuffer.allocateDirect(planeBytes).order(ByteOrder.LITTLE_ENDIAN);
			for (int z = 0; z < nz; z++) {
				planes.fill(z, buf);
				while (buf.hasRemaining())
					ch.write(buf);
			}
		}
	}

	/**
	 * Writes an int16 (z, y, x) .npy file slice by slice, for a volume that is never held whole: slices in any order,
	 * from several threads at once (each writes at its slice's place in the file). {@link #close} fails unless every
	 * slice was written exactly once.
	 */
	public static final class Int16SliceWriter implements java.io.Closeable {
		private final Path file;
		private final FileChannel ch;
		private final long headerBytes;
		private final int nx, ny, nz;
		private final java.util.concurrent.atomic.AtomicIntegerArray written;
		private final ThreadLocal<ByteBuffer> buffers;

		/**
		 * @param file the .npy file (created or replaced)
		 * @param nx columns
		 * @param ny rows
		 * @param nz slices
		 * @throws IOException when the file cannot be created
		 */
		public Int16SliceWriter(final Path file, final int nx, final int ny, final int nz) throws IOException {
			this.file = file;
			this.nx = nx;
			this.ny = ny;
			this.nz = nz;
			final byte[] h = header("<i2", nz, ny, nx);
			headerBytes = h.length;
			written = new java.util.concurrent.atomic.AtomicIntegerArray(nz);
			buffers = ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(nx * ny * 2).order(ByteOrder.LITTLE_ENDIAN));
			ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
			try {
				final ByteBuffer b = ByteBuffer.wrap(h);
				while (b.hasRemaining())
					ch.write(b, b.position());
			}
			catch (final IOException e) {
				ch.close();
				throw e;
			}
		}

		/**
		 * @param z the slice's index
		 * @param slice its values, x fastest
		 * @throws IOException when writing fails
		 */
		public void write(final int z, final short[] slice) throws IOException {
			if (slice.length != nx * ny) throw new IllegalArgumentException("slice of " + slice.length + " values, expected " + nx + "x" + ny);
			if (written.getAndIncrement(z) != 0) throw new IllegalStateException(file + ": slice " + z + " written twice");
			final ByteBuffer b = buffers.get();
			b.clear();
			b.asShortBuffer().put(slice);
			final long at = headerBytes + (long) z * b.capacity();
			while (b.hasRemaining())
				ch.write(b, at + b.position());
		}

		/** Closes the file; fails when a slice is missing. */
		@Override
		public void close() throws IOException {
			ch.close();
			for (int z = 0; z < nz; z++)
				if (written.get(z) != 1) throw new IOException(file + ": slice " + z + " of " + nz + " was not written");
		}
	}

	static byte[] header(final String descr, final long nz, final long ny, final long nx) {
		String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': (" + nz + ", " + ny + ", " + nx + "), }";
		// magic(6) + version(2) + header length(2) + dict + padding + '\n' is a multiple of 64
		final int total = 10 + dict.length() + 1;
		final int pad = (64 - total % 64) % 64;
		dict = dict + " ".repeat(pad) + "\n";
		final byte[] d = dict.getBytes(StandardCharsets.US_ASCII);
		final ByteBuffer b = ByteBuffer.allocate(10 + d.length).order(ByteOrder.LITTLE_ENDIAN);
		b.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) d.length).put(d);
		return b.array();
	}

	/** numpy dtype strings read, with the element type they hold ('|b1' is numpy's bool, one byte 0/1). */
	private static final Map<String, Element> DTYPES = new LinkedHashMap<>();
	static {
		DTYPES.put("<i2", Element.INT16);
		DTYPES.put("|u1", Element.UINT8);
		DTYPES.put("<u1", Element.UINT8);
		DTYPES.put("|b1", Element.UINT8);
		DTYPES.put("<f4", Element.FLOAT32);
		DTYPES.put("|i1", Element.INT8);
		DTYPES.put("<u2", Element.UINT16);
		DTYPES.put("<i4", Element.INT32);
		DTYPES.put("<u4", Element.UINT32);
		DTYPES.put("<f8", Element.FLOAT64);
	}

	/**
	 * Reads a 3-D array in C order, as numpy saves it, as an (x, y, z) volume. int16 ({@code <i2}), uint8
	 * ({@code |u1}), bool ({@code |b1}, as uint8 0/1) and float32 ({@code <f4}) are read as they are; int8, uint16,
	 * int32, uint32 and float64 are converted by {@link RawVolumes}' value policy (int16 when every value fits, else
	 * float32). Big-endian and other dtypes, Fortran order and other dimensionalities are refused.
	 *
	 * @param file the .npy file
	 * @return the volume (ShortType, UnsignedByteType or FloatType), 1 mm spacing, origin 0, identity direction
	 * @throws VolumeIOException naming the file when it is not such an array
	 */
	public static Volume<?> read(final Path file) throws IOException {
		if (!Files.isRegularFile(file)) throw new VolumeIOException(file, "no such file");
		final long size = Files.size(file);
		try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
			final ByteBuffer head = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
			while (head.hasRemaining() && ch.read(head) > 0) {
				// read up to 12 bytes: the magic, the version and the header length of any version
			}
			if (head.position() < 10) throw new VolumeIOException(file, "not a .npy file (too short)");
			for (int i = 0; i < 6; i++)
				if (head.get(i) != MAGIC[i]) throw new VolumeIOException(file, "not a .npy file (bad magic)");
			final int major = head.get(6);
			final long headerLength;
			final long dataStart;
			if (major == 1) {
				headerLength = head.getShort(8) & 0xFFFF;
				dataStart = 10 + headerLength;
			}
			else if (major == 2 || major == 3) {
				if (head.position() < 12) throw new VolumeIOException(file, "not a .npy file (too short)");
				headerLength = head.getInt(8) & 0xFFFFFFFFL;
				dataStart = 12 + headerLength;
			}
			else throw new VolumeIOException(file, "unsupported .npy version " + major);
			if (dataStart > size || headerLength > 1 << 20) throw new VolumeIOException(file, "corrupt .npy header length " + headerLength);
			final ByteBuffer hb = ByteBuffer.allocate((int) headerLength);
			ch.position(dataStart - headerLength);
			while (hb.hasRemaining())
				if (ch.read(hb) < 0) throw new VolumeIOException(file, "truncated header");
			final String dict = new String(hb.array(), major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
			final Matcher d = DESCR.matcher(dict), f = FORTRAN.matcher(dict), s = SHAPE.matcher(dict);
			if (!d.find() || !f.find() || !s.find()) throw new VolumeIOException(file, "corrupt .npy header: " + abbreviate(dict.trim()));
			if (f.group(1).equals("True")) throw new VolumeIOException(file, "Fortran-ordered arrays are not supported (save with np.ascontiguousarray)");
			final String descr = d.group(1);
			final Element type = DTYPES.get(descr);
			if (type == null) {
				if (descr.startsWith(">")) throw new VolumeIOException(file, "big-endian dtype '" + descr + "' is not supported (save with arr.astype(arr.dtype.newbyteorder('<')))");
				throw new VolumeIOException(file, "unsupported dtype '" + abbreviate(descr) + "' (LungPrep reads <i2, |u1, |b1, <f4 and converts |i1, <u2, <i4, <u4, <f8)");
			}
			final long[] shape = shape(file, s.group(1));
			final long nz = shape[0], ny = shape[1], nx = shape[2];
			final int planeBytes = RawVolumes.planeBytes(file, type, nx, ny, nz);
			// planeBytes < 2^31 and nz < 2^31: the product cannot overflow a long
			if (dataStart + (long) planeBytes * nz > size)
				throw new VolumeIOException(file, "truncated: shape (" + nz + ", " + ny + ", " + nx + ") needs " + (long) planeBytes * nz + " data bytes, the file has "
					+ (size - dataStart));
			ch.position(dataStart);
			final RawVolumes.PlaneReader planes = new RawVolumes.PlaneReader(new BufferedInputStream(Channels.newInputStream(ch), 1 << 16), file, planeBytes,
				ByteOrder.LITTLE_ENDIAN);
			return RawVolumes.volume(file, type, (int) nx, (int) ny, (int) nz, 1, 0, planes::plane, Geometry.of(1, 1, 1), VolumeInfo.ofSource(file.toString()));
		}
	}

	private static long[] shape(final Path file, final String tuple) throws VolumeIOException {
		final long[] shape = new long[3];
		int n = 0;
		for (final String dim : tuple.split(",")) {
			if (dim.trim().isEmpty()) continue;
			if (n == 3) throw new VolumeIOException(file, "expected a 3-D array, shape (" + abbreviate(tuple) + ")");
			try {
				shape[n++] = Long.parseLong(dim.trim().replaceAll("L$", ""));
			}
			catch (final NumberFormatException e) {
				throw new VolumeIOException(file, "corrupt .npy shape (" + abbreviate(tuple) + ")");
			}
		}
		if (n != 3) throw new VolumeIOException(file, "expected a 3-D array, shape (" + abbreviate(tuple) + ")");
		return shape;
	}

	private static String abbreviate(final String s) {
		final String printable = s.replaceAll("[^\\x20-\\x7e]", "?");
		return printable.length() > 80 ? printable.substring(0, 80) + "..." : printable;
	}
}
