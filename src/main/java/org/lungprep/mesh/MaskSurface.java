package org.lungprep.mesh;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

import net.imglib2.img.planar.PlanarImg;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.real.FloatType;

import org.lungprep.core.Geometry;
import org.lungprep.core.Parallel;
import org.lungprep.core.Planar;
import org.lungprep.core.ProgressListener;
import org.lungprep.core.Volume;

/**
 * A smooth surface of a binary mask (or label image; every non-zero voxel counts as inside), for pictures.
 * <p>
 * Marching cubes on a 0/1 mask at 0.5 puts every vertex at an edge midpoint and takes normals from a two-valued
 * image, which draws terraces of voxel steps. Here the mask is first reduced to the fraction of inside voxels in
 * blocks of {@code factor}³ voxels, then blurred with a [1 2 1] / 4 kernel along each axis, and the surface is the
 * 0.5 level of that field: vertices land between grid points and normals vary smoothly. A flat boundary stays in
 * place (the field is symmetric around it); convex parts move inwards, by a small fraction of a block on shapes much
 * larger than the blocks (a 20 mm ball in 2 mm blocks loses 2.3 % of its volume, in 3 mm blocks 5.3 %; the lungs of
 * a chest CT in 2 mm blocks 0.15 %), and details thinner than a block fade. For pictures; use
 * {@link MarchingCubes} on the mask itself where the exact voxel boundary matters.
 */
public final class MaskSurface {

	private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

	private MaskSurface() { }

	/**
	 * @param mask a mask or label image (non-zero = inside), any geometry
	 * @param factor block size in voxels along each axis (1 = full resolution)
	 * @return the 0.5 surface of the block-averaged, blurred mask, in LPS mm; empty for an empty mask
	 */
	public static <T extends RealType<T>> TriangleMesh smooth(final Volume<T> mask, final int factor, final ProgressListener progress) {
		return smooth(mask, factor, null, progress);
	}

	/**
	 * As {@link #smooth(Volume, int, ProgressListener)}, when the caller knows a box holding every non-zero voxel: only
	 * the mask inside it is read (the same surface).
	 *
	 * @param box {xmin, ymin, zmin, xmax, ymax, zmax} (inclusive) around every non-zero voxel, or null to read it all
	 */
	public static <T extends RealType<T>> TriangleMesh smooth(final Volume<T> mask, final int factor, final int[] box, final ProgressListener progress) {
		if (mask == null) throw new IllegalArgumentException("mask is null");
		final Volume<FloatType> field = fraction(mask, factor, box);
		blur(field);
		return MarchingCubes.extract(field, 0.5, 1, progress);
	}

	/**
	 * The fraction of non-zero voxels in each factor³ block (blocks past the border count the missing voxels as
	 * outside), on a grid whose voxel centres are the blocks' centres.
	 */
	static <T extends RealType<T>> Volume<FloatType> fraction(final Volume<T> mask, final int factor) {
		return fraction(mask, factor, null);
	}

	/** As above, reading only the mask inside box ({xmin, ymin, zmin, xmax, ymax, zmax} inclusive; null: all of it). */
	static <T extends RealType<T>> Volume<FloatType> fraction(final Volume<T> mask, final int factor, final int[] box) {
		if (factor < 1 || factor > 15) throw new IllegalArgumentException("block factor must be 1 to 15, got " + factor);
		final PlanarImg<UnsignedByteType, ?> m = Planar.asUnsignedBytes(mask.image());
		final int nx = mask.size(0), ny = mask.size(1), nz = mask.size(2);
		final int ox = (nx + factor - 1) / factor, oy = (ny + factor - 1) / factor, oz = (nz + factor - 1) / factor;
		final PlanarImg<FloatType, ?> out = Planar.floats(ox, oy, oz);
		final float scale = 1f / (factor * factor * factor);
		final int words = nx >>> 3;
		// what is read: the box's rows and planes, and the words of eight voxels that overlap its columns
		final int bx0 = box == null ? 0 : Math.max(0, box[0]), by0 = box == null ? 0 : Math.max(0, box[1]), bz0 = box == null ? 0 : Math.max(0, box[2]);
		final int bx1 = box == null ? nx - 1 : Math.min(nx - 1, box[3]), by1 = box == null ? ny - 1 : Math.min(ny - 1, box[4]), bz1 = box == null ? nz - 1 : Math.min(nz - 1, box[5]);
		final int w0 = Math.min(words, bx0 >>> 3), w1 = Math.min(words, (bx1 >>> 3) + 1);
		Parallel.forEach(oz, z -> {
			final float[] o = Planar.plane(out, z);
			if (z * factor > bz1 || (z + 1) * factor - 1 < bz0) return;
			// per 8 voxels of a row, eight byte-wide counts of the inside voxels of the block's rows and slices
			// (at most factor² <= 255 per byte, so factor is at most 15)
			final long[] acc = new long[words];
			final int[] tail = new int[nx - (words << 3)];
			for (int y = 0; y < oy; y++) {
				if (y * factor > by1 || (y + 1) * factor - 1 < by0) continue;
				java.util.Arrays.fill(acc, 0);
				java.util.Arrays.fill(tail, 0);
				for (int zz = Math.max(z * factor, bz0), ze = Math.min(Math.min(nz, z * factor + factor), bz1 + 1); zz < ze; zz++) {
					final byte[] p = Planar.plane(m, zz);
					for (int yy = Math.max(y * factor, by0), ye = Math.min(Math.min(ny, y * factor + factor), by1 + 1); yy < ye; yy++) {
						final int row = yy * nx;
						for (int w = w0; w < w1; w++) {
							// each byte to 1 when non-zero: OR its eight bits into its lowest
							long t = (long) LONGS.get(p, row + (w << 3));
							t |= t >>> 4;
							t |= t >>> 2;
							t |= t >>> 1;
							acc[w] += t & 0x0101010101010101L;
						}
						for (int x = words << 3; x < nx; x++)
							tail[x - (words << 3)] += p[row + x] != 0 ? 1 : 0;
					}
				}
				for (int bx = 0, x = 0; bx < ox; bx++) {
					int c = 0;
					for (final int xe = Math.min(nx, x + factor); x < xe; x++)
						c += x < words << 3 ? (int) (acc[x >>> 3] >>> ((x & 7) << 3)) & 0xff : tail[x - (words << 3)];
					o[y * ox + bx] = c * scale;
				}
			}
		});
		final Geometry g = mask.geometry();
		final double[] spacing = new double[3], shift = new double[3];
		for (int d = 0; d < 3; d++) {
			spacing[d] = g.spacing(d) * factor;
			shift[d] = (factor - 1) / 2.0;
		}
		// the block's centre is index (factor - 1) / 2 of the mask's grid
		return new Volume<>(out, new Geometry(spacing, g.toPhysical(shift), g.direction()), mask.info());
	}

	/** [1 2 1] / 4 along x, y and z in place, the border value repeated. */
	static void blur(final Volume<FloatType> field) {
		final PlanarImg<FloatType, ?> img = Planar.asFloats(field.image());
		final int nx = field.size(0), ny = field.size(1), nz = field.size(2);
		final float[][] planes = new float[nz][];
		for (int z = 0; z < nz; z++)
			planes[z] = Planar.plane(img, z);
		Parallel.forEach(nz, z -> {
			final float[] p = planes[z];
			if (nx > 1) for (int r = 0; r < nx * ny; r += nx) {
				float left = p[r], here = p[r];
				for (int x = 0; x < nx - 1; x++) {
					final float right = p[r + x + 1];
					p[r + x] = 0.25f * (left + here + here + right);
					left = here;
					here = right;
				}
				p[r + nx - 1] = 0.25f * (left + here + here + here);
			}
			if (ny > 1) {
				// along y a row at a time, keeping the unblurred previous and current rows
				final float[] prev = new float[nx], cur = new float[nx];
				System.arraycopy(p, 0, prev, 0, nx);
				for (int y = 0; y < ny; y++) {
					System.arraycopy(p, y * nx, cur, 0, nx);
					final int next = Math.min(ny - 1, y + 1) * nx, r = y * nx;
					for (int x = 0; x < nx; x++)
						p[r + x] = 0.25f * (prev[x] + cur[x] + cur[x] + p[next + x]);
					System.arraycopy(cur, 0, prev, 0, nx);
				}
			}
		});
		if (nz < 2) return;
		// along z: rows of all planes at once, each task a band of rows, reading the unblurred neighbours from a copy
		final int n = nx * ny, band = Math.max(nx, 4096);
		Parallel.forEach((n + band - 1) / band, b -> {
			final int from = b * band, to = Math.min(n, from + band), len = to - from;
			final float[] below = new float[len], here = new float[len];
			System.arraycopy(planes[0], from, below, 0, len);
			for (int z = 0; z < nz; z++) {
				System.arraycopy(planes[z], from, here, 0, len);
				final float[] above = planes[Math.min(nz - 1, z + 1)], p = planes[z];
				for (int i = 0; i < len; i++)
					p[from + i] = 0.25f * (below[i] + 2 * here[i] + above[from + i]);
				System.arraycopy(here, 0, below, 0, len);
			}
		});
	}

}
