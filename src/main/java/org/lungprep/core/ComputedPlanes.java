package org.lungprep.core;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.IntervalView;

/**
 * A float32 image (x, y, z) that stores nothing: a lazy ImgLib2 view for element-wise access, plus a function that
 * computes a whole z slice into a caller's array, for code that reads slice by slice (the file writers). Both must
 * give the same values; the view is the definition, the slice function the fast path.
 */
public final class ComputedPlanes extends IntervalView<FloatType> {

	/** Computes slice z of the image into {@code out} (length width &times; height, x fastest). */
	@FunctionalInterface
	public interface SliceFunction {
		/**
		 * @param z slice index, 0-based
		 * @param out destination, length width &times; height
		 */
		void compute(int z, float[] out);
	}

	private final SliceFunction slices;

	/**
	 * @param view the lazy element-wise view (zero-min, 3-D)
	 * @param slices the slice function giving the same values as the view
	 */
	public ComputedPlanes(final RandomAccessibleInterval<FloatType> view, final SliceFunction slices) {
		super(view, view);
		if (view.numDimensions() != 3) throw new IllegalArgumentException("a volume needs 3 dimensions, got " + view.numDimensions());
		for (int d = 0; d < 3; d++)
			if (view.min(d) != 0) throw new IllegalArgumentException("a computed volume starts at 0, got min " + view.min(d) + " in dimension " + d);
		this.slices = slices;
	}

	/**
	 * Computes slice z.
	 *
	 * @param z slice index, 0-based
	 * @param out destination, length at least width &times; height
	 */
	public void slice(final int z, final float[] out) {
		if (z < 0 || z >= dimension(2)) throw new IndexOutOfBoundsException("slice " + z + " of " + dimension(2));
		slices.compute(z, out);
	}
}
