package org.lungprep.resample;

/**
 * A volume as one primitive array per z plane, read and written in runs of doubles. Writing rounds to the nearest
 * integer (half away from zero) and clamps to the type's range for integer types, so a cubic overshoot never wraps.
 */
abstract class Planes {
	final int nx, ny, nz;

	Planes(final int nx, final int ny, final int nz) {
		this.nx = nx;
		this.ny = ny;
		this.nz = nz;
	}

	/** Reads {@code count} values of plane z from {@code offset} into dst[dstOff + k * stride]. */
	abstract void read(int z, int offset, int count, double[] dst, int dstOff, int stride);

	/** Writes {@code count} values into plane z at {@code offset} from src[srcOff + k * stride]. */
	abstract void write(int z, int offset, int count, double[] src, int srcOff, int stride);

	static final class Shorts extends Planes {
		/** The bits of 0.5, and the sign bit of a double. */
		static final long HALF = Double.doubleToRawLongBits(0.5), SIGN = Long.MIN_VALUE;

		final short[][] p;

		Shorts(final short[][] p, final int nx, final int ny) {
			super(nx, ny, p.length);
			this.p = p;
		}

		@Override
		void read(final int z, final int offset, final int count, final double[] dst, final int dstOff, final int stride) {
			final short[] a = p[z];
			for (int k = 0; k < count; k++)
				dst[dstOff + k * stride] = a[offset + k];
		}

		@Override
		void write(final int z, final int offset, final int count, final double[] src, final int srcOff, final int stride) {
			final short[] a = p[z];
			for (int k = 0; k < count; k++) {
				final double v = src[srcOff + k * stride];
				// half away from zero (as scipy.ndimage does for integer output): 0.5 with the sign of v (its sign bit
				// copied, no branch for the quick-start compiler C1 to mispredict where HU values change sign), added,
				// then truncated; then clamped instead of wrapping. NaN still gives 0, -0.0 still 0.
				final int r = (int) (v + Double.longBitsToDouble(HALF | Double.doubleToRawLongBits(v) & SIGN));
				a[offset + k] = (short) (r < -32768 ? -32768 : r > 32767 ? 32767 : r);
			}
		}
	}

	static final class Bytes extends Planes {
		final byte[][] p;

		Bytes(final byte[][] p, final int nx, final int ny) {
			super(nx, ny, p.length);
			this.p = p;
		}

		@Override
		void read(final int z, final int offset, final int count, final double[] dst, final int dstOff, final int stride) {
			final byte[] a = p[z];
			for (int k = 0; k < count; k++)
				dst[dstOff + k * stride] = a[offset + k] & 0xff;
		}

		@Override
		void write(final int z, final int offset, final int count, final double[] src, final int srcOff, final int stride) {
			final byte[] a = p[z];
			for (int k = 0; k < count; k++) {
				final double v = src[srcOff + k * stride] + 0.5;
				a[offset + k] = (byte) (v <= 0 ? 0 : v >= 255 ? 255 : (int) v);
			}
		}
	}

	static final class Floats extends Planes {
		final float[][] p;

		Floats(final float[][] p, final int nx, final int ny) {
			super(nx, ny, p.length);
			this.p = p;
		}

		/** Zeroed planes, allocated on all threads (see {@link org.lungprep.core.Planar#shorts}). */
		static Floats allocate(final int nx, final int ny, final int nz) {
			final float[][] p = new float[nz][];
			org.lungprep.core.Parallel.forEach(nz, z -> p[z] = new float[nx * ny]);
			return new Floats(p, nx, ny);
		}

		@Override
		void read(final int z, final int offset, final int count, final double[] dst, final int dstOff, final int stride) {
			final float[] a = p[z];
			for (int k = 0; k < count; k++)
				dst[dstOff + k * stride] = a[offset + k];
		}

		@Override
		void write(final int z, final int offset, final int count, final double[] src, final int srcOff, final int stride) {
			final float[] a = p[z];
			for (int k = 0; k < count; k++)
				a[offset + k] = (float) src[srcOff + k * stride];
		}
	}

	/** One plane of doubles that holds float32 values: written values are rounded to float, as a Floats plane would. */
	static final class RoundedDoubles extends Planes {
		final double[] p;

		RoundedDoubles(final double[] p, final int nx, final int ny) {
			super(nx, ny, 1);
			this.p = p;
		}

		@Override
		void read(final int z, final int offset, final int count, final double[] dst, final int dstOff, final int stride) {
			for (int k = 0; k < count; k++)
				dst[dstOff + k * stride] = p[offset + k];
		}

		@Override
		void write(final int z, final int offset, final int count, final double[] src, final int srcOff, final int stride) {
			for (int k = 0; k < count; k++)
				p[offset + k] = (float) src[srcOff + k * stride];
		}
	}
}
