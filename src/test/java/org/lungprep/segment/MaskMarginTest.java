package org.lungprep.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.lungprep.core.Geometry;
import org.lungprep.core.Planar;
import org.lungprep.core.Volume;
import org.lungprep.core.VolumeInfo;

import net.imglib2.img.planar.PlanarImg;
import net.imglib2.type.numeric.integer.UnsignedByteType;

/** The mask margin against brute force: a voxel is in when a mask voxel lies within the margin, in millimetres. */
class MaskMarginTest {

	@Test
	void matchesBruteForceBallsInMillimetres() {
		final Random r = new Random(11);
		for (int trial = 0; trial < 40; trial++) {
			final int nx = 3 + r.nextInt(14), ny = 3 + r.nextInt(12), nz = 1 + r.nextInt(9);
			final boolean grid = trial % 2 == 0;
			final double sx = grid ? 1 : 0.4 + r.nextDouble() * 1.5, sy = grid ? 1 : 0.4 + r.nextDouble() * 1.5, sz = grid ? 1 : 0.5 + r.nextDouble() * 3;
			final double mm = grid ? r.nextInt(5) : r.nextDouble() * 5;
			final PlanarImg<UnsignedByteType, ?> img = Planar.unsignedBytes(nx, ny, nz);
			final double density = 0.02 + 0.1 * r.nextDouble();
			for (int z = 0; z < nz; z++) {
				final byte[] p = Planar.plane(img, z);
				for (int i = 0; i < p.length; i++)
					if (r.nextDouble() < density) p[i] = (byte) (1 + r.nextInt(2));
			}
			final Volume<UnsignedByteType> grown = MaskMargin.grow(new Volume<>(img, Geometry.of(sx, sy, sz), VolumeInfo.ofSource("test")), mm);
			final PlanarImg<UnsignedByteType, ?> out = Planar.asUnsignedBytes(grown.image());
			for (int z = 0; z < nz; z++)
				for (int y = 0; y < ny; y++)
					for (int x = 0; x < nx; x++) {
						boolean expected = false;
						for (int zz = 0; zz < nz && !expected; zz++)
							for (int yy = 0; yy < ny && !expected; yy++)
								for (int xx = 0; xx < nx && !expected; xx++)
									if (((byte[]) Planar.plane(img, zz))[yy * nx + xx] != 0) {
										final double dx = sx * (x - xx), dy = sy * (y - yy), dz = sz * (z - zz);
										expected = dx * dx + dy * dy + dz * dz <= mm * mm;
									}
						assertEquals(expected ? 1 : 0, ((byte[]) Planar.plane(out, z))[y * nx + x], "trial " + trial + " voxel " + x + "," + y + "," + z
							+ " margin " + mm + " spacing " + sx + "," + sy + "," + sz);
					}
		}
	}

	@Test
	void negativeMarginIsRefused() {
		final Volume<UnsignedByteType> v = new Volume<>(Planar.unsignedBytes(2, 2, 2), Geometry.of(1, 1, 1), VolumeInfo.ofSource("test"));
		assertThrows(IllegalArgumentException.class, () -> MaskMargin.grow(v, -1));
	}
}
