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
	 * Breadth-first growth of the seeds (the components with a non-zero seedLabel) through the mask, which takes their
	 * labels; neighbours in the order +x, -x, +y, -y, +z, -z, seeds queued in raster order. Voxels never reached keep
	 * their value (1). The mask has an empty margin in x and y, so in-plane neighbours need no checks.
	 * <p>
	 * The mask (0/1 on entry) records what is reached itself: a reached voxel holds its label + 2 until the end, so 1
	 * still means a mask voxel not reached. Only seed voxels with such a neighbour are queued: the others would find
	 * nothing to grow into when their turn came, so leaving them out changes no label, and the queue keeps the order
	 * of the rest.
	 */
	static void growBack(final byte[][] mask, final ConnectedComponents.Result seeds, final byte[] seedLabel, final int w, final int h) {
		growBack(mask, seeds, seedLabel, w, h, 1 << 16);
	}

	/**
	 * As above with the queue's first capacity (a power of two; tests use small ones to make it wrap and grow). The
	 * queue is a ring holding the front only, not every voxel ever queued: a few MB for a chest CT instead of two
	 * arrays as long as the lungs have voxels, grown (in order) only when the front outgrows it.
	 */
	static void growBack(final byte[][] mask, final ConnectedComponents.Result seeds, final byte[] seedLabel, final int w, final int h, final int capacity) {
		if (Integer.bitCount(capacity) != 1 || capacity < 8) throw new IllegalArgumentException("queue capacity must be a power of two >= 8, got " + capacity);
		final int d = mask.length;
		// planes in parallel: the seeds take their labels, then each plane lists its seed voxels with an unreached
		// neighbour in raster order; queued plane after plane, that is the order of one raster pass
		Parallel.forEach(d, z -> seeds.forEachRunInPlane(z, (zz, y, x0, x1, label) -> {
			if (seedLabel[label] != 0) java.util.Arrays.fill(mask[z], y * w + x0, y * w + x1, (byte) (seedLabel[label] + 2));
		}));
		final int[][] front = new int[d][];
		final int[] frontSize = new int[d];
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
			front[z] = list[0];
			frontSize[z] = size[0];
		});
		// the queue holds plane and index separately (no division per voxel), in a ring: entry k at k & (length - 1)
		final Ring q = new Ring(capacity);
		for (int z = 0; z < d; z++) {
			q.room(frontSize[z]);
			for (int k = 0; k < frontSize[z]; k++) {
				q.z[q.tail & q.mask] = z;
				q.i[q.tail++ & q.mask] = front[z][k];
			}
			front[z] = null;
		}
		int[] qz = q.z, qi = q.i;
		int head = q.head, tail = q.tail, qm = q.mask;
		while (head != tail) {
			final int z = qz[head & qm], i = qi[head & qm];
			head++;
			if (tail - head + 6 > qm + 1) {
				q.head = head;
				q.tail = tail;
				q.room(6);
				qz = q.z;
				qi = q.i;
				head = q.head;
				tail = q.tail;
				qm = q.mask;
			}
			final byte[] m = mask[z];
			final byte l = m[i];
			// +x, -x, +y, -y, +z, -z
			if (m[i + 1] == 1) {
				m[i + 1] = l;
				qz[tail & qm] = z;
				qi[tail++ & qm] = i + 1;
			}
			if (m[i - 1] == 1) {
				m[i - 1] = l;
				qz[tail & qm] = z;
				qi[tail++ & qm] = i - 1;
			}
			if (m[i + w] == 1) {
				m[i + w] = l;
				qz[tail & qm] = z;
				qi[tail++ & qm] = i + w;
			}
			if (m[i - w] == 1) {
				m[i - w] = l;
				qz[tail & qm] = z;
				qi[tail++ & qm] = i - w;
			}
			if (z + 1 < d && mask[z + 1][i] == 1) {
				mask[z + 1][i] = l;
				qz[tail & qm] = z + 1;
				qi[tail++ & qm] = i;
			}
			if (z > 0 && mask[z - 1][i] == 1) {
				mask[z - 1][i] = l;
				qz[tail & qm] = z - 1;
				qi[tail++ & qm] = i;
			}
		}
		// reached labels back to 1 and 2
		Parallel.forEach(d, z -> {
			final byte[] m = mask[z];
			for (int i = 0; i < m.length; i++)
				if (m[i] > 2) m[i] -= 2;
		});
	}

	/** A first-in first-out ring of (plane, index) pairs; head and tail count entries ever taken and added. */
	private static final class Ring {
		int[] z, i;
		int mask, head, tail;

		Ring(final int capacity) {
			z = new int[capacity];
			i = new int[capacity];
			mask = capacity - 1;
		}

		/** Makes room for n more entries, doubling (and unwrapping the entries in order) when needed. */
		void room(final int n) {
			final int size = tail - head;
			if (size + n <= mask + 1) return;
			int cap = mask + 1;
			while (size + n > cap) cap *= 2;
			final int[] nz = new int[cap], ni = new int[cap];
			for (int k = 0; k < size; k++) {
				nz[k] = z[(head + k) & mask];
				ni[k] = i[(head + k) & mask];
			}
			z = nz;
			i = ni;
			mask = cap - 1;
			head = 0;
			tail = size;
		}
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
