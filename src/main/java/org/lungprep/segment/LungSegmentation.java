package org.lungprep.segment;

import org.lungprep.core.ByteScan;
import org.lungprep.core.ComputedPlanes;
import org.lungprep.core.Parallel;
import org.lungprep.core.Planar;
import org.lungprep.core.Volume;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.converter.Converters;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.view.Views;

/** A lung mask on the grid of the CT it came from, with its QC measures. */
public final class LungSegmentation {

	private final Volume<UnsignedByteType> labels;
	private final LungQc qc;

	LungSegmentation(final Volume<UnsignedByteType> labels, final LungQc qc) {
		this.labels = labels;
		this.qc = qc;
	}

	/** @return 0 background, 1 right lung, 2 left lung (the tutorial method gives 1 for all lung voxels) */
	public Volume<UnsignedByteType> labels() { return labels; }

	/** @return 0/1 mask (a new volume) */
	public Volume<UnsignedByteType> binary() {
		final PlanarImg<UnsignedByteType, ?> src = Planar.asUnsignedBytes(labels.image());
		final PlanarImg<UnsignedByteType, ?> out = Planar.unsignedBytes(labels.dimensions());
		Parallel.forEach(labels.size(2), z -> binarySlice(src, z, Planar.plane(out, z)));
		return labels.withImage(out);
	}

	/**
	 * @return the 0/1 mask as a view computed when read (slice by slice by the writers), nothing stored; valid while
	 *         the labels are not changed
	 */
	public Volume<UnsignedByteType> binaryView() {
		final PlanarImg<UnsignedByteType, ?> src = Planar.asUnsignedBytes(labels.image());
		final RandomAccessibleInterval<UnsignedByteType> view = Converters.convert(Views.zeroMin(labels.image()), (a, b) -> b.set(a.get() != 0 ? 1 : 0),
			new UnsignedByteType());
		return labels.withImage(ComputedPlanes.unsignedBytes(view, (z, out) -> binarySlice(src, z, out)));
	}

	private static void binarySlice(final PlanarImg<UnsignedByteType, ?> labels, final int z, final byte[] out) {
		final byte[] a = Planar.plane(labels, z);
		ByteScan.ones(a, out, a.length);
	}

	/** @return the QC measures */
	public LungQc qc() { return qc; }
}
