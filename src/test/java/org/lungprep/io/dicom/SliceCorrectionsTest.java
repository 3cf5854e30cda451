package org.lungprep.io.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.nio.file.Path;

import org.lungprep.core.Geometry;
import org.lungprep.core.Planar;
import org.lungprep.core.VolumeInfo;
import net.imglib2.img.planar.PlanarImg;
import org.lungprep.core.ProgressListener;
import org.lungprep.core.Volume;
import org.lungprep.hu.HounsfieldConverter;
import org.lungprep.hu.HuOptions;
import org.lungprep.testutil.TestData;

import net.imglib2.type.numeric.integer.ShortType;

/** Gantry tilt correction and regular-grid resampling on the real tilted, unevenly spaced GE head series. */
class SliceCorrectionsTest {

	private static Volume<ShortType> load(final DicomReadOptions o) throws IOException {
		final DicomSeries s = DicomScanner.scan(TestData.get("edge_cases/gantry_tilt_variable_spacing_GE_head"), false, ProgressListener.NONE).select(null);
		return DicomSeriesReader.readConverted(s, o, HounsfieldConverter.sliceConverter(HuOptions.DEFAULT), ProgressListener.NONE);
	}

	@Test
	void tiltCorrectionPutsASphereBackWhereItIs() throws IOException {
		// a synthetic tilted series: slice positions move along y as z grows (20 degrees), a sphere of bone at C
		final double tilt = Math.toRadians(20);
		final double[] zAxis = { 0, Math.sin(tilt), Math.cos(tilt) };
		final Geometry sheared = new Geometry(new double[] { 1, 1, 2 / Math.cos(tilt) }, new double[] { -32, -32, -30 },
			new double[] { 1, 0, zAxis[0], 0, 1, zAxis[1], 0, 0, zAxis[2] });
		final double[] c = { 3, -4, 2 };
		final PlanarImg<ShortType, ?> img = Planar.shorts(64, 64, 30);
		for (int z = 0; z < 30; z++) {
			final short[] p = Planar.plane(img, z);
			for (int y = 0; y < 64; y++)
				for (int x = 0; x < 64; x++) {
					final double[] q = sheared.toPhysical(new double[] { x, y, z });
					final double d2 = (q[0] - c[0]) * (q[0] - c[0]) + (q[1] - c[1]) * (q[1] - c[1]) + (q[2] - c[2]) * (q[2] - c[2]);
					p[y * 64 + x] = (short) (d2 < 100 ? 1000 : 0);
				}
		}
		final Path dir = tmp.resolve("tilted");
		DicomWriter.writeSeries(new Volume<>(img, sheared, VolumeInfo.EMPTY), null, dir, "TILT", "tilted sphere");
		final DicomSeries s = DicomScanner.scan(dir, false, ProgressListener.NONE).select(null);
		assertEquals(20, s.geometry().tiltDegrees, 0.01);
		final Volume<ShortType> raw = DicomSeriesReader.readConverted(s, DicomReadOptions.DEFAULT, HounsfieldConverter.sliceConverter(HuOptions.DEFAULT),
			ProgressListener.NONE);
		final Volume<ShortType> fixed = DicomSeriesReader.readConverted(s, DicomReadOptions.DEFAULT.withTiltCorrection(true),
			HounsfieldConverter.sliceConverter(HuOptions.DEFAULT), ProgressListener.NONE);
		final double[] cRaw = centroid(raw), cFixed = centroid(fixed);
		final double errRaw = distance(cRaw, c), errFixed = distance(cFixed, c);
		assertTrue(errRaw > 3, "uncorrected, the orthogonal geometry misplaces the sphere: " + errRaw + " mm");
		assertTrue(errFixed < 0.5, "corrected: centroid " + java.util.Arrays.toString(cFixed) + " vs " + java.util.Arrays.toString(c));
		final String w = fixed.info().warnings().toString();
		assertTrue(w.contains("gantry tilt of 20.00 degrees corrected"), w);
		assertFalse(w.contains("stack is sheared"), w);
		assertTrue(raw.info().warnings().toString().contains("stack is sheared"), "not corrected unless asked");
	}

	@TempDir
	Path tmp;

	private static double[] centroid(final Volume<ShortType> v) {
		final double[] sum = new double[3];
		long n = 0;
		for (int z = 0; z < v.size(2); z++) {
			final short[] p = Planar.plane(Planar.asShorts(v.image()), z);
			for (int i = 0; i < p.length; i++)
				if (p[i] > 500) {
					final double[] q = v.geometry().toPhysical(new double[] { i % v.size(0), i / v.size(0), z });
					for (int d = 0; d < 3; d++)
						sum[d] += q[d];
					n++;
				}
		}
		return new double[] { sum[0] / n, sum[1] / n, sum[2] / n };
	}

	private static double distance(final double[] a, final double[] b) {
		return Math.sqrt((a[0] - b[0]) * (a[0] - b[0]) + (a[1] - b[1]) * (a[1] - b[1]) + (a[2] - b[2]) * (a[2] - b[2]));
	}

	@Test
	void regularGridResamplesUnevenSlices() throws IOException {
		final Volume<ShortType> raw = load(DicomReadOptions.DEFAULT);
		final Volume<ShortType> grid = load(DicomReadOptions.DEFAULT.withRegularGrid(true));
		assertEquals(28, raw.size(2));
		// first to last slice 144.1 mm apart at the 4.0019 mm median step: 37 slices
		assertEquals(37, grid.size(2));
		assertEquals(raw.geometry().spacing(2), grid.geometry().spacing(2), 1e-12);
		assertTrue(grid.info().warnings().toString().contains("regular grid: 37 slices"), grid.info().warnings().toString());
		// the first slice is the first acquired one
		assertTrue(java.util.Arrays.equals((short[]) Planar.plane(Planar.asShorts(raw.image()), 0), (short[]) Planar.plane(Planar.asShorts(grid.image()), 0)));
		assertThrows(IllegalArgumentException.class, () -> DicomSeriesReader.read(DicomScanner.scan(TestData.get("edge_cases/gantry_tilt_variable_spacing_GE_head"),
			false, ProgressListener.NONE).select(null), DicomReadOptions.DEFAULT.withRegularGrid(true), ProgressListener.NONE));
	}
}
