package org.lungprep.mesh;

import java.util.function.ToDoubleFunction;

import net.imglib2.img.planar.PlanarImg;
import net.imglib2.type.numeric.real.FloatType;

import org.lungprep.core.Geometry;
import org.lungprep.core.Planar;
import org.lungprep.core.Volume;
import org.lungprep.core.VolumeInfo;

/** Analytic test volumes: a signed function of the LPS position sampled on a geometry. */
final class Phantoms {

	private Phantoms() { }

	/** Samples f(LPS position) at every voxel centre. */
	static Volume<FloatType> sample(final int nx, final int ny, final int nz, final Geometry g, final ToDoubleFunction<double[]> f) {
		final PlanarImg<FloatType, ?> img = Planar.floats(nx, ny, nz);
		final double[] idx = new double[3];
		for (int z = 0; z < nz; z++) {
			final float[] p = Planar.plane(img, z);
			for (int y = 0; y < ny; y++)
				for (int x = 0; x < nx; x++) {
					idx[0] = x;
					idx[1] = y;
					idx[2] = z;
					p[y * nx + x] = (float) f.applyAsDouble(g.toPhysical(idx));
				}
		}
		return new Volume<>(img, g, VolumeInfo.ofSource("phantom"));
	}

	/** Positive inside a ball: radius − distance to the centre. */
	static ToDoubleFunction<double[]> ball(final double[] c, final double r) {
		return p -> r - Math.sqrt(sq(p[0] - c[0]) + sq(p[1] - c[1]) + sq(p[2] - c[2]));
	}

	/** Positive inside a torus around the z axis through c: tube radius − distance to the core circle. */
	static ToDoubleFunction<double[]> torus(final double[] c, final double big, final double small) {
		return p -> {
			final double rho = Math.sqrt(sq(p[0] - c[0]) + sq(p[1] - c[1]));
			return small - Math.sqrt(sq(rho - big) + sq(p[2] - c[2]));
		};
	}

	static double sq(final double v) { return v * v; }
}
