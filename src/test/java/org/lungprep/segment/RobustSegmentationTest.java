package org.lungprep.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.lungprep.core.Planar;
import org.lungprep.core.ProgressListener;
import org.lungprep.core.Volume;
import org.lungprep.phantom.ChestPhantom;
import org.lungprep.phantom.PhantomCase;
import org.lungprep.pipeline.CtLoader;
import org.lungprep.pipeline.LoadOptions;
import org.lungprep.resample.ResampleSettings;
import org.lungprep.resample.Resampler;
import org.lungprep.testutil.TestData;

import net.imglib2.img.planar.PlanarImg;
import net.imglib2.type.numeric.integer.ShortType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.view.Views;

/** The robust method against the phantom's known anatomy, and on the real CPTAC series. */
class RobustSegmentationTest {

	/** Agreement of a segmentation with the phantom's truth. */
	private static double[] compare(final PhantomCase ph, final LungSegmentation s) {
		final PlanarImg<UnsignedByteType, ?> truth = Planar.asUnsignedBytes(ph.lungLabels().image());
		final PlanarImg<UnsignedByteType, ?> found = Planar.asUnsignedBytes(s.labels().image());
		final PlanarImg<UnsignedByteType, ?> trachea = Planar.asUnsignedBytes(ph.trachea().image());
		final PlanarImg<UnsignedByteType, ?> nodule = Planar.asUnsignedBytes(ph.nodule().image());
		long both = 0, t = 0, f = 0, wrongSide = 0, tracheaIn = 0, tracheaAll = 0, noduleLung = 0, noduleLungIn = 0;
		for (int z = 0; z < ph.hu().size(2); z++) {
			final byte[] a = Planar.plane(truth, z), b = Planar.plane(found, z), tr = Planar.plane(trachea, z), no = Planar.plane(nodule, z);
			for (int i = 0; i < a.length; i++) {
				if (a[i] != 0) t++;
				if (b[i] != 0) f++;
				if (a[i] != 0 && b[i] != 0) {
					both++;
					if (a[i] != b[i]) wrongSide++;
				}
				if (tr[i] != 0) {
					tracheaAll++;
					if (b[i] != 0) tracheaIn++;
				}
				if (no[i] != 0 && a[i] != 0) {
					noduleLung++;
					if (b[i] != 0) noduleLungIn++;
				}
			}
		}
		return new double[] { 2.0 * both / (t + f), wrongSide / (double) both, tracheaIn / (double) Math.max(1, tracheaAll), noduleLungIn / (double) noduleLung,
			tracheaAll };
	}

	@Test
	void phantomAtItsOwnSpacing() {
		final PhantomCase ph = ChestPhantom.builder().shape(192, 192, 64).spacing(1.8, 1.8, 5).build();
		final LungSegmentation s = LungSegmenter.segment(ph.hu(), SegmentSettings.DEFAULT, ProgressListener.NONE);
		final double[] c = compare(ph, s);
		assertTrue(c[0] >= 0.98, "Dice " + c[0]);
		assertEquals(0, c[1], 1e-3, "right and left labels");
		assertTrue(c[4] > 100, "the phantom has an airway outside the lungs: " + c[4]);
		assertTrue(c[2] <= 0.01, "trachea excluded: " + c[2] + " of its voxels in the mask");
		assertTrue(c[3] >= 0.9, "the nodule's lung part is inside the mask: " + c[3]);
		assertTrue(s.qc().rightMl() > 1000 && s.qc().leftMl() > 1000, s.qc().toMap().toString());
		assertTrue(s.qc().warnings().isEmpty(), s.qc().warnings().toString());
	}

	@Test
	void phantomResampledToOneMillimetre() {
		final PhantomCase ph = ChestPhantom.builder().shape(160, 160, 48).spacing(2, 2, 5).seed(7).build();
		final Volume<ShortType> iso = Resampler.resample(ph.hu(), ResampleSettings.isotropic(1.5), ProgressListener.NONE);
		final Volume<UnsignedByteType> truth = Resampler.resample(ph.lungLabels(), ResampleSettings.isotropic(1.5), ProgressListener.NONE);
		final LungSegmentation s = LungSegmenter.segment(iso, SegmentSettings.DEFAULT, ProgressListener.NONE);
		long both = 0, t = 0, f = 0;
		final PlanarImg<UnsignedByteType, ?> a = Planar.asUnsignedBytes(truth.image()), b = Planar.asUnsignedBytes(s.labels().image());
		for (int z = 0; z < iso.size(2); z++) {
			final byte[] pa = Planar.plane(a, z), pb = Planar.plane(b, z);
			for (int i = 0; i < pa.length; i++) {
				if (pa[i] != 0) t++;
				if (pb[i] != 0) f++;
				if (pa[i] != 0 && pa[i] == pb[i]) both++;
			}
		}
		assertTrue(2.0 * both / (t + f) >= 0.98, "Dice with matching labels " + 2.0 * both / (t + f));
		// the main bronchi are airway too: at thin slices they must not join the two lungs through the carina
		final Volume<UnsignedByteType> airway = Resampler.resample(ph.trachea(), ResampleSettings.isotropic(1.5).withInterpolation(org.lungprep.resample.Interpolation.NEAREST),
			ProgressListener.NONE);
		final PlanarImg<UnsignedByteType, ?> aw = Planar.asUnsignedBytes(airway.image());
		long airwayAll = 0, airwayIn = 0;
		for (int z = 0; z < iso.size(2); z++) {
			final byte[] pa = Planar.plane(aw, z), pb = Planar.plane(b, z);
			for (int i = 0; i < pa.length; i++)
				if (pa[i] != 0) {
					airwayAll++;
					if (pb[i] != 0) airwayIn++;
				}
		}
		assertTrue(airwayAll > 100, "the phantom has an airway outside the lungs");
		// the truth is drawn at 5 mm slices and taken to 1.5 mm by nearest neighbour, so its ends are blocky; without the
		// airway wall's rim removed 8 % of it was in the mask and the bronchi joined the lungs
		assertTrue(airwayIn <= 0.05 * airwayAll, "airway outside the lungs in the mask: " + airwayIn + " of " + airwayAll);
		final ConnectedComponents.Result cc = ConnectedComponents.label(s.labels().image(), org.lungprep.core.Connectivity.TWENTY_SIX);
		assertEquals(2, cc.count(), "two separate lungs, not joined through the bronchi");
		assertEquals(cc.count(), s.qc().components(), "the QC's component count is the mask's");
	}

	/**
	 * The demo's case: 5 mm slices resampled to 1 mm. The main bronchi run nearly parallel to the slices, and the
	 * partial volume of their walls is a sheet 3-4 slices thick that joined the lungs as a fin reaching to the carina
	 * (1288 voxels more than 3 mm outside the true lungs before the stacked wall was removed with the airway).
	 */
	@Test
	void thickSlicesLeaveNoBronchusWallFinsInTheMediastinum() {
		final PhantomCase ph = ChestPhantom.builder().shape(192, 192, 64).spacing(1.8, 1.8, 5).build();
		final Volume<ShortType> iso = Resampler.resample(ph.hu(), ResampleSettings.isotropic(1), ProgressListener.NONE);
		final Volume<UnsignedByteType> truth = Resampler.resample(ph.lungLabels(), ResampleSettings.isotropic(1).withInterpolation(org.lungprep.resample.Interpolation.NEAREST),
			ProgressListener.NONE);
		final PlanarImg<UnsignedByteType, ?> near = Planar.asUnsignedBytes(MaskMargin.grow(truth, 3).image());
		final LungSegmentation s = LungSegmenter.segment(iso, SegmentSettings.DEFAULT, ProgressListener.NONE);
		final PlanarImg<UnsignedByteType, ?> found = Planar.asUnsignedBytes(s.labels().image());
		long outside = 0;
		for (int z = 0; z < iso.size(2); z++) {
			final byte[] f = Planar.plane(found, z), n = Planar.plane(near, z);
			for (int i = 0; i < f.length; i++)
				if (f[i] != 0 && n[i] == 0) outside++;
		}
		assertTrue(outside <= 20, outside + " mask voxels more than 3 mm outside the phantom's lungs");
		assertEquals(ph.lungMillilitres(), s.qc().totalMl(), 0.03 * ph.lungMillilitres(), s.qc().toMap().toString());
	}

	/** Runs along z stacked on the airway: thin ones go (and become airway), long ones and unstacked ones stay. */
	@Test
	void stackedWallRunsAreThinRunsTouchingTheAirway() {
		final int nz = 20;
		final byte[][] mask = new byte[nz][], airway = new byte[nz][];
		for (int z = 0; z < nz; z++)
			mask[z] = new byte[4];
		// column 0: airway at z 5-6, a 3-slice run on it (7-9), and a run from 12 on that does not touch it
		airway[5] = new byte[4];
		airway[6] = new byte[4];
		airway[5][0] = airway[6][0] = 1;
		for (int z = 7; z <= 9; z++) mask[z][0] = 1;
		for (int z = 12; z < nz; z++) mask[z][0] = 1;
		// column 1: airway at z 5-6, a long run (7-19) above it
		airway[5][1] = airway[6][1] = 1;
		for (int z = 7; z < nz; z++) mask[z][1] = 1;
		// column 2: a 3-slice run (7-9) in a column the airway passes through at z 5, but not touching it
		airway[5][2] = 1;
		for (int z = 7; z <= 9; z++) mask[z][2] = 1;
		// column 3: a thin run ending right below the airway (2-4 under airway 5)
		airway[5][3] = 1;
		for (int z = 2; z <= 4; z++) mask[z][3] = 1;
		RobustSegmentation.removeStackedWall(mask, airway, 2, 2, 1.0);
		for (int z = 7; z <= 9; z++) {
			assertEquals(0, mask[z][0], "thin run stacked on the airway, z " + z);
			assertEquals(1, airway[z][0], "recorded as airway, z " + z);
			assertEquals(1, mask[z][2], "thin run not touching the airway stays, z " + z);
		}
		for (int z = 12; z < nz; z++)
			assertEquals(1, mask[z][0], "a run away from the airway stays, z " + z);
		for (int z = 7; z < nz; z++)
			assertEquals(1, mask[z][1], "a long run on the airway stays, z " + z);
		for (int z = 2; z <= 4; z++)
			assertEquals(0, mask[z][3], "thin run below the airway, z " + z);
		// at 3 mm slices a 2-slice run is 6 mm: not thinner than the limit, stays
		final byte[][] m2 = { { 0 }, { 1 }, { 1 }, { 0 } }, a2 = { { 1 }, null, null, null };
		RobustSegmentation.removeStackedWall(m2, a2, 1, 1, 3.0);
		assertEquals(1, m2[1][0]);
		assertEquals(1, m2[2][0]);
		final byte[][] m3 = { { 0 }, { 1 }, { 0 } }, a3 = { { 1 }, null, null };
		RobustSegmentation.removeStackedWall(m3, a3, 1, 1, 3.0);
		assertEquals(0, m3[1][0], "one 3 mm slice is thinner than 6 mm");
	}

	@Test
	void tightFieldOfViewWhereTheBodyTouchesTheEdge() {
		// crop the phantom inside the body outline: outside air is split into corner pieces, as in the CPTAC series
		final PhantomCase ph = ChestPhantom.builder().shape(192, 192, 48).spacing(1.8, 1.8, 6).build();
		final long[] min = { 22, 0, 0 }, max = { 169, 191, 47 };
		final Volume<ShortType> cropped = ph.hu().withImage(Planar.copyOfShorts(Views.zeroMin(Views.interval(ph.hu().image(), min, max))));
		final LungSegmentation robust = LungSegmenter.segment(cropped, SegmentSettings.DEFAULT, ProgressListener.NONE);
		assertEquals(ph.lungMillilitres(), robust.qc().totalMl(), 0.05 * ph.lungMillilitres(), robust.qc().toMap().toString());
		assertTrue(robust.qc().rightMl() > 0 && robust.qc().leftMl() > 0);
	}

	@Test
	void smallAirPocketsNeverWin() {
		// a phantom without lungs in the lower half would leave bowel gas; here: a gas bubble of ~30 mL below the lungs
		final PhantomCase ph = ChestPhantom.builder().shape(128, 128, 60).spacing(2.5, 2.5, 5).build();
		final PlanarImg<ShortType, ?> img = Planar.asShorts(ph.hu().image());
		for (int z = 0; z < 3; z++) {
			final short[] p = Planar.plane(img, z);
			for (int y = 60; y < 70; y++)
				for (int x = 60; x < 70; x++)
					p[y * 128 + x] = -1000;
		}
		final LungSegmentation s = LungSegmenter.segment(ph.hu(), SegmentSettings.DEFAULT, ProgressListener.NONE);
		assertEquals(ph.lungMillilitres(), s.qc().totalMl(), 0.05 * ph.lungMillilitres());
		assertTrue(s.qc().firstSlice() > 2, "the gas bubble in slices 0-2 is not lung: first lung slice " + s.qc().firstSlice());
	}

	@Test
	void cptacHasTwoPlausibleLungsNoTracheaAndNothingOutsideTheBody() throws IOException {
		final Volume<ShortType> hu = CtLoader.load(TestData.cptac(), LoadOptions.DEFAULT, ProgressListener.NONE);
		final Volume<ShortType> iso = Resampler.resample(hu, ResampleSettings.isotropic(1), ProgressListener.NONE);
		final LungSegmentation s = LungSegmenter.segment(iso, SegmentSettings.DEFAULT, ProgressListener.NONE);
		final LungQc qc = s.qc();
		assertTrue(qc.rightMl() > 1000 && qc.leftMl() > 1000, qc.toMap().toString());
		assertTrue(qc.totalMl() > 1500 && qc.totalMl() < 9000, qc.toMap().toString());
		assertTrue(qc.rightMl() > qc.leftMl(), "the right lung is the larger one: " + qc.toMap());
		assertFalse(qc.touchesBorder(), "nothing at the image edge, so nothing of the outside air");
		// the trachea: the central air column of the top slices of the scan is not in the mask
		final PlanarImg<UnsignedByteType, ?> lab = Planar.asUnsignedBytes(s.labels().image());
		final PlanarImg<ShortType, ?> ct = Planar.asShorts(iso.image());
		final int nx = iso.size(0), ny = iso.size(1), nz = iso.size(2);
		long airInCentre = 0;
		for (int z = nz - 15; z < nz; z++) {
			final byte[] l = Planar.plane(lab, z);
			final short[] c = Planar.plane(ct, z);
			for (int y = 0; y < ny; y++)
				for (int x = nx / 2 - 20; x < nx / 2 + 20; x++) {
					final int i = y * nx + x;
					if (c[i] < -900 && x > 0) {
						assertEquals(0, l[i], "air at (" + x + ", " + y + ", " + z + ") in the top slices' centre is the trachea, not lung");
						airInCentre++;
					}
				}
		}
		assertTrue(airInCentre > 100, "the trachea is visible in the top slices: " + airInCentre);
		saveQcPicture(iso, s, Paths.get("target", "qc-robust-cptac.png"));
	}

	/** A picture for a person: axial and coronal slices with the labels in red (right) and blue (left). */
	static void saveQcPicture(final Volume<ShortType> ct, final LungSegmentation s, final Path file) throws IOException {
		final int nx = ct.size(0), ny = ct.size(1), nz = ct.size(2);
		final PlanarImg<ShortType, ?> c = Planar.asShorts(ct.image());
		final PlanarImg<UnsignedByteType, ?> l = Planar.asUnsignedBytes(s.labels().image());
		final int zMid = (s.qc().firstSlice() + s.qc().lastSlice()) / 2, yMid = ny / 2;
		final BufferedImage img = new BufferedImage(nx * 2, Math.max(ny, nz), BufferedImage.TYPE_INT_RGB);
		for (int y = 0; y < ny; y++)
			for (int x = 0; x < nx; x++)
				img.setRGB(x, y, colour(((short[]) Planar.plane(c, zMid))[y * nx + x], ((byte[]) Planar.plane(l, zMid))[y * nx + x]));
		for (int z = 0; z < nz; z++)
			for (int x = 0; x < nx; x++)
				img.setRGB(nx + x, nz - 1 - z, colour(((short[]) Planar.plane(c, z))[yMid * nx + x], ((byte[]) Planar.plane(l, z))[yMid * nx + x]));
		Files.createDirectories(file.getParent());
		ImageIO.write(img, "png", file.toFile());
	}

	private static int colour(final short hu, final byte label) {
		final int g = (int) Math.max(0, Math.min(255, (hu + 1000) * 255.0 / 1400));
		if (label == 1) return new Color((g + 255) / 2, g / 2, g / 2).getRGB();
		if (label == 2) return new Color(g / 2, g / 2, (g + 255) / 2).getRGB();
		return new Color(g, g, g).getRGB();
	}
}
