package org.lungprep.segment;

import java.util.ArrayList;
import java.util.List;

import org.lungprep.core.Connectivity;
import org.lungprep.core.Geometry;

import net.imglib2.parallel.Parallelization;

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
		final int nz = labels.length;
		byte[][] eroded = copy(labels);
		for (int it = 0; it < MAX_EROSIONS; it++) {
			eroded = erode(eroded, nx, ny);
			final ConnectedComponents.Result cc = ConnectedComponents.label(eroded, nx, ny, Connectivity.SIX);
			if (cc.count() == 0) break;
			int a = 0, b = 0;
			for (int l = 1; l <= cc.count(); l++) {
				if (a == 0 || cc.size(l) > cc.size(a)) {
					b = a;
					a = l;
				}
				else if (b == 0 || cc.size(l) > cc.size(b)) b = l;
			}
			if (b != 0 && cc.size(b) >= 0.1 * cc.size(a)) {
				final boolean aRight = RobustSegmentation.centreX(cc.boundingBox(a), g) <= RobustSegmentation.centreX(cc.boundingBox(b), g);
				final byte[][] seeds = new byte[nz][nx * ny];
				final boolean[] ka = new boolean[cc.count() + 1], kb = new boolean[cc.count() + 1];
				ka[a] = true;
				kb[b] = true;
				cc.paint(seeds, ka, aRight ? (byte) 1 : (byte) 2);
				cc.paint(seeds, kb, aRight ? (byte) 2 : (byte) 1);
				growBack(labels, seeds, nx, ny);
				return;
			}
		}
		splitAtCentre(labels, nx, ny, g);
	}

	/** Breadth-first growth of the seed labels through the mask; voxels never reached keep label 1 or 2 by side. */
	private static void growBack(final byte[][] mask, final byte[][] seeds, final int nx, final int ny) {
		final int nz = mask.length;
		final int plane = nx * ny;
		int[] queue = new int[1 << 16];
		int head = 0, tail = 0;
		for (int z = 0; z < nz; z++)
			for (int i = 0; i < plane; i++)
				if (seeds[z][i] != 0) {
					if (tail == queue.length) queue = java.util.Arrays.copyOf(queue, queue.length * 2);
					queue[tail++] = z * plane + i;
				}
		final int[][] steps = { { 1, 0, 0 }, { -1, 0, 0 }, { 0, 1, 0 }, { 0, -1, 0 }, { 0, 0, 1 }, { 0, 0, -1 } };
		while (head < tail) {
			final int v = queue[head++];
			final int z = v / plane, i = v % plane, x = i % nx, y = i / nx;
			final byte l = seeds[z][i];
			for (final int[] s : steps) {
				final int xx = x + s[0], yy = y + s[1], zz = z + s[2];
				if (xx < 0 || yy < 0 || zz < 0 || xx >= nx || yy >= ny || zz >= nz) continue;
				final int j = yy * nx + xx;
				if (mask[zz][j] == 0 || seeds[zz][j] != 0) continue;
				seeds[zz][j] = l;
				if (tail == queue.length) queue = java.util.Arrays.copyOf(queue, queue.length * 2);
				queue[tail++] = zz * plane + j;
			}
		}
		for (int z = 0; z < nz; z++)
			for (int i = 0; i < plane; i++)
				if (mask[z][i] != 0) mask[z][i] = seeds[z][i] != 0 ? seeds[z][i] : 1;
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

	private static byte[][] copy(final byte[][] a) {
		final byte[][] c = new byte[a.length][];
		for (int z = 0; z < a.length; z++)
			c[z] = a[z].clone();
		return c;
	}

	/** One 6-neighbour erosion (planes in parallel). */
	private static byte[][] erode(final byte[][] in, final int nx, final int ny) {
		final int nz = in.length;
		final byte[][] out = new byte[nz][nx * ny];
		final List<Integer> zs = new ArrayList<>();
		for (int z = 0; z < nz; z++)
			zs.add(z);
		Parallelization.getTaskExecutor().forEach(zs, z -> {
			final byte[] p = in[z], o = out[z];
			final byte[] below = z > 0 ? in[z - 1] : null, above = z < nz - 1 ? in[z + 1] : null;
			for (int y = 1; y < ny - 1; y++)
				for (int x = 1; x < nx - 1; x++) {
					final int i = y * nx + x;
					if (p[i] != 0 && p[i - 1] != 0 && p[i + 1] != 0 && p[i - nx] != 0 && p[i + nx] != 0 && (below == null || below[i] != 0)
						&& (above == null || above[i] != 0)) o[i] = 1;
				}
		});
		return out;
	}
}
