package org.lungprep.io.dicom;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.lungprep.core.Geometry;
import org.lungprep.core.Parallel;
import org.lungprep.core.Planar;
import org.lungprep.core.Volume;

import net.imglib2.img.planar.PlanarImg;
import net.imglib2.type.numeric.integer.ShortType;

/**
 * Optional geometry corrections on converted (HU) slices, both reported as warnings:
 * <ul>
 * <li>gantry tilt: every slice is shifted within its plane (bilinear) so that its voxels lie on the orthogonal grid
 * through the first slice, as dcm2niix does; samples from outside a slice become the padding value (air);</li>
 * <li>uneven spacing: slices are resampled linearly along the normal onto a regular grid at the median step, from the
 * first to the last slice.</li>
 * </ul>
 */
final class SliceCorrections {

	private SliceCorrections() { }

	static Volume<ShortType> apply(final Volume<ShortType> v, final SeriesGeometry g, final DicomReadOptions o, final short air) {
		Volume<ShortType> out = v;
		final List<SliceHeader> s = g.sorted;
		if (s.size() < 2 || s.get(0).position == null) return out;
		final Geometry geo = v.geometry();
		final double[] row = geo.axis(0), col = geo.axis(1), n = geo.axis(2);
		final double[] p0 = s.get(0).position;
		final double[] along = new double[s.size()];
		for (int k = 0; k < s.size(); k++)
			along[k] = SeriesGeometry.dot(SeriesGeometry.sub(s.get(k).position, p0), n);
		if (o.tiltCorrection() && g.tiltDegrees > 0.05) out = untilt(out, s, p0, row, col, n, air, g.tiltDegrees);
		if (o.regularGrid()) out = regular(out, along);
		return out;
	}

	private static Volume<ShortType> untilt(final Volume<ShortType> v, final List<SliceHeader> s, final double[] p0, final double[] row,
		final double[] col, final double[] n, final short air, final double tilt)
	{
		final int nx = v.size(0), ny = v.size(1), nz = v.size(2);
		final double sx = v.geometry().spacing(0), sy = v.geometry().spacing(1);
		final PlanarImg<ShortType, ?> src = Planar.asShorts(v.image());
		final PlanarImg<ShortType, ?> dst = Planar.shorts(nx, ny, nz);
		final double[] max = { 0 };
		final double[][] shifts = new double[nz][2];
		for (int z = 0; z < nz; z++) {
			final double[] d = SeriesGeometry.sub(s.get(z).position, p0);
			final double a = SeriesGeometry.dot(d, n);
			final double[] off = { d[0] - a * n[0], d[1] - a * n[1], d[2] - a * n[2] };
			// the slice's own (x, y) that lies on the orthogonal grid point (x, y): shift by -offset
			shifts[z][0] = -SeriesGeometry.dot(off, row) / sx;
			shifts[z][1] = -SeriesGeometry.dot(off, col) / sy;
			max[0] = Math.max(max[0], Math.sqrt(SeriesGeometry.dot(off, off)));
		}
		Parallel.forEach(nz, z -> {
			final short[] a = Planar.plane(src, z), b = Planar.plane(dst, z);
			final double dx = shifts[z][0], dy = shifts[z][1];
			for (int y = 0; y < ny; y++)
				for (int x = 0; x < nx; x++) {
					final double u = x + dx, w = y + dy;
					final int x0 = (int) Math.floor(u), y0 = (int) Math.floor(w);
					if (x0 < 0 || y0 < 0 || x0 + 1 >= nx || y0 + 1 >= ny) {
						b[y * nx + x] = air;
						continue;
					}
					final double fx = u - x0, fy = w - y0;
					final int i = y0 * nx + x0;
					final double val = (1 - fy) * ((1 - fx) * a[i] + fx * a[i + 1]) + fy * ((1 - fx) * a[i + nx] + fx * a[i + nx + 1]);
					b[y * nx + x] = (short) Math.round(val);
				}
		});
		// the reader's "sheared" warning no longer holds
		final List<String> kept = new ArrayList<>();
		for (final String w : v.info().warnings())
			if (!w.startsWith("gantry tilt")) kept.add(w);
		final org.lungprep.core.VolumeInfo i = v.info();
		final org.lungprep.core.VolumeInfo info = new org.lungprep.core.VolumeInfo(i.source(), i.seriesUid(), i.patientId(), i.modality(), i.description(), kept,
			i.extra());
		return new Volume<>(dst, v.geometry(), info.withWarning(String.format(Locale.ROOT,
			"gantry tilt of %.2f degrees corrected: slices shifted within their planes by up to %.1f mm (bilinear) onto an orthogonal grid", tilt, max[0])));
	}

	private static Volume<ShortType> regular(final Volume<ShortType> v, final double[] along) {
		final int nx = v.size(0), ny = v.size(1), nz = v.size(2);
		final double step = v.geometry().spacing(2);
		final int m = (int) Math.floor((along[nz - 1] - along[0]) / step + 1e-6) + 1;
		boolean even = m == nz;
		for (int k = 0; k < nz && even; k++)
			even = Math.abs(along[k] - along[0] - k * step) < 0.01 * step;
		if (even) return v;
		final PlanarImg<ShortType, ?> src = Planar.asShorts(v.image());
		final PlanarImg<ShortType, ?> dst = Planar.shorts(nx, ny, m);
		Parallel.forEach(m, j -> {
			final double t = along[0] + j * step;
			int k = 0;
			while (k + 1 < nz - 1 && along[k + 1] < t)
				k++;
			final double f = Math.max(0, Math.min(1, (t - along[k]) / (along[k + 1] - along[k])));
			final short[] a = Planar.plane(src, k), b = Planar.plane(src, k + 1), o = Planar.plane(dst, j);
			for (int i = 0; i < o.length; i++)
				o[i] = (short) Math.round((1 - f) * a[i] + f * b[i]);
		});
		return new Volume<>(dst, v.geometry(), v.info().withWarning(String.format(Locale.ROOT,
			"uneven slice spacing resampled onto a regular grid: %d slices at %.4g mm (linear along the normal), from %d acquired slices", m, step, nz)));
	}
}
