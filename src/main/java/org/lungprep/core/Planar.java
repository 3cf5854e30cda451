package org.lungprep.core;

import net.imglib2.Cursor;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.basictypeaccess.array.ArrayDataAccess;
import net.imglib2.img.basictypeaccess.array.ByteArray;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.img.basictypeaccess.array.IntArray;
import net.imglib2.img.basictypeaccess.array.ShortArray;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.img.planar.PlanarImgs;
import net.imglib2.loops.LoopBuilder;
import net.imglib2.type.NativeType;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.integer.IntType;
import net.imglib2.type.numeric.integer.ShortType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.util.Fraction;
import net.imglib2.view.Views;

/**
 * The project's storage layout: a {@link PlanarImg}, one primitive array per z slice, like an
 * ImageJ stack. Algorithms get direct array access through {@link #plane}; other images are
 * copied into this layout by the {@code copyOf…} methods.
 */
public final class Planar {

	private Planar() { }

	/**
	 * Images of at least this many bytes get their planes allocated on all threads: the first touch of fresh memory
	 * (the kernel zeroing it, and on virtual machines the host mapping it) costs 0.6-2.5 ms per MB here, which a single
	 * thread pays for a 50 MB volume while the other cores wait.
	 */
	static final long PARALLEL_BYTES = 4 << 20;

	/** @return a zeroed int16 planar image (x, y, z) */
	public static PlanarImg<ShortType, ShortArray> shorts(final long... dims) {
		return zeroed(dims, 2, PlanarImgs::shorts, ShortArray::new, ShortType::new);
	}

	/** @return a zeroed uint8 planar image (x, y, z) */
	public static PlanarImg<UnsignedByteType, ByteArray> unsignedBytes(final long... dims) {
		return zeroed(dims, 1, PlanarImgs::unsignedBytes, ByteArray::new, UnsignedByteType::new);
	}

	/** @return a zeroed float32 planar image (x, y, z) */
	public static PlanarImg<FloatType, FloatArray> floats(final long... dims) {
		return zeroed(dims, 4, PlanarImgs::floats, FloatArray::new, FloatType::new);
	}

	/**
	 * ImgLib2's own image where it is small; else the planes made on all threads and the image built on them.
	 *
	 * @param plane a zeroed plane of the given number of voxels
	 * @param linked the image's linked type
	 */
	private static <T extends NativeType<T>, A extends ArrayDataAccess<A>> PlanarImg<T, A> zeroed(final long[] dims, final int bytesPerVoxel,
		final java.util.function.Function<long[], PlanarImg<T, A>> small, final java.util.function.IntFunction<A> plane,
		final java.util.function.Function<PlanarImg<T, A>, T> linked)
	{
		if (!parallel(dims, bytesPerVoxel)) return small.apply(dims);
		final int size = planeSize(dims);
		final PlanarImg<T, A> img = new PlanarImg<>(Planar.<A>planes(dims, z -> plane.apply(size)), dims.clone(), new Fraction());
		img.setLinkedType(linked.apply(img));
		return img;
	}

	/** @return whether an image of these dimensions (x, y, z) is large enough to allocate its planes in parallel */
	private static boolean parallel(final long[] dims, final int bytesPerVoxel) {
		if (dims.length != 3 || dims[2] < 2) return false;
		final long voxels = dims[0] * dims[1] * dims[2];
		return voxels * bytesPerVoxel >= PARALLEL_BYTES && dims[0] * dims[1] <= Integer.MAX_VALUE;
	}

	private static int planeSize(final long[] dims) {
		return (int) (dims[0] * dims[1]);
	}

	/** One new plane per z from {@code make}, the planes made on all threads. */
	private static <A> java.util.List<A> planes(final long[] dims, final java.util.function.IntFunction<A> make) {
		final int nz = (int) dims[2];
		@SuppressWarnings("unchecked")
		final A[] planes = (A[]) new Object[nz];
		Parallel.forEach(nz, z -> planes[z] = make.apply(z));
		return java.util.Arrays.asList(planes);
	}

	/** @return a zeroed int32 planar image (x, y, z) */
	public static PlanarImg<IntType, IntArray> ints(final long... dims) { return PlanarImgs.ints(dims); }

	/**
	 * The backing array of slice {@code z} (no copy).
	 *
	 * @param <A> the array access type, e.g. {@link ShortArray}
	 * @return the primitive array, e.g. {@code short[]}, x fastest
	 */
	@SuppressWarnings("unchecked")
	public static <A> A plane(final PlanarImg<?, ?> img, final int z) {
		return (A) ((net.imglib2.img.basictypeaccess.array.ArrayDataAccess<?>) img.getPlane(z)).getCurrentStorageArray();
	}

	/** @return the image itself when it is a short planar image, else a planar copy */
	@SuppressWarnings("unchecked")
	public static PlanarImg<ShortType, ShortArray> copyOfShorts(final RandomAccessibleInterval<? extends RealType<?>> src) {
		final PlanarImg<ShortType, ShortArray> out = shorts(src.dimensionsAsLongArray());
		copy((RandomAccessibleInterval) src, out);
		return out;
	}

	/** @return the image as a short planar image: itself when it already is one, else a copy */
	@SuppressWarnings("unchecked")
	public static PlanarImg<ShortType, ShortArray> asShorts(final RandomAccessibleInterval<? extends RealType<?>> src) {
		if (src instanceof PlanarImg && ((PlanarImg<?, ?>) src).firstElement() instanceof ShortType && zeroMin(src))
			return (PlanarImg<ShortType, ShortArray>) src;
		return copyOfShorts(src);
	}

	/** @return the image as a uint8 planar image: itself when it already is one, else a copy */
	@SuppressWarnings("unchecked")
	public static PlanarImg<UnsignedByteType, ByteArray> asUnsignedBytes(final RandomAccessibleInterval<? extends RealType<?>> src) {
		if (src instanceof PlanarImg && ((PlanarImg<?, ?>) src).firstElement() instanceof UnsignedByteType && zeroMin(src))
			return (PlanarImg<UnsignedByteType, ByteArray>) src;
		final PlanarImg<UnsignedByteType, ByteArray> out = unsignedBytes(src.dimensionsAsLongArray());
		copy((RandomAccessibleInterval) src, out);
		return out;
	}

	/** @return the image as a float32 planar image: itself when it already is one, else a copy */
	@SuppressWarnings("unchecked")
	public static PlanarImg<FloatType, FloatArray> asFloats(final RandomAccessibleInterval<? extends RealType<?>> src) {
		if (src instanceof PlanarImg && ((PlanarImg<?, ?>) src).firstElement() instanceof FloatType && zeroMin(src))
			return (PlanarImg<FloatType, FloatArray>) src;
		final PlanarImg<FloatType, FloatArray> out = floats(src.dimensionsAsLongArray());
		copy((RandomAccessibleInterval) src, out);
		return out;
	}

	private static boolean zeroMin(final RandomAccessibleInterval<?> src) {
		for (int d = 0; d < src.numDimensions(); d++)
			if (src.min(d) != 0) return false;
		return true;
	}

	/** Copies real values (with the target type's own conversion) in parallel. */
	public static <S extends RealType<S>, T extends RealType<T>> void copy(final RandomAccessibleInterval<S> src, final RandomAccessibleInterval<T> dst) {
		LoopBuilder.setImages(Views.zeroMin(src), dst).multiThreaded().forEachPixel((s, t) -> t.setReal(s.getRealDouble()));
	}

	/** @return the sum of all values (double) in flat-iteration order; float32 planes are read (or computed) directly */
	public static <T extends RealType<T>> double sum(final RandomAccessibleInterval<T> img) {
		if (img instanceof ComputedPlanes && img.getType() instanceof FloatType) {
			final ComputedPlanes<?> p = (ComputedPlanes<?>) img;
			final float[] plane = new float[(int) (p.dimension(0) * p.dimension(1))];
			double s = 0;
			for (int z = 0; z < p.dimension(2); z++) {
				p.slice(z, plane);
				for (final float f : plane)
					s += f;
			}
			return s;
		}
		if (img instanceof PlanarImg && ((PlanarImg<?, ?>) img).firstElement() instanceof FloatType) {
			final PlanarImg<?, ?> p = (PlanarImg<?, ?>) img;
			double s = 0;
			for (int z = 0; z < p.numSlices(); z++)
				for (final float f : Planar.<float[]> plane(p, z))
					s += f;
			return s;
		}
		double s = 0;
		final Cursor<T> c = Views.flatIterable(img).cursor();
		while (c.hasNext()) s += c.next().getRealDouble();
		return s;
	}
}
