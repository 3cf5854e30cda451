package org.lungprep.normalize;

import java.util.List;

import org.lungprep.core.Parallel;
import org.lungprep.core.Planar;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.loops.LoopBuilder;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.integer.ShortType;

/**
 * The mean of the scaled (clipped to the window, in [0, 1], not yet centred) values over many
 * volumes, accumulated one patient at a time, so a cohort's own mean can replace the tutorial's 0.25.
 * Sums are kept exactly per patient (double sum of float values) and combined weighted by voxel count.
 */
public final class CohortMean {

	private final double sum;
	private final long voxels;
	private final int volumes;

	private CohortMean(final double sum, final long voxels, final int volumes) {
		this.sum = sum;
		this.voxels = voxels;
		this.volumes = volumes;
	}

	/** @return an empty accumulator */
	public static CohortMean empty() { return new CohortMean(0, 0, 0); }

	/**
	 * @param hu one patient's HU image
	 * @param s the window (its mean is ignored)
	 * @return the contribution of that patient
	 */
	public static <T extends RealType<T>> CohortMean of(final RandomAccessibleInterval<T> hu, final NormalizeSettings s) {
		if (hu instanceof PlanarImg && ((PlanarImg<?, ?>) hu).firstElement() instanceof ShortType) return ofShorts((PlanarImg<?, ?>) hu, s);
		final List<double[]> partial = LoopBuilder.setImages(hu).multiThreaded().forEachChunk(chunk -> {
			final double[] acc = { 0 };
			chunk.forEachPixel(v -> acc[0] += s.scale(v.getRealDouble()));
			return acc;
		});
		double total = 0;
		for (final double[] p : partial) total += p[0];
		long n = 1;
		for (int d = 0; d < hu.numDimensions(); d++) n *= hu.dimension(d);
		return new CohortMean(total, n, 1);
	}

	/** int16 planes: one table lookup per voxel, planes in parallel, plane sums added in order (thread-independent). */
	private static CohortMean ofShorts(final PlanarImg<?, ?> hu, final NormalizeSettings s) {
		final double[] lut = new double[65536];
		for (int v = -32768; v <= 32767; v++)
			lut[v + 32768] = s.scale(v);
		final int nz = (int) hu.dimension(2);
		final double[] planeSums = new double[nz];
		Parallel.forEach(nz, z -> {
			final short[] p = Planar.plane(hu, z);
			double acc = 0;
			for (final short v : p)
				acc += lut[v + 32768];
			planeSums[z] = acc;
		});
		double total = 0;
		for (final double p : planeSums)
			total += p;
		return new CohortMean(total, hu.dimension(0) * hu.dimension(1) * nz, 1);
	}

	/** @return the sum of a patient's scaled values, its voxel count and 1 volume, from stored numbers */
	public static CohortMean of(final double sum, final long voxels) {
		if (voxels < 0 || !Double.isFinite(sum)) throw new IllegalArgumentException("bad cohort sum " + sum + " over " + voxels + " voxels");
		return new CohortMean(sum, voxels, voxels > 0 ? 1 : 0);
	}

	/** @return both accumulators combined */
	public CohortMean plus(final CohortMean other) {
		return new CohortMean(sum + other.sum, voxels + other.voxels, volumes + other.volumes);
	}

	/** @return the mean scaled value; NaN when no voxels were seen */
	public double mean() { return voxels == 0 ? Double.NaN : sum / voxels; }

	public double sum() { return sum; }
	public long voxels() { return voxels; }
	public int volumes() { return volumes; }
}
