package org.lungprep.io;

import java.nio.ByteBuffer;

import org.lungprep.core.Geometry;
import org.lungprep.core.Planar;
import org.lungprep.core.Volume;
import org.lungprep.core.VolumeInfo;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.integer.ShortType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.real.FloatType;

/** Shared by the raw-array formats (MetaImage, NIfTI): element types and conversion of x-fastest sample buffers. */
public final class RawVolumes {

	private RawVolumes() { }

	/** Element types LungPrep reads. */
	public enum Element {
		UINT8(1), INT8(1), INT16(2), UINT16(2), INT32(4), UINT32(4), FLOAT32(4), FLOAT64(8);

		private final int bytes;

		Element(final int bytes) { this.bytes = bytes; }

		/** @return bytes per sample */
		public int bytes() { return bytes; }

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
	}

	/**
	 * Builds a volume from one plane of samples at a time: int16 and uint8 stay as they are (when slope 1 and
	 * intercept 0); everything else becomes float32 of slope * value + intercept.
	 */
	@SuppressWarnings({ "unchecked", "rawtypes" })
	public static Volume<?> volume(final Element type, final int nx, final int ny, final int nz, final double slope, final double intercept,
		final PlaneSource source, final Geometry g, final VolumeInfo info) throws java.io.IOException
	{
		final boolean identity = slope == 1 && intercept == 0;
		final PlanarImg<?, ?> img = identity && type == Element.INT16 ? Planar.shorts(nx, ny, nz)
			: identity && type == Element.UINT8 ? Planar.unsignedBytes(nx, ny, nz) : Planar.floats(nx, ny, nz);
		final int n = nx * ny;
		for (int z = 0; z < nz; z++) {
			final ByteBuffer b = source.plane(z);
			final Object p = Planar.plane(img, z);
			if (p instanceof short[]) b.asShortBuffer().get((short[]) p);
			else if (p instanceof byte[]) b.get((byte[]) p);
			else {
				final float[] f = (float[]) p;
				for (int i = 0; i < n; i++)
					f[i] = (float) (slope * type.read(b, i) + intercept);
			}
		}
		return new Volume(img, g, info);
	}

	/** Gives the bytes of plane z (x fastest, then y), positioned at 0, in the file's byte order. */
	@FunctionalInterface
	public interface PlaneSource {
		ByteBuffer plane(int z) throws java.io.IOException;
	}

	/** @return the element type of a volume LungPrep writes (int16, uint8 or float32) */
	public static Element typeOf(final Volume<?> v) {
		final Object t = v.image().getType();
		if (t instanceof ShortType) return Element.INT16;
		if (t instanceof UnsignedByteType) return Element.UINT8;
		if (t instanceof FloatType) return Element.FLOAT32;
		throw new IllegalArgumentException("writing supports int16, uint8 and float32 volumes, not " + t.getClass().getSimpleName());
	}

	/** Writes plane z of an int16, uint8 or float32 volume into the buffer (cleared first). */
	@SuppressWarnings({ "unchecked", "rawtypes" })
	public static void fill(final Volume<?> v, final int z, final ByteBuffer b) {
		b.clear();
		final RandomAccessibleInterval img = v.image();
		final Object t = img.getType();
		final Object p = t instanceof ShortType ? Planar.plane(Planar.asShorts(img), z)
			: t instanceof UnsignedByteType ? Planar.plane(Planar.asUnsignedBytes(img), z) : Planar.plane(Planar.asFloats(img), z);
		if (p instanceof short[]) {
			b.asShortBuffer().put((short[]) p);
			b.position(((short[]) p).length * 2);
		}
		else if (p instanceof byte[]) b.put((byte[]) p);
		else {
			b.asFloatBuffer().put((float[]) p);
			b.position(((float[]) p).length * 4);
		}
		b.flip();
	}

	/** @return the real type name, for messages */
	public static String name(final RealType<?> t) {
		return t.getClass().getSimpleName();
	}
}
