package org.lungprep.segment;


import org.lungprep.core.Connectivity;
import org.lungprep.core.Parallel;


/**
 * The tutorial's segment_lung_mask, step by step, on byte planes:
 * <ol>
 * <li>tissue = HU &gt; -320, air = the rest;</li>
 * <li>label both classes in 3-D with 26 neighbours (scikit-image's default); the component holding voxel [0, 0, 0]
 * is outside air and becomes tissue;</li>
 * <li>with fill_lung_structures: in every axial slice, label tissue with 8 neighbours and turn everything but the
 * largest tissue component into lung (so vessels inside the lungs are kept);</li>
 * <li>keep the largest 26-connected lung component.</li>
 * </ol>
 */
final class TutorialSegmentation {

	private TutorialSegmentation() { }

	/**
	 * @param air 1 where HU &le; threshold (modified: becomes the mask)
	 * @return the number of voxels in the mask
	 */
	static long segment(final byte[][] air, final int nx, final int ny, final boolean fill) {
		final int nz = air.length;
		// step 2: outside air. If voxel [0,0,0] is tissue, its tissue component is "background" and nothing changes.
		if (air[0][0] != 0) {
			final ConnectedComponents.Result airCc = ConnectedComponents.label(air, nx, ny, Connectivity.TWENTY_SIX);
			final boolean[] outside = new boolean[airCc.count() + 1];
			outside[airCc.labelAt(0, 0, 0)] = true;
			airCc.paint(air, outside, (byte) 0);
		}
		if (fill) {
			// one tissue plane per thread, reused slice after slice (a new one per slice was a volume of garbage)
			final ThreadLocal<byte[]> planes = ThreadLocal.withInitial(() -> new byte[nx * ny]);
			Parallel.forEach(nz, z -> {
				final byte[] p = air[z];
				final byte[] tissue = planes.get();
				for (int i = 0; i < p.length; i++)
					tissue[i] = (byte) (p[i] == 0 ? 1 : 0);
				final ConnectedComponents.Result cc = ConnectedComponents.label(new byte[][] { tissue }, nx, ny, Connectivity.EIGHT);
				final int largest = cc.largest();
				if (largest == 0) return;
				// everything that is not the largest tissue component becomes lung
				java.util.Arrays.fill(p, (byte) 1);
				final boolean[] keep = new boolean[cc.count() + 1];
				keep[largest] = true;
				cc.paintPlane(p, keep, (byte) 0);
			});
		}
		final ConnectedComponents.Result lungs = ConnectedComponents.label(air, nx, ny, Connectivity.TWENTY_SIX);
		final int largest = lungs.largest();
		final boolean[] drop = new boolean[lungs.count() + 1];
		for (int l = 1; l <= lungs.count(); l++)
			drop[l] = l != largest;
		lungs.paint(air, drop, (byte) 0);
		return largest == 0 ? 0 : lungs.size(largest);
	}
}
