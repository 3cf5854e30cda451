package org.lungprep.segment;


import org.lungprep.core.ByteScan;
import org.lungprep.core.Connectivity;
import org.lungprep.core.Geometry;
import org.lungprep.core.Parallel;


/**
 * Splits one connected lung mask (lungs touching at the anterior or posterior junction) into right (1) and left (2):
 * erode (6 neighbours) until two large parts appear, then grow them back breadth first through the mask, so every voxel
 * joins the part it is nearer to along the mask. When no erosion of up to 20 voxels splits it, the mask is split at
 * the plane through its centre perpendicular to the patient's left-right axis.
 */
final class Separation {

	private static final int MAX_EROSIONS = 20;

	private Separation() { }

	static void split(final byte[][] labels, final int nx, final int ny, final Geometry g) {
		split(labels, nx, ny, g, box(labels, nx, ny), true);
	}

	/**
	 * As above, given the mask's bounding box ({xmin, ymin, zmin, xmax, ymax, zmax}, inclusive; null for an empty mask);
	 * {@code inPlace} false always works on a copy of the box (for tests: both give the same labels).
	 */
	static void split(final byte[][] labels, final int nx, final int ny, final Geometry g, final int[] box, final boolean inPlace) {
		if (box == null) return;
		// the work happens on the planes of the mask's box and, where the volume has them, the empty planes below and
		// above: it erodes and grows exactly as the whole volume does (beyond the first and last plane counts as
		// inside), in a fraction of the time; the growth needs an empty margin of one voxel in x and y
		final int bz = Math.max(0, box[2] - 1), top = Math.min(labels.length - 1, box[5] + 1), d = top - bz + 1;
		if (inPlace && box[0] >= 1 && box[1] >= 1 && box[3] <= nx - 2 && box[4] <= ny - 2) {
			// the volume has that margin (the robust segmentation's lungs never touch its sides): the volume's own planes,
			// grown into where they are
			if (!splitCrop(java.util.Arrays.copyOfRange(labels, bz, top + 1), nx, ny, g, new int[] { 0, 0, bz })) splitAtCentre(labels, nx, ny, g);
			return;
		}
		// else a copy of the box with a margin of one empty voxel in x and y (outside the volume too)
		final int bx = box[0] - 1, by = box[1] - 1;
		final int w = box[3] - box[0] + 3, h = box[4] - box[1] + 3;
		final byte[][] mask = new byte[d][w * h];
		for (int z = 0; z < d; z++)
			for (int y = 1; y < h - 1; y++)
				System.arraycopy(labels[bz + z], (by + y) * nx + bx + 1, mask[z], y * w + 1, w - 2);
		if (!splitCrop(mask, w, h, g, new int[] { bx, by, bz })) {
			splitAtCentre(labels, nx, ny, g);
			return;
		}
		for (int z = 0; z < d; z++)
			for (int y = 1; y < h - 1; y++)
				System.arraycopy(mask[z], y * w + 1, labels[bz + z], (by + y) * nx + bx + 1, w - 2);
	}

	/**
	 * Erodes the mask (planes of w x h with an empty margin in x and y) until it splits and grows the two parts back
	 * into it; false, with the mask untouched, when no erosion splits it.
	 */
	private static boolean splitCrop(final byte[][] mask, final int w, final int h, final Geometry g, final int[] offset) {
		// the erosions work on runs (no voxel buffers); the mask itself is never overwritten
		Runs eroded = Runs.of(mask, w, h);
		for (int it = 0; it < MAX_EROSIONS; it++) {
			eroded = eroded.erode6();
			final ConnectedComponents.Result cc = ConnectedComponents.label(eroded, Connectivity.SIX);
			if (cc.count() == 0) return false;
			int a = 0, b = 0;
			for (int l = 1; l <= cc.count(); l++) {
				if (a == 0 || cc.size(l) > cc.size(a)) {
					b = a;
					a = l;
				}
				else if (b == 0 || cc.size(l) > cc.size(b)) b = l;
			}
			if (b != 0 && cc.size(b) >= 0.1 * cc.size(a)) {
				final boolean aRight = RobustSegmentation.centreX(shift(cc.boundingBox(a), offset), g) <= RobustSegmentation.centreX(shift(cc.boundingBox(b), offset), g);
				final byte[] seedLabel = new byte[cc.count() + 1];
				seedLabel[a] = aRight ? (byte) 1 : (byte) 2;
				seedLabel[b] = aRight ? (byte) 2 : (byte) 1;
				growBack(mask, cc, seedLabel, w, h);
				return true;
			}
		}
		return false;
	}

	private static int[] shift(final int[] box, final int[] offset) {
		for (int k = 0; k < 6; k++)
			box[k] += offset[k % 3];
		return box;
	}

	/** @return {xmin, ymin, zmin, xmax, ymax, zmax} (inclusive) of the non-zero voxels, null when there are none */
	static int[] box(final byte[][] labels, final int nx, final int ny) {
		int x0 = nx, y0 = ny, z0 = -1, x1 = -1, y1 = -1, z1 = -1;
		for (int z = 0; z < labels.length; z++) {
			final byte[] p = labels[z];
			for (int y = 0; y < ny; y++) {
				final int o = y * nx, a = ByteScan.firstSet(p, o, o + nx) - o;
				if (a == nx) continue;
				final int b = ByteScan.lastSet(p, o, o + nx) - o;
				if (z0 < 0) z0 = z;
				z1 = z;
				y0 = Math.min(y0, y);
				y1 = Math.max(y1, y);
				x0 = Math.min(x0, a);
				x1 = Math.max(x1, b);
			}
		}
		return z0 < 0 ? null : new int[] { x0, y0, z0, x1, y1, z1 };
	}

	/**
	 * Grows the seeds (the components with a non-zero seedLabel) through the mask, which takes their labels: every mask
	 * voxel a seed reaches (6 neighbours) gets the label of a seed nearest to it along the mask. Voxels never reached keep
	 * their value (1). The mask has an empty margin in x and y, so in-plane neighbours need no checks.
	 * <p>
	 * Breadth first, one distance at a time, the planes in parallel: each plane takes its unreached voxels next to the
	 * last front in its own plane, then in the plane below, then above, the first to reach a voxel giving its label. So a
	 * voxel as near to both seeds (the few on the lungs' junction) gets a label that depends on the mask only, not on the
	 * threads. A reached voxel holds its label + 2 until the end, so 1 still means a mask voxel not reached; the fronts
	 * are written by their own plane only and read by the neighbouring planes in the next step.
	 */
	static void growBack(final byte[][] mask, final ConnectedComponents.Result seeds, final byte[] seedLabel, final int w, final int h) {
		final int d = mask.length;
		// the seeds take their labels, then each plane lists its seed voxels with an unreached neighbour (the others have
		// nothing to grow into)
		Parallel.forEach(d, z -> seeds.forEachRunInPlane(z, (zz, y, x0, x1, label) -> {
			if (seedLabel[label] != 0) java.util.Arrays.fill(mask[z], y * w + x0, y * w + x1, (byte) (seedLabel[label] + 2));
		}));
		int[][] front = new int[d][], next = new int[d][];
		int[] frontSize = new int[d], nextSize = new int[d];
		final int[][] frontRef = front;
		final int[] frontSizeRef = frontSize;
		Parallel.forEach(d, z -> {
			final byte[] m = mask[z], below = z > 0 ? mask[z - 1] : null, above = z + 1 < d ? mask[z + 1] : null;
			final int[][] list = { new int[256] };
			final int[] size = { 0 };
			seeds.forEachRunInPlane(z, (zz, y, x0, x1, label) -> {
				if (seedLabel[label] == 0) return;
				final int s = y * w + x0, e = y * w + x1;
				for (int i = s; i < e;) {
					// inside the run the x neighbours are seeds: eight voxels at a time are skipped when none of the rows
					// beside them holds an unreached voxel (1) at those columns
					if (i > s && i + 8 < e && !ByteScan.anyOf8(m, i - w, (byte) 1) && !ByteScan.anyOf8(m, i + w, (byte) 1)
						&& (above == null || !ByteScan.anyOf8(above, i, (byte) 1)) && (below == null || !ByteScan.anyOf8(below, i, (byte) 1)))
					{
						i += 8;
						continue;
					}
					if (m[i + 1] == 1 || m[i - 1] == 1 || m[i + w] == 1 || m[i - w] == 1 || above != null && above[i] == 1 || below != null && below[i] == 1) {
						if (size[0] == list[0].length) list[0] = java.util.Arrays.copyOf(list[0], 2 * size[0]);
						list[0][size[0]++] = i;
					}
					i++;
				}
			});
			frontRef[z] = list[0];
			frontSizeRef[z] = size[0];
		});
		// planes that hold a front, and those next to one, take part in a step
		final boolean[] active = new boolean[d];
		for (;;) {
			int count = 0;
			java.util.Arrays.fill(active, false);
			for (int z = 0; z < d; z++)
				if (frontSize[z] > 0) {
					count++;
					active[z] = true;
					if (z > 0) active[z - 1] = true;
					if (z + 1 < d) active[z + 1] = true;
				}
			if (count == 0) break;
			final int[][] f = front, nx = next;
			final int[] fs = frontSize, ns = nextSize;
			Parallel.forEach(d, z -> {
				if (!active[z]) {
					ns[z] = 0;
					return;
				}
				final byte[] m = mask[z];
				int[] out = nx[z] == null ? new int[Math.max(64, fs[z])] : nx[z];
				int n = 0;
				// in the plane: +x, -x, +y, -y of each front voxel, in the front's order
				final int[] own = f[z];
				for (int k = 0, e = fs[z]; k < e; k++) {
					final int i = own[k];
					final byte l = m[i];
					if (out.length < n + 4) out = java.util.Arrays.copyOf(out, 2 * out.length + 4);
					if (m[i + 1] == 1) {
						m[i + 1] = l;
						out[n++] = i + 1;
					}
					if (m[i - 1] == 1) {
						m[i - 1] = l;
						out[n++] = i - 1;
					}
					if (m[i + w] == 1) {
						m[i + w] = l;
						out[n++] = i + w;
					}
					if (m[i - w] == 1) {
						m[i - w] = l;
						out[n++] = i - w;
					}
				}
				// from the planes below and above: the voxel at the same place (their fronts' labels are final)
				for (int side = -1; side <= 1; side += 2) {
					final int o = z + side;
					if (o < 0 || o >= d || fs[o] == 0) continue;
					final int[] other = f[o];
					final byte[] om = mask[o];
					for (int k = 0, e = fs[o]; k < e; k++) {
						final int i = other[k];
						if (m[i] == 1) {
							m[i] = om[i];
							if (n == out.length) out = java.util.Arrays.copyOf(out, 2 * out.length);
							out[n++] = i;
						}
					}
				}
				nx[z] = out;
				ns[z] = n;
			});
			front = nx;
			frontSize = ns;
			next = f;
			nextSize = fs;
		}
		// reached labels back to 1 and 2 (the empty stretches skipped eight bytes at a time)
		Parallel.forEach(d, z -> {
			final byte[] m = mask[z];
			for (int i = ByteScan.firstSet(m, 0, m.length); i < m.length; i = ByteScan.firstSet(m, i, m.length)) {
				for (; i < m.length && m[i] != 0; i++)
					if (m[i] > 2) m[i] -= 2;
			}
		});
	}

	private static void splitAtCentre(final byte[][] labels, final int nx, final int ny, final Geometry g) {
		double sum = 0;
		long n = 0;
		for (int z = 0; z < labels.length; z++)
			for (int i = 0; i < nx * ny; i++)
				if (labels[z][i] != 0) {
					sum += g.toPhysical(new double[] { i % nx, i / nx, z })[0];
					n++;
				}
		final double centre = n == 0 ? 0 : sum / n;
		for (int z = 0; z < labels.length; z++)
			for (int i = 0; i < nx * ny; i++)
				if (labels[z][i] != 0) labels[z][i] = g.toPhysical(new double[] { i % nx, i / nx, z })[0] < centre ? (byte) 1 : (byte) 2;
	}
}
