package org.lungprep.io.dicom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.lungprep.core.Planar;
import org.lungprep.core.ProgressListener;
import org.lungprep.core.Volume;
import org.lungprep.hu.HounsfieldConverter;
import org.lungprep.hu.HuOptions;
import org.lungprep.testutil.TestData;

import net.imglib2.type.numeric.integer.ShortType;

/**
 * Multi-frame Enhanced CT: frames become slices with positions, orientation and spacing from the functional groups.
 * Expected values read with pydicom 2.3.1 on 2026-11-24: per-frame ImagePositionPatient (99.5, -301.5, -159) and
 * (99.5, -301.5, -149), shared PixelSpacing 0.388672, ImageOrientationPatient (-1, 0, 0, 0, 1, 0).
 */
class EnhancedCtTest {

	@Test
	void framesBecomeSlicesWithTheirOwnPositions() throws IOException {
		final Path f = TestData.get("edge_cases/enhanced_ct_multiframe/eCT_Supplemental.dcm");
		final DicomSeries s = DicomScanner.scan(f, false, ProgressListener.NONE).select(null);
		assertEquals(2, s.sliceCount());
		final Volume<ShortType> v = DicomSeriesReader.readConverted(s, DicomReadOptions.DEFAULT, HounsfieldConverter.sliceConverter(HuOptions.DEFAULT),
			ProgressListener.NONE);
		assertArrayEquals(new long[] { 2, 512, 512 }, v.shapeZyx());
		assertArrayEquals(new double[] { 10, 0.388672, 0.388672 }, v.spacingZyx(), 1e-6);
		// the slice normal of (-1,0,0) x (0,1,0) is (0,0,-1): the first slice along it is the one at z = -149
		assertArrayEquals(new double[] { 99.5, -301.5, -149 }, v.geometry().origin(), 1e-6);
		assertEquals(-1, v.geometry().direction()[8], 1e-9);
		assertEquals(-159, v.geometry().toPhysical(new double[] { 0, 0, 1 })[2], 1e-6);
		final short[] a = Planar.plane(Planar.asShorts(v.image()), 0), b = Planar.plane(Planar.asShorts(v.image()), 1);
		assertFalse(java.util.Arrays.equals(a, b), "two different frames");
	}
}
