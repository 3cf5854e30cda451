package org.lungprep.normalize;


import net.imglib2.RandomAccessibleInterval;
import net.imglib2.converter.Converters;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.loops.LoopBuilder;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.integer.ShortType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

import org.lungprep.core.Parallel;
import org.lungprep.core.Planar;
import org.lungprep.core.ProgressListener;
import org.lungprep.core.Volume;

/** Clip, scale and zero-centre a HU volume (see {@link NormalizeSettings}). */
public final class Normalizer {

	private Normalizer() { }

	/**
	 * A lazy float view: every read computes the normalized value, nothing is stored.
	 *
	 * @param hu HU image (any real type)
	 * @param s window and mean
	 * @return a read-only converted view on the same interval
	 */
	public static <T extends RealType<T>> RandomAccessibleInterval<FloatType> view(final RandomAccessibleInterval<T> hu, final NormalizeSettings s) {
		return Converters.convert(hu, (in, out) -> out.setReal(s.apply(in.getRealDouble())), new FloatType());
	}

	/**
	 * Normalizes into a new float32 planar volume, slice by slice in parallel.
	 *
	 * @param hu HU volume
	 * @param s window and mean
	 * @param progress progress and cancellation
	 * @return float32 volume on the same geometry
	 */
	public static <T extends RealType<T>> Volume<FloatType> normalize(final Volume<T> hu, final NormalizeSettings s, final ProgressListener progress) {
		return normalize(hu, null, s, progress);
	}

	/**
	 * Normalizes, and where {@code mask} is 0 writes {@link NormalizeSettings#outsideFill()} instead.
	 *
	 * @param hu HU volume
	 * @param mask mask on the same grid (non-zero = keep), or null for no masking
	 * @param s window, mean and fill value
	 * @param progress progress and cancellation
	 * @return float32 volume on the same geometry
	 */
	public static <T extends RealType<T>> Volume<FloatType> normalize(final Volume<T> hu, final Volume<UnsignedByteType> mask,
		final NormalizeSettings s, final ProgressListener progress)
	{
		final long[] dims = hu.dimensions();
		if (mask != null) {
			final long[] md = mask.dimensions();
			for (int d = 0; d < 3; d++)
				if (md[d] != dims[d]) throw new IllegalArgumentException("mask size " + java.util.Arrays.toString(md) + " differs from volume size " + java.util.Arrays.toString(dims));
		}
		final PlanarImg<FloatType, FloatArray> out = Planar.floats(dims);
		final int w = (int) dims[0], h = (int) dims[1], nz = (int) dims[2];
		final boolean fastShort = hu.image() instanceof PlanarImg && ((PlanarImg<?, ?>) hu.image()).firstElement() instanceof ShortType;
		final PlanarImg<UnsignedByteType, ?> m = mask == null ? null : Planar.asUnsignedBytes(mask.image());
		final float fill = s.outsideFill();
		// a lookup table over the int16 range makes the common case one array read per voxel
		final float[] lut = fastShort ? lut(s) : null;
		final int[] done = { 0 };
		Parallel.forEach(nz, z -> {
			progress.checkCancelled();
			final float[] o = Planar.plane(out, z);
			if (fastShort) {
				final short[] in = Planar.plane((PlanarImg<?, ?>) hu.image(), z);
				for (int i = 0; i < in.length; i++) o[i] = lut[in[i] + 32768];
			}
			else {
				final RandomAccessibleInterval<T> slice = Views.hyperSlice(hu.image(), 2, z);
				final int[] i = { 0 };
				LoopBuilder.setImages(slice).forEachPixel(v -> o[i[0]++] = s.apply(v.getRealDouble()));
			}
			if (m != null) {
				final byte[] mk = Planar.plane(m, z);
				for (int i = 0; i < w * h; i++)
					if (mk[i] == 0) o[i] = fill;
			}
			synchronized (done) {
				progress.progress("normalize", ++done[0] / (double) nz);
			}
		});
		return hu.withImage(out);
	}

	private static float[] lut(final NormalizeSettings s) {
		final float[] lut = new float[65536];
		for (int v = -32768; v <= 32767; v++) lut[v + 32768] = s.apply(v);
		return lut;
	}
}
