package org.lungprep.io.npy;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.lungprep.core.Geometry;
import org.lungprep.core.Planar;
import org.lungprep.core.Volume;
import org.lungprep.core.VolumeIOException;
import org.lungprep.core.VolumeInfo;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.integer.ShortType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.real.FloatType;

/**
 * NumPy {@code .npy} (format 1.0) for volumes: int16 ({@code <i2}), uint8 ({@code |u1}) and float32 ({@code <f4}),
 * written in numpy's C order with shape (z, y, x), so {@code np.load} gives {@code arr[z, y, x]} as the tutorial's
 * arrays. Slices are streamed, so writing needs no second copy of the volume. A .npy file has no geometry: reading
 * gives 1 mm spacing and zero origin.
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
	@SuppressWarnings({ "unchecked", "rawtypes" })
	public static void write(final RandomAccessibleInterval<?> img, final Path file) throws IOException {
		if (img.numDimensions() != 3) throw new IllegalArgumentException("a volume needs 3 dimensions, got " + img.numDimensions());
		final Object t = img.getType();
		final String descr;
		final int bytes;
		final PlanarImg<?, ?> planar;
		if (t instanceof ShortType) {
			descr = "<i2";
			bytes = 2;
			planar = Planar.asShorts((RandomAccessibleInterval) img);
		}
		else if (t instanceof UnsignedByteType) {
			descr = "|u1";
			bytes = 1;
			planar = Planar.asUnsignedBytes((RandomAccessibleInterval) img);
		}
		else if (t instanceof FloatType) {
			descr = "<f4";
			bytes = 4;
			planar = Planar.asFloats((RandomAccessibleInterval) img);
		}
		else throw new IllegalArgumentException("npy output supports int16, uint8 and float32 volumes, not " + t.getClass().getSimpleName());
		final long nx = img.dimension(0), ny = img.dimension(1), nz = img.dimension(2);
		final byte[] header = header(descr, nz, ny, nx);
		try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
			ch.write(ByteBuffer.wrap(header));
			final ByteBuffer buf = ByteBuffer.allocateDirect((int) (nx * ny * bytes)).order(ByteOrder.LITTLE_ENDIAN);
			for (int z = 0; z < nz; z++) {
				buf.clear();
				final Object plane = Planar.plane(planar, z);
				if (plane instanceof short[]) buf.asShortBuffer().put((short[]) plane);
				else if (plane instanceof byte[]) buf.put((byte[]) plane);
				else buf.asFloatBuffer().put((float[]) plane);
				buf.position(0).limit((int) (nx * ny * bytes));
				while (buf.hasRemaining())
					ch.write(buf);
			}
		}
	}

	static byte[] header(final String descr, final long nz, final long ny, final long nx) {
		String dict = String.format(Locale.ROOT, "{'descr': '%s', 'fortran_order': False, 'shape': (%d, %d, %d), }", descr, nz, ny, nx);
		// magic(6) + version(2) + header length(2) + dict + padding + '\n' is a multiple of 64
		final int total = 10 + dict.length() + 1;
		final int pad = (64 - total % 64) % 64;
		dict = dict + " ".repeat(pad) + "\n";
		final byte[] d = dict.getBytes(StandardCharsets.US_ASCII);
		final ByteBuffer b = ByteBuffer.allocate(10 + d.length).order(ByteOrder.LITTLE_ENDIAN);
		b.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) d.length).put(d);
		return b.array();
	}

	/**
	 * Reads a 3-D {@code <i2}, {@code |u1}/{@code <u1} or {@code <f4} array written in C order as an (x, y, z) volume.
	 *
	 * @param file the .npy file
	 * @return the volume (ShortType, UnsignedByteType or FloatType), 1 mm spacing
	 * @throws VolumeIOException when the file is not such an array
	 */
	public static Volume<?> read(final Path file) throws IOException {
		if (!Files.isRegularFile(file)) throw new VolumeIOException(file, "no such file");
		final long size = Files.size(file);
		try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
			final ByteBuffer head = ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN);
			if (ch.read(head) != 10) throw new VolumeIOException(file, "not a .npy file (too short)");
			for (int i = 0; i < 6; i++)
				if (head.get(i) != MAGIC[i]) throw new VolumeIOException(file, "not a .npy file (bad magic)");
			final int major = head.get(6);
			int headerLength;
			int dataStart;
			if (major == 1) {
				headerLength = head.getShort(8) & 0xFFFF;
				dataStart = 10 + headerLength;
			}
			else if (major == 2 || major == 3) {
				final ByteBuffer l = ByteBuffer.allocate(2).order(ByteOrder.LITTLE_ENDIAN);
				ch.read(l);
				headerLength = (head.getShort(8) & 0xFFFF) | (l.get(0) & 0xFF) << 16 | (l.get(1) & 0xFF) << 24;
				dataStart = 12 + headerLength;
			}
			else throw new VolumeIOException(file, "unsupported .npy version " + major);
			if (headerLength < 0 || dataStart > size) throw new VolumeIOException(file, "corrupt .npy header length " + headerLength);
			final ByteBuffer hb = ByteBuffer.allocate(headerLength);
			ch.read(hb, dataStart - headerLength);
			final String dict = new String(hb.array(), StandardCharsets.ISO_8859_1);
			final Matcher d = DESCR.matcher(dict), f = FORTRAN.matcher(dict), s = SHAPE.matcher(dict);
			if (!d.find() || !f.find() || !s.find()) throw new VolumeIOException(file, "corrupt .npy header: " + dict.trim());
			if (f.group(1).equals("True")) throw new VolumeIOException(file, "Fortran-ordered arrays are not supported (save with np.ascontiguousarray)");
			final String[] dims = s.group(1).split(",");
			final long[] shape = new long[3];
			int n = 0;
			for (final String dim : dims) {
				if (dim.trim().isEmpty()) continue;
				if (n == 3) throw new VolumeIOException(file, "expected a 3-D array, shape (" + s.group(1) + ")");
				try {
					shape[n++] = Long.parseLong(dim.trim());
				}
				catch (final NumberFormatException e) {
					throw new VolumeIOException(file, "corrupt .npy shape (" + s.group(1) + ")");
				}
			}
			if (n != 3) throw new VolumeIOException(file, "expected a 3-D array, shape (" + s.group(1) + ")");
			final String descr = d.group(1);
			final int bytes = descr.equals("<i2") ? 2 : descr.equals("|u1") || descr.equals("<u1") ? 1 : descr.equals("<f4") ? 4 : -1;
			if (bytes < 0) throw new VolumeIOException(file, "unsupported dtype '" + descr + "' (LungPrep reads <i2, |u1 and <f4)");
			final long nz = shape[0], ny = shape[1], nx = shape[2];
			if (nx <= 0 || ny <= 0 || nz <= 0 || nx * ny > Integer.MAX_VALUE / 4) throw new VolumeIOException(file, "unsupported shape (" + s.group(1) + ")");
			if (dataStart + nx * ny * nz * bytes > size) throw new VolumeIOException(file, "truncated: shape (" + s.group(1) + ") needs " + nx * ny * nz * bytes + " data bytes");
			final PlanarImg<?, ?> img = bytes == 2 ? Planar.shorts(nx, ny, nz) : bytes == 1 ? Planar.unsignedBytes(nx, ny, nz) : Planar.floats(nx, ny, nz);
			final ByteBuffer buf = ByteBuffer.allocate((int) (nx * ny * bytes)).order(ByteOrder.LITTLE_ENDIAN);
			long pos = dataStart;
			for (int z = 0; z < nz; z++) {
				buf.clear();
				while (buf.hasRemaining()) {
					final int r = ch.read(buf, pos);
					if (r < 0) throw new VolumeIOException(file, "truncated at slice " + z);
					pos += r;
				}
				buf.flip();
				final Object plane = Planar.plane(img, z);
				if (bytes == 2) buf.asShortBuffer().get((short[]) plane);
				else if (bytes == 1) buf.get((byte[]) plane);
				else buf.asFloatBuffer().get((float[]) plane);
			}
			return volume(img, file);
		}
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static Volume<?> volume(final PlanarImg img, final Path file) {
		return new Volume(img, Geometry.of(1, 1, 1), VolumeInfo.ofSource(file.toString()));
	}
}
