package org.lungprep.segment;


import org.lungprep.core.Geometry;
import org.lungprep.core.Parallel;
import org.lungprep.core.Planar;
import org.lungprep.core.Volume;

import net.imglib2.img.planar.PlanarImg;
import net.imglib2.type.numeric.integer.UnsignedByteType;

/**
 * A lung mask grown by a margin in millimetres: a voxel is in the result when a mask voxel lies within the margin (a
 * ball in physical space, any voxel spacing). Used to keep the tissue just outside the lungs (juxtapleural nodules,
 * the pleura) when everything else is masked away.
 * <p>
 * Exact and cheap: for every voxel, the distance in slices to the nearest mask voxel of its (x, y) column, g, is found
 * by two sweeps along z; a voxel at g slices from the mask reaches in-plane as far as sqrt(r^2 - (g sz)^2). Those
 * reaches take only a few values, so each slice is the union of a few disk dilations ({@code Distance2D.within}) of
 * the pixels with g at most 0, 1, 2, ... slices.
 */
public final class MaskMargin {

	private MaskMargin() { }

	/**
	 * @param mask a mask or label volume (non-zero = inside)
	 * @param mm the margin (&ge; 0 mm; 0 gives the mask itself as 0/1)
	 * @return a new 0/1 volume on the same grid
	 */
	public static Volume<UnsignedByteType> grow(final Volume<UnsignedByteType> mask, final double mm) {
		if (!(mm >= 0) || Double.isInfinite(mm)) throw new IllegalArgumentException("mask margin must be >= 0 mm, got " + mm);
		final Geometry g = mask.geometry();
		final int nx = mask.size(0), ny = mask.size(1), nz = mask.size(2);
		final double sx = g.spacing(0), sy = g.spacing(1), sz = g.spacing(2);
		final PlanarImg<UnsignedByteType, ?> in = Planar.asUnsignedBytes(mask.image());
		final PlanarImg<UnsignedByteType, ?> out = Planar.unsignedBytes(nx, ny, nz);
		// slices reached along z: g <= reach, the largest with (g sz)^2 <= mm^2 (the comparison used below)
		int slices = 0;
		while (slices < 254 && ((slices + 1) * sz) * ((slices + 1) * sz) <= mm * mm) slices++;
		final int reach = slices;
		// distance in slices to the nearest mask voxel of the same column, capped at reach + 1 (never reaches)
		final byte[][] dist = new byte[nz][];
		final int far = reach + 1;
		for (int z = 0; z < nz; z++) {
			final byte[] m = Planar.plane(in, z), d = new byte[nx * ny];
			final byte[] below = z > 0 ? dist[z - 1] : null;
			for (int i = 0; i < d.length; i++)
				d[i] = (byte) (m[i] != 0 ? 0 : below == null ? far : Math.min(far, (below[i] & 0xff) + 1));
			dist[z] = d;
		}
		for (int z = nz - 2; z >= 0; z--) {
			final byte[] d = dist[z], above = dist[z + 1];
			for (int i = 0; i < d.length; i++)
				d[i] = (byte) Math.min(d[i] & 0xff, (above[i] & 0xff) + 1);
		}
		final int mx = (int) Math.ceil(mm / sx) + 1, my = (int) Math.ceil(mm / sy) + 1;
		Parallel.forEach(nz, z -> {
			final byte[] d = dist[z], o = Planar.plane(out, z);
			// the work is limited to the box of the pixels that reach anything, grown by the margin
			int x0 = nx, y0 = ny, x1 = -1, y1 = -1;
			for (int y = 0; y < ny; y++)
				for (int x = 0; x < nx; x++)
					if ((d[y * nx + x] & 0xff) <= reach) {
						x0 = Math.min(x0, x);
						x1 = Math.max(x1, x);
						y0 = Math.min(y0, y);
						y1 = y;
					}
			if (x1 < 0) return;
			x0 = Math.max(0, x0 - mx);
			y0 = Math.max(0, y0 - my);
			x1 = Math.min(nx - 1, x1 + mx);
			y1 = Math.min(ny - 1, y1 + my);
			final int w = x1 - x0 + 1, h = y1 - y0 + 1;
			final boolean[] sources = new boolean[w * h];
			for (int k = 0; k <= reach; k++) {
				// what is left of the squared margin in-plane after k slices
				final double left = mm * mm - (k * sz) * (k * sz);
				if (left < 0) break;
				boolean any = false;
				for (int y = 0; y < h; y++)
					for (int x = 0; x < w; x++) {
						final boolean src = (d[(y + y0) * nx + x + x0] & 0xff) <= k;
						sources[y * w + x] = src;
						any |= src;
					}
				if (!any) continue;
				final boolean[] near = Distance2D.withinSquared(sources, w, h, sx, sy, left);
				for (int y = 0; y < h; y++)
					for (int x = 0; x < w; x++)
						if (near[y * w + x]) o[(y + y0) * nx + x + x0] = 1;
			}
		});
		return mask.withImage(out);
	}
}
