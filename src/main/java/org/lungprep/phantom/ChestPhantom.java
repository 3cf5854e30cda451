package org.lungprep.phantom;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.lungprep.core.Geometry;
import org.lungprep.core.Parallel;
import org.lungprep.core.Planar;
import org.lungprep.core.Volume;
import org.lungprep.core.VolumeInfo;

import net.imglib2.img.planar.PlanarImg;
import net.imglib2.type.numeric.integer.ShortType;
import net.imglib2.type.numeric.integer.UnsignedByteType;

/**
 * A synthetic chest CT with known anatomy, at any size and spacing: body (soft tissue with a fat layer), a table
 * below it, two lungs (-850 HU) with branching vessels and a nodule touching the pleura, trachea and main bronchi,
 * spine, and a circular field of view outside which the scanner stores padding. Patient coordinates are LPS: +x is the
 * patient's left, so the right lung has the lower x; +y is posterior (the table is at high y); +z is superior.
 * <p>
 * Sizes are relative to the field of view and the scan length, so the phantom looks the same at any resolution.
 */
public final class ChestPhantom {

	private ChestPhantom() { }

	/** @return a builder with the defaults: 192 x 192 x 64 voxels of 1.8 x 1.8 x 5 mm, seed 1 */
	public static Builder builder() {
		return new Builder();
	}

	/** Settings of a phantom. */
	public static final class Builder {
		private int nx = 192, ny = 192, nz = 64;
		private double sx = 1.8, sy = 1.8, sz = 5;
		private long seed = 1;

		/** @return this, with the number of voxels per axis (x, y, z), each 16..1024 */
		public Builder shape(final int x, final int y, final int z) {
			for (final int n : new int[] { x, y, z })
				if (n < 16 || n > 1024) throw new IllegalArgumentException("phantom size must be 16..1024 per axis, got " + x + "x" + y + "x" + z);
			nx = x;
			ny = y;
			nz = z;
			return this;
		}

		/** @return this, with the voxel spacing (x, y, z) in mm */
		public Builder spacing(final double x, final double y, final double z) {
			for (final double s : new double[] { x, y, z })
				if (!(s > 0) || s > 50) throw new IllegalArgumentException("phantom spacing must be in (0, 50] mm, got " + x + ", " + y + ", " + z);
			sx = x;
			sy = y;
			sz = z;
			return this;
		}

		/** @return this, with the seed of the vessel tree */
		public Builder seed(final long s) {
			seed = s;
			return this;
		}

		/** @return the phantom */
		public PhantomCase build() {
			return ChestPhantom.build(this);
		}
	}

	private static final short AIR = -1000, FAT = -100, SOFT = 40, LUNG = -850, VESSEL = 40, BONE = 700, TABLE = 300, PAD = -1024;

	/** A tube between two points with a radius (mm). */
	private static final class Tube {
		final double[] a, b;
		final double r;

		Tube(final double[] a, final double[] b, final double r) {
			this.a = a;
			this.b = b;
			this.r = r;
		}

		boolean contains(final double x, final double y, final double z) {
			final double dx = b[0] - a[0], dy = b[1] - a[1], dz = b[2] - a[2];
			final double len2 = dx * dx + dy * dy + dz * dz;
			double t = len2 == 0 ? 0 : ((x - a[0]) * dx + (y - a[1]) * dy + (z - a[2]) * dz) / len2;
			t = Math.max(0, Math.min(1, t));
			final double px = a[0] + t * dx - x, py = a[1] + t * dy - y, pz = a[2] + t * dz - z;
			return px * px + py * py + pz * pz <= r * r;
		}
	}

	private static PhantomCase build(final Builder b) {
		final int nx = b.nx, ny = b.ny, nz = b.nz;
		final double sx = b.sx, sy = b.sy, sz = b.sz;
		// centre of the field of view at x = y = 0; z from 0 (inferior) to the top
		final double[] origin = { -(nx - 1) / 2.0 * sx, -(ny - 1) / 2.0 * sy, 0 };
		final Geometry g = new Geometry(new double[] { sx, sy, sz }, origin, new double[] { 1, 0, 0, 0, 1, 0, 0, 0, 1 });
		final double fovR = Math.min(nx * sx, ny * sy) / 2;
		final double length = nz * sz;
		// body ellipse and organs, relative to the field of view
		final double bodyA = 0.86 * fovR, bodyB = 0.62 * fovR, bodyY = -0.05 * fovR;
		final double lungX = 0.40 * fovR, lungY = -0.02 * fovR, lungA = 0.27 * fovR, lungB = 0.40 * fovR;
		final double lungZ0 = 0.08 * length, lungZ1 = 0.92 * length;
		final double spineY = 0.40 * fovR, spineR = 0.09 * fovR;
		final double tableY0 = bodyY + bodyB + 0.04 * fovR, tableY1 = tableY0 + 0.05 * fovR, tableA = 0.80 * fovR;
		final double trR = Math.max(0.05 * fovR, 1.2 * Math.max(sx, sy)), trY = -0.12 * fovR;
		final double carinaZ = 0.62 * length;
		final List<Tube> airway = new ArrayList<>();
		airway.add(new Tube(new double[] { 0, trY, carinaZ }, new double[] { 0, trY, length + sz }, trR));
		for (final int side : new int[] { -1, 1 })
			airway.add(new Tube(new double[] { 0, trY, carinaZ }, new double[] { side * (lungX - 0.5 * lungA), lungY, carinaZ - 0.06 * length }, 0.75 * trR));
		final Random rnd = new Random(b.seed);
		final List<Tube> vessels = new ArrayList<>();
		for (final int side : new int[] { -1, 1 }) {
			final double[] hilum = { side * (lungX - 0.6 * lungA), lungY, 0.55 * length };
			for (int k = 0; k < 7; k++) {
				final double ang = rnd.nextDouble() * 2 * Math.PI;
				final double[] end = { side * lungX + 0.7 * lungA * Math.cos(ang) * rnd.nextDouble(), lungY + 0.75 * lungB * Math.sin(ang),
					lungZ0 + (lungZ1 - lungZ0) * (0.1 + 0.8 * rnd.nextDouble()) };
				vessels.add(new Tube(hilum, end, Math.max(0.012 * fovR, 0.7 * Math.max(sx, sy)) * (1 + rnd.nextDouble())));
			}
		}
		// the nodule: on the lateral pleura of the left lung, half inside the lung
		final double nodR = Math.max(0.05 * fovR, 2 * Math.max(sx, sy));
		final double[] nod = { lungX + lungA - 0.5 * nodR, lungY, 0.45 * length };
		final PlanarImg<ShortType, ?> hu = Planar.shorts(nx, ny, nz);
		final PlanarImg<UnsignedByteType, ?> fov = Planar.unsignedBytes(nx, ny, nz);
		final PlanarImg<UnsignedByteType, ?> lungs = Planar.unsignedBytes(nx, ny, nz);
		final PlanarImg<UnsignedByteType, ?> air = Planar.unsignedBytes(nx, ny, nz);
		final PlanarImg<UnsignedByteType, ?> nodule = Planar.unsignedBytes(nx, ny, nz);
		Parallel.forEach(nz, z -> {
			final short[] h = Planar.plane(hu, z);
			final byte[] f = Planar.plane(fov, z), l = Planar.plane(lungs, z), a = Planar.plane(air, z), n = Planar.plane(nodule, z);
			final double pz = origin[2] + z * sz;
			// lung cross-section shrinks towards apex and base (ellipsoid in z)
			final double zc = (lungZ0 + lungZ1) / 2, zr = (lungZ1 - lungZ0) / 2;
			final double q = 1 - Math.pow((pz - zc) / zr, 2);
			final double lungScale = q > 0 ? Math.sqrt(q) : 0;
			for (int y = 0; y < ny; y++) {
				final double py = origin[1] + y * sy;
				for (int x = 0; x < nx; x++) {
					final double px = origin[0] + x * sx;
					final int i = y * nx + x;
					if (px * px + py * py > fovR * fovR) {
						f[i] = 1;
						h[i] = PAD;
						continue;
					}
					short v = AIR;
					final double be = sq(px / bodyA) + sq((py - bodyY) / bodyB);
					if (be <= 1) v = be > 0.86 ? FAT : SOFT;
					if (py >= tableY0 && py <= tableY1 && Math.abs(px) <= tableA) v = TABLE;
					if (sq(px) + sq(py - spineY) <= spineR * spineR) v = BONE;
					int lung = 0;
					if (lungScale > 0) for (final int side : new int[] { -1, 1 }) {
						final double e = sq((px - side * lungX) / (lungA * lungScale)) + sq((py - lungY) / (lungB * lungScale));
						if (e <= 1) lung = side < 0 ? 1 : 2;
					}
					final boolean inNodule = sq(px - nod[0]) + sq(py - nod[1]) + sq(pz - nod[2]) <= nodR * nodR;
					if (lung != 0) {
						v = LUNG;
						for (final Tube t : vessels)
							if (t.contains(px, py, pz)) {
								v = VESSEL;
								break;
							}
					}
					if (inNodule) {
						v = SOFT;
						n[i] = 1;
						if (lung != 0) lung = 2;
					}
					boolean inAirway = false;
					for (final Tube t : airway)
						if (t.contains(px, py, pz)) inAirway = true;
					if (inAirway && be <= 1) {
						v = AIR;
						if (lung == 0) a[i] = 1;
					}
					h[i] = v;
					l[i] = (byte) lung;
				}
			}
		});
		final VolumeInfo info = VolumeInfo.ofSource("LungPrep chest phantom").withModality("CT").withPatientId("PHANTOM")
			.withDescription("synthetic chest CT");
		return new PhantomCase(new Volume<>(hu, g, info), new Volume<>(fov, g, info), new Volume<>(lungs, g, info), new Volume<>(air, g, info),
			new Volume<>(nodule, g, info));
	}

	private static double sq(final double v) {
		return v * v;
	}
}
