package org.lungprep.core;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.IntervalView;

/**
 * An image (x, y, z) that stores nothing: a lazy ImgLib2 view for element-wise access, plus a function that computes
 * a whole z slice into a caller's array, for code that reads slice by slice (the file writers). Both must give the
 * same values; the view is the definition, the slice function the fast path. Float32 slices are {@code float[]},
 * uint8 slices {@code byte[]}.
 *
 * @param <T> {@link FloatType} or {@link UnsignedByteType}
 */
public final class ComputedPlanes<T extends RealType<T>> extends IntervalView<T> {

	/** Computes slice z of the image into {@code out} (length width &times; height, x fastest). */
	@FunctionalInterface
	public interface SliceFunction<A> {
		/**
		 * @param z slice index, 0-based
		 * @param out destination, length width &times; height
		 */
		void compute(int z, A out);
	}

	private final SliceFunction<Object> slices;
	private final Class<?> arrayType;

	@SuppressWarnings("unchecked")
	private ComputedPlanes(final RandomAccessibleInterval<T> view, final SliceFunction<?> slices, final Class<?> arrayType) {
		super(view, view);
		if (view.numDimensions() != 3) throw new IllegalArgumentException("a volume needs 3 dimensions, got " + view.numDimensions());
		for (int d = 0; d < 3; d++)
			if (view.min(d) != 0) throw new IllegalArgumentException("a computed volume starts at 0, got min " + view.min(d) + " in dimension " + d);
		this.slices = (SliceFunction<Object>) slices;
		this.arrayType = arrayType;
	}

	/**
	 * @param view the lazy element-wise view (zero-min, 3-D)
	 * @param slices the slice function giving the same values as the view
	 * @return a float32 image computed when read
	 */
	public static ComputedPlanes<FloatType> floats(final RandomAccessibleInterval<FloatType> view, final SliceFunction<float[]> slices) {
		return new ComputedPlanes<>(view, slices, float[].class);
	}

	/**
	 * @param view the lazy element-wise view (zero-min, 3-D)
	 * @param slices the slice function giving the same values as the view
	 * @return a uint8 image computed when read
	 */
	public static ComputedPlanes<UnsignedByteType> unsignedBytes(final RandomAccessibleInterval<UnsignedByteType> view, final SliceFunction<byte[]> slices) {
		return new ComputedPlanes<>(view, slices, byte[].class);
	}

	/**
	 * Computes slice z.
	 *
	 * @param z slice index, 0-based
	 * @param out destination: {@code float[]} for a float32 image, {@code byte[]} for uint8, length at least width
	 *        &times; height
	 */
	public void slice(final int z, final Object out) {
		if (z < 0 || z >= dimension(2)) throw new IndexOutOfBoundsException("slice " + z + " of " + dimension(2));
		if (!arrayType.isInstance(out)) throw new IllegalArgumentException("slices of this image go into " + arrayType.getSimpleName() + ", not "
			+ (out == null ? "null" : out.getClass().getSimpleName()));
		slices.compute(z, out);
	}
}
