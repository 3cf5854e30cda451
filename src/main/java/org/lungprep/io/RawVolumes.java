package org.lungprep.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.lungprep.core.Geometry;
import org.lungprep.core.Planar;
import org.lungprep.core.Volume;
import org.lungprep.core.VolumeIOException;
import org.lungprep.core.VolumeInfo;

import net.imglib2.Cursor;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.basictypeaccess.array.ByteArray;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.img.basictypeaccess.array.ShortArray;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.integer.ShortType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.util.Fraction;
import net.imglib2.view.Views;

/**
 * Shared by the raw-array formats (MetaImage, NIfTI, npy, TIFF): element types, building a volume from x-fastest
 * sample planes, and handing out one plane of any image at a time for writing.
 * <p>
 * Reading allocates plane by plane, as the data arrive: a header that claims gigabytes over a file of kilobytes ends in
 * a "truncated" error after at most one plane's worth of the data actually present, never in an OutOfMemoryError.
 * <p>
 * Value policy on reading: uint8 without scaling stays uint8 (masks); integer samples with whole-number slope and
 * intercept become int16 when every scaled value fits (exact: a CT stored as uint16, or as int16 with intercept -1024,
 * is read as int16 HU); otherwise the volume is float32 of slope * value + intercept (exact for integers up to
 * 2^24).
 */
public final class RawVolumes {

	private RawVolumes() { }

	/** Element types LungPrep reads. */
	public enum Element {
		UINT8(1, true), INT8(1, true), INT16(2, true), UINT16(2, true), INT32(4, true), UINT32(4, true), FLOAT32(4, false), FLOAT64(8, false);

		private final int bytes;
		private final boolean integer;

		Element(final int bytes, final boolean integer) {
			this.bytes = bytes;
			this.integer = integer;
		}

		/** @return bytes per sample */
		public int bytes() { return bytes; }

		/** @return whether samples are integers */
		public boolean isInteger() { return integer; }

		double read(final ByteBuffer b, final int i) {
			switch (this) {
				case UINT8: return b.get(i) & 0xff;
				case INT8: return b.get(i);
				case INT16: return b.getShort(i * 2);
				case UINT16: return b.getShort(i * 2) & 0xffff;
				case INT32: return b.getInt(i * 4);
				case UINT32: return b.getInt(i * 4) & 0xffffffffL;
				case FLOAT32: return b.getFloat(i * 4);
				default: return b.getDouble(i * 8);
			}
		}

		long readLong(final ByteBuffer b, final int i) {
			// every integer type here has at most 32 bits, which a double holds exactly
			if (!integer) throw new IllegalStateException(this + " is not an integer type");
			return (long) read(b, i);
		}
	}

	/** Gives the bytes of plane z (x fastest, then y), positioned at 0, in the file's byte order. */
	@FunctionalInterface
	public interface PlaneSource {
		/**
		 * @param z the plane, 0 first; called once per plane, in order
		 * @return the plane's bytes; may be the same buffer every time
		 * @throws IOException a VolumeIOException naming the file when the data end early
		 */
		ByteBuffer plane(int z) throws IOException;
	}

	/**
	 * Checks that the dimensions make planes Java arrays can hold, before any allocation.
	 *
	 * @return the bytes of one plane
	 * @throws VolumeIOException naming the file when they do not
	 */
	public static int planeBytes(final Path file, final Element type, final long nx, final long ny, final long nz) throws VolumeIOException {
		if (nx < 1 || ny < 1 || nz < 1) throw new VolumeIOException(file, "bad dimensions " + nx + " x " + ny + " x " + nz);
		// float32 output planes hold nx * ny * 4 bytes; Java arrays hold at most 2^31 - 9 elements
		if (nx * ny > (Integer.MAX_VALUE - 8) / Math.max(4, type.bytes()) || nz > Integer.MAX_VALUE)
			throw new VolumeIOException(file, "dimensions " + nx + " x " + ny + " x " + nz + " are too large for a volume");
		return (int) (nx * ny * type.bytes());
	}

	/**
	 * Builds a volume from one plane of samples at a time (see the class comment for the resulting type).
	 *
	 * @param file named in errors
	 */
	@SuppressWarnings({ "unchecked", "rawtypes" })
	public static Volume<?> volume(final Path file, final Element type, final int nx, final int ny, final int nz, final double slope,
		final double intercept, final PlaneSource source, final Geometry g, final VolumeInfo info) throws IOException
	{
		planeBytes(file, type, nx, ny, nz);
		if (!Double.isFinite(slope) || !Double.isFinite(intercept)) throw new VolumeIOException(file, "scaling " + slope + " * value + " + intercept + " is not finite");
		final int n = nx * ny;
		final boolean identity = slope == 1 && intercept == 0;
		final boolean wholeScaling = slope == Math.rint(slope) && intercept == Math.rint(intercept) && Math.abs(slope) <= 65536 && Math.abs(intercept) <= 65536;
		// the mode may fall from SHORT to FLOAT when a value does not fit int16; planes read so far are then converted
		Mode mode = identity && type == Element.UINT8 ? Mode.BYTE : type.isInteger() && wholeScaling ? Mode.SHORT : Mode.FLOAT;
		final long islope = (long) slope, iinter = (long) intercept;
		final List<Object> planes = new ArrayList<>(Math.min(nz, 1024));
		for (int z = 0; z < nz; z++) {
			final ByteBuffer b = source.plane(z);
			if (mode == Mode.BYTE) {
				final byte[] p = new byte[n];
				b.duplicate().get(p);
				planes.add(p);
			}
			else if (mode == Mode.SHORT) {
				final short[] p = new short[n];
				int i = 0;
				if (identity && type == Element.INT16) {
					b.duplicate().order(b.order()).asShortBuffer().get(p);
					i = n;
				}
				else
					for (; i < n; i++) {
						final long v = type.readLong(b, i) * islope + iinter;
						if (v < Short.MIN_VALUE || v > Short.MAX_VALUE) break;
						p[i] = (short) v;
					}
				if (i == n) planes.add(p);
				else {
					mode = Mode.FLOAT;
					for (int k = 0; k < planes.size(); k++)
						planes.set(k, toFloats((short[]) planes.get(k)));
					planes.add(floats(type, b, n, slope, intercept));
				}
			}
			else planes.add(floats(type, b, n, slope, intercept));
		}
		final long[] dims = { nx, ny, nz };
		final PlanarImg img;
		if (mode == Mode.BYTE) {
			final List<ByteArray> a = new ArrayList<>(nz);
			for (final Object p : planes)
				a.add(new ByteArray((byte[]) p));
			final PlanarImg<UnsignedByteType, ByteArray> i = new PlanarImg<>(a, dims, new Fraction());
			i.setLinkedType(new UnsignedByteType(i));
			img = i;
		}
		else if (mode == Mode.SHORT) {
			final List<ShortArray> a = new ArrayList<>(nz);
			for (final Object p : planes)
				a.add(new ShortArray((short[]) p));
			final PlanarImg<ShortType, ShortArray> i = new PlanarImg<>(a, dims, new Fraction());
			i.setLinkedType(new ShortType(i));
			img = i;
		}
		else {
			final List<FloatArray> a = new ArrayList<>(nz);
			for (final Object p : planes)
				a.add(new FloatArray((float[]) p));
			final PlanarImg<FloatType, FloatArray> i = new PlanarImg<>(a, dims, new Fraction());
			i.setLinkedType(new FloatType(i));
			img = i;
		}
		return new Volume(img, g, info);
	}

	private enum Mode { BYTE, SHORT, FLOAT }

	private static float[] floats(final Element type, final ByteBuffer b, final int n, final double slope, final double intercept) {
		final float[] f = new float[n];
		if (type == Element.FLOAT32 && slope == 1 && intercept == 0) {
			// bit for bit, NaN payloads included
			b.duplicate().order(b.order()).asFloatBuffer().get(f);
			return f;
		}
		for (int i = 0; i < n; i++)
			f[i] = (float) (slope * type.read(b, i) + intercept);
		return f;
	}

	private static float[] toFloats(final short[] s) {
		final float[] f = new float[s.length];
		for (int i = 0; i < s.length; i++)
			f[i] = s[i];
		return f;
	}

	/**
	 * Reads planes of a fixed size from a stream. The first plane is read with a buffer that grows with the data (so a
	 * header claiming a huge plane over a small file costs no more memory than the file), later planes reuse it.
	 */
	public static final class PlaneReader {
		private final InputStream in;
		private final Path file;
		private final int planeBytes;
		private final java.nio.ByteOrder order;
		private final String what;
		private byte[] buffer;

		/**
		 * @param in the stream, positioned at the first sample
		 * @param file named in errors
		 * @param planeBytes bytes per plane (from {@link RawVolumes#planeBytes})
		 * @param order the samples' byte order
		 */
		public PlaneReader(final InputStream in, final Path file, final int planeBytes, final java.nio.ByteOrder order) {
			this(in, file, "the data", planeBytes, order);
		}

		/**
		 * @param what what the stream is, for messages (e.g. "data file a.raw")
		 */
		public PlaneReader(final InputStream in, final Path file, final String what, final int planeBytes, final java.nio.ByteOrder order) {
			this.what = what;
			this.in = in;
			this.file = file;
			this.planeBytes = planeBytes;
			this.order = order;
		}

		/** @return plane z as a buffer in the file's byte order (the same array every time) */
		public ByteBuffer plane(final int z) throws IOException {
			if (buffer == null) {
				final byte[] first = in.readNBytes(planeBytes);
				if (first.length < planeBytes) throw truncated(z, first.length);
				buffer = first;
			}
			else {
				int o = 0;
				while (o < planeBytes) {
					final int r = in.read(buffer, o, planeBytes - o);
					if (r < 0) throw truncated(z, o);
					o += r;
				}
			}
			return ByteBuffer.wrap(buffer).order(order);
		}

		private VolumeIOException truncated(final int z, final int got) {
			return new VolumeIOException(file, "truncated: " + what + " ends in slice " + z + " (" + got + " of its " + planeBytes + " bytes)");
		}
	}

	/** @return the element type of an image LungPrep writes (int16, uint8 or float32) */
	public static Element typeOf(final RandomAccessibleInterval<?> img) {
		final Object t = img.getType();
		if (t instanceof ShortType) return Element.INT16;
		if (t instanceof UnsignedByteType) return Element.UINT8;
		if (t instanceof FloatType) return Element.FLOAT32;
		throw new IllegalArgumentException("writing supports int16 (ShortType), uint8 (UnsignedByteType) and float32 (FloatType) images, not "
			+ t.getClass().getSimpleName());
	}

	/**
	 * Hands out plane z of an int16, uint8 or float32 image as its primitive array ({@code short[]}, {@code byte[]} or
	 * {@code float[]}, x fastest): the image's own array when it is planar, else a copy of that one slice into a reused
	 * scratch array, so writers stream any image (views included) without a second copy of the volume.
	 */
	public static final class Planes {
		private final RandomAccessibleInterval<?> img;
		private final Element type;
		private final PlanarImg<?, ?> planar;
		private final org.lungprep.core.ComputedPlanes<?> computed;
		private final int n;
		private Object scratch;

		/** @param img a 3-D ShortType, UnsignedByteType or FloatType image (x, y, z) */
		public Planes(final RandomAccessibleInterval<?> img) {
			if (img.numDimensions() != 3) throw new IllegalArgumentException("a volume needs 3 dimensions, got " + img.numDimensions());
			this.type = typeOf(img);
			if (img.dimension(0) * img.dimension(1) > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("slices of " + img.dimension(0) + " x "
				+ img.dimension(1) + " are too large");
			this.img = img;
			this.n = (int) (img.dimension(0) * img.dimension(1));
			boolean zeroMin = true;
			for (int d = 0; d < 3; d++)
				zeroMin &= img.min(d) == 0;
			this.planar = img instanceof PlanarImg && zeroMin ? (PlanarImg<?, ?>) img : null;
			this.computed = img instanceof org.lungprep.core.ComputedPlanes ? (org.lungprep.core.ComputedPlanes<?>) img : null;
		}

		/** @return the element type */
		public Element type() { return type; }

		/** @return plane z as {@code short[]}, {@code byte[]} or {@code float[]}; valid until the next call */
		@SuppressWarnings({ "unchecked", "rawtypes" })
		public Object plane(final int z) {
			if (planar != null) return Planar.plane(planar, z);
			if (scratch == null) scratch = type == Element.INT16 ? new short[n] : type == Element.UINT8 ? new byte[n] : new float[n];
			if (computed != null) {
				computed.slice(z, scratch);
				return scratch;
			}
			final Cursor<? extends RealType<?>> c = Views.flatIterable(Views.hyperSlice((RandomAccessibleInterval) Views.zeroMin(img), 2, z)).cursor();
			int i = 0;
			if (type == Element.INT16) {
				final short[] s = (short[]) scratch;
				while (c.hasNext())
					s[i++] = ((ShortType) c.next()).get();
			}
			else if (type == Element.UINT8) {
				final byte[] s = (byte[]) scratch;
				while (c.hasNext())
					s[i++] = (byte) ((UnsignedByteType) c.next()).get();
			}
			else {
				final float[] s = (float[]) scratch;
				while (c.hasNext())
					s[i++] = ((FloatType) c.next()).get();
			}
			return scratch;
		}

		/** Writes plane z into the buffer (cleared first, flipped after), in the buffer's byte order. */
		public void fill(final int z, final ByteBuffer b) {
			b.clear();
			final Object p = plane(z);
			if (p instanceof short[]) {
				b.asShortBuffer().put((short[]) p);
				b.position(n * 2);
			}
			else if (p instanceof byte[]) b.put((byte[]) p);
			else {
				b.asFloatBuffer().put((float[]) p);
				b.position(n * 4);
			}
			b.flip();
		}
	}
}
