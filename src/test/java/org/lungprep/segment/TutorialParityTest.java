package org.lungprep.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lungprep.core.Planar;
import org.lungprep.core.ProgressListener;
import org.lungprep.core.Volume;
import org.lungprep.pipeline.CtLoader;
import org.lungprep.pipeline.LoadOptions;
import org.lungprep.resample.Grid;
import org.lungprep.resample.Interpolation;
import org.lungprep.resample.ResampleSettings;
import org.lungprep.resample.Resampler;
import org.lungprep.testutil.TestData;

import net.imglib2.img.planar.PlanarImg;
import net.imglib2.type.numeric.integer.ShortType;
import net.imglib2.type.numeric.integer.UnsignedByteType;

/**
 * The tutorial method on the CPTAC series resampled to 1 mm with the scipy grid, against the reference's masks.
 * Evidence: cptac_lungs_packbits.gz and cptac_lungs_fill_packbits.gz are the reference's lungs.npy and lungs_fill.npy
 * (made once on 2026-11-24 with /usr/bin/python3 ../shared/reference/tutorial_pipeline.py
 * ../shared/data/chest_ct/cptac-lscc_C3N-00247_lung3mm /tmp/ref_cptac), stored as
 * gzip(numpy.packbits(mask.astype(bool).ravel())) in (z, y, x) C order: 4,548,714 and 4,622,197 voxels.
 */
class TutorialParityTest {

	static Volume<ShortType> resampled;

	@BeforeAll
	static void load() throws IOException {
		final Volume<ShortType> hu = CtLoader.load(TestData.cptac(), LoadOptions.DEFAULT, ProgressListener.NONE);
		resampled = Resampler.resample(hu, ResampleSettings.isotropic(1).withGrid(Grid.SCIPY).withInterpolation(Interpolation.CUBIC), ProgressListener.NONE);
	}

	@Test
	void withoutFill() throws IOException {
		check(false, "cptac_lungs_packbits.gz", 4_548_714);
	}

	@Test
	void withFill() throws IOException {
		check(true, "cptac_lungs_fill_packbits.gz", 4_622_197);
	}

	private static void check(final boolean fill, final String evidence, final long expectedVoxels) throws IOException {
		final LungSegmentation s = LungSegmenter.segment(resampled, SegmentSettings.DEFAULT.withMethod(SegmentSettings.Method.TUTORIAL).withFill(fill),
			ProgressListener.NONE);
		final byte[] bits = read(evidence);
		final PlanarImg<UnsignedByteType, ?> img = Planar.asUnsignedBytes(s.labels().image());
		long both = 0, ours = 0, ref = 0, k = 0;
		for (int z = 0; z < resampled.size(2); z++) {
			final byte[] p = Planar.plane(img, z);
			for (final byte v : p) {
				final boolean r = (bits[(int) (k >> 3)] >> (7 - (k & 7)) & 1) != 0;
				k++;
				if (r) ref++;
				if (v != 0) ours++;
				if (r && v != 0) both++;
			}
		}
		assertEquals(expectedVoxels, ref, "evidence intact");
		final double dice = 2.0 * both / (ours + ref);
		assertTrue(dice >= 0.999, "Dice " + dice + " (fill " + fill + ")");
		assertEquals(ours * 1e-3, s.qc().totalMl(), 1e-6, "1 mm voxels: mL = voxels / 1000");
	}

	private static byte[] read(final String name) throws IOException {
		try (InputStream in = new GZIPInputStream(TutorialParityTest.class.getResourceAsStream(name))) {
			final ByteArrayOutputStream out = new ByteArrayOutputStream();
			in.transferTo(out);
			return out.toByteArray();
		}
	}
}
