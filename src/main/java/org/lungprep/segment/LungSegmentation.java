package org.lungprep.segment;

import org.lungprep.core.Parallel;
import org.lungprep.core.Planar;
import org.lungprep.core.Volume;

import net.imglib2.img.planar.PlanarImg;
import net.imglib2.type.numeric.integer.UnsignedByteType;

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
		Parallel.forEach(labels.size(2), z -> {
			final byte[] a = Planar.plane(src, z), b = Planar.plane(out, z);
			for (int i = 0; i < a.length; i++)
				b[i] = (byte) (a[i] != 0 ? 1 : 0);
		});
		return labels.withImage(out);
	}

	/** @return the QC measures */
	public LungQc qc() { return qc; }
}
