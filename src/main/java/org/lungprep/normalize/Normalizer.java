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

import org.lungprep.core.ComputedPlanes;
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
	 * The normalized volume without storing it: a {@link ComputedPlanes} image that computes each slice when it is read
	 * (writers read slice by slice), so a pipeline that only writes the normalized volume never holds its 4 bytes a
	 * voxel. Same values as {@link #normalize(Volume, Volume, NormalizeSettings, ProgressListener)}.
	 *
	 * @param hu HU volume
	 * @param mask mask on the same grid (non-zero = keep), or null for no masking; read when slices are computed
	 * @param s window, mean and fill value
	 * @return float32 volume on the same geometry
	 */
	public static <T extends RealType<T>> Volume<FloatType> lazy(final Volume<T> hu, final Volume<UnsignedByteType> mask, final NormalizeSettings s) {
		checkMask(hu, mask);
		final RandomAccessibleInterval<T> img = Views.zeroMin(hu.image());
		final float fill = s.outsideFill();
		final RandomAccessibleInterval<FloatType> view = mask == null ? view(img, s)
			: Converters.convert(img, Views.zeroMin(mask.image()), (v, m, out) -> out.setReal(m.get() == 0 ? fill : s.apply(v.getRealDouble())), new FloatType());
		final Slicer<T> slicer = new Slicer<>(hu.image(), mask == null ? null : Planar.asUnsignedBytes(mask.image()), s);
		return hu.withImage(ComputedPlanes.floats(view, slicer::slice));
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
		checkMask(hu, mask);
		final long[] dims = hu.dimensions();
		final PlanarImg<FloatType, FloatArray> out = Planar.floats(dims);
		final int nz = (int) dims[2];
		final Slicer<T> slicer = new Slicer<>(hu.image(), mask == null ? null : Planar.asUnsignedBytes(mask.image()), s);
		final int[] done = { 0 };
		Parallel.forEach(nz, z -> {
			progress.checkCancelled();
			slicer.slice(z, Planar.plane(out, z));
			synchronized (done) {
				progress.progress("normalize", ++done[0] / (double) nz);
			}
		});
		return hu.withImage(out);
	}

	private static void checkMask(final Volume<?> hu, final Volume<?> mask) {
		if (mask == null) return;
		final long[] dims = hu.dimensions(), md = mask.dimensions();
		for (int d = 0; d < 3; d++)
			if (md[d] != dims[d]) throw new IllegalArgumentException("mask size " + java.util.Arrays.toString(md) + " differs from volume size " + java.util.Arrays.toString(dims));
	}

	/** Computes normalized slices of one volume; safe to call from several threads at once. */
	private static final class Slicer<T extends RealType<T>> {
		private final RandomAccessibleInterval<T> hu;
		private final PlanarImg<?, ?> shortPlanes;
		private final PlanarImg<UnsignedByteType, ?> mask;
		private final NormalizeSettings s;
		private final float fill;
		// a lookup table over the int16 range makes the common case one array read per voxel
		private final float[] lut;

		Slicer(final RandomAccessibleInterval<T> hu, final PlanarImg<UnsignedByteType, ?> mask, final NormalizeSettings s) {
			this.hu = hu;
			this.shortPlanes = hu instanceof PlanarImg && ((PlanarImg<?, ?>) hu).firstElement() instanceof ShortType && Views.isZeroMin(hu) ? (PlanarImg<?, ?>) hu : null;
			this.mask = mask;
			this.s = s;
			this.fill = s.outsideFill();
			this.lut = shortPlanes != null ? lut(s) : null;
		}

		void slice(final int z, final float[] o) {
			if (shortPlanes != null) {
				final short[] in = Planar.plane(shortPlanes, z);
				for (int i = 0; i < in.length; i++) o[i] = lut[in[i] + 32768];
			}
			else {
				final int[] i = { 0 };
				LoopBuilder.setImages(Views.hyperSlice(Views.zeroMin(hu), 2, z)).forEachPixel(v -> o[i[0]++] = s.apply(v.getRealDouble()));
			}
			if (mask != null) {
				final byte[] mk = Planar.plane(mask, z);
				for (int i = 0; i < mk.length; i++)
					if (mk[i] == 0) o[i] = fill;
			}
		}
	}

	private static float[] lut(final NormalizeSettings s) {
		final float[] lut = new float[65536];
		for (int v = -32768; v <= 32767; v++) lut[v + 32768] = s.apply(v);
		return lut;
	}
}
