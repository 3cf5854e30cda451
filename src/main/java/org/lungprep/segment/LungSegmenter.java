package org.lungprep.segment;


import org.lungprep.core.Parallel;
import org.lungprep.core.Planar;
import org.lungprep.core.ProgressListener;
import org.lungprep.core.Volume;

import net.imglib2.img.planar.PlanarImg;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.integer.ShortType;
import net.imglib2.type.numeric.integer.UnsignedByteType;

/** Lung masks from a HU volume: the tutorial's method or the robust one (see {@link SegmentSettings.Method}). */
public final class LungSegmenter {

	private LungSegmenter() { }

	/**
	 * @param hu the CT in HU (any real type; int16 is the fast path), ideally isotropic
	 * @param settings method and options
	 * @param progress progress and cancellation
	 * @return labels (0, 1 right, 2 left; tutorial: 0/1) and QC on the same grid
	 */
	public static <T extends RealType<T>> LungSegmentation segment(final Volume<T> hu, final SegmentSettings settings, final ProgressListener progress) {
		final int nx = hu.size(0), ny = hu.size(1), nz = hu.size(2);
		final PlanarImg<UnsignedByteType, ?> out = Planar.unsignedBytes(nx, ny, nz);
		final byte[][] mask = new byte[nz][];
		for (int z = 0; z < nz; z++)
			mask[z] = Planar.plane(out, z);
		final boolean labelled;
		int components = -1;
		if (settings.method() == SegmentSettings.Method.TUTORIAL) {
			threshold(hu, settings.thresholdHu(), mask);
			progress.progress("segmenting lungs", 0.1);
			progress.checkCancelled();
			TutorialSegmentation.segment(mask, nx, ny, settings.fill());
			labelled = false;
		}
		else {
			// the robust method takes the air's runs straight from the HU values and paints only the lungs into the
			// (empty) mask
			components = RobustSegmentation.segment(mask, hu, settings, progress);
			labelled = true;
		}
		progress.progress("segmenting lungs", 1);
		final Volume<UnsignedByteType> labels = hu.withImage(out);
		return new LungSegmentation(labels, Measures.qc(mask, nx, ny, hu.geometry().voxelMillilitres(), labelled, components));
	}

	/** mask = 1 where HU &le; threshold (air). */
	private static <T extends RealType<T>> void threshold(final Volume<T> hu, final double threshold, final byte[][] mask) {
		final PlanarImg<ShortType, ?> shorts = Planar.asShorts(hu.image());
		final int t = (int) Math.floor(threshold);
		Parallel.forEach(mask.length, z -> {
			final short[] p = Planar.plane(shorts, z);
			final byte[] m = mask[z];
			for (int i = 0; i < p.length; i++)
				m[i] = (byte) (p[i] <= t ? 1 : 0);
		});
	}
}
